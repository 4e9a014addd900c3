/* test_extract.c - actor resolution (names, metonyms, demonyms, titles,
 * known persons, places that are not actors), event coding for each CAMEO
 * pattern family, voice, modality, joint subjects, dates, quotes, tone. */
#include "test_util.h"

#include "../src/extract/extract.h"

static att_lexicon *lx;

static int setup(void **state)
{
    (void)state;
    char err[256];
    if (att_lexicon_load(&lx, err, sizeof err) != ATT_OK) {
        fprintf(stderr, "lexicon: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    att_lexicon_free(lx);
    return 0;
}

/* Extract from an article made of the given paragraphs (NULL-terminated). */
static void run(att_extraction *x, const char *published, const char *p1, const char *p2)
{
    att_article a;
    att_article_init(&a);
    if (published)
        att_article_set(&a.published, published, (size_t)-1);
    att_article_add_para(&a, p1, strlen(p1), ATT_PARA_TEXT);
    if (p2)
        att_article_add_para(&a, p2, strlen(p2), ATT_PARA_TEXT);
    assert_int_equal(att_extract(lx, &a, x), ATT_OK);
    att_article_free(&a);
}

/* Is there an event a1 -> a2 (countries) with this CAMEO root? Returns its
 * index or -1. */
static long find_event(const att_extraction *x, const char *c1, const char *c2, const char *root)
{
    for (size_t i = 0; i < x->n_events; i++)
        if (!strcmp(x->events[i].a1.country, c1) && !strcmp(x->events[i].a2.country, c2) &&
            !strcmp(lx->cameo[x->events[i].cameo].root, root))
            return (long)i;
    return -1;
}

static int has_actor(const att_extraction *x, const char *country)
{
    for (size_t i = 0; i < x->n_mentions; i++)
        if (!strcmp(x->mentions[i].ref.country, country))
            return 1;
    return 0;
}

#define EXPECT_EVENT(text, c1, c2, root)                                           \
    do {                                                                           \
        att_extraction x_;                                                         \
        run(&x_, "2024-05-10", text, NULL);                                        \
        if (find_event(&x_, c1, c2, root) < 0)                                     \
            fail_msg("no %s->%s root %s in: %s", c1, c2, root, text);              \
        att_extraction_free(&x_);                                                  \
    } while (0)

static void test_names_metonyms_demonyms(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, NULL,
        "Điện Kremlin và Nhà Trắng trao đổi thông điệp; Bắc Kinh theo dõi sát, còn người Nhật lo ngại. "
        "Hoa Kỳ và Thụy Sỹ cũng lên tiếng.",
        NULL);
    assert_true(has_actor(&x, "RUS"));
    assert_true(has_actor(&x, "USA"));
    assert_true(has_actor(&x, "CHN"));
    assert_true(has_actor(&x, "JPN"));
    assert_true(has_actor(&x, "CHE"));
    att_extraction_free(&x);
}

static void test_ambiguous_words_are_not_countries(void **state)
{
    (void)state;
    att_extraction x;
    /* "anh" (you), "pháp luật" (law), a person named "Nguyễn Thị Anh",
     * the Korean peninsula and the Indian Ocean are not states */
    run(&x, NULL,
        "Theo anh, pháp luật cần rõ ràng; bà Nguyễn Thị Anh nói về bán đảo Triều Tiên và Ấn Độ Dương.",
        NULL);
    assert_false(has_actor(&x, "GBR"));
    assert_false(has_actor(&x, "FRA"));
    assert_false(has_actor(&x, "PRK"));
    assert_false(has_actor(&x, "IND"));
    att_extraction_free(&x);
}

static void test_titles_resolve_role_and_country(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, "2024-03-24",
        "Đại sứ Việt Nam tại Mỹ Nguyễn Quốc Dũng gặp Thượng nghị sĩ Mỹ, còn Ngoại trưởng Nga Sergei Lavrov "
        "ở lại Moscow.",
        NULL);
    int amb = 0, sen = 0, lav = 0;
    for (size_t i = 0; i < x.n_mentions; i++) {
        const att_actor_ref *r = &x.mentions[i].ref;
        if (r->type == ATT_ACTOR_PERSON && !strcmp(r->country, "VNM") && strstr(r->name, "Nguyễn Quốc Dũng"))
            amb = 1;
        if (!strcmp(r->code, "USALEG"))
            sen = 1;
        if (r->type == ATT_ACTOR_PERSON && !strcmp(r->country, "RUS") && strstr(r->name, "Lavrov"))
            lav = 1;
    }
    assert_true(amb); /* the posting ("tại Mỹ") is not the ambassador's country */
    assert_true(sen); /* a legislator's title gives the LEG sector */
    assert_true(lav);
    /* the ambassador meets the senator: a meeting, both ways */
    assert_true(find_event(&x, "VNM", "USA", "04") >= 0);
    assert_true(find_event(&x, "USA", "VNM", "04") >= 0);
    att_extraction_free(&x);
}

static void test_pattern_families(void **state)
{
    (void)state;
    EXPECT_EVENT("Mỹ kêu gọi Nga rút quân khỏi Ukraine.", "USA", "RUS", "02");
    EXPECT_EVENT("Ngoại trưởng Nga Sergei Lavrov hội đàm với người đồng cấp Trung Quốc Vương Nghị tại Bắc Kinh.",
                 "RUS", "CHN", "04");
    EXPECT_EVENT("Thủ tướng Australia thăm Indonesia.", "AUS", "IDN", "04");
    EXPECT_EVENT("Ấn Độ ký thỏa thuận quốc phòng với Mỹ.", "IND", "USA", "05");
    EXPECT_EVENT("Nhật Bản viện trợ 5 triệu USD cho Philippines.", "JPN", "PHL", "07");
    EXPECT_EVENT("Trung Quốc chỉ trích Mỹ can thiệp vào công việc nội bộ.", "CHN", "USA", "11");
    EXPECT_EVENT("Điện Kremlin cáo buộc Washington gây căng thẳng.", "RUS", "USA", "11");
    EXPECT_EVENT("Iran bác bỏ cáo buộc của Mỹ.", "IRN", "USA", "12");
    EXPECT_EVENT("Triều Tiên đe dọa tấn công Hàn Quốc.", "PRK", "KOR", "13");
    EXPECT_EVENT("EU áp đặt lệnh trừng phạt mới đối với Nga.", "EEC", "RUS", "16");
    EXPECT_EVENT("Thái Lan trục xuất Đại sứ Campuchia.", "THA", "KHM", "16");
    EXPECT_EVENT("Nga không kích các thành phố của Ukraine.", "RUS", "UKR", "19");
    EXPECT_EVENT("Nhật Bản bày tỏ quan ngại về Triều Tiên.", "JPN", "PRK", "01");
    EXPECT_EVENT("Mỹ và Philippines tiến hành tập trận chung.", "USA", "PHL", "06");
    EXPECT_EVENT("EU nới lỏng lệnh trừng phạt đối với Syria.", "EEC", "SYR", "08");
    EXPECT_EVENT("Cảnh sát Hàn Quốc điều tra vụ việc liên quan đến Đại sứ Bỉ.", "KOR", "BEL", "09");
    EXPECT_EVENT("Trung Quốc yêu cầu Nhật Bản chấm dứt xả thải.", "CHN", "JPN", "10");
    EXPECT_EVENT("Người dân Hàn Quốc biểu tình phản đối Nhật Bản.", "KOR", "JPN", "14");
    EXPECT_EVENT("Nga điều động quân tới biên giới Ukraine.", "RUS", "UKR", "15");
    EXPECT_EVENT("Iran bắt giữ tàu chở dầu của Anh.", "IRN", "GBR", "17");
    EXPECT_EVENT("Israel tấn công Iran.", "ISR", "IRN", "19");
}

static void test_passive_voice(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, NULL, "Nga bị EU trừng phạt.", NULL);
    assert_true(find_event(&x, "EEC", "RUS", "16") >= 0);
    assert_true(find_event(&x, "RUS", "EEC", "16") < 0);
    att_extraction_free(&x);
}

static void test_modality(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, "2024-05-10", "Thủ tướng Australia sẽ thăm Indonesia vào tuần tới.", NULL);
    long e = find_event(&x, "AUS", "IDN", "04");
    assert_true(e >= 0);
    assert_int_equal(x.events[e].modality, ATT_MOD_PLANNED);
    /* "vào tuần tới" dates it: the Monday of the next week */
    char d[16];
    att_date_format(&x.events[e].date, d, sizeof d);
    assert_string_equal(d, "2024-05-13");
    assert_true(x.events[e].date_from_text);
    att_extraction_free(&x);

    run(&x, NULL, "Ấn Độ chưa ký thỏa thuận với Mỹ.", NULL);
    e = find_event(&x, "IND", "USA", "05");
    assert_true(e >= 0);
    assert_int_equal(x.events[e].modality, ATT_MOD_NEGATED);
    att_extraction_free(&x);

    run(&x, NULL, "Nếu Mỹ trừng phạt Iran, Iran sẽ đáp trả.", NULL);
    e = find_event(&x, "USA", "IRN", "16");
    assert_true(e >= 0);
    assert_int_equal(x.events[e].modality, ATT_MOD_HYPOTHETICAL);
    att_extraction_free(&x);

    run(&x, NULL, "Trung Quốc chỉ trích Mỹ.", NULL);
    e = find_event(&x, "CHN", "USA", "11");
    assert_true(e >= 0);
    assert_int_equal(x.events[e].modality, ATT_MOD_REALIZED);
    att_extraction_free(&x);
}

static void test_joint_subjects(void **state)
{
    (void)state;
    att_extraction x;
    /* "A và B" with a cooperative intent: each toward the other */
    run(&x, NULL, "Việt Nam và Nhật Bản cam kết tăng cường hợp tác kinh tế.", NULL);
    assert_true(find_event(&x, "VNM", "JPN", "03") >= 0);
    assert_true(find_event(&x, "JPN", "VNM", "03") >= 0);
    att_extraction_free(&x);
    /* "hai nước" resolves to the article's two main countries */
    run(&x, NULL, "Thủ tướng Singapore tiếp Bộ trưởng Ngoại giao Malaysia tại Singapore.",
        "Hai nước đã ký hiệp định về hợp tác kinh tế số.");
    assert_true(find_event(&x, "SGP", "MYS", "05") >= 0);
    assert_true(find_event(&x, "MYS", "SGP", "05") >= 0);
    att_extraction_free(&x);
}

static void test_statements_and_complements(void **state)
{
    (void)state;
    att_extraction x;
    /* a statement verb is transparent: the content is coded, and a
     * pronoun subject takes the person last named */
    run(&x, NULL,
        "Ngoại trưởng Mỹ Antony Blinken có cuộc gặp tại Washington. Ông cho biết Mỹ sẽ viện trợ cho Ukraine.",
        NULL);
    long e = find_event(&x, "USA", "UKR", "07");
    assert_true(e >= 0);
    assert_int_equal(x.events[e].modality, ATT_MOD_PLANNED);
    for (size_t i = 0; i < x.n_events; i++)
        assert_string_not_equal(lx->cameo[x.events[i].cameo].code, "010");
    att_extraction_free(&x);
    /* the verbs inside an accusation are not events of their own */
    run(&x, NULL, "Hàn Quốc lên án việc Triều Tiên tấn công tàu cá.", NULL);
    assert_true(find_event(&x, "KOR", "PRK", "11") >= 0);
    assert_true(find_event(&x, "PRK", "KOR", "19") < 0);
    att_extraction_free(&x);
}

static void test_evidence_and_spans(void **state)
{
    (void)state;
    att_extraction x;
    const char *p = "Ngày 16/6, tại Geneva (Thụy Sỹ), Tổng thống Mỹ Joe Biden hội đàm với Tổng thống Nga "
                    "Vladimir Putin.";
    run(&x, "2021-06-20", p, NULL);
    long e = find_event(&x, "USA", "RUS", "04");
    assert_true(e >= 0);
    const att_event *ev = &x.events[e];
    assert_string_equal(ev->place, "Geneva");
    assert_string_equal(ev->place_country, "CHE");
    char d[16];
    att_date_format(&ev->date, d, sizeof d);
    assert_string_equal(d, "2021-06-16");
    assert_memory_equal(p + ev->trig_start, "hội đàm", strlen("hội đàm"));
    assert_true(ev->confidence > 0.2 && ev->confidence <= 1.0);
    att_extraction_free(&x);
}

static void test_quotes_and_tone(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, NULL,
        "Ngoại trưởng Nga Sergei Lavrov nhấn mạnh: “Chúng tôi sẵn sàng đối thoại với tất cả các bên trên cơ sở "
        "bình đẳng và tôn trọng lẫn nhau”.",
        "Cuộc xung đột đẫm máu khiến hàng nghìn người thiệt mạng, khủng hoảng nhân đạo leo thang.");
    int found = 0;
    for (size_t i = 0; i < x.n_quotes; i++)
        if (x.quotes[i].direct && !strcmp(x.quotes[i].speaker.country, "RUS"))
            found = 1;
    assert_true(found);
    assert_true(x.tone.words > 20);
    assert_true(x.tone.negative > 0);
    assert_true(x.tone.tone < 0); /* a war paragraph outweighs a polite one */
    att_extraction_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_metonyms_demonyms),
        cmocka_unit_test(test_ambiguous_words_are_not_countries),
        cmocka_unit_test(test_titles_resolve_role_and_country),
        cmocka_unit_test(test_pattern_families),
        cmocka_unit_test(test_passive_voice),
        cmocka_unit_test(test_modality),
        cmocka_unit_test(test_joint_subjects),
        cmocka_unit_test(test_statements_and_complements),
        cmocka_unit_test(test_evidence_and_spans),
        cmocka_unit_test(test_quotes_and_tone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
