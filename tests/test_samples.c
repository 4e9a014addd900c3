/* test_samples.c - the text extractor on the 44 sample pages in samples/
 * (written in the newspaper's scraped style, with its boilerplate) against
 * the hand-made expectations in samples/expect.tsv: title, authors, date,
 * number of body paragraphs, first paragraph, and a boilerplate line that
 * must not reach the body.  Run from the repository root. */
#include "test_util.h"

#include "../src/article/text_extract.h"
#include "../src/normalize/normalize.h"
#include "../src/util/fileio.h"

static char *body_of(const att_article *a)
{
    size_t n = 1;
    for (size_t i = 0; i < a->n_paras; i++)
        n += strlen(a->paras[i].text) + 1;
    char *b = calloc(1, n);
    for (size_t i = 0; i < a->n_paras; i++) {
        strcat(b, a->paras[i].text);
        strcat(b, "\n");
    }
    return b;
}

static void test_expectations(void **state)
{
    (void)state;
    char *tsv, err[256];
    size_t len;
    assert_int_equal(att_read_file("samples/expect.tsv", &tsv, &len, 1 << 20, err, sizeof err), ATT_OK);
    int rows = 0, ok_title = 0, ok_authors = 0, ok_date = 0, ok_count = 0, ok_first = 0, ok_clean = 0;
    char *save = NULL;
    for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char *f[7] = {0};
        int nf = 0;
        for (char *p = line; nf < 7; nf++) {
            f[nf] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                nf++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        assert_int_equal(nf, 7);
        char path[512];
        snprintf(path, sizeof path, "samples/%s", f[0]);
        char *raw, *nfc;
        size_t rl, nl;
        assert_int_equal(att_read_file(path, &raw, &rl, 1 << 24, err, sizeof err), ATT_OK);
        assert_int_equal(att_nfc(raw, rl, &nfc, &nl), ATT_OK);
        free(raw);
        att_article a;
        att_article_init(&a);
        assert_int_equal(att_text_extract(nfc, nl, &a), ATT_OK);
        free(nfc);
        rows++;
        char authors[512] = "";
        for (size_t i = 0; i < a.n_authors; i++) {
            strcat(authors, i ? "; " : "");
            strncat(authors, a.authors[i], sizeof authors - strlen(authors) - 3);
        }
        char *body = body_of(&a);
        ok_title += a.title && !strcmp(a.title, f[1]);
        ok_authors += !strcmp(authors, f[2]);
        ok_date += (!*f[3] && !a.published) || (a.published && !strcmp(a.published, f[3]));
        ok_count += (long)a.n_paras == atol(f[4]);
        ok_first += a.n_paras && !strncmp(a.paras[0].text, f[5], strlen(f[5]));
        ok_clean += !strstr(body, f[6]);
        if (!(a.title && !strcmp(a.title, f[1])) || (long)a.n_paras != atol(f[4]) || strstr(body, f[6]))
            printf("  %s: title %s, %zu paras (want %s)%s\n", f[0], a.title && !strcmp(a.title, f[1]) ? "ok" : "differs",
                   a.n_paras, f[4], strstr(body, f[6]) ? ", boilerplate leaked" : "");
        free(body);
        att_article_free(&a);
    }
    free(tsv);
    printf("  samples: %d pages; title %d, authors %d, date %d, paragraph count %d, first paragraph %d, clean %d\n",
           rows, ok_title, ok_authors, ok_date, ok_count, ok_first, ok_clean);
    assert_true(rows >= 40);
    /* boilerplate must never reach the body, dates must never be invented */
    assert_int_equal(ok_clean, rows);
    assert_int_equal(ok_date, rows);
    assert_int_equal(ok_title, rows);
    assert_int_equal(ok_first, rows);
    assert_int_equal(ok_count, rows);
    assert_int_equal(ok_authors, rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expectations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
