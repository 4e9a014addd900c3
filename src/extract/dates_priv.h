/*
 * dates_priv.h - what the files of the date finder share (internal to
 * dates*.c): the keyword ids, the words of a text and the scanner's state,
 * and the functions each file gives the others.
 *
 *   dates_calendar.c  calendar arithmetic; ISO parsing and formatting
 *   dates_words.c     the keyword table and cutting the text into words
 *   dates_scan.c      tests on the words and the bytes between them
 *   dates_patterns.c  the patterns (day, month, year, week, relative day,
 *                     weekday), resolving year-less dates, the mentions
 *   dates.c           the scan over the words and the entry points
 *
 * Token positions are indices into ctx.v; byte positions offsets into
 * ctx.t.  Only att_dt_tokenize() and the patterns can fail (out of memory:
 * ATT_ERR_NOMEM, a pattern's result -1).
 */
#ifndef ATT_DATES_PRIV_H
#define ATT_DATES_PRIV_H

#include <stddef.h>

#include "../segment/tokens.h"
#include "../util/status.h"
#include "dates.h"

/* ---- keyword ids (dates_words.c) ---------------------------------------- */

enum {
    K_NONE = 0,
    K_NGAY, K_HOM, K_SANG, K_TRUA, K_CHIEU, K_TOI_EVE, K_DEM, K_KHUYA,
    K_TU_FROM, K_DEN, K_TOI_TO, K_TRUOC, K_SAU, K_VAO, K_HOI, K_VA, K_LUC, K_MUNG,
    K_THANG, K_NAM, K_TUAN, K_NAY, K_NAY2, K_QUA, K_KIA, K_MAI, K_NGOAI,
    K_DAU, K_GIUA, K_CUOI, K_THUONG, K_TRUNG, K_HA,
    K_THU, K_CHU, K_NHAT,
    K_GIENG, K_MOT, K_HAI, K_BA, K_TU4, K_BON, K_SAU6, K_BAY, K_TAM, K_CHIN, K_MUOI, K_CHAP,
    K_DO, K_AY, K_NUA, K_KHI, K_DAY, K_GIO, K_PHUT,
    K_NHUNG, K_CAC, K_NHIEU, K_VAI, K_MAY, K_MOI, K_HANG, K_TUNG, K_BAO,
    K_VUA, K_SAP, K_LAN, K_LUOT, K_DOT, K_LEN, K_XUONG, K_UNIT
};

/* ---- words and state ---------------------------------------------------- */

typedef struct dtok {
    size_t s, e;
    int kw;              /* K_* */
    int num;             /* value when 1-4 ASCII digits, else -1 */
    unsigned char ndig;  /* digit count when num >= 0 */
    unsigned char upper; /* first letter upper case */
} dtok;

typedef struct mrec {
    att_date_mention m;
    size_t ft, lt; /* first and last token */
    int kind;
    int yexp; /* year written out */
} mrec;

enum { MK_ABS = 0, MK_RELDAY, MK_WEEKDAY, MK_REL };

typedef struct ctx {
    const char *t;
    size_t len;
    dtok *v;         /* local (in the caller's frame) until a sentence needs more */
    size_t n, vcap;
    dtok *local;
    att_date ref;
    int refp; /* effective precision of ref */
    long refz; /* ref as a day number, when refp >= WEEK */
    mrec *m;
    size_t nm, cap;
} ctx;

#define LOCAL_TOKS 128

/* Result of a pattern: index after its last token, 0 = no match, -1 = out of memory. */
typedef long pres;

/* ---- dates_calendar.c --------------------------------------------------- */

/* Is y-m-d a date of the calendar? */
int att_dt_valid_ymd(int y, int m, int d);
/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
long att_dt_days_from_civil(int y, int m, int d);
/* 0 = Monday ... 6 = Sunday. */
int att_dt_weekday_of(long z);
/* x modulo 7, in 0..6 for negative x too. */
long att_dt_mod7(long x);
/* The date y-m-d (fields beyond precision p zero). */
att_date att_dt_mk_date(int y, int m, int d, att_date_precision p);
/* The date of day number z, at precision p. */
att_date att_dt_day_from_days(long z, att_date_precision p);
/* yyyymmdd, for ordering dates. */
long att_dt_date_key(const att_date *d);

/* ---- dates_words.c ------------------------------------------------------ */

/* The words of the text: found with att_next_word, or given (words, at
 * offset base: the tokens of a paragraph the text is cut from). */
att_status att_dt_tokenize(ctx *c, const att_token *words, size_t n_words, size_t base);

/* ---- dates_scan.c ------------------------------------------------------- */

/* Keyword id of token i, K_NONE past the end. */
int att_dt_kw_at(const ctx *c, size_t i);
/* Value of token i when it has 1..maxd digits, else -1. */
int att_dt_num_at(const ctx *c, size_t i, int maxd);
/* Value of token i when it is a 4-digit year 1000..2999, else -1. */
int att_dt_year_at(const ctx *c, size_t i);
/* Only white space between tokens a and a+1? */
int att_dt_gap_space(const ctx *c, size_t a);
/* The single character gluing tokens a and a+1 ("16/6"), else 0. */
char att_dt_gap_glue(const ctx *c, size_t a);
/* A range dash between tokens a and a+1: "-", " - ", "–", "—" (spaces optional). */
int att_dt_gap_dash(const ctx *c, size_t a);
/* Spaces, commas and an opening bracket only ("thứ Hai (16/6)", "16/6, 17/6"). */
int att_dt_gap_soft(const ctx *c, size_t a);
/* Is the word right before token i (white space between) a quantifier? */
int att_dt_prev_quant(const ctx *c, size_t i);
/* Does token k (after an expression ending at k-1) make a relative word
 * narrative ("năm trước đó", "tuần sau khi", "2 năm nữa")? */
int att_dt_next_blocks(const ctx *c, size_t k);
/* Is keyword k a time of day (sáng, trưa, chiều, tối, đêm, khuya)? */
int att_dt_is_tod(int k);
/* Weekday (0 = Monday) named by keyword k after "thứ", else -1. */
int att_dt_weekday_name(int k);
/* May a bare D/M start at token i?  Needs a date word, a weekday or a
 * neighbouring day before it. */
int att_dt_date_word_before(const ctx *c, size_t i);
/* First token of a day expression whose number is at i: "ngày", "hôm",
 * "mùng" right before belong to it. */
size_t att_dt_day_span_start(const ctx *c, size_t i);
/* First token of a month/year/week expression at i: "đầu", "giữa",
 * "cuối", "thượng/trung/hạ tuần" before it belong to it. */
size_t att_dt_period_span_start(const ctx *c, size_t i);
/* Something glued before token i ("v2.16/6", "1-16/6", "10:16/6")? */
int att_dt_glued_before(const ctx *c, size_t i);
/* Does the text go on like a number after token e ("1/2/3", "3.5%")? */
int att_dt_bad_tail(const ctx *c, size_t e);
/* Is a year-less D/M at ..e followed by a quantity or duration word
 * ("1/2 số phiếu", "từ 2-3 ngày", "tăng từ 1/4 lên 1/3")? */
int att_dt_quantity_after(const ctx *c, size_t e);
/* D-M and D.M without a year need a day word right before ("ngày 16-6",
 * "sáng 2.9"), not just "từ"/"trước" ("từ 2-3 ngày", "trước 3.5"). */
int att_dt_day_word_before(const ctx *c, size_t i);
/* "... tới", "... sắp tới" -> +1; "... vừa qua" -> -1; else 0. */
int att_dt_after_mod(const ctx *c, size_t e);
/* "năm 2024" / "năm nay" ... right after token e.  Returns 1 with *y for
 * an explicit year, 2 with *delta for a relative one, 3 for "năm đó/ấy"
 * (the story's year: unknown), 0 if none; *end is the last token. */
int att_dt_year_suffix(const ctx *c, size_t e, int *y, int *delta, size_t *end);

/* ---- dates_patterns.c: the patterns that may start at token i ----------- */

/* A day: "ngày 16/6/2025", "16-6", "ngày 16 tháng 6", ranges and lists. */
pres att_dt_try_day(ctx *c, size_t i);
/* A month: "tháng 6/2025", "tháng này", "tháng trước". */
pres att_dt_try_month(ctx *c, size_t i);
/* A year: "năm 2025", "năm nay", "năm ngoái". */
pres att_dt_try_year(ctx *c, size_t i);
/* A week: "tuần này", "tuần trước", "tuần tới". */
pres att_dt_try_week(ctx *c, size_t i);
/* hôm nay/qua/kia, ngày mai/kia, ngày hôm qua, sáng nay, tối qua, chiều mai ... */
pres att_dt_try_relday(ctx *c, size_t i);
/* thứ Hai .. thứ Bảy, thứ 2 .. thứ 7, Chủ nhật; "tuần trước", "tới" after */
pres att_dt_try_weekday(ctx *c, size_t i);

#endif
