/*
 * text_extract.h - extract an article from a plain-text page.
 *
 * Three shapes of input are understood (detected, not configured):
 *   - scraped news pages: title, byline ("Name HH:MM | DD/MM/YYYY"), lead
 *     with site prefixes, body paragraphs separated by blank lines, mixed
 *     with captions, pull quotes, related-link widgets and teasers;
 *   - clean corpus files: "# key = value" header lines (url, date), then
 *     title, lead and one paragraph per line;
 *   - any other text: first substantial line is the title, the rest are
 *     paragraphs (blank-line or line separated).
 * Boilerplate is recognised from general signals (see boiler.h), never from
 * lists of particular pages' lines.
 *
 * Ownership: the caller owns *out (initialised with att_article_init, freed
 * with att_article_free); fields the text provides are replaced.
 * out->source is left alone.  Thread-safe; no global state.
 */
#ifndef ATT_TEXT_EXTRACT_H
#define ATT_TEXT_EXTRACT_H

#include <stddef.h>

#include "article.h"

/* Extract an article from a plain-text page: text[0..len), UTF-8, already
 * NFC, already validated.  Fills *out: title (NULL when the page has none),
 * authors, published (only from the byline/header area or "# date"), url
 * (from "# url"), lead (site prefixes removed) and body paragraphs in order
 * (ATT_PARA_HEADING for section headings).
 * Returns ATT_OK; ATT_ERR_EMPTY if no body paragraph survives (metadata that
 * was found is still filled in, out->n_paras is 0); ATT_ERR_NOMEM. */
att_status att_text_extract(const char *text, size_t len, att_article *out);

#endif
