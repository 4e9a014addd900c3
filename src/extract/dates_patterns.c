/* dates_patterns.c - the date patterns tried at each word (a day, a
 * month, a year, a week, a relative day, a weekday), resolving the year
 * of a year-less date against the reference, and recording the mentions;
 * see dates_priv.h.  A pattern returns the index after its last token, 0
 * for no match, -1 when out of memory. */
#include "dates.h"
#include "dates_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "../util/buf.h"

/* ---------------------------------------------------------------- resolution */

/* Year for a year-less day; 0 if unknown; -1 if no such date. */
static int resolve_day_year(const ctx *c, int m, int d, int mod)
{
    if (c->refp == ATT_DATE_NONE)
        return att_dt_valid_ymd(0, m, d) ? 0 : -1;
    if (c->refp == ATT_DATE_YEAR)
        return att_dt_valid_ymd(c->ref.year, m, d) ? c->ref.year : -1;
    long rz = c->refp >= ATT_DATE_WEEK ? c->refz : att_dt_days_from_civil(c->ref.year, c->ref.month, 15);
    int y0 = c->ref.year;
    if (mod > 0) { /* first on or after ref */
        for (int y = y0 - 1; y <= y0 + 1; y++)
            if (att_dt_valid_ymd(y, m, d) && att_dt_days_from_civil(y, m, d) >= rz)
                return y;
    } else if (mod < 0) { /* last on or before ref */
        for (int y = y0 + 1; y >= y0 - 1; y--)
            if (att_dt_valid_ymd(y, m, d) && att_dt_days_from_civil(y, m, d) <= rz)
                return y;
    } else { /* latest not more than ~2 months after ref */
        for (int y = y0 + 1; y >= y0 - 3; y--)
            if (att_dt_valid_ymd(y, m, d) && att_dt_days_from_civil(y, m, d) <= rz + 62)
                return y;
    }
    return -1;
}

/* Year for a year-less month; 0 if unknown. */
static int resolve_month_year(const ctx *c, int m, int mod)
{
    if (c->refp == ATT_DATE_NONE)
        return 0;
    if (c->refp == ATT_DATE_YEAR)
        return c->ref.year;
    long ri = (long)c->ref.year * 12 + c->ref.month - 1;
    int y0 = c->ref.year;
    for (int k = 0; k < 3; k++) {
        int y = mod > 0 ? y0 - 1 + k : y0 + 1 - k;
        long ci = (long)y * 12 + m - 1;
        if (mod > 0 ? ci >= ri : mod < 0 ? ci <= ri : ci <= ri + 3)
            return y;
    }
    return y0 - 1;
}

/* ---------------------------------------------------------------- output */

static int push(ctx *c, size_t ft, size_t lt, att_date d, att_date until, int rel, int kind, int yexp)
{
    mrec r;
    memset(&r, 0, sizeof r);
    r.m.start = c->v[ft].s;
    r.m.end = c->v[lt].e;
    r.m.date = d;
    r.m.until = until;
    r.m.relative = rel;
    r.ft = ft;
    r.lt = lt;
    r.kind = kind;
    r.yexp = yexp;
    mrec *last = c->nm ? &c->m[c->nm - 1] : NULL;

    /* "thứ Hai (16/6)", "hôm qua, ngày 16/6": the explicit date wins */
    if (last && kind == MK_ABS && d.precision == ATT_DATE_DAY &&
        (last->kind == MK_WEEKDAY || last->kind == MK_RELDAY) && last->lt + 1 == ft && att_dt_gap_soft(c, last->lt)) {
        r.m.start = last->m.start;
        r.ft = last->ft;
        c->nm--;
        if (memchr(c->t + c->v[last->lt].e, '(', c->v[ft].s - c->v[last->lt].e) && r.m.end < c->len &&
            c->t[r.m.end] == ')')
            r.m.end++; /* "thứ Hai (16/6)" */
        last = c->nm ? &c->m[c->nm - 1] : NULL;
    }

    /* "từ X đến Y" -> one range */
    if (last && last->m.until.precision == ATT_DATE_NONE && last->m.date.precision == d.precision &&
        d.precision != ATT_DATE_NONE && ft >= 2 && last->lt == ft - 2 &&
        (att_dt_kw_at(c, ft - 1) == K_DEN || att_dt_kw_at(c, ft - 1) == K_TOI_TO) && att_dt_gap_space(c, ft - 2) &&
        att_dt_gap_space(c, ft - 1) && last->ft > 0 && att_dt_kw_at(c, last->ft - 1) == K_TU_FROM &&
        att_dt_gap_space(c, last->ft - 1)) {
        att_date u = until.precision != ATT_DATE_NONE ? until : d;
        if (att_dt_date_key(&u) < att_dt_date_key(&last->m.date) && u.year && last->m.date.year) {
            /* the side without a written year follows the other */
            if (!yexp) {
                u.year = last->m.date.year;
                if (att_dt_date_key(&u) < att_dt_date_key(&last->m.date))
                    u.year++;
            } else if (!last->yexp) {
                last->m.date.year = u.year;
                if (att_dt_date_key(&u) < att_dt_date_key(&last->m.date))
                    last->m.date.year--;
            }
        }
        if (att_dt_date_key(&u) >= att_dt_date_key(&last->m.date)) {
            last->m.until = u;
            last->m.end = r.m.end;
            last->lt = lt;
            last->ft--;
            last->m.start = c->v[last->ft].s;
            last->m.relative |= rel;
            return 0;
        }
    }

    if (c->nm == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        mrec *nv = realloc(c->m, nc * sizeof *nv);
        if (!nv)
            return -1;
        c->m = nv;
        c->cap = nc;
    }
    c->m[c->nm++] = r;
    return 0;
}

static const att_date NO_DATE = {0, 0, 0, ATT_DATE_NONE};

static pres done(int pushed, size_t last) { return pushed < 0 ? -1 : (pres)(last + 1); }

/* ---------------------------------------------------------------- day patterns */

/* D sep M [sep YYYY] at i, sep one of / - . glued.  *e = last token. */
static int parse_dm(const ctx *c, size_t i, int *d, int *m, int *y, size_t *e, char *sep)
{
    int dd = att_dt_num_at(c, i, 2), mm = att_dt_num_at(c, i + 1, 2);
    if (dd < 1 || mm < 1)
        return 0;
    char g = att_dt_gap_glue(c, i);
    if (g != '/' && g != '-' && g != '.')
        return 0;
    *d = dd;
    *m = mm;
    *sep = g;
    *y = 0;
    *e = i + 1;
    if (att_dt_gap_glue(c, i + 1) == g) {
        int yy = att_dt_year_at(c, i + 2);
        if (yy > 0) {
            *y = yy;
            *e = i + 2;
        }
    }
    return 1;
}

/* Month as a number or a Vietnamese name at token j.  Lower-case names
 * that are also numerals must not be followed by a count ("mỗi tháng hai
 * lần" is checked by the caller); "Một" and "Năm" need a capital. */
static int parse_month_word(const ctx *c, size_t j, int *m, size_t *e)
{
    if (j >= c->n)
        return 0;
    int v = att_dt_num_at(c, j, 2);
    if (v >= 0) {
        if (v < 1 || v > 12)
            return 0;
        *m = v;
        *e = j;
        return 1;
    }
    const dtok *t = &c->v[j];
    *e = j;
    switch (t->kw) {
    case K_GIENG: *m = 1; return 1;
    case K_CHAP: *m = 12; return 1;
    case K_TU4: case K_BON: *m = 4; return 1;
    case K_HAI: *m = 2; return 1;
    case K_BA: *m = 3; return 1;
    case K_SAU6: *m = 6; return 1;
    case K_BAY: *m = 7; return 1;
    case K_TAM: *m = 8; return 1;
    case K_CHIN: *m = 9; return 1;
    case K_MOT: *m = 1; return t->upper;
    case K_NAM: *m = 5; return t->upper;
    case K_MUOI:
        *m = 10;
        if (att_dt_gap_space(c, j) && (att_dt_kw_at(c, j + 1) == K_MOT || att_dt_kw_at(c, j + 1) == K_HAI)) {
            *m = att_dt_kw_at(c, j + 1) == K_MOT ? 11 : 12;
            *e = j + 1;
        }
        return 1;
    default:
        return 0;
    }
}

/* A counted "tháng": "tháng hai lần", "tháng 2 lượt". */
static int count_after(const ctx *c, size_t e)
{
    if (!att_dt_gap_space(c, e))
        return 0;
    int k = att_dt_kw_at(c, e + 1);
    return k == K_LAN || k == K_LUOT || k == K_DOT;
}

pres att_dt_try_day(ctx *c, size_t i)
{
    if (att_dt_glued_before(c, i))
        return 0;
    int allowed = att_dt_date_word_before(c, i);
    size_t ft = att_dt_day_span_start(c, i);
    int d, m, y, d2, m2, y2;
    size_t e, e2;
    char sep, sep2;

    /* "từ (ngày) 25 đến (ngày) 27/3" */
    if (allowed && (att_dt_kw_at(c, i + 1) == K_DEN || att_dt_kw_at(c, i + 1) == K_TOI_TO) && att_dt_gap_space(c, i) &&
        att_dt_gap_space(c, i + 1)) {
        size_t k = i + 2;
        if (att_dt_kw_at(c, k) == K_NGAY && att_dt_gap_space(c, k))
            k++;
        size_t from = ft > 0 && att_dt_kw_at(c, ft - 1) == K_TU_FROM && att_dt_gap_space(c, ft - 1) ? ft - 1 : SIZE_MAX;
        d = att_dt_num_at(c, i, 2);
        if (from != SIZE_MAX && parse_dm(c, k, &d2, &m, &y, &e, &sep) && d < d2 && !att_dt_bad_tail(c, e)) {
            if (!y)
                y = resolve_day_year(c, m, d, att_dt_after_mod(c, e));
            if (y >= 0 && att_dt_valid_ymd(y, m, d) && att_dt_valid_ymd(y, m, d2))
                return done(push(c, from, e, att_dt_mk_date(y, m, d, ATT_DATE_DAY),
                                 att_dt_mk_date(y, m, d2, ATT_DATE_DAY), 0, MK_ABS, y != 0),
                            e);
        }
    }

    /* D/M[/Y], optionally "- D2/M2[/Y2]" */
    if (parse_dm(c, i, &d, &m, &y, &e, &sep)) {
        if (att_dt_gap_dash(c, e) && !(sep == '-' && att_dt_gap_glue(c, e) == '-') &&
            parse_dm(c, e + 1, &d2, &m2, &y2, &e2, &sep2) && sep2 == sep &&
            !att_dt_bad_tail(c, e2)) { /* two full dates: no date word needed */
            int yexp = y || y2;
            int before = m * 100 + d > m2 * 100 + d2; /* "30/12-2/1" crosses a year */
            if (y2 && !y)
                y = y2 - before;
            else if (y && !y2)
                y2 = y + before;
            else if (!y && !y2) {
                y = resolve_day_year(c, m, d, att_dt_after_mod(c, e2));
                y2 = y > 0 ? y + before : y;
            }
            if (y >= 0 && att_dt_valid_ymd(y, m, d) && att_dt_valid_ymd(y2, m2, d2) &&
                (y2 > y || (y2 == y && (m2 * 100 + d2 > m * 100 + d || y == 0))))
                return done(push(c, ft, e2, att_dt_mk_date(y, m, d, ATT_DATE_DAY),
                                 att_dt_mk_date(y2, m2, d2, ATT_DATE_DAY), 0, MK_ABS, yexp),
                            e2);
        }
        if (!att_dt_bad_tail(c, e)) {
            if (y) {
                if (att_dt_valid_ymd(y, m, d))
                    return done(push(c, ft, e, att_dt_mk_date(y, m, d, ATT_DATE_DAY), NO_DATE, 0, MK_ABS, 1), e);
                return 0;
            }
            if (allowed && !att_dt_quantity_after(c, e) && m <= 12 && (sep == '/' || att_dt_day_word_before(c, i))) {
                int delta = 0;
                size_t e3;
                int ys = att_dt_year_suffix(c, e, &y, &delta, &e3);
                int rel = 0;
                if (ys == 2) {
                    y = c->refp >= ATT_DATE_YEAR ? c->ref.year + delta : 0;
                    rel = y != 0;
                } else if (ys == 3) {
                    y = 0;
                } else if (ys == 0) {
                    y = resolve_day_year(c, m, d, att_dt_after_mod(c, e));
                    e3 = e;
                }
                if (y >= 0 && att_dt_valid_ymd(y, m, d))
                    return done(push(c, ft, e3, att_dt_mk_date(y, m, d, ATT_DATE_DAY), NO_DATE, rel, MK_ABS, ys == 1),
                                e3);
            }
        }
        /* "25-27/3" parses as D-M first: fall through */
    }

    /* D1 - D2/M[/Y]: "25-27/3", "25 - 27/3/2024" */
    if (att_dt_gap_dash(c, i) && parse_dm(c, i + 1, &d2, &m, &y, &e, &sep) &&
        !(sep == '-' && att_dt_gap_glue(c, i) == '-') && !att_dt_bad_tail(c, e) && (y || allowed)) {
        d = att_dt_num_at(c, i, 2);
        int yexp = y != 0;
        if (!y)
            y = resolve_day_year(c, m, d, att_dt_after_mod(c, e));
        if (d >= 1 && d < d2 && y >= 0 && att_dt_valid_ymd(y, m, d) && att_dt_valid_ymd(y, m, d2))
            return done(push(c, ft, e, att_dt_mk_date(y, m, d, ATT_DATE_DAY), att_dt_mk_date(y, m, d2, ATT_DATE_DAY), 0,
                             MK_ABS, yexp),
                        e);
        return 0;
    }

    /* D tháng M [năm Y] */
    if (att_dt_kw_at(c, i + 1) == K_THANG && att_dt_gap_space(c, i) && att_dt_gap_space(c, i + 1) &&
        parse_month_word(c, i + 2, &m, &e) && !count_after(c, e)) {
        d = att_dt_num_at(c, i, 2);
        int delta = 0;
        size_t e3 = e;
        int ys = att_dt_year_suffix(c, e, &y, &delta, &e3);
        if (ys == 1 || (allowed && (ys != 0 || !att_dt_quantity_after(c, e)))) { /* not "sau 3 tháng 9 ngày" */
            int rel = 0;
            if (ys == 2) {
                y = c->refp >= ATT_DATE_YEAR ? c->ref.year + delta : 0;
                rel = y != 0;
            } else if (ys == 3) {
                y = 0;
            } else if (ys == 0) {
                y = resolve_day_year(c, m, d, att_dt_after_mod(c, e));
            }
            if (y >= 0 && att_dt_valid_ymd(y, m, d))
                return done(push(c, ft, e3, att_dt_mk_date(y, m, d, ATT_DATE_DAY), NO_DATE, rel, MK_ABS, ys == 1), e3);
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- other patterns */

static int rel_delta(int k, int *delta)
{
    switch (k) {
    case K_NAY2: *delta = 0; return 1;
    case K_TRUOC: case K_QUA: *delta = -1; return 1;
    case K_TOI_TO: case K_SAU: *delta = 1; return 1;
    default: return 0;
    }
}

pres att_dt_try_month(ctx *c, size_t i)
{
    if (!att_dt_gap_space(c, i) || att_dt_prev_quant(c, i))
        return 0;
    size_t ft = att_dt_period_span_start(c, i), e;
    int m, y = 0, delta;

    if (rel_delta(att_dt_kw_at(c, i + 1), &delta)) { /* tháng này / trước / qua / tới / sau */
        if (att_dt_next_blocks(c, i + 2))
            return 0;
        if (c->refp < ATT_DATE_MONTH)
            return (pres)(i + 2);
        long mi = (long)c->ref.year * 12 + c->ref.month - 1 + delta;
        return done(push(c, ft, i + 1, att_dt_mk_date((int)(mi / 12), (int)(mi % 12) + 1, 0, ATT_DATE_MONTH), NO_DATE,
                         1, MK_REL, 0),
                    i + 1);
    }
    if (!parse_month_word(c, i + 1, &m, &e) || count_after(c, e))
        return 0;
    att_date until = NO_DATE;
    int m2 = 0, yexp = 0, rel = 0;
    char g = att_dt_gap_glue(c, e);
    if ((g == '/' || g == '-' || g == '.') && att_dt_year_at(c, e + 1) > 0) { /* tháng 9/2023 */
        y = att_dt_year_at(c, e + 1);
        yexp = 1;
        e++;
    } else if (g == '-' && c->v[e].num >= 0 && (m2 = att_dt_num_at(c, e + 1, 2)) > m && m2 <= 12) { /* tháng 9-10 */
        e++;
        g = att_dt_gap_glue(c, e);
        if ((g == '/' || g == '-' || g == '.') && att_dt_year_at(c, e + 1) > 0) {
            y = att_dt_year_at(c, e + 1);
            yexp = 1;
            e++;
        }
    } else {
        m2 = 0;
    }
    if (att_dt_bad_tail(c, e))
        return 0;
    if (!yexp) {
        size_t e3;
        int ys = att_dt_year_suffix(c, e, &y, &delta, &e3);
        if (ys == 1) {
            yexp = 1;
            e = e3;
        } else if (ys == 2) {
            y = c->refp >= ATT_DATE_YEAR ? c->ref.year + delta : 0;
            rel = y != 0;
            e = e3;
        } else if (ys == 3) {
            y = 0; /* "tháng 10 năm đó": the story's year, unknown */
            e = e3;
        } else {
            y = resolve_month_year(c, m, att_dt_after_mod(c, e));
        }
    }
    if (m2)
        until = att_dt_mk_date(y, m2, 0, ATT_DATE_MONTH);
    return done(push(c, ft, e, att_dt_mk_date(y, m, 0, ATT_DATE_MONTH), until, rel, MK_ABS, yexp), e);
}

pres att_dt_try_year(ctx *c, size_t i)
{
    if (!att_dt_gap_space(c, i) || (i > 0 && c->v[i - 1].kw == K_THANG && att_dt_gap_space(c, i - 1)) ||
        att_dt_prev_quant(c, i))
        return 0;
    size_t ft = att_dt_period_span_start(c, i);
    int y = att_dt_year_at(c, i + 1), delta;
    if (y > 0) {
        size_t e = i + 1;
        att_date until = NO_DATE;
        int y2 = att_dt_year_at(c, i + 2);
        if (y2 > y && y2 - y < 100 && att_dt_gap_dash(c, i + 1) && !att_dt_bad_tail(c, i + 2)) { /* năm 2020-2025 */
            until = att_dt_mk_date(y2, 0, 0, ATT_DATE_YEAR);
            e = i + 2;
        } else if (att_dt_bad_tail(c, e)) {
            return 0;
        }
        return done(push(c, ft, e, att_dt_mk_date(y, 0, 0, ATT_DATE_YEAR), until, 0, MK_ABS, 1), e);
    }
    int k = att_dt_kw_at(c, i + 1);
    if (k == K_NGOAI)
        delta = -1;
    else if (k == K_NAY)
        delta = 0;
    else if (k == K_NAY2 || !rel_delta(k, &delta) || k == K_QUA)
        return 0;
    if (att_dt_next_blocks(c, i + 2))
        return 0;
    if (c->refp < ATT_DATE_YEAR)
        return (pres)(i + 2);
    return done(push(c, ft, i + 1, att_dt_mk_date(c->ref.year + delta, 0, 0, ATT_DATE_YEAR), NO_DATE, 1, MK_REL, 0),
                i + 1);
}

static long monday_of(long z) { return z - att_dt_weekday_of(z); }

pres att_dt_try_week(ctx *c, size_t i)
{
    int delta;
    if (!att_dt_gap_space(c, i) || att_dt_prev_quant(c, i) || !rel_delta(att_dt_kw_at(c, i + 1), &delta) ||
        att_dt_next_blocks(c, i + 2))
        return 0;
    if (c->refp < ATT_DATE_WEEK)
        return (pres)(i + 2);
    size_t ft = att_dt_period_span_start(c, i);
    return done(
        push(c, ft, i + 1, att_dt_day_from_days(monday_of(c->refz) + 7 * delta, ATT_DATE_WEEK), NO_DATE, 1, MK_REL, 0),
        i + 1);
}

/* hôm nay/qua/kia, ngày mai/kia, ngày hôm qua, sáng nay, tối qua, chiều mai ... */
pres att_dt_try_relday(ctx *c, size_t i)
{
    int k0 = c->v[i].kw, delta;
    size_t j = i, e;
    if (!att_dt_gap_space(c, i))
        return 0;
    int k1 = att_dt_kw_at(c, i + 1);
    if (k0 == K_NGAY) {
        if (k1 == K_HOM)
            j = i + 1;
        else if ((k1 == K_MAI || k1 == K_KIA) && !att_dt_prev_quant(c, i)) {
            delta = k1 == K_MAI ? 1 : 2;
            e = i + 1;
            goto found;
        } else
            return 0;
    } else if (att_dt_is_tod(k0)) {
        if (k1 == K_NAY || k1 == K_QUA || k1 == K_MAI) {
            delta = k1 == K_NAY ? 0 : k1 == K_QUA ? -1 : 1;
            e = i + 1;
            goto found;
        }
        if (k1 == K_HOM)
            j = i + 1;
        else if (k1 == K_NGAY && att_dt_gap_space(c, i + 1) && att_dt_kw_at(c, i + 2) == K_MAI) {
            delta = 1;
            e = i + 2;
            goto found;
        } else if (k1 == K_NGAY && att_dt_gap_space(c, i + 1) && att_dt_kw_at(c, i + 2) == K_HOM)
            j = i + 2;
        else
            return 0;
    }
    if (att_dt_kw_at(c, j) != K_HOM || !att_dt_gap_space(c, j))
        return 0;
    switch (att_dt_kw_at(c, j + 1)) {
    case K_NAY: delta = 0; break;
    case K_QUA: delta = -1; break;
    case K_KIA: delta = -2; break;
    default: return 0;
    }
    e = j + 1;
found:
    if (c->refp < ATT_DATE_DAY)
        return (pres)(e + 1);
    return done(push(c, i, e, att_dt_day_from_days(c->refz + delta, ATT_DATE_DAY), NO_DATE, 1, MK_RELDAY, 0), e);
}

/* thứ Hai .. thứ Bảy, thứ 2 .. thứ 7, Chủ nhật; "tuần trước", "tới" after */
pres att_dt_try_weekday(ctx *c, size_t i)
{
    int w;
    size_t e = i + 1;
    if (!att_dt_gap_space(c, i))
        return 0;
    if (c->v[i].kw == K_CHU) {
        if (att_dt_kw_at(c, i + 1) != K_NHAT)
            return 0;
        w = 6;
    } else {
        int name = att_dt_weekday_name(att_dt_kw_at(c, i + 1)), nv = att_dt_num_at(c, i + 1, 1);
        int tod_before = i > 0 && att_dt_gap_space(c, i - 1) &&
                         (att_dt_is_tod(c->v[i - 1].kw) || c->v[i - 1].kw == K_HOM || c->v[i - 1].kw == K_VAO);
        if (name >= 0 && (c->v[i + 1].upper || tod_before))
            w = name;
        else if (nv >= 2 && nv <= 7 && tod_before && !att_dt_bad_tail(c, i + 1))
            w = nv - 2;
        else
            return 0;
    }
    int has_week = 0, dir = 0, delta = 0;
    size_t last = e;
    if (att_dt_gap_space(c, e)) {
        int k = att_dt_kw_at(c, e + 1);
        if (k == K_TUAN && att_dt_gap_space(c, e + 1) && rel_delta(att_dt_kw_at(c, e + 2), &delta) &&
            !att_dt_next_blocks(c, e + 3)) {
            has_week = 1;
            last = e + 2;
        } else if ((k == K_TOI_TO || k == K_SAU) && !att_dt_next_blocks(c, e + 2)) {
            dir = 1;
            last = e + 1;
        } else if (k == K_NAY2) {
            has_week = 1;
            last = e + 1;
        } else if (k == K_VUA && att_dt_kw_at(c, e + 2) == K_QUA && att_dt_gap_space(c, e + 1)) {
            last = e + 2;
        }
    }
    if (c->refp < ATT_DATE_DAY)
        return (pres)(last + 1);
    long z;
    if (has_week)
        z = monday_of(c->refz) + 7 * delta + w;
    else if (dir > 0)
        z = c->refz + 1 + att_dt_mod7(w - att_dt_weekday_of(c->refz + 1));
    else
        z = c->refz - att_dt_mod7(att_dt_weekday_of(c->refz) - w);
    return done(push(c, i, last, att_dt_day_from_days(z, ATT_DATE_DAY), NO_DATE, 1, MK_WEEKDAY, 0), last);
}
