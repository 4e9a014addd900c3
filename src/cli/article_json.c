/* article_json.c - article to JSON; see article_json.h. */
#include "article_json.h"

#include <stdlib.h>

json_t *cli_json_str(const char *s) { return s && *s ? json_string(s) : json_null(); }

json_t *cli_article_json(const att_article *a, const att_article_meta *meta)
{
    json_t *o = json_object(), *authors = json_array(), *body = json_array(),
           *headings = json_array();
    if (!o || !authors || !body || !headings) {
        json_decref(o);
        json_decref(authors);
        json_decref(body);
        json_decref(headings);
        return NULL;
    }
    for (size_t i = 0; i < a->n_authors; i++)
        json_array_append_new(authors, json_string(a->authors[i]));
    for (size_t i = 0; i < a->n_paras; i++) {
        json_array_append_new(body, json_string(a->paras[i].text));
        if (a->paras[i].kind == ATT_PARA_HEADING)
            json_array_append_new(headings, json_integer((json_int_t)i));
    }
    json_object_set_new(o, "id", json_integer(meta->id));
    json_object_set_new(o, "content_hash", json_string(meta->content_hash));
    json_object_set_new(o, "source", cli_json_str(a->source));
    json_object_set_new(o, "url", cli_json_str(a->url));
    json_object_set_new(o, "title", cli_json_str(a->title));
    json_object_set_new(o, "authors", authors);
    json_object_set_new(o, "published", cli_json_str(a->published));
    json_object_set_new(o, "date_precision", cli_json_str(att_article_date_precision(a)));
    json_object_set_new(o, "date_source", cli_json_str(att_date_source_name(a->date_source)));
    json_object_set_new(o, "lead", cli_json_str(a->lead));
    json_object_set_new(o, "body", body);
    json_object_set_new(o, "headings", headings);
    json_object_set_new(o, "ingested_at", json_string(meta->ingested_at));
    return o;
}

int cli_print_json_line(FILE *f, json_t *obj)
{
    if (!obj)
        return -1;
    char *s = json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(obj);
    if (!s)
        return -1;
    fputs(s, f);
    fputc('\n', f);
    free(s);
    return 0;
}
