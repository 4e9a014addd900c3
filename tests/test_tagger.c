/* test_tagger.c - Vietnamese word segmentation and UPOS tagging with the
 * built-in model: known sentences, lexicon words and the lexicon section, byte ranges, punctuation, numbers,
 * names, empty/invalid/long input, model loading errors, threads. */
#include "test_util.h"

#include <pthread.h>

#include "../src/segment/tagger.h"
#include "../src/segment/tagger_int.h"

static const att_tagger *model(void)
{
    char err[256] = "";
    const att_tagger *t = att_tagger_builtin(err, sizeof err);
    if (!t)
        fail_msg("built-in model: %s", err);
    return t;
}

/* want is "word/TAG|word|...": the words of s in order, each with its tag
 * when "/TAG" (capital letters after the last "/") is given. */
static void check(const char *s, const char *want)
{
    att_tword w[256];
    size_t n = 0;
    char err[256];
    assert_int_equal(att_tag_words(model(), s, strlen(s), w, 256, &n, 0, err, sizeof err), ATT_OK);
    char got[4096] = "";
    size_t gl = 0;
    for (size_t i = 0; i < n; i++)
        gl += (size_t)snprintf(got + gl, sizeof got - gl, "%s%.*s/%s", i ? "|" : "", (int)(w[i].to - w[i].from),
                               s + w[i].from, att_upos_name((att_upos)w[i].upos));
    size_t i = 0;
    const char *p = want;
    for (;;) {
        size_t il = strcspn(p, "|");
        size_t wl = il;
        const char *tag = NULL;
        size_t tl = 0;
        for (size_t k = il; k-- > 1;)
            if (p[k] == '/') {
                size_t j = k + 1;
                while (j < il && p[j] >= 'A' && p[j] <= 'Z')
                    j++;
                if (j == il && j > k + 1) {
                    wl = k;
                    tag = p + k + 1;
                    tl = il - k - 1;
                }
                break;
            }
        if (i >= n || w[i].to - w[i].from != wl || memcmp(s + w[i].from, p, wl) != 0)
            fail_msg("segmenting [%s]\n  want %s\n  got  %s", s, want, got);
        const char *gt = att_upos_name((att_upos)w[i].upos);
        if (tag && (strlen(gt) != tl || memcmp(gt, tag, tl) != 0))
            fail_msg("tagging [%s]\n  want %s\n  got  %s", s, want, got);
        i++;
        if (!p[il])
            break;
        p += il + 1;
    }
    if (i != n)
        fail_msg("segmenting [%s]\n  want %s\n  got  %s", s, want, got);
}

static void test_upos_names(void **state)
{
    (void)state;
    assert_string_equal(att_upos_name(ATT_UPOS_PROPN), "PROPN");
    assert_string_equal(att_upos_name(ATT_UPOS_X), "X");
    assert_string_equal(att_upos_name((att_upos)99), "X");
    for (int i = 0; i < ATT_UPOS__N; i++) {
        const char *nm = att_upos_name((att_upos)i);
        assert_int_equal(att_upos_parse(nm, strlen(nm)), i);
    }
    assert_int_equal(att_upos_vtb_legacy(ATT_UPOS_PROPN), ATT_UPOS_NOUN);
    assert_int_equal(att_upos_vtb_legacy(ATT_UPOS_PRON), ATT_UPOS_PROPN);
    assert_int_equal(att_upos_vtb_legacy(ATT_UPOS_ADV), ATT_UPOS_X);
    assert_int_equal(att_upos_vtb_legacy(ATT_UPOS_CCONJ), ATT_UPOS_SCONJ);
    assert_int_equal(att_upos_vtb_legacy(ATT_UPOS_SCONJ), ATT_UPOS_CCONJ);
    assert_int_equal(att_upos_vtb_legacy(ATT_UPOS_VERB), ATT_UPOS_VERB);
    assert_int_equal(att_upos_parse("NOUNS", 5), -1);
    assert_int_equal(att_upos_parse("noun", 4), -1);
}

static void test_known_sentences(void **state)
{
    (void)state;
    check("Việt Nam sẵn sàng hợp tác với Hoa Kỳ.",
          "Việt Nam/PROPN|sẵn sàng|hợp tác/VERB|với/ADP|Hoa Kỳ/PROPN|./PUNCT");
    check("Chính phủ Trung Quốc phản đối kế hoạch của Nhật Bản.",
          "Chính phủ/NOUN|Trung Quốc/PROPN|phản đối/VERB|kế hoạch/NOUN|của/ADP|Nhật Bản/PROPN|./PUNCT");
    check("Hai nước ký thỏa thuận hợp tác quốc phòng.",
          "Hai/NUM|nước/NOUN|ký/VERB|thỏa thuận|hợp tác|quốc phòng/NOUN|./PUNCT");
    check("Tôi không biết anh ấy ở đâu.", "Tôi/PRON|không/ADV|biết/VERB|anh|ấy|ở|đâu|./PUNCT");
    check("Tổng thống Joe Biden nói rằng Mỹ sẽ tăng cường hợp tác với Việt Nam.",
          "Tổng thống/NOUN|Joe Biden/PROPN|nói/VERB|rằng|Mỹ/PROPN|sẽ/ADV|tăng cường/VERB|hợp tác|với|Việt Nam/PROPN|.");
}

/* Words the treebank release lacks but tools/tagger_words_vtb.txt lists
 * (from the treebank's later sentences): kept whole and tagged by the
 * lexicon's tag (invented sentences; the model before the list split
 * thu|gom, nước|sạch, thong|thả, tuổi|xuân, cầm|cự, mặt|biển and tagged
 * sa_mạc VERB). */
static void test_lexicon_words(void **state)
{
    (void)state;
    check("Người dân thu gom rác thải để có nước sạch.",
          "Người|dân|thu gom/VERB|rác thải/NOUN|để|có/VERB|nước sạch/NOUN|./PUNCT");
    check("Bà cụ thong thả kể về tuổi xuân của mình.",
          "Bà cụ/NOUN|thong thả/ADJ|kể/VERB|về|tuổi xuân/NOUN|của/ADP|mình/PRON|./PUNCT");
    check("Quân đội cầm cự suốt ba tháng trên mặt biển.",
          "Quân đội/NOUN|cầm cự/VERB|suốt|ba/NUM|tháng/NOUN|trên/ADP|mặt biển/NOUN|./PUNCT");
    check("Cảnh sát tìm thấy thi thể gần sa mạc.", "Cảnh sát/NOUN|tìm/VERB|thấy/VERB|thi thể/NOUN|gần|sa mạc/NOUN|./PUNCT");
}

/* The optional lexicon section: a word's listed tag is a tagging feature. */
static void test_lexicon_section(void **state)
{
    (void)state;
    att_tk tk;
    size_t p = 0;
    assert_true(att_tk_next("ab", 2, &p, &tk));
    att_wd wd;
    att_wd_make(&wd, &tk, 0, 1);
    assert_int_equal(wd.lex, 0);
    wd.lex = 1 + ATT_UPOS_VERB;
    uint64_t f[ATT_POS_NF];
    size_t nf = att_pos_feats(&wd, 1, 0, ATT_UPOS__N, ATT_UPOS__N, f);
    wd.lex = 0;
    uint64_t f0[ATT_POS_NF];
    assert_int_equal(att_pos_feats(&wd, 1, 0, ATT_UPOS__N, ATT_UPOS__N, f0) + 2, nf);
    /* one tagging feature: "the lexicon says VERB" votes VERB */
    char base[512], buf[768], err[256];
    snprintf(base, sizeof base,
             "attache-tagger 1\ntrans 0 0 0 0 0 0\nseg 0\npos 1\n%llx %d:2\nposr 0\ndict 0\ntagdict 0\nsyls 0\n",
             (unsigned long long)f[nf - 2], ATT_UPOS_VERB);
    att_tagger *t = NULL;
    att_tword w[4];
    size_t n;
    assert_int_equal(att_tagger_open(base, strlen(base), &t, err, sizeof err), ATT_OK);
    assert_int_equal(att_tag_words(t, "ab", 2, w, 4, &n, 0, NULL, 0), ATT_OK);
    assert_int_equal(n, 1);
    assert_int_not_equal(w[0].upos, ATT_UPOS_VERB); /* not listed */
    att_tagger_free(t);
    snprintf(buf, sizeof buf, "%slex 1\n%llx %d\n", base, (unsigned long long)wd.key, 1 + ATT_UPOS_VERB);
    assert_int_equal(att_tagger_open(buf, strlen(buf), &t, err, sizeof err), ATT_OK);
    assert_int_equal(att_tag_words(t, "ab", 2, w, 4, &n, 0, NULL, 0), ATT_OK);
    assert_int_equal(w[0].upos, ATT_UPOS_VERB);
    assert_int_equal(att_tag_words(t, "ab cd", 5, w, 4, &n, 0, NULL, 0), ATT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(w[0].upos, ATT_UPOS_VERB);
    assert_int_not_equal(w[1].upos, ATT_UPOS_VERB);
    att_tagger_free(t);
    /* a tag out of range (0 is "not listed", 18 past the last tag): a clear error */
    snprintf(buf, sizeof buf, "%slex 1\n%llx 0\n", base, (unsigned long long)wd.key);
    assert_int_equal(att_tagger_open(buf, strlen(buf), &t, err, sizeof err), ATT_ERR_FORMAT);
    assert_null(t);
    assert_contains(err, "bad or missing lexicon line");
    snprintf(buf, sizeof buf, "%slex 2\n%llx 18\n", base, (unsigned long long)wd.key);
    assert_int_equal(att_tagger_open(buf, strlen(buf), &t, err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "lexicon");
}

static void test_punctuation_and_numbers(void **state)
{
    (void)state;
    check("Xin chào, thế giới!", "Xin|chào|,/PUNCT|thế giới|!/PUNCT");
    check("Giá tăng 1.000 đồng, lên 56,5 triệu ngày 10/9/2023.",
          "Giá|tăng|1.000/NUM|đồng|,/PUNCT|lên|56,5/NUM|triệu|ngày|10/9/2023/NUM|./PUNCT");
    check("\"Chúng tôi sẵn sàng\", ông nói (theo Reuters)...",
          "\"/PUNCT|Chúng tôi/PRON|sẵn sàng|\"/PUNCT|,/PUNCT|ông|nói/VERB|(/PUNCT|theo|Reuters|)/PUNCT|.../PUNCT");
    check("Xem dantri.com.vn hoặc gửi thư tới a.b@example.com.",
          "Xem|dantri.com.vn|hoặc|gửi|thư|tới|a.b@example.com|./PUNCT");
}

/* Names from the project's lists stay whole wherever they are, when
 * written capitalised. */
static void test_names_kept_whole(void **state)
{
    (void)state;
    check("Việt Nam", "Việt Nam/PROPN");
    check("người Việt Nam ở Thổ Nhĩ Kỳ", "người|Việt Nam|ở|Thổ Nhĩ Kỳ");
}

/* Every non-space byte in exactly one word, words in order, each word
 * starting and ending on a non-space, no space outside words except
 * between them. */
static void check_cover(const char *s, size_t len, const att_tword *w, size_t n)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(w[i].from >= at);
        assert_true(w[i].to > w[i].from);
        assert_true(w[i].to <= len);
        assert_true(w[i].nsyl >= 1);
        assert_true(w[i].upos < ATT_UPOS__N);
        assert_false(s[w[i].from] == ' ' || s[w[i].to - 1] == ' ');
        for (size_t k = at; k < w[i].from; k++)
            assert_true(s[k] == ' ' || s[k] == '\t' || s[k] == '\n');
        at = w[i].to;
    }
    for (size_t k = at; k < len; k++)
        assert_true(s[k] == ' ' || s[k] == '\t' || s[k] == '\n');
}

static void test_ranges_cover_input(void **state)
{
    (void)state;
    const char *texts[] = {
        "  Ngày 2/6, tại New Delhi, Bộ trưởng Quốc phòng hai nước đã ký thỏa thuận về hậu cần.  ",
        "Theo dõi Baoquocte.vn trên\tGoogle News!!! (ảnh: AFP) – “Chúng tôi sẵn sàng,” ông nói…",
        "a", ".", "1", "...?!", "ÁÂĂ ĐĐĐ 123abc x-y-z O'Neil",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        att_tword w[512];
        size_t n = 0, len = strlen(texts[i]);
        assert_int_equal(att_tag_words(model(), texts[i], len, w, 512, &n, 0, NULL, 0), ATT_OK);
        assert_true(n > 0);
        check_cover(texts[i], len, w, n);
    }
}

static void test_empty_and_errors(void **state)
{
    (void)state;
    att_tword w[8];
    size_t n = 7;
    char err[256] = "";
    assert_int_equal(att_tag_words(model(), "", 0, w, 8, &n, 0, err, sizeof err), ATT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(att_tag_words(model(), NULL, 0, NULL, 0, &n, 0, err, sizeof err), ATT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(att_tag_words(model(), " \t\n \xc2\xa0 ", 7, w, 8, &n, 0, err, sizeof err), ATT_OK);
    assert_int_equal(n, 0);
    /* invalid UTF-8: a lone continuation byte, a truncated sequence, NUL */
    assert_int_equal(att_tag_words(model(), "Hà \x80 Nội", 10, w, 8, &n, 0, err, sizeof err), ATT_ERR_UTF8);
    assert_contains(err, "byte 4");
    assert_int_equal(n, 0);
    assert_int_equal(att_tag_words(model(), "Hà N\xe1\xbb", 6, w, 8, &n, 0, err, sizeof err), ATT_ERR_UTF8);
    assert_int_equal(att_tag_words(model(), "a\0b", 3, w, 8, &n, 0, err, sizeof err), ATT_ERR_UTF8);
    /* NULL arguments */
    assert_int_equal(att_tag_words(NULL, "a", 1, w, 8, &n, 0, err, sizeof err), ATT_ERR_USAGE);
    assert_int_equal(att_tag_words(model(), "a", 1, w, 8, NULL, 0, err, sizeof err), ATT_ERR_USAGE);
    assert_int_equal(att_tag_words(model(), NULL, 3, w, 8, &n, 0, err, sizeof err), ATT_ERR_USAGE);
    /* too small an output: the first cap words, then ATT_ERR_TOOBIG */
    const char *s = "Việt Nam sẵn sàng hợp tác với Hoa Kỳ.";
    assert_int_equal(att_tag_words(model(), s, strlen(s), w, 3, &n, 0, err, sizeof err), ATT_ERR_TOOBIG);
    assert_int_equal(n, 3);
    assert_memory_equal(s + w[2].from, "hợp tác", w[2].to - w[2].from);
}

static void test_nopos_flag(void **state)
{
    (void)state;
    const char *s = "Hai nước ký thỏa thuận hợp tác quốc phòng.";
    att_tword a[32], b[32];
    size_t na, nb;
    assert_int_equal(att_tag_words(model(), s, strlen(s), a, 32, &na, 0, NULL, 0), ATT_OK);
    assert_int_equal(att_tag_words(model(), s, strlen(s), b, 32, &nb, ATT_TAG_NOPOS, NULL, 0), ATT_OK);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].from, b[i].from);
        assert_int_equal(a[i].to, b[i].to);
        assert_int_equal(b[i].upos, ATT_UPOS_X);
    }
    /* the treebank's legacy tags: the same words, each tag mapped */
    assert_int_equal(att_tag_words(model(), s, strlen(s), b, 32, &nb, ATT_TAG_VTB_LEGACY, NULL, 0), ATT_OK);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++)
        assert_int_equal(b[i].upos, att_upos_vtb_legacy((att_upos)a[i].upos));
}

/* A text far longer than one decoding chunk: same words as its pieces,
 * ranges cover it, and the sentence's words come out at every repetition. */
static void test_long_input(void **state)
{
    (void)state;
    const char *s = "Việt Nam sẵn sàng hợp tác với Hoa Kỳ, ";
    size_t sl = strlen(s), reps = 5000, len = sl * reps;
    char *text = malloc(len + 1);
    att_tword *w = malloc((len + 1) * sizeof *w);
    assert_non_null(text);
    assert_non_null(w);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * sl, s, sl);
    text[len] = 0;
    size_t n = 0;
    assert_int_equal(att_tag_words(model(), text, len, w, len + 1, &n, 0, NULL, 0), ATT_OK);
    check_cover(text, len, w, n);
    assert_int_equal(n, reps * 6); /* Việt Nam, sẵn sàng, hợp tác, với, Hoa Kỳ and the comma */
    size_t names = 0;
    for (size_t i = 0; i < n; i++)
        names += w[i].to - w[i].from == strlen("Việt Nam") && !memcmp(text + w[i].from, "Việt Nam", w[i].to - w[i].from);
    assert_int_equal(names, reps);
    /* one "word" of 200,000 letters: one token, one word */
    memset(text, 'a', len);
    assert_int_equal(att_tag_words(model(), text, len, w, len + 1, &n, 0, NULL, 0), ATT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(w[0].to, len);
    free(text);
    free(w);
}

static void test_open_errors(void **state)
{
    (void)state;
    att_tagger *t = (att_tagger *)0x1;
    char err[256] = "";
    assert_int_equal(att_tagger_open("hello", 5, &t, err, sizeof err), ATT_ERR_FORMAT);
    assert_null(t);
    assert_contains(err, "not an attache tagger model");
    const char *trunc = "attache-tagger 1\ntrans 0 0 0 0 0 0\nseg 3\nabc 1\n";
    assert_int_equal(att_tagger_open(trunc, strlen(trunc), &t, err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "line");
    /* a tiny valid model: no features, so every token is its own word */
    const char *tiny = "# c\nattache-tagger 1\ntrans 0 0 0 0 0 0\nseg 1\n1f 2.5\npos 1\n2a 7:1.5 15:-1\nposr 0\ndict 1\n3b n\ntagdict 1\n4c 12\n";
    assert_int_equal(att_tagger_open(tiny, strlen(tiny), &t, err, sizeof err), ATT_OK);
    att_tword w[8];
    size_t n;
    assert_int_equal(att_tag_words(t, "ab cd.", 6, w, 8, &n, 0, NULL, 0), ATT_OK);
    assert_int_equal(n, 3);
    att_tagger_free(t);
    att_tagger_free(NULL);
    /* the optional syllable classes: loaded when well-formed, a clear error when not */
    char buf[512];
    snprintf(buf, sizeof buf, "%ssyls 2\n5d 7\n6e 181\n", tiny);
    assert_int_equal(att_tagger_open(buf, strlen(buf), &t, err, sizeof err), ATT_OK);
    assert_int_equal(att_tag_words(t, "ab cd.", 6, w, 8, &n, 0, NULL, 0), ATT_OK);
    assert_int_equal(n, 3);
    att_tagger_free(t);
    snprintf(buf, sizeof buf, "%ssyls 2\n5d 7\n6e 0\n", tiny);
    assert_int_equal(att_tagger_open(buf, strlen(buf), &t, err, sizeof err), ATT_ERR_FORMAT);
    assert_null(t);
    assert_contains(err, "line 15: bad or missing syllable line");
    snprintf(buf, sizeof buf, "%sextra 1\n", tiny);
    assert_int_equal(att_tagger_open(buf, strlen(buf), &t, err, sizeof err), ATT_ERR_FORMAT);
    assert_contains(err, "want \"syls N\"");
}

typedef struct job {
    const char *text;
    att_tword w[64];
    size_t n;
    att_status st;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    for (int k = 0; k < 50 && j->st == ATT_OK; k++)
        j->st = att_tag_words(model(), j->text, strlen(j->text), j->w, 64, &j->n, 0, NULL, 0);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    const char *s = "Bộ trưởng Ngoại giao Bùi Thanh Sơn cho biết hai nước sẽ nâng cấp quan hệ.";
    att_tword ref[64];
    size_t nref;
    assert_int_equal(att_tag_words(model(), s, strlen(s), ref, 64, &nref, 0, NULL, 0), ATT_OK);
    job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].text = s;
        jobs[i].st = ATT_OK;
        assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(jobs[i].st, ATT_OK);
        assert_int_equal(jobs[i].n, nref);
        for (size_t k = 0; k < nref; k++) {
            assert_int_equal(jobs[i].w[k].from, ref[k].from);
            assert_int_equal(jobs[i].w[k].to, ref[k].to);
            assert_int_equal(jobs[i].w[k].upos, ref[k].upos);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_upos_names),
        cmocka_unit_test(test_known_sentences),
        cmocka_unit_test(test_lexicon_words),
        cmocka_unit_test(test_lexicon_section),
        cmocka_unit_test(test_punctuation_and_numbers),
        cmocka_unit_test(test_names_kept_whole),
        cmocka_unit_test(test_ranges_cover_input),
        cmocka_unit_test(test_empty_and_errors),
        cmocka_unit_test(test_nopos_flag),
        cmocka_unit_test(test_long_input),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
