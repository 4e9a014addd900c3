/*
 * report.h - the analyst report: one self-contained HTML document with the
 * charts drawn as inline SVG by this module.
 *
 * The data comes from the database (filled in by the caller); this module
 * only renders.  Every pointer in these structs is borrowed: the renderer
 * reads it during the call and keeps nothing.  Any const char * may be NULL
 * (shown as empty, or as a dash in tables); the fixed char arrays must be
 * NUL-terminated.  All strings are UTF-8.
 *
 * Output contract for att_report_html():
 *   - one document: <!DOCTYPE html>, <meta charset="utf-8">, one <html>;
 *   - nothing is fetched: CSS inline in <style>, charts inline <svg> (no
 *     xmlns attribute: the HTML parser puts <svg> in the SVG namespace), no
 *     scripts, fonts, images or stylesheets; the only URLs in the document
 *     are the evidence/quote/commitment sources the caller gave, shown as
 *     links (only http:// and https:// sources become links, anything else
 *     - a file path - is shown as text);
 *   - every caller string is HTML-escaped (& < > " ' ), ASCII control
 *     characters other than tab/newline are dropped;
 *   - sections, in this order, each with an <h2>: "Alerts" (highest score
 *     first), "Watched dyads" (one timeline chart per series), "Most active
 *     dyads", "Top stories", "Commitments", "Top quotations".  Dyads,
 *     stories, commitments and quotations are shown in the order given (the
 *     caller ranks and limits them).  An empty section shows one line such
 *     as "No alerts in this period." instead of an empty table.
 *
 * Dates ("2024-03-04", optionally followed by "T10:15..." or " 10:15") are
 * shown as "4 Mar 2024"; strings that do not parse are shown as given.
 * Errors: ATT_ERR_NOMEM (the buffer then holds a partial document).
 */
#ifndef ATT_REPORT_H
#define ATT_REPORT_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/status.h"

/* One period of a series.  quad[k] counts events of QuadClass k+1:
 * 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
 * 4 material conflict.  goldstein_mean / tone_mean are ignored for periods
 * with no events (n_events == 0 and all quad[] == 0). */
typedef struct att_report_point {
    char period[11]; /* "2024-03-01": first day of the day/week/month */
    int n_events;
    int quad[4];
    double goldstein_mean; /* -10 .. +10; clamped when drawn, NaN = no line point */
    double tone_mean;
    int n_stories;
} att_report_point;

typedef struct att_report_series {
    char a[16], b[16];           /* actor codes, "USA", "CHN" */
    char a_name[64], b_name[64]; /* display names, "Mỹ", "Trung Quốc" (fall back to codes) */
    const char *by;              /* "day" | "week" | "month" (NULL: "week") */
    const att_report_point *pts; /* oldest first */
    size_t n;
} att_report_series;

typedef struct att_report_dyad {
    char a[16], b[16];
    char a_name[64], b_name[64];
    int n_events;
    int conflict;           /* events of QuadClass 3 or 4 */
    double goldstein_mean;
    double goldstein_trend; /* change vs previous period */
} att_report_dyad;

typedef struct att_report_evidence {
    const char *date;
    const char *sentence;
    const char *source; /* URL or file */
} att_report_evidence;

typedef struct att_report_alert {
    const char *kind;   /* dyad_shift | story_burst (others shown as given) */
    const char *actors; /* "USA–CHN"; matched against series/dyad codes to show names */
    const char *date;
    double score;
    const char *summary;
    const att_report_evidence *ev;
    size_t n_ev;
} att_report_alert;

typedef struct att_report_story {
    const char *title;
    int n_articles, n_sources;
    const char *first_seen, *last_seen;
    const char *actors;
} att_report_story;

typedef struct att_report_commitment {
    const char *who, *to_whom, *what, *promised;
    const char *status; /* open | implemented | delayed | reversed */
    const char *evidence; /* a sentence, or a URL (then shown as a link) */
} att_report_commitment;

typedef struct att_report_quote {
    const char *speaker, *quote, *date, *source;
} att_report_quote;

typedef struct att_report {
    const char *title, *from, *to, *generated_at; /* may be NULL */
    const att_report_series *series;
    size_t n_series;
    const att_report_dyad *dyads;
    size_t n_dyads;
    const att_report_alert *alerts;
    size_t n_alerts;
    const att_report_story *stories;
    size_t n_stories;
    const att_report_commitment *commitments;
    size_t n_commitments;
    const att_report_quote *quotes;
    size_t n_quotes;
    size_t n_articles, n_events;
} att_report;

/* Render the whole report as one HTML document into out (appended).
 * ATT_ERR_NOMEM. */
att_status att_report_html(const att_report *r, att_buf *out);

/* The chart of one series as an inline <svg> (appended to out): title from
 * the names ("Mỹ – Trung Quốc"), a one-line summary, a legend, stacked bars
 * of events per period by QuadClass (one <rect class="qK"> per non-zero
 * segment; each period is a <g> with a <title> tooltip), mean Goldstein as
 * one <path class="gs"> on a secondary -10..+10 axis with a zero line
 * (broken at periods without events; a dot per period when there are few),
 * and period labels (<text class="xl">) thinned so they never overlap.
 * 0 points draws the empty frame with "No events in this period".
 * Meant to be inlined in HTML (no xmlns).  ATT_ERR_NOMEM. */
att_status att_report_svg_timeline(const att_report_series *s, att_buf *out);

/* Helpers shared by the renderer files, usable by callers too. */

/* Append s HTML-escaped (& < > " ' as entities; ASCII controls other than
 * tab and newline dropped).  NULL appends nothing. */
att_status att_report_escape(att_buf *out, const char *s);

/* Format an ISO date "YYYY-MM-DD[...]" as "4 Mar 2024" (with_year) or
 * "4 Mar"; a time "THH:MM" or " HH:MM" after the date is kept ("4 Mar 2024,
 * 10:15") when with_year.  Returns 1 when the date parsed, 0 when dst got
 * the input copied as is (truncated to fit).  dst is always terminated. */
int att_report_fmt_date(const char *iso, int with_year, char *dst, size_t dstlen);

/* 1234567 -> "1,234,567" (negative numbers with "-"). */
void att_report_fmt_int(long long v, char *dst, size_t dstlen);

/* v with `decimals` digits and a sign: "+1.4", "−2.0" (U+2212 minus),
 * "0.0"; non-finite values give an en dash "–". */
void att_report_fmt_signed(double v, int decimals, char *dst, size_t dstlen);

#endif
