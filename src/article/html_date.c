/* html_date.c - dates as news pages write them; see html_parse_date in
 * html_dom.h. */
#include <stddef.h>

#include "html_dom.h"

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* Read 1..max digits at s[*i]; returns the count read (0 if none). */
static int digits(const char *s, size_t n, size_t *i, int max, int *val)
{
    int k = 0, v = 0;
    while (*i < n && k < max && is_digit((unsigned char)s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *val = v;
    return k;
}

/* Find the first "HH:MM" or "HHhMM" (Vietnamese "14h30") in s[from..to)
 * that is not glued to other digits. */
static int find_time(const char *s, size_t from, size_t to, int *h, int *m)
{
    for (size_t i = from; i < to; i++) {
        if (!is_digit((unsigned char)s[i]) || (i > 0 && is_digit((unsigned char)s[i - 1])))
            continue;
        size_t j = i;
        int hh, mm;
        if (digits(s, to, &j, 2, &hh) == 0 || j >= to)
            continue;
        if (s[j] != ':' && s[j] != 'h' && s[j] != 'H')
            continue;
        j++;
        if (digits(s, to, &j, 2, &mm) != 2 || (j < to && is_digit((unsigned char)s[j])))
            continue;
        if (hh <= 23 && mm <= 59) {
            *h = hh;
            *m = mm;
            return 1;
        }
    }
    return 0;
}

int html_parse_date(const char *s, size_t n, char out[20])
{
    for (size_t i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i]) || (i > 0 && is_digit((unsigned char)s[i - 1])))
            continue;
        size_t j = i;
        int a, b, c, la, lb, lc;
        la = digits(s, n, &j, 4, &a);
        if (j >= n || (s[j] != '-' && s[j] != '/' && s[j] != '.'))
            continue;
        char sep = s[j++];
        lb = digits(s, n, &j, 2, &b);
        if (lb == 0 || j >= n || s[j] != sep)
            continue;
        j++;
        lc = digits(s, n, &j, 4, &c);
        if (lc == 0 || (j < n && is_digit((unsigned char)s[j])))
            continue;
        int y, mo, d;
        if (la == 4 && lc <= 2) { /* ISO: YYYY-MM-DD */
            y = a, mo = b, d = c;
        } else if (la <= 2 && lc == 4) { /* Vietnamese: DD/MM/YYYY */
            y = c, mo = b, d = a;
        } else {
            continue;
        }
        int hh = -1, mm = 0;
        if (la == 4) {
            /* ISO time must follow directly: "T14:30" or " 14:30" */
            size_t k = j;
            if (k < n && (s[k] == 'T' || s[k] == 't' || s[k] == ' '))
                k++;
            size_t e = k + 5 <= n ? k + 5 : n;
            if (k > j && !find_time(s, k, e, &hh, &mm))
                hh = -1;
        } else {
            /* "14:30 12/07/2021" or "12/07/2021 - 14:30": nearby either side */
            size_t lo = i > 24 ? i - 24 : 0, hi = j + 24 < n ? j + 24 : n;
            if (!find_time(s, j, hi, &hh, &mm) && !find_time(s, lo, i, &hh, &mm))
                hh = -1;
        }
        if (att_iso_date(out, y, mo, d, hh, hh >= 0 ? mm : 0) == ATT_OK)
            return 1;
        if (hh >= 0 && att_iso_date(out, y, mo, d, -1, 0) == ATT_OK)
            return 1;
    }
    return 0;
}
