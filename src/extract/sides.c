/*
 * sides.c - the participants of an event verb; see sides.h.
 */
#include <string.h>

#include "clause.h"
#include "sides.h"

static int is_word(const att_token *t, uint32_t id) { return id && t->id == id; }

#define comma_before att_comma_before

void att_side_add(side *s, const att_actor_ref *r)
{
    if (s->n >= SIDE_MAX || !r->code[0] || !r->country[0])
        return;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->r[i].country, r->country) && !strcmp(s->r[i].code, r->code))
            return;
    s->r[s->n++] = *r;
}

void att_side_from_mention(side *s, const tmention *m, const dyad_guess *dyad)
{
    if (m->joint == 2 && dyad->local_para) {
        att_side_add(s, &dyad->local_a);
        att_side_add(s, &dyad->local_b);
        s->joint = 1;
    } else if (m->joint) {
        if (dyad->a.code[0] && dyad->b.code[0] && (m->joint < 3 || dyad->c.code[0])) {
            att_side_add(s, &dyad->a);
            att_side_add(s, &dyad->b);
            if (m->joint >= 3)
                att_side_add(s, &dyad->c);
            s->joint = 1;
        }
    } else {
        att_side_add(s, &m->ref);
    }
    s->t0 = m->t0;
    s->t1 = m->t1;
}

/* Is the text between tokens k-1 and k a plain list comma (", "), not a
 * parenthesis or a dash ("Kazan (Nga), Thủ tướng ...")? */
int att_side_only_comma(const char *text, const att_token *toks, size_t k)
{
    int commas = 0;
    for (size_t c = toks[k - 1].end; c < toks[k].start; c++) {
        if (text[c] == ',')
            commas++;
        else if (text[c] != ' ')
            return 0;
    }
    return commas == 1;
}

/* "Thủ tướng Malaysia Anwar Ibrahim, Chủ tịch ASEAN năm 2025, kêu gọi ...",
 * "Pháp, nước xuất khẩu brandy lớn nhất sang Trung Quốc, kêu gọi ...": when
 * the mention nearest the verb sits in a comma-enclosed apposition right
 * after another actor, that actor is the subject.  Returns the index of the
 * subject mention (k itself when there is no apposition). */
static long appositive_head(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms,
                            long k, size_t s0, size_t verb)
{
    int closed = 0;
    for (size_t j = ms[k].t1; j <= verb && !closed; j++)
        closed = comma_before(text, toks, j);
    if (!closed || k == 0)
        return k;
    size_t open = 0;
    for (size_t j = ms[k].t0; j > s0 && !open; j--)
        if (comma_before(text, toks, j))
            open = j;
    /* an apposition is a short noun phrase opened by a plain comma */
    if (!open || !att_side_only_comma(text, toks, open) || verb - open > 10)
        return k;
    for (size_t j = open; j < ms[k].t0; j++)
        if (is_word(&toks[j], lx->w.va) || is_word(&toks[j], lx->w.cung))
            return k; /* "A, B và C," is a list, not an apposition */
    for (long i = k - 1; i >= 0 && ms[i].t1 >= open; i--)
        if (ms[i].t1 == open && ms[i].t0 >= s0 && !ms[i].location && !ms[i].joint &&
            (ms[i].t0 == s0 || comma_before(text, toks, ms[i].t0)))
            return i; /* the head starts its clause: "Sau A, B ..." has no apposition */
    return k;
}

/* "tới Kiev, Thủ tướng Anh ... và Tổng thống Ukraine ... đã ký": a mention
 * governed by a preposition ends an adverbial, it is no list item. */
static int after_preposition(const att_lexicon *lx, const att_token *toks, const tmention *m)
{
    const att_lex_words *w = &lx->w;
    if (m->t0 == 0)
        return 0;
    const att_token *p = &toks[m->t0 - 1];
    return is_word(p, w->toi) || is_word(p, w->den) || is_word(p, w->sang) || is_word(p, w->voi) ||
           is_word(p, w->cua) || is_word(p, w->tai) || is_word(p, w->o) || is_word(p, w->ngoai);
}

/* "A cùng với B": mention m right after "cùng với". */
static int cung_voi(const att_lexicon *lx, const att_token *toks, const tmention *m)
{
    return m->t0 >= 2 && is_word(&toks[m->t0 - 2], lx->w.cung) && is_word(&toks[m->t0 - 1], lx->w.voi);
}

/* Dashes (" - ", "–", "—") between tokens a and b: an odd count closes a
 * clause ("hành khách từ Ấn Độ - làm dấy lên ..."), an even count is a
 * parenthesis ("UAE - nơi ... - cũng đã ..."). */
int att_side_dashes_between(const char *text, const att_token *toks, size_t a, size_t b)
{
    int n = 0;
    for (size_t k = a + 1; k <= b; k++) {
        if (!toks[k].gap_before)
            continue;
        for (size_t c = toks[k - 1].end; c < toks[k].start; c++)
            if ((text[c] == '-' && c > toks[k - 1].end && text[c - 1] == ' ') ||
                ((unsigned char)text[c] == 0xE2 && (unsigned char)text[c + 1] == 0x80 &&
                 ((unsigned char)text[c + 2] == 0x93 || (unsigned char)text[c + 2] == 0x94)))
                n++;
    }
    return n;
}

/* Is mention m the object of a preposition ("từ", "tới", "đến", "sang",
 * "vào", "ngoài": "Ngoài Mỹ, nhiều nước ..." names who else did it)?  ("của" and "với" are left to the callers: "của" often
 * ends the title of a subject, "với" is a counterpart.) */
static int in_pp(const att_lexicon *lx, const att_token *toks, const tmention *m)
{
    const att_lex_words *w = &lx->w;
    if (m->t0 == 0)
        return 0;
    const att_token *p = &toks[m->t0 - 1];
    return is_word(p, w->tu) || is_word(p, w->toi) || is_word(p, w->den) || is_word(p, w->sang) ||
           is_word(p, w->vao) || is_word(p, w->ngoai);
}

/* Is there a "và" in tokens [from, to)? */
static int va_between(const att_lexicon *lx, const att_token *toks, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (is_word(&toks[k], lx->w.va))
            return 1;
    return 0;
}

/* Is mention k the last of a list chained by plain commas that has three
 * members or more ("Mỹ, Anh, Nga") or follows a list opener ("trong đó có
 * Mỹ, Anh")? */
static int list_run(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms, long k,
                    size_t s0)
{
    long i = k;
    while (i > 0 && ms[i - 1].t0 >= s0 && !ms[i - 1].location && ms[i - 1].t1 == ms[i].t0 &&
           att_side_only_comma(text, toks, ms[i].t0) && !after_preposition(lx, toks, &ms[i - 1]))
        i--;
    if (i == k)
        return 0;
    return k - i >= 2 || att_frame_before(lx, toks, s0, ms[i].t0, ATT_FRAME_LIST_INTRO);
}

/* The subject: the nearest agent mention left of the verb, plus the ones
 * coordinated with it ("A và B", "A, B và C", "A cùng B"). */
int att_side_subject(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms,
                   size_t n_ms, size_t s0, size_t verb, const dyad_guess *dyad, side *out)
{
    long k = -1;
    /* "hành khách từ Ấn Độ - làm dấy lên ...": a mention governed by a
     * preposition is no subject */
    /* (the subject of a clause nominalised by "việc" is no subject of a
     * verb after that clause: "gọi việc A hủy X ... và kêu gọi A ...") */
    /* ("tàu ngầm do Đức sản xuất mất tích khi đang tham gia diễn tập": the
     * agent of a "do X V" phrase modifies a noun (or gives a cause), it is
     * no subject of a later verb) */
    for (size_t i = 0; i < n_ms; i++)
        if (ms[i].t1 <= verb && ms[i].t0 >= s0 && !ms[i].location && !in_pp(lx, toks, &ms[i]) &&
            !(ms[i].t0 > s0 && is_word(&toks[ms[i].t0 - 1], lx->w.do_) && ms[i].t1 + 1 < verb) &&
            !(ms[i].t0 > s0 && is_word(&toks[ms[i].t0 - 1], lx->w.viec) && va_between(lx, toks, ms[i].t1, verb)) &&
            !(att_side_dashes_between(text, toks, ms[i].t1 - 1, verb) % 2))
            k = (long)i;
    if (k < 0)
        return 0;
    k = appositive_head(lx, text, toks, ms, k, s0, verb);
    att_side_from_mention(out, &ms[k], dyad);
    /* "A, B, C" with three or more members, or after "gồm", "trong đó
     * có", "như": a list chained by commas alone */
    int comma_list = list_run(lx, text, toks, ms, k, s0) ;
    int linked = comma_list; /* "A, B và C": commas only chain once "và" has */
    while (k > 0) {
        const tmention *prev = &ms[k - 1], *cur = &ms[k];
        size_t gap = cur->t0 - prev->t1;
        int conj = gap == 1 && (is_word(&toks[prev->t1], lx->w.va) || is_word(&toks[prev->t1], lx->w.cung));
        /* "A cùng với B", "A và người đồng cấp B" */
        conj = conj || (gap == 2 && is_word(&toks[prev->t1], lx->w.cung) && is_word(&toks[prev->t1 + 1], lx->w.voi));
        conj = conj || (gap == 4 && is_word(&toks[prev->t1], lx->w.va) && is_word(&toks[prev->t1 + 1], lx->w.nguoi) &&
                        is_word(&toks[prev->t1 + 2], lx->w.dong) && is_word(&toks[prev->t1 + 3], lx->w.cap));
        int comma = linked && gap == 0 && att_side_only_comma(text, toks, cur->t0) &&
                    (!after_preposition(lx, toks, prev) || cung_voi(lx, toks, prev));
        /* "người đồng cấp Trung Quốc Vương Nghị": a country word right
         * before a person's name is the same noun phrase */
        int same_np = gap == 0 && !toks[cur->t0].gap_before && cur->ref.type == ATT_ACTOR_PERSON &&
                      !strcmp(prev->ref.country, cur->ref.country);
        if (prev->location || prev->t0 < s0 || !(conj || comma || same_np))
            break;
        att_side_from_mention(out, prev, dyad);
        linked = 1;
        k--;
    }
    return out->n > 0;
}

/* The object: the first agent mention right of the verb, preferring one
 * introduced by "với"; skips places and the subject itself. */

/* "hỗ trợ tài chính, quân sự và nhân đạo cho Ukraine": a comma before k
 * that lists words ending with "và" a few words on, not a clause break. */
static int list_comma(const att_lexicon *lx, const char *text, const att_token *toks, size_t k, size_t s1)
{
    if (is_word(&toks[k], lx->w.va)) /* ", và ..." joins clauses */
        return 0;
    for (size_t j = k; j < s1 && j < k + 4; j++) {
        if (j > k && comma_before(text, toks, j))
            return 0;
        if (is_word(&toks[j], lx->w.va))
            return 1;
    }
    return 0;
}

/* "tấn công ..., nhằm vào các cơ sở năng lượng của Ukraine": after the
 * comma "nhằm/nhắm vào" names the verb's target, the clause goes on. */
static int aimed_at(const att_lexicon *lx, const att_token *toks, size_t k, size_t s1)
{
    return k + 1 < s1 && (is_word(&toks[k], lx->w.nham) || is_word(&toks[k], lx->w.nham_)) &&
           is_word(&toks[k + 1], lx->w.vao);
}

/* "với sự tham gia của Mỹ", "theo đề nghị của Campuchia": a possessor,
 * never the other party of a meeting or a signing. */
static int not_a_party(const att_lexicon *lx, const att_token *toks, const tmention *m)
{
    return m->t0 > 0 && is_word(&toks[m->t0 - 1], lx->w.cua);
}

/* "..., Ba Lan cũng thông báo ...": a mention after a comma followed by an
 * adverb or an event verb is the subject of a new clause, no list item. */
static int clause_subject_at(const att_lexicon *lx, const tmention *m, size_t s1, const att_token *toks,
                             const tmention *ms, size_t n_ms)
{
    /* past the rest of a list: "..., Latvia và Estonia mỗi nước cũng ..." */
    size_t k = m->t1;
    for (size_t i = 0; i < n_ms && k < s1; i++)
        if (ms[i].t0 == k + 1 && is_word(&toks[k], lx->w.va))
            k = ms[i].t1;
        else if (ms[i].t0 == k && k > m->t1)
            k = ms[i].t1;
    if (k >= s1)
        return 0;
    const att_token *n = &toks[k];
    /* ("..., Ngoại trưởng Nga thì bay tới ...": "thì" marks a new topic) */
    return is_word(n, lx->w.cung_) || is_word(n, lx->w.da) || is_word(n, lx->w.se) || is_word(n, lx->w.vua) ||
           is_word(n, lx->w.moi_) || is_word(n, lx->w.thi) || is_word(n, lx->w.deu) ||
           (n->id && att_trie_starts(lx->patterns, n->id));
}

/* ", trong đó có (các nước như) A, B ...", ", bao gồm cả A": a list
 * opened right after the comma at k, its first actor right after the
 * opening words (or after a second one: "như"). */
static int list_after_comma(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms,
                            size_t n_ms, size_t k, size_t s1)
{
    size_t n = att_frame_at(lx, toks, s1, k, ATT_FRAME_LIST_INTRO);
    if (!n)
        return 0;
    for (size_t i = 0; i < n_ms; i++) {
        size_t p = ms[i].t0;
        if (p < k + n || p > k + n + 6 || ms[i].location)
            continue;
        for (size_t j = k + 1; j <= p; j++)
            if (comma_before(text, toks, j))
                return 0;
        if (p == k + n || is_word(&toks[p - 1], lx->w.ca) || att_frame_before(lx, toks, k + n, p, ATT_FRAME_LIST_INTRO))
            return 1;
    }
    return 0;
}

int att_side_object(const att_lexicon *lx, const char *text, const att_token *toks, const tmention *ms,
                  size_t n_ms, size_t from, size_t s1, const side *subj, const dyad_guess *dyad, int root,
                  int joint_verb, side *out)
{
    /* after talks or cooperation, "về X" is the topic ("trao đổi về Triều
     * Tiên"); after concern, criticism or threats it is the target ("lo
     * ngại về Triều Tiên") */
    int topic_ve = root >= 3 && root <= 9;
    /* the object stays in the verb's clause: past a comma only a list
     * item that starts right at it ("..., Nhật Bản") can be one */
    size_t clause_end = s1;
    for (size_t k = from; k < s1; k++)
        /* ("cảm ơn các nước, trong đó có A, B và C": a list opened after
         * the comma names the object's members) */
        if (comma_before(text, toks, k) && !list_comma(lx, text, toks, k, s1) && !aimed_at(lx, toks, k, s1) &&
            !list_after_comma(lx, text, toks, ms, n_ms, k, s1)) {
            int starts_mention = 0;
            for (size_t i = 0; i < n_ms; i++)
                if (ms[i].t0 == k && !clause_subject_at(lx, &ms[i], s1, toks, ms, n_ms))
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
        if (joint_verb && not_a_party(lx, toks, &ms[i]))
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
    /* "yêu cầu công dân nước này rời khỏi X": the subject's own people
     * are acted upon, nobody else */
    size_t own_to = k >= 0 ? ms[k].t0 : s1;
    for (size_t j = from; j + 1 < own_to && j < from + 4; j++)
        if (is_word(&toks[j], lx->w.nuoc) && is_word(&toks[j + 1], lx->w.nay))
            return 0;
    if (k < 0) {
        /* no counterpart named: the place it happens in is the one acted
         * upon ("cung cấp khoản vay ... tại Việt Nam", "triệu hồi Đại sứ tại
         * Phnom Penh"); a place described with "ở" ("xung đột ở Ukraine")
         * only situates a noun */
        for (size_t i = 0; i < n_ms && k < 0; i++) {
            if (ms[i].t0 < from || ms[i].t1 > s1 || !ms[i].location || ms[i].ref.type != ATT_ACTOR_COUNTRY ||
                is_word(&toks[ms[i].t0 - 1], lx->w.o))
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
    att_side_from_mention(out, &ms[k], dyad);
    out->with = k == with;
    /* "cáo buộc Mỹ, Nhật Bản và Hàn Quốc": the listed counterparts too */
    for (size_t i = (size_t)k + 1; i < n_ms && out->n < SIDE_MAX; i++) {
        const tmention *prev = &ms[i - 1], *cur = &ms[i];
        if (cur->t1 > s1 || cur->location || cur->joint || prev->location)
            break;
        size_t gap = cur->t0 - prev->t1;
        int conj = gap == 1 && (is_word(&toks[prev->t1], lx->w.va) || is_word(&toks[prev->t1], lx->w.cung));
        int comma = gap == 0 && comma_before(text, toks, cur->t0) && !clause_subject_at(lx, cur, s1, toks, ms, n_ms);
        if (!(conj || comma))
            break;
        att_side_from_mention(out, cur, dyad);
    }
    return out->n > 0;
}

