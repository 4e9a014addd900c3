/* test_date_sources.c - an article's date from the best evidence
 * (src/ingest/docdate.h, docs/DATES.md): dates in URLs, feed/HTTP/WARC
 * timestamps, the order page > URL > feed > WARC-Date > Last-Modified >
 * ingest, the stored date_source through the ingester (hint, WARC), and
 * undated articles kept out of period statistics. */
#include "test_util.h"

#include <sqlite3.h>
#include <unistd.h>

#include "../src/analyze/analyze.h"
#include "../src/extract/extract.h"
#include "../src/ingest/docdate.h"
#include "../src/ingest/ingest.h"
#include "../src/store/facts.h"
#include "../src/util/buf.h"

static void url_is(const char *url, const char *want)
{
    char iso[20] = "";
    int got = att_date_from_url(url, iso);
    if (want && (!got || strcmp(iso, want)))
        fail_msg("%s: got %s, want %s", url, got ? iso : "none", want);
    if (!want && got)
        fail_msg("%s: got %s, want none", url ? url : "(null)", iso);
}

static void test_url_dates(void **state)
{
    (void)state;
    url_is("https://example.vn/2024/03/24/my-trung-hoi-dam.html", "2024-03-24");
    url_is("https://example.vn/the-gioi/2024-03-24/my-trung.html", "2024-03-24");
    url_is("https://dantri.com.vn/the-gioi/tinh-bao-my-20201001171412997.htm", "2020-10-01");
    url_is("https://example.vn/news/20240324/my-trung.html", "2024-03-24");
    url_is("https://example.vn/article_20231107.html", "2023-11-07");
    url_is("https://example.vn/view.php?id=12&date=2024-03-24", "2024-03-24");
    url_is("https://example.vn/view?date=20240324", "2024-03-24");
    /* not dates: ids, impossible days, a host name's digits, no URL */
    url_is("https://baoquocte.vn/my-chi-trich-trung-quoc-276543.html", NULL);
    url_is("https://example.vn/2024/13/40/x.html", NULL);
    url_is("https://20240324.example.vn/a.html", NULL);
    url_is("https://example.vn/a-12345678.html", NULL);
    url_is(NULL, NULL);
}

static void stamp_is(const char *s, const char *want)
{
    char iso[20] = "";
    int got = att_date_parse_stamp(s, iso);
    if (want && (!got || strcmp(iso, want)))
        fail_msg("\"%s\": got %s, want %s", s ? s : "(null)", got ? iso : "none", want);
    if (!want && got)
        fail_msg("\"%s\": got %s, want none", s ? s : "(null)", iso);
}

static void test_stamps(void **state)
{
    (void)state;
    /* zoned times are written in Vietnam's time, UTC+7 */
    stamp_is("2024-03-24T10:00:00Z", "2024-03-24T17:00");
    stamp_is("2024-03-24T20:30:00Z", "2024-03-25T03:30");
    stamp_is("2024-03-24T10:00:00+07:00", "2024-03-24T10:00");
    stamp_is("2024-03-24 10:00:00.123-05:00", "2024-03-24T22:00");
    stamp_is("2024-03-24", "2024-03-24");
    stamp_is("2024-03-24T10:00", "2024-03-24T10:00"); /* no zone: as written */
    stamp_is("20240324100000", "2024-03-24T17:00");   /* WARC/1.0 style, UTC */
    stamp_is("Sun, 24 Mar 2024 20:00:00 GMT", "2024-03-25T03:00");
    stamp_is("Sunday, 24-Mar-24 10:00:00 GMT", "2024-03-24T17:00");
    stamp_is("Sun Mar 24 10:00:00 2024", "2024-03-24T10:00");
    stamp_is("Sun, 24 Mar 2024 10:00:00 +0700", "2024-03-24T10:00");
    stamp_is("2023-12-31T23:30:00Z", "2024-01-01T06:30");
    stamp_is("yesterday", NULL);
    stamp_is("", NULL);
    stamp_is(NULL, NULL);
    stamp_is("2024-02-30", NULL);
}

/* An undated article with url; resolved with ev; date and source checked. */
static void resolves(const char *page_date, const char *url, const att_date_evidence *ev, const char *want,
                     att_date_source src)
{
    att_article a;
    att_article_init(&a);
    if (page_date)
        att_article_set(&a.published, page_date, (size_t)-1);
    if (url)
        att_article_set(&a.url, url, (size_t)-1);
    assert_int_equal(att_article_resolve_date(&a, ev), ATT_OK);
    if (want)
        assert_string_equal(a.published, want);
    else
        assert_null(a.published);
    assert_int_equal(a.date_source, src);
    att_article_free(&a);
}

static void test_precedence(void **state)
{
    (void)state;
    const char *url = "https://example.vn/2024/03/20/a.html";
    att_date_evidence all = {NULL, "2024-03-21T08:00:00+07:00", "2024-03-22T01:00:00Z",
                             "Sat, 23 Mar 2024 01:00:00 GMT"};
    /* a page date wins over the URL, the URL over the feed, the feed over
     * the WARC-Date, the WARC-Date over Last-Modified, and the ingest time
     * comes last */
    resolves("2024-03-19T09:30", url, &all, "2024-03-19T09:30", ATT_DATE_SRC_PAGE);
    resolves(NULL, url, &all, "2024-03-20", ATT_DATE_SRC_URL);
    resolves(NULL, "https://example.vn/a.html", &all, "2024-03-21T08:00", ATT_DATE_SRC_FEED);
    att_date_evidence no_feed = all;
    no_feed.feed = NULL;
    resolves(NULL, "https://example.vn/a.html", &no_feed, "2024-03-22T08:00", ATT_DATE_SRC_WARC);
    no_feed.warc = "not a date";
    resolves(NULL, "https://example.vn/a.html", &no_feed, "2024-03-23T08:00", ATT_DATE_SRC_HTTP);
    no_feed.http = NULL;
    resolves(NULL, "https://example.vn/a.html", &no_feed, NULL, ATT_DATE_SRC_INGEST);
    resolves(NULL, NULL, NULL, NULL, ATT_DATE_SRC_INGEST);
    /* the evidence's URL when the article names none */
    att_date_evidence u = {"https://example.vn/tin/20240301/x.html", NULL, NULL, NULL};
    resolves(NULL, NULL, &u, "2024-03-01", ATT_DATE_SRC_URL);
    /* names */
    assert_string_equal(att_date_source_name(ATT_DATE_SRC_WARC), "warc");
    assert_int_equal(att_date_source_parse("http"), ATT_DATE_SRC_HTTP);
    assert_int_equal(att_date_source_parse("nonsense"), ATT_DATE_SRC_UNKNOWN);
    assert_null(att_date_source_name(ATT_DATE_SRC_UNKNOWN));
}

/* ---- through the ingester and the store ---- */

static char dir[64];

#define BODY                                                                                                \
    "Bộ trưởng Ngoại giao hai nước đã có cuộc hội đàm kéo dài hai giờ tại thủ đô, trao đổi về hợp tác " \
    "kinh tế, thương mại và an ninh khu vực trong thời gian tới."
#define BODY2                                                                                               \
    "Hai bên nhất trí tăng cường trao đổi đoàn các cấp và thúc đẩy các dự án hợp tác đang triển khai, " \
    "đồng thời phối hợp chặt chẽ tại các diễn đàn đa phương."

static const char *const undated_text = "Hai nước thúc đẩy hợp tác toàn diện\n\n" BODY "\n\n" BODY2 "\n";

static char *q_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0))
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

static void expect_row(sqlite3 *db, const char *title_like, const char *source, const char *published)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(date_source,'-') || '|' || coalesce(published,'-') FROM articles WHERE title LIKE '%s%%'",
             title_like);
    char *got = q_text(db, sql), want[64];
    snprintf(want, sizeof want, "%s|%s", source, published ? published : "-");
    if (!got || strcmp(got, want))
        fail_msg("%s: got %s, want %s", title_like, got ? got : "(no row)", want);
    free(got);
}

static void add_warc_record(att_buf *w, const char *uri, const char *warc_date, const char *last_mod,
                            const char *title)
{
    att_buf http = ATT_BUF_INIT;
    att_buf_printf(&http,
                   "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n%s%s%s\r\n"
                   "<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s</p><p>%s</p>"
                   "</article></body></html>",
                   last_mod ? "Last-Modified: " : "", last_mod ? last_mod : "", last_mod ? "\r\n" : "", title,
                   title, BODY, BODY2);
    att_buf_printf(w, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n%s%s%s"
                      "Content-Type: application/http; msgtype=response\r\nContent-Length: %zu\r\n\r\n",
                   uri, warc_date ? "WARC-Date: " : "", warc_date ? warc_date : "", warc_date ? "\r\n" : "",
                   http.len);
    att_buf_append(w, http.data, http.len);
    att_buf_puts(w, "\r\n\r\n");
    att_buf_free(&http);
}

static void test_ingest_sources(void **state)
{
    (void)state;
    char path[128], err[256] = "";
    snprintf(path, sizeof path, "%s/sources.db", dir);
    att_store *s;
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    att_ingester *g;
    assert_int_equal(att_ingester_new(s, &g), ATT_OK);
    /* a feed entry's date for an undated page */
    att_ingest_hints h = {.url = "https://example.vn/the-gioi/hop-tac.html", .date = "Sun, 24 Mar 2024 01:00:00 GMT"};
    att_ingester_set_hints(g, &h);
    assert_int_equal(att_ingest_memory(g, "feed", undated_text, strlen(undated_text), "text", err, sizeof err), ATT_OK);
    /* the URL beats the feed */
    const char *t2 = "Hai nước ký kết thỏa thuận thương mại\n\n" BODY "\n\n" BODY2 " Thêm.\n";
    att_ingest_hints h2 = {.url = "https://example.vn/2024/02/02/ky-ket.html", .date = "2024-03-24"};
    att_ingester_set_hints(g, &h2);
    assert_int_equal(att_ingest_memory(g, "url", t2, strlen(t2), "text", err, sizeof err), ATT_OK);
    /* the page's own date beats both */
    const char *t3 = "Hai nước mở đường bay thẳng\n\nMinh Anh 08:30 | 15/01/2024\n\n" BODY "\n\n" BODY2 " Hết.\n";
    assert_int_equal(att_ingest_memory(g, "page", t3, strlen(t3), "text", err, sizeof err), ATT_OK);
    /* Last-Modified from the caller */
    const char *t4 = "Hai nước tăng cường giao lưu nhân dân\n\n" BODY "\n\n" BODY2 " Xong.\n";
    att_ingest_hints h4 = {.http_date = "Mon, 05 Feb 2024 10:00:00 GMT"};
    att_ingester_set_hints(g, &h4);
    assert_int_equal(att_ingest_memory(g, "http", t4, strlen(t4), "text", err, sizeof err), ATT_OK);
    /* nothing: the ingest time, no date */
    att_ingester_set_hints(g, NULL);
    const char *t5 = "Hai nước phối hợp tại diễn đàn khu vực\n\n" BODY "\n\n" BODY2 " Cuối.\n";
    assert_int_equal(att_ingest_memory(g, "none", t5, strlen(t5), "text", err, sizeof err), ATT_OK);
    /* a WARC: the record's WARC-Date, else its Last-Modified */
    att_buf w = ATT_BUF_INIT;
    add_warc_record(&w, "https://example.vn/the-gioi/a.html", "2024-03-10T20:00:00Z",
                    "Fri, 01 Mar 2024 10:00:00 GMT", "Bài lưu trữ thứ nhất về hợp tác");
    add_warc_record(&w, "https://example.vn/the-gioi/b.html", NULL, "Fri, 01 Mar 2024 10:00:00 GMT",
                    "Bài lưu trữ thứ hai về hợp tác");
    add_warc_record(&w, "https://example.vn/2023/12/01/c.html", "2024-03-10T20:00:00Z", NULL,
                    "Bài lưu trữ thứ ba về hợp tác");
    assert_int_equal(att_ingest_memory(g, "a.warc", w.data, w.len, "warc", err, sizeof err), ATT_OK);
    att_buf_free(&w);
    att_ingest_stats st;
    assert_int_equal(att_ingester_finish(g, &st, err, sizeof err), ATT_OK);
    att_ingester_free(g);
    assert_int_equal(st.stored, 8);
    sqlite3 *db = att_store_db(s);
    expect_row(db, "Hai nước thúc đẩy", "feed", "2024-03-24T08:00");
    expect_row(db, "Hai nước ký kết", "url", "2024-02-02");
    expect_row(db, "Hai nước mở đường", "page", "2024-01-15T08:30");
    expect_row(db, "Hai nước tăng cường", "http", "2024-02-05T17:00");
    expect_row(db, "Hai nước phối hợp", "ingest", NULL);
    expect_row(db, "Bài lưu trữ thứ nhất", "warc", "2024-03-11T03:00");
    expect_row(db, "Bài lưu trữ thứ hai", "http", "2024-03-01T17:00");
    expect_row(db, "Bài lưu trữ thứ ba", "url", "2023-12-01");
    /* the precision beside it; an older row (no source recorded) reads back as unknown */
    char *p = q_text(db, "SELECT date_precision FROM articles WHERE date_source = 'url' LIMIT 1");
    assert_string_equal(p, "day");
    free(p);
    assert_null(q_text(db, "SELECT date_precision FROM articles WHERE date_source = 'ingest'"));
    assert_int_equal(sqlite3_exec(db, "UPDATE articles SET date_source = NULL WHERE date_source = 'feed'", NULL, NULL, NULL),
                     SQLITE_OK);
    att_article a;
    att_article_init(&a);
    att_article_meta m;
    assert_int_equal(att_store_get_article(s, 1, &a, &m, err, sizeof err), ATT_OK);
    assert_int_equal(a.date_source, ATT_DATE_SRC_UNKNOWN);
    att_article_free(&a);
    att_store_close(s);
}

/* The same evidence through the parallel ingest: the hint and the WARC
 * record's dates are copied into the queued job (the hint changes, the
 * record's buffers are reused, before a worker gets to the document). */
static void test_ingest_sources_parallel(void **state)
{
    (void)state;
    char path[128], err[256] = "";
    snprintf(path, sizeof path, "%s/parallel.db", dir);
    att_store *s;
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    att_ingester *g;
    assert_int_equal(att_ingester_new(s, &g), ATT_OK);
    att_ingester_jobs(g, 3);
    char feed[8][40], text[8][700];
    att_ingest_hints h[8];
    for (int k = 0; k < 8; k++) {
        snprintf(feed[k], sizeof feed[k], "2024-03-%02dT01:00:00Z", 10 + k);
        snprintf(text[k], sizeof text[k], "Bài số %d về hợp tác hai nước trong năm nay\n\n%s\n\n%s Số %d.\n", k, BODY,
                 BODY2, k);
        h[k] = (att_ingest_hints){.date = feed[k]};
        att_ingester_set_hints(g, &h[k]);
        assert_int_equal(att_ingest_memory(g, "p", text[k], strlen(text[k]), "text", err, sizeof err), ATT_OK);
        feed[k][0] = 'x'; /* the caller's buffer changes at once */
    }
    att_ingester_set_hints(g, NULL);
    att_buf w = ATT_BUF_INIT;
    add_warc_record(&w, "https://example.vn/p/a.html", "2024-04-01T20:00:00Z", NULL, "Bài lưu trữ song song một");
    add_warc_record(&w, "https://example.vn/p/b.html", "2024-04-02T20:00:00Z", NULL, "Bài lưu trữ song song hai");
    assert_int_equal(att_ingest_memory(g, "p.warc", w.data, w.len, "warc", err, sizeof err), ATT_OK);
    att_buf_free(&w);
    att_ingest_stats st;
    assert_int_equal(att_ingester_finish(g, &st, err, sizeof err), ATT_OK);
    att_ingester_free(g);
    assert_int_equal(st.stored, 10);
    sqlite3 *db = att_store_db(s);
    for (int k = 0; k < 8; k++) {
        char like[64], want[32];
        snprintf(like, sizeof like, "Bài số %d ", k);
        snprintf(want, sizeof want, "2024-03-%02dT08:00", 10 + k);
        expect_row(db, like, "feed", want);
    }
    expect_row(db, "Bài lưu trữ song song một", "warc", "2024-04-02T03:00");
    expect_row(db, "Bài lưu trữ song song hai", "warc", "2024-04-03T03:00");
    att_store_close(s);
}

/* ---- undated articles and period statistics ---- */

#define EVENT_P "Mỹ chỉ trích Trung Quốc về các hoạt động quân sự gây căng thẳng ở Biển Đông."
#define EVENT_P2 "Người phát ngôn Bộ Ngoại giao Mỹ cho biết Washington theo dõi sát tình hình."
#define DATED_EVENT_P "Ngày 3/4/2024, Mỹ chỉ trích Trung Quốc về các hoạt động quân sự ở Biển Đông."

static void put(att_store *s, att_lexicon *lx, att_analyzer *an, const char *url, const char *title,
                const char *published, const char *p1)
{
    char err[512] = "";
    att_article a;
    att_article_init(&a);
    att_article_set(&a.url, url, (size_t)-1);
    att_article_set(&a.source, url, (size_t)-1);
    att_article_set(&a.title, title, (size_t)-1);
    if (published)
        att_article_set(&a.published, published, (size_t)-1);
    att_article_add_para(&a, p1, strlen(p1), ATT_PARA_TEXT);
    att_article_add_para(&a, EVENT_P2, strlen(EVENT_P2), ATT_PARA_TEXT);
    assert_int_equal(att_article_resolve_date(&a, NULL), ATT_OK);
    int64_t id;
    int was_new = 0;
    assert_int_equal(att_store_begin(s, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_put_article(s, &a, &id, &was_new, err, sizeof err), ATT_OK);
    att_extraction x;
    assert_int_equal(att_extract(lx, &a, &x), ATT_OK);
    assert_int_equal(att_store_put_facts(s, id, &a, lx, &x, err, sizeof err), ATT_OK);
    att_extraction_free(&x);
    assert_int_equal(att_analyze_article(an, id, &a, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_commit(s, err, sizeof err), ATT_OK);
    att_article_free(&a);
}

static int64_t q_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_undated_events_not_placed(void **state)
{
    (void)state;
    char path[128], err[512] = "";
    snprintf(path, sizeof path, "%s/period.db", dir);
    att_store *s;
    att_lexicon *lx;
    att_analyzer *an;
    assert_int_equal(att_lexicon_load(&lx, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    assert_int_equal(att_analyzer_open(s, &an, err, sizeof err), ATT_OK);
    put(s, lx, an, "https://a.vn/dated.html", "Mỹ chỉ trích Trung Quốc", "2024-05-10", EVENT_P);
    put(s, lx, an, "https://b.vn/undated.html", "Mỹ lên tiếng về Biển Đông", NULL, EVENT_P);
    put(s, lx, an, "https://c.vn/undated-own-date.html", "Mỹ phản đối Trung Quốc", NULL, DATED_EVENT_P);
    size_t n_alerts = 0;
    assert_int_equal(att_analyzer_finish(an, NULL, &n_alerts, err, sizeof err), ATT_OK);
    att_analyzer_free(an);
    sqlite3 *db = att_store_db(s);
    /* the undated article's events belong to no day and no aggregate */
    assert_true(q_int(db, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
                          " WHERE a.url LIKE '%b.vn%'") > 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
                               " WHERE a.url LIKE '%b.vn%' AND e.day IS NOT NULL"),
                     0);
    /* an event its own sentence dates is placed on that day */
    assert_true(q_int(db, "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
                          " WHERE a.url LIKE '%c.vn%' AND e.day = CAST(julianday('2024-04-03') - 2440587.5 AS INTEGER)") > 0);
    /* nothing lands in the current week (or anywhere after the dated days) */
    int64_t today = q_int(db, "SELECT CAST(julianday('now') - 2440587.5 AS INTEGER)");
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM dyad_agg WHERE period >= %lld - 7", (long long)today);
    assert_int_equal(q_int(db, sql), 0);
    assert_int_equal(q_int(db, "SELECT max(period) FROM dyad_agg WHERE level = 0"),
                     q_int(db, "SELECT CAST(julianday('2024-05-10') - 2440587.5 AS INTEGER)"));
    snprintf(sql, sizeof sql, "SELECT count(*) FROM story_days WHERE day >= %lld - 7", (long long)today);
    assert_int_equal(q_int(db, sql), 0);
    /* the events' JSON names the article's date source */
    att_store_close(s);
    att_lexicon_free(lx);
}

static int setup(void **state)
{
    (void)state;
    return test_dir_make(dir, sizeof dir, "datesrc", NULL);
}

static int teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_dates),
        cmocka_unit_test(test_stamps),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_ingest_sources),
        cmocka_unit_test(test_ingest_sources_parallel),
        cmocka_unit_test(test_undated_events_not_placed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
