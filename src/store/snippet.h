/*
 * snippet.h - the short extract shown under a search hit, with the query's
 * words highlighted.
 *
 * FTS5's snippet() needs the article's row in a MATCH query, and FTS5 finds
 * one rowid in a full-text query by reading the terms' doclists: 0.7 ms per
 * hit for common words at 50,000 articles, more than the ranked search
 * itself.  The search already has the text and the query, so the snippet is
 * cut here, matching words the way the tokenizer does (exact keys for words
 * typed with diacritics, folded keys otherwise, prefix for "word*").
 *
 * Ownership: att_snippet_terms_new() returns a set the caller frees with
 * att_snippet_terms_free(); att_snippet() returns a malloc'd string the
 * caller frees, or NULL when out of memory.
 */
#ifndef ATT_SNIPPET_H
#define ATT_SNIPPET_H

#include <stddef.h>

typedef struct att_snippet_terms att_snippet_terms;

/* The words of an FTS5 query as written by att_query_to_fts(): every
 * quoted string's words, a quoted string followed by '*' as a prefix.
 * Returns NULL when out of memory. */
att_snippet_terms *att_snippet_terms_new(const char *fts_query);
void att_snippet_terms_free(att_snippet_terms *t);

/* An extract of about max_words words of text (n bytes, paragraphs split
 * by '\n', which become spaces) around the densest group of query words,
 * each wrapped in open/close; "…" marks text left out at either end.  With
 * no query word in the text, its first max_words words. */
char *att_snippet(const char *text, size_t n, const att_snippet_terms *t, const char *open,
                  const char *close, size_t max_words);

#endif
