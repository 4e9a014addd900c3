/* warc.c - WARC record reader; see warc.h.
 *
 * Layout: a `reader` exposes the (decompressed) file as a sliding window;
 * read_record() parses one WARC record out of it; deliver_response() takes
 * an HTTP response block apart and decodes its payload. */
#include "warc.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../util/buf.h"

#define INFLATE_CHUNK (256u * 1024u)     /* window growth per inflate() or read() call */
#define INPUT_CHUNK (1u << 20)           /* compressed bytes read from a file at a time */
#define MAX_WARC_HEADER (1u << 20)       /* a WARC header block larger than this is garbage */
#define MAX_PAYLOAD (ATT_WARC_MAX_PAYLOAD + 1) /* decoded payload cap: one past the limit */

typedef struct reader {
    /* Input: the whole file in memory (fd < 0), or read from fd into
     * inbuf as it is consumed. */
    const char *data; /* input bytes available: data[in_pos..len) */
    size_t len;
    int fd;
    char *inbuf;
    int in_eof;       /* no more input bytes will arrive */
    size_t in_base;   /* file offset of data[0] */
    int gz;           /* input is gzip: win holds inflated bytes */
    z_stream zs;
    int zs_ready;     /* inflateInit2 done */
    int in_member;    /* inside a gzip member */
    size_t in_pos;    /* next input byte to inflate or copy */
    size_t member_at; /* compressed offset of the current member */
    /* The window: unconsumed bytes at win[0..win_len).  Plain input in
     * memory: win points into data.  Otherwise win points into buf, and
     * consumed bytes are dropped by moving win, compacting only when the
     * buffer needs room (each byte moves at most once per record). */
    char *buf;
    size_t buf_cap;
    char *win;
    size_t win_len;
    size_t base;      /* uncompressed offset of win[0] */
    int eof;          /* no more bytes will arrive in win */
    size_t rec_no;    /* 1-based number of the record being read */
    att_buf uri, ctype, body; /* per-record scratch, reused */
    char warc_date[40];       /* the record's WARC-Date ("" if none) */
    char last_modified[64];   /* the response's Last-Modified ("" if none) */
    att_warc_record_cb rcb;   /* the record interface's callback, or NULL */
    void *rctx;
    char *err;
    size_t errlen;
} reader;

/* ---- the input ---- */

/* Read more input from the file (keeping unconsumed bytes). */
static att_status read_input(reader *r)
{
    if (r->fd < 0 || r->in_eof)
        return ATT_OK;
    size_t keep = r->len - r->in_pos;
    if (keep && r->in_pos)
        memmove(r->inbuf, r->inbuf + r->in_pos, keep);
    r->in_base += r->in_pos;
    r->in_pos = 0;
    r->data = r->inbuf;
    r->len = keep;
    while (r->len < INPUT_CHUNK) {
        ssize_t n = read(r->fd, r->inbuf + r->len, INPUT_CHUNK - r->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return att_seterr(r->err, r->errlen, ATT_ERR_IO, "read error at byte offset %zu: %s",
                              r->in_base + r->len, strerror(errno));
        if (n == 0) {
            r->in_eof = 1;
            break;
        }
        r->len += (size_t)n;
    }
    return ATT_OK;
}

/* ---- the window ---- */

/* Room for at least `room` more bytes after the window (compacting or
 * growing the buffer). */
static att_status make_room(reader *r, size_t room)
{
    size_t off = r->win ? (size_t)(r->win - r->buf) : 0;
    if (r->buf_cap - off - r->win_len >= room)
        return ATT_OK;
    if (off) {
        memmove(r->buf, r->win, r->win_len);
        r->win = r->buf;
        off = 0;
    }
    if (r->buf_cap - r->win_len >= room)
        return ATT_OK;
    size_t cap = r->win_len + room;
    char *w = realloc(r->buf, cap);
    if (!w)
        return ATT_ERR_NOMEM;
    r->buf = w;
    r->win = w;
    r->buf_cap = cap;
    return ATT_OK;
}

/* Add bytes to the window: at least one unless the input ended (then
 * eof is set), at most about `want` more than it holds. */
static att_status more(reader *r, size_t want)
{
    if (r->eof)
        return ATT_OK;
    size_t room = want > r->win_len ? want - r->win_len : 1;
    if (room < INFLATE_CHUNK)
        room = INFLATE_CHUNK;
    if (make_room(r, room) != ATT_OK)
        return ATT_ERR_NOMEM;
    char *dst = r->win + r->win_len;
    if (!r->gz) { /* plain file: read straight into the window */
        for (;;) {
            ssize_t n = read(r->fd, dst, room);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return att_seterr(r->err, r->errlen, ATT_ERR_IO,
                                  "read error at byte offset %zu: %s", r->base + r->win_len,
                                  strerror(errno));
            if (n == 0)
                r->eof = 1;
            r->win_len += (size_t)n;
            return ATT_OK;
        }
    }
    if (r->in_pos >= r->len || (!r->in_member && r->len - r->in_pos < 2)) {
        att_status st = read_input(r);
        if (st != ATT_OK)
            return st;
    }
    if (!r->in_member) {
        if (r->in_pos >= r->len) {
            r->eof = 1;
            return ATT_OK;
        }
        const unsigned char *u = (const unsigned char *)r->data + r->in_pos;
        if (r->len - r->in_pos < 2 || u[0] != 0x1F || u[1] != 0x8B)
            return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                              "garbage after gzip member at byte offset %zu (record %zu)",
                              r->in_base + r->in_pos, r->rec_no);
        if (inflateReset2(&r->zs, 16 + MAX_WBITS) != Z_OK)
            return ATT_ERR_NOMEM;
        r->in_member = 1;
        r->member_at = r->in_base + r->in_pos;
    }
    size_t in_avail = r->len - r->in_pos;
    if (in_avail > UINT_MAX)
        in_avail = UINT_MAX;
    size_t out_avail = room > UINT_MAX ? UINT_MAX : room;
    r->zs.next_in = (Bytef *)(r->data + r->in_pos);
    r->zs.avail_in = (uInt)in_avail;
    r->zs.next_out = (Bytef *)dst;
    r->zs.avail_out = (uInt)out_avail;
    int rc = inflate(&r->zs, Z_NO_FLUSH);
    r->in_pos += in_avail - r->zs.avail_in;
    r->win_len += out_avail - r->zs.avail_out;
    if (rc == Z_STREAM_END) {
        r->in_member = 0;
        return ATT_OK;
    }
    if (rc == Z_OK)
        return ATT_OK;
    if (rc == Z_BUF_ERROR && r->in_pos >= r->len && !r->in_eof)
        return ATT_OK; /* more input to read */
    if (rc == Z_BUF_ERROR && r->in_pos >= r->len)
        return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                          "truncated gzip member at byte offset %zu (record %zu)", r->member_at,
                          r->rec_no);
    if (rc == Z_MEM_ERROR)
        return ATT_ERR_NOMEM;
    return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                      "corrupt gzip data in member at byte offset %zu (record %zu): %s", r->member_at,
                      r->rec_no, r->zs.msg ? r->zs.msg : "inflate failed");
}

/* Make win[0..want) available if the input has that much (win_len >=
 * want unless the input ended). */
static att_status fill(reader *r, size_t want)
{
    while (r->win_len < want && !r->eof) {
        att_status st = more(r, want);
        if (st != ATT_OK)
            return st;
    }
    return ATT_OK;
}

/* Drop consumed bytes from the front of the window. */
static void consume(reader *r, size_t n)
{
    r->win += n;
    r->win_len -= n;
    r->base += n;
}

/* Drop n bytes, reading (and inflating) through them a window at a time
 * without keeping them.  Returns 0, or 1 if the input ended first. */
static att_status skip(reader *r, size_t n, int *short_input)
{
    *short_input = 0;
    while (n > 0) {
        if (r->win_len == 0) {
            if (r->eof) {
                *short_input = 1;
                return ATT_OK;
            }
            att_status st = more(r, INFLATE_CHUNK);
            if (st != ATT_OK)
                return st;
            continue;
        }
        size_t k = n < r->win_len ? n : r->win_len;
        consume(r, k);
        n -= k;
    }
    return ATT_OK;
}

/* ---- small parsing helpers ---- */

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int eq_ci(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)w[i]))
            return 0;
    return 1;
}

static int contains_ci(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++)
        if (eq_ci(s + i, wl, w))
            return 1;
    return 0;
}

/* Offset just past the first blank line ("\r\n\r\n" or "\n\n") in
 * s[from..n), or 0 if there is none yet. */
static size_t header_end(const char *s, size_t from, size_t n)
{
    for (size_t i = from; i < n; i++) {
        if (s[i] != '\n')
            continue;
        if (i + 1 < n && s[i + 1] == '\n')
            return i + 2;
        if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Iterate "Name: value" lines of a header block s[0..n).  Returns 0 at the
 * end; value is trimmed of spaces and CR. */
static int next_header(const char *s, size_t n, size_t *pos, const char **name, size_t *nlen,
                       const char **val, size_t *vlen)
{
    while (*pos < n) {
        size_t a = *pos, e = a;
        while (e < n && s[e] != '\n')
            e++;
        *pos = e < n ? e + 1 : n;
        const char *colon = memchr(s + a, ':', e - a);
        if (!colon || s[a] == ' ' || s[a] == '\t')
            continue; /* status line, continuation or junk */
        *name = s + a;
        *nlen = (size_t)(colon - (s + a));
        size_t v = (size_t)(colon - s) + 1;
        while (v < e && (s[v] == ' ' || s[v] == '\t'))
            v++;
        while (e > v && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        *val = s + v;
        *vlen = e - v;
        return 1;
    }
    return 0;
}

/* Strict decimal: digits only, no overflow. */
static int parse_size(const char *s, size_t n, size_t *out)
{
    if (n == 0)
        return 0;
    size_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        size_t d = (size_t)(s[i] - '0');
        if (v > ((size_t)-1 - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

/* ---- HTTP payload decoding ---- */

enum { DEC_OK = 0, DEC_BAD = -1 };

/* Undo Transfer-Encoding: chunked into out.  A stream cut short keeps
 * what was decoded; a malformed size line is DEC_BAD. */
static int dechunk(const char *s, size_t n, att_buf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t size = 0, digits = 0;
        while (i < n) {
            int c = lower((unsigned char)s[i]);
            int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
            if (d < 0)
                break;
            if (size > ((size_t)-1 >> 4))
                return DEC_BAD;
            size = size * 16 + (size_t)d;
            digits++;
            i++;
        }
        if (digits == 0)
            return DEC_BAD;
        while (i < n && s[i] != '\n') /* chunk extensions, CR */
            i++;
        if (i >= n)
            return DEC_OK;
        i++;
        if (size == 0)
            return DEC_OK; /* trailers follow; nothing we need */
        size_t take = size < n - i ? size : n - i;
        if (out->len + take > MAX_PAYLOAD)
            return att_buf_append(out, s + i, MAX_PAYLOAD - out->len) == ATT_OK ? DEC_OK : DEC_BAD;
        if (att_buf_append(out, s + i, take) != ATT_OK)
            return DEC_BAD;
        i += take;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
    return DEC_OK;
}

/* Inflate a gzip or zlib (or, failing that, raw deflate) payload into out.
 * A stream cut short keeps what was decoded. */
static int decompress(const char *s, size_t n, att_buf *out, int raw)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, raw ? -MAX_WBITS : 32 + MAX_WBITS) != Z_OK)
        return DEC_BAD;
    zs.next_in = (Bytef *)s;
    zs.avail_in = n > UINT_MAX ? UINT_MAX : (uInt)n;
    int rc = Z_OK;
    while (rc == Z_OK && out->len < MAX_PAYLOAD) {
        if (att_buf_reserve(out, 64 * 1024) != ATT_OK) {
            rc = Z_MEM_ERROR;
            break;
        }
        size_t room = out->cap - out->len - 1;
        if (room > MAX_PAYLOAD - out->len)
            room = MAX_PAYLOAD - out->len;
        zs.next_out = (Bytef *)(out->data + out->len);
        zs.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
        uInt before = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        out->len += before - zs.avail_out;
        out->data[out->len] = '\0';
    }
    inflateEnd(&zs);
    if (rc == Z_STREAM_END || rc == Z_OK || (rc == Z_BUF_ERROR && out->len > 0))
        return DEC_OK;
    return DEC_BAD;
}

/* Does a payload without Content-Type start like an HTML document? */
static int looks_like_html(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return (n - i >= 14 && eq_ci(s + i, 14, "<!doctype html")) ||
           (n - i >= 5 && eq_ci(s + i, 5, "<html")) || (n - i >= 4 && eq_ci(s + i, 4, "<!--"));
}

static int is_html_type(const char *s, size_t n)
{
    return contains_ci(s, n, "text/html") || contains_ci(s, n, "application/xhtml");
}

/* Take an HTTP response block apart and hand an HTML 2xx payload to the
 * callback.  Returns the callback's result (0 = go on), or -1 on NOMEM. */
/* Hand a record to the caller's callback of either interface. */
static int deliver(reader *r, att_warc_cb cb, void *ctx, const char *ctype, const char *body, size_t blen)
{
    const char *uri = r->uri.data ? r->uri.data : "";
    if (!r->rcb)
        return cb(ctx, uri, ctype, body, blen);
    att_warc_record rec = {uri, ctype, body, blen, r->warc_date[0] ? r->warc_date : NULL,
                           r->last_modified[0] ? r->last_modified : NULL};
    return r->rcb(r->rctx, &rec);
}

static int deliver_response(reader *r, const char *blk, size_t n, att_warc_cb cb, void *ctx)
{
    size_t hdr_end;
    int status;
    /* Skip interim 1xx responses ("100 Continue") before the real one. */
    for (;;) {
        if (n < 12 || memcmp(blk, "HTTP/", 5) != 0)
            return 0;
        const char *sp = memchr(blk, ' ', n < 16 ? n : 16);
        if (!sp || (size_t)(sp - blk) + 4 > n)
            return 0;
        status = 0;
        for (int k = 1; k <= 3; k++) {
            if (sp[k] < '0' || sp[k] > '9')
                return 0;
            status = status * 10 + (sp[k] - '0');
        }
        hdr_end = header_end(blk, 0, n);
        if (!hdr_end)
            return 0;
        if (status >= 200)
            break;
        blk += hdr_end;
        n -= hdr_end;
    }
    if (status < 200 || status > 299)
        return 0;
    size_t pos = 0, nl, vl;
    const char *name, *val;
    int chunked = 0, gzip = 0, deflate = 0, other_coding = 0, have_ct = 0;
    att_buf_clear(&r->ctype);
    r->last_modified[0] = '\0';
    while (next_header(blk, hdr_end, &pos, &name, &nl, &val, &vl)) {
        if (eq_ci(name, nl, "last-modified") && vl < sizeof r->last_modified) {
            memcpy(r->last_modified, val, vl);
            r->last_modified[vl] = '\0';
        } else if (eq_ci(name, nl, "content-type") && !have_ct) {
            have_ct = 1;
            if (att_buf_append(&r->ctype, val, vl) != ATT_OK)
                return -1;
        } else if (eq_ci(name, nl, "transfer-encoding")) {
            chunked = contains_ci(val, vl, "chunked");
        } else if (eq_ci(name, nl, "content-encoding")) {
            gzip = contains_ci(val, vl, "gzip");
            deflate = contains_ci(val, vl, "deflate");
            other_coding = !gzip && !deflate && vl && !eq_ci(val, vl, "identity");
        }
    }
    if (have_ct && !is_html_type(r->ctype.data, r->ctype.len))
        return 0;
    const char *body = blk + hdr_end;
    size_t blen = n - hdr_end;
    att_buf_clear(&r->body);
    /* Writers differ on whether they store the wire bytes or the decoded
     * body under the original headers, so only decode what looks encoded. */
    if (chunked && blen && strchr("0123456789abcdefABCDEF", body[0])) {
        if (dechunk(body, blen, &r->body) != DEC_OK)
            return 0;
        body = r->body.data ? r->body.data : "";
        blen = r->body.len;
    }
    if ((gzip || deflate) && blen >= 2) {
        const unsigned char *u = (const unsigned char *)body;
        int is_gz = u[0] == 0x1F && u[1] == 0x8B;
        int is_zlib = (u[0] & 0x0F) == 8 && ((u[0] << 8) | u[1]) % 31 == 0;
        if (is_gz || is_zlib || deflate) {
            att_buf dec = ATT_BUF_INIT;
            int rc = decompress(body, blen, &dec, !is_gz && !is_zlib);
            if (rc != DEC_OK) {
                att_buf_free(&dec);
                return 0;
            }
            att_buf_free(&r->body);
            r->body = dec;
            body = r->body.data ? r->body.data : "";
            blen = r->body.len;
        }
    }
    /* br, zstd...: only usable if the writer stored the decoded body */
    if ((other_coding || !have_ct) && !looks_like_html(body, blen))
        return 0;
    return deliver(r, cb, ctx, have_ct ? r->ctype.data : NULL, body, blen);
}

/* ---- records ---- */

enum { REC_OK, REC_END, REC_STOP };

static att_status read_record(reader *r, att_warc_cb cb, void *ctx, int *what)
{
    att_status st;
    /* Records are separated by CRLF CRLF; tolerate any run of blank lines. */
    for (;;) {
        if ((st = fill(r, 1)) != ATT_OK)
            return st;
        if (r->win_len == 0) {
            *what = REC_END;
            return ATT_OK;
        }
        size_t k = 0;
        while (k < r->win_len && (r->win[k] == '\r' || r->win[k] == '\n'))
            k++;
        consume(r, k);
        if (r->win_len > 0)
            break;
    }
    /* Where the record starts, for error messages. */
    char loc[96];
    snprintf(loc, sizeof loc, "record %zu at %sbyte offset %zu", r->rec_no,
             r->gz ? "uncompressed " : "", r->base);
    if ((st = fill(r, 9)) != ATT_OK)
        return st;
    if (r->win_len < 8 || memcmp(r->win, "WARC/1.", 7) != 0 || r->win[7] < '0' || r->win[7] > '9')
        return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                          "%s: missing WARC/1.x version line", loc);
    size_t hend = 0, scanned = 0;
    while (!(hend = header_end(r->win, scanned, r->win_len))) {
        scanned = r->win_len > 2 ? r->win_len - 2 : 0;
        if (r->eof || r->win_len > MAX_WARC_HEADER)
            return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                              "%s: header block not terminated", loc);
        if ((st = fill(r, r->win_len + 1)) != ATT_OK)
            return st;
    }
    size_t pos = 0, nl, vl, clen = 0;
    const char *name, *val;
    int is_response = 0, have_len = 0;
    att_buf_clear(&r->uri);
    r->warc_date[0] = r->last_modified[0] = '\0';
    while (next_header(r->win, hend, &pos, &name, &nl, &val, &vl)) {
        if (eq_ci(name, nl, "warc-date") && vl < sizeof r->warc_date) {
            memcpy(r->warc_date, val, vl);
            r->warc_date[vl] = '\0';
        } else if (eq_ci(name, nl, "content-length")) {
            if (!parse_size(val, vl, &clen))
                return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                                  "%s: bad Content-Length \"%.*s\"",
                                  loc, (int)(vl > 40 ? 40 : vl), val);
            have_len = 1;
        } else if (eq_ci(name, nl, "warc-type")) {
            is_response = eq_ci(val, vl, "response");
        } else if (eq_ci(name, nl, "warc-target-uri")) {
            if (vl >= 2 && val[0] == '<' && val[vl - 1] == '>') {
                val++;
                vl -= 2;
            }
            att_buf_clear(&r->uri);
            if (att_buf_append(&r->uri, val, vl) != ATT_OK)
                return ATT_ERR_NOMEM;
        }
    }
    if (!have_len)
        return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                          "%s: missing Content-Length", loc);
    if (clen > (size_t)-1 - hend)
        return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                          "%s: bad Content-Length %zu", loc, clen);
    *what = REC_OK;
    if (clen > ATT_WARC_MAX_BLOCK) {
        /* Never held whole: read through it, and tell the caller. */
        int short_input;
        consume(r, hend);
        if ((st = skip(r, clen, &short_input)) != ATT_OK)
            return st;
        if (short_input)
            return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                              "%s: Content-Length %zu but the input ends first", loc, clen);
        if (is_response && deliver(r, cb, ctx, NULL, NULL, clen))
            *what = REC_STOP;
        return ATT_OK;
    }
    if ((st = fill(r, hend + clen)) != ATT_OK)
        return st;
    if (r->win_len < hend + clen)
        return att_seterr(r->err, r->errlen, ATT_ERR_FORMAT,
                          "%s: Content-Length %zu but only %zu bytes follow",
                          loc, clen, r->win_len - hend);
    if (is_response) {
        int rc = deliver_response(r, r->win + hend, clen, cb, ctx);
        if (rc < 0)
            return ATT_ERR_NOMEM;
        if (rc)
            *what = REC_STOP;
    }
    consume(r, hend + clen);
    return ATT_OK;
}

static att_status walk(reader *r, att_warc_cb cb, void *ctx, size_t *n_records)
{
    size_t count = 0;
    att_status st = ATT_OK;
    for (;;) {
        r->rec_no = count + 1;
        int what = REC_END;
        st = read_record(r, cb, ctx, &what);
        if (st != ATT_OK || what == REC_END)
            break;
        count++;
        if (what == REC_STOP)
            break;
    }
    if (r->zs_ready)
        inflateEnd(&r->zs);
    free(r->buf);
    free(r->inbuf);
    att_buf_free(&r->uri);
    att_buf_free(&r->ctype);
    att_buf_free(&r->body);
    if (n_records)
        *n_records = count;
    return st;
}

/* att_warc_read / att_warc_read_records: one of cb, rcb is set. */
static att_status read_memory(const char *data, size_t len, att_warc_cb cb, att_warc_record_cb rcb, void *ctx,
                              size_t *n_records, char *err, size_t errlen)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.rcb = rcb;
    r.rctx = ctx;
    r.fd = -1;
    r.data = data ? data : "";
    r.len = data ? len : 0;
    r.in_eof = 1;
    r.err = err;
    r.errlen = errlen;
    r.gz = r.len >= 2 && (unsigned char)r.data[0] == 0x1F && (unsigned char)r.data[1] == 0x8B;
    if (r.gz) {
        if (inflateInit2(&r.zs, 16 + MAX_WBITS) != Z_OK)
            return ATT_ERR_NOMEM;
        r.zs_ready = 1;
    } else {
        r.win = (char *)r.data;
        r.win_len = r.len;
        r.eof = 1;
    }
    return walk(&r, cb, ctx, n_records);
}

att_status att_warc_read(const char *data, size_t len, att_warc_cb cb, void *ctx,
                         size_t *n_records, char *err, size_t errlen)
{
    return read_memory(data, len, cb, NULL, ctx, n_records, err, errlen);
}

att_status att_warc_read_records(const char *data, size_t len, att_warc_record_cb cb, void *ctx,
                                 size_t *n_records, char *err, size_t errlen)
{
    return read_memory(data, len, NULL, cb, ctx, n_records, err, errlen);
}

/* att_warc_read_fd / att_warc_read_records_fd: one of cb, rcb is set. */
static att_status read_fd(int fd, const char *head, size_t head_len, att_warc_cb cb, att_warc_record_cb rcb,
                          void *ctx, size_t *n_records, char *err, size_t errlen)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.rcb = rcb;
    r.rctx = ctx;
    r.fd = fd;
    r.err = err;
    r.errlen = errlen;
    if (head_len > INPUT_CHUNK)
        return att_seterr(err, errlen, ATT_ERR_USAGE, "head larger than the input buffer");
    r.inbuf = malloc(INPUT_CHUNK);
    if (!r.inbuf)
        return ATT_ERR_NOMEM;
    if (head_len)
        memcpy(r.inbuf, head, head_len);
    r.data = r.inbuf;
    r.len = head_len;
    att_status st = read_input(&r);
    if (st != ATT_OK) {
        free(r.inbuf);
        return st;
    }
    r.gz = r.len >= 2 && (unsigned char)r.data[0] == 0x1F && (unsigned char)r.data[1] == 0x8B;
    if (r.gz) {
        if (inflateInit2(&r.zs, 16 + MAX_WBITS) != Z_OK) {
            free(r.inbuf);
            return ATT_ERR_NOMEM;
        }
        r.zs_ready = 1;
    } else {
        /* plain: what was read is the window's start; more comes by read() */
        r.buf = r.inbuf;
        r.buf_cap = INPUT_CHUNK;
        r.inbuf = NULL;
        r.win = r.buf;
        r.win_len = r.len;
        r.eof = r.in_eof;
    }
    return walk(&r, cb, ctx, n_records);
}

att_status att_warc_read_fd(int fd, const char *head, size_t head_len, att_warc_cb cb, void *ctx,
                            size_t *n_records, char *err, size_t errlen)
{
    return read_fd(fd, head, head_len, cb, NULL, ctx, n_records, err, errlen);
}

att_status att_warc_read_records_fd(int fd, const char *head, size_t head_len, att_warc_record_cb cb, void *ctx,
                                    size_t *n_records, char *err, size_t errlen)
{
    return read_fd(fd, head, head_len, NULL, cb, ctx, n_records, err, errlen);
}
