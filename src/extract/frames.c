/*
 * frames.c - frames that say who acts on whom where a clause's plain
 * subject and object do not (see events_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "clause.h"
#include "events_int.h"

static int is_word(const att_token *t, uint32_t id) { return id && t->id == id; }

static int is_pair(const att_token *toks, size_t k, uint32_t a, uint32_t b)
{
    return is_word(&toks[k], a) && is_word(&toks[k + 1], b);
}

#define comma_before att_comma_before

/* Index of the mention starting at token t, -1 if none. */
long att_ev_mention_at(const tmention *ms, size_t n_ms, size_t t)
{
    for (size_t i = 0; i < n_ms; i++)
        if (ms[i].t0 == t)
            return (long)i;
    return -1;
}

/* The first resolved agent mention starting in [from, to) before any
 * comma, -1 if none. */
long att_ev_next_party(const sent_ctx *c, size_t from, size_t to)
{
    for (size_t k = from; k < to && k < c->s1; k++) {
        if (k > from && comma_before(c->text, c->toks, k))
            return -1;
        long m = att_ev_mention_at(c->ms, c->n_ms, k);
        if (m >= 0 && !c->ms[m].location && (c->ms[m].joint || c->ms[m].ref.country[0]))
            return m; /* an unresolved name ("Thư ký Hội đồng ...") is no party */
    }
    return -1;
}

/* Is an agent mention named in the sentence before token t0? */
int att_ev_named_before(const sent_ctx *c, size_t t0)
{
    for (size_t i = 0; i < c->n_ms; i++)
        if (c->ms[i].t0 >= c->s0 && c->ms[i].t1 <= t0 && !c->ms[i].location)
            return 1;
    return 0;
}

/* The first token k < tr->head_end + n that is the word id, with no comma
 * between the verb and it; 0 if none. */
size_t att_ev_word_after(const sent_ctx *c, const trigger *tr, uint32_t id, size_t n)
{
    for (size_t k = tr->head_end; k < c->s1 && k < tr->head_end + n; k++) {
        if (comma_before(c->text, c->toks, k))
            return 0;
        if (is_word(&c->toks[k], id))
            return k;
    }
    return 0;
}

/* "Ngày 12/1, trong chuyến thăm bất ngờ tới Kiev, Thủ tướng Anh ... đã ký":
 * a visit in a fronted phrase (nobody named before it) is made by the
 * subject that follows its closing comma at k. */
int att_ev_fronted_visit(const sent_ctx *c, const trigger *tr, size_t k, side *subj, side *obj)
{
    if (att_ev_named_before(c, tr->t0))
        return 0;
    long v = att_ev_next_party(c, k, k + 6);
    if (v < 0)
        return 0;
    att_side_from_mention(subj, &c->ms[v], c->dyad);
    att_side_object(c->lx, c->text, c->toks, c->ms, c->n_ms, tr->head_end, k, subj, c->dyad, 4, 0, obj);
    return subj->n > 0;
}

/* "nhiều nước cũng gửi viện trợ tới X, gồm A, B và C": a group subject
 * that is no actor (clause_frames non_actor) between from and the verb,
 * whose members are listed after "gồm"/"như"/"trong đó có" later in the
 * sentence: the members are the subject.  Returns 1 with subj filled. */
int att_ev_group_subject(const sent_ctx *c, const trigger *tr, size_t from, side *subj)
{
    int group = 0;
    for (size_t k = from; k < tr->t0 && !group; k++)
        group = att_frame_at(c->lx, c->toks, tr->t0, k, ATT_FRAME_NON_ACTOR) > 0;
    if (!group)
        return 0;
    for (size_t k = tr->t1; k < c->s1; k++) {
        size_t n = att_frame_at(c->lx, c->toks, c->s1, k, ATT_FRAME_LIST_INTRO);
        if (!n)
            continue;
        long m = att_ev_mention_at(c->ms, c->n_ms, k + n);
        size_t last = k + n;
        while (m >= 0 && !c->ms[m].location) {
            att_side_from_mention(subj, &c->ms[m], c->dyad);
            last = c->ms[m].t1;
            /* the next member after ", " or "và" */
            size_t nx = last < c->s1 && is_word(&c->toks[last], c->lx->w.va) ? last + 1 : last;
            if (nx == last && !(last < c->s1 && att_side_only_comma(c->text, c->toks, last)))
                break;
            m = att_ev_mention_at(c->ms, c->n_ms, nx);
        }
        if (subj->n) {
            subj->t0 = tr->t0;
            subj->t1 = tr->t0;
            return 1;
        }
    }
    return 0;
}

/* "Ngoài trục xuất 10 nhà ngoại giao Nga, Mỹ cũng ...", "Sau khi hội đàm
 * với X, A ...": a verb right after a fronted subordinator (clause_frames
 * "fronted"), with nobody named before it, shares the subject that follows
 * the phrase's closing comma (no other verb between). */
int att_ev_fronted_subject(const sent_ctx *c, const trigger *tr, const trigger *next, side *subj)
{
    size_t f = att_frame_at(c->lx, c->toks, tr->t0, c->s0, ATT_FRAME_FRONTED);
    if (!f || c->s0 + f + 2 < tr->t0) /* the verb follows the subordinator */
        return 0;
    if (att_ev_named_before(c, tr->t0))
        return 0;
    size_t k = tr->t1;
    while (k < c->s1 && !comma_before(c->text, c->toks, k))
        k++;
    if (k >= c->s1 || (next && next->t0 < k))
        return 0;
    long v = att_ev_next_party(c, k, k + 6);
    if (v < 0)
        return 0;
    att_side_from_mention(subj, &c->ms[v], c->dyad);
    return subj->n > 0;
}

/* "chuyến thăm Singapore của Tổng Bí thư Tô Lâm": a visit named as a noun
 * has its visitor after "của" and its host before it (or after "tới").
 * Returns 1 and fills the sides when the visitor is named that way. */
int att_ev_nominal_visit(const sent_ctx *c, const trigger *tr, side *subj, side *obj)
{
    const att_lexicon *lx = c->lx;
    if (!is_word(&c->toks[tr->t0], lx->w.chuyen))
        return 0;
    /* "của" close after the noun ("chuyến thăm chính thức Trung Quốc đầu
     * tiên của ông Hun Manet", "... của một nhà lãnh đạo Australia") */
    size_t cua = 0;
    for (size_t k = tr->head_end; k < c->s1 && k <= tr->head_end + 8 && !cua; k++) {
        if (comma_before(c->text, c->toks, k))
            return att_ev_fronted_visit(c, tr, k, subj, obj);
        if (is_word(&c->toks[k], lx->w.cua))
            cua = k;
    }
    for (size_t i = 0; cua && i < c->n_ms; i++) {
        const tmention *m = &c->ms[i];
        if (m->t0 <= cua || m->t0 > cua + 5 || m->location || m->joint)
            continue;
        for (size_t k = cua + 1; k < m->t0; k++)
            if (comma_before(c->text, c->toks, k))
                return 0;
        att_side_from_mention(subj, m, c->dyad);
        if (!att_side_object(lx, c->text, c->toks, c->ms, c->n_ms, tr->head_end, cua, subj, c->dyad, 4, 0, obj))
            att_side_object(lx, c->text, c->toks, c->ms, c->n_ms, m->t1, c->s1, subj, c->dyad, 4, 0, obj);
        return subj->n > 0;
    }
    return 0;
}

/* "đàm phán kín giữa A và B", "các vòng đàm phán giữa hai nước": a joint
 * act "between" two parties has them as its participants, whoever the
 * sentence's subject is.  Fills subj and returns 1 when so. */
int att_ev_between_pair(const sent_ctx *c, const trigger *tr, side *subj)
{
    const att_lexicon *lx = c->lx;
    size_t g = att_ev_word_after(c, tr, lx->w.giua, 4);
    /* the parties may sit inside longer titles ("giữa Thư ký Hội đồng An
     * ninh Iran Ali Shamkhani và Cố vấn An ninh Ả Rập Xê Út ...") */
    long a = g ? att_ev_next_party(c, g + 1, g + 12) : -1;
    if (a < 0)
        return 0;
    side s = {0};
    att_side_from_mention(&s, &c->ms[a], c->dyad);
    size_t va = 0; /* "giữa A và B", "giữa A với B" */
    for (size_t k = c->ms[a].t1; k < c->s1 && k < c->ms[a].t1 + 6 && !va; k++)
        if (is_word(&c->toks[k], lx->w.va) || is_word(&c->toks[k], lx->w.voi))
            va = k;
    long b = va ? att_ev_next_party(c, va + 1, va + 12) : -1;
    if (b >= 0)
        att_side_from_mention(&s, &c->ms[b], c->dyad);
    if (s.n < 2)
        return 0;
    s.t0 = c->ms[a].t0;
    *subj = s;
    return 1;
}

/* "Trong cuộc điện đàm hôm qua với Ngoại trưởng X ..., Ngoại trưởng Y cho
 * biết ...": a joint act named as a noun in a fronted phrase, with its
 * counterpart after "với", is made by the subject after the phrase's
 * closing comma.  Fills the sides and returns 1 when so. */
int att_ev_fronted_joint(const sent_ctx *c, const trigger *tr, side *subj, side *obj)
{
    if (att_ev_named_before(c, tr->t0))
        return 0;
    size_t voi = att_ev_word_after(c, tr, c->lx->w.voi, 5), comma = 0;
    long b = voi ? att_ev_next_party(c, voi + 1, voi + 12) : -1;
    if (b < 0)
        return 0;
    for (size_t k = c->ms[b].t1; k < c->s1 && k < c->ms[b].t1 + 12 && !comma; k++)
        if (comma_before(c->text, c->toks, k))
            comma = k;
    long a = comma ? att_ev_next_party(c, comma, comma + 10) : -1;
    if (a < 0)
        return 0;
    att_side_from_mention(obj, &c->ms[b], c->dyad);
    att_side_from_mention(subj, &c->ms[a], c->dyad);
    obj->with = 1;
    return subj->n > 0 && obj->n > 0;
}

/* "vấp phải sự phản đối của X", "cân nhắc đề nghị từ X", "nhận được lời
 * mời từ X": an event noun after a verb of receiving or weighing has its
 * source after "của"/"từ" and the receiver (the clause's subject) as its
 * target.  Fills the sides and returns 1 when so. */
int att_ev_received_from(const sent_ctx *c, const trigger *tr, side *subj, side *obj)
{
    const att_lexicon *lx = c->lx;
    size_t st = tr->t0, k;
    size_t en = att_frame_before(lx, c->toks, c->s0, st, ATT_FRAME_EVENT_NOUN);
    if (en)
        st = en - 1;
    size_t rv = 0;
    for (k = st; k > c->s0 && k + 3 > st && !rv; k--)
        rv = att_frame_before(lx, c->toks, c->s0, k, ATT_FRAME_RECEIVE);
    if (!rv)
        return 0;
    long x = -1;
    for (k = tr->t1; k < c->s1 && k < tr->t1 + 5 && x < 0; k++) {
        if (comma_before(c->text, c->toks, k))
            return 0;
        if (is_word(&c->toks[k], lx->w.cua) || is_word(&c->toks[k], lx->w.tu))
            x = att_ev_next_party(c, k + 1, k + 8);
    }
    if (x < 0)
        return 0;
    side who = {0};
    if (!att_side_subject(lx, c->text, c->toks, c->ms, c->n_ms, c->s0, rv - 1, c->dyad, &who))
        return 0;
    att_side_from_mention(subj, &c->ms[x], c->dyad);
    *obj = who;
    return subj->n > 0;
}

/* "thông báo với Thổ Nhĩ Kỳ", "nói với Ngoại trưởng Mỹ": a statement
 * addressed to a named actor is an event of its own (010). */
int att_ev_addressed(const sent_ctx *c, const trigger *tr)
{
    return tr->head_end < c->s1 && is_word(&c->toks[tr->head_end], c->lx->w.voi) &&
           att_ev_next_party(c, tr->head_end + 1, tr->head_end + 8) >= 0;
}

/* "đề nghị hỗ trợ ...", "đề xuất cung cấp ...": a request pattern whose
 * verb of help follows "đề nghị" directly is an offer. */
int att_ev_offer(const sent_ctx *c, const trigger *tr, const att_pattern *p)
{
    static const char dn[] = "đề nghị", dx[] = "đề xuất";
    return (!strncmp(p->text, dn, sizeof dn - 1) || !strncmp(p->text, dx, sizeof dx - 1)) &&
           att_frame_at(c->lx, c->toks, c->s1, tr->t0 + 2, ATT_FRAME_OFFER_VERB);
}

/* "lệnh trừng phạt của Mỹ đối với Nga", "cuộc tấn công của Nga vào
 * Ukraine": an event noun with its agent after "của" has that agent as its
 * source and the following counterpart as its target, whoever the clause's
 * subject is.  Returns 1 with the sides filled, -1 when the agent is named
 * but no counterpart (no event: the clause subject is not the target), 0
 * when the frame does not apply. */
int att_ev_noun_agent(const sent_ctx *c, const trigger *tr, side *subj, side *obj)
{
    const att_lexicon *lx = c->lx;
    size_t k = tr->head_end;
    if (k + 1 >= c->s1 || !is_word(&c->toks[k], lx->w.cua) || comma_before(c->text, c->toks, k))
        return 0;
    long a = att_ev_mention_at(c->ms, c->n_ms, k + 1);
    if (a < 0 || c->ms[a].location || !(c->ms[a].joint || c->ms[a].ref.country[0]))
        return 0;
    att_side_from_mention(subj, &c->ms[a], c->dyad);
    int root = atoi(lx->cameo[lx->patterns_v[tr->pattern].cameo].root);
    /* a counterpart close after the agent ("đối với", "nhằm vào") */
    if (att_side_object(lx, c->text, c->toks, c->ms, c->n_ms, c->ms[a].t1, c->s1, subj, c->dyad, root, 0, obj) &&
        obj->t0 <= c->ms[a].t1 + 3)
        return 1;
    /* else the clause's subject receives a verbal act ("X chưa phản hồi đề
     * xuất của Y": Y proposed to X) */
    memset(obj, 0, sizeof *obj);
    side who = {0};
    if (root > 14) /* a material act needs its counterpart named */
        return -1;
    if (!att_side_subject(lx, c->text, c->toks, c->ms, c->n_ms, c->s0, tr->t0, c->dyad, &who))
        return -1;
    *obj = who;
    return 1;
}

/* "Đáp lại quyết định của Latvia và Estonia, X cảnh báo": a fronted
 * response phrase names the target of a main verb that names none. */
void att_ev_response_target(const sent_ctx *c, const side *subj, side *obj)
{
    size_t n = att_frame_at(c->lx, c->toks, c->s1, c->s0, ATT_FRAME_RESPONSE);
    if (!n)
        return;
    for (size_t i = 0; i < c->n_ms; i++) {
        const tmention *m = &c->ms[i];
        if (m->t0 < c->s0 + n || m->location)
            continue;
        int closed = 0; /* a comma that is no list comma ends the phrase */
        for (size_t k = c->s0 + n; k <= m->t0 && !closed; k++)
            closed = comma_before(c->text, c->toks, k) && !(k == m->t0 && att_side_only_comma(c->text, c->toks, k) &&
                                                           i > 0 && c->ms[i - 1].t1 == k);
        if (closed)
            break;
        int same = 0;
        for (int q = 0; q < subj->n; q++)
            same |= !strcmp(subj->r[q].country, m->ref.country);
        if (!same) {
            att_side_from_mention(obj, m, c->dyad);
            obj->t0 = m->t0;
        }
    }
}

/* Does the clause reported after a reporting verb (ending at from) start
 * with a subject that is no actor ("Bà X nhấn mạnh, cộng đồng quốc tế cần
 * ...")?  ("rằng"/"là" and punctuation may come first.) */
int att_ev_own_subject(const sent_ctx *c, size_t from, size_t t0)
{
    size_t k = from;
    while (k < t0 && (is_word(&c->toks[k], c->lx->w.rang) || is_word(&c->toks[k], c->lx->w.la)))
        k++;
    return k < t0 && att_frame_at(c->lx, c->toks, t0, k, ATT_FRAME_NON_ACTOR);
}

/* Is the verb at t0 right after "đồng thời" (adverbs aside)? */
int att_ev_after_dong_thoi(const sent_ctx *c, size_t t0)
{
    const att_lex_words *w = &c->lx->w;
    size_t k = t0;
    while (k > c->s0 && (is_word(&c->toks[k - 1], w->cung_) || is_word(&c->toks[k - 1], w->da) ||
                         is_word(&c->toks[k - 1], w->se)))
        k--;
    return k >= c->s0 + 2 && is_pair(c->toks, k - 2, w->dong, w->thoi);
}

/* "A và B đổ lỗi cho nhau", "cáo buộc lẫn nhau": the act is mutual. */
int att_ev_each_other(const sent_ctx *c, const trigger *tr)
{
    for (size_t k = tr->t1; k < c->s1 && k < tr->t1 + 3; k++)
        if (is_word(&c->toks[k], c->lx->w.nhau))
            return 1;
    return 0;
}

/* Is "giữa" (between) right after the joint verb tr, before any comma? */
int att_ev_between_follows(const sent_ctx *c, const trigger *tr)
{
    return att_ev_word_after(c, tr, c->lx->w.giua, 4) > 0;
}

/* "Ông/Bà (ấy) ...": the person last named, when no actor is nearer;
 * "nước này": the source of the paragraph's last event. */
int att_ev_pronoun_subject(const sent_ctx *c, size_t verb, side *subj)
{
    const dyad_guess *d = c->dyad;
    /* "Nước này cũng ...": the source of the paragraph's last event */
    const att_extraction *o = c->out;
    if (o->n_events && o->events[o->n_events - 1].para == c->para)
        for (size_t k = c->s0; k + 1 < verb; k++)
            if (is_pair(c->toks, k, c->lx->w.nuoc, c->lx->w.nay)) {
                att_side_add(subj, &o->events[o->n_events - 1].a1);
                subj->t0 = k;
                return subj->n > 0;
            }
    if (!d->last_person.code[0] || !d->last_person.country[0])
        return 0;
    for (size_t k = c->s0; k < verb; k++)
        if (is_word(&c->toks[k], c->lx->w.ong) || is_word(&c->toks[k], c->lx->w.ba) ||
            att_frame_at(c->lx, c->toks, verb, k, ATT_FRAME_PERSON_BACK)) {
            att_side_add(subj, &d->last_person);
            subj->t0 = k;
            return subj->n > 0;
        }
    return 0;
}

/* A verb inside a direct quotation whose speaker is a named actor, with
 * nobody named before it: the speaker ("Chúng tôi sẵn sàng ...", bà X nói).
 * Used for verbal acts only (a material act in a quote is rarely the
 * speaker's own report of a deed). */
int att_ev_quote_speaker(const sent_ctx *c, size_t verb, side *subj)
{
    size_t at = c->toks[verb].start;
    for (size_t i = 0; i < c->dyad->n_quotes; i++) {
        const att_quote_rec *q = &c->dyad->quotes[i];
        if (q->direct && q->speaker.code[0] && q->speaker.country[0] && at >= q->start && at < q->end) {
            att_side_add(subj, &q->speaker);
            subj->t0 = verb;
            subj->t1 = verb;
            return subj->n > 0;
        }
    }
    return 0;
}

/* The first event of the sentence of the last event coded in this or the
 * previous paragraph, NULL if none. */
static const att_event *last_act(const sent_ctx *c)
{
    const att_extraction *o = c->out;
    if (!o->n_events)
        return NULL;
    size_t i = o->n_events - 1;
    if (o->events[i].para > c->para || o->events[i].para + 1 < c->para)
        return NULL;
    while (i > 0 && o->events[i - 1].para == o->events[i].para &&
           o->events[i - 1].sent_start == o->events[i].sent_start)
        i--;
    return &o->events[i];
}

static int in_side(const side *s, const char *country)
{
    for (int k = 0; k < s->n; k++)
        if (!strcmp(s->r[k].country, country))
            return 1;
    return 0;
}

int att_ev_referred_act(const sent_ctx *c, const trigger *tr, const side *subj, side *obj)
{
    const att_lexicon *lx = c->lx;
    /* (the noun may close a gapped pattern: "bác bỏ cả hai cáo buộc này") */
    for (size_t k = tr->head_end; k < c->s1 && k <= tr->t1 + 3; k++) {
        if (k > tr->head_end && comma_before(c->text, c->toks, k))
            return 0;
        size_t n = att_frame_at(lx, c->toks, c->s1, k, ATT_FRAME_REFER_BACK);
        if (!n)
            continue;
        size_t d = k + n;
        if (d >= c->s1 ||
            !(is_word(&c->toks[d], lx->w.nay) || is_word(&c->toks[d], lx->w.do_that) || is_word(&c->toks[d], lx->w.tren)))
            return 0;
        const att_event *e = last_act(c);
        if (!e)
            return 0;
        const att_actor_ref *who = in_side(subj, e->a1.country) ? &e->a2 : &e->a1;
        if (in_side(subj, who->country))
            return 0;
        att_side_add(obj, who);
        obj->t0 = obj->t1 = k;
        return obj->n > 0;
    }
    return 0;
}

int att_ev_answered_act(const sent_ctx *c, const side *subj, side *obj)
{
    const att_extraction *o = c->out;
    for (size_t i = o->n_events, seen = 0; i-- > 0 && seen < 4; seen++) {
        const att_event *e = &o->events[i];
        if (e->para > c->para || e->para + 1 < c->para)
            return 0;
        int root = e->root;
        if (!(root == 2 || root == 3 || (root >= 10 && root <= 13)) || !in_side(subj, e->a2.country) ||
            in_side(subj, e->a1.country))
            continue;
        att_side_add(obj, &e->a1);
        obj->t0 = obj->t1 = c->s1;
        return obj->n > 0;
    }
    return 0;
}

int att_ev_this_country(const sent_ctx *c, const trigger *tr, const side *subj, side *obj)
{
    const att_lex_words *w = &c->lx->w;
    for (size_t k = tr->t1; k + 2 < c->s1 && k <= tr->t1 + 4; k++) {
        if (comma_before(c->text, c->toks, k + 1))
            return 0;
        if (!(is_word(&c->toks[k], w->cho) || is_word(&c->toks[k], w->voi) || is_word(&c->toks[k], w->toi) ||
              is_word(&c->toks[k], w->giup)) ||
            !is_pair(c->toks, k + 1, w->nuoc, w->nay))
            continue;
        /* the nearest country named before in the paragraph, not the subject */
        for (size_t i = c->n_ms; i-- > 0;) {
            const tmention *m = &c->ms[i];
            if (m->t1 > tr->t0 || m->joint || m->ref.type != ATT_ACTOR_COUNTRY ||
                in_side(subj, m->ref.country))
                continue;
            att_side_add(obj, &m->ref);
            obj->t0 = obj->t1 = k + 1;
            return obj->n > 0;
        }
        return 0;
    }
    return 0;
}

int att_ev_censure(const sent_ctx *c, const trigger *trig, size_t nt, side *speaker, side *censured, size_t *r0,
                   size_t *r1)
{
    const att_lexicon *lx = c->lx;
    /* (cheap test first: two actors of different countries named) */
    const char *first = NULL;
    int two = 0;
    for (size_t i = 0; i < c->n_ms && !two; i++) {
        const tmention *m = &c->ms[i];
        if (m->t0 < c->s0 || m->t1 > c->s1 || m->location || !m->ref.country[0])
            continue;
        if (!first)
            first = m->ref.country;
        else
            two = strcmp(first, m->ref.country) != 0;
    }
    if (!two)
        return 0;
    /* the first reporting verb ("cho biết", "khẳng định") or opinion verb
     * ("cho rằng") of the sentence */
    size_t rk = 0, rend = 0;
    for (size_t t = 0; t < nt && !rend; t++)
        if (!strcmp(lx->cameo[lx->patterns_v[trig[t].pattern].cameo].code, "010")) {
            rk = trig[t].t0;
            rend = trig[t].t1;
        }
    for (size_t k = c->s0; k < c->s1 && (!rend || k < rk); k++) {
        size_t n = att_frame_at(lx, c->toks, c->s1, k, ATT_FRAME_OPINION);
        if (n) {
            rk = k;
            rend = k + n;
            break;
        }
    }
    if (!rend || !att_side_subject(lx, c->text, c->toks, c->ms, c->n_ms, c->s0, rk, c->dyad, speaker))
        return 0;
    /* a censure word in what is reported, an actor named before it */
    size_t cue = 0;
    for (size_t k = rend; k < c->s1 && !cue; k++)
        if (att_frame_at(lx, c->toks, c->s1, k, ATT_FRAME_CENSURE))
            cue = k;
    if (!cue)
        return 0;
    for (size_t i = 0; i < c->n_ms; i++) {
        const tmention *m = &c->ms[i];
        if (m->t0 < rend || m->t1 > cue || m->location || m->joint || !m->ref.country[0] ||
            in_side(speaker, m->ref.country))
            continue;
        att_side_from_mention(censured, m, c->dyad);
        *r0 = rk;
        *r1 = rend;
        return censured->n > 0;
    }
    return 0;
}

/* Only spaces and one dash ("-", "–", "—") between byte offsets a and b? */
static int dash_only(const char *text, size_t a, size_t b)
{
    int dashes = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == ' ')
            continue;
        if (ch == '-') {
            dashes++;
            continue;
        }
        if (ch == 0xE2 && i + 2 < b && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x93 || (unsigned char)text[i + 2] == 0x94)) {
            dashes++;
            i += 2;
            continue;
        }
        return 0;
    }
    return dashes == 1;
}

int att_ev_has_dash_pair(const sent_ctx *c)
{
    for (size_t i = 0; i + 1 < c->n_ms; i++) {
        const tmention *a = &c->ms[i], *b = &c->ms[i + 1];
        if (a->t0 >= c->s0 && b->t1 <= c->s1 && b->t0 == a->t1 && b->t0 > 0 &&
            dash_only(c->text, c->toks[a->t1 - 1].end, c->toks[b->t0].start))
            return 1;
    }
    return 0;
}

size_t att_ev_pair_noun(const sent_ctx *c, size_t k, side *pair)
{
    const att_lexicon *lx = c->lx;
    size_t n = att_frame_at(lx, c->toks, c->s1, k, ATT_FRAME_PAIR_NOUN);
    if (!n || (k > c->s0 && (is_word(&c->toks[k - 1], lx->w.cac) || is_word(&c->toks[k - 1], lx->w.nhung))))
        return 0;
    for (size_t i = 0; i + 1 < c->n_ms; i++) {
        const tmention *a = &c->ms[i], *b = &c->ms[i + 1];
        if (a->t0 < k + n || a->t0 > k + n + 6 || b->t1 > c->s1)
            continue;
        if (b->t0 != a->t1 || a->joint || b->joint || !a->ref.country[0] || !b->ref.country[0] ||
            !strcmp(a->ref.country, b->ref.country) ||
            !dash_only(c->text, c->toks[a->t1 - 1].end, c->toks[b->t0].start))
            return 0;
        for (size_t j = k + 1; j <= a->t0; j++)
            if (comma_before(c->text, c->toks, j))
                return 0;
        att_side_from_mention(pair, a, c->dyad);
        att_side_from_mention(pair, b, c->dyad);
        return pair->n == 2 ? k + n : 0;
    }
    return 0;
}

int att_ev_aid_recipient(const sent_ctx *c, const side *subj, side *obj)
{
    const att_actor_ref *a = &c->dyad->a;
    if (!a->country[0] || in_side(subj, a->country))
        return 0;
    /* named in this paragraph or the one before (the coded mentions so far) */
    const att_extraction *o = c->out;
    for (size_t i = o->n_mentions; i-- > 0 && o->mentions[i].para + 1 >= c->para;)
        if (!strcmp(o->mentions[i].ref.country, a->country)) {
            att_side_add(obj, a);
            obj->t0 = obj->t1 = c->s1;
            return obj->n > 0;
        }
    return 0;
}

/* "cảm ơn", "biết ơn", "tri ân": a verb of gratitude (its object did
 * something for the subject). */
int att_ev_gratitude(const att_pattern *p)
{
    return p->text && (strstr(p->text, "cảm ơn") || strstr(p->text, "cám ơn") || strstr(p->text, "biết ơn") ||
                       strstr(p->text, "tri ân"));
}

/* "cảm ơn A, B và C đã hỗ trợ ...": an act of help right after the
 * object of a verb of gratitude (only "đã", "vì", "cũng", "luôn" between)
 * is the thanked actors' help to the thanker.  Fills the helpers (the
 * subject of the help, from the thanked object on). */
int att_ev_thanked_help(const sent_ctx *c, const att_pattern *p, const trigger *tr, const side *thanked,
                        side *helpers)
{
    const att_lex_words *w = &c->lx->w;
    if (atoi(c->lx->cameo[p->cameo].root) != 7 || !thanked->n || thanked->t0 > tr->t0)
        return 0;
    if (!att_side_subject(c->lx, c->text, c->toks, c->ms, c->n_ms, thanked->t0, tr->t0, c->dyad, helpers))
        return 0;
    size_t end = helpers->t1; /* the helpers' last mention ends nearest the verb */
    for (size_t i = 0; i < c->n_ms; i++)
        if (c->ms[i].t1 <= tr->t0 && c->ms[i].t1 > end && c->ms[i].t0 >= thanked->t0)
            end = c->ms[i].t1;
    if (end > tr->t0 || tr->t0 - end > 3)
        return 0;
    int da = 0;
    for (size_t k = end; k < tr->t0; k++) {
        if (comma_before(c->text, c->toks, k))
            return 0;
        da |= is_word(&c->toks[k], w->da);
    }
    return da;
}


/* "A cho biết B sẽ ...; đã đóng góp ...; dành 96 triệu USD giúp C": a
 * semicolon (adverbs aside) right before the verb at t0 starts the next
 * predicate of a list, outside any clause complement before it. */
size_t att_ev_before_adverbs(const sent_ctx *c, size_t t0)
{
    const att_lex_words *w = &c->lx->w;
    size_t k = t0;
    while (k > c->s0 && (is_word(&c->toks[k - 1], w->cung_) || is_word(&c->toks[k - 1], w->da) ||
                         is_word(&c->toks[k - 1], w->vua) || is_word(&c->toks[k - 1], w->se)))
        k--;
    return k;
}

int att_ev_after_semicolon(const sent_ctx *c, size_t t0)
{
    size_t k = att_ev_before_adverbs(c, t0);
    if (k == c->s0)
        return 0;
    for (size_t b = c->toks[k - 1].end; b < c->toks[k].start; b++)
        if (c->text[b] == ';')
            return 1;
    return 0;
}


/* Is the last actor before the verb at t0 a member of subj, with only
 * adverbs ("cũng", "đã", "sẽ", "vừa", "đều") between?  ("cung cấp cho
 * Ukraine gói viện trợ": Ukraine is no subject of "viện trợ".) */
int att_ev_subject_right_before(const sent_ctx *c, const side *subj, size_t t0)
{
    const att_lex_words *w = &c->lx->w;
    long k = -1;
    for (size_t i = 0; i < c->n_ms; i++)
        if (c->ms[i].t1 <= t0 && c->ms[i].t0 >= c->s0)
            k = (long)i;
    if (k < 0)
        return 0;
    int in = 0;
    for (int q = 0; q < subj->n; q++)
        in |= !strcmp(subj->r[q].country, c->ms[k].ref.country);
    for (size_t j = c->ms[k].t1; in && j < t0; j++)
        if (j >= c->ms[k].t1 + 3 ||
            !(is_word(&c->toks[j], w->cung_) || is_word(&c->toks[j], w->da) || is_word(&c->toks[j], w->se) ||
              is_word(&c->toks[j], w->vua) || is_word(&c->toks[j], w->deu)))
            return 0;
    return in;
}


/* "cảnh báo, Bắc Kinh có thể ...", "cảnh báo rằng Nga đang ...": a bare
 * warning whose actor is the subject of the clause it introduces (after a
 * comma or "rằng") is a warning about that actor's conduct, a pessimistic
 * comment (012), not a threat to it ("cảnh báo Nga sẽ trả giá" is 130). */
void att_ev_warning_about(const sent_ctx *c, const trigger *tr, const att_pattern *p, const side *spk, const side *obj,
                          att_event *e)
{
    const att_lexicon *lx = c->lx;
    if (strcmp(lx->cameo[p->cameo].code, "130") || p->n_segs != 1 || !obj->n || obj->t0 < tr->t1 ||
        obj->t0 > tr->t1 + 2)
        return;
    int opened = 0;
    for (size_t k = tr->t1; k <= obj->t0 && !opened; k++)
        opened = comma_before(c->text, c->toks, k) || (k < obj->t0 && is_word(&c->toks[k], lx->w.rang));
    /* "cảnh báo rằng nếu London ..., Moscow sẽ đáp trả": the speaker's own
     * side acting in what it warns of is a threat */
    for (size_t i = 0; opened && i < c->n_ms; i++)
        if (c->ms[i].t0 > obj->t0 && c->ms[i].t1 <= c->s1 && !c->ms[i].location && spk && spk->n &&
            !strcmp(c->ms[i].ref.country, spk->r[0].country))
            opened = 0;
    int k = opened ? att_lexicon_cameo(lx, "012") : -1;
    if (k >= 0) {
        e->cameo = k;
        e->root = 1;
    }
}


/* "Mỹ trừng phạt Iran, Nga (và Trung Quốc) lên án ...": actors after a
 * comma right before the next verb at `to` are that verb's subject, not
 * more objects of the verb before: where the object ends. */
size_t att_ev_subject_after_comma(const sent_ctx *c, size_t from, size_t to)
{
    long k = -1;
    for (size_t i = 0; i < c->n_ms; i++)
        if (c->ms[i].t1 == to && c->ms[i].t0 > from && !c->ms[i].location)
            k = (long)i;
    while (k > 0 && c->ms[k - 1].t0 > from && c->ms[k].t0 == c->ms[k - 1].t1 + 1 &&
           is_word(&c->toks[c->ms[k - 1].t1], c->lx->w.va))
        k--;
    return k >= 0 && comma_before(c->text, c->toks, c->ms[k].t0) ? c->ms[k].t0 : to;
}

