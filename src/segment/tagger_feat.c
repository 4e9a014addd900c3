/* tagger_feat.c - tokens, features and the feature map of the segmenter
 * and tagger; see tagger_int.h. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "tagger_int.h"

static int is_space(unsigned cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D))
        return 1;
    if (cp < 0x80)
        return 0;
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* 1 letter, 2 digit, 3 combining mark, 0 other. */
static int alnum_class(unsigned cp)
{
    if (cp < 0x80) {
        if ((cp | 32) >= 'a' && (cp | 32) <= 'z')
            return 1;
        return cp >= '0' && cp <= '9' ? 2 : 0;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return 1;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 2;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return 3;
    default:
        return 0;
    }
}

static int is_symbol(unsigned cp)
{
    if (cp < 0x80)
        return cp == '$' || cp == '+' || cp == '<' || cp == '=' || cp == '>' || cp == '^' || cp == '`' ||
               cp == '|' || cp == '~';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_SM || c == UTF8PROC_CATEGORY_SC || c == UTF8PROC_CATEGORY_SK ||
           c == UTF8PROC_CATEGORY_SO;
}

/* A character that joins two alphanumeric runs into one token when it sits
 * between them with no space: "1.000", "TP.HCM", "30-4", "d'Ivoire". */
static int joiner(unsigned cp, int left_digit, int right_digit)
{
    switch (cp) {
    case '.':
    case '-':
    case '/':
    case '_':
    case '@':
    case '\'':
    case 0x2019:
    case 0x2010:
    case 0x2011:
        return 1;
    case ',':
    case ':':
        return left_digit && right_digit;
    default:
        return 0;
    }
}

/* A lower-case letter without its tone mark (vowel modifiers kept: â ă ơ
 * stay apart from a o); *base gets the ASCII base letter (or the letter). */
static unsigned toneless(unsigned lo, unsigned *base)
{
    *base = lo;
    if (lo < 0x80)
        return lo;
    utf8proc_int32_t d[4];
    int last = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char((utf8proc_int32_t)lo, d, 4, UTF8PROC_DECOMPOSE, &last);
    if (nd < 1 || nd > 4)
        return lo;
    unsigned tl = (unsigned)d[0];
    *base = tl;
    for (utf8proc_ssize_t i = 1; i < nd; i++)
        if (d[i] == 0x302 || d[i] == 0x306 || d[i] == 0x31B)
            tl = tl * 4 + (unsigned)(d[i] == 0x302 ? 1 : d[i] == 0x306 ? 2 : 3);
    return tl;
}

#define FNV_OFF 1469598103934665603ull
#define FNV_MUL 1099511628211ull

static uint64_t fnv_cp(uint64_t h, unsigned cp)
{
    h ^= cp;
    return h * FNV_MUL;
}

int att_tk_next(const char *text, size_t len, size_t *pos, att_tk *out)
{
    size_t p = *pos;
    unsigned cp = 0;
    size_t cl = 0;
    int space = 0;
    while (p < len) {
        cl = att_utf8_decode(text + p, len - p, &cp);
        if (!is_space(cp))
            break;
        space = 1;
        p += cl;
    }
    if (p >= len) {
        *pos = len;
        return 0;
    }
    out->from = (uint32_t)p;
    out->space = (uint8_t)space;
    uint64_t h = FNV_OFF;
    int cls = alnum_class(cp);
    if (cls == 0) {
        /* punctuation or symbol: a run of the same character */
        unsigned first = cp;
        h = fnv_cp(h, cp);
        p += cl;
        while (p < len) {
            cl = att_utf8_decode(text + p, len - p, &cp);
            if (cp != first)
                break;
            p += cl;
        }
        if (p - out->from > cl)
            h = fnv_cp(h, 0x2026); /* a run: "..." like "…" */
        out->to = (uint32_t)p;
        out->key = att_mix64(h);
        out->onset = out->rhyme = 0;
        out->scls = 0;
        out->shape = (uint8_t)(is_symbol(first) ? TK_SYM : TK_PUNCT);
        *pos = p;
        return 1;
    }
    size_t n_up = 0, n_low = 0, n_dig = 0, n_join = 0;
    int first_up = -1, foreign = 0, seen_vowel = 0;
    unsigned lastc = 0, prevc = 0;
    uint64_t on = FNV_OFF, rh = FNV_OFF;
    for (;;) {
        /* cp (length cl) at p is alphanumeric */
        if (cls == 2) {
            n_dig++;
            h = fnv_cp(h, '0');
        } else {
            unsigned lo = cp;
            if (cp < 0x80) {
                if (cp <= 'Z' && cp >= 'A')
                    lo = cp + 32;
            } else if (cls == 1) {
                lo = (unsigned)utf8proc_tolower((utf8proc_int32_t)cp);
            }
            if (cls == 1) {
                if (lo != cp)
                    n_up++;
                else
                    n_low++;
                if (first_up < 0)
                    first_up = lo != cp;
                if (lo == 'f' || lo == 'j' || lo == 'w' || lo == 'z')
                    foreign = 1;
                prevc = lastc;
                lastc = lo;
                unsigned base, tl = toneless(lo, &base);
                if (!seen_vowel && !strchr("aeiouy", (int)base))
                    on = fnv_cp(on, tl);
                else
                    seen_vowel = 1, rh = fnv_cp(rh, tl);
            }
            h = fnv_cp(h, lo);
        }
        p += cl;
        if (p >= len)
            break;
        unsigned nc;
        size_t nl = att_utf8_decode(text + p, len - p, &nc);
        int ncls = alnum_class(nc);
        if (ncls) {
            cp = nc, cl = nl, cls = ncls;
            continue;
        }
        /* a joiner between two alphanumerics */
        if (p + nl < len) {
            unsigned c2;
            size_t l2 = att_utf8_decode(text + p + nl, len - p - nl, &c2);
            int c2cls = alnum_class(c2);
            if (c2cls && c2cls != 3 && joiner(nc, cls == 2, c2cls == 2)) {
                h = fnv_cp(h, nc);
                n_join++;
                p += nl;
                cp = c2, cl = l2, cls = c2cls;
                continue;
            }
        }
        break;
    }
    out->to = (uint32_t)p;
    out->key = att_mix64(h);
    out->onset = out->rhyme = 0;
    out->scls = 0;
    if (!n_dig && !n_join && seen_vowel) {
        out->onset = (uint32_t)(att_mix64(on) | 1);
        out->rhyme = (uint32_t)(att_mix64(rh) | 1);
    }
    if (lastc && lastc < 0x80 && strchr("bdklqrsvx", (int)lastc))
        foreign = 1;
    if (lastc == 'g' && prevc != 'n')
        foreign = 1;
    if (lastc == 'h' && prevc != 'c' && prevc != 'n')
        foreign = 1;
    uint8_t shape;
    if (n_up + n_low == 0)
        shape = n_join ? TK_NUMSEP : TK_DIGIT;
    else if (n_dig)
        shape = TK_ALNUM;
    else if (n_join)
        shape = TK_JOINED;
    else if (n_up == 0)
        shape = TK_LOWER;
    else if (n_low == 0)
        shape = n_up == 1 ? TK_UPPER1 : TK_UPPER;
    else if (first_up == 1 && n_up == 1)
        shape = TK_CAP;
    else
        shape = TK_MIXED;
    out->shape = (uint8_t)(shape | (foreign && n_up + n_low ? TK_FOREIGN : 0));
    *pos = p;
    return 1;
}

/* ---- features ---- */

static inline uint64_t F1(unsigned t, uint64_t a) { return att_hcomb((uint64_t)t * 0x100000001b3ull, a); }
static inline uint64_t F2(unsigned t, uint64_t a, uint64_t b) { return att_hcomb(F1(t, a), b); }
static inline uint64_t F3(unsigned t, uint64_t a, uint64_t b, uint64_t c) { return att_hcomb(F2(t, a, b), c); }

static inline int is_capish(uint8_t s)
{
    s &= 15;
    return s == TK_CAP || s == TK_UPPER || s == TK_UPPER1;
}

size_t att_seg_feats(const att_tk *tk, const uint8_t *marks, size_t n, size_t i, uint64_t *f)
{
#define K(j) ((j) < 0 ? ATT_K_BOS : (size_t)(j) >= n ? ATT_K_EOS : tk[(j)].key)
#define S(j) ((j) < 0 ? 40u : (size_t)(j) >= n ? 41u : (unsigned)tk[(j)].shape)
    long x = (long)i;
    uint64_t k0 = K(x), km1 = K(x - 1), km2 = K(x - 2), kp1 = K(x + 1), kp2 = K(x + 2);
    unsigned s0 = S(x), sm1 = S(x - 1), sm2 = S(x - 2), sp1 = S(x + 1);
    unsigned sp = tk[i].space;
    unsigned spn = (size_t)x + 1 < n ? tk[i + 1].space : 2;
    size_t k = 0;
    f[k++] = F1(1, 0);
    f[k++] = F1(2, k0);
    f[k++] = F1(3, km1);
    f[k++] = F1(4, kp1);
    f[k++] = F1(5, km2);
    f[k++] = F1(6, kp2);
    f[k++] = F2(7, km1, k0);
    f[k++] = F2(8, k0, kp1);
    f[k++] = F2(9, km2, km1);
    f[k++] = F2(10, kp1, kp2);
    f[k++] = F3(11, km2, km1, k0);
    f[k++] = F3(12, km1, k0, kp1);
    f[k++] = F3(13, k0, kp1, kp2);
    f[k++] = F2(14, km1, kp1);
    f[k++] = F3(15, sm1, s0, sp);
    f[k++] = F3(16, sm1, s0, sp1);
    f[k++] = F3(17, sm2, sm1, s0);
    f[k++] = F2(18, km1, s0);
    f[k++] = F2(19, sm1, k0);
    f[k++] = F3(20, s0, sp, spn);
    f[k++] = F3(21, is_capish((uint8_t)sm1) * 2 + is_capish((uint8_t)s0), sp, (unsigned)(i == 1));
    f[k++] = F3(22, km1, k0, sp);
    if (i > 0 && tk[i].onset && tk[i - 1].onset) {
        /* reduplication: dần dần, thì thầm, bỡ ngỡ, lặng lẽ, ríu rít */
        unsigned so = tk[i].onset == tk[i - 1].onset, sr = tk[i].rhyme == tk[i - 1].rhyme;
        f[k++] = F3(25, so, sr, k0 == km1);
        f[k++] = F3(26, so * 2 + sr, k0 == km1, s0);
        f[k++] = F2(27, tk[i].rhyme, km1); /* the previous syllable with this one's rhyme, any tone */
    }
    if (marks) {
        unsigned m = marks[i] & 15u;
        f[k++] = F2(23, m, s0 == TK_LOWER);
        f[k++] = F2(24, m & 3, k0);
        unsigned pm = (marks[i] & ATT_MARK_PAIR) != 0, pl = i > 0 && (marks[i - 1] & ATT_MARK_PAIR),
                 pr = i + 1 < n && (marks[i + 1] & ATT_MARK_PAIR), fm = (marks[i] & ATT_MARK_FMM_IN) != 0;
        f[k++] = F3(30, pm * 4 + pl * 2 + pr, fm, s0 == TK_LOWER);
        f[k++] = F3(31, fm, m, pm);
    }
    {
        /* syllable classes: tag as a word of its own, how often alone */
#define C(j) ((j) < 0 ? 300u : (size_t)(j) >= n ? 301u : (unsigned)tk[(j)].scls)
        unsigned c0 = C(x), cm1 = C(x - 1), cp1 = C(x + 1), cm2 = C(x - 2);
        unsigned pm = marks && (marks[i] & ATT_MARK_PAIR) ? 1 : 0;
        f[k++] = F3(36, cm1, c0, sp);
        f[k++] = F3(37, cm1, c0, pm);
        f[k++] = F3(38, cm2, cm1, c0);
        f[k++] = F3(39, cm1, c0, cp1);
#undef C
    }
    return k;
#undef K
#undef S
}

uint64_t att_word_key(const att_tk *tk, size_t a, size_t b)
{
    uint64_t h = 0x853c49e6748fea9bull;
    for (size_t j = a; j < b; j++)
        h = att_hcomb(h, tk[j].key);
    return h;
}

void att_dict_marks(const att_fmap *dict, const att_tk *tk, size_t n, uint8_t *marks)
{
    memset(marks, 0, n);
    if (!dict || !dict->n)
        return;
    for (size_t a = 0; a + 1 < n; a++) {
        uint64_t h = att_hcomb(0x853c49e6748fea9bull, tk[a].key);
        for (size_t b = a + 1; b < n && b - a < ATT_DICT_MAXLEN; b++) {
            h = att_hcomb(h, tk[b].key);
            uint32_t v = att_fmap_get(dict, h);
            if (v == UINT32_MAX)
                continue;
            if (v == ATT_DICT_NAME) {
                size_t j = a;
                while (j <= b && (tk[j].shape & 15) == TK_CAP)
                    j++;
                if (j > b) {
                    marks[a] |= ATT_MARK_NAME_START;
                    for (j = a + 1; j <= b; j++)
                        marks[j] |= ATT_MARK_NAME_IN;
                }
            }
            /* tokens a..b form a dictionary word */
            unsigned len = (unsigned)(b - a + 1), lv = len >= 4 ? 3 : len - 1;
            for (size_t j = a + 1; j <= b; j++)
                if ((marks[j] & 3u) < lv)
                    marks[j] = (uint8_t)((marks[j] & ~3u) | lv);
            marks[a] |= 4;
            if (b + 1 < n)
                marks[b + 1] |= 8;
            if (b == a + 1)
                marks[b] |= ATT_MARK_PAIR;
        }
    }
    /* forward longest match: the tokens a greedy left-to-right reading
     * with the dictionary puts inside a word */
    for (size_t a = 0; a + 1 < n;) {
        uint64_t h = att_hcomb(0x853c49e6748fea9bull, tk[a].key);
        size_t best = a;
        for (size_t b = a + 1; b < n && b - a < ATT_DICT_MAXLEN; b++) {
            h = att_hcomb(h, tk[b].key);
            if (att_fmap_get(dict, h) != UINT32_MAX)
                best = b;
        }
        for (size_t j = a + 1; j <= best; j++)
            marks[j] |= ATT_MARK_FMM_IN;
        a = best + 1;
    }
}

void att_tk_lex(const att_fmap *syls, att_tk *tk, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t v;
        tk[i].scls = 0;
        if (syls && syls->n && (v = att_fmap_get(syls, tk[i].key)) != UINT32_MAX && v <= ATT_SCLS_MAX)
            tk[i].scls = (uint8_t)v;
    }
}

void att_wd_make(att_wd *w, const att_tk *tk, size_t a, size_t b)
{
    int allcap = 1;
    for (size_t j = a; j < b; j++)
        if (!is_capish(tk[j].shape))
            allcap = 0;
    w->key = att_word_key(tk, a, b);
    w->first = tk[a].key;
    w->last = tk[b - 1].key;
    w->nsyl = (uint8_t)(b - a > 255 ? 255 : b - a);
    w->lex = 0;
    w->shape = (uint8_t)(tk[a].shape | (allcap && b - a > 1 ? 0x20 : 0));
}

size_t att_pos_feats(const att_wd *w, size_t n, size_t i, int p1, int p2, uint64_t *f)
{
#define W(j) ((j) < 0 ? ATT_K_BOS : (size_t)(j) >= n ? ATT_K_EOS : w[(j)].key)
#define S(j) ((j) < 0 ? 0x40u : (size_t)(j) >= n ? 0x41u : (unsigned)w[(j)].shape)
    long x = (long)i;
    uint64_t w0 = W(x), wm1 = W(x - 1), wp1 = W(x + 1);
    unsigned ns = w[i].nsyl > 4 ? 4 : w[i].nsyl;
    size_t k = 0;
    f[k++] = F1(101, 0);
    f[k++] = F1(102, w0);
    f[k++] = F1(103, wm1);
    f[k++] = F1(104, wp1);
    f[k++] = F1(105, W(x - 2));
    f[k++] = F1(106, W(x + 2));
    f[k++] = F2(107, w[i].first, ns);
    f[k++] = F2(108, w[i].last, ns);
    f[k++] = F2(109, S(x), ns);
    f[k++] = F2(110, S(x), (unsigned)(i == 0));
    f[k++] = F1(111, (uint64_t)p1);
    f[k++] = F2(112, (uint64_t)p1, (uint64_t)p2);
    f[k++] = F2(113, (uint64_t)p1, w0);
    f[k++] = F2(114, wm1, w0);
    f[k++] = F2(115, w0, wp1);
    f[k++] = F3(116, S(x - 1), S(x), S(x + 1));
    f[k++] = F2(117, (uint64_t)p1, wp1);
    f[k++] = F1(118, x > 0 ? w[i - 1].last : ATT_K_BOS);
    f[k++] = F1(119, (size_t)x + 1 < n ? w[i + 1].first : ATT_K_EOS);
    f[k++] = F2(120, wm1, wp1);
    f[k++] = F2(121, w0, S(x));
    if (w[i].lex) {
        /* the tag a lexicon gives the word (words the treebank may lack) */
        f[k++] = F1(122, w[i].lex);
        f[k++] = F2(123, w[i].lex, S(x));
    }
    return k;
#undef W
#undef S
}

/* ---- feature map ---- */

int att_fmap_init(att_fmap *m, size_t cap)
{
    size_t slots = 64;
    while (slots < cap * 2)
        slots <<= 1;
    m->keys = calloc(slots, sizeof *m->keys);
    m->vals = malloc(slots * sizeof *m->vals);
    m->n = 0;
    m->mask = slots - 1;
    if (!m->keys || !m->vals) {
        att_fmap_free(m);
        return -1;
    }
    return 0;
}

void att_fmap_free(att_fmap *m)
{
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->n = m->mask = 0;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t fmap_slot(const att_fmap *m, uint64_t key)
{
    size_t i = (size_t)att_mix64(key) & m->mask;
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & m->mask;
    return i;
}

uint32_t att_fmap_get(const att_fmap *m, uint64_t key)
{
    if (!key)
        key = 1;
    if (!m->keys)
        return UINT32_MAX;
    size_t i = fmap_slot(m, key);
    return m->keys[i] ? m->vals[i] : UINT32_MAX;
}

static int fmap_grow(att_fmap *m)
{
    att_fmap g;
    if (att_fmap_init(&g, (m->mask + 1)))
        return -1;
    for (size_t i = 0; i <= m->mask; i++)
        if (m->keys[i]) {
            size_t j = (size_t)att_mix64(m->keys[i]) & g.mask;
            while (g.keys[j])
                j = (j + 1) & g.mask;
            g.keys[j] = m->keys[i];
            g.vals[j] = m->vals[i];
        }
    g.n = m->n;
    att_fmap_free(m);
    *m = g;
    return 0;
}

int att_fmap_set(att_fmap *m, uint64_t key, uint32_t val)
{
    if (att_fmap_put(m, key, val) == UINT32_MAX)
        return -1;
    m->vals[fmap_slot(m, key ? key : 1)] = val;
    return 0;
}

uint32_t att_fmap_put(att_fmap *m, uint64_t key, uint32_t val)
{
    if (!key)
        key = 1;
    if (!m->keys && att_fmap_init(m, 64))
        return UINT32_MAX;
    if ((m->n + 1) * 2 > m->mask + 1 && fmap_grow(m))
        return UINT32_MAX;
    size_t i = fmap_slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->vals[i] = val;
        m->n++;
    }
    return m->vals[i];
}

/* ---- decoding ---- */

void att_bi_viterbi(const float *emit, const uint8_t *marks, size_t n, const float trans[3][2], uint8_t (*back)[2],
                    uint8_t *begin)
{
    /* scores stay sums of real weights: a state a name forbids is skipped
     * (-1e30 never enters a sum that survives), not outweighed */
    const float NEG = -1e30f;
    float vb = 0, vi = NEG;
    for (size_t i = 0; i < n; i++) {
        float nb, ni;
        if (i == 0) {
            nb = trans[2][0] + emit[0];
            ni = NEG; /* a text starts with a word */
            back[0][0] = back[0][1] = 0;
        } else {
            float fb = vb + trans[0][0], fi = vi + trans[1][0];
            back[i][0] = fb >= fi ? 0 : 1;
            nb = (fb >= fi ? fb : fi) + emit[i];
            float gb = vb + trans[0][1], gi = vi + trans[1][1];
            back[i][1] = gb >= gi ? 0 : 1;
            ni = gb >= gi ? gb : gi;
        }
        if (marks && (marks[i] & ATT_MARK_NAME_IN))
            nb = NEG;
        else if (marks && (marks[i] & ATT_MARK_NAME_START) && i > 0)
            ni = NEG;
        if (nb < NEG / 2)
            nb = NEG;
        if (ni < NEG / 2)
            ni = NEG;
        vb = nb;
        vi = ni;
    }
    if (!n)
        return;
    int st = vb >= vi ? 0 : 1;
    for (size_t i = n; i-- > 0;) {
        begin[i] = st == 0;
        st = back[i][st];
    }
}
