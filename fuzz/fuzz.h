/* fuzz.h - the entry point every fuzz target defines (libFuzzer's), used
 * both by libFuzzer (make fuzz) and by replay.c (make check replays the
 * kept regression inputs through the same function without libFuzzer). */
#ifndef ATT_FUZZ_H
#define ATT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A malloc'd NUL-terminated copy of the input (NULL if out of memory). */
static inline char *att_fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s) {
        memcpy(s, data, size);
        s[size] = '\0';
    }
    return s;
}

#endif
