/* fuzz_feed.c - what the follow stage does with a fetched document:
 * att_feed_parse (kind detected from the content: RSS 2.0, RDF, Atom,
 * sitemap, sitemap index, URL list, HTML page with its feed discovery),
 * then, as follow.c does, each item's link made an identity key
 * (att_url_normalize with ATT_URL_KEY) and its host, origin and path
 * taken, and each discovered feed normalized.  Input: an optional first
 * line "URL: <document url>" (else https://example.vn/tin/feed.xml), then
 * the document.  The input's size picks the Content-Type (none, HTML,
 * text).  The URL line is also resolved against the default URL directly. */
#include <stdlib.h>
#include <string.h>

#include "../src/follow/feed.h"
#include "../src/follow/url.h"
#include "fuzz.h"

static void use_url(const char *u)
{
    char *key = NULL, err[256], buf[ATT_URL_MAX + 16];
    if (att_url_normalize(u, NULL, ATT_URL_KEY, &key, err, sizeof err) == ATT_OK) {
        (void)att_url_host(key, buf, sizeof buf);
        (void)att_url_origin(key, buf, sizeof buf);
        (void)att_url_path(key);
    }
    free(key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char def[] = "https://example.vn/tin/feed.xml";
    static const char *const types[] = {NULL, "text/html; charset=utf-8", "text/plain"};
    if (size > (1u << 20))
        return 0;
    char *in = att_fuzz_cstr(data, size);
    if (!in)
        return 0;
    const char *doc = in, *url = def;
    size_t len = size;
    char *u = NULL;
    if (size > 5 && !memcmp(in, "URL: ", 5)) {
        char *nl = memchr(in, '\n', size);
        size_t ul = nl ? (size_t)(nl - in) - 5 : size - 5;
        u = malloc(ul + 1);
        if (!u) {
            free(in);
            return 0;
        }
        memcpy(u, in + 5, ul);
        u[ul] = '\0';
        char *abs = NULL, err[256];
        if (att_url_normalize(u, def, 0, &abs, err, sizeof err) == ATT_OK) {
            use_url(abs);
            url = u;
        }
        free(abs);
        doc = nl ? nl + 1 : in + size;
        len = size - (size_t)(doc - in);
    }
    att_feed f;
    char err[300];
    if (att_feed_parse(doc, len, url, types[size % 3], 50, &f, err, sizeof err) == ATT_OK) {
        (void)att_feed_kind_str(f.kind);
        for (size_t i = 0; i < f.n_items; i++) {
            use_url(f.items[i].url);
            if (f.items[i].date) {
                char iso[20];
                int64_t ep;
                (void)att_feed_date(f.items[i].date, iso, &ep);
            }
        }
        for (size_t i = 0; i < f.n_feeds; i++)
            use_url(f.feeds[i]);
    }
    att_feed_free(&f);
    free(u);
    free(in);
    return 0;
}
