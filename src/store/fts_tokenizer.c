/* fts_tokenizer.c - FTS5 tokenizer "attache"; see fts_tokenizer.h. */
#include "fts_tokenizer.h"

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

att_status att_fts_register(sqlite3 *db)
{
    fts5_api *api = get_fts5_api(db);
    if (!api)
        return ATT_ERR_DB;
    fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "attache", NULL, &tok, NULL) == SQLITE_OK ? ATT_OK
                                                                               : ATT_ERR_DB;
}
