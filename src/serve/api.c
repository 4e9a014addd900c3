/* api.c - the JSON endpoints under /api/v1/ (GET) and POST ingest.
 * Every read goes through the query layer (src/query) with bound
 * parameters; every parameter is checked here first and a bad one is a
 * 400 naming it. */
#include <ctype.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include "../analyze/analyze.h"
#include "../extract/resolve.h"
#include "../query/export.h"
#include "../query/query_json.h"
#include "../store/search.h"
#include "serve_int.h"

typedef struct ctx {
    att_server *sv;
    struct MHD_Connection *con;
    att_resp *r;
    att_store *s;
    char err[512];
    char codes[4][16]; /* actor parameters resolved (get_code) */
    int n_codes;
} ctx;

static const char *arg(ctx *c, const char *name)
{
    if (!c->con) /* a refresh of the cache (no request) */
        return NULL;
    const char *v = MHD_lookup_connection_value(c->con, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

static int bad(ctx *c, const char *param, const char *fmt, const char *value)
{
    char msg[300];
    snprintf(msg, sizeof msg, fmt, value ? value : "");
    att_resp_error(c->r, 400, "bad_parameter", "%s: %s", param, msg);
    return -1;
}

/* limit: def when absent, 1..max; -1 (400 set) if bad. */
static int64_t get_limit(ctx *c, int64_t def, int64_t max)
{
    const char *v = arg(c, "limit");
    if (!v)
        return def;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end || n < 1 || n > max) {
        char fmt[80];
        snprintf(fmt, sizeof fmt, "'%%.40s' is not a whole number from 1 to %lld", (long long)max);
        return bad(c, "limit", fmt, v);
    }
    return n;
}

/* An ISO date parameter (YYYY, YYYY-MM or YYYY-MM-DD); *out NULL when
 * absent; -1 (400 set) if bad. */
static int get_date(ctx *c, const char *name, const char **out)
{
    const char *v = arg(c, name);
    *out = v;
    if (!v)
        return 0;
    size_t n = strlen(v);
    int ok = n == 4 || n == 7 || n == 10;
    for (size_t i = 0; ok && i < n; i++)
        ok = (i == 4 || i == 7) ? v[i] == '-' : isdigit((unsigned char)v[i]);
    if (!ok || att_day_of(v) < 0)
        return bad(c, name, "'%.40s' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", v);
    return 0;
}

/* An actor code parameter: letters, digits, '_' (1-32). */
/* The actor names (resolve.h), loaded once for the server's life;
 * read-only afterwards, so every connection thread shares it. */
static att_actor_index *g_actors;
static pthread_once_t g_actors_once = PTHREAD_ONCE_INIT;

static void load_actors(void)
{
    char err[256];
    if (att_actor_index_load(&g_actors, err, sizeof err) != ATT_OK)
        g_actors = NULL; /* then codes are taken as written */
}

void att_api_shutdown(void)
{
    att_actor_index_free(g_actors); /* no request runs any more */
    g_actors = NULL;
}

/* An actor parameter as people type it: a code in any case, a name with
 * or without accents, an English name, an acronym (resolve.h).  A value
 * the names do not know but written as a stored code (letters, digits,
 * '_': USAGOV) is taken as it is; anything else is a 400 naming the
 * parameter with the closest known actors. */
static int get_code(ctx *c, const char *name, const char **out)
{
    const char *v = arg(c, name);
    *out = v;
    if (!v)
        return 0;
    size_t n = strlen(v);
    if (n > 200)
        return bad(c, name, "'%.40s...' is too long for an actor", v);
    pthread_once(&g_actors_once, load_actors);
    char err[300];
    att_status rs = g_actors && c->n_codes < 4 ? att_actor_resolve(g_actors, v, c->codes[c->n_codes], NULL, err,
                                                                    sizeof err)
                                               : ATT_ERR_NOTFOUND;
    att_serve_thread_end(); /* the text stages' caches: the connection's thread may end with it */
    if (rs == ATT_OK) {
        *out = c->codes[c->n_codes++];
        return 0;
    }
    int ok = n >= 1 && n <= 32;
    for (size_t i = 0; ok && i < n; i++)
        ok = isupper((unsigned char)v[i]) || isdigit((unsigned char)v[i]) || v[i] == '_';
    if (!ok)
        return bad(c, name, "%s", g_actors ? err : "not an actor code (e.g. VNM or USAGOV)");
    return 0;
}

static int get_cursor(ctx *c, int nkeys, att_page *p)
{
    const char *v = arg(c, "cursor");
    if (v && att_cursor_decode(v, nkeys, p) != 0)
        return bad(c, "cursor", "'%.60s' is not a cursor this list gave", v);
    return 0;
}

static int get_flag(ctx *c, const char *name, int *out)
{
    const char *v = arg(c, name);
    *out = 0;
    if (!v)
        return 0;
    if (!strcmp(v, "1") || !strcmp(v, "true"))
        *out = 1;
    else if (strcmp(v, "0") != 0 && strcmp(v, "false") != 0)
        return bad(c, name, "'%.20s' is not 0, 1, true or false", v);
    return 0;
}

static void db_error(ctx *c, att_status st)
{
    if (st == ATT_ERR_NOTFOUND)
        att_resp_error(c->r, 404, "not_found", "%s", c->err);
    else
        att_resp_error(c->r, 503, "unavailable", "%s", c->err);
}

static void reply(ctx *c, json_t *obj)
{
    char *t = att_json_text(obj);
    if (!t) {
        att_resp_error(c->r, 500, "internal", "out of memory");
        return;
    }
    att_resp_json(c->r, 200, t);
}

/* ---- lists: limit+1 rows are read; the extra one says there is more ---- */

typedef struct list {
    json_t *items;
    int64_t limit, n;
    int more, nkey;
    int64_t key[ATT_KEY_MAX];
    ctx *c;
} list;

static int list_add(list *l, json_t *item, const int64_t *key, int nkey)
{
    if (l->n == l->limit) {
        json_decref(item);
        l->more = 1;
        return 1;
    }
    json_array_append_new(l->items, item);
    memcpy(l->key, key, sizeof(int64_t) * (size_t)nkey);
    l->nkey = nkey;
    l->n++;
    return 0;
}

static json_t *list_done(list *l)
{
    json_t *o = json_object();
    json_object_set_new(o, "items", l->items);
    if (l->more) {
        char cur[100];
        att_cursor_encode(l->key, l->nkey, cur, sizeof cur);
        json_object_set_new(o, "next_cursor", json_string(cur));
    } else {
        json_object_set_new(o, "next_cursor", json_null());
    }
    return o;
}

static list list_new(ctx *c, int64_t limit) { return (list){json_array(), limit, 0, 0, 0, {0, 0, 0}, c}; }

/* ---- stories ---- */

static int story_cb(void *p, const att_story_row *r) { return list_add(p, att_story_json(r), r->key, 3); }

static void ep_stories(ctx *c)
{
    att_page pg = {0, 0, {0}};
    int64_t limit = get_limit(c, 50, 500);
    if (limit < 0 || get_cursor(c, 3, &pg) < 0)
        return;
    pg.limit = limit + 1;
    list l = list_new(c, limit);
    att_status st = att_query_stories(c->s, &pg, story_cb, &l, c->err, sizeof c->err);
    if (st != ATT_OK) {
        json_decref(l.items);
        {
        db_error(c, st);
        return;
    }
    }
    reply(c, list_done(&l));
}

typedef struct one {
    json_t *obj;
} one;

static int story_one(void *p, const att_story_row *r)
{
    ((one *)p)->obj = att_story_json(r);
    return 1;
}

static int parse_id(const char *s, int64_t *id)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0 || !isdigit((unsigned char)*s))
        return -1;
    *id = v;
    return 0;
}

static void ep_story(ctx *c, const char *idstr)
{
    int64_t id;
    if (parse_id(idstr, &id) != 0) {
        bad(c, "id", "'%.40s' is not a story id", idstr);
        return;
    }
    one o = {NULL};
    att_status st = att_query_story(c->s, id, story_one, &o, c->err, sizeof c->err);
    if (st != ATT_OK)
        {
        db_error(c, st);
        return;
    }
    /* the articles' titles, for the story page */
    json_t *arts = json_object_get(o.obj, "articles"), *det = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(arts, i, v)
    {
        if (i >= 100)
            break;
        att_article a;
        att_article_meta m;
        char err[256];
        att_article_init(&a);
        if (att_store_get_article(c->s, json_integer_value(v), &a, &m, err, sizeof err) == ATT_OK) {
            json_t *d = json_object();
            json_object_set_new(d, "id", json_integer(m.id));
            json_object_set_new(d, "title", att_json_str(a.title));
            json_object_set_new(d, "source", att_json_str(a.source));
            json_object_set_new(d, "url", att_json_str(a.url));
            json_object_set_new(d, "published", att_json_str(a.published));
            json_array_append_new(det, d);
        }
        att_article_free(&a);
    }
    json_object_set_new(o.obj, "article_list", det);
    reply(c, o.obj);
}

/* ---- alerts ---- */

static int alert_cb(void *p, const att_alert_row *r) { return list_add(p, att_alert_json(r), r->key, 2); }

static void ep_alerts(ctx *c)
{
    att_page pg = {0, 0, {0}};
    const char *since;
    int64_t limit = get_limit(c, 100, 1000);
    if (limit < 0 || get_date(c, "since", &since) < 0 || get_cursor(c, 2, &pg) < 0)
        return;
    pg.limit = limit + 1;
    list l = list_new(c, limit);
    att_status st = att_query_alerts(c->s, since ? att_day_of(since) : INT32_MIN, &pg, alert_cb, &l, c->err,
                                     sizeof c->err);
    if (st != ATT_OK) {
        json_decref(l.items);
        {
        db_error(c, st);
        return;
    }
    }
    reply(c, list_done(&l));
}

/* ---- commitments ---- */

static int link_cb(void *p, const att_commitment_link *l)
{
    json_array_append_new(p, att_commitment_link_json(l));
    return 0;
}

static int commitment_cb(void *p, const att_commitment_row *r)
{
    list *l = p;
    json_t *o = att_commitment_json(r), *links = json_array();
    att_query_commitment_links(l->c->s, r->id, link_cb, links, l->c->err, sizeof l->c->err);
    json_object_set_new(o, "links", links);
    return list_add(l, o, r->key, 2);
}

static void ep_commitments(ctx *c)
{
    att_page pg = {0, 0, {0}};
    const char *actor, *status = arg(c, "status");
    int64_t limit = get_limit(c, 100, 1000);
    if (limit < 0 || get_code(c, "actor", &actor) < 0 || get_cursor(c, 2, &pg) < 0)
        return;
    if (status && strcspn(status, "abcdefghijklmnopqrstuvwxyz_") != 0) {
        bad(c, "status", "'%.40s' is not a status (open, kept, broken, ...)", status);
        return;
    }
    pg.limit = limit + 1;
    list l = list_new(c, limit);
    att_status st = att_query_commitments(c->s, actor, status, &pg, commitment_cb, &l, c->err, sizeof c->err);
    if (st != ATT_OK) {
        json_decref(l.items);
        {
        db_error(c, st);
        return;
    }
    }
    reply(c, list_done(&l));
}

/* ---- dyads, timeline ---- */

typedef struct dyads {
    json_t *items;
    int undirected, level;
} dyads;

static int dyad_cb(void *p, const att_dyad_row *r)
{
    dyads *d = p;
    json_array_append_new(d->items, att_dyad_json(r, d->undirected, d->level));
    return 0;
}

static int get_level(ctx *c, int def)
{
    const char *by = arg(c, "by");
    if (!by)
        return def;
    int l = att_level_of(by);
    if (l < 0)
        return bad(c, "by", "'%.20s' is not day, week or month", by);
    return l;
}

static void ep_dyads(ctx *c, int timeline)
{
    att_dyad_query q;
    memset(&q, 0, sizeof q);
    int undirected = timeline;
    if ((q.level = get_level(c, timeline ? 1 : 2)) < 0 || get_code(c, "actor", &q.actor) < 0 ||
        get_code(c, "a", &q.a) < 0 || get_code(c, "b", &q.b) < 0 || get_date(c, "from", &q.from) < 0 ||
        get_date(c, "to", &q.to) < 0 || (!timeline && get_flag(c, "undirected", &undirected) < 0) ||
        (q.limit = get_limit(c, timeline ? 5000 : 1000, 100000)) < 0)
        return;
    if (timeline && (!q.a || !q.b)) {
        bad(c, q.a ? "b" : "a", "%stwo actor codes are needed, e.g. ?a=VNM&b=USA", "");
        return;
    }
    if (!timeline)
        q.a = q.b = NULL;
    q.undirected = undirected;
    dyads d = {json_array(), undirected, q.level};
    att_status st = att_query_dyads(c->s, &q, dyad_cb, &d, c->err, sizeof c->err);
    if (st != ATT_OK) {
        json_decref(d.items);
        {
        db_error(c, st);
        return;
    }
    }
    json_t *o = json_object();
    json_object_set_new(o, "items", d.items);
    reply(c, o);
}

/* ---- actors ---- */

static int actor_cb(void *p, const att_actor_row *r)
{
    json_array_append_new(p, att_actor_json(r));
    return 0;
}

static void actors_n(ctx *c, int64_t limit)
{
    json_t *items = json_array();
    att_status st = att_query_actors(c->s, limit, actor_cb, items, c->err, sizeof c->err);
    if (st != ATT_OK) {
        json_decref(items);
        {
        db_error(c, st);
        return;
    }
    }
    json_t *o = json_object();
    json_object_set_new(o, "items", items);
    reply(c, o);
}

static void ep_actors(ctx *c)
{
    int64_t limit = get_limit(c, 200, 5000);
    if (limit >= 0)
        actors_n(c, limit);
}

static const int64_t actor_limits[] = {200, 400, 1000}; /* the API's default, the dashboard's */

/* The rows of the cached actors list with this code or country (NULL when
 * nothing is cached; an empty array when no actor has it, if the list was
 * not cut short). */
static json_t *cached_actor(ctx *c, const char *code)
{
    char key[48], *text;
    size_t len, nl = sizeof actor_limits / sizeof actor_limits[0];
    snprintf(key, sizeof key, "actors:%lld", (long long)actor_limits[nl - 1]);
    if (!(text = att_cache_get(c->sv, key, &len)))
        return NULL;
    json_t *o = json_loads(text, 0, NULL), *items = json_object_get(o, "items"), *out = json_array(), *v;
    free(text);
    size_t i;
    json_array_foreach(items, i, v)
    {
        const char *cd = json_string_value(json_object_get(v, "code")), *cy = json_string_value(json_object_get(v, "country"));
        if ((cd && !strcmp(cd, code)) || (cy && !strcmp(cy, code)))
            json_array_append(out, v);
    }
    int whole = json_array_size(items) < (size_t)actor_limits[nl - 1];
    json_decref(o);
    if (!json_array_size(out) && !whole) { /* maybe beyond the list's end */
        json_decref(out);
        return NULL;
    }
    return out;
}

static int quote_arr(void *p, const att_quote_row *r)
{
    json_array_append_new(p, att_quote_json(r));
    return 0;
}

static void ep_actor(ctx *c, const char *code)
{
    size_t n = strlen(code);
    int ok = n >= 1 && n <= 32;
    for (size_t i = 0; ok && i < n; i++)
        ok = isalnum((unsigned char)code[i]) || code[i] == '_';
    if (!ok) {
        bad(c, "code", "'%.40s' is not an actor code", code);
        return;
    }
    json_t *codes = cached_actor(c, code);
    att_status st = ATT_OK;
    if (!codes) {
        codes = json_array();
        st = att_query_actor(c->s, code, actor_cb, codes, c->err, sizeof c->err);
    } else if (!json_array_size(codes)) {
        st = att_seterr(c->err, sizeof c->err, ATT_ERR_NOTFOUND, "no actor '%s'", code);
    }
    if (st != ATT_OK) {
        json_decref(codes);
        {
        db_error(c, st);
        return;
    }
    }
    att_dyad_query q = {2, 1, code, NULL, NULL, NULL, NULL, 2000};
    dyads d = {json_array(), 1, 2};
    json_t *quotes = json_array();
    att_quote_filter qf = {code, 0, 0, 0, 50};
    if ((st = att_query_dyads(c->s, &q, dyad_cb, &d, c->err, sizeof c->err)) == ATT_OK)
        st = att_query_quotes(c->s, &qf, quote_arr, quotes, c->err, sizeof c->err);
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(code));
    json_object_set_new(o, "actors", codes);
    json_object_set_new(o, "relations", d.items);
    json_object_set_new(o, "quotes", quotes);
    if (st != ATT_OK) {
        json_decref(o);
        {
        db_error(c, st);
        return;
    }
    }
    reply(c, o);
}

/* ---- quotes ---- */

static int quote_cb(void *p, const att_quote_row *r)
{
    int64_t key[2] = {r->article_id, r->id};
    return list_add(p, att_quote_json(r), key, 2);
}

static void ep_quotes(ctx *c)
{
    att_page pg = {0, 0, {0}};
    att_quote_filter f;
    memset(&f, 0, sizeof f);
    const char *art = arg(c, "article");
    int64_t limit = get_limit(c, 100, 1000);
    if (limit < 0 || get_code(c, "actor", &f.speaker) < 0 || get_cursor(c, 2, &pg) < 0)
        return;
    if (art && parse_id(art, &f.article_id) != 0) {
        bad(c, "article", "'%.40s' is not an article id", art);
        return;
    }
    if (pg.n_after) {
        f.after_article = pg.after[0];
        f.after_id = pg.after[1];
    }
    f.limit = limit + 1;
    list l = list_new(c, limit);
    att_status st = att_query_quotes(c->s, &f, quote_cb, &l, c->err, sizeof c->err);
    if (st != ATT_OK) {
        json_decref(l.items);
        {
        db_error(c, st);
        return;
    }
    }
    reply(c, list_done(&l));
}

/* ---- events ---- */

typedef struct evl {
    list l;
    char date[16];
    int fmt; /* 0 json, 1 jsonl, 2 gdelt, 3 csv */
    FILE *f;
    const att_lexicon *lx;
} evl;

static int event_cb(void *p, const att_event_row *r)
{
    evl *e = p;
    if (e->fmt == 1) {
        att_print_json_line(e->f, att_event_json(r));
        return 0;
    }
    if (e->fmt == 2) {
        att_event_gdelt(e->f, r, e->lx);
        return 0;
    }
    if (e->fmt == 3) {
        att_event_csv(e->f, r);
        return 0;
    }
    int64_t key[1] = {r->id};
    if (list_add(&e->l, att_event_json(r), key, 1))
        return 1;
    snprintf(e->date, sizeof e->date, "%s", r->date ? r->date : "");
    return 0;
}

static void ep_events(ctx *c)
{
    att_event_filter f;
    memset(&f, 0, sizeof f);
    const char *quad = arg(c, "quad"), *root = arg(c, "root"), *mod = arg(c, "modality"), *fmt = arg(c, "format");
    const char *cur = arg(c, "cursor");
    int all;
    int64_t limit = get_limit(c, 100, fmt ? 1000000 : 1000);
    if (limit < 0 || get_code(c, "actor", &f.actor) < 0 || get_code(c, "b", &f.pair_b) < 0 ||
        get_date(c, "from", &f.from) < 0 || get_date(c, "to", &f.to) < 0 || get_flag(c, "all", &all) < 0)
        return;
    f.include_copies = all;
    if (f.pair_b && !f.actor) {
        bad(c, "b", "%sneeds actor too (the pair actor-b)", "");
        return;
    }
    if (quad) {
        if (strlen(quad) != 1 || quad[0] < '1' || quad[0] > '4') {
            bad(c, "quad", "'%.20s' is not a quad class from 1 to 4", quad);
            return;
        }
        f.quad = quad[0] - '0';
    }
    if (root && (strlen(root) != 2 || !isdigit((unsigned char)root[0]) || !isdigit((unsigned char)root[1]))) {
        bad(c, "root", "'%.20s' is not a two-digit CAMEO root such as 04 or 19", root);
        return;
    }
    f.root = root;
    if (mod && (strlen(mod) > 32 || strspn(mod, "abcdefghijklmnopqrstuvwxyz_") != strlen(mod))) {
        bad(c, "modality", "'%.40s' is not a modality (asserted, planned, ...)", mod);
        return;
    }
    f.modality = mod;
    evl e = {list_new(c, limit), "", 0, NULL, c->sv->cfg.lexicon};
    if (fmt) {
        e.fmt = !strcmp(fmt, "jsonl") ? 1 : !strcmp(fmt, "gdelt") ? 2 : !strcmp(fmt, "csv") ? 3 : -1;
        if (e.fmt < 0) {
            json_decref(e.l.items);
            bad(c, "format", "'%.20s' is not jsonl, gdelt or csv", fmt);
            return;
        }
    }
    /* the cursor: "DATE~ID" of the last row (DATE empty when it had none) */
    char curdate[16] = "";
    if (cur) {
        const char *t = strchr(cur, '~');
        int64_t id;
        size_t dl = t ? (size_t)(t - cur) : 0;
        if (!t || dl >= sizeof curdate || strspn(cur, "0123456789-") != dl || parse_id(t + 1, &id) != 0) {
            json_decref(e.l.items);
            bad(c, "cursor", "'%.60s' is not a cursor this list gave", cur);
            return;
        }
        memcpy(curdate, cur, dl);
        curdate[dl] = '\0';
        f.after_id = id;
        f.after_date = dl ? curdate : NULL;
    }
    char *buf = NULL;
    size_t blen = 0;
    if (e.fmt) {
        json_decref(e.l.items);
        e.l.items = NULL;
        e.f = open_memstream(&buf, &blen);
        if (!e.f) {
            att_resp_error(c->r, 500, "internal", "out of memory");
            return;
        }
        if (e.fmt == 2 && arg(c, "header"))
            fprintf(e.f, "%s\n", att_gdelt_header);
        if (e.fmt == 3)
            fprintf(e.f, "%s\n", att_event_csv_header);
        f.limit = limit;
    } else {
        f.limit = limit + 1;
    }
    att_status st = att_query_events(c->s, &f, event_cb, &e, c->err, sizeof c->err);
    if (e.f)
        fclose(e.f);
    if (st != ATT_OK) {
        free(buf);
        json_decref(e.l.items);
        {
        db_error(c, st);
        return;
    }
    }
    if (e.fmt) {
        c->r->status = 200;
        c->r->body = buf;
        c->r->len = blen;
        c->r->type = e.fmt == 1 ? "application/x-ndjson; charset=utf-8"
                     : e.fmt == 2 ? "text/tab-separated-values; charset=utf-8"
                                  : "text/csv; charset=utf-8";
        c->r->filename = e.fmt == 1 ? "events.jsonl" : e.fmt == 2 ? "events.gdelt.tsv" : "events.csv";
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "items", e.l.items);
    if (e.l.more) {
        char next[64];
        snprintf(next, sizeof next, "%s~%lld", e.date, (long long)e.l.key[0]);
        json_object_set_new(o, "next_cursor", json_string(next));
    } else {
        json_object_set_new(o, "next_cursor", json_null());
    }
    reply(c, o);
}

/* ---- search ---- */

/* The ranked list a search's pages, filters and chart are cut from:
 * the best SEARCH_FIRST matches, followed - for a page that reaches past
 * them - by the rest of the best SEARCH_EXAMINED (those not already in
 * the first part).  The first part is a prefix of the list whatever the
 * page, so the cursor walks every hit once, never skipping or repeating
 * one (the ranking of a search depends on how many hits are asked for:
 * the headline index answers alone when it fills the request).  Only the
 * page's hits get a snippet (their bodies are read); the first pages cost
 * one ranking of SEARCH_FIRST, deeper pages both. */
#define SEARCH_FIRST 300
#define SEARCH_EXAMINED ATT_SEARCH_WINDOW

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The ranked hits, their filters and the page being cut. */
typedef struct srch {
    att_hit *hits;
    size_t n, kept, nd, page[100], np;
    const char **days;
    const char *from, *to, *actor;
    int64_t offset, limit;
} srch;

/* Run the filters over hits[from..n): the kept ones are counted, dated
 * for the chart and, in the page's range, noted for the page. */
static void search_filter(ctx *c, srch *r, size_t from_i)
{
    size_t tl = r->to ? strlen(r->to) : 0;
    for (size_t i = from_i; i < r->n; i++) {
        const char *p = r->hits[i].published;
        if ((r->from || r->to) && !p)
            continue;
        if (r->from && strcmp(p, r->from) < 0)
            continue;
        if (r->to && strncmp(p, r->to, tl) > 0)
            continue;
        if (r->actor && att_query_article_has_actor(c->s, r->hits[i].id, r->actor) != 1)
            continue;
        if (p && strlen(p) >= 10)
            r->days[r->nd++] = p;
        if ((int64_t)r->kept >= r->offset && (int64_t)r->kept < r->offset + r->limit &&
            r->np < sizeof r->page / sizeof r->page[0])
            r->page[r->np++] = i;
        r->kept++;
    }
}

/* Append to r->hits the hits of more not already in it (moved; more is
 * freed).  ATT_ERR_NOMEM on failure. */
static att_status search_extend(srch *r, att_hit *more, size_t n2)
{
    int64_t *ids = malloc((r->n ? r->n : 1) * sizeof *ids);
    att_hit *v = realloc(r->hits, (r->n + n2 + 1) * sizeof *v);
    const char **d = realloc(r->days, (r->n + n2 + 1) * sizeof *d);
    if (v)
        r->hits = v;
    if (d)
        r->days = d;
    if (!ids || !v || !d) {
        free(ids);
        att_hits_free(more, n2);
        return ATT_ERR_NOMEM;
    }
    size_t n1 = r->n;
    for (size_t i = 0; i < n1; i++)
        ids[i] = r->hits[i].id;
    qsort(ids, n1, sizeof *ids, cmp_id);
    for (size_t i = 0; i < n2; i++)
        if (!bsearch(&more[i].id, ids, n1, sizeof *ids, cmp_id)) {
            r->hits[r->n] = more[i];
            r->n++;
            memset(&more[i], 0, sizeof more[i]); /* moved */
        }
    free(ids);
    att_hits_free(more, n2);
    return ATT_OK;
}

static void ep_search(ctx *c)
{
    const char *q = arg(c, "q"), *cur = arg(c, "cursor");
    srch r;
    memset(&r, 0, sizeof r);
    r.limit = get_limit(c, 20, 100);
    if (r.limit < 0 || get_date(c, "from", &r.from) < 0 || get_date(c, "to", &r.to) < 0 ||
        get_code(c, "actor", &r.actor) < 0)
        return;
    if (!q) {
        bad(c, "q", "%sthe query is missing (e.g. ?q=ngoai+giao)", "");
        return;
    }
    if (strlen(q) > 1000) {
        bad(c, "q", "%sthe query is longer than 1000 bytes", "");
        return;
    }
    if (cur && (parse_id(cur, &r.offset) != 0 || r.offset > SEARCH_EXAMINED)) {
        bad(c, "cursor", "'%.60s' is not a cursor this search gave", cur);
        return;
    }
    int want_hist;
    if (get_flag(c, "histogram", &want_hist) < 0)
        return;
    att_status st = att_search_ranked(c->s, q, SEARCH_FIRST, &r.hits, &r.n, c->err, sizeof c->err);
    if (st == ATT_ERR_EMPTY || st == ATT_ERR_USAGE) {
        bad(c, "q", "%.200s", c->err);
        return;
    }
    if (st != ATT_OK) {
        db_error(c, st);
        return;
    }
    size_t window = SEARCH_FIRST;
    if (!(r.days = calloc(r.n + 1, sizeof *r.days)))
        st = ATT_ERR_NOMEM;
    if (st == ATT_OK)
        search_filter(c, &r, 0);
    /* a page that reaches the end of a full first part: the rest */
    if (st == ATT_OK && r.n == SEARCH_FIRST && r.offset + r.limit >= (int64_t)r.kept) {
        att_hit *more = NULL;
        size_t n2 = 0;
        st = att_search_ranked(c->s, q, SEARCH_EXAMINED, &more, &n2, c->err, sizeof c->err);
        if (st == ATT_OK)
            st = search_extend(&r, more, n2);
        if (st == ATT_OK) {
            r.kept = r.nd = r.np = 0; /* again, over the whole list */
            search_filter(c, &r, 0);
            window = SEARCH_EXAMINED;
        }
    }
    if (st == ATT_OK)
        st = att_search_snippets(c->s, q, r.hits, r.page, r.np, "\x02", "\x03", c->err, sizeof c->err);
    if (st != ATT_OK) {
        free(r.days);
        att_hits_free(r.hits, r.n);
        if (st == ATT_ERR_NOMEM)
            att_resp_error(c->r, 500, "internal", "out of memory");
        else
            db_error(c, st);
        return;
    }
    json_t *items = json_array();
    for (size_t k = 0; k < r.np; k++) {
        json_t *h = att_hit_json(&r.hits[r.page[k]]);
        json_object_set_new(h, "exact", json_boolean(r.hits[r.page[k]].exact));
        json_array_append_new(items, h);
    }
    json_t *hist = json_array();
    qsort(r.days, r.nd, sizeof *r.days, cmp_str);
    for (size_t i = 0; i < r.nd;) {
        size_t j = i;
        while (j < r.nd && !strncmp(r.days[j], r.days[i], 10))
            j++;
        char d[11];
        memcpy(d, r.days[i], 10);
        d[10] = '\0';
        json_array_append_new(hist, json_pack("{s:s,s:I}", "date", d, "count", (json_int_t)(j - i)));
        i = j;
    }
    free(r.days);
    json_t *o = json_object();
    json_object_set_new(o, "query", json_string(q));
    json_object_set_new(o, "total", json_integer((json_int_t)r.kept));
    json_object_set_new(o, "window", json_integer((json_int_t)window));
    json_object_set_new(o, "items", items);
    /* more: kept hits past the page, or a full first part not yet extended */
    if ((int64_t)r.kept > r.offset + r.limit || (window == SEARCH_FIRST && r.n == SEARCH_FIRST)) {
        char next[32];
        snprintf(next, sizeof next, "%lld", (long long)(r.offset + r.limit));
        json_object_set_new(o, "next_cursor", json_string(next));
    } else {
        json_object_set_new(o, "next_cursor", json_null());
    }
    json_object_set_new(o, "histogram", hist);
    att_hits_free(r.hits, r.n);
    reply(c, o);
}

/* ---- articles ---- */

static void ep_article(ctx *c, const char *idstr)
{
    int64_t id;
    if (parse_id(idstr, &id) != 0) {
        bad(c, "id", "'%.40s' is not an article id", idstr);
        return;
    }
    att_article a;
    att_article_meta m;
    att_article_init(&a);
    int64_t nev = 0, nmen = 0;
    /* the article and its facts as one moment saw them */
    att_status st = att_query_snapshot_begin(c->s, c->err, sizeof c->err);
    if (st == ATT_OK)
        st = att_store_get_article(c->s, id, &a, &m, c->err, sizeof c->err);
    if (st == ATT_OK)
        st = att_query_article_counts(c->s, id, &nev, &nmen, c->err, sizeof c->err);
    json_t *o = st == ATT_OK ? att_article_json(&a, &m) : NULL, *quotes = json_array();
    att_article_free(&a);
    att_quote_filter qf = {NULL, id, 0, 0, 200};
    if (st == ATT_OK)
        st = att_query_quotes(c->s, &qf, quote_arr, quotes, c->err, sizeof c->err);
    att_query_snapshot_end(c->s);
    if (st != ATT_OK) {
        json_decref(o);
        json_decref(quotes);
        db_error(c, st);
        return;
    }
    json_object_set_new(o, "quotes", quotes);
    json_object_set_new(o, "events", json_integer(nev));
    json_object_set_new(o, "mentions", json_integer(nmen));
    reply(c, o);
}

/* ---- overview (the dashboard's first page) ---- */

static int mover_cb(void *p, const att_dyad_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "actor1", json_string(r->a1));
    json_object_set_new(o, "actor2", json_string(r->a2));
    json_object_set_new(o, "events", json_integer(r->n));
    json_object_set_new(o, "events_before", json_integer(r->q[0]));
    json_array_append_new(p, o);
    return 0;
}

static int country_cb(void *p, const att_dyad_row *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "country", json_string(r->a1));
    json_object_set_new(o, "events", json_integer(r->n));
    json_object_set_new(o, "conflict_share", json_real(r->n ? (double)(r->q[2] + r->q[3]) / (double)r->n : 0));
    json_array_append_new(p, o);
    return 0;
}

static int spark_cb(void *p, const att_dyad_row *r)
{
    json_array_append_new(p, json_integer(r->n));
    return 0;
}

static void ep_overview(ctx *c)
{
    att_totals t;
    att_status st = att_query_totals(c->s, &t, c->err, sizeof c->err);
    json_t *movers = json_array(), *countries = json_array(), *stories = json_array(), *alerts = json_array();
    if (st == ATT_OK)
        st = att_query_movers(c->s, 7, 8, mover_cb, movers, c->err, sizeof c->err);
    /* a sparkline per mover: its weekly counts */
    size_t i;
    json_t *m;
    json_array_foreach(movers, i, m)
    {
        if (st != ATT_OK)
            break;
        json_t *spark = json_array();
        att_dyad_query q = {1, 1, NULL, json_string_value(json_object_get(m, "actor1")),
                            json_string_value(json_object_get(m, "actor2")), NULL, NULL, 1000};
        st = att_query_dyads(c->s, &q, spark_cb, spark, c->err, sizeof c->err);
        json_object_set_new(m, "weekly", spark);
    }
    if (st == ATT_OK)
        st = att_query_country_intensity(c->s, country_cb, countries, c->err, sizeof c->err);
    list ls = list_new(c, 8);
    att_page pg = {9, 0, {0}};
    if (st == ATT_OK)
        st = att_query_stories(c->s, &pg, story_cb, &ls, c->err, sizeof c->err);
    int64_t max = 0;
    list la = list_new(c, 20);
    if (st == ATT_OK)
        st = att_query_max_alert_id(c->s, &max, c->err, sizeof c->err);
    if (st == ATT_OK)
        st = att_query_alerts_after_id(c->s, max > 20 ? max - 20 : 0, 21, alert_cb, &la, c->err, sizeof c->err);
    json_decref(stories);
    json_decref(alerts);
    json_t *o = json_object();
    json_t *tot = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "articles", (json_int_t)t.articles, "events",
                            (json_int_t)t.events, "quotes", (json_int_t)t.quotes, "stories", (json_int_t)t.stories,
                            "commitments", (json_int_t)t.commitments, "alerts", (json_int_t)t.alerts);
    json_object_set_new(o, "totals", tot);
    json_object_set_new(o, "movers", movers);
    json_object_set_new(o, "countries", countries);
    json_object_set_new(o, "stories", ls.items);
    json_object_set_new(o, "alerts", la.items);
    if (st != ATT_OK) {
        json_decref(o);
        {
        db_error(c, st);
        return;
    }
    }
    reply(c, o);
}

/* ---- the cached aggregates ---- */

/* The actors list text cut to its first limit items (malloc'd), or NULL. */
static char *actors_cut(const char *text, int64_t limit)
{
    json_t *o = json_loads(text, 0, NULL), *items = json_object_get(o, "items");
    char *out = NULL;
    if (json_is_array(items)) {
        while ((int64_t)json_array_size(items) > limit)
            json_array_remove(items, json_array_size(items) - 1);
        out = att_json_text(o);
    } else {
        json_decref(o);
    }
    return out;
}

void att_api_refresh(att_server *sv, att_store *s)
{
    /* the overview, then the longest actors list once (each reads every
     * mention); the shorter lists are cut from it */
    size_t nl = sizeof actor_limits / sizeof actor_limits[0];
    for (int k = 0; k < 2; k++) {
        att_resp r = {0, NULL, 0, NULL, NULL, NULL};
        ctx c = {sv, NULL, &r, s, "", {{0}}, 0};
        char key[48];
        pthread_mutex_lock(&sv->heavy_mu);
        if (k == 0) {
            ep_overview(&c);
            snprintf(key, sizeof key, "overview");
        } else {
            actors_n(&c, actor_limits[nl - 1]);
            snprintf(key, sizeof key, "actors:%lld", (long long)actor_limits[nl - 1]);
        }
        if (r.status == 200 && r.body) {
            att_cache_put(sv, key, r.body, r.len);
            for (size_t j = 0; k == 1 && j + 1 < nl; j++) {
                char *cut = actors_cut(r.body, actor_limits[j]);
                snprintf(key, sizeof key, "actors:%lld", (long long)actor_limits[j]);
                if (cut)
                    att_cache_put(sv, key, cut, strlen(cut));
                free(cut);
            }
        }
        pthread_mutex_unlock(&sv->heavy_mu);
        free(r.body);
    }
}

/* The cache key of a request to a cached endpoint, or 0. */
static int cache_key(ctx *c, att_endpoint ep, char key[48])
{
    if (ep == ATT_EP_OVERVIEW) {
        snprintf(key, 48, "overview");
        return 1;
    }
    if (ep != ATT_EP_ACTORS)
        return 0;
    const char *v = arg(c, "limit");
    for (size_t k = 0; k < sizeof actor_limits / sizeof actor_limits[0]; k++) {
        char n[24];
        snprintf(n, sizeof n, "%lld", (long long)actor_limits[k]);
        if (v ? !strcmp(v, n) : k == 0) {
            snprintf(key, 48, "actors:%s", n);
            return 1;
        }
    }
    return 0;
}

/* Another limit of the actors list, up to the largest cached one: cut
 * from it.  1 if answered (r set, possibly a 400). */
static int actors_from_cache(ctx *c)
{
    size_t nmax = sizeof actor_limits / sizeof actor_limits[0];
    int64_t limit = get_limit(c, 200, 5000);
    if (limit < 0)
        return 1;
    if (limit > actor_limits[nmax - 1])
        return 0;
    char key[48], *text;
    size_t len;
    snprintf(key, sizeof key, "actors:%lld", (long long)actor_limits[nmax - 1]);
    if (!(text = att_cache_get(c->sv, key, &len)))
        return 0;
    json_t *o = json_loads(text, 0, NULL), *items = json_object_get(o, "items");
    free(text);
    if (!json_is_array(items)) {
        json_decref(o);
        return 0;
    }
    while ((int64_t)json_array_size(items) > limit)
        json_array_remove(items, json_array_size(items) - 1);
    reply(c, o);
    return 1;
}

/* ---- dispatch ---- */

att_endpoint att_api_get(att_server *sv, struct MHD_Connection *con, const char *path, att_resp *r)
{
    ctx c = {sv, con, r, NULL, "", {{0}}, 0};
    if (!strcmp(path, "metrics")) {
        att_metrics_render(sv, r);
        return ATT_EP_METRICS;
    }
    if (!strcmp(path, "openapi.json")) {
        size_t len;
        const char *type, *data = att_asset("/api/v1/openapi.json", &len, &type);
        r->status = 200;
        r->body = data ? strndup(data, len) : NULL;
        r->len = r->body ? len : 0;
        r->type = type;
        return ATT_EP_OPENAPI;
    }
    static const struct {
        const char *name;
        att_endpoint ep;
        int prefix; /* name/ID */
    } routes[] = {
        {"search", ATT_EP_SEARCH, 0},    {"articles/", ATT_EP_ARTICLE, 1}, {"events", ATT_EP_EVENTS, 0},
        {"dyads", ATT_EP_DYADS, 0},      {"timeline", ATT_EP_TIMELINE, 0}, {"stories", ATT_EP_STORIES, 0},
        {"stories/", ATT_EP_STORY, 1},   {"actors", ATT_EP_ACTORS, 0},     {"actors/", ATT_EP_ACTOR, 1},
        {"quotes", ATT_EP_QUOTES, 0},    {"commitments", ATT_EP_COMMITMENTS, 0},
        {"alerts", ATT_EP_ALERTS, 0},    {"overview", ATT_EP_OVERVIEW, 0}, {"healthz", ATT_EP_HEALTHZ, 0},
    };
    att_endpoint ep = ATT_EP_OTHER;
    const char *rest = NULL;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t n = strlen(routes[i].name);
        if (routes[i].prefix ? !strncmp(path, routes[i].name, n) && path[n] && !strchr(path + n, '/')
                             : !strcmp(path, routes[i].name)) {
            ep = routes[i].ep;
            rest = path + n;
            break;
        }
    }
    if (ep == ATT_EP_OTHER) {
        att_resp_error(r, 404, "not_found", "no endpoint /api/v1/%.100s (see /api/v1/openapi.json)", path);
        return ep;
    }
    char key[48];
    int cached = cache_key(&c, ep, key);
    if (cached && (r->body = att_cache_get(sv, key, &r->len))) {
        r->status = 200;
        r->type = "application/json; charset=utf-8";
        return ep;
    }
    if (ep == ATT_EP_ACTORS && actors_from_cache(&c))
        return ep;
    /* an aggregate not in the cache: one computes it, the others wait for it */
    int heavy = cached || ep == ATT_EP_ACTORS || (ep == ATT_EP_ACTOR && !att_cache_has(sv, "actors:1000"));
    if (heavy) {
        pthread_mutex_lock(&sv->heavy_mu);
        if ((cached && (r->body = att_cache_get(sv, key, &r->len))) ||
            (ep == ATT_EP_ACTORS && actors_from_cache(&c))) {
            if (cached) {
                r->status = 200;
                r->type = "application/json; charset=utf-8";
            }
            pthread_mutex_unlock(&sv->heavy_mu);
            return ep;
        }
    }
    if (!(c.s = att_pool_get(sv, r))) {
        if (heavy)
            pthread_mutex_unlock(&sv->heavy_mu);
        return ep;
    }
    switch (ep) {
    case ATT_EP_SEARCH:
        ep_search(&c);
        att_serve_thread_end(); /* the connection's thread may end with it */
        break;
    case ATT_EP_ARTICLE: ep_article(&c, rest); break;
    case ATT_EP_EVENTS: ep_events(&c); break;
    case ATT_EP_DYADS: ep_dyads(&c, 0); break;
    case ATT_EP_TIMELINE: ep_dyads(&c, 1); break;
    case ATT_EP_STORIES: ep_stories(&c); break;
    case ATT_EP_STORY: ep_story(&c, rest); break;
    case ATT_EP_ACTORS: ep_actors(&c); break;
    case ATT_EP_ACTOR: ep_actor(&c, rest); break;
    case ATT_EP_QUOTES: ep_quotes(&c); break;
    case ATT_EP_COMMITMENTS: ep_commitments(&c); break;
    case ATT_EP_ALERTS: ep_alerts(&c); break;
    case ATT_EP_OVERVIEW: ep_overview(&c); break;
    default: {
        int64_t n = att_query_count(c.s, "SELECT count(*) FROM articles");
        if (n < 0)
            att_resp_error(r, 503, "unavailable", "the database does not answer");
        else
            att_resp_json(r, 200, att_json_text(json_pack("{s:s,s:I}", "status", "ok", "articles", (json_int_t)n)));
    }
    }
    att_pool_put(sv, c.s);
    if (cached && r->status == 200 && r->body)
        att_cache_put(sv, key, r->body, r->len);
    if (heavy)
        pthread_mutex_unlock(&sv->heavy_mu);
    return ep;
}

/* ---- POST ingest ---- */

void att_api_ingest(att_server *sv, struct MHD_Connection *con, const char *body, size_t len, att_resp *r)
{
    ctx c = {sv, con, r, NULL, "", {{0}}, 0};
    const char *kind = arg(&c, "kind"), *name = arg(&c, "name");
    if (kind && strcmp(kind, "text") != 0 && strcmp(kind, "html") != 0 && strcmp(kind, "warc") != 0) {
        bad(&c, "kind", "'%.20s' is not text, html or warc", kind);
        return;
    }
    if (name) {
        size_t n = strlen(name);
        int ok = n <= 200;
        for (size_t i = 0; ok && i < n; i++)
            ok = (unsigned char)name[i] >= 0x20 && name[i] != 0x7f;
        if (!ok) {
            bad(&c, "name", "%sa source name is printable and at most 200 bytes", "");
            return;
        }
    }
    if (!len) {
        bad(&c, "body", "%sthe request has no body (send the page, HTML or WARC)", "");
        return;
    }
    att_job job;
    memset(&job, 0, sizeof job);
    job.name = name ? name : "POST /api/v1/ingest";
    job.kind = kind;
    job.data = body;
    job.len = len;
    if (att_writer_run(sv, &job) != 0) {
        if (sv->stopping)
            att_resp_error(r, 503, "unavailable", "the server is shutting down");
        else
            att_resp_error(r, 429, "too_many_requests", "the ingest queue is full; retry later");
        return;
    }
    if (job.st != ATT_OK) {
        att_resp_error(r, 503, "unavailable", "ingest failed: %s", job.res.message);
        return;
    }
    if (job.res.rejected && !job.res.stored && !job.res.duplicates) {
        att_resp_error(r, 400, "bad_body", "body: %s", job.res.message);
        return;
    }
    json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:I}", "read", (json_int_t)job.res.read, "stored",
                          (json_int_t)job.res.stored, "duplicates", (json_int_t)job.res.duplicates, "rejected",
                          (json_int_t)job.res.rejected, "alerts", (json_int_t)job.res.alerts);
    att_resp_json(r, 200, att_json_text(o));
}
