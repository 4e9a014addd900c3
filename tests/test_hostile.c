/* test_hostile.c - hostile inputs (issue 16): pages built to exhaust the
 * HTML parser, decompression bombs, memory in proportion to the input.
 * Every input is generated here; none is read from outside the tree. */
#include "test_ingest_util.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "../src/article/html_dom.h"
#include "../src/article/html_extract.h"
#include "../src/article/text_extract.h"
#include "../src/extract/extract.h"
#include "../src/extract/lexicon.h"
#include "../src/ingest/ingest.h"
#include "../src/ingest/warc.h"
#include "../src/store/store.h"

/* Under ASan (make check's second run) the inputs are smaller and peak
 * RSS is not checked: its shadow memory and quarantine keep freed memory
 * resident. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

static char dir[64], db[160];
static test_rejects rej;

static int setup(void **state)
{
    (void)state;
    assert_int_equal(test_dir_make(dir, sizeof dir, "hostile", "in"), 0);
    snprintf(db, sizeof db, "%s/t.db", dir);
    memset(&rej, 0, sizeof rej);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

static void write_file(const char *name, const void *data, size_t n) { test_write_file(dir, name, data, n); }

/* Ingest path into db (with an article hook if given). */
static att_ingest_stats run_hooked(const char *path, att_article_hook hook) { return test_ingest(db, path, hook, &rej); }

static att_ingest_stats run(const char *path) { return run_hooked(path, NULL); }

/* n copies of `unit`, between head and tail, malloc'd. */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail, size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    assert_non_null(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    *len = hl + ul * n + tl;
    return s;
}

static const char *PAGE =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hợp tác Việt - Nhật %d</title></head>"
    "<body><article><h1>Hợp tác Việt - Nhật %d</h1>"
    "<p>Ngày 11/5, tại Tokyo, Bộ trưởng hai nước đã có cuộc hội đàm thân mật và cởi mở về quan hệ song phương (%d).</p>"
    "<p>Phía Nhật Bản khẳng định coi trọng vai trò của Việt Nam trong khu vực và mong muốn mở rộng đầu tư.</p>"
    "</article></body></html>";

static size_t check(const char *html, size_t len, char *msg, size_t msglen)
{
    size_t depth = 0;
    msg[0] = '\0';
    html_limits_scan(html, len, &depth, msg, msglen);
    return depth;
}

/* The pre-scan refuses what gumbo cannot take and passes ordinary markup. */
static void test_html_limits_scan(void **state)
{
    (void)state;
    char msg[128];
    size_t n;
    char *s = repeat("<html><body>", "<div>", 60000, "x", &n);
    assert_int_equal(att_html_check_limits(s, n, msg, sizeof msg), ATT_ERR_TOOBIG);
    assert_string_equal(msg, "HTML nesting deeper than 512");
    free(s);
    /* unclosed <p>/<li>/<td> close each other; void elements and
     * self-closed svg shapes never nest */
    const char *flat[] = {"<p>a", "<li>a", "<dd>a<dt>b", "<br><img src=x><hr>",
                          "<svg><path d=\"M0\"/></svg>", "<div></div>", "<p><b>x</b></p>",
                          "<option>x"};
    for (size_t k = 0; k < sizeof flat / sizeof flat[0]; k++) {
        s = repeat("<html><body>", flat[k], 5000, "", &n);
        assert_true(check(s, n, msg, sizeof msg) < 20);
        assert_int_equal(att_html_check_limits(s, n, msg, sizeof msg), ATT_OK);
        free(s);
    }
    s = repeat("<html><body><table>", "<tr><td>a<td>b", 5000, "</table>", &n);
    assert_true(check(s, n, msg, sizeof msg) < 20);
    free(s);
    /* tags in scripts, comments and attribute values are not tags */
    const char *hidden[] = {"<script>var a='<div><div>';</script>", "<!-- <div><div> -->",
                            "<img alt=\"<div><div>\">", "<style>a<b{}</style>"};
    for (size_t k = 0; k < sizeof hidden / sizeof hidden[0]; k++) {
        s = repeat("<html><body>", hidden[k], 2000, "", &n);
        assert_int_equal(att_html_check_limits(s, n, msg, sizeof msg), ATT_OK);
        free(s);
    }
    /* but the tree builder's own ways of nesting do count: a formatting
     * element closed by its block is reopened; an end tag does not pop
     * past a special element; a stray </td> or </p> pops nothing */
    const char *deep[] = {"<span><div></span>", "<li><ul></li>", "<x-a/>", "<svg><div><path/>",
                          "<table><tr><td><table><tr><td>", "<p><b>x</p>\n", "<button><u><s>",
                          "<br><frameset><table><td>"};
    for (size_t k = 0; k < sizeof deep / sizeof deep[0]; k++) {
        s = repeat("<html><body>", deep[k], 2000, "x", &n);
        assert_int_equal(att_html_check_limits(s, n, msg, sizeof msg), ATT_ERR_TOOBIG);
        assert_contains(msg, "HTML nesting deeper than");
        free(s);
    }
    /* formatting elements closed by a block are reopened inside the next
     * one, up to 3 alike ("Noah's Ark") */
    char *b = malloc(64 * 2000);
    assert_non_null(b);
    n = 0;
    for (int k = 0; k < 2000; k++)
        n += (size_t)sprintf(b + n, "<div><b class=c%d>x</div>", k);
    assert_int_equal(att_html_check_limits(b, n, msg, sizeof msg), ATT_ERR_TOOBIG);
    n = 0;
    for (int k = 0; k < 2000; k++)
        n += (size_t)sprintf(b + n, "<div><b class=c>x</div>");
    assert_true(check(b, n, msg, sizeof msg) < 10);
    free(b);
    /* attributes: many on one element, or in all */
    s = repeat("<html><body><div", " a=1", 70000, ">x</div>", &n);
    assert_int_equal(att_html_check_limits(s, n, msg, sizeof msg), ATT_ERR_TOOBIG);
    assert_string_equal(msg, "HTML element with more than 64 attributes");
    free(s);
    s = repeat("<html><body>", "<i a b c d e f g h i j k l m n o p q r s t></i>", 60000, "", &n);
    assert_int_equal(att_html_check_limits(s, n, msg, sizeof msg), ATT_ERR_TOOBIG);
    assert_string_equal(msg, "HTML page with more than 1000000 attributes");
    free(s);
    s = repeat("<html><body>", "<i></i>", 300000, "", &n);
    assert_int_equal(att_html_check_limits(s, n, msg, sizeof msg), ATT_ERR_TOOBIG);
    assert_string_equal(msg, "HTML page with more than 250000 elements");
    free(s);
}

/* A folder of 50 good pages and the pages that used to crash or stall
 * ingest: the bad ones are refused with one line each, the 50 stored. */
static void test_html_bombs_rejected_rest_stored(void **state)
{
    (void)state;
    char page[2048], name[64];
    for (int i = 0; i < 50; i++) {
        int n = snprintf(page, sizeof page, PAGE, i, i, i);
        snprintf(name, sizeof name, "in/p%02d.html", i);
        write_file(name, page, (size_t)n);
    }
    size_t n;
    char *s = repeat("<html><body>", "<div>", 320000, "x", &n);
    write_file("in/q-deep.html", s, n);
    free(s);
    s = repeat("<html><body>", "<span>", 320000, "x", &n);
    write_file("in/q-deep-inline.html", s, n);
    free(s);
    s = repeat("<html><body><div", " a=1", 70000, ">x</div>", &n);
    write_file("in/q-attrs.html", s, n);
    free(s);
    /* fails an assertion inside Debian's gumbo (abort) */
    const char *boom = "<table><svg><select><foreignObject><select><table><p>Ngày 11/5, tại Tokyo, "
                       "Bộ trưởng hai nước đã có cuộc hội đàm thân mật và cởi mở về quan hệ song phương.</p>";
    write_file("in/q-assert.html", boom, strlen(boom));
    char p[128];
    snprintf(p, sizeof p, "%s/in", dir);
    att_ingest_stats st = run(p);
    assert_int_equal(st.stored, 50);
    assert_int_equal(st.rejected, 4);
    assert_int_equal(rej.n, 4);
    assert_contains(rej.msg[0], "q-assert.html: HTML parser failed an internal check on this page");
    assert_contains(rej.msg[1], "q-attrs.html: HTML element with more than 64 attributes");
    assert_contains(rej.msg[2], "q-deep-inline.html: HTML nesting deeper than 512");
    assert_contains(rej.msg[3], "q-deep.html: HTML nesting deeper than 512");
}


/* ---- WARC and stdin: memory stops at the document limit ---- */

/* Peak RSS (KB) of a child that runs fn(arg); the child's exit status
 * must be 0. */
static long child_peak_kb(void (*fn)(void *), void *arg)
{
    int pfd[2];
    assert_int_equal(pipe(pfd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(pfd[0]);
        fn(arg);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        long kb = ru.ru_maxrss;
        if (write(pfd[1], &kb, sizeof kb) != sizeof kb)
            _exit(3);
        _exit(0);
    }
    close(pfd[1]);
    long kb = -1;
    assert_int_equal(read(pfd[0], &kb, sizeof kb), sizeof kb);
    close(pfd[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return kb;
}

static long rss_now_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Deflate `total` bytes of filler after `head` into one gzip member
 * written to f (streamed: the test never holds the inflated data). */
static void gzip_stream(FILE *f, const char *head, size_t total, const char *tail)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 1, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY), Z_OK);
    static unsigned char in[1 << 20], out[1 << 16];
    memset(in, ' ', sizeof in);
    const char *parts[3] = {head, NULL, tail};
    for (int p = 0; p < 3; p++) {
        size_t left = p == 1 ? total : strlen(parts[p]);
        while (left > 0 || p == 2) {
            size_t k = p == 1 ? (left < sizeof in ? left : sizeof in) : left;
            z.next_in = p == 1 ? in : (unsigned char *)parts[p] + (strlen(parts[p]) - left);
            z.avail_in = (unsigned)k;
            int flush = p == 2 && k == left ? Z_FINISH : Z_NO_FLUSH;
            int rc;
            do {
                z.next_out = out;
                z.avail_out = sizeof out;
                rc = deflate(&z, flush);
                fwrite(out, 1, sizeof out - z.avail_out, f);
            } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
            left -= k;
            if (flush == Z_FINISH)
                break;
        }
    }
    deflateEnd(&z);
}

static void ingest_child(void *arg)
{
    att_ingest_stats st = run((const char *)arg);
    if (st.stored + st.duplicates != 1 || st.rejected != 1) {
        fprintf(stderr, "stored %llu rejected %llu: %s\n", (unsigned long long)st.stored,
                (unsigned long long)st.rejected, rej.n ? rej.msg[0] : "");
        _exit(4);
    }
    if (!strstr(rej.msg[0], "WARC record of") && !strstr(rej.msg[0], "document too large"))
        _exit(5);
}

/* A 320 MB record in a .warc.gz, and a 320 MB gzip-encoded HTTP body
 * (64 MB under ASan)
 * in a plain .warc, next to a good record: the good one is stored, the
 * bomb refused, and memory stays far below the inflated size. */
static void test_warc_bombs_bounded(void **state)
{
    (void)state;
    char good[1024], rec[2048], path[256];
    int hl = snprintf(good, sizeof good, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" "%s",
                      "<html><body><article><p>Ngày 11/5, tại Tokyo, Bộ trưởng hai nước đã có cuộc "
                      "hội đàm thân mật và cởi mở về quan hệ song phương.</p><p>Phía Nhật Bản khẳng "
                      "định coi trọng vai trò của Việt Nam trong khu vực.</p></article></body></html>");
    snprintf(rec, sizeof rec,
                      "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.vn/good\r\n"
                      "Content-Length: %d\r\n\r\n%s\r\n\r\n", hl, good);
    size_t big = (size_t)(UNDER_ASAN ? 64 : 320) << 20;
    /* 1: the record itself inflates to 1 GiB */
    snprintf(path, sizeof path, "%s/in/bomb.warc.gz", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    char head[4096];
    const char *http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>";
    snprintf(head, sizeof head,
             "%sWARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.vn/bomb\r\n"
             "Content-Length: %zu\r\n\r\n%s", rec, strlen(http) + big, http);
    gzip_stream(f, head, big, "\r\n\r\n");
    fclose(f);
    long base = rss_now_kb();
    long kb = child_peak_kb(ingest_child, path);
    assert_true(UNDER_ASAN || kb - base < 160 * 1024);
    /* 2: a plain WARC whose HTTP body is gzip that inflates to 1 GiB */
    snprintf(path, sizeof path, "%s/in/body.warc", dir);
    char gzpath[256];
    snprintf(gzpath, sizeof gzpath, "%s/body.gz", dir);
    f = fopen(gzpath, "wb");
    assert_non_null(f);
    gzip_stream(f, "<html><body>", big, "</body></html>");
    fclose(f);
    struct stat sb;
    assert_int_equal(stat(gzpath, &sb), 0);
    f = fopen(path, "wb");
    assert_non_null(f);
    const char *h2 = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n";
    fprintf(f, "%sWARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.vn/body\r\n"
               "Content-Length: %zu\r\n\r\n%s", rec, strlen(h2) + (size_t)sb.st_size, h2);
    FILE *g = fopen(gzpath, "rb");
    assert_non_null(g);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, g)) > 0)
        fwrite(chunk, 1, k, f);
    fclose(g);
    fputs("\r\n\r\n", f);
    fclose(f);
    remove(gzpath);
    kb = child_peak_kb(ingest_child, path);
    assert_true(UNDER_ASAN || kb - base < 160 * 1024);
}

static int hook_truncates;
static char trunc_path[256];
static att_status truncating_hook(void *ctx, att_store *s, int64_t id, const att_article *a,
                                  char *err, size_t errlen)
{
    (void)ctx; (void)s; (void)id; (void)a; (void)err; (void)errlen;
    if (!hook_truncates++)
        assert_int_equal(truncate(trunc_path, 4096), 0);
    return ATT_OK;
}

/* A WARC file cut short while it is being read (by the article hook,
 * after its first record): the rest is reported truncated - no SIGBUS. */
static void test_file_truncated_while_read(void **state)
{
    (void)state;
    char good[1024];
    snprintf(trunc_path, sizeof trunc_path, "%s/in/cut.warc", dir);
    FILE *f = fopen(trunc_path, "wb");
    assert_non_null(f);
    for (int i = 0; i < 40; i++) {
        int hl = snprintf(good, sizeof good,
                          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article>"
                          "<p>Ngày 11/5, tại Tokyo, Bộ trưởng hai nước đã có cuộc hội đàm số %d về quan "
                          "hệ song phương và hợp tác kinh tế.</p></article><!--",
                          i);
        size_t pad = 100000;
        fprintf(f, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.vn/%d\r\n"
                   "Content-Length: %zu\r\n\r\n%s", i, (size_t)hl + pad + 3, good);
        for (size_t j = 0; j < pad; j++)
            fputc('x', f);
        fputs("-->\r\n\r\n", f);
    }
    fclose(f);
    hook_truncates = 0;
    att_ingest_stats st = run_hooked(trunc_path, truncating_hook);
    assert_true(st.stored >= 1 && st.stored < 40);
    assert_int_equal(st.rejected, 1);
    assert_contains(rej.msg[0], "cut.warc");
}


static int no_cb(void *ctx, const char *uri, const char *ct, const char *payload, size_t len)
{
    (void)ctx; (void)uri; (void)ct; (void)payload; (void)len;
    return 0;
}

static void warc_walk_child(void *arg)
{
    alarm(60); /* a hang guard, not a timing: the quadratic reader took over 100 s */
    char **io = arg;
    size_t n = 0;
    char err[256];
    if (att_warc_read(io[0], (size_t)(io[1] - io[0]), no_cb, NULL, &n, err, sizeof err) != ATT_OK ||
        n != 80001)
        _exit(6);
}

/* A .warc.gz of 155 KB - one 20 MB record, then 80,000 small ones in the
 * same gzip member - is read in linear time (every small record used to
 * move the whole inflated window: 100 s). */
static void test_warc_many_records_linear(void **state)
{
    (void)state;
    size_t big = (size_t)20 << 20, tl = 0;
    char head[256];
    snprintf(head, sizeof head, "WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: %zu\r\n\r\n", big);
    const char *small = "\r\n\r\nWARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 50\r\n\r\n"
                        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    char *tail = repeat("", small, 80000, "\r\n\r\n", &tl);
    char path[256];
    snprintf(path, sizeof path, "%s/many.warc.gz", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    gzip_stream(f, head, big, tail);
    fclose(f);
    free(tail);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size < 400000);
    char *data = malloc((size_t)sb.st_size);
    assert_non_null(data);
    f = fopen(path, "rb");
    assert_int_equal(fread(data, 1, (size_t)sb.st_size, f), (size_t)sb.st_size);
    fclose(f);
    char *io[2] = {data, data + sb.st_size};
    child_peak_kb(warc_walk_child, io);
    free(data);
}


/* ---- text pages of very many short lines ---- */


/* A text page of n bytes: a headline, then short paragraphs that name
 * countries (every one keeps mention and token state). */
static char *short_lines(size_t n, size_t *len)
{
    char *s = malloc(n + 256);
    assert_non_null(s);
    size_t k = (size_t)sprintf(s, "Việt Nam và Nhật Bản thúc đẩy hợp tác kinh tế toàn diện trong năm nay.\n\n");
    for (int i = 0; k < n; i++)
        k += (size_t)sprintf(s + k, i % 2 ? "Mỹ và Nga %d.\n\n" : "Hà Nội.\n\n", i);
    *len = k;
    return s;
}

static void extract_child(void *arg)
{
    const size_t *n = arg;
    att_lexicon *lx;
    char err[256];
    if (att_lexicon_load(&lx, err, sizeof err) != ATT_OK)
        _exit(7);
    size_t len;
    char *text = short_lines(*n, &len);
    att_article a;
    att_article_init(&a);
    if (att_text_extract(text, len, &a) != ATT_OK)
        _exit(8);
    att_extraction x;
    if (att_extract(lx, &a, &x) != ATT_OK || x.n_mentions == 0)
        _exit(9);
    att_extraction_free(&x);
    att_article_free(&a);
    free(text);
    att_lexicon_free(lx);
}

/* Extraction of a 1.2 MB page of 100,000 short paragraphs used to reach
 * 0.95 GB (6 MB: 4.5 GB): each paragraph started with room for 256 tokens
 * and 32 mentions.  Now the state is proportional to the text and only
 * the first ATT_EXTRACT_MAX_PARAS paragraphs are coded.  (Peak RSS is
 * checked outside ASan, whose quarantine keeps freed memory resident.) */
static void test_text_short_lines_memory(void **state)
{
    (void)state;
    long base = rss_now_kb();
    size_t n = 1200000;
    long kb = child_peak_kb(extract_child, &n);
    if (!UNDER_ASAN)
        assert_true(kb - base < 120 * 1024);
    if (UNDER_ASAN)
        return;
    n = 6000000;
    kb = child_peak_kb(extract_child, &n);
    assert_true(kb - base < 200 * 1024);
}

/* Standard input is read up to the document limit, no further. */
static void test_stdin_stops_at_limit(void **state)
{
    (void)state;
    int pfd[2];
    assert_int_equal(pipe(pfd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) { /* writes up to 200 MB; exit status: MB written */
        close(pfd[0]);
        signal(SIGPIPE, SIG_IGN);
        static char mb[1 << 20];
        memset(mb, 'a', sizeof mb);
        for (int i = 0; i < 200; i++) {
            size_t off = 0;
            while (off < sizeof mb) {
                ssize_t k = write(pfd[1], mb + off, sizeof mb - off);
                if (k <= 0)
                    _exit(i);
                off += (size_t)k;
            }
        }
        _exit(200);
    }
    close(pfd[1]);
    int saved = dup(0);
    assert_int_equal(dup2(pfd[0], 0), 0);
    close(pfd[0]);
    att_ingest_stats st = run("-");
    assert_int_equal(dup2(saved, 0), 0); /* closes the pipe: the writer stops */
    close(saved);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_true(WEXITSTATUS(status) < 40);
    assert_int_equal(st.rejected, 1);
    assert_contains(rej.msg[0], "-: document too large for one article");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_limits_scan),
        cmocka_unit_test_setup_teardown(test_html_bombs_rejected_rest_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_warc_bombs_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_truncated_while_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_warc_many_records_linear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stdin_stops_at_limit, setup, teardown),
        cmocka_unit_test(test_text_short_lines_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
