/* search.c - user query translation and ranked search; see search.h. */
#include "search.h"

#include <math.h>
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
 * matches scored, the best ?2 in score order.  An explicit attache_rank()
 * sorts faster than FTS5's "ORDER BY rank" (8 ms against 21 ms for a
 * common word at 50,000 articles).  The articles are read one by one as
 * the rows come (ARTICLE_SQL), so a pass that stops early reads no more. */
#define RANKED_SQL(T)                                                \
    "SELECT rowid, score FROM"                                       \
    " (SELECT rowid, -attache_rank(" T ") AS score FROM " T          \
    "  WHERE " T " MATCH ?1 ORDER BY rowid DESC LIMIT ?3)"           \
    " ORDER BY score DESC LIMIT ?2"
static const char RANKED_HEADLINES[] = RANKED_SQL("headlines_fts");
static const char RANKED_ARTICLES[] = RANKED_SQL("articles_fts");
static const char ARTICLE_SQL[] = "SELECT source, title, published, lead FROM articles WHERE id = ?1";

static att_status db_error(att_store *s, char *err, size_t errlen)
{
    return att_seterr(err, errlen, ATT_ERR_DB, "search: %s: %s", att_store_path(s), sqlite3_errmsg(att_store_db(s)));
}

/* Fill h (id set) from its article row; ATT_ERR_NOTFOUND if there is
 * none (an index row without its article: skipped, as a join would). */
static att_status read_article(att_store *s, att_hit *h, char *err, size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(s, ARTICLE_SQL);
    if (!st)
        return db_error(s, err, errlen);
    sqlite3_bind_int64(st, 1, h->id);
    int rc = sqlite3_step(st);
    att_status res = ATT_OK;
    if (rc == SQLITE_ROW) {
        const char *lead = (const char *)sqlite3_column_text(st, 3);
        h->source = dup_col(st, 0);
        h->title = dup_col(st, 1);
        h->published = dup_col(st, 2);
        if (!(h->snippet = strdup(lead ? lead : "")) || !h->source)
            res = ATT_ERR_NOMEM;
    } else {
        res = rc == SQLITE_DONE ? ATT_ERR_NOTFOUND : db_error(s, err, errlen);
    }
    sqlite3_reset(st);
    return res;
}

/* Does the headline of h (its title, or its lead, held in h->snippet
 * until the snippets are cut) say what was asked (att_snippet_whole)? */
static int says_it(const att_hit *h, const att_snippet_terms *terms)
{
    if (h->title && att_snippet_whole(h->title, strlen(h->title), terms))
        return 1;
    return att_snippet_whole(h->snippet, strlen(h->snippet), terms);
}

static void hit_free(att_hit *h)
{
    free(h->source);
    free(h->title);
    free(h->published);
    free(h->snippet);
}

/* Run one FTS query (sql: one of the above) over the window newest
 * matches, appending up to rows hits not already in hits[0..skip).  With whole (the headline pass): the
 * hits that say what was asked (says_it()) are moved first, their count
 * in *good, and the pass stops once it has want of them.  A hit's
 * snippet field holds its lead (or "") until att_search() cuts the
 * snippets, reading the bodies of the hits shown only: FTS5's snippet()
 * would need each row found again by MATCH. */
static att_status run_query(att_store *s, const char *sql, const char *fts, int window, size_t rows, int exact,
                            size_t skip, const att_snippet_terms *whole, size_t want, size_t *good, att_hit **hits,
                            size_t *n, char *err, size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(s, sql); /* cached: prepared once per store */
    if (!st)
        return db_error(s, err, errlen);
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)(rows + skip));
    sqlite3_bind_int(st, 3, window);
    att_status res = ATT_OK;
    int rc = SQLITE_DONE;
    size_t base = *n, ngood = 0;
    while (*n < base + rows && !(whole && ngood >= want) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        int seen = 0;
        for (size_t k = 0; k < skip; k++)
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
        h->rank_score = sqlite3_column_double(st, 1);
        h->exact = exact;
        if ((res = read_article(s, h, err, errlen)) == ATT_ERR_NOTFOUND) {
            hit_free(h);
            (*n)--;
            res = ATT_OK;
            continue;
        }
        if (res != ATT_OK)
            break;
        if (whole && says_it(h, whole)) {
            att_hit t = *h;
            memmove(v + base + ngood + 1, v + base + ngood, (*n - 1 - base - ngood) * sizeof t);
            v[base + ngood++] = t;
        }
    }
    if (res == ATT_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        res = db_error(s, err, errlen);
    sqlite3_reset(st);
    if (good)
        *good = ngood;
    return res;
}

/* The text a hit's snippet is cut from: its lead (h->snippet), '\n', its
 * body (the title is shown apart). */
static att_status hit_text(att_store *s, const att_hit *h, att_buf *text, char *err, size_t errlen)
{
    sqlite3_stmt *st = att_store_stmt(s, "SELECT body FROM articles WHERE id = ?1");
    if (!st)
        return db_error(s, err, errlen);
    sqlite3_bind_int64(st, 1, h->id);
    att_buf_clear(text);
    int rc = sqlite3_step(st);
    const char *body = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    att_status res = att_buf_puts(text, h->snippet);
    if (res == ATT_OK)
        res = att_buf_putc(text, '\n');
    if (res == ATT_OK && body)
        res = att_buf_puts(text, body);
    if (res == ATT_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = db_error(s, err, errlen);
    sqlite3_reset(st);
    return res;
}


/* Headline hits read per hit wanted, to find a page of good ones. */
#define HEADLINE_READ 4

/* One view of the query (exact or accent-free): hits[base..) gets up to
 * limit - base hits not in hits[0..base).
 *
 * The headline index is read first: when its best HEADLINE_READ pages
 * hold a full page of hits whose title or lead says what was asked
 * (says_it()), those are the answer - a common word is answered without
 * scoring thousands of articles that use it in passing.  Otherwise the
 * full index is ranked (its score counts title and lead matches with
 * their weights, so a headline match keeps its advantage without beating
 * a strong body match by precedence), and the headline hits it did not
 * return follow while there is room (those older than its window).  When
 * the headlines gave a full page of weaker hits, the full index ranks a
 * quarter of the window: a strong body match among the recent articles
 * is what it looks for (4 common words: 3 ms instead of 5 at 50,000
 * articles). */
static att_status search_view(att_store *s, const char *fts, const att_snippet_terms *terms, size_t limit,
                              int exact, att_hit **hits, size_t *n, char *err, size_t errlen)
{
    size_t base = *n, need = limit - base, good = 0;
    /* a request for a whole window (the API's deeper pages) cannot be
     * answered by the headlines alone: their hits are not sorted by
     * whether they say it (the costly test), only ranked */
    const att_snippet_terms *whole = need >= ATT_SEARCH_WINDOW ? NULL : terms;
    att_status st = run_query(s, RANKED_HEADLINES, fts, ATT_SEARCH_WINDOW, need * HEADLINE_READ, exact, base, whole,
                              need, &good, hits, n, err, errlen);
    if (st != ATT_OK)
        return st;
    size_t nh = *n - base;
    if (good >= need) {
        for (size_t i = base + need; i < *n; i++)
            hit_free(&(*hits)[i]);
        *n = base + need;
        return ATT_OK;
    }
    /* set the headline hits aside, rank the full index */
    att_hit *head = NULL;
    if (nh) {
        head = malloc(nh * sizeof *head);
        if (!head)
            return ATT_ERR_NOMEM;
        memcpy(head, *hits + base, nh * sizeof *head);
        *n = base;
    }
    int window = nh >= need ? ATT_SEARCH_WINDOW / 4 : ATT_SEARCH_WINDOW;
    st = run_query(s, RANKED_ARTICLES, fts, window, need, exact, base, NULL, 0, NULL, hits, n, err, errlen);
    for (size_t i = 0; i < nh; i++) {
        int dup = 0;
        for (size_t k = base; k < *n && !dup; k++)
            dup = (*hits)[k].id == head[i].id;
        att_hit *v = NULL;
        if (st == ATT_OK && !dup && *n < limit && (v = realloc(*hits, (*n + 1) * sizeof *v))) {
            *hits = v;
            v[(*n)++] = head[i];
        } else {
            if (st == ATT_OK && !dup && *n < limit)
                st = ATT_ERR_NOMEM;
            hit_free(&head[i]);
        }
    }
    free(head);
    return st;
}

/* The query's two views in FTS5 syntax: folded (accent-free) always,
 * exact when the query has diacritics (*accents). */
static att_status query_views(const char *query, att_buf *exact, att_buf *folded, int *accents, char *err,
                              size_t errlen)
{
    att_status st = att_query_to_fts(query, 0, folded, accents, err, errlen);
    if (st == ATT_ERR_EMPTY || st == ATT_ERR_USAGE)
        return ATT_ERR_USAGE;
    if (st == ATT_OK && *accents)
        st = att_query_to_fts(query, 1, exact, NULL, err, errlen);
    return st;
}

att_status att_search_ranked(att_store *s, const char *query, size_t limit, att_hit **hits, size_t *n_hits,
                             char *err, size_t errlen)
{
    *hits = NULL;
    *n_hits = 0;
    att_buf exact = ATT_BUF_INIT, folded = ATT_BUF_INIT;
    int accents = 0;
    att_status st = query_views(query, &exact, &folded, &accents, err, errlen);
    /* The exact-accent view first (when the query has diacritics), then
     * the accent-free view adds the hits the first did not have. */
    const att_buf *views[2] = {accents ? &exact : NULL, &folded};
    for (int v = 0; v < 2 && st == ATT_OK; v++) {
        if (!views[v] || *n_hits >= limit)
            continue;
        att_snippet_terms *terms = att_snippet_terms_new(views[v]->data);
        if (!terms) {
            st = ATT_ERR_NOMEM;
            break;
        }
        st = search_view(s, views[v]->data, terms, limit, v == 0, hits, n_hits, err, errlen);
        att_snippet_terms_free(terms);
    }
    /* relevance 0-100 against the best score returned */
    double best = 0;
    for (size_t i = 0; i < *n_hits; i++)
        if ((*hits)[i].rank_score > best)
            best = (*hits)[i].rank_score;
    for (size_t i = 0; i < *n_hits; i++)
        (*hits)[i].score = best > 0 ? round(100.0 * (*hits)[i].rank_score / best) : 0;
    if (st == ATT_ERR_NOMEM)
        att_seterr(err, errlen, st, "search: out of memory");
    att_buf_free(&exact);
    att_buf_free(&folded);
    if (st != ATT_OK) {
        att_hits_free(*hits, *n_hits);
        *hits = NULL;
        *n_hits = 0;
    }
    return st;
}

att_status att_search_snippets(att_store *s, const char *query, att_hit *hits, const size_t *which, size_t n,
                               const char *hl_open, const char *hl_close, char *err, size_t errlen)
{
    if (!n)
        return ATT_OK;
    att_buf exact = ATT_BUF_INIT, folded = ATT_BUF_INIT, text = ATT_BUF_INIT;
    int accents = 0;
    att_status st = query_views(query, &exact, &folded, &accents, err, errlen);
    att_snippet_terms *terms[2] = {NULL, NULL};
    if (st == ATT_OK && ((accents && !(terms[0] = att_snippet_terms_new(exact.data))) ||
                         !(terms[1] = att_snippet_terms_new(folded.data))))
        st = ATT_ERR_NOMEM;
    /* snippets with the terms of the view each hit came from */
    for (size_t k = 0; st == ATT_OK && k < n; k++) {
        att_hit *h = &hits[which ? which[k] : k];
        const att_snippet_terms *t = terms[h->exact && terms[0] ? 0 : 1];
        if ((st = hit_text(s, h, &text, err, errlen)) != ATT_OK)
            break;
        char *cut = att_snippet(text.data, text.len, t, hl_open, hl_close, ATT_SNIPPET_WORDS);
        if (!cut) {
            st = ATT_ERR_NOMEM;
            break;
        }
        free(h->snippet);
        h->snippet = cut;
    }
    if (st == ATT_ERR_NOMEM)
        att_seterr(err, errlen, st, "search: out of memory");
    att_buf_free(&text);
    att_snippet_terms_free(terms[0]);
    att_snippet_terms_free(terms[1]);
    att_buf_free(&exact);
    att_buf_free(&folded);
    return st;
}

att_status att_search(att_store *s, const char *query, size_t limit, const char *hl_open,
                      const char *hl_close, att_hit **hits, size_t *n_hits, char *err,
                      size_t errlen)
{
    att_status st = att_search_ranked(s, query, limit, hits, n_hits, err, errlen);
    if (st == ATT_OK)
        st = att_search_snippets(s, query, *hits, NULL, *n_hits, hl_open, hl_close, err, errlen);
    if (st != ATT_OK) {
        att_hits_free(*hits, *n_hits);
        *hits = NULL;
        *n_hits = 0;
    }
    return st;
}

void att_hits_free(att_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        hit_free(&hits[i]);
    free(hits);
}
