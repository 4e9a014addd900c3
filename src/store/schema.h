/*
 * schema.h - the schema migrations (internal to the store stage).
 * Migration i (1-based) moves a database from user_version i-1 to i.
 * Later stages add their tables by appending migrations, never by editing
 * one that has shipped.
 */
#ifndef ATT_SCHEMA_H
#define ATT_SCHEMA_H

#include <stddef.h>

extern const char *const att_migrations[];
extern const size_t att_n_migrations;

/* The migration that creates the vocab table: from then on, every
 * migration's transaction also writes the vocabulary its FTS rebuilds met. */
#define ATT_TERMS_MIGRATION 5

/* The migration after which content hashes are computed over
 * att_hash_view(): the store recomputes every stored hash in it. */
#define ATT_REHASH_MIGRATION 6

/* The migration that creates index_pairs: the store fills it from
 * data/phrase_syllables.tsv and rebuilds the full index with the pairs. */
#define ATT_PAIRS_MIGRATION 8

#endif
