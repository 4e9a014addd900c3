/* fts_tokenizer.c - FTS5 tokenizer "attache"; see fts_tokenizer.h. */
#include "fts_tokenizer.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"
#include "terms.h"

/* An instance: the store's vocabulary (terms.h, shared, given when the
 * tokenizer is registered) and the table's mode.  tokenize='attache
 * folded' (the small headline index) also stores each word's folded key
 * at the same position, so accent-free queries there need no synonyms. */
typedef struct tok_instance {
    att_terms *vocab;
    int folded;
} tok_instance;

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    tok_instance *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->vocab = ctx;
    t->folded = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "folded") != 0) {
            sqlite3_free(t);
            return SQLITE_ERROR;
        }
        t->folded = 1;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) { sqlite3_free(t); }

typedef int (*emit_fn)(void *, int, const char *, int, int, int);

typedef struct synonyms {
    emit_fn emit;
    void *ctx;
    int n, start, end, rc;
} synonyms;

/* Give one exact key of a query word to FTS5: the first as the token,
 * the others colocated with it (FTS5 then matches any of them). */
static int emit_synonym(void *p, const char *exact, size_t len)
{
    synonyms *s = p;
    s->rc = s->emit(s->ctx, s->n++ ? FTS5_TOKEN_COLOCATED : 0, exact, (int)len, s->start, s->end);
    return s->rc != SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n, emit_fn emit)
{
    const tok_instance *in = (const tok_instance *)t;
    att_terms *vocab = in->vocab;
    att_buf exact = ATT_BUF_INIT, folded = ATT_BUF_INIT;
    size_t pos = 0, ws, we;
    int rc = SQLITE_OK;
    int query = (flags & FTS5_TOKENIZE_QUERY) != 0, prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
    while (rc == SQLITE_OK && att_next_word(text, (size_t)n, &pos, &ws, &we)) {
        att_buf_clear(&exact);
        att_buf_clear(&folded);
        uint32_t *noted;
        int differs = att_word_keys_tagged(text + ws, we - ws, &exact, &folded, &noted);
        if (differs < 0) {
            rc = SQLITE_NOMEM;
            break;
        }
        if (!query) { /* documents: the exact key, remembered in the vocabulary */
            if ((flags & FTS5_TOKENIZE_DOCUMENT) && !(noted && *noted == att_terms_id(vocab))) {
                if (att_terms_note(vocab, exact.data, exact.len, folded.data, folded.len) != ATT_OK) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                if (noted) /* this word is in the vocabulary: skip it next time */
                    *noted = att_terms_id(vocab);
            }
            rc = emit(ctx, 0, exact.data, (int)exact.len, (int)ws, (int)we);
            if (rc == SQLITE_OK && in->folded && differs)
                rc = emit(ctx, FTS5_TOKEN_COLOCATED, folded.data, (int)folded.len, (int)ws, (int)we);
        } else if (differs && !prefix) { /* typed with diacritics: exactly that */
            rc = emit(ctx, 0, exact.data, (int)exact.len, (int)ws, (int)we);
        } else if (in->folded) { /* typed without, and the index has folded keys */
            rc = emit(ctx, 0, folded.data, (int)folded.len, (int)ws, (int)we);
        } else { /* typed without: every exact key that folds to it */
            synonyms s = {emit, ctx, 0, (int)ws, (int)we, SQLITE_OK};
            if (!emit_synonym(&s, folded.data, folded.len)) /* the word as typed ("asean") */
                att_terms_variants(vocab, folded.data, folded.len, prefix, emit_synonym, &s);
            rc = s.rc;
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

att_status att_fts_register(sqlite3 *db, att_terms *vocab)
{
    fts5_api *api = get_fts5_api(db);
    if (!api)
        return ATT_ERR_DB;
    fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    if (api->xCreateTokenizer(api, "attache", vocab, &tok, NULL) != SQLITE_OK)
        return ATT_ERR_DB;
    return api->xCreateFunction(api, "attache_rank", NULL, attache_rank, NULL) == SQLITE_OK ? ATT_OK
                                                                                          : ATT_ERR_DB;
}
