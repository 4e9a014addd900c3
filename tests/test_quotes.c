/* test_quotes.c - direct quotes, reported speech, speakers, sentences. */
#include "test_util.h"

#include "../src/extract/quotes.h"
#include "../src/normalize/normalize.h"

/* A paragraph with its speaker spans given as substrings (the k-th
 * occurrence when the same name appears more than once: "Mỹ#2"). */
typedef struct para {
    const char *text;
    att_speaker_span sp[8];
    size_t nsp;
    att_quote *q;
    size_t nq;
} para;

static att_speaker_span span_of(const char *text, const char *name)
{
    char buf[128];
    int nth = 1;
    const char *hash = strchr(name, '#');
    size_t n = hash ? (size_t)(hash - name) : strlen(name);
    if (hash)
        nth = atoi(hash + 1);
    memcpy(buf, name, n);
    buf[n] = '\0';
    const char *p = text - 1;
    for (int i = 0; i < nth; i++) {
        p = strstr(p + 1, buf);
        if (!p)
            fail_msg("speaker \"%s\" not in paragraph", name);
    }
    return (att_speaker_span){(size_t)(p - text), (size_t)(p - text) + n};
}

/* Run the extractor; names: speaker substrings in order of position. */
static void run(para *p, const char *text, const char *const *names, size_t nn)
{
    p->text = text;
    p->nsp = nn;
    for (size_t i = 0; i < nn; i++)
        p->sp[i] = span_of(text, names[i]);
    for (size_t i = 1; i < nn; i++)
        assert_true(p->sp[i - 1].start <= p->sp[i].start); /* test data sorted */
    p->q = NULL;
    p->nq = 99;
    assert_int_equal(att_find_quotes(text, strlen(text), nn ? p->sp : NULL, nn, &p->q, &p->nq), ATT_OK);
}

#define RUN(p, text, ...)                                                    \
    do {                                                                     \
        static const char *const names_[] = {__VA_ARGS__};                   \
        run(p, text, names_, sizeof names_ / sizeof names_[0] - 1);          \
    } while (0)

static void done(para *p)
{
    free(p->q);
    p->q = NULL;
}

/* Assert quote i: its content, speaker and kind. */
static void check(const para *p, size_t i, const char *content, long speaker, int direct)
{
    if (i >= p->nq)
        fail_msg("quote %zu missing (%zu found)", i, p->nq);
    const att_quote *q = &p->q[i];
    assert_true(q->start <= q->end && q->end <= strlen(p->text));
    assert_true(q->sent_start <= q->start && q->end <= q->sent_end);
    char got[1024];
    size_t n = q->end - q->start;
    assert_true(n < sizeof got);
    memcpy(got, p->text + q->start, n);
    got[n] = '\0';
    assert_string_equal(got, content);
    if (q->speaker != speaker || q->direct != direct)
        fail_msg("quote \"%s\": speaker %ld direct %d, expected %ld %d", got, q->speaker, q->direct, speaker,
                 direct);
}

static void check_sentence(const para *p, size_t i, const char *sentence)
{
    const att_quote *q = &p->q[i];
    assert_int_equal(q->sent_end - q->sent_start, strlen(sentence));
    assert_memory_equal(p->text + q->sent_start, sentence, strlen(sentence));
}

static void test_verb_colon_curly(void **state)
{
    (void)state;
    para p;
    RUN(&p,
        "Ngoại trưởng Nga Sergei Lavrov nhấn mạnh: “Nga sẵn sàng đối thoại với phương Tây nếu lợi ích "
        "của Nga được tôn trọng.”",
        "Nga", "Sergei Lavrov", "Nga#2", "phương Tây", "Nga#3", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Nga sẵn sàng đối thoại với phương Tây nếu lợi ích của Nga được tôn trọng.", 1, 1);
    check_sentence(&p, 0, p.text);
    done(&p);

    RUN(&p, "Người phát ngôn Bộ Ngoại giao Trung Quốc Uông Văn Bân cho biết: \"Trung Quốc kiên quyết phản đối "
            "mọi hành động đơn phương.\" Ông không nói gì thêm.",
        "Bộ Ngoại giao Trung Quốc", "Uông Văn Bân", "Trung Quốc#2", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Trung Quốc kiên quyết phản đối mọi hành động đơn phương.", 1, 1);
    check_sentence(&p, 0,
                   "Người phát ngôn Bộ Ngoại giao Trung Quốc Uông Văn Bân cho biết: \"Trung Quốc kiên quyết "
                   "phản đối mọi hành động đơn phương.\"");
    done(&p);

    /* guillemets, "nói với ... :" */
    RUN(&p, "Ông Dmitry Peskov nói với báo giới: «Điện Kremlin chưa nhận được bất kỳ đề xuất chính thức nào».",
        "Dmitry Peskov", "Điện Kremlin", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Điện Kremlin chưa nhận được bất kỳ đề xuất chính thức nào", 0, 1);
    done(&p);

    /* "rằng" between verb and quote; a mixed “ ... " pair */
    RUN(&p, "Bà Ursula von der Leyen tuyên bố rằng “châu Âu sẽ đứng về phía Ukraine lâu dài\".",
        "Ursula von der Leyen", "Ukraine", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "châu Âu sẽ đứng về phía Ukraine lâu dài", 0, 1);
    done(&p);
}

static void test_speaker_after_quote(void **state)
{
    (void)state;
    para p;
    RUN(&p, "“Chúng tôi sẽ không để xảy ra một cuộc chiến tranh mới ở châu Âu”, ông Blinken nói.",
        "Blinken", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Chúng tôi sẽ không để xảy ra một cuộc chiến tranh mới ở châu Âu", 0, 1);
    check_sentence(&p, 0, p.text);
    done(&p);

    /* title + country + name: the span closest to the verb */
    RUN(&p, "“Mỹ cam kết bảo vệ tự do hàng hải ở Biển Đông”, Ngoại trưởng Mỹ Antony Blinken khẳng định trong "
            "cuộc họp báo.",
        "Mỹ", "Mỹ#2", "Antony Blinken", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Mỹ cam kết bảo vệ tự do hàng hải ở Biển Đông", 2, 1);
    done(&p);

    /* dash, straight quotes */
    RUN(&p, "\"Chúng tôi luôn sẵn sàng đàm phán trên cơ sở bình đẳng\" - Bộ trưởng Ngoại giao Iran Abbas "
            "Araghchi tuyên bố.",
        "Iran", "Abbas Araghchi", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Chúng tôi luôn sẵn sàng đàm phán trên cơ sở bình đẳng", 1, 1);
    done(&p);

    /* "“...”, theo X." */
    RUN(&p, "“Tình hình nhân đạo ở Gaza đang xấu đi từng ngày”, theo Tổng thư ký Liên hợp quốc Antonio "
            "Guterres.",
        "Gaza", "Liên hợp quốc", "Antonio Guterres", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Tình hình nhân đạo ở Gaza đang xấu đi từng ngày", 2, 1);
    done(&p);

    /* the attribution as a short sentence of its own */
    RUN(&p, "“Tôi rất lạc quan về tương lai của quan hệ hai nước.” Ông Kishida nói.", "Kishida", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Tôi rất lạc quan về tương lai của quan hệ hai nước.", 0, 1);
    done(&p);

    /* one verb between two halves of a quote */
    RUN(&p, "“Chúng tôi hoan nghênh lệnh ngừng bắn”, ông Guterres nói, “nhưng vẫn còn rất nhiều việc phải làm”.",
        "Guterres", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "Chúng tôi hoan nghênh lệnh ngừng bắn", 0, 1);
    check(&p, 1, "nhưng vẫn còn rất nhiều việc phải làm", 0, 1);
    done(&p);
}

/* "“...”, báo X (AFP) dẫn lời Y cho biết": a parenthesis in the
 * attribution is no break, the quoted speaker follows "dẫn lời". */
static void test_quoting_after_parenthesis(void **state)
{
    (void)state;
    para p;
    RUN(&p, "“Chúng tôi đang trao đổi với phía Nepal về vấn đề này”, báo Thời báo Sáng (JT) dẫn lời người "
            "phát ngôn Bộ Ngoại giao Nhật Bản Taro Suzuki cho biết ngày 24/4.",
        "Nepal", "Nhật Bản", "Taro Suzuki", NULL);
    assert_true(p.nq >= 1);
    check(&p, 0, "Chúng tôi đang trao đổi với phía Nepal về vấn đề này", 2, 1);
    done(&p);
}

static void test_theo_forms(void **state)
{
    (void)state;
    para p;
    RUN(&p, "Theo ông Antonio Guterres, “thế giới đang đứng trước nguy cơ xung đột lan rộng”.",
        "Antonio Guterres", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "thế giới đang đứng trước nguy cơ xung đột lan rộng", 0, 1);
    done(&p);

    RUN(&p, "Theo Bộ Ngoại giao Nhật Bản, hai bên đã nhất trí tăng cường hợp tác an ninh hàng hải.",
        "Bộ Ngoại giao Nhật Bản", "Nhật Bản", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "hai bên đã nhất trí tăng cường hợp tác an ninh hàng hải", 0, 0);
    check_sentence(&p, 0, p.text);
    done(&p);

    /* after a short lead, and with the name inside a longer source */
    RUN(&p, "Tuy nhiên, theo báo cáo do Ủy ban Tình báo Hạ viện Mỹ công bố ngày 30/9, cộng đồng tình báo đã "
            "không theo kịp.",
        "Ủy ban Tình báo Hạ viện Mỹ", "Mỹ", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "cộng đồng tình báo đã không theo kịp", 0, 0);
    done(&p);

    /* adverbial "theo" is not a source */
    RUN(&p, "Theo đó, hai bên sẽ tổ chức đối thoại thường niên. Theo kế hoạch, hội nghị kéo dài hai ngày.",
        NULL);
    assert_int_equal(p.nq, 0);
    done(&p);
}

static void test_multi_sentence_quote(void **state)
{
    (void)state;
    para p;
    RUN(&p,
        "Tổng thống Pháp Emmanuel Macron nói: “Châu Âu phải tự chủ. Chúng ta không thể phụ thuộc vào người "
        "khác! Đây là thời điểm quyết định.” Sau đó ông rời hội trường.",
        "Pháp", "Emmanuel Macron", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0,
          "Châu Âu phải tự chủ. Chúng ta không thể phụ thuộc vào người khác! Đây là thời điểm quyết định.", 1, 1);
    check_sentence(&p, 0,
                   "Tổng thống Pháp Emmanuel Macron nói: “Châu Âu phải tự chủ. Chúng ta không thể phụ thuộc vào "
                   "người khác! Đây là thời điểm quyết định.”");
    done(&p);

    /* a quote left open at the start of a paragraph runs to its end */
    RUN(&p, "“Chúng tôi sẽ tiếp tục theo đuổi con đường ngoại giao. Không có giải pháp quân sự cho cuộc xung "
            "đột này.",
        NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0,
          "Chúng tôi sẽ tiếp tục theo đuổi con đường ngoại giao. Không có giải pháp quân sự cho cuộc xung đột "
          "này.",
          -1, 1);
    done(&p);
}

static void test_scare_quotes(void **state)
{
    (void)state;
    para p;
    RUN(&p, "Mỹ coi Trung Quốc là đối thủ “chiến lược” và muốn tăng cường tương tác \"face to face\" với "
            "các đồng minh.",
        "Mỹ", "Trung Quốc", NULL);
    assert_int_equal(p.nq, 0);
    done(&p);

    RUN(&p, "Ngoại giao Mỹ «trở lại» dưới thời ông Biden, một “bước ngoặt lớn”.", "Mỹ", "Biden", NULL);
    assert_int_equal(p.nq, 0);
    done(&p);

    /* titles and short noun phrases of a few more syllables */
    RUN(&p, "Cuốn sách “Trật tự thế giới trong thế kỷ 21” của ông Kissinger đề cập tới “mọi dữ liệu cá nhân” "
            "và chiến dịch “Bão táp sa mạc năm 1991 của liên quân”.",
        "Kissinger", NULL);
    assert_int_equal(p.nq, 0);
    done(&p);

    /* a short quote introduced by a speech verb is a quotation */
    RUN(&p, "Khi được hỏi về đề xuất này, Tổng thống Putin nói: “Không”.", "Putin", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Không", 0, 1);
    done(&p);

    /* a scare quote inside reported speech stays part of it */
    RUN(&p, "Bà Kamala Harris khẳng định Mỹ sẽ “kiên định” với các cam kết an ninh của mình.", "Kamala Harris",
        "Mỹ", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Mỹ sẽ “kiên định” với các cam kết an ninh của mình", 0, 0);
    done(&p);

    /* a long quoted fragment inside reported speech is not a second quote */
    RUN(&p, "Ông Schiff cho biết các cơ quan tình báo Mỹ “có nhiều việc phải làm để đối phó với các thách "
            "thức”.",
        "Schiff", "Mỹ", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "các cơ quan tình báo Mỹ “có nhiều việc phải làm để đối phó với các thách thức”", 0, 0);
    done(&p);
}

static void test_pronoun_speaker(void **state)
{
    (void)state;
    para p;
    /* nearest span in the preceding text */
    RUN(&p, "Bộ trưởng Ngoại giao Australia Penny Wong đến Hà Nội chiều 5/6. Bà nhấn mạnh rằng hai nước cần "
            "phối hợp chặt chẽ hơn.",
        "Australia", "Penny Wong", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "hai nước cần phối hợp chặt chẽ hơn", 1, 0);
    check_sentence(&p, 0, "Bà nhấn mạnh rằng hai nước cần phối hợp chặt chẽ hơn.");
    done(&p);

    /* speaker continuity beats a nearer name; "ông ấy", "người này" */
    RUN(&p,
        "Ông Lavrov cho biết Nga không có ý định leo thang. Ông cũng đã gặp Ngoại trưởng Vương Nghị. "
        "Ông ấy nói: “Quan hệ Nga - Trung đang ở mức cao nhất trong lịch sử.” Người này cũng cảnh báo "
        "phương Tây không nên can thiệp.",
        "Lavrov", "Nga", "Vương Nghị", "Nga#2", "phương Tây", NULL);
    assert_int_equal(p.nq, 3);
    check(&p, 0, "Nga không có ý định leo thang", 0, 0);
    check(&p, 1, "Quan hệ Nga - Trung đang ở mức cao nhất trong lịch sử.", 0, 1);
    check(&p, 2, "phương Tây không nên can thiệp", 0, 0);
    done(&p);

    /* pronoun after the quote */
    RUN(&p, "Thủ tướng Anh Keir Starmer đến thăm một nhà máy quốc phòng. “Anh sẽ luôn ủng hộ Ukraine”, "
            "ông nói.",
        "Anh", "Keir Starmer", "Anh#2", "Ukraine", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Anh sẽ luôn ủng hộ Ukraine", 1, 1);
    done(&p);
}

static void test_no_speaker(void **state)
{
    (void)state;
    para p;
    RUN(&p, "“Đây là một bước đi nguy hiểm có thể làm leo thang căng thẳng ở Trung Đông”, một nhà ngoại giao "
            "giấu tên nói.",
        "Trung Đông", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Đây là một bước đi nguy hiểm có thể làm leo thang căng thẳng ở Trung Đông", -1, 1);
    done(&p);

    RUN(&p, "“Nếu không có sự phân bổ lại nguồn lực, chúng ta sẽ tụt hậu\", báo cáo nêu rõ.", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Nếu không có sự phân bổ lại nguồn lực, chúng ta sẽ tụt hậu", -1, 1);
    done(&p);

    /* reported speech with no span for the subject */
    RUN(&p, "Giới phân tích nhận định căng thẳng sẽ còn kéo dài.", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "căng thẳng sẽ còn kéo dài", -1, 0);
    done(&p);

    /* a long quote with no attribution at all */
    RUN(&p, "Một quan chức EU mô tả kế hoạch này là “một bước lùi lớn đối với an ninh năng lượng của châu "
            "Âu” trong bối cảnh hiện nay.",
        "EU", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "một bước lùi lớn đối với an ninh năng lượng của châu Âu", -1, 1);
    done(&p);
}

static void test_reported_speech(void **state)
{
    (void)state;
    para p;
    RUN(&p,
        "Bộ trưởng Quốc phòng Mỹ Lloyd Austin hôm 5/6 cho biết Washington sẽ tiếp tục hỗ trợ Ukraine. "
        "Ông Austin cũng nói với các phóng viên rằng NATO cần tăng chi tiêu quốc phòng.",
        "Mỹ", "Lloyd Austin", "Washington", "Ukraine", "Austin#2", "NATO", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "Washington sẽ tiếp tục hỗ trợ Ukraine", 1, 0);
    check_sentence(&p, 0, "Bộ trưởng Quốc phòng Mỹ Lloyd Austin hôm 5/6 cho biết Washington sẽ tiếp tục hỗ trợ "
                          "Ukraine.");
    check(&p, 1, "NATO cần tăng chi tiêu quốc phòng", 4, 0);
    check_sentence(&p, 1, "Ông Austin cũng nói với các phóng viên rằng NATO cần tăng chi tiêu quốc phòng.");
    done(&p);

    RUN(&p, "Nga cảnh báo các biện pháp trừng phạt mới sẽ gây hậu quả nghiêm trọng. Liên hợp quốc kêu gọi "
            "các bên kiềm chế! Trung Quốc tái khẳng định: lập trường của Bắc Kinh không thay đổi.",
        "Nga", "Liên hợp quốc", "Trung Quốc", "Bắc Kinh", NULL);
    assert_int_equal(p.nq, 3);
    check(&p, 0, "các biện pháp trừng phạt mới sẽ gây hậu quả nghiêm trọng", 0, 0);
    check(&p, 1, "các bên kiềm chế", 1, 0);
    check(&p, 2, "lập trường của Bắc Kinh không thay đổi", 2, 0);
    done(&p);

    /* comma after the verb; abbreviation inside the sentence */
    RUN(&p, "Thủ tướng Singapore Lawrence Wong cho biết thêm, đoàn sẽ thăm TP. Hồ Chí Minh vào tháng tới.",
        "Singapore", "Lawrence Wong", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "đoàn sẽ thăm TP. Hồ Chí Minh vào tháng tới", 1, 0);
    done(&p);

    /* reported speech followed by a direct quote in the same sentence */
    RUN(&p, "Ông Albanese cho biết Australia sẽ tăng viện trợ và nhấn mạnh: “Khu vực cần hòa bình và ổn định.”",
        "Albanese", "Australia", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "Australia sẽ tăng viện trợ", 0, 0);
    check(&p, 1, "Khu vực cần hòa bình và ổn định.", 0, 1);
    done(&p);
}

static void test_not_speech(void **state)
{
    (void)state;
    para p;
    RUN(&p,
        "Trong thông báo, Bộ Ngoại giao không cho biết thời điểm cụ thể. Vụ việc nói trên đang được điều tra. "
        "Nói chung, quan hệ hai nước đang cải thiện. Thông báo của Nhà Trắng được đăng tải tối qua. "
        "Ông Biden sẽ phát biểu tại Đại hội đồng Liên hợp quốc. Hai bên đã nói chuyện qua điện thoại.",
        "Bộ Ngoại giao", "Nhà Trắng", "Biden", "Liên hợp quốc", NULL);
    for (size_t i = 0; i < p.nq; i++)
        fail_msg("unexpected quote: %.*s", (int)(p.q[i].end - p.q[i].start), p.text + p.q[i].start);
    done(&p);
}

static void test_attribution_variants(void **state)
{
    (void)state;
    para p;
    /* an appositive between the speaker and the verb after the quote */
    RUN(&p, "\"Các biện pháp trừng phạt là một đòn giáng mạnh vào chính quyền quân sự\", Faith Doherty, người "
            "đứng đầu chiến dịch của tổ chức EIA, cho biết.",
        "Faith Doherty", "EIA", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Các biện pháp trừng phạt là một đòn giáng mạnh vào chính quyền quân sự", 0, 1);
    done(&p);

    /* ... and before it, in reported speech */
    RUN(&p, "Malcolm Davis, chuyên gia của viện Chính sách Chiến lược Australia, nhận định Mỹ đang chậm chân hơn "
            "Nga.",
        "Malcolm Davis", "Australia", "Mỹ", "Nga", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Mỹ đang chậm chân hơn Nga", 0, 0);
    done(&p);

    /* the end of a quote opened in an earlier paragraph */
    RUN(&p, "Sẽ rất khó để bắn hạ những tên lửa này bằng các hệ thống phòng thủ”, ông Heath nói.", "Heath", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Sẽ rất khó để bắn hạ những tên lửa này bằng các hệ thống phòng thủ", 0, 1);
    check_sentence(&p, 0, p.text);
    done(&p);

    /* a quote that continues into the next paragraph */
    RUN(&p, "Giáo sư Zhang Xin chia sẻ: “Hai bên đã nêu rõ lập trường của mình. Đây là một kết quả nhất định.",
        "Zhang Xin", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Hai bên đã nêu rõ lập trường của mình. Đây là một kết quả nhất định.", 0, 1);
    done(&p);

    /* a verb with its own content after the quote does not attribute it */
    RUN(&p, "Phía Nga gọi đó là “hành động phá hoại trắng trợn các nỗ lực hòa bình”, còn ông Blinken nói rằng "
            "hai bên cần đối thoại.",
        "Nga", "Blinken", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "hành động phá hoại trắng trợn các nỗ lực hòa bình", -1, 1);
    check(&p, 1, "hai bên cần đối thoại", 1, 0);
    done(&p);

    /* "dẫn lời": the speaker follows the verb */
    RUN(&p, "“Nga sẽ không bao giờ chấp nhận điều này”, hãng tin TASS dẫn lời ông Dmitry Peskov. Reuters dẫn lời "
            "ông Peskov cho biết Điện Kremlin chưa nhận được đề xuất nào.",
        "Nga", "TASS", "Dmitry Peskov", "Reuters", "Peskov#2", "Điện Kremlin", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "Nga sẽ không bao giờ chấp nhận điều này", 2, 1);
    check(&p, 1, "Điện Kremlin chưa nhận được đề xuất nào", 4, 0);
    done(&p);

    /* "như X đã nhấn mạnh, ..." */
    RUN(&p, "Như Ngoại trưởng Vương Nghị đã nhấn mạnh trong cuộc họp, hai nước cần tôn trọng lợi ích cốt lõi của "
            "nhau.",
        "Vương Nghị", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "hai nước cần tôn trọng lợi ích cốt lõi của nhau", 0, 0);
    done(&p);

    /* "content, X cho biết." with and without an appositive */
    RUN(&p, "Thuật ngữ \"đột biến kép\" không có ý nghĩa về mặt khoa học, ông Andersen cho biết. Số ca mắc ở "
            "Nepal tăng nhanh, Krishna Poudel, Giám đốc Cơ quan Kiểm soát Dịch bệnh Nepal, cho biết.",
        "Andersen", "Nepal", "Krishna Poudel", "Nepal#2", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "Thuật ngữ \"đột biến kép\" không có ý nghĩa về mặt khoa học", 0, 0);
    check(&p, 1, "Số ca mắc ở Nepal tăng nhanh", 2, 0);
    done(&p);

    /* a verb in a subordinate clause of "Theo X, ..." belongs to the content */
    RUN(&p, "Theo Bộ Ngoại giao Nga, quyết định được đưa ra để đáp trả, khi Bulgaria tuyên bố trục xuất hai nhà "
            "ngoại giao.",
        "Bộ Ngoại giao Nga", "Bulgaria", NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "quyết định được đưa ra để đáp trả, khi Bulgaria tuyên bố trục xuất hai nhà ngoại giao", 0, 0);
    done(&p);

    /* a missing space before the quote; pronoun after it */
    RUN(&p, "Ông Ong cảnh báo dịch bệnh đang ở thế rất mong manh.\"Việc nới lỏng hạn chế có thể khiến mọi nỗ lực "
            "sụp đổ\", ông nói.",
        "Ong", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "dịch bệnh đang ở thế rất mong manh", 0, 0);
    check(&p, 1, "Việc nới lỏng hạn chế có thể khiến mọi nỗ lực sụp đổ", 0, 1);
    done(&p);

    /* a news agency as the source, like "Theo X,"; a speech verb in the
     * content names the actual speaker */
    RUN(&p, "Reuters đưa tin, hải quân Indonesia thông báo họ đang tìm kiếm một tàu ngầm mất tích. AFP đưa tin, "
            "giao tranh đã lan tới biên giới Thái Lan.",
        "Reuters", "hải quân Indonesia", "AFP", "Thái Lan", NULL);
    assert_int_equal(p.nq, 2);
    check(&p, 0, "họ đang tìm kiếm một tàu ngầm mất tích", 1, 0);
    check(&p, 1, "giao tranh đã lan tới biên giới Thái Lan", 2, 0);
    done(&p);

    /* a straight quote after a colon that continues into the next paragraph */
    RUN(&p, "Chris Kofinis nhận định: \"Lần này mọi người đều nói rằng ông ấy không thể chiến thắng.", "Chris Kofinis",
        NULL);
    assert_int_equal(p.nq, 1);
    check(&p, 0, "Lần này mọi người đều nói rằng ông ấy không thể chiến thắng.", 0, 1);
    done(&p);

    /* "theo" after a quoted phrase is not an attribution of that phrase */
    RUN(&p, "Máy bay được thiết kế cho \"một trận Trân Châu Cảng thứ hai\", theo ý đồ của Đô đốc Yamamoto.",
        "Yamamoto", NULL);
    assert_int_equal(p.nq, 0);
    done(&p);

    /* questions are not reported speech */
    RUN(&p, "Xin Đại sứ cho biết trọng tâm của chuyến thăm lần này là gì?", NULL);
    assert_int_equal(p.nq, 0);
    done(&p);
}

static void test_edge_cases(void **state)
{
    (void)state;
    att_quote *q = (att_quote *)1;
    size_t n = 7;
    assert_int_equal(att_find_quotes("", 0, NULL, 0, &q, &n), ATT_OK);
    assert_null(q);
    assert_int_equal(n, 0);
    assert_int_equal(att_find_quotes(NULL, 5, NULL, 0, &q, &n), ATT_ERR_USAGE);
    assert_int_equal(att_find_quotes("abc", 3, NULL, 2, &q, &n), ATT_ERR_USAGE);
    assert_int_equal(att_find_quotes("abc", 3, NULL, 0, NULL, &n), ATT_ERR_USAGE);

    /* stray and unbalanced marks do not crash or invent quotes */
    const char *odd[] = {"”", "“", "\"", "« »", "Ông X nói: “", "“”, ông nói.", "a \" b \" c \" d",
                         "”ngược“ và \"\" rỗng", "Ông nói: \"Mỹ", "…", ". . .", "“Một.” “Hai.”"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        q = NULL;
        assert_int_equal(att_find_quotes(odd[i], strlen(odd[i]), NULL, 0, &q, &n), ATT_OK);
        for (size_t k = 0; k < n; k++) {
            assert_true(q[k].start < q[k].end && q[k].end <= strlen(odd[i]));
            assert_true(q[k].sent_start <= q[k].start && q[k].end <= q[k].sent_end);
        }
        free(q);
    }

    /* speaker spans out of range or empty are ignored */
    const char *t = "Ông Trump nói rằng thuế quan sẽ tăng.";
    att_speaker_span bad[] = {{0, 0}, span_of(t, "Trump"), {30, 999}};
    q = NULL;
    assert_int_equal(att_find_quotes(t, strlen(t), bad, 3, &q, &n), ATT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(q[0].speaker, 1);
    free(q);
}

/* Random paragraphs assembled from fragments (marks, verbs, punctuation,
 * pronouns...) with random speaker spans: the output must always be well
 * formed - in bounds, inside its sentence, sorted, never overlapping. */
static void test_invariants_on_random_text(void **state)
{
    (void)state;
    static const char *const frag[] = {
        "Ông Lavrov", " nói", ": ", "“", "”", "\"", "«", "»", ", ", ". ", "Theo Reuters", " cho biết",
        " rằng", " Mỹ sẽ hành động", " và", " nhấn mạnh", "?", "…", "\n", " ", "ông", " TP.", " Hồ Chí Minh",
        " đưa tin", " dẫn lời", "Như", " khi", " không", " thêm", " - ", " – ", "(", ")", " Nga", "...",
        "\xc2\xa0", " bà ấy", " tuyên bố", " phát biểu", " nói trên", "Theo đó", " hai bên cần đối thoại",
        "!", " Trung Quốc", " cảnh báo", " với báo giới", " hôm 5/6", "'", ";", " J.", " Biden"};
    const size_t nfrag = sizeof frag / sizeof frag[0];
    uint32_t seed = 12345;
    char text[2048];
    for (int iter = 0; iter < 3000; iter++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t nf = 1 + (seed >> 16) % 40;
        for (size_t f = 0; f < nf; f++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = frag[(seed >> 16) % nfrag];
            size_t pl = strlen(piece);
            if (len + pl >= sizeof text)
                break;
            memcpy(text + len, piece, pl);
            len += pl;
        }
        text[len] = '\0';
        /* speaker spans on random words (sorted, some nested) */
        att_speaker_span sp[16];
        size_t nsp = 0, pos = 0, a, b;
        while (nsp < 16 && att_next_word(text, len, &pos, &a, &b)) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 4;
            if (r == 0)
                sp[nsp++] = (att_speaker_span){a, b};
            else if (r == 1 && nsp < 15) {
                size_t pos2 = pos, a2, b2;
                sp[nsp++] = (att_speaker_span){a, att_next_word(text, len, &pos2, &a2, &b2) ? b2 : b};
                sp[nsp++] = (att_speaker_span){a, b};
            }
        }
        att_quote *q = NULL;
        size_t n = 0;
        assert_int_equal(att_find_quotes(text, len, nsp ? sp : NULL, nsp, &q, &n), ATT_OK);
        for (size_t i = 0; i < n; i++) {
            if (!(q[i].start < q[i].end && q[i].end <= len && q[i].sent_start <= q[i].start &&
                  q[i].end <= q[i].sent_end && q[i].sent_end <= len))
                fail_msg("bad spans in \"%s\"", text);
            if (q[i].speaker < -1 || q[i].speaker >= (long)nsp || (q[i].direct != 0 && q[i].direct != 1))
                fail_msg("bad speaker/kind in \"%s\"", text);
            if (text[q[i].start] == ' ' || text[q[i].end - 1] == ' ')
                fail_msg("untrimmed quote in \"%s\"", text);
            if (i && q[i].start < q[i - 1].end)
                fail_msg("overlapping quotes in \"%s\"", text);
        }
        free(q);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verb_colon_curly),  cmocka_unit_test(test_speaker_after_quote),
        cmocka_unit_test(test_theo_forms),        cmocka_unit_test(test_multi_sentence_quote),
        cmocka_unit_test(test_scare_quotes),      cmocka_unit_test(test_pronoun_speaker),
        cmocka_unit_test(test_no_speaker),        cmocka_unit_test(test_reported_speech),
        cmocka_unit_test(test_not_speech),        cmocka_unit_test(test_attribution_variants),
        cmocka_unit_test(test_edge_cases),        cmocka_unit_test(test_invariants_on_random_text),
        cmocka_unit_test(test_quoting_after_parenthesis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
