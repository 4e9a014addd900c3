/*
 * analyze.c - per-article analysis at ingest: story assignment, event
 * deduplication and dyad aggregates; see analyze.h.
 */
#include "analyze.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "commitments.h"
#include "dyad_batch.h"
#include "minhash.h"

/* Articles within this many days of each other can be the same story. */
#define STORY_WINDOW_DAYS 7
/* Estimated Jaccard of word-trigram shingles above which two articles are
 * copies of one story (teasers, syndicated rewrites). */
#define STORY_JACCARD 0.30
/* A teaser (title and first sentences) is contained in its article. */
#define STORY_CONTAINMENT 0.80
/* 64 bands of 2 rows find a pair at Jaccard 0.3 with probability 99.8%
 * (32 x 4 only 23%) and teasers (J ~ 0.2) 93% of the time */
#define LSH_BANDS 64
#define LSH_ROWS 2

typedef struct sig_entry {
    int64_t article;
    int32_t day;
    int64_t story;
    att_minhash mh;
} sig_entry;

/* Signatures are indexed by blocks of article days, so a query looks only at
 * the blocks around its day and the index a query scans stays small however
 * long the history. */
#define BLOCK_DAYS 16

typedef struct sig_block {
    int32_t block; /* day / BLOCK_DAYS */
    att_lsh *lsh;
} sig_block;

struct att_analyzer {
    att_store *s;
    sig_block *blocks;
    size_t n_blocks, cap_blocks;
    sig_entry *sigs; /* indexed by insertion order = LSH id */
    size_t n_sigs, cap_sigs;
    char **dyads;    /* touched undirected dyads "A|B" */
    size_t n_dyads, cap_dyads;
    int64_t *stories; /* touched stories */
    size_t n_stories, cap_stories;
    int32_t *loaded;  /* blocks whose stored signatures are in memory */
    size_t n_loaded, cap_loaded;
    int64_t data_version; /* PRAGMA data_version when the blocks were loaded; -1 unknown */
    att_dyad_batch *batch; /* this transaction's dyad aggregates, written at COMMIT */
};

/* ---- dates as day numbers ---- */

static int64_t days_from_civil(int y, int m, int d)
{
    /* Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t att_day_of(const char *iso)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m = 1, d = 1;
    if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) < 1 || y < 1900 || y > 2200 || m < 1 || m > 12 ||
        d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1; /* not a leap year */
    return (int32_t)days_from_civil(y, m, d);
}

void att_day_iso(int32_t day, char out[11])
{
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)((y + (m <= 2)) % 10000), (int)(m % 100),
             (int)(d % 100));
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

int32_t att_period_start(int level, int32_t day)
{
    switch (level % 3) {
    case 1: /* Monday: 1970-01-01 was a Thursday */
        return day - (int32_t)(((day % 7) + 7 + 3) % 7);
    case 2: {
        char iso[11];
        att_day_iso(day, iso);
        iso[8] = '0';
        iso[9] = '1';
        return att_day_of(iso);
    }
    default:
        return day;
    }
}

/* ---- open/free ---- */

static att_status dberr(att_analyzer *an, char *err, size_t errlen, const char *what)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "%s: %s", what, sqlite3_errmsg(att_store_db(an->s)));
}

static att_status remember_sig(att_analyzer *an, int64_t article, int32_t day, int64_t story,
                               const att_minhash *mh)
{
    if (an->n_sigs == an->cap_sigs) {
        size_t cap = an->cap_sigs ? an->cap_sigs * 2 : 1024;
        sig_entry *v = realloc(an->sigs, cap * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        an->sigs = v;
        an->cap_sigs = cap;
    }
    sig_entry *e = &an->sigs[an->n_sigs];
    e->article = article;
    e->day = day;
    e->story = story;
    e->mh = *mh;
    int32_t b = day >= 0 ? day / BLOCK_DAYS : 0;
    sig_block *blk = NULL;
    for (size_t i = 0; i < an->n_blocks && !blk; i++)
        if (an->blocks[i].block == b)
            blk = &an->blocks[i];
    if (!blk) {
        if (an->n_blocks == an->cap_blocks) {
            size_t cap = an->cap_blocks ? an->cap_blocks * 2 : 16;
            sig_block *v = realloc(an->blocks, cap * sizeof *v);
            if (!v)
                return ATT_ERR_NOMEM;
            an->blocks = v;
            an->cap_blocks = cap;
        }
        blk = &an->blocks[an->n_blocks];
        blk->block = b;
        if (!(blk->lsh = att_lsh_new(LSH_BANDS, LSH_ROWS)))
            return ATT_ERR_NOMEM;
        an->n_blocks++;
    }
    att_status st = att_lsh_add(blk->lsh, (int64_t)an->n_sigs, mh);
    if (st == ATT_OK)
        an->n_sigs++;
    return st;
}

/* The store's transaction hook: the batched aggregates go in at COMMIT
 * and are forgotten with a rollback. */
static att_status flush_batch(void *ctx, char *err, size_t errlen)
{
    att_analyzer *an = ctx;
    return att_dyad_batch_flush(an->batch, an->s, err, errlen);
}

static void end_batch(void *ctx, int committed)
{
    att_analyzer *an = ctx;
    if (!committed)
        att_dyad_batch_clear(an->batch);
}

/* The story state is the database's, not the process's: the signatures of
 * a block of days are read from article_sigs the first time an article
 * needs that block (its own and the two beside it), so any split of the
 * same input into runs, a kill and resume, or another process ingesting
 * in between, gives the same candidates as one uninterrupted run. */
att_status att_analyzer_open(att_store *s, att_analyzer **out, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    *out = NULL;
    att_analyzer *an = calloc(1, sizeof *an);
    if (!an)
        return ATT_ERR_NOMEM;
    an->s = s;
    an->data_version = -1;
    if (!(an->batch = att_dyad_batch_new())) {
        free(an);
        return ATT_ERR_NOMEM;
    }
    att_store_txn_hook h = {flush_batch, end_batch, an};
    att_store_set_txn_hook(s, &h);
    *out = an;
    return ATT_OK;
}

/* Forget every signature in memory (the blocks are read again as needed). */
static void drop_blocks(att_analyzer *an)
{
    for (size_t i = 0; i < an->n_blocks; i++)
        att_lsh_free(an->blocks[i].lsh);
    an->n_blocks = 0;
    an->n_sigs = 0;
    an->n_loaded = 0;
}

/* Another connection committed since the blocks were read (PRAGMA
 * data_version changes only then): they may miss its articles. */
static att_status check_other_writers(att_analyzer *an, char *err, size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(an->s, "PRAGMA data_version");
    if (!st)
        return dberr(an, err, errlen, "reading data_version");
    int rc = sqlite3_step(st);
    int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return dberr(an, err, errlen, "reading data_version");
    if (an->data_version != v)
        drop_blocks(an);
    an->data_version = v;
    return ATT_OK;
}

/* Read block b's stored signatures into memory, once. */
static att_status ensure_block(att_analyzer *an, int32_t b, char *err, size_t errlen)
{
    for (size_t i = 0; i < an->n_loaded; i++)
        if (an->loaded[i] == b)
            return ATT_OK;
    if (an->n_loaded == an->cap_loaded) {
        size_t cap = an->cap_loaded ? an->cap_loaded * 2 : 64;
        int32_t *v = realloc(an->loaded, cap * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        an->loaded = v;
        an->cap_loaded = cap;
    }
    /* block 0 also holds the days before 1970 (see remember_sig) */
    sqlite3_stmt *st = att_store_stmt(an->s, "SELECT article_id, day, story_id, minhash FROM article_sigs"
                                             " WHERE day BETWEEN ?1 AND ?2 ORDER BY article_id");
    if (!st)
        return dberr(an, err, errlen, "loading story signatures");
    sqlite3_bind_int64(st, 1, b == 0 ? INT32_MIN : (int64_t)b * BLOCK_DAYS);
    sqlite3_bind_int64(st, 2, (int64_t)b * BLOCK_DAYS + BLOCK_DAYS - 1);
    att_status rc = ATT_OK;
    int step;
    while (rc == ATT_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        att_minhash mh;
        if ((size_t)sqlite3_column_bytes(st, 3) != sizeof mh)
            continue;
        memcpy(&mh, sqlite3_column_blob(st, 3), sizeof mh);
        if (mh.n_shingles) /* as assign_story remembers them */
            rc = remember_sig(an, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
                              sqlite3_column_int64(st, 2), &mh);
    }
    if (rc == ATT_OK && step != SQLITE_DONE)
        rc = dberr(an, err, errlen, "loading story signatures");
    sqlite3_reset(st);
    if (rc == ATT_OK)
        an->loaded[an->n_loaded++] = b;
    return rc;
}

void att_analyzer_free(att_analyzer *an)
{
    if (!an)
        return;
    for (size_t i = 0; i < an->n_blocks; i++)
        att_lsh_free(an->blocks[i].lsh);
    free(an->blocks);
    free(an->sigs);
    for (size_t i = 0; i < an->n_dyads; i++)
        free(an->dyads[i]);
    free(an->dyads);
    free(an->stories);
    free(an->loaded);
    att_store_set_txn_hook(an->s, NULL);
    att_dyad_batch_free(an->batch);
    free(an);
}

/* ---- helpers ---- */

/* Run one statement (cached on the store) with parameters described by
 * fmt: 'i' int64, 'd' double, 's' text (NULL ok).  Returns
 * sqlite3_changes() or -1. */
static int exec_bind(att_store *s, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st = att_store_stmt(s, sql);
    if (!st)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    for (int i = 0; fmt[i]; i++) {
        if (fmt[i] == 'i')
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        else if (fmt[i] == 'd')
            sqlite3_bind_double(st, i + 1, va_arg(ap, double));
        else {
            const char *v = va_arg(ap, const char *);
            if (v)
                sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, i + 1);
        }
    }
    va_end(ap);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? sqlite3_changes(att_store_db(s)) : -1;
}

/* The site an article came from: the URL's host, else the folder of the
 * file it was read from. */
static void site_of(const att_article *a, char *out, size_t cap)
{
    const char *u = a->url;
    if (u && strstr(u, "://")) {
        const char *h = strstr(u, "://") + 3;
        size_t n = strcspn(h, "/:?#");
        if (!strncmp(h, "www.", 4) && n > 4) {
            h += 4;
            n -= 4;
        }
        snprintf(out, cap, "%.*s", (int)n, h);
        return;
    }
    const char *src = a->source ? a->source : "-";
    const char *slash = strrchr(src, '/');
    if (slash && slash > src)
        snprintf(out, cap, "%.*s", (int)(slash - src), src);
    else
        snprintf(out, cap, "%s", "local");
}

static att_status touch_dyad(att_analyzer *an, const char *a, const char *b)
{
    char key[40];
    if (strcmp(a, b) < 0)
        snprintf(key, sizeof key, "%s|%s", a, b);
    else
        snprintf(key, sizeof key, "%s|%s", b, a);
    for (size_t i = 0; i < an->n_dyads; i++)
        if (!strcmp(an->dyads[i], key))
            return ATT_OK;
    if (an->n_dyads == an->cap_dyads) {
        size_t cap = an->cap_dyads ? an->cap_dyads * 2 : 64;
        char **v = realloc(an->dyads, cap * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        an->dyads = v;
        an->cap_dyads = cap;
    }
    if (!(an->dyads[an->n_dyads] = strdup(key)))
        return ATT_ERR_NOMEM;
    an->n_dyads++;
    return ATT_OK;
}

static att_status touch_story(att_analyzer *an, int64_t story)
{
    for (size_t i = 0; i < an->n_stories; i++)
        if (an->stories[i] == story)
            return ATT_OK;
    if (an->n_stories == an->cap_stories) {
        size_t cap = an->cap_stories ? an->cap_stories * 2 : 64;
        int64_t *v = realloc(an->stories, cap * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        an->stories = v;
        an->cap_stories = cap;
    }
    an->stories[an->n_stories++] = story;
    return ATT_OK;
}

/* ---- stories ---- */

/* A line of text: s and a newline. */
static att_status put_line(att_buf *b, const char *s)
{
    att_status st = att_buf_puts(b, s);
    return st == ATT_OK ? att_buf_putc(b, '\n') : st;
}

att_status att_analyze_sign(const att_article *a, att_article_sig *out)
{
    att_buf text = ATT_BUF_INIT;
    att_status st = ATT_OK;
    out->sim = 0;
    if (a->title)
        st = put_line(&text, a->title);
    if (a->lead && st == ATT_OK)
        st = put_line(&text, a->lead);
    for (size_t i = 0; i < a->n_paras && st == ATT_OK; i++)
        st = put_line(&text, a->paras[i].text);
    if (st == ATT_OK)
        st = att_text_signatures(text.data ? text.data : "", text.len, 3, &out->mh, &out->sim);
    att_buf_free(&text);
    return out->st = st;
}

static att_status assign_story(att_analyzer *an, int64_t article, const att_article *a, int32_t day,
                               int placed, const char *site, const att_article_sig *sig, int64_t *story,
                               int *new_source, char *err, size_t errlen)
{
    sqlite3 *db = att_store_db(an->s);
    if (sig->st != ATT_OK)
        return sig->st;
    const att_minhash mh = sig->mh;
    const uint64_t sim = sig->sim;

    /* Candidates from the blocks around the article's day; checking one is
     * cheap (128 comparisons), so many are taken, and the newest are checked
     * first (a copy usually follows its source closely). */
    enum { MAX_CAND = 4096 };
    int32_t b = day >= 0 ? day / BLOCK_DAYS : 0;
    att_status ls = check_other_writers(an, err, errlen);
    for (int32_t want = b - 1; want <= b + 1 && ls == ATT_OK; want++)
        if (want >= 0)
            ls = ensure_block(an, want, err, errlen);
    if (ls != ATT_OK)
        return ls;
    int64_t *cand = malloc(MAX_CAND * sizeof *cand);
    if (!cand)
        return ATT_ERR_NOMEM;
    size_t nc = 0;
    for (int32_t want = b + 1; want >= b - 1 && mh.n_shingles; want--)
        for (size_t i = 0; i < an->n_blocks && nc < MAX_CAND; i++)
            if (an->blocks[i].block == want)
                nc += att_lsh_query(an->blocks[i].lsh, &mh, cand + nc, MAX_CAND - nc);
    double best = 0;
    int64_t best_article = 0;
    *story = 0;
    for (size_t i = nc; i-- > 0;) { /* newest first within the candidates */
        const sig_entry *e = &an->sigs[cand[i]];
        if (e->day > day + STORY_WINDOW_DAYS || e->day < day - STORY_WINDOW_DAYS)
            continue;
        double j = att_minhash_jaccard(&mh, &e->mh), c = 0;
        if (j < STORY_JACCARD && j >= 0.1) { /* a teaser is small: J ~ 0.2, containment ~ 1 */
            double c1 = att_minhash_containment(&mh, &e->mh), c2 = att_minhash_containment(&e->mh, &mh);
            c = c1 > c2 ? c1 : c2;
        }
        /* a copy, or a teaser of the other (or the other a teaser of this) */
        double score = j >= STORY_JACCARD ? j : c >= STORY_CONTAINMENT ? c * STORY_JACCARD : 0;
        /* equal scores (estimates are multiples of 1/128) go to the
         * newest article, whatever order the candidates came in */
        if (score > best || (score > 0 && score == best && e->article > best_article)) {
            best = score;
            best_article = e->article;
            *story = e->story;
        }
    }
    free(cand);
    if (!*story) {
        if (exec_bind(an->s, "INSERT INTO stories(title, first_day, last_day) VALUES(?1, ?2, ?2)", "si",
                      a->title ? a->title : (a->lead ? a->lead : "(untitled)"), (int64_t)day) < 0)
            return dberr(an, err, errlen, "creating story");
        *story = sqlite3_last_insert_rowid(db);
    }
    int added = exec_bind(an->s, "INSERT OR IGNORE INTO story_sources(story_id, source) VALUES(?1, ?2)", "is",
                          *story, site);
    /* an article not placed in time (dated only by its ingest) joins its
     * story but does not move the story's days (story bursts, periods) */
    if (added < 0 ||
        exec_bind(an->s,
                  placed ? "UPDATE stories SET n_articles = n_articles + 1, n_sources = n_sources + ?2,"
                           " first_day = min(first_day, ?3), last_day = max(last_day, ?3) WHERE id = ?1"
                         : "UPDATE stories SET n_articles = n_articles + 1, n_sources = n_sources + ?2"
                           " WHERE id = ?1",
                  "iii", *story, (int64_t)added, (int64_t)day) < 0 ||
        (placed && exec_bind(an->s,
                             "INSERT INTO story_days(story_id, day, n) VALUES(?1, ?2, 1)"
                             " ON CONFLICT(story_id, day) DO UPDATE SET n = n + 1",
                             "ii", *story, (int64_t)day) < 0))
        return dberr(an, err, errlen, "updating story");
    *new_source = added > 0;
    sqlite3_stmt *st = att_store_stmt(an->s, "INSERT INTO article_sigs(article_id, day, site, story_id, simhash,"
                                             " minhash) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st)
        return dberr(an, err, errlen, "storing signature");
    sqlite3_bind_int64(st, 1, article);
    sqlite3_bind_int(st, 2, day);
    sqlite3_bind_text(st, 3, site, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, *story);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)sim);
    sqlite3_bind_blob(st, 6, &mh, sizeof mh, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return dberr(an, err, errlen, "storing signature");
    att_status as = touch_story(an, *story);
    if (as == ATT_OK && mh.n_shingles)
        as = remember_sig(an, article, day, *story, &mh);
    return as;
}

/* ---- dyad aggregates ---- */

static att_status add_to_dyads(att_analyzer *an, const char *a1, const char *a2, int32_t day, int quad,
                               double goldstein, double tone, int64_t story, char *err, size_t errlen)
{
    /* written at COMMIT, once per row (dyad_batch.h) */
    if (att_dyad_batch_add(an->batch, a1, a2, day, quad, goldstein, tone, story) != ATT_OK)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "updating dyad aggregates: out of memory");
    return touch_dyad(an, a1, a2);
}

/* ---- per article ---- */

att_status att_analyze_article(att_analyzer *an, int64_t article_id, const att_article *a, char *err,
                               size_t errlen)
{
    att_article_sig sig;
    att_analyze_sign(a, &sig);
    return att_analyze_article_signed(an, article_id, a, &sig, err, errlen);
}

att_status att_analyze_article_signed(att_analyzer *an, int64_t article_id, const att_article *a,
                                      const att_article_sig *sig, char *err, size_t errlen)
{

    int32_t day = att_day_of(a->published);
    /* An undated page (date_source "ingest", or unknown in old rows) is not
     * placed in time: its day of reading only keeps it near its story's
     * copies; its events count in period statistics (dyads, timelines,
     * alerts, the report's period) only when their own sentence dates
     * them to a day. */
    int placed = day >= 0;
    if (day < 0) {
        sqlite3_stmt *st = att_store_stmt(an->s, "SELECT ingested_at FROM articles WHERE id = ?1");
        if (st) {
            sqlite3_bind_int64(st, 1, article_id);
            int drc = sqlite3_step(st);
            if (drc == SQLITE_ROW)
                day = att_day_of((const char *)sqlite3_column_text(st, 0));
            sqlite3_reset(st);
            if (drc != SQLITE_ROW && drc != SQLITE_DONE)
                return dberr(an, err, errlen, "reading the article's date");
        }
    }
    if (day < 0)
        day = 0;
    char site[256];
    site_of(a, site, sizeof site);
    int64_t story = 0;
    int new_source = 0;
    att_status rc = assign_story(an, article_id, a, day, placed, site, sig, &story, &new_source, err, errlen);
    if (rc != ATT_OK)
        return rc;

    double tone = 0;
    sqlite3_stmt *st = att_store_stmt(an->s, "SELECT tone FROM article_tone WHERE article_id = ?1");
    if (st) {
        sqlite3_bind_int64(st, 1, article_id);
        int trc = sqlite3_step(st);
        if (trc == SQLITE_ROW)
            tone = sqlite3_column_double(st, 0);
        sqlite3_reset(st);
        if (trc != SQLITE_ROW && trc != SQLITE_DONE)
            return dberr(an, err, errlen, "reading tone");
    }
    /* each event: a copy of one already in the story, or a new one.  The
     * events are read first: the loop below writes to the same table. */
    st = att_store_stmt(an->s, "SELECT id, date, date_precision, a1_country, a2_country, cameo, quad, goldstein"
                               " FROM events WHERE article_id = ?1 ORDER BY id");
    if (!st)
        return dberr(an, err, errlen, "reading events");
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_stmt *find = att_store_stmt(an->s, "SELECT id FROM events WHERE story_id = ?1 AND a1_country = ?2 AND"
                                               " a2_country = ?3 AND cameo = ?4 AND dup_of IS NULL AND article_id <> ?5"
                                               " AND day BETWEEN ?6 - 2 AND ?6 + 2 LIMIT 1");
    if (!find)
        return dberr(an, err, errlen, "deduplicating events");
    int src = SQLITE_DONE;
    while (rc == ATT_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t eid = sqlite3_column_int64(st, 0);
        const char *edate = (const char *)sqlite3_column_text(st, 1);
        const char *prec = (const char *)sqlite3_column_text(st, 2);
        char a1[16], a2[16], cameo[8];
        snprintf(a1, sizeof a1, "%s", sqlite3_column_text(st, 3) ? (const char *)sqlite3_column_text(st, 3) : "");
        snprintf(a2, sizeof a2, "%s", sqlite3_column_text(st, 4) ? (const char *)sqlite3_column_text(st, 4) : "");
        snprintf(cameo, sizeof cameo, "%s", (const char *)sqlite3_column_text(st, 5));
        int quad = sqlite3_column_int(st, 6);
        double g = sqlite3_column_double(st, 7);
        /* an event dated to the day in its sentence counts on that day */
        int32_t eday = prec && !strcmp(prec, "day") ? att_day_of(edate) : -1;
        if (eday < 0 || eday > day + 1)
            eday = placed ? day : -1;
        if (eday < 0) { /* not placed: in its story, on no day, in no aggregate */
            if (exec_bind(an->s, "UPDATE events SET story_id = ?2, day = NULL WHERE id = ?1", "ii", eid, story) < 0)
                rc = dberr(an, err, errlen, "updating events");
            continue;
        }
        sqlite3_reset(find);
        sqlite3_bind_int64(find, 1, story);
        sqlite3_bind_text(find, 2, a1, -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 3, a2, -1, SQLITE_STATIC);
        sqlite3_bind_text(find, 4, cameo, -1, SQLITE_STATIC);
        sqlite3_bind_int64(find, 5, article_id);
        sqlite3_bind_int(find, 6, eday);
        int frc = sqlite3_step(find);
        int64_t canon = frc == SQLITE_ROW ? sqlite3_column_int64(find, 0) : 0;
        sqlite3_reset(find);
        if (frc != SQLITE_ROW && frc != SQLITE_DONE) {
            rc = dberr(an, err, errlen, "deduplicating events");
            break;
        }
        if (canon) {
            if (exec_bind(an->s, "UPDATE events SET story_id = ?2, day = ?3, dup_of = ?4 WHERE id = ?1", "iiii",
                          eid, story, (int64_t)eday, canon) < 0 ||
                exec_bind(an->s,
                          "UPDATE events SET num_articles = num_articles + 1,"
                          " num_sources = num_sources + ?2 WHERE id = ?1",
                          "ii", canon, (int64_t)new_source) < 0)
                rc = dberr(an, err, errlen, "deduplicating events");
            continue;
        }
        if (exec_bind(an->s, "UPDATE events SET story_id = ?2, day = ?3 WHERE id = ?1", "iii", eid, story,
                      (int64_t)eday) < 0) {
            rc = dberr(an, err, errlen, "updating events");
            break;
        }
        if (a1[0] && a2[0])
            rc = add_to_dyads(an, a1, a2, eday, quad, g, tone, story, err, errlen);
    }
    if (rc == ATT_OK && src != SQLITE_DONE && src != SQLITE_ROW)
        rc = dberr(an, err, errlen, "reading events");
    sqlite3_reset(find);
    sqlite3_reset(st);
    if (rc == ATT_OK)
        rc = att_commitments_update(an->s, article_id, a, day, err, errlen);
    return rc;
}

att_status att_analyzer_finish(att_analyzer *an, const att_alert_config *cfg, size_t *n_new, char *err,
                               size_t errlen)
{
    *n_new = 0;
    /* aggregates of a transaction still open (reextract commits after
     * this) must be in the tables the detectors read */
    att_status fs = att_dyad_batch_flush(an->batch, an->s, err, errlen);
    if (fs != ATT_OK)
        return fs;
    att_alert_config def;
    int own = 0;
    if (!cfg) {
        att_status st = att_alert_config_load(&def, NULL, NULL, err, errlen);
        if (st != ATT_OK)
            return st;
        cfg = &def;
        own = 1;
    }
    /* only what this run touched: with nothing stored, no dyad is
     * rescanned (a NULL list would mean every dyad) - queued alerts are
     * still delivered */
    char *none[1] = {NULL};
    att_status st = att_alerts_run(an->s, cfg, an->dyads ? an->dyads : none, an->n_dyads, an->stories,
                                   an->n_stories, n_new, err, errlen);
    if (own)
        att_alert_config_free(&def);
    for (size_t i = 0; i < an->n_dyads; i++)
        free(an->dyads[i]);
    an->n_dyads = 0;
    an->n_stories = 0;
    return st;
}

att_status att_analysis_clear(att_store *s, char *err, size_t errlen)
{
    sqlite3 *db = att_store_db(s);
    if (sqlite3_exec(db,
                     "DELETE FROM stories; DELETE FROM story_sources; DELETE FROM story_days;"
                     " DELETE FROM article_sigs; DELETE FROM dyad_agg; DELETE FROM dyad_agg_stories; DELETE FROM dyad_list;"
                     " DELETE FROM commitment_links; DELETE FROM commitments;",
                     NULL, NULL, NULL) != SQLITE_OK)
        return att_seterr(err, errlen, ATT_ERR_DB, "clearing analysis: %s", sqlite3_errmsg(db));
    return ATT_OK;
}

char *att_dyad_sql(int by_actor, int pair)
{
    static const char *cols = "SELECT a1, a2, period, n, q1, q2, q3, q4, goldstein_sum, tone_sum, n_stories"
                              " FROM dyad_agg%s WHERE level = ?1 AND period BETWEEN ?2 AND ?3";
    /* every dyad: each listed dyad's period range in the primary key
     * (schema 10) instead of every row of the level; ordered by the
     * list's columns, the join's own order is the result's order (no
     * sort) */
    static const char *every = "SELECT g.a1, g.a2, g.period, g.n, g.q1, g.q2, g.q3, g.q4, g.goldstein_sum,"
                               " g.tone_sum, g.n_stories FROM dyad_list d CROSS JOIN dyad_agg g"
                               " ON g.level = d.level AND g.a1 = d.a1 AND g.a2 = d.a2"
                               " AND g.period BETWEEN ?2 AND ?3 WHERE d.level = ?1"
                               " ORDER BY d.a1, d.a2, g.period LIMIT ?7";
    char base[256], base_a2[256];
    snprintf(base, sizeof base, cols, "");
    /* pinned: without statistics the planner takes (level, period) for it */
    snprintf(base_a2, sizeof base_a2, cols, " INDEXED BY dyad_agg_a2");
    att_buf b = ATT_BUF_INIT;
    if (pair)
        att_buf_printf(&b, "%s AND a1 = ?5 AND a2 = ?6 ORDER BY 1, 2, 3 LIMIT ?7", base);
    else if (by_actor)
        att_buf_printf(&b, "SELECT * FROM (%s AND a1 = ?4 UNION ALL %s AND a2 = ?4 AND a1 <> ?4)"
                           " ORDER BY 1, 2, 3 LIMIT ?7", base, base_a2);
    else
        att_buf_puts(&b, every);
    return att_buf_steal(&b);
}
