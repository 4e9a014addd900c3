/* alerts.c - early-warning detection over stored series, alert storage
 * and delivery; see alerts.h. */
#include "alerts.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert_cmd.h"
#include "analyze.h"

/* ---- configuration ---- */

static att_status set_num(const char *name, size_t line, const char *v, double lo, double hi, double *out,
                          char *err, size_t errlen)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d) || d < lo || d > hi)
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "%s line %zu: '%s' is not a number from %g to %g",
                          name, line, v, lo, hi);
    *out = d;
    return ATT_OK;
}

att_status att_alert_config_load(att_alert_config *c, const char *name, const char *text, char *err,
                                 size_t errlen)
{
    memset(c, 0, sizeof *c);
    att_detect_defaults(&c->detect);
    c->burst_min_articles = 4;
    c->alert_timeout = 30;
    if (!text)
        return ATT_OK;
    if (!name)
        name = "alerts config";
    char *copy = strdup(text);
    if (!copy)
        return ATT_ERR_NOMEM;
    size_t line = 0;
    att_status st = ATT_OK;
    /* every line counts, blank ones too, so errors name the right line */
    for (char *l = copy, *next; l && st == ATT_OK; l = next) {
        next = strchr(l, '\n');
        if (next)
            *next++ = '\0';
        line++;
        while (*l == ' ' || *l == '\t')
            l++;
        if (!*l || *l == '#' || *l == '\r')
            continue;
        char *eq = strchr(l, '=');
        if (!eq) {
            st = att_seterr(err, errlen, ATT_ERR_FORMAT, "%s line %zu: expected key = value", name, line);
            break;
        }
        char *k = l, *v = eq + 1;
        char *ke = eq;
        while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
            ke--;
        *ke = '\0';
        while (*v == ' ' || *v == '\t')
            v++;
        size_t vl = strlen(v);
        while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\r' || v[vl - 1] == '\t'))
            v[--vl] = '\0';
        double d = 0;
        att_detect_params *p = &c->detect;
        if (!strcmp(k, "watch")) {
            for (char *s2 = NULL, *w = strtok_r(v, " ,", &s2); w; w = strtok_r(NULL, " ,", &s2)) {
                char **nw = realloc(c->watch, (c->n_watch + 1) * sizeof *nw);
                if (!nw || !(nw[c->n_watch] = strdup(w))) {
                    if (nw)
                        c->watch = nw;
                    st = ATT_ERR_NOMEM;
                    break;
                }
                c->watch = nw;
                c->n_watch++;
            }
        } else if (!strcmp(k, "alert_jsonl") || !strcmp(k, "alert_command")) {
            char **dst = k[6] == 'j' ? &c->alert_jsonl : &c->alert_command;
            free(*dst);
            *dst = *v ? strdup(v) : NULL;
            char **argv = NULL, aerr[128];
            if (*v && !*dst) {
                st = ATT_ERR_NOMEM;
            } else if (*v && k[6] == 'c' && att_alert_argv(v, &argv, aerr, sizeof aerr) != ATT_OK) {
                st = att_seterr(err, errlen, ATT_ERR_FORMAT, "%s line %zu: alert_command: %s", name,
                                line, aerr);
            }
            free(argv);
        } else if (!strcmp(k, "alert_timeout")) {
            if ((st = set_num(name, line, v, 1, 3600, &d, err, errlen)) == ATT_OK)
                c->alert_timeout = (int)d;
        } else if (!strcmp(k, "threshold")) {
            if ((st = set_num(name, line, v, 0.5, 100, &d, err, errlen)) == ATT_OK)
                p->threshold = d;
        } else if (!strcmp(k, "baseline_days")) {
            if ((st = set_num(name, line, v, 7, 3650, &d, err, errlen)) == ATT_OK)
                p->baseline_days = (int)d;
        } else if (!strcmp(k, "window_days")) {
            if ((st = set_num(name, line, v, 1, 365, &d, err, errlen)) == ATT_OK)
                p->window_days = (int)d;
        } else if (!strcmp(k, "min_history_days")) {
            if ((st = set_num(name, line, v, 1, 3650, &d, err, errlen)) == ATT_OK)
                p->min_history_days = (int)d;
        } else if (!strcmp(k, "min_baseline_events")) {
            if ((st = set_num(name, line, v, 1, 1e6, &d, err, errlen)) == ATT_OK)
                p->min_baseline_events = (uint32_t)d;
        } else if (!strcmp(k, "min_window_events")) {
            if ((st = set_num(name, line, v, 1, 1e6, &d, err, errlen)) == ATT_OK)
                p->min_window_events = (uint32_t)d;
        } else if (!strcmp(k, "cooldown_days")) {
            if ((st = set_num(name, line, v, 0, 3650, &d, err, errlen)) == ATT_OK)
                p->cooldown_days = (int)d;
        } else if (!strcmp(k, "cusum_shift")) {
            if ((st = set_num(name, line, v, 0.05, 0.9, &d, err, errlen)) == ATT_OK)
                p->cusum_shift = d;
        } else if (!strcmp(k, "cusum_h")) {
            if ((st = set_num(name, line, v, 1, 100, &d, err, errlen)) == ATT_OK)
                p->cusum_h = d;
        } else if (!strcmp(k, "cusum_baseline_days")) {
            if ((st = set_num(name, line, v, 7, 3650, &d, err, errlen)) == ATT_OK)
                p->cusum_baseline_days = (int)d;
        } else if (!strcmp(k, "cusum_h_events")) {
            if ((st = set_num(name, line, v, 0, 1e6, &d, err, errlen)) == ATT_OK)
                p->cusum_h_events = d;
        } else if (!strcmp(k, "burst_min_articles")) {
            if ((st = set_num(name, line, v, 1, 1e6, &d, err, errlen)) == ATT_OK)
                c->burst_min_articles = (uint32_t)d;
        } else {
            st = att_seterr(err, errlen, ATT_ERR_FORMAT, "%s line %zu: unknown key '%s'", name, line, k);
        }
    }
    free(copy);
    if (st != ATT_OK)
        att_alert_config_free(c);
    return st;
}

void att_alert_config_free(att_alert_config *c)
{
    for (size_t i = 0; i < c->n_watch; i++)
        free(c->watch[i]);
    free(c->watch);
    free(c->alert_jsonl);
    free(c->alert_command);
    memset(c, 0, sizeof *c);
}

/* ---- running ---- */

static int watched(const att_alert_config *c, const char *a, const char *b)
{
    if (!c->n_watch)
        return 1;
    for (size_t i = 0; i < c->n_watch; i++)
        if (!strcmp(c->watch[i], a) || !strcmp(c->watch[i], b))
            return 1;
    return 0;
}

static att_status dberr(sqlite3 *db, char *err, size_t errlen, const char *what)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "alerts: %s: %s", what, sqlite3_errmsg(db));
}

/* Is there an alert for this episode key prefix within cooldown days? */
static int recent_alert(sqlite3 *db, const char *kind, const char *actors, int32_t day, int cooldown)
{
    sqlite3_stmt *st;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM alerts WHERE kind = ?1 AND subject = ?2 AND day BETWEEN ?3 AND ?4",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, actors, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, day - cooldown);
        sqlite3_bind_int(st, 4, day + cooldown);
        found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return found;
}

/* Store an alert (and queue it for delivery); returns 1 if stored. */
static int store_alert(sqlite3 *db, const att_alert_config *c, const char *kind, json_t *actors, const char *actors_key,
                       int32_t day, double score, const char *summary, json_t *evidence, char *err,
                       size_t errlen, att_status *st)
{
    char episode[160], created[32];
    snprintf(episode, sizeof episode, "%s:%s:%d", kind, actors_key, (int)day);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char *ev = json_dumps(evidence, JSON_COMPACT);
    sqlite3_stmt *ins;
    int stored = 0;
    if (ev && sqlite3_prepare_v2(db,
                                 "INSERT OR IGNORE INTO alerts(kind, subject, actors, day, score, summary, evidence,"
                                 " episode, created_at) VALUES(?1, ?2, ?9, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 -1, &ins, NULL) == SQLITE_OK) {
        sqlite3_bind_text(ins, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, actors_key, -1, SQLITE_STATIC);
        sqlite3_bind_int(ins, 3, day);
        sqlite3_bind_double(ins, 4, score);
        sqlite3_bind_text(ins, 5, summary, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 6, ev, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 7, episode, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 8, created, -1, SQLITE_STATIC);
        char codes[256] = "";
        size_t k;
        json_t *v;
        json_array_foreach(actors, k, v)
        {
            size_t l = strlen(codes);
            snprintf(codes + l, sizeof codes - l, "%s%s", l ? "|" : "", json_string_value(v));
        }
        sqlite3_bind_text(ins, 9, codes, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) == SQLITE_DONE && sqlite3_changes(db) == 1)
            stored = 1;
        else if (sqlite3_errcode(db) != SQLITE_DONE && sqlite3_errcode(db) != SQLITE_OK)
            *st = dberr(db, err, errlen, "storing alert");
        sqlite3_finalize(ins);
    }
    if (stored && (c->alert_jsonl || c->alert_command)) {
        /* delivered after the commit, from the outbox (att_alerts_deliver) */
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db, "INSERT INTO alert_outbox(alert_id) VALUES(?1)", -1, &q, NULL) !=
            SQLITE_OK) {
            *st = dberr(db, err, errlen, "queueing alert");
        } else {
            sqlite3_bind_int64(q, 1, sqlite3_last_insert_rowid(db));
            if (sqlite3_step(q) != SQLITE_DONE)
                *st = dberr(db, err, errlen, "queueing alert");
            sqlite3_finalize(q);
        }
    }
    free(ev);
    return stored;
}

static att_status run_dyad(sqlite3 *db, const att_alert_config *c, const char *key, size_t *n_new, char *err,
                           size_t errlen)
{
    char a[16], b[16], ordered[40];
    const char *bar = strchr(key, '|');
    if (!bar)
        return ATT_OK;
    snprintf(a, sizeof a, "%.*s", (int)(bar - key), key);
    snprintf(b, sizeof b, "%s", bar + 1);
    if (strcmp(a, b) > 0) { /* undirected rows keep the smaller code first */
        char t[16];
        memcpy(t, a, sizeof t);
        memcpy(a, b, sizeof a);
        memcpy(b, t, sizeof b);
    }
    snprintf(ordered, sizeof ordered, "%s|%s", a, b);
    key = ordered;
    if (!watched(c, a, b))
        return ATT_OK;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT period, n, q3 + q4, goldstein_sum FROM dyad_agg"
                           " WHERE level = 3 AND a1 = ?1 AND a2 = ?2 ORDER BY period",
                           -1, &st, NULL) != SQLITE_OK)
        return dberr(db, err, errlen, "reading dyad series");
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    att_day_obs *obs = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            att_day_obs *v = realloc(obs, cap * sizeof *v);
            if (!v) {
                free(obs);
                sqlite3_finalize(st);
                return ATT_ERR_NOMEM;
            }
            obs = v;
        }
        obs[n].day = sqlite3_column_int(st, 0);
        obs[n].n = (uint32_t)sqlite3_column_int(st, 1);
        obs[n].conflict = (uint32_t)sqlite3_column_int(st, 2);
        obs[n].goldstein_sum = sqlite3_column_double(st, 3);
        n++;
    }
    if (sqlite3_finalize(st) != SQLITE_OK) { /* the last step's error: a partial series */
        free(obs);
        return dberr(db, err, errlen, "reading dyad series");
    }
    /* every episode of the series, so the latest ones are never cut off */
    size_t scap = n / 4 + 16;
    att_shift *shifts = malloc(scap * sizeof *shifts);
    if (!shifts) {
        free(obs);
        return ATT_ERR_NOMEM;
    }
    size_t ns = n ? att_detect_shifts(obs, n, &c->detect, shifts, scap) : 0;
    if (ns > scap)
        ns = scap;
    free(obs);
    att_status res = ATT_OK;
    for (size_t i = 0; i < ns && res == ATT_OK; i++) {
        const att_shift *sh = &shifts[i];
        if (recent_alert(db, "dyad_shift", key, sh->day, c->detect.cooldown_days))
            continue;
        json_t *actors = json_array(), *ev = json_object(), *evs = json_array(), *arts = json_array();
        json_array_append_new(actors, json_string(a));
        json_array_append_new(actors, json_string(b));
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db,
                               "SELECT id, article_id FROM ("
                               " SELECT id, article_id, goldstein FROM events WHERE a1_country = ?1 AND a2_country = ?2"
                               "  AND day BETWEEN ?3 AND ?4 AND dup_of IS NULL"
                               " UNION ALL"
                               " SELECT id, article_id, goldstein FROM events WHERE a1_country = ?2 AND a2_country = ?1"
                               "  AND day BETWEEN ?3 AND ?4 AND dup_of IS NULL)"
                               " ORDER BY goldstein * ?5, id LIMIT 8",
                               -1, &q, NULL) == SQLITE_OK) {
            sqlite3_bind_text(q, 1, a, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 2, b, -1, SQLITE_STATIC);
            sqlite3_bind_int(q, 3, sh->day - (sh->window_days > 0 ? sh->window_days : c->detect.window_days) + 1);
            sqlite3_bind_int(q, 4, sh->day);
            sqlite3_bind_int(q, 5, sh->direction > 0 ? 1 : -1);
            while (sqlite3_step(q) == SQLITE_ROW) {
                json_array_append_new(evs, json_integer(sqlite3_column_int64(q, 0)));
                json_int_t art = sqlite3_column_int64(q, 1);
                size_t k;
                json_t *v;
                int seen = 0;
                json_array_foreach(arts, k, v) if (json_integer_value(v) == art) seen = 1;
                if (!seen)
                    json_array_append_new(arts, json_integer(art));
            }
            if (sqlite3_finalize(q) != SQLITE_OK)
                res = dberr(db, err, errlen, "reading alert evidence");
        }
        json_object_set_new(ev, "events", evs);
        json_object_set_new(ev, "articles", arts);
        char summary[512], iso[11];
        att_day_iso(sh->day, iso);
        snprintf(summary, sizeof summary,
                 "%s-%s turned toward %s: conflict share %.0f%% in the %d days to %s vs %.0f%% before;"
                 " mean Goldstein %+.1f vs %+.1f",
                 a, b, sh->direction > 0 ? "conflict" : "cooperation", 100 * sh->window_share,
                 sh->window_days > 0 ? sh->window_days : c->detect.window_days, iso, 100 * sh->baseline_share,
                 sh->window_goldstein, sh->baseline_goldstein);
        if (store_alert(db, c, "dyad_shift", actors, key, sh->day, sh->score, summary, ev, err, errlen, &res))
            (*n_new)++;
        json_decref(actors);
        json_decref(ev);
    }
    free(shifts);
    return res;
}

/* Background for bursts: mean articles per active story-day over the
 * last 30 days of article time (computed once per run), when there are at
 * least BACKGROUND_MIN_DAYS such story-days; with fewer (a new database,
 * or a collection of undated pages, which place no story-day) the story
 * under test would be most of its own background, so the default of one
 * article a day is used. */
#define BACKGROUND_MIN_DAYS 10
static double story_background(sqlite3 *db)
{
    sqlite3_stmt *st;
    double background = 1.0;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*), avg(n) FROM story_days"
                           " WHERE day >= (SELECT max(day) FROM story_days) - 30",
                           -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= BACKGROUND_MIN_DAYS)
            background = sqlite3_column_double(st, 1);
        sqlite3_finalize(st);
    }
    return background;
}

static att_status run_story(sqlite3 *db, const att_alert_config *c, int64_t story, double background,
                            size_t *n_new, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT day, n FROM story_days WHERE story_id = ?1 ORDER BY day", -1, &st, NULL) !=
        SQLITE_OK)
        return dberr(db, err, errlen, "reading story series");
    sqlite3_bind_int64(st, 1, story);
    int32_t first = -1, last = -1;
    uint32_t counts[400] = {0};
    while (sqlite3_step(st) == SQLITE_ROW) {
        int32_t d = sqlite3_column_int(st, 0);
        if (first < 0)
            first = d;
        if (d - first < 400) {
            counts[d - first] = (uint32_t)sqlite3_column_int(st, 1);
            last = d;
        }
    }
    if (sqlite3_finalize(st) != SQLITE_OK)
        return dberr(db, err, errlen, "reading story series");
    if (first < 0)
        return ATT_OK;
    att_burst bursts[16];
    size_t nb = att_detect_bursts(counts, (size_t)(last - first + 1), first, background, bursts, 16);
    if (nb > 16)
        nb = 16;
    char key[32];
    snprintf(key, sizeof key, "story:%lld", (long long)story);
    att_status res = ATT_OK;
    for (size_t i = 0; i < nb && res == ATT_OK; i++) {
        if (bursts[i].count < c->burst_min_articles ||
            recent_alert(db, "story_burst", key, bursts[i].day, c->detect.cooldown_days))
            continue;
        json_t *actors = json_array(), *ev = json_object(), *evs = json_array(), *arts = json_array();
        char title[256] = "";
        if (sqlite3_prepare_v2(db,
                               "SELECT DISTINCT a1_country FROM events WHERE story_id = ?1 AND a1_country IS NOT NULL"
                               " UNION SELECT DISTINCT a2_country FROM events WHERE story_id = ?1 AND"
                               " a2_country IS NOT NULL LIMIT 6",
                               -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, story);
            while (sqlite3_step(st) == SQLITE_ROW)
                json_array_append_new(actors, json_string((const char *)sqlite3_column_text(st, 0)));
            if (sqlite3_finalize(st) != SQLITE_OK)
                res = dberr(db, err, errlen, "reading alert evidence");
        }
        if (sqlite3_prepare_v2(db,
                               "SELECT s.article_id, s2.title FROM article_sigs s JOIN stories s2 ON s2.id = s.story_id"
                               " WHERE s.story_id = ?1 AND s.day = ?2 LIMIT 20",
                               -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, story);
            sqlite3_bind_int(st, 2, bursts[i].day);
            while (sqlite3_step(st) == SQLITE_ROW) {
                json_array_append_new(arts, json_integer(sqlite3_column_int64(st, 0)));
                snprintf(title, sizeof title, "%s", (const char *)sqlite3_column_text(st, 1));
            }
            if (sqlite3_finalize(st) != SQLITE_OK)
                res = dberr(db, err, errlen, "reading alert evidence");
        }
        if (sqlite3_prepare_v2(db, "SELECT id FROM events WHERE story_id = ?1 AND dup_of IS NULL LIMIT 8", -1, &st,
                               NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, story);
            while (sqlite3_step(st) == SQLITE_ROW)
                json_array_append_new(evs, json_integer(sqlite3_column_int64(st, 0)));
            if (sqlite3_finalize(st) != SQLITE_OK)
                res = dberr(db, err, errlen, "reading alert evidence");
        }
        json_object_set_new(ev, "events", evs);
        json_object_set_new(ev, "articles", arts);
        char summary[512], iso[11];
        att_day_iso(bursts[i].day, iso);
        snprintf(summary, sizeof summary, "story burst on %s: %u articles in a day (about %u expected): %.200s", iso,
                 bursts[i].count, bursts[i].expected, title);
        if (store_alert(db, c, "story_burst", actors, key, bursts[i].day, bursts[i].score, summary, ev, err, errlen,
                        &res))
            (*n_new)++;
        json_decref(actors);
        json_decref(ev);
    }
    return res;
}

att_status att_alerts_run(att_store *s, const att_alert_config *c, char *const *dyads, size_t n_dyads,
                          const int64_t *stories, size_t n_stories, size_t *n_new, char *err, size_t errlen)
{
    sqlite3 *db = att_store_db(s);
    *n_new = 0;
    att_status st = att_store_begin(s, err, errlen);
    if (st != ATT_OK)
        return st;
    if (!dyads) { /* every dyad */
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db,
                               "SELECT DISTINCT a1 || '|' || a2 FROM dyad_agg WHERE level = 5",
                               -1, &q, NULL) != SQLITE_OK) {
            att_store_rollback(s);
            return dberr(db, err, errlen, "listing dyads");
        }
        while (st == ATT_OK && sqlite3_step(q) == SQLITE_ROW)
            st = run_dyad(db, c, (const char *)sqlite3_column_text(q, 0), n_new, err, errlen);
        if (sqlite3_finalize(q) != SQLITE_OK && st == ATT_OK)
            st = dberr(db, err, errlen, "listing dyads");
    } else {
        for (size_t i = 0; i < n_dyads && st == ATT_OK; i++)
            st = run_dyad(db, c, dyads[i], n_new, err, errlen);
    }
    double background = n_stories ? story_background(db) : 1.0;
    for (size_t i = 0; i < n_stories && st == ATT_OK; i++)
        st = run_story(db, c, stories[i], background, n_new, err, errlen);
    if (st == ATT_OK) {
        char cerr[256];
        if (att_store_commit(s, cerr, sizeof cerr) != ATT_OK) {
            att_seterr(err, errlen, ATT_ERR_DB, "%s", cerr);
            return ATT_ERR_DB;
        }
    } else {
        att_store_rollback(s);
        return st;
    }
    size_t delivered, failed;
    return att_alerts_deliver(s, c, &delivered, &failed, err, errlen);
}

/* ---- delivery ---- */

/* The alert's JSON: id, kind, actors, date, score, summary, evidence. */
static char *alert_json(sqlite3_stmt *q)
{
    char iso[11];
    json_t *o = json_object(), *acts = json_array();
    const char *actors = (const char *)sqlite3_column_text(q, 2);
    for (const char *a = actors ? actors : ""; *a;) {
        size_t l = strcspn(a, "|");
        json_array_append_new(acts, json_stringn(a, l));
        a += l + (a[l] == '|');
    }
    att_day_iso(sqlite3_column_int(q, 3), iso);
    json_object_set_new(o, "id", json_integer(sqlite3_column_int64(q, 0)));
    json_object_set_new(o, "kind", json_string((const char *)sqlite3_column_text(q, 1)));
    json_object_set_new(o, "actors", acts);
    json_object_set_new(o, "date", json_string(iso));
    json_object_set_new(o, "score", json_real(sqlite3_column_double(q, 4)));
    json_object_set_new(o, "summary", json_string((const char *)sqlite3_column_text(q, 5)));
    const char *evs = (const char *)sqlite3_column_text(q, 6);
    json_t *ev = evs ? json_loads(evs, 0, NULL) : NULL;
    json_object_set_new(o, "evidence", ev ? ev : json_object());
    char *js = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return js;
}

/* Deliver one alert to every channel; ATT_OK or ATT_ERR_IO (message). */
static att_status deliver_one(const att_alert_config *c, char *const *argv, int64_t id, const char *json,
                              char *err, size_t errlen)
{
    if (c->alert_jsonl) {
        FILE *f = fopen(c->alert_jsonl, "a");
        int bad = !f || fprintf(f, "%s\n", json) < 0;
        if ((f && fclose(f) != 0) || bad)
            return att_seterr(err, errlen, ATT_ERR_IO, "cannot append to %s", c->alert_jsonl);
    }
    if (argv)
        return att_alert_exec(argv, json, id, c->alert_timeout, err, errlen);
    return ATT_OK;
}

att_status att_alerts_deliver(att_store *s, const att_alert_config *c, size_t *n_delivered,
                              size_t *n_failed, char *err, size_t errlen)
{
    sqlite3 *db = att_store_db(s);
    *n_delivered = *n_failed = 0;
    if (!c->alert_jsonl && !c->alert_command)
        return ATT_OK; /* queued alerts wait for a configured channel */
    char **argv = NULL;
    if (c->alert_command && att_alert_argv(c->alert_command, &argv, err, errlen) != ATT_OK)
        return ATT_ERR_FORMAT;
    /* read the queue first: no statement stays open while commands run */
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db,
                           "SELECT a.id, a.kind, a.actors, a.day, a.score, a.summary, a.evidence"
                           " FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id ORDER BY a.id",
                           -1, &q, NULL) != SQLITE_OK) {
        free(argv);
        return dberr(db, err, errlen, "reading the alert outbox");
    }
    size_t n = 0, cap = 0;
    int64_t *ids = NULL;
    char **js = NULL;
    att_status st = ATT_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            int64_t *ni = realloc(ids, cap * sizeof *ni);
            char **nj = ni ? realloc(js, cap * sizeof *nj) : NULL;
            if (ni)
                ids = ni;
            if (nj)
                js = nj;
            if (!ni || !nj) {
                st = ATT_ERR_NOMEM;
                break;
            }
        }
        ids[n] = sqlite3_column_int64(q, 0);
        if (!(js[n] = alert_json(q))) {
            st = ATT_ERR_NOMEM;
            break;
        }
        n++;
    }
    if (st == ATT_OK && rc != SQLITE_DONE)
        st = dberr(db, err, errlen, "reading the alert outbox");
    sqlite3_finalize(q);
    char first[256] = "";
    for (size_t i = 0; i < n && st == ATT_OK; i++) {
        char derr[256];
        att_status ds = deliver_one(c, argv, ids[i], js[i], derr, sizeof derr);
        sqlite3_stmt *u;
        const char *sql = ds == ATT_OK ? "DELETE FROM alert_outbox WHERE alert_id = ?1"
                                       : "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?2"
                                         " WHERE alert_id = ?1";
        if (sqlite3_prepare_v2(db, sql, -1, &u, NULL) != SQLITE_OK) {
            st = dberr(db, err, errlen, "updating the alert outbox");
            break;
        }
        sqlite3_bind_int64(u, 1, ids[i]);
        if (ds != ATT_OK)
            sqlite3_bind_text(u, 2, derr, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(u) != SQLITE_DONE)
            st = dberr(db, err, errlen, "updating the alert outbox");
        sqlite3_finalize(u);
        if (ds == ATT_OK) {
            (*n_delivered)++;
        } else {
            if (!*n_failed)
                snprintf(first, sizeof first, "alert %lld: %.200s", (long long)ids[i], derr);
            (*n_failed)++;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(js[i]);
    free(js);
    free(ids);
    free(argv);
    if (st == ATT_OK && *n_failed)
        st = att_seterr(err, errlen, ATT_ERR_IO, "%zu alert%s not delivered, kept for the next run (%s)",
                        *n_failed, *n_failed == 1 ? "" : "s", first);
    return st;
}
