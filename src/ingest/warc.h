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
 * Memory stays bounded by the document limit, whatever the input says:
 * a record whose block is over ATT_WARC_MAX_BLOCK is never held - it is
 * read (and inflated) through a window at a time and dropped, and a
 * response among them is reported to the callback with payload NULL and
 * len the block's size; a decoded payload (chunked, gzip, deflate) stops
 * at ATT_WARC_MAX_PAYLOAD + 1 bytes, so the caller sees it is over the
 * limit without it having been inflated further.  Consuming records is
 * linear in the input.  Interim 1xx responses before the final one are
 * skipped.
 *
 * Ownership: every pointer passed to the callback is valid only during the
 * call (they point into buffers reused for the next record).
 */
#ifndef ATT_WARC_H
#define ATT_WARC_H

#include <stddef.h>

#include "../util/status.h"

/* The document limit (ingest.h's ATT_MAX_DOCUMENT), and the largest
 * record block held in memory (the payload plus room for HTTP headers). */
#define ATT_WARC_MAX_PAYLOAD ((size_t)32 << 20)
#define ATT_WARC_MAX_BLOCK (ATT_WARC_MAX_PAYLOAD + ((size_t)1 << 20))

/* Return non-zero to stop reading (att_warc_read then returns ATT_OK).
 * payload NULL: a response record too large to read (len bytes). */
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
/* The same, reading from fd (a file or a pipe) with read() as records are
 * consumed, after head[0..head_len) (bytes the caller already read from
 * it, at most 1 MiB; may be 0).  A file that shrinks while being read
 * ends early - a truncated record - instead of faulting as a mapping
 * would; ATT_ERR_IO if read() fails. */
att_status att_warc_read_fd(int fd, const char *head, size_t head_len, att_warc_cb cb, void *ctx,
                            size_t *n_records, char *err, size_t errlen);

/* The same walk, with more of each delivered record: its WARC-Date and
 * the response's Last-Modified header (the date evidence of docdate.h). */
typedef struct att_warc_record {
    const char *uri;           /* WARC-Target-URI, angle brackets removed ("" if none) */
    const char *content_type;  /* HTTP Content-Type, NULL if none */
    const char *payload;       /* decoded HTTP body; NULL for a response over
                                * ATT_WARC_MAX_BLOCK (never held; len is its size) */
    size_t len;
    const char *warc_date;     /* WARC-Date as written, NULL if absent */
    const char *last_modified; /* HTTP Last-Modified as written, NULL if absent */
} att_warc_record;
typedef int (*att_warc_record_cb)(void *ctx, const att_warc_record *rec);
att_status att_warc_read_records(const char *data, size_t len, att_warc_record_cb cb, void *ctx,
                                 size_t *n_records, char *err, size_t errlen);
/* att_warc_read_fd with the record interface. */
att_status att_warc_read_records_fd(int fd, const char *head, size_t head_len, att_warc_record_cb cb, void *ctx,
                                    size_t *n_records, char *err, size_t errlen);

#endif
