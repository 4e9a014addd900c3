/* test_normalize.c - NFC, tone-mark placement, folding, word keys. */
#include "test_util.h"

#include <pthread.h>

#include "../src/normalize/normalize.h"

static char *view(att_status (*fn)(const char *, size_t, att_buf *), const char *s)
{
    att_buf b = ATT_BUF_INIT;
    assert_int_equal(fn(s, strlen(s), &b), ATT_OK);
    return att_buf_steal(&b);
}

#define CHECK_VIEW(fn, in, want)              \
    do {                                      \
        char *got_ = view(fn, in);            \
        assert_string_equal(got_, want);      \
        free(got_);                           \
    } while (0)

static void test_fold_strips_accents_and_d(void **state)
{
    (void)state;
    CHECK_VIEW(att_fold, "Đảng", "dang");
    CHECK_VIEW(att_fold, "Ngoại giao số", "ngoai giao so");
    CHECK_VIEW(att_fold, "Mỹ-Trung Quốc: Đối thoại", "my-trung quoc: doi thoai");
    CHECK_VIEW(att_fold, "THỦ TƯỚNG", "thu tuong");
    CHECK_VIEW(att_fold, "Mátxcơva", "matxcova");
}

static void test_fold_other_scripts(void **state)
{
    (void)state;
    CHECK_VIEW(att_fold, "Zürich Ñandú", "zurich nandu");
    CHECK_VIEW(att_fold, "МОСКВА", "москва");
}

/* att_fold works letter by letter; it must give exactly the folded word
 * keys the search index is built from, with the text between words kept. */
static void test_fold_agrees_with_word_keys(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Kishida tại Tokyo (Nhật Bản).",
        "“Quan hệ Việt - Lào” – ĐẢNG, Hoà bình; thuỷ 16/6… Zürich ß ﬁ МОСКВА 北京 e\xcc\x81 x",
        "A\xc2\xa0" "B 3–4% ½ Ⅻ ǅ İstanbul Œuvre ơ ư Ư",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *s = texts[t];
        size_t n = strlen(s), pos = 0, a, b, last = 0;
        att_buf want = ATT_BUF_INIT, exact = ATT_BUF_INIT;
        while (att_next_word(s, n, &pos, &a, &b)) {
            assert_int_equal(att_buf_append(&want, s + last, a - last), ATT_OK);
            att_buf_clear(&exact);
            assert_true(att_word_keys(s + a, b - a, &exact, &want) >= 0);
            last = b;
        }
        assert_int_equal(att_buf_append(&want, s + last, n - last), ATT_OK);
        char *got = view(att_fold, s);
        assert_string_equal(got, want.data);
        free(got);
        att_buf_free(&want);
        att_buf_free(&exact);
    }
}

/* The folded words one at a time are the words of the whole folded text
 * (also where a letter folds to several characters or a word is too long
 * to fold in place), and att_fold_words_next_hash() gives each one's
 * FNV-1a hash. */
static void test_fold_words_and_their_hashes(void **state)
{
    (void)state;
    char long_word[200];
    memset(long_word, 'a', 100);
    strcpy(long_word + 100, "ệ dài quá");
    static const char *texts[] = {
        "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Kishida tại Tokyo (Nhật Bản).",
        "“Quan hệ Việt - Lào” – ĐẢNG, Hoà bình; thuỷ 16/6… Zürich ß ﬁ МОСКВА 北京 e\xcc\x81 x",
        "Mở đầu Straße và ﬁnal", "", "  ,;  ", NULL};
    texts[5] = long_word;
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *s = texts[t];
        size_t n = strlen(s), pos = 0, a, b, words = 0;
        att_buf folded = ATT_BUF_INIT;
        assert_int_equal(att_fold(s, n, &folded), ATT_OK);
        att_fold_words fw, fh;
        att_fold_words_init(&fw, s, n);
        att_fold_words_init(&fh, s, n);
        const char *w;
        size_t wn;
        uint64_t h;
        while (att_next_word(folded.data ? folded.data : "", folded.len, &pos, &a, &b)) {
            assert_int_equal(att_fold_words_next(&fw, &w, &wn), 1);
            assert_int_equal(wn, b - a);
            assert_memory_equal(w, folded.data + a, wn);
            assert_int_equal(att_fold_words_next_hash(&fh, &h), 1);
            uint64_t want = 1469598103934665603ULL;
            for (size_t k = 0; k < wn; k++)
                want = (want ^ (unsigned char)w[k]) * 1099511628211ULL;
            assert_true(h == want);
            words++;
        }
        assert_int_equal(att_fold_words_next(&fw, &w, &wn), 0);
        assert_int_equal(att_fold_words_next_hash(&fh, &h), 0);
        assert_true(words > 0 || n < 8);
        att_fold_words_free(&fw);
        att_fold_words_free(&fh);
        att_buf_free(&folded);
    }
}

static char *hview(const char *s)
{
    att_buf b = ATT_BUF_INIT;
    assert_int_equal(att_hash_view(s, strlen(s), &b), ATT_OK);
    return att_buf_steal(&b);
}

/* The content-hash view: equal for case and tone-placement variants,
 * different for anything else a reader would see as a different text. */
static void test_hash_view(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"Hoà bình, thuỷ lợi", "hòa bình, thủy lợi"},
        {"ĐẢNG Cộng sản", "Đảng cộng sản"},
        {"Zürich МОСКВА 2024", "zürich москва 2024"},
    };
    static const char *const differ[][2] = {
        {"Đảng", "đang"}, {"Đảng", "Dảng"}, {"hòa", "hoa"}, {"ăn", "ân"}, {"hòa bình", "hòabình"},
        {"mỹ thuật", "my thuật"}, {"Zürich", "Zurich"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char *a = hview(same[i][0]), *b = hview(same[i][1]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++) {
        char *a = hview(differ[i][0]), *b = hview(differ[i][1]);
        assert_string_not_equal(a, b);
        free(a);
        free(b);
    }
}

static void test_tone_placement_old_style(void **state)
{
    (void)state;
    CHECK_VIEW(att_tone_normalize, "hoà bình", "hòa bình");
    CHECK_VIEW(att_tone_normalize, "Thuỷ", "Thủy");
    CHECK_VIEW(att_tone_normalize, "khoẻ mạnh", "khỏe mạnh");
    CHECK_VIEW(att_tone_normalize, "HOÀ", "HÒA");
    /* already traditional, or closed syllables, stay as they are */
    CHECK_VIEW(att_tone_normalize, "hòa hoàng toán quý giá", "hòa hoàng toán quý giá");
    /* three-vowel nuclei: middle vowel */
    CHECK_VIEW(att_tone_normalize, "khoaí", "khoái");
    /* modified vowels carry the tone; ươ puts it on ơ */
    CHECK_VIEW(att_tone_normalize, "thuế người", "thuế người");
    CHECK_VIEW(att_tone_normalize, "ngừơi", "người");
}

static void test_tone_leaves_foreign_words(void **state)
{
    (void)state;
    CHECK_VIEW(att_tone_normalize, "Mátxcơva café Zelenskyy", "Mátxcơva café Zelenskyy");
}

static void test_exact_lowercases_and_normalizes(void **state)
{
    (void)state;
    CHECK_VIEW(att_exact, "Hoà Bình THUỶ", "hòa bình thủy");
    CHECK_VIEW(att_exact, "Đảng", "đảng");
}

static void test_nfc_and_validation(void **state)
{
    (void)state;
    /* "hòa" written with a combining grave accent (NFD) */
    const char nfd[] = "ho\xcc\x80" "a";
    char *out;
    size_t len;
    assert_int_equal(att_nfc(nfd, strlen(nfd), &out, &len), ATT_OK);
    assert_string_equal(out, "hòa");
    free(out);
    const char bad[] = "ab\xff" "cd";
    assert_int_equal(att_nfc(bad, strlen(bad), &out, &len), ATT_ERR_UTF8);
    size_t off = 99;
    assert_false(att_utf8_valid(bad, 5, &off));
    assert_int_equal(off, 2);
    assert_false(att_utf8_valid("\xc0\xaf", 2, NULL));   /* overlong */
    assert_false(att_utf8_valid("\xed\xa0\x80", 3, NULL)); /* surrogate */
    assert_false(att_utf8_valid("a\0b", 3, NULL));        /* NUL byte */
    assert_true(att_utf8_valid("Việt Nam", strlen("Việt Nam"), NULL));
}

static void test_words_and_keys(void **state)
{
    (void)state;
    const char *s = "Mỹ-Trung, 16/6 (Hoà)";
    size_t pos = 0, a, b;
    const char *want[] = {"Mỹ", "Trung", "16", "6", "Hoà"};
    for (int i = 0; i < 5; i++) {
        assert_true(att_next_word(s, strlen(s), &pos, &a, &b));
        assert_int_equal(b - a, strlen(want[i]));
        assert_memory_equal(s + a, want[i], b - a);
    }
    assert_false(att_next_word(s, strlen(s), &pos, &a, &b));

    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT;
    assert_int_equal(att_word_keys("Hoà", strlen("Hoà"), &e, &f), 1);
    assert_string_equal(e.data, "hòa");
    assert_string_equal(f.data, "hoa");
    att_buf_clear(&e);
    att_buf_clear(&f);
    assert_int_equal(att_word_keys("ASEAN", 5, &e, &f), 0);
    assert_string_equal(e.data, "asean");
    assert_string_equal(f.data, "asean");
    att_buf_free(&e);
    att_buf_free(&f);
}

/* The inline answer for word characters agrees with the Unicode
 * categories for every code point of the first three planes. */
static void test_word_cp_fast_agrees(void **state)
{
    (void)state;
    for (unsigned cp = 0; cp < 0x30000; cp++)
        if (att_word_cp_fast(cp) != att_word_cp_category(cp))
            fail_msg("U+%04X: inline %d, category %d", cp, att_word_cp_fast(cp), att_word_cp_category(cp));
    assert_true(att_word_cp_fast(0x1EA1));  /* ạ */
    assert_false(att_word_cp_fast(0x201C)); /* “ */
    assert_true(att_is_word_cp(0x4E2D));    /* 中 */
}

/* Characters counted 16 bytes at a time and in the tail: every length of
 * a text mixing 1-, 2-, 3- and 4-byte characters. */
static void test_utf8_count(void **state)
{
    (void)state;
    const char *s = "Hội đồng Bảo an — 中国 😀 Liên hợp quốc họp khẩn về Ukraine, Gaza và Biển Đông.";
    size_t n = strlen(s), chars = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || ((unsigned char)s[i] & 0xC0) != 0x80) /* a character boundary */
            assert_int_equal(att_utf8_count(s, i), chars);
        if (i < n && ((unsigned char)s[i] & 0xC0) != 0x80)
            chars++;
    }
    assert_int_equal(att_utf8_count(s, n), 76); /* as Python len() counts it */
    assert_int_equal(att_utf8_count("", 0), 0);
}

/* A word whose folded key is empty (a lone combining mark) as the first
 * word of a thread: the cache copied from the empty scratch buffer's NULL
 * data (memcpy with NULL: UBSan; found by fuzz_api with a search query). */
static void *keys_in_new_thread(void *arg)
{
    int *d = arg;
    att_buf e = ATT_BUF_INIT, f = ATT_BUF_INIT;
    *d = att_word_keys("\xcc\x81", 2, &e, &f); /* U+0301 alone */
    if (f.len != 0 || e.len != 2)
        *d = -2;
    att_buf_free(&e);
    att_buf_free(&f);
    att_normalize_thread_end();
    return NULL;
}

static void test_word_keys_empty_folded_first(void **state)
{
    (void)state;
    int d = -1;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, keys_in_new_thread, &d), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(d, 1); /* differs: the folded key is empty */
}

static void test_utf8_prefix(void **state)
{
    (void)state;
    const char *s = "Việt Nam"; /* "ệ" is 3 bytes at offset 2 */
    assert_int_equal(att_utf8_prefix(s, 100), strlen(s));
    assert_int_equal(att_utf8_prefix(s, 5), 5);
    assert_int_equal(att_utf8_prefix(s, 4), 2); /* would cut "ệ" */
    assert_int_equal(att_utf8_prefix(s, 3), 2);
    assert_int_equal(att_utf8_prefix(s, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_strips_accents_and_d),
        cmocka_unit_test(test_fold_other_scripts),
        cmocka_unit_test(test_fold_agrees_with_word_keys),
        cmocka_unit_test(test_fold_words_and_their_hashes),
        cmocka_unit_test(test_hash_view),
        cmocka_unit_test(test_tone_placement_old_style),
        cmocka_unit_test(test_tone_leaves_foreign_words),
        cmocka_unit_test(test_exact_lowercases_and_normalizes),
        cmocka_unit_test(test_nfc_and_validation),
        cmocka_unit_test(test_words_and_keys),
        cmocka_unit_test(test_word_cp_fast_agrees),
        cmocka_unit_test(test_utf8_count),
        cmocka_unit_test(test_utf8_prefix),
        cmocka_unit_test(test_word_keys_empty_folded_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
