/* snippet.c - search-hit extracts with highlighted query words; see snippet.h. */
#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

#define MAX_TERMS 64  /* query words: one bit each in a text word's mask */
#define MAX_NODES 256 /* strings and operators of the query */
#define MAX_DEPTH 32  /* nested parentheses */
#define CONTEXT 3     /* words shown before the first match of the window */

typedef struct term {
    char *key;     /* exact key if typed with diacritics, else folded key */
    int use_exact; /* compare with a word's exact key (else its folded key) */
    int prefix;    /* "word*": the folded key starts with key */
} term;

/* A node of the query: a quoted string (its words are terms [first,
 * first + count)) or an operator over its children (kid, then each
 * child's next; NOT: the kept side, then the excluded one). */
enum { N_STRING, N_AND, N_OR, N_NOT };
typedef struct node {
    int kind, first, count, kid, next;
} node;

struct att_snippet_terms {
    term v[MAX_TERMS];
    size_t n;
    node nodes[MAX_NODES];
    int nn, root; /* root -1: nothing to highlight */
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

/* Add the words of one quoted string; the last one is a prefix if asked.
 * Returns how many were added (0 past MAX_TERMS), -1 out of memory. */
static int add_words(att_snippet_terms *t, const char *s, size_t n, int prefix)
{
    size_t pos = 0, a, b, from = t->n;
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
    if (ok && prefix && t->n > from) { /* prefix queries are folded (see att_query_to_fts) */
        t->v[t->n - 1].prefix = 1;
        t->v[t->n - 1].use_exact = 0;
    }
    att_buf_free(&e);
    att_buf_free(&f);
    return ok ? (int)(t->n - from) : -1;
}

/* ---- the query's structure: recursive descent over its FTS5 form, with
 * FTS5's precedence (NOT, then AND, then OR) ---- */

typedef struct parser {
    att_snippet_terms *t;
    const char *p;
    att_buf s;
    int nomem;
} parser;

static void skip_spaces(parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
        ps->p++;
}

/* Is the next token the operator op?  Consumes it if so. */
static int take_op(parser *ps, const char *op)
{
    skip_spaces(ps);
    size_t l = strlen(op);
    if (strncmp(ps->p, op, l) != 0)
        return 0;
    char c = ps->p[l];
    if (c && c != ' ' && c != '"' && c != '(' && c != ')')
        return 0;
    ps->p += l;
    return 1;
}

static int new_node(parser *ps, int kind, int a, int b)
{
    if (ps->t->nn >= MAX_NODES)
        return a;
    node *x = &ps->t->nodes[ps->t->nn];
    x->kind = kind;
    x->first = x->count = 0;
    x->kid = a;
    x->next = -1;
    if (a >= 0)
        ps->t->nodes[a].next = b;
    return ps->t->nn++;
}

/* a op b; either may be -1 (nothing).  A chain of one operator is one
 * node with several children. */
static int combine(parser *ps, int kind, int a, int b)
{
    if (a < 0 || b < 0)
        return kind == N_NOT ? a : a < 0 ? b : a;
    node *v = ps->t->nodes;
    if (kind != N_NOT && v[a].kind == kind) {
        int k = v[a].kid;
        while (v[k].next >= 0)
            k = v[k].next;
        v[k].next = b;
        return a;
    }
    return new_node(ps, kind, a, b);
}

static int parse_or(parser *ps, int depth);

/* A quoted string (with an optional " *") or a group; -1 for nothing. */
static int parse_primary(parser *ps, int depth)
{
    skip_spaces(ps);
    if (*ps->p == '(') {
        ps->p++;
        if (depth >= MAX_DEPTH) { /* too deep: the group is left out */
            for (int level = 1; *ps->p && level; ps->p++)
                level += *ps->p == '(' ? 1 : *ps->p == ')' ? -1 : 0;
            return -1;
        }
        int e = parse_or(ps, depth + 1);
        skip_spaces(ps);
        if (*ps->p == ')')
            ps->p++;
        return e;
    }
    if (*ps->p != '"') {
        if (*ps->p && *ps->p != ')')
            ps->p++; /* a stray character: ignored */
        return -1;
    }
    att_buf_clear(&ps->s);
    ps->p++;
    while (*ps->p && !(ps->p[0] == '"' && ps->p[1] != '"')) { /* "" is a quote inside */
        if (att_buf_putc(&ps->s, *ps->p) != ATT_OK)
            ps->nomem = 1;
        ps->p += ps->p[0] == '"' ? 2 : 1;
    }
    if (*ps->p)
        ps->p++;
    const char *r = ps->p;
    while (*r == ' ')
        r++;
    int prefix = *r == '*';
    if (prefix)
        ps->p = r + 1;
    int first = (int)ps->t->n, k = ps->s.len ? add_words(ps->t, ps->s.data, ps->s.len, prefix) : 0;
    if (k < 0)
        ps->nomem = 1;
    if (k <= 0)
        return -1;
    int x = new_node(ps, N_STRING, -1, -1);
    if (x < 0 || ps->t->nodes[x].kind != N_STRING)
        return -1;
    ps->t->nodes[x].first = first;
    ps->t->nodes[x].count = k;
    return x;
}

/* sub (op sub)*: a chain of one operator over the level below it. */
static int parse_chain(parser *ps, int depth, const char *op, int kind, int (*sub)(parser *, int))
{
    int a = sub(ps, depth);
    while (take_op(ps, op))
        a = combine(ps, kind, a, sub(ps, depth));
    return a;
}

static int parse_not(parser *ps, int depth) { return parse_chain(ps, depth, "NOT", N_NOT, parse_primary); }

/* NOT chains joined by AND, written or implied (juxtaposed strings). */
static int parse_and(parser *ps, int depth)
{
    int a = parse_not(ps, depth);
    for (;;) {
        const char *before = ps->p;
        if (!take_op(ps, "AND")) {
            skip_spaces(ps);
            if (*ps->p != '"' && *ps->p != '(')
                break;
        }
        a = combine(ps, N_AND, a, parse_not(ps, depth));
        if (ps->p == before)
            break;
    }
    return a;
}

static int parse_or(parser *ps, int depth) { return parse_chain(ps, depth, "OR", N_OR, parse_and); }

att_snippet_terms *att_snippet_terms_new(const char *q)
{
    att_snippet_terms *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    parser ps = {t, q, ATT_BUF_INIT, 0};
    t->root = -1;
    for (;;) {
        skip_spaces(&ps);
        if (!*ps.p || ps.nomem)
            break;
        const char *before = ps.p;
        int e = parse_or(&ps, 0);
        t->root = combine(&ps, N_AND, t->root, e);
        if (ps.p == before) /* a token no rule takes (a stray ')' or operator) */
            ps.p++;
    }
    att_buf_free(&ps.s);
    if (ps.nomem) {
        att_snippet_terms_free(t);
        return NULL;
    }
    return t;
}

/* The terms a word matches, one bit each (0: none). */
static uint64_t match_word(const att_snippet_terms *t, const char *w, size_t n, att_buf *e, att_buf *f)
{
    if (!t->n)
        return 0;
    int first = folded_first(w, n, f);
    if (first >= 0 && !(t->first[first >> 6] >> (first & 63) & 1))
        return 0;
    att_buf_clear(e);
    att_buf_clear(f);
    if (att_word_keys(w, n, e, f) < 0)
        return 0;
    uint64_t m = 0;
    for (size_t i = 0; i < t->n; i++) {
        const term *k = &t->v[i];
        const att_buf *key = k->use_exact ? e : f;
        size_t kl = strlen(k->key);
        if (k->prefix ? key->len >= kl && !memcmp(key->data, k->key, kl)
                      : key->len == kl && !memcmp(key->data, k->key, kl))
            m |= (uint64_t)1 << i;
    }
    return m;
}

typedef struct word {
    size_t start, end;
    uint64_t terms; /* the terms it matches */
    int hl;         /* highlighted: the first term of its string; -1 not */
} word;

/* Does the string of terms [first, first + count) stand at word i? */
static int string_at(const word *w, size_t nw, size_t i, int first, int count)
{
    if (i + (size_t)count > nw)
        return 0;
    for (int k = 0; k < count; k++)
        if (!(w[i + k].terms >> (first + k) & 1))
            return 0;
    return 1;
}

static int string_found(const word *w, size_t nw, int first, int count)
{
    for (size_t i = 0; i < nw; i++)
        if (string_at(w, nw, i, first, count))
            return 1;
    return 0;
}

/* Do terms [first, first + count) stand in this order from word i, with
 * at most WHOLE_GAP other words between two of them ("Nhật Bản và Hàn
 * Quốc" says "Nhật Bản Hàn Quốc")? */
#define WHOLE_GAP 1
static int near_at(const word *w, size_t nw, size_t i, int first, int count)
{
    if (!(w[i].terms >> first & 1))
        return 0;
    size_t j = i;
    for (int k = 1; k < count; k++) {
        size_t p = j + 1;
        while (p < nw && p <= j + 1 + WHOLE_GAP && !(w[p].terms >> (first + k) & 1))
            p++;
        if (p >= nw || p > j + 1 + WHOLE_GAP)
            return 0;
        j = p;
    }
    return 1;
}

/* The terms of node x's children when it is an AND of strings whose
 * terms follow each other: [*first, *first + *count).  0 otherwise. */
static int and_of_strings(const att_snippet_terms *t, int x, int *first, int *count)
{
    const node *v = t->nodes;
    if (v[x].kind != N_AND)
        return 0;
    int f = -1, end = 0;
    for (int k = v[x].kid; k >= 0; k = v[k].next) {
        if (v[k].kind != N_STRING || (f >= 0 && v[k].first != end))
            return 0;
        if (f < 0)
            f = v[k].first;
        end = v[k].first + v[k].count;
    }
    *first = f;
    *count = end - f;
    return f >= 0;
}

/* Does node x match the text's words?  whole: an AND of strings must
 * stand together, in order (att_snippet_whole). */
static int matches(const att_snippet_terms *t, int x, const word *w, size_t nw, int whole)
{
    const node *v = t->nodes;
    int first, count;
    switch (v[x].kind) {
    case N_STRING:
        return string_found(w, nw, v[x].first, v[x].count);
    case N_AND:
        if (whole && and_of_strings(t, x, &first, &count)) {
            for (size_t i = 0; i < nw; i++)
                if (near_at(w, nw, i, first, count))
                    return 1;
            return 0;
        }
        for (int k = v[x].kid; k >= 0; k = v[k].next)
            if (!matches(t, k, w, nw, whole))
                return 0;
        return 1;
    case N_OR:
        for (int k = v[x].kid; k >= 0; k = v[k].next)
            if (matches(t, k, w, nw, whole))
                return 1;
        return 0;
    default: /* N_NOT */
        return matches(t, v[x].kid, w, nw, whole) &&
               (v[v[x].kid].next < 0 || !matches(t, v[v[x].kid].next, w, nw, whole));
    }
}

/* Mark the words node x highlights (see snippet.h). */
static void highlight(const att_snippet_terms *t, int x, word *w, size_t nw)
{
    const node *v = t->nodes;
    switch (v[x].kind) {
    case N_STRING:
        for (size_t i = 0; i < nw; i++)
            if (string_at(w, nw, i, v[x].first, v[x].count))
                for (int k = 0; k < v[x].count; k++)
                    w[i + (size_t)k].hl = v[x].first;
        break;
    case N_AND:
        for (int k = v[x].kid; k >= 0; k = v[k].next)
            highlight(t, k, w, nw);
        break;
    case N_OR: {
        int any = 0;
        for (int k = v[x].kid; k >= 0; k = v[k].next)
            if (matches(t, k, w, nw, 0)) {
                highlight(t, k, w, nw);
                any = 1;
            }
        for (int k = v[x].kid; !any && k >= 0; k = v[k].next)
            highlight(t, k, w, nw);
        break;
    }
    default: /* N_NOT: the kept side */
        highlight(t, v[x].kid, w, nw);
    }
}

static int popcount64(uint64_t x)
{
    int c = 0;
    for (; x; x &= x - 1)
        c++;
    return c;
}

/* First word of the best window: the max_words words from a highlighted
 * word with the most distinct strings, then the most highlighted words,
 * then the earliest; it is moved up to CONTEXT words back when the
 * highlights leave room. */
static size_t best_start(const word *w, size_t nw, size_t max_words)
{
    size_t best = 0, best_last = 0;
    int best_distinct = 0, best_hits = 0;
    for (size_t i = 0; i < nw; i++) {
        if (w[i].hl < 0)
            continue;
        uint64_t seen = 0;
        int hits = 0;
        size_t last = i;
        for (size_t j = i; j < nw && j < i + max_words; j++)
            if (w[j].hl >= 0) {
                seen |= (uint64_t)1 << w[j].hl;
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

/* The words of text with the terms each matches; NULL out of memory
 * (*nw 0 for an empty text gives a non-NULL array). */
static word *read_words(const char *text, size_t n, const att_snippet_terms *t, size_t *nw)
{
    size_t cap = 64, pos = 0, a, b;
    word *w = malloc(cap * sizeof *w);
    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT;
    *nw = 0;
    while (w && att_next_word(text, n, &pos, &a, &b)) {
        if (*nw == cap) {
            cap *= 2;
            word *v = realloc(w, cap * sizeof *w);
            if (!v) {
                free(w);
                w = NULL;
                break;
            }
            w = v;
        }
        w[*nw].start = a;
        w[*nw].end = b;
        w[*nw].terms = match_word(t, text + a, b - a, &e, &f);
        w[*nw].hl = -1;
        (*nw)++;
    }
    att_buf_free(&e);
    att_buf_free(&f);
    return w;
}

int att_snippet_whole(const char *text, size_t n, const att_snippet_terms *t)
{
    if (t->root < 0)
        return 0;
    size_t nw;
    word *w = read_words(text, n, t, &nw);
    int r = w && matches(t, t->root, w, nw, 1);
    free(w);
    return r;
}

char *att_snippet(const char *text, size_t n, const att_snippet_terms *t, const char *open,
                  const char *close, size_t max_words)
{
    size_t nw = 0;
    att_buf out = ATT_BUF_INIT;
    if (!max_words)
        max_words = 1;
    word *w = read_words(text, n, t, &nw);
    if (!w)
        return NULL;
    if (t->root >= 0)
        highlight(t, t->root, w, nw);
    att_status st = ATT_OK;
    size_t from = best_start(w, nw, max_words);
    if (from + max_words > nw) /* near the end: fill the window backwards */
        from = nw > max_words ? nw - max_words : 0;
    size_t to = from + max_words < nw ? from + max_words : nw;
    if (from > 0)
        st = att_buf_puts(&out, "…");
    for (size_t i = from; st == ATT_OK && i < to; i++) {
        if (i > from)
            st = put_flat(&out, text + w[i - 1].end, w[i].start - w[i - 1].end);
        /* highlighted words next to each other ("trừng phạt") share one mark */
        int joined_before = i > from && w[i - 1].hl >= 0 && spaced(text, w[i - 1].end, w[i].start);
        int joined_after = i + 1 < to && w[i + 1].hl >= 0 && spaced(text, w[i].end, w[i + 1].start);
        if (st == ATT_OK && w[i].hl >= 0 && !joined_before)
            st = att_buf_puts(&out, open);
        if (st == ATT_OK)
            st = att_buf_append(&out, text + w[i].start, w[i].end - w[i].start);
        if (st == ATT_OK && w[i].hl >= 0 && !joined_after)
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
    if (st != ATT_OK) {
        att_buf_free(&out);
        return NULL;
    }
    return att_buf_steal(&out);
}
