/* store.c - database open/migrate, article insert and read; see store.h. */
#include "store.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"
#include "../util/datafile.h"
#include "../util/sha256.h"
#include "../util/tsv.h"
#include "fts_tokenizer.h"
#include "schema.h"
#include "terms.h"

#define STMT_CACHE 48

struct att_store {
    sqlite3 *db;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[STMT_CACHE];
    size_t n_cache;
    sqlite3_stmt *find_hash;
    sqlite3_stmt *insert;
    sqlite3_stmt *insert_fts;
    sqlite3_stmt *insert_head; /* headlines_fts: title and lead */
    sqlite3_stmt *insert_vocab; /* ATT_TERMS_INSERT_SQL, prepared on first use (vocab_insert) */
    att_terms *terms;           /* exact keys of the indexes (the tokenizer's state) */
    att_fts *fts;               /* the tokenizer's registration (att_fts_arm), owned by db */
    char *path;
    int readonly;               /* opened with ATT_STORE_READ */
    char busy_msg[200];         /* db_msg()'s text for SQLITE_BUSY */
    att_store_txn_hook hook;    /* att_store_set_txn_hook */
    double busy_since;          /* busy_wait: when the other process last made progress */
    uint64_t busy_sig;          /* busy_wait: the files' size and time then */
};

static int g_busy_ms = ATT_STORE_BUSY_MS;

void att_store_set_busy_timeout(int ms) { g_busy_ms = ms > 0 ? ms : ATT_STORE_BUSY_MS; }

/* Size and modification time of the database file and its write-ahead
 * log, folded into one number: it changes when another process commits. */
static uint64_t files_sig(const att_store *s)
{
    uint64_t h = 1469598103934665603ull;
    char wal[4200];
    const char *paths[2] = {s->path, wal};
    snprintf(wal, sizeof wal, "%s-wal", s->path ? s->path : "");
    for (int i = 0; i < 2 && s->path; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            continue;
        uint64_t v[3] = {(uint64_t)sb.st_size, (uint64_t)sb.st_mtim.tv_sec, (uint64_t)sb.st_mtim.tv_nsec};
        for (int k = 0; k < 3; k++)
            h = (h ^ v[k]) * 1099511628211ull;
    }
    return h;
}

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SQLite's busy handler: wait for another process's lock, as
 * sqlite3_busy_timeout() would, but the timeout counts time WITHOUT
 * PROGRESS: while the process holding the lock commits (the database or
 * its -wal file changes), the waiting one keeps waiting.  Two ingests of
 * many short transactions then take turns instead of the waiting one
 * giving up after 30 s of the other's work; a process that holds one
 * transaction open for longer than the timeout still makes it give up. */
static int busy_wait(void *ctx, int count)
{
    att_store *s = ctx;
    double now = mono_now();
    uint64_t sig = files_sig(s);
    if (count == 0 || sig != s->busy_sig) {
        s->busy_since = now;
        s->busy_sig = sig;
    }
    if ((now - s->busy_since) * 1000.0 >= (double)g_busy_ms)
        return 0;
    static const int delay_ms[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50};
    int d = count < (int)(sizeof delay_ms / sizeof delay_ms[0]) ? delay_ms[count] : 100;
    struct timespec ts = {0, (long)d * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

sqlite3 *att_store_db(att_store *s) { return s->db; }

const char *att_store_path(att_store *s) { return s->path; }

/* SQLite's message, or for SQLITE_BUSY (the busy timeout ran out) one
 * that says what happened. */
static const char *db_msg(att_store *s, const char *msg)
{
    if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY) {
        snprintf(s->busy_msg, sizeof s->busy_msg,
                 "the database is busy: another process held its lock for longer than the busy timeout "
                 "(%.1f s); try again when it is done",
                 g_busy_ms / 1000.0);
        return s->busy_msg;
    }
    return msg ? msg : sqlite3_errmsg(s->db);
}

static att_status db_err(att_store *s, char *err, size_t errlen, const char *what)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "%s: %s: %s", s->path, what, db_msg(s, NULL));
}

static att_status exec(att_store *s, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        att_seterr(err, errlen, ATT_ERR_DB, "%s: %s", s->path, db_msg(s, msg));
        sqlite3_free(msg);
        return ATT_ERR_DB;
    }
    return ATT_OK;
}

typedef struct rehash_ctx {
    sqlite3_stmt *update;
    att_status st;
} rehash_ctx;

static int rehash_one(void *p, const att_article *a, const att_article_meta *meta)
{
    rehash_ctx *c = p;
    char hex[65];
    if ((c->st = att_article_hash(a, hex)) != ATT_OK)
        return 1;
    sqlite3_bind_text(c->update, 1, hex, 64, SQLITE_STATIC);
    sqlite3_bind_int64(c->update, 2, meta->id);
    if (sqlite3_step(c->update) != SQLITE_DONE)
        c->st = ATT_ERR_DB;
    sqlite3_reset(c->update);
    return c->st != ATT_OK;
}

/* Migration ATT_REHASH_MIGRATION: the content hash is computed over another
 * view of the text (att_hash_view) than before, so every stored article's
 * hash is computed again - or re-ingesting an old article would store it
 * twice.  Two old articles that the new hash no longer tells apart keep
 * their old hashes (UPDATE OR IGNORE). */
static att_status rehash_articles(att_store *s, char *err, size_t errlen)
{
    rehash_ctx c = {NULL, ATT_OK};
    if (sqlite3_prepare_v2(s->db, "UPDATE OR IGNORE articles SET content_hash=?1 WHERE id=?2", -1, &c.update,
                           NULL) != SQLITE_OK)
        return db_err(s, err, errlen, "recomputing content hashes");
    att_status st = att_store_foreach_article(s, rehash_one, &c, err, errlen);
    sqlite3_finalize(c.update);
    if (st == ATT_OK && c.st != ATT_OK)
        st = c.st == ATT_ERR_DB ? db_err(s, err, errlen, "recomputing content hashes")
                                : att_seterr(err, errlen, c.st, "%s: recomputing content hashes: %s", s->path,
                                             att_status_str(c.st));
    return st;
}

/* Migration ATT_PAIRS_MIGRATION: the pair syllables from
 * data/phrase_syllables.tsv into index_pairs and the tokenizer, then both
 * indexes rebuilt so that they hold the pairs. */
static att_status index_pairs(att_store *s, char *err, size_t errlen)
{
    static const char name[] = "data/phrase_syllables.tsv";
    char *data;
    size_t len;
    att_status st = att_datafile_load(name, &data, &len, err, errlen);
    if (st != ATT_OK)
        return st;
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO index_pairs(syllable) VALUES(?1)", -1, &ins, NULL) !=
        SQLITE_OK) {
        free(data);
        return db_err(s, err, errlen, "filling index_pairs");
    }
    att_tsv t;
    att_tsv_init(&t, data, len);
    int col = -1;
    char *f[ATT_TSV_MAX_FIELDS];
    while (st == ATT_OK && att_tsv_next(&t, f, ATT_TSV_MAX_FIELDS)) {
        if (col < 0 && (col = att_tsv_col(&t, "syllable")) < 0) {
            st = att_seterr(err, errlen, ATT_ERR_FORMAT, "%s: no column \"syllable\"", name);
            break;
        }
        att_buf key = ATT_BUF_INIT;
        size_t n = strlen(f[col]);
        /* a listed syllable is used as its folded key, as the tokenizer sees
         * it; adding it here checks it with the file's line number at hand
         * (the set is then read back from the table, as every open does) */
        if (att_fold(f[col], n, &key) != ATT_OK)
            st = ATT_ERR_NOMEM;
        else if (key.len && att_terms_add_pairable(s->terms, key.data, key.len) != ATT_OK)
            st = att_seterr(err, errlen, ATT_ERR_FORMAT, "%s:%zu: \"%s\" is not a short syllable or the list is too long",
                            name, t.line, f[col]);
        else if (key.len) {
            sqlite3_bind_text(ins, 1, key.data, (int)key.len, SQLITE_TRANSIENT);
            if (sqlite3_step(ins) != SQLITE_DONE)
                st = db_err(s, err, errlen, "filling index_pairs");
            sqlite3_reset(ins);
        }
        att_buf_free(&key);
    }
    sqlite3_finalize(ins);
    free(data);
    if (st == ATT_OK && att_terms_load_pairs(s->terms, s->db) != ATT_OK)
        st = db_err(s, err, errlen, "reading index_pairs");
    if (st == ATT_OK)
        st = exec(s,
                  "INSERT INTO articles_fts(articles_fts) VALUES('rebuild');"
                  "INSERT INTO headlines_fts(headlines_fts) VALUES('rebuild');",
                  err, errlen);
    return st;
}

/* The statement that writes the vocabulary's new entries, prepared once
 * (NULL when it cannot be: att_terms_flush() then fails if it has
 * entries to write).  Asked for every article: a pointer test, not a
 * look-up in the statement cache. */
static sqlite3_stmt *vocab_insert(att_store *s)
{
    if (!s->insert_vocab)
        sqlite3_prepare_v2(s->db, ATT_TERMS_INSERT_SQL, -1, &s->insert_vocab, NULL);
    return s->insert_vocab;
}

/* Migration v (0-based) inside the caller's transaction: its SQL, the new
 * user_version, and what the store itself does for it. */
static att_status migration_step(att_store *s, size_t v, char *err, size_t errlen)
{
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%zu;", v + 1);
    if (exec(s, att_migrations[v], err, errlen) != ATT_OK || exec(s, pragma, err, errlen) != ATT_OK)
        return ATT_ERR_DB;
    if (v + 1 == ATT_REHASH_MIGRATION && rehash_articles(s, err, errlen) != ATT_OK)
        return ATT_ERR_DB;
    if (v + 1 == ATT_PAIRS_MIGRATION && index_pairs(s, err, errlen) != ATT_OK)
        return ATT_ERR_DB;
    /* the words an FTS rebuild met belong in the vocab table, written in
     * the same transaction (from the migration that creates the table) */
    if (v + 1 >= ATT_TERMS_MIGRATION && att_terms_flush(s->terms, vocab_insert(s)) != ATT_OK)
        return db_err(s, err, errlen, "saving the vocabulary");
    return ATT_OK;
}

/* The one integer sql returns (>= 0 here), or -1 on error. */
static int int_query(att_store *s, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* The schema version (PRAGMA user_version), or -1 on error. */
static int schema_version(att_store *s) { return int_query(s, "PRAGMA user_version"); }

/* Number of tables, indexes, views and triggers, or -1 on error. */
static int n_objects(att_store *s) { return int_query(s, "SELECT count(*) FROM sqlite_schema"); }

static att_status foreign(att_store *s, char *err, size_t errlen)
{
    return att_seterr(err, errlen, ATT_ERR_DB,
                      "%s: not an attache database (it holds other tables); refusing to read or change it",
                      s->path);
}

/* Did the read fail for want of the WAL's -shm file (a -wal file is
 * there, the -shm cannot be created)? */
static int pending_wal(att_store *s)
{
    int code = sqlite3_errcode(s->db) & 0xff;
    if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY)
        return 0;
    size_t n = strlen(s->path) + 5;
    char *wal = malloc(n);
    int there = wal && snprintf(wal, n, "%s-wal", s->path) > 0 && access(wal, F_OK) == 0;
    free(wal);
    return there;
}

/* What the file is, read before anything is written to it (store.h):
 * new (empty) and current are fine for writing, an older schema too (it
 * is migrated); reading needs the current schema.  A foreign file (tables
 * but no user_version, or a user_version without the articles table)
 * and a newer schema are refused either way. */
static att_status check_file(att_store *s, char *err, size_t errlen)
{
    int n = n_objects(s); /* the first read: "file is not a database" fails here */
    if (n < 0 && s->readonly && pending_wal(s))
        return att_seterr(err, errlen, ATT_ERR_DB,
                          "%s: cannot read it from here: its write-ahead log (%s-wal) needs a -shm file that "
                          "cannot be created in this folder; open the database once with write access "
                          "('attache check') to fold the log in",
                          s->path, s->path);
    if (n < 0)
        return db_err(s, err, errlen, "cannot read the database");
    int version = schema_version(s);
    if (version < 0)
        return db_err(s, err, errlen, "cannot read schema version");
    if (version == 0 && n == 0)
        return s->readonly ? att_seterr(err, errlen, ATT_ERR_NOTFOUND,
                                        "%s: empty database: run 'attache ingest' to fill it", s->path)
                           : ATT_OK;
    int has_articles = int_query(s, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='articles'");
    if (has_articles < 0)
        return db_err(s, err, errlen, "cannot read the database");
    if (version == 0 || !has_articles)
        return foreign(s, err, errlen);
    if ((size_t)version > att_n_migrations)
        return att_seterr(err, errlen, ATT_ERR_DB,
                          "%s: schema version %d is newer than this attache understands (%zu); "
                          "refusing to read or change it",
                          s->path, version, att_n_migrations);
    if (s->readonly && (size_t)version < att_n_migrations)
        return att_seterr(err, errlen, ATT_ERR_DB,
                          "%s: schema version %d is older than this attache's (%zu): "
                          "run 'attache migrate' (or any ingest) to upgrade it",
                          s->path, version, att_n_migrations);
    return ATT_OK;
}

/* Each migration in its own BEGIN IMMEDIATE transaction that first reads
 * the version again: several processes opening a new (or old) database at
 * once take turns (the busy timeout), and each one sees the version the
 * one before it committed - none applies a migration twice. */
static att_status migrate(att_store *s, char *err, size_t errlen)
{
    /* versions only grow: a current database needs no write lock (an
     * ingest then opens while another one writes) */
    if (schema_version(s) == (int)att_n_migrations)
        return ATT_OK;
    for (;;) {
        if (exec(s, "BEGIN IMMEDIATE", err, errlen) != ATT_OK)
            return ATT_ERR_DB;
        int version = schema_version(s);
        if (version == 0 && n_objects(s) != 0) { /* tables, but not attache's */
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return foreign(s, err, errlen);
        }
        if (version < 0 || (size_t)version >= att_n_migrations) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            if (version < 0)
                return db_err(s, err, errlen, "cannot read schema version");
            if ((size_t)version > att_n_migrations)
                return att_seterr(err, errlen, ATT_ERR_DB,
                                  "%s: schema version %d is newer than this attache understands (%zu)",
                                  s->path, version, att_n_migrations);
            break;
        }
        if (migration_step(s, (size_t)version, err, errlen) != ATT_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            att_terms_end(s->terms, 0);
            return ATT_ERR_DB;
        }
        if (exec(s, "COMMIT", err, errlen) != ATT_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            att_terms_end(s->terms, 0);
            return ATT_ERR_DB;
        }
        att_terms_end(s->terms, 1);
    }
    return ATT_OK;
}

int att_store_init_process(void)
{
    /* SQLite counts the memory it allocates under a global mutex on every
     * allocation; attache never reads the counts.  Allowed only before
     * SQLite initializes: later it answers SQLITE_MISUSE and nothing
     * changes. */
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

/* A reader of a WAL database needs its -shm file, which it creates if
 * missing; in a folder it cannot write, SQLite then fails with "attempt to
 * write a readonly database".  When there is no -wal and no -shm file (the
 * last writer closed cleanly; a writer creates both before writing), the
 * database file holds every committed transaction and the reader opens it
 * as immutable: no locks, no -shm.  Returns that URI (malloc'd), or NULL
 * to open the path as usual.  See docs/HARDENING-STORE.md. */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *dir = strdup(path), *side = malloc(n + 5);
    char *uri = NULL;
    if (!dir || !side)
        goto done;
    char *slash = strrchr(dir, '/');
    const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
    if (access(d, W_OK) == 0)
        goto done;
    snprintf(side, n + 5, "%s-wal", path);
    if (access(side, F_OK) == 0)
        goto done;
    snprintf(side, n + 5, "%s-shm", path);
    if (access(side, F_OK) == 0)
        goto done;
    if (!(uri = malloc(3 * n + 32)))
        goto done;
    char *o = uri + sprintf(uri, "file:");
    for (const char *p = path; *p; p++) /* URI escapes for ?, #, % */
        o += (*p == '?' || *p == '#' || *p == '%') ? sprintf(o, "%%%02X", (unsigned char)*p)
                                                  : (*o = *p, 1);
    strcpy(o, "?mode=ro&immutable=1");
done:
    free(dir);
    free(side);
    return uri;
}

att_status att_store_open(const char *path, att_store **out, char *err, size_t errlen)
{
    return att_store_open_mode(path, ATT_STORE_WRITE, out, err, errlen);
}

static att_status open_once(const char *path, att_store_mode mode, att_store **out, int *busy, char *err,
                            size_t errlen);

/* Opening can meet SQLITE_BUSY without SQLite waiting: while another
 * process creates the database, the switch to WAL and the first migration
 * need locks that SQLite refuses at once rather than risk a deadlock (the
 * busy handler is not called).  The open is then tried again, from
 * scratch, until the busy timeout has passed. */
att_status att_store_open_mode(const char *path, att_store_mode mode, att_store **out, char *err, size_t errlen)
{
    double start = mono_now();
    for (int attempt = 0;; attempt++) {
        int busy = 0;
        att_status st = open_once(path, mode, out, &busy, err, errlen);
        if (st == ATT_OK || !busy || (mono_now() - start) * 1000.0 >= (double)g_busy_ms)
            return st;
        struct timespec ts = {0, (long)(attempt < 5 ? 10 + 20 * attempt : 100) * 1000000L};
        nanosleep(&ts, NULL);
    }
}

static att_status open_once(const char *path, att_store_mode mode, att_store **out, int *busy, char *err,
                            size_t errlen)
{
    *out = NULL;
    if (mode == ATT_STORE_READ && access(path, F_OK) != 0)
        return att_seterr(err, errlen, ATT_ERR_NOTFOUND,
                          "%s: no such database (run 'attache ingest' to create one)", path);
    att_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return ATT_ERR_NOMEM;
    }
    s->readonly = mode == ATT_STORE_READ;
    /* NOMUTEX: a store is used by one thread at a time (store.h), so the
     * connection's mutex, taken on every call, only costs time */
    int flags = (s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    char *uri = s->readonly ? immutable_uri(path) : NULL;
    int orc = sqlite3_open_v2(uri ? uri : path, &s->db, flags | (uri ? SQLITE_OPEN_URI : 0), NULL);
    free(uri);
    if (orc != SQLITE_OK) {
        att_seterr(err, errlen, ATT_ERR_DB, "%s: cannot open database: %s", path,
                   s->db ? sqlite3_errmsg(s->db) : "out of memory");
        att_store_close(s);
        return ATT_ERR_DB;
    }
    sqlite3_busy_handler(s->db, busy_wait, s);
    if (att_terms_new(&s->terms) != ATT_OK) {
        att_store_close(s);
        return ATT_ERR_NOMEM;
    }
    if (att_fts_register(s->db, s->terms, &s->fts) != ATT_OK) {
        att_seterr(err, errlen, ATT_ERR_DB, "%s: SQLite lacks FTS5", path);
        att_store_close(s);
        return ATT_ERR_DB;
    }
    /* What the file is, before anything is written to it.  Then, for
     * writing: 16 KB pages (for new files; an existing one keeps its
     * size): article rows of a few KB and FTS5's 4 KB leaves no longer
     * spill into overflow pages - ingest 11% faster at 50,000 articles
     * than with 4 KB; 64 KB was faster still but made the dyad range
     * queries read too much. */
    att_status st = check_file(s, err, errlen);
    if (st == ATT_OK && !s->readonly &&
        (exec(s, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", err, errlen) !=
             ATT_OK ||
         migrate(s, err, errlen) != ATT_OK))
        st = ATT_ERR_DB;
    if (st == ATT_OK &&
        exec(s, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;", err, errlen) != ATT_OK)
        st = ATT_ERR_DB;
    if (st == ATT_OK &&
        (att_terms_load(s->terms, s->db) != ATT_OK || att_terms_load_pairs(s->terms, s->db) != ATT_OK))
        st = db_err(s, err, errlen, "reading the vocabulary");
    if (st != ATT_OK) {
        *busy = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY;
        att_store_close(s);
        return st;
    }
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM articles WHERE content_hash=?1", -1,
                           &s->find_hash, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO articles(content_hash,source,url,title,authors,published,"
                           "lead,body,headings,ingested_at,date_source,date_precision)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
                           -1, &s->insert, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO articles_fts(rowid,title,lead,body) VALUES(?1,?2,?3,?4)",
                           -1, &s->insert_fts, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "INSERT INTO headlines_fts(rowid,title,lead) VALUES(?1,?2,?3)", -1,
                           &s->insert_head, NULL) != SQLITE_OK) {
        db_err(s, err, errlen, "preparing statements");
        att_store_close(s);
        return ATT_ERR_DB;
    }
    *out = s;
    return ATT_OK;
}

sqlite3_stmt *att_store_stmt(att_store *s, const char *sql)
{
    for (size_t i = 0; i < s->n_cache; i++)
        if (s->cache[i].sql == sql || !strcmp(s->cache[i].sql, sql)) {
            sqlite3_reset(s->cache[i].st);
            sqlite3_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    if (s->n_cache == STMT_CACHE) { /* full: the oldest goes */
        sqlite3_finalize(s->cache[0].st);
        memmove(&s->cache[0], &s->cache[1], (STMT_CACHE - 1) * sizeof s->cache[0]);
        s->n_cache--;
    }
    s->cache[s->n_cache].sql = sql;
    s->cache[s->n_cache].st = st;
    s->n_cache++;
    return st;
}

void att_store_close(att_store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_cache; i++)
        sqlite3_finalize(s->cache[i].st);
    sqlite3_finalize(s->find_hash);
    sqlite3_finalize(s->insert);
    sqlite3_finalize(s->insert_fts);
    sqlite3_finalize(s->insert_head);
    sqlite3_finalize(s->insert_vocab);
    if (s->db)
        sqlite3_close(s->db);
    att_terms_free(s->terms); /* after the connection: its tokenizer used it */
    free(s->path);
    free(s);
}

att_status att_store_begin(att_store *s, char *err, size_t errlen)
{
    return exec(s, "BEGIN IMMEDIATE", err, errlen);
}

void att_store_set_txn_hook(att_store *s, const att_store_txn_hook *hook)
{
    if (hook)
        s->hook = *hook;
    else
        memset(&s->hook, 0, sizeof s->hook);
}

att_status att_store_commit(att_store *s, char *err, size_t errlen)
{
    att_status st = ATT_OK;
    if (s->hook.before_commit && !sqlite3_get_autocommit(s->db))
        st = s->hook.before_commit(s->hook.ctx, err, errlen);
    if (st != ATT_OK) {
        att_store_rollback(s);
        return st;
    }
    st = exec(s, "COMMIT", err, errlen);
    /* a failed COMMIT may leave the transaction open or rolled back */
    att_terms_end(s->terms, st == ATT_OK);
    if (s->hook.after_end)
        s->hook.after_end(s->hook.ctx, st == ATT_OK);
    return st;
}

void att_store_rollback(att_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    att_terms_end(s->terms, 0);
    if (s->hook.after_end)
        s->hook.after_end(s->hook.ctx, 0);
}

static att_status hash_field(att_sha256 *h, att_buf *tmp, const char *s)
{
    att_buf_clear(tmp);
    if (s && att_hash_view(s, strlen(s), tmp) != ATT_OK)
        return ATT_ERR_NOMEM;
    att_sha256_update(h, tmp->data ? tmp->data : "", tmp->len);
    att_sha256_update(h, "\n", 1);
    return ATT_OK;
}

att_status att_article_hash(const att_article *a, char hex[65])
{
    att_sha256 h;
    att_buf tmp = ATT_BUF_INIT;
    att_sha256_init(&h);
    att_status st = hash_field(&h, &tmp, a->title);
    for (size_t i = 0; st == ATT_OK && i < a->n_paras; i++)
        st = hash_field(&h, &tmp, a->paras[i].text);
    att_buf_free(&tmp);
    if (st == ATT_OK)
        att_sha256_final_hex(&h, hex);
    return st;
}

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static char *json_strings(char *const *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        json_array_append_new(arr, json_string(v[i]));
    char *s = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    return s;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* The parts of an article's row and index entries that depend on the
 * article alone (store.h). */
struct att_store_prep {
    att_status st; /* of the preparation */
    char hash[65];
    att_buf body; /* paragraphs joined by newlines */
    char *authors, *headings; /* JSON arrays */
    /* recordings of title, lead, body (full index) and title, lead
     * (headline index), or none */
    att_pretok *pretok[5];
    size_t n_pretok;
};

void att_store_prep_free(att_store_prep *p)
{
    if (!p)
        return;
    att_buf_free(&p->body);
    free(p->authors);
    free(p->headings);
    for (size_t i = 0; i < p->n_pretok; i++)
        att_pretok_free(p->pretok[i]);
    free(p);
}

static att_status prepare(const att_store *s, const att_article *a, int pretokenize, att_store_prep *p)
{
    if (att_article_hash(a, p->hash) != ATT_OK)
        return ATT_ERR_NOMEM;
    json_t *heads = json_array();
    for (size_t i = 0; i < a->n_paras; i++) {
        if (i)
            att_buf_putc(&p->body, '\n');
        att_buf_puts(&p->body, a->paras[i].text);
        if (a->paras[i].kind == ATT_PARA_HEADING)
            json_array_append_new(heads, json_integer((json_int_t)i));
    }
    p->authors = json_strings(a->authors, a->n_authors);
    p->headings = heads ? json_dumps(heads, JSON_COMPACT) : NULL;
    json_decref(heads);
    if (!p->authors || !p->headings || (a->n_paras && !p->body.data))
        return ATT_ERR_NOMEM;
    if (!pretokenize)
        return ATT_OK;
    /* as att_store_put_prepared() binds them: the full index's title, lead
     * and body, then the headline index's title and lead */
    const char *text[5] = {a->title, a->lead, p->body.data ? p->body.data : "", a->title, a->lead};
    for (int i = 0; i < 5; i++) {
        size_t n = text[i] ? strlen(text[i]) : 0;
        if (!text[i] || n > ATT_PRETOK_MAX_TEXT)
            continue;
        if (att_pretok_document(s->terms, i >= 3, text[i], n, &p->pretok[p->n_pretok]) != ATT_OK)
            return ATT_ERR_NOMEM;
        p->n_pretok++;
    }
    return ATT_OK;
}

att_store_prep *att_store_prepare(const att_store *s, const att_article *a, int pretokenize)
{
    att_store_prep *p = calloc(1, sizeof *p);
    if (p)
        p->st = prepare(s, a, pretokenize, p);
    return p;
}

att_status att_store_put_article(att_store *s, const att_article *a, int64_t *id, int *was_new,
                                 char *err, size_t errlen)
{
    att_store_prep *p = att_store_prepare(s, a, 0);
    att_status st = att_store_put_prepared(s, a, p, id, was_new, err, errlen);
    att_store_prep_free(p);
    return st;
}

att_status att_store_put_prepared(att_store *s, const att_article *a, att_store_prep *p, int64_t *id,
                                  int *was_new, char *err, size_t errlen)
{
    char now[32];
    *was_new = 0;
    *id = 0;
    if (!p || p->st != ATT_OK)
        return p ? p->st : ATT_ERR_NOMEM;
    sqlite3_reset(s->find_hash);
    sqlite3_bind_text(s->find_hash, 1, p->hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s->find_hash);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s->find_hash, 0);
        sqlite3_reset(s->find_hash);
        return ATT_OK;
    }
    sqlite3_reset(s->find_hash);
    if (rc != SQLITE_DONE)
        return db_err(s, err, errlen, "looking up content hash");

    const char *body = p->body.data ? p->body.data : "";
    att_status st = ATT_OK;
    utc_now(now);
    sqlite3_stmt *ins = s->insert;
    sqlite3_reset(ins);
    bind_text(ins, 1, p->hash);
    bind_text(ins, 2, a->source ? a->source : "-");
    bind_text(ins, 3, a->url);
    bind_text(ins, 4, a->title);
    bind_text(ins, 5, p->authors);
    bind_text(ins, 6, a->published);
    bind_text(ins, 7, a->lead);
    bind_text(ins, 8, body);
    bind_text(ins, 9, p->headings);
    bind_text(ins, 10, now);
    bind_text(ins, 11, att_date_source_name(a->date_source));
    bind_text(ins, 12, att_article_date_precision(a));
    if (sqlite3_step(ins) != SQLITE_DONE) {
        st = db_err(s, err, errlen, "inserting article");
        sqlite3_reset(ins);
        return st;
    }
    sqlite3_reset(ins);
    *id = sqlite3_last_insert_rowid(s->db);
    /* the recordings made in a worker stand in for tokenizing (fts_tokenizer.h) */
    att_fts_arm(s->fts, p->pretok, p->n_pretok);
    sqlite3_stmt *fts = s->insert_fts;
    sqlite3_reset(fts);
    sqlite3_bind_int64(fts, 1, *id);
    bind_text(fts, 2, a->title);
    bind_text(fts, 3, a->lead);
    bind_text(fts, 4, body);
    if (sqlite3_step(fts) != SQLITE_DONE) {
        att_fts_arm(s->fts, NULL, 0);
        st = db_err(s, err, errlen, "indexing article");
        sqlite3_reset(fts);
        return st;
    }
    sqlite3_reset(fts);
    if (a->title || a->lead) {
        sqlite3_stmt *head = s->insert_head;
        sqlite3_bind_int64(head, 1, *id);
        bind_text(head, 2, a->title);
        bind_text(head, 3, a->lead);
        int hrc = sqlite3_step(head);
        sqlite3_reset(head);
        if (hrc != SQLITE_DONE) {
            att_fts_arm(s->fts, NULL, 0);
            return db_err(s, err, errlen, "indexing article");
        }
    }
    att_fts_arm(s->fts, NULL, 0);
    if (att_terms_flush(s->terms, vocab_insert(s)) != ATT_OK)
        return db_err(s, err, errlen, "saving the vocabulary");
    *was_new = 1;
    return ATT_OK;
}

/* Fill an article from a row of: id, content_hash, source, url, title,
 * authors, published, lead, body, headings, ingested_at, date_source. */
static att_status row_to_article(sqlite3_stmt *st, att_article *a, att_article_meta *meta)
{
    att_status rc = ATT_OK;
    meta->id = sqlite3_column_int64(st, 0);
    snprintf(meta->content_hash, sizeof meta->content_hash, "%s",
             (const char *)sqlite3_column_text(st, 1));
    const char *ing = (const char *)sqlite3_column_text(st, 10);
    snprintf(meta->ingested_at, sizeof meta->ingested_at, "%s", ing ? ing : "");
    const char *f[] = {(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                       (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 6),
                       (const char *)sqlite3_column_text(st, 7)};
    char **dst[] = {&a->source, &a->url, &a->title, &a->published, &a->lead};
    if (sqlite3_column_count(st) > 11)
        a->date_source = att_date_source_parse((const char *)sqlite3_column_text(st, 11));
    for (int i = 0; i < 5 && rc == ATT_OK; i++)
        if (f[i])
            rc = att_article_set(dst[i], f[i], (size_t)-1);
    json_t *authors = json_loads((const char *)sqlite3_column_text(st, 5), 0, NULL);
    json_t *heads = json_loads((const char *)sqlite3_column_text(st, 9), 0, NULL);
    size_t i;
    json_t *v;
    json_array_foreach(authors, i, v)
    {
        if (rc == ATT_OK && json_is_string(v))
            rc = att_article_add_author(a, json_string_value(v), (size_t)-1);
    }
    const char *body = (const char *)sqlite3_column_text(st, 8);
    size_t idx = 0;
    while (rc == ATT_OK && body && *body) {
        const char *nl = strchr(body, '\n');
        size_t len = nl ? (size_t)(nl - body) : strlen(body);
        att_para_kind kind = ATT_PARA_TEXT;
        json_array_foreach(heads, i, v)
        {
            if (json_is_integer(v) && (size_t)json_integer_value(v) == idx)
                kind = ATT_PARA_HEADING;
        }
        rc = att_article_add_para(a, body, len, kind);
        idx++;
        body = nl ? nl + 1 : body + len;
    }
    json_decref(authors);
    json_decref(heads);
    return rc;
}

#define ARTICLE_COLUMNS \
    "id,content_hash,source,url,title,authors,published,lead,body,headings,ingested_at"

/* SELECT the article columns and date_source, FROM articles, then tail;
 * while an old database is being migrated (the rehash of migration 6)
 * the date_source column does not exist yet: read without it. */
static int prepare_articles(att_store *s, const char *tail, sqlite3_stmt **st)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT " ARTICLE_COLUMNS ",date_source FROM articles %s", tail);
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK)
        return 1;
    snprintf(sql, sizeof sql, "SELECT " ARTICLE_COLUMNS " FROM articles %s", tail);
    return sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK;
}

att_status att_store_get_article(att_store *s, int64_t id, att_article *a, att_article_meta *meta,
                                 char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (!prepare_articles(s, "WHERE id=?1", &st))
        return db_err(s, err, errlen, "reading article");
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    att_status res;
    if (rc == SQLITE_ROW)
        res = row_to_article(st, a, meta);
    else if (rc == SQLITE_DONE)
        res = att_seterr(err, errlen, ATT_ERR_NOTFOUND, "no article with id %lld", (long long)id);
    else
        res = db_err(s, err, errlen, "reading article");
    sqlite3_finalize(st);
    return res;
}

att_status att_store_foreach_article(att_store *s, att_article_cb cb, void *ctx, char *err,
                                     size_t errlen)
{
    sqlite3_stmt *st;
    if (!prepare_articles(s, "ORDER BY id", &st))
        return db_err(s, err, errlen, "reading articles");
    att_status res = ATT_OK;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_article a;
        att_article_meta meta;
        att_article_init(&a);
        res = row_to_article(st, &a, &meta);
        int stop = res == ATT_OK ? cb(ctx, &a, &meta) : 1;
        att_article_free(&a);
        if (stop)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = db_err(s, err, errlen, "reading articles");
    sqlite3_finalize(st);
    return res;
}

int64_t att_store_count(att_store *s)
{
    sqlite3_stmt *st;
    int64_t n = -1;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM articles", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}
