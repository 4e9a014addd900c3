/* terms.c - the exact-key vocabulary of the full-text indexes; see terms.h. */
#include "terms.h"

#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* The pair syllables: a fixed open-addressing set of short folded keys
 * (the list has 100; a longer one is refused rather than slowing the
 * per-word check that every indexed word goes through). */
#define PAIR_SLOTS 512
#define PAIR_MAX_LEN 15
typedef struct pair_slot {
    unsigned char len; /* 0: empty */
    char s[PAIR_MAX_LEN];
} pair_slot;

/* Pairs already recorded, by the small numbers of their halves' exact
 * keys: whether "hội đồng" is in the vocabulary is asked for every pair
 * the full index stores, and the answer from the vocabulary's own table
 * (a probe, an entry and the arena, all far apart in memory) cost more
 * than any other part of tokenizing but FTS5's.  A bit per pair of the
 * first PAIR_KEYS - 1 exact keys met (the 100 syllables have a few
 * hundred spellings) answers from 128 KB; other keys use the table. */
#define PAIR_KEYS 1024
#define PAIR_KEY_SLOTS 2048
#define PAIR_KEY_LEN 21
typedef struct pair_key {
    uint16_t number; /* 0: empty */
    uint8_t len;
    char s[PAIR_KEY_LEN];
} pair_key;

typedef struct entry {
    uint32_t exact, folded;   /* offsets into the arena */
    uint16_t elen, flen;
    uint32_t next_variant;    /* entry index + 1 of the next with this folded key */
} entry;

struct att_terms {
    entry *e;
    size_t n, cap;
    char *arena;
    size_t alen, acap;
    uint32_t *by_exact, *by_folded; /* open addressing, entry index + 1 */
    size_t slots;                   /* size of both tables, a power of two */
    uint32_t *queue;                /* entries to write, then entries written */
    size_t nqueue, nflushed, qcap;
    uint32_t id; /* att_terms_id() */
    pair_slot pairs[PAIR_SLOTS]; /* syllables whose adjacent pairs are indexed */
    size_t n_pairs;
    pair_key *pair_keys;  /* PAIR_KEY_SLOTS, allocated on first use */
    unsigned n_pair_keys;
    uint64_t *pair_known; /* PAIR_KEYS * PAIR_KEYS bits, on first use */
};

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* A new att_terms_id(): for a new vocabulary, and when the pair set
 * changes (marks that callers keep with words may record pairability). */
static void new_id(att_terms *v)
{
    static _Atomic uint32_t next_id = 1;
    v->id = next_id++ & ATT_TERMS_ID_MASK;
    if (!v->id)
        v->id = next_id++ & ATT_TERMS_ID_MASK;
}

att_status att_terms_new(att_terms **out)
{
    att_terms *v = calloc(1, sizeof *v);
    if (!v)
        return ATT_ERR_NOMEM;
    new_id(v);
    v->slots = 1u << 14;
    v->by_exact = calloc(v->slots, sizeof *v->by_exact);
    v->by_folded = calloc(v->slots, sizeof *v->by_folded);
    if (!v->by_exact || !v->by_folded) {
        att_terms_free(v);
        return ATT_ERR_NOMEM;
    }
    *out = v;
    return ATT_OK;
}

void att_terms_free(att_terms *v)
{
    if (!v)
        return;
    free(v->e);
    free(v->arena);
    free(v->by_exact);
    free(v->by_folded);
    free(v->queue);
    free(v->pair_keys);
    free(v->pair_known);
    free(v);
}

size_t att_terms_size(const att_terms *v) { return v->n; }

uint32_t att_terms_id(const att_terms *v) { return v->id; }

static const char *str(const att_terms *v, uint32_t off) { return v->arena + off; }

/* Slot of exact key s in by_exact: its entry or the empty slot for it. */
static uint32_t *find_exact(const att_terms *v, const char *s, size_t n)
{
    size_t i = hash(s, n) & (v->slots - 1);
    for (;; i = (i + 1) & (v->slots - 1)) {
        uint32_t k = v->by_exact[i];
        if (!k || (v->e[k - 1].elen == n && !memcmp(str(v, v->e[k - 1].exact), s, n)))
            return &v->by_exact[i];
    }
}

static uint32_t *find_folded(const att_terms *v, const char *s, size_t n)
{
    size_t i = hash(s, n) & (v->slots - 1);
    for (;; i = (i + 1) & (v->slots - 1)) {
        uint32_t k = v->by_folded[i];
        if (!k || (v->e[k - 1].flen == n && !memcmp(str(v, v->e[k - 1].folded), s, n)))
            return &v->by_folded[i];
    }
}

/* Double both tables (kept at most half full). */
static att_status grow(att_terms *v)
{
    size_t slots = v->slots * 2;
    uint32_t *x = calloc(slots, sizeof *x), *f = calloc(slots, sizeof *f);
    if (!x || !f) {
        free(x);
        free(f);
        return ATT_ERR_NOMEM;
    }
    free(v->by_exact);
    free(v->by_folded);
    v->by_exact = x;
    v->by_folded = f;
    v->slots = slots;
    for (size_t i = 0; i < v->n; i++) { /* re-chain the variants in entry order */
        entry *e = &v->e[i];
        *find_exact(v, str(v, e->exact), e->elen) = (uint32_t)i + 1;
        e->next_variant = 0;
    }
    for (size_t i = v->n; i-- > 0;) {
        entry *e = &v->e[i];
        uint32_t *head = find_folded(v, str(v, e->folded), e->flen);
        e->next_variant = *head;
        *head = (uint32_t)i + 1;
    }
    return ATT_OK;
}

static att_status put_str(att_terms *v, const char *s, size_t n, uint32_t *off)
{
    if (v->alen + n > v->acap) {
        size_t cap = v->acap ? v->acap * 2 : 65536;
        while (cap < v->alen + n)
            cap *= 2;
        char *a = realloc(v->arena, cap);
        if (!a)
            return ATT_ERR_NOMEM;
        v->arena = a;
        v->acap = cap;
    }
    memcpy(v->arena + v->alen, s, n);
    *off = (uint32_t)v->alen;
    v->alen += n;
    return ATT_OK;
}

static att_status enqueue(att_terms *v, uint32_t idx)
{
    if (v->nqueue == v->qcap) {
        size_t cap = v->qcap ? v->qcap * 2 : 256;
        uint32_t *q = realloc(v->queue, cap * sizeof *q);
        if (!q)
            return ATT_ERR_NOMEM;
        v->queue = q;
        v->qcap = cap;
    }
    v->queue[v->nqueue++] = idx;
    return ATT_OK;
}

/* Add an entry; *added tells whether it was new. */
static att_status add(att_terms *v, const char *ex, size_t en, const char *fo, size_t fn, int *added)
{
    *added = 0;
    if (!en || !fn || en > UINT16_MAX || fn > UINT16_MAX)
        return ATT_OK; /* nothing an index would hold */
    uint32_t *slot = find_exact(v, ex, en);
    if (*slot)
        return ATT_OK;
    if ((v->n + 1) * 2 > v->slots) {
        if (grow(v) != ATT_OK)
            return ATT_ERR_NOMEM;
        slot = find_exact(v, ex, en);
    }
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4096;
        entry *e = realloc(v->e, cap * sizeof *e);
        if (!e)
            return ATT_ERR_NOMEM;
        v->e = e;
        v->cap = cap;
    }
    entry *e = &v->e[v->n];
    if (put_str(v, ex, en, &e->exact) != ATT_OK || put_str(v, fo, fn, &e->folded) != ATT_OK)
        return ATT_ERR_NOMEM;
    e->elen = (uint16_t)en;
    e->flen = (uint16_t)fn;
    uint32_t *head = find_folded(v, fo, fn);
    e->next_variant = *head;
    *head = (uint32_t)v->n + 1;
    *slot = (uint32_t)v->n + 1;
    v->n++;
    *added = 1;
    return ATT_OK;
}

int att_terms_has(const att_terms *v, const char *exact, size_t en)
{
    return en && v->n && *find_exact(v, exact, en);
}

unsigned att_terms_pair_key(att_terms *v, const char *exact, size_t en)
{
    if (!en || en > PAIR_KEY_LEN)
        return 0;
    if (!v->pair_keys && !(v->pair_keys = calloc(PAIR_KEY_SLOTS, sizeof *v->pair_keys)))
        return 0;
    for (size_t i = hash(exact, en) & (PAIR_KEY_SLOTS - 1);; i = (i + 1) & (PAIR_KEY_SLOTS - 1)) {
        pair_key *k = &v->pair_keys[i];
        if (k->number && k->len == en && !memcmp(k->s, exact, en))
            return k->number;
        if (!k->number) {
            if (v->n_pair_keys + 1 >= PAIR_KEYS) /* full: the table answers */
                return 0;
            k->number = (uint16_t)++v->n_pair_keys;
            k->len = (uint8_t)en;
            memcpy(k->s, exact, en);
            return k->number;
        }
    }
}

int att_terms_pair_known(const att_terms *v, unsigned a, unsigned b)
{
    size_t bit = (size_t)a * PAIR_KEYS + b;
    return v->pair_known && a && b && a < PAIR_KEYS && b < PAIR_KEYS && (v->pair_known[bit / 64] >> bit % 64 & 1);
}

void att_terms_pair_mark(att_terms *v, unsigned a, unsigned b)
{
    if (!a || !b || a >= PAIR_KEYS || b >= PAIR_KEYS)
        return;
    if (!v->pair_known && !(v->pair_known = calloc((size_t)PAIR_KEYS * PAIR_KEYS / 64, sizeof *v->pair_known)))
        return; /* no memory: the vocabulary's table keeps answering */
    size_t bit = (size_t)a * PAIR_KEYS + b;
    v->pair_known[bit / 64] |= (uint64_t)1 << bit % 64;
}

int att_terms_has_pair(att_terms *v, unsigned a, unsigned b, const char *pair, size_t n)
{
    if (att_terms_pair_known(v, a, b))
        return 1;
    if (!att_terms_has(v, pair, n))
        return 0;
    att_terms_pair_mark(v, a, b);
    return 1;
}

att_status att_terms_note_pair(att_terms *v, unsigned a, unsigned b, const char *pair, size_t n,
                               const char *folded, size_t fn)
{
    att_status st = att_terms_note(v, pair, n, folded, fn);
    if (st == ATT_OK) /* (also a pair that is its own folded key: nothing to record, nothing to ask again) */
        att_terms_pair_mark(v, a, b);
    return st;
}

att_status att_terms_note(att_terms *v, const char *exact, size_t en, const char *folded, size_t fn)
{
    /* a key that is its own folded key ("asean", "2024") needs no entry:
     * queries always look up the folded key itself too */
    if (en == fn && !memcmp(exact, folded, en))
        return ATT_OK;
    int added;
    att_status st = add(v, exact, en, folded, fn, &added);
    return st == ATT_OK && added ? enqueue(v, (uint32_t)v->n - 1) : st;
}

att_status att_terms_load(att_terms *v, sqlite3 *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT exact, folded FROM vocab", -1, &st, NULL) != SQLITE_OK)
        return ATT_ERR_DB;
    att_status res = ATT_OK;
    int rc, added;
    while (res == ATT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        res = add(v, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                  (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1), &added);
    if (res == ATT_OK && rc != SQLITE_DONE)
        res = ATT_ERR_DB;
    sqlite3_finalize(st);
    return res;
}

att_status att_terms_flush(att_terms *v, sqlite3_stmt *ins)
{
    if (v->nflushed == v->nqueue)
        return ATT_OK;
    if (!ins)
        return ATT_ERR_DB;
    att_status res = ATT_OK;
    for (size_t i = v->nflushed; res == ATT_OK && i < v->nqueue; i++) {
        const entry *e = &v->e[v->queue[i]];
        sqlite3_bind_text(ins, 1, str(v, e->folded), e->flen, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, str(v, e->exact), e->elen, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            res = ATT_ERR_DB;
        sqlite3_reset(ins);
    }
    sqlite3_clear_bindings(ins); /* they point into v */
    if (res == ATT_OK)
        v->nflushed = v->nqueue;
    if (res == ATT_OK && sqlite3_get_autocommit(sqlite3_db_handle(ins))) /* no transaction: already durable */
        att_terms_end(v, 1);
    return res;
}

void att_terms_end(att_terms *v, int committed)
{
    if (committed && v->nflushed) { /* drop what was written, keep what was queued since */
        memmove(v->queue, v->queue + v->nflushed, (v->nqueue - v->nflushed) * sizeof *v->queue);
        v->nqueue -= v->nflushed;
    }
    v->nflushed = 0;
}

static pair_slot *find_pair(const att_terms *v, const char *f, size_t n)
{
    size_t i = hash(f, n) & (PAIR_SLOTS - 1);
    for (;; i = (i + 1) & (PAIR_SLOTS - 1)) {
        const pair_slot *p = &v->pairs[i];
        if (!p->len || (p->len == n && !memcmp(p->s, f, n)))
            return (pair_slot *)p;
    }
}

int att_terms_pairable(const att_terms *v, const char *folded, size_t n)
{
    return v->n_pairs && n && n <= PAIR_MAX_LEN && find_pair(v, folded, n)->len;
}

att_status att_terms_add_pairable(att_terms *v, const char *folded, size_t n)
{
    if (!n || n > PAIR_MAX_LEN || (v->n_pairs + 1) * 2 > PAIR_SLOTS)
        return ATT_ERR_FORMAT;
    pair_slot *p = find_pair(v, folded, n);
    if (!p->len) {
        memcpy(p->s, folded, n);
        p->len = (unsigned char)n;
        v->n_pairs++;
        new_id(v);
    }
    return ATT_OK;
}

att_status att_terms_load_pairs(att_terms *v, sqlite3 *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT syllable FROM index_pairs", -1, &st, NULL) != SQLITE_OK)
        return ATT_ERR_DB;
    memset(v->pairs, 0, sizeof v->pairs);
    v->n_pairs = 0;
    new_id(v);
    att_status res = ATT_OK;
    int rc;
    while (res == ATT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        res = att_terms_add_pairable(v, (const char *)sqlite3_column_text(st, 0),
                                     (size_t)sqlite3_column_bytes(st, 0));
    if (res == ATT_OK && rc != SQLITE_DONE)
        res = ATT_ERR_DB;
    sqlite3_finalize(st);
    return res;
}

/* Byte length of the first `letters` code points of s[0..n). */
static size_t cut_letters(const char *s, size_t n, size_t letters)
{
    size_t i = 0;
    while (i < n && letters) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        letters--;
    }
    return i;
}

size_t att_terms_variants(const att_terms *v, const char *f, size_t fn, int prefix,
                          int (*cb)(void *ctx, const char *exact, size_t len), void *ctx)
{
    size_t given = 0;
    if (!prefix) {
        uint32_t k = *find_folded(v, f, fn);
        for (; k; k = v->e[k - 1].next_variant) {
            given++;
            if (cb(ctx, str(v, v->e[k - 1].exact), v->e[k - 1].elen))
                break;
        }
        return given;
    }
    /* prefix: every key folding to f..., cut to f's letters, each cut once
     * (a rare query: a scan of the vocabulary is fine) */
    size_t letters = 0;
    for (size_t i = 0; i < fn; i++)
        letters += ((unsigned char)f[i] & 0xC0) != 0x80;
    const char *seen[64];
    size_t seen_len[64], nseen = 0;
    for (size_t i = 0; i < v->n && nseen < 64; i++) {
        const entry *e = &v->e[i];
        if (e->flen < fn || memcmp(str(v, e->folded), f, fn))
            continue;
        const char *x = str(v, e->exact);
        size_t xl = cut_letters(x, e->elen, letters), j = 0;
        if (xl == fn && !memcmp(x, f, fn))
            continue; /* the prefix as typed: the caller looks that up itself */
        while (j < nseen && !(seen_len[j] == xl && !memcmp(seen[j], x, xl)))
            j++;
        if (j < nseen)
            continue;
        seen[nseen] = x;
        seen_len[nseen++] = xl;
        given++;
        if (cb(ctx, x, xl))
            break;
    }
    return given;
}
