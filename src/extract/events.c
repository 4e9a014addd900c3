/*
 * events.c - CAMEO coding of one sentence: find event verb phrases (one
 * pass over the tokens through the pattern trie), pick the source actor on
 * the left and the target on the right (swapped for passive voice, both
 * ways for joint actions), read modality cues, date and place.
 *
 * Verb phrases used as nouns (topics, document names, anniversaries) are not
 * events; clause complements hide their inner verbs until the subject's next
 * coordinated speech act or a new clause; visits also come from nouns
 * ("chuyến thăm X của Y") and motion verbs ("A tới X"); "hai bên" means the
 * paragraph's last pair when there is one.
 *
 * Clause rules (clause.c) say which verbs report no act (a noun's modifier,
 * a habit, an analyst's view, background, a relationship, spoken-about
 * content); the subject and object come from sides.c; frames.c holds the
 * frames that change who acts: receiving ("vấp phải sự phản đối của X": X acts), event nouns
 * with their agent ("lệnh trừng phạt của X đối với Y"), joint nouns with
 * their parties ("cuộc gặp giữa A và B", "Trong cuộc điện đàm với B, A
 * ..."), fronted responses ("Đáp lại quyết định của X, A ...").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clause.h"
#include "events_int.h"
#include "../normalize/normalize.h"


static int is_word(const att_token *t, uint32_t id) { return id && t->id == id; }

#define comma_before att_comma_before

/* Do the later segments of pattern p follow at most 4 tokens apart,
 * starting after token k, within [.., s1)?  Returns the end or 0. */
static size_t match_rest(const att_pattern *p, const att_token *toks, size_t k, size_t s1)
{
    size_t off = p->seg_len[0];
    for (int s = 1; s < p->n_segs; s++) {
        size_t found = 0;
        uint32_t first = s == 1 ? p->seg1_id : p->ids[off]; /* segments have a word or more */
        for (size_t start = k; start <= k + 4 && start + p->seg_len[s] <= s1; start++) {
            if (toks[start].id != first)
                continue;
            size_t m = 1;
            while (m < p->seg_len[s] && toks[start + m].id == p->ids[off + m])
                m++;
            if (m == p->seg_len[s]) {
                found = start + m;
                break;
            }
        }
        if (!found)
            return 0;
        k = found;
        off += p->seg_len[s];
    }
    return k;
}

static int inside_mention(const tmention *ms, size_t n, size_t t)
{
    for (size_t i = 0; i < n; i++)
        if (t >= ms[i].t0 && t < ms[i].t1)
            return 1;
    return 0;
}

typedef struct best_ctx {
    const att_lexicon *lx;
    const att_token *toks;
    size_t i, s1;
    trigger best;
} best_ctx;

static int consider(void *ctx, size_t len, const int *vals, size_t nv)
{
    best_ctx *b = ctx;
    for (size_t k = 0; k < nv; k++) {
        const att_pattern *p = &b->lx->patterns_v[vals[k]];
        size_t end = p->n_segs > 1 ? match_rest(p, b->toks, b->i + len, b->s1) : b->i + len;
        if (!end)
            continue;
        /* the data file's precedence: longest span, then most literal
         * syllables, then the deeper CAMEO code (p->rank) */
        size_t score = (end - b->i) * 1000 + p->rank;
        if (score > b->best.score) {
            b->best.t0 = b->i;
            b->best.t1 = end;
            b->best.head_end = b->i + len;
            b->best.pattern = vals[k];
            b->best.score = score;
        }
    }
    return 0;
}

/* "tiếp Thủ tướng Đức Olaf Scholz": a one-segment pattern that runs into a
 * name ("tiếp thủ tướng") keeps only its words before the name, so that the
 * name stays an actor (the object) instead of vanishing into the verb. */
static void stop_at_mention(const att_lexicon *lx, const tmention *ms, size_t n_ms, trigger *t)
{
    if (lx->patterns_v[t->pattern].n_segs != 1)
        return;
    for (size_t i = 0; i < n_ms; i++)
        if (ms[i].t0 > t->t0 && ms[i].t0 < t->head_end) {
            t->head_end = t->t1 = ms[i].t0;
            return;
        }
}

/* "Tổng thống Putin đã tới Hà Nội", "Ngoại trưởng Mỹ sẽ sang Bắc Kinh": a
 * motion verb right after its subject (adverbs aside) with a state or its
 * capital right after it is a visit.  The subject must be a person or start
 * its clause: "xuất khẩu của Việt Nam sang Mỹ" is trade, not a visit. */
static int motion_visit(const att_lexicon *lx, const char *text, const att_token *toks, size_t s0, size_t i,
                        const tmention *ms, size_t n_ms)
{
    const att_lex_words *w = &lx->w;
    if (lx->visit_pattern < 0 || !(is_word(&toks[i], w->toi) || is_word(&toks[i], w->den) || is_word(&toks[i], w->sang)))
        return 0;
    long dst = att_ev_mention_at(ms, n_ms, i + 1);
    if (dst < 0 || ms[dst].joint || ms[dst].ref.type != ATT_ACTOR_COUNTRY || toks[i + 1].gap_before)
        return 0;
    size_t k = i;
    while (k > s0 && (is_word(&toks[k - 1], w->da) || is_word(&toks[k - 1], w->se) || is_word(&toks[k - 1], w->vua) ||
                      is_word(&toks[k - 1], w->cung_) || is_word(&toks[k - 1], w->bay) || /* "bay đến Iran" */
                      is_word(&toks[k - 1], w->thi)))
        k--;
    for (size_t m = 0; m < n_ms; m++)
        if (ms[m].t1 == k && ms[m].t0 >= s0 && !ms[m].location && !ms[m].joint && !toks[k].gap_before)
            return ms[m].ref.type == ATT_ACTOR_PERSON || ms[m].t0 == s0 || comma_before(text, toks, ms[m].t0);
    return 0;
}

static size_t find_triggers(const att_lexicon *lx, const char *text, const att_token *toks, size_t s0, size_t s1,
                            const tmention *ms, size_t n_ms, trigger *out, size_t cap)
{
    const att_lex_words *w = &lx->w;
    size_t n = 0;
    for (size_t i = s0; i < s1 && n < cap;) {
        /* most words start no pattern and are no motion verb: skipped
         * before the look-ups below */
        if (!att_trie_starts(lx->patterns, toks[i].id) && !is_word(&toks[i], w->toi) &&
            !is_word(&toks[i], w->den) && !is_word(&toks[i], w->sang)) {
            i++;
            continue;
        }
        if (!toks[i].id || inside_mention(ms, n_ms, i)) {
            i++;
            continue;
        }
        if (i + 1 < s1 && motion_visit(lx, text, toks, s0, i, ms, n_ms)) {
            out[n++] = (trigger){i, i + 1, i + 1, lx->visit_pattern, 0};
            i++;
            continue;
        }
        best_ctx b = {lx, toks, i, s1, {0, 0, 0, -1, 0}};
        att_trie_match_all(lx->patterns, toks, s1, i, 1, consider, &b);
        if (b.best.pattern >= 0)
            stop_at_mention(lx, ms, n_ms, &b.best);
        if (b.best.pattern < 0 || inside_mention(ms, n_ms, b.best.head_end - 1)) {
            i++;
            continue;
        }
        out[n++] = b.best;
        i = b.best.t1; /* "cam kết ... hỗ trợ" is one event, not two */
    }
    return n;
}

static int is_pair(const att_token *toks, size_t k, uint32_t a, uint32_t b)
{
    return is_word(&toks[k], a) && is_word(&toks[k + 1], b);
}

/* Is the verb phrase at t0 used as a noun, naming a topic rather than
 * reporting an act?  "trong tuyên bố chung", "mối đe dọa", "những bất
 * đồng", "các cuộc đàm phán", "sự hỗ trợ của", "thỏa thuận hợp tác an
 * ninh", "bản ghi nhớ về hợp tác", "kỷ niệm 50 năm thiết lập quan hệ", and
 * "về X" unless right after a reported verb ("Về hợp tác kinh tế, ...", "đàm
 * phán về ngừng bắn" are topics; "hội đàm về hợp tác năng lượng" reports
 * the cooperation talked about).  Visits are the exception: "trong chuyến
 * thăm" reports the visit. */
static int nominal_use(const att_lexicon *lx, const att_token *toks, size_t s0, size_t t0, int after_verb)
{
    const att_lex_words *w = &lx->w;
    if (t0 == s0 || is_word(&toks[t0], w->chuyen))
        return 0;
    const att_token *prev = &toks[t0 - 1];
    if (is_word(prev, w->trong) || is_word(prev, w->moi) || is_word(prev, w->nhung) || is_word(prev, w->cua) ||
        is_word(prev, w->theo) || is_word(prev, w->su) || is_word(prev, w->cac))
        return 1;
    int ve = is_word(prev, w->ve);
    size_t doc_end = ve ? t0 - 1 : t0;
    if (doc_end >= s0 + 2) {
        size_t k = doc_end - 2;
        if (is_pair(toks, k, w->thoa, w->thuan) || is_pair(toks, k, w->hiep, w->dinh) ||
            is_pair(toks, k, w->hiep, w->uoc) || is_pair(toks, k, w->van, w->kien_) ||
            is_pair(toks, k, w->ghi, w->nho))
            return 1;
    }
    if (ve)
        return !after_verb;
    if (t0 >= s0 + 2 && is_word(prev, w->cuoc) && (is_word(&toks[t0 - 2], w->cac) || is_word(&toks[t0 - 2], w->nhung)))
        return 1;
    for (size_t j = t0 > s0 + 5 ? t0 - 5 : s0; j + 1 < t0; j++) /* anniversaries */
        if (is_pair(toks, j, w->ky, w->niem))
            return 1;
    return 0;
}

/* Modality from the words between the subject and the verb. */
static att_modality modality(const att_lexicon *lx, const att_token *toks, size_t s0, size_t from,
                             size_t verb)
{
    const att_lex_words *w = &lx->w;
    for (size_t k = s0; k < from && k < verb; k++)
        if (is_word(&toks[k], w->neu) ||
            (is_word(&toks[k], w->truong) && k + 1 < verb && is_word(&toks[k + 1], w->hop) && k > s0 &&
             toks[k - 1].id))
            return ATT_MOD_HYPOTHETICAL;
    size_t lo = verb >= 3 && verb - 3 > from ? verb - 3 : from;
    for (size_t k = lo; k < verb; k++)
        if (is_word(&toks[k], w->khong) || is_word(&toks[k], w->chua) || is_word(&toks[k], w->chang))
            return ATT_MOD_NEGATED;
    for (size_t k = from; k < verb; k++) {
        if (is_word(&toks[k], w->se) || is_word(&toks[k], w->sap))
            return ATT_MOD_PLANNED;
        if (k + 1 < verb &&
            ((is_word(&toks[k], w->du) && (is_word(&toks[k + 1], w->kien) || is_word(&toks[k + 1], w->dinh))) ||
             (is_word(&toks[k], w->ke) && is_word(&toks[k + 1], w->hoach))))
            return ATT_MOD_PLANNED;
    }
    return ATT_MOD_REALIZED;
}

static void place_of(const att_lexicon *lx, const char *text, const att_token *toks, size_t s0,
                     size_t s1, const tmention *ms, size_t n_ms, att_event *e)
{
    for (size_t i = s0; i + 1 < s1; i++) {
        if (!(is_word(&toks[i], lx->w.tai) || is_word(&toks[i], lx->w.o)) || !toks[i + 1].upper)
            continue;
        size_t k = i + 1;
        while (k < s1 && toks[k].upper && (k == i + 1 || !toks[k].gap_before))
            k++;
        snprintf(e->place, sizeof e->place, "%.*s", (int)(toks[k - 1].end - toks[i + 1].start),
                 text + toks[i + 1].start);
        for (size_t m = 0; m < n_ms; m++) {
            /* the place itself is a country or capital, or "(Thụy Sỹ)" follows */
            if ((ms[m].t0 == i + 1 || (ms[m].t0 == k && toks[k].gap_before)) && ms[m].ref.country[0] &&
                ms[m].ref.type == ATT_ACTOR_COUNTRY) {
                snprintf(e->place_country, sizeof e->place_country, "%s", ms[m].ref.country);
                break;
            }
        }
        return;
    }
}

/* The person a later "ông"/"bà" refers to: the first person named in the
 * sentence (Vietnamese puts the subject first). */
static void remember_person(const tmention *ms, size_t n_ms, size_t s0, size_t s1, dyad_guess *dyad)
{
    for (size_t i = 0; i < n_ms; i++)
        if (ms[i].t0 >= s0 && ms[i].t1 <= s1 && !ms[i].location && !ms[i].joint &&
            ms[i].ref.type == ATT_ACTOR_PERSON && ms[i].ref.country[0]) {
            dyad->last_person = ms[i].ref;
            return;
        }
}

static att_status emit(att_extraction *out, const att_event *e)
{
    if (!strcmp(e->a1.country, e->a2.country))
        return ATT_OK; /* a state acting on itself is not a dyad event */
    /* one sentence reports an action between two parties once: further
     * verbs of the same family in it describe the same event (material
     * conflict of another kind is another act: "rút khỏi thỏa thuận và áp
     * đặt trở lại lệnh trừng phạt") */
    for (size_t i = out->n_events; i-- > 0;) {
        const att_event *o = &out->events[i];
        if (o->para != e->para || o->sent_start != e->sent_start)
            break;
        if (!strcmp(o->a1.country, e->a1.country) && !strcmp(o->a2.country, e->a2.country) &&
            o->root == e->root && (o->cameo == e->cameo || e->root < 15))
            return ATT_OK;
    }
    size_t cap = att_grow_cap(out->n_events, 1);
    if (cap) {
        att_event *v = realloc(out->events, cap * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        out->events = v;
    }
    out->events[out->n_events++] = *e;
    return ATT_OK;
}


/* Does "và", "đồng thời" or a comma join the verb at t0 to what precedes,
 * with only adverbs ("cũng", "đã", "vừa", "sẽ") between?  Such a verb has
 * no subject of its own: "A lên án X và yêu cầu B ...". */
static int coordinated(const sent_ctx *c, size_t t0)
{
    const att_lex_words *w = &c->lx->w;
    size_t k = att_ev_before_adverbs(c, t0);
    if (k == c->s0)
        return 0;
    if (comma_before(c->text, c->toks, k) || is_word(&c->toks[k - 1], w->va))
        return 1;
    return k >= c->s0 + 2 && is_pair(c->toks, k - 2, w->dong, w->thoi);
}

/* "A không hài lòng với X và đã cấm ...": "và" (or "đồng thời") with a
 * tense or aspect word before the verb at t0 starts a new predicate of the
 * subject, not a verb of an earlier verb's complement. */
static int new_predicate(const sent_ctx *c, size_t t0)
{
    const att_lex_words *w = &c->lx->w;
    size_t k = att_ev_before_adverbs(c, t0);
    return k < t0 && k > c->s0 &&
           (is_word(&c->toks[k - 1], w->va) || (k >= c->s0 + 2 && is_pair(c->toks, k - 2, w->dong, w->thoi)));
}

/* Is there a "và" or a comma anywhere in [from, to]? */
static int joined(const sent_ctx *c, size_t from, size_t to)
{
    for (size_t k = from; k <= to && k < c->s1; k++)
        if (is_word(&c->toks[k], c->lx->w.va) || comma_before(c->text, c->toks, k))
            return 1;
    return 0;
}

/* "A lên án việc B phóng tên lửa, trong khi C cảnh báo ...": a contrastive
 * conjunction after a comma ("trong khi", "còn", "nhưng", "song") followed
 * by an actor of its own opens a new clause before the verb at t0, which the
 * complement of an earlier verb does not reach. */
static int new_clause(const sent_ctx *c, size_t from, size_t t0)
{
    const att_lex_words *w = &c->lx->w;
    for (size_t k = from; k + 1 < t0; k++) {
        /* "... để thông báo các bước tiếp theo sau vụ Séc trục xuất ...": a
         * time clause with its own actor */
        if (is_word(&c->toks[k], w->sau) || is_word(&c->toks[k], w->khi)) {
            for (size_t i = 0; i < c->n_ms; i++)
                if ((c->ms[i].t0 == k + 1 || c->ms[i].t0 == k + 2) && c->ms[i].t1 <= t0 && !c->ms[i].location)
                    return 1;
        }
        if (!comma_before(c->text, c->toks, k))
            continue;
        size_t n = is_pair(c->toks, k, w->trong, w->khi) ? 2
                   : is_word(&c->toks[k], w->con) || is_word(&c->toks[k], w->nhung_) ||
                           is_word(&c->toks[k], w->song)
                       ? 1
                       : 0;
        /* ", tuy nhiên(,) Washington ..." */
        if (!n && is_pair(c->toks, k, w->tuy, w->nhien))
            n = 2;
        for (size_t i = 0; n && i < c->n_ms; i++)
            if (c->ms[i].t0 == k + n && c->ms[i].t1 <= t0 && !c->ms[i].location)
                return 1;
    }
    return 0;
}

/* Verbs whose complement is a clause ("kêu gọi B ngừng bắn", "cảm ơn B đã
 * hỗ trợ C", "nhất trí tăng cường hợp tác"): the verbs inside it are not
 * events of their own. */
static int takes_clause(const att_lexicon *lx, const att_pattern *p)
{
    const char *code = lx->cameo[p->cameo].code;
    int root = atoi(lx->cameo[p->cameo].root);
    return root == 2 || root == 3 || (root >= 10 && root <= 13) || !strcmp(code, "051");
}

/* A speech act of the subject itself (statement, appeal, praise, demand,
 * criticism, rejection, threat): coordinated after a clause complement it
 * is the subject's next act, not part of the complement ("bác bỏ cáo buộc
 * và lên án quyết định", "chỉ trích Tokyo ..., đồng thời yêu cầu ..."). */
static int speech_act(const att_lexicon *lx, const att_pattern *p)
{
    const char *code = lx->cameo[p->cameo].code;
    int root = atoi(lx->cameo[p->cameo].root);
    if (!strncmp(code, "128", 3) || !strncmp(code, "129", 3))
        return 0; /* defying norms, vetoing: deeds, and "vi phạm" is what was condemned */
    return takes_clause(lx, p) || root == 1 || !strcmp(code, "010");
}

/* "đưa ra điều kiện để đàm phán", "tạo khuôn khổ để hai nước diễn tập
 * chung": "để" (in order to) a few words before the verb makes it a
 * purpose, not an act. */
static int purpose_of(const sent_ctx *c, size_t verb)
{
    for (size_t k = verb; k > c->s0 && k + 5 > verb; k--) { /* "để hai nước tăng cường V" */
        if (is_word(&c->toks[k - 1], c->lx->w.de))
            return 1;
        if (comma_before(c->text, c->toks, k - 1))
            return 0;
    }
    return 0;
}

/* End of the previous verb when what follows it is only spoken about:
 * a concern, demand, accusation, criticism or threat ("lo ngại việc A ...",
 * "phản đối việc A ..."), not a statement ("nhấn mạnh việc hai nước nâng
 * cấp quan hệ" reports the upgrade); 0 otherwise. */
static size_t content_end(const sent_ctx *c, const trigger *trig, size_t t)
{
    if (!t)
        return 0;
    const att_cameo *k = &c->lx->cameo[c->lx->patterns_v[trig[t - 1].pattern].cameo];
    int root = atoi(k->root);
    int spoken = (root == 1 && strcmp(k->code, "010")) || root == 2 || (root >= 10 && root <= 14);
    return spoken ? trig[t - 1].t1 : 0;
}

/* "ông Y (tại X), người đang có chuyến thăm ...": a verb in a relative
 * clause about the mention that ends at t1. */
static int relative_clause(const sent_ctx *c, size_t t1, size_t verb)
{
    for (size_t k = t1; k < verb; k++)
        if (is_word(&c->toks[k], c->lx->w.nguoi) && comma_before(c->text, c->toks, k))
            return 1;
    return 0;
}

static void fill_event(const sent_ctx *c, const trigger *tr, const att_pattern *p, const side *subj,
                       const side *obj, att_event *e)
{
    memset(e, 0, sizeof *e);
    e->cameo = p->cameo;
    e->root = atoi(c->lx->cameo[p->cameo].root);
    e->para = c->para;
    e->sent_start = c->sb;
    e->sent_end = c->se;
    e->trig_start = c->toks[tr->t0].start;
    e->trig_end = c->toks[tr->t1 - 1].end;
    e->modality = modality(c->lx, c->toks, c->s0, subj->n ? subj->t0 : c->s0, tr->t0);
    if (c->n_dates) {
        e->date = c->dates[0].date;
        e->date_from_text = 1;
    } else {
        e->date = c->ref;
    }
    place_of(c->lx, c->text, c->toks, c->s0, c->s1, c->ms, c->n_ms, e);
    size_t dist = tr->t0 > subj->t0 ? tr->t0 - subj->t0 : 0;
    double conf = 0.85 - (dist > 4 ? 0.03 * (double)(dist - 4) : 0.0);
    if (subj->joint || obj->joint)
        conf -= 0.15;
    e->confidence = conf < 0.2 ? 0.2 : conf > 0.99 ? 0.99 : conf;
}

/* "Tokyo sẽ phối hợp chặt chẽ với Washington", "hai bên khẳng định tiếp
 * tục phối hợp chặt chẽ": diplomatic cooperation announced for the future
 * (or to go on) is an expressed intent, CAMEO 032, the speaker's own and
 * not a mutual act.  Recodes e and returns 1 when so. */
static int intent_to_cooperate(const sent_ctx *c, const trigger *tr, att_event *e)
{
    const att_lexicon *lx = c->lx;
    if (strcmp(lx->cameo[e->cameo].code, "050"))
        return 0;
    int going_on = tr->t0 >= c->s0 + 2 && is_pair(c->toks, tr->t0 - 2, lx->w.tiep, lx->w.tuc);
    if (e->modality != ATT_MOD_PLANNED && !going_on)
        return 0;
    int k = att_lexicon_cameo(lx, "032");
    if (k < 0)
        return 0;
    e->cameo = k;
    e->root = 3;
    return 1;
}

/* Is the verb at t0 negated ("không", "chưa", "chẳng" right before it)? */
static int negated_verb(const sent_ctx *c, const trigger *tr)
{
    return modality(c->lx, c->toks, tr->t0 > c->s0 + 3 ? tr->t0 - 3 : c->s0, tr->t0 > c->s0 + 3 ? tr->t0 - 3 : c->s0,
                    tr->t0) == ATT_MOD_NEGATED;
}

/* Emit the event between the sides: each with each for mutual acts of a
 * joint subject, else source -> target (and back for joint verbs). */
static att_status emit_sides(const sent_ctx *c, int joint_verb, const side *src, const side *dst, att_event *e)
{
    att_status st = ATT_OK;
    /* "A và B hội đàm", "hai nước ký": each with the other, unless a
     * counterpart is named with "với"; cooperative intents of two
     * coordinated subjects with no named counterpart are mutual too ("A và
     * B cam kết hợp tác"), and so is what "hai nước" does when nobody else
     * is named; "hai nước phản đối Mỹ" is each of them against Mỹ. */
    /* (an offer of help is not mutual: "A, B và C đề nghị hỗ trợ" is each
     * offering to someone unnamed, nothing between them) */
    int offer = !strcmp(c->lx->cameo[e->cameo].code, "033");
    int mutual = joint_verb || (!dst->n && (src->joint || (e->root == 3 && !offer)));
    /* "A không đàm phán với B": only A refuses; "A, B và C không ký": none
     * did anything with the others; "hai bên không đạt được thỏa thuận" is
     * still both */
    int negated = e->modality == ATT_MOD_NEGATED;
    int pairwise = src->n >= 2 && mutual && !(dst->n && dst->with) && (!negated || src->joint);
    if (pairwise) { /* "A, B và C có cuộc gặp": each with each */
        for (int a = 0; a < src->n && st == ATT_OK; a++)
            for (int b = 0; b < src->n && st == ATT_OK; b++)
                if (a != b) {
                    e->a1 = src->r[a];
                    e->a2 = src->r[b];
                    st = emit(c->out, e);
                }
        return st;
    }
    for (int a = 0; a < src->n && st == ATT_OK; a++)
        for (int b = 0; b < dst->n && st == ATT_OK; b++) {
            e->a1 = src->r[a];
            e->a2 = dst->r[b];
            st = emit(c->out, e);
            if (st == ATT_OK && joint_verb && src->n == 1 && !negated) {
                e->a1 = dst->r[b];
                e->a2 = src->r[a];
                st = emit(c->out, e);
            }
        }
    return st;
}

static void sentence_dates(sent_ctx *c, const att_article *art)
{
    c->ref = (att_date){0, 0, 0, ATT_DATE_NONE};
    if (art->published)
        att_date_parse_iso(art->published, &c->ref);
    c->sb = c->toks[c->s0].start;
    c->se = c->toks[c->s1 - 1].end;
    /* extend the sentence to its closing punctuation (the paragraph's NUL
     * ends it too: no strlen of the paragraph per sentence) */
    while (c->text[c->se] && c->text[c->se] != ' ' && c->se - c->toks[c->s1 - 1].end < 4)
        c->se++;
    /* The sentence's tokens are the words the date finder would find in
     * it, unless the bytes it reaches past the last one start a word (a
     * letter or digit, or any non-ASCII byte: then it finds them itself). */
    int own_words = 1;
    for (size_t k = c->toks[c->s1 - 1].end; k < c->se; k++) {
        unsigned char b = (unsigned char)c->text[k];
        if (b >= 0x80 || att_ascii_word(b))
            own_words = 0;
    }
    att_status st = own_words ? att_find_dates_words(c->text + c->sb, c->se - c->sb, c->toks + c->s0, c->s1 - c->s0,
                                                     c->sb, &c->ref, &c->dates, &c->n_dates)
                              : att_find_dates(c->text + c->sb, c->se - c->sb, &c->ref, &c->dates, &c->n_dates);
    if (st != ATT_OK)
        c->n_dates = 0;
}

/* "Thượng đỉnh Nga-Mỹ", "Hội nghị ... ASEAN-Mỹ": a meeting named by a
 * noun with a dash-joined pair is a meeting of the two (040 both ways),
 * unless the noun is no event (a modifier, background, an aggregate). */
static att_status pair_noun_events(sent_ctx *c, const att_article *art, int *dated)
{
    int code = att_ev_has_dash_pair(c) ? att_lexicon_cameo(c->lx, "040") : -1;
    att_status st = ATT_OK;
    for (size_t k = c->s0; code >= 0 && c->lx->n_patterns && k < c->s1 && st == ATT_OK; k++) {
        side pair = {0};
        size_t end = att_ev_pair_noun(c, k, &pair);
        if (!end || att_clause_not_event(c->lx, c->text, c->toks, c->s0, k, k, 0))
            continue;
        /* (named again after the meeting was coded: the same meeting) */
        int again = 0;
        for (size_t i = 0; i < c->out->n_events && !again; i++) {
            const att_event *o = &c->out->events[i];
            again = o->root == 4 && ((!strcmp(o->a1.country, pair.r[0].country) && !strcmp(o->a2.country, pair.r[1].country)) ||
                                     (!strcmp(o->a1.country, pair.r[1].country) && !strcmp(o->a2.country, pair.r[0].country)));
        }
        if (again) {
            k = end - 1;
            continue;
        }
        if (!*dated) {
            sentence_dates(c, art);
            *dated = 1;
        }
        side a = {0}, b = {0};
        att_side_add(&a, &pair.r[0]);
        att_side_add(&b, &pair.r[1]);
        a.t0 = a.t1 = b.t0 = b.t1 = k;
        trigger tr = {k, end, end, 0, 0};
        att_event e;
        fill_event(c, &tr, &c->lx->patterns_v[0], &a, &b, &e);
        e.cameo = code;
        e.root = 4;
        st = emit_sides(c, 1, &a, &b, &e);
        k = end - 1;
    }
    return st;
}

/* "Mỹ khẳng định các yêu sách của Trung Quốc là bất hợp pháp": a
 * statement that censures another actor's conduct is a criticism (111) of
 * it, unless the speaker's own act is coded from the sentence (events from
 * n_before on). */
static att_status censure_event(sent_ctx *c, const att_article *art, const trigger *trig, size_t nt, size_t n_before,
                                int *dated)
{
    side spk = {0}, cen = {0};
    size_t r0 = 0, r1 = 0;
    int k = att_lexicon_cameo(c->lx, "111");
    if (k < 0 || !c->lx->n_patterns || !att_ev_censure(c, trig, nt, &spk, &cen, &r0, &r1))
        return ATT_OK;
    for (size_t i = n_before; i < c->out->n_events; i++)
        for (int q = 0; q < spk.n; q++)
            if (!strcmp(c->out->events[i].a1.country, spk.r[q].country))
                return ATT_OK;
    if (!*dated) {
        sentence_dates(c, art);
        *dated = 1;
    }
    trigger tr = {r0, r1, r1, 0, 0};
    att_event e;
    fill_event(c, &tr, &c->lx->patterns_v[0], &spk, &cen, &e);
    e.cameo = k;
    e.root = 11;
    return emit_sides(c, 0, &spk, &cen, &e);
}

/* The sides of a verb from its clause: the subject on its left (or the
 * previous verb's, when coordinated, a purpose, or nobody is named), the
 * object on its right up to the next verb (a clause complement's to the
 * sentence end).  Returns whether a subject was found. */
static int clause_sides(const sent_ctx *c, const att_pattern *p, const trigger *tr, const trigger *before,
                        const trigger *next, int coord, const side *prev_subj, long prev_obj_t0, size_t *floor,
                        side *subj, side *obj)
{
    const att_lexicon *lx = c->lx;
    int root = atoi(lx->cameo[p->cameo].root);
    /* (floor: where the clause of a subject named after a comma starts,
     * see subject_after_comma) */
    size_t from = *floor > c->s0 && *floor < tr->t0 ? *floor : c->s0;
    *floor = c->s0;
    int have_subj = att_side_subject(lx, c->text, c->toks, c->ms, c->n_ms, from, tr->t0, c->dyad, subj);
    side group = {0};
    if (att_ev_group_subject(c, tr, have_subj ? subj->t1 : c->s0, &group)) {
        *subj = group;
        have_subj = 1;
    }
    if (!have_subj)
        have_subj = att_ev_pronoun_subject(c, tr->t0, subj) || (root <= 14 && att_ev_quote_speaker(c, tr->t0, subj)) ||
                    att_ev_fronted_subject(c, tr, next, subj);
    int relative = have_subj && relative_clause(c, subj->t1, tr->t0);
    /* coordinated verbs share the subject: "A chỉ trích B và kêu gọi ...",
     * "A khẳng định ... và cáo buộc C"; so does a purpose: "A tới Cairo để
     * gặp B" */
    int purpose = before && is_word(&c->toks[tr->t0 - 1], lx->w.de);
    int after_dash = before && att_side_dashes_between(c->text, c->toks, before->t1 - 1, tr->t0) % 2;
    if (prev_subj->n && !relative && !after_dash &&
        (!have_subj || coord || purpose ||
         ((long)subj->t0 == prev_obj_t0 && joined(c, before->t1, tr->t0)))) {
        *subj = *prev_subj;
        have_subj = 1;
    }
    /* the object often sits inside a gapped pattern: "yêu cầu Mỹ ... chấm
     * dứt"; a complement clause holds the object ("lên án cuộc tấn công của
     * Nga"); other verbs stop at the next verb */
    size_t obj_to = next && !takes_clause(lx, p) ? next->t0 : c->s1;
    if (p->voice == ATT_VOICE_PASSIVE)
        obj_to = c->s1;
    else if (next && obj_to == next->t0) {
        obj_to = att_ev_subject_after_comma(c, tr->head_end, obj_to);
        if (obj_to < next->t0)
            *floor = obj_to;
    }
    int joint_verb = p->voice == ATT_VOICE_JOINT;
    att_side_object(lx, c->text, c->toks, c->ms, c->n_ms, tr->head_end, obj_to, subj, c->dyad, root, joint_verb, obj);
    /* "áp thuế ... đối với xe điện nhập khẩu từ Trung Quốc": when the next
     * verb comes before any counterpart, look on to the clause's end, unless
     * that verb starts a coordinated predicate of its own */
    if (!obj->n && obj_to < c->s1 && !coordinated(c, obj_to))
        att_side_object(lx, c->text, c->toks, c->ms, c->n_ms, tr->head_end, c->s1, subj, c->dyad, root, joint_verb, obj);
    return have_subj;
}

/* Two parties that later "hai bên" can mean: the subject and counterpart
 * of a meeting ("A gặp B", "A hội đàm với B"), or two coordinated subjects
 * ("A và B ..."). */
static void remember_pair(const sent_ctx *c, const att_pattern *p, const side *subj, const side *obj,
                          att_modality mod)
{
    const att_actor_ref *a = NULL, *b = NULL;
    if (subj->n == 2 && !subj->joint) {
        a = &subj->r[0];
        b = &subj->r[1];
    } else if (p->voice == ATT_VOICE_JOINT && mod != ATT_MOD_NEGATED && subj->n == 1 && obj->n == 1 &&
               !subj->joint && !obj->joint) {
        a = &subj->r[0];
        b = &obj->r[0];
    }
    if (!a || !strcmp(a->country, b->country))
        return;
    c->dyad->local_a = *a;
    c->dyad->local_b = *b;
    c->dyad->local_para = c->para + 1;
}

/* "A và B" (two named parties, not the tail of a list "X, A và B") before
 * token upto: the pair a later "hai nước" in the paragraph means. */
static void note_coordinated_pair(const sent_ctx *c, size_t upto)
{
    for (size_t i = 0; i + 1 < c->n_ms; i++) {
        const tmention *a = &c->ms[i], *b = &c->ms[i + 1];
        if (a->t0 < c->s0 || b->t1 > upto)
            continue;
        if (b->t0 != a->t1 + 1 || !is_word(&c->toks[a->t1], c->lx->w.va) || a->joint || b->joint ||
            a->location || b->location || !a->ref.country[0] || !b->ref.country[0] ||
            !strcmp(a->ref.country, b->ref.country))
            continue;
        if (i > 0 && !c->ms[i - 1].location && c->ms[i - 1].t1 == a->t0 && att_side_only_comma(c->text, c->toks, a->t0))
            continue;
        c->dyad->local_a = a->ref;
        c->dyad->local_b = b->ref;
        c->dyad->local_para = c->para + 1;
    }
}

att_status att_code_sentence(const att_lexicon *lx, const att_article *art, size_t para,
                             const char *text, const att_token *toks, size_t s0, size_t s1,
                             const tmention *ms, size_t n_ms, dyad_guess *dyad,
                             att_extraction *out)
{
    trigger trig[32];
    size_t nt = find_triggers(lx, text, toks, s0, s1, ms, n_ms, trig, 32);
    if (dyad->local_para != para + 1)
        dyad->local_para = 0; /* "hai bên" looks back within its paragraph only */
    sent_ctx c = {lx, text, toks, s0, s1, para, 0, 0, ms, n_ms, dyad, NULL, 0, {0, 0, 0, ATT_DATE_NONE}, out};
    int dated = 0; /* the sentence's dates are read when its first event is filled in */
    size_t n_before = out->n_events;
    if (!nt) {
        att_status cst = pair_noun_events(&c, art, &dated);
        if (cst == ATT_OK)
            cst = censure_event(&c, art, trig, 0, n_before, &dated);
        remember_person(ms, n_ms, s0, s1, dyad);
        free(c.dates);
        return cst;
    }
    side prev_subj = {0}, prev_obj = {0};
    long prev_obj_t0 = -1;
    int in_complement = 0; /* inside the clause complement of an earlier verb */
    size_t last_coded_end = 0; /* end of the last verb coded, 0 if none */
    size_t rep_t0 = 0, rep_end = 0; /* the last reporting verb ("cho biết"), rep_end 0 if none */
    side rep_subj = {0};            /* its subject */
    att_not_event framed_before = ATT_NOT_EVENT_NO; /* the last verb's habit/analysis/content frame */
    side thank_subj = {0}, thank_obj = {0}; /* the sides of the last verb of gratitude */
    size_t thank_at = 0;                    /* its trigger */
    size_t subj_floor = s0; /* the next verb's subject starts here ("V A, B V2": B) */
    att_status st = ATT_OK;
    for (size_t t = 0; t < nt && st == ATT_OK; t++) {
        const att_pattern *p = &lx->patterns_v[trig[t].pattern];
        int coord = t && coordinated(&c, trig[t].t0);
        note_coordinated_pair(&c, trig[t].t0);
        side subj = {0}, obj = {0};
        int received = att_ev_received_from(&c, &trig[t], &subj, &obj);
        if (received)
            in_complement = 0;
        if (in_complement) {
            if (!(coord && speech_act(lx, p)) && !new_predicate(&c, trig[t].t0) &&
                !new_clause(&c, trig[t - 1].t1, trig[t].t0) && !att_ev_after_semicolon(&c, trig[t].t0)) {
                side helpers = {0};
                if (thank_subj.n && att_ev_thanked_help(&c, p, &trig[t], &thank_obj, &helpers)) {
                    att_event e;
                    if (!dated) {
                        sentence_dates(&c, art);
                        dated = 1;
                    }
                    fill_event(&c, &trig[t], p, &helpers, &thank_subj, &e);
                    st = emit_sides(&c, 0, &helpers, &thank_subj, &e);
                    /* the helpers are the thanked ones, also those a list
                     * cut short by the help verb left out */
                    if (st == ATT_OK) {
                        fill_event(&c, &trig[thank_at], &lx->patterns_v[trig[thank_at].pattern], &thank_subj,
                                   &helpers, &e);
                        st = emit_sides(&c, 0, &thank_subj, &helpers, &e);
                    }
                    thank_subj.n = 0;
                }
                continue;
            }
            in_complement = 0;
        }
        /* A statement verb ("cho biết", "khẳng định") is not an event by
         * itself: what was said is coded, from its own verb. */
        int after_verb = last_coded_end && last_coded_end + 1 >= trig[t].t0;
        /* a joint act named as a noun with its two parties ("cuộc gặp giữa
         * A và B", "Trong cuộc điện đàm với B, A ...") is reported */
        int noun_pair = !received && p->voice == ATT_VOICE_JOINT &&
                        ((nominal_use(lx, toks, s0, trig[t].t0, after_verb) &&
                          att_ev_between_pair(&c, &trig[t], &subj)) ||
                         att_ev_fronted_joint(&c, &trig[t], &subj, &obj));
        /* ... unless a noun's modifier ("cơ chế đối thoại giữa A và B"),
         * commentary or an aggregate ("các cuộc gặp giữa A và B"); "các
         * cuộc giao tranh giữa hai nước" is their war, one event */
        att_not_event np_why = noun_pair ? att_clause_not_event(lx, text, toks, s0, trig[t].t0, trig[0].t0, 0)
                                         : ATT_NOT_EVENT_NO;
        if (np_why && !(np_why == ATT_NOT_EVENT_AGGREGATE && atoi(lx->cameo[p->cameo].root) >= 18)) {
            memset(&subj, 0, sizeof subj);
            memset(&obj, 0, sizeof obj);
            continue;
        }
        /* "trả đũa bằng cách trục xuất ...": the act is the verb after */
        if (!received && !noun_pair) {
            /* "Đáp trả lệnh trừng phạt của Mỹ, Nga đã cấm ...": a fronted
             * response phrase is an adverbial, the main verb is the act */
            if (trig[t].t0 == s0 && att_frame_at(lx, toks, s1, s0, ATT_FRAME_RESPONSE))
                continue;
            if (!strcmp(lx->cameo[p->cameo].code, "010") && !att_ev_addressed(&c, &trig[t])) {
                rep_t0 = trig[t].t0;
                rep_end = trig[t].t1;
                rep_subj = (side){0};
                att_side_subject(lx, text, toks, ms, n_ms, s0, trig[t].t0, dyad, &rep_subj);
                continue;
            }
            if (
                nominal_use(lx, toks, s0, trig[t].t0, after_verb) ||
                att_frame_at(lx, toks, s1, trig[t].t1, ATT_FRAME_MANNER))
                continue;
            /* a habit or an analyst's view goes on to the verbs coordinated
             * with it ("nhiều lần kêu gọi A ..., thậm chí đề nghị ...") */
            att_not_event why = att_clause_not_event(lx, text, toks, s0, trig[t].t0, trig[0].t0,
                                                     content_end(&c, trig, t));
            if (!why && coord && framed_before)
                why = framed_before;
            /* "trong bối cảnh A đang đàm phán với B": a concrete joint act
             * with its counterpart named is reported even in a background
             * frame (docs/ANNOTATION.md 11.8) */
            if (why == ATT_NOT_EVENT_BACKGROUND && p->voice == ATT_VOICE_JOINT &&
                att_ev_word_after(&c, &trig[t], lx->w.voi, 2))
                why = ATT_NOT_EVENT_NO;
            /* (content, "gọi việc A hủy X ... và kêu gọi A", returns to the
             * speaker's clause) */
            framed_before = why == ATT_NOT_EVENT_HABITUAL || why == ATT_NOT_EVENT_ANALYSIS ? why : ATT_NOT_EVENT_NO;
            if (why)
                continue;
        }
        side asubj = {0}, aobj = {0};
        int agent = received || noun_pair ? 0 : att_ev_noun_agent(&c, &trig[t], &asubj, &aobj);
        if (agent < 0)
            continue;
        if (agent) {
            subj = asubj;
            obj = aobj;
        }
        last_coded_end = trig[t].t1;
        int complement = takes_clause(lx, p);
        const trigger *next = t + 1 < nt ? &trig[t + 1] : NULL;
        const trigger *before = t ? &trig[t - 1] : NULL;
        int between = !received && !noun_pair && !agent && p->voice == ATT_VOICE_JOINT &&
                      att_ev_between_pair(&c, &trig[t], &subj);
        /* "giao tranh giữa quân đội A và các nhóm vũ trang": the act is
         * between the parties named after "giữa", whoever the subject is */
        if (!between && !noun_pair && p->voice == ATT_VOICE_JOINT && att_ev_between_follows(&c, &trig[t]))
            continue;
        int framed = received || noun_pair || agent || between || att_ev_nominal_visit(&c, &trig[t], &subj, &obj);
        int have_subj = framed ||
                        clause_sides(&c, p, &trig[t], before, next, coord, &prev_subj, prev_obj_t0, &subj_floor, &subj,
                                     &obj);
        /* "Bà X nhấn mạnh, cộng đồng quốc tế cần làm rõ ...": the reported
         * clause has a subject of its own (no actor), the speaker is no
         * participant */
        if (have_subj && !framed && rep_end && rep_end <= trig[t].t0 && subj.t1 <= rep_t0 &&
            att_ev_own_subject(&c, rep_end, trig[t].t0)) {
            have_subj = 0;
            memset(&subj, 0, sizeof subj);
        }
        /* "A tuyên bố X ..., đồng thời kêu gọi B ...": "đồng thời" goes
         * back to the reporting verb's subject, past its complement */
        if (!framed && rep_subj.n && rep_end && rep_end <= trig[t].t0 && att_ev_after_dong_thoi(&c, trig[t].t0)) {
            subj = rep_subj;
            have_subj = 1;
            memset(&obj, 0, sizeof obj); /* its object, now that the subject is known */
            att_side_object(lx, text, toks, ms, n_ms, trig[t].head_end, s1, &subj, dyad,
                            atoi(lx->cameo[p->cameo].root), p->voice == ATT_VOICE_JOINT, &obj);
        }
        /* "gọi việc Australia hủy bỏ thỏa thuận là sai lầm và kêu gọi ...":
         * a clause nominalised by "việc" is spoken about, and its subject is
         * not the next verb's */
        if (have_subj && !framed && subj.t0 > s0 && is_word(&toks[subj.t0 - 1], lx->w.viec)) {
            prev_subj = (side){0};
            continue;
        }
        /* a verb coordinated after a received act ("bác bỏ phản đối của X
         * và yêu cầu ...") has the receiver as its subject */
        prev_subj = received ? obj : subj;
        prev_obj_t0 = received ? -1 : obj.n ? (long)obj.t0 : -1;
        if (complement)
            in_complement = 1;
        if (!have_subj) /* its complement stays hidden, a new clause or predicate may follow */
            continue;
        /* a joint act as the purpose of another, with no counterpart
         * named, is only intended ("để gặp Tổng thống Ai Cập" names one) */
        if (p->voice == ATT_VOICE_JOINT && !obj.n && purpose_of(&c, trig[t].t0))
            continue;
        if (!obj.n && !received && !noun_pair && !agent)
            att_ev_response_target(&c, &subj, &obj);
        int vroot = atoi(lx->cameo[p->cameo].root);
        /* "Nga lên án động thái này": the actor of the act referred back to;
         * "..., nhưng Washington đã từ chối": the one whose request, demand
         * or accusation is refused */
        if (!obj.n && !received && !noun_pair && !agent && p->voice != ATT_VOICE_PASSIVE && vroot != 1 &&
            !att_ev_referred_act(&c, &trig[t], &subj, &obj) && !att_ev_this_country(&c, &trig[t], &subj, &obj) &&
            vroot == 12 && speech_act(lx, p) && !negated_verb(&c, &trig[t]))
            att_ev_answered_act(&c, &subj, &obj);
        /* "Séc thông báo 18 nhà ngoại giao Nga sẽ bị trục xuất": a sanction,
         * expulsion or arrest in the passive with no agent, in what a state
         * reports, is that state's act */
        int reported = rep_subj.n && rep_end && rep_end <= trig[t].t0 && subj.t0 >= rep_end;
        if (p->voice == ATT_VOICE_PASSIVE && !received && !agent && !obj.n && reported && (vroot == 16 || vroot == 17))
            obj = rep_subj;
        /* "A tới X và ký thỏa thuận", "A gặp B và ký ...": a coordinated
         * joint act with no counterpart of its own has the previous verb's */
        if (!obj.n && coord && p->voice == ATT_VOICE_JOINT && prev_obj.n && !received && !noun_pair && !agent)
            obj = prev_obj;
        int reciprocal = att_ev_each_other(&c, &trig[t]);
        side *src = &subj, *dst = &obj;
        if (p->voice == ATT_VOICE_PASSIVE && !received && !agent) {
            src = &obj;
            dst = &subj;
        }
        att_event e;
        if (!dated) {
            sentence_dates(&c, art);
            dated = 1;
        }
        fill_event(&c, &trig[t], p, &subj, &obj, &e);
        int intent = intent_to_cooperate(&c, &trig[t], &e);
        att_ev_warning_about(&c, &trig[t], p, &subj, &obj, &e);
        if (e.root == 2 && att_ev_offer(&c, &trig[t], p)) {
            int k = att_lexicon_cameo(lx, "033");
            if (k >= 0) {
                e.cameo = k;
                e.root = 3;
            }
        }
        /* "Indonesia cho biết A, B và C đã đề nghị hỗ trợ": help offered or
         * sent to nobody named, in what a state reports, is to that state */
        if (!dst->n && reported && p->voice != ATT_VOICE_PASSIVE &&
            (e.root == 7 || !strcmp(lx->cameo[e.cameo].code, "033")) && att_ev_subject_right_before(&c, &subj, trig[t].t0))
            obj = rep_subj;
        if (!dst->n && e.root == 7 && p->voice != ATT_VOICE_PASSIVE && !received && !agent &&
            att_ev_subject_right_before(&c, &subj, trig[t].t0))
            att_ev_aid_recipient(&c, &subj, &obj);
        /* "A hợp tác với B": one side's cooperation, unless both are its
         * co-subjects ("A và B hợp tác") */
        int one_sided = (!strcmp(lx->cameo[e.cameo].code, "050") || e.root == 6) && src->n == 1 && !src->joint &&
                        dst->with;
        st = emit_sides(&c, (p->voice == ATT_VOICE_JOINT || reciprocal) && !intent && !received && !one_sided, src, dst,
                        &e);
        prev_obj = obj;
        if (att_ev_gratitude(p) && !received) {
            thank_subj = *src;
            thank_obj = *dst;
            thank_obj.t0 = trig[t].t1; /* (a side's t0 is its last mention's) */
            thank_at = t;
        } else {
            thank_subj.n = 0;
        }
        remember_pair(&c, p, &subj, &obj, e.modality);
    }
    if (st == ATT_OK)
        st = pair_noun_events(&c, art, &dated);
    if (st == ATT_OK)
        st = censure_event(&c, art, trig, nt, n_before, &dated);
    note_coordinated_pair(&c, s1);
    remember_person(ms, n_ms, s0, s1, dyad);
    free(c.dates);
    return st;
}
