/*
 * bench_analysis.c - what the analysis stage costs at ingest, and how fast
 * the dyad and alert queries answer over a database of 1M events.
 *
 *   bench_analysis [-n ARTICLES] [-e EVENTS] [-r RUNS] [-o OUTDIR] [-k]
 *
 * (-k keeps the databases it writes, for a look with sqlite3.)
 *
 * (a) Ingest cost.  ARTICLES (default 5,000) articles are composed in
 *     memory: Vietnamese event sentences from templates ("X chỉ trích Y về
 *     ...", "X và Y hội đàm ...", "X trừng phạt Y ...", ...) over the 200
 *     country names of data/countries.tsv (Zipf-weighted, so a few pairs
 *     dominate as in real news) with numbers, between context sentences
 *     drawn from the bundled sample articles (which carry events of their
 *     own).  Unrelated articles then have a word-trigram Jaccard of median
 *     ~0.04, p99.9 ~0.16, none >= 0.3 (real different articles: 0.00 and
 *     0.09, see minhash.h), so the story threshold separates them.  25% are
 *     lightly edited copies of a recent article on another site (title
 *     suffix, last paragraph rewritten), so story clustering and event
 *     dedup have work to do; the bench counts how many land in their
 *     source's story.  They are stored into fresh databases in batches of
 *     512 per transaction, as `attache ingest` does: articles only;
 *     + extraction (att_extract + att_store_put_facts); + analysis
 *     (att_analyze_article per article, att_analyzer_finish once); then the
 *     last again with every SQLite statement timed (sqlite3_trace_v2), to
 *     show where the time goes.
 *
 * (b) A synthetic database of EVENTS (default 1,000,000) canonical events
 *     and their dyad_agg rows (day, week, month; directed levels 0-2 and
 *     undirected 3-5, as ingest keeps them), written directly with prepared
 *     statements in one transaction (the indexes of events and dyad_agg
 *     dropped during the load and rebuilt after it).  What is synthetic:
 *     200 countries (the first 25 ranks fixed: USA, CHN, RUS, ...); 3,000
 *     undirected dyads drawn with Zipf-weighted countries, USA-CHN first;
 *     daily activity Poisson with a Zipf rate over dyad rank (rate ~
 *     1/rank) and a weekend dip, over 3 years (2023-01-01 .. 2025-12-31);
 *     direction a coin flip; a conflict share per dyad regime (0.10, 0.25,
 *     0.45, 0.65), QuadClass and CAMEO code (with its Goldstein weight)
 *     drawn from it; 4% of the dyads get an injected turn toward conflict
 *     (21-42 days, conflict share +0.5, rate x1.6) in the last two years.
 *     Events point at synthetic article and story ids (3 events per
 *     article): the articles, stories, mentions and dyad_agg_stories tables
 *     stay empty and foreign keys are off during the load.  Event sentences
 *     are a short placeholder.  The random stream is reseeded, so the
 *     database is the same whatever -n is.
 *
 * (c) Latency (p50/p95/p99/max over RUNS runs, default 50, after one
 *     warm-up run; prepare + bind + step every row + read every column, as
 *     the CLI does, without printing) of the SQL and bindings the CLI uses
 *     for `attache dyads --actor USA --by month`, `attache dyads
 *     --undirected --by week --from 2025-01-01 --to 2025-03-31`, `attache
 *     timeline USA CHN --by week` (src/cli/cmd_dyads.c build_sql and
 *     run_query) and the `attache alerts` listing (src/cli/cmd_analysis.c);
 *     these copies must follow the CLI when it changes.  Then
 *     att_alerts_run over every dyad (`attache alerts --scan`) twice (new
 *     alerts, then all deduplicated), with a sample first so that a slow
 *     scan is extrapolated rather than run; how the detector's shifts
 *     match the injected turns; proposed SQL; the SQL before commit b003978
 *     on the same database; EXPLAIN QUERY PLAN of each.
 *
 * Databases go to OUTDIR (default build/bench).
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "../src/analyze/alerts.h"
#include "../src/analyze/analyze.h"
#include "../src/extract/extract.h"
#include "../src/store/facts.h"
#include "../src/store/store.h"
#include "../src/util/buf.h"
#include "../src/util/datafile.h"

/* ---- utilities ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static double urand(void) { return (double)(next() >> 11) / 9007199254740992.0; }
static double gauss(void)
{
    double u = urand(), v = urand();
    return sqrt(-2.0 * log(u > 1e-300 ? u : 1e-300)) * cos(6.283185307179586 * v);
}
static int poisson(double lam)
{
    if (lam <= 0)
        return 0;
    if (lam < 30) {
        double l = exp(-lam), p = 1;
        int k = 0;
        do {
            k++;
            p *= urand();
        } while (p > l);
        return k - 1;
    }
    double x = lam + sqrt(lam) * gauss();
    return x < 0 ? 0 : (int)lround(x);
}


/* Nearest-rank percentile of sorted v[0..n). */
static double pct(const double *v, size_t n, double p)
{
    size_t k = (size_t)ceil(p * (double)n);
    return v[k ? k - 1 : 0];
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "bench_analysis: %s: %s\n", what, msg);
    exit(1);
}

static void rm_db(const char *p)
{
    char q[4200];
    unlink(p);
    snprintf(q, sizeof q, "%s-wal", p);
    unlink(q);
    snprintf(q, sizeof q, "%s-shm", p);
    unlink(q);
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        die(sql, msg ? msg : sqlite3_errmsg(db));
}

static int64_t q_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die(sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* ---- countries ---- */

typedef struct country {
    char code[8];
    char *name; /* the common Vietnamese name */
} country;

#define N_COUNTRIES 200
static country cty[N_COUNTRIES];
static size_t n_cty;
static double cty_cdf[N_COUNTRIES];

static const char *const TOP[] = {"USA", "CHN", "RUS", "JPN", "KOR", "VNM", "IND", "FRA", "DEU",
                                  "GBR", "UKR", "ISR", "IRN", "PRK", "PHL", "AUS", "IDN", "THA",
                                  "LAO", "KHM", "MYS", "SGP", "BRA", "TUR", "SAU"};
#define N_TOP (sizeof TOP / sizeof TOP[0])

static void load_countries(void)
{
    char *d, err[256];
    size_t len;
    if (att_datafile_load("data/countries.tsv", &d, &len, err, sizeof err) != ATT_OK)
        die("countries", err);
    country all[400];
    size_t n = 0;
    for (char *l = d; l && *l && n < 400;) {
        char *e = strchr(l, '\n');
        if (e)
            *e = '\0';
        char *t1 = strchr(l, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (*l != '#' && t1 && t2 && t1 - l == 3 && strncmp(l, "code", 4)) {
            memcpy(all[n].code, l, 3);
            all[n].code[3] = '\0';
            size_t nl = strcspn(t2 + 1, "|\t");
            all[n].name = strndup(t2 + 1, nl);
            n++;
        }
        l = e ? e + 1 : NULL;
    }
    free(d);
    /* ranks: the TOP list first, then file order */
    for (size_t i = 0; i < N_TOP; i++)
        for (size_t j = 0; j < n; j++)
            if (all[j].name && !strcmp(all[j].code, TOP[i])) {
                cty[n_cty++] = all[j];
                all[j].name = NULL;
            }
    for (size_t j = 0; j < n && n_cty < N_COUNTRIES; j++)
        if (all[j].name) {
            cty[n_cty++] = all[j];
            all[j].name = NULL;
        }
    for (size_t j = 0; j < n; j++)
        free(all[j].name);
    if (n_cty < 50)
        die("countries", "too few countries in data/countries.tsv");
    double s = 0;
    for (size_t i = 0; i < n_cty; i++)
        cty_cdf[i] = (s += 1.0 / pow((double)i + 1.5, 1.1));
    for (size_t i = 0; i < n_cty; i++)
        cty_cdf[i] /= s;
}

static size_t pick_country(void)
{
    double u = urand();
    size_t lo = 0, hi = n_cty - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cty_cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void pick_pair(size_t *a, size_t *b)
{
    *a = pick_country();
    do
        *b = pick_country();
    while (*b == *a);
}

/* ---- (a) articles ---- */

static const char *const TOPICS[] = {
    "an ninh hàng hải",  "thương mại",           "năng lượng tái tạo", "biến đổi khí hậu",
    "chuyển đổi số",     "đầu tư hạ tầng",       "hợp tác quốc phòng", "giáo dục và đào tạo",
    "y tế công cộng",    "nông nghiệp công nghệ cao", "phòng chống thiên tai", "an ninh mạng",
    "khai thác dầu khí", "chuỗi cung ứng bán dẫn",   "vấn đề hạt nhân",     "hợp tác nghề cá"};
#define N_TOPICS (sizeof TOPICS / sizeof TOPICS[0])

/* {A} {B} actors, {T} topic, {N} a number */
static const char *const EVENT_T[] = {
    "{A} chỉ trích {B} về {T}, sau khi {N} tàu cá bị bắt giữ.",
    "{A} và {B} hội đàm về {T} và nhất trí thành lập {N} nhóm công tác chung.",
    "{A} trừng phạt {B} vì {T}, nhắm vào {N} cá nhân và tổ chức.",
    "{A} đe dọa {B} sau khi hai bên bất đồng về {N} điểm trong vấn đề {T}.",
    "{A} và {B} cam kết tăng cường hợp tác về {T} với tổng vốn {N} triệu USD.",
    "{A} và {B} đã ký kết thỏa thuận về {T} trị giá {N} triệu USD.",
    "{A} viện trợ {N} triệu USD cho {B} để hỗ trợ {T}.",
    "{A} lên án {B} về {T}.",
};
#define N_EVENT_T (sizeof EVENT_T / sizeof EVENT_T[0])
static const char *const FILLER_T[] = {
    "Giới quan sát cho rằng diễn biến này sẽ ảnh hưởng tới {T} trong {N} tháng tới.",
    "Theo số liệu mới nhất, kim ngạch liên quan tới {T} đã tăng {N}% so với cùng kỳ năm trước.",
    "Các chuyên gia nhận định {T} sẽ tiếp tục là chủ đề được quan tâm tại {N} diễn đàn khu vực.",
    "Dư luận trong khu vực đặc biệt quan tâm tới {T}, vấn đề ảnh hưởng tới khoảng {N} triệu người.",
    "Đây là lần thứ {N} trong năm nay vấn đề {T} được đưa ra thảo luận ở cấp bộ trưởng.",
};
#define N_FILLER_T (sizeof FILLER_T / sizeof FILLER_T[0])
static const char *const SITES[] = {"vnexpress.net", "baoquocte.vn", "tuoitre.vn", "thanhnien.vn",
                                    "dantri.com.vn", "vietnamplus.vn", "nhandan.vn", "qdnd.vn"};
#define N_SITES (sizeof SITES / sizeof SITES[0])

static void expand(att_buf *b, const char *t, const char *a, const char *bb, const char *topic, int n)
{
    for (const char *p = t; *p;) {
        if (p[0] == '{' && p[1] && p[2] == '}') {
            if (p[1] == 'A')
                att_buf_puts(b, a);
            else if (p[1] == 'B')
                att_buf_puts(b, bb);
            else if (p[1] == 'T')
                att_buf_puts(b, topic);
            else
                att_buf_printf(b, "%d", n);
            p += 3;
        } else {
            att_buf_append(b, p++, 1);
        }
    }
}

static void event_sentence(att_buf *b)
{
    size_t x, y;
    pick_pair(&x, &y);
    expand(b, EVENT_T[next() % N_EVENT_T], cty[x].name, cty[y].name, TOPICS[next() % N_TOPICS],
           2 + (int)(next() % 900));
}

static void filler_sentence(att_buf *b)
{
    expand(b, FILLER_T[next() % N_FILLER_T], "", "", TOPICS[next() % N_TOPICS], 2 + (int)(next() % 90));
}

/* Sentences of the bundled sample articles' paragraphs: the context
 * around the template events.  Articles draw a few of ~1,500, so two
 * unrelated articles rarely share one, and their word-trigram Jaccard stays
 * near that of real different articles (the templates' fixed words are most
 * of what they share). */
static char **samples;
static size_t n_samples;
static void harvest_samples(void)
{
    const char *name, *d;
    size_t len;
    for (size_t i = 0; (name = att_datafile_embedded("samples/", i, &d, &len)); i++) {
        if (!strstr(name, ".txt"))
            continue;
        for (size_t p = 0; p < len;) {
            size_t q = p;
            while (q < len && d[q] != '\n')
                q++;
            if (q - p > 160 && d[q - 1] == '.') { /* a body paragraph: split into sentences */
                for (size_t a = p; a < q;) {
                    size_t e = a;
                    while (e < q && !(d[e] == '.' && (e + 1 == q || d[e + 1] == ' ')))
                        e++;
                    if (e < q && e + 1 - a >= 50) {
                        samples = realloc(samples, (n_samples + 1) * sizeof *samples);
                        samples[n_samples++] = strndup(d + a, e + 1 - a);
                    }
                    a = e + 2;
                }
            }
            p = q + 1;
        }
    }
}

/* A context sentence: from the samples, else a template. */
static void context_sentence(att_buf *b)
{
    if (n_samples)
        att_buf_puts(b, samples[next() % n_samples]);
    else
        filler_sentence(b);
}

static void add_para(att_article *a, att_buf *b)
{
    att_article_add_para(a, b->data, b->len, ATT_PARA_TEXT);
    b->len = 0;
}

static void compose(att_article *a, size_t k, int32_t day)
{
    att_article_init(a);
    char iso[11], url[256];
    att_day_iso(day, iso);
    att_article_set(&a->published, iso, (size_t)-1);
    size_t x, y;
    pick_pair(&x, &y);
    const char *topic = TOPICS[next() % N_TOPICS];
    att_buf b = ATT_BUF_INIT;
    att_buf_printf(&b, "Diễn biến mới trong quan hệ %s - %s về %s", cty[x].name, cty[y].name, topic);
    att_article_set(&a->title, b.data, b.len);
    b.len = 0;
    snprintf(url, sizeof url, "https://%s/the-gioi/bai-%zu.html", SITES[next() % N_SITES], k);
    att_article_set(&a->url, url, (size_t)-1);
    att_article_set(&a->source, url, (size_t)-1);
    /* lead paragraph: the main event, then context */
    expand(&b, EVENT_T[next() % N_EVENT_T], cty[x].name, cty[y].name, topic, 2 + (int)(next() % 900));
    att_buf_puts(&b, " ");
    context_sentence(&b);
    add_para(a, &b);
    int np = 2 + (int)(next() % 3);
    for (int i = 0; i < np; i++) {
        event_sentence(&b);
        att_buf_puts(&b, " ");
        context_sentence(&b);
        if (next() % 3 == 0) {
            att_buf_puts(&b, " ");
            event_sentence(&b);
        }
        add_para(a, &b);
    }
    context_sentence(&b);
    att_buf_puts(&b, " ");
    filler_sentence(&b);
    add_para(a, &b);
    att_buf_free(&b);
}

/* A copy of src on another site: another URL, one word in the title, the
 * closing paragraph rewritten. */
static void copy_of(att_article *a, const att_article *src, size_t k)
{
    att_article_init(a);
    char url[256], title[512];
    const char *h = strstr(src->url, "://") + 3;
    size_t site = 0;
    for (size_t i = 0; i < N_SITES; i++)
        if (!strncmp(h, SITES[i], strlen(SITES[i])))
            site = i;
    snprintf(url, sizeof url, "https://%s/tin-tuc/ban-sao-%zu.html", SITES[(site + 1 + next() % (N_SITES - 1)) % N_SITES],
             k);
    att_article_set(&a->url, url, (size_t)-1);
    att_article_set(&a->source, url, (size_t)-1);
    snprintf(title, sizeof title, "%s (cập nhật)", src->title);
    att_article_set(&a->title, title, (size_t)-1);
    att_article_set(&a->published, src->published, (size_t)-1);
    for (size_t i = 0; i + 1 < src->n_paras; i++)
        att_article_add_para(a, src->paras[i].text, (size_t)-1, ATT_PARA_TEXT);
    att_buf b = ATT_BUF_INIT;
    context_sentence(&b);
    att_buf_puts(&b, " ");
    filler_sentence(&b);
    add_para(a, &b);
    att_buf_free(&b);
}

/* Per-statement SQLite time (SQLITE_TRACE_PROFILE) during a profiled run. */
typedef struct sql_prof {
    char *sql;
    double ns;
    long n;
} sql_prof;
static sql_prof prof[512];
static size_t n_prof;

static int on_profile(unsigned mask, void *ctx, void *p, void *x)
{
    (void)ctx;
    if (mask != SQLITE_TRACE_PROFILE)
        return 0;
    const char *sql = sqlite3_sql((sqlite3_stmt *)p);
    if (!sql)
        return 0;
    size_t i = 0;
    while (i < n_prof && strcmp(prof[i].sql, sql))
        i++;
    if (i == n_prof) {
        if (n_prof == sizeof prof / sizeof *prof)
            return 0;
        prof[n_prof++].sql = strdup(sql);
    }
    prof[i].ns += (double)*(sqlite3_int64 *)x;
    prof[i].n++;
    return 0;
}

static int cmp_prof(const void *a, const void *b)
{
    double x = ((const sql_prof *)a)->ns, y = ((const sql_prof *)b)->ns;
    return x > y ? -1 : x < y;
}

typedef struct ingest_result {
    double secs, analyze_secs, finish_secs;
    size_t n_alerts;
} ingest_result;

/* stage 0 = articles only, 1 = + extraction, 2 = + analysis, 3 = 2 with
 * per-statement profiling */
static ingest_result run_ingest(const char *path, att_article *arts, size_t n, int stage, att_lexicon *lx)
{
    rm_db(path);
    att_store *s;
    char err[512];
    if (att_store_open(path, &s, err, sizeof err) != ATT_OK)
        die(path, err);
    if (stage == 3) {
        sqlite3_trace_v2(att_store_db(s), SQLITE_TRACE_PROFILE, on_profile, NULL);
        stage = 2;
    }
    ingest_result r = {0, 0, 0, 0};
    double t0 = bench_now();
    att_analyzer *an = NULL;
    if (stage == 2 && att_analyzer_open(s, &an, err, sizeof err) != ATT_OK)
        die("analyzer", err);
    for (size_t k = 0; k < n; k++) {
        if (k % 512 == 0 && att_store_begin(s, err, sizeof err) != ATT_OK)
            die("begin", err);
        int64_t id;
        int was_new;
        if (att_store_put_article(s, &arts[k], &id, &was_new, err, sizeof err) != ATT_OK)
            die("put_article", err);
        if (was_new && stage >= 1) {
            att_extraction x;
            if (att_extract(lx, &arts[k], &x) != ATT_OK)
                die("extract", "failed");
            att_status st = att_store_put_facts(s, id, &arts[k], lx, &x, err, sizeof err);
            att_extraction_free(&x);
            if (st != ATT_OK)
                die("put_facts", err);
            if (an) {
                double ta = bench_now();
                if (att_analyze_article(an, id, &arts[k], err, sizeof err) != ATT_OK)
                    die("analyze", err);
                r.analyze_secs += bench_now() - ta;
            }
        }
        if ((k % 512 == 511 || k + 1 == n) && att_store_commit(s, err, sizeof err) != ATT_OK)
            die("commit", err);
    }
    if (an) {
        double tf = bench_now();
        if (att_analyzer_finish(an, NULL, &r.n_alerts, err, sizeof err) != ATT_OK)
            die("analyzer_finish", err);
        r.finish_secs = bench_now() - tf;
        att_analyzer_free(an);
    }
    r.secs = bench_now() - t0;
    att_store_close(s);
    return r;
}

static int keep_dbs; /* -k: leave the databases in OUTDIR */

static void part_a(const char *outdir, size_t n)
{
    att_lexicon *lx;
    char err[512];
    if (att_lexicon_load(&lx, err, sizeof err) != ATT_OK)
        die("lexicon", err);
    harvest_samples();
    att_article *arts = calloc(n, sizeof *arts);
    size_t *orig = calloc(n, sizeof *orig), n_orig = 0, n_copies = 0, bytes = 0;
    int32_t start = att_day_of("2024-03-01");
    for (size_t k = 0; k < n; k++) {
        if (n_orig >= 10 && next() % 4 == 0) {
            copy_of(&arts[k], &arts[orig[n_orig - 1 - next() % 8]], k);
            n_copies++;
        } else {
            compose(&arts[k], k, start + (int32_t)(k * 60 / n));
            orig[n_orig++] = k;
        }
        for (size_t i = 0; i < arts[k].n_paras; i++)
            bytes += strlen(arts[k].paras[i].text);
    }
    printf("## (a) analysis at ingest\n\n");
    printf("%zu articles composed in memory (%zu lightly edited copies on other sites), 60 days,"
           " mean %.1f KB of body; context from %zu sample sentences; batches of 512 per transaction\n\n",
           n, n_copies, (double)bytes / (double)n / 1e3, n_samples);
    char p0[4200], p1[4200], p2[4200];
    snprintf(p0, sizeof p0, "%s/analysis-ingest-0.db", outdir);
    snprintf(p1, sizeof p1, "%s/analysis-ingest-1.db", outdir);
    snprintf(p2, sizeof p2, "%s/analysis-ingest-2.db", outdir);
    ingest_result r0 = run_ingest(p0, arts, n, 0, lx);
    ingest_result r1 = run_ingest(p1, arts, n, 1, lx);
    ingest_result r2 = run_ingest(p2, arts, n, 2, lx);
    printf("| ingest %zu articles, one core | seconds | articles/s |\n|---|---|---|\n", n);
    printf("| store articles only | %.2f | %.0f |\n", r0.secs, (double)n / r0.secs);
    printf("| + extraction (att_extract + att_store_put_facts) | %.2f | %.0f |\n", r1.secs, (double)n / r1.secs);
    printf("| + analysis (att_analyze_article + att_analyzer_finish) | %.2f | %.0f |\n\n", r2.secs,
           (double)n / r2.secs);
    printf("analysis overhead over extraction: %+.1f%% of ingest time (%.0f µs per article: "
           "att_analyze_article %.0f µs, att_analyzer_finish %.1f ms once)\n",
           100.0 * (r2.secs - r1.secs) / r1.secs, 1e6 * (r2.secs - r1.secs) / (double)n,
           1e6 * r2.analyze_secs / (double)n, 1e3 * r2.finish_secs);
    sqlite3 *db;
    if (sqlite3_open(p2, &db) != SQLITE_OK)
        die(p2, "cannot open");
    printf("analysis result: %lld stories (%lld with copies), %lld events of which %lld duplicates, "
           "%lld dyad_agg rows, %lld commitments (%lld linked), %zu alerts\n",
           (long long)q_int(db, "SELECT count(*) FROM stories"),
           (long long)q_int(db, "SELECT count(*) FROM stories WHERE n_articles > 1"),
           (long long)q_int(db, "SELECT count(*) FROM events"),
           (long long)q_int(db, "SELECT count(*) FROM events WHERE dup_of IS NOT NULL"),
           (long long)q_int(db, "SELECT count(*) FROM dyad_agg"),
           (long long)q_int(db, "SELECT count(*) FROM commitments"),
           (long long)q_int(db, "SELECT count(*) FROM commitments WHERE status <> 'open'"), r2.n_alerts);
    printf("copies in their source's story: %lld of %zu\n",
           (long long)q_int(db, "SELECT count(*) FROM articles c JOIN articles o ON c.title = o.title || ' (cập nhật)'"
                                " JOIN article_sigs sc ON sc.article_id = c.id JOIN article_sigs so ON so.article_id = o.id"
                                " WHERE sc.story_id = so.story_id"),
           n_copies);
    sqlite3_close(db);
    /* where the time goes: the analysis run again, each statement timed */
    double t_all = run_ingest(p2, arts, n, 3, lx).secs, t_sql = 0;
    for (size_t i = 0; i < n_prof; i++)
        t_sql += prof[i].ns / 1e9;
    qsort(prof, n_prof, sizeof *prof, cmp_prof);
    printf("\nprofiled run (sqlite3_trace_v2 SQLITE_TRACE_PROFILE): %.2f s, of which %.2f s in SQLite statements;"
           " the 10 costliest (a statement stepped in a loop that runs others counts their time too: the two"
           " per-article event SELECTs are the outer loops of commitments and of dedup + dyads):\n\n"
           "| statement | runs | total s | µs per run |\n|---|---|---|---|\n", t_all, t_sql);
    for (size_t i = 0; i < n_prof && i < 10; i++) {
        printf("| `");
        for (const char *c = prof[i].sql; *c && c - prof[i].sql < 110; c++)
            putchar(*c == '|' ? '/' : *c == '\n' ? ' ' : *c);
        printf("%s` | %ld | %.2f | %.1f |\n", strlen(prof[i].sql) > 110 ? "..." : "", prof[i].n, prof[i].ns / 1e9,
               prof[i].ns / 1e3 / (double)prof[i].n);
    }
    printf("\n");
    for (size_t i = 0; i < n_prof; i++)
        free(prof[i].sql);
    if (!keep_dbs) {
        rm_db(p0);
        rm_db(p1);
        rm_db(p2);
    }
    for (size_t k = 0; k < n; k++)
        att_article_free(&arts[k]);
    free(arts);
    free(orig);
    att_lexicon_free(lx);
}

/* ---- (b) the synthetic 1M-event database ---- */

#define N_DYADS 3000
#define FIRST_DAY "2023-01-01"
#define N_DAYS 1096 /* 2023-01-01 .. 2025-12-31 */

typedef struct dyad {
    size_t a, b;       /* country indexes, cty[a].code < cty[b].code */
    double rate;       /* mean events per day */
    double conflict;   /* regime conflict share */
    int32_t shift_day; /* first day of an injected turn, -1 = none */
    int shift_len;
} dyad;

typedef struct cameo_w {
    const char *code, *root;
    double goldstein;
} cameo_w;
/* per QuadClass: codes and their Goldstein weights (CAMEO) */
static const cameo_w CAMEO_Q[4][4] = {
    {{"040", "04", 1.0}, {"043", "04", 2.8}, {"046", "04", 7.0}, {"057", "05", 8.0}},
    {{"061", "06", 6.4}, {"071", "07", 7.4}, {"070", "07", 7.0}, {"061", "06", 6.4}},
    {{"111", "11", -2.0}, {"112", "11", -2.0}, {"130", "13", -4.4}, {"128", "12", -4.0}},
    {{"163", "16", -8.0}, {"173", "17", -5.0}, {"190", "19", -10.0}, {"172", "17", -5.0}},
};

typedef struct agg {
    int n, q[4], stories;
    double g, t;
} agg;

static dyad *dyads;

static void put_agg(sqlite3_stmt *st, int level, const char *a1, const char *a2, int32_t period, const agg *g)
{
    if (!g->n)
        return;
    sqlite3_bind_int(st, 1, level);
    sqlite3_bind_text(st, 2, a1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a2, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, period);
    sqlite3_bind_int(st, 5, g->n);
    for (int k = 0; k < 4; k++)
        sqlite3_bind_int(st, 6 + k, g->q[k]);
    sqlite3_bind_double(st, 10, g->g);
    sqlite3_bind_double(st, 11, g->t);
    sqlite3_bind_int(st, 12, g->stories);
    if (sqlite3_step(st) != SQLITE_DONE)
        die("dyad_agg insert", sqlite3_errmsg(sqlite3_db_handle(st)));
    sqlite3_reset(st);
}

static void make_dyads(size_t n_events)
{
    dyads = calloc(N_DYADS, sizeof *dyads);
    static unsigned char used[N_COUNTRIES][N_COUNTRIES];
    double zsum = 0;
    for (size_t r = 0; r < N_DYADS; r++)
        zsum += 1.0 / (double)(r + 1);
    /* the weekly cycle below averages (5 x 1.1 + 2 x 0.6) / 7 of the rate */
    double c = (double)n_events * 1.01 / ((double)N_DAYS * zsum * (5 * 1.1 + 2 * 0.6) / 7);
    static const double REGIMES[4] = {0.10, 0.25, 0.45, 0.65};
    for (size_t r = 0; r < N_DYADS; r++) {
        size_t x, y;
        if (r == 0) {
            x = 0; /* USA */
            y = 1; /* CHN */
        } else {
            do
                pick_pair(&x, &y);
            while (used[x][y]);
        }
        used[x][y] = used[y][x] = 1;
        dyad *d = &dyads[r];
        d->a = strcmp(cty[x].code, cty[y].code) < 0 ? x : y;
        d->b = d->a == x ? y : x;
        d->rate = c / (double)(r + 1);
        d->conflict = REGIMES[next() % 4];
        d->shift_day = -1;
        if (next() % 25 == 0) {
            d->shift_day = att_day_of(FIRST_DAY) + 365 + (int32_t)(next() % (N_DAYS - 365 - 45));
            d->shift_len = 21 + (int)(next() % 22);
        }
    }
}

/* Drop the indexes of table (remembering their SQL into sqls). */
static size_t drop_indexes(sqlite3 *db, const char *table, char **sqls, size_t cap)
{
    sqlite3_stmt *st;
    size_t n = 0;
    char names[32][128];
    if (sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1"
                               " AND sql IS NOT NULL",
                           -1, &st, NULL) != SQLITE_OK)
        die("indexes", sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW && n < cap && n < 32) {
        snprintf(names[n], sizeof names[n], "%s", (const char *)sqlite3_column_text(st, 0));
        sqls[n++] = strdup((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < n; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "DROP INDEX %.128s", names[i]);
        exec(db, sql);
    }
    return n;
}

static void part_b(const char *path, size_t n_events)
{
    rm_db(path);
    att_store *s;
    char err[512];
    if (att_store_open(path, &s, err, sizeof err) != ATT_OK) /* the schema, all migrations */
        die(path, err);
    att_store_close(s);
    double t0 = bench_now();
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        die(path, "cannot open");
    exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;"
             " PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
    char *idx[64];
    size_t n_idx = drop_indexes(db, "events", idx, 32);
    n_idx += drop_indexes(db, "dyad_agg", idx + n_idx, 32);
    rng = 0x2545F4914F6CDD1Dull; /* the same database whatever part (a) drew */
    make_dyads(n_events);
    sqlite3_stmt *ev, *ag;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO events(article_id, date, date_precision, date_source, a1_code, a1_name,"
                           " a1_country, a1_type, a2_code, a2_name, a2_country, a2_type, cameo, root, quad,"
                           " goldstein, modality, confidence, sentence, span_start, span_end, day, story_id,"
                           " num_articles, num_sources) VALUES(?1, ?2, 'day', 'article', ?3, ?4, ?3, 'country',"
                           " ?5, ?6, ?5, 'country', ?7, ?8, ?9, ?10, 'realized', 0.8, ?11, 0, 40, ?12, ?13, ?14, ?15)",
                           -1, &ev, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO dyad_agg(level, a1, a2, period, n, q1, q2, q3, q4, goldstein_sum, tone_sum,"
                           " n_stories) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                           -1, &ag, NULL) != SQLITE_OK)
        die("prepare", sqlite3_errmsg(db));
    const int32_t first = att_day_of(FIRST_DAY), week0 = first - ((first % 7) + 7 + 3) % 7;
    const int n_weeks = (first + N_DAYS - week0) / 7 + 1;
    /* month index and first day of each day's month */
    int month_idx[N_DAYS];
    int32_t month_start[40];
    int n_months = 0;
    for (int i = 0; i < N_DAYS; i++) {
        char iso[11];
        att_day_iso(first + i, iso);
        if (iso[8] == '0' && iso[9] == '1')
            month_start[n_months++] = first + i;
        month_idx[i] = n_months - 1;
    }
    char dates[N_DAYS][11];
    for (int i = 0; i < N_DAYS; i++)
        att_day_iso(first + i, dates[i]);
    /* dir 0: a -> b, 1: b -> a (levels 0-2); 2: undirected a < b (levels 3-5) */
    agg *wk = calloc(3 * (size_t)n_weeks, sizeof *wk), mo[3][40];
    exec(db, "BEGIN");
    int64_t article = 1, n_ev = 0, n_rows = 0;
    for (size_t r = 0; r < N_DYADS; r++) {
        const dyad *d = &dyads[r];
        const country *ca = &cty[d->a], *cb = &cty[d->b];
        memset(wk, 0, 3 * (size_t)n_weeks * sizeof *wk);
        memset(mo, 0, sizeof mo);
        for (int i = 0; i < N_DAYS; i++) {
            int32_t day = first + i;
            int weekend = (day + 3) % 7 >= 5; /* Saturday, Sunday */
            double rate = d->rate * (weekend ? 0.6 : 1.1), cs = d->conflict;
            if (d->shift_day >= 0 && day >= d->shift_day && day < d->shift_day + d->shift_len) {
                rate *= 1.6;
                cs = cs + 0.5 > 0.92 ? 0.92 : cs + 0.5;
            }
            int n = poisson(rate);
            agg dd[3];
            memset(dd, 0, sizeof dd);
            int in_article[2] = {3, 3};
            for (int e = 0; e < n; e++) {
                int dir = (int)(next() & 1);
                int quad = urand() < cs ? (urand() < 0.7 ? 3 : 4) : (urand() < 0.7 ? 1 : 2);
                const cameo_w *cw = &CAMEO_Q[quad - 1][next() % 4];
                double tone = quad >= 3 ? -3.0 - 3.0 * urand() : 0.5 + 2.0 * urand();
                const country *a1 = dir ? cb : ca, *a2 = dir ? ca : cb;
                if (in_article[dir] == 3) { /* a new synthetic article (and story) */
                    in_article[dir] = 0;
                    article++;
                    dd[dir].stories++;
                }
                in_article[dir]++;
                sqlite3_bind_int64(ev, 1, article);
                sqlite3_bind_text(ev, 2, dates[i], 10, SQLITE_STATIC);
                sqlite3_bind_text(ev, 3, a1->code, -1, SQLITE_STATIC);
                sqlite3_bind_text(ev, 4, a1->name, -1, SQLITE_STATIC);
                sqlite3_bind_text(ev, 5, a2->code, -1, SQLITE_STATIC);
                sqlite3_bind_text(ev, 6, a2->name, -1, SQLITE_STATIC);
                sqlite3_bind_text(ev, 7, cw->code, -1, SQLITE_STATIC);
                sqlite3_bind_text(ev, 8, cw->root, -1, SQLITE_STATIC);
                sqlite3_bind_int(ev, 9, quad);
                sqlite3_bind_double(ev, 10, cw->goldstein);
                sqlite3_bind_text(ev, 11, "(synthetic event, bench_analysis)", -1, SQLITE_STATIC);
                sqlite3_bind_int(ev, 12, day);
                sqlite3_bind_int64(ev, 13, article);
                int na = 1 + (int)(next() % 3);
                sqlite3_bind_int(ev, 14, na);
                sqlite3_bind_int(ev, 15, 1 + (int)(next() % (unsigned)na));
                if (sqlite3_step(ev) != SQLITE_DONE)
                    die("events insert", sqlite3_errmsg(db));
                sqlite3_reset(ev);
                n_ev++;
                agg *g = &dd[dir];
                g->n++;
                g->q[quad - 1]++;
                g->g += cw->goldstein;
                g->t += tone;
            }
            dd[2] = dd[0];
            dd[2].n += dd[1].n;
            for (int k = 0; k < 4; k++)
                dd[2].q[k] += dd[1].q[k];
            dd[2].g += dd[1].g;
            dd[2].t += dd[1].t;
            dd[2].stories += dd[1].stories;
            for (int dir = 0; dir < 3; dir++) {
                const agg *g = &dd[dir];
                if (!g->n)
                    continue;
                const char *a1 = dir == 1 ? cb->code : ca->code, *a2 = dir == 1 ? ca->code : cb->code;
                put_agg(ag, dir == 2 ? 3 : 0, a1, a2, day, g);
                n_rows++;
                agg *targets[2] = {&wk[dir * n_weeks + (day - week0) / 7], &mo[dir][month_idx[i]]};
                for (int t = 0; t < 2; t++) {
                    targets[t]->n += g->n;
                    for (int k = 0; k < 4; k++)
                        targets[t]->q[k] += g->q[k];
                    targets[t]->g += g->g;
                    targets[t]->t += g->t;
                    targets[t]->stories += g->stories;
                }
            }
        }
        for (int dir = 0; dir < 3; dir++) {
            const char *a1 = dir == 1 ? cb->code : ca->code, *a2 = dir == 1 ? ca->code : cb->code;
            int up = dir == 2 ? 3 : 0;
            for (int w = 0; w < n_weeks; w++)
                if (wk[dir * n_weeks + w].n) {
                    put_agg(ag, 1 + up, a1, a2, week0 + 7 * w, &wk[dir * n_weeks + w]);
                    n_rows++;
                }
            for (int m = 0; m < n_months; m++)
                if (mo[dir][m].n) {
                    put_agg(ag, 2 + up, a1, a2, month_start[m], &mo[dir][m]);
                    n_rows++;
                }
        }
    }
    sqlite3_finalize(ev);
    sqlite3_finalize(ag);
    double t_rows = bench_now() - t0;
    for (size_t i = 0; i < n_idx; i++) {
        exec(db, idx[i]);
        free(idx[i]);
    }
    /* the list of each level's dyads, which ingest keeps as it adds rows */
    exec(db, "INSERT OR IGNORE INTO dyad_list SELECT DISTINCT level, a1, a2 FROM dyad_agg");
    exec(db, "COMMIT");
    double t_idx = bench_now() - t0 - t_rows;
    exec(db, "PRAGMA journal_mode=WAL");
    sqlite3_close(db);
    free(wk);
    struct stat sb;
    stat(path, &sb);
    size_t n_shifted = 0;
    for (size_t r = 0; r < N_DYADS; r++)
        n_shifted += dyads[r].shift_day >= 0;
    printf("## (b) synthetic database\n\n");
    printf("%lld events, %lld dyad_agg rows (day/week/month, directed and undirected), %d dyads over %zu countries, %d days from %s; "
           "%zu dyads with an injected turn toward conflict\n",
           (long long)n_ev, (long long)n_rows, N_DYADS, n_cty, N_DAYS, FIRST_DAY, n_shifted);
    printf("built in %.1f s (rows %.1f s, %zu indexes rebuilt %.1f s); %.0f MB; busiest dyad %s-%s %.0f events/day,"
           " quietest %.2f/day\n\n",
           t_rows + t_idx, t_rows, n_idx, t_idx, (double)sb.st_size / 1e6, cty[dyads[0].a].code, cty[dyads[0].b].code,
           dyads[0].rate, dyads[N_DYADS - 1].rate);
}

/* ---- (c) queries ---- */

/* the dyad queries, from the same builder the CLI uses */
static char *SQL_ALL, *SQL_ACTOR, *SQL_PAIR;

/* src/cli/cmd_analysis.c, verbatim */
static const char *SQL_ALERTS = "SELECT id, kind, actors, day, score, summary, evidence FROM alerts"
                                " WHERE day >= ?1 ORDER BY day, id LIMIT ?2";
/* src/analyze/alerts.c run_dyad(), verbatim: a dyad's daily series, and
 * the evidence of an alert */
static const char *SQL_SERIES = "SELECT period, n, q3 + q4, goldstein_sum FROM dyad_agg"
                                " WHERE level = 3 AND a1 = ?1 AND a2 = ?2 ORDER BY period";
static const char *SQL_EVIDENCE = "SELECT id, article_id FROM ("
                                  " SELECT id, article_id, goldstein FROM events WHERE a1_country = ?1 AND a2_country = ?2"
                                  "  AND day BETWEEN ?3 AND ?4 AND dup_of IS NULL"
                                  " UNION ALL"
                                  " SELECT id, article_id, goldstein FROM events WHERE a1_country = ?2 AND a2_country = ?1"
                                  "  AND day BETWEEN ?3 AND ?4 AND dup_of IS NULL)"
                                  " ORDER BY goldstein * ?5, id LIMIT 8";

/* The same queries before commit b003978 (OR over both directions, merged at
 * query time from the directed levels 0-2), for comparison on the same
 * database.  dyad_agg is WITHOUT ROWID, and SQLite's OR-by-union plan is for
 * rowid tables only; "?4 IS NULL OR ..." terms rule index use out anyway,
 * so these scanned the table or the whole (level, period) index. */
static const char *OLD_DIRECTED =
    "SELECT a1, a2, period, n, q1, q2, q3, q4, goldstein_sum, tone_sum, n_stories FROM dyad_agg"
    " WHERE level = ?1 AND period BETWEEN ?2 AND ?3 AND (?4 IS NULL OR a1 = ?4 OR a2 = ?4)"
    " AND (?5 IS NULL OR (a1 = ?5 AND a2 = ?6) OR (a1 = ?6 AND a2 = ?5))"
    " ORDER BY a1, a2, period LIMIT ?7";
static const char *OLD_UNDIRECTED =
    "SELECT min(a1, a2), max(a1, a2), period, sum(n), sum(q1), sum(q2), sum(q3), sum(q4),"
    " sum(goldstein_sum), sum(tone_sum), sum(n_stories) FROM dyad_agg"
    " WHERE level = ?1 AND period BETWEEN ?2 AND ?3 AND (?4 IS NULL OR a1 = ?4 OR a2 = ?4)"
    " AND (?5 IS NULL OR (a1 = ?5 AND a2 = ?6) OR (a1 = ?6 AND a2 = ?5))"
    " GROUP BY min(a1, a2), max(a1, a2), period ORDER BY 1, 2, 3 LIMIT ?7";
static const char *OLD_SERIES = "SELECT period, sum(n), sum(q3 + q4), sum(goldstein_sum) FROM dyad_agg"
                                " WHERE level = 0 AND ((a1 = ?1 AND a2 = ?2) OR (a1 = ?2 AND a2 = ?1))"
                                " GROUP BY period ORDER BY period";
static const char *OLD_EVIDENCE =
    "SELECT id, article_id FROM events WHERE dup_of IS NULL AND day BETWEEN ?3 AND ?4"
    " AND ((a1_country = ?1 AND a2_country = ?2) OR (a1_country = ?2 AND a2_country = ?1))"
    " ORDER BY goldstein * ?5, id LIMIT 8";

typedef struct bindv {
    char type; /* 'i' integer, 't' text, 0 = null */
    int64_t i;
    const char *t;
} bindv;

typedef struct qres {
    double p50, p95, p99, max;
    long rows;
} qres;

static qres time_query(sqlite3 *db, const char *sql, const bindv *b, int nb, int runs)
{
    double *t = malloc((size_t)runs * sizeof *t);
    qres r = {0, 0, 0, 0, 0};
    for (int run = -1; run < runs; run++) { /* run -1 warms the cache */
        double t0 = bench_now();
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
            die(sql, sqlite3_errmsg(db));
        for (int k = 0; k < nb; k++) {
            if (b[k].type == 'i')
                sqlite3_bind_int64(st, k + 1, b[k].i);
            else if (b[k].type == 't')
                sqlite3_bind_text(st, k + 1, b[k].t, -1, SQLITE_STATIC);
        }
        long rows = 0;
        size_t sink = 0;
        int nc = sqlite3_column_count(st);
        while (sqlite3_step(st) == SQLITE_ROW) {
            rows++;
            for (int c = 0; c < nc; c++) {
                if (sqlite3_column_type(st, c) == SQLITE_TEXT)
                    sink += (size_t)sqlite3_column_bytes(st, c);
                else
                    sink += (size_t)sqlite3_column_int64(st, c);
            }
            if (nc > 2) {
                char iso[11];
                att_day_iso(sqlite3_column_int(st, 2), iso); /* the CLI formats each period */
                sink += (size_t)iso[9];
            }
        }
        sqlite3_finalize(st);
        if (run >= 0)
            t[run] = (bench_now() - t0) * 1e3;
        r.rows = rows;
        if (sink == 1)
            fputc(' ', stderr); /* keep the reads */
    }
    qsort(t, (size_t)runs, sizeof *t, bench_cmp_double);
    r.p50 = pct(t, (size_t)runs, 0.50);
    r.p95 = pct(t, (size_t)runs, 0.95);
    r.p99 = pct(t, (size_t)runs, 0.99);
    r.max = t[runs - 1];
    free(t);
    return r;
}

static void print_row(const char *label, qres r, int target)
{
    printf("| %s | %ld | %.2f | %.2f | %.2f | %.2f | %s |\n", label, r.rows, r.p50, r.p95, r.p99, r.max,
           !target ? "-" : r.p95 < 50 ? "yes" : "**no**");
}

static void plan(sqlite3 *db, const char *label, const char *sql)
{
    char q[2048];
    snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
        die(q, sqlite3_errmsg(db));
    printf("%s:\n", label);
    while (sqlite3_step(st) == SQLITE_ROW)
        printf("    %s\n", (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
}

/* A dyad's key as the scan forms it: "min|max". */
static void dyad_key(const dyad *d, char key[40]) { snprintf(key, 40, "%s|%s", cty[d->a].code, cty[d->b].code); }

typedef struct found_shift {
    size_t dyad;
    att_shift sh;
} found_shift;

/* What att_alerts_run does per dyad minus storing alerts - read the series
 * and run the detector - for every dyad.  Returns seconds; the shifts go
 * to *out. */
static double detect_all(sqlite3 *db, const att_detect_params *p, found_shift **out, size_t *n_out)
{
    double t0 = bench_now();
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, SQL_SERIES, -1, &st, NULL) != SQLITE_OK)
        die("series", sqlite3_errmsg(db));
    att_day_obs *obs = malloc((N_DAYS + 8) * sizeof *obs);
    att_shift sh[256];
    size_t n = 0, cap = 256;
    found_shift *v = malloc(cap * sizeof *v);
    for (size_t r = 0; r < N_DYADS; r++) {
        sqlite3_bind_text(st, 1, cty[dyads[r].a].code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, cty[dyads[r].b].code, -1, SQLITE_STATIC);
        size_t no = 0;
        while (sqlite3_step(st) == SQLITE_ROW && no < N_DAYS + 8) {
            obs[no].day = sqlite3_column_int(st, 0);
            obs[no].n = (uint32_t)sqlite3_column_int(st, 1);
            obs[no].conflict = (uint32_t)sqlite3_column_int(st, 2);
            obs[no].goldstein_sum = sqlite3_column_double(st, 3);
            no++;
        }
        sqlite3_reset(st);
        size_t ns = att_detect_shifts(obs, no, p, sh, 256);
        for (size_t k = 0; k < ns && k < 256; k++) {
            if (n == cap)
                v = realloc(v, (cap *= 2) * sizeof *v);
            v[n].dyad = r;
            v[n++].sh = sh[k];
        }
    }
    sqlite3_finalize(st);
    free(obs);
    *out = v;
    *n_out = n;
    return bench_now() - t0;
}

static void part_c(const char *path, int runs)
{
    att_store *s;
    char err[512];
    if (att_store_open(path, &s, err, sizeof err) != ATT_OK) /* as the CLI opens it */
        die(path, err);
    sqlite3 *db = att_store_db(s);
    const int64_t BIG = 1 << 30, LIMIT = 100000; /* the CLI's defaults */
    const int64_t from_w = att_day_of("2025-01-01") - 6, to_w = att_day_of("2025-03-31");
    const int64_t last = att_day_of(FIRST_DAY) + N_DAYS - 1;
    /* bindings ?1..?7 as cmd_dyads.c run_query() makes them */
    const bindv b_actor[7] = {{'i', 2, 0}, {'i', 0, 0}, {'i', BIG, 0}, {'t', 0, "USA"}, {0, 0, 0}, {0, 0, 0},
                              {'i', LIMIT, 0}};
    const bindv b_undir[7] = {{'i', 1 + 3, 0}, {'i', from_w, 0}, {'i', to_w, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
                              {'i', LIMIT, 0}};
    const bindv b_pair[7] = {{'i', 1 + 3, 0}, {'i', 0, 0}, {'i', BIG, 0}, {0, 0, 0}, {'t', 0, "CHN"}, {'t', 0, "USA"},
                             {'i', LIMIT, 0}};
    const bindv b_all[7] = {{'i', 2, 0}, {'i', 0, 0}, {'i', BIG, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
                            {'i', LIMIT, 0}};
    const bindv b_alerts[2] = {{'i', -1000000, 0}, {'i', 1000000, 0}};
    const bindv b_series[2] = {{'t', 0, "CHN"}, {'t', 0, "USA"}};
    const bindv b_evid[5] = {{'t', 0, "CHN"}, {'t', 0, "USA"}, {'i', last - 27, 0}, {'i', last, 0}, {'i', 1, 0}};
    /* the old SQL read the directed levels with its own bindings */
    const bindv o_undir[7] = {{'i', 1, 0}, {'i', from_w, 0}, {'i', to_w, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0},
                              {'i', LIMIT, 0}};
    const bindv o_pair[7] = {{'i', 1, 0}, {'i', 0, 0}, {'i', BIG, 0}, {0, 0, 0}, {'t', 0, "USA"}, {'t', 0, "CHN"},
                             {'i', LIMIT, 0}};
    const int64_t n_scan = q_int(db, "SELECT count(DISTINCT a1 || '|' || a2) FROM dyad_agg WHERE level = 5");

    att_alert_config cfg;
    if (att_alert_config_load(&cfg, NULL, NULL, err, sizeof err) != ATT_OK)
        die("alerts config", err);

    /* the detector over every dyad, alone: what it finds */
    found_shift *fs;
    size_t n_fs;
    double t_detect = detect_all(db, &cfg.detect, &fs, &n_fs);

    /* att_alerts_run on a sample (the 6 busiest dyads with an injected turn
     * and 6 others), then over every dyad when the sample says it takes
     * under a minute */
    char *sample[12];
    size_t n_sample = 0;
    for (size_t r = 0; r < N_DYADS && n_sample < 6; r++)
        if (dyads[r].shift_day >= 0) {
            sample[n_sample] = malloc(40);
            dyad_key(&dyads[r], sample[n_sample++]);
        }
    for (size_t r = 7; r < N_DYADS && n_sample < 12; r += N_DYADS / 6)
        if (dyads[r].shift_day < 0) {
            sample[n_sample] = malloc(40);
            dyad_key(&dyads[r], sample[n_sample++]);
        }
    size_t n_new1 = 0, n_full = 0, n_full2 = 0;
    double t0 = bench_now();
    if (att_alerts_run(s, &cfg, sample, n_sample, NULL, 0, &n_new1, err, sizeof err) != ATT_OK)
        die("alerts run", err);
    double t_sample = bench_now() - t0, per_dyad = t_sample / (double)n_sample, t_full = -1, t_full2 = -1;
    if (per_dyad * (double)n_scan < 60) {
        t0 = bench_now();
        if (att_alerts_run(s, &cfg, NULL, 0, NULL, 0, &n_full, err, sizeof err) != ATT_OK)
            die("alerts scan", err);
        t_full = bench_now() - t0;
        t0 = bench_now();
        if (att_alerts_run(s, &cfg, NULL, 0, NULL, 0, &n_full2, err, sizeof err) != ATT_OK)
            die("alerts rescan", err);
        t_full2 = bench_now() - t0;
    }
    att_alert_config_free(&cfg);

    printf("## (c) query latency at %lld events\n\nwarm cache, %d runs each after a warm-up run, one connection"
           " opened as the CLI opens it; each run = prepare + bind + step every row + read every column\n\n",
           (long long)q_int(db, "SELECT count(*) FROM events"), runs);
    printf("| query (the CLI's SQL and bindings) | rows | p50 ms | p95 ms | p99 ms | max ms | p95 < 50 ms |\n"
           "|---|---|---|---|---|---|---|\n");
    print_row("`attache dyads --actor USA --by month`", time_query(db, SQL_ACTOR, b_actor, 7, runs), 1);
    print_row("`attache dyads --undirected --by week --from 2025-01-01 --to 2025-03-31`",
              time_query(db, SQL_ALL, b_undir, 7, runs), 1);
    print_row("`attache timeline USA CHN --by week`", time_query(db, SQL_PAIR, b_pair, 7, runs), 1);
    char lbl[200];
    snprintf(lbl, sizeof lbl, "`attache alerts` (listing, %lld alerts)", (long long)q_int(db, "SELECT count(*) FROM alerts"));
    print_row(lbl, time_query(db, SQL_ALERTS, b_alerts, 2, runs), 1);
    print_row("(context) `attache dyads --by month`: every dyad, 100k-row limit",
              time_query(db, SQL_ALL, b_all, 7, runs), 0);
    print_row("(context, alerts.c) a dyad's daily series, CHN-USA", time_query(db, SQL_SERIES, b_series, 2, runs), 0);
    print_row("(context, alerts.c) an alert's evidence, CHN-USA, 28-day window",
              time_query(db, SQL_EVIDENCE, b_evid, 5, runs), 0);

    printf("\n| alert scan (`attache alerts --scan` = att_alerts_run over %lld dyads) | seconds | new alerts |\n"
           "|---|---|---|\n", (long long)n_scan);
    printf("| att_alerts_run on a sample of %zu dyads (6 with an injected turn) | %.3f (%.2f ms per dyad) | %zu |\n",
           n_sample, t_sample, 1e3 * per_dyad, n_new1);
    if (t_full >= 0)
        printf("| full scan | %.2f | %zu |\n| full scan again (same episodes: deduplicated) | %.2f | %zu |\n", t_full,
               n_full, t_full2, n_full2);
    else
        printf("| full scan, extrapolated from the sample (not run: over 60 s) | **%.0f** | - |\n",
               per_dyad * (double)n_scan);
    printf("| the detector alone: series read + att_detect_shifts over all %d dyads | %.2f | %zu shifts |\n\n", N_DYADS,
           t_detect, n_fs);

    /* the detector's shifts against the injected turns */
    size_t hit[3] = {0, 0, 0}, n_shift[3] = {0, 0, 0}, other = 0;
    char *seen = calloc(N_DYADS, 1);
    for (size_t i = 0; i < n_fs; i++) {
        const dyad *d = &dyads[fs[i].dyad];
        int32_t day = fs[i].sh.day;
        if (d->shift_day >= 0 && day >= d->shift_day && day <= d->shift_day + d->shift_len + 7) {
            if (!seen[fs[i].dyad])
                hit[d->rate >= 1 ? 0 : d->rate >= 0.3 ? 1 : 2]++;
            seen[fs[i].dyad] = 1;
        } else {
            other++;
        }
    }
    free(seen);
    for (size_t r = 0; r < N_DYADS; r++)
        if (dyads[r].shift_day >= 0)
            n_shift[dyads[r].rate >= 1 ? 0 : dyads[r].rate >= 0.3 ? 1 : 2]++;
    printf("detector at scale (default alerts.conf): injected turns detected during the turn or within 7 days"
           " after: %zu of %zu in dyads with >= 1 event/day, %zu of %zu at 0.3-1/day, %zu of %zu below 0.3/day"
           " (too sparse to test by design); %zu other shifts over %d dyads x %d days (%.3f per 1000"
           " dyad-days)\n\n",
           hit[0], n_shift[0], hit[1], n_shift[1], hit[2], n_shift[2], other, N_DYADS, N_DAYS,
           1000.0 * (double)other / (double)(N_DYADS * N_DAYS));
    free(fs);
    for (size_t i = 0; i < n_sample; i++)
        free(sample[i]);

    const bindv b_actor_day[7] = {{'i', 0, 0}, {'i', 0, 0}, {'i', BIG, 0}, {'t', 0, "USA"}, {0, 0, 0}, {0, 0, 0},
                                  {'i', LIMIT, 0}};
    printf("| query | rows | p50 ms | p95 ms | p99 ms | max ms | p95 < 50 ms |\n|---|---|---|---|---|---|---|\n");
    print_row("dyads --actor USA --by day", time_query(db, SQL_ACTOR, b_actor_day, 7, runs), 1);
    printf("\n");

    /* the SQL before b003978, on the same database */
    int oruns = runs < 10 ? runs : 10;
    printf("for comparison, the SQL before commit b003978 (OR over both directions, directed levels merged at query"
           " time) on the same database, %d runs:\n\n", oruns);
    printf("| query | rows | p50 ms | p95 ms | p99 ms | max ms | p95 < 50 ms |\n|---|---|---|---|---|---|---|\n");
    print_row("dyads --actor USA --by month", time_query(db, OLD_DIRECTED, b_actor, 7, oruns), 1);
    print_row("dyads --undirected --by week --from 2025-01-01 --to 2025-03-31", time_query(db, OLD_UNDIRECTED, o_undir, 7, oruns), 1);
    print_row("timeline USA CHN --by week", time_query(db, OLD_UNDIRECTED, o_pair, 7, oruns), 1);
    print_row("alerts.c series, CHN-USA (once per dyad in a scan, and per touched dyad at ingest)",
              time_query(db, OLD_SERIES, b_series, 2, oruns), 0);
    print_row("alerts.c evidence, CHN-USA", time_query(db, OLD_EVIDENCE, b_evid, 5, oruns), 0);

    printf("\nEXPLAIN QUERY PLAN:\n\n```\n");
    plan(db, "dyads --actor USA --by month", SQL_ACTOR);
    plan(db, "dyads --undirected --by week --from --to", SQL_ALL);
    plan(db, "timeline USA CHN --by week", SQL_PAIR);
    plan(db, "alerts listing", SQL_ALERTS);
    plan(db, "alerts.c series", SQL_SERIES);
    plan(db, "alerts.c evidence", SQL_EVIDENCE);
    plan(db, "before b003978: dyads/timeline, undirected", OLD_UNDIRECTED);
    plan(db, "before b003978: alerts.c series", OLD_SERIES);
    printf("```\n");
    att_store_close(s);
}

int main(int argc, char **argv)
{
    SQL_ALL = att_dyad_sql(0, 0);
    SQL_ACTOR = att_dyad_sql(1, 0);
    SQL_PAIR = att_dyad_sql(0, 1);
    if (!SQL_ALL || !SQL_ACTOR || !SQL_PAIR)
        return 1;
    size_t n_articles = 5000, n_events = 1000000;
    int runs = 50;
    const char *outdir = "build/bench";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n_articles = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "-e") && i + 1 < argc)
            n_events = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "-r") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            outdir = argv[++i];
        else if (!strcmp(argv[i], "-k"))
            keep_dbs = 1;
        else {
            fprintf(stderr, "usage: bench_analysis [-n ARTICLES] [-e EVENTS] [-r RUNS] [-o OUTDIR] [-k]\n");
            return 2;
        }
    }
    if (runs < 1)
        runs = 1;
    mkdir(outdir, 0777);
    setvbuf(stdout, NULL, _IOLBF, 0);
    double t0 = bench_now();
    load_countries();
    if (n_articles)
        part_a(outdir, n_articles);
    char path[4200];
    snprintf(path, sizeof path, "%s/analysis-1m.db", outdir);
    double ta = bench_now();
    part_b(path, n_events);
    double tb = bench_now();
    part_c(path, runs);
    fprintf(stderr, "bench_analysis: (a) %.0f s, (b) %.0f s, (c) %.0f s\n", ta - t0, tb - ta, bench_now() - tb);
    if (!keep_dbs)
        rm_db(path);
    printf("\ntotal %.0f s\n", bench_now() - t0);
    for (size_t i = 0; i < n_cty; i++)
        free(cty[i].name);
    free(dyads);
    for (size_t i = 0; i < n_samples; i++)
        free(samples[i]);
    free(samples);
    return 0;
}
