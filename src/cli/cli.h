/*
 * cli.h - shared pieces of the attache command-line program.
 * Each command lives in its own cmd_*.c file and has the signature below:
 * argv[0] is the command name; it returns the process exit status
 * (0 ok, 1 fatal error, 2 bad input or usage).
 */
#ifndef ATT_CLI_H
#define ATT_CLI_H

#include <stdio.h>

#include "../extract/lexicon.h"
#include "../store/store.h"

typedef struct cli_ctx {
    const char *db_path;       /* --db, $ATTACHE_DB or ./attache.db */
    const char *data_dir;      /* --data-dir or $ATTACHE_DATA_DIR, NULL for embedded */
    const char *alerts_config; /* --alerts-config or $ATTACHE_ALERTS_CONFIG, NULL = data/alerts.conf */
    int jobs;                  /* ingest worker threads; 0 = one per core */
    long ingest_batch;         /* ingest --batch N: articles per transaction, 0 = the ingester's default */
} cli_ctx;

int cmd_ingest(cli_ctx *c, int argc, char **argv);
int cmd_search(cli_ctx *c, int argc, char **argv);
int cmd_show(cli_ctx *c, int argc, char **argv);
int cmd_export(cli_ctx *c, int argc, char **argv);
int cmd_demo(cli_ctx *c, int argc, char **argv);
int cmd_actors(cli_ctx *c, int argc, char **argv);
int cmd_events(cli_ctx *c, int argc, char **argv);
int cmd_quotes(cli_ctx *c, int argc, char **argv);
int cmd_reextract(cli_ctx *c, int argc, char **argv);
int cmd_dyads(cli_ctx *c, int argc, char **argv);
int cmd_timeline(cli_ctx *c, int argc, char **argv);
int cmd_stories(cli_ctx *c, int argc, char **argv);
int cmd_alerts(cli_ctx *c, int argc, char **argv);
int cmd_commitments(cli_ctx *c, int argc, char **argv);
int cmd_report(cli_ctx *c, int argc, char **argv);
int cmd_migrate(cli_ctx *c, int argc, char **argv);
int cmd_check(cli_ctx *c, int argc, char **argv);
int cmd_segment(cli_ctx *c, int argc, char **argv);
int cmd_sources(cli_ctx *c, int argc, char **argv);
int cmd_follow(cli_ctx *c, int argc, char **argv);
int cmd_serve(cli_ctx *c, int argc, char **argv);

/* Open the database for writing (created or migrated as needed) or print
 * "attache: ..." and return NULL. */
att_store *cli_open_store(cli_ctx *c);

/* Open the database read-only (ATT_STORE_READ: never created, migrated or
 * changed) or print "attache: ..." and return NULL.  For every command
 * that only reads. */
att_store *cli_open_store_read(cli_ctx *c);

/* A statement of cmd failed on store s (a read error, a corrupted
 * database): print one line "attache: CMD: DB: SQLite's message", close s
 * and return the exit status 1. */
int cli_db_failed(cli_ctx *c, att_store *s, const char *cmd);

/* s made safe for a terminal: C0 and C1 control characters (ESC, CSI,
 * BEL, ...) that page text may carry - escape sequences that would move the
 * cursor, retitle or recolour the terminal - become U+FFFD, and tab,
 * newline and carriage return a space (every caller prints one line or
 * one paragraph).  Returns s itself when it has none, else a copy valid
 * for the next 7 calls (owned here).  For human-readable output only:
 * JSON escapes control characters itself.  NULL stays NULL. */
const char *cli_safe(const char *s);

/* Print "attache: <fmt>" to stderr with a newline, the message made safe
 * for a terminal (cli_safe: no control characters, one line; at most
 * 4 KB). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a positive integer option value; returns -1 (after an error
 * message naming opt) if it is not one. */
long cli_parse_count(const char *opt, const char *value);

/* Resolve n actor arguments as typed by a user (codes in any case, names
 * with or without accents, English names, acronyms: see
 * src/extract/resolve.h) into codes[i]; typed[i] is then pointed at
 * codes[i].  NULL entries are skipped.  On an unknown or ambiguous actor,
 * prints one line "attache: CMD: unknown actor 'X' (closest: ...)" and
 * returns 2; 1 if the reference data cannot be read; 0 on success. */
int cli_resolve_actors(const char *cmd, const char **typed, char (*codes)[16], size_t n);

/* Ingest paths into the store with the summary on stderr, extracting
 * facts from every new article with lx (NULL: articles only).  Returns the
 * exit status. */
int cli_run_ingest(cli_ctx *c, att_store *s, att_lexicon *lx, int n, char **paths, int quiet);

/* One ingest run with the whole pipeline (extraction, analysis, alerts),
 * shared by `ingest`, `demo` and `serve` (POST /api/v1/ingest):
 * begin (prints why not and returns NULL on failure; on_reject NULL prints
 * rejects), feed the ingester (att_ingest_path / att_ingest_memory), end
 * with the feeding's status st (and its message) to commit the batch and
 * raise alerts.  end frees the run; it returns ATT_OK, the fatal status
 * with its message in err (batch rolled back), or ATT_ERR_IO when only
 * the alerts failed (ATT_ERR_IO: an alert not delivered, kept for the next
 * run; ATT_ERR_DB: the detectors failed; the articles are stored). */
typedef struct cli_ingest cli_ingest;
struct att_ingester;
struct att_ingest_stats;
cli_ingest *cli_ingest_begin(cli_ctx *c, att_store *s, att_lexicon *lx, void (*on_reject)(void *, const char *),
                             void *rctx);
struct att_ingester *cli_ingest_ingester(cli_ingest *in);
att_status cli_ingest_end(cli_ingest *in, att_status st, const char *st_err, struct att_ingest_stats *stats,
                          size_t *n_alerts, char *err, size_t errlen);
/* One in-memory document (data[0..len), named name, kind as for
 * att_ingest_memory: NULL to detect) through begin, the ingester and end:
 * what `attache serve`'s writer runs for a POST.  Returns end's status
 * (ATT_ERR_IO: stored, an alert not delivered), or ATT_ERR_NOMEM when the
 * pipeline did not start; *stats gets the totals either way. */
att_status cli_ingest_one(cli_ctx *c, att_store *s, att_lexicon *lx, void (*on_reject)(void *, const char *),
                          void *rctx, const char *name, const char *data, size_t len, const char *kind,
                          struct att_ingest_stats *stats, size_t *n_alerts, char *err, size_t errlen);

/* The same with the inputs given by a callback: feed() gets the
 * ingester set up with the whole pipeline (extraction, analysis), the
 * batch is committed after it returns, then alerts run.  The summary line
 * is printed unless quiet; *out (if non-NULL) gets the totals.  Returns
 * the exit status as cli_run_ingest. */
struct att_ingester;
struct att_ingest_stats;
typedef att_status (*cli_ingest_feed)(void *ctx, struct att_ingester *g, char *err, size_t errlen);
int cli_run_ingest_feed(cli_ctx *c, att_store *s, att_lexicon *lx, int quiet, cli_ingest_feed feed, void *ctx,
                        struct att_ingest_stats *out);

/* Everything that runs on a new article after it is stored: extraction
 * (lexicon) and analysis (analyzer; may be NULL). */
typedef struct cli_pipeline {
    att_lexicon *lx;
    struct att_analyzer *an;
} cli_pipeline;

/* Load the alert configuration (cfg must be released with
 * att_alert_config_free); prints the problem and returns non-zero on error. */
struct att_alert_config;
int cli_load_alert_config(cli_ctx *c, struct att_alert_config *cfg);

/* Load the reference data (embedded or --data-dir), or print why not. */
att_lexicon *cli_load_lexicon(void);

/* The ingest hook that extracts and stores facts and analyses the article;
 * ctx is a cli_pipeline. */
/* The same, split for parallel ingest (att_ingester_on_prepared): the
 * extraction in a worker thread, storing and analysis in the writer. */
void *cli_extract_prepare(void *ctx, const att_article *a);
att_status cli_extract_store(void *ctx, att_store *s, int64_t id, const att_article *a, void *payload, char *err,
                             size_t errlen);
void cli_extract_release(void *ctx, void *payload);
att_status cli_extract_hook(void *ctx, att_store *s, int64_t id, const att_article *a, char *err,
                            size_t errlen);

/* Search and print hits (shared by search and demo). */
int cli_search_print(att_store *s, const char *query, size_t limit, int json);

#endif
