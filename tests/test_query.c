/* test_query.c - the query layer: cursors, and keyset pages that cover a
 * list exactly once (stories, alerts) over a small database built here. */
#include "test_util.h"

#include <sqlite3.h>
#include <unistd.h>

#include "../src/query/query.h"
#include "../src/query/query_json.h"

static void test_cursor_round_trip(void **state)
{
    (void)state;
    int64_t key[3] = {12, -5, 9007199254740993LL};
    char text[80];
    att_cursor_encode(key, 3, text, sizeof text);
    assert_string_equal(text, "12.-5.9007199254740993");
    att_page p = {0, 0, {0}};
    assert_int_equal(att_cursor_decode(text, 3, &p), 0);
    assert_int_equal(p.n_after, 3);
    assert_true(p.after[0] == 12 && p.after[1] == -5 && p.after[2] == 9007199254740993LL);
}

static void test_cursor_rejects(void **state)
{
    (void)state;
    static const char *bad[] = {"", "1", "1.2.3.4", "1..2", "a.b", "1.2x", " 1.2", "1.2.", ".1.2", "1.+2", NULL};
    for (int i = 0; bad[i]; i++) {
        att_page p = {0, 0, {0}};
        if (att_cursor_decode(bad[i], 2, &p) == 0)
            fail_msg("cursor '%s' was accepted for 2 keys", bad[i]);
        assert_int_equal(p.n_after, 0);
    }
    att_page p = {0, 0, {0}};
    assert_int_equal(att_cursor_decode(NULL, 2, &p), -1);
    assert_int_equal(att_cursor_decode("1.2", 4, &p), -1); /* more keys than a page holds */
}

typedef struct ids {
    int64_t v[64];
    int n;
    int64_t key[3];
    int nkey;
} ids;

static int story_id(void *ctx, const att_story_row *r)
{
    ids *x = ctx;
    x->v[x->n++] = r->id;
    memcpy(x->key, r->key, sizeof r->key);
    x->nkey = 3;
    return x->n >= 64;
}

static int alert_id(void *ctx, const att_alert_row *r)
{
    ids *x = ctx;
    x->v[x->n++] = r->id;
    x->key[0] = r->key[0];
    x->key[1] = r->key[1];
    x->nkey = 2;
    return x->n >= 64;
}

static void test_pages_cover_once(void **state)
{
    (void)state;
    char path[] = "/tmp/attache-test-query-XXXXXX", db[64], err[512];
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    snprintf(db, sizeof db, "%s.db", path);
    att_store *s;
    assert_int_equal(att_store_open(db, &s, err, sizeof err), ATT_OK);
    /* 23 stories with ties in (n_articles, last_day); 17 alerts on 4 days */
    for (int i = 0; i < 23; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "INSERT INTO stories(title, first_day, last_day, n_articles, n_sources)"
                                  " VALUES('s%d', 100, %d, %d, 1)", i, 100 + i % 3, 1 + i % 4);
        assert_int_equal(sqlite3_exec(att_store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
    }
    for (int i = 0; i < 17; i++) {
        char sql[300];
        snprintf(sql, sizeof sql, "INSERT INTO alerts(kind, subject, actors, day, score, summary, evidence, episode,"
                                  " created_at) VALUES('dyad_shift', 'A|B', 'A|B', %d, 1, 's', '{}', 'e%d', '')",
                 200 + (i * 7) % 4, i);
        assert_int_equal(sqlite3_exec(att_store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
    }
    for (int size = 1; size <= 9; size += 4) {
        ids all = {{0}, 0, {0}, 0}, paged = {{0}, 0, {0}, 0};
        assert_int_equal(att_query_stories(s, NULL, story_id, &all, err, sizeof err), ATT_OK);
        assert_int_equal(all.n, 23);
        att_page p = {size, 0, {0}};
        for (int guard = 0; guard < 40; guard++) {
            ids page = {{0}, 0, {0}, 0};
            assert_int_equal(att_query_stories(s, &p, story_id, &page, err, sizeof err), ATT_OK);
            for (int k = 0; k < page.n; k++)
                paged.v[paged.n++] = page.v[k];
            if (page.n < size)
                break;
            char cur[80];
            att_cursor_encode(page.key, 3, cur, sizeof cur);
            assert_int_equal(att_cursor_decode(cur, 3, &p), 0);
        }
        assert_int_equal(paged.n, all.n);
        assert_memory_equal(paged.v, all.v, sizeof(int64_t) * (size_t)all.n);

        ids aall = {{0}, 0, {0}, 0}, apaged = {{0}, 0, {0}, 0};
        assert_int_equal(att_query_alerts(s, INT32_MIN, NULL, alert_id, &aall, err, sizeof err), ATT_OK);
        assert_int_equal(aall.n, 17);
        att_page ap = {size, 0, {0}};
        for (int guard = 0; guard < 40; guard++) {
            ids page = {{0}, 0, {0}, 0};
            assert_int_equal(att_query_alerts(s, INT32_MIN, &ap, alert_id, &page, err, sizeof err), ATT_OK);
            for (int k = 0; k < page.n; k++)
                apaged.v[apaged.n++] = page.v[k];
            if (page.n < size)
                break;
            ap.n_after = 2;
            ap.after[0] = page.key[0];
            ap.after[1] = page.key[1];
        }
        assert_int_equal(apaged.n, aall.n);
        assert_memory_equal(apaged.v, aall.v, sizeof(int64_t) * (size_t)aall.n);
    }
    /* since: only the later days; one story by id; a missing one */
    ids later = {{0}, 0, {0}, 0};
    assert_int_equal(att_query_alerts(s, 202, NULL, alert_id, &later, err, sizeof err), ATT_OK);
    assert_true(later.n > 0 && later.n < 17);
    ids one = {{0}, 0, {0}, 0};
    assert_int_equal(att_query_story(s, 5, story_id, &one, err, sizeof err), ATT_OK);
    assert_int_equal(one.n, 1);
    assert_int_equal(att_query_story(s, 999, story_id, &one, err, sizeof err), ATT_ERR_NOTFOUND);
    int64_t max = 0;
    assert_int_equal(att_query_max_alert_id(s, &max, err, sizeof err), ATT_OK);
    assert_int_equal(max, 17);
    att_store_close(s);
    unlink(db);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cursor_round_trip),
        cmocka_unit_test(test_cursor_rejects),
        cmocka_unit_test(test_pages_cover_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
