/*
 * ingest.h - turn input files into stored articles.
 *
 * An ingester walks paths (files, directories recursively in name order,
 * "-" for standard input), detects each input's kind (plain text, HTML,
 * WARC, by name and content), converts it to NFC UTF-8, extracts the
 * article and stores it.  Articles are written in batches, one transaction
 * per batch, so an interruption never leaves half an article; re-ingesting
 * the same content is a no-op (content hash).
 *
 * A bad input (binary, invalid UTF-8, empty, unreadable, malformed WARC or
 * gzip, no article text) is reported through the reject callback with a
 * one-line message naming it, counted, and skipped; the other inputs go on.
 * Only database failures are fatal (ATT_ERR_DB): the open batch is rolled
 * back and nothing already committed is touched.
 *
 * Ownership: the ingester borrows the store (which must outlive it); free
 * it with att_ingester_free() after att_ingester_finish().
 */
#ifndef ATT_INGEST_H
#define ATT_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../article/article.h"
#include "../store/store.h"

typedef struct att_ingest_stats {
    uint64_t read;       /* documents read (a WARC file counts its HTML responses) */
    uint64_t stored;     /* new articles stored */
    uint64_t duplicates; /* documents whose article was already stored */
    uint64_t rejected;   /* inputs or documents rejected */
    uint64_t skipped;    /* files in directories that are not article inputs */
    uint64_t bytes;      /* input bytes read */
} att_ingest_stats;

typedef struct att_ingester att_ingester;

/* Called with one-line messages "PATH: problem" for every rejected input. */
typedef void (*att_reject_cb)(void *ctx, const char *msg);
/* Called after a new article is stored, inside the batch transaction, so
 * later stages (extraction) can add rows atomically with the article.
 * A non-OK return is fatal for the batch. */
typedef att_status (*att_article_hook)(void *ctx, att_store *s, int64_t id, const att_article *a,
                                       char *err, size_t errlen);

/* Optional split of the per-article work for parallel ingest
 * (att_ingester_jobs): prepare runs in a worker thread for each extracted
 * article, before it is stored, and may return a payload (NULL allowed);
 * it must only read shared state.  store then runs in the writer thread,
 * in input order, inside the batch transaction, for each NEW article, with
 * that payload; release frees a payload (also for duplicates and after
 * errors).  When set, these replace att_ingester_on_article's hook. */
typedef void *(*att_prepare_hook)(void *ctx, const att_article *a);
typedef att_status (*att_prepared_hook)(void *ctx, att_store *s, int64_t id, const att_article *a, void *payload,
                                        char *err, size_t errlen);
typedef void (*att_release_hook)(void *ctx, void *payload);

att_status att_ingester_new(att_store *s, att_ingester **out);
void att_ingester_free(att_ingester *g);

void att_ingester_on_reject(att_ingester *g, att_reject_cb cb, void *ctx);
void att_ingester_on_article(att_ingester *g, att_article_hook cb, void *ctx);
void att_ingester_on_prepared(att_ingester *g, att_prepare_hook prepare, att_prepared_hook store,
                              att_release_hook release, void *ctx);
/* Decode and extract documents in n worker threads (default 1: all in the
 * caller's thread).  With n > 1 each document is copied and queued; the
 * caller's thread stores the results strictly in input order, so the rows,
 * ids and messages are those of n = 1.  A document's rejection or storing
 * may then happen after att_ingest_path/att_ingest_memory returns, at the
 * latest in att_ingester_finish(), which waits for every queued document.
 * Memory: at most 2n + 2 documents are queued at once. */
void att_ingester_jobs(att_ingester *g, int n);
/* Print a progress line to tty (e.g. stderr when it is a terminal). */
void att_ingester_progress(att_ingester *g, FILE *tty);
/* Articles per transaction (default 1,024). */
void att_ingester_batch(att_ingester *g, size_t n);

/* Ingest one path.  Returns ATT_OK even if inputs were rejected (see the
 * stats); ATT_ERR_DB (message in err) if the database failed. */
att_status att_ingest_path(att_ingester *g, const char *path, char *err, size_t errlen);

/* Ingest an in-memory document.  kind_hint: NULL to detect, or "text",
 * "html", "warc".  name is used as the source and in messages. */
att_status att_ingest_memory(att_ingester *g, const char *name, const char *data, size_t len,
                             const char *kind_hint, char *err, size_t errlen);

/* Where a fetched page's publication date came from, best first: the page
 * itself, the feed item or the sitemap entry that listed it, the HTTP
 * Last-Modified header.  The fetch day is never used.  (The article's own
 * date_source, article.h, says "feed" for FEED and SITEMAP and "http" for
 * HTTP.) */
typedef enum att_hint_source {
    ATT_HINT_NONE = 0,
    ATT_HINT_PAGE,    /* the page's own date (extraction) or its URL */
    ATT_HINT_FEED,    /* the RSS/Atom/RDF item's date */
    ATT_HINT_SITEMAP, /* the sitemap's news:publication_date or lastmod */
    ATT_HINT_HTTP     /* the response's Last-Modified */
} att_hint_source;

/* What the crawler knows about a fetched page besides its bytes.  Every
 * field may be NULL. */
typedef struct att_ingest_hints {
    const char *url;           /* the fetched URL: the article's source (and url if the page names none) */
    const char *content_type;  /* HTTP Content-Type (its charset is honoured) */
    const char *title;         /* the feed item's title: used when the page has none */
    const char *date;          /* ISO date from the feed or sitemap: used when the page has none */
    att_hint_source date_source; /* ATT_HINT_FEED or ATT_HINT_SITEMAP for date */
    const char *http_date;     /* ISO date from Last-Modified: used when neither has one */
} att_ingest_hints;

/* Use h for the documents that att_ingest_memory/att_ingest_path read from
 * now on (until the next call; NULL clears it), as att_ingest_fetched does
 * for its one page (docs/DATES.md): h->url names a document whose input
 * does not, h->date (with h->date_source) and h->http_date date it when
 * neither the page nor its URL does, h->title titles it when it has none.
 * A WARC record's own WARC-Date and Last-Modified come from the record.
 * Borrowed: h and its strings must stay valid until they are replaced or
 * cleared (queued documents copy what they need). */
void att_ingester_set_hints(att_ingester *g, const att_ingest_hints *h);

/* Ingest one fetched HTML page (data[0..len)) named h->url, with the
 * hints above, as att_ingest_memory does with a "html" hint, at once (the
 * documents queued before it are finished first).  *article_id (if
 * non-NULL) gets the id of the stored article (new or the existing
 * duplicate) or 0 if the page was rejected; *date_source (if non-NULL)
 * where its date came from.  Errors as att_ingest_memory. */
att_status att_ingest_fetched(att_ingester *g, const char *data, size_t len, const att_ingest_hints *h,
                              int64_t *article_id, att_hint_source *date_source, char *err, size_t errlen);

/* Static name of a hint source ("none", "page", "feed", "sitemap",
 * "http"), and back (unknown names: ATT_HINT_NONE). */
const char *att_hint_source_str(att_hint_source d);
att_hint_source att_hint_source_parse(const char *s);

/* The running totals (as att_ingester_finish would return them). */
void att_ingester_stats(const att_ingester *g, att_ingest_stats *stats);

/* Commit the open batch now, if there is one (a caller that waits between
 * documents - the crawler - keeps the database's write lock short this
 * way); the ingester goes on with a new batch. */
att_status att_ingester_commit(att_ingester *g, char *err, size_t errlen);

/* Commit the open batch and return the totals. */
att_status att_ingester_finish(att_ingester *g, att_ingest_stats *stats, char *err, size_t errlen);

/* Limit on one document's size (text or HTML, or one WARC record). */
#define ATT_MAX_DOCUMENT ((size_t)32 << 20)

#endif
