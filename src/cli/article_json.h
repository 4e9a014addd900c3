/*
 * article_json.h - the JSON shape of a stored article, shared by `show
 * --json` and `export articles`.  Returns a new jansson object the caller
 * json_decref()s, NULL on allocation failure.
 */
#ifndef ATT_ARTICLE_JSON_H
#define ATT_ARTICLE_JSON_H

#include <jansson.h>

#include "../store/store.h"

json_t *cli_article_json(const att_article *a, const att_article_meta *meta);

/* A JSON string, or null for NULL or "" (the CLI's convention for absent
 * values).  New reference. */
json_t *cli_json_str(const char *s);

/* Print obj as one compact line on f and release it; returns 0 on success. */
int cli_print_json_line(FILE *f, json_t *obj);

#endif
