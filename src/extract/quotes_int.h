/*
 * quotes_int.h - att_find_quotes() for a caller that has tokenized the
 * paragraph already (extract.c tokenizes each paragraph once, for its own
 * dictionaries and for the quotation word lists together, with
 * att_tokenize2()); not a public API.
 */
#ifndef ATT_QUOTES_INT_H
#define ATT_QUOTES_INT_H

#include "../segment/tokens.h"
#include "quotes.h"

/* The vocabulary of the quotation word lists (built once, thread-safe);
 * NULL if it could not be built (out of memory). */
const att_vocab *att_quotes_vocab(void);

/* As att_find_quotes(), with toks[0..nt) = att_tokenize(att_quotes_vocab(),
 * para, len). */
att_status att_find_quotes_tokens(const char *para, size_t len, const att_token *toks, size_t nt,
                                  const att_speaker_span *speakers, size_t n_speakers, att_quote **out,
                                  size_t *n);

#endif
