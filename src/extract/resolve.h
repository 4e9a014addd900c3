/*
 * resolve.h - actors as people type them: what a user writes where an
 * actor is an argument (`timeline A B`, `dyads --actor`, `events --actor`,
 * the API's actor parameters) resolved to the code attache stores.
 *
 * Accepted, in this order of precedence:
 *   0. a code of data/countries.tsv or data/orgs.tsv written as it is
 *      ("USA", "NGA" Nigeria);
 *   1. a name: Vietnamese names and their variants, English names and
 *      organization acronyms ("Mỹ", "Hoa Kỳ", "Trung Quốc", "United States",
 *      "NATO", "Liên hợp quốc", "EU", "Nga" Russia);
 *   2. a code in another case ("usa", "Nat", "asn");
 *   3. a capital or seat of power standing for its state ("Bắc Kinh",
 *      "Nhà Trắng");
 *   4. a person of data/persons.tsv, who stands for his or her country or
 *      organization ("Putin").
 * Each is tried with the accents as typed (one tone-mark style: "hoà" and
 * "hòa" are the same), then without accents ("trung quoc", "My"); spaces
 * and case do not matter.  The first level that matches decides; two
 * different actors at that level are an ambiguity, reported with both.
 * Nothing matching gives ATT_ERR_NOTFOUND with the closest known names
 * (edit distance of the accent-free forms) in the message:
 *   unknown actor 'Trung Quoc Dai Loan' (closest: CHN Trung Quốc, TWN Đài Loan)
 *
 * Ownership: att_actor_index_load() returns an index the caller frees with
 * att_actor_index_free(); it is read-only afterwards (thread-safe).
 * Errors: every function returns an att_status and writes a one-line
 * message to err: ATT_ERR_NOTFOUND (unknown actor; a reference file
 * missing), ATT_ERR_USAGE (empty or ambiguous input), ATT_ERR_FORMAT (a
 * reference file without the expected columns), ATT_ERR_NOMEM.
 */
#ifndef ATT_RESOLVE_H
#define ATT_RESOLVE_H

#include <stddef.h>

#include "../util/status.h"

typedef struct att_actor_index att_actor_index;

/* Read countries.tsv, orgs.tsv and persons.tsv (through att_datafile_load:
 * --data-dir first, else the built-in copies) into a new index. */
att_status att_actor_index_load(att_actor_index **out, char *err, size_t errlen);

void att_actor_index_free(att_actor_index *ix);

/* Resolve typed (UTF-8, NUL-terminated) to an actor code, written to code
 * (NUL-terminated, at most 15 bytes).  name, if not NULL, receives a
 * pointer to the actor's display name (owned by the index). */
att_status att_actor_resolve(const att_actor_index *ix, const char *typed, char code[16], const char **name,
                             char *err, size_t errlen);

/* Convenience for commands that resolve one or two arguments: loads an
 * index, resolves typed into code, frees the index. */
att_status att_actor_resolve_once(const char *typed, char code[16], char *err, size_t errlen);

#endif
