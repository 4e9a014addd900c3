/*
 * cli.h - shared pieces of the attache command-line program.
 * Each command lives in its own cmd_*.c file and has the signature below:
 * argv[0] is the command name; it returns the process exit status
 * (0 ok, 1 fatal error, 2 bad input or usage).
 */
#ifndef ATT_CLI_H
#define ATT_CLI_H

#include <stdio.h>

#include "../store/store.h"

typedef struct cli_ctx {
    const char *db_path;  /* --db, $ATTACHE_DB or ./attache.db */
    const char *data_dir; /* --data-dir or $ATTACHE_DATA_DIR, NULL for embedded */
} cli_ctx;

int cmd_ingest(cli_ctx *c, int argc, char **argv);
int cmd_search(cli_ctx *c, int argc, char **argv);
int cmd_show(cli_ctx *c, int argc, char **argv);
int cmd_export(cli_ctx *c, int argc, char **argv);
int cmd_demo(cli_ctx *c, int argc, char **argv);

/* Open the database or print "attache: ..." and return NULL. */
att_store *cli_open_store(cli_ctx *c);

/* Print "attache: <fmt>" to stderr with a newline. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a positive integer option value; returns -1 (after an error
 * message naming opt) if it is not one. */
long cli_parse_count(const char *opt, const char *value);

/* Ingest paths into the store with the summary on stderr; used by ingest
 * and demo.  Returns the exit status. */
int cli_run_ingest(att_store *s, int n, char **paths, int quiet);

#endif
