/*
 * html_extract.h - extract the article (title, authors, date, canonical URL,
 * lead, body paragraphs) from a news page's HTML using a gumbo DOM.
 *
 * Metadata comes from the page's own declarations first (Open Graph,
 * schema.org itemprops, JSON-LD, <link rel=canonical>), then from visible
 * markup (h1, bylines, <time>).  The body container is chosen by a
 * Readability-style text-density / link-density score over block elements;
 * its paragraphs are emitted in reading order minus boilerplate (captions,
 * related-link widgets, share/tag bars, pull quotes, the repeated lead).
 *
 * Ownership: the caller owns *out, freshly initialised with
 * att_article_init, and frees it with att_article_free whatever the result
 * (authors and paragraphs are appended; out->source is left alone).
 * Thread-safe; malformed HTML is repaired by gumbo and never crashes the
 * extractor.  Cost is dominated by gumbo's parse (about 25 MB/s).
 */
#ifndef ATT_HTML_EXTRACT_H
#define ATT_HTML_EXTRACT_H

#include <stddef.h>

#include "article.h"

/* Limits on what gumbo is given (gumbo 0.10 has none: deep nesting
 * overflows the stack when its tree is freed, and nesting and attributes
 * per element cost quadratic time).  A page past any of them is refused
 * whole.  512 is the depth at which browsers stop nesting too. */
#define ATT_HTML_MAX_DEPTH 512
#define ATT_HTML_MAX_ELEMENTS 250000
#define ATT_HTML_MAX_ATTRS 64            /* on one tag */
#define ATT_HTML_MAX_ATTRS_TOTAL 1000000 /* on the whole page */

/* Check html[0..len) against the limits above in one linear pass over its
 * tags (comments, raw text such as <script> and quoted attribute values
 * are skipped as the HTML tokenizer does; the depth is that of a model of
 * the tree builder's stack of open elements, which never counts fewer
 * levels than the cases it models).  ATT_OK, or ATT_ERR_TOOBIG with a
 * message such as "HTML nesting deeper than 512" in err; ATT_ERR_NOMEM. */
att_status att_html_check_limits(const char *html, size_t len, char *err, size_t errlen);

/* Extract the article from html[0..len), UTF-8 in NFC (see att_to_utf8 and
 * att_nfc).  Returns ATT_OK with at least one body paragraph;
 * ATT_ERR_EMPTY if the page has no article body - under 80 characters of
 * paragraph text after boilerplate removal - (the metadata that was
 * found is still filled in, out->n_paras is 0); ATT_ERR_TOOBIG above 1 GiB
 * or past the limits of att_html_check_limits (checked first);
 * ATT_ERR_NOMEM. */
att_status att_html_extract(const char *html, size_t len, att_article *out);
/* The same, with a one-line reason in err (if err) for a page refused by
 * the limits or the parser: "HTML nesting deeper than 512", "HTML parser
 * failed an internal check on this page" (a failed assertion inside
 * gumbo, caught), "HTML page needs more than 512 MB to parse". */
att_status att_html_extract_err(const char *html, size_t len, att_article *out, char *err,
                                size_t errlen);

#endif
