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

#include <stddef.h>

#include "../util/status.h"

typedef struct sqlite3 sqlite3;
typedef struct att_terms att_terms;

typedef struct att_fts att_fts;
typedef struct att_pretok att_pretok;

/* Register the tokenizer "attache" over vocab (borrowed: it must outlive
 * db's use of the tokenizer) and the ranking function attache_rank()
 * (weighted BM25 without length normalization; see fts_tokenizer.c) on db.
 * *out (if out is non-NULL) gets the registration, for att_fts_arm(); it
 * belongs to db and is freed when db is closed. */
att_status att_fts_register(sqlite3 *db, att_terms *vocab, att_fts **out);

/* Pretokenized documents (parallel ingest: docs/ARCHITECTURE.md).  A
 * worker thread records a document text as the tokenizer would give it to
 * FTS5 - the tokens, and the vocabulary notes it would make - without
 * writing anything (vocab is only read: its pair set, fixed once the store
 * is open).  The writer arms its recordings just before the INSERT that
 * indexes them: the tokenizer then recognises each armed text it is handed
 * for a document (same index mode, same bytes) and replays the recording
 * instead of tokenizing, so the index and the vocabulary end up exactly as
 * without it.  Queries, snippets and any other text are tokenized as usual.
 *
 * att_pretok_document(): the recording of text[0..n) for the full index
 * (folded 0) or the headline index (folded 1), with a copy of the text
 * (what the tokenizer compares).  ATT_ERR_NOMEM on failure.
 * att_pretok_free() frees one (NULL allowed).
 * att_fts_arm(): use docs[0..n) (borrowed, until disarmed) for the
 * documents indexed from now on; att_fts_arm(f, NULL, 0) disarms. */
att_status att_pretok_document(const att_terms *vocab, int folded, const char *text, size_t n, att_pretok **out);
/* A recording takes about 4 bytes per byte of text: longer texts (rare)
 * are left to the writer, which tokenizes them as usual. */
#define ATT_PRETOK_MAX_TEXT (256u << 10)
void att_pretok_free(att_pretok *p);
void att_fts_arm(att_fts *f, att_pretok *const *docs, size_t n);

#endif
