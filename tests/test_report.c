/* test_report.c - the HTML report and its SVG timeline charts.
 *
 * With ATT_REPORT_OUT=path in the environment the program also writes the
 * sample report (3 watched dyads x 26 weeks, alerts, stories, commitments,
 * quotations, all in Vietnamese) to that path; tests/test_report_screenshot.sh
 * renders it with headless Chromium. */
#include "test_util.h"

#include <math.h>

#include "../src/analyze/report.h"

/* ---- helpers ------------------------------------------------------------ */

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += k)
        n++;
    return n;
}

static char *render(const att_report *r)
{
    att_buf b = ATT_BUF_INIT;
    assert_int_equal(att_report_html(r, &b), ATT_OK);
    char *s = att_buf_steal(&b);
    assert_non_null(s);
    return s;
}

static char *render_svg(const att_report_series *s)
{
    att_buf b = ATT_BUF_INIT;
    assert_int_equal(att_report_svg_timeline(s, &b), ATT_OK);
    char *out = att_buf_steal(&b);
    assert_non_null(out);
    return out;
}

/* The numbers of the first <path class="gs" d="...">: y of every point. */
static size_t gs_ys(const char *svg, double *ys, size_t max)
{
    const char *p = strstr(svg, "<path class=\"gs\" d=\"");
    if (!p)
        return 0;
    p += strlen("<path class=\"gs\" d=\"");
    size_t n = 0;
    while (*p && *p != '"') {
        while (*p == ' ' || *p == 'M' || *p == 'L')
            p++;
        char *end;
        strtod(p, &end); /* x */
        assert_true(end != p);
        double y = strtod(end, &end);
        if (n < max)
            ys[n] = y;
        n++;
        p = end;
    }
    return n;
}

/* x of every period label (<text x=".." ... class="xl">). */
static size_t label_xs(const char *svg, double *xs, size_t max)
{
    size_t n = 0;
    for (const char *p = svg; (p = strstr(p, "class=\"xl\"")) != NULL; p++) {
        const char *t = p;
        while (t > svg && strncmp(t, "<text x=\"", 9) != 0)
            t--;
        assert_true(t > svg);
        if (n < max)
            xs[n] = strtod(t + 9, NULL);
        n++;
    }
    return n;
}

/* Every http(s) URL in the document is the value of an href that the
 * caller gave as a source. */
static void assert_only_given_urls(const char *html, const char *const *allowed, size_t nallowed)
{
    const char *p = html;
    while ((p = strstr(p, "http")) != NULL) {
        if (strncmp(p, "http://", 7) != 0 && strncmp(p, "https://", 8) != 0) {
            p++;
            continue;
        }
        if (p - html < 6 || strncmp(p - 6, "href=\"", 6) != 0)
            fail_msg("URL outside an href: %.80s", p);
        size_t len = strcspn(p, "\"");
        int ok = 0;
        for (size_t i = 0; i < nallowed && !ok; i++)
            ok = strlen(allowed[i]) == len && !strncmp(allowed[i], p, len);
        if (!ok)
            fail_msg("URL not given by the caller: %.*s", (int)len, p);
        p += len;
    }
}

/* ---- the sample report --------------------------------------------------- */

static unsigned rng_state;
static double rnd(void) /* 0..1, deterministic */
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (double)((rng_state >> 8) & 0xFFFF) / 65535.0;
}

static int poisson_ish(double mean) { return (int)lround(mean * (0.75 + 0.5 * rnd())); }

/* Days since 1970-01-01 <-> civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

/* period = "YYYY-MM-DD" */
static void set_period(char period[11], int y, int m, int d)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(period, tmp, 10);
    period[10] = '\0';
}

#define WEEKS 26

typedef struct sample {
    att_report_point pts[3][WEEKS];
    att_report_series series[3];
    att_report r;
} sample;

/* base: mean events per week; g0: baseline Goldstein; coop: cooperative share;
 * shock: weeks [s0, s1) with more conflict. */
static void fill_series(att_report_series *s, att_report_point *pts, const char *a, const char *an,
                        const char *b, const char *bn, double base, double g0, double coop, int s0, int s1)
{
    memset(s, 0, sizeof *s);
    snprintf(s->a, sizeof s->a, "%s", a);
    snprintf(s->b, sizeof s->b, "%s", b);
    snprintf(s->a_name, sizeof s->a_name, "%s", an);
    snprintf(s->b_name, sizeof s->b_name, "%s", bn);
    s->by = "week";
    s->pts = pts;
    s->n = WEEKS;
    long day0 = days_from_civil(2024, 1, 1); /* a Monday */
    for (int w = 0; w < WEEKS; w++) {
        att_report_point *p = &pts[w];
        memset(p, 0, sizeof *p);
        civil_from_days(day0 + 7L * w, p->period);
        int shock = w >= s0 && w < s1;
        double mean = base * (shock ? 2.1 : 1.0) * (0.85 + 0.3 * sin(w / 3.0));
        double c = shock ? coop * 0.35 : coop;
        int n = poisson_ish(mean);
        int coopn = (int)lround(n * c);
        p->quad[0] = (int)lround(coopn * 0.68);
        p->quad[1] = coopn - p->quad[0];
        p->quad[2] = (int)lround((n - coopn) * 0.7);
        p->quad[3] = n - coopn - p->quad[2];
        p->n_events = n;
        p->n_stories = 1 + n / 6;
        double g = g0 + (shock ? -4.5 : 0) + (rnd() - 0.5) * 1.6;
        p->goldstein_mean = g;
        p->tone_mean = g / 3.0;
    }
}

static const att_report_dyad sample_dyads[] = {
    {"USA", "CHN", "Mỹ", "Trung Quốc", 812, 371, -0.4, -1.2},
    {"RUS", "UKR", "Nga", "Ukraine", 655, 538, -5.1, -0.3},
    {"VNM", "CHN", "Việt Nam", "Trung Quốc", 341, 97, 1.6, -2.4},
    {"VNM", "USA", "Việt Nam", "Mỹ", 288, 12, 3.9, 0.6},
    {"ISR", "IRN", "Israel", "Iran", 204, 181, -6.3, -1.9},
    {"CHN", "PHL", "Trung Quốc", "Philippines", 176, 121, -3.2, -0.8},
    {"VNM", "JPN", "Việt Nam", "Nhật Bản", 143, 3, 4.6, 0.0},
    {"VNM", "LAO", "Việt Nam", "Lào", 97, 0, 5.2, 0.3},
};

static const att_report_evidence ev_vnm_chn[] = {
    {"2024-05-14", "Người Phát ngôn Bộ Ngoại giao Phạm Thu Hằng khẳng định Việt Nam kiên quyết phản đối "
                   "mọi hành động vi phạm chủ quyền của Việt Nam đối với quần đảo Hoàng Sa.",
     "https://baoquocte.vn/viet-nam-phan-doi-hanh-dong-vi-pham-chu-quyen-hoang-sa-271845.html"},
    {"2024-05-13", "Tàu hải cảnh Trung Quốc đã sử dụng vòi rồng đối với tàu cá Việt Nam đang hoạt động "
                   "tại ngư trường truyền thống, làm hư hỏng thiết bị trên tàu.",
     "https://vnexpress.net/tau-ca-viet-nam-bi-tan-cong-gan-hoang-sa-4745120.html"},
    {"2024-05-16", "Bộ Ngoại giao đã trao công hàm phản đối cho đại diện Đại sứ quán Trung Quốc tại Hà Nội.",
     "https://tuoitre.vn/trao-cong-ham-phan-doi-2024051612.htm"},
};
static const att_report_evidence ev_usa_chn[] = {
    {"2024-04-15", "Chính quyền Tổng thống Joe Biden tuyên bố tăng thuế đối với xe điện nhập khẩu từ "
                   "Trung Quốc lên 100%.",
     "https://baoquocte.vn/my-tang-thue-xe-dien-trung-quoc-268812.html"},
    {"2024-04-16", "Bộ Thương mại Trung Quốc cảnh báo sẽ áp dụng mọi biện pháp cần thiết để bảo vệ quyền "
                   "lợi chính đáng của doanh nghiệp.",
     "https://vietnamplus.vn/trung-quoc-phan-ung-thue-xe-dien-post941234.vnp"},
};
static const att_report_evidence ev_rus_ukr[] = {
    {"2024-06-03", "Nga và Ukraine trao đổi 75 tù binh mỗi bên với sự trung gian của Các Tiểu vương quốc "
                   "Arab Thống nhất (UAE).",
     "https://baoquocte.vn/nga-ukraine-trao-doi-tu-binh-275511.html"},
};
static const att_report_evidence ev_asean[] = {
    {"2024-06-21", "Thủ tướng Phạm Minh Chính và Tổng thống Hàn Quốc nhất trí nâng tổng kim ngạch thương "
                   "mại song phương lên 150 tỷ USD vào năm 2030.",
     "corpus/2024-06/tuoitre-2024-06-21-0132.html"},
};

static const att_report_alert sample_alerts[] = {
    {"story_burst", "USA–CHN", "2024-04-16", 3.9,
     "42 bài từ 9 nguồn trong 3 ngày về việc Mỹ tăng thuế đối với xe điện Trung Quốc; phản ứng "
     "của Bắc Kinh được đưa tin rộng rãi.",
     ev_usa_chn, 2},
    {"dyad_shift", "VNM–CHN", "2024-05-13", 4.6,
     "Goldstein trung bình giảm từ +2,8 xuống −2,1 trong hai tuần: sự cố tàu cá gần quần đảo Hoàng Sa "
     "và công hàm phản đối.",
     ev_vnm_chn, 3},
    {"dyad_shift", "RUS–UKR", "2024-06-03", 2.7,
     "Số sự kiện hợp tác tăng rõ rệt (trao đổi tù binh, đàm phán qua trung gian) dù xung đột vẫn "
     "chiếm ưu thế.",
     ev_rus_ukr, 1},
    {"story_burst", "VNM–KOR", "2024-06-21", 2.1,
     "Chuyến thăm của Thủ tướng Phạm Minh Chính tới Hàn Quốc: 18 bài trong 2 ngày.", ev_asean, 1},
};

static const att_report_story sample_stories[] = {
    {"Mỹ tăng thuế đối với xe điện, pin và chất bán dẫn nhập khẩu từ Trung Quốc", 64, 11, "2024-04-14",
     "2024-05-20", "Mỹ, Trung Quốc"},
    {"Tàu cá Việt Nam bị tấn công gần quần đảo Hoàng Sa", 37, 9, "2024-05-13", "2024-05-22",
     "Việt Nam, Trung Quốc"},
    {"Hội nghị Thượng đỉnh về hòa bình cho Ukraine tại Thụy Sĩ", 29, 8, "2024-06-14", "2024-06-18",
     "Ukraine, Nga, Thụy Sĩ"},
    {"Tổng thống Nga Vladimir Putin thăm cấp Nhà nước Việt Nam", 26, 10, "2024-06-18", "2024-06-21",
     "Nga, Việt Nam"},
    {"Xung đột Israel – Hamas: đàm phán ngừng bắn tại Cairo", 21, 7, "2024-02-05", "2024-03-11",
     "Israel, Hamas, Ai Cập, Qatar"},
    {"Philippines và Trung Quốc căng thẳng tại bãi Cỏ Mây", 18, 6, "2024-03-23", "2024-06-17",
     "Philippines, Trung Quốc"},
};

static const att_report_commitment sample_commitments[] = {
    {"Nhật Bản", "Việt Nam", "Cung cấp thêm 6 tàu tuần tra cho Cảnh sát biển Việt Nam theo vốn vay ODA",
     "2024-03-05", "open", "Hai bên sẽ ký thỏa thuận vay trong quý III."},
    {"Mỹ", "Việt Nam", "Hỗ trợ đào tạo nguồn nhân lực ngành bán dẫn (mục tiêu 50.000 kỹ sư đến năm 2030)",
     "2023-09-11", "implemented", "https://baoquocte.vn/khoi-dong-chuong-trinh-dao-tao-ban-dan-270022.html"},
    {"Trung Quốc", "ASEAN", "Hoàn tất đàm phán Bộ quy tắc ứng xử ở Biển Đông (COC) trong vòng 3 năm",
     "2023-07-13", "delayed", "Vòng đàm phán thứ ba chưa đạt được thỏa thuận về phạm vi địa lý."},
    {"Nga", "Ukraine", "Rút quân khỏi khu vực Kiev và Chernihiv để tạo lòng tin cho đàm phán", "2022-03-29",
     "reversed", "Giao tranh tiếp diễn trên toàn tuyến, Nga mở chiến dịch mới ở Kharkiv."},
    {"Australia", "Việt Nam", "Nâng cấp quan hệ lên Đối tác Chiến lược Toàn diện", "2024-03-07",
     "implemented", "Tuyên bố chung được ký tại Canberra ngày 7/3/2024."},
};

static const att_report_quote sample_quotes[] = {
    {"Phạm Thu Hằng", "Việt Nam có đầy đủ cơ sở pháp lý và bằng chứng lịch sử khẳng định chủ quyền đối với "
                      "quần đảo Hoàng Sa và quần đảo Trường Sa phù hợp với luật pháp quốc tế.",
     "2024-05-16", "https://baoquocte.vn/hop-bao-thuong-ky-bo-ngoai-giao-272001.html"},
    {"Antony Blinken", "Chúng tôi không tìm kiếm xung đột hay một cuộc chiến tranh lạnh mới, nhưng chúng tôi "
                       "sẽ cạnh tranh mạnh mẽ.",
     "2024-04-26", "https://vnexpress.net/blinken-tham-trung-quoc-4739921.html"},
    {"Vương Nghị", "Trung Quốc và Mỹ nên là đối tác chứ không phải đối thủ; hai bên cần tôn trọng lợi ích cốt "
                   "lõi của nhau.",
     "2024-04-26", "https://tuoitre.vn/vuong-nghi-gap-blinken-20240426.htm"},
    {"Vladimir Putin", "Nga coi Việt Nam là đối tác tin cậy và đánh giá cao lập trường cân bằng của Hà Nội.",
     "2024-06-20", "corpus/2024-06/nhandan-2024-06-20-0077.html"},
};

static const char *const sample_urls[] = {
    "https://baoquocte.vn/viet-nam-phan-doi-hanh-dong-vi-pham-chu-quyen-hoang-sa-271845.html",
    "https://vnexpress.net/tau-ca-viet-nam-bi-tan-cong-gan-hoang-sa-4745120.html",
    "https://tuoitre.vn/trao-cong-ham-phan-doi-2024051612.htm",
    "https://baoquocte.vn/my-tang-thue-xe-dien-trung-quoc-268812.html",
    "https://vietnamplus.vn/trung-quoc-phan-ung-thue-xe-dien-post941234.vnp",
    "https://baoquocte.vn/nga-ukraine-trao-doi-tu-binh-275511.html",
    "https://baoquocte.vn/khoi-dong-chuong-trinh-dao-tao-ban-dan-270022.html",
    "https://baoquocte.vn/hop-bao-thuong-ky-bo-ngoai-giao-272001.html",
    "https://vnexpress.net/blinken-tham-trung-quoc-4739921.html",
    "https://tuoitre.vn/vuong-nghi-gap-blinken-20240426.htm",
};

static void make_sample(sample *s)
{
    memset(s, 0, sizeof *s);
    rng_state = 20240101u;
    fill_series(&s->series[0], s->pts[0], "USA", "Mỹ", "CHN", "Trung Quốc", 30, 0.6, 0.55, 15, 18);
    fill_series(&s->series[1], s->pts[1], "VNM", "Việt Nam", "CHN", "Trung Quốc", 13, 2.8, 0.85, 19, 22);
    fill_series(&s->series[2], s->pts[2], "RUS", "Nga", "UKR", "Ukraine", 24, -4.2, 0.12, 9, 11);
    /* Nga - Ukraine stays negative: the shock makes it worse, never positive. */
    for (int w = 0; w < WEEKS; w++)
        if (s->pts[2][w].goldstein_mean > -0.5)
            s->pts[2][w].goldstein_mean = -0.5;
    att_report *r = &s->r;
    r->title = "Báo cáo đối ngoại: quan hệ song phương và cảnh báo sớm";
    r->from = "2024-01-01";
    r->to = "2024-06-30";
    r->generated_at = "2024-07-01T08:00";
    r->series = s->series;
    r->n_series = 3;
    r->dyads = sample_dyads;
    r->n_dyads = sizeof sample_dyads / sizeof sample_dyads[0];
    r->alerts = sample_alerts;
    r->n_alerts = sizeof sample_alerts / sizeof sample_alerts[0];
    r->stories = sample_stories;
    r->n_stories = sizeof sample_stories / sizeof sample_stories[0];
    r->commitments = sample_commitments;
    r->n_commitments = sizeof sample_commitments / sizeof sample_commitments[0];
    r->quotes = sample_quotes;
    r->n_quotes = sizeof sample_quotes / sizeof sample_quotes[0];
    r->n_articles = 4817;
    r->n_events = 2716;
}

/* ---- document tests ------------------------------------------------------ */

static void test_document_shape(void **state)
{
    (void)state;
    static sample s;
    make_sample(&s);
    char *html = render(&s.r);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    assert_int_equal(count(html, "<html"), 1);
    assert_int_equal(count(html, "</html>"), 1);
    assert_int_equal(count(html, "<head>"), 1);
    assert_int_equal(count(html, "<body>"), 1);
    assert_contains(html, "<meta charset=\"utf-8\">");
    assert_int_equal(count(html, "<svg"), count(html, "</svg>"));
    assert_int_equal(count(html, "<svg class=\"tl\""), 3);
    assert_int_equal(count(html, "<section"), count(html, "</section>"));
    assert_int_equal(count(html, "<table"), count(html, "</table>"));
    assert_int_equal(count(html, "<tr>"), count(html, "</tr>"));
    assert_int_equal(count(html, "<article"), count(html, "</article>"));
    static const char *const heads[] = {"<h2>Alerts</h2>", "<h2>Watched dyads</h2>", "<h2>Most active dyads</h2>",
                                        "<h2>Top stories</h2>", "<h2>Commitments</h2>", "<h2>Top quotations</h2>"};
    const char *prev = html;
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        const char *h = strstr(html, heads[i]);
        if (!h)
            fail_msg("missing heading %s", heads[i]);
        assert_true(h > prev); /* in order */
        prev = h;
    }
    /* Vietnamese names, title from names, totals, periods. */
    assert_contains(html, "Mỹ – Trung Quốc");
    assert_contains(html, "Việt Nam – Trung Quốc");
    assert_contains(html, "Nga – Ukraine");
    assert_contains(html, "4,817");
    assert_contains(html, "1 Jan 2024");
    assert_contains(html, "30 Jun 2024");
    assert_contains(html, "Segoe UI");
    assert_contains(html, "Noto Sans");
    /* Status badges, blockquotes, evidence links showing the host. */
    assert_contains(html, "class=\"badge s-open\"");
    assert_contains(html, "class=\"badge s-implemented\"");
    assert_contains(html, "class=\"badge s-delayed\"");
    assert_contains(html, "class=\"badge s-reversed\"");
    assert_int_equal(count(html, "<blockquote>"), 4);
    assert_contains(html, ">baoquocte.vn ");
    assert_contains(html, "<span class=\"src\">tuoitre-2024-06-21-0132.html</span>");
    assert_not_contains(html, "No alerts in this period");
    free(html);
}

static void test_self_contained(void **state)
{
    (void)state;
    static sample s;
    make_sample(&s);
    char *html = render(&s.r);
    assert_only_given_urls(html, sample_urls, sizeof sample_urls / sizeof sample_urls[0]);
    assert_not_contains(html, "<script");
    assert_not_contains(html, "<link");
    assert_not_contains(html, "<img");
    assert_not_contains(html, "<iframe");
    assert_not_contains(html, "@import");
    assert_not_contains(html, "url(");
    assert_not_contains(html, "src=");
    assert_not_contains(html, "xmlns");
    assert_not_contains(html, "@font-face");
    /* Every given URL is shown. */
    for (size_t i = 0; i < sizeof sample_urls / sizeof sample_urls[0]; i++)
        assert_contains(html, sample_urls[i]);
    free(html);
}

static void test_alert_order_and_names(void **state)
{
    (void)state;
    static sample s;
    make_sample(&s);
    char *html = render(&s.r);
    /* Highest score first: VNM-CHN 4.6, USA-CHN 3.9, RUS-UKR 2.7, VNM-KOR 2.1. */
    const char *a = strstr(html, "score <b>4.6</b>"), *b = strstr(html, "score <b>3.9</b>");
    const char *c = strstr(html, "score <b>2.7</b>"), *d = strstr(html, "score <b>2.1</b>");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_non_null(d);
    assert_true(a < b && b < c && c < d);
    /* Codes resolved to names from the series, codes kept; unknown code shown as given. */
    assert_contains(html, "<span class=\"actors\">Việt Nam – Trung Quốc<span class=\"codes\">VNM–CHN</span>");
    assert_contains(html, "Relation shift");
    assert_contains(html, "Story burst");
    assert_contains(html, "14 May 2024");
    free(html);
}

static void test_escaping(void **state)
{
    (void)state;
    static const char evil[] = "<script>alert('x')</script> & \"q\"";
    att_report_evidence ev = {"2024-01-02", evil, "javascript:alert(1)"};
    att_report_alert al = {evil, evil, evil, 1.0, evil, &ev, 1};
    att_report_story st = {evil, 1, 1, evil, evil, evil};
    att_report_commitment cm = {evil, evil, evil, evil, evil, evil};
    att_report_quote q = {evil, evil, evil, "https://example.org/a?b=1&c=\"><script>x</script>"};
    att_report_point pt = {"2024-01-01", 3, {1, 1, 1, 0}, 1.0, 0, 1};
    att_report_series se = {"<b>", "</svg>", "<script>", "Trung Quốc", evil, &pt, 1};
    att_report_dyad dy = {"<i>", "X", "<script>", "&amp;", 3, 1, 0.5, 0.1};
    att_report r = {evil, evil, evil, evil, &se, 1, &dy, 1, &al, 1, &st, 1, &cm, 1, &q, 1, 1, 3};
    char *html = render(&r);
    assert_not_contains(html, "<script");
    assert_not_contains(html, "href=\"javascript");
    assert_not_contains(html, "alert('x')");
    assert_contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assert_contains(html, "&amp;amp;");
    assert_contains(html, "href=\"https://example.org/a?b=1&amp;c=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
    assert_int_equal(count(html, "<svg"), count(html, "</svg>"));
    assert_int_equal(count(html, "<svg"), 1);
    free(html);

    att_buf b = ATT_BUF_INIT;
    assert_int_equal(att_report_escape(&b, "a\x01" "b\tc\nd\x7f" "e<"), ATT_OK);
    assert_string_equal(b.data, "ab\tc\nde&lt;");
    assert_int_equal(att_report_escape(&b, NULL), ATT_OK);
    assert_string_equal(b.data, "ab\tc\nde&lt;");
    att_buf_free(&b);
}

static void test_empty_report(void **state)
{
    (void)state;
    att_report r;
    memset(&r, 0, sizeof r);
    char *html = render(&r);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    assert_contains(html, "No alerts in this period.");
    assert_contains(html, "No watched dyads in this period.");
    assert_contains(html, "No dyad activity in this period.");
    assert_contains(html, "No stories in this period.");
    assert_contains(html, "No commitments tracked in this period.");
    assert_contains(html, "No quotations in this period.");
    assert_not_contains(html, "<table");
    assert_not_contains(html, "<svg");
    assert_contains(html, "International affairs report"); /* default title */
    assert_contains(html, "All dates");
    assert_int_equal(count(html, "<html"), 1);
    free(html);

    char *h2 = render(NULL);
    assert_contains(h2, "No alerts in this period.");
    free(h2);

    /* Entries full of NULLs do not crash and show dashes. */
    att_report_alert al;
    memset(&al, 0, sizeof al);
    al.score = NAN;
    att_report_story st;
    memset(&st, 0, sizeof st);
    att_report_commitment cm;
    memset(&cm, 0, sizeof cm);
    att_report_quote q;
    memset(&q, 0, sizeof q);
    att_report_dyad dy;
    memset(&dy, 0, sizeof dy);
    dy.goldstein_mean = NAN;
    dy.goldstein_trend = NAN;
    att_report_series se;
    memset(&se, 0, sizeof se);
    r.alerts = &al;
    r.n_alerts = 1;
    r.stories = &st;
    r.n_stories = 1;
    r.commitments = &cm;
    r.n_commitments = 1;
    r.quotes = &q;
    r.n_quotes = 1;
    r.dyads = &dy;
    r.n_dyads = 1;
    r.series = &se;
    r.n_series = 1;
    r.from = "2024-03-01";
    char *h3 = render(&r);
    assert_contains(h3, "Since <b>1 Mar 2024</b>");
    assert_contains(h3, "(untitled)");
    assert_contains(h3, "Unattributed");
    assert_contains(h3, "No events in this period");
    assert_int_equal(count(h3, "<svg"), count(h3, "</svg>"));
    free(h3);
}

/* ---- chart tests --------------------------------------------------------- */

static void set_series(att_report_series *s, const att_report_point *pts, size_t n, const char *by)
{
    memset(s, 0, sizeof *s);
    strcpy(s->a, "USA");
    strcpy(s->b, "CHN");
    strcpy(s->a_name, "Mỹ");
    strcpy(s->b_name, "Trung Quốc");
    s->by = by;
    s->pts = pts;
    s->n = n;
}

static void test_svg_bars_and_line(void **state)
{
    (void)state;
    att_report_point pts[5] = {
        {"2024-03-04", 10, {4, 3, 2, 1}, 1.5, 0, 2},
        {"2024-03-11", 0, {0, 0, 0, 0}, 0, 0, 0},
        {"2024-03-18", 5, {0, 5, 0, 0}, 4.0, 0, 1},
        {"2024-03-25", 3, {1, 0, 0, 2}, -3.0, 0, 1},
        {"2024-04-01", 7, {2, 0, 5, 0}, -1.0, 0, 1},
    };
    att_report_series s;
    set_series(&s, pts, 5, "week");
    char *svg = render_svg(&s);
    assert_true(strncmp(svg, "<svg", 4) == 0);
    assert_int_equal(count(svg, "<svg"), 1);
    assert_int_equal(count(svg, "</svg>"), 1);
    assert_contains(svg, "Mỹ – Trung Quốc");
    /* One rect per non-zero segment: 4 + 1 + 2 + 2. */
    assert_int_equal(count(svg, "<rect class=\"q"), 9);
    assert_int_equal(count(svg, "<rect class=\"q1\""), 3);
    assert_int_equal(count(svg, "<rect class=\"q4\""), 2);
    /* One tooltip group per period with events. */
    assert_int_equal(count(svg, "<g><title>"), 4);
    assert_contains(svg, "Week of 4 Mar 2024: 10 events");
    /* Goldstein: one path, broken at the empty week (1 M + 1 then M + 2 L). */
    assert_int_equal(count(svg, "<path class=\"gs\""), 1);
    double ys[8];
    assert_int_equal(gs_ys(svg, ys, 8), 4);
    assert_true(ys[1] < ys[0]); /* +4 above +1.5 */
    assert_true(ys[2] > ys[0]); /* -3 below */
    const char *d = strstr(svg, "<path class=\"gs\" d=\"");
    assert_non_null(d);
    assert_int_equal(count(d, " M") >= 1, 1);
    /* Legend and both axes. */
    assert_contains(svg, "Verbal cooperation");
    assert_contains(svg, "Material conflict");
    assert_contains(svg, "Mean Goldstein");
    assert_contains(svg, ">+10</text>");
    assert_contains(svg, ">\xe2\x88\x92" "10</text>");
    assert_contains(svg, "stroke-dasharray"); /* zero line */
    /* Labels: 5 periods fit, all labelled; the year once. */
    double xs[8];
    assert_int_equal(label_xs(svg, xs, 8), 5);
    assert_int_equal(count(svg, ">2024</text>"), 1);
    assert_contains(svg, ">4 Mar</text>");
    /* The tallest bar (10) is within the plot: axis top is a nice number >= 10. */
    assert_contains(svg, ">12</text>");
    free(svg);
}

static void check_thinning(const char *by, size_t n, size_t first_day_offset)
{
    att_report_point *pts = calloc(n, sizeof *pts);
    assert_non_null(pts);
    long day0 = days_from_civil(2023, 1, 2);
    for (size_t i = 0; i < n; i++) {
        long day = !strcmp(by, "day") ? day0 + (long)i : !strcmp(by, "week") ? day0 + 7 * (long)i : 0;
        if (!strcmp(by, "month"))
            set_period(pts[i].period, 1990 + (int)(i / 12), (int)(i % 12) + 1, 1);
        else
            civil_from_days(day + (long)first_day_offset, pts[i].period);
        pts[i].quad[i % 4] = (int)(i % 17) + 1;
        pts[i].n_events = pts[i].quad[i % 4];
        pts[i].goldstein_mean = sin((double)i / 9) * 8;
    }
    att_report_series s;
    set_series(&s, pts, n, by);
    char *svg = render_svg(&s);
    double xs[64];
    size_t nl = label_xs(svg, xs, 64);
    assert_true(nl >= 2);
    assert_true(nl <= 20);
    for (size_t i = 1; i < nl && i < 64; i++)
        if (xs[i] - xs[i - 1] < 50)
            fail_msg("%s x %zu: labels %zu and %zu only %.1f apart", by, n, i - 1, i, xs[i] - xs[i - 1]);
    assert_int_equal(count(svg, "<rect class=\"q"), n);
    assert_int_equal(count(svg, "<path class=\"gs\""), 1);
    assert_int_equal(gs_ys(svg, NULL, 0), n);
    free(svg);
    free(pts);
}

static void test_svg_thinning(void **state)
{
    (void)state;
    check_thinning("day", 400, 0);
    check_thinning("week", 400, 0);
    check_thinning("month", 400, 0);
    check_thinning("week", 53, 3);
    check_thinning("day", 31, 0);
}

static void test_svg_edge_cases(void **state)
{
    (void)state;
    att_report_series s;

    /* 0 points: empty frame with a message. */
    set_series(&s, NULL, 0, "week");
    char *svg = render_svg(&s);
    assert_int_equal(count(svg, "<svg"), 1);
    assert_int_equal(count(svg, "</svg>"), 1);
    assert_contains(svg, "No events in this period");
    assert_int_equal(count(svg, "<rect class=\"q"), 0);
    assert_int_equal(count(svg, "<path class=\"gs\""), 0);
    assert_int_equal(count(svg, "class=\"xl\""), 0);
    free(svg);

    /* 1 point: bars, a dot (a path of one point draws nothing), one label. */
    att_report_point one = {"2024-02-05", 4, {1, 1, 1, 1}, 0.0, 0, 1};
    set_series(&s, &one, 1, "week");
    svg = render_svg(&s);
    assert_int_equal(count(svg, "<rect class=\"q"), 4);
    assert_int_equal(count(svg, "<circle"), 2); /* legend + the point */
    assert_int_equal(count(svg, "class=\"xl\""), 1);
    assert_not_contains(svg, "No events");
    double zero_y;
    assert_int_equal(gs_ys(svg, &zero_y, 1), 1);
    free(svg);

    /* All zero: no bars, no line, message, labels still shown. */
    att_report_point zeros[12];
    memset(zeros, 0, sizeof zeros);
    for (int i = 0; i < 12; i++)
        set_period(zeros[i].period, 2024, i + 1, 1);
    set_series(&s, zeros, 12, "month");
    svg = render_svg(&s);
    assert_int_equal(count(svg, "<rect class=\"q"), 0);
    assert_int_equal(count(svg, "<path class=\"gs\""), 0);
    assert_contains(svg, "No events in this period");
    assert_int_equal(count(svg, "class=\"xl\""), 0); /* a placeholder, not an empty frame */
    assert_contains(svg, "monthly, 12 periods");
    free(svg);

    /* Negative-only Goldstein: every point below the zero line; out of
     * range values are clamped to the axis; NaN breaks the line. */
    att_report_point neg[6] = {
        {"2024-01-01", 5, {0, 0, 2, 3}, -2.0, 0, 1}, {"2024-01-08", 9, {0, 0, 4, 5}, -7.5, 0, 1},
        {"2024-01-15", 2, {0, 0, 0, 2}, -40.0, 0, 1}, {"2024-01-22", 2, {0, 0, 2, 0}, NAN, 0, 1},
        {"2024-01-29", 3, {1, 0, 0, 2}, -0.1, 0, 1}, {"2024-02-05", 1, {0, 0, 0, 1}, -INFINITY, 0, 1},
    };
    set_series(&s, neg, 6, NULL);
    svg = render_svg(&s);
    double ys[8];
    assert_int_equal(gs_ys(svg, ys, 8), 4);
    for (int i = 0; i < 4; i++)
        assert_true(ys[i] > zero_y);
    assert_true(ys[2] > ys[1]); /* -40 clamped to -10, still the lowest */
    assert_contains(svg, "mean Goldstein \xe2\x88\x92");
    free(svg);

    /* Garbage: unparseable periods, negative counts, huge counts, NULL by. */
    att_report_point bad[3] = {
        {"??", -5, {-1, -2, 3, 0}, 2.0, 0, 0},
        {"2024-13-45", 2000000000, {2000000000, 0, 0, 0}, 1.0, 0, 0},
        {"", 1, {0, 0, 0, 1}, 1.0, 0, 0},
    };
    set_series(&s, bad, 3, "fortnight");
    s.a_name[0] = s.b_name[0] = '\0';
    svg = render_svg(&s);
    assert_int_equal(count(svg, "<rect class=\"q"), 3);
    assert_contains(svg, "USA – CHN");
    assert_contains(svg, ">2024-13-45</text>");
    assert_contains(svg, "2,000,000,000");
    free(svg);

    /* A count without points. */
    set_series(&s, NULL, 5, "week");
    svg = render_svg(&s);
    assert_contains(svg, "No events in this period");
    free(svg);

    /* NULL series pointer. */
    svg = render_svg(NULL);
    assert_contains(svg, "No events in this period");
    free(svg);
}

static void test_formatting(void **state)
{
    (void)state;
    char d[64];
    assert_int_equal(att_report_fmt_date("2024-03-04", 1, d, sizeof d), 1);
    assert_string_equal(d, "4 Mar 2024");
    assert_int_equal(att_report_fmt_date("2024-03-04", 0, d, sizeof d), 1);
    assert_string_equal(d, "4 Mar");
    att_report_fmt_date("2024-12-31T10:15:00Z", 1, d, sizeof d);
    assert_string_equal(d, "31 Dec 2024, 10:15");
    att_report_fmt_date("2024-12-31 00:00", 1, d, sizeof d);
    assert_string_equal(d, "31 Dec 2024");
    att_report_fmt_date("2024-06", 1, d, sizeof d);
    assert_string_equal(d, "Jun 2024");
    assert_int_equal(att_report_fmt_date("hôm qua", 1, d, sizeof d), 0);
    assert_string_equal(d, "hôm qua");
    assert_int_equal(att_report_fmt_date("2024-00-10", 1, d, sizeof d), 0);
    assert_int_equal(att_report_fmt_date(NULL, 1, d, sizeof d), 0);
    assert_string_equal(d, "");
    char tiny[4];
    att_report_fmt_date("2024-03-04", 1, tiny, sizeof tiny);
    assert_int_equal(strlen(tiny), 3);

    att_report_fmt_int(0, d, sizeof d);
    assert_string_equal(d, "0");
    att_report_fmt_int(999, d, sizeof d);
    assert_string_equal(d, "999");
    att_report_fmt_int(1000, d, sizeof d);
    assert_string_equal(d, "1,000");
    att_report_fmt_int(-1234567, d, sizeof d);
    assert_string_equal(d, "-1,234,567");

    att_report_fmt_signed(1.44, 1, d, sizeof d);
    assert_string_equal(d, "+1.4");
    att_report_fmt_signed(-2.0, 1, d, sizeof d);
    assert_string_equal(d, "\xe2\x88\x92" "2.0");
    att_report_fmt_signed(-0.01, 1, d, sizeof d);
    assert_string_equal(d, "0.0");
    att_report_fmt_signed(NAN, 1, d, sizeof d);
    assert_string_equal(d, "\xe2\x80\x93");
}

static void test_dyad_table(void **state)
{
    (void)state;
    static sample s;
    make_sample(&s);
    char *html = render(&s.r);
    const char *t = strstr(html, "<h2>Most active dyads</h2>");
    assert_non_null(t);
    assert_contains(t, "Mỹ – Trung Quốc<span class=\"sub\">USA–CHN</span>");
    assert_contains(t, "46%"); /* 371 / 812 */
    assert_contains(t, "class=\"tr down\"");
    assert_contains(t, "class=\"tr up\"");
    assert_contains(t, "class=\"tr flat\"");
    assert_contains(t, "<i class=\"n\" style=\"width:25.5%\">"); /* -5.1 */
    free(html);
}

/* Write the sample report for the screenshot test. */
static int write_sample(const char *path)
{
    static sample s;
    make_sample(&s);
    att_buf b = ATT_BUF_INIT;
    if (att_report_html(&s.r, &b) != ATT_OK)
        return 1;
    FILE *f = fopen(path, "wb");
    if (!f) {
        att_buf_free(&b);
        return 1;
    }
    int bad = fwrite(b.data, 1, b.len, f) != b.len;
    bad |= fclose(f) != 0;
    att_buf_free(&b);
    if (bad)
        fprintf(stderr, "test_report: cannot write %s\n", path);
    return bad;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_shape),  cmocka_unit_test(test_self_contained),
        cmocka_unit_test(test_alert_order_and_names), cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_empty_report),    cmocka_unit_test(test_svg_bars_and_line),
        cmocka_unit_test(test_svg_thinning),    cmocka_unit_test(test_svg_edge_cases),
        cmocka_unit_test(test_formatting),      cmocka_unit_test(test_dyad_table),
    };
    const char *out = getenv("ATT_REPORT_OUT");
    if (out && out[0] && write_sample(out) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
