/* utf8.c - UTF-8 validation, decoding and NFC conversion; see normalize.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize.h"

/* Can this code point be left as it is by NFC whatever surrounds it?
 * Conservative: Latin, Vietnamese, Greek and Cyrillic letters, CJK and
 * punctuation are; combining marks, Hangul jamo/syllables and the
 * compatibility singletons are handed to utf8proc. */
static int nfc_stable(unsigned cp)
{
    if (cp < 0x0300)
        return 1;
    if (cp <= 0x036F || (cp >= 0x0340 && cp <= 0x0344) || cp == 0x0374 || cp == 0x037E || cp == 0x0387)
        return 0;
    if (cp >= 0x1EA0 && cp <= 0x1EFF) /* precomposed Vietnamese vowels */
        return 1;
    if (cp >= 0x1100 && cp <= 0x11FF)
        return 0;
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        return 0;
    if ((cp >= 0x1F00 && cp <= 0x1FFF) || (cp >= 0x2000 && cp <= 0x2001) || (cp >= 0x2126 && cp <= 0x212B) ||
        cp == 0x2329 || cp == 0x232A || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F))
        return 0;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return 0;
    default:
        return 1;
    }
}

/* Number of leading bytes of p[0..n) that are ASCII and not NUL, looked at
 * eight at a time: most of a news page is ASCII. */
static size_t ascii_run(const unsigned char *p, size_t n)
{
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if ((w & high) || ((w - ones) & ~w & high)) /* a byte >= 0x80, or a NUL */
            break;
    }
    while (i < n && p[i] && p[i] < 0x80)
        i++;
    return i;
}

/* The one pass behind att_utf8_valid and att_utf8_nfc_quick: validates
 * s[0..n) and, when nfc is non-NULL, clears *nfc at the first code point
 * NFC might change. */
static int utf8_scan(const char *s, size_t n, size_t *bad_offset, int *nfc)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        i += ascii_run(p + i, n - i);
        if (i >= n)
            break;
        unsigned c = p[i];
        if (c == 0)
            goto bad;
        /* Vietnamese letters first: U+0080..U+02FF (0xC2..0xCB and a
         * continuation byte) and U+1EA0..U+1EFF (0xE1 0xBA 0xA0.. or 0xE1
         * 0xBB ..) are always valid when their continuation bytes are, and
         * NFC leaves them alone */
        if (c <= 0xCB && c >= 0xC2 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c == 0xE1 && i + 2 < n && ((p[i + 1] == 0xBA && p[i + 2] >= 0xA0) || p[i + 1] == 0xBB) &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
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
        if (nfc && *nfc && !nfc_stable(cp))
            *nfc = 0;
        i += len;
    }
    return 1;
bad:
    if (bad_offset)
        *bad_offset = i;
    return 0;
}

int att_utf8_valid(const char *s, size_t n, size_t *bad_offset) { return utf8_scan(s, n, bad_offset, NULL); }

int att_utf8_nfc_quick(const char *s, size_t n, size_t *bad_offset)
{
    int nfc = 1;
    return utf8_scan(s, n, bad_offset, &nfc) ? nfc : -1;
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
    /* Text without combining marks, Hangul or the few characters NFC
     * replaces (singletons) is already NFC - the usual case for
     * precomposed Vietnamese - and is copied as it is. */
    int quick = att_utf8_nfc_quick(s, n, NULL);
    if (quick < 0)
        return ATT_ERR_UTF8;
    if (quick) {
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

size_t att_utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

size_t att_utf8_count(const char *s, size_t n)
{
    /* the bytes that are no continuation byte, 16 at a time where SSE2 is
     * there (character offsets of events are counted with it per article) */
    size_t c = 0, i = 0;
#if defined(__SSE2__)
    const __m128i lim = _mm_set1_epi8((char)0xC0); /* continuation bytes 0x80..0xBF: below it, signed */
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, lim));
        c += 16 - (size_t)__builtin_popcount(cont);
    }
#endif
    for (; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}
