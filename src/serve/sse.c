/* sse.c - the live alert stream: one poller thread reads the alerts
 * table's largest id every 250 ms and publishes new alerts into a ring;
 * every open /api/v1/alerts/stream connection (its own thread) waits on
 * the ring and writes what is new as Server-Sent Events.  A commit of
 * the writer wakes the poller at once (writer.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../query/query_json.h"
#include "../util/buf.h"
#include "serve_int.h"

#define POLL_MS 250
#define HEARTBEAT_S 15

static int format_alert(void *ctx, const att_alert_row *r)
{
    att_buf *b = ctx;
    char *js = att_json_text(att_alert_json(r));
    if (js)
        att_buf_printf(b, "id: %lld\nevent: alert\ndata: %s\n\n", (long long)r->id, js);
    free(js);
    return 0;
}

typedef struct pub_ctx {
    att_server *sv;
} pub_ctx;

static int publish(void *ctx, const att_alert_row *r)
{
    att_server *sv = ((pub_ctx *)ctx)->sv;
    att_buf b = ATT_BUF_INIT;
    format_alert(&b, r);
    char *text = att_buf_steal(&b);
    if (!text)
        return 0;
    pthread_mutex_lock(&sv->smu);
    size_t slot = sv->seq % ATT_SSE_RING;
    free(sv->ring[slot]);
    sv->ring[slot] = text;
    sv->seq++;
    if (r->id > sv->last_alert_id)
        sv->last_alert_id = r->id;
    pthread_cond_broadcast(&sv->scond);
    pthread_mutex_unlock(&sv->smu);
    return 0;
}

static void *poller_main(void *arg)
{
    att_server *sv = arg;
    att_store *s = NULL;
    char err[512];
    while (!sv->stopping) {
        if (!s)
            s = att_pool_get(sv, NULL);
        int64_t max = 0;
        if (s && att_query_max_alert_id(s, &max, err, sizeof err) == ATT_OK && max > sv->last_alert_id) {
            pub_ctx pc = {sv};
            att_query_alerts_after_id(s, sv->last_alert_id, 200, publish, &pc, err, sizeof err);
        }
        pthread_mutex_lock(&sv->smu);
        if (!sv->stopping && !sv->poll_now) { /* the writer's commit wakes it (writer.c) */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += POLL_MS * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&sv->scond, &sv->smu, &ts);
        }
        sv->poll_now = 0;
        pthread_mutex_unlock(&sv->smu);
    }
    att_pool_put(sv, s);
    att_serve_thread_end();
    return NULL;
}

att_status att_sse_start(att_server *sv, char *err, size_t errlen)
{
    att_store *s = att_pool_get(sv, NULL);
    if (!s)
        return att_seterr(err, errlen, ATT_ERR_DB, "serve: cannot open %s for reading", sv->cfg.db_path);
    att_status st = att_query_max_alert_id(s, &sv->last_alert_id, err, errlen);
    att_pool_put(sv, s);
    if (st != ATT_OK)
        return st;
    if (pthread_create(&sv->poller, NULL, poller_main, sv) != 0)
        return att_seterr(err, errlen, ATT_ERR_IO, "serve: cannot start the alert poller");
    sv->poller_up = 1;
    return ATT_OK;
}

void att_sse_stop(att_server *sv)
{
    pthread_mutex_lock(&sv->smu);
    sv->stopping = 1;
    pthread_cond_broadcast(&sv->scond);
    pthread_mutex_unlock(&sv->smu);
    if (sv->poller_up) {
        pthread_join(sv->poller, NULL);
        sv->poller_up = 0;
    }
}

typedef struct stream {
    att_server *sv;
    uint64_t next;
    char *pending;
    size_t len, off;
} stream;

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    stream *c = cls;
    att_server *sv = c->sv;
    if (c->off >= c->len) {
        free(c->pending);
        c->pending = NULL;
        c->len = c->off = 0;
        pthread_mutex_lock(&sv->smu);
        int timed_out = 0;
        if (c->next == sv->seq && !sv->stopping) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec += HEARTBEAT_S;
            while (c->next == sv->seq && !sv->stopping && !timed_out)
                timed_out = pthread_cond_timedwait(&sv->scond, &sv->smu, &ts) == ETIMEDOUT;
        }
        if (sv->stopping) {
            pthread_mutex_unlock(&sv->smu);
            return MHD_CONTENT_READER_END_OF_STREAM;
        }
        if (c->next < sv->seq) {
            if (sv->seq - c->next > ATT_SSE_RING) /* a client too slow to keep up skips ahead */
                c->next = sv->seq - ATT_SSE_RING;
            c->pending = strdup(sv->ring[c->next % ATT_SSE_RING]);
            c->next++;
        } else {
            c->pending = strdup(": ping\n\n");
        }
        pthread_mutex_unlock(&sv->smu);
        if (!c->pending)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        c->len = strlen(c->pending);
    }
    size_t n = c->len - c->off < max ? c->len - c->off : max;
    memcpy(buf, c->pending + c->off, n);
    c->off += n;
    return (ssize_t)n;
}

static void stream_free(void *cls)
{
    stream *c = cls;
    pthread_mutex_lock(&c->sv->m.mu);
    c->sv->m.sse_clients--;
    pthread_mutex_unlock(&c->sv->m.mu);
    free(c->pending);
    free(c);
}

struct MHD_Response *att_sse_response(att_server *sv, int64_t after_id)
{
    stream *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->sv = sv;
    pthread_mutex_lock(&sv->smu);
    c->next = sv->seq;
    int64_t upto = sv->last_alert_id;
    pthread_mutex_unlock(&sv->smu);
    att_buf b = ATT_BUF_INIT;
    att_buf_puts(&b, "retry: 2000\n: connected\n\n");
    if (after_id >= 0 && after_id < upto) { /* replay what the client missed */
        att_store *s = att_pool_get(sv, NULL);
        char err[512];
        if (s) {
            att_query_alerts_after_id(s, after_id, upto - after_id < 500 ? upto - after_id : 500, format_alert, &b,
                                      err, sizeof err);
            att_pool_put(sv, s);
        }
    }
    c->len = b.len;
    c->pending = att_buf_steal(&b);
    pthread_mutex_lock(&sv->m.mu);
    sv->m.sse_clients++;
    pthread_mutex_unlock(&sv->m.mu);
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, reader, c, stream_free);
    if (!r)
        stream_free(c);
    return r;
}
