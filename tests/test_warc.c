/* test_warc.c - WARC reading: plain and gzip, record filtering, payload
 * decoding, malformed input. */
#include "test_util.h"

#include <zlib.h>

#include "../src/ingest/warc.h"
#include "../src/util/buf.h"

/* ---- building test WARCs ---- */

static void add_record_n(att_buf *w, const char *type, const char *uri, const char *block,
                         size_t blen)
{
    static int id;
    assert_int_equal(att_buf_printf(w,
                                    "WARC/1.0\r\n"
                                    "WARC-Type: %s\r\n"
                                    "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
                                    "WARC-Date: 2023-05-04T08:15:00Z\r\n"
                                    "%s%s%s"
                                    "Content-Type: application/http; msgtype=%s\r\n"
                                    "Content-Length: %zu\r\n\r\n",
                                    type, ++id, uri ? "WARC-Target-URI: " : "", uri ? uri : "",
                                    uri ? "\r\n" : "", type, blen),
                     ATT_OK);
    assert_int_equal(att_buf_append(w, block, blen), ATT_OK);
    assert_int_equal(att_buf_puts(w, "\r\n\r\n"), ATT_OK);
}

static void add_record(att_buf *w, const char *type, const char *uri, const char *block)
{
    add_record_n(w, type, uri, block, strlen(block));
}

static void gzip_into(att_buf *out, const char *s, size_t n)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    uLong bound = deflateBound(&zs, (uLong)n);
    assert_int_equal(att_buf_reserve(out, bound), ATT_OK);
    zs.next_in = (Bytef *)s;
    zs.avail_in = (uInt)n;
    zs.next_out = (Bytef *)(out->data + out->len);
    zs.avail_out = (uInt)bound;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    out->len += bound - zs.avail_out;
    deflateEnd(&zs);
}

/* Vietnamese news-style HTML payloads. */
#define PAGE1                                                                                      \
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Việt Nam và Nhật Bản ký thỏa "     \
    "thuận hợp tác</title></head><body><p>Chiều 3/5, hai bên đã ký kết biên bản ghi nhớ.</p>"     \
    "</body></html>"
#define PAGE2                                                                                      \
    "<html><body><h1>Hội nghị ASEAN lần thứ 42</h1><p>Các nhà lãnh đạo thảo luận về an ninh "     \
    "khu vực.</p></body></html>"

static const char *http(const char *status, const char *headers, const char *body, att_buf *b)
{
    att_buf_clear(b);
    assert_int_equal(att_buf_printf(b, "HTTP/1.1 %s\r\n%sServer: nginx\r\n\r\n%s", status, headers,
                                    body),
                     ATT_OK);
    return b->data;
}

/* The standard test file: 7 records, 2 of them deliverable HTML. */
static void build_sample(att_buf *w, int gz)
{
    att_buf b = ATT_BUF_INIT, one = ATT_BUF_INIT;
    struct {
        const char *type, *uri, *status, *headers, *body;
    } recs[] = {
        {"warcinfo", NULL, NULL, NULL, "software: test\r\nformat: WARC File Format 1.0\r\n"},
        {"request", "https://tin.example.vn/the-gioi/bai-1.html", NULL, NULL,
         "GET /the-gioi/bai-1.html HTTP/1.1\r\nHost: tin.example.vn\r\n\r\n"},
        {"response", "https://tin.example.vn/the-gioi/bai-1.html", "200 OK",
         "Content-Type: text/html; charset=utf-8\r\n", PAGE1},
        {"response", "https://tin.example.vn/khong-ton-tai.html", "404 Not Found",
         "Content-Type: text/html\r\n", "<html><body>Không tìm thấy trang</body></html>"},
        {"response", "https://tin.example.vn/anh/hoi-nghi.jpg", "200 OK",
         "Content-Type: image/jpeg\r\n", "\xFF\xD8\xFF\xE0 not really a jpeg"},
        {"response", "<https://tin.example.vn/asean/bai-2.html>", "200 OK",
         "Content-Type: application/xhtml+xml\r\n", PAGE2},
        {"metadata", "https://tin.example.vn/the-gioi/bai-1.html", NULL, NULL, "outlinks: 3\r\n"},
    };
    for (size_t i = 0; i < sizeof recs / sizeof recs[0]; i++) {
        const char *block =
            recs[i].status ? http(recs[i].status, recs[i].headers, recs[i].body, &b) : recs[i].body;
        att_buf_clear(&one);
        add_record(gz ? &one : w, recs[i].type, recs[i].uri, block);
        if (gz)
            gzip_into(w, one.data, one.len);
    }
    att_buf_free(&b);
    att_buf_free(&one);
}

/* ---- collecting callback ---- */

typedef struct got {
    int n;
    char uri[8][128];
    char ctype[8][64];
    int ctype_null[8];
    att_buf payload[8];
    int stop_after; /* 0 = never */
} got;

static int collect(void *ctx, const char *uri, const char *ct, const char *payload, size_t len)
{
    got *g = ctx;
    assert_true(g->n < 8);
    snprintf(g->uri[g->n], sizeof g->uri[0], "%s", uri);
    g->ctype_null[g->n] = ct == NULL;
    snprintf(g->ctype[g->n], sizeof g->ctype[0], "%s", ct ? ct : "");
    assert_int_equal(att_buf_append(&g->payload[g->n], payload, len), ATT_OK);
    g->n++;
    return g->stop_after && g->n >= g->stop_after;
}

static void got_free(got *g)
{
    for (int i = 0; i < 8; i++)
        att_buf_free(&g->payload[i]);
}

static void check_sample(const got *g)
{
    assert_int_equal(g->n, 2);
    assert_string_equal(g->uri[0], "https://tin.example.vn/the-gioi/bai-1.html");
    assert_string_equal(g->ctype[0], "text/html; charset=utf-8");
    assert_string_equal(g->payload[0].data, PAGE1);
    assert_string_equal(g->uri[1], "https://tin.example.vn/asean/bai-2.html");
    assert_string_equal(g->ctype[1], "application/xhtml+xml");
    assert_string_equal(g->payload[1].data, PAGE2);
}

static void plain_records(void **state)
{
    (void)state;
    att_buf w = ATT_BUF_INIT;
    build_sample(&w, 0);
    got g = {0};
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(n, 7);
    check_sample(&g);
    got_free(&g);
    att_buf_free(&w);
}

static void gzip_member_per_record(void **state)
{
    (void)state;
    att_buf w = ATT_BUF_INIT;
    build_sample(&w, 1);
    assert_int_equal((unsigned char)w.data[0], 0x1F);
    got g = {0};
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(n, 7);
    check_sample(&g);
    got_free(&g);
    att_buf_free(&w);
}

static void gzip_single_member(void **state)
{
    (void)state;
    att_buf plain = ATT_BUF_INIT, w = ATT_BUF_INIT;
    build_sample(&plain, 0);
    gzip_into(&w, plain.data, plain.len);
    got g = {0};
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(n, 7);
    check_sample(&g);
    got_free(&g);
    att_buf_free(&plain);
    att_buf_free(&w);
}

static void chunked_and_gzip_payloads(void **state)
{
    (void)state;
    att_buf w = ATT_BUF_INIT, b = ATT_BUF_INIT, z = ATT_BUF_INIT;
    /* chunked, with a chunk extension and a trailer */
    const char *chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n"
                          "d\r\n<p>Hà Nội \r\n"
                          "16;ext=1\r\nmùa thu năm ấy</p>\r\n"
                          "0\r\nX-Trailer: 1\r\n\r\n";
    add_record(&w, "response", "https://tin.example.vn/a.html", chunked);
    /* gzip content-encoding */
    const char *body = "<html><body><p>Thủ tướng tiếp Đại sứ Pháp.</p></body></html>";
    gzip_into(&z, body, strlen(body));
    assert_int_equal(att_buf_printf(&b,
                                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                                    "Content-Encoding: gzip\r\nContent-Length: %zu\r\n\r\n",
                                    z.len),
                     ATT_OK);
    assert_int_equal(att_buf_append(&b, z.data, z.len), ATT_OK);
    add_record_n(&w, "response", "https://tin.example.vn/b.html", b.data, b.len);
    /* interim 100 Continue, then a 200 without Content-Type that is HTML */
    add_record(&w, "response", "https://tin.example.vn/c.html",
               "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nServer: x\r\n\r\n"
               "\n<!DOCTYPE html><html><p>Tin nhanh</p></html>");
    /* a coding we cannot undo: skipped unless stored decoded */
    add_record(&w, "response", "https://tin.example.vn/br.html",
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n"
               "\x1b\x8a\x03\x00 compressed bytes");
    /* no Content-Type and not HTML: skipped */
    add_record(&w, "response", "https://tin.example.vn/d.bin",
               "HTTP/1.1 200 OK\r\n\r\nPK\x03\x04 binary");
    got g = {0};
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(n, 5);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.payload[0].data, "<p>Hà Nội mùa thu năm ấy</p>");
    assert_string_equal(g.payload[1].data, body);
    assert_string_equal(g.ctype[1], "text/html; charset=UTF-8");
    assert_string_equal(g.payload[2].data, "\n<!DOCTYPE html><html><p>Tin nhanh</p></html>");
    assert_true(g.ctype_null[2]);
    got_free(&g);
    att_buf_free(&w);
    att_buf_free(&b);
    att_buf_free(&z);
}

static void truncated_gzip(void **state)
{
    (void)state;
    att_buf w = ATT_BUF_INIT, one = ATT_BUF_INIT, b = ATT_BUF_INIT;
    const char *uris[] = {"https://tin.example.vn/1.html", "https://tin.example.vn/2.html",
                          "https://tin.example.vn/3.html"};
    size_t third_at = 0;
    for (int i = 0; i < 3; i++) {
        att_buf_clear(&one);
        add_record(&one, "response", uris[i],
                   http("200 OK", "Content-Type: text/html\r\n", PAGE2, &b));
        if (i == 2)
            third_at = w.len;
        gzip_into(&w, one.data, one.len);
    }
    size_t cut = third_at + (w.len - third_at) / 2;
    got g = {0};
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, cut, collect, &g, &n, err, sizeof err), ATT_ERR_FORMAT);
    assert_int_equal(g.n, 2); /* the records before the damage were delivered */
    assert_string_equal(g.uri[1], uris[1]);
    assert_int_equal(n, 2);
    assert_contains(err, "truncated gzip");
    assert_contains(err, "record 3");
    char where[64];
    snprintf(where, sizeof where, "offset %zu", third_at);
    assert_contains(err, where);
    got_free(&g);

    /* garbage after a complete member */
    memset(&g, 0, sizeof g);
    assert_int_equal(att_buf_append(&w, "junk!", 5), ATT_OK);
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_ERR_FORMAT);
    assert_int_equal(g.n, 3);
    assert_contains(err, "garbage");
    got_free(&g);
    att_buf_free(&w);
    att_buf_free(&one);
    att_buf_free(&b);
}

static void bad_content_length(void **state)
{
    (void)state;
    att_buf w = ATT_BUF_INIT, b = ATT_BUF_INIT;
    add_record(&w, "response", "https://tin.example.vn/1.html",
               http("200 OK", "Content-Type: text/html\r\n", PAGE1, &b));
    size_t second_at = w.len;
    assert_int_equal(att_buf_puts(&w, "WARC/1.1\r\nWARC-Type: response\r\n"
                                      "Content-Length: 12x\r\n\r\nHTTP/1.1 200\r\n\r\n"),
                     ATT_OK);
    got g = {0};
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_ERR_FORMAT);
    assert_int_equal(g.n, 1);
    assert_int_equal(n, 1);
    assert_contains(err, "Content-Length");
    assert_contains(err, "record 2");
    char where[64];
    snprintf(where, sizeof where, "byte offset %zu", second_at);
    assert_contains(err, where);
    got_free(&g);

    /* Content-Length running past the end of the file */
    w.len = second_at;
    assert_int_equal(att_buf_puts(&w, "WARC/1.0\r\nWARC-Type: response\r\n"
                                      "Content-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>"),
                     ATT_OK);
    memset(&g, 0, sizeof g);
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_ERR_FORMAT);
    assert_int_equal(g.n, 1);
    assert_contains(err, "5000");
    got_free(&g);

    /* missing Content-Length */
    w.len = second_at;
    assert_int_equal(att_buf_puts(&w, "WARC/1.0\r\nWARC-Type: metadata\r\n\r\nabc\r\n\r\n"), ATT_OK);
    memset(&g, 0, sizeof g);
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "missing Content-Length");
    got_free(&g);
    att_buf_free(&w);
    att_buf_free(&b);
}

static void missing_version_line(void **state)
{
    (void)state;
    got g = {0};
    size_t n = 99;
    char err[256] = "";
    const char *junk = "<html><body>not a warc</body></html>";
    assert_int_equal(att_warc_read(junk, strlen(junk), collect, &g, &n, err, sizeof err),
                     ATT_ERR_FORMAT);
    assert_int_equal(n, 0);
    assert_int_equal(g.n, 0);
    assert_contains(err, "record 1 at byte offset 0");
    assert_contains(err, "WARC/1.x");
    /* version 2 is not something we can read */
    const char *v2 = "WARC/2.0\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
    assert_int_equal(att_warc_read(v2, strlen(v2), collect, &g, &n, err, sizeof err),
                     ATT_ERR_FORMAT);
    /* empty input is an empty WARC */
    assert_int_equal(att_warc_read("", 0, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(n, 0);
    got_free(&g);
}

static void callback_stops(void **state)
{
    (void)state;
    att_buf w = ATT_BUF_INIT;
    build_sample(&w, 1);
    got g = {0};
    g.stop_after = 1;
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(g.n, 1);
    assert_int_equal(n, 3); /* warcinfo, request, the response that stopped it */
    got_free(&g);
    att_buf_free(&w);
}

/* A record larger than the inflate window forces the window to grow and
 * slide; many small records make it slide often. */
static void large_and_many_records(void **state)
{
    (void)state;
    att_buf body = ATT_BUF_INIT, b = ATT_BUF_INIT, one = ATT_BUF_INIT, w = ATT_BUF_INIT;
    assert_int_equal(att_buf_puts(&body, "<html><body>"), ATT_OK);
    for (int i = 0; i < 40000; i++)
        assert_int_equal(att_buf_printf(&body, "<p>Đoạn %d: Quan hệ song phương.</p>", i), ATT_OK);
    assert_int_equal(att_buf_puts(&body, "</body></html>"), ATT_OK);
    add_record(&one, "response", "https://tin.example.vn/dai.html",
               http("200 OK", "Content-Type: text/html\r\n", body.data, &b));
    gzip_into(&w, one.data, one.len);
    for (int i = 0; i < 300; i++) {
        att_buf_clear(&one);
        add_record(&one, "request", "https://tin.example.vn/x.html", "GET / HTTP/1.1\r\n\r\n");
        gzip_into(&w, one.data, one.len);
    }
    got g = {0};
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(att_warc_read(w.data, w.len, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(n, 301);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.payload[0].len, body.len);
    assert_memory_equal(g.payload[0].data, body.data, body.len);
    got_free(&g);
    att_buf_free(&body);
    att_buf_free(&b);
    att_buf_free(&one);
    att_buf_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_records),
        cmocka_unit_test(gzip_member_per_record),
        cmocka_unit_test(gzip_single_member),
        cmocka_unit_test(chunked_and_gzip_payloads),
        cmocka_unit_test(truncated_gzip),
        cmocka_unit_test(bad_content_length),
        cmocka_unit_test(missing_version_line),
        cmocka_unit_test(callback_stops),
        cmocka_unit_test(large_and_many_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
