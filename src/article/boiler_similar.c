/*
 * boiler_similar.c - comparing lines and texts: near-equal lines (case,
 * accents, punctuation and a short tail aside) and word-trigram shingles
 * with their containment; see boiler.h.  att_boiler_shingles() fails only
 * with ATT_ERR_NOMEM; the other functions cannot fail (out of memory
 * reads as "not equal" / containment 0).
 */
#include "boiler.h"
#include "boiler_priv.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

/* ------------------------------------------------------------ near-equal */

/* The folded form of a word's first letter into out (zero-padded);
 * returns its length, 0 if it does not fit. */
static size_t first_letter_folded(const char *w, size_t n, char out[16])
{
    memset(out, 0, 16);
    size_t l = 1;
    while (l < n && ((unsigned char)w[l] & 0xC0) == 0x80)
        l++;
    att_buf f = ATT_BUF_INIT;
    size_t r = 0;
    if (att_fold(w, l, &f) == ATT_OK && f.len < 16) {
        memcpy(out, f.data, f.len);
        r = f.len;
    }
    att_buf_free(&f);
    return r;
}

/* Does the rest of fw hold at most two more words of at most 12 bytes,
 * spaces included, after the word of wn bytes just read? */
static int short_tail(att_fold_words *fw, size_t wn)
{
    const char *w;
    size_t words = 1, bytes = wn;
    int r;
    while (words <= 2 && bytes <= 12 && (r = att_fold_words_next(fw, &w, &wn)) != 0) {
        if (r < 0)
            return 0;
        words++;
        bytes += 1 + wn;
    }
    return words <= 2 && bytes <= 12;
}

/* The key comparison of att_boiler_near_equal, word by word as the keys
 * are folded: equal keys, or the shorter (of at least three words) is the
 * other's start and the rest a short tail.  Most pairs differ in their
 * first words, and then nothing more is folded. */
static int keys_near_equal(const char *a, size_t an, const char *b, size_t bn)
{
    att_fold_words fa, fb;
    const char *wa = NULL, *wb = NULL;
    size_t la = 0, lb = 0, common = 0;
    int ra, rb, r = 0;
    att_fold_words_init(&fa, a, an);
    att_fold_words_init(&fb, b, bn);
    for (;;) {
        ra = att_fold_words_next(&fa, &wa, &la);
        rb = att_fold_words_next(&fb, &wb, &lb);
        if (ra <= 0 || rb <= 0 || la != lb || memcmp(wa, wb, la) != 0)
            break;
        common++;
    }
    if (ra == 0 && rb == 0)
        r = common > 0;
    else if (ra == 0 && rb > 0)
        r = common >= 3 && short_tail(&fb, lb);
    else if (rb == 0 && ra > 0)
        r = common >= 3 && short_tail(&fa, la);
    att_fold_words_free(&fa);
    att_fold_words_free(&fb);
    return r;
}

int att_boiler_near_equal(const char *a, size_t an, const char *b, size_t bn)
{
    att_boiler_trim(&a, &an);
    att_boiler_trim(&b, &bn);
    if (!an || !bn)
        return 0;
    size_t mx = an > bn ? an : bn, mn = an > bn ? bn : an;
    if (mx > 2 * mn + 24)
        return 0;
    /* equal keys start with the same folded letter: most pairs differ there,
     * and folding two whole lines costs far more than folding two letters */
    size_t pa = 0, pb = 0, a0, a1, b0, b1;
    if (!att_next_word(a, an, &pa, &a0, &a1) || !att_next_word(b, bn, &pb, &b0, &b1))
        return 0;
    char fa[16], fb[16];
    if (first_letter_folded(a + a0, a1 - a0, fa) != first_letter_folded(b + b0, b1 - b0, fb) ||
        memcmp(fa, fb, sizeof fa) != 0)
        return 0;
    return keys_near_equal(a, an, b, bn);
}

/* ------------------------------------------------------------- shingles */

static uint64_t hash_combine(uint64_t a, uint64_t b)
{
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
}

/* In-place sort of a[0..n) (quicksort, insertion sort for short runs). */
static void sort_u64(uint64_t *a, size_t n)
{
    while (n > 16) {
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t t = a[i];
            a[i++] = a[j];
            a[j--] = t;
        }
        /* recurse into the smaller side, loop on the larger */
        if (j + 1 < n - j - 1) {
            sort_u64(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            sort_u64(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* Sort trigram hashes.  They are spread evenly, so one counting pass on
 * their top bits (a bucket per one to two hashes) leaves short runs that
 * sort_u64 finishes by insertion - quicksort's compares on random keys
 * mispredict about half the time.  Runs stay correct, only slower, if
 * hashes cluster; large arrays go to quicksort directly. */
#define BUCKET_SORT_MAX 1024
static void sort_hashes(uint64_t *a, size_t n)
{
    if (n < 24 || n > BUCKET_SORT_MAX) {
        sort_u64(a, n);
        return;
    }
    uint64_t tmp[BUCKET_SORT_MAX];
    size_t end[BUCKET_SORT_MAX + 1];
    unsigned bits = 1;
    while ((size_t)2 << bits <= n) /* 2^bits buckets, n/2 < 2^bits <= n */
        bits++;
    size_t nb = (size_t)1 << bits;
    memset(end, 0, (nb + 1) * sizeof *end);
    for (size_t k = 0; k < n; k++)
        end[(a[k] >> (64 - bits)) + 1]++;
    for (size_t b = 1; b <= nb; b++) /* end[b]: where bucket b starts */
        end[b] += end[b - 1];
    for (size_t k = 0; k < n; k++)
        tmp[end[a[k] >> (64 - bits)]++] = a[k];
    for (size_t b = 0, start = 0; b < nb; start = end[b++]) /* end[b]: where it ends */
        sort_u64(tmp + start, end[b] - start);
    memcpy(a, tmp, n * sizeof *a);
}

att_status att_boiler_shingles(const char *s, size_t n, att_shingles *out)
{
    out->h = NULL;
    out->n = 0;
    att_fold_words fw;
    size_t cap = 0, cnt = 0, words = 0;
    uint64_t w0 = 0, w1 = 0, w2, *h = NULL;
    int r;
    att_fold_words_init(&fw, s, n);
    while ((r = att_fold_words_next_hash(&fw, &w2)) > 0) {
        if (++words >= 3) {
            if (cnt == cap) {
                size_t nc = cap ? cap * 2 : n / 4 + 32; /* about one word in 5 bytes */
                uint64_t *nh = realloc(h, nc * sizeof *nh);
                if (!nh)
                    goto nomem;
                h = nh;
                cap = nc;
            }
            h[cnt++] = hash_combine(hash_combine(w0, w1), w2);
        }
        w0 = w1;
        w1 = w2;
    }
    att_fold_words_free(&fw);
    if (r < 0)
        goto nomem;
    sort_hashes(h, cnt);
    size_t u = 0;
    for (size_t k = 0; k < cnt; k++)
        if (u == 0 || h[u - 1] != h[k])
            h[u++] = h[k];
    out->h = h;
    out->n = u;
    return ATT_OK;
nomem:
    free(h);
    att_fold_words_free(&fw);
    return ATT_ERR_NOMEM;
}

void att_boiler_shingles_free(att_shingles *sh)
{
    free(sh->h);
    sh->h = NULL;
    sh->n = 0;
}

double att_boiler_shingles_containment(const att_shingles *a, const att_shingles *b)
{
    if (!a->n)
        return 0.0;
    size_t i = 0, j = 0, common = 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] < b->h[j])
            i++;
        else if (a->h[i] > b->h[j])
            j++;
        else
            common++, i++, j++;
    }
    return (double)common / (double)a->n;
}

double att_boiler_containment(const char *a, size_t an, const char *b, size_t bn)
{
    att_shingles sa, sb;
    if (att_boiler_shingles(a, an, &sa) != ATT_OK)
        return 0.0;
    if (att_boiler_shingles(b, bn, &sb) != ATT_OK) {
        att_boiler_shingles_free(&sa);
        return 0.0;
    }
    double c = att_boiler_shingles_containment(&sa, &sb);
    att_boiler_shingles_free(&sa);
    att_boiler_shingles_free(&sb);
    return c;
}
