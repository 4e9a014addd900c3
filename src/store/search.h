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
 * Ranking (docs/SEARCH.md): when the query carries diacritics, articles
 * matching it with the exact accents come first, then the accent-
 * insensitive matches - "Đảng" never ranks "đang" above "Đảng".  Within
 * each, articles are ranked by attache_rank() (fts_tokenizer.c): BM25
 * (k1 1.2, b 0.75 over the article's length) with column weights title
 * 10, lead 4, body 1, plus a proximity bonus for consecutive query words
 * found next to each other in the same order.  The small headline index
 * (titles and leads) answers alone when it has a full page of hits whose
 * title or lead says what was asked (the query's words together, in
 * order): a common word is then answered without scoring every article
 * that uses it in passing.  Otherwise the full index is ranked, and a
 * headline match counts through its column weight, not by precedence.
 * Each ranking scores its ATT_SEARCH_WINDOW most recently stored
 * matches: a word found in most articles would otherwise cost a score
 * for every one of them, while a news search wants the recent ones.
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
    char *snippet;     /* what matched wrapped in hl_open / hl_close (snippet.h) */
    double score;      /* relevance 0-100, a whole number: rank_score against
                        * the best rank_score of the hits returned */
    double rank_score; /* attache_rank()'s score, negated: higher is better */
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

/* att_search in two steps, for a caller that shows a part of many hits
 * (the API's pages): att_search_ranked gives the same ranked hits as
 * att_search with the same limit, scores set, but each hit's snippet is
 * still its article's lead (uncut, not highlighted); att_search_snippets
 * then cuts the snippets of hits[which[0..n)] (which NULL: hits[0..n)),
 * reading only those articles' bodies. */
att_status att_search_ranked(att_store *s, const char *query, size_t limit, att_hit **hits, size_t *n_hits,
                             char *err, size_t errlen);
att_status att_search_snippets(att_store *s, const char *query, att_hit *hits, const size_t *which, size_t n,
                               const char *hl_open, const char *hl_close, char *err, size_t errlen);

#endif
