/*
 * status.h - error codes shared by every attache module.
 *
 * Convention (SQLite style): every fallible function returns an att_status;
 * ATT_OK (0) means success, anything else is an error.  Functions that can
 * say more about a failure take a `char *err, size_t errlen` pair and write a
 * one-line, human-readable message there (never with a trailing newline).
 * The caller owns `err`; callees never allocate error strings.
 */
#ifndef ATT_STATUS_H
#define ATT_STATUS_H

#include <stddef.h>

typedef enum att_status {
    ATT_OK = 0,
    ATT_ERR_NOMEM,    /* allocation failed */
    ATT_ERR_IO,       /* open/read/write failed */
    ATT_ERR_EMPTY,    /* input has no usable content */
    ATT_ERR_BINARY,   /* input looks like a binary file */
    ATT_ERR_UTF8,     /* input is not valid UTF-8 (after charset conversion) */
    ATT_ERR_CHARSET,  /* declared charset unknown or conversion failed */
    ATT_ERR_FORMAT,   /* malformed container (WARC, gzip, HTML beyond repair) */
    ATT_ERR_TOOBIG,   /* input exceeds a configured size limit */
    ATT_ERR_DB,       /* SQLite reported an error */
    ATT_ERR_USAGE,    /* bad arguments from the caller / user */
    ATT_ERR_NOTFOUND  /* requested object does not exist */
} att_status;

/* Static English description of a status code; never NULL. */
const char *att_status_str(att_status st);

/* Format a message into err (if err && errlen), like snprintf; returns st so
 * callers can write `return att_seterr(err, errlen, ATT_ERR_IO, "...", ...)`. */
att_status att_seterr(char *err, size_t errlen, att_status st, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
