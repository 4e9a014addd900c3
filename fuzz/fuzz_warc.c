/* fuzz_warc.c - the WARC reader (plain and gzip, chunked and gzip/deflate
 * HTTP bodies), from memory and, when the input is small enough, through
 * the streaming file-descriptor reader too (over a pipe). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/ingest/warc.h"
#include "fuzz.h"

static int on_record(void *ctx, const char *uri, const char *ct, const char *payload, size_t len)
{
    size_t *sum = ctx;
    *sum += strlen(uri) + (ct ? strlen(ct) : 0);
    if (payload && len)
        *sum += (unsigned char)payload[0] + (unsigned char)payload[len - 1]; /* touch both ends */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sum = 0, n = 0, n2 = 0;
    char err[512];
    att_status a = att_warc_read((const char *)data, size, on_record, &sum, &n, err, sizeof err);
    if (size < 60000) { /* fits in a pipe: the same input through read() */
        int p[2];
        if (pipe(p) == 0) {
            size_t half = size / 2;
            if (write(p[1], data + half, size - half) == (ssize_t)(size - half)) {
                close(p[1]);
                size_t sum2 = 0;
                att_status b = att_warc_read_fd(p[0], (const char *)data, half, on_record, &sum2, &n2,
                                                err, sizeof err);
                if (a != b || n != n2 || sum != sum2)
                    abort(); /* the two readers must agree */
            } else {
                close(p[1]);
            }
            close(p[0]);
        }
    }
    return 0;
}
