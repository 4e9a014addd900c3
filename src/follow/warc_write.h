/*
 * warc_write.h - append fetched exchanges to WARC/1.1 files (ISO 28500):
 * for each exchange a "request" record (the HTTP request as sent) and a
 * "response" record (status line, headers, body), concurrent-to each
 * other, each record its own gzip member so a reader can seek to any
 * record and a crash loses at most the record being written.
 *
 * Files are DIR/attache-YYYYMMDDhhmmss-PID-NNNNN.warc.gz; each starts with a
 * "warcinfo" record.  A new file is started when the current one passes
 * max_bytes or the UTC day changes.
 *
 * The response body is stored as received after transfer decoding (curl
 * undoes chunked and gzip/deflate/br); the stored headers say so: the
 * original Content-Encoding and Transfer-Encoding lines are renamed
 * X-Attache-Original-Content-Encoding / -Transfer-Encoding and
 * Content-Length gives the stored length, so any WARC reader (attache's
 * own included) reads the payload directly.
 *
 * Field values are written on one line: control characters become spaces.
 *
 * Ownership: the writer owns its file; close it with att_warc_writer_close.
 * Errors: ATT_ERR_IO with the path and errno text in err, ATT_ERR_NOMEM.
 */
#ifndef ATT_WARC_WRITE_H
#define ATT_WARC_WRITE_H

#include <stddef.h>
#include <time.h>

#include "../util/status.h"

typedef struct att_warc_writer att_warc_writer;

/* Open a writer over directory dir (created if missing).  max_bytes 0
 * means 1 GiB.  No file is created before the first record. */
att_status att_warc_writer_open(const char *dir, size_t max_bytes, att_warc_writer **out, char *err,
                                size_t errlen);

/* One exchange.  req: the request head as sent (may be NULL: a minimal
 * GET is written); resp_head: the final response's status line and
 * headers; body: the decoded body; ip: the server address or NULL; when:
 * the fetch time. */
typedef struct att_warc_exchange {
    const char *uri;
    time_t when;
    const char *ip;
    const char *req;
    size_t req_len;
    const char *resp_head;
    size_t resp_head_len;
    const char *body;
    size_t body_len;
    /* What the crawler knew of the page besides its bytes, written as the
     * response record's extension fields Attache-Title-Hint,
     * Attache-Date-Hint and Attache-Date-Source (read back by
     * att_warc_read_records (title_hint, date_hint, date_source_hint), so a rebuild from the archive gives the same
     * articles); each may be NULL. */
    const char *title_hint, *date_hint, *date_source;
} att_warc_exchange;

att_status att_warc_writer_put(att_warc_writer *w, const att_warc_exchange *x, char *err, size_t errlen);

/* Flush and fsync the current file (end of a round). */
att_status att_warc_writer_sync(att_warc_writer *w, char *err, size_t errlen);

/* Records written since open. */
size_t att_warc_writer_records(const att_warc_writer *w);

void att_warc_writer_close(att_warc_writer *w);

#endif
