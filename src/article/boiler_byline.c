/*
 * boiler_byline.c - bylines: author names ("Vũ Lê Thái Hoàng, Nguyễn Đức
 * Huy") and/or a date and time, after an optional label or weekday;
 * att_boiler_byline(), see boiler.h.  Names are byte ranges into the
 * line; out of memory reads as "no byline".
 */
#include "boiler.h"
#include "boiler_priv.h"

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
        } else if (att_bp_is_letter_cp(cp)) {
            if (at_word_start) {
                if (!att_bp_is_upper_cp(cp))
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
        if (att_bp_fold_key(names, nn, &k) != ATT_OK) {
            att_buf_free(&k);
            return 0;
        }
        if (att_bp_starts_with(k.data, "theo ") || strcmp(k.data, "theo") == 0)
            skip = 1; /* "Theo Reuters": a credit, not an author */
        else if ((att_bp_starts_with(k.data, "thu ") || att_bp_starts_with(k.data, "chu nhat")) &&
                 att_bp_key_words(k.data) <= 3 && is_weekday(names, nn))
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
