/* cmd_dyads.c - `attache dyads` and `attache timeline A B`: relation
 * aggregates maintained at ingest (see src/analyze/analyze.h). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/analyze.h"
#include "../query/query_json.h"
#include "article_json.h"
#include "cli.h"

typedef struct dyad_opts {
    int json, undirected, level;
    const char *actor, *from, *to;
    long limit;
} dyad_opts;

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
                if ((o->level = att_level_of(v)) < 0) {
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

typedef struct dyad_print {
    const dyad_opts *o;
    int chart, rows;
} dyad_print;

static int print_dyad(void *ctx, const att_dyad_row *r)
{
    dyad_print *dp = ctx;
    const dyad_opts *o = dp->o;
    char iso[11];
    att_day_iso(r->period, iso);
    double gmean = r->n ? r->goldstein_sum / (double)r->n : 0;
    double tmean = r->n ? r->tone_sum / (double)r->n : 0;
    dp->rows++;
    if (o->json) {
        cli_print_json_line(stdout, att_dyad_json(r, o->undirected, o->level));
    } else if (dp->chart) {
        printf("%s %5lld ", iso, (long long)r->n);
        int64_t coop = r->q[0] + r->q[1], conf = r->q[2] + r->q[3];
        for (int64_t k = 0; k < coop && k < 40; k++)
            putchar('#');
        for (int64_t k = 0; k < conf && k < 40; k++)
            putchar('x');
        printf("  %+.1f\n", gmean);
    } else {
        printf("%-6s %-6s %-10s %6lld %5lld %5lld %5lld %5lld %+8.2f %+7.2f %7lld\n", cli_safe(r->a1), cli_safe(r->a2), iso,
               (long long)r->n, (long long)r->q[0], (long long)r->q[1], (long long)r->q[2], (long long)r->q[3],
               gmean, tmean, (long long)r->stories);
    }
    return 0;
}

static int run_query(cli_ctx *c, const dyad_opts *o, const char *a, const char *b, int chart)
{
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    /* the timeline's pair is undirected (smaller code first, as stored) */
    att_dyad_query q = {o->level, o->undirected, o->actor, a, b, o->from, o->to, o->limit};
    if (!o->json && !chart)
        printf("%-6s %-6s %-10s %6s %5s %5s %5s %5s %8s %7s %7s\n", "actor1", "actor2", o->undirected ? "period" : "period",
               "events", "q1", "q2", "q3", "q4", "goldst", "tone", "stories");
    if (!o->json && chart) {
        const char *x = a, *y = b;
        if (o->undirected && strcmp(x, y) > 0) {
            x = b;
            y = a;
        }
        printf("%s - %s by %s: events (# cooperation, x conflict), mean Goldstein\n", x, y, att_level_name(o->level));
    }
    dyad_print dp = {o, chart, 0};
    char err[512];
    att_status st = att_query_dyads(s, &q, print_dyad, &dp, err, sizeof err);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("%s: %s: %s", a ? "timeline" : "dyads", c->db_path, err);
        return 1;
    }
    if (!dp.rows && !o->json)
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
