/*
 * serve_int.h - what the serve stage's modules share (not public):
 * the server state, responses, the read-store pool, the writer queue, the
 * alert fan-out and the metrics.  See serve.h for the threads.
 */
#ifndef ATT_SERVE_INT_H
#define ATT_SERVE_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>

#include "serve.h"

/* Endpoints, for the metrics (ATT_EP_N last). */
typedef enum {
    ATT_EP_SEARCH, ATT_EP_ARTICLE, ATT_EP_EVENTS, ATT_EP_DYADS, ATT_EP_TIMELINE, ATT_EP_STORIES, ATT_EP_STORY,
    ATT_EP_ACTORS, ATT_EP_ACTOR, ATT_EP_QUOTES, ATT_EP_COMMITMENTS, ATT_EP_ALERTS, ATT_EP_STREAM, ATT_EP_INGEST,
    ATT_EP_OVERVIEW, ATT_EP_HEALTHZ, ATT_EP_METRICS, ATT_EP_OPENAPI, ATT_EP_ASSET, ATT_EP_OTHER, ATT_EP_N
} att_endpoint;
extern const char *const att_endpoint_names[ATT_EP_N];

#define ATT_LAT_BUCKETS 12
typedef struct att_metrics {
    pthread_mutex_t mu;
    uint64_t requests[ATT_EP_N][5]; /* by status class 1xx..5xx */
    uint64_t lat[ATT_EP_N][ATT_LAT_BUCKETS];
    double lat_sum[ATT_EP_N];
    uint64_t ingest_docs, ingest_stored, ingest_bytes, sse_clients;
    uint64_t rounds, rounds_failed, round_pages, round_stored; /* the writer's periodic rounds (follow) */
} att_metrics;

/* An answer being built: status, body (malloc'd), type, extra headers. */
typedef struct att_resp {
    unsigned status;
    char *body;
    size_t len;
    const char *type;
    const char *filename; /* Content-Disposition: attachment, or NULL */
    const char *cache;    /* Cache-Control, NULL for no-store */
} att_resp;

/* One POST ingest waiting for the writer. */
typedef struct att_job {
    struct att_job *next;
    const char *name, *kind;
    const char *data;
    size_t len;
    att_status st;
    att_serve_ingest_result res;
    int done;
} att_job;

#define ATT_SSE_RING 256
typedef struct att_server {
    att_serve_config cfg;
    struct MHD_Daemon *d;
    unsigned port;
    volatile int stopping;
    /* the knobs (serve.h) */
    size_t queue_max, pool_max;
    unsigned ingest_delay_ms;
    int active; /* requests in progress (atomic), awaited at stop */

    pthread_mutex_t pool_mu;
    att_store *pool[ATT_SERVE_MAX_CONN + 4];
    size_t n_pool;

    pthread_t writer;
    pthread_mutex_t wmu;
    pthread_cond_t wcond, wdone;
    att_job *head, *tail;
    size_t queued;
    att_store *w;
    int writer_up;

    pthread_t poller;
    int poller_up;
    pthread_mutex_t smu;
    pthread_cond_t scond;
    uint64_t seq;                /* events published so far */
    char *ring[ATT_SSE_RING];    /* event seq % RING: "id: N\ndata: {...}\n\n" */
    int64_t last_alert_id;
    int poll_now; /* under smu: the writer committed; the poller looks at once */

    att_metrics m;

    pthread_mutex_t cmu; /* the answer cache (cache.c) */
    pthread_t refresher;
    int refresher_up;
    pthread_mutex_t heavy_mu; /* one aggregate computed at a time; the rest wait and read the cache */
    int refresh_now;          /* under smu: a commit came; the refresher recomputes (cache.c) */
    struct {
        char key[48];
        char *body;
        size_t len;
        double at; /* monotonic seconds */
    } cache[8];
} att_server;

/* Free the calling thread's caches of the text stages (normalize,
 * segment) before it ends (http.c). */
void att_serve_thread_end(void);

/* Responses (http.c). */
void att_resp_json(att_resp *r, unsigned status, char *text); /* takes text */
void att_resp_error(att_resp *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The read-store pool (http.c): NULL (and r set to 503) if none opens. */
att_store *att_pool_get(att_server *sv, att_resp *r);
void att_pool_put(att_server *sv, att_store *s);

/* API (api.c): answer GET path (below /api/v1/) for con into r; returns
 * the endpoint. */
att_endpoint att_api_get(att_server *sv, struct MHD_Connection *con, const char *path, att_resp *r);
/* POST /api/v1/ingest with body (api.c; through the writer queue). */
void att_api_ingest(att_server *sv, struct MHD_Connection *con, const char *body, size_t len, att_resp *r);

/* Writer (writer.c). */
att_status att_writer_start(att_server *sv, char *err, size_t errlen);
/* Queue job and wait for it; ATT_ERR_BUSY-like: returns -1 when the queue
 * is full or the server is stopping (job not run). */
int att_writer_run(att_server *sv, att_job *job);
void att_writer_stop(att_server *sv);

/* Answers of the aggregate endpoints (overview, actors), which read
 * every event or mention (0.5 to 1 s each at 50,000 articles): computed
 * by the refresher thread, every ATT_CACHE_REFRESH seconds and after each
 * commit of the writer (at most once every ATT_CACHE_MIN_GAP seconds), so
 * requests read them ready-made and never wait for one; an answer is at
 * most one recomputation (plus the gap) behind the last commit instead
 * of ATT_CACHE_REFRESH (cache.c). */
#define ATT_CACHE_TTL 90.0
#define ATT_CACHE_REFRESH 30.0
#define ATT_CACHE_MIN_GAP 5.0
/* After the writer committed new rows: the refresher recomputes the
 * cached answers (they are served meanwhile). */
void att_cache_invalidate(att_server *sv);
/* A malloc'd copy of the fresh answer under key, or NULL. */
char *att_cache_get(att_server *sv, const char *key, size_t *len);
void att_cache_put(att_server *sv, const char *key, const char *body, size_t len);
/* Whether a fresh answer is kept under key. */
int att_cache_has(att_server *sv, const char *key);
void att_cache_free(att_server *sv);
/* The refresher thread (started after the poller; stopped with it). */
int att_cache_start(att_server *sv);
void att_cache_stop(att_server *sv);
/* Recompute the cached answers the dashboard asks for (api.c). */
void att_api_refresh(att_server *sv, att_store *s);

/* Free what the API keeps for the server's life (the actor names); called
 * once every connection has ended. */
void att_api_shutdown(void);
double att_now(void);

/* Alert stream (sse.c). */
att_status att_sse_start(att_server *sv, char *err, size_t errlen);
void att_sse_stop(att_server *sv);
struct MHD_Response *att_sse_response(att_server *sv, int64_t after_id);

/* Embedded dashboard files (assets.c): the file for a URL path ("/" is
 * the index), NULL if none; *type its MIME type. */
const char *att_asset(const char *path, size_t *len, const char **type);

/* Metrics (metrics.c). */
void att_metrics_init(att_metrics *m);
void att_metrics_free(att_metrics *m);
void att_metrics_observe(att_metrics *m, att_endpoint ep, unsigned status, double seconds);
/* Prometheus text into r (reads totals through a pooled store). */
void att_metrics_render(att_server *sv, att_resp *r);

#endif
