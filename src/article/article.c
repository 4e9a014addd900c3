/* article.c - the article record; see article.h. */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

void att_article_init(att_article *a) { memset(a, 0, sizeof *a); }

void att_article_free(att_article *a)
{
    free(a->source);
    free(a->url);
    free(a->title);
    for (size_t i = 0; i < a->n_authors; i++)
        free(a->authors[i]);
    free(a->authors);
    free(a->published);
    free(a->lead);
    for (size_t i = 0; i < a->n_paras; i++)
        free(a->paras[i].text);
    free(a->paras);
    memset(a, 0, sizeof *a);
}

/* Is the byte at s an ASCII space or one of the Unicode spaces that pages
 * use between words (NBSP U+00A0, U+2000..U+200B, U+202F, U+3000)?
 * Returns the byte length of the space, 0 if not a space. */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' ||
                   s[0] == '\v'))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8B) || s[2] == 0xAF))
        return 3;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

/* Is s[0..n) already what clean_copy() makes of it: no space at either
 * end, and between words single ASCII spaces only?  Most paragraphs are:
 * one check, then one copy, instead of a copy per word. */
static int already_clean(const unsigned char *p, size_t n)
{
    if (!n || p[0] == ' ' || p[n - 1] == ' ')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c <= ' ') {
            if (c != ' ' || p[i + 1] == ' ') /* (p[n - 1] is not a space) */
                return 0;
        } else if ((c == 0xC2 || c == 0xE2 || c == 0xE3) && space_len(p + i, n - i)) {
            return 0;
        }
    }
    return 1;
}

static char *clean_copy(const char *s, size_t n)
{
    att_buf b = ATT_BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int pending_space = 0;
    if (att_buf_reserve(&b, n) != ATT_OK) /* the copy is never longer */
        goto fail;
    if (already_clean(p, n)) {
        memcpy(b.data, s, n);
        b.data[n] = '\0';
        b.len = n;
        return att_buf_steal(&b);
    }
    while (i < n) {
        /* runs of plain bytes go straight in: only ASCII whitespace and the
         * lead bytes 0xC2, 0xE2, 0xE3 can start a space */
        size_t run = i;
        while (run < n && p[run] > ' ' && p[run] != 0xC2 && p[run] != 0xE2 && p[run] != 0xE3)
            run++;
        if (run > i) {
            if (pending_space && b.len)
                b.data[b.len++] = ' ';
            pending_space = 0;
            memcpy(b.data + b.len, p + i, run - i);
            b.len += run - i;
            i = run;
            continue;
        }
        unsigned char c = p[i];
        size_t sl = space_len(p + i, n - i);
        if (sl) {
            pending_space = 1;
            i += sl;
            continue;
        }
        if (pending_space && b.len)
            b.data[b.len++] = ' ';
        pending_space = 0;
        b.data[b.len++] = (char)c;
        i++;
    }
    b.data[b.len] = '\0';
    if (b.len == 0) {
        att_buf_free(&b);
        return NULL;
    }
    return att_buf_steal(&b);
fail:
    att_buf_free(&b);
    return NULL;
}

att_status att_article_set(char **field, const char *s, size_t n)
{
    if (n == (size_t)-1)
        n = s ? strlen(s) : 0;
    char *c = s ? clean_copy(s, n) : NULL;
    if (s && n && !c) {
        /* NULL means either "all whitespace" or out of memory; tell apart */
        size_t i = 0;
        while (i < n && space_len((const unsigned char *)s + i, n - i))
            i += space_len((const unsigned char *)s + i, n - i);
        if (i < n)
            return ATT_ERR_NOMEM;
    }
    free(*field);
    *field = c;
    return ATT_OK;
}

att_status att_article_add_author(att_article *a, const char *s, size_t n)
{
    char *c = NULL;
    att_status st = att_article_set(&c, s, n);
    if (st != ATT_OK || !c)
        return st;
    char **v = realloc(a->authors, (a->n_authors + 1) * sizeof *v);
    if (!v) {
        free(c);
        return ATT_ERR_NOMEM;
    }
    a->authors = v;
    a->authors[a->n_authors++] = c;
    return ATT_OK;
}

att_status att_article_add_para(att_article *a, const char *s, size_t n, att_para_kind kind)
{
    char *c = NULL;
    att_status st = att_article_set(&c, s, n);
    if (st != ATT_OK || !c)
        return st;
    if (a->n_paras == a->paras_cap) { /* geometric: one paragraph at a time was quadratic */
        size_t cap = a->paras_cap ? a->paras_cap * 2 : 16;
        att_para *v = realloc(a->paras, cap * sizeof *v);
        if (!v) {
            free(c);
            return ATT_ERR_NOMEM;
        }
        a->paras = v;
        a->paras_cap = cap;
    }
    a->paras[a->n_paras].text = c;
    a->paras[a->n_paras].kind = kind;
    a->n_paras++;
    return ATT_OK;
}

size_t att_article_body_bytes(const att_article *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n_paras; i++)
        n += strlen(a->paras[i].text);
    return n;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

att_status att_iso_date(char out[20], int year, int month, int day, int hour, int minute)
{
    if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return ATT_ERR_FORMAT;
    if (hour >= 0) {
        if (hour > 23 || minute < 0 || minute > 59)
            return ATT_ERR_FORMAT;
        snprintf(out, 20, "%04d-%02d-%02dT%02d:%02d", year % 10000, month % 100, day % 100,
                 hour % 100, minute % 100);
    } else {
        snprintf(out, 20, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
    }
    return ATT_OK;
}

static const char *const source_names[] = {NULL, "page", "url", "feed", "warc", "http", "ingest"};

const char *att_date_source_name(att_date_source s)
{
    return (unsigned)s < sizeof source_names / sizeof source_names[0] ? source_names[s] : NULL;
}

att_date_source att_date_source_parse(const char *name)
{
    for (size_t i = 1; name && i < sizeof source_names / sizeof source_names[0]; i++)
        if (!strcmp(name, source_names[i]))
            return (att_date_source)i;
    return ATT_DATE_SRC_UNKNOWN;
}

const char *att_article_date_precision(const att_article *a)
{
    if (!a->published)
        return NULL;
    return strchr(a->published, 'T') ? "minute" : "day";
}
