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
#include "../query/report_data.h"
#include "../util/buf.h"
#include "cli.h"

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
    att_alert_config cfg;
    int have_cfg = cli_load_alert_config(c, &cfg) == 0;
    att_report_data D;
    att_status qst = att_query_report(s, lx, have_cfg ? cfg.watch : NULL, have_cfg ? cfg.n_watch : 0, from_s, to_s, &D);
    if (have_cfg)
        att_alert_config_free(&cfg);
    att_report r = D.r;
    size_t na = D.na;
    char *from_iso = D.from_iso, *to_iso = D.to_iso;
    att_buf html = ATT_BUF_INIT;
    int rc = 0;
    if (qst != ATT_OK) {
        cli_error("report: %s: %s", c->db_path, sqlite3_errmsg(att_store_db(s)));
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
    att_report_data_free(&D);
    att_lexicon_free(lx);
    att_store_close(s);
    return rc;
}
