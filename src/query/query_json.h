/*
 * query_json.h - the JSON shape of each row the query layer reads, shared
 * by the command line's --json output and the HTTP API, so both use the
 * same field names.
 *
 * Every function returns a new jansson reference the caller owns
 * (json_decref), or NULL when out of memory.  Strings that are absent or
 * empty become JSON null (att_json_str) where the CLI did so.
 */
#ifndef ATT_QUERY_JSON_H
#define ATT_QUERY_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "query.h"
#include "../store/search.h"

/* A JSON string, or null for NULL or "". */
json_t *att_json_str(const char *s);
/* A stored article (show --json, export articles, /api/v1/articles/ID). */
json_t *att_article_json(const att_article *a, const att_article_meta *meta);
/* Print obj as one compact line on f and release it; 0 on success. */
int att_print_json_line(FILE *f, json_t *obj);
/* obj as compact text (caller frees) and release obj; NULL on failure. */
char *att_json_text(json_t *obj);

json_t *att_story_json(const att_story_row *r);
json_t *att_alert_json(const att_alert_row *r);
/* A commitment without its links; the caller adds "links" (array of
 * att_commitment_link_json). */
json_t *att_commitment_json(const att_commitment_row *r);
json_t *att_commitment_link_json(const att_commitment_link *r);
/* A dyad period row; undirected and level as queried. */
json_t *att_dyad_json(const att_dyad_row *r, int undirected, int level);
json_t *att_event_json(const att_event_row *r);
json_t *att_quote_json(const att_quote_row *r);
json_t *att_mention_json(const att_mention_row *r);
json_t *att_actor_json(const att_actor_row *r);
json_t *att_hit_json(const att_hit *h);

/* "day", "week", "month" of a dyad level 0..2, and back (-1 if unknown). */
const char *att_level_name(int level);
int att_level_of(const char *by);

#endif
