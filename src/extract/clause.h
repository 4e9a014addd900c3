/*
 * clause.h - clause-level rules of event coding (internal to the extract
 * stage): whether an event verb is a predicate that reports an act, or only
 * modifies a noun, states a habit, describes a relationship, or sits inside
 * an analyst's view or a background frame; and the frames that change who
 * acts ("vấp phải sự phản đối của X", "đề nghị hỗ trợ cho X").  The phrases
 * are data/clause_frames_vi.tsv (lexicon->frames).
 *
 * Token positions are indices into the paragraph's tokens; [s0, s1) is the
 * sentence.  Nothing here allocates; every function only reads.
 */
#ifndef ATT_CLAUSE_H
#define ATT_CLAUSE_H

#include <stddef.h>

#include "extract_int.h"

/* Why a verb at t0 is not an event (ATT_NOT_EVENT_NO: it may be one). */
typedef enum att_not_event {
    ATT_NOT_EVENT_NO = 0,
    ATT_NOT_EVENT_NOMINAL,    /* "máy bay chiến đấu": modifies the noun before it */
    ATT_NOT_EVENT_HABITUAL,   /* "thường", "nhiều lần", "định kỳ" before it */
    ATT_NOT_EVENT_ANALYSIS,   /* "các nhà phân tích cho rằng ...", "... cho thấy ..." */
    ATT_NOT_EVENT_BACKGROUND, /* "trong bối cảnh ..." up to the next comma */
    ATT_NOT_EVENT_RELATION,   /* "Quan hệ giữa A và B căng thẳng ..." */
    ATT_NOT_EVENT_CONTENT,    /* "bình luận về việc A ...", "lo ngại việc A ...": what is talked about */
    ATT_NOT_EVENT_AGGREGATE   /* "các lệnh trừng phạt", "những cuộc tấn công" (not as an object) */
} att_not_event;

/* Is the verb whose first token is t0 no event?  first_verb is the first
 * token of the sentence's first event verb (analysis frames count only
 * before it: "cử chuyên gia tới ..." names experts as an object); prev_end
 * is the end of the previous event verb of the sentence (0 if none). */
att_not_event att_clause_not_event(const att_lexicon *lx, const char *text, const att_token *toks, size_t s0,
                                   size_t t0, size_t first_verb, size_t prev_end);

/* Length of a phrase of the kind starting at token i (< n), 0 if none. */
size_t att_frame_at(const att_lexicon *lx, const att_token *toks, size_t n, size_t i, att_frame_kind kind);

/* Does a phrase of the kind end right before token k, starting at or after
 * lo?  Returns its first token + 1, 0 if none. */
size_t att_frame_before(const att_lexicon *lx, const att_token *toks, size_t lo, size_t k, att_frame_kind kind);

/* Is there a comma or semicolon in the text between tokens k-1 and k? */
int att_comma_before(const char *text, const att_token *toks, size_t k);

#endif
