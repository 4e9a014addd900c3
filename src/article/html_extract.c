/* html_extract.c - article extraction from HTML; see html_extract.h.
 *
 * The work is split by concern:
 *   html_dom.c     gumbo tree -> flat array with text/link statistics
 *   html_score.c   which element holds the body (Readability scoring)
 *   html_meta.c    title, url, authors, date, lead (+ html_jsonld.c,
 *                  html_date.c)
 *   html_body.c    the body's paragraphs, boilerplate removed */
#include "html_extract.h"

#include "html_dom.h"

/* gumbo keeps offsets in unsigned ints; no news page comes near this. */
#define MAX_HTML_BYTES ((size_t)1 << 30)
#define MAX_ROOTS 64

att_status att_html_extract(const char *html, size_t len, att_article *out)
{
    return att_html_extract_err(html, len, out, NULL, 0);
}

att_status att_html_extract_err(const char *html, size_t len, att_article *out, char *err,
                                size_t errlen)
{
    if (!html || len == 0)
        return ATT_ERR_EMPTY;
    if (len > MAX_HTML_BYTES)
        return att_seterr(err, errlen, ATT_ERR_TOOBIG, "HTML page over %zu bytes", MAX_HTML_BYTES);
    att_status st = att_html_check_limits(html, len, err, errlen);
    if (st != ATT_OK)
        return st;
    hdom d;
    st = hdom_build(&d, html, len, err, errlen);
    if (st == ATT_OK) {
        int roots[MAX_ROOTS], nroots = 0, lead_node = -1;
        int best = html_pick_container(&d, roots, MAX_ROOTS, &nroots);
        st = html_fill_meta(&d, best, out, &lead_node);
        if (st == ATT_OK && best >= 0)
            st = html_emit_body(&d, roots, nroots, lead_node, out);
    }
    hdom_free(&d);
    if (st == ATT_OK && out->n_paras == 0)
        st = ATT_ERR_EMPTY;
    return st;
}
