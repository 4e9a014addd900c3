/* cache.c - the answer cache of the aggregate endpoints; see serve_int.h. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve_int.h"

#define N_SLOTS (sizeof ((att_server *)0)->cache / sizeof ((att_server *)0)->cache[0])

double att_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

char *att_cache_get(att_server *sv, const char *key, size_t *len)
{
    char *out = NULL;
    double now = att_now();
    pthread_mutex_lock(&sv->cmu);
    for (size_t i = 0; i < N_SLOTS; i++)
        if (sv->cache[i].body && !strcmp(sv->cache[i].key, key) && now - sv->cache[i].at < ATT_CACHE_TTL) {
            if ((out = malloc(sv->cache[i].len + 1))) {
                memcpy(out, sv->cache[i].body, sv->cache[i].len + 1);
                *len = sv->cache[i].len;
            }
            break;
        }
    pthread_mutex_unlock(&sv->cmu);
    return out;
}

int att_cache_has(att_server *sv, const char *key)
{
    int has = 0;
    double now = att_now();
    pthread_mutex_lock(&sv->cmu);
    for (size_t i = 0; i < N_SLOTS && !has; i++)
        has = sv->cache[i].body && !strcmp(sv->cache[i].key, key) && now - sv->cache[i].at < ATT_CACHE_TTL;
    pthread_mutex_unlock(&sv->cmu);
    return has;
}

void att_cache_invalidate(att_server *sv)
{
    pthread_mutex_lock(&sv->smu);
    sv->refresh_now = 1;
    pthread_cond_broadcast(&sv->scond);
    pthread_mutex_unlock(&sv->smu);
}

void att_cache_put(att_server *sv, const char *key, const char *body, size_t len)
{
    if (strlen(key) >= sizeof sv->cache[0].key)
        return;
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, body, len);
    copy[len] = '\0';
    pthread_mutex_lock(&sv->cmu);
    size_t slot = 0; /* the same key, else an empty slot, else the oldest */
    for (size_t i = 0; i < N_SLOTS; i++) {
        if (sv->cache[i].body && !strcmp(sv->cache[i].key, key)) {
            slot = i;
            break;
        }
        if (!sv->cache[i].body || (sv->cache[slot].body && sv->cache[i].at < sv->cache[slot].at))
            slot = i;
    }
    free(sv->cache[slot].body);
    strcpy(sv->cache[slot].key, key);
    sv->cache[slot].body = copy;
    sv->cache[slot].len = len;
    sv->cache[slot].at = att_now();
    pthread_mutex_unlock(&sv->cmu);
}

static void *refresher_main(void *arg)
{
    att_server *sv = arg;
    while (!sv->stopping) {
        att_store *s = att_pool_get(sv, NULL);
        if (s)
            att_api_refresh(sv, s);
        att_pool_put(sv, s);
        double last = att_now(), until = last + ATT_CACHE_REFRESH;
        pthread_mutex_lock(&sv->smu); /* woken early by the stop and by a commit (att_cache_invalidate) */
        /* the next refresh: ATT_CACHE_REFRESH after this one, or
         * ATT_CACHE_MIN_GAP after it when a commit came */
        while (!sv->stopping && att_now() < until && !(sv->refresh_now && att_now() >= last + ATT_CACHE_MIN_GAP)) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec += 1;
            pthread_cond_timedwait(&sv->scond, &sv->smu, &ts);
        }
        sv->refresh_now = 0;
        pthread_mutex_unlock(&sv->smu);
    }
    att_serve_thread_end();
    return NULL;
}

int att_cache_start(att_server *sv)
{
    if (pthread_create(&sv->refresher, NULL, refresher_main, sv) != 0)
        return -1;
    sv->refresher_up = 1;
    return 0;
}

void att_cache_stop(att_server *sv)
{
    if (sv->refresher_up) {
        pthread_join(sv->refresher, NULL); /* stopping is set and broadcast by att_sse_stop */
        sv->refresher_up = 0;
    }
}

void att_cache_free(att_server *sv)
{
    for (size_t i = 0; i < N_SLOTS; i++) {
        free(sv->cache[i].body);
        sv->cache[i].body = NULL;
    }
}
