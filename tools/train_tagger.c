/*
 * train_tagger.c - train attache's Vietnamese word segmenter and UPOS
 * tagger (averaged perceptrons) from CoNLL-U treebanks and write the model
 * in the text form att_tagger_open() reads.
 *
 *   train_tagger -o OUT.model [-s SEG_EPOCHS] [-p POS_EPOCHS] [-t PRUNE]
 *                [-c MIN_COUNT] [-R RUNS] [-r SEED] [-T] [-d WORDS] [-n NAMES.tsv]
 *                [-L TAGGED_WORDS] FILE[:A-B]...
 *
 * Segmentation: every token (syllable, number, punctuation run; see
 * att_tk_next) is labelled B (starts a word) or I; a structured perceptron
 * with first-order Viterbi learns the labels.  Tagging: a greedy averaged
 * perceptron over words with the two previous predicted tags, trained once
 * left to right and once right to left (the run time adds their scores).
 * Weights whose averaged magnitude stays under PRUNE are dropped (default
 * 0.3 for segmentation, -P 0.5 for tagging).
 * -d adds a list of multi-syllable words (one a line) to the dictionary
 * behind the segmenter's dictionary features; -n adds the capitalised
 * multi-syllable fields of a names table (data/countries.tsv ...).
 * -L: a list of "WORD<TAB>UPOS" lines; the tag is a tagging feature of
 * the word (the model's lex section).  A -d list may carry such tags.
 * -c: segmentation features seen fewer than MIN_COUNT times (default 2)
 * are left out.  -R: each model is trained RUNS times (default 5) in
 * different orders and the runs' averaged weights averaged again (one
 * run's handling of unseen word pairs varies from run to run).  -r
 * changes the shuffling seed, -T keeps the B/I transition weights at 0.
 * Training is deterministic for a given seed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/segment/conllu.h"
#include "../src/segment/tagger.h"
#include "../src/segment/tagger_int.h"

/* One training sentence, tokenized. */
typedef struct tsent {
    att_tk *tk;
    uint8_t *gold_b; /* per token */
    uint32_t *sf;    /* seg feature indexes, ATT_SEG_NF per token (UINT32_MAX = none) */
    uint8_t *nsf;
    size_t nt;
    att_wd *wd;      /* gold words */
    uint8_t *tag;    /* gold tags */
    size_t nw;
} tsent;

/* Averaged weights. */
typedef struct avg {
    float *w;
    double *acc;
    uint32_t *ts;
    size_t n, cap;
} avg;

static uint32_t g_c = 1; /* update clock */

static void avg_upd(avg *a, size_t i, float d)
{
    a->acc[i] += (double)(g_c - a->ts[i]) * a->w[i];
    a->ts[i] = g_c;
    a->w[i] += d;
}

static double avg_final(const avg *a, size_t i)
{
    return (a->acc[i] + (double)(g_c - a->ts[i]) * a->w[i]) / g_c;
}

static int avg_grow(avg *a, size_t n)
{
    if (n <= a->cap)
        return 0;
    size_t nc = a->cap ? a->cap : 1024;
    while (nc < n)
        nc *= 2;
    float *w = realloc(a->w, nc * sizeof *w);
    if (w)
        a->w = w;
    double *acc = realloc(a->acc, nc * sizeof *acc);
    if (acc)
        a->acc = acc;
    uint32_t *ts = realloc(a->ts, nc * sizeof *ts);
    if (ts)
        a->ts = ts;
    if (!w || !acc || !ts)
        return -1;
    for (size_t i = a->cap; i < nc; i++) {
        a->w[i] = 0;
        a->acc[i] = 0;
        a->ts[i] = 0;
    }
    a->cap = nc;
    return 0;
}

static void die(const char *m)
{
    fprintf(stderr, "train_tagger: %s\n", m);
    exit(1);
}

static uint64_t g_rng = 0x2545F4914F6CDD1Dull;
static size_t rnd(size_t n)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (size_t)(g_rng % n);
}
/* 0..n-1, to be shuffled every epoch; NULL never (dies). */
static size_t *new_order(size_t n)
{
    size_t *o = malloc((n ? n : 1) * sizeof *o);
    if (!o)
        die("out of memory");
    for (size_t i = 0; i < n; i++)
        o[i] = i;
    return o;
}

static void shuffle(size_t *o, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rnd(i), t = o[i - 1];
        o[i - 1] = o[j];
        o[j] = t;
    }
}

static size_t g_straddle;

/* Tokens, gold B/I labels, gold words and tags of one sentence. */
static void prepare(const att_ud_sent *s, tsent *t)
{
    size_t cap = 16, nt = 0, pos = 0;
    t->tk = malloc(cap * sizeof *t->tk);
    if (!t->tk)
        die("out of memory");
    att_tk k;
    while (att_tk_next(s->text, s->len, &pos, &k)) {
        if (nt == cap) {
            cap *= 2;
            t->tk = realloc(t->tk, cap * sizeof *t->tk);
            if (!t->tk)
                die("out of memory");
        }
        t->tk[nt++] = k;
    }
    t->nt = nt;
    t->gold_b = calloc(nt + 1, 1);
    t->sf = malloc((nt + 1) * ATT_SEG_NF * sizeof *t->sf);
    t->nsf = malloc(nt + 1);
    t->wd = malloc((s->n + 1) * sizeof *t->wd);
    t->tag = malloc(s->n + 1);
    if (!t->gold_b || !t->sf || !t->nsf || !t->wd || !t->tag)
        die("out of memory");
    /* gold labels: B where a token starts at a gold word's start */
    size_t wi = 0;
    size_t first_tok = 0;
    t->nw = 0;
    for (size_t i = 0; i < nt; i++) {
        while (wi < s->n && s->w[wi].to <= t->tk[i].from)
            wi++;
        int b = i == 0 || (wi < s->n && s->w[wi].from == t->tk[i].from);
        if (wi < s->n && t->tk[i].to > s->w[wi].to)
            g_straddle++;
        if (!b && wi < s->n && t->tk[i].from > s->w[wi].from && i > 0 && t->tk[i - 1].to <= s->w[wi].from)
            b = 1; /* previous token straddled into this word */
        t->gold_b[i] = (uint8_t)b;
        if (b && i > 0) {
            att_wd_make(&t->wd[t->nw], t->tk, first_tok, i);
            t->nw++;
            first_tok = i;
        }
        if (b)
            t->tag[t->nw] = wi < s->n ? s->w[wi].upos : ATT_UPOS_X;
    }
    if (nt) {
        att_wd_make(&t->wd[t->nw], t->tk, first_tok, nt);
        t->nw++;
    }
}

/* Feature occurrence counts (pass 0 of featurize). */
static att_fmap g_cnt;
static uint32_t *g_cntv;
static size_t g_cntcap;
static unsigned g_minc = 2;
static int g_learn_trans = 1;
static int g_runs = 5;

/* The segmentation features of a prepared sentence, with dict.  Pass 0
 * counts every feature's occurrences; pass 1 keeps those seen at least
 * g_minc times (a feature seen once only memorizes its sentence and
 * leaves the features that generalize untrained). */
static void featurize(tsent *t, att_fmap *segmap, avg *segw, const att_fmap *dict, const att_fmap *syls, int pass)
{
    size_t nt = t->nt;
    att_tk_lex(syls, t->tk, nt);
    uint8_t *marks = malloc(nt + 1);
    if (!marks)
        die("out of memory");
    att_dict_marks(dict, t->tk, nt, marks);
    for (size_t i = 0; i < nt; i++) {
        uint64_t f[ATT_SEG_NF];
        size_t nf = att_seg_feats(t->tk, marks, nt, i, f), kept = 0;
        for (size_t j = 0; j < nf; j++) {
            if (pass == 0) {
                uint32_t c = att_fmap_put(&g_cnt, f[j], (uint32_t)g_cnt.n);
                if (c == UINT32_MAX)
                    die("out of memory");
                if (c >= g_cntcap) {
                    size_t nc = g_cntcap ? g_cntcap * 2 : 1 << 16;
                    uint32_t *v = realloc(g_cntv, nc * sizeof *v);
                    if (!v)
                        die("out of memory");
                    memset(v + g_cntcap, 0, (nc - g_cntcap) * sizeof *v);
                    g_cntv = v;
                    g_cntcap = nc;
                }
                g_cntv[c]++;
                continue;
            }
            uint32_t c = att_fmap_get(&g_cnt, f[j]);
            if (c == UINT32_MAX || g_cntv[c] < g_minc)
                continue;
            uint32_t ix = att_fmap_put(segmap, f[j], (uint32_t)segmap->n);
            if (ix == UINT32_MAX || avg_grow(segw, segmap->n))
                die("out of memory");
            t->sf[i * ATT_SEG_NF + kept++] = ix;
        }
        t->nsf[i] = (uint8_t)kept;
    }
    free(marks);
}

/* Syllable counts: [0, ATT_UPOS__N) as a word of its own with that tag,
 * [ATT_UPOS__N] first in a longer word, [ATT_UPOS__N + 1] later in one. */
enum { SYL_NC = ATT_UPOS__N + 2 };
static att_fmap g_sylix;  /* syllable key -> row */
static uint32_t *g_sylc;  /* rows of SYL_NC counts, for all sentences */
static uint32_t *g_sylcf; /* the same for each fold: [fold][row][SYL_NC] */
static size_t g_sylcap;

/* Count the syllables of the gold words of t (fold k of nfolds). */
static void syl_count(const tsent *t, int k, int nfolds)
{
    size_t a = 0;
    for (size_t j = 0; j < t->nw; j++) {
        size_t len = t->wd[j].nsyl;
        for (size_t i = a; i < a + len && i < t->nt; i++) {
            uint32_t ix = att_fmap_put(&g_sylix, t->tk[i].key, (uint32_t)g_sylix.n);
            if (ix == UINT32_MAX)
                die("out of memory");
            if (ix >= g_sylcap) {
                size_t nc = g_sylcap ? g_sylcap * 2 : 1 << 14;
                uint32_t *c = calloc(nc * SYL_NC, sizeof *c), *cf = calloc(nc * SYL_NC * (size_t)nfolds, sizeof *cf);
                if (!c || !cf)
                    die("out of memory");
                if (g_sylcap) {
                    memcpy(c, g_sylc, g_sylcap * SYL_NC * sizeof *c);
                    for (int f = 0; f < nfolds; f++)
                        memcpy(cf + (size_t)f * nc * SYL_NC, g_sylcf + (size_t)f * g_sylcap * SYL_NC,
                               g_sylcap * SYL_NC * sizeof *cf);
                }
                free(g_sylc), free(g_sylcf);
                g_sylc = c, g_sylcf = cf, g_sylcap = nc;
            }
            size_t col = len == 1 ? t->tag[j] : i == a ? ATT_UPOS__N : ATT_UPOS__N + 1;
            g_sylc[ix * SYL_NC + col]++;
            g_sylcf[((size_t)k * g_sylcap + ix) * SYL_NC + col]++;
        }
        a += len;
    }
}

/* The syllable table from the counts, less fold k's (k < 0: all). */
static void syl_table(att_fmap *m, int k)
{
    if (att_fmap_init(m, g_sylix.n + 16))
        die("out of memory");
    for (size_t s = 0; s <= g_sylix.mask; s++) {
        if (!g_sylix.keys[s])
            continue;
        size_t ix = g_sylix.vals[s];
        uint32_t c[SYL_NC], alone = 0, tot = 0, best = 0;
        for (int j = 0; j < SYL_NC; j++) {
            c[j] = g_sylc[ix * SYL_NC + j] - (k >= 0 ? g_sylcf[((size_t)k * g_sylcap + ix) * SYL_NC + j] : 0);
            tot += c[j];
            if (j < ATT_UPOS__N) {
                alone += c[j];
                if (c[j] > c[best])
                    best = (uint32_t)j;
            }
        }
        if (tot < 2)
            continue;
        double r = (double)alone / tot;
        unsigned cls = alone ? best : ATT_UPOS__N;
        unsigned bk = alone == 0 ? 0 : r < 0.2 ? 1 : r < 0.5 ? 2 : r < 0.8 ? 3 : 4;
        unsigned later = c[ATT_UPOS__N + 1] > c[ATT_UPOS__N] ? 1 : 0;
        if (att_fmap_set(m, g_sylix.keys[s], 1 + later * 90 + cls * 5 + bk))
            die("out of memory");
    }
}

/* Drop (value 0) the list words that the treebank writes split more often
 * than whole: the treebank's segmentation wins.  Returns how many. */
static size_t list_filter(att_fmap *list, const tsent *ts, size_t ns)
{
    size_t slots = list->mask + 1, dropped = 0;
    int *score = calloc(slots, sizeof *score);
    if (!score)
        die("out of memory");
    for (size_t si = 0; si < ns; si++) {
        const tsent *t = &ts[si];
        for (size_t a = 0; a + 1 < t->nt; a++) {
            uint64_t h = att_hcomb(0x853c49e6748fea9bull, t->tk[a].key);
            for (size_t b = a + 1; b < t->nt && b - a < ATT_DICT_MAXLEN; b++) {
                h = att_hcomb(h, t->tk[b].key);
                if (att_fmap_get(list, h) == UINT32_MAX)
                    continue;
                int whole = t->gold_b[a] && (b + 1 == t->nt || t->gold_b[b + 1]);
                for (size_t j = a + 1; j <= b; j++)
                    if (t->gold_b[j])
                        whole = 0;
                size_t i = (size_t)att_mix64(h) & list->mask;
                while (list->keys[i] != h)
                    i = (i + 1) & list->mask;
                score[i] += whole ? 1 : -1;
            }
        }
    }
    for (size_t i = 0; i < slots; i++)
        if (list->keys[i] && list->vals[i] && score[i] < 0) {
            list->vals[i] = 0;
            dropped++;
        }
    free(score);
    return dropped;
}

/* Add the multi-token gold words of s to dict. */
static void dict_add_sent(att_fmap *dict, const att_ud_sent *s)
{
    for (size_t j = 0; j < s->n; j++) {
        att_tk tk[ATT_DICT_MAXLEN + 1];
        size_t nt = 0, pos = s->w[j].from;
        while (nt <= ATT_DICT_MAXLEN && att_tk_next(s->text, s->w[j].to, &pos, &tk[nt]))
            nt++;
        if (nt >= 2 && nt <= ATT_DICT_MAXLEN && att_fmap_put(dict, att_word_key(tk, 0, nt), ATT_DICT_WORD) == UINT32_MAX)
            die("out of memory");
    }
}

/* Add one phrase: all of it (plain list) or, for a names table, only when
 * every token is a capitalised word (the treebank's proper-noun words). */
static int dict_add_phrase(att_fmap *dict, const char *p, size_t len, int names)
{
    att_tk tk[ATT_DICT_MAXLEN + 1];
    size_t nt = 0, pos = 0;
    while (nt <= ATT_DICT_MAXLEN && att_tk_next(p, len, &pos, &tk[nt]))
        nt++;
    if (nt < 2 || nt > ATT_DICT_MAXLEN)
        return 0;
    if (names)
        for (size_t i = 0; i < nt; i++)
            if ((tk[i].shape & 15) != TK_CAP)
                return 0;
    if (att_fmap_set(dict, att_word_key(tk, 0, nt), names ? ATT_DICT_NAME : ATT_DICT_WORD))
        die("out of memory");
    return 1;
}

/* fopen(path, "r"), or the error and exit. */
static FILE *open_or_die(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

/* Add the words of a list file (names = 0: one word per line) or of a
 * names table (names = 1: every tab- or |-separated field) to dict.
 * Lines starting with # are comments. */
static size_t dict_add_file(att_fmap *dict, const char *path, int names)
{
    FILE *f = open_or_die(path);
    char line[8192];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        if (!len || line[0] == '#')
            continue;
        if (!names) {
            len = strcspn(line, "\t\r\n"); /* a tag may follow (-L) */
            n += (size_t)dict_add_phrase(dict, line, len, 0);
            continue;
        }
        size_t a = 0;
        while (a < len) {
            size_t b = a + strcspn(line + a, "\t|\r\n");
            if (b > len)
                b = len;
            n += (size_t)dict_add_phrase(dict, line + a, b - a, 1);
            a = b + 1;
        }
    }
    fclose(f);
    return n;
}

/* A lexicon of tagged words (lines "WORD<TAB>UPOS"; # comments) into m:
 * word key -> 1 + tag.  Returns the number of entries. */
static size_t lex_load(att_fmap *m, const char *path)
{
    FILE *f = open_or_die(path);
    char line[8192];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        int tag = att_upos_parse(tab + 1, strcspn(tab + 1, "\t\r\n"));
        att_tk tk[ATT_DICT_MAXLEN + 1];
        size_t nt = 0, pos = 0, len = (size_t)(tab - line);
        while (nt <= ATT_DICT_MAXLEN && att_tk_next(line, len, &pos, &tk[nt]))
            nt++;
        if (tag < 0 || !nt || nt > ATT_DICT_MAXLEN)
            continue;
        if (att_fmap_set(m, att_word_key(tk, 0, nt), (uint32_t)tag + 1))
            die("out of memory");
        n++;
    }
    fclose(f);
    return n;
}

static void train_seg(tsent *ts, size_t ns, int epochs, avg *segw, avg *trans)
{
    size_t maxn = 1;
    for (size_t i = 0; i < ns; i++)
        if (ts[i].nt > maxn)
            maxn = ts[i].nt;
    float *emit = malloc(maxn * sizeof *emit);
    uint8_t(*back)[2] = malloc(maxn * sizeof *back);
    uint8_t *pred = malloc(maxn);
    size_t *order = new_order(ns);
    if (!emit || !back || !pred)
        die("out of memory");
    for (int ep = 0; ep < epochs; ep++) {
        shuffle(order, ns);
        size_t wrong = 0, total = 0;
        for (size_t oi = 0; oi < ns; oi++) {
            tsent *t = &ts[order[oi]];
            float tr[3][2];
            for (int k = 0; k < 6; k++)
                tr[k / 2][k % 2] = trans->w[k];
            for (size_t i = 0; i < t->nt; i++) {
                float e = 0;
                for (size_t j = 0; j < t->nsf[i]; j++)
                    e += segw->w[t->sf[i * ATT_SEG_NF + j]];
                emit[i] = e;
            }
            att_bi_viterbi(emit, NULL, t->nt, (const float(*)[2])tr, back, pred);
            for (size_t i = 0; i < t->nt; i++) {
                total++;
                if (pred[i] == t->gold_b[i])
                    continue;
                wrong++;
                float d = t->gold_b[i] ? 1.0f : -1.0f;
                for (size_t j = 0; j < t->nsf[i]; j++)
                    avg_upd(segw, t->sf[i * ATT_SEG_NF + j], d);
            }
            /* transitions: gold +1, predicted -1 */
            for (size_t i = 0; i < t->nt; i++) {
                int gp = i == 0 ? 2 : t->gold_b[i - 1] ? 0 : 1, gc = t->gold_b[i] ? 0 : 1;
                int pp = i == 0 ? 2 : pred[i - 1] ? 0 : 1, pc = pred[i] ? 0 : 1;
                if (g_learn_trans && (gp != pp || gc != pc)) {
                    avg_upd(trans, (size_t)(gp * 2 + gc), 1);
                    avg_upd(trans, (size_t)(pp * 2 + pc), -1);
                }
            }
            g_c++;
        }
        fprintf(stderr, "seg epoch %d: %.4f token label accuracy\n", ep + 1, 1.0 - (double)wrong / (double)total);
    }
    free(emit);
    free(back);
    free(pred);
    free(order);
}

static void train_pos(tsent *ts, size_t ns, int epochs, att_fmap *posmap, avg *posw)
{
    size_t *order = new_order(ns);
    for (int ep = 0; ep < epochs; ep++) {
        shuffle(order, ns);
        size_t wrong = 0, total = 0;
        for (size_t oi = 0; oi < ns; oi++) {
            tsent *t = &ts[order[oi]];
            int p1 = ATT_UPOS__N, p2 = ATT_UPOS__N;
            for (size_t i = 0; i < t->nw; i++) {
                uint64_t f[ATT_POS_NF];
                size_t nf = att_pos_feats(t->wd, t->nw, i, p1, p2, f);
                float sc[ATT_UPOS__N] = {0};
                uint32_t ix[ATT_POS_NF];
                for (size_t j = 0; j < nf; j++) {
                    ix[j] = att_fmap_get(posmap, f[j]);
                    if (ix[j] == UINT32_MAX)
                        continue;
                    for (int c = 0; c < ATT_UPOS__N; c++)
                        sc[c] += posw->w[(size_t)ix[j] * ATT_UPOS__N + (size_t)c];
                }
                int best = ATT_UPOS_X;
                for (int c = 0; c < ATT_UPOS__N; c++)
                    if (sc[c] > sc[best])
                        best = c;
                int gold = t->tag[i];
                total++;
                if (best != gold) {
                    wrong++;
                    for (size_t j = 0; j < nf; j++) {
                        if (ix[j] == UINT32_MAX) {
                            ix[j] = att_fmap_put(posmap, f[j], (uint32_t)posmap->n);
                            if (ix[j] == UINT32_MAX || avg_grow(posw, posmap->n * ATT_UPOS__N))
                                die("out of memory");
                        }
                        avg_upd(posw, (size_t)ix[j] * ATT_UPOS__N + (size_t)gold, 1);
                        avg_upd(posw, (size_t)ix[j] * ATT_UPOS__N + (size_t)best, -1);
                    }
                }
                p2 = p1;
                p1 = best;
                g_c++;
            }
        }
        fprintf(stderr, "pos epoch %d: %.4f tag accuracy (gold words)\n", ep + 1, 1.0 - (double)wrong / (double)total);
    }
    free(order);
}

static const char *HEADER =
    "# tagger_vi.model - attache's Vietnamese word segmenter and UPOS tagger (averaged perceptrons).\n"
    "# Trained by tools/train_tagger.c (make model) from UD_Vietnamese-VTB\n"
    "#   (https://github.com/UniversalDependencies/UD_Vietnamese-VTB), licensed CC BY-SA 4.0.\n"
    "# This trained model is a derivative work of that treebank and is licensed under\n"
    "#   CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).\n"
    "# Its dictionary also holds the word lists given with -d (make model: tools/tagger_words_vtb.txt, words of\n"
    "#   later UD_Vietnamese-VTB sentences, CC BY-SA 4.0; tools/tagger_words_vi.txt, attache's own) and names (-n).\n"
    "# Format: see src/segment/tagger.c.  Feature keys are 64-bit hashes (src/segment/tagger_feat.c).\n";

/* Train the tagger g_runs times (each from scratch, in another order) and
 * return the runs' averaged weights averaged again, ATT_UPOS__N per
 * feature of posmap (malloc'd). */
static double *train_pos_runs(tsent *ts, size_t ns, int epochs, att_fmap *posmap)
{
    avg posw = {0};
    double *F = NULL;
    size_t Fn = 0;
    if (att_fmap_init(posmap, 1 << 16))
        die("out of memory");
    for (int run = 0; run < g_runs; run++) {
        if (posw.cap) {
            memset(posw.w, 0, posw.cap * sizeof *posw.w);
            memset(posw.acc, 0, posw.cap * sizeof *posw.acc);
            memset(posw.ts, 0, posw.cap * sizeof *posw.ts);
        }
        g_c = 1;
        train_pos(ts, ns, epochs, posmap, &posw);
        size_t need = posmap->n * ATT_UPOS__N;
        if (need > Fn) {
            double *nf = realloc(F, (need + 1) * sizeof *nf);
            if (!nf)
                die("out of memory");
            memset(nf + Fn, 0, (need - Fn) * sizeof *nf);
            F = nf;
            Fn = need;
        }
        for (size_t i = 0; i < need; i++)
            F[i] += avg_final(&posw, i) / g_runs;
    }
    if (!F && !(F = calloc(1, sizeof *F)))
        die("out of memory");
    free(posw.w), free(posw.acc), free(posw.ts);
    return F;
}

/* Write one tagging section ("NAME N" and its feature lines); returns N. */
static size_t write_pos(FILE *f, const char *name, const att_fmap *map, const double *F, double prune)
{
    uint64_t *key = calloc(map->n + 1, sizeof *key);
    if (!key)
        die("out of memory");
    for (size_t i = 0; i <= map->mask; i++)
        if (map->keys[i])
            key[map->vals[i]] = map->keys[i];
    size_t keep = 0;
    for (size_t i = 0; i < map->n; i++)
        for (int c = 0; c < ATT_UPOS__N; c++)
            if (fabs(F[i * ATT_UPOS__N + (size_t)c]) >= prune) {
                keep++;
                break;
            }
    fprintf(f, "%s %zu\n", name, keep);
    for (size_t i = 0; i < map->n; i++) {
        int any = 0;
        for (int c = 0; c < ATT_UPOS__N; c++) {
            double w = F[i * ATT_UPOS__N + (size_t)c];
            if (fabs(w) < prune)
                continue;
            if (!any)
                fprintf(f, "%llx", (unsigned long long)key[i]);
            any = 1;
            fprintf(f, " %d:%.3g", c, w);
        }
        if (any)
            fputc('\n', f);
    }
    free(key);
    return keep;
}

/* The tag dictionary: words seen at least 20 times in the treebank, with
 * one tag at least 99.5% of the time, always take that tag (the tagger
 * skips scoring them).  Returns the number written. */
static size_t write_tagdict(FILE *f, const tsent *ts, size_t ns)
{
    att_fmap idx = {0};
    uint32_t(*cnt)[ATT_UPOS__N] = NULL;
    size_t cap = 0;
    for (size_t si = 0; si < ns; si++)
        for (size_t j = 0; j < ts[si].nw; j++) {
            uint32_t ix = att_fmap_put(&idx, ts[si].wd[j].key, (uint32_t)idx.n);
            if (ix == UINT32_MAX)
                die("out of memory");
            if (ix >= cap) {
                size_t nc = cap ? cap * 2 : 4096;
                void *nv = realloc(cnt, nc * sizeof *cnt);
                if (!nv)
                    die("out of memory");
                cnt = nv;
                memset(cnt + cap, 0, (nc - cap) * sizeof *cnt);
                cap = nc;
            }
            cnt[ix][ts[si].tag[j]]++;
        }
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            fprintf(f, "tagdict %zu\n", n);
        for (size_t i = 0; i <= idx.mask && idx.keys; i++) {
            if (!idx.keys[i])
                continue;
            const uint32_t *c = cnt[idx.vals[i]];
            uint32_t tot = 0, best = 0;
            int bt = 0;
            for (int k = 0; k < ATT_UPOS__N; k++) {
                tot += c[k];
                if (c[k] > best)
                    best = c[k], bt = k;
            }
            if (tot < 20 || best * 1000 < tot * 995)
                continue;
            if (pass)
                fprintf(f, "%llx %d\n", (unsigned long long)idx.keys[i], bt);
            else
                n++;
        }
    }
    free(cnt);
    att_fmap_free(&idx);
    return n;
}

static int usage(void)
{
    fprintf(stderr, "usage: train_tagger -o OUT [-s SEG_EPOCHS] [-p POS_EPOCHS] [-t PRUNE] [-P POS_PRUNE] [-c MIN_COUNT] [-R RUNS]\n"
                    "                    [-r SEED] [-T] [-d WORDS] [-n NAMES.tsv] [-L TAGGED_WORDS] FILE[:A-B]...\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    int seg_ep = 12, pos_ep = 12;
    double prune = 0.3, pos_prune = 0.5;
    const char *lists[32], *lexfile = NULL;
    int names[32], nlists = 0;
    att_ud_set set = {0};
    char err[512];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "-s") && i + 1 < argc)
            seg_ep = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-p") && i + 1 < argc)
            pos_ep = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-r") && i + 1 < argc)
            g_rng ^= (uint64_t)strtoull(argv[++i], NULL, 10) * 0x9E3779B97F4A7C15ull;
        else if (!strcmp(argv[i], "-R") && i + 1 < argc) {
            g_runs = atoi(argv[++i]);
            if (g_runs < 1)
                g_runs = 1;
        }
        else if (!strcmp(argv[i], "-L") && i + 1 < argc)
            lexfile = argv[++i];
        else if (!strcmp(argv[i], "-T"))
            g_learn_trans = 0;
        else if (!strcmp(argv[i], "-c") && i + 1 < argc)
            g_minc = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "-t") && i + 1 < argc)
            prune = atof(argv[++i]);
        else if (!strcmp(argv[i], "-P") && i + 1 < argc)
            pos_prune = atof(argv[++i]);
        else if ((!strcmp(argv[i], "-d") || !strcmp(argv[i], "-n")) && i + 1 < argc && nlists < 32) {
            names[nlists] = argv[i][1] == 'n';
            lists[nlists++] = argv[++i];
        }
        else if (argv[i][0] == '-') {
            return usage();
        } else if (att_ud_read(argv[i], &set, err, sizeof err) != ATT_OK) {
            fprintf(stderr, "train_tagger: %s\n", err);
            return 1;
        }
    }
    if (!out || !set.n) {
        return usage();
    }
    tsent *ts = calloc(set.n, sizeof *ts);
    att_fmap segmap = {0}, posmap = {0};
    avg segw = {0}, trans = {0};
    if (!ts || avg_grow(&trans, 6) || att_fmap_init(&segmap, 1 << 16))
        die("out of memory");
    size_t ntok = 0, nword = 0;
    for (size_t i = 0; i < set.n; i++) {
        prepare(&set.s[i], &ts[i]);
        ntok += ts[i].nt;
        nword += set.s[i].n;
    }
    fprintf(stderr, "%zu sentences, %zu gold words, %zu tokens (%zu straddle a gold word boundary)\n", set.n, nword,
            ntok, g_straddle);
    /* the lexicon's tags: a tagging feature of the words it lists */
    att_fmap lex = {0};
    if (lexfile) {
        size_t nl = lex_load(&lex, lexfile), hit = 0;
        for (size_t i = 0; i < set.n; i++)
            for (size_t j = 0; j < ts[i].nw; j++) {
                uint32_t v = att_fmap_get(&lex, ts[i].wd[j].key);
                ts[i].wd[j].lex = (uint8_t)(v == UINT32_MAX ? 0 : v);
                hit += v != UINT32_MAX;
            }
        fprintf(stderr, "lexicon: %zu tagged words from %s, %zu treebank words listed\n", nl, lexfile, hit);
    }
    /* the word lists, less what the treebank contradicts */
    att_fmap list = {0};
    size_t nextra = 0;
    for (int l = 0; l < nlists; l++)
        nextra += dict_add_file(&list, lists[l], names[l]);
    size_t dropped = list.n ? list_filter(&list, ts, set.n) : 0;
    /* dictionaries: the full one for the model; for training, sentence i
     * sees the one built without its own fold (jackknifing), so that the
     * dictionary features are as reliable in training as on new text */
    enum { FOLDS_MAX = 40 };
    int FOLDS = getenv("SEGFOLDS") ? atoi(getenv("SEGFOLDS")) : 10;
    att_fmap full = {0}, fold[FOLDS_MAX];
    memset(fold, 0, sizeof fold);
    for (size_t i = 0; i < set.n; i++) {
        dict_add_sent(&full, &set.s[i]);
        for (int k = 0; k < FOLDS; k++)
            if (i % FOLDS != (size_t)k)
                dict_add_sent(&fold[k], &set.s[i]);
    }
    for (size_t i = 0; i <= list.mask && list.keys; i++) {
        if (!list.keys[i] || !list.vals[i])
            continue;
        /* a name overrides; a plain list word never demotes a name */
        uint32_t v = list.vals[i];
        if (att_fmap_get(&full, list.keys[i]) == ATT_DICT_NAME)
            v = ATT_DICT_NAME;
        if (att_fmap_set(&full, list.keys[i], v))
            die("out of memory");
        for (int k = 0; k < FOLDS; k++)
            if (att_fmap_set(&fold[k], list.keys[i], v))
                die("out of memory");
    }
    fprintf(stderr, "dictionary: %zu words (%zu entries from %d lists, %zu of them dropped: the treebank splits them)\n",
            full.n, nextra, nlists, dropped);
    /* the syllable classes, jackknifed the same way */
    att_fmap syls_full = {0}, syls_fold[FOLDS_MAX];
    memset(syls_fold, 0, sizeof syls_fold);
    if (att_fmap_init(&g_sylix, 1 << 14))
        die("out of memory");
    for (size_t i = 0; i < set.n; i++)
        syl_count(&ts[i], (int)(i % (size_t)FOLDS), FOLDS);
    syl_table(&syls_full, -1);
    for (int k = 0; k < FOLDS; k++)
        syl_table(&syls_fold[k], k);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < set.n; i++)
            featurize(&ts[i], &segmap, &segw, &fold[i % FOLDS], &syls_fold[i % FOLDS], pass);
    att_fmap_free(&g_cnt);
    free(g_cntv);
    /* the segmenter is trained g_runs times from scratch, each time in
     * another order, and the averaged weights of the runs averaged again:
     * one run's generalization to unseen word pairs rests on weights its
     * near-perfect training fit leaves barely trained, and varies by run */
    double *segF = calloc(segmap.n + 1, sizeof *segF), transF[6] = {0};
    if (!segF)
        die("out of memory");
    for (int run = 0; run < g_runs; run++) {
        memset(segw.w, 0, segw.cap * sizeof *segw.w);
        memset(segw.acc, 0, segw.cap * sizeof *segw.acc);
        memset(segw.ts, 0, segw.cap * sizeof *segw.ts);
        memset(trans.w, 0, trans.cap * sizeof *trans.w);
        memset(trans.acc, 0, trans.cap * sizeof *trans.acc);
        memset(trans.ts, 0, trans.cap * sizeof *trans.ts);
        g_c = 1;
        train_seg(ts, set.n, seg_ep, &segw, &trans);
        for (size_t i = 0; i < segmap.n; i++)
            segF[i] += avg_final(&segw, i) / g_runs;
        for (size_t k = 0; k < 6; k++)
            transF[k] += avg_final(&trans, k) / g_runs;
    }
    g_c = 1;
    /* the tagger likewise, once left to right and once right to left
     * (on the sentences' words reversed) */
    att_fmap posmap_r = {0};
    double *posF = train_pos_runs(ts, set.n, pos_ep, &posmap);
    tsent *rev = calloc(set.n, sizeof *rev);
    if (!rev)
        die("out of memory");
    for (size_t i = 0; i < set.n; i++) {
        rev[i].nw = ts[i].nw;
        rev[i].wd = malloc((ts[i].nw + 1) * sizeof *rev[i].wd);
        rev[i].tag = malloc(ts[i].nw + 1);
        if (!rev[i].wd || !rev[i].tag)
            die("out of memory");
        for (size_t j = 0; j < ts[i].nw; j++) {
            rev[i].wd[j] = ts[i].wd[ts[i].nw - 1 - j];
            rev[i].tag[j] = ts[i].tag[ts[i].nw - 1 - j];
        }
    }
    double *posFr = train_pos_runs(rev, set.n, pos_ep, &posmap_r);
    for (size_t i = 0; i < set.n; i++) {
        free(rev[i].wd);
        free(rev[i].tag);
    }
    free(rev);

    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        return 1;
    }
    fputs(HEADER, f);
    fprintf(f, "# %zu sentences, %zu words; seg epochs %d, pos epochs %d, %d runs each, pruned below %g / %g\n", set.n,
            nword, seg_ep, pos_ep, g_runs, prune, pos_prune);
    fprintf(f, "attache-tagger 1\ntrans");
    for (int k = 0; k < 6; k++)
        fprintf(f, " %.4g", transF[k]);
    fputc('\n', f);
    /* features by index: invert the map */
    uint64_t *segkey = calloc(segmap.n + 1, sizeof *segkey);
    if (!segkey)
        die("out of memory");
    for (size_t i = 0; i <= segmap.mask; i++)
        if (segmap.keys[i])
            segkey[segmap.vals[i]] = segmap.keys[i];
    size_t keep = 0;
    for (size_t i = 0; i < segmap.n; i++)
        if (fabs(segF[i]) >= prune)
            keep++;
    fprintf(f, "seg %zu\n", keep);
    for (size_t i = 0; i < segmap.n; i++) {
        double w = segF[i];
        if (fabs(w) >= prune)
            fprintf(f, "%llx %.3g\n", (unsigned long long)segkey[i], w);
    }
    size_t keep_seg = keep;
    keep = write_pos(f, "pos", &posmap, posF, pos_prune);
    keep += write_pos(f, "posr", &posmap_r, posFr, pos_prune);
    fprintf(f, "dict %zu\n", full.n);
    for (size_t i = 0; i <= full.mask; i++)
        if (full.keys[i])
            fprintf(f, "%llx%s\n", (unsigned long long)full.keys[i], full.vals[i] == ATT_DICT_NAME ? " n" : "");
    size_t ntd = write_tagdict(f, ts, set.n);
    fprintf(f, "syls %zu\n", syls_full.n);
    for (size_t i = 0; i <= syls_full.mask; i++)
        if (syls_full.keys[i])
            fprintf(f, "%llx %u\n", (unsigned long long)syls_full.keys[i], syls_full.vals[i]);
    if (lex.n) {
        fprintf(f, "lex %zu\n", lex.n);
        for (size_t i = 0; i <= lex.mask; i++)
            if (lex.keys[i])
                fprintf(f, "%llx %u\n", (unsigned long long)lex.keys[i], lex.vals[i]);
    }
    if (fclose(f)) {
        perror(out);
        return 1;
    }
    fprintf(stderr, "wrote %s: %zu of %zu segmentation features, %zu of %zu tagging features, %zu words of one tag\n",
            out, keep_seg, segmap.n, keep, posmap.n + posmap_r.n, ntd);
    for (size_t i = 0; i < set.n; i++) {
        free(ts[i].tk);
        free(ts[i].gold_b);
        free(ts[i].sf);
        free(ts[i].nsf);
        free(ts[i].wd);
        free(ts[i].tag);
    }
    free(ts);
    free(segkey);
    free(segF);
    free(posF);
    free(posFr);
    att_fmap_free(&segmap);
    att_fmap_free(&full);
    att_fmap_free(&list);
    for (int k = 0; k < FOLDS; k++)
        att_fmap_free(&fold[k]);
    att_fmap_free(&posmap);
    att_fmap_free(&posmap_r);
    free(segw.w), free(segw.acc), free(segw.ts);
    free(trans.w), free(trans.acc), free(trans.ts);
    att_ud_free(&set);
    att_fmap_free(&g_sylix);
    att_fmap_free(&syls_full);
    att_fmap_free(&lex);
    for (int k = 0; k < FOLDS; k++)
        att_fmap_free(&syls_fold[k]);
    free(g_sylc), free(g_sylcf);
    return 0;
}
