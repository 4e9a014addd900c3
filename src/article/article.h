/*
 * article.h - the article record every extractor produces and the store
 * consumes: title, authors, publication date, lead, body paragraphs.
 *
 * Ownership: an att_article owns every string and array it points to.
 * Initialise with att_article_init(), release with att_article_free(); the
 * struct itself is the caller's.  All text is UTF-8 in NFC, whitespace-
 * trimmed, with runs of spaces collapsed to one.  Optional fields are NULL
 * when the page does not give them.
 */
#ifndef ATT_ARTICLE_H
#define ATT_ARTICLE_H

#include <stddef.h>

#include "../util/status.h"

typedef enum att_para_kind {
    ATT_PARA_TEXT = 0,    /* an ordinary body paragraph */
    ATT_PARA_HEADING = 1  /* a section heading inside the body */
} att_para_kind;

typedef struct att_para {
    char *text;
    att_para_kind kind;
} att_para;

/* Where an article's date comes from, best evidence first (docs/DATES.md):
 * the page itself, the URL, the feed or sitemap entry that listed it, the
 * WARC record's WARC-Date, the HTTP Last-Modified header; ATT_DATE_SRC_INGEST
 * when none of these gave one (published is then NULL and the article counts
 * only by the time it was read).  ATT_DATE_SRC_UNKNOWN: not recorded (rows
 * stored before date sources existed). */
typedef enum att_date_source {
    ATT_DATE_SRC_UNKNOWN = 0,
    ATT_DATE_SRC_PAGE,
    ATT_DATE_SRC_URL,
    ATT_DATE_SRC_FEED,
    ATT_DATE_SRC_WARC,
    ATT_DATE_SRC_HTTP,
    ATT_DATE_SRC_INGEST
} att_date_source;

typedef struct att_article {
    char *source;      /* where it came from: file path, "-" or WARC URI */
    char *url;         /* canonical URL if the page names one */
    char *title;
    char **authors;    /* n_authors strings */
    size_t n_authors;
    char *published;   /* ISO 8601: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" */
    char *lead;        /* the standfirst / sapo, site prefixes removed */
    att_para *paras;   /* body, in reading order, boilerplate removed */
    size_t n_paras;
    size_t paras_cap;  /* room in paras (grown geometrically by att_article_add_para) */
    att_date_source date_source; /* where published came from */
} att_article;

void att_article_init(att_article *a);
void att_article_free(att_article *a);

/* Setters copy their argument (n bytes, or strlen if n == (size_t)-1),
 * trimming and collapsing whitespace; an empty result stores NULL. */
att_status att_article_set(char **field, const char *s, size_t n);
att_status att_article_add_author(att_article *a, const char *s, size_t n);
att_status att_article_add_para(att_article *a, const char *s, size_t n, att_para_kind kind);

/* "page", "url", "feed", "warc", "http", "ingest"; NULL for UNKNOWN. */
const char *att_date_source_name(att_date_source s);
/* The inverse of att_date_source_name; UNKNOWN for NULL or anything else. */
att_date_source att_date_source_parse(const char *name);
/* Precision of a->published: "minute" ("YYYY-MM-DDTHH:MM"), "day"
 * ("YYYY-MM-DD"); NULL when published is NULL. */
const char *att_article_date_precision(const att_article *a);

/* Number of body characters (bytes) - used to reject pages with no body. */
size_t att_article_body_bytes(const att_article *a);

/* Build an ISO date string from parts into out[20]; hour < 0 means none.
 * Returns ATT_ERR_FORMAT if the parts are not a real calendar date. */
att_status att_iso_date(char out[20], int year, int month, int day, int hour, int minute);

#endif
