/*
 * actors.c - actor mentions in a tokenized paragraph: country names,
 * capitals and seats of power, demonyms, organizations, known persons,
 * and title phrases ("Ngoại trưởng Nga Sergei Lavrov", "Tổng thống Mỹ",
 * "Đại sứ Việt Nam tại Mỹ Nguyễn Quốc Dũng") that resolve a person's role
 * and country; "hai nước"/"hai bên" become joint mentions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* snprintf(dst, cap, "%s", src) without the formatting machinery (this
 * runs for every mention): at most cap - 1 bytes, then a NUL. */
static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void att_ref_from_actor(const att_lexicon *lx, int actor, att_actor_ref *r)
{
    const att_lex_actor *a = &lx->actors[actor];
    memset(r, 0, sizeof *r);
    copy_str(r->code, sizeof r->code, a->code);
    copy_str(r->country, sizeof r->country, a->country);
    r->type = a->type;
    copy_str(r->name, sizeof r->name, a->name);
}

static tmention *push(tmentions *m)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 4; /* kept per paragraph: small to start */
        tmention *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return NULL;
        m->v = v;
        m->cap = cap;
    }
    tmention *t = &m->v[m->n++];
    memset(t, 0, sizeof *t);
    t->actor = -1;
    return t;
}

/* Does a sentence start right before token i (so its capital letter says
 * nothing about names)? */
static int sentence_start(const char *text, const att_token *toks, size_t i)
{
    if (i == 0)
        return 1;
    for (size_t k = toks[i].start; k > toks[i - 1].end; k--) {
        char c = text[k - 1];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '(' || c == '"' || c == '\n')
            return 1;
        if ((unsigned char)c == 0x9C && k >= 3 && (unsigned char)text[k - 3] == 0xE2) /* “ */
            return 1;
    }
    return 0;
}

/* Pick the name entry that applies: capitalization must match what the
 * dictionary wrote, and people must hold the role in the article's year. */
static const att_lex_name *usable_name(const att_lexicon *lx, const att_token *toks, size_t i,
                                       const int *vals, size_t nv, int year)
{
    const att_lex_name *best = NULL;
    for (size_t k = 0; k < nv; k++) {
        const att_lex_name *nm = &lx->names_v[vals[k]];
        if (nm->capitalized && !toks[i].upper)
            continue;
        if (nm->kind == ATT_NAME_PERSON && year) {
            const att_lex_actor *a = &lx->actors[nm->actor];
            if ((a->from && year < a->from) || (a->to && year > a->to))
                continue;
        }
        if (!best || (best->kind == ATT_NAME_PERSON && nm->kind != ATT_NAME_PERSON))
            best = nm;
    }
    return best;
}

/* Length of a run of capitalised tokens starting at i (a name nobody
 * listed), at most 5, not crossing punctuation. */
static size_t cap_run(const att_token *toks, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && k - i < 5 && toks[k].upper && !toks[k].digit && (k == i || !toks[k].gap_before))
        k++;
    return k - i;
}

static int is_word(const att_token *t, uint32_t id) { return id && t->id == id; }

/* A title phrase at i: returns tokens consumed (0 if none). */
static size_t title_mention(const att_lexicon *lx, const char *text, const att_token *toks, size_t n,
                            size_t i, int year, tmentions *out)
{
    if (!toks[i].upper) /* (tested first: most words are lower case) */
        return 0;
    const int *vals;
    size_t nv;
    size_t tl = att_trie_match(lx->titles, toks, n, i, 1, &vals, &nv);
    if (!tl)
        return 0;
    const att_lex_title *ti = &lx->titles_v[vals[0]];
    size_t j = i + tl;
    int country = -1;
    const int *nvals;
    size_t nn;
    /* "Ngoại trưởng Nga ..." - a country name right after the title */
    size_t cl = j < n && !toks[j].gap_before ? att_trie_match(lx->names, toks, n, j, 0, &nvals, &nn) : 0;
    if (cl) {
        const att_lex_name *nm = usable_name(lx, toks, j, nvals, nn, year);
        if (nm && (nm->kind == ATT_NAME_COUNTRY || nm->kind == ATT_NAME_ORG)) {
            country = nm->actor;
            j += cl;
        }
    }
    /* "Đại sứ Việt Nam tại Mỹ": the posting is not the person's country */
    if (country >= 0 && j + 1 < n && (is_word(&toks[j], lx->w.tai) || is_word(&toks[j], lx->w.o))) {
        size_t pl = att_trie_match(lx->names, toks, n, j + 1, 0, &nvals, &nn);
        const att_lex_name *nm = pl ? usable_name(lx, toks, j + 1, nvals, nn, year) : NULL;
        if (nm && nm->kind == ATT_NAME_COUNTRY) {
            tmention *loc = push(out);
            if (!loc)
                return 0;
            loc->t0 = j + 1;
            loc->t1 = j + 1 + pl;
            loc->actor = nm->actor;
            loc->location = 1;
            att_ref_from_actor(lx, nm->actor, &loc->ref);
            j += 1 + pl;
        }
    }
    /* the person: a known one, or a capitalised name */
    int person = -1;
    size_t name_len = 0;
    if (j < n && !toks[j].gap_before) {
        size_t pl = att_trie_match(lx->names, toks, n, j, 0, &nvals, &nn);
        const att_lex_name *nm = pl ? usable_name(lx, toks, j, nvals, nn, 0) : NULL;
        if (nm && nm->kind == ATT_NAME_PERSON) {
            person = nm->actor;
            name_len = pl;
        } else if (!nm) {
            name_len = cap_run(toks, n, j);
        }
    }
    if (person < 0 && country < 0 && name_len == 0)
        return 0; /* a bare "Bộ trưởng": nobody in particular */
    tmention *m = push(out);
    if (!m)
        return 0;
    m->t0 = i;
    m->t1 = j + name_len;
    if (person >= 0) {
        m->actor = person;
        att_ref_from_actor(lx, person, &m->ref);
    } else {
        m->ref.type = ATT_ACTOR_PERSON;
        if (country >= 0) {
            const att_lex_actor *c = &lx->actors[country];
            snprintf(m->ref.country, sizeof m->ref.country, "%s", c->country);
            /* CAMEO sector from the title's role */
            const char *sector = !strcmp(ti->role, "military") ? "MIL"
                                 : !strcmp(ti->role, "legislator") ? "LEG"
                                                                    : "GOV";
            snprintf(m->ref.code, sizeof m->ref.code, "%.12s%s", c->code,
                     c->type == ATT_ACTOR_COUNTRY ? sector : "");
        }
        size_t s0 = name_len ? toks[j].start : toks[i].start;
        size_t s1 = name_len ? toks[j + name_len - 1].end : toks[j - 1].end;
        snprintf(m->ref.name, sizeof m->ref.name, "%.*s", (int)(s1 - s0), text + s0);
    }
    return m->t1 - i;
}

/* After "hai": the words that make "hai X" mean both parties; returns
 * how many tokens they take (0 if none). */
static size_t joint_phrase(const att_lexicon *lx, const att_token *toks, size_t n, size_t j)
{
    const att_lex_words *w = &lx->w;
    if (is_word(&toks[j], w->nuoc) || is_word(&toks[j], w->ben) || is_word(&toks[j], w->phia))
        return 1;
    if (j + 1 < n && is_word(&toks[j], w->quoc) && is_word(&toks[j + 1], w->gia))
        return 2;
    if (j + 2 < n && is_word(&toks[j], w->nha) && is_word(&toks[j + 1], w->lanh) &&
        is_word(&toks[j + 2], w->dao))
        return 3;
    if (j + 1 < n && is_word(&toks[j], w->lanh) && is_word(&toks[j + 1], w->dao))
        return 2;
    const int *vals;
    size_t nv;
    return att_trie_match(lx->titles, toks, n, j, 1, &vals, &nv); /* "hai Ngoại trưởng" */
}

att_status att_find_mentions(const att_lexicon *lx, const char *text, const att_token *toks, size_t n,
                             int year, tmentions *out)
{
    size_t i = 0;
    while (i < n) {
        if (!toks[i].id) {
            i++;
            continue;
        }
        size_t used = title_mention(lx, text, toks, n, i, year, out);
        if (used) {
            i += used;
            continue;
        }
        /* "hai nước", "hai bên", "hai quốc gia", "hai nhà lãnh đạo",
         * "hai Ngoại trưởng": the article's two parties */
        int parties = is_word(&toks[i], lx->w.hai) ? 2 : is_word(&toks[i], lx->w.ba_) ? 3 : 0;
        size_t jl = parties && i + 1 < n ? joint_phrase(lx, toks, n, i + 1) : 0;
        if (jl) {
            tmention *m = push(out);
            if (!m)
                return ATT_ERR_NOMEM;
            m->t0 = i;
            m->t1 = i + 1 + jl;
            m->joint = parties;
            i = m->t1;
            continue;
        }
        const int *vals;
        size_t nv;
        size_t len = att_trie_match(lx->names, toks, n, i, 0, &vals, &nv);
        const att_lex_name *nm = len ? usable_name(lx, toks, i, vals, nv, year) : NULL;
        if (!nm) {
            i++;
            continue;
        }
        if (nm->kind == ATT_NAME_PLACE) { /* "bán đảo Triều Tiên": a place, not the state */
            i += len;
            continue;
        }
        /* a one-word country inside a capitalised run is part of a
         * person's name ("Nguyễn Thị Anh", "Lê Mỹ") */
        if (nm->n_tokens == 1 && nm->kind == ATT_NAME_COUNTRY && i > 0 && toks[i - 1].upper &&
            !toks[i].gap_before && !sentence_start(text, toks, i - 1) &&
            !(out->n && out->v[out->n - 1].t1 == i)) {
            i++;
            continue;
        }
        tmention *m = push(out);
        if (!m)
            return ATT_ERR_NOMEM;
        m->t0 = i;
        m->t1 = i + len;
        m->actor = nm->actor;
        att_ref_from_actor(lx, nm->actor, &m->ref);
        m->location = i > 0 && (is_word(&toks[i - 1], lx->w.tai) || is_word(&toks[i - 1], lx->w.o));
        i += len;
    }
    return ATT_OK;
}
