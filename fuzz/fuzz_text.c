/* fuzz_text.c - a plain-text page as ingest takes it: UTF-8 check and NFC,
 * article extraction, then actor/event/quote extraction. */
#include <stdlib.h>
#include <string.h>

#include "../src/article/text_extract.h"
#include "../src/extract/extract.h"
#include "../src/extract/lexicon.h"
#include "../src/normalize/normalize.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static att_lexicon *lx;
    char err[256];
    if (!lx && att_lexicon_load(&lx, err, sizeof err) != ATT_OK)
        abort();
    const char *text = (const char *)data;
    size_t off = 0, len = size;
    int form = att_utf8_nfc_quick(text, len, &off);
    if (form < 0)
        return 0;
    char *nfc = NULL;
    if (form == 0) {
        if (att_nfc(text, len, &nfc, &len) != ATT_OK)
            return 0;
        text = nfc;
    }
    att_article a;
    att_article_init(&a);
    if (att_text_extract(text, len, &a) == ATT_OK) {
        att_extraction x;
        if (att_extract(lx, &a, &x) == ATT_OK)
            att_extraction_free(&x);
    }
    att_article_free(&a);
    free(nfc);
    return 0;
}
