/*
 * text_frame.c - the frame of a scraped page: where the article begins
 * (its headline), its date line, and the lines around it that are the
 * site's furniture (navigation, breadcrumbs, share buttons, tag lines,
 * comment counters); see text_internal.h.
 *
 * Every signal is about the shape of a line, not about a site: a headline
 * is a title-shaped line that a lead paragraph follows (with at most date
 * lines, bylines, share buttons and captions between them) and that is
 * followed by more paragraphs; a date line is a short line that is mostly
 * a date and a time, in any of the usual Vietnamese forms.
 */
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"
#include "boiler.h"
#include "text_internal.h"

#define NONE ((size_t)-1)

/* ---------------------------------------------------------- date lines */

static int digits(const char *s, size_t n, size_t i, size_t *len)
{
    size_t k = i;
    int v = 0;
    while (k < n && k - i < 5 && s[k] >= '0' && s[k] <= '9')
        v = v * 10 + (s[k++] - '0');
    *len = k - i;
    return v;
}

static int valid_ymd(int y, int m, int d) { return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

/* Folded view of a short line ("thu hai, ngay 31 thang 3 nam 2021"). */
static int fold_line(const char *s, size_t n, att_buf *f)
{
    return att_fold(s, n, f) == ATT_OK && f->data;
}

static size_t other_lowercase_words(const char *s, size_t n);

/* Does the folded word w (with a space or the end after it) start at i? */
static int word_at(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = strlen(w);
    return i + k <= n && !memcmp(s + i, w, k) && (i == 0 || s[i - 1] == ' ' || s[i - 1] == ',') &&
           (i + k == n || s[i + k] == ' ' || s[i + k] == ',' || s[i + k] == ':');
}

int tx_dateline(const char *s, size_t n, tx_date *out)
{
    memset(out, 0, sizeof *out);
    out->hour = -1;
    if (n < 8 || n > 160)
        return 0;
    size_t words = att_boiler_words(s, n);
    if (words > 18)
        return 0;
    att_buf f = ATT_BUF_INIT;
    if (!fold_line(s, n, &f)) {
        att_buf_free(&f);
        return 0;
    }
    const char *t = f.data;
    size_t tn = f.len, len, len2, len3;
    int found = 0, y = 0, m = 0, d = 0, numeric_words = 0;
    for (size_t i = 0; i < tn; i++) {
        if (t[i] >= '0' && t[i] <= '9' && (i == 0 || t[i - 1] < '0' || t[i - 1] > '9')) {
            int a = digits(t, tn, i, &len);
            size_t j = i + len;
            /* HH:MM or HHhMM */
            if (len <= 2 && j + 2 < tn + 1 && j < tn && (t[j] == ':' || t[j] == 'h') && j + 1 < tn &&
                t[j + 1] >= '0' && t[j + 1] <= '9') {
                int b = digits(t, tn, j + 1, &len2);
                if (len2 == 2 && a < 24 && b < 60 && out->hour < 0) {
                    out->hour = a;
                    out->minute = b;
                }
                i = j + len2;
                numeric_words++;
                continue;
            }
            /* D/M/YYYY, D-M-YYYY, D.M.YYYY */
            if (!found && len <= 2 && j < tn && (t[j] == '/' || t[j] == '-' || t[j] == '.')) {
                char sep = t[j];
                int b = digits(t, tn, j + 1, &len2);
                size_t k = j + 1 + len2;
                if (len2 >= 1 && len2 <= 2 && k < tn && t[k] == sep) {
                    int c = digits(t, tn, k + 1, &len3);
                    if (len3 == 4 && valid_ymd(c, b, a)) {
                        found = 1;
                        y = c, m = b, d = a;
                        i = k + len3;
                        numeric_words++;
                        continue;
                    }
                }
            }
            /* YYYY-MM-DD */
            if (!found && len == 4 && j < tn && (t[j] == '-' || t[j] == '/')) {
                int b = digits(t, tn, j + 1, &len2);
                size_t k = j + 1 + len2;
                if (len2 == 2 && k < tn && t[k] == t[j]) {
                    int c = digits(t, tn, k + 1, &len3);
                    if (len3 == 2 && valid_ymd(a, b, c)) {
                        found = 1;
                        y = a, m = b, d = c;
                        i = k + len3;
                        numeric_words++;
                        continue;
                    }
                }
            }
            i = j;
            continue;
        }
        /* "ngay 31 thang 3 nam 2021" */
        if (!found && word_at(t, tn, i, "ngay")) {
            size_t k = i + 5;
            int a = digits(t, tn, k, &len);
            k += len;
            if (len && len <= 2 && k + 7 < tn && !memcmp(t + k, " thang ", 7)) {
                int b = digits(t, tn, k + 7, &len2);
                k += 7 + len2;
                if (len2 && len2 <= 2 && k + 5 < tn && !memcmp(t + k, " nam ", 5)) {
                    int c = digits(t, tn, k + 5, &len3);
                    if (len3 == 4 && valid_ymd(c, b, a)) {
                        found = 1;
                        y = c, m = b, d = a;
                        numeric_words += 6;
                        i = k + 5 + len3;
                    }
                }
            }
        }
    }
    int pm = 0, am = 0; /* "09:03 PM", "09:03 CH" (chiều), "AM", "SA" (sáng) */
    for (size_t i = 0; found && i < tn; i++) {
        pm |= word_at(t, tn, i, "pm") || word_at(t, tn, i, "ch");
        am |= word_at(t, tn, i, "am") || word_at(t, tn, i, "sa");
    }
    if (pm && out->hour >= 1 && out->hour < 12)
        out->hour += 12;
    if (am && out->hour == 12)
        out->hour = 0;
    if (found) {
        out->year = y;
        out->month = m;
        out->day = d;
        out->update = word_at(t, tn, 0, "cap nhat") || strstr(t, "cap nhat") != NULL ||
                      strstr(t, "updated") != NULL || strstr(t, "chinh sua") != NULL;
    }
    att_buf_free(&f);
    if (!found)
        return 0;
    /* mostly date: a sentence that mentions a date is not a date line */
    unsigned last = (unsigned char)s[n - 1];
    if (last == '.' && words > 6)
        return 0;
    return other_lowercase_words(s, n) <= 1;
}

/* Words around a date in a date line. */
static const char *const date_words[] = {"ngay", "thang", "nam", "luc", "gio", "cap", "nhat", "thu", "hai",
                                         "ba", "tu", "sau", "bay", "chu", "dang", "gmt", "sang", "chieu",
                                         "toi", "trua", "updated", "published", "posted", "am", "pm", "h", "ch", "sa",
                                         "gmt+7", "gmt+07:00", "utc", NULL};

static int in_list(const char *w, size_t n, const char *const *list);

/* Number of words starting with a lowercase letter that are not date
 * words ("ngày", "tháng", "lúc", "cập nhật" ...): names and labels are
 * capitalised, a sentence is not. */
static size_t other_lowercase_words(const char *s, size_t n)
{
    size_t pos = 0, x, y, count = 0;
    while (att_next_word(s, n, &pos, &x, &y)) {
        unsigned cp = 0;
        att_utf8_decode(s + x, y - x, &cp);
        int lower = cp < 0x80 ? (cp >= 'a' && cp <= 'z')
                              : utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
        if (!lower)
            continue;
        att_buf f = ATT_BUF_INIT;
        if (att_fold(s + x, y - x, &f) == ATT_OK && f.data && !in_list(f.data, f.len, date_words))
            count++;
        att_buf_free(&f);
    }
    return count;
}

/* ------------------------------------------------------- furniture lines */

/* Words of share, follow, print and comment buttons. */
static const char *const share_words[] = {
    "facebook", "zalo", "twitter", "x", "copy", "link", "chia", "se", "luu", "in", "bai", "binh", "luan",
    "email", "gui", "tweet", "share", "like", "google", "news", "messenger", "telegram", "linkedin",
    "pinterest", "youtube", "tiktok", "sao", "chep", "theo", "doi", "quan", "tam", "bao", "loi", "nghe",
    "doc", "thich", "print", "save", "comment", "comments", "0", "1", "2", "3", "4", "5", "6", "7", "8",
    "9", NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
    /* first letters first: this runs for every word of every short line */
    for (; *list; list++)
        if (n ? (*list)[0] == w[0] && !strncmp(*list, w, n) && (*list)[n] == '\0' : !(*list)[0])
            return 1;
    return 0;
}

int tx_share_line(const char *s, size_t n)
{
    if (n > 120)
        return 0;
    att_buf f = ATT_BUF_INIT;
    int yes = 0;
    if (fold_line(s, n, &f)) {
        size_t pos = 0, x, y, words = 0, hits = 0, strong = 0;
        while (att_next_word(f.data, f.len, &pos, &x, &y)) {
            words++;
            if (in_list(f.data + x, y - x, share_words)) {
                hits++;
                /* a platform or the button's verb, not only "in", "bai" */
                strong += (y - x == 8 && !memcmp(f.data + x, "facebook", 8)) ||
                          (y - x == 4 && !memcmp(f.data + x, "zalo", 4)) ||
                          (y - x == 7 && !memcmp(f.data + x, "twitter", 7)) ||
                          (y - x == 2 && !memcmp(f.data + x, "se", 2)) ||
                          (y - x == 4 && !memcmp(f.data + x, "luan", 4)) ||
                          (y - x == 5 && !memcmp(f.data + x, "share", 5));
            }
        }
        yes = words >= 2 && strong && hits * 10 >= words * 8;
    }
    att_buf_free(&f);
    return yes;
}

/* "Từ khóa: a b c", "Tags: ...", "Chủ đề: ...", "Bình luận (3)",
 * "Ý kiến (12)": lines that close an article. */
int tx_tail_marker(const char *s, size_t n)
{
    if (n > 300)
        return 0;
    att_buf f = ATT_BUF_INIT;
    int yes = 0;
    if (fold_line(s, n, &f)) {
        static const char *const labels[] = {"tu khoa:", "tags:", "tag:", "chu de:", "keywords:", NULL};
        static const char *const counters[] = {"binh luan (", "y kien (", "comments (", "binh luan:", NULL};
        for (const char *const *l = labels; *l && !yes; l++)
            yes = !strncmp(f.data, *l, strlen(*l)) || (!strncmp(f.data, *l, strlen(*l) - 1) && f.len == strlen(*l) - 1);
        for (const char *const *l = counters; *l && !yes; l++)
            yes = !strncmp(f.data, *l, strlen(*l)) && f.len < strlen(*l) + 8;
    }
    att_buf_free(&f);
    return yes;
}

int tx_widget_heading(const char *s, size_t n)
{
    if (att_boiler_widget_heading(s, n))
        return 1;
    if (n > 80 || att_boiler_words(s, n) > 7 || att_boiler_ends_sentence(s, n))
        return 0;
    static const char *const comments[] = {"binh luan", "y kien", "gui binh luan", "gui y kien", "comments", NULL};
    static const char *const starts[] = {"tin ", "bai ", "cac tin ", "cac bai ", "xem ", "doc ", "co the ban ",
                                         "ban co the ", "nhung tin ", NULL};
    static const char *const has[] = {"lien quan", "cung chuyen muc", "cung chu de", "xem nhieu", "doc nhieu",
                                      "xem them", "doc them", "quan tam", "moi nhat", "tin khac", "bai khac",
                                      "viet khac", "noi bat", "tieu diem", NULL};
    att_buf f = ATT_BUF_INIT;
    int yes = 0;
    if (fold_line(s, n, &f)) {
        int start = 0;
        for (const char *const *w = comments; *w && !yes; w++) /* a comment section's heading */
            yes = !strncmp(f.data, *w, strlen(*w)) && att_boiler_words(s, n) <= 5;
        for (const char *const *w = starts; *w && !start; w++)
            start = !strncmp(f.data, *w, strlen(*w));
        for (const char *const *w = has; *w && start && !yes; w++)
            yes = strstr(f.data, *w) != NULL;
    }
    att_buf_free(&f);
    return yes;
}

int tx_footer_line(const char *s, size_t n)
{
    if (n > 400)
        return 0;
    static const char *const starts[] = {"co quan chu quan", "tong bien tap:", "tong bien tap :",
                                         "pho tong bien tap:", "giay phep hoat dong", "giay phep so",
                                         "giay phep xuat ban", "giay phep thiet lap", "chiu trach nhiem xuat ban",
                                         "chiu trach nhiem noi dung", "dia chi toa soan", "toa soan:",
                                         "tru so toa soan", "tru so chinh:", NULL};
    att_buf f = ATT_BUF_INIT;
    int yes = 0;
    if (fold_line(s, n < 80 ? n : 80, &f))
        for (const char *const *w = starts; *w && !yes; w++)
            yes = !strncmp(f.data, *w, strlen(*w));
    att_buf_free(&f);
    return yes;
}

/* Link text as html2text underlines it ("Trang_chủ", "[alt]Tin_mới"):
 * most of the line's spaceless runs join words with '_'. */
static int underscored(const char *s, size_t n)
{
    size_t runs = 0, linked = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        int u = 0;
        while (j < n && s[j] != ' ')
            u |= s[j++] == '_';
        if (j > i) {
            runs++;
            linked += (size_t)u;
        }
        i = j;
    }
    return runs && linked * 2 >= runs + 1;
}

/* A breadcrumb: short segments separated by "›" "»" ">" "|" "/"
 * ("Trang chủ › Thế giới › Châu Á", "Thế giới | Quân sự"), no sentence. */
static int breadcrumb(const char *s, size_t n)
{
    if (n > 200 || att_boiler_ends_sentence(s, n))
        return 0;
    size_t seps = 0, seg = 0, longest = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        if (s[i] == '>' || s[i] == '|' || s[i] == '/')
            k = 1;
        else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && ((unsigned char)s[i + 1] == 0xBB))
            k = 2; /* » */
        else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0xBA)
            k = 3; /* › */
        if (k && i > 0 && s[i - 1] == ' ' && i + k < n && s[i + k] == ' ') {
            seps++;
            if (seg > longest)
                longest = seg;
            seg = 0;
            i += k - 1;
        } else {
            seg += s[i] == ' ';
        }
    }
    if (seg > longest)
        longest = seg;
    return seps >= 1 && longest <= 5;
}

/* Bullet of a rendered list ("• ", "* ", "+ ", "- "), its length or 0. */
static size_t bullet_len(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '*' || s[0] == '+' || s[0] == '-') && s[1] == ' ')
        return 2;
    if (n >= 4 && !memcmp(s, "\xE2\x80\xA2 ", 4))
        return 4;
    size_t i = 0; /* "1. ", "12) " */
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    return i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ' ? i + 2 : 0;
}

/* html2text's heading marks: "****** Title ******", "***** Lead". */
static void strip_stars(tx_item *it)
{
    size_t a = 0, b = it->n;
    while (a < b && it->s[a] == '*')
        a++;
    if (a < 3 || a >= b || it->s[a] != ' ') {
        return;
    }
    while (b > a && it->s[b - 1] == '*')
        b--;
    const char *s = it->s + a;
    size_t n = b - a;
    att_boiler_trim(&s, &n);
    if (!n)
        return;
    it->s = s;
    it->n = n;
    it->ends = att_boiler_ends_sentence(s, n) != 0;
    it->words = att_boiler_words(s, n);
    it->is_caption = att_boiler_is_caption(s, n) != 0;
}

/* A label that stands alone on a page ("Quảng cáo", "In bài") or a short
 * contact line with an e-mail address ("Hải Yến haiyen@example.vn"). */
static int label_line(const char *s, size_t n)
{
    if (n > 120)
        return 0;
    if (memchr(s, '@', n) && att_boiler_words(s, n) <= 8 && !att_boiler_ends_sentence(s, n))
        return 1;
    static const char *const labels[] = {"quang cao", "advertisement", "in bai", "in bai viet", "gui email",
                                         "nghe doc bai", "nghe bai viet", "luu bai", "luu bai viet", NULL};
    att_buf f = ATT_BUF_INIT;
    int yes = 0;
    if (n <= 40 && fold_line(s, n, &f)) {
        while (f.len && (f.data[f.len - 1] == ':' || f.data[f.len - 1] == ' '))
            f.data[--f.len] = '\0';
        yes = in_list(f.data, f.len, labels);
    }
    att_buf_free(&f);
    return yes;
}

void tx_mark_furniture(tx_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        tx_item *it = &d->it[i];
        strip_stars(it);
        size_t b = bullet_len(it->s, it->n);
        /* a list item that is not a sentence: a link (menu, related list) */
        it->nav = (b && !it->ends && it->words <= 50) || underscored(it->s, it->n) || breadcrumb(it->s, it->n) ||
                  tx_share_line(it->s, it->n) || label_line(it->s, it->n);
    }
}

/* ------------------------------------------------------------- headline */

static int ends_ellipsis(const tx_item *it)
{
    return (it->n >= 3 && memcmp(it->s + it->n - 3, "...", 3) == 0) ||
           (it->n >= 3 && memcmp(it->s + it->n - 3, "\xE2\x80\xA6", 3) == 0);
}

static int furniture(const tx_item *it)
{
    tx_date dt;
    return it->nav || !att_boiler_has_letter(it->s, it->n) || att_boiler_is_slug(it->s, it->n) ||
           att_boiler_is_follow_line(it->s, it->n) || att_boiler_is_credit(it->s, it->n) ||
           tx_dateline(it->s, it->n, &dt);
}

static int headline_shaped(const tx_item *it)
{
    if (it->words < 3 || it->words > 45 || it->n > 400 || it->nav || it->is_caption || ends_ellipsis(it))
        return 0;
    unsigned last = (unsigned char)it->s[it->n - 1];
    if (last == '.' || last == ':' || last == ',' || last == ';')
        return 0;
    if (furniture(it) || tx_widget_heading(it->s, it->n) || att_boiler_page_end(it->s, it->n) ||
        att_boiler_is_source_line(it->s, it->n) || att_boiler_inline_link(it->s, it->n))
        return 0;
    return 1;
}

static int paragraph(const tx_item *it, size_t min_words)
{
    return it->words >= min_words && (it->ends || it->words >= 25) && !ends_ellipsis(it) && !it->nav &&
           !it->is_caption && it->s[it->n - 1] != '?';
}

/* Between a headline and its lead: date lines, bylines, share buttons,
 * captions, the site's follow line. */
static int header_filler(const tx_item *it)
{
    if (furniture(it) || it->is_caption || tx_tail_marker(it->s, it->n))
        return 1;
    att_byline b;
    return it->words <= 8 && !it->ends && att_boiler_byline(it->s, it->n, &b);
}

/* A short line that is not a sentence (a toolbar, a site name, a short
 * headline): up to two may stand between a candidate headline and the
 * lead; the scoring in tx_frame then picks the headline among them. */
static int short_line(const tx_item *it) { return it->words <= 10 && !it->ends; }

/* Index of the lead if the item at i is followed by one (and the lead by
 * body text), else NONE. */
static size_t lead_after(const tx_doc *d, size_t i)
{
    size_t j = i + 1, skipped = 0, shorts = 0;
    const tx_item *t = &d->it[i];
    for (; j < d->n && skipped < 6; j++, skipped++) {
        const tx_item *it = &d->it[j];
        if (header_filler(it) || att_boiler_near_equal(it->s, it->n, t->s, t->n))
            continue;
        if (shorts < 2 && short_line(it) && !tx_widget_heading(it->s, it->n)) {
            shorts++;
            continue;
        }
        break;
    }
    if (j >= d->n || !paragraph(&d->it[j], 10))
        return NONE;
    for (size_t k = j + 1; k < d->n && k <= j + 6; k++)
        if (paragraph(&d->it[k], 12))
            return j;
    return NONE;
}

/* Before the headline only the site's furniture and teasers (a title, then
 * its one-sentence summary): a real paragraph there means the text is not
 * a page with a frame. */
static int only_furniture_before(const tx_doc *d, size_t i)
{
    for (size_t k = 0; k < i; k++) {
        const tx_item *it = &d->it[k];
        if (!paragraph(it, 15) || furniture(it))
            continue;
        if (k > 0 && (headline_shaped(&d->it[k - 1]) || d->it[k - 1].nav))
            continue; /* a teaser's summary */
        return 0;
    }
    return 1;
}

static int is_dateline(const tx_item *it)
{
    tx_date dt;
    return tx_dateline(it->s, it->n, &dt);
}

/* How much the item at i looks like the headline of the article whose
 * lead is at lead: a date line right after it (before the lead) or right
 * above it. */
static int headline_score(const tx_doc *d, size_t i, size_t lead)
{
    for (size_t k = i + 1; k < lead && k <= i + 2; k++)
        if (is_dateline(&d->it[k]))
            return 1;
    return i > 0 && is_dateline(&d->it[i - 1]);
}

static int better_date(const tx_date *have, const tx_date *cand)
{
    if (!have->year)
        return 1;
    return have->update && !cand->update;
}

void tx_frame(const tx_doc *d, tx_frame_info *f)
{
    memset(f, 0, sizeof *f);
    f->title = f->lead = NONE;
    f->date.hour = -1;
    if (d->meta)
        return;
    for (size_t i = 0; i < d->n && i < 400; i++) {
        const tx_item *it = &d->it[i];
        if (!headline_shaped(it))
            continue;
        size_t lead = lead_after(d, i);
        if (lead == NONE)
            continue;
        if (!only_furniture_before(d, i))
            return;
        /* the headline among the candidates before this lead: the first
         * that a date line accompanies, else the first */
        f->title = i;
        f->lead = lead;
        for (size_t j = i; j < lead; j++)
            if (headline_shaped(&d->it[j]) && lead_after(d, j) == lead && headline_score(d, j, lead)) {
                f->title = j;
                break;
            }
        break;
    }
    if (f->title == NONE)
        return;
    /* the date: a date line between the headline and the lead, else the
     * nearest one just above the headline; "updated" lines only if there
     * is nothing else */
    tx_date dt;
    for (size_t k = f->title + 1; k < f->lead; k++)
        if (tx_dateline(d->it[k].s, d->it[k].n, &dt) && better_date(&f->date, &dt))
            f->date = dt;
    for (size_t k = f->title, back = 0; k-- > 0 && back < 4; back++)
        if (tx_dateline(d->it[k].s, d->it[k].n, &dt) && better_date(&f->date, &dt))
            f->date = dt;
}
