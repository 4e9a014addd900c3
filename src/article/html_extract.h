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

/* Extract the article from html[0..len), UTF-8 in NFC (see att_to_utf8 and
 * att_nfc).  Returns ATT_OK with at least one body paragraph;
 * ATT_ERR_EMPTY if the page has no article body - under 80 characters of
 * paragraph text after boilerplate removal - (the metadata that was
 * found is still filled in, out->n_paras is 0); ATT_ERR_TOOBIG above 1 GiB;
 * ATT_ERR_NOMEM. */
att_status att_html_extract(const char *html, size_t len, att_article *out);

#endif
