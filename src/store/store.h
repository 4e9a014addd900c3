/*
 * store.h - the SQLite database: schema and migrations, articles, and the
 * full-text index.  One att_store is one open database connection.
 *
 * The database runs in WAL mode; every migration runs in its own
 * transaction and is recorded in PRAGMA user_version, so opening an older
 * database upgrades it in place and a crash mid-upgrade leaves the previous
 * version intact.
 *
 * Ownership: att_store_open() returns a handle the caller closes with
 * att_store_close().  Articles read back with att_store_get_article() are
 * owned by the caller (att_article_free).  Errors: ATT_ERR_DB with the
 * SQLite message in err, ATT_ERR_NOTFOUND, ATT_ERR_NOMEM.
 * A store is not safe for concurrent use from several threads.
 */
#ifndef ATT_STORE_H
#define ATT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../article/article.h"
#include "../util/status.h"

typedef struct att_store att_store;
typedef struct sqlite3 sqlite3;

/* Schema version this build writes (PRAGMA user_version). */
#define ATT_SCHEMA_VERSION 9

/* Process-wide SQLite settings for a program that uses SQLite through
 * attache only: call once at start, before any store is opened and before
 * other threads exist.  Turns off SQLite's memory statistics (a global
 * mutex on every allocation; ingest ~1.3% fewer instructions).  Returns 1
 * if applied, 0 if SQLite was already in use (nothing changes; all else
 * works the same). */
int att_store_init_process(void);

/* How long a statement waits for another process's lock (SQLite's busy
 * timeout) by default, in milliseconds; past it the statement fails with
 * "PATH: ...: the database is busy: ..." (ATT_ERR_DB). */
#define ATT_STORE_BUSY_MS 30000

/* Set the busy timeout of the stores opened from now on (process-wide;
 * call before other threads exist); ms <= 0 restores ATT_STORE_BUSY_MS. */
void att_store_set_busy_timeout(int ms);

typedef enum att_store_mode {
    ATT_STORE_WRITE = 0, /* create if missing, migrate an older schema, WAL mode */
    ATT_STORE_READ = 1   /* SQLITE_OPEN_READONLY: never creates, migrates or changes anything */
} att_store_mode;

/* Open the database at path.  Before anything is written, the file is
 * checked: a SQLite file with tables but not attache's ("not an attache
 * database") and a newer schema than this build's are refused in both
 * modes.  ATT_STORE_READ also refuses a missing file ("no such database",
 * ATT_ERR_NOTFOUND), an empty one (ATT_ERR_NOTFOUND) and an older schema
 * ("run 'attache migrate'"), and leaves the file and its journal mode as
 * they are.  See docs/HARDENING-STORE.md. */
att_status att_store_open_mode(const char *path, att_store_mode mode, att_store **out, char *err, size_t errlen);

/* att_store_open_mode(path, ATT_STORE_WRITE, ...). */
att_status att_store_open(const char *path, att_store **out, char *err, size_t errlen);
void att_store_close(att_store *s);

/* The raw connection, for other store-stage modules (search, export). */
sqlite3 *att_store_db(att_store *s);

/* The database's path as given to att_store_open (for messages). */
const char *att_store_path(att_store *s);

/* A prepared statement for sql, cached on the connection (keyed by the
 * SQL text; pass string literals), reset and with bindings cleared.  Owned
 * by the store: do not finalize it.  NULL (with the SQLite message
 * available from sqlite3_errmsg) if it does not prepare.  For statements
 * run once per article or event, where preparing each time would dominate. */
struct sqlite3_stmt;
struct sqlite3_stmt *att_store_stmt(att_store *s, const char *sql);

/* Transactions: batches of puts go between begin and commit. */
/* A participant in the store's write transactions (one per store, e.g.
 * the analysis stage's batched aggregates): before_commit runs inside the
 * transaction just before att_store_commit's COMMIT and may write (a
 * non-OK return makes att_store_commit roll back and fail with it);
 * after_end runs once the transaction has ended, committed (1) or rolled
 * back (0).  Either may be NULL.  hook NULL removes it; the store copies
 * *hook and calls it until removed. */
typedef struct att_store_txn_hook {
    att_status (*before_commit)(void *ctx, char *err, size_t errlen);
    void (*after_end)(void *ctx, int committed);
    void *ctx;
} att_store_txn_hook;
void att_store_set_txn_hook(att_store *s, const att_store_txn_hook *hook);

att_status att_store_begin(att_store *s, char *err, size_t errlen);
att_status att_store_commit(att_store *s, char *err, size_t errlen);
void att_store_rollback(att_store *s);

/* Content hash of an article: SHA-256 over title and body paragraphs in
 * their hash view (att_hash_view: case and tone-mark placement ignored),
 * so the same article scraped twice, once as text and once as HTML, or in
 * the other tone-mark style, hashes the same. */
att_status att_article_hash(const att_article *a, char hex[65]);

/* Insert an article and index it.  If an article with the same content
 * hash exists, nothing is written, *was_new = 0 and *id is the existing id.
 * ingested_at is set to the current UTC time. */
att_status att_store_put_article(att_store *s, const att_article *a, int64_t *id, int *was_new,
                                 char *err, size_t errlen);

/* att_store_put_article() in two parts, for parallel ingest: what
 * depends on the article alone (its content hash, its row's body and JSON
 * fields and, with pretokenize, its full-text and headline index tokens:
 * fts_tokenizer.h) is prepared by att_store_prepare() in any thread - it
 * only reads s's index settings, which do not change while s is open -
 * and att_store_put_prepared() writes it in the store's thread, with the
 * same result as att_store_put_article() for the article as it was
 * prepared (the preparation keeps copies of what it needs).
 * att_store_prepare() returns NULL when out of memory (put_prepared then
 * fails with ATT_ERR_NOMEM, as it does for a preparation that failed). */
typedef struct att_store_prep att_store_prep;
att_store_prep *att_store_prepare(const att_store *s, const att_article *a, int pretokenize);
att_status att_store_put_prepared(att_store *s, const att_article *a, att_store_prep *p, int64_t *id,
                                  int *was_new, char *err, size_t errlen);
void att_store_prep_free(att_store_prep *p);

/* Metadata kept beside the article record. */
typedef struct att_article_meta {
    int64_t id;
    char content_hash[65];
    char ingested_at[32];
} att_article_meta;

/* Read article id into *a (att_article_init'd by the caller). */
att_status att_store_get_article(att_store *s, int64_t id, att_article *a, att_article_meta *meta,
                                 char *err, size_t errlen);

/* Call cb for every article in id order; stops early if cb returns non-zero. */
typedef int (*att_article_cb)(void *ctx, const att_article *a, const att_article_meta *meta);
att_status att_store_foreach_article(att_store *s, att_article_cb cb, void *ctx, char *err,
                                     size_t errlen);

/* Check the database (check.c): SQLite's integrity_check, FTS5's
 * integrity-check of both full-text indexes against the articles, and
 * that every article has its extraction (tone) and analysis (signature)
 * rows.  Needs a store opened for writing (FTS5's check is an INSERT
 * command; nothing is changed).  ATT_OK with the number of articles, or
 * ATT_ERR_DB with the first problem in one line. */
att_status att_store_check(att_store *s, int64_t *n_articles, char *err, size_t errlen);

/* Number of stored articles. */
int64_t att_store_count(att_store *s);

#endif
