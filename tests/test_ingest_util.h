/* test_ingest_util.h - helpers for tests that ingest files: write an input
 * file, ingest a path into a database, collect the rejection lines.
 * Header-only (static inline), for test programs; failures are cmocka
 * assertion failures. */
#ifndef ATT_TEST_INGEST_UTIL_H
#define ATT_TEST_INGEST_UTIL_H

#include "test_util.h"

#include "../src/ingest/ingest.h"
#include "../src/store/store.h"

/* The rejection lines of a run: the first TEST_MAX_REJECTS kept, every
 * one counted in n. */
#define TEST_MAX_REJECTS 16
typedef struct test_rejects {
    char msg[TEST_MAX_REJECTS][512];
    int n;
} test_rejects;

/* att_reject_cb collecting into the test_rejects given as ctx. */
static inline void test_on_reject(void *ctx, const char *msg)
{
    test_rejects *r = ctx;
    if (r->n < TEST_MAX_REJECTS)
        snprintf(r->msg[r->n], sizeof r->msg[0], "%s", msg);
    r->n++;
}

/* The first kept rejection line containing needle, or NULL. */
static inline const char *test_find_reject(const test_rejects *r, const char *needle)
{
    for (int i = 0; i < r->n && i < TEST_MAX_REJECTS; i++)
        if (strstr(r->msg[i], needle))
            return r->msg[i];
    return NULL;
}

/* Write n bytes of data to DIR/NAME. */
static inline void test_write_file(const char *dir, const char *name, const void *data, size_t n)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* Ingest path into the database at db (with an article hook if given),
 * rejections collected into r; the run's totals. */
static inline att_ingest_stats test_ingest(const char *db, const char *path, att_article_hook hook, test_rejects *r)
{
    att_store *s;
    att_ingester *g;
    char err[256] = "";
    assert_int_equal(att_store_open(db, &s, err, sizeof err), ATT_OK);
    assert_int_equal(att_ingester_new(s, &g), ATT_OK);
    att_ingester_on_reject(g, test_on_reject, r);
    if (hook)
        att_ingester_on_article(g, hook, NULL);
    assert_int_equal(att_ingest_path(g, path, err, sizeof err), ATT_OK);
    att_ingest_stats st;
    assert_int_equal(att_ingester_finish(g, &st, err, sizeof err), ATT_OK);
    att_ingester_free(g);
    att_store_close(s);
    return st;
}

#endif
