/* http.c - the daemon: listening, limits, authentication, routing, the
 * read-store pool and the shutdown sequence; see serve.h. */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "serve_int.h"

#define MAX_URL 2048

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                          " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
                          " frame-ancestors 'none'";

typedef struct req {
    struct timespec t0;
    att_endpoint ep;
    unsigned status;
    int post, too_large, answered, admitted;
    char *body;
    size_t len, cap;
} req;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- responses ---- */

void att_resp_json(att_resp *r, unsigned status, char *text)
{
    r->status = status;
    r->body = text;
    r->len = text ? strlen(text) : 0;
    r->type = "application/json; charset=utf-8";
}

void att_resp_error(att_resp *r, unsigned status, const char *code, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *o = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg);
    char *t = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    free(r->body);
    att_resp_json(r, status, t);
    r->filename = NULL;
}

static enum MHD_Result send_resp(struct MHD_Connection *con, req *q, att_resp *r, const char *allow,
                                 const char *www_auth)
{
    struct MHD_Response *mr =
        MHD_create_response_from_buffer(r->len, r->body ? r->body : (char *)"", r->body ? MHD_RESPMEM_MUST_FREE
                                                                                        : MHD_RESPMEM_PERSISTENT);
    if (!mr) {
        free(r->body);
        return MHD_NO;
    }
    MHD_add_response_header(mr, "Content-Type", r->type ? r->type : "application/json; charset=utf-8");
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(mr, "Content-Security-Policy", csp);
    MHD_add_response_header(mr, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(mr, "X-Frame-Options", "DENY");
    MHD_add_response_header(mr, "Cache-Control", r->cache ? r->cache : "no-store");
    if (r->filename) {
        char cd[160];
        snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", r->filename);
        MHD_add_response_header(mr, "Content-Disposition", cd);
    }
    if (allow)
        MHD_add_response_header(mr, "Allow", allow);
    if (www_auth)
        MHD_add_response_header(mr, "WWW-Authenticate", www_auth);
    q->status = r->status;
    q->answered = 1;
    enum MHD_Result rc = MHD_queue_response(con, r->status, mr);
    MHD_destroy_response(mr);
    return rc;
}

/* ---- the read-store pool ---- */

att_store *att_pool_get(att_server *sv, att_resp *r)
{
    att_store *s = NULL;
    pthread_mutex_lock(&sv->pool_mu);
    if (sv->n_pool)
        s = sv->pool[--sv->n_pool];
    pthread_mutex_unlock(&sv->pool_mu);
    if (s)
        return s;
    char err[512];
    if (att_store_open(sv->cfg.db_path, &s, err, sizeof err) != ATT_OK) {
        if (r)
            att_resp_error(r, 503, "unavailable", "database: %s", err);
        return NULL;
    }
    sqlite3_exec(att_store_db(s), "PRAGMA query_only=1", NULL, NULL, NULL);
    return s;
}

void att_pool_put(att_server *sv, att_store *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&sv->pool_mu);
    if (sv->n_pool < sv->pool_max && sv->n_pool < sizeof sv->pool / sizeof sv->pool[0]) {
        sv->pool[sv->n_pool++] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&sv->pool_mu);
    att_store_close(s);
}

/* ---- authentication ---- */

static int const_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    unsigned char d = alen != blen;
    for (size_t i = 0; i < alen; i++)
        d |= (unsigned char)(a[i] ^ b[i % (blen ? blen : 1)]);
    return d == 0;
}

/* 0 if allowed, else the response is set (401/403). */
static int check_auth(att_server *sv, struct MHD_Connection *con, att_resp *r, int always)
{
    const char *tok = sv->cfg.token;
    if (!tok) {
        if (!always)
            return 0;
        att_resp_error(r, 403, "forbidden", "ingest is disabled: start the server with --token-file");
        return -1;
    }
    const char *h = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0) {
        att_resp_error(r, 401, "unauthorized", "this server needs 'Authorization: Bearer <token>'");
        return -1;
    }
    if (!const_eq(h + 7, strlen(h + 7), tok, strlen(tok))) {
        att_resp_error(r, 403, "forbidden", "the bearer token is not the server's");
        return -1;
    }
    return 0;
}

/* ---- routing ---- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    att_server *sv = cls;
    req *q = *con_cls;
    att_resp r = {0, NULL, 0, NULL, NULL, NULL};
    if (!q) {
        if (!(q = calloc(1, sizeof *q)))
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &q->t0);
        q->ep = ATT_EP_OTHER;
        q->post = !strcmp(method, "POST");
        *con_cls = q;
        if (q->post) {
            const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
            if (cl && strtoull(cl, NULL, 10) > ATT_SERVE_MAX_BODY) {
                q->ep = ATT_EP_INGEST;
                att_resp_error(&r, 413, "too_large", "the body is larger than %zu bytes", ATT_SERVE_MAX_BODY);
                return send_resp(con, q, &r, NULL, NULL);
            }
            return MHD_YES;
        }
    }
    if (*upload_size) {
        if (q->post && !q->too_large) {
            if (q->len + *upload_size > ATT_SERVE_MAX_BODY) {
                q->too_large = 1;
                free(q->body);
                q->body = NULL;
                q->len = q->cap = 0;
            } else {
                if (q->len + *upload_size > q->cap) {
                    size_t cap = q->cap ? q->cap : 65536;
                    while (cap < q->len + *upload_size)
                        cap *= 2;
                    char *b = realloc(q->body, cap);
                    if (!b)
                        return MHD_NO;
                    q->body = b;
                    q->cap = cap;
                }
                memcpy(q->body + q->len, upload, *upload_size);
                q->len += *upload_size;
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (q->answered)
        return MHD_YES;
    /* counted from here until completed(), so the stop waits for it;
     * counted before stopping is read, so the stop cannot miss it */
    if (!q->admitted) {
        q->admitted = 1;
        __atomic_add_fetch(&sv->active, 1, __ATOMIC_SEQ_CST);
    }
    if (__atomic_load_n(&sv->stopping, __ATOMIC_SEQ_CST)) {
        att_resp_error(&r, 503, "unavailable", "the server is shutting down");
        return send_resp(con, q, &r, NULL, NULL);
    }
    if (strlen(url) > MAX_URL) {
        att_resp_error(&r, 414, "uri_too_long", "the URL is longer than %d bytes", MAX_URL);
        return send_resp(con, q, &r, NULL, NULL);
    }
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!strncmp(url, "/api/v1/", 8)) {
        const char *path = url + 8;
        int ingest = !strcmp(path, "ingest");
        if (ingest)
            q->ep = ATT_EP_INGEST;
        if (ingest ? !q->post : !get) {
            att_resp_error(&r, 405, "method_not_allowed", "%s is not allowed on %s", method, url);
            return send_resp(con, q, &r, ingest ? "POST" : "GET, HEAD", NULL);
        }
        if (check_auth(sv, con, &r, ingest) != 0)
            return send_resp(con, q, &r, NULL, r.status == 401 ? "Bearer" : NULL);
        if (ingest) {
            if (q->too_large) {
                att_resp_error(&r, 413, "too_large", "the body is larger than %zu bytes", ATT_SERVE_MAX_BODY);
                return send_resp(con, q, &r, NULL, NULL);
            }
            att_api_ingest(sv, con, q->body, q->len, &r);
            return send_resp(con, q, &r, NULL, NULL);
        }
        if (!strcmp(path, "alerts/stream")) {
            q->ep = ATT_EP_STREAM;
            const char *after = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "after");
            const char *last = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Last-Event-ID");
            const char *a = last ? last : after;
            char *end = NULL;
            long long id = a ? strtoll(a, &end, 10) : -1;
            if (a && (*end || id < 0)) {
                att_resp_error(&r, 400, "bad_parameter", "after: '%s' is not an alert id", a);
                return send_resp(con, q, &r, NULL, NULL);
            }
            struct MHD_Response *mr = att_sse_response(sv, id);
            if (!mr)
                return MHD_NO;
            MHD_add_response_header(mr, "Content-Type", "text/event-stream; charset=utf-8");
            MHD_add_response_header(mr, "Cache-Control", "no-store");
            MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
            MHD_add_response_header(mr, "X-Accel-Buffering", "no");
            q->status = 200;
            q->answered = 1;
            enum MHD_Result rc = MHD_queue_response(con, 200, mr);
            MHD_destroy_response(mr);
            return rc;
        }
        q->ep = att_api_get(sv, con, path, &r);
        return send_resp(con, q, &r, NULL, NULL);
    }
    q->ep = ATT_EP_ASSET;
    if (!get) {
        att_resp_error(&r, 405, "method_not_allowed", "%s is not allowed on %s", method, url);
        return send_resp(con, q, &r, "GET, HEAD", NULL);
    }
    size_t len;
    const char *type;
    const char *data = att_asset(url, &len, &type);
    if (!data) {
        att_resp_error(&r, 404, "not_found", "no such page");
        return send_resp(con, q, &r, NULL, NULL);
    }
    /* embedded files are static: copy (the MHD call below wants a buffer it may free) */
    r.status = 200;
    r.body = malloc(len ? len : 1);
    if (!r.body)
        return MHD_NO;
    memcpy(r.body, data, len);
    r.len = len;
    r.type = type;
    r.cache = "no-cache";
    return send_resp(con, q, &r, NULL, NULL);
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)con;
    (void)toe;
    att_server *sv = cls;
    req *q = *con_cls;
    if (!q)
        return;
    att_metrics_observe(&sv->m, q->ep, q->status ? q->status : 500, q->ep == ATT_EP_STREAM ? -1 : since(&q->t0));
    int admitted = q->admitted;
    free(q->body);
    free(q);
    *con_cls = NULL;
    if (admitted)
        __atomic_sub_fetch(&sv->active, 1, __ATOMIC_SEQ_CST);
}

/* The text stages keep per-thread caches for the thread's life; a
 * connection's thread ends with its connection, so the threads that use
 * them free them (search below, the writer, the poller). */
void att_serve_thread_end(void)
{
    att_normalize_thread_end();
    att_tokens_thread_end();
}

/* ---- addresses ---- */

int att_serve_parse_listen(const char *spec, char *host, size_t hostlen, unsigned *port)
{
    const char *colon, *h = spec;
    size_t hl;
    if (!spec || !*spec)
        return -1;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':')
            return -1;
        h = spec + 1;
        hl = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(spec, ':');
        if (!colon)
            return -1;
        hl = (size_t)(colon - spec);
    }
    if (hl == 0) {
        h = "127.0.0.1";
        hl = 9;
    }
    if (hl + 1 > hostlen)
        return -1;
    memcpy(host, h, hl);
    host[hl] = '\0';
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || p < 0 || p > 65535)
        return -1;
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) != 1 && inet_pton(AF_INET6, host, &a6) != 1)
        return -1;
    *port = (unsigned)p;
    return 0;
}

int att_serve_is_loopback(const char *host)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, host, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return 0;
}

/* ---- run ---- */

/* An environment knob (serve.h): def when unset; a bad value is a usage
 * error naming it. */
static int env_knob(const char *name, unsigned long def, unsigned long max, unsigned long *out, char *err,
                    size_t errlen)
{
    const char *v = getenv(name);
    *out = def;
    if (!v || !*v)
        return 0;
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    if (*end || v[0] == '-' || n > max) {
        att_seterr(err, errlen, ATT_ERR_USAGE, "serve: %s='%.40s' is not a whole number from 0 to %lu", name, v, max);
        return -1;
    }
    *out = n;
    return 0;
}

static void free_server(att_server *sv)
{
    for (size_t i = 0; i < sv->n_pool; i++)
        att_store_close(sv->pool[i]);
    sv->n_pool = 0;
    for (size_t i = 0; i < ATT_SSE_RING; i++)
        free(sv->ring[i]);
    att_metrics_free(&sv->m);
    att_cache_free(sv);
    pthread_mutex_destroy(&sv->cmu);
    pthread_mutex_destroy(&sv->heavy_mu);
    pthread_mutex_destroy(&sv->pool_mu);
    pthread_mutex_destroy(&sv->smu);
    pthread_cond_destroy(&sv->scond);
    pthread_mutex_destroy(&sv->wmu);
    pthread_cond_destroy(&sv->wcond);
    pthread_cond_destroy(&sv->wdone);
}

/* A server for cfg with its knobs from the environment, its locks and its
 * metrics, before any thread runs (fuzz/fuzz_api.c sets its server up with
 * this too).  ATT_ERR_USAGE on a bad knob, ATT_ERR_NOMEM; message in err. */
static att_status new_server(const att_serve_config *cfg, att_server **out, char *err, size_t errlen)
{
    unsigned long qmax, pmax, delay;
    if (env_knob("ATTACHE_SERVE_QUEUE", 16, 1000, &qmax, err, errlen) != 0 ||
        env_knob("ATTACHE_SERVE_POOL", ATT_SERVE_MAX_CONN + 4, ATT_SERVE_MAX_CONN + 4, &pmax, err, errlen) != 0 ||
        env_knob("ATTACHE_SERVE_INGEST_DELAY_MS", 0, 60000, &delay, err, errlen) != 0)
        return ATT_ERR_USAGE;
    att_server *sv = calloc(1, sizeof *sv);
    if (!sv)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    sv->cfg = *cfg;
    sv->queue_max = qmax;
    sv->pool_max = pmax;
    sv->ingest_delay_ms = (unsigned)delay;
    pthread_mutex_init(&sv->pool_mu, NULL);
    pthread_mutex_init(&sv->cmu, NULL);
    pthread_mutex_init(&sv->heavy_mu, NULL);
    pthread_mutex_init(&sv->smu, NULL);
    pthread_cond_init(&sv->scond, NULL);
    pthread_mutex_init(&sv->wmu, NULL);
    pthread_cond_init(&sv->wcond, NULL);
    pthread_cond_init(&sv->wdone, NULL);
    att_metrics_init(&sv->m);
    *out = sv;
    return ATT_OK;
}

att_status att_serve_run(const att_serve_config *cfg, volatile sig_atomic_t *stop, char *err, size_t errlen)
{
    if (!att_serve_is_loopback(cfg->host) && !cfg->token)
        return att_seterr(err, errlen, ATT_ERR_USAGE,
                          "serve: listening on %s (not loopback) needs --token-file", cfg->host);
    att_server *sv = NULL;
    att_status nst = new_server(cfg, &sv, err, errlen);
    if (nst != ATT_OK)
        return nst;

    /* the writer opens (and migrates) the database first */
    att_status st = att_writer_start(sv, err, errlen);
    if (st == ATT_OK)
        st = att_sse_start(sv, err, errlen);
    if (st == ATT_OK && att_cache_start(sv) != 0)
        st = att_seterr(err, errlen, ATT_ERR_IO, "serve: cannot start the cache thread");
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    if (st == ATT_OK) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
        if (inet_pton(AF_INET, cfg->host, &s4->sin_addr) == 1) {
            s4->sin_family = AF_INET;
            s4->sin_port = htons((uint16_t)cfg->port);
        } else {
            inet_pton(AF_INET6, cfg->host, &s6->sin6_addr);
            s6->sin6_family = AF_INET6;
            s6->sin6_port = htons((uint16_t)cfg->port);
            flags |= MHD_USE_IPv6;
        }
        sv->d = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, handle, sv, MHD_OPTION_SOCK_ADDR,
                                 (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT, (unsigned)ATT_SERVE_MAX_CONN,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                                 (size_t)65536, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                                 att_serve_is_loopback(cfg->host) ? 0u : 16u, MHD_OPTION_NOTIFY_COMPLETED,
                                 completed, sv, MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
        if (!sv->d)
            st = att_seterr(err, errlen, ATT_ERR_IO, "serve: cannot listen on %s port %u", cfg->host, cfg->port);
    }
    if (st == ATT_OK) {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(sv->d, MHD_DAEMON_INFO_BIND_PORT);
        sv->port = info ? info->port : cfg->port;
        int v6 = strchr(cfg->host, ':') != NULL;
        fprintf(cfg->log, "attache: serving on http://%s%s%s:%u/\n", v6 ? "[" : "", cfg->host, v6 ? "]" : "",
                sv->port);
        fflush(cfg->log);
        while (!*stop) {
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        fprintf(cfg->log, "attache: serve: stopping\n");
        fflush(cfg->log);
        /* new requests get 503 from now on; end the streams, let the
         * running requests finish (below), then close */
        __atomic_store_n(&sv->stopping, 1, __ATOMIC_SEQ_CST);
    }
    __atomic_store_n(&sv->stopping, 1, __ATOMIC_SEQ_CST);
    att_sse_stop(sv);
    att_cache_stop(sv);
    /* let the requests in progress finish (a POST waits for its job)
     * before the daemon closes their connections; new ones get 503 */
    for (int i = 0; sv->d && i < ATT_SERVE_DRAIN_SECONDS * 20 && __atomic_load_n(&sv->active, __ATOMIC_SEQ_CST) > 0;
         i++) {
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (sv->d) {
        MHD_quiesce_daemon(sv->d);
        MHD_stop_daemon(sv->d);
    }
    att_writer_stop(sv);
    att_api_shutdown();
    free_server(sv);
    free(sv);
    return st;
}
