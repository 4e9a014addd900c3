/* url.c - URL resolution, normalization and address classification; see url.h. */
#include "url.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/buf.h"

typedef struct parts {
    const char *scheme, *auth, *path, *query;
    size_t scheme_len, auth_len, path_len, query_len;
    int has_scheme, has_auth, has_query;
} parts;

/* Split a URI reference (RFC 3986 appendix B); the fragment is ignored. */
static void split(const char *s, parts *p)
{
    memset(p, 0, sizeof *p);
    const char *c = s;
    if (isalpha((unsigned char)*c)) {
        const char *e = c;
        while (isalnum((unsigned char)*e) || *e == '+' || *e == '-' || *e == '.')
            e++;
        if (*e == ':') {
            p->scheme = c;
            p->scheme_len = (size_t)(e - c);
            p->has_scheme = 1;
            c = e + 1;
        }
    }
    if (c[0] == '/' && c[1] == '/') {
        c += 2;
        p->auth = c;
        while (*c && *c != '/' && *c != '?' && *c != '#')
            c++;
        p->auth_len = (size_t)(c - p->auth);
        p->has_auth = 1;
    }
    p->path = c;
    while (*c && *c != '?' && *c != '#')
        c++;
    p->path_len = (size_t)(c - p->path);
    if (*c == '?') {
        p->query = ++c;
        while (*c && *c != '#')
            c++;
        p->query_len = (size_t)(c - p->query);
        p->has_query = 1;
    }
}

/* RFC 3986 5.2.4, in place on a NUL-terminated path; returns its length.
 * The output never overtakes the input, so one buffer serves both. */
static size_t remove_dots(char *in)
{
    char *out = in, *r = in;
    while (*r) {
        if (!strncmp(r, "../", 3)) {
            r += 3;
        } else if (!strncmp(r, "./", 2) || !strncmp(r, "/./", 3)) {
            r += 2;
        } else if (!strcmp(r, "/.")) {
            *out++ = '/';
            break;
        } else if (!strncmp(r, "/../", 4) || !strcmp(r, "/..")) {
            while (out > in && *--out != '/')
                ;
            if (r[3] == '\0') {
                *out++ = '/';
                break;
            }
            r += 3;
        } else if (!strcmp(r, ".") || !strcmp(r, "..")) {
            break;
        } else {
            do
                *out++ = *r++;
            while (*r && *r != '/');
        }
    }
    *out = '\0';
    return (size_t)(out - in);
}

static int is_unreserved(int c) { return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Append s[0..n) with percent-escapes normalized. */
static att_status put_escaped(att_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    att_status st = ATT_OK;
    for (size_t i = 0; i < n && st == ATT_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
            hexval((unsigned char)s[i + 2]) >= 0) {
            int v = hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]);
            i += 2;
            if (is_unreserved(v)) {
                char ch = (char)v;
                st = att_buf_append(b, &ch, 1);
                continue;
            }
            c = (unsigned char)v;
        } else if (c > 0x20 && c < 0x7f && !strchr("\"<>\\^`{|}", c) && c != '%') {
            st = att_buf_append(b, (const char *)&c, 1);
            continue;
        }
        char e[3] = {'%', hex[c >> 4], hex[c & 15]};
        st = att_buf_append(b, e, 3);
    }
    return st;
}

int att_url_tracking_param(const char *name, size_t len)
{
    static const char *const exact[] = {"fbclid", "gclid",  "dclid",   "gclsrc", "msclkid", "yclid",
                                        "mc_cid", "mc_eid", "igshid",  "_ga",    "_gl",     "ocid",
                                        "spm",    "cmpid",  "zarsrc",  "vero_id", "__twitter_impression"};
    if (len > 4 && !strncasecmp(name, "utm_", 4))
        return 1;
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (strlen(exact[i]) == len && !strncasecmp(name, exact[i], len))
            return 1;
    return 0;
}

/* Append the query without tracking parameters (no '?' if none is left). */
static att_status put_query(att_buf *b, const char *q, size_t n)
{
    int first = 1;
    att_status st = ATT_OK;
    size_t i = 0;
    while (i <= n && st == ATT_OK) {
        size_t j = i;
        while (j < n && q[j] != '&')
            j++;
        size_t k = i;
        while (k < j && q[k] != '=')
            k++;
        if (j > i && !att_url_tracking_param(q + i, k - i)) {
            st = att_buf_append(b, first ? "?" : "&", 1);
            if (st == ATT_OK)
                st = put_escaped(b, q + i, j - i);
            first = 0;
        }
        i = j + 1;
    }
    return st;
}

att_status att_url_normalize(const char *ref, const char *base, int flags, char **out, char *err,
                             size_t errlen)
{
    *out = NULL;
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
        ref++;
    size_t rl = strlen(ref);
    while (rl && (ref[rl - 1] == ' ' || ref[rl - 1] == '\t' || ref[rl - 1] == '\n' || ref[rl - 1] == '\r'))
        rl--;
    if (rl > ATT_URL_MAX)
        return att_seterr(err, errlen, ATT_ERR_USAGE, "URL longer than %d bytes", ATT_URL_MAX);
    char *r = strndup(ref, rl);
    if (!r)
        return ATT_ERR_NOMEM;
    parts R, B, T;
    split(r, &R);
    if (!R.has_scheme) {
        if (!base) {
            free(r);
            return att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s' is not an absolute URL", ref);
        }
        split(base, &B);
        if (!B.has_scheme || !B.has_auth) {
            free(r);
            return att_seterr(err, errlen, ATT_ERR_USAGE, "base '%.200s' is not an absolute URL", base);
        }
    }
    /* Target components (RFC 3986 5.2.2); the path is built in pb. */
    att_buf pb = ATT_BUF_INIT;
    att_status st = ATT_OK;
    T = R;
    if (R.has_scheme) {
        st = att_buf_append(&pb, R.path, R.path_len);
    } else if (R.has_auth) {
        T.scheme = B.scheme, T.scheme_len = B.scheme_len, T.has_scheme = 1;
        st = att_buf_append(&pb, R.path, R.path_len);
    } else {
        T.scheme = B.scheme, T.scheme_len = B.scheme_len, T.has_scheme = 1;
        T.auth = B.auth, T.auth_len = B.auth_len, T.has_auth = 1;
        if (R.path_len == 0) {
            st = att_buf_append(&pb, B.path, B.path_len);
            if (!R.has_query)
                T.query = B.query, T.query_len = B.query_len, T.has_query = B.has_query;
        } else if (R.path[0] == '/') {
            st = att_buf_append(&pb, R.path, R.path_len);
        } else {
            if (B.path_len == 0) {
                st = att_buf_append(&pb, "/", 1);
            } else {
                size_t k = B.path_len;
                while (k > 0 && B.path[k - 1] != '/')
                    k--;
                st = att_buf_append(&pb, B.path, k);
            }
            if (st == ATT_OK)
                st = att_buf_append(&pb, R.path, R.path_len);
        }
    }
    if (st == ATT_OK && !pb.data && (st = att_buf_reserve(&pb, 1)) == ATT_OK)
        pb.data[0] = '\0';
    if (st != ATT_OK) {
        att_buf_free(&pb);
        free(r);
        return ATT_ERR_NOMEM;
    }
    size_t plen = remove_dots(pb.data);

    char scheme[8] = "";
    char host[256];
    long port = 0;
    if (T.scheme_len < sizeof scheme)
        for (size_t i = 0; i < T.scheme_len; i++)
            scheme[i] = (char)tolower((unsigned char)T.scheme[i]), scheme[i + 1] = '\0';
    if (strcmp(scheme, "http") && strcmp(scheme, "https"))
        st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': only http and https URLs are followed", ref);
    else if (!T.has_auth || T.auth_len == 0)
        st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': no host", ref);
    else if (memchr(T.auth, '@', T.auth_len))
        st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': user names in URLs are refused", ref);
    if (st == ATT_OK) {
        const char *a = T.auth, *ae = T.auth + T.auth_len, *hp = a, *he;
        if (*a == '[') {
            he = memchr(a, ']', T.auth_len);
            if (!he)
                st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': bad IPv6 host", ref);
            else
                he++;
        } else {
            he = memchr(a, ':', T.auth_len);
            if (!he)
                he = ae;
        }
        if (st == ATT_OK && (size_t)(he - hp) >= sizeof host)
            st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': host name too long", ref);
        if (st == ATT_OK) {
            size_t hl = (size_t)(he - hp);
            for (size_t i = 0; i < hl; i++) {
                char c = (char)tolower((unsigned char)hp[i]);
                host[i] = c;
                if (!(isalnum((unsigned char)c) || strchr("-._[]:", c)))
                    st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': bad character in host", ref);
            }
            while (hl > 0 && host[hl - 1] == '.')
                hl--;
            host[hl] = '\0';
            if (hl == 0)
                st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': no host", ref);
        }
        if (st == ATT_OK && he < ae) {
            if (*he != ':')
                st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': bad host", ref);
            for (const char *c = he + 1; st == ATT_OK && c < ae; c++) {
                if (!isdigit((unsigned char)*c) || port > 65535)
                    st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': bad port", ref);
                port = port * 10 + (*c - '0');
            }
            if (st == ATT_OK && he + 1 < ae && (port < 1 || port > 65535))
                st = att_seterr(err, errlen, ATT_ERR_USAGE, "'%.200s': bad port", ref);
        }
    }
    if ((!strcmp(scheme, "http") && port == 80) || (!strcmp(scheme, "https") && port == 443))
        port = 0;
    att_buf ob = ATT_BUF_INIT;
    if (st == ATT_OK) {
        char head[300];
        if (port)
            snprintf(head, sizeof head, "%s://%s:%ld", scheme, host, port);
        else
            snprintf(head, sizeof head, "%s://%s", scheme, host);
        st = att_buf_append(&ob, head, strlen(head));
        if (plen && (flags & ATT_URL_KEY) && plen > 1 && pb.data[plen - 1] == '/')
            plen--;
        if (st == ATT_OK)
            st = plen ? put_escaped(&ob, pb.data, plen) : att_buf_append(&ob, "/", 1);
        if (st == ATT_OK && T.has_query)
            st = put_query(&ob, T.query, T.query_len);
        if (st == ATT_OK && ob.len > ATT_URL_MAX)
            st = att_seterr(err, errlen, ATT_ERR_USAGE, "URL longer than %d bytes", ATT_URL_MAX);
    }
    att_buf_free(&pb);
    free(r);
    if (st != ATT_OK) {
        att_buf_free(&ob);
        return st;
    }
    *out = att_buf_steal(&ob);
    return *out ? ATT_OK : ATT_ERR_NOMEM;
}

int att_url_origin(const char *url, char *out, size_t outlen)
{
    const char *p = strstr(url, "://");
    if (!p)
        return -1;
    p += 3;
    size_t n = strcspn(p, "/?#");
    size_t len = (size_t)(p - url) + n;
    if (len + 1 > outlen)
        return -1;
    memcpy(out, url, len);
    out[len] = '\0';
    return 0;
}

int att_url_host(const char *url, char *out, size_t outlen)
{
    const char *p = strstr(url, "://");
    if (!p)
        return -1;
    p += 3;
    size_t n;
    if (*p == '[') {
        p++;
        n = strcspn(p, "]");
    } else {
        n = strcspn(p, ":/?#");
    }
    if (n + 1 > outlen || n == 0)
        return -1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

const char *att_url_path(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    p += strcspn(p, "/?#");
    return *p ? p : NULL;
}

static att_addr_class classify4(uint32_t a)
{
    unsigned b0 = a >> 24, b1 = (a >> 16) & 255;
    if (b0 == 127)
        return ATT_ADDR_LOOPBACK;
    if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168) ||
        (b0 == 100 && (b1 & 0xc0) == 64))
        return ATT_ADDR_PRIVATE;
    if (b0 == 169 && b1 == 254)
        return ATT_ADDR_LINKLOCAL;
    if (b0 == 0 || b0 >= 224 || (b0 == 192 && b1 == 0 && ((a >> 8) & 255) == 0) || (b0 == 198 && (b1 & 0xfe) == 18))
        return ATT_ADDR_RESERVED;
    return ATT_ADDR_PUBLIC;
}

att_addr_class att_addr_classify(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)sa;
        return classify4(ntohl(s4->sin_addr.s_addr));
    }
    if (sa->sa_family != AF_INET6)
        return ATT_ADDR_RESERVED;
    const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)sa;
    const unsigned char *b = s6->sin6_addr.s6_addr;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (!memcmp(b, mapped, 12))
        return classify4((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15]);
    int zero = 1;
    for (int i = 0; i < 15; i++)
        zero &= b[i] == 0;
    if (zero && b[15] == 1)
        return ATT_ADDR_LOOPBACK;
    if (zero && b[15] == 0)
        return ATT_ADDR_RESERVED;
    if ((b[0] & 0xfe) == 0xfc)
        return ATT_ADDR_PRIVATE;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        return ATT_ADDR_LINKLOCAL;
    if (b[0] == 0xff || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0))
        return ATT_ADDR_RESERVED; /* multicast, site-local */
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        return ATT_ADDR_RESERVED; /* documentation */
    return ATT_ADDR_PUBLIC;
}

int att_addr_classify_str(const char *addr)
{
    struct sockaddr_in s4;
    struct sockaddr_in6 s6;
    memset(&s4, 0, sizeof s4);
    memset(&s6, 0, sizeof s6);
    if (inet_pton(AF_INET, addr, &s4.sin_addr) == 1) {
        s4.sin_family = AF_INET;
        return (int)att_addr_classify((const struct sockaddr *)&s4);
    }
    if (inet_pton(AF_INET6, addr, &s6.sin6_addr) == 1) {
        s6.sin6_family = AF_INET6;
        return (int)att_addr_classify((const struct sockaddr *)&s6);
    }
    return -1;
}

const char *att_addr_class_str(att_addr_class c)
{
    switch (c) {
    case ATT_ADDR_PUBLIC: return "public";
    case ATT_ADDR_LOOPBACK: return "loopback";
    case ATT_ADDR_PRIVATE: return "private";
    case ATT_ADDR_LINKLOCAL: return "link-local";
    case ATT_ADDR_RESERVED: return "reserved";
    }
    return "reserved";
}
