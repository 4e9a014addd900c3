/* fuzz_html.c - an HTML page as ingest takes it: charset sniffing (the
 * first line of the input may be "Content-Type: VALUE" to fuzz the
 * header's charset too), conversion to UTF-8, NFC, the limits pre-scan
 * and article extraction.  And the pre-scan's promise: a page it lets
 * through never nests in gumbo's tree more than 4 times its depth limit
 * (its model of the tree builder counts deeper, not shallower, but for
 * implied elements such as tbody/tr). */
#include <stdlib.h>
#include <string.h>

#include "../src/article/html_dom.h"
#include "../src/article/html_extract.h"
#include "../src/ingest/charset.h"
#include "../src/normalize/normalize.h"
#include "fuzz.h"

/* Depth of gumbo's tree (iteratively). */
static size_t tree_depth(const GumboNode *root)
{
    typedef struct {
        const GumboNode *n;
        size_t d;
    } item;
    size_t cap = 1024, sp = 0, max = 0;
    item *st = malloc(cap * sizeof *st);
    if (!st)
        return 0;
    st[sp++] = (item){root, 1};
    while (sp) {
        item it = st[--sp];
        if (it.d > max)
            max = it.d;
        if (it.n->type != GUMBO_NODE_ELEMENT && it.n->type != GUMBO_NODE_TEMPLATE)
            continue;
        const GumboVector *k = &it.n->v.element.children;
        for (unsigned i = 0; i < k->length; i++) {
            if (sp == cap) {
                item *ns = realloc(st, cap * 2 * sizeof *ns);
                if (!ns)
                    break;
                st = ns;
                cap *= 2;
            }
            st[sp++] = (item){k->data[i], it.d + 1};
        }
    }
    free(st);
    return max;
}

static void check_depth_promise(const char *html, size_t len)
{
    char err[128];
    if (att_html_check_limits(html, len, err, sizeof err) != ATT_OK)
        return;
    GumboOutput *o = NULL;
    void *arena = NULL;
    if (hgumbo_parse(html, len, &o, &arena, err, sizeof err) == ATT_OK && o &&
        tree_depth(o->root) > 4 * ATT_HTML_MAX_DEPTH)
        abort();
    hgumbo_free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *html = (const char *)data;
    size_t len = size;
    char ctype[256], *ct = NULL;
    if (len > 14 && !memcmp(html, "Content-Type: ", 14)) {
        const char *nl = memchr(html, '\n', len);
        if (nl && (size_t)(nl - html) - 14 < sizeof ctype) {
            size_t n = (size_t)(nl - html) - 14;
            memcpy(ctype, html + 14, n);
            ctype[n] = '\0';
            ct = ctype;
            len -= (size_t)(nl + 1 - html);
            html = nl + 1;
        }
    }
    char cs[64], err[256];
    if (!att_charset_sniff(html, len, ct, cs, sizeof cs))
        strcpy(cs, "utf-8");
    char *utf8 = NULL;
    size_t ulen = 0;
    if (att_to_utf8(html, len, cs, &utf8, &ulen, err, sizeof err) != ATT_OK)
        return 0;
    size_t off;
    char *nfc = NULL;
    const char *text = utf8;
    int form = att_utf8_nfc_quick(utf8, ulen, &off);
    if (form == 0 && att_nfc(utf8, ulen, &nfc, &ulen) == ATT_OK)
        text = nfc;
    if (form >= 0 && text) {
        att_article a;
        att_article_init(&a);
        att_html_extract_err(text, ulen, &a, err, sizeof err);
        att_article_free(&a);
        check_depth_promise(text, ulen);
    }
    free(nfc);
    free(utf8);
    return 0;
}
