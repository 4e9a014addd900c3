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
#include <unistd.h>

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

/* SQL that takes out what the dates migration (issue 15) adds (articles' date_source
 * and date_precision), likewise. */
#define TEST_UNDO_DATE_SOURCES                                                                                 \
    "ALTER TABLE articles DROP COLUMN date_source; ALTER TABLE articles DROP COLUMN date_precision;"

/* SQL that takes out what schema migration 11 adds (the byte ranges of
 * events' sentences and of quotations, and the views that read them), for
 * tests that set an older user_version to have the store migrate a
 * database again: each migration runs on the schema it was written for. */
#define TEST_UNDO_SCHEMA_11                                                                                 \
    TEST_UNDO_DATE_SOURCES                                                                                     \
    "DROP VIEW quote_texts; DROP VIEW event_sentences; DROP VIEW article_texts;"                             \
    "ALTER TABLE events DROP COLUMN sentence_from; ALTER TABLE events DROP COLUMN sentence_to;"              \
    "ALTER TABLE quotes DROP COLUMN quote_from; ALTER TABLE quotes DROP COLUMN quote_to;"                   \
    "ALTER TABLE quotes DROP COLUMN sentence_from; ALTER TABLE quotes DROP COLUMN sentence_to;"

/* Make a fresh scratch folder /tmp/attache-TAG-PID (and its subfolder sub,
 * which may be nested, unless sub is NULL), its path written to dir.
 * Returns 0, or -1 if it could not be made. */
static inline int test_dir_make(char *dir, size_t n, const char *tag, const char *sub)
{
    char cmd[512];
    snprintf(dir, n, "/tmp/attache-%s-%d", tag, (int)getpid());
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s/%s", dir, dir, sub ? sub : ".");
    return system(cmd) == 0 ? 0 : -1;
}

/* Remove a folder made by test_dir_make.  Returns 0, or -1. */
static inline int test_dir_remove(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
