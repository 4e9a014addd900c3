/* ingest.c - input detection, decoding, extraction and batched storing. */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../article/html_extract.h"
#include "../article/text_extract.h"
#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "../util/buf.h"
#include "charset.h"
#include "docdate.h"
#include "warc.h"

/* One document's outcome, made by prepare_document (any thread) and
 * consumed by finish_document (the caller's thread, in input order). */
typedef struct doc_result {
    int rejected;       /* msg holds the rejection line */
    char msg[1024];
    int has_article;
    att_article a;
    void *payload;      /* from the prepare hook */
    att_store_prep *prep; /* the article's row and index tokens, prepared by a worker (or NULL) */
    att_hint_source date_source; /* where a's date came from, for att_ingest_fetched */
} doc_result;

/* A queued document (parallel ingest). */
typedef struct doc_job {
    char *name, *content_type, *url, *feed_date, *warc_date, *last_modified, *title, *data;
    att_hint_source feed_kind;
    size_t len;
    int kind;
    int state;          /* JOB_QUEUED, JOB_RUNNING, JOB_DONE */
    doc_result r;
} doc_job;

enum { JOB_FREE, JOB_QUEUED, JOB_RUNNING, JOB_DONE };

struct att_ingester {
    att_store *store;
    att_prepare_hook prepare;
    att_prepared_hook prepared;
    att_release_hook release;
    void *prepared_ctx;
    /* parallel ingest: a ring of jobs, head = oldest not yet finished */
    int n_workers;
    pthread_t *workers;
    int started, stopping;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    doc_job *ring;
    size_t ring_cap, head, n_queued, next_run;
    att_ingest_stats st;
    att_reject_cb on_reject;
    void *reject_ctx;
    att_article_hook on_article;
    void *article_ctx;
    FILE *tty;
    size_t batch_size;
    size_t in_batch;   /* articles written in the open transaction */
    int in_txn;
    int fatal;         /* a database error happened: stop */
    double t0, last_progress;
    char *err;         /* where a fatal error message goes */
    size_t errlen;
    const att_ingest_hints *hint; /* borrowed; see att_ingester_set_hints */
    int64_t last_id;   /* article stored (or found) by the last document, 0 if none */
    att_hint_source last_date_source;
};

_Static_assert(ATT_MAX_DOCUMENT == ATT_WARC_MAX_PAYLOAD, "one document limit");

typedef enum { KIND_TEXT, KIND_HTML, KIND_WARC, KIND_UNKNOWN } input_kind;

static void stop_workers(att_ingester *g);

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

att_status att_ingester_new(att_store *s, att_ingester **out)
{
    att_ingester *g = calloc(1, sizeof *g);
    if (!g)
        return ATT_ERR_NOMEM;
    g->store = s;
    /* One FTS5 segment per transaction (schema migration 9).  Larger
     * batches leave fewer segments to merge, but FTS5 keeps a batch's
     * terms in memory until COMMIT, and that table crowds the CPU caches
     * that extraction and the indexes use: with extraction, 1,024 was
     * 2-12% faster than 2,048 and 4-8% faster than 512 (8,192: 10% slower)
     * over 50,000 bench pages, in pairs of runs one after the other and
     * at once on the two cores. */
    g->batch_size = 1024;
    g->t0 = now_s();
    *out = g;
    return ATT_OK;
}

void att_ingester_free(att_ingester *g)
{
    if (!g)
        return;
    stop_workers(g);
    if (g->in_txn)
        att_store_rollback(g->store);
    free(g);
}

void att_ingester_on_reject(att_ingester *g, att_reject_cb cb, void *ctx)
{
    g->on_reject = cb;
    g->reject_ctx = ctx;
}

void att_ingester_on_article(att_ingester *g, att_article_hook cb, void *ctx)
{
    g->on_article = cb;
    g->article_ctx = ctx;
}

void att_ingester_on_prepared(att_ingester *g, att_prepare_hook prepare, att_prepared_hook store,
                              att_release_hook release, void *ctx)
{
    g->prepare = prepare;
    g->prepared = store;
    g->release = release;
    g->prepared_ctx = ctx;
}

void att_ingester_jobs(att_ingester *g, int n)
{
    if (!g->started)
        g->n_workers = n < 1 ? 1 : n > 64 ? 64 : n;
}

void att_ingester_progress(att_ingester *g, FILE *tty) { g->tty = tty; }
void att_ingester_batch(att_ingester *g, size_t n) { g->batch_size = n ? n : 1; }
void att_ingester_set_hints(att_ingester *g, const att_ingest_hints *h) { g->hint = h; }

static void reject_line(att_ingester *g, const char *msg)
{
    g->st.rejected++;
    if (g->on_reject)
        g->on_reject(g->reject_ctx, msg);
}

static void drain(att_ingester *g, int mode);

/* A rejection found by the caller's thread (an unreadable file, a WARC
 * record over the limit): the documents queued before it are finished
 * first, so the lines come in input order whatever --jobs is. */
static void reject(att_ingester *g, const char *name, const char *fmt, const char *detail)
{
    drain(g, 2);
    char msg[1024];
    snprintf(msg, sizeof msg, fmt, name, detail ? detail : "");
    reject_line(g, msg);
}

/* A document's rejection, told later by finish_document. */
static void reject_later(doc_result *r, const char *name, const char *fmt, const char *detail)
{
    snprintf(r->msg, sizeof r->msg, fmt, name, detail ? detail : "");
    r->rejected = 1;
}

static void progress(att_ingester *g, int final)
{
    if (!g->tty)
        return;
    double t = now_s();
    if (!final && t - g->last_progress < 0.25)
        return;
    g->last_progress = t;
    double dt = t - g->t0 > 1e-6 ? t - g->t0 : 1e-6;
    fprintf(g->tty, "\r\033[Kingest: %llu read, %llu stored, %llu duplicates, %llu rejected, %.1f MB/s",
            (unsigned long long)g->st.read, (unsigned long long)g->st.stored,
            (unsigned long long)g->st.duplicates, (unsigned long long)g->st.rejected,
            (double)g->st.bytes / 1e6 / dt);
    if (final)
        fputc('\n', g->tty);
    fflush(g->tty);
}

/* Store one extracted article inside the current batch. */
static att_status store_article(att_ingester *g, const att_article *a, void *payload, att_store_prep *prep)
{
    if (!g->in_txn) {
        if (att_store_begin(g->store, g->err, g->errlen) != ATT_OK)
            return ATT_ERR_DB;
        g->in_txn = 1;
        g->in_batch = 0;
    }
    int64_t id;
    int was_new;
    att_status st = prep ? att_store_put_prepared(g->store, a, prep, &id, &was_new, g->err, g->errlen)
                         : att_store_put_article(g->store, a, &id, &was_new, g->err, g->errlen);
    if (st == ATT_OK && was_new && g->prepared)
        st = g->prepared(g->prepared_ctx, g->store, id, a, payload, g->err, g->errlen);
    else if (st == ATT_OK && was_new && g->on_article)
        st = g->on_article(g->article_ctx, g->store, id, a, g->err, g->errlen);
    if (st != ATT_OK)
        return st;
    g->last_id = id;
    if (was_new) {
        g->st.stored++;
        g->in_batch++;
    } else {
        g->st.duplicates++;
    }
    if (g->in_batch >= g->batch_size) {
        if (att_store_commit(g->store, g->err, g->errlen) != ATT_OK)
            return ATT_ERR_DB;
        g->in_txn = 0;
    }
    return ATT_OK;
}

/* Is this a binary file?  NUL bytes or many control characters in the
 * first 8 KiB (text and HTML have almost none).  Eight bytes at a time:
 * a block with no byte below 0x20 has neither. */
static int looks_binary(const char *d, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    size_t lim = n < 8192 ? n : 8192, ctl = 0, i = 0;
    while (i < lim) {
        uint64_t w;
        if (i + 8 <= lim) {
            memcpy(&w, d + i, 8);
            if (!((w - 0x20 * ones) & ~w & high)) { /* no byte < 0x20 */
                i += 8;
                continue;
            }
        }
        for (size_t e = i + 8 < lim ? i + 8 : lim; i < e; i++) {
            unsigned char c = (unsigned char)d[i];
            if (c == 0)
                return 1;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
                ctl++;
        }
    }
    return lim && ctl * 20 > lim;
}

static int blank(const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] != ' ' && d[i] != '\n' && d[i] != '\r' && d[i] != '\t')
            return 0;
    return 1;
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcasecmp(s + a - b, suf) == 0;
}

static input_kind detect(const char *name, const char *d, size_t n)
{
    if (ends_with(name, ".warc") || ends_with(name, ".warc.gz") || (n >= 5 && !memcmp(d, "WARC/", 5)))
        return KIND_WARC;
    if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml"))
        return KIND_HTML;
    if (n >= 2 && (unsigned char)d[0] == 0x1f && (unsigned char)d[1] == 0x8b)
        return KIND_UNKNOWN;
    size_t i = 0;
    if (n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t'))
        i++;
    if (n - i >= 5 && (!strncasecmp(d + i, "<!doc", 5) || !strncasecmp(d + i, "<html", 5) ||
                       !strncasecmp(d + i, "<?xml", 5)))
        return KIND_HTML;
    return KIND_TEXT;
}

/* What is known of a document from outside it, for its URL and date
 * (docdate.h): the caller's hint and the WARC record's headers. */
typedef struct doc_meta {
    const char *url, *feed_date, *warc_date, *last_modified;
    const char *title;         /* a feed item's title, for a page without one */
    att_hint_source feed_kind; /* ATT_HINT_FEED or ATT_HINT_SITEMAP: what gave feed_date */
} doc_meta;

/* Where the article's date came from, in the crawler's terms. */
static att_hint_source hint_source_of(const att_article *a, const doc_meta *m)
{
    switch (a->date_source) {
    case ATT_DATE_SRC_PAGE:
    case ATT_DATE_SRC_URL:
        return ATT_HINT_PAGE;
    case ATT_DATE_SRC_FEED:
        return m->feed_kind == ATT_HINT_SITEMAP ? ATT_HINT_SITEMAP : ATT_HINT_FEED;
    case ATT_DATE_SRC_HTTP:
        return ATT_HINT_HTTP;
    default:
        return ATT_HINT_NONE;
    }
}

/* Decode and extract one text or HTML document into r (r->a is
 * initialized here).  Only reads g's settings: runs in any thread. */
static void prepare_document(const att_ingester *g, doc_result *r, const char *name, const char *data,
                             size_t len, input_kind kind, const char *content_type, const doc_meta *m,
                             int in_worker)
{
    char msg[256];
    att_article_init(&r->a);
    if (len == 0 || blank(data, len)) {
        reject_later(r, name, "%s: empty document%s", NULL);
        return;
    }
    if (len > ATT_MAX_DOCUMENT) {
        snprintf(msg, sizeof msg, " (%zu bytes, limit %zu)", len, ATT_MAX_DOCUMENT);
        reject_later(r, name, "%s: document too large for one article%s", msg);
        return;
    }
    char *utf8 = NULL;
    size_t ulen = 0, skip = 0;
    if (kind == KIND_HTML) {
        char cs[64];
        if (!att_charset_sniff(data, len, content_type, cs, sizeof cs))
            strcpy(cs, "utf-8");
        if (att_to_utf8(data, len, cs, &utf8, &ulen, msg, sizeof msg) != ATT_OK) {
            reject_later(r, name, "%s: %s", msg);
            return;
        }
    } else {
        if (looks_binary(data, len)) {
            reject_later(r, name, "%s: binary file, not text%s", NULL);
            return;
        }
        skip = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    }
    /* One pass validates the text and tells whether it is NFC already (the
     * usual case): then it is extracted where it lies, else from a copy. */
    const char *text = utf8 ? utf8 : data + skip;
    size_t tlen = utf8 ? ulen : len - skip, off = 0;
    int form = att_utf8_nfc_quick(text, tlen, &off);
    char *nfc = NULL;
    att_status st = form < 0 ? ATT_ERR_UTF8 : ATT_OK;
    if (form == 0 && (st = att_nfc(text, tlen, &nfc, &tlen)) == ATT_OK)
        text = nfc;
    if (st != ATT_OK) {
        free(utf8);
        if (st == ATT_ERR_UTF8 && kind != KIND_HTML) {
            snprintf(msg, sizeof msg, "%zu", off + skip);
            reject_later(r, name, "%s: invalid UTF-8 at byte %s", msg);
        } else {
            reject_later(r, name, st == ATT_ERR_UTF8 ? "%s: invalid UTF-8%s" : "%s: out of memory%s", NULL);
        }
        return;
    }
    msg[0] = '\0';
    st = kind == KIND_HTML ? att_html_extract_err(text, tlen, &r->a, msg, sizeof msg)
                           : att_text_extract(text, tlen, &r->a);
    free(nfc);
    free(utf8);
    const char *url = m->url;
    if (st == ATT_OK && att_article_set(&r->a.source, name, (size_t)-1) == ATT_OK && url && !r->a.url)
        st = att_article_set(&r->a.url, url, (size_t)-1);
    if (st == ATT_OK) { /* the date from the best evidence (docdate.h) */
        att_date_evidence ev = {url, m->feed_date, m->warc_date, m->last_modified};
        st = att_article_resolve_date(&r->a, &ev);
        r->date_source = hint_source_of(&r->a, m);
    }
    if (st == ATT_OK && !r->a.title && m->title)
        st = att_article_set(&r->a.title, m->title, (size_t)-1);
    if (st == ATT_ERR_EMPTY) {
        reject_later(r, name, "%s: no article text found%s", NULL);
    } else if (st != ATT_OK) {
        reject_later(r, name, "%s: %s", msg[0] ? msg : att_status_str(st));
    } else {
        r->has_article = 1;
        /* in a worker thread, the article's row and index tokens too: the
         * single writer then only writes them (store.h) */
        if (in_worker)
            r->prep = att_store_prepare(g->store, &r->a, 1);
        if (g->prepare)
            r->payload = g->prepare(g->prepared_ctx, &r->a);
    }
}

/* The writer's part of a document, in input order: its rejection line, or
 * storing its article; then r's memory is released. */
static void finish_document(att_ingester *g, doc_result *r)
{
    g->last_id = 0;
    g->last_date_source = r->date_source;
    if (r->rejected)
        reject_line(g, r->msg);
    else if (r->has_article && !g->fatal && store_article(g, &r->a, r->payload, r->prep) != ATT_OK)
        g->fatal = 1;
    if (r->payload && g->release)
        g->release(g->prepared_ctx, r->payload);
    att_store_prep_free(r->prep);
    r->prep = NULL;
    att_article_free(&r->a);
    progress(g, 0);
}

/* ---- parallel ingest: workers prepare, the caller finishes in order ---- */

static void *worker_main(void *arg)
{
    att_ingester *g = arg;
    pthread_mutex_lock(&g->mu);
    for (;;) {
        doc_job *j = NULL;
        for (size_t k = 0; k < g->n_queued && !j; k++) {
            doc_job *c = &g->ring[(g->head + k) % g->ring_cap];
            if (c->state == JOB_QUEUED)
                j = c;
        }
        if (!j) {
            if (g->stopping)
                break;
            pthread_cond_wait(&g->work, &g->mu);
            continue;
        }
        j->state = JOB_RUNNING;
        pthread_mutex_unlock(&g->mu);
        doc_meta m = {j->url, j->feed_date, j->warc_date, j->last_modified, j->title, j->feed_kind};
        prepare_document(g, &j->r, j->name, j->data, j->len, (input_kind)j->kind, j->content_type, &m, 1);
        pthread_mutex_lock(&g->mu);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&g->done);
    }
    pthread_mutex_unlock(&g->mu);
    /* the text stages' per-thread caches die with the thread */
    att_normalize_thread_end();
    att_tokens_thread_end();
    return NULL;
}

/* Start the workers; 0 on failure (then documents are ingested inline). */
static int start_workers(att_ingester *g)
{
    g->started = 1;
    g->ring_cap = 2 * (size_t)g->n_workers + 2;
    g->ring = calloc(g->ring_cap, sizeof *g->ring);
    g->workers = calloc((size_t)g->n_workers, sizeof *g->workers);
    if (!g->ring || !g->workers || pthread_mutex_init(&g->mu, NULL) != 0) {
        free(g->ring);
        free(g->workers);
        g->ring = NULL;
        g->workers = NULL;
        g->n_workers = 1;
        return 0;
    }
    pthread_cond_init(&g->work, NULL);
    pthread_cond_init(&g->done, NULL);
    int n = 0;
    while (n < g->n_workers && pthread_create(&g->workers[n], NULL, worker_main, g) == 0)
        n++;
    g->n_workers = n;
    return n > 0;
}

static void job_clear(doc_job *j)
{
    free(j->name);
    free(j->content_type);
    free(j->url);
    free(j->feed_date);
    free(j->warc_date);
    free(j->last_modified);
    free(j->title);
    free(j->data);
    memset(j, 0, sizeof *j);
}

/* Finish the finished jobs at the head of the ring, in order.  mode 0:
 * only those already done; 1: wait until at least one is finished; 2:
 * wait for every queued job. */
static void drain(att_ingester *g, int mode)
{
    if (!g->ring)
        return;
    int finished = 0;
    pthread_mutex_lock(&g->mu);
    while (g->n_queued) {
        doc_job *j = &g->ring[g->head];
        if (j->state != JOB_DONE) {
            if (mode == 0 || (mode == 1 && finished))
                break;
            pthread_cond_wait(&g->done, &g->mu);
            continue;
        }
        doc_result r = j->r;
        job_clear(j);
        g->head = (g->head + 1) % g->ring_cap;
        g->n_queued--;
        pthread_mutex_unlock(&g->mu);
        finish_document(g, &r);
        finished = 1;
        pthread_mutex_lock(&g->mu);
    }
    pthread_mutex_unlock(&g->mu);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/* Queue a copy of the document; 0 if it could not be (out of memory). */
static int enqueue(att_ingester *g, const char *name, const char *data, size_t len, input_kind kind,
                   const char *content_type, const doc_meta *m)
{
    drain(g, 0);
    if (g->n_queued == g->ring_cap)
        drain(g, 1);
    doc_job j = {0};
    j.name = strdup(name);
    j.content_type = dup_or_null(content_type);
    j.url = dup_or_null(m->url);
    j.feed_date = dup_or_null(m->feed_date);
    j.warc_date = dup_or_null(m->warc_date);
    j.last_modified = dup_or_null(m->last_modified);
    j.title = dup_or_null(m->title);
    j.feed_kind = m->feed_kind;
    j.data = malloc(len ? len : 1);
    if (!j.name || !j.data || (content_type && !j.content_type) || (m->url && !j.url) ||
        (m->feed_date && !j.feed_date) || (m->warc_date && !j.warc_date) ||
        (m->last_modified && !j.last_modified) || (m->title && !j.title)) {
        job_clear(&j);
        return 0;
    }
    memcpy(j.data, data, len);
    j.len = len;
    j.kind = kind;
    j.state = JOB_QUEUED;
    pthread_mutex_lock(&g->mu);
    g->ring[(g->head + g->n_queued) % g->ring_cap] = j;
    g->n_queued++;
    pthread_cond_signal(&g->work);
    pthread_mutex_unlock(&g->mu);
    return 1;
}

/* Stop and join the workers, dropping what is still queued. */
static void stop_workers(att_ingester *g)
{
    if (!g->ring)
        return;
    pthread_mutex_lock(&g->mu);
    g->stopping = 1;
    pthread_cond_broadcast(&g->work);
    pthread_mutex_unlock(&g->mu);
    for (int i = 0; i < g->n_workers; i++)
        pthread_join(g->workers[i], NULL);
    for (size_t k = 0; k < g->n_queued; k++) {
        doc_job *j = &g->ring[(g->head + k) % g->ring_cap];
        if (j->state == JOB_DONE) {
            if (j->r.payload && g->release)
                g->release(g->prepared_ctx, j->r.payload);
            att_store_prep_free(j->r.prep);
            j->r.prep = NULL;
            att_article_free(&j->r.a);
        }
        job_clear(j);
    }
    pthread_cond_destroy(&g->work);
    pthread_cond_destroy(&g->done);
    pthread_mutex_destroy(&g->mu);
    free(g->ring);
    free(g->workers);
    g->ring = NULL;
    g->workers = NULL;
    g->n_queued = 0;
}

/* The meta of a document from the caller's hints (NULL: none). */
static doc_meta hint_meta(const att_ingest_hints *h)
{
    doc_meta m = {h ? h->url : NULL, h && h->date && *h->date ? h->date : NULL, NULL,
                  h && h->http_date && *h->http_date ? h->http_date : NULL, h ? h->title : NULL,
                  h && h->date_source == ATT_HINT_SITEMAP ? ATT_HINT_SITEMAP : ATT_HINT_FEED};
    return m;
}

/* The meta of a document from the caller's hints and a WARC record's
 * headers (rec may be NULL; a record's crawler hints count as the hints). */
static doc_meta meta_of(const att_ingester *g, const char *url, const att_warc_record *rec)
{
    doc_meta m = hint_meta(g->hint);
    if (url)
        m.url = url;
    if (rec) { /* the record's dates, and what attache follow archived with the response */
        m.warc_date = rec->warc_date;
        if (rec->last_modified)
            m.last_modified = rec->last_modified;
        att_hint_source ds = att_hint_source_parse(rec->date_source_hint);
        m.title = rec->title_hint;
        if (rec->date_hint && ds == ATT_HINT_HTTP && !m.last_modified)
            m.last_modified = rec->date_hint;
        else if (rec->date_hint && ds != ATT_HINT_HTTP) {
            m.feed_date = rec->date_hint;
            m.feed_kind = ds == ATT_HINT_SITEMAP ? ATT_HINT_SITEMAP : ATT_HINT_FEED;
        }
    }
    return m;
}

/* One text or HTML document: at once, or queued for the workers (not
 * when inline: the caller wants its outcome on return). */
static void ingest_document(att_ingester *g, const char *name, const char *data, size_t len,
                            input_kind kind, const char *content_type, const doc_meta *m, int inline_)
{
    g->st.read++;
    if (!inline_ && g->n_workers > 1 && (g->started || start_workers(g)) && g->ring &&
        len <= ATT_MAX_DOCUMENT && enqueue(g, name, data, len, kind, content_type, m))
        return;
    drain(g, 2); /* the queued documents come first (also when this one could not be queued) */
    doc_result r;
    memset(&r, 0, sizeof r);
    prepare_document(g, &r, name, data, len, kind, content_type, m, 0);
    finish_document(g, &r);
}

typedef struct warc_ctx {
    att_ingester *g;
    const char *file;
    size_t n;
} warc_ctx;

static int on_warc_record(void *ctx, const att_warc_record *rec)
{
    warc_ctx *w = ctx;
    char name[2048];
    const char *uri = rec->uri;
    w->n++;
    snprintf(name, sizeof name, "%s#%s", w->file, uri && *uri ? uri : "record");
    if (!rec->payload) { /* too large to read: never held */
        char line[900];
        w->g->st.read++;
        snprintf(line, sizeof line, "%.700s: WARC record of %zu bytes, over the %zu-byte document limit",
                 uri && *uri ? uri : name, rec->len, ATT_MAX_DOCUMENT);
        reject(w->g, line, "%s%s", NULL);
        return 0;
    }
    doc_meta m = meta_of(w->g, uri && *uri ? uri : NULL, rec);
    ingest_document(w->g, uri && *uri ? uri : name, rec->payload, rec->len, KIND_HTML, rec->content_type, &m, 0);
    return w->g->fatal;
}

static att_status warc_done(att_ingester *g, const char *name, const warc_ctx *w, att_status st,
                            const char *msg);

att_status att_ingest_memory(att_ingester *g, const char *name, const char *data, size_t len,
                             const char *kind_hint, char *err, size_t errlen)
{
    if (g->fatal)
        return ATT_ERR_DB;
    g->err = err;
    g->errlen = errlen;
    g->st.bytes += len;
    input_kind kind = !kind_hint ? detect(name, data, len)
                      : !strcmp(kind_hint, "html") ? KIND_HTML
                      : !strcmp(kind_hint, "warc") ? KIND_WARC
                                                   : KIND_TEXT;
    if (kind == KIND_UNKNOWN) {
        g->st.read++;
        reject(g, name, "%s: gzip-compressed data (only .warc.gz archives are read compressed)%s",
               NULL);
        return ATT_OK;
    }
    if (kind != KIND_WARC) {
        doc_meta m = meta_of(g, NULL, NULL);
        ingest_document(g, name, data, len, kind, NULL, &m, 0);
        return g->fatal ? ATT_ERR_DB : ATT_OK;
    }
    warc_ctx w = {g, name, 0};
    size_t n_records = 0;
    char msg[512];
    att_status st = att_warc_read_records(data, len, on_warc_record, &w, &n_records, msg, sizeof msg);
    return warc_done(g, name, &w, st, msg);
}

/* After a WARC file: its error, or that it held no HTML response. */
static att_status warc_done(att_ingester *g, const char *name, const warc_ctx *w, att_status st,
                            const char *msg)
{
    if (g->fatal)
        return ATT_ERR_DB;
    if (st != ATT_OK) {
        if (w->n == 0)
            g->st.read++;
        reject(g, name, "%s: %s", st == ATT_ERR_NOMEM ? "out of memory" : msg);
    } else if (w->n == 0) {
        g->st.read++;
        reject(g, name, "%s: WARC file has no HTML response record%s", NULL);
    }
    return ATT_OK;
}

att_status att_ingest_fetched(att_ingester *g, const char *data, size_t len, const att_ingest_hints *h,
                              int64_t *article_id, att_hint_source *date_source, char *err, size_t errlen)
{
    if (g->fatal)
        return ATT_ERR_DB;
    g->err = err;
    g->errlen = errlen;
    g->st.bytes += len;
    const char *name = h->url ? h->url : "-";
    doc_meta m = hint_meta(h);
    ingest_document(g, name, data, len, KIND_HTML, h->content_type, &m, 1);
    if (article_id)
        *article_id = g->last_id;
    if (date_source)
        *date_source = g->last_date_source;
    return g->fatal ? ATT_ERR_DB : ATT_OK;
}

void att_ingester_stats(const att_ingester *g, att_ingest_stats *stats) { *stats = g->st; }

static const char *const hint_source_names[] = {"none", "page", "feed", "sitemap", "http"};

const char *att_hint_source_str(att_hint_source d)
{
    return (unsigned)d < sizeof hint_source_names / sizeof hint_source_names[0] ? hint_source_names[d] : "none";
}

att_hint_source att_hint_source_parse(const char *s)
{
    for (size_t i = 0; s && i < sizeof hint_source_names / sizeof hint_source_names[0]; i++)
        if (!strcmp(s, hint_source_names[i]))
            return (att_hint_source)i;
    return ATT_HINT_NONE;
}

/* Files inside a directory that attache reads; anything else is skipped. */
static int wanted_in_dir(const char *name)
{
    static const char *ext[] = {".txt", ".text", ".html", ".htm", ".xhtml", ".warc", ".warc.gz"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (ends_with(name, ext[i]))
            return 1;
    return strchr(name, '.') == NULL;
}

/* read() into b until n more bytes or the end (0), -1 on error (errno). */
static int read_upto(int fd, att_buf *b, size_t n)
{
    if (att_buf_reserve(b, n) != ATT_OK) {
        errno = ENOMEM;
        return -1;
    }
    size_t want = b->len + n;
    while (b->len < want) {
        ssize_t k = read(fd, b->data + b->len, want - b->len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0)
            break;
        b->len += (size_t)k;
    }
    b->data[b->len] = '\0';
    return 0;
}

/* One input read from fd with read() - never mapped, so a file cut short
 * while it is read ends early instead of raising SIGBUS.  A WARC file is
 * streamed record by record; any other input is read whole up to the
 * document limit and refused past it without reading further.  hint: the
 * file's size if known (0: not known, e.g. a pipe). */
static att_status ingest_fd(att_ingester *g, const char *name, int fd, size_t hint, char *err,
                            size_t errlen)
{
    char msg[512];
    att_buf b = ATT_BUF_INIT;
    if (read_upto(fd, &b, 8192) != 0) {
        snprintf(msg, sizeof msg, "%s", strerror(errno));
        att_buf_free(&b);
        g->st.read++;
        reject(g, name, "%s: cannot read: %s", msg);
        return ATT_OK;
    }
    if (g->fatal) {
        att_buf_free(&b);
        return ATT_ERR_DB;
    }
    if (detect(name, b.data ? b.data : "", b.len) == KIND_WARC) {
        g->err = err;
        g->errlen = errlen;
        warc_ctx w = {g, name, 0};
        size_t n_records = 0;
        off_t before = lseek(fd, 0, SEEK_CUR);
        att_status st = att_warc_read_fd_records(fd, b.data, b.len, on_warc_record, &w, &n_records, msg,
                                         sizeof msg);
        off_t after = lseek(fd, 0, SEEK_CUR);
        g->st.bytes += b.len + (after > before ? (size_t)(after - before) : 0);
        att_buf_free(&b);
        return warc_done(g, name, &w, st, msg);
    }
    /* the rest: the size fstat gave (hint), else doubling; one byte past
     * the limit at most */
    int r = 0, eof = b.len < 8192;
    while (!eof && r == 0 && b.len <= ATT_MAX_DOCUMENT) {
        size_t step = hint > b.len ? hint + 1 - b.len : b.len;
        if (step > ATT_MAX_DOCUMENT + 1 - b.len)
            step = ATT_MAX_DOCUMENT + 1 - b.len;
        size_t before = b.len;
        r = read_upto(fd, &b, step);
        eof = b.len - before < step;
    }
    if (r != 0) {
        snprintf(msg, sizeof msg, "%s", strerror(errno));
        att_buf_free(&b);
        g->st.read++;
        reject(g, name, "%s: cannot read: %s", msg);
        return ATT_OK;
    }
    if (b.len > ATT_MAX_DOCUMENT) {
        att_buf_free(&b);
        g->st.read++;
        snprintf(msg, sizeof msg, " (over %zu bytes, the limit)", ATT_MAX_DOCUMENT);
        reject(g, name, "%s: document too large for one article%s", msg);
        return ATT_OK;
    }
    att_status st = att_ingest_memory(g, name, b.data ? b.data : "", b.len, NULL, err, errlen);
    att_buf_free(&b);
    return st;
}

static att_status ingest_file(att_ingester *g, const char *path, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0)
        return ingest_fd(g, "-", STDIN_FILENO, 0, err, errlen);
    int fd = open(path, O_RDONLY);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        g->st.read++;
        reject(g, path, "%s: cannot read: %s", strerror(e));
        return ATT_OK;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        g->st.read++;
        reject(g, path, "%s: not a regular file%s", NULL);
        return ATT_OK;
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    att_status st = ingest_fd(g, path, fd, (size_t)sb.st_size, err, errlen);
    close(fd);
    return st;
}

static int skip_hidden(const struct dirent *d) { return d->d_name[0] != '.'; }

static att_status ingest_dir(att_ingester *g, const char *path, int depth, char *err, size_t errlen)
{
    struct dirent **ents = NULL;
    int n = scandir(path, &ents, skip_hidden, alphasort);
    if (n < 0) {
        g->st.read++;
        reject(g, path, "%s: cannot read directory: %s", strerror(errno));
        return ATT_OK;
    }
    att_status st = ATT_OK;
    for (int i = 0; i < n; i++) {
        if (st == ATT_OK) {
            size_t plen = strlen(path) + strlen(ents[i]->d_name) + 2;
            char *child = malloc(plen);
            if (!child) {
                st = ATT_ERR_NOMEM;
            } else {
                snprintf(child, plen, "%s/%s", path, ents[i]->d_name);
                struct stat sb;
                if (lstat(child, &sb) == 0 && S_ISDIR(sb.st_mode)) {
                    if (depth < 64)
                        st = ingest_dir(g, child, depth + 1, err, errlen);
                } else if (stat(child, &sb) == 0 && S_ISREG(sb.st_mode) &&
                           wanted_in_dir(ents[i]->d_name)) {
                    st = ingest_file(g, child, err, errlen);
                } else {
                    g->st.skipped++;
                }
                free(child);
            }
        }
        free(ents[i]);
    }
    free(ents);
    return st;
}

att_status att_ingest_path(att_ingester *g, const char *path, char *err, size_t errlen)
{
    if (g->fatal)
        return ATT_ERR_DB;
    g->err = err;
    g->errlen = errlen;
    struct stat sb;
    att_status st;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        st = ingest_dir(g, path, 0, err, errlen);
    else
        st = ingest_file(g, path, err, errlen);
    if (g->fatal) {
        /* the open batch is lost; it must not be counted as stored */
        att_store_rollback(g->store);
        g->st.stored -= g->in_batch;
        g->in_batch = 0;
        g->in_txn = 0;
        return ATT_ERR_DB;
    }
    return st;
}

att_status att_ingester_commit(att_ingester *g, char *err, size_t errlen)
{
    g->err = err;
    g->errlen = errlen;
    drain(g, 2);
    if (g->fatal)
        return ATT_ERR_DB;
    if (!g->in_txn)
        return ATT_OK;
    g->in_txn = 0;
    g->in_batch = 0;
    if (att_store_commit(g->store, err, errlen) != ATT_OK) {
        g->fatal = 1;
        return ATT_ERR_DB;
    }
    return ATT_OK;
}

att_status att_ingester_finish(att_ingester *g, att_ingest_stats *stats, char *err, size_t errlen)
{
    att_status st = ATT_OK;
    g->err = err;
    g->errlen = errlen;
    drain(g, 2);
    stop_workers(g);
    if (g->fatal && !g->in_txn)
        st = ATT_ERR_DB;
    if (g->in_txn) {
        if (g->fatal) {
            att_store_rollback(g->store);
            g->st.stored -= g->in_batch; /* the open batch is lost */
            g->in_batch = 0;
            st = ATT_ERR_DB;
        } else {
            st = att_store_commit(g->store, err, errlen);
        }
        g->in_txn = 0;
    }
    progress(g, 1);
    if (stats)
        *stats = g->st;
    return st;
}
