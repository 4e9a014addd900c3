/* html_body.c - emit the body paragraphs of the chosen container(s); see
 * html_emit_body in html_dom.h.
 *
 * One pre-order sweep over each root.  Blocks without block children
 * (<p>, <li>, <h2>, a text-only <div>) are paragraphs; inline content
 * sitting directly in a container (text, <a>, <b> ... up to a <br> or a
 * block) forms an anonymous paragraph, as a browser would lay it out.  Each
 * paragraph passes the boilerplate filters below and becomes a candidate;
 * decisions that need the whole body (pull quotes, the repeated lead) are
 * taken on the candidate list before anything reaches the article. */
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "boiler.h"
#include "html_dom.h"

#define MIN_BODY_CHARS 80     /* less than this is not an article body */
#define BYLINE_MAX_CHARS 100  /* a short "author"/"date" block inside the body is the byline */
#define PULL_QUOTE_SHARE 0.5  /* share of a quote's trigrams found in a paragraph */
#define LEAD_REPEAT_SHARE 0.8 /* share of a first paragraph's trigrams found in the lead */

typedef struct cand {
    size_t off, len;     /* text in the pool */
    att_para_kind kind;
    int group;           /* quote element this came from, or -1 */
    int drop;
} cand;

typedef struct emitter {
    hdom *d;
    int root;            /* the root being walked */
    int lead_node;
    att_buf pool;        /* candidate texts, back to back */
    cand *c;
    size_t n, cap;
    /* the anonymous paragraph being gathered */
    att_buf run;
    unsigned run_chars, run_links, run_bold;
    int run_last;        /* element holding the run's last text */
    int group, group_end;
} emitter;

/* ---- filters ---- */

static int has_letter(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        i += att_utf8_decode(s + i, n - i, &cp);
        if (att_is_word_cp(cp) && !(cp >= '0' && cp <= '9'))
            return 1;
    }
    return 0;
}

/* After a widget heading ("Tin liên quan"), the lists of story links that
 * follow it - as its siblings, or as siblings of wrappers that hold nothing
 * but the heading - are not body. */
static void skip_after_widget(hdom *d, int x, int root)
{
    unsigned head_chars = d->v[x].chars;
    for (int t = x; t > root; t = d->v[t].parent) {
        int p = d->v[t].parent;
        if (p < 0)
            return;
        for (int s = d->v[t].end; s < d->v[p].end; s = d->v[s].end) {
            hnode *h = &d->v[s];
            if (h->flags & HF_TEXT) {
                if (h->chars <= 1)
                    continue;
                break;
            }
            if (h->tag == GUMBO_TAG_UL || h->tag == GUMBO_TAG_OL || h->chars == 0 ||
                hdom_link_dense(d, s) || (h->flags & HF_NEG)) {
                h->flags |= HF_SKIP;
                continue;
            }
            break;
        }
        if (p == root || d->v[p].chars > head_chars + 2)
            return;
    }
}

/* Filter one paragraph's text and keep it as a candidate. */
static att_status consider(emitter *e, const char *s, size_t n, unsigned chars, unsigned links,
                           unsigned bold, int heading, int node)
{
    while (n && s[0] == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (n == 0 || !has_letter(s, n))
        return ATT_OK;
    if (chars && links * 2 > chars)
        return ATT_OK; /* "Xem thêm: <a>...</a>" */
    if (att_boiler_widget_heading(s, n)) {
        if (node >= 0)
            skip_after_widget(e->d, node, e->root);
        return ATT_OK;
    }
    if (att_boiler_is_caption(s, n) || att_boiler_is_follow_line(s, n))
        return ATT_OK;
    /* <p><strong>Short title</strong></p> is how most Vietnamese CMSes
     * write subheadings. */
    if (!heading && chars && bold * 10 >= chars * 9 && att_boiler_chars(s, n) <= 120 &&
        !att_boiler_ends_sentence(s, n))
        heading = 1;
    if (e->n == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 32;
        cand *v = realloc(e->c, nc * sizeof *v);
        if (!v)
            return ATT_ERR_NOMEM;
        e->c = v;
        e->cap = nc;
    }
    cand *c = &e->c[e->n];
    c->off = e->pool.len;
    c->len = n;
    c->kind = heading ? ATT_PARA_HEADING : ATT_PARA_TEXT;
    c->group = e->group;
    c->drop = 0;
    if (att_buf_append(&e->pool, s, n) != ATT_OK)
        return ATT_ERR_NOMEM;
    e->n++;
    return ATT_OK;
}

static att_status flush_run(emitter *e)
{
    if (e->run.len == 0)
        return ATT_OK;
    /* collapse whitespace in place */
    char *s = e->run.data;
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < e->run.len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
            (ch == 0xC2 && i + 1 < e->run.len && (unsigned char)s[i + 1] == 0xA0)) {
            if (ch == 0xC2)
                i++;
            sp = 1;
            continue;
        }
        if (sp && k)
            s[k++] = ' ';
        sp = 0;
        s[k++] = (char)ch;
    }
    att_status st = consider(e, s, k, e->run_chars, e->run_links, e->run_bold, 0, e->run_last);
    att_buf_clear(&e->run);
    e->run_chars = e->run_links = e->run_bold = 0;
    e->run_last = -1;
    return st;
}

/* A <br> at node j inside block `blk`: inside a <p> a single break is
 * a line break within the paragraph; anywhere else, and doubled, it
 * separates paragraphs (old CMSes write "text<br><br>text" in a div). */
static att_status line_break(emitter *e, int j, int blk)
{
    const hdom *d = e->d;
    if (blk >= 0 && d->v[blk].tag == GUMBO_TAG_P) {
        int k = d->v[j].end, lim = d->v[d->v[j].parent].end;
        while (k < lim && d->v[k].g->type == GUMBO_NODE_WHITESPACE)
            k++;
        if (!(k < lim && d->v[k].tag == GUMBO_TAG_BR && !(d->v[k].flags & HF_TEXT)))
            return att_buf_putc(&e->run, ' '); /* (the 2nd of a pair lands in an empty run) */
    }
    return flush_run(e);
}

/* A paragraph element: its text, link and bold shares. */
static att_status leaf(emitter *e, int i, int heading)
{
    hdom *d = e->d;
    unsigned bold = 0;
    for (int j = i; j < d->v[i].end; j++) {
        if (j != i && (d->v[j].flags & HF_EXCL)) {
            j = d->v[j].end - 1;
            continue;
        }
        if ((d->v[j].flags & (HF_TEXT | HF_IN_BOLD)) == (HF_TEXT | HF_IN_BOLD))
            bold += d->v[j].chars;
    }
    att_buf b = ATT_BUF_INIT;
    att_status st = hdom_text(d, i, &b);
    if (st == ATT_OK)
        st = consider(e, b.data ? b.data : "", b.len, d->v[i].chars, d->v[i].links, bold, heading,
                      i);
    att_buf_free(&b);
    return st;
}

/* Elements the body never includes even when they sit in the container. */
static int skip_element(const emitter *e, int j, int root)
{
    const hnode *h = &e->d->v[j];
    if (j == root)
        return 0;
    if (h->flags & (HF_EXCL | HF_SKIP))
        return 1;
    if (j == e->lead_node || h->tag == GUMBO_TAG_H1 || h->tag == GUMBO_TAG_HEADER)
        return 1;
    if ((h->flags & HF_BLOCK) && hdom_link_dense(e->d, j))
        return 1;
    /* the byline / dateline block */
    if ((h->flags & (HF_AUTHOR | HF_DATE)) && h->chars < BYLINE_MAX_CHARS)
        return 1;
    return 0;
}

static att_status walk_root(emitter *e, int root)
{
    hdom *d = e->d;
    att_status st = ATT_OK;
    /* the blocks we are inside; leaving one ends the run */
    int *open = NULL;
    size_t ne = 0, ecap = 0;
    e->root = root;
    for (int j = root; j < d->v[root].end && st == ATT_OK;) {
        const hnode *h = &d->v[j];
        while (ne && d->v[open[ne - 1]].end <= j) {
            ne--;
            if ((st = flush_run(e)) != ATT_OK)
                break;
        }
        if (e->group >= 0 && j >= e->group_end)
            e->group = -1;
        if (h->flags & HF_TEXT) {
            if (att_buf_append(&e->run, h->g->v.text.text, strlen(h->g->v.text.text)) != ATT_OK)
                st = ATT_ERR_NOMEM;
            e->run_chars += h->chars;
            e->run_links += h->links;
            if (h->flags & HF_IN_BOLD)
                e->run_bold += h->chars;
            e->run_last = h->parent;
            j++;
            continue;
        }
        int block = (h->flags & (HF_BLOCK | HF_HAS_BLOCK)) != 0;
        if (skip_element(e, j, root)) {
            if (block && (st = flush_run(e)) != ATT_OK)
                break;
            j = h->end;
            continue;
        }
        if (!block) { /* inline: its text joins the run */
            if (h->tag == GUMBO_TAG_BR)
                st = line_break(e, j, ne ? open[ne - 1] : -1);
            j++;
            continue;
        }
        if ((st = flush_run(e)) != ATT_OK)
            break;
        int level = hdom_heading_level(h->tag);
        /* A block with <br>s is walked like a container so the breaks can
         * split it. */
        if (level >= 2 || !(h->flags & (HF_HAS_BLOCK | HF_HAS_BR))) {
            if (e->group < 0 && (h->tag == GUMBO_TAG_BLOCKQUOTE || (h->flags & HF_QUOTE))) {
                e->group = j;
                e->group_end = h->end;
            }
            st = leaf(e, j, level >= 2);
            j = h->end;
            continue;
        }
        if (e->group < 0 && (h->tag == GUMBO_TAG_BLOCKQUOTE || (h->flags & HF_QUOTE))) {
            e->group = j;
            e->group_end = h->end;
        }
        if (ne == ecap) {
            size_t nc = ecap ? ecap * 2 : 32;
            int *v = realloc(open, nc * sizeof *v);
            if (!v) {
                st = ATT_ERR_NOMEM;
                break;
            }
            open = v;
            ecap = nc;
        }
        open[ne++] = j;
        j++;
    }
    if (st == ATT_OK)
        st = flush_run(e);
    e->group = -1;
    free(open);
    return st;
}

/* ---- whole-body decisions ---- */

static const char *ctext(const emitter *e, const cand *c) { return e->pool.data + c->off; }

/* A quote whose text mostly repeats a body paragraph is a pull quote.
 * Shingles are built once per paragraph (only when the body has quotes),
 * so the quotes x paragraphs comparison is a merge of sorted hashes. */
static att_status drop_pull_quotes(emitter *e)
{
    size_t i, k;
    for (i = 0; i < e->n && e->c[i].group < 0; i++)
        ;
    if (i == e->n)
        return ATT_OK;
    att_status st = ATT_OK;
    att_buf q = ATT_BUF_INIT;
    att_shingles qs = {NULL, 0};
    att_shingles *sh = calloc(e->n, sizeof *sh);
    if (!sh)
        return ATT_ERR_NOMEM;
    for (k = 0; k < e->n && st == ATT_OK; k++)
        if (e->c[k].group < 0)
            st = att_boiler_shingles(ctext(e, &e->c[k]), e->c[k].len, &sh[k]);
    for (i = 0; i < e->n && st == ATT_OK; i++) {
        int g = e->c[i].group;
        if (g < 0 || (i > 0 && e->c[i - 1].group == g))
            continue;
        /* the quote's paragraphs [i, last) as one text */
        size_t last = i;
        att_buf_clear(&q);
        while (last < e->n && e->c[last].group == g && st == ATT_OK) {
            st = att_buf_append(&q, ctext(e, &e->c[last]), e->c[last].len);
            if (st == ATT_OK)
                st = att_buf_putc(&q, ' ');
            last++;
        }
        att_boiler_shingles_free(&qs);
        if (st != ATT_OK || (st = att_boiler_shingles(q.data, q.len, &qs)) != ATT_OK)
            break;
        for (k = 0; k < e->n; k++)
            if (e->c[k].group < 0 && att_boiler_shingles_containment(&qs, &sh[k]) >= PULL_QUOTE_SHARE) {
                for (size_t m = i; m < last; m++)
                    e->c[m].drop = 1;
                break;
            }
    }
    att_boiler_shingles_free(&qs);
    for (k = 0; k < e->n; k++)
        att_boiler_shingles_free(&sh[k]);
    free(sh);
    att_buf_free(&q);
    return st;
}

static int same_text(const char *a, size_t an, const char *b)
{
    return b && strlen(b) == an && memcmp(a, b, an) == 0;
}

static void drop_repeats(emitter *e, const att_article *out)
{
    /* The first text paragraph repeating the lead (sites print the sapo
     * as both a meta description and the body's first <p>). */
    for (size_t i = 0; i < e->n && out->lead; i++) {
        cand *c = &e->c[i];
        if (c->drop || c->kind != ATT_PARA_TEXT)
            continue;
        const char *s = ctext(e, c);
        size_t p = att_boiler_site_prefix(s, c->len);
        if (same_text(s + p, c->len - p, out->lead) ||
            att_boiler_containment(s + p, c->len - p, out->lead, strlen(out->lead)) >=
                LEAD_REPEAT_SHARE)
            c->drop = 1;
        break;
    }
    for (size_t i = 0; i < e->n; i++) {
        cand *c = &e->c[i];
        const char *s = ctext(e, c);
        if (c->drop)
            continue;
        if (i < 3 && same_text(s, c->len, out->title))
            c->drop = 1;
        for (size_t a = 0; a < out->n_authors && !c->drop; a++)
            if (same_text(s, c->len, out->authors[a]))
                c->drop = 1;
        /* exact duplicates (a sapo rendered twice, mobile + desktop copies) */
        for (size_t k = 0; k < i && !c->drop; k++)
            if (!e->c[k].drop && e->c[k].len == c->len && memcmp(ctext(e, &e->c[k]), s, c->len) == 0)
                c->drop = 1;
    }
}

att_status html_emit_body(hdom *d, const int *roots, int nroots, int lead_node, att_article *out)
{
    emitter e;
    memset(&e, 0, sizeof e);
    e.d = d;
    e.lead_node = lead_node;
    e.run_last = -1;
    e.group = -1;
    att_status st = ATT_OK;
    for (int r = 0; r < nroots && st == ATT_OK; r++)
        st = walk_root(&e, roots[r]);
    if (st == ATT_OK)
        st = drop_pull_quotes(&e);
    if (st == ATT_OK) {
        drop_repeats(&e, out);
        size_t total = 0;
        int first = 1;
        for (size_t i = 0; i < e.n; i++)
            if (!e.c[i].drop)
                total += att_boiler_chars(ctext(&e, &e.c[i]), e.c[i].len);
        for (size_t i = 0; i < e.n && st == ATT_OK && total >= MIN_BODY_CHARS; i++) {
            cand *c = &e.c[i];
            if (c->drop)
                continue;
            const char *s = ctext(&e, c);
            size_t p = first ? att_boiler_site_prefix(s, c->len) : 0; /* "(Dân trí) - ..." */
            first = 0;
            st = att_article_add_para(out, s + p, c->len - p, c->kind);
        }
    }
    att_buf_free(&e.pool);
    att_buf_free(&e.run);
    free(e.c);
    return st;
}
