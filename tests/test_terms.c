/* test_terms.c - the index vocabulary: exact keys grouped by folded key,
 * prefix expansion, and keeping the vocab table in step with commits and
 * rollbacks. */
#include "test_util.h"

#include <sqlite3.h>

#include "../src/store/terms.h"

typedef struct got {
    char v[16][32];
    size_t n;
} got;

static int collect(void *ctx, const char *s, size_t n)
{
    got *g = ctx;
    if (g->n < 16 && n < 32) {
        memcpy(g->v[g->n], s, n);
        g->v[g->n][n] = '\0';
        g->n++;
    }
    return 0;
}

static int has(const got *g, const char *s)
{
    for (size_t i = 0; i < g->n; i++)
        if (!strcmp(g->v[i], s))
            return 1;
    return 0;
}

#define NOTE(t, e, f) assert_int_equal(att_terms_note(t, e, strlen(e), f, strlen(f)), ATT_OK)

static void test_variants_and_prefixes(void **state)
{
    (void)state;
    att_terms *t;
    assert_int_equal(att_terms_new(&t), ATT_OK);
    NOTE(t, "đang", "dang");
    NOTE(t, "đảng", "dang");
    NOTE(t, "đang", "dang"); /* known: not added twice */
    NOTE(t, "danh", "danh");   /* its own folded key: not recorded */
    NOTE(t, "ngoại", "ngoai");
    NOTE(t, "ngoài", "ngoai");
    NOTE(t, "ngoan", "ngoan");
    NOTE(t, "người", "nguoi");
    assert_int_equal(att_terms_size(t), 5);
    got g = {0};
    assert_int_equal(att_terms_variants(t, "dang", 4, 0, collect, &g), 2);
    assert_true(has(&g, "đang") && has(&g, "đảng"));
    memset(&g, 0, sizeof g);
    assert_int_equal(att_terms_variants(t, "danh", 4, 0, collect, &g), 0);
    /* prefix: the keys' distinct beginnings other than the prefix itself */
    assert_int_equal(att_terms_variants(t, "ngoa", 4, 1, collect, &g), 2);
    assert_true(has(&g, "ngoạ") && has(&g, "ngoà"));
    memset(&g, 0, sizeof g);
    assert_int_equal(att_terms_variants(t, "ngu", 3, 1, collect, &g), 1);
    assert_string_equal(g.v[0], "ngư");
    memset(&g, 0, sizeof g);
    assert_int_equal(att_terms_variants(t, "ng", 2, 1, collect, &g), 0);
    /* many entries: the tables grow and still find everything */
    char e[16], f[16];
    for (int i = 0; i < 20000; i++) {
        snprintf(e, sizeof e, "đ%d", i);
        snprintf(f, sizeof f, "d%d", i);
        NOTE(t, e, f);
    }
    memset(&g, 0, sizeof g);
    assert_int_equal(att_terms_variants(t, "dang", 4, 0, collect, &g), 2);
    assert_int_equal(att_terms_variants(t, "d19999", 6, 0, collect, &g), 1);
    att_terms_free(t);
}

static int count_rows(sqlite3 *db)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM vocab", -1, &st, NULL);
    sqlite3_step(st);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_table_follows_transactions(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE vocab(folded TEXT NOT NULL, exact TEXT NOT NULL,"
                                      " PRIMARY KEY(folded, exact)) WITHOUT ROWID", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_stmt *ins;
    assert_int_equal(sqlite3_prepare_v2(db, ATT_TERMS_INSERT_SQL, -1, &ins, NULL), SQLITE_OK);
    att_terms *t;
    assert_int_equal(att_terms_new(&t), ATT_OK);
    /* written in a transaction that rolls back: written again with the next */
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    NOTE(t, "hòa", "hoa");
    assert_int_equal(att_terms_flush(t, ins), ATT_OK);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    att_terms_end(t, 0);
    assert_int_equal(count_rows(db), 0);
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    NOTE(t, "bình", "binh");
    assert_int_equal(att_terms_flush(t, ins), ATT_OK);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    att_terms_end(t, 1);
    assert_int_equal(count_rows(db), 2);
    /* committed: not written again; outside a transaction: written at once */
    assert_int_equal(att_terms_flush(t, ins), ATT_OK);
    NOTE(t, "hữu", "huu");
    assert_int_equal(att_terms_flush(t, ins), ATT_OK);
    assert_int_equal(count_rows(db), 3);
    /* without a statement the entries stay queued */
    NOTE(t, "đảng", "dang");
    assert_int_equal(att_terms_flush(t, NULL), ATT_ERR_DB);
    assert_int_equal(att_terms_flush(t, ins), ATT_OK);
    assert_int_equal(count_rows(db), 4);
    sqlite3_finalize(ins);
    att_terms_free(t);
    /* loading gives the same variants */
    assert_int_equal(att_terms_new(&t), ATT_OK);
    assert_int_equal(att_terms_load(t, db), ATT_OK);
    assert_int_equal(att_terms_size(t), 4);
    got g = {0};
    assert_int_equal(att_terms_variants(t, "hoa", 3, 0, collect, &g), 1);
    assert_string_equal(g.v[0], "hòa");
    att_terms_free(t);
    sqlite3_close(db);
}

/* The cheap "is this pair recorded" answers: numbers per exact key,
 * stable and distinct; a pair known only once marked, in its own order;
 * keys without a number (too long, or past the 1,023 numbered) never
 * known, so the caller asks the vocabulary itself. */
static void test_pair_numbers(void **state)
{
    (void)state;
    att_terms *t;
    assert_int_equal(att_terms_new(&t), ATT_OK);
    unsigned hoi = att_terms_pair_key(t, "hội", strlen("hội"));
    unsigned dong = att_terms_pair_key(t, "đồng", strlen("đồng"));
    unsigned hoi2 = att_terms_pair_key(t, "hỏi", strlen("hỏi"));
    assert_true(hoi && dong && hoi2);
    assert_true(hoi != dong && hoi != hoi2 && dong != hoi2);
    assert_int_equal(att_terms_pair_key(t, "hội", strlen("hội")), hoi);
    assert_int_equal(att_terms_pair_key(t, "", 0), 0);
    assert_int_equal(att_terms_pair_key(t, "nghiêngnghiêngnghiêng", strlen("nghiêngnghiêngnghiêng")), 0);
    assert_false(att_terms_pair_known(t, hoi, dong));
    att_terms_pair_mark(t, hoi, dong);
    assert_true(att_terms_pair_known(t, hoi, dong));
    assert_false(att_terms_pair_known(t, dong, hoi));
    assert_false(att_terms_pair_known(t, hoi2, dong));
    att_terms_pair_mark(t, 0, dong); /* no number: nothing is marked */
    assert_false(att_terms_pair_known(t, 0, dong));
    /* numbers run out after 1,023 keys */
    char key[16];
    unsigned last = 0;
    for (int i = 0; i < 1100; i++) {
        snprintf(key, sizeof key, "k%d", i);
        unsigned n = att_terms_pair_key(t, key, strlen(key));
        if (i < 1020)
            assert_true(n > 0);
        if (n)
            last = n;
        else
            assert_true(i >= 1020);
    }
    assert_int_equal(last, 1023);
    snprintf(key, sizeof key, "k%d", 1099);
    assert_int_equal(att_terms_pair_key(t, key, strlen(key)), 0);
    assert_int_equal(att_terms_pair_key(t, "hội", strlen("hội")), hoi); /* still numbered */
    att_terms_free(t);
}

/* The tokenizer's questions: the table answers what the bits do not know
 * yet, and a pair found there or noted is known from then on. */
static void test_pair_questions(void **state)
{
    (void)state;
    att_terms *t;
    assert_int_equal(att_terms_new(&t), ATT_OK);
    unsigned hoi2 = att_terms_pair_key(t, "hỏi", strlen("hỏi"));
    unsigned hoa = att_terms_pair_key(t, "hòa", strlen("hòa"));
    unsigned binh = att_terms_pair_key(t, "bình", strlen("bình"));
    assert_false(att_terms_has_pair(t, hoa, binh, "hòa bình", strlen("hòa bình")));
    NOTE(t, "hòa bình", "hoa binh");
    assert_false(att_terms_pair_known(t, hoa, binh));
    assert_true(att_terms_has_pair(t, hoa, binh, "hòa bình", strlen("hòa bình")));
    assert_true(att_terms_pair_known(t, hoa, binh));
    assert_false(att_terms_has_pair(t, hoi2, binh, "hỏi bình", strlen("hỏi bình")));
    assert_int_equal(att_terms_note_pair(t, hoi2, binh, "hỏi bình", strlen("hỏi bình"), "hoi binh", 8), ATT_OK);
    assert_true(att_terms_pair_known(t, hoi2, binh));
    assert_true(att_terms_has(t, "hỏi bình", strlen("hỏi bình")));
    /* a key without a number: the table alone */
    assert_true(att_terms_has_pair(t, 0, binh, "hòa bình", strlen("hòa bình")));
    att_terms_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variants_and_prefixes),
        cmocka_unit_test(test_table_follows_transactions),
        cmocka_unit_test(test_pair_numbers),
        cmocka_unit_test(test_pair_questions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
