/* test_trie.c - the phrase trie: longest and every match, the "starts a
 * phrase" answers for first words on every side of the root's bit words
 * (ids 63/64, the growth of the root array), ids past the root array, and
 * punctuation gaps. */
#include "test_util.h"

#include "../src/segment/trie.h"

/* Tokens with the given ids (0: unknown word), no gaps. */
static void make_tokens(att_token *t, const uint32_t *ids, size_t n)
{
    memset(t, 0, n * sizeof *t);
    for (size_t i = 0; i < n; i++) {
        t[i].start = (uint32_t)(2 * i);
        t[i].end = (uint32_t)(2 * i + 1);
        t[i].id = ids[i];
    }
}

static size_t match(const att_trie *t, const uint32_t *ids, size_t n, size_t i, int *value)
{
    att_token tok[16];
    make_tokens(tok, ids, n);
    const int *v;
    size_t nv;
    size_t len = att_trie_match(t, tok, n, i, 0, &v, &nv);
    *value = len && nv ? v[0] : -1;
    return len;
}

static void test_first_words_around_bit_words_and_growth(void **state)
{
    (void)state;
    att_trie *t = att_trie_new();
    assert_non_null(t);
    /* first words 63, 64, 65 straddle two 64-bit words; 700 makes the root
     * array grow (from 256 slots) after the others were added; 2000000 is
     * past the root array and goes through the edge table */
    const uint32_t firsts[] = {63, 64, 65, 1, 700, 255, 256, 2000000};
    for (size_t k = 0; k < sizeof firsts / sizeof firsts[0]; k++) {
        uint32_t phrase[2] = {firsts[k], 9};
        assert_int_equal(att_trie_add_ids(t, phrase, 2, (int)k + 100), ATT_OK);
    }
    for (size_t k = 0; k < sizeof firsts / sizeof firsts[0]; k++) {
        uint32_t ids[3] = {firsts[k], 9, 5};
        int v;
        assert_int_equal(match(t, ids, 3, 0, &v), 2);
        assert_int_equal(v, (int)k + 100);
        assert_true(att_trie_starts(t, firsts[k]));
    }
    /* neighbours of the first words start nothing */
    const uint32_t none[] = {62, 66, 2, 699, 701, 254, 257, 1023, 1999999, 9};
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
        uint32_t ids[2] = {none[k], 9};
        int v;
        assert_int_equal(match(t, ids, 2, 0, &v), 0);
        assert_false(att_trie_starts(t, none[k]));
    }
    assert_false(att_trie_starts(t, 0));
    assert_int_equal(att_trie_phrases(t), 8);
    att_trie_free(t);
}

static void test_longest_match_and_gaps(void **state)
{
    (void)state;
    att_trie *t = att_trie_new();
    assert_non_null(t);
    uint32_t a[] = {3}, ab[] = {3, 4}, abc[] = {3, 4, 5};
    assert_int_equal(att_trie_add_ids(t, a, 1, 1), ATT_OK);
    assert_int_equal(att_trie_add_ids(t, ab, 2, 2), ATT_OK);
    assert_int_equal(att_trie_add_ids(t, abc, 3, 3), ATT_OK);
    int v;
    uint32_t text[] = {7, 3, 4, 5, 3, 4, 6};
    assert_int_equal(match(t, text, 7, 1, &v), 3); /* "3 4 5" */
    assert_int_equal(v, 3);
    assert_int_equal(match(t, text, 7, 4, &v), 2); /* "3 4" then 6 */
    assert_int_equal(v, 2);
    assert_int_equal(match(t, text, 7, 0, &v), 0);
    /* a gap before "4" stops the phrase at "3" when asked to */
    att_token tok[7];
    make_tokens(tok, text, 7);
    tok[2].gap_before = 1;
    const int *vals;
    size_t nv;
    assert_int_equal(att_trie_match(t, tok, 7, 1, 1, &vals, &nv), 1);
    assert_int_equal(att_trie_match(t, tok, 7, 1, 0, &vals, &nv), 3);
    att_trie_free(t);
}

static int count_cb(void *ctx, size_t len, const int *values, size_t n_values)
{
    size_t *lens = ctx;
    (void)values;
    (void)n_values;
    lens[lens[0] + 1] = len;
    lens[0]++;
    return 0;
}

static void test_every_match_shortest_first(void **state)
{
    (void)state;
    att_trie *t = att_trie_new();
    assert_non_null(t);
    uint32_t a[] = {130}, abc[] = {130, 4, 5};
    assert_int_equal(att_trie_add_ids(t, a, 1, 1), ATT_OK);
    assert_int_equal(att_trie_add_ids(t, abc, 3, 2), ATT_OK);
    uint32_t text[] = {130, 4, 5, 130, 4};
    att_token tok[5];
    make_tokens(tok, text, 5);
    size_t lens[8] = {0};
    att_trie_match_all(t, tok, 5, 0, 0, count_cb, lens);
    assert_int_equal(lens[0], 2);
    assert_int_equal(lens[1], 1);
    assert_int_equal(lens[2], 3);
    lens[0] = 0;
    att_trie_match_all(t, tok, 5, 3, 0, count_cb, lens); /* "130 4" then the end */
    assert_int_equal(lens[0], 1);
    lens[0] = 0;
    att_trie_match_all(t, tok, 5, 1, 0, count_cb, lens); /* 4 starts nothing */
    assert_int_equal(lens[0], 0);
    att_trie_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_words_around_bit_words_and_growth),
        cmocka_unit_test(test_longest_match_and_gaps),
        cmocka_unit_test(test_every_match_shortest_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
