/* html_limits.c - a linear pre-scan of an HTML page's tags that refuses
 * pages gumbo would parse too slowly or too deeply; see html_extract.h.
 *
 * gumbo 0.10 (Debian 12) has no limit of its own: it nests elements as
 * deep as the page says (and then frees the tree recursively, so ~300k
 * levels overflow the stack), checks every new attribute against the
 * element's earlier ones (quadratic in attributes per element), and looks
 * through the stack of open elements for every tag (quadratic in depth).
 *
 * The scan runs the HTML tokenizer's states that decide where tags are
 * (comments, bogus comments, raw text such as <script>, quoted attribute
 * values) and keeps a model of the stack of open elements: void elements
 * and self-closing foreign elements are never pushed, an element that
 * closes an open one of its kind (<p>, <li>, <td>, <a>...) pops it, an
 * end tag pops to its element unless a scope boundary or (for ordinary
 * elements) a "special" element lies between, as the tree builder does.
 * Where the model and gumbo could disagree it errs towards a deeper stack,
 * so a page it lets through is never deeper in gumbo than the limit by
 * more than the cases it simplifies (implied end tags it leaves open). */
#include "html_dom.h"
#include "html_extract.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/status.h"

#define NAME_MAX_LEN 64   /* longer tag names never match an end tag */
#define NAME_SLOTS 4096   /* distinct tag names remembered (power of two) */
#define ID_NONE 0         /* a name that matches nothing */

/* Tag classes (bits). */
enum {
    C_VOID = 1u << 0,     /* never has content: not pushed */
    C_SPECIAL = 1u << 1,  /* "special" category of the tree builder */
    C_SCOPE = 1u << 2,    /* boundary of "has an element in scope" */
    C_SAMEPOP = 1u << 3,  /* a start tag closes an open one of its kind */
    C_RAW = 1u << 4,      /* raw text / RCDATA: content is not markup */
    C_BREAKOUT = 1u << 5, /* leaves foreign (svg/math) content */
    C_FOREIGN = 1u << 6,  /* svg, math: enters foreign content */
    C_INTEGRATION = 1u << 7, /* foreignObject, desc, title (svg), annotation-xml, mi.. (math) */
    C_ONCE = 1u << 8,     /* html, head, body: a second one is merged, not pushed */
    C_PLAINTEXT = 1u << 9,
    C_FORMAT = 1u << 10,  /* formatting element: reopened by the tree builder after a forced close */
    C_MARKER = 1u << 11,  /* puts a marker in the list of active formatting elements */
    C_CLOSES_P = 1u << 13, /* closes an open <p> in button scope first */
    C_TABLE = 1u << 12,   /* only inside a table (else the tree builder ignores it) */
};

typedef struct known_tag {
    const char *name;
    unsigned cls;
    uint8_t group; /* same-kind group for C_SAMEPOP (headings, table sections) */
} known_tag;

static const known_tag known[] = {
    {"area", C_VOID | C_SPECIAL, 0},     {"base", C_VOID | C_SPECIAL, 0},
    {"basefont", C_VOID | C_SPECIAL, 0}, {"bgsound", C_VOID | C_SPECIAL, 0},
    {"br", C_VOID | C_SPECIAL | C_BREAKOUT, 0}, {"col", C_VOID | C_SPECIAL, 0},
    {"embed", C_VOID | C_SPECIAL | C_BREAKOUT, 0}, {"frame", C_VOID | C_SPECIAL, 0},
    {"hr", C_VOID | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0}, {"img", C_VOID | C_SPECIAL | C_BREAKOUT, 0},
    {"image", C_VOID, 0},                {"input", C_VOID | C_SPECIAL, 0},
    {"keygen", C_VOID, 0},               {"link", C_VOID | C_SPECIAL, 0},
    {"meta", C_VOID | C_SPECIAL | C_BREAKOUT, 0}, {"param", C_VOID | C_SPECIAL, 0},
    {"source", C_VOID | C_SPECIAL, 0},   {"track", C_VOID | C_SPECIAL, 0},
    {"wbr", C_VOID | C_SPECIAL, 0},      {"menuitem", C_VOID, 0},
    {"isindex", C_VOID, 0},
    {"script", C_RAW | C_SPECIAL, 0},    {"style", C_RAW | C_SPECIAL, 0},
    {"textarea", C_RAW | C_SPECIAL, 0},  {"title", C_RAW | C_SPECIAL | C_INTEGRATION, 0},
    {"xmp", C_RAW | C_SPECIAL | C_CLOSES_P, 0},       {"iframe", C_RAW | C_SPECIAL, 0},
    {"noembed", C_RAW | C_SPECIAL, 0},   {"noframes", C_RAW | C_SPECIAL, 0},
    {"plaintext", C_PLAINTEXT | C_SPECIAL | C_CLOSES_P, 0},
    {"html", C_ONCE | C_SPECIAL | C_SCOPE, 0}, {"head", C_ONCE | C_SPECIAL, 0},
    {"body", C_ONCE | C_SPECIAL | C_BREAKOUT, 0},
    {"p", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 1}, {"li", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 2},
    {"dd", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 3}, {"dt", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 3},
    {"option", C_SAMEPOP, 4},            {"optgroup", C_SAMEPOP, 5},
    {"h1", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 6}, {"h2", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 6},
    {"h3", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 6}, {"h4", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 6},
    {"h5", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 6}, {"h6", C_SAMEPOP | C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 6},
    {"tr", C_TABLE | C_SAMEPOP | C_SPECIAL, 7},    {"td", C_TABLE | C_SAMEPOP | C_SPECIAL | C_SCOPE | C_MARKER, 8},
    {"th", C_TABLE | C_SAMEPOP | C_SPECIAL | C_SCOPE | C_MARKER, 8},
    {"tbody", C_TABLE | C_SAMEPOP | C_SPECIAL, 9}, {"thead", C_TABLE | C_SAMEPOP | C_SPECIAL, 9},
    {"tfoot", C_TABLE | C_SAMEPOP | C_SPECIAL, 9}, {"caption", C_TABLE | C_SAMEPOP | C_SPECIAL | C_SCOPE | C_MARKER, 10},
    {"colgroup", C_TABLE | C_SAMEPOP | C_SPECIAL, 11}, {"a", C_SAMEPOP | C_FORMAT, 12}, {"nobr", C_SAMEPOP | C_FORMAT | C_BREAKOUT, 13},
    {"button", C_SAMEPOP | C_SPECIAL, 14}, {"form", C_SAMEPOP | C_SPECIAL | C_CLOSES_P, 15},
    {"rb", C_SAMEPOP, 16}, {"rt", C_SAMEPOP, 16}, {"rp", C_SAMEPOP, 16}, {"rtc", C_SAMEPOP, 16},
    {"select", C_SAMEPOP | C_SPECIAL, 17},
    {"table", C_SPECIAL | C_SCOPE | C_BREAKOUT, 0}, {"applet", C_SPECIAL | C_SCOPE | C_MARKER, 0},
    {"marquee", C_SPECIAL | C_SCOPE | C_MARKER, 0}, {"object", C_SPECIAL | C_SCOPE | C_MARKER, 0},
    {"template", C_SPECIAL | C_SCOPE | C_MARKER, 0},
    {"address", C_SPECIAL | C_CLOSES_P, 0},  {"article", C_SPECIAL | C_CLOSES_P, 0}, {"aside", C_SPECIAL | C_CLOSES_P, 0},
    {"blockquote", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0}, {"center", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0},
    {"details", C_SPECIAL | C_CLOSES_P, 0},  {"dir", C_SPECIAL | C_CLOSES_P, 0},
    {"div", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0}, {"dl", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0},
    {"fieldset", C_SPECIAL | C_CLOSES_P, 0}, {"figcaption", C_SPECIAL | C_CLOSES_P, 0}, {"figure", C_SPECIAL | C_CLOSES_P, 0},
    {"footer", C_SPECIAL | C_CLOSES_P, 0},   {"frameset", C_SPECIAL, 0}, {"header", C_SPECIAL | C_CLOSES_P, 0},
    {"hgroup", C_SPECIAL | C_CLOSES_P, 0},   {"listing", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0}, {"main", C_SPECIAL | C_CLOSES_P, 0},
    {"menu", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0}, {"nav", C_SPECIAL | C_CLOSES_P, 0}, {"noscript", C_SPECIAL, 0},
    {"ol", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0}, {"pre", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0},
    {"section", C_SPECIAL | C_CLOSES_P, 0},  {"summary", C_SPECIAL | C_CLOSES_P, 0}, {"ul", C_SPECIAL | C_BREAKOUT | C_CLOSES_P, 0},
    {"b", C_FORMAT | C_BREAKOUT, 0}, {"big", C_FORMAT | C_BREAKOUT, 0}, {"code", C_FORMAT | C_BREAKOUT, 0}, {"em", C_FORMAT | C_BREAKOUT, 0},
    {"font", C_FORMAT, 0}, {"i", C_FORMAT | C_BREAKOUT, 0}, {"ruby", C_BREAKOUT, 0}, {"s", C_FORMAT | C_BREAKOUT, 0},
    {"small", C_FORMAT | C_BREAKOUT, 0}, {"span", C_BREAKOUT, 0}, {"strike", C_FORMAT | C_BREAKOUT, 0},
    {"strong", C_FORMAT | C_BREAKOUT, 0}, {"sub", C_BREAKOUT, 0}, {"sup", C_BREAKOUT, 0},
    {"tt", C_FORMAT | C_BREAKOUT, 0}, {"u", C_FORMAT | C_BREAKOUT, 0}, {"var", C_BREAKOUT, 0},
    {"svg", C_FOREIGN, 0}, {"math", C_FOREIGN, 0},
    {"foreignobject", C_INTEGRATION, 0}, {"desc", C_INTEGRATION, 0},
    {"annotation-xml", C_INTEGRATION, 0}, {"mi", C_INTEGRATION, 0}, {"mo", C_INTEGRATION, 0},
    {"mn", C_INTEGRATION, 0}, {"ms", C_INTEGRATION, 0}, {"mtext", C_INTEGRATION, 0},
};

/* Interned tag names: id = slot + 1. */
typedef struct name_slot {
    uint8_t len; /* 0: empty */
    char name[NAME_MAX_LEN];
    unsigned cls;
    uint8_t group;
    int open; /* how many are on the modelled stack */
} name_slot;

typedef struct entry {
    uint32_t id;
    uint8_t foreign;     /* 0 HTML, 1 svg, 2 MathML namespace */
    uint8_t integration; /* foreign, but its content is HTML */
    size_t afl_mark;     /* marker elements: afl_off when pushed */
    uint64_t key;        /* formatting elements: name and attributes, hashed */
} entry;

/* Formatting elements closed by something else than their own end tag
 * (<p><b>x</p>) stay in the list of active formatting elements, and the
 * tree builder reopens them before the next text or formatting element,
 * so they count towards the depth: at most 3 of one name and attributes
 * (the "Noah's Ark" clause), the list cleared to the last marker when a
 * marker element (td, caption, object...) closes. */
typedef struct afl {
    uint64_t *list;      /* keys, in order */
    size_t n, cap;
    uint64_t *keys;      /* open addressing: key -> count */
    uint32_t *counts;
    size_t tcap, tused;
} afl;

typedef struct scan {
    name_slot *names;
    entry stack[ATT_HTML_MAX_DEPTH + 2];
    int sp;
    afl fl;
    size_t marks[ATT_HTML_MAX_DEPTH + 2]; /* afl length at each open marker element */
    int n_marks;
    int nomem;
    int other_pushed; /* a tag other than html/head/body/frameset was seen */
    int framesets;    /* HTML (not foreign) framesets open */
    size_t elements, attrs, max_depth;
    uint32_t table_id, frameset_id, select_id, p_id, form_id;
} scan;

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The id of a lower-case name (ID_NONE if too long or the table is
 * crowded: such a name is pushed but never popped by an end tag - a
 * deeper model). */
static uint32_t intern(scan *sc, const char *s, size_t n)
{
    if (n == 0 || n > NAME_MAX_LEN)
        return ID_NONE;
    uint32_t h = name_hash(s, n) & (NAME_SLOTS - 1);
    for (uint32_t probe = 0; probe <= 64; probe++, h = (h + 1) & (NAME_SLOTS - 1)) {
        name_slot *e = &sc->names[h];
        if (e->len == n && memcmp(e->name, s, n) == 0)
            return h + 1;
        if (e->len == 0) {
            e->len = (uint8_t)n;
            memcpy(e->name, s, n);
            for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
                if (strlen(known[k].name) == n && memcmp(known[k].name, s, n) == 0) {
                    e->cls = known[k].cls;
                    e->group = known[k].group;
                }
            return h + 1;
        }
    }
    return ID_NONE;
}

static const name_slot *slot(const scan *sc, uint32_t id)
{
    static const name_slot none = {0, "", 0, 0, 0};
    return id == ID_NONE ? &none : &sc->names[id - 1];
}

static int is_name(const name_slot *n, const char *w)
{
    size_t l = strlen(w);
    return n->len == l && memcmp(n->name, w, l) == 0;
}

static uint32_t *afl_count(afl *f, uint64_t key)
{
    if (f->tused * 2 >= f->tcap) {
        size_t nc = f->tcap ? f->tcap * 2 : 256;
        uint64_t *nk = calloc(nc, sizeof *nk);
        uint32_t *nn = calloc(nc, sizeof *nn);
        if (!nk || !nn) {
            free(nk);
            free(nn);
            return NULL;
        }
        for (size_t i = 0; i < f->tcap; i++)
            if (f->keys[i]) {
                size_t h = (size_t)(f->keys[i] * 0x9E3779B97F4A7C15ull >> 20) & (nc - 1);
                while (nk[h])
                    h = (h + 1) & (nc - 1);
                nk[h] = f->keys[i];
                nn[h] = f->counts[i];
            }
        free(f->keys);
        free(f->counts);
        f->keys = nk;
        f->counts = nn;
        f->tcap = nc;
    }
    size_t h = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (f->tcap - 1);
    while (f->keys[h] && f->keys[h] != key)
        h = (h + 1) & (f->tcap - 1);
    if (!f->keys[h]) {
        f->keys[h] = key;
        f->tused++;
    }
    return &f->counts[h];
}

/* A formatting element left open enters the list (unless 3 like it are
 * there already).  -1 on allocation failure. */
static int afl_add(afl *f, uint64_t key)
{
    uint32_t *c = afl_count(f, key);
    if (!c)
        return -1;
    if (*c >= 3)
        return 0;
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 64;
        uint64_t *nl = realloc(f->list, nc * sizeof *nl);
        if (!nl)
            return -1;
        f->list = nl;
        f->cap = nc;
    }
    f->list[f->n++] = key;
    (*c)++;
    return 0;
}

static void afl_truncate(afl *f, size_t n)
{
    while (f->n > n) {
        uint32_t *c = afl_count(f, f->list[--f->n]);
        if (c && *c)
            (*c)--;
    }
}

/* Pop the top element; `own` when its own end tag (or the same kind of
 * start tag) closes it, else a formatting element stays to be reopened. */
static void pop(scan *sc, int own)
{
    entry *e = &sc->stack[--sc->sp];
    const name_slot *n = slot(sc, e->id);
    if (e->id != ID_NONE)
        sc->names[e->id - 1].open--;
    if (e->id == sc->frameset_id && !e->foreign)
        sc->framesets--;
    if (!e->foreign && (n->cls & C_MARKER)) {
        if (sc->fl.n > e->afl_mark)
            afl_truncate(&sc->fl, e->afl_mark); /* the list is cleared to the marker */
        if (sc->n_marks > 0)
            sc->n_marks--;
    } else if (!own && !e->foreign && (n->cls & C_FORMAT) && afl_add(&sc->fl, e->key) < 0)
        sc->nomem = 1;
}

/* Pop entries down to and including index i (i itself closed by its own
 * kind of tag). */
static void pop_to(scan *sc, int i)
{
    while (sc->sp > i + 1)
        pop(sc, 0);
    pop(sc, 1);
}

/* Is the top of the modelled stack foreign content (not an integration
 * point)? */
static int in_foreign(const scan *sc)
{
    return sc->sp > 0 && sc->stack[sc->sp - 1].foreign && !sc->stack[sc->sp - 1].integration;
}

/* A start tag that closes an open element of its own kind: pop to it if
 * the tree builder would find it.  Groups: 1 p (button scope), 2-3 li and
 * dd/dt (stop at special elements but address, div, p), 14 button (in
 * scope), the others only the current node. */
static void close_same(scan *sc, uint32_t id)
{
    const name_slot *me = slot(sc, id);
    for (int i = sc->sp - 1; i >= 0; i--) {
        const entry *e = &sc->stack[i];
        const name_slot *o = slot(sc, e->id);
        if (!e->foreign && e->id != ID_NONE &&
            (e->id == id || (me->group && o->group == me->group))) {
            pop_to(sc, i);
            return;
        }
        if (e->foreign || (o->cls & C_SCOPE))
            return;
        switch (me->group) {
        case 1:
            if (is_name(o, "button"))
                return;
            break;
        case 2:
        case 3:
            if ((o->cls & C_SPECIAL) && !is_name(o, "div") && !is_name(o, "address") &&
                !is_name(o, "p"))
                return;
            break;
        case 14: /* button: in scope */
            break;
        default: /* only the current node (the tree builder's rules for
                  * tables, <a>, <select> are closer to that than to a
                  * search, and a search could pop what it keeps) */
            return;
        }
    }
}

/* A table part's start tag (groups 7 tr, 8 td/th, 9 tbody/thead/tfoot,
 * 10 caption, 11 colgroup) inside a table: it closes the open cell, row
 * or section of the innermost table as far as its kind requires. */
static void table_part(scan *sc, uint32_t id)
{
    int g = slot(sc, id)->group, i = sc->sp - 1;
    while (i >= 0 && !sc->stack[i].foreign) {
        const name_slot *o = slot(sc, sc->stack[i].id);
        if (sc->stack[i].id == sc->table_id || is_name(o, "template") || is_name(o, "html"))
            break;
        if (o->group >= 7 && o->group <= 11 && (o->cls & C_TABLE))
            break;
        i--;
    }
    if (i < 0 || sc->stack[i].foreign || sc->stack[i].id == sc->table_id)
        return;
    int og = slot(sc, sc->stack[i].id)->group;
    if (og == 8 || (og == 7 && g != 8)) { /* close the cell; the row too unless a cell comes */
        pop_to(sc, i);
        if (g != 8 && g != 7 && sc->sp > 0 && slot(sc, sc->stack[sc->sp - 1].id)->group == 7)
            pop(sc, 1);
        if (g == 7 && og == 8 && sc->sp > 0 && slot(sc, sc->stack[sc->sp - 1].id)->group == 7)
            pop(sc, 1);
    }
    if ((g == 9 || g == 10 || g == 11) && sc->sp > 0) { /* close the section too */
        int t = sc->sp - 1;
        const name_slot *o = slot(sc, sc->stack[t].id);
        if ((o->group == 9 || o->group == 11 || o->group == 10) && (o->cls & C_TABLE))
            pop(sc, 1);
    }
}

static size_t depth(const scan *sc) { return (size_t)sc->sp + sc->fl.n; }

/* The tree builder reopens the formatting elements of the list (after
 * the last marker) before text and inline start tags: they go back on
 * the stack, where they stay below what follows. */
static void reconstruct(scan *sc)
{
    size_t from = sc->n_marks ? sc->marks[sc->n_marks - 1] : 0;
    if (sc->fl.n <= from)
        return;
    for (size_t k = from; k < sc->fl.n && sc->sp <= ATT_HTML_MAX_DEPTH; k++) {
        uint32_t id = (uint32_t)(sc->fl.list[k] >> 32);
        entry *e = &sc->stack[sc->sp++];
        memset(e, 0, sizeof *e);
        e->id = id;
        e->key = sc->fl.list[k];
        if (id != ID_NONE)
            sc->names[id - 1].open++;
    }
    afl_truncate(&sc->fl, from);
}

/* A start tag.  Returns -1 when the depth limit is passed. */
static int start_tag(scan *sc, uint32_t id, uint64_t key, int self_closing, int breakout_attrs,
                     int html_encoding)
{
    const name_slot *n = slot(sc, id);
    int foreign = in_foreign(sc);
    /* inline elements reopen the formatting elements (after closing what
     * they close, before they are inserted); blocks, table parts and head
     * elements do not */
    int recon = !(n->cls & (C_CLOSES_P | C_TABLE | C_ONCE | C_RAW | C_PLAINTEXT)) &&
                id != sc->table_id && !is_name(n, "col") && !is_name(n, "frameset") &&
                !is_name(n, "frame") && !is_name(n, "base") && !is_name(n, "link") &&
                !is_name(n, "meta") && !is_name(n, "param") && !is_name(n, "source") &&
                !is_name(n, "track") && !is_name(n, "template") && n->group != 16;
    if (id != sc->frameset_id && (!(n->cls & C_ONCE) || is_name(n, "body")))
        sc->other_pushed = 1; /* any tag but html, head, frameset ends "frameset-ok" */
    if (foreign && ((n->cls & C_BREAKOUT) || (is_name(n, "font") && breakout_attrs))) {
        while (sc->sp > 0 && in_foreign(sc))
            pop(sc, 0);
        foreign = 0;
    }
    if (!foreign) {
        if (n->cls & (C_VOID | C_PLAINTEXT)) {
            if (recon)
                reconstruct(sc);
            return 0;
        }
        if ((n->cls & C_ONCE) && n->open > 0)
            return 0;
        if (is_name(n, "form") && n->open > 0)
            return 0;
        if ((n->cls & C_TABLE) && slot(sc, sc->table_id)->open == 0)
            return 0;
        if (id != sc->frameset_id && sc->framesets > 0)
            return 0; /* a frameset holds framesets and frames only */
        if (id == sc->frameset_id && sc->other_pushed && sc->framesets == 0)
            return 0; /* ignored once the body has content (counted as if not) */
        if ((n->cls & C_CLOSES_P) && slot(sc, sc->p_id)->open > 0)
            close_same(sc, sc->p_id);
        if (n->cls & C_TABLE)
            table_part(sc, id);
        else if ((n->cls & C_SAMEPOP) && (n->open > 0 || n->group))
            close_same(sc, id);
        if ((n->cls & C_FOREIGN) && self_closing)
            return 0;
    } else if (self_closing) {
        return 0;
    }
    if (!foreign && recon)
        reconstruct(sc);
    if (sc->sp > ATT_HTML_MAX_DEPTH)
        return -1;
    entry *e = &sc->stack[sc->sp++];
    e->id = id;
    e->foreign = 0;
    if (foreign)
        e->foreign = sc->stack[sc->sp - 2].foreign; /* the parent's namespace */
    else if (n->cls & C_FOREIGN)
        e->foreign = is_name(n, "svg") ? 1 : 2;
    if (e->foreign == 1)
        e->integration = (uint8_t)(is_name(n, "foreignobject") || is_name(n, "desc") ||
                                   is_name(n, "title"));
    else if (e->foreign == 2)
        e->integration = (uint8_t)(is_name(n, "mi") || is_name(n, "mo") || is_name(n, "mn") ||
                                   is_name(n, "ms") || is_name(n, "mtext") ||
                                   (is_name(n, "annotation-xml") && html_encoding));
    else
        e->integration = 0;
    e->afl_mark = sc->fl.n;
    e->key = key;
    if (!e->foreign && (n->cls & C_MARKER))
        sc->marks[sc->n_marks++] = sc->fl.n;
    if (id != ID_NONE)
        sc->names[id - 1].open++;
    if (id == sc->frameset_id && !e->foreign)
        sc->framesets++;
    if (depth(sc) > sc->max_depth)
        sc->max_depth = depth(sc);
    return depth(sc) > ATT_HTML_MAX_DEPTH ? -1 : 0;
}

/* An end tag: pop to its element unless a boundary lies between (scope
 * boundaries for the special elements, which have their own rules; any
 * special element for the others, as "any other end tag" does). */
static void end_tag(scan *sc, uint32_t id)
{
    const name_slot *n = slot(sc, id);
    if (id == ID_NONE || n->open == 0)
        return;
    for (int i = sc->sp - 1; i >= 0; i--) {
        const entry *e = &sc->stack[i];
        if (e->id == id && id == sc->form_id) { /* </form> takes out the form alone */
            sc->names[id - 1].open--;
            memmove(&sc->stack[i], &sc->stack[i + 1], (size_t)(sc->sp - i - 1) * sizeof *e);
            sc->sp--;
            return;
        }
        if (e->id == id) {
            pop_to(sc, i);
            return;
        }
        if (e->foreign)
            continue; /* foreign content: the tree builder looks further down */
        const name_slot *o = slot(sc, e->id);
        if (n->cls & C_SPECIAL) {
            if (o->cls & C_SCOPE)
                return;
            if (is_name(n, "p") && is_name(o, "button"))
                return;
            if (is_name(n, "li") && (is_name(o, "ul") || is_name(o, "ol")))
                return;
        } else if (o->cls & C_SPECIAL) {
            return;
        }
    }
}

/* Index of the first case-insensitive "</name" followed by a tag end in
 * s[from..len), or len. */
static size_t raw_end(const char *s, size_t len, size_t from, const char *name, size_t nl)
{
    size_t i = from;
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            return len;
        i = (size_t)(lt - s);
        if (i + 2 + nl <= len && s[i + 1] == '/') {
            size_t k = 0;
            while (k < nl && lower((unsigned char)s[i + 2 + k]) == name[k])
                k++;
            if (k == nl && (i + 2 + nl == len || is_space((unsigned char)s[i + 2 + nl]) ||
                            s[i + 2 + nl] == '/' || s[i + 2 + nl] == '>'))
                return i;
        }
        i++;
    }
    return len;
}

/* Is s[0..n) the lower-case word w, ignoring case? */
static int attr_is(const char *s, size_t n, const char *w)
{
    if (n != strlen(w))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

/* After "<!--" at i: index just past the comment's end ("-->", "--!>",
 * or "<!-->"/"<!--->" at once), or len. */
static size_t comment_end(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == '>')
        return i + 1;
    if (i + 1 < len && s[i] == '-' && s[i + 1] == '>')
        return i + 2;
    for (; i + 2 < len; i++) {
        if (s[i] != '-' || s[i + 1] != '-')
            continue;
        if (s[i + 2] == '>')
            return i + 3;
        if (i + 3 < len && s[i + 2] == '!' && s[i + 3] == '>')
            return i + 4;
    }
    return len;
}

att_status html_limits_scan(const char *s, size_t len, size_t *max_depth, char *err, size_t errlen)
{
    scan *sc = calloc(1, sizeof *sc);
    name_slot *names = calloc(NAME_SLOTS, sizeof *names);
    if (!sc || !names) {
        free(sc);
        free(names);
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    }
    sc->names = names;
    sc->table_id = intern(sc, "table", 5);
    sc->frameset_id = intern(sc, "frameset", 8);
    sc->select_id = intern(sc, "select", 6);
    sc->p_id = intern(sc, "p", 1);
    sc->form_id = intern(sc, "form", 4);
    att_status st = ATT_OK;
    size_t i = 0;
    char nm[NAME_MAX_LEN + 1];
    while (i < len && st == ATT_OK) {
        const char *lt = memchr(s + i, '<', len - i);
        size_t text_end = lt ? (size_t)(lt - s) : len;
        for (size_t k = i; !sc->other_pushed && k < text_end; k++)
            sc->other_pushed = !is_space((unsigned char)s[k]); /* text ends "frameset-ok" too */
        if (text_end > i)
            reconstruct(sc); /* text reopens formatting elements */
        if (!lt)
            break;
        i = (size_t)(lt - s) + 1;
        if (i >= len)
            break;
        int c = (unsigned char)s[i];
        if (c == '!') {
            if (i + 2 < len && s[i + 1] == '-' && s[i + 2] == '-') {
                i = comment_end(s, len, i + 3);
            } else { /* <![CDATA[ too: a foreign CDATA section is longer, never shorter */
                const char *gt = memchr(s + i, '>', len - i); /* doctype, bogus comment */
                i = gt ? (size_t)(gt - s) + 1 : len;
            }
            continue;
        }
        if (c == '?') {
            const char *gt = memchr(s + i, '>', len - i);
            i = gt ? (size_t)(gt - s) + 1 : len;
            continue;
        }
        int end = 0;
        if (c == '/') {
            end = 1;
            i++;
            if (i >= len)
                break;
            if (s[i] == '>') {
                i++;
                continue;
            }
            if (!is_alpha((unsigned char)s[i])) { /* bogus comment */
                const char *gt = memchr(s + i, '>', len - i);
                i = gt ? (size_t)(gt - s) + 1 : len;
                continue;
            }
        } else if (!is_alpha(c)) {
            continue; /* a '<' in text */
        }
        /* tag name */
        size_t nl = 0, full = 0;
        while (i < len && !is_space((unsigned char)s[i]) && s[i] != '/' && s[i] != '>') {
            if (nl < NAME_MAX_LEN + 1)
                nm[nl++] = (char)lower((unsigned char)s[i]);
            full++;
            i++;
        }
        uint32_t id = full > NAME_MAX_LEN ? ID_NONE : intern(sc, nm, nl);
        /* attributes, to the tag's '>' (quoted values may hold one) */
        size_t attr_from = i;
        size_t n_attr = 0;
        int self_closing = 0, breakout_attrs = 0, html_encoding = 0;
        while (i < len) {
            unsigned char a = (unsigned char)s[i];
            if (a == '>') {
                i++;
                break;
            }
            if (is_space(a)) {
                i++;
                continue;
            }
            if (a == '/') {
                i++;
                self_closing = i < len && s[i] == '>';
                continue;
            }
            self_closing = 0;
            n_attr++;
            size_t an = i++; /* first character of a name may be '=' */
            while (i < len && !is_space((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' &&
                   s[i] != '=')
                i++;
            int is_enc = attr_is(s + an, i - an, "encoding");
            breakout_attrs |= attr_is(s + an, i - an, "color") || attr_is(s + an, i - an, "face") ||
                              attr_is(s + an, i - an, "size");
            while (i < len && is_space((unsigned char)s[i]))
                i++;
            if (i < len && s[i] == '=') {
                i++;
                while (i < len && is_space((unsigned char)s[i]))
                    i++;
                size_t v = i;
                if (i < len && (s[i] == '"' || s[i] == '\'')) {
                    const char *q = memchr(s + i + 1, s[i], len - i - 1);
                    i = q ? (size_t)(q - s) + 1 : len;
                    v++;
                } else {
                    while (i < len && !is_space((unsigned char)s[i]) && s[i] != '>')
                        i++;
                }
                size_t ve = i > v && (s[i - 1] == '"' || s[i - 1] == '\'') ? i - 1 : i;
                if (is_enc && (attr_is(s + v, ve - v, "text/html") ||
                               attr_is(s + v, ve - v, "application/xhtml+xml")))
                    html_encoding = 1;
            }
        }
        sc->attrs += n_attr;
        uint64_t key = ((uint64_t)id << 32 ^ name_hash(s + attr_from, i - attr_from)) | 1;
        if (n_attr > ATT_HTML_MAX_ATTRS) {
            st = att_seterr(err, errlen, ATT_ERR_TOOBIG,
                            "HTML element with more than %d attributes", ATT_HTML_MAX_ATTRS);
            break;
        }
        if (sc->attrs > ATT_HTML_MAX_ATTRS_TOTAL) {
            st = att_seterr(err, errlen, ATT_ERR_TOOBIG, "HTML page with more than %d attributes",
                            ATT_HTML_MAX_ATTRS_TOTAL);
            break;
        }
        if (end) {
            end_tag(sc, id);
            continue;
        }
        if (++sc->elements > ATT_HTML_MAX_ELEMENTS) {
            st = att_seterr(err, errlen, ATT_ERR_TOOBIG, "HTML page with more than %d elements",
                            ATT_HTML_MAX_ELEMENTS);
            break;
        }
        int was_foreign = in_foreign(sc);
        if (start_tag(sc, id, key, self_closing, breakout_attrs, html_encoding) < 0) {
            st = att_seterr(err, errlen, ATT_ERR_TOOBIG, "HTML nesting deeper than %d",
                            ATT_HTML_MAX_DEPTH);
            break;
        }
        const name_slot *n = slot(sc, id);
        int html_ctx = !was_foreign || (n->cls & C_BREAKOUT);
        if (html_ctx && (n->cls & C_PLAINTEXT) && sc->framesets == 0 &&
            slot(sc, sc->select_id)->open == 0)
            break; /* the rest of the page is text */
        if (html_ctx && (n->cls & C_RAW) && sc->framesets == 0 &&
            slot(sc, sc->select_id)->open == 0) /* there raw-text tags are ignored */
            i = raw_end(s, len, i, n->name, n->len);
    }
    if (st == ATT_OK && sc->nomem)
        st = att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    if (max_depth)
        *max_depth = sc->max_depth;
    free(sc->fl.list);
    free(sc->fl.keys);
    free(sc->fl.counts);
    free(names);
    free(sc);
    return st;
}

att_status att_html_check_limits(const char *html, size_t len, char *err, size_t errlen)
{
    return html_limits_scan(html, len, NULL, err, errlen);
}
