/*
 * tokens.h - syllable tokens of a text, interned in a shared vocabulary so
 * that every dictionary (actor names, event patterns, tone lexicon) can be
 * matched in one pass over integer ids.
 *
 * A token is a word as att_next_word() sees it (a run of letters, marks and
 * digits - in Vietnamese one syllable).  Its key is the exact view
 * (lowercase, one tone-mark style): "Hoà" and "hòa" share an id.
 *
 * Ownership: att_vocab is created and freed by its owner (the lexicon);
 * att_tokenize() fills a caller-owned att_tokens, released with
 * att_tokens_free().  Ids are > 0; id 0 means "not in the vocabulary".
 * A vocabulary may be read by several threads once no one adds to it.
 * Tokenizing keeps a per-thread cache of words' ids (768 KB, allocated on
 * first use and kept for the thread's life, like the word-key cache of
 * normalize.c); a vocabulary that changes is never answered from it.
 */
#ifndef ATT_TOKENS_H
#define ATT_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

typedef struct att_vocab att_vocab;

typedef struct att_token {
    uint32_t start, end; /* byte offsets in the text */
    uint32_t id;         /* vocabulary id of the exact key, 0 if unknown */
    uint8_t upper;       /* first letter is upper case */
    uint8_t digit;       /* token is all digits */
    uint8_t gap_before;  /* 1 if punctuation (not just spaces) separates it from the previous token */
} att_token;

typedef struct att_tokens {
    att_token *v;
    size_t n, cap;
} att_tokens;

att_vocab *att_vocab_new(void);
void att_vocab_free(att_vocab *v);
/* Intern the exact key of one word (any case/tone style); returns its id,
 * 0 on allocation failure. */
uint32_t att_vocab_add(att_vocab *v, const char *word, size_t n);
/* Look up a word without adding it; 0 if unknown. */
uint32_t att_vocab_find(const att_vocab *v, const char *word, size_t n);
/* Id of an already-exact key (no normalization); 0 if unknown. */
uint32_t att_vocab_find_key(const att_vocab *v, const char *key, size_t n);
size_t att_vocab_size(const att_vocab *v);

/* Tokenize text[0..len) (replacing the contents of *out). */
att_status att_tokenize(const att_vocab *v, const char *text, size_t len, att_tokens *out);
/* The same tokens for two vocabularies at once (ids from v in *out, from v2
 * in *out2; all else equal): each word's key is computed once. */
att_status att_tokenize2(const att_vocab *v, const att_vocab *v2, const char *text, size_t len, att_tokens *out,
                         att_tokens *out2);
void att_tokens_free(att_tokens *t);
/* Free this thread's word cache (a thread that tokenized and is about to
 * end calls it; the next tokenizing on the thread allocates it again). */
void att_tokens_thread_end(void);

#endif
