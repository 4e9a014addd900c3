/* test_tone.c - tone lexicon loading, matching, negation, GDELT figures. */
#include "test_util.h"

#include <math.h>

#include "../src/extract/tone.h"
#include "../src/segment/tokens.h"
#include "../src/util/datafile.h"

static const char LEX[] =
    "# tone lexicon for tests\n"
    "# columns: term polarity weight\n"
    "term\tpolarity\tweight\n"
    "ổn định\t+1\t2\n"
    "hòa bình\t+1\t2\n"
    "hợp tác\t1\t1\n"
    "an ninh\t+1\t1\n"
    "mất an ninh\t-1\t2\n"
    "xung đột\t-1\t2\n"
    "xung đột vũ trang\t-1\t3\n"
    "khủng hoảng\t-1\t3\n"
    "hiệu quả\t+1\t1\n"
    "minh bạch\t+1\t1\n"
    "thiếu minh bạch\t-1\t3\n";

typedef struct fixture {
    att_vocab *v;
    att_tone_lexicon *lx;
    att_tokens toks;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->v = att_vocab_new();
    /* the vocabulary is shared: words already in it must keep working */
    att_vocab_add(f->v, "Mỹ", strlen("Mỹ"));
    char err[256] = "";
    if (att_tone_lexicon_load(f->v, LEX, strlen(LEX), &f->lx, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "load: %s\n", err);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    att_tokens_free(&f->toks);
    att_tone_lexicon_free(f->lx);
    att_vocab_free(f->v);
    free(f);
    return 0;
}

static att_tone tone_of(fixture *f, const char *text)
{
    att_tone acc = {0, 0, 0};
    assert_int_equal(att_tokenize(f->v, text, strlen(text), &f->toks), ATT_OK);
    att_tone_add(f->lx, f->toks.v, f->toks.n, &acc);
    return acc;
}

#define EPS 1e-9

static void test_load_good_rows(void **state)
{
    fixture *f = *state;
    assert_int_equal(att_tone_lexicon_size(f->lx), 11);
    assert_true(att_vocab_find(f->v, "vũ", strlen("vũ")) > 0);
    assert_true(att_vocab_find(f->v, "Mỹ", strlen("Mỹ")) > 0);

    /* CRLF, blank lines, comments between rows, no header, an extra column,
     * an identical duplicate and a decimal weight are all accepted */
    const char *tsv = "# c\r\n\r\nđàm phán\t+1\t1.5\textra note\r\n# mid comment\r\n"
                      "Căng thẳng\t-1\t2\r\ncăng thẳng\t-1\t2\r\n";
    att_vocab *v = att_vocab_new();
    att_tone_lexicon *lx = NULL;
    char err[256] = "";
    assert_int_equal(att_tone_lexicon_load(v, tsv, strlen(tsv), &lx, err, sizeof err), ATT_OK);
    assert_int_equal(att_tone_lexicon_size(lx), 2);
    att_tokens t = {0};
    const char *text = "Đàm phán giảm căng thẳng";
    assert_int_equal(att_tokenize(v, text, strlen(text), &t), ATT_OK);
    att_tone acc = {0, 0, 0};
    att_tone_add(lx, t.v, t.n, &acc);
    assert_true(fabs(acc.positive - 1.5) < EPS);
    assert_true(fabs(acc.negative - 2.0) < EPS);
    assert_int_equal(acc.words, 5);
    att_tokens_free(&t);
    att_tone_lexicon_free(lx);
    att_vocab_free(v);
}

static void expect_format_error(const char *tsv, const char *want)
{
    att_vocab *v = att_vocab_new();
    att_tone_lexicon *lx = (att_tone_lexicon *)1;
    char err[256] = "";
    assert_int_equal(att_tone_lexicon_load(v, tsv, strlen(tsv), &lx, err, sizeof err), ATT_ERR_FORMAT);
    assert_null(lx);
    assert_contains(err, want);
    att_vocab_free(v);
}

static void test_load_malformed_rows(void **state)
{
    (void)state;
    expect_format_error("# x\nterm\tpolarity\tweight\nổn định\t+1\t2\nxung đột\t-2\t1\n", "line 4: polarity");
    expect_format_error("term\tpolarity\tweight\nổn định\t+1\n", "line 2: expected 3");
    expect_format_error("term\tpolarity\tweight\n\n\nổn định\t+1\t5\n", "line 4: weight");
    expect_format_error("term\tpolarity\tweight\nổn định\t+1\t0\n", "line 2: weight");
    expect_format_error("term\tpolarity\tweight\nổn định\t+1\tcao\n", "line 2: weight");
    expect_format_error("term\tpolarity\tweight\n\t+1\t1\n", "line 2: empty term");
    expect_format_error("term\tpolarity\tweight\n...\t+1\t1\n", "line 2: term");
    expect_format_error("ổn định\t+1\t2\nhợp tác\t+1\t1\nỔn định\t-1\t2\n", "line 3: term");
    expect_format_error("ổn định\t+1\t2\nhợp tác\t+1\t1\nỔn định\t-1\t2\n", "line 1");

    att_vocab *v = att_vocab_new();
    att_tone_lexicon *lx = NULL;
    char err[256] = "";
    const char *only_header = "# nothing yet\nterm\tpolarity\tweight\n";
    assert_int_equal(att_tone_lexicon_load(v, only_header, strlen(only_header), &lx, err, sizeof err),
                     ATT_ERR_EMPTY);
    assert_null(lx);
    att_vocab_free(v);
}

static void test_positive_and_negative(void **state)
{
    fixture *f = *state;
    att_tone a = tone_of(f, "Hai nước cam kết hợp tác vì hòa bình và ổn định khu vực.");
    assert_true(fabs(a.positive - 5.0) < EPS); /* 1 + 2 + 2 */
    assert_true(fabs(a.negative) < EPS);
    assert_int_equal(a.words, 14);

    a = tone_of(f, "Khủng hoảng và xung đột leo thang; Mỹ lo ngại.");
    assert_true(fabs(a.negative - 5.0) < EPS);
    assert_true(fabs(a.positive) < EPS);

    /* case and tone-mark style do not matter ("Hoà" = "hòa") */
    a = tone_of(f, "HOÀ BÌNH");
    assert_true(fabs(a.positive - 2.0) < EPS);
}

static void test_negators(void **state)
{
    fixture *f = *state;
    att_tone a = tone_of(f, "Tình hình không ổn định.");
    assert_true(fabs(a.negative - 2.0) < EPS);
    assert_true(fabs(a.positive) < EPS);

    a = tone_of(f, "Biện pháp chưa hiệu quả, chẳng hợp tác.");
    assert_true(fabs(a.negative - 2.0) < EPS);
    assert_true(fabs(a.positive) < EPS);

    /* "không" negates a negative term: it becomes positive */
    a = tone_of(f, "Không xung đột");
    assert_true(fabs(a.positive - 2.0) < EPS);
    assert_true(fabs(a.negative) < EPS);

    /* only directly before: "không có xung đột" keeps "xung đột" negative */
    a = tone_of(f, "không có xung đột");
    assert_true(fabs(a.negative - 2.0) < EPS);
    assert_true(fabs(a.positive) < EPS);

    /* punctuation breaks the link */
    a = tone_of(f, "Không, ổn định.");
    assert_true(fabs(a.positive - 2.0) < EPS);
    assert_true(fabs(a.negative) < EPS);

    /* a lexicon phrase beginning with a negator is taken as written */
    a = tone_of(f, "thiếu minh bạch");
    assert_true(fabs(a.negative - 3.0) < EPS);
    assert_true(fabs(a.positive) < EPS);
    /* "thiếu" before another term flips it */
    a = tone_of(f, "thiếu hợp tác");
    assert_true(fabs(a.negative - 1.0) < EPS);
}

static void test_longest_match(void **state)
{
    fixture *f = *state;
    att_tone a = tone_of(f, "nguy cơ xung đột vũ trang");
    assert_true(fabs(a.negative - 3.0) < EPS); /* not 3 + 2 */

    a = tone_of(f, "tình trạng mất an ninh");
    assert_true(fabs(a.negative - 2.0) < EPS); /* "an ninh" not re-matched inside */
    assert_true(fabs(a.positive) < EPS);

    /* a phrase never spans punctuation */
    a = tone_of(f, "xung đột, vũ trang");
    assert_true(fabs(a.negative - 2.0) < EPS);

    /* a negator before a multi-syllable term flips the whole term */
    a = tone_of(f, "không xung đột vũ trang");
    assert_true(fabs(a.positive - 3.0) < EPS);
    assert_true(fabs(a.negative) < EPS);
}

static void test_gdelt_formulas(void **state)
{
    (void)state;
    att_tone acc = {6.0, 2.0, 200};
    att_tone_scores s = att_tone_finish(&acc);
    assert_true(fabs(s.positive - 3.0) < EPS);
    assert_true(fabs(s.negative - 1.0) < EPS);
    assert_true(fabs(s.tone - 2.0) < EPS);
    assert_true(fabs(s.polarity - 4.0) < EPS);
    assert_int_equal(s.words, 200);

    acc = (att_tone){1.0, 4.0, 50};
    s = att_tone_finish(&acc);
    assert_true(fabs(s.tone - (-6.0)) < EPS);
    assert_true(fabs(s.polarity - 10.0) < EPS);
}

static void test_accumulates_over_texts(void **state)
{
    fixture *f = *state;
    att_tone acc = {0, 0, 0};
    const char *texts[] = {"Hòa bình cho khu vực.", "Khủng hoảng kéo dài."};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(att_tokenize(f->v, texts[i], strlen(texts[i]), &f->toks), ATT_OK);
        att_tone_add(f->lx, f->toks.v, f->toks.n, &acc);
    }
    assert_int_equal(acc.words, 9);
    att_tone_scores s = att_tone_finish(&acc);
    assert_true(fabs(s.positive - 200.0 / 9) < 1e-6);
    assert_true(fabs(s.negative - 300.0 / 9) < 1e-6);
    assert_true(fabs(s.tone - (-100.0 / 9)) < 1e-6);
}

static void test_empty_text(void **state)
{
    fixture *f = *state;
    att_tone a = tone_of(f, "");
    assert_int_equal(a.words, 0);
    att_tone_scores s = att_tone_finish(&a);
    assert_true(s.tone == 0 && s.positive == 0 && s.negative == 0 && s.polarity == 0);
    assert_int_equal(s.words, 0);

    a = tone_of(f, " ... !!! ");
    assert_int_equal(a.words, 0);
    s = att_tone_finish(&a);
    assert_false(isnan(s.tone));
    assert_true(s.tone == 0);
}

/* The shipped data file, when it exists, must load. */
static void test_shipped_lexicon_loads(void **state)
{
    (void)state;
    char *data = NULL, err[256] = "";
    size_t len = 0;
    att_status st = att_datafile_load("data/tone_vi.tsv", &data, &len, err, sizeof err);
    if (st == ATT_ERR_NOTFOUND)
        skip();
    assert_int_equal(st, ATT_OK);
    att_vocab *v = att_vocab_new();
    att_tone_lexicon *lx = NULL;
    st = att_tone_lexicon_load(v, data, len, &lx, err, sizeof err);
    if (st != ATT_OK)
        fail_msg("data/tone_vi.tsv: %s", err);
    assert_true(att_tone_lexicon_size(lx) > 0);
    att_tone_lexicon_free(lx);
    att_vocab_free(v);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_load_good_rows, setup, teardown),
        cmocka_unit_test(test_load_malformed_rows),
        cmocka_unit_test_setup_teardown(test_positive_and_negative, setup, teardown),
        cmocka_unit_test_setup_teardown(test_negators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_longest_match, setup, teardown),
        cmocka_unit_test(test_gdelt_formulas),
        cmocka_unit_test_setup_teardown(test_accumulates_over_texts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_text, setup, teardown),
        cmocka_unit_test(test_shipped_lexicon_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
