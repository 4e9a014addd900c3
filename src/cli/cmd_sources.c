/* cmd_sources.c - `attache sources add|list|remove`: what `follow` polls. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../follow/url.h"
#include "../store/sources.h"
#include "article_json.h"
#include "cli.h"

static const char sources_usage[] =
    "usage: attache sources add URL [--name NAME] [--kind auto|feed|sitemap|page|urls] [--every MINUTES]\n"
    "       attache sources list [--json]\n"
    "       attache sources remove ID|URL";

static void iso_time(int64_t t, char out[24])
{
    if (t <= 0) {
        strcpy(out, "never");
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int sources_add(cli_ctx *c, int argc, char **argv)
{
    const char *url = NULL, *name = NULL, *kind = "auto";
    long every = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--name") && i + 1 < argc) {
            name = argv[++i];
        } else if (!strcmp(argv[i], "--kind") && i + 1 < argc) {
            kind = argv[++i];
            if (strcmp(kind, "auto") && strcmp(kind, "feed") && strcmp(kind, "sitemap") && strcmp(kind, "page") &&
                strcmp(kind, "urls")) {
                cli_error("sources add: --kind: '%s' is not auto, feed, sitemap, page or urls", kind);
                return 2;
            }
        } else if (!strcmp(argv[i], "--every")) {
            if ((every = cli_parse_count("--every", i + 1 < argc ? argv[++i] : NULL)) < 0)
                return 2;
        } else if (argv[i][0] == '-') {
            cli_error("sources add: unknown option '%s'\n%s", argv[i], sources_usage);
            return 2;
        } else if (!url) {
            url = argv[i];
        } else {
            cli_error("sources add: one URL at a time ('%s')", argv[i]);
            return 2;
        }
    }
    if (!url) {
        cli_error("sources add: no URL given\n%s", sources_usage);
        return 2;
    }
    char *norm = NULL, err[512];
    if (att_url_normalize(url, NULL, 0, &norm, err, sizeof err) != ATT_OK) {
        cli_error("sources add: %s", err);
        return 2;
    }
    att_store *s = cli_open_store(c);
    if (!s) {
        free(norm);
        return 1;
    }
    int64_t id;
    int was_new;
    int rc = 0;
    if (att_sources_add(s, norm, name, kind, (int)every, 0, (int64_t)time(NULL), &id, &was_new, err, sizeof err) !=
        ATT_OK) {
        cli_error("sources add: %s", err);
        rc = 1;
    } else if (was_new) {
        printf("%lld\t%s\n", (long long)id, norm);
    } else {
        fprintf(stderr, "attache: sources add: %s is already source %lld\n", norm, (long long)id);
        printf("%lld\t%s\n", (long long)id, norm);
    }
    free(norm);
    att_store_close(s);
    return rc;
}

static int sources_list(cli_ctx *c, int argc, char **argv)
{
    int json = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else {
            cli_error("sources list: unknown option '%s'", argv[i]);
            return 2;
        }
    }
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    att_source *v;
    size_t n;
    char err[512];
    if (att_sources_list(s, 0, &v, &n, err, sizeof err) != ATT_OK) {
        cli_error("sources list: %s", err);
        att_sources_free(v, n);
        att_store_close(s);
        return 1;
    }
    if (!json && n)
        printf("%-4s %-8s %-12s %-20s %6s %6s %6s %5s %-20s %s\n", "id", "kind", "detected", "last fetch", "status",
               "items", "new", "fails", "next due", "url / last error");
    for (size_t i = 0; i < n; i++) {
        const att_source *x = &v[i];
        char last[24], next[24];
        iso_time(x->last_fetch, last);
        iso_time(x->next_due > 0 ? x->next_due : x->added_at, next);
        const char *health = x->last_fetch == 0 ? "new" : x->failures > 0 ? "failing" : "ok";
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_integer(x->id));
            json_object_set_new(o, "url", cli_json_str(x->url));
            json_object_set_new(o, "name", cli_json_str(x->name));
            json_object_set_new(o, "kind", cli_json_str(x->kind));
            json_object_set_new(o, "detected", cli_json_str(x->detected));
            json_object_set_new(o, "parent_id", x->parent_id > 0 ? json_integer(x->parent_id) : json_null());
            json_object_set_new(o, "health", json_string(health));
            json_object_set_new(o, "last_fetch", x->last_fetch > 0 ? json_string(last) : json_null());
            json_object_set_new(o, "last_status", x->last_status ? json_integer(x->last_status) : json_null());
            json_object_set_new(o, "last_error", cli_json_str(x->last_error));
            json_object_set_new(o, "items_seen", json_integer(x->items_seen));
            json_object_set_new(o, "new_articles", json_integer(x->new_articles));
            json_object_set_new(o, "failures", json_integer(x->failures));
            json_object_set_new(o, "interval_s", json_integer(x->every_min > 0 ? x->every_min * 60 : x->interval_s));
            json_object_set_new(o, "next_due", json_string(next));
            cli_print_json_line(stdout, o);
        } else {
            char status[16];
            snprintf(status, sizeof status, "%d", x->last_status);
            printf("%-4lld %-8s %-12s %-20s %6s %6lld %6lld %5lld %-20s %s%s%s%s\n", (long long)x->id, x->kind,
                   x->detected ? x->detected : "-", last, x->last_status ? status : "-",
                   (long long)x->items_seen, (long long)x->new_articles, (long long)x->failures, next,
                   cli_safe(x->url), x->failures ? "  [failing: " : "",
                   x->failures && x->last_error ? cli_safe(x->last_error) : "", x->failures ? "]" : "");
        }
    }
    if (!json && n == 0)
        fprintf(stderr, "attache: sources: none yet (attache sources add URL)\n");
    att_sources_free(v, n);
    att_store_close(s);
    return 0;
}

static int sources_remove(cli_ctx *c, int argc, char **argv)
{
    if (argc != 3) {
        cli_error("sources remove: give one ID or URL\n%s", sources_usage);
        return 2;
    }
    att_store *s = cli_open_store(c);
    if (!s)
        return 1;
    char err[512];
    const char *key = argv[2];
    char *norm = NULL;
    if (strstr(key, "://") && att_url_normalize(key, NULL, 0, &norm, err, sizeof err) == ATT_OK)
        key = norm;
    att_status st = att_sources_remove(s, key, err, sizeof err);
    free(norm);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("sources remove: %s", err);
        return st == ATT_ERR_NOTFOUND ? 2 : 1;
    }
    return 0;
}

int cmd_sources(cli_ctx *c, int argc, char **argv)
{
    if (argc < 2) {
        cli_error("sources: what to do?\n%s", sources_usage);
        return 2;
    }
    if (!strcmp(argv[1], "add"))
        return sources_add(c, argc, argv);
    if (!strcmp(argv[1], "list"))
        return sources_list(c, argc, argv);
    if (!strcmp(argv[1], "remove") || !strcmp(argv[1], "rm"))
        return sources_remove(c, argc, argv);
    cli_error("sources: unknown action '%s'\n%s", argv[1], sources_usage);
    return 2;
}
