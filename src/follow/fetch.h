/*
 * fetch.h - a polite HTTP fetcher on libcurl's multi interface.
 *
 * Requests are queued per host (origin: scheme, host, port).  Several
 * hosts are fetched in parallel, each over at most one connection and one
 * request at a time, with at least `delay` seconds (or the host's
 * robots.txt Crawl-delay, capped at 60 s, if larger) between the end of one
 * request and the start of the next.  Before the first request to a host
 * its /robots.txt is fetched (cached for 24 h) and every request is checked
 * against it for the robots agent; a disallowed URL is never requested.
 *
 * Errors back off per host: after a network error, timeout or 5xx the next
 * request to that host waits delay + 0.5 s * 2^(errors-1) (at most 60 s);
 * after 5 consecutive errors the rest of the host's queue is deferred.  A
 * 429 or 503 with Retry-After blocks the host that long: when the wait is
 * at most max_retry_wait the request is retried once after it, otherwise
 * the host's queue is deferred.
 *
 * Each transfer: http and https only (redirects too), at most
 * max_redirects redirects - each hop queued on its host like a request of
 * its own, so robots.txt, the delay and the address check apply to it - gzip/deflate/br accepted and decoded, connect
 * and total timeouts, bodies larger than max_body refused, conditional
 * GET with the validators given.  Addresses are checked as curl opens each
 * socket (after DNS and after every redirect): loopback, private,
 * link-local and reserved addresses are refused unless the request has
 * allow_internal set.
 *
 * The done callback runs from att_fetcher_run (never from inside curl),
 * once per request added, and may add new requests.  Pointers in the
 * result are valid during the call only.
 *
 * Ownership: att_fetcher_new returns a fetcher freed by att_fetcher_free;
 * att_fetcher_add copies the request.  Errors: ATT_ERR_NOMEM, ATT_ERR_IO
 * (curl could not be initialised) with a message in err.
 */
#ifndef ATT_FETCH_H
#define ATT_FETCH_H

#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "../util/status.h"
#include "robots.h"

typedef enum att_fetch_outcome {
    ATT_FETCH_OK = 0,     /* an HTTP response arrived (any status: check status) */
    ATT_FETCH_ROBOTS,     /* disallowed by robots.txt: not requested */
    ATT_FETCH_REFUSED,    /* refused: internal address or not http(s) */
    ATT_FETCH_TOOBIG,     /* body larger than the limit */
    ATT_FETCH_TIMEOUT,    /* connect or total timeout */
    ATT_FETCH_REDIRECTS,  /* too many redirects */
    ATT_FETCH_NETWORK,    /* DNS, connection, TLS or protocol error */
    ATT_FETCH_DEFERRED    /* not attempted now: host failing, waiting, robots.txt unavailable, stopping */
} att_fetch_outcome;

typedef struct att_fetch_req {
    const char *url;           /* absolute, normalized */
    const char *etag;          /* If-None-Match, or NULL */
    const char *last_modified; /* If-Modified-Since, or NULL */
    size_t max_body;           /* 0: the fetcher's default */
    int allow_internal;        /* may connect to loopback/private/link-local addresses */
    void *user;                /* passed back in the result */
} att_fetch_req;

typedef struct att_fetch_result {
    const char *url;           /* as requested (before any redirect) */
    void *user;
    att_fetch_outcome outcome;
    long status;               /* final HTTP status; 0 if none */
    const char *error;         /* one-line reason when outcome != OK or status >= 400; else NULL */
    const char *final_url;     /* the URL that gave this response (after redirects) */
    const char *body;          /* decoded body (NUL-terminated) */
    size_t len;
    const char *content_type, *etag, *last_modified; /* response headers or NULL */
    const char *req_head;      /* the last request as sent (keep_request), else NULL */
    size_t req_head_len;
    const char *resp_head;     /* the final response's status line and headers */
    size_t resp_head_len;
    const char *redirect;      /* a 3xx's target (for on_other), else NULL */
    const char *ip;            /* server address or NULL */
    int internal;              /* the server address is loopback/private/link-local */
    time_t when;               /* when the response arrived */
} att_fetch_result;


typedef void (*att_fetch_cb)(void *ctx, const att_fetch_result *r);

typedef struct att_fetch_opts {
    const char *user_agent;   /* User-Agent header */
    const char *robots_agent; /* product token looked up in robots.txt */
    double delay;             /* seconds between requests to one host (default 1) */
    long connect_timeout;     /* seconds (default 10) */
    long timeout;             /* seconds per transfer (default 30) */
    size_t max_body;          /* default body limit (default 8 MiB) */
    long max_redirects;       /* default 5 */
    int max_hosts;            /* hosts in parallel (default 8) */
    double max_retry_wait;    /* longest Retry-After waited for in a run (default 60 s) */
    int keep_request;         /* fill req_head with the request as sent (costs curl's
                                 verbose mode: set it only when archiving) */
    att_fetch_cb on_other;    /* if set, called (with the done callback's ctx) with every
                                 response that is not a request's final one: robots.txt
                                 and each redirect (3xx) on the way */
} att_fetch_opts;

typedef struct att_fetcher att_fetcher;

/* Fill o with the defaults above. */
void att_fetch_opts_default(att_fetch_opts *o);

att_status att_fetcher_new(const att_fetch_opts *o, att_fetch_cb cb, void *ctx, att_fetcher **out, char *err,
                           size_t errlen);
void att_fetcher_free(att_fetcher *f);

/* Queue a request (copied). */
att_status att_fetcher_add(att_fetcher *f, const att_fetch_req *r);

/* Run until every queued request is done (callbacks included) or *stop
 * becomes non-zero; then transfers in progress are finished (bounded by the
 * timeout) and requests not started are dropped without a callback.
 * Returns ATT_OK, or ATT_ERR_NOMEM / ATT_ERR_IO if curl failed. */
att_status att_fetcher_run(att_fetcher *f, volatile sig_atomic_t *stop, char *err, size_t errlen);

/* The robots.txt rules known for url's host (NULL if not fetched yet or
 * unavailable); valid until the next run. */
const att_robots *att_fetcher_robots(att_fetcher *f, const char *url);

/* HTTP requests sent so far (robots.txt included). */
size_t att_fetcher_requests(const att_fetcher *f);

/* Static name of an outcome ("ok", "robots", ...). */
const char *att_fetch_outcome_str(att_fetch_outcome o);

#endif
