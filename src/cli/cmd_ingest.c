/* cmd_ingest.c - `attache ingest PATH...`: store articles from inputs;
 * the ingest run shared by ingest, demo, follow and serve. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analyze/alerts.h"
#include "../analyze/analyze.h"
#include "../ingest/ingest.h"
#include "cli.h"

static void print_reject(void *ctx, const char *msg)
{
    (void)ctx;
    cli_error("ingest: %s", msg);
}

struct cli_ingest {
    att_ingester *g;
    cli_pipeline pl;
    att_alert_config cfg;
};

cli_ingest *cli_ingest_begin(cli_ctx *c, att_store *s, att_lexicon *lx, att_reject_cb on_reject, void *rctx)
{
    char err[512] = "";
    cli_ingest *in = calloc(1, sizeof *in);
    if (!in || att_ingester_new(s, &in->g) != ATT_OK) {
        cli_error("out of memory");
        free(in);
        return NULL;
    }
    att_ingester_on_reject(in->g, on_reject ? on_reject : print_reject, rctx);
    if (c->ingest_batch > 0)
        att_ingester_batch(in->g, (size_t)c->ingest_batch);
    in->pl.lx = lx;
    if (cli_load_alert_config(c, &in->cfg) != 0) {
        att_ingester_free(in->g);
        free(in);
        return NULL;
    }
    if (att_analyzer_open(s, &in->pl.an, err, sizeof err) != ATT_OK) {
        cli_error("ingest: %s", err);
        att_alert_config_free(&in->cfg);
        att_ingester_free(in->g);
        free(in);
        return NULL;
    }
    int jobs = c->jobs > 0 ? c->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    att_ingester_jobs(in->g, jobs > 0 ? jobs : 1);
    if (lx)
        att_ingester_on_prepared(in->g, cli_extract_prepare, cli_extract_store, cli_extract_release, &in->pl);
    return in;
}

att_ingester *cli_ingest_ingester(cli_ingest *in) { return in->g; }

att_status cli_ingest_end(cli_ingest *in, att_status st, const char *st_err, att_ingest_stats *stats,
                          size_t *n_alerts, char *err, size_t errlen)
{
    char ferr[512] = "";
    att_status fst = att_ingester_finish(in->g, stats, ferr, sizeof ferr);
    att_ingester_free(in->g);
    char aerr[512] = "";
    *n_alerts = 0;
    att_status ast = st == ATT_OK && fst == ATT_OK
                         ? att_analyzer_finish(in->pl.an, &in->cfg, n_alerts, aerr, sizeof aerr)
                         : ATT_OK;
    att_analyzer_free(in->pl.an);
    att_alert_config_free(&in->cfg);
    free(in);
    if (st != ATT_OK || fst != ATT_OK)
        return att_seterr(err, errlen, st != ATT_OK ? st : fst, "%s",
                          st_err && *st_err ? st_err : *ferr ? ferr : att_status_str(st != ATT_OK ? st : fst));
    if (ast != ATT_OK) /* the articles are stored; ATT_ERR_IO: an alert not delivered (kept for the next run) */
        return att_seterr(err, errlen, ast == ATT_ERR_IO ? ATT_ERR_IO : ATT_ERR_DB, "alerts: %s", aerr);
    return ATT_OK;
}

att_status cli_ingest_one(cli_ctx *c, att_store *s, att_lexicon *lx, void (*on_reject)(void *, const char *),
                          void *rctx, const char *name, const char *data, size_t len, const char *kind,
                          att_ingest_stats *stats, size_t *n_alerts, char *err, size_t errlen)
{
    memset(stats, 0, sizeof *stats);
    cli_ingest *in = cli_ingest_begin(c, s, lx, on_reject, rctx);
    if (!in)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "the ingest pipeline did not start (see the log)");
    char ierr[512] = "";
    att_status st = att_ingest_memory(cli_ingest_ingester(in), name, data, len, kind, ierr, sizeof ierr);
    return cli_ingest_end(in, st, ierr, stats, n_alerts, err, errlen);
}

int cli_run_ingest_feed(cli_ctx *c, att_store *s, att_lexicon *lx, int quiet, cli_ingest_feed feed, void *ctx,
                        att_ingest_stats *out)
{
    char err[512] = "";
    cli_ingest *in = cli_ingest_begin(c, s, lx, NULL, NULL);
    if (!in)
        return 1;
    if (!quiet && isatty(fileno(stderr)))
        att_ingester_progress(in->g, stderr);
    att_status st = feed(ctx, in->g, err, sizeof err);
    att_ingest_stats stats;
    size_t n_alerts = 0;
    char eerr[600] = "";
    att_status est = cli_ingest_end(in, st, err, &stats, &n_alerts, eerr, sizeof eerr);
    if (out)
        *out = stats;
    if (est != ATT_OK && !(st == ATT_OK && !strncmp(eerr, "alerts: ", 8))) {
        cli_error("ingest: %s (the current batch was rolled back; earlier batches are kept)", eerr);
        return 1;
    }
    if (est != ATT_OK)
        cli_error("%s", eerr);
    else if (n_alerts && !quiet)
        fprintf(stderr, "attache: alerts: %zu new (attache alerts)\n", n_alerts);
    if (!quiet)
        fprintf(stderr,
                "attache: ingest: %llu read, %llu stored, %llu duplicates, %llu rejected"
                " (%.2f MB)\n",
                (unsigned long long)stats.read, (unsigned long long)stats.stored,
                (unsigned long long)stats.duplicates, (unsigned long long)stats.rejected,
                (double)stats.bytes / 1e6);
    if (est == ATT_ERR_IO)
        return 3; /* stored, but some alert not delivered (kept for the next run) */
    return est != ATT_OK ? 1 : stats.rejected ? 2 : 0;
}

typedef struct paths_feed {
    int n;
    char **paths;
} paths_feed;

static att_status feed_paths(void *ctx, att_ingester *g, char *err, size_t errlen)
{
    paths_feed *p = ctx;
    att_status st = ATT_OK;
    for (int i = 0; i < p->n && st == ATT_OK; i++)
        st = att_ingest_path(g, p->paths[i], err, errlen);
    return st;
}

int cli_run_ingest(cli_ctx *c, att_store *s, att_lexicon *lx, int n, char **paths, int quiet)
{
    paths_feed p = {n, paths};
    return cli_run_ingest_feed(c, s, lx, quiet, feed_paths, &p, NULL);
}

int cmd_ingest(cli_ctx *c, int argc, char **argv)
{
    int quiet = 0, n = 0;
    char **paths = calloc((size_t)argc, sizeof *paths);
    if (!paths)
        return 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (!strcmp(argv[i], "--jobs") || !strcmp(argv[i], "-j") || !strncmp(argv[i], "--jobs=", 7)) {
            const char *v = argv[i][2] == 'j' && argv[i][6] == '=' ? argv[i] + 7 : i + 1 < argc ? argv[++i] : NULL;
            long j = cli_parse_count("--jobs", v);
            if (j < 0 || j > 64) {
                if (j > 64)
                    cli_error("--jobs: '%s' is more than 64", v);
                free(paths);
                return 2;
            }
            c->jobs = (int)j;
        } else if (!strcmp(argv[i], "--batch")) { /* articles per transaction */
            if ((c->ingest_batch = cli_parse_count(argv[i], i + 1 < argc ? argv[i + 1] : NULL)) < 0) {
                free(paths);
                return 2;
            }
            i++;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error("ingest: unknown option '%s'", argv[i]);
            free(paths);
            return 2;
        } else {
            paths[n++] = argv[i];
        }
    }
    if (n == 0) {
        cli_error("ingest: no input given (usage: attache ingest PATH... ; - reads stdin)");
        free(paths);
        return 2;
    }
    att_lexicon *lx = cli_load_lexicon();
    att_store *s = lx ? cli_open_store(c) : NULL;
    if (!s) {
        att_lexicon_free(lx);
        free(paths);
        return 1;
    }
    int rc = cli_run_ingest(c, s, lx, n, paths, quiet);
    att_store_close(s);
    att_lexicon_free(lx);
    free(paths);
    return rc;
}
