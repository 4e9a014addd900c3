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
    EXPECT_EVENT("Thái Lan triệu hồi Đại sứ tại Campuchia.", "THA", "KHM", "16");
    EXPECT_EVENT("Nga tước quy chế ngoại giao của dinh thự thuộc sở hữu của Anh.", "RUS", "GBR", "16");
    /* expelling a diplomat expels an individual (174) */
    EXPECT_EVENT("Thái Lan trục xuất Đại sứ Campuchia.", "THA", "KHM", "17");
    EXPECT_EVENT("Nga không kích các thành phố của Ukraine.", "RUS", "UKR", "19");
    EXPECT_EVENT("Nhật Bản bi quan về Triều Tiên.", "JPN", "PRK", "01");
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

/* Number of events a1 -> a2 with this root. */
static int count_events(const att_extraction *x, const char *c1, const char *c2, const char *root)
{
    int n = 0;
    for (size_t i = 0; i < x->n_events; i++)
        if (!strcmp(x->events[i].a1.country, c1) && !strcmp(x->events[i].a2.country, c2) &&
            !strcmp(lx->cameo[x->events[i].cameo].root, root))
            n++;
    return n;
}

/* Does any event of this root involve the country on either side? */
static int involves(const att_extraction *x, const char *country, const char *root)
{
    for (size_t i = 0; i < x->n_events; i++)
        if ((!strcmp(x->events[i].a1.country, country) || !strcmp(x->events[i].a2.country, country)) &&
            (!root || !strcmp(lx->cameo[x->events[i].cameo].root, root)))
            return 1;
    return 0;
}

static void test_hosting_and_nominal_visits(void **state)
{
    (void)state;
    att_extraction x;
    /* "tiếp Thủ tướng Đức ...": the title starts the guest's name, the host
     * receives him; a relative clause about the guest keeps its subject */
    run(&x, NULL,
        "Chủ tịch Trung Quốc đã tiếp Thủ tướng Đức tại Bắc Kinh, người đang có chuyến thăm ba ngày tới Trung Quốc.",
        NULL);
    assert_true(find_event(&x, "CHN", "DEU", "04") >= 0);
    assert_true(find_event(&x, "DEU", "CHN", "04") >= 0);
    att_extraction_free(&x);
    /* a motion verb right after its subject, with a state after it, is a
     * visit; a purpose clause shares the subject; trade flows are not visits */
    run(&x, NULL, "Tổng thống Nga đã tới Hà Nội.", NULL);
    assert_true(find_event(&x, "RUS", "VNM", "04") >= 0);
    att_extraction_free(&x);
    run(&x, NULL, "Ngoại trưởng Mỹ đã tới Cairo để gặp Tổng thống Ai Cập.", NULL);
    assert_true(find_event(&x, "USA", "EGY", "04") >= 0);
    assert_true(find_event(&x, "EGY", "USA", "04") >= 0);
    att_extraction_free(&x);
    run(&x, NULL, "Kim ngạch xuất khẩu của Việt Nam sang Mỹ tăng mạnh.", NULL);
    assert_int_equal((int)x.n_events, 0);
    att_extraction_free(&x);
    /* a visit in a fronted phrase is made by the subject after its comma,
     * and the place it went to is not one of the signing parties */
    run(&x, NULL,
        "Ngày 12/1, trong chuyến thăm tới Kiev, Thủ tướng Anh và Tổng thống Ukraine đã ký thỏa thuận an ninh.",
        NULL);
    assert_true(find_event(&x, "GBR", "UKR", "04") >= 0);
    assert_true(find_event(&x, "GBR", "UKR", "05") >= 0);
    assert_true(find_event(&x, "UKR", "GBR", "05") >= 0);
    att_extraction_free(&x);
    run(&x, NULL, "Sau khi tới Pháp, Thủ tướng Anh và Tổng thống Ukraine đã ký thỏa thuận an ninh.", NULL);
    assert_true(find_event(&x, "GBR", "UKR", "05") >= 0);
    assert_false(involves(&x, "FRA", "05"));
    att_extraction_free(&x);
    /* co-chairing and courtesy calls are meetings */
    run(&x, NULL, "Thủ tướng Việt Nam và Thủ tướng Lào đồng chủ trì kỳ họp của Ủy ban liên Chính phủ.", NULL);
    assert_true(find_event(&x, "VNM", "LAO", "04") >= 0);
    assert_true(find_event(&x, "LAO", "VNM", "04") >= 0);
    att_extraction_free(&x);
    run(&x, NULL, "Thủ tướng Việt Nam đã chào Tổng Bí thư Lào.", NULL);
    assert_true(find_event(&x, "VNM", "LAO", "04") >= 0);
    att_extraction_free(&x);
    /* a visit named as a noun: the visitor follows "của" */
    run(&x, NULL, "Đây là chuyến thăm Ấn Độ đầu tiên của Thủ tướng Nhật Bản kể từ năm 2019.", NULL);
    assert_true(find_event(&x, "JPN", "IND", "04") >= 0);
    assert_true(find_event(&x, "IND", "JPN", "04") < 0);
    att_extraction_free(&x);
}

static void test_nominal_uses_are_not_events(void **state)
{
    (void)state;
    att_extraction x;
    /* anniversaries, documents' subjects, "mối đe dọa", "các yêu cầu" */
    run(&x, NULL, "Đức và Pháp kỷ niệm 60 năm thiết lập quan hệ ngoại giao.", NULL);
    assert_false(involves(&x, "DEU", "05"));
    att_extraction_free(&x);
    run(&x, NULL, "Đức và Ba Lan đã ký thỏa thuận hợp tác quốc phòng.", NULL);
    assert_true(find_event(&x, "DEU", "POL", "05") >= 0);
    assert_false(involves(&x, "DEU", "06"));
    att_extraction_free(&x);
    run(&x, NULL, "Nhật Bản tăng ngân sách quốc phòng trước các mối đe dọa từ Triều Tiên.", NULL);
    assert_false(involves(&x, "PRK", "13"));
    att_extraction_free(&x);
    run(&x, NULL, "Brazil nói hội nghị không đáp ứng các yêu cầu của Nga.", NULL);
    assert_false(involves(&x, "RUS", "10"));
    att_extraction_free(&x);
    /* a sentence-initial topic is not an act; cooperation talked about is */
    run(&x, NULL, "Nga và Ấn Độ hội đàm về hợp tác năng lượng.", NULL);
    assert_true(find_event(&x, "RUS", "IND", "06") >= 0);
    att_extraction_free(&x);
    run(&x, NULL, "Về hợp tác kinh tế, Việt Nam đề nghị Hàn Quốc mở cửa thị trường.", NULL);
    assert_true(find_event(&x, "VNM", "KOR", "02") >= 0);
    assert_false(involves(&x, "VNM", "06"));
    att_extraction_free(&x);
    /* "bất đồng" is a noun ("những bất đồng"), not an act of disapproval */
    run(&x, NULL, "Ấn Độ và Pakistan vẫn còn bất đồng về vấn đề Kashmir.", NULL);
    assert_false(involves(&x, "IND", "11"));
    att_extraction_free(&x);
}

static void test_subjects_appositions_and_lists(void **state)
{
    (void)state;
    att_extraction x;
    /* the apposition names the speaker's other office, not the speaker */
    run(&x, NULL, "Thủ tướng Malaysia, Chủ tịch ASEAN năm 2025, kêu gọi Thái Lan ngừng bắn.", NULL);
    assert_true(find_event(&x, "MYS", "THA", "02") >= 0);
    assert_false(involves(&x, "ASN", NULL));
    att_extraction_free(&x);
    /* "(Nga)," after a place does not join the subjects */
    run(&x, NULL, "Tại thành phố Kazan (Nga), Thủ tướng Ấn Độ và Chủ tịch Trung Quốc đã có cuộc gặp.", NULL);
    assert_true(find_event(&x, "IND", "CHN", "04") >= 0);
    assert_true(find_event(&x, "CHN", "IND", "04") >= 0);
    assert_false(involves(&x, "RUS", NULL));
    att_extraction_free(&x);
    /* a place described with "ở" is not the target */
    run(&x, NULL, "Brazil ủng hộ giải quyết xung đột ở Ukraine thông qua đối thoại.", NULL);
    assert_false(involves(&x, "UKR", NULL));
    att_extraction_free(&x);
    /* a person named again with a bare title keeps the country given before */
    run(&x, NULL, "Thủ tướng Lào Bounmy Keola đã tới Hà Nội.", "Thủ tướng Bounmy Keola cảm ơn Việt Nam.");
    assert_true(find_event(&x, "LAO", "VNM", "05") >= 0);
    att_extraction_free(&x);
}

static void test_coordinated_speech_acts(void **state)
{
    (void)state;
    att_extraction x;
    /* after a clause complement, a coordinated speech act is the subject's
     * own next act, with the same subject */
    run(&x, NULL, "Iran bác bỏ cáo buộc của Mỹ và lên án quyết định của Anh.", NULL);
    assert_true(find_event(&x, "IRN", "USA", "12") >= 0);
    assert_true(find_event(&x, "IRN", "GBR", "11") >= 0);
    att_extraction_free(&x);
    run(&x, NULL, "Trung Quốc chỉ trích Nhật Bản xả thải ra biển, đồng thời yêu cầu Tokyo dừng ngay.", NULL);
    assert_true(find_event(&x, "CHN", "JPN", "11") >= 0);
    assert_true(find_event(&x, "CHN", "JPN", "10") >= 0);
    att_extraction_free(&x);
    /* "trong khi" + an actor opens a clause of its own after a complement */
    run(&x, NULL, "Hàn Quốc lên án việc Triều Tiên phóng tên lửa, trong khi Bình Nhưỡng cảnh báo đáp trả Mỹ.", NULL);
    assert_true(find_event(&x, "KOR", "PRK", "11") >= 0);
    assert_true(find_event(&x, "PRK", "USA", "13") >= 0);
    att_extraction_free(&x);
    /* ", nhằm vào X" after the verb still names its target */
    run(&x, NULL, "Nga đã tiến hành cuộc tấn công lớn bằng tên lửa, nhằm vào các cơ sở năng lượng của Ukraine.", NULL);
    assert_true(find_event(&x, "RUS", "UKR", "19") >= 0);
    att_extraction_free(&x);
    /* a coordinated deed condemned ("vi phạm ...") is not a speech act */
    run(&x, NULL,
        "Hàn Quốc lên án vụ phóng, vi phạm các nghị quyết của Liên hợp quốc, và yêu cầu Triều Tiên dừng lại.",
        NULL);
    assert_true(find_event(&x, "KOR", "PRK", "10") >= 0);
    assert_false(involves(&x, "UNO", NULL));
    att_extraction_free(&x);
    /* thanks take a clause: what is thanked for is not a new event */
    run(&x, NULL, "Campuchia cảm ơn Trung Quốc đã hỗ trợ Lào.", NULL);
    assert_true(find_event(&x, "KHM", "CHN", "05") >= 0);
    assert_false(involves(&x, "LAO", NULL));
    att_extraction_free(&x);
    /* while the verbs inside the complement stay unreported */
    run(&x, NULL, "Liên hợp quốc kêu gọi Nga ngừng bắn và đàm phán với Ukraine.", NULL);
    assert_true(find_event(&x, "UNO", "RUS", "02") >= 0);
    assert_false(involves(&x, "RUS", "04"));
    att_extraction_free(&x);
    /* concern about an actor's conduct is disapproval; a concern with no
     * target does not borrow the next verb's */
    run(&x, NULL, "Mỹ bày tỏ quan ngại về các hoạt động quân sự của Trung Quốc.", NULL);
    assert_true(find_event(&x, "USA", "CHN", "11") >= 0);
    att_extraction_free(&x);
    run(&x, NULL, "Nhật Bản bày tỏ quan ngại sâu sắc và kêu gọi Nga rút quân.", NULL);
    assert_true(find_event(&x, "JPN", "RUS", "02") >= 0);
    assert_true(find_event(&x, "JPN", "RUS", "01") < 0);
    att_extraction_free(&x);
}

static void test_joint_and_negated_pairs(void **state)
{
    (void)state;
    att_extraction x;
    /* diplomatic cooperation announced for later, or to go on, is an intent
     * (032): the speaker's own, not yet a mutual act */
    run(&x, NULL, "Nhật Bản sẽ phối hợp chặt chẽ với Mỹ.", NULL);
    assert_true(find_event(&x, "JPN", "USA", "03") >= 0);
    assert_false(involves(&x, "JPN", "05"));
    assert_true(find_event(&x, "USA", "JPN", "03") < 0);
    att_extraction_free(&x);
    run(&x, NULL, "Đức và Pháp khẳng định tiếp tục phối hợp chặt chẽ.", NULL);
    assert_true(find_event(&x, "DEU", "FRA", "03") >= 0);
    assert_true(find_event(&x, "FRA", "DEU", "03") >= 0);
    att_extraction_free(&x);
    /* "hai nước" acting on a third: each toward it, not toward each other */
    run(&x, NULL, "Tổng thống Nga thăm Trung Quốc và hội đàm với Chủ tịch Trung Quốc tại Bắc Kinh.",
        "Trong tuyên bố chung, hai nước phản đối Mỹ.");
    assert_true(find_event(&x, "RUS", "USA", "11") >= 0);
    assert_true(find_event(&x, "CHN", "USA", "11") >= 0);
    assert_true(find_event(&x, "RUS", "CHN", "11") < 0);
    att_extraction_free(&x);
    /* ... or the pair just coordinated in the paragraph ("tại Bắc Kinh," is a
     * place, not a list item) */
    run(&x, NULL, "Trung Quốc hoan nghênh Iran. Bắc Kinh ủng hộ Tehran.",
        "Tại Bắc Kinh, Iran và Ả Rập Xê Út ra tuyên bố chung, theo đó hai nước nhất trí khôi phục quan hệ.");
    assert_true(find_event(&x, "IRN", "SAU", "03") >= 0);
    assert_true(find_event(&x, "SAU", "IRN", "03") >= 0);
    assert_true(find_event(&x, "CHN", "IRN", "03") < 0);
    att_extraction_free(&x);
    /* a joint act "giữa A và B" is between them, whoever the subject is */
    run(&x, NULL,
        "Thỏa thuận đạt được sau nhiều ngày đàm phán giữa Thư ký Hội đồng An ninh Quốc gia Iran Ali Larijani và "
        "Ngoại trưởng Ai Cập.",
        NULL);
    assert_true(find_event(&x, "IRN", "EGY", "04") >= 0);
    assert_true(find_event(&x, "EGY", "IRN", "04") >= 0);
    att_extraction_free(&x);
    /* the two states the lead coordinates are the article's pair, even if
     * a mediator is named more often */
    att_article a;
    att_article_init(&a);
    att_article_set(&a.lead, "Tại Bắc Kinh, Iran và Ai Cập ra tuyên bố chung với Trung Quốc.", (size_t)-1);
    const char *body = "Trung Quốc hoan nghênh kết quả. Bắc Kinh sẵn sàng hỗ trợ. Hai nước sẽ sớm mở lại đại sứ quán.";
    att_article_add_para(&a, body, strlen(body), ATT_PARA_TEXT);
    assert_int_equal(att_extract(lx, &a, &x), ATT_OK);
    att_article_free(&a);
    assert_true(find_event(&x, "IRN", "EGY", "03") >= 0);
    assert_true(find_event(&x, "EGY", "IRN", "03") >= 0);
    assert_true(find_event(&x, "CHN", "IRN", "03") < 0);
    att_extraction_free(&x);
    /* a joint act that is only the purpose of another is not reported */
    run(&x, NULL, "Nhật Bản và Philippines ký hiệp định quốc phòng.",
        "Hiệp định tạo khuôn khổ để hai nước tăng cường diễn tập chung.");
    assert_true(find_event(&x, "JPN", "PHL", "05") >= 0);
    assert_true(find_event(&x, "JPN", "PHL", "06") < 0);
    att_extraction_free(&x);
    /* the clause ends at the comma right after the verb; the meeting asked
     * for by a possessor is not held with it */
    run(&x, NULL, "Tổng thống Nga đưa ra điều kiện để đàm phán, trong đó yêu cầu Ukraine rút quân.", NULL);
    assert_true(find_event(&x, "RUS", "UKR", "10") >= 0);
    assert_false(involves(&x, "UKR", "04"));
    att_extraction_free(&x);
    run(&x, NULL, "Hội đồng Bảo an đã họp khẩn theo đề nghị của Israel.", NULL);
    assert_true(find_event(&x, "ISR", "UNSC", "02") >= 0);
    assert_false(involves(&x, "ISR", "04"));
    att_extraction_free(&x);
    /* a list of modifiers ("tài chính, quân sự và nhân đạo") is no clause break */
    run(&x, NULL, "EU cung cấp hỗ trợ tài chính, quân sự và nhân đạo cho Ukraine.", NULL);
    assert_true(find_event(&x, "EEC", "UKR", "07") >= 0);
    att_extraction_free(&x);
    /* a refused joint act is one-way; a list that did not sign did nothing
     * with each other */
    run(&x, NULL, "Nga tuyên bố không đàm phán với Ukraine.", NULL);
    assert_int_equal(count_events(&x, "RUS", "UKR", "04"), 1);
    assert_true(find_event(&x, "UKR", "RUS", "04") < 0);
    att_extraction_free(&x);
    run(&x, NULL, "Ấn Độ, Brazil và Nam Phi không ký văn kiện.", NULL);
    assert_int_equal((int)x.n_events, 0);
    att_extraction_free(&x);
    /* "hai bên" right after a meeting means its two parties, not the
     * article's main pair */
    run(&x, NULL,
        "Việt Nam và Lào ký hiệp định thương mại; Thủ tướng Việt Nam và Thủ tướng Lào chứng kiến lễ ký giữa Việt "
        "Nam và Lào.",
        "Bên lề hội nghị, Ngoại trưởng Mỹ đã gặp Ngoại trưởng Trung Quốc. Hai bên nhất trí duy trì liên lạc.");
    assert_true(find_event(&x, "USA", "CHN", "03") >= 0);
    assert_true(find_event(&x, "CHN", "USA", "03") >= 0);
    assert_true(find_event(&x, "VNM", "LAO", "03") < 0);
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
        cmocka_unit_test(test_hosting_and_nominal_visits),
        cmocka_unit_test(test_nominal_uses_are_not_events),
        cmocka_unit_test(test_subjects_appositions_and_lists),
        cmocka_unit_test(test_coordinated_speech_acts),
        cmocka_unit_test(test_joint_and_negated_pairs),
        cmocka_unit_test(test_evidence_and_spans),
        cmocka_unit_test(test_quotes_and_tone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
