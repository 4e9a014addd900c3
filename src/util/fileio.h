/*
 * fileio.h - whole-file reading with size limits and clear errors.
 *
 * Ownership: *out is malloc'd, NUL-terminated; the caller frees it.
 * Errors (message in err, naming the path): ATT_ERR_NOTFOUND (no such file),
 * ATT_ERR_IO (unreadable, a directory), ATT_ERR_TOOBIG (over max bytes).
 * path "-" reads standard input.
 */
#ifndef ATT_FILEIO_H
#define ATT_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

att_status att_read_file(const char *path, char **out, size_t *len, size_t max, char *err,
                         size_t errlen);
att_status att_read_stream(FILE *f, const char *name, char **out, size_t *len, size_t max,
                           char *err, size_t errlen);

#endif
