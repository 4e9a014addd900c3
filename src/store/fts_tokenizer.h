/*
 * fts_tokenizer.h - the "attache" FTS5 tokenizer for Vietnamese.
 *
 * Documents: every word yields its folded key ("dang"), and, when the word
 * carries diacritics, its exact key ("đảng") as a colocated token at the
 * same position.  Queries: a word typed with diacritics yields only its
 * exact key, a word typed without them yields the folded key - so
 * "ngoai giao" matches every accented form while "Đảng" matches only
 * "Đảng" (search.c combines both to rank exact matches first).  Both keys
 * use one tone-mark placement, so "hoà" and "hòa" are the same token.
 */
#ifndef ATT_FTS_TOKENIZER_H
#define ATT_FTS_TOKENIZER_H

#include "../util/status.h"

typedef struct sqlite3 sqlite3;

/* Register the tokenizer "attache" and the ranking function attache_rank()
 * (weighted BM25 without length normalization; see fts_tokenizer.c) on db. */
att_status att_fts_register(sqlite3 *db);

#endif
