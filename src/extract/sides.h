/*
 * sides.h - the participants of an event verb (internal to the extract
 * stage): its subject on the left (the nearest agent mention of its clause,
 * with appositions, lists "A, B và C", "A cùng với B", "A và người đồng cấp
 * B"; not from prepositional phrases nor across an unpaired dash) and its
 * object on the right (preferring a "với" complement, with lists; stopping at
 * a clause break).  Nothing here allocates.
 */
#ifndef ATT_SIDES_H
#define ATT_SIDES_H

#include <stddef.h>

#include "extract_int.h"

/* Up to SIDE_MAX actors for a side: expands joint mentions, follows "A và B",
 * "A, B, C". */
#define SIDE_MAX 16
typedef struct side {
    att_actor_ref r[SIDE_MAX];
    int n;
    int joint; /* came from "hai nước" */
    int with;  /* introduced by "với" */
    size_t t0, t1;
} side;

/* Add an actor to a side (ignored when unresolved, already there or full). */
void att_side_add(side *s, const att_actor_ref *r);
/* Add the actor(s) of a mention: "hai nước/hai bên" expands to the pair the
 * paragraph or article is about (dyad); sets t0/t1 to the mention. */
void att_side_from_mention(side *s, const tmention *m, const dyad_guess *dyad);
/* Is the text between tokens k-1 and k a plain list comma (", ")? */
int att_side_only_comma(const char *text, const att_token *toks, size_t k);
/* Dashes (" - ", "–", "—") between tokens a and b: an odd count closes a
 * clause, an even count is a parenthesis. */
int att_side_dashes_between(const char *text, const att_token *toks, size_t a, size_t b);
/* The subject of the verb at token verb, in [s0, verb): fills out, returns
 * whether it has an actor. */
int att_side_subject(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms,
                     size_t n_ms, size_t s0, size_t verb, const dyad_guess *dyad, side *out);
/* The object of a verb whose words end at from, in [from, s1) up to the
 * clause's end; root is the verb's CAMEO root ("về X" is a topic for roots
 * 03-09), joint_verb skips possessors ("của X").  Returns whether found. */
int att_side_object(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms,
                    size_t n_ms, size_t from, size_t s1, const side *subj, const dyad_guess *dyad, int root,
                    int joint_verb, side *out);

#endif
