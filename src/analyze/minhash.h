/*
 * minhash.h - text signatures for near-duplicate and same-story detection.
 *
 * A text is reduced to word tokens (those of att_next_word, found by an
 * inlined equivalent), each token to its folded key (lowercase, accent-free,
 * "Đảng" -> "dang", as att_fold gives it), so both tone-mark styles
 * ("hoà"/"hòa"), any letter case and even accent-free copies of a text give
 * the same signature.  Tokens whose folded key is one character long ("ở",
 * "A") are dropped, except digits: every run of ASCII digits is kept ("5",
 * "2024"), numbers being a strong same-story signal.
 * Shingles are windows of `shingle` (1..5) consecutive remaining tokens;
 * a text with fewer tokens than `shingle` has no shingle.
 *
 *   MinHash  (att_minhash): ATT_MINHASH_K minimum hash values over the set
 *            of distinct shingles; estimates Jaccard similarity and, with the
 *            set sizes, containment (how much of a teaser is in an article).
 *   SimHash  (uint64_t): one bit per position of the occurrence-weighted
 *            sum of shingle hashes; near copies differ in few bits.
 *   LSH      (att_lsh): banding index over MinHash signatures; returns
 *            candidate ids in O(bands) bucket look-ups, not a scan.
 *
 * Every hash value is a fixed function of the folded text: fixed seeds, no
 * rand(), explicit little-endian byte order, so signatures can be stored
 * and compared across runs, machines and builds (the values; an att_minhash
 * copied as raw bytes is in host byte order, 516 bytes).  A change of the hashing
 * invalidates stored signatures (the tests pin one value to catch that).
 *
 * Suggested use (figures from the tests and bench/bench_minhash.c on 134
 * dantri.com.vn world-news articles, where different articles score at
 * shingle = 3: median 0.00, p99.9 0.09, max 0.20; shingle = 2: median 0.02,
 * p99 0.09):
 *   same article copy   shingle = 3, Jaccard >= 0.5 (light copy edit 0.95,
 *                       one paragraph of six replaced 0.80); LSH 42 x 3 or
 *                       64 x 2 (see the table below: 16 x 8 would miss most
 *                       pairs at 0.5); SimHash distance <= 6 as a pre-check
 *                       (copies 0-3 bits, one paragraph replaced 11,
 *                       different articles >= 15, mean 32);
 *   teaser -> article   shingle = 3, containment of the teaser >= 0.8,
 *                       verified with att_text_overlap (exact: 1.0 for a
 *                       true teaser, <= 0.63 against sibling stories);
 *   same story          shingle = 2, Jaccard >= ~0.12 ranks same-story
 *                       pairs first; a signal for clustering within a time
 *                       window, not a decision on its own.  shingle = 1 is
 *                       weak for Vietnamese: function syllables give any two
 *                       articles a Jaccard of ~0.33.
 *
 * Ownership: att_minhash is a plain value the caller owns (about 0.5 KB).
 * An att_lsh owns all its memory; att_lsh_free releases it.
 * Errors: ATT_ERR_NOMEM on allocation failure; ATT_ERR_USAGE for arguments
 * out of range (documented per function).  The text functions are thread-
 * safe; one att_lsh may be queried from several threads at once, but adds
 * must not run concurrently with anything else on the same index.
 */
#ifndef ATT_MINHASH_H
#define ATT_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

#define ATT_MINHASH_K 128
#define ATT_SHINGLE_MAX 5

typedef struct att_minhash {
    uint32_t h[ATT_MINHASH_K]; /* all UINT32_MAX when n_shingles == 0 */
    uint32_t n_shingles;       /* shingle occurrences in the text (not distinct),
                                  saturating at UINT32_MAX; 0 = empty */
} att_minhash;

/* Both signatures in one pass over text (UTF-8, NFC).  mh and/or simhash may
 * be NULL.  ATT_ERR_USAGE if shingle is outside 1..ATT_SHINGLE_MAX (outputs
 * are then set to the empty signature), ATT_ERR_NOMEM if the scratch buffer
 * for folding a non-ASCII word cannot be allocated (ditto). */
att_status att_text_signatures(const char *text, size_t len, int shingle, att_minhash *mh,
                               uint64_t *simhash);

/* MinHash signature over the shingles of text (see above).  A text with no
 * shingle gets n_shingles = 0.  shingle is clamped to 1..ATT_SHINGLE_MAX.
 * On allocation failure (the only possible error) *out is the empty
 * signature; use att_text_signatures to tell the two apart. */
void att_minhash_text(const char *text, size_t len, int shingle, att_minhash *out);

/* Estimated Jaccard similarity |A∩B| / |A∪B| of the two shingle sets: the
 * fraction of equal positions.  0 if either is empty.  Standard error is
 * about sqrt(J(1-J)/ATT_MINHASH_K), i.e. <= 0.045. */
double att_minhash_jaccard(const att_minhash *a, const att_minhash *b);

/* Estimated number of distinct shingles behind m (from the K minima; about
 * 9% relative error, never more than m->n_shingles).  0 if m is empty. */
double att_minhash_cardinality(const att_minhash *m);

/* Estimated containment |A∩B| / |A| of a in b, in [0,1]: near 1 when a is
 * a teaser or excerpt of b even though their Jaccard is low.  0 if either
 * is empty.  Noisy when |A| << |B|: it rests on the ~128 |A|/|B| positions
 * expected to match (a 60-shingle teaser of a 1000-shingle article: ~8, and
 * 4 of 134 real teasers scored < 0.5); confirm with att_text_overlap. */
double att_minhash_containment(const att_minhash *a, const att_minhash *b);

/* Exact overlap of the shingle sets of two texts (64-bit shingle hashes,
 * so exact up to a collision chance of about n^2 / 2^64): for verifying LSH
 * candidates, and for teasers against long articles, where the MinHash
 * containment estimate rests on a handful of matching positions.  Costs a
 * sort of each text's shingles (~50 µs for two 5 KB articles).  All fields
 * are 0 for an empty side.  ATT_ERR_USAGE if shingle is outside
 * 1..ATT_SHINGLE_MAX, ATT_ERR_NOMEM; *out is zeroed on error. */
typedef struct att_overlap {
    size_t n_a, n_b;  /* distinct shingles of a, of b */
    size_t common;    /* distinct shingles in both */
    double jaccard;   /* common / |a ∪ b| */
    double contain_a; /* common / n_a: how much of a is in b */
    double contain_b; /* common / n_b */
} att_overlap;

att_status att_text_overlap(const char *a, size_t alen, const char *b, size_t blen, int shingle,
                            att_overlap *out);

/* 64-bit SimHash over the same shingles, each occurrence weighted 1.
 * shingle is clamped to 1..ATT_SHINGLE_MAX; 0 for a text with no shingle
 * (or on allocation failure). */
uint64_t att_simhash_text(const char *text, size_t len, int shingle);

/* Number of differing bits. */
int att_hamming64(uint64_t a, uint64_t b);

/*
 * LSH index: each signature is cut into `bands` bands of `rows` consecutive
 * values (bands * rows <= ATT_MINHASH_K); two signatures are candidates when
 * all rows of at least one band agree, which for Jaccard J happens with
 * probability 1 - (1 - J^rows)^bands:
 *
 *   bands x rows   J = 0.1   0.2    0.3    0.5    0.8
 *     16 x 8       0.000    0.000  0.001  0.061  0.947
 *     20 x 5       0.000    0.006  0.047  0.470  1.000
 *     32 x 4       0.003    0.050  0.229  0.873  1.000
 *     42 x 3       0.041    0.286  0.683  0.996  1.000
 *     64 x 2       0.474    0.927  0.998  1.000  1.000
 *
 * Pick the banding so the probability is near 1 at the Jaccard threshold
 * you verify with att_minhash_jaccard.  At shingle = 3 different articles
 * share almost no shingle (J ~ 0), so even 64 x 2 returns few false
 * candidates (1.9 per query against 1.0 for 16 x 8 in the bench).  Queries
 * cost one hash look-up per band plus the length of the matching buckets.
 */
typedef struct att_lsh att_lsh;

/* NULL if bands < 1, rows < 1, bands * rows > ATT_MINHASH_K, or out of
 * memory. */
att_lsh *att_lsh_new(int bands, int rows);
void att_lsh_free(att_lsh *l); /* NULL is fine */

/* Index m under id.  An empty signature (n_shingles == 0) is recorded but
 * never indexed: it is neither returned nor matches anything.  Each id may
 * be added once: ATT_ERR_USAGE for an id already present (the index is then
 * unchanged), ATT_ERR_TOOBIG beyond 2^32 - 2 signatures or postings,
 * ATT_ERR_NOMEM (index unchanged). */
att_status att_lsh_add(att_lsh *l, int64_t id, const att_minhash *m);

/* Candidate ids for m: ids sharing at least one band bucket with m, distinct,
 * in insertion order; the first `cap` of them are written to out and their
 * number returned.  An id indexed with m itself is included.  Allocates
 * nothing. */
size_t att_lsh_query(const att_lsh *l, const att_minhash *m, int64_t *out, size_t cap);

/* Number of signatures added (empty ones included). */
size_t att_lsh_size(const att_lsh *l);

#endif
