/* cmd_check.c - `attache check`: is the database consistent? */
#include "cli.h"

int cmd_check(cli_ctx *c, int argc, char **argv)
{
    if (argc > 1) {
        cli_error("check: unknown argument '%s' (usage: attache check)", argv[1]);
        return 2;
    }
    att_store *s = cli_open_store(c); /* FTS5's integrity-check is a write statement */
    if (!s)
        return 1;
    int64_t n = 0;
    char err[512];
    att_status st = att_store_check(s, &n, err, sizeof err);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("check: %s", err);
        return 1;
    }
    fprintf(stderr, "attache: check: %s: ok (%lld articles)\n", c->db_path, (long long)n);
    return 0;
}
