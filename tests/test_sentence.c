/* test_sentence.c - sentence splitting: abbreviations, initials, quotes,
 * numbers, domains, ellipses, line breaks, spans and trimming. */
#include "test_util.h"

#include "../src/segment/sentence.h"

/* Split s and compare the sentences with the NULL-terminated list want. */
static void check_split(const char *s, const char *const *want)
{
    att_span *sp = (att_span *)0x1; /* garbage in: must be ignored */
    size_t n = 99;
    assert_int_equal(att_sentences(s, strlen(s), &sp, &n), ATT_OK);
    size_t nw = 0;
    while (want[nw])
        nw++;
    if (n != nw) {
        for (size_t i = 0; i < n; i++)
            print_message("  got[%zu] = [%.*s]\n", i, (int)(sp[i].end - sp[i].start), s + sp[i].start);
        fail_msg("expected %zu sentences, got %zu", nw, n);
    }
    for (size_t i = 0; i < n; i++) {
        assert_true(sp[i].start < sp[i].end);
        assert_true(sp[i].end <= strlen(s));
        size_t l = sp[i].end - sp[i].start;
        if (strlen(want[i]) != l || memcmp(want[i], s + sp[i].start, l) != 0)
            fail_msg("sentence %zu: expected [%s], got [%.*s]", i, want[i], (int)l, s + sp[i].start);
    }
    free(sp);
}

#define SPLIT(s, ...)                                         \
    do {                                                      \
        static const char *const want_[] = {__VA_ARGS__, NULL}; \
        check_split(s, want_);                                \
    } while (0)

static void test_basic_split(void **state)
{
    (void)state;
    SPLIT("Ngoại trưởng Mỹ đến Hà Nội. Ông gặp Thủ tướng! Hai bên có đạt thỏa thuận? Chưa rõ.",
          "Ngoại trưởng Mỹ đến Hà Nội.", "Ông gặp Thủ tướng!", "Hai bên có đạt thỏa thuận?", "Chưa rõ.");
    /* accented capitals and digits start sentences */
    SPLIT("Hội nghị kết thúc. Ấn Độ hoan nghênh. Đức phản đối. 20 nước ký tuyên bố.",
          "Hội nghị kết thúc.", "Ấn Độ hoan nghênh.", "Đức phản đối.", "20 nước ký tuyên bố.");
    /* a lower-case word after the period: no split */
    SPLIT("Giá tăng 5 lần. so với năm ngoái.", "Giá tăng 5 lần. so với năm ngoái.");
    /* no space after the period: no split */
    SPLIT("Kết thúc.Ông về nước.", "Kết thúc.Ông về nước.");
    /* runs of punctuation */
    SPLIT("Thật sao?! Ông ấy đã đến.", "Thật sao?!", "Ông ấy đã đến.");
}

static void test_initials_and_abbreviations(void **state)
{
    (void)state;
    SPLIT("Phó Thủ tướng Nga D. Chernyshenko hội đàm với ông V. Putin. Sau đó hai bên ký kết.",
          "Phó Thủ tướng Nga D. Chernyshenko hội đàm với ông V. Putin.", "Sau đó hai bên ký kết.");
    SPLIT("Đoàn tới TP. Hồ Chí Minh. TS. Nguyễn Văn An, GS. Trần Bình và PGS. Lê Hoa đón.",
          "Đoàn tới TP. Hồ Chí Minh.", "TS. Nguyễn Văn An, GS. Trần Bình và PGS. Lê Hoa đón.");
    SPLIT("ThS. Hoàng Minh dẫn lời Mr. Smith, Dr. Jones ở St. Petersburg. Bà đồng ý.",
          "ThS. Hoàng Minh dẫn lời Mr. Smith, Dr. Jones ở St. Petersburg.", "Bà đồng ý.");
    SPLIT("Lục quân U.S. Army có mặt ở Q. Ba Đình, xem tr. 15 của báo cáo. Tin từ AP.",
          "Lục quân U.S. Army có mặt ở Q. Ba Đình, xem tr. 15 của báo cáo.", "Tin từ AP.");
    /* Vietnamese initial */
    SPLIT("Tác giả là Đ. Thắng. Bài viết dài.", "Tác giả là Đ. Thắng.", "Bài viết dài.");
    /* "NATO." is no abbreviation */
    SPLIT("Ukraine muốn vào NATO. Nga phản đối.", "Ukraine muốn vào NATO.", "Nga phản đối.");
    /* the same letters as a lower-case Vietnamese word end a sentence */
    SPLIT("Dân được ăn no. Co giãn thì khó.", "Dân được ăn no.", "Co giãn thì khó.");
    /* "Á" (Asia) and "Ý" (Italy) are words, not initials, after another word */
    SPLIT("Ông là người đầu tiên tới châu Á. Chuyến đi kéo dài 3 ngày.", "Ông là người đầu tiên tới châu Á.",
          "Chuyến đi kéo dài 3 ngày.");
    SPLIT("Thủ tướng sẽ thăm Ý. Sau đó ông về nước.", "Thủ tướng sẽ thăm Ý.", "Sau đó ông về nước.");
}

static void test_quotes(void **state)
{
    (void)state;
    /* punctuation inside a quotation that goes on */
    SPLIT("“Chúng tôi sẵn sàng. Nhưng điều kiện là các bên tôn trọng nhau.” Ông nói thêm về thuế.",
          "“Chúng tôi sẵn sàng. Nhưng điều kiện là các bên tôn trọng nhau.”", "Ông nói thêm về thuế.");
    /* punctuation after the closing quote */
    SPLIT("Ông gọi đó là “bước tiến bộ”. Bà Lan đồng ý.", "Ông gọi đó là “bước tiến bộ”.", "Bà Lan đồng ý.");
    /* quotation starting with an ellipsis */
    SPLIT("“... tôn trọng lẫn nhau.” Ông nói tiếp.", "“... tôn trọng lẫn nhau.”", "Ông nói tiếp.");
    /* the quotation goes on after "!": no split, then a lower-case tail */
    SPLIT("Ông nói: \"Không! Chúng tôi phản đối.\" rồi rời đi. Cuộc họp tan.",
          "Ông nói: \"Không! Chúng tôi phản đối.\" rồi rời đi.", "Cuộc họp tan.");
    /* a sentence starting with a quotation */
    SPLIT("Ông cảnh báo. “Đây là lằn ranh đỏ”, ông nói.", "Ông cảnh báo.", "“Đây là lằn ranh đỏ”, ông nói.");
    /* a quote that never closes is not a quotation */
    SPLIT("Ông gọi là “cú sốc. Thị trường giảm mạnh.", "Ông gọi là “cú sốc.", "Thị trường giảm mạnh.");
    /* a stray closing ASCII quote does not swallow what follows */
    SPLIT("Mục tiêu là định hình trật tự toàn cầu\". \"Khi tàu khởi hành, nó sẽ treo cờ\", ông nói.",
          "Mục tiêu là định hình trật tự toàn cầu\".", "\"Khi tàu khởi hành, nó sẽ treo cờ\", ông nói.");
    /* guillemets and brackets */
    SPLIT("Họ hô «Hòa bình. Tự do.» Đám đông giải tán. (Ảnh: Reuters.) Tin tiếp theo.",
          "Họ hô «Hòa bình. Tự do.»", "Đám đông giải tán.", "(Ảnh: Reuters.)", "Tin tiếp theo.");
}

static void test_numbers_and_domains(void **state)
{
    (void)state;
    SPLIT("Có 1.000 người dự, tăng 3.5% so với ngày 16.6.2024 theo Baoquocte.vn. Trang dantri.com.vn cũng đưa tin.",
          "Có 1.000 người dự, tăng 3.5% so với ngày 16.6.2024 theo Baoquocte.vn.",
          "Trang dantri.com.vn cũng đưa tin.");
    /* a number ending a sentence, and a number starting the next */
    SPLIT("Ông sinh năm 1960. 25 năm sau ông làm đại sứ.", "Ông sinh năm 1960.", "25 năm sau ông làm đại sứ.");
    /* a list number is not a sentence */
    SPLIT("1. Giới thiệu chung về hội nghị.", "1. Giới thiệu chung về hội nghị.");
}

static void test_ellipsis(void **state)
{
    (void)state;
    SPLIT("Các bên cần đối thoại... nhưng chưa có kết quả. Thật đáng tiếc… Ông A im lặng.",
          "Các bên cần đối thoại... nhưng chưa có kết quả.", "Thật đáng tiếc…", "Ông A im lặng.");
    SPLIT("Họ chờ đợi… rồi ra về.", "Họ chờ đợi… rồi ra về.");
    SPLIT("Vũ khí, xe tăng, tên lửa... Tất cả đã sẵn sàng.", "Vũ khí, xe tăng, tên lửa...",
          "Tất cả đã sẵn sàng.");
}

static void test_trimming_breaks_and_spans(void **state)
{
    (void)state;
    const char *s = "  \xC2\xA0" "Câu một.   Câu hai.\xC2\xA0 ";
    att_span *sp = NULL;
    size_t n = 0;
    assert_int_equal(att_sentences(s, strlen(s), &sp, &n), ATT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(sp[0].start, 4);
    assert_int_equal(sp[0].end, 4 + strlen("Câu một."));
    assert_memory_equal(s + sp[1].start, "Câu hai.", sp[1].end - sp[1].start);
    assert_int_equal(sp[1].end - sp[1].start, strlen("Câu hai."));
    free(sp);

    /* a line break always ends a sentence */
    SPLIT("Tiêu đề không có dấu chấm\nĐoạn thân bài. Câu sau.", "Tiêu đề không có dấu chấm", "Đoạn thân bài.",
          "Câu sau.");
    /* no terminator at all */
    SPLIT("Mỹ và Trung Quốc", "Mỹ và Trung Quốc");
}

static void test_empty_and_errors(void **state)
{
    (void)state;
    att_span *sp = (att_span *)0x1;
    size_t n = 5;
    assert_int_equal(att_sentences("", 0, &sp, &n), ATT_OK);
    assert_int_equal(n, 0);
    assert_null(sp);
    assert_int_equal(att_sentences("   \n  ", 6, &sp, &n), ATT_OK);
    assert_int_equal(n, 0);
    assert_null(sp);
    assert_int_equal(att_sentences(NULL, 0, &sp, &n), ATT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(att_sentences(NULL, 3, &sp, &n), ATT_ERR_USAGE);
    assert_int_equal(att_sentences("a", 1, NULL, &n), ATT_ERR_USAGE);
    assert_int_equal(att_sentences("a", 1, &sp, NULL), ATT_ERR_USAGE);
    /* only punctuation, invalid UTF-8: no crash, spans stay in bounds */
    const char bad[] = "\xE2\x80 . \xFF\xFE. A.";
    assert_int_equal(att_sentences(bad, sizeof bad - 1, &sp, &n), ATT_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(sp[i].end <= sizeof bad - 1 && sp[i].start < sp[i].end);
    free(sp);
}

static void test_many_sentences_grow(void **state)
{
    (void)state;
    char buf[8192];
    size_t len = 0;
    for (int i = 0; i < 300; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "Câu số %d. ", i);
    att_span *sp = NULL;
    size_t n = 0;
    assert_int_equal(att_sentences(buf, len, &sp, &n), ATT_OK);
    assert_int_equal(n, 300);
    assert_memory_equal(buf + sp[299].start, "Câu số 299.", sp[299].end - sp[299].start);
    free(sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_split),
        cmocka_unit_test(test_initials_and_abbreviations),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_numbers_and_domains),
        cmocka_unit_test(test_ellipsis),
        cmocka_unit_test(test_trimming_breaks_and_spans),
        cmocka_unit_test(test_empty_and_errors),
        cmocka_unit_test(test_many_sentences_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
