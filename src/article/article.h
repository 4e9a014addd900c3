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
} att_article;

void att_article_init(att_article *a);
void att_article_free(att_article *a);

/* Setters copy their argument (n bytes, or strlen if n == (size_t)-1),
 * trimming and collapsing whitespace; an empty result stores NULL. */
att_status att_article_set(char **field, const char *s, size_t n);
att_status att_article_add_author(att_article *a, const char *s, size_t n);
att_status att_article_add_para(att_article *a, const char *s, size_t n, att_para_kind kind);

/* Number of body characters (bytes) - used to reject pages with no body. */
size_t att_article_body_bytes(const att_article *a);

/* Build an ISO date string from parts into out[20]; hour < 0 means none.
 * Returns ATT_ERR_FORMAT if the parts are not a real calendar date. */
att_status att_iso_date(char out[20], int year, int month, int day, int hour, int minute);

#endif
