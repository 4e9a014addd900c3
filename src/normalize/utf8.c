/* utf8.c - UTF-8 validation, decoding and NFC conversion; see normalize.h. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize.h"

int att_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            if (c == 0)
                goto bad;
            i++;
            continue;
        }
        size_t len;
        unsigned cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            goto bad;
        }
        if (i + len > n)
            goto bad;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += len;
    }
    return 1;
bad:
    if (bad_offset)
        *bad_offset = i;
    return 0;
}

size_t att_utf8_decode(const char *s, size_t n, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned v = c & (0x7F >> len);
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (p[k] & 0x3F);
    }
    *cp = v;
    return len;
}

att_status att_nfc(const char *s, size_t n, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (!att_utf8_valid(s, n, NULL))
        return ATT_ERR_UTF8;
    /* Fast path: pure ASCII is already NFC. */
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n) {
        *out = malloc(n + 1);
        if (!*out)
            return ATT_ERR_NOMEM;
        memcpy(*out, s, n);
        (*out)[n] = '\0';
        *outlen = n;
        return ATT_OK;
    }
    utf8proc_uint8_t *r = NULL;
    utf8proc_ssize_t rl = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r,
                                       UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (rl < 0) {
        free(r);
        return rl == UTF8PROC_ERROR_NOMEM ? ATT_ERR_NOMEM : ATT_ERR_UTF8;
    }
    *out = (char *)r;
    *outlen = (size_t)rl;
    return ATT_OK;
}
