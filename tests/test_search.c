/* test_search.c - the store and full-text search: schema, dedup, ranking,
 * accent-insensitive and exact matching, phrases, snippets, query safety. */
#include "test_util.h"

#include <sqlite3.h>
#include <unistd.h>

#include "../src/store/search.h"
#include "../src/store/store.h"

static char db_path[64];

static att_store *open_fresh(void)
{
    snprintf(db_path, sizeof db_path, "/tmp/attache-test-%d.db", (int)getpid());
    char wal[80], shm[80];
    snprintf(wal, sizeof wal, "%s-wal", db_path);
    snprintf(shm, sizeof shm, "%s-shm", db_path);
    unlink(db_path);
    unlink(wal);
    unlink(shm);
    att_store *s = NULL;
    char err[256];
    assert_int_equal(att_store_open(db_path, &s, err, sizeof err), ATT_OK);
    return s;
}

static int64_t put(att_store *s, const char *title, const char *body, int *was_new)
{
    att_article a;
    att_article_init(&a);
    att_article_set(&a.title, title, (size_t)-1);
    att_article_set(&a.source, "test", (size_t)-1);
    att_article_add_para(&a, body, strlen(body), ATT_PARA_TEXT);
    int64_t id = 0;
    int nw = 0;
    char err[256];
    assert_int_equal(att_store_put_article(s, &a, &id, &nw, err, sizeof err), ATT_OK);
    if (was_new)
        *was_new = nw;
    att_article_free(&a);
    return id;
}

static size_t search(att_store *s, const char *q, att_hit **hits)
{
    size_t n = 0;
    char err[256];
    assert_int_equal(att_search(s, q, 10, "[", "]", hits, &n, err, sizeof err), ATT_OK);
    return n;
}

static void test_schema_and_dedup(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    int nw;
    int64_t a = put(s, "Hòa bình", "Hai nước cam kết hòa bình.", &nw);
    assert_true(nw);
    /* the same content with the other tone-mark style is the same article */
    int64_t b = put(s, "Hoà bình", "Hai nước cam kết hoà bình.", &nw);
    assert_false(nw);
    assert_int_equal(a, b);
    put(s, "Khác", "Một bài khác.", &nw);
    assert_true(nw);
    assert_int_equal(att_store_count(s), 2);
    att_store_close(s);
    /* reopening keeps the data and the schema version */
    char err[256];
    assert_int_equal(att_store_open(db_path, &s, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_count(s), 2);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(att_store_db(s), "PRAGMA user_version", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_true(sqlite3_column_int(st, 0) >= ATT_SCHEMA_VERSION);
    sqlite3_finalize(st);
    att_store_close(s);
}

static int count_matches(att_store *s, const char *table, const char *q)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s MATCH ?1", table, table);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(att_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int query_int(att_store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(att_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The headline index holds titles (and leads) only, is filled at ingest,
 * and is built from the stored articles when an older database (schema 3,
 * before it and the vocabulary existed) is opened; the rebuilt vocabulary
 * answers accent-free queries. */
static void test_headline_index_and_migration(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    put(s, "Hội nghị thượng đỉnh ASEAN", "Các nhà lãnh đạo gặp nhau tại Jakarta.", NULL);
    put(s, "Tin khác", "Hội nghị thượng đỉnh được nhắc trong thân bài.", NULL);
    assert_int_equal(count_matches(s, "headlines_fts", "thuong dinh"), 1);
    assert_int_equal(count_matches(s, "articles_fts", "thuong dinh"), 2);
    assert_int_equal(count_matches(s, "headlines_fts", "jakarta"), 0); /* body words stay out */
    assert_int_equal(sqlite3_exec(att_store_db(s), TEST_UNDO_SCHEMA_11 "DROP TABLE headlines_fts; DROP TABLE vocab; DROP TABLE index_pairs; PRAGMA user_version=3;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    att_store_close(s);
    char err[256];
    assert_int_equal(att_store_open(db_path, &s, err, sizeof err), ATT_OK);
    assert_int_equal(count_matches(s, "headlines_fts", "thuong dinh"), 1);
    att_hit *h;
    size_t n = search(s, "thượng đỉnh", &h);
    assert_int_equal(n, 2);
    assert_string_equal(h[0].title, "Hội nghị thượng đỉnh ASEAN"); /* the headline match first */
    att_hits_free(h, n);
    /* the rebuilds of migrations 4 and 5 met these words before the pair
     * list existed; the rebuild of migration 8 still stores their pairs */
    assert_int_equal(query_int(s, "SELECT count(*) FROM vocab WHERE exact='các nhà'"), 1);
    assert_int_equal(count_matches(s, "articles_fts", "\"cac nha\""), 1);
    att_store_close(s);
}

/* Opening a database whose hashes were computed the old way recomputes
 * them: re-ingesting an article stored before is still a no-op. */
static void test_rehash_migration(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    int nw;
    int64_t a = put(s, "Hoà bình", "Hai nước cam kết hoà bình.", &nw);
    assert_int_equal(sqlite3_exec(att_store_db(s), TEST_UNDO_SCHEMA_11 "UPDATE articles SET content_hash='old'; DROP TABLE index_pairs; PRAGMA user_version=5;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    att_store_close(s);
    char err[256];
    assert_int_equal(att_store_open(db_path, &s, err, sizeof err), ATT_OK);
    int64_t b = put(s, "Hòa bình", "Hai nước cam kết hòa bình.", &nw);
    assert_false(nw);
    assert_int_equal(a, b);
    att_store_close(s);
}

static void test_roundtrip(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    att_article a, b;
    att_article_meta m;
    att_article_init(&a);
    att_article_init(&b);
    att_article_set(&a.title, "Tiêu đề", (size_t)-1);
    att_article_set(&a.published, "2024-03-24T07:00", (size_t)-1);
    att_article_add_author(&a, "Phương Hằng", (size_t)-1);
    att_article_add_author(&a, "Chu Văn", (size_t)-1);
    att_article_add_para(&a, "Đoạn một.", (size_t)-1, ATT_PARA_TEXT);
    att_article_add_para(&a, "Tiểu mục", (size_t)-1, ATT_PARA_HEADING);
    att_article_add_para(&a, "Đoạn hai.", (size_t)-1, ATT_PARA_TEXT);
    int64_t id;
    int nw;
    char err[256];
    assert_int_equal(att_store_put_article(s, &a, &id, &nw, err, sizeof err), ATT_OK);
    assert_int_equal(att_store_get_article(s, id, &b, &m, err, sizeof err), ATT_OK);
    assert_string_equal(b.title, "Tiêu đề");
    assert_string_equal(b.published, "2024-03-24T07:00");
    assert_int_equal(b.n_authors, 2);
    assert_string_equal(b.authors[1], "Chu Văn");
    assert_int_equal(b.n_paras, 3);
    assert_int_equal(b.paras[1].kind, ATT_PARA_HEADING);
    assert_int_equal(b.paras[2].kind, ATT_PARA_TEXT);
    assert_string_equal(b.paras[2].text, "Đoạn hai.");
    assert_int_equal(strlen(m.content_hash), 64);
    att_article_free(&b);
    att_article_init(&b);
    assert_int_equal(att_store_get_article(s, id + 100, &b, &m, err, sizeof err), ATT_ERR_NOTFOUND);
    att_article_free(&a);
    att_article_free(&b);
    att_store_close(s);
}

static void test_not_a_database(void **state)
{
    (void)state;
    const char *p = "/tmp/attache-test-notdb.db";
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("this is not a database, just some text that is long enough to be read as a header\n", f);
    fclose(f);
    att_store *s = NULL;
    char err[256] = "";
    assert_int_equal(att_store_open(p, &s, err, sizeof err), ATT_ERR_DB);
    assert_null(s);
    assert_contains(err, p);
    unlink(p);
}

static void test_accent_free_query_matches_accented(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    int64_t id = put(s, "Chính sách", "Bộ Ngoại giao công bố chiến lược ngoại giao số.", NULL);
    put(s, "Thể thao", "Đội tuyển thắng trận chung kết.", NULL);
    att_hit *h;
    size_t n = search(s, "ngoai giao so", &h);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].id, id);
    assert_contains(h[0].snippet, "[ngoại giao số]");
    att_hits_free(h, n);
    /* upper case and mixed accents fold the same way */
    n = search(s, "NGOAI GIAO", &h);
    assert_int_equal(n, 1);
    att_hits_free(h, n);
    att_store_close(s);
}

static void test_exact_accents_rank_first(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    /* many "đang" in a title-weighted place vs one "Đảng" in the body */
    int64_t busy = put(s, "Đang đang đang", "Tình hình đang thay đổi, đang diễn biến, đang căng.", NULL);
    int64_t party = put(s, "Tin tức", "Đại hội Đảng diễn ra tại Hà Nội.", NULL);
    att_hit *h;
    size_t n = search(s, "Đảng", &h);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].id, party);
    assert_true(h[0].exact);
    assert_int_equal(h[1].id, busy);
    att_hits_free(h, n);
    /* typed without accents: both match */
    n = search(s, "dang", &h);
    assert_int_equal(n, 2);
    att_hits_free(h, n);
    att_store_close(s);
}

static void test_tone_styles_match_each_other(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    int64_t a = put(s, "A", "Vì hòa bình và sức khỏe.", NULL);
    int64_t b = put(s, "B", "Vì hoà bình và sức khoẻ.", NULL);
    att_hit *h;
    size_t n = search(s, "hoà bình", &h);
    assert_int_equal(n, 2);
    assert_true(h[0].exact && h[1].exact);
    att_hits_free(h, n);
    n = search(s, "khỏe", &h);
    assert_int_equal(n, 2);
    assert_true((h[0].id == a && h[1].id == b) || (h[0].id == b && h[1].id == a));
    att_hits_free(h, n);
    att_store_close(s);
}

static void test_phrase_prefix_and_operators(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    int64_t a = put(s, "A", "Hội đồng Bảo an họp khẩn.", NULL);
    int64_t b = put(s, "B", "Hội nghị bảo đảm an ninh, đồng thời họp báo.", NULL);
    att_hit *h;
    size_t n = search(s, "\"Hội đồng Bảo an\"", &h);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].id, a);
    att_hits_free(h, n);
    n = search(s, "hoi dong bao an", &h); /* words, not phrase: both */
    assert_int_equal(n, 2);
    att_hits_free(h, n);
    n = search(s, "khan OR ninh", &h);
    assert_int_equal(n, 2);
    att_hits_free(h, n);
    n = search(s, "hop -khan", &h);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].id, b);
    att_hits_free(h, n);
    n = search(s, "kha*", &h);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].id, a);
    att_hits_free(h, n);
    att_store_close(s);
}

/* Phrases of common syllables read the index of word pairs (terms.h).
 * The answers must be those of a plain phrase search: exact accents
 * first, accent-free typing matching every accented form, prefixes on
 * the last word, and no match for the same syllables out of order. */
static void test_phrase_pairs(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    /* the assumption of this test: these are pair syllables */
    const char *common[] = {"hoi", "dong", "bao", "an", "nguoi", "dan"};
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(att_store_db(s), "SELECT count(*) FROM index_pairs WHERE syllable=?1", -1,
                                        &st, NULL),
                     SQLITE_OK);
    for (size_t i = 0; i < sizeof common / sizeof *common; i++) {
        sqlite3_bind_text(st, 1, common[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), 1);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    int64_t a = put(s, "A", "Hội đồng Bảo an Liên hợp quốc họp khẩn.", NULL);
    int64_t b = put(s, "B", "Người dân và đồng bào an tâm khi hội họp.", NULL);
    int64_t c = put(s, "C", "Chuyện hồi đông bảo ân của người đàn ông.", NULL);
    assert_int_equal(count_matches(s, "articles_fts", "\"hội đồng bảo an\""), 1);
    assert_int_equal(count_matches(s, "articles_fts", "\"hoi dong bao an\""), 2);
    assert_int_equal(count_matches(s, "articles_fts", "\"bao an hoi dong\""), 0);
    assert_int_equal(count_matches(s, "articles_fts", "\"đồng bảo\""), 1);  /* A: not "đông bảo", not "đồng bào" */
    assert_int_equal(count_matches(s, "articles_fts", "\"dong bao\""), 3);
    assert_int_equal(count_matches(s, "articles_fts", "\"hội đồng bao an\""), 1); /* typed half with diacritics */
    assert_int_equal(count_matches(s, "articles_fts", "\"hoi dong ba\" *"), 2);    /* A, C: prefix on the last word */
    assert_int_equal(count_matches(s, "articles_fts", "\"người dân\""), 1);
    assert_int_equal(count_matches(s, "articles_fts", "\"nguoi dan\""), 2); /* "người đàn" too */
    assert_int_equal(count_matches(s, "articles_fts", "\"họp khẩn\""), 1);  /* not pair syllables */
    att_hit *h;
    size_t n = search(s, "\"Hội đồng Bảo an\"", &h);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].id, a); /* exact first, then the accent-free match */
    assert_true(h[0].exact);
    assert_int_equal(h[1].id, c);
    assert_false(h[1].exact);
    att_hits_free(h, n);
    n = search(s, "\"nguoi dan\"", &h);
    assert_int_equal(n, 2);
    assert_true(h[0].id != a && h[1].id != a);
    att_hits_free(h, n);
    (void)b;
    /* the headline index has the pairs too, exact and folded; a pair typed
     * half with diacritics is looked up there word by word */
    put(s, "Hội đồng Bảo an họp khẩn", "Thân bài.", NULL);
    put(s, "Người dân hồi đông bảo ân", "Thân bài khác.", NULL);
    assert_int_equal(count_matches(s, "headlines_fts", "\"hội đồng bảo an\""), 1);
    assert_int_equal(count_matches(s, "headlines_fts", "\"hoi dong bao an\""), 2);
    assert_int_equal(count_matches(s, "headlines_fts", "\"hội đồng bao an\""), 1);
    assert_int_equal(count_matches(s, "headlines_fts", "\"hoi dong ba\" *"), 2);
    assert_int_equal(count_matches(s, "headlines_fts", "\"dan hoi\""), 1);
    assert_int_equal(count_matches(s, "headlines_fts", "\"an hop\""), 1);
    /* the pairs are recorded in the vocabulary, folded like words */
    assert_int_equal(count_matches(s, "articles_fts", "\"hoi dong\""), 4); /* A, C and the two titles */
    assert_int_equal(sqlite3_prepare_v2(att_store_db(s), "SELECT folded FROM vocab WHERE exact='hội đồng'", -1, &st,
                                        NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "hoi dong");
    sqlite3_finalize(st);
    att_store_close(s);
}

/* A database from before the pair index (schema 7) gets the pair list and
 * a rebuilt full index when opened: its phrases are found through pairs. */
static void test_pairs_migration(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    int64_t a = put(s, "Người dân chờ", "Người dân cho biết Hội đồng Bảo an sẽ họp.", NULL);
    assert_int_equal(sqlite3_exec(att_store_db(s),
                                  "INSERT INTO articles_fts(articles_fts) VALUES('delete-all');"
                                  "INSERT INTO headlines_fts(headlines_fts) VALUES('delete-all');"
                                  TEST_UNDO_SCHEMA_11 "DROP TABLE index_pairs; PRAGMA user_version=7;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(count_matches(s, "articles_fts", "\"người dân cho biết\""), 0);
    att_store_close(s);
    char err[256];
    assert_int_equal(att_store_open(db_path, &s, err, sizeof err), ATT_OK);
    assert_int_equal(count_matches(s, "articles_fts", "\"người dân cho biết\""), 1);
    assert_int_equal(count_matches(s, "headlines_fts", "\"nguoi dan\""), 1); /* the title */
    att_hit *h;
    size_t n = search(s, "\"nguoi dan cho biet\"", &h);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].id, a);
    att_hits_free(h, n);
    att_store_close(s);
}

/* Migration 9: both indexes flush once per transaction (hashsize), and
 * the two indexes no query used are gone - also from an older database. */
static void test_ingest_settings_migration(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    const char *hashsize[] = {"SELECT v FROM articles_fts_config WHERE k='hashsize'",
                              "SELECT v FROM headlines_fts_config WHERE k='hashsize'"};
    const char *unused = "SELECT count(*) FROM sqlite_master WHERE name IN ('mentions_code', 'events_a2')";
    assert_int_equal(query_int(s, hashsize[0]), 134217728);
    assert_int_equal(query_int(s, hashsize[1]), 134217728);
    assert_int_equal(query_int(s, unused), 0);
    assert_int_equal(sqlite3_exec(att_store_db(s),
                                  "DELETE FROM articles_fts_config WHERE k='hashsize';"
                                  "CREATE INDEX mentions_code ON mentions(code);"
                                  "CREATE INDEX events_a2 ON events(a2_country);" TEST_UNDO_SCHEMA_11 "PRAGMA user_version=8;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    att_store_close(s);
    char err[256];
    assert_int_equal(att_store_open(db_path, &s, err, sizeof err), ATT_OK);
    assert_int_equal(query_int(s, hashsize[0]), 134217728);
    assert_int_equal(query_int(s, unused), 0);
    att_store_close(s);
}

static void test_title_outranks_body(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    put(s, "Kinh tế", "Thị trường và lãi suất; vaccine được nhắc tới một lần.", NULL);
    int64_t t = put(s, "Vaccine cho châu Phi", "Lô hàng đã tới nơi trong tuần.", NULL);
    att_hit *h;
    size_t n = search(s, "vaccine", &h);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].id, t);
    assert_true(h[0].score > h[1].score);
    att_hits_free(h, n);
    att_store_close(s);
}

static void test_hostile_queries_are_safe(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    put(s, "Mỹ-Trung", "Quan hệ Mỹ-Trung: đối thoại (lần 2) \"khó khăn\".", NULL);
    const char *qs[] = {"Mỹ-Trung:", "\"unterminated", "NOT", "OR trung", "((trung", "a) b(",
                        "trung AND", "col:trung", "^trung", "{trung}", "trung NOT"};
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        att_hit *h = NULL;
        size_t n = 0;
        char err[256] = "";
        att_status st = att_search(s, qs[i], 5, "[", "]", &h, &n, err, sizeof err);
        if (st != ATT_OK && st != ATT_ERR_USAGE)
            fail_msg("query '%s' failed: %s", qs[i], err);
        att_hits_free(h, n);
    }
    att_hit *h;
    size_t n = 0;
    char err[256];
    assert_int_equal(att_search(s, " ?! ", 5, "[", "]", &h, &n, err, sizeof err), ATT_ERR_USAGE);
    assert_int_equal(n, 0);
    att_store_close(s);
}

/* Random queries from the pieces that broke the old translation: every
 * one is either searched (ATT_OK) or refused as a bad query
 * (ATT_ERR_USAGE), never an FTS5 error (ATT_ERR_DB).  Deterministic. */
static void test_random_queries_never_reach_fts5_errors(void **state)
{
    (void)state;
    att_store *s = open_fresh();
    put(s, "Nga và Mỹ", "Nga và Mỹ hội đàm (lần 2) về an ninh, NEAR biên giới.", NULL);
    static const char *const piece[] = {"(", ")", "\"", "OR", "AND", "NOT", "-", "*", "NEAR", "NEAR(", "nga",
                                        "mỹ", "an*", "n*", ":", "^", "{", "}", "+", ",", "-nga", "\"\"", "((",
                                        "))", "title:", "\\", "'", "%", "ninh)", "(hội", " ", " ", " "};
    const size_t np = sizeof piece / sizeof piece[0];
    unsigned x = 12345;
    size_t ok = 0, refused = 0;
    for (int i = 0; i < 3000; i++) {
        char q[256] = "";
        size_t len = 0, n = 1 + (x >> 8) % 12;
        for (size_t k = 0; k < n; k++) {
            x = x * 1103515245u + 12345u;
            const char *p = piece[(x >> 8) % np];
            size_t l = strlen(p);
            if (len + l + 1 >= sizeof q)
                break;
            memcpy(q + len, p, l);
            len += l;
            x = x * 1103515245u + 12345u;
            if ((x >> 9) & 1)
                q[len++] = ' ';
            q[len] = '\0';
        }
        att_hit *h = NULL;
        size_t nh = 0;
        char err[256] = "";
        att_status st = att_search(s, q, 5, "[", "]", &h, &nh, err, sizeof err);
        if (st != ATT_OK && st != ATT_ERR_USAGE)
            fail_msg("query '%s': %s", q, err);
        ok += st == ATT_OK;
        refused += st == ATT_ERR_USAGE;
        att_hits_free(h, nh);
    }
    assert_true(ok > 1000); /* most are searched, not refused */
    att_store_close(s);
}

static void test_query_translation(void **state)
{
    (void)state;
    att_buf b = ATT_BUF_INIT;
    int acc = 0;
    assert_int_equal(att_query_to_fts("Đảng cộng sản", 0, &b, &acc, NULL, 0), ATT_OK);
    assert_string_equal(b.data, "\"dang\" AND \"cong\" AND \"san\"");
    assert_true(acc);
    att_buf_clear(&b);
    assert_int_equal(att_query_to_fts("Đảng \"Bộ Ngoại giao\"", 1, &b, &acc, NULL, 0), ATT_OK);
    assert_string_equal(b.data, "\"đảng\" AND \"bộ ngoại giao\"");
    att_buf_clear(&b);
    assert_int_equal(att_query_to_fts("nga OR ukraine -my", 0, &b, &acc, NULL, 0), ATT_OK);
    assert_string_equal(b.data, "\"nga\" OR \"ukraine\" NOT \"my\"");
    assert_false(acc);
    /* multi-syllable words stay together around OR */
    att_buf_clear(&b);
    assert_int_equal(att_query_to_fts("trừng phạt OR cấm vận", 0, &b, &acc, NULL, 0), ATT_OK);
    assert_string_equal(b.data, "\"trung\" AND \"phat\" OR \"cam\" AND \"van\"");
    att_buf_clear(&b);
    assert_int_equal(att_query_to_fts("a) OR b", 0, &b, &acc, NULL, 0), ATT_OK);
    assert_string_equal(b.data, "\"a\" OR \"b\"");
    att_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_and_dedup),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_not_a_database),
        cmocka_unit_test(test_accent_free_query_matches_accented),
        cmocka_unit_test(test_exact_accents_rank_first),
        cmocka_unit_test(test_tone_styles_match_each_other),
        cmocka_unit_test(test_phrase_prefix_and_operators),
        cmocka_unit_test(test_phrase_pairs),
        cmocka_unit_test(test_pairs_migration),
        cmocka_unit_test(test_ingest_settings_migration),
        cmocka_unit_test(test_title_outranks_body),
        cmocka_unit_test(test_headline_index_and_migration),
        cmocka_unit_test(test_rehash_migration),
        cmocka_unit_test(test_hostile_queries_are_safe),
        cmocka_unit_test(test_query_translation),
        cmocka_unit_test(test_random_queries_never_reach_fts5_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char p[96];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
    return rc;
}
