/* cmd_migrate.c - `attache migrate`: create the database or bring its
 * schema up to this build's, which read commands never do. */
#include <sqlite3.h>

#include "cli.h"

int cmd_migrate(cli_ctx *c, int argc, char **argv)
{
    if (argc > 1) {
        cli_error("migrate: unknown argument '%s' (usage: attache migrate)", argv[1]);
        return 2;
    }
    att_store *s = cli_open_store(c); /* opening for writing migrates */
    if (!s)
        return 1;
    sqlite3_stmt *st;
    int version = -1;
    if (sqlite3_prepare_v2(att_store_db(s), "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    att_store_close(s);
    fprintf(stderr, "attache: migrate: %s is at schema version %d\n", c->db_path, version);
    return version < 0;
}
