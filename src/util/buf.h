/*
 * buf.h - growable byte buffer (always NUL-terminated).
 *
 * Ownership: the att_buf struct is the caller's (usually on the stack); the
 * heap block in .data belongs to the buffer until att_buf_free() releases it
 * or att_buf_steal() hands it to the caller, who then frees it with free().
 * Appends return ATT_OK or ATT_ERR_NOMEM; after a failed append the buffer
 * keeps its previous contents.
 */
#ifndef ATT_BUF_H
#define ATT_BUF_H

#include <stddef.h>

#include "status.h"

typedef struct att_buf {
    char *data;  /* NUL-terminated; NULL until the first append */
    size_t len;  /* bytes used, excluding the NUL */
    size_t cap;  /* bytes allocated */
} att_buf;

#define ATT_BUF_INIT {NULL, 0, 0}

att_status att_buf_reserve(att_buf *b, size_t extra);
att_status att_buf_append(att_buf *b, const char *s, size_t n);
att_status att_buf_puts(att_buf *b, const char *s);
att_status att_buf_putc(att_buf *b, char c);
att_status att_buf_printf(att_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append the UTF-8 encoding of code point cp. */
att_status att_buf_put_utf8(att_buf *b, unsigned cp);
/* Write the UTF-8 encoding of code point cp (below 0x110000) to out;
 * returns its length, 1 to 4. */
size_t att_utf8_encode(unsigned cp, char out[4]);
void att_buf_clear(att_buf *b);              /* len = 0, keeps memory */
void att_buf_free(att_buf *b);               /* releases memory, resets */
/* Returns the heap string (never NULL: "" is allocated if empty) and resets
 * the buffer; the caller frees it.  NULL only on allocation failure. */
char *att_buf_steal(att_buf *b);

#endif
