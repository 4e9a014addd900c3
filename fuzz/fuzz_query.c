/* fuzz_query.c - the search query translation (att_query_to_fts, both
 * accent modes) and the snippet: the translated query's terms cut out of
 * a text.  Input: the query, a newline, the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/store/search.h"
#include "../src/store/snippet.h"
#include "../src/util/buf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *in = att_fuzz_cstr(data, size);
    if (!in)
        return 0;
    char *nl = strchr(in, '\n');
    const char *text = nl ? nl + 1 : in;
    if (nl)
        *nl = '\0';
    size_t tlen = strlen(text);
    for (int mode = 0; mode < 2; mode++) {
        att_buf q = ATT_BUF_INIT;
        int acc = 0;
        char qerr[256];
        if (att_query_to_fts(in, mode, &q, &acc, qerr, sizeof qerr) == ATT_OK && q.data) {
            att_snippet_terms *t = att_snippet_terms_new(q.data);
            if (t) {
                char *sn = att_snippet(text, tlen, t, "[", "]", 16);
                free(sn);
                att_snippet_terms_free(t);
            }
        }
        att_buf_free(&q);
    }
    free(in);
    return 0;
}
