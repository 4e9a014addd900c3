/* fetch.c - per-host polite scheduling over curl multi; see fetch.h. */
#include "fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "../util/buf.h"
#include "url.h"

#define ROBOTS_TTL 86400.0
#define ROBOTS_RETRY 600.0
#define ROBOTS_MAX_BODY ((size_t)512 << 10)
#define MAX_HEAD ((size_t)256 << 10)
#define MAX_HOST_ERRORS 5
#define MAX_CRAWL_DELAY 60.0

typedef struct qitem {
    char *url, *etag, *last_modified;
    size_t max_body;
    int allow_internal, attempts;
    void *user;
    char *orig_url; /* the URL first requested, when url is a redirect's target */
    int hops;       /* redirects followed to reach url */
} qitem;

enum { ROBOTS_NONE, ROBOTS_FETCHING, ROBOTS_READY, ROBOTS_UNAVAILABLE };

typedef struct host {
    char origin[320];
    qitem *q;
    size_t head, n, cap; /* queue: q[head .. head+n) */
    int busy, errors;
    int internal;        /* the host has answered from an internal address */
    double next_ok;
    int robots_state;
    double robots_at;
    char robots_error[160];
    att_robots *robots;
    double crawl_delay;
} host;

typedef struct transfer {
    CURL *easy;
    host *h;
    qitem it;
    int is_robots, toobig, refused, internal;
    att_buf body, head, req;
    struct curl_slist *hdrs;
    char errbuf[CURL_ERROR_SIZE];
} transfer;

struct att_fetcher {
    att_fetch_opts o;
    att_fetch_cb cb;
    void *ctx;
    CURLM *multi;
    host **hosts;
    size_t n_hosts, cap_hosts;
    int running;
    size_t requests;
    int stopping; /* the run's stop flag was seen */
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void att_fetch_opts_default(att_fetch_opts *o)
{
    o->user_agent = "attache/0.1 (+https://github.com/attache; press monitoring)";
    o->robots_agent = "attache";
    o->delay = 1.0;
    o->connect_timeout = 10;
    o->timeout = 30;
    o->max_body = (size_t)8 << 20;
    o->max_redirects = 5;
    o->max_hosts = 8;
    o->max_retry_wait = 60;
    o->keep_request = 0;
    o->on_other = NULL;
}

const char *att_fetch_outcome_str(att_fetch_outcome o)
{
    static const char *const names[] = {"ok", "robots", "refused", "too big", "timeout", "redirects", "network", "deferred"};
    return (unsigned)o < sizeof names / sizeof names[0] ? names[o] : "?";
}

att_status att_fetcher_new(const att_fetch_opts *o, att_fetch_cb cb, void *ctx, att_fetcher **out, char *err,
                           size_t errlen)
{
    static int global_done;
    *out = NULL;
    if (!global_done) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return att_seterr(err, errlen, ATT_ERR_IO, "libcurl could not be initialised");
        global_done = 1;
    }
    att_fetcher *f = calloc(1, sizeof *f);
    if (!f)
        return ATT_ERR_NOMEM;
    f->o = *o;
    f->cb = cb;
    f->ctx = ctx;
    f->multi = curl_multi_init();
    if (!f->multi) {
        free(f);
        return att_seterr(err, errlen, ATT_ERR_IO, "libcurl: cannot create a multi handle");
    }
    curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
    curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)(o->max_hosts > 0 ? o->max_hosts : 8));
    *out = f;
    return ATT_OK;
}

static void free_item(qitem *it)
{
    free(it->orig_url);
    free(it->url);
    free(it->etag);
    free(it->last_modified);
    memset(it, 0, sizeof *it);
}

void att_fetcher_free(att_fetcher *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_hosts; i++) {
        host *h = f->hosts[i];
        for (size_t k = 0; k < h->n; k++)
            free_item(&h->q[(h->head + k) % h->cap]);
        free(h->q);
        att_robots_free(h->robots);
        free(h);
    }
    free(f->hosts);
    curl_multi_cleanup(f->multi);
    free(f);
}

static host *find_host(att_fetcher *f, const char *origin, int create)
{
    for (size_t i = 0; i < f->n_hosts; i++)
        if (!strcmp(f->hosts[i]->origin, origin))
            return f->hosts[i];
    if (!create)
        return NULL;
    if (f->n_hosts == f->cap_hosts) {
        size_t cap = f->cap_hosts ? f->cap_hosts * 2 : 16;
        host **hs = realloc(f->hosts, cap * sizeof *hs);
        if (!hs)
            return NULL;
        f->hosts = hs;
        f->cap_hosts = cap;
    }
    host *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    snprintf(h->origin, sizeof h->origin, "%s", origin);
    f->hosts[f->n_hosts++] = h;
    return h;
}

/* Put it at the back (front = 0) or the front (front = 1) of h's queue. */
static att_status push(host *h, const qitem *it, int front)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        qitem *q = malloc(cap * sizeof *q);
        if (!q)
            return ATT_ERR_NOMEM;
        for (size_t k = 0; k < h->n; k++)
            q[k] = h->q[(h->head + k) % h->cap];
        free(h->q);
        h->q = q;
        h->head = 0;
        h->cap = cap;
    }
    if (front) {
        h->head = (h->head + h->cap - 1) % h->cap;
        h->q[h->head] = *it;
    } else {
        h->q[(h->head + h->n) % h->cap] = *it;
    }
    h->n++;
    return ATT_OK;
}

static qitem pop(host *h)
{
    qitem it = h->q[h->head];
    h->head = (h->head + 1) % h->cap;
    h->n--;
    return it;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

att_status att_fetcher_add(att_fetcher *f, const att_fetch_req *r)
{
    char origin[320];
    if (att_url_origin(r->url, origin, sizeof origin) != 0)
        return ATT_ERR_USAGE;
    host *h = find_host(f, origin, 1);
    if (!h)
        return ATT_ERR_NOMEM;
    qitem it = {dup_or_null(r->url), dup_or_null(r->etag), dup_or_null(r->last_modified), r->max_body,
                r->allow_internal, 0, r->user, NULL, 0};
    if (!it.url || (r->etag && !it.etag) || (r->last_modified && !it.last_modified) || push(h, &it, 0) != ATT_OK) {
        free_item(&it);
        return ATT_ERR_NOMEM;
    }
    return ATT_OK;
}

/* ---- curl callbacks ---- */

static size_t on_body(char *p, size_t sz, size_t nm, void *ud)
{
    transfer *t = ud;
    size_t n = sz * nm, limit = t->it.max_body;
    if (t->body.len + n > limit) {
        t->toobig = 1;
        return 0;
    }
    return att_buf_append(&t->body, p, n) == ATT_OK ? n : 0;
}

static size_t on_header(char *p, size_t sz, size_t nm, void *ud)
{
    transfer *t = ud;
    size_t n = sz * nm;
    if (n >= 5 && !strncmp(p, "HTTP/", 5))
        att_buf_clear(&t->head);
    if (t->head.len + n > MAX_HEAD)
        return 0;
    return att_buf_append(&t->head, p, n) == ATT_OK ? n : 0;
}

static int on_debug(CURL *e, curl_infotype type, char *p, size_t n, void *ud)
{
    (void)e;
    transfer *t = ud;
    if (type == CURLINFO_HEADER_OUT) {
        att_buf_clear(&t->req);
        if (n < MAX_HEAD)
            att_buf_append(&t->req, p, n);
    }
    return 0;
}

static curl_socket_t on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    transfer *t = ud;
    (void)purpose;
    att_addr_class c = att_addr_classify(&a->addr);
    if (c != ATT_ADDR_PUBLIC && !t->it.allow_internal) {
        t->refused = (int)c;
        return CURL_SOCKET_BAD;
    }
    t->internal = c != ATT_ADDR_PUBLIC;
    return socket(a->family, a->socktype, a->protocol);
}

/* ---- starting and finishing transfers ---- */

static att_status start_next(att_fetcher *f, host *h, double now);

static att_status start(att_fetcher *f, host *h, qitem it, int is_robots)
{
    transfer *t = calloc(1, sizeof *t);
    CURL *e = t ? curl_easy_init() : NULL;
    if (!e) {
        free(t);
        free_item(&it);
        return ATT_ERR_NOMEM;
    }
    t->easy = e;
    t->h = h;
    t->it = it;
    t->is_robots = is_robots;
    if (!t->it.max_body)
        t->it.max_body = is_robots ? ROBOTS_MAX_BODY : f->o.max_body;
    curl_easy_setopt(e, CURLOPT_URL, it.url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    if (f->o.keep_request) {
        curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
        curl_easy_setopt(e, CURLOPT_DEBUGDATA, t);
        curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
    }
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
    /* Redirects of pages and feeds are followed by the scheduler (robots.txt,
     * delay and archive for each hop); robots.txt itself lets curl follow. */
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, is_robots ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, f->o.max_redirects);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, f->o.connect_timeout);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, f->o.timeout);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->it.max_body);
    curl_easy_setopt(e, CURLOPT_USERAGENT, f->o.user_agent);
    char line[1200];
    if (it.etag && strlen(it.etag) < 1000) {
        snprintf(line, sizeof line, "If-None-Match: %s", it.etag);
        t->hdrs = curl_slist_append(t->hdrs, line);
    }
    if (it.last_modified && strlen(it.last_modified) < 1000) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", it.last_modified);
        t->hdrs = curl_slist_append(t->hdrs, line);
    }
    if (t->hdrs)
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->hdrs);
    if (curl_multi_add_handle(f->multi, e) != CURLM_OK) {
        curl_easy_cleanup(e);
        curl_slist_free_all(t->hdrs);
        free_item(&t->it);
        free(t);
        return ATT_ERR_NOMEM;
    }
    h->busy = 1;
    f->running++;
    f->requests++;
    return ATT_OK;
}

static void free_transfer(att_fetcher *f, transfer *t)
{
    curl_multi_remove_handle(f->multi, t->easy);
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->hdrs);
    att_buf_free(&t->body);
    att_buf_free(&t->head);
    att_buf_free(&t->req);
    free_item(&t->it);
    free(t);
}

/* Value of header name in a header block (copied into out), or NULL. */
static const char *header(const att_buf *b, const char *name, char *out, size_t outlen)
{
    size_t n = strlen(name);
    for (size_t i = 0; b->data && i < b->len;) {
        const char *line = b->data + i;
        size_t e = i;
        while (e < b->len && b->data[e] != '\n')
            e++;
        size_t len = e - i;
        i = e + 1;
        if (len > n && line[n] == ':' && !strncasecmp(line, name, n)) {
            const char *v = line + n + 1;
            size_t vl = len - n - 1;
            while (vl && (*v == ' ' || *v == '\t'))
                v++, vl--;
            while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
                vl--;
            if (vl >= outlen)
                return NULL;
            memcpy(out, v, vl);
            out[vl] = '\0';
            return out;
        }
    }
    return NULL;
}

static void deliver(att_fetcher *f, qitem *it, att_fetch_outcome o, const char *error)
{
    att_fetch_result r;
    memset(&r, 0, sizeof r);
    r.url = it->orig_url ? it->orig_url : it->url;
    r.user = it->user;
    r.outcome = o;
    r.error = error;
    r.final_url = it->url;
    r.body = "";
    r.when = time(NULL);
    f->cb(f->ctx, &r);
    free_item(it);
}

/* Defer everything queued for h with reason. */
static void defer_host(att_fetcher *f, host *h, const char *reason)
{
    while (h->n) {
        qitem it = pop(h);
        deliver(f, &it, ATT_FETCH_DEFERRED, reason);
    }
}

static double host_delay(const att_fetcher *f, const host *h)
{
    return f->o.delay > h->crawl_delay ? f->o.delay : h->crawl_delay;
}

/* Buffers behind the strings of a result. */
typedef struct result_bufs {
    char error[CURL_ERROR_SIZE + 128], ctype[256], etag[512], lastmod[128];
} result_bufs;

/* The result of a finished transfer (strings point into t and b). */
static void fill_result(att_fetcher *f, transfer *t, CURLcode rc, long status, att_fetch_result *r,
                        result_bufs *b)
{
    memset(r, 0, sizeof *r);
    b->error[0] = '\0';
    r->url = t->it.orig_url ? t->it.orig_url : t->it.url;
    r->user = t->it.user;
    r->when = time(NULL);
    r->internal = t->internal;
    if (rc == CURLE_OK) {
        r->outcome = ATT_FETCH_OK;
        if (status >= 400)
            snprintf(b->error, sizeof b->error, "HTTP %ld", status);
    } else if (t->refused) {
        r->outcome = ATT_FETCH_REFUSED;
        snprintf(b->error, sizeof b->error, "refused to connect to a %s address (link from a public source)",
                 att_addr_class_str((att_addr_class)t->refused));
    } else if (rc == CURLE_FILESIZE_EXCEEDED || (rc == CURLE_WRITE_ERROR && t->toobig)) {
        r->outcome = ATT_FETCH_TOOBIG;
        snprintf(b->error, sizeof b->error, "body larger than %zu bytes", t->it.max_body);
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        r->outcome = ATT_FETCH_TIMEOUT;
        snprintf(b->error, sizeof b->error, "timeout: %s", *t->errbuf ? t->errbuf : curl_easy_strerror(rc));
    } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
        r->outcome = ATT_FETCH_REDIRECTS;
        snprintf(b->error, sizeof b->error, "more than %ld redirects", f->o.max_redirects);
    } else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
        r->outcome = ATT_FETCH_REFUSED;
        snprintf(b->error, sizeof b->error, "redirect to a scheme other than http(s)");
    } else {
        r->outcome = ATT_FETCH_NETWORK;
        snprintf(b->error, sizeof b->error, "%s", *t->errbuf ? t->errbuf : curl_easy_strerror(rc));
    }
    r->status = status;
    r->error = *b->error ? b->error : NULL;
    char *eff = NULL, *ip = NULL;
    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
    curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &ip);
    r->final_url = eff ? eff : t->it.url;
    r->ip = ip && *ip ? ip : NULL;
    /* from the address used, which a reused connection did not open again */
    int cls = r->ip ? att_addr_classify_str(r->ip) : -1;
    if (cls > 0 || t->internal)
        r->internal = 1;
    if (r->internal && !strcmp(r->final_url, t->it.url))
        t->h->internal = 1;
    char *loc = NULL;
    if (rc == CURLE_OK && status >= 300 && status < 400 && !t->is_robots)
        curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &loc);
    r->redirect = loc;
    if (!t->body.data && att_buf_reserve(&t->body, 1) == ATT_OK)
        t->body.data[0] = '\0';
    r->body = t->body.data ? t->body.data : "";
    r->len = t->body.len;
    r->content_type = header(&t->head, "Content-Type", b->ctype, sizeof b->ctype);
    r->etag = header(&t->head, "ETag", b->etag, sizeof b->etag);
    r->last_modified = header(&t->head, "Last-Modified", b->lastmod, sizeof b->lastmod);
    r->req_head = t->req.data;
    r->req_head_len = t->req.len;
    r->resp_head = t->head.data;
    r->resp_head_len = t->head.len;
}

/* robots.txt was refused (internal address, request not allowed there):
 * refuse the queued requests that may not go there either and fetch
 * robots.txt again for the others. */
static void refuse_internal(att_fetcher *f, host *h, int cls)
{
    char reason[160];
    snprintf(reason, sizeof reason, "refused to connect to a %s address (link from a public source)",
             att_addr_class_str((att_addr_class)cls));
    h->robots_state = ROBOTS_NONE;
    for (size_t k = h->n; k > 0; k--) {
        qitem it = pop(h);
        if (it.allow_internal) {
            if (push(h, &it, 0) != ATT_OK)
                free_item(&it);
        } else {
            deliver(f, &it, ATT_FETCH_REFUSED, reason);
        }
    }
}

static void finish_robots(att_fetcher *f, transfer *t, CURLcode rc, long status, double now)
{
    host *h = t->h;
    if (rc != CURLE_OK && t->refused) {
        refuse_internal(f, h, t->refused);
        return;
    }
    att_fetch_result r;
    result_bufs rb;
    fill_result(f, t, rc, status, &r, &rb); /* notes an internal host too */
    if (f->o.on_other && r.outcome == ATT_FETCH_OK)
        f->o.on_other(f->ctx, &r);
    att_robots_free(h->robots);
    h->robots = NULL;
    h->robots_at = now;
    if (rc == CURLE_OK && status >= 200 && status < 300) {
        if (att_robots_parse(t->body.data, t->body.len, f->o.robots_agent, &h->robots) == ATT_OK) {
            h->robots_state = ROBOTS_READY;
            double cd = att_robots_crawl_delay(h->robots);
            h->crawl_delay = cd > MAX_CRAWL_DELAY ? MAX_CRAWL_DELAY : cd;
        } else {
            h->robots_state = ROBOTS_UNAVAILABLE;
        }
    } else if (rc == CURLE_OK && status >= 400 && status < 500) {
        /* no robots.txt: everything is allowed */
        h->robots_state = att_robots_parse(NULL, 0, f->o.robots_agent, &h->robots) == ATT_OK ? ROBOTS_READY
                                                                                             : ROBOTS_UNAVAILABLE;
        h->crawl_delay = 0;
    } else {
        h->robots_state = ROBOTS_UNAVAILABLE;
        if (rc != CURLE_OK)
            snprintf(h->robots_error, sizeof h->robots_error, "robots.txt unavailable: %.120s",
                     t->refused ? "address refused" : *t->errbuf ? t->errbuf : curl_easy_strerror(rc));
        else
            snprintf(h->robots_error, sizeof h->robots_error, "robots.txt unavailable: HTTP %ld", status);
    }
    h->next_ok = now + host_delay(f, h);
    if (h->robots_state == ROBOTS_UNAVAILABLE) {
        h->errors++;
        defer_host(f, h, h->robots_error);
    }
}

/* A 3xx with a target: archive it (on_other), then queue the target on
 * its own host (robots.txt, delay and address checks apply to each hop),
 * or end the request if there were too many or the target is not http(s). */
static void follow_redirect(att_fetcher *f, transfer *t, att_fetch_result *r, double now)
{
    host *h = t->h;
    h->errors = 0;
    h->next_ok = now + host_delay(f, h);
    if (f->o.on_other)
        f->o.on_other(f->ctx, r);
    char msg[160], origin[320];
    char *target = NULL;
    if (t->it.hops >= f->o.max_redirects) {
        snprintf(msg, sizeof msg, "more than %ld redirects", f->o.max_redirects);
        deliver(f, &t->it, ATT_FETCH_REDIRECTS, msg);
        return;
    }
    if (att_url_normalize(r->redirect, NULL, 0, &target, msg, sizeof msg) != ATT_OK ||
        att_url_origin(target, origin, sizeof origin) != 0) {
        free(target);
        snprintf(msg, sizeof msg, "redirect to a URL that is not followed (%.100s)", r->redirect);
        deliver(f, &t->it, ATT_FETCH_REFUSED, msg);
        return;
    }
    host *to = find_host(f, origin, 1);
    qitem next = t->it;
    next.orig_url = t->it.orig_url ? t->it.orig_url : t->it.url;
    next.url = target;
    next.hops++;
    if (next.orig_url == t->it.url)
        t->it.url = NULL;   /* moved into next.orig_url */
    t->it.orig_url = NULL;
    t->it.etag = t->it.last_modified = NULL; /* moved too */
    if (!to || push(to, &next, 1) != ATT_OK)
        free_item(&next);
}

static void finish(att_fetcher *f, transfer *t, CURLcode rc)
{
    host *h = t->h;
    double now = mono();
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    h->busy = 0;
    f->running--;
    if (t->is_robots) {
        finish_robots(f, t, rc, status, now);
        free_transfer(f, t);
        return;
    }
    att_fetch_result r;
    result_bufs rb;
    fill_result(f, t, rc, status, &r, &rb);
    char *error = rb.error;
    if (r.redirect) {
        follow_redirect(f, t, &r, now);
        free_transfer(f, t);
        return;
    }

    /* Politeness bookkeeping for the host. */
    double base = host_delay(f, h);
    int failed = r.outcome == ATT_FETCH_NETWORK || r.outcome == ATT_FETCH_TIMEOUT ||
                 (r.outcome == ATT_FETCH_OK && status >= 500 && status != 503);
    if (r.outcome == ATT_FETCH_OK && (status == 429 || status == 503)) {
        curl_off_t ra = 0;
        curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &ra);
        double wait = ra > 0 ? (double)ra : 0;
        if (wait <= 0) { /* no Retry-After: back off as after an error */
            h->errors++;
            wait = 0.5 * (double)(1 << (h->errors < 8 ? h->errors - 1 : 7));
        }
        if (wait > 3600)
            wait = 3600;
        h->next_ok = now + (wait > base ? wait : base);
        if (wait <= f->o.max_retry_wait && t->it.attempts < 1) {
            qitem again = t->it;
            again.attempts++;
            memset(&t->it, 0, sizeof t->it); /* moved back into the queue */
            if (push(h, &again, 1) != ATT_OK)
                free_item(&again);
            free_transfer(f, t);
            return;
        }
        snprintf(error, sizeof rb.error, "HTTP %ld, server asks to wait %.0f s (Retry-After)", status, wait);
        f->cb(f->ctx, &r);
        if (wait > f->o.max_retry_wait)
            defer_host(f, h, "host asked to wait (Retry-After); deferred to a later round");
        free_transfer(f, t);
        return;
    }
    if (failed) {
        h->errors++;
        double back = 0.5 * (double)(1 << (h->errors < 8 ? h->errors - 1 : 7));
        h->next_ok = now + base + (back > 60 ? 60 : back);
    } else {
        h->errors = 0;
        h->next_ok = now + base;
        /* When the host may be asked again already (no delay), send the
         * next request before the callback processes this page, so the
         * server works while we ingest. */
        if (h->next_ok <= now && f->running < f->o.max_hosts && !f->stopping) {
            int still;
            if (start_next(f, h, now) == ATT_OK && h->busy)
                curl_multi_perform(f->multi, &still);
        }
    }
    f->cb(f->ctx, &r);
    if (failed && h->errors >= MAX_HOST_ERRORS) {
        char reason[200];
        snprintf(reason, sizeof reason, "host failing (%d consecutive errors); deferred to a later round",
                 h->errors);
        defer_host(f, h, reason);
    }
    free_transfer(f, t);
}

/* Start the next request of h if it may go now; disallowed URLs are
 * answered on the spot. */
static att_status start_next(att_fetcher *f, host *h, double now)
{
    while (h->n && !h->busy && now >= h->next_ok) {
        if (h->robots_state == ROBOTS_NONE ||
            ((h->robots_state == ROBOTS_READY && now - h->robots_at > ROBOTS_TTL) ||
             (h->robots_state == ROBOTS_UNAVAILABLE && now - h->robots_at > ROBOTS_RETRY))) {
            qitem r = {NULL, NULL, NULL, 0, h->q[h->head].allow_internal, 0, NULL, NULL, 0};
            size_t len = strlen(h->origin) + 16;
            if (!(r.url = malloc(len)))
                return ATT_ERR_NOMEM;
            snprintf(r.url, len, "%s/robots.txt", h->origin);
            h->robots_state = ROBOTS_FETCHING;
            return start(f, h, r, 1);
        }
        if (h->robots_state == ROBOTS_FETCHING)
            return ATT_OK;
        if (h->robots_state == ROBOTS_UNAVAILABLE) {
            defer_host(f, h, h->robots_error);
            return ATT_OK;
        }
        qitem it = pop(h);
        if (h->internal && !it.allow_internal) {
            /* the open-socket check does not run again on a reused connection */
            deliver(f, &it, ATT_FETCH_REFUSED,
                    "refused: the host is on an internal address (link from a public source)");
            continue;
        }
        const char *path = att_url_path(it.url);
        if (!att_robots_allowed(h->robots, path ? path : "/")) {
            deliver(f, &it, ATT_FETCH_ROBOTS, "disallowed by robots.txt");
            continue;
        }
        return start(f, h, it, 0);
    }
    return ATT_OK;
}

att_status att_fetcher_run(att_fetcher *f, volatile sig_atomic_t *stop, char *err, size_t errlen)
{
    for (;;) {
        double now = mono();
        int queued = 0;
        double wait = 1.0;
        f->stopping = stop && *stop;
        for (size_t i = 0; i < f->n_hosts; i++) {
            host *h = f->hosts[i];
            if (!(stop && *stop) && f->running < f->o.max_hosts &&
                start_next(f, h, now) != ATT_OK)
                return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
            if (h->n) {
                queued = 1;
                if (!h->busy && h->next_ok - now < wait)
                    wait = h->next_ok - now;
            }
        }
        int still = 0;
        CURLMcode mc = curl_multi_perform(f->multi, &still);
        if (mc != CURLM_OK)
            return att_seterr(err, errlen, ATT_ERR_IO, "libcurl: %s", curl_multi_strerror(mc));
        CURLMsg *m;
        int left;
        int done = 0;
        while ((m = curl_multi_info_read(f->multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            transfer *t = NULL;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            CURLcode rc = m->data.result;
            finish(f, t, rc);
            done = 1;
        }
        if (done)
            continue; /* hosts may start again; callbacks may have added work */
        if (f->running == 0 && (!queued || (stop && *stop)))
            break;
        int ms = wait <= 0 ? 0 : (int)(wait * 1000) + 1;
        if (ms > 1000)
            ms = 1000;
        mc = curl_multi_poll(f->multi, NULL, 0, ms, NULL);
        if (mc != CURLM_OK)
            return att_seterr(err, errlen, ATT_ERR_IO, "libcurl: %s", curl_multi_strerror(mc));
    }
    /* Stopped: requests not started are dropped. */
    for (size_t i = 0; i < f->n_hosts; i++) {
        host *h = f->hosts[i];
        while (h->n) {
            qitem it = pop(h);
            free_item(&it);
        }
    }
    return ATT_OK;
}

const att_robots *att_fetcher_robots(att_fetcher *f, const char *url)
{
    char origin[320];
    if (att_url_origin(url, origin, sizeof origin) != 0)
        return NULL;
    host *h = find_host(f, origin, 0);
    return h && h->robots_state == ROBOTS_READY ? h->robots : NULL;
}

size_t att_fetcher_requests(const att_fetcher *f) { return f->requests; }
