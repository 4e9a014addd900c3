/*
 * alerts.h - early-warning alerts: configuration, detection over stored
 * dyad and story series, storage and delivery.
 *
 * Configuration (data/alerts.conf, or a file given with --alerts-config):
 * "key = value" lines, '#' comments.  Keys: watch (space-separated actor
 * codes; empty = every dyad with enough history), threshold, baseline_days,
 * window_days, min_history_days, min_baseline_events, min_window_events,
 * cooldown_days, cusum_shift, cusum_h, cusum_baseline_days, cusum_h_events
 * (the CUSUMs: detect.h, docs/ALERTS.md), burst_min_articles, alert_jsonl (append new alerts to this
 * file, one JSON object per line), alert_command (a program and its
 * arguments, run WITHOUT a shell - see alert_cmd.h for how the line is
 * split - with each new alert's JSON on standard input and its id in
 * ATTACHE_ALERT_ID), alert_timeout (seconds a command may take before it
 * is killed, default 30).  Numbers must be finite and in range.
 *
 * Delivery is at least once, after the commit: a new alert is stored with
 * an entry in the alert_outbox table in the same transaction; after the
 * commit every queued alert is delivered (JSON line appended, command
 * run) and its entry removed; a failed delivery stays queued (attempts,
 * last_error) and is tried again by the next run.  A process killed
 * between delivering and removing the entry delivers again: receivers
 * dedupe by the alert id.
 *
 * An alert is stored once per episode: a dyad (or story) that already has an
 * alert within cooldown_days of a new detection does not fire again.
 *
 * Ownership: att_alert_config_load() fills a caller-owned struct released
 * with att_alert_config_free().  Errors: ATT_ERR_FORMAT ("FILE line N: ...")
 * for a bad config line, ATT_ERR_DB, ATT_ERR_NOMEM, ATT_ERR_IO on delivery.
 */
#ifndef ATT_ALERTS_H
#define ATT_ALERTS_H

#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "detect.h"

typedef struct att_alert_config {
    att_detect_params detect;
    char **watch;          /* actor codes (countries/orgs); NULL/0 = all */
    size_t n_watch;
    uint32_t burst_min_articles;
    char *alert_jsonl;     /* NULL = no file delivery */
    char *alert_command;   /* NULL = no command */
    int alert_timeout;     /* seconds */
} att_alert_config;

/* Defaults, then the file text (NULL = defaults only). */
att_status att_alert_config_load(att_alert_config *c, const char *name, const char *text, char *err,
                                 size_t errlen);
void att_alert_config_free(att_alert_config *c);

/* Detect dyad shifts for the undirected dyads "A|B" given (all dyads
 * when keys is NULL) and story bursts for the story ids given; store new
 * alerts (and queue them) in one transaction, then att_alerts_deliver.
 * *n_new = alerts created.  ATT_ERR_IO: stored, some not delivered. */
att_status att_alerts_run(att_store *s, const att_alert_config *c, char *const *dyads, size_t n_dyads,
                          const int64_t *stories, size_t n_stories, size_t *n_new, char *err,
                          size_t errlen);

/* Deliver every queued alert (oldest first) outside any transaction;
 * counts in *n_delivered, *n_failed.  ATT_ERR_IO ("N alerts not
 * delivered, kept for the next run (alert ID: why)") if any failed. */
att_status att_alerts_deliver(att_store *s, const att_alert_config *c, size_t *n_delivered,
                              size_t *n_failed, char *err, size_t errlen);

#endif
