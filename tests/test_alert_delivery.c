/* test_alert_delivery.c - alert commands run without a shell, with a
 * timeout, from the outbox after the commit (issue 16). */
#include "test_util.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/analyze/alert_cmd.h"
#include "../src/analyze/alerts.h"
#include "../src/store/store.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    return test_dir_make(dir, sizeof dir, "alertd", NULL);
}

static int teardown(void **state)
{
    (void)state;
    return test_dir_remove(dir);
}

static int exists(const char *name)
{
    char p[256];
    struct stat sb;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return stat(p, &sb) == 0;
}

static void test_argv_rules(void **state)
{
    (void)state;
    char **v, err[128];
    assert_int_equal(att_alert_argv("  prog 'a b' \"c \\\"d\\\" \\\\\" e\\ f $HOME;|>x *  ", &v, err,
                                    sizeof err),
                     ATT_OK);
    const char *want[] = {"prog", "a b", "c \"d\" \\", "e f", "$HOME;|>x", "*"};
    for (int i = 0; i < 6; i++)
        assert_string_equal(v[i], want[i]);
    assert_null(v[6]);
    free(v);
    assert_int_equal(att_alert_argv("prog 'open", &v, err, sizeof err), ATT_ERR_FORMAT);
    assert_string_equal(err, "unterminated quote in command");
    assert_int_equal(att_alert_argv("   ", &v, err, sizeof err), ATT_ERR_FORMAT);
}

/* Shell syntax in a command is plain text: no second command, no
 * substitution. */
static void test_no_shell(void **state)
{
    (void)state;
    char cmd[512], err[256];
    snprintf(cmd, sizeof cmd, "touch %s/one;touch %s/two %s/$(touch %s/three)", dir, dir, dir, dir);
    char **v;
    assert_int_equal(att_alert_argv(cmd, &v, err, sizeof err), ATT_OK);
    assert_int_equal(att_alert_exec(v, "{}", 7, 5, err, sizeof err), ATT_OK);
    free(v);
    assert_true(exists("one;touch"));
    assert_false(exists("one"));
    assert_false(exists("three"));
    assert_true(exists("$(touch"));
    /* a program that does not exist: one line, not a crash */
    assert_int_equal(att_alert_argv("/nonexistent/prog", &v, err, sizeof err), ATT_OK);
    assert_int_equal(att_alert_exec(v, "{}", 7, 5, err, sizeof err), ATT_ERR_IO);
    assert_contains(err, "/nonexistent/prog");
    free(v);
}

/* Two queued alerts; a command that hangs is killed after the timeout,
 * one that fails is reported; both stay queued and are delivered (with
 * their ids) by a later run that works. */
static void test_outbox_retries(void **state)
{
    (void)state;
    char path[160], err[512];
    snprintf(path, sizeof path, "%s/a.db", dir);
    att_store *s;
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    sqlite3 *db = att_store_db(s);
    assert_int_equal(sqlite3_exec(db,
                                  "INSERT INTO alerts(id, kind, subject, actors, day, score, summary, evidence,"
                                  " episode, created_at) VALUES"
                                  " (11, 'dyad_shift', 'CHN|PHL', 'CHN|PHL', 19800, 5.5, 's1', '{\"events\":[]}',"
                                  "  'e1', 'now'),"
                                  " (12, 'story_burst', 'story:3', 'VNM', 19801, 7.0, 's2', '{}', 'e2', 'now');"
                                  "INSERT INTO alert_outbox(alert_id) VALUES (11), (12);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    att_alert_config c;
    size_t ok = 0, bad = 0;
    /* hangs: killed after 1 s (per alert) */
    assert_int_equal(att_alert_config_load(&c, "t.conf", "alert_command = sleep 60\nalert_timeout = 1\n", err,
                                           sizeof err),
                     ATT_OK);
    assert_int_equal(att_alerts_deliver(s, &c, &ok, &bad, err, sizeof err), ATT_ERR_IO);
    assert_int_equal(ok, 0);
    assert_int_equal(bad, 2);
    assert_contains(err, "2 alerts not delivered, kept for the next run (alert 11: 'sleep' did not finish within 1 s");
    att_alert_config_free(&c);
    /* fails */
    assert_int_equal(att_alert_config_load(&c, "t.conf", "alert_command = false\n", err, sizeof err), ATT_OK);
    assert_int_equal(att_alerts_deliver(s, &c, &ok, &bad, err, sizeof err), ATT_ERR_IO);
    assert_int_equal(bad, 2);
    att_alert_config_free(&c);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), min(attempts), max(last_error) FROM alert_outbox", -1,
                                        &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 2);
    assert_int_equal(sqlite3_column_int(q, 1), 2);
    assert_contains((const char *)sqlite3_column_text(q, 2), "'false' exited with status 1");
    sqlite3_finalize(q);
    /* works: each alert's JSON on stdin, its id in ATTACHE_ALERT_ID */
    char conf[512];
    snprintf(conf, sizeof conf,
             "alert_command = sh -c 'cat >> %s/got.jsonl; echo \"$ATTACHE_ALERT_ID\" >> %s/ids'\n", dir, dir);
    assert_int_equal(att_alert_config_load(&c, "t.conf", conf, err, sizeof err), ATT_OK);
    assert_int_equal(att_alerts_deliver(s, &c, &ok, &bad, err, sizeof err), ATT_OK);
    assert_int_equal(ok, 2);
    assert_int_equal(bad, 0);
    att_alert_config_free(&c);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM alert_outbox", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    att_store_close(s);
    char p[256], buf[2048];
    snprintf(p, sizeof p, "%s/ids", dir);
    FILE *f = fopen(p, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, "11\n12\n");
    snprintf(p, sizeof p, "%s/got.jsonl", dir);
    f = fopen(p, "r");
    assert_non_null(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_contains(buf, "{\"id\":11,\"kind\":\"dyad_shift\",\"actors\":[\"CHN\",\"PHL\"]");
    assert_contains(buf, "\"id\":12");
}

static void test_config_rejects(void **state)
{
    (void)state;
    att_alert_config c;
    char err[256];
    const char *bad[] = {"threshold = nan\n", "threshold = inf\n", "cooldown_days = NaN\n",
                         "alert_timeout = 0\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(att_alert_config_load(&c, "x.conf", bad[i], err, sizeof err), ATT_ERR_FORMAT);
        assert_contains(err, "x.conf line 1");
    }
    assert_int_equal(att_alert_config_load(&c, "x.conf", "\nalert_command = notify 'oops\n", err, sizeof err),
                     ATT_ERR_FORMAT);
    assert_string_equal(err, "x.conf line 2: alert_command: unterminated quote in command");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_argv_rules),
        cmocka_unit_test_setup_teardown(test_no_shell, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox_retries, setup, teardown),
        cmocka_unit_test(test_config_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
