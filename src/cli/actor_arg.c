/* actor_arg.c - actor arguments as people type them (cli.h). */
#include "../extract/resolve.h"
#include "cli.h"

int cli_resolve_actors(const char *cmd, const char **typed, char (*codes)[16], size_t n)
{
    size_t todo = 0;
    for (size_t i = 0; i < n; i++)
        todo += typed[i] != NULL;
    if (!todo)
        return 0;
    char err[512];
    att_actor_index *ix;
    att_status st = att_actor_index_load(&ix, err, sizeof err);
    if (st != ATT_OK) {
        cli_error("%s: %s", cmd, err);
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!typed[i])
            continue;
        if (att_actor_resolve(ix, typed[i], codes[i], NULL, err, sizeof err) != ATT_OK) {
            cli_error("%s: %s", cmd, err);
            rc = 2;
        } else {
            typed[i] = codes[i];
        }
    }
    att_actor_index_free(ix);
    return rc;
}
