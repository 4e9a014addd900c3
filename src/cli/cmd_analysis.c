/* cmd_analysis.c - `attache stories`, `attache alerts`, `attache
 * commitments`: reading what the analysis stage maintains. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/alerts.h"
#include "../analyze/analyze.h"
#include "../util/datafile.h"
#include "../util/fileio.h"
#include "../normalize/normalize.h"
#include "article_json.h"
#include "cli.h"

int cli_load_alert_config(cli_ctx *c, att_alert_config *cfg)
{
    char *text = NULL, err[512];
    size_t len;
    const char *name = c->alerts_config ? c->alerts_config : "data/alerts.conf";
    att_status st = ATT_OK;
    if (c->alerts_config) {
        st = att_read_file(name, &text, &len, 1 << 20, err, sizeof err);
    } else {
        /* the built-in rules, never a --data-dir copy: reference data
         * must not carry commands (alert_command) */
        const char *data = NULL;
        if (!att_datafile_embedded(name, 0, &data, &len) || !(text = strdup(data)))
            st = att_seterr(err, sizeof err, ATT_ERR_NOTFOUND, "%s: not built in", name);
    }
    if (st == ATT_OK)
        st = att_alert_config_load(cfg, name, text, err, sizeof err);
    free(text);
    if (st != ATT_OK) {
        cli_error("alerts config: %s", err);
        return 1;
    }
    return 0;
}


static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

/* Parse "--json", "--limit N", "--since D" style options. */
typedef struct list_opts {
    int json, scan;
    long limit;
    const char *since;
} list_opts;

static int parse_list(const char *cmd, int argc, char **argv, list_opts *o, int allow_since, int allow_scan)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) {
            o->json = 1;
        } else if (allow_scan && !strcmp(argv[i], "--scan")) {
            o->scan = 1;
        } else if (!strcmp(argv[i], "--limit")) {
            if ((o->limit = cli_parse_count("--limit", i + 1 < argc ? argv[i + 1] : NULL)) < 0)
                return -1;
            i++;
        } else if (allow_since && !strcmp(argv[i], "--since")) {
            if (i + 1 >= argc || att_day_of(argv[i + 1]) < 0) {
                cli_error("%s: --since takes an ISO date (YYYY-MM-DD)", cmd);
                return -1;
            }
            o->since = argv[++i];
        } else {
            cli_error("%s: unknown argument '%s'", cmd, argv[i]);
            return -1;
        }
    }
    return 0;
}

/* ---- stories ---- */

int cmd_stories(cli_ctx *c, int argc, char **argv)
{
    list_opts o = {0, 0, 50, NULL};
    if (parse_list("stories", argc, argv, &o, 0, 0) < 0)
        return 2;
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    sqlite3 *db = att_store_db(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT s.id, s.title, s.first_day, s.last_day, s.n_articles, s.n_sources,"
                           " (SELECT count(*) FROM events e WHERE e.story_id = s.id AND e.dup_of IS NULL),"
                           " (SELECT group_concat(article_id) FROM article_sigs a WHERE a.story_id = s.id)"
                           " FROM stories s ORDER BY s.n_articles DESC, s.last_day DESC, s.id LIMIT ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        cli_error("stories: %s", sqlite3_errmsg(db));
        att_store_close(s);
        return 1;
    }
    sqlite3_bind_int64(st, 1, o.limit);
    if (!o.json)
        printf("%5s  %-10s  %-10s  %4s  %4s  %5s  %s\n", "story", "first", "last", "arts", "srcs", "evts",
               "title");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char first[11], last[11];
        att_day_iso(sqlite3_column_int(st, 2), first);
        att_day_iso(sqlite3_column_int(st, 3), last);
        if (o.json) {
            json_t *obj = json_object(), *arts = json_array();
            json_object_set_new(obj, "id", json_integer(sqlite3_column_int64(st, 0)));
            json_object_set_new(obj, "title", cli_json_str(col(st, 1)));
            json_object_set_new(obj, "first_seen", json_string(first));
            json_object_set_new(obj, "last_seen", json_string(last));
            json_object_set_new(obj, "num_articles", json_integer(sqlite3_column_int64(st, 4)));
            json_object_set_new(obj, "num_sources", json_integer(sqlite3_column_int64(st, 5)));
            json_object_set_new(obj, "events", json_integer(sqlite3_column_int64(st, 6)));
            char *ids = strdup(col(st, 7)), *save = NULL;
            for (char *t = ids ? strtok_r(ids, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save))
                json_array_append_new(arts, json_integer(atoll(t)));
            free(ids);
            json_object_set_new(obj, "articles", arts);
            cli_print_json_line(stdout, obj);
        } else {
            printf("%5lld  %s  %s  %4lld  %4lld  %5lld  %.*s\n", (long long)sqlite3_column_int64(st, 0), first,
                   last, (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 5),
                   (long long)sqlite3_column_int64(st, 6), (int)att_utf8_prefix(cli_safe(col(st, 1)), 90),
                   cli_safe(col(st, 1)));
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return cli_db_failed(c, s, "stories");
    att_store_close(s);
    return 0;
}

/* ---- alerts ---- */

int cmd_alerts(cli_ctx *c, int argc, char **argv)
{
    list_opts o = {0, 0, 1000000, NULL};
    int undelivered = 0;
    if (parse_list("alerts", argc, argv, &o, 1, 1) < 0)
        return 2;
    att_store *s = o.scan ? cli_open_store(c) : cli_open_store_read(c);
    if (!s)
        return 1;
    if (o.scan) { /* re-run the detectors over every dyad */
        att_alert_config cfg;
        char err[512];
        size_t n_new = 0;
        if (cli_load_alert_config(c, &cfg) != 0) {
            att_store_close(s);
            return 1;
        }
        att_status rc = att_alerts_run(s, &cfg, NULL, 0, NULL, 0, &n_new, err, sizeof err);
        att_alert_config_free(&cfg);
        undelivered = rc == ATT_ERR_IO;
        if (rc != ATT_OK) {
            cli_error("alerts: %s", err);
            if (rc != ATT_ERR_IO) {
                att_store_close(s);
                return 1;
            }
        }
        if (!o.json)
            fprintf(stderr, "attache: alerts: scan found %zu new\n", n_new);
    }
    sqlite3 *db = att_store_db(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, kind, actors, day, score, summary, evidence FROM alerts"
                           " WHERE day >= ?1 ORDER BY day, id LIMIT ?2",
                           -1, &st, NULL) != SQLITE_OK) {
        cli_error("alerts: %s", sqlite3_errmsg(db));
        att_store_close(s);
        return 1;
    }
    sqlite3_bind_int(st, 1, o.since ? att_day_of(o.since) : -1000000);
    sqlite3_bind_int64(st, 2, o.limit);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char date[11];
        att_day_iso(sqlite3_column_int(st, 3), date);
        const char *kind = col(st, 1), *actors = col(st, 2);
        n++;
        if (o.json) {
            json_t *obj = json_object(), *acts = json_array();
            json_object_set_new(obj, "id", json_integer(sqlite3_column_int64(st, 0)));
            json_object_set_new(obj, "kind", json_string(kind));
            for (const char *a = actors; *a;) {
                size_t l = strcspn(a, "|");
                json_array_append_new(acts, json_stringn(a, l));
                a += l + (a[l] == '|');
            }
            json_object_set_new(obj, "actors", acts);
            json_object_set_new(obj, "date", json_string(date));
            json_object_set_new(obj, "score", json_real(sqlite3_column_double(st, 4)));
            json_object_set_new(obj, "summary", json_string(col(st, 5)));
            json_t *ev = json_loads(col(st, 6), 0, NULL);
            json_object_set_new(obj, "evidence", ev ? ev : json_object());
            cli_print_json_line(stdout, obj);
        } else {
            printf("#%lld  %s  %-11s  score %.1f\n    %s\n    evidence: %s\n",
                   (long long)sqlite3_column_int64(st, 0), date, cli_safe(kind), sqlite3_column_double(st, 4),
                   cli_safe(col(st, 5)), cli_safe(col(st, 6)));
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return cli_db_failed(c, s, "alerts");
    att_store_close(s);
    if (!n && !o.json)
        printf("no alerts%s\n", o.since ? " since that date" : "");
    return undelivered ? 3 : 0;
}

/* ---- commitments ---- */

int cmd_commitments(cli_ctx *c, int argc, char **argv)
{
    list_opts o = {0, 0, 1000000, NULL};
    if (parse_list("commitments", argc, argv, &o, 0, 0) < 0)
        return 2;
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    sqlite3 *db = att_store_db(s);
    sqlite3_stmt *st, *ln;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, article_id, who, who_name, to_whom, to_name, cameo, what, promised_day,"
                           " due, status, status_day FROM commitments ORDER BY promised_day, id LIMIT ?1",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT article_id, status, day, sentence FROM commitment_links"
                           " WHERE commitment_id = ?1 ORDER BY day",
                           -1, &ln, NULL) != SQLITE_OK) {
        cli_error("commitments: %s", sqlite3_errmsg(db));
        att_store_close(s);
        return 1;
    }
    sqlite3_bind_int64(st, 1, o.limit);
    int rc, lrc = SQLITE_DONE;
    while (lrc == SQLITE_DONE && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char promised[11];
        att_day_iso(sqlite3_column_int(st, 8), promised);
        int64_t id = sqlite3_column_int64(st, 0);
        if (o.json) {
            json_t *obj = json_object(), *links = json_array();
            json_object_set_new(obj, "id", json_integer(id));
            json_object_set_new(obj, "article_id", json_integer(sqlite3_column_int64(st, 1)));
            json_object_set_new(obj, "who", cli_json_str(col(st, 2)));
            json_object_set_new(obj, "who_name", cli_json_str(col(st, 3)));
            json_object_set_new(obj, "to_whom", cli_json_str(col(st, 4)));
            json_object_set_new(obj, "to_name", cli_json_str(col(st, 5)));
            json_object_set_new(obj, "cameo", cli_json_str(col(st, 6)));
            json_object_set_new(obj, "what", cli_json_str(col(st, 7)));
            json_object_set_new(obj, "promised", json_string(promised));
            json_object_set_new(obj, "due", cli_json_str(col(st, 9)));
            json_object_set_new(obj, "status", json_string(col(st, 10)));
            sqlite3_reset(ln);
            sqlite3_bind_int64(ln, 1, id);
            while ((lrc = sqlite3_step(ln)) == SQLITE_ROW) {
                json_t *l = json_object();
                char d[11];
                att_day_iso(sqlite3_column_int(ln, 2), d);
                json_object_set_new(l, "article_id", json_integer(sqlite3_column_int64(ln, 0)));
                json_object_set_new(l, "status", json_string(col(ln, 1)));
                json_object_set_new(l, "date", json_string(d));
                json_object_set_new(l, "sentence", json_string(col(ln, 3)));
                json_array_append_new(links, l);
            }
            json_object_set_new(obj, "links", links);
            cli_print_json_line(stdout, obj);
        } else {
            const char *what = cli_safe(col(st, 7));
            printf("#%lld  %s  %s -> %s  [%s]\n    %.*s\n", (long long)id, promised, cli_safe(col(st, 2)),
                   cli_safe(col(st, 4)), cli_safe(col(st, 10)), (int)att_utf8_prefix(what, 300), what);
            sqlite3_reset(ln);
            sqlite3_bind_int64(ln, 1, id);
            while ((lrc = sqlite3_step(ln)) == SQLITE_ROW) {
                char d[11];
                att_day_iso(sqlite3_column_int(ln, 2), d);
                const char *sent = cli_safe(col(ln, 3));
                printf("    %s %s (article %lld): %.*s\n", d, cli_safe(col(ln, 1)),
                       (long long)sqlite3_column_int64(ln, 0), (int)att_utf8_prefix(sent, 200), sent);
            }
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(ln);
    if (lrc != SQLITE_DONE || rc != SQLITE_DONE)
        return cli_db_failed(c, s, "commitments");
    att_store_close(s);
    return 0;
}
