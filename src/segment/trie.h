/*
 * trie.h - phrases of vocabulary ids, matched longest-first at a token
 * position.  Used for every dictionary: actor names, event patterns, the
 * tone lexicon.  A phrase may carry several values (the same string can be,
 * for instance, a title and part of an organization name).
 *
 * Ownership: the trie owns its nodes; att_trie_free() releases them.
 * Values are plain ints chosen by the caller (usually an index into the
 * caller's own table).  Read-only use is thread-safe.
 */
#ifndef ATT_TRIE_H
#define ATT_TRIE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"
#include "tokens.h"

typedef struct att_trie att_trie;

att_trie *att_trie_new(void);
void att_trie_free(att_trie *t);

/* Add a phrase given as text ("Hội đồng Bảo an"): each word is interned
 * in vocab.  Returns ATT_ERR_EMPTY if the phrase has no word. */
att_status att_trie_add(att_trie *t, att_vocab *vocab, const char *phrase, size_t len, int value);

/* Add a phrase given as ids. */
att_status att_trie_add_ids(att_trie *t, const uint32_t *ids, size_t n, int value);

/* Longest phrase starting at toks[i] (not crossing punctuation when
 * stop_at_gap).  Returns the number of tokens matched (0 if none) and
 * points values and n_values at its values (owned by the trie). */
size_t att_trie_match(const att_trie *t, const att_token *toks, size_t n, size_t i,
                      int stop_at_gap, const int **values, size_t *n_values);

/* Every phrase starting at toks[i], shortest first: calls cb(ctx, length,
 * values, n_values) for each; stops when cb returns non-zero. */
void att_trie_match_all(const att_trie *t, const att_token *toks, size_t n, size_t i, int stop_at_gap,
                        int (*cb)(void *ctx, size_t len, const int *values, size_t n_values),
                        void *ctx);

size_t att_trie_phrases(const att_trie *t);

/* Does some phrase start with word id?  (A cheap test before matching.) */
int att_trie_starts(const att_trie *t, uint32_t id);

#endif
