/*
 * text_lines.c - split a plain-text page into items and read its
 * "# key = value" header; see text_internal.h.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "boiler.h"
#include "text_internal.h"

static att_status push_item(tx_doc *d, const char *s, size_t n, size_t block)
{
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 64;
        tx_item *v = realloc(d->it, nc * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        d->it = v;
        d->cap = nc;
    }
    tx_item *it = &d->it[d->n++];
    memset(it, 0, sizeof *it);
    it->s = s;
    it->n = n;
    it->block = block;
    return ATT_OK;
}

/* A line starting with a lowercase letter continues a hard-wrapped
 * paragraph (headlines, names and sentences start with a capital). */
static int starts_lowercase(const char *s, size_t n)
{
    unsigned cp;
    att_utf8_decode(s, n, &cp);
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* "# date = 20201001" or "2020-10-01" (anything after the day is ignored). */
static void parse_meta_date(tx_doc *d, const char *v, size_t n)
{
    int x[8], k = 0;
    for (size_t i = 0; i < n && k < 8; i++) {
        if (v[i] >= '0' && v[i] <= '9')
            x[k++] = v[i] - '0';
        else if (v[i] != '-' && v[i] != '/')
            break;
    }
    if (k < 8)
        return;
    d->year = x[0] * 1000 + x[1] * 100 + x[2] * 10 + x[3];
    d->month = x[4] * 10 + x[5];
    d->day = x[6] * 10 + x[7];
}

/* A "# key = value" header line; remembers url and date. */
static int meta_line(tx_doc *d, const char *s, size_t n)
{
    if (n < 4 || s[0] != '#')
        return 0;
    size_t i = 1;
    while (i < n && s[i] == ' ')
        i++;
    size_t k0 = i;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
        i++;
    size_t k1 = i;
    while (i < n && s[i] == ' ')
        i++;
    if (k1 == k0 || i >= n || s[i] != '=')
        return 0;
    const char *v = s + i + 1;
    size_t vn = n - i - 1;
    att_boiler_trim(&v, &vn);
    if (k1 - k0 == 3 && memcmp(s + k0, "url", 3) == 0 && vn) {
        d->url = v;
        d->url_n = vn;
    } else if (k1 - k0 == 4 && memcmp(s + k0, "date", 4) == 0) {
        parse_meta_date(d, v, vn);
    }
    return 1;
}

/* Fill the per-item facts the passes use and pick the layout. */
static void finish(tx_doc *d, size_t blocks)
{
    size_t i = 0;
    while (i < d->n) {
        size_t j = i;
        while (j < d->n && d->it[j].block == d->it[i].block)
            j++;
        for (size_t k = i; k < j; k++) {
            tx_item *it = &d->it[k];
            it->standalone = j - i == 1;
            it->ends = att_boiler_ends_sentence(it->s, it->n) != 0;
            it->words = att_boiler_words(it->s, it->n);
            it->is_caption = att_boiler_is_caption(it->s, it->n) != 0;
        }
        i = j;
    }
    /* blank lines between most paragraphs: blocks carry structure; a text
     * with (almost) none has one paragraph per line */
    d->block_mode = blocks > 1 && (blocks - 1) * 4 >= d->n;
}

/* Code points of s[0..n). */
static size_t columns(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

#define WRAP_INDENTS 16

/* Leading spaces of a line (at most WRAP_INDENTS - 1). */
static size_t indent_of(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < WRAP_INDENTS - 1 && s[i] == ' ')
        i++;
    return i;
}

/* The column widths a renderer hard-wrapped the text at (w3m -dump and
 * lynx -dump wrap at 80 columns by default), one per indentation (lynx
 * indents paragraphs by 3 and wraps them short of its headings): the
 * widest line of each indentation, or of the whole text for an
 * indentation with few lines.  All 0 if the text is not wrapped: a line
 * is wider than 132 columns, or few lines come close to the widest. */
static void wrap_widths(const char *text, size_t len, size_t width[WRAP_INDENTS])
{
    size_t widest = 0, lines = 0, pos = 0, count[WRAP_INDENTS] = {0};
    memset(width, 0, WRAP_INDENTS * sizeof *width);
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - text) : len, c = columns(text + pos, e - pos);
        size_t ind = indent_of(text + pos, e - pos);
        if (c > 132) {
            memset(width, 0, WRAP_INDENTS * sizeof *width);
            return;
        }
        widest = c > widest ? c : widest;
        width[ind] = c > width[ind] ? c : width[ind];
        count[ind]++;
        pos = e + 1;
    }
    for (pos = 0; widest >= 40 && pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - text) : len;
        lines += columns(text + pos, e - pos) + 12 >= widest;
        pos = e + 1;
    }
    for (size_t i = 0; i < WRAP_INDENTS; i++)
        width[i] = lines < 4 ? 0 : count[i] >= 4 && width[i] + 12 >= widest ? width[i] : widest;
}

/* Was the line before (cols columns, its text prev) broken because the
 * first word of the next line (s, n) did not fit into width?  The widest
 * line seen may be a few columns short of the renderer's width, so after
 * a sentence's end the next line is taken as a new paragraph (a caption,
 * a list item): a paragraph wrapped right after a full stop is then two
 * paragraphs, no text is lost. */
static int wrapped_before(size_t cols, const tx_item *prev, const char *s, size_t n, size_t width)
{
    size_t w = 0;
    while (w < n && s[w] != ' ')
        w++;
    size_t need = cols + 1 + columns(s, w);
    if (!width || need <= width || att_boiler_ends_sentence(prev->s, prev->n))
        return 0;
    /* a closed heading ("****** Title ******") or a date line after the line
     * are lines of their own */
    const char *p = prev->s;
    size_t pn = prev->n;
    if (pn >= 8 && !memcmp(p, "***", 3) && !memcmp(p + pn - 3, "***", 3))
        return 0;
    tx_date dt;
    return !tx_dateline(s, n, &dt);
}

att_status tx_split(const char *text, size_t len, tx_doc *d)
{
    memset(d, 0, sizeof *d);
    size_t widths[WRAP_INDENTS], last_cols = 0, last_indent = 0;
    wrap_widths(text, len, widths);
    size_t width = widths[0];
    size_t pos = 0, block = 0;
    int header = 1, blank = 0;
    while (pos < len) {
        size_t e = pos;
        while (e < len && text[e] != '\n' && text[e] != '\r')
            e++;
        size_t next = e < len && text[e] == '\r' && e + 1 < len && text[e + 1] == '\n' ? e + 2 : e + 1;
        const char *s = text + pos;
        size_t n = e - pos, cols = width ? columns(s, n) : 0, ind = indent_of(s, n);
        pos = next;
        att_boiler_trim(&s, &n);
        if (!n) {
            blank = d->n > 0;
            continue;
        }
        if (header && meta_line(d, s, n)) {
            d->meta = 1;
            continue;
        }
        header = 0;
        if (blank)
            block++;
        blank = 0;
        tx_item *last = d->n ? &d->it[d->n - 1] : NULL;
        size_t prev_cols = last_cols, prev_width = widths[last_indent];
        last_cols = cols;
        last_indent = ind;
        if (last && last->block == block &&
            ((starts_lowercase(s, n) && !att_boiler_is_slug(s, n) && !att_boiler_ends_sentence(last->s, last->n)) ||
             wrapped_before(prev_cols, last, s, n, prev_width))) {
            last->n = (size_t)(s + n - last->s); /* hard-wrapped: one item */
            continue;
        }
        if (push_item(d, s, n, block) != ATT_OK) {
            tx_doc_free(d);
            return ATT_ERR_NOMEM;
        }
    }
    finish(d, d->n ? block + 1 : 0);
    return ATT_OK;
}

void tx_doc_free(tx_doc *d)
{
    free(d->it);
    memset(d, 0, sizeof *d);
}
