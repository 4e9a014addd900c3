/* charset.c - charset sniffing and conversion to UTF-8; see charset.h. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

#define SNIFF_WINDOW 4096 /* browsers' prescan looks at about this much */

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Characters allowed in a charset label (IANA names and common aliases). */
static int is_label_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':' || c == '+';
}

/* Case-insensitive prefix test of s[0..n) against lowercase ASCII word w. */
static int has_prefix_ci(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    if (n < wl)
        return 0;
    for (size_t i = 0; i < wl; i++)
        if (lower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

/* Copy a charset label (stopping at the first non-label byte) into out,
 * lowercased and with "utf8" spelled "utf-8".  Returns 1 if a non-empty
 * label fitted. */
static int put_label(const char *s, size_t n, char *out, size_t outlen)
{
    size_t k = 0;
    while (k < n && is_label_char((unsigned char)s[k]))
        k++;
    if (k == 0 || k + 1 > outlen)
        return 0;
    for (size_t i = 0; i < k; i++)
        out[i] = (char)lower((unsigned char)s[i]);
    out[k] = '\0';
    if (strcmp(out, "utf8") == 0) {
        if (outlen < 6)
            return 0;
        strcpy(out, "utf-8");
    }
    return 1;
}

/* Find "charset=<label>" (optionally quoted) in a Content-Type value. */
static int charset_param(const char *s, size_t n, char *out, size_t outlen)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        if (!has_prefix_ci(s + i, n - i, "charset"))
            continue;
        size_t j = i + 7;
        while (j < n && is_space((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != '=')
            continue;
        j++;
        while (j < n && is_space((unsigned char)s[j]))
            j++;
        if (j < n && (s[j] == '"' || s[j] == '\''))
            j++;
        if (put_label(s + j, n - j, out, outlen))
            return 1;
    }
    return 0;
}

/* One attribute of a start tag: name [= value].  Parses from *pos inside
 * s[0..n); returns 0 at '>' or end of input. */
typedef struct attr {
    const char *name, *val;
    size_t name_len, val_len;
} attr;

static int next_attr(const char *s, size_t n, size_t *pos, attr *a)
{
    size_t i = *pos;
    while (i < n && (is_space((unsigned char)s[i]) || s[i] == '/'))
        i++;
    if (i >= n || s[i] == '>')
        return 0;
    a->name = s + i;
    while (i < n && !is_space((unsigned char)s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
        i++;
    a->name_len = (size_t)(s + i - a->name);
    a->val = s + i;
    a->val_len = 0;
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (i < n && s[i] == '=') {
        i++;
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        if (i < n && (s[i] == '"' || s[i] == '\'')) {
            char q = s[i++];
            a->val = s + i;
            while (i < n && s[i] != q)
                i++;
            a->val_len = (size_t)(s + i - a->val);
            if (i < n)
                i++;
        } else {
            a->val = s + i;
            while (i < n && !is_space((unsigned char)s[i]) && s[i] != '>')
                i++;
            a->val_len = (size_t)(s + i - a->val);
        }
    }
    *pos = i;
    return 1;
}

static int attr_is(const attr *a, const char *name)
{
    return a->name_len == strlen(name) && has_prefix_ci(a->name, a->name_len, name);
}

/* Parse the attributes of a <meta> tag starting at s[*pos]; 1 if it
 * declares a charset. */
static int meta_charset(const char *s, size_t n, size_t *pos, char *out, size_t outlen)
{
    attr a;
    int http_equiv_ct = 0, found = 0;
    const char *content = NULL;
    size_t content_len = 0;
    while (next_attr(s, n, pos, &a)) {
        if (attr_is(&a, "charset") && !found)
            found = put_label(a.val, a.val_len, out, outlen);
        else if (attr_is(&a, "http-equiv"))
            http_equiv_ct = a.val_len == 12 && has_prefix_ci(a.val, a.val_len, "content-type");
        else if (attr_is(&a, "content")) {
            content = a.val;
            content_len = a.val_len;
        }
    }
    if (!found && http_equiv_ct && content)
        found = charset_param(content, content_len, out, outlen);
    return found;
}

/* The HTML prescan: <meta> tags in the first SNIFF_WINDOW bytes, skipping
 * comments so a commented-out declaration does not count. */
static int prescan(const char *s, size_t n, char *out, size_t outlen)
{
    if (n > SNIFF_WINDOW)
        n = SNIFF_WINDOW;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        if (has_prefix_ci(s + i, n - i, "<!--")) {
            size_t j = i + 4;
            while (j + 3 <= n && memcmp(s + j, "-->", 3) != 0)
                j++;
            if (j + 3 > n)
                return 0;
            i = j + 2;
            continue;
        }
        if (has_prefix_ci(s + i, n - i, "<meta") && i + 5 < n &&
            (is_space((unsigned char)s[i + 5]) || s[i + 5] == '/')) {
            size_t pos = i + 5;
            if (meta_charset(s, n, &pos, out, outlen))
                return 1;
            i = pos;
        }
    }
    return 0;
}

int att_charset_sniff(const char *html, size_t len, const char *content_type, char *out,
                      size_t outlen)
{
    if (!out || outlen == 0)
        return 0;
    out[0] = '\0';
    const unsigned char *u = (const unsigned char *)html;
    const char *bom = NULL;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        bom = "utf-8";
    else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        bom = "utf-16be";
    else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        bom = "utf-16le";
    if (bom) {
        if (strlen(bom) + 1 > outlen)
            return 0;
        strcpy(out, bom);
        return 1;
    }
    if (content_type && charset_param(content_type, strlen(content_type), out, outlen))
        return 1;
    if (html && prescan(html, len, out, outlen)) {
        /* A document that is readable as ASCII cannot really be UTF-16. */
        if (strncmp(out, "utf-16", 6) == 0 && outlen >= 6)
            strcpy(out, "utf-8");
        return 1;
    }
    out[0] = '\0';
    return 0;
}

/* ---- conversion ---- */

static int label_in(const char *cs, const char *const *names)
{
    for (; *names; names++)
        if (strlen(cs) == strlen(*names) && has_prefix_ci(cs, strlen(cs), *names))
            return 1;
    return 0;
}

static const char *const utf8_names[] = {"utf-8", "utf8", "unicode-1-1-utf-8", NULL};
static const char *const w1252_names[] = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1",     "us-ascii",
    "ascii",      "windows-1252", "cp1252", "x-cp1252", "cp819", NULL};
static const char *const w1258_names[] = {"windows-1258", "cp1258", "x-cp1258", NULL};
static const char *const tcvn_names[] = {"tcvn",   "tcvn-5712", "tcvn5712", "tcvn5712-1",
                                         "tcvn-3", "tcvn3",     "vn3",      NULL};

/* windows-1252 bytes 0x80..0x9F; 0 marks the five undefined bytes, which
 * browsers pass through as the C1 control of the same value. */
static const unsigned short w1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Decode windows-1252 ourselves: it is a total mapping (never fails), which
 * glibc's CP1252 is not. */
static att_status from_w1252(const char *in, size_t len, char **out, size_t *outlen)
{
    if (len > ((size_t)-1 - 1) / 3)
        return ATT_ERR_NOMEM;
    char *o = malloc(len * 3 + 1);
    if (!o)
        return ATT_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)in[i];
        if (c >= 0x80 && c <= 0x9F && w1252_c1[c - 0x80])
            c = w1252_c1[c - 0x80];
        k += att_utf8_encode(c, o + k);
    }
    o[k] = '\0';
    *out = o;
    *outlen = k;
    return ATT_OK;
}

static att_status via_iconv(const char *in, size_t len, const char *from, const char *label,
                            char **out, size_t *outlen, char *err, size_t errlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return att_seterr(err, errlen, ATT_ERR_CHARSET, "unknown charset \"%s\"", label);
    /* 3 output bytes per input byte covers every single-byte charset; the
     * loop grows the buffer for anything else. */
    if (len > ((size_t)-1 - 16) / 3)
        return ATT_ERR_NOMEM;
    size_t cap = len * 3 + 16;
    char *o = malloc(cap);
    if (!o) {
        iconv_close(cd);
        return ATT_ERR_NOMEM;
    }
    char *ip = (char *)in, *op = o;
    size_t ileft = len, oleft = cap - 1;
    att_status st = ATT_OK;
    int flushing = 0;
    for (;;) {
        /* A NULL input flushes converters that hold back a base letter
         * waiting for a combining tone mark (CP1258, TCVN). */
        size_t r = flushing ? iconv(cd, NULL, NULL, &op, &oleft) : iconv(cd, &ip, &ileft, &op, &oleft);
        if (r != (size_t)-1) {
            if (flushing)
                break;
            flushing = 1;
            continue;
        }
        if (errno == E2BIG) {
            size_t used = (size_t)(op - o);
            char *bigger = cap * 2 > cap ? realloc(o, cap * 2) : NULL;
            if (!bigger) {
                st = ATT_ERR_NOMEM;
                break;
            }
            o = bigger;
            cap *= 2;
            op = o + used;
            oleft = cap - 1 - used;
            continue;
        }
        if (errno == EINVAL)
            st = att_seterr(err, errlen, ATT_ERR_CHARSET,
                            "incomplete %s sequence at end of input (byte offset %zu)", label,
                            (size_t)(ip - in));
        else
            st = att_seterr(err, errlen, ATT_ERR_CHARSET, "byte 0x%02X at offset %zu is not valid %s",
                            (unsigned char)*ip, (size_t)(ip - in), label);
        break;
    }
    iconv_close(cd);
    if (st != ATT_OK) {
        free(o);
        return st;
    }
    *op = '\0';
    *out = o;
    *outlen = (size_t)(op - o);
    return ATT_OK;
}

static int has_multibyte(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0xC2)
            return 1;
    return 0;
}

/* Remove a leading U+FEFF from a malloc'd UTF-8 string in place. */
static void strip_utf8_bom(char *s, size_t *len)
{
    if (*len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF) {
        memmove(s, s + 3, *len - 3 + 1);
        *len -= 3;
    }
}

att_status att_to_utf8(const char *in, size_t len, const char *charset, char **out,
                       size_t *outlen, char *err, size_t errlen)
{
    *out = NULL;
    *outlen = 0;
    if (!in)
        len = 0;
    att_status st;
    if (!charset || !*charset || label_in(charset, utf8_names)) {
        if (len >= 3 && (unsigned char)in[0] == 0xEF && (unsigned char)in[1] == 0xBB &&
            (unsigned char)in[2] == 0xBF) {
            in += 3;
            len -= 3;
        }
        size_t bad = 0;
        if (!att_utf8_valid(in, len, &bad))
            return att_seterr(err, errlen, ATT_ERR_UTF8, "invalid UTF-8 at byte offset %zu", bad);
        char *o = malloc(len + 1);
        if (!o)
            return ATT_ERR_NOMEM;
        if (len)
            memcpy(o, in, len);
        o[len] = '\0';
        *out = o;
        *outlen = len;
        return ATT_OK;
    }
    /* Sites that moved to UTF-8 often kept their old windows-1258 / latin1
     * declaration.  Text in those single-byte charsets practically never
     * forms valid multi-byte UTF-8, so such input is taken as UTF-8. */
    int legacy = label_in(charset, w1252_names) || label_in(charset, w1258_names) ||
                 label_in(charset, tcvn_names);
    if (legacy && has_multibyte(in, len) && att_utf8_valid(in, len, NULL))
        return att_to_utf8(in, len, "utf-8", out, outlen, err, errlen);
    if (label_in(charset, w1252_names))
        st = from_w1252(in, len, out, outlen);
    else if (label_in(charset, w1258_names))
        st = via_iconv(in, len, "CP1258", charset, out, outlen, err, errlen);
    else if (label_in(charset, tcvn_names))
        st = via_iconv(in, len, "TCVN5712-1", charset, out, outlen, err, errlen);
    else {
        /* Only plausible labels reach iconv: it also accepts "//" suffixes
         * and other syntax that has no business in a page's declaration. */
        for (const char *p = charset; *p; p++)
            if (!is_label_char((unsigned char)*p))
                return att_seterr(err, errlen, ATT_ERR_CHARSET, "unknown charset \"%s\"", charset);
        st = via_iconv(in, len, charset, charset, out, outlen, err, errlen);
    }
    if (st == ATT_OK)
        strip_utf8_bom(*out, outlen);
    return st;
}
