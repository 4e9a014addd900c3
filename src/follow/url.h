/*
 * url.h - URL resolution and normalization for the crawler, and the
 * classification of network addresses that keeps a feed from turning
 * attache into a probe of the internal network.
 *
 * Normalization (att_url_normalize): only http and https; scheme and host
 * lower-cased; the default port (80, 443) dropped; an empty path becomes
 * "/"; dot segments removed; percent-escapes upper-cased, escapes of
 * unreserved characters decoded, bytes that must be escaped (space,
 * non-ASCII, controls) escaped; the fragment dropped; tracking parameters
 * removed from the query (utm_*, fbclid, gclid, ... see url.c), an empty
 * query dropped.  With ATT_URL_KEY the trailing slash of a non-root path is
 * dropped too: the result is the identity under which a page is remembered
 * ("/a/b/" and "/a/b" are the same page), not necessarily fetchable.
 * User info (user:pass@) is refused.
 *
 * Ownership: results are malloc'd; the caller frees them.
 * Errors: ATT_ERR_USAGE with a one-line reason in err (not http(s),
 * missing or bad host, bad port, too long); ATT_ERR_NOMEM.
 */
#ifndef ATT_URL_H
#define ATT_URL_H

#include <stddef.h>
#include <sys/socket.h>

#include "../util/status.h"

/* Longest URL accepted (after resolution). */
#define ATT_URL_MAX 4096

/* Flags for att_url_normalize. */
#define ATT_URL_KEY 1 /* also drop a non-root trailing slash (identity key) */

/* Resolve ref against base (base may be NULL when ref is absolute; RFC
 * 3986 section 5.2 reference resolution) and normalize the result into
 * *out. */
att_status att_url_normalize(const char *ref, const char *base, int flags, char **out, char *err,
                             size_t errlen);

/* The origin of a normalized URL, "scheme://host[:port]", into out (at
 * most outlen bytes with the NUL); 0 on success, -1 if it does not fit or
 * the URL is not absolute. */
int att_url_origin(const char *url, char *out, size_t outlen);

/* The host of a normalized URL (without port or brackets) into out;
 * 0 on success, -1 otherwise. */
int att_url_host(const char *url, char *out, size_t outlen);

/* The path and query of a normalized URL ("/" at least); NULL if none. */
const char *att_url_path(const char *url);

/* Is name a tracking query parameter (utm_*, fbclid, gclid, ...)? */
int att_url_tracking_param(const char *name, size_t len);

/* What kind of network an address belongs to. */
typedef enum att_addr_class {
    ATT_ADDR_PUBLIC = 0,
    ATT_ADDR_LOOPBACK,    /* 127.0.0.0/8, ::1 */
    ATT_ADDR_PRIVATE,     /* 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7 */
    ATT_ADDR_LINKLOCAL,   /* 169.254/16, fe80::/10 */
    ATT_ADDR_RESERVED     /* 0/8, multicast, broadcast, 240/4, ::, other special ranges */
} att_addr_class;

/* Classify a socket address (AF_INET or AF_INET6; IPv4-mapped IPv6
 * addresses are classified as their IPv4 address).  Unknown families are
 * ATT_ADDR_RESERVED. */
att_addr_class att_addr_classify(const struct sockaddr *sa);

/* Classify a numeric address string ("127.0.0.1", "::1"); -1 if it is not
 * one. */
int att_addr_classify_str(const char *addr);

/* Static name of a class ("public", "loopback", ...). */
const char *att_addr_class_str(att_addr_class c);

#endif
