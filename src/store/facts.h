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
    /* (serve) further filters, 0/NULL when unused: */
    int quad;              /* 1-4: this quad class only */
    const char *modality;  /* this modality only ("asserted", ...) */
    const char *pair_b;    /* with actor: only events between actor and pair_b (either direction) */
    int64_t after_id;      /* keyset: rows after (after_date, after_id) in (date, id) order */
    const char *after_date; /* the previous row's date, NULL if it had none */
    int64_t limit;         /* at most this many rows */
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

/* Which quotations att_store_foreach_quote_f() reads (0/NULL: no filter). */
typedef struct att_quote_filter {
    const char *speaker;   /* speaker code or country code */
    int64_t article_id;    /* one article */
    int64_t after_article, after_id; /* keyset in (article, id) order */
    int64_t limit;
} att_quote_filter;
/* Quotations matching f (NULL: all), in (article, id) order. */
att_status att_store_foreach_quote_f(att_store *s, const att_quote_filter *f, att_quote_cb cb, void *ctx,
                                     char *err, size_t errlen);

#endif
