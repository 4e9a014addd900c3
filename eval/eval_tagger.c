/*
 * eval_tagger.c - score a segmenter/tagger model on CoNLL-U sentences,
 * segmenting each sentence's raw text from scratch (as CoNLL 2018 does).
 *
 *   eval_tagger MODEL|builtin FILE[:A-B]...
 *
 * Tags are compared by the UD guidelines (see src/segment/conllu.h) and,
 * once more, in the file's own pre-2.5 VTB convention.
 * Prints word precision/recall/F1 (a word is right when its byte range
 * matches a gold word's), UPOS accuracy on the correctly segmented words,
 * the aligned F1 of (word, tag) pairs, and UPOS accuracy given the gold
 * segmentation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/segment/conllu.h"
#include "../src/segment/tagger.h"
#include "../src/segment/tagger_int.h"
#include "../src/util/fileio.h"

/* UPOS of the gold words when the tagger is given the gold segmentation. */
static void gold_seg_pos(const att_tagger *t, const att_ud_sent *s, size_t *right, size_t *total)
{
    att_tk tk[ATT_TAG_CHUNK];
    att_wd wd[ATT_TAG_CHUNK];
    uint8_t tag[ATT_TAG_CHUNK];
    size_t nt = 0, pos = 0, nw = 0, wi = 0, first = 0;
    while (nt < ATT_TAG_CHUNK && att_tk_next(s->text, s->len, &pos, &tk[nt]))
        nt++;
    for (size_t i = 0; i < nt; i++) {
        while (wi < s->n && s->w[wi].to <= tk[i].from)
            wi++;
        int b = i == 0 || (wi < s->n && s->w[wi].from == tk[i].from);
        if (b && i > 0)
            att_wd_make(&wd[nw++], tk, first, i), first = i;
        if (b)
            tag[nw] = wi < s->n ? s->w[wi].upos : ATT_UPOS_X;
    }
    if (nt)
        att_wd_make(&wd[nw++], tk, first, nt);
    uint8_t pred[ATT_TAG_CHUNK];
    att_pos_tag(t, wd, nw, NULL, pred);
    for (size_t i = 0; i < nw; i++) {
        *right += pred[i] == tag[i];
        (*total)++;
    }
}

static void put_word(const char *text, uint32_t from, uint32_t to, const char *tag)
{
    for (uint32_t i = from; i < to; i++)
        putchar(text[i] == ' ' ? '_' : text[i]);
    printf("/%s ", tag);
}

/* With EVAL_TAGGER_VERBOSE set: the words that differ, gold then predicted. */
static void dump(const att_ud_sent *s, const att_tword *w, size_t n)
{
    size_t a = 0, b = 0;
    while (a < n || b < s->n) {
        if (a < n && b < s->n && w[a].from == s->w[b].from && w[a].to == s->w[b].to) {
            if (w[a].upos != s->w[b].upos) {
                printf("TAG  ");
                put_word(s->text, w[a].from, w[a].to, att_upos_name(s->w[b].upos));
                printf("-> %s\n", att_upos_name(w[a].upos));
            }
            a++, b++;
            continue;
        }
        /* a differing stretch: until both end at the same byte */
        size_t a0 = a, b0 = b;
        uint32_t ea = a < n ? w[a].to : 0, eb = b < s->n ? s->w[b].to : 0;
        a++, b++;
        while (ea != eb && (a < n || b < s->n)) {
            if ((ea < eb && a < n) || b >= s->n)
                ea = w[a++].to;
            else
                eb = s->w[b++].to;
        }
        printf("SEG  gold: ");
        for (size_t k = b0; k < b && k < s->n; k++)
            put_word(s->text, s->w[k].from, s->w[k].to, att_upos_name(s->w[k].upos));
        printf("  pred: ");
        for (size_t k = a0; k < a && k < n; k++)
            put_word(s->text, w[k].from, w[k].to, att_upos_name(w[k].upos));
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    int verbose = getenv("EVAL_TAGGER_VERBOSE") != NULL;
    if (argc < 3) {
        fprintf(stderr, "usage: eval_tagger MODEL|builtin FILE[:A-B]...\n");
        return 2;
    }
    char err[512];
    const att_tagger *t;
    att_tagger *own = NULL;
    if (!strcmp(argv[1], "builtin")) {
        t = att_tagger_builtin(err, sizeof err);
        if (!t) {
            fprintf(stderr, "eval_tagger: %s\n", err);
            return 1;
        }
    } else {
        char *data;
        size_t len;
        if (att_read_file(argv[1], &data, &len, (size_t)1 << 30, err, sizeof err) ||
            att_tagger_open(data, len, &own, err, sizeof err)) {
            fprintf(stderr, "eval_tagger: %s\n", err);
            return 1;
        }
        free(data);
        t = own;
    }
    att_ud_set set = {0};
    for (int i = 2; i < argc; i++)
        if (att_ud_read(argv[i], &set, err, sizeof err)) {
            fprintf(stderr, "eval_tagger: %s\n", err);
            return 1;
        }
    size_t ngold = 0, npred = 0, match = 0, match_tag = 0, match_file = 0, gs_right = 0, gs_total = 0;
    size_t gold_tok = 0, pred_tok = 0, match_tok = 0;
    for (size_t i = 0; i < set.n; i++) {
        const att_ud_sent *s = &set.s[i];
        att_tword *w = malloc((s->len + 1) * sizeof *w);
        size_t n;
        if (!w || att_tag_words(t, s->text, s->len, w, s->len + 1, &n, 0, err, sizeof err)) {
            fprintf(stderr, "eval_tagger: sentence %zu: %s\n", i + 1, w ? err : "out of memory");
            return 1;
        }
        ngold += s->n;
        npred += n;
        for (size_t a = 0, b = 0; a < n && b < s->n;) {
            if (w[a].from == s->w[b].from && w[a].to == s->w[b].to) {
                match++;
                match_tag += w[a].upos == s->w[b].upos;
                match_file += att_upos_vtb_legacy((att_upos)w[a].upos) == s->w[b].upos_file;
                a++, b++;
            } else if (w[a].to <= s->w[b].to) {
                a++;
            } else {
                b++;
            }
        }
        /* multi-syllable words only */
        for (size_t b = 0; b < s->n; b++)
            gold_tok += memchr(s->text + s->w[b].from, ' ', s->w[b].to - s->w[b].from) != NULL;
        for (size_t a = 0; a < n; a++)
            if (w[a].nsyl > 1) {
                pred_tok++;
                for (size_t b = 0; b < s->n; b++)
                    if (s->w[b].from == w[a].from && s->w[b].to == w[a].to) {
                        match_tok++;
                        break;
                    }
            }
        if (verbose)
            dump(s, w, n);
        gold_seg_pos(t, s, &gs_right, &gs_total);
        free(w);
    }
    double p = npred ? (double)match / (double)npred : 0, r = ngold ? (double)match / (double)ngold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double tp = npred ? (double)match_tag / (double)npred : 0, tr = ngold ? (double)match_tag / (double)ngold : 0;
    printf("%zu sentences, %zu gold words, %zu predicted\n", set.n, ngold, npred);
    printf("words:  P %.4f  R %.4f  F1 %.4f\n", p, r, f);
    printf("UPOS:   accuracy %.4f on the %zu correctly segmented words; aligned (word,tag) F1 %.4f\n",
           match ? (double)match_tag / (double)match : 0, match, tp + tr > 0 ? 2 * tp * tr / (tp + tr) : 0);
    printf("UPOS as the file writes it (pre-2.5 VTB mapping): accuracy %.4f on the correctly segmented words\n",
           match ? (double)match_file / (double)match : 0);
    printf("UPOS given the gold segmentation: %.4f\n", gs_total ? (double)gs_right / (double)gs_total : 0);
    printf("multi-syllable words: %zu gold, %zu predicted, %zu right (P %.3f R %.3f)\n", gold_tok, pred_tok,
           match_tok, pred_tok ? (double)match_tok / (double)pred_tok : 0,
           gold_tok ? (double)match_tok / (double)gold_tok : 0);
    att_tagger_free(own);
    att_ud_free(&set);
    return 0;
}
