/*
 * follow.h - the crawler's round: fetch every due source (feed, sitemap,
 * page, URL list), remember the pages it lists, fetch the new ones
 * politely (fetch.h), archive every response (warc_write.h) and hand each
 * page to the ingest pipeline with the feed's title and date as hints.
 *
 * A round:
 *   1. sources whose next_due has come are fetched with conditional GET
 *      (ETag / Last-Modified); a 304, or a 200 whose body hashes (SHA-256)
 *      as last time, is "unchanged";
 *   2. a changed body is parsed (feed.h); its kind is remembered; feeds an
 *      HTML page announces, the Sitemap: lines of its host's robots.txt and
 *      the child sitemaps of an index become sources of their own
 *      (discovered, fetched in the same round);
 *   3. every listed URL is normalized (url.h, ATT_URL_KEY) and looked up in
 *      the seen-URL table; a new one older than max_age days is counted and
 *      left alone (not remembered: a later run with a larger max_age may
 *      take it), the others are recorded, fetched, then marked done; pages
 *      left pending by an interrupted round are fetched first;
 *   4. each source's health is written back: last fetch, status, error,
 *      items seen, new articles, consecutive failures, and next_due from
 *      its interval - adaptive (halved, at least 5 min, when the source had
 *      new items; times 1.5, at most 24 h, when not) unless fixed with
 *      --every - or, after failures, from an exponential backoff (interval
 *      * 2^failures, at most 24 h): a failing source is retried rarely,
 *      never dropped.
 *
 * Safety: a page link is allowed to reach a loopback/private/link-local
 * address only when it is on the same host as its source, or its source
 * itself answered from such an address; sources added by hand may be
 * anywhere.  Feeds are limited to max_feed_bytes and max_items items.
 *
 * Messages: one line per failure ("URL: reason") through the log callback.
 *
 * Ownership: the follower borrows the store; the ingester passed to a
 * round is the caller's.  Errors: ATT_ERR_DB (fatal: the round stops),
 * ATT_ERR_IO (archive not writable), ATT_ERR_NOMEM, with a message in err.
 */
#ifndef ATT_FOLLOW_H
#define ATT_FOLLOW_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "../ingest/ingest.h"
#include "../store/store.h"
#include "fetch.h"

typedef struct att_follow_opts {
    att_fetch_opts fetch;     /* politeness and HTTP limits */
    const char *archive_dir;  /* WARC directory, NULL for none */
    size_t archive_max_bytes; /* WARC file rotation size (0: 1 GiB) */
    int max_age_days;         /* items older are skipped on first sight; 0 = no limit */
    size_t max_items;         /* items taken from one feed (default 50,000) */
    size_t max_feed_bytes;    /* feed/sitemap body limit (default 16 MiB) */
    size_t max_pages;         /* page fetches per round (default 100,000) */
    int all_due;              /* the first round fetches every source, whatever its next_due */
} att_follow_opts;

/* Fill o with the defaults (att_fetch_opts_default, max_age 30 days, ...). */
void att_follow_opts_default(att_follow_opts *o);

typedef struct att_follow_stats {
    size_t sources;          /* sources fetched this round */
    size_t sources_failed;   /* ... that failed (HTTP error, network, broken feed) */
    size_t unchanged;        /* ... that were unchanged (304 or same content hash) */
    size_t discovered;       /* sources added by discovery */
    size_t items_new;        /* page URLs seen for the first time (and fetched) */
    size_t skipped_old;      /* new page URLs older than max_age, not fetched */
    size_t pages;            /* pages fetched (a response arrived) */
    size_t pages_failed;     /* page fetches that failed */
    size_t disallowed;       /* pages not fetched: robots.txt */
    size_t deferred;         /* pages left for a later round */
    size_t articles_new;     /* new articles stored */
    size_t archived;         /* WARC records written */
    size_t requests;         /* HTTP requests made (robots.txt included) */
} att_follow_stats;

typedef void (*att_follow_log)(void *ctx, const char *msg);

typedef struct att_follower att_follower;

att_status att_follower_new(att_store *s, const att_follow_opts *o, att_follow_log log, void *log_ctx,
                            att_follower **out, char *err, size_t errlen);
void att_follower_free(att_follower *f);

/* One round over the sources due now, storing pages through g.  Stops
 * early (finishing transfers in progress) when *stop becomes non-zero. */
att_status att_follow_round(att_follower *f, att_ingester *g, volatile sig_atomic_t *stop,
                            att_follow_stats *stats, char *err, size_t errlen);

/* The earliest next_due among the sources (unix time), or 0 if there are
 * none; pages pending count as due now. */
int64_t att_follow_next_due(att_follower *f);

/* Install SIGINT/SIGTERM handlers that set the returned flag (the first
 * signal asks to stop; the default action is restored so a second one
 * ends the program at once). */
volatile sig_atomic_t *att_follow_catch_signals(void);

#endif
