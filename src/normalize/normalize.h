/*
 * normalize.h - Unicode and Vietnamese-specific text normalization.
 *
 * Three views of the same text are used across attache:
 *   stored  : the page's text in NFC (what the page said; att_nfc)
 *   exact   : lowercase, NFC, one tone-mark placement ("hoà"->"hòa",
 *             "thuỷ"->"thủy", "Khoẻ"->"khỏe"); used for matching with accents
 *   folded  : lowercase, accents stripped, "đ"->"d" ("Đảng"->"dang"); used
 *             for accent-free search and dictionary look-ups
 *
 * Tone placement follows the traditional ("old") style, which puts the mark
 * on the first vowel of an open oa/oe/uy syllable; a syllable is only
 * rewritten when it parses as a Vietnamese syllable (onset, 1-3 vowels,
 * a legal coda) with a single tone mark, so foreign words ("Mátxcơva",
 * "café") are never altered.
 *
 * Ownership: output goes into a caller-owned att_buf (appended, not reset),
 * or, for att_nfc, into a malloc'd string the caller frees.
 * Errors: ATT_ERR_NOMEM on allocation failure, ATT_ERR_UTF8 for invalid
 * UTF-8 where validation is documented.  All functions are thread-safe.
 */
#ifndef ATT_NORMALIZE_H
#define ATT_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "../util/status.h"

/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or NUL bytes);
 * else 0 and *bad_offset (if non-NULL) gets the offset of the first bad byte. */
int att_utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Validate s[0..n) as att_utf8_valid does and, in the same pass, tell
 * whether NFC would leave it unchanged: 1 if valid and already NFC (no
 * combining marks, Hangul or NFC singletons), 0 if valid but it must go
 * through att_nfc, -1 if invalid (*bad_offset as for att_utf8_valid). */
int att_utf8_nfc_quick(const char *s, size_t n, size_t *bad_offset);

/* Decode one code point at s[0..n); returns its byte length (>= 1) and
 * stores it in *cp.  Invalid bytes decode as U+FFFD with length 1. */
size_t att_utf8_decode(const char *s, size_t n, unsigned *cp);

/* Length of the longest prefix of s (NUL-terminated) that is at most max
 * bytes and does not cut a UTF-8 character (for truncated display). */
size_t att_utf8_prefix(const char *s, size_t max);

/* Number of code points in s[0..n) (valid UTF-8): the character offsets
 * JSON and GDELT consumers count in. */
size_t att_utf8_count(const char *s, size_t n);

/* Validate and convert to NFC.  *out is malloc'd (caller frees), NUL-
 * terminated, *outlen its length.  ATT_ERR_UTF8 if s is not valid UTF-8. */
att_status att_nfc(const char *s, size_t n, char **out, size_t *outlen);

/* Append the "exact" view of s (lowercase + tone normalization) to out.
 * Characters that are not letters are copied unchanged. */
att_status att_exact(const char *s, size_t n, att_buf *out);

/* Append the "folded" view of s (lowercase, accent-free, đ->d) to out.
 * Characters that are not letters are copied unchanged. */
att_status att_fold(const char *s, size_t n, att_buf *out);

/* The words (att_next_word) of the folded view of s (att_fold), one at a
 * time and without folding the whole text first: the boilerplate keys and
 * shingles only ever look at folded words.  Letters that fold to several
 * characters and words longer than ATT_FOLD_WORD_MAX bytes make the
 * iterator fold the rest of the text into a buffer and go on from there.
 *   att_fold_words fw;
 *   att_fold_words_init(&fw, s, n);
 *   while ((r = att_fold_words_next(&fw, &w, &wn)) > 0) ...  (-1: no memory)
 *   att_fold_words_free(&fw);
 * *w points at the word's folded bytes until the next call. */
#define ATT_FOLD_WORD_MAX 64
typedef struct att_fold_words {
    const char *s;
    size_t n, pos;               /* input and where reading resumes */
    char word[ATT_FOLD_WORD_MAX];
    att_buf rest;                /* the folded rest, once needed */
    size_t rest_pos;
    int in_rest;
} att_fold_words;
void att_fold_words_init(att_fold_words *fw, const char *s, size_t n);
int att_fold_words_next(att_fold_words *fw, const char **w, size_t *wn);
void att_fold_words_free(att_fold_words *fw);
/* att_fold_words_next(), but giving the 64-bit FNV-1a hash of the folded
 * word's bytes instead of the bytes (the shingles' word hash), without
 * copying them: 1, 0 at the end, -1 out of memory. */
int att_fold_words_next_hash(att_fold_words *fw, uint64_t *h);

/* Append s with tone marks moved to the traditional position, case and
 * everything else preserved. */
att_status att_tone_normalize(const char *s, size_t n, att_buf *out);

/* The view content hashes are computed over: lowercase letters, each
 * Vietnamese letter as its base letter and vowel modifier, and each word's
 * tone marks after the word - so, like the exact view, it ignores case and
 * where a syllable's tone mark sits ("hoà" = "hòa"), but it is computed
 * letter by letter.  Not text: it holds bytes that are not UTF-8. */
att_status att_hash_view(const char *s, size_t n, att_buf *out);

/* Word tokens: maximal runs of letters, combining marks and digits.
 * Starting at *pos, find the next token; returns 1 and sets [*start,*end)
 * and advances *pos past it, or returns 0 when there are no more. */
int att_next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *end);

/* Both keys of one word token at once (the tokenizer's hot path): appends
 * the exact key to exact and the folded key to folded.  Returns 1 if the
 * two differ (the word carries diacritics), 0 if they are equal, -1 on
 * allocation failure. */
int att_word_keys(const char *w, size_t n, att_buf *exact, att_buf *folded);

/* Only the exact key of one word (appended to exact); returns as
 * att_word_keys.  For callers that never use the folded key. */
int att_word_exact(const char *w, size_t n, att_buf *exact);

/* att_word_keys, and *tag points to a 32-bit mark kept with the word in this
 * thread's key cache (0 when the word enters the cache), or is NULL when
 * the word is not cached.  A caller marks words it has handled and skips
 * them next time: the index vocabulary (store/terms.h) notes each word
 * once instead of looking it up at every occurrence.  The pointer is valid
 * until the next call on this thread. */
int att_word_keys_tagged(const char *w, size_t n, att_buf *exact, att_buf *folded, uint32_t **tag);

/* Start loading the key cache entry of word w into the CPU caches, for a
 * caller that asks att_word_keys*() for w after other work: the entry's
 * cache miss (the look-up's cost) then overlaps that work.  Changes no
 * result; does nothing before this thread's first look-up. */
void att_word_keys_prefetch(const char *w, size_t n);

/* Free this thread's key cache and scratch keys (a thread that used the
 * functions above and is about to end calls it, e.g. a server's
 * connection thread; without it they live as long as the process).  The
 * next look-up on this thread allocates them again. */
void att_normalize_thread_end(void);

/* Is code point cp a letter, mark or digit (part of a word)?  The same
 * as att_word_cp_fast below, out of line. */
int att_is_word_cp(unsigned cp);

/* The answer from cp's Unicode category alone (letters, marks, numbers):
 * what att_word_cp_fast gives for the code points it does not list. */
int att_word_cp_category(unsigned cp);

/* The hot-path pieces of word scanning, inline for the stages that scan
 * text in loops of their own (token flags, shingles, hashes) and must find
 * the same words as att_next_word. */

/* An ASCII letter or digit. */
static inline int att_ascii_word(unsigned c)
{
    return (unsigned)((c | 32u) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

/* att_is_word_cp, answered inline for ASCII, the Latin letter blocks
 * Vietnamese is written with (all letters but the signs x and /), the
 * combining diacritics and General Punctuation (“ ” – …, none of them
 * word characters); other code points by Unicode category.  (The listed
 * blocks agree with their categories: test_normalize checks every code
 * point.) */
static inline int att_word_cp_fast(unsigned cp)
{
    if (cp < 0x80)
        return att_ascii_word(cp);
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x300 && cp <= 0x36F) ||
        (cp >= 0x1E00 && cp <= 0x1EFF))
        return 1;
    if (cp >= 0x2000 && cp <= 0x206F)
        return 0;
    return att_word_cp_category(cp);
}

/* att_utf8_decode for text already validated (2- and 3-byte sequences
 * inline): the byte length of the code point at p, stored in *cp. */
static inline size_t att_utf8_decode_valid(const unsigned char *p, size_t n, unsigned *cp)
{
    unsigned c = p[0];
    if (c >= 0xC0 && c < 0xE0 && n >= 2) {
        *cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c < 0xF0 && n >= 3) {
        *cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        return 3;
    }
    return att_utf8_decode((const char *)p, n, cp);
}

#endif
