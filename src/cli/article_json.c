/* article_json.c - article to JSON; see article_json.h.  The shapes live
 * in the query layer (src/query/query_json.h), shared with the server. */
#include "article_json.h"

#include "../query/query_json.h"

json_t *cli_json_str(const char *s) { return att_json_str(s); }

json_t *cli_article_json(const att_article *a, const att_article_meta *meta) { return att_article_json(a, meta); }

int cli_print_json_line(FILE *f, json_t *obj) { return att_print_json_line(f, obj); }
