/* test_boiler.c - boilerplate signals shared by the extractors. */
#include "test_util.h"

#include "../src/article/boiler.h"

#define L(s) (s), strlen(s)

static void test_widget_heading(void **state)
{
    (void)state;
    assert_true(att_boiler_widget_heading(L("Tin liên quan")));
    assert_true(att_boiler_widget_heading(L("TIN LIÊN QUAN")));
    assert_true(att_boiler_widget_heading(L("  Tin liên quan:  ")));
    assert_true(att_boiler_widget_heading(L("Bài viết cùng chủ đề")));
    assert_true(att_boiler_widget_heading(L("Xem nhiều")));
    assert_true(att_boiler_widget_heading(L("Đọc thêm")));
    assert_true(att_boiler_widget_heading(L("Có thể bạn quan tâm")));
    assert_true(att_boiler_widget_heading(L("Tin cùng chuyên mục")));
    assert_true(att_boiler_widget_heading(L("Phiên bản di động")));
    /* a label for each first word the labels start with (the look-up
     * folds a line only when its first word starts some label) */
    static const char *const labels[] = {
        "Bài liên quan", "Các tin liên quan", "Cùng chủ đề", "Đọc nhiều nhất", "Bạn có thể quan tâm",
        "Mới nhất", "Tiêu điểm", "Chia sẻ", "Bình luận", "Gửi bình luận", "Ý kiến bạn đọc", "Từ khóa",
        "Tags", "Tag", "Chủ đề", "Related news", "Read more", "Most popular", "See also", "More stories",
        "You may also like", "Tin hot"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        assert_true(att_boiler_widget_heading(L(labels[i])));
    assert_false(att_boiler_widget_heading(L("Tin liên quan đến vụ tai nạn ở Hà Nội")));
    assert_false(att_boiler_widget_heading(L("Quan hệ Việt - Lào")));
    assert_false(att_boiler_widget_heading(L("")));
}

static void test_inline_link(void **state)
{
    (void)state;
    assert_true(att_boiler_inline_link(L("Xem thêm: Thủ tướng tiếp Đại sứ Nhật Bản")));
    assert_true(att_boiler_inline_link(L("Đọc thêm >> Giá vàng hôm nay tăng mạnh")));
    assert_true(att_boiler_inline_link(L("Tin liên quan: Thủ tướng tiếp Đại sứ Nhật Bản")));
    assert_false(att_boiler_inline_link(L("Thủ tướng nói: chúng tôi sẽ tiếp Đại sứ Nhật Bản")));
    assert_false(att_boiler_inline_link(L("Xem thêm")));
    assert_false(att_boiler_inline_link(L("Ông nói: chúng tôi sẽ xem xét thêm các đề xuất.")));
}

static void test_site_prefix(void **state)
{
    (void)state;
    const char *a = "Baoquocte.vn. Hà Nội tiếp tục mở rộng hợp tác.";
    assert_string_equal(a + att_boiler_site_prefix(L(a)), "Hà Nội tiếp tục mở rộng hợp tác.");
    const char *b = "Baoquocte.vn. TGVN. Kể từ đầu năm, hai nước đã ký nhiều thỏa thuận.";
    assert_string_equal(b + att_boiler_site_prefix(L(b)), "Kể từ đầu năm, hai nước đã ký nhiều thỏa thuận.");
    const char *c = "TG&VN. Đoàn đại biểu đã tới Viêng Chăn.";
    assert_string_equal(c + att_boiler_site_prefix(L(c)), "Đoàn đại biểu đã tới Viêng Chăn.");
    const char *d = "(Dân trí) - Quốc hội thông qua luật mới.";
    assert_string_equal(d + att_boiler_site_prefix(L(d)), "Quốc hội thông qua luật mới.");
    const char *e = "VOV.VN - Hội nghị khai mạc sáng nay.";
    assert_string_equal(e + att_boiler_site_prefix(L(e)), "Hội nghị khai mạc sáng nay.");
    assert_int_equal(att_boiler_site_prefix(L("EU - Trung Quốc tăng cường đối thoại.")), 0);
    assert_int_equal(att_boiler_site_prefix(L("(06.30) Tổng thống phát biểu tại lễ khai mạc.")), 0);
    assert_int_equal(att_boiler_site_prefix(L("Mỹ và Nhật Bản ký hiệp định.")), 0);
    assert_int_equal(att_boiler_site_prefix(L("TGVN.")), 0); /* nothing after it */
}

static void test_caption(void **state)
{
    (void)state;
    assert_true(att_boiler_is_caption(L("Thủ tướng phát biểu tại hội nghị. (Nguồn: AP)")));
    assert_true(att_boiler_is_caption(L("Người dân xếp hàng tại Hà Nội (Ảnh: Reuters).")));
    assert_true(att_boiler_is_caption(L("Ảnh minh họa. (Ảnh: US News)")));
    assert_true(att_boiler_is_caption(L("(Ảnh minh họa)")));
    assert_true(att_boiler_is_caption(L("Tàu hải quân cập cảng Cam Ranh. Ảnh: TTXVN")));
    assert_true(att_boiler_is_caption(L("Ảnh: Reuters")));
    assert_true(att_boiler_is_caption(L("Mô hình máy bay thế hệ mới; Nguồn: example.com")));
    assert_true(att_boiler_is_caption(L("Bản đồ khu vực (Đồ họa: AFP).")));
    assert_false(att_boiler_is_caption(L("Dịch bệnh gây ảnh hưởng lớn tới kinh tế.")));
    assert_false(att_boiler_is_caption(L("Nguồn tin cho biết hai bên sẽ gặp nhau vào tuần tới.")));
    assert_false(att_boiler_is_caption(L("Giá dầu tăng mạnh (ảnh hưởng từ căng thẳng khu vực).")));
    assert_false(att_boiler_is_caption(L("Trong ảnh: Người dân đợi bơm bình ôxy trước cửa bệnh viện tư nhân ở ngoại ô thành phố lớn nhất miền Bắc")));

    const char *c = "Thủ tướng phát biểu tại hội nghị. (Nguồn: AP)";
    size_t k = att_boiler_caption_text(L(c));
    assert_int_equal(k, strlen("Thủ tướng phát biểu tại hội nghị."));
    assert_int_equal(att_boiler_caption_text(L("Ảnh: Reuters")), 0);
    assert_int_equal(att_boiler_caption_text(L("Một đoạn văn bình thường.")), 0);
}

static void test_follow_credit_source_slug(void **state)
{
    (void)state;
    assert_true(att_boiler_is_follow_line(L("Theo dõi Baoquocte.vn trên")));
    assert_true(att_boiler_is_follow_line(L("Theo dõi TGVN trên")));
    assert_true(att_boiler_is_follow_line(L("Theo dõi chúng tôi trên Facebook")));
    assert_false(att_boiler_is_follow_line(L("Theo dõi sát tình hình trên biển")));
    assert_true(att_boiler_is_follow_line(L("Follow us on Facebook")));
    assert_false(att_boiler_is_follow_line(L("Tin liên quan trên Facebook")));
    assert_false(att_boiler_is_follow_line(L("Theo Reuters")));

    assert_true(att_boiler_is_credit(L("(theo Sputnik)")));
    assert_true(att_boiler_is_credit(L("(thực hiện)")));
    assert_true(att_boiler_is_credit(L("(trích lược - theo Tạp chí Nghiên cứu quốc tế, Học viện Ngoại giao)")));
    assert_true(att_boiler_is_credit(L("[Theo Tân Hoa xã].")));
    assert_false(att_boiler_is_credit(L("(06.30) Tổng thống phát biểu (Nguồn: AP)")));
    assert_false(att_boiler_is_credit(L("Theo Sputnik")));

    assert_true(att_boiler_is_source_line(L("Theo Reuters")));
    assert_true(att_boiler_is_source_line(L("Theo Reuters, AFP")));
    assert_true(att_boiler_is_source_line(L("Theo Vân Thiêng, Đặng Thùy")));
    assert_true(att_boiler_is_source_line(L("Tổng hợp")));
    assert_true(att_boiler_is_source_line(L("Nguồn: VnExpress")));
    assert_true(att_boiler_is_source_line(L("Biên dịch")));
    assert_true(att_boiler_is_source_line(L("Lược dịch")));
    assert_true(att_boiler_is_source_line(L("Nhóm PV")));
    assert_true(att_boiler_is_source_line(L("PV")));
    assert_true(att_boiler_is_source_line(L("Theo tổng hợp")));
    assert_true(att_boiler_is_source_line(L("Tổng hợp từ các nguồn")));
    assert_false(att_boiler_is_source_line(L("Phóng viên")));
    assert_false(att_boiler_is_source_line(L("Theo đuổi mục tiêu hòa bình")));
    assert_false(att_boiler_is_source_line(L("Theo Politico, báo cáo dài 200 trang được bảo mật.")));
    assert_false(att_boiler_is_source_line(L("Thành Đạt")));

    assert_true(att_boiler_is_slug(L("ngoai-giao-so-ly-thuyet-va-thuc-tien")));
    assert_true(att_boiler_is_slug(L("https://example.vn/the-gioi/bai-viet.htm")));
    assert_false(att_boiler_is_slug(L("Covid-19")));
    assert_false(att_boiler_is_slug(L("Nga-Mỹ-Trung")));
    assert_false(att_boiler_is_slug(L("quan hệ song phương")));
}

static void test_page_end(void **state)
{
    (void)state;
    assert_true(att_boiler_page_end(L("Phiên bản di động")));
    assert_true(att_boiler_page_end(L("© 2024 Báo Thế giới và Việt Nam")));
    assert_true(att_boiler_page_end(L("Bản quyền thuộc về Báo điện tử ABC")));
    assert_true(att_boiler_page_end(L("Về đầu trang")));
    assert_true(att_boiler_page_end(L("Lên đầu trang")));
    assert_true(att_boiler_page_end(L("Trở về đầu trang")));
    assert_true(att_boiler_page_end(L("Phiên bản desktop")));
    assert_true(att_boiler_page_end(L("Copyright 2024 Báo Thế giới và Việt Nam. All rights reserved.")));
    assert_true(att_boiler_page_end(L("Bản quyền 2024 Báo ABC")));
    assert_false(att_boiler_page_end(L("Phiên họp thứ hai của Quốc hội bắt đầu từ sáng nay.")));
    assert_false(att_boiler_page_end(L("Bộ Ngoại giao thông báo về lịch trình chuyến thăm.")));
}

static void test_byline(void **state)
{
    (void)state;
    att_byline b;
    const char *s = "Phương Hằng 07:00 | 24/03/2024";
    assert_true(att_boiler_byline(L(s), &b));
    assert_int_equal(b.n_names, 1);
    assert_int_equal(b.names[0].len, strlen("Phương Hằng"));
    assert_memory_equal(s + b.names[0].off, "Phương Hằng", b.names[0].len);
    assert_int_equal(b.year, 2024);
    assert_int_equal(b.month, 3);
    assert_int_equal(b.day, 24);
    assert_int_equal(b.hour, 7);
    assert_int_equal(b.minute, 0);

    s = "Vũ Lê Thái Hoàng, Nguyễn Đức Huy";
    assert_true(att_boiler_byline(L(s), &b));
    assert_int_equal(b.n_names, 2);
    assert_memory_equal(s + b.names[1].off, "Nguyễn Đức Huy", b.names[1].len);
    assert_int_equal(b.year, 0);
    assert_true(b.hour < 0);

    s = "Minh Anh và Hoàng Long";
    assert_true(att_boiler_byline(L(s), &b));
    assert_int_equal(b.n_names, 2);
    assert_memory_equal(s + b.names[0].off, "Minh Anh", b.names[0].len);

    s = "Bài và ảnh: Trần Văn Nam";
    assert_true(att_boiler_byline(L(s), &b));
    assert_int_equal(b.n_names, 1);
    assert_memory_equal(s + b.names[0].off, "Trần Văn Nam", b.names[0].len);

    s = "Hà Phương (tổng hợp)";
    assert_true(att_boiler_byline(L(s), &b));
    assert_int_equal(b.n_names, 1);
    assert_int_equal(b.names[0].len, strlen("Hà Phương"));

    assert_true(att_boiler_byline(L("Thứ Bảy, 24/03/2024 - 07:00"), &b)); /* weekday */
    assert_int_equal(b.n_names, 0);
    assert_int_equal(b.day, 24);
    assert_int_equal(b.hour, 7);
    assert_true(att_boiler_byline(L("Cập nhật: 09/11/2023 15:45"), &b)); /* label */
    assert_int_equal(b.n_names, 0);
    assert_int_equal(b.month, 11);
    assert_int_equal(b.minute, 45);

    assert_true(att_boiler_byline(L("07:00 | 24/03/2024"), &b)); /* date only */
    assert_int_equal(b.n_names, 0);
    assert_int_equal(b.year, 2024);

    assert_true(att_boiler_byline(L("Phóng viên 9 09:09 | 10/10/2022"), &b)); /* stamp, no name */
    assert_int_equal(b.n_names, 0);
    assert_int_equal(b.year, 2022);
    assert_int_equal(b.hour, 9);
    assert_false(att_boiler_byline(L("Phóng viên 9"), &b)); /* no stamp, no name */
    assert_false(att_boiler_byline(L("Hội nghị lần thứ 9 09:09 | 10/10/2022 tại Hà Nội bàn nhiều vấn đề"), &b));

    assert_false(att_boiler_byline(L("Theo Reuters"), &b)); /* a credit */
    assert_false(att_boiler_byline(L("Ngày 12/3, Bộ Ngoại giao đã ra thông báo khuyến cáo công dân."), &b));
    assert_false(att_boiler_byline(L("Thúc đẩy hợp tác song phương"), &b));
    assert_false(att_boiler_byline(L(""), &b));
}

static void test_near_equal(void **state)
{
    (void)state;
    assert_true(att_boiler_near_equal(L("Lịch âm 8/5 - Xem lịch  hôm nay"), L("Lịch âm 8/5 - Xem lịch hôm nay")));
    assert_true(att_boiler_near_equal(L("Quan hệ Nga-Ukraine: Lời mời giăng bẫy"),
                                      L("Quan hệ Nga-Ukraine: Lời mời giăng bẫy 1")));
    assert_true(att_boiler_near_equal(L("QUAN HỆ VIỆT - LÀO"), L("Quan hệ Việt-Lào")));
    assert_false(att_boiler_near_equal(L("Quan hệ Việt - Lào"), L("Quan hệ Việt - Campuchia")));
    assert_false(att_boiler_near_equal(L("Hội nghị ASEAN"), L("Hội nghị ASEAN lần thứ 43 tại Jakarta hôm nay")));
    assert_false(att_boiler_near_equal(L(""), L("")));
}

static void test_containment(void **state)
{
    (void)state;
    const char *para = "Trước hết, chính phủ muốn tái tạo lòng tin với các đối tác. Bộ trưởng tin rằng "
                       "\"mọi vấn đề quốc tế đều bắt đầu từ sự tin tưởng giữa các cá nhân lãnh đạo\".";
    const char *quote = "Bộ trưởng: \"Mọi vấn đề quốc tế đều bắt đầu từ sự tin tưởng giữa các cá nhân lãnh đạo\".";
    double c = att_boiler_containment(L(quote), L(para));
    assert_true(c >= 0.8);
    assert_true(att_boiler_containment(L(para), L(quote)) < 0.8);
    assert_true(att_boiler_containment(L(para), L(para)) == 1.0);
    assert_true(att_boiler_containment(L("Hai từ"), L("Hai từ")) == 0.0); /* no trigram */
    assert_true(att_boiler_containment(L("Giá dầu thế giới tăng mạnh trong tuần qua"),
                                       L("Đội tuyển bóng đá giành chiến thắng thuyết phục")) == 0.0);
    /* case and accents do not matter */
    assert_true(att_boiler_containment(L("TRONG QUAN HỆ QUỐC TẾ"), L("trong quan he quoc te")) == 1.0);

    att_shingles a, b;
    assert_int_equal(att_boiler_shingles(L("một hai ba bốn một hai ba"), &a), ATT_OK);
    assert_int_equal(a.n, 4); /* "một hai ba" twice: de-duplicated */
    for (size_t i = 1; i < a.n; i++)
        assert_true(a.h[i - 1] < a.h[i]);
    assert_int_equal(att_boiler_shingles(L("hai ba bốn"), &b), ATT_OK);
    assert_true(att_boiler_shingles_containment(&b, &a) == 1.0);
    assert_true(att_boiler_shingles_containment(&a, &b) == 0.25);
    att_boiler_shingles_free(&a);
    att_boiler_shingles_free(&b);
    assert_null(a.h);
}

static void test_ends_sentence_and_counts(void **state)
{
    (void)state;
    assert_true(att_boiler_ends_sentence(L("Câu này kết thúc.")));
    assert_true(att_boiler_ends_sentence(L("Liệu có thành công?  ")));
    assert_true(att_boiler_ends_sentence(L("Ông nói: “Chúng tôi sẵn sàng.”")));
    assert_true(att_boiler_ends_sentence(L("“Chúng tôi sẵn sàng”")));
    assert_true(att_boiler_ends_sentence(L("Còn nhiều việc phải làm…")));
    assert_false(att_boiler_ends_sentence(L("Thủ tướng khẳng định một điểm 'tối thượng'")));
    assert_false(att_boiler_ends_sentence(L("(theo Sputnik)")));
    assert_false(att_boiler_ends_sentence(L("Xây dựng lòng tin")));
    assert_false(att_boiler_ends_sentence(L("")));

    assert_int_equal(att_boiler_chars(L("Việt Nam")), 8);
    assert_int_equal(att_boiler_words(L("Mỹ-Trung Quốc: đối thoại, 2024!")), 6);
    assert_true(att_boiler_has_letter(L("12/3 - Hà")));
    assert_false(att_boiler_has_letter(L("📞 12:30 | 01/02")));

    const char *s = "\xC2\xA0  Hà Nội \xE2\x80\x8B\t";
    size_t n = strlen(s);
    att_boiler_trim(&s, &n);
    assert_int_equal(n, strlen("Hà Nội"));
    assert_memory_equal(s, "Hà Nội", n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_widget_heading),
        cmocka_unit_test(test_inline_link),
        cmocka_unit_test(test_site_prefix),
        cmocka_unit_test(test_caption),
        cmocka_unit_test(test_follow_credit_source_slug),
        cmocka_unit_test(test_page_end),
        cmocka_unit_test(test_byline),
        cmocka_unit_test(test_near_equal),
        cmocka_unit_test(test_containment),
        cmocka_unit_test(test_ends_sentence_and_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
