/*
 * snippet.h - the short extract shown under a search hit, with what
 * matched highlighted.
 *
 * FTS5's snippet() needs the article's row in a MATCH query, and FTS5 finds
 * one rowid in a full-text query by reading the terms' doclists: 0.7 ms per
 * hit for common words at 50,000 articles, more than the ranked search
 * itself.  The search already has the text and the query, so the snippet is
 * cut here, matching words the way the tokenizer does (exact keys for words
 * typed with diacritics, folded keys otherwise, prefix for "word*").
 *
 * What is highlighted follows the query's structure (its FTS5 form, as
 * att_query_to_fts() writes it: quoted strings, AND, OR, NOT, parentheses;
 * juxtaposed strings are an AND too):
 *   "a phrase"   its words only where they stand together in this order
 *                ("Hội đồng Bảo an" marks no "đồng" of "đồng thuận");
 *   x AND y      the highlights of both;
 *   x OR y       the highlights of the alternatives found in the text
 *                (of all of them only when none is found whole: the
 *                article matched in its title);
 *   x NOT y      the highlights of x.
 *
 * Ownership: att_snippet_terms_new() returns a set the caller frees with
 * att_snippet_terms_free(); att_snippet() returns a malloc'd string the
 * caller frees, or NULL when out of memory.
 */
#ifndef ATT_SNIPPET_H
#define ATT_SNIPPET_H

#include <stddef.h>

typedef struct att_snippet_terms att_snippet_terms;

/* The query (an FTS5 query as written by att_query_to_fts(); a quoted
 * string followed by '*' is a prefix).  Words past the 64th and groups
 * past 32 levels are ignored.  Returns NULL when out of memory. */
att_snippet_terms *att_snippet_terms_new(const char *fts_query);
void att_snippet_terms_free(att_snippet_terms *t);

/* An extract of about max_words words of text (n bytes, paragraphs split
 * by '\n', which become spaces) around the densest group of highlighted
 * words, each run of them wrapped in open/close; "…" marks text left out
 * at either end.  With nothing highlighted, its first max_words words. */
char *att_snippet(const char *text, size_t n, const att_snippet_terms *t, const char *open,
                  const char *close, size_t max_words);

/* 1 if text (n bytes) matches the query with the words of each AND of
 * strings standing in the query's order, at most one other word between
 * two of them - "kinh tế thế giới" typed as four words found as the
 * phrase, "Nhật Bản Hàn Quốc" as "Nhật Bản và Hàn Quốc" - else 0 (also
 * when out of memory).  The search uses it to tell a headline that says what was
 * asked from one that has its words scattered. */
int att_snippet_whole(const char *text, size_t n, const att_snippet_terms *t);

#endif
