/* tagger.c - loading a segmenter/tagger model and running it; see
 * tagger.h (API) and tagger_int.h (tokens and features). */
#include "tagger.h"

#include <errno.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/datafile.h"
#include "tagger_int.h"

struct att_tagger {
    att_fmap seg;    /* feature -> index into segw */
    float *segw;     /* weight of label B (label I scores 0) */
    float trans[3][2]; /* [prev: B, I, start][cur: B, I] */
    att_fmap pos;    /* feature -> index into posw (rows of ATT_UPOS__N): left to right */
    float *posw;
    att_fmap posr;   /* the same for the right-to-left tagger */
    float *poswr;
    att_fmap dict;   /* keys of multi-syllable dictionary words */
    att_fmap tagdict; /* word key -> its one tag (frequent words of one class) */
    att_fmap syls;   /* syllable key -> class (att_tk_lex) */
    att_fmap lex;    /* word key -> 1 + its tag in a lexicon (att_wd.lex) */
};

static const char *const upos_names[ATT_UPOS__N] = {"ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET",
                                                     "INTJ", "NOUN", "NUM",   "PART",  "PRON",  "PROPN",
                                                     "PUNCT", "SCONJ", "SYM", "VERB", "X"};

const char *att_upos_name(att_upos u)
{
    return (unsigned)u < ATT_UPOS__N ? upos_names[u] : "X";
}

att_upos att_upos_vtb_legacy(att_upos u)
{
    switch (u) {
    case ATT_UPOS_PROPN:
        return ATT_UPOS_NOUN;
    case ATT_UPOS_PRON:
        return ATT_UPOS_PROPN;
    case ATT_UPOS_ADV:
        return ATT_UPOS_X;
    case ATT_UPOS_CCONJ:
        return ATT_UPOS_SCONJ;
    case ATT_UPOS_SCONJ:
        return ATT_UPOS_CCONJ;
    default:
        return u;
    }
}

int att_upos_parse(const char *s, size_t n)
{
    for (int i = 0; i < ATT_UPOS__N; i++)
        if (strlen(upos_names[i]) == n && memcmp(upos_names[i], s, n) == 0)
            return i;
    return -1;
}

void att_tagger_free(att_tagger *t)
{
    if (!t)
        return;
    att_fmap_free(&t->seg);
    att_fmap_free(&t->pos);
    att_fmap_free(&t->posr);
    att_fmap_free(&t->dict);
    att_fmap_free(&t->tagdict);
    att_fmap_free(&t->syls);
    att_fmap_free(&t->lex);
    free(t->segw);
    free(t->posw);
    free(t->poswr);
    free(t);
}

/* ---- model text format ----
 *   # comment lines
 *   attache-tagger 1
 *   trans BB BI IB II SB SI
 *   seg N            then N lines "HEXKEY WEIGHT"
 *   pos N            then N lines "HEXKEY TAG:WEIGHT ..." (TAG an index)
 *   posr N           the same for the right-to-left tagger
 *   dict N           then N lines "HEXKEY [n]" (dictionary words, att_word_key;
 *                    n marks a name, kept whole when written capitalised)
 *   tagdict N        then N lines "HEXKEY TAG": words (att_wd.key) that always
 *                    take TAG (frequent and of one class in the treebank)
 *   syls N           (optional) then N lines "HEXKEY V": syllable keys and
 *                    their class V (1..ATT_SCLS_MAX, see att_tk.scls)
 *   lex N            (optional, after syls) then N lines "HEXKEY V": word
 *                    keys (att_wd.key) and 1 + their tag in a lexicon
 *                    (att_wd.lex, a tagging feature)
 */

typedef struct rd {
    const char *p, *end;
    size_t line;
} rd;

/* The next line (without its newline) into s and n; 0 at the end. */
static int next_line(rd *r, const char **s, size_t *n)
{
    while (r->p < r->end) {
        const char *e = memchr(r->p, '\n', (size_t)(r->end - r->p));
        if (!e)
            e = r->end;
        *s = r->p;
        *n = (size_t)(e - r->p);
        r->p = e < r->end ? e + 1 : e;
        r->line++;
        if (*n && (*s)[0] == '#')
            continue;
        return 1;
    }
    return 0;
}

static att_status bad(char *err, size_t errlen, const rd *r, const char *what)
{
    return att_seterr(err, errlen, ATT_ERR_FORMAT, "tagger model line %zu: %s", r->line, what);
}

/* Parse "KEY" then floats; copies the line to a NUL-terminated buffer. */
static int parse_key(const char *s, size_t n, char *buf, size_t bufsz, uint64_t *key, char **rest)
{
    if (n >= bufsz)
        return -1;
    memcpy(buf, s, n);
    buf[n] = 0;
    errno = 0;
    *key = strtoull(buf, rest, 16);
    if (errno || *rest == buf)
        return -1;
    return 0;
}

/* The next line must be "WORD N" (word given with its space); *cnt = N. */
static att_status read_count(rd *r, const char *word, unsigned long long *cnt, char *err, size_t errlen)
{
    const char *s;
    size_t n, wl = strlen(word);
    char buf[32], *rest;
    if (!next_line(r, &s, &n) || n <= wl || n - wl >= sizeof buf || memcmp(s, word, wl) != 0)
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "tagger model line %zu: want \"%sN\"", r->line, word);
    memcpy(buf, s + wl, n - wl);
    buf[n - wl] = 0;
    *cnt = strtoull(buf, &rest, 10);
    if (rest == buf || *rest || *cnt > 50000000ull)
        return bad(err, errlen, r, "bad count");
    return ATT_OK;
}

/* A section "WORD N" and its N lines "HEXKEY V" (vmin <= V <= vmax) into m. */
static att_status read_numbered(rd *r, const char *word, att_fmap *m, unsigned long vmin, unsigned long vmax,
                                const char *what, char *err, size_t errlen)
{
    unsigned long long cnt;
    att_status st = read_count(r, word, &cnt, err, errlen);
    if (st)
        return st;
    if (att_fmap_init(m, cnt))
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory loading the tagger model");
    char buf[1024], *rest, *e;
    for (size_t i = 0; i < cnt; i++) {
        const char *s;
        size_t n;
        uint64_t key;
        unsigned long v;
        if (!next_line(r, &s, &n) || parse_key(s, n, buf, sizeof buf, &key, &rest) ||
            (v = strtoul(rest, &e, 10), e == rest || v < vmin || v > vmax) || att_fmap_set(m, key, (uint32_t)v))
            return att_seterr(err, errlen, ATT_ERR_FORMAT, "tagger model line %zu: bad or missing %s line", r->line,
                              what);
    }
    return ATT_OK;
}

att_status att_tagger_open(const char *data, size_t len, att_tagger **out, char *err, size_t errlen)
{
    if (!data || !out)
        return att_seterr(err, errlen, ATT_ERR_USAGE, "att_tagger_open: NULL argument");
    *out = NULL;
    att_tagger *t = calloc(1, sizeof *t);
    if (!t)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory loading the tagger model");
    rd r = {data, data + len, 0};
    const char *s;
    size_t n;
    char buf[1024];
    char *rest;
    att_status st = ATT_OK;
    if (!next_line(&r, &s, &n) || n < 16 || memcmp(s, "attache-tagger 1", 16) != 0) {
        st = bad(err, errlen, &r, "not an attache tagger model (want \"attache-tagger 1\")");
        goto fail;
    }
    if (!next_line(&r, &s, &n) || n >= sizeof buf || n < 6 || memcmp(s, "trans ", 6) != 0) {
        st = bad(err, errlen, &r, "want \"trans\" weights");
        goto fail;
    }
    memcpy(buf, s, n);
    buf[n] = 0;
    rest = buf + 6;
    for (int i = 0; i < 6; i++) {
        char *e;
        t->trans[i / 2][i % 2] = strtof(rest, &e);
        if (e == rest) {
            st = bad(err, errlen, &r, "want six transition weights");
            goto fail;
        }
        rest = e;
    }
    for (int part = 0; part < 3; part++) {
        unsigned long long cnt;
        if ((st = read_count(&r, part == 0 ? "seg " : part == 1 ? "pos " : "posr ", &cnt, err, errlen)))
            goto fail;
        att_fmap *m = part == 0 ? &t->seg : part == 1 ? &t->pos : &t->posr;
        size_t width = part == 0 ? 1 : ATT_UPOS__N;
        float *w = calloc(cnt ? cnt * width : 1, sizeof *w);
        if (!w || att_fmap_init(m, cnt)) {
            free(w);
            st = att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory loading the tagger model");
            goto fail;
        }
        if (part == 0)
            t->segw = w;
        else if (part == 1)
            t->posw = w;
        else
            t->poswr = w;
        for (size_t i = 0; i < cnt; i++) {
            uint64_t key;
            if (!next_line(&r, &s, &n) || parse_key(s, n, buf, sizeof buf, &key, &rest)) {
                st = bad(err, errlen, &r, "bad or missing feature line");
                goto fail;
            }
            if (att_fmap_put(m, key, (uint32_t)i) != (uint32_t)i) {
                st = bad(err, errlen, &r, "duplicate feature");
                goto fail;
            }
            float *row = w + i * width;
            if (part == 0) {
                char *e;
                row[0] = strtof(rest, &e);
                if (e == rest) {
                    st = bad(err, errlen, &r, "missing weight");
                    goto fail;
                }
                continue;
            }
            for (;;) {
                while (*rest == ' ')
                    rest++;
                if (!*rest)
                    break;
                char *e;
                unsigned long tag = strtoul(rest, &e, 10);
                if (e == rest || *e != ':' || tag >= ATT_UPOS__N) {
                    st = bad(err, errlen, &r, "bad tag:weight");
                    goto fail;
                }
                rest = e + 1;
                row[tag] = strtof(rest, &e);
                if (e == rest) {
                    st = bad(err, errlen, &r, "bad tag:weight");
                    goto fail;
                }
                rest = e;
            }
        }
    }
    unsigned long long nd;
    if ((st = read_count(&r, "dict ", &nd, err, errlen)))
        goto fail;
    if (att_fmap_init(&t->dict, nd)) {
        st = att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory loading the tagger model");
        goto fail;
    }
    for (size_t i = 0; i < nd; i++) {
        uint64_t key;
        if (!next_line(&r, &s, &n) || parse_key(s, n, buf, sizeof buf, &key, &rest) ||
            att_fmap_set(&t->dict, key, strchr(rest, 'n') ? ATT_DICT_NAME : ATT_DICT_WORD)) {
            st = bad(err, errlen, &r, "bad or missing dictionary line");
            goto fail;
        }
    }
    if ((st = read_numbered(&r, "tagdict ", &t->tagdict, 0, ATT_UPOS__N - 1, "tag dictionary", err, errlen)))
        goto fail;
    /* optional: the syllable classes */
    if (next_line(&r, &s, &n)) {
        r.p = s; /* back to that line */
        r.line--;
        if ((st = read_numbered(&r, "syls ", &t->syls, 1, ATT_SCLS_MAX, "syllable", err, errlen)))
            goto fail;
        /* optional: the lexicon's tags */
        if (next_line(&r, &s, &n)) {
            r.p = s;
            r.line--;
            if ((st = read_numbered(&r, "lex ", &t->lex, 1, ATT_UPOS__N, "lexicon", err, errlen)))
                goto fail;
        }
    }
    *out = t;
    return ATT_OK;
fail:
    att_tagger_free(t);
    return st;
}

/* ---- the built-in model ---- */

#define MODEL_NAME "data/tagger_vi.model"

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static att_tagger *g_model;
static char g_err[256];

static void load_builtin(void)
{
    char *data = NULL;
    size_t len = 0;
    char e[200];
    if (att_datafile_load(MODEL_NAME, &data, &len, e, sizeof e) != ATT_OK) {
        snprintf(g_err, sizeof g_err, "%s: %s", MODEL_NAME, e);
        return;
    }
    if (att_tagger_open(data, len, &g_model, e, sizeof e) != ATT_OK)
        snprintf(g_err, sizeof g_err, "%s: %s", MODEL_NAME, e);
    free(data);
}

const att_tagger *att_tagger_builtin(char *err, size_t errlen)
{
    pthread_once(&g_once, load_builtin);
    if (!g_model && err && errlen)
        snprintf(err, errlen, "%s", g_err[0] ? g_err : "tagger model not loaded");
    return g_model;
}

/* ---- decoding ---- */

static float seg_score(const att_tagger *t, const att_tk *tk, const uint8_t *marks, size_t n, size_t i)
{
    uint64_t f[ATT_SEG_NF];
    size_t nf = att_seg_feats(tk, marks, n, i, f);
    float s = 0;
    for (size_t k = 0; k < nf; k++) {
        uint32_t ix = att_fmap_get(&t->seg, f[k]);
        if (ix != UINT32_MAX)
            s += t->segw[ix];
    }
    return s;
}

void att_seg_viterbi(const att_tagger *t, att_tk *tk, size_t n, uint8_t *marks, uint8_t *begin)
{
    float emit[ATT_TAG_CHUNK];
    uint8_t back[ATT_TAG_CHUNK][2];
    att_tk_lex(&t->syls, tk, n);
    att_dict_marks(&t->dict, tk, n, marks);
    for (size_t i = 0; i < n; i++)
        emit[i] = seg_score(t, tk, marks, n, i);
    att_bi_viterbi(emit, marks, n, t->trans, back, begin);
}

/* Scores of the tags of word i under one direction's weights (added to sc). */
static void pos_scores(const att_fmap *m, const float *wts, const att_wd *w, size_t n, size_t i, int p1, int p2,
                       float *sc)
{
    uint64_t f[ATT_POS_NF];
    size_t nf = att_pos_feats(w, n, i, p1, p2, f);
    for (size_t k = 0; k < nf; k++) {
        uint32_t ix = att_fmap_get(m, f[k]);
        if (ix == UINT32_MAX)
            continue;
        const float *row = wts + (size_t)ix * ATT_UPOS__N;
        for (int c = 0; c < ATT_UPOS__N; c++)
            sc[c] += row[c];
    }
}

static int argmax(const float *sc)
{
    int best = ATT_UPOS_X;
    for (int c = 0; c < ATT_UPOS__N; c++)
        if (sc[c] > sc[best])
            best = c;
    return best;
}

void att_pos_tag(const att_tagger *t, const att_wd *w, size_t n, const int8_t *force, uint8_t *tags)
{
    float lr[ATT_TAG_CHUNK][ATT_UPOS__N];
    att_wd rw[ATT_TAG_CHUNK], lw[ATT_TAG_CHUNK];
    int8_t fix[ATT_TAG_CHUNK];
    if (t->lex.n) {
        for (size_t j = 0; j < n; j++) {
            uint32_t v = att_fmap_get(&t->lex, w[j].key);
            lw[j] = w[j];
            lw[j].lex = (uint8_t)(v == UINT32_MAX ? 0 : v);
        }
        w = lw;
    }
    int p1 = ATT_UPOS__N, p2 = ATT_UPOS__N;
    for (size_t j = 0; j < n; j++) {
        /* a forced tag, or the one tag of a frequent unambiguous word: no scoring */
        fix[j] = force ? force[j] : -1;
        if (fix[j] < 0 && t->tagdict.n) {
            uint32_t v = att_fmap_get(&t->tagdict, w[j].key);
            if (v != UINT32_MAX)
                fix[j] = (int8_t)v;
        }
        int tag = fix[j];
        if (tag < 0) {
            memset(lr[j], 0, sizeof lr[j]);
            pos_scores(&t->pos, t->posw, w, n, j, p1, p2, lr[j]);
            tag = argmax(lr[j]);
        }
        p2 = p1;
        p1 = tag;
        tags[j] = (uint8_t)tag;
        rw[n - 1 - j] = w[j];
    }
    if (!t->posr.n)
        return;
    /* right to left, with its own previous (= following) tags; each word
     * gets the tag of the two passes' summed scores */
    p1 = p2 = ATT_UPOS__N;
    for (size_t k = 0; k < n; k++) {
        size_t j = n - 1 - k;
        int own = fix[j];
        if (own < 0) {
            float rl[ATT_UPOS__N] = {0};
            pos_scores(&t->posr, t->poswr, rw, n, k, p1, p2, rl);
            own = argmax(rl);
            for (int c = 0; c < ATT_UPOS__N; c++)
                rl[c] += lr[j][c];
            tags[j] = (uint8_t)argmax(rl);
        }
        p2 = p1;
        p1 = own;
    }
}

static int is_cut(const att_tk *k, const char *text)
{
    if ((k->shape & 15) != TK_PUNCT)
        return 0;
    unsigned char c = (unsigned char)text[k->from];
    return c == ',' || c == ';' || c == '!' || c == '?' || c == '"' || c == '(' || c == ')' || c == 0xE2;
}

att_status att_tag_words(const att_tagger *t, const char *text, size_t len, att_tword *out, size_t cap,
                         size_t *n, unsigned flags, char *err, size_t errlen)
{
    if (n)
        *n = 0;
    if (!t || !n || (!text && len) || (!out && cap))
        return att_seterr(err, errlen, ATT_ERR_USAGE, "att_tag_words: NULL argument");
    if (len > UINT32_MAX)
        return att_seterr(err, errlen, ATT_ERR_TOOBIG, "text of %zu bytes is over the tagger's 4 GB limit", len);
    size_t bad_at;
    if (len && !att_utf8_valid(text, len, &bad_at))
        return att_seterr(err, errlen, ATT_ERR_UTF8, "invalid UTF-8 at byte %zu", bad_at);
    att_tk tk[ATT_TAG_CHUNK];
    att_wd wd[ATT_TAG_CHUNK];
    uint8_t begin[ATT_TAG_CHUNK], marks[ATT_TAG_CHUNK], tags[ATT_TAG_CHUNK];
    size_t wstart[ATT_TAG_CHUNK + 1];
    size_t pos = 0, nout = 0;
    for (;;) {
        size_t nt = 0, p = pos;
        while (nt < ATT_TAG_CHUNK && att_tk_next(text, len, &p, &tk[nt]))
            nt++;
        if (!nt)
            break;
        size_t use = nt;
        if (nt == ATT_TAG_CHUNK && p < len) {
            /* more follows: cut after the last comma-like mark in the second half */
            for (size_t c = nt - 1; c >= nt / 2; c--)
                if (is_cut(&tk[c], text)) {
                    use = c + 1;
                    break;
                }
            if (use == nt)
                use = nt - 8; /* keep some right context out of this chunk */
            pos = tk[use - 1].to;
        } else {
            pos = p;
        }
        att_seg_viterbi(t, tk, use, marks, begin);
        size_t nw = 0;
        for (size_t i = 0; i < use; i++)
            if (begin[i] || i == 0)
                wstart[nw++] = i;
        wstart[nw] = use;
        for (size_t j = 0; j < nw; j++)
            att_wd_make(&wd[j], tk, wstart[j], wstart[j + 1]);
        if (!(flags & ATT_TAG_NOPOS)) {
            int8_t force[ATT_TAG_CHUNK];
            for (size_t j = 0; j < nw; j++) /* a listed name, capitalised, whole */
                force[j] = (marks[wstart[j]] & ATT_MARK_NAME_START) && (wd[j].shape & 0x20) ? ATT_UPOS_PROPN : -1;
            att_pos_tag(t, wd, nw, force, tags);
        }
        for (size_t j = 0; j < nw; j++) {
            if (nout == cap) {
                *n = nout;
                return att_seterr(err, errlen, ATT_ERR_TOOBIG, "more than %zu words", cap);
            }
            int tag = flags & ATT_TAG_NOPOS ? ATT_UPOS_X : tags[j];
            if (flags & ATT_TAG_VTB_LEGACY)
                tag = (int)att_upos_vtb_legacy((att_upos)tag);
            att_tword *o = &out[nout++];
            o->from = tk[wstart[j]].from;
            o->to = tk[wstart[j + 1] - 1].to;
            o->upos = (uint8_t)tag;
            o->nsyl = wd[j].nsyl;
        }
    }
    *n = nout;
    return ATT_OK;
}
