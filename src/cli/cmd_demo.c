/* cmd_demo.c - `attache demo`: ingest the bundled sample articles into the
 * database and show what was stored and a few searches. */
#include <string.h>

#include "../analyze/analyze.h"
#include "../ingest/ingest.h"
#include "../query/query.h"
#include "../util/datafile.h"
#include "cli.h"

static void reject(void *ctx, const char *msg)
{
    (void)ctx;
    cli_error("demo: %s", msg);
}

static int list_one(void *ctx, const att_article *a, const att_article_meta *m)
{
    (void)ctx;
    printf("%4lld  %-16.16s  %3zu paras  %s\n", (long long)m->id,
           a->published ? a->published : "(no date)", a->n_paras,
           a->title ? a->title : "(untitled)");
    return 0;
}

static int print_pair(void *ctx, const att_dyad_row *r)
{
    (void)ctx;
    printf("  %-4s - %-4s  %3lld events (%lld cooperation, %lld conflict), mean Goldstein %+.1f\n", r->a1, r->a2,
           (long long)r->n, (long long)(r->q[0] + r->q[1]), (long long)(r->q[2] + r->q[3]),
           r->goldstein_sum / (double)r->n);
    return 0;
}

int cmd_demo(cli_ctx *c, int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        cli_error("demo: takes no arguments (use --db PATH to choose the database)");
        return 2;
    }
    att_lexicon *lx = cli_load_lexicon();
    att_store *s = lx ? cli_open_store(c) : NULL;
    if (!s) {
        att_lexicon_free(lx);
        return 1;
    }
    att_ingester *g;
    char err[512] = "";
    if (att_ingester_new(s, &g) != ATT_OK) {
        att_store_close(s);
        att_lexicon_free(lx);
        return 1;
    }
    att_ingester_on_reject(g, reject, NULL);
    cli_pipeline pl = {lx, NULL};
    if (att_analyzer_open(s, &pl.an, err, sizeof err) != ATT_OK) {
        cli_error("demo: %s", err);
        att_ingester_free(g);
        att_store_close(s);
        att_lexicon_free(lx);
        return 1;
    }
    att_ingester_on_article(g, cli_extract_hook, &pl);
    const char *name, *data;
    size_t len, n_files = 0;
    att_status st = ATT_OK;
    for (size_t i = 0; st == ATT_OK && (name = att_datafile_embedded("samples/", i, &data, &len));
         i++) {
        if (strstr(name, ".tsv"))
            continue; /* the expectations table, not an article */
        n_files++;
        st = att_ingest_memory(g, name, data, len, NULL, err, sizeof err);
    }
    att_ingest_stats stats;
    size_t n_alerts = 0;
    if (att_ingester_finish(g, &stats, err, sizeof err) != ATT_OK || st != ATT_OK ||
        att_analyzer_finish(pl.an, NULL, &n_alerts, err, sizeof err) != ATT_OK) {
        cli_error("demo: %s", err);
        att_analyzer_free(pl.an);
        att_ingester_free(g);
        att_store_close(s);
        att_lexicon_free(lx);
        return 1;
    }
    att_ingester_free(g);
    att_analyzer_free(pl.an);
    printf("== attache demo: database %s\n", c->db_path);
    printf("== ingested %zu bundled sample pages: %llu stored, %llu already there, %llu rejected\n\n",
           n_files, (unsigned long long)stats.stored, (unsigned long long)stats.duplicates,
           (unsigned long long)stats.rejected);
    printf("== stored articles (id, published, body paragraphs, title)\n");
    att_store_foreach_article(s, list_one, NULL, err, sizeof err);
    static const char *queries[] = {
        "ngoai giao",          /* typed without diacritics: matches every accented form */
        "hoà bình",            /* either tone-mark style matches both */
        "\"Hội đồng Bảo an\"", /* a phrase */
        "Đảng",                /* exact accents rank first */
        "trừng phạt OR cấm vận",
    };
    int rc = stats.rejected ? 2 : 0;
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        printf("\n== attache search --limit 3 '%s'\n", queries[i]);
        fflush(stdout);
        if (cli_search_print(s, queries[i], 3, 0) != 0)
            rc = 1;
    }
    /* what the understanding stages found */
    att_totals tot;
    if (att_query_totals(s, &tot, err, sizeof err) == ATT_OK)
        printf("\n== extracted: %lld actor mentions, %lld events (CAMEO), %lld quotations, %lld stories, %lld commitments",
               (long long)tot.mentions, (long long)tot.events, (long long)tot.quotes, (long long)tot.stories,
               (long long)tot.commitments);
    else {
        cli_error("demo: %s: %s", c->db_path, err);
        rc = 1;
    }
    printf("\n\n== most active relations (attache dyads --undirected)\n");
    if (att_query_top_pairs(s, 5, print_pair, NULL, err, sizeof err) != ATT_OK) {
        cli_error("demo: %s: %s", c->db_path, err);
        rc = 1;
    }
    printf("\nTry: attache --db %s search \"quan he Viet My\"; attache --db %s show 1\n",
           c->db_path, c->db_path);
    att_store_close(s);
    att_lexicon_free(lx);
    return rc;
}
