/*
 * text_extract.h - extract an article from a plain-text page.
 *
 * Three shapes of input are understood (detected, not configured):
 *   - scraped news pages: title, byline ("Name HH:MM | DD/MM/YYYY"), lead
 *     with site prefixes ("Baoquocte.vn. TGVN. "), body paragraphs separated
 *     by blank lines, mixed with captions, pull quotes, related-link widgets
 *     and teasers, follow lines, credits and URL slugs;
 *   - clean corpus files: "# key = value" header lines (url, date), then
 *     title, lead and one paragraph per line, possibly ending with a
 *     signature ("Thành Đạt" / "Theo Reuters");
 *   - any other text: the first substantial line is the title, the rest are
 *     paragraphs (blank-line or line separated; hard-wrapped lines whose
 *     continuation starts in lowercase are joined).
 * Boilerplate is recognised from general signals (see boiler.h), never from
 * lists of particular pages' lines.
 *
 * What goes where:
 *   title      first substantial line; NULL when that line is a photo caption
 *              (then dropped), a long sentence, or - with a "# url" - a line
 *              that does not match the URL's slug (a section heading).
 *   authors    names of the byline right after the title ("A, B và C");
 *              without one, a name signature in the last lines.  "Theo X"
 *              credits are never authors.  Appended to out->authors.
 *   published  only from the byline ("HH:MM | DD/MM/YYYY") or "# date";
 *              dates in the body or in teasers are never used.
 *   url        from "# url".
 *   lead       first long sentence-like line after the title/byline, site
 *              prefixes removed.  If nothing else survives as body, the lead
 *              becomes the only paragraph and out->lead stays NULL.
 *   paras      body in order; short lines standing alone before text are
 *              ATT_PARA_HEADING.  If every line of a page is a photo caption
 *              (a photo story), the captions' text without credits is the
 *              body.
 *
 * Ownership: the caller owns *out (initialised with att_article_init, freed
 * with att_article_free); title, lead, url and published are replaced when
 * the text provides them, authors and paragraphs are appended.
 * out->source is left alone.  text is not modified and not retained.
 * Thread-safe; no global state.  Time and memory are near-linear in len.
 */
#ifndef ATT_TEXT_EXTRACT_H
#define ATT_TEXT_EXTRACT_H

#include <stddef.h>

#include "article.h"

/* Extract an article from a plain-text page: text[0..len), UTF-8, already
 * NFC, already validated (text may be NULL when len is 0).
 * Returns ATT_OK with at least one body paragraph; ATT_ERR_EMPTY if no body
 * paragraph survives (metadata that was found is still filled in,
 * out->n_paras is unchanged - 0 for a fresh article); ATT_ERR_NOMEM. */
att_status att_text_extract(const char *text, size_t len, att_article *out);

#endif
