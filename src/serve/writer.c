/* writer.c - the one thread that writes: POST ingest jobs from a queue,
 * and the periodic round (follow) when configured; see serve.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "serve_int.h"

/* After a commit that stored something: the cached aggregates are out of
 * date (cache.c recomputes them), and the alert poller looks at once
 * (sse.c), so a new alert does not wait for its next tick. */
static void committed(att_server *sv, const att_serve_ingest_result *r)
{
    if (!r->stored && !r->alerts)
        return;
    att_cache_invalidate(sv);
    pthread_mutex_lock(&sv->smu);
    sv->poll_now = 1;
    pthread_cond_broadcast(&sv->scond);
    pthread_mutex_unlock(&sv->smu);
}

static void run_job(att_server *sv, att_job *j)
{
    memset(&j->res, 0, sizeof j->res);
    if (sv->ingest_delay_ms) { /* ATTACHE_SERVE_INGEST_DELAY_MS: tests hold a job in the writer */
        struct timespec ts = {(time_t)(sv->ingest_delay_ms / 1000), (long)(sv->ingest_delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    j->st = sv->cfg.ingest ? sv->cfg.ingest(sv->cfg.ingest_ctx, sv->w, j->name, j->data, j->len, j->kind, &j->res)
                           : ATT_ERR_USAGE;
    pthread_mutex_lock(&sv->m.mu);
    sv->m.ingest_docs += j->res.read;
    sv->m.ingest_stored += j->res.stored;
    sv->m.ingest_bytes += j->len;
    pthread_mutex_unlock(&sv->m.mu);
    committed(sv, &j->res);
}

/* One periodic round (follow): its pages and new articles are counted
 * like POST ingest's, and in the rounds' own counters. */
static void run_round(att_server *sv)
{
    char err[512] = "";
    att_serve_ingest_result res;
    memset(&res, 0, sizeof res);
    att_status st = sv->cfg.round(sv->cfg.round_ctx, sv->w, &res, err, sizeof err);
    if (st != ATT_OK)
        fprintf(sv->cfg.log, "attache: serve: round: %s\n", err);
    pthread_mutex_lock(&sv->m.mu);
    sv->m.rounds++;
    sv->m.rounds_failed += st != ATT_OK;
    sv->m.round_pages += res.read;
    sv->m.round_stored += res.stored;
    sv->m.ingest_stored += res.stored;
    pthread_mutex_unlock(&sv->m.mu);
    committed(sv, &res);
}

static void *writer_main(void *arg)
{
    att_server *sv = arg;
    struct timespec next; /* the first round runs at once */
    clock_gettime(CLOCK_REALTIME, &next);
    pthread_mutex_lock(&sv->wmu);
    for (;;) {
        while (!sv->head && !sv->stopping) {
            if (sv->cfg.round) {
                if (pthread_cond_timedwait(&sv->wcond, &sv->wmu, &next) == ETIMEDOUT)
                    break;
            } else {
                pthread_cond_wait(&sv->wcond, &sv->wmu);
            }
        }
        att_job *j = sv->head;
        if (j) {
            sv->head = j->next;
            if (!sv->head)
                sv->tail = NULL;
            sv->queued--;
            pthread_mutex_unlock(&sv->wmu);
            run_job(sv, j);
            pthread_mutex_lock(&sv->wmu);
            j->done = 1;
            pthread_cond_broadcast(&sv->wdone);
            continue;
        }
        if (sv->stopping)
            break;
        /* the periodic round */
        pthread_mutex_unlock(&sv->wmu);
        run_round(sv);
        clock_gettime(CLOCK_REALTIME, &next);
        next.tv_sec += sv->cfg.round_seconds ? sv->cfg.round_seconds : 3600;
        pthread_mutex_lock(&sv->wmu);
    }
    pthread_mutex_unlock(&sv->wmu);
    att_serve_thread_end();
    return NULL;
}

att_status att_writer_start(att_server *sv, char *err, size_t errlen)
{
    att_status st = att_store_open(sv->cfg.db_path, &sv->w, err, errlen);
    if (st != ATT_OK)
        return st;
    if (pthread_create(&sv->writer, NULL, writer_main, sv) != 0) {
        att_store_close(sv->w);
        sv->w = NULL;
        return att_seterr(err, errlen, ATT_ERR_IO, "serve: cannot start the writer thread");
    }
    sv->writer_up = 1;
    return ATT_OK;
}

int att_writer_run(att_server *sv, att_job *job)
{
    pthread_mutex_lock(&sv->wmu);
    if (sv->stopping || sv->queued >= sv->queue_max || !sv->writer_up) {
        pthread_mutex_unlock(&sv->wmu);
        return -1;
    }
    job->next = NULL;
    job->done = 0;
    if (sv->tail)
        sv->tail->next = job;
    else
        sv->head = job;
    sv->tail = job;
    sv->queued++;
    pthread_cond_signal(&sv->wcond);
    while (!job->done)
        pthread_cond_wait(&sv->wdone, &sv->wmu);
    pthread_mutex_unlock(&sv->wmu);
    return 0;
}

void att_writer_stop(att_server *sv)
{
    if (sv->writer_up) {
        pthread_mutex_lock(&sv->wmu);
        sv->stopping = 1;
        pthread_cond_broadcast(&sv->wcond);
        pthread_mutex_unlock(&sv->wmu);
        pthread_join(sv->writer, NULL);
        sv->writer_up = 0;
    }
    att_store_close(sv->w);
    sv->w = NULL;
}
