/*
 * lsh.c - banded LSH index over MinHash signatures; see minhash.h.
 *
 * Layout: each added signature gets a dense index s (insertion order) and
 * ids[s] holds its caller id.  Band j of a signature is hashed, with j, to a
 * 64-bit key; an open-addressing table maps keys to buckets, and a bucket is
 * a singly linked list of postings {s, next} kept in insertion order (head
 * and tail), all postings in one array.  A query looks up its `bands` keys
 * and merges the (ascending) lists with a small heap on the stack, which
 * yields distinct candidates in insertion order without allocating.
 * A separate id table rejects duplicate ids.
 *
 * Two different bands colliding on a 64-bit key only adds a false
 * candidate; callers verify candidates with att_minhash_jaccard anyway.
 */
#include <stdlib.h>
#include <string.h>

#include "minhash.h"
#include "hash_mix.h"

#define NONE UINT32_MAX
#define MAX_COUNT (UINT32_MAX - 1u)
#define SEED_BAND 0x5851F42D4C957F2DULL
#define MUL_BAND 0x9FB21C651E98DF25ULL

typedef struct bucket {
    uint64_t key;
    uint32_t head, tail; /* head == NONE: empty slot */
} bucket;

typedef struct posting {
    uint32_t sig, next;
} posting;

typedef struct idslot {
    int64_t id;
    uint32_t sig1; /* signature index + 1; 0: empty slot */
} idslot;

struct att_lsh {
    int bands, rows;
    int64_t *ids; /* by signature index */
    size_t nsig, ids_cap;
    bucket *tab;
    size_t tab_cap, tab_used; /* tab_cap a power of two */
    posting *post;
    size_t npost, post_cap;
    idslot *idt;
    size_t idt_cap, idt_used; /* idt_cap a power of two */
};


static uint64_t band_key(const att_minhash *m, int band, int rows)
{
    uint64_t c = fmix64(SEED_BAND + (uint64_t)band);
    const uint32_t *h = m->h + (size_t)band * (size_t)rows;
    for (int r = 0; r < rows; r++)
        c = rotl64((c ^ h[r]) * MUL_BAND, 31);
    return fmix64(c);
}

static uint64_t id_hash(int64_t id) { return fmix64((uint64_t)id ^ SEED_BAND); }

att_lsh *att_lsh_new(int bands, int rows)
{
    if (bands < 1 || rows < 1 || bands > ATT_MINHASH_K || rows > ATT_MINHASH_K ||
        bands * rows > ATT_MINHASH_K)
        return NULL;
    att_lsh *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->bands = bands;
    l->rows = rows;
    return l;
}

void att_lsh_free(att_lsh *l)
{
    if (!l)
        return;
    free(l->ids);
    free(l->tab);
    free(l->post);
    free(l->idt);
    free(l);
}

size_t att_lsh_size(const att_lsh *l) { return l ? l->nsig : 0; }

/* Slot of key in tab (an empty one if absent). */
static size_t tab_find(const bucket *tab, size_t cap, uint64_t key)
{
    size_t mask = cap - 1, i = (size_t)key & mask;
    while (tab[i].head != NONE && tab[i].key != key)
        i = (i + 1) & mask;
    return i;
}

/* Make room for `extra` more buckets at load <= 1/2; rehash if needed. */
static att_status tab_reserve(att_lsh *l, size_t extra)
{
    size_t cap = l->tab_cap ? l->tab_cap : 1024;
    while ((l->tab_used + extra) * 2 > cap) {
        if (cap > SIZE_MAX / 2 / sizeof(bucket))
            return ATT_ERR_NOMEM;
        cap *= 2;
    }
    if (cap == l->tab_cap)
        return ATT_OK;
    bucket *t = malloc(cap * sizeof *t);
    if (!t)
        return ATT_ERR_NOMEM;
    for (size_t i = 0; i < cap; i++)
        t[i].head = NONE;
    for (size_t i = 0; i < l->tab_cap; i++)
        if (l->tab[i].head != NONE)
            t[tab_find(t, cap, l->tab[i].key)] = l->tab[i];
    free(l->tab);
    l->tab = t;
    l->tab_cap = cap;
    return ATT_OK;
}

static size_t idt_find(const idslot *t, size_t cap, int64_t id)
{
    size_t mask = cap - 1, i = (size_t)id_hash(id) & mask;
    while (t[i].sig1 && t[i].id != id)
        i = (i + 1) & mask;
    return i;
}

static att_status idt_reserve(att_lsh *l)
{
    size_t cap = l->idt_cap ? l->idt_cap : 256;
    while ((l->idt_used + 1) * 2 > cap) {
        if (cap > SIZE_MAX / 2 / sizeof(idslot))
            return ATT_ERR_NOMEM;
        cap *= 2;
    }
    if (cap == l->idt_cap)
        return ATT_OK;
    idslot *t = calloc(cap, sizeof *t);
    if (!t)
        return ATT_ERR_NOMEM;
    for (size_t i = 0; i < l->idt_cap; i++)
        if (l->idt[i].sig1)
            t[idt_find(t, cap, l->idt[i].id)] = l->idt[i];
    free(l->idt);
    l->idt = t;
    l->idt_cap = cap;
    return ATT_OK;
}

/* Grow *arr (elements of size esz, capacity *cap) to hold need elements. */
static att_status grow(void **arr, size_t *cap, size_t need, size_t esz, size_t first)
{
    if (need <= *cap)
        return ATT_OK;
    size_t c = *cap ? *cap : first;
    while (c < need) {
        if (c > SIZE_MAX / 2 / esz)
            return ATT_ERR_NOMEM;
        c *= 2;
    }
    void *p = realloc(*arr, c * esz);
    if (!p)
        return ATT_ERR_NOMEM;
    *arr = p;
    *cap = c;
    return ATT_OK;
}

att_status att_lsh_add(att_lsh *l, int64_t id, const att_minhash *m)
{
    if (!l || !m)
        return ATT_ERR_USAGE;
    if (l->idt_cap && l->idt[idt_find(l->idt, l->idt_cap, id)].sig1)
        return ATT_ERR_USAGE;
    int indexed = m->n_shingles > 0;
    size_t nb = indexed ? (size_t)l->bands : 0;
    if (l->nsig >= MAX_COUNT || l->npost + nb > MAX_COUNT)
        return ATT_ERR_TOOBIG;
    /* every allocation first, so that a failure leaves the index as it was */
    void *ids = l->ids, *post = l->post;
    att_status st = grow(&ids, &l->ids_cap, l->nsig + 1, sizeof(int64_t), 256);
    l->ids = ids;
    if (st == ATT_OK) {
        st = grow(&post, &l->post_cap, l->npost + nb, sizeof(posting), 4096);
        l->post = post;
    }
    if (st == ATT_OK)
        st = idt_reserve(l);
    if (st == ATT_OK && indexed)
        st = tab_reserve(l, nb);
    if (st != ATT_OK)
        return st;

    uint32_t s = (uint32_t)l->nsig++;
    l->ids[s] = id;
    size_t slot = idt_find(l->idt, l->idt_cap, id);
    l->idt[slot].id = id;
    l->idt[slot].sig1 = s + 1;
    l->idt_used++;
    for (int j = 0; indexed && j < l->bands; j++) {
        uint64_t key = band_key(m, j, l->rows);
        uint32_t p = (uint32_t)l->npost++;
        l->post[p].sig = s;
        l->post[p].next = NONE;
        bucket *b = &l->tab[tab_find(l->tab, l->tab_cap, key)];
        if (b->head == NONE) {
            b->key = key;
            b->head = p;
            l->tab_used++;
        } else {
            l->post[b->tail].next = p;
        }
        b->tail = p;
    }
    return ATT_OK;
}

/* Min-heap of posting cursors ordered by signature index. */
static void heap_down(uint32_t *c, size_t n, size_t i, const posting *post)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && post[c[l]].sig < post[c[m]].sig)
            m = l;
        if (r < n && post[c[r]].sig < post[c[m]].sig)
            m = r;
        if (m == i)
            return;
        uint32_t t = c[i];
        c[i] = c[m];
        c[m] = t;
        i = m;
    }
}

size_t att_lsh_query(const att_lsh *l, const att_minhash *m, int64_t *out, size_t cap)
{
    if (!l || !m || !out || cap == 0 || m->n_shingles == 0 || l->tab_used == 0)
        return 0;
    uint32_t cur[ATT_MINHASH_K];
    size_t nc = 0;
    for (int j = 0; j < l->bands; j++) {
        const bucket *b = &l->tab[tab_find(l->tab, l->tab_cap, band_key(m, j, l->rows))];
        if (b->head != NONE)
            cur[nc++] = b->head;
    }
    for (size_t i = nc / 2; i-- > 0;)
        heap_down(cur, nc, i, l->post);
    size_t n = 0;
    uint32_t last = NONE;
    while (nc > 0 && n < cap) {
        const posting *p = &l->post[cur[0]];
        if (p->sig != last) {
            out[n++] = l->ids[p->sig];
            last = p->sig;
        }
        if (p->next == NONE)
            cur[0] = cur[--nc];
        else
            cur[0] = p->next;
        heap_down(cur, nc, 0, l->post);
    }
    return n;
}
