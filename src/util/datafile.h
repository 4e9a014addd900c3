/*
 * datafile.h - access to reference data (data/NAME.tsv) and bundled samples:
 * from a data directory given by the user (--data-dir / ATTACHE_DATA_DIR),
 * falling back to the copy compiled into the binary.
 *
 * Ownership: att_datafile_load() returns a malloc'd, NUL-terminated copy the
 * caller frees.  Errors: ATT_ERR_NOTFOUND if neither the directory nor the
 * binary has the file, ATT_ERR_IO if the override file cannot be read.
 */
#ifndef ATT_DATAFILE_H
#define ATT_DATAFILE_H

#include <stddef.h>

#include "status.h"

/* Set the override directory (copied); NULL restores embedded-only.
 * A file "data/x.tsv" is then looked up as DIR/x.tsv first. */
att_status att_datafile_set_dir(const char *dir);
const char *att_datafile_dir(void);

/* name is the repository path, e.g. "data/countries.tsv".  A .tsv file,
 * from the directory or built in, is checked with att_tsv_check() (final
 * newline, field counts, "# rows: N" last line): ATT_ERR_FORMAT with one
 * line naming the file if it fails. */
att_status att_datafile_load(const char *name, char **out, size_t *len, char *err, size_t errlen);

/* Iterate embedded files whose name starts with prefix (e.g. "samples/"):
 * returns the i-th match's name/data or NULL when past the end. */
const char *att_datafile_embedded(const char *prefix, size_t i, const char **data, size_t *len);

#endif
