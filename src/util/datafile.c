/* datafile.c - reference data lookup: override directory, then embedded. */
#include "datafile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "fileio.h"
#include "tsv.h"

static char *g_dir;

att_status att_datafile_set_dir(const char *dir)
{
    char *c = NULL;
    if (dir && !(c = strdup(dir)))
        return ATT_ERR_NOMEM;
    free(g_dir);
    g_dir = c;
    return ATT_OK;
}

const char *att_datafile_dir(void) { return g_dir; }

/* A .tsv file must pass att_tsv_check (a cut-off file is refused, not
 * read as a shorter list); on failure *out is freed. */
static att_status check(const char *label, char **out, size_t *len, char *err, size_t errlen)
{
    size_t n = strlen(label);
    if (n < 4 || strcmp(label + n - 4, ".tsv") != 0)
        return ATT_OK;
    att_status st = att_tsv_check(label, *out, *len, err, errlen);
    if (st != ATT_OK) {
        free(*out);
        *out = NULL;
        *len = 0;
    }
    return st;
}

att_status att_datafile_load(const char *name, char **out, size_t *len, char *err, size_t errlen)
{
    *out = NULL;
    *len = 0;
    if (g_dir) {
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        size_t plen = strlen(g_dir) + strlen(base) + 2;
        char *path = malloc(plen);
        if (!path)
            return ATT_ERR_NOMEM;
        snprintf(path, plen, "%s/%s", g_dir, base);
        att_status st = att_read_file(path, out, len, (size_t)1 << 30, err, errlen);
        if (st == ATT_OK)
            st = check(path, out, len, err, errlen);
        free(path);
        if (st != ATT_ERR_NOTFOUND)
            return st;
    }
    for (size_t i = 0; att_embedded_files[i].name; i++) {
        if (strcmp(att_embedded_files[i].name, name) == 0) {
            *out = malloc(att_embedded_files[i].len + 1);
            if (!*out)
                return ATT_ERR_NOMEM;
            memcpy(*out, att_embedded_files[i].data, att_embedded_files[i].len + 1);
            *len = att_embedded_files[i].len;
            return check(name, out, len, err, errlen);
        }
    }
    return att_seterr(err, errlen, ATT_ERR_NOTFOUND, "%s: no such data file", name);
}

const char *att_datafile_embedded(const char *prefix, size_t i, const char **data, size_t *len)
{
    size_t plen = strlen(prefix), k = 0;
    for (size_t j = 0; att_embedded_files[j].name; j++) {
        if (strncmp(att_embedded_files[j].name, prefix, plen) != 0)
            continue;
        if (k++ == i) {
            *data = att_embedded_files[j].data;
            *len = att_embedded_files[j].len;
            return att_embedded_files[j].name;
        }
    }
    return NULL;
}
