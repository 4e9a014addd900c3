/*
 * warc.h - read the HTML responses out of a WARC file (ISO 28500, WARC/1.0
 * and WARC/1.1) held in memory.
 *
 * The file may be plain or gzip-compressed; gzip is detected by its magic
 * bytes and may consist of many members (WARC tools write one member per
 * record) - members are decompressed one window at a time, so memory stays
 * proportional to the largest record, not the file.
 *
 * For every record with WARC-Type "response" whose HTTP status is 2xx and
 * whose HTTP Content-Type is HTML (text/html, application/xhtml+xml; a
 * response without Content-Type counts if its payload starts like HTML), the
 * callback receives the WARC-Target-URI (angle brackets removed), the HTTP
 * Content-Type value (NULL if the response had none) and the HTTP payload:
 * the body after the HTTP headers, with Transfer-Encoding: chunked and
 * Content-Encoding gzip/deflate undone (writers that stored the decoded
 * body under the original headers are recognised).  A response whose coding
 * is corrupt, or one we cannot undo (br, zstd), is skipped - counted, not
 * delivered; one cut short mid-stream delivers the part that decoded.
 * Decoded payloads are capped at 64 MiB.  Interim 1xx responses before the
 * final one are skipped.
 *
 * Ownership: every pointer passed to the callback is valid only during the
 * call (they point into buffers reused for the next record).
 */
#ifndef ATT_WARC_H
#define ATT_WARC_H

#include <stddef.h>

#include "../util/status.h"

/* Return non-zero to stop reading (att_warc_read then returns ATT_OK). */
typedef int (*att_warc_cb)(void *ctx, const char *uri, const char *content_type,
                           const char *payload, size_t len);

/* Walk the records of data[0..len).  *n_records (if non-NULL) gets the
 * number of WARC records read, of every type, including ones skipped.
 * Returns ATT_OK at the end of the input or when the callback stops it;
 * ATT_ERR_FORMAT for malformed input (missing "WARC/1.x" version line,
 * missing or bad Content-Length, a record or gzip member cut short, corrupt
 * gzip data, trailing garbage) with a message naming the record number and
 * byte offset - records before the bad one have already been delivered;
 * ATT_ERR_NOMEM if a buffer could not be allocated. */
att_status att_warc_read(const char *data, size_t len, att_warc_cb cb, void *ctx,
                         size_t *n_records, char *err, size_t errlen);

/* What a crawler knew about a response besides its bytes, from the
 * response record's extension fields Attache-Title-Hint, Attache-Date-Hint
 * and Attache-Date-Source (written by attache follow, see
 * src/follow/warc_write.h); each NULL when absent. */
typedef struct att_warc_hints {
    const char *title;       /* the feed item's title */
    const char *date;        /* ISO date from the feed, sitemap or Last-Modified */
    const char *date_source; /* "feed", "sitemap" or "http" */
} att_warc_hints;

typedef int (*att_warc_hint_cb)(void *ctx, const char *uri, const char *content_type,
                                const char *payload, size_t len, const att_warc_hints *h);

/* att_warc_read, with each response's hints passed to the callback. */
att_status att_warc_read_hints(const char *data, size_t len, att_warc_hint_cb cb, void *ctx,
                               size_t *n_records, char *err, size_t errlen);

#endif
