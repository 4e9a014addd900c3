/* safe_text.c - page text made safe for a terminal; see cli.h. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Is s[i..] a control character: C0 (U+0000-U+001F), DEL, or C1
 * (U+0080-U+009F, encoded C2 80..C2 9F)?  Returns its byte length or 0. */
static size_t control_len(const unsigned char *s)
{
    if (s[0] < 0x20 || s[0] == 0x7F)
        return 1;
    if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
        return 2;
    return 0;
}

/* The last few sanitized copies: a printf may show several fields at once.
 * Each copy lives until CLI_SAFE_SLOTS later calls. */
#define CLI_SAFE_SLOTS 8
static char *slots[CLI_SAFE_SLOTS];
static size_t next_slot;

const char *cli_safe(const char *s)
{
    if (!s)
        return NULL;
    size_t n = 0, bad = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
        bad += control_len(p) != 0;
    if (!bad)
        return s; /* the usual case: nothing to copy */
    char *out = malloc(n + 3 * bad + 1);
    if (!out)
        return "(text not shown: out of memory)";
    char *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t k = control_len(p);
        if (!k) {
            *o++ = (char)*p++;
        } else if (*p == '\t' || *p == '\n' || *p == '\r') {
            *o++ = ' ';
            p++;
        } else { /* U+FFFD, the replacement character, shows where it was */
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            p += k;
        }
    }
    *o = '\0';
    free(slots[next_slot]);
    slots[next_slot] = out;
    next_slot = (next_slot + 1) % CLI_SAFE_SLOTS;
    return out;
}
