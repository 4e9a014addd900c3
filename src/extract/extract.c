/*
 * extract.c - per-article extraction: tokenize each paragraph once, find
 * actor mentions, guess the article's main dyad for "hai nước", then code
 * events sentence by sentence, find quotations and score tone.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../segment/sentence.h"
#include "extract_int.h"
#include "quotes.h"
#include "quotes_int.h"

const char *att_modality_name(att_modality m)
{
    switch (m) {
    case ATT_MOD_REALIZED: return "realized";
    case ATT_MOD_PLANNED: return "planned";
    case ATT_MOD_NEGATED: return "negated";
    case ATT_MOD_HYPOTHETICAL: return "hypothetical";
    }
    return "realized";
}

const char *att_extract_para(const att_article *a, size_t p)
{
    if (a->lead) {
        if (p == 0)
            return a->lead;
        p--;
    }
    return p < a->n_paras ? a->paras[p].text : NULL;
}

static size_t n_paras(const att_article *a) { return a->n_paras + (a->lead ? 1 : 0); }


size_t att_extract_text_offset(const att_article *a, size_t p, size_t off)
{
    size_t c = 0;
    for (size_t k = 0; k < p; k++) {
        const char *t = att_extract_para(a, k);
        c += att_utf8_count(t, strlen(t)) + 1; /* the joining newline */
    }
    return c + att_utf8_count(att_extract_para(a, p), off);
}

void att_extraction_free(att_extraction *x)
{
    free(x->mentions);
    free(x->events);
    free(x->quotes);
    memset(x, 0, sizeof *x);
}

/* One paragraph's text and what the first pass found in it. */
typedef struct para_state {
    const char *text;
    size_t len;
    att_tokens toks;  /* lexicon vocabulary */
    att_tokens qtoks; /* quotation word lists' vocabulary */
    tmentions m;
} para_state;

typedef struct count {
    att_actor_ref ref;
    size_t n, first;
} count;

/* The two countries mentioned most (as agents or via their people): what
 * "hai nước"/"hai bên" refer to. */
static void guess_dyad(const para_state *ps, size_t np, dyad_guess *d)
{
    count c[64];
    size_t nc = 0, order = 0;
    memset(d, 0, sizeof *d);
    for (size_t p = 0; p < np; p++)
        for (size_t i = 0; i < ps[p].m.n; i++) {
            const tmention *m = &ps[p].m.v[i];
            order++;
            if (m->joint || !m->ref.country[0] || strlen(m->ref.country) != 3)
                continue;
            if (m->ref.type == ATT_ACTOR_ORG)
                continue;
            size_t k = 0;
            while (k < nc && strcmp(c[k].ref.country, m->ref.country))
                k++;
            if (k == nc) {
                if (nc == 64)
                    continue;
                memset(&c[nc], 0, sizeof c[nc]);
                snprintf(c[nc].ref.code, sizeof c[nc].ref.code, "%s", m->ref.country);
                snprintf(c[nc].ref.country, sizeof c[nc].ref.country, "%s", m->ref.country);
                c[nc].ref.type = ATT_ACTOR_COUNTRY;
                c[nc].first = order;
                nc++;
            }
            if (m->ref.type == ATT_ACTOR_COUNTRY && !c[k].ref.name[0])
                snprintf(c[k].ref.name, sizeof c[k].ref.name, "%s", m->ref.name);
            c[k].n += m->location ? 1 : 2;
        }
    /* the three most mentioned, earlier first on ties */
    long top[3] = {-1, -1, -1};
    for (size_t k = 0; k < nc; k++) {
        for (int t = 0; t < 3; t++) {
            long o = top[t];
            if (o < 0 || c[k].n > c[o].n || (c[k].n == c[o].n && c[k].first < c[o].first)) {
                for (int u = 2; u > t; u--)
                    top[u] = top[u - 1];
                top[t] = (long)k;
                break;
            }
        }
    }
    att_actor_ref *dst[3] = {&d->a, &d->b, &d->c};
    for (int t = 0; t < 3 && top[1] >= 0; t++) {
        if (top[t] < 0)
            break;
        *dst[t] = c[top[t]].ref;
        if (!dst[t]->name[0])
            snprintf(dst[t]->name, sizeof dst[t]->name, "%s", dst[t]->code);
    }
}

/* "Thủ tướng Lào Sonexay Siphandone ... Thủ tướng Sonexay Siphandone": a
 * person named again with a title that does not say the country is the
 * one named before with it. */
static void resolve_repeated_names(para_state *ps, size_t np)
{
    for (size_t p = 0; p < np; p++)
        for (size_t i = 0; i < ps[p].m.n; i++) {
            tmention *m = &ps[p].m.v[i];
            if (m->joint || m->ref.type != ATT_ACTOR_PERSON || m->ref.country[0] || !m->ref.name[0])
                continue;
            const tmention *src = NULL;
            for (size_t q = 0; q < np && !src; q++)
                for (size_t k = 0; k < ps[q].m.n && !src; k++) {
                    const tmention *o = &ps[q].m.v[k];
                    if (o->ref.type == ATT_ACTOR_PERSON && o->ref.country[0] && !strcmp(o->ref.name, m->ref.name))
                        src = o;
                }
            if (src) {
                memcpy(m->ref.code, src->ref.code, sizeof m->ref.code);
                memcpy(m->ref.country, src->ref.country, sizeof m->ref.country);
            }
        }
}

static void country_ref(const att_actor_ref *m, att_actor_ref *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->code, sizeof out->code, "%s", m->country);
    snprintf(out->country, sizeof out->country, "%s", m->country);
    out->type = ATT_ACTOR_COUNTRY;
    snprintf(out->name, sizeof out->name, "%s", m->type == ATT_ACTOR_COUNTRY ? m->name : m->country);
}

/* "Iran và Ả Rập Xê Út ... với Trung Quốc": when the lead coordinates two
 * states, they are the pair the article is about (and "hai nước" means),
 * even if a third, a mediator or a host, is named more often. */
static void prefer_lead_pair(const att_lexicon *lx, const att_token *toks, const tmentions *m, dyad_guess *d)
{
    for (size_t i = 0; i + 1 < m->n; i++) {
        const tmention *a = &m->v[i], *b = &m->v[i + 1];
        if (b->t0 != a->t1 + 1 || toks[a->t1].id != lx->w.va || a->joint || b->joint || a->location ||
            b->location || a->ref.type == ATT_ACTOR_ORG || b->ref.type == ATT_ACTOR_ORG ||
            strlen(a->ref.country) != 3 || strlen(b->ref.country) != 3 || !strcmp(a->ref.country, b->ref.country))
            continue;
        att_actor_ref old[2] = {d->a, d->b};
        country_ref(&a->ref, &d->a);
        country_ref(&b->ref, &d->b);
        for (int k = 0; k < 2; k++)
            if (old[k].code[0] && strcmp(old[k].country, d->a.country) && strcmp(old[k].country, d->b.country)) {
                d->c = old[k];
                break;
            }
        return;
    }
}

static att_status add_mention(att_extraction *x, size_t para, const att_token *toks, const tmention *m)
{
    size_t cap = att_grow_cap(x->n_mentions, 1);
    if (cap) {
        att_mention *v = realloc(x->mentions, cap * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        x->mentions = v;
    }
    att_mention *o = &x->mentions[x->n_mentions++];
    o->para = para;
    o->start = toks[m->t0].start;
    o->end = toks[m->t1 - 1].end;
    o->ref = m->ref;
    o->location = m->location;
    return ATT_OK;
}

static att_status add_quotes(att_extraction *x, size_t para, const att_token *toks, const tmention *ms,
                             size_t n_ms, const char *text, size_t len, const att_tokens *qtoks)
{
    att_speaker_span *sp = malloc((n_ms + 1) * sizeof *sp);
    long *which = malloc((n_ms + 1) * sizeof *which);
    if (!sp || !which) {
        free(sp);
        free(which);
        return ATT_ERR_NOMEM;
    }
    size_t ns = 0;
    for (size_t i = 0; i < n_ms; i++) {
        if (ms[i].location || ms[i].joint)
            continue;
        sp[ns].start = toks[ms[i].t0].start;
        sp[ns].end = toks[ms[i].t1 - 1].end;
        which[ns++] = (long)i;
    }
    att_quote *q = NULL;
    size_t nq = 0;
    att_status st = att_find_quotes_tokens(text, len, qtoks->v, qtoks->n, sp, ns, &q, &nq);
    size_t cap = st == ATT_OK ? att_grow_cap(x->n_quotes, nq) : 0;
    if (cap) {
        att_quote_rec *v = realloc(x->quotes, cap * sizeof *v);
        if (v)
            x->quotes = v;
        else
            st = ATT_ERR_NOMEM;
    }
    for (size_t i = 0; st == ATT_OK && i < nq; i++) {
        att_quote_rec *r = &x->quotes[x->n_quotes++];
        memset(r, 0, sizeof *r);
        if (q[i].speaker >= 0 && (size_t)q[i].speaker < ns)
            r->speaker = ms[which[q[i].speaker]].ref;
        r->para = para;
        r->start = q[i].start;
        r->end = q[i].end;
        r->sent_start = q[i].sent_start;
        r->sent_end = q[i].sent_end;
        r->direct = q[i].direct;
    }
    free(q);
    free(sp);
    free(which);
    return st;
}

/* First pass over a paragraph: tokens (once, for the lexicon and the
 * quotation word lists together), actor mentions, tone. */
static att_status read_para(const att_lexicon *lx, const att_vocab *qv, int year, para_state *ps, att_tone *acc)
{
    att_status st = att_tokenize2(lx->vocab, qv, ps->text, ps->len, &ps->toks, &ps->qtoks);
    if (st == ATT_OK)
        st = att_find_mentions(lx, ps->text, ps->toks.v, ps->toks.n, year, &ps->m);
    if (st == ATT_OK && lx->tone)
        att_tone_add(lx->tone, ps->toks.v, ps->toks.n, acc);
    return st;
}

/* Second pass: the paragraph's mentions, its events sentence by sentence,
 * its quotations. */
static att_status code_para(const att_lexicon *lx, const att_article *a, size_t p, const para_state *ps,
                            dyad_guess *dyad, att_extraction *out)
{
    const att_token *tv = ps->toks.v;
    size_t nt = ps->toks.n;
    att_status st = ATT_OK;
    for (size_t i = 0; st == ATT_OK && i < ps->m.n; i++)
        if (!ps->m.v[i].joint && ps->m.v[i].ref.code[0])
            st = add_mention(out, p, tv, &ps->m.v[i]);
    att_span *sents = NULL;
    size_t ns = 0;
    if (st == ATT_OK)
        st = att_sentences(ps->text, ps->len, &sents, &ns);
    size_t t = 0;
    for (size_t s = 0; st == ATT_OK && s < ns; s++) {
        while (t < nt && tv[t].start < sents[s].start)
            t++;
        size_t s0 = t;
        while (t < nt && tv[t].end <= sents[s].end)
            t++;
        if (t > s0)
            st = att_code_sentence(lx, a, p, ps->text, tv, s0, t, ps->m.v, ps->m.n, dyad, out);
    }
    free(sents);
    if (st == ATT_OK)
        st = add_quotes(out, p, tv, ps->m.v, ps->m.n, ps->text, ps->len, &ps->qtoks);
    return st;
}

att_status att_extract(const att_lexicon *lx, const att_article *a, att_extraction *out)
{
    memset(out, 0, sizeof *out);
    size_t np = n_paras(a);
    if (np > ATT_EXTRACT_MAX_PARAS)
        np = ATT_EXTRACT_MAX_PARAS; /* a hard cap on the per-paragraph state below */
    int year = a->published ? atoi(a->published) : 0;
    const att_vocab *qv = att_quotes_vocab();
    para_state *ps = calloc(np ? np : 1, sizeof *ps);
    att_status st = ps && qv ? ATT_OK : ATT_ERR_NOMEM;
    att_tone acc = {0, 0, 0};
    for (size_t p = 0; st == ATT_OK && p < np; p++) {
        ps[p].text = att_extract_para(a, p);
        ps[p].len = strlen(ps[p].text);
        st = read_para(lx, qv, year, &ps[p], &acc);
    }
    dyad_guess dyad;
    if (st == ATT_OK) {
        resolve_repeated_names(ps, np);
        guess_dyad(ps, np, &dyad);
        if (a->lead && np)
            prefer_lead_pair(lx, ps[0].toks.v, &ps[0].m, &dyad);
    }
    for (size_t p = 0; st == ATT_OK && p < np; p++)
        st = code_para(lx, a, p, &ps[p], &dyad, out);
    for (size_t p = 0; p < np && ps; p++) {
        att_tokens_free(&ps[p].toks);
        att_tokens_free(&ps[p].qtoks);
        free(ps[p].m.v);
    }
    free(ps);
    out->tone = att_tone_finish(&acc);
    if (st != ATT_OK)
        att_extraction_free(out);
    return st;
}
