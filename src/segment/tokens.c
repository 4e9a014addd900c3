/* tokens.c - vocabulary (open-addressing hash of exact keys) and
 * tokenization; see tokens.h. */
#include "tokens.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

/* A slot keeps the upper half of its key's hash, so that a probe passing
 * other keys rejects them without touching their text. */
typedef struct slot {
    uint32_t id; /* 0: empty */
    uint32_t fp; /* hash >> 32 */
} slot;

struct att_vocab {
    char **keys;    /* id-1 -> key */
    uint32_t *lens; /* id-1 -> key length */
    slot *slots;
    size_t n, nslots;
    uint64_t stamp; /* new_stamp() at creation and at every added key */
};

/* Stamps identify a vocabulary's contents across all vocabularies ever
 * made (never reused), so that the word cache below can tell that ids it
 * remembers still hold. */
static atomic_uint_fast64_t g_stamp = 1;
static uint64_t new_stamp(void) { return (uint64_t)atomic_fetch_add(&g_stamp, 1); }

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

att_vocab *att_vocab_new(void)
{
    att_vocab *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->nslots = 1024;
    v->slots = calloc(v->nslots, sizeof *v->slots);
    if (!v->slots) {
        free(v);
        return NULL;
    }
    v->stamp = new_stamp();
    return v;
}

void att_vocab_free(att_vocab *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->keys[i]);
    free(v->keys);
    free(v->lens);
    free(v->slots);
    free(v);
}

size_t att_vocab_size(const att_vocab *v) { return v->n; }

/* Look up key[0..n) whose hash(key, n) is h. */
static uint32_t find_hashed(const att_vocab *v, const char *key, size_t n, uint64_t h)
{
    size_t mask = v->nslots - 1;
    uint32_t fp = (uint32_t)(h >> 32);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        slot sl = v->slots[i];
        if (!sl.id)
            return 0;
        if (sl.fp == fp && v->lens[sl.id - 1] == n && memcmp(v->keys[sl.id - 1], key, n) == 0)
            return sl.id;
    }
}

uint32_t att_vocab_find_key(const att_vocab *v, const char *key, size_t n)
{
    return find_hashed(v, key, n, hash(key, n));
}

static void put_slot(slot *slots, size_t nslots, uint32_t id, uint64_t h)
{
    size_t mask = nslots - 1, i = h & mask;
    while (slots[i].id)
        i = (i + 1) & mask;
    slots[i] = (slot){id, (uint32_t)(h >> 32)};
}

static int grow(att_vocab *v)
{
    size_t ns = v->nslots * 2;
    slot *s = calloc(ns, sizeof *s);
    if (!s)
        return -1;
    for (size_t id = 1; id <= v->n; id++)
        put_slot(s, ns, (uint32_t)id, hash(v->keys[id - 1], v->lens[id - 1]));
    free(v->slots);
    v->slots = s;
    v->nslots = ns;
    return 0;
}

static uint32_t add_key(att_vocab *v, const char *key, size_t n)
{
    uint32_t id = att_vocab_find_key(v, key, n);
    if (id)
        return id;
    if ((v->n + 1) * 2 > v->nslots && grow(v) != 0)
        return 0;
    if ((v->n & (v->n - 1)) == 0 || v->n == 0) { /* capacity doubles at powers of two */
        size_t cap = v->n ? v->n * 2 : 64;
        char **k = realloc(v->keys, cap * sizeof *k);
        if (!k)
            return 0;
        v->keys = k;
        uint32_t *l = realloc(v->lens, cap * sizeof *l);
        if (!l)
            return 0;
        v->lens = l;
    }
    char *c = malloc(n + 1);
    if (!c)
        return 0;
    memcpy(c, key, n);
    c[n] = '\0';
    v->lens[v->n] = (uint32_t)n;
    v->keys[v->n++] = c;
    id = (uint32_t)v->n;
    put_slot(v->slots, v->nslots, id, hash(key, n));
    v->stamp = new_stamp();
    return id;
}

uint32_t att_vocab_add(att_vocab *v, const char *word, size_t n)
{
    att_buf e = ATT_BUF_INIT;
    uint32_t id = 0;
    if (att_word_exact(word, n, &e) >= 0)
        id = add_key(v, e.data ? e.data : "", e.len);
    att_buf_free(&e);
    return id;
}

uint32_t att_vocab_find(const att_vocab *v, const char *word, size_t n)
{
    att_buf e = ATT_BUF_INIT;
    uint32_t id = 0;
    if (att_word_exact(word, n, &e) >= 0)
        id = att_vocab_find_key(v, e.data ? e.data : "", e.len);
    att_buf_free(&e);
    return id;
}

void att_tokens_free(att_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

/* Is the first letter of word w[0..n) upper case?  ASCII is decided
 * without utf8proc (the common case in names and acronyms). */
static uint8_t first_upper(const char *w, size_t n)
{
    unsigned char c = (unsigned char)w[0];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    unsigned cp;
    att_utf8_decode(w, n, &cp);
    return utf8proc_isupper((utf8proc_int32_t)cp) != 0;
}

/* A per-thread cache of words' ids (news text repeats a few thousand
 * syllables): the written form -> its ids in the two vocabularies last
 * used with it, valid while both still have the stamps recorded, and the
 * token flags that depend on the word alone.  A hit skips the key, its
 * hash and both look-ups.  Direct-mapped: a collision replaces the older
 * word. */
#define WCACHE_SLOTS 16384 /* 768 KB per thread */
#define WCACHE_WORD 19
typedef struct wcache_entry {
    uint64_t stamp, stamp2; /* stamp2 0: looked up in one vocabulary */
    uint32_t id, id2;
    uint8_t wlen;           /* 0: empty */
    char word[WCACHE_WORD];
    uint8_t upper;          /* the first letter is upper case */
} wcache_entry;
static _Thread_local wcache_entry *t_wcache;

void att_tokens_thread_end(void)
{
    free(t_wcache);
    t_wcache = NULL;
}

/* Room for n tokens in t (-1 on allocation failure). */
static int reserve(att_tokens *t, size_t n)
{
    if (t->cap >= n)
        return 0;
    size_t cap = t->cap ? t->cap : 16; /* kept per paragraph: small to start */
    while (cap < n)
        cap *= 2;
    att_token *nv = realloc(t->v, cap * sizeof *nv);
    if (!nv)
        return -1;
    t->v = nv;
    t->cap = cap;
    return 0;
}

/* Room for one more token in t (-1 on allocation failure). */
static int room(att_tokens *t) { return reserve(t, t->n + 1); }

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* The words in two passes: the first finds them (positions, digits, the
 * gap, the hash of the written form, kept in id for now) and asks the CPU
 * to fetch each one's cache slot; the second reads the slots (by then in
 * cache: the look-ups of a paragraph's words wait for memory together,
 * not one after another) and finds the ids of each word once, from the
 * cache or the two vocabularies, for v (into out) and, when v2 is given,
 * v2 (into out2). */
static att_status tokenize(const att_vocab *v, const att_vocab *v2, const char *text, size_t len, att_tokens *out,
                           att_tokens *out2)
{
    out->n = 0;
    if (out2)
        out2->n = 0;
    if (!t_wcache)
        t_wcache = calloc(WCACHE_SLOTS, sizeof *t_wcache); /* none: every word is looked up */
    wcache_entry *cache = t_wcache;
    /* about one token per 6 bytes of news text: most paragraphs need no
     * second allocation, and a short one gets a short array */
    if (reserve(out, len / 6 + 4) < 0 || (out2 && reserve(out2, len / 6 + 4) < 0))
        return ATT_ERR_NOMEM;
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    for (;;) {
        /* the gap: does anything but spaces separate this word from the
         * previous one (or the start)? */
        uint8_t gap = 0;
        unsigned cp;
        while (i < len) {
            unsigned char c = p[i];
            if (c < 0x80) {
                if (att_ascii_word(c))
                    break;
                gap |= c != ' ';
                i++;
                continue;
            }
            size_t l = att_utf8_decode_valid(p + i, len - i, &cp);
            if (att_word_cp_fast(cp))
                break;
            gap = 1;
            i += l;
        }
        if (i >= len)
            break;
        size_t ws = i;
        uint32_t h = 2166136261u; /* FNV-1a of the word's bytes */
        uint8_t digit = 1;
        while (i < len) {
            unsigned char c = p[i];
            if (c < 0x80) {
                if (!att_ascii_word(c))
                    break;
                digit &= (unsigned char)(c - '0') < 10;
                h = (h ^ c) * 16777619u;
                i++;
                continue;
            }
            size_t l = att_utf8_decode_valid(p + i, len - i, &cp);
            if (!att_word_cp_fast(cp))
                break;
            digit = 0;
            for (size_t k = 0; k < l; k++)
                h = (h ^ p[i + k]) * 16777619u;
            i += l;
        }
        if (room(out))
            return ATT_ERR_NOMEM;
        att_token *t = &out->v[out->n++];
        t->start = (uint32_t)ws;
        t->end = (uint32_t)i;
        t->id = h & (WCACHE_SLOTS - 1);
        t->digit = digit;
        t->gap_before = gap;
        if (cache) {
            const char *line = (const char *)&cache[t->id];
            PREFETCH(line);
            PREFETCH(line + sizeof *cache - 1); /* an entry may span two lines */
        }
    }
    if (out2 && reserve(out2, out->n))
        return ATT_ERR_NOMEM;
    const uint64_t s1 = v->stamp, s2 = v2 ? v2->stamp : 0;
    att_buf e = ATT_BUF_INIT;
    att_status st = ATT_OK;
    for (size_t k = 0; k < out->n; k++) {
        att_token *t = &out->v[k];
        const char *w = text + t->start;
        size_t n = t->end - t->start;
        uint32_t id2 = 0;
        wcache_entry *c = cache && n <= WCACHE_WORD ? &cache[t->id] : NULL;
        if (c && c->wlen == n && c->stamp == s1 && c->stamp2 == s2 && memcmp(c->word, w, n) == 0) {
            t->id = c->id;
            id2 = c->id2;
            t->upper = c->upper;
        } else {
            att_buf_clear(&e);
            if (att_word_exact(w, n, &e) < 0) {
                out->n = k;
                st = ATT_ERR_NOMEM;
                break;
            }
            uint64_t kh = hash(e.data, e.len);
            t->id = find_hashed(v, e.data, e.len, kh);
            id2 = v2 ? find_hashed(v2, e.data, e.len, kh) : 0;
            t->upper = first_upper(w, n);
            if (c) {
                c->stamp = s1;
                c->stamp2 = s2;
                c->id = t->id;
                c->id2 = id2;
                c->wlen = (uint8_t)n;
                memcpy(c->word, w, n);
                c->upper = t->upper;
            }
        }
        if (out2) {
            out2->v[k] = *t;
            out2->v[k].id = id2;
        }
    }
    if (out2)
        out2->n = st == ATT_OK ? out->n : 0;
    att_buf_free(&e);
    return st;
}

att_status att_tokenize(const att_vocab *v, const char *text, size_t len, att_tokens *out)
{
    return tokenize(v, NULL, text, len, out, NULL);
}

att_status att_tokenize2(const att_vocab *v, const att_vocab *v2, const char *text, size_t len, att_tokens *out,
                         att_tokens *out2)
{
    return tokenize(v, v2, text, len, out, out2);
}
