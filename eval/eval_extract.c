/*
 * eval_extract.c - precision and recall of actor and event extraction
 * against hand-annotated gold (eval/gold/actors.tsv, eval/gold/events.tsv)
 * over the sample pages in samples/.
 *
 *   eval_extract SAMPLES_DIR GOLD_DIR [-v]
 *
 * Actors: per article, the set of country codes (countries named, or the
 * country of a named person) and of organization codes.  Events: per
 * article, the multiset of (actor1 country, actor2 country, CAMEO root).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util/tsv.h"
#include "eval_util.h"

#define MAXR 200000

typedef struct row {
    char file[64], a[16], b[16], root[4];
    int used;
} row;

static row gold_actors[MAXR], gold_events[MAXR];
static size_t n_ga, n_ge;

static void load_gold(const char *path, row *out, size_t *n, int events)
{
    char *d, err[256];
    size_t len;
    if (att_read_file(path, &d, &len, 1 << 26, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "eval: %s\n", err);
        exit(1);
    }
    att_tsv t;
    att_tsv_init(&t, d, len);
    char *f[8];
    while (att_tsv_next(&t, f, 8) && *n < MAXR) {
        row *r = &out[(*n)++];
        memset(r, 0, sizeof *r);
        snprintf(r->file, sizeof r->file, "%s", f[0]);
        snprintf(r->a, sizeof r->a, "%s", f[1]);
        if (events) {
            snprintf(r->b, sizeof r->b, "%s", f[2]);
            snprintf(r->root, sizeof r->root, "%s", f[3]);
        } else {
            snprintf(r->b, sizeof r->b, "%s", f[2]); /* type */
        }
    }
    free(d);
}

typedef struct score {
    size_t tp, fp, fn;
} score;

static void report(const char *what, const score *s)
{
    double p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
    double r = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("| %-28s | %5zu | %5zu | %5zu | %.3f | %.3f | %.3f |\n", what, s->tp, s->fp, s->fn, p, r, f1);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: eval_extract SAMPLES_DIR GOLD_DIR [-v]\n");
        return 2;
    }
    int verbose = argc > 3 && !strcmp(argv[3], "-v");
    char p[4096];
    snprintf(p, sizeof p, "%s/actors.tsv", argv[2]);
    load_gold(p, gold_actors, &n_ga, 0);
    snprintf(p, sizeof p, "%s/events.tsv", argv[2]);
    load_gold(p, gold_events, &n_ge, 1);
    att_lexicon *lx;
    char err[512];
    if (att_lexicon_load(&lx, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "eval: %s\n", err);
        return 1;
    }
    struct dirent **ents;
    int ne = scandir(argv[1], &ents, NULL, alphasort);
    score countries = {0, 0, 0}, orgs = {0, 0, 0}, events = {0, 0, 0};
    size_t n_files = 0;
    for (int i = 0; i < ne; i++) {
        const char *name = ents[i]->d_name;
        size_t nl = strlen(name);
        if (nl < 5 || strcmp(name + nl - 4, ".txt")) {
            free(ents[i]);
            continue;
        }
        snprintf(p, sizeof p, "%s/%s", argv[1], name);
        att_article a;
        att_extraction x;
        if (eval_code_file("eval", lx, p, &a, &x))
            return 1;
        n_files++;
        /* actors: predicted sets */
        char pc[64][16], po[64][16];
        size_t npc = 0, npo = 0;
        for (size_t m = 0; m < x.n_mentions; m++) {
            const att_actor_ref *r = &x.mentions[m].ref;
            /* an organization's official counts for the organization */
            int org = r->type == ATT_ACTOR_ORG || att_lexicon_country(lx, r->country) < 0;
            char (*set)[16] = org ? po : pc;
            size_t *ns = org ? &npo : &npc;
            const char *code = org ? r->code : r->country;
            if (org && r->type == ATT_ACTOR_PERSON)
                code = r->country; /* an organization's official */
            size_t k = 0;
            while (k < *ns && strcmp(set[k], code))
                k++;
            if (k == *ns && *ns < 64)
                snprintf(set[(*ns)++], 16, "%s", code);
        }
        for (int pass = 0; pass < 2; pass++) {
            char (*set)[16] = pass ? po : pc;
            size_t ns = pass ? npo : npc;
            score *sc = pass ? &orgs : &countries;
            for (size_t k = 0; k < ns; k++) {
                int hit = 0;
                for (size_t g = 0; g < n_ga; g++)
                    if (!strcmp(gold_actors[g].file, name) && !strcmp(gold_actors[g].a, set[k]))
                        hit = 1;
                if (hit)
                    sc->tp++;
                else {
                    sc->fp++;
                    if (verbose)
                        printf("FP actor %s %s\n", name, set[k]);
                }
            }
            for (size_t g = 0; g < n_ga; g++) {
                if (strcmp(gold_actors[g].file, name) || strcmp(gold_actors[g].b, pass ? "org" : "country"))
                    continue;
                int hit = 0;
                for (size_t k = 0; k < ns; k++)
                    if (!strcmp(gold_actors[g].a, set[k]))
                        hit = 1;
                if (!hit) {
                    sc->fn++;
                    if (verbose)
                        printf("FN actor %s %s\n", name, gold_actors[g].a);
                }
            }
        }
        /* events: greedy multiset matching on (a1 country, a2 country, root) */
        for (size_t g = 0; g < n_ge; g++)
            gold_events[g].used = 0;
        for (size_t e = 0; e < x.n_events; e++) {
            const att_event *ev = &x.events[e];
            const char *c1 = ev->a1.country, *c2 = ev->a2.country;
            const char *root = lx->cameo[ev->cameo].root;
            int hit = 0;
            for (size_t g = 0; g < n_ge && !hit; g++) {
                row *r = &gold_events[g];
                if (!r->used && !strcmp(r->file, name) && !strcmp(r->a, c1) && !strcmp(r->b, c2) &&
                    !strcmp(r->root, root)) {
                    r->used = 1;
                    hit = 1;
                }
            }
            if (hit)
                events.tp++;
            else {
                events.fp++;
                if (verbose) {
                    const char *t = att_extract_para(&a, ev->para);
                    printf("FP event %s %s %s %s [%s] %.*s\n", name, c1, c2, root,
                           lx->cameo[ev->cameo].code,
                           (int)(ev->sent_end - ev->sent_start), t + ev->sent_start);
                }
            }
        }
        for (size_t g = 0; g < n_ge; g++)
            if (!strcmp(gold_events[g].file, name) && !gold_events[g].used) {
                events.fn++;
                if (verbose)
                    printf("FN event %s %s %s %s\n", name, gold_events[g].a, gold_events[g].b,
                           gold_events[g].root);
            }
        att_extraction_free(&x);
        att_article_free(&a);
        free(ents[i]);
    }
    free(ents);
    printf("\nextraction evaluation: %zu sample articles, %zu gold actor rows, %zu gold event rows\n\n",
           n_files, n_ga, n_ge);
    printf("| %-28s | %5s | %5s | %5s | %-5s | %-5s | %-5s |\n", "what", "tp", "fp", "fn", "P", "R", "F1");
    printf("|---|---|---|---|---|---|---|\n");
    report("country actors", &countries);
    report("organization actors", &orgs);
    report("events (a1, a2, CAMEO root)", &events);
    att_lexicon_free(lx);
    return 0;
}
