/* docdate.c - an article's date from the best evidence; see docdate.h. */
#include "docdate.h"

#include "../analyze/analyze.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* A real calendar day of 1990-2100 (att_iso_date checks the calendar). */
static int real_day(int y, int m, int d)
{
    char tmp[20];
    return y >= 1990 && y <= 2100 && att_iso_date(tmp, y, m, d, -1, 0) == ATT_OK;
}

/* Value of n (at most 8) digits at s (all must be digits), -1 if not. */
static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || i >= 8)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int put_day(int y, int m, int d, char iso[20])
{
    if (!real_day(y, m, d))
        return 0;
    return att_iso_date(iso, y, m, d, -1, 0) == ATT_OK;
}

/* ------------------------------------------------------------------ URL */

int att_date_from_url(const char *url, char iso[20])
{
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url; /* the path: a host name's digits are not a date */
    if (!p)
        return 0;
    size_t n = strlen(p);
    const char *q = memchr(p, '?', n);
    size_t path_n = q ? (size_t)(q - p) : n;
    for (size_t i = 0; i < path_n; i++) {
        char c = p[i];
        /* "/YYYY/MM/DD/" and "/YYYY-MM-DD" */
        if (c == '/' && i + 11 <= path_n && (p[i + 5] == '/' || p[i + 5] == '-') && p[i + 8] == p[i + 5]) {
            int y = num(p + i + 1, 4), m = num(p + i + 6, 2), d = num(p + i + 9, 2);
            char after = i + 11 < path_n ? p[i + 11] : '/';
            if (y > 0 && m > 0 && d > 0 && !isdigit((unsigned char)after) && put_day(y, m, d, iso))
                return 1;
        }
        /* "/YYYYMMDD/", "-YYYYMMDD...", "_YYYYMMDD..." */
        if ((c == '/' || c == '-' || c == '_') && i + 9 <= path_n) {
            size_t k = i + 1;
            while (k < path_n && isdigit((unsigned char)p[k]))
                k++;
            size_t run = k - i - 1;
            int ok_end = k == path_n || !isalpha((unsigned char)p[k]);
            if (ok_end && ((c == '/' && run == 8) || (c != '/' && run >= 8 && run <= 17))) {
                int y = num(p + i + 1, 4), m = num(p + i + 5, 2), d = num(p + i + 7, 2);
                if (put_day(y, m, d, iso))
                    return 1;
            }
        }
    }
    /* "?date=2024-03-24", "&date=20240324" */
    for (const char *d = q; d && (d = strstr(d, "date=")) != NULL; d += 5) {
        if (d[-1] != '?' && d[-1] != '&')
            continue;
        const char *v = d + 5;
        if (num(v, 4) > 0 && v[4] == '-' && num(v + 5, 2) > 0 && v[7] == '-' && num(v + 8, 2) > 0 &&
            put_day(num(v, 4), num(v + 5, 2), num(v + 8, 2), iso))
            return 1;
        if (num(v, 8) > 0 && put_day(num(v, 4), num(v + 4, 2), num(v + 6, 2), iso))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ timestamps */

typedef struct stamp {
    int y, m, d, hh, mm; /* hh < 0: no time */
    int zone;            /* 1: offset known */
    int offset_min;      /* minutes east of UTC */
} stamp;

static int finish(const stamp *t, char iso[20])
{
    int y = t->y, m = t->m, d = t->d, hh = t->hh, mm = t->mm;
    if (!real_day(y, m, d) || hh > 23 || mm > 59)
        return 0;
    if (hh >= 0 && t->zone) { /* to UTC+7, by day numbers (analyze.h) */
        char day_iso[20];
        if (att_iso_date(day_iso, y, m, d, -1, 0) != ATT_OK)
            return 0;
        long minutes = hh * 60 + mm - t->offset_min + 7 * 60;
        long shift = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
        long rest = minutes - shift * 1440;
        att_day_iso((int32_t)(att_day_of(day_iso) + shift), day_iso);
        if (sscanf(day_iso, "%d-%d-%d", &y, &m, &d) != 3)
            return 0;
        hh = (int)(rest / 60);
        mm = (int)(rest % 60);
    }
    return att_iso_date(iso, y, m, d, hh, hh >= 0 ? mm : 0) == ATT_OK;
}

/* "Z", "GMT", "UTC", "+07:00", "+0700", "-05" at s; sets the offset. */
static void zone_at(const char *s, stamp *t)
{
    while (*s == ' ')
        s++;
    if (*s == 'Z' || !strncasecmp(s, "GMT", 3) || !strncasecmp(s, "UTC", 3)) {
        t->zone = 1;
        t->offset_min = 0;
        if (*s != 'Z')
            s += 3;
        else
            s++;
        if (*s != '+' && *s != '-')
            return;
    }
    if (*s == '+' || *s == '-') {
        int sign = *s == '-' ? -1 : 1, h = num(s + 1, 2), mi = 0;
        if (h < 0)
            return;
        const char *r = s + 3;
        if (*r == ':')
            r++;
        if (num(r, 2) >= 0)
            mi = num(r, 2);
        t->zone = 1;
        t->offset_min = sign * (h * 60 + mi);
    }
}

static int parse_iso(const char *s, stamp *t)
{
    /* "20240324103000" (WARC/1.0 style 14 digits) */
    if (strlen(s) >= 14 && all_digits(s, 14) && !isdigit((unsigned char)s[14])) {
        t->y = num(s, 4), t->m = num(s + 4, 2), t->d = num(s + 6, 2);
        t->hh = num(s + 8, 2), t->mm = num(s + 10, 2);
        t->zone = 1; /* WARC dates are UTC */
        return 1;
    }
    if (num(s, 4) < 0 || s[4] != '-' || num(s + 5, 2) < 0 || s[7] != '-' || num(s + 8, 2) < 0)
        return 0;
    t->y = num(s, 4), t->m = num(s + 5, 2), t->d = num(s + 8, 2);
    const char *r = s + 10;
    if ((*r == 'T' || *r == ' ') && num(r + 1, 2) >= 0 && r[3] == ':' && num(r + 4, 2) >= 0) {
        t->hh = num(r + 1, 2);
        t->mm = num(r + 4, 2);
        r += 6;
        if (*r == ':' && num(r + 1, 2) >= 0)
            r += 3;
        if (*r == '.')
            while (isdigit((unsigned char)*++r))
                ;
        zone_at(r, t);
    }
    return 1;
}

static int month_of(const char *w)
{
    static const char *const mon[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(w, mon[i], 3))
            return i + 1;
    return 0;
}

/* "Sun, 24 Mar 2024 10:00:00 GMT", "Sunday, 24-Mar-24 10:00:00 GMT",
 * "Sun Mar 24 10:00:00 2024", "24 Mar 2024 10:00 +0700". */
static int parse_http(const char *s, stamp *t)
{
    char buf[72], *save = NULL;
    snprintf(buf, sizeof buf, "%s", s);
    int day = 0, month = 0, year = 0;
    const char *tm = strchr(s, ':');
    if (tm && tm - s >= 2 && isdigit((unsigned char)tm[-1]) && isdigit((unsigned char)tm[-2])) {
        t->hh = num(tm - 2, 2);
        t->mm = num(tm + 1, 2);
        if (t->mm < 0)
            return 0;
        const char *e = tm + 3;
        if (*e == ':')
            e += 3;
        zone_at(e, t);
    }
    /* the date's words: separators ',' and '-' become spaces (the zone
     * after the time was read above) */
    char *end = tm ? buf + (tm - s) - 2 : buf + strlen(buf);
    *end = '\0';
    for (char *c = buf; *c; c++)
        if (*c == ',' || *c == '-')
            *c = ' ';
    for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t n = strlen(w);
        if (isdigit((unsigned char)w[0]) && n == 4 && !year)
            year = num(w, 4);
        else if (isdigit((unsigned char)w[0]) && n <= 2 && !day)
            day = num(w, n);
        else if (isdigit((unsigned char)w[0]) && n == 2 && !year)
            year = 2000 + num(w, 2); /* RFC 850's two-digit year */
        else if (isalpha((unsigned char)w[0]) && n >= 3 && !month)
            month = month_of(w);
    }
    if (!year && tm) { /* asctime: "Sun Mar 24 10:00:00 2024" */
        const char *y = tm + 3;
        while (*y && !(isdigit((unsigned char)y[0]) && num(y, 4) > 0 && !isdigit((unsigned char)y[4])))
            y++;
        if (*y)
            year = num(y, 4);
    }
    if (day <= 0 || !month || year <= 0)
        return 0;
    t->y = year, t->m = month, t->d = day;
    return 1;
}

int att_date_parse_stamp(const char *s, char iso[20])
{
    if (!s)
        return 0;
    while (*s == ' ')
        s++;
    if (strlen(s) > 64)
        return 0;
    stamp t = {0, 0, 0, -1, 0, 0, 0};
    if (isdigit((unsigned char)s[0]) && parse_iso(s, &t))
        return finish(&t, iso);
    stamp h = {0, 0, 0, -1, 0, 0, 0};
    return parse_http(s, &h) && finish(&h, iso);
}

/* ------------------------------------------------------------- resolve */

att_status att_article_resolve_date(att_article *a, const att_date_evidence *ev)
{
    if (a->published) {
        if (a->date_source == ATT_DATE_SRC_UNKNOWN)
            a->date_source = ATT_DATE_SRC_PAGE;
        return ATT_OK;
    }
    char iso[20];
    struct {
        int found;
        att_date_source src;
    } pick = {0, ATT_DATE_SRC_INGEST};
    if (att_date_from_url(a->url, iso) || (ev && att_date_from_url(ev->url, iso)))
        pick.found = 1, pick.src = ATT_DATE_SRC_URL;
    else if (ev && att_date_parse_stamp(ev->feed, iso))
        pick.found = 1, pick.src = ATT_DATE_SRC_FEED;
    else if (ev && att_date_parse_stamp(ev->warc, iso))
        pick.found = 1, pick.src = ATT_DATE_SRC_WARC;
    else if (ev && att_date_parse_stamp(ev->http, iso))
        pick.found = 1, pick.src = ATT_DATE_SRC_HTTP;
    a->date_source = pick.src;
    return pick.found ? att_article_set(&a->published, iso, (size_t)-1) : ATT_OK;
}
