/* test_resolve.c - actors as people type them (src/extract/resolve.h):
 * a table of what users type and what it must resolve to. */
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../src/extract/resolve.h"

static const struct {
    const char *typed, *code;
} cases[] = {
    {"USA", "USA"},           {"usa", "USA"},          {"Mỹ", "USA"},         {"My", "USA"},
    {"my", "USA"},            {"Hoa Kỳ", "USA"},       {"hoa ky", "USA"},     {"United States", "USA"},
    {"Trung Quốc", "CHN"},    {"trung quoc", "CHN"},   {"  Trung   Quốc ", "CHN"}, {"China", "CHN"},
    {"Bắc Kinh", "CHN"},      {"Nhà Trắng", "USA"},    {"Nga", "RUS"},        {"rus", "RUS"},
    {"Hàn Quốc", "KOR"},      {"Han Quoc", "KOR"},     {"Triều Tiên", "PRK"}, {"Việt Nam", "VNM"},
    {"viet nam", "VNM"},      {"NATO", "NAT"},         {"nato", "NAT"},       {"nat", "NAT"},
    {"EU", "EEC"},            {"Liên hợp quốc", "UNO"}, {"lien hop quoc", "UNO"}, {"ASEAN", "ASN"},
    {"Thụy Sĩ", "CHE"},       {"Thuỵ Sĩ", "CHE"},      {"Ô-xtrây-li-a", "AUS"}, {"Putin", "RUS"},      {"NGA", "NGA"},          {"nga", "RUS"},
};

static void test_table(void **state)
{
    (void)state;
    att_actor_index *ix;
    char err[256], code[16];
    assert_int_equal(att_actor_index_load(&ix, err, sizeof err), ATT_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *name = NULL;
        att_status st = att_actor_resolve(ix, cases[i].typed, code, &name, err, sizeof err);
        if (st != ATT_OK || strcmp(code, cases[i].code))
            fail_msg("'%s': expected %s, got %s (%s)", cases[i].typed, cases[i].code, code,
                     st == ATT_OK ? "ok" : err);
        assert_non_null(name);
    }
    att_actor_index_free(ix);
}

/* Unknown actors are errors that name the input and suggest close names;
 * empty and invalid input are usage errors. */
static void test_unknown(void **state)
{
    (void)state;
    att_actor_index *ix;
    char err[256], code[16];
    assert_int_equal(att_actor_index_load(&ix, err, sizeof err), ATT_OK);
    assert_int_equal(att_actor_resolve(ix, "Trung Quoc X", code, NULL, err, sizeof err), ATT_ERR_NOTFOUND);
    assert_non_null(strstr(err, "unknown actor 'Trung Quoc X'"));
    assert_non_null(strstr(err, "CHN Trung Quốc"));
    assert_string_equal(code, "");
    assert_int_equal(att_actor_resolve(ix, "Nhat Banx", code, NULL, err, sizeof err), ATT_ERR_NOTFOUND);
    assert_non_null(strstr(err, "JPN"));
    assert_int_equal(att_actor_resolve(ix, "qqqqqqqqqqqqqqqqqqqq", code, NULL, err, sizeof err), ATT_ERR_NOTFOUND);
    assert_non_null(strstr(err, "unknown actor"));
    assert_int_equal(att_actor_resolve(ix, "   ", code, NULL, err, sizeof err), ATT_ERR_USAGE);
    assert_int_equal(att_actor_resolve(ix, "\xff\xfe", code, NULL, err, sizeof err), ATT_ERR_USAGE);
    att_actor_index_free(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
