/* follow.c - the crawler's round and signal handling; see follow.h. */
#include "follow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../store/sources.h"
#include "../util/sha256.h"
#include "feed.h"
#include "url.h"
#include "warc_write.h"

#define MIN_INTERVAL 300
#define MAX_INTERVAL 86400
#define MAX_PAGE_TRIES 3

typedef enum { JOB_SOURCE, JOB_PAGE } job_kind;

/* What a queued request is for (the fetch's user pointer). */
typedef struct job {
    job_kind kind;
    size_t src;        /* index into f->src (JOB_SOURCE), or the page's source index or (size_t)-1 */
    char *key;         /* JOB_PAGE: normalized identity */
    char *title, *date;
    att_seen_date_source date_source;
    int tries;
    struct job *next;  /* every job of the round, for freeing */
} job;

struct att_follower {
    att_store *s;
    att_follow_opts o;
    att_follow_log log;
    void *log_ctx;
    att_fetcher *fetcher;
    att_warc_writer *warc;
    /* per round */
    att_source *src;
    size_t n_src;
    int *src_internal;   /* the source answered from an internal address */
    int *src_queued;
    size_t *src_new_items;
    att_ingester *g;
    att_follow_stats *st;
    job *jobs;
    att_status fatal;
    char *err;
    size_t errlen;
    int64_t now;
    double last_commit;  /* monotonic time of the last commit of the ingester's batch */
};

#define COMMIT_EVERY 1.0 /* seconds: the write lock is never held much longer */

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile sig_atomic_t stop_flag;

static void on_other(void *ctx, const att_fetch_result *r);

static void on_signal(int sig)
{
    stop_flag = 1;
    signal(sig, SIG_DFL);
}

volatile sig_atomic_t *att_follow_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return &stop_flag;
}

void att_follow_opts_default(att_follow_opts *o)
{
    memset(o, 0, sizeof *o);
    att_fetch_opts_default(&o->fetch);
    o->max_age_days = 30;
    o->max_items = 50000;
    o->max_feed_bytes = (size_t)16 << 20;
    o->max_pages = 100000;
}

static void logf_(att_follower *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(att_follower *f, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (f->log)
        f->log(f->log_ctx, msg);
}

att_status att_follower_new(att_store *s, const att_follow_opts *o, att_follow_log log, void *log_ctx,
                            att_follower **out, char *err, size_t errlen)
{
    *out = NULL;
    att_follower *f = calloc(1, sizeof *f);
    if (!f)
        return ATT_ERR_NOMEM;
    f->s = s;
    f->o = *o;
    f->o.fetch.keep_request = o->archive_dir != NULL; /* the WARC request record */
    f->o.fetch.on_other = o->archive_dir ? on_other : NULL;
    f->log = log;
    f->log_ctx = log_ctx;
    att_status st = ATT_OK;
    if (o->archive_dir)
        st = att_warc_writer_open(o->archive_dir, o->archive_max_bytes, &f->warc, err, errlen);
    if (st != ATT_OK) {
        free(f);
        return st;
    }
    *out = f;
    return ATT_OK;
}

void att_follower_free(att_follower *f)
{
    if (!f)
        return;
    att_fetcher_free(f->fetcher);
    att_warc_writer_close(f->warc);
    free(f);
}

static void set_fatal(att_follower *f, att_status st)
{
    if (f->fatal == ATT_OK)
        f->fatal = st;
}

static job *new_job(att_follower *f, job_kind kind, size_t src)
{
    job *j = calloc(1, sizeof *j);
    if (!j) {
        set_fatal(f, ATT_ERR_NOMEM);
        return NULL;
    }
    j->kind = kind;
    j->src = src;
    j->next = f->jobs;
    f->jobs = j;
    return j;
}

static int same_host(const char *a, const char *b)
{
    char ha[256], hb[256];
    return a && b && !att_url_host(a, ha, sizeof ha) && !att_url_host(b, hb, sizeof hb) && !strcmp(ha, hb);
}

static size_t find_src(const att_follower *f, int64_t id)
{
    for (size_t i = 0; i < f->n_src; i++)
        if (f->src[i].id == id)
            return i;
    return (size_t)-1;
}

/* May a source be on an internal address?  Hand-added ones may; a
 * discovered one only on its parent's host. */
static int source_allow_internal(const att_follower *f, size_t i)
{
    if (f->src[i].parent_id <= 0)
        return 1;
    size_t p = find_src(f, f->src[i].parent_id);
    return p != (size_t)-1 && same_host(f->src[p].url, f->src[i].url);
}

static void queue_source(att_follower *f, size_t i)
{
    if (f->src_queued[i])
        return;
    job *j = new_job(f, JOB_SOURCE, i);
    if (!j)
        return;
    f->src_queued[i] = 1;
    att_fetch_req r = {f->src[i].url, f->src[i].etag, f->src[i].last_modified, f->o.max_feed_bytes,
                       source_allow_internal(f, i), j};
    if (att_fetcher_add(f->fetcher, &r) != ATT_OK) {
        logf_(f, "%s: cannot be fetched (bad URL)", f->src[i].url);
        f->src_queued[i] = 0;
    } else {
        f->st->sources++;
    }
}

/* Queue one page: url to fetch, key its identity in seen_urls. */
static void queue_page(att_follower *f, const char *url, const char *key, const char *title, const char *date,
                       att_seen_date_source ds, size_t src, int tries, int allow_internal)
{
    job *j = new_job(f, JOB_PAGE, src);
    if (!j)
        return;
    j->key = strdup(key);
    j->title = title ? strdup(title) : NULL;
    j->date = date ? strdup(date) : NULL;
    j->date_source = ds;
    j->tries = tries;
    if (!j->key) {
        set_fatal(f, ATT_ERR_NOMEM);
        return;
    }
    att_fetch_req r = {url, NULL, NULL, 0, allow_internal, j};
    if (att_fetcher_add(f->fetcher, &r) != ATT_OK)
        set_fatal(f, ATT_ERR_NOMEM);
}

/* Add a discovered source and fetch it in this round. */
static void discover(att_follower *f, size_t parent, const char *url, const char *kind)
{
    int64_t id;
    int was_new;
    char *u = NULL, msg[256];
    if (att_url_normalize(url, NULL, 0, &u, msg, sizeof msg) != ATT_OK)
        return;
    att_status st = att_sources_add(f->s, u, NULL, kind, 0, f->src[parent].id, f->now, &id, &was_new, f->err,
                                    f->errlen);
    if (st != ATT_OK) {
        free(u);
        set_fatal(f, st);
        return;
    }
    if (was_new) {
        f->st->discovered++;
        /* grow the round's arrays by one and queue it */
        size_t n = f->n_src + 1;
        att_source *v = realloc(f->src, n * sizeof *v);
        int *in = v ? realloc(f->src_internal, n * sizeof *in) : NULL;
        if (in)
            f->src_internal = in;
        int *q = in ? realloc(f->src_queued, n * sizeof *q) : NULL;
        if (q)
            f->src_queued = q;
        size_t *ni = q ? realloc(f->src_new_items, n * sizeof *ni) : NULL;
        if (ni)
            f->src_new_items = ni;
        if (v)
            f->src = v;
        if (!v || !in || !q || !ni) {
            free(u);
            set_fatal(f, ATT_ERR_NOMEM);
            return;
        }
        att_source *x = &f->src[f->n_src];
        memset(x, 0, sizeof *x);
        x->id = id;
        x->url = u;
        x->kind = strdup(kind ? kind : "auto");
        if (!x->kind) {
            x->kind = u; /* freed with the round's sources; the round stops */
            x->url = strdup("");
            set_fatal(f, ATT_ERR_NOMEM);
        }
        x->parent_id = f->src[parent].id;
        x->interval_s = 1800;
        x->added_at = f->now;
        f->src_internal[f->n_src] = 0;
        f->src_queued[f->n_src] = 0;
        f->src_new_items[f->n_src] = 0;
        f->n_src++;
        queue_source(f, f->n_src - 1);
        return;
    }
    free(u);
}

/* Archive a response; h (may be NULL) the page's hints. */
static void archive(att_follower *f, const att_fetch_result *r, const att_ingest_hints *h)
{
    if (!f->warc || r->outcome != ATT_FETCH_OK || !r->resp_head)
        return;
    const char *date = h ? (h->date ? h->date : h->http_date) : NULL;
    att_warc_exchange x = {r->final_url, r->when, r->ip, r->req_head, r->req_head_len, r->resp_head,
                           r->resp_head_len, r->body, r->len, h ? h->title : NULL, date,
                           !date ? NULL : h->date ? att_hint_source_str(h->date_source)
                                                  : att_hint_source_str(ATT_HINT_HTTP)};
    char msg[512];
    if (att_warc_writer_put(f->warc, &x, msg, sizeof msg) != ATT_OK) {
        snprintf(f->err, f->errlen, "archive: %s", msg);
        set_fatal(f, ATT_ERR_IO);
    } else {
        f->st->archived += 2;
    }
}

/* robots.txt and redirect responses go to the archive too. */
static void on_other(void *ctx, const att_fetch_result *r)
{
    att_follower *f = ctx;
    if (f->fatal == ATT_OK)
        archive(f, r, NULL);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static void source_failed(att_follower *f, att_source *x, long status, const char *reason)
{
    x->failures++;
    x->last_status = (int)status;
    free(x->last_error);
    x->last_error = dup_or_null(reason);
    int64_t back = x->interval_s;
    for (int64_t k = 0; k < x->failures && back < MAX_INTERVAL; k++)
        back *= 2;
    x->next_due = f->now + (back < MAX_INTERVAL ? back : MAX_INTERVAL);
    f->st->sources_failed++;
    logf_(f, "%s: %s", x->url, reason);
}

static void process_items(att_follower *f, size_t i, const att_feed *feed)
{
    att_source *x = &f->src[i];
    att_seen_date_source ds = feed->kind == ATT_FEED_SITEMAP ? ATT_SEEN_DATE_SITEMAP : ATT_SEEN_DATE_FEED;
    int64_t oldest = f->o.max_age_days > 0 ? f->now - (int64_t)f->o.max_age_days * 86400 : 0;
    att_status bst = att_seen_batch(f->s, 1, f->err, f->errlen);
    if (bst != ATT_OK) {
        set_fatal(f, bst);
        return;
    }
    for (size_t k = 0; k < feed->n_items && f->fatal == ATT_OK; k++) {
        const att_feed_item *it = &feed->items[k];
        char *key = NULL, msg[256];
        if (att_url_normalize(it->url, NULL, ATT_URL_KEY, &key, msg, sizeof msg) != ATT_OK)
            continue;
        /* Too old on first sight: counted, not fetched and not remembered,
         * so a later run with a larger --max-age (or 0) can still take it. */
        if (oldest && it->epoch && it->epoch < oldest) {
            int known = att_seen_known(f->s, key);
            if (known < 0) {
                free(key);
                set_fatal(f, ATT_ERR_DB);
                snprintf(f->err, f->errlen, "database: cannot read seen_urls");
                break;
            }
            if (!known)
                f->st->skipped_old++;
            free(key);
            continue;
        }
        int was_new = 0;
        att_status st = att_seen_add(f->s, key, it->url, x->id, it->title, it->date,
                                     it->date ? ds : ATT_SEEN_DATE_NONE, 0, f->now, &was_new, f->err, f->errlen);
        if (st != ATT_OK) {
            free(key);
            set_fatal(f, st);
            break;
        }
        if (was_new) {
            f->st->items_new++;
            f->src_new_items[i]++;
            x->items_seen++;
            queue_page(f, it->url, key, it->title, it->date, it->date ? ds : ATT_SEEN_DATE_NONE, i, 0,
                       same_host(it->url, x->url) || f->src_internal[i]);
        }
        free(key);
    }
    bst = att_seen_batch(f->s, 0, f->err, f->errlen);
    if (bst != ATT_OK)
        set_fatal(f, bst);
}

static void source_done(att_follower *f, job *j, const att_fetch_result *r)
{
    att_source *x = &f->src[j->src];
    x->last_fetch = f->now;
    if (r->outcome == ATT_FETCH_DEFERRED) { /* robots.txt unavailable, host failing or asking to wait */
        source_failed(f, x, 0, r->error ? r->error : "deferred");
        return;
    }
    archive(f, r, NULL);
    f->src_internal[j->src] = r->internal;
    if (r->outcome != ATT_FETCH_OK || (r->status >= 400) || (r->status < 200)) {
        source_failed(f, x, r->status, r->error ? r->error : "no HTTP response");
        return;
    }
    int unchanged = r->status == 304;
    char hash[65] = "";
    if (!unchanged) {
        att_sha256 c;
        att_sha256_init(&c);
        att_sha256_update(&c, r->body, r->len);
        att_sha256_final_hex(&c, hash);
        unchanged = x->content_hash && !strcmp(x->content_hash, hash);
    }
    x->last_status = (int)r->status;
    if (!unchanged) {
        att_feed feed;
        char msg[300];
        att_status st = att_feed_parse(r->body, r->len, r->final_url, r->content_type, f->o.max_items, &feed,
                                       msg, sizeof msg);
        if (st != ATT_OK) {
            att_feed_free(&feed);
            if (st == ATT_ERR_NOMEM)
                set_fatal(f, st);
            source_failed(f, x, r->status, msg);
            return;
        }
        free(x->detected);
        x->detected = strdup(att_feed_kind_str(feed.kind));
        if (feed.n_dropped)
            logf_(f, "%s: %zu items not taken (limit %zu or unusable links)", x->url, feed.n_dropped,
                  f->o.max_items);
        int hub = 0;
        if (feed.kind == ATT_FEED_HTML || feed.kind == ATT_FEED_SITEMAPINDEX) {
            for (size_t k = 0; k < feed.n_feeds; k++)
                discover(f, j->src, feed.feeds[k], feed.kind == ATT_FEED_SITEMAPINDEX ? "sitemap" : "feed");
            x = &f->src[j->src]; /* discover() may move the array */
            hub = feed.n_feeds > 0;
        }
        if (feed.kind == ATT_FEED_HTML && !strcmp(x->kind, "auto")) {
            const att_robots *rb = att_fetcher_robots(f->fetcher, x->url);
            size_t ns = 0;
            const char *const *sm = rb ? att_robots_sitemaps(rb, &ns) : NULL;
            for (size_t k = 0; k < ns; k++)
                discover(f, j->src, sm[k], "sitemap");
            x = &f->src[j->src];
            hub = hub || ns > 0;
        }
        /* A hub page (it announced feeds or sitemaps) is followed through
         * them, not through its links - unless added as kind "page". */
        if (!(feed.kind == ATT_FEED_HTML && hub && strcmp(x->kind, "page")))
            process_items(f, j->src, &feed);
        att_feed_free(&feed);
        x = &f->src[j->src];
        free(x->content_hash);
        x->content_hash = strdup(hash);
    }
    if (r->etag || r->status != 304) {
        free(x->etag);
        x->etag = dup_or_null(r->etag);
    }
    if (r->last_modified || r->status != 304) {
        free(x->last_modified);
        x->last_modified = dup_or_null(r->last_modified);
    }
    if (unchanged)
        f->st->unchanged++;
    x->failures = 0;
    free(x->last_error);
    x->last_error = NULL;
}

static int is_html(const char *ctype)
{
    if (!ctype || !*ctype)
        return 1;
    for (const char *p = ctype; *p; p++)
        if (!strncasecmp(p, "html", 4))
            return 1;
    return 0;
}

static void page_done(att_follower *f, job *j, const att_fetch_result *r)
{
    att_source *x = j->src != (size_t)-1 ? &f->src[j->src] : NULL;
    if (r->outcome == ATT_FETCH_DEFERRED) {
        f->st->deferred++;
        return; /* stays pending */
    }
    if (r->outcome == ATT_FETCH_ROBOTS) {
        f->st->disallowed++;
        att_status st = att_seen_done(f->s, j->key, -2, 0, 1, f->now, f->err, f->errlen);
        if (st != ATT_OK)
            set_fatal(f, st);
        return;
    }
    char http_date[20] = "";
    int64_t ep;
    /* Last-Modified within a minute of the fetch is a dynamic page's "now",
     * not its date: not used. */
    if (r->last_modified && (att_feed_date(r->last_modified, http_date, &ep) != 0 || ep >= (int64_t)r->when - 60))
        http_date[0] = '\0';
    att_ingest_hints h = {r->final_url, r->content_type, j->title, j->date,
                          j->date_source == ATT_SEEN_DATE_SITEMAP ? ATT_HINT_SITEMAP : ATT_HINT_FEED,
                          *http_date ? http_date : NULL};
    archive(f, r, &h);
    char msg[256];
    int transient = r->outcome == ATT_FETCH_TIMEOUT || r->outcome == ATT_FETCH_NETWORK ||
                    (r->outcome == ATT_FETCH_OK && (r->status >= 500 || r->status == 429));
    int64_t article_id = 0;
    if (r->outcome == ATT_FETCH_OK && r->status >= 200 && r->status < 300) {
        f->st->pages++;
        if (!is_html(r->content_type)) {
            logf_(f, "%s: not an HTML page (%s)", r->final_url, r->content_type);
        } else {
            att_ingest_stats before, after;
            att_ingester_stats(f->g, &before);
            att_status st = att_ingest_fetched(f->g, r->body, r->len, &h, &article_id, NULL, f->err, f->errlen);
            if (st != ATT_OK) {
                set_fatal(f, st);
                return;
            }
            att_ingester_stats(f->g, &after);
            if (after.stored > before.stored) {
                f->st->articles_new++;
                if (x)
                    x->new_articles++;
            }
        }
        /* the page reached through a redirect is known under its final URL too */
        char *fkey = NULL;
        if (strcmp(r->final_url, r->url) &&
            att_url_normalize(r->final_url, NULL, ATT_URL_KEY, &fkey, msg, sizeof msg) == ATT_OK) {
            int was_new;
            att_seen_add(f->s, fkey, r->final_url, x ? x->id : 0, NULL, NULL, ATT_SEEN_DATE_NONE, (int)r->status, f->now,
                         &was_new, f->err, f->errlen);
        }
        free(fkey);
    } else {
        f->st->pages_failed++;
        logf_(f, "%s: %s", r->url, r->error ? r->error : att_fetch_outcome_str(r->outcome));
    }
    int final = !transient || j->tries + 1 >= MAX_PAGE_TRIES;
    int status = r->status ? (int)r->status : -10 - (int)r->outcome;
    att_status st = att_seen_done(f->s, j->key, status, article_id, final, f->now, f->err, f->errlen);
    if (st != ATT_OK) {
        set_fatal(f, st);
        return;
    }
    /* Commit about once a second: other writers (sources add) wait at
     * most that long, and an interruption loses nothing fetched before. */
    double t = mono_now();
    if (t - f->last_commit >= COMMIT_EVERY) {
        f->last_commit = t;
        if ((st = att_ingester_commit(f->g, f->err, f->errlen)) != ATT_OK)
            set_fatal(f, st);
    }
}

static void on_fetched(void *ctx, const att_fetch_result *r)
{
    att_follower *f = ctx;
    job *j = r->user;
    if (f->fatal != ATT_OK)
        return;
    if (j->kind == JOB_SOURCE)
        source_done(f, j, r);
    else
        page_done(f, j, r);
}

static void finish_sources(att_follower *f)
{
    for (size_t i = 0; i < f->n_src && f->fatal == ATT_OK; i++) {
        if (!f->src_queued[i])
            continue;
        att_source *x = &f->src[i];
        if (x->last_fetch == f->now && x->failures == 0) {
            if (x->every_min > 0)
                x->interval_s = (int64_t)x->every_min * 60;
            else if (f->src_new_items[i] > 0)
                x->interval_s = x->interval_s / 2 < MIN_INTERVAL ? MIN_INTERVAL : x->interval_s / 2;
            else
                x->interval_s = x->interval_s * 3 / 2 > MAX_INTERVAL ? MAX_INTERVAL : x->interval_s * 3 / 2;
            x->next_due = f->now + x->interval_s;
        }
        att_status st = att_sources_update(f->s, x, f->err, f->errlen);
        if (st != ATT_OK)
            set_fatal(f, st);
    }
}

att_status att_follow_round(att_follower *f, att_ingester *g, volatile sig_atomic_t *stop,
                            att_follow_stats *stats, char *err, size_t errlen)
{
    memset(stats, 0, sizeof *stats);
    f->g = g;
    f->st = stats;
    f->err = err;
    f->errlen = errlen;
    f->fatal = ATT_OK;
    f->now = (int64_t)time(NULL);
    f->last_commit = mono_now();
    f->jobs = NULL;
    att_status st = ATT_OK;
    if (!f->fetcher)
        st = att_fetcher_new(&f->o.fetch, on_fetched, f, &f->fetcher, err, errlen);
    size_t before_requests = f->fetcher ? att_fetcher_requests(f->fetcher) : 0;
    if (st == ATT_OK)
        st = att_sources_list(f->s, 0, &f->src, &f->n_src, err, errlen);
    if (st == ATT_OK) {
        f->src_internal = calloc(f->n_src + 1, sizeof *f->src_internal);
        f->src_queued = calloc(f->n_src + 1, sizeof *f->src_queued);
        f->src_new_items = calloc(f->n_src + 1, sizeof *f->src_new_items);
        if (!f->src_internal || !f->src_queued || !f->src_new_items)
            st = ATT_ERR_NOMEM;
    }
    /* Pages left pending by an earlier round first, then the due sources. */
    att_seen_page *pend = NULL;
    size_t n_pend = 0;
    if (st == ATT_OK)
        st = att_seen_pending(f->s, f->o.max_pages, &pend, &n_pend, err, errlen);
    for (size_t k = 0; st == ATT_OK && k < n_pend; k++) {
        size_t si = find_src(f, pend[k].source_id);
        const char *surl = si != (size_t)-1 ? f->src[si].url : NULL;
        /* (allowed onto internal addresses only on the source's own host) */
        queue_page(f, pend[k].fetch_url, pend[k].url, pend[k].title, pend[k].date, pend[k].date_source, si, pend[k].tries,
                   same_host(pend[k].url, surl));
    }
    att_seen_free(pend, n_pend);
    for (size_t i = 0; st == ATT_OK && i < f->n_src; i++)
        if (f->o.all_due || f->src[i].next_due <= f->now)
            queue_source(f, i);
    f->o.all_due = 0;
    if (st == ATT_OK && f->fatal == ATT_OK)
        st = att_fetcher_run(f->fetcher, stop, err, errlen);
    if (st == ATT_OK && f->fatal == ATT_OK)
        finish_sources(f);
    if (st == ATT_OK && f->fatal != ATT_OK)
        st = f->fatal;
    if (st == ATT_OK && f->warc)
        st = att_warc_writer_sync(f->warc, err, errlen);
    if (f->fetcher)
        stats->requests = att_fetcher_requests(f->fetcher) - before_requests;
    while (f->jobs) {
        job *j = f->jobs;
        f->jobs = j->next;
        free(j->key);
        free(j->title);
        free(j->date);
        free(j);
    }
    att_sources_free(f->src, f->n_src);
    free(f->src_internal);
    free(f->src_queued);
    free(f->src_new_items);
    f->src = NULL;
    f->n_src = 0;
    f->src_internal = f->src_queued = NULL;
    f->src_new_items = NULL;
    return st;
}

int64_t att_follow_next_due(att_follower *f)
{
    if (att_seen_count(f->s, 1) > 0)
        return (int64_t)time(NULL);
    att_source *v;
    size_t n;
    char err[256];
    if (att_sources_list(f->s, 0, &v, &n, err, sizeof err) != ATT_OK) {
        att_sources_free(v, n);
        return 0;
    }
    int64_t best = INT64_MAX;
    for (size_t i = 0; i < n; i++)
        if (v[i].next_due < best)
            best = v[i].next_due;
    att_sources_free(v, n);
    return n == 0 ? 0 : best > 0 ? best : 1;
}
