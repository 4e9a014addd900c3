/* dates_calendar.c - the calendar arithmetic of the date finder (day
 * numbers, weekdays, month lengths) and the public ISO helpers
 * att_date_parse_iso(), att_date_format(), att_date_precision_name(); see
 * dates.h and dates_priv.h.  Nothing here allocates; att_date_parse_iso()
 * returns ATT_ERR_USAGE for NULL arguments and ATT_ERR_FORMAT for text
 * that is no ISO date. */
#include "dates.h"
#include "dates_priv.h"

#include <stdio.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "../util/buf.h"

/* ---------------------------------------------------------------- calendar */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days in month m of year y; y == 0 (unknown) allows 29 February. */
static int month_days(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2)
        return (y == 0 || is_leap(y)) ? 29 : 28;
    return md[m - 1];
}

int att_dt_valid_ymd(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m); }

/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
long att_dt_days_from_civil(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

/* 0 = Monday ... 6 = Sunday. */
int att_dt_weekday_of(long z)
{
    long w = (z + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

long att_dt_mod7(long x) { return ((x % 7) + 7) % 7; }

att_date att_dt_mk_date(int y, int m, int d, att_date_precision p)
{
    att_date r;
    r.year = y;
    r.month = m;
    r.day = d;
    r.precision = p;
    return r;
}

att_date att_dt_day_from_days(long z, att_date_precision p)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    return att_dt_mk_date(y, m, d, p);
}

long att_dt_date_key(const att_date *d) { return (long)d->year * 10000 + d->month * 100 + d->day; }

static int parse_digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        x = x * 10 + (s[k] - '0');
    }
    *v = x;
    return 1;
}

att_status att_date_parse_iso(const char *s, att_date *d)
{
    if (!d)
        return ATT_ERR_USAGE;
    memset(d, 0, sizeof *d);
    if (!s)
        return ATT_ERR_FORMAT;
    int y, m, dd;
    size_t l = strlen(s);
    if (l < 4 || !parse_digits(s, 4, &y) || y < 1)
        return ATT_ERR_FORMAT;
    if (l == 4) {
        *d = att_dt_mk_date(y, 0, 0, ATT_DATE_YEAR);
        return ATT_OK;
    }
    if (l == 8 && parse_digits(s + 4, 2, &m) && parse_digits(s + 6, 2, &dd)) { /* YYYYMMDD */
        if (!att_dt_valid_ymd(y, m, dd))
            return ATT_ERR_FORMAT;
        *d = att_dt_mk_date(y, m, dd, ATT_DATE_DAY);
        return ATT_OK;
    }
    if (s[4] != '-' || l < 7 || !parse_digits(s + 5, 2, &m) || m < 1 || m > 12)
        return ATT_ERR_FORMAT;
    if (l == 7) {
        *d = att_dt_mk_date(y, m, 0, ATT_DATE_MONTH);
        return ATT_OK;
    }
    if (s[7] != '-' || l < 10 || !parse_digits(s + 8, 2, &dd) || !att_dt_valid_ymd(y, m, dd))
        return ATT_ERR_FORMAT;
    if (l > 10 && s[10] != 'T' && s[10] != ' ')
        return ATT_ERR_FORMAT;
    *d = att_dt_mk_date(y, m, dd, ATT_DATE_DAY);
    return ATT_OK;
}

int att_date_format(const att_date *d, char *buf, size_t cap)
{
    if (!d || d->precision == ATT_DATE_NONE || (d->precision == ATT_DATE_YEAR && d->year == 0)) {
        if (buf && cap)
            buf[0] = '\0';
        return 0;
    }
    switch (d->precision) {
    case ATT_DATE_DAY:
    case ATT_DATE_WEEK:
        if (d->year)
            return snprintf(buf, cap, "%04d-%02d-%02d", d->year, d->month, d->day);
        return snprintf(buf, cap, "--%02d-%02d", d->month, d->day);
    case ATT_DATE_MONTH:
        if (d->year)
            return snprintf(buf, cap, "%04d-%02d", d->year, d->month);
        return snprintf(buf, cap, "--%02d", d->month);
    default:
        return snprintf(buf, cap, "%04d", d->year);
    }
}

const char *att_date_precision_name(att_date_precision p)
{
    switch (p) {
    case ATT_DATE_DAY: return "day";
    case ATT_DATE_WEEK: return "week";
    case ATT_DATE_MONTH: return "month";
    case ATT_DATE_YEAR: return "year";
    default: return "none";
    }
}
