/* feed.c - feeds, sitemaps, URL lists and HTML pages into items; see feed.h. */
#include "feed.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <zlib.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "../article/article.h"
#include "../normalize/normalize.h"
#include "url.h"

/* ---- dates ---- */

static int read_num(const char **p, int min_digits, int max_digits, int *out)
{
    int v = 0, k = 0;
    while (k < max_digits && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    *out = v;
    return k >= min_digits ? 0 : -1;
}

/* Parse a zone: "Z", "+07:00", "+0700", "GMT", "UT", "UTC", US zones;
 * *off gets seconds east of UTC.  Missing zone: 0 (returns 0 too). */
static int read_zone(const char *p, int *off)
{
    static const struct { const char *name; int hours; } zones[] = {
        {"GMT", 0}, {"UTC", 0}, {"UT", 0}, {"Z", 0}, {"EST", -5}, {"EDT", -4},
        {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    *off = 0;
    while (*p == ' ')
        p++;
    if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, h, m = 0;
        p++;
        if (read_num(&p, 2, 2, &h))
            return -1;
        if (*p == ':')
            p++;
        if (isdigit((unsigned char)*p) && read_num(&p, 2, 2, &m))
            return -1;
        if (h > 14 || m > 59)
            return -1;
        *off = sign * (h * 3600 + m * 60);
        return 0;
    }
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
        if (!strncasecmp(p, zones[i].name, strlen(zones[i].name))) {
            *off = zones[i].hours * 3600;
            return 0;
        }
    return 0;
}

int att_feed_date(const char *s, char iso[20], int64_t *epoch)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    const char *p = s;
    int y, mo = 0, d, h = -1, mi = 0, sec = 0, off = 0;
    while (isspace((unsigned char)*p))
        p++;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && p[4] == '-') {
        /* ISO 8601 / W3C-DTF */
        read_num(&p, 4, 4, &y);
        p++;
        if (read_num(&p, 2, 2, &mo) || *p++ != '-' || read_num(&p, 2, 2, &d))
            return -1;
        if (*p == 'T' || *p == 't' || *p == ' ') {
            p++;
            if (read_num(&p, 2, 2, &h) || *p++ != ':' || read_num(&p, 2, 2, &mi))
                return -1;
            if (*p == ':') {
                p++;
                if (read_num(&p, 2, 2, &sec))
                    return -1;
                if (*p == '.' || *p == ',')
                    for (p++; isdigit((unsigned char)*p);)
                        p++;
            }
            if (read_zone(p, &off))
                return -1;
        }
    } else {
        /* RFC 822: [Day,] DD Mon YYYY HH:MM[:SS] [zone] */
        const char *comma = strchr(p, ',');
        if (comma && comma - p < 12)
            p = comma + 1;
        while (*p == ' ')
            p++;
        if (read_num(&p, 1, 2, &d))
            return -1;
        while (*p == ' ' || *p == '-')
            p++;
        for (int k = 0; k < 12; k++)
            if (!strncasecmp(p, months + 3 * k, 3))
                mo = k + 1;
        if (!mo)
            return -1;
        while (isalpha((unsigned char)*p))
            p++;
        while (*p == ' ' || *p == '-')
            p++;
        const char *ys = p;
        if (read_num(&p, 2, 4, &y))
            return -1;
        if (p - ys == 2)
            y += y < 70 ? 2000 : 1900;
        while (*p == ' ')
            p++;
        if (isdigit((unsigned char)*p)) {
            if (read_num(&p, 1, 2, &h) || *p++ != ':' || read_num(&p, 2, 2, &mi))
                return -1;
            if (*p == ':') {
                p++;
                if (read_num(&p, 2, 2, &sec))
                    return -1;
            }
            if (read_zone(p, &off))
                return -1;
        }
    }
    if (h > 23 || mi > 59 || sec > 60)
        return -1;
    if (att_iso_date(iso, y, mo, d, h, mi) != ATT_OK)
        return -1;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    if (h >= 0) {
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = sec;
    }
    *epoch = (int64_t)timegm(&tm) - off; /* the date is valid (att_iso_date) */
    return 0;
}

/* ---- building the result ---- */

typedef struct builder {
    att_feed *f;
    size_t max_items, cap, feeds_cap;
    const char *url;        /* document URL */
    uint64_t *seen;         /* open-addressing set of URL hashes (0 = empty) */
    size_t seen_cap;
    int nomem;
} builder;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h ? h : 1;
}

/* Insert h; 1 if it was new, 0 if present (or on allocation failure). */
static int seen_insert(builder *b, uint64_t h)
{
    if (b->seen_cap == 0 || (b->f->n_items + b->f->n_feeds + 1) * 2 > b->seen_cap) {
        size_t cap = b->seen_cap ? b->seen_cap * 2 : 256;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t) {
            b->nomem = 1;
            return 0;
        }
        for (size_t i = 0; i < b->seen_cap; i++)
            if (b->seen[i])
                for (size_t j = b->seen[i] & (cap - 1);; j = (j + 1) & (cap - 1))
                    if (!t[j]) {
                        t[j] = b->seen[i];
                        break;
                    }
        free(b->seen);
        b->seen = t;
        b->seen_cap = cap;
    }
    for (size_t j = h & (b->seen_cap - 1);; j = (j + 1) & (b->seen_cap - 1)) {
        if (b->seen[j] == h)
            return 0;
        if (!b->seen[j]) {
            b->seen[j] = h;
            return 1;
        }
    }
}

/* Trimmed, whitespace-collapsed NFC copy of s, or NULL if empty. */
static char *clean_text(const char *s)
{
    if (!s)
        return NULL;
    char *t = NULL;
    if (att_article_set(&t, s, (size_t)-1) != ATT_OK || !t)
        return NULL;
    char *nfc = NULL;
    size_t n;
    if (att_nfc(t, strlen(t), &nfc, &n) == ATT_OK) {
        free(t);
        return nfc;
    }
    return t;
}

static void add_item(builder *b, const char *link, const char *base, const char *title,
                     const char *date)
{
    if (!link || !*link)
        return;
    char *u = NULL, err[8];
    if (att_url_normalize(link, base ? base : b->url, 0, &u, err, sizeof err) != ATT_OK) {
        b->f->n_dropped++;
        return;
    }
    if (!seen_insert(b, hash_str(u))) {
        free(u);
        return;
    }
    if (b->f->n_items >= b->max_items) {
        b->f->n_dropped++;
        free(u);
        return;
    }
    if (b->f->n_items == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        att_feed_item *it = realloc(b->f->items, cap * sizeof *it);
        if (!it) {
            b->nomem = 1;
            free(u);
            return;
        }
        b->f->items = it;
        b->cap = cap;
    }
    att_feed_item *it = &b->f->items[b->f->n_items++];
    memset(it, 0, sizeof *it);
    it->url = u;
    it->title = clean_text(title);
    char iso[20];
    int64_t ep;
    if (date && att_feed_date(date, iso, &ep) == 0) {
        it->date = strdup(iso);
        it->epoch = ep;
    }
}

static void add_feed(builder *b, const char *link, const char *base)
{
    char *u = NULL, err[8];
    if (!link || b->f->n_feeds >= 1000 ||
        att_url_normalize(link, base ? base : b->url, 0, &u, err, sizeof err) != ATT_OK)
        return;
    if (!seen_insert(b, hash_str(u))) {
        free(u);
        return;
    }
    if (b->f->n_feeds == b->feeds_cap) {
        size_t cap = b->feeds_cap ? b->feeds_cap * 2 : 8;
        char **fe = realloc(b->f->feeds, cap * sizeof *fe);
        if (!fe) {
            b->nomem = 1;
            free(u);
            return;
        }
        b->f->feeds = fe;
        b->feeds_cap = cap;
    }
    b->f->feeds[b->f->n_feeds++] = u;
}

/* ---- XML ---- */

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* Text content of the first child element called name (xmlFree it). */
static char *child_text(const xmlNode *n, const char *name)
{
    const xmlNode *c = child(n, name);
    return c ? (char *)xmlNodeGetContent(c) : NULL;
}

static void rss_item(builder *b, const xmlNode *it)
{
    char *link = child_text(it, "link");
    if (!link || !*link) {
        const xmlNode *g = child(it, "guid");
        xmlChar *perma = g ? xmlGetProp(g, (const xmlChar *)"isPermaLink") : NULL;
        if (g && !(perma && !strcasecmp((const char *)perma, "false"))) {
            xmlFree(link);
            link = (char *)xmlNodeGetContent(g);
        }
        xmlFree(perma);
    }
    char *title = child_text(it, "title");
    char *date = child_text(it, "pubDate");
    if (!date)
        date = child_text(it, "date"); /* dc:date */
    add_item(b, link, NULL, title, date);
    xmlFree(link);
    xmlFree(title);
    xmlFree(date);
}

static void atom_entry(builder *b, xmlDoc *doc, const xmlNode *e)
{
    const xmlNode *best = NULL;
    for (const xmlNode *c = e->children; c; c = c->next) {
        if (!is(c, "link"))
            continue;
        xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
        int alt = !rel || !strcmp((const char *)rel, "alternate");
        xmlFree(rel);
        if (alt && !best)
            best = c;
    }
    if (!best)
        return;
    xmlChar *href = xmlGetProp(best, (const xmlChar *)"href");
    xmlChar *base = xmlNodeGetBase(doc, best);
    char *title = child_text(e, "title");
    char *date = child_text(e, "published");
    if (!date)
        date = child_text(e, "updated");
    add_item(b, (const char *)href, (const char *)base, title, date);
    xmlFree(href);
    xmlFree(base);
    xmlFree(title);
    xmlFree(date);
}

static void sitemap_url(builder *b, const xmlNode *u)
{
    char *loc = child_text(u, "loc");
    const xmlNode *news = child(u, "news");
    char *date = news ? child_text(news, "publication_date") : NULL;
    char *title = news ? child_text(news, "title") : NULL;
    if (!date)
        date = child_text(u, "lastmod");
    add_item(b, loc, NULL, title, date);
    xmlFree(loc);
    xmlFree(date);
    xmlFree(title);
}

static void xml_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static att_status parse_xml(builder *b, const char *data, size_t len, char *err, size_t errlen)
{
    xmlResetLastError();
    xmlDoc *doc = xmlReadMemory(data, (int)len, b->url, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        char msg[200] = "not well-formed";
        if (e && e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            size_t n = strlen(msg);
            while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
                msg[--n] = '\0';
        }
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "broken XML at line %d: %s", e ? e->line : 0, msg);
    }
    /* Entities declared in the document would be expanded when text is
     * read (xmlNodeGetContent): a "billion laughs" feed is refused here. */
    if (doc->intSubset && doc->intSubset->entities) {
        xmlFreeDoc(doc);
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "XML with entity declarations is refused");
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    att_status st = ATT_OK;
    if (is(root, "rss")) {
        b->f->kind = ATT_FEED_RSS;
        for (const xmlNode *c = child(root, "channel") ? child(root, "channel")->children : NULL; c; c = c->next)
            if (is(c, "item"))
                rss_item(b, c);
    } else if (is(root, "RDF")) {
        b->f->kind = ATT_FEED_RDF;
        for (const xmlNode *c = root->children; c; c = c->next)
            if (is(c, "item"))
                rss_item(b, c);
    } else if (is(root, "feed")) {
        b->f->kind = ATT_FEED_ATOM;
        for (const xmlNode *c = root->children; c; c = c->next)
            if (is(c, "entry"))
                atom_entry(b, doc, c);
    } else if (is(root, "urlset")) {
        b->f->kind = ATT_FEED_SITEMAP;
        for (const xmlNode *c = root->children; c; c = c->next)
            if (is(c, "url"))
                sitemap_url(b, c);
    } else if (is(root, "sitemapindex")) {
        b->f->kind = ATT_FEED_SITEMAPINDEX;
        for (const xmlNode *c = root->children; c; c = c->next)
            if (is(c, "sitemap")) {
                char *loc = child_text(c, "loc");
                add_feed(b, loc, NULL);
                xmlFree(loc);
            }
    } else {
        st = att_seterr(err, errlen, ATT_ERR_FORMAT, "XML root <%s> is not RSS, Atom, RDF or a sitemap",
                        root ? (const char *)root->name : "?");
    }
    xmlFreeDoc(doc);
    return st;
}

/* ---- HTML ---- */

static int same_host(const char *a, const char *b)
{
    char ha[256], hb[256];
    return !att_url_host(a, ha, sizeof ha) && !att_url_host(b, hb, sizeof hb) && !strcmp(ha, hb);
}

static int has_token(const char *list, const char *tok)
{
    size_t n = strlen(tok);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t k = strcspn(p, " \t");
        if (k == n && !strncasecmp(p, tok, n))
            return 1;
        p += k;
    }
    return 0;
}

static att_status parse_html(builder *b, const char *data, size_t len)
{
    htmlDocPtr doc = htmlReadMemory(data, (int)len, b->url, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET);
    b->f->kind = ATT_FEED_HTML;
    if (!doc)
        return ATT_OK;
    char *base = NULL;
    /* First pass for <base href>, second for links; iterative walks. */
    for (int pass = 0; pass < 2; pass++) {
        xmlNode *n = xmlDocGetRootElement(doc);
        while (n) {
            if (n->type == XML_ELEMENT_NODE) {
                if (pass == 0 && is(n, "base") && !base) {
                    xmlChar *h = xmlGetProp(n, (const xmlChar *)"href");
                    char err[8];
                    if (h && att_url_normalize((const char *)h, b->url, 0, &base, err, sizeof err) != ATT_OK)
                        base = NULL;
                    xmlFree(h);
                } else if (pass == 1 && is(n, "link")) {
                    xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
                    xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
                    xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
                    if (rel && type && href && has_token((const char *)rel, "alternate") &&
                        (!strcasecmp((const char *)type, "application/rss+xml") ||
                         !strcasecmp((const char *)type, "application/atom+xml") ||
                         !strcasecmp((const char *)type, "application/rdf+xml")))
                        add_feed(b, (const char *)href, base);
                    xmlFree(rel);
                    xmlFree(type);
                    xmlFree(href);
                } else if (pass == 1 && is(n, "a")) {
                    xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
                    char *u = NULL, err[8];
                    if (href && att_url_normalize((const char *)href, base ? base : b->url, 0, &u, err,
                                                  sizeof err) == ATT_OK &&
                        same_host(u, b->url) && strcmp(u, b->url)) {
                        xmlChar *text = xmlNodeGetContent(n);
                        add_item(b, u, NULL, (const char *)text, NULL);
                        xmlFree(text);
                    }
                    free(u);
                    xmlFree(href);
                }
            }
            if (n->children && n->type == XML_ELEMENT_NODE) {
                n = n->children;
                continue;
            }
            while (n && !n->next)
                n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
            if (n)
                n = n->next;
        }
    }
    free(base);
    xmlFreeDoc(doc);
    return ATT_OK;
}

/* ---- URL lists ---- */

static int parse_urls(builder *b, const char *d, size_t len)
{
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && d[e] != '\n')
            e++;
        size_t s = i, t = e;
        while (s < t && isspace((unsigned char)d[s]))
            s++;
        while (t > s && isspace((unsigned char)d[t - 1]))
            t--;
        if (t > s && d[s] != '#') {
            if (t - s < ATT_URL_MAX && (!strncasecmp(d + s, "http://", 7) || !strncasecmp(d + s, "https://", 8))) {
                char line[ATT_URL_MAX];
                memcpy(line, d + s, t - s);
                line[t - s] = '\0';
                add_item(b, line, NULL, NULL, NULL);
                good++;
            } else {
                bad++;
            }
        }
        i = e + 1;
    }
    return good > 0 && bad * 10 <= good;
}

/* ---- gzip files (sitemap.xml.gz) ---- */

/* Inflate a gzip file (all members) into *out, at most limit bytes. */
static att_status gunzip(const char *d, size_t n, size_t limit, char **out, size_t *outlen, char *err,
                         size_t errlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK)
        return ATT_ERR_NOMEM;
    size_t cap = n * 4 < limit ? n * 4 + 1024 : limit + 1;
    char *buf = malloc(cap);
    att_status st = buf ? ATT_OK : ATT_ERR_NOMEM;
    size_t len = 0;
    z.next_in = (Bytef *)(uintptr_t)d;
    z.avail_in = (uInt)n;
    while (st == ATT_OK) {
        if (len == cap) {
            if (cap > limit) {
                st = att_seterr(err, errlen, ATT_ERR_FORMAT, "gzip data inflates past %zu bytes", limit);
                break;
            }
            size_t nc = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *nb = realloc(buf, nc);
            if (!nb) {
                st = ATT_ERR_NOMEM;
                break;
            }
            buf = nb;
            cap = nc;
        }
        z.next_out = (Bytef *)buf + len;
        z.avail_out = (uInt)(cap - len);
        int zr = inflate(&z, Z_NO_FLUSH);
        len = cap - z.avail_out;
        if (zr == Z_STREAM_END) {
            if (z.avail_in == 0)
                break;
            inflateReset(&z); /* another member */
        } else if (zr != Z_OK && !(zr == Z_BUF_ERROR && z.avail_out == 0)) {
            st = att_seterr(err, errlen, ATT_ERR_FORMAT, "corrupt gzip data");
        } else if (z.avail_in == 0 && z.avail_out != 0) {
            st = att_seterr(err, errlen, ATT_ERR_FORMAT, "gzip data cut short");
        }
    }
    inflateEnd(&z);
    if (st != ATT_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    *outlen = len;
    return ATT_OK;
}

/* ---- entry point ---- */

static int looks_html(const char *d, size_t n, const char *ctype)
{
    if (ctype && strstr(ctype, "html"))
        return 1;
    size_t m = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 5 <= m; i++)
        if (d[i] == '<' && ((i + 14 <= m && !strncasecmp(d + i, "<!doctype html", 14)) ||
                            !strncasecmp(d + i, "<html", 5)))
            return 1;
    return 0;
}

att_status att_feed_parse(const char *data, size_t len, const char *url, const char *content_type,
                          size_t max_items, att_feed *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b) {
        char *plain = NULL;
        size_t plen = 0;
        att_status st = gunzip(data, len, ATT_FEED_MAX_INFLATED, &plain, &plen, err, errlen);
        if (st != ATT_OK)
            return st;
        if (plen >= 2 && (unsigned char)plain[0] == 0x1f && (unsigned char)plain[1] == 0x8b) {
            free(plain);
            return att_seterr(err, errlen, ATT_ERR_FORMAT, "gzip inside gzip");
        }
        st = att_feed_parse(plain, plen, url, content_type, max_items, out, err, errlen);
        free(plain);
        return st;
    }
    if (len > INT_MAX)
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "document too large (%zu bytes)", len);
    builder b = {out, max_items, 0, 0, url, NULL, 0, 0};
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && isspace((unsigned char)data[i]))
        i++;
    att_status st = ATT_OK;
    if (i == len) {
        st = att_seterr(err, errlen, ATT_ERR_FORMAT, "empty document");
    } else if (data[i] == '<') {
        int xml_decl = len - i >= 5 && !strncmp(data + i, "<?xml", 5);
        /* libxml2 reports encoding and I/O errors (a byte its declared
         * encoding cannot convert) on stderr through its generic handler
         * whatever the parse options: silenced while parsing (the handler
         * is per thread); the error still reaches err. */
        xmlGenericErrorFunc old = xmlGenericError;
        void *old_ctx = xmlGenericErrorContext;
        xmlSetGenericErrorFunc(NULL, xml_quiet);
        if (!xml_decl && looks_html(data, len, content_type))
            st = parse_html(&b, data, len);
        else
            st = parse_xml(&b, data, len, err, errlen);
        xmlSetGenericErrorFunc(old_ctx, old);
    } else if (!parse_urls(&b, data + i, len - i)) {
        st = att_seterr(err, errlen, ATT_ERR_FORMAT, "not a feed, sitemap, URL list or HTML page");
    } else {
        out->kind = ATT_FEED_URLS;
    }
    free(b.seen);
    if (st == ATT_OK && b.nomem)
        st = ATT_ERR_NOMEM;
    return st;
}

void att_feed_free(att_feed *f)
{
    for (size_t i = 0; i < f->n_items; i++) {
        free(f->items[i].url);
        free(f->items[i].title);
        free(f->items[i].date);
    }
    free(f->items);
    for (size_t i = 0; i < f->n_feeds; i++)
        free(f->feeds[i]);
    free(f->feeds);
    memset(f, 0, sizeof *f);
}

const char *att_feed_kind_str(att_feed_kind k)
{
    static const char *const names[] = {"unknown", "rss", "rdf", "atom", "sitemap", "sitemapindex", "urls", "html"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}
