/* cmd_show.c - `attache show ID [--json]` and `attache export articles`. */
#include <stdlib.h>
#include <string.h>

#include "article_json.h"
#include "cli.h"

static void print_text(const att_article *a, const att_article_meta *m)
{
    printf("%s\n", a->title ? cli_safe(a->title) : "(untitled)");
    printf("id: %lld   published: %s   source: %s\n", (long long)m->id,
           a->published ? cli_safe(a->published) : "unknown", a->source ? cli_safe(a->source) : "");
    if (a->n_authors) {
        printf("by: ");
        for (size_t i = 0; i < a->n_authors; i++)
            printf("%s%s", i ? ", " : "", cli_safe(a->authors[i]));
        putchar('\n');
    }
    if (a->url)
        printf("url: %s\n", cli_safe(a->url));
    if (a->lead)
        printf("\n%s\n", cli_safe(a->lead));
    for (size_t i = 0; i < a->n_paras; i++)
        printf(a->paras[i].kind == ATT_PARA_HEADING ? "\n## %s\n" : "\n%s\n", cli_safe(a->paras[i].text));
}

int cmd_show(cli_ctx *c, int argc, char **argv)
{
    int json = 0;
    const char *idstr = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("show: unknown option '%s'", argv[i]);
            return 2;
        } else if (!idstr)
            idstr = argv[i];
        else {
            cli_error("show: one article id expected, got '%s' too", argv[i]);
            return 2;
        }
    }
    char *end;
    long long id = idstr ? strtoll(idstr, &end, 10) : 0;
    if (!idstr || *end || id <= 0) {
        cli_error("show: need an article id (a positive number), e.g. attache show 1");
        return 2;
    }
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    att_article a;
    att_article_meta m;
    char err[512];
    att_article_init(&a);
    att_status st = att_store_get_article(s, id, &a, &m, err, sizeof err);
    int rc = 0;
    if (st != ATT_OK) {
        cli_error("show: %s", err);
        rc = st == ATT_ERR_NOTFOUND ? 2 : 1;
    } else if (json) {
        rc = cli_print_json_line(stdout, cli_article_json(&a, &m)) ? 1 : 0;
    } else {
        print_text(&a, &m);
    }
    att_article_free(&a);
    att_store_close(s);
    return rc;
}

static int export_one(void *ctx, const att_article *a, const att_article_meta *m)
{
    (void)ctx;
    return cli_print_json_line(stdout, cli_article_json(a, m)) != 0;
}

int cmd_export(cli_ctx *c, int argc, char **argv)
{
    const char *what = NULL, *format = "jsonl";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--format")) {
            if (i + 1 >= argc) {
                cli_error("export: --format needs a value (jsonl)");
                return 2;
            }
            format = argv[++i];
        } else if (!strncmp(argv[i], "--format=", 9)) {
            format = argv[i] + 9;
        } else if (argv[i][0] == '-') {
            cli_error("export: unknown option '%s'", argv[i]);
            return 2;
        } else if (!what) {
            what = argv[i];
        } else {
            cli_error("export: unexpected argument '%s'", argv[i]);
            return 2;
        }
    }
    if (!what || strcmp(what, "articles") != 0) {
        cli_error("export: say what to export: attache export articles [--format jsonl]");
        return 2;
    }
    if (strcmp(format, "jsonl") != 0) {
        cli_error("export: unknown format '%s' for articles (jsonl)", format);
        return 2;
    }
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    char err[512];
    att_status st = att_store_foreach_article(s, export_one, NULL, err, sizeof err);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("export: %s", err);
        return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
