/* test_layouts.c - the plain-text extractor on scraped pages of ten
 * news-site layouts (tests/layouts/, made by tools/gen_layouts.py
 * --fixtures around invented articles and rendered by w3m, lynx, html2text
 * and Chromium's innerText): every page's title and date right and body
 * F1 >= 0.97; and the date-line reader on the usual Vietnamese forms.
 * Run from the repository root. */
#include "test_util.h"

#include <dirent.h>

#include "../eval/layout_score.h"
#include "../src/article/text_internal.h"

static void test_layout_pages(void **state)
{
    (void)state;
    struct dirent **ents;
    int ne = scandir("tests/layouts", &ents, NULL, alphasort);
    assert_true(ne > 0);
    int pages = 0, bad = 0;
    char layouts[32] = "";
    for (int i = 0; i < ne; i++) {
        const char *name = ents[i]->d_name;
        size_t nl = strlen(name);
        if (nl > 5 && !strcmp(name + nl - 5, ".gold")) {
            char base[512];
            snprintf(base, sizeof base, "tests/layouts/%.*s", (int)(nl - 5), name);
            lay_result r = lay_score(base);
            pages++;
            if (!strchr(layouts, name[0]) && strlen(layouts) < sizeof layouts - 1)
                layouts[strlen(layouts)] = name[0];
            if (!r.ok || !r.title_ok || !r.date_ok || r.f1 < 0.97) {
                bad++;
                printf("  %s: title [%s] want [%s], date [%s] want [%s], body F1 %.3f\n", base, r.title,
                       r.gold_title, r.date, r.gold_date, r.f1);
            }
        }
        free(ents[i]);
    }
    free(ents);
    printf("  layouts: %d pages of %zu layouts, %d wrong\n", pages, strlen(layouts), bad);
    assert_true(strlen(layouts) >= 8);
    assert_true(pages >= 32);
    assert_int_equal(bad, 0);
}

static void expect_date(const char *line, int y, int m, int d, int h, int mi)
{
    tx_date t;
    if (!tx_dateline(line, strlen(line), &t))
        fail_msg("not read as a date line: \"%s\"", line);
    if (t.year != y || t.month != m || t.day != d || t.hour != h || (h >= 0 && t.minute != mi))
        fail_msg("\"%s\": %d-%d-%d %d:%d", line, t.year, t.month, t.day, t.hour, t.minute);
}

static void test_date_lines(void **state)
{
    (void)state;
    expect_date("Thứ hai, 31/03/2021 - 09:03", 2021, 3, 31, 9, 3);
    expect_date("31/03/2021 09:03 GMT+7", 2021, 3, 31, 9, 3);
    expect_date("09:03 | 31/03/2021", 2021, 3, 31, 9, 3);
    expect_date("Thứ Tư, 06:00, 31/03/2021", 2021, 3, 31, 6, 0);
    expect_date("Thứ tư, ngày 31 tháng 3 năm 2021 09:03", 2021, 3, 31, 9, 3);
    expect_date("Cập nhật lúc 09h03 31-03-2021", 2021, 3, 31, 9, 3);
    expect_date("Minh Anh · 09:03 31/3/2021", 2021, 3, 31, 9, 3);
    expect_date("Hải Yến | Thứ năm, 01/10/2020 14:00 (GMT+7)", 2020, 10, 1, 14, 0);
    expect_date("2021-03-31", 2021, 3, 31, -1, 0);
    tx_date t;
    assert_true(tx_dateline("Cập nhật: 31/03/2021 11:03", 26, &t) && t.update);
    /* sentences and headings that mention a date are not date lines */
    const char *no[] = {"Ngày 30/9/2020, ông Schiff cho biết báo cáo sẽ được công bố.",
                        "Sự kiện ngày 11/9/2001 và hệ quả còn kéo dài",
                        "Hội nghị diễn ra từ 31/3/2021 đến hết tuần sau tại thủ đô", "31/3", "Thứ hai"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (tx_dateline(no[i], strlen(no[i]), &t))
            fail_msg("read as a date line: \"%s\"", no[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_pages),
        cmocka_unit_test(test_date_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
