/*
 * sentence.h - split a paragraph into sentences.
 *
 * A sentence ends after ".", "!", "?", "…" or "..." (any run of them, plus
 * closing quotes/brackets right after) when whitespace and then an
 * upper-case letter, a digit or an opening quote/bracket follow.  A line
 * break always ends a sentence.  No split:
 *   - inside a quotation (“…”, "…", «…») when the punctuation is inside it
 *     and the quotation goes on ("“Chúng tôi sẵn sàng. Nhưng ...” ông nói");
 *     a quotation whose closing mark never comes is not treated as one;
 *   - after initials ("V. Putin", "D. Chernyshenko", "U.S.") and common
 *     abbreviations ("TP.", "TS.", "GS.", "PGS.", "ThS.", "Mr.", "Dr.",
 *     "St.", "tr." ...);
 *   - before a lower-case word ("các bên... cần"), inside numbers and
 *     domains ("1.000", "16.6.2024", "dantri.com.vn": no space follows);
 *   - when what precedes is only a list number ("1. Giới thiệu").
 *
 * Ownership: *out is malloc'd (and grown with realloc) by the call; the
 * incoming value of *out is ignored, never freed.  The caller frees *out
 * with free(); *out is NULL when *n == 0.
 * Errors: ATT_ERR_NOMEM (then *out = NULL, *n = 0), ATT_ERR_USAGE for NULL
 * out/n or NULL text with len > 0.  Thread-safe.
 */
#ifndef ATT_SENTENCE_H
#define ATT_SENTENCE_H

#include <stddef.h>

#include "../util/status.h"

typedef struct att_span {
    size_t start, end; /* byte offsets, [start,end) */
} att_span;

/* Split text[0..len) (UTF-8 NFC) into sentences, each trimmed of
 * surrounding white space (ASCII, no-break and other Unicode spaces);
 * empty sentences are dropped. */
att_status att_sentences(const char *text, size_t len, att_span **out, size_t *n);

#endif
