/*
 * html_dom.h - internal to the HTML extractor (html_*.c): a flat, pre-order
 * copy of the gumbo tree with per-node text statistics.
 *
 * Why flat: every question the extractor asks ("is X inside Y", "how much
 * link text is under X", "skip X's subtree") becomes O(1) on an array where
 * node i's descendants are exactly i+1 .. end-1, and the statistics are
 * filled by one reverse sweep - no recursion over a tree that malformed
 * pages can make arbitrarily deep, and no quadratic re-walks.
 *
 * Ownership: hdom_build allocates the array and keeps the gumbo output
 * alive (nodes point into it); hdom_free releases both.
 */
#ifndef ATT_HTML_DOM_H
#define ATT_HTML_DOM_H

#include <gumbo.h>
#include <stddef.h>

#include "../util/buf.h"
#include "article.h"

enum {
    HF_TEXT = 1u << 0,       /* text node (else element) */
    HF_EXCL = 1u << 1,       /* never content: script/nav/footer/..., class "related"/"share"/..., hidden */
    HF_IN_EXCL = 1u << 2,    /* self or an ancestor has HF_EXCL */
    HF_IN_A = 1u << 3,       /* self or an ancestor is <a> */
    HF_IN_LI = 1u << 4,      /* self or an ancestor is <li> */
    HF_IN_BOLD = 1u << 5,    /* self or an ancestor is <b>/<strong> */
    HF_BLOCK = 1u << 6,      /* block-level element */
    HF_HAS_BLOCK = 1u << 7,  /* some descendant is block-level */
    HF_POS = 1u << 8,        /* class/id hints at content ("content", "detail", ...) */
    HF_NEG = 1u << 9,        /* class/id hints at chrome ("sidebar", "box", ...) */
    HF_LEAD = 1u << 10,      /* class/id "sapo", "lead", "description", "summary" */
    HF_AUTHOR = 1u << 11,    /* class/id "author", "byline" */
    HF_DATE = 1u << 12,      /* class/id "date", "time", "publish" */
    HF_QUOTE = 1u << 13,     /* class/id "quote" (pull-quote candidates) */
    HF_HAS_H1 = 1u << 14,    /* self or some descendant is an <h1> */
    HF_SKIP = 1u << 15,      /* dropped by the body emitter (list after a widget heading) */
    HF_HAS_BR = 1u << 16,    /* some descendant is a <br> */
};

typedef struct hnode {
    const GumboNode *g;
    int parent;          /* -1 for the root */
    int end;             /* one past the last descendant */
    GumboTag tag;        /* GUMBO_TAG_UNKNOWN for text nodes */
    unsigned flags;
    /* Visible text under the node, excluded subtrees left out; "chars" are
     * code points with each whitespace run counted once. */
    unsigned chars, links, commas;
    /* The same, only for text in inline runs directly inside this node
     * (text children and inline children without blocks): what a <div>
     * used as a paragraph holds. */
    unsigned inl_chars, inl_commas;
    unsigned prose;      /* chars of real paragraphs (not link lists) under the node */
    float score;         /* Readability content score, see html_body.c */
    int scored;
} hnode;

typedef struct hdom {
    hnode *v;
    int n;
    GumboOutput *out;
    void *arena; /* gumbo's memory, see hgumbo_parse */
} hdom;

/* Memory gumbo may use for one page (a backstop: the element and
 * attribute limits keep real pages far below it). */
#define HTML_PARSE_BUDGET ((size_t)512 << 20)

/* Run gumbo on html with every allocation tracked in *arena (html_gumbo.c):
 * ATT_ERR_TOOBIG past HTML_PARSE_BUDGET, ATT_ERR_FORMAT if gumbo fails
 * one of its assertions (caught; the page is refused, the process goes
 * on), ATT_ERR_NOMEM; message in err.  hgumbo_free(*arena) releases the
 * output in one linear pass. */
att_status hgumbo_parse(const char *html, size_t len, GumboOutput **out, void **arena, char *err,
                        size_t errlen);
void hgumbo_free(void *arena);

/* Parse html and build the flat tree.  ATT_ERR_NOMEM, ATT_ERR_EMPTY (no
 * root element, which gumbo never produces but we do not assume), or
 * hgumbo_parse's errors (message in err). */
att_status hdom_build(hdom *d, const char *html, size_t len, char *err, size_t errlen);
void hdom_free(hdom *d);

/* The tag pre-scan behind att_html_check_limits (html_limits.c);
 * *max_depth (if non-NULL) gets the deepest stack of open elements its
 * model of the tree builder reached (for tests). */
att_status html_limits_scan(const char *html, size_t len, size_t *max_depth, char *err,
                            size_t errlen);

/* Attribute value of element i, or NULL (also for text nodes). */
const char *hdom_attr(const hdom *d, int i, const char *name);
/* Does element i's attribute `name` equal / contain (as a word) `word`,
 * case-insensitively? */
int hdom_attr_is(const hdom *d, int i, const char *name, const char *word);
int hdom_attr_has_word(const hdom *d, int i, const char *name, const char *word);

/* Visible text of node i (excluded descendants skipped, <br> and block
 * boundaries become spaces), whitespace collapsed and trimmed, appended to
 * out. */
att_status hdom_text(const hdom *d, int i, att_buf *out);

/* The text of element h that counts as one paragraph for scoring: all of
 * a <p>/<pre>, the inline runs of a container (sites that write
 * "<div>text<br><br>text</div>").  0 if h is not such an element. */
int hdom_para_text(const hnode *h, unsigned *chars, unsigned *commas);

/* Link text above half of all text (and there is text). */
int hdom_link_dense(const hdom *d, int i);
/* Is j inside i's subtree (or i itself)? */
static inline int hdom_within(const hdom *d, int i, int j) { return j >= i && j < d->v[i].end; }
/* Is element i a heading h1..h6 (returns the level, else 0)? */
int hdom_heading_level(GumboTag t);

/* ---- shared by html_meta.c / html_body.c ---- */

/* Parse a date: ISO 8601 ("2021-07-12", "2021-07-12T14:30:00+07:00"),
 * "12/07/2021 14:30", "14:30 12/7/2021", "12-07-2021 - 14h30" anywhere in
 * s[0..n).  Writes att_iso_date's form into out; 0 if nothing parses. */
int html_parse_date(const char *s, size_t n, char out[20]);

/* What JSON-LD (<script type="application/ld+json">) says about the
 * article.  Strings are malloc'd; html_jsonld_free releases them.
 * Best effort: unparsable JSON and allocation failures leave fields NULL. */
#define HTML_LD_MAX_AUTHORS 8
typedef struct html_ld {
    char *published;     /* datePublished of an Article-type object */
    char *published_any; /* datePublished of any object (ItemList entries...) */
    char *authors[HTML_LD_MAX_AUTHORS];
    int n_authors;
} html_ld;
/* Scan one script's JSON text; earlier scripts' findings win. */
void html_jsonld_scan(const char *json, size_t len, html_ld *ld);
void html_jsonld_free(html_ld *ld);

/* Choose the content container: returns the top candidate (or -1 if the
 * page has no paragraph text at all) and fills roots[0..*nroots) with the
 * nodes to emit, in document order (the top candidate plus siblings that
 * score well; roots has room for `cap`). */
int html_pick_container(hdom *d, int *roots, int cap, int *nroots);

/* Metadata: title, url, authors, published, lead.  `container` (may be -1)
 * scopes the visible-markup sources to the article; *lead_node gets the
 * element the lead came from (or -1) so the body can skip it. */
att_status html_fill_meta(const hdom *d, int container, att_article *out, int *lead_node);

/* Body paragraphs from the roots, boilerplate removed. */
att_status html_emit_body(hdom *d, const int *roots, int nroots, int lead_node, att_article *out);

#endif
