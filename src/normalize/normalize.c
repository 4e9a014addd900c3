/*
 * normalize.c - the exact and folded views of Vietnamese text, tone-mark
 * placement and word tokenization; see normalize.h.
 *
 * Words are processed as arrays of code points.  Latin letters go through the
 * vnchar table (base letter + modifier + tone), so the common case never
 * calls into utf8proc; other scripts fall back to utf8proc case mapping.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize.h"
#include "vnchar.h"

#define MAXW 64 /* longest word handled code point by code point */

int att_word_cp_category(unsigned cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

int att_is_word_cp(unsigned cp) { return att_word_cp_fast(cp); }

int att_next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *end)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = *pos;
    unsigned cp;
    while (i < n) {
        if (p[i] < 0x80) {
            if (att_ascii_word(p[i]))
                break;
            i++;
            continue;
        }
        size_t l = att_utf8_decode_valid(p + i, n - i, &cp);
        if (att_word_cp_fast(cp))
            break;
        i += l;
    }
    if (i >= n) {
        *pos = n;
        return 0;
    }
    *start = i;
    while (i < n) {
        if (p[i] < 0x80) {
            if (!att_ascii_word(p[i]))
                break;
            i++;
            continue;
        }
        size_t l = att_utf8_decode_valid(p + i, n - i, &cp);
        if (!att_word_cp_fast(cp))
            break;
        i += l;
    }
    *end = i;
    *pos = i;
    return 1;
}

static int is_vowel(char b) { return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y'; }

/* Letters of a word as Vietnamese spelling sees them. */
typedef struct letter {
    char base;
    uint8_t mod, tone, upper;
} letter;

/* Where does the tone mark go in the syllable v[0..n)?  Returns the index,
 * or -1 if the word is not a Vietnamese syllable (then it is left alone). */
static int tone_position(const letter *v, int n)
{
    int i = 0;
    /* onset */
    if (n >= 3 && v[0].base == 'n' && v[1].base == 'g' && v[2].base == 'h' && !v[0].mod)
        i = 3;
    else if (n >= 2 && v[0].base == 'q' && v[1].base == 'u' && !v[1].mod)
        i = 2;
    else if (n >= 3 && v[0].base == 'g' && v[1].base == 'i' && !v[1].mod && is_vowel(v[2].base))
        i = 2;
    else if (n >= 2 && !v[0].mod && !v[1].mod &&
             ((v[1].base == 'h' && strchr("cgknpt", v[0].base)) ||
              (v[0].base == 'n' && v[1].base == 'g') || (v[0].base == 't' && v[1].base == 'r')))
        i = 2;
    else if (n >= 1 && !is_vowel(v[0].base))
        i = 1;
    if (i && v[0].mod && !(v[0].base == 'd' && v[0].mod == VN_MOD_STROKE))
        return -1;
    if (i == 1 && !strchr("bcdghklmnpqrstvx", v[0].base))
        return -1;
    /* nucleus */
    int s = i;
    while (i < n && is_vowel(v[i].base))
        i++;
    int nv = i - s;
    if (nv < 1 || nv > 3)
        return -1;
    /* coda */
    int cl = n - i;
    char c0 = cl > 0 ? v[i].base : 0, c1 = cl > 1 ? v[i + 1].base : 0;
    if (cl > 2)
        return -1;
    for (int k = i; k < n; k++)
        if (v[k].mod || v[k].tone)
            return -1;
    if (cl == 1 && !strchr("cmnpt", c0))
        return -1;
    if (cl == 2 && !((c0 == 'c' && c1 == 'h') || (c0 == 'n' && (c1 == 'g' || c1 == 'h'))))
        return -1;
    /* modified vowels carry the tone; in "ươ" it is the ơ */
    int first_mod = -1;
    for (int k = s; k < s + nv; k++) {
        if (v[k].mod) {
            if (v[k].base == 'o' && v[k].mod == VN_MOD_HORN)
                return k;
            if (first_mod < 0)
                first_mod = k;
        }
    }
    if (first_mod >= 0)
        return first_mod;
    if (cl > 0)
        return s + nv - 1;
    if (nv == 3)
        return s + 1;
    return s; /* open syllable: hòa, thủy, khỏe, mái */
}

/* Append the folded form of the word character cp: its base letter, or
 * for letters outside the Latin table utf8proc's case-folded,
 * mark-stripped decomposition. */
static att_status fold_letter(unsigned cp, att_buf *out)
{
    vn_info in = vn_char_info(cp);
    if (in.base)
        return att_buf_putc(out, in.base);
    utf8proc_int32_t parts[8];
    int last = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char((utf8proc_int32_t)cp, parts, 8,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
                                                 &last);
    if (m < 0 || m > 8) {
        parts[0] = (utf8proc_int32_t)cp;
        m = 1;
    }
    for (utf8proc_ssize_t j = 0; j < m; j++)
        if (att_buf_put_utf8(out, (unsigned)parts[j]) != ATT_OK)
            return ATT_ERR_NOMEM;
    return ATT_OK;
}

/* Decode a word into letters; returns the count, or -1 if it holds anything
 * that is not a Vietnamese-spellable Latin letter or is too long. */
static int to_letters(const char *w, size_t n, letter *v)
{
    int k = 0;
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        i += att_utf8_decode(w + i, n - i, &cp);
        vn_info in = vn_char_info(cp);
        if (!in.base || !in.viet || k == MAXW)
            return -1;
        v[k].base = in.base;
        v[k].mod = in.mod;
        v[k].tone = in.tone;
        v[k].upper = in.upper;
        k++;
    }
    return k;
}

/* Move the single tone mark of a syllable to its traditional position.
 * Returns 1 if letters were changed. */
static int place_tone(letter *v, int n)
{
    int tpos = -1, ntones = 0;
    for (int k = 0; k < n; k++)
        if (v[k].tone) {
            tpos = k;
            ntones++;
        }
    if (ntones != 1)
        return 0;
    int want = tone_position(v, n);
    if (want < 0 || want == tpos)
        return 0;
    v[want].tone = v[tpos].tone;
    v[tpos].tone = 0;
    return 1;
}

/* Append the word w with each letter transformed.  mode: 0 keep case,
 * 1 lowercase (exact), 2 folded. */
static att_status emit_word(const char *w, size_t n, int mode, att_buf *out)
{
    letter v[MAXW];
    int k = to_letters(w, n, v);
    if (k < 0) {
        /* not a Vietnamese-spellable word: generic Unicode handling */
        size_t i = 0;
        while (i < n) {
            unsigned cp;
            size_t l = att_utf8_decode(w + i, n - i, &cp);
            if (mode == 0) {
                if (att_buf_append(out, w + i, l) != ATT_OK)
                    return ATT_ERR_NOMEM;
            } else if (mode == 1) {
                if (att_buf_put_utf8(out, (unsigned)utf8proc_tolower((utf8proc_int32_t)cp)) != ATT_OK)
                    return ATT_ERR_NOMEM;
            } else if (fold_letter(cp, out) != ATT_OK) {
                return ATT_ERR_NOMEM;
            }
            i += l;
        }
        return ATT_OK;
    }
    if (mode != 2)
        place_tone(v, k);
    for (int j = 0; j < k; j++) {
        if (mode == 2) {
            if (att_buf_putc(out, v[j].base) != ATT_OK)
                return ATT_ERR_NOMEM;
            continue;
        }
        unsigned cp = vn_char_compose(v[j].base, v[j].mod, v[j].tone, mode == 0 && v[j].upper);
        if (!cp) /* combination with no precomposed letter: keep base */
            cp = (unsigned char)v[j].base;
        if (att_buf_put_utf8(out, cp) != ATT_OK)
            return ATT_ERR_NOMEM;
    }
    return ATT_OK;
}

/* Apply emit_word (mode 0) or the cached exact key (mode 1) to every word
 * of s, copying the text between words. */
static att_status map_words(const char *s, size_t n, int mode, att_buf *out)
{
    size_t pos = 0, ws, we, last = 0;
    att_status st = ATT_OK;
    while (st == ATT_OK && att_next_word(s, n, &pos, &ws, &we)) {
        st = att_buf_append(out, s + last, ws - last);
        if (st != ATT_OK)
            break;
        if (mode == 0) {
            st = emit_word(s + ws, we - ws, mode, out);
        } else {
            st = att_word_exact(s + ws, we - ws, out) < 0 ? ATT_ERR_NOMEM : ATT_OK;
        }
        last = we;
    }
    return st == ATT_OK ? att_buf_append(out, s + last, n - last) : st;
}

att_status att_exact(const char *s, size_t n, att_buf *out) { return map_words(s, n, 1, out); }
/* Folding, unlike the exact view, is the same letter by letter whatever
 * the word (no tone to place), so one pass over the code points does it
 * without splitting words: ASCII is lowercased in place, Vietnamese letters
 * come from the table, other word characters from utf8proc, and everything
 * else is copied.  This is the hot path of boilerplate detection. */
att_status att_fold(const char *s, size_t n, att_buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    if (att_buf_reserve(out, n) != ATT_OK)
        return ATT_ERR_NOMEM;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            out->data[out->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        unsigned cp;
        size_t l = att_utf8_decode_valid(p + i, n - i, &cp);
        vn_info in = vn_char_info(cp);
        if (in.base) {
            out->data[out->len++] = in.base;
        } else if (!att_word_cp_fast(cp)) {
            memcpy(out->data + out->len, s + i, l);
            out->len += l;
        } else if (fold_letter(cp, out) != ATT_OK || att_buf_reserve(out, n - i) != ATT_OK) {
            return ATT_ERR_NOMEM; /* (the letter may have grown: room for the rest again) */
        }
        i += l;
    }
    out->data[out->len] = '\0';
    return ATT_OK;
}
att_status att_tone_normalize(const char *s, size_t n, att_buf *out) { return map_words(s, n, 0, out); }

void att_fold_words_init(att_fold_words *fw, const char *s, size_t n)
{
    fw->s = s;
    fw->n = n;
    fw->pos = 0;
    fw->rest = (att_buf)ATT_BUF_INIT;
    fw->rest_pos = 0;
    fw->in_rest = 0;
}

void att_fold_words_free(att_fold_words *fw) { att_buf_free(&fw->rest); }

/* Fold s[from..) into fw->rest and read words from there on: a letter
 * that folds to several characters (some may not be word characters) or a
 * word too long for fw->word.  from is where the current word began (or
 * the current position between words); folding is per character, so the
 * words found there are those of the whole folded text. */
static int fold_rest(att_fold_words *fw, size_t from, const char **w, size_t *wn)
{
    fw->in_rest = 1;
    fw->rest_pos = 0;
    if (att_fold(fw->s + from, fw->n - from, &fw->rest) != ATT_OK)
        return -1;
    return att_fold_words_next(fw, w, wn);
}

/* FNV-1a (64-bit) over a folded word's bytes, as the shingles hash them. */
#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv1a(const char *w, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)w[k]) * FNV_PRIME;
    return h;
}

/* The next folded word: its bytes in *w, *wn (hash 0), or its FNV-1a hash
 * in *h (hash 1: each letter is hashed as it is folded, not stored).
 * Inlined into the two functions below with hash a constant. */
__attribute__((always_inline)) static inline int fold_next(att_fold_words *fw, int hash, const char **w,
                                                           size_t *wn, uint64_t *h)
{
    size_t a, b;
    int r;
    if (fw->in_rest) {
        if (!att_next_word(fw->rest.data, fw->rest.len, &fw->rest_pos, &a, &b))
            return 0;
        *w = fw->rest.data + a;
        *wn = b - a;
        if (hash)
            *h = fnv1a(*w, *wn);
        return 1;
    }
    const unsigned char *p = (const unsigned char *)fw->s;
    size_t i = fw->pos, n = fw->n, len = 0, start = i;
    uint64_t x = FNV_OFFSET;
    while (i < n) {
        unsigned char c = p[i];
        char f;
        size_t l = 1;
        if (c < 0x80) {
            if (!att_ascii_word(c)) {
                i++;
                if (len)
                    break;
                continue;
            }
            f = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else {
            unsigned cp;
            l = att_utf8_decode_valid(p + i, n - i, &cp);
            vn_info in = vn_char_info(cp);
            if (in.base) {
                f = in.base;
            } else if (!att_word_cp_fast(cp)) {
                i += l;
                if (len)
                    break;
                continue;
            } else {
                r = fold_rest(fw, len ? start : i, w, wn);
                goto rest;
            }
        }
        if (len == ATT_FOLD_WORD_MAX) {
            r = fold_rest(fw, start, w, wn);
            goto rest;
        }
        if (!len)
            start = i;
        if (hash)
            x = (x ^ (unsigned char)f) * FNV_PRIME;
        else
            fw->word[len] = f;
        len++;
        i += l;
    }
    fw->pos = i;
    *w = fw->word;
    *wn = len;
    if (hash)
        *h = x;
    return len > 0;
rest:
    if (hash && r > 0)
        *h = fnv1a(*w, *wn);
    return r;
}

int att_fold_words_next(att_fold_words *fw, const char **w, size_t *wn) { return fold_next(fw, 0, w, wn, NULL); }

int att_fold_words_next_hash(att_fold_words *fw, uint64_t *h)
{
    const char *w;
    size_t wn;
    return fold_next(fw, 1, &w, &wn, h);
}

/* Bytes that never occur in UTF-8 mark a vowel modifier and a tone. */
#define HV_MOD 0xF8
#define HV_TONE 0xF0

/* Append the tones collected for the word that just ended. */
static void hv_flush(att_buf *out, unsigned *tones, int *nt)
{
    for (int i = 0; i < *nt; i++)
        out->data[out->len++] = (char)(HV_TONE + tones[i]);
    *nt = 0;
}

att_status att_hash_view(const char *s, size_t n, att_buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned tones[4];
    int nt = 0;
    size_t i = 0;
    /* Reserved once: no character needs more than 3 bytes per input byte
     * (ASCII 1 for 1; a Vietnamese letter of 2-3 bytes gives base, modifier
     * and, at the word's end, its tone; another letter of 2-4 bytes at most
     * 4; anything else is copied). */
    if (att_buf_reserve(out, 3 * n + 8) != ATT_OK)
        return ATT_ERR_NOMEM;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (!att_ascii_word(c))
                hv_flush(out, tones, &nt);
            out->data[out->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        unsigned cp;
        size_t l = att_utf8_decode_valid(p + i, n - i, &cp);
        vn_info in = vn_char_info(cp);
        if (in.base && in.viet) { /* other marks (ü, ñ) stay in the letter below */
            out->data[out->len++] = in.base;
            if (in.mod)
                out->data[out->len++] = (char)(HV_MOD + in.mod);
            if (in.tone && nt < 4)
                tones[nt++] = in.tone;
        } else if (att_word_cp_fast(cp)) {
            if (att_buf_put_utf8(out, (unsigned)utf8proc_tolower((utf8proc_int32_t)cp)) != ATT_OK)
                return ATT_ERR_NOMEM;
        } else {
            hv_flush(out, tones, &nt);
            memcpy(out->data + out->len, s + i, l);
            out->len += l;
        }
        i += l;
    }
    hv_flush(out, tones, &nt);
    out->data[out->len] = '\0';
    return ATT_OK;
}

/* A per-thread cache of recent words' keys: news text repeats a few
 * thousand syllables, so most words are computed once per thread.  It is
 * 2-way set-associative (a word evicts the older of its set's two entries
 * only), and a word is held as three zero-padded 64-bit lanes, so hashing
 * and comparing it takes a few instructions instead of a byte loop.  An
 * entry is one 64-byte cache line (the folded key is stored only when it
 * differs from the exact one): the table is looked up for every word the
 * full-text index sees, and its misses in the CPU caches were the cost. */
#define KCACHE_SETS 4096
#define KCACHE_WAYS 2
#define KCACHE_WORD 24
#define KCACHE_KEYS 32
typedef struct kcache_entry {
    uint64_t word[KCACHE_WORD / 8];    /* zero-padded */
    uint8_t wlen, elen, flen, differs; /* wlen 0: empty slot */
    uint32_t tag;                      /* the caller's mark (att_word_keys_tagged) */
    char keys[KCACHE_KEYS];            /* exact key, then the folded key if it differs */
} kcache_entry;
_Static_assert(sizeof(kcache_entry) == 64, "a cache entry is one cache line");
static _Thread_local kcache_entry *t_kcache;

static const char *kcache_folded(const kcache_entry *e) { return e->differs ? e->keys + e->elen : e->keys; }

static int append_raw(att_buf *b, const char *s, size_t n)
{
    if (att_buf_reserve(b, n) != ATT_OK)
        return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static int word_keys_slow(const char *w, size_t n, att_buf *exact, att_buf *folded);

/* This thread's cache, allocated on its first look-up (line-aligned: an
 * entry is one cache line); NULL without memory.  Out of line, so that
 * kcache_set() stays small enough to inline into both of its callers. */
static kcache_entry *kcache_alloc(void)
{
    if ((t_kcache = aligned_alloc(64, KCACHE_SETS * KCACHE_WAYS * sizeof *t_kcache)))
        memset(t_kcache, 0, KCACHE_SETS * KCACHE_WAYS * sizeof *t_kcache);
    return t_kcache;
}

/* The first entry of the set for the word lanes k (n bytes), NULL without
 * a cache. */
static inline kcache_entry *kcache_set(const uint64_t k[KCACHE_WORD / 8], size_t n)
{
    if (!t_kcache && !kcache_alloc())
        return NULL;
    uint64_t h = (k[0] * 0x9E3779B97F4A7C15ull) ^ (k[1] * 0xC2B2AE3D27D4EB4Full) ^
                 (k[2] * 0x165667B19E3779F9ull) ^ n;
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
    return &t_kcache[(h >> 52) % KCACHE_SETS * KCACHE_WAYS];
}

/* The word w (n <= KCACHE_WORD bytes) as zero-padded lanes: whole lanes
 * by fixed-size copies (single loads), the tail shifted in byte by byte
 * (in a register: no call to memcpy, no stall reading back bytes just
 * stored).  Only ever compared with lanes made here, so the byte order
 * within a lane does not matter. */
static void kcache_lanes(uint64_t k[KCACHE_WORD / 8], const char *w, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        memcpy(&k[i / 8], w + i, 8);
    if (i < n) {
        uint64_t t = 0;
        for (size_t j = n; j-- > i;)
            t = t << 8 | (unsigned char)w[j];
        k[i / 8] = t;
    }
}

static int kcache_holds(const kcache_entry *e, const uint64_t k[KCACHE_WORD / 8], size_t n)
{
    return e->wlen == n && e->word[0] == k[0] && e->word[1] == k[1] && e->word[2] == k[2];
}

/* Scratch keys of a cache miss (thread-lifetime, like the cache). */
static _Thread_local att_buf t_miss_exact, t_miss_folded;

/* The cache entry with w's keys, computed and stored on a miss; NULL when
 * w cannot be cached (empty, too long, keys too long, no memory), and the
 * caller computes them itself. */
static kcache_entry *cached_keys(const char *w, size_t n)
{
    if (!n || n > KCACHE_WORD)
        return NULL;
    uint64_t k[KCACHE_WORD / 8] = {0, 0, 0};
    kcache_lanes(k, w, n);
    kcache_entry *e = kcache_set(k, n);
    if (!e)
        return NULL;
    for (int way = 0; way < KCACHE_WAYS; way++)
        if (kcache_holds(&e[way], k, n))
            return &e[way];
    att_buf_clear(&t_miss_exact);
    att_buf_clear(&t_miss_folded);
    int d = word_keys_slow(w, n, &t_miss_exact, &t_miss_folded);
    if (d < 0 || t_miss_exact.len + (d ? t_miss_folded.len : 0) > KCACHE_KEYS)
        return NULL;
    memmove(&e[1], &e[0], (KCACHE_WAYS - 1) * sizeof *e); /* the oldest entry goes */
    memcpy(e->word, k, sizeof e->word);
    e->wlen = (uint8_t)n;
    e->elen = (uint8_t)t_miss_exact.len;
    if (t_miss_exact.len) /* an empty buffer's data may be NULL (memcpy's is not: UBSan, fuzz_api) */
        memcpy(e->keys, t_miss_exact.data, t_miss_exact.len);
    e->flen = (uint8_t)t_miss_folded.len;
    if (d && t_miss_folded.len)
        memcpy(e->keys + e->elen, t_miss_folded.data, t_miss_folded.len);
    e->differs = (uint8_t)d;
    e->tag = 0;
    return e;
}

void att_normalize_thread_end(void)
{
    free(t_kcache);
    t_kcache = NULL;
    att_buf_free(&t_miss_exact);
    att_buf_free(&t_miss_folded);
}

void att_word_keys_prefetch(const char *w, size_t n)
{
    if (!t_kcache || !n || n > KCACHE_WORD)
        return;
    uint64_t k[KCACHE_WORD / 8] = {0, 0, 0};
    kcache_lanes(k, w, n);
    __builtin_prefetch(kcache_set(k, n));
}

int att_word_exact(const char *w, size_t n, att_buf *exact)
{
    kcache_entry *e = cached_keys(w, n);
    if (e)
        return append_raw(exact, e->keys, e->elen) ? -1 : e->differs;
    att_buf folded = ATT_BUF_INIT;
    int d = word_keys_slow(w, n, exact, &folded);
    att_buf_free(&folded);
    return d;
}

int att_word_keys(const char *w, size_t n, att_buf *exact, att_buf *folded)
{
    return att_word_keys_tagged(w, n, exact, folded, NULL);
}

int att_word_keys_tagged(const char *w, size_t n, att_buf *exact, att_buf *folded, uint32_t **tag)
{
    if (tag)
        *tag = NULL;
    kcache_entry *e = cached_keys(w, n);
    if (!e)
        return word_keys_slow(w, n, exact, folded);
    if (append_raw(exact, e->keys, e->elen) || append_raw(folded, kcache_folded(e), e->flen))
        return -1;
    if (tag)
        *tag = &e->tag;
    return e->differs;
}

static int word_keys_slow(const char *w, size_t n, att_buf *exact, att_buf *folded)
{
    size_t i = 0;
    while (i < n && (unsigned char)w[i] < 0x80)
        i++;
    if (i == n) { /* ASCII word: both keys are the lowercase word */
        size_t e0 = exact->len, f0 = folded->len;
        if (att_buf_reserve(exact, n) != ATT_OK || att_buf_reserve(folded, n) != ATT_OK)
            return -1;
        for (size_t k = 0; k < n; k++) {
            char c = w[k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            exact->data[e0 + k] = c;
            folded->data[f0 + k] = c;
        }
        exact->len += n;
        folded->len += n;
        exact->data[exact->len] = '\0';
        folded->data[folded->len] = '\0';
        return 0;
    }
    size_t e0 = exact->len, f0 = folded->len;
    if (emit_word(w, n, 1, exact) != ATT_OK || emit_word(w, n, 2, folded) != ATT_OK)
        return -1;
    size_t el = exact->len - e0, fl = folded->len - f0;
    return !(el == fl && memcmp(exact->data + e0, folded->data + f0, el) == 0);
}
