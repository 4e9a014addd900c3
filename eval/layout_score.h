/*
 * layout_score.h - score the text extractor on one generated layout page
 * (tools/gen_layouts.py): NAME.txt is the rendered page, NAME.gold its
 * expected article ("title<TAB>...", "date<TAB>YYYY-MM-DD", "para<TAB>..."
 * for the lead and each body paragraph).  Shared by eval/eval_layouts.c and
 * tests/test_layouts.c; header-only (static functions), no global state.
 *
 * Body F1 is token-level: the multiset of whitespace-separated tokens of
 * the extracted lead and paragraphs against the gold's.  The title counts
 * when equal to the gold's; the date when published starts with the gold's
 * YYYY-MM-DD.
 */
#ifndef ATT_LAYOUT_SCORE_H
#define ATT_LAYOUT_SCORE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/article/text_extract.h"
#include "../src/normalize/normalize.h"
#include "../src/util/fileio.h"

typedef struct lay_result {
    int ok;        /* both files read and extraction ran */
    int title_ok;  /* extracted title equals the gold title */
    int date_ok;   /* extracted date's day equals the gold date */
    double f1;     /* body token F1 */
    char title[256], date[32], gold_title[256], gold_date[16];
} lay_result;

static uint64_t lay_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static int lay_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Append the token hashes of s to *v (realloc'd). */
static void lay_tokens(const char *s, uint64_t **v, size_t *n, size_t *cap)
{
    size_t i = 0, len = strlen(s);
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
            i++;
        size_t j = i;
        while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
            j++;
        if (j > i) {
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 256;
                *v = realloc(*v, *cap * sizeof **v);
                if (!*v)
                    abort();
            }
            (*v)[(*n)++] = lay_hash(s + i, j - i);
        }
        i = j;
    }
}

static double lay_f1(uint64_t *a, size_t na, uint64_t *b, size_t nb)
{
    if (!na || !nb)
        return na == nb ? 1.0 : 0.0;
    qsort(a, na, sizeof *a, lay_cmp);
    qsort(b, nb, sizeof *b, lay_cmp);
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            common++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    double p = (double)common / (double)na, r = (double)common / (double)nb;
    return common ? 2 * p * r / (p + r) : 0.0;
}

/* Score base.txt against base.gold (base without extension). */
static lay_result lay_score(const char *base)
{
    lay_result r;
    memset(&r, 0, sizeof r);
    char path[1100], err[256], *txt = NULL, *gold = NULL;
    size_t tlen, glen;
    snprintf(path, sizeof path, "%s.txt", base);
    if (att_read_file(path, &txt, &tlen, 1 << 26, err, sizeof err) != ATT_OK)
        return r;
    snprintf(path, sizeof path, "%s.gold", base);
    if (att_read_file(path, &gold, &glen, 1 << 26, err, sizeof err) != ATT_OK) {
        free(txt);
        return r;
    }
    uint64_t *gt = NULL, *et = NULL;
    size_t gn = 0, gc = 0, en = 0, ec = 0;
    char *save = NULL;
    for (char *l = strtok_r(gold, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(l, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        if (!strcmp(l, "title"))
            snprintf(r.gold_title, sizeof r.gold_title, "%s", tab + 1);
        else if (!strcmp(l, "date"))
            snprintf(r.gold_date, sizeof r.gold_date, "%s", tab + 1);
        else if (!strcmp(l, "para"))
            lay_tokens(tab + 1, &gt, &gn, &gc);
    }
    char *nfc = NULL;
    size_t nlen = 0;
    att_article a;
    att_article_init(&a);
    if (att_nfc(txt, tlen, &nfc, &nlen) == ATT_OK) {
        att_status st = att_text_extract(nfc, nlen, &a);
        r.ok = st == ATT_OK || st == ATT_ERR_EMPTY;
        if (a.lead)
            lay_tokens(a.lead, &et, &en, &ec);
        for (size_t i = 0; i < a.n_paras; i++)
            lay_tokens(a.paras[i].text, &et, &en, &ec);
        snprintf(r.title, sizeof r.title, "%s", a.title ? a.title : "");
        snprintf(r.date, sizeof r.date, "%s", a.published ? a.published : "");
        r.title_ok = a.title && !strcmp(a.title, r.gold_title);
        r.date_ok = a.published && r.gold_date[0] && !strncmp(a.published, r.gold_date, strlen(r.gold_date));
        r.f1 = lay_f1(et, en, gt, gn);
    }
    att_article_free(&a);
    free(nfc);
    free(et);
    free(gt);
    free(txt);
    free(gold);
    return r;
}

#endif
