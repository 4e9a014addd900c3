/* tsv.c - reference-data TSV reader; see tsv.h. */
#include "tsv.h"

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
