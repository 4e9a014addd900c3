/* quotes_speakers.c - who speaks and what introduces a quotation: the
 * subject of a speech verb (a speaker span, or a pronoun's antecedent),
 * where the reported content starts and ends, the attributions before and
 * after a pair of marks ("X nói: “...”", "“...”, X nói", "Theo X, ..."),
 * and appending a quotation to the output; see quotes_priv.h.  Only
 * att_qt_emit() can fail (ATT_ERR_NOMEM). */
#include "quotes_priv.h"

#include <stdlib.h>
#include <string.h>

/* ---- speakers ----------------------------------------------------------- */

/* Span in [lo, hi) closest to hi (latest end; the longer one on ties). */
static long closest_before(const ctx *c, size_t lo, size_t hi)
{
    long best = -1;
    for (size_t k = 0; k < c->nsp; k++) {
        const att_speaker_span *p = &c->sp[k];
        if (!c->sp_ok[k] || p->start < lo || p->end > hi)
            continue;
        if (best < 0 || p->end > c->sp[best].end || (p->end == c->sp[best].end && p->start < c->sp[best].start))
            best = (long)k;
    }
    return best;
}

/* Antecedent of a pronoun at byte pos in the sentence starting at sent:
 * the speaker of the latest quotation found before it in the paragraph
 * (speaker continuity: "Ông X cho biết ... Ông nói thêm ..."), else the
 * nearest span in earlier sentences, else earlier in this one. */
static long antecedent(const ctx *c, size_t sent, size_t pos)
{
    long k = -1;
    size_t at = 0;
    for (size_t i = 0; i < c->nout; i++)
        if (c->out[i].speaker >= 0 && c->out[i].start < pos && (k < 0 || c->out[i].start >= at)) {
            k = c->out[i].speaker;
            at = c->out[i].start;
        }
    if (k >= 0)
        return k;
    k = closest_before(c, 0, sent);
    return k >= 0 ? k : closest_before(c, sent, pos);
}

/* Speaker of a speech verb at token vt: its subject, a span from byte lo
 * on (or a pronoun's antecedent). */
long att_qt_subject_in(const ctx *c, const sentence *se, size_t vt, size_t lo)
{
    size_t p = vt, l;
    while (p > se->t0 && c->tok_pair[p - 1] < 0 && !c->tk[p].gap_before &&
           (l = att_qt_phrase_ending(c, p - 1, se->t0, K_ADV)))
        p -= l;
    /* "X cho biết ... và nhấn mạnh": the subject of the earlier verb */
    if (p > se->t0 && c->tok_pair[p - 1] < 0 && (l = att_qt_phrase_ending(c, p - 1, se->t0, K_CONJ))) {
        for (size_t t = p - l; t-- > se->t0;) {
            if (c->tok_pair[t] >= 0)
                continue;
            size_t m = att_qt_verb_at(c, t, NULL);
            if (m && t + m <= p - l && att_qt_verb_ok(c, se, t, m, 1))
                return att_qt_subject_in(c, se, t, lo);
        }
    }
    if (p > se->t0 && c->tok_pair[p - 1] < 0 && !c->tk[p].gap_before &&
        (l = att_qt_phrase_ending(c, p - 1, se->t0, K_PRON)))
        return antecedent(c, se->start, c->tk[p - l].start);
    /* "X, chuyên gia của viện Y, cho biết": the subject is before the
     * appositive */
    if (vt > se->t0 && c->tk[vt].gap_before && att_qt_gap_has(c, c->tk[vt - 1].end, c->tk[vt].start, ',')) {
        for (size_t k = vt - 1; k > se->t0; k--) {
            if (c->tok_pair[k] >= 0)
                break;
            if (c->tk[k].gap_before && att_qt_gap_has(c, c->tk[k - 1].end, c->tk[k].start, ',')) {
                long sp = closest_before(c, lo, c->tk[k - 1].end);
                if (sp >= 0)
                    return sp;
                break;
            }
        }
    }
    return closest_before(c, lo, c->tk[vt].start);
}

long att_qt_subject_of(const ctx *c, const sentence *se, size_t vt) { return att_qt_subject_in(c, se, vt, se->start); }

/* Is token k preceded by a comma? */
int att_qt_comma_before(const ctx *c, size_t k)
{
    return k > 0 && c->tk[k].gap_before && att_qt_gap_has(c, c->tk[k - 1].end, c->tk[k].start, ',');
}

/* May the verb ending before token k close its sentence?  Nothing, "thêm",
 * "như vậy", or a short prepositional phrase ("trong cuộc họp báo") after. */
int att_qt_verb_ends_sentence(const ctx *c, const sentence *se, size_t k)
{
    if (k >= se->t1)
        return 1;
    if (c->tok_pair[k] >= 0 || c->tk[k].gap_before)
        return 0;
    if (att_qt_phrase_is(c, k, se->t1 - k, K_TAIL))
        return 1;
    if (!att_qt_phrase_is(c, k, 1, K_PREP) || se->t1 - k > 8)
        return 0;
    for (size_t j = k; j < se->t1; j++)
        if (c->tok_pair[j] >= 0 || att_qt_verb_at(c, j, NULL) || att_qt_phrase_is(c, j, 1, K_RANG))
            return 0;
    return 1;
}

/* ---- output ------------------------------------------------------------- */

att_status att_qt_emit(ctx *c, size_t a, size_t b, const sentence *se, long speaker, int direct)
{
    att_qt_trim_span(c->s, &a, &b);
    if (b <= a)
        return ATT_OK;
    if (c->nout == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        att_quote *n = realloc(c->out, nc * sizeof *n);
        if (!n)
            return ATT_ERR_NOMEM;
        c->out = n;
        c->cap = nc;
    }
    size_t ss = se->start, send = se->end;
    att_qt_trim_span(c->s, &ss, &send);
    c->out[c->nout++] = (att_quote){a, b, ss, send, speaker, direct};
    return ATT_OK;
}

/* End of a sentence's content: trailing blanks and final punctuation off. */
size_t att_qt_content_end(const ctx *c, const sentence *se)
{
    size_t a = se->start, b = se->end;
    for (;;) {
        att_qt_trim_span(c->s, &a, &b);
        if (b > a && (c->s[b - 1] == '.' || c->s[b - 1] == '!' || c->s[b - 1] == '?' || c->s[b - 1] == ';' ||
                      c->s[b - 1] == ','))
            b--;
        else if (b >= a + 3 && (unsigned char)c->s[b - 3] == 0xE2 && (unsigned char)c->s[b - 2] == 0x80 &&
                 (unsigned char)c->s[b - 1] == 0xA6)
            b -= 3;
        else
            return b;
    }
}

/* Index of the first token starting at or after x (binary search: the
 * tokens are in text order and do not overlap, so starts and ends both
 * increase). */
static size_t first_start_at(const ctx *c, size_t x)
{
    size_t lo = 0, hi = c->nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->tk[mid].start >= x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Index of the first token ending after x. */
static size_t first_end_after(const ctx *c, size_t x)
{
    size_t lo = 0, hi = c->nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->tk[mid].end > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Number of tokens inside [a, b): with both fields increasing they are
 * one run, from the first starting at a to the last ending by b. */
size_t att_qt_words_in(const ctx *c, size_t a, size_t b)
{
    size_t lo = first_start_at(c, a), hi = first_end_after(c, b);
    return hi > lo ? hi - lo : 0;
}

/* ---- introducers -------------------------------------------------------- */

/* Where the content after the verb [t, t+m) begins: after "thêm", "rằng",
 * a colon, or "với/trước/... X rằng|:".  *intro: rằng/colon/comma seen. */
size_t att_qt_content_start(const ctx *c, const sentence *se, size_t t, size_t m, int *intro)
{
    size_t k = t + m, p = c->tk[t + m - 1].end;
    *intro = 0;
    size_t next = k < se->t1 ? c->tk[k].start : se->end;
    if (att_qt_gap_has(c, p, next, ':') || att_qt_gap_has(c, p, next, ',')) {
        *intro = 1;
        goto done;
    }
    if (k < se->t1 && !c->tk[k].gap_before && c->tok_pair[k] < 0 && att_qt_phrase_is(c, k, 1, K_THEM)) {
        p = c->tk[k].end;
        k++;
        next = k < se->t1 ? c->tk[k].start : se->end;
        if (att_qt_gap_has(c, p, next, ':') || att_qt_gap_has(c, p, next, ',')) {
            *intro = 1;
            goto done;
        }
    }
    if (k < se->t1 && !c->tk[k].gap_before && c->tok_pair[k] < 0) {
        if (att_qt_phrase_is(c, k, 1, K_RANG)) {
            *intro = 1;
            p = c->tk[k].end;
        } else if (att_qt_phrase_is(c, k, 1, K_PREP)) {
            for (size_t j = k + 1; j < se->t1 && j <= k + 10 && c->tok_pair[j] < 0; j++) {
                if (c->tk[j].gap_before) {
                    if (att_qt_gap_has(c, c->tk[j - 1].end, c->tk[j].start, ':')) {
                        *intro = 1;
                        p = c->tk[j - 1].end;
                    }
                    break;
                }
                if (att_qt_phrase_is(c, j, 1, K_RANG)) {
                    *intro = 1;
                    p = c->tk[j].end;
                    break;
                }
                if (att_qt_verb_at(c, j, NULL))
                    break;
            }
        }
    }
done:
    while (p < c->len) {
        size_t bl = att_qt_blank_at(c->s, c->len, p);
        if (bl)
            p += bl;
        else if (c->s[p] == ':' || c->s[p] == ',')
            p++;
        else
            break;
    }
    return p;
}

/* "Theo X, ..." at the start of sentence se (optionally after a short lead
 * such as "Tuy nhiên,").  Fills the byte after the comma and the speaker. */
int att_qt_theo_form(const ctx *c, const sentence *se, size_t *after_comma, long *speaker)
{
    for (size_t t = se->t0; t < se->t1 && t < se->t0 + 4; t++) {
        if (c->tok_pair[t] >= 0)
            return 0;
        if (t > se->t0 && !(c->tk[t].gap_before && att_qt_gap_has(c, c->tk[t - 1].end, c->tk[t].start, ',')))
            continue;
        const int *vals;
        size_t nv;
        size_t m = att_qt_longest(c, t, &vals, &nv);
        if (!m || !att_qt_has_kind(vals, nv, K_THEO, NULL))
            continue;
        for (size_t j = t + 1; j < se->t1 && j <= t + 21; j++) {
            if (c->tok_pair[j - 1] >= 0 && j - 1 > t)
                return 0;
            if (!c->tk[j].gap_before)
                continue;
            size_t a = c->tk[j - 1].end, b = c->tk[j].start;
            if (!att_qt_gap_has(c, a, b, ',')) {
                if (!att_qt_gap_only(c, a, b, "()[]/-&'"))
                    return 0;
                continue;
            }
            if (j == t + 1)
                return 0;
            size_t comma = a;
            while (c->s[comma] != ',')
                comma++;
            if (c->tok_pair[j] >= 0 && c->pairs[c->tok_pair[j]].open < comma)
                return 0; /* the comma is inside quote marks */
            *after_comma = att_qt_skip_blanks(c->s, c->len, comma + 1);
            size_t nx = j - t - 1;
            if (att_qt_phrase_is(c, t + 1, nx, K_PRON))
                *speaker = antecedent(c, se->start, c->tk[t + 1].start);
            else
                *speaker = closest_before(c, c->tk[t].end, comma);
            return 1;
        }
        return 0;
    }
    return 0;
}

/* Attribution after the closing mark of pair q: "“...”, ông X nói",
 * "“...” - X cho biết", "“...”, theo X" (I_POST_THEO), or a next sentence
 * that is just "Ông X nói."  Returns the intro found. */
enum intro att_qt_post_posed(ctx *c, size_t si, const qpair *q, long *speaker)
{
    const sentence *se = &c->sents[si];
    size_t t = se->t0;
    while (t < se->t1 && c->tk[t].start < q->close_end)
        t++;
    int next_sentence = 0;
    if (t >= se->t1) {
        /* the quote ends the sentence: accept a following short sentence
         * that ends with the verb */
        if (si + 1 >= c->ns || !att_qt_gap_only(c, q->close_end, c->sents[si + 1].start, ""))
            return 0;
        se = &c->sents[si + 1];
        t = se->t0;
        if (t >= se->t1 || se->t1 - se->t0 > 8)
            return 0;
        next_sentence = 1;
    }
    if (!att_qt_gap_only(c, q->close_end, c->tk[t].start, next_sentence ? "" : ",-"))
        return 0;
    if (!next_sentence && att_qt_gap_only(c, q->close_end, c->tk[t].start, "")) {
        /* no comma or dash after the mark: only "“...,” ông X nói" */
        size_t a = q->open_end, b = q->close;
        att_qt_trim_span(c->s, &a, &b);
        if (b == a || c->s[b - 1] != ',')
            return 0;
    }
    size_t t0 = t;
    const int *vals;
    size_t nv;
    size_t m = att_qt_longest(c, t0, &vals, &nv);
    if (!next_sentence && m && att_qt_has_kind(vals, nv, K_THEO, NULL)) {
        size_t e = t0 + 1;
        while (e < se->t1 && !c->tk[e].gap_before)
            e++;
        *speaker = closest_before(c, c->tk[t0].end, c->tk[e - 1].end);
        return I_POST_THEO;
    }
    size_t seg_end = 0; /* end of the first comma-separated segment */
    for (size_t j = t0; j < se->t1 && j < t0 + 20; j++) {
        if (c->tok_pair[j] >= 0)
            return 0;
        if (j > t0 && c->tk[j].gap_before) {
            /* "“...”, báo X (SCMP) dẫn lời ...": a parenthesis is no break */
            if (!att_qt_gap_only(c, c->tk[j - 1].end, c->tk[j].start, ",()"))
                return 0;
            if (!seg_end && !att_qt_gap_only(c, c->tk[j - 1].end, c->tk[j].start, "()"))
                seg_end = c->tk[j - 1].end;
        }
        int flags = 0;
        size_t vm = att_qt_verb_at(c, j, &flags);
        if (!vm || !att_qt_verb_ok(c, se, j, vm, 0))
            continue;
        size_t after = j + vm;
        /* a verb with content of its own ("..., còn ông Y nói rằng ...",
         * "..., đồng thời kêu gọi Nga ...") starts new speech rather than
         * attributing this quote: an attribution has a subject and ends
         * its clause (nothing, or "thêm", "với AFP", "hôm 5/6", "và ...") */
        if (j == t0 || att_qt_phrase_is(c, t0, 1, K_CONJ))
            return 0;
        if (!(flags & VF_QUOTING) && after < se->t1 && c->tok_pair[after] < 0 && !c->tk[after].gap_before &&
            !att_qt_phrase_is(c, after, 1, K_PREP) && !att_qt_phrase_is(c, after, 1, K_TAIL) &&
            !att_qt_phrase_is(c, after, 1, K_CONJ) && !att_qt_phrase_is(c, after, 1, K_TIME))
            return 0;
        if (after < se->t1 && c->tok_pair[after] < 0 &&
            att_qt_gap_has(c, c->tk[after - 1].end, c->tk[after].start, ':'))
            return 0;
        if (next_sentence) {
            /* nothing but "thêm"/"như vậy" may follow */
            size_t rest = se->t1 - (j + vm);
            if (rest && !att_qt_phrase_is(c, j + vm, rest, K_TAIL))
                return 0;
        }
        if (flags & VF_QUOTING) { /* "“...”, Reuters dẫn lời ông X." */
            size_t e = after;
            while (e < se->t1 && !c->tk[e].gap_before && c->tok_pair[e] < 0)
                e++;
            *speaker = e > after ? closest_before(c, c->tk[after - 1].end, c->tk[e - 1].end) : -1;
        } else {
            /* "“...”, Faith Doherty, người đứng đầu tổ chức Y, cho biết" */
            size_t lo = next_sentence ? se->start : q->close_end;
            *speaker = seg_end ? closest_before(c, lo, seg_end) : -1;
            if (*speaker < 0)
                *speaker = closest_before(c, lo, c->tk[j].start);
        }
        if (*speaker < 0 && !(flags & VF_QUOTING) && j > t0 && att_qt_phrase_is(c, t0, j - t0, K_PRON))
            *speaker = antecedent(c, c->sents[si].start, q->open);
        for (size_t k = j; k < j + vm; k++)
            c->consumed[k] = 1;
        return I_POST;
    }
    return I_NONE;
}

/* Attribution before the opening mark of pair q (verb, colon or Theo). */
enum intro att_qt_pre_posed(ctx *c, const sentence *se, const qpair *q, long *speaker, size_t *intro_pos)
{
    size_t tb = se->t1;
    for (size_t t = se->t0; t < se->t1 && c->tk[t].end <= q->open; t++)
        tb = t;
    if (tb == se->t1 || c->tok_pair[tb] >= 0)
        return I_NONE;
    if (!att_qt_gap_only(c, c->tk[tb].end, q->open, ":,"))
        return I_NONE;
    int colon = att_qt_gap_has(c, c->tk[tb].end, q->open, ':');
    size_t tv = tb;
    if (tv > se->t0 && att_qt_phrase_is(c, tv, 1, K_RANG) && !c->tk[tv].gap_before)
        tv--;
    if (tv > se->t0 && att_qt_phrase_is(c, tv, 1, K_THEM) && !c->tk[tv].gap_before)
        tv--;
    for (size_t l = 3; l >= 1; l--) {
        if (tv + 1 < se->t0 + l)
            continue;
        size_t st = tv + 1 - l;
        int flags = 0;
        size_t m = att_qt_verb_at(c, st, &flags);
        if (m == l && !(flags & VF_QUOTING) && att_qt_verb_ok(c, se, st, m, 1)) {
            *speaker = att_qt_subject_of(c, se, st);
            *intro_pos = c->tk[st].start;
            for (size_t k = st; k < st + m; k++)
                c->consumed[k] = 1;
            return I_VERB;
        }
    }
    if (!colon)
        return I_NONE;
    /* "X nói với báo giới: “...”": the nearest verb before the colon */
    for (size_t t = tb + 1; t-- > se->t0;) {
        if (c->tok_pair[t] >= 0)
            break;
        int flags = 0;
        size_t m = att_qt_verb_at(c, t, &flags);
        if (m && t + m <= tb + 1 && !c->consumed[t] && att_qt_verb_ok(c, se, t, m, 1)) {
            /* "Reuters dẫn lời ông X: “...”" names the speaker after the verb */
            *speaker = (flags & VF_QUOTING) ? closest_before(c, c->tk[t + m - 1].end, c->tk[tb].end)
                                            : att_qt_subject_of(c, se, t);
            *intro_pos = c->tk[t].start;
            for (size_t k = t; k < t + m; k++)
                c->consumed[k] = 1;
            return I_VERB;
        }
    }
    /* "X: “...”" */
    size_t l = att_qt_phrase_ending(c, tb, se->t0, K_PRON);
    if (l && (tb + 1 - l == se->t0 || c->tk[tb + 1 - l].gap_before))
        *speaker = antecedent(c, se->start, c->tk[tb + 1 - l].start);
    else
        *speaker = closest_before(c, se->start, c->tk[tb].end);
    *intro_pos = q->open;
    return I_COLON;
}
