/*
 * facts.h - what extraction found, stored beside the articles: actor
 * mentions, events, quotations and tone (schema migration 2), and read back
 * for the CLI and analysis.
 *
 * Ownership: rows passed to callbacks are valid only during the call.
 * Errors: ATT_ERR_DB with the SQLite message in err, ATT_ERR_NOMEM.
 */
#ifndef ATT_FACTS_H
#define ATT_FACTS_H

#include <stdint.h>

#include "../extract/extract.h"
#include "store.h"

/* Replace the facts of one article (call inside the article's transaction). */
att_status att_store_put_facts(att_store *s, int64_t article_id, const att_article *a,
                               const att_lexicon *lx, const att_extraction *x, char *err,
                               size_t errlen);

/* Delete every stored fact (before re-extraction). */
att_status att_store_clear_facts(att_store *s, char *err, size_t errlen);

typedef struct att_event_row {
    int64_t id, article_id;
    const char *date, *date_precision;
    att_actor_ref a1, a2;
    const char *cameo, *root;
    int quad;
    double goldstein;
    const char *location_name, *location_country;
    const char *modality;
    double confidence;
    const char *sentence;
    int64_t span[2];
    const char *url, *published, *ingested_at;
    double tone; /* the article's tone */
    int64_t num_articles, num_sources; /* copies of this event in its story (analysis) */
    int64_t dup_of;                    /* 0, or the canonical event this one repeats */
    const char *article_date_source;   /* the article's date_source (NULL: unknown) */
} att_event_row;

typedef struct att_event_filter {
    const char *from, *to; /* ISO dates, inclusive; NULL for open */
    const char *actor;     /* code or country code of either actor */
    const char *root;      /* CAMEO root "04" */
    int include_copies;    /* 0: only canonical events (copies in other articles of a story are counted, not listed) */
} att_event_filter;

typedef int (*att_event_cb)(void *ctx, const att_event_row *r);
att_status att_store_foreach_event(att_store *s, const att_event_filter *f, att_event_cb cb, void *ctx,
                                   char *err, size_t errlen);

typedef struct att_mention_row {
    int64_t article_id;
    att_actor_ref ref;
    int64_t mentions;
} att_mention_row;
typedef int (*att_mention_cb)(void *ctx, const att_mention_row *r);
att_status att_store_foreach_mention(att_store *s, att_mention_cb cb, void *ctx, char *err, size_t errlen);

typedef struct att_quote_row {
    int64_t id, article_id;
    att_actor_ref speaker;
    const char *quote, *sentence;
    int direct;
} att_quote_row;
typedef int (*att_quote_cb)(void *ctx, const att_quote_row *r);
att_status att_store_foreach_quote(att_store *s, att_quote_cb cb, void *ctx, char *err, size_t errlen);

#endif
