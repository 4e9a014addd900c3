/* sources.c - follow's sources and seen-URL tables; see sources.h. */
#include "sources.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static att_status db_err(att_store *s, char *err, size_t errlen)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "database: %s", sqlite3_errmsg(att_store_db(s)));
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* Room for one more element in *v (n used, *cap allocated); 0 or -1. */
static int grow(void *v, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*(void **)v, nc * elem);
    if (!p)
        return -1;
    *(void **)v = p;
    *cap = nc;
    return 0;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

att_status att_sources_add(att_store *s, const char *url, const char *name, const char *kind, int every_min,
                           int64_t parent_id, int64_t now, int64_t *id, int *was_new, char *err,
                           size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(s, "INSERT INTO sources(url,name,kind,every_min,parent_id,added_at,"
                                         "interval_s) VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(url) DO NOTHING");
    if (!st)
        return db_err(s, err, errlen);
    bind_text(st, 1, url);
    bind_text(st, 2, name);
    bind_text(st, 3, kind ? kind : "auto");
    if (every_min > 0)
        sqlite3_bind_int(st, 4, every_min);
    if (parent_id > 0)
        sqlite3_bind_int64(st, 5, parent_id);
    sqlite3_bind_int64(st, 6, now);
    sqlite3_bind_int64(st, 7, every_min > 0 ? (int64_t)every_min * 60 : 1800);
    if (sqlite3_step(st) != SQLITE_DONE)
        return db_err(s, err, errlen);
    *was_new = sqlite3_changes(att_store_db(s)) > 0;
    st = att_store_stmt(s, "SELECT id FROM sources WHERE url = ?1");
    if (!st)
        return db_err(s, err, errlen);
    bind_text(st, 1, url);
    if (sqlite3_step(st) != SQLITE_ROW)
        return db_err(s, err, errlen);
    *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return ATT_OK;
}

att_status att_sources_remove(att_store *s, const char *key, char *err, size_t errlen)
{
    char *end;
    long long v = strtoll(key, &end, 10);
    int by_id = *key && !*end;
    sqlite3_stmt *st = att_store_stmt(s, by_id ? "SELECT id FROM sources WHERE id = ?1"
                                               : "SELECT id FROM sources WHERE url = ?1");
    if (!st)
        return db_err(s, err, errlen);
    if (by_id)
        sqlite3_bind_int64(st, 1, v);
    else
        bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return att_seterr(err, errlen, ATT_ERR_NOTFOUND, "no source '%s' (see attache sources list)", key);
    if (rc != SQLITE_ROW)
        return db_err(s, err, errlen);
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    sqlite3_stmt *del = att_store_stmt(s, "DELETE FROM sources WHERE id = ?1");
    sqlite3_stmt *pend = att_store_stmt(s, "DELETE FROM seen_urls WHERE source_id = ?1 AND fetched_at IS NULL");
    if (!del || !pend)
        return db_err(s, err, errlen);
    sqlite3_bind_int64(del, 1, id);
    sqlite3_bind_int64(pend, 1, id);
    if (sqlite3_step(del) != SQLITE_DONE || sqlite3_step(pend) != SQLITE_DONE)
        return db_err(s, err, errlen);
    return ATT_OK;
}

att_status att_sources_list(att_store *s, int64_t due_before, att_source **out, size_t *n, char *err,
                            size_t errlen)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = att_store_stmt(
        s, "SELECT id,url,name,kind,detected,every_min,interval_s,parent_id,etag,last_modified,content_hash,"
           "last_fetch,last_status,last_error,items_seen,new_articles,failures,next_due,added_at "
           "FROM sources WHERE ?1 <= 0 OR next_due <= ?1 ORDER BY id");
    if (!st)
        return db_err(s, err, errlen);
    sqlite3_bind_int64(st, 1, due_before);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow(out, *n, &cap, sizeof **out) != 0) {
            sqlite3_reset(st);
            return ATT_ERR_NOMEM;
        }
        att_source *x = &(*out)[(*n)++];
        memset(x, 0, sizeof *x);
        x->id = sqlite3_column_int64(st, 0);
        x->url = col_dup(st, 1);
        x->name = col_dup(st, 2);
        x->kind = col_dup(st, 3);
        x->detected = col_dup(st, 4);
        x->every_min = sqlite3_column_int(st, 5);
        x->interval_s = sqlite3_column_int64(st, 6);
        x->parent_id = sqlite3_column_int64(st, 7);
        x->etag = col_dup(st, 8);
        x->last_modified = col_dup(st, 9);
        x->content_hash = col_dup(st, 10);
        x->last_fetch = sqlite3_column_int64(st, 11);
        x->last_status = sqlite3_column_int(st, 12);
        x->last_error = col_dup(st, 13);
        x->items_seen = sqlite3_column_int64(st, 14);
        x->new_articles = sqlite3_column_int64(st, 15);
        x->failures = sqlite3_column_int64(st, 16);
        x->next_due = sqlite3_column_int64(st, 17);
        x->added_at = sqlite3_column_int64(st, 18);
        if (!x->url) {
            sqlite3_reset(st);
            return ATT_ERR_NOMEM;
        }
    }
    if (rc != SQLITE_DONE)
        return db_err(s, err, errlen);
    return ATT_OK;
}

att_status att_sources_update(att_store *s, const att_source *x, char *err, size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(
        s, "UPDATE sources SET detected=?2, interval_s=?3, etag=?4, last_modified=?5, content_hash=?6,"
           " last_fetch=?7, last_status=?8, last_error=?9, items_seen=?10, new_articles=?11, failures=?12,"
           " next_due=?13 WHERE id=?1");
    if (!st)
        return db_err(s, err, errlen);
    sqlite3_bind_int64(st, 1, x->id);
    bind_text(st, 2, x->detected);
    sqlite3_bind_int64(st, 3, x->interval_s);
    bind_text(st, 4, x->etag);
    bind_text(st, 5, x->last_modified);
    bind_text(st, 6, x->content_hash);
    sqlite3_bind_int64(st, 7, x->last_fetch);
    sqlite3_bind_int(st, 8, x->last_status);
    bind_text(st, 9, x->last_error);
    sqlite3_bind_int64(st, 10, x->items_seen);
    sqlite3_bind_int64(st, 11, x->new_articles);
    sqlite3_bind_int64(st, 12, x->failures);
    sqlite3_bind_int64(st, 13, x->next_due);
    if (sqlite3_step(st) != SQLITE_DONE)
        return db_err(s, err, errlen);
    return ATT_OK;
}

void att_sources_free(att_source *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].url);
        free(v[i].name);
        free(v[i].kind);
        free(v[i].detected);
        free(v[i].etag);
        free(v[i].last_modified);
        free(v[i].content_hash);
        free(v[i].last_error);
    }
    free(v);
}

att_status att_seen_add(att_store *s, const char *url, const char *fetch_url, int64_t source_id,
                        const char *title, const char *date,
                        att_seen_date_source date_source, int skip_status, int64_t now, int *was_new,
                        char *err, size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(
        s, "INSERT INTO seen_urls(url,source_id,title,date,date_source,first_seen,fetched_at,status,fetch_url)"
           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(url) DO NOTHING");
    if (!st)
        return db_err(s, err, errlen);
    bind_text(st, 1, url);
    sqlite3_bind_int64(st, 2, source_id);
    bind_text(st, 3, title);
    bind_text(st, 4, date);
    sqlite3_bind_int(st, 5, (int)date_source);
    sqlite3_bind_int64(st, 6, now);
    if (skip_status) {
        sqlite3_bind_int64(st, 7, now);
        sqlite3_bind_int(st, 8, skip_status);
    }
    if (fetch_url && strcmp(fetch_url, url))
        bind_text(st, 9, fetch_url);
    if (sqlite3_step(st) != SQLITE_DONE)
        return db_err(s, err, errlen);
    *was_new = sqlite3_changes(att_store_db(s)) > 0;
    return ATT_OK;
}

att_status att_seen_pending(att_store *s, size_t limit, att_seen_page **out, size_t *n, char *err,
                            size_t errlen)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = att_store_stmt(s, "SELECT url,title,date,date_source,source_id,tries,fetch_url FROM seen_urls"
                                         " WHERE fetched_at IS NULL ORDER BY first_seen LIMIT ?1");
    if (!st)
        return db_err(s, err, errlen);
    sqlite3_bind_int64(st, 1, (int64_t)limit);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow(out, *n, &cap, sizeof **out) != 0) {
            sqlite3_reset(st);
            return ATT_ERR_NOMEM;
        }
        att_seen_page *p = &(*out)[(*n)++];
        p->url = col_dup(st, 0);
        p->title = col_dup(st, 1);
        p->date = col_dup(st, 2);
        p->date_source = (att_seen_date_source)sqlite3_column_int(st, 3);
        p->source_id = sqlite3_column_int64(st, 4);
        p->tries = sqlite3_column_int(st, 5);
        p->fetch_url = col_dup(st, 6);
        if (!p->fetch_url)
            p->fetch_url = p->url ? strdup(p->url) : NULL;
        if (!p->url || !p->fetch_url) {
            sqlite3_reset(st);
            return ATT_ERR_NOMEM;
        }
    }
    if (rc != SQLITE_DONE)
        return db_err(s, err, errlen);
    return ATT_OK;
}

att_status att_seen_done(att_store *s, const char *url, int status, int64_t article_id, int final, int64_t now,
                         char *err, size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(
        s, final ? "UPDATE seen_urls SET fetched_at=?2, status=?3, article_id=?4, tries=tries+1 WHERE url=?1"
                 : "UPDATE seen_urls SET status=?3, tries=tries+1 WHERE url=?1 AND ?2 = ?2 AND ?4 = ?4");
    if (!st)
        return db_err(s, err, errlen);
    bind_text(st, 1, url);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, status);
    if (article_id > 0)
        sqlite3_bind_int64(st, 4, article_id);
    else
        sqlite3_bind_int64(st, 4, 0);
    if (sqlite3_step(st) != SQLITE_DONE)
        return db_err(s, err, errlen);
    return ATT_OK;
}

att_status att_seen_batch(att_store *s, int begin, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(att_store_db(s), begin ? "SAVEPOINT seen_batch" : "RELEASE seen_batch", NULL, NULL, &msg) !=
        SQLITE_OK) {
        att_status st = att_seterr(err, errlen, ATT_ERR_DB, "database: %s", msg ? msg : "savepoint failed");
        sqlite3_free(msg);
        return st;
    }
    return ATT_OK;
}

int att_seen_known(att_store *s, const char *url)
{
    sqlite3_stmt *st = att_store_stmt(s, "SELECT 1 FROM seen_urls WHERE url = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, url);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int64_t att_seen_count(att_store *s, int pending_only)
{
    sqlite3_stmt *st = att_store_stmt(s, pending_only ? "SELECT count(*) FROM seen_urls WHERE fetched_at IS NULL"
                                                      : "SELECT count(*) FROM seen_urls");
    if (!st)
        return -1;
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

void att_seen_free(att_seen_page *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].url);
        free(v[i].fetch_url);
        free(v[i].title);
        free(v[i].date);
    }
    free(v);
}
