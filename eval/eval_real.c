/*
 * eval_real.c - precision and recall of event coding on real news articles
 * annotated exhaustively (eval/gold/real/, format: docs/ANNOTATION.md).
 *
 *   eval_real CORPUS_DIR GOLD_REAL_DIR [-v]
 *
 * CORPUS_DIR is ../shared/corpus: an article is looked up there and in its
 * subdirectories (dantri-world, seeds).
 * Reads every events_<batch>.tsv and articles_<batch>.txt in GOLD_REAL_DIR;
 * only the articles listed in an articles_ file count (an article is listed
 * once it is completely annotated).  Batches "a" and "c" are development
 * sets, "b" and "d" test sets, "s" the seed pages, unless events_<batch>.tsv
 * has a "# SET: dev|test|seeds" line; pooled "dev (a+c)" and "test (b+d)"
 * rows follow the batches.  An emitted event is right when its source, target and CAMEO
 * root match a gold event of the same article whose roots list ("04|03")
 * holds the root; each gold event is matched once.
 *
 * False positives are classed by the gold events of the same sentence
 * (found by the gold's sentence prefix), else of the article:
 *   wrong root  - same source and target, the root not accepted
 *   reversed    - target and source swapped
 *   wrong target / wrong source - one side matches
 *   not an event - nothing of the kind in the sentence (or article)
 *   duplicate    - a gold event already matched by another emitted event
 * Misses are counted by whether the coder coded anything else in their
 * sentence.  With -v every false positive and miss is listed with its
 * sentence.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/util/tsv.h"
#include "eval_util.h"

#define MAXG 20000
#define MAXA 1000
#define PREFIX 16 /* characters of a sentence compared to find it */

typedef struct grow {
    char file[64], a[16], b[16], roots[64], mod[16], prefix[200];
    char batch;
    int used;
} grow;

static grow gold[MAXG];
static size_t n_gold;

typedef struct listed {
    char file[64];
    char batch;
} listed;

/* The role of each batch: 'd' dev, 't' test, 's' seeds, 'o' other.  Set
 * by a "# SET: dev|test|seeds" line of events_<batch>.tsv, else by the
 * batch letter (a, c dev; b, d test; s seeds). */
static char set_of[26];

static listed arts[MAXA];
static size_t n_arts;

static char *slurp(const char *path)
{
    char *d, err[256];
    size_t len;
    if (att_read_file(path, &d, &len, 1 << 26, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "eval_real: %s\n", err);
        exit(1);
    }
    return d;
}

static void load_events(const char *path, char batch)
{
    char *d = slurp(path);
    att_tsv t;
    att_tsv_init(&t, d, strlen(d));
    char *f[8];
    const char *set = strstr(d, "# SET:");
    if (set && (set == d || set[-1] == '\n') && batch >= 'a' && batch <= 'z') {
        set += 6;
        while (*set == ' ' || *set == '\t')
            set++;
        set_of[batch - 'a'] = !strncmp(set, "dev", 3)     ? 'd'
                              : !strncmp(set, "test", 4)  ? 't'
                              : !strncmp(set, "seed", 4)  ? 's'
                                                          : 'o';
    }
    while (att_tsv_next(&t, f, 8) && n_gold < MAXG) {
        if (!f[0][0] || !f[1][0] || !f[2][0])
            continue;
        grow *r = &gold[n_gold++];
        memset(r, 0, sizeof *r);
        snprintf(r->file, sizeof r->file, "%s", f[0]);
        snprintf(r->a, sizeof r->a, "%s", f[1]);
        snprintf(r->b, sizeof r->b, "%s", f[2]);
        snprintf(r->roots, sizeof r->roots, "%s", f[3]);
        snprintf(r->mod, sizeof r->mod, "%s", f[4]);
        char *nfc;
        size_t nl;
        if (att_nfc(f[6], strlen(f[6]), &nfc, &nl) == ATT_OK) {
            snprintf(r->prefix, sizeof r->prefix, "%s", nfc);
            free(nfc);
        }
        r->batch = batch;
    }
    free(d);
}

static void load_articles(const char *path, char batch)
{
    char *d = slurp(path);
    for (char *line = strtok(d, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        while (*line == ' ')
            line++;
        if (!*line || *line == '#' || n_arts >= MAXA)
            continue;
        size_t k = 0;
        while (k < n_arts && strcmp(arts[k].file, line))
            k++;
        if (k < n_arts)
            continue;
        snprintf(arts[n_arts].file, sizeof arts[n_arts].file, "%s", line);
        arts[n_arts++].batch = batch;
    }
    free(d);
}

/* Does the "|"-separated roots list hold root? */
static int root_ok(const char *roots, const char *root)
{
    size_t n = strlen(root);
    for (const char *p = roots; *p;) {
        const char *e = strchr(p, '|');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        while (l && p[l - 1] == ' ')
            l--;
        if (l == n && !strncmp(p, root, n))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static int first_root_quad(const att_lexicon *lx, const char *roots)
{
    char r[4] = {0};
    if (strlen(roots) < 2)
        return 0;
    r[0] = roots[0];
    r[1] = roots[1];
    for (size_t k = 0; k < lx->n_cameo; k++)
        if (!strcmp(lx->cameo[k].root, r))
            return lx->cameo[k].quad;
    return 0;
}

/* Skip opening quotes, dashes, spaces; returns the first letter or digit. */
static const char *skip_open(const char *s)
{
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            /* “ ” ‘ ’ – — (E2 80 xx) */
            if (c == 0xE2 && (unsigned char)s[1] == 0x80 && s[2]) {
                s += 3;
                continue;
            }
            return s;
        }
        if (isalnum(c))
            return s;
        s++;
    }
    return s;
}

/* Do the first PREFIX characters of the two texts agree? */
static int same_start(const char *a, const char *b)
{
    a = skip_open(a);
    b = skip_open(b);
    int chars = 0;
    while (*a && *b && chars < PREFIX) {
        if (*a != *b)
            return 0;
        if (((unsigned char)*a & 0xC0) != 0x80)
            chars++;
        a++;
        b++;
    }
    return chars >= 8 || (!*a && !*b);
}

enum { C_NOEVENT, C_SOURCE, C_TARGET, C_REVERSED, C_ROOT, C_DUP, N_CLASS };
static const char *class_name[N_CLASS] = {"not an event", "wrong source", "wrong target", "reversed",
                                          "wrong root",   "duplicate"};

typedef struct tally {
    size_t tp, fp, fn, fn_coded, q4_tp, q4_fp, q4_fn, n_art, cls[N_CLASS];
} tally;

/* Class of a false positive against the gold rows [g0,g1) of the article;
 * sentence-local rows first.  "duplicate": the event matches a gold event
 * that another emitted event has already matched (one row per event). */
static int classify(size_t g0, size_t g1, const char *sent, const char *c1, const char *c2, const char *root)
{
    for (size_t g = g0; g < g1; g++)
        if (gold[g].used && !strcmp(gold[g].a, c1) && !strcmp(gold[g].b, c2) && root_ok(gold[g].roots, root))
            return C_DUP;
    int best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++) {
        int any = 0;
        for (size_t g = g0; g < g1; g++) {
            const grow *r = &gold[g];
            if (!pass && !same_start(r->prefix, sent))
                continue;
            any = 1;
            int k = -1;
            if (!strcmp(r->a, c1) && !strcmp(r->b, c2))
                k = C_ROOT;
            else if (!strcmp(r->a, c2) && !strcmp(r->b, c1))
                k = C_REVERSED;
            else if (pass == 0 && !strcmp(r->a, c1))
                k = C_TARGET;
            else if (pass == 0 && !strcmp(r->b, c2))
                k = C_SOURCE;
            if (k > best)
                best = k;
        }
        if (!pass && any && best < 0)
            best = C_NOEVENT; /* the sentence has events, none like this */
    }
    return best < 0 ? C_NOEVENT : best;
}

static void print_tally(const char *what, const tally *s)
{
    double p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
    double r = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double q4 = s->q4_tp + s->q4_fp ? (double)s->q4_tp / (double)(s->q4_tp + s->q4_fp) : 0;
    double q4r = s->q4_tp + s->q4_fn ? (double)s->q4_tp / (double)(s->q4_tp + s->q4_fn) : 0;
    printf("| %-12s | %4zu | %5zu | %5zu | %5zu | %.3f | %.3f | %.3f | %.3f (%zu/%zu) | %.3f |\n", what, s->n_art,
           s->tp, s->fp, s->fn, p, r, f1, q4, s->q4_tp, s->q4_tp + s->q4_fp, q4r);
}

static void add(tally *t, const tally *s)
{
    t->tp += s->tp;
    t->fp += s->fp;
    t->fn += s->fn;
    t->fn_coded += s->fn_coded;
    t->q4_tp += s->q4_tp;
    t->q4_fp += s->q4_fp;
    t->q4_fn += s->q4_fn;
    t->n_art += s->n_art;
    for (int k = 0; k < N_CLASS; k++)
        t->cls[k] += s->cls[k];
}

/* The article file: CORPUS/NAME, else CORPUS/SUBDIR/NAME for the first
 * subdirectory that has it (dantri-world, seeds).  Returns 1 when found. */
static int find_article(const char *corpus, const char *name, char *path, size_t cap)
{
    if (snprintf(path, cap, "%s/%s", corpus, name) < (int)cap && access(path, R_OK) == 0)
        return 1;
    DIR *d = opendir(corpus);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *de;
    while (!found && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        found = snprintf(path, cap, "%s/%s/%s", corpus, de->d_name, name) < (int)cap && access(path, R_OK) == 0;
    }
    closedir(d);
    return found;
}

/* The set ('d' dev, 't' test, 's' seeds, 'o' other) of batch index b. */
static char batch_set(int b)
{
    if (set_of[b])
        return set_of[b];
    switch ('a' + b) {
    case 'a':
    case 'c':
        return 'd';
    case 'b':
    case 'd':
        return 't';
    case 's':
        return 's';
    default:
        return 'o';
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: eval_real CORPUS_DIR GOLD_REAL_DIR [-v]\n");
        return 2;
    }
    int verbose = argc > 3 && !strcmp(argv[3], "-v");
    DIR *dir = opendir(argv[2]);
    if (!dir) {
        printf("no real-news gold in %s: skipped\n", argv[2]);
        return 0;
    }
    char *names[64];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(dir)) && nn < 64) {
        size_t l = strlen(de->d_name);
        if ((!strncmp(de->d_name, "events_", 7) && l > 11 && !strcmp(de->d_name + l - 4, ".tsv")) ||
            (!strncmp(de->d_name, "articles_", 9) && l > 13 && !strcmp(de->d_name + l - 4, ".txt")))
            names[nn++] = strdup(de->d_name);
    }
    closedir(dir);
    qsort(names, nn, sizeof *names, cmp_str);
    char path[4096];
    for (size_t k = 0; k < nn; k++) {
        snprintf(path, sizeof path, "%s/%s", argv[2], names[k]);
        if (names[k][0] == 'e')
            load_events(path, names[k][7]);
        else
            load_articles(path, names[k][9]);
        free(names[k]);
    }
    if (!n_arts) {
        printf("no completely annotated real article listed in %s: skipped\n", argv[2]);
        return 0;
    }
    att_lexicon *lx;
    char err[512];
    if (att_lexicon_load(&lx, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "eval_real: %s\n", err);
        return 1;
    }
    size_t skipped = 0;
    tally bt[26];
    memset(bt, 0, sizeof bt);
    for (size_t i = 0; i < n_arts; i++) {
        const char *name = arts[i].file;
        char batch = arts[i].batch;
        int bi = batch >= 'a' && batch <= 'z' ? batch - 'a' : 25;
        tally *s = &bt[bi];
        if (!find_article(argv[1], name, path, sizeof path)) {
            fprintf(stderr, "eval_real: %s not found under %s\n", name, argv[1]);
            skipped++;
            continue;
        }
        att_article a;
        att_extraction x;
        if (eval_code_file("eval_real", lx, path, &a, &x)) {
            skipped++; /* a listed article the corpus lacks: said, and left out */
            continue;
        }
        s->n_art++;
        /* the article's rows first, wherever they are in the files */
        size_t g0 = 0, g1 = 0;
        for (size_t g = 0; g < n_gold; g++)
            if (!strcmp(gold[g].file, name)) {
                grow tmp = gold[g];
                memmove(&gold[g1 + 1], &gold[g1], (g - g1) * sizeof *gold);
                gold[g1++] = tmp;
            }
        for (size_t g = g0; g < g1; g++)
            gold[g].used = 0;
        int *hit = calloc(x.n_events + 1, sizeof *hit);
        /* exact matches first (so that a near miss does not take a gold row
         * a later exact match needs), preferring the same sentence */
        for (int pass = 0; pass < 2; pass++)
            for (size_t e = 0; e < x.n_events; e++) {
                const att_event *ev = &x.events[e];
                if (hit[e])
                    continue;
                const char *sent = att_extract_para(&a, ev->para) + ev->sent_start;
                const char *root = lx->cameo[ev->cameo].root;
                for (size_t g = g0; g < g1 && !hit[e]; g++) {
                    grow *r = &gold[g];
                    if (!r->used && !strcmp(r->a, ev->a1.country) && !strcmp(r->b, ev->a2.country) &&
                        root_ok(r->roots, root) && (pass || same_start(r->prefix, sent))) {
                        r->used = 1;
                        hit[e] = 1;
                    }
                }
            }
        for (size_t e = 0; e < x.n_events; e++) {
            const att_event *ev = &x.events[e];
            int q4 = lx->cameo[ev->cameo].quad == 4;
            const char *sent = att_extract_para(&a, ev->para) + ev->sent_start;
            if (hit[e]) {
                s->tp++;
                s->q4_tp += q4;
                continue;
            }
            s->fp++;
            s->q4_fp += q4;
            int c = classify(g0, g1, sent, ev->a1.country, ev->a2.country, lx->cameo[ev->cameo].root);
            s->cls[c]++;
            if (verbose)
                printf("FP %c %s %s>%s %s [%s] %-12s | %.*s\n", batch, name, ev->a1.country, ev->a2.country,
                       lx->cameo[ev->cameo].root, lx->cameo[ev->cameo].code, class_name[c],
                       (int)(ev->sent_end - ev->sent_start), sent);
        }
        for (size_t g = g0; g < g1; g++) {
            if (gold[g].used)
                continue;
            s->fn++;
            /* a miss whose sentence the coder coded otherwise, or not at all */
            int coded = 0;
            for (size_t e = 0; e < x.n_events && !coded; e++)
                coded = same_start(gold[g].prefix, att_extract_para(&a, x.events[e].para) + x.events[e].sent_start);
            s->fn_coded += coded;
            s->q4_fn += first_root_quad(lx, gold[g].roots) == 4;
            if (verbose)
                printf("FN %c %s %s>%s %s %s | %s\n", batch, name, gold[g].a, gold[g].b, gold[g].roots,
                       gold[g].mod, gold[g].prefix);
        }
        free(hit);
        att_extraction_free(&x);
        att_article_free(&a);
    }
    tally total;
    memset(&total, 0, sizeof total);
    printf("\nevent coding on real news: %zu annotated articles, %zu gold events (source, target, CAMEO root)\n",
           n_arts, n_gold);
    if (skipped)
        printf("warning: %zu listed articles could not be read and are left out\n", skipped);
    printf("\n");
    printf("| %-12s | %4s | %5s | %5s | %5s | %-5s | %-5s | %-5s | %-13s | %-5s |\n", "set", "art", "tp", "fp", "fn",
           "P", "R", "F1", "quad-4 P", "q4 R");
    printf("|---|---|---|---|---|---|---|---|---|---|\n");
    tally pooled[2];
    memset(pooled, 0, sizeof pooled);
    char dev_names[32] = "", test_names[32] = "";
    for (int b = 0; b < 26; b++) {
        if (!bt[b].n_art)
            continue;
        char set = batch_set(b);
        char label[32];
        snprintf(label, sizeof label, "%c (%s)", 'a' + b,
                 set == 'd' ? "dev" : set == 't' ? "test" : set == 's' ? "seeds" : "other");
        print_tally(label, &bt[b]);
        add(&total, &bt[b]);
        if (set == 'd' || set == 't') {
            char *n = set == 'd' ? dev_names : test_names;
            size_t l = strlen(n);
            if (l + 3 < sizeof dev_names)
                snprintf(n + l, sizeof dev_names - l, "%s%c", l ? "+" : "", 'a' + b);
            add(&pooled[set == 't'], &bt[b]);
        }
    }
    for (int k = 0; k < 2; k++)
        if (pooled[k].n_art) {
            char label[48];
            snprintf(label, sizeof label, "%s (%s)", k ? "test" : "dev", k ? test_names : dev_names);
            print_tally(label, &pooled[k]);
        }
    print_tally("total", &total);
    printf("\nfalse positives by class (share of false positives):\n\n| %-12s |", "set");
    for (int k = 0; k < N_CLASS; k++)
        printf(" %-12s |", class_name[k]);
    printf("\n|---|---|---|---|---|---|---|\n");
    for (int b = 0; b <= 28; b++) {
        const tally *s = b == 28 ? &total : b >= 26 ? &pooled[b - 26] : &bt[b];
        if (!s->n_art)
            continue;
        char label[48];
        if (b == 28)
            snprintf(label, sizeof label, "total");
        else if (b >= 26)
            snprintf(label, sizeof label, "%s (%s)", b == 27 ? "test" : "dev", b == 27 ? test_names : dev_names);
        else
            snprintf(label, sizeof label, "%c", 'a' + b);
        printf("| %-12s |", label);
        for (int k = 0; k < N_CLASS; k++)
            printf(" %4zu (%3.0f%%) |", s->cls[k], s->fp ? 100.0 * (double)s->cls[k] / (double)s->fp : 0.0);
        printf("\n");
    }
    printf("\nmisses (gold events not found): %zu, of which in a sentence the coder coded otherwise %zu, in a "
           "sentence it coded nothing in %zu\n",
           total.fn, total.fn_coded, total.fn - total.fn_coded);
    for (int b = 0; b < 26; b++)
        if (bt[b].n_art)
            printf("  %c: %zu misses, %zu in a coded sentence\n", 'a' + b, bt[b].fn, bt[b].fn_coded);
    for (int k = 0; k < 2; k++)
        if (pooled[k].n_art)
            printf("  %s (%s): %zu misses, %zu in a coded sentence\n", k ? "test" : "dev", k ? test_names : dev_names,
                   pooled[k].fn, pooled[k].fn_coded);
    att_lexicon_free(lx);
    return 0;
}
