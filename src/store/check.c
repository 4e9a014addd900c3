/* check.c - consistency check of a stored database; see store.h. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Run sql, which returns one row of one column; *text gets a copy of the
 * first 255 bytes of it (NULL as ""). */
static int one_value(sqlite3 *db, const char *sql, char *text, size_t cap)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        snprintf(text, cap, "%s", v ? (const char *)v : "");
    }
    return sqlite3_finalize(st) == SQLITE_OK && rc == SQLITE_ROW;
}

att_status att_store_check(att_store *s, int64_t *n_articles, char *err, size_t errlen)
{
    sqlite3 *db = att_store_db(s);
    const char *path = att_store_path(s);
    char v[256];
    *n_articles = 0;
    /* the b-trees and indexes (quick_check would skip the UNIQUE and
     * index contents) */
    if (!one_value(db, "PRAGMA integrity_check(1)", v, sizeof v))
        return att_seterr(err, errlen, ATT_ERR_DB, "%s: integrity_check: %s", path, sqlite3_errmsg(db));
    if (strcmp(v, "ok") != 0)
        return att_seterr(err, errlen, ATT_ERR_DB, "%s: integrity_check: %s", path, v);
    /* each full-text index against its content (rank 1: also the rows of
     * the external content table) */
    static const char *const fts[] = {"articles_fts", "headlines_fts"};
    for (size_t i = 0; i < 2; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES('integrity-check', 1)", fts[i], fts[i]);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
            return att_seterr(err, errlen, ATT_ERR_DB, "%s: %s integrity-check: %s", path, fts[i], sqlite3_errmsg(db));
    }
    /* every article has what extraction (its tone row, written for every
     * article) and analysis (its signature row) write in the article's
     * own transaction */
    if (!one_value(db,
                   "SELECT count(*) || ' ' || coalesce(min(id), 0) FROM articles a"
                   " WHERE NOT EXISTS (SELECT 1 FROM article_tone t WHERE t.article_id = a.id)"
                   "  OR NOT EXISTS (SELECT 1 FROM article_sigs g WHERE g.article_id = a.id)",
                   v, sizeof v))
        return att_seterr(err, errlen, ATT_ERR_DB, "%s: reading articles: %s", path, sqlite3_errmsg(db));
    long long missing = 0, first = 0;
    if (sscanf(v, "%lld %lld", &missing, &first) != 2 || missing)
        return att_seterr(err, errlen, ATT_ERR_DB,
                          "%s: %lld articles lack their extraction or analysis rows (first: article %lld)", path,
                          missing, first);
    if (!one_value(db, "SELECT count(*) FROM articles", v, sizeof v))
        return att_seterr(err, errlen, ATT_ERR_DB, "%s: reading articles: %s", path, sqlite3_errmsg(db));
    *n_articles = atoll(v);
    return ATT_OK;
}
