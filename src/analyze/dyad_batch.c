/* dyad_batch.c - dyad aggregates of a transaction, written at COMMIT; see dyad_batch.h. */
#include "dyad_batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "analyze.h"
#include "hash_mix.h"

typedef struct row {
    int level;
    char x[16], y[16];
    int32_t period;
    int64_t n, q[4];
    double gsum, tsum;
    int64_t *stories; /* distinct stories of this row in the batch */
    size_t n_stories, cap_stories;
} row;

struct att_dyad_batch {
    row *rows;          /* in the order first added */
    size_t n, cap;
    uint32_t *slots;    /* open addressing: index + 1 into rows, 0 = empty */
    size_t n_slots;     /* a power of two, at least twice n */
};

att_dyad_batch *att_dyad_batch_new(void) { return calloc(1, sizeof(att_dyad_batch)); }

void att_dyad_batch_clear(att_dyad_batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->rows[i].stories);
    b->n = 0;
    if (b->slots)
        memset(b->slots, 0, b->n_slots * sizeof *b->slots);
}

void att_dyad_batch_free(att_dyad_batch *b)
{
    if (!b)
        return;
    att_dyad_batch_clear(b);
    free(b->rows);
    free(b->slots);
    free(b);
}

size_t att_dyad_batch_pending(const att_dyad_batch *b) { return b->n; }

static uint64_t key_hash(int level, const char *x, const char *y, int32_t period)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)level ^ ((uint64_t)(uint32_t)period << 8);
    for (const char *p = x; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ '|') * 1099511628211ull;
    for (const char *p = y; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return fmix64(h);
}

static int grow_slots(att_dyad_batch *b)
{
    size_t ns = b->n_slots ? b->n_slots * 2 : 1024;
    uint32_t *s = calloc(ns, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < b->n; i++) {
        const row *r = &b->rows[i];
        size_t k = key_hash(r->level, r->x, r->y, r->period) & (ns - 1);
        while (s[k])
            k = (k + 1) & (ns - 1);
        s[k] = (uint32_t)(i + 1);
    }
    free(b->slots);
    b->slots = s;
    b->n_slots = ns;
    return 0;
}

/* The row of this key, created if new; NULL when out of memory. */
static row *find_row(att_dyad_batch *b, int level, const char *x, const char *y, int32_t period)
{
    if ((b->n + 1) * 2 > b->n_slots && grow_slots(b) != 0)
        return NULL;
    size_t k = key_hash(level, x, y, period) & (b->n_slots - 1);
    for (; b->slots[k]; k = (k + 1) & (b->n_slots - 1)) {
        row *r = &b->rows[b->slots[k] - 1];
        if (r->level == level && r->period == period && !strcmp(r->x, x) && !strcmp(r->y, y))
            return r;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 512;
        row *v = realloc(b->rows, cap * sizeof *v);
        if (!v)
            return NULL;
        b->rows = v;
        b->cap = cap;
    }
    row *r = &b->rows[b->n];
    memset(r, 0, sizeof *r);
    r->level = level;
    snprintf(r->x, sizeof r->x, "%s", x);
    snprintf(r->y, sizeof r->y, "%s", y);
    r->period = period;
    b->slots[k] = (uint32_t)(++b->n);
    return r;
}

static int add_story(row *r, int64_t story)
{
    for (size_t i = 0; i < r->n_stories; i++)
        if (r->stories[i] == story)
            return 0;
    if (r->n_stories == r->cap_stories) {
        size_t cap = r->cap_stories ? r->cap_stories * 2 : 2;
        int64_t *v = realloc(r->stories, cap * sizeof *v);
        if (!v)
            return -1;
        r->stories = v;
        r->cap_stories = cap;
    }
    r->stories[r->n_stories++] = story;
    return 0;
}

att_status att_dyad_batch_add(att_dyad_batch *b, const char *a1, const char *a2, int32_t day, int quad,
                              double goldstein, double tone, int64_t story)
{
    int32_t periods[3] = {day, att_period_start(1, day), att_period_start(2, day)};
    /* levels 0-2: directed (a1 -> a2) by day/week/month; levels 3-5: the
     * same periods undirected (a1 < a2), so "how is A-B going" reads one
     * primary-key range instead of merging both directions at query time */
    for (int level = 0; level < 6; level++) {
        const char *x = a1, *y = a2;
        if (level >= 3 && strcmp(a1, a2) > 0) {
            x = a2;
            y = a1;
        }
        row *r = find_row(b, level, x, y, periods[level % 3]);
        if (!r || add_story(r, story) != 0)
            return ATT_ERR_NOMEM;
        r->n++;
        if (quad >= 1 && quad <= 4)
            r->q[quad - 1]++;
        r->gsum += goldstein;
        r->tsum += tone;
    }
    return ATT_OK;
}

static att_status dberr(att_store *s, char *err, size_t errlen, const char *what)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "%s: %s", what, sqlite3_errmsg(att_store_db(s)));
}

/* Step a cached statement with its parameters bound; sqlite3_changes() or -1. */
static int step_changes(att_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? sqlite3_changes(att_store_db(s)) : -1;
}

att_status att_dyad_batch_flush(att_dyad_batch *b, att_store *s, char *err, size_t errlen)
{
    if (!b->n)
        return ATT_OK;
    sqlite3_stmt *pair = att_store_stmt(s, "INSERT OR IGNORE INTO dyad_agg_stories(level, a1, a2, period, story_id)"
                                           " VALUES(?1, ?2, ?3, ?4, ?5)");
    sqlite3_stmt *agg = att_store_stmt(s, "INSERT INTO dyad_agg(level, a1, a2, period, n, q1, q2, q3, q4, goldstein_sum,"
                                          " tone_sum, n_stories) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                                          " ON CONFLICT(level, a1, a2, period) DO UPDATE SET n = n + ?5, q1 = q1 + ?6,"
                                          " q2 = q2 + ?7, q3 = q3 + ?8, q4 = q4 + ?9, goldstein_sum = goldstein_sum + ?10,"
                                          " tone_sum = tone_sum + ?11, n_stories = n_stories + ?12");
    sqlite3_stmt *list = att_store_stmt(s, "INSERT OR IGNORE INTO dyad_list(level, a1, a2) VALUES(?1, ?2, ?3)");
    if (!pair || !agg || !list)
        return dberr(s, err, errlen, "updating dyad aggregates");
    for (size_t i = 0; i < b->n; i++) {
        const row *r = &b->rows[i];
        int64_t fresh = 0;
        for (size_t k = 0; k < r->n_stories; k++) {
            sqlite3_bind_int(pair, 1, r->level);
            sqlite3_bind_text(pair, 2, r->x, -1, SQLITE_STATIC);
            sqlite3_bind_text(pair, 3, r->y, -1, SQLITE_STATIC);
            sqlite3_bind_int(pair, 4, r->period);
            sqlite3_bind_int64(pair, 5, r->stories[k]);
            int c = step_changes(s, pair);
            if (c < 0)
                return dberr(s, err, errlen, "updating dyad aggregates");
            fresh += c;
        }
        sqlite3_bind_int(agg, 1, r->level);
        sqlite3_bind_text(agg, 2, r->x, -1, SQLITE_STATIC);
        sqlite3_bind_text(agg, 3, r->y, -1, SQLITE_STATIC);
        sqlite3_bind_int(agg, 4, r->period);
        sqlite3_bind_int64(agg, 5, r->n);
        for (int q = 0; q < 4; q++)
            sqlite3_bind_int64(agg, 6 + q, r->q[q]);
        sqlite3_bind_double(agg, 10, r->gsum);
        sqlite3_bind_double(agg, 11, r->tsum);
        sqlite3_bind_int64(agg, 12, fresh);
        if (step_changes(s, agg) < 0)
            return dberr(s, err, errlen, "updating dyad aggregates");
        /* The level lists (schema 10): a dyad can be new to the list only
         * with a new (period, story) pair; a dyad new at the day level (0
         * or 3) is new at its week and month levels too, and is listed at
         * all three at once. */
        if (r->level % 3 == 0 && fresh > 0) {
            for (int up = 0; up < 3; up++) {
                sqlite3_bind_int(list, 1, r->level + up);
                sqlite3_bind_text(list, 2, r->x, -1, SQLITE_STATIC);
                sqlite3_bind_text(list, 3, r->y, -1, SQLITE_STATIC);
                int c = step_changes(s, list);
                if (c < 0)
                    return dberr(s, err, errlen, "listing the dyad");
                if (c == 0)
                    break;
            }
        }
    }
    att_dyad_batch_clear(b);
    return ATT_OK;
}
