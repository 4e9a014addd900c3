/*
 * sources.h - the follow stage's tables (schema migration "follow"): the
 * sources attache polls, with their HTTP validators and health, and the
 * seen-URL table that keeps a page from being fetched twice and keeps the
 * pages found but not fetched yet (pending) across rounds and restarts.
 *
 * Writes run on the store's connection in whatever transaction is open
 * (the ingester's batch, during a follow round) or in autocommit.
 *
 * Ownership: att_source / att_seen_page arrays returned here are the
 * caller's, released with att_sources_free / att_seen_free (after an error
 * too: they then hold the rows read so far).
 * Errors: ATT_ERR_DB with the SQLite message in err, ATT_ERR_NOTFOUND,
 * ATT_ERR_NOMEM.
 */
#ifndef ATT_SOURCES_H
#define ATT_SOURCES_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct att_source {
    int64_t id;
    char *url, *name;
    char *kind;      /* auto|feed|sitemap|page|urls (as added) */
    char *detected;  /* what the content turned out to be (att_feed_kind_str), or NULL */
    int every_min;   /* fixed polling interval in minutes; 0 = adaptive */
    int64_t interval_s; /* the adaptive interval */
    int64_t parent_id;  /* discovered from this source; 0 if added by hand */
    char *etag, *last_modified, *content_hash;
    int64_t last_fetch;  /* unix time; 0 = never */
    int last_status;     /* HTTP status of the last fetch; 0 = none */
    char *last_error;    /* reason of the last failure, NULL after a success */
    int64_t items_seen, new_articles, failures, next_due, added_at;
} att_source;

/* Add a source.  kind NULL means "auto"; every_min 0 adaptive.  If url is
 * already a source nothing changes, *was_new = 0 and *id is its id. */
att_status att_sources_add(att_store *s, const char *url, const char *name, const char *kind, int every_min,
                           int64_t parent_id, int64_t now, int64_t *id, int *was_new, char *err,
                           size_t errlen);

/* Remove the source whose id (decimal) or URL is key, and its pending
 * pages; ATT_ERR_NOTFOUND if none.  Pages already seen stay remembered. */
att_status att_sources_remove(att_store *s, const char *key, char *err, size_t errlen);

/* Every source (due_before <= 0) or those with next_due <= due_before,
 * in id order. */
att_status att_sources_list(att_store *s, int64_t due_before, att_source **out, size_t *n, char *err,
                            size_t errlen);

/* Write back a source's state fields (detected, interval, validators,
 * health, next_due). */
att_status att_sources_update(att_store *s, const att_source *src, char *err, size_t errlen);

void att_sources_free(att_source *v, size_t n);

/* Date sources a pending page may carry (stored as the integer). */
typedef enum att_seen_date_source {
    ATT_SEEN_DATE_NONE = 0,
    ATT_SEEN_DATE_FEED = 1,    /* the feed item's date */
    ATT_SEEN_DATE_SITEMAP = 2  /* the sitemap's lastmod / news:publication_date */
} att_seen_date_source;

/* Remember url (normalized key; fetch_url the URL to request, NULL if the
 * same) found in source_id.  skip_status != 0 records it as done without
 * fetching (that status).
 * *was_new = 0 if it was already known (nothing changes). */
att_status att_seen_add(att_store *s, const char *url, const char *fetch_url, int64_t source_id,
                        const char *title, const char *date,
                        att_seen_date_source date_source, int skip_status, int64_t now, int *was_new,
                        char *err, size_t errlen);

typedef struct att_seen_page {
    char *url;       /* the key */
    char *fetch_url; /* what to request */
    char *title, *date;
    att_seen_date_source date_source;
    int64_t source_id;
    int tries;
} att_seen_page;

/* Pending pages (found, not fetched), oldest first, at most limit. */
att_status att_seen_pending(att_store *s, size_t limit, att_seen_page **out, size_t *n, char *err,
                            size_t errlen);

/* Record the fetch of url: final != 0 marks it done (status, article_id
 * 0 if none); final == 0 counts a try and leaves it pending. */
att_status att_seen_done(att_store *s, const char *url, int status, int64_t article_id, int final, int64_t now,
                         char *err, size_t errlen);

/* Group the writes of one feed's items: begin (SAVEPOINT: inside the open
 * transaction if there is one, else a transaction of its own) or end
 * (RELEASE).  One commit per feed instead of one per item. */
att_status att_seen_batch(att_store *s, int begin, char *err, size_t errlen);

/* Is url (normalized key) known? 1 yes, 0 no, -1 database error. */
int att_seen_known(att_store *s, const char *url);

/* Count of seen URLs: all (pending_only = 0) or pending ones. */
int64_t att_seen_count(att_store *s, int pending_only);

void att_seen_free(att_seen_page *v, size_t n);

#endif
