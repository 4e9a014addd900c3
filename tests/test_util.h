/* test_util.h - shared includes for cmocka test programs. */
#ifndef ATT_TEST_UTIL_H
#define ATT_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Assert that NUL-terminated haystack contains needle. */
#define assert_contains(hay, needle)                                                   \
    do {                                                                               \
        const char *h_ = (hay);                                                        \
        if (!h_ || !strstr(h_, (needle)))                                              \
            fail_msg("expected \"%s\" to contain \"%s\"", h_ ? h_ : "(null)", (needle)); \
    } while (0)

#define assert_not_contains(hay, needle)                                        \
    do {                                                                        \
        const char *h_ = (hay);                                                 \
        if (h_ && strstr(h_, (needle)))                                         \
            fail_msg("expected \"%s\" not to contain \"%s\"", h_, (needle));    \
        } while (0)

#endif
