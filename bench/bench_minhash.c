/*
 * bench_minhash.c - throughput and similarity figures for the text
 * signatures in src/analyze/minhash.h.
 *
 *   bench_minhash [CORPUS_DIR]
 *
 * Articles are the *.txt files of CORPUS_DIR (default: the dantri-world
 * corpus under ../shared/corpus; '#' header lines are
 * skipped, the first line is the title or a photo caption).  Without a corpus, articles are
 * generated from a fixed list of Vietnamese syllables, and the program says
 * so.  Prints:
 *   - att_minhash_text / att_simhash_text / att_text_signatures throughput
 *     on 5 KB articles;
 *   - estimator accuracy against exact Jaccard on texts of known overlap;
 *   - the similarity distribution over all pairs of corpus articles (these
 *     are different articles, so it is the false-positive side) and of
 *     teasers (title + 2 sentences) against their own and other articles;
 *   - LSH insert and query time with 100k indexed signatures.
 *
 * Build: cc -O2 -std=c17 -D_DEFAULT_SOURCE bench/bench_minhash.c
 *        build/libattache.a $(pkg-config --libs ...) -lm -lpthread -o /tmp/bm
 */
#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "../src/analyze/minhash.h"
#include "../src/util/buf.h"

typedef struct doc {
    char *text;
    size_t len;
    char *teaser; /* title + first two sentences */
    size_t tlen;
} doc;

static doc *docs;
static size_t ndocs, capdocs;


static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

/* title + the first two sentences ('.', '!' or '?' followed by a space or
 * newline) of the body */
static void make_teaser(doc *d)
{
    const char *s = d->text, *e = s + d->len;
    const char *p = memchr(s, '\n', d->len);
    p = p ? p + 1 : e;
    int sentences = 0;
    while (p < e && sentences < 2) {
        if ((*p == '.' || *p == '!' || *p == '?') && (p + 1 == e || p[1] == ' ' || p[1] == '\n'))
            sentences++;
        p++;
    }
    d->tlen = (size_t)(p - s);
    d->teaser = xmalloc(d->tlen + 1);
    memcpy(d->teaser, s, d->tlen);
    d->teaser[d->tlen] = '\0';
}

static void add_doc(char *text, size_t len)
{
    if (ndocs == capdocs) {
        capdocs = capdocs ? capdocs * 2 : 256;
        docs = realloc(docs, capdocs * sizeof *docs);
        if (!docs)
            exit(1);
    }
    doc *d = &docs[ndocs++];
    d->text = text;
    d->len = len;
    make_teaser(d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t load_corpus(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return 0;
    char **names = NULL;
    size_t nn = 0, cn = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
            continue;
        if (nn == cn) {
            cn = cn ? cn * 2 : 256;
            names = realloc(names, cn * sizeof *names);
            if (!names)
                exit(1);
        }
        names[nn++] = strdup(de->d_name);
    }
    closedir(dh);
    qsort(names, nn, sizeof *names, cmp_str);
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        free(names[i]);
        if (!f)
            continue;
        att_buf b = ATT_BUF_INIT;
        char line[65536];
        while (fgets(line, sizeof line, f))
            if (line[0] != '#' && line[0] != '\n')
                att_buf_puts(&b, line);
        fclose(f);
        if (b.len > 200)
            add_doc(att_buf_steal(&b), strlen(b.data ? b.data : ""));
        att_buf_free(&b);
    }
    free(names);
    /* att_buf_steal reset the length; recompute */
    for (size_t i = 0; i < ndocs; i++)
        docs[i].len = strlen(docs[i].text);
    return ndocs;
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

static const char *const SYL[] = {
    "của", "và", "các", "người", "Việt", "Nam", "Trung", "Quốc", "Mỹ", "Nga", "trong", "năm",
    "được", "cho", "với", "đã", "không", "này", "những", "một", "tại", "có", "ngày", "Bộ",
    "trưởng", "ngoại", "giao", "hợp", "tác", "kinh", "tế", "chính", "phủ", "quân", "sự", "an",
    "ninh", "hòa", "bình", "thủy", "sản", "khỏe", "Thủ", "tướng", "Tổng", "thống", "hội",
    "đàm", "tuyên", "bố", "chiến", "lược", "Biển", "Đông", "đảo", "phát", "triển", "quốc",
    "tế", "Liên", "Hợp", "thương", "mại", "đầu", "tư", "vốn", "thị", "trường", "Ukraine",
    "NATO", "ASEAN", "2024", "15", "ký", "kết", "thỏa", "thuận", "đối", "tác", "toàn", "diện"};

static void gen_corpus(size_t n)
{
    size_t nsyl = sizeof SYL / sizeof *SYL;
    for (size_t d = 0; d < n; d++) {
        att_buf b = ATT_BUF_INIT;
        for (int w = 0; w < 10; w++)
            att_buf_printf(&b, "%s ", SYL[rnd() % nsyl]);
        att_buf_puts(&b, "\n");
        while (b.len < 5000) {
            for (int w = 0, n2 = 8 + (int)(rnd() % 20); w < n2; w++)
                att_buf_printf(&b, w ? " %s" : "%s", SYL[rnd() % nsyl]);
            att_buf_puts(&b, rnd() % 4 ? ". " : ".\n");
        }
        size_t len = b.len;
        add_doc(att_buf_steal(&b), len);
    }
}

/* ---- throughput ---------------------------------------------------------- */

/* Cut the corpus into 5 KB articles (at a space) so every call sees the
 * target size. */
static void bench_throughput(void)
{
    att_buf all = ATT_BUF_INIT;
    for (size_t i = 0; i < ndocs; i++) {
        att_buf_append(&all, docs[i].text, docs[i].len);
        att_buf_putc(&all, '\n');
    }
    size_t nchunk = 0, *off = xmalloc((all.len / 4000 + 2) * sizeof *off),
           *len = xmalloc((all.len / 4000 + 2) * sizeof *len);
    for (size_t p = 0; p + 5000 <= all.len;) {
        size_t e = p + 5000;
        while (e < all.len && all.data[e] != ' ')
            e++;
        off[nchunk] = p;
        len[nchunk++] = e - p;
        p = e;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < nchunk; i++)
        bytes += len[i];
    printf("throughput on %zu articles of ~5 KB (%.1f MB per pass):\n", nchunk, bytes / 1e6);
    static const char *const names[] = {"att_minhash_text    k=3", "att_minhash_text    k=1",
                                        "att_simhash_text    k=3", "att_text_signatures k=3"};
    uint64_t sink = 0;
    for (int mode = 0; mode < 4; mode++) {
        double t0 = bench_now(), t;
        size_t passes = 0;
        do {
            for (size_t i = 0; i < nchunk; i++) {
                att_minhash m;
                uint64_t s = 0;
                const char *txt = all.data + off[i];
                if (mode == 0)
                    att_minhash_text(txt, len[i], 3, &m);
                else if (mode == 1)
                    att_minhash_text(txt, len[i], 1, &m);
                else if (mode == 2)
                    s = att_simhash_text(txt, len[i], 3);
                else
                    att_text_signatures(txt, len[i], 3, &m, &s);
                sink += mode == 2 ? s : m.h[i % ATT_MINHASH_K] + s;
            }
            passes++;
            t = bench_now() - t0;
        } while (t < 0.7);
        printf("  %s  %7.1f MB/s  %6.1f us/article\n", names[mode], passes * bytes / t / 1e6,
               t / (double)(passes * nchunk) * 1e6);
    }
    printf("  (checksum %" PRIu64 ")\n", sink);
    free(off);
    free(len);
    att_buf_free(&all);
}

/* ---- estimator accuracy -------------------------------------------------- */

/* Texts of distinct tokens "wN": A = [0, n), B = [n - m, 2n - m), so the
 * exact Jaccard at shingle = 1 is m / (2n - m). */
static void bench_accuracy(void)
{
    printf("estimator accuracy (shingle=1, 200 trials per row, K=%d):\n", ATT_MINHASH_K);
    static const int sizes[] = {50, 400, 3000};
    static const double js[] = {0.1, 0.3, 0.5, 0.8};
    for (size_t si = 0; si < 3; si++) {
        for (size_t ji = 0; ji < 4; ji++) {
            int n = sizes[si];
            int m = (int)(2.0 * n * js[ji] / (1.0 + js[ji]) + 0.5);
            double tj = (double)m / (2 * n - m);
            double sum = 0, sq = 0, csum = 0, card = 0;
            int trials = 200;
            for (int t = 0; t < trials; t++) {
                att_buf a = ATT_BUF_INIT, b = ATT_BUF_INIT;
                unsigned base = rnd();
                for (int i = 0; i < n; i++)
                    att_buf_printf(&a, "w%ux%d ", base, i);
                for (int i = n - m; i < 2 * n - m; i++)
                    att_buf_printf(&b, "w%ux%d ", base, i);
                att_minhash ma, mb;
                att_minhash_text(a.data, a.len, 1, &ma);
                att_minhash_text(b.data, b.len, 1, &mb);
                double e = att_minhash_jaccard(&ma, &mb);
                sum += e;
                sq += e * e;
                csum += att_minhash_containment(&ma, &mb);
                card += att_minhash_cardinality(&ma);
                att_buf_free(&a);
                att_buf_free(&b);
            }
            double mean = sum / trials, var = sq / trials - mean * mean;
            printf("  n=%4d  J=%.3f  est mean %.3f sd %.3f (binomial %.3f)  containment "
                   "true %.3f est %.3f  |A| est %.0f\n",
                   n, tj, mean, var > 0 ? sqrt(var) : 0.0,
                   sqrt(tj * (1 - tj) / ATT_MINHASH_K), (double)m / n, csum / trials,
                   card / trials);
        }
    }
}

/* ---- corpus similarity distributions ------------------------------------- */

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(const double *v, size_t n, double p)
{
    if (!n)
        return 0;
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i];
}

static void bench_pairs(void)
{
    size_t np = ndocs * (ndocs - 1) / 2;
    printf("all %zu pairs of %zu different articles (false-positive side):\n", np, ndocs);
    att_minhash *m = xmalloc(ndocs * sizeof *m);
    uint64_t *sh = xmalloc(ndocs * sizeof *sh);
    double *v = xmalloc((np ? np : 1) * sizeof *v);
    for (int k = 1; k <= 3; k++) {
        for (size_t i = 0; i < ndocs; i++)
            att_text_signatures(docs[i].text, docs[i].len, k, &m[i], &sh[i]);
        size_t n = 0, bi = 0, bj = 0;
        double best = -1;
        int hmin = 64;
        double hsum = 0;
        for (size_t i = 0; i < ndocs; i++)
            for (size_t j = i + 1; j < ndocs; j++) {
                double x = att_minhash_jaccard(&m[i], &m[j]);
                v[n++] = x;
                if (x > best) {
                    best = x;
                    bi = i;
                    bj = j;
                }
                int h = att_hamming64(sh[i], sh[j]);
                hmin = h < hmin ? h : hmin;
                hsum += h;
            }
        qsort(v, n, sizeof *v, cmp_dbl);
        printf("  k=%d  Jaccard median %.3f  p99 %.3f  p99.9 %.3f  max %.3f (docs %zu,%zu)"
               "  | simhash dist mean %.1f min %d\n",
               k, pct(v, n, 0.5), pct(v, n, 0.99), pct(v, n, 0.999), best, bi, bj,
               n ? hsum / (double)n : 0.0, hmin);
    }
    /* teasers: own article vs best other article, shingle = 3 and 1; MinHash
     * estimate and exact (att_text_overlap) */
    for (int k = 3; k >= 1; k -= 2) {
        for (size_t i = 0; i < ndocs; i++)
            att_minhash_text(docs[i].text, docs[i].len, k, &m[i]);
        double own_c = 0, own_cmin = 1, other_cmax = 0, ex_min = 1, ex_other = 0;
        size_t found = 0;
        double tex = 0;
        size_t nex = 0;
        for (size_t i = 0; i < ndocs; i++) {
            att_minhash t;
            att_minhash_text(docs[i].teaser, docs[i].tlen, k, &t);
            double c = att_minhash_containment(&t, &m[i]);
            own_c += c;
            own_cmin = c < own_cmin ? c : own_cmin;
            found += c >= 0.5;
            size_t best = i;
            double bestc = -1;
            for (size_t j = 0; j < ndocs; j++) {
                if (j == i)
                    continue;
                double oc = att_minhash_containment(&t, &m[j]);
                other_cmax = oc > other_cmax ? oc : other_cmax;
                if (oc > bestc) {
                    bestc = oc;
                    best = j;
                }
            }
            att_overlap o;
            double t1 = bench_now();
            att_text_overlap(docs[i].teaser, docs[i].tlen, docs[i].text, docs[i].len, k, &o);
            ex_min = o.contain_a < ex_min ? o.contain_a : ex_min;
            att_text_overlap(docs[i].teaser, docs[i].tlen, docs[best].text, docs[best].len, k, &o);
            ex_other = o.contain_a > ex_other ? o.contain_a : ex_other;
            tex += bench_now() - t1;
            nex += 2;
        }
        printf("  teasers k=%d: containment in own article: MinHash mean %.3f min %.3f "
               "(>= 0.5: %zu/%zu), exact min %.3f;\n"
               "               in the best other article: MinHash max %.3f, exact max %.3f"
               "  (att_text_overlap %.1f us/pair)\n",
               k, own_c / ndocs, own_cmin, found, ndocs, ex_min, other_cmax, ex_other,
               tex / (double)nex * 1e6);
    }
    free(m);
    free(sh);
    free(v);
}

/* ---- LSH ----------------------------------------------------------------- */

static void bench_lsh(void)
{
    enum { N = 100000, Q = 20000 };
    int configs[][2] = {{16, 8}, {20, 5}, {64, 2}};
    att_minhash *sig = xmalloc(ndocs * sizeof *sig);
    for (size_t i = 0; i < ndocs; i++)
        att_minhash_text(docs[i].text, docs[i].len, 3, &sig[i]);
    printf("LSH with %d signatures (the %zu corpus articles at k=3, 5%% re-posts of them, the rest "
           "random):\n",
           N, ndocs);
    for (size_t c = 0; c < sizeof configs / sizeof *configs; c++) {
        att_lsh *l = att_lsh_new(configs[c][0], configs[c][1]);
        if (!l)
            exit(1);
        att_minhash m;
        m.n_shingles = 100;
        double t0 = bench_now();
        for (int i = 0; i < N; i++) {
            if ((size_t)i < ndocs) {
                m = sig[i];
            } else if (i % 20 == 0) { /* 5%: exact re-posts of corpus articles */
                m = sig[(size_t)i / 20 % ndocs];
            } else {
                for (int k = 0; k < ATT_MINHASH_K; k++)
                    m.h[k] = rnd();
                m.n_shingles = 100;
            }
            if (att_lsh_add(l, i, &m) != ATT_OK)
                exit(1);
        }
        double tadd = bench_now() - t0;
        int64_t out[64];
        size_t cand = 0, self = 0;
        t0 = bench_now();
        for (int q = 0; q < Q; q++) {
            size_t i = (size_t)q % ndocs;
            size_t n = att_lsh_query(l, &sig[i], out, 64);
            cand += n;
            for (size_t k = 0; k < n; k++)
                self += out[k] == (int64_t)i;
        }
        double tq = bench_now() - t0;
        printf("  %2d x %d: add %.2f us/signature, query %.2f us (%.2f candidates, self found "
               "%zu/%d)\n",
               configs[c][0], configs[c][1], tadd / N * 1e6, tq / Q * 1e6,
               (double)cand / Q, self, Q);
        att_lsh_free(l);
    }
    free(sig);
}

int main(int argc, char **argv)
{
    /* an explicit directory is the only one tried */
    const char *dirs[2] = {"../shared/corpus/dantri-world", NULL};
    if (argc > 1) {
        dirs[0] = argv[1];
        dirs[1] = NULL;
    }
    for (size_t i = 0; i < 2 && !ndocs; i++)
        if (dirs[i] && load_corpus(dirs[i]))
            printf("corpus: %zu articles from %s\n", ndocs, dirs[i]);
    if (!ndocs) {
        printf("corpus: not found (tried %s%s%s); using 200 generated articles of ~5 KB "
               "(similarity figures are then not meaningful)\n",
               dirs[0], dirs[1] ? ", " : "", dirs[1] ? dirs[1] : "");
        gen_corpus(200);
    }
    size_t bytes = 0;
    for (size_t i = 0; i < ndocs; i++)
        bytes += docs[i].len;
    printf("        %.2f MB, mean %.0f bytes/article\n", bytes / 1e6, (double)bytes / ndocs);
    bench_throughput();
    bench_accuracy();
    bench_pairs();
    bench_lsh();
    for (size_t i = 0; i < ndocs; i++) {
        free(docs[i].text);
        free(docs[i].teaser);
    }
    free(docs);
    return 0;
}
