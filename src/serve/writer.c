/* writer.c - the one thread that writes: POST ingest jobs from a queue,
 * and the periodic round (follow) when configured; see serve.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "serve_int.h"

/* Jobs waiting beyond this answer 429. */
#define MAX_QUEUED 16

static void run_job(att_server *sv, att_job *j)
{
    memset(&j->res, 0, sizeof j->res);
    j->st = sv->cfg.ingest ? sv->cfg.ingest(sv->cfg.ingest_ctx, sv->w, j->name, j->data, j->len, j->kind, &j->res)
                           : ATT_ERR_USAGE;
    pthread_mutex_lock(&sv->m.mu);
    sv->m.ingest_docs += j->res.read;
    sv->m.ingest_stored += j->res.stored;
    sv->m.ingest_bytes += j->len;
    pthread_mutex_unlock(&sv->m.mu);
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
        char err[512] = "";
        if (sv->cfg.round(sv->cfg.round_ctx, sv->w, err, sizeof err) != ATT_OK)
            fprintf(sv->cfg.log, "attache: serve: round: %s\n", err);
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
    if (sv->stopping || sv->queued >= MAX_QUEUED || !sv->writer_up) {
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
