/*
 * clause.c - clause-level rules of event coding; see clause.h.
 */
#include "clause.h"

int att_comma_before(const char *text, const att_token *toks, size_t k)
{
    if (k == 0 || !toks[k].gap_before)
        return 0;
    for (size_t c = toks[k - 1].end; c < toks[k].start; c++)
        if (text[c] == ',' || text[c] == ';')
            return 1;
    return 0;
}

typedef struct frame_ctx {
    int kind;
    size_t want; /* exact length wanted, 0 = any */
    size_t len;  /* longest found */
} frame_ctx;

static int frame_cb(void *ctx, size_t len, const int *vals, size_t nv)
{
    frame_ctx *f = ctx;
    if (f->want && len != f->want)
        return 0;
    for (size_t k = 0; k < nv; k++)
        if (vals[k] == f->kind && len > f->len)
            f->len = len;
    return 0;
}

size_t att_frame_at(const att_lexicon *lx, const att_token *toks, size_t n, size_t i, att_frame_kind kind)
{
    if (i >= n || !toks[i].id || !att_trie_starts(lx->frames, toks[i].id))
        return 0;
    frame_ctx f = {(int)kind, 0, 0};
    att_trie_match_all(lx->frames, toks, n, i, 1, frame_cb, &f);
    return f.len;
}

size_t att_frame_before(const att_lexicon *lx, const att_token *toks, size_t lo, size_t k, att_frame_kind kind)
{
    for (size_t len = 1; len <= 4 && len <= k && k - len >= lo; len++) {
        size_t i = k - len;
        if (!toks[i].id || !att_trie_starts(lx->frames, toks[i].id))
            continue;
        frame_ctx f = {(int)kind, len, 0};
        att_trie_match_all(lx->frames, toks, k, i, 1, frame_cb, &f);
        if (f.len)
            return i + 1;
    }
    return 0;
}

/* Start of the clause holding token t0: the token after the last comma
 * before it, or s0. */
static size_t clause_start(const char *text, const att_token *toks, size_t s0, size_t t0)
{
    size_t k = t0;
    while (k > s0 && !att_comma_before(text, toks, k))
        k--;
    return k;
}

/* Does the noun phrase starting at token k open its clause or follow a
 * preposition or conjunction, rather than being the object of a verb
 * ("áp đặt các lệnh trừng phạt" imposes them)? */
static int not_an_object(const att_lexicon *lx, const char *text, const att_token *toks, size_t s0, size_t k)
{
    if (k == s0 || att_comma_before(text, toks, k))
        return 1;
    uint32_t p = toks[k - 1].id;
    const att_lex_words *w = &lx->w;
    return p && (p == w->ve || p == w->cua || p == w->trong || p == w->voi || p == w->va || p == w->khi ||
                 p == w->sau || p == w->do_ || p == w->tu || p == w->theo || p == w->vao);
}

att_not_event att_clause_not_event(const att_lexicon *lx, const char *text, const att_token *toks, size_t s0,
                                   size_t t0, size_t first_verb, size_t prev_end)
{
    /* "máy bay chiến đấu", "lực lượng hỗ trợ": the verb runs on from a
     * noun with no punctuation between */
    if (t0 > s0 && !toks[t0].gap_before && att_frame_before(lx, toks, s0, t0, ATT_FRAME_NOMINAL_HEAD))
        return ATT_NOT_EVENT_NOMINAL;
    /* "lời kêu gọi này", "sự ủng hộ": an event noun referred to */
    if (t0 > s0 && !toks[t0].gap_before && att_frame_before(lx, toks, s0, t0, ATT_FRAME_EVENT_NOUN))
        return ATT_NOT_EVENT_NOMINAL;
    size_t cs = clause_start(text, toks, s0, t0);
    /* "đã nhiều lần lên tiếng", "thường xuyên điều tàu ... để hỗ trợ": a
     * habit word anywhere before the verb in its clause */
    for (size_t k = t0; k > cs; k--)
        if (att_frame_before(lx, toks, cs, k, ATT_FRAME_HABITUAL))
            return ATT_NOT_EVENT_HABITUAL;
    /* "Các nhà phân tích cho rằng ...", "Theo giới quan sát, ...", "Động
     * thái này cho thấy ...": before the sentence's first event verb */
    size_t lim = first_verb < t0 ? first_verb : t0;
    for (size_t k = s0; k < lim; k++) {
        if (!toks[k].id || !att_trie_starts(lx->frames, toks[k].id))
            continue;
        size_t n = att_frame_at(lx, toks, lim, k, ATT_FRAME_ANALYSIS);
        if (n)
            return ATT_NOT_EVENT_ANALYSIS;
    }
    /* "Bình luận về việc A đưa tàu tới ..., X nhận định", "bày tỏ quan ngại
     * việc A tăng cường lực lượng": a clause nominalised by "việc" in a
     * fronted "về việc" topic or right after a verb of concern, demand or
     * criticism (prev_end) is what is spoken about */
    for (size_t k = cs; k < t0; k++)
        if (toks[k].id == lx->w.viec && k > s0 &&
            ((toks[k - 1].id == lx->w.ve && k <= s0 + 3 && cs == s0) || (prev_end && prev_end == k)))
            return ATT_NOT_EVENT_CONTENT;
    /* "Ông X cho rằng A chưa hợp tác với B", "cho phép A gặp B": what is
     * believed or allowed, in the same clause */
    for (size_t k = cs; k < t0; k++)
        if (att_frame_at(lx, toks, t0, k, ATT_FRAME_OPINION))
            return ATT_NOT_EVENT_ANALYSIS;
    /* "hai nước đã cho thấy ...", "A dường như ...": interpretation */
    for (size_t k = cs; k < t0; k++)
        if (att_frame_at(lx, toks, t0, k, ATT_FRAME_ANALYSIS_VERB))
            return ATT_NOT_EVENT_ANALYSIS;
    /* "các lệnh trừng phạt", "những cuộc tấn công": an aggregate */
    size_t cl = att_frame_before(lx, toks, s0, t0, ATT_FRAME_CLASSIFIER);
    size_t pl = cl && cl - 1 > s0 ? att_frame_before(lx, toks, s0, cl - 1, ATT_FRAME_EVENT_NOUN) : 0;
    /* ... "một trong những đợt tấn công" is one of them */
    int one_of = pl && pl - 1 >= s0 + 2 && toks[pl - 2].id == lx->w.trong && toks[pl - 3].id == lx->w.mot;
    if (pl && !one_of && not_an_object(lx, text, toks, s0, pl - 1))
        return ATT_NOT_EVENT_AGGREGATE;
    /* "trong bối cảnh A tăng cường ...": up to the next comma */
    for (size_t k = cs; k < t0; k++)
        if (att_frame_at(lx, toks, t0, k, ATT_FRAME_BACKGROUND))
            return ATT_NOT_EVENT_BACKGROUND;
    /* "Quan hệ giữa A và B tiếp tục căng thẳng ...": a sentence whose
     * subject is a relationship describes a state, to its end */
    size_t rel = s0;
    size_t n = att_frame_at(lx, toks, t0, s0, ATT_FRAME_RELATION);
    if (!n && cs > s0) {
        rel = cs;
        n = att_frame_at(lx, toks, t0, cs, ATT_FRAME_RELATION);
    }
    /* ... but "sau khi A tấn công B", "sau vụ đụng độ" in it is an act */
    for (size_t k = rel + n; n && k < t0; k++)
        if (toks[k].id == lx->w.khi || toks[k].id == lx->w.sau)
            n = 0;
    if (n)
        return ATT_NOT_EVENT_RELATION;
    return ATT_NOT_EVENT_NO;
}
