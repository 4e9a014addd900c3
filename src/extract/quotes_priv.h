/*
 * quotes_priv.h - what the files of the quotation finder share (internal
 * to quotes*.c; extract.c's entry point is quotes_int.h): the word kinds of
 * the private vocabulary, the state of one paragraph, and the steps that
 * quotes.c runs over it.
 *
 *   quotes_words.c    the word lists, their trie and the look-ups on it
 *   quotes_marks.c    text helpers, pairing the quote marks, sentences
 *   quotes_speakers.c speakers of speech verbs, introducers, output
 *   quotes.c          one sentence's rules, the paragraph, the entry points
 *
 * Positions are byte offsets into the paragraph or token indices, as each
 * prototype says; functions returning att_status fail only with
 * ATT_ERR_NOMEM (the paragraph state then holds what was allocated, for
 * quotes.c to free).
 */
#ifndef ATT_QUOTES_PRIV_H
#define ATT_QUOTES_PRIV_H

#include <stddef.h>

#include "../segment/tokens.h"
#include "../util/status.h"
#include "quotes.h"

/* ---- word kinds (the values of the private trie) ------------------------ */

enum kind {
    K_VERB = 1,  /* speech verb (DICT flags: VF_*) */
    K_NOTVERB,   /* longer phrase that is not speech: "nói chung" */
    K_RANG,      /* "rằng" */
    K_THEM,      /* "thêm" (cho biết thêm) */
    K_THEO,      /* "theo" */
    K_NOTTHEO,   /* adverbial "theo đó", "theo kế hoạch" ... */
    K_PRON,      /* pronoun subject */
    K_ADV,       /* adverb between subject and verb */
    K_BLOCKPREV, /* word before a verb that makes it a noun/negated/passive */
    K_BLOCKNEXT, /* word after a verb that makes it a noun */
    K_PREP,      /* "với", "trước" ... after a verb: look ahead for "rằng" */
    K_TAIL,      /* what may follow a verb that ends a sentence: "thêm", "như vậy" */
    K_CONJ,      /* "và", "đồng thời": a second verb sharing the subject */
    K_NHU,       /* "như X nói, ..." */
    K_TIME,      /* time word that may follow a closing attribution: "hôm", "ngày" */
    K_SUB,       /* subordinator opening a clause: "khi", "để", "nếu" */
    K_TITLE      /* noun before a quoted name: "cuốn sách “...”" */
};

enum {
    VF_NEEDS_INTRO = 1, /* speech only with rằng / colon / comma after it */
    VF_QUOTING = 2,     /* "dẫn lời X": the speaker follows the verb */
    VF_SOURCE = 4       /* "Reuters đưa tin, ...": a source, like "Theo X," */
};

typedef struct qpair {
    size_t open, open_end, close, close_end; /* close == close_end == len when unclosed */
} qpair;

typedef struct sentence {
    size_t start, end; /* raw, contiguous cover of the paragraph */
    size_t t0, t1;     /* tokens [t0, t1) */
} sentence;

enum intro { I_NONE, I_VERB, I_COLON, I_THEO, I_POST, I_POST_THEO };

typedef struct cand {
    size_t pair;
    size_t ntok;     /* words inside the marks */
    enum intro intro;
    long speaker;
    size_t intro_pos; /* byte where the introducer starts (verb or mark) */
} cand;

typedef struct ctx {
    const char *s;
    size_t len;
    const att_speaker_span *sp;
    size_t nsp;
    unsigned char *sp_ok; /* span not inside quote marks */
    const att_token *tk;
    size_t nt;
    long *tok_pair; /* pair holding the token, -1 */
    unsigned char *consumed;
    qpair *pairs;
    size_t np;
    sentence *sents;
    size_t ns;
    att_quote *out;
    size_t nout, cap;
} ctx;

/* ---- quotes_words.c ----------------------------------------------------- */

/* Longest dictionary phrase at token i (not across punctuation). */
size_t att_qt_longest(const ctx *c, size_t i, const int **vals, size_t *nv);
/* Is a value of this kind among vals[0..nv)?  *idx (if given): its DICT index. */
int att_qt_has_kind(const int *vals, size_t nv, int kind, int *idx);
/* Is tokens [i, i+len) exactly a phrase of this kind? */
int att_qt_phrase_is(const ctx *c, size_t i, size_t len, int kind);
/* Length (1..3) of a phrase of this kind ending at token e (inclusive),
 * starting at or after token lo; 0 if none. */
size_t att_qt_phrase_ending(const ctx *c, size_t e, size_t lo, int kind);
/* Speech verb starting at token t: its length in tokens, 0 if none;
 * *flags (if given): its VF_* flags. */
size_t att_qt_verb_at(const ctx *c, size_t t, int *flags);
/* Does the text between a and b contain byte ch? */
int att_qt_gap_has(const ctx *c, size_t a, size_t b, char ch);
/* Only blanks and characters from `allowed` in [a, b)? */
int att_qt_gap_only(const ctx *c, size_t a, size_t b, const char *allowed);
/* Could the verb at [t, t+m) of sentence se introduce speech?  need_subject:
 * some word must precede it in the sentence. */
int att_qt_verb_ok(const ctx *c, const sentence *se, size_t t, size_t m, int need_subject);

/* ---- quotes_marks.c ----------------------------------------------------- */

/* Blank (ASCII white space or no-break space) at s[i]; returns its length. */
size_t att_qt_blank_at(const char *s, size_t len, size_t i);
/* The first position at or after i that is not blank (len if none). */
size_t att_qt_skip_blanks(const char *s, size_t len, size_t i);
/* Trim blanks from [*a, *b). */
void att_qt_trim_span(const char *s, size_t *a, size_t *b);
/* Sentence-final punctuation at s[i] (. ! ? …); returns its length. */
size_t att_qt_terminal_at(const char *s, size_t len, size_t i);
/* Step (1): the outermost pairs of quote marks into c->pairs/c->np, by position. */
att_status att_qt_find_pairs(ctx *c);
/* Step (2): the sentences into c->sents/c->ns, never breaking inside a pair. */
att_status att_qt_split_sentences(ctx *c);

/* ---- quotes_speakers.c -------------------------------------------------- */

/* Speaker of a speech verb at token vt: its subject, a span from byte lo
 * on (or a pronoun's antecedent); -1 if none. */
long att_qt_subject_in(const ctx *c, const sentence *se, size_t vt, size_t lo);
/* att_qt_subject_in() from the start of the sentence. */
long att_qt_subject_of(const ctx *c, const sentence *se, size_t vt);
/* Is token k preceded by a comma? */
int att_qt_comma_before(const ctx *c, size_t k);
/* May the verb ending before token k close its sentence?  Nothing, "thêm",
 * "như vậy", or a short prepositional phrase ("trong cuộc họp báo") after. */
int att_qt_verb_ends_sentence(const ctx *c, const sentence *se, size_t k);
/* Append the quotation [a, b) (trimmed; nothing if empty) to c->out. */
att_status att_qt_emit(ctx *c, size_t a, size_t b, const sentence *se, long speaker, int direct);
/* End of a sentence's content: trailing blanks and final punctuation off. */
size_t att_qt_content_end(const ctx *c, const sentence *se);
/* Number of tokens inside [a, b). */
size_t att_qt_words_in(const ctx *c, size_t a, size_t b);
/* Where the content after the verb [t, t+m) begins: after "thêm", "rằng",
 * a colon, or "với/trước/... X rằng|:".  *intro: rằng/colon/comma seen. */
size_t att_qt_content_start(const ctx *c, const sentence *se, size_t t, size_t m, int *intro);
/* "Theo X, ..." at the start of sentence se (optionally after a short lead
 * such as "Tuy nhiên,").  Fills the byte after the comma and the speaker. */
int att_qt_theo_form(const ctx *c, const sentence *se, size_t *after_comma, long *speaker);
/* Attribution after the closing mark of pair q: "“...”, ông X nói",
 * "“...” - X cho biết", "“...”, theo X" (I_POST_THEO), or a next sentence
 * that is just "Ông X nói."  Returns the intro found. */
enum intro att_qt_post_posed(ctx *c, size_t si, const qpair *q, long *speaker);
/* Attribution before the opening mark of pair q (verb, colon or Theo). */
enum intro att_qt_pre_posed(ctx *c, const sentence *se, const qpair *q, long *speaker, size_t *intro_pos);

#endif
