/* test_snippet.c - search-hit extracts: which words are highlighted (exact
 * keys for words typed with diacritics, folded otherwise, prefixes), where
 * the window falls, and the ellipses. */
#include "test_util.h"

#include "../src/store/snippet.h"

static char *snip(const char *fts, const char *text, size_t words)
{
    att_snippet_terms *t = att_snippet_terms_new(fts);
    assert_non_null(t);
    char *s = att_snippet(text, strlen(text), t, "[", "]", words);
    att_snippet_terms_free(t);
    assert_non_null(s);
    return s;
}

#define CHECK_SNIP(fts, text, words, want)  \
    do {                                    \
        char *got_ = snip(fts, text, words); \
        assert_string_equal(got_, want);    \
        free(got_);                         \
    } while (0)

static void test_exact_and_folded_terms(void **state)
{
    (void)state;
    const char *text = "Đảng ta đang lãnh đạo, Đảng viên hoà nhập.";
    /* typed with diacritics: only the exact form (either tone style) */
    CHECK_SNIP("\"đảng\"", text, 16, "[Đảng] ta đang lãnh đạo, [Đảng] viên hoà nhập.");
    CHECK_SNIP("\"hòa\"", text, 16, "Đảng ta đang lãnh đạo, Đảng viên [hoà] nhập.");
    /* typed without: every accented form */
    CHECK_SNIP("\"dang\"", text, 16, "[Đảng] ta [đang] lãnh đạo, [Đảng] viên hoà nhập.");
    /* a prefix, and a phrase's words */
    CHECK_SNIP("\"lanh\" *", text, 16, "Đảng ta đang [lãnh] đạo, Đảng viên hoà nhập.");
    CHECK_SNIP("\"lãnh đạo\"", text, 16, "Đảng ta đang [lãnh đạo], Đảng viên hoà nhập.");
}

/* Words are first screened by their folded first letter: capitals,
 * accented capitals, Đ and digits must still match. */
static void test_first_letter_screen(void **state)
{
    (void)state;
    const char *text = "ẤN ĐỘ và Úc họp; Ông Ánh nói ĐẢNG đã 2024 lần, ơn Ấn.";
    CHECK_SNIP("\"ấn\"", text, 16, "[ẤN] ĐỘ và Úc họp; Ông Ánh nói ĐẢNG đã 2024 lần, ơn [Ấn].");
    CHECK_SNIP("\"an\" \"anh\"", text, 16, "[ẤN] ĐỘ và Úc họp; Ông [Ánh] nói ĐẢNG đã 2024 lần, ơn [Ấn].");
    CHECK_SNIP("\"dang\" \"uc\"", text, 16, "ẤN ĐỘ và [Úc] họp; Ông Ánh nói [ĐẢNG] đã 2024 lần, ơn Ấn.");
    CHECK_SNIP("\"202\" *", text, 16, "ẤN ĐỘ và Úc họp; Ông Ánh nói ĐẢNG đã [2024] lần, ơn Ấn.");
    CHECK_SNIP("\"ông\" \"on\"", text, 16, "ẤN ĐỘ và Úc họp; [Ông] Ánh nói ĐẢNG đã 2024 lần, [ơn] Ấn.");
}

static void test_window_and_ellipses(void **state)
{
    (void)state;
    const char *text = "một hai ba bốn năm sáu bảy tám chín mười\nASEAN họp tại Jakarta hôm nay về biển.";
    /* the window starts a few words before the densest group of matches */
    CHECK_SNIP("(\"asean\") OR (\"jakarta\")", text, 6, "…chín mười [ASEAN] họp tại [Jakarta]…");
    /* no match: the beginning; paragraph breaks become spaces */
    CHECK_SNIP("\"khong\"", text, 12, "một hai ba bốn năm sáu bảy tám chín mười ASEAN họp…");
    CHECK_SNIP("\"bien\"", "", 8, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_and_folded_terms),
        cmocka_unit_test(test_window_and_ellipses),
        cmocka_unit_test(test_first_letter_screen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
