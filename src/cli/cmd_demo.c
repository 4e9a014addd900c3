/* cmd_demo.c - `attache demo`: ingest the bundled sample articles into the
 * database and show what was stored and a few searches. */
#include <sqlite3.h>
#include <string.h>

#include "../analyze/analyze.h"
#include "../ingest/ingest.h"
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
    sqlite3 *db = att_store_db(s);
    static const char *counts[][2] = {
        {"actor mentions", "SELECT coalesce(sum(mentions), 0) FROM mentions"},
        {"events (CAMEO)", "SELECT count(*) FROM events WHERE dup_of IS NULL"},
        {"quotations", "SELECT count(*) FROM quotes"},
        {"stories", "SELECT count(*) FROM stories"},
        {"commitments", "SELECT count(*) FROM commitments"},
    };
    printf("\n== extracted:");
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db, counts[i][1], -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
            printf("%s %lld %s", i ? "," : "", (long long)sqlite3_column_int64(q, 0), counts[i][0]);
        else
            rc = 1;
        sqlite3_finalize(q);
    }
    printf("\n\n== most active relations (attache dyads --undirected)\n");
    sqlite3_stmt *dq;
    if (sqlite3_prepare_v2(db,
                           "SELECT a1, a2, sum(n), sum(q1 + q2), sum(q3 + q4), sum(goldstein_sum)"
                           " FROM dyad_agg WHERE level = 5 GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5",
                           -1, &dq, NULL) == SQLITE_OK) {
        int drc;
        while ((drc = sqlite3_step(dq)) == SQLITE_ROW)
            printf("  %-4s - %-4s  %3lld events (%lld cooperation, %lld conflict), mean Goldstein %+.1f\n",
                   (const char *)sqlite3_column_text(dq, 0), (const char *)sqlite3_column_text(dq, 1),
                   (long long)sqlite3_column_int64(dq, 2), (long long)sqlite3_column_int64(dq, 3),
                   (long long)sqlite3_column_int64(dq, 4),
                   sqlite3_column_double(dq, 5) / (double)sqlite3_column_int64(dq, 2));
        sqlite3_finalize(dq);
        if (drc != SQLITE_DONE)
            rc = 1;
    } else {
        rc = 1;
    }
    if (rc == 1)
        cli_error("demo: %s: %s", c->db_path, sqlite3_errmsg(db));
    printf("\nTry: attache --db %s search \"quan he Viet My\"; attache --db %s show 1\n",
           c->db_path, c->db_path);
    att_store_close(s);
    att_lexicon_free(lx);
    return rc;
}
