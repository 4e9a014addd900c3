/* html_dom.c - flat DOM with text statistics; see html_dom.h. */
#include "html_dom.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- class/id hints ---- */

/* Hints this long are distinctive enough to match inside a longer token
 * ("box-tinlienquanv2", "sharedNewsletterBox"); shorter ones ("ads", "tag",
 * "nav", "lead") must stand as words. */
#define LONG_HINT 8

static int is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int lower(int c) { return is_upper(c) ? c + 32 : c; }

/* Is a match of wl bytes at s[p] a whole word: non-alphanumeric or a
 * lower->upper case change on each side, an optional plural 's' allowed? */
static int hint_boundaries(const char *s, size_t p, size_t wl)
{
    /* camelCase counts as a boundary: "relatedNews", "newsRelated" */
    int before = p == 0 || !is_alnum((unsigned char)s[p - 1]) ||
                 (is_lower((unsigned char)s[p - 1]) && is_upper((unsigned char)s[p]));
    size_t q = p + wl;
    if ((s[q] == 's' || s[q] == 'S') && !is_alnum((unsigned char)s[q + 1]))
        q++; /* plural: "comments", "tags" */
    int after = !is_alnum((unsigned char)s[q]) ||
                (is_upper((unsigned char)s[q]) && is_lower((unsigned char)s[q - 1]));
    return before && after;
}

/* Class/id words that mark chrome which is never article text; an element
 * carrying one is excluded unless it turns out to hold the article itself. */
static const char *const skip_words[] = {
    "caption", "related", "relate", "tag", "share", "sharing", "social", "comment",
    "lienquan", "lien-quan", "tinlienquan", "tin-lien-quan", "advert", "advertisement", "ads",
    "banner", "breadcrumb", "sidebar", "widget", "popup", "modal", "newsletter", "subscribe",
    "toolbar", "keyword", "recommend", "xem-them", "doc-them", "xemthem", "most-viewed",
    "mostview", "cung-chuyen-muc", "footer", "menu", "nav", NULL};
static const char *const pos_words[] = {
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text",
    "blog", "story", "detail", "chitiet", "chi-tiet", "noidung", "noi-dung", "fck",
    "maincontent", "newscontent", NULL};
static const char *const neg_words[] = {
    "hidden", "banner", "combx", "comment", "contact", "foot", "footer", "footnote",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tag", "tool", "widget",
    "nav", "menu", "box", "lienquan", "lien-quan", "tin-lien-quan", "ads", "advert",
    "popular", "most", "xem-them", "doc-them", "cung-chuyen-muc", "social", "breadcrumb",
    "author", "date", NULL};
static const char *const lead_words[] = {"sapo", "lead", "description", "summary", "desc",
                                         "intro", "standfirst", "chapeau", NULL};
static const char *const author_words[] = {"author", "byline", "tac-gia", "tacgia", "writer",
                                           NULL};
static const char *const date_words[] = {"date", "time", "publish", "published", "pubdate",
                                         "datetime", NULL};
static const char *const quote_words[] = {"quote", "pullquote", NULL};

enum { HF_SKIPCLASS_ = 1u << 30 }; /* build-time only: class says chrome */

/* All hint words bucketed by first letter, so matching a class string is
 * one pass over its characters instead of a substring search per word.
 * Built per hdom_build call (a few hundred bytes, no shared state). */
#define MAX_HINTS 192
typedef struct hint_index {
    const char *w[MAX_HINTS];
    unsigned char len[MAX_HINTS];
    unsigned flag[MAX_HINTS];
    int start[27]; /* bucket b is [start[b], start[b+1]) */
} hint_index;

static void hint_index_build(hint_index *x)
{
    static const struct {
        const char *const *words;
        unsigned flag;
    } lists[] = {{skip_words, HF_SKIPCLASS_}, {pos_words, HF_POS},       {neg_words, HF_NEG},
                 {lead_words, HF_LEAD},       {author_words, HF_AUTHOR}, {date_words, HF_DATE},
                 {quote_words, HF_QUOTE}};
    int count[26] = {0}, n = 0;
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (const char *const *w = lists[l].words; *w; w++)
            count[**w - 'a']++, n++;
    x->start[0] = 0;
    for (int b = 0; b < 26; b++)
        x->start[b + 1] = x->start[b] + count[b];
    int fill[26];
    memcpy(fill, x->start, sizeof fill);
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (const char *const *w = lists[l].words; *w; w++) {
            int k = fill[**w - 'a']++;
            x->w[k] = *w;
            x->len[k] = (unsigned char)strlen(*w);
            x->flag[k] = lists[l].flag;
        }
    (void)n;
}
#define NWORDS(a) (sizeof(a) / sizeof(a)[0] - 1)
_Static_assert(NWORDS(skip_words) + NWORDS(pos_words) + NWORDS(neg_words) + NWORDS(lead_words) +
                       NWORDS(author_words) + NWORDS(date_words) + NWORDS(quote_words) <=
                   MAX_HINTS,
               "raise MAX_HINTS");

/* Flags for the hint words in class or id string s. */
static unsigned hint_flags(const hint_index *x, const char *s)
{
    unsigned flags = 0;
    for (size_t p = 0; s[p]; p++) {
        int c = lower((unsigned char)s[p]);
        if (c < 'a' || c > 'z')
            continue;
        for (int k = x->start[c - 'a']; k < x->start[c - 'a' + 1]; k++) {
            if (flags & x->flag[k])
                continue;
            size_t i = 1, wl = x->len[k];
            while (i < wl && lower((unsigned char)s[p + i]) == x->w[k][i])
                i++;
            if (i == wl && (wl >= LONG_HINT || hint_boundaries(s, p, wl)))
                flags |= x->flag[k];
        }
    }
    return flags;
}

/* ---- tags ---- */

/* Never article text, whatever the page says. */
static int excluded_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_MAP:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_MENU:
        return 1;
    default:
        return 0;
    }
}

static int is_block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_CANVAS:
        return 1;
    default:
        return 0; /* inline, and unknown/custom elements (<o:p>, <picture>) */
    }
}

int hdom_heading_level(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
    }
}

/* ---- attributes ---- */

const char *hdom_attr(const hdom *d, int i, const char *name)
{
    const GumboNode *g = d->v[i].g;
    if (d->v[i].flags & HF_TEXT)
        return NULL;
    GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
    return a ? a->value : NULL;
}

static int eq_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

int hdom_attr_is(const hdom *d, int i, const char *name, const char *word)
{
    const char *v = hdom_attr(d, i, name);
    if (!v)
        return 0;
    while (*v == ' ')
        v++;
    size_t n = strlen(v);
    while (n && v[n - 1] == ' ')
        n--;
    return n == strlen(word) && strncasecmp(v, word, n) == 0;
}

/* Space-separated token lists (rel="author nofollow", itemprop="author"). */
int hdom_attr_has_word(const hdom *d, int i, const char *name, const char *word)
{
    const char *v = hdom_attr(d, i, name);
    size_t wl = strlen(word);
    while (v && *v) {
        while (*v == ' ' || *v == '\t' || *v == '\n')
            v++;
        const char *e = v;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n')
            e++;
        if ((size_t)(e - v) == wl && strncasecmp(v, word, wl) == 0)
            return 1;
        v = e;
    }
    return 0;
}

/* hidden, aria-hidden="true", style="display:none" / "visibility:hidden" */
static int is_hidden(const GumboElement *el)
{
    if (gumbo_get_attribute(&el->attributes, "hidden"))
        return 1;
    GumboAttribute *a = gumbo_get_attribute(&el->attributes, "aria-hidden");
    if (a && eq_ci(a->value, "true"))
        return 1;
    a = gumbo_get_attribute(&el->attributes, "style");
    if (!a)
        return 0;
    /* compare with spaces removed: "display : none" */
    char buf[256];
    size_t k = 0;
    for (const char *p = a->value; *p && k + 1 < sizeof buf; p++)
        if (*p != ' ' && *p != '\t')
            buf[k++] = (char)lower((unsigned char)*p);
    buf[k] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

/* ---- building ---- */

static int push_node(hdom *d, int *cap, const GumboNode *g, int parent, const hint_index *hx)
{
    if (d->n == *cap) {
        if (*cap > INT_MAX / 2)
            return -1;
        int nc = *cap ? *cap * 2 : 1024;
        hnode *v = realloc(d->v, (size_t)nc * sizeof *v);
        if (!v)
            return -1;
        d->v = v;
        *cap = nc;
    }
    hnode *h = &d->v[d->n];
    memset(h, 0, sizeof *h);
    h->g = g;
    h->parent = parent;
    h->end = d->n + 1;
    h->tag = GUMBO_TAG_UNKNOWN;
    if (parent >= 0)
        h->flags = d->v[parent].flags & (HF_IN_A | HF_IN_LI | HF_IN_BOLD);
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
        g->type == GUMBO_NODE_CDATA) {
        h->flags |= HF_TEXT;
        return d->n++;
    }
    const GumboElement *el = &g->v.element;
    GumboTag t = el->tag;
    h->tag = t;
    if (t == GUMBO_TAG_A)
        h->flags |= HF_IN_A;
    if (t == GUMBO_TAG_LI)
        h->flags |= HF_IN_LI;
    if (t == GUMBO_TAG_B || t == GUMBO_TAG_STRONG)
        h->flags |= HF_IN_BOLD;
    if (is_block_tag(t))
        h->flags |= HF_BLOCK;
    if (t == GUMBO_TAG_H1)
        h->flags |= HF_HAS_H1;
    if (g->type == GUMBO_NODE_TEMPLATE || excluded_tag(t) || is_hidden(el))
        h->flags |= HF_EXCL;
    GumboAttribute *ca = gumbo_get_attribute(&el->attributes, "class");
    GumboAttribute *ia = gumbo_get_attribute(&el->attributes, "id");
    const char *cls = ca ? ca->value : NULL, *id = ia ? ia->value : NULL;
    if (cls)
        h->flags |= hint_flags(hx, cls);
    if (id)
        h->flags |= hint_flags(hx, id);
    return d->n++;
}

/* Code points, with each whitespace run counted once, and commas. */
static void text_stats(const char *s, unsigned *chars, unsigned *commas)
{
    unsigned c = 0, k = 0;
    int in_space = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
        if (sp) {
            if (!in_space)
                c++;
            in_space = 1;
            continue;
        }
        in_space = 0;
        if ((*p & 0xC0) != 0x80)
            c++;
        if (*p == ',')
            k++;
    }
    *chars = c;
    *commas = k;
}

int hdom_para_text(const hnode *h, unsigned *chars, unsigned *commas)
{
    switch (h->tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_PRE:
        *chars = h->chars;
        *commas = h->commas;
        return 1;
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_TD: case GUMBO_TAG_CENTER: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DD:
    case GUMBO_TAG_BODY: case GUMBO_TAG_UNKNOWN:
        *chars = h->inl_chars;
        *commas = h->inl_commas;
        return 1;
    default:
        return 0;
    }
}

/* Bottom-up statistics, HF_EXCL subtrees left out.  Children come after
 * their parent, so a reverse sweep sees every node complete before adding
 * it to its parent.  `prose` counts the text of real paragraphs (not
 * link lists) under a node. */
static void sweep_stats(hdom *d)
{
    for (int i = 0; i < d->n; i++) {
        hnode *h = &d->v[i];
        h->chars = h->links = h->commas = h->inl_chars = h->inl_commas = h->prose = 0;
        h->flags &= ~(unsigned)HF_HAS_BLOCK;
    }
    for (int i = d->n - 1; i >= 0; i--) {
        hnode *h = &d->v[i];
        unsigned pc, pk;
        if (h->flags & HF_TEXT) {
            text_stats(h->g->v.text.text, &h->chars, &h->commas);
            if (h->flags & HF_IN_A)
                h->links = h->chars;
            h->inl_chars = h->chars;
            h->inl_commas = h->commas;
        } else if (hdom_para_text(h, &pc, &pk) && pc >= 25 && h->links * 2 <= h->chars) {
            h->prose += pc;
        }
        if (h->parent < 0)
            continue;
        hnode *p = &d->v[h->parent];
        if (h->flags & HF_HAS_H1)
            p->flags |= HF_HAS_H1;
        if ((h->flags & HF_HAS_BR) || h->tag == GUMBO_TAG_BR)
            p->flags |= HF_HAS_BR;
        if (h->flags & HF_EXCL)
            continue;
        if (h->flags & (HF_BLOCK | HF_HAS_BLOCK))
            p->flags |= HF_HAS_BLOCK;
        p->chars += h->chars;
        p->links += h->links;
        p->commas += h->commas;
        p->prose += h->prose;
        if (!(h->flags & (HF_BLOCK | HF_HAS_BLOCK))) {
            p->inl_chars += h->chars;
            p->inl_commas += h->commas;
        }
    }
}

/* An element whose class says chrome is still kept when it plainly holds
 * the article: VnExpress's main column is "sidebar-1", WordPress puts
 * "tag-foo" on <article>, CMSes wrap stories in "box-detail share-on". */
static int keeps_despite_class(const hnode *h, unsigned page_prose)
{
    if (h->tag == GUMBO_TAG_HTML || h->tag == GUMBO_TAG_BODY || h->tag == GUMBO_TAG_ARTICLE ||
        h->tag == GUMBO_TAG_MAIN)
        return 1;
    return page_prose > 0 && h->prose * 2 >= page_prose;
}

att_status hdom_build(hdom *d, const char *html, size_t len, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    att_status pst = hgumbo_parse(html, len, &d->out, &d->arena, err, errlen);
    if (pst != ATT_OK)
        return pst;
    if (!d->out)
        return ATT_ERR_NOMEM;
    if (!d->out->root || d->out->root->type != GUMBO_NODE_ELEMENT)
        return ATT_ERR_EMPTY;

    hint_index hx;
    hint_index_build(&hx);
    /* Pre-order copy with an explicit stack: malformed pages can nest
     * thousands of unclosed elements. */
    int cap = 0, scap = 64, sp = 0;
    struct frame {
        int idx;
        unsigned next;
    } *stack = malloc((size_t)scap * sizeof *stack);
    if (!stack || push_node(d, &cap, d->out->root, -1, &hx) < 0) {
        free(stack);
        return ATT_ERR_NOMEM;
    }
    stack[sp++] = (struct frame){0, 0};
    while (sp) {
        struct frame *f = &stack[sp - 1];
        const GumboVector *kids = &d->v[f->idx].g->v.element.children;
        if (f->next >= kids->length) {
            d->v[f->idx].end = d->n;
            sp--;
            continue;
        }
        const GumboNode *c = kids->data[f->next++];
        if (c->type == GUMBO_NODE_COMMENT || c->type == GUMBO_NODE_DOCUMENT)
            continue;
        int k = push_node(d, &cap, c, f->idx, &hx);
        if (k < 0)
            goto nomem;
        if (d->v[k].flags & HF_TEXT)
            continue;
        if (sp == scap) {
            struct frame *ns = realloc(stack, (size_t)scap * 2 * sizeof *ns);
            if (!ns)
                goto nomem;
            stack = ns;
            scap *= 2;
        }
        stack[sp++] = (struct frame){k, 0};
    }
    free(stack);
    stack = NULL;

    /* Statistics first without the class-based exclusions, to see which
     * "chrome" classes actually hold most of the page's prose; then again
     * with the rest excluded. */
    sweep_stats(d);
    for (int i = 0; i < d->n; i++)
        if ((d->v[i].flags & HF_SKIPCLASS_) && !keeps_despite_class(&d->v[i], d->v[0].prose))
            d->v[i].flags |= HF_EXCL;
    sweep_stats(d);
    /* Top-down: exclusion is inherited. */
    for (int i = 0; i < d->n; i++) {
        hnode *h = &d->v[i];
        h->flags &= ~(unsigned)HF_SKIPCLASS_;
        if ((h->flags & HF_EXCL) || (h->parent >= 0 && (d->v[h->parent].flags & HF_IN_EXCL)))
            h->flags |= HF_IN_EXCL;
    }
    return ATT_OK;
nomem:
    free(stack);
    return ATT_ERR_NOMEM;
}

void hdom_free(hdom *d)
{
    hgumbo_free(d->arena); /* d->out lives there */
    free(d->v);
    memset(d, 0, sizeof *d);
}

int hdom_link_dense(const hdom *d, int i)
{
    const hnode *h = &d->v[i];
    return h->chars > 0 && h->links * 2 > h->chars;
}

/* ---- text ---- */

/* Bytes of the ASCII whitespace or NBSP at p, 0 if none. */
static size_t space_at(const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        return 1;
    return c == 0xC2 && (unsigned char)p[1] == 0xA0 ? 2 : 0;
}

att_status hdom_text(const hdom *d, int i, att_buf *out)
{
    size_t start = out->len;
    int pending = 0;
    /* ends of the block elements we are inside: leaving one is a space */
    int ends[64], ne = 0;
    for (int j = i; j < d->v[i].end; j++) {
        const hnode *h = &d->v[j];
        while (ne && ends[ne - 1] <= j) {
            ne--;
            pending = 1;
        }
        if (j != i && (h->flags & HF_EXCL)) {
            j = h->end - 1;
            pending = 1;
            continue;
        }
        if (!(h->flags & HF_TEXT)) {
            if (h->tag == GUMBO_TAG_BR || h->tag == GUMBO_TAG_IMG)
                pending = 1;
            else if (h->flags & HF_BLOCK) {
                pending = 1;
                if (ne < 64)
                    ends[ne++] = h->end;
            }
            continue;
        }
        /* copy runs of non-space bytes in one append each */
        const char *p = h->g->v.text.text;
        while (*p) {
            size_t sp = space_at(p);
            if (sp) {
                p += sp;
                pending = 1;
                continue;
            }
            const char *q = p;
            while (*q && !space_at(q))
                q++;
            if (pending && out->len > start && att_buf_putc(out, ' ') != ATT_OK)
                return ATT_ERR_NOMEM;
            pending = 0;
            if (att_buf_append(out, p, (size_t)(q - p)) != ATT_OK)
                return ATT_ERR_NOMEM;
            p = q;
        }
    }
    return ATT_OK;
}
