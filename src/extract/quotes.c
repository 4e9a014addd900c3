/* quotes.c - direct quotes and reported speech in a paragraph; see quotes.h.
 *
 * Steps: (1) pair the quote marks (a stack; only outermost pairs count);
 * (2) split sentences, never inside a pair; (3) tokenize once with a private
 * vocabulary whose trie holds the speech verbs and the function words the
 * rules look at; (4) per sentence, attribute each pair, then look for one
 * reported-speech span; (5) keep long unattributed quotes unless they lie
 * inside a reported span.
 *
 * This file owns steps (4) and (5) and the entry points; the word lists
 * are in quotes_words.c, steps (1) and (2) in quotes_marks.c, finding the
 * speaker of a verb and the introducers in quotes_speakers.c (shared
 * declarations: quotes_priv.h).  Errors: ATT_ERR_USAGE for bad arguments,
 * ATT_ERR_TOOBIG for a paragraph of 4 GiB or more, ATT_ERR_NOMEM; on error
 * nothing is returned. */
#include "quotes.h"
#include "quotes_int.h"
#include "quotes_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../segment/tokens.h"

/* ---- one sentence ------------------------------------------------------- */

/* End of reported content [cs, ce) cut before the first attributed direct
 * quote inside it (before its speech verb when that is inside too), with
 * the joining punctuation and a trailing "và" dropped:
 * "X cho biết A và nhấn mạnh: “B”" -> "A". */
static size_t cut_before_quotes(const ctx *c, const sentence *se, const cand *cands, size_t nc, size_t cs,
                                size_t ce)
{
    for (size_t k = 0; k < nc; k++) {
        const cand *cd = &cands[k];
        size_t open = c->pairs[cd->pair].open;
        if (cd->intro == I_NONE || cd->ntok == 0 || open < cs || open >= ce)
            continue;
        ce = cd->intro_pos >= cs && cd->intro_pos < open ? cd->intro_pos : open;
    }
    while (ce > cs) {
        size_t a = cs, b = ce;
        att_qt_trim_span(c->s, &a, &b);
        ce = b;
        if (ce > cs && strchr(",:;-", c->s[ce - 1]))
            ce--;
        else
            break;
    }
    for (size_t k = se->t1; k-- > se->t0;) {
        if (c->tk[k].end > ce)
            continue;
        if (c->tk[k].start >= cs && att_qt_phrase_is(c, k, 1, K_CONJ)) {
            size_t a = cs;
            ce = c->tk[k].start;
            att_qt_trim_span(c->s, &a, &ce);
        }
        break;
    }
    return ce;
}

/* Is the unattributed pair q a scare quote or a quoted name rather than a
 * quotation?  1-4 syllables; a name after "cuốn sách", "chiến dịch" ...; or
 * up to 8 syllables with no punctuation inside (a phrase, not a sentence:
 * “mọi dữ liệu cá nhân”, "Quân đội Kachin độc lập"). */
static int scare_quote(const ctx *c, const sentence *se, const qpair *q, size_t ntok)
{
    if (ntok <= 4)
        return 1;
    size_t tb = se->t1;
    for (size_t t = se->t0; t < se->t1 && c->tk[t].end <= q->open; t++)
        tb = t;
    if (tb < se->t1 && c->tok_pair[tb] < 0 && att_qt_gap_only(c, c->tk[tb].end, q->open, "") &&
        att_qt_phrase_ending(c, tb, se->t0, K_TITLE))
        return 1;
    if (ntok > 8)
        return 0;
    size_t a = q->open_end, b = q->close;
    att_qt_trim_span(c->s, &a, &b);
    for (size_t i = a; i < b; i++)
        if (strchr(".,;:!?", c->s[i]) || att_qt_terminal_at(c->s, b, i))
            return 0;
    return 1;
}

static att_status do_sentence(ctx *c, size_t si, cand *cands, size_t *ncand_total)
{
    const sentence *se = &c->sents[si];
    size_t first = *ncand_total, nc = 0;
    size_t theo_after = 0;
    long theo_speaker = -1;
    int theo = att_qt_theo_form(c, se, &theo_after, &theo_speaker);

    /* direct quotes whose opening mark is in this sentence */
    for (size_t p = 0; p < c->np; p++) {
        const qpair *q = &c->pairs[p];
        if (q->open < se->start || q->open >= se->end)
            continue;
        cand *cd = &cands[first + nc++];
        *cd = (cand){p, att_qt_words_in(c, q->open_end, q->close), I_NONE, -1, q->open};
        cd->intro = att_qt_pre_posed(c, se, q, &cd->speaker, &cd->intro_pos);
        if (cd->intro == I_NONE && theo && theo_after == q->open) {
            cd->intro = I_THEO;
            cd->speaker = theo_speaker;
        }
        if (cd->intro == I_NONE)
            cd->intro = att_qt_post_posed(c, si, q, &cd->speaker);
        /* "“một trận Trân Châu Cảng thứ hai”, theo ý đồ của ..." */
        if (cd->intro == I_POST_THEO && scare_quote(c, se, q, cd->ntok)) {
            cd->intro = I_NONE;
            cd->speaker = -1;
        }
    }
    *ncand_total = first + nc;

    /* reported speech: the first usable speech verb (none in a question:
     * "xin Đại sứ cho biết ...?") */
    size_t rep_a = 0, rep_b = 0;
    int reported = 0;
    long rep_speaker = -1;
    int question = 0;
    {
        size_t a = se->start, b = se->end;
        att_qt_trim_span(c->s, &a, &b);
        question = b > a && c->s[b - 1] == '?';
    }
    for (size_t t = se->t0; t < se->t1 && !reported && !question; t++) {
        if (c->tok_pair[t] >= 0 || c->consumed[t])
            continue;
        int flags = 0, intro;
        size_t m = att_qt_verb_at(c, t, &flags);
        if (!m || (flags & VF_QUOTING) || !att_qt_verb_ok(c, se, t, m, 1)) {
            if (m)
                t += m - 1;
            continue;
        }
        if (theo && c->tk[t].start > theo_after) {
            /* "Theo X, ông Y cho biết ..." names the speaker after the comma;
             * a verb in a subordinate clause of the content ("Theo X, A để
             * B, khi C tuyên bố D") belongs to the content */
            size_t k = t;
            while (k > se->t0 && c->tk[k - 1].start >= theo_after && !att_qt_comma_before(c, k))
                k--;
            if (att_qt_phrase_is(c, k, 1, K_SUB) || att_qt_phrase_is(c, k, 2, K_SUB))
                break;
        }
        size_t cs;
        size_t cl = t; /* start of the verb's clause */
        while (cl > se->t0 && !(c->tk[cl].gap_before && att_qt_gap_has(c, c->tk[cl - 1].end, c->tk[cl].start, ',')))
            cl--;
        if (att_qt_phrase_is(c, cl, 1, K_NHU)) {
            /* "(Tuy nhiên,) như X đã lưu ý (trong ...), content" */
            size_t j = t + m;
            while (j < se->t1 && c->tok_pair[j] < 0 && !att_qt_comma_before(c, j))
                j++;
            if (j >= se->t1 || c->tok_pair[j] >= 0 || c->tok_pair[j - 1] >= 0)
                continue;
            cs = c->tk[j].start;
            while (cs > c->tk[j - 1].end && c->s[cs - 1] != ',')
                cs--;
            intro = 1;
        } else {
            cs = att_qt_content_start(c, se, t, m, &intro);
        }
        if ((flags & VF_NEEDS_INTRO) && !intro)
            continue;
        if ((flags & VF_SOURCE) && !theo) {
            /* "Reuters đưa tin, hải quân Indonesia thông báo ...": a speech
             * verb in the main clause of the content is preferred */
            theo = 1;
            theo_after = cs;
            theo_speaker = att_qt_subject_of(c, se, t);
            t += m - 1;
            continue;
        }
        /* the content is a direct quote: this verb introduces it */
        int direct_pair = 0;
        for (size_t k = first; k < first + nc; k++) {
            cand *cd = &cands[k];
            if (c->pairs[cd->pair].open == cs && cd->intro == I_NONE) {
                cd->intro = I_VERB;
                cd->speaker = att_qt_subject_of(c, se, t);
                cd->intro_pos = c->tk[t].start;
                direct_pair = 1;
            } else if (c->pairs[cd->pair].open == cs) {
                direct_pair = 1;
            }
        }
        if (direct_pair) {
            for (size_t k = t; k < t + m; k++)
                c->consumed[k] = 1;
            t += m - 1;
            continue;
        }
        /* "content, ông X cho biết." - the attribution closes the sentence;
         * "content, X, chuyên gia của Y, cho biết." - with an appositive */
        size_t subj = cl;
        if (subj == t && subj > se->t0) {
            subj = t - 1;
            while (subj > se->t0 && !att_qt_comma_before(c, subj))
                subj--;
            if (subj > se->t0) {
                subj--;
                while (subj > se->t0 && !att_qt_comma_before(c, subj))
                    subj--;
            }
        }
        if (subj > se->t0 && c->tok_pair[subj] < 0 && t - subj <= 20 && !att_qt_phrase_is(c, cl, 1, K_NHU) &&
            att_qt_verb_ends_sentence(c, se, t + m)) {
            cl = subj;
            size_t comma = c->tk[cl].start;
            while (comma > c->tk[cl - 1].end && c->s[comma - 1] != ',')
                comma--;
            comma--; /* the comma itself */
            size_t a = att_qt_skip_blanks(c->s, c->len, se->start);
            int quoted = 0;
            for (size_t k = first; k < first + nc; k++) {
                cand *cd = &cands[k];
                if (c->pairs[cd->pair].open == a && c->pairs[cd->pair].close_end <= comma + 1) {
                    if (cd->intro == I_NONE) {
                        cd->intro = I_POST;
                        cd->speaker = att_qt_subject_in(c, se, t, c->pairs[cd->pair].close_end);
                    }
                    quoted = 1;
                }
            }
            if (quoted) {
                for (size_t k = t; k < t + m; k++)
                    c->consumed[k] = 1;
                t += m - 1;
                continue;
            }
            if (att_qt_words_in(c, a, comma) >= 3) {
                rep_a = a;
                rep_b = comma;
                rep_speaker = att_qt_subject_in(c, se, t, comma);
                reported = 1;
                break;
            }
            continue;
        }
        size_t ce = cut_before_quotes(c, se, cands + first, nc, cs, att_qt_content_end(c, se));
        if (ce <= cs || att_qt_words_in(c, cs, ce) < 3)
            continue;
        rep_a = cs;
        rep_b = ce;
        rep_speaker = att_qt_subject_of(c, se, t);
        reported = 1;
    }
    if (!reported && theo && !question) {
        int is_pair = 0;
        for (size_t k = first; k < first + nc; k++)
            if (c->pairs[cands[k].pair].open == theo_after)
                is_pair = 1;
        size_t ce = att_qt_content_end(c, se);
        if (!is_pair && ce > theo_after && att_qt_words_in(c, theo_after, ce) >= 3) {
            rep_a = theo_after;
            rep_b = ce;
            rep_speaker = theo_speaker;
            reported = 1;
        }
    }
    if (reported) { /* never overlap a direct quote (e.g. one attributed after it) */
        rep_b = cut_before_quotes(c, se, cands + first, nc, rep_a, rep_b);
        if (rep_b <= rep_a || att_qt_words_in(c, rep_a, rep_b) < 3)
            reported = 0;
    }
    if (reported && att_qt_emit(c, rep_a, rep_b, se, rep_speaker, 0) != ATT_OK)
        return ATT_ERR_NOMEM;

    for (size_t k = first; k < first + nc; k++) {
        const cand *cd = &cands[k];
        const qpair *q = &c->pairs[cd->pair];
        if (cd->ntok == 0)
            continue;
        if (cd->intro == I_NONE) {
            if (scare_quote(c, se, q, cd->ntok))
                continue;
            if (reported && q->open >= rep_a && q->open < rep_b)
                continue; /* part of the reported speech */
        }
        if (att_qt_emit(c, q->open_end, q->close, se, cd->intro == I_NONE ? -1 : cd->speaker, 1) != ATT_OK)
            return ATT_ERR_NOMEM;
    }
    return ATT_OK;
}

static int cmp_quote(const void *a, const void *b)
{
    const att_quote *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Steps (1)-(5) over the tokens of para. */
static att_status find_quotes(const char *para, size_t len, const att_token *tk, size_t nt,
                              const att_speaker_span *speakers, size_t n_speakers, att_quote **out, size_t *n)
{
    att_status st = ATT_ERR_NOMEM;
    ctx c = {0};
    c.s = para;
    c.len = len;
    c.sp = speakers;
    c.nsp = n_speakers;
    cand *cands = NULL;
    c.tk = tk;
    c.nt = nt;
    if (att_qt_find_pairs(&c) != ATT_OK)
        goto out;
    c.tok_pair = malloc((c.nt ? c.nt : 1) * sizeof *c.tok_pair);
    c.consumed = calloc(c.nt ? c.nt : 1, 1);
    c.sp_ok = malloc(n_speakers ? n_speakers : 1);
    cands = malloc((c.np ? c.np : 1) * sizeof *cands);
    if (!c.tok_pair || !c.consumed || !c.sp_ok || !cands)
        goto out;
    for (size_t t = 0, p = 0; t < c.nt; t++) {
        while (p < c.np && c.pairs[p].close_end <= c.tk[t].start)
            p++;
        c.tok_pair[t] = p < c.np && c.pairs[p].open <= c.tk[t].start ? (long)p : -1;
    }
    for (size_t k = 0; k < n_speakers; k++) {
        c.sp_ok[k] = speakers[k].start < speakers[k].end && speakers[k].end <= len;
        for (size_t p = 0; p < c.np && c.sp_ok[k]; p++)
            if (speakers[k].start >= c.pairs[p].open && speakers[k].end <= c.pairs[p].close_end)
                c.sp_ok[k] = 0;
    }
    if (att_qt_split_sentences(&c) != ATT_OK)
        goto out;
    size_t ncand = 0;
    for (size_t si = 0; si < c.ns; si++)
        if (do_sentence(&c, si, cands, &ncand) != ATT_OK)
            goto out;
    if (c.nout > 1)
        qsort(c.out, c.nout, sizeof *c.out, cmp_quote);
    /* the rules keep quotations apart; should two still overlap, the
     * reported one gives way to the direct one (or the later to the earlier) */
    size_t k = 0;
    for (size_t i = 0; i < c.nout; i++) {
        if (k && c.out[i].start < c.out[k - 1].end) {
            if (c.out[i].direct && !c.out[k - 1].direct)
                c.out[k - 1] = c.out[i];
            continue;
        }
        c.out[k++] = c.out[i];
    }
    c.nout = k;
    *out = c.out;
    *n = c.nout;
    c.out = NULL;
    st = ATT_OK;
out:
    free(c.out);
    free(c.pairs);
    free(c.sents);
    free(c.tok_pair);
    free(c.consumed);
    free(c.sp_ok);
    free(cands);
    return st;
}

/* The checks both entry points make; ATT_OK with *go 0 means "nothing to
 * find" (an empty paragraph). */
static att_status check_args(const char *para, size_t len, const att_speaker_span *speakers, size_t n_speakers,
                             att_quote **out, size_t *n, int *go)
{
    *go = 0;
    if (!out || !n)
        return ATT_ERR_USAGE;
    *out = NULL;
    *n = 0;
    if ((!para && len) || (!speakers && n_speakers))
        return ATT_ERR_USAGE;
    if (len >= UINT32_MAX)
        return ATT_ERR_TOOBIG;
    if (!att_quotes_vocab())
        return ATT_ERR_NOMEM;
    *go = len > 0;
    return ATT_OK;
}

att_status att_find_quotes(const char *para, size_t len, const att_speaker_span *speakers, size_t n_speakers,
                           att_quote **out, size_t *n)
{
    int go;
    att_status st = check_args(para, len, speakers, n_speakers, out, n, &go);
    if (st != ATT_OK || !go)
        return st;
    att_tokens toks = {0};
    st = att_tokenize(att_quotes_vocab(), para, len, &toks);
    if (st == ATT_OK)
        st = find_quotes(para, len, toks.v, toks.n, speakers, n_speakers, out, n);
    att_tokens_free(&toks);
    return st;
}

att_status att_find_quotes_tokens(const char *para, size_t len, const att_token *toks, size_t nt,
                                  const att_speaker_span *speakers, size_t n_speakers, att_quote **out,
                                  size_t *n)
{
    int go;
    att_status st = check_args(para, len, speakers, n_speakers, out, n, &go);
    if (st != ATT_OK || !go)
        return st;
    if (!toks && nt)
        return ATT_ERR_USAGE;
    return find_quotes(para, len, toks, nt, speakers, n_speakers, out, n);
}
