/* cmd_facts.c - `attache actors`, `attache events`, `attache quotes`,
 * `attache reextract`: what extraction found, and re-running it. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../analyze/analyze.h"
#include "../extract/extract.h"
#include "../store/facts.h"
#include "../normalize/normalize.h"
#include "article_json.h"
#include "cli.h"


static json_t *actor_json(const att_actor_ref *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "code", cli_json_str(r->code));
    json_object_set_new(o, "name", cli_json_str(r->name));
    json_object_set_new(o, "country", cli_json_str(r->country));
    json_object_set_new(o, "type", json_string(att_actor_type_name(r->type)));
    return o;
}

/* ---- actors ---- */

static int print_mention(void *ctx, const att_mention_row *r)
{
    int json = *(int *)ctx;
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "article_id", json_integer(r->article_id));
        json_object_set_new(o, "code", cli_json_str(r->ref.code));
        json_object_set_new(o, "type", json_string(att_actor_type_name(r->ref.type)));
        json_object_set_new(o, "name", cli_json_str(r->ref.name));
        json_object_set_new(o, "country", cli_json_str(r->ref.country));
        json_object_set_new(o, "mentions", json_integer(r->mentions));
        return cli_print_json_line(stdout, o);
    }
    printf("%6lld  %-8s  %-7s  %-4s  %3lld  %s\n", (long long)r->article_id, cli_safe(r->ref.code),
           att_actor_type_name(r->ref.type), cli_safe(r->ref.country), (long long)r->mentions, cli_safe(r->ref.name));
    return 0;
}

int cmd_actors(cli_ctx *c, int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else {
            cli_error("actors: unknown argument '%s' (usage: attache actors [--json])", argv[i]);
            return 2;
        }
    }
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    char err[512];
    if (!json)
        printf("%6s  %-8s  %-7s  %-4s  %3s  %s\n", "art", "code", "type", "cty", "n", "name");
    att_status st = att_store_foreach_mention(s, print_mention, &json, err, sizeof err);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("actors: %s", err);
        return 1;
    }
    return 0;
}

/* ---- events ---- */

typedef enum { FMT_TSV, FMT_JSONL, FMT_GDELT } ev_format;

/* A text field of a TSV line: no tab, newline or other control
 * character (cli_safe). */
static void tsv_field(const char *s)
{
    if (s)
        fputs(cli_safe(s), stdout);
}

/* YYYYMMDD from an ISO date of any precision (missing parts = 01). */
static void sqldate(const char *iso, char out[16])
{
    int y = 0, m = 1, d = 1;
    if (iso && iso[0] != '-')
        sscanf(iso, "%d-%d-%d", &y, &m, &d);
    if (y)
        snprintf(out, 16, "%04d%02d%02d", y % 10000, m % 100, d % 100);
    else
        out[0] = '\0';
}

typedef struct ev_ctx {
    ev_format f;
    att_lexicon *lx; /* for GDELT: is a code a country or a group? */
} ev_ctx;

static int print_event(void *ctx, const att_event_row *r)
{
    ev_ctx *ec = ctx;
    ev_format f = ec->f;
    if (f == FMT_JSONL) {
        json_t *o = json_object(), *loc = json_object(), *span = json_array();
        json_object_set_new(o, "id", json_integer(r->id));
        json_object_set_new(o, "article_id", json_integer(r->article_id));
        json_object_set_new(o, "date", cli_json_str(r->date));
        json_object_set_new(o, "date_precision", json_string(r->date_precision));
        json_object_set_new(o, "date_source", cli_json_str(r->article_date_source));
        json_object_set_new(o, "actor1", actor_json(&r->a1));
        json_object_set_new(o, "actor2", actor_json(&r->a2));
        json_object_set_new(o, "cameo", json_string(r->cameo));
        json_object_set_new(o, "root", json_string(r->root));
        json_object_set_new(o, "quad", json_integer(r->quad));
        json_object_set_new(o, "goldstein", json_real(r->goldstein));
        json_object_set_new(loc, "name", cli_json_str(r->location_name));
        json_object_set_new(loc, "country", cli_json_str(r->location_country));
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
        return cli_print_json_line(stdout, o);
    }
    if (f == FMT_TSV) {
        printf("%lld\t%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%s\t%s\t%.2f\t", (long long)r->id,
               (long long)r->article_id, r->date ? r->date : "", r->date_precision, r->a1.code,
               r->a1.country, r->a2.code, r->a2.country, r->cameo, r->root, r->goldstein,
               r->modality, r->location_name ? cli_safe(r->location_name) : "", r->confidence);
        tsv_field(r->sentence);
        putchar('\n');
        return 0;
    }
    /* GDELT 2.0 event table: 61 tab-separated columns in GDELT's order */
    char d[16], added[15] = "";
    sqldate(r->date, d);
    int y = 0, m = 1, dd = 1;
    if (d[0])
        sscanf(d, "%4d%2d%2d", &y, &m, &dd);
    const char *ia = r->ingested_at;
    if (strlen(ia) >= 19)
        snprintf(added, sizeof added, "%.4s%.2s%.2s%.2s%.2s%.2s", ia, ia + 5, ia + 8, ia + 11, ia + 14, ia + 17);
    char base[4];
    snprintf(base, sizeof base, "%.3s", r->cameo);
    printf("%lld\t%s\t", (long long)r->id, d);
    if (y)
        printf("%04d%02d\t%04d\t%.4f\t", y, m, y, y + ((m - 1) * 30.42 + dd) / 365.0);
    else
        printf("\t\t\t");
    const att_actor_ref *a[2] = {&r->a1, &r->a2};
    for (int k = 0; k < 2; k++) {
        const char *type = strlen(a[k]->code) > 3 ? a[k]->code + 3 : "";
        /* Code Name CountryCode KnownGroup Ethnic Rel1 Rel2 Type1 Type2 Type3 */
        printf("%s\t", a[k]->code);
        tsv_field(a[k]->name);
        /* CountryCode is a state; an organization (or its official) goes in KnownGroupCode */
        int state = ec->lx ? att_lexicon_country(ec->lx, a[k]->country) >= 0 : a[k]->type != ATT_ACTOR_ORG;
        printf("\t%s\t%s\t\t\t\t%s\t\t\t", state ? a[k]->country : "", state ? "" : a[k]->country, type);
    }
    /* NumMentions counts the copies of the event too */
    printf("%d\t%s\t%s\t%s\t%d\t%.1f\t%lld\t%lld\t%lld\t%.4f\t", 0, r->cameo, base, r->root, r->quad,
           r->goldstein, (long long)r->num_articles, (long long)r->num_sources, (long long)r->num_articles,
           r->tone);
    /* Actor1Geo_*, Actor2Geo_* (8 each, unknown), then ActionGeo_* (8) */
    printf("\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
    printf("%s\t", r->location_name ? "1" : "");
    tsv_field(r->location_name);
    printf("\t\t\t\t\t\t\t%s\t", added);
    tsv_field(r->url);
    putchar('\n');
    return 0;
}

static const char gdelt_header[] =
    "GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\tActor1Code\tActor1Name\tActor1CountryCode\t"
    "Actor1KnownGroupCode\tActor1EthnicCode\tActor1Religion1Code\tActor1Religion2Code\tActor1Type1Code\t"
    "Actor1Type2Code\tActor1Type3Code\tActor2Code\tActor2Name\tActor2CountryCode\tActor2KnownGroupCode\t"
    "Actor2EthnicCode\tActor2Religion1Code\tActor2Religion2Code\tActor2Type1Code\tActor2Type2Code\t"
    "Actor2Type3Code\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\t"
    "NumMentions\tNumSources\tNumArticles\tAvgTone\tActor1Geo_Type\tActor1Geo_FullName\t"
    "Actor1Geo_CountryCode\tActor1Geo_ADM1Code\tActor1Geo_ADM2Code\tActor1Geo_Lat\tActor1Geo_Long\tActor1Geo_FeatureID\t"
    "Actor2Geo_Type\tActor2Geo_FullName\tActor2Geo_CountryCode\tActor2Geo_ADM1Code\tActor2Geo_ADM2Code\t"
    "Actor2Geo_Lat\t"
    "Actor2Geo_Long\tActor2Geo_FeatureID\tActionGeo_Type\tActionGeo_FullName\tActionGeo_CountryCode\t"
    "ActionGeo_ADM1Code\tActionGeo_ADM2Code\tActionGeo_Lat\tActionGeo_Long\tActionGeo_FeatureID\tDATEADDED\tSOURCEURL";

int cmd_events(cli_ctx *c, int argc, char **argv)
{
    ev_format f = FMT_TSV;
    att_event_filter flt = {NULL, NULL, NULL, NULL, 0};
    int header = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **dst = !strcmp(a, "--from") ? &flt.from : !strcmp(a, "--to") ? &flt.to
                           : !strcmp(a, "--actor") ? &flt.actor : !strcmp(a, "--root") ? &flt.root : NULL;
        if (dst || !strcmp(a, "--format")) {
            if (!v) {
                cli_error("events: %s needs a value", a);
                return 2;
            }
            i++;
            if (dst) {
                *dst = v;
            } else if (!strcmp(v, "jsonl")) {
                f = FMT_JSONL;
            } else if (!strcmp(v, "tsv")) {
                f = FMT_TSV;
            } else if (!strcmp(v, "gdelt")) {
                f = FMT_GDELT;
            } else {
                cli_error("events: unknown format '%s' (jsonl, tsv, gdelt)", v);
                return 2;
            }
        } else if (!strcmp(a, "--header")) {
            header = 1;
        } else if (!strcmp(a, "--all")) {
            flt.include_copies = 1;
        } else {
            cli_error("events: unknown argument '%s'", a);
            return 2;
        }
    }
    if (flt.root && (strlen(flt.root) != 2 || flt.root[0] < '0' || flt.root[0] > '2')) {
        cli_error("events: --root takes a two-digit CAMEO root such as 04 or 19");
        return 2;
    }
    att_date tmp;
    if ((flt.from && att_date_parse_iso(flt.from, &tmp) != ATT_OK) ||
        (flt.to && att_date_parse_iso(flt.to, &tmp) != ATT_OK)) {
        cli_error("events: --from/--to take ISO dates (YYYY, YYYY-MM or YYYY-MM-DD)");
        return 2;
    }
    char code[1][16];
    int rc = cli_resolve_actors("events", &flt.actor, code, 1);
    if (rc)
        return rc;
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    if (f == FMT_TSV)
        puts("id\tarticle\tdate\tprecision\tactor1\tcountry1\tactor2\tcountry2\tcameo\troot\tgoldstein"
             "\tmodality\tplace\tconfidence\tsentence");
    else if (f == FMT_GDELT && header)
        puts(gdelt_header);
    char err[512];
    ev_ctx ec = {f, f == FMT_GDELT ? cli_load_lexicon() : NULL};
    att_status st = att_store_foreach_event(s, &flt, print_event, &ec, err, sizeof err);
    att_lexicon_free(ec.lx);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("events: %s", err);
        return 1;
    }
    return 0;
}

/* ---- quotes ---- */

static int print_quote(void *ctx, const att_quote_row *r)
{
    int json = *(int *)ctx;
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(r->id));
        json_object_set_new(o, "article_id", json_integer(r->article_id));
        json_object_set_new(o, "speaker", r->speaker.code[0] ? actor_json(&r->speaker) : json_null());
        json_object_set_new(o, "quote", json_string(r->quote));
        json_object_set_new(o, "direct", json_boolean(r->direct));
        json_object_set_new(o, "sentence", json_string(r->sentence));
        return cli_print_json_line(stdout, o);
    }
    const char *who = r->speaker.code[0] ? cli_safe(r->speaker.name) : "(unknown)";
    printf("%6lld  %-24.*s  %s%s%s\n", (long long)r->article_id, (int)att_utf8_prefix(who, 24), who, r->direct ? "“" : "", cli_safe(r->quote),
           r->direct ? "”" : "");
    return 0;
}

int cmd_quotes(cli_ctx *c, int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else {
            cli_error("quotes: unknown argument '%s' (usage: attache quotes [--json])", argv[i]);
            return 2;
        }
    }
    att_store *s = cli_open_store_read(c);
    if (!s)
        return 1;
    char err[512];
    att_status st = att_store_foreach_quote(s, print_quote, &json, err, sizeof err);
    att_store_close(s);
    if (st != ATT_OK) {
        cli_error("quotes: %s", err);
        return 1;
    }
    return 0;
}

/* ---- extraction at ingest, and reextract ---- */

/* Facts of one article, extracted in a worker thread (parallel ingest). */
typedef struct prepared_facts {
    att_status st;
    att_extraction x;
} prepared_facts;

void *cli_extract_prepare(void *ctx, const att_article *a)
{
    const cli_pipeline *pl = ctx;
    prepared_facts *p = malloc(sizeof *p);
    if (p && (p->st = att_extract(pl->lx, a, &p->x)) != ATT_OK)
        memset(&p->x, 0, sizeof p->x);
    return p; /* NULL: out of memory, reported by cli_extract_store */
}

void cli_extract_release(void *ctx, void *payload)
{
    (void)ctx;
    prepared_facts *p = payload;
    if (p && p->st == ATT_OK)
        att_extraction_free(&p->x);
    free(p);
}

/* Store an article's facts and analyse it (the writer's part). */
static att_status store_facts(const cli_pipeline *pl, att_store *s, int64_t id, const att_article *a,
                              att_status xst, att_extraction *x, char *err, size_t errlen)
{
    if (xst != ATT_OK)
        return att_seterr(err, errlen, xst, "extraction failed for article %lld: %s", (long long)id,
                          att_status_str(xst));
    att_status st = att_store_put_facts(s, id, a, pl->lx, x, err, errlen);
    if (st == ATT_OK && pl->an)
        st = att_analyze_article(pl->an, id, a, err, errlen);
    return st;
}

att_status cli_extract_store(void *ctx, att_store *s, int64_t id, const att_article *a, void *payload, char *err,
                             size_t errlen)
{
    prepared_facts *p = payload;
    return store_facts(ctx, s, id, a, p ? p->st : ATT_ERR_NOMEM, p ? &p->x : NULL, err, errlen);
}

att_status cli_extract_hook(void *ctx, att_store *s, int64_t id, const att_article *a, char *err,
                            size_t errlen)
{
    const cli_pipeline *pl = ctx;
    att_extraction x;
    att_status xst = att_extract(pl->lx, a, &x);
    att_status st = store_facts(pl, s, id, a, xst, &x, err, errlen);
    if (xst == ATT_OK)
        att_extraction_free(&x);
    return st;
}

att_lexicon *cli_load_lexicon(void)
{
    att_lexicon *lx;
    char err[512];
    if (att_lexicon_load(&lx, err, sizeof err) != ATT_OK) {
        cli_error("reference data: %s", err);
        return NULL;
    }
    return lx;
}

/* reextract keeps the stored facts when the new extraction finds fewer
 * than this share of the events stored (without --force). */
#define ATT_REEXTRACT_MIN_PERCENT 50

typedef struct re_ctx {
    att_store *s;
    cli_pipeline pl;
    size_t n;
    att_status st;
    char err[512];
} re_ctx;

static int reextract_one(void *ctx, const att_article *a, const att_article_meta *m)
{
    re_ctx *r = ctx;
    r->st = cli_extract_hook(&r->pl, r->s, m->id, a, r->err, sizeof r->err);
    r->n++;
    return r->st != ATT_OK;
}

/* Number of events stored, -1 on error. */
static int64_t count_events(att_store *s)
{
    sqlite3_stmt *st;
    int64_t n = -1;
    if (sqlite3_prepare_v2(att_store_db(s), "SELECT count(*) FROM events", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

int cmd_reextract(cli_ctx *c, int argc, char **argv)
{
    int force = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--force")) {
            force = 1;
        } else {
            cli_error("reextract: unknown argument '%s' (usage: attache reextract [--force])", argv[i]);
            return 2;
        }
    }
    att_lexicon *lx = cli_load_lexicon();
    if (!lx)
        return 1;
    att_store *s = cli_open_store(c);
    if (!s) {
        att_lexicon_free(lx);
        return 1;
    }
    re_ctx r = {s, {lx, NULL}, 0, ATT_OK, ""};
    char err[512] = "";
    /* one transaction: a failure leaves the previous facts in place */
    att_status st = att_store_begin(s, err, sizeof err);
    int64_t before = st == ATT_OK ? count_events(s) : 0, after = 0;
    if (st == ATT_OK && before < 0)
        st = att_seterr(err, sizeof err, ATT_ERR_DB, "%s: counting events: %s", c->db_path,
                        sqlite3_errmsg(att_store_db(s)));
    if (st == ATT_OK)
        st = att_store_clear_facts(s, err, sizeof err);
    if (st == ATT_OK)
        st = att_analysis_clear(s, err, sizeof err);
    if (st == ATT_OK)
        st = att_analyzer_open(s, &r.pl.an, err, sizeof err);
    if (st == ATT_OK)
        st = att_store_foreach_article(s, reextract_one, &r, err, sizeof err);
    if (st == ATT_OK && r.st != ATT_OK) {
        st = r.st;
        snprintf(err, sizeof err, "%s", r.err);
    }
    /* far fewer events than before: the reference data is more likely
     * damaged (a cut-off pattern file) than improved; keep the facts */
    if (st == ATT_OK && (after = count_events(s)) < 0)
        st = att_seterr(err, sizeof err, ATT_ERR_DB, "%s: counting events: %s", c->db_path,
                        sqlite3_errmsg(att_store_db(s)));
    if (st == ATT_OK && !force && after * 100 < before * ATT_REEXTRACT_MIN_PERCENT)
        st = att_seterr(err, sizeof err, ATT_ERR_USAGE,
                        "would replace %lld events with %lld (under %d%%): is the reference data complete? "
                        "run 'attache reextract --force' to accept",
                        (long long)before, (long long)after, ATT_REEXTRACT_MIN_PERCENT);
    if (st == ATT_OK)
        st = att_store_commit(s, err, sizeof err);
    else
        att_store_rollback(s);
    size_t n_alerts = 0;
    if (st == ATT_OK) {
        att_alert_config cfg;
        if (cli_load_alert_config(c, &cfg) == 0) {
            st = att_analyzer_finish(r.pl.an, &cfg, &n_alerts, err, sizeof err);
            att_alert_config_free(&cfg);
        }
    }
    att_analyzer_free(r.pl.an);
    att_store_close(s);
    att_lexicon_free(lx);
    if (st == ATT_ERR_IO) { /* committed; an alert delivery failed */
        cli_error("alerts: %s", err);
        return 3;
    }
    if (st != ATT_OK) {
        cli_error("reextract: %s (nothing was changed)", err);
        return 1;
    }
    fprintf(stderr, "attache: reextract: %zu articles re-extracted, %zu alerts\n", r.n, n_alerts);
    return 0;
}
