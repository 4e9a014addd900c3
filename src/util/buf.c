/* buf.c - growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

att_status att_buf_reserve(att_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return ATT_OK;
    size_t need = b->len + extra + 1;
    if (need < b->len) /* overflow */
        return ATT_ERR_NOMEM;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    char *p = realloc(b->data, cap);
    if (!p)
        return ATT_ERR_NOMEM;
    b->data = p;
    b->cap = cap;
    return ATT_OK;
}

att_status att_buf_append(att_buf *b, const char *s, size_t n)
{
    if (att_buf_reserve(b, n) != ATT_OK)
        return ATT_ERR_NOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return ATT_OK;
}

att_status att_buf_puts(att_buf *b, const char *s) { return att_buf_append(b, s, strlen(s)); }

att_status att_buf_putc(att_buf *b, char c) { return att_buf_append(b, &c, 1); }

att_status att_buf_printf(att_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ATT_ERR_NOMEM;
    if (att_buf_reserve(b, (size_t)n) != ATT_OK)
        return ATT_ERR_NOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return ATT_OK;
}

size_t att_utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

att_status att_buf_put_utf8(att_buf *b, unsigned cp)
{
    char s[4];
    return att_buf_append(b, s, att_utf8_encode(cp, s));
}

void att_buf_clear(att_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void att_buf_free(att_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *att_buf_steal(att_buf *b)
{
    if (!b->data && att_buf_reserve(b, 0) != ATT_OK)
        return NULL;
    b->data[b->len] = '\0';
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
