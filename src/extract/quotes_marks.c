/* quotes_marks.c - the text steps of the quotation finder: blanks and
 * sentence-final punctuation, pairing the quote marks (step 1) and
 * splitting the paragraph into sentences that never break inside a pair
 * (step 2); see quotes_priv.h.  Only ATT_ERR_NOMEM can fail. */
#include "quotes_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../normalize/normalize.h"

/* ---- text helpers ------------------------------------------------------- */

enum mark { M_NONE, M_OPEN, M_CLOSE, M_STRAIGHT };
enum { Q_CURLY = 1, Q_GUIL, Q_STRAIGHT };

/* Quote mark at s[i]: kind of mark, family (Q_*), byte length. */
static int mark_at(const char *s, size_t len, size_t i, int *family, size_t *mlen)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '"') {
        *family = Q_STRAIGHT;
        *mlen = 1;
        return M_STRAIGHT;
    }
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
        unsigned char d = (unsigned char)s[i + 2];
        *mlen = 3;
        *family = Q_CURLY;
        if (d == 0x9C)
            return M_OPEN;
        if (d == 0x9D)
            return M_CLOSE;
    }
    if (c == 0xC2 && i + 1 < len) {
        unsigned char d = (unsigned char)s[i + 1];
        *mlen = 2;
        *family = Q_GUIL;
        if (d == 0xAB)
            return M_OPEN;
        if (d == 0xBB)
            return M_CLOSE;
    }
    return M_NONE;
}

/* Blank (ASCII white space or no-break space) at s[i]; returns its length. */
size_t att_qt_blank_at(const char *s, size_t len, size_t i)
{
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return 1;
    if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

size_t att_qt_skip_blanks(const char *s, size_t len, size_t i)
{
    size_t b;
    while (i < len && (b = att_qt_blank_at(s, len, i)))
        i += b;
    return i;
}

/* Trim blanks from [*a, *b). */
void att_qt_trim_span(const char *s, size_t *a, size_t *b)
{
    *a = att_qt_skip_blanks(s, *b, *a);
    while (*b > *a) {
        unsigned char c = (unsigned char)s[*b - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
            (*b)--;
        else if (c == 0xA0 && *b - 1 > *a && (unsigned char)s[*b - 2] == 0xC2)
            *b -= 2;
        else
            break;
    }
}

/* Sentence-final punctuation at s[i] (. ! ? …); returns its length. */
size_t att_qt_terminal_at(const char *s, size_t len, size_t i)
{
    char c = s[i];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    if ((unsigned char)c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0xA6)
        return 3;
    return 0;
}

/* Does the text before position b (blanks skipped) end with terminal
 * punctuation? */
static int ends_terminal(const char *s, size_t a, size_t b)
{
    att_qt_trim_span(s, &a, &b);
    if (b == a)
        return 0;
    char c = s[b - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    return b - a >= 3 && (unsigned char)s[b - 3] == 0xE2 && (unsigned char)s[b - 2] == 0x80 &&
           (unsigned char)s[b - 1] == 0xA6;
}

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* Is the word right before the '.' at s[i] an initial or an abbreviation? */
static int abbrev_before(const char *s, size_t i)
{
    static const char *const ABBR[] = {"tp", "mr", "mrs", "ms", "dr", "st", "ts", "ths", "gs", "pgs", "jr",
                                       "sr", "co", "inc", "ltd", "corp", "gen", "col", "lt", "prof",
                                       "no", "vs", "tt", "bs", "ncs", "sgt", "capt"};
    size_t a = i;
    while (a > 0 && ((s[a - 1] >= 'A' && s[a - 1] <= 'Z') || (s[a - 1] >= 'a' && s[a - 1] <= 'z')))
        a--;
    size_t n = i - a;
    if (n == 0 || (a > 0 && (unsigned char)s[a - 1] >= 0x80))
        return 0; /* no ASCII word, or part of a Vietnamese word ("Mỹ.") */
    if (n == 1)
        return s[a] >= 'A' && s[a] <= 'Z'; /* initial: "J. Biden", "U.S." */
    for (size_t k = 0; k < sizeof ABBR / sizeof ABBR[0]; k++) {
        if (strlen(ABBR[k]) != n)
            continue;
        size_t j = 0;
        while (j < n && ascii_lower(s[a + j]) == ABBR[k][j])
            j++;
        if (j == n)
            return 1;
    }
    return 0;
}

/* The first position in [i, end) holding one of the bytes b0..b4 (the
 * same byte may be given twice), or end: the paragraph scans below step
 * over everything else, 16 bytes at a time where SSE2 is there. */
static size_t next_byte_of(const char *s, size_t i, size_t end, unsigned char b0, unsigned char b1,
                           unsigned char b2, unsigned char b3, unsigned char b4)
{
#if defined(__SSE2__)
    const __m128i v0 = _mm_set1_epi8((char)b0), v1 = _mm_set1_epi8((char)b1), v2 = _mm_set1_epi8((char)b2),
                  v3 = _mm_set1_epi8((char)b3), v4 = _mm_set1_epi8((char)b4);
    while (i + 16 <= end) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, v0), _mm_cmpeq_epi8(x, v1)),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, v2), _mm_cmpeq_epi8(x, v3)),
                                              _mm_cmpeq_epi8(x, v4)));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
        i += 16;
    }
#endif
    for (; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == b0 || c == b1 || c == b2 || c == b3 || c == b4)
            break;
    }
    return i;
}

/* ---- quote marks -------------------------------------------------------- */

typedef struct opener {
    size_t pos, end;
    int family;
} opener;

static int cmp_pair(const void *a, const void *b)
{
    const qpair *x = a, *y = b;
    return x->open < y->open ? -1 : x->open > y->open;
}

att_status att_qt_find_pairs(ctx *c)
{
    const char *s = c->s;
    size_t len = c->len;
    opener st[16];
    size_t depth = 0, cap = 0, n = 0;
    int seen = 0; /* a mark was seen before */
    qpair *all = NULL;
    for (size_t i = 0; i < len;) {
        /* no mark starts elsewhere (see mark_at) */
        if ((i = next_byte_of(s, i, len, '"', 0xE2, 0xC2, 0xC2, 0xC2)) >= len)
            break;
        int fam;
        size_t ml;
        int m = mark_at(s, len, i, &fam, &ml);
        if (m == M_NONE) {
            i++;
            continue;
        }
        if (m == M_STRAIGHT) {
            if (depth && st[depth - 1].family == Q_STRAIGHT) {
                m = M_CLOSE;
            } else {
                /* an opener is followed by a word ("tin rằng "Mỹ", even
                 * with the space missing: mong manh."Khi, ông"tự tin") */
                unsigned cp = 0;
                if (i + 1 < len)
                    att_utf8_decode(s + i + 1, len - i - 1, &cp);
                if (i + 1 < len && att_is_word_cp(cp))
                    m = M_OPEN;
                else if (depth || !seen)
                    m = M_CLOSE;
                else {
                    i += ml;
                    continue; /* stray */
                }
            }
        }
        int first_mark = !seen;
        seen = 1;
        if (m == M_CLOSE && !depth && first_mark) {
            /* the paragraph continues a quote opened in an earlier one and
             * ends it with an attribution: "... đầu đạn”, ông Heath nói." */
            size_t k = att_qt_skip_blanks(s, len, i + ml);
            if (k < len && (s[k] == ',' || s[k] == '-' ||
                            (k + 2 < len && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
                             ((unsigned char)s[k + 2] == 0x93 || (unsigned char)s[k + 2] == 0x94)))) {
                size_t a = att_qt_skip_blanks(s, len, 0);
                st[depth++] = (opener){a, a, fam};
            }
        }
        if (m == M_OPEN) {
            if (depth && st[depth - 1].family == fam && fam != Q_STRAIGHT)
                depth--; /* “ inside “: the earlier one was never closed */
            if (depth < sizeof st / sizeof st[0])
                st[depth++] = (opener){i, i + ml, fam};
        } else if (depth) {
            /* a curly/guillemet closer closes the nearest opener of its own
             * family when there is one (dropping unclosed ones above it) */
            size_t k = depth;
            if (fam != Q_STRAIGHT)
                for (size_t j = depth; j > 0; j--)
                    if (st[j - 1].family == fam) {
                        k = j;
                        break;
                    }
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                qpair *na = realloc(all, nc * sizeof *na);
                if (!na) {
                    free(all);
                    return ATT_ERR_NOMEM;
                }
                all = na;
                cap = nc;
            }
            all[n++] = (qpair){st[k - 1].pos, st[k - 1].end, i, i + ml};
            depth = k - 1;
        }
        i += ml;
    }
    /* an opener left unclosed (a curly or guillemet one, a straight one
     * after a colon, or any at the very start of the paragraph): the quote
     * continues into the next paragraph (press convention), so it runs to
     * the end of this one */
    size_t before = st[0].pos;
    while (depth && before > 0 && att_qt_blank_at(s, len, before - 1))
        before--;
    if (depth && (att_qt_skip_blanks(s, len, 0) == st[0].pos || st[0].family != Q_STRAIGHT ||
                  (before > 0 && s[before - 1] == ':'))) {
        if (n == cap) {
            qpair *na = realloc(all, (cap + 1) * sizeof *na);
            if (!na) {
                free(all);
                return ATT_ERR_NOMEM;
            }
            all = na;
        }
        all[n++] = (qpair){st[0].pos, st[0].end, len, len};
    }
    if (n > 1)
        qsort(all, n, sizeof *all, cmp_pair);
    /* keep the outermost pairs */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || all[i].open >= all[k - 1].close_end)
            all[k++] = all[i];
    c->pairs = all;
    c->np = k;
    return ATT_OK;
}

/* ---- sentences ---------------------------------------------------------- */

/* A sentence may end at j: end of text, or blanks then an upper-case
 * letter, a digit, an opening mark or bracket, or a dash. */
static int boundary_at(const char *s, size_t len, size_t j)
{
    if (j >= len)
        return 1;
    if (!att_qt_blank_at(s, len, j))
        return 0;
    size_t k = att_qt_skip_blanks(s, len, j);
    if (k >= len)
        return 1;
    unsigned cp;
    att_utf8_decode(s + k, len - k, &cp);
    if (utf8proc_isupper((utf8proc_int32_t)cp) || (cp >= '0' && cp <= '9'))
        return 1;
    return cp == '"' || cp == 0x201C || cp == 0xAB || cp == '(' || cp == '[' || cp == '-' || cp == 0x2013 ||
           cp == 0x2014;
}

static att_status add_sentence(ctx *c, size_t *cap, size_t a, size_t b)
{
    if (b <= a)
        return ATT_OK;
    if (c->ns == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        sentence *n = realloc(c->sents, nc * sizeof *n);
        if (!n)
            return ATT_ERR_NOMEM;
        c->sents = n;
        *cap = nc;
    }
    c->sents[c->ns++] = (sentence){a, b, 0, 0};
    return ATT_OK;
}

att_status att_qt_split_sentences(ctx *c)
{
    const char *s = c->s;
    size_t len = c->len, cap = 0, start = 0, pi = 0, i = 0;
    while (i < len) {
        while (pi < c->np && c->pairs[pi].open < i)
            pi++;
        /* bytes before the next pair that neither break a line nor can
         * start terminal punctuation (see att_qt_terminal_at: . ! ? and the E2 of
         * the ellipsis) are stepped over */
        size_t next_open = pi < c->np ? c->pairs[pi].open : len;
        size_t plain = i < next_open ? next_byte_of(s, i, next_open, '\n', '.', '!', '?', 0xE2) : i;
        if (plain > i) {
            i = plain;
            continue;
        }
        if (pi < c->np && i == c->pairs[pi].open) {
            const qpair *p = &c->pairs[pi++];
            size_t j = p->close_end;
            if (j < len && ends_terminal(s, p->open_end, p->close) && boundary_at(s, len, j)) {
                if (add_sentence(c, &cap, start, j) != ATT_OK)
                    return ATT_ERR_NOMEM;
                start = j;
            }
            i = j;
            continue;
        }
        if (s[i] == '\n') {
            if (add_sentence(c, &cap, start, i + 1) != ATT_OK)
                return ATT_ERR_NOMEM;
            start = ++i;
            continue;
        }
        size_t tl = att_qt_terminal_at(s, len, i);
        if (!tl) {
            i++;
            continue;
        }
        size_t j = i + tl, l;
        int fam;
        size_t ml;
        for (;;) {
            if (j < len && (l = att_qt_terminal_at(s, len, j))) {
                j += l;
            } else if (j < len && (s[j] == ')' || s[j] == ']' || s[j] == '\'')) {
                j++;
            } else if (j < len && !(pi < c->np && j == c->pairs[pi].open) &&
                       mark_at(s, len, j, &fam, &ml) != M_NONE && s[j] != '"') {
                j += ml; /* stray closing mark */
            } else {
                break;
            }
        }
        int glued_quote = pi < c->np && j == c->pairs[pi].open && j < len && s[j] == '"';
        if (!(s[i] == '.' && tl == 1 && j == i + 1 && abbrev_before(s, i)) &&
            (boundary_at(s, len, j) || glued_quote)) {
            if (add_sentence(c, &cap, start, j) != ATT_OK)
                return ATT_ERR_NOMEM;
            start = j;
        }
        i = j;
    }
    if (add_sentence(c, &cap, start, len) != ATT_OK)
        return ATT_ERR_NOMEM;
    /* tokens of each sentence */
    size_t t = 0;
    for (size_t k = 0; k < c->ns; k++) {
        sentence *se = &c->sents[k];
        while (t < c->nt && c->tk[t].start < se->start)
            t++;
        se->t0 = t;
        while (t < c->nt && c->tk[t].start < se->end)
            t++;
        se->t1 = t;
    }
    return ATT_OK;
}
