/*
 * minhash.c - folded-word shingles, MinHash and SimHash; see minhash.h.
 *
 * One pass over the text: an inlined equivalent of att_next_word finds the
 * tokens; ASCII tokens are lowercased and hashed in place, other tokens are
 * folded by att_fold into a scratch buffer first (through a per-call cache,
 * as articles repeat their syllables).  Each kept token gets a 64-bit hash, each window
 * of `shingle` token hashes is combined into one 64-bit shingle hash x, and
 *   MinHash: h_i = a_i * lo32(x) + b_i  (mod 2^32), i < K, a_i odd
 *            (K affine bijections of one strong hash: unbiased Jaccard
 *            estimates with the binomial variance, measured in the bench;
 *            the loop over i has no dependency and vectorizes);
 *   SimHash: per-bit counts of x, eight byte-wide counters per 64-bit word
 *            (SWAR), flushed every 255 shingles.
 * All constants come from splitmix64 with fixed seeds; all arithmetic is on
 * fixed-width unsigned integers, so results are identical on every platform.
 */
#include "minhash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"
#include "hash_mix.h"

#define SEED_PARAMS 0x61747461636865ULL /* "attache" */
#define SEED_WORD 0x9E3779B97F4A7C15ULL
#define SEED_SHINGLE 0xC2B2AE3D27D4EB4FULL
#define MUL_WORD 0x9FB21C651E98DF25ULL
#define MUL_SHINGLE 0xD6E8FEB86659FD93ULL
#define LANES 0x0101010101010101ULL


static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* The K affine maps; recomputed per call (about 1 µs), no global state. */
static void minhash_params(uint32_t *a, uint32_t *b)
{
    uint64_t s = SEED_PARAMS;
    for (int i = 0; i < ATT_MINHASH_K; i++) {
        uint64_t r = splitmix64(&s);
        a[i] = (uint32_t)r | 1u;
        b[i] = (uint32_t)(r >> 32);
    }
}

/* Streaming hash of one folded word, 8 bytes at a time, little-endian. */
typedef struct whash {
    uint64_t h, acc;
    unsigned nb;
    uint64_t len;
} whash;

static inline void wh_init(whash *w)
{
    w->h = SEED_WORD;
    w->acc = 0;
    w->nb = 0;
    w->len = 0;
}

static inline void wh_put(whash *w, unsigned char c)
{
    w->acc |= (uint64_t)c << (8 * w->nb);
    w->len++;
    if (++w->nb == 8) {
        w->h = rotl64((w->h ^ w->acc) * MUL_WORD, 29);
        w->acc = 0;
        w->nb = 0;
    }
}

static inline uint64_t wh_end(const whash *w)
{
    uint64_t h = w->h;
    if (w->nb)
        h = rotl64((h ^ w->acc) * MUL_WORD, 29);
    return fmix64(h + w->len);
}

/* Everything one pass accumulates. */
typedef struct sig_state {
    int shingle;
    uint64_t ring[ATT_SHINGLE_MAX]; /* last token hashes */
    unsigned ring_pos;              /* next slot to write */
    uint64_t ntok;                  /* kept tokens so far */
    uint64_t nsh;                   /* shingle occurrences */
    /* MinHash */
    uint32_t *h; /* NULL if not wanted */
    uint32_t a[ATT_MINHASH_K], b[ATT_MINHASH_K];
    /* SimHash */
    int want_sim;
    unsigned pending;  /* shingles in acc since the last flush (< 255) */
    uint64_t acc[8];   /* acc[j] byte k counts bit 8k+j */
    uint64_t cnt[64];
    /* every shingle hash (att_text_overlap) */
    int collect, nomem;
    uint64_t *xs;
    size_t nxs, capxs;
} sig_state;

static void sim_flush(sig_state *st)
{
    for (int j = 0; j < 8; j++) {
        uint64_t v = st->acc[j];
        for (int k = 0; k < 8; k++)
            st->cnt[8 * k + j] += (v >> (8 * k)) & 0xFF;
        st->acc[j] = 0;
    }
    st->pending = 0;
}

/* The hot loop (K multiply-add-min per shingle).  On x86-64 with glibc an
 * AVX2 clone is picked at load time (ifunc); both clones compute the same
 * integers. */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) && \
    !defined(ATT_NO_TARGET_CLONES)
#if __has_attribute(target_clones)
#define HOT_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef HOT_CLONES
#define HOT_CLONES
#endif

HOT_CLONES
static void att_mh_rowmin(uint32_t *restrict h, const uint32_t *restrict a,
                           const uint32_t *restrict b, uint32_t x)
{
    for (int i = 0; i < ATT_MINHASH_K; i++) {
        uint32_t y = a[i] * x + b[i];
        h[i] = y < h[i] ? y : h[i];
    }
}

static void add_token(sig_state *st, uint64_t w)
{
    st->ring[st->ring_pos] = w;
    st->ring_pos = st->ring_pos + 1 == ATT_SHINGLE_MAX ? 0 : st->ring_pos + 1;
    st->ntok++;
    if (st->ntok < (uint64_t)st->shingle)
        return;
    /* combine the last `shingle` tokens, oldest first */
    uint64_t c = SEED_SHINGLE ^ (uint64_t)st->shingle;
    unsigned p = (st->ring_pos + ATT_SHINGLE_MAX - (unsigned)st->shingle) % ATT_SHINGLE_MAX;
    for (int j = 0; j < st->shingle; j++) {
        c = rotl64((c ^ st->ring[p]) * MUL_SHINGLE, 31);
        p = p + 1 == ATT_SHINGLE_MAX ? 0 : p + 1;
    }
    uint64_t x = fmix64(c);
    st->nsh++;
    if (st->h)
        att_mh_rowmin(st->h, st->a, st->b, (uint32_t)x);
    if (st->want_sim) {
        for (int j = 0; j < 8; j++)
            st->acc[j] += (x >> j) & LANES;
        if (++st->pending == 255)
            sim_flush(st);
    }
    if (st->collect && !st->nomem) {
        if (st->nxs == st->capxs) {
            size_t cap = st->capxs ? st->capxs * 2 : 1024;
            uint64_t *n = cap < SIZE_MAX / sizeof *n ? realloc(st->xs, cap * sizeof *n) : NULL;
            if (!n) {
                st->nomem = 1;
                return;
            }
            st->xs = n;
            st->capxs = cap;
        }
        st->xs[st->nxs++] = x;
    }
}

static void set_empty(att_minhash *mh, uint64_t *simhash)
{
    if (mh) {
        for (int i = 0; i < ATT_MINHASH_K; i++)
            mh->h[i] = UINT32_MAX;
        mh->n_shingles = 0;
    }
    if (simhash)
        *simhash = 0;
}

/* ---- tokens ---------------------------------------------------------------
 * The same tokens as att_next_word (maximal runs of letters, marks and
 * digits, invalid bytes decoding as U+FFFD), found with an inlined decoder
 * and a fast path for the Latin blocks Vietnamese text lives in.
 */

/* att_utf8_decode, inlined: same results for every input. */
static inline size_t decode(const unsigned char *p, size_t n, unsigned *cp)
{
    unsigned c = p[0];
    size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (l == 0 || l > n) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned v = c & (0x7Fu >> l);
    for (size_t k = 1; k < l; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (p[k] & 0x3Fu);
    }
    *cp = v;
    return l;
}

/* Per-call, direct-mapped cache of folded keys of non-ASCII words: a news
 * article repeats its few hundred distinct syllables, so most words skip
 * att_fold.  A hit compares the raw bytes, so the cache never changes a
 * result. */
#define WC_SLOTS 512
#define WC_MAXLEN 64

typedef struct word_cache {
    const unsigned char *word[WC_SLOTS];
    uint8_t len[WC_SLOTS]; /* 0: empty */
    uint8_t ncp[WC_SLOTS]; /* folded length in code points, saturating at 255 */
    uint64_t hash[WC_SLOTS];
} word_cache;

/* Hash and length of the folded key of a non-ASCII word. */
static att_status fold_word(const unsigned char *w, size_t n, word_cache *wc, att_buf *scratch,
                            uint64_t *hash, size_t *ncp)
{
    unsigned slot = 0;
    if (n <= WC_MAXLEN) {
        uint32_t x = (uint32_t)n;
        for (size_t k = 0; k < n; k++)
            x = (x ^ w[k]) * 0x01000193u;
        slot = (x ^ (x >> 15)) & (WC_SLOTS - 1);
        if (wc->len[slot] == n && memcmp(wc->word[slot], w, n) == 0) {
            *hash = wc->hash[slot];
            *ncp = wc->ncp[slot];
            return ATT_OK;
        }
    }
    att_buf_clear(scratch);
    if (att_fold((const char *)w, n, scratch) != ATT_OK)
        return ATT_ERR_NOMEM;
    whash h;
    wh_init(&h);
    size_t m = 0;
    for (size_t k = 0; k < scratch->len; k++) {
        unsigned char c = (unsigned char)scratch->data[k];
        m += (c & 0xC0) != 0x80;
        wh_put(&h, c);
    }
    *hash = wh_end(&h);
    *ncp = m;
    if (n <= WC_MAXLEN) {
        wc->word[slot] = w;
        wc->len[slot] = (uint8_t)n;
        wc->ncp[slot] = (uint8_t)(m > 255 ? 255 : m);
        wc->hash[slot] = *hash;
    }
    return ATT_OK;
}

/* One pass over text feeding st (set up by the caller). */
static att_status sign_text(const char *text, size_t len, sig_state *st)
{
    word_cache wc;
    memset(wc.len, 0, sizeof wc.len);
    att_buf scratch = ATT_BUF_INIT;
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        /* skip to the next word character */
        unsigned c = p[i], cp;
        if (c < 0x80) {
            if (!att_ascii_word(c)) {
                i++;
                continue;
            }
        } else {
            size_t l = decode(p + i, len - i, &cp);
            if (!att_word_cp_fast(cp)) {
                i += l;
                continue;
            }
        }
        /* the token: ASCII bytes are lowercased and hashed on the way */
        size_t start = i;
        int ascii = 1, digits = 1;
        whash w;
        wh_init(&w);
        while (i < len) {
            c = p[i];
            if (c < 0x80) {
                if (!att_ascii_word(c))
                    break;
                if (ascii) {
                    if (c - 'A' < 26u)
                        c += 32;
                    digits &= c - '0' < 10u;
                    wh_put(&w, (unsigned char)c);
                }
                i++;
            } else {
                size_t l = decode(p + i, len - i, &cp);
                if (!att_word_cp_fast(cp))
                    break;
                ascii = 0;
                i += l;
            }
        }
        uint64_t hash;
        size_t ncp;
        if (ascii) {
            hash = wh_end(&w);
            ncp = i - start;
        } else {
            digits = 0;
            if (fold_word(p + start, i - start, &wc, &scratch, &hash, &ncp) != ATT_OK) {
                att_buf_free(&scratch);
                return ATT_ERR_NOMEM;
            }
        }
        if (ncp >= 2 || (ncp == 1 && digits))
            add_token(st, hash);
        if (st->nomem)
            break;
    }
    att_buf_free(&scratch);
    return st->nomem ? ATT_ERR_NOMEM : ATT_OK;
}

att_status att_text_signatures(const char *text, size_t len, int shingle, att_minhash *mh,
                               uint64_t *simhash)
{
    set_empty(mh, simhash);
    if (shingle < 1 || shingle > ATT_SHINGLE_MAX)
        return ATT_ERR_USAGE;
    if (!text || (!mh && !simhash))
        return ATT_OK;

    sig_state st;
    memset(&st, 0, sizeof st);
    st.shingle = shingle;
    st.h = mh ? mh->h : NULL;
    st.want_sim = simhash != NULL;
    if (mh)
        minhash_params(st.a, st.b);
    if (sign_text(text, len, &st) != ATT_OK) {
        set_empty(mh, simhash);
        return ATT_ERR_NOMEM;
    }
    if (st.nsh == 0)
        return ATT_OK; /* already the empty signature */
    if (mh)
        mh->n_shingles = st.nsh > UINT32_MAX ? UINT32_MAX : (uint32_t)st.nsh;
    if (simhash) {
        sim_flush(&st);
        uint64_t sv = 0;
        for (int j = 0; j < 64; j++)
            if (2 * st.cnt[j] > st.nsh)
                sv |= (uint64_t)1 << j;
        *simhash = sv;
    }
    return ATT_OK;
}

/* ---- exact overlap ------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sorted distinct shingle hashes of text into *xs (malloc'd), *n of them. */
static att_status shingle_set(const char *text, size_t len, int shingle, uint64_t **xs, size_t *n)
{
    sig_state st;
    memset(&st, 0, sizeof st);
    st.shingle = shingle;
    st.collect = 1;
    *xs = NULL;
    *n = 0;
    if (text && sign_text(text, len, &st) != ATT_OK) {
        free(st.xs);
        return ATT_ERR_NOMEM;
    }
    if (st.nxs > 1)
        qsort(st.xs, st.nxs, sizeof *st.xs, cmp_u64);
    size_t m = 0;
    for (size_t i = 0; i < st.nxs; i++)
        if (m == 0 || st.xs[i] != st.xs[m - 1])
            st.xs[m++] = st.xs[i];
    *xs = st.xs;
    *n = m;
    return ATT_OK;
}

att_status att_text_overlap(const char *a, size_t alen, const char *b, size_t blen, int shingle,
                            att_overlap *out)
{
    memset(out, 0, sizeof *out);
    if (shingle < 1 || shingle > ATT_SHINGLE_MAX)
        return ATT_ERR_USAGE;
    uint64_t *xa, *xb;
    size_t na, nb;
    if (shingle_set(a, alen, shingle, &xa, &na) != ATT_OK)
        return ATT_ERR_NOMEM;
    if (shingle_set(b, blen, shingle, &xb, &nb) != ATT_OK) {
        free(xa);
        return ATT_ERR_NOMEM;
    }
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (xa[i] < xb[j]) {
            i++;
        } else if (xa[i] > xb[j]) {
            j++;
        } else {
            common++;
            i++;
            j++;
        }
    }
    free(xa);
    free(xb);
    out->n_a = na;
    out->n_b = nb;
    out->common = common;
    if (na && nb) {
        out->jaccard = (double)common / (double)(na + nb - common);
        out->contain_a = (double)common / (double)na;
        out->contain_b = (double)common / (double)nb;
    }
    return ATT_OK;
}

static int clamp_shingle(int shingle)
{
    return shingle < 1 ? 1 : shingle > ATT_SHINGLE_MAX ? ATT_SHINGLE_MAX : shingle;
}

void att_minhash_text(const char *text, size_t len, int shingle, att_minhash *out)
{
    (void)att_text_signatures(text, len, clamp_shingle(shingle), out, NULL);
}

uint64_t att_simhash_text(const char *text, size_t len, int shingle)
{
    uint64_t s = 0;
    (void)att_text_signatures(text, len, clamp_shingle(shingle), NULL, &s);
    return s;
}

int att_hamming64(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ b;
    int n = 0;
    while (x) { /* portable popcount; a few iterations */
        x &= x - 1;
        n++;
    }
    return n;
}

double att_minhash_jaccard(const att_minhash *a, const att_minhash *b)
{
    if (!a || !b || a->n_shingles == 0 || b->n_shingles == 0)
        return 0.0;
    int eq = 0;
    for (int i = 0; i < ATT_MINHASH_K; i++)
        eq += a->h[i] == b->h[i];
    return (double)eq / ATT_MINHASH_K;
}

double att_minhash_cardinality(const att_minhash *m)
{
    if (!m || m->n_shingles == 0)
        return 0.0;
    /* The minimum u_i of n uniform values in (0,1) gives -ln(1-u_i) ~ Exp(n);
     * (K-1) / sum of K of them is the unbiased estimate of n. */
    double sum = 0.0;
    for (int i = 0; i < ATT_MINHASH_K; i++)
        sum -= log1p(-((double)m->h[i] + 0.5) / 4294967296.0);
    double n = (ATT_MINHASH_K - 1) / sum;
    if (n < 1.0)
        n = 1.0;
    if (n > (double)m->n_shingles)
        n = (double)m->n_shingles;
    return n;
}

double att_minhash_containment(const att_minhash *a, const att_minhash *b)
{
    double j = att_minhash_jaccard(a, b);
    if (j <= 0.0)
        return 0.0;
    double na = att_minhash_cardinality(a), nb = att_minhash_cardinality(b);
    double c = j * (na + nb) / ((1.0 + j) * na);
    return c > 1.0 ? 1.0 : c;
}
