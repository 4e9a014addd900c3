/*
 * fts_tokenizer.h - the "attache" FTS5 tokenizer for Vietnamese.
 *
 * Documents: every word is one token, its exact key ("đảng": lowercase,
 * one tone-mark placement, so "hoà" and "hòa" are the same token), and is
 * recorded in the store's vocabulary (terms.h).  Queries: a word typed
 * with diacritics yields its exact key; a word typed without them yields
 * every exact key of the vocabulary that folds to it, as FTS5 synonyms -
 * so "ngoai giao" matches every accented form while "Đảng" matches only
 * "Đảng" (search.c combines both to rank exact matches first).  A prefix
 * ("ngoai*") yields the distinct beginnings of the keys folding to it.
 */
#ifndef ATT_FTS_TOKENIZER_H
#define ATT_FTS_TOKENIZER_H

#include "../util/status.h"

typedef struct sqlite3 sqlite3;
typedef struct att_terms att_terms;

/* Register the tokenizer "attache" over vocab (borrowed: it must outlive
 * db's use of the tokenizer) and the ranking function attache_rank()
 * (weighted BM25 without length normalization; see fts_tokenizer.c) on db. */
att_status att_fts_register(sqlite3 *db, att_terms *vocab);

#endif
