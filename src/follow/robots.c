/* robots.c - robots.txt parsing and matching; see robots.h. */
#include "robots.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RULES 4096
#define MAX_SITEMAPS 64
#define MAX_LINE 8192

typedef struct rule {
    char *pattern;
    int allow;
} rule;

struct att_robots {
    rule *rules;
    size_t n_rules;
    int deny_all;
    double crawl_delay;
    char *sitemaps[MAX_SITEMAPS];
    size_t n_sitemaps;
};

/* Parsing state: rules of the group(s) matching the agent by name go to
 * `named`, those of "*" groups to `star`; the named ones win if any. */
typedef struct group_set {
    rule *rules;
    size_t n, cap;
    double delay;
    int seen; /* a group for this set was found */
} group_set;

static int push_rule(group_set *g, const char *p, size_t n, int allow)
{
    if (g->n >= MAX_RULES)
        return 0;
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        rule *r = realloc(g->rules, cap * sizeof *r);
        if (!r)
            return -1;
        g->rules = r;
        g->cap = cap;
    }
    char *s = strndup(p, n);
    if (!s)
        return -1;
    g->rules[g->n].pattern = s;
    g->rules[g->n].allow = allow;
    g->n++;
    return 0;
}

static void free_set(group_set *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->rules[i].pattern);
    free(g->rules);
}

/* Does the User-agent value name our agent?  Product tokens compare
 * case-insensitively up to a '/' or space in the value. */
static int names_agent(const char *v, size_t n, const char *agent)
{
    size_t k = 0;
    while (k < n && v[k] != '/' && v[k] != ' ')
        k++;
    return k == strlen(agent) && !strncasecmp(v, agent, k);
}

att_status att_robots_parse(const char *text, size_t len, const char *agent, att_robots **out)
{
    *out = NULL;
    att_robots *r = calloc(1, sizeof *r);
    if (!r)
        return ATT_ERR_NOMEM;
    group_set named = {0}, star = {0};
    /* Group state: the user agents of the current group's head. */
    int cur_named = 0, cur_star = 0, in_rules = 0, fail = 0;
    size_t i = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        i = 3;
    while (text && i < len && !fail) {
        size_t e = i;
        while (e < len && text[e] != '\n' && text[e] != '\r')
            e++;
        const char *line = text + i;
        size_t n = e - i < MAX_LINE ? e - i : MAX_LINE;
        i = e + 1;
        const char *hash = memchr(line, '#', n);
        if (hash)
            n = (size_t)(hash - line);
        const char *colon = memchr(line, ':', n);
        if (!colon)
            continue;
        const char *k = line;
        size_t kn = (size_t)(colon - line);
        while (kn && isspace((unsigned char)k[kn - 1]))
            kn--;
        while (kn && isspace((unsigned char)*k))
            k++, kn--;
        const char *v = colon + 1;
        size_t vn = n - (size_t)(v - line);
        while (vn && isspace((unsigned char)*v))
            v++, vn--;
        while (vn && isspace((unsigned char)v[vn - 1]))
            vn--;
        if (kn == 10 && !strncasecmp(k, "user-agent", 10)) {
            if (in_rules) { /* a new group starts */
                cur_named = cur_star = 0;
                in_rules = 0;
            }
            if (vn == 1 && *v == '*')
                cur_star = 1;
            else if (names_agent(v, vn, agent))
                cur_named = 1;
            if (cur_named)
                named.seen = 1;
            if (cur_star)
                star.seen = 1;
        } else if ((kn == 5 && !strncasecmp(k, "allow", 5)) || (kn == 8 && !strncasecmp(k, "disallow", 8))) {
            in_rules = 1;
            int allow = kn == 5;
            if (vn == 0)
                continue; /* "Disallow:" with no path allows everything */
            if (cur_named && push_rule(&named, v, vn, allow) < 0)
                fail = 1;
            if (cur_star && push_rule(&star, v, vn, allow) < 0)
                fail = 1;
        } else if (kn == 11 && !strncasecmp(k, "crawl-delay", 11)) {
            in_rules = 1;
            char num[32];
            size_t m = vn < sizeof num - 1 ? vn : sizeof num - 1;
            memcpy(num, v, m);
            num[m] = '\0';
            char *end;
            double d = strtod(num, &end);
            if (end != num && d >= 0 && d < 1e6) {
                if (cur_named)
                    named.delay = d;
                if (cur_star)
                    star.delay = d;
            }
        } else if (kn == 7 && !strncasecmp(k, "sitemap", 7)) {
            if (vn && r->n_sitemaps < MAX_SITEMAPS) {
                r->sitemaps[r->n_sitemaps] = strndup(v, vn);
                if (!r->sitemaps[r->n_sitemaps])
                    fail = 1;
                else
                    r->n_sitemaps++;
            }
        }
    }
    group_set *use = named.seen ? &named : &star;
    group_set *other = named.seen ? &star : &named;
    free_set(other);
    r->rules = use->rules;
    r->n_rules = use->n;
    r->crawl_delay = use->delay;
    if (fail) {
        att_robots_free(r);
        return ATT_ERR_NOMEM;
    }
    *out = r;
    return ATT_OK;
}

att_status att_robots_deny_all(att_robots **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return ATT_ERR_NOMEM;
    (*out)->deny_all = 1;
    return ATT_OK;
}

void att_robots_free(att_robots *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_rules; i++)
        free(r->rules[i].pattern);
    free(r->rules);
    for (size_t i = 0; i < r->n_sitemaps; i++)
        free(r->sitemaps[i]);
    free(r);
}

/* Does pattern p match a prefix of s ('*' any run, final '$' anchors)?
 * Iterative with one backtrack point per '*', so linear-ish and bounded:
 * O(|p| * |s|) at worst. */
static int match(const char *p, const char *s)
{
    const char *star_p = NULL, *star_s = NULL;
    for (;;) {
        if (*p == '\0')
            return 1; /* prefix match */
        if (*p == '$' && p[1] == '\0') {
            if (*s == '\0')
                return 1;
        } else if (*p == '*') {
            star_p = ++p;
            star_s = s;
            continue;
        } else if (*s && *p == *s) {
            p++, s++;
            continue;
        }
        if (!star_p || !*star_s)
            return 0;
        p = star_p;
        s = ++star_s;
    }
}

int att_robots_allowed(const att_robots *r, const char *path)
{
    if (r->deny_all)
        return 0;
    if (!strcmp(path, "/robots.txt"))
        return 1;
    size_t best = 0;
    int allow = 1, found = 0;
    for (size_t i = 0; i < r->n_rules; i++) {
        const rule *ru = &r->rules[i];
        size_t len = strlen(ru->pattern);
        if (found && (len < best || (len == best && !ru->allow)))
            continue;
        if (match(ru->pattern, path)) {
            if (!found || len > best || ru->allow)
                allow = ru->allow;
            best = len;
            found = 1;
        }
    }
    return allow;
}

double att_robots_crawl_delay(const att_robots *r) { return r->crawl_delay; }

const char *const *att_robots_sitemaps(const att_robots *r, size_t *n)
{
    *n = r->n_sitemaps;
    return (const char *const *)r->sitemaps;
}
