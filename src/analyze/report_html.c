/* report_html.c - the analyst report as one self-contained HTML document;
 * see report.h.  The timeline charts come from report_svg.c. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TRY(x)                         \
    do {                               \
        if ((x) != ATT_OK)             \
            return ATT_ERR_NOMEM;      \
    } while (0)

#define FONT_STACK "\"Segoe UI\",Roboto,\"Noto Sans\",\"Helvetica Neue\",Arial,\"DejaVu Sans\",sans-serif"
#define NDASH "\xe2\x80\x93"
#define MDOT "\xc2\xb7"

static const char *const css[] = {
    ":root{--ink:#1b2330;--muted:#5b6372;--faint:#8a91a0;--line:#e3e6eb;--bg:#f3f4f6;"
    "--card:#fff;--accent:#1f4e79;--coop:#2b7bba;--conf:#d63a2f}\n",
    "*{box-sizing:border-box}\n",
    "html{-webkit-text-size-adjust:100%}\n",
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 " FONT_STACK ";"
    "font-variant-numeric:tabular-nums}\n",
    ".wrap{max-width:1320px;margin:0 auto;padding:0 28px}\n",
    "header.top{background:#15273f;color:#fff;padding:22px 0 20px}\n",
    ".eyebrow{font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:#9fb3c8;font-weight:600}\n",
    "header.top h1{margin:4px 0 4px;font-size:27px;line-height:1.25;font-weight:650;letter-spacing:-.005em}\n",
    ".period{color:#d3dce6;font-size:15px}\n",
    ".period b{color:#fff;font-weight:600}\n",
    ".kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:18px 0 6px}\n",
    ".kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 16px}\n",
    ".kpi .v{font-size:24px;font-weight:650;line-height:1.2;color:var(--ink)}\n",
    ".kpi .l{font-size:12.5px;color:var(--muted)}\n",
    ".kpi.hot .v{color:#b42318}\n",
    "nav.toc{display:flex;flex-wrap:wrap;gap:6px 18px;margin:10px 0 0;font-size:13.5px}\n",
    "nav.toc a{color:var(--accent);text-decoration:none}\n",
    "nav.toc a:hover{text-decoration:underline}\n",
    "nav.toc .n{color:var(--faint)}\n",
    "section{margin:26px 0 30px}\n",
    "h2{font-size:20px;line-height:1.3;margin:0 0 4px;font-weight:650}\n",
    ".lead{color:var(--muted);font-size:13.5px;margin:0 0 12px}\n",
    ".empty{color:var(--muted);font-style:italic;background:var(--card);border:1px dashed #d3d7de;"
    "border-radius:10px;padding:12px 18px;margin:8px 0 0}\n",
    ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "box-shadow:0 1px 2px rgba(16,24,40,.05)}\n",
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:14px}\n",
    "@media (max-width:560px){.grid{grid-template-columns:1fr}.wrap{padding:0 14px}}\n",
    ".alert{padding:14px 18px 12px;border-left:5px solid #c2410c}\n",
    ".alert.k-burst{border-left-color:#2563a8}\n",
    ".ahead{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px}\n",
    ".actors{font-weight:650;font-size:16.5px}\n",
    ".codes{color:var(--faint);font-weight:500;font-size:12.5px;margin-left:4px}\n",
    ".when{color:var(--muted);font-size:13.5px}\n",
    ".score{margin-left:auto;font-size:12.5px;color:var(--muted);white-space:nowrap}\n",
    ".score b{color:var(--ink);font-size:15px}\n",
    ".summary{margin:6px 0 8px}\n",
    "ul.ev{list-style:none;margin:0;padding:0;border-top:1px solid var(--line)}\n",
    "ul.ev li{padding:7px 0 6px;border-bottom:1px solid #f0f1f4;font-size:14px;color:#2d3440}\n",
    "ul.ev li:last-child{border-bottom:0}\n",
    ".evd{color:var(--muted);font-size:12.5px;margin-right:6px;white-space:nowrap}\n",
    "a.src,span.src{font-size:12.5px;color:var(--accent);white-space:nowrap;margin-left:4px}\n",
    "span.src{color:var(--muted);font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:12px}\n",
    "a.src{text-decoration:none;border-bottom:1px solid #b9c8da}\n",
    "a.src:hover{border-bottom-color:var(--accent)}\n",
    ".badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;"
    "line-height:1.6;white-space:nowrap;background:#eceff3;color:#3f4754}\n",
    ".badge.kind{background:#fdeee4;color:#9a3412}\n",
    ".badge.kind.k-burst{background:#e6eef8;color:#1d4f86}\n",
    ".s-open{background:#e6edf8;color:#27487e}\n",
    ".s-implemented{background:#e2f3e8;color:#1c6436}\n",
    ".s-delayed{background:#fdf0d8;color:#84510a}\n",
    ".s-reversed{background:#fbe3e0;color:#a3261b}\n",
    ".chart{padding:16px 20px 8px;margin:0 0 14px}\n",
    ".chart svg{display:block;width:100%;height:auto}\n",
    "table{width:100%;border-collapse:collapse}\n",
    ".tbl{overflow-x:auto}\n",
    "th{text-align:left;font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;"
    "letter-spacing:.04em;padding:10px 14px;border-bottom:1px solid var(--line);background:#fafbfc}\n",
    "td{padding:10px 14px;border-bottom:1px solid #eef0f3;vertical-align:top}\n",
    "tr:last-child td{border-bottom:0}\n",
    "th.num,td.num{text-align:right;white-space:nowrap}\n",
    "td.rk{color:var(--faint);width:2.5em}\n",
    "td.nw{white-space:nowrap}\n",
    "td.who{min-width:9em}\n",
    ".sub{display:block;color:var(--faint);font-size:12.5px}\n",
    ".mbar{display:inline-block;vertical-align:middle;width:90px;height:8px;background:#edf0f3;"
    "border-radius:4px;margin-left:10px;overflow:hidden}\n",
    ".mbar i{display:block;height:100%;background:#7f93ab;border-radius:4px}\n",
    ".mbar.cf i{background:#e07a5f}\n",
    ".gbar{display:inline-block;vertical-align:middle;position:relative;width:110px;height:10px;"
    "background:#f1f3f5;border-radius:3px;margin-left:10px}\n",
    ".gbar:after{content:\"\";position:absolute;left:50%;top:-2px;bottom:-2px;border-left:1px solid #8a91a0}\n",
    ".gbar i{position:absolute;top:0;bottom:0;border-radius:2px}\n",
    ".gbar i.p{left:50%;background:var(--coop)}\n",
    ".gbar i.n{right:50%;background:var(--conf)}\n",
    ".up{color:#1c6c3a}.down{color:#b42318}.flat{color:var(--faint)}\n",
    ".tr{font-weight:600;white-space:nowrap}\n",
    ".what{max-width:42em}\n",
    ".evq{color:#4a5160;font-size:13.5px;font-style:italic}\n",
    "figure.quote{margin:0;padding:16px 20px 12px;display:flex;flex-direction:column}\n",
    "figure.quote blockquote{margin:0 0 10px;padding:0 0 0 16px;border-left:3px solid #c9d3df;"
    "font-size:16px;line-height:1.55;color:#1f2733;flex:1}\n",
    "figure.quote figcaption{font-size:13px;color:var(--muted)}\n",
    "figure.quote figcaption b{color:var(--ink)}\n",
    "footer{border-top:1px solid var(--line);margin-top:34px;padding:16px 0 30px;color:var(--muted);"
    "font-size:13px}\n",
    "footer p{margin:0 0 6px;max-width:72em}\n",
    "@media print{body{background:#fff}header.top{background:#fff;color:#000;border-bottom:2px solid #000}"
    ".eyebrow,.period{color:#333}.card,.kpi{box-shadow:none;break-inside:avoid}nav.toc{display:none}}\n",
};

/* ---- small helpers ---------------------------------------------------- */

static const char *nz(const char *s) { return s ? s : ""; }

static att_status put_date(att_buf *o, const char *iso)
{
    char d[96];
    att_report_fmt_date(iso, 1, d, sizeof d);
    return att_report_escape(o, d);
}

static att_status put_int(att_buf *o, long long v)
{
    char num[32];
    att_report_fmt_int(v, num, sizeof num);
    return att_buf_puts(o, num);
}

static int is_url(const char *s)
{
    return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8));
}

/* A source: an http(s) URL becomes a link showing its host; anything else
 * (a file) is shown as its last path component. */
static att_status put_source(att_buf *o, const char *src)
{
    if (!src || !src[0])
        return ATT_OK;
    if (is_url(src)) {
        const char *h = strstr(src, "://") + 3;
        size_t hl = strcspn(h, "/?#");
        if (hl > 4 && !strncasecmp(h, "www.", 4)) {
            h += 4;
            hl -= 4;
        }
        char host[256];
        if (hl >= sizeof host)
            hl = sizeof host - 1;
        memcpy(host, h, hl);
        host[hl] = '\0';
        TRY(att_buf_puts(o, "<a class=\"src\" href=\""));
        TRY(att_report_escape(o, src));
        TRY(att_buf_puts(o, "\" rel=\"noopener noreferrer\">"));
        TRY(att_report_escape(o, hl ? host : "source"));
        return att_buf_puts(o, " \xe2\x86\x97</a>"); /* ↗ */
    }
    const char *base = strrchr(src, '/');
    base = base && base[1] ? base + 1 : src;
    TRY(att_buf_puts(o, "<span class=\"src\">"));
    TRY(att_report_escape(o, base));
    return att_buf_puts(o, "</span>");
}

static att_status put_empty(att_buf *o, const char *msg)
{
    TRY(att_buf_puts(o, "<p class=\"empty\">"));
    TRY(att_report_escape(o, msg));
    return att_buf_puts(o, "</p>\n");
}

/* "Mỹ – Trung Quốc" from names, falling back to codes. */
static att_status put_pair(att_buf *o, const char *a, const char *an, const char *b, const char *bn)
{
    TRY(att_report_escape(o, an && an[0] ? an : a));
    TRY(att_buf_puts(o, " " NDASH " "));
    return att_report_escape(o, bn && bn[0] ? bn : b);
}

/* ---- header ------------------------------------------------------------ */

static att_status put_kpi(att_buf *o, long long v, const char *label, int hot)
{
    TRY(att_buf_printf(o, "<div class=\"kpi%s\"><div class=\"v\">", hot ? " hot" : ""));
    TRY(put_int(o, v));
    TRY(att_buf_printf(o, "</div><div class=\"l\">%s</div></div>\n", label));
    return ATT_OK;
}

static att_status put_head(att_buf *o, const att_report *r)
{
    const char *title = r->title && r->title[0] ? r->title : "International affairs report";
    TRY(att_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"attache\">\n<title>"));
    TRY(att_report_escape(o, title));
    if (r->from || r->to) {
        TRY(att_buf_puts(o, " " MDOT " "));
        if (r->from)
            TRY(put_date(o, r->from));
        TRY(att_buf_puts(o, " " NDASH " "));
        if (r->to)
            TRY(put_date(o, r->to));
    }
    TRY(att_buf_puts(o, "</title>\n<style>\n"));
    for (size_t i = 0; i < sizeof css / sizeof css[0]; i++)
        TRY(att_buf_puts(o, css[i]));
    TRY(att_buf_puts(o, "</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"wrap\">\n"
                        "<div class=\"eyebrow\">Attach\xc3\xa9 " MDOT " Vietnamese-language press monitor</div>\n<h1>"));
    TRY(att_report_escape(o, title));
    TRY(att_buf_puts(o, "</h1>\n<div class=\"period\">"));
    if (r->from && r->to) {
        TRY(att_buf_puts(o, "Period <b>"));
        TRY(put_date(o, r->from));
        TRY(att_buf_puts(o, "</b> " NDASH " <b>"));
        TRY(put_date(o, r->to));
        TRY(att_buf_puts(o, "</b>"));
    } else if (r->from) {
        TRY(att_buf_puts(o, "Since <b>"));
        TRY(put_date(o, r->from));
        TRY(att_buf_puts(o, "</b>"));
    } else if (r->to) {
        TRY(att_buf_puts(o, "Until <b>"));
        TRY(put_date(o, r->to));
        TRY(att_buf_puts(o, "</b>"));
    } else {
        TRY(att_buf_puts(o, "All dates"));
    }
    if (r->generated_at) {
        TRY(att_buf_puts(o, " &nbsp;" MDOT "&nbsp; generated "));
        TRY(put_date(o, r->generated_at));
    }
    TRY(att_buf_puts(o, "</div>\n</div></header>\n<main class=\"wrap\">\n<div class=\"kpis\">\n"));
    TRY(put_kpi(o, (long long)r->n_articles, "articles read", 0));
    TRY(put_kpi(o, (long long)r->n_events, "events coded", 0));
    TRY(put_kpi(o, (long long)r->n_alerts, r->n_alerts == 1 ? "alert" : "alerts", r->n_alerts > 0));
    TRY(put_kpi(o, (long long)r->n_series, "watched dyads", 0));
    TRY(put_kpi(o, (long long)r->n_stories, "top stories", 0));
    TRY(put_kpi(o, (long long)r->n_commitments, "commitments", 0));
    TRY(att_buf_puts(o, "</div>\n<nav class=\"toc\">"));
    static const char *const toc[][2] = {{"alerts", "Alerts"},           {"watched", "Watched dyads"},
                                         {"active", "Most active dyads"}, {"stories", "Top stories"},
                                         {"commitments", "Commitments"}, {"quotes", "Top quotations"}};
    size_t counts[6] = {r->n_alerts, r->n_series, r->n_dyads, r->n_stories, r->n_commitments, r->n_quotes};
    for (size_t i = 0; i < 6; i++)
        TRY(att_buf_printf(o, "<a href=\"#%s\">%s <span class=\"n\">%zu</span></a>", toc[i][0], toc[i][1],
                           counts[i]));
    return att_buf_puts(o, "</nav>\n");
}

/* ---- alerts ------------------------------------------------------------ */

/* Split "USA–CHN" (en dash, hyphen, slash or space between) into codes. */
static int split_actors(const char *s, char *a, size_t an, char *b, size_t bn)
{
    static const char *const seps[] = {"\xe2\x80\x93", "\xe2\x80\x94", " - ", "-", "/", " "};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        const char *p = strstr(s, seps[k]);
        if (!p || p == s)
            continue;
        size_t la = (size_t)(p - s);
        const char *q = p + strlen(seps[k]);
        while (*q == ' ')
            q++;
        while (la > 0 && s[la - 1] == ' ')
            la--;
        size_t lb = strlen(q);
        while (lb > 0 && q[lb - 1] == ' ')
            lb--;
        if (!la || !lb || la >= an || lb >= bn)
            return 0;
        memcpy(a, s, la);
        a[la] = '\0';
        memcpy(b, q, lb);
        b[lb] = '\0';
        return 1;
    }
    return 0;
}

/* Names for the two codes from the watched series or the dyad table. */
static const char *name_of(const att_report *r, const char *code)
{
    for (size_t i = 0; i < r->n_series; i++) {
        if (!strcmp(r->series[i].a, code) && r->series[i].a_name[0])
            return r->series[i].a_name;
        if (!strcmp(r->series[i].b, code) && r->series[i].b_name[0])
            return r->series[i].b_name;
    }
    for (size_t i = 0; i < r->n_dyads; i++) {
        if (!strcmp(r->dyads[i].a, code) && r->dyads[i].a_name[0])
            return r->dyads[i].a_name;
        if (!strcmp(r->dyads[i].b, code) && r->dyads[i].b_name[0])
            return r->dyads[i].b_name;
    }
    return NULL;
}

static att_status put_actors(att_buf *o, const att_report *r, const char *actors)
{
    char a[64], b[64];
    if (actors && split_actors(actors, a, sizeof a, b, sizeof b)) {
        const char *an = name_of(r, a), *bn = name_of(r, b);
        if (an || bn) {
            TRY(att_buf_puts(o, "<span class=\"actors\">"));
            TRY(put_pair(o, a, an, b, bn));
            TRY(att_buf_puts(o, "<span class=\"codes\">"));
            TRY(att_report_escape(o, actors));
            return att_buf_puts(o, "</span></span>");
        }
    }
    TRY(att_buf_puts(o, "<span class=\"actors\">"));
    TRY(att_report_escape(o, actors && actors[0] ? actors : NDASH));
    return att_buf_puts(o, "</span>");
}

static att_status put_alert(att_buf *o, const att_report *r, const att_report_alert *al)
{
    const char *kind = nz(al->kind);
    int burst = !strcmp(kind, "story_burst");
    const char *label = !strcmp(kind, "dyad_shift") ? "Relation shift" : burst ? "Story burst" : kind;
    TRY(att_buf_printf(o, "<article class=\"card alert%s\">\n<div class=\"ahead\">", burst ? " k-burst" : ""));
    TRY(att_buf_printf(o, "<span class=\"badge kind%s\">", burst ? " k-burst" : ""));
    TRY(att_report_escape(o, label[0] ? label : "Alert"));
    TRY(att_buf_puts(o, "</span>"));
    TRY(put_actors(o, r, al->actors));
    if (al->date && al->date[0]) {
        TRY(att_buf_puts(o, "<span class=\"when\">"));
        TRY(put_date(o, al->date));
        TRY(att_buf_puts(o, "</span>"));
    }
    if (isfinite(al->score))
        TRY(att_buf_printf(o, "<span class=\"score\" title=\"alert score\">score <b>%.1f</b></span>", al->score));
    TRY(att_buf_puts(o, "</div>\n"));
    if (al->summary && al->summary[0]) {
        TRY(att_buf_puts(o, "<p class=\"summary\">"));
        TRY(att_report_escape(o, al->summary));
        TRY(att_buf_puts(o, "</p>\n"));
    }
    if (al->ev && al->n_ev) {
        TRY(att_buf_puts(o, "<ul class=\"ev\">\n"));
        for (size_t i = 0; i < al->n_ev; i++) {
            const att_report_evidence *e = &al->ev[i];
            TRY(att_buf_puts(o, "<li>"));
            if (e->date && e->date[0]) {
                TRY(att_buf_puts(o, "<span class=\"evd\">"));
                TRY(put_date(o, e->date));
                TRY(att_buf_puts(o, "</span>"));
            }
            if (e->sentence && e->sentence[0]) {
                TRY(att_buf_puts(o, "\xe2\x80\x9c"));
                TRY(att_report_escape(o, e->sentence));
                TRY(att_buf_puts(o, "\xe2\x80\x9d"));
            }
            TRY(put_source(o, e->source));
            TRY(att_buf_puts(o, "</li>\n"));
        }
        TRY(att_buf_puts(o, "</ul>\n"));
    }
    return att_buf_puts(o, "</article>\n");
}

static double score_key(const att_report_alert *a) { return isfinite(a->score) ? a->score : -INFINITY; }

static att_status put_alerts(att_buf *o, const att_report *r)
{
    TRY(att_buf_puts(o, "<section id=\"alerts\">\n<h2>Alerts</h2>\n"));
    if (!r->alerts || !r->n_alerts) {
        TRY(put_empty(o, "No alerts in this period."));
        return att_buf_puts(o, "</section>\n");
    }
    TRY(att_buf_puts(o, "<p class=\"lead\">What to read first: sudden shifts in a relationship and bursts of "
                        "coverage, highest score first, with the sentences that triggered them.</p>\n"
                        "<div class=\"grid\">\n"));
    /* Highest score first; stable (insertion sort on an index array). */
    size_t n = r->n_alerts;
    size_t *ord = malloc(n * sizeof *ord);
    if (!ord)
        return ATT_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && score_key(&r->alerts[ord[j - 1]]) < score_key(&r->alerts[i])) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = i;
    }
    att_status st = ATT_OK;
    for (size_t i = 0; i < n && st == ATT_OK; i++)
        st = put_alert(o, r, &r->alerts[ord[i]]);
    free(ord);
    TRY(st);
    return att_buf_puts(o, "</div>\n</section>\n");
}

/* ---- watched dyads ----------------------------------------------------- */

static att_status put_watched(att_buf *o, const att_report *r)
{
    TRY(att_buf_puts(o, "<section id=\"watched\">\n<h2>Watched dyads</h2>\n"));
    if (!r->series || !r->n_series) {
        TRY(put_empty(o, "No watched dyads in this period."));
        return att_buf_puts(o, "</section>\n");
    }
    TRY(att_buf_puts(o, "<p class=\"lead\">Events per period by CAMEO QuadClass (bars, left axis) and mean "
                        "Goldstein score (line, right axis: \xe2\x88\x92" "10 most conflictual, +10 most "
                        "cooperative).</p>\n"));
    for (size_t i = 0; i < r->n_series; i++) {
        TRY(att_buf_puts(o, "<div class=\"card chart\">\n"));
        TRY(att_report_svg_timeline(&r->series[i], o));
        TRY(att_buf_puts(o, "</div>\n"));
    }
    return att_buf_puts(o, "</section>\n");
}

/* ---- most active dyads ------------------------------------------------- */

static att_status put_dyads(att_buf *o, const att_report *r)
{
    TRY(att_buf_puts(o, "<section id=\"active\">\n<h2>Most active dyads</h2>\n"));
    if (!r->dyads || !r->n_dyads) {
        TRY(put_empty(o, "No dyad activity in this period."));
        return att_buf_puts(o, "</section>\n");
    }
    int max = 1;
    for (size_t i = 0; i < r->n_dyads; i++)
        if (r->dyads[i].n_events > max)
            max = r->dyads[i].n_events;
    TRY(att_buf_puts(o, "<div class=\"card tbl\"><table>\n<thead><tr><th></th><th>Dyad</th>"
                        "<th class=\"num\">Events</th><th class=\"num\">Conflict share</th>"
                        "<th class=\"num\">Mean Goldstein</th>"
                        "<th class=\"num\" title=\"change in mean Goldstein vs the previous period\">"
                        "Trend</th></tr></thead>\n<tbody>\n"));
    char num[48];
    for (size_t i = 0; i < r->n_dyads; i++) {
        const att_report_dyad *d = &r->dyads[i];
        int ev = d->n_events > 0 ? d->n_events : 0;
        TRY(att_buf_printf(o, "<tr><td class=\"rk\">%zu</td><td>", i + 1));
        TRY(put_pair(o, d->a, d->a_name, d->b, d->b_name));
        TRY(att_buf_puts(o, "<span class=\"sub\">"));
        TRY(att_report_escape(o, d->a));
        TRY(att_buf_puts(o, NDASH));
        TRY(att_report_escape(o, d->b));
        TRY(att_buf_puts(o, "</span></td><td class=\"num\">"));
        TRY(put_int(o, ev));
        TRY(att_buf_printf(o, "<span class=\"mbar\"><i style=\"width:%.1f%%\"></i></span></td>",
                           100.0 * ev / max));
        TRY(att_buf_puts(o, "<td class=\"num\">"));
        if (ev > 0) {
            double share = (double)(d->conflict > 0 ? d->conflict : 0) / ev;
            if (share > 1)
                share = 1;
            TRY(att_buf_printf(o, "%.0f%%<span class=\"mbar cf\"><i style=\"width:%.1f%%\"></i></span>",
                               100 * share, 100 * share));
        } else {
            TRY(att_buf_puts(o, NDASH));
        }
        TRY(att_buf_puts(o, "</td><td class=\"num\">"));
        if (ev > 0 && isfinite(d->goldstein_mean)) {
            double g = d->goldstein_mean < -10 ? -10 : d->goldstein_mean > 10 ? 10 : d->goldstein_mean;
            att_report_fmt_signed(g, 1, num, sizeof num);
            TRY(att_buf_printf(o, "%s<span class=\"gbar\"><i class=\"%s\" style=\"width:%.1f%%\"></i></span>",
                               num, g < 0 ? "n" : "p", fabs(g) * 5.0));
        } else {
            TRY(att_buf_puts(o, NDASH));
        }
        TRY(att_buf_puts(o, "</td><td class=\"num\">"));
        double t = d->goldstein_trend;
        if (!isfinite(t)) {
            TRY(att_buf_puts(o, "<span class=\"flat\">" NDASH "</span>"));
        } else {
            att_report_fmt_signed(t, 1, num, sizeof num);
            const char *cls = t >= 0.05 ? "up" : t <= -0.05 ? "down" : "flat";
            const char *arrow = t >= 0.05 ? "\xe2\x96\xb2" : t <= -0.05 ? "\xe2\x96\xbc" : "\xe2\x96\xac";
            const char *tip = t >= 0.05 ? "more cooperative than the previous period"
                              : t <= -0.05 ? "more conflictual than the previous period"
                                           : "about the same as the previous period";
            TRY(att_buf_printf(o, "<span class=\"tr %s\" title=\"%s\">%s %s</span>", cls, tip, arrow, num));
        }
        TRY(att_buf_puts(o, "</td></tr>\n"));
    }
    return att_buf_puts(o, "</tbody></table></div>\n</section>\n");
}

/* ---- top stories ------------------------------------------------------- */

static att_status put_stories(att_buf *o, const att_report *r)
{
    TRY(att_buf_puts(o, "<section id=\"stories\">\n<h2>Top stories</h2>\n"));
    if (!r->stories || !r->n_stories) {
        TRY(put_empty(o, "No stories in this period."));
        return att_buf_puts(o, "</section>\n");
    }
    TRY(att_buf_puts(o, "<div class=\"card tbl\"><table>\n<thead><tr><th></th><th>Story</th>"
                        "<th class=\"num\">Articles</th><th class=\"num\">Sources</th>"
                        "<th>First seen</th><th>Last seen</th></tr></thead>\n<tbody>\n"));
    for (size_t i = 0; i < r->n_stories; i++) {
        const att_report_story *s = &r->stories[i];
        TRY(att_buf_printf(o, "<tr><td class=\"rk\">%zu</td><td>", i + 1));
        TRY(att_report_escape(o, s->title && s->title[0] ? s->title : "(untitled)"));
        if (s->actors && s->actors[0]) {
            TRY(att_buf_puts(o, "<span class=\"sub\">"));
            TRY(att_report_escape(o, s->actors));
            TRY(att_buf_puts(o, "</span>"));
        }
        TRY(att_buf_puts(o, "</td><td class=\"num\">"));
        TRY(put_int(o, s->n_articles));
        TRY(att_buf_puts(o, "</td><td class=\"num\">"));
        TRY(put_int(o, s->n_sources));
        TRY(att_buf_puts(o, "</td><td class=\"nw\">"));
        TRY(s->first_seen ? put_date(o, s->first_seen) : att_buf_puts(o, NDASH));
        TRY(att_buf_puts(o, "</td><td class=\"nw\">"));
        TRY(s->last_seen ? put_date(o, s->last_seen) : att_buf_puts(o, NDASH));
        TRY(att_buf_puts(o, "</td></tr>\n"));
    }
    return att_buf_puts(o, "</tbody></table></div>\n</section>\n");
}

/* ---- commitments ------------------------------------------------------- */

static const char *status_class(const char *s)
{
    static const char *const known[] = {"open", "implemented", "delayed", "reversed"};
    for (size_t i = 0; i < 4; i++)
        if (s && !strcmp(s, known[i]))
            return known[i];
    return NULL;
}

static att_status put_commitments(att_buf *o, const att_report *r)
{
    TRY(att_buf_puts(o, "<section id=\"commitments\">\n<h2>Commitments</h2>\n"));
    if (!r->commitments || !r->n_commitments) {
        TRY(put_empty(o, "No commitments tracked in this period."));
        return att_buf_puts(o, "</section>\n");
    }
    TRY(att_buf_puts(o, "<div class=\"card tbl\"><table>\n<thead><tr><th>Who</th><th>Commitment</th>"
                        "<th>Promised</th><th>Status</th><th>Evidence</th></tr></thead>\n<tbody>\n"));
    for (size_t i = 0; i < r->n_commitments; i++) {
        const att_report_commitment *c = &r->commitments[i];
        TRY(att_buf_puts(o, "<tr><td class=\"who\">"));
        TRY(att_report_escape(o, c->who && c->who[0] ? c->who : NDASH));
        if (c->to_whom && c->to_whom[0]) {
            TRY(att_buf_puts(o, "<span class=\"sub\">to "));
            TRY(att_report_escape(o, c->to_whom));
            TRY(att_buf_puts(o, "</span>"));
        }
        TRY(att_buf_puts(o, "</td><td class=\"what\">"));
        TRY(att_report_escape(o, nz(c->what)));
        TRY(att_buf_puts(o, "</td><td class=\"nw\">"));
        TRY(c->promised && c->promised[0] ? put_date(o, c->promised) : att_buf_puts(o, NDASH));
        TRY(att_buf_puts(o, "</td><td>"));
        const char *sc = status_class(c->status);
        TRY(att_buf_printf(o, "<span class=\"badge%s%s\">", sc ? " s-" : "", sc ? sc : ""));
        TRY(att_report_escape(o, c->status && c->status[0] ? c->status : "unknown"));
        TRY(att_buf_puts(o, "</span></td><td>"));
        if (is_url(c->evidence)) {
            TRY(put_source(o, c->evidence));
        } else if (c->evidence && c->evidence[0]) {
            TRY(att_buf_puts(o, "<span class=\"evq\">"));
            TRY(att_report_escape(o, c->evidence));
            TRY(att_buf_puts(o, "</span>"));
        }
        TRY(att_buf_puts(o, "</td></tr>\n"));
    }
    return att_buf_puts(o, "</tbody></table></div>\n</section>\n");
}

/* ---- quotations -------------------------------------------------------- */

static att_status put_quotes(att_buf *o, const att_report *r)
{
    TRY(att_buf_puts(o, "<section id=\"quotes\">\n<h2>Top quotations</h2>\n"));
    if (!r->quotes || !r->n_quotes) {
        TRY(put_empty(o, "No quotations in this period."));
        return att_buf_puts(o, "</section>\n");
    }
    TRY(att_buf_puts(o, "<div class=\"grid\">\n"));
    for (size_t i = 0; i < r->n_quotes; i++) {
        const att_report_quote *q = &r->quotes[i];
        TRY(att_buf_puts(o, "<figure class=\"card quote\"><blockquote>\xe2\x80\x9c"));
        TRY(att_report_escape(o, nz(q->quote)));
        TRY(att_buf_puts(o, "\xe2\x80\x9d</blockquote><figcaption>" "\xe2\x80\x94 <b>"));
        TRY(att_report_escape(o, q->speaker && q->speaker[0] ? q->speaker : "Unattributed"));
        TRY(att_buf_puts(o, "</b>"));
        if (q->date && q->date[0]) {
            TRY(att_buf_puts(o, " " MDOT " "));
            TRY(put_date(o, q->date));
        }
        if (q->source && q->source[0]) {
            TRY(att_buf_puts(o, " " MDOT));
            TRY(put_source(o, q->source));
        }
        TRY(att_buf_puts(o, "</figcaption></figure>\n"));
    }
    return att_buf_puts(o, "</div>\n</section>\n");
}

/* ---- footer ------------------------------------------------------------ */

static att_status put_footer(att_buf *o, const att_report *r)
{
    TRY(att_buf_puts(o, "</main>\n<footer><div class=\"wrap\">\n"
                        "<p><b>How to read this report.</b> Events are coded with CAMEO from Vietnamese-language "
                        "news and grouped in four QuadClasses: verbal cooperation, material cooperation, verbal "
                        "conflict, material conflict. The Goldstein scale weighs each event from \xe2\x88\x92"
                        "10 (most conflictual, e.g. military attack) to +10 (most cooperative, e.g. extending "
                        "military assistance); a dyad's mean is taken over its events. Counts reflect press "
                        "coverage, not the events themselves: check the evidence sentences before citing.</p>\n"
                        "<p>Generated by attache"));
    if (r->generated_at) {
        TRY(att_buf_puts(o, " on "));
        TRY(put_date(o, r->generated_at));
    }
    TRY(att_buf_puts(o, " from "));
    TRY(put_int(o, (long long)r->n_articles));
    TRY(att_buf_printf(o, " article%s and ", r->n_articles == 1 ? "" : "s"));
    TRY(put_int(o, (long long)r->n_events));
    TRY(att_buf_printf(o, " event%s.</p>\n</div></footer>\n</body>\n</html>\n", r->n_events == 1 ? "" : "s"));
    return ATT_OK;
}

att_status att_report_html(const att_report *r, att_buf *out)
{
    static const att_report none;
    if (!r)
        r = &none;
    TRY(put_head(out, r));
    TRY(put_alerts(out, r));
    TRY(put_watched(out, r));
    TRY(put_dyads(out, r));
    TRY(put_stories(out, r));
    TRY(put_commitments(out, r));
    TRY(put_quotes(out, r));
    return put_footer(out, r);
}
