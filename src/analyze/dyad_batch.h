/*
 * dyad_batch.h - the dyad aggregates of one write transaction, added up in
 * memory and written once per row at COMMIT (analysis stage, internal).
 *
 * Every event counts in six rows of dyad_agg (directed and undirected, by
 * day, week and month) and in as many (row, story) pairs of
 * dyad_agg_stories; upserting them per event was half of ingest's time
 * with analysis.  Within a transaction of 1,024 articles most of those
 * rows repeat (a dyad's week and month rows above all), so the batch keeps
 * one entry per row with its sums and the stories seen, and att_dyad_batch_
 * flush() writes each row and pair once: the same table contents as
 * writing per event (sums may differ in the last bits of a double, being
 * added in another order).
 *
 * Ownership: the batch owns its memory; att_dyad_batch_free() releases it.
 * Errors: ATT_ERR_NOMEM from add; ATT_ERR_DB (SQLite's message in err) from
 * flush, which leaves the batch as it was so that the caller can roll the
 * transaction back and clear it.
 */
#ifndef ATT_DYAD_BATCH_H
#define ATT_DYAD_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

typedef struct att_dyad_batch att_dyad_batch;

att_dyad_batch *att_dyad_batch_new(void);
void att_dyad_batch_free(att_dyad_batch *b);

/* One event of pair a1 -> a2 (codes of at most 15 bytes) on day, with its
 * quad class (1-4), Goldstein weight, article tone and story. */
att_status att_dyad_batch_add(att_dyad_batch *b, const char *a1, const char *a2, int32_t day, int quad,
                              double goldstein, double tone, int64_t story);

/* Write every pending row and pair (in the order they were first added),
 * and the dyads new to dyad_list, then empty the batch. */
att_status att_dyad_batch_flush(att_dyad_batch *b, att_store *s, char *err, size_t errlen);

/* Forget every pending row (after a rollback). */
void att_dyad_batch_clear(att_dyad_batch *b);

/* Pending rows (for tests). */
size_t att_dyad_batch_pending(const att_dyad_batch *b);

#endif
