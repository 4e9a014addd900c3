/*
 * text_dedupe.c - drop paragraphs that repeat other text (pull quotes,
 * the lead repeated as the first paragraph, duplicates); see
 * text_internal.h.
 *
 * Each paragraph's word-trigram shingles are hashed once.  Instead of
 * comparing all pairs, an inverted index (hash table: trigram -> the
 * paragraphs holding it) finds, for every paragraph, the others sharing its
 * trigrams, so the cost stays near-linear in the text size.  Trigrams shared by many paragraphs
 * carry no evidence of copying and are skipped.
 */
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "text_internal.h"

#define CONTAINED 0.8     /* share of a paragraph's trigrams found elsewhere */
#define MIN_SHINGLES 5    /* shorter paragraphs are never judged copies */
#define MAX_POSTINGS 32   /* trigrams in more paragraphs than this are skipped */

typedef struct para {
    size_t item;        /* index into doc->it */
    att_shingles full;  /* the whole paragraph */
    att_shingles core;  /* the quotation inside a pull quote (may be empty) */
    int quote_shaped;   /* starts with a quote, "Name: “...”" or "“...”. Name" */
    int dropped;
} para;

/* Byte length of an opening (want_open) or closing double quote at s. */
static size_t quote_at(const char *s, size_t n, int want_open)
{
    if (n >= 1 && s[0] == '"')
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == (want_open ? 0x9C : 0x9D))
        return 3;
    return 0;
}

/* The quotation of a pull quote: from an opening quote near the start to the
 * last closing quote, when it is most of the paragraph.  Sets [*a, *b) to
 * the quoted text and *open to where the opening quote starts. */
static int quote_core(const char *s, size_t n, size_t *open, size_t *a, size_t *b)
{
    size_t o = n, ol = 0, close = n;
    for (size_t i = 0; i < n && i < 120; i++)
        if ((ol = quote_at(s + i, n - i, 1)) > 0) {
            o = i;
            break;
        }
    if (o == n)
        return 0;
    for (size_t i = n; i-- > o + ol;)
        if (quote_at(s + i, n - i, 0) > 0) {
            close = i;
            break;
        }
    if (close == n || close - (o + ol) < n / 2)
        return 0;
    *open = o;
    *a = o + ol;
    *b = close;
    return 1;
}

static att_status build_para(para *p, const tx_item *it)
{
    size_t open, a, b;
    att_status st = att_boiler_shingles(it->s, it->n, &p->full);
    if (st != ATT_OK || !quote_core(it->s, it->n, &open, &a, &b))
        return st;
    /* pull quotes open with the quote ("“...”. Đại sứ X") or with a short
     * "Name: " in front of it */
    const char *pre = it->s;
    size_t pn = open;
    att_boiler_trim(&pre, &pn);
    p->quote_shaped = pn == 0 || (pre[pn - 1] == ':' && att_boiler_words(pre, pn) <= 6);
    /* the quotation alone is a second view only when text sits around it */
    if (att_boiler_words(it->s, open) + att_boiler_words(it->s + b, it->n - b) > 0)
        st = att_boiler_shingles(it->s + a, b - a, &p->core);
    return st;
}

/* Inverted index: trigram hash -> the paragraphs containing it, as an
 * open-addressing table of chains threaded through the postings.  32-bit
 * links keep it small (the table is touched once per trigram). */
typedef struct slot {
    uint64_t h;
    uint32_t first; /* latest posting with this hash, NO_POSTING if empty */
    uint32_t count;
} slot;

#define NO_POSTING UINT32_MAX

typedef struct tindex {
    slot *tab;
    size_t cap;
    uint32_t *para; /* posting -> paragraph */
    uint32_t *next; /* posting -> previous posting of the same hash */
} tindex;

static size_t slot_of(const tindex *ix, uint64_t h)
{
    size_t i = (size_t)(((h >> 32) * (uint64_t)ix->cap) >> 32); /* uniform in [0, cap) */
    while (ix->tab[i].first != NO_POSTING && ix->tab[i].h != h)
        i = i + 1 == ix->cap ? 0 : i + 1;
    return i;
}

static att_status index_build(tindex *ix, const para *v, size_t m)
{
    size_t total = 0;
    for (size_t i = 0; i < m; i++)
        total += v[i].dropped ? 0 : v[i].full.n;
    ix->cap = total + total / 2 + 16; /* load factor <= 2/3 */
    ix->tab = malloc(ix->cap * sizeof *ix->tab);
    ix->para = malloc((total + 1) * sizeof *ix->para);
    ix->next = malloc((total + 1) * sizeof *ix->next);
    if (!ix->tab || !ix->para || !ix->next)
        return ATT_ERR_NOMEM;
    for (size_t i = 0; i < ix->cap; i++)
        ix->tab[i].first = NO_POSTING;
    uint32_t k = 0;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; !v[i].dropped && j < v[i].full.n; j++, k++) {
            slot *sl = &ix->tab[slot_of(ix, v[i].full.h[j])];
            if (sl->first == NO_POSTING) {
                sl->h = v[i].full.h[j];
                sl->count = 0;
            }
            ix->para[k] = (uint32_t)i;
            ix->next[k] = sl->first;
            sl->first = k;
            sl->count++;
        }
    return ATT_OK;
}

static void index_free(tindex *ix)
{
    free(ix->tab);
    free(ix->para);
    free(ix->next);
}

/* How much of p (whole or its quotation) is contained in q. */
static double contained(const para *p, const para *q)
{
    double c = p->full.n >= MIN_SHINGLES ? att_boiler_shingles_containment(&p->full, &q->full) : 0;
    if (p->core.n >= MIN_SHINGLES) {
        double k = att_boiler_shingles_containment(&p->core, &q->full);
        if (k > c)
            c = k;
    }
    return c;
}

/* p is mostly contained in q: drop the copy.  If each contains the other
 * (a duplicate), drop the pull-quote-shaped one, else the later one. */
static void judge(para *v, size_t p, size_t q)
{
    size_t victim = p;
    if (contained(&v[q], &v[p]) >= CONTAINED) {
        if (v[p].quote_shaped != v[q].quote_shaped)
            victim = v[p].quote_shaped ? p : q;
        else
            victim = p > q ? p : q;
    }
    v[victim].dropped = 1;
}

/* Count, per other paragraph, the trigrams of sh it shares; judge those
 * that contain most of sh. */
static void probe(para *v, size_t p, const att_shingles *sh, const tindex *ix, size_t *cnt,
                  size_t *stamp, size_t *touched, size_t round)
{
    size_t nt = 0;
    for (size_t k = 0; k < sh->n; k++) {
        const slot *sl = &ix->tab[slot_of(ix, sh->h[k])];
        if (sl->first == NO_POSTING || sl->count < 2 || sl->count > MAX_POSTINGS)
            continue;
        for (uint32_t j = sl->first; j != NO_POSTING; j = ix->next[j]) {
            size_t q = ix->para[j];
            if (q == p)
                continue;
            if (stamp[q] != round) {
                stamp[q] = round;
                cnt[q] = 0;
                touched[nt++] = q;
            }
            cnt[q]++;
        }
    }
    for (size_t t = 0; t < nt && !v[p].dropped; t++) {
        size_t q = touched[t];
        if (!v[q].dropped && (double)cnt[q] >= CONTAINED * (double)sh->n)
            judge(v, p, q);
    }
}

static att_status find_copies(para *v, size_t m)
{
    tindex ix = {NULL, 0, NULL, NULL};
    size_t total = 0;
    for (size_t i = 0; i < m; i++)
        total += v[i].full.n;
    if (!m || total >= NO_POSTING / 2)
        return ATT_OK; /* nothing to compare, or beyond 32-bit links: keep all */
    size_t *work = calloc(3 * m, sizeof *work);
    att_status st = work ? index_build(&ix, v, m) : ATT_ERR_NOMEM;
    size_t *cnt = work, *stamp = work + m, *touched = work + 2 * m, round = 0;
    for (size_t p = 0; st == ATT_OK && p < m; p++) {
        if (!v[p].dropped && v[p].full.n >= MIN_SHINGLES)
            probe(v, p, &v[p].full, &ix, cnt, stamp, touched, ++round);
        if (!v[p].dropped && v[p].core.n >= MIN_SHINGLES)
            probe(v, p, &v[p].core, &ix, cnt, stamp, touched, ++round);
    }
    index_free(&ix);
    free(work);
    return st;
}

att_status tx_dedupe(tx_doc *doc, const char *lead, size_t lead_n)
{
    size_t m = 0;
    for (size_t i = 0; i < doc->n; i++)
        m += doc->it[i].role == TX_TEXT;
    if (!m)
        return ATT_OK;
    para *v = calloc(m, sizeof *v);
    att_shingles ls = {NULL, 0};
    att_status st = v ? ATT_OK : ATT_ERR_NOMEM;
    for (size_t i = 0, k = 0; st == ATT_OK && i < doc->n; i++)
        if (doc->it[i].role == TX_TEXT) {
            v[k].item = i;
            st = build_para(&v[k++], &doc->it[i]);
        }
    if (st == ATT_OK && lead)
        st = att_boiler_shingles(lead, lead_n, &ls);
    /* the lead repeated as a body paragraph: keep the lead only */
    for (size_t k = 0; st == ATT_OK && k < m; k++)
        if (v[k].full.n >= MIN_SHINGLES && ls.n &&
            att_boiler_shingles_containment(&v[k].full, &ls) >= CONTAINED)
            v[k].dropped = 1;
    if (st == ATT_OK)
        st = find_copies(v, m);
    for (size_t k = 0; v && k < m; k++) {
        if (st == ATT_OK && v[k].dropped)
            doc->it[v[k].item].role = TX_DROP;
        att_boiler_shingles_free(&v[k].full);
        att_boiler_shingles_free(&v[k].core);
    }
    att_boiler_shingles_free(&ls);
    free(v);
    return st;
}
