/* search.c - user query translation and ranked search; see search.h. */
#include "search.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "snippet.h"

/* Append one word or phrase as an FTS5 string, in the requested view. */
static att_status put_string(att_buf *out, const char *s, size_t n, int accent_mode, int *accents)
{
    att_buf view = ATT_BUF_INIT, fold = ATT_BUF_INIT;
    att_status st = att_fold(s, n, &fold);
    if (st == ATT_OK)
        st = att_exact(s, n, &view);
    if (st == ATT_OK && (view.len != fold.len || memcmp(view.data, fold.data, view.len) != 0))
        *accents = 1;
    const att_buf *use = accent_mode ? &view : &fold;
    if (st == ATT_OK)
        st = att_buf_putc(out, '"');
    for (size_t i = 0; st == ATT_OK && i < use->len; i++) {
        if (use->data[i] == '"')
            st = att_buf_putc(out, '"');
        if (st == ATT_OK)
            st = att_buf_putc(out, use->data[i]);
    }
    if (st == ATT_OK)
        st = att_buf_putc(out, '"');
    att_buf_free(&view);
    att_buf_free(&fold);
    return st;
}

/* Number of words in s[0..n). */
static size_t count_words(const char *s, size_t n)
{
    size_t pos = 0, a, b, k = 0;
    while (att_next_word(s, n, &pos, &a, &b))
        k++;
    return k;
}

/* Letters (UTF-8 characters) of the last word of s[0..n), 0 if none. */
static size_t last_word_letters(const char *s, size_t n)
{
    size_t pos = 0, a = 0, b = 0, k = 0;
    while (att_next_word(s, n, &pos, &a, &b))
        ;
    for (size_t i = a; i < b; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* One level of parentheses being translated: its output, whether it has
 * an operand yet, and the operator typed since its last operand ('A',
 * 'O', 'N' or 0).  Operators are written only between two operands, and
 * always explicitly: FTS5 has no implicit AND next to a parenthesis
 * ("x (y)" is its syntax error), and with explicit operators its
 * precedence (NOT, then AND, then OR) groups "trừng phạt OR cấm vận" as
 * (trừng AND phạt) OR (cấm AND vận), as meant. */
typedef struct qframe {
    att_buf out;
    int has_operand;
    char pending;
} qframe;

/* Append an operand (s, n bytes of FTS5 text) to frame f. */
static att_status put_operand(qframe *f, const char *s, size_t n, int negate)
{
    att_status st = ATT_OK;
    if (f->has_operand) {
        char op = f->pending ? f->pending : negate ? 'N' : 'A';
        st = att_buf_puts(&f->out, op == 'O' ? " OR " : op == 'N' ? " NOT " : " AND ");
    }
    if (st == ATT_OK)
        st = att_buf_append(&f->out, s, n);
    f->has_operand = 1;
    f->pending = 0;
    return st;
}

/* Close the innermost frame (*depth > 0) into its parent: "(...)" as one
 * operand, or nothing when the group is empty. */
static att_status close_frame(qframe *fr, int *depth)
{
    qframe *c = &fr[*depth], *p = &fr[*depth - 1];
    att_status st = ATT_OK;
    if (c->has_operand) {
        att_buf tmp = ATT_BUF_INIT;
        st = att_buf_printf(&tmp, "(%s)", c->out.data);
        if (st == ATT_OK)
            st = put_operand(p, tmp.data, tmp.len, 0);
        att_buf_free(&tmp);
    }
    att_buf_free(&c->out);
    memset(c, 0, sizeof *c);
    (*depth)--;
    return st;
}

att_status att_query_to_fts(const char *q, int accent_mode, att_buf *out, int *has_accents, char *err,
                            size_t errlen)
{
    qframe fr[ATT_QUERY_MAX_DEPTH + 1];
    memset(fr, 0, sizeof fr);
    int accents = 0, depth = 0;
    size_t words = 0, prefixes = 0, i = 0, n = strlen(q);
    att_status st = ATT_OK;
    att_buf term = ATT_BUF_INIT;
    while (st == ATT_OK && i < n) {
        unsigned char c = (unsigned char)q[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        if (c == '(') {
            if (depth == ATT_QUERY_MAX_DEPTH)
                st = att_seterr(err, errlen, ATT_ERR_USAGE, "bad query: parentheses nested deeper than %d",
                                ATT_QUERY_MAX_DEPTH);
            else
                depth++;
            i++;
            continue;
        }
        if (c == ')') { /* an unmatched ')' is a separator */
            if (depth > 0)
                st = close_frame(fr, &depth);
            i++;
            continue;
        }
        const char *w;
        size_t len;
        int negate = 0, prefix = 0, phrase = c == '"';
        if (phrase) { /* phrase up to the closing quote (or end) */
            size_t j = i + 1;
            while (j < n && q[j] != '"')
                j++;
            w = q + i + 1;
            len = j - i - 1;
            i = j < n ? j + 1 : j;
        } else {
            size_t j = i;
            while (j < n && q[j] != ' ' && q[j] != '\t' && q[j] != '\n' && q[j] != '\r' && q[j] != '"' &&
                   q[j] != '(' && q[j] != ')')
                j++;
            w = q + i;
            len = j - i;
            i = j;
            if ((len == 2 && !memcmp(w, "OR", 2)) || (len == 3 && !memcmp(w, "AND", 3)) ||
                (len == 3 && !memcmp(w, "NOT", 3))) {
                if (fr[depth].has_operand) /* an operator needs something on its left */
                    fr[depth].pending = w[0];
                continue;
            }
            if (len > 1 && w[0] == '-') {
                negate = 1;
                w++;
                len--;
            }
            if (len > 1 && w[len - 1] == '*') {
                prefix = 1;
                len--;
            }
        }
        size_t k = count_words(w, len);
        if (k == 0)
            continue;
        if ((words += k) > ATT_QUERY_MAX_TERMS) {
            st = att_seterr(err, errlen, ATT_ERR_USAGE, "bad query: more than %d words", ATT_QUERY_MAX_TERMS);
            break;
        }
        if (prefix && ++prefixes > ATT_QUERY_MAX_PREFIXES) {
            st = att_seterr(err, errlen, ATT_ERR_USAGE, "bad query: more than %d prefixes (word*)",
                            ATT_QUERY_MAX_PREFIXES);
            break;
        }
        if (prefix && last_word_letters(w, len) < ATT_QUERY_MIN_PREFIX) {
            st = att_seterr(err, errlen, ATT_ERR_USAGE, "bad query: a prefix needs %d letters or more ('%.*s*')",
                            ATT_QUERY_MIN_PREFIX, (int)len, w);
            break;
        }
        att_buf_clear(&term);
        st = put_string(&term, w, len, prefix ? 0 : accent_mode, &accents);
        if (st == ATT_OK && prefix)
            st = att_buf_puts(&term, " *");
        if (st == ATT_OK)
            st = put_operand(&fr[depth], term.data, term.len, negate);
    }
    while (st == ATT_OK && depth > 0)
        st = close_frame(fr, &depth);
    if (st == ATT_OK && fr[0].has_operand)
        st = att_buf_append(out, fr[0].out.data, fr[0].out.len);
    for (int d = 0; d <= ATT_QUERY_MAX_DEPTH; d++)
        att_buf_free(&fr[d].out);
    att_buf_free(&term);
    if (has_accents)
        *has_accents = accents;
    if (st == ATT_OK && words == 0)
        return att_seterr(err, errlen, ATT_ERR_EMPTY, "search: the query has no word to look for");
    if (st == ATT_ERR_NOMEM)
        att_seterr(err, errlen, st, "search: out of memory");
    return st;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? strdup(s) : NULL;
}

/* The ranked query on one index: its ATT_SEARCH_WINDOW (?3) newest
 * matches scored, the best ?2 joined to their articles.  An explicit
 * attache_rank() sorts faster than FTS5's "ORDER BY rank" (8 ms against
 * 21 ms for a common word at 50,000 articles). */
#define RANKED_SQL(T)                                                       \
    "SELECT a.id, a.source, a.title, a.published, r.score, a.lead, a.body"  \
    " FROM (SELECT rowid, score FROM"                                       \
    "  (SELECT rowid, -attache_rank(" T ") AS score FROM " T                \
    "   WHERE " T " MATCH ?1 ORDER BY rowid DESC LIMIT ?3)"                 \
    "  ORDER BY score DESC LIMIT ?2) r"                                     \
    " JOIN articles a ON a.id = r.rowid ORDER BY r.score DESC"
static const char RANKED_HEADLINES[] = RANKED_SQL("headlines_fts");
static const char RANKED_ARTICLES[] = RANKED_SQL("articles_fts");

/* Run one FTS query (sql: one of the above), appending up to limit hits
 * not already in *hits.  Snippets are cut from the hits' text
 * (snippet.c), only for the hits shown: FTS5's snippet() would need each
 * row found again by MATCH. */
static att_status run_query(att_store *s, const char *sql, const char *fts, const att_snippet_terms *terms,
                            size_t limit, const char *hl_open, const char *hl_close, int exact,
                            att_hit **hits, size_t *n, char *err, size_t errlen)
{
    sqlite3 *db = att_store_db(s);
    sqlite3_stmt *st = att_store_stmt(s, sql); /* cached: prepared once per store */
    if (!st)
        return att_seterr(err, errlen, ATT_ERR_DB, "search: %s: %s", att_store_path(s), sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)(limit + *n));
    sqlite3_bind_int(st, 3, ATT_SEARCH_WINDOW);
    att_status res = ATT_OK;
    att_buf text = ATT_BUF_INIT;
    int rc = SQLITE_DONE;
    size_t base = *n;
    while (*n < base + limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        int seen = 0;
        for (size_t k = 0; k < base; k++)
            if ((*hits)[k].id == id)
                seen = 1;
        if (seen)
            continue;
        att_hit *v = realloc(*hits, (*n + 1) * sizeof *v);
        if (!v) {
            res = ATT_ERR_NOMEM;
            break;
        }
        *hits = v;
        att_hit *h = &v[(*n)++];
        memset(h, 0, sizeof *h);
        h->id = id;
        h->source = dup_col(st, 1);
        h->title = dup_col(st, 2);
        h->published = dup_col(st, 3);
        h->score = sqlite3_column_double(st, 4);
        h->exact = exact;
        /* the extract comes from the lead and body (the title is shown) */
        att_buf_clear(&text);
        const char *lead = (const char *)sqlite3_column_text(st, 5);
        const char *body = (const char *)sqlite3_column_text(st, 6);
        if ((lead && (att_buf_puts(&text, lead) != ATT_OK || att_buf_putc(&text, '\n') != ATT_OK)) ||
            (body && att_buf_puts(&text, body) != ATT_OK) ||
            !(h->snippet = att_snippet(text.data ? text.data : "", text.len, terms, hl_open, hl_close,
                                       ATT_SNIPPET_WORDS))) {
            res = ATT_ERR_NOMEM;
            break;
        }
    }
    if (res == ATT_OK && *n < base + limit && rc != SQLITE_DONE && rc != SQLITE_ROW)
        res = att_seterr(err, errlen, ATT_ERR_DB, "search: %s: %s", att_store_path(s), sqlite3_errmsg(db));
    att_buf_free(&text);
    sqlite3_reset(st);
    return res;
}

att_status att_search(att_store *s, const char *query, size_t limit, const char *hl_open,
                      const char *hl_close, att_hit **hits, size_t *n_hits, char *err,
                      size_t errlen)
{
    *hits = NULL;
    *n_hits = 0;
    att_buf exact = ATT_BUF_INIT, folded = ATT_BUF_INIT;
    int accents = 0;
    att_status st = att_query_to_fts(query, 0, &folded, &accents, err, errlen);
    if (st == ATT_ERR_EMPTY || st == ATT_ERR_USAGE) {
        att_buf_free(&folded);
        return ATT_ERR_USAGE;
    }
    if (st == ATT_OK && accents)
        st = att_query_to_fts(query, 1, &exact, NULL, err, errlen);
    /* Passes, best first, each adding hits the earlier ones did not have:
     * matches in title or lead with exact accents, anywhere with exact
     * accents, then the same accent-insensitively.  The title/lead pass
     * reads the small headline index, so a common word is answered without
     * reading or ranking every article that mentions it in passing; the
     * full index is read only when the headlines give too few hits. */
    const att_buf *views[2] = {accents ? &exact : NULL, &folded};
    for (int v = 0; v < 2 && st == ATT_OK; v++) {
        if (!views[v] || *n_hits >= limit)
            continue;
        att_snippet_terms *terms = att_snippet_terms_new(views[v]->data);
        if (!terms) {
            st = ATT_ERR_NOMEM;
            break;
        }
        st = run_query(s, RANKED_HEADLINES, views[v]->data, terms, limit - *n_hits, hl_open,
                       hl_close, v == 0, hits, n_hits, err, errlen);
        if (st == ATT_OK && *n_hits < limit)
            st = run_query(s, RANKED_ARTICLES, views[v]->data, terms, limit - *n_hits, hl_open,
                           hl_close, v == 0, hits, n_hits, err, errlen);
        att_snippet_terms_free(terms);
    }
    att_buf_free(&exact);
    att_buf_free(&folded);
    if (st != ATT_OK) {
        att_hits_free(*hits, *n_hits);
        *hits = NULL;
        *n_hits = 0;
    }
    return st;
}

void att_hits_free(att_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(hits[i].source);
        free(hits[i].title);
        free(hits[i].published);
        free(hits[i].snippet);
    }
    free(hits);
}
