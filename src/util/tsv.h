/*
 * tsv.h - reading the reference-data TSV files: '#' comment lines, then a
 * header row naming the columns, then data rows.  Fields are split in place
 * (the caller's buffer is modified: tabs and newlines become NULs).
 *
 * Ownership: fields point into the caller's buffer; nothing is allocated.
 */
#ifndef ATT_TSV_H
#define ATT_TSV_H

#include <stddef.h>

#include "status.h"

#define ATT_TSV_MAX_FIELDS 16

typedef struct att_tsv {
    char *p, *end;
    size_t line;                       /* 1-based number of the last row read */
    int header_seen;
    char *header[ATT_TSV_MAX_FIELDS];  /* column names */
    size_t n_header;
} att_tsv;

void att_tsv_init(att_tsv *t, char *data, size_t len);
/* Next data row: fills fields (missing trailing fields are ""), returns the
 * number of fields present in the row, 0 at the end. */
size_t att_tsv_next(att_tsv *t, char **fields, size_t max);
/* Index of a column by header name, -1 if absent. */
int att_tsv_col(const att_tsv *t, const char *name);

/* Check a whole reference-data TSV file before it is used, so that a file
 * cut short (a failed copy, a full disk) is refused instead of read as a
 * smaller list: it must end with a newline, have a header row, every data
 * row exactly as many tab-separated fields as the header, and end with
 * the line "# rows: N" giving the number of data rows (the header not
 * counted; tools/tsv-rows.sh writes it).  name is used in the message
 * ("NAME:LINE: ..."), one line.  ATT_ERR_FORMAT if the file fails. */
att_status att_tsv_check(const char *name, const char *data, size_t len, char *err, size_t errlen);

/* Split a "a|b|c" cell in place; calls cb for each non-empty variant. */
void att_tsv_variants(char *cell, void (*cb)(void *ctx, const char *v), void *ctx);

#endif
