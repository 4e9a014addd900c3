/* cmd_report.c - `attache report --html FILE [--from D] [--to D]`: gathers
 * the period's dyads, timelines, alerts, stories, commitments and quotes
 * from the database and renders them with src/analyze/report.h. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../analyze/alerts.h"
#include "../analyze/analyze.h"
#include "../analyze/report.h"
#include "../util/buf.h"
#include "cli.h"

/* Every string handed to the renderer is kept here and freed at the end. */
typedef struct pool {
    char **v;
    size_t n, cap;
} pool;

static const char *keep(pool *p, const char *s)
{
    if (!s)
        return NULL;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        char **v = realloc(p->v, p->cap * sizeof *v);
        if (!v)
            return NULL;
        p->v = v;
    }
    char *c = strdup(s);
    if (c)
        p->v[p->n++] = c;
    return c;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

/* Display name of an actor code: the lexicon's name, else the code. */
static void name_of(const att_lexicon *lx, const char *code, char *out, size_t cap)
{
    for (size_t i = 0; lx && i < lx->n_actors; i++)
        if (lx->actors[i].type != ATT_ACTOR_PERSON && !strcmp(lx->actors[i].code, code)) {
            snprintf(out, cap, "%s", lx->actors[i].name);
            return;
        }
    snprintf(out, cap, "%s", code);
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql, int32_t from, int32_t to)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_int(st, 1, from);
    sqlite3_bind_int(st, 2, to);
    return st;
}

/* Step st: 1 for a row; 0 when done, or (with *bad set) when st did not
 * prepare or the step failed - a read error or a corrupted database must
 * not give a report that looks complete. */
static int row(sqlite3_stmt *st, int *bad)
{
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE)
        *bad = 1;
    return 0;
}

int cmd_report(cli_ctx *c, int argc, char **argv)
{
    const char *out_path = NULL, *from_s = NULL, *to_s = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--html") || !strcmp(a, "--from") || !strcmp(a, "--to")) {
            if (!v) {
                cli_error("report: %s needs a value", a);
                return 2;
            }
            i++;
            if (!strcmp(a, "--html"))
                out_path = v;
            else if (att_day_of(v) < 0) {
                cli_error("report: %s takes an ISO date (YYYY-MM-DD), not '%s'", a, v);
                return 2;
            } else if (!strcmp(a, "--from"))
                from_s = v;
            else
                to_s = v;
        } else {
            cli_error("report: unknown argument '%s' (usage: attache report --html FILE [--from D] [--to D])", a);
            return 2;
        }
    }
    if (!out_path) {
        cli_error("report: say where to write it: attache report --html FILE");
        return 2;
    }
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    att_lexicon *lx = cli_load_lexicon();
    sqlite3 *db = att_store_db(s);
    pool P = {0};
    int bad = 0;
    /* the period: given, else the days of the placed events (the daily
     * dyad aggregates hold exactly those; an article dated only by its
     * ingest places none: docs/DATES.md), else of the dated articles */
    int32_t from = from_s ? att_day_of(from_s) : 0, to = to_s ? att_day_of(to_s) : 0;
    sqlite3_stmt *st = prep(db, "SELECT min(period), max(period) FROM dyad_agg WHERE level = 0", 0, 0);
    int have = row(st, &bad) && sqlite3_column_type(st, 0) != SQLITE_NULL;
    if (!have && !bad) {
        sqlite3_finalize(st);
        st = prep(db,
                  "SELECT min(s.day), max(s.day) FROM article_sigs s JOIN articles a ON a.id = s.article_id"
                  " WHERE a.published IS NOT NULL",
                  0, 0);
        have = row(st, &bad) && sqlite3_column_type(st, 0) != SQLITE_NULL;
    }
    if (have) {
        if (!from_s)
            from = sqlite3_column_int(st, 0);
        if (!to_s)
            to = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (!to)
        to = from;
    char from_iso[11], to_iso[11], gen[32];
    att_day_iso(from, from_iso);
    att_day_iso(to, to_iso);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(gen, sizeof gen, "%Y-%m-%d %H:%M UTC", &tm);

    att_report r;
    memset(&r, 0, sizeof r);
    r.title = "attache: báo cáo quan hệ quốc tế";
    r.from = from_iso;
    r.to = to_iso;
    r.generated_at = gen;
    st = prep(db, "SELECT count(*) FROM article_sigs WHERE day BETWEEN ?1 AND ?2", from, to);
    if (row(st, &bad))
        r.n_articles = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = prep(db, "SELECT count(*) FROM events WHERE dup_of IS NULL AND day BETWEEN ?1 AND ?2", from, to);
    if (row(st, &bad))
        r.n_events = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);

    /* most active dyads (undirected), trend = second half minus first half */
    att_report_dyad dy[12];
    size_t nd = 0;
    int32_t mid = from + (to - from) / 2;
    st = prep(db,
              "SELECT a1, a2, sum(n), sum(q3 + q4), sum(goldstein_sum),"
              " sum(CASE WHEN period > ?3 THEN goldstein_sum END), sum(CASE WHEN period > ?3 THEN n END)"
              " FROM dyad_agg WHERE level = 3 AND period BETWEEN ?1 AND ?2 GROUP BY 1, 2"
              " ORDER BY 3 DESC LIMIT 12",
              from, to);
    if (st)
        sqlite3_bind_int(st, 3, mid);
    while (row(st, &bad) && nd < 12) {
        att_report_dyad *d = &dy[nd++];
        memset(d, 0, sizeof *d);
        snprintf(d->a, sizeof d->a, "%s", col(st, 0));
        snprintf(d->b, sizeof d->b, "%s", col(st, 1));
        name_of(lx, d->a, d->a_name, sizeof d->a_name);
        name_of(lx, d->b, d->b_name, sizeof d->b_name);
        d->n_events = sqlite3_column_int(st, 2);
        d->conflict = sqlite3_column_int(st, 3);
        d->goldstein_mean = d->n_events ? sqlite3_column_double(st, 4) / d->n_events : 0;
        int n2 = sqlite3_column_int(st, 6), n1 = d->n_events - n2;
        double g2 = sqlite3_column_double(st, 5), g1 = sqlite3_column_double(st, 4) - g2;
        d->goldstein_trend = n1 && n2 ? g2 / n2 - g1 / n1 : 0;
    }
    sqlite3_finalize(st);
    r.dyads = dy;
    r.n_dyads = nd;

    /* weekly timelines of the watched dyads (alerts.conf "watch"), else of
     * the four most active */
    att_alert_config cfg;
    int have_cfg = cli_load_alert_config(c, &cfg) == 0;
    size_t order[12], no = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < nd; k++) {
            int watched = 0;
            for (size_t w = 0; have_cfg && w < cfg.n_watch; w++)
                if (!strcmp(cfg.watch[w], dy[k].a) || !strcmp(cfg.watch[w], dy[k].b))
                    watched = 1;
            if (pass == 0 ? watched : !watched && !(have_cfg && cfg.n_watch))
                order[no++] = k;
        }
    if (have_cfg)
        att_alert_config_free(&cfg);
    att_report_series ser[4];
    att_report_point *pts[4] = {NULL, NULL, NULL, NULL};
    size_t ns = 0;
    int32_t w0 = att_period_start(1, from), w1 = att_period_start(1, to);
    size_t nweeks = (size_t)((w1 - w0) / 7 + 1);
    for (size_t oi = 0; oi < no && oi < 4; oi++) {
        size_t k = order[oi];
        pts[ns] = calloc(nweeks, sizeof **pts);
        if (!pts[ns])
            break;
        for (size_t w = 0; w < nweeks; w++)
            att_day_iso(w0 + (int32_t)(7 * w), pts[ns][w].period);
        st = prep(db,
                  "SELECT period, n, q1, q2, q3, q4, goldstein_sum, tone_sum, n_stories FROM dyad_agg"
                  " WHERE level = 4 AND a1 = ?3 AND a2 = ?4 AND period BETWEEN ?1 AND ?2",
                  w0, w1);
        if (st) {
            sqlite3_bind_text(st, 3, dy[k].a, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, dy[k].b, -1, SQLITE_STATIC);
        }
        for (size_t w = 0; w < nweeks; w++)
            pts[ns][w].goldstein_mean = 0.0 / 0.0; /* NaN: no line point for empty weeks */
        while (row(st, &bad)) {
            size_t w = (size_t)((sqlite3_column_int(st, 0) - w0) / 7);
            if (w >= nweeks)
                continue;
            att_report_point *p = &pts[ns][w];
            p->n_events = sqlite3_column_int(st, 1);
            for (int q = 0; q < 4; q++)
                p->quad[q] = sqlite3_column_int(st, 2 + q);
            p->goldstein_mean = p->n_events ? sqlite3_column_double(st, 6) / p->n_events : 0.0 / 0.0;
            p->tone_mean = p->n_events ? sqlite3_column_double(st, 7) / p->n_events : 0;
            p->n_stories = sqlite3_column_int(st, 8);
        }
        sqlite3_finalize(st);
        att_report_series *se = &ser[ns];
        memset(se, 0, sizeof *se);
        memcpy(se->a, dy[k].a, sizeof se->a);
        memcpy(se->b, dy[k].b, sizeof se->b);
        memcpy(se->a_name, dy[k].a_name, sizeof se->a_name);
        memcpy(se->b_name, dy[k].b_name, sizeof se->b_name);
        se->by = "week";
        se->pts = pts[ns];
        se->n = nweeks;
        ns++;
    }
    r.series = ser;
    r.n_series = ns;

    /* alerts with their evidence sentences */
    att_report_alert al[20];
    att_report_evidence ev[20][3];
    size_t na = 0;
    st = prep(db, "SELECT kind, actors, day, score, summary, evidence FROM alerts WHERE day BETWEEN ?1 AND ?2"
                  " ORDER BY score DESC LIMIT 20",
              from, to);
    while (row(st, &bad) && na < 20) {
        att_report_alert *a = &al[na];
        memset(a, 0, sizeof *a);
        char date[11], actors[128];
        att_day_iso(sqlite3_column_int(st, 2), date);
        snprintf(actors, sizeof actors, "%s", col(st, 1));
        for (char *p = actors; *p; p++)
            if (*p == '|')
                *p = '-';
        a->kind = keep(&P, col(st, 0));
        a->actors = keep(&P, actors);
        a->date = keep(&P, date);
        a->score = sqlite3_column_double(st, 3);
        a->summary = keep(&P, col(st, 4));
        json_t *evj = json_loads(col(st, 5), 0, NULL), *ids = json_object_get(evj, "events");
        size_t i;
        json_t *v;
        json_array_foreach(ids, i, v)
        {
            if (a->n_ev >= 3)
                break;
            sqlite3_stmt *q;
            if (sqlite3_prepare_v2(db,
                                   "SELECT e.date, x.sentence, coalesce(a.url, a.source) FROM events e"
                                   " JOIN articles a ON a.id = e.article_id JOIN event_sentences x ON x.id = e.id"
                                   " WHERE e.id = ?1",
                                   -1, &q, NULL) == SQLITE_OK) {
                sqlite3_bind_int64(q, 1, json_integer_value(v));
                if (row(q, &bad)) {
                    att_report_evidence *e = &ev[na][a->n_ev++];
                    e->date = keep(&P, col(q, 0));
                    e->sentence = keep(&P, col(q, 1));
                    e->source = keep(&P, col(q, 2));
                }
                sqlite3_finalize(q);
            } else {
                bad = 1;
            }
        }
        json_decref(evj);
        a->ev = ev[na];
        na++;
    }
    sqlite3_finalize(st);
    r.alerts = al;
    r.n_alerts = na;

    /* top stories */
    att_report_story sto[10];
    size_t nst = 0;
    st = prep(db,
              "SELECT s.title, s.n_articles, s.n_sources, s.first_day, s.last_day,"
              " (SELECT group_concat(DISTINCT a1_country) FROM events e WHERE e.story_id = s.id)"
              " FROM stories s WHERE s.last_day BETWEEN ?1 AND ?2 ORDER BY s.n_articles DESC, s.last_day DESC"
              " LIMIT 10",
              from, to);
    while (row(st, &bad) && nst < 10) {
        att_report_story *x = &sto[nst++];
        char f[11], l[11];
        att_day_iso(sqlite3_column_int(st, 3), f);
        att_day_iso(sqlite3_column_int(st, 4), l);
        x->title = keep(&P, col(st, 0));
        x->n_articles = sqlite3_column_int(st, 1);
        x->n_sources = sqlite3_column_int(st, 2);
        x->first_seen = keep(&P, f);
        x->last_seen = keep(&P, l);
        x->actors = keep(&P, col(st, 5));
    }
    sqlite3_finalize(st);
    r.stories = sto;
    r.n_stories = nst;

    /* commitments and their status */
    att_report_commitment cm[20];
    size_t ncm = 0;
    st = prep(db,
              "SELECT who, to_whom, what, promised_day, status,"
              " coalesce((SELECT sentence FROM commitment_links l WHERE l.commitment_id = c.id ORDER BY day DESC"
              " LIMIT 1), '') FROM commitments c WHERE promised_day BETWEEN ?1 AND ?2"
              " ORDER BY status <> 'open', promised_day DESC LIMIT 20",
              from, to);
    while (row(st, &bad) && ncm < 20) {
        att_report_commitment *x = &cm[ncm++];
        char who[64], to_whom[64], d[11];
        name_of(lx, col(st, 0), who, sizeof who);
        name_of(lx, col(st, 1), to_whom, sizeof to_whom);
        att_day_iso(sqlite3_column_int(st, 3), d);
        x->who = keep(&P, who);
        x->to_whom = keep(&P, to_whom);
        x->what = keep(&P, col(st, 2));
        x->promised = keep(&P, d);
        x->status = keep(&P, col(st, 4));
        x->evidence = *col(st, 5) ? keep(&P, col(st, 5)) : NULL;
    }
    sqlite3_finalize(st);
    r.commitments = cm;
    r.n_commitments = ncm;

    /* top quotations: attributed, direct first, longest */
    att_report_quote qu[10];
    size_t nq = 0;
    st = prep(db,
              /* the ten ranked by length in bytes (the stored range, schema 11,
               * or an older row's text; 60 bytes are about 40 letters), then
               * only those read as text */
              "SELECT q.speaker_name, x.quote, top.day, coalesce(a.url, a.source) FROM"
              " (SELECT q.id, q.direct, s.day,"
              " coalesce(q.quote_to - q.quote_from, length(CAST(q.quote AS BLOB))) AS bytes FROM quotes q"
              " JOIN article_sigs s ON s.article_id = q.article_id"
              " WHERE q.speaker_code IS NOT NULL AND s.day BETWEEN ?1 AND ?2 AND bytes > 60"
              " ORDER BY q.direct DESC, bytes DESC LIMIT 10) top"
              " JOIN quotes q ON q.id = top.id JOIN articles a ON a.id = q.article_id"
              " JOIN quote_texts x ON x.id = q.id ORDER BY top.direct DESC, top.bytes DESC",
              from, to);
    while (row(st, &bad) && nq < 10) {
        att_report_quote *x = &qu[nq++];
        char d[11];
        att_day_iso(sqlite3_column_int(st, 2), d);
        x->speaker = keep(&P, col(st, 0));
        x->quote = keep(&P, col(st, 1));
        x->date = keep(&P, d);
        x->source = keep(&P, col(st, 3));
    }
    sqlite3_finalize(st);
    r.quotes = qu;
    r.n_quotes = nq;

    att_buf html = ATT_BUF_INIT;
    int rc = 0;
    if (bad) {
        cli_error("report: %s: %s", c->db_path, sqlite3_errmsg(db));
        rc = 1;
    } else if (att_report_html(&r, &html) != ATT_OK) {
        cli_error("report: out of memory");
        rc = 1;
    } else {
        FILE *f = fopen(out_path, "wb");
        if (!f || fwrite(html.data, 1, html.len, f) != html.len || fclose(f) != 0) {
            cli_error("report: cannot write %s", out_path);
            rc = 1;
        } else {
            fprintf(stderr, "attache: report: %s (%zu articles, %zu events, %zu alerts, %s to %s)\n", out_path,
                    r.n_articles, r.n_events, na, from_iso, to_iso);
        }
    }
    att_buf_free(&html);
    for (size_t k = 0; k < ns; k++)
        free(pts[k]);
    for (size_t k = 0; k < P.n; k++)
        free(P.v[k]);
    free(P.v);
    att_lexicon_free(lx);
    att_store_close(s);
    return rc;
}
