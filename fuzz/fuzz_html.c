/* fuzz_html.c - an HTML page as ingest takes it: charset sniffing (the
 * first line of the input may be "Content-Type: VALUE" to fuzz the
 * header's charset too), conversion to UTF-8, NFC, the limits pre-scan
 * and article extraction. */
#include <stdlib.h>
#include <string.h>

#include "../src/article/html_extract.h"
#include "../src/ingest/charset.h"
#include "../src/normalize/normalize.h"
#include "fuzz.h"

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
    }
    free(nfc);
    free(utf8);
    return 0;
}
