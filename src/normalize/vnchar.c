/* vnchar.c - Latin letter decomposition table; see vnchar.h. */
#include "vnchar.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <utf8proc.h>

vn_info vn_tab1[VN_HI1 - VN_LO1 + 1];
vn_info vn_tab2[VN_HI2 - VN_LO2 + 1];
static unsigned g_compose[26][VN_MOD__N][VN_TONE__N][2];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
/* Set once the tables are built, so the hot path skips pthread_once. */
_Atomic int vn_ready;

static vn_info decompose(unsigned cp)
{
    vn_info in = {0, 0, 0, 0, 0};
    utf8proc_int32_t parts[8];
    int last = 0;
    utf8proc_ssize_t n =
        utf8proc_decompose_char((utf8proc_int32_t)cp, parts, 8, UTF8PROC_DECOMPOSE, &last);
    if (n < 1 || n > 8)
        return in;
    utf8proc_int32_t b = parts[0];
    int upper = 0;
    if (cp == 0x110 || cp == 0x111) { /* Đ đ: no decomposition in Unicode */
        in.base = 'd';
        in.mod = VN_MOD_STROKE;
        in.upper = cp == 0x110;
        in.viet = 1;
        return in;
    }
    if (b >= 'A' && b <= 'Z') {
        upper = 1;
        b += 32;
    }
    if (!(b >= 'a' && b <= 'z'))
        return in;
    in.base = (char)b;
    in.upper = (uint8_t)upper;
    in.viet = 1;
    for (utf8proc_ssize_t i = 1; i < n; i++) {
        switch (parts[i]) {
        case 0x0302: if (in.mod) in.viet = 0; in.mod = VN_MOD_CIRC; break;
        case 0x0306: if (in.mod) in.viet = 0; in.mod = VN_MOD_BREVE; break;
        case 0x031B: if (in.mod) in.viet = 0; in.mod = VN_MOD_HORN; break;
        case 0x0300: if (in.tone) in.viet = 0; in.tone = VN_TONE_GRAVE; break;
        case 0x0301: if (in.tone) in.viet = 0; in.tone = VN_TONE_ACUTE; break;
        case 0x0303: if (in.tone) in.viet = 0; in.tone = VN_TONE_TILDE; break;
        case 0x0309: if (in.tone) in.viet = 0; in.tone = VN_TONE_HOOK; break;
        case 0x0323: if (in.tone) in.viet = 0; in.tone = VN_TONE_DOT; break;
        default: in.viet = 0; break;
        }
    }
    return in;
}

static void build(void)
{
    for (unsigned cp = VN_LO1; cp <= VN_HI1; cp++)
        vn_tab1[cp - VN_LO1] = decompose(cp);
    /* (vn_ready is set at the end, after every table is complete) */
    for (unsigned cp = VN_LO2; cp <= VN_HI2; cp++)
        vn_tab2[cp - VN_LO2] = decompose(cp);
    memset(g_compose, 0, sizeof g_compose);
    for (unsigned c = 'a'; c <= 'z'; c++) {
        g_compose[c - 'a'][0][0][0] = c;
        g_compose[c - 'a'][0][0][1] = c - 32;
    }
    for (int t = 0; t < 2; t++) {
        unsigned lo = t ? VN_LO2 : VN_LO1, hi = t ? VN_HI2 : VN_HI1;
        for (unsigned cp = lo; cp <= hi; cp++) {
            vn_info in = t ? vn_tab2[cp - VN_LO2] : vn_tab1[cp - VN_LO1];
            if (in.base && in.viet && !g_compose[in.base - 'a'][in.mod][in.tone][in.upper])
                g_compose[in.base - 'a'][in.mod][in.tone][in.upper] = cp;
        }
    }
    vn_ready = 1;
}

void vn_build_tables(void) { pthread_once(&g_once, build); }

static void ensure_tables(void)
{
    if (!vn_ready)
        vn_build_tables();
}

unsigned vn_char_compose(char base, int mod, int tone, int upper)
{
    if (base < 'a' || base > 'z' || mod < 0 || mod >= VN_MOD__N || tone < 0 || tone >= VN_TONE__N)
        return 0;
    ensure_tables();
    return g_compose[base - 'a'][mod][tone][upper ? 1 : 0];
}
