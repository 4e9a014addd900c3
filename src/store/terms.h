/*
 * terms.h - the index vocabulary: every exact word key the full-text
 * indexes hold, grouped by folded key.
 *
 * The indexes store one token per word, its exact key ("đảng"); a word
 * typed without diacritics is looked up as all the exact keys that fold to
 * it ("dang" -> đang, đảng, đăng ...), which the tokenizer gives FTS5 as
 * synonyms.  Storing the folded key as well, at the same position, made
 * every document carry 1.75 tokens per word (slower ingest, larger index)
 * for something a few thousand-entry table answers.
 *
 * The vocabulary lives in memory (loaded from the vocab table when the
 * store opens) and grows as the tokenizer meets new words; new entries are
 * written to the table by att_terms_flush() inside the transaction that
 * indexes them, and att_terms_end() after COMMIT or ROLLBACK keeps memory
 * and table in step (entries of a rolled-back transaction are written
 * again with the next one).  A store sees the words other processes index
 * after it opened only when it is opened again (attache's commands are
 * short-lived processes; a long-running reader would reload on a change of
 * PRAGMA data_version).
 *
 * The full index also stores, colocated with a word, the pair it forms
 * with the next word ("hội đồng") when both are among a short list of the
 * commonest syllables (table index_pairs, filled from
 * data/phrase_syllables.tsv when the table is created): a quoted phrase of
 * such syllables then reads the short lists of its pairs instead of the
 * near-complete lists of each syllable.  Pair keys are the two exact keys
 * joined by a space, recorded here like words (folded "hoi dong"), so an
 * accent-free phrase finds them as synonyms too.  The set is per database:
 * an index is read with the list it was built with.
 *
 * Threads: one thread changes a vocabulary; att_terms_id() and
 * att_terms_pairable() read only the pair set, which changes only with
 * att_terms_add_pairable()/att_terms_load_pairs(), so other threads may
 * call them while the owner notes words (parallel ingest's workers do).
 *
 * Ownership: att_terms_new() returns a vocabulary the caller frees with
 * att_terms_free().  Strings passed in are copied.
 * Errors: functions return ATT_OK, ATT_ERR_NOMEM or ATT_ERR_DB;
 * att_terms_add_pairable() ATT_ERR_FORMAT for a key it cannot hold.
 */
#ifndef ATT_TERMS_H
#define ATT_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct att_terms att_terms;

att_status att_terms_new(att_terms **out);
void att_terms_free(att_terms *v);

/* Read the vocab table (which must exist) into memory. */
att_status att_terms_load(att_terms *v, sqlite3 *db);

/* Record an exact key and its folded key; new ones are queued for the
 * table.  Cheap when the word is known (one hash probe).  A key equal to
 * its folded key is not recorded: look-ups try the folded key itself. */
att_status att_terms_note(att_terms *v, const char *exact, size_t en, const char *folded, size_t fn);

/* Call fn for every recorded exact key whose folded key is f (prefix 0)
 * or starts with f (prefix 1; then each key is cut to as many letters as
 * f has, and each distinct cut other than f itself is given once).  f
 * itself is never given (see att_terms_note).  Returns how many were
 * given; stops early when fn returns nonzero. */
size_t att_terms_variants(const att_terms *v, const char *f, size_t fn, int prefix,
                          int (*cb)(void *ctx, const char *exact, size_t len), void *ctx);

/* Write the queued entries to the vocab table (in the caller's
 * transaction) with ins, a statement of ATT_TERMS_INSERT_SQL that the
 * caller prepared and finalizes (the store keeps one: a new pair is met
 * in most batches, and preparing it for each flush cost 0.6% of ingest).
 * ins is reset, not finalized; NULL fails (ATT_ERR_DB) only when there is
 * something to write. */
#define ATT_TERMS_INSERT_SQL "INSERT OR IGNORE INTO vocab(folded, exact) VALUES(?1, ?2)"
att_status att_terms_flush(att_terms *v, sqlite3_stmt *ins);

/* After the transaction of the last flushes ended: committed 1 forgets
 * them, committed 0 (rolled back) queues them again. */
void att_terms_end(att_terms *v, int committed);

/* A nonzero number below 2^30 unique to this vocabulary and its pair set
 * (it changes when the pair set does), for callers that mark the words
 * they have noted or looked up (att_word_keys_tagged). */
#define ATT_TERMS_ID_MASK 0x3fffffffu
uint32_t att_terms_id(const att_terms *v);

/* Is exact a recorded key?  (Keys equal to their folded key are never
 * recorded.) */
int att_terms_has(const att_terms *v, const char *exact, size_t en);

/* The pairs recorded, asked cheaply.  att_terms_pair_key() gives the
 * exact key of a pair syllable a small number (the same for the life of
 * v; 0 when it has none: too long, or too many keys met), and
 * att_terms_pair_known(v, a, b) is 1 once att_terms_pair_mark(v, a, b)
 * said that the pair of the keys numbered a and b has been recorded with
 * att_terms_note() (entries are never forgotten, so the answer holds).
 * A number 0 is never known: ask att_terms_has(). */
unsigned att_terms_pair_key(att_terms *v, const char *exact, size_t en);
int att_terms_pair_known(const att_terms *v, unsigned a, unsigned b);
void att_terms_pair_mark(att_terms *v, unsigned a, unsigned b);

/* What the tokenizer asks of a pair key pair[0..n) (two exact keys
 * numbered a and b, joined): att_terms_has_pair() answers from the bits
 * when it can, else from the table, and marks a pair found there;
 * att_terms_note_pair() is att_terms_note() that also marks the pair, so
 * it is not asked of the table again. */
int att_terms_has_pair(att_terms *v, unsigned a, unsigned b, const char *pair, size_t n);
att_status att_terms_note_pair(att_terms *v, unsigned a, unsigned b, const char *pair, size_t n,
                               const char *folded, size_t fn);

/* Is folded (a folded word key) one of the syllables whose pairs the full
 * index stores?  Always 0 before a list is loaded. */
int att_terms_pairable(const att_terms *v, const char *folded, size_t n);

/* Add one syllable (a folded key of at most 15 bytes; at most 255 in all)
 * to the pair set. */
att_status att_terms_add_pairable(att_terms *v, const char *folded, size_t n);

/* Replace the pair set with the rows of table index_pairs. */
att_status att_terms_load_pairs(att_terms *v, sqlite3 *db);

/* Number of entries (for tests). */
size_t att_terms_size(const att_terms *v);

#endif
