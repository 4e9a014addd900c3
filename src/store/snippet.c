/* snippet.c - search-hit extracts with highlighted query words; see snippet.h. */
#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

#define MAX_TERMS 64 /* distinct-term counting uses one bit per term */
#define CONTEXT 3    /* words shown before the first match of the window */

typedef struct term {
    char *key;     /* exact key if typed with diacritics, else folded key */
    int use_exact; /* compare with a word's exact key (else its folded key) */
    int prefix;    /* "word*": the folded key starts with key */
} term;

struct att_snippet_terms {
    term v[MAX_TERMS];
    size_t n;
    /* the first byte of each term's folded key: a word whose folded first
     * letter is none of them matches no term, and its keys (a cache
     * look-up per word of every hit's text) are not computed */
    uint64_t first[4];
};

/* The first byte of the folded form of the first letter of w[0..n), or
 * -1 when it cannot be told (then every term must be tried). */
static int folded_first(const char *w, size_t n, att_buf *tmp)
{
    unsigned char c = (unsigned char)w[0];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    unsigned cp;
    size_t len = att_utf8_decode_valid((const unsigned char *)w, n, &cp);
    att_buf_clear(tmp);
    if (att_fold(w, len, tmp) != ATT_OK || !tmp->len)
        return -1;
    return (unsigned char)tmp->data[0];
}

void att_snippet_terms_free(att_snippet_terms *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].key);
    free(t);
}

/* Add the words of one quoted string; the last one is a prefix if asked. */
static int add_words(att_snippet_terms *t, const char *s, size_t n, int prefix)
{
    size_t pos = 0, a, b;
    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT;
    int ok = 1;
    while (ok && t->n < MAX_TERMS && att_next_word(s, n, &pos, &a, &b)) {
        att_buf_clear(&e);
        att_buf_clear(&f);
        int differs = att_word_keys(s + a, b - a, &e, &f);
        if (differs < 0) {
            ok = 0;
            break;
        }
        const att_buf *k = differs ? &e : &f;
        term *w = &t->v[t->n];
        if (!(w->key = strndup(k->data, k->len))) {
            ok = 0;
            break;
        }
        w->use_exact = differs;
        w->prefix = 0;
        int first = folded_first(f.data, f.len, &e);
        if (first < 0) /* no filter: every word is tried */
            memset(t->first, 0xff, sizeof t->first);
        else
            t->first[first >> 6] |= (uint64_t)1 << (first & 63);
        t->n++;
    }
    if (ok && prefix && t->n) { /* prefix queries are folded (see att_query_to_fts) */
        t->v[t->n - 1].prefix = 1;
        t->v[t->n - 1].use_exact = 0;
    }
    att_buf_free(&e);
    att_buf_free(&f);
    return ok;
}

att_snippet_terms *att_snippet_terms_new(const char *q)
{
    att_snippet_terms *t = calloc(1, sizeof *t);
    att_buf s = ATT_BUF_INIT;
    if (!t)
        return NULL;
    const char *p = q;
    while ((p = strchr(p, '"'))) {
        att_buf_clear(&s);
        p++;
        while (*p && !(p[0] == '"' && p[1] != '"')) { /* "" is a quote inside */
            if (att_buf_putc(&s, *p) != ATT_OK)
                goto nomem;
            p += p[0] == '"' ? 2 : 1;
        }
        if (*p)
            p++;
        const char *r = p;
        while (*r == ' ')
            r++;
        if (s.len && !add_words(t, s.data, s.len, *r == '*'))
            goto nomem;
    }
    att_buf_free(&s);
    return t;
nomem:
    att_buf_free(&s);
    att_snippet_terms_free(t);
    return NULL;
}

/* Index of the term a word matches, -1 if none. */
static int match_word(const att_snippet_terms *t, const char *w, size_t n, att_buf *e, att_buf *f)
{
    if (!t->n)
        return -1;
    int first = folded_first(w, n, f);
    if (first >= 0 && !(t->first[first >> 6] >> (first & 63) & 1))
        return -1;
    att_buf_clear(e);
    att_buf_clear(f);
    if (att_word_keys(w, n, e, f) < 0)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const term *k = &t->v[i];
        const att_buf *key = k->use_exact ? e : f;
        size_t kl = strlen(k->key);
        if (k->prefix ? key->len >= kl && !memcmp(key->data, k->key, kl)
                      : key->len == kl && !memcmp(key->data, k->key, kl))
            return (int)i;
    }
    return -1;
}

typedef struct word {
    size_t start, end;
    int term; /* matched term, -1 if none */
} word;

static int popcount64(uint64_t x)
{
    int c = 0;
    for (; x; x &= x - 1)
        c++;
    return c;
}

/* First word of the best window: the max_words words from a match with
 * the most distinct terms, then the most matches, then the earliest; it is
 * moved up to CONTEXT words back when the matches leave room. */
static size_t best_start(const word *w, size_t nw, size_t max_words)
{
    size_t best = 0, best_last = 0;
    int best_distinct = 0, best_hits = 0;
    for (size_t i = 0; i < nw; i++) {
        if (w[i].term < 0)
            continue;
        uint64_t seen = 0;
        int hits = 0;
        size_t last = i;
        for (size_t j = i; j < nw && j < i + max_words; j++)
            if (w[j].term >= 0) {
                seen |= (uint64_t)1 << w[j].term;
                hits++;
                last = j;
            }
        int distinct = popcount64(seen);
        if (distinct > best_distinct || (distinct == best_distinct && hits > best_hits)) {
            best = i;
            best_last = last;
            best_distinct = distinct;
            best_hits = hits;
        }
    }
    if (!best_distinct)
        return 0;
    size_t room = max_words - (best_last - best + 1), back = CONTEXT < room ? CONTEXT : room;
    return best > back ? best - back : 0;
}

/* Is text[a..b) one or more plain spaces? */
static int spaced(const char *text, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    for (size_t i = a; i < b; i++)
        if (text[i] != ' ')
            return 0;
    return 1;
}

/* Append text with paragraph breaks as spaces. */
static att_status put_flat(att_buf *out, const char *s, size_t n)
{
    size_t o = out->len;
    att_status st = att_buf_append(out, s, n);
    for (size_t i = o; st == ATT_OK && i < out->len; i++)
        if (out->data[i] == '\n' || out->data[i] == '\r')
            out->data[i] = ' ';
    return st;
}

char *att_snippet(const char *text, size_t n, const att_snippet_terms *t, const char *open,
                  const char *close, size_t max_words)
{
    word *w = NULL;
    size_t nw = 0, cap = 0, pos = 0, a, b;
    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT, out = ATT_BUF_INIT;
    att_status st = ATT_OK;
    if (!max_words)
        max_words = 1;
    while (att_next_word(text, n, &pos, &a, &b)) {
        if (nw == cap) {
            cap = cap ? cap * 2 : 256;
            word *v = realloc(w, cap * sizeof *w);
            if (!v) {
                st = ATT_ERR_NOMEM;
                break;
            }
            w = v;
        }
        w[nw].start = a;
        w[nw].end = b;
        w[nw].term = match_word(t, text + a, b - a, &e, &f);
        nw++;
    }
    size_t from = st == ATT_OK ? best_start(w, nw, max_words) : 0;
    if (from + max_words > nw) /* near the end: fill the window backwards */
        from = nw > max_words ? nw - max_words : 0;
    size_t to = from + max_words < nw ? from + max_words : nw;
    if (st == ATT_OK && from > 0)
        st = att_buf_puts(&out, "…");
    for (size_t i = from; st == ATT_OK && i < to; i++) {
        if (i > from)
            st = put_flat(&out, text + w[i - 1].end, w[i].start - w[i - 1].end);
        /* matched words next to each other ("trừng phạt") share one mark */
        int joined_before = i > from && w[i - 1].term >= 0 && spaced(text, w[i - 1].end, w[i].start);
        int joined_after = i + 1 < to && w[i + 1].term >= 0 && spaced(text, w[i].end, w[i + 1].start);
        if (st == ATT_OK && w[i].term >= 0 && !joined_before)
            st = att_buf_puts(&out, open);
        if (st == ATT_OK)
            st = att_buf_append(&out, text + w[i].start, w[i].end - w[i].start);
        if (st == ATT_OK && w[i].term >= 0 && !joined_after)
            st = att_buf_puts(&out, close);
    }
    if (st == ATT_OK && to < nw) {
        st = att_buf_puts(&out, "…");
    } else if (st == ATT_OK && to > from) { /* the end of the text: its last punctuation too */
        size_t tail = n, last = w[to - 1].end;
        while (tail > last && (text[tail - 1] == ' ' || text[tail - 1] == '\n' || text[tail - 1] == '\r'))
            tail--;
        st = put_flat(&out, text + last, tail - last);
    }
    if (st == ATT_OK && !out.data)
        st = att_buf_append(&out, "", 0);
    free(w);
    att_buf_free(&e);
    att_buf_free(&f);
    if (st != ATT_OK) {
        att_buf_free(&out);
        return NULL;
    }
    return att_buf_steal(&out);
}
