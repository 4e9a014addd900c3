/*
 * events_int.h - what events.c and frames.c share (internal to the extract
 * stage): the sentence being coded, its event verbs, and the frames of
 * frames.c that find who acts on whom where the clause's plain subject and
 * object do not say it (event nouns, fronted phrases, receiving verbs,
 * quotes, lists of members, references back).
 *
 * The frame functions only read the sentence; those taking side pointers
 * fill them (and return whether they did).  Token positions are indices
 * into the paragraph's tokens.
 */
#ifndef ATT_EVENTS_INT_H
#define ATT_EVENTS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "extract_int.h"
#include "sides.h"

/* An event verb phrase found by the pattern trie. */
typedef struct trigger {
    size_t t0, t1;   /* whole match incl. later segments */
    size_t head_end; /* end of the first segment */
    int pattern;
    size_t score;
} trigger;

/* What coding one sentence needs, passed to its helpers. */
typedef struct sent_ctx {
    const att_lexicon *lx;
    const char *text;
    const att_token *toks;
    size_t s0, s1, para, sb, se;
    const tmention *ms;
    size_t n_ms;
    dyad_guess *dyad;
    att_date_mention *dates;
    size_t n_dates;
    att_date ref;
    att_extraction *out;
} sent_ctx;

/* Index of the mention starting at token t, -1 if none. */
long att_ev_mention_at(const tmention *ms, size_t n_ms, size_t t);
/* The first resolved agent mention starting in [from, to) before any comma, -1 if none. */
long att_ev_next_party(const sent_ctx *c, size_t from, size_t to);
/* Is an agent mention named in the sentence before token t0? */
int att_ev_named_before(const sent_ctx *c, size_t t0);
/* The first token (< head_end + n) after the verb that is the word id, before any comma; 0 if none. */
size_t att_ev_word_after(const sent_ctx *c, const trigger *tr, uint32_t id, size_t n);
/* A visit in a fronted phrase closed by the comma at k: its visitor follows the comma. */
int att_ev_fronted_visit(const sent_ctx *c, const trigger *tr, size_t k, side *subj, side *obj);
/* "nhiều nước ..., gồm A, B và C": the listed members as the subject. */
int att_ev_group_subject(const sent_ctx *c, const trigger *tr, size_t from, side *subj);
/* "Ngoài/Sau khi V ..., A ...": the subject after a fronted phrase's comma. */
int att_ev_fronted_subject(const sent_ctx *c, const trigger *tr, const trigger *next, side *subj);
/* "chuyến thăm X của Y": visitor and host of a visit named as a noun. */
int att_ev_nominal_visit(const sent_ctx *c, const trigger *tr, side *subj, side *obj);
/* "giữa A và/với B" after a joint verb: both parties as the subject. */
int att_ev_between_pair(const sent_ctx *c, const trigger *tr, side *subj);
/* "Trong cuộc điện đàm với B, A ...": the two parties of a fronted joint noun. */
int att_ev_fronted_joint(const sent_ctx *c, const trigger *tr, side *subj, side *obj);
/* "vấp phải sự phản đối của X", "cân nhắc đề nghị từ X": X acts on the subject. */
int att_ev_received_from(const sent_ctx *c, const trigger *tr, side *subj, side *obj);
/* Is a statement verb addressed "với" a named actor? */
int att_ev_addressed(const sent_ctx *c, const trigger *tr);
/* "đề nghị hỗ trợ ...": is the request pattern p an offer? */
int att_ev_offer(const sent_ctx *c, const trigger *tr, const att_pattern *p);
/* "lệnh trừng phạt của X đối với Y": 1 with the sides, -1 when the agent
 * has no counterpart, 0 when the frame does not apply. */
int att_ev_noun_agent(const sent_ctx *c, const trigger *tr, side *subj, side *obj);
/* "Đáp lại quyết định của X, A ...": the fronted response's actors as the target. */
void att_ev_response_target(const sent_ctx *c, const side *subj, side *obj);
/* Does the clause reported after a reporting verb start with a subject that is no actor? */
int att_ev_own_subject(const sent_ctx *c, size_t from, size_t t0);
/* Is the verb at t0 right after "đồng thời" (adverbs aside)? */
int att_ev_after_dong_thoi(const sent_ctx *c, size_t t0);
/* Does "nhau" (each other) follow the verb? */
int att_ev_each_other(const sent_ctx *c, const trigger *tr);
/* Is "giữa" right after the joint verb, before any comma? */
int att_ev_between_follows(const sent_ctx *c, const trigger *tr);
/* "ông/bà": the person last named; "nước này": the source of the paragraph's last event. */
int att_ev_pronoun_subject(const sent_ctx *c, size_t verb, side *subj);
/* A verb inside a direct quote with a named speaker: the speaker as subject. */
int att_ev_quote_speaker(const sent_ctx *c, size_t verb, side *subj);

/* "Nga lên án động thái này": an act referred back to ("động thái/quyết
 * định này/đó/trên", data: refer_back) as the object of the verb tr: the
 * actor of the last act coded (the first event of its sentence, in this or
 * the previous paragraph; its target when the subject was its source) is
 * the target.  Fills obj and returns 1 when so. */
int att_ev_referred_act(const sent_ctx *c, const trigger *tr, const side *subj, side *obj);
/* "... đề nghị Mỹ dỡ bỏ lệnh cấm, nhưng Washington đã từ chối": a refusal
 * or rejection with no object answers the last request, offer, demand,
 * accusation or threat aimed at its subject (among the last four events,
 * in this or the previous paragraph): its source is the target.  Fills obj
 * and returns 1 when so. */
int att_ev_answered_act(const sent_ctx *c, const side *subj, side *obj);
/* "... ở Ấn Độ và cấp tốc gửi viện trợ cho nước này": "cho/với/tới/giúp
 * nước này" after the verb tr is the nearest country named before the verb
 * in the paragraph that is not the subject.  Fills obj and returns 1 when so. */
int att_ev_this_country(const sent_ctx *c, const trigger *tr, const side *subj, side *obj);
/* "Mỹ khẳng định các yêu sách của Trung Quốc là bất hợp pháp", "ông X cho
 * rằng ... Washington không tôn trọng đồng minh": a statement or opinion of
 * an actor (the first reporting or opinion verb of the sentence, trig[0..nt)
 * are its event verbs) that censures ("bất hợp pháp", "vi phạm": data kind
 * censure) what another actor, named before the censure word, does.  Fills
 * the speaker, the censured and the reporting words' span [r0, r1); returns
 * 1 when so. */
int att_ev_censure(const sent_ctx *c, const trigger *trig, size_t nt, side *speaker, side *censured, size_t *r0,
                   size_t *r1);
/* "Thượng đỉnh Nga-Mỹ", "Hội nghị Bộ trưởng Ngoại giao ASEAN-Mỹ": a
 * meeting noun at token k (data kind pair_noun, not after "các"/"những")
 * with a dash-joined pair of actors within six words after it: fills the
 * pair and returns the noun's end, 0 if none. */
size_t att_ev_pair_noun(const sent_ctx *c, size_t k, side *pair);
/* Does the sentence name two actors joined by a dash ("Nga-Mỹ")? */
int att_ev_has_dash_pair(const sent_ctx *c);
/* "Anh, Ireland và Romania cũng gửi trợ giúp": aid sent to nobody named
 * goes to the country the article is most about (dyad a), when this or
 * the previous paragraph names it and it is not the giver.  Fills obj,
 * returns 1 when so. */
int att_ev_aid_recipient(const sent_ctx *c, const side *subj, side *obj);
/* "cảm ơn", "biết ơn", "tri ân": is pattern p a verb of gratitude? */
int att_ev_gratitude(const att_pattern *p);
/* "cảm ơn A, B và C đã hỗ trợ ...": is the aid verb tr (pattern p) right
 * after the thanked (from thanked->t0 on; only "đã", "vì", "cũng", "luôn"
 * between)?  Fills the helpers (its subject) and returns 1 when so. */
int att_ev_thanked_help(const sent_ctx *c, const att_pattern *p, const trigger *tr, const side *thanked,
                        side *helpers);
/* The first of the adverbs ("cũng", "đã", "vừa", "sẽ") right before the
 * verb at t0 (t0 when there is none). */
size_t att_ev_before_adverbs(const sent_ctx *c, size_t t0);
/* Is there a semicolon (adverbs aside) right before the verb at t0? */
int att_ev_after_semicolon(const sent_ctx *c, size_t t0);
/* Is the last actor before the verb at t0 a member of subj, with only
 * adverbs between ("cung cấp cho Ukraine gói viện trợ": no)? */
int att_ev_subject_right_before(const sent_ctx *c, const side *subj, size_t t0);
/* "cảnh báo, Y ...", "cảnh báo rằng Y ...": recodes the bare warning e
 * (pattern p, speaker spk, object obj) as a comment (012) unless the
 * speaker's side acts in what it warns of. */
void att_ev_warning_about(const sent_ctx *c, const trigger *tr, const att_pattern *p, const side *spk, const side *obj,
                          att_event *e);
/* "Mỹ trừng phạt Iran, Nga lên án ...": where the object of a verb whose
 * words end at from stops when actors after a comma stand right before
 * the next verb at to (they are its subject). */
size_t att_ev_subject_after_comma(const sent_ctx *c, size_t from, size_t to);

#endif
