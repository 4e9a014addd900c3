/* cmd_dyads.c - `attache dyads` and `attache timeline A B`: relation
 * aggregates maintained at ingest (see src/analyze/analyze.h). */
#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/analyze.h"
#include "article_json.h"
#include "cli.h"

typedef struct dyad_opts {
    int json, undirected, level;
    const char *actor, *from, *to;
    long limit;
} dyad_opts;

static int level_of(const char *by)
{
    return !strcmp(by, "day") ? 0 : !strcmp(by, "week") ? 1 : !strcmp(by, "month") ? 2 : -1;
}

static const char *level_name(int l) { return l == 0 ? "day" : l == 1 ? "week" : "month"; }

/* Parse the options shared by dyads and timeline; returns index of the
 * first non-option argument list end or -1 after an error. */
static int parse_opts(const char *cmd, int argc, char **argv, dyad_opts *o, const char **pos, int max_pos)
{
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--undirected")) {
            o->undirected = 1;
        } else if (!strcmp(a, "--by") || !strcmp(a, "--actor") || !strcmp(a, "--from") || !strcmp(a, "--to") ||
                   !strcmp(a, "--limit")) {
            if (!v) {
                cli_error("%s: %s needs a value", cmd, a);
                return -1;
            }
            i++;
            if (!strcmp(a, "--by")) {
                if ((o->level = level_of(v)) < 0) {
                    cli_error("%s: --by takes day, week or month, not '%s'", cmd, v);
                    return -1;
                }
            } else if (!strcmp(a, "--actor")) {
                o->actor = v;
            } else if (!strcmp(a, "--limit")) {
                if ((o->limit = cli_parse_count(a, v)) < 0)
                    return -1;
            } else {
                if (att_day_of(v) < 0) {
                    cli_error("%s: %s takes an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not '%s'", cmd, a, v);
                    return -1;
                }
                if (!strcmp(a, "--from"))
                    o->from = v;
                else
                    o->to = v;
            }
        } else if (a[0] == '-' && a[1]) {
            cli_error("%s: unknown option '%s'", cmd, a);
            return -1;
        } else if (npos < max_pos) {
            pos[npos++] = a;
        } else {
            cli_error("%s: unexpected argument '%s'", cmd, a);
            return -1;
        }
    }
    return npos;
}

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

static int run_query(cli_ctx *c, const dyad_opts *o, const char *a, const char *b, int chart)
{
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    sqlite3 *db = att_store_db(s);
    sqlite3_stmt *st;
    char *sql = att_dyad_sql(o->actor != NULL && a == NULL, a != NULL);
    if (!sql || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        cli_error("dyads: %s", sqlite3_errmsg(db));
        free(sql);
        att_store_close(s);
        return 1;
    }
    free(sql);
    /* undirected pairs are stored with the smaller code first */
    if (a && strcmp(a, b) > 0) {
        const char *t = a;
        a = b;
        b = t;
    }
    sqlite3_bind_int(st, 1, o->level + (o->undirected ? 3 : 0));
    /* the period that contains the first day asked for */
    sqlite3_bind_int(st, 2, o->from ? att_period_start(o->level, att_day_of(o->from)) : 0);
    sqlite3_bind_int(st, 3, to_day(o->to));
    if (o->actor)
        sqlite3_bind_text(st, 4, o->actor, -1, SQLITE_STATIC);
    if (a) {
        sqlite3_bind_text(st, 5, a, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, b, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 7, o->limit);
    if (!o->json && !chart)
        printf("%-6s %-6s %-10s %6s %5s %5s %5s %5s %8s %7s %7s\n", "actor1", "actor2", o->undirected ? "period" : "period",
               "events", "q1", "q2", "q3", "q4", "goldst", "tone", "stories");
    if (!o->json && chart)
        printf("%s - %s by %s: events (# cooperation, x conflict), mean Goldstein\n", a, b, level_name(o->level));
    int rows = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int32_t period = sqlite3_column_int(st, 2);
        int64_t n = sqlite3_column_int64(st, 3);
        char iso[11];
        att_day_iso(period, iso);
        int64_t q[4];
        for (int k = 0; k < 4; k++)
            q[k] = sqlite3_column_int64(st, 4 + k);
        double gmean = n ? sqlite3_column_double(st, 8) / (double)n : 0;
        double tmean = n ? sqlite3_column_double(st, 9) / (double)n : 0;
        int64_t stories = sqlite3_column_int64(st, 10);
        rows++;
        if (o->json) {
            json_t *obj = json_object(), *quad = json_array();
            json_object_set_new(obj, "actor1", json_string((const char *)sqlite3_column_text(st, 0)));
            json_object_set_new(obj, "actor2", json_string((const char *)sqlite3_column_text(st, 1)));
            json_object_set_new(obj, "directed", json_boolean(!o->undirected));
            json_object_set_new(obj, "by", json_string(level_name(o->level)));
            json_object_set_new(obj, "period", json_string(iso));
            json_object_set_new(obj, "events", json_integer(n));
            for (int k = 0; k < 4; k++)
                json_array_append_new(quad, json_integer(q[k]));
            json_object_set_new(obj, "quad", quad);
            json_object_set_new(obj, "conflict_share", json_real(n ? (double)(q[2] + q[3]) / (double)n : 0));
            json_object_set_new(obj, "goldstein_mean", json_real(gmean));
            json_object_set_new(obj, "goldstein_sum", json_real(sqlite3_column_double(st, 8)));
            json_object_set_new(obj, "tone_mean", json_real(tmean));
            json_object_set_new(obj, "stories", json_integer(stories));
            cli_print_json_line(stdout, obj);
        } else if (chart) {
            printf("%s %5lld ", iso, (long long)n);
            int64_t coop = q[0] + q[1], conf = q[2] + q[3];
            for (int64_t k = 0; k < coop && k < 40; k++)
                putchar('#');
            for (int64_t k = 0; k < conf && k < 40; k++)
                putchar('x');
            printf("  %+.1f\n", gmean);
        } else {
            printf("%-6s %-6s %-10s %6lld %5lld %5lld %5lld %5lld %+8.2f %+7.2f %7lld\n",
                   cli_safe((const char *)sqlite3_column_text(st, 0)),
                   cli_safe((const char *)sqlite3_column_text(st, 1)), iso,
                   (long long)n, (long long)q[0], (long long)q[1], (long long)q[2], (long long)q[3], gmean,
                   tmean, (long long)stories);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return cli_db_failed(c, s, a ? "timeline" : "dyads");
    att_store_close(s);
    if (!rows && !o->json)
        printf("(no events%s)\n", a ? " between these actors" : "");
    return 0;
}

int cmd_dyads(cli_ctx *c, int argc, char **argv)
{
    dyad_opts o = {0, 0, 2, NULL, NULL, NULL, 100000};
    if (parse_opts("dyads", argc, argv, &o, NULL, 0) < 0)
        return 2;
    char code[1][16];
    int rc = cli_resolve_actors("dyads", &o.actor, code, 1);
    if (rc)
        return rc;
    return run_query(c, &o, NULL, NULL, 0);
}

int cmd_timeline(cli_ctx *c, int argc, char **argv)
{
    dyad_opts o = {0, 1, 1, NULL, NULL, NULL, 100000};
    const char *pos[2];
    int n = parse_opts("timeline", argc, argv, &o, pos, 2);
    if (n < 0)
        return 2;
    if (n != 2) {
        cli_error("timeline: need two actors, e.g. attache timeline USA 'Trung Quốc' [--by day|week|month]");
        return 2;
    }
    char codes[2][16];
    int rc = cli_resolve_actors("timeline", pos, codes, 2);
    if (rc)
        return rc;
    return run_query(c, &o, pos[0], pos[1], !o.json);
}
