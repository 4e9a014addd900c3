/* query_json.c - rows to JSON; see query_json.h. */
#include "query_json.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/analyze.h"

json_t *att_json_str(const char *s) { return s && *s ? json_string(s) : json_null(); }

json_t *att_article_json(const att_article *a, const att_article_meta *meta)
{
    json_t *o = json_object(), *authors = json_array(), *body = json_array(), *headings = json_array();
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
    json_object_set_new(o, "source", att_json_str(a->source));
    json_object_set_new(o, "url", att_json_str(a->url));
    json_object_set_new(o, "title", att_json_str(a->title));
    json_object_set_new(o, "authors", authors);
    json_object_set_new(o, "published", att_json_str(a->published));
    json_object_set_new(o, "date_precision", att_json_str(att_article_date_precision(a)));
    json_object_set_new(o, "date_source", att_json_str(att_date_source_name(a->date_source)));
    json_object_set_new(o, "lead", att_json_str(a->lead));
    json_object_set_new(o, "body", body);
    json_object_set_new(o, "headings", headings);
    json_object_set_new(o, "ingested_at", json_string(meta->ingested_at));
    return o;
}

char *att_json_text(json_t *obj)
{
    if (!obj)
        return NULL;
    char *s = json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(obj);
    return s;
}

int att_print_json_line(FILE *f, json_t *obj)
{
    char *s = att_json_text(obj);
    if (!s)
        return -1;
    fputs(s, f);
    fputc('\n', f);
    free(s);
    return 0;
}

json_t *att_story_json(const att_story_row *r)
{
    char first[11], last[11];
    att_day_iso(r->first_day, first);
    att_day_iso(r->last_day, last);
    json_t *obj = json_object(), *arts = json_array();
    json_object_set_new(obj, "id", json_integer(r->id));
    json_object_set_new(obj, "title", att_json_str(r->title));
    json_object_set_new(obj, "first_seen", json_string(first));
    json_object_set_new(obj, "last_seen", json_string(last));
    json_object_set_new(obj, "num_articles", json_integer(r->n_articles));
    json_object_set_new(obj, "num_sources", json_integer(r->n_sources));
    json_object_set_new(obj, "events", json_integer(r->n_events));
    for (const char *t = r->article_ids; *t;) {
        json_array_append_new(arts, json_integer(atoll(t)));
        t += strcspn(t, ",");
        t += *t == ',';
    }
    json_object_set_new(obj, "articles", arts);
    return obj;
}

json_t *att_alert_json(const att_alert_row *r)
{
    char date[11];
    att_day_iso(r->day, date);
    json_t *obj = json_object(), *acts = json_array();
    json_object_set_new(obj, "id", json_integer(r->id));
    json_object_set_new(obj, "kind", json_string(r->kind));
    for (const char *a = r->actors; *a;) {
        size_t l = strcspn(a, "|");
        json_array_append_new(acts, json_stringn(a, l));
        a += l + (a[l] == '|');
    }
    json_object_set_new(obj, "actors", acts);
    json_object_set_new(obj, "date", json_string(date));
    json_object_set_new(obj, "score", json_real(r->score));
    json_object_set_new(obj, "summary", json_string(r->summary));
    json_t *ev = json_loads(r->evidence, 0, NULL);
    json_object_set_new(obj, "evidence", ev ? ev : json_object());
    return obj;
}

json_t *att_commitment_json(const att_commitment_row *r)
{
    char promised[11];
    att_day_iso(r->promised_day == INT32_MIN ? 0 : r->promised_day, promised);
    json_t *obj = json_object();
    json_object_set_new(obj, "id", json_integer(r->id));
    json_object_set_new(obj, "article_id", json_integer(r->article_id));
    json_object_set_new(obj, "who", att_json_str(r->who));
    json_object_set_new(obj, "who_name", att_json_str(r->who_name));
    json_object_set_new(obj, "to_whom", att_json_str(r->to_whom));
    json_object_set_new(obj, "to_name", att_json_str(r->to_name));
    json_object_set_new(obj, "cameo", att_json_str(r->cameo));
    json_object_set_new(obj, "what", att_json_str(r->what));
    json_object_set_new(obj, "promised", json_string(promised));
    json_object_set_new(obj, "due", att_json_str(r->due));
    json_object_set_new(obj, "status", json_string(r->status));
    return obj;
}

json_t *att_commitment_link_json(const att_commitment_link *r)
{
    json_t *l = json_object();
    char d[11];
    att_day_iso(r->day, d);
    json_object_set_new(l, "article_id", json_integer(r->article_id));
    json_object_set_new(l, "status", json_string(r->status));
    json_object_set_new(l, "date", json_string(d));
    json_object_set_new(l, "sentence", json_string(r->sentence));
    return l;
}

const char *att_level_name(int l) { return l == 0 ? "day" : l == 1 ? "week" : "month"; }

int att_level_of(const char *by)
{
    return !strcmp(by, "day") ? 0 : !strcmp(by, "week") ? 1 : !strcmp(by, "month") ? 2 : -1;
}

json_t *att_dyad_json(const att_dyad_row *r, int undirected, int level)
{
    char iso[11];
    att_day_iso(r->period, iso);
    double gmean = r->n ? r->goldstein_sum / (double)r->n : 0;
    double tmean = r->n ? r->tone_sum / (double)r->n : 0;
    json_t *obj = json_object(), *quad = json_array();
    json_object_set_new(obj, "actor1", json_string(r->a1));
    json_object_set_new(obj, "actor2", json_string(r->a2));
    json_object_set_new(obj, "directed", json_boolean(!undirected));
    json_object_set_new(obj, "by", json_string(att_level_name(level)));
    json_object_set_new(obj, "period", json_string(iso));
    json_object_set_new(obj, "events", json_integer(r->n));
    for (int k = 0; k < 4; k++)
        json_array_append_new(quad, json_integer(r->q[k]));
    json_object_set_new(obj, "quad", quad);
    json_object_set_new(obj, "conflict_share", json_real(r->n ? (double)(r->q[2] + r->q[3]) / (double)r->n : 0));
    json_object_set_new(obj, "goldstein_mean", json_real(gmean));
    json_object_set_new(obj, "goldstein_sum", json_real(r->goldstein_sum));
    json_object_set_new(obj, "tone_mean", json_real(tmean));
    json_object_set_new(obj, "stories", json_integer(r->stories));
    return obj;
}

static json_t *ref_json(const att_actor_ref *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", att_json_str(r->code));
    json_object_set_new(o, "name", att_json_str(r->name));
    json_object_set_new(o, "country", att_json_str(r->country));
    json_object_set_new(o, "type", json_string(att_actor_type_name(r->type)));
    return o;
}

json_t *att_event_json(const att_event_row *r)
{
    json_t *o = json_object(), *loc = json_object(), *span = json_array();
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "article_id", json_integer(r->article_id));
    json_object_set_new(o, "date", att_json_str(r->date));
    json_object_set_new(o, "date_precision", json_string(r->date_precision));
    json_object_set_new(o, "date_source", att_json_str(r->article_date_source));
    json_object_set_new(o, "actor1", ref_json(&r->a1));
    json_object_set_new(o, "actor2", ref_json(&r->a2));
    json_object_set_new(o, "cameo", json_string(r->cameo));
    json_object_set_new(o, "root", json_string(r->root));
    json_object_set_new(o, "quad", json_integer(r->quad));
    json_object_set_new(o, "goldstein", json_real(r->goldstein));
    json_object_set_new(loc, "name", att_json_str(r->location_name));
    json_object_set_new(loc, "country", att_json_str(r->location_country));
    json_object_set_new(o, "location", loc);
    json_object_set_new(o, "modality", json_string(r->modality));
    json_object_set_new(o, "confidence", json_real(r->confidence));
    json_object_set_new(o, "sentence", json_string(r->sentence));
    json_array_append_new(span, json_integer(r->span[0]));
    json_array_append_new(span, json_integer(r->span[1]));
    json_object_set_new(o, "span", span);
    json_object_set_new(o, "num_articles", json_integer(r->num_articles));
    json_object_set_new(o, "num_sources", json_integer(r->num_sources));
    if (r->dup_of)
        json_object_set_new(o, "dup_of", json_integer(r->dup_of));
    return o;
}

json_t *att_quote_json(const att_quote_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->id));
    json_object_set_new(o, "article_id", json_integer(r->article_id));
    json_object_set_new(o, "speaker", r->speaker.code[0] ? ref_json(&r->speaker) : json_null());
    json_object_set_new(o, "quote", json_string(r->quote));
    json_object_set_new(o, "direct", json_boolean(r->direct));
    json_object_set_new(o, "sentence", json_string(r->sentence));
    return o;
}

json_t *att_mention_json(const att_mention_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "article_id", json_integer(r->article_id));
    json_object_set_new(o, "code", att_json_str(r->ref.code));
    json_object_set_new(o, "type", json_string(att_actor_type_name(r->ref.type)));
    json_object_set_new(o, "name", att_json_str(r->ref.name));
    json_object_set_new(o, "country", att_json_str(r->ref.country));
    json_object_set_new(o, "mentions", json_integer(r->mentions));
    return o;
}

json_t *att_actor_json(const att_actor_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", att_json_str(r->code));
    json_object_set_new(o, "name", att_json_str(r->name));
    json_object_set_new(o, "country", att_json_str(r->country));
    json_object_set_new(o, "type", att_json_str(r->type));
    json_object_set_new(o, "articles", json_integer(r->articles));
    json_object_set_new(o, "mentions", json_integer(r->mentions));
    return o;
}

json_t *att_hit_json(const att_hit *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(h->id));
    json_object_set_new(o, "source", att_json_str(h->source));
    json_object_set_new(o, "title", att_json_str(h->title));
    json_object_set_new(o, "published", att_json_str(h->published));
    /* relevance 0-100 (search.h), a whole number: never 3.25e-06 */
    json_object_set_new(o, "score", json_integer((json_int_t)h->score));
    json_object_set_new(o, "snippet", att_json_str(h->snippet));
    return o;
}
