/* facts.c - storing and reading extraction results; see facts.h. */
#include "facts.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"

static att_status dberr(att_store *s, char *err, size_t errlen, const char *what)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "%s: %s: %s", att_store_path(s), what,
                      sqlite3_errmsg(att_store_db(s)));
}

/* Strings are bound SQLITE_STATIC: each is a field of the extraction, the
 * article or a buffer of the caller that outlives the row's step, and every
 * put_* clears its bindings before returning (no copy per column). */
static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

/* The article's paragraphs (lead first, as att_extract_para() numbers
 * them) with their lengths and the character and byte offsets where each
 * starts in "lead\nbody1\n..." (the text the article_texts view gives),
 * computed once per article instead of once per row. */
typedef struct para_index {
    const char **text;
    size_t *len, *chars_before, *bytes_before;
    size_t n;
} para_index;


/* The index of a's paragraphs; character offsets only up to paragraph
 * last_chars (the last one an event is in; none when it is SIZE_MAX):
 * quotes need none. */
static att_status para_index_init(para_index *pi, const att_article *a, size_t last_chars)
{
    memset(pi, 0, sizeof *pi);
    while (att_extract_para(a, pi->n))
        pi->n++;
    size_t n = pi->n ? pi->n : 1;
    pi->text = malloc(n * sizeof *pi->text);
    pi->len = malloc(n * sizeof *pi->len);
    pi->chars_before = malloc(n * sizeof *pi->chars_before);
    pi->bytes_before = malloc(n * sizeof *pi->bytes_before);
    if (!pi->text || !pi->len || !pi->chars_before || !pi->bytes_before)
        return ATT_ERR_NOMEM;
    size_t c = 0, b = 0;
    for (size_t p = 0; p < pi->n; p++) {
        pi->text[p] = att_extract_para(a, p);
        pi->len[p] = strlen(pi->text[p]);
        pi->chars_before[p] = c;
        pi->bytes_before[p] = b;
        b += pi->len[p] + 1; /* the joining newline */
        if (last_chars != SIZE_MAX && p < last_chars)
            c += att_utf8_count(pi->text[p], pi->len[p]) + 1;
    }
    return ATT_OK;
}

static void para_index_free(para_index *pi)
{
    free(pi->text);
    free(pi->len);
    free(pi->chars_before);
    free(pi->bytes_before);
}

/* att_extract_text_offset(a, p, off) from the index. */
static size_t text_offset(const para_index *pi, size_t p, size_t off)
{
    return pi->chars_before[p] + att_utf8_count(pi->text[p], off);
}

/* Bind, at i and i + 1, where the text of paragraph p between byte
 * offsets s0 and s1 (clipped to the paragraph) lies in the article's text:
 * byte offsets, the first in and the second past it (schema 11; the
 * event_sentences and quote_texts views read the text back). */
static void bind_range(sqlite3_stmt *st, int i, const para_index *pi, size_t p, size_t s0, size_t s1)
{
    size_t len = p < pi->n ? pi->len[p] : 0, at = p < pi->n ? pi->bytes_before[p] : 0;
    if (s1 > len)
        s1 = len;
    if (s0 > s1)
        s0 = s1;
    sqlite3_bind_int64(st, i, (sqlite3_int64)(at + s0));
    sqlite3_bind_int64(st, i + 1, (sqlite3_int64)(at + s1));
}

/* One mentions row per (code, stored name): the first mention gives type
 * and country (as the upsert kept them), the rest only count. */
typedef struct mention_group {
    const att_actor_ref *ref;
    const char *name; /* as stored: the name, else the code */
    int64_t n;
} mention_group;

static const char *stored_name(const att_actor_ref *r) { return r->name[0] ? r->name : r->code; }

/* Group x's mentions in order of first appearance into g (room for
 * x->n_mentions); returns the number of groups. */
static size_t group_mentions(const att_extraction *x, mention_group *g)
{
    size_t ng = 0;
    for (size_t i = 0; i < x->n_mentions; i++) {
        const att_actor_ref *r = &x->mentions[i].ref;
        const char *name = stored_name(r);
        size_t k = 0;
        while (k < ng && (strcmp(g[k].ref->code, r->code) || strcmp(g[k].name, name)))
            k++;
        if (k == ng)
            g[ng++] = (mention_group){r, name, 0};
        g[k].n++;
    }
    return ng;
}

static att_status put_mentions(att_store *s, int64_t id, const att_extraction *x, char *err, size_t errlen)
{
    if (!x->n_mentions)
        return ATT_OK;
    sqlite3_stmt *st = att_store_stmt(s, "INSERT INTO mentions(article_id,code,type,name,country,mentions)"
                                         " VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(article_id,code,name)"
                                         " DO UPDATE SET mentions=mentions+excluded.mentions");
    if (!st)
        return dberr(s, err, errlen, "storing mentions");
    mention_group *g = malloc(x->n_mentions * sizeof *g);
    if (!g)
        return ATT_ERR_NOMEM;
    size_t ng = group_mentions(x, g);
    att_status rc = ATT_OK;
    for (size_t i = 0; i < ng && rc == ATT_OK; i++) {
        const att_actor_ref *r = g[i].ref;
        sqlite3_bind_int64(st, 1, id);
        bind_str(st, 2, r->code);
        bind_str(st, 3, att_actor_type_name(r->type));
        bind_str(st, 4, g[i].name);
        bind_str(st, 5, r->country);
        sqlite3_bind_int64(st, 6, g[i].n);
        if (!step_done(st))
            rc = dberr(s, err, errlen, "storing mentions");
    }
    sqlite3_clear_bindings(st); /* they point into x */
    free(g);
    return rc;
}

static att_status put_events(att_store *s, int64_t id, const para_index *pi, const att_lexicon *lx,
                             const att_extraction *x, char *err, size_t errlen)
{
    if (!x->n_events)
        return ATT_OK;
    /* sentence stays '' (a NOT NULL column of schema 2): its range says
     * where the text is (schema 11) */
    sqlite3_stmt *st = att_store_stmt(
        s, "INSERT INTO events(article_id,date,date_precision,date_source,a1_code,a1_name,a1_country,"
           "a1_type,a2_code,a2_name,a2_country,a2_type,cameo,root,quad,goldstein,location_name,"
           "location_country,modality,confidence,sentence,span_start,span_end,sentence_from,sentence_to)"
           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,'',?21,?22,?23,?24)");
    if (!st)
        return dberr(s, err, errlen, "storing events");
    att_status rc = ATT_OK;
    char date[24];
    for (size_t i = 0; i < x->n_events && rc == ATT_OK; i++) {
        const att_event *e = &x->events[i];
        const att_cameo *c = &lx->cameo[e->cameo];
        att_date_format(&e->date, date, sizeof date);
        sqlite3_bind_int64(st, 1, id);
        bind_str(st, 2, date);
        bind_str(st, 3, att_date_precision_name(e->date.precision));
        bind_str(st, 4, e->date_from_text ? "sentence" : "article");
        const att_actor_ref *r[2] = {&e->a1, &e->a2};
        for (int k = 0; k < 2; k++) {
            bind_str(st, 5 + 4 * k, r[k]->code);
            bind_str(st, 6 + 4 * k, r[k]->name);
            bind_str(st, 7 + 4 * k, r[k]->country);
            bind_str(st, 8 + 4 * k, att_actor_type_name(r[k]->type));
        }
        bind_str(st, 13, c->code);
        bind_str(st, 14, c->root);
        sqlite3_bind_int(st, 15, c->quad);
        sqlite3_bind_double(st, 16, c->goldstein);
        bind_str(st, 17, e->place);
        bind_str(st, 18, e->place_country);
        bind_str(st, 19, att_modality_name(e->modality));
        sqlite3_bind_double(st, 20, e->confidence);
        sqlite3_bind_int64(st, 21, (sqlite3_int64)text_offset(pi, e->para, e->trig_start));
        sqlite3_bind_int64(st, 22, (sqlite3_int64)text_offset(pi, e->para, e->trig_end));
        bind_range(st, 23, pi, e->para, e->sent_start, e->sent_end);
        if (!step_done(st))
            rc = dberr(s, err, errlen, "storing events");
    }
    sqlite3_clear_bindings(st); /* they point into x and date[] */
    return rc;
}

static att_status put_quotes(att_store *s, int64_t id, const para_index *pi, const att_extraction *x,
                             char *err, size_t errlen)
{
    if (!x->n_quotes)
        return ATT_OK;
    /* quote and sentence stay '', as in put_events */
    sqlite3_stmt *st = att_store_stmt(s, "INSERT INTO quotes(article_id,speaker_code,speaker_name,speaker_country,"
                                         "speaker_type,quote,sentence,direct,quote_from,quote_to,sentence_from,"
                                         "sentence_to) VALUES(?1,?2,?3,?4,?5,'','',?6,?7,?8,?9,?10)");
    if (!st)
        return dberr(s, err, errlen, "storing quotes");
    att_status rc = ATT_OK;
    for (size_t i = 0; i < x->n_quotes && rc == ATT_OK; i++) {
        const att_quote_rec *r = &x->quotes[i];
        sqlite3_bind_int64(st, 1, id);
        bind_str(st, 2, r->speaker.code);
        bind_str(st, 3, r->speaker.name);
        bind_str(st, 4, r->speaker.country);
        bind_str(st, 5, r->speaker.code[0] ? att_actor_type_name(r->speaker.type) : NULL);
        sqlite3_bind_int(st, 6, r->direct);
        bind_range(st, 7, pi, r->para, r->start, r->end);
        bind_range(st, 9, pi, r->para, r->sent_start, r->sent_end);
        if (!step_done(st))
            rc = dberr(s, err, errlen, "storing quotes");
    }
    sqlite3_clear_bindings(st); /* they point into x and the article */
    return rc;
}

att_status att_store_put_facts(att_store *s, int64_t id, const att_article *a, const att_lexicon *lx,
                               const att_extraction *x, char *err, size_t errlen)
{
    /* A new article (the common case) has no facts yet: one statement
     * that looks instead of four deletes that would find nothing (10% of
     * put_facts' instructions). */
    sqlite3_stmt *any = att_store_stmt(s, "SELECT EXISTS(SELECT 1 FROM mentions WHERE article_id = ?1)"
                                          " OR EXISTS(SELECT 1 FROM events WHERE article_id = ?1)"
                                          " OR EXISTS(SELECT 1 FROM quotes WHERE article_id = ?1)"
                                          " OR EXISTS(SELECT 1 FROM article_tone WHERE article_id = ?1)");
    if (!any)
        return dberr(s, err, errlen, "replacing facts");
    sqlite3_bind_int64(any, 1, id);
    int has = sqlite3_step(any);
    int old = has == SQLITE_ROW && sqlite3_column_int(any, 0);
    sqlite3_reset(any);
    if (has != SQLITE_ROW)
        return dberr(s, err, errlen, "replacing facts");
    static const char *const del[] = {
        "DELETE FROM mentions WHERE article_id = ?1", "DELETE FROM events WHERE article_id = ?1",
        "DELETE FROM quotes WHERE article_id = ?1", "DELETE FROM article_tone WHERE article_id = ?1"};
    for (size_t i = 0; old && i < 4; i++) {
        sqlite3_stmt *d = att_store_stmt(s, del[i]);
        if (!d)
            return dberr(s, err, errlen, "replacing facts");
        sqlite3_bind_int64(d, 1, id);
        if (!step_done(d))
            return dberr(s, err, errlen, "replacing facts");
    }
    att_status rc = put_mentions(s, id, x, err, errlen);
    para_index pi = {0};
    if (rc == ATT_OK && (x->n_events || x->n_quotes)) {
        size_t last = x->n_events ? 0 : SIZE_MAX;
        for (size_t i = 0; i < x->n_events; i++)
            if (x->events[i].para > last)
                last = x->events[i].para;
        rc = para_index_init(&pi, a, last);
    }
    if (rc == ATT_OK)
        rc = put_events(s, id, &pi, lx, x, err, errlen);
    if (rc == ATT_OK)
        rc = put_quotes(s, id, &pi, x, err, errlen);
    para_index_free(&pi);
    if (rc == ATT_OK) {
        sqlite3_stmt *st = att_store_stmt(s, "INSERT INTO article_tone(article_id,tone,positive,negative,"
                                             "polarity,words) VALUES(?1,?2,?3,?4,?5,?6)");
        if (!st)
            return dberr(s, err, errlen, "storing tone");
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_double(st, 2, x->tone.tone);
        sqlite3_bind_double(st, 3, x->tone.positive);
        sqlite3_bind_double(st, 4, x->tone.negative);
        sqlite3_bind_double(st, 5, x->tone.polarity);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)x->tone.words);
        if (!step_done(st))
            rc = dberr(s, err, errlen, "storing tone");
    }
    return rc;
}

att_status att_store_clear_facts(att_store *s, char *err, size_t errlen)
{
    if (sqlite3_exec(att_store_db(s),
                     "DELETE FROM mentions; DELETE FROM events; DELETE FROM quotes;"
                     " DELETE FROM article_tone;",
                     NULL, NULL, NULL) != SQLITE_OK)
        return dberr(s, err, errlen, "clearing facts");
    return ATT_OK;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

static void ref_cols(sqlite3_stmt *st, int i, att_actor_ref *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->code, sizeof r->code, "%s", col(st, i));
    snprintf(r->name, sizeof r->name, "%s", col(st, i + 1));
    snprintf(r->country, sizeof r->country, "%s", col(st, i + 2));
    const char *t = col(st, i + 3);
    r->type = !strcmp(t, "org") ? ATT_ACTOR_ORG : !strcmp(t, "person") ? ATT_ACTOR_PERSON : ATT_ACTOR_COUNTRY;
}

/* How many events name code on either side (as code or country),
 * counted up to a bound per column (the four actor indexes): enough to
 * tell the rarer actor of a pair. */
static int64_t actor_events(att_store *s, const char *code)
{
#define SIDE_N(C) "(SELECT count(*) FROM (SELECT 1 FROM events WHERE " C "=?1 LIMIT 5000))"
    sqlite3_stmt *st = att_store_stmt(s, "SELECT " SIDE_N("a1_code") "+" SIDE_N("a2_code") "+" SIDE_N(
                                             "a1_country") "+" SIDE_N("a2_country"));
#undef SIDE_N
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

att_status att_store_foreach_event(att_store *s, const att_event_filter *f, att_event_cb cb, void *ctx,
                                   char *err, size_t errlen)
{
    sqlite3_stmt *st;
#define EV_COLS                                                                                                      \
    "SELECT e.id,e.article_id,e.date,e.date_precision,a1_code,a1_name,a1_country,a1_type,"                         \
    "a2_code,a2_name,a2_country,a2_type,cameo,root,quad,goldstein,location_name,"                                  \
    "location_country,modality,confidence,x.sentence,span_start,span_end,"                                         \
    "coalesce(a.url,a.source),a.published,a.ingested_at,coalesce(t.tone,0),"                                      \
    "e.num_articles,e.num_sources,coalesce(e.dup_of,0),a.date_source"
#define EV_JOINS                                                                                                     \
    " JOIN articles a ON a.id=e.article_id JOIN event_sentences x ON x.id=e.id"                                    \
    " LEFT JOIN article_tone t ON t.article_id=e.article_id"
    /* every filter but the actor's, on the columns of events (E.) */
#define EV_FILTERS(E)                                                                                                \
    " (?1 IS NULL OR " E "date>=?1) AND (?2 IS NULL OR substr(" E "date,1,length(?2))<=?2)"                        \
    " AND (?4 IS NULL OR " E "root=?4) AND (?5 OR " E "dup_of IS NULL)"                                            \
    " AND (?6 = 0 OR " E "quad=?6) AND (?7 IS NULL OR " E "modality=?7)"                                           \
    " AND (?8 IS NULL OR (?3 IN (" E "a1_code," E "a1_country) AND ?8 IN (" E "a2_code," E "a2_country))"          \
    " OR (?8 IN (" E "a1_code," E "a1_country) AND ?3 IN (" E "a2_code," E "a2_country)))"                         \
    " AND (?9 = 0 OR CASE WHEN ?10 IS NULL THEN " E "date IS NOT NULL OR " E "id > ?9"                             \
    " ELSE " E "date > ?10 OR (" E "date = ?10 AND " E "id > ?9) END)"
    /* No actor: the events in date order (index events_date). */
    static const char all_sql[] = EV_COLS " FROM events e" EV_JOINS " WHERE" EV_FILTERS("e.")
                                          " ORDER BY e.date, e.id LIMIT ?11";
    /* An actor (?12: ?3, or with a pair the rarer of ?3 and ?8, whose
     * events hold every event of the pair): it is
     * one of four columns, each with an index in date order (schema.c), so
     * each column gives its first ?11 matching rows in order and the page
     * is the first ?11 of their union - no scan of other actors' rows. */
#define EV_SIDE(C)                                                                                                   \
    "SELECT id FROM (SELECT id FROM events WHERE " C "=?12 AND" EV_FILTERS("") " ORDER BY date, id LIMIT ?11)"
    static const char actor_sql[] =
        EV_COLS " FROM (" EV_SIDE("a1_code") " UNION " EV_SIDE("a2_code") " UNION " EV_SIDE("a1_country") " UNION "
                EV_SIDE("a2_country") ") c JOIN events e ON e.id=c.id" EV_JOINS
                " WHERE ?3 IN (e.a1_code,e.a2_code,e.a1_country,e.a2_country) ORDER BY e.date, e.id LIMIT ?11";
#undef EV_SIDE
#undef EV_FILTERS
#undef EV_JOINS
#undef EV_COLS
    const char *sql = f && f->actor ? actor_sql : all_sql;
    if (sqlite3_prepare_v2(att_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, errlen, "reading events");
    /* a pair: its events are all among either actor's; read the rarer's */
    const char *key = f ? f->actor : NULL;
    if (key && f->pair_b && actor_events(s, f->pair_b) < actor_events(s, f->actor))
        key = f->pair_b;
    bind_str(st, 12, key);
    bind_str(st, 1, f ? f->from : NULL);
    bind_str(st, 2, f ? f->to : NULL);
    bind_str(st, 3, f ? f->actor : NULL);
    bind_str(st, 4, f ? f->root : NULL);
    sqlite3_bind_int(st, 5, f ? f->include_copies : 0);
    sqlite3_bind_int(st, 6, f ? f->quad : 0);
    bind_str(st, 7, f ? f->modality : NULL);
    bind_str(st, 8, f ? f->pair_b : NULL);
    sqlite3_bind_int64(st, 9, f ? f->after_id : 0);
    bind_str(st, 10, f ? f->after_date : NULL);
    sqlite3_bind_int64(st, 11, f && f->limit > 0 ? f->limit : -1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_event_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(st, 0);
        r.article_id = sqlite3_column_int64(st, 1);
        r.date = (const char *)sqlite3_column_text(st, 2);
        r.date_precision = col(st, 3);
        ref_cols(st, 4, &r.a1);
        ref_cols(st, 8, &r.a2);
        r.cameo = col(st, 12);
        r.root = col(st, 13);
        r.quad = sqlite3_column_int(st, 14);
        r.goldstein = sqlite3_column_double(st, 15);
        r.location_name = (const char *)sqlite3_column_text(st, 16);
        r.location_country = (const char *)sqlite3_column_text(st, 17);
        r.modality = col(st, 18);
        r.confidence = sqlite3_column_double(st, 19);
        r.sentence = col(st, 20);
        r.span[0] = sqlite3_column_int64(st, 21);
        r.span[1] = sqlite3_column_int64(st, 22);
        r.url = col(st, 23);
        r.published = (const char *)sqlite3_column_text(st, 24);
        r.ingested_at = col(st, 25);
        r.tone = sqlite3_column_double(st, 26);
        r.num_articles = sqlite3_column_int64(st, 27);
        r.num_sources = sqlite3_column_int64(st, 28);
        r.dup_of = sqlite3_column_int64(st, 29);
        r.article_date_source = (const char *)sqlite3_column_text(st, 30);
        if (cb(ctx, &r))
            break;
    }
    att_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? ATT_OK : dberr(s, err, errlen, "reading events");
    sqlite3_finalize(st);
    return res;
}

att_status att_store_foreach_mention(att_store *s, att_mention_cb cb, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(att_store_db(s),
                           "SELECT article_id,code,name,country,type,mentions FROM mentions"
                           " ORDER BY article_id, mentions DESC, code",
                           -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, errlen, "reading mentions");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_mention_row r;
        r.article_id = sqlite3_column_int64(st, 0);
        ref_cols(st, 1, &r.ref);
        r.mentions = sqlite3_column_int64(st, 5);
        if (cb(ctx, &r))
            break;
    }
    att_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? ATT_OK : dberr(s, err, errlen, "reading mentions");
    sqlite3_finalize(st);
    return res;
}

att_status att_store_foreach_quote(att_store *s, att_quote_cb cb, void *ctx, char *err, size_t errlen)
{
    return att_store_foreach_quote_f(s, NULL, cb, ctx, err, errlen);
}

att_status att_store_foreach_quote_f(att_store *s, const att_quote_filter *f, att_quote_cb cb, void *ctx,
                                     char *err, size_t errlen)
{
    sqlite3_stmt *st;
    /* one article's (index quotes_article, its rows only), or all from
     * the page's first article on (a range of the same index, not a scan
     * from the first article) */
#define QUOTE_SQL(WHERE)                                                                                             \
    "SELECT q.id,q.article_id,speaker_code,speaker_name,speaker_country,speaker_type,"                             \
    "x.quote,x.sentence,direct FROM quotes q JOIN quote_texts x ON x.id=q.id"                                      \
    " WHERE " WHERE " AND (?1 IS NULL OR ?1 IN (speaker_code, speaker_country))"                                   \
    " AND (?3 = 0 OR q.article_id > ?3 OR (q.article_id = ?3 AND q.id > ?4))"                                      \
    " ORDER BY q.article_id, q.id LIMIT ?5"
    static const char one_sql[] = QUOTE_SQL("q.article_id = ?2"), all_sql[] = QUOTE_SQL("q.article_id >= ?3");
    /* a speaker: its quotes by code and by country, each from its index in
     * (article, id) order, the first ?5 of each merged */
#define QUOTE_SIDE(C)                                                                                                \
    "SELECT id FROM (SELECT id FROM quotes WHERE " C "=?1 AND article_id >= ?3"                                    \
    " AND (?3 = 0 OR article_id > ?3 OR (article_id = ?3 AND id > ?4)) ORDER BY article_id, id LIMIT ?5)"
    static const char speaker_sql[] = QUOTE_SQL("q.id IN (" QUOTE_SIDE("speaker_code") " UNION " QUOTE_SIDE(
        "speaker_country") ")");
#undef QUOTE_SIDE
#undef QUOTE_SQL
    const char *sql = f && f->article_id ? one_sql : f && f->speaker ? speaker_sql : all_sql;
    if (sqlite3_prepare_v2(att_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err, errlen, "reading quotes");
    bind_str(st, 1, f ? f->speaker : NULL);
    sqlite3_bind_int64(st, 2, f ? f->article_id : 0);
    sqlite3_bind_int64(st, 3, f ? f->after_article : 0);
    sqlite3_bind_int64(st, 4, f ? f->after_id : 0);
    sqlite3_bind_int64(st, 5, f && f->limit > 0 ? f->limit : -1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        att_quote_row r;
        r.id = sqlite3_column_int64(st, 0);
        r.article_id = sqlite3_column_int64(st, 1);
        ref_cols(st, 2, &r.speaker);
        r.quote = col(st, 6);
        r.sentence = col(st, 7);
        r.direct = sqlite3_column_int(st, 8);
        if (cb(ctx, &r))
            break;
    }
    att_status res = rc == SQLITE_ROW || rc == SQLITE_DONE ? ATT_OK : dberr(s, err, errlen, "reading quotes");
    sqlite3_finalize(st);
    return res;
}
