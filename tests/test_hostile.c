/* test_hostile.c - hostile inputs (issue 16): pages built to exhaust the
 * HTML parser, decompression bombs, memory in proportion to the input.
 * Every input is generated here; none is read from outside the tree. */
#include "test_util.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "../src/article/html_dom.h"
#include "../src/article/html_extract.h"
#include "../src/ingest/ingest.h"
#include "../src/store/store.h"

static char dir[64], db[160];
static char rejects[8][512];
static int n_rejects;

static void on_reject(void *ctx, const char *msg)
{
    (void)ctx;
    if (n_rejects < 8)
        snprintf(rejects[n_rejects], sizeof rejects[0], "%s", msg);
    n_rejects++;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/attache-hostile-%d", (int)getpid());
    snprintf(db, sizeof db, "%s/t.db", dir);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s/in", dir, dir);
    assert_int_equal(system(cmd), 0);
    n_rejects = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *name, const void *data, size_t n)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static att_ingest_stats run(const char *path)
{
    att_store *s;
    att_ingester *g;
    char err[256] = "";
    assert_int_equal(att_store_open(db, &s, err, sizeof err), ATT_OK);
    assert_int_equal(att_ingester_new(s, &g), ATT_OK);
    att_ingester_on_reject(g, on_reject, NULL);
    assert_int_equal(att_ingest_path(g, path, err, sizeof err), ATT_OK);
    att_ingest_stats st;
    assert_int_equal(att_ingester_finish(g, &st, err, sizeof err), ATT_OK);
    att_ingester_free(g);
    att_store_close(s);
    return st;
}

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
                          "<table><tr><td><table><tr><td>"};
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
    assert_string_equal(msg, "HTML element with more than 256 attributes");
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
    assert_int_equal(n_rejects, 4);
    assert_contains(rejects[0], "q-assert.html: HTML parser failed an internal check on this page");
    assert_contains(rejects[1], "q-attrs.html: HTML element with more than 256 attributes");
    assert_contains(rejects[2], "q-deep-inline.html: HTML nesting deeper than 512");
    assert_contains(rejects[3], "q-deep.html: HTML nesting deeper than 512");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_limits_scan),
        cmocka_unit_test_setup_teardown(test_html_bombs_rejected_rest_stored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
