/* cmd_search.c - `attache search [--limit N] [--json] QUERY`. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../store/search.h"
#include "../util/buf.h"
#include "article_json.h"
#include "../query/query_json.h"
#include "cli.h"


/* Highlight marks for a terminal: private-use characters while the
 * snippet is made safe (cli_safe removes escape sequences, page text's
 * included), then replaced by bold on/off. */
#define HL_OPEN "\xEE\x80\x80"  /* U+E000 */
#define HL_CLOSE "\xEE\x80\x81" /* U+E001 */

/* Print s (made safe) with the marks turned into bold on/off. */
static void put_highlighted(const char *s)
{
    s = cli_safe(s);
    while (*s) {
        const char *o = strstr(s, HL_OPEN), *c = strstr(s, HL_CLOSE);
        const char *m = o && (!c || o < c) ? o : c;
        if (!m) {
            fputs(s, stdout);
            break;
        }
        fwrite(s, 1, (size_t)(m - s), stdout);
        fputs(m == o ? "\033[1m" : "\033[0m", stdout);
        s = m + strlen(HL_OPEN);
    }
}

/* Print hits as text (human) or JSON lines. */
static void print_hits(const att_hit *h, size_t n, int json, int tty)
{
    for (size_t i = 0; i < n; i++) {
        if (json) {
            cli_print_json_line(stdout, att_hit_json(&h[i])); /* the API's hit object */
        } else {
            printf("%5lld  %3.0f  %-10.10s  %s\n      ", (long long)h[i].id, h[i].score,
                   h[i].published ? cli_safe(h[i].published) : "", h[i].title ? cli_safe(h[i].title) : "(untitled)");
            if (tty)
                put_highlighted(h[i].snippet ? h[i].snippet : "");
            else
                fputs(h[i].snippet ? cli_safe(h[i].snippet) : "", stdout);
            printf("\n      %s\n", h[i].source ? cli_safe(h[i].source) : "");
        }
    }
}

int cli_search_print(att_store *s, const char *query, size_t limit, int json)
{
    att_hit *hits;
    size_t n;
    char err[512];
    int tty = !json && isatty(fileno(stdout));
    const char *open = json ? "<mark>" : tty ? HL_OPEN : "[";
    const char *close = json ? "</mark>" : tty ? HL_CLOSE : "]";
    att_status st = att_search(s, query, limit, open, close, &hits, &n, err, sizeof err);
    if (st != ATT_OK) {
        cli_error("%s", err);
        return st == ATT_ERR_USAGE ? 2 : 1;
    }
    print_hits(hits, n, json, tty);
    if (!json && n == 0)
        printf("no article matches '%s'\n", cli_safe(query));
    att_hits_free(hits, n);
    return 0;
}

int cmd_search(cli_ctx *c, int argc, char **argv)
{
    long limit = 10;
    int json = 0;
    att_buf q = ATT_BUF_INIT;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--limit") || !strcmp(argv[i], "-n")) {
            if ((limit = cli_parse_count(argv[i], i + 1 < argc ? argv[i + 1] : NULL)) < 0) {
                att_buf_free(&q);
                return 2;
            }
            i++;
        } else if (!strncmp(argv[i], "--", 2) && argv[i][2]) {
            cli_error("search: unknown option '%s'", argv[i]);
            att_buf_free(&q);
            return 2;
        } else {
            if (q.len)
                att_buf_putc(&q, ' ');
            att_buf_puts(&q, argv[i]);
        }
    }
    if (!q.len) {
        cli_error("search: no query (usage: attache search [--limit N] [--json] QUERY)");
        return 2;
    }
    att_store *s = cli_open_store_read(c);
    if (!s) {
        att_buf_free(&q);
        return 1;
    }
    int rc = cli_search_print(s, q.data, (size_t)limit, json);
    att_store_close(s);
    att_buf_free(&q);
    return rc;
}
