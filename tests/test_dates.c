/* test_dates.c - date expressions: every family, ranges, relative
 * resolution against a fixed publication date, unknown reference, invalid
 * dates, numbers that are not dates, ISO parsing and formatting. */
#include "test_util.h"

#include "../src/extract/dates.h"

/* Thursday 20 June 2024. */
static const att_date REF = {2024, 6, 20, ATT_DATE_DAY};

/* All mentions of s as "[span] date[..until][ rel]" joined by " ; ". */
static char *render(const char *s, const att_date *ref)
{
    att_date_mention *m = (att_date_mention *)0x1; /* garbage in: must be ignored */
    size_t n = 77;
    assert_int_equal(att_find_dates(s, strlen(s), ref, &m, &n), ATT_OK);
    if (n == 0)
        assert_null(m);
    static char out[4096];
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char a[32], b[32];
        assert_true(m[i].start < m[i].end && m[i].end <= strlen(s));
        if (i > 0 && m[i].start < m[i - 1].end)
            fail_msg("mentions overlap");
        att_date_format(&m[i].date, a, sizeof a);
        att_date_format(&m[i].until, b, sizeof b);
        len += (size_t)snprintf(out + len, sizeof out - len, "%s[%.*s] %s%s%s%s", i ? " ; " : "",
                                (int)(m[i].end - m[i].start), s + m[i].start, a, *b ? ".." : "", b,
                                m[i].relative ? " rel" : "");
    }
    free(n ? m : NULL);
    return out;
}

#define DATES(s, want) assert_string_equal(render(s, &REF), want)
#define DATES_REF(ref, s, want) assert_string_equal(render(s, ref), want)

static void test_day_month_forms(void **state)
{
    (void)state;
    DATES("Ngày 16/6, ông đến Hà Nội.", "[Ngày 16/6] 2024-06-16");
    DATES("Hội nghị họp hôm 16/6/2023 tại Paris.", "[hôm 16/6/2023] 2023-06-16");
    DATES("Ký ngày 16-6-2024 và công bố 16.6.2024.", "[ngày 16-6-2024] 2024-06-16 ; [16.6.2024] 2024-06-16");
    DATES("Ngày 16 tháng 6 năm 2024 là ngày lịch sử.", "[Ngày 16 tháng 6 năm 2024] 2024-06-16");
    DATES("Sự kiện ngày 30 tháng Tư được kỷ niệm.", "[ngày 30 tháng Tư] 2024-04-30");
    DATES("Sáng 2.9 và chiều 5-6 có lễ.", "[2.9] 2023-09-02 ; [5-6] 2024-06-05");
    /* an explicit year needs no date word */
    DATES("Hiệp định ký 25/12/1991 tại Moskva.", "[25/12/1991] 1991-12-25");
    /* mùng, upper case, old tone style are all fine */
    DATES("NGÀY 2/9 và ngày mồng 3/2", "[NGÀY 2/9] 2023-09-02 ; [ngày mồng 3/2] 2024-02-03");
    /* a day chain: "ngày 16/6 và 17/6", "16/6, 17/6" */
    DATES("Các ngày 16/6 và 17/6, 18/6 có mưa.", "[ngày 16/6] 2024-06-16 ; [17/6] 2024-06-17 ; [18/6] 2024-06-18");
}

static void test_year_less_day_resolution(void **state)
{
    (void)state;
    /* up to ~2 months after ref: this year; beyond: last year */
    DATES("vào ngày 15/8", "[ngày 15/8] 2024-08-15");
    DATES("vào ngày 25/8", "[ngày 25/8] 2023-08-25");
    DATES("hôm 1/1", "[hôm 1/1] 2024-01-01");
    /* "tới"/"sắp tới" look ahead, "vừa qua" back */
    DATES("hội nghị ngày 1/3 sắp tới", "[ngày 1/3] 2025-03-01");
    DATES("hội nghị vào ngày 10/3 tới.", "[ngày 10/3] 2025-03-10");
    DATES("cuộc bầu cử ngày 10/3 tới Hà Nội", "[ngày 10/3] 2024-03-10"); /* "tới" is a verb here */
    DATES("ngày 19/8 vừa qua", "[ngày 19/8] 2023-08-19");
    /* late December: early January dates are the coming ones */
    att_date dec = {2024, 12, 20, ATT_DATE_DAY};
    DATES_REF(&dec, "ngày 5/1", "[ngày 5/1] 2025-01-05");
    DATES_REF(&dec, "ngày 5/3", "[ngày 5/3] 2024-03-05");
    /* a relative or narrative year after the day */
    DATES("ngày 3/5 năm ngoái và ngày 4/5 năm đó", "[ngày 3/5 năm ngoái] 2023-05-03 rel ; [ngày 4/5 năm đó] --05-04");
    /* 29 February goes to the nearest leap year */
    att_date mar25 = {2025, 3, 10, ATT_DATE_DAY};
    DATES_REF(&mar25, "ngày 29/2", "[ngày 29/2] 2024-02-29");
}

static void test_ranges(void **state)
{
    (void)state;
    DATES("diễn ra từ 25-27/3", "[25-27/3] 2024-03-25..2024-03-27");
    DATES("ngày 25 - 27/3", "[ngày 25 - 27/3] 2024-03-25..2024-03-27");
    DATES("ngày 25–27/3/2023", "[ngày 25–27/3/2023] 2023-03-25..2023-03-27");
    DATES("diễn ra 30/6-2/7", "[30/6-2/7] 2024-06-30..2024-07-02");
    DATES("hội nghị 30/12/2023 - 2/1/2024", "[30/12/2023 - 2/1/2024] 2023-12-30..2024-01-02");
    DATES("kỳ nghỉ 30/12-2/1/2024", "[30/12-2/1/2024] 2023-12-30..2024-01-02");
    DATES("Từ ngày 1/6 đến ngày 3/6, đoàn thăm Nhật Bản.", "[Từ ngày 1/6 đến ngày 3/6] 2024-06-01..2024-06-03");
    DATES("từ 1/6 tới 3/6", "[từ 1/6 tới 3/6] 2024-06-01..2024-06-03");
    DATES("từ ngày 1 đến ngày 3/7/2023", "[từ ngày 1 đến ngày 3/7/2023] 2023-07-01..2023-07-03");
    DATES("từ tháng 3 đến tháng 5/2023", "[từ tháng 3 đến tháng 5/2023] 2023-03..2023-05");
    DATES("từ năm 2020 đến năm 2024", "[từ năm 2020 đến năm 2024] 2020..2024");
    DATES("giai đoạn năm 2021-2025", "[năm 2021-2025] 2021..2025");
    DATES("kể từ tháng 1-8/2020", "[tháng 1-8/2020] 2020-01..2020-08");
    /* backwards or invalid ranges are no range */
    DATES("ngày 27-25/3", "");
    DATES("ngày 30-31/2", "");
}

static void test_months(void **state)
{
    (void)state;
    DATES("Tháng 9/2023, tháng 9 năm 2022 và tháng 9-2021.",
          "[Tháng 9/2023] 2023-09 ; [tháng 9 năm 2022] 2022-09 ; [tháng 9-2021] 2021-09");
    /* year-less: this year unless more than 3 months ahead */
    DATES("vào tháng 9", "[tháng 9] 2024-09");
    DATES("vào tháng 10", "[tháng 10] 2023-10");
    DATES("vào tháng 10 tới", "[tháng 10] 2024-10");
    DATES("tháng 9 năm ngoái", "[tháng 9 năm ngoái] 2023-09 rel");
    DATES("tháng Tư, tháng tư, tháng Giêng, tháng Chạp, tháng Mười một, tháng Mười hai, tháng Năm, tháng bảy",
          "[tháng Tư] 2024-04 ; [tháng tư] 2024-04 ; [tháng Giêng] 2024-01 ; [tháng Chạp] 2023-12 ; "
          "[tháng Mười một] 2023-11 ; [tháng Mười hai] 2023-12 ; [tháng Năm] 2024-05 ; [tháng bảy] 2024-07");
    DATES("đầu tháng 7, giữa tháng 7, cuối tháng 7 và thượng tuần tháng 3",
          "[đầu tháng 7] 2024-07 ; [giữa tháng 7] 2024-07 ; [cuối tháng 7] 2024-07 ; [thượng tuần tháng 3] 2024-03");
    /* not months */
    DATES("ngày tháng năm sinh", "");
    DATES("Mỗi tháng hai lần, tháng 2 lượt", "");
    DATES("sau 3 tháng 9 ngày", "");
    DATES("trong những tháng qua, hai tháng trước đó", "");
}

static void test_years(void **state)
{
    (void)state;
    DATES("Năm 2025 và năm 1945.", "[Năm 2025] 2025 ; [năm 1945] 1945");
    DATES("năm ngoái, năm trước, năm nay, năm tới, năm sau",
          "[năm ngoái] 2023 rel ; [năm trước] 2023 rel ; [năm nay] 2024 rel ; [năm tới] 2025 rel ; [năm sau] 2025 rel");
    DATES("đầu năm nay và cuối năm 2012", "[đầu năm nay] 2024 rel ; [cuối năm 2012] 2012");
    /* durations, decades and narrative years are not */
    DATES("5 năm trước, nhiều năm nay, hàng chục năm tới, năm sau đó, những năm 1990", "");
    DATES("năm 2 nghìn", "");
}

static void test_relative_days(void **state)
{
    (void)state;
    DATES("Hôm nay, ngày hôm nay, hôm qua, hôm kia, ngày mai.",
          "[Hôm nay] 2024-06-20 rel ; [ngày hôm nay] 2024-06-20 rel ; [hôm qua] 2024-06-19 rel ; "
          "[hôm kia] 2024-06-18 rel ; [ngày mai] 2024-06-21 rel");
    DATES("sáng nay, tối qua, chiều mai, sáng hôm qua",
          "[sáng nay] 2024-06-20 rel ; [tối qua] 2024-06-19 rel ; [chiều mai] 2024-06-21 rel ; "
          "[sáng hôm qua] 2024-06-19 rel");
    /* "ngày nay" is "nowadays", "một ngày mai" is "some day" */
    DATES("ngày nay, một ngày mai", "");
    /* relative day followed by the explicit date: one mention */
    DATES("Hôm nay (20/6), ông đến.", "[Hôm nay (20/6)] 2024-06-20");
    DATES("hôm qua 19/6", "[hôm qua 19/6] 2024-06-19");
}

static void test_weeks_and_months_relative(void **state)
{
    (void)state;
    /* ref is Thursday 2024-06-20; its week starts Monday 2024-06-17 */
    DATES("tuần trước, tuần qua, tuần này, tuần tới, tuần sau",
          "[tuần trước] 2024-06-10 rel ; [tuần qua] 2024-06-10 rel ; [tuần này] 2024-06-17 rel ; "
          "[tuần tới] 2024-06-24 rel ; [tuần sau] 2024-06-24 rel");
    DATES("cuối tuần qua", "[cuối tuần qua] 2024-06-10 rel");
    DATES("tháng trước, tháng qua, tháng này, tháng tới, tháng sau",
          "[tháng trước] 2024-05 rel ; [tháng qua] 2024-05 rel ; [tháng này] 2024-06 rel ; "
          "[tháng tới] 2024-07 rel ; [tháng sau] 2024-07 rel");
    /* across a year */
    att_date jan = {2025, 1, 2, ATT_DATE_DAY};
    DATES_REF(&jan, "tháng trước, tuần trước", "[tháng trước] 2024-12 rel ; [tuần trước] 2024-12-23 rel");
    /* durations */
    DATES("2 tuần trước, trong vài tuần tới, một tháng sau khi", "");
    /* week precision is reported as such */
    att_date_mention *m = NULL;
    size_t n = 0;
    const char *s = "tuần tới";
    assert_int_equal(att_find_dates(s, strlen(s), &REF, &m, &n), ATT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].date.precision, ATT_DATE_WEEK);
    assert_int_equal(m[0].relative, 1);
    assert_int_equal(m[0].until.precision, ATT_DATE_NONE);
    free(m);
}

static void test_weekdays(void **state)
{
    (void)state;
    /* most recent on or before Thursday 2024-06-20 */
    DATES("thứ Hai, thứ Ba, thứ Tư, thứ Năm, thứ Sáu, thứ Bảy, Chủ nhật",
          "[thứ Hai] 2024-06-17 rel ; [thứ Ba] 2024-06-18 rel ; [thứ Tư] 2024-06-19 rel ; "
          "[thứ Năm] 2024-06-20 rel ; [thứ Sáu] 2024-06-14 rel ; [thứ Bảy] 2024-06-15 rel ; "
          "[Chủ nhật] 2024-06-16 rel");
    DATES("sáng thứ 2 và tối thứ sáu", "[thứ 2] 2024-06-17 rel ; [thứ sáu] 2024-06-14 rel");
    DATES("thứ Hai tuần trước, thứ Sáu tới, Chủ nhật tuần này",
          "[thứ Hai tuần trước] 2024-06-10 rel ; [thứ Sáu tới] 2024-06-21 rel ; [Chủ nhật tuần này] 2024-06-23 rel");
    /* weekday with its date: the date wins and the span covers both */
    DATES("thứ Bảy (15/6)", "[thứ Bảy (15/6)] 2024-06-15");
    DATES("Thứ Hai, ngày 17/6/2024", "[Thứ Hai, ngày 17/6/2024] 2024-06-17");
    /* ordinals are not weekdays */
    DATES("lần thứ hai, ngày thứ 3 liên tiếp, vùng dịch lớn thứ 2, thế hệ thứ 6", "");
}

static void test_not_dates(void **state)
{
    (void)state;
    DATES("Ông giành 1/2 số phiếu và 2/3 ghế.", "");
    DATES("Tỷ số 2-1 lúc 07:00, hội nghị G20, đại dịch COVID-19, 1.000 người, tăng 3.5%.", "");
    DATES("phiên bản 3.5.1, mã 1/2/3/4, tỷ lệ 16/6/24", "");
    DATES("tăng từ 1/4 lên 1/3, phải mất từ 2-3 ngày, mỗi ngày 1/2 số ca", "");
    DATES("quý 3/2023 và 9/2023", "");
    /* invalid calendar dates */
    DATES("ngày 31/2, ngày 29/2/2023, ngày 32/1, ngày 12/13, ngày 0/5", "");
    DATES("nhưng 29/2/2024 thì có", "[29/2/2024] 2024-02-29");
    /* times and dates side by side */
    DATES("lúc 10:30 ngày 16/6", "[ngày 16/6] 2024-06-16");
}

static void test_unknown_reference(void **state)
{
    (void)state;
    const att_date none = {0, 0, 0, ATT_DATE_NONE};
    /* relative expressions are skipped, absolute ones stay year-less */
    DATES_REF(&none, "Hôm qua, tuần trước, tháng này, năm ngoái, thứ Hai, ngày 16/6 và tháng 9, năm 2020, 16/6/2024.",
              "[ngày 16/6] --06-16 ; [tháng 9] --09 ; [năm 2020] 2020 ; [16/6/2024] 2024-06-16");
    DATES_REF(NULL, "từ 25-27/3 và ngày 29/2", "[25-27/3] --03-25..--03-27 ; [ngày 29/2] --02-29");
    /* a weekday still licenses the following date */
    DATES_REF(NULL, "thứ Hai (17/6)", "[17/6] --06-17");
    /* a year-only reference resolves years and year-less dates to that year */
    att_date y = {2020, 0, 0, ATT_DATE_YEAR};
    DATES_REF(&y, "ngày 16/6, năm ngoái, tháng trước", "[ngày 16/6] 2020-06-16 ; [năm ngoái] 2019 rel");
    /* a month-only reference: months relative, days skipped */
    att_date mo = {2020, 3, 0, ATT_DATE_MONTH};
    DATES_REF(&mo, "tháng trước, hôm qua", "[tháng trước] 2020-02 rel");
    /* an invalid reference counts as unknown */
    att_date bad = {2023, 2, 30, ATT_DATE_DAY};
    DATES_REF(&bad, "hôm qua, tháng này", "[tháng này] 2023-02 rel");
}

static void test_errors_and_empty(void **state)
{
    (void)state;
    att_date_mention *m = NULL;
    size_t n = 3;
    assert_int_equal(att_find_dates("", 0, &REF, &m, &n), ATT_OK);
    assert_int_equal(n, 0);
    assert_null(m);
    assert_int_equal(att_find_dates(NULL, 0, &REF, &m, &n), ATT_OK);
    assert_int_equal(att_find_dates(NULL, 5, &REF, &m, &n), ATT_ERR_USAGE);
    assert_int_equal(att_find_dates("a", 1, &REF, NULL, &n), ATT_ERR_USAGE);
    assert_int_equal(att_find_dates("a", 1, &REF, &m, NULL), ATT_ERR_USAGE);
    /* truncated input: the span must stay inside len */
    const char *s = "ngày 16/6/2024";
    assert_int_equal(att_find_dates(s, 10, &REF, &m, &n), ATT_OK); /* "ngày 16/6" */
    assert_int_equal(n, 1);
    assert_int_equal(m[0].end, 10);
    assert_int_equal(m[0].date.month, 6);
    assert_int_equal(m[0].date.year, 2024);
    free(m);
    /* invalid UTF-8 and lots of numbers: no crash */
    const char junk[] = "\xFF ngày \xC3 1/2/ 3//4 -- 5-/6 ngày/ tháng / năm \xE2\x80";
    assert_int_equal(att_find_dates(junk, sizeof junk - 1, &REF, &m, &n), ATT_OK);
    free(m);
}

static void test_many_mentions(void **state)
{
    (void)state;
    char buf[16384];
    size_t len = 0;
    for (int i = 1; i <= 400; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "ngày %d/%d, ", i % 28 + 1, i % 12 + 1);
    att_date_mention *m = NULL;
    size_t n = 0;
    assert_int_equal(att_find_dates(buf, len, &REF, &m, &n), ATT_OK);
    assert_int_equal(n, 400);
    assert_int_equal(m[399].date.day, 400 % 28 + 1);
    assert_int_equal(m[399].date.month, 400 % 12 + 1);
    free(m);
}

static void check_iso(const char *s, att_status want, int y, int mo, int d, att_date_precision p)
{
    att_date x = {9, 9, 9, ATT_DATE_DAY};
    assert_int_equal(att_date_parse_iso(s, &x), want);
    assert_int_equal(x.year, y);
    assert_int_equal(x.month, mo);
    assert_int_equal(x.day, d);
    assert_int_equal(x.precision, p);
}

static void test_parse_iso(void **state)
{
    (void)state;
    check_iso("2024-03-25", ATT_OK, 2024, 3, 25, ATT_DATE_DAY);
    check_iso("2024-03-25T07:30:00+07:00", ATT_OK, 2024, 3, 25, ATT_DATE_DAY);
    check_iso("2024-03-25 07:30", ATT_OK, 2024, 3, 25, ATT_DATE_DAY);
    check_iso("20201001", ATT_OK, 2020, 10, 1, ATT_DATE_DAY);
    check_iso("2024-03", ATT_OK, 2024, 3, 0, ATT_DATE_MONTH);
    check_iso("2024", ATT_OK, 2024, 0, 0, ATT_DATE_YEAR);
    check_iso("2023-02-29", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso("2024-02-29", ATT_OK, 2024, 2, 29, ATT_DATE_DAY);
    check_iso("2024-13", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso("2024-03-25X", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso("2024-3-5", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso("24-03-25", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso("", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso("abcd", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso("20241301", ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    check_iso(NULL, ATT_ERR_FORMAT, 0, 0, 0, ATT_DATE_NONE);
    assert_int_equal(att_date_parse_iso("2024", NULL), ATT_ERR_USAGE);
}

static void check_fmt(att_date d, const char *want)
{
    char buf[32];
    memset(buf, 'x', sizeof buf);
    int r = att_date_format(&d, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(r, (int)strlen(want));
}

static void test_format(void **state)
{
    (void)state;
    check_fmt((att_date){2024, 3, 25, ATT_DATE_DAY}, "2024-03-25");
    check_fmt((att_date){2024, 3, 25, ATT_DATE_WEEK}, "2024-03-25");
    check_fmt((att_date){2024, 3, 0, ATT_DATE_MONTH}, "2024-03");
    check_fmt((att_date){2024, 0, 0, ATT_DATE_YEAR}, "2024");
    check_fmt((att_date){0, 3, 25, ATT_DATE_DAY}, "--03-25");
    check_fmt((att_date){0, 3, 0, ATT_DATE_MONTH}, "--03");
    check_fmt((att_date){0, 0, 0, ATT_DATE_YEAR}, "");
    check_fmt((att_date){2024, 3, 25, ATT_DATE_NONE}, "");
    /* snprintf semantics: truncation reports the full length */
    char small[5];
    att_date d = {2024, 3, 25, ATT_DATE_DAY};
    assert_int_equal(att_date_format(&d, small, sizeof small), 10);
    assert_string_equal(small, "2024");
    assert_int_equal(att_date_format(&d, NULL, 0), 10);
    assert_string_equal(att_date_precision_name(ATT_DATE_DAY), "day");
    assert_string_equal(att_date_precision_name(ATT_DATE_WEEK), "week");
    assert_string_equal(att_date_precision_name(ATT_DATE_MONTH), "month");
    assert_string_equal(att_date_precision_name(ATT_DATE_YEAR), "year");
    assert_string_equal(att_date_precision_name(ATT_DATE_NONE), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_month_forms),
        cmocka_unit_test(test_year_less_day_resolution),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_relative_days),
        cmocka_unit_test(test_weeks_and_months_relative),
        cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_not_dates),
        cmocka_unit_test(test_unknown_reference),
        cmocka_unit_test(test_errors_and_empty),
        cmocka_unit_test(test_many_mentions),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
