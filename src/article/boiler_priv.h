/*
 * boiler_priv.h - what the files of the boilerplate signals share
 * (internal to boiler*.c): the text helpers and the label keys.
 *
 *   boiler_text.c     spaces, letters, counts, sentence ends; label keys
 *   boiler.c          the line classifiers and their word lists (widgets,
 *                     site prefixes, captions and credits, follow/source
 *                     lines, slugs, page ends)
 *   boiler_byline.c   bylines: author names and date/time
 *   boiler_similar.c  near-equal lines and word-trigram shingles
 *
 * A key is the folded (lowercase, accent-free) words of a line joined by
 * single spaces.  Only att_bp_fold_key() can fail (ATT_ERR_NOMEM).
 */
#ifndef ATT_BOILER_PRIV_H
#define ATT_BOILER_PRIV_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/status.h"
#include "boiler.h"

/* Byte length of the space starting at p (ASCII whitespace, NBSP,
 * U+2000..U+200B, U+202F, U+3000, U+FEFF), 0 if none. */
size_t att_bp_space_len(const unsigned char *p, size_t n);
/* Is code point cp a letter (Unicode L* categories)? */
int att_bp_is_letter_cp(unsigned cp);
/* Is code point cp upper- or title-case? */
int att_bp_is_upper_cp(unsigned cp);
/* Code point ending at s[n-1]; *start gets its offset. */
unsigned att_bp_last_cp(const char *s, size_t n, size_t *start);
/* A closing quote or bracket? */
int att_bp_is_closer(unsigned cp);
/* . ! ? or the ellipsis? */
int att_bp_is_sentence_punct(unsigned cp);

/* Append the folded words of s to out separated by single spaces; out->data
 * is non-NULL on success. */
att_status att_bp_fold_key(const char *s, size_t n, att_buf *out);
/* Is the first folded word of s the first word of an entry of one of the
 * lists (NULL-terminated; list2 may be NULL)?  A cheap test before
 * att_bp_fold_key(): a line that fails it has a key in neither list (equal
 * to an entry, or starting with one and a space). */
int att_bp_first_word_in(const char *s, size_t n, const char *const *list, const char *const *list2);
/* Is key an entry of the NULL-terminated list? */
int att_bp_key_in(const char *key, const char *const *list);
/* Does s start with prefix? */
int att_bp_starts_with(const char *s, const char *prefix);
/* Is key an entry of the list, or an entry followed by a space and more? */
int att_bp_key_starts_in(const char *key, const char *const *list);
/* Number of words of a key. */
size_t att_bp_key_words(const char *key);

#endif
