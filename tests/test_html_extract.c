/* test_html_extract.c - article extraction from HTML pages written for these
 * tests in the style of Vietnamese news sites. */
#include "test_util.h"

#include "../src/article/html_extract.h"

/* ---- helpers ---- */

static att_status extract(const char *html, att_article *a)
{
    att_article_init(a);
    return att_html_extract(html, strlen(html), a);
}

/* Index of the first body paragraph containing needle, -1 if none. */
static int para_with(const att_article *a, const char *needle)
{
    for (size_t i = 0; i < a->n_paras; i++)
        if (strstr(a->paras[i].text, needle))
            return (int)i;
    return -1;
}

static void dump(const att_article *a)
{
    fprintf(stderr, "title=%s\nurl=%s\npublished=%s\nlead=%s\n", a->title ? a->title : "-",
            a->url ? a->url : "-", a->published ? a->published : "-", a->lead ? a->lead : "-");
    for (size_t i = 0; i < a->n_authors; i++)
        fprintf(stderr, "author[%zu]=%s\n", i, a->authors[i]);
    for (size_t i = 0; i < a->n_paras; i++)
        fprintf(stderr, "  %zu%s %s\n", i, a->paras[i].kind == ATT_PARA_HEADING ? "H" : " ",
                a->paras[i].text);
}

#define assert_para(a, needle)                                                                     \
    do {                                                                                           \
        if (para_with((a), (needle)) < 0) {                                                        \
            dump(a);                                                                               \
            fail_msg("no body paragraph contains \"%s\"", (needle));                               \
        }                                                                                          \
    } while (0)
#define assert_no_para(a, needle)                                                                  \
    do {                                                                                           \
        if (para_with((a), (needle)) >= 0) {                                                       \
            dump(a);                                                                               \
            fail_msg("body should not contain \"%s\"", (needle));                                  \
        }                                                                                          \
    } while (0)

/* ---- a full article page ---- */

static const char full_page_head[] =
    "<!DOCTYPE html>\n<html lang=\"vi\"><head>\n<meta charset=\"utf-8\">\n"
    "<title>Việt Nam thúc đẩy hợp tác kinh tế với EU - Tin Thế Giới</title>\n"
    "<meta property=\"og:title\" content=\"Việt Nam thúc đẩy hợp tác kinh tế với EU\">\n"
    "<meta property=\"og:site_name\" content=\"Tin Thế Giới\">\n"
    "<meta name=\"description\" content=\"Chiều 15/3, tại Hà Nội, Phó Thủ tướng tiếp đoàn "
    "Nghị viện châu Âu.\">\n"
    "<meta property=\"article:published_time\" content=\"2023-03-15T16:45:00+07:00\">\n"
    "<link rel=\"canonical\" href=\"https://tinthegioi.example.vn/the-gioi/viet-nam-eu-123.html\">\n"
    "<script>var tpl = '<p>Không phải nội dung bài viết</p>';</script>\n"
    "<style>p { color: #333; }</style>\n"
    "</head><body>\n"
    "<header class=\"site-header\"><div class=\"logo\"><a href=\"/\">Tin Thế Giới</a></div>\n"
    "<nav><ul><li><a href=\"/thoi-su\">Thời sự</a></li><li><a href=\"/the-gioi\">Thế giới</a>"
    "</li><li><a href=\"/kinh-te\">Kinh tế</a></li><li><a href=\"/van-hoa\">Văn hóa</a></li>"
    "</ul></nav></header>\n"
    "<div class=\"container\">\n"
    "<article class=\"article-detail\">\n";
static const char full_page_article[] =
    "<h1 class=\"article-title\">Việt Nam thúc đẩy hợp tác kinh tế với EU</h1>\n"
    "<div class=\"byline\"><span class=\"author\">Minh Châu</span> "
    "<span class=\"date\">Thứ Tư, 15/03/2023 16:45</span></div>\n"
    "<h2 class=\"sapo\">TGVN. Chiều 15/3, tại Hà Nội, Phó Thủ tướng đã tiếp Đoàn đại biểu "
    "Nghị viện châu Âu do ông Jan Kowalski, Chủ tịch Ủy ban Thương mại quốc tế, dẫn đầu.</h2>\n"
    "<div class=\"article-content\">\n"
    "<p>Tại buổi tiếp, Phó Thủ tướng đánh giá cao vai trò của Nghị viện châu Âu trong việc "
    "phê chuẩn Hiệp định Thương mại tự do Việt Nam - EU, khẳng định Việt Nam luôn coi EU là "
    "đối tác quan trọng hàng đầu.</p>\n"
    "<figure class=\"image\"><img src=\"/anh/tiep-doan.jpg\" alt=\"\"><figcaption>Phó Thủ "
    "tướng tiếp Đoàn đại biểu Nghị viện châu Âu. (Ảnh: Quang Hòa)</figcaption></figure>\n"
    "<p>Ông Jan Kowalski cho biết, sau ba năm thực thi, kim ngạch thương mại hai chiều đã "
    "tăng mạnh, doanh nghiệp châu Âu ngày càng quan tâm tới thị trường Việt Nam, nhất là trong "
    "các lĩnh vực năng lượng tái tạo, hạ tầng và chuyển đổi số.</p>\n"
    "<blockquote class=\"pull-quote\">Hai bên cần tháo gỡ các rào cản kỹ thuật để hàng nông "
    "sản Việt Nam tiếp cận thị trường châu Âu thuận lợi hơn</blockquote>\n"
    "<h2>Thúc đẩy thực thi EVFTA</h2>\n"
    "<p>Phó Thủ tướng đề nghị Nghị viện châu Âu tiếp tục ủng hộ, nhấn mạnh hai bên cần tháo "
    "gỡ các rào cản kỹ thuật để hàng nông sản Việt Nam tiếp cận thị trường châu Âu thuận lợi "
    "hơn, đồng thời sớm gỡ thẻ vàng IUU đối với thủy sản.</p>\n"
    "<p><strong>Tin liên quan</strong></p>\n"
    "<ul><li><a href=\"/a.html\">Thủ tướng tiếp Đại sứ Đức</a> - Hai bên trao đổi về hợp "
    "tác kinh tế, giáo dục và lao động trong thời gian tới.</li>"
    "<li><a href=\"/b.html\">EU đầu tư vào Việt Nam</a> - Nhiều tập đoàn lớn của châu Âu đã "
    "mở rộng sản xuất, kinh doanh tại các tỉnh phía Bắc.</li></ul>\n"
    "<p>Hai bên cũng trao đổi về tình hình khu vực và quốc tế, nhất trí tăng cường phối hợp "
    "tại các diễn đàn đa phương, trong đó có Liên hợp quốc và ASEM.</p>\n"
    "<p>Xem thêm: <a href=\"/c.html\">Toàn cảnh quan hệ Việt Nam - EU sau ba năm thực thi "
    "hiệp định thương mại</a></p>\n"
    "<p class=\"caption\">Quang cảnh buổi làm việc tại trụ sở Chính phủ</p>\n"
    "<p>Các ưu tiên hợp tác được hai bên thống nhất gồm:</p>\n"
    "<ul><li>Thúc đẩy phê chuẩn Hiệp định Bảo hộ đầu tư, tạo khung pháp lý ổn định.</li>"
    "<li>Mở rộng hợp tác về chuyển đổi xanh, ứng phó biến đổi khí hậu.</li></ul>\n"
    "<p>Dịp này, Phó Thủ tướng mời đoàn sớm trở lại Việt Nam, tham dự các hoạt động kỷ niệm "
    "quan hệ ngoại giao giữa hai bên.</p>\n"
    "</div>\n"
    "<div class=\"tags\"><a href=\"/tag/eu\">EU</a> <a href=\"/tag/evfta\">EVFTA</a></div>\n"
    "<div class=\"share-bar\"><a href=\"#\">Chia sẻ Facebook</a> <a href=\"#\">Twitter</a></div>\n"
    "</article>\n";
static const char full_page_tail[] =
    "<div class=\"box-related\"><h3>Bài viết cùng chủ đề</h3><ul>"
    "<li><a href=\"/d.html\">Hội nghị Bộ trưởng Ngoại giao ASEAN - EU khai mạc</a>"
    "<time datetime=\"2022-01-01T08:00\">01/01/2022</time></li>"
    "<li><a href=\"/e.html\">Việt Nam - EU: Đối tác toàn diện</a></li></ul></div>\n"
    "</div>\n"
    "<footer><p>© 2023 Tin Thế Giới. Giấy phép số 123/GP-BTTTT, cấp ngày 01/01/2020. Địa chỉ: "
    "12 phố Hoa Lư, Hà Nội. Điện thoại liên hệ tòa soạn, quảng cáo.</p></footer>\n"
    "</body></html>\n";

/* The parts are separate only because C limits string literal length. */
static char full_page[8192];
static int full_page_setup(void **state)
{
    (void)state;
    snprintf(full_page, sizeof full_page, "%s%s%s", full_page_head, full_page_article,
             full_page_tail);
    return 0;
}

static void full_page_metadata(void **state)
{
    (void)state;
    att_article a;
    assert_int_equal(extract(full_page, &a), ATT_OK);
    assert_string_equal(a.title, "Việt Nam thúc đẩy hợp tác kinh tế với EU");
    assert_string_equal(a.url, "https://tinthegioi.example.vn/the-gioi/viet-nam-eu-123.html");
    assert_int_equal(a.n_authors, 1);
    assert_string_equal(a.authors[0], "Minh Châu");
    assert_string_equal(a.published, "2023-03-15T16:45");
    /* the sapo element wins over the meta description; site prefix gone */
    assert_non_null(a.lead);
    assert_true(strncmp(a.lead, "Chiều 15/3, tại Hà Nội, Phó Thủ tướng đã tiếp", 20) == 0);
    assert_contains(a.lead, "dẫn đầu.");
    assert_null(a.source);
    att_article_free(&a);
}

static void full_page_body(void **state)
{
    (void)state;
    att_article a;
    assert_int_equal(extract(full_page, &a), ATT_OK);
    /* order */
    int p1 = para_with(&a, "Tại buổi tiếp"), p2 = para_with(&a, "Ông Jan Kowalski cho biết");
    int h = para_with(&a, "Thúc đẩy thực thi EVFTA"), p3 = para_with(&a, "sớm gỡ thẻ vàng");
    int p4 = para_with(&a, "Hai bên cũng trao đổi"), li1 = para_with(&a, "Bảo hộ đầu tư");
    int li2 = para_with(&a, "chuyển đổi xanh"), last = para_with(&a, "Dịp này");
    if (p1 != 0 || !(p1 < p2 && p2 < h && h < p3 && p3 < p4 && p4 < li1 && li1 < li2 &&
                     li2 < last)) {
        dump(&a);
        fail_msg("body paragraphs out of order or missing");
    }
    assert_int_equal((size_t)last, a.n_paras - 1);
    assert_int_equal(a.paras[h].kind, ATT_PARA_HEADING);
    assert_int_equal(a.paras[p1].kind, ATT_PARA_TEXT);
    /* excluded: title, lead, byline, nav, figcaption, pull quote, widget
     * heading and its list, link-dense "Xem thêm", caption class, tags,
     * share bar, related box, footer, script */
    assert_no_para(&a, "Việt Nam thúc đẩy hợp tác kinh tế với EU");
    assert_no_para(&a, "TGVN");
    assert_no_para(&a, "dẫn đầu");
    assert_no_para(&a, "Minh Châu");
    assert_no_para(&a, "Thời sự");
    assert_no_para(&a, "Quang Hòa");
    assert_int_equal(para_with(&a, "tháo gỡ các rào cản"), p3); /* only the real paragraph */
    assert_no_para(&a, "Tin liên quan");
    assert_no_para(&a, "Đại sứ Đức"); /* a teaser list, not link-dense */
    assert_no_para(&a, "tập đoàn lớn");
    assert_no_para(&a, "Toàn cảnh quan hệ");
    assert_no_para(&a, "Quang cảnh buổi làm việc");
    assert_no_para(&a, "EVFTA</");
    assert_no_para(&a, "Chia sẻ");
    assert_no_para(&a, "Đối tác toàn diện");
    assert_no_para(&a, "Giấy phép");
    assert_no_para(&a, "Không phải nội dung");
    assert_int_equal(a.n_paras, 9);
    att_article_free(&a);
}

/* ---- title sources ---- */

static void title_fallbacks(void **state)
{
    (void)state;
    att_article a;
    const char *body = "<div class=\"content\"><p>Ngày 20/4, Bộ Ngoại giao tổ chức họp báo thường "
                       "kỳ, trả lời câu hỏi của phóng viên về nhiều vấn đề quốc tế, khu vực.</p>"
                       "<p>Người Phát ngôn cho biết Việt Nam hoan nghênh các nỗ lực hòa bình.</p>"
                       "</div>";
    char html[4096];
    /* no og:title: the article's h1, not the logo's */
    snprintf(html, sizeof html,
             "<html><head><title>Họp báo thường kỳ | Báo Ngoại Vụ</title></head><body>"
             "<h1 class=\"logo\"><a href=\"/\">Báo Ngoại Vụ</a></h1>"
             "<div class=\"detail\"><h1>Họp báo thường kỳ Bộ Ngoại giao tháng Tư</h1>%s</div>"
             "</body></html>",
             body);
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_string_equal(a.title, "Họp báo thường kỳ Bộ Ngoại giao tháng Tư");
    att_article_free(&a);
    /* no h1: <title> minus " | Site" */
    snprintf(html, sizeof html,
             "<html><head><title>Họp báo thường kỳ Bộ Ngoại giao | Báo Ngoại Vụ</title></head>"
             "<body>%s</body></html>",
             body);
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_string_equal(a.title, "Họp báo thường kỳ Bộ Ngoại giao");
    att_article_free(&a);
    /* " - Site" is stripped, but a dash inside a short title is not */
    snprintf(html, sizeof html,
             "<html><head><title>Quan hệ Việt Nam - Lào không ngừng phát triển - Ngoại Vụ</title>"
             "</head><body>%s</body></html>",
             body);
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_string_equal(a.title, "Quan hệ Việt Nam - Lào không ngừng phát triển");
    att_article_free(&a);
    snprintf(html, sizeof html,
             "<html><head><title>Nga - Ukraine</title></head><body>%s</body></html>", body);
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_string_equal(a.title, "Nga - Ukraine");
    att_article_free(&a);
    /* og:title carrying the site name as a suffix */
    snprintf(html, sizeof html,
             "<html><head><meta property=\"og:site_name\" content=\"Ngoại Vụ\">"
             "<meta property=\"og:title\" content=\"Họp báo thường kỳ - Ngoại Vụ\">"
             "<meta property=\"og:url\" content=\"https://ngoaivu.example.vn/hop-bao.html\">"
             "<link rel=\"canonical\" href=\"/hop-bao.html\">"
             "</head><body>%s</body></html>",
             body);
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_string_equal(a.title, "Họp báo thường kỳ");
    /* an absolute og:url beats a relative canonical */
    assert_string_equal(a.url, "https://ngoaivu.example.vn/hop-bao.html");
    att_article_free(&a);
}

/* ---- dates ---- */

#define DATE_BODY                                                                                  \
    "<div class=\"content\"><p>Phát biểu tại phiên khai mạc, Tổng Thư ký ASEAN nhấn mạnh, khu "   \
    "vực cần đoàn kết, giữ vững vai trò trung tâm trong cấu trúc an ninh khu vực.</p>"             \
    "<p>Các nước thành viên nhất trí thúc đẩy kết nối kinh tế, thương mại và du lịch.</p></div>"

static void published_from(const char *head, const char *article_top, const char *before,
                           const char *expect)
{
    char html[8192];
    snprintf(html, sizeof html,
             "<html><head>%s</head><body>%s<article><h1>Khai mạc Hội nghị Bộ trưởng ASEAN</h1>"
             "%s" DATE_BODY "</article></body></html>",
             head, before, article_top);
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    if (expect == NULL) {
        if (a.published)
            fail_msg("expected no date, got %s", a.published);
    } else {
        if (!a.published || strcmp(a.published, expect) != 0)
            fail_msg("expected date %s, got %s", expect, a.published ? a.published : "(null)");
    }
    att_article_free(&a);
}

static const char related_list[] =
    "<div class=\"box-news\"><ul>"
    "<li><a href=\"/x.html\">Hội nghị cấp cao ASEAN lần thứ 40 bế mạc</a>"
    "<span class=\"time\">12/11/2022 10:15</span><time datetime=\"2022-11-12\">12/11</time></li>"
    "<li><a href=\"/y.html\">ASEAN và đối tác thảo luận an ninh biển</a></li></ul></div>";

static void dates(void **state)
{
    (void)state;
    /* <time datetime> inside the article; a related list with dates comes first */
    published_from("", "<time datetime=\"2023-08-04T09:30:00+07:00\">04/08/2023</time>",
                   related_list, "2023-08-04T09:30");
    /* "DD/MM/YYYY HH:MM" text in a date-classed element */
    published_from("", "<div class=\"meta\"><span class=\"publish-date\">Thứ Sáu, 04/08/2023 - "
                       "09:30</span></div>",
                   related_list, "2023-08-04T09:30");
    /* Vietnamese "14h05" time and a date-only ISO value */
    published_from("", "<span class=\"date\">14h05 ngày 5/8/2023</span>", "", "2023-08-05T14:05");
    published_from("<meta itemprop=\"datePublished\" content=\"2023-08-06\">", "", related_list,
                   "2023-08-06");
    /* JSON-LD: the NewsArticle's date, not the ItemList entry's */
    published_from("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
                   "\"@graph\":[{\"@type\":\"ItemList\",\"itemListElement\":[{\"@type\":"
                   "\"ListItem\",\"datePublished\":\"2021-01-01\"}]},{\"@type\":\"NewsArticle\","
                   "\"headline\":\"Khai mạc\",\"datePublished\":\"2023-08-07T20:00:00+07:00\","
                   "\"author\":{\"@type\":\"Person\",\"name\":\"Lê Văn Bình\"}}]}</script>",
                   "", related_list, "2023-08-07T20:00");
    /* the meta tag wins over visible dates */
    published_from("<meta property=\"article:published_time\" content=\"2023-08-08T07:00:00Z\">",
                   "<time datetime=\"2023-08-09\">9/8</time>", "", "2023-08-08T07:00");
    /* only the related list has dates: no date rather than a wrong one */
    published_from("", "", related_list, NULL);
    /* ... also when the list sits inside the article, before its own date */
    published_from("", related_list, "", NULL);
    char top[2048];
    snprintf(top, sizeof top, "%s<p class=\"dateline\"><time datetime=\"2023-08-10T10:00\">"
                              "10/8/2023</time></p>", related_list);
    published_from("", top, "", "2023-08-10T10:00");
    /* an impossible date is not invented */
    published_from("", "<span class=\"date\">31/02/2023</span>", "", NULL);
}

/* ---- authors ---- */

static void check_authors(const char *byline, const char *head, const char *a1, const char *a2)
{
    char html[4096];
    snprintf(html, sizeof html,
             "<html><head>%s</head><body><div class=\"detail\"><h1>Đối thoại Shangri-La 2023</h1>%s"
             "<div class=\"content\"><p>Đối thoại Shangri-La năm nay diễn ra tại Singapore, với sự "
             "tham gia của bộ trưởng quốc phòng nhiều nước, trong bối cảnh cạnh tranh chiến lược "
             "gia tăng.</p><p>Các đại biểu tập trung thảo luận về an ninh hàng hải.</p></div>"
             "</div></body></html>",
             head, byline);
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    if (a.n_authors != (a2 ? 2u : 1u) || strcmp(a.authors[0], a1) != 0 ||
        (a2 && strcmp(a.authors[1], a2) != 0)) {
        dump(&a);
        fail_msg("authors wrong for byline %s", byline);
    }
    assert_no_para(&a, a1);
    att_article_free(&a);
}

static void authors(void **state)
{
    (void)state;
    check_authors("", "<meta name=\"author\" content=\"Hoàng Anh\">", "Hoàng Anh", NULL);
    check_authors("<p>Bài: <a rel=\"author\" href=\"/tac-gia/thu-trang\">Thu Trang</a></p>", "",
                  "Thu Trang", NULL);
    check_authors("<div itemprop=\"author\" itemscope><span itemprop=\"name\">Ngọc Vân</span>"
                  "<span itemprop=\"jobTitle\">Phóng viên</span></div>",
                  "<meta name=\"author\" content=\"Ban biên tập\">", "Ngọc Vân", NULL);
    check_authors("<div class=\"article-byline\">Tác giả: Đức Minh và Lan Hương</div>", "",
                  "Đức Minh", "Lan Hương");
    check_authors("<p class=\"author\">Quốc Khánh</p>", "", "Quốc Khánh", NULL);
}

/* ---- boilerplate ---- */

static void link_dense_block_excluded(void **state)
{
    (void)state;
    const char *html =
        "<html><body><div class=\"story\">"
        "<p>Liên hợp quốc kêu gọi các bên tại Sudan ngừng bắn ngay lập tức, mở hành lang nhân "
        "đạo để người dân rời khỏi các khu vực giao tranh ác liệt.</p>"
        "<div><a href=\"/1\">Sudan: Giao tranh lan rộng ra nhiều thành phố</a> · "
        "<a href=\"/2\">Các nước sơ tán công dân khỏi Khartoum</a> · "
        "<a href=\"/3\">WHO cảnh báo nguy cơ khủng hoảng y tế</a></div>"
        "<p>Theo các tổ chức cứu trợ, hàng trăm nghìn người đã phải rời bỏ nhà cửa kể từ khi "
        "xung đột bùng phát hồi tháng Tư, nhiều người thiếu lương thực, nước sạch.</p>"
        "</div></body></html>";
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_int_equal(a.n_paras, 2);
    assert_para(&a, "Liên hợp quốc kêu gọi");
    assert_para(&a, "hàng trăm nghìn người");
    assert_no_para(&a, "Khartoum");
    att_article_free(&a);
}

static void pull_quote_dropped_real_quote_kept(void **state)
{
    (void)state;
    const char *html =
        "<html><body><div class=\"article-body\">"
        "<p>Phát biểu tại hội thảo, Đại sứ cho rằng hợp tác giáo dục là nền tảng lâu dài của "
        "quan hệ hai nước, góp phần vun đắp tình hữu nghị giữa nhân dân hai bên.</p>"
        "<blockquote><p>Giáo dục là cây cầu bền vững nhất nối hai dân tộc</p></blockquote>"
        "<p>Ông nói: \"Chúng tôi tin rằng giáo dục là cây cầu bền vững nhất nối hai dân tộc, và "
        "sẽ tiếp tục mở rộng học bổng cho sinh viên Việt Nam\".</p>"
        "<blockquote><p>Trong thư gửi hội thảo, Bộ trưởng Giáo dục viết rằng mỗi sinh viên "
        "trao đổi là một sứ giả của tình hữu nghị.</p></blockquote>"
        "<p>Năm nay, hai bên sẽ trao tổng cộng 200 suất học bổng cho các ngành khoa học.</p>"
        "</div></body></html>";
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_int_equal(a.n_paras, 4);
    assert_int_equal(para_with(&a, "cây cầu bền vững"), 1); /* only the paragraph itself */
    assert_para(&a, "mỗi sinh viên trao đổi là một sứ giả");
    att_article_free(&a);
}

static void lead_not_repeated(void **state)
{
    (void)state;
    const char *html =
        "<html><head><meta name=\"description\" content=\"(Tin Nhanh) - Tổng thống Pháp bắt đầu "
        "chuyến thăm chính thức Việt Nam, chuyến thăm đầu tiên của một nguyên thủ Pháp sau bảy "
        "năm.\"></head><body><div class=\"content\">"
        "<p>Tổng thống Pháp bắt đầu chuyến thăm chính thức Việt Nam, chuyến thăm đầu tiên của "
        "một nguyên thủ Pháp sau bảy năm.</p>"
        "<p>Lễ đón chính thức diễn ra tại Phủ Chủ tịch, sau đó hai nhà lãnh đạo hội đàm về "
        "hợp tác quốc phòng, năng lượng và hàng không.</p>"
        "<p>Hai bên dự kiến ký một loạt văn kiện hợp tác trong nhiều lĩnh vực.</p>"
        "</div></body></html>";
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_non_null(a.lead);
    assert_true(strncmp(a.lead, "Tổng thống Pháp bắt đầu", 20) == 0);
    assert_int_equal(a.n_paras, 2);
    assert_int_equal(para_with(&a, "Lễ đón chính thức"), 0);
    att_article_free(&a);
}

/* A main column whose class says "sidebar", a related box whose class
 * only contains "tinlienquan", a sapo outside the <article>, a byline time
 * classed "author-time", a comments section. */
static void chrome_classes(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>Mỹ, Trung Quốc nối lại kênh liên lạc quân sự</title></head><body>"
        "<div class=\"sidebar-1\">"
        "<div class=\"author-wrap\"><span class=\"author-name\">Thanh Tâm</span>"
        "<time class=\"author-time\">Thứ năm, 16/11/2023, 08:10</time></div>"
        "<h1 class=\"title-detail\">Mỹ, Trung Quốc nối lại kênh liên lạc quân sự</h1>"
        "<p class=\"description\">Hai nước đồng ý khôi phục kênh liên lạc quân sự cấp cao sau "
        "hơn một năm gián đoạn.</p>"
        "<article class=\"fck_detail\">"
        "<p class=\"Normal\">Thông tin được đưa ra sau cuộc gặp kéo dài khoảng bốn giờ giữa hai "
        "nhà lãnh đạo, trong đó hai bên thảo luận nhiều vấn đề song phương, quốc tế.</p>"
        "<p class=\"Normal\">Hai bên cũng nhất trí hợp tác chống ma túy tổng hợp, đồng thời "
        "tiếp tục trao đổi về quản trị trí tuệ nhân tạo.</p>"
        "<div class=\"box-tinlienquanv2\"><article class=\"item-news\"><h4><a href=\"/a\">"
        "Hai nhà lãnh đạo gặp nhau lần đầu sau một năm</a></h4><p class=\"description\">Cuộc "
        "gặp diễn ra bên lề hội nghị, kéo dài hơn dự kiến.</p></article></div>"
        "<p class=\"Normal\">Giới quan sát đánh giá đây là bước tiến quan trọng, giúp giảm nguy "
        "cơ tính toán sai lầm giữa quân đội hai nước.</p>"
        "</article></div>"
        "<div class=\"sidebar-2\"><div id=\"comments\"><div class=\"comment-item\"><p>Bạn đọc "
        "Nguyễn Văn A: Tôi cho rằng, đây là tín hiệu tích cực, nhưng cần theo dõi thêm, vì "
        "quan hệ hai nước còn nhiều bất đồng, nhất là về thương mại.</p></div></div></div>"
        "</body></html>";
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_int_equal(a.n_paras, 3);
    assert_para(&a, "bốn giờ");
    assert_para(&a, "ma túy tổng hợp");
    assert_para(&a, "tính toán sai lầm");
    assert_no_para(&a, "bên lề hội nghị");
    assert_no_para(&a, "Bạn đọc");
    assert_non_null(a.lead);
    assert_string_equal(a.lead, "Hai nước đồng ý khôi phục kênh liên lạc quân sự cấp cao sau hơn "
                                "một năm gián đoạn.");
    assert_int_equal(a.n_authors, 1);
    assert_string_equal(a.authors[0], "Thanh Tâm");
    assert_string_equal(a.published, "2023-11-16T08:10");
    att_article_free(&a);
}

/* Old CMS pages write paragraphs as text separated by <br> inside a div. */
static void div_br_paragraphs(void **state)
{
    (void)state;
    const char *html =
        "<html><body><table><tr><td class=\"menu\"><a href=\"/\">Trang chủ</a><br>"
        "<a href=\"/tg\">Thế giới</a></td><td><div id=\"noidung\">"
        "Hội nghị thượng đỉnh G20 bế mạc sau hai ngày làm việc, thông qua tuyên bố chung về "
        "tăng trưởng bền vững.<br><br>"
        "Các nhà lãnh đạo cam kết tăng cường hợp tác, <b>hỗ trợ các nước đang phát triển</b> "
        "ứng phó biến đổi khí hậu.<br><br>"
        "<b>Thách thức phía trước</b><br><br>"
        "Giới phân tích cho rằng, việc thực hiện cam kết vẫn là bài toán khó, nhất là trong bối "
        "cảnh kinh tế toàn cầu nhiều bất ổn."
        "</div></td></tr></table></body></html>";
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_int_equal(a.n_paras, 4);
    assert_para(&a, "Hội nghị thượng đỉnh G20 bế mạc");
    assert_string_equal(a.paras[1].text, "Các nhà lãnh đạo cam kết tăng cường hợp tác, hỗ trợ "
                                         "các nước đang phát triển ứng phó biến đổi khí hậu.");
    assert_string_equal(a.paras[2].text, "Thách thức phía trước");
    assert_int_equal(a.paras[2].kind, ATT_PARA_HEADING);
    assert_no_para(&a, "Trang chủ");
    att_article_free(&a);
}

static void malformed_html(void **state)
{
    (void)state;
    /* unclosed <p>, <div>, <li>, <b>; stray end tags; attribute junk */
    const char *html =
        "<html><head><title>Tin nhanh: Bão số 3 đổ bộ Philippines</title><body>"
        "<div class=content><p>Bão số 3 đã đổ bộ vào miền Bắc Philippines, gây mưa lớn, "
        "lở đất tại nhiều tỉnh, hàng nghìn người phải sơ tán"
        "<p>Cơ quan khí tượng Philippines cảnh báo <b>mưa lớn sẽ tiếp diễn</div></span>"
        "trong ít nhất hai ngày tới, nguy cơ lũ quét ở vùng núi rất cao."
        "<p class=\"x\" =\"\" <<p>Chính quyền địa phương đã huy động lực lượng cứu hộ, chuẩn bị "
        "lương thực, nước uống cho người dân.<ul><li>Mục một<li>Mục hai";
    att_article a;
    assert_int_equal(extract(html, &a), ATT_OK);
    assert_string_equal(a.title, "Tin nhanh: Bão số 3 đổ bộ Philippines");
    assert_para(&a, "hàng nghìn người phải sơ tán");
    assert_para(&a, "mưa lớn sẽ tiếp diễn");
    assert_para(&a, "huy động lực lượng cứu hộ");
    assert_true(para_with(&a, "sơ tán") < para_with(&a, "cứu hộ"));
    att_article_free(&a);

    /* pathological nesting must not exhaust the stack: it is refused
     * before gumbo sees it (docs/HARDENING.md) */
    size_t depth = 20000;
    char *deep = malloc(depth * 8 + 512);
    assert_non_null(deep);
    char *p = deep;
    p += sprintf(p, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, i % 2 ? "<div>" : "<span>");
    sprintf(p, "<p>Văn bản nằm rất sâu trong cây DOM, được viết ra để kiểm tra độ bền, "
               "không gây tràn ngăn xếp.</p>");
    att_article_init(&a);
    att_status st = att_html_extract(deep, strlen(deep), &a);
    assert_int_equal(st, ATT_ERR_TOOBIG);
    att_article_free(&a);
    free(deep);
}

static void no_article(void **state)
{
    (void)state;
    att_article a;
    /* a section front: nothing but link lists */
    const char *front =
        "<html><head><title>Thế giới - Tin Thế Giới</title>"
        "<meta name=\"description\" content=\"Tin tức thế giới cập nhật\"></head><body>"
        "<nav><a href=\"/\">Trang chủ</a> <a href=\"/tg\">Thế giới</a></nav>"
        "<div class=\"list\"><h3><a href=\"/1\">Hội nghị APEC khai mạc tại San Francisco, "
        "lãnh đạo các nền kinh tế thảo luận về thương mại</a></h3>"
        "<h3><a href=\"/2\">Liên hợp quốc thông qua nghị quyết về biến đổi khí hậu, "
        "kêu gọi hành động khẩn cấp</a></h3>"
        "<ul><li><a href=\"/3\">Nhật Bản, Hàn Quốc nhất trí tăng cường hợp tác, "
        "thúc đẩy trao đổi</a></li></ul></div>"
        "<footer>© Tin Thế Giới</footer></body></html>";
    assert_int_equal(extract(front, &a), ATT_ERR_EMPTY);
    assert_int_equal(a.n_paras, 0);
    assert_contains(a.title, "Thế giới"); /* metadata is still reported */
    att_article_free(&a);
    assert_int_equal(extract("", &a), ATT_ERR_EMPTY);
    att_article_free(&a);
    assert_int_equal(extract("<html><body><p>Lỗi 404.</p></body></html>", &a), ATT_ERR_EMPTY);
    att_article_free(&a);
    assert_int_equal(extract("\x01\x02 not html at all <<<>>>", &a), ATT_ERR_EMPTY);
    att_article_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_page_metadata),
        cmocka_unit_test(full_page_body),
        cmocka_unit_test(title_fallbacks),
        cmocka_unit_test(dates),
        cmocka_unit_test(authors),
        cmocka_unit_test(link_dense_block_excluded),
        cmocka_unit_test(pull_quote_dropped_real_quote_kept),
        cmocka_unit_test(lead_not_repeated),
        cmocka_unit_test(chrome_classes),
        cmocka_unit_test(div_br_paragraphs),
        cmocka_unit_test(malformed_html),
        cmocka_unit_test(no_article),
    };
    return cmocka_run_group_tests(tests, full_page_setup, NULL);
}
