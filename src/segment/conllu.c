/* conllu.c - CoNLL-U reader for the tagger's training and evaluation; see
 * conllu.h. */
#include "conllu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/fileio.h"
#include "tagger.h"

static int has_sub(const char *s, size_t n, const char *sub)
{
    size_t m = strlen(sub);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, sub, m) == 0)
            return 1;
    return 0;
}

void att_ud_free(att_ud_set *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->s[i].text);
        free(set->s[i].w);
    }
    free(set->s);
    memset(set, 0, sizeof *set);
}

typedef struct pending {
    att_buf text;
    att_ud_word *w;
    size_t n, cap;
    int space_after; /* the previous word wants a space after it */
} pending;

/* The guideline tag of a VTB word from its XPOS (see conllu.h). */
static int guideline_tag(int upos, const char *x, size_t xl)
{
    if (xl == 2 && !memcmp(x, "Np", 2))
        return ATT_UPOS_PROPN;
    if (xl == 1 && x[0] == 'P')
        return ATT_UPOS_PRON;
    if (xl == 1 && x[0] == 'R')
        return ATT_UPOS_ADV;
    if (xl == 2 && !memcmp(x, "CC", 2))
        return ATT_UPOS_CCONJ;
    if (xl == 1 && x[0] == 'C')
        return ATT_UPOS_SCONJ;
    return upos;
}

static att_status add_word(pending *p, const char *form, size_t fl, int upos, int upos_file, int space_after)
{
    int lb = fl == 4 && memcmp(form, "LBKT", 4) == 0, rb = fl == 4 && memcmp(form, "RBKT", 4) == 0;
    if (lb)
        form = "(", fl = 1;
    if (rb)
        form = ")", fl = 1;
    if (p->n && p->space_after && !rb && att_buf_putc(&p->text, ' '))
        return ATT_ERR_NOMEM;
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 64;
        att_ud_word *nw = realloc(p->w, nc * sizeof *nw);
        if (!nw)
            return ATT_ERR_NOMEM;
        p->w = nw;
        p->cap = nc;
    }
    att_ud_word *w = &p->w[p->n++];
    w->from = (uint32_t)p->text.len;
    if (att_buf_append(&p->text, form, fl))
        return ATT_ERR_NOMEM;
    w->to = (uint32_t)p->text.len;
    w->upos = (uint8_t)(upos < 0 ? ATT_UPOS_X : upos);
    w->upos_file = (uint8_t)(upos_file < 0 ? ATT_UPOS_X : upos_file);
    p->space_after = space_after && !lb;
    return ATT_OK;
}

static att_status flush(pending *p, att_ud_set *set, size_t idx, size_t lo, size_t hi)
{
    if (!p->n)
        return ATT_OK;
    if (idx >= lo && idx < hi) {
        if (set->n == set->cap) {
            size_t nc = set->cap ? set->cap * 2 : 256;
            att_ud_sent *ns = realloc(set->s, nc * sizeof *ns);
            if (!ns)
                return ATT_ERR_NOMEM;
            set->s = ns;
            set->cap = nc;
        }
        att_ud_sent *s = &set->s[set->n++];
        s->len = p->text.len;
        s->text = att_buf_steal(&p->text);
        s->w = p->w;
        s->n = p->n;
        if (!s->text)
            return ATT_ERR_NOMEM;
    } else {
        free(p->w);
        att_buf_free(&p->text);
    }
    p->w = NULL;
    p->n = p->cap = 0;
    att_buf_clear(&p->text);
    return ATT_OK;
}

att_status att_ud_read(const char *path, att_ud_set *set, char *err, size_t errlen)
{
    char file[4096];
    size_t lo = 0, hi = (size_t)-1;
    snprintf(file, sizeof file, "%s", path);
    char *colon = strrchr(file, ':');
    if (colon && colon[1] >= '0' && colon[1] <= '9') {
        char *e;
        lo = strtoul(colon + 1, &e, 10);
        if (*e == '-')
            hi = strtoul(e + 1, &e, 10);
        if (*e)
            return att_seterr(err, errlen, ATT_ERR_USAGE, "%s: want FILE:A-B", path);
        *colon = 0;
    }
    char *data;
    size_t len;
    att_status st = att_read_file(file, &data, &len, (size_t)1 << 30, err, errlen);
    if (st)
        return st;
    pending p = {ATT_BUF_INIT, NULL, 0, 0, 0};
    size_t idx = 0, lineno = 0;
    const char *s = data, *end = data + len;
    while (s < end && !st) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e)
            e = end;
        lineno++;
        size_t n = (size_t)(e - s);
        if (n && s[n - 1] == '\r')
            n--;
        if (n == 0) {
            if (p.n) {
                st = flush(&p, set, idx, lo, hi);
                idx++;
            }
        } else if (s[0] != '#') {
            /* ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC */
            const char *col[10];
            size_t cl[10];
            size_t k = 0;
            const char *q = s, *le = s + n;
            while (k < 10) {
                const char *t = memchr(q, '\t', (size_t)(le - q));
                if (!t)
                    t = le;
                col[k] = q;
                cl[k] = (size_t)(t - q);
                k++;
                if (t == le)
                    break;
                q = t + 1;
            }
            if (k < 10) {
                st = att_seterr(err, errlen, ATT_ERR_FORMAT, "%s line %zu: want 10 tab-separated columns", file,
                                lineno);
                break;
            }
            if (memchr(col[0], '-', cl[0]) || memchr(col[0], '.', cl[0])) {
                s = e < end ? e + 1 : e;
                continue;
            }
            int sa = !has_sub(col[9], cl[9], "SpaceAfter=No");
            int file_tag = att_upos_parse(col[3], cl[3]);
            st = add_word(&p, col[1], cl[1], guideline_tag(file_tag, col[4], cl[4]), file_tag, sa);
            if (st)
                st = att_seterr(err, errlen, st, "out of memory reading %s", file);
        }
        s = e < end ? e + 1 : e;
    }
    if (!st && p.n)
        st = flush(&p, set, idx, lo, hi);
    free(p.w);
    att_buf_free(&p.text);
    free(data);
    return st;
}
