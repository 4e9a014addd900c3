/*
 * vnchar.h - per-code-point decomposition of Latin letters into the parts
 * Vietnamese spelling cares about: base letter, vowel modifier (â ă ơ đ ...)
 * and tone mark.  Internal to the normalize stage.
 *
 * The table is built once (thread-safe) from utf8proc's decompositions.
 */
#ifndef ATT_VNCHAR_H
#define ATT_VNCHAR_H

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

/* Information for cp; base == 0 for anything that is not a Latin letter. */
vn_info vn_char_info(unsigned cp);

/* The code point for base/mod/tone/upper, or 0 if no such letter exists. */
unsigned vn_char_compose(char base, int mod, int tone, int upper);

#endif
