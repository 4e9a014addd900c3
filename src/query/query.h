/*
 * query.h - the read queries shared by the command line and the HTTP
 * server: one copy of the SQL that lists stories, alerts, commitments,
 * relation aggregates (dyads, timelines), actors, events and quotations.
 * Writers (ingest, analysis) stay in their own stages; this stage only
 * reads.
 *
 * Lists are paged by keyset: every row carries the values of its sort key
 * (key[]), and a caller that wants the next page passes the last row's key
 * back as `after` (NULL for the first page).  att_cursor_encode/decode turn
 * a key into the opaque text cursor the API hands out.  A limit of 0 means
 * "no limit".
 *
 * Ownership: rows passed to callbacks (and their strings) are valid only
 * during the call.  A callback returns non-zero to stop early.
 * Errors: ATT_ERR_DB with the SQLite message in err; ATT_ERR_NOTFOUND for
 * a single object that does not exist; ATT_ERR_USAGE for a bad argument
 * (message in err names it).
 * Thread safety: as the store's (one store per thread).
 */
#ifndef ATT_QUERY_H
#define ATT_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "../store/facts.h"
#include "../store/store.h"

/* Most key values a list's sort key has. */
#define ATT_KEY_MAX 3

/* A page request: after = the previous page's last key (n_after values),
 * or n_after 0 for the first page. */
typedef struct att_page {
    int64_t limit;
    int n_after;
    int64_t after[ATT_KEY_MAX];
} att_page;

/* Cursor text "k1.k2.k3" (negative values allowed) of n key values into
 * out (at least 80 bytes). */
void att_cursor_encode(const int64_t *key, int n, char *out, size_t outlen);
/* Parse a cursor of exactly n values into p->after; returns 0, or -1 if
 * text is not such a cursor. */
int att_cursor_decode(const char *text, int n, att_page *p);

/* ---- stories ---- */
typedef struct att_story_row {
    int64_t id;
    const char *title;                 /* "" if none */
    int32_t first_day, last_day;
    int64_t n_articles, n_sources, n_events;
    const char *article_ids;           /* comma-separated */
    int64_t key[3];                    /* (n_articles, last_day, id), biggest first */
} att_story_row;
typedef int (*att_story_cb)(void *ctx, const att_story_row *r);

/* Stories, most articles first (then latest, then id). */
att_status att_query_stories(att_store *s, const att_page *p, att_story_cb cb, void *ctx, char *err,
                             size_t errlen);
/* One story; ATT_ERR_NOTFOUND if there is none with this id. */
att_status att_query_story(att_store *s, int64_t id, att_story_cb cb, void *ctx, char *err,
                           size_t errlen);

/* ---- alerts ---- */
typedef struct att_alert_row {
    int64_t id;
    const char *kind, *actors; /* actors: codes separated by '|' */
    int32_t day;
    double score;
    const char *summary, *evidence; /* evidence: a JSON object's text */
    const char *created_at;
    int64_t key[2]; /* (day, id) */
} att_alert_row;
typedef int (*att_alert_cb)(void *ctx, const att_alert_row *r);

/* Alerts of day >= since_day (INT32_MIN for all), in (day, id) order. */
att_status att_query_alerts(att_store *s, int32_t since_day, const att_page *p, att_alert_cb cb,
                            void *ctx, char *err, size_t errlen);
/* Alerts with id > after_id in id order (the live stream). */
att_status att_query_alerts_after_id(att_store *s, int64_t after_id, int64_t limit, att_alert_cb cb,
                                     void *ctx, char *err, size_t errlen);
/* Largest alert id (0 if none) into *id. */
att_status att_query_max_alert_id(att_store *s, int64_t *id, char *err, size_t errlen);

/* ---- commitments ---- */
typedef struct att_commitment_row {
    int64_t id, article_id;
    const char *who, *who_name, *to_whom, *to_name, *cameo, *what, *due, *status;
    int32_t promised_day; /* INT32_MIN when unknown */
    int64_t key[2];       /* (promised_day, id) */
} att_commitment_row;
typedef int (*att_commitment_cb)(void *ctx, const att_commitment_row *r);
typedef struct att_commitment_link {
    int64_t article_id;
    const char *status, *sentence;
    int32_t day;
} att_commitment_link;
typedef int (*att_commitment_link_cb)(void *ctx, const att_commitment_link *r);

/* Commitments in (promised_day, id) order; actor (NULL for all): only those
 * whose promiser or promisee is this code; status likewise (open, kept...). */
att_status att_query_commitments(att_store *s, const char *actor, const char *status, const att_page *p,
                                 att_commitment_cb cb, void *ctx, char *err, size_t errlen);
/* The follow-up links of one commitment, in day order. */
att_status att_query_commitment_links(att_store *s, int64_t commitment_id, att_commitment_link_cb cb,
                                      void *ctx, char *err, size_t errlen);

/* ---- relation aggregates (dyads, timeline) ---- */
typedef struct att_dyad_query {
    int level;         /* 0 day, 1 week, 2 month */
    int undirected;    /* 1: pairs stored with the smaller code first */
    const char *actor; /* NULL, or every dyad of this actor */
    const char *a, *b; /* NULL, or this pair only (any order when undirected) */
    const char *from, *to; /* ISO dates of any precision, NULL for open */
    int64_t limit;
} att_dyad_query;
typedef struct att_dyad_row {
    const char *a1, *a2;
    int32_t period; /* first day of the period */
    int64_t n, q[4], stories;
    double goldstein_sum, tone_sum;
} att_dyad_row;
typedef int (*att_dyad_cb)(void *ctx, const att_dyad_row *r);

att_status att_query_dyads(att_store *s, const att_dyad_query *q, att_dyad_cb cb, void *ctx, char *err,
                           size_t errlen);

/* The pairs whose event count moved most between the `days` days that end
 * on the latest day with events and the `days` before (undirected, day
 * level), biggest change first.  r->n is the recent count, r->q[0] the
 * earlier count, r->period the first day of the recent window. */
att_status att_query_movers(att_store *s, int days, int64_t limit, att_dyad_cb cb, void *ctx, char *err,
                            size_t errlen);

/* The most active pairs over all time (undirected, month level summed),
 * most events first: r->period 0, r->n events, q[] quad counts. */
att_status att_query_top_pairs(att_store *s, int64_t limit, att_dyad_cb cb, void *ctx, char *err,
                               size_t errlen);

/* Events per country (either side) and their conflict share, over all
 * canonical events: r->a1 the country, r->n events, r->q[2]+q[3] conflict. */
att_status att_query_country_intensity(att_store *s, att_dyad_cb cb, void *ctx, char *err, size_t errlen);

/* ---- actors ---- */
typedef struct att_actor_row {
    const char *code, *name, *country, *type;
    int64_t articles, mentions;
} att_actor_row;
typedef int (*att_actor_cb)(void *ctx, const att_actor_row *r);

/* Every actor code with the number of articles and mentions, most
 * mentioned first; limit 0 = all. */
att_status att_query_actors(att_store *s, int64_t limit, att_actor_cb cb, void *ctx, char *err,
                            size_t errlen);
/* One actor (code as stored, or a country code): ATT_ERR_NOTFOUND if no
 * mention has it. */
att_status att_query_actor(att_store *s, const char *code, att_actor_cb cb, void *ctx, char *err,
                           size_t errlen);
/* Every actor mention, per article (the CLI's `actors`). */
att_status att_query_mentions(att_store *s, att_mention_cb cb, void *ctx, char *err, size_t errlen);

/* ---- events and quotations ---- */

/* Events matching f (see facts.h: dates, actor, root, quad, modality,
 * keyset after (date, id), limit), in (date, id) order. */
att_status att_query_events(att_store *s, const att_event_filter *f, att_event_cb cb, void *ctx,
                            char *err, size_t errlen);
/* Quotations matching f (facts.h), in (article, id) order. */
att_status att_query_quotes(att_store *s, const att_quote_filter *f, att_quote_cb cb, void *ctx,
                            char *err, size_t errlen);

/* ---- articles and search ---- */

/* Whether article id mentions actor (code or country code) - the search's
 * actor filter.  Returns 1, 0, or -1 on a database error. */
int att_query_article_has_actor(att_store *s, int64_t id, const char *actor);

/* How many events (canonical and copies) and actor mentions article id
 * has, into *events and *mentions. */
att_status att_query_article_counts(att_store *s, int64_t id, int64_t *events, int64_t *mentions, char *err,
                                    size_t errlen);

/* A read snapshot: the queries between att_query_snapshot_begin and
 * att_query_snapshot_end see the database as one moment (one read
 * transaction; a writer committing meanwhile is not seen).  end ends it
 * whatever happened in between (safe to call after a failed begin). */
att_status att_query_snapshot_begin(att_store *s, char *err, size_t errlen);
void att_query_snapshot_end(att_store *s);

/* Count of rows a one-number statement gives (e.g. "SELECT count(*) FROM
 * events"); sql must be a string literal.  -1 on error. */
int64_t att_query_count(att_store *s, const char *sql);

/* Store-wide totals for the dashboard, the demo and the metrics. */
typedef struct att_totals {
    int64_t articles, mentions, events, quotes, stories, commitments, alerts;
} att_totals;
att_status att_query_totals(att_store *s, att_totals *t, char *err, size_t errlen);

#endif
