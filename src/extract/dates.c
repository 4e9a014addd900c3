/* dates.c - Vietnamese date expressions; see dates.h.
 *
 * The text is cut into words (att_next_word); each short word gets its
 * exact key and, if it is one of the keywords (dates_words.c), a keyword
 * id.  The scanner then walks the words once, trying at each position
 * the patterns that can start there (a number, "tháng", "năm", "tuần",
 * "thứ", "hôm" ...), and looks at the raw bytes between words to tell
 * "16/6" from "16 / 6" or "25 - 27".
 *
 * This file owns the scan and the entry points att_find_dates() and
 * att_find_dates_words(); the keywords and words are in dates_words.c, the
 * tests on them in dates_scan.c, the patterns in dates_patterns.c, the
 * calendar and att_date_parse_iso()/att_date_format() in dates_calendar.c
 * (shared declarations: dates_priv.h).  Errors as dates.h says: bad
 * arguments ATT_ERR_USAGE, out of memory ATT_ERR_NOMEM, nothing returned. */
#include "dates.h"
#include "dates_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "../util/buf.h"

/* ---------------------------------------------------------------- API */

static void set_ref(ctx *c, const att_date *ref)
{
    c->refp = ATT_DATE_NONE;
    c->refz = 0;
    memset(&c->ref, 0, sizeof c->ref);
    if (!ref || ref->year < 1 || ref->year > 9999)
        return;
    c->ref = *ref;
    switch (ref->precision) {
    case ATT_DATE_DAY:
    case ATT_DATE_WEEK:
        if (att_dt_valid_ymd(ref->year, ref->month, ref->day)) {
            c->refp = ref->precision;
            c->refz = att_dt_days_from_civil(ref->year, ref->month, ref->day);
            return;
        }
        /* fall through */
    case ATT_DATE_MONTH:
        if (ref->month >= 1 && ref->month <= 12) {
            c->refp = ATT_DATE_MONTH;
            return;
        }
        /* fall through */
    case ATT_DATE_YEAR:
        c->refp = ATT_DATE_YEAR;
        return;
    default:
        return;
    }
}

static att_status find_dates(const char *text, size_t len, const att_token *words, size_t n_words, size_t base,
                             const att_date *ref, att_date_mention **out, size_t *n);

att_status att_find_dates(const char *text, size_t len, const att_date *ref, att_date_mention **out, size_t *n)
{
    return find_dates(text, len, NULL, 0, 0, ref, out, n);
}

att_status att_find_dates_words(const char *text, size_t len, const att_token *words, size_t n_words, size_t base,
                                const att_date *ref, att_date_mention **out, size_t *n)
{
    return find_dates(text, len, words, n_words, base, ref, out, n);
}

static att_status find_dates(const char *text, size_t len, const att_token *words, size_t n_words, size_t base,
                             const att_date *ref, att_date_mention **out, size_t *n)
{
    if (!out || !n || (!text && len))
        return ATT_ERR_USAGE;
    *out = NULL;
    *n = 0;
    /* most sentences have fewer words: no allocation for their tokens */
    dtok local[LOCAL_TOKS];
    ctx c;
    memset(&c, 0, sizeof c);
    c.t = text;
    c.len = len;
    c.v = c.local = local;
    c.vcap = LOCAL_TOKS;
    set_ref(&c, ref);
    att_status st = att_dt_tokenize(&c, words, n_words, base);
    if (st != ATT_OK)
        goto fail;
    for (size_t i = 0; i < c.n;) {
        const dtok *t = &c.v[i];
        pres r = 0;
        if (t->num >= 0 && t->ndig <= 2) {
            r = att_dt_try_day(&c, i);
        } else {
            switch (t->kw) {
            case K_THANG: r = att_dt_try_month(&c, i); break;
            case K_NAM: r = att_dt_try_year(&c, i); break;
            case K_TUAN: r = att_dt_try_week(&c, i); break;
            case K_THU: case K_CHU: r = att_dt_try_weekday(&c, i); break;
            case K_NGAY: case K_HOM: case K_SANG: case K_TRUA: case K_CHIEU: case K_TOI_EVE: case K_DEM:
            case K_KHUYA:
                r = att_dt_try_relday(&c, i);
                break;
            default: break;
            }
        }
        if (r < 0) {
            st = ATT_ERR_NOMEM;
            goto fail;
        }
        i = r > 0 ? (size_t)r : i + 1;
    }
    if (c.nm) {
        att_date_mention *res = malloc(c.nm * sizeof *res);
        if (!res) {
            st = ATT_ERR_NOMEM;
            goto fail;
        }
        for (size_t k = 0; k < c.nm; k++)
            res[k] = c.m[k].m;
        *out = res;
        *n = c.nm;
    }
    if (c.v != local)
        free(c.v);
    free(c.m);
    return ATT_OK;
fail:
    if (c.v != local)
        free(c.v);
    free(c.m);
    return st;
}
