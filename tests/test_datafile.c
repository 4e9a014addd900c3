/* test_datafile.c - reference-data files are validated before use
 * (att_tsv_check via att_datafile_load): final newline, field counts and
 * the "# rows: N" last line; every shipped data file passes. */
#include "test_util.h"

#include <unistd.h>

#include "../src/util/datafile.h"
#include "../src/util/tsv.h"

/* file text, expected status, a word the message must contain */
static const struct {
    const char *text;
    att_status want;
    const char *msg;
} cases[] = {
    {"# c\na\tb\n1\t2\n3\t4\n# rows: 2\n", ATT_OK, NULL},
    {"a\tb\n\n1\t2\n# note\n3\t4\n# rows: 2\n", ATT_OK, NULL},          /* blank and comment lines */
    {"a\tb\r\n1\t2\r\n# rows: 1\r\n", ATT_OK, NULL},                     /* CRLF */
    {"a\tb\n# rows: 0\n", ATT_OK, NULL},                                 /* no rows */
    {"a\tb\n1\t2\n3\t4\n# rows: 2", ATT_ERR_FORMAT, "newline"},          /* last newline cut */
    {"a\tb\n1\t2\n3\t4\n# rows: ", ATT_ERR_FORMAT, "newline"},
    {"a\tb\n1\t2\n3\t", ATT_ERR_FORMAT, "newline"},                      /* cut inside a row */
    {"a\tb\n1\t2\n3\n", ATT_ERR_FORMAT, "1 fields"},                     /* cut at a tab, newline added */
    {"a\tb\n1\t2\n3\t4\n", ATT_ERR_FORMAT, "# rows: N"},                 /* trailer lost */
    {"a\tb\n1\t2\n3\t4\n# rows: 3\n", ATT_ERR_FORMAT, "2 data rows"},    /* rows lost */
    {"a\tb\n1\t2\n3\t4\n# rows: 1\n", ATT_ERR_FORMAT, "2 data rows"},
    {"a\tb\n1\t2\t3\n# rows: 1\n", ATT_ERR_FORMAT, "3 fields"},          /* too many fields */
    {"a\tb\n1\t2\n# rows: x\n", ATT_ERR_FORMAT, "needs a number"},
    {"a\tb\n1\t2\n# rows: 1 or so\n", ATT_ERR_FORMAT, "needs a number"},
    {"# only comments\n# rows: 0\n", ATT_ERR_FORMAT, "no header"},
    {"", ATT_ERR_FORMAT, "newline"},
    {"a\tb\n# rows: 0\n1\t2\n", ATT_ERR_FORMAT, "# rows: N"},            /* trailer not last */
};

static void test_check_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        att_status st = att_tsv_check("x.tsv", cases[i].text, strlen(cases[i].text), err, sizeof err);
        if (st != cases[i].want)
            fail_msg("case %zu: status %d, want %d (%s)", i, st, cases[i].want, err);
        if (cases[i].msg) {
            assert_contains(err, cases[i].msg);
            assert_contains(err, "x.tsv");
            assert_null(strchr(err, '\n'));
        }
    }
}

static void test_shipped_files_pass(void **state)
{
    (void)state;
    /* every data/NAME.tsv built into the binary, so a file added later
     * without its "# rows: N" line fails here (tools/tsv-rows.sh) */
    const char *name, *text;
    size_t len, n = 0;
    for (size_t i = 0; (name = att_datafile_embedded("data/", i, &text, &len)); i++) {
        size_t l = strlen(name);
        if (l < 4 || strcmp(name + l - 4, ".tsv") != 0)
            continue;
        char *data, err[256] = "";
        if (att_datafile_load(name, &data, &len, err, sizeof err) != ATT_OK)
            fail_msg("%s: %s", name, err);
        free(data);
        n++;
    }
    assert_true(n >= 9);
}

static void test_truncated_override_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/attache-datafile.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/tone_vi.tsv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("term\tpolarity\tweight\nhợp tác\t1\t1\nxung đ", f); /* cut mid-row */
    fclose(f);
    assert_int_equal(att_datafile_set_dir(dir), ATT_OK);
    char *data = (char *)1, err[256] = "";
    size_t len = 1;
    assert_int_equal(att_datafile_load("data/tone_vi.tsv", &data, &len, err, sizeof err), ATT_ERR_FORMAT);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_contains(err, path);
    assert_contains(err, "newline");
    att_datafile_set_dir(NULL);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_table),
        cmocka_unit_test(test_shipped_files_pass),
        cmocka_unit_test(test_truncated_override_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
