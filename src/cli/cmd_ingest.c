/* cmd_ingest.c - `attache ingest PATH...`: store articles from inputs. */
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

int cli_run_ingest(cli_ctx *c, att_store *s, att_lexicon *lx, int n, char **paths, int quiet)
{
    att_ingester *g;
    char err[512] = "";
    if (att_ingester_new(s, &g) != ATT_OK) {
        cli_error("out of memory");
        return 1;
    }
    att_ingester_on_reject(g, print_reject, NULL);
    if (c->ingest_batch > 0)
        att_ingester_batch(g, (size_t)c->ingest_batch);
    cli_pipeline pl = {lx, NULL};
    att_alert_config cfg;
    if (cli_load_alert_config(c, &cfg) != 0) {
        att_ingester_free(g);
        return 1;
    }
    if (att_analyzer_open(s, &pl.an, err, sizeof err) != ATT_OK) {
        cli_error("ingest: %s", err);
        att_alert_config_free(&cfg);
        att_ingester_free(g);
        return 1;
    }
    int jobs = c->jobs > 0 ? c->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    att_ingester_jobs(g, jobs > 0 ? jobs : 1);
    if (lx)
        att_ingester_on_prepared(g, cli_extract_prepare, cli_extract_store, cli_extract_release, &pl);
    if (!quiet && isatty(fileno(stderr)))
        att_ingester_progress(g, stderr);
    att_status st = ATT_OK;
    for (int i = 0; i < n && st == ATT_OK; i++)
        st = att_ingest_path(g, paths[i], err, sizeof err);
    att_ingest_stats stats;
    char ferr[512] = "";
    att_status fst = att_ingester_finish(g, &stats, ferr, sizeof ferr);
    att_ingester_free(g);
    size_t n_alerts = 0;
    char aerr[512] = "";
    att_status ast = st == ATT_OK && fst == ATT_OK
                         ? att_analyzer_finish(pl.an, &cfg, &n_alerts, aerr, sizeof aerr)
                         : ATT_OK;
    att_analyzer_free(pl.an);
    att_alert_config_free(&cfg);
    if (st != ATT_OK || fst != ATT_OK) {
        cli_error("ingest: %s (the current batch was rolled back; earlier batches are kept)",
                  *err ? err : *ferr ? ferr : att_status_str(st != ATT_OK ? st : fst));
        return 1;
    }
    if (ast != ATT_OK)
        cli_error("alerts: %s", aerr);
    else if (n_alerts && !quiet)
        fprintf(stderr, "attache: alerts: %zu new (attache alerts)\n", n_alerts);
    if (!quiet)
        fprintf(stderr,
                "attache: ingest: %llu read, %llu stored, %llu duplicates, %llu rejected"
                " (%.2f MB)\n",
                (unsigned long long)stats.read, (unsigned long long)stats.stored,
                (unsigned long long)stats.duplicates, (unsigned long long)stats.rejected,
                (double)stats.bytes / 1e6);
    if (ast == ATT_ERR_IO)
        return 3; /* stored, but some alert not delivered (kept for the next run) */
    return ast != ATT_OK ? 1 : stats.rejected ? 2 : 0;
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
