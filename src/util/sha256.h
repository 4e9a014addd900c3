/*
 * sha256.h - SHA-256 (FIPS 180-4), used for content hashes of articles.
 * No allocation; the context lives on the caller's stack.
 */
#ifndef ATT_SHA256_H
#define ATT_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct att_sha256 {
    uint32_t h[8];
    uint64_t total;
    unsigned char block[64];
    size_t used;
} att_sha256;

void att_sha256_init(att_sha256 *c);
void att_sha256_update(att_sha256 *c, const void *data, size_t n);
/* Writes the digest as 64 lowercase hex characters plus NUL into hex[65]. */
void att_sha256_final_hex(att_sha256 *c, char hex[65]);

#endif
