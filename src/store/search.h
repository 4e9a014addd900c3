/*
 * search.h - full-text search over stored articles.
 *
 * Query language (what a user types):
 *   words            all must occur; typed without diacritics they match
 *                    every accented form ("ngoai giao" ~ "ngoại giao")
 *   "a phrase"       the words in this order
 *   word*            prefix match (accent-free)
 *   OR, AND, NOT     boolean operators (upper case), ( ) for grouping
 *   -word            same as NOT word
 * Any other punctuation is treated as a word separator; an operator with
 * nothing on one side, an unmatched parenthesis and an empty group are
 * left out.  Every typed string becomes a valid FTS5 query (operators
 * written explicitly: FTS5 has no implicit AND beside a parenthesis) or
 * is refused with a one-line "bad query: ..." (ATT_ERR_USAGE) when it
 * passes a limit below; never an FTS5 syntax error.
 *
 * Ranking: when the query carries diacritics, articles matching it with the
 * exact accents come first, then the accent-insensitive matches - "Đảng"
 * never ranks "đang" above "Đảng".  Within each, articles matching in the
 * title or lead come before those matching only in the body (headline
 * matches first; it also spares ranking every article that uses a common
 * word in passing), each group ranked by score.
 * Scores are BM25 with column weights title 10, lead 4, body 1 and no
 * document-length normalization (attache_rank(), see fts_tokenizer.c).
 * Each group ranks its ATT_SEARCH_WINDOW most recently stored matches:
 * a word found in most articles would otherwise cost a score for every
 * one of them, while a news search wants the recent ones anyway.
 *
 * Ownership: att_search() allocates *hits; free with att_hits_free().
 */
#ifndef ATT_SEARCH_H
#define ATT_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "store.h"

/* How many of the newest matches each ranking pass scores (see above). */
#define ATT_SEARCH_WINDOW 2000
/* Limits on a query (a long query of prefixes read every matching term
 * list: 23 s for 900 bytes on a large database; deep nesting overflowed
 * FTS5's parser stack). */
#define ATT_QUERY_MAX_DEPTH 8    /* nested parentheses */
#define ATT_QUERY_MAX_TERMS 64   /* words, phrases' words included */
#define ATT_QUERY_MAX_PREFIXES 4 /* word* terms */
#define ATT_QUERY_MIN_PREFIX 2   /* letters before a '*' */
/* Words in a hit's snippet. */
#define ATT_SNIPPET_WORDS 16

typedef struct att_hit {
    int64_t id;
    char *source;
    char *title;     /* may be NULL */
    char *published; /* may be NULL */
    char *snippet;   /* matched terms wrapped in hl_open / hl_close */
    double score;    /* higher is better (negated bm25) */
    int exact;       /* 1 if it matched with the query's exact accents */
} att_hit;

/* Translate a user query into FTS5 syntax.  accent_mode 0: accent-
 * insensitive (every word folded); 1: exact (words typed with diacritics
 * keep them).  Appends to out; ATT_ERR_EMPTY if the query has no word,
 * ATT_ERR_USAGE past a limit above (both with a message in err).
 * *has_accents (may be NULL) tells whether any word carries diacritics. */
att_status att_query_to_fts(const char *query, int accent_mode, att_buf *out, int *has_accents, char *err,
                            size_t errlen);

att_status att_search(att_store *s, const char *query, size_t limit, const char *hl_open,
                      const char *hl_close, att_hit **hits, size_t *n_hits, char *err,
                      size_t errlen);
void att_hits_free(att_hit *hits, size_t n);

#endif
