/*
 * boiler_text.c - the text helpers of the boilerplate signals (spaces,
 * letters, character and word counts, sentence ends; att_boiler_trim(),
 * att_boiler_chars(), att_boiler_words(), att_boiler_has_letter(),
 * att_boiler_ends_sentence()) and the label keys the classifiers compare;
 * see boiler.h and boiler_priv.h.  Only att_bp_fold_key() can fail
 * (ATT_ERR_NOMEM).
 */
#include "boiler.h"
#include "boiler_priv.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

/* ---------------------------------------------------------------- text */

/* Byte length of the space starting at p (ASCII whitespace, NBSP,
 * U+2000..U+200B, U+202F, U+3000, U+FEFF), 0 if none. */
size_t att_bp_space_len(const unsigned char *p, size_t n)
{
    if (n >= 1 && (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r')))
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF))
        return 3;
    if (n >= 3 && ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
                   (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)))
        return 3;
    return 0;
}

/* Byte length of a space ending at p[n-1], 0 if none. */
static size_t space_len_back(const unsigned char *p, size_t n)
{
    if (n >= 1 && p[n - 1] < 0x80)
        return att_bp_space_len(p + n - 1, 1);
    if (n >= 2 && att_bp_space_len(p + n - 2, 2) == 2)
        return 2;
    if (n >= 3 && att_bp_space_len(p + n - 3, 3) == 3)
        return 3;
    return 0;
}

void att_boiler_trim(const char **s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t len = *n, k;
    while (len && (k = att_bp_space_len(p, len)) > 0) {
        p += k;
        len -= k;
    }
    while (len && (k = space_len_back(p, len)) > 0)
        len -= k;
    *s = (const char *)p;
    *n = len;
}

size_t att_boiler_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

size_t att_boiler_words(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t c = 0, i = 0;
    int in_word = 0;
    while (i < n) {
        unsigned cp = p[i];
        size_t l = 1;
        if (cp >= 0x80) /* (ASCII, most bytes, needs no decoding) */
            l = att_utf8_decode_valid(p + i, n - i, &cp);
        int w = att_word_cp_fast(cp);
        c += (unsigned)w & (unsigned)!in_word;
        in_word = w;
        i += l;
    }
    return c;
}

int att_bp_is_letter_cp(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int att_bp_is_upper_cp(unsigned cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int att_boiler_has_letter(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        i += att_utf8_decode(s + i, n - i, &cp);
        if (att_bp_is_letter_cp(cp))
            return 1;
    }
    return 0;
}

/* Code point ending at s[n-1]; *start gets its offset. */
unsigned att_bp_last_cp(const char *s, size_t n, size_t *start)
{
    size_t i = n - 1;
    while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    unsigned cp;
    att_utf8_decode(s + i, n - i, &cp);
    *start = i;
    return cp;
}

int att_bp_is_closer(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB;
}

static int is_opener_quote(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == 0xAB;
}

int att_bp_is_sentence_punct(unsigned cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

int att_boiler_ends_sentence(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    if (!n)
        return 0;
    size_t end = n, st;
    int closers = 0;
    unsigned cp = att_bp_last_cp(s, end, &st);
    while (att_bp_is_closer(cp) && st > 0) {
        closers++;
        end = st;
        cp = att_bp_last_cp(s, end, &st);
    }
    if (att_bp_is_sentence_punct(cp))
        return 1;
    if (closers && cp != ')' && cp != ']') {
        /* a quoted statement standing as the whole line */
        unsigned first;
        att_utf8_decode(s, n, &first);
        return is_opener_quote(first);
    }
    return 0;
}

/* ---------------------------------------------------------------- keys */

/* Append the folded words of s to out separated by single spaces; out->data
 * is non-NULL on success. */
att_status att_bp_fold_key(const char *s, size_t n, att_buf *out)
{
    att_fold_words fw;
    const char *w;
    size_t wn;
    int r, first = 1;
    att_status st = ATT_OK;
    att_fold_words_init(&fw, s, n);
    while (st == ATT_OK && (r = att_fold_words_next(&fw, &w, &wn)) != 0) {
        if (r < 0)
            st = ATT_ERR_NOMEM;
        else if (!first)
            st = att_buf_putc(out, ' ');
        if (st == ATT_OK)
            st = att_buf_append(out, w, wn);
        first = 0;
    }
    att_fold_words_free(&fw);
    if (st == ATT_OK && !out->data)
        st = att_buf_append(out, "", 0);
    return st;
}

/* Is the first folded word of s the first word of an entry of one of the
 * lists (NULL-terminated, up to two)?  A cheap test before att_bp_fold_key(),
 * which folds the whole line: a key equal to an entry (att_bp_key_in) or starting
 * with one (att_bp_key_starts_in, att_bp_starts_with an entry and a space) passes it,
 * so a line that fails it is in neither. */
static int starts_an_entry(const char *w, size_t wn, const char *const *list)
{
    for (; list && *list; list++)
        if (strcspn(*list, " ") == wn && memcmp(*list, w, wn) == 0)
            return 1;
    return 0;
}

int att_bp_first_word_in(const char *s, size_t n, const char *const *list, const char *const *list2)
{
    att_fold_words fw;
    const char *w;
    size_t wn;
    att_fold_words_init(&fw, s, n);
    int hit = att_fold_words_next(&fw, &w, &wn) > 0 &&
              (starts_an_entry(w, wn, list) || starts_an_entry(w, wn, list2));
    att_fold_words_free(&fw);
    return hit;
}

int att_bp_key_in(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0)
            return 1;
    return 0;
}

int att_bp_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int att_bp_key_starts_in(const char *key, const char *const *list)
{
    for (; *list; list++) {
        size_t l = strlen(*list);
        if (strncmp(key, *list, l) == 0 && (key[l] == '\0' || key[l] == ' '))
            return 1;
    }
    return 0;
}

size_t att_bp_key_words(const char *key)
{
    size_t w = *key != '\0';
    for (; *key; key++)
        w += *key == ' ';
    return w;
}
