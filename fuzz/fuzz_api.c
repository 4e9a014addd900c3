/* fuzz_api.c - the server's request handling end to end, without a
 * socket: the request handler of src/serve/http.c (length limits, method
 * checks, routing of /api/v1/..., the Authorization check, the alert
 * stream's after/Last-Event-ID, the assets) and behind it api.c (every
 * query parameter's validation: limit, cursors, actors, dates, codes,
 * flags, formats; the ids in paths; the queries through the read-store
 * pool) and POST ingest (kind and name checked, the body through the
 * writer thread into the whole ingest pipeline: kind detection,
 * extraction, analysis).
 *
 * The handler is static in http.c, so this file includes http.c (the
 * library's copy of http.o is then not linked in) and stands in for the
 * few libmicrohttpd calls the handler makes: it defines
 * MHD_lookup_connection_value (answering from the parsed request),
 * MHD_create_response_from_buffer/_from_callback, MHD_add_response_header,
 * MHD_queue_response and MHD_destroy_response, which take precedence over
 * the shared library's.  The request is driven as libmicrohttpd drives
 * it: a first call, the body's chunks, the last call, then the
 * completion callback (metrics).
 *
 * The database is built once per process in a temporary directory by
 * `attache demo` (the CLI's main, renamed; the embedded samples, with events, stories
 * and alerts); POST ingest writes into a second database, recreated
 * every 200 ingests, so that the one the GET endpoints read stays the
 * same.  The server has the token "fuzz-token" when the request sends an
 * Authorization header, and none otherwise.
 *
 * Input: "METHOD URL" on the first line, header lines "Name: value", an
 * empty line, then the body (lines may end in CRLF).  The query string's
 * '+' and %XX are decoded as libmicrohttpd does, and so is the path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>

#include "../src/cli/cli.h"
#include "../src/ingest/ingest.h"
#include "../src/serve/http.c"
#include "fuzz.h"

/* main() of src/cli/main.c, renamed by the Makefile for this target */
int att_cli_main(int argc, char **argv);

#define FZ_MAX_ARGS 64
#define FZ_MAX_HDRS 32

struct MHD_Connection {
    char *key[FZ_MAX_ARGS], *val[FZ_MAX_ARGS];
    size_t n_args;
    char *hname[FZ_MAX_HDRS], *hval[FZ_MAX_HDRS];
    size_t n_hdrs;
    unsigned status;
    int queued;
};

struct MHD_Response {
    void *buf;
    int must_free;
    MHD_ContentReaderCallback crc;
    void *crc_cls;
    MHD_ContentReaderFreeCallback crfc;
};

const char *MHD_lookup_connection_value(struct MHD_Connection *con, enum MHD_ValueKind kind, const char *key)
{
    if (!con || !key)
        return NULL;
    if (kind == MHD_GET_ARGUMENT_KIND) {
        for (size_t i = 0; i < con->n_args; i++)
            if (!strcmp(con->key[i], key))
                return con->val[i];
    } else if (kind == MHD_HEADER_KIND) {
        for (size_t i = 0; i < con->n_hdrs; i++)
            if (!strcasecmp(con->hname[i], key))
                return con->hval[i];
    }
    return NULL;
}

static size_t g_last_len; /* the last answer's size (ATT_FUZZ_VERBOSE) */

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (size && buffer) /* the body must be readable to its end */
        (void)((volatile const char *)buffer)[size - 1];
    r->buf = buffer;
    g_last_len = size;
    r->must_free = mode == MHD_RESPMEM_MUST_FREE;
    return r;
}

struct MHD_Response *MHD_create_response_from_callback(uint64_t size, size_t block_size,
                                                       MHD_ContentReaderCallback crc, void *crc_cls,
                                                       MHD_ContentReaderFreeCallback crfc)
{
    (void)size;
    (void)block_size;
    struct MHD_Response *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->crc = crc;
    r->crc_cls = crc_cls;
    r->crfc = crfc;
    return r;
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *response, const char *header, const char *content)
{
    if (!response || !header || !content || strchr(content, '\n') || strchr(content, '\r'))
        abort(); /* a header value must never carry a line break */
    return MHD_YES;
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response)
{
    if (!connection || !response || connection->queued || status_code < 100 || status_code > 599)
        abort(); /* one answer per request, with a real status */
    connection->queued = 1;
    connection->status = status_code;
    return MHD_YES;
}

void MHD_destroy_response(struct MHD_Response *response)
{
    if (!response)
        return;
    if (response->crc) { /* the stream's first block (what it has ready: it never waits then) */
        char block[4096];
        (void)response->crc(response->crc_cls, 0, block, sizeof block);
    }
    if (response->crfc)
        response->crfc(response->crc_cls);
    if (response->must_free)
        free(response->buf);
    free(response);
}

/* ---- the server, built once ---- */

static att_server *g_sv;
static char g_dir[64], g_db[96], g_idb[96];
static cli_ctx g_ingest_ctx;
static att_lexicon *g_lx;
static size_t g_ingests;

static void fz_rm_db(const char *db)
{
    char p[128];
    unlink(db);
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
}

static void fz_cleanup(void)
{
    fz_rm_db(g_db);
    fz_rm_db(g_idb);
    rmdir(g_dir);
}

static void fz_note_reject(void *ctx, const char *msg)
{
    att_serve_ingest_result *r = ctx;
    if (!r->message[0])
        snprintf(r->message, sizeof r->message, "%s", msg);
}

/* The writer's ingest job, into the ingest database (recreated every 200
 * ingests): the whole pipeline, as `attache serve` runs it. */
static att_status fz_ingest(void *ctx, att_store *w, const char *name, const char *data, size_t len,
                            const char *kind, att_serve_ingest_result *r)
{
    (void)ctx;
    (void)w;
    static att_store *s;
    char err[512] = "";
    if (s && ++g_ingests % 200 == 0) {
        att_store_close(s);
        s = NULL;
        fz_rm_db(g_idb);
    }
    if (!s && att_store_open(g_idb, &s, err, sizeof err) != ATT_OK)
        abort();
    att_ingest_stats stats;
    char eerr[600] = "";
    att_status est = cli_ingest_one(&g_ingest_ctx, s, g_lx, fz_note_reject, r, name, data, len, kind, &stats, &r->alerts,
                                    eerr, sizeof eerr);
    r->read = stats.read;
    r->stored = stats.stored;
    r->duplicates = stats.duplicates;
    r->rejected = stats.rejected;
    if (est != ATT_OK && est != ATT_ERR_IO)
        snprintf(r->message, sizeof r->message, "%.500s", eerr);
    return est == ATT_ERR_IO ? ATT_OK : est;
}

static void fz_start(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/attache-fuzz-api.XXXXXX");
    if (!mkdtemp(g_dir))
        abort();
    snprintf(g_db, sizeof g_db, "%s/read.db", g_dir);
    snprintf(g_idb, sizeof g_idb, "%s/ingest.db", g_dir);
    atexit(fz_cleanup);
    /* the read database: `attache --db PATH demo` (its listing to /dev/null) */
    char *argv[] = {(char *)"attache", (char *)"--db", g_db, (char *)"demo", NULL};
    fflush(stdout);
    int out = dup(1), nul = open("/dev/null", O_WRONLY);
    if (out < 0 || nul < 0 || dup2(nul, 1) < 0)
        abort();
    int rc = att_cli_main(4, argv);
    fflush(stdout);
    dup2(out, 1);
    close(out);
    close(nul);
    if (rc != 0)
        abort();
    g_ingest_ctx = (cli_ctx){g_idb, NULL, NULL, 1, 0};
    g_lx = cli_load_lexicon();
    if (!g_lx)
        abort();
    char err[512];
    att_serve_config cfg = {g_db, "127.0.0.1", 0, "fuzz-token", fz_ingest, NULL, NULL, NULL, 0, g_lx, stderr};
    att_server *sv; /* set up as att_serve_run sets it up */
    if (new_server(&cfg, &sv, err, sizeof err) != ATT_OK)
        abort();
    if (att_writer_start(sv, err, sizeof err) != ATT_OK)
        abort();
    sv->last_alert_id = 1000; /* the stream replays alerts after a client's id */
    /* The server above is set up as att_serve_run (http.c) sets it up,
     * without the daemon and its threads but the writer: if that setup
     * gains a field this one lacks, ingest must not silently turn into
     * 429s (or worse) - one job through the writer must run. */
    static const char page[] = "Hai nước nhất trí tăng cường hợp tác trong các lĩnh vực thương mại.\n";
    att_job job;
    memset(&job, 0, sizeof job);
    job.name = "fuzz-api-selfcheck";
    job.data = page;
    job.len = sizeof page - 1;
    if (att_writer_run(sv, &job) != 0 || job.st != ATT_OK) {
        fprintf(stderr, "fuzz_api: the writer refused a job: set the server up as att_serve_run does\n");
        abort();
    }
    g_sv = sv;
}

/* ---- one request ---- */

static int fz_hex(int ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                                   : ch >= 'A' && ch <= 'F'                 ? ch - 'A' + 10
                                                                            : -1;
}

/* Decode %XX (and '+' when plus) in place, as libmicrohttpd does. */
static void fz_unescape(char *s, int plus)
{
    char *o = s;
    for (; *s; s++) {
        int h, l;
        if (*s == '%' && (h = fz_hex((unsigned char)s[1])) >= 0 && (l = fz_hex((unsigned char)s[2])) >= 0) {
            *o++ = (char)(h * 16 + l);
            s += 2;
        } else {
            *o++ = plus && *s == '+' ? ' ' : *s;
        }
    }
    *o = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    if (!g_sv)
        fz_start();
    char *in = att_fuzz_cstr(data, size);
    if (!in)
        return 0;
    struct MHD_Connection con;
    memset(&con, 0, sizeof con);
    /* the request line */
    char *p = in, *end = in + size;
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *line = p;
    p = nl ? nl + 1 : end;
    if (nl)
        *nl = '\0';
    size_t ll = strlen(line);
    if (ll && line[ll - 1] == '\r')
        line[--ll] = '\0';
    char *sp = strchr(line, ' ');
    if (!sp) {
        free(in);
        return 0;
    }
    *sp = '\0';
    const char *method = line;
    char *url = sp + 1, *q = strchr(url, '?');
    if (q) {
        *q++ = '\0';
        while (*q && con.n_args < FZ_MAX_ARGS) {
            char *amp = strchr(q, '&'), *next = amp ? amp + 1 : q + strlen(q);
            if (amp)
                *amp = '\0';
            char *eq = strchr(q, '=');
            if (eq)
                *eq++ = '\0';
            fz_unescape(q, 1);
            if (eq)
                fz_unescape(eq, 1);
            con.key[con.n_args] = q;
            con.val[con.n_args++] = eq; /* "?key" has no value (NULL) */
            q = next;
        }
    }
    fz_unescape(url, 0);
    /* headers up to an empty line, then the body */
    while (p < end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        line = p;
        p = nl ? nl + 1 : end;
        if (nl)
            *nl = '\0';
        ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = '\0';
        if (!ll)
            break;
        char *colon = strchr(line, ':');
        if (!colon || con.n_hdrs >= FZ_MAX_HDRS)
            continue;
        *colon = '\0';
        char *v = colon + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        con.hname[con.n_hdrs] = line;
        con.hval[con.n_hdrs++] = v;
    }
    const char *body = p;
    size_t blen = (size_t)(end - p);
    /* the server has its token when the request sends an Authorization
     * header (then GETs need it too), else none (GETs open, ingest 403) */
    g_sv->cfg.token = MHD_lookup_connection_value(&con, MHD_HEADER_KIND, "Authorization") ? "fuzz-token" : NULL;
    /* the calls libmicrohttpd makes */
    void *cls = NULL;
    size_t zero = 0;
    enum MHD_Result rc = handle(g_sv, &con, url, method, "HTTP/1.1", NULL, &zero, &cls);
    if (rc == MHD_YES && !con.queued && cls && ((req *)cls)->post) {
        /* the body in chunks of up to 16 KB, then the final call */
        for (size_t off = 0; off < blen && rc == MHD_YES;) {
            size_t n = blen - off < 16384 ? blen - off : 16384, left = n;
            rc = handle(g_sv, &con, url, method, "HTTP/1.1", body + off, &left, &cls);
            if (left != 0)
                abort(); /* the handler takes each chunk whole */
            off += n;
        }
        zero = 0;
        if (rc == MHD_YES)
            rc = handle(g_sv, &con, url, method, "HTTP/1.1", NULL, &zero, &cls);
    }
    if (rc == MHD_YES && !con.queued)
        abort(); /* every request is answered */
    if (getenv("ATT_FUZZ_VERBOSE")) /* replay: what each request got */
        fprintf(stderr, "%s %s -> %u, %zu bytes\n", method, url, con.status, g_last_len);
    completed(g_sv, &con, &cls, MHD_REQUEST_TERMINATED_COMPLETED_OK);
    free(in);
    return 0;
}
