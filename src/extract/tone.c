/* tone.c - tone lexicon (TSV -> phrase trie) and GDELT-style scoring; see
 * tone.h. */
#include "tone.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../segment/trie.h"

typedef struct tone_entry {
    double weight;
    int polarity; /* +1 / -1 */
    size_t line;  /* where it was defined, for duplicate messages */
} tone_entry;

struct att_tone_lexicon {
    att_vocab *vocab; /* not owned */
    att_trie *trie;   /* values: index into entries */
    tone_entry *entries;
    size_t n, cap;
    uint32_t negators[4];
};

static const char *const NEGATORS[4] = {"không", "chưa", "chẳng", "thiếu"};

void att_tone_lexicon_free(att_tone_lexicon *lx)
{
    if (!lx)
        return;
    att_trie_free(lx->trie);
    free(lx->entries);
    free(lx);
}

size_t att_tone_lexicon_size(const att_tone_lexicon *lx) { return lx ? lx->n : 0; }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Trim ASCII blanks from [*a, *b). */
static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && is_space(s[*a]))
        (*a)++;
    while (*b > *a && is_space(s[*b - 1]))
        (*b)--;
}

static int field_is(const char *s, size_t a, size_t b, const char *word)
{
    size_t n = strlen(word);
    if (b - a != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[a + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return 0;
    }
    return 1;
}

static int parse_polarity(const char *s, size_t a, size_t b, int *pol)
{
    if (field_is(s, a, b, "+1") || field_is(s, a, b, "1")) {
        *pol = 1;
        return 0;
    }
    if (field_is(s, a, b, "-1")) {
        *pol = -1;
        return 0;
    }
    return -1;
}

static int parse_weight(const char *s, size_t a, size_t b, double *w)
{
    char tmp[32];
    if (b == a || b - a >= sizeof tmp)
        return -1;
    memcpy(tmp, s + a, b - a);
    tmp[b - a] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (*end != '\0' || !(v >= 1.0 && v <= 3.0))
        return -1;
    *w = v;
    return 0;
}

/* Ids of the words of term, interned; returns the count (0 = no word). */
static size_t term_ids(att_vocab *v, const char *s, size_t len, uint32_t *ids, size_t max, int *nomem)
{
    size_t n = 0, pos = 0, a, b;
    *nomem = 0;
    while (n < max && att_next_word(s, len, &pos, &a, &b)) {
        if (!(ids[n++] = att_vocab_add(v, s + a, b - a))) {
            *nomem = 1;
            return 0;
        }
    }
    return n;
}

/* Entry index of exactly the phrase ids[0..n), or -1. */
static long find_exact(const att_trie *t, const uint32_t *ids, size_t n)
{
    att_token toks[64];
    for (size_t i = 0; i < n; i++)
        toks[i] = (att_token){(uint32_t)i, (uint32_t)i + 1, ids[i], 0, 0, 0};
    const int *vals;
    size_t nv;
    size_t m = att_trie_match(t, toks, n, 0, 0, &vals, &nv);
    return m == n && nv ? vals[0] : -1;
}

static att_status add_row(att_tone_lexicon *lx, const char *s, size_t ta, size_t tb, int pol, double w,
                          size_t line, char *err, size_t errlen)
{
    uint32_t ids[64];
    int nomem;
    size_t n = term_ids(lx->vocab, s + ta, tb - ta, ids, 64, &nomem);
    if (nomem)
        return ATT_ERR_NOMEM;
    if (n == 0)
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "line %zu: term \"%.*s\" has no word", line,
                          (int)(tb - ta), s + ta);
    long prev = find_exact(lx->trie, ids, n);
    if (prev >= 0) {
        const tone_entry *e = &lx->entries[prev];
        if (e->polarity == pol && e->weight == w)
            return ATT_OK;
        return att_seterr(err, errlen, ATT_ERR_FORMAT,
                          "line %zu: term \"%.*s\" already listed on line %zu with another polarity or weight",
                          line, (int)(tb - ta), s + ta, e->line);
    }
    if (lx->n == lx->cap) {
        size_t cap = lx->cap ? lx->cap * 2 : 256;
        tone_entry *ne = realloc(lx->entries, cap * sizeof *ne);
        if (!ne)
            return ATT_ERR_NOMEM;
        lx->entries = ne;
        lx->cap = cap;
    }
    att_status st = att_trie_add_ids(lx->trie, ids, n, (int)lx->n);
    if (st != ATT_OK)
        return st;
    lx->entries[lx->n++] = (tone_entry){w, pol, line};
    return ATT_OK;
}

static att_status parse(att_tone_lexicon *lx, const char *s, size_t len, char *err, size_t errlen)
{
    size_t pos = 0, line = 0;
    int seen_row = 0;
    while (pos < len) {
        size_t a = pos, b = pos;
        while (b < len && s[b] != '\n')
            b++;
        pos = b < len ? b + 1 : b;
        line++;
        if (b > a && s[b - 1] == '\r')
            b--;
        size_t ta = a, tb = b;
        trim(s, &ta, &tb);
        if (ta == tb || s[ta] == '#')
            continue;
        /* split into tab-separated fields */
        size_t f[3][2], nf = 0, c = a;
        for (;;) {
            size_t e = c;
            while (e < b && s[e] != '\t')
                e++;
            if (nf < 3) {
                f[nf][0] = c;
                f[nf][1] = e;
                trim(s, &f[nf][0], &f[nf][1]);
            }
            nf++;
            if (e >= b)
                break;
            c = e + 1;
        }
        if (!seen_row) {
            seen_row = 1;
            if (field_is(s, f[0][0], f[0][1], "term"))
                continue; /* header */
        }
        if (nf < 3)
            return att_seterr(err, errlen, ATT_ERR_FORMAT,
                              "line %zu: expected 3 tab-separated columns (term, polarity, weight), got %zu",
                              line, nf);
        if (f[0][0] == f[0][1])
            return att_seterr(err, errlen, ATT_ERR_FORMAT, "line %zu: empty term", line);
        int pol;
        if (parse_polarity(s, f[1][0], f[1][1], &pol) != 0)
            return att_seterr(err, errlen, ATT_ERR_FORMAT, "line %zu: polarity must be +1 or -1, got \"%.*s\"",
                              line, (int)(f[1][1] - f[1][0]), s + f[1][0]);
        double w;
        if (parse_weight(s, f[2][0], f[2][1], &w) != 0)
            return att_seterr(err, errlen, ATT_ERR_FORMAT, "line %zu: weight must be a number from 1 to 3, got \"%.*s\"",
                              line, (int)(f[2][1] - f[2][0]), s + f[2][0]);
        att_status st = add_row(lx, s, f[0][0], f[0][1], pol, w, line, err, errlen);
        if (st != ATT_OK)
            return st;
    }
    if (lx->n == 0)
        return att_seterr(err, errlen, ATT_ERR_EMPTY, "tone lexicon has no term");
    return ATT_OK;
}

att_status att_tone_lexicon_load(att_vocab *vocab, const char *tsv, size_t len, att_tone_lexicon **out,
                                 char *err, size_t errlen)
{
    *out = NULL;
    if (!vocab || (!tsv && len))
        return att_seterr(err, errlen, ATT_ERR_USAGE, "att_tone_lexicon_load: no vocabulary or text");
    att_tone_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx || !(lx->trie = att_trie_new())) {
        free(lx);
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    }
    lx->vocab = vocab;
    for (size_t i = 0; i < 4; i++)
        if (!(lx->negators[i] = att_vocab_add(vocab, NEGATORS[i], strlen(NEGATORS[i])))) {
            att_tone_lexicon_free(lx);
            return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
        }
    att_status st = parse(lx, tsv ? tsv : "", len, err, errlen);
    if (st != ATT_OK) {
        if (st == ATT_ERR_NOMEM)
            att_seterr(err, errlen, st, "out of memory");
        att_tone_lexicon_free(lx);
        return st;
    }
    *out = lx;
    return ATT_OK;
}

static int is_negator(const att_tone_lexicon *lx, uint32_t id)
{
    if (!id)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (lx->negators[i] == id)
            return 1;
    return 0;
}

static void count(const att_tone_lexicon *lx, int entry, int flip, att_tone *acc)
{
    const tone_entry *e = &lx->entries[entry];
    int pol = flip ? -e->polarity : e->polarity;
    if (pol > 0)
        acc->positive += e->weight;
    else
        acc->negative += e->weight;
}

void att_tone_add(const att_tone_lexicon *lx, const att_token *toks, size_t n, att_tone *acc)
{
    acc->words += n;
    const int *vals;
    size_t nv;
    size_t i = 0;
    while (i < n) {
        size_t m = att_trie_match(lx->trie, toks, n, i, 1, &vals, &nv);
        int entry = m ? vals[0] : -1;
        if (m <= 1 && is_negator(lx, toks[i].id) && i + 1 < n && !toks[i + 1].gap_before) {
            /* a negator modifies the term that follows, unless the lexicon
             * has a longer phrase beginning with the negator itself */
            const int *v2;
            size_t n2;
            size_t m2 = att_trie_match(lx->trie, toks, n, i + 1, 1, &v2, &n2);
            if (m2) {
                count(lx, v2[0], 1, acc);
                i += 1 + m2;
                continue;
            }
        }
        if (m) {
            count(lx, entry, 0, acc);
            i += m;
        } else {
            i++;
        }
    }
}

att_tone_scores att_tone_finish(const att_tone *acc)
{
    att_tone_scores s = {0, 0, 0, 0, acc->words};
    if (acc->words == 0)
        return s;
    s.positive = acc->positive * 100.0 / (double)acc->words;
    s.negative = acc->negative * 100.0 / (double)acc->words;
    s.tone = s.positive - s.negative;
    s.polarity = s.positive + s.negative;
    return s;
}
