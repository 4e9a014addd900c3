/*
 * lexicon.h - the reference data compiled for matching: actor names
 * (countries with their capitals, metonyms and demonyms; organizations;
 * persons), titles, the CAMEO codebook, the Vietnamese event patterns and
 * the tone lexicon, all interned in one syllable vocabulary so that an
 * article is tokenized once and every dictionary is matched in one pass.
 *
 * Files (see data/): countries.tsv, orgs.tsv, persons.tsv, titles.tsv, geo_nonactors.tsv,
 * cameo.tsv, cameo_patterns_vi.tsv, clause_frames_vi.tsv, tone_vi.tsv - read through
 * att_datafile_load(), i.e. from --data-dir when given, else the copy built
 * into the binary.
 *
 * Ownership: att_lexicon_load() returns a lexicon the caller frees with
 * att_lexicon_free(); everything it points to is owned by it.  Read-only
 * after loading, so it may be shared by threads.  Errors: ATT_ERR_NOTFOUND
 * (a file is missing), ATT_ERR_FORMAT ("FILE line N: ..." in err),
 * ATT_ERR_NOMEM.
 */
#ifndef ATT_LEXICON_H
#define ATT_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "../segment/tokens.h"
#include "../segment/trie.h"
#include "../util/status.h"
#include "tone.h"

typedef enum att_actor_type { ATT_ACTOR_COUNTRY = 1, ATT_ACTOR_ORG, ATT_ACTOR_PERSON } att_actor_type;
const char *att_actor_type_name(att_actor_type t); /* "country", "org", "person" */

/* A canonical actor. */
typedef struct att_lex_actor {
    char code[16];       /* ISO3 for countries, org code, country+role for persons */
    char country[8];     /* ISO3 (or org code for org officials), "" if unknown */
    att_actor_type type;
    char *name;          /* canonical name (Vietnamese name for countries) */
    char *role;          /* persons: head_of_state, foreign_minister, ... */
    int from, to;        /* persons: years in the role, 0 if open */
} att_lex_actor;

/* How a name denotes its actor. */
typedef enum att_name_kind {
    ATT_NAME_COUNTRY, ATT_NAME_CAPITAL, ATT_NAME_METONYM, ATT_NAME_DEMONYM, ATT_NAME_ORG,
    ATT_NAME_PERSON,
    ATT_NAME_PLACE /* a geographic name that is not an actor (actor = -1) */
} att_name_kind;

typedef struct att_lex_name {
    int actor;           /* index into actors */
    att_name_kind kind;
    uint8_t capitalized; /* the written form starts with an upper-case letter */
    uint8_t n_tokens;
} att_lex_name;

typedef struct att_lex_title {
    char *title;
    char *role;
    int country_follows; /* "Ngoại trưởng Nga ..." */
} att_lex_title;

typedef struct att_cameo {
    char code[8];        /* "0411" */
    char *name;
    double goldstein;
    int quad;            /* 1..4 */
    char root[4];        /* "04" */
} att_cameo;

typedef enum att_voice { ATT_VOICE_ACTIVE, ATT_VOICE_PASSIVE, ATT_VOICE_JOINT } att_voice;

typedef struct att_pattern {
    int cameo;           /* index into cameo */
    att_voice voice;
    uint32_t *ids;       /* all segments' ids, segment boundaries in seg_len */
    uint8_t n_segs;
    uint8_t seg_len[8];
    uint32_t seg1_id;    /* ids[seg_len[0]], the first word of the second segment (n_segs > 1):
                          * tested before ids is read */
    char *text;
    size_t rank; /* 10 x its literal syllables + the length of its CAMEO code: how a
                  * match of it ranks among matches of equal span (events.c) */
} att_pattern;

/* Kinds of clause-framing phrases (data/clause_frames_vi.tsv), the values
 * of lexicon->frames; see that file's header for what each means. */
typedef enum att_frame_kind {
    ATT_FRAME_NOMINAL_HEAD = 0, ATT_FRAME_ANALYSIS, ATT_FRAME_BACKGROUND, ATT_FRAME_RELATION,
    ATT_FRAME_HABITUAL, ATT_FRAME_RECEIVE, ATT_FRAME_OFFER_VERB, ATT_FRAME_LIST_INTRO, ATT_FRAME_EVENT_NOUN,
    ATT_FRAME_MANNER, ATT_FRAME_CLASSIFIER, ATT_FRAME_ANALYSIS_VERB, ATT_FRAME_RESPONSE,
    ATT_FRAME_OPINION, ATT_FRAME_NON_ACTOR, ATT_FRAME_FRONTED, ATT_FRAME_REFER_BACK, ATT_FRAME_CENSURE, ATT_FRAME_PERSON_BACK, ATT_FRAME_PAIR_NOUN, ATT_FRAME__N
} att_frame_kind;

/* Frequently tested function words, interned once. */
typedef struct att_lex_words {
    uint32_t va, voi, cung, tai, o, phia, hai, nuoc, ben, quoc, gia, se, du, kien, dinh, sap, ke,
        hoach, khong, chua, chang, neu, truong, hop, ve, ong, ba, nha, lanh, dao,
        ba_, /* ba = "bà", ba_ = "ba" (three) */
        cua, trong, theo, moi, su, nhung, cac, cuoc, ky, niem, thoa, thuan, hiep, uoc, van, ghi, nho,
        chuyen, nguoi, dong, thoi, do_, toi, den, sang, da, cung_, vua, kien_, de, nham, nham_, vao, khi, con, nhung_, song, tiep, tuc, giua, sau, tu, /* tu = "từ" */
        bang, tinh, nay, viec, moi_, mot, cap, rang, la, ngoai, nhau, bay,
        ca, do_that, tren, cho, giup, deu, thi, tuy, nhien;
    /* "cả", "đó", "trên", "cho", "giúp", "đều", "thì", "tuy", "nhiên" */ /* "bang", "tỉnh", "này", "việc", "mỗi", "một", "cấp", "rằng", "là", "ngoài", "nhau", "bay" */ /* do_ = "do", cung_ = "cũng", kien_ = "kiện", nham/nham_ = "nhằm"/"nhắm", nhung_ = "nhưng" */
} att_lex_words;

typedef struct att_lexicon {
    att_vocab *vocab;
    att_trie *names;     /* values: index into names */
    att_trie *titles;    /* values: index into titles */
    att_trie *patterns;  /* first segment; values: index into patterns */
    att_trie *frames;    /* clause frames; values: att_frame_kind */
    att_lex_actor *actors;
    size_t n_actors;
    att_lex_name *names_v;
    size_t n_names;
    att_lex_title *titles_v;
    size_t n_titles;
    att_cameo *cameo;
    size_t n_cameo;
    att_pattern *patterns_v;
    size_t n_patterns;
    att_tone_lexicon *tone;
    att_lex_words w;
    int visit_pattern;   /* the plain "thăm" (042) row, for "A tới X" visits; -1 if none */
} att_lexicon;

att_status att_lexicon_load(att_lexicon **out, char *err, size_t errlen);
void att_lexicon_free(att_lexicon *lx);

/* Index of a country actor by ISO3 code, -1 if unknown. */
int att_lexicon_country(const att_lexicon *lx, const char *iso3);
/* Index into cameo by code, -1 if unknown. */
int att_lexicon_cameo(const att_lexicon *lx, const char *code);

#endif
