/*
 * tone.h - article tone in the manner of GDELT's V2Tone: a lexicon of
 * positive and negative Vietnamese words and phrases (data/tone_vi.tsv),
 * matched over the syllable tokens of a text, summarised as percentages of
 * the word count.
 *
 * Lexicon file format (TSV, UTF-8): "#" comment lines and blank lines are
 * ignored anywhere; the first other line may be the header
 * "term<TAB>polarity<TAB>weight"; every remaining line is
 *     term      a word or phrase ("ổn định", "xung đột vũ trang"), any case
 *     polarity  +1 (or 1) for positive, -1 for negative
 *     weight    a number from 1 to 3 (how strongly the term is charged)
 * Further columns, if any, are ignored.  A term listed twice must have the
 * same polarity and weight both times.
 *
 * Matching: over tokens made by att_tokenize() with the same vocabulary;
 * the longest term starting at a token wins and its tokens are not matched
 * again; a term never spans punctuation.  A negator ("không", "chưa",
 * "chẳng", "thiếu") directly before a term (no punctuation between) flips
 * its polarity, unless the lexicon lists the longer phrase itself
 * ("thiếu minh bạch" as an entry is taken as written).  Only the one
 * directly preceding word counts: in "không có xung đột" the term
 * "xung đột" stays negative.
 *
 * Ownership: the vocabulary is the caller's (shared with the other
 * dictionaries; the loader interns the lexicon's words into it) and must
 * outlive the lexicon; the lexicon owns everything else and is released
 * with att_tone_lexicon_free().  Once loaded, a lexicon is read-only and may
 * be used by several threads (provided no one adds to the vocabulary).
 * Errors: ATT_ERR_FORMAT with "line N: ..." in err (N counts every line of
 * the text from 1) for a malformed row; ATT_ERR_EMPTY if there is no term;
 * ATT_ERR_NOMEM.
 */
#ifndef ATT_TONE_H
#define ATT_TONE_H

#include <stddef.h>

#include "../segment/tokens.h"
#include "../util/status.h"

typedef struct att_tone_lexicon att_tone_lexicon;

/* Build a lexicon from TSV text tsv[0..len) (need not be NUL-terminated).
 * On success *out is the new lexicon; on error *out is NULL. */
att_status att_tone_lexicon_load(att_vocab *vocab, const char *tsv, size_t len,
                                 att_tone_lexicon **out, char *err, size_t errlen);
void att_tone_lexicon_free(att_tone_lexicon *lx);

/* Number of distinct terms. */
size_t att_tone_lexicon_size(const att_tone_lexicon *lx);

/* Accumulators: weighted positive and negative hits and the number of word
 * tokens seen.  Start from {0}; add any number of texts. */
typedef struct att_tone {
    double positive, negative;
    size_t words;
} att_tone;

/* Add the tone of toks[0..n) (tokenized with the lexicon's vocabulary) to
 * *acc: every token counts as a word (numbers included); each matched term
 * adds its weight to positive or negative (after negation, see above). */
void att_tone_add(const att_tone_lexicon *lx, const att_token *toks, size_t n, att_tone *acc);

/* GDELT-style figures:
 *   positive = pos * 100 / words      negative = neg * 100 / words
 *   tone     = positive - negative    polarity = positive + negative
 * All zero when words == 0. */
typedef struct att_tone_scores {
    double tone, positive, negative, polarity;
    size_t words;
} att_tone_scores;

att_tone_scores att_tone_finish(const att_tone *acc);

#endif
