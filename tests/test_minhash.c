/* test_minhash.c - folded-word shingles, MinHash, SimHash and the LSH index. */
#include "test_util.h"

#include <math.h>
#include <utf8proc.h>

#include "../src/analyze/minhash.h"
#include "../src/normalize/normalize.h"

/* ---- test articles (written for this test) ------------------------------ */

/* A: Vietnam - Japan foreign ministers' talks, six paragraphs. */
#define A_TITLE "Việt Nam và Nhật Bản nhất trí nâng tầm hợp tác kinh tế\n"
#define A_S1                                                                                   \
    "Chiều 12/3 tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Ngoại trưởng " \
    "Nhật Bản Kamikawa Yoko nhân chuyến thăm chính thức Việt Nam của bà từ ngày 11 đến 13/3. "
#define A_S2                                                                                 \
    "Hai bên đánh giá quan hệ Đối tác chiến lược toàn diện vì hòa bình và thịnh vượng ở châu " \
    "Á phát triển mạnh mẽ, thực chất trên mọi lĩnh vực. "
#define A_S3                                                                               \
    "Hai bộ trưởng cũng điểm lại kết quả các chuyến thăm cấp cao gần đây và thống nhất tăng " \
    "cường trao đổi đoàn ở mọi cấp, nhất là giữa các địa phương.\n"
#define A_P2                                                                                     \
    "Bộ trưởng Bùi Thanh Sơn đề nghị Nhật Bản tiếp tục cung cấp vốn vay ODA thế hệ mới cho các " \
    "dự án hạ tầng chiến lược, mở cửa thị trường cho nông sản và thủy sản của Việt Nam, đồng "    \
    "thời tạo điều kiện thuận lợi cho hơn 520.000 người Việt Nam đang sinh sống, học tập và làm "  \
    "việc tại Nhật Bản.\n"
#define A_P3                                                                                   \
    "Ngoại trưởng Kamikawa Yoko khẳng định Nhật Bản coi trọng vai trò của Việt Nam trong khu "   \
    "vực, cam kết thúc đẩy các dự án hợp tác về chuyển đổi số, chuyển đổi xanh và ứng phó với " \
    "biến đổi khí hậu. Bà cho biết kim ngạch thương mại song phương năm 2023 đạt 44,8 tỷ USD "  \
    "và hai nước đặt mục tiêu tăng trưởng mạnh hơn trong những năm tới.\n"
#define A_P4                                                                                     \
    "Về các vấn đề quốc tế và khu vực, hai bộ trưởng nhấn mạnh tầm quan trọng của việc duy trì " \
    "hòa bình, ổn định, an ninh, an toàn và tự do hàng hải, hàng không ở Biển Đông, giải quyết "  \
    "tranh chấp bằng biện pháp hòa bình trên cơ sở luật pháp quốc tế, đặc biệt là Công ước Liên " \
    "Hợp Quốc về Luật Biển năm 1982.\n"
#define A_P4_OTHER                                                                             \
    "Trước đó, Ngoại trưởng Kamikawa Yoko đã đến đặt vòng hoa tại Lăng Chủ tịch Hồ Chí Minh và " \
    "gặp gỡ đại diện các doanh nghiệp Nhật Bản đang đầu tư tại miền Bắc, lắng nghe kiến nghị về " \
    "thủ tục cấp phép và nguồn nhân lực có tay nghề.\n"
#define A_P5                                                                                   \
    "Nhân dịp này, hai bên đã ký kết bản ghi nhớ về hợp tác trong lĩnh vực y tế nhằm nâng cao " \
    "sức khỏe cộng đồng, và trao đổi về kế hoạch tổ chức các hoạt động kỷ niệm quan hệ ngoại "   \
    "giao giữa hai nước. Ngoại trưởng Kamikawa Yoko cũng đã chào xã giao Thủ tướng Chính phủ và " \
    "thăm Học viện Ngoại giao, nơi bà có bài phát biểu về vai trò của thanh niên hai nước.\n"

static const char A_FULL[] = A_TITLE A_S1 A_S2 A_S3 A_P2 A_P3 A_P4 A_P5;
/* the same article with one paragraph replaced */
static const char A_EDITED[] = A_TITLE A_S1 A_S2 A_S3 A_P2 A_P3 A_P4_OTHER A_P5;
/* a related-articles teaser: title + first two sentences */
static const char A_TEASER[] = A_TITLE A_S1 A_S2;
/* a light copy edit: a byline, a changed date phrase and one word */
static const char A_COPY[] =
    "(Báo Thế giới) " A_TITLE
    "Chiều ngày 12/3 tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Ngoại trưởng "
    "Nhật Bản Kamikawa Yoko nhân chuyến thăm chính thức Việt Nam của bà từ ngày 11 đến 13/3. " A_S2
    A_S3 A_P2 A_P3 A_P4
    "Nhân dịp này, hai bên đã ký bản ghi nhớ về hợp tác trong lĩnh vực y tế nhằm nâng cao "
    "sức khỏe cộng đồng, và trao đổi về kế hoạch tổ chức các hoạt động kỷ niệm quan hệ ngoại "
    "giao giữa hai nước. Ngoại trưởng Kamikawa Yoko cũng đã chào xã giao Thủ tướng Chính phủ và "
    "thăm Học viện Ngoại giao, nơi bà có bài phát biểu về vai trò của thanh niên hai nước.\n";

/* B: the same event, another outlet's wording (same actors, same numbers). */
static const char B_SAME_EVENT[] =
    "Ngoại trưởng Nhật Bản thăm Việt Nam, hai nước thúc đẩy hợp tác ODA\n"
    "Trong cuộc gặp ngày 12/3 ở thủ đô Hà Nội, người đứng đầu ngành ngoại giao Nhật Bản Kamikawa "
    "Yoko và Bộ trưởng Bùi Thanh Sơn đã trao đổi sâu rộng về quan hệ song phương. Đây là chuyến "
    "công du chính thức kéo dài ba ngày, từ 11 đến 13/3.\n"
    "Phía Việt Nam mong muốn Tokyo duy trì nguồn vốn ODA cho hạ tầng, nới lỏng rào cản với nông "
    "sản, thủy sản Việt và hỗ trợ cộng đồng khoảng 520.000 người Việt tại Nhật. Theo số liệu được "
    "nêu tại cuộc hội đàm, thương mại hai chiều năm 2023 ở mức 44,8 tỷ USD.\n"
    "Bà Kamikawa Yoko cho rằng Tokyo sẵn sàng đồng hành cùng Hà Nội trong chuyển đổi số và chuyển "
    "đổi xanh. Hai ngoại trưởng cũng bàn về tình hình Biển Đông, cùng ủng hộ giải quyết bất đồng "
    "theo luật pháp quốc tế và UNCLOS 1982.\n";

/* C: unrelated, a storm in the Philippines. */
static const char C_STORM[] =
    "Bão Yagi gây thiệt hại nặng nề tại Philippines\n"
    "Cơn bão mạnh đổ bộ vào đảo Luzon rạng sáng thứ Bảy, khiến ít nhất 17 người thiệt mạng và "
    "hàng chục nghìn người phải sơ tán khỏi khu vực ven biển. Cơ quan khí tượng Philippines cho "
    "biết sức gió mạnh nhất gần tâm bão lên tới 150 km/h, kèm theo mưa lớn kéo dài gây lũ quét và "
    "sạt lở đất ở nhiều tỉnh miền núi.\n"
    "Lực lượng cứu hộ đang khẩn trương tìm kiếm những người mất tích tại các làng chài bị nước "
    "cuốn trôi. Nhiều tuyến đường bị chia cắt, hệ thống điện bị hư hỏng khiến hơn 300.000 hộ gia "
    "đình rơi vào cảnh mất điện. Các trường học tạm thời đóng cửa và chuyến bay nội địa bị hủy.\n"
    "Tổng thống Philippines đã chỉ đạo các bộ ngành huy động tối đa nguồn lực để khắc phục hậu "
    "quả, cung cấp lương thực, nước sạch và thuốc men cho người dân vùng lũ. Giới chuyên gia cảnh "
    "báo mùa mưa bão năm nay có thể phức tạp hơn do tác động của hiện tượng La Nina.\n";

/* D: unrelated, European monetary policy. */
static const char D_ECB[] =
    "Ngân hàng Trung ương châu Âu giữ nguyên lãi suất\n"
    "Ngân hàng Trung ương châu Âu (ECB) ngày 7/3 quyết định giữ nguyên lãi suất cơ bản ở mức 4,5% "
    "trong phiên họp thứ tư liên tiếp, trong bối cảnh lạm phát tại khu vực đồng euro đã giảm nhưng "
    "vẫn cao hơn mục tiêu 2%. Chủ tịch ECB Christine Lagarde nói rằng các nhà hoạch định chính "
    "sách cần thêm dữ liệu trước khi cân nhắc việc cắt giảm.\n"
    "Theo dự báo mới, tăng trưởng kinh tế của khu vực đồng euro năm nay chỉ đạt 0,6%, thấp hơn "
    "mức ước tính trước đó. Thị trường tài chính phản ứng khá bình thản, đồng euro gần như không "
    "biến động so với đồng USD.\n";

/* ---- helpers ------------------------------------------------------------- */

static att_minhash mh_of(const char *s, int shingle)
{
    att_minhash m;
    att_minhash_text(s, strlen(s), shingle, &m);
    return m;
}

static double jac(const char *a, const char *b, int shingle)
{
    att_minhash ma = mh_of(a, shingle), mb = mh_of(b, shingle);
    return att_minhash_jaccard(&ma, &mb);
}

static int simdist(const char *a, const char *b, int shingle)
{
    return att_hamming64(att_simhash_text(a, strlen(a), shingle),
                         att_simhash_text(b, strlen(b), shingle));
}

/* Replace every occurrence of each pair[2k] by pair[2k+1]; caller frees. */
static char *replace_all(const char *s, const char *const *pairs, size_t npairs)
{
    att_buf b = ATT_BUF_INIT;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k;
        for (k = 0; k < npairs; k++) {
            size_t pl = strlen(pairs[2 * k]);
            if (strncmp(s + i, pairs[2 * k], pl) == 0) {
                assert_int_equal(att_buf_puts(&b, pairs[2 * k + 1]), ATT_OK);
                i += pl;
                break;
            }
        }
        if (k == npairs)
            assert_int_equal(att_buf_putc(&b, s[i++]), ATT_OK);
    }
    return att_buf_steal(&b);
}

/* Upper-case every code point (utf8proc); caller frees. */
static char *upper(const char *s)
{
    att_buf b = ATT_BUF_INIT;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned cp;
        i += att_utf8_decode(s + i, n - i, &cp);
        assert_int_equal(att_buf_put_utf8(&b, (unsigned)utf8proc_toupper((utf8proc_int32_t)cp)),
                         ATT_OK);
    }
    return att_buf_steal(&b);
}

static void assert_same_sig(const att_minhash *a, const att_minhash *b)
{
    assert_int_equal(a->n_shingles, b->n_shingles);
    assert_memory_equal(a->h, b->h, sizeof a->h);
}

/* ---- signatures ---------------------------------------------------------- */

static void test_identical_text(void **state)
{
    (void)state;
    for (int k = 1; k <= ATT_SHINGLE_MAX; k++) {
        att_minhash a = mh_of(A_FULL, k), b = mh_of(A_FULL, k);
        assert_same_sig(&a, &b);
        assert_true(a.n_shingles > 100);
        assert_true(att_minhash_jaccard(&a, &b) == 1.0);
        assert_int_equal(simdist(A_FULL, A_FULL, k), 0);
    }
    /* a different copy in memory (not the same pointer) */
    char *dup = strdup(A_FULL);
    assert_non_null(dup);
    assert_true(jac(A_FULL, dup, 3) == 1.0);
    free(dup);
}

static void test_tone_style_and_case_invariant(void **state)
{
    (void)state;
    /* new-style tone placement ("hoà", "thuỷ", "khoẻ"), then upper case */
    static const char *const newstyle[] = {"òa", "oà", "ủy", "uỷ", "ỏe", "oẻ", "Òa", "Oà"};
    char *n1 = replace_all(A_FULL, newstyle, 4);
    assert_string_not_equal(n1, A_FULL);
    assert_non_null(strstr(n1, "hoà bình"));
    assert_non_null(strstr(n1, "thuỷ sản"));
    assert_non_null(strstr(n1, "khoẻ"));
    char *n2 = upper(n1);
    assert_non_null(strstr(n2, "HOÀ BÌNH"));
    for (int k = 1; k <= 3; k++) {
        att_minhash a = mh_of(A_FULL, k), b = mh_of(n1, k), c = mh_of(n2, k);
        assert_same_sig(&a, &b);
        assert_same_sig(&a, &c);
        uint64_t sa = att_simhash_text(A_FULL, strlen(A_FULL), k);
        assert_true(sa == att_simhash_text(n2, strlen(n2), k));
    }
    free(n1);
    free(n2);
}

/* The words are keyed exactly as att_fold folds them: an accent-free copy
 * of the text gives the same signature. */
static void test_matches_att_fold(void **state)
{
    (void)state;
    const char *texts[] = {A_FULL, B_SAME_EVENT, C_STORM, D_ECB,
                           "Zürich Ñandú МОСКВА Mátxcơva Đảng ĐOÀN Ω ǅemal 東京 2024"};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        att_buf f = ATT_BUF_INIT;
        assert_int_equal(att_fold(texts[t], strlen(texts[t]), &f), ATT_OK);
        for (int k = 1; k <= 2; k++) {
            att_minhash a = mh_of(texts[t], k), b = mh_of(f.data, k);
            assert_same_sig(&a, &b);
            assert_true(a.n_shingles > 0);
        }
        att_buf_free(&f);
    }
}

static void test_tokens_kept_and_dropped(void **state)
{
    (void)state;
    att_minhash m;
    /* one-letter words go, whatever the script */
    att_minhash_text("a B ở Ô y", strlen("a B ở Ô y"), 1, &m);
    assert_int_equal(m.n_shingles, 0);
    /* digits stay, even single ones: "5", "nguoi", "ha", "noi" */
    const char *s = "5 người ở Hà Nội";
    att_minhash_text(s, strlen(s), 1, &m);
    assert_int_equal(m.n_shingles, 4);
    att_minhash_text(s, strlen(s), 3, &m);
    assert_int_equal(m.n_shingles, 2);
    att_minhash_text(s, strlen(s), 4, &m);
    assert_int_equal(m.n_shingles, 1);
    att_minhash_text(s, strlen(s), 5, &m);
    assert_int_equal(m.n_shingles, 0); /* fewer tokens than the shingle */
    /* dropped words do not break a shingle: same as without them */
    att_minhash m2;
    att_minhash_text("5 người Hà Nội", strlen("5 người Hà Nội"), 3, &m);
    att_minhash_text(s, strlen(s), 3, &m2);
    assert_same_sig(&m, &m2);
    /* punctuation and spacing do not matter */
    att_minhash_text("Hà Nội, ngày 12/3", strlen("Hà Nội, ngày 12/3"), 2, &m);
    att_minhash_text("ha noi  ngay 12 -- 3!", strlen("ha noi  ngay 12 -- 3!"), 2, &m2);
    assert_same_sig(&m, &m2);
    /* word order matters for shingle > 1, not for shingle = 1 */
    att_minhash_text("hai nuoc hop tac", 16, 2, &m);
    att_minhash_text("hop tac hai nuoc", 16, 2, &m2);
    assert_true(att_minhash_jaccard(&m, &m2) < 1.0);
    att_minhash_text("hai nuoc hop tac", 16, 1, &m);
    att_minhash_text("hop tac hai nuoc", 16, 1, &m2);
    assert_true(att_minhash_jaccard(&m, &m2) == 1.0);
    /* len is honoured: the text is not read as a C string */
    att_minhash_text("ha noi xxxx", 6, 1, &m);
    att_minhash_text("ha noi", 6, 1, &m2);
    assert_same_sig(&m, &m2);
}

/* The signer finds the same tokens as att_next_word: the text and its
 * tokens joined by single spaces give the same signature. */
static void test_tokens_match_att_next_word(void **state)
{
    (void)state;
    const char *texts[] = {
        A_FULL, C_STORM,
        "Hà\xffNội \xe1\xba""x Mỹ×Nga ÷ Ω-Ψ «Putin» ‘Kyiv’ 3½ ²³ ٣٤ Mátxcơva\xcc\x81 e\xcc\x81t "
        "Thủ\xe2\x80\x8btướng 東京·大阪 ＡＢＣ 12,5% x\xf0\x9f\x98\x80y \xe1\xba",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *s = texts[t];
        size_t n = strlen(s), pos = 0, ws, we;
        att_buf j = ATT_BUF_INIT;
        int ntok = 0;
        while (att_next_word(s, n, &pos, &ws, &we)) {
            assert_int_equal(att_buf_append(&j, s + ws, we - ws), ATT_OK);
            assert_int_equal(att_buf_putc(&j, ' '), ATT_OK);
            ntok++;
        }
        assert_true(ntok > 10);
        for (int k = 1; k <= 2; k++) {
            att_minhash a, b;
            att_minhash_text(s, n, k, &a);
            att_minhash_text(j.data, j.len, k, &b);
            assert_same_sig(&a, &b);
        }
        att_buf_free(&j);
    }
    /* invalid bytes separate words like spaces do */
    att_minhash a, b;
    att_minhash_text("Hà\xffNội\xe1\xba", strlen("Hà\xffNội\xe1\xba"), 2, &a);
    att_minhash_text("Hà Nội", strlen("Hà Nội"), 2, &b);
    assert_same_sig(&a, &b);
    assert_int_equal(a.n_shingles, 1);
}

/* The signer's fast path (att_word_cp_fast) for the Latin blocks agrees
 * with the Unicode categories. */
static void test_latin_blocks_are_word_chars(void **state)
{
    (void)state;
    for (unsigned cp = 0xC0; cp <= 0x24F; cp++)
        if (cp != 0xD7 && cp != 0xF7 && !att_word_cp_category(cp))
            fail_msg("U+%04X is not a word character", cp);
    assert_false(att_word_cp_category(0xD7));
    assert_false(att_word_cp_category(0xF7));
    for (unsigned cp = 0x300; cp <= 0x36F; cp++)
        if (!att_word_cp_category(cp))
            fail_msg("U+%04X is not a word character", cp);
    for (unsigned cp = 0x1E00; cp <= 0x1EFF; cp++)
        if (!att_word_cp_category(cp))
            fail_msg("U+%04X is not a word character", cp);
}

/* Every letter of those blocks folds as att_fold folds it: a word per
 * letter, signed as written and after att_fold, gives the same signature
 * (each word is distinct, so shingle = 1 compares all of them). */
static void test_every_latin_letter_folds_like_att_fold(void **state)
{
    (void)state;
    att_buf t = ATT_BUF_INIT, f = ATT_BUF_INIT;
    unsigned ranges[][2] = {{0xC0, 0x24F}, {0x1E00, 0x1EFF}, {0x391, 0x3C9}, {0x410, 0x44F}};
    for (size_t r = 0; r < 4; r++)
        for (unsigned cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            if (!att_is_word_cp(cp))
                continue;
            assert_int_equal(att_buf_printf(&t, "q%uz", cp), ATT_OK);
            assert_int_equal(att_buf_put_utf8(&t, cp), ATT_OK);
            assert_int_equal(att_buf_puts(&t, "x "), ATT_OK);
        }
    assert_int_equal(att_fold(t.data, t.len, &f), ATT_OK);
    att_minhash a, b;
    att_minhash_text(t.data, t.len, 1, &a);
    att_minhash_text(f.data, f.len, 1, &b);
    assert_true(a.n_shingles > 700);
    assert_same_sig(&a, &b);
    att_buf_free(&t);
    att_buf_free(&f);
}

static void test_empty_text(void **state)
{
    (void)state;
    att_minhash e, a = mh_of(A_FULL, 3);
    att_minhash_text("", 0, 3, &e);
    assert_int_equal(e.n_shingles, 0);
    for (int i = 0; i < ATT_MINHASH_K; i++)
        assert_true(e.h[i] == UINT32_MAX);
    assert_true(att_minhash_jaccard(&e, &e) == 0.0);
    assert_true(att_minhash_jaccard(&e, &a) == 0.0);
    assert_true(att_minhash_jaccard(&a, &e) == 0.0);
    assert_true(att_minhash_containment(&e, &a) == 0.0);
    assert_true(att_minhash_cardinality(&e) == 0.0);
    att_minhash_text(" ... , ; !!", 11, 1, &e);
    assert_int_equal(e.n_shingles, 0);
    att_minhash_text(NULL, 0, 1, &e);
    assert_int_equal(e.n_shingles, 0);
    assert_true(att_simhash_text("", 0, 3) == 0);
    assert_true(att_simhash_text("...", 3, 1) == 0);
}

static void test_bad_shingle(void **state)
{
    (void)state;
    att_minhash m;
    uint64_t s = 1;
    assert_int_equal(att_text_signatures("ha noi", 6, 0, &m, &s), ATT_ERR_USAGE);
    assert_int_equal(m.n_shingles, 0);
    assert_true(s == 0);
    assert_int_equal(att_text_signatures("ha noi", 6, 6, &m, NULL), ATT_ERR_USAGE);
    /* the void wrappers clamp */
    att_minhash a = mh_of(A_FULL, 0), b = mh_of(A_FULL, 1);
    assert_same_sig(&a, &b);
    a = mh_of(A_FULL, 99);
    b = mh_of(A_FULL, 5);
    assert_same_sig(&a, &b);
}

static void test_one_pass_matches_separate(void **state)
{
    (void)state;
    att_minhash m;
    uint64_t s;
    assert_int_equal(att_text_signatures(B_SAME_EVENT, strlen(B_SAME_EVENT), 2, &m, &s), ATT_OK);
    att_minhash m2 = mh_of(B_SAME_EVENT, 2);
    assert_same_sig(&m, &m2);
    assert_true(s == att_simhash_text(B_SAME_EVENT, strlen(B_SAME_EVENT), 2));
}

/* Pinned values: a change of any hash (and of stored signatures) fails here. */
static void test_deterministic_values(void **state)
{
    (void)state;
    const char *s = "Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Ngoại trưởng Nhật Bản";
    att_minhash m;
    att_minhash_text(s, strlen(s), 3, &m);
    assert_int_equal(m.n_shingles, 12); /* 14 words */
    assert_true(m.h[0] == 0x221DE417u);
    assert_true(m.h[127] == 0x1147A7D7u);
    assert_true(att_simhash_text(s, strlen(s), 3) == 0xED010A05BEA50E16ULL);
}

/* ---- similarity levels --------------------------------------------------- */

static void test_near_copies_are_similar(void **state)
{
    (void)state;
    /* light copy edit */
    assert_true(jac(A_FULL, A_COPY, 3) >= 0.8);
    assert_true(simdist(A_FULL, A_COPY, 3) <= 6);
    /* one paragraph of six replaced */
    double je = jac(A_FULL, A_EDITED, 3);
    assert_true(je >= 0.55 && je < 0.95);
    assert_true(simdist(A_FULL, A_EDITED, 3) <= 14);
    /* teaser vs full article: Jaccard is bounded by the size ratio, but
     * nearly all of the teaser is contained in the article */
    att_minhash t = mh_of(A_TEASER, 3), f = mh_of(A_FULL, 3), c = mh_of(C_STORM, 3);
    assert_true(att_minhash_jaccard(&t, &f) >= 0.15);
    assert_true(att_minhash_containment(&t, &f) >= 0.7);
    assert_true(att_minhash_containment(&t, &c) < 0.1);
    assert_true(att_minhash_containment(&f, &t) < 0.5);
}

static void test_unrelated_are_dissimilar(void **state)
{
    (void)state;
    const char *docs[] = {A_FULL, C_STORM, D_ECB};
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++) {
            assert_true(jac(docs[i], docs[j], 3) < 0.1);
            assert_true(jac(docs[i], docs[j], 2) < 0.1);
            assert_true(simdist(docs[i], docs[j], 3) >= 16);
        }
    /* a different article about the same event shares few word trigrams */
    assert_true(jac(A_FULL, B_SAME_EVENT, 3) < 0.2);
}

/* Word-set similarity of Vietnamese text has a high floor: function
 * syllables ("của", "các", "và", "năm") are shared by any two articles.
 * Measured here: same event 0.37 at shingle = 1 against 0.13-0.24 for
 * unrelated pairs; at shingle = 2 the gap is relatively wider (0.10 vs
 * <= 0.03). */
static double max_unrelated(int k)
{
    const char *pairs[][2] = {{A_FULL, C_STORM}, {A_FULL, D_ECB}, {B_SAME_EVENT, C_STORM},
                              {B_SAME_EVENT, D_ECB}, {C_STORM, D_ECB}};
    double m = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        double j = jac(pairs[i][0], pairs[i][1], k);
        m = j > m ? j : m;
    }
    return m;
}

static void test_same_event_ranks_above_unrelated(void **state)
{
    (void)state;
    double same1 = jac(A_FULL, B_SAME_EVENT, 1), u1 = max_unrelated(1);
    assert_true(same1 >= 0.3);
    assert_true(u1 < 0.3);
    assert_true(same1 > u1 + 0.08);
    double same2 = jac(A_FULL, B_SAME_EVENT, 2), u2 = max_unrelated(2);
    assert_true(same2 >= 0.06);
    assert_true(same2 > 3 * u2);
    /* containment of the shorter in the longer separates further */
    att_minhash b = mh_of(B_SAME_EVENT, 1), a = mh_of(A_FULL, 1), c = mh_of(C_STORM, 1),
                d = mh_of(D_ECB, 1);
    double cin = att_minhash_containment(&b, &a);
    assert_true(cin >= 0.6);
    assert_true(cin > att_minhash_containment(&b, &c) + 0.2);
    assert_true(cin > att_minhash_containment(&b, &d) + 0.2);
}

static void test_exact_overlap(void **state)
{
    (void)state;
    att_overlap o;
    /* identical */
    assert_int_equal(att_text_overlap(A_FULL, strlen(A_FULL), A_FULL, strlen(A_FULL), 3, &o),
                     ATT_OK);
    assert_true(o.n_a > 300 && o.n_a == o.n_b && o.common == o.n_a);
    assert_true(o.jaccard == 1.0 && o.contain_a == 1.0 && o.contain_b == 1.0);
    /* the teaser lies entirely inside the article */
    assert_int_equal(
        att_text_overlap(A_TEASER, strlen(A_TEASER), A_FULL, strlen(A_FULL), 3, &o), ATT_OK);
    assert_true(o.contain_a == 1.0);
    assert_true(o.common == o.n_a && o.n_a < o.n_b / 3);
    /* unrelated articles share no word trigram */
    assert_int_equal(att_text_overlap(A_FULL, strlen(A_FULL), C_STORM, strlen(C_STORM), 3, &o),
                     ATT_OK);
    assert_int_equal(o.common, 0);
    assert_true(o.jaccard == 0.0);
    /* the MinHash estimates are close to the exact values */
    att_minhash a = mh_of(A_FULL, 3), e = mh_of(A_EDITED, 3);
    assert_int_equal(att_text_overlap(A_FULL, strlen(A_FULL), A_EDITED, strlen(A_EDITED), 3, &o),
                     ATT_OK);
    assert_true(o.jaccard > 0.6 && o.jaccard < 0.95);
    assert_true(fabs(att_minhash_jaccard(&a, &e) - o.jaccard) < 0.15);
    assert_true(fabs(att_minhash_cardinality(&a) - (double)o.n_a) < 0.3 * (double)o.n_a);
    /* repeated shingles count once (shingle = 1: "ha noi ha noi" = {ha, noi}) */
    assert_int_equal(att_text_overlap("Hà Nội, Hà Nội", strlen("Hà Nội, Hà Nội"), "HA NOI", 6, 1,
                                      &o),
                     ATT_OK);
    assert_true(o.n_a == 2 && o.n_b == 2 && o.common == 2 && o.jaccard == 1.0);
    /* empty sides and bad arguments */
    assert_int_equal(att_text_overlap("", 0, A_FULL, strlen(A_FULL), 3, &o), ATT_OK);
    assert_true(o.n_a == 0 && o.n_b > 0 && o.common == 0 && o.jaccard == 0.0);
    assert_int_equal(att_text_overlap(NULL, 0, NULL, 0, 2, &o), ATT_OK);
    assert_true(o.n_a == 0 && o.n_b == 0);
    assert_int_equal(att_text_overlap("ha noi", 6, "ha noi", 6, 9, &o), ATT_ERR_USAGE);
    assert_true(o.n_a == 0 && o.jaccard == 0.0);
}

static void test_cardinality_estimate(void **state)
{
    (void)state;
    /* 3000 distinct tokens "w0".."w2999" -> 3000 distinct shingles at k=1;
     * repeated three times the estimate must not change. */
    att_buf b = ATT_BUF_INIT;
    for (int r = 0; r < 3; r++)
        for (int i = 0; i < 3000; i++)
            assert_int_equal(att_buf_printf(&b, "w%d ", i), ATT_OK);
    att_minhash m;
    att_minhash_text(b.data, b.len, 1, &m);
    assert_int_equal(m.n_shingles, 9000);
    double n = att_minhash_cardinality(&m);
    assert_true(n > 3000 * 0.7 && n < 3000 * 1.3);
    /* small sets: capped by the occurrence count */
    att_minhash_text("ha noi", 6, 1, &m);
    n = att_minhash_cardinality(&m);
    assert_true(n >= 1.0 && n <= 2.0);
    att_buf_free(&b);
}

static void test_hamming(void **state)
{
    (void)state;
    assert_int_equal(att_hamming64(0, 0), 0);
    assert_int_equal(att_hamming64(0, UINT64_MAX), 64);
    assert_int_equal(att_hamming64(0x8000000000000001ULL, 1), 1);
    assert_int_equal(att_hamming64(0xF0F0F0F0F0F0F0F0ULL, 0x0F0F0F0F0F0F0F0FULL), 64);
    assert_int_equal(att_hamming64(0x00FF00FF00FF00FFULL, 0x00FF00FF00FF0000ULL), 8);
}

/* ---- LSH ----------------------------------------------------------------- */

static void test_lsh_near_duplicate_candidates(void **state)
{
    (void)state;
    att_lsh *l = att_lsh_new(16, 8);
    assert_non_null(l);
    att_minhash a = mh_of(A_FULL, 3), b = mh_of(B_SAME_EVENT, 3), c = mh_of(C_STORM, 3),
                d = mh_of(D_ECB, 3), cp = mh_of(A_COPY, 3);
    assert_int_equal(att_lsh_add(l, 100, &a), ATT_OK);
    assert_int_equal(att_lsh_add(l, 200, &b), ATT_OK);
    assert_int_equal(att_lsh_add(l, 300, &c), ATT_OK);
    assert_int_equal(att_lsh_add(l, 400, &d), ATT_OK);
    assert_int_equal(att_lsh_size(l), 4);
    int64_t out[8];
    /* the light copy finds the original and nothing else */
    size_t n = att_lsh_query(l, &cp, out, 8);
    assert_int_equal(n, 1);
    assert_true(out[0] == 100);
    /* an indexed signature finds itself */
    n = att_lsh_query(l, &c, out, 8);
    assert_int_equal(n, 1);
    assert_true(out[0] == 300);
    /* after adding the copy, the original's query returns both, in order */
    assert_int_equal(att_lsh_add(l, 50, &cp), ATT_OK);
    n = att_lsh_query(l, &a, out, 8);
    assert_int_equal(n, 2);
    assert_true(out[0] == 100 && out[1] == 50);
    /* cap */
    assert_int_equal(att_lsh_query(l, &a, out, 1), 1);
    assert_true(out[0] == 100);
    assert_int_equal(att_lsh_query(l, &a, out, 0), 0);
    att_lsh_free(l);
}

static void test_lsh_edit_and_teaser_banding(void **state)
{
    (void)state;
    /* 20 x 5 (steep near J = 0.55): the copy with one paragraph replaced;
     * 64 x 2 (near J = 0.13, fine at shingle = 3 where unrelated articles
     * share almost nothing): the teaser of the article */
    att_lsh *mid = att_lsh_new(20, 5), *low = att_lsh_new(64, 2);
    assert_non_null(mid);
    assert_non_null(low);
    const char *docs[] = {A_FULL, B_SAME_EVENT, C_STORM, D_ECB};
    for (int i = 0; i < 4; i++) {
        att_minhash m = mh_of(docs[i], 3);
        assert_int_equal(att_lsh_add(mid, i + 1, &m), ATT_OK);
        assert_int_equal(att_lsh_add(low, i + 1, &m), ATT_OK);
    }
    int64_t out[8];
    att_minhash e = mh_of(A_EDITED, 3), t = mh_of(A_TEASER, 3);
    assert_int_equal(att_lsh_query(mid, &e, out, 8), 1);
    assert_true(out[0] == 1);
    assert_int_equal(att_lsh_query(low, &t, out, 8), 1);
    assert_true(out[0] == 1);
    att_lsh_free(mid);
    att_lsh_free(low);
}

static void test_lsh_args_and_errors(void **state)
{
    (void)state;
    assert_null(att_lsh_new(0, 8));
    assert_null(att_lsh_new(16, 0));
    assert_null(att_lsh_new(17, 8)); /* 136 > 128 */
    assert_null(att_lsh_new(-1, -1));
    att_lsh_free(NULL);
    att_lsh *l = att_lsh_new(128, 1);
    assert_non_null(l);
    att_minhash a = mh_of(A_FULL, 3), e;
    att_minhash_text("", 0, 3, &e);
    int64_t out[4];
    assert_int_equal(att_lsh_query(l, &a, out, 4), 0); /* empty index */
    assert_int_equal(att_lsh_add(l, 7, &a), ATT_OK);
    assert_int_equal(att_lsh_add(l, 7, &a), ATT_ERR_USAGE); /* duplicate id */
    assert_int_equal(att_lsh_size(l), 1);
    /* empty signatures are recorded, never matched */
    assert_int_equal(att_lsh_add(l, 8, &e), ATT_OK);
    assert_int_equal(att_lsh_add(l, 9, &e), ATT_OK);
    assert_int_equal(att_lsh_size(l), 3);
    assert_int_equal(att_lsh_query(l, &e, out, 4), 0);
    assert_int_equal(att_lsh_query(l, &a, out, 4), 1);
    assert_true(out[0] == 7);
    assert_int_equal(att_lsh_add(l, 8, &a), ATT_ERR_USAGE); /* id taken by the empty one */
    assert_int_equal(att_lsh_add(NULL, 1, &a), ATT_ERR_USAGE);
    assert_int_equal(att_lsh_add(l, 1, NULL), ATT_ERR_USAGE);
    assert_int_equal(att_lsh_query(l, &a, NULL, 4), 0);
    att_lsh_free(l);
}

/* Many synthetic signatures: growth, rehashing, distinct candidates in
 * insertion order, no false negatives for exact duplicates. */
static void test_lsh_many(void **state)
{
    (void)state;
    enum { N = 20000 };
    att_lsh *l = att_lsh_new(16, 8);
    assert_non_null(l);
    uint64_t x = 12345;
    att_minhash m;
    m.n_shingles = 10;
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < ATT_MINHASH_K; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            m.h[k] = (uint32_t)(x >> 32);
        }
        /* every 10th signature shares its first band with signature 0 */
        if (i % 10 == 0 && i > 0) {
            for (int k = 0; k < 8; k++)
                m.h[k] = (uint32_t)k * 1000u;
        } else if (i == 0) {
            for (int k = 0; k < 8; k++)
                m.h[k] = (uint32_t)k * 1000u;
        }
        assert_int_equal(att_lsh_add(l, (int64_t)i * 3 - 7, &m), ATT_OK);
    }
    assert_int_equal(att_lsh_size(l), N);
    /* the last signature added (i = N-1) finds itself only */
    int64_t out[N / 10 + 10];
    assert_int_equal(att_lsh_query(l, &m, out, N), 1);
    assert_true(out[0] == (int64_t)(N - 1) * 3 - 7);
    /* a query sharing band 0 gets ids 0, 10, 20, ... in insertion order */
    for (int k = 0; k < ATT_MINHASH_K; k++)
        m.h[k] = k < 8 ? (uint32_t)k * 1000u : 0xABCDu + (uint32_t)k;
    size_t n = att_lsh_query(l, &m, out, sizeof out / sizeof *out);
    assert_int_equal(n, N / 10);
    for (size_t i = 0; i < n; i++)
        assert_true(out[i] == (int64_t)(i * 10) * 3 - 7);
    att_lsh_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_text),
        cmocka_unit_test(test_tone_style_and_case_invariant),
        cmocka_unit_test(test_matches_att_fold),
        cmocka_unit_test(test_tokens_kept_and_dropped),
        cmocka_unit_test(test_tokens_match_att_next_word),
        cmocka_unit_test(test_latin_blocks_are_word_chars),
        cmocka_unit_test(test_every_latin_letter_folds_like_att_fold),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_bad_shingle),
        cmocka_unit_test(test_one_pass_matches_separate),
        cmocka_unit_test(test_deterministic_values),
        cmocka_unit_test(test_near_copies_are_similar),
        cmocka_unit_test(test_unrelated_are_dissimilar),
        cmocka_unit_test(test_same_event_ranks_above_unrelated),
        cmocka_unit_test(test_exact_overlap),
        cmocka_unit_test(test_cardinality_estimate),
        cmocka_unit_test(test_hamming),
        cmocka_unit_test(test_lsh_near_duplicate_candidates),
        cmocka_unit_test(test_lsh_edit_and_teaser_banding),
        cmocka_unit_test(test_lsh_args_and_errors),
        cmocka_unit_test(test_lsh_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
