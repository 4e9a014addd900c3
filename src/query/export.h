/*
 * export.h - events as download lines: the CLI's TSV, GDELT 2.0's 61-column
 * event table, and CSV (RFC 4180), written to a FILE (stdout for the CLI,
 * a memory stream for the server).  Shared by `attache events` and
 * /api/v1/events?format=...
 */
#ifndef ATT_EXPORT_H
#define ATT_EXPORT_H

#include <stdio.h>

#include "../extract/lexicon.h"
#include "../store/facts.h"

/* Header lines (without the newline). */
extern const char att_event_tsv_header[];
extern const char att_gdelt_header[];
extern const char att_event_csv_header[];

/* One line each, newline included. */
void att_event_tsv(FILE *f, const att_event_row *r);
/* lx (may be NULL) tells countries from groups for the CountryCode column. */
void att_event_gdelt(FILE *f, const att_event_row *r, const att_lexicon *lx);
/* Text cells are quoted; a cell a spreadsheet would run as a formula
 * (starting with = + - @) gets a leading apostrophe. */
void att_event_csv(FILE *f, const att_event_row *r);

#endif
