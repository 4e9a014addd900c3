/* query.c - the shared read queries; see query.h. */
#include "query.h"

#include <inttypes.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/analyze.h"

static att_status dberr(att_store *s, char *err, size_t errlen, const char *what)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "%s: %s", what, sqlite3_errmsg(att_store_db(s)));
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static sqlite3_stmt *prep(att_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(att_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* Finish a step loop: OK when it ended on ROW (stopped early) or DONE. */
static att_status finish(att_store *s, sqlite3_stmt *st, int rc, char *err, size_t errlen, const char *what)
{
    att_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? ATT_OK : dberr(s, err, errlen, what);
    sqlite3_finalize(st);
    return res;
}

void att_cursor_encode(const int64_t *key, int n, char *out, size_t outlen)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && len < outlen; i++) {
        int w = snprintf(out + len, outlen - len, "%s%" PRId64, i ? "." : "", key[i]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

int att_cursor_decode(const char *text, int n, att_page *p)
{
    const char *c = text;
    if (!text || n < 1 || n > ATT_KEY_MAX)
        return -1;
    for (int i = 0; i < n; i++) {
        char *end;
        if (!(*c == '-' || (*c >= '0' && *c <= '9')))
            return -1;
        long long v = strtoll(c, &end, 10);
        if (end == c || (i + 1 < n ? *end != '.' : *end != '\0'))
            return -1;
        p->after[i] = v;
        c = end + (i + 1 < n);
    }
    p->n_after = n;
    return 0;
}

static int64_t page_limit(const att_page *p) { return p && p->limit > 0 ? p->limit : -1; }
static int has_after(const att_page *p, int n) { return p && p->n_after == n; }

/* ---- stories ---- */

/* The counted columns of the stories in s (a page of stories, chosen
 * first: SQLite computes a row's columns before it sorts) */
#define STORY_COLS                                                                                            \
    "SELECT s.id, s.title, s.first_day, s.last_day, s.n_articles, s.n_sources,"                             \
    " (SELECT count(*) FROM events e WHERE e.story_id = s.id AND e.dup_of IS NULL),"                       \
    " (SELECT group_concat(article_id) FROM article_sigs a WHERE a.story_id = s.id) FROM "

static att_status story_rows(att_store *s, sqlite3_stmt *st, att_story_cb cb, void *ctx, int *n, char *err,
                             size_t errlen)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_story_row r = {sqlite3_column_int64(st, 0), col(st, 1), sqlite3_column_int(st, 2),
                           sqlite3_column_int(st, 3), sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
                           sqlite3_column_int64(st, 6), col(st, 7), {0, 0, 0}};
        r.key[0] = r.n_articles;
        r.key[1] = r.last_day;
        r.key[2] = r.id;
        (*n)++;
        if (cb(ctx, &r))
            break;
    }
    return finish(s, st, rc, err, errlen, "reading stories");
}

att_status att_query_stories(att_store *s, const att_page *p, att_story_cb cb, void *ctx, char *err,
                             size_t errlen)
{
    sqlite3_stmt *st = prep(s, STORY_COLS "(SELECT * FROM stories WHERE ?1 = 0 OR n_articles < ?2 OR (n_articles = ?2"
                                          " AND (last_day < ?3 OR (last_day = ?3 AND id > ?4)))"
                                          " ORDER BY n_articles DESC, last_day DESC, id LIMIT ?5) s"
                                          " ORDER BY s.n_articles DESC, s.last_day DESC, s.id");
    if (!st)
        return dberr(s, err, errlen, "reading stories");
    int after = has_after(p, 3), n = 0;
    sqlite3_bind_int(st, 1, after);
    for (int k = 0; k < 3; k++)
        sqlite3_bind_int64(st, 2 + k, after ? p->after[k] : 0);
    sqlite3_bind_int64(st, 5, page_limit(p));
    return story_rows(s, st, cb, ctx, &n, err, errlen);
}

att_status att_query_story(att_store *s, int64_t id, att_story_cb cb, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *st = prep(s, STORY_COLS "stories s WHERE s.id = ?1");
    if (!st)
        return dberr(s, err, errlen, "reading a story");
    sqlite3_bind_int64(st, 1, id);
    int n = 0;
    att_status rc = story_rows(s, st, cb, ctx, &n, err, errlen);
    if (rc == ATT_OK && !n)
        return att_seterr(err, errlen, ATT_ERR_NOTFOUND, "no story %" PRId64, id);
    return rc;
}

/* ---- alerts ---- */

static att_status alert_rows(att_store *s, sqlite3_stmt *st, att_alert_cb cb, void *ctx, char *err,
                             size_t errlen)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_alert_row r = {sqlite3_column_int64(st, 0), col(st, 1), col(st, 2), sqlite3_column_int(st, 3),
                           sqlite3_column_double(st, 4), col(st, 5), col(st, 6), col(st, 7), {0, 0}};
        r.key[0] = r.day;
        r.key[1] = r.id;
        if (cb(ctx, &r))
            break;
    }
    return finish(s, st, rc, err, errlen, "reading alerts");
}

#define ALERT_COLS "SELECT id, kind, actors, day, score, summary, evidence, created_at FROM alerts"

att_status att_query_alerts(att_store *s, int32_t since_day, const att_page *p, att_alert_cb cb, void *ctx,
                            char *err, size_t errlen)
{
    sqlite3_stmt *st = prep(s, ALERT_COLS " WHERE day >= ?1 AND (?2 = 0 OR day > ?3 OR (day = ?3 AND id > ?4))"
                                          " ORDER BY day, id LIMIT ?5");
    if (!st)
        return dberr(s, err, errlen, "reading alerts");
    int after = has_after(p, 2);
    sqlite3_bind_int(st, 1, since_day);
    sqlite3_bind_int(st, 2, after);
    sqlite3_bind_int64(st, 3, after ? p->after[0] : 0);
    sqlite3_bind_int64(st, 4, after ? p->after[1] : 0);
    sqlite3_bind_int64(st, 5, page_limit(p));
    return alert_rows(s, st, cb, ctx, err, errlen);
}

att_status att_query_alerts_after_id(att_store *s, int64_t after_id, int64_t limit, att_alert_cb cb, void *ctx,
                                     char *err, size_t errlen)
{
    sqlite3_stmt *st = prep(s, ALERT_COLS " WHERE id > ?1 ORDER BY id LIMIT ?2");
    if (!st)
        return dberr(s, err, errlen, "reading alerts");
    sqlite3_bind_int64(st, 1, after_id);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    return alert_rows(s, st, cb, ctx, err, errlen);
}

att_status att_query_max_alert_id(att_store *s, int64_t *id, char *err, size_t errlen)
{
    int64_t v = att_query_count(s, "SELECT coalesce(max(id), 0) FROM alerts");
    if (v < 0)
        return dberr(s, err, errlen, "reading alerts");
    *id = v;
    return ATT_OK;
}

/* ---- commitments ---- */

att_status att_query_commitments(att_store *s, const char *actor, const char *status, const att_page *p,
                                 att_commitment_cb cb, void *ctx, char *err, size_t errlen)
{
    /* NULL promised days sort first, as INT_MIN does */
    sqlite3_stmt *st = prep(s, "SELECT id, article_id, who, who_name, to_whom, to_name, cameo, what,"
                               " promised_day, due, status FROM commitments"
                               " WHERE (?1 IS NULL OR ?1 IN (who, to_whom)) AND (?2 IS NULL OR status = ?2)"
                               " AND (?3 = 0 OR coalesce(promised_day, -2147483648) > ?4"
                               " OR (coalesce(promised_day, -2147483648) = ?4 AND id > ?5))"
                               " ORDER BY promised_day, id LIMIT ?6");
    if (!st)
        return dberr(s, err, errlen, "reading commitments");
    int after = has_after(p, 2);
    bind_opt(st, 1, actor);
    bind_opt(st, 2, status);
    sqlite3_bind_int(st, 3, after);
    sqlite3_bind_int64(st, 4, after ? p->after[0] : 0);
    sqlite3_bind_int64(st, 5, after ? p->after[1] : 0);
    sqlite3_bind_int64(st, 6, page_limit(p));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_commitment_row r = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col(st, 2), col(st, 3),
                                col(st, 4), col(st, 5), col(st, 6), col(st, 7), col(st, 9), col(st, 10),
                                sqlite3_column_type(st, 8) == SQLITE_NULL ? INT32_MIN : sqlite3_column_int(st, 8),
                                {0, 0}};
        r.key[0] = r.promised_day;
        r.key[1] = r.id;
        if (cb(ctx, &r))
            break;
    }
    return finish(s, st, rc, err, errlen, "reading commitments");
}

att_status att_query_commitment_links(att_store *s, int64_t commitment_id, att_commitment_link_cb cb, void *ctx,
                                      char *err, size_t errlen)
{
    sqlite3_stmt *st = prep(s, "SELECT article_id, status, day, sentence FROM commitment_links"
                               " WHERE commitment_id = ?1 ORDER BY day");
    if (!st)
        return dberr(s, err, errlen, "reading commitment links");
    sqlite3_bind_int64(st, 1, commitment_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_commitment_link r = {sqlite3_column_int64(st, 0), col(st, 1), col(st, 3), sqlite3_column_int(st, 2)};
        if (cb(ctx, &r))
            break;
    }
    return finish(s, st, rc, err, errlen, "reading commitment links");
}

/* ---- dyads ---- */

/* Last day covered by an ISO "to" bound of any precision. */
static int32_t to_day(const char *iso)
{
    if (!iso)
        return 1 << 30;
    size_t n = strlen(iso);
    char buf[16];
    if (n == 4) { /* a year: up to Dec 31 */
        snprintf(buf, sizeof buf, "%.4s-12-31", iso);
        return att_day_of(buf);
    }
    if (n == 7) /* a month: up to the day before the next one */
        return att_period_start(2, att_day_of(iso) + 31) - 1;
    return att_day_of(iso);
}

static att_status dyad_rows(att_store *s, sqlite3_stmt *st, att_dyad_cb cb, void *ctx, char *err, size_t errlen,
                            const char *what)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_dyad_row r = {col(st, 0), col(st, 1), sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3),
                          {sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6),
                           sqlite3_column_int64(st, 7)},
                          sqlite3_column_int64(st, 10), sqlite3_column_double(st, 8), sqlite3_column_double(st, 9)};
        if (cb(ctx, &r))
            break;
    }
    return finish(s, st, rc, err, errlen, what);
}

att_status att_query_dyads(att_store *s, const att_dyad_query *q, att_dyad_cb cb, void *ctx, char *err,
                           size_t errlen)
{
    const char *a = q->a, *b = q->b;
    int pair = a && b;
    char *sql = att_dyad_sql(q->actor != NULL && !pair, pair);
    sqlite3_stmt *st = sql ? prep(s, sql) : NULL;
    free(sql);
    if (!st)
        return dberr(s, err, errlen, "reading dyads");
    /* undirected pairs are stored with the smaller code first */
    if (pair && q->undirected && strcmp(a, b) > 0) {
        const char *t = a;
        a = b;
        b = t;
    }
    sqlite3_bind_int(st, 1, q->level + (q->undirected ? 3 : 0));
    /* the period that contains the first day asked for */
    sqlite3_bind_int(st, 2, q->from ? att_period_start(q->level, att_day_of(q->from)) : 0);
    sqlite3_bind_int(st, 3, to_day(q->to));
    if (q->actor && !pair)
        sqlite3_bind_text(st, 4, q->actor, -1, SQLITE_TRANSIENT);
    if (pair) {
        sqlite3_bind_text(st, 5, a, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, b, -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(st, 7, q->limit > 0 ? q->limit : -1);
    return dyad_rows(s, st, cb, ctx, err, errlen, "reading dyads");
}

att_status att_query_movers(att_store *s, int days, int64_t limit, att_dyad_cb cb, void *ctx, char *err,
                            size_t errlen)
{
    sqlite3_stmt *st = prep(s, "WITH last(d) AS (SELECT coalesce(max(period), 0) FROM dyad_agg WHERE level = 3),"
                               " w AS (SELECT a1, a2, sum(CASE WHEN period > (SELECT d FROM last) - ?1 THEN n END) AS now,"
                               " sum(CASE WHEN period <= (SELECT d FROM last) - ?1 THEN n END) AS before,"
                               " sum(q1), sum(q2), sum(q3), sum(q4), sum(goldstein_sum), sum(tone_sum), sum(n_stories)"
                               " FROM dyad_agg WHERE level = 3 AND period > (SELECT d FROM last) - 2 * ?1"
                               " GROUP BY a1, a2)"
                               " SELECT a1, a2, (SELECT d FROM last) - ?1 + 1, coalesce(now, 0), coalesce(before, 0),"
                               " 0, 0, 0, 0, 0, 0 FROM w"
                               " ORDER BY abs(coalesce(now, 0) - coalesce(before, 0)) DESC, a1, a2 LIMIT ?2");
    if (!st)
        return dberr(s, err, errlen, "reading relation changes");
    sqlite3_bind_int(st, 1, days);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    return dyad_rows(s, st, cb, ctx, err, errlen, "reading relation changes");
}

att_status att_query_top_pairs(att_store *s, int64_t limit, att_dyad_cb cb, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *st = prep(s, "SELECT a1, a2, 0, sum(n), sum(q1), sum(q2), sum(q3), sum(q4), sum(goldstein_sum),"
                               " sum(tone_sum), sum(n_stories) FROM dyad_agg WHERE level = 5 GROUP BY 1, 2"
                               " ORDER BY 4 DESC LIMIT ?1");
    if (!st)
        return dberr(s, err, errlen, "reading relations");
    sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
    return dyad_rows(s, st, cb, ctx, err, errlen, "reading relations");
}

att_status att_query_country_intensity(att_store *s, att_dyad_cb cb, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *st = prep(s, "SELECT c, '', 0, count(*), sum(quad = 1), sum(quad = 2), sum(quad = 3),"
                               " sum(quad = 4), sum(goldstein), 0, 0 FROM"
                               " (SELECT a1_country AS c, quad, goldstein FROM events WHERE dup_of IS NULL"
                               " AND a1_country IS NOT NULL AND a1_country <> ''"
                               " UNION ALL SELECT a2_country, quad, goldstein FROM events WHERE dup_of IS NULL"
                               " AND a2_country IS NOT NULL AND a2_country <> '' AND a2_country <> a1_country)"
                               " GROUP BY c ORDER BY 4 DESC, c");
    if (!st)
        return dberr(s, err, errlen, "reading country intensity");
    return dyad_rows(s, st, cb, ctx, err, errlen, "reading country intensity");
}

/* ---- actors ---- */

/* The name most mentioned under each code (one pass over the mentions,
 * instead of a scan per code: mentions has no index on code). */
typedef struct code_name {
    char *code, *name;
} code_name;

static int cmp_code(const void *a, const void *b)
{
    return strcmp(((const code_name *)a)->code, ((const code_name *)b)->code);
}

static void free_names(code_name *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].code);
        free(v[i].name);
    }
    free(v);
}

/* Rows of sql_names (code, name, mentions; grouped by code, name) into a
 * code-sorted list of each code's best name. */
static att_status best_names(att_store *s, sqlite3_stmt *st, code_name **out, size_t *n_out, char *err,
                             size_t errlen)
{
    code_name *v = NULL;
    size_t n = 0, cap = 0;
    int64_t best = -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = col(st, 0), *name = col(st, 1);
        int64_t m = sqlite3_column_int64(st, 2);
        if (!n || strcmp(v[n - 1].code, code) != 0) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 256;
                code_name *nv = realloc(v, nc * sizeof *nv);
                if (!nv)
                    break;
                v = nv;
                cap = nc;
            }
            v[n].code = strdup(code);
            v[n].name = strdup(name);
            n++;
            best = m;
        } else if (m > best) {
            free(v[n - 1].name);
            v[n - 1].name = strdup(name);
            best = m;
        }
    }
    att_status res = finish(s, st, rc, err, errlen, "reading actor names");
    if (res == ATT_OK && rc == SQLITE_ROW)
        res = att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    if (res != ATT_OK) {
        free_names(v, n);
        return res;
    }
    if (n) /* (qsort of NULL, 0 is undefined) */
        qsort(v, n, sizeof *v, cmp_code); /* SQLite's order is already this; made sure */
    *out = v;
    *n_out = n;
    return ATT_OK;
}

/* The actors of st (code, country, type, articles, mentions), named. */
static att_status actor_rows(att_store *s, sqlite3_stmt *st, const code_name *names, size_t n_names,
                             att_actor_cb cb, void *ctx, int *n, char *err, size_t errlen)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        code_name key = {(char *)col(st, 0), NULL};
        const code_name *nm = n_names ? bsearch(&key, names, n_names, sizeof *names, cmp_code) : NULL;
        att_actor_row r = {col(st, 0), nm && nm->name ? nm->name : "", col(st, 1), col(st, 2),
                           sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4)};
        (*n)++;
        if (cb(ctx, &r))
            break;
    }
    return finish(s, st, rc, err, errlen, "reading actors");
}

/* Both passes; code NULL for every actor, else those with this code or
 * country. */
static att_status actors(att_store *s, const char *code, int64_t limit, att_actor_cb cb, void *ctx, int *n,
                         char *err, size_t errlen)
{
    sqlite3_stmt *nst = prep(s, "SELECT code, name, sum(mentions) FROM mentions"
                                " WHERE ?1 IS NULL OR code = ?1 OR country = ?1 GROUP BY code, name");
    if (!nst)
        return dberr(s, err, errlen, "reading actors");
    bind_opt(nst, 1, code);
    code_name *names = NULL;
    size_t n_names = 0;
    att_status rc = best_names(s, nst, &names, &n_names, err, errlen);
    if (rc != ATT_OK)
        return rc;
    sqlite3_stmt *st = prep(s, "SELECT code, max(country), max(type), count(DISTINCT article_id), sum(mentions)"
                               " FROM mentions WHERE ?1 IS NULL OR code = ?1 OR country = ?1"
                               " GROUP BY code ORDER BY 5 DESC, code LIMIT ?2");
    if (!st) {
        free_names(names, n_names);
        return dberr(s, err, errlen, "reading actors");
    }
    bind_opt(st, 1, code);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    rc = actor_rows(s, st, names, n_names, cb, ctx, n, err, errlen);
    free_names(names, n_names);
    return rc;
}

att_status att_query_actors(att_store *s, int64_t limit, att_actor_cb cb, void *ctx, char *err, size_t errlen)
{
    int n = 0;
    return actors(s, NULL, limit, cb, ctx, &n, err, errlen);
}

att_status att_query_actor(att_store *s, const char *code, att_actor_cb cb, void *ctx, char *err, size_t errlen)
{
    int n = 0;
    att_status rc = actors(s, code, 0, cb, ctx, &n, err, errlen);
    if (rc == ATT_OK && !n)
        return att_seterr(err, errlen, ATT_ERR_NOTFOUND, "no actor '%s'", code);
    return rc;
}

att_status att_query_mentions(att_store *s, att_mention_cb cb, void *ctx, char *err, size_t errlen)
{
    return att_store_foreach_mention(s, cb, ctx, err, errlen);
}

/* ---- events, quotes ---- */

att_status att_query_events(att_store *s, const att_event_filter *f, att_event_cb cb, void *ctx, char *err,
                            size_t errlen)
{
    return att_store_foreach_event(s, f, cb, ctx, err, errlen);
}

att_status att_query_quotes(att_store *s, const att_quote_filter *f, att_quote_cb cb, void *ctx, char *err,
                            size_t errlen)
{
    return att_store_foreach_quote_f(s, f, cb, ctx, err, errlen);
}

/* ---- articles, counts ---- */

int att_query_article_has_actor(att_store *s, int64_t id, const char *actor)
{
    sqlite3_stmt *st = att_store_stmt(s, "SELECT 1 FROM mentions WHERE article_id = ?1 AND (code = ?2 OR country = ?2)"
                                         " LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, actor, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

att_status att_query_article_counts(att_store *s, int64_t id, int64_t *events, int64_t *mentions, char *err,
                                    size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(s, "SELECT (SELECT count(*) FROM events WHERE article_id = ?1),"
                                         " (SELECT count(*) FROM mentions WHERE article_id = ?1)");
    if (!st)
        return att_seterr(err, errlen, ATT_ERR_DB, "%s", sqlite3_errmsg(att_store_db(s)));
    sqlite3_bind_int64(st, 1, id);
    att_status res = ATT_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *events = sqlite3_column_int64(st, 0);
        *mentions = sqlite3_column_int64(st, 1);
    } else {
        res = att_seterr(err, errlen, ATT_ERR_DB, "%s", sqlite3_errmsg(att_store_db(s)));
    }
    sqlite3_reset(st);
    return res;
}

att_status att_query_snapshot_begin(att_store *s, char *err, size_t errlen)
{
    /* a deferred BEGIN and a first read: the snapshot is taken now */
    if (sqlite3_exec(att_store_db(s), "BEGIN; SELECT 1 FROM articles LIMIT 1", NULL, NULL, NULL) != SQLITE_OK)
        return att_seterr(err, errlen, ATT_ERR_DB, "%s", sqlite3_errmsg(att_store_db(s)));
    return ATT_OK;
}

void att_query_snapshot_end(att_store *s)
{
    if (!sqlite3_get_autocommit(att_store_db(s)))
        sqlite3_exec(att_store_db(s), "COMMIT", NULL, NULL, NULL);
}

int64_t att_query_count(att_store *s, const char *sql)
{
    sqlite3_stmt *st = att_store_stmt(s, sql);
    if (!st)
        return -1;
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return v;
}

att_status att_query_totals(att_store *s, att_totals *t, char *err, size_t errlen)
{
    t->articles = att_query_count(s, "SELECT count(*) FROM articles");
    t->mentions = att_query_count(s, "SELECT coalesce(sum(mentions), 0) FROM mentions");
    t->events = att_query_count(s, "SELECT count(*) FROM events WHERE dup_of IS NULL");
    t->quotes = att_query_count(s, "SELECT count(*) FROM quotes");
    t->stories = att_query_count(s, "SELECT count(*) FROM stories");
    t->commitments = att_query_count(s, "SELECT count(*) FROM commitments");
    t->alerts = att_query_count(s, "SELECT count(*) FROM alerts");
    if (t->articles < 0 || t->mentions < 0 || t->events < 0 || t->quotes < 0 || t->stories < 0 ||
        t->commitments < 0 || t->alerts < 0)
        return dberr(s, err, errlen, "counting");
    return ATT_OK;
}
