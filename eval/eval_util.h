/*
 * eval_util.h - shared by the evaluation programs: read one text article
 * (the "# key = value" header format of samples/ and the corpus), normalize
 * it to NFC, extract the article and code it.
 */
#ifndef ATT_EVAL_UTIL_H
#define ATT_EVAL_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "../src/article/text_extract.h"
#include "../src/extract/extract.h"
#include "../src/normalize/normalize.h"
#include "../src/util/fileio.h"

/* Fill a (caller frees with att_article_free) and x (att_extraction_free)
 * from the file at path; on failure prints "PROG: ..." and returns -1. */
static inline int eval_code_file(const char *prog, const att_lexicon *lx, const char *path, att_article *a,
                                 att_extraction *x)
{
    char *raw, *nfc, err[512];
    size_t len, nlen;
    if (att_read_file(path, &raw, &len, 1 << 24, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "%s: %s\n", prog, err);
        return -1;
    }
    att_status st = att_nfc(raw, len, &nfc, &nlen);
    free(raw);
    if (st != ATT_OK) {
        fprintf(stderr, "%s: %s is not valid UTF-8\n", prog, path);
        return -1;
    }
    att_article_init(a);
    att_text_extract(nfc, nlen, a);
    free(nfc);
    if (att_extract(lx, a, x) != ATT_OK) {
        fprintf(stderr, "%s: extraction failed on %s\n", prog, path);
        att_article_free(a);
        return -1;
    }
    return 0;
}

#endif
