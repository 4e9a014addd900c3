/* dates.c - Vietnamese date expressions; see dates.h.
 *
 * The text is cut into words (att_next_word); each short word gets its
 * exact key and, if it is one of the keywords below, a keyword id.  The
 * scanner then walks the words once, trying at each position the patterns
 * that can start there (a number, "tháng", "năm", "tuần", "thứ", "hôm" ...),
 * and looks at the raw bytes between words to tell "16/6" from "16 / 6" or
 * "25 - 27". */
#include "dates.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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

static int valid_ymd(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m); }

/* Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
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
static int weekday_of(long z)
{
    long w = (z + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

static long mod7(long x) { return ((x % 7) + 7) % 7; }

static att_date mk_date(int y, int m, int d, att_date_precision p)
{
    att_date r;
    r.year = y;
    r.month = m;
    r.day = d;
    r.precision = p;
    return r;
}

static att_date day_from_days(long z, att_date_precision p)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    return mk_date(y, m, d, p);
}

static long date_key(const att_date *d) { return (long)d->year * 10000 + d->month * 100 + d->day; }

/* ---------------------------------------------------------------- keywords */

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

typedef struct kwent {
    const char *key; /* exact key */
    unsigned char len;
    unsigned char id;
} kwent;

#define KW(s, id) {s, (unsigned char)(sizeof(s) - 1), id}
static const kwent KEYWORDS[] = {
    KW("ngày", K_NGAY), KW("hôm", K_HOM), KW("sáng", K_SANG), KW("trưa", K_TRUA),
    KW("chiều", K_CHIEU), KW("tối", K_TOI_EVE), KW("đêm", K_DEM), KW("khuya", K_KHUYA),
    KW("từ", K_TU_FROM), KW("đến", K_DEN), KW("tới", K_TOI_TO), KW("trước", K_TRUOC),
    KW("sau", K_SAU), KW("vào", K_VAO), KW("hồi", K_HOI), KW("và", K_VA), KW("lúc", K_LUC),
    KW("mùng", K_MUNG), KW("mồng", K_MUNG),
    KW("tháng", K_THANG), KW("năm", K_NAM), KW("tuần", K_TUAN), KW("nay", K_NAY),
    KW("này", K_NAY2), KW("qua", K_QUA), KW("kia", K_KIA), KW("mai", K_MAI),
    KW("ngoái", K_NGOAI),
    KW("đầu", K_DAU), KW("giữa", K_GIUA), KW("cuối", K_CUOI), KW("thượng", K_THUONG),
    KW("trung", K_TRUNG), KW("hạ", K_HA),
    KW("thứ", K_THU), KW("chủ", K_CHU), KW("nhật", K_NHAT),
    KW("giêng", K_GIENG), KW("một", K_MOT), KW("hai", K_HAI), KW("ba", K_BA), KW("tư", K_TU4),
    KW("bốn", K_BON), KW("sáu", K_SAU6), KW("bảy", K_BAY), KW("bẩy", K_BAY), KW("tám", K_TAM),
    KW("chín", K_CHIN), KW("mười", K_MUOI), KW("chạp", K_CHAP),
    KW("đó", K_DO), KW("ấy", K_AY), KW("giờ", K_GIO), KW("phút", K_PHUT), KW("nữa", K_NUA), KW("khi", K_KHI), KW("đây", K_DAY),
    KW("những", K_NHUNG), KW("các", K_CAC), KW("nhiều", K_NHIEU), KW("vài", K_VAI),
    KW("mấy", K_MAY), KW("mỗi", K_MOI), KW("hàng", K_HANG), KW("từng", K_TUNG), KW("bao", K_BAO), KW("chục", K_BAO), KW("trăm", K_BAO),
    KW("vừa", K_VUA), KW("sắp", K_SAP), KW("lần", K_LAN), KW("lượt", K_LUOT), KW("đợt", K_DOT),
    KW("lên", K_LEN), KW("xuống", K_XUONG),
    KW("triệu", K_UNIT), KW("tỷ", K_UNIT), KW("tỉ", K_UNIT), KW("nghìn", K_UNIT),
    KW("ngàn", K_UNIT), KW("tấn", K_UNIT), KW("km", K_UNIT), KW("usd", K_UNIT),
    KW("người", K_UNIT), KW("phần", K_UNIT), KW("số", K_UNIT),
};
#undef KW

#define KEY_MAX 12 /* longer words are no keyword */

/* Keyword look-up is on the hot path (every short word of every sentence
 * that has an event), so the table is hashed once: KW_SLOTS open-addressing
 * slots holding KEYWORDS index + 1, the first of duplicate keys winning as
 * the table's order did. */
#define KW_SLOTS 256
static unsigned char kw_slots[KW_SLOTS];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* utf8proc's lower case and upper-case test for the code points below
 * CASE_MAX (all Vietnamese letters), looked up once instead of per letter
 * of every word. */
#define CASE_MAX 0x2000
static uint32_t case_lower[CASE_MAX];
static unsigned char case_upper[CASE_MAX];

static unsigned to_lower(unsigned cp)
{
    return cp < CASE_MAX ? case_lower[cp] : (unsigned)utf8proc_tolower((utf8proc_int32_t)cp);
}

static int is_upper(unsigned cp)
{
    return cp < CASE_MAX ? case_upper[cp] : utf8proc_isupper((utf8proc_int32_t)cp) != 0;
}

static unsigned kw_hash(const char *k, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h & (KW_SLOTS - 1);
}

static int kw_is(size_t i, const char *k, size_t n)
{
    return KEYWORDS[i].len == n && memcmp(KEYWORDS[i].key, k, n) == 0;
}

/* The case tables and the keyword hash, filled once per process. */
static void tables_init(void)
{
    for (unsigned cp = 0; cp < CASE_MAX; cp++) {
        case_lower[cp] = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
        case_upper[cp] = utf8proc_isupper((utf8proc_int32_t)cp) != 0;
    }
    _Static_assert(sizeof KEYWORDS / sizeof KEYWORDS[0] < KW_SLOTS / 2, "keyword table too full");
    for (size_t i = 0; i < sizeof KEYWORDS / sizeof KEYWORDS[0]; i++) {
        unsigned h = kw_hash(KEYWORDS[i].key, KEYWORDS[i].len);
        while (kw_slots[h] && !kw_is(kw_slots[h] - 1u, KEYWORDS[i].key, KEYWORDS[i].len))
            h = (h + 1) & (KW_SLOTS - 1);
        if (!kw_slots[h])
            kw_slots[h] = (unsigned char)(i + 1);
    }
}

/* (tables_init must have run: tokenize() sees to it, for this and for
 * to_lower() and is_upper()) */
static int lookup_kw(const char *k, size_t n)
{
    for (unsigned h = kw_hash(k, n); kw_slots[h]; h = (h + 1) & (KW_SLOTS - 1))
        if (kw_is(kw_slots[h] - 1u, k, n))
            return KEYWORDS[kw_slots[h] - 1u].id;
    return K_NONE;
}

/* ---------------------------------------------------------------- tokens */

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

/* The lower-case spelling of word w[0..wl) in key, its length; 0 when it
 * cannot be a keyword: longer than KEY_MAX, or with a letter from U+2000
 * on (every keyword is spelt below that, so such a word never matched). */
static size_t lower_key(const char *w, size_t wl, char key[KEY_MAX])
{
    const unsigned char *p = (const unsigned char *)w;
    size_t kl = 0, i = 0;
    while (i < wl) {
        unsigned cp;
        i += att_utf8_decode_valid(p + i, wl - i, &cp); /* (the text is UTF-8: dates.h) */
        cp = to_lower(cp);
        char enc[4];
        size_t el = att_utf8_encode(cp, enc);
        if (cp >= CASE_MAX || kl + el > KEY_MAX)
            return 0;
        memcpy(key + kl, enc, el);
        kl += el;
    }
    return kl;
}

/* What the parser needs of the word w[0..wl): digits, case, keyword. */
static void word_fields(dtok *t, const char *w, size_t wl)
{
    t->kw = K_NONE;
    t->num = -1;
    t->ndig = 0;
    t->upper = 0;
    int digits = 1, ascii = 1;
    for (size_t k = 0; k < wl; k++) {
        unsigned char ch = (unsigned char)w[k];
        if (ch < '0' || ch > '9')
            digits = 0;
        if (ch >= 0x80)
            ascii = 0;
    }
    if (digits) {
        if (wl <= 4) {
            t->num = 0;
            for (size_t k = 0; k < wl; k++)
                t->num = t->num * 10 + (w[k] - '0');
            t->ndig = (unsigned char)wl;
        }
        return;
    }
    if (ascii) {
        t->upper = w[0] >= 'A' && w[0] <= 'Z';
    } else {
        unsigned cp;
        att_utf8_decode(w, wl, &cp);
        t->upper = (unsigned char)is_upper(cp);
    }
    if (wl > KEY_MAX)
        return;
    if (ascii) {
        char key[KEY_MAX];
        for (size_t k = 0; k < wl; k++)
            key[k] = (char)((w[k] >= 'A' && w[k] <= 'Z') ? w[k] + 32 : w[k]);
        t->kw = lookup_kw(key, wl);
    } else {
        /* Lower-casing is enough for the exact key here: no keyword has
         * an oa/oe/uy nucleus, where the two tone styles differ. */
        char key[KEY_MAX];
        size_t kl = lower_key(w, wl, key);
        if (kl)
            t->kw = lookup_kw(key, kl);
    }
}

/* The words of the text: found with att_next_word, or given (words, at
 * offset base: the tokens of a paragraph the text is cut from). */
static att_status tokenize(ctx *c, const att_token *words, size_t n_words, size_t base)
{
    pthread_once(&tables_once, tables_init);
    size_t pos = 0, ws, we, k = 0;
    for (;;) {
        if (words) {
            if (k == n_words)
                break;
            ws = words[k].start - base;
            we = words[k].end - base;
            k++;
        } else if (!att_next_word(c->t, c->len, &pos, &ws, &we)) {
            break;
        }
        if (c->n == c->vcap) {
            size_t nc = c->vcap * 2;
            dtok *nv = realloc(c->v == c->local ? NULL : c->v, nc * sizeof *nv);
            if (!nv)
                return ATT_ERR_NOMEM;
            if (c->v == c->local)
                memcpy(nv, c->local, c->n * sizeof *nv);
            c->v = nv;
            c->vcap = nc;
        }
        dtok *t = &c->v[c->n++];
        t->s = ws;
        t->e = we;
        word_fields(t, c->t + ws, we - ws);
    }
    return ATT_OK;
}

/* ---------------------------------------------------------------- token helpers */

static int kw_at(const ctx *c, size_t i) { return i < c->n ? c->v[i].kw : K_NONE; }

/* Value of token i when it has 1..maxd digits, else -1. */
static int num_at(const ctx *c, size_t i, int maxd)
{
    if (i >= c->n || c->v[i].num < 0 || c->v[i].ndig > maxd)
        return -1;
    return c->v[i].num;
}

static int year_at(const ctx *c, size_t i)
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
static int gap_space(const ctx *c, size_t a)
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
static char gap_glue(const ctx *c, size_t a)
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
static int gap_dash(const ctx *c, size_t a)
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
static int gap_soft(const ctx *c, size_t a)
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
static int prev_quant(const ctx *c, size_t i) { return i > 0 && gap_space(c, i - 1) && is_quant(c, i - 1); }

/* Does token k (after an expression ending at k-1) make a relative word
 * narrative ("năm trước đó", "tuần sau khi", "2 năm nữa")? */
static int next_blocks(const ctx *c, size_t k)
{
    if (k >= c->n || !gap_space(c, k - 1))
        return 0;
    int w = c->v[k].kw;
    return w == K_DO || w == K_NUA || w == K_KHI;
}

static int is_tod(int k)
{
    return k == K_SANG || k == K_TRUA || k == K_CHIEU || k == K_TOI_EVE || k == K_DEM || k == K_KHUYA;
}

static int weekday_name(int k)
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
    if (p == 0 || !gap_space(c, p - 1))
        return 0;
    if (c->v[p].kw == K_NHAT)
        return c->v[p - 1].kw == K_CHU;
    if (c->v[p - 1].kw != K_THU)
        return 0;
    int d = num_at(c, p, 1);
    return weekday_name(c->v[p].kw) >= 0 || (d >= 2 && d <= 7);
}

/* May a bare D/M start at token i?  Needs a date word, a weekday or a
 * neighbouring day before it. */
static int date_word_before(const ctx *c, size_t i)
{
    if (i == 0)
        return 0;
    size_t p = i - 1;
    const mrec *last = c->nm ? &c->m[c->nm - 1] : NULL;
    int last_day = last && last->m.date.precision == ATT_DATE_DAY;
    if (gap_space(c, p)) {
        switch (c->v[p].kw) {
        case K_NGAY: /* not "mỗi ngày 1/2", "hàng ngày 2/3" */
            return !(p > 0 && gap_space(c, p - 1) &&
                     (c->v[p - 1].kw == K_MOI || c->v[p - 1].kw == K_HANG || c->v[p - 1].kw == K_TUNG));
        case K_HOM: case K_SANG: case K_TRUA: case K_CHIEU: case K_TOI_EVE: case K_DEM:
        case K_KHUYA: case K_TU_FROM: case K_DEN: case K_TOI_TO: case K_TRUOC: case K_SAU:
        case K_VAO: case K_HOI: case K_LUC: case K_MUNG:
            return 1;
        case K_VA: /* "ngày 16/6 và 17/6" */
            return p > 0 && last_day && last->lt == p - 1 && gap_soft(c, p - 1);
        default:
            break;
        }
    }
    if (gap_soft(c, p)) {
        if (last_day && last->lt == p)
            return 1; /* "16/6, 17/6", "hôm qua (16/6)" */
        if (weekday_ends_at(c, p))
            return 1;
    }
    return 0;
}

/* First token of a day expression whose number is at i: "ngày", "hôm",
 * "mùng" right before belong to it. */
static size_t day_span_start(const ctx *c, size_t i)
{
    size_t f = i;
    while (f > 0 && gap_space(c, f - 1)) {
        int k = c->v[f - 1].kw;
        if (k != K_NGAY && k != K_HOM && k != K_MUNG)
            break;
        f--;
    }
    return f;
}

/* First token of a month/year/week expression at i: "đầu", "giữa",
 * "cuối", "thượng/trung/hạ tuần" before it belong to it. */
static size_t period_span_start(const ctx *c, size_t i)
{
    if (i > 0 && gap_space(c, i - 1)) {
        int k = c->v[i - 1].kw;
        if (k == K_DAU || k == K_GIUA || k == K_CUOI)
            return i - 1;
        if (k == K_TUAN && i > 1 && gap_space(c, i - 2)) {
            int k2 = c->v[i - 2].kw;
            if (k2 == K_THUONG || k2 == K_TRUNG || k2 == K_HA)
                return i - 2;
        }
    }
    return i;
}

/* Something glued before token i ("v2.16/6", "1-16/6", "10:16/6")? */
static int glued_before(const ctx *c, size_t i)
{
    if (i == 0)
        return 0;
    char g = gap_glue(c, i - 1);
    return g == '/' || g == '.' || g == '-' || g == ':' || g == ',';
}

/* Does the text go on like a number after token e ("1/2/3", "3.5%")? */
static int bad_tail(const ctx *c, size_t e)
{
    size_t after = c->v[e].e;
    if (after < c->len && c->t[after] == '%')
        return 1;
    if (e + 1 < c->n) {
        char g = gap_glue(c, e);
        char nx = c->t[c->v[e + 1].s];
        if ((g == '/' || g == '.' || g == ':' || g == '-' || g == ',') && nx >= '0' && nx <= '9')
            return 1;
    }
    return 0;
}

/* Is a year-less D/M at ..e followed by a quantity or duration word
 * ("1/2 số phiếu", "từ 2-3 ngày", "tăng từ 1/4 lên 1/3")? */
static int quantity_after(const ctx *c, size_t e)
{
    if (e + 1 >= c->n || !gap_space(c, e))
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
static int day_word_before(const ctx *c, size_t i)
{
    if (i == 0 || !gap_space(c, i - 1))
        return 0;
    int k = c->v[i - 1].kw;
    return k == K_NGAY || k == K_HOM || k == K_MUNG || is_tod(k);
}


/* "... tới", "... sắp tới" -> +1; "... vừa qua" -> -1; else 0. */
static int after_mod(const ctx *c, size_t e)
{
    size_t k = e + 1;
    if (k >= c->n || !gap_space(c, e))
        return 0;
    int w = c->v[k].kw;
    if (w == K_SAP && kw_at(c, k + 1) == K_TOI_TO && gap_space(c, k))
        return 1;
    if (w == K_VUA && kw_at(c, k + 1) == K_QUA && gap_space(c, k))
        return -1;
    /* "tới" is also the verb "arrive": only when the clause ends there */
    if (w == K_TOI_TO && (k + 1 >= c->n || !gap_space(c, k)))
        return 1;
    return 0;
}

/* "năm 2024" / "năm nay" ... right after token e.  Returns 1 with *y for
 * an explicit year, 2 with *delta for a relative one, 3 for "năm đó/ấy"
 * (the story's year: unknown), 0 if none; *end is the last token. */
static int year_suffix(const ctx *c, size_t e, int *y, int *delta, size_t *end)
{
    size_t k = e + 1;
    if (kw_at(c, k) != K_NAM || !gap_space(c, e) || !gap_space(c, k))
        return 0;
    int yy = year_at(c, k + 1);
    if (yy > 0 && !bad_tail(c, k + 1)) {
        *y = yy;
        *end = k + 1;
        return 1;
    }
    int d;
    switch (kw_at(c, k + 1)) {
    case K_NAY: d = 0; break;
    case K_NGOAI: case K_TRUOC: d = -1; break;
    case K_TOI_TO: case K_SAU: d = 1; break;
    case K_DO: case K_AY:
        *end = k + 1;
        return 3;
    default: return 0;
    }
    if (next_blocks(c, k + 2))
        return 0;
    *delta = d;
    *end = k + 1;
    return 2;
}

/* ---------------------------------------------------------------- resolution */

/* Year for a year-less day; 0 if unknown; -1 if no such date. */
static int resolve_day_year(const ctx *c, int m, int d, int mod)
{
    if (c->refp == ATT_DATE_NONE)
        return valid_ymd(0, m, d) ? 0 : -1;
    if (c->refp == ATT_DATE_YEAR)
        return valid_ymd(c->ref.year, m, d) ? c->ref.year : -1;
    long rz = c->refp >= ATT_DATE_WEEK ? c->refz : days_from_civil(c->ref.year, c->ref.month, 15);
    int y0 = c->ref.year;
    if (mod > 0) { /* first on or after ref */
        for (int y = y0 - 1; y <= y0 + 1; y++)
            if (valid_ymd(y, m, d) && days_from_civil(y, m, d) >= rz)
                return y;
    } else if (mod < 0) { /* last on or before ref */
        for (int y = y0 + 1; y >= y0 - 1; y--)
            if (valid_ymd(y, m, d) && days_from_civil(y, m, d) <= rz)
                return y;
    } else { /* latest not more than ~2 months after ref */
        for (int y = y0 + 1; y >= y0 - 3; y--)
            if (valid_ymd(y, m, d) && days_from_civil(y, m, d) <= rz + 62)
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
        (last->kind == MK_WEEKDAY || last->kind == MK_RELDAY) && last->lt + 1 == ft && gap_soft(c, last->lt)) {
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
        (kw_at(c, ft - 1) == K_DEN || kw_at(c, ft - 1) == K_TOI_TO) && gap_space(c, ft - 2) &&
        gap_space(c, ft - 1) && last->ft > 0 && kw_at(c, last->ft - 1) == K_TU_FROM &&
        gap_space(c, last->ft - 1)) {
        att_date u = until.precision != ATT_DATE_NONE ? until : d;
        if (date_key(&u) < date_key(&last->m.date) && u.year && last->m.date.year) {
            /* the side without a written year follows the other */
            if (!yexp) {
                u.year = last->m.date.year;
                if (date_key(&u) < date_key(&last->m.date))
                    u.year++;
            } else if (!last->yexp) {
                last->m.date.year = u.year;
                if (date_key(&u) < date_key(&last->m.date))
                    last->m.date.year--;
            }
        }
        if (date_key(&u) >= date_key(&last->m.date)) {
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

/* Result of a pattern: index after its last token, 0 = no match, -1 = out of memory. */
typedef long pres;

static pres done(int pushed, size_t last) { return pushed < 0 ? -1 : (pres)(last + 1); }

/* ---------------------------------------------------------------- day patterns */

/* D sep M [sep YYYY] at i, sep one of / - . glued.  *e = last token. */
static int parse_dm(const ctx *c, size_t i, int *d, int *m, int *y, size_t *e, char *sep)
{
    int dd = num_at(c, i, 2), mm = num_at(c, i + 1, 2);
    if (dd < 1 || mm < 1)
        return 0;
    char g = gap_glue(c, i);
    if (g != '/' && g != '-' && g != '.')
        return 0;
    *d = dd;
    *m = mm;
    *sep = g;
    *y = 0;
    *e = i + 1;
    if (gap_glue(c, i + 1) == g) {
        int yy = year_at(c, i + 2);
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
    int v = num_at(c, j, 2);
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
        if (gap_space(c, j) && (kw_at(c, j + 1) == K_MOT || kw_at(c, j + 1) == K_HAI)) {
            *m = kw_at(c, j + 1) == K_MOT ? 11 : 12;
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
    if (!gap_space(c, e))
        return 0;
    int k = kw_at(c, e + 1);
    return k == K_LAN || k == K_LUOT || k == K_DOT;
}

static pres try_day(ctx *c, size_t i)
{
    if (glued_before(c, i))
        return 0;
    int allowed = date_word_before(c, i);
    size_t ft = day_span_start(c, i);
    int d, m, y, d2, m2, y2;
    size_t e, e2;
    char sep, sep2;

    /* "từ (ngày) 25 đến (ngày) 27/3" */
    if (allowed && (kw_at(c, i + 1) == K_DEN || kw_at(c, i + 1) == K_TOI_TO) && gap_space(c, i) &&
        gap_space(c, i + 1)) {
        size_t k = i + 2;
        if (kw_at(c, k) == K_NGAY && gap_space(c, k))
            k++;
        size_t from = ft > 0 && kw_at(c, ft - 1) == K_TU_FROM && gap_space(c, ft - 1) ? ft - 1 : SIZE_MAX;
        d = num_at(c, i, 2);
        if (from != SIZE_MAX && parse_dm(c, k, &d2, &m, &y, &e, &sep) && d < d2 && !bad_tail(c, e)) {
            if (!y)
                y = resolve_day_year(c, m, d, after_mod(c, e));
            if (y >= 0 && valid_ymd(y, m, d) && valid_ymd(y, m, d2))
                return done(push(c, from, e, mk_date(y, m, d, ATT_DATE_DAY), mk_date(y, m, d2, ATT_DATE_DAY), 0,
                                 MK_ABS, y != 0),
                            e);
        }
    }

    /* D/M[/Y], optionally "- D2/M2[/Y2]" */
    if (parse_dm(c, i, &d, &m, &y, &e, &sep)) {
        if (gap_dash(c, e) && !(sep == '-' && gap_glue(c, e) == '-') && parse_dm(c, e + 1, &d2, &m2, &y2, &e2, &sep2) &&
            sep2 == sep && !bad_tail(c, e2)) { /* two full dates: no date word needed */
            int yexp = y || y2;
            int before = m * 100 + d > m2 * 100 + d2; /* "30/12-2/1" crosses a year */
            if (y2 && !y)
                y = y2 - before;
            else if (y && !y2)
                y2 = y + before;
            else if (!y && !y2) {
                y = resolve_day_year(c, m, d, after_mod(c, e2));
                y2 = y > 0 ? y + before : y;
            }
            if (y >= 0 && valid_ymd(y, m, d) && valid_ymd(y2, m2, d2) &&
                (y2 > y || (y2 == y && (m2 * 100 + d2 > m * 100 + d || y == 0))))
                return done(push(c, ft, e2, mk_date(y, m, d, ATT_DATE_DAY), mk_date(y2, m2, d2, ATT_DATE_DAY), 0,
                                 MK_ABS, yexp),
                            e2);
        }
        if (!bad_tail(c, e)) {
            if (y) {
                if (valid_ymd(y, m, d))
                    return done(push(c, ft, e, mk_date(y, m, d, ATT_DATE_DAY), NO_DATE, 0, MK_ABS, 1), e);
                return 0;
            }
            if (allowed && !quantity_after(c, e) && m <= 12 && (sep == '/' || day_word_before(c, i))) {
                int delta = 0;
                size_t e3;
                int ys = year_suffix(c, e, &y, &delta, &e3);
                int rel = 0;
                if (ys == 2) {
                    y = c->refp >= ATT_DATE_YEAR ? c->ref.year + delta : 0;
                    rel = y != 0;
                } else if (ys == 3) {
                    y = 0;
                } else if (ys == 0) {
                    y = resolve_day_year(c, m, d, after_mod(c, e));
                    e3 = e;
                }
                if (y >= 0 && valid_ymd(y, m, d))
                    return done(push(c, ft, e3, mk_date(y, m, d, ATT_DATE_DAY), NO_DATE, rel, MK_ABS, ys == 1), e3);
            }
        }
        /* "25-27/3" parses as D-M first: fall through */
    }

    /* D1 - D2/M[/Y]: "25-27/3", "25 - 27/3/2024" */
    if (gap_dash(c, i) && parse_dm(c, i + 1, &d2, &m, &y, &e, &sep) && !(sep == '-' && gap_glue(c, i) == '-') &&
        !bad_tail(c, e) && (y || allowed)) {
        d = num_at(c, i, 2);
        int yexp = y != 0;
        if (!y)
            y = resolve_day_year(c, m, d, after_mod(c, e));
        if (d >= 1 && d < d2 && y >= 0 && valid_ymd(y, m, d) && valid_ymd(y, m, d2))
            return done(push(c, ft, e, mk_date(y, m, d, ATT_DATE_DAY), mk_date(y, m, d2, ATT_DATE_DAY), 0, MK_ABS,
                             yexp),
                        e);
        return 0;
    }

    /* D tháng M [năm Y] */
    if (kw_at(c, i + 1) == K_THANG && gap_space(c, i) && gap_space(c, i + 1) &&
        parse_month_word(c, i + 2, &m, &e) && !count_after(c, e)) {
        d = num_at(c, i, 2);
        int delta = 0;
        size_t e3 = e;
        int ys = year_suffix(c, e, &y, &delta, &e3);
        if (ys == 1 || (allowed && (ys != 0 || !quantity_after(c, e)))) { /* not "sau 3 tháng 9 ngày" */
            int rel = 0;
            if (ys == 2) {
                y = c->refp >= ATT_DATE_YEAR ? c->ref.year + delta : 0;
                rel = y != 0;
            } else if (ys == 3) {
                y = 0;
            } else if (ys == 0) {
                y = resolve_day_year(c, m, d, after_mod(c, e));
            }
            if (y >= 0 && valid_ymd(y, m, d))
                return done(push(c, ft, e3, mk_date(y, m, d, ATT_DATE_DAY), NO_DATE, rel, MK_ABS, ys == 1), e3);
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

static pres try_month(ctx *c, size_t i)
{
    if (!gap_space(c, i) || prev_quant(c, i))
        return 0;
    size_t ft = period_span_start(c, i), e;
    int m, y = 0, delta;

    if (rel_delta(kw_at(c, i + 1), &delta)) { /* tháng này / trước / qua / tới / sau */
        if (next_blocks(c, i + 2))
            return 0;
        if (c->refp < ATT_DATE_MONTH)
            return (pres)(i + 2);
        long mi = (long)c->ref.year * 12 + c->ref.month - 1 + delta;
        return done(push(c, ft, i + 1, mk_date((int)(mi / 12), (int)(mi % 12) + 1, 0, ATT_DATE_MONTH), NO_DATE, 1,
                         MK_REL, 0),
                    i + 1);
    }
    if (!parse_month_word(c, i + 1, &m, &e) || count_after(c, e))
        return 0;
    att_date until = NO_DATE;
    int m2 = 0, yexp = 0, rel = 0;
    char g = gap_glue(c, e);
    if ((g == '/' || g == '-' || g == '.') && year_at(c, e + 1) > 0) { /* tháng 9/2023 */
        y = year_at(c, e + 1);
        yexp = 1;
        e++;
    } else if (g == '-' && c->v[e].num >= 0 && (m2 = num_at(c, e + 1, 2)) > m && m2 <= 12) { /* tháng 9-10 */
        e++;
        g = gap_glue(c, e);
        if ((g == '/' || g == '-' || g == '.') && year_at(c, e + 1) > 0) {
            y = year_at(c, e + 1);
            yexp = 1;
            e++;
        }
    } else {
        m2 = 0;
    }
    if (bad_tail(c, e))
        return 0;
    if (!yexp) {
        size_t e3;
        int ys = year_suffix(c, e, &y, &delta, &e3);
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
            y = resolve_month_year(c, m, after_mod(c, e));
        }
    }
    if (m2)
        until = mk_date(y, m2, 0, ATT_DATE_MONTH);
    return done(push(c, ft, e, mk_date(y, m, 0, ATT_DATE_MONTH), until, rel, MK_ABS, yexp), e);
}

static pres try_year(ctx *c, size_t i)
{
    if (!gap_space(c, i) || (i > 0 && c->v[i - 1].kw == K_THANG && gap_space(c, i - 1)) || prev_quant(c, i))
        return 0;
    size_t ft = period_span_start(c, i);
    int y = year_at(c, i + 1), delta;
    if (y > 0) {
        size_t e = i + 1;
        att_date until = NO_DATE;
        int y2 = year_at(c, i + 2);
        if (y2 > y && y2 - y < 100 && gap_dash(c, i + 1) && !bad_tail(c, i + 2)) { /* năm 2020-2025 */
            until = mk_date(y2, 0, 0, ATT_DATE_YEAR);
            e = i + 2;
        } else if (bad_tail(c, e)) {
            return 0;
        }
        return done(push(c, ft, e, mk_date(y, 0, 0, ATT_DATE_YEAR), until, 0, MK_ABS, 1), e);
    }
    int k = kw_at(c, i + 1);
    if (k == K_NGOAI)
        delta = -1;
    else if (k == K_NAY)
        delta = 0;
    else if (k == K_NAY2 || !rel_delta(k, &delta) || k == K_QUA)
        return 0;
    if (next_blocks(c, i + 2))
        return 0;
    if (c->refp < ATT_DATE_YEAR)
        return (pres)(i + 2);
    return done(push(c, ft, i + 1, mk_date(c->ref.year + delta, 0, 0, ATT_DATE_YEAR), NO_DATE, 1, MK_REL, 0), i + 1);
}

static long monday_of(long z) { return z - weekday_of(z); }

static pres try_week(ctx *c, size_t i)
{
    int delta;
    if (!gap_space(c, i) || prev_quant(c, i) || !rel_delta(kw_at(c, i + 1), &delta) || next_blocks(c, i + 2))
        return 0;
    if (c->refp < ATT_DATE_WEEK)
        return (pres)(i + 2);
    size_t ft = period_span_start(c, i);
    return done(push(c, ft, i + 1, day_from_days(monday_of(c->refz) + 7 * delta, ATT_DATE_WEEK), NO_DATE, 1, MK_REL,
                     0),
                i + 1);
}

/* hôm nay/qua/kia, ngày mai/kia, ngày hôm qua, sáng nay, tối qua, chiều mai ... */
static pres try_relday(ctx *c, size_t i)
{
    int k0 = c->v[i].kw, delta;
    size_t j = i, e;
    if (!gap_space(c, i))
        return 0;
    int k1 = kw_at(c, i + 1);
    if (k0 == K_NGAY) {
        if (k1 == K_HOM)
            j = i + 1;
        else if ((k1 == K_MAI || k1 == K_KIA) && !prev_quant(c, i)) {
            delta = k1 == K_MAI ? 1 : 2;
            e = i + 1;
            goto found;
        } else
            return 0;
    } else if (is_tod(k0)) {
        if (k1 == K_NAY || k1 == K_QUA || k1 == K_MAI) {
            delta = k1 == K_NAY ? 0 : k1 == K_QUA ? -1 : 1;
            e = i + 1;
            goto found;
        }
        if (k1 == K_HOM)
            j = i + 1;
        else if (k1 == K_NGAY && gap_space(c, i + 1) && kw_at(c, i + 2) == K_MAI) {
            delta = 1;
            e = i + 2;
            goto found;
        } else if (k1 == K_NGAY && gap_space(c, i + 1) && kw_at(c, i + 2) == K_HOM)
            j = i + 2;
        else
            return 0;
    }
    if (kw_at(c, j) != K_HOM || !gap_space(c, j))
        return 0;
    switch (kw_at(c, j + 1)) {
    case K_NAY: delta = 0; break;
    case K_QUA: delta = -1; break;
    case K_KIA: delta = -2; break;
    default: return 0;
    }
    e = j + 1;
found:
    if (c->refp < ATT_DATE_DAY)
        return (pres)(e + 1);
    return done(push(c, i, e, day_from_days(c->refz + delta, ATT_DATE_DAY), NO_DATE, 1, MK_RELDAY, 0), e);
}

/* thứ Hai .. thứ Bảy, thứ 2 .. thứ 7, Chủ nhật; "tuần trước", "tới" after */
static pres try_weekday(ctx *c, size_t i)
{
    int w;
    size_t e = i + 1;
    if (!gap_space(c, i))
        return 0;
    if (c->v[i].kw == K_CHU) {
        if (kw_at(c, i + 1) != K_NHAT)
            return 0;
        w = 6;
    } else {
        int name = weekday_name(kw_at(c, i + 1)), nv = num_at(c, i + 1, 1);
        int tod_before = i > 0 && gap_space(c, i - 1) &&
                         (is_tod(c->v[i - 1].kw) || c->v[i - 1].kw == K_HOM || c->v[i - 1].kw == K_VAO);
        if (name >= 0 && (c->v[i + 1].upper || tod_before))
            w = name;
        else if (nv >= 2 && nv <= 7 && tod_before && !bad_tail(c, i + 1))
            w = nv - 2;
        else
            return 0;
    }
    int has_week = 0, dir = 0, delta = 0;
    size_t last = e;
    if (gap_space(c, e)) {
        int k = kw_at(c, e + 1);
        if (k == K_TUAN && gap_space(c, e + 1) && rel_delta(kw_at(c, e + 2), &delta) && !next_blocks(c, e + 3)) {
            has_week = 1;
            last = e + 2;
        } else if ((k == K_TOI_TO || k == K_SAU) && !next_blocks(c, e + 2)) {
            dir = 1;
            last = e + 1;
        } else if (k == K_NAY2) {
            has_week = 1;
            last = e + 1;
        } else if (k == K_VUA && kw_at(c, e + 2) == K_QUA && gap_space(c, e + 1)) {
            last = e + 2;
        }
    }
    if (c->refp < ATT_DATE_DAY)
        return (pres)(last + 1);
    long z;
    if (has_week)
        z = monday_of(c->refz) + 7 * delta + w;
    else if (dir > 0)
        z = c->refz + 1 + mod7(w - weekday_of(c->refz + 1));
    else
        z = c->refz - mod7(weekday_of(c->refz) - w);
    return done(push(c, i, last, day_from_days(z, ATT_DATE_DAY), NO_DATE, 1, MK_WEEKDAY, 0), last);
}

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
        if (valid_ymd(ref->year, ref->month, ref->day)) {
            c->refp = ref->precision;
            c->refz = days_from_civil(ref->year, ref->month, ref->day);
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
    att_status st = tokenize(&c, words, n_words, base);
    if (st != ATT_OK)
        goto fail;
    for (size_t i = 0; i < c.n;) {
        const dtok *t = &c.v[i];
        pres r = 0;
        if (t->num >= 0 && t->ndig <= 2) {
            r = try_day(&c, i);
        } else {
            switch (t->kw) {
            case K_THANG: r = try_month(&c, i); break;
            case K_NAM: r = try_year(&c, i); break;
            case K_TUAN: r = try_week(&c, i); break;
            case K_THU: case K_CHU: r = try_weekday(&c, i); break;
            case K_NGAY: case K_HOM: case K_SANG: case K_TRUA: case K_CHIEU: case K_TOI_EVE: case K_DEM:
            case K_KHUYA:
                r = try_relday(&c, i);
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
        *d = mk_date(y, 0, 0, ATT_DATE_YEAR);
        return ATT_OK;
    }
    if (l == 8 && parse_digits(s + 4, 2, &m) && parse_digits(s + 6, 2, &dd)) { /* YYYYMMDD */
        if (!valid_ymd(y, m, dd))
            return ATT_ERR_FORMAT;
        *d = mk_date(y, m, dd, ATT_DATE_DAY);
        return ATT_OK;
    }
    if (s[4] != '-' || l < 7 || !parse_digits(s + 5, 2, &m) || m < 1 || m > 12)
        return ATT_ERR_FORMAT;
    if (l == 7) {
        *d = mk_date(y, m, 0, ATT_DATE_MONTH);
        return ATT_OK;
    }
    if (s[7] != '-' || l < 10 || !parse_digits(s + 8, 2, &dd) || !valid_ymd(y, m, dd))
        return ATT_ERR_FORMAT;
    if (l > 10 && s[10] != 'T' && s[10] != ' ')
        return ATT_ERR_FORMAT;
    *d = mk_date(y, m, dd, ATT_DATE_DAY);
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
