/* warc_write.c - WARC writer, one gzip member per record; see warc_write.h. */
#include "warc_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../util/buf.h"

struct att_warc_writer {
    char *dir;
    size_t max_bytes;
    int fd;
    size_t size;      /* bytes in the current file */
    int yday, year;   /* UTC day of the current file */
    unsigned seq;
    size_t records;
    char info_id[64]; /* the current file's warcinfo record id */
    char path[4096];
};

static void new_id(char out[64])
{
    unsigned char r[16];
    static unsigned counter;
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
        unsigned long v = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^ ++counter;
        for (int i = 0; i < 16; i++)
            r[i] = (unsigned char)(v >> (i % 8 * 8)) ^ (unsigned char)(i * 37 + counter);
    }
    r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
    snprintf(out, 64,
             "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>", r[0],
             r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
             r[15]);
}

att_status att_warc_writer_open(const char *dir, size_t max_bytes, att_warc_writer **out, char *err,
                                size_t errlen)
{
    *out = NULL;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return att_seterr(err, errlen, ATT_ERR_IO, "%s: cannot create directory: %s", dir, strerror(errno));
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return att_seterr(err, errlen, ATT_ERR_IO, "%s: not a directory", dir);
    att_warc_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->dir = strdup(dir))) {
        free(w);
        return ATT_ERR_NOMEM;
    }
    w->max_bytes = max_bytes ? max_bytes : (size_t)1 << 30;
    w->fd = -1;
    *out = w;
    return ATT_OK;
}

/* Compress block[0..n) parts as one gzip member and append it. */
static att_status write_member(att_warc_writer *w, const char *const *parts, const size_t *lens, int n_parts,
                               char *err, size_t errlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return ATT_ERR_NOMEM;
    att_buf out = ATT_BUF_INIT;
    att_status st = ATT_OK;
    unsigned char chunk[65536];
    for (int i = 0; i < n_parts && st == ATT_OK; i++) {
        z.next_in = (Bytef *)(uintptr_t)parts[i];
        z.avail_in = (uInt)lens[i];
        int flush = i == n_parts - 1 ? Z_FINISH : Z_NO_FLUSH;
        int zr;
        do {
            z.next_out = chunk;
            z.avail_out = sizeof chunk;
            zr = deflate(&z, flush);
            if (zr == Z_STREAM_ERROR) {
                st = ATT_ERR_NOMEM;
                break;
            }
            st = att_buf_append(&out, (const char *)chunk, sizeof chunk - z.avail_out);
        } while (st == ATT_OK && (z.avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END)));
    }
    deflateEnd(&z);
    for (size_t off = 0; st == ATT_OK && off < out.len;) {
        ssize_t k = write(w->fd, out.data + off, out.len - off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            st = att_seterr(err, errlen, ATT_ERR_IO, "%s: write failed: %s", w->path, strerror(errno));
        else
            off += (size_t)k;
    }
    w->size += out.len;
    att_buf_free(&out);
    return st;
}

static void warc_date(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* One record: header fields (extra: more "Name: value\r\n" lines), block. */
static att_status put_record(att_warc_writer *w, const char *type, const char *id, const char *uri,
                             time_t when, const char *extra, const char *ctype, const char *const *blk,
                             const size_t *blen, int nblk, char *err, size_t errlen)
{
    char date[32];
    warc_date(when, date);
    size_t total = 0;
    for (int i = 0; i < nblk; i++)
        total += blen[i];
    att_buf h = ATT_BUF_INIT;
    att_status st = att_buf_printf(&h,
                                   "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n",
                                   type, id, date);
    if (st == ATT_OK && uri)
        st = att_buf_printf(&h, "WARC-Target-URI: %s\r\n", uri);
    if (st == ATT_OK && extra)
        st = att_buf_puts(&h, extra);
    if (st == ATT_OK)
        st = att_buf_printf(&h, "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n", ctype, total);
    if (st != ATT_OK) {
        att_buf_free(&h);
        return ATT_ERR_NOMEM;
    }
    const char *parts[6];
    size_t lens[6];
    int n = 0;
    parts[n] = h.data, lens[n++] = h.len;
    for (int i = 0; i < nblk && n < 5; i++)
        parts[n] = blk[i], lens[n++] = blen[i];
    parts[n] = "\r\n\r\n", lens[n++] = 4;
    st = write_member(w, parts, lens, n, err, errlen);
    att_buf_free(&h);
    if (st == ATT_OK)
        w->records++;
    return st;
}

static att_status rotate(att_warc_writer *w, time_t now, char *err, size_t errlen)
{
    struct tm tm;
    gmtime_r(&now, &tm);
    if (w->fd >= 0 && w->size < w->max_bytes && tm.tm_yday == w->yday && tm.tm_year == w->year)
        return ATT_OK;
    if (w->fd >= 0) {
        fsync(w->fd);
        close(w->fd);
        w->fd = -1;
    }
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
    for (int tries = 0; tries < 1000 && w->fd < 0; tries++) {
        snprintf(w->path, sizeof w->path, "%s/attache-%s-%ld-%05u.warc.gz", w->dir, stamp, (long)getpid(),
                 w->seq++);
        w->fd = open(w->path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0666);
        if (w->fd < 0 && errno != EEXIST)
            return att_seterr(err, errlen, ATT_ERR_IO, "%s: cannot create: %s", w->path, strerror(errno));
    }
    if (w->fd < 0)
        return att_seterr(err, errlen, ATT_ERR_IO, "%s: cannot create a new WARC file", w->dir);
    w->size = 0;
    w->yday = tm.tm_yday;
    w->year = tm.tm_year;
    new_id(w->info_id);
    static const char info[] = "software: attache follow\r\nformat: WARC File Format 1.1\r\n"
                               "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
                               "warc-format/warc-1.1/\r\n";
    const char *blk[1] = {info};
    size_t blen[1] = {sizeof info - 1};
    const char *name = strrchr(w->path, '/') + 1;
    char extra[512];
    snprintf(extra, sizeof extra, "WARC-Filename: %s\r\n", name);
    return put_record(w, "warcinfo", w->info_id, NULL, now, extra, "application/warc-fields", blk, blen, 1,
                      err, errlen);
}

/* The response head as stored: original codings renamed, Content-Length
 * the stored body's. */
static att_status rewrite_head(const char *h, size_t n, size_t body_len, att_buf *out)
{
    att_status st = ATT_OK;
    int first = 1;
    for (size_t i = 0; i < n && st == ATT_OK;) {
        size_t e = i;
        while (e < n && h[e] != '\n')
            e++;
        size_t t = e;
        if (t > i && h[t - 1] == '\r')
            t--;
        size_t len = t - i;
        const char *line = h + i;
        i = e + 1;
        if (len == 0)
            continue;
        if (first) {
            st = att_buf_append(out, line, len);
            first = 0;
        } else if (len >= 15 && !strncasecmp(line, "content-length:", 15)) {
            continue;
        } else if ((len >= 17 && !strncasecmp(line, "content-encoding:", 17)) ||
                   (len >= 18 && !strncasecmp(line, "transfer-encoding:", 18))) {
            st = att_buf_puts(out, "X-Attache-Original-");
            if (st == ATT_OK)
                st = att_buf_append(out, line, len);
        } else {
            st = att_buf_append(out, line, len);
        }
        if (st == ATT_OK)
            st = att_buf_puts(out, "\r\n");
    }
    if (st == ATT_OK && first)
        st = att_buf_puts(out, "HTTP/1.1 200 OK\r\n");
    if (st == ATT_OK)
        st = att_buf_printf(out, "Content-Length: %zu\r\n\r\n", body_len);
    return st;
}

/* Append "Name: value\r\n" with control characters as spaces (value
 * cut at 2,000 bytes). */
static att_status put_field(att_buf *b, const char *name, const char *v)
{
    if (!v || !*v)
        return ATT_OK;
    att_status st = att_buf_printf(b, "%s: ", name);
    for (size_t i = 0; v[i] && i < 2000 && st == ATT_OK; i++)
        st = att_buf_putc(b, (unsigned char)v[i] < 0x20 || v[i] == 0x7f ? ' ' : v[i]);
    return st == ATT_OK ? att_buf_puts(b, "\r\n") : st;
}

att_status att_warc_writer_put(att_warc_writer *w, const att_warc_exchange *x, char *err, size_t errlen)
{
    att_status st = rotate(w, x->when, err, errlen);
    if (st != ATT_OK)
        return st;
    char req_id[64], resp_id[64], extra[512];
    new_id(req_id);
    new_id(resp_id);
    att_buf req = ATT_BUF_INIT, head = ATT_BUF_INIT;
    if (x->req && x->req_len) {
        st = att_buf_append(&req, x->req, x->req_len);
    } else {
        const char *path = strstr(x->uri, "://");
        path = path ? path + 3 + strcspn(path + 3, "/") : "/";
        st = att_buf_printf(&req, "GET %s HTTP/1.1\r\n\r\n", *path ? path : "/");
    }
    if (st == ATT_OK)
        st = rewrite_head(x->resp_head, x->resp_head_len, x->body_len, &head);
    if (st != ATT_OK) {
        att_buf_free(&req);
        att_buf_free(&head);
        return ATT_ERR_NOMEM;
    }
    snprintf(extra, sizeof extra, "WARC-Warcinfo-ID: %s\r\nWARC-Concurrent-To: %s\r\n%s%s%s", w->info_id,
             resp_id, x->ip ? "WARC-IP-Address: " : "", x->ip ? x->ip : "", x->ip ? "\r\n" : "");
    const char *rb[1] = {req.data};
    size_t rl[1] = {req.len};
    st = put_record(w, "request", req_id, x->uri, x->when, extra, "application/http;msgtype=request", rb, rl,
                    1, err, errlen);
    if (st == ATT_OK) {
        att_buf ex = ATT_BUF_INIT;
        st = att_buf_printf(&ex, "WARC-Warcinfo-ID: %s\r\nWARC-Concurrent-To: %s\r\n", w->info_id, req_id);
        if (st == ATT_OK)
            st = put_field(&ex, "WARC-IP-Address", x->ip);
        if (st == ATT_OK)
            st = put_field(&ex, "Attache-Title-Hint", x->title_hint);
        if (st == ATT_OK)
            st = put_field(&ex, "Attache-Date-Hint", x->date_hint);
        if (st == ATT_OK && x->date_hint)
            st = put_field(&ex, "Attache-Date-Source", x->date_source);
        const char *b[2] = {head.data, x->body ? x->body : ""};
        size_t bl[2] = {head.len, x->body ? x->body_len : 0};
        if (st == ATT_OK)
            st = put_record(w, "response", resp_id, x->uri, x->when, ex.data, "application/http;msgtype=response",
                            b, bl, 2, err, errlen);
        att_buf_free(&ex);
    }
    att_buf_free(&req);
    att_buf_free(&head);
    return st;
}

att_status att_warc_writer_sync(att_warc_writer *w, char *err, size_t errlen)
{
    if (w->fd >= 0 && fsync(w->fd) != 0 && errno != EINVAL)
        return att_seterr(err, errlen, ATT_ERR_IO, "%s: fsync failed: %s", w->path, strerror(errno));
    return ATT_OK;
}

size_t att_warc_writer_records(const att_warc_writer *w) { return w->records; }

void att_warc_writer_close(att_warc_writer *w)
{
    if (!w)
        return;
    if (w->fd >= 0) {
        fsync(w->fd);
        close(w->fd);
    }
    free(w->dir);
    free(w);
}
