/* cmd_analysis.c - `attache stories`, `attache alerts`, `attache
 * commitments`: reading what the analysis stage maintains. */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/alerts.h"
#include "../analyze/analyze.h"
#include "../util/datafile.h"
#include "../util/fileio.h"
#include "../normalize/normalize.h"
#include "../query/query_json.h"
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

static int print_story(void *ctx, const att_story_row *r)
{
    const list_opts *o = ctx;
    char first[11], last[11];
    att_day_iso(r->first_day, first);
    att_day_iso(r->last_day, last);
    if (o->json)
        cli_print_json_line(stdout, att_story_json(r));
    else {
        const char *title = cli_safe(r->title);
        printf("%5lld  %s  %s  %4lld  %4lld  %5lld  %.*s\n", (long long)r->id, first, last, (long long)r->n_articles,
               (long long)r->n_sources, (long long)r->n_events, (int)att_utf8_prefix(title, 90), title);
    }
    return 0;
}

int cmd_stories(cli_ctx *c, int argc, char **argv)
{
    list_opts o = {0, 0, 50, NULL};
    if (parse_list("stories", argc, argv, &o, 0, 0) < 0)
        return 2;
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    if (!o.json)
        printf("%5s  %-10s  %-10s  %4s  %4s  %5s  %s\n", "story", "first", "last", "arts", "srcs", "evts",
               "title");
    char err[512];
    att_page pg = {o.limit, 0, {0}};
    att_status st = att_query_stories(s, &pg, print_story, &o, err, sizeof err);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("stories: %s: %s", c->db_path, err);
        return 1;
    }
    return 0;
}

/* ---- alerts ---- */

typedef struct alert_print {
    const list_opts *o;
    int n;
} alert_print;

static int print_alert(void *ctx, const att_alert_row *r)
{
    alert_print *ap = ctx;
    ap->n++;
    if (ap->o->json) {
        cli_print_json_line(stdout, att_alert_json(r));
    } else {
        char date[11];
        att_day_iso(r->day, date);
        printf("#%lld  %s  %-11s  score %.1f\n    %s\n    evidence: %s\n", (long long)r->id, date, cli_safe(r->kind),
               r->score, cli_safe(r->summary), cli_safe(r->evidence));
    }
    return 0;
}

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
    char err[512];
    alert_print ap = {&o, 0};
    att_page pg = {o.limit, 0, {0}};
    att_status st = att_query_alerts(s, o.since ? att_day_of(o.since) : -1000000, &pg, print_alert, &ap, err,
                                     sizeof err);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("alerts: %s: %s", c->db_path, err);
        return 1;
    }
    if (!ap.n && !o.json)
        printf("no alerts%s\n", o.since ? " since that date" : "");
    return undelivered ? 3 : 0;
}

/* ---- commitments ---- */

typedef struct commit_print {
    att_store *s;
    const list_opts *o;
    json_t *links;
    att_status st;
    char err[512];
} commit_print;

static int print_link(void *ctx, const att_commitment_link *l)
{
    commit_print *cp = ctx;
    if (cp->links) {
        json_array_append_new(cp->links, att_commitment_link_json(l));
    } else {
        char d[11];
        att_day_iso(l->day, d);
        const char *sent = cli_safe(l->sentence);
        printf("    %s %s (article %lld): %.*s\n", d, cli_safe(l->status), (long long)l->article_id,
               (int)att_utf8_prefix(sent, 200), sent);
    }
    return 0;
}

static int print_commitment(void *ctx, const att_commitment_row *r)
{
    commit_print *cp = ctx;
    json_t *obj = NULL;
    if (cp->o->json) {
        obj = att_commitment_json(r);
        cp->links = json_array();
    } else {
        char promised[11];
        att_day_iso(r->promised_day == INT32_MIN ? 0 : r->promised_day, promised);
        const char *what = cli_safe(r->what);
        printf("#%lld  %s  %s -> %s  [%s]\n    %.*s\n", (long long)r->id, promised, cli_safe(r->who),
               cli_safe(r->to_whom), cli_safe(r->status), (int)att_utf8_prefix(what, 300), what);
        cp->links = NULL;
    }
    cp->st = att_query_commitment_links(cp->s, r->id, print_link, cp, cp->err, sizeof cp->err);
    if (obj) {
        json_object_set_new(obj, "links", cp->links);
        cli_print_json_line(stdout, obj);
    }
    return cp->st != ATT_OK;
}

int cmd_commitments(cli_ctx *c, int argc, char **argv)
{
    list_opts o = {0, 0, 1000000, NULL};
    if (parse_list("commitments", argc, argv, &o, 0, 0) < 0)
        return 2;
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    commit_print cp = {s, &o, NULL, ATT_OK, ""};
    char err[512];
    att_page pg = {o.limit, 0, {0}};
    att_status st = att_query_commitments(s, NULL, NULL, &pg, print_commitment, &cp, err, sizeof err);
    att_store_close(s);
    if (st != ATT_OK || cp.st != ATT_OK) {
        cli_error("commitments: %s: %s", c->db_path, st != ATT_OK ? err : cp.err);
        return 1;
    }
    return 0;
}
