/*
 * hash_mix.h - 64-bit mixing shared by the signature code (minhash.c) and
 * its LSH index (lsh.c).  Internal to the analyze stage; header-only.
 */
#ifndef ATT_HASH_MIX_H
#define ATT_HASH_MIX_H

#include <stdint.h>

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/* MurmurHash3 finalizer: full avalanche, a bijection. */
static inline uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDULL;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ULL;
    k ^= k >> 33;
    return k;
}

#endif
