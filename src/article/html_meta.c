/* html_meta.c - title, canonical URL, authors, publication date and lead
 * of a news page; see html_fill_meta in html_dom.h.
 *
 * Each field has an ordered list of sources; the first that yields a usable
 * value wins.  Declarations (meta, JSON-LD) are page-wide; visible markup
 * (h1, bylines, <time>, sapo) is only believed inside the article region and
 * outside anything that looks like a list of other stories. */
#include <string.h>
#include <strings.h>

#include "../normalize/normalize.h"
#include "boiler.h"
#include "html_dom.h"

#define MAX_CANDS 32

typedef struct cands {
    int v[MAX_CANDS];
    int n;
} cands;

static void cand_add(cands *c, int i)
{
    if (c->n < MAX_CANDS)
        c->v[c->n++] = i;
}

/* Everything html_fill_meta gathers in its one pass over the page. */
typedef struct gathered {
    const char *og_title, *og_url, *og_site, *og_desc, *desc, *canonical;
    const char *meta_author, *meta_pub, *meta_pub_other, *itemprop_pub;
    int title_tag;
    cands h1, itemprop_author, rel_author, class_author, times, itemprop_date, class_date, lead;
    html_ld ld;
} gathered;

static void gather_meta(const hdom *d, int i, gathered *g)
{
    const char *content = hdom_attr(d, i, "content");
    if (!content)
        return;
    const char *key = hdom_attr(d, i, "property");
    if (!key)
        key = hdom_attr(d, i, "name");
    const char *ip = hdom_attr(d, i, "itemprop");
    if (ip && strcasecmp(ip, "datePublished") == 0 && !g->itemprop_pub)
        g->itemprop_pub = content;
    if (ip && strcasecmp(ip, "author") == 0)
        cand_add(&g->itemprop_author, i);
    if (!key)
        return;
    const char **slot = NULL;
    if (strcasecmp(key, "og:title") == 0)
        slot = &g->og_title;
    else if (strcasecmp(key, "og:url") == 0)
        slot = &g->og_url;
    else if (strcasecmp(key, "og:site_name") == 0)
        slot = &g->og_site;
    else if (strcasecmp(key, "og:description") == 0)
        slot = &g->og_desc;
    else if (strcasecmp(key, "description") == 0)
        slot = &g->desc;
    else if (strcasecmp(key, "author") == 0 || strcasecmp(key, "article:author") == 0 ||
             strcasecmp(key, "dc.creator") == 0)
        slot = &g->meta_author;
    else if (strcasecmp(key, "article:published_time") == 0)
        slot = &g->meta_pub;
    else if (strcasecmp(key, "pubdate") == 0 || strcasecmp(key, "publishdate") == 0 ||
             strcasecmp(key, "dc.date.issued") == 0 || strcasecmp(key, "date") == 0 ||
             strcasecmp(key, "og:published_time") == 0 || strcasecmp(key, "dc.date") == 0)
        slot = &g->meta_pub_other;
    if (slot && !*slot)
        *slot = content;
}

static void gather(const hdom *d, gathered *g)
{
    for (int i = 0; i < d->n; i++) {
        const hnode *h = &d->v[i];
        if (h->flags & HF_TEXT)
            continue;
        switch (h->tag) {
        case GUMBO_TAG_META:
            gather_meta(d, i, g);
            continue;
        case GUMBO_TAG_TITLE:
            if (g->title_tag < 0)
                g->title_tag = i;
            continue;
        case GUMBO_TAG_LINK:
            if (hdom_attr_has_word(d, i, "rel", "canonical") && !g->canonical)
                g->canonical = hdom_attr(d, i, "href");
            continue;
        case GUMBO_TAG_SCRIPT:
            if (hdom_attr_is(d, i, "type", "application/ld+json") && i + 1 < h->end &&
                (d->v[i + 1].flags & HF_TEXT)) {
                const char *t = d->v[i + 1].g->v.text.text;
                html_jsonld_scan(t, strlen(t), &g->ld);
            }
            continue;
        case GUMBO_TAG_H1:
            cand_add(&g->h1, i);
            break;
        case GUMBO_TAG_TIME:
            cand_add(&g->times, i);
            break;
        default:
            break;
        }
        if (hdom_attr_has_word(d, i, "itemprop", "author"))
            cand_add(&g->itemprop_author, i);
        if (hdom_attr_has_word(d, i, "itemprop", "datePublished"))
            cand_add(&g->itemprop_date, i);
        if (hdom_attr_has_word(d, i, "rel", "author"))
            cand_add(&g->rel_author, i);
        /* innermost byline element only: "author" > "author-name"; not
         * the byline's time ("author-time") */
        int author = (h->flags & HF_AUTHOR) && !(h->flags & HF_DATE) && h->tag != GUMBO_TAG_TIME;
        if (author && g->class_author.n &&
            hdom_within(d, g->class_author.v[g->class_author.n - 1], i))
            g->class_author.n--;
        if (author)
            cand_add(&g->class_author, i);
        if ((h->flags & HF_DATE) && g->class_date.n &&
            hdom_within(d, g->class_date.v[g->class_date.n - 1], i))
            g->class_date.n--;
        if (h->flags & HF_DATE)
            cand_add(&g->class_date, i);
        if (h->flags & HF_LEAD)
            cand_add(&g->lead, i);
    }
}

/* The part of the page that is this article: the nearest ancestor of the
 * container that also holds the h1 (title, byline and sapo sit beside the
 * body, often outside its <article>), unless that is the whole page - a
 * logo's h1 - when the enclosing <article> is the better bound. */
static int article_region(const hdom *d, int container)
{
    if (container < 0)
        return 0;
    int art = -1, h1 = -1;
    for (int a = container; a >= 0; a = d->v[a].parent) {
        if (art < 0 && d->v[a].tag == GUMBO_TAG_ARTICLE)
            art = a;
        if (h1 < 0 && (d->v[a].flags & HF_HAS_H1))
            h1 = a;
    }
    if (h1 >= 0 && d->v[h1].tag != GUMBO_TAG_BODY && d->v[h1].tag != GUMBO_TAG_HTML)
        return h1;
    if (art >= 0)
        return art;
    return h1 >= 0 ? h1 : 0;
}

/* Is node i part of a list of other stories (where dates and bylines
 * belong to those stories)?  Lists, excluded chrome, and blocks whose text
 * is mostly links within a few levels up. */
static int in_story_list(const hdom *d, int i, int region)
{
    const hnode *h = &d->v[i];
    if (h->flags & (HF_IN_EXCL | HF_IN_LI))
        return 1;
    int a = h->parent;
    for (int lvl = 0; lvl < 3 && a > region; lvl++, a = d->v[a].parent) {
        const hnode *p = &d->v[a];
        if (p->chars >= 40 && (double)p->links > 0.6 * p->chars)
            return 1;
    }
    return 0;
}

/* ---- title ---- */

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Length of title t without a trailing " - Site" / " | Site": when the
 * suffix is `site` (if given) or looks like a domain; in `guess` mode also
 * when it is short next to the rest (what <title> usually appends). */
static size_t strip_site_suffix(const char *t, const char *site, int guess)
{
    static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", NULL};
    size_t n = strlen(t), best = 0, sep_len = 0;
    const char *which = NULL;
    for (const char *const *s = seps; *s; s++) {
        size_t sl = strlen(*s);
        for (size_t i = n >= sl ? n - sl + 1 : 0; i-- > 0;)
            if (memcmp(t + i, *s, sl) == 0) {
                if (i > best)
                    best = i, sep_len = sl, which = *s;
                break;
            }
    }
    if (!which || best == 0)
        return n;
    const char *suf = t + best + sep_len;
    size_t sn = n - best - sep_len;
    if (site && *site && strlen(site) == sn && strncasecmp(suf, site, sn) == 0)
        return best;
    int domain = sn > 3 && memchr(suf, '.', sn) && !memchr(suf, ' ', sn);
    if (domain)
        return best;
    if (guess) {
        size_t sw = count_words(suf, sn), pw = count_words(t, best);
        if (sw <= 4 && (which[1] == '|' || pw >= 2 * sw))
            return best;
    }
    return n;
}

static att_status set_title(const hdom *d, const gathered *g, int region, att_article *out)
{
    att_buf b = ATT_BUF_INIT;
    att_status st = ATT_OK;
    if (g->og_title && *g->og_title) {
        st = att_buf_puts(&b, g->og_title);
        if (st == ATT_OK)
            st = att_article_set(&out->title, b.data, strip_site_suffix(b.data, g->og_site, 0));
        att_buf_free(&b);
        if (st != ATT_OK || out->title)
            return st;
    }
    /* the article's h1; outside the region only one that is not a link
     * (logos are <h1><a href="/">Site</a></h1>) */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < g->h1.n; k++) {
            int i = g->h1.v[k];
            if ((d->v[i].flags & HF_IN_EXCL) || d->v[i].chars == 0)
                continue;
            if (pass == 0 && !hdom_within(d, region, i))
                continue;
            if (pass == 1 && hdom_link_dense(d, i))
                continue;
            att_buf_clear(&b);
            if ((st = hdom_text(d, i, &b)) == ATT_OK)
                st = att_article_set(&out->title, b.data, b.len);
            att_buf_free(&b);
            if (st != ATT_OK || out->title)
                return st;
        }
    if (g->title_tag >= 0) {
        if ((st = hdom_text(d, g->title_tag, &b)) == ATT_OK && b.data)
            st = att_article_set(&out->title, b.data, strip_site_suffix(b.data, g->og_site, 1));
        att_buf_free(&b);
    }
    return st;
}

/* ---- url ---- */

static int absolute_url(const char *u)
{
    return u && (strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0);
}

static att_status set_url(const gathered *g, att_article *out)
{
    const char *u = absolute_url(g->canonical) ? g->canonical
                    : absolute_url(g->og_url)  ? g->og_url
                    : g->canonical && *g->canonical ? g->canonical
                                                    : g->og_url;
    return u ? att_article_set(&out->url, u, (size_t)-1) : ATT_OK;
}

/* ---- authors ---- */

static int has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t pl = strlen(p);
    return n >= pl && strncasecmp(s, p, pl) == 0;
}

/* Add one name after removing "Tác giả:", "By" etc.; rejects what cannot
 * be a person's or agency's name (too long, dates, URLs, e-mail). */
static att_status add_name(att_article *out, const char *s, size_t n)
{
    static const char *const prefixes[] = {"Tác giả:", "Tác giả", "Bài và ảnh:", "Bài:",
                                           "Bởi", "By", "Viết bởi", "Người viết:", NULL};
    while (n && (*s == ' ' || *s == ':' || *s == '-'))
        s++, n--;
    for (const char *const *p = prefixes; *p; p++) {
        size_t pl = strlen(*p);
        if (has_prefix_ci(s, n, *p) && (n == pl || s[pl] == ' ' || s[pl] == ':')) {
            s += pl, n -= pl;
            while (n && (*s == ' ' || *s == ':'))
                s++, n--;
            break;
        }
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ':'))
        n--;
    size_t digits = 0;
    for (size_t i = 0; i < n; i++)
        digits += s[i] >= '0' && s[i] <= '9';
    if (n < 2 || att_boiler_chars(s, n) > 60 || count_words(s, n) > 8 || digits >= 2 ||
        memchr(s, '@', n) || memchr(s, '/', n))
        return ATT_OK;
    for (size_t k = 0; k < out->n_authors; k++)
        if (strlen(out->authors[k]) == n && memcmp(out->authors[k], s, n) == 0)
            return ATT_OK;
    return att_article_add_author(out, s, n);
}

/* A byline may name several people: "A, B và C", "A | 12/07/2021". */
static att_status add_names(att_article *out, const char *s, size_t n)
{
    static const char *const seps[] = {",", ";", "|", " và ", " & ", " and ", " - ", NULL};
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t sl = 0;
        if (i < n)
            for (const char *const *p = seps; *p && !sl; p++)
                if (has_prefix_ci(s + i, n - i, *p))
                    sl = strlen(*p);
        if (i == n || sl) {
            att_status st = add_name(out, s + a, i - a);
            if (st != ATT_OK)
                return st;
            if (i == n)
                break;
            i += sl - 1;
            a = i + 1;
        }
    }
    return ATT_OK;
}

static att_status authors_from(const hdom *d, const cands *c, int region, int name_child,
                               att_article *out)
{
    att_buf b = ATT_BUF_INIT;
    att_status st = ATT_OK;
    for (int k = 0; k < c->n && st == ATT_OK; k++) {
        int i = c->v[k];
        if (d->v[i].tag == GUMBO_TAG_META) {
            const char *v = hdom_attr(d, i, "content");
            st = v ? add_names(out, v, strlen(v)) : ATT_OK;
            continue;
        }
        if (!hdom_within(d, region, i) || in_story_list(d, i, region) || d->v[i].chars > 120)
            continue;
        int src = i;
        if (name_child) /* itemprop=author wrapping itemprop=name */
            for (int j = i + 1; j < d->v[i].end; j++)
                if (hdom_attr_has_word(d, j, "itemprop", "name")) {
                    src = j;
                    break;
                }
        const char *v = hdom_attr(d, src, "content");
        att_buf_clear(&b);
        if (v && d->v[src].chars == 0)
            st = att_buf_puts(&b, v);
        else
            st = hdom_text(d, src, &b);
        if (st == ATT_OK && b.len)
            st = add_names(out, b.data, b.len);
    }
    att_buf_free(&b);
    return st;
}

static att_status set_authors(const hdom *d, const gathered *g, int region, att_article *out)
{
    att_status st;
    if ((st = authors_from(d, &g->itemprop_author, region, 1, out)) != ATT_OK || out->n_authors)
        return st;
    if ((st = authors_from(d, &g->rel_author, region, 0, out)) != ATT_OK || out->n_authors)
        return st;
    if ((st = authors_from(d, &g->class_author, region, 0, out)) != ATT_OK || out->n_authors)
        return st;
    for (int k = 0; k < g->ld.n_authors && st == ATT_OK; k++)
        st = add_names(out, g->ld.authors[k], strlen(g->ld.authors[k]));
    if (st != ATT_OK || out->n_authors)
        return st;
    if (g->meta_author && !absolute_url(g->meta_author))
        st = add_names(out, g->meta_author, strlen(g->meta_author));
    return st;
}

/* ---- date ---- */

static int date_from_str(const char *s, char iso[20]) { return s && html_parse_date(s, strlen(s), iso); }

/* A visible date element: its datetime/content attribute, else its text. */
static int date_from_node(const hdom *d, int i, char iso[20])
{
    if (date_from_str(hdom_attr(d, i, "datetime"), iso) ||
        date_from_str(hdom_attr(d, i, "content"), iso))
        return 1;
    if (d->v[i].chars > 80)
        return 0;
    att_buf b = ATT_BUF_INIT;
    int ok = hdom_text(d, i, &b) == ATT_OK && b.data && html_parse_date(b.data, b.len, iso);
    att_buf_free(&b);
    return ok;
}

static int date_from_cands(const hdom *d, const cands *c, int region, char iso[20])
{
    for (int k = 0; k < c->n; k++) {
        int i = c->v[k];
        if (!hdom_within(d, region, i) || in_story_list(d, i, region) || (d->v[i].flags & HF_IN_A))
            continue;
        if (date_from_node(d, i, iso))
            return 1;
    }
    return 0;
}

static att_status set_published(const hdom *d, const gathered *g, int region, att_article *out)
{
    char iso[20];
    if (date_from_str(g->meta_pub, iso) || date_from_str(g->itemprop_pub, iso) ||
        date_from_cands(d, &g->itemprop_date, region, iso) ||
        date_from_cands(d, &g->times, region, iso) || date_from_str(g->ld.published, iso) ||
        date_from_cands(d, &g->class_date, region, iso) || date_from_str(g->meta_pub_other, iso) ||
        date_from_str(g->ld.published_any, iso))
        return att_article_set(&out->published, iso, (size_t)-1);
    return ATT_OK;
}

/* ---- lead ---- */

static att_status set_lead_text(att_article *out, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\n' || *s == '\t'))
        s++, n--;
    size_t p = att_boiler_site_prefix(s, n);
    return att_article_set(&out->lead, s + p, n - p);
}

static att_status set_lead(const hdom *d, const gathered *g, int region, att_article *out,
                           int *lead_node)
{
    att_buf b = ATT_BUF_INIT;
    att_status st = ATT_OK;
    for (int k = 0; k < g->lead.n; k++) {
        int i = g->lead.v[k];
        const hnode *h = &d->v[i];
        if (!hdom_within(d, region, i) || (h->flags & (HF_IN_EXCL | HF_IN_LI | HF_IN_A)) ||
            h->tag == GUMBO_TAG_META || h->chars < 30 || h->chars > 1500 || hdom_link_dense(d, i))
            continue;
        if ((st = hdom_text(d, i, &b)) == ATT_OK && b.len)
            st = set_lead_text(out, b.data, b.len);
        att_buf_free(&b);
        if (st != ATT_OK || out->lead) {
            *lead_node = i;
            return st;
        }
    }
    const char *m = g->desc && *g->desc ? g->desc : g->og_desc;
    if (m)
        st = set_lead_text(out, m, strlen(m));
    return st;
}

att_status html_fill_meta(const hdom *d, int container, att_article *out, int *lead_node)
{
    gathered g;
    memset(&g, 0, sizeof g);
    g.title_tag = -1;
    *lead_node = -1;
    gather(d, &g);
    int region = article_region(d, container);
    att_status st = set_title(d, &g, region, out);
    if (st == ATT_OK)
        st = set_url(&g, out);
    if (st == ATT_OK)
        st = set_authors(d, &g, region, out);
    if (st == ATT_OK)
        st = set_published(d, &g, region, out);
    if (st == ATT_OK)
        st = set_lead(d, &g, region, out, lead_node);
    html_jsonld_free(&g.ld);
    return st;
}
