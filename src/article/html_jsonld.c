/* html_jsonld.c - article metadata from schema.org JSON-LD; see html_dom.h.
 *
 * News CMSes emit a NewsArticle object (sometimes inside "@graph", next to
 * BreadcrumbList / Organization / ItemList objects); only Article-like
 * objects are trusted for the date, since lists of related stories carry
 * their own datePublished. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "html_dom.h"

#define MAX_DEPTH 12

static int is_article_type(json_t *t)
{
    static const char *const types[] = {"NewsArticle", "Article", "ReportageNews",
                                        "AnalysisNewsArticle", "BlogPosting", "OpinionNewsArticle",
                                        "BackgroundNewsArticle", "LiveBlogPosting", NULL};
    if (json_is_array(t)) {
        size_t i;
        json_t *e;
        json_array_foreach(t, i, e) if (is_article_type(e)) return 1;
        return 0;
    }
    const char *s = json_string_value(t);
    if (!s)
        return 0;
    for (const char *const *p = types; *p; p++)
        if (strcmp(s, *p) == 0)
            return 1;
    return 0;
}

static void add_author(html_ld *ld, json_t *a)
{
    if (json_is_array(a)) {
        size_t i;
        json_t *e;
        json_array_foreach(a, i, e) add_author(ld, e);
        return;
    }
    if (json_is_object(a))
        a = json_object_get(a, "name");
    const char *s = json_string_value(a);
    if (!s || !*s || ld->n_authors >= HTML_LD_MAX_AUTHORS)
        return;
    char *c = strdup(s);
    if (c)
        ld->authors[ld->n_authors++] = c;
}

static void walk(json_t *v, html_ld *ld, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) walk(e, ld, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    int article = is_article_type(json_object_get(v, "@type"));
    const char *date = json_string_value(json_object_get(v, "datePublished"));
    if (date && article && !ld->published)
        ld->published = strdup(date);
    if (date && !ld->published_any)
        ld->published_any = strdup(date);
    if (article && ld->n_authors == 0)
        add_author(ld, json_object_get(v, "author"));
    const char *key;
    json_t *e;
    json_object_foreach(v, key, e)
    {
        if (json_is_object(e) || json_is_array(e))
            walk(e, ld, depth + 1);
    }
}

void html_jsonld_scan(const char *json, size_t len, html_ld *ld)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!root)
        return;
    walk(root, ld, 0);
    json_decref(root);
}

void html_jsonld_free(html_ld *ld)
{
    free(ld->published);
    free(ld->published_any);
    for (int i = 0; i < ld->n_authors; i++)
        free(ld->authors[i]);
    memset(ld, 0, sizeof *ld);
}
