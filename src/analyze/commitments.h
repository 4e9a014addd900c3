/*
 * commitments.h - statements of commitment or agreement ("cam kết",
 * "nhất trí", "thỏa thuận", "tuyên bố chung", "sẽ ... ký") become tracked
 * items (who, to whom, what, when promised); later articles that report
 * implementation, delay or reversal between the same parties are linked to
 * them and set their status (open, implemented, delayed, reversed).
 *
 * Works on the events stored for an article (so it runs after extraction,
 * inside the article's transaction).  Errors: ATT_ERR_DB, ATT_ERR_NOMEM.
 */
#ifndef ATT_COMMITMENTS_H
#define ATT_COMMITMENTS_H

#include <stdint.h>

#include "../article/article.h"
#include "../store/store.h"

att_status att_commitments_update(att_store *s, int64_t article_id, const att_article *a, int32_t day,
                                  char *err, size_t errlen);

/* Classify a sentence about an earlier commitment: 0 none, 1 implemented
 * (given an event of the same family), 2 delayed, 3 reversed.  Exposed for
 * tests.  root is the CAMEO root of the later event, realized its modality. */
int att_commitment_status_of(const char *sentence, const char *root, int realized, double overlap);

/* Is this sentence a commitment statement (keyword + cooperative root)? */
int att_is_commitment(const char *sentence, const char *root, int planned);

/* Jaccard overlap of the folded word sets of two texts. */
double att_word_overlap(const char *a, const char *b);

#endif
