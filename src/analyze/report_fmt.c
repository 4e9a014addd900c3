/* report_fmt.c - escaping and number/date formatting shared by the report
 * renderers; see report.h. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

att_status att_report_escape(att_buf *out, const char *s)
{
    if (!s)
        return ATT_OK;
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        const char *rep = NULL;
        int special = 1;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\t':
        case '\n': special = 0; break;
        default: special = c == 0 || c < 0x20 || c == 0x7f; break;
        }
        if (!special)
            continue;
        if (p > run && att_buf_append(out, run, (size_t)(p - run)) != ATT_OK)
            return ATT_ERR_NOMEM;
        if (c == 0)
            return ATT_OK;
        if (rep && att_buf_puts(out, rep) != ATT_OK)
            return ATT_ERR_NOMEM;
        run = p + 1; /* controls are dropped */
    }
}

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int att_report_fmt_date(const char *iso, int with_year, char *dst, size_t dstlen)
{
    if (!dst || !dstlen)
        return 0;
    dst[0] = '\0';
    if (!iso)
        return 0;
    size_t len = strlen(iso);
    int y = len >= 7 ? digits(iso, 4) : -1;
    int m = y >= 0 && iso[4] == '-' ? digits(iso + 5, 2) : -1;
    int d = 0;
    if (m >= 1 && m <= 12 && len >= 10 && iso[7] == '-') {
        d = digits(iso + 8, 2);
        if (d < 1 || d > 31)
            m = -1;
    } else if (len != 7) {
        m = -1; /* "YYYY-MM" alone is a month; anything else must have a day */
    }
    if (y < 0 || m < 1 || m > 12) {
        snprintf(dst, dstlen, "%s", iso);
        return 0;
    }
    if (d == 0) {
        snprintf(dst, dstlen, "%s %d", month_abbr[m - 1], y);
        return 1;
    }
    if (!with_year) {
        snprintf(dst, dstlen, "%d %s", d, month_abbr[m - 1]);
        return 1;
    }
    const char *t = iso + 10;
    int hh = -1, mm = -1;
    if ((t[0] == 'T' || t[0] == ' ') && strlen(t) >= 6 && t[3] == ':') {
        hh = digits(t + 1, 2);
        mm = digits(t + 4, 2);
    }
    if (hh >= 0 && hh < 24 && mm >= 0 && mm < 60 && !(hh == 0 && mm == 0))
        snprintf(dst, dstlen, "%d %s %d, %02d:%02d", d, month_abbr[m - 1], y, hh, mm);
    else
        snprintf(dst, dstlen, "%d %s %d", d, month_abbr[m - 1], y);
    return 1;
}

void att_report_fmt_int(long long v, char *dst, size_t dstlen)
{
    char tmp[32];
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    int n = 0;
    do {
        if (n % 4 == 3)
            tmp[n++] = ',';
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u && n < 30);
    if (v < 0)
        tmp[n++] = '-';
    size_t k = 0;
    while (n > 0 && k + 1 < dstlen)
        dst[k++] = tmp[--n];
    if (dstlen)
        dst[k] = '\0';
}

void att_report_fmt_signed(double v, int decimals, char *dst, size_t dstlen)
{
    if (!isfinite(v)) {
        snprintf(dst, dstlen, "\xe2\x80\x93");
        return;
    }
    char num[48];
    snprintf(num, sizeof num, "%.*f", decimals, fabs(v));
    int zero = 1;
    for (const char *p = num; *p; p++)
        if (*p >= '1' && *p <= '9')
            zero = 0;
    if (zero)
        snprintf(dst, dstlen, "%s", num);
    else
        snprintf(dst, dstlen, "%s%s", v < 0 ? "\xe2\x88\x92" : "+", num);
}
