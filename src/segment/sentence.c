/* sentence.c - sentence splitting; see sentence.h. */
#include "sentence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"

#define NO_POS SIZE_MAX

static size_t decode_at(const char *t, size_t len, size_t i, unsigned *cp)
{
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return att_utf8_decode(t + i, len - i, cp);
}

static int is_space_cp(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

static int is_break_cp(unsigned cp) { return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029; }
static int is_term_cp(unsigned cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

static int is_close_cp(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == ')' || cp == ']' ||
           cp == '}' || cp == 0xBB;
}

static int is_open_cp(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == '(' || cp == '[' ||
           cp == '{' || cp == 0xAB;
}

static int is_upper_cp(unsigned cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Can a new sentence start with cp? */
static int is_starter_cp(unsigned cp) { return is_upper_cp(cp) || (cp >= '0' && cp <= '9') || is_open_cp(cp); }

/* Abbreviations that are followed by a name or number, never end a
 * sentence (case-sensitive: "Co"/"No" would otherwise hit Vietnamese words). */
static const char *const ABBREV[] = {
    "TP", "Tp", "TS", "Ts", "GS", "Gs", "PGS", "Pgs", "ThS", "Ths", "TSKH", "BS", "Bs", "KS", "NXB",
    "TT", "TX", "Tx", "Th", "tr", "Tr", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen",
    "Col", "Lt", "Capt", "Sgt", "Gov", "Sen", "Rep", "Rev", "Mt", "No", "Co", "Inc", "Ltd", "Corp",
    "vs", "Vs",
};

/* Does the "." at position dot end an initial or an abbreviation?  The
 * word before it must touch it and start at or after from. */
static int is_abbrev_before(const char *t, size_t len, size_t from, size_t dot)
{
    size_t ws = dot;
    int ncp = 0, ascii = 1;
    unsigned first = 0;
    while (ws > from && ncp <= 6) {
        size_t p = ws - 1;
        while (p > from && ((unsigned char)t[p] & 0xC0) == 0x80)
            p--;
        unsigned cp;
        decode_at(t, len, p, &cp);
        if (!att_is_word_cp(cp))
            break;
        if (cp >= 0x80)
            ascii = 0;
        first = cp;
        ws = p;
        ncp++;
    }
    if (ncp == 0 || ncp > 6)
        return 0;
    /* "châu Á.", "thăm Ý.": the one-letter names of Asia and Italy after
     * another word end a sentence; other capitals are initials ("V. Putin",
     * "U.S.", "Đ. Thắng") */
    if (ncp == 1)
        return is_upper_cp(first) && !((first == 0xC1 || first == 0xDD) && ws > from && t[ws - 1] == ' ');
    if (!ascii)
        return 0;
    size_t wl = dot - ws;
    for (size_t k = 0; k < sizeof ABBREV / sizeof ABBREV[0]; k++)
        if (strlen(ABBREV[k]) == wl && memcmp(ABBREV[k], t + ws, wl) == 0)
            return 1;
    return 0;
}

/* Position of the mark closing the quotation opened by `open` at from, or
 * NO_POS when the paragraph (line) has none before the next opener. */
static size_t find_closer(const char *t, size_t len, size_t from, unsigned open)
{
    size_t i = from;
    while (i < len) {
        unsigned cp;
        size_t l = decode_at(t, len, i, &cp);
        if (is_break_cp(cp))
            return NO_POS;
        if (open == 0xAB) {
            if (cp == 0xBB)
                return i;
            if (cp == 0xAB)
                return NO_POS;
        } else {
            if (cp == 0x201D || cp == '"')
                return i;
            if (cp == 0x201C)
                return NO_POS;
        }
        i += l;
    }
    return NO_POS;
}

typedef struct spans {
    att_span *v;
    size_t n, cap;
} spans;

/* Trim [s,e) and append it if anything is left. */
static att_status emit(spans *sp, const char *t, size_t len, size_t s, size_t e)
{
    unsigned cp;
    while (s < e) {
        size_t l = decode_at(t, len, s, &cp);
        if (!is_space_cp(cp) && !is_break_cp(cp))
            break;
        s += l;
    }
    while (e > s) {
        size_t p = e - 1;
        while (p > s && ((unsigned char)t[p] & 0xC0) == 0x80)
            p--;
        decode_at(t, len, p, &cp);
        if (!is_space_cp(cp) && !is_break_cp(cp))
            break;
        e = p;
    }
    if (s >= e)
        return ATT_OK;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 16;
        att_span *nv = realloc(sp->v, cap * sizeof *nv);
        if (!nv)
            return ATT_ERR_NOMEM;
        sp->v = nv;
        sp->cap = cap;
    }
    sp->v[sp->n].start = s;
    sp->v[sp->n].end = e;
    sp->n++;
    return ATT_OK;
}

/* Is the (untrimmed) sentence [s,e) only a list number such as "1" or "12"? */
static int only_list_number(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    if (s >= e || e - s > 3)
        return 0;
    for (size_t k = s; k < e; k++)
        if (t[k] < '0' || t[k] > '9')
            return 0;
    return 1;
}

/* Length of the run of characters at i that the splitter only steps over
 * once a sentence has a word: ASCII other than line breaks, terminators and
 * the straight quote, and well-formed two-byte (U+00C0..U+07FF) and E1
 * three-byte (U+1000..U+1FFF: the Vietnamese letters) sequences, none of
 * which is a break, terminator or quote mark.  Most of a paragraph is
 * skipped so, without decoding.  (A pending quotation end at or before the
 * run is handled at the next character examined, as the loop would.) */
static size_t plain_run(const char *text, size_t len, size_t i)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t j = i;
    while (j < len) {
        unsigned char c = t[j];
        if (c < 0x80) {
            if (c == '\n' || c == '\r' || c == '"' || c == '.' || c == '!' || c == '?')
                break;
            j++;
        } else if (c >= 0xC3 && c <= 0xDF && j + 1 < len && (t[j + 1] & 0xC0) == 0x80) {
            j += 2;
        } else if (c == 0xE1 && j + 2 < len && (t[j + 1] & 0xC0) == 0x80 && (t[j + 2] & 0xC0) == 0x80) {
            j += 3;
        } else {
            break;
        }
    }
    return j - i;
}

att_status att_sentences(const char *text, size_t len, att_span **out, size_t *n)
{
    if (!out || !n || (!text && len))
        return ATT_ERR_USAGE;
    *out = NULL;
    *n = 0;
    spans sp = {NULL, 0, 0};
    size_t start = 0, i = 0;
    size_t qend = NO_POS; /* closing mark of the open quotation, if any */
    int words = 0;        /* a word character since start? */

    while (i < len) {
        size_t plain;
        if (words && (plain = plain_run(text, len, i))) {
            i += plain;
            continue;
        }
        unsigned cp;
        size_t l = decode_at(text, len, i, &cp);
        if (is_break_cp(cp)) {
            if (emit(&sp, text, len, start, i) != ATT_OK)
                goto nomem;
            i += l;
            start = i;
            qend = NO_POS;
            words = 0;
            continue;
        }
        if (qend != NO_POS && i > qend)
            qend = NO_POS;
        if (qend != NO_POS && i == qend) { /* quotation closes (no punctuation before) */
            qend = NO_POS;
            i += l;
            continue;
        }
        if (qend == NO_POS && (cp == 0x201C || cp == 0xAB || cp == '"')) {
            int opener = 1;
            if (cp == '"') { /* an ASCII quote opens after a space or bracket, before text */
                unsigned nx = ' ', pv = ' ';
                if (i + 1 < len)
                    decode_at(text, len, i + 1, &nx);
                if (i > 0) {
                    size_t p = i - 1;
                    while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
                        p--;
                    decode_at(text, len, p, &pv);
                }
                opener = !is_space_cp(nx) && !is_break_cp(nx) &&
                         (is_space_cp(pv) || is_break_cp(pv) || is_open_cp(pv) || pv == ':' || pv == '-' ||
                          pv == 0x2013 || pv == 0x2014);
            }
            if (opener)
                qend = find_closer(text, len, i + l, cp);
            i += l;
            continue;
        }
        if (!is_term_cp(cp)) {
            if (!words && att_is_word_cp(cp))
                words = 1;
            i += l;
            continue;
        }

        /* a run of terminators, then closing marks */
        size_t j = i;
        int single_dot = 1, nterm = 0;
        while (j < len) {
            unsigned c2;
            size_t l2 = decode_at(text, len, j, &c2);
            if (!is_term_cp(c2))
                break;
            if (c2 != '.' || nterm > 0)
                single_dot = 0;
            nterm++;
            j += l2;
        }
        size_t k = j;
        int closes = 0;
        while (k < len) {
            unsigned c2;
            size_t l2 = decode_at(text, len, k, &c2);
            if (!is_close_cp(c2))
                break;
            if (qend != NO_POS && k == qend)
                closes = 1;
            k += l2;
        }
        int split = words && (qend == NO_POS || closes);
        if (split) { /* white space, then something that starts a sentence */
            size_t m = k;
            int nsp = 0;
            while (m < len) {
                unsigned c2;
                size_t l2 = decode_at(text, len, m, &c2);
                if (!is_space_cp(c2))
                    break;
                nsp++;
                m += l2;
            }
            unsigned nx = 0;
            if (m < len)
                decode_at(text, len, m, &nx);
            split = nsp > 0 && m < len && is_starter_cp(nx);
            if (split && single_dot && is_abbrev_before(text, len, start, i))
                split = 0;
            if (split && only_list_number(text, start, i))
                split = 0;
            if (split) {
                if (emit(&sp, text, len, start, k) != ATT_OK)
                    goto nomem;
                start = m;
                words = 0;
            }
        }
        if (closes)
            qend = NO_POS;
        i = k;
    }
    if (emit(&sp, text, len, start, len) != ATT_OK)
        goto nomem;
    if (sp.n == 0) {
        free(sp.v);
        sp.v = NULL;
    }
    *out = sp.v;
    *n = sp.n;
    return ATT_OK;
nomem:
    free(sp.v);
    return ATT_ERR_NOMEM;
}
