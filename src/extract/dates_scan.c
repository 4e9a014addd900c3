/* dates_scan.c - the tests the date patterns make on the words and the
 * raw bytes between them: numbers and years, white space, glue and dashes
 * between words, quantifiers, the words that open or close an expression;
 * see dates_priv.h.  Pure functions of the scanner's state; none fails. */
#include "dates.h"
#include "dates_priv.h"

#include <stdint.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "../util/buf.h"

/* ---------------------------------------------------------------- token helpers */

int att_dt_kw_at(const ctx *c, size_t i) { return i < c->n ? c->v[i].kw : K_NONE; }

/* Value of token i when it has 1..maxd digits, else -1. */
int att_dt_num_at(const ctx *c, size_t i, int maxd)
{
    if (i >= c->n || c->v[i].num < 0 || c->v[i].ndig > maxd)
        return -1;
    return c->v[i].num;
}

int att_dt_year_at(const ctx *c, size_t i)
{
    if (i >= c->n || c->v[i].num < 1000 || c->v[i].ndig != 4 || c->v[i].num > 2999)
        return -1;
    return c->v[i].num;
}

/* Length of a white-space character at p (space, tab, no-break space), 0 if none. */
static size_t space_len(const ctx *c, size_t p, size_t end)
{
    unsigned char ch = (unsigned char)c->t[p];
    if (ch == ' ' || ch == '\t')
        return 1;
    if (ch == 0xC2 && p + 1 < end && (unsigned char)c->t[p + 1] == 0xA0)
        return 2;
    if (ch == 0xE2 && p + 2 < end && (unsigned char)c->t[p + 1] == 0x80 &&
        (unsigned char)c->t[p + 2] == 0xAF)
        return 3; /* narrow no-break space */
    return 0;
}

/* Only white space between tokens a and a+1? */
int att_dt_gap_space(const ctx *c, size_t a)
{
    if (a + 1 >= c->n)
        return 0;
    size_t p = c->v[a].e, end = c->v[a + 1].s;
    while (p < end) {
        size_t l = space_len(c, p, end);
        if (!l)
            return 0;
        p += l;
    }
    return 1;
}

/* The single character gluing tokens a and a+1 ("16/6"), else 0. */
char att_dt_gap_glue(const ctx *c, size_t a)
{
    if (a + 1 >= c->n || c->v[a + 1].s - c->v[a].e != 1)
        return 0;
    return c->t[c->v[a].e];
}

static size_t skip_spaces(const ctx *c, size_t p, size_t end)
{
    size_t l;
    while (p < end && (l = space_len(c, p, end)) != 0)
        p += l;
    return p;
}

/* A range dash between tokens a and a+1: "-", " - ", "–", "—" (spaces optional). */
int att_dt_gap_dash(const ctx *c, size_t a)
{
    if (a + 1 >= c->n)
        return 0;
    size_t end = c->v[a + 1].s;
    size_t p = skip_spaces(c, c->v[a].e, end);
    const unsigned char *u = (const unsigned char *)c->t;
    if (p < end && u[p] == '-')
        p++;
    else if (p + 2 < end && u[p] == 0xE2 && u[p + 1] == 0x80 && (u[p + 2] == 0x93 || u[p + 2] == 0x94))
        p += 3;
    else
        return 0;
    return skip_spaces(c, p, end) == end;
}

/* Spaces, commas and an opening bracket only ("thứ Hai (16/6)", "16/6, 17/6"). */
int att_dt_gap_soft(const ctx *c, size_t a)
{
    if (a + 1 >= c->n)
        return 0;
    size_t p = c->v[a].e, end = c->v[a + 1].s;
    while (p < end) {
        size_t l = space_len(c, p, end);
        if (l) {
            p += l;
            continue;
        }
        if (c->t[p] != ',' && c->t[p] != '(')
            return 0;
        p++;
    }
    return 1;
}

static int is_quant(const ctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    if (c->v[i].num >= 0)
        return 1;
    switch (c->v[i].kw) {
    case K_MOT: case K_HAI: case K_BA: case K_BON: case K_NAM: case K_SAU6: case K_BAY:
    case K_TAM: case K_CHIN: case K_MUOI: case K_NHUNG: case K_CAC: case K_NHIEU: case K_VAI:
    case K_MAY: case K_MOI: case K_HANG: case K_TUNG: case K_BAO:
        return 1;
    default:
        return 0;
    }
}

/* Is the word right before token i (white space between) a quantifier? */
int att_dt_prev_quant(const ctx *c, size_t i) { return i > 0 && att_dt_gap_space(c, i - 1) && is_quant(c, i - 1); }

/* Does token k (after an expression ending at k-1) make a relative word
 * narrative ("năm trước đó", "tuần sau khi", "2 năm nữa")? */
int att_dt_next_blocks(const ctx *c, size_t k)
{
    if (k >= c->n || !att_dt_gap_space(c, k - 1))
        return 0;
    int w = c->v[k].kw;
    return w == K_DO || w == K_NUA || w == K_KHI;
}

int att_dt_is_tod(int k)
{
    return k == K_SANG || k == K_TRUA || k == K_CHIEU || k == K_TOI_EVE || k == K_DEM || k == K_KHUYA;
}

int att_dt_weekday_name(int k)
{
    switch (k) {
    case K_HAI: return 0;
    case K_BA: return 1;
    case K_TU4: return 2;
    case K_NAM: return 3;
    case K_SAU6: return 4;
    case K_BAY: return 5;
    default: return -1;
    }
}

/* Do tokens ..p end a weekday ("thứ Hai", "thứ 2", "Chủ nhật")? */
static int weekday_ends_at(const ctx *c, size_t p)
{
    if (p == 0 || !att_dt_gap_space(c, p - 1))
        return 0;
    if (c->v[p].kw == K_NHAT)
        return c->v[p - 1].kw == K_CHU;
    if (c->v[p - 1].kw != K_THU)
        return 0;
    int d = att_dt_num_at(c, p, 1);
    return att_dt_weekday_name(c->v[p].kw) >= 0 || (d >= 2 && d <= 7);
}

/* May a bare D/M start at token i?  Needs a date word, a weekday or a
 * neighbouring day before it. */
int att_dt_date_word_before(const ctx *c, size_t i)
{
    if (i == 0)
        return 0;
    size_t p = i - 1;
    const mrec *last = c->nm ? &c->m[c->nm - 1] : NULL;
    int last_day = last && last->m.date.precision == ATT_DATE_DAY;
    if (att_dt_gap_space(c, p)) {
        switch (c->v[p].kw) {
        case K_NGAY: /* not "mỗi ngày 1/2", "hàng ngày 2/3" */
            return !(p > 0 && att_dt_gap_space(c, p - 1) &&
                     (c->v[p - 1].kw == K_MOI || c->v[p - 1].kw == K_HANG || c->v[p - 1].kw == K_TUNG));
        case K_HOM: case K_SANG: case K_TRUA: case K_CHIEU: case K_TOI_EVE: case K_DEM:
        case K_KHUYA: case K_TU_FROM: case K_DEN: case K_TOI_TO: case K_TRUOC: case K_SAU:
        case K_VAO: case K_HOI: case K_LUC: case K_MUNG:
            return 1;
        case K_VA: /* "ngày 16/6 và 17/6" */
            return p > 0 && last_day && last->lt == p - 1 && att_dt_gap_soft(c, p - 1);
        default:
            break;
        }
    }
    if (att_dt_gap_soft(c, p)) {
        if (last_day && last->lt == p)
            return 1; /* "16/6, 17/6", "hôm qua (16/6)" */
        if (weekday_ends_at(c, p))
            return 1;
    }
    return 0;
}

/* First token of a day expression whose number is at i: "ngày", "hôm",
 * "mùng" right before belong to it. */
size_t att_dt_day_span_start(const ctx *c, size_t i)
{
    size_t f = i;
    while (f > 0 && att_dt_gap_space(c, f - 1)) {
        int k = c->v[f - 1].kw;
        if (k != K_NGAY && k != K_HOM && k != K_MUNG)
            break;
        f--;
    }
    return f;
}

/* First token of a month/year/week expression at i: "đầu", "giữa",
 * "cuối", "thượng/trung/hạ tuần" before it belong to it. */
size_t att_dt_period_span_start(const ctx *c, size_t i)
{
    if (i > 0 && att_dt_gap_space(c, i - 1)) {
        int k = c->v[i - 1].kw;
        if (k == K_DAU || k == K_GIUA || k == K_CUOI)
            return i - 1;
        if (k == K_TUAN && i > 1 && att_dt_gap_space(c, i - 2)) {
            int k2 = c->v[i - 2].kw;
            if (k2 == K_THUONG || k2 == K_TRUNG || k2 == K_HA)
                return i - 2;
        }
    }
    return i;
}

/* Something glued before token i ("v2.16/6", "1-16/6", "10:16/6")? */
int att_dt_glued_before(const ctx *c, size_t i)
{
    if (i == 0)
        return 0;
    char g = att_dt_gap_glue(c, i - 1);
    return g == '/' || g == '.' || g == '-' || g == ':' || g == ',';
}

/* Does the text go on like a number after token e ("1/2/3", "3.5%")? */
int att_dt_bad_tail(const ctx *c, size_t e)
{
    size_t after = c->v[e].e;
    if (after < c->len && c->t[after] == '%')
        return 1;
    if (e + 1 < c->n) {
        char g = att_dt_gap_glue(c, e);
        char nx = c->t[c->v[e + 1].s];
        if ((g == '/' || g == '.' || g == ':' || g == '-' || g == ',') && nx >= '0' && nx <= '9')
            return 1;
    }
    return 0;
}

/* Is a year-less D/M at ..e followed by a quantity or duration word
 * ("1/2 số phiếu", "từ 2-3 ngày", "tăng từ 1/4 lên 1/3")? */
int att_dt_quantity_after(const ctx *c, size_t e)
{
    if (e + 1 >= c->n || !att_dt_gap_space(c, e))
        return 0;
    switch (c->v[e + 1].kw) {
    case K_UNIT: case K_LEN: case K_XUONG: case K_NGAY: case K_TUAN: case K_THANG: case K_GIO:
    case K_PHUT: case K_LAN:
        return 1;
    default:
        return 0;
    }
}

/* D-M and D.M without a year need a day word right before ("ngày 16-6",
 * "sáng 2.9"), not just "từ"/"trước" ("từ 2-3 ngày", "trước 3.5"). */
int att_dt_day_word_before(const ctx *c, size_t i)
{
    if (i == 0 || !att_dt_gap_space(c, i - 1))
        return 0;
    int k = c->v[i - 1].kw;
    return k == K_NGAY || k == K_HOM || k == K_MUNG || att_dt_is_tod(k);
}

/* "... tới", "... sắp tới" -> +1; "... vừa qua" -> -1; else 0. */
int att_dt_after_mod(const ctx *c, size_t e)
{
    size_t k = e + 1;
    if (k >= c->n || !att_dt_gap_space(c, e))
        return 0;
    int w = c->v[k].kw;
    if (w == K_SAP && att_dt_kw_at(c, k + 1) == K_TOI_TO && att_dt_gap_space(c, k))
        return 1;
    if (w == K_VUA && att_dt_kw_at(c, k + 1) == K_QUA && att_dt_gap_space(c, k))
        return -1;
    /* "tới" is also the verb "arrive": only when the clause ends there */
    if (w == K_TOI_TO && (k + 1 >= c->n || !att_dt_gap_space(c, k)))
        return 1;
    return 0;
}

/* "năm 2024" / "năm nay" ... right after token e.  Returns 1 with *y for
 * an explicit year, 2 with *delta for a relative one, 3 for "năm đó/ấy"
 * (the story's year: unknown), 0 if none; *end is the last token. */
int att_dt_year_suffix(const ctx *c, size_t e, int *y, int *delta, size_t *end)
{
    size_t k = e + 1;
    if (att_dt_kw_at(c, k) != K_NAM || !att_dt_gap_space(c, e) || !att_dt_gap_space(c, k))
        return 0;
    int yy = att_dt_year_at(c, k + 1);
    if (yy > 0 && !att_dt_bad_tail(c, k + 1)) {
        *y = yy;
        *end = k + 1;
        return 1;
    }
    int d;
    switch (att_dt_kw_at(c, k + 1)) {
    case K_NAY: d = 0; break;
    case K_NGOAI: case K_TRUOC: d = -1; break;
    case K_TOI_TO: case K_SAU: d = 1; break;
    case K_DO: case K_AY:
        *end = k + 1;
        return 3;
    default: return 0;
    }
    if (att_dt_next_blocks(c, k + 2))
        return 0;
    *delta = d;
    *end = k + 1;
    return 2;
}
