/*
 * eval_search.c - known-item relevance of attache's search against plain
 * FTS5 bm25() over the same extracted text, in the same run.
 *
 *   eval_search [-n QUERIES] [-s SEED] [-x VARIANTS] [-o DBDIR] [-v] CORPUS_DIR...
 *
 * The corpus directories (../shared/corpus/dantri-world and seeds) are
 * ingested into a temporary database.  -x K adds K variants of every
 * article: each of its lines with the words shuffled (fixed seed), so
 * the database grows with articles of the same vocabulary, lengths and
 * titles that share no sentence with the real ones - a known-item query
 * then has many more articles holding its words scattered, in their
 * titles too, as in a large archive.  A variant has its article's bag
 * of words: plain bm25 cannot tell them apart (a tie with each of its
 * variants), so -x measures what word order and the search's passes do
 * at a larger size, not a fair comparison with bm25.  A second FTS5 table, plain_fts
 * (title, lead, body; tokenize='unicode61 remove_diacritics 2'), gets the
 * same extracted title, lead and body of every stored article.
 *
 * Known-item queries are drawn from a fixed seed: a random article, a
 * random sentence of its lead or body with at least four words, four
 * consecutive words of it, typed with their accents.  A drawn query whose
 * four words occur in that order in another article too is drawn again
 * (it has no single right answer).  Each query is also asked typed
 * without accents (att_fold: lower case, no diacritics).
 *
 * For each query: the rank of the article it was drawn from in attache's
 * search (att_search, top 10) and in plain FTS5 ordered by
 * bm25(plain_fts, 10, 4, 1) (the column weights attache uses), top 10.
 * Prints top-1, top-10 and MRR@10 for both, accented and accent-free.
 * The output is the same on every run (fixed seed); -v lists each query
 * with both ranks.
 */
#include <dirent.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/ingest/ingest.h"
#include "../src/normalize/normalize.h"
#include "../src/store/search.h"
#include "../src/store/store.h"
#include "../src/util/buf.h"

#define MAX_ARTICLES 100000
#define QUERY_WORDS 4

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Rejected inputs: the real ones are named; shuffled variants the text
 * extractor finds no article in are only counted (ctx). */
static void reject(void *ctx, const char *msg)
{
    if (!strncmp(msg, "variant-", 8))
        (*(int *)ctx)++;
    else
        fprintf(stderr, "eval_search: rejected %s\n", msg);
}

/* The text of path with the words of each line shuffled; NULL if it
 * cannot be read.  Header lines ("# ...") are left out. */
static char *shuffled(const char *path, uint64_t *seed, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    att_buf out = ATT_BUF_INIT;
    char line[65536];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *w[4096];
        size_t n = 0;
        for (char *t = strtok(line, " \t\r\n"); t && n < 4096; t = strtok(NULL, " \t\r\n"))
            w[n++] = t;
        for (size_t i = n; i > 1; i--) {
            size_t j = mix(seed) % i;
            char *x = w[i - 1];
            w[i - 1] = w[j];
            w[j] = x;
        }
        for (size_t i = 0; i < n; i++)
            att_buf_printf(&out, "%s%s", i ? " " : "", w[i]);
        if (n)
            att_buf_putc(&out, '\n');
    }
    fclose(f);
    *len = out.len;
    return out.data ? att_buf_steal(&out) : NULL;
}

/* Add k shuffled variants of every file of dir to the ingester. */
static int add_variants(att_ingester *g, const char *dir, int k, uint64_t *seed)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char *names[4096];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    char path[4096], err[512], name[4200];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        for (int v = 0; v < k; v++) {
            size_t len;
            char *text = shuffled(path, seed, &len);
            snprintf(name, sizeof name, "variant-%d/%s", v, names[i]);
            if (text && att_ingest_memory(g, name, text, len, "text", err, sizeof err) != ATT_OK) {
                fprintf(stderr, "eval_search: %s\n", err);
                free(text);
                return -1;
            }
            free(text);
        }
        free(names[i]);
    }
    return 0;
}

typedef struct doc {
    int64_t id;
    char *text; /* lead '\n' body */
} doc;

static int verbose = 0;

/* Rank (1-based) of id in the top 10 of attache's search; 0 if absent.
 * Verbose: the hits ranked above it. */
static int rank_attache(att_store *s, const char *q, int64_t id)
{
    att_hit *h = NULL;
    size_t n = 0;
    char err[256];
    if (att_search(s, q, 10, "", "", &h, &n, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "eval_search: %s: %s\n", q, err);
        return 0;
    }
    int r = 0;
    for (size_t i = 0; i < n && !r; i++)
        if (h[i].id == id)
            r = (int)i + 1;
    for (size_t i = 0; verbose && r != 1 && i < n && i < 3 && h[i].id != id; i++)
        printf("      above: %s (score %.0f, %.3f, %s) %s\n", h[i].source, h[i].score, h[i].rank_score,
               h[i].exact ? "exact" : "folded", h[i].snippet);
    att_hits_free(h, n);
    return r;
}

/* The plain FTS5 form of a query: each word quoted. */
static void plain_query(const char *q, att_buf *out)
{
    size_t pos = 0, a, b, n = strlen(q);
    att_buf_clear(out);
    while (att_next_word(q, n, &pos, &a, &b))
        att_buf_printf(out, "%s\"%.*s\"", out->len ? " " : "", (int)(b - a), q + a);
}

/* Rank of id in plain FTS5's bm25 top 10 (st: that statement). */
static int rank_plain(sqlite3_stmt *st, const char *q, int64_t id)
{
    att_buf fq = ATT_BUF_INIT;
    plain_query(q, &fq);
    sqlite3_bind_text(st, 1, fq.data, -1, SQLITE_TRANSIENT);
    int r = 0, i = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        i++;
        if (!r && sqlite3_column_int64(st, 0) == id)
            r = i;
    }
    sqlite3_reset(st);
    att_buf_free(&fq);
    return r;
}

/* How many articles hold the words of q in this order (plain index). */
static int phrase_count(sqlite3_stmt *st, const char *q)
{
    att_buf fq = ATT_BUF_INIT;
    size_t pos = 0, a, b, n = strlen(q);
    att_buf_putc(&fq, '"');
    while (att_next_word(q, n, &pos, &a, &b))
        att_buf_printf(&fq, "%s%.*s", fq.len > 1 ? " " : "", (int)(b - a), q + a);
    att_buf_putc(&fq, '"');
    sqlite3_bind_text(st, 1, fq.data, -1, SQLITE_TRANSIENT);
    int c = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_reset(st);
    att_buf_free(&fq);
    return c;
}

/* Draw four consecutive words of a random sentence of d into out; 0 if
 * the text has no sentence of four words. */
static int draw_words(const doc *d, uint64_t *seed, att_buf *out)
{
    const char *t = d->text;
    size_t n = strlen(t);
    /* sentences: split at . ! ? and newlines */
    size_t starts[4096], ends[4096], ns = 0, s0 = 0;
    for (size_t i = 0; i <= n && ns < 4096; i++)
        if (i == n || t[i] == '.' || t[i] == '!' || t[i] == '?' || t[i] == '\n') {
            if (i > s0) {
                starts[ns] = s0;
                ends[ns] = i;
                ns++;
            }
            s0 = i + 1;
        }
    for (int tries = 0; tries < 20 && ns; tries++) {
        size_t k = mix(seed) % ns;
        size_t ws[512], we[512], nw = 0, pos = starts[k], a, b;
        while (nw < 512 && att_next_word(t, ends[k], &pos, &a, &b)) {
            ws[nw] = a;
            we[nw] = b;
            nw++;
        }
        if (nw < QUERY_WORDS)
            continue;
        size_t f = mix(seed) % (nw - QUERY_WORDS + 1);
        att_buf_clear(out);
        for (size_t w = f; w < f + QUERY_WORDS; w++)
            att_buf_printf(out, "%s%.*s", w > f ? " " : "", (int)(we[w] - ws[w]), t + ws[w]);
        return 1;
    }
    return 0;
}

typedef struct tally {
    int top1, top10;
    double rr;
} tally;

static void count(tally *t, int r)
{
    t->top1 += r == 1;
    t->top10 += r >= 1 && r <= 10;
    t->rr += r ? 1.0 / r : 0;
}

int main(int argc, char **argv)
{
    int nq = 120, variants = 0, opt;
    uint64_t seed0 = 15;
    const char *dir = "/tmp";
    while ((opt = getopt(argc, argv, "n:s:x:o:v")) != -1) {
        if (opt == 'x')
            variants = atoi(optarg);
        else if (opt == 'n')
            nq = atoi(optarg);
        else if (opt == 's')
            seed0 = strtoull(optarg, NULL, 10);
        else if (opt == 'o')
            dir = optarg;
        else if (opt == 'v')
            verbose = 1;
        else {
            fprintf(stderr, "usage: eval_search [-n QUERIES] [-s SEED] [-x VARIANTS] [-o DBDIR] [-v] CORPUS_DIR...\n");
            return 2;
        }
    }
    if (optind >= argc || nq <= 0) {
        fprintf(stderr, "usage: eval_search [-n QUERIES] [-s SEED] [-x VARIANTS] [-o DBDIR] [-v] CORPUS_DIR...\n");
        return 2;
    }
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/eval_search_%ld.db", dir, (long)getpid());
    att_store *s = NULL;
    att_ingester *g = NULL;
    att_ingest_stats stats;
    if (att_store_open(path, &s, err, sizeof err) != ATT_OK || att_ingester_new(s, &g) != ATT_OK) {
        fprintf(stderr, "eval_search: %s\n", err);
        return 1;
    }
    int variants_rejected = 0;
    att_ingester_on_reject(g, reject, &variants_rejected);
    for (int i = optind; i < argc; i++)
        if (att_ingest_path(g, argv[i], err, sizeof err) != ATT_OK) {
            fprintf(stderr, "eval_search: %s\n", err);
            return 1;
        }
    uint64_t vseed = seed0 * 7919 + 1;
    for (int i = optind; i < argc && variants > 0; i++)
        if (add_variants(g, argv[i], variants, &vseed) != 0)
            return 1;
    if (att_ingester_finish(g, &stats, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "eval_search: %s\n", err);
        return 1;
    }
    att_ingester_free(g);

    /* the plain FTS5 table over the same extracted text */
    sqlite3 *db = att_store_db(s);
    if (sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE plain_fts USING fts5(title, lead, body,"
                     " tokenize='unicode61 remove_diacritics 2');"
                     "INSERT INTO plain_fts(rowid, title, lead, body)"
                     " SELECT id, title, lead, body FROM articles;",
                     NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "eval_search: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    doc *docs = calloc(MAX_ARTICLES, sizeof *docs);
    size_t nd = 0;
    sqlite3_stmt *st;
    /* queries are drawn from the real articles only */
    sqlite3_prepare_v2(db,
                       "SELECT id, coalesce(lead, '') || char(10) || body FROM articles"
                       " WHERE source NOT LIKE 'variant-%' ORDER BY id",
                       -1, &st, NULL);
    while (nd < MAX_ARTICLES && sqlite3_step(st) == SQLITE_ROW) {
        docs[nd].id = sqlite3_column_int64(st, 0);
        docs[nd].text = strdup((const char *)sqlite3_column_text(st, 1));
        nd++;
    }
    sqlite3_finalize(st);
    sqlite3_stmt *top, *cnt;
    sqlite3_prepare_v2(db, "SELECT rowid FROM plain_fts WHERE plain_fts MATCH ?1 ORDER BY bm25(plain_fts, 10, 4, 1) LIMIT 10",
                       -1, &top, NULL);
    sqlite3_prepare_v2(db, "SELECT count(*) FROM plain_fts WHERE plain_fts MATCH ?1", -1, &cnt, NULL);
    sqlite3_int64 total = 0;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    printf("corpus: %lld articles stored from %d director%s (%llu read, %llu duplicates, %llu rejected)\n",
           (long long)total, argc - optind, argc - optind > 1 ? "ies" : "y", (unsigned long long)stats.read,
           (unsigned long long)stats.duplicates, (unsigned long long)stats.rejected);
    if (variants > 0)
        printf("of which %lld shuffled variants (-x %d; %d variants had no article text for the extractor);"
               " queries are drawn from the %zu real articles\n",
               (long long)total - (long long)nd, variants, variants_rejected, nd);
    if (nd < 2) {
        fprintf(stderr, "eval_search: too few articles\n");
        return 1;
    }
    tally ta = {0, 0, 0}, tp = {0, 0, 0}, fa = {0, 0, 0}, fp = {0, 0, 0};
    uint64_t seed = seed0;
    att_buf q = ATT_BUF_INIT, folded = ATT_BUF_INIT;
    int made = 0, redrawn = 0;
    for (int tries = 0; made < nq && tries < nq * 50; tries++) {
        const doc *d = &docs[mix(&seed) % nd];
        if (!draw_words(d, &seed, &q))
            continue;
        if (phrase_count(cnt, q.data) != 1) { /* several articles hold it */
            redrawn++;
            continue;
        }
        att_buf_clear(&folded);
        att_fold(q.data, q.len, &folded);
        int ra = rank_attache(s, q.data, d->id), rp = rank_plain(top, q.data, d->id);
        int rfa = rank_attache(s, folded.data, d->id), rfp = rank_plain(top, folded.data, d->id);
        count(&ta, ra);
        count(&tp, rp);
        count(&fa, rfa);
        count(&fp, rfp);
        if (verbose)
            printf("  %2d %2d | %2d %2d  %s\n", ra, rp, rfa, rfp, q.data);
        made++;
    }
    printf("queries: %d known-item queries (seed %llu; %d drawn again: their words occur in more than one"
           " article), four consecutive words of a sentence, asked with accents and without\n\n",
           made, (unsigned long long)seed0, redrawn);
    printf("| system | accented top-1 | top-10 | MRR@10 | accent-free top-1 | top-10 | MRR@10 |\n");
    printf("|---|---|---|---|---|---|---|\n");
    double m = made ? made : 1;
    printf("| attache search | %.1f%% | %.1f%% | %.3f | %.1f%% | %.1f%% | %.3f |\n", 100 * ta.top1 / m,
           100 * ta.top10 / m, ta.rr / m, 100 * fa.top1 / m, 100 * fa.top10 / m, fa.rr / m);
    printf("| plain FTS5 bm25(10,4,1), unicode61 remove_diacritics 2 | %.1f%% | %.1f%% | %.3f | %.1f%% | %.1f%% |"
           " %.3f |\n",
           100 * tp.top1 / m, 100 * tp.top10 / m, tp.rr / m, 100 * fp.top1 / m, 100 * fp.top10 / m, fp.rr / m);
    int ok = ta.top1 >= tp.top1 && ta.top10 >= tp.top10 && fa.top1 >= fp.top1 && fa.top10 >= fp.top10;
    printf("target (attache >= plain bm25 on top-1 and top-10, both ways of typing): %s\n", ok ? "met" : "NOT met");
    sqlite3_finalize(top);
    sqlite3_finalize(cnt);
    att_buf_free(&q);
    att_buf_free(&folded);
    for (size_t i = 0; i < nd; i++)
        free(docs[i].text);
    free(docs);
    att_store_close(s);
    unlink(path);
    char side[4200];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return 0;
}
