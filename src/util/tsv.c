/* tsv.c - reference-data TSV reader; see tsv.h. */
#include "tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void att_tsv_init(att_tsv *t, char *data, size_t len)
{
    memset(t, 0, sizeof *t);
    t->p = data;
    t->end = data + len;
}

static char *next_line(att_tsv *t, char **eol)
{
    if (t->p >= t->end)
        return NULL;
    char *s = t->p, *e = memchr(s, '\n', (size_t)(t->end - s));
    if (!e)
        e = t->end;
    t->p = e < t->end ? e + 1 : e;
    if (e > s && e[-1] == '\r')
        e--;
    *eol = e;
    t->line++;
    return s;
}

static size_t split(char *s, char *e, char **fields, size_t max)
{
    size_t n = 0;
    while (n < max) {
        char *tab = memchr(s, '\t', (size_t)(e - s));
        fields[n++] = s;
        if (!tab) {
            *e = '\0';
            break;
        }
        *tab = '\0';
        s = tab + 1;
    }
    return n;
}

size_t att_tsv_next(att_tsv *t, char **fields, size_t max)
{
    char *s, *e;
    while ((s = next_line(t, &e))) {
        if (s == e || *s == '#')
            continue;
        if (!t->header_seen) {
            t->header_seen = 1;
            t->n_header = split(s, e, t->header, ATT_TSV_MAX_FIELDS);
            continue;
        }
        size_t n = split(s, e, fields, max);
        for (size_t i = n; i < max; i++)
            fields[i] = e; /* "" */
        return n;
    }
    return 0;
}

int att_tsv_col(const att_tsv *t, const char *name)
{
    for (size_t i = 0; i < t->n_header; i++)
        if (strcmp(t->header[i], name) == 0)
            return (int)i;
    return -1;
}

void att_tsv_variants(char *cell, void (*cb)(void *ctx, const char *v), void *ctx)
{
    char *s = cell;
    while (s && *s) {
        char *bar = strchr(s, '|');
        if (bar)
            *bar = '\0';
        while (*s == ' ')
            s++;
        size_t l = strlen(s);
        while (l && s[l - 1] == ' ')
            s[--l] = '\0';
        if (*s)
            cb(ctx, s);
        s = bar ? bar + 1 : NULL;
    }
}

att_status att_tsv_check(const char *name, const char *data, size_t len, char *err, size_t errlen)
{
    if (len == 0 || data[len - 1] != '\n')
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "%s: does not end with a newline (cut short?)", name);
    size_t line = 0, header = 0, rows = 0, last_start = 0;
    for (size_t i = 0; i < len; line++) {
        const char *s = data + i, *e = memchr(s, '\n', len - i);
        size_t n = (size_t)(e - s);
        last_start = i;
        i += n + 1;
        if (n && s[n - 1] == '\r')
            n--;
        if (n == 0 || *s == '#')
            continue;
        size_t fields = 1;
        for (size_t k = 0; k < n; k++)
            fields += s[k] == '\t';
        if (!header) {
            header = fields;
            continue;
        }
        if (fields != header)
            return att_seterr(err, errlen, ATT_ERR_FORMAT, "%s:%zu: %zu fields, the header has %zu", name,
                              line + 1, fields, header);
        rows++;
    }
    if (!header)
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "%s: no header row", name);
    const char *last = data + last_start;
    char *end;
    if (strncmp(last, "# rows: ", 8) != 0)
        return att_seterr(err, errlen, ATT_ERR_FORMAT,
                          "%s: the last line is not \"# rows: N\" (cut short? tools/tsv-rows.sh writes it)", name);
    unsigned long long want = strtoull(last + 8, &end, 10);
    if (end == last + 8 || (*end != '\n' && *end != '\r'))
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "%s:%zu: \"# rows:\" needs a number", name, line);
    if (want != rows)
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "%s: %zu data rows, its last line says %llu (cut short?)",
                          name, rows, want);
    return ATT_OK;
}
