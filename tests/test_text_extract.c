/* test_text_extract.c - plain-text article extraction (scraped pages, clean
 * corpus files, generic text).  All inputs are written for these tests. */
#include "test_util.h"

#include "../src/article/text_extract.h"

/* Body paragraphs (long, sentence-like). */
#define P1 "Hai nước đã nhất trí tăng cường hợp tác trong các lĩnh vực thương mại, đầu tư, giáo dục và ứng phó biến đổi khí hậu trong thời gian tới."
#define P2 "Phát biểu tại cuộc hội đàm, Bộ trưởng nhấn mạnh quan hệ song phương đang ở giai đoạn phát triển tốt đẹp nhất từ trước đến nay."
#define P3 "Theo các chuyên gia, chuyến thăm lần này sẽ mở ra nhiều cơ hội mới cho doanh nghiệp hai bên, nhất là trong lĩnh vực năng lượng sạch."
#define P4 "Trước đó, hai bên đã ký kết bản ghi nhớ về hợp tác nông nghiệp và phát triển chuỗi cung ứng bền vững cho toàn khu vực Đông Nam Á."
#define LEAD "Hai nước đang đứng trước cơ hội lớn để đưa quan hệ kinh tế số lên tầm cao mới trong bối cảnh chuyển đổi số toàn cầu."
#define TITLE "Việt Nam và Australia thúc đẩy hợp tác kinh tế số"

static att_article extract(const char *text, att_status want)
{
    att_article a;
    att_article_init(&a);
    assert_int_equal(att_text_extract(text, strlen(text), &a), want);
    return a;
}

static void dump(const att_article *a)
{
    for (size_t i = 0; i < a->n_paras; i++)
        print_message("  para %zu (%d): %s\n", i, a->paras[i].kind, a->paras[i].text);
}

/* want: NULL-terminated; a "# " prefix marks a heading. */
static void expect_paras(const att_article *a, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    if (a->n_paras != n) {
        dump(a);
        fail_msg("expected %zu paragraphs, got %zu", n, a->n_paras);
    }
    for (size_t i = 0; i < n; i++) {
        int head = strncmp(want[i], "# ", 2) == 0;
        if (strcmp(a->paras[i].text, head ? want[i] + 2 : want[i]) != 0 ||
            a->paras[i].kind != (head ? ATT_PARA_HEADING : ATT_PARA_TEXT)) {
            dump(a);
            fail_msg("paragraph %zu: expected \"%s\"", i, want[i]);
        }
    }
}

static void expect_authors(const att_article *a, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    assert_int_equal(a->n_authors, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(a->authors[i], want[i]);
}

/* ------------------------------------------------------ scraped pages */

static void test_header_title_byline_lead_date(void **state)
{
    (void)state;
    const char *page = "📞\n\n" TITLE "\n\n"
                       "Minh Châu, Lê Hoàng 08:30 | 15/04/2024\n"
                       "Baoquocte.vn. TGVN. " LEAD "\n"
                       "Theo dõi Baoquocte.vn trên\n" TITLE "\n"
                       "Bộ trưởng hai nước tại lễ ký kết ở Canberra.\n\n" P1 "\n\n" P2 "\n";
    att_article a = extract(page, ATT_OK);
    assert_string_equal(a.title, TITLE); /* the emoji line is not the title */
    expect_authors(&a, (const char *[]){"Minh Châu", "Lê Hoàng", NULL});
    assert_string_equal(a.published, "2024-04-15T08:30");
    assert_string_equal(a.lead, LEAD); /* both site prefixes stripped */
    /* follow line, repeated title and the hero caption after it are gone */
    expect_paras(&a, (const char *[]){P1, P2, NULL});
    assert_null(a.url);
    att_article_free(&a);

    /* the repeated title and its hero caption may also come before the lead */
    a = extract(TITLE "\n\nHà Phương (tổng hợp)\nTheo dõi Baoquocte.vn trên\n" TITLE "\n"
                "Quang cảnh cuộc gặp giữa hai bộ trưởng tại thủ đô Canberra hôm qua.\n"
                "Baoquocte.vn. " LEAD "\n\n" P1 "\n",
                ATT_OK);
    expect_authors(&a, (const char *[]){"Hà Phương", NULL});
    assert_string_equal(a.lead, LEAD);
    expect_paras(&a, (const char *[]){P1, NULL});
    att_article_free(&a);
}

static void test_follow_line_before_lead_and_theo_credit(void **state)
{
    (void)state;
    att_article a = extract(TITLE "\n\nTheo Reuters\nTheo dõi TGVN trên\nTGVN. " LEAD "\n\n" P1 "\n", ATT_OK);
    assert_int_equal(a.n_authors, 0); /* "Theo X" is a credit, not an author */
    assert_null(a.published);
    assert_string_equal(a.lead, LEAD);
    expect_paras(&a, (const char *[]){P1, NULL});
    att_article_free(&a);
}

static void test_date_only_from_byline(void **state)
{
    (void)state;
    /* dates in the body and in teasers never become the publication date */
    const char *page = TITLE "\n\nPhan Anh\n" LEAD "\n\n"
                       "Ngày 14/7/2023, hai bên đã tổ chức vòng đàm phán đầu tiên về thương mại điện tử tại thủ đô Hà Nội.\n\n"
                       P1 "\n\n"
                       "Đọc thêm\n\n"
                       "Thủ tướng tiếp Đại sứ Hàn Quốc\n\nThủ tướng tiếp Đại sứ Hàn Quốc\n\n"
                       "Ngày 12/3/2024, Thủ tướng đã tiếp Đại sứ Hàn Quốc nhân dịp kết thúc nhiệm kỳ...\n";
    att_article a = extract(page, ATT_OK);
    assert_null(a.published);
    expect_authors(&a, (const char *[]){"Phan Anh", NULL});
    expect_paras(&a, (const char *[]){"Ngày 14/7/2023, hai bên đã tổ chức vòng đàm phán đầu tiên về thương mại điện tử tại thủ đô Hà Nội.", P1, NULL});
    att_article_free(&a);
}

static void test_headings(void **state)
{
    (void)state;
    const char *page = TITLE "\n\n" LEAD "\n\n"
                       "Những lĩnh vực ưu tiên\n\n" P1 "\n\n"
                       "Tinh thần “cởi mở và thẳng thắn”?\n\n" P2 "\n\n"
                       "Xin Bộ trưởng cho biết những trọng tâm hợp tác của hai nước trong năm tới sẽ là gì và được triển khai ra sao?\n\n"
                       P3 "\n\n"
                       "Một dòng ngắn ở cuối\n";
    att_article a = extract(page, ATT_OK);
    expect_paras(&a, (const char *[]){"# Những lĩnh vực ưu tiên", P1, "# Tinh thần “cởi mở và thẳng thắn”?", P2,
                                      "Xin Bộ trưởng cho biết những trọng tâm hợp tác của hai nước trong năm tới sẽ là gì và được triển khai ra sao?",
                                      P3, NULL});
    att_article_free(&a);
}

static void test_captions_and_near_copies(void **state)
{
    (void)state;
    const char *page = TITLE "\n\n" LEAD "\n\n" P1 "\n\n"
                       "(09.15) Đại sứ Nguyễn Văn An trình quốc thư tại Phủ Tổng thống. (Nguồn: TTXVN)\n"
                       "Đại sứ Nguyễn Văn An trình quốc thư tại Phủ Tổng thống.\n\n" P2 "\n\n"
                       "Toàn cảnh phiên họp. (Ảnh: Quang Hòa)\n"
                       "Toàn cảnh phiên họp của Hội đồng Bảo an tại New York. (Ảnh: Quang Hòa)\n\n"
                       "Bến cảng Hải Phòng nhìn từ trên cao. Ảnh: Reuters\n\n" P3 "\n";
    att_article a = extract(page, ATT_OK);
    expect_paras(&a, (const char *[]){P1, P2, P3, NULL});
    att_article_free(&a);
}

static void test_pull_quotes(void **state)
{
    (void)state;
    const char *quoted = "Trước hết, chính phủ muốn tái tạo lòng tin với các đối tác truyền thống. Bộ trưởng tin rằng "
                         "\"mọi vấn đề quốc tế đều bắt đầu từ sự tin tưởng giữa các cá nhân lãnh đạo\".";
    const char *said = "Theo Đại sứ, chúng tôi mong muốn biến các cam kết thành những dự án hợp tác cụ thể, mang lại lợi ích "
                       "thiết thực cho người dân hai nước. Điều quan trọng là phải hành động nhanh và đồng bộ.";
    char page[4096];
    snprintf(page, sizeof page,
             TITLE "\n\n" LEAD "\n\n%s\n\n" P1 "\n\n"
             "Bộ trưởng: \"Mọi vấn đề quốc tế đều bắt đầu từ sự tin tưởng giữa các cá nhân lãnh đạo\".\n\n" /* after */
             "“Chúng tôi mong muốn biến các cam kết thành những dự án hợp tác cụ thể, mang lại lợi ích thiết thực "
             "cho người dân hai nước”. Đại sứ Việt Nam tại Canada Trần Văn Bình\n\n" /* before, with a tail */
             "%s\n\n" P2 "\n\n" P2 "\n",
             quoted, said);
    att_article a = extract(page, ATT_OK);
    /* the exact duplicate keeps its first copy */
    expect_paras(&a, (const char *[]){quoted, P1, said, P2, NULL});
    att_article_free(&a);
}

static void test_lead_repeated_in_body(void **state)
{
    (void)state;
    att_article a = extract(TITLE "\n\nTGVN. " LEAD "\n\n" LEAD "\n\n" P1 "\n", ATT_OK);
    assert_string_equal(a.lead, LEAD);
    expect_paras(&a, (const char *[]){P1, NULL});
    att_article_free(&a);
}

static void test_mid_body_related_links(void **state)
{
    (void)state;
    const char *page = TITLE "\n\n" LEAD "\n\n" P1 "\n\n"
                       "Tin liên quan\n"
                       "Hội nghị cấp cao ASEAN lần thứ 44 sẽ diễn ra tại Viêng Chăn vào tháng 10 tới, với nhiều nội dung quan trọng sẽ được thảo luận?\n\n"
                       P2 "\n\n"
                       "TIN LIÊN QUAN\n"
                       "Thủ tướng dự Hội nghị Thượng đỉnh G20\n"
                       "Bộ Ngoại giao họp báo thường kỳ tháng 6\n"
                       "viet-nam-australia-thuc-day-hop-tac-kinh-te-so\n\n"
                       "Kinh tế số - động lực mới?\n\n" P3 "\n";
    att_article a = extract(page, ATT_OK);
    /* the list ends when text resumes; a heading right after it is kept */
    expect_paras(&a, (const char *[]){P1, P2, "# Kinh tế số - động lực mới?", P3, NULL});
    att_article_free(&a);

    /* links in blocks of their own after a lone widget heading are the list */
    a = extract(TITLE "\n\n" LEAD "\n\n" P1 "\n\nTin liên quan\n\n"
                "Nhật Bản công bố kế hoạch quốc phòng mới\n\n"
                "Hàn Quốc tăng ngân sách quốc phòng năm 2025\n\n" P2 "\n",
                ATT_OK);
    expect_paras(&a, (const char *[]){P1, P2, NULL});
    att_article_free(&a);
}

static void test_end_widgets_and_teasers(void **state)
{
    (void)state;
    const char *page = TITLE "\n\n" LEAD "\n\n" P1 "\n\n" P2 "\n\n"
                       "TIN LIÊN QUAN\n"
                       "Giá gạo xuất khẩu tăng mạnh trong quý I\n"
                       "Doanh nghiệp Việt tìm cơ hội tại thị trường Nam Mỹ\n\n"
                       "Bài viết cùng chủ đề\n\n"
                       "Quan hệ Việt - Úc\n\n"
                       "Xem nhiều\n\n"
                       "Đọc thêm\n\n"
                       "Giá cà phê hôm nay 12/3/2024: Thị trường biến động mạnh\n\n"
                       "Giá cà phê hôm nay 12/3/2024: Thị trường biến động mạnh\n\n"
                       "Baoquocte.vn. Báo cập nhật giá cà phê hôm nay 12/3/2024 trên thị trường thế giới và trong nước ...\n"
                       "Điện mừng Bộ trưởng Ngoại giao Chile\n\n"
                       "Điện mừng Bộ trưởng Ngoại giao Chile\n\n"
                       "Bộ trưởng Ngoại giao đã gửi điện mừng nhân dịp người đồng cấp Chile được bổ nhiệm.\n"
                       "Phiên bản di động\n"
                       "Tòa soạn giữ bản quyền mọi nội dung đăng tải trên trang này từ năm 2010 đến nay.\n";
    att_article a = extract(page, ATT_OK);
    expect_paras(&a, (const char *[]){P1, P2, NULL});
    assert_null(a.published);
    att_article_free(&a);
}

static void test_teasers_without_heading(void **state)
{
    (void)state;
    const char *page = TITLE "\n\n" LEAD "\n\n" P1 "\n\n" P2 "\n\n"
                       "Indonesia và Malaysia ký thỏa thuận biên giới biển\n\n"
                       "Indonesia và Malaysia ký thỏa thuận biên giới biển\n\n"
                       "Ngày 8/6, hai nước đã ký thỏa thuận phân định ranh giới trên biển Sulawesi sau nhiều năm đàm phán...\n\n"
                       "Nhật Bản công bố Sách Trắng quốc phòng năm 2024\n\n"
                       "Nhật Bản công bố Sách Trắng quốc phòng năm  2024 1\n\n"
                       "TGVN. Sách Trắng nêu bật những thách thức an ninh mà Nhật Bản đang phải đối mặt trong khu vực.\n\n"
                       "(theo Nikkei Asia)\n";
    att_article a = extract(page, ATT_OK);
    expect_paras(&a, (const char *[]){P1, P2, NULL});
    att_article_free(&a);
}

static void test_link_list_credit_slug_letterless(void **state)
{
    (void)state;
    const char *page = TITLE "\n\n" LEAD "\n\n" P1 "\n\n"
                       "Giá vàng hôm nay tăng nhẹ\n\n"
                       "Mỹ công bố số liệu lạm phát tháng 5\n\n"
                       "Hàn Quốc tổ chức bầu cử quốc hội\n\n"
                       P2 "\n\n"
                       "* * *\n\n"
                       "ngoai-giao-kinh-te-trong-ky-nguyen-moi\n\n"
                       "(theo Sputnik)\n\n"
                       "Theo Reuters, AFP\n\n"
                       "Xem thêm: Thủ tướng tiếp Đại sứ Nhật Bản\n\n" P3 "\n\n"
                       "(trích lược - theo Tạp chí Nghiên cứu quốc tế)\n";
    att_article a = extract(page, ATT_OK);
    expect_paras(&a, (const char *[]){P1, P2, P3, NULL});
    att_article_free(&a);
}

/* ------------------------------------------------------- clean files */

#define URL "https://example.vn/the-gioi/viet-nam-va-lao-ky-hiep-dinh-thuong-mai-moi-20240101120000.htm"

static void test_clean_file(void **state)
{
    (void)state;
    const char *doc = "# doc_id = test_001\n# url = " URL "\n# date = 20240101\n"
                      "Việt Nam và Lào ký hiệp định thương mại mới\n" LEAD "\n" P1 "\n"
                      "Những điểm mới của hiệp định\n" P2 "\n"
                      "Hai nhà lãnh đạo tại lễ ký (Ảnh: TTXVN).\n" P3 "\n"
                      "Thanh Hà\nTheo Reuters, AFP\n";
    att_article a = extract(doc, ATT_OK);
    assert_string_equal(a.title, "Việt Nam và Lào ký hiệp định thương mại mới");
    assert_string_equal(a.url, URL);
    assert_string_equal(a.published, "2024-01-01");
    assert_string_equal(a.lead, LEAD);
    expect_paras(&a, (const char *[]){P1, "# Những điểm mới của hiệp định", P2, P3, NULL});
    expect_authors(&a, (const char *[]){"Thanh Hà", NULL}); /* the closing signature */
    att_article_free(&a);
}

static void test_clean_file_caption_first(void **state)
{
    (void)state;
    const char *doc = "# doc_id = test_002\n# url = " URL "\n# date = 20240315\n"
                      "Tàu hải quân cập cảng Cam Ranh (Ảnh: Getty).\n" P1 "\n" P2 "\n" P3 "\n"
                      "Thanh HàTheo Reuters\n";
    att_article a = extract(doc, ATT_OK);
    assert_null(a.title);
    assert_string_equal(a.lead, P1);
    assert_string_equal(a.published, "2024-03-15");
    expect_paras(&a, (const char *[]){P2, P3, NULL});
    expect_authors(&a, (const char *[]){"Thanh Hà", NULL}); /* glued to the credit */
    att_article_free(&a);
}

static void test_clean_file_heading_first(void **state)
{
    (void)state;
    /* the first line does not match the URL's slug: a heading, not a title */
    const char *doc = "# url = https://example.vn/nhat-ban-tang-ngan-sach-quoc-phong-ky-luc-2024.htm\n"
                      "Những con số đáng chú ý\n" P1 "\n" P2 "\n" P3 "\n";
    att_article a = extract(doc, ATT_OK);
    assert_null(a.title);
    assert_string_equal(a.lead, P1);
    expect_paras(&a, (const char *[]){"# Những con số đáng chú ý", P2, P3, NULL});
    att_article_free(&a);
}

static void test_photo_story(void **state)
{
    (void)state;
    const char *doc = "# url = https://example.vn/canh-bao-lu-lut-2024.htm\n"
                      "Người dân sơ tán khỏi vùng ngập lụt ở ngoại ô thành phố trong đêm qua (Ảnh: Reuters).\n"
                      "Lực lượng cứu hộ dùng xuồng máy đưa người già và trẻ em tới nơi an toàn (Ảnh: AP).\n"
                      "Minh PhươngTổng hợp\n";
    att_article a = extract(doc, ATT_OK);
    /* nothing but captions: their text is the story */
    expect_paras(&a, (const char *[]){"Người dân sơ tán khỏi vùng ngập lụt ở ngoại ô thành phố trong đêm qua",
                                      "Lực lượng cứu hộ dùng xuồng máy đưa người già và trẻ em tới nơi an toàn", NULL});
    assert_null(a.title);
    expect_authors(&a, (const char *[]){"Minh Phương", NULL});
    att_article_free(&a);
}

/* -------------------------------------------------------- other text */

static void test_generic_blank_separated(void **state)
{
    (void)state;
    att_article a = extract("Ghi chép về chuyến đi\r\n\r\n" P1 "\r\n\r\n" P2 "\r\n\r\n" P3 "\r\n", ATT_OK);
    assert_string_equal(a.title, "Ghi chép về chuyến đi");
    assert_string_equal(a.lead, P1);
    expect_paras(&a, (const char *[]){P2, P3, NULL});
    att_article_free(&a);
}

static void test_generic_line_separated_and_wrapped(void **state)
{
    (void)state;
    att_article a = extract("Ghi chép về chuyến đi\n" P1 "\n"
                            "Đoàn công tác đã tới thăm nhiều địa phương và gặp gỡ\n"
                            "bà con kiều bào đang sinh sống, làm việc tại đây.\n" P2 "\n",
                            ATT_OK);
    assert_string_equal(a.title, "Ghi chép về chuyến đi");
    assert_string_equal(a.lead, P1);
    expect_paras(&a, (const char *[]){"Đoàn công tác đã tới thăm nhiều địa phương và gặp gỡ bà con kiều bào đang sinh sống, làm việc tại đây.",
                                      P2, NULL});
    att_article_free(&a);
}

static void test_single_paragraph_is_body(void **state)
{
    (void)state;
    att_article a = extract("Thông báo\n\n" P1 "\n", ATT_OK);
    assert_string_equal(a.title, "Thông báo");
    assert_null(a.lead);
    expect_paras(&a, (const char *[]){P1, NULL});
    att_article_free(&a);
}

static void test_empty(void **state)
{
    (void)state;
    att_article a = extract("", ATT_ERR_EMPTY);
    assert_int_equal(a.n_paras, 0);
    att_article_free(&a);
    a = extract(" \n\n\t\n", ATT_ERR_EMPTY);
    att_article_free(&a);
    a = extract("Chỉ có tiêu đề thôi\n", ATT_ERR_EMPTY);
    assert_string_equal(a.title, "Chỉ có tiêu đề thôi"); /* metadata is still filled in */
    att_article_free(&a);
    a = extract("📞\n\nTin liên quan\nTheo dõi Baoquocte.vn trên\n(theo TTXVN)\n", ATT_ERR_EMPTY);
    att_article_free(&a);
    att_article_init(&a);
    assert_int_equal(att_text_extract(NULL, 0, &a), ATT_ERR_EMPTY);
    att_article_free(&a);
}

/* A stored paragraph has its whitespace made plain: runs of spaces, tabs,
 * no-break and other Unicode spaces become one space, none at either end;
 * a paragraph already plain is stored as it is (quotes, dashes and
 * letters whose UTF-8 starts with the same bytes as those spaces stay). */
static void test_paragraph_whitespace(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Hà Nội “mở cửa” – năm 2024… © ABC", "Hà Nội “mở cửa” – năm 2024… © ABC"},
        {"  Hai  nước\tký\xc2\xa0kết\xe2\x80\x89hiệp\xe3\x80\x80định\xe2\x80\xaf.  ",
         "Hai nước ký kết hiệp định ."},
        {"Một câu.", "Một câu."},
        {"a \n b", "a b"},
        {"x ", "x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        att_article a;
        att_article_init(&a);
        assert_int_equal(att_article_add_para(&a, cases[i][0], strlen(cases[i][0]), ATT_PARA_TEXT), ATT_OK);
        assert_int_equal(a.n_paras, 1);
        assert_string_equal(a.paras[0].text, cases[i][1]);
        att_article_free(&a);
    }
    att_article a;
    att_article_init(&a);
    assert_int_equal(att_article_add_para(&a, " \xc2\xa0\t", 4, ATT_PARA_TEXT), ATT_OK);
    assert_int_equal(a.n_paras, 0); /* all whitespace: no paragraph */
    att_article_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_title_byline_lead_date),
        cmocka_unit_test(test_follow_line_before_lead_and_theo_credit),
        cmocka_unit_test(test_date_only_from_byline),
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_captions_and_near_copies),
        cmocka_unit_test(test_pull_quotes),
        cmocka_unit_test(test_lead_repeated_in_body),
        cmocka_unit_test(test_mid_body_related_links),
        cmocka_unit_test(test_end_widgets_and_teasers),
        cmocka_unit_test(test_teasers_without_heading),
        cmocka_unit_test(test_link_list_credit_slug_letterless),
        cmocka_unit_test(test_clean_file),
        cmocka_unit_test(test_clean_file_caption_first),
        cmocka_unit_test(test_clean_file_heading_first),
        cmocka_unit_test(test_photo_story),
        cmocka_unit_test(test_generic_blank_separated),
        cmocka_unit_test(test_generic_line_separated_and_wrapped),
        cmocka_unit_test(test_single_paragraph_is_body),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_paragraph_whitespace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
