/* test_snippet.c - search-hit extracts: which words are highlighted (exact
 * keys for words typed with diacritics, folded otherwise, prefixes; the
 * query's phrases, alternatives and exclusions), where the window falls,
 * the ellipses, and whether a headline says what was asked. */
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

/* What is highlighted follows the query's structure: a table of FTS5
 * queries (as att_query_to_fts() writes them), texts and the expected
 * extracts. */
static const struct {
    const char *fts, *text, *want;
} structure_cases[] = {
    /* a phrase: its words only where they stand together */
    {"\"hội đồng bảo an\"", "Hội đồng Bảo an họp; các bên đồng thuận về an ninh.",
     "[Hội đồng Bảo an] họp; các bên đồng thuận về an ninh."},
    {"\"hoi dong bao an\"", "Các bên đồng thuận, rồi Hội đồng Bảo an bỏ phiếu.",
     "Các bên đồng thuận, rồi [Hội đồng Bảo an] bỏ phiếu."},
    /* a phrase across punctuation, as the index matches it */
    {"\"bảo an\"", "Hội đồng Bảo, an ninh và bảo an.", "Hội đồng [Bảo], [an] ninh và [bảo an]."},
    /* words typed apart (an AND): each wherever it is */
    {"\"đồng\" AND \"thuận\"", "Hội đồng đã đồng thuận.", "Hội [đồng] đã [đồng thuận]."},
    /* OR: only the alternatives found whole */
    {"(\"trừng\" AND \"phạt\") OR (\"cấm\" AND \"vận\")", "Mỹ cấm vận dầu mỏ và xử phạt ngân hàng.",
     "Mỹ [cấm vận] dầu mỏ và xử phạt ngân hàng."},
    {"\"trừng\" \"phạt\" OR \"cấm\" \"vận\"", "Mỹ cấm vận dầu mỏ và xử phạt ngân hàng.",
     "Mỹ [cấm vận] dầu mỏ và xử phạt ngân hàng."},
    {"(\"trừng\" AND \"phạt\") OR (\"cấm\" AND \"vận\")", "Lệnh trừng phạt và lệnh cấm vận.",
     "Lệnh [trừng phạt] và lệnh [cấm vận]."},
    {"\"trừng phạt\" OR \"cấm vận\"", "Xử phạt, cấm bay, trừng phạt.", "Xử phạt, cấm bay, [trừng phạt]."},
    /* no alternative found whole (the article matched in its title): the
     * words found are shown */
    {"(\"trừng\" AND \"phạt\") OR (\"cấm\" AND \"vận\")", "Ngân hàng bị xử phạt.",
     "Ngân hàng bị xử [phạt]."},
    /* NOT: the excluded words are never highlighted */
    {"\"nga\" NOT \"ukraine\"", "Nga và Ukraine đàm phán.", "[Nga] và Ukraine đàm phán."},
    {"\"nga\" AND \"my\" NOT (\"ukraine\" OR \"kiev\")", "Nga, Mỹ, Ukraine, Kiev.", "[Nga], [Mỹ], Ukraine, Kiev."},
    /* nesting: both alternatives found, both shown; "Trung" alone is not
     * the phrase */
    {"\"mỹ\" AND (\"trung quốc\" OR \"nhật\")", "Mỹ và Trung Quốc; Nhật đứng ngoài; Trung Đông.",
     "[Mỹ] và [Trung Quốc]; [Nhật] đứng ngoài; Trung Đông."},
    {"\"mỹ\" AND (\"trung quốc\" OR \"nhật\")", "Mỹ và Nhật; Trung Đông; Hàn Quốc.",
     "[Mỹ] và [Nhật]; Trung Đông; Hàn Quốc."},
    /* a prefix at the end of a phrase */
    {"\"lanh da\" *", "Lãnh đạo, lãnh đạm, lãnh thổ, đạo.", "[Lãnh đạo], [lãnh đạm], lãnh thổ, đạo."},
    /* odd input never breaks it: unbalanced groups, stray operators */
    {"((\"nga\"", "Nga họp.", "[Nga] họp."},
    {"OR AND \"nga\" NOT", "Nga họp.", "[Nga] họp."},
    {")) \"nga\" ((", "Nga họp.", "[Nga] họp."},
    {"", "Nga họp.", "Nga họp."},
};

static void test_structure_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof structure_cases / sizeof structure_cases[0]; i++) {
        char *got = snip(structure_cases[i].fts, structure_cases[i].text, 16);
        if (strcmp(got, structure_cases[i].want) != 0)
            fail_msg("case %zu: %s on \"%s\": got \"%s\", want \"%s\"", i, structure_cases[i].fts,
                     structure_cases[i].text, got, structure_cases[i].want);
        free(got);
    }
}

/* att_snippet_whole: does a headline say what was asked (the words of
 * an AND together, in order, at most one word between two)? */
static const struct {
    const char *fts, *text;
    int want;
} whole_cases[] = {
    {"\"kinh\" AND \"tế\" AND \"thế\" AND \"giới\"", "Kinh tế thế giới suy giảm", 1},
    {"\"kinh\" AND \"tế\" AND \"thế\" AND \"giới\"", "Thế giới lo kinh tế suy giảm", 0},
    {"\"nhật\" AND \"bản\" AND \"hàn\" AND \"quốc\"", "Nhật Bản và Hàn Quốc họp", 1},
    {"\"nhật\" AND \"bản\" AND \"hàn\" AND \"quốc\"", "Nhật Bản cảnh báo, Hàn Quốc họp", 0},
    {"\"nga\"", "Nga họp", 1},
    {"\"nga\"", "Mỹ họp", 0},
    {"\"hội đồng bảo an\"", "Hội đồng Bảo an họp", 1},
    {"\"nga\" OR (\"liên\" AND \"hợp\" AND \"quốc\")", "Liên hợp quốc họp", 1},
    {"\"nga\" OR (\"liên\" AND \"hợp\" AND \"quốc\")", "Quốc hội Liên minh họp", 0},
    {"\"nga\" NOT \"ukraine\"", "Nga và Ukraine", 0},
    {"", "Nga", 0},
};

static void test_whole_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof whole_cases / sizeof whole_cases[0]; i++) {
        att_snippet_terms *t = att_snippet_terms_new(whole_cases[i].fts);
        assert_non_null(t);
        int got = att_snippet_whole(whole_cases[i].text, strlen(whole_cases[i].text), t);
        att_snippet_terms_free(t);
        if (got != whole_cases[i].want)
            fail_msg("case %zu: %s in \"%s\": got %d", i, whole_cases[i].fts, whole_cases[i].text, got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_and_folded_terms),
        cmocka_unit_test(test_window_and_ellipses),
        cmocka_unit_test(test_first_letter_screen),
        cmocka_unit_test(test_structure_table),
        cmocka_unit_test(test_whole_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
