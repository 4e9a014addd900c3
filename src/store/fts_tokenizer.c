/* fts_tokenizer.c - FTS5 tokenizer "attache"; see fts_tokenizer.h. */
#include "fts_tokenizer.h"

#include <math.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"
#include "terms.h"

/* An instance: the store's vocabulary (terms.h, shared, given when the
 * tokenizer is registered) and the table's mode.  tokenize='attache
 * folded' (the small headline index) also stores each word's folded key
 * at the same position, so accent-free queries there need no synonyms. */
typedef struct tok_instance {
    att_terms *vocab;
    int folded;
    const att_fts *fts; /* the registration: its armed documents (NULL: none) */
} tok_instance;

/* The registration on one connection (the tokenizer's context). */
struct att_fts {
    att_terms *vocab;
    att_pretok *const *armed; /* att_fts_arm() */
    size_t n_armed;
};

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    tok_instance *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    const att_fts *f = ctx;
    t->vocab = f->vocab;
    t->fts = f;
    t->folded = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "folded") != 0) {
            sqlite3_free(t);
            return SQLITE_ERROR;
        }
        t->folded = 1;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) { sqlite3_free(t); }

typedef int (*emit_fn)(void *, int, const char *, int, int, int);

typedef struct synonyms {
    emit_fn emit;
    void *ctx;
    int n, start, end, rc;
    /* pair keys only: the halves a key must have (NULL: any) */
    const char *first, *second, *typed;
    size_t first_len, second_len, typed_len;
} synonyms;

/* Give one exact key of a query word to FTS5: the first as the token,
 * the others colocated with it (FTS5 then matches any of them). */
static int emit_synonym(void *p, const char *exact, size_t len)
{
    synonyms *s = p;
    s->rc = s->emit(s->ctx, s->n++ ? FTS5_TOKEN_COLOCATED : 0, exact, (int)len, s->start, s->end);
    return s->rc != SQLITE_OK;
}

/* emit_synonym for pair keys "x y" whose halves are the ones typed with
 * diacritics ("Hội đồng bao an": the pair "hội đồng" exactly). */
static int emit_pair_synonym(void *p, const char *key, size_t len)
{
    synonyms *s = p;
    const char *sp = memchr(key, ' ', len);
    if (!sp)
        return 0;
    size_t a = (size_t)(sp - key), b = len - a - 1;
    if ((len == s->typed_len && !memcmp(key, s->typed, len)) || /* given already */
        (s->first && (a != s->first_len || memcmp(key, s->first, a))) ||
        (s->second && (b != s->second_len || memcmp(sp + 1, s->second, b))))
        return 0;
    return emit_synonym(p, key, len);
}

/* One word of the text being tokenized, with its keys. */
typedef struct word {
    size_t ws, we;
    att_buf exact, folded;
    int differs;  /* the exact key has diacritics */
    int pairable; /* a pair syllable (terms.h) */
    int numbered; /* number holds att_terms_pair_key() of the exact key */
    unsigned number;
} word;
#define WORD_INIT {0, 0, ATT_BUF_INIT, ATT_BUF_INIT, 0, 0, 0, 0}

static void word_free(word *w)
{
    att_buf_free(&w->exact);
    att_buf_free(&w->folded);
}

/* A document recorded instead of given to FTS5 (att_pretok_document):
 * the tokens as they would be emitted, and the vocabulary notes the
 * document would make, in order, each key once. */
struct att_pretok {
    int folded;       /* for the headline index's mode */
    char *text; /* a copy of what it is the tokens of */
    size_t n;
    att_buf tokens; /* records: u8 flags, u32 start, end, len, the bytes */
    att_buf notes;  /* records: u8 kind (NOTE_WORD, NOTE_PAIR), u32 len, the key, u32 len, the folded key,
                       u32 length of the pair's first half (pairs) */
    uint32_t *seen; /* open addressing over the notes: offset + 1 (0: empty) */
    size_t seen_cap, n_seen;
};
enum { NOTE_WORD = 1, NOTE_PAIR = 2 };
#define TOKEN_HEAD 13 /* a token record's flags, start, end, len */

static uint32_t get_u32(const char *p)
{
    uint32_t u;
    memcpy(&u, p, sizeof u);
    return u;
}

/* FTS5's emit callback, recording (ctx: the att_pretok). */
static int rec_emit(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    att_pretok *r = ctx;
    if (att_buf_reserve(&r->tokens, TOKEN_HEAD + (size_t)n) != ATT_OK)
        return SQLITE_NOMEM;
    char *p = r->tokens.data + r->tokens.len;
    uint32_t v[3] = {(uint32_t)start, (uint32_t)end, (uint32_t)n};
    p[0] = (char)(unsigned char)flags;
    memcpy(p + 1, v, sizeof v);
    memcpy(p + TOKEN_HEAD, tok, (size_t)n);
    r->tokens.len += TOKEN_HEAD + (size_t)n;
    return SQLITE_OK;
}

static uint32_t key_hash(int kind, const char *k, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)kind;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

/* Record a note of key k (folded key f; pairs: first half alen bytes)
 * unless this document noted it already. */
static att_status rec_note(att_pretok *r, int kind, const char *k, size_t n, const char *f, size_t fn, size_t alen)
{
    if ((r->n_seen + 1) * 2 > r->seen_cap) { /* grow and rehash */
        size_t cap = r->seen_cap ? r->seen_cap * 2 : 1024;
        uint32_t *t = calloc(cap, sizeof *t);
        if (!t)
            return ATT_ERR_NOMEM;
        for (size_t i = 0; i < r->seen_cap; i++)
            if (r->seen[i]) {
                const char *e = r->notes.data + r->seen[i] - 1;
                size_t j = key_hash((unsigned char)e[0], e + 5, get_u32(e + 1)) & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = r->seen[i];
            }
        free(r->seen);
        r->seen = t;
        r->seen_cap = cap;
    }
    size_t j = key_hash(kind, k, n) & (r->seen_cap - 1);
    for (; r->seen[j]; j = (j + 1) & (r->seen_cap - 1)) {
        const char *e = r->notes.data + r->seen[j] - 1;
        if ((unsigned char)e[0] == kind && get_u32(e + 1) == n && !memcmp(e + 5, k, n))
            return ATT_OK;
    }
    size_t off = r->notes.len, size = 1 + 4 + n + 4 + fn + (kind == NOTE_PAIR ? 4 : 0);
    if (att_buf_reserve(&r->notes, size) != ATT_OK)
        return ATT_ERR_NOMEM;
    char *p = r->notes.data + off;
    uint32_t len[3] = {(uint32_t)n, (uint32_t)fn, (uint32_t)alen};
    p[0] = (char)(unsigned char)kind;
    memcpy(p + 1, &len[0], 4);
    memcpy(p + 5, k, n);
    memcpy(p + 5 + n, &len[1], 4);
    memcpy(p + 9 + n, f, fn);
    if (kind == NOTE_PAIR)
        memcpy(p + 9 + n + fn, &len[2], 4);
    r->notes.len += size;
    r->notes.data[r->notes.len] = '\0';
    r->seen[j] = (uint32_t)off + 1;
    r->n_seen++;
    return ATT_OK;
}

/* The mark kept with a word in the key cache (att_word_keys_tagged):
 * the vocabulary's id above two bits, "is a pair syllable" and "noted in
 * the vocabulary".  A word seen before then costs no look-up at all. */
#define TAG_PAIRABLE 1u
#define TAG_NOTED 2u

/* Find the next word of text, [w->ws, w->we); 1 if there was one, 0 at
 * the end.  Its key cache entry starts loading (att_word_keys_prefetch):
 * a document's loop gives FTS5 the previous word before asking for this
 * one's keys, so the cache miss overlaps FTS5's work. */
static int find_word(const char *text, size_t n, size_t *pos, word *w)
{
    if (!att_next_word(text, n, pos, &w->ws, &w->we))
        return 0;
    att_word_keys_prefetch(text + w->ws, w->we - w->ws);
    return 1;
}

/* The keys of the word find_word() found in text; 1, or -1 out of memory.
 * Documents note the word in the vocabulary here: the cache tag of
 * att_word_keys_tagged() is valid only until the next word. */
static int word_keys(const tok_instance *in, const char *text, int note, att_pretok *rec, word *w)
{
    att_buf_clear(&w->exact);
    att_buf_clear(&w->folded);
    uint32_t *tag, none = 0;
    w->differs = att_word_keys_tagged(text + w->ws, w->we - w->ws, &w->exact, &w->folded, &tag);
    if (w->differs < 0)
        return -1;
    if (!tag) /* not cached: a mark that lives until this function returns */
        tag = &none;
    uint32_t id = att_terms_id(in->vocab);
    if (*tag >> 2 != id)
        *tag = id << 2 | (att_terms_pairable(in->vocab, w->folded.data, w->folded.len) ? TAG_PAIRABLE : 0);
    w->pairable = (*tag & TAG_PAIRABLE) != 0;
    w->numbered = 0;
    if (note && rec) { /* recording: the writer notes it (att_terms_note skips a key equal to its folded key) */
        if ((w->exact.len != w->folded.len || memcmp(w->exact.data, w->folded.data, w->exact.len)) &&
            rec_note(rec, NOTE_WORD, w->exact.data, w->exact.len, w->folded.data, w->folded.len, 0) != ATT_OK)
            return -1;
    } else if (note && !(*tag & TAG_NOTED)) {
        if (att_terms_note(in->vocab, w->exact.data, w->exact.len, w->folded.data, w->folded.len) != ATT_OK)
            return -1;
        *tag |= TAG_NOTED; /* this word is in the vocabulary: skip it next time */
    }
    return 1;
}

/* find_word() and word_keys() at once: 1 if there was a word, 0 at the
 * end, -1 out of memory. */
static int read_word(const tok_instance *in, const char *text, size_t n, size_t *pos, int note, att_pretok *rec,
                     word *w)
{
    return find_word(text, n, pos, w) ? word_keys(in, text, note, rec, w) : 0;
}

/* w's att_terms_pair_key(), asked once per word (a word in a run of pair
 * syllables ends one pair and starts the next). */
static unsigned pair_number(const tok_instance *in, word *w)
{
    if (!w->numbered) {
        w->number = att_terms_pair_key(in->vocab, w->exact.data, w->exact.len);
        w->numbered = 1;
    }
    return w->number;
}

/* "a b" from the a and b of two words (keys have no spaces). */
static att_status join_pair(att_buf *out, const att_buf *a, const att_buf *b)
{
    att_buf_clear(out);
    att_status st = att_buf_append(out, a->data, a->len);
    if (st == ATT_OK)
        st = att_buf_putc(out, ' ');
    return st == ATT_OK ? att_buf_append(out, b->data, b->len) : st;
}

/* A document: each word's exact key, and the pair it forms with the next
 * word when both are pair syllables.  The headline index also has every
 * folded key (of words and of pairs) at the same position, so it needs no
 * synonyms; the full index records its keys in the vocabulary instead.
 * rec: recording (att_pretok_document) - the notes go to rec, not to the
 * vocabulary, which is then only read. */
static int tokenize_document(const tok_instance *in, void *ctx, int flags, const char *text, size_t n,
                             emit_fn emit, att_pretok *rec)
{
    word w[2] = {WORD_INIT, WORD_INIT};
    att_buf pair = ATT_BUF_INIT, pair_folded = ATT_BUF_INIT;
    int note = (flags & FTS5_TOKENIZE_DOCUMENT) && !in->folded, rc = SQLITE_OK;
    size_t pos = 0;
    int cur = 0, have = read_word(in, text, n, &pos, note, rec, &w[0]);
    while (have > 0 && rc == SQLITE_OK) {
        word *a = &w[cur], *b = &w[!cur];
        int next = find_word(text, n, &pos, b);
        rc = emit(ctx, 0, a->exact.data, (int)a->exact.len, (int)a->ws, (int)a->we);
        if (rc == SQLITE_OK && in->folded && a->differs)
            rc = emit(ctx, FTS5_TOKEN_COLOCATED, a->folded.data, (int)a->folded.len, (int)a->ws, (int)a->we);
        if (next && (next = word_keys(in, text, note, rec, b)) < 0) {
            have = -1;
            break;
        }
        if (rc == SQLITE_OK && next && a->pairable && b->pairable) {
            /* the folded pair is built only when it is needed: in the
             * headline index, or for a pair new to the vocabulary */
            int differs = a->differs || b->differs, fresh = 0;
            att_status st = join_pair(&pair, &a->exact, &b->exact);
            if (st == ATT_OK && note && rec) { /* the writer asks the vocabulary */
                st = join_pair(&pair_folded, &a->folded, &b->folded);
                if (st == ATT_OK)
                    st = rec_note(rec, NOTE_PAIR, pair.data, pair.len, pair_folded.data, pair_folded.len,
                                  a->exact.len);
            } else if (st == ATT_OK && note)
                fresh = !att_terms_has_pair(in->vocab, pair_number(in, a), pair_number(in, b), pair.data, pair.len);
            if (st == ATT_OK && ((in->folded && differs) || fresh))
                st = join_pair(&pair_folded, &a->folded, &b->folded);
            if (st == ATT_OK && fresh)
                st = att_terms_note_pair(in->vocab, pair_number(in, a), pair_number(in, b), pair.data, pair.len,
                                         pair_folded.data, pair_folded.len);
            if (st != ATT_OK) {
                have = -1;
                break;
            }
            rc = emit(ctx, FTS5_TOKEN_COLOCATED, pair.data, (int)pair.len, (int)a->ws, (int)b->we);
            if (rc == SQLITE_OK && in->folded && differs)
                rc = emit(ctx, FTS5_TOKEN_COLOCATED, pair_folded.data, (int)pair_folded.len, (int)a->ws,
                          (int)b->we);
        }
        have = next;
        cur = !cur;
    }
    if (have < 0)
        rc = SQLITE_NOMEM;
    word_free(&w[0]);
    word_free(&w[1]);
    att_buf_free(&pair);
    att_buf_free(&pair_folded);
    return rc;
}

/* One query word as FTS5 tokens: typed with diacritics, exactly that key;
 * typed without, its folded key in the headline index, else every exact
 * key folding to it, as synonyms. */
static int query_word(const tok_instance *in, void *ctx, int prefix, const word *w, emit_fn emit)
{
    if (w->differs && !prefix)
        return emit(ctx, 0, w->exact.data, (int)w->exact.len, (int)w->ws, (int)w->we);
    if (in->folded)
        return emit(ctx, 0, w->folded.data, (int)w->folded.len, (int)w->ws, (int)w->we);
    synonyms s = {emit, ctx, 0, (int)w->ws, (int)w->we, SQLITE_OK, NULL, NULL, NULL, 0, 0, 0};
    if (!emit_synonym(&s, w->folded.data, w->folded.len)) /* the word as typed ("asean") */
        att_terms_variants(in->vocab, w->folded.data, w->folded.len, prefix, emit_synonym, &s);
    return s.rc;
}

/* The pair of query words a, b as FTS5 tokens: the key as typed, then
 * (full index) every recorded pair key folding to the same whose halves
 * typed with diacritics match exactly.  The headline index holds exact
 * and folded pair keys, so there the key as typed is all. */
static int query_pair(const tok_instance *in, void *ctx, const word *a, const word *b, emit_fn emit)
{
    att_buf typed = ATT_BUF_INIT, folded = ATT_BUF_INIT;
    if (join_pair(&typed, a->differs ? &a->exact : &a->folded, b->differs ? &b->exact : &b->folded) != ATT_OK ||
        (!in->folded && join_pair(&folded, &a->folded, &b->folded) != ATT_OK)) {
        att_buf_free(&typed);
        att_buf_free(&folded);
        return SQLITE_NOMEM;
    }
    if (in->folded) {
        int rc = emit(ctx, 0, typed.data, (int)typed.len, (int)a->ws, (int)b->we);
        att_buf_free(&typed);
        return rc;
    }
    synonyms s = {emit,
                  ctx,
                  0,
                  (int)a->ws,
                  (int)b->we,
                  SQLITE_OK,
                  a->differs ? a->exact.data : NULL,
                  b->differs ? b->exact.data : NULL,
                  typed.data,
                  a->exact.len,
                  b->exact.len,
                  typed.len};
    if (!emit_synonym(&s, typed.data, typed.len) && !(a->differs && b->differs))
        att_terms_variants(in->vocab, folded.data, folded.len, 0, emit_pair_synonym, &s);
    att_buf_free(&typed);
    att_buf_free(&folded);
    return s.rc;
}

/* Can query words a, b (b the last word of a prefix query: b_prefix) be
 * looked up as one pair?  Both must be pair syllables, and b must be
 * whole: the pair of a word with an unlisted longer word is not indexed.
 * The headline index has no synonyms, so there a pair half typed with
 * diacritics and half without is looked up word by word. */
static int pairs_with(const tok_instance *in, const word *a, const word *b, int b_prefix)
{
    if (!a->pairable || !b->pairable || b_prefix)
        return 0;
    return !in->folded || a->differs == b->differs;
}

/* A query string.  One word: query_word().  Several words (a phrase):
 * each position is the pair starting there when pairs_with() allows, else
 * the word itself; a last word covered by the pair before it needs no
 * token of its own. */
static int tokenize_query(const tok_instance *in, void *ctx, int flags, const char *text, size_t n,
                          emit_fn emit)
{
    int prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0, rc = SQLITE_OK;
    word *w = NULL;
    size_t nw = 0, cap = 0, pos = 0;
    for (;;) {
        if (nw == cap) {
            size_t c = cap ? cap * 2 : 8;
            word *v = realloc(w, c * sizeof *v);
            if (!v) {
                rc = SQLITE_NOMEM;
                break;
            }
            w = v;
            cap = c;
        }
        w[nw] = (word)WORD_INIT;
        int r = read_word(in, text, n, &pos, 0, NULL, &w[nw]);
        if (r <= 0) {
            word_free(&w[nw]);
            if (r < 0)
                rc = SQLITE_NOMEM;
            break;
        }
        if (prefix) /* a prefix query is typed folded (search.c): no exact half */
            w[nw].differs = 0;
        nw++;
    }
    int covered = 0; /* the current word is the second half of the last pair given */
    for (size_t i = 0; rc == SQLITE_OK && i < nw; i++) {
        int last = i + 1 == nw;
        if (!last && pairs_with(in, &w[i], &w[i + 1], prefix && i + 2 == nw)) {
            rc = query_pair(in, ctx, &w[i], &w[i + 1], emit);
            covered = 1;
        } else {
            if (!(last && covered))
                rc = query_word(in, ctx, prefix && last, &w[i], emit);
            covered = 0;
        }
    }
    for (size_t i = 0; i < nw; i++)
        word_free(&w[i]);
    free(w);
    return rc;
}

/* Replay a recorded document: its notes into the vocabulary (in the
 * order tokenizing would have made them), then its tokens to FTS5. */
static int replay(const tok_instance *in, const att_pretok *r, void *ctx, emit_fn emit)
{
    const char *p = r->notes.data, *e = p + r->notes.len;
    while (p && p < e) {
        int kind = (unsigned char)*p;
        size_t kn = get_u32(p + 1);
        const char *k = p + 5;
        size_t fn = get_u32(k + kn);
        const char *f = k + kn + 4;
        p = f + fn;
        att_status st;
        if (kind == NOTE_WORD) {
            st = att_terms_note(in->vocab, k, kn, f, fn);
        } else {
            size_t alen = get_u32(p);
            p += 4;
            unsigned na = att_terms_pair_key(in->vocab, k, alen);
            unsigned nb = att_terms_pair_key(in->vocab, k + alen + 1, kn - alen - 1);
            st = att_terms_has_pair(in->vocab, na, nb, k, kn) ? ATT_OK
                                                               : att_terms_note_pair(in->vocab, na, nb, k, kn, f, fn);
        }
        if (st != ATT_OK)
            return SQLITE_NOMEM;
    }
    p = r->tokens.data;
    e = p + r->tokens.len;
    while (p && p < e) {
        int flags = (unsigned char)*p;
        int start = (int)get_u32(p + 1), end = (int)get_u32(p + 5), len = (int)get_u32(p + 9);
        int rc = emit(ctx, flags, p + TOKEN_HEAD, len, start, end);
        if (rc != SQLITE_OK)
            return rc;
        p += TOKEN_HEAD + (size_t)len;
    }
    return SQLITE_OK;
}

/* The armed recording of this text in this index's mode, if any. */
static const att_pretok *armed_for(const tok_instance *in, const char *text, size_t n)
{
    for (size_t i = 0; in->fts && i < in->fts->n_armed; i++) {
        const att_pretok *r = in->fts->armed[i];
        if (r && r->folded == in->folded && r->n == n && (n == 0 || !memcmp(r->text, text, n)))
            return r;
    }
    return NULL;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n, emit_fn emit)
{
    const tok_instance *in = (const tok_instance *)t;
    if (flags & FTS5_TOKENIZE_QUERY)
        return tokenize_query(in, ctx, flags, text, (size_t)n, emit);
    const att_pretok *r = (flags & FTS5_TOKENIZE_DOCUMENT) ? armed_for(in, text, (size_t)n) : NULL;
    if (r)
        return replay(in, r, ctx, emit);
    return tokenize_document(in, ctx, flags, text, (size_t)n, emit, NULL);
}

att_status att_pretok_document(const att_terms *vocab, int folded, const char *text, size_t n, att_pretok **out)
{
    *out = NULL;
    att_pretok *r = calloc(1, sizeof *r);
    if (!r)
        return ATT_ERR_NOMEM;
    r->folded = folded != 0;
    r->n = text ? n : 0;
    if (!(r->text = malloc(r->n + 1))) {
        free(r);
        return ATT_ERR_NOMEM;
    }
    if (r->n)
        memcpy(r->text, text, r->n);
    /* only read: the pair set and the vocabulary's id (recording notes nothing) */
    tok_instance in = {(att_terms *)vocab, r->folded, NULL};
    /* about 18 bytes of records per word of about 5 bytes: mostly one allocation */
    if (text && att_buf_reserve(&r->tokens, n * 4 + 64) != ATT_OK) {
        att_pretok_free(r);
        return ATT_ERR_NOMEM;
    }
    if (tokenize_document(&in, r, FTS5_TOKENIZE_DOCUMENT, text ? text : "", text ? n : 0, rec_emit, r) !=
        SQLITE_OK) {
        att_pretok_free(r);
        return ATT_ERR_NOMEM;
    }
    free(r->seen); /* only needed while recording */
    r->seen = NULL;
    r->seen_cap = r->n_seen = 0;
    *out = r;
    return ATT_OK;
}

void att_pretok_free(att_pretok *r)
{
    if (!r)
        return;
    att_buf_free(&r->tokens);
    att_buf_free(&r->notes);
    free(r->seen);
    free(r->text);
    free(r);
}

void att_fts_arm(att_fts *f, att_pretok *const *docs, size_t n)
{
    f->armed = docs;
    f->n_armed = docs ? n : 0;
}

static fts5_api *get_fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

/* ---- ranking ----
 * attache_rank(): BM25 (k1 1.2) with column weights title 10, lead 4,
 * body 1 (FTS5's bm25() does the same: a phrase's frequency is the sum of
 * its instances' column weights), plus a proximity bonus.
 *
 * Length normalization (b = 0.75) on the full index: the row's length
 * (xColumnSize: one look-up in the index's docsize table) is read only
 * for the rows scored, which search.c bounds to its ATT_SEARCH_WINDOW
 * newest matches.  The headline index keeps no sizes (columnsize=0:
 * asking would re-tokenize the row) and titles and leads are of similar
 * length, so there b = 0.
 *
 * Proximity: each two consecutive phrases of the query (the words as the
 * user typed them) found next to each other in this order, in one column,
 * count as one more term - a bigram, whose frequency is the sum of the
 * column weights of its adjacent occurrences - scored with the same
 * saturation, times RANK_PROXIMITY; a query of three phrases or more
 * found whole in a row counts once more.  Vietnamese words are several
 * syllables: "quan hệ song phương" typed as four syllables is two words,
 * and the article that says it outranks one titled "Quan hệ đa phương".
 * idf: see idf_of(); a bigram's or run's share of the rows is the product
 * of its phrases' shares (as if independent).
 * Returns the negated score, as bm25() does (smaller is better). */

#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_PROXIMITY 1.0
/* Positions kept per phrase for the proximity bonus, and phrases looked
 * at: a query is at most ATT_QUERY_MAX_TERMS words (search.h). */
#define RANK_MAX_POS 128
#define RANK_MAX_PHRASES 64

typedef struct rank_idf {
    int n;
    double avgdl; /* mean row length in tokens; 0: no length normalization */
    double rows;
    double *share; /* each phrase's share of the rows that hold it */
    double idf[];
} rank_idf;

/* Inverse document frequency of something held by a share of the rows,
 * as Lucene's BM25 has it: log(1 + (N - n + 0.5) / (n + 0.5)), never
 * negative, so a word in most articles still counts a little (FTS5's
 * bm25() floors it at 1e-6: four common words then score next to
 * nothing, and their proximity too). */
static double idf_of(double rows, double share)
{
    double n = share * rows;
    return log(1.0 + (rows - n + 0.5) / (n + 0.5));
}

/* Document frequency is counted over at most IDF_SAMPLE matches, then
 * extrapolated from how far into the rowids the sample reached: counting
 * every match of a common word would cost as much as the whole query. */
#define IDF_SAMPLE 512

typedef struct df_count {
    sqlite3_int64 hits, last_rowid;
} df_count;

static int count_rows(const Fts5ExtensionApi *api, Fts5Context *ctx, void *user)
{
    df_count *c = user;
    c->last_rowid = api->xRowid(ctx);
    return ++c->hits >= IDF_SAMPLE ? SQLITE_DONE : SQLITE_OK;
}

static void rank_free(void *p) { sqlite3_free(p); }

/* The per-query part: idf of each phrase and the mean row length.  NULL
 * (and the error set on pc) on failure. */
static rank_idf *rank_prepare(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *pc)
{
    int np = api->xPhraseCount(ctx);
    rank_idf *idf = sqlite3_malloc64(sizeof *idf + 2 * (size_t)np * sizeof(double));
    if (!idf) {
        sqlite3_result_error_nomem(pc);
        return NULL;
    }
    idf->n = np;
    idf->avgdl = 0;
    idf->share = idf->idf + np;
    sqlite3_int64 rows = 0, total = 0;
    api->xRowCount(ctx, &rows);
    idf->rows = (double)rows;
    /* the full index (title, lead, body) keeps row sizes */
    if (api->xColumnCount(ctx) == 3 && rows > 0 && api->xColumnTotalSize(ctx, -1, &total) == SQLITE_OK &&
        total > 0)
        idf->avgdl = (double)total / (double)rows;
    for (int p = 0; p < np; p++) {
        df_count c = {0, 0};
        int rc = api->xQueryPhrase(ctx, p, &c, count_rows);
        if (rc != SQLITE_OK && rc != SQLITE_DONE) {
            sqlite3_free(idf);
            sqlite3_result_error(pc, "attache_rank: phrase query failed", -1);
            return NULL;
        }
        double hits = (double)c.hits;
        if (c.hits >= IDF_SAMPLE && c.last_rowid > 0 && c.last_rowid < rows)
            hits *= (double)rows / (double)c.last_rowid; /* rowids are dense: ingest order */
        if (hits > (double)rows)
            hits = (double)rows;
        idf->share[p] = rows > 0 ? hits / (double)rows : 1.0;
        idf->idf[p] = idf_of((double)rows, idf->share[p]);
    }
    if (api->xSetAuxdata(ctx, idf, rank_free) != SQLITE_OK) {
        sqlite3_result_error_nomem(pc);
        return NULL;
    }
    return idf;
}

/* One phrase's instances in this row: weighted frequency, and up to
 * RANK_MAX_POS positions as column << 24 | offset, in order. */
typedef struct phrase_pos {
    double tf;
    int n, size;
    int pos[RANK_MAX_POS];
    unsigned char chain[RANK_MAX_POS]; /* instance i ends a run of every phrase so far */
} phrase_pos;

static const double rank_weight[] = {10.0, 4.0, 1.0};

static double col_weight(int col) { return col >= 0 && col < 3 ? rank_weight[col] : 1.0; }

static void phrase_read(const Fts5ExtensionApi *api, Fts5Context *ctx, int p, phrase_pos *out)
{
    Fts5PhraseIter it;
    int col, off;
    out->tf = 0;
    out->n = 0;
    out->size = api->xPhraseSize(ctx, p);
    if (api->xPhraseFirst(ctx, p, &it, &col, &off) != SQLITE_OK)
        return;
    for (; col >= 0; api->xPhraseNext(ctx, &it, &col, &off)) {
        out->tf += col_weight(col);
        if (out->n < RANK_MAX_POS && off < (1 << 24)) {
            out->chain[out->n] = p == 0;
            out->pos[out->n++] = col << 24 | off;
        }
    }
}

/* Weighted count of a's instances followed directly by b's (same column;
 * b starting where a ends: a phrase of several words may end one position
 * early when its last word is covered by a pair token, see
 * tokenize_query()).  An instance of b that follows the end of a run of
 * every phrase before it continues the run (b->chain). */
static double adjacent(const phrase_pos *a, phrase_pos *b)
{
    double tf = 0;
    int j = 0;
    for (int i = 0; i < a->n; i++) {
        int lo = a->pos[i] + (a->size > 0 ? a->size : 1), hi = a->size > 1 ? lo + 1 : lo;
        while (j < b->n && b->pos[j] < lo)
            j++;
        if (j < b->n && b->pos[j] <= hi && (b->pos[j] >> 24) == (a->pos[i] >> 24)) {
            tf += col_weight(a->pos[i] >> 24);
            if (a->chain[i])
                b->chain[j] = 1;
        }
    }
    return tf;
}

static void attache_rank(const Fts5ExtensionApi *api, Fts5Context *ctx, sqlite3_context *pc, int nval,
                         sqlite3_value **val)
{
    (void)nval;
    (void)val;
    rank_idf *idf = api->xGetAuxdata(ctx, 0);
    if (!idf && !(idf = rank_prepare(api, ctx, pc))) /* once per query */
        return;
    double norm = 1.0;
    if (idf->avgdl > 0) {
        int len = 0;
        if (api->xColumnSize(ctx, -1, &len) == SQLITE_OK)
            norm = 1.0 - RANK_B + RANK_B * (double)len / idf->avgdl;
    }
    double k = RANK_K1 * norm, score = 0, run_share = 1;
    phrase_pos cur[2];
    int np = idf->n < RANK_MAX_PHRASES ? idf->n : RANK_MAX_PHRASES;
    for (int p = 0; p < np; p++) {
        phrase_pos *a = &cur[p & 1], *prev = &cur[!(p & 1)];
        phrase_read(api, ctx, p, a);
        run_share *= idf->share[p];
        if (a->tf > 0)
            score += idf->idf[p] * a->tf * (RANK_K1 + 1) / (a->tf + k);
        if (p > 0 && a->n && prev->n) {
            double tf = adjacent(prev, a);
            double w = idf_of(idf->rows, idf->share[p] * idf->share[p - 1]);
            if (tf > 0)
                score += RANK_PROXIMITY * w * tf * (RANK_K1 + 1) / (tf + k);
        }
        if (p >= 2 && p + 1 == np) { /* three words or more, all in a row: one more term */
            double tf = 0;
            for (int i = 0; i < a->n; i++)
                if (a->chain[i])
                    tf += col_weight(a->pos[i] >> 24);
            if (tf > 0)
                score += RANK_PROXIMITY * idf_of(idf->rows, run_share) * tf * (RANK_K1 + 1) / (tf + k);
        }
    }
    sqlite3_result_double(pc, -score);
}

att_status att_fts_register(sqlite3 *db, att_terms *vocab, att_fts **out)
{
    fts5_api *api = get_fts5_api(db);
    if (!api)
        return ATT_ERR_DB;
    att_fts *f = calloc(1, sizeof *f);
    if (!f)
        return ATT_ERR_NOMEM;
    f->vocab = vocab;
    fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    /* FTS5 frees f with the connection (not when registering fails) */
    if (api->xCreateTokenizer(api, "attache", f, &tok, free) != SQLITE_OK) {
        free(f);
        return ATT_ERR_DB;
    }
    if (out)
        *out = f;
    return api->xCreateFunction(api, "attache_rank", NULL, attache_rank, NULL) == SQLITE_OK ? ATT_OK
                                                                                          : ATT_ERR_DB;
}
