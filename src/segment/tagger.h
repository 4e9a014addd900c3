/*
 * tagger.h - Vietnamese word segmentation and Universal POS tagging.
 *
 * A Vietnamese word is one or more syllables ("Việt Nam", "sẵn sàng",
 * "Hội đồng Bảo an" is two words).  att_tag_words() splits raw UTF-8
 * text into words and gives each its UD part of speech.  Words are byte
 * ranges [from,to) of the caller's text, so a caller maps them back
 * exactly; a multi-syllable word's range includes the spaces between its
 * syllables.  Punctuation marks are words of their own (tag PUNCT),
 * except between letters or digits with no space around them: numbers
 * ("1.000", "2,5", "16.6.2024"), joined forms ("TP.HCM", "Mát-xcơ-va",
 * "dantri.com.vn", e-mail addresses) are one token.  ("TP. HCM" with a
 * space comes out as three words; "U.S." as "U.S" and ".".)
 *
 * Tags follow the UD guidelines: PROPN for names ("Việt Nam", "Hà Nội"),
 * PRON for pronouns ("tôi", "họ"), ADV for adverbs ("đã", "không",
 * "sẽ"), CCONJ for "và", "hoặc", SCONJ for "nếu", "vì".  (The treebank's
 * pre-2.5 UPOS column writes these as NOUN, PROPN, X, SCONJ, CCONJ; the
 * trainer takes them from its XPOS column instead; src/segment/conllu.h.)
 * SYM and a few others are never predicted (the treebank has none).
 * Proper names from data/countries.tsv, persons.tsv, orgs.tsv and
 * geo_nonactors.tsv written capitalised are always kept whole.
 *
 * The model (a syllable B/I segmenter and a word UPOS tagger run in both
 * directions, averaged perceptrons) is trained from UD_Vietnamese-VTB (CC BY-SA 4.0) by
 * tools/train_tagger.c; the trained model data/tagger_vi.model is a
 * derivative work under CC BY-SA 4.0, compiled into the binary.  See
 * docs/SEGMENT.md.
 *
 * Ownership: a model is immutable once loaded.  att_tagger_builtin()
 * returns a process-wide model loaded once (never freed by the caller);
 * att_tagger_open() returns a model the caller frees with
 * att_tagger_free().  Output arrays belong to the caller.
 * Thread safety: any number of threads may call att_tag_words() on the
 * same model at once.  att_tag_words() allocates nothing: its working
 * memory is on the stack (about 50 KB), and long texts are processed in
 * pieces (cut at punctuation or, failing that, every ATT_TAG_CHUNK tokens),
 * so time is linear and memory constant in the text's length.
 * Errors: ATT_ERR_USAGE (NULL arguments), ATT_ERR_UTF8 (invalid UTF-8:
 * err names the byte offset), ATT_ERR_TOOBIG (more words than cap: the
 * first cap words are written), ATT_ERR_FORMAT / ATT_ERR_NOMEM when loading
 * a model.  Error messages are one line in a caller-owned err buffer.
 */
#ifndef ATT_TAGGER_H
#define ATT_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

/* The 17 Universal POS tags (https://universaldependencies.org/u/pos/). */
typedef enum att_upos {
    ATT_UPOS_ADJ = 0,
    ATT_UPOS_ADP,
    ATT_UPOS_ADV,
    ATT_UPOS_AUX,
    ATT_UPOS_CCONJ,
    ATT_UPOS_DET,
    ATT_UPOS_INTJ,
    ATT_UPOS_NOUN,
    ATT_UPOS_NUM,
    ATT_UPOS_PART,
    ATT_UPOS_PRON,
    ATT_UPOS_PROPN,
    ATT_UPOS_PUNCT,
    ATT_UPOS_SCONJ,
    ATT_UPOS_SYM,
    ATT_UPOS_VERB,
    ATT_UPOS_X,
    ATT_UPOS__N
} att_upos;

/* "NOUN", "VERB", ...; "X" for an out-of-range value.  Static, never NULL. */
const char *att_upos_name(att_upos u);
/* The tag named s[0..n) (case-sensitive UD spelling); -1 if none. */
int att_upos_parse(const char *s, size_t n);

/* One word: bytes [from,to) of the input, its tag and syllable count. */
typedef struct att_tword {
    uint32_t from, to;
    uint8_t upos;  /* att_upos */
    uint8_t nsyl;  /* syllables (tokens) in the word, >= 1 */
} att_tword;

/* Longest run of syllables decoded at once (see Thread safety above). */
#define ATT_TAG_CHUNK 256

/* Flags for att_tag_words(). */
#define ATT_TAG_NOPOS 1u      /* segment only: upos is left ATT_UPOS_X (faster) */
#define ATT_TAG_VTB_LEGACY 2u /* tags as UD_Vietnamese-VTB before 2.5 writes them (att_upos_vtb_legacy) */

/* The tag UD_Vietnamese-VTB releases before 2.5 write for a word whose
 * guideline tag is u: PROPN -> NOUN, PRON -> PROPN, ADV -> X, CCONJ ->
 * SCONJ, SCONJ -> CCONJ; every other tag is itself. */
att_upos att_upos_vtb_legacy(att_upos u);

typedef struct att_tagger att_tagger;

/* The model compiled into the binary (or data/tagger_vi.model under the
 * data directory, see util/datafile.h), loaded on the first call; later
 * calls return the same model.  Thread-safe.  NULL on failure, with the
 * reason in err (every later call fails the same way). */
const att_tagger *att_tagger_builtin(char *err, size_t errlen);

/* Load a model from its text form data[0..len) (the format written by
 * tools/train_tagger).  *out is freed with att_tagger_free(). */
att_status att_tagger_open(const char *data, size_t len, att_tagger **out, char *err, size_t errlen);
void att_tagger_free(att_tagger *t);

/* Segment and tag text[0..len) (UTF-8; NFC or not: look-ups use the
 * lower-cased, tone-normalized view of each syllable).  Writes at most cap
 * words to out and their count to *n.  A text never has more words than
 * non-space bytes, so cap >= len always suffices.  White space is never part
 * of a word except between the syllables of one word.  Empty or all-space
 * text gives *n = 0 and ATT_OK. */
att_status att_tag_words(const att_tagger *t, const char *text, size_t len, att_tword *out, size_t cap,
                         size_t *n, unsigned flags, char *err, size_t errlen);

#endif
