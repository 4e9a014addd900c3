/*
 * serve.h - `attache serve`: the HTTP API (/api/v1/...), the live alert
 * stream (Server-Sent Events) and the dashboard (/), on libmicrohttpd.
 *
 * Threads: libmicrohttpd runs one thread per connection (at most
 * ATT_SERVE_MAX_CONN); each request borrows a read-only store connection
 * from a pool (WAL: readers never wait for the writer).  One writer thread
 * owns the only read-write connection and runs jobs from a queue: POST
 * /api/v1/ingest, and - when the caller gives one - a periodic round (the
 * hook `attache follow` plugs into).  One poller thread watches the alerts
 * table every 250 ms and fans new alerts out to every open stream.
 *
 * Stopping: att_serve_run() returns once *stop becomes non-zero (a signal
 * handler sets it): it stops accepting, ends the streams, lets running
 * requests finish (up to ATT_SERVE_DRAIN_SECONDS; a new request on a
 * kept-alive connection meanwhile gets 503), lets the writer finish its
 * queue (each job commits), and closes every connection.
 *
 * Environment knobs (read at start; documented in docs/SERVE.md):
 *   ATTACHE_SERVE_QUEUE=N   ingest jobs waiting for the writer before a
 *                           POST gets 429 (default 16, 0..1000)
 *   ATTACHE_SERVE_POOL=N    idle read connections kept (default
 *                           ATT_SERVE_MAX_CONN + 4; 0: each request
 *                           opens its own)
 *   ATTACHE_SERVE_INGEST_DELAY_MS=N  for tests: the writer waits N ms
 *                           before each POST ingest job (0..60000)
 *
 * Errors: att_serve_run() returns ATT_ERR_USAGE (bad listen address,
 * non-loopback without a token), ATT_ERR_IO (cannot listen), ATT_ERR_DB
 * (database), with a one-line message in err.
 */
#ifndef ATT_SERVE_H
#define ATT_SERVE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../store/store.h"
#include "../util/status.h"

#define ATT_SERVE_MAX_CONN 64
#define ATT_SERVE_MAX_BODY ((size_t)32 << 20)
#define ATT_SERVE_DRAIN_SECONDS 30

/* What one ingest job did (the body of the POST's answer). */
typedef struct att_serve_ingest_result {
    uint64_t read, stored, duplicates, rejected;
    size_t alerts;
    char message[512]; /* first rejection or the failure */
} att_serve_ingest_result;

/* Ingest one document with the whole pipeline into the writer's store w.
 * kind: NULL to detect, "text", "html" or "warc".  Runs on the writer
 * thread.  Returns ATT_OK (even if the document was rejected: see r) or
 * the fatal status with r->message. */
typedef att_status (*att_serve_ingest_fn)(void *ctx, att_store *w, const char *name, const char *data, size_t len,
                                          const char *kind, att_serve_ingest_result *r);
/* A periodic writer job (e.g. one acquisition round of `follow`); runs on
 * the writer thread at start, then round_seconds after the previous one
 * ended (queued ingest jobs go first); non-OK is logged.  It should watch
 * the stop flag given to att_serve_run() to return promptly.  It puts
 * what it did in r (zeroed before the call): pages read (r->read) and new
 * articles stored (r->stored), which /metrics counts, and alerts raised. */
typedef att_status (*att_serve_round_fn)(void *ctx, att_store *w, att_serve_ingest_result *r, char *err,
                                         size_t errlen);

typedef struct att_serve_config {
    const char *db_path;
    const char *host;  /* numeric IPv4 or IPv6 address, e.g. "127.0.0.1" */
    unsigned port;     /* 0: any free port (printed at start) */
    const char *token; /* NULL: no token (loopback only, no ingest) */
    att_serve_ingest_fn ingest;
    void *ingest_ctx;
    att_serve_round_fn round; /* NULL: none */
    void *round_ctx;
    unsigned round_seconds;
    const struct att_lexicon *lexicon; /* for GDELT exports (countries vs groups); may be NULL */
    FILE *log; /* the start line and problems go here (stderr) */
} att_serve_config;

/* Split "ADDR:PORT", "[V6]:PORT" or ":PORT" into host (into hostbuf) and
 * port; 0 on success, -1 if it is not such an address. */
int att_serve_parse_listen(const char *spec, char *hostbuf, size_t hostlen, unsigned *port);
/* Whether a numeric address is a loopback one (127.0.0.0/8, ::1). */
int att_serve_is_loopback(const char *host);

/* Run the server until *stop is set (see above). */
att_status att_serve_run(const att_serve_config *cfg, volatile sig_atomic_t *stop, char *err, size_t errlen);

#endif
