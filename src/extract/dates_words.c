/* dates_words.c - the words of the date finder: the keyword table
 * (hashed once, thread-safe, with utf8proc's case tables for the letters
 * below U+2000) and cutting a text into words with their keys, numbers
 * and keyword ids; see dates_priv.h.  att_dt_tokenize() fails only with
 * ATT_ERR_NOMEM. */
#include "dates.h"
#include "dates_priv.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "../segment/tokens.h"
#include "../util/buf.h"

/* ---------------------------------------------------------------- keywords */

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

/* (tables_init must have run: att_dt_tokenize() sees to it, for this and for
 * to_lower() and is_upper()) */
static int lookup_kw(const char *k, size_t n)
{
    for (unsigned h = kw_hash(k, n); kw_slots[h]; h = (h + 1) & (KW_SLOTS - 1))
        if (kw_is(kw_slots[h] - 1u, k, n))
            return KEYWORDS[kw_slots[h] - 1u].id;
    return K_NONE;
}

/* ---------------------------------------------------------------- tokens */

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
att_status att_dt_tokenize(ctx *c, const att_token *words, size_t n_words, size_t base)
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
