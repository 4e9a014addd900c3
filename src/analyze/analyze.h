/*
 * analyze.h - analysis maintained at ingest, inside each article's
 * transaction: story clustering (MinHash near-duplicates over recent
 * articles), event deduplication within a story (so counts mean events,
 * not copies; events carry num_articles and num_sources as GDELT's do),
 * dyad aggregates per day/week/month, and commitments.  After a batch,
 * att_analyzer_finish() runs the early-warning detectors over the dyads and
 * stories the batch touched and records (and delivers) new alerts.
 *
 * The analysis tables (stories, story_*, article_sigs, dyad_agg*, alerts,
 * commitments*) belong to this stage; their schema is migration 3 in
 * src/store/schema.c.
 *
 * Ownership: the analyzer borrows the store (which must outlive it).
 * Errors: ATT_ERR_DB with the SQLite message in err, ATT_ERR_NOMEM.
 */
#ifndef ATT_ANALYZE_H
#define ATT_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "../article/article.h"
#include "../store/store.h"
#include "alerts.h"
#include "minhash.h"

typedef struct att_analyzer att_analyzer;

/* A new analyzer.  The story signatures are the database's: each article
 * reads those of its block of days (and the blocks beside it) from
 * article_sigs when first needed, and again after another connection has
 * committed, so how the input is split into runs or processes does not
 * change the stories. */
att_status att_analyzer_open(att_store *s, att_analyzer **out, char *err, size_t errlen);
void att_analyzer_free(att_analyzer *an);

/* Analyze a stored article whose facts (events) are already stored. */
att_status att_analyze_article(att_analyzer *an, int64_t article_id, const att_article *a, char *err,
                               size_t errlen);

/* The part of an article's analysis that depends on the article alone:
 * its story signatures (MinHash and SimHash of title, lead and
 * paragraphs).  att_analyze_sign() touches no shared state, so parallel
 * ingest runs it in a worker thread; att_analyze_article_signed() is then
 * att_analyze_article() with those signatures (the same result).
 * att_analyze_sign() returns ATT_ERR_NOMEM when out of memory (the
 * signature is then unusable: pass it anyway, the writer reports it). */
typedef struct att_article_sig {
    att_status st; /* of the signing */
    att_minhash mh;
    uint64_t sim;
} att_article_sig;
att_status att_analyze_sign(const att_article *a, att_article_sig *out);
att_status att_analyze_article_signed(att_analyzer *an, int64_t article_id, const att_article *a,
                                      const att_article_sig *sig, char *err, size_t errlen);

/* Run the detectors over what this analyzer touched; new alerts are
 * stored and delivered per cfg (may be NULL for defaults, no delivery).
 * *n_new gets the number of new alerts. */
att_status att_analyzer_finish(att_analyzer *an, const att_alert_config *cfg, size_t *n_new, char *err,
                               size_t errlen);

/* The SELECT behind `attache dyads` / `attache timeline` (malloc'd; the
 * caller frees it; NULL on allocation failure).  Parameters: ?1 level
 * (0-2 directed day/week/month, 3-5 undirected), ?2 ?3 first and last
 * period, ?4 actor (when by_actor), ?5 ?6 the pair (when pair; undirected
 * pairs smaller code first), ?7 row limit.  Columns: a1, a2, period, n, q1,
 * q2, q3, q4, goldstein_sum, tone_sum, n_stories, ordered by a1, a2, period.
 * Every form is an index range: an actor on either side is two ranges
 * joined with UNION ALL (an OR over a1 and a2 would scan the table), and
 * every dyad is one range per dyad of the level's list (table dyad_list,
 * to which analysis adds a dyad with its first row of a day). */
char *att_dyad_sql(int by_actor, int pair);

/* Delete every analysis result (before re-extraction rebuilds them). */
att_status att_analysis_clear(att_store *s, char *err, size_t errlen);

/* Days since 1970-01-01 of an ISO date (any precision; missing parts = 1);
 * -1 if it cannot be parsed. */
int32_t att_day_of(const char *iso);
/* First day of the period containing day: level % 3 == 0 the day itself,
 * 1 its week (Monday), 2 its month (the 1st) - the periods of dyad_agg. */
int32_t att_period_start(int level, int32_t day);

/* ISO "YYYY-MM-DD" of a day number into out[11]. */
void att_day_iso(int32_t day, char out[11]);

#endif
