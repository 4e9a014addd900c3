/*
 * dates.h - Vietnamese date expressions found in text and resolved against
 * the article's publication date ("ngày 16/6", "25-27/3/2024", "tháng Tư",
 * "cuối tháng 7", "năm ngoái", "hôm qua", "tuần tới", "thứ Hai" ...).
 *
 * Matching is case-insensitive but accent-exact (no keyword has an oa/oe/uy
 * nucleus, so both tone-mark styles read the same): "THÁNG" = "tháng",
 * and "tháng sau" (next month) is never "tháng Sáu" (June).  Bare numbers
 * are only read as a date when the shape is unambiguous: D/M needs a
 * date word before it (ngày hôm sáng trưa chiều tối đêm từ đến tới trước
 * sau vào hồi mùng lúc, a weekday, or a day just mentioned: "16/6 và
 * 17/6") or an explicit year; D-M and D.M need ngày/hôm/sáng... right
 * before; two full dates "30/6-2/7" need nothing.  So fractions ("1/2 số
 * phiếu", "từ 1/4 lên 1/3"), durations ("từ 2-3 ngày"), scores ("2-1"),
 * times ("07:00"), "G20", "COVID-19", "1.000", "3.5%" and version numbers
 * do not match.  Counts and durations ("mỗi tháng hai lần", "5 năm trước",
 * "những tháng qua", "năm sau đó", "lần thứ hai") are not dates either.
 * Calendar dates are validated (no 31/2, no 29/2/2023).
 * "từ X đến/tới Y" of the same precision becomes one range mention; a
 * weekday or relative day right before an explicit date ("thứ Bảy (15/6)",
 * "hôm nay 22/4") is merged into the explicit date's mention.
 *
 * Resolution against ref (the publication date):
 *   - a year-less day takes the latest of ref's year -1/0/+1 that is not
 *     more than 62 days after ref (news reports the past, but "ngày 5/1"
 *     written on 20/12 is the coming January); "... tới"/"sắp tới" picks
 *     the first on or after ref, "... vừa qua" the last on or before ref;
 *   - a year-less month likewise, with at most 3 months ahead;
 *   - relative days/weeks/months/years count from ref; a week is
 *     identified by its Monday (weeks run Monday..Sunday);
 *   - a weekday alone ("thứ Hai") is the most recent one on or before ref;
 *     "thứ Hai tới" the next one after ref, "thứ Hai tuần trước" the one in
 *     the previous week.
 * With ref NULL or precision NONE, relative expressions are skipped and
 * absolute ones without a year stay year-less (year = 0), as do those
 * followed by "năm đó/ấy" (the story's year).  Relative days and weekdays
 * need a day-precision ref, relative weeks a day or week one, relative
 * months a month one; a ref with a year only gives year-less dates that
 * year.  An invalid ref (30 February) counts for what is valid in it.
 *
 * Ownership: att_find_dates() allocates *out (free with free()); the
 * incoming value of *out is ignored, never freed.  No other state: all
 * functions are thread-safe.
 * Errors: ATT_ERR_NOMEM on allocation failure (then *out = NULL, *n = 0),
 * ATT_ERR_USAGE for NULL arguments, ATT_ERR_FORMAT from the ISO parser.
 */
#ifndef ATT_DATES_H
#define ATT_DATES_H

#include <stddef.h>

#include "../segment/tokens.h"
#include "../util/status.h"

/* Ordered from least to most precise. */
typedef enum { ATT_DATE_NONE = 0, ATT_DATE_YEAR, ATT_DATE_MONTH, ATT_DATE_WEEK, ATT_DATE_DAY } att_date_precision;

typedef struct att_date {
    int year;                     /* 0 = unknown (year-less) */
    int month, day;               /* 0 when below the precision; a WEEK stores its Monday */
    att_date_precision precision;
} att_date;

typedef struct att_date_mention {
    size_t start, end;            /* byte span of the expression in the text, [start,end) */
    att_date date;                /* the (first) day/month/year meant */
    att_date until;               /* for ranges ("25-27/3", "từ 1/6 đến 3/6"): the last;
                                     precision NONE (all zero) otherwise */
    int relative;                 /* 1 if resolved from a relative expression ("hôm qua", "tuần tới") */
} att_date_mention;

/* Find the date expressions in text[0..len) (UTF-8, NFC) and resolve them
 * against ref (may be NULL = unknown).  Mentions come in text order and do
 * not overlap.  *out is malloc'd (NULL when *n == 0); the caller frees it. */
att_status att_find_dates(const char *text, size_t len, const att_date *ref, att_date_mention **out,
                          size_t *n);

/* att_find_dates() with the words of text[0..len) given: words[k] spans
 * text[words[k].start - base, words[k].end - base), and they must be the
 * words att_next_word() finds there, all of them (as the tokens of the
 * paragraph text is cut from are, when no word is cut at its ends).  Saves
 * finding them again. */
att_status att_find_dates_words(const char *text, size_t len, const att_token *words, size_t n_words, size_t base,
                                const att_date *ref, att_date_mention **out, size_t *n);

/* Parse "YYYY-MM-DD", "YYYY-MM-DDTHH:MM..." (or a space before the time),
 * "YYYYMMDD", "YYYY-MM" or "YYYY" into *d, validating the calendar.
 * ATT_ERR_FORMAT if s is none of these (then *d is all zero). */
att_status att_date_parse_iso(const char *s, att_date *d);

/* Format as ISO 8601: "2024-03-25" (day), "2024-03" (month), "2024" (year),
 * a week as its Monday "2024-03-25", year-less day "--03-25", year-less
 * month "--03"; "" for NONE (or a year-less year).  snprintf semantics:
 * returns the length of the full text, writes at most cap bytes (NUL
 * included); buf may be NULL when cap is 0. */
int att_date_format(const att_date *d, char *buf, size_t cap);

/* "day", "week", "month", "year", "none". */
const char *att_date_precision_name(att_date_precision p);

#endif
