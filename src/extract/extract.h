/*
 * extract.h - what an article says: actor mentions, CAMEO events, quotations
 * and tone, computed from the lead and body only (never the boilerplate the
 * article stage removed).
 *
 * Text positions: paragraph index p counts the lead first (when the article
 * has one) and then the body paragraphs; byte offsets are within that
 * paragraph.  att_extract_text_offset() converts to a character offset in
 * the article text "lead\nbody1\nbody2..." as exported.
 *
 * Ownership: att_extract() fills a caller-owned att_extraction, released
 * with att_extraction_free().  The lexicon is only read.
 */
#ifndef ATT_EXTRACT_H
#define ATT_EXTRACT_H

#include <stddef.h>

#include "../article/article.h"
#include "dates.h"
#include "lexicon.h"
#include "tone.h"

/* A resolved actor as reported in events, mentions and quotes. */
typedef struct att_actor_ref {
    char code[16];       /* "USA", "UNO", "RUSGOV" ... ("" = none) */
    char country[8];     /* ISO3 of the country it belongs to; org code for orgs */
    att_actor_type type;
    char name[96];       /* canonical or surface name */
} att_actor_ref;

typedef struct att_mention {
    size_t para, start, end; /* where (see above) */
    att_actor_ref ref;
    int location;            /* 1 if used as a place ("tại Mỹ"), not as an agent */
} att_mention;

typedef enum att_modality {
    ATT_MOD_REALIZED = 0, ATT_MOD_PLANNED, ATT_MOD_NEGATED, ATT_MOD_HYPOTHETICAL
} att_modality;
const char *att_modality_name(att_modality m); /* realized, planned, negated, hypothetical */

typedef struct att_event {
    att_actor_ref a1, a2;
    int cameo;               /* index into lexicon->cameo */
    int root;                /* its CAMEO root, 1..20 */
    att_date date;
    int date_from_text;      /* 1: the sentence dates it; 0: the article's date */
    char place[96];
    char place_country[8];
    att_modality modality;
    double confidence;       /* 0..1 */
    size_t para;
    size_t sent_start, sent_end; /* the evidence sentence (bytes in para) */
    size_t trig_start, trig_end; /* the verb phrase (bytes in para) */
} att_event;

typedef struct att_quote_rec {
    att_actor_ref speaker;   /* code "" when unknown */
    size_t para, start, end, sent_start, sent_end;
    int direct;
} att_quote_rec;

typedef struct att_extraction {
    att_mention *mentions;
    size_t n_mentions;
    att_event *events;
    size_t n_events;
    att_quote_rec *quotes;
    size_t n_quotes;
    att_tone_scores tone;
} att_extraction;

/* Extraction reads at most this many paragraphs of an article (the lead
 * counts as one); the rest of a longer text is stored and searchable but
 * not coded.  With the document size limit this caps the memory one
 * article's extraction takes (news articles have well under 200). */
#define ATT_EXTRACT_MAX_PARAS 5000

att_status att_extract(const att_lexicon *lx, const att_article *a, att_extraction *out);
void att_extraction_free(att_extraction *x);

/* Paragraph p's text (lead first, see above), NULL if out of range. */
const char *att_extract_para(const att_article *a, size_t p);
/* Character offset of byte off of paragraph p in "lead\nbody...". */
size_t att_extract_text_offset(const att_article *a, size_t p, size_t off);

#endif
