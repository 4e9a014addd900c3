/* test_follow_units.c - the crawler's parts: URL normalization, address
 * classification, robots.txt matching, feed/sitemap/list/HTML parsing,
 * feed dates, the WARC writer read back by attache's reader, and a refused
 * internal address (no network: refused before connecting). */
#include "test_util.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../src/follow/feed.h"
#include "../src/follow/fetch.h"
#include "../src/follow/robots.h"
#include "../src/follow/url.h"
#include "../src/follow/warc_write.h"
#include "../src/ingest/warc.h"
#include "../src/util/fileio.h"

/* ---- URLs ---- */

static void check_norm(const char *in, const char *base, int flags, const char *want)
{
    char *out = NULL, err[256] = "";
    att_status st = att_url_normalize(in, base, flags, &out, err, sizeof err);
    if (!want) {
        assert_int_not_equal(st, ATT_OK);
        assert_true(*err != '\0');
        assert_null(out);
        return;
    }
    if (st != ATT_OK)
        fail_msg("%s: %s", in, err);
    if (strcmp(out, want))
        fail_msg("normalize(%s) = %s, want %s", in, out, want);
    free(out);
}

static void test_url_normalize(void **state)
{
    (void)state;
    check_norm("HTTP://Example.COM:80/a/b?x=1#frag", NULL, 0, "http://example.com/a/b?x=1");
    check_norm("https://example.com:443", NULL, 0, "https://example.com/");
    check_norm("https://example.com:8443/", NULL, 0, "https://example.com:8443/");
    check_norm("http://example.com/a/./b/../c", NULL, 0, "http://example.com/a/c");
    check_norm("http://example.com/../../x", NULL, 0, "http://example.com/x");
    check_norm("http://example.com/a/..", NULL, 0, "http://example.com/");
    check_norm("http://example.com/%7euser/%2f%e1%BA%A1", NULL, 0, "http://example.com/~user/%2F%E1%BA%A1");
    check_norm("http://example.com/tin tức/ạ", NULL, 0, "http://example.com/tin%20t%E1%BB%A9c/%E1%BA%A1");
    check_norm("http://example.com/p?utm_source=rss&id=5&utm_medium=x&fbclid=abc&gclid=z", NULL, 0,
               "http://example.com/p?id=5");
    check_norm("http://example.com/p?utm_source=rss", NULL, 0, "http://example.com/p");
    check_norm("http://example.com/news/?a=1&&b=2", NULL, 0, "http://example.com/news/?a=1&b=2");
    check_norm("http://example.com/news/", NULL, ATT_URL_KEY, "http://example.com/news");
    check_norm("http://example.com/", NULL, ATT_URL_KEY, "http://example.com/");
    check_norm("http://example.com./x", NULL, 0, "http://example.com/x");
    check_norm("  http://example.com/x \n", NULL, 0, "http://example.com/x");
    check_norm("http://[::1]:8080/x", NULL, 0, "http://[::1]:8080/x");
    /* relative references (RFC 3986 5.4) */
    const char *base = "http://a.vn/b/c/d;p?q";
    check_norm("g", base, 0, "http://a.vn/b/c/g");
    check_norm("./g", base, 0, "http://a.vn/b/c/g");
    check_norm("g/", base, 0, "http://a.vn/b/c/g/");
    check_norm("/g", base, 0, "http://a.vn/g");
    check_norm("//g.vn/x", base, 0, "http://g.vn/x");
    check_norm("?y", base, 0, "http://a.vn/b/c/d;p?y");
    check_norm("g?y#s", base, 0, "http://a.vn/b/c/g?y");
    check_norm("#s", base, 0, "http://a.vn/b/c/d;p?q");
    check_norm("", base, 0, "http://a.vn/b/c/d;p?q");
    check_norm("../g", base, 0, "http://a.vn/b/g");
    check_norm("../../../g", base, 0, "http://a.vn/g");
    check_norm("https://other.vn", base, 0, "https://other.vn/");
    /* refused */
    check_norm("ftp://example.com/x", NULL, 0, NULL);
    check_norm("javascript:alert(1)", "http://a.vn/", 0, NULL);
    check_norm("mailto:a@b.vn", "http://a.vn/", 0, NULL);
    check_norm("http://user:pw@example.com/", NULL, 0, NULL);
    check_norm("http://example.com:99999/", NULL, 0, NULL);
    check_norm("http://example.com:8x/", NULL, 0, NULL);
    check_norm("http:///x", NULL, 0, NULL);
    check_norm("relative/only", NULL, 0, NULL);
    check_norm("http://exa mple.com/", NULL, 0, NULL);
    char *longu = malloc(ATT_URL_MAX + 100);
    strcpy(longu, "http://example.com/");
    memset(longu + 19, 'a', ATT_URL_MAX);
    longu[ATT_URL_MAX + 19] = '\0';
    check_norm(longu, NULL, 0, NULL);
    free(longu);
    char o[64];
    assert_int_equal(att_url_origin("https://a.vn:8443/x?y", o, sizeof o), 0);
    assert_string_equal(o, "https://a.vn:8443");
    assert_int_equal(att_url_host("https://a.vn:8443/x?y", o, sizeof o), 0);
    assert_string_equal(o, "a.vn");
    assert_int_equal(att_url_host("http://[::1]:80/", o, sizeof o), 0);
    assert_string_equal(o, "::1");
    assert_string_equal(att_url_path("http://a.vn/x/y?z=1"), "/x/y?z=1");
    assert_true(att_url_tracking_param("utm_campaign", 12));
    assert_false(att_url_tracking_param("utm", 3));
    assert_false(att_url_tracking_param("id", 2));
}

static void test_addr_classify(void **state)
{
    (void)state;
    static const struct { const char *a; int c; } cases[] = {
        {"127.0.0.1", ATT_ADDR_LOOPBACK},    {"127.255.1.2", ATT_ADDR_LOOPBACK},
        {"::1", ATT_ADDR_LOOPBACK},          {"::ffff:127.0.0.1", ATT_ADDR_LOOPBACK},
        {"10.1.2.3", ATT_ADDR_PRIVATE},      {"172.16.0.1", ATT_ADDR_PRIVATE},
        {"172.31.255.255", ATT_ADDR_PRIVATE}, {"172.32.0.1", ATT_ADDR_PUBLIC},
        {"192.168.1.1", ATT_ADDR_PRIVATE},   {"100.64.0.1", ATT_ADDR_PRIVATE},
        {"fd00::1", ATT_ADDR_PRIVATE},       {"::ffff:10.0.0.1", ATT_ADDR_PRIVATE},
        {"169.254.169.254", ATT_ADDR_LINKLOCAL}, {"fe80::1", ATT_ADDR_LINKLOCAL},
        {"0.0.0.0", ATT_ADDR_RESERVED},      {"::", ATT_ADDR_RESERVED},
        {"224.0.0.1", ATT_ADDR_RESERVED},    {"255.255.255.255", ATT_ADDR_RESERVED},
        {"ff02::1", ATT_ADDR_RESERVED},      {"8.8.8.8", ATT_ADDR_PUBLIC},
        {"203.162.4.190", ATT_ADDR_PUBLIC},  {"2001:4860:4860::8888", ATT_ADDR_PUBLIC},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (att_addr_classify_str(cases[i].a) != cases[i].c)
            fail_msg("%s: class %d, want %d", cases[i].a, att_addr_classify_str(cases[i].a), cases[i].c);
    assert_int_equal(att_addr_classify_str("example.com"), -1);
    assert_string_equal(att_addr_class_str(ATT_ADDR_LINKLOCAL), "link-local");
}

/* ---- robots.txt ---- */

static void test_robots(void **state)
{
    (void)state;
    const char *txt = "# comment\n"
                      "User-agent: *\n"
                      "Disallow: /\n"
                      "\n"
                      "User-agent: Googlebot\n"
                      "User-agent: ATTACHE/1.0\n"
                      "Disallow: /private/\n"
                      "Allow: /private/public\n"
                      "Disallow: /*.pdf$\n"
                      "Disallow: /search?\n"
                      "Disallow:\n"
                      "Crawl-delay: 2.5\n"
                      "\n"
                      "Sitemap: https://a.vn/sitemap.xml\n"
                      "User-agent: attache\n"
                      "Disallow: /tmp\n";
    att_robots *r;
    assert_int_equal(att_robots_parse(txt, strlen(txt), "attache", &r), ATT_OK);
    assert_true(att_robots_allowed(r, "/"));
    assert_true(att_robots_allowed(r, "/news/a.html"));
    assert_false(att_robots_allowed(r, "/private/"));
    assert_false(att_robots_allowed(r, "/private/x.html"));
    assert_true(att_robots_allowed(r, "/private/public.html")); /* longer Allow wins */
    assert_false(att_robots_allowed(r, "/files/a.pdf"));
    assert_true(att_robots_allowed(r, "/files/a.pdf?x=1")); /* $ anchors */
    assert_false(att_robots_allowed(r, "/search?q=x"));
    assert_true(att_robots_allowed(r, "/search"));
    assert_false(att_robots_allowed(r, "/tmp/x")); /* a second group for the agent merges */
    assert_true(att_robots_allowed(r, "/robots.txt"));
    assert_true(att_robots_crawl_delay(r) > 2.4 && att_robots_crawl_delay(r) < 2.6);
    size_t n;
    const char *const *sm = att_robots_sitemaps(r, &n);
    assert_int_equal(n, 1);
    assert_string_equal(sm[0], "https://a.vn/sitemap.xml");
    att_robots_free(r);
    /* another agent gets the * group */
    assert_int_equal(att_robots_parse(txt, strlen(txt), "otherbot", &r), ATT_OK);
    assert_false(att_robots_allowed(r, "/news/a.html"));
    assert_true(att_robots_crawl_delay(r) == 0);
    att_robots_free(r);
    /* tie: Allow wins; wildcards */
    const char *t2 = "User-agent: *\r\nDisallow: /a\r\nAllow: /a\r\nDisallow: /x*y*z\r\n";
    assert_int_equal(att_robots_parse(t2, strlen(t2), "attache", &r), ATT_OK);
    assert_true(att_robots_allowed(r, "/a/b"));
    assert_false(att_robots_allowed(r, "/x1y2z3"));
    assert_true(att_robots_allowed(r, "/x1y2"));
    att_robots_free(r);
    /* empty and missing: everything allowed; deny-all */
    assert_int_equal(att_robots_parse(NULL, 0, "attache", &r), ATT_OK);
    assert_true(att_robots_allowed(r, "/anything"));
    att_robots_free(r);
    assert_int_equal(att_robots_deny_all(&r), ATT_OK);
    assert_false(att_robots_allowed(r, "/anything"));
    att_robots_free(r);
    /* hostile: a pattern of many stars stays quick and bounded */
    char big[9000];
    strcpy(big, "User-agent: *\nDisallow: /");
    for (size_t i = strlen(big); i < 8000; i += 2)
        big[i] = '*', big[i + 1] = 'a';
    strcpy(big + 8000, "b\n");
    assert_int_equal(att_robots_parse(big, strlen(big), "attache", &r), ATT_OK);
    char path[2000];
    path[0] = '/';
    memset(path + 1, 'a', sizeof path - 2);
    path[sizeof path - 1] = '\0';
    assert_true(att_robots_allowed(r, path));
    att_robots_free(r);
}

/* ---- feeds ---- */

static att_feed parse_ok(const char *doc, const char *url, const char *ctype, att_feed_kind kind)
{
    att_feed f;
    char err[256] = "";
    att_status st = att_feed_parse(doc, strlen(doc), url, ctype, 1000, &f, err, sizeof err);
    if (st != ATT_OK)
        fail_msg("parse failed: %s", err);
    assert_int_equal(f.kind, kind);
    return f;
}

static void test_feed_rss_atom_rdf(void **state)
{
    (void)state;
    att_feed f = parse_ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
                          "<item><title>  Việt Nam\n và  Nhật Bản </title><link>https://a.vn/x.html?utm_source=rss</link>"
                          "<pubDate>Mon, 02 Jun 2024 10:15:00 +0700</pubDate></item>"
                          "<item><title>Hai</title><link>../y.html</link></item>"
                          "<item><guid>https://a.vn/g.html</guid><dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">2024-06-03</dc:date></item>"
                          "<item><guid isPermaLink=\"false\">tag:1</guid></item>"
                          "<item><link>https://a.vn/x.html</link></item>"
                          "</channel></rss>",
                          "https://a.vn/feeds/rss.xml", NULL, ATT_FEED_RSS);
    assert_int_equal(f.n_items, 3);
    assert_string_equal(f.items[0].url, "https://a.vn/x.html");
    assert_string_equal(f.items[0].title, "Việt Nam và Nhật Bản");
    assert_string_equal(f.items[0].date, "2024-06-02T10:15");
    assert_int_equal(f.items[0].epoch, 1717298100); /* 03:15 UTC */
    assert_string_equal(f.items[1].url, "https://a.vn/y.html");
    assert_null(f.items[1].date);
    assert_string_equal(f.items[2].url, "https://a.vn/g.html");
    assert_string_equal(f.items[2].date, "2024-06-03");
    att_feed_free(&f);

    f = parse_ok("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://b.vn/tin/\"><title>A</title>"
                 "<entry><title type=\"html\">Một</title><link rel=\"self\" href=\"https://b.vn/api/1\"/>"
                 "<link rel=\"alternate\" href=\"mot.html\"/><updated>2024-06-02T03:15:00Z</updated></entry>"
                 "<entry xml:base=\"/khac/\"><title>Hai</title><link href=\"hai.html#c\"/>"
                 "<published>2024-06-01T08:00:00+07:00</published><updated>2024-06-05T08:00:00+07:00</updated></entry>"
                 "</feed>",
                 "https://b.vn/atom.xml", "application/atom+xml", ATT_FEED_ATOM);
    assert_int_equal(f.n_items, 2);
    assert_string_equal(f.items[0].url, "https://b.vn/tin/mot.html");
    assert_string_equal(f.items[0].date, "2024-06-02T03:15");
    assert_string_equal(f.items[1].url, "https://b.vn/khac/hai.html");
    assert_string_equal(f.items[1].date, "2024-06-01T08:00"); /* published before updated */
    att_feed_free(&f);

    f = parse_ok("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                 "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                 "<channel rdf:about=\"x\"><title>R</title></channel>"
                 "<item rdf:about=\"https://c.vn/1\"><title>Ba</title><link>https://c.vn/1</link>"
                 "<dc:date>2024-06-02T10:00+07:00</dc:date></item></rdf:RDF>",
                 "https://c.vn/rdf", NULL, ATT_FEED_RDF);
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title, "Ba");
    assert_string_equal(f.items[0].date, "2024-06-02T10:00");
    att_feed_free(&f);
}

static void test_feed_sitemaps_lists_html(void **state)
{
    (void)state;
    att_feed f = parse_ok("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                          "<sitemap><loc>https://a.vn/s1.xml</loc></sitemap><sitemap><loc>/s2.xml</loc></sitemap>"
                          "</sitemapindex>",
                          "https://a.vn/index.xml", NULL, ATT_FEED_SITEMAPINDEX);
    assert_int_equal(f.n_items, 0);
    assert_int_equal(f.n_feeds, 2);
    assert_string_equal(f.feeds[1], "https://a.vn/s2.xml");
    att_feed_free(&f);

    f = parse_ok("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                 "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                 "<url><loc>https://a.vn/1.html</loc><lastmod>2024-06-01</lastmod>"
                 "<news:news><news:publication_date>2024-06-02T09:00:00+07:00</news:publication_date>"
                 "<news:title>Tin một</news:title></news:news></url>"
                 "<url><loc>https://a.vn/2.html</loc><lastmod>2024-06-03</lastmod></url></urlset>",
                 "https://a.vn/news.xml", NULL, ATT_FEED_SITEMAP);
    assert_int_equal(f.n_items, 2);
    assert_string_equal(f.items[0].date, "2024-06-02T09:00");
    assert_string_equal(f.items[0].title, "Tin một");
    assert_string_equal(f.items[1].date, "2024-06-03");
    att_feed_free(&f);

    f = parse_ok("# list\nhttps://a.vn/1.html\n\nhttp://a.vn/2.html?utm_term=x\nhttps://a.vn/1.html#dup\n",
                 "https://a.vn/list.txt", "text/plain", ATT_FEED_URLS);
    assert_int_equal(f.n_items, 2);
    assert_string_equal(f.items[1].url, "http://a.vn/2.html");
    att_feed_free(&f);

    f = parse_ok("<!DOCTYPE html><html><head><base href=\"https://a.vn/tin/\">"
                 "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">"
                 "<link rel=\"alternate stylesheet\" type=\"text/css\" href=\"/x.css\">"
                 "<link rel=\"Alternate\" type=\"application/atom+xml\" href=\"atom.xml\"></head>"
                 "<body><a href=\"bai-1.html\">Bài 1</a><a href=\"https://other.vn/x\">x</a>"
                 "<a href=\"mailto:a@a.vn\">m</a><div><p><a href=\"/bai-2.html#top\">Bài 2</a></p></div></body></html>",
                 "https://a.vn/", NULL, ATT_FEED_HTML);
    assert_int_equal(f.n_feeds, 2);
    assert_string_equal(f.feeds[0], "https://a.vn/rss.xml");
    assert_string_equal(f.feeds[1], "https://a.vn/tin/atom.xml");
    assert_int_equal(f.n_items, 2); /* same-host links only */
    assert_string_equal(f.items[0].url, "https://a.vn/tin/bai-1.html");
    assert_string_equal(f.items[1].url, "https://a.vn/bai-2.html");
    att_feed_free(&f);
}

static void test_feed_errors_and_limits(void **state)
{
    (void)state;
    att_feed f;
    char err[256] = "";
    const char *broken = "<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>x</title></channel></rss>";
    assert_int_equal(att_feed_parse(broken, strlen(broken), "https://a.vn/", NULL, 10, &f, err, sizeof err),
                     ATT_ERR_FORMAT);
    assert_contains(err, "broken XML at line 3");
    att_feed_free(&f);
    const char *other = "<?xml version=\"1.0\"?><svg/>";
    assert_int_equal(att_feed_parse(other, strlen(other), "https://a.vn/", NULL, 10, &f, err, sizeof err),
                     ATT_ERR_FORMAT);
    assert_contains(err, "<svg>");
    att_feed_free(&f);
    assert_int_equal(att_feed_parse("just words\nnot urls\n", 20, "https://a.vn/", NULL, 10, &f, err, sizeof err),
                     ATT_ERR_FORMAT);
    att_feed_free(&f);
    assert_int_equal(att_feed_parse("  \n", 3, "https://a.vn/", NULL, 10, &f, err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "empty");
    att_feed_free(&f);
    /* an entity bomb (10 levels of 10: 10^10 bytes) and an external entity are refused */
    char bomb[2048] = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e0 \"aaaaaaaaaa\">";
    for (int k = 1; k < 10; k++) {
        snprintf(bomb + strlen(bomb), sizeof bomb - strlen(bomb), "<!ENTITY e%d \"", k);
        for (int m = 0; m < 10; m++)
            snprintf(bomb + strlen(bomb), sizeof bomb - strlen(bomb), "&e%d;", k - 1);
        strcat(bomb, "\">");
    }
    strcat(bomb, "]><rss><channel><item><title>&e9;</title><link>https://a.vn/1</link></item></channel></rss>");
    assert_int_equal(att_feed_parse(bomb, strlen(bomb), "https://a.vn/", NULL, 10, &f, err, sizeof err),
                     ATT_ERR_FORMAT);
    att_feed_free(&f);
    const char *ent = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\">]>"
                      "<rss><channel><item><title>&a;</title><link>https://a.vn/1</link></item></channel></rss>";
    assert_int_equal(att_feed_parse(ent, strlen(ent), "https://a.vn/", NULL, 10, &f, err, sizeof err),
                     ATT_ERR_FORMAT);
    assert_contains(err, "entity declarations");
    att_feed_free(&f);
    const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                      "<rss><channel><item><title>&x;</title><link>https://a.vn/1</link></item></channel></rss>";
    assert_int_equal(att_feed_parse(xxe, strlen(xxe), "https://a.vn/", NULL, 10, &f, err, sizeof err),
                     ATT_ERR_FORMAT);
    att_feed_free(&f);
    /* items past the limit are counted, not kept */
    char many[4096] = "<rss><channel>";
    for (int i = 0; i < 20; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "<item><link>https://a.vn/%d</link></item>", i);
    strcat(many, "</channel></rss>");
    assert_int_equal(att_feed_parse(many, strlen(many), "https://a.vn/", NULL, 5, &f, err, sizeof err), ATT_OK);
    assert_int_equal(f.n_items, 5);
    assert_int_equal(f.n_dropped, 15);
    att_feed_free(&f);
}

/* gzip-compress s (one member) into a malloc'd buffer. */
static char *gz(const char *s, size_t n, size_t *outlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)n) + 64;
    char *out = malloc(cap);
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *outlen = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static void test_feed_gzip(void **state)
{
    (void)state;
    const char *sm = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                     "<url><loc>https://a.vn/1.html</loc></url></urlset>";
    size_t n;
    char *z = gz(sm, strlen(sm), &n);
    att_feed f;
    char err[256] = "";
    assert_int_equal(att_feed_parse(z, n, "https://a.vn/sitemap.xml.gz", "application/x-gzip", 10, &f, err,
                                    sizeof err),
                     ATT_OK);
    assert_int_equal(f.kind, ATT_FEED_SITEMAP);
    assert_int_equal(f.n_items, 1);
    att_feed_free(&f);
    /* cut short */
    assert_int_equal(att_feed_parse(z, n / 2, "https://a.vn/s.gz", NULL, 10, &f, err, sizeof err), ATT_ERR_FORMAT);
    att_feed_free(&f);
    free(z);
    /* a bomb stops at the limit */
    size_t big = ATT_FEED_MAX_INFLATED + 4096;
    char *zeros = calloc(1, big);
    z = gz(zeros, big, &n);
    free(zeros);
    assert_int_equal(att_feed_parse(z, n, "https://a.vn/s.gz", NULL, 10, &f, err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "inflates past");
    att_feed_free(&f);
    free(z);
}

static void test_feed_windows_1258(void **state)
{
    (void)state;
    /* "Hội nghị" in windows-1258: ô = 0xF4 followed by the combining dot
     * below 0xF2; ị = i + 0xF2 */
    const char doc[] = "<?xml version=\"1.0\" encoding=\"windows-1258\"?><rss><channel><item>"
                       "<title>H\xf4\xf2i ngh\x69\xf2</title><link>https://a.vn/1</link></item></channel></rss>";
    att_feed f = parse_ok(doc, "https://a.vn/", NULL, ATT_FEED_RSS);
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title, "Hội nghị"); /* NFC */
    att_feed_free(&f);
}

/* A byte the declared encoding cannot convert (found by fuzz_feed):
 * libxml2 printed "encoding error : input conversion failed ..." lines on
 * stderr; the parse must stay silent and say what went wrong itself. */
static void test_feed_bad_encoding_quiet(void **state)
{
    (void)state;
    const char *docs[] = {
        "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><rss><channel><item><title>\xc3\xa0i \xff\xfe\x80"
        "</title></item></channel></rss>",
        "<?xml version=\"1.0\" encoding=\"EUC-JP\"?><rss><channel><item><title>\xc3\xa0i \xff\xfe\x80</title>"
        "<link>https://a.vn/1</link></item></channel></rss>",
        "<html><head><meta charset=\"ISO-2022-JP\"></head><body><a href=\"/x\">\xc3\xa0\xff</a></body></html>",
    };
    char path[] = "/tmp/attache-feed-stderr.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fd, 2) >= 0);
    att_status st[3];
    char err[3][300];
    for (size_t i = 0; i < 3; i++) {
        att_feed f;
        err[i][0] = '\0';
        st[i] = att_feed_parse(docs[i], strlen(docs[i]), "https://a.vn/", NULL, 100, &f, err[i], sizeof err[i]);
        att_feed_free(&f);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    struct stat sb;
    assert_int_equal(fstat(fd, &sb), 0);
    close(fd);
    unlink(path);
    assert_int_equal(sb.st_size, 0); /* nothing printed by libxml2 */
    assert_int_equal(st[0], ATT_ERR_FORMAT);
    assert_non_null(strstr(err[0], "broken XML"));
    for (size_t i = 1; i < 3; i++)
        assert_true(st[i] == ATT_OK || (st[i] == ATT_ERR_FORMAT && err[i][0]));
}

static void test_feed_dates(void **state)
{
    (void)state;
    char iso[20];
    int64_t ep;
    assert_int_equal(att_feed_date("Sun, 02 Jun 2024 10:15:30 GMT", iso, &ep), 0);
    assert_string_equal(iso, "2024-06-02T10:15");
    assert_int_equal(ep, 1717323330);
    assert_int_equal(att_feed_date("2 Jun 24 10:15 +0700", iso, &ep), 0);
    assert_string_equal(iso, "2024-06-02T10:15");
    assert_int_equal(ep, 1717298100);
    assert_int_equal(att_feed_date("Sun, 02 Jun 2024 10:15:00 EST", iso, &ep), 0);
    assert_int_equal(ep, 1717341300);
    assert_int_equal(att_feed_date("2024-06-02T10:15:00.123Z", iso, &ep), 0);
    assert_string_equal(iso, "2024-06-02T10:15");
    assert_int_equal(att_feed_date("2024-06-02T10:15:00-05:30", iso, &ep), 0);
    assert_int_equal(ep, 1717323300 + 5 * 3600 + 1800);
    assert_int_equal(att_feed_date("2024-06-02", iso, &ep), 0);
    assert_string_equal(iso, "2024-06-02");
    assert_int_equal(ep, 1717286400);
    assert_int_equal(att_feed_date("2024-02-30", iso, &ep), -1);
    assert_int_equal(att_feed_date("yesterday", iso, &ep), -1);
    assert_int_equal(att_feed_date("Sun, 02 Foo 2024", iso, &ep), -1);
    assert_int_equal(att_feed_date("2024-06-02T25:00", iso, &ep), -1);
}

/* ---- WARC writer, read back by attache's reader ---- */

typedef struct got {
    int n;
    char uri[256], title[256], date[64], source[32], body[256];
} got;

static int collect(void *ctx, const att_warc_record *r)
{
    got *g = ctx;
    g->n++;
    snprintf(g->uri, sizeof g->uri, "%s", r->uri);
    snprintf(g->title, sizeof g->title, "%s", r->title_hint ? r->title_hint : "");
    snprintf(g->date, sizeof g->date, "%s", r->date_hint ? r->date_hint : "");
    snprintf(g->source, sizeof g->source, "%s", r->date_source_hint ? r->date_source_hint : "");
    snprintf(g->body, sizeof g->body, "%.*s", (int)r->len, r->payload);
    return 0;
}

static void test_warc_writer(void **state)
{
    (void)state;
    char dir[] = "/tmp/attache-warcw.XXXXXX";
    assert_non_null(mkdtemp(dir));
    att_warc_writer *w;
    char err[256];
    assert_int_equal(att_warc_writer_open(dir, 0, &w, err, sizeof err), ATT_OK);
    const char *head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
                       "Transfer-Encoding: chunked\r\nContent-Length: 999\r\n\r\n";
    const char *body = "<html><body><p>Xin chào</p></body></html>";
    const char *req = "GET /1.html HTTP/1.1\r\nHost: a.vn\r\n\r\n";
    att_warc_exchange x = {"https://a.vn/1.html", 1717323330, "203.0.113.5", req, strlen(req), head, strlen(head), body, strlen(body), "Tựa\r\nđề", "2024-06-02T10:15", "feed"};
    assert_int_equal(att_warc_writer_put(w, &x, err, sizeof err), ATT_OK);
    const char *head304 = "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n";
    att_warc_exchange y = {"https://a.vn/feed.xml", 1717323331, NULL, NULL, 0, head304, strlen(head304), "", 0,
                           NULL, NULL, NULL};
    assert_int_equal(att_warc_writer_put(w, &y, err, sizeof err), ATT_OK);
    assert_int_equal(att_warc_writer_records(w), 5); /* warcinfo + 2 x (request, response) */
    att_warc_writer_close(w);

    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512] = "";
    int files = 0;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".warc.gz")) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            files++;
        }
    closedir(d);
    assert_int_equal(files, 1);
    char *data;
    size_t len;
    assert_int_equal(att_read_file(path, &data, &len, (size_t)1 << 20, err, sizeof err), ATT_OK);
    got g;
    memset(&g, 0, sizeof g);
    size_t n = 0;
    assert_int_equal(att_warc_read_records(data, len, collect, &g, &n, err, sizeof err), ATT_OK);
    assert_int_equal(n, 5);
    assert_int_equal(g.n, 1); /* the 304 is archived but is not a page */
    assert_string_equal(g.uri, "https://a.vn/1.html");
    assert_string_equal(g.body, body); /* stored decoded, headers say so */
    assert_string_equal(g.title, "Tựa  đề");
    assert_string_equal(g.date, "2024-06-02T10:15");
    assert_string_equal(g.source, "feed");
    free(data);
    unlink(path);
    rmdir(dir);
}

/* ---- the fetcher refuses internal addresses for links from public sources ---- */

typedef struct fetched {
    int n;
    att_fetch_outcome outcome;
    char error[256];
} fetched;

static void on_done(void *ctx, const att_fetch_result *r)
{
    fetched *f = ctx;
    f->n++;
    f->outcome = r->outcome;
    snprintf(f->error, sizeof f->error, "%s", r->error ? r->error : "");
}

static void test_fetch_refuses_internal(void **state)
{
    (void)state;
    att_fetch_opts o;
    att_fetch_opts_default(&o);
    o.delay = 0;
    o.connect_timeout = 2;
    o.timeout = 2;
    att_fetcher *f;
    fetched got_ = {0, ATT_FETCH_OK, ""};
    char err[256];
    assert_int_equal(att_fetcher_new(&o, on_done, &got_, &f, err, sizeof err), ATT_OK);
    /* port 9 (discard) on loopback: refused before any connection is made */
    att_fetch_req r = {"http://127.0.0.1:9/page.html", NULL, NULL, 0, 0, NULL};
    assert_int_equal(att_fetcher_add(f, &r), ATT_OK);
    assert_int_equal(att_fetcher_run(f, NULL, err, sizeof err), ATT_OK);
    assert_int_equal(got_.n, 1);
    assert_int_equal(got_.outcome, ATT_FETCH_REFUSED);
    assert_contains(got_.error, "loopback");
    att_fetcher_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_normalize),
        cmocka_unit_test(test_addr_classify),
        cmocka_unit_test(test_robots),
        cmocka_unit_test(test_feed_rss_atom_rdf),
        cmocka_unit_test(test_feed_sitemaps_lists_html),
        cmocka_unit_test(test_feed_errors_and_limits),
        cmocka_unit_test(test_feed_gzip),
        cmocka_unit_test(test_feed_windows_1258),
        cmocka_unit_test(test_feed_bad_encoding_quiet),
        cmocka_unit_test(test_feed_dates),
        cmocka_unit_test(test_warc_writer),
        cmocka_unit_test(test_fetch_refuses_internal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
