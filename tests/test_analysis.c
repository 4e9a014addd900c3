/* test_analysis.c - the analysis stage end to end on a temporary database:
 * articles written here in Vietnamese go through the real ingest pipeline
 * (store -> extract -> facts -> analyze, one transaction each, then
 * att_analyzer_finish), and the tables are checked with SQL: story
 * clustering of copies and teasers across sites, event deduplication within
 * a story (dup_of, num_articles, num_sources), dyad aggregates per
 * day/week/month, commitments and their status; then early-warning alerts
 * on hand-built dyad series (one alert per episode, delivery to a JSON-lines
 * file, config errors), and the day-number helpers. */
#include "test_util.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <unistd.h>

#include "../src/analyze/alerts.h"
#include "../src/analyze/analyze.h"
#include "../src/analyze/commitments.h"
#include "../src/extract/extract.h"
#include "../src/store/facts.h"
#include "../src/store/store.h"
#include "../src/util/buf.h"

/* 2024-05-10 (a Friday) and its week (Monday 2024-05-06) and month. */
#define D_0510 19853
#define W_0506 19849
#define M_0501 19844

static char dir[64], db_path[128];
static att_lexicon *lx;
static att_store *store;
static size_t pipeline_alerts = 999;

/* ---- the articles ---- */

typedef struct spec {
    const char *url, *title, *published;
    const char *paras[8];
} spec;

/* A report on a US criticism of China; one event: USA -> CHN 111. */
#define P1 "Mỹ chỉ trích Trung Quốc về các hoạt động quân sự gây căng thẳng ở Biển Đông."
#define P2                                                                                                  \
    "Người phát ngôn Bộ Ngoại giao Mỹ cho biết Washington theo dõi sát tình hình và kêu gọi các bên kiềm " \
    "chế, tôn trọng luật pháp quốc tế."
#define P3                                                                                                  \
    "Các chuyên gia nhận định căng thẳng trên biển có thể ảnh hưởng tới thương mại khu vực trong những " \
    "tháng tới."
#define P4 "Nhiều nước trong khu vực bày tỏ quan ngại về các vụ va chạm gần đây giữa tàu cá và tàu tuần tra."
#define P5 "Giới phân tích cho rằng hai cường quốc cần duy trì các kênh đối thoại để tránh tính toán sai lầm."

static const spec A_ORIG = {"https://vnexpress.net/the-gioi/my-chi-trich-trung-quoc-1.html",
                            "Mỹ chỉ trích Trung Quốc về hoạt động quân sự ở Biển Đông",
                            "2024-05-10",
                            {P1, P2, P3, P4, P5, NULL}};
/* the same article on another site, lightly edited (title, one word, one
 * clause), so its content hash differs */
static const spec A_COPY = {
    "https://baoquocte.vn/my-chi-trich-trung-quoc-276543.html",
    "Mỹ chỉ trích Trung Quốc về hoạt động quân sự trên Biển Đông",
    "2024-05-10",
    {P1, P2,
     "Các chuyên gia nhận định căng thẳng trên biển có thể ảnh hưởng lớn tới thương mại khu vực trong những "
     "tháng tới.",
     P4, "Giới phân tích cho rằng hai cường quốc cần duy trì các kênh đối thoại để tránh tính toán sai lầm nghiêm trọng.",
     NULL}};
/* a teaser on the first site: title and the first paragraphs */
static const spec A_TEASER = {"https://www.vnexpress.net/tin-nhanh/my-trung-bien-dong.html",
                              "Mỹ chỉ trích Trung Quốc về hoạt động quân sự ở Biển Đông",
                              "2024-05-10",
                              {P1, P2, P3, NULL}};
/* a short teaser on the first site: the title and the lead sentence only
 * (word-trigram Jaccard with the article ~0.2; contained in it) */
static const spec A_SHORT = {"https://vnexpress.net/tin-nhanh/my-trung-2.html",
                             "Mỹ chỉ trích Trung Quốc về hoạt động quân sự ở Biển Đông",
                             "2024-05-10",
                             {P1, NULL}};
/* unrelated: a Russia-India meeting; events RUS<->IND 046 and 061, and 040
 * from "Hai bên thảo luận" (the two sides resolved to the previous subjects) */
static const spec B_OTHER = {
    "https://baoquocte.vn/nga-an-do-hoi-dam-276600.html",
    "Nga và Ấn Độ hội đàm về năng lượng",
    "2024-05-10",
    {"Ngoại trưởng Nga và Ngoại trưởng Ấn Độ hội đàm về hợp tác năng lượng và quốc phòng.",
     "Hai bên thảo luận việc mở rộng thương mại bằng đồng nội tệ và các dự án dầu khí chung.", NULL}};
/* a promise (VNM <-> JPN 031) and, five weeks later, its implementation */
static const spec C_PROMISE = {
    "https://vnexpress.net/viet-nhat-ban-dan-1.html",
    "Việt Nam và Nhật Bản thúc đẩy hợp tác bán dẫn",
    "2024-05-10",
    {"Việt Nam và Nhật Bản cam kết tăng cường hợp tác trong lĩnh vực bán dẫn và chuyển đổi số.",
     "Các doanh nghiệp công nghệ của hai nước đang tìm kiếm cơ hội đầu tư vào các khu công nghệ cao.", NULL}};
static const spec C_DONE = {
    "https://baoquocte.vn/viet-nhat-ky-ket-276999.html",
    "Ký kết thỏa thuận bán dẫn Việt - Nhật",
    "2024-06-15",
    {"Việt Nam và Nhật Bản đã ký kết thỏa thuận hợp tác trong lĩnh vực bán dẫn và chuyển đổi số.",
     "Lễ ký diễn ra trong không khí trang trọng với sự chứng kiến của lãnh đạo cấp cao.", NULL}};
/* a promise (VNM <-> KOR 030) and a later report that it is put off */
static const spec D_PROMISE = {
    "https://vnexpress.net/viet-han-dien-gio-1.html",
    "Việt Nam và Hàn Quốc hợp tác điện gió",
    "2024-05-11",
    {"Việt Nam và Hàn Quốc cam kết xây dựng nhà máy điện gió ngoài khơi ở tỉnh Bình Thuận.",
     "Dự án dự kiến có tổng công suất lớn và tạo thêm hàng nghìn việc làm cho người lao động địa phương.",
     NULL}};
static const spec D_DELAY = {
    "https://baoquocte.vn/viet-han-hoan-277100.html",
    "Dự án điện gió Việt - Hàn bị lùi",
    "2024-06-20",
    {"Việt Nam và Hàn Quốc hoãn ký kết thỏa thuận xây dựng nhà máy điện gió ngoài khơi ở tỉnh Bình Thuận.",
     "Nguyên nhân được cho là do các thủ tục cấp phép kéo dài hơn dự kiến.", NULL}};

static int64_t id_a, id_copy, id_teaser, id_short, id_b, id_c1, id_c2, id_d1, id_d2;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "setup: %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond, err); \
            return -1;                                                              \
        }                                                                           \
    } while (0)

/* What `attache ingest` does for one new article, in one transaction. */
static int ingest(att_analyzer *an, const spec *sp, int64_t *id)
{
    char err[512] = "";
    att_article a;
    att_article_init(&a);
    att_article_set(&a.url, sp->url, (size_t)-1);
    att_article_set(&a.source, sp->url, (size_t)-1);
    att_article_set(&a.title, sp->title, (size_t)-1);
    att_article_set(&a.published, sp->published, (size_t)-1);
    for (size_t i = 0; sp->paras[i]; i++)
        att_article_add_para(&a, sp->paras[i], strlen(sp->paras[i]), ATT_PARA_TEXT);
    int was_new = 0;
    CHECK(att_store_begin(store, err, sizeof err) == ATT_OK);
    CHECK(att_store_put_article(store, &a, id, &was_new, err, sizeof err) == ATT_OK);
    CHECK(was_new == 1);
    att_extraction x;
    CHECK(att_extract(lx, &a, &x) == ATT_OK);
    att_status st = att_store_put_facts(store, *id, &a, lx, &x, err, sizeof err);
    att_extraction_free(&x);
    CHECK(st == ATT_OK);
    CHECK(att_analyze_article(an, *id, &a, err, sizeof err) == ATT_OK);
    CHECK(att_store_commit(store, err, sizeof err) == ATT_OK);
    att_article_free(&a);
    return 0;
}

static int group_setup(void **state)
{
    (void)state;
    char err[512] = "";
    CHECK(test_dir_make(dir, sizeof dir, "analysis", NULL) == 0);
    snprintf(db_path, sizeof db_path, "%s/a.db", dir);
    CHECK(att_lexicon_load(&lx, err, sizeof err) == ATT_OK);
    CHECK(att_store_open(db_path, &store, err, sizeof err) == ATT_OK);
    att_analyzer *an;
    CHECK(att_analyzer_open(store, &an, err, sizeof err) == ATT_OK);
    if (ingest(an, &A_ORIG, &id_a) || ingest(an, &A_COPY, &id_copy) || ingest(an, &A_TEASER, &id_teaser) ||
        ingest(an, &A_SHORT, &id_short) ||
        ingest(an, &B_OTHER, &id_b) || ingest(an, &C_PROMISE, &id_c1) || ingest(an, &D_PROMISE, &id_d1) ||
        ingest(an, &C_DONE, &id_c2) || ingest(an, &D_DELAY, &id_d2))
        return -1;
    CHECK(att_analyzer_finish(an, NULL, &pipeline_alerts, err, sizeof err) == ATT_OK);
    att_analyzer_free(an);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    att_store_close(store);
    att_lexicon_free(lx);
    return test_dir_remove(dir);
}

/* ---- SQL helpers ---- */

/* How many (level, dyad)s are in one of dyad_list and dyad_agg only: 0
 * when the list is exactly the dyads the aggregates have rows for.  (Two
 * counts: SQL's compound operators group left to right, so one
 * "A EXCEPT B UNION ALL B EXCEPT A" would drop A's extra rows again.) */
#define DYAD_LIST_DIFFERS                                                                                 \
    "SELECT (SELECT count(*) FROM (SELECT level, a1, a2 FROM dyad_list EXCEPT"                               \
    " SELECT level, a1, a2 FROM dyad_agg)) + (SELECT count(*) FROM (SELECT level, a1, a2 FROM dyad_agg"      \
    " EXCEPT SELECT level, a1, a2 FROM dyad_list))"

/* First column of the first row of sql (printf-formatted) as an integer;
 * fails the test when there is no row. */
static int64_t q_int(sqlite3 *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int64_t q_int(sqlite3 *db, const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        fail_msg("no row: %s", sql);
    }
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static double q_real(sqlite3 *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static double q_real(sqlite3 *db, const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        fail_msg("no row: %s", sql);
    }
    double v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* First column as text into out (empty when NULL); fails without a row. */
static void q_text(sqlite3 *db, char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void q_text(sqlite3 *db, char *out, size_t cap, const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        fail_msg("no row: %s", sql);
    }
    const char *t = (const char *)sqlite3_column_text(st, 0);
    snprintf(out, cap, "%s", t ? t : "");
    sqlite3_finalize(st);
}

static int64_t story_of(sqlite3 *db, int64_t article)
{
    return q_int(db, "SELECT story_id FROM article_sigs WHERE article_id = %lld", (long long)article);
}

/* The id of article's (only) USA -> CHN 111 event. */
static int64_t usa_chn_event(sqlite3 *db, int64_t article)
{
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM events WHERE article_id = %lld AND a1_country = 'USA'"
                           " AND a2_country = 'CHN' AND cameo = '111'",
                           (long long)article),
                     1);
    return q_int(db,
                 "SELECT id FROM events WHERE article_id = %lld AND a1_country = 'USA' AND a2_country = 'CHN'"
                 " AND cameo = '111'",
                 (long long)article);
}

/* ---- day numbers ---- */

static void test_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(att_day_of("1970-01-01"), 0);
    assert_int_equal(att_day_of("2024-01-01"), 19723);
    assert_int_equal(att_day_of("2024-02-29"), 19723 + 31 + 28);
    assert_int_equal(att_day_of("2024-03-01"), 19723 + 31 + 29);
    assert_int_equal(att_day_of("2023-03-01") - att_day_of("2023-02-28"), 1); /* not a leap year */
    assert_int_equal(att_day_of("2000-03-01") - att_day_of("2000-02-28"), 2); /* 400-year leap */
    assert_int_equal(att_day_of("2100-03-01") - att_day_of("2100-02-28"), 1); /* century, no leap */
    assert_int_equal(att_day_of("2024-05-10"), D_0510);
    assert_int_equal(att_day_of("2025-01-01") - att_day_of("2024-01-01"), 366);
    /* coarser precision: missing parts are 1; a time part is ignored */
    assert_int_equal(att_day_of("2024"), 19723);
    assert_int_equal(att_day_of("2024-05"), M_0501);
    assert_int_equal(att_day_of("2024-05-10T23:59"), D_0510);
    assert_int_equal(att_day_of(NULL), -1);
    assert_int_equal(att_day_of("hôm qua"), -1);
    assert_int_equal(att_day_of("2024-13-01"), -1);
    assert_int_equal(att_day_of("2024-00-10"), -1);
    assert_int_equal(att_day_of("1850-01-01"), -1);

    char iso[11];
    att_day_iso(19723, iso);
    assert_string_equal(iso, "2024-01-01");
    att_day_iso(19723 + 31 + 28, iso);
    assert_string_equal(iso, "2024-02-29");
    att_day_iso(0, iso);
    assert_string_equal(iso, "1970-01-01");
    att_day_iso(-1, iso);
    assert_string_equal(iso, "1969-12-31");
    const char *dates[] = {"1900-03-01", "1999-12-31", "2000-02-29", "2024-02-29", "2024-12-31",
                           "2028-02-29", "2100-02-28", "2199-12-31"};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        att_day_iso(att_day_of(dates[i]), iso);
        assert_string_equal(iso, dates[i]);
    }
    /* every day of 1999..2031 round-trips and days are consecutive */
    int32_t d0 = att_day_of("1999-01-01"), d1 = att_day_of("2032-01-01");
    for (int32_t d = d0; d < d1; d++) {
        att_day_iso(d, iso);
        if (att_day_of(iso) != d)
            fail_msg("day %d -> %s -> %d", (int)d, iso, (int)att_day_of(iso));
    }
    assert_int_equal(d1 - d0, 33 * 365 + 8); /* 2000, 2004, ..., 2028: 8 leap years */
}

/* ---- stories ---- */

static void test_copies_and_teaser_join_one_story(void **state)
{
    (void)state;
    sqlite3 *db = att_store_db(store);
    int64_t s = story_of(db, id_a);
    assert_true(s > 0);
    assert_int_equal(story_of(db, id_copy), s);
    assert_int_equal(story_of(db, id_teaser), s);
    assert_int_equal(story_of(db, id_short), s); /* joined by containment */
    assert_int_equal(q_int(db, "SELECT n_articles FROM stories WHERE id = %lld", (long long)s), 4);
    assert_int_equal(q_int(db, "SELECT n_sources FROM stories WHERE id = %lld", (long long)s), 2);
    assert_int_equal(q_int(db, "SELECT first_day FROM stories WHERE id = %lld", (long long)s), D_0510);
    assert_int_equal(q_int(db, "SELECT last_day FROM stories WHERE id = %lld", (long long)s), D_0510);
    /* the sites are the URL hosts, "www." dropped */
    assert_int_equal(q_int(db, "SELECT count(*) FROM story_sources WHERE story_id = %lld", (long long)s), 2);
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM story_sources WHERE story_id = %lld"
                           " AND source IN ('vnexpress.net', 'baoquocte.vn')",
                           (long long)s),
                     2);
    char site[64];
    q_text(db, site, sizeof site, "SELECT site FROM article_sigs WHERE article_id = %lld", (long long)id_teaser);
    assert_string_equal(site, "vnexpress.net");
    assert_int_equal(q_int(db, "SELECT n FROM story_days WHERE story_id = %lld AND day = %d", (long long)s, D_0510),
                     4);
    /* the story keeps the first article's title */
    char title[256];
    q_text(db, title, sizeof title, "SELECT title FROM stories WHERE id = %lld", (long long)s);
    assert_string_equal(title, A_ORIG.title);
}

static void test_unrelated_articles_are_other_stories(void **state)
{
    (void)state;
    sqlite3 *db = att_store_db(store);
    int64_t s = story_of(db, id_a), sb = story_of(db, id_b), sc = story_of(db, id_c1), sd = story_of(db, id_d1);
    assert_true(sb != s && sc != s && sd != s && sc != sb && sd != sb && sc != sd);
    assert_int_equal(q_int(db, "SELECT n_articles FROM stories WHERE id = %lld", (long long)sb), 1);
    assert_int_equal(q_int(db, "SELECT n_sources FROM stories WHERE id = %lld", (long long)sb), 1);
    /* 9 articles: the 4 copies are one story, the other 5 are alone */
    assert_int_equal(q_int(db, "SELECT count(*) FROM article_sigs"), 9);
    assert_int_equal(q_int(db, "SELECT count(*) FROM stories"), 6);
    assert_int_equal(q_int(db, "SELECT sum(n_articles) FROM stories"), 9);
    /* every event belongs to its article's story */
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM events e JOIN article_sigs s ON s.article_id = e.article_id"
                           " WHERE e.story_id IS NOT s.story_id"),
                     0);
}

/* ---- event deduplication ---- */

static void test_copies_events_are_duplicates(void **state)
{
    (void)state;
    sqlite3 *db = att_store_db(store);
    int64_t e = usa_chn_event(db, id_a), ec = usa_chn_event(db, id_copy), et = usa_chn_event(db, id_teaser),
            es = usa_chn_event(db, id_short);
    assert_true(e < ec && ec < et && et < es);
    /* the first report is canonical and counts its copies (GDELT's NumArticles/NumSources) */
    assert_int_equal(q_int(db, "SELECT dup_of IS NULL FROM events WHERE id = %lld", (long long)e), 1);
    assert_int_equal(q_int(db, "SELECT num_articles FROM events WHERE id = %lld", (long long)e), 4);
    /* the copy came from a new site, the teasers from the first one again */
    assert_int_equal(q_int(db, "SELECT num_sources FROM events WHERE id = %lld", (long long)e), 2);
    assert_int_equal(q_int(db, "SELECT dup_of FROM events WHERE id = %lld", (long long)ec), e);
    assert_int_equal(q_int(db, "SELECT dup_of FROM events WHERE id = %lld", (long long)et), e);
    assert_int_equal(q_int(db, "SELECT dup_of FROM events WHERE id = %lld", (long long)es), e);
    /* copies keep their own counts */
    assert_int_equal(q_int(db, "SELECT num_articles FROM events WHERE id = %lld", (long long)ec), 1);
    /* all three count for the article day in the same story */
    assert_int_equal(q_int(db, "SELECT count(DISTINCT story_id) FROM events WHERE id IN (%lld, %lld, %lld, %lld)",
                           (long long)e, (long long)ec, (long long)et, (long long)es),
                     1);
    assert_int_equal(q_int(db,
                           "SELECT min(day) = max(day) AND min(day) = %d FROM events"
                           " WHERE id IN (%lld, %lld, %lld, %lld)",
                           D_0510, (long long)e, (long long)ec, (long long)et, (long long)es),
                     1);
    /* the unrelated article's events are all canonical */
    assert_int_equal(q_int(db, "SELECT count(*) FROM events WHERE article_id = %lld AND dup_of IS NOT NULL",
                           (long long)id_b),
                     0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM events WHERE article_id = %lld", (long long)id_b), 6);
    /* a duplicate always points at a canonical event of its own story */
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM events d JOIN events c ON c.id = d.dup_of"
                           " WHERE c.dup_of IS NOT NULL OR c.story_id IS NOT d.story_id OR c.cameo <> d.cameo"),
                     0);
}

static void test_dyad_aggregates_count_events_not_copies(void **state)
{
    (void)state;
    sqlite3 *db = att_store_db(store);
    /* four articles report one criticism: one event in every period */
    static const struct {
        int level;
        int period;
    } P[] = {{0, D_0510}, {1, W_0506}, {2, M_0501}};
    for (size_t i = 0; i < 3; i++) {
        const char *w = "FROM dyad_agg WHERE a1 = 'USA' AND a2 = 'CHN' AND level = %d";
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT count(*) %s", w);
        assert_int_equal(q_int(db, sql, P[i].level), 1);
        snprintf(sql, sizeof sql, "SELECT period %s", w);
        assert_int_equal(q_int(db, sql, P[i].level), P[i].period);
        snprintf(sql, sizeof sql, "SELECT n || ',' || q1 || ',' || q2 || ',' || q3 || ',' || q4 || ',' || n_stories %s",
                 w);
        char row[64];
        q_text(db, row, sizeof row, sql, P[i].level);
        assert_string_equal(row, "1,0,0,1,0,1"); /* 111 "criticize" is verbal conflict, quad 3 */
        snprintf(sql, sizeof sql, "SELECT goldstein_sum %s", w);
        assert_true(fabs(q_real(db, sql, P[i].level) - (-2.0)) < 1e-9);
        /* the tone is that of the canonical article */
        snprintf(sql, sizeof sql, "SELECT tone_sum - (SELECT tone FROM article_tone WHERE article_id = %lld) %s",
                 (long long)id_a, w);
        assert_true(fabs(q_real(db, sql, P[i].level)) < 1e-9);
    }
    /* the dyad is directed: nothing was counted CHN -> USA */
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_agg WHERE level < 3 AND a1 = 'CHN' AND a2 = 'USA'"), 0);
    /* levels 3-5 hold the same periods undirected, smaller code first */
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_agg WHERE level >= 3 AND a1 > a2"), 0);
    assert_int_equal(q_int(db, "SELECT n FROM dyad_agg WHERE level = 3 AND a1 = 'CHN' AND a2 = 'USA' AND period = %d",
                           D_0510),
                     1);
    /* three events each way between Russia and India: a meeting (046, quad 1,
     * +7.0), economic cooperation (061, quad 2, +6.4) and a discussion (040,
     * quad 1, +1.0) */
    char row[64];
    q_text(db, row, sizeof row,
           "SELECT n || ',' || q1 || ',' || q2 || ',' || q3 || ',' || q4 FROM dyad_agg"
           " WHERE level = 1 AND a1 = 'RUS' AND a2 = 'IND' AND period = %d",
           W_0506);
    assert_string_equal(row, "3,2,1,0,0");
    assert_true(fabs(q_real(db, "SELECT goldstein_sum FROM dyad_agg WHERE level = 2 AND a1 = 'IND' AND a2 = 'RUS'") -
                     14.4) < 1e-9);
    /* at every level the aggregates hold exactly the canonical events with two countries */
    for (int level = 0; level < 3; level++) {
        int64_t agg = q_int(db, "SELECT coalesce(sum(n), 0) FROM dyad_agg WHERE level = %d", level);
        int64_t canon = q_int(db, "SELECT count(*) FROM events WHERE dup_of IS NULL AND a1_country IS NOT NULL"
                                  " AND a2_country IS NOT NULL");
        int64_t all = q_int(db, "SELECT count(*) FROM events WHERE a1_country IS NOT NULL AND a2_country IS NOT NULL");
        assert_int_equal(agg, canon);
        assert_true(all >= canon + 3); /* the three copies were left out */
        double gs = q_real(db, "SELECT sum(goldstein_sum) FROM dyad_agg WHERE level = %d", level);
        double ge = q_real(db, "SELECT sum(goldstein) FROM events WHERE dup_of IS NULL AND a1_country IS NOT NULL"
                               " AND a2_country IS NOT NULL");
        assert_true(fabs(gs - ge) < 1e-6);
    }
    /* week periods are Mondays, month periods the 1st */
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_agg WHERE level = 1 AND (period + 3) %% 7 <> 0"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_agg WHERE level = 2"
                               " AND strftime('%%d', period * 86400, 'unixepoch') <> '01'"),
                     0);
    /* every level's dyads are listed (schema 10), as ingest added them */
    assert_true(q_int(db, "SELECT count(*) FROM dyad_list") > 0);
    assert_int_equal(q_int(db, "%s", DYAD_LIST_DIFFERS), 0);
    /* the June articles count in June's month row */
    assert_true(q_int(db, "SELECT sum(n) FROM dyad_agg WHERE level = 2 AND period = %d", att_day_of("2024-06-01")) >=
                2);
}

/* ---- commitments ---- */

static void test_commitment_implemented(void **state)
{
    (void)state;
    sqlite3 *db = att_store_db(store);
    /* the joint promise is tracked in both directions */
    assert_int_equal(q_int(db, "SELECT count(*) FROM commitments WHERE article_id = %lld", (long long)id_c1), 2);
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM commitments WHERE article_id = %lld AND cameo = '031'"
                           " AND ((who = 'VNM' AND to_whom = 'JPN') OR (who = 'JPN' AND to_whom = 'VNM'))"
                           " AND promised_day = %d AND what LIKE '%%cam kết%%'",
                           (long long)id_c1, D_0510),
                     2);
    /* the signing five weeks later implements both */
    int32_t d_done = att_day_of("2024-06-15");
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM commitments WHERE article_id = %lld AND status = 'implemented'"
                           " AND status_day = %d",
                           (long long)id_c1, d_done),
                     2);
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM commitment_links l JOIN commitments c ON c.id = l.commitment_id"
                           " WHERE c.article_id = %lld AND l.article_id = %lld AND l.status = 'implemented'"
                           " AND l.day = %d AND l.sentence LIKE '%%ký kết%%'",
                           (long long)id_c1, (long long)id_c2, d_done),
                     2);
}

static void test_commitment_delayed(void **state)
{
    (void)state;
    sqlite3 *db = att_store_db(store);
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM commitments WHERE article_id = %lld AND cameo = '030'"
                           " AND ((who = 'VNM' AND to_whom = 'KOR') OR (who = 'KOR' AND to_whom = 'VNM'))",
                           (long long)id_d1),
                     2);
    assert_int_equal(q_int(db, "SELECT count(*) FROM commitments WHERE article_id = %lld AND status = 'delayed'",
                           (long long)id_d1),
                     2);
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM commitment_links l JOIN commitments c ON c.id = l.commitment_id"
                           " WHERE c.article_id = %lld AND l.article_id = %lld AND l.status = 'delayed'",
                           (long long)id_d1, (long long)id_d2),
                     2);
    /* nothing links the Japanese and Korean promises with each other's reports */
    assert_int_equal(q_int(db,
                           "SELECT count(*) FROM commitment_links l JOIN commitments c ON c.id = l.commitment_id"
                           " WHERE (c.article_id = %lld AND l.article_id <> %lld)"
                           " OR (c.article_id = %lld AND l.article_id <> %lld)",
                           (long long)id_c1, (long long)id_c2, (long long)id_d1, (long long)id_d2),
                     0);
}

static void test_commitment_classifiers(void **state)
{
    (void)state;
    const char *promise = "Việt Nam và Nhật Bản cam kết tăng cường hợp tác trong lĩnh vực bán dẫn.";
    assert_true(att_is_commitment(promise, "03", 0));
    assert_true(att_is_commitment("Hai nước nhất trí mở rộng thương mại song phương.", "06", 0));
    assert_true(att_is_commitment("Hai bên đạt được thỏa thuận về vấn đề nghề cá.", "05", 0));
    /* a planned cooperative act is a promise even without a keyword */
    assert_true(att_is_commitment("Thủ tướng sẽ thăm Nhật Bản vào tháng tới.", "04", 0) == 0);
    assert_true(att_is_commitment("Hai nước sẽ hợp tác về năng lượng.", "03", 1));
    assert_false(att_is_commitment("Hai nước sẽ hợp tác về năng lượng.", "03", 0));
    /* conflictual roots are never promises, whatever the words */
    assert_false(att_is_commitment("Mỹ cam kết trừng phạt Iran.", "16", 0));
    assert_false(att_is_commitment("Nga cam kết đáp trả.", "13", 1));
    assert_false(att_is_commitment(promise, "02", 0));
    /* keyword on word boundaries, accent-insensitive */
    assert_true(att_is_commitment("VIET NAM VA NHAT BAN CAM KET HOP TAC", "03", 0));
    assert_false(att_is_commitment("Hai bên trao đổi về vấn đề hợp tác.", "04", 0));

    const char *done = "Việt Nam và Nhật Bản đã ký kết thỏa thuận hợp tác trong lĩnh vực bán dẫn.";
    double ov = att_word_overlap(promise, done);
    assert_true(ov >= 0.15 && ov < 1.0);
    assert_true(fabs(att_word_overlap(promise, promise) - 1.0) < 1e-9);
    assert_true(att_word_overlap(promise, "Giá dầu thô giảm mạnh trên thị trường châu Á.") < 1e-9);
    assert_int_equal(att_commitment_status_of(done, "05", 1, ov), 1);
    assert_int_equal(att_commitment_status_of(done, "05", 0, ov), 0); /* not yet done */
    assert_int_equal(att_commitment_status_of(done, "05", 1, 0.10), 0); /* about something else */
    assert_int_equal(att_commitment_status_of("Hai nước hoãn ký kết thỏa thuận.", "05", 1, ov), 2);
    assert_int_equal(att_commitment_status_of("Dự án bị trì hoãn vô thời hạn.", "03", 0, ov), 2);
    assert_int_equal(att_commitment_status_of("Nhật Bản rút khỏi thỏa thuận hợp tác.", "03", 1, ov), 3);
    assert_int_equal(att_commitment_status_of("Nhật Bản hủy bỏ thỏa thuận hợp tác.", "03", 1, ov), 3);
    /* a sanction (16) or a reduction of relations (12) reverses, whatever the words */
    assert_int_equal(att_commitment_status_of("Mỹ áp đặt lệnh trừng phạt.", "16", 1, ov), 3);
    assert_int_equal(att_commitment_status_of("Quan hệ bị hạ cấp.", "12", 1, ov), 3);
    /* reversal wins over delay */
    assert_int_equal(att_commitment_status_of("Hai bên hoãn rồi hủy bỏ dự án.", "03", 1, ov), 3);
}

/* ---- alerts ---- */

static void test_pipeline_raised_no_alert(void **state)
{
    (void)state;
    /* a handful of articles: no dyad has the history to test, no story bursts */
    assert_int_equal(pipeline_alerts, 0);
    assert_int_equal(q_int(att_store_db(store), "SELECT count(*) FROM alerts"), 0);
}

/* Insert one level-0 dyad_agg row. */
static void put_day(sqlite3 *db, const char *a1, const char *a2, int32_t day, int n, int coop, double gsum)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO dyad_agg(level, a1, a2, period, n, q1, q2, q3, q4,"
                                        " goldstein_sum, tone_sum, n_stories) VALUES(0, ?1, ?2, ?3, ?4, ?5, 0,"
                                        " ?6, 0, ?7, 0, ?4)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, a1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a2, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, day);
    sqlite3_bind_int(st, 4, n);
    sqlite3_bind_int(st, 5, coop);
    sqlite3_bind_int(st, 6, n - coop);
    sqlite3_bind_double(st, 7, gsum);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    /* and its undirected twin (level 3, smaller code first), as ingest keeps it */
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "INSERT INTO dyad_agg(level, a1, a2, period, n, q1, q2, q3, q4,"
                                        " goldstein_sum, tone_sum, n_stories) VALUES(3, min(?1, ?2), max(?1, ?2), ?3,"
                                        " ?4, ?5, 0, ?6, 0, ?7, 0, ?4)"
                                        " ON CONFLICT(level, a1, a2, period) DO UPDATE SET n = n + ?4, q1 = q1 + ?5,"
                                        " q3 = q3 + ?6, goldstein_sum = goldstein_sum + ?7",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, a1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a2, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, day);
    sqlite3_bind_int(st, 4, n);
    sqlite3_bind_int(st, 5, coop);
    sqlite3_bind_int(st, 6, n - coop);
    sqlite3_bind_double(st, 7, gsum);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_alerts_dyad_shift_once_and_delivered(void **state)
{
    (void)state;
    char path[160], jsonl[160], err[512] = "", conf[256];
    snprintf(path, sizeof path, "%s/alerts.db", dir);
    snprintf(jsonl, sizeof jsonl, "%s/alerts.jsonl", dir);
    att_store *s;
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    sqlite3 *db = att_store_db(s);
    const int32_t start = att_day_of("2024-01-01"), burst = start + 90;
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    /* CHN-PHL: 90 days of steady cooperation (2-4 events a day, now and
     * then a verbal spat), both directions stored, then 10 days in which
     * nearly everything is conflict */
    for (int32_t d = start; d < burst; d++) {
        int n = 2 + (int)(d % 3), spat = d % 9 == 0;
        put_day(db, "CHN", "PHL", d, n, n - spat, 4.0 * (n - spat) - 2.0 * spat);
        if (d % 4 == 0)
            put_day(db, "PHL", "CHN", d, 1, 1, 3.0);
    }
    for (int32_t d = burst; d < burst + 10; d++) {
        put_day(db, "CHN", "PHL", d, 4, 0, -4 * 5.0);
        put_day(db, "PHL", "CHN", d, 2, 1, 3.0 - 4.0);
    }
    /* LAO-THA: a quiet dyad, 6 events in 100 days, the last 3 conflictual */
    const int quiet[6] = {5, 30, 55, 93, 95, 97};
    for (int i = 0; i < 6; i++)
        put_day(db, "LAO", "THA", start + quiet[i], 1, i < 3, i < 3 ? 3.0 : -5.0);
    /* the month rows the scan lists dyads from, as ingest would have them */
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO dyad_agg SELECT 2, a1, a2,"
                                  " CAST(julianday(date(period * 86400, 'unixepoch', 'start of month'))"
                                  " - 2440587.5 AS INTEGER) AS m, sum(n), sum(q1), sum(q2), sum(q3), sum(q4),"
                                  " sum(goldstein_sum), sum(tone_sum), sum(n_stories) FROM dyad_agg"
                                  " WHERE level = 0 GROUP BY a1, a2, m;"
                                  "INSERT INTO dyad_agg SELECT 5, a1, a2,"
                                  " CAST(julianday(date(period * 86400, 'unixepoch', 'start of month'))"
                                  " - 2440587.5 AS INTEGER) AS m, sum(n), sum(q1), sum(q2), sum(q3), sum(q4),"
                                  " sum(goldstein_sum), sum(tone_sum), sum(n_stories) FROM dyad_agg"
                                  " WHERE level = 3 GROUP BY a1, a2, m",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_agg WHERE level = 2 AND a1 = 'CHN' AND period = %d",
                           att_day_of("2024-03-01")),
                     1);

    /* watching other actors: nothing is scanned */
    att_alert_config cfg;
    assert_int_equal(att_alert_config_load(&cfg, "t.conf", "watch = USA RUS\n", err, sizeof err), ATT_OK);
    assert_int_equal(cfg.n_watch, 2);
    size_t n_new = 99;
    assert_int_equal(att_alerts_run(s, &cfg, NULL, 0, NULL, 0, &n_new, err, sizeof err), ATT_OK);
    assert_int_equal(n_new, 0);
    att_alert_config_free(&cfg);

    /* every dyad, delivering to a JSON-lines file */
    unlink(jsonl);
    snprintf(conf, sizeof conf, "# test\nthreshold = 4\n\nalert_jsonl = %s\n", jsonl);
    assert_int_equal(att_alert_config_load(&cfg, "t.conf", conf, err, sizeof err), ATT_OK);
    assert_non_null(cfg.alert_jsonl);
    assert_string_equal(cfg.alert_jsonl, jsonl);
    assert_int_equal(att_alerts_run(s, &cfg, NULL, 0, NULL, 0, &n_new, err, sizeof err), ATT_OK);
    assert_int_equal(n_new, 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM alerts"), 1);
    char buf[4096];
    q_text(db, buf, sizeof buf, "SELECT kind || ' ' || subject || ' ' || actors FROM alerts");
    assert_string_equal(buf, "dyad_shift CHN|PHL CHN|PHL");
    int64_t day = q_int(db, "SELECT day FROM alerts");
    assert_true(day >= burst && day < burst + 10);
    assert_true(q_real(db, "SELECT score FROM alerts") > 4.0);
    q_text(db, buf, sizeof buf, "SELECT summary FROM alerts");
    assert_contains(buf, "CHN-PHL turned toward conflict");
    /* the evidence is JSON: the events and articles behind it (none stored here) */
    q_text(db, buf, sizeof buf, "SELECT evidence FROM alerts");
    json_error_t je;
    json_t *ev = json_loads(buf, 0, &je);
    assert_non_null(ev);
    assert_true(json_is_array(json_object_get(ev, "events")));
    assert_true(json_is_array(json_object_get(ev, "articles")));
    json_decref(ev);

    /* delivered once: one JSON line with the alert */
    char *text = read_all(jsonl);
    assert_non_null(text);
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1);
    json_t *o = json_loads(text, 0, &je);
    if (!o)
        fail_msg("not JSON: %s (%s)", text, je.text);
    assert_string_equal(json_string_value(json_object_get(o, "kind")), "dyad_shift");
    json_t *act = json_object_get(o, "actors");
    assert_int_equal(json_array_size(act), 2);
    assert_string_equal(json_string_value(json_array_get(act, 0)), "CHN");
    assert_string_equal(json_string_value(json_array_get(act, 1)), "PHL");
    char iso[11];
    att_day_iso((int32_t)day, iso);
    assert_string_equal(json_string_value(json_object_get(o, "date")), iso);
    assert_true(json_number_value(json_object_get(o, "score")) > 4.0);
    assert_contains(json_string_value(json_object_get(o, "summary")), "conflict");
    assert_true(json_is_object(json_object_get(o, "evidence")));
    assert_true(json_is_integer(json_object_get(o, "id")));
    json_decref(o);
    free(text);

    /* the same episode again: no new alert, nothing delivered */
    assert_int_equal(att_alerts_run(s, &cfg, NULL, 0, NULL, 0, &n_new, err, sizeof err), ATT_OK);
    assert_int_equal(n_new, 0);
    char *dy[] = {"CHN|PHL", "LAO|THA"};
    assert_int_equal(att_alerts_run(s, &cfg, dy, 2, NULL, 0, &n_new, err, sizeof err), ATT_OK);
    assert_int_equal(n_new, 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM alerts"), 1);
    text = read_all(jsonl);
    lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1);
    free(text);
    /* the quiet dyad never had the history to be tested */
    assert_int_equal(q_int(db, "SELECT count(*) FROM alerts WHERE subject = 'LAO|THA'"), 0);
    att_alert_config_free(&cfg);

    /* an analyzer that placed nothing (an ingest that stored nothing)
     * scans no dyad: the alert is not found again */
    assert_int_equal(sqlite3_exec(db, "DELETE FROM alerts", NULL, NULL, NULL), SQLITE_OK);
    att_analyzer *an;
    assert_int_equal(att_analyzer_open(s, &an, err, sizeof err), ATT_OK);
    assert_int_equal(att_alert_config_load(&cfg, "t.conf", "threshold = 4\n", err, sizeof err), ATT_OK);
    assert_int_equal(att_analyzer_finish(an, &cfg, &n_new, err, sizeof err), ATT_OK);
    att_analyzer_free(an);
    assert_int_equal(n_new, 0);
    att_alert_config_free(&cfg);

    /* a failing command: the alert is stored all the same (delivery
     * comes after the commit), stays queued, and the run says so */
    assert_int_equal(att_alert_config_load(&cfg, "t.conf", "threshold = 4\nalert_command = false\n", err,
                                           sizeof err),
                     ATT_OK);
    assert_int_equal(att_alerts_run(s, &cfg, NULL, 0, NULL, 0, &n_new, err, sizeof err), ATT_ERR_IO);
    assert_int_equal(n_new, 1);
    assert_contains(err, "1 alert not delivered, kept for the next run");
    assert_contains(err, "'false' exited with status 1");
    assert_int_equal(q_int(db, "SELECT count(*) FROM alerts"), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM alert_outbox WHERE attempts = 1"), 1);
    att_alert_config_free(&cfg);
    att_store_close(s);
}

static void test_alert_config_errors(void **state)
{
    (void)state;
    att_alert_config c;
    char err[512] = "";
    assert_int_equal(att_alert_config_load(&c, "a.conf", "threshold = 4\nno equals sign here\n", err, sizeof err),
                     ATT_ERR_FORMAT);
    assert_contains(err, "a.conf line 2");
    assert_null(c.watch); /* freed and zeroed on error */
    /* comment lines count.  (Blank lines do not: see the report - strtok_r
     * merges consecutive '\n', so "#c\n\nthreshold = x" says "line 2".) */
    assert_int_equal(att_alert_config_load(&c, "a.conf", "# comment\nwatch = USA\n# more\nthreshold = lots\n", err,
                                           sizeof err),
                     ATT_ERR_FORMAT);
    assert_contains(err, "line 4");
    assert_contains(err, "lots");
    assert_int_equal(c.n_watch, 0);
    assert_int_equal(att_alert_config_load(&c, "a.conf", "window_days = 0\n", err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "line 1");
    assert_int_equal(att_alert_config_load(&c, "b.conf", "thresold = 3\n", err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "b.conf line 1");
    assert_contains(err, "thresold");
    /* good text; values reach the detector parameters; CRLF and blanks are fine */
    assert_int_equal(att_alert_config_load(&c, "c.conf",
                                           "threshold = 3.5\r\nwindow_days=10\n  cooldown_days = 21  \n"
                                           "watch = VNM, CHN USA\nalert_command =\nburst_min_articles = 6\n"
                                           "cusum_h = 7.5\ncusum_baseline_days = 90\ncusum_h_events = 150\n",
                                           err, sizeof err),
                     ATT_OK);
    assert_true(fabs(c.detect.threshold - 3.5) < 1e-12);
    assert_int_equal(c.detect.window_days, 10);
    assert_int_equal(c.detect.cooldown_days, 21);
    assert_int_equal(c.burst_min_articles, 6);
    assert_true(fabs(c.detect.cusum_h - 7.5) < 1e-12);
    assert_int_equal(c.detect.cusum_baseline_days, 90);
    assert_true(fabs(c.detect.cusum_h_events - 150) < 1e-12);
    assert_int_equal(c.n_watch, 3);
    assert_string_equal(c.watch[2], "USA");
    assert_null(c.alert_command);
    assert_null(c.alert_jsonl);
    att_alert_config_free(&c);
    /* NULL text: defaults */
    assert_int_equal(att_alert_config_load(&c, NULL, NULL, err, sizeof err), ATT_OK);
    assert_true(fabs(c.detect.threshold - ATT_DETECT_THRESHOLD) < 1e-12);
    assert_int_equal(c.detect.baseline_days, 56);
    /* the shipped data/alerts.conf agrees with detect.h's defaults */
    assert_true(fabs(c.detect.cusum_h - ATT_DETECT_CUSUM_H) < 1e-12);
    assert_true(fabs(c.detect.cusum_shift - ATT_DETECT_CUSUM_SHIFT) < 1e-12);
    assert_int_equal(c.detect.cusum_baseline_days, ATT_DETECT_CUSUM_BASELINE);
    assert_true(fabs(c.detect.cusum_h_events - ATT_DETECT_CUSUM_H_EVENTS) < 1e-12);
    att_alert_config_free(&c);
    /* out of range */
    assert_int_equal(att_alert_config_load(&c, "d.conf", "cusum_baseline_days = 3\n", err, sizeof err),
                     ATT_ERR_FORMAT);
    assert_contains(err, "d.conf line 1");
    assert_int_equal(att_alert_config_load(&c, "d.conf", "cusum_h_events = -1\n", err, sizeof err),
                     ATT_ERR_FORMAT);
}

/* Every row of att_dyad_sql(0, 0) with the given bindings, one line per
 * row, from the statement itself or (ref) from the plain scan it stands
 * for. */
static char *dyad_rows(sqlite3 *db, int ref, int level, int from, int to, int limit)
{
    char *sql = ref ? strdup("SELECT a1, a2, period, n, q1, q2, q3, q4, goldstein_sum, tone_sum, n_stories"
                             " FROM dyad_agg WHERE level = ?1 AND period BETWEEN ?2 AND ?3"
                             " ORDER BY 1, 2, 3 LIMIT ?7")
                    : att_dyad_sql(0, 0);
    assert_non_null(sql);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    free(sql);
    sqlite3_bind_int(st, 1, level);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    sqlite3_bind_int(st, 7, limit);
    att_buf b = ATT_BUF_INIT;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < 11; c++)
            att_buf_printf(&b, "%s%s", c ? "," : "", (const char *)sqlite3_column_text(st, c));
        att_buf_putc(&b, '\n');
    }
    sqlite3_finalize(st);
    return att_buf_steal(&b);
}

/* The list of dyads that `attache dyads` walks (schema 10; ingest keeps
 * it, see test_dyad_aggregates_count_events_not_copies): the query over it
 * returns what a scan of the level returns, in the same order, without a
 * sort, and clearing the analysis or migrating an older database leaves
 * it right. */
static void test_dyad_list_and_every_dyad_query(void **state)
{
    (void)state;
    char path[160], err[256];
    snprintf(path, sizeof path, "%s/dyads.db", dir);
    att_store *s;
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    sqlite3 *db = att_store_db(s);
    static const char *const pairs[][2] = {{"USA", "CHN"}, {"CHN", "USA"}, {"VNM", "JPN"}, {"RUS", "UKR"}, {"FRA", "DEU"}};
    for (int d = 0; d < 40; d++)
        for (size_t p = 0; p < 5; p++)
            if ((d * 7 + (int)p * 3) % 5 != 0) /* gaps, so ranges cut dyads differently */
                put_day(db, pairs[p][0], pairs[p][1], 20000 + d, 1 + (int)p, (int)p % 2, 1.5 * (double)p - 2);
    const char *fill = "INSERT OR IGNORE INTO dyad_list SELECT DISTINCT level, a1, a2 FROM dyad_agg";
    assert_int_equal(sqlite3_exec(db, fill, NULL, NULL, NULL), SQLITE_OK);
    /* one row per (level, dyad) with rows, no more */
    assert_int_equal(q_int(db, "%s", DYAD_LIST_DIFFERS), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_list WHERE level = 0"), 5);
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_list WHERE level = 3"), 4); /* USA-CHN once */
    /* the same rows in the same order as the scan, whole or cut by range and limit */
    static const int cases[][4] = {{0, 0, 1 << 30, 100000}, {3, 0, 1 << 30, 100000}, {0, 20005, 20011, 100000},
                                   {3, 20017, 20017, 100000}, {3, 20005, 20030, 7}, {0, 30000, 30010, 100}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = dyad_rows(db, 0, cases[k][0], cases[k][1], cases[k][2], cases[k][3]);
        char *want = dyad_rows(db, 1, cases[k][0], cases[k][1], cases[k][2], cases[k][3]);
        assert_string_equal(got, want);
        if (k < 5)
            assert_true(strlen(got) > 0);
        free(got);
        free(want);
    }
    /* a seek per dyad, and the join's order is the result's: no sort */
    char *sql = att_dyad_sql(0, 0), plan[512] = "";
    char *eqp = malloc(strlen(sql) + 32);
    sprintf(eqp, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, eqp, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s;", (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
    free(eqp);
    free(sql);
    assert_contains(plan, "period>? AND period<?");
    assert_null(strstr(plan, "TEMP B-TREE"));
    /* clearing the analysis clears the list */
    assert_int_equal(att_analysis_clear(s, err, sizeof err), ATT_OK);
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_list"), 0);
    /* a database of schema 9 gets the list of the rows it has */
    put_day(db, "USA", "CHN", 20001, 2, 1, 3);
    assert_int_equal(sqlite3_exec(db, TEST_UNDO_SCHEMA_11 "DROP TABLE dyad_list; PRAGMA user_version=9;", NULL, NULL, NULL), SQLITE_OK);
    att_store_close(s);
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    db = att_store_db(s);
    assert_int_equal(q_int(db, "SELECT count(*) FROM dyad_list"), 2);
    assert_int_equal(q_int(db, "%s", DYAD_LIST_DIFFERS), 0);
    att_store_close(s);
}

typedef struct fact_texts {
    char quotes[8][512], qsentences[8][512], esentences[8][512];
    size_t nq, ne;
} fact_texts;

static int keep_quote(void *ctx, const att_quote_row *r)
{
    fact_texts *f = ctx;
    if (f->nq < 8) {
        snprintf(f->quotes[f->nq], sizeof f->quotes[0], "%s", r->quote);
        snprintf(f->qsentences[f->nq++], sizeof f->qsentences[0], "%s", r->sentence);
    }
    return 0;
}

static int keep_event(void *ctx, const att_event_row *r)
{
    fact_texts *f = ctx;
    if (f->ne < 8)
        snprintf(f->esentences[f->ne++], sizeof f->esentences[0], "%s", r->sentence);
    return 0;
}

/* Schema 11: an event's sentence and a quotation's text and sentence are
 * stored as byte ranges of the article's text (lead, newline, body) and
 * read back as the same text, multibyte letters and all; rows stored
 * before the change keep and give their own text. */
static void test_fact_texts_are_ranges(void **state)
{
    (void)state;
    char path[160], err[256] = "";
    snprintf(path, sizeof path, "%s/ranges.db", dir);
    att_store *s;
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    static const char *lead = "Ngoại trưởng Nga và Ngoại trưởng Ấn Độ hội đàm về hợp tác năng lượng tại New Delhi.";
    static const char *paras[] = {P2, "Bộ trưởng Ngoại giao Nhật Bản nhấn mạnh: “Chúng tôi sẽ hợp tác chặt chẽ với "
                                      "các đối tác trong khu vực để duy trì hòa bình.”"};
    att_article a;
    att_article_init(&a);
    att_article_set(&a.title, "Nga và Ấn Độ hội đàm", (size_t)-1);
    att_article_set(&a.lead, lead, (size_t)-1);
    att_article_set(&a.published, "2024-05-10", (size_t)-1);
    for (size_t i = 0; i < 2; i++)
        att_article_add_para(&a, paras[i], strlen(paras[i]), ATT_PARA_TEXT);
    int64_t id;
    int was_new;
    att_extraction x;
    assert_int_equal(att_store_begin(s, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_put_article(s, &a, &id, &was_new, err, sizeof err), ATT_OK);
    assert_int_equal(att_extract(lx, &a, &x), ATT_OK);
    assert_int_equal(att_store_put_facts(s, id, &a, lx, &x, err, sizeof err), ATT_OK);
    att_extraction_free(&x);
    assert_int_equal(att_store_commit(s, err, sizeof err), ATT_OK);
    att_article_free(&a);
    sqlite3 *db = att_store_db(s);
    /* no copies stored, only ranges */
    assert_true(q_int(db, "SELECT count(*) FROM quotes") >= 2);
    assert_true(q_int(db, "SELECT count(*) FROM events") >= 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM quotes WHERE quote <> '' OR sentence <> ''"
                               " OR quote_from IS NULL OR sentence_to IS NULL"),
                     0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM events WHERE sentence <> '' OR sentence_from IS NULL"), 0);
    /* the same text back */
    fact_texts f;
    memset(&f, 0, sizeof f);
    assert_int_equal(att_store_foreach_quote(s, keep_quote, &f, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_foreach_event(s, NULL, keep_event, &f, err, sizeof err), ATT_OK);
    int reported = 0, direct = 0;
    for (size_t i = 0; i < f.nq; i++) {
        assert_true(strlen(f.quotes[i]) > 10);
        assert_non_null(strstr(f.qsentences[i], f.quotes[i]));
        assert_true(strcmp(f.qsentences[i], paras[0]) == 0 || strcmp(f.qsentences[i], paras[1]) == 0);
        reported += strstr(f.quotes[i], "Washington theo dõi sát tình hình") != NULL;
        direct += strstr(f.quotes[i], "Chúng tôi sẽ hợp tác chặt chẽ") != NULL;
    }
    assert_int_equal(reported, 1);
    assert_int_equal(direct, 1);
    assert_true(f.ne >= 1);
    assert_string_equal(f.esentences[0], lead);
    /* a row stored before schema 11 gives its own text */
    char sql[160];
    snprintf(sql, sizeof sql, "INSERT INTO quotes(article_id, quote, sentence, direct) VALUES(%lld, 'xưa', 'câu xưa', 1)",
             (long long)id);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    memset(&f, 0, sizeof f);
    assert_int_equal(att_store_foreach_quote(s, keep_quote, &f, err, sizeof err), ATT_OK);
    assert_string_equal(f.quotes[f.nq - 1], "xưa");
    assert_string_equal(f.qsentences[f.nq - 1], "câu xưa");
    att_store_close(s);
}

/* Regressions found by the 1M-event benchmark's review. */
/* Migration 12: the analysis stage's two event indexes are partial (an
 * event enters them once analysis gives it a story and a day), and the
 * shapes of the queries that read them still may use them. */
static int partial_index(sqlite3 *db, const char *name)
{
    return (int)q_int(db, "SELECT partial FROM pragma_index_list('events') WHERE name = '%s'", name);
}

static int can_use(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_finalize(st);
    return rc == SQLITE_OK;
}

static void test_event_indexes_hold_placed_events(void **state)
{
    (void)state;
    sqlite3 *db = att_store_db(store);
    assert_int_equal(partial_index(db, "events_story"), 1);
    assert_int_equal(partial_index(db, "events_pair_day"), 1);
    assert_int_equal(partial_index(db, "events_date"), 0);
    /* analyze.c's look-up of a story's events, alerts.c's evidence */
    assert_true(can_use(db, "SELECT id FROM events INDEXED BY events_story WHERE story_id = ?1 AND a1_country = ?2"
                            " AND a2_country = ?3 AND cameo = ?4 AND dup_of IS NULL"));
    assert_true(can_use(db, "SELECT id FROM events INDEXED BY events_pair_day WHERE a1_country = ?1"
                            " AND a2_country = ?2 AND day BETWEEN ?3 AND ?4"));
    /* a query that does not imply the index's WHERE cannot use it */
    assert_false(can_use(db, "SELECT id FROM events INDEXED BY events_pair_day WHERE a1_country = ?1"));
    /* every placed event is found through the index */
    assert_int_equal(q_int(db, "SELECT count(*) FROM events INDEXED BY events_pair_day"
                               " WHERE a1_country = 'USA' AND a2_country = 'CHN' AND day BETWEEN 0 AND 100000"),
                     q_int(db, "SELECT count(*) FROM events NOT INDEXED WHERE a1_country = 'USA'"
                               " AND a2_country = 'CHN' AND day IS NOT NULL"));
    assert_true(q_int(db, "SELECT count(*) FROM events WHERE a1_country = 'USA' AND a2_country = 'CHN'") > 0);
    /* a database of schema 11 gets the partial indexes */
    char path[160], err[256] = "";
    snprintf(path, sizeof path, "%s/indexes.db", dir);
    att_store *s;
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    assert_int_equal(sqlite3_exec(att_store_db(s),
                                  "DROP INDEX events_story; DROP INDEX events_pair_day;"
                                  "CREATE INDEX events_story ON events(story_id, a1_country, a2_country, cameo, day);"
                                  "CREATE INDEX events_pair_day ON events(a1_country, a2_country, day);"
                                  TEST_UNDO_DATE_SOURCES "PRAGMA user_version=11;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(partial_index(att_store_db(s), "events_story"), 0);
    att_store_close(s);
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    assert_int_equal(partial_index(att_store_db(s), "events_story"), 1);
    assert_int_equal(partial_index(att_store_db(s), "events_pair_day"), 1);
    att_store_close(s);
}

static void test_review_regressions(void **state)
{
    (void)state;
    /* config errors name the right line even after blank lines */
    att_alert_config cfg;
    char err[256] = "";
    assert_int_equal(att_alert_config_load(&cfg, "c.conf", "# c\n\nthreshold = x\n", err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "c.conf line 3");
    /* impossible dates are not days */
    assert_int_equal(att_day_of("2023-02-30"), -1);
    assert_int_equal(att_day_of("2023-02-29"), -1);
    assert_true(att_day_of("2024-02-29") > 0);
    /* a postponement reports on a promise, it does not make one */
    assert_false(att_is_commitment("Việt Nam và Hàn Quốc hoãn ký kết hiệp định.", "05", 0));
    assert_true(att_is_commitment("Việt Nam và Hàn Quốc sẽ ký kết hiệp định.", "05", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_copies_and_teaser_join_one_story),
        cmocka_unit_test(test_unrelated_articles_are_other_stories),
        cmocka_unit_test(test_copies_events_are_duplicates),
        cmocka_unit_test(test_dyad_aggregates_count_events_not_copies),
        cmocka_unit_test(test_dyad_list_and_every_dyad_query),
        cmocka_unit_test(test_fact_texts_are_ranges),
        cmocka_unit_test(test_event_indexes_hold_placed_events),
        cmocka_unit_test(test_commitment_implemented),
        cmocka_unit_test(test_commitment_delayed),
        cmocka_unit_test(test_commitment_classifiers),
        cmocka_unit_test(test_pipeline_raised_no_alert),
        cmocka_unit_test(test_alerts_dyad_shift_once_and_delivered),
        cmocka_unit_test(test_alert_config_errors),
        cmocka_unit_test(test_review_regressions),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
