/*
 * conllu.h - read a Universal Dependencies treebank (CoNLL-U) as raw text
 * plus gold words: what the tagger's trainer and evaluation need.
 *
 * Each sentence's text is rebuilt from its word forms and SpaceAfter=No
 * (for UD_Vietnamese-VTB this is exactly its "# text =" line), except that
 * VTB's bracket placeholders LBKT / RBKT become "(" / ")" with no space
 * inside the brackets, as running text has them.  Multi-word token ranges
 * (1-2) and empty nodes (1.1) are skipped.
 *
 * Tags: upos_file is the UPOS column as written; upos is the tag by the UD
 * guidelines.  They differ for UD_Vietnamese-VTB releases before 2.5, whose
 * UPOS column maps the VTB tags Np (proper noun) to NOUN, P (pronoun) to
 * PROPN, R (adverb) to X, and coordinating CC / subordinating C to SCONJ /
 * CCONJ: upos is derived from the XPOS column for those (Np -> PROPN,
 * P -> PRON, R -> ADV, CC -> CCONJ, C -> SCONJ).  att_upos_vtb_legacy()
 * (tagger.h) maps a guideline tag back to the file's convention.
 *
 * A path may end in ":A-B" to keep only sentences A..B-1 (0-based), e.g.
 * "dev.conllu:400-800".
 *
 * Ownership: *out is malloc'd; release it with att_ud_free().
 * Errors: ATT_ERR_IO (cannot read), ATT_ERR_FORMAT (bad line: err names
 * the file and line), ATT_ERR_NOMEM.  Thread-safe.
 */
#ifndef ATT_CONLLU_H
#define ATT_CONLLU_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

typedef struct att_ud_word {
    uint32_t from, to; /* bytes of the sentence text */
    uint8_t upos;      /* att_upos by the UD guidelines (see above) */
    uint8_t upos_file; /* att_upos as the file's UPOS column has it (X if unknown) */
} att_ud_word;

typedef struct att_ud_sent {
    char *text; /* NUL-terminated */
    size_t len;
    att_ud_word *w;
    size_t n;
} att_ud_sent;

typedef struct att_ud_set {
    att_ud_sent *s;
    size_t n, cap;
} att_ud_set;

/* Append the sentences of path (with an optional ":A-B" range) to *set
 * (zero-initialize it before the first call). */
att_status att_ud_read(const char *path, att_ud_set *set, char *err, size_t errlen);
void att_ud_free(att_ud_set *set);

#endif
