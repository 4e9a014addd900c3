/* tokens.c - vocabulary (open-addressing hash of exact keys) and
 * tokenization; see tokens.h. */
#include "tokens.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

struct att_vocab {
    char **keys;     /* id-1 -> key */
    uint32_t *slots; /* hash slot -> id (0 empty) */
    size_t n, nslots;
};

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
    return v;
}

void att_vocab_free(att_vocab *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->keys[i]);
    free(v->keys);
    free(v->slots);
    free(v);
}

size_t att_vocab_size(const att_vocab *v) { return v->n; }

uint32_t att_vocab_find_key(const att_vocab *v, const char *key, size_t n)
{
    size_t mask = v->nslots - 1;
    for (size_t i = hash(key, n) & mask;; i = (i + 1) & mask) {
        uint32_t id = v->slots[i];
        if (!id)
            return 0;
        const char *k = v->keys[id - 1];
        if (strlen(k) == n && memcmp(k, key, n) == 0)
            return id;
    }
}

static int grow(att_vocab *v)
{
    size_t ns = v->nslots * 2, mask = ns - 1;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s)
        return -1;
    for (size_t id = 1; id <= v->n; id++) {
        const char *k = v->keys[id - 1];
        size_t i = hash(k, strlen(k)) & mask;
        while (s[i])
            i = (i + 1) & mask;
        s[i] = (uint32_t)id;
    }
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
    }
    char *c = malloc(n + 1);
    if (!c)
        return 0;
    memcpy(c, key, n);
    c[n] = '\0';
    v->keys[v->n++] = c;
    id = (uint32_t)v->n;
    size_t mask = v->nslots - 1, i = hash(key, n) & mask;
    while (v->slots[i])
        i = (i + 1) & mask;
    v->slots[i] = id;
    return id;
}

uint32_t att_vocab_add(att_vocab *v, const char *word, size_t n)
{
    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT;
    uint32_t id = 0;
    if (att_word_keys(word, n, &e, &f) >= 0)
        id = add_key(v, e.data ? e.data : "", e.len);
    att_buf_free(&e);
    att_buf_free(&f);
    return id;
}

uint32_t att_vocab_find(const att_vocab *v, const char *word, size_t n)
{
    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT;
    uint32_t id = 0;
    if (att_word_keys(word, n, &e, &f) >= 0)
        id = att_vocab_find_key(v, e.data ? e.data : "", e.len);
    att_buf_free(&e);
    att_buf_free(&f);
    return id;
}

void att_tokens_free(att_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

att_status att_tokenize(const att_vocab *v, const char *text, size_t len, att_tokens *out)
{
    out->n = 0;
    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT;
    size_t pos = 0, ws, we, prev_end = 0;
    while (att_next_word(text, len, &pos, &ws, &we)) {
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 256;
            att_token *nv = realloc(out->v, cap * sizeof *nv);
            if (!nv) {
                att_buf_free(&e);
                att_buf_free(&f);
                return ATT_ERR_NOMEM;
            }
            out->v = nv;
            out->cap = cap;
        }
        att_buf_clear(&e);
        att_buf_clear(&f);
        if (att_word_keys(text + ws, we - ws, &e, &f) < 0) {
            att_buf_free(&e);
            att_buf_free(&f);
            return ATT_ERR_NOMEM;
        }
        att_token *t = &out->v[out->n++];
        t->start = (uint32_t)ws;
        t->end = (uint32_t)we;
        t->id = att_vocab_find_key(v, e.data, e.len);
        unsigned cp;
        att_utf8_decode(text + ws, we - ws, &cp);
        t->upper = utf8proc_isupper((utf8proc_int32_t)cp) != 0;
        t->digit = 1;
        for (size_t k = ws; k < we; k++)
            if (text[k] < '0' || text[k] > '9')
                t->digit = 0;
        t->gap_before = 0;
        for (size_t k = prev_end; k < ws; k++)
            if (text[k] != ' ')
                t->gap_before = 1;
        prev_end = we;
    }
    att_buf_free(&e);
    att_buf_free(&f);
    return ATT_OK;
}
