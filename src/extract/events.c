/*
 * events.c - CAMEO coding of one sentence: find event verb phrases (one
 * pass over the tokens through the pattern trie), pick the source actor on
 * the left and the target on the right (swapped for passive voice, both
 * ways for joint actions), read modality cues, date and place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

typedef struct trigger {
    size_t t0, t1;   /* whole match incl. later segments */
    size_t head_end; /* end of the first segment */
    int pattern;
    size_t score;
} trigger;

static int is_word(const att_token *t, uint32_t id) { return id && t->id == id; }

/* Do the later segments of pattern p follow at most 4 tokens apart,
 * starting after token k, within [.., s1)?  Returns the end or 0. */
static size_t match_rest(const att_pattern *p, const att_token *toks, size_t k, size_t s1)
{
    size_t off = p->seg_len[0];
    for (int s = 1; s < p->n_segs; s++) {
        size_t found = 0;
        for (size_t start = k; start <= k + 4 && start + p->seg_len[s] <= s1; start++) {
            size_t m = 0;
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
        size_t words = 0;
        for (int s = 0; s < p->n_segs; s++)
            words += p->seg_len[s];
        /* the data file's precedence: longest span, then most literal
         * syllables, then the deeper CAMEO code */
        size_t score = (end - b->i) * 1000 + words * 10 + strlen(b->lx->cameo[p->cameo].code);
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

static size_t find_triggers(const att_lexicon *lx, const att_token *toks, size_t s0, size_t s1,
                            const tmention *ms, size_t n_ms, trigger *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = s0; i < s1 && n < cap;) {
        if (!toks[i].id || inside_mention(ms, n_ms, i)) {
            i++;
            continue;
        }
        best_ctx b = {lx, toks, i, s1, {0, 0, 0, -1, 0}};
        att_trie_match_all(lx->patterns, toks, s1, i, 1, consider, &b);
        if (b.best.pattern < 0 || inside_mention(ms, n_ms, b.best.head_end - 1)) {
            i++;
            continue;
        }
        out[n++] = b.best;
        i = b.best.t1; /* "cam kết ... hỗ trợ" is one event, not two */
    }
    return n;
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

/* Up to 4 actors for a side: expands joint mentions, follows "A và B". */
typedef struct side {
    att_actor_ref r[4];
    int n;
    int joint; /* came from "hai nước" */
    int with;  /* introduced by "với" */
    size_t t0;
} side;

static void side_add(side *s, const att_actor_ref *r)
{
    if (s->n >= 4 || !r->code[0] || !r->country[0])
        return;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->r[i].country, r->country) && !strcmp(s->r[i].code, r->code))
            return;
    s->r[s->n++] = *r;
}

static void side_from_mention(side *s, const tmention *m, const dyad_guess *dyad)
{
    if (m->joint) {
        if (dyad->a.code[0] && dyad->b.code[0] && (m->joint < 3 || dyad->c.code[0])) {
            side_add(s, &dyad->a);
            side_add(s, &dyad->b);
            if (m->joint >= 3)
                side_add(s, &dyad->c);
            s->joint = 1;
        }
    } else {
        side_add(s, &m->ref);
    }
    s->t0 = m->t0;
}

/* The subject: the nearest agent mention left of the verb, plus the ones
 * coordinated with it ("A và B", "A, B và C", "A cùng B"). */
static int subject(const att_lexicon *lx, const att_token *toks, const tmention *ms, size_t n_ms,
                   size_t s0, size_t verb, const dyad_guess *dyad, side *out)
{
    long k = -1;
    for (size_t i = 0; i < n_ms; i++)
        if (ms[i].t1 <= verb && ms[i].t0 >= s0 && !ms[i].location)
            k = (long)i;
    if (k < 0)
        return 0;
    side_from_mention(out, &ms[k], dyad);
    int linked = 0; /* "A, B và C": commas only chain once "và" has */
    while (k > 0) {
        const tmention *prev = &ms[k - 1], *cur = &ms[k];
        size_t gap = cur->t0 - prev->t1;
        int conj = gap == 1 && (is_word(&toks[prev->t1], lx->w.va) || is_word(&toks[prev->t1], lx->w.cung));
        int comma = linked && gap == 0 && toks[cur->t0].gap_before;
        if (prev->location || prev->t0 < s0 || !(conj || comma))
            break;
        side_from_mention(out, prev, dyad);
        linked = 1;
        k--;
    }
    return out->n > 0;
}

/* The object: the first agent mention right of the verb, preferring one
 * introduced by "với"; skips places and the subject itself. */
/* Is there a comma or semicolon in the text between tokens k-1 and k? */
static int comma_before(const char *text, const att_token *toks, size_t k)
{
    if (k == 0 || !toks[k].gap_before)
        return 0;
    for (size_t c = toks[k - 1].end; c < toks[k].start; c++)
        if (text[c] == ',' || text[c] == ';')
            return 1;
    return 0;
}

static int object(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms,
                  size_t n_ms, size_t from, size_t s1, const side *subj, const dyad_guess *dyad, int root,
                  side *out)
{
    /* after talks or cooperation, "về X" is the topic ("trao đổi về Triều
     * Tiên"); after concern, criticism or threats it is the target ("lo
     * ngại về Triều Tiên") */
    int topic_ve = root >= 3 && root <= 9;
    /* the object stays in the verb's clause: past a comma only a list
     * item that starts right at it ("..., Nhật Bản") can be one */
    size_t clause_end = s1;
    for (size_t k = from + 1; k < s1; k++)
        if (comma_before(text, toks, k)) {
            int starts_mention = 0;
            for (size_t i = 0; i < n_ms; i++)
                if (ms[i].t0 == k)
                    starts_mention = 1;
            if (!starts_mention) {
                clause_end = k;
                break;
            }
        }
    s1 = clause_end;
    long first = -1, with = -1;
    for (size_t i = 0; i < n_ms; i++) {
        if (ms[i].t0 < from || ms[i].t1 > s1 || ms[i].location)
            continue;
        /* "trao đổi về Triều Tiên": a topic, not a counterpart */
        if (topic_ve && ms[i].t0 > 0 && is_word(&toks[ms[i].t0 - 1], lx->w.ve))
            continue;
        int same = 0;
        for (int k = 0; k < subj->n; k++)
            if (!ms[i].joint && !strcmp(ms[i].ref.country, subj->r[k].country))
                same = 1;
        if (same)
            continue;
        if (first < 0)
            first = (long)i;
        if (with < 0 && ms[i].t0 > 0 && is_word(&toks[ms[i].t0 - 1], lx->w.voi) &&
            ms[i].t0 - from <= 6)
            with = (long)i;
    }
    long k = with >= 0 ? with : first;
    if (k < 0) {
        /* no counterpart named: the place it happens in is the one acted
         * upon ("cung cấp khoản vay ... tại Việt Nam", "triệu hồi Đại sứ tại
         * Phnom Penh") */
        for (size_t i = 0; i < n_ms && k < 0; i++) {
            if (ms[i].t0 < from || ms[i].t1 > s1 || !ms[i].location || ms[i].ref.type != ATT_ACTOR_COUNTRY)
                continue;
            int same = 0;
            for (int q = 0; q < subj->n; q++)
                if (!strcmp(ms[i].ref.country, subj->r[q].country))
                    same = 1;
            if (!same)
                k = (long)i;
        }
    }
    if (k < 0)
        return 0;
    side_from_mention(out, &ms[k], dyad);
    out->with = k == with;
    /* "cáo buộc Mỹ, Nhật Bản và Hàn Quốc": the listed counterparts too */
    for (size_t i = (size_t)k + 1; i < n_ms && out->n < 4; i++) {
        const tmention *prev = &ms[i - 1], *cur = &ms[i];
        if (cur->t1 > s1 || cur->location || cur->joint || prev->location)
            break;
        size_t gap = cur->t0 - prev->t1;
        int conj = gap == 1 && (is_word(&toks[prev->t1], lx->w.va) || is_word(&toks[prev->t1], lx->w.cung));
        int comma = gap == 0 && comma_before(text, toks, cur->t0);
        if (!(conj || comma))
            break;
        side_from_mention(out, cur, dyad);
    }
    return out->n > 0;
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
     * verbs of the same family in it describe the same event */
    for (size_t i = out->n_events; i-- > 0;) {
        const att_event *o = &out->events[i];
        if (o->para != e->para || o->sent_start != e->sent_start)
            break;
        if (!strcmp(o->a1.country, e->a1.country) && !strcmp(o->a2.country, e->a2.country) &&
            o->root == e->root)
            return ATT_OK;
    }
    if ((out->n_events & (out->n_events - 1)) == 0) {
        size_t cap = out->n_events ? out->n_events * 2 : 8;
        att_event *v = realloc(out->events, cap * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        out->events = v;
    }
    out->events[out->n_events++] = *e;
    return ATT_OK;
}

att_status att_code_sentence(const att_lexicon *lx, const att_article *art, size_t para,
                             const char *text, const att_token *toks, size_t s0, size_t s1,
                             const tmention *ms, size_t n_ms, dyad_guess *dyad,
                             att_extraction *out)
{
    trigger trig[32];
    size_t nt = find_triggers(lx, toks, s0, s1, ms, n_ms, trig, 32);
    if (!nt) {
        remember_person(ms, n_ms, s0, s1, dyad);
        return ATT_OK;
    }
    att_date_mention *dates = NULL;
    size_t n_dates = 0;
    att_date ref = {0, 0, 0, ATT_DATE_NONE};
    if (art->published)
        att_date_parse_iso(art->published, &ref);
    size_t sb = toks[s0].start, se = toks[s1 - 1].end;
    /* extend the sentence to its closing punctuation */
    while (se < strlen(text) && text[se] != ' ' && se - toks[s1 - 1].end < 4)
        se++;
    if (att_find_dates(text + sb, se - sb, &ref, &dates, &n_dates) != ATT_OK)
        n_dates = 0;
    side prev_subj = {0};
    long prev_obj_t0 = -1;
    att_status st = ATT_OK;
    for (size_t t = 0; t < nt && st == ATT_OK; t++) {
        const att_pattern *p = &lx->patterns_v[trig[t].pattern];
        int root = atoi(lx->cameo[p->cameo].root);
        /* A statement verb ("cho biết", "khẳng định") is not an event by
         * itself: what was said is coded, from its own verb. */
        if (!strcmp(lx->cameo[p->cameo].code, "010"))
            continue;
        side subj = {0}, obj = {0};
        int have_subj = subject(lx, toks, ms, n_ms, s0, trig[t].t0, dyad, &subj);
        /* "Ông/Bà (ấy) ...": the person last named */
        if (!have_subj && dyad->last_person.code[0] && dyad->last_person.country[0]) {
            for (size_t k = s0; k < trig[t].t0; k++)
                if (is_word(&toks[k], lx->w.ong) || is_word(&toks[k], lx->w.ba)) {
                    side_add(&subj, &dyad->last_person);
                    subj.t0 = k;
                    have_subj = subj.n > 0;
                    break;
                }
        }
        /* coordinated verbs share the subject: "A chỉ trích B và kêu gọi ..." */
        if (have_subj && t && prev_subj.n && (long)subj.t0 == prev_obj_t0) {
            int coord = 0;
            for (size_t k = trig[t - 1].t1; k <= trig[t].t0 && k < s1; k++)
                if (is_word(&toks[k], lx->w.va) || comma_before(text, toks, k))
                    coord = 1;
            if (coord)
                subj = prev_subj;
        }
        if (!have_subj && t && prev_subj.n) {
            subj = prev_subj;
            have_subj = 1;
        }
        /* the object often sits inside a gapped pattern: "yêu cầu Mỹ ... chấm dứt" */
        size_t obj_from = trig[t].head_end;
        int complement = root == 2 || root == 3 || (root >= 10 && root <= 13);
        /* a complement clause holds the object ("lên án cuộc tấn công của
         * Nga"); other verbs stop at the next verb */
        size_t obj_to = t + 1 < nt && !complement ? trig[t + 1].t0 : s1;
        if (p->voice == ATT_VOICE_PASSIVE)
            obj_to = s1;
        object(lx, text, toks, ms, n_ms, obj_from, obj_to, &subj, dyad, root, &obj);
        /* "áp thuế ... đối với xe điện nhập khẩu từ Trung Quốc": when the next
         * verb comes before any counterpart, look on to the clause's end */
        if (!obj.n && obj_to < s1)
            object(lx, text, toks, ms, n_ms, obj_from, s1, &subj, dyad, root, &obj);
        prev_subj = subj;
        prev_obj_t0 = obj.n ? (long)obj.t0 : -1;
        /* Appeals, intents, demands, accusations, rejections and threats
         * take a clause as complement ("nhất trí tăng cường hợp tác",
         * "kêu gọi ngừng bắn"): the verbs inside it are not events of
         * their own. */
        if (!have_subj) {
            if (complement)
                break;
            continue;
        }
        side *src = &subj, *dst = &obj;
        if (p->voice == ATT_VOICE_PASSIVE) {
            src = &obj;
            dst = &subj;
        }
        att_event e;
        memset(&e, 0, sizeof e);
        e.cameo = p->cameo;
        e.root = root;
        e.para = para;
        e.sent_start = sb;
        e.sent_end = se;
        e.trig_start = toks[trig[t].t0].start;
        e.trig_end = toks[trig[t].t1 - 1].end;
        e.modality = modality(lx, toks, s0, subj.n ? subj.t0 : s0, trig[t].t0);
        if (n_dates) {
            e.date = dates[0].date;
            e.date_from_text = 1;
        } else {
            e.date = ref;
        }
        place_of(lx, text, toks, s0, s1, ms, n_ms, &e);
        size_t dist = trig[t].t0 > subj.t0 ? trig[t].t0 - subj.t0 : 0;
        double conf = 0.85 - (dist > 4 ? 0.03 * (double)(dist - 4) : 0.0);
        if (subj.joint || obj.joint)
            conf -= 0.15;
        e.confidence = conf < 0.2 ? 0.2 : conf > 0.99 ? 0.99 : conf;
        /* "A và B hội đàm", "hai nước ký": each with the other, unless a
         * counterpart is named with "với" */
        /* cooperative intents and acts of two coordinated subjects with no
         * named counterpart are mutual too: "A và B cam kết hợp tác" */
        int mutual = p->voice == ATT_VOICE_JOINT || subj.joint || (root == 3 && !dst->n);
        int pairwise = src->n >= 2 && mutual && !(dst->n && dst->with) && e.modality != ATT_MOD_NEGATED;
        if (pairwise) { /* "A, B và C có cuộc gặp": each with each */
            for (int a = 0; a < src->n && st == ATT_OK; a++)
                for (int b = 0; b < src->n && st == ATT_OK; b++)
                    if (a != b) {
                        e.a1 = src->r[a];
                        e.a2 = src->r[b];
                        st = emit(out, &e);
                    }
        } else if (dst->n) {
            for (int a = 0; a < src->n && st == ATT_OK; a++)
                for (int b = 0; b < dst->n && st == ATT_OK; b++) {
                    e.a1 = src->r[a];
                    e.a2 = dst->r[b];
                    st = emit(out, &e);
                    if (st == ATT_OK && p->voice == ATT_VOICE_JOINT && src->n == 1) {
                        e.a1 = dst->r[b];
                        e.a2 = src->r[a];
                        st = emit(out, &e);
                    }
                }
        }
        if (complement)
            break;
    }
    remember_person(ms, n_ms, s0, s1, dyad);
    free(dates);
    return st;
}
