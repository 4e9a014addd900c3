/* html_score.c - choose the element that holds the article body; see
 * html_pick_container in html_dom.h.
 *
 * The Readability heuristic: every paragraph of real prose (>= 25 chars)
 * scores 1 + its commas + 1 per 100 chars (max 3) and hands that score to
 * its ancestors, less the further up (1, 1/2, then 1/(3*level), five levels).
 * Ancestors start from a tag prior (div +5, lists -3, headings -5) and a
 * class/id prior (+-25 for "content"/"detail" vs "sidebar"/"related"...).
 * The final score is multiplied by (1 - link density), which sinks menus
 * and lists of other stories.  The best element's siblings join it when
 * they score close to it or are plainly paragraphs, which recovers bodies
 * split across several wrappers. */
#include <string.h>

#include "boiler.h"
#include "html_dom.h"

#define MIN_PARA_CHARS 25
#define ANCESTOR_LEVELS 5

static float tag_prior(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
        return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
        return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
        return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
        return -5;
    default:
        return 0;
    }
}

static void touch(hnode *h)
{
    if (h->scored)
        return;
    h->scored = 1;
    h->score = tag_prior(h->tag);
    if (h->flags & HF_NEG)
        h->score -= 25;
    if (h->flags & HF_POS)
        h->score += 25;
}

static float link_density(const hnode *h) { return h->chars ? (float)h->links / (float)h->chars : 0; }

/* Readability's test for a short sibling paragraph: a sentence ends in it. */
static int has_sentence_end(const hdom *d, int i)
{
    att_buf b = ATT_BUF_INIT;
    int r = hdom_text(d, i, &b) == ATT_OK && b.len && att_boiler_ends_sentence(b.data, b.len);
    att_buf_free(&b);
    return r;
}

static int same_class(const hdom *d, int a, int b)
{
    const char *ca = hdom_attr(d, a, "class"), *cb = hdom_attr(d, b, "class");
    return ca && cb && *ca && strcmp(ca, cb) == 0;
}

int html_pick_container(hdom *d, int *roots, int cap, int *nroots)
{
    *nroots = 0;
    for (int i = 0; i < d->n; i++) {
        hnode *h = &d->v[i];
        unsigned chars, commas;
        if ((h->flags & (HF_TEXT | HF_IN_EXCL)) || !hdom_para_text(h, &chars, &commas) ||
            chars < MIN_PARA_CHARS)
            continue;
        float s = 1.0f + (float)commas + (float)(chars / 100 < 3 ? chars / 100 : 3);
        /* A <p> (or a div that is all text) is a paragraph: its parent is
         * level 0.  A div mixing text runs and blocks holds paragraphs. */
        int a = (h->tag == GUMBO_TAG_P || !(h->flags & HF_HAS_BLOCK)) ? h->parent : i;
        for (int lvl = 0; lvl < ANCESTOR_LEVELS && a >= 0; lvl++, a = d->v[a].parent) {
            hnode *p = &d->v[a];
            touch(p);
            p->score += s / (lvl == 0 ? 1.0f : lvl == 1 ? 2.0f : 3.0f * (float)lvl);
        }
    }
    int best = -1;
    for (int i = 0; i < d->n; i++) {
        hnode *h = &d->v[i];
        if (!h->scored)
            continue;
        h->score *= 1.0f - link_density(h);
        if (best < 0 || h->score > d->v[best].score)
            best = i;
    }
    if (best < 0)
        return -1;
    int parent = d->v[best].parent;
    if (parent < 0 || cap < 1) {
        if (cap >= 1)
            roots[(*nroots)++] = best;
        return best;
    }
    float top = d->v[best].score;
    float threshold = top * 0.2f > 10 ? top * 0.2f : 10;
    for (int c = parent + 1; c < d->v[parent].end && *nroots < cap; c = d->v[c].end) {
        const hnode *h = &d->v[c];
        if ((h->flags & (HF_TEXT | HF_IN_EXCL)) && c != best)
            continue;
        int take = c == best;
        if (!take && h->scored) {
            float bonus = same_class(d, c, best) ? top * 0.2f : 0;
            take = h->score + bonus >= threshold;
        }
        /* Paragraphs beside the container - and inline-level elements,
         * which is where misnested markup (an unclosed <b> reopened after
         * a </div>) leaves the rest of the text. */
        if (!take && (h->tag == GUMBO_TAG_P || !(h->flags & HF_BLOCK)) && !(h->flags & HF_NEG)) {
            float ld = link_density(h);
            take = (h->chars > 80 && ld < 0.25f) ||
                   (h->tag == GUMBO_TAG_P && h->chars > 0 && h->chars <= 80 && h->links == 0 &&
                    has_sentence_end(d, c));
        }
        if (take)
            roots[(*nroots)++] = c;
    }
    return best;
}
