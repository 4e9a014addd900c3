/* test_pretok.c - parallel ingest's split of storing an article: the row
 * and the index tokens prepared in another thread (att_store_prepare with
 * pretokenize), written by att_store_put_prepared, give the same database
 * as att_store_put_article - the same full-text and headline index bytes,
 * the same vocabulary, the same search results. */
#include "test_util.h"

#include <pthread.h>
#include <sqlite3.h>
#include <unistd.h>

#include "../src/normalize/normalize.h"
#include "../src/store/fts_tokenizer.h"
#include "../src/store/search.h"
#include "../src/store/store.h"

/* Remove a database and its WAL files. */
static void remove_db(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

static att_store *open_fresh(char *path, size_t cap, const char *tag)
{
    snprintf(path, cap, "/tmp/attache-pretok-%d-%s.db", (int)getpid(), tag);
    remove_db(path);
    att_store *s = NULL;
    char err[256];
    assert_int_equal(att_store_open(path, &s, err, sizeof err), ATT_OK);
    return s;
}

/* Articles with accented and unaccented words, pair syllables ("hội
 * đồng", "quan hệ"), repeated words, a duplicate, one without a lead and
 * one without a title. */
#define N_ART 7
static const char *const art[N_ART][3] = {
    {"Hội đồng Bảo an họp khẩn", "Hội đồng Bảo an Liên hợp quốc họp khẩn về Ukraine.",
     "Các nước thành viên Hội đồng Bảo an thảo luận. Quan hệ song phương được nhắc lại; hội đồng sẽ họp tiếp."},
    {"Quan hệ Việt - Mỹ", NULL, "Quan hệ hai nước phát triển tốt đẹp. Hợp tác quốc phòng và kinh tế, ASEAN 2024."},
    {NULL, "Tin ngắn không có tiêu đề.", "Bộ Ngoại giao thông báo: đàm phán thương mại tiếp tục."},
    {"Hoà bình và hòa bình", "Hai cách bỏ dấu: hoà, hòa.", "Thỏa thuận hoà bình được ký kết tại Hà Nội."},
    {"Quan hệ Việt - Mỹ", NULL, "Quan hệ hai nước phát triển tốt đẹp. Hợp tác quốc phòng và kinh tế, ASEAN 2024."},
    {"Biển Đông", "Tình hình Biển Đông căng thẳng.", "Trung Quốc, Philippines và Việt Nam bàn về Biển Đông. Biển Đông!"},
    {"Đảng và đang", "đảng đang đăng", "Một bài về chữ đảng, đang, đăng và đắng; hội nghị đảng."},
};

static void make(att_article *a, size_t i)
{
    att_article_init(a);
    if (art[i][0])
        att_article_set(&a->title, art[i][0], (size_t)-1);
    if (art[i][1])
        att_article_set(&a->lead, art[i][1], (size_t)-1);
    att_article_set(&a->source, "test", (size_t)-1);
    att_article_add_para(a, art[i][2], strlen(art[i][2]), ATT_PARA_TEXT);
}

typedef struct job {
    const att_store *s;
    att_article *a;
    att_store_prep *p[N_ART];
} job;

static void *prepare_all(void *arg)
{
    job *j = arg;
    for (size_t i = 0; i < N_ART; i++)
        j->p[i] = att_store_prepare(j->s, &j->a[i], 1);
    att_normalize_thread_end(); /* as ingest's workers do: the key cache is the thread's */
    return NULL;
}

/* The rows of sql, one line per row, columns as text/hex. */
static char *dump(att_store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(att_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    size_t cap = 1 << 16, len = 0;
    char *out = calloc(1, cap);
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            size_t n = v ? strlen(v) : 4;
            while (len + n + 2 >= cap)
                out = realloc(out, cap *= 2);
            memcpy(out + len, v ? v : "NULL", n);
            len += n;
            out[len++] = c + 1 < sqlite3_column_count(st) ? '\t' : '\n';
            out[len] = '\0';
        }
    sqlite3_finalize(st);
    return out;
}

static char *hits(att_store *s, const char *q)
{
    att_hit *h = NULL;
    size_t n = 0;
    char err[256];
    assert_int_equal(att_search(s, q, 10, "[", "]", &h, &n, err, sizeof err), ATT_OK);
    char *out = calloc(1, 4096);
    size_t len = 0;
    for (size_t i = 0; i < n && len < 3800; i++)
        len += (size_t)snprintf(out + len, 4096 - len, "%lld %s\n", (long long)h[i].id,
                                h[i].snippet ? h[i].snippet : "");
    att_hits_free(h, n);
    return out;
}

static void test_prepared_equals_direct(void **state)
{
    (void)state;
    char pa[96], pb[96];
    att_store *a = open_fresh(pa, sizeof pa, "a"), *b = open_fresh(pb, sizeof pb, "b");
    att_article arts[N_ART];
    for (size_t i = 0; i < N_ART; i++)
        make(&arts[i], i);
    /* b's preparations are made in another thread, as ingest's workers do */
    job j = {b, arts, {NULL}};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, prepare_all, &j), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    char err[256];
    assert_int_equal(att_store_begin(a, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_begin(b, err, sizeof err), ATT_OK);
    for (size_t i = 0; i < N_ART; i++) {
        int64_t ia, ib;
        int na, nb;
        assert_non_null(j.p[i]);
        assert_int_equal(att_store_put_article(a, &arts[i], &ia, &na, err, sizeof err), ATT_OK);
        assert_int_equal(att_store_put_prepared(b, &arts[i], j.p[i], &ib, &nb, err, sizeof err), ATT_OK);
        assert_int_equal(ia, ib);
        assert_int_equal(na, nb);
        assert_int_equal(na, i != 4); /* article 4 is a copy of 1 */
        att_store_prep_free(j.p[i]);
    }
    assert_int_equal(att_store_commit(a, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_commit(b, err, sizeof err), ATT_OK);
    static const char *const same[] = {
        "SELECT id, hex(block) FROM articles_fts_data ORDER BY id",
        "SELECT id, hex(block) FROM headlines_fts_data ORDER BY id",
        "SELECT id, hex(sz) FROM articles_fts_docsize ORDER BY id",
        "SELECT folded, exact FROM vocab ORDER BY folded, exact",
        "SELECT id, content_hash, title, lead, body, authors, headings FROM articles ORDER BY id",
    };
    for (size_t k = 0; k < sizeof same / sizeof same[0]; k++) {
        char *da = dump(a, same[k]), *db = dump(b, same[k]);
        assert_true(strlen(da) > 0);
        assert_string_equal(da, db);
        free(da);
        free(db);
    }
    /* the vocabulary got the replayed notes: words and pairs */
    char *v = dump(b, "SELECT exact FROM vocab WHERE exact IN ('hội', 'hội đồng', 'đảng')"
                      " ORDER BY exact");
    assert_string_equal(v, "hội\nhội đồng\nđảng\n");
    free(v);
    static const char *const queries[] = {"hoi dong bao an", "\"Hội đồng Bảo an\"", "quan he",
                                          "Đảng", "dang", "hoa binh", "bien dong", "ngoai*"};
    for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
        char *ha = hits(a, queries[k]), *hb = hits(b, queries[k]);
        assert_string_equal(ha, hb);
        free(ha);
        free(hb);
    }
    char *h = hits(b, "hoi dong bao an");
    assert_contains(h, "1 ");
    free(h);
    for (size_t i = 0; i < N_ART; i++)
        att_article_free(&arts[i]);
    att_store_close(a);
    att_store_close(b);
    remove_db(pa);
    remove_db(pb);
}

/* A recording is replayed only for a text of the same bytes: a title
 * changed after it was recorded (a misuse, but it must not corrupt the
 * index) is tokenized as usual. */
static void test_mismatch_tokenizes(void **state)
{
    (void)state;
    char pa[96], pb[96];
    att_store *a = open_fresh(pa, sizeof pa, "c"), *b = open_fresh(pb, sizeof pb, "d");
    att_article x;
    make(&x, 0);
    att_store_prep *p = att_store_prepare(b, &x, 1);
    assert_non_null(p);
    /* "Hội đồng" -> "Hỏi đồng": the same length, other bytes */
    char *o = strstr(x.title, "ộ");
    assert_non_null(o);
    memcpy(o, "ỏ", strlen("ỏ"));
    char err[256];
    int64_t ia, ib;
    int na, nb;
    assert_int_equal(att_store_put_article(a, &x, &ia, &na, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_put_prepared(b, &x, p, &ib, &nb, err, sizeof err), ATT_OK);
    att_store_prep_free(p);
    static const char *const same[] = {
        "SELECT id, hex(block) FROM articles_fts_data ORDER BY id",
        "SELECT id, hex(block) FROM headlines_fts_data ORDER BY id",
        "SELECT folded, exact FROM vocab ORDER BY folded, exact",
    };
    for (size_t k = 0; k < sizeof same / sizeof same[0]; k++) {
        char *da = dump(a, same[k]), *db = dump(b, same[k]);
        assert_string_equal(da, db);
        free(da);
        free(db);
    }
    char *h = hits(b, "\"Hỏi đồng\""); /* the title as written, not as recorded */
    assert_string_equal(h, "1 Hội đồng Bảo an Liên hợp quốc họp khẩn về Ukraine. Các nước thành viên Hội…\n");
    free(h);
    att_article_free(&x);
    att_store_close(a);
    att_store_close(b);
    remove_db(pa);
    remove_db(pb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prepared_equals_direct),
        cmocka_unit_test(test_mismatch_tokenizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
