/* test_ingest.c - the ingest stage end to end: detection, bad inputs,
 * re-ingest, directories, batching, the article hook. */
#include "test_ingest_util.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../src/ingest/ingest.h"
#include "../src/store/store.h"

static char dir[64], db[160];
static test_rejects rej;

static const char *ARTICLE =
    "Việt Nam và Nhật Bản thúc đẩy hợp tác kinh tế\n\n"
    "Minh Anh 08:30 | 12/05/2024\n"
    "Hai nước nhất trí tăng cường hợp tác trong các lĩnh vực thương mại, đầu tư và chuyển đổi số.\n\n"
    "Ngày 11/5, tại Tokyo, Bộ trưởng hai nước đã có cuộc hội đàm thân mật và cởi mở về quan hệ song phương.\n\n"
    "Phía Nhật Bản khẳng định coi trọng vai trò của Việt Nam trong khu vực và mong muốn mở rộng đầu tư.\n\n"
    "Hai bên cũng trao đổi về các vấn đề quốc tế và khu vực cùng quan tâm, trong đó có an ninh biển.\n";

static void write_file(const char *name, const void *data, size_t n) { test_write_file(dir, name, data, n); }

static int setup(void **state)
{
    (void)state;
    assert_int_equal(test_dir_make(dir, sizeof dir, "ingest", "in/sub"), 0);
    snprintf(db, sizeof db, "%s/t.db", dir);
    memset(&rej, 0, sizeof rej);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

static att_ingest_stats run(const char *path) { return test_ingest(db, path, NULL, &rej); }

static const char *find_reject(const char *needle) { return test_find_reject(&rej, needle); }

static void test_text_file_stored_and_reingest_is_noop(void **state)
{
    (void)state;
    write_file("in/a.txt", ARTICLE, strlen(ARTICLE));
    char p[256];
    snprintf(p, sizeof p, "%s/in/a.txt", dir);
    att_ingest_stats st = run(p);
    assert_int_equal(st.read, 1);
    assert_int_equal(st.stored, 1);
    assert_int_equal(st.rejected, 0);
    st = run(p);
    assert_int_equal(st.stored, 0);
    assert_int_equal(st.duplicates, 1);
}

static void test_bad_inputs_rejected_others_stored(void **state)
{
    (void)state;
    write_file("in/good.txt", ARTICLE, strlen(ARTICLE));
    write_file("in/empty.txt", "", 0);
    write_file("in/blank.txt", "  \n\n \t\n", 7);
    const unsigned char bin[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0};
    write_file("in/prog.txt", bin, sizeof bin);
    const char badutf[] = "Tiêu đề\n\nNội dung \xc3\x28 hỏng.\n";
    write_file("in/bad.txt", badutf, strlen(badutf));
    const unsigned char gz[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
    write_file("in/sub/data.txt", gz, sizeof gz);
    write_file("in/sub/photo.jpg", bin, sizeof bin); /* skipped in directories */
    char p[256];
    snprintf(p, sizeof p, "%s/in", dir);
    att_ingest_stats st = run(p);
    assert_int_equal(st.stored, 1);
    assert_int_equal(st.rejected, 5);
    assert_int_equal(st.skipped, 1);
    assert_non_null(find_reject("empty.txt: empty"));
    assert_non_null(find_reject("blank.txt: empty"));
    assert_non_null(find_reject("prog.txt: binary"));
    const char *m = find_reject("bad.txt: invalid UTF-8 at byte");
    assert_non_null(m);
    assert_contains(m, "byte 24"); /* "Tiêu đề\n\nNội dung " is 24 bytes */
    assert_non_null(find_reject("data.txt: gzip"));
    /* one line each, no newline inside */
    for (int i = 0; i < rej.n && i < TEST_MAX_REJECTS; i++)
        assert_null(strchr(rej.msg[i], '\n'));
}

static void test_missing_file_rejected(void **state)
{
    (void)state;
    char p[256];
    snprintf(p, sizeof p, "%s/nope.txt", dir);
    att_ingest_stats st = run(p);
    assert_int_equal(st.rejected, 1);
    assert_non_null(find_reject("nope.txt: cannot read"));
}

static void test_html_detected_by_content(void **state)
{
    (void)state;
    const char *html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hợp tác Việt - Nhật</title></head>"
        "<body><article><h1>Hợp tác Việt - Nhật</h1>"
        "<p>Ngày 11/5, tại Tokyo, Bộ trưởng hai nước đã có cuộc hội đàm thân mật và cởi mở về quan hệ song phương.</p>"
        "<p>Phía Nhật Bản khẳng định coi trọng vai trò của Việt Nam trong khu vực và mong muốn mở rộng đầu tư.</p>"
        "<p>Hai bên cũng trao đổi về các vấn đề quốc tế và khu vực cùng quan tâm, trong đó có an ninh biển.</p>"
        "</article></body></html>";
    write_file("in/page", html, strlen(html));
    char p[256];
    snprintf(p, sizeof p, "%s/in/page", dir);
    att_ingest_stats st = run(p);
    assert_int_equal(st.stored, 1);
    att_store *s;
    char err[256];
    assert_int_equal(att_store_open(db, &s, err, sizeof err), ATT_OK);
    att_article a;
    att_article_meta m;
    att_article_init(&a);
    assert_int_equal(att_store_get_article(s, 1, &a, &m, err, sizeof err), ATT_OK);
    assert_non_null(a.title);
    assert_contains(a.title, "Hợp tác Việt - Nhật");
    assert_non_null(a.source);
    assert_contains(a.source, "in/page");
    att_article_free(&a);
    att_store_close(s);
}

/* gzip one WARC record as its own member, as WARC writers do */
static size_t gzip_member(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)in;
    z.avail_in = (unsigned)n;
    z.next_out = out;
    z.avail_out = (unsigned)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t len = z.total_out;
    deflateEnd(&z);
    return len;
}

static void test_warc_gz_and_truncation(void **state)
{
    (void)state;
    const char *html =
        "<html><head><meta charset=\"utf-8\"><title>Tin thế giới</title></head><body><article>"
        "<h1>Nga và Trung Quốc hội đàm</h1>"
        "<p>Ngoại trưởng hai nước đã hội đàm tại Bắc Kinh về tình hình khu vực và quan hệ song phương.</p>"
        "<p>Hai bên nhất trí tăng cường phối hợp tại các diễn đàn đa phương trong thời gian tới.</p>"
        "</article></body></html>";
    char http[4096], rec[8192];
    int hl = snprintf(http, sizeof http,
                      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s", html);
    int rl = snprintf(rec, sizeof rec,
                      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.vn/a\r\n"
                      "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
                      hl, http);
    unsigned char gz[8192];
    size_t gl = gzip_member(rec, (size_t)rl, gz, sizeof gz);
    write_file("in/a.warc.gz", gz, gl);
    write_file("in/cut.warc.gz", gz, gl / 2);
    char p[256];
    snprintf(p, sizeof p, "%s/in/a.warc.gz", dir);
    att_ingest_stats st = run(p);
    assert_int_equal(st.stored, 1);
    assert_int_equal(st.rejected, 0);
    snprintf(p, sizeof p, "%s/in/cut.warc.gz", dir);
    st = run(p);
    assert_int_equal(st.stored, 0);
    assert_int_equal(st.rejected, 1);
    assert_non_null(find_reject("cut.warc.gz"));
}

static int hook_calls;
static att_status count_hook(void *ctx, att_store *s, int64_t id, const att_article *a, char *err,
                             size_t errlen)
{
    (void)ctx; (void)s; (void)a; (void)err; (void)errlen;
    assert_true(id > 0);
    hook_calls++;
    return ATT_OK;
}

static void test_memory_input_batches_and_hook(void **state)
{
    (void)state;
    att_store *s;
    att_ingester *g;
    char err[256];
    assert_int_equal(att_store_open(db, &s, err, sizeof err), ATT_OK);
    assert_int_equal(att_ingester_new(s, &g), ATT_OK);
    att_ingester_batch(g, 2);
    hook_calls = 0;
    att_ingester_on_article(g, count_hook, NULL);
    for (int i = 0; i < 5; i++) {
        char doc[2048];
        snprintf(doc, sizeof doc, "Bài số %d\n\n%s", i, ARTICLE + strlen("Việt Nam và Nhật Bản thúc đẩy hợp tác kinh tế\n\n"));
        assert_int_equal(att_ingest_memory(g, "mem", doc, strlen(doc), "text", err, sizeof err), ATT_OK);
    }
    att_ingest_stats st;
    assert_int_equal(att_ingester_finish(g, &st, err, sizeof err), ATT_OK);
    att_ingester_free(g);
    assert_int_equal(st.stored, 5);
    assert_int_equal(hook_calls, 5);
    assert_int_equal(att_store_count(s), 5);
    att_store_close(s);
}

/* The process-wide settings apply before SQLite is in use and are
 * refused, harmlessly, after; stores work either way (the tests below run
 * with them applied). */
static int init_first = -1;
static void test_init_process(void **state)
{
    (void)state;
    assert_int_equal(init_first, 1);
    att_store *s;
    char err[256];
    assert_int_equal(att_store_open(db, &s, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_init_process(), 0); /* SQLite is initialized now */
    att_ingester *g;
    assert_int_equal(att_ingester_new(s, &g), ATT_OK);
    assert_int_equal(att_ingest_memory(g, "mem", ARTICLE, strlen(ARTICLE), "text", err, sizeof err), ATT_OK);
    att_ingest_stats st;
    assert_int_equal(att_ingester_finish(g, &st, err, sizeof err), ATT_OK);
    assert_int_equal(st.stored, 1);
    att_ingester_free(g);
    att_store_close(s);
}

int main(void)
{
    init_first = att_store_init_process(); /* before anything uses SQLite, as the CLI does */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_init_process, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_file_stored_and_reingest_is_noop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_inputs_rejected_others_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_html_detected_by_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_warc_gz_and_truncation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_input_batches_and_hook, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
