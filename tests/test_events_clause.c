/* test_events_clause.c - clause-level event coding (extract/clause.c and the
 * clause rules of events.c): a verb inside a noun phrase is no event; the
 * reporting person is no participant; passives and "từ X"/"của X" after a
 * request reverse the roles; coordinated verbs and list members each give
 * an event; a joint act is coded both ways only for co-subjects;
 * commentary, habit and background frames are no events.  The sentences
 * are invented for these tests. */
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

static void run(att_extraction *x, const char *text)
{
    att_article a;
    att_article_init(&a);
    att_article_set(&a.published, "2024-05-10", (size_t)-1);
    att_article_add_para(&a, text, strlen(text), ATT_PARA_TEXT);
    assert_int_equal(att_extract(lx, &a, x), ATT_OK);
    att_article_free(&a);
}

/* Events a1 -> a2 with this root (NULL: any root). */
static int count(const att_extraction *x, const char *c1, const char *c2, const char *root)
{
    int n = 0;
    for (size_t i = 0; i < x->n_events; i++)
        if (!strcmp(x->events[i].a1.country, c1) && !strcmp(x->events[i].a2.country, c2) &&
            (!root || !strcmp(lx->cameo[x->events[i].cameo].root, root)))
            n++;
    return n;
}

#define HAS(text, c1, c2, root)                                                 \
    do {                                                                        \
        att_extraction x_;                                                      \
        run(&x_, text);                                                         \
        if (!count(&x_, c1, c2, root))                                          \
            fail_msg("expected %s->%s root %s in: %s", c1, c2, root, text);    \
        att_extraction_free(&x_);                                               \
    } while (0)

#define LACKS(text, c1, c2, root)                                               \
    do {                                                                        \
        att_extraction x_;                                                      \
        run(&x_, text);                                                         \
        if (count(&x_, c1, c2, root))                                           \
            fail_msg("unexpected %s->%s root %s in: %s", c1, c2, root ? root : "*", text); \
        att_extraction_free(&x_);                                               \
    } while (0)

#define NO_EVENTS(text)                                                          \
    do {                                                                         \
        att_extraction x_;                                                       \
        run(&x_, text);                                                          \
        if (x_.n_events)                                                         \
            fail_msg("expected no event, got %zu in: %s", x_.n_events, text);    \
        att_extraction_free(&x_);                                                \
    } while (0)

/* "máy bay chiến đấu", "lực lượng hỗ trợ", "vũ khí tấn công": a verb that
 * only modifies a noun is no event. */
static void test_noun_phrase_verbs(void **state)
{
    (void)state;
    LACKS("Nhật Bản mua thêm máy bay chiến đấu của Pháp.", "JPN", "FRA", "19");
    LACKS("Canada gửi lực lượng hỗ trợ tới biên giới với Mexico.", "CAN", "MEX", "07");
    LACKS("Hàn Quốc trưng bày vũ khí tấn công mới trước các tùy viên Mỹ.", "KOR", "USA", "18");
    NO_EVENTS("Thời gian qua, giữa Chile và Peru đã có cơ chế đối thoại giữa Chile và Peru về biển.");
    /* the verb itself still codes */
    HAS("Nga tấn công Ukraine bằng tên lửa.", "RUS", "UKR", "19");
}

/* "X cho biết Y ...": the reporting person is no participant of what is
 * reported; a statement addressed "với X" is an event of its own. */
static void test_reporting_frame(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, "Ngoại trưởng Đức cho biết Pháp đã trục xuất hai nhà ngoại giao Nga.");
    assert_true(count(&x, "FRA", "RUS", "17") > 0);
    assert_int_equal(count(&x, "DEU", "RUS", NULL), 0);
    assert_int_equal(count(&x, "DEU", "FRA", NULL), 0);
    att_extraction_free(&x);
    /* the reported clause has its own subject, no actor */
    NO_EVENTS("Ngoại trưởng Brazil nhấn mạnh, cộng đồng quốc tế cần trừng phạt Venezuela.");
    HAS("Ngoại trưởng Brazil nhấn mạnh, Brazil sẽ trừng phạt Venezuela.", "BRA", "VEN", "16");
    /* "A tuyên bố X ..., đồng thời kêu gọi B": back to the speaker */
    HAS("Bộ Ngoại giao Ba Lan tuyên bố một nhà ngoại giao Belarus là người không được chào đón, đồng thời kêu gọi "
        "Belarus hợp tác điều tra.",
        "POL", "BLR", "02");
    /* "..., X nói": a verbal act in the quote is the speaker's */
    HAS("\"Chúng tôi ủng hộ mạnh mẽ Ukraine\", Thủ tướng Ba Lan nói.", "POL", "UKR", "05");
    HAS("Canada đã thông báo với Mexico về kế hoạch mới.", "CAN", "MEX", "01");
    LACKS("Canada đã thông báo kế hoạch mới.", "CAN", "MEX", NULL);
}

/* Passives, "từ X"/"của X" after a request or an objection received, and
 * event nouns with their agent reverse the roles. */
static void test_reversed_roles(void **state)
{
    (void)state;
    HAS("Syria bị Israel không kích hôm qua.", "ISR", "SYR", "19");
    LACKS("Syria bị Israel không kích hôm qua.", "SYR", "ISR", "19");
    HAS("Thái Lan đang cân nhắc đề nghị từ Lào về việc mở thêm cửa khẩu.", "LAO", "THA", "02");
    LACKS("Thái Lan đang cân nhắc đề nghị từ Lào về việc mở thêm cửa khẩu.", "THA", "LAO", "02");
    HAS("Kế hoạch của Ba Lan vấp phải sự phản đối của Belarus.", "BLR", "POL", "11");
    HAS("Peru chưa phản hồi đề xuất của Chile.", "CHL", "PER", "02");
    HAS("Lệnh trừng phạt của Canada đối với Iran có hiệu lực từ hôm nay.", "CAN", "IRN", "16");
}

/* An offer is not a request: "đề nghị hỗ trợ ... cho X" (03), "đề nghị X
 * hỗ trợ" (02). */
static void test_offer_and_request(void **state)
{
    (void)state;
    HAS("Na Uy đề nghị hỗ trợ y tế cho Kenya.", "NOR", "KEN", "03");
    LACKS("Na Uy đề nghị hỗ trợ y tế cho Kenya.", "NOR", "KEN", "02");
    HAS("Kenya đề nghị Na Uy hỗ trợ y tế.", "KEN", "NOR", "02");
}

/* Each coordinated verb is coded, with the subject they share; a manner
 * clause ("bằng cách") codes its own verb. */
static void test_coordinated_verbs(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, "Brazil không hài lòng với quyết định này và đã cấm nhập khẩu, áp thuế với hàng hóa Argentina.");
    assert_true(count(&x, "BRA", "ARG", "16") > 0);
    att_extraction_free(&x);
    HAS("Hungary trả đũa bằng cách trục xuất ba nhà ngoại giao Slovakia.", "HUN", "SVK", "17");
    LACKS("Hungary trả đũa bằng cách trục xuất ba nhà ngoại giao Slovakia.", "HUN", "SVK", "13");
    /* "..., B cũng V": after the comma B is the next clause's subject, not
     * a second target of the first verb */
    run(&x, "Sau khi Pháp trục xuất bốn nhà ngoại giao Iran, Bỉ cũng trục xuất hai nhà ngoại giao Iran.");
    assert_true(count(&x, "FRA", "IRN", "17") > 0);
    assert_true(count(&x, "BEL", "IRN", "17") > 0);
    assert_int_equal(count(&x, "FRA", "BEL", NULL), 0);
    att_extraction_free(&x);
}

/* A verb in a fronted phrase ("Ngoài ...", "Sau khi ...") shares the
 * subject after the phrase's comma; "nước này" refers back. */
static void test_fronted_and_referred_subjects(void **state)
{
    (void)state;
    HAS("Ngoài trục xuất năm nhà ngoại giao Iran, Hà Lan cũng triệu tập đại sứ Iran.", "NLD", "IRN", "17");
    HAS("Sau khi hội đàm với Thủ tướng Peru, Tổng thống Chile tuyên bố sẽ hợp tác.", "CHL", "PER", "04");
    HAS("Sau khi hội đàm với Thủ tướng Peru, Tổng thống Chile tuyên bố sẽ hợp tác.", "PER", "CHL", "04");
    HAS("Singapore và Malaysia đã điều tàu cứu hộ tới vùng biển của Philippines.", "MYS", "PHL", "07");
}

/* Mutual acts: "cho nhau"; a coordinated joint act takes the previous
 * verb's counterpart; signing is both ways, one-sided coordination one way;
 * a clause nominalised by "việc" lends no subject to the next verb. */
static void test_mutual_and_shared_counterparts(void **state)
{
    (void)state;
    HAS("Armenia và Azerbaijan đổ lỗi cho nhau về vụ nổ súng.", "ARM", "AZE", "11");
    HAS("Armenia và Azerbaijan đổ lỗi cho nhau về vụ nổ súng.", "AZE", "ARM", "11");
    HAS("Ngoại trưởng Peru bay đến Chile và ký một thỏa thuận thương mại.", "PER", "CHL", "05");
    HAS("Ngoại trưởng Peru bay đến Chile và ký một thỏa thuận thương mại.", "CHL", "PER", "05");
    HAS("Bộ trưởng Kenya đã ký một bản ghi nhớ với Uganda.", "UGA", "KEN", "05");
    HAS("Người phát ngôn Ai Cập gọi việc Ethiopia xây đập là sai lầm và kêu gọi Ethiopia đàm phán.", "EGY", "ETH",
        "02");
}

/* Every member of a list of actors gives its own event, with or without
 * "và", after "trong đó có", and through "cùng với". */
static void test_actor_lists(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, "Nhiều nước, trong đó có Nhật Bản, Hàn Quốc, Úc đã viện trợ khẩn cấp cho Nepal.");
    assert_true(count(&x, "JPN", "NPL", "07") > 0);
    assert_true(count(&x, "KOR", "NPL", "07") > 0);
    assert_true(count(&x, "AUS", "NPL", "07") > 0);
    att_extraction_free(&x);
    /* a group subject with its members listed after the verb; "Ngoài X"
     * names who else did it, not the subject */
    run(&x, "Ngoài Nhật Bản, nhiều nước cũng đã gửi hàng viện trợ tới Nepal, gồm Ấn Độ, Bhutan và Hàn Quốc.");
    assert_true(count(&x, "IND", "NPL", "07") > 0);
    assert_true(count(&x, "BTN", "NPL", "07") > 0);
    assert_true(count(&x, "KOR", "NPL", "07") > 0);
    assert_int_equal(count(&x, "JPN", "NPL", NULL), 0);
    att_extraction_free(&x);
    run(&x, "Đan Mạch cùng với Na Uy, Phần Lan, Iceland và Thụy Điển đã cấm nhập cảnh đối với du khách từ Brazil.");
    const char *members[] = {"DNK", "NOR", "FIN", "ISL", "SWE"};
    for (size_t i = 0; i < 5; i++)
        if (!count(&x, members[i], "BRA", "16"))
            fail_msg("no %s->BRA 16", members[i]);
    att_extraction_free(&x);
}

/* Joint acts both ways only for co-subjects or a meeting; a one-sided
 * visit or cooperation "với" is one way. */
static void test_joint_vs_one_sided(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, "Ấn Độ và Bangladesh hội đàm tại Dhaka.");
    assert_true(count(&x, "IND", "BGD", "04") > 0);
    assert_true(count(&x, "BGD", "IND", "04") > 0);
    att_extraction_free(&x);
    run(&x, "Trong cuộc điện đàm hôm qua với Thủ tướng Italy, Thủ tướng Tây Ban Nha cho biết hai nước sẽ hợp tác.");
    assert_true(count(&x, "ESP", "ITA", "04") > 0);
    assert_true(count(&x, "ITA", "ESP", "04") > 0);
    att_extraction_free(&x);
    run(&x, "Tổng thống Chile thăm Argentina.");
    assert_true(count(&x, "CHL", "ARG", "04") > 0);
    assert_int_equal(count(&x, "ARG", "CHL", "04"), 0);
    att_extraction_free(&x);
    run(&x, "Indonesia hợp tác chặt chẽ với Malaysia trong cứu hộ.");
    assert_int_equal(count(&x, "MYS", "IDN", NULL), 0);
    att_extraction_free(&x);
}

/* Commentary, analysis, background, habits, relationship states and
 * aggregates are not events. */
static void test_commentary_frames(void **state)
{
    (void)state;
    NO_EVENTS("Các nhà phân tích cho rằng Mexico sẽ trừng phạt Cuba trong năm tới.");
    NO_EVENTS("Theo giới quan sát, Ai Cập có thể tấn công Sudan.");
    NO_EVENTS("Peru nhiều lần chỉ trích Bolivia về vấn đề biên giới.");
    NO_EVENTS("Quan hệ giữa Nepal và Bhutan tiếp tục căng thẳng.");
    LACKS("Nam Phi đã gia nhập khối này trong bối cảnh Nigeria trừng phạt Ghana.", "NGA", "GHA", "16");
    LACKS("Chile phản đối các lệnh trừng phạt của Argentina.", "ARG", "CHL", "16");
    /* ... but a past act after "sau khi" or "sau vụ" is one */
    HAS("Quan hệ giữa Nepal và Bhutan căng thẳng sau khi Nepal trục xuất đại sứ Bhutan.", "NPL", "BTN", "17");
}

/* Actors that only name a place are no participants: a state called like a
 * capital, own citizens ("công dân nước này"). */
static void test_modifier_actors(void **state)
{
    (void)state;
    LACKS("Chính phủ Úc hủy thỏa thuận với bang Victoria.", "AUS", "SYC", NULL);
    LACKS("Chính phủ Peru yêu cầu công dân nước này rời khỏi Chile ngay.", "PER", "CHL", NULL);
}

/* 2026-12-08 (events2): rules added for recall on real news. */

/* Deliveries of vaccines, ventilators and medical equipment are aid (07);
 * "tập trận cùng/với X" is a joint exercise (06 both ways), not a show of
 * force; "mời" invites (02). */
static void test_aid_exercise_invite_phrasings(void **state)
{
    (void)state;
    HAS("Nhật Bản đã gửi 1 triệu liều vắc xin cho Lào.", "JPN", "LAO", "07");
    HAS("Nhật Bản cung cấp miễn phí 1 triệu liều vắc xin cho Lào.", "JPN", "LAO", "07");
    HAS("Hàn Quốc gửi 200 máy thở tới Peru hôm thứ Hai.", "KOR", "PER", "07");
    HAS("Mỹ tập trận cùng Nhật Bản ở Biển Hoa Đông.", "USA", "JPN", "06");
    HAS("Mỹ tập trận cùng Nhật Bản ở Biển Hoa Đông.", "JPN", "USA", "06");
    LACKS("Mỹ tập trận cùng Nhật Bản ở Biển Hoa Đông.", "USA", "JPN", "15");
    HAS("Pháp hoan nghênh Đức và mời Italy tham gia sáng kiến.", "FRA", "ITA", "02");
    HAS("Nga được Trung Quốc mời tham dự hội nghị.", "CHN", "RUS", "02");
    LACKS("Nga được Trung Quốc mời tham dự hội nghị.", "RUS", "CHN", NULL);
}

/* "A, B và C đề nghị hỗ trợ": each offers help to someone unnamed; the
 * offerers do nothing with one another. */
static void test_offer_not_mutual(void **state)
{
    (void)state;
    LACKS("Anh, Canada và Nhật Bản đã đề nghị hỗ trợ.", "GBR", "CAN", NULL);
    LACKS("Anh, Canada và Nhật Bản đã đề nghị hỗ trợ.", "JPN", "GBR", NULL);
    /* a cooperative intent of co-subjects stays mutual */
    HAS("Anh và Canada cam kết tăng cường hợp tác.", "GBR", "CAN", "03");
}

/* ", trong đó có A và B", ", bao gồm cả A": a list opened after a comma
 * names the object's members; a list opener with no actor right after it
 * ("bao gồm thỏa thuận mà A ...") does not. */
static void test_object_list_after_comma(void **state)
{
    (void)state;
    HAS("Thủ tướng Lào cảm ơn các nước, trong đó có Nhật Bản và Hàn Quốc.", "LAO", "KOR", "05");
    HAS("Thủ tướng Lào cảm ơn các nước, trong đó có Nhật Bản và Hàn Quốc.", "LAO", "JPN", "05");
    LACKS("Thái Lan sẽ hủy 3 thỏa thuận, bao gồm thỏa thuận mà một công ty và Trung Quốc đã ký.", "THA", "CHN", NULL);
}

/* "cảm ơn A, B và C đã hỗ trợ ...": the thanked helped the thanker (07),
 * and each of them is thanked (05). */
static void test_thanked_helpers(void **state)
{
    (void)state;
    const char *s = "Thủ tướng Lào cảm ơn Nhật Bản, Australia và Pháp đã hỗ trợ khắc phục hậu quả lũ lụt.";
    HAS(s, "JPN", "LAO", "07");
    HAS(s, "FRA", "LAO", "07");
    HAS(s, "LAO", "FRA", "05");
    HAS("Bộ trưởng Ngoại giao Peru cảm ơn Chile vì đã giúp đỡ Peru.", "CHL", "PER", "07");
    /* no help right after the thanked: nothing reversed */
    LACKS("Thủ tướng Lào cảm ơn Nhật Bản. Hàn Quốc đã hỗ trợ Campuchia.", "KOR", "LAO", NULL);
}

/* "Ba Lan thông báo 3 nhà ngoại giao Nga bị trục xuất": a sanction,
 * expulsion or arrest in the passive with no agent, in what a state
 * reports, is that state's act; with an agent the agent acts. */
static void test_reported_agentless_passive(void **state)
{
    (void)state;
    HAS("Ba Lan thông báo 3 nhà ngoại giao Nga sẽ bị trục xuất khỏi nước này.", "POL", "RUS", "17");
    HAS("Hà Lan tuyên bố 2 nhà ngoại giao Iran bị trục xuất vì hoạt động gián điệp.", "NLD", "IRN", "17");
    LACKS("Hà Lan tuyên bố 2 nhà ngoại giao Iran bị Pháp trục xuất.", "NLD", "IRN", NULL);
    HAS("Hà Lan tuyên bố 2 nhà ngoại giao Iran bị Pháp trục xuất.", "FRA", "IRN", "17");
    /* no reporting state: no agent, no event */
    NO_EVENTS("Hai nhà ngoại giao Iran bị trục xuất.");
}

/* "Nga chỉ trích động thái này": the act referred back to names the
 * target (its actor); "..., song Moscow bác bỏ": a refusal or rejection
 * with no object answers the last request or accusation aimed at it. */
static void test_referred_acts_and_answers(void **state)
{
    (void)state;
    HAS("Canada áp lệnh trừng phạt Belarus. Nga lên án động thái này.", "RUS", "CAN", "11");
    HAS("Canada áp lệnh trừng phạt Belarus, Nga lên án quyết định đó.", "RUS", "CAN", "11");
    LACKS("Canada áp lệnh trừng phạt Belarus, Nga lên án quyết định đó.", "CAN", "RUS", NULL);
    HAS("Thủ tướng Ý thăm Ai Cập. Ai Cập hoan nghênh chuyến thăm này.", "EGY", "ITA", "05");
    HAS("Peru đề nghị Chile mở lại biên giới. Tuy nhiên, Chile đã từ chối.", "CHL", "PER", "12");
    HAS("Serbia cáo buộc Croatia can thiệp, song Zagreb đã lên tiếng bác bỏ.", "HRV", "SRB", "12");
    HAS("Canada trừng phạt Belarus. Belarus kịch liệt bác bỏ cả hai cáo buộc này.", "BLR", "CAN", "12");
    /* "cho nước này": the country named before in the paragraph */
    HAS("Nepal hứng chịu trận động đất mạnh. Ấn Độ đã gửi viện trợ cho nước này.", "IND", "NPL", "07");
    LACKS("Ấn Độ đã gửi viện trợ cho nước này.", "IND", "NPL", NULL);
    /* in the same sentence, after ", tuy nhiên," (a new clause) */
    HAS("Peru đề nghị Chile mở lại biên giới, tuy nhiên, Santiago đã từ chối.", "CHL", "PER", "12");
    /* nothing aimed at the refuser before: no target */
    LACKS("Peru thăm Chile. Tuy nhiên, Bolivia đã từ chối.", "BOL", "PER", NULL);
}

/* "Quân đội Peru cho biết A, B và C đã đề nghị hỗ trợ": help offered or
 * sent to nobody named, in what a state reports, is to that state. */
static void test_reported_offers(void **state)
{
    (void)state;
    const char *s = "Hải quân Peru cho biết Mỹ, Anh và Chile cũng đã đề nghị hỗ trợ.";
    HAS(s, "USA", "PER", "03");
    HAS(s, "CHL", "PER", "03");
    LACKS(s, "USA", "GBR", NULL);
    /* the reporter's own offer has no target */
    NO_EVENTS("Bộ Ngoại giao Peru cho biết sẽ hỗ trợ.");
}

/* "Mỹ trừng phạt Iran, Nga lên án ...": an actor after a comma right
 * before a verb is its subject, not one more object of the verb before. */
static void test_subject_after_comma(void **state)
{
    (void)state;
    LACKS("Canada trừng phạt Belarus, Nga lên án.", "CAN", "RUS", NULL);
    HAS("Canada trừng phạt Belarus, Nga lên án quyết định này.", "RUS", "CAN", "11");
    LACKS("Canada trừng phạt Belarus, Nga và Iran lên án.", "CAN", "IRN", NULL);
    /* a list item that no verb follows stays an object */
    HAS("Canada trừng phạt Belarus, Nga.", "CAN", "RUS", "16");
}

/* "cảnh báo, Y có thể ...", "cảnh báo rằng Y ...": a warning about Y's
 * conduct is a comment (01), not a threat; "cảnh báo Y sẽ trả giá" and a
 * warning of the speaker's own response stay threats (13). */
static void test_warning_about(void **state)
{
    (void)state;
    HAS("Quan chức Canada cảnh báo, Trung Quốc có thể giám sát dữ liệu cá nhân.", "CAN", "CHN", "01");
    LACKS("Quan chức Canada cảnh báo, Trung Quốc có thể giám sát dữ liệu cá nhân.", "CAN", "CHN", "13");
    HAS("Iran cảnh báo Israel sẽ phải trả giá.", "IRN", "ISR", "13");
    HAS("Nga cảnh báo rằng nếu Ba Lan tiếp tục leo thang, Moscow sẽ đáp trả.", "RUS", "POL", "13");
    /* a negated or defiant root-12 verb answers nothing */
    LACKS("Peru đề nghị Chile mở biên giới. Chile sẽ không nhượng bộ trước sức ép.", "CHL", "PER", NULL);
}

/* "Mỹ khẳng định các yêu sách của Trung Quốc là bất hợp pháp": a statement
 * censuring another actor's conduct (data kind censure) is a criticism. */
static void test_censuring_statements(void **state)
{
    (void)state;
    HAS("Canada khẳng định các yêu sách của Trung Quốc ở Bắc Cực là bất hợp pháp.", "CAN", "CHN", "11");
    HAS("Ông Tổng thống Pháp cho rằng các biện pháp của Thổ Nhĩ Kỳ là khiêu khích.", "FRA", "TUR", "11");
    /* no censure word: a plain statement is no criticism */
    LACKS("Canada khẳng định các yêu sách của Trung Quốc ở Bắc Cực đang tăng.", "CAN", "CHN", NULL);
    /* the speaker's own act is coded instead */
    LACKS("Canada cho biết đã trục xuất 2 nhà ngoại giao Trung Quốc vì vi phạm luật.", "CAN", "CHN", "11");
}

/* Buying arms is buyer -> seller 06; stopping visas for a country's
 * citizens is 16; a joint act with its counterpart named inside a
 * background frame ("trong bối cảnh A đang đàm phán với B") is reported. */
/* "Quan chức này", "nhà ngoại giao này" as the subject: the person last
 * named (data kind person_back), like "ông"/"bà". */
static void test_person_referred_back(void **state)
{
    (void)state;
    HAS("Ngoại trưởng Canada Mélanie Joly tới Bắc Kinh hôm qua. Quan chức này cũng cảnh báo, Trung Quốc đang mở "
        "rộng kho vũ khí.", "CAN", "CHN", "01");
    HAS("Người phát ngôn Bộ Ngoại giao Nhật Bản Matsuno nói vậy. Nhà ngoại giao này kêu gọi Nga rút quân.", "JPN",
        "RUS", "02");
}

/* "..., Ngoại trưởng Nga thì bay tới ...": an actor after a comma followed
 * by "thì" (or "đều") opens a new clause, it is no further object. */
static void test_topic_thi_opens_clause(void **state)
{
    (void)state;
    const char *s = "Ngoại trưởng Pháp đã đến Brussels để dự một cuộc họp của NATO, Ngoại trưởng Đức thì bay tới Ba Lan.";
    LACKS(s, "FRA", "DEU", NULL);
    LACKS(s, "DEU", "FRA", NULL);
    HAS(s, "DEU", "POL", "04");
}

/* "Thượng đỉnh Nga-Mỹ", "Hội nghị Bộ trưởng Ngoại giao ASEAN-Nhật Bản": a
 * meeting noun with a dash-joined pair is their meeting (04 both ways),
 * once per article; a relation or a mechanism is none. */
static void test_meeting_noun_with_pair(void **state)
{
    (void)state;
    HAS("Tại Thượng đỉnh Pháp-Đức ngày 3/5 ở Paris, hai nhà lãnh đạo bàn về năng lượng.", "FRA", "DEU", "04");
    HAS("Tại Thượng đỉnh Pháp-Đức ngày 3/5 ở Paris, hai nhà lãnh đạo bàn về năng lượng.", "DEU", "FRA", "04");
    HAS("Hội nghị trực tuyến Bộ trưởng Ngoại giao ASEAN - Nhật Bản diễn ra hôm qua.", "ASN", "JPN", "04");
    NO_EVENTS("Quan hệ Pháp-Đức vẫn tốt đẹp.");
    NO_EVENTS("Các cuộc đối thoại Pháp-Đức thường kéo dài.");
    att_extraction x;
    run(&x, "Thượng đỉnh Pháp-Đức diễn ra ở Paris. Sau Thượng đỉnh Pháp-Đức, hai bên ra tuyên bố chung.");
    assert_int_equal(count(&x, "FRA", "DEU", "04"), 1);
    att_extraction_free(&x);
}

/* "Anh, Ireland và Romania cũng gửi trợ giúp": aid sent to nobody named
 * goes to the country the article is most about, if the paragraph names it. */
static void test_aid_to_the_article_country(void **state)
{
    (void)state;
    const char *s = "Nepal ghi nhận thêm 300 ca tử vong. Bệnh viện ở Nepal quá tải. Chính phủ Nepal kêu gọi người "
                    "dân ở nhà. Ấn Độ, Bhutan và Nhật Bản cũng đã gửi trợ giúp.";
    HAS(s, "IND", "NPL", "07");
    HAS(s, "JPN", "NPL", "07");
    /* the paragraph does not name it: nothing */
    LACKS("Ấn Độ, Bhutan và Nhật Bản cũng đã gửi trợ giúp.", "IND", "JPN", NULL);
}

/* "A cho biết B sẽ ...; đã ...; dành 5 triệu USD giúp C": after a
 * semicolon the next predicate of the list is coded, outside the clause
 * complement before it. */
static void test_semicolon_predicates(void **state)
{
    (void)state;
    HAS("Bộ trưởng Nhật Bản cho biết Tokyo sẽ tiếp tục đi đầu trong nỗ lực chung; dành 5 triệu USD giúp Lào "
        "khắc phục lũ lụt.", "JPN", "LAO", "07");
}

/* "tàu do Đức sản xuất ... tham gia diễn tập": the agent of a "do X V"
 * phrase is no subject of a later verb; joining a search is aid. */
static void test_do_agent_and_search(void **state)
{
    (void)state;
    LACKS("Tàu ngầm do Đức sản xuất mất tích khi đang tham gia cuộc diễn tập ở ngoài khơi Peru.", "DEU", "PER", NULL);
    HAS("Nepal đang tìm kiếm chiếc máy bay mất tích. Ấn Độ sẽ tham gia hoạt động tìm kiếm.", "IND", "NPL", "07");
}

/* Two material acts of one root but different kinds in one sentence are
 * two events ("rút khỏi thỏa thuận và áp đặt trở lại lệnh trừng phạt");
 * one kind named twice is one ("cấm nhập khẩu, áp thuế" are both 163). */
static void test_two_material_acts_one_root(void **state)
{
    (void)state;
    att_extraction x;
    run(&x, "Canada đã rút khỏi thỏa thuận với Iran và áp đặt trở lại các lệnh trừng phạt đối với Iran.");
    assert_int_equal(count(&x, "CAN", "IRN", "16"), 2);
    att_extraction_free(&x);
    run(&x, "Trung Quốc đã cấm nhập khẩu, áp thuế với hàng hóa Australia.");
    assert_int_equal(count(&x, "CHN", "AUS", "16"), 1);
    att_extraction_free(&x);
}

static void test_purchases_visas_background_joint(void **state)
{
    (void)state;
    HAS("Ai Cập đã mua 24 máy bay chiến đấu Rafale của Pháp.", "EGY", "FRA", "06");
    /* advice to avoid buying is no purchase */
    NO_EVENTS("Các nước cần tránh mua vũ khí của Nga.");
    LACKS("Ai Cập đã mua 24 máy bay chiến đấu Rafale của Pháp.", "FRA", "EGY", "07");
    HAS("Đại sứ quán Canada sẽ ngừng cấp thị thực cho công dân Iran.", "CAN", "IRN", "16");
    HAS("Cuộc họp diễn ra trong bối cảnh Ai Cập đang đàm phán với Ethiopia về con đập.", "EGY", "ETH", "04");
    /* background without a counterpart stays background */
    NO_EVENTS("Trong bối cảnh Ai Cập tăng cường hiện diện quân sự gần Sudan, cuộc họp bắt đầu.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_noun_phrase_verbs),   cmocka_unit_test(test_reporting_frame),
        cmocka_unit_test(test_reversed_roles),      cmocka_unit_test(test_offer_and_request),
        cmocka_unit_test(test_coordinated_verbs),   cmocka_unit_test(test_actor_lists),
        cmocka_unit_test(test_joint_vs_one_sided),  cmocka_unit_test(test_commentary_frames),
        cmocka_unit_test(test_modifier_actors),     cmocka_unit_test(test_fronted_and_referred_subjects),
        cmocka_unit_test(test_mutual_and_shared_counterparts),
        cmocka_unit_test(test_aid_exercise_invite_phrasings),
        cmocka_unit_test(test_offer_not_mutual),
        cmocka_unit_test(test_object_list_after_comma),
        cmocka_unit_test(test_thanked_helpers),
        cmocka_unit_test(test_reported_agentless_passive),
        cmocka_unit_test(test_referred_acts_and_answers),
        cmocka_unit_test(test_reported_offers),
        cmocka_unit_test(test_subject_after_comma),
        cmocka_unit_test(test_warning_about),
        cmocka_unit_test(test_censuring_statements),
        cmocka_unit_test(test_purchases_visas_background_joint),
        cmocka_unit_test(test_person_referred_back),
        cmocka_unit_test(test_topic_thi_opens_clause),
        cmocka_unit_test(test_meeting_noun_with_pair),
        cmocka_unit_test(test_aid_to_the_article_country),
        cmocka_unit_test(test_semicolon_predicates),
        cmocka_unit_test(test_do_agent_and_search),
        cmocka_unit_test(test_two_material_acts_one_root),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
