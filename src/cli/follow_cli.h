/* follow_cli.h - the pieces of `attache follow` that `attache serve
 * --follow` shares (cmd_follow.c): the follow options and one round
 * through the whole ingest pipeline with its summary line. */
#ifndef ATT_FOLLOW_CLI_H
#define ATT_FOLLOW_CLI_H

#include <signal.h>

#include "../follow/follow.h"
#include "cli.h"

/* If argv[*i] is one of the crawler's options (--all, --archive,
 * --user-agent, --delay, --max-age, --timeout, --max-body), store it in o,
 * advance *i past its value and return 1; 0 if it is not one; -1 after
 * printing why its value is wrong (exit status 2). */
int cli_follow_option(att_follow_opts *o, int argc, char **argv, int *i);

/* A follower and its rounds: f and stop are the caller's. */
typedef struct cli_follow_rounds {
    att_follower *f;
    volatile sig_atomic_t *stop; /* a round stops early when it becomes non-zero */
    att_follow_stats st;         /* the last round's counts */
    unsigned n;                  /* rounds run */
} cli_follow_rounds;

/* Run one round over the due sources into s with the whole ingest
 * pipeline (extraction, analysis, alerts and their delivery), then print
 * "attache: follow: round N: ..." unless quiet.  Returns the exit status
 * of cli_run_ingest_feed (1: fatal, the problem printed). */
int cli_follow_round(cli_ctx *c, att_store *s, att_lexicon *lx, cli_follow_rounds *r, int quiet);

/* The follower's log callback: prints "attache: follow: MSG". */
void cli_follow_log(void *ctx, const char *msg);

#endif
