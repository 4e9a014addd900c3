/* trie.c - phrase trie over vocabulary ids; edges live in one open-
 * addressing hash table keyed by (node, id).  See trie.h. */
#include "trie.h"

#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"

/* Most nodes below the root lie on one phrase (one child, or none at its
 * end): those answer a look-up from the node itself, and only nodes with
 * two or more children probe the edge table. */
typedef struct node {
    int *values;
    uint32_t n_values;
    uint32_t n_children;
    uint32_t one_id, one_to; /* the only child, when n_children == 1 */
} node;

typedef struct edge {
    uint32_t from, id, to; /* to == 0: empty slot */
} edge;

struct att_trie {
    node *nodes; /* node 0 is the root */
    size_t n_nodes, cap_nodes;
    edge *edges;
    size_t n_edges, n_slots;
    size_t n_phrases;
    /* The root's children with ids below ROOT_MAX, indexed by id (0 = none;
     * ids from n_root on have none): every token of every text starts a
     * look-up at the root and most find nothing there, which an array
     * answers without probing the edge table.  Larger ids (vocabulary ids
     * are small and dense; the cap only bounds the memory) are edges. */
    uint32_t *root;
    size_t n_root;
    /* A bit per id below n_root: does root[id] hold a child?  Text is
     * matched against several tries at every token, and their root
     * arrays (4 bytes per vocabulary id) together outgrow the CPU's
     * caches; the bits (a 32nd of the size) answer the common "starts
     * nothing" without reading root[]. */
    uint64_t *root_bits;
};

#define ROOT_MAX ((uint32_t)1 << 20)

static size_t slot_of(uint32_t from, uint32_t id, size_t mask)
{
    uint64_t h = ((uint64_t)from << 32 | id) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & mask;
}

att_trie *att_trie_new(void)
{
    att_trie *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap_nodes = 256;
    t->nodes = calloc(t->cap_nodes, sizeof *t->nodes);
    t->n_slots = 512;
    t->edges = calloc(t->n_slots, sizeof *t->edges);
    if (!t->nodes || !t->edges) {
        att_trie_free(t);
        return NULL;
    }
    t->n_nodes = 1;
    return t;
}

void att_trie_free(att_trie *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_nodes; i++)
        free(t->nodes[i].values);
    free(t->nodes);
    free(t->edges);
    free(t->root);
    free(t->root_bits);
    free(t);
}

size_t att_trie_phrases(const att_trie *t) { return t->n_phrases; }

/* The root's child for id < ROOT_MAX, from the root array (0: none). */
static inline uint32_t root_array_child(const att_trie *t, uint32_t id)
{
    return id < t->n_root && (t->root_bits[id / 64] >> id % 64 & 1) ? t->root[id] : 0;
}

static uint32_t child(const att_trie *t, uint32_t from, uint32_t id)
{
    if (from == 0 && id < ROOT_MAX)
        return root_array_child(t, id);
    const node *nd = &t->nodes[from];
    if (nd->n_children <= 1)
        return nd->n_children && nd->one_id == id ? nd->one_to : 0;
    size_t mask = t->n_slots - 1;
    for (size_t i = slot_of(from, id, mask);; i = (i + 1) & mask) {
        const edge *e = &t->edges[i];
        if (!e->to)
            return 0;
        if (e->from == from && e->id == id)
            return e->to;
    }
}

static int grow_edges(att_trie *t)
{
    size_t ns = t->n_slots * 2, mask = ns - 1;
    edge *ne = calloc(ns, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < t->n_slots; i++) {
        edge e = t->edges[i];
        if (!e.to)
            continue;
        size_t j = slot_of(e.from, e.id, mask);
        while (ne[j].to)
            j = (j + 1) & mask;
        ne[j] = e;
    }
    free(t->edges);
    t->edges = ne;
    t->n_slots = ns;
    return 0;
}

/* Make room for root child id in the root array. */
static int grow_root(att_trie *t, uint32_t id)
{
    if (id < t->n_root)
        return 0;
    size_t n = t->n_root ? t->n_root : 256;
    while (n <= id)
        n *= 2;
    uint32_t *r = realloc(t->root, n * sizeof *r);
    if (!r)
        return -1;
    memset(r + t->n_root, 0, (n - t->n_root) * sizeof *r);
    t->root = r;
    uint64_t *b = realloc(t->root_bits, n / 64 * sizeof *b); /* n is a power of two >= 256 */
    if (!b)
        return -1;
    memset(b + t->n_root / 64, 0, (n - t->n_root) / 64 * sizeof *b);
    t->root_bits = b;
    t->n_root = n;
    return 0;
}

static uint32_t new_node(att_trie *t)
{
    if (t->n_nodes == t->cap_nodes) {
        node *nn = realloc(t->nodes, t->cap_nodes * 2 * sizeof *nn);
        if (!nn)
            return 0;
        memset(nn + t->cap_nodes, 0, t->cap_nodes * sizeof *nn);
        t->nodes = nn;
        t->cap_nodes *= 2;
    }
    return (uint32_t)t->n_nodes++;
}

static uint32_t add_child(att_trie *t, uint32_t from, uint32_t id)
{
    uint32_t c = child(t, from, id);
    if (c)
        return c;
    if (from == 0 && id < ROOT_MAX) {
        if (grow_root(t, id) != 0 || !(c = new_node(t)))
            return 0;
        t->root[id] = c;
        t->root_bits[id / 64] |= (uint64_t)1 << id % 64;
        return c;
    }
    if ((t->n_edges + 1) * 2 > t->n_slots && grow_edges(t) != 0)
        return 0;
    if (!(c = new_node(t)))
        return 0;
    size_t mask = t->n_slots - 1, i = slot_of(from, id, mask);
    while (t->edges[i].to)
        i = (i + 1) & mask;
    t->edges[i] = (edge){from, id, c};
    t->n_edges++;
    node *nd = &t->nodes[from]; /* (new_node may have moved the nodes) */
    if (nd->n_children++ == 0) {
        nd->one_id = id;
        nd->one_to = c;
    }
    return c;
}

att_status att_trie_add_ids(att_trie *t, const uint32_t *ids, size_t n, int value)
{
    if (n == 0)
        return ATT_ERR_EMPTY;
    uint32_t cur = 0;
    for (size_t i = 0; i < n; i++)
        if (!(cur = add_child(t, cur, ids[i])))
            return ATT_ERR_NOMEM;
    node *nd = &t->nodes[cur];
    for (uint32_t k = 0; k < nd->n_values; k++)
        if (nd->values[k] == value)
            return ATT_OK; /* already there */
    int *nv = realloc(nd->values, (nd->n_values + 1) * sizeof *nv);
    if (!nv)
        return ATT_ERR_NOMEM;
    nv[nd->n_values++] = value;
    nd->values = nv;
    if (nd->n_values == 1)
        t->n_phrases++;
    return ATT_OK;
}

att_status att_trie_add(att_trie *t, att_vocab *vocab, const char *phrase, size_t len, int value)
{
    uint32_t ids[64];
    size_t n = 0, pos = 0, a, b;
    while (n < 64 && att_next_word(phrase, len, &pos, &a, &b))
        if (!(ids[n++] = att_vocab_add(vocab, phrase + a, b - a)))
            return ATT_ERR_NOMEM;
    return att_trie_add_ids(t, ids, n, value);
}

/* The root's child for id (the first word of a phrase): what child(t, 0,
 * id) answers, without its other cases in the way of the common one. */
static inline uint32_t root_child(const att_trie *t, uint32_t id)
{
    return id < ROOT_MAX ? root_array_child(t, id) : child(t, 0, id);
}

size_t att_trie_match(const att_trie *t, const att_token *toks, size_t n, size_t i,
                      int stop_at_gap, const int **values, size_t *n_values)
{
    *values = NULL;
    *n_values = 0;
    /* most words start no phrase: answered before the loop */
    uint32_t cur = i < n && toks[i].id ? root_child(t, toks[i].id) : 0;
    if (!cur)
        return 0;
    size_t best = 0;
    for (size_t k = i;;) {
        const node *nd = &t->nodes[cur];
        if (nd->n_values) {
            best = k - i + 1;
            *values = nd->values;
            *n_values = nd->n_values;
        }
        if (++k >= n || !toks[k].id || (stop_at_gap && toks[k].gap_before))
            break;
        if (!(cur = child(t, cur, toks[k].id)))
            break;
    }
    return best;
}

void att_trie_match_all(const att_trie *t, const att_token *toks, size_t n, size_t i, int stop_at_gap,
                        int (*cb)(void *ctx, size_t len, const int *values, size_t n_values),
                        void *ctx)
{
    uint32_t cur = i < n && toks[i].id ? root_child(t, toks[i].id) : 0;
    if (!cur)
        return;
    for (size_t k = i;;) {
        const node *nd = &t->nodes[cur];
        if (nd->n_values && cb(ctx, k - i + 1, nd->values, nd->n_values))
            return;
        if (++k >= n || !toks[k].id || (stop_at_gap && toks[k].gap_before))
            return;
        if (!(cur = child(t, cur, toks[k].id)))
            return;
    }
}

int att_trie_starts(const att_trie *t, uint32_t id) { return id && root_child(t, id) != 0; }
