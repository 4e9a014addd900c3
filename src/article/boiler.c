/*
 * boiler.c - text-level boilerplate signals; see boiler.h.
 *
 * Everything here looks at one line at a time.  Label comparisons use a
 * "key": the folded (lowercase, accent-free) words of the line joined by
 * single spaces, so "TIN LIÊN QUAN:" and "Tin liên quan" share the key
 * "tin lien quan".  Keys are only built for short lines, after cheap byte
 * checks, so the predicates stay fast on long paragraphs.
 */
#include "boiler.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../util/buf.h"

/* Does the text start with a weekday ("Thứ Hai", "thứ 2", "Chủ nhật")?
 * Compared with accents: folded, "Thu Trang" would look like "Thứ". */
static int is_weekday(const char *s, size_t n)
{
    static const char *const days[] = {"thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy",
                                       "thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7", "chủ nhật"};
    att_buf e = ATT_BUF_INIT;
    int yes = 0;
    if (att_exact(s, n, &e) == ATT_OK && e.data)
        for (size_t i = 0; i < sizeof days / sizeof days[0] && !yes; i++)
            yes = strncmp(e.data, days[i], strlen(days[i])) == 0;
    att_buf_free(&e);
    return yes;
}


/* ---------------------------------------------------------------- text */

/* Byte length of the space starting at p (ASCII whitespace, NBSP,
 * U+2000..U+200B, U+202F, U+3000, U+FEFF), 0 if none. */
static size_t space_len(const unsigned char *p, size_t n)
{
    if (n >= 1 && (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r')))
        return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF))
        return 3;
    if (n >= 3 && ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
                   (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)))
        return 3;
    return 0;
}

/* Byte length of a space ending at p[n-1], 0 if none. */
static size_t space_len_back(const unsigned char *p, size_t n)
{
    if (n >= 1 && p[n - 1] < 0x80)
        return space_len(p + n - 1, 1);
    if (n >= 2 && space_len(p + n - 2, 2) == 2)
        return 2;
    if (n >= 3 && space_len(p + n - 3, 3) == 3)
        return 3;
    return 0;
}

void att_boiler_trim(const char **s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t len = *n, k;
    while (len && (k = space_len(p, len)) > 0) {
        p += k;
        len -= k;
    }
    while (len && (k = space_len_back(p, len)) > 0)
        len -= k;
    *s = (const char *)p;
    *n = len;
}

size_t att_boiler_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

size_t att_boiler_words(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t c = 0, i = 0;
    int in_word = 0;
    while (i < n) {
        unsigned cp = p[i];
        size_t l = 1;
        if (cp >= 0x80) /* (ASCII, most bytes, needs no decoding) */
            l = att_utf8_decode_valid(p + i, n - i, &cp);
        int w = att_word_cp_fast(cp);
        c += (unsigned)w & (unsigned)!in_word;
        in_word = w;
        i += l;
    }
    return c;
}

static int is_letter_cp(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int is_upper_cp(unsigned cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int att_boiler_has_letter(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        i += att_utf8_decode(s + i, n - i, &cp);
        if (is_letter_cp(cp))
            return 1;
    }
    return 0;
}

/* Code point ending at s[n-1]; *start gets its offset. */
static unsigned last_cp(const char *s, size_t n, size_t *start)
{
    size_t i = n - 1;
    while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    unsigned cp;
    att_utf8_decode(s + i, n - i, &cp);
    *start = i;
    return cp;
}

static int is_closer(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB;
}

static int is_opener_quote(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == 0xAB;
}

static int is_sentence_punct(unsigned cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

int att_boiler_ends_sentence(const char *s, size_t n)
{
    att_boiler_trim(&s, &n);
    if (!n)
        return 0;
    size_t end = n, st;
    int closers = 0;
    unsigned cp = last_cp(s, end, &st);
    while (is_closer(cp) && st > 0) {
        closers++;
        end = st;
        cp = last_cp(s, end, &st);
    }
    if (is_sentence_punct(cp))
        return 1;
    if (closers && cp != ')' && cp != ']') {
        /* a quoted statement standing as the whole line */
        unsigned first;
        att_utf8_decode(s, n, &first);
        return is_opener_quote(first);
    }
    return 0;
}

/* ---------------------------------------------------------------- keys */

/* Append the folded words of s to out separated by single spaces; out->data
 * is non-NULL on success. */
static att_status fold_key(const char *s, size_t n, att_buf *out)
{
    att_fold_words fw;
    const char *w;
    size_t wn;
    int r, first = 1;
    att_status st = ATT_OK;
    att_fold_words_init(&fw, s, n);
    while (st == ATT_OK && (r = att_fold_words_next(&fw, &w, &wn)) != 0) {
        if (r < 0)
            st = ATT_ERR_NOMEM;
        else if (!first)
            st = att_buf_putc(out, ' ');
        if (st == ATT_OK)
            st = att_buf_append(out, w, wn);
        first = 0;
    }
    att_fold_words_free(&fw);
    if (st == ATT_OK && !out->data)
        st = att_buf_append(out, "", 0);
    return st;
}

/* Is the first folded word of s the first word of an entry of one of the
 * lists (NULL-terminated, up to two)?  A cheap test before fold_key(),
 * which folds the whole line: a key equal to an entry (key_in) or starting
 * with one (key_starts_in, starts_with an entry and a space) passes it,
 * so a line that fails it is in neither. */
static int starts_an_entry(const char *w, size_t wn, const char *const *list)
{
    for (; list && *list; list++)
        if (strcspn(*list, " ") == wn && memcmp(*list, w, wn) == 0)
            return 1;
    return 0;
}

static int first_word_in(const char *s, size_t n, const char *const *list, const char *const *list2)
{
    att_fold_words fw;
    const char *w;
    size_t wn;
    att_fold_words_init(&fw, s, n);
    int hit = att_fold_words_next(&fw, &w, &wn) > 0 &&
              (starts_an_entry(w, wn, list) || starts_an_entry(w, wn, list2));
    att_fold_words_free(&fw);
    return hit;
}

static int key_in(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0)
            return 1;
    return 0;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int key_starts_in(const char *key, const char *const *list)
{
    for (; *list; list++) {
        size_t l = strlen(*list);
        if (strncmp(key, *list, l) == 0 && (key[l] == '\0' || key[l] == ' '))
            return 1;
    }
    return 0;
}

static size_t key_words(const char *key)
{
    size_t w = *key != '\0';
    for (; *key; key++)
        w += *key == ' ';
    return w;
}

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
    if (!n || n > 80 || !first_word_in(s, n, widget_labels, NULL))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = fold_key(s, n, &k) == ATT_OK && key_in(k.data, widget_labels);
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
    if (!first_word_in(s, i, widget_labels, NULL) || att_boiler_words(s + i, n - i) < 2 ||
        att_boiler_words(s, n) > 45)
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = fold_key(s, i, &k) == ATT_OK && key_in(k.data, widget_labels);
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
    while (i < n && (k = space_len((const unsigned char *)s + i, n - i)) > 0)
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
            if (is_letter_cp(next))
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
        return is_upper_cp(cp) && att_boiler_words(s + j, n - j) <= 3;
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
            unsigned cp = e ? last_cp(s, e, &st) : 0;
            if (!(is_sentence_punct(cp) || is_closer(cp) || cp == '-' || cp == '|' || cp == 0x2013 ||
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
    static const char *const first[] = {"theo", "follow", NULL}; /* the starts_with() below */
    if (n < 6 || n > 200 || !strchr("TtFf", s[0]) || !first_word_in(s, n, first, NULL))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = 0;
    if (fold_key(s, n, &k) == ATT_OK && key_words(k.data) <= 10) {
        const char *key = k.data;
        size_t kl = k.len;
        /* "Theo dõi X trên" ends there (the platform was an icon) or names
         * a platform; "Theo dõi sát tình hình trên biển" is text */
        static const char *const platforms[] = {"facebook", "google", "zalo", "youtube", "tiktok",
                                                "twitter", "instagram", "telegram", "x", NULL};
        const char *on = NULL;
        if (starts_with(key, "theo doi"))
            on = strcmp(key, "theo doi") == 0 ? key + kl : strstr(key, " tren");
        else if (starts_with(key, "follow "))
            on = strstr(key, " on");
        if (on == key + kl)
            r = 1;
        else if (on) {
            on += on[1] == 't' ? 5 : 3; /* past " tren" / " on" */
            r = *on == '\0' || (*on == ' ' && key_starts_in(on + 1, platforms));
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
    static const char *const lead[] = {"nguon", "theo", NULL}; /* the starts_with() below */
    if (!first_word_in(s, n, bare, lead))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = 0;
    if (fold_key(s, n, &k) == ATT_OK && key_words(k.data) <= 10) {
        if (key_in(k.data, bare)) {
            r = 1;
        } else if (starts_with(k.data, "nguon ")) {
            r = memchr(s, ':', n) != NULL && key_words(k.data) <= 8;
        } else if (starts_with(k.data, "theo ") && !att_boiler_is_follow_line(s, n)) {
            /* "Theo Reuters, AFP": the rest is mostly capitalised names */
            size_t pos = 0, a, b, caps = 0, total = 0;
            att_next_word(s, n, &pos, &a, &b); /* "Theo" */
            while (att_next_word(s, n, &pos, &a, &b)) {
                unsigned cp;
                att_utf8_decode(s + a, b - a, &cp);
                if (b - a == 2 && memcmp(s + a, "và", 2) == 0)
                    continue;
                total++;
                caps += is_upper_cp(cp) || (cp >= '0' && cp <= '9');
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
    if (!first_word_in(s, head, ends, starts))
        return 0;
    att_buf k = ATT_BUF_INIT;
    int r = fold_key(s, head, &k) == ATT_OK &&
            ((head == n && key_in(k.data, ends)) || key_starts_in(k.data, starts)) &&
            att_boiler_words(s, n) <= 30;
    att_buf_free(&k);
    return r;
}

/* ------------------------------------------------------------- bylines */

/* Parse D{1,2}<sep>D{1,2}<sep>D{4} at s (sep '/', '-', '.'); returns its
 * length or 0. */
static size_t parse_dmy(const char *s, size_t n, int *d, int *m, int *y)
{
    int v[3] = {0, 0, 0};
    size_t i = 0;
    for (int part = 0; part < 3; part++) {
        size_t st = i, maxd = part == 2 ? 4 : 2;
        while (i < n && i - st < maxd && s[i] >= '0' && s[i] <= '9')
            v[part] = v[part] * 10 + (s[i++] - '0');
        if (i == st || (part == 2 && i - st != 4))
            return 0;
        if (part < 2) {
            if (i >= n || (s[i] != '/' && s[i] != '-' && s[i] != '.'))
                return 0;
            i++;
        }
    }
    if (i < n && s[i] >= '0' && s[i] <= '9')
        return 0;
    *d = v[0];
    *m = v[1];
    *y = v[2];
    return i;
}

/* Parse H{1,2}:MM (or H{1,2}hMM) at s; returns its length or 0. */
static size_t parse_hm(const char *s, size_t n, int *h, int *mi)
{
    size_t i = 0;
    int hv = 0;
    while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
        hv = hv * 10 + (s[i++] - '0');
    if (i == 0 || i + 3 > n || (s[i] != ':' && s[i] != 'h'))
        return 0;
    if (s[i + 1] < '0' || s[i + 1] > '9' || s[i + 2] < '0' || s[i + 2] > '9')
        return 0;
    if (i + 3 < n && s[i + 3] >= '0' && s[i + 3] <= '9')
        return 0;
    *h = hv;
    *mi = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    return i + 3;
}

/* Find the date and time anywhere in s; returns the offset of the first
 * digit or '|' (where the names part ends). */
static size_t scan_date_time(const char *s, size_t n, att_byline *out)
{
    size_t cut = n;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '|' && cut == n)
            cut = i;
        if (c < '0' || c > '9' || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        if (cut == n)
            cut = i;
        int d, m, y, h, mi;
        size_t k;
        if (!out->year && (k = parse_dmy(s + i, n - i, &d, &m, &y)) > 0) {
            out->day = d;
            out->month = m;
            out->year = y;
            i += k - 1;
        } else if (out->hour < 0 && (k = parse_hm(s + i, n - i, &h, &mi)) > 0 && h < 24 && mi < 60) {
            out->hour = h;
            out->minute = mi;
            i += k - 1;
        }
    }
    return cut;
}

/* A person's name: 2-6 words, each starting with a capital letter, made
 * only of letters, '.', '-' and apostrophes. */
static int name_like(const char *s, size_t n)
{
    size_t words = 0, i = 0;
    int at_word_start = 1;
    while (i < n) {
        unsigned cp;
        size_t l = att_utf8_decode(s + i, n - i, &cp);
        if (cp == ' ') {
            at_word_start = 1;
        } else if (is_letter_cp(cp)) {
            if (at_word_start) {
                if (!is_upper_cp(cp))
                    return 0;
                words++;
            }
            at_word_start = 0;
        } else if (!(cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019) || at_word_start) {
            return 0;
        }
        i += l;
    }
    return words >= 2 && words <= 6;
}

/* Length of the next name separator at s[i] ("," ";" "&" " và " " - "), 0 if none. */
static size_t name_sep(const char *s, size_t n, size_t i)
{
    if (s[i] == ',' || s[i] == ';' || s[i] == '&')
        return 1;
    if (s[i] == ' ' && i + 4 < n && memcmp(s + i, " và ", 5) == 0)
        return 5;
    if (s[i] == ' ' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == ' ')
        return 3;
    if (s[i] == ' ' && i + 4 < n && memcmp(s + i, " \xE2\x80\x93 ", 5) == 0)
        return 5;
    return 0;
}

/* Split the names part into names; 0 if any piece is not a name. */
static int split_names(const char *s, size_t n, size_t base, att_byline *out)
{
    size_t st = 0, i = 0;
    while (i <= n) {
        size_t k = i < n ? name_sep(s, n, i) : 1;
        if (!k) {
            i++;
            continue;
        }
        const char *p = s + st;
        size_t pn = i - st;
        att_boiler_trim(&p, &pn);
        if (pn) {
            if (!name_like(p, pn) || out->n_names == ATT_BYLINE_MAX_NAMES)
                return 0;
            out->names[out->n_names].off = base + (size_t)(p - s);
            out->names[out->n_names].len = pn;
            out->n_names++;
        }
        i += k;
        st = i;
    }
    return out->n_names > 0;
}

int att_boiler_byline(const char *s, size_t n, att_byline *out)
{
    memset(out, 0, sizeof *out);
    out->hour = -1;
    const char *t = s;
    att_boiler_trim(&t, &n);
    if (!n || n > 200)
        return 0;
    size_t base = (size_t)(t - s), cut = scan_date_time(t, n, out);
    /* whatever follows the names may hold only the date, time and a few
     * words such as "GMT+7"; a sentence there means this is not a byline */
    if (cut < n && att_boiler_words(t + cut, n - cut) > 6)
        return 0;
    const char *names = t;
    size_t nn = cut;
    att_boiler_trim(&names, &nn);
    while (nn && (names[nn - 1] == '-' || names[nn - 1] == ',' || names[nn - 1] == '|'))
        nn--, att_boiler_trim(&names, &nn);
    if (nn && names[nn - 1] == ')') { /* "Hà Phương (tổng hợp)": drop the note */
        const char *open = memchr(names, '(', nn);
        if (open && att_boiler_words(open, nn - (size_t)(open - names)) <= 4) {
            nn = (size_t)(open - names);
            att_boiler_trim(&names, &nn);
        }
    }
    const char *colon = nn ? memchr(names, ':', nn) : NULL;
    if (colon && att_boiler_words(names, (size_t)(colon - names)) <= 4) { /* "Bài và ảnh: X" */
        nn -= (size_t)(colon + 1 - names);
        names = colon + 1;
        att_boiler_trim(&names, &nn);
    }
    if (nn) {
        att_buf k = ATT_BUF_INIT;
        int skip = 0;
        if (fold_key(names, nn, &k) != ATT_OK) {
            att_buf_free(&k);
            return 0;
        }
        if (starts_with(k.data, "theo ") || strcmp(k.data, "theo") == 0)
            skip = 1; /* "Theo Reuters": a credit, not an author */
        else if ((starts_with(k.data, "thu ") || starts_with(k.data, "chu nhat")) &&
                 key_words(k.data) <= 3 && is_weekday(names, nn))
            skip = 1; /* "Thứ Hai, 24/03/2024" - but "Thu Trang" is a name */
        att_buf_free(&k);
        if (skip)
            return out->year != 0;
        if (!split_names(names, nn, base + (size_t)(names - t), out)) {
            out->n_names = 0;
            /* a page's stamp "HH:MM | DD/MM/YYYY" is the publication time
             * even when the few words before it are not names ("Phóng
             * viên 9", "PV"): keep the date, claim no author */
            return out->year != 0 && out->hour >= 0 && att_boiler_words(names, nn) <= 4;
        }
        return 1;
    }
    return out->year != 0;
}

/* ------------------------------------------------------------ near-equal */

/* The folded form of a word's first letter into out (zero-padded);
 * returns its length, 0 if it does not fit. */
static size_t first_letter_folded(const char *w, size_t n, char out[16])
{
    memset(out, 0, 16);
    size_t l = 1;
    while (l < n && ((unsigned char)w[l] & 0xC0) == 0x80)
        l++;
    att_buf f = ATT_BUF_INIT;
    size_t r = 0;
    if (att_fold(w, l, &f) == ATT_OK && f.len < 16) {
        memcpy(out, f.data, f.len);
        r = f.len;
    }
    att_buf_free(&f);
    return r;
}

/* Does the rest of fw hold at most two more words of at most 12 bytes,
 * spaces included, after the word of wn bytes just read? */
static int short_tail(att_fold_words *fw, size_t wn)
{
    const char *w;
    size_t words = 1, bytes = wn;
    int r;
    while (words <= 2 && bytes <= 12 && (r = att_fold_words_next(fw, &w, &wn)) != 0) {
        if (r < 0)
            return 0;
        words++;
        bytes += 1 + wn;
    }
    return words <= 2 && bytes <= 12;
}

/* The key comparison of att_boiler_near_equal, word by word as the keys
 * are folded: equal keys, or the shorter (of at least three words) is the
 * other's start and the rest a short tail.  Most pairs differ in their
 * first words, and then nothing more is folded. */
static int keys_near_equal(const char *a, size_t an, const char *b, size_t bn)
{
    att_fold_words fa, fb;
    const char *wa = NULL, *wb = NULL;
    size_t la = 0, lb = 0, common = 0;
    int ra, rb, r = 0;
    att_fold_words_init(&fa, a, an);
    att_fold_words_init(&fb, b, bn);
    for (;;) {
        ra = att_fold_words_next(&fa, &wa, &la);
        rb = att_fold_words_next(&fb, &wb, &lb);
        if (ra <= 0 || rb <= 0 || la != lb || memcmp(wa, wb, la) != 0)
            break;
        common++;
    }
    if (ra == 0 && rb == 0)
        r = common > 0;
    else if (ra == 0 && rb > 0)
        r = common >= 3 && short_tail(&fb, lb);
    else if (rb == 0 && ra > 0)
        r = common >= 3 && short_tail(&fa, la);
    att_fold_words_free(&fa);
    att_fold_words_free(&fb);
    return r;
}

int att_boiler_near_equal(const char *a, size_t an, const char *b, size_t bn)
{
    att_boiler_trim(&a, &an);
    att_boiler_trim(&b, &bn);
    if (!an || !bn)
        return 0;
    size_t mx = an > bn ? an : bn, mn = an > bn ? bn : an;
    if (mx > 2 * mn + 24)
        return 0;
    /* equal keys start with the same folded letter: most pairs differ there,
     * and folding two whole lines costs far more than folding two letters */
    size_t pa = 0, pb = 0, a0, a1, b0, b1;
    if (!att_next_word(a, an, &pa, &a0, &a1) || !att_next_word(b, bn, &pb, &b0, &b1))
        return 0;
    char fa[16], fb[16];
    if (first_letter_folded(a + a0, a1 - a0, fa) != first_letter_folded(b + b0, b1 - b0, fb) ||
        memcmp(fa, fb, sizeof fa) != 0)
        return 0;
    return keys_near_equal(a, an, b, bn);
}

/* ------------------------------------------------------------- shingles */

static uint64_t hash_combine(uint64_t a, uint64_t b)
{
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
}

/* In-place sort of a[0..n) (quicksort, insertion sort for short runs). */
static void sort_u64(uint64_t *a, size_t n)
{
    while (n > 16) {
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t t = a[i];
            a[i++] = a[j];
            a[j--] = t;
        }
        /* recurse into the smaller side, loop on the larger */
        if (j + 1 < n - j - 1) {
            sort_u64(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            sort_u64(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* Sort trigram hashes.  They are spread evenly, so one counting pass on
 * their top bits (a bucket per one to two hashes) leaves short runs that
 * sort_u64 finishes by insertion - quicksort's compares on random keys
 * mispredict about half the time.  Runs stay correct, only slower, if
 * hashes cluster; large arrays go to quicksort directly. */
#define BUCKET_SORT_MAX 1024
static void sort_hashes(uint64_t *a, size_t n)
{
    if (n < 24 || n > BUCKET_SORT_MAX) {
        sort_u64(a, n);
        return;
    }
    uint64_t tmp[BUCKET_SORT_MAX];
    size_t end[BUCKET_SORT_MAX + 1];
    unsigned bits = 1;
    while ((size_t)2 << bits <= n) /* 2^bits buckets, n/2 < 2^bits <= n */
        bits++;
    size_t nb = (size_t)1 << bits;
    memset(end, 0, (nb + 1) * sizeof *end);
    for (size_t k = 0; k < n; k++)
        end[(a[k] >> (64 - bits)) + 1]++;
    for (size_t b = 1; b <= nb; b++) /* end[b]: where bucket b starts */
        end[b] += end[b - 1];
    for (size_t k = 0; k < n; k++)
        tmp[end[a[k] >> (64 - bits)]++] = a[k];
    for (size_t b = 0, start = 0; b < nb; start = end[b++]) /* end[b]: where it ends */
        sort_u64(tmp + start, end[b] - start);
    memcpy(a, tmp, n * sizeof *a);
}

att_status att_boiler_shingles(const char *s, size_t n, att_shingles *out)
{
    out->h = NULL;
    out->n = 0;
    att_fold_words fw;
    size_t cap = 0, cnt = 0, words = 0;
    uint64_t w0 = 0, w1 = 0, w2, *h = NULL;
    int r;
    att_fold_words_init(&fw, s, n);
    while ((r = att_fold_words_next_hash(&fw, &w2)) > 0) {
        if (++words >= 3) {
            if (cnt == cap) {
                size_t nc = cap ? cap * 2 : n / 4 + 32; /* about one word in 5 bytes */
                uint64_t *nh = realloc(h, nc * sizeof *nh);
                if (!nh)
                    goto nomem;
                h = nh;
                cap = nc;
            }
            h[cnt++] = hash_combine(hash_combine(w0, w1), w2);
        }
        w0 = w1;
        w1 = w2;
    }
    att_fold_words_free(&fw);
    if (r < 0)
        goto nomem;
    sort_hashes(h, cnt);
    size_t u = 0;
    for (size_t k = 0; k < cnt; k++)
        if (u == 0 || h[u - 1] != h[k])
            h[u++] = h[k];
    out->h = h;
    out->n = u;
    return ATT_OK;
nomem:
    free(h);
    att_fold_words_free(&fw);
    return ATT_ERR_NOMEM;
}

void att_boiler_shingles_free(att_shingles *sh)
{
    free(sh->h);
    sh->h = NULL;
    sh->n = 0;
}

double att_boiler_shingles_containment(const att_shingles *a, const att_shingles *b)
{
    if (!a->n)
        return 0.0;
    size_t i = 0, j = 0, common = 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] < b->h[j])
            i++;
        else if (a->h[i] > b->h[j])
            j++;
        else
            common++, i++, j++;
    }
    return (double)common / (double)a->n;
}

double att_boiler_containment(const char *a, size_t an, const char *b, size_t bn)
{
    att_shingles sa, sb;
    if (att_boiler_shingles(a, an, &sa) != ATT_OK)
        return 0.0;
    if (att_boiler_shingles(b, bn, &sb) != ATT_OK) {
        att_boiler_shingles_free(&sa);
        return 0.0;
    }
    double c = att_boiler_shingles_containment(&sa, &sb);
    att_boiler_shingles_free(&sa);
    att_boiler_shingles_free(&sb);
    return c;
}
