/*
 * tagger_int.h - internals of the segmenter/tagger shared by the run-time
 * (tagger.c) and the trainer (tools/train_tagger.c), so that both compute
 * exactly the same tokens and features.  Not for other stages.
 *
 * Pipeline: text -> tokens (syllables, numbers, punctuation runs; see
 * att_tk_next) -> B/I label per token (first-order Viterbi over hashed
 * features, att_seg_feats) -> words -> UPOS per word (greedy left to right
 * over hashed features including the two previous tags, att_pos_feats).
 * Features are 64-bit hashes; a model maps them to weights (att_fmap).
 */
#ifndef ATT_TAGGER_INT_H
#define ATT_TAGGER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tagger.h"

/* Token shapes (low 4 bits) and the "foreign spelling" flag. */
enum {
    TK_LOWER = 0, /* lower-case letters */
    TK_CAP,       /* Capitalised */
    TK_UPPER,     /* ALL CAPS, two letters or more */
    TK_UPPER1,    /* one capital letter */
    TK_DIGIT,     /* digits only */
    TK_NUMSEP,    /* digits with separators: 1.000  2,5  30-4-1975 */
    TK_ALNUM,     /* letters and digits: 43H-016, q.1 */
    TK_JOINED,    /* letters joined by . - ' etc: TP.HCM, Mát-xcơ-va */
    TK_PUNCT,     /* punctuation run */
    TK_SYM,       /* other symbol */
    TK_MIXED,     /* mixed case: iPhone, McCain */
    TK_FOREIGN = 16
};

typedef struct att_tk {
    uint32_t from, to; /* bytes in the text */
    uint64_t key;      /* hash of the lower-cased form */
    uint8_t shape;     /* TK_* (| TK_FOREIGN) */
    uint8_t space;     /* white space precedes it */
    uint32_t onset;    /* hash of the letters before the first vowel (0: not a letter word) */
    uint32_t rhyme;    /* hash of the rest without tone marks (hàng, hãng, hang share it) */
    uint8_t scls;      /* syllable class (att_tk_lex; 0 unknown): 1 + 90 * (inside words
                          mostly not first) + 5 * its most frequent tag as a word of its
                          own (ATT_UPOS__N: never alone) + a bucket of how often it is a
                          word of its own (0 never .. 4 mostly) */
} att_tk;

/* The next token of text[0..len) at or after *pos (which it advances);
 * returns 0 at the end.  text must be valid UTF-8. */
int att_tk_next(const char *text, size_t len, size_t *pos, att_tk *out);

/* Sentinel keys for positions before the first / after the last token. */
#define ATT_K_BOS 0x5bd1e9955bd1e995ull
#define ATT_K_EOS 0x27d4eb2f165667c5ull

static inline uint64_t att_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}
static inline uint64_t att_hcomb(uint64_t h, uint64_t v) { return att_mix64(h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6))); }

/* Key of the word made of tokens tk[a..b) (as att_wd.key). */
uint64_t att_word_key(const att_tk *tk, size_t a, size_t b);

/* Dictionary marks of each token of tk[0..n) from a set of multi-syllable
 * word keys (an att_fmap whose values are ATT_DICT_WORD or ATT_DICT_NAME;
 * NULL or empty: all zero): bits 0-1 the length (2, 3, 4+ as 1..3) of the
 * longest dictionary word that covers this token and the one before it,
 * bit 2 a dictionary word starts here, bit 3 one ends at the previous
 * token (these four bits are features); ATT_MARK_NAME_IN: the token is
 * inside (not first in) a name written capitalised in the text,
 * ATT_MARK_NAME_START: such a name starts here (the decoder keeps names
 * whole).  Words of 2 to ATT_DICT_MAXLEN tokens. */
#define ATT_DICT_WORD 1u
#define ATT_DICT_NAME 2u
#define ATT_MARK_NAME_IN 0x10u
#define ATT_MARK_NAME_START 0x20u
#define ATT_MARK_PAIR 0x40u   /* this token and the one before it form a two-syllable dictionary word */
#define ATT_MARK_FMM_IN 0x80u /* inside a word of the forward longest-match reading */
#define ATT_DICT_MAXLEN 5
struct att_fmap;
void att_dict_marks(const struct att_fmap *dict, const att_tk *tk, size_t n, uint8_t *marks);

/* Sets tk[i].scls for i in [0, n) from a table of syllable keys -> class
 * (1..ATT_SCLS_MAX, counted by the trainer on the treebank; NULL or
 * empty: all 0). */
#define ATT_SCLS_MAX 255u
void att_tk_lex(const struct att_fmap *syls, att_tk *tk, size_t n);

/* Segmentation features of token i of tk[0..n) (marks from
 * att_dict_marks, or NULL): writes at most ATT_SEG_NF hashes to f,
 * returns how many. */
#define ATT_SEG_NF 33
size_t att_seg_feats(const att_tk *tk, const uint8_t *marks, size_t n, size_t i, uint64_t *f);

/* A word for the POS tagger. */
typedef struct att_wd {
    uint64_t key;         /* hash of the lower-cased syllables */
    uint64_t first, last; /* keys of its first and last tokens */
    uint8_t shape;        /* shape of its first token (| 0x20 if every syllable is capitalised, multi-syllable) */
    uint8_t nsyl;
    uint8_t lex;          /* 1 + the word's tag in the model's lexicon (0: not in it); att_pos_tag sets it */
} att_wd;

/* Fill w from tokens tk[a..b) (one word; lex 0). */
void att_wd_make(att_wd *w, const att_tk *tk, size_t a, size_t b);

/* POS features of word i of w[0..n) given the previous two tags (p1 for
 * i-1, p2 for i-2; ATT_UPOS__N before the start).  At most ATT_POS_NF. */
#define ATT_POS_NF 24 /* 23 used */
size_t att_pos_feats(const att_wd *w, size_t n, size_t i, int p1, int p2, uint64_t *f);

/* Feature map: 64-bit feature hash -> index (open addressing).  Keys are
 * never 0 (att_fmap_put maps 0 to 1 silently, as does att_fmap_get). */
typedef struct att_fmap {
    uint64_t *keys;
    uint32_t *vals;
    size_t n, mask; /* mask + 1 slots, a power of two */
} att_fmap;

/* Returns 0 on success, -1 out of memory.  cap is the expected count. */
int att_fmap_init(att_fmap *m, size_t cap);
void att_fmap_free(att_fmap *m);
/* Index of key, or UINT32_MAX. */
uint32_t att_fmap_get(const att_fmap *m, uint64_t key);
/* Insert key -> val, replacing any value; 0, or -1 out of memory. */
int att_fmap_set(att_fmap *m, uint64_t key, uint32_t val);
/* Insert key -> val if absent (growing as needed); returns the stored
 * value, or UINT32_MAX out of memory. */
uint32_t att_fmap_put(att_fmap *m, uint64_t key, uint32_t val);

/* First-order Viterbi over labels B (begin[i] = 1) and I: emit[i] is the
 * score of B at token i (I scores 0), trans[prev][cur] with prev 0 = B,
 * 1 = I, 2 = start.  marks (or NULL) from att_dict_marks: B is not allowed
 * inside a name, I not at its start.  back is scratch of n rows.  Token 0
 * is always B. */
void att_bi_viterbi(const float *emit, const uint8_t *marks, size_t n, const float trans[3][2], uint8_t (*back)[2],
                    uint8_t *begin);

/* The model's B/I labels for tk[0..n) (n <= ATT_TAG_CHUNK); marks gets
 * the tokens' dictionary marks (att_dict_marks). */
void att_seg_viterbi(const att_tagger *t, att_tk *tk, size_t n, uint8_t *marks, uint8_t *begin);

/* The model's tags of words w[0..n) (n <= ATT_TAG_CHUNK): a greedy
 * left-to-right pass and a greedy right-to-left pass (each with its own
 * previous two tags), the tag of each word the best of their summed
 * scores.  force (or NULL): force[j] >= 0 fixes word j's tag; so does
 * the model's tag dictionary (frequent words of a single class).  The
 * words' lex fields are looked up in the model's lexicon (w is not
 * changed). */
void att_pos_tag(const att_tagger *t, const att_wd *w, size_t n, const int8_t *force, uint8_t *tags);

#endif
