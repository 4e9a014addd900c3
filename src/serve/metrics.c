/* metrics.c - request counts and latency histograms per endpoint, ingest
 * counters and store totals, in the Prometheus text format. */
#include <stdlib.h>
#include <string.h>

#include "../query/query.h"
#include "../util/buf.h"
#include "serve_int.h"

const char *const att_endpoint_names[ATT_EP_N] = {
    "search", "article", "events", "dyads", "timeline", "stories", "story", "actors", "actor", "quotes",
    "commitments", "alerts", "alerts_stream", "ingest", "overview", "healthz", "metrics", "openapi", "asset", "other"};

static const double bounds[ATT_LAT_BUCKETS - 1] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1.0,  5.0};

void att_metrics_init(att_metrics *m)
{
    memset(m, 0, sizeof *m);
    pthread_mutex_init(&m->mu, NULL);
}

void att_metrics_free(att_metrics *m) { pthread_mutex_destroy(&m->mu); }

void att_metrics_observe(att_metrics *m, att_endpoint ep, unsigned status, double seconds)
{
    unsigned cls = status / 100;
    if (cls < 1 || cls > 5)
        cls = 5;
    pthread_mutex_lock(&m->mu);
    m->requests[ep][cls - 1]++;
    if (seconds >= 0) {
        int b = 0;
        while (b < ATT_LAT_BUCKETS - 1 && seconds > bounds[b])
            b++;
        m->lat[ep][b]++;
        m->lat_sum[ep] += seconds;
    }
    pthread_mutex_unlock(&m->mu);
}

void att_metrics_render(att_server *sv, att_resp *r)
{
    att_metrics m;
    pthread_mutex_lock(&sv->m.mu);
    memcpy(&m, &sv->m, sizeof m);
    pthread_mutex_unlock(&sv->m.mu);
    att_buf b = ATT_BUF_INIT;
    att_store *s = att_pool_get(sv, NULL);
    att_totals t;
    char err[512];
    if (s && att_query_totals(s, &t, err, sizeof err) == ATT_OK) {
        att_buf_printf(&b, "# HELP attache_articles Articles stored.\n# TYPE attache_articles gauge\n"
                           "attache_articles %lld\n", (long long)t.articles);
        att_buf_printf(&b, "# HELP attache_events Coded events (without copies).\n# TYPE attache_events gauge\n"
                           "attache_events %lld\n", (long long)t.events);
        att_buf_printf(&b, "# HELP attache_stories Story clusters.\n# TYPE attache_stories gauge\n"
                           "attache_stories %lld\n", (long long)t.stories);
        att_buf_printf(&b, "# HELP attache_alerts Alerts raised.\n# TYPE attache_alerts gauge\n"
                           "attache_alerts %lld\n", (long long)t.alerts);
    }
    att_pool_put(sv, s);
    att_buf_printf(&b, "# HELP attache_ingest_documents_total Documents received by POST /api/v1/ingest.\n"
                       "# TYPE attache_ingest_documents_total counter\nattache_ingest_documents_total %llu\n",
                   (unsigned long long)m.ingest_docs);
    att_buf_printf(&b, "# HELP attache_ingest_articles_total New articles stored by this server, POST ingest and"
                       " follow rounds (rate() of it is the ingest rate).\n# TYPE attache_ingest_articles_total counter\n"
                       "attache_ingest_articles_total %llu\n", (unsigned long long)m.ingest_stored);
    att_buf_printf(&b, "# HELP attache_follow_rounds_total Acquisition rounds run by serve --follow.\n"
                       "# TYPE attache_follow_rounds_total counter\nattache_follow_rounds_total %llu\n",
                   (unsigned long long)m.rounds);
    att_buf_printf(&b, "# HELP attache_follow_rounds_failed_total Rounds that failed.\n"
                       "# TYPE attache_follow_rounds_failed_total counter\nattache_follow_rounds_failed_total %llu\n",
                   (unsigned long long)m.rounds_failed);
    att_buf_printf(&b, "# HELP attache_follow_pages_total Pages fetched by the follow rounds.\n"
                       "# TYPE attache_follow_pages_total counter\nattache_follow_pages_total %llu\n",
                   (unsigned long long)m.round_pages);
    att_buf_printf(&b, "# HELP attache_follow_articles_total New articles stored by the follow rounds (also in"
                       " attache_ingest_articles_total).\n# TYPE attache_follow_articles_total counter\n"
                       "attache_follow_articles_total %llu\n", (unsigned long long)m.round_stored);
    att_buf_printf(&b, "# HELP attache_ingest_bytes_total Bytes ingested.\n# TYPE attache_ingest_bytes_total counter\n"
                       "attache_ingest_bytes_total %llu\n", (unsigned long long)m.ingest_bytes);
    att_buf_printf(&b, "# HELP attache_alert_streams Open alert streams.\n# TYPE attache_alert_streams gauge\n"
                       "attache_alert_streams %llu\n", (unsigned long long)m.sse_clients);
    att_buf_puts(&b, "# HELP attache_http_requests_total HTTP requests by endpoint and status class.\n"
                     "# TYPE attache_http_requests_total counter\n");
    for (int e = 0; e < ATT_EP_N; e++)
        for (int c = 0; c < 5; c++)
            if (m.requests[e][c])
                att_buf_printf(&b, "attache_http_requests_total{endpoint=\"%s\",code=\"%dxx\"} %llu\n",
                               att_endpoint_names[e], c + 1, (unsigned long long)m.requests[e][c]);
    att_buf_puts(&b, "# HELP attache_http_request_seconds Request latency by endpoint.\n"
                     "# TYPE attache_http_request_seconds histogram\n");
    for (int e = 0; e < ATT_EP_N; e++) {
        uint64_t cum = 0;
        for (int k = 0; k < ATT_LAT_BUCKETS; k++)
            cum += m.lat[e][k];
        if (!cum)
            continue;
        uint64_t total = cum;
        cum = 0;
        for (int k = 0; k < ATT_LAT_BUCKETS; k++) {
            cum += m.lat[e][k];
            if (k < ATT_LAT_BUCKETS - 1)
                att_buf_printf(&b, "attache_http_request_seconds_bucket{endpoint=\"%s\",le=\"%g\"} %llu\n",
                               att_endpoint_names[e], bounds[k], (unsigned long long)cum);
            else
                att_buf_printf(&b, "attache_http_request_seconds_bucket{endpoint=\"%s\",le=\"+Inf\"} %llu\n",
                               att_endpoint_names[e], (unsigned long long)cum);
        }
        att_buf_printf(&b, "attache_http_request_seconds_sum{endpoint=\"%s\"} %.6f\n", att_endpoint_names[e],
                       m.lat_sum[e]);
        att_buf_printf(&b, "attache_http_request_seconds_count{endpoint=\"%s\"} %llu\n", att_endpoint_names[e],
                       (unsigned long long)total);
    }
    r->status = 200;
    r->len = b.len;
    r->body = att_buf_steal(&b);
    r->type = "text/plain; version=0.0.4; charset=utf-8";
}
