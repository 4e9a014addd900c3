/*
 * feed.h - what a source's document lists: parse RSS 2.0, RSS 1.0 (RDF),
 * Atom, sitemaps, sitemap indexes (news sitemaps with
 * news:publication_date), plain URL lists and HTML pages into items
 * {url, title, date}.  The kind is found from the content (root element,
 * HTML or text), not trusted from the Content-Type.
 *
 * XML is parsed by libxml2 without network access and without entity
 * substitution; a document declaring entities in its DTD is refused (no
 * external entities, no billion-laughs expansion); its
 * declared encoding is honoured (windows-1258 included) and text comes out
 * as NFC UTF-8.  Relative links are resolved against the document URL
 * (Atom's xml:base and HTML's <base href> respected) and normalized with
 * att_url_normalize (tracking parameters removed); items whose link is not
 * http(s) are dropped, duplicates within one document are kept once.
 *
 * An HTML page yields the feeds it announces (<link rel="alternate"
 * type="application/rss+xml|atom+xml|rdf+xml">) in `feeds`, and its links
 * to pages of the same host as items.  A sitemap index yields its child
 * sitemaps in `feeds`.
 *
 * A gzip-compressed document (sitemap.xml.gz, served as a file rather
 * than with Content-Encoding) is inflated first, to at most
 * ATT_FEED_MAX_INFLATED bytes.
 *
 * Limits: at most max_items items (the rest is counted in n_dropped);
 * the document's size is limited by the caller (the fetcher).
 *
 * Ownership: att_feed_parse fills a caller-provided att_feed that must be
 * released with att_feed_free (also after an error).  Errors:
 * ATT_ERR_FORMAT with a one-line reason in err (broken XML with its line,
 * not a feed/sitemap/list/page), ATT_ERR_NOMEM.
 */
#ifndef ATT_FEED_H
#define ATT_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

/* Largest size a gzip-compressed feed or sitemap may inflate to. */
#define ATT_FEED_MAX_INFLATED ((size_t)64 << 20)

typedef enum att_feed_kind {
    ATT_FEED_UNKNOWN = 0,
    ATT_FEED_RSS,          /* RSS 0.9x/2.0 */
    ATT_FEED_RDF,          /* RSS 1.0 */
    ATT_FEED_ATOM,
    ATT_FEED_SITEMAP,      /* <urlset>, news sitemaps included */
    ATT_FEED_SITEMAPINDEX, /* <sitemapindex> */
    ATT_FEED_URLS,         /* text, one URL per line */
    ATT_FEED_HTML          /* an HTML page */
} att_feed_kind;

typedef struct att_feed_item {
    char *url;      /* normalized, absolute */
    char *title;    /* NFC UTF-8 or NULL */
    char *date;     /* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" as written (local time), or NULL */
    int64_t epoch;  /* the date in seconds since 1970 UTC (offset applied); 0 if none */
} att_feed_item;

typedef struct att_feed {
    att_feed_kind kind;
    att_feed_item *items;
    size_t n_items;
    size_t n_dropped;  /* items past max_items or with unusable links */
    char **feeds;      /* discovered feeds (HTML) or child sitemaps (index) */
    size_t n_feeds;
} att_feed;

/* Parse data[0..len) fetched from url.  content_type (may be NULL) only
 * helps tell HTML from text. */
att_status att_feed_parse(const char *data, size_t len, const char *url, const char *content_type,
                          size_t max_items, att_feed *out, char *err, size_t errlen);

void att_feed_free(att_feed *f);

/* Static lower-case name of a kind: "rss", "rdf", "atom", "sitemap",
 * "sitemapindex", "urls", "html", "unknown". */
const char *att_feed_kind_str(att_feed_kind k);

/* Parse a date as feeds write them - RFC 822/1123 ("Mon, 02 Jun 2024
 * 10:15:00 +0700", also "GMT" and US zone names) or ISO 8601/W3C-DTF
 * ("2024-06-02", "2024-06-02T10:15:00+07:00", "...Z") - into iso (the
 * local date and time as written, "YYYY-MM-DD[THH:MM]") and *epoch (UTC).
 * Returns 0 on success, -1 if s is not such a date. */
int att_feed_date(const char *s, char iso[20], int64_t *epoch);

#endif
