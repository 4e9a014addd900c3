/* fts_tokenizer.c - FTS5 tokenizer "attache"; see fts_tokenizer.h. */
#include "fts_tokenizer.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"

/* The tokenizer has no configuration; one static instance serves all. */
static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    (void)argc;
    static int instance;
    *out = (Fts5Tokenizer *)&instance;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) { (void)t; }

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int))
{
    (void)t;
    att_buf exact = ATT_BUF_INIT, folded = ATT_BUF_INIT;
    size_t pos = 0, ws, we;
    int rc = SQLITE_OK;
    int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    while (rc == SQLITE_OK && att_next_word(text, (size_t)n, &pos, &ws, &we)) {
        att_buf_clear(&exact);
        att_buf_clear(&folded);
        int differs = att_word_keys(text + ws, we - ws, &exact, &folded);
        if (differs < 0) {
            rc = SQLITE_NOMEM;
            break;
        }
        if (query) {
            const att_buf *k = differs ? &exact : &folded;
            rc = emit(ctx, 0, k->data, (int)k->len, (int)ws, (int)we);
        } else {
            rc = emit(ctx, 0, folded.data, (int)folded.len, (int)ws, (int)we);
            if (rc == SQLITE_OK && differs)
                rc = emit(ctx, FTS5_TOKEN_COLOCATED, exact.data, (int)exact.len, (int)ws, (int)we);
        }
    }
    att_buf_free(&exact);
    att_buf_free(&folded);
    return rc;
}

static fts5_api *get_fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

/* ---- ranking ----
 * attache_rank(): BM25 with column weights title 10, lead 4, body 1, and
 * without document-length normalization (b = 0).  FTS5's bm25() looks up
 * every matching row's column sizes, one B-tree probe per row: at 50,000
 * articles that made a common-word query 7x slower.  News articles are of
 * similar length, so dropping the normalization costs little.  Returns the
 * negated score, as bm25() does (smaller is better). */

#define RANK_K1 1.2

typedef struct rank_idf {
    int n;
    double idf[];
} rank_idf;

/* Document frequency is counted over at most IDF_SAMPLE matches, then
 * extrapolated from how far into the rowids the sample reached: counting
 * every match of a common word would cost as much as the whole query. */
#define IDF_SAMPLE 512

typedef struct df_count {
    sqlite3_int64 hits, last_rowid;
} df_count;

static int count_rows(const Fts5ExtensionApi *api, Fts5Context *ctx, void *user)
{
    df_count *c = user;
    c->last_rowid = api->xRowid(ctx);
    return ++c->hits >= IDF_SAMPLE ? SQLITE_DONE : SQLITE_OK;
}

static void rank_free(void *p) { sqlite3_free(p); }

static void attache_rank(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *pc, int nval,
                         sqlite3_value **val)
{
    (void)nval;
    (void)val;
    static const double weight[] = {10.0, 4.0, 1.0};
    int np = api->xPhraseCount(ctx);
    rank_idf *idf = api->xGetAuxdata(ctx, 0);
    if (!idf) { /* once per query: inverse document frequency of each phrase */
        idf = sqlite3_malloc64(sizeof *idf + (size_t)np * sizeof(double));
        if (!idf) {
            sqlite3_result_error_nomem(pc);
            return;
        }
        idf->n = np;
        sqlite3_int64 rows = 0;
        api->xRowCount(ctx, &rows);
        for (int p = 0; p < np; p++) {
            df_count c = {0, 0};
            int rc = api->xQueryPhrase(ctx, p, &c, count_rows);
            if (rc != SQLITE_OK && rc != SQLITE_DONE) {
                sqlite3_free(idf);
                sqlite3_result_error(pc, "attache_rank: phrase query failed", -1);
                return;
            }
            double hits = (double)c.hits;
            if (c.hits >= IDF_SAMPLE && c.last_rowid > 0 && c.last_rowid < rows)
                hits *= (double)rows / (double)c.last_rowid; /* rowids are dense: ingest order */
            if (hits > (double)rows)
                hits = (double)rows;
            double v = log(((double)rows - hits + 0.5) / (hits + 0.5));
            idf->idf[p] = v < 1e-6 ? 1e-6 : v;
        }
        if (api->xSetAuxdata(ctx, idf, rank_free) != SQLITE_OK) {
            sqlite3_result_error_nomem(pc);
            return;
        }
    }
    double score = 0;
    for (int p = 0; p < np && p < idf->n; p++) {
        Fts5PhraseIter it;
        int col, off;
        double tf = 0;
        if (api->xPhraseFirst(ctx, p, &it, &col, &off) != SQLITE_OK)
            continue;
        for (; col >= 0; api->xPhraseNext(ctx, &it, &col, &off))
            tf += col < 3 ? weight[col] : 1.0;
        score += idf->idf[p] * tf * (RANK_K1 + 1) / (tf + RANK_K1);
    }
    sqlite3_result_double(pc, -score);
}

att_status att_fts_register(sqlite3 *db)
{
    fts5_api *api = get_fts5_api(db);
    if (!api)
        return ATT_ERR_DB;
    fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    if (api->xCreateTokenizer(api, "attache", NULL, &tok, NULL) != SQLITE_OK)
        return ATT_ERR_DB;
    return api->xCreateFunction(api, "attache_rank", NULL, attache_rank, NULL) == SQLITE_OK ? ATT_OK
                                                                                          : ATT_ERR_DB;
}
