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
#include "../query/export.h"
#include "../query/query_json.h"
#include "article_json.h"
#include "cli.h"


/* ---- actors ---- */

static int print_mention(void *ctx, const att_mention_row *r)
{
    int json = *(int *)ctx;
    if (json)
        return cli_print_json_line(stdout, att_mention_json(r));
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

typedef struct ev_ctx {
    ev_format f;
    att_lexicon *lx; /* for GDELT: is a code a country or a group? */
} ev_ctx;

/* One event in the chosen format; the writers are the query layer's
 * (src/query/export.h, query_json.h), shared with the API's downloads.
 * Their text fields carry no control character, so TSV and GDELT lines are
 * safe on a terminal too. */
static int print_event(void *ctx, const att_event_row *r)
{
    ev_ctx *ec = ctx;
    if (ec->f == FMT_JSONL)
        return cli_print_json_line(stdout, att_event_json(r));
    if (ec->f == FMT_TSV)
        att_event_tsv(stdout, r);
    else
        att_event_gdelt(stdout, r, ec->lx);
    return 0;
}

int cmd_events(cli_ctx *c, int argc, char **argv)
{
    ev_format f = FMT_TSV;
    att_event_filter flt;
    memset(&flt, 0, sizeof flt);
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
        puts(att_event_tsv_header);
    else if (f == FMT_GDELT && header)
        puts(att_gdelt_header);
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
    if (json)
        return cli_print_json_line(stdout, att_quote_json(r));
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
    att_article_sig sig; /* the story signatures, when analysing */
} prepared_facts;

void *cli_extract_prepare(void *ctx, const att_article *a)
{
    const cli_pipeline *pl = ctx;
    prepared_facts *p = malloc(sizeof *p);
    if (p && (p->st = att_extract(pl->lx, a, &p->x)) != ATT_OK)
        memset(&p->x, 0, sizeof p->x);
    if (p && pl->an)
        att_analyze_sign(a, &p->sig);
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
/* (sig: the article's signatures from a worker, or NULL to compute them here) */
static att_status store_facts(const cli_pipeline *pl, att_store *s, int64_t id, const att_article *a,
                              att_status xst, att_extraction *x, const att_article_sig *sig, char *err,
                              size_t errlen)
{
    if (xst != ATT_OK)
        return att_seterr(err, errlen, xst, "extraction failed for article %lld: %s", (long long)id,
                          att_status_str(xst));
    att_status st = att_store_put_facts(s, id, a, pl->lx, x, err, errlen);
    if (st == ATT_OK && pl->an)
        st = sig ? att_analyze_article_signed(pl->an, id, a, sig, err, errlen)
                 : att_analyze_article(pl->an, id, a, err, errlen);
    return st;
}

att_status cli_extract_store(void *ctx, att_store *s, int64_t id, const att_article *a, void *payload, char *err,
                             size_t errlen)
{
    prepared_facts *p = payload;
    return store_facts(ctx, s, id, a, p ? p->st : ATT_ERR_NOMEM, p ? &p->x : NULL, p ? &p->sig : NULL, err,
                       errlen);
}

att_status cli_extract_hook(void *ctx, att_store *s, int64_t id, const att_article *a, char *err,
                            size_t errlen)
{
    const cli_pipeline *pl = ctx;
    att_extraction x;
    att_status xst = att_extract(pl->lx, a, &x);
    att_status st = store_facts(pl, s, id, a, xst, &x, NULL, err, errlen);
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
