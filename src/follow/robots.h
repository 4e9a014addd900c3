/*
 * robots.h - robots.txt (RFC 9309): parse once per host, then answer
 * "may this agent fetch this path?" and "how long between requests?".
 *
 * The group for the agent is the one (or the union of the ones) whose
 * User-agent line names the agent's product token, case-insensitively
 * (a line "User-agent: attache" or "attache/0.1"); failing that the "*"
 * group; failing that everything is allowed.  Within the group the longest
 * matching Allow/Disallow pattern wins, Allow on a tie; patterns may use
 * '*' (any run) and a final '$' (end of path).  Crawl-delay (seconds,
 * fractions allowed) and every Sitemap: line (any group) are kept.
 * Lines are bounded (at most 4,096 rules, 8 KiB per line; the rest is
 * ignored) and the input size is the caller's to limit.
 *
 * Ownership: att_robots_parse returns an object freed by att_robots_free.
 */
#ifndef ATT_ROBOTS_H
#define ATT_ROBOTS_H

#include <stddef.h>

#include "../util/status.h"

typedef struct att_robots att_robots;

/* Parse robots.txt text for agent (a product token such as "attache").
 * A NULL or empty text allows everything.  ATT_ERR_NOMEM only. */
att_status att_robots_parse(const char *text, size_t len, const char *agent, att_robots **out);

/* A robots object that disallows everything (robots.txt answered 5xx or
 * could not be fetched: RFC 9309 section 2.3.1.4). */
att_status att_robots_deny_all(att_robots **out);

void att_robots_free(att_robots *r);

/* 1 if path (path and query of the URL, starting with '/') may be
 * fetched, 0 if not. */
int att_robots_allowed(const att_robots *r, const char *path);

/* Crawl-delay in seconds for the agent's group; 0 if none was given. */
double att_robots_crawl_delay(const att_robots *r);

/* Sitemap URLs listed (as written); *n gets their number. */
const char *const *att_robots_sitemaps(const att_robots *r, size_t *n);

#endif
