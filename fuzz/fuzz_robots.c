/* fuzz_robots.c - robots.txt as the fetcher takes it: att_robots_parse
 * for two agents (attache, whose group may be named, and one that falls
 * to "*"), then the allow/deny answer for a few fixed paths and for the
 * input's first line taken as a path, the crawl delay and the sitemaps. */
#include <stdlib.h>
#include <string.h>

#include "../src/follow/robots.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const agents[] = {"attache", "otherbot"};
    static const char *const paths[] = {"/", "/news/a.html", "/private/x.html", "/private/public.html",
                                        "/files/a.pdf", "/files/a.pdf?x=1", "/search?q=x", "/robots.txt",
                                        "/a*b$", "/%E1%BB%87t"};
    if (size > (1u << 20))
        return 0;
    char *in = att_fuzz_cstr(data, size);
    if (!in)
        return 0;
    /* the first line as a path to ask about (truncated to 2 KB) */
    char path[2048];
    size_t pl = strcspn(in, "\r\n");
    if (pl > sizeof path - 2)
        pl = sizeof path - 2;
    path[0] = '/';
    memcpy(path + 1, in, pl);
    path[pl + 1] = '\0';
    for (size_t a = 0; a < sizeof agents / sizeof agents[0]; a++) {
        att_robots *r = NULL;
        if (att_robots_parse(in, size, agents[a], &r) != ATT_OK)
            continue;
        for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
            (void)att_robots_allowed(r, paths[i]);
        (void)att_robots_allowed(r, path);
        (void)att_robots_crawl_delay(r);
        size_t n = 0;
        const char *const *sm = att_robots_sitemaps(r, &n);
        for (size_t i = 0; i < n; i++)
            (void)strlen(sm[i]);
        att_robots_free(r);
    }
    free(in);
    return 0;
}
