/*
 * boiler.c - text-level boilerplate signals; see boiler.h.
 *
 * Everything here looks at one line at a time.  Label comparisons use a
 * "key": the folded (lowercase, accent-free) words of the line joined by
 * single spaces, so "TIN LIÊN QUAN:" and "Tin liên quan" share the key
 * "tin lien quan".  Keys are only built for short lines, after cheap byte
 * checks, so the predicates stay fast on long paragraphs.
 *
 * This file owns the line classifiers and their word lists: widget
 * headings and inline links, site prefixes, captions and photo credits,
 * follow/credit/source lines, slugs and page ends.  The text helpers and
 * keys are in boiler_text.c, bylines in boiler_byline.c, near-equal lines
 * and shingles in boiler_similar.c (shared declarations: boiler_priv.h).
 * The predicates cannot fail: out of memory reads as "no".
 */
#include "boiler.h"
#include "boiler_priv.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

/* ------------------------------------------------------------- widgets */

static const char *const widget_labels[] = {
    "tin lien quan", "bai lien quan", "tin bai lien quan", "bai viet lien quan",
    "cac tin lien quan", "cac bai lien quan", "bai viet cung chu de", "tin cung chu de",
    "cung chu de", "xem nhieu", "xem nhieu nhat", "doc nhieu", "doc nhieu nhat", "tin xem nhieu",
    "tin doc nhieu", "doc them", "xem them", "co the ban quan tam", "ban co the quan tam",
    "co the ban muon xem", "tin cung chuyen muc", "bai cung chuyen muc", "cung chuyen muc",
    "tin moi nhat", "tin moi", "moi nhat", "tin khac", "cac tin khac", "bai viet khac",
    "cac bai viet khac", "tin noi bat", "tin tieu diem", "tieu diem", "tin hot",
    "phien ban di dong", "chia se", "binh luan", "gui binh luan", "y kien ban doc", "tu khoa",
    "tags", "tag", "chu de", "related", "related news", "related articles", "read more",
    "most read", "most popular", "see also", "more stories", "you may also like", NULL};

int att_boiler_widget_heading(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    if (!n || n > 80 || !att_bp_first_word_in(s, n, widget_labels, NULL))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = att_bp_fold_key(s, n, &k) == ATT_OK && att_bp_key_in(k.data, widget_labels);
    att_buf_free(&k);
    return r;
}

int att_boiler_inline_link(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    if (n < 8 || n > 400)
        return 0;
    /* the label ends at the first ':' '>' or '»' within the first 40 bytes */
    size_t i = 0;
    while (i < n && i < 40 && s[i] != ':' && s[i] != '>' && !(s[i] == '\xC2' && i + 1 < n && s[i + 1] == '\xBB'))
        i++;
    if (i == 0 || i >= n || i >= 40)
        return 0;
    if (!att_bp_first_word_in(s, i, widget_labels, NULL) || att_boiler_words(s + i, n - i) < 2 ||
        att_boiler_words(s, n) > 45)
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = att_bp_fold_key(s, i, &k) == ATT_OK && att_bp_key_in(k.data, widget_labels);
    att_buf_free(&k);
    return r;
}

/* ---------------------------------------------------------- site prefix */

/* "Baoquocte.vn", "VOV.VN", "Chinhphu.vn": ASCII host with a 2-6 letter TLD. */
static int domain_like(const char *t, size_t n)
{
    size_t dot = n;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '.')
            dot = i;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    if (dot == n || dot == 0 || n - dot - 1 < 2 || n - dot - 1 > 6)
        return 0;
    for (size_t i = dot + 1; i < n; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')))
            return 0;
    return 1;
}

/* "TGVN", "TG&VN", "TTXVN": a short all-capitals ASCII abbreviation. */
static int caps_like(const char *t, size_t n)
{
    int upper = 0;
    if (n < 2 || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c >= 'A' && c <= 'Z')
            upper++;
        else if (!((c >= '0' && c <= '9') || c == '&'))
            return 0;
    }
    return upper >= 2;
}

/* Byte length of a dash ("-", "–", "—") or ':' at s, 0 if none. */
static size_t dash_len(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == '-' || s[0] == ':'))
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
        return 3;
    return 0;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    size_t k;
    while (i < n && (k = att_bp_space_len((const unsigned char *)s + i, n - i)) > 0)
        i += k;
    return i;
}

/* Length of one site prefix at the start of s (including what separates
 * it from the rest), 0 if there is none. */
static size_t one_site_prefix(const char *s, size_t n)
{
    if (n && s[0] == '(') {
        size_t k = 1;
        while (k < n && k < 40 && s[k] != ')' && s[k] != '(')
            k++;
        if (k >= n || s[k] != ')' || k == 1)
            return 0;
        size_t after = skip_spaces(s, n, k + 1), d = dash_len(s + after, n - after);
        if (d)  /* "(Dân trí) - ", "(TTXVN) – " */
            return skip_spaces(s, n, after + d);
        if (domain_like(s + 1, k - 1) || caps_like(s + 1, k - 1))
            return after;
        return 0;
    }
    size_t t = 0;
    while (t < n && t < 40 && s[t] != ' ')
        t++;
    if (t < 3 || t >= n)
        return 0;
    if (s[t - 1] == '.' && (domain_like(s, t - 1) || caps_like(s, t - 1)))
        return skip_spaces(s, n, t); /* "Baoquocte.vn. ", "TGVN. " */
    if (domain_like(s, t)) {         /* "VOV.VN - " */
        size_t after = skip_spaces(s, n, t), d = dash_len(s + after, n - after);
        if (d)
            return skip_spaces(s, n, after + d);
    }
    return 0;
}

size_t att_boiler_site_prefix(const char *s, size_t n)
{
    size_t lead = skip_spaces(s, n, 0), pos = lead, k;
    while (pos < n && (k = one_site_prefix(s + pos, n - pos)) > 0)
        pos += k;
    if (pos == lead || pos >= n || !att_boiler_has_letter(s + pos, n - pos))
        return 0;
    return pos;
}

/* ------------------------------------------------------------- captions */

/* Can a credit keyword of credit_phrase start with the bytes b0 b1?  Every
 * keyword's first two bytes are listed: Ng NG ng (Nguồn), Ph ph PH, So so,
 * H/h + 0xC3 (Hình), Vi vi, Cl Cr, 0xE1 0xBA (Ảnh ảnh ẢNH), 0xC4 0x90/0x91
 * (Đồ đồ). */
static inline int credit_start_bytes(unsigned char b0, unsigned char b1)
{
    switch (b0) {
    case 'N': return b1 == 'g' || b1 == 'G';
    case 'n': return b1 == 'g';
    case 'P': return b1 == 'h' || b1 == 'H';
    case 'p': return b1 == 'h';
    case 'S': case 's': return b1 == 'o';
    case 'H': case 'h': return b1 == 0xC3;
    case 'V': case 'v': return b1 == 'i';
    case 'C': return b1 == 'l' || b1 == 'r';
    case 0xE1: return b1 == 0xBA;
    case 0xC4: return b1 == 0x90 || b1 == 0x91;
    default: return 0;
    }
}

/* Does s begin with a photo-credit keyword ("Ảnh", "Nguồn", "Photo" ...)
 * used as a credit?  strict: outside parentheses, demand a ':' or a fixed
 * phrase ("Ảnh minh họa"), because "ảnh" is also an ordinary word there. */
static int credit_phrase(const char *s, size_t n, int strict)
{
#define KW(w, colon) {w, sizeof w - 1, colon}
    static const struct {
        const char *w;
        size_t len;
        int colon; /* 1: only a credit when followed by ':' */
    } kw[] = {KW("Nguồn ảnh", 0), KW("nguồn ảnh", 0), KW("Ảnh", 0), KW("ảnh", 0), KW("ẢNH", 0),
              KW("Nguồn", 0), KW("nguồn", 0), KW("NGUỒN", 0), KW("Photo", 0), KW("photo", 0),
              KW("PHOTO", 0), KW("Đồ họa", 0), KW("Đồ hoạ", 0), KW("đồ họa", 0), KW("đồ hoạ", 0),
              KW("Source", 1), KW("source", 1), KW("Hình ảnh", 1), KW("hình ảnh", 1), KW("Hình", 1),
              KW("hình", 1), KW("Video", 1), KW("video", 1), KW("Clip", 1), KW("Credit", 1)};
#undef KW
    static const char *const phrase_next[] = {"minh", "chụp", "tư", "TL", "tl", "do", "cắt", NULL};
    /* most words start with none of the keywords' first two bytes: reject
     * them at once, this runs at every word start near the end of every line */
    if (n < 3 || !credit_start_bytes((unsigned char)s[0], (unsigned char)s[1]))
        return 0;
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        size_t l = kw[i].len;
        if (s[0] != kw[i].w[0] || s[1] != kw[i].w[1] || n < l || memcmp(s, kw[i].w, l) != 0)
            continue;
        if (l < n) { /* "Photos", "Sourced": a longer word */
            unsigned next;
            att_utf8_decode(s + l, n - l, &next);
            if (att_bp_is_letter_cp(next))
                continue;
        }
        size_t j = skip_spaces(s, n, l);
        if (j >= n)
            return !strict && !kw[i].colon;
        if (s[j] == ':')
            return 1;
        if (kw[i].colon)
            return 0;
        size_t e = j;
        while (e < n && s[e] != ' ' && s[e] != ')' && s[e] != ':')
            e++;
        for (const char *const *p = phrase_next; *p; p++)
            if (strlen(*p) == e - j && memcmp(s + j, *p, e - j) == 0)
                return 1;
        if (strict)
            return 0;
        /* "(Ảnh Reuters)": a short capitalised credit, not "(ảnh hưởng ...)" */
        unsigned cp;
        att_utf8_decode(s + j, n - j, &cp);
        return att_bp_is_upper_cp(cp) && att_boiler_words(s + j, n - j) <= 3;
    }
    return 0;
}

/* Offset of a trailing "(...)" credit ("... (Nguồn: AP)", "(Ảnh minh
 * họa)"), n if there is none. */
static size_t paren_credit_at_end(const char *s, size_t n)
{
    if (!n || s[n - 1] != ')')
        return n;
    size_t i = n - 1;
    int depth = 0;
    for (;;) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0)
            break;
        if (i == 0)
            return n;
        i--;
    }
    size_t in = i + 1, inn = n - 1 - in;
    const char *p = s + in;
    att_boiler_trim(&p, &inn);
    return inn > 0 && inn <= 120 && credit_phrase(p, inn, 0) ? i : n;
}

/* Offset of an unparenthesised trailing credit ("... mới. Ảnh: AP",
 * "Ảnh: Reuters"), n if there is none. */
static size_t bare_credit_at_end(const char *s, size_t n)
{
    size_t from = n > 120 ? n - 120 : 0;
    for (size_t i = from; i < n; i++) {
        /* keywords start a word: at the start or after a space (the first
         * two bytes are checked here, so most words cost no call) */
        if ((i > 0 && s[i - 1] != ' ') || n - i < 3 ||
            !credit_start_bytes((unsigned char)s[i], (unsigned char)s[i + 1]) ||
            !credit_phrase(s + i, n - i, 1))
            continue;
        if (i > 0) { /* must follow a sentence end, ';' ',', a dash or a bar */
            size_t e = i;
            while (e > 0 && s[e - 1] == ' ')
                e--;
            size_t st;
            unsigned cp = e ? att_bp_last_cp(s, e, &st) : 0;
            if (!(att_bp_is_sentence_punct(cp) || att_bp_is_closer(cp) || cp == '-' || cp == '|' || cp == 0x2013 ||
                  cp == ';' || cp == ','))
                continue;
        }
        const char *rest = s + i;
        size_t rn = n - i;
        if (att_boiler_words(rest, rn) > 10 || memchr(rest, '(', rn))
            continue;
        /* no sentence break inside the credit except a final '.' */
        size_t body = rn;
        while (body && (rest[body - 1] == '.' || rest[body - 1] == ' '))
            body--;
        if (memchr(rest, '.', body) && att_boiler_words(rest, rn) > 6)
            continue;
        return i;
    }
    return n;
}

/* Offset where the credit of a caption starts in the trimmed s[0..*n)
 * (trailing dots dropped from *n); *n if s is not a caption. */
static size_t credit_start(const char *s, size_t *n)
{
    while (*n && (s[*n - 1] == '.' || s[*n - 1] == ' '))
        (*n)--;
    if (*n < 3)
        return *n;
    size_t k = paren_credit_at_end(s, *n);
    return k < *n ? k : bare_credit_at_end(s, *n);
}

int att_boiler_is_caption(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    return credit_start(s, &n) < n;
}

size_t att_boiler_caption_text(const char *s, size_t n)
{
    const char *t = s;
    att_boiler_trim(&t, &n);
    size_t k = credit_start(t, &n);
    if (k >= n)
        return 0;
    while (k && (t[k - 1] == ' ' || t[k - 1] == '-' || t[k - 1] == '|'))
        k--;
    return k ? (size_t)(t - s) + k : 0;
}

/* ------------------------------------------------------- short lines */

int att_boiler_is_follow_line(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    static const char *const first[] = {"theo", "follow", NULL}; /* the att_bp_starts_with() below */
    if (n < 6 || n > 200 || !strchr("TtFf", s[0]) || !att_bp_first_word_in(s, n, first, NULL))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = 0;
    if (att_bp_fold_key(s, n, &k) == ATT_OK && att_bp_key_words(k.data) <= 10) {
        const char *key = k.data;
        size_t kl = k.len;
        /* "Theo dõi X trên" ends there (the platform was an icon) or names
         * a platform; "Theo dõi sát tình hình trên biển" is text */
        static const char *const platforms[] = {"facebook", "google", "zalo", "youtube", "tiktok",
                                                "twitter", "instagram", "telegram", "x", NULL};
        const char *on = NULL;
        if (att_bp_starts_with(key, "theo doi"))
            on = strcmp(key, "theo doi") == 0 ? key + kl : strstr(key, " tren");
        else if (att_bp_starts_with(key, "follow "))
            on = strstr(key, " on");
        if (on == key + kl)
            r = 1;
        else if (on) {
            on += on[1] == 't' ? 5 : 3; /* past " tren" / " on" */
            r = *on == '\0' || (*on == ' ' && att_bp_key_starts_in(on + 1, platforms));
        }
    }
    att_buf_free(&k);
    return r;
}

int att_boiler_is_credit(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    if (n < 3 || n > 400)
        return 0;
    char open = s[0], close = open == '(' ? ')' : open == '[' ? ']' : 0;
    if (!close || s[n - 1] != close)
        return 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) { /* the first bracket must close at the end */
        if (s[i] == open)
            depth++;
        else if (s[i] == close && --depth == 0 && i != n - 1)
            return 0;
    }
    return att_boiler_has_letter(s, n) && att_boiler_words(s, n) <= 25;
}

int att_boiler_is_source_line(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    if (n && s[n - 1] == '.')
        n--;
    /* "Theo", "Tổng hợp", "Biên dịch", "Lược dịch", "Nguồn", "Nhóm PV", "PV" */
    if (n < 2 || n > 200 || !strchr("TtBbLlNnPp", s[0]) || att_boiler_ends_sentence(s, n))
        return 0;
    static const char *const bare[] = {"tong hop", "theo tong hop", "bien dich", "luoc dich",
                                       "tong hop tu cac nguon", "pv", "nhom pv", NULL};
    static const char *const lead[] = {"nguon", "theo", NULL}; /* the att_bp_starts_with() below */
    if (!att_bp_first_word_in(s, n, bare, lead))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = 0;
    if (att_bp_fold_key(s, n, &k) == ATT_OK && att_bp_key_words(k.data) <= 10) {
        if (att_bp_key_in(k.data, bare)) {
            r = 1;
        } else if (att_bp_starts_with(k.data, "nguon ")) {
            r = memchr(s, ':', n) != NULL && att_bp_key_words(k.data) <= 8;
        } else if (att_bp_starts_with(k.data, "theo ") && !att_boiler_is_follow_line(s, n)) {
            /* "Theo Reuters, AFP": the rest is mostly capitalised names */
            size_t pos = 0, a, b, caps = 0, total = 0;
            att_next_word(s, n, &pos, &a, &b); /* "Theo" */
            while (att_next_word(s, n, &pos, &a, &b)) {
                unsigned cp;
                att_utf8_decode(s + a, b - a, &cp);
                if (b - a == 2 && memcmp(s + a, "và", 2) == 0)
                    continue;
                total++;
                caps += att_bp_is_upper_cp(cp) || (cp >= '0' && cp <= '9');
            }
            r = total > 0 && caps * 2 > total;
        }
    }
    att_buf_free(&k);
    return r;
}

int att_boiler_is_slug(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    if (n < 8 || memchr(s, ' ', n))
        return 0;
    if ((n > 7 && memcmp(s, "http://", 7) == 0) || (n > 8 && memcmp(s, "https://", 8) == 0) ||
        (n > 4 && memcmp(s, "www.", 4) == 0))
        return 1;
    size_t hyphens = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '-')
            hyphens++;
        else if (c >= 'a' && c <= 'z')
            letters++;
        else if (!((c >= '0' && c <= '9') || c == '.' || c == '/' || c == '_'))
            return 0;
    }
    return hyphens >= 2 && letters >= 4;
}

int att_boiler_page_end(const char *s, size_t n)
{
    static const char *const ends[] = {"phien ban di dong", "phien ban desktop",
                                       "phien ban may tinh", "ve dau trang", "len dau trang",
                                       "tro ve dau trang", NULL};
    static const char *const starts[] = {"copyright", "ban quyen thuoc", "ban quyen", "ghi ro nguon", NULL};
    att_boiler_trim(&s, &n);
    if (!n || n > 300)
        return 0;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9) /* © */
        return 1;
    /* every marker starts with one of these letters: skip the fold otherwise */
    if (!strchr("PpVvLlTtCcBbGg", s[0]) || (n > 40 && !strchr("CcBbGg", s[0])))
        return 0;
    size_t head = n < 40 ? n : 40; /* the "starts" markers fit in 40 bytes */
    while (head < n && ((unsigned char)s[head] & 0xC0) == 0x80)
        head++;
    if (!att_bp_first_word_in(s, head, ends, starts))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = att_bp_fold_key(s, head, &k) == ATT_OK &&
            ((head == n && att_bp_key_in(k.data, ends)) || att_bp_key_starts_in(k.data, starts)) &&
            att_boiler_words(s, n) <= 30;
    att_buf_free(&k);
    return r;
}
