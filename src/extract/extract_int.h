/*
 * extract_int.h - internals shared by the files of the extract stage
 * (actors.c, events.c, extract.c); not a public API.
 */
#ifndef ATT_EXTRACT_INT_H
#define ATT_EXTRACT_INT_H

#include "extract.h"

/* A mention at token level inside one paragraph. */
typedef struct tmention {
    size_t t0, t1;     /* token span [t0, t1) */
    att_actor_ref ref; /* ref.code "" for an unresolved person */
    int joint;         /* "hai nước" (2) / "ba nước" (3): the article's two or three main countries */
    int location;      /* used as a place */
    int actor;         /* lexicon actor index or -1 */
} tmention;

typedef struct tmentions {
    tmention *v;
    size_t n, cap;
} tmentions;

/* Find actor mentions in a tokenized paragraph (appends to out). */
att_status att_find_mentions(const att_lexicon *lx, const char *text, const att_token *toks, size_t n,
                             int year, tmentions *out);

/* The two countries an article is mostly about (ISO3, "" if fewer). */
typedef struct dyad_guess {
    att_actor_ref a, b, c; /* c: the third, for "ba nước" */
    att_actor_ref last_person; /* for "ông"/"bà" subjects; code "" if none yet */
    /* the two parties of the paragraph's last meeting or coordinated
     * subject ("A gặp B. Hai bên thảo luận ..."): what "hai nước/hai bên"
     * means there; local_para is its paragraph + 1, 0 if none */
    att_actor_ref local_a, local_b;
    size_t local_para;
    /* the current paragraph's quotations (found before its events): a verb
     * inside a direct quote with nobody named before it has the speaker as
     * its subject ("\"Chúng tôi sát cánh cùng X\", ông Y nói") */
    const att_quote_rec *quotes;
    size_t n_quotes;
} dyad_guess;

/* Code events in one sentence: tokens [s0,s1) of the paragraph. */
att_status att_code_sentence(const att_lexicon *lx, const att_article *art, size_t para,
                             const char *text, const att_token *toks, size_t s0, size_t s1,
                             const tmention *ms, size_t n_ms, dyad_guess *dyad,
                             att_extraction *out);

void att_ref_from_actor(const att_lexicon *lx, int actor, att_actor_ref *r);

/* The arrays of an att_extraction keep no capacity: it is implied by the
 * count, 0 for none, else the power of two (at least 16) that holds it.
 * Returns the capacity to grow to before adding `add` items to n, or 0
 * when they fit. */
static inline size_t att_grow_cap(size_t n, size_t add)
{
    size_t cap = 0, want = 16;
    while (cap < n)
        cap = cap ? cap * 2 : 16;
    if (n + add <= cap)
        return 0;
    while (want < n + add)
        want *= 2;
    return want;
}

#endif
