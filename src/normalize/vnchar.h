/*
 * vnchar.h - per-code-point decomposition of Latin letters into the parts
 * Vietnamese spelling cares about: base letter, vowel modifier (â ă ơ đ ...)
 * and tone mark.  Internal to the normalize stage.
 *
 * The table is built once (thread-safe) from utf8proc's decompositions.
 */
#ifndef ATT_VNCHAR_H
#define ATT_VNCHAR_H

#include <stdatomic.h>
#include <stdint.h>

enum { VN_MOD_NONE = 0, VN_MOD_CIRC, VN_MOD_BREVE, VN_MOD_HORN, VN_MOD_STROKE, VN_MOD__N };
enum { VN_TONE_NONE = 0, VN_TONE_GRAVE, VN_TONE_ACUTE, VN_TONE_TILDE, VN_TONE_HOOK, VN_TONE_DOT,
       VN_TONE__N };

typedef struct vn_info {
    char base;     /* lowercase ASCII base letter, 0 if cp is not a Latin letter */
    uint8_t mod;   /* VN_MOD_* */
    uint8_t tone;  /* VN_TONE_* */
    uint8_t upper; /* 1 if upper case */
    uint8_t viet;  /* 1 if base+mod+tone is all there is (a Vietnamese-spellable letter) */
} vn_info;

/* The tables behind vn_char_info: Latin-1 Supplement through Latin
 * Extended-B, and Latin Extended Additional (where the precomposed
 * Vietnamese vowels with tones live).  Read only once vn_ready is set
 * (vn_build_tables() sets it). */
#define VN_LO1 0x00C0u
#define VN_HI1 0x024Fu
#define VN_LO2 0x1E00u
#define VN_HI2 0x1EFFu
extern vn_info vn_tab1[VN_HI1 - VN_LO1 + 1];
extern vn_info vn_tab2[VN_HI2 - VN_LO2 + 1];
extern _Atomic int vn_ready;
void vn_build_tables(void); /* thread-safe, once */

/* Information for cp; base == 0 for anything that is not a Latin letter.
 * Inline: the folding and hashing loops ask it for every non-ASCII
 * character. */
static inline vn_info vn_char_info(unsigned cp)
{
    vn_info in = {0, 0, 0, 0, 0};
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z') {
            in.base = (char)cp;
            in.viet = 1;
        } else if (cp >= 'A' && cp <= 'Z') {
            in.base = (char)(cp + 32);
            in.upper = 1;
            in.viet = 1;
        }
        return in;
    }
    if (!vn_ready)
        vn_build_tables();
    if (cp >= VN_LO1 && cp <= VN_HI1)
        return vn_tab1[cp - VN_LO1];
    if (cp >= VN_LO2 && cp <= VN_HI2)
        return vn_tab2[cp - VN_LO2];
    return in;
}

/* The code point for base/mod/tone/upper, or 0 if no such letter exists. */
unsigned vn_char_compose(char base, int mod, int tone, int upper);

#endif
