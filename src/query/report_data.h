/*
 * report_data.h - what `attache report` shows, read from the database:
 * the period's counts, most active dyads, weekly timelines of the watched
 * (or most active) dyads, alerts with their evidence sentences, top
 * stories, commitments and quotations, filled into an att_report for the
 * renderer (src/analyze/report.h).
 *
 * Ownership: every string and array the att_report points to is held by the
 * att_report_data; free it with att_report_data_free().
 * Errors: none fatal - a query that fails leaves its section empty.
 */
#ifndef ATT_REPORT_DATA_H
#define ATT_REPORT_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "../analyze/report.h"
#include "../extract/lexicon.h"
#include "../store/store.h"

typedef struct att_report_pool {
    char **v;
    size_t n, cap;
} att_report_pool;

typedef struct att_report_data {
    att_report r; /* what the renderer takes */
    att_report_pool P;
    char from_iso[11], to_iso[11], gen[32];
    att_report_dyad dy[12];
    att_report_series ser[4];
    att_report_point *pts[4];
    att_report_alert al[20];
    att_report_evidence ev[20][3];
    att_report_story sto[10];
    att_report_commitment cm[20];
    att_report_quote qu[10];
    size_t ns, na; /* series and alerts filled */
} att_report_data;

/* Fill D for the period from_s..to_s (ISO dates; NULL: the first / last
 * day the database covers).  lx (may be NULL) gives display names; watch
 * (n_watch codes, NULL for none) are the dyads to chart first.  The
 * period's default is that of the placed events (an article dated only by
 * its ingest places none).  ATT_ERR_DB when a read failed (a corrupted
 * database): D is then incomplete and must not be shown, only freed. */
att_status att_query_report(att_store *s, const att_lexicon *lx, char *const *watch, size_t n_watch, const char *from_s,
                            const char *to_s, att_report_data *D);
void att_report_data_free(att_report_data *D);

#endif
