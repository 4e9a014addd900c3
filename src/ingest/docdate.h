/*
 * docdate.h - an article's date from the best evidence there is
 * (docs/DATES.md): the page (what the extractor found), else the URL
 * ("/2024/03/24/", "-20240324...", "/20240324/", "?date=2024-03-24"), else
 * the feed or sitemap entry that listed the page, else the WARC record's
 * WARC-Date, else the HTTP Last-Modified header; and only then the ingest
 * time (published stays NULL, date_source ATT_DATE_SRC_INGEST: the article
 * is not placed in time).
 *
 * Timestamps with a zone (WARC-Date, Last-Modified, feed dates in UTC or
 * with an offset) are converted to Vietnam's time (UTC+7), the zone the
 * pages' own dates are written in; a timestamp without a zone is taken as
 * it is.
 *
 * Ownership: strings are borrowed; nothing is retained.  Pure functions,
 * thread-safe.
 */
#ifndef ATT_DOCDATE_H
#define ATT_DOCDATE_H

#include "../article/article.h"

/* What is known about a document's date from outside its text; any field
 * may be NULL. */
typedef struct att_date_evidence {
    const char *url;  /* the document's URL when the article names none */
    const char *feed; /* the feed/sitemap entry's date (pubDate, published, updated, lastmod) */
    const char *warc; /* the WARC record's WARC-Date */
    const char *http; /* the HTTP response's Last-Modified */
} att_date_evidence;

/* A calendar date written in a URL: path segments "/YYYY/MM/DD/",
 * "/YYYY-MM-DD/", "/YYYYMMDD/", a run of 8 to 17 digits starting with
 * YYYYMMDD after '-' or '_' ("...-20201001171412997.htm"), or a query
 * parameter "date=YYYY-MM-DD" / "date=YYYYMMDD".  Years 1990-2100, real
 * calendar days.  Returns 1 and writes "YYYY-MM-DD" into iso, else 0. */
int att_date_from_url(const char *url, char iso[20]);

/* A timestamp: ISO 8601 ("2024-03-24", "2024-03-24T10:00:00Z",
 * "2024-03-24 10:00:00+07:00", "20240324103000") or an HTTP/RSS date
 * ("Sun, 24 Mar 2024 10:00:00 GMT", "Sunday, 24-Mar-24 10:00:00 GMT",
 * "Sun Mar 24 10:00:00 2024", "24 Mar 2024 10:00 +0700").  Writes
 * "YYYY-MM-DDTHH:MM" (or "YYYY-MM-DD" without a time) in UTC+7 when the
 * stamp has a zone.  Returns 1 on success, 0 if s is not a timestamp. */
int att_date_parse_stamp(const char *s, char iso[20]);

/* Give a its date and date_source from the evidence, best first: a date
 * the page gave (a->published already set: PAGE), the URL (a->url, else
 * ev->url), ev->feed, ev->warc, ev->http; with none, published stays NULL
 * and date_source is INGEST.  ev may be NULL.  ATT_OK or ATT_ERR_NOMEM. */
att_status att_article_resolve_date(att_article *a, const att_date_evidence *ev);

#endif
