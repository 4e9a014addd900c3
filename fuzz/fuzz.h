/* fuzz.h - the entry point every fuzz target defines (libFuzzer's), used
 * both by libFuzzer (make fuzz) and by replay.c (make check replays the
 * kept regression inputs through the same function without libFuzzer). */
#ifndef ATT_FUZZ_H
#define ATT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
