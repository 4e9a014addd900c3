/*
 * text_extract.c - extract an article from a plain-text page; see
 * text_extract.h.
 *
 * Passes over the items of text_lines.c, each assigning roles:
 *   1. title: the first substantial line (a caption or a long sentence is
 *      not a title);
 *   2. header: byline (names, date) and lead among the next few lines;
 *   3. body: every further line is dropped as boilerplate (captions, widget
 *      lists, teasers, credits, ...) or kept as TEXT / SHORT;
 *   4. SHORT lines become headings when they introduce text, else debris;
 *   5. repeated text (pull quotes, the lead again) is removed;
 *   6. a signature at the very end may give the authors.
 */
#include "text_extract.h"

#include <string.h>
#include <utf8proc.h>

#include "../normalize/normalize.h"
#include "boiler.h"
#include "text_internal.h"

#define NONE ((size_t)-1)

typedef struct tx_ctx {
    tx_doc d;
    att_article *out;
    size_t title; /* item index or NONE */
    size_t lead;  /* item index or NONE */
    size_t frame_lead; /* the page frame's lead (text_frame.c), NONE without a frame */
} tx_ctx;

/* ------------------------------------------------------------- shapes */

static unsigned last_byte(const tx_item *it) { return (unsigned char)it->s[it->n - 1]; }

static int ends_ellipsis(const tx_item *it)
{
    return (it->n >= 3 && memcmp(it->s + it->n - 3, "...", 3) == 0) ||
           (it->n >= 3 && memcmp(it->s + it->n - 3, "\xE2\x80\xA6", 3) == 0);
}

/* "- item", "• item", "1. item", "2) item": list items are text. */
static int is_bullet(const tx_item *it)
{
    const char *s = it->s;
    size_t n = it->n, i = 0;
    if (n >= 2 && strchr("-+*", s[0]) && s[1] == ' ')
        return 1;
    if (n >= 4 && (memcmp(s, "\xE2\x80\xA2 ", 4) == 0 || memcmp(s, "\xE2\x80\x93 ", 4) == 0))
        return 1;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    return i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

static int has_letter(const tx_item *it) { return att_boiler_has_letter(it->s, it->n); }

/* A short line without sentence punctuation (or a short question): a
 * section heading if text follows it, otherwise debris. */
static int heading_shaped(const tx_item *it)
{
    if (!it->words || it->words > 20 || it->n > 200 || is_bullet(it))
        return 0;
    unsigned last = last_byte(it);
    if (last == ':' || last == ';' || last == ',')
        return 0;
    if (it->ends)
        return last == '?' && it->words <= 12;
    return 1;
}

/* Body text resumes after a widget only with a real sentence-like
 * paragraph, not with a link title or a teaser's "..." lead. */
static int real_paragraph(const tx_item *it)
{
    return it->ends && it->words >= 15 && last_byte(it) != '?' && !ends_ellipsis(it) &&
           att_boiler_site_prefix(it->s, it->n) == 0;
}

static int lead_like(const tx_item *it)
{
    return it->words >= 8 && (it->ends || it->words >= 20) && !ends_ellipsis(it);
}

/* Headline shape for teaser titles. */
static int title_like(const tx_item *it)
{
    return it->words >= 3 && it->words <= 45 && last_byte(it) != '.' && !ends_ellipsis(it) &&
           !it->is_caption;
}

static int near_equal(const tx_item *a, const tx_item *b)
{
    return att_boiler_near_equal(a->s, a->n, b->s, b->n);
}

/* Lines that are never article text wherever they appear. */
static int debris(const tx_item *it)
{
    tx_date dt;
    return !has_letter(it) || it->nav || tx_dateline(it->s, it->n, &dt) || att_boiler_is_slug(it->s, it->n) || att_boiler_is_credit(it->s, it->n) ||
           att_boiler_is_follow_line(it->s, it->n) || att_boiler_is_source_line(it->s, it->n) ||
           att_boiler_inline_link(it->s, it->n);
}

static void drop(tx_item *it) { it->role = TX_DROP; }

static void drop_caption(tx_item *it)
{
    it->role = TX_DROP;
    it->caption = 1;
}

/* Does url[i..) start with the slug word w (ASCII, case-insensitive)? */
static int slug_word_at(const char *url, size_t i, size_t b, size_t e, const char *w, size_t wn)
{
    if (i + wn > e || (i > b && url[i - 1] != '-') || (i + wn < e && url[i + wn] != '-'))
        return 0;
    for (size_t k = 0; k < wn; k++) {
        char c = url[i + k];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != w[k])
            return 0;
    }
    return 1;
}

/* How many of the folded words of s occur among the words of the URL's
 * slug ("tinh-bao-my-khong-bat-kip-20201001.htm"), as a fraction; -1 if the
 * URL has no slug of at least three alphabetic words. */
static double slug_match(const char *s, size_t n, const char *url, size_t un)
{
    size_t b = un, e;
    while (b > 0 && url[b - 1] != '/')
        b--;
    for (e = b; e < un && url[e] != '.' && url[e] != '?' && url[e] != '#';)
        e++;
    size_t alpha_words = 0, hits = 0, words = 0, pos = 0, x, y;
    for (size_t i = b; i < e; i++) /* a slug word starting with a letter */
        alpha_words += (i == b || url[i - 1] == '-') && ((url[i] | 32) >= 'a' && (url[i] | 32) <= 'z');
    if (alpha_words < 3)
        return -1;
    att_buf f = ATT_BUF_INIT;
    if (att_fold(s, n, &f) != ATT_OK || !f.len) {
        att_buf_free(&f);
        return -1;
    }
    while (att_next_word(f.data, f.len, &pos, &x, &y)) {
        words++;
        for (size_t i = b; i < e; i++)
            if (slug_word_at(url, i, b, e, f.data + x, y - x)) {
                hits++;
                break;
            }
    }
    att_buf_free(&f);
    return words ? (double)hits / (double)words : -1;
}

/* -------------------------------------------------------- title, header */

/* Index of the first item after the title.  No title when the first
 * substantial line is a photo caption (dropped) or already a sentence. */
static size_t find_title(tx_ctx *c)
{
    for (size_t i = 0; i < c->d.n; i++) {
        tx_item *it = &c->d.it[i];
        if (it->words < 2 || debris(it) || tx_widget_heading(it->s, it->n) ||
            att_boiler_page_end(it->s, it->n)) {
            drop(it); /* junk above the title: emoji, menus, follow lines */
            continue;
        }
        if (it->is_caption) {
            drop_caption(it);
            return i + 1;
        }
        if ((last_byte(it) == '.' || ends_ellipsis(it)) && (c->d.meta || it->words >= 15))
            return i; /* starts with the lead */
        /* the URL names the real title: a line that does not match it is a
         * section heading of a page whose title was lost */
        double m = c->d.url ? slug_match(it->s, it->n, c->d.url, c->d.url_n) : -1;
        if (m >= 0 && m < 0.7)
            return i;
        c->title = i;
        drop(it);
        return i + 1;
    }
    return c->d.n;
}

static att_status take_byline(tx_ctx *c, const tx_item *it, const att_byline *b)
{
    att_status st = ATT_OK;
    for (size_t k = 0; st == ATT_OK && k < b->n_names; k++)
        st = att_article_add_author(c->out, it->s + b->names[k].off, b->names[k].len);
    char iso[20];
    if (st == ATT_OK && b->year && !c->out->published &&
        att_iso_date(iso, b->year, b->month, b->day, b->hour, b->minute) == ATT_OK)
        st = att_article_set(&c->out->published, iso, (size_t)-1);
    return st;
}

/* Byline and lead among the first lines after the title; lines left
 * unclassified go to the body pass. */
static att_status find_header(tx_ctx *c, size_t i)
{
    int seen = 0, byline = 0;
    size_t caption = NONE, repeat = NONE;
    for (; i < c->d.n && seen < 6; i++) {
        tx_item *it = &c->d.it[i];
        att_byline b;
        tx_date dt;
        if (!byline && it->words <= 24 && tx_dateline(it->s, it->n, &dt) && att_boiler_byline(it->s, it->n, &b)) {
            byline = 1; /* names and date: "Minh Châu 08:30 | 15/04/2024" */
            drop(it);
            att_status st = take_byline(c, it, &b);
            if (st != ATT_OK)
                return st;
            continue;
        }
        if (debris(it) || (c->frame_lead != NONE && i < c->frame_lead && !it->ends && it->words <= 10 &&
                           !att_boiler_byline(it->s, it->n, &b))) {
            drop(it); /* and the short lines the frame saw between headline and lead (tool bars) */
            continue;
        }
        if (att_boiler_page_end(it->s, it->n) || tx_widget_heading(it->s, it->n))
            break;
        seen++;
        if (!byline && seen <= 2 && it->words <= 24 && att_boiler_byline(it->s, it->n, &b)) {
            byline = 1;
            drop(it);
            att_status st = take_byline(c, it, &b);
            if (st != ATT_OK)
                return st;
            continue;
        }
        if (it->is_caption) {
            caption = i;
            drop_caption(it);
            continue;
        }
        if (c->title != NONE && near_equal(it, &c->d.it[c->title])) {
            repeat = i;
            drop(it);
            continue;
        }
        if ((i > 0 && caption == i - 1 &&
             att_boiler_containment(it->s, it->n, c->d.it[caption].s, c->d.it[caption].n) >= 0.6) ||
            (i > 0 && repeat == i - 1 && c->d.block_mode && it->block == c->d.it[i - 1].block &&
             it->words <= 60)) {
            drop(it); /* a caption's copy, or the hero caption after the repeated title */
            continue;
        }
        if (c->d.meta && heading_shaped(it))
            continue; /* clean files: a heading may precede the first paragraph */
        if (lead_like(it)) {
            c->lead = i;
            drop(it);
        }
        break;
    }
    return ATT_OK;
}

/* ----------------------------------------------------------------- body */

typedef struct body_state {
    int widget;          /* inside a related-content widget's list */
    size_t widget_block; /* block of the widget heading */
    size_t listed;       /* list items in that block */
    size_t after;        /* items dropped after that block */
    size_t pending;      /* standalone heading seen inside a widget */
    size_t caption;      /* last caption item */
    size_t repeat;       /* last repeated-title item */
} body_state;

/* The line right after a caption that repeats it without the credit. */
static int caption_copy(const tx_item *cap, const tx_item *it)
{
    if (att_boiler_containment(it->s, it->n, cap->s, cap->n) >= 0.6)
        return 1;
    return it->words <= cap->words * 3 / 2 + 3 &&
           att_boiler_containment(cap->s, cap->n, it->s, it->n) >= 0.7;
}

static int teaser_lead(const tx_ctx *c, size_t k)
{
    const tx_item *it = &c->d.it[k];
    if (it->role != TX_NONE || it->words < 3 || it->words > 70 || att_boiler_page_end(it->s, it->n) ||
        tx_widget_heading(it->s, it->n))
        return 0;
    /* the next teaser's title, not this one's lead */
    return !(k + 1 < c->d.n && title_like(it) && title_like(&c->d.it[k + 1]) &&
             near_equal(it, &c->d.it[k + 1]));
}

/* Number of items (2 or 3) forming a teaser at i: a title, the same title
 * again, then a short lead.  0 if there is none. */
static size_t teaser_at(const tx_ctx *c, size_t i)
{
    if (i + 1 >= c->d.n)
        return 0;
    const tx_item *a = &c->d.it[i], *b = &c->d.it[i + 1];
    if (b->role != TX_NONE || !title_like(a) || !title_like(b) || !near_equal(a, b))
        return 0;
    return i + 2 < c->d.n && teaser_lead(c, i + 2) ? 3 : 2;
}

static int starts_lower(const char *s, size_t n)
{
    unsigned cp = 0;
    att_utf8_decode(s, n, &cp);
    return cp < 0x80 ? !(cp >= 'A' && cp <= 'Z') : utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_LU;
}

/* No sentence ends inside the line (". X" with X a capital). */
static int one_sentence(const tx_item *it)
{
    for (size_t k = 0; k + 2 < it->n; k++)
        if ((it->s[k] == '.' || it->s[k] == '?' || it->s[k] == '!') && it->s[k + 1] == ' ' &&
            !starts_lower(it->s + k + 2, it->n - k - 2))
            return 0;
    return 1;
}

/* A teaser summary's length: one sentence of at most 30 words. */
static int short_sentence(const tx_item *it) { return it->words <= 30 && one_sentence(it); }

/* A teaser's one-sentence summary: right after a link title (a
 * title-shaped or list line) and followed by the next teaser's title, not
 * by more text.  The body resumes after a widget with a paragraph that
 * is not shaped like this. */
static int teaser_summary(const tx_ctx *c, size_t i)
{
    if (i == 0)
        return 0;
    const tx_item *prev = &c->d.it[i - 1];
    if (!(prev->nav || is_bullet(prev) || (title_like(prev) && !prev->ends)))
        return 0;
    /* the next pair of a run of teasers (link, summary, link, summary),
     * even when the text resumes right after it */
    const tx_item *it = &c->d.it[i];
    if (i >= 2 && !prev->ends && (prev->nav || is_bullet(prev) || short_sentence(it)) &&
        c->d.it[i - 2].role == TX_DROP && real_paragraph(&c->d.it[i - 2]))
        return 1;
    /* the next lines: text goes on (a paragraph, or a heading and two
     * paragraphs), or the next teaser's title and summary come */
    const tx_item *next[3];
    size_t nn = 0;
    for (size_t k = i + 1; k < c->d.n && nn < 3; k++) {
        const tx_item *nx = &c->d.it[k];
        if (nx->nav || is_bullet(nx)) {
            if (!nn)
                return 1; /* the next teaser's link */
            break;
        }
        if (nx->role == TX_DROP || debris(nx) || nx->is_caption)
            continue;
        next[nn++] = nx;
    }
    if (!nn) /* the last lines of the text: a teaser only after another teaser */
        return i >= 2 && real_paragraph(&c->d.it[i - 2]);
    if (real_paragraph(next[0]))
        return 0;
    if (nn == 3 && heading_shaped(next[0]) && real_paragraph(next[1]) && real_paragraph(next[2]))
        return short_sentence(it) && short_sentence(next[1]); /* title, summary, title, summary */
    return 1;
}

/* Inside a widget: drop until a real paragraph resumes the body.  When the
 * list sat in the widget heading's own block, a standalone heading right
 * after that block and right before the paragraph is kept (when the heading
 * stood alone, the standalone lines after it are the list).  Returns 1 if
 * the item was dropped. */
static int widget_item(tx_ctx *c, body_state *st, size_t i, size_t pending)
{
    tx_item *it = &c->d.it[i];
    if (real_paragraph(it) && !is_bullet(it) && !teaser_summary(c, i)) {
        st->widget = 0;
        if (pending != NONE)
            c->d.it[pending].role = TX_SHORT;
        return 0;
    }
    if (it->block == st->widget_block) {
        st->listed++;
    } else {
        if (c->d.block_mode && it->standalone && st->listed && !st->after && heading_shaped(it))
            st->pending = i;
        st->after++;
    }
    drop(it);
    return 1;
}

/* Classify one body item; returns the number of items consumed. */
static size_t body_item(tx_ctx *c, body_state *st, size_t i)
{
    tx_item *it = &c->d.it[i];
    size_t pending = st->pending, k;
    st->pending = NONE;
    if (debris(it)) {
        drop(it);
    } else if (it->is_caption) {
        drop_caption(it);
        st->caption = i;
    } else if (i > 0 && st->caption == i - 1 && caption_copy(&c->d.it[i - 1], it)) {
        drop(it);
    } else if (tx_widget_heading(it->s, it->n) || tx_tail_marker(it->s, it->n)) {
        drop(it);
        st->widget = 1;
        st->widget_block = it->block;
        st->listed = st->after = 0;
    } else if (c->title != NONE && near_equal(it, &c->d.it[c->title])) {
        drop(it);
        st->repeat = i;
    } else if (i > 0 && st->repeat == i - 1 && c->d.block_mode && it->block == c->d.it[i - 1].block &&
               it->words <= 60) {
        drop(it); /* hero photo caption right after the repeated title */
    } else if ((k = teaser_at(c, i)) > 0) {
        for (size_t j = i; j < i + k; j++)
            drop(&c->d.it[j]);
        return k;
    } else if (!st->widget || !widget_item(c, st, i, pending)) {
        it->role = heading_shaped(it) ? TX_SHORT : TX_TEXT;
    }
    return 1;
}

static void find_body(tx_ctx *c, size_t i)
{
    body_state st = {0, 0, 0, 0, NONE, NONE, NONE};
    while (i < c->d.n) {
        tx_item *it = &c->d.it[i];
        if (it->role != TX_NONE) {
            i++;
            continue;
        }
        if (att_boiler_page_end(it->s, it->n) || (!c->d.meta && tx_footer_line(it->s, it->n))) {
            for (; i < c->d.n; i++)
                drop(&c->d.it[i]);
            return;
        }
        i += body_item(c, &st, i);
    }
}

/* Runs of >= 3 short lines are link lists; a short line is a heading when
 * (standing alone, in blank-separated text) it introduces a paragraph. */
static void resolve_short(tx_ctx *c)
{
    tx_item *v = c->d.it;
    size_t n = c->d.n;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j].role == TX_SHORT)
            j++;
        for (size_t k = i; j - i >= 3 && k < j; k++)
            drop(&v[k]);
        i = j > i ? j : i + 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (v[i].role != TX_SHORT)
            continue;
        size_t k = i + 1;
        while (k < n && k <= i + 3 && v[k].role == TX_DROP)
            k++;
        int intro = k < n && v[k].role == TX_TEXT;
        v[i].role = intro && (!c->d.block_mode || v[i].standalone) ? TX_HEADING : TX_DROP;
    }
}

/* ----------------------------------------------------------- signature */

/* Offset where a credit is glued to a name ("Minh PhươngTheo Reuters"),
 * n if there is none. */
static size_t glued_credit(const char *s, size_t n)
{
    static const char *const words[] = {"Theo ", "Tổng hợp", "Ảnh", "Nguồn", NULL};
    for (size_t i = 1; i < n; i++) {
        unsigned char prev = (unsigned char)s[i - 1];
        if (!((prev >= 'a' && prev <= 'z') || prev >= 0x80))
            continue;
        for (const char *const *w = words; *w; w++)
            if (n - i >= strlen(*w) && memcmp(s + i, *w, strlen(*w)) == 0)
                return i;
    }
    return n;
}

/* Authors from a signature at the very end ("Thành Đạt" / "Theo Reuters")
 * when the page has no byline.  Only the last few short lines after the
 * last paragraph are looked at. */
static att_status tail_authors(tx_ctx *c)
{
    size_t cand[3], nc = 0;
    for (size_t i = c->d.n; i-- > 0 && nc < 3;) {
        const tx_item *it = &c->d.it[i];
        if (it->role == TX_TEXT || it->role == TX_HEADING || it->words > 8 || it->ends)
            break;
        if (has_letter(it))
            cand[nc++] = i;
    }
    att_status st = ATT_OK;
    while (nc-- > 0 && st == ATT_OK) {
        const tx_item *it = &c->d.it[cand[nc]];
        size_t n = glued_credit(it->s, it->n);
        att_byline b;
        if (att_boiler_is_source_line(it->s, n) || att_boiler_is_caption(it->s, n) ||
            !att_boiler_byline(it->s, n, &b))
            continue;
        for (size_t k = 0; st == ATT_OK && k < b.n_names; k++)
            st = att_article_add_author(c->out, it->s + b.names[k].off, b.names[k].len);
    }
    return st;
}

/* ----------------------------------------------------------------- emit */

static att_status emit(tx_ctx *c)
{
    att_article *out = c->out;
    const tx_item *v = c->d.it;
    att_status st = ATT_OK;
    if (c->d.url)
        st = att_article_set(&out->url, c->d.url, c->d.url_n);
    if (st == ATT_OK && c->title != NONE)
        st = att_article_set(&out->title, v[c->title].s, v[c->title].n);
    const char *lead = NULL;
    size_t lead_n = 0;
    if (c->lead != NONE) {
        size_t p = att_boiler_site_prefix(v[c->lead].s, v[c->lead].n);
        lead = v[c->lead].s + p;
        lead_n = v[c->lead].n - p;
    }
    size_t text = 0;
    for (size_t i = 0; i < c->d.n; i++)
        text += v[i].role == TX_TEXT;
    for (size_t i = 0; st == ATT_OK && text && i < c->d.n; i++)
        if (v[i].role == TX_TEXT || v[i].role == TX_HEADING)
            st = att_article_add_para(out, v[i].s, v[i].n,
                                      v[i].role == TX_TEXT ? ATT_PARA_TEXT : ATT_PARA_HEADING);
    size_t photos = 0;
    for (size_t i = 0; st == ATT_OK && !text && i < c->d.n; i++) {
        /* a photo story: the captions carry the text */
        size_t k = v[i].caption && v[i].words >= 12 ? att_boiler_caption_text(v[i].s, v[i].n) : 0;
        if (k && (st = att_article_add_para(out, v[i].s, k, ATT_PARA_TEXT)) == ATT_OK)
            photos++;
    }
    text += photos;
    if (st == ATT_OK && !text && lead) {
        /* a lead with nothing after it is the text itself */
        st = att_article_add_para(out, lead, lead_n, ATT_PARA_TEXT);
        text = 1;
        lead = NULL;
    }
    if (st == ATT_OK && lead)
        st = att_article_set(&out->lead, lead, lead_n);
    if (st != ATT_OK)
        return st;
    return text ? ATT_OK : ATT_ERR_EMPTY;
}

static att_status run(tx_ctx *c)
{
    att_status st = ATT_OK;
    char iso[20];
    if (c->d.year && att_iso_date(iso, c->d.year, c->d.month, c->d.day, -1, 0) == ATT_OK)
        st = att_article_set(&c->out->published, iso, (size_t)-1);
    size_t start;
    tx_frame_info fr;
    if (!c->d.meta)
        tx_mark_furniture(&c->d);
    tx_frame(&c->d, &fr);
    if (fr.title != NONE) { /* a scraped page: the site's frame above the headline */
        for (size_t i = 0; i < fr.title; i++)
            drop(&c->d.it[i]);
        c->title = fr.title;
        c->frame_lead = fr.lead;
        drop(&c->d.it[fr.title]);
        start = fr.title + 1;
        if (st == ATT_OK && fr.date.year && !c->out->published &&
            att_iso_date(iso, fr.date.year, fr.date.month, fr.date.day, fr.date.hour, fr.date.minute) == ATT_OK)
            st = att_article_set(&c->out->published, iso, (size_t)-1);
    } else {
        start = find_title(c);
    }
    if (st == ATT_OK)
        st = find_header(c, start);
    if (st != ATT_OK)
        return st;
    find_body(c, start); /* skips what the header pass classified */
    resolve_short(c);
    const tx_item *l = c->lead != NONE ? &c->d.it[c->lead] : NULL;
    st = tx_dedupe(&c->d, l ? l->s : NULL, l ? l->n : 0);
    if (st == ATT_OK && !c->out->n_authors)
        st = tail_authors(c);
    return st == ATT_OK ? emit(c) : st;
}

att_status att_text_extract(const char *text, size_t len, att_article *out)
{
    tx_ctx c;
    memset(&c, 0, sizeof c);
    c.out = out;
    c.title = c.lead = c.frame_lead = NONE;
    att_status st = tx_split(text ? text : "", text ? len : 0, &c.d);
    if (st != ATT_OK)
        return st;
    st = run(&c);
    tx_doc_free(&c.d);
    return st;
}
