/* report_svg.c - the timeline chart of one dyad series as inline SVG; see
 * report.h.
 *
 * Layout (viewBox units, drawn at about 1:1 in the report's column):
 *   title, summary line, legend      rows at the top
 *   left axis   events per period (4 equal intervals, "nice" step)
 *   right axis  mean Goldstein -10..+10; its ticks fall on the same four
 *               grid lines, so there is a single grid and 0 is the middle line
 *   bottom      period labels, thinned by their estimated width
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define W 1080.0
#define H_FULL 388.0       /* height with data */
#define H_EMPTY 124.0      /* height when there is nothing to draw */
#define ML 60.0            /* plot left */
#define MR 60.0            /* space right of the plot */
#define PT 112.0           /* plot top */
#define PW (W - ML - MR)
#define LABEL_CHAR_W 7.2   /* generous average glyph width at 12px */
#define LABEL_GAP 18.0

static const char *const quad_name[4] = {"verbal cooperation", "material cooperation",
                                         "verbal conflict", "material conflict"};
static const char *const quad_label[4] = {"Verbal cooperation", "Material cooperation",
                                          "Verbal conflict", "Material conflict"};
static const char *const quad_color[4] = {"#8ccfb0", "#2b7bba", "#f6ad5b", "#d63a2f"};
#define GS_COLOR "#4a2f86"

#define TRY(x)                         \
    do {                               \
        if ((x) != ATT_OK)             \
            return ATT_ERR_NOMEM;      \
    } while (0)

static int nonneg(int v) { return v > 0 ? v : 0; }

static long long point_total(const att_report_point *p)
{
    long long t = 0;
    for (int k = 0; k < 4; k++)
        t += nonneg(p->quad[k]);
    return t;
}

static int has_events(const att_report_point *p) { return p->n_events > 0 || point_total(p) > 0; }

static double clamp_gs(double g) { return g < -10 ? -10 : g > 10 ? 10 : g; }

/* Smallest whole step in {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8} x 10^k with
 * 4 * step >= max (max >= 1). */
static long long nice_step(long long max)
{
    static const int tenths[] = {10, 15, 20, 25, 30, 40, 50, 60, 80};
    for (long long p = 1;; p *= 10) {
        for (size_t i = 0; i < sizeof tenths / sizeof tenths[0]; i++) {
            if (p == 1 && tenths[i] % 10)
                continue;
            long long step = tenths[i] * p / 10;
            if (4 * step >= max)
                return step;
        }
        if (p > 100000000000000LL)
            return 10 * p;
    }
}

/* Number of UTF-8 code points in s. */
static size_t u8len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *by_of(const att_report_series *s)
{
    if (s->by && (!strcmp(s->by, "day") || !strcmp(s->by, "month")))
        return s->by;
    return "week";
}

/* Tooltip name of a period: "Week of 4 Mar 2024", "4 Mar 2024", "Mar 2024". */
static void period_long(const char *by, const char *period, char *dst, size_t n)
{
    char d[64];
    int ok = att_report_fmt_date(period, 1, d, sizeof d);
    if (ok && !strcmp(by, "month") && strlen(period) >= 7) {
        char ym[8];
        memcpy(ym, period, 7);
        ym[7] = '\0';
        att_report_fmt_date(ym, 1, d, sizeof d);
        snprintf(dst, n, "%s", d);
    } else if (ok && !strcmp(by, "week")) {
        snprintf(dst, n, "Week of %s", d);
    } else {
        snprintf(dst, n, "%s", d);
    }
}

/* Axis label of a period: first line ("4 Mar", "Mar", or the raw text) and
 * the year (0 when the period does not parse). */
static int period_short(const char *by, const char *period, char *dst, size_t n)
{
    char d[64];
    if (!att_report_fmt_date(period, 0, d, sizeof d)) {
        snprintf(dst, n, "%s", d);
        return 0;
    }
    int year = (period[0] - '0') * 1000 + (period[1] - '0') * 100 + (period[2] - '0') * 10 +
               (period[3] - '0');
    if (!strcmp(by, "month")) {
        const char *sp = strchr(d, ' '); /* "1 Mar" -> "Mar" */
        snprintf(dst, n, "%s", sp ? sp + 1 : d);
    } else {
        snprintf(dst, n, "%s", d);
    }
    return year;
}

static att_status put_text(att_buf *o, double x, double y, const char *anchor, const char *cls,
                           const char *text)
{
    TRY(att_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\"", x, y));
    if (anchor)
        TRY(att_buf_printf(o, " text-anchor=\"%s\"", anchor));
    if (cls)
        TRY(att_buf_printf(o, " class=\"%s\"", cls));
    TRY(att_buf_putc(o, '>'));
    TRY(att_report_escape(o, text));
    return att_buf_puts(o, "</text>\n");
}

static att_status put_title(att_buf *o, const att_report_series *s)
{
    const char *a = s->a_name[0] ? s->a_name : s->a;
    const char *b = s->b_name[0] ? s->b_name : s->b;
    TRY(att_buf_puts(o, "<text x=\"0\" y=\"24\" class=\"tt\">"));
    if (!a[0] && !b[0]) {
        TRY(att_buf_puts(o, "Series"));
    } else {
        TRY(att_report_escape(o, a));
        TRY(att_buf_puts(o, " \xe2\x80\x93 ")); /* en dash */
        TRY(att_report_escape(o, b));
    }
    return att_buf_puts(o, "</text>\n");
}

/* "USA–CHN · weekly, 26 periods · 1,234 events · 18% conflict · mean
 * Goldstein +1.4 · peak 57 (week of 4 Mar 2024)". */
static att_status put_summary(att_buf *o, const att_report_series *s, const char *by)
{
    const size_t n = s->pts ? s->n : 0;
    long long total = 0, conflict = 0, peak = -1;
    size_t peak_i = 0;
    double gsum = 0, gw = 0;
    for (size_t i = 0; i < n; i++) {
        const att_report_point *p = &s->pts[i];
        long long t = point_total(p);
        long long ev = p->n_events > t ? p->n_events : t;
        total += ev;
        conflict += nonneg(p->quad[2]) + nonneg(p->quad[3]);
        if (ev > peak) {
            peak = ev;
            peak_i = i;
        }
        if (ev > 0 && isfinite(p->goldstein_mean)) {
            gsum += clamp_gs(p->goldstein_mean) * (double)ev;
            gw += (double)ev;
        }
    }
    long long qtotal = 0;
    for (size_t i = 0; i < n; i++)
        qtotal += point_total(&s->pts[i]);

    TRY(att_buf_puts(o, "<text x=\"0\" y=\"46\" class=\"st\">"));
    if (s->a[0] || s->b[0]) {
        TRY(att_report_escape(o, s->a));
        TRY(att_buf_puts(o, "\xe2\x80\x93"));
        TRY(att_report_escape(o, s->b));
        TRY(att_buf_puts(o, " \xc2\xb7 "));
    }
    const char *adj = !strcmp(by, "day") ? "daily" : !strcmp(by, "month") ? "monthly" : "weekly";
    char num[48];
    att_report_fmt_int((long long)n, num, sizeof num);
    TRY(att_buf_printf(o, "%s, %s period%s", adj, num, n == 1 ? "" : "s"));
    att_report_fmt_int(total, num, sizeof num);
    TRY(att_buf_printf(o, " \xc2\xb7 %s event%s", num, total == 1 ? "" : "s"));
    if (qtotal > 0)
        TRY(att_buf_printf(o, " \xc2\xb7 %.0f%% conflict", 100.0 * (double)conflict / (double)qtotal));
    if (gw > 0) {
        att_report_fmt_signed(gsum / gw, 1, num, sizeof num);
        TRY(att_buf_printf(o, " \xc2\xb7 mean Goldstein %s", num));
    }
    if (peak > 0 && n > 1) {
        char when[96];
        period_long(by, s->pts[peak_i].period, when, sizeof when);
        if (when[0] >= 'A' && when[0] <= 'Z' && !strncmp(when, "Week", 4))
            when[0] = 'w';
        att_report_fmt_int(peak, num, sizeof num);
        TRY(att_buf_printf(o, " \xc2\xb7 peak %s (", num));
        TRY(att_report_escape(o, when));
        TRY(att_buf_putc(o, ')'));
    }
    return att_buf_puts(o, "</text>\n");
}

static att_status put_legend(att_buf *o)
{
    /* Widths are estimates for 12.5px text; generous so nothing collides. */
    static const double item_w[4] = {168, 176, 138, 150};
    double x = 0, y = 72;
    TRY(att_buf_puts(o, "<g class=\"lg\">\n"));
    for (int k = 0; k < 4; k++) {
        TRY(att_buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>",
                           x, y - 10, quad_color[k]));
        TRY(put_text(o, x + 18, y, NULL, NULL, quad_label[k]));
        x += item_w[k];
    }
    x += 6;
    TRY(att_buf_printf(o,
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" GS_COLOR
                       "\" stroke-width=\"2.5\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#fff\" "
                       "stroke=\"" GS_COLOR "\" stroke-width=\"2\"/>",
                       x, y - 4, x + 24, y - 4, x + 12, y - 4));
    TRY(put_text(o, x + 30, y, NULL, NULL, "Mean Goldstein (right axis)"));
    return att_buf_puts(o, "</g>\n");
}

/* y of Goldstein g in a plot whose bottom is pb. */
static double gs_y(double g, double pb) { return PT + (10.0 - clamp_gs(g)) / 20.0 * (pb - PT); }

att_status att_report_svg_timeline(const att_report_series *s, att_buf *out)
{
    static const att_report_series empty;
    if (!s)
        s = &empty;
    const att_report_point *pts = s->n ? s->pts : NULL;
    size_t n = pts ? s->n : 0;
    const char *by = by_of(s);

    long long max = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        long long t = point_total(&pts[i]);
        if (t > max)
            max = t;
        total += t;
    }
    long long step = nice_step(max > 0 ? max : 4);
    double top = (double)(4 * step);
    double slot = n ? PW / (double)n : PW;
    /* Gaps between bars while there is room; dense series are drawn edge
     * to edge with crisp edges so anti-aliasing does not stripe them. */
    double bw = slot >= 6 ? slot * 0.72 : slot >= 3 ? slot * 0.8 : slot;
    if (bw > 44)
        bw = 44;
    const double h_svg = total > 0 ? H_FULL : H_EMPTY;
    const double pb = h_svg - 50.0;
    const double ph = pb - PT;

    TRY(att_buf_printf(out,
                       "<svg class=\"tl\" viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" role=\"img\" "
                       "preserveAspectRatio=\"xMidYMin meet\" aria-label=\"",
                       W, h_svg));
    {
        const char *a = s->a_name[0] ? s->a_name : s->a;
        const char *b = s->b_name[0] ? s->b_name : s->b;
        TRY(att_buf_puts(out, "Events per period and mean Goldstein, "));
        TRY(att_report_escape(out, a));
        TRY(att_buf_puts(out, " \xe2\x80\x93 "));
        TRY(att_report_escape(out, b));
    }
    TRY(att_buf_puts(out, "\">\n<style>"
                          ".tl text{font:12px \"Segoe UI\",Roboto,\"Noto Sans\",\"Helvetica Neue\",Arial,"
                          "\"DejaVu Sans\",sans-serif;fill:#4a5160}"
                          ".tl .tt{font-size:18px;font-weight:600;fill:#1b2330}"
                          ".tl .st{font-size:13px;fill:#5b6372}"
                          ".tl .lg text{font-size:12.5px;fill:#333a46}"
                          ".tl .gl{fill:" GS_COLOR "}"
                          ".tl .ax{font-size:11px;fill:#7a8190;letter-spacing:.02em}"
                          ".tl .xy{fill:#8a91a0;font-size:11px}"
                          ".tl .em{font-size:14px;fill:#8a91a0}"
                          ".tl .q1{fill:#8ccfb0}.tl .q2{fill:#2b7bba}.tl .q3{fill:#f6ad5b}.tl .q4{fill:#d63a2f}"
                          "</style>\n"));
    TRY(put_title(out, s));
    TRY(put_summary(out, s, by));
    if (total == 0) {
        /* Nothing to draw: a quiet placeholder instead of an empty frame. */
        TRY(att_buf_printf(out,
                           "<rect x=\"0.5\" y=\"62.5\" width=\"%.0f\" height=\"52\" rx=\"8\" fill=\"#f7f8fa\" "
                           "stroke=\"#d3d7de\" stroke-dasharray=\"4 3\"/>\n",
                           W - 1));
        TRY(put_text(out, W / 2, 93, "middle", "em", "No events in this period"));
        return att_buf_puts(out, "</svg>\n");
    }
    TRY(put_legend(out));

    /* Grid: 5 lines shared by both axes; the middle one is Goldstein 0. */
    char num[48];
    for (int t = 0; t <= 4; t++) {
        double y = pb - ph * t / 4.0;
        const char *stroke = t == 0 ? "#9aa1ad" : "#e6e8ec";
        if (t != 2)
            TRY(att_buf_printf(out,
                               "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>\n",
                               ML, y, ML + PW, y, stroke));
        att_report_fmt_int(step * t, num, sizeof num);
        TRY(put_text(out, ML - 8, y + 4, "end", NULL, num));
        static const char *const gl[5] = {"\xe2\x88\x92" "10", "\xe2\x88\x92" "5", "0", "+5", "+10"};
        TRY(put_text(out, ML + PW + 8, y + 4, "start", "gl", gl[t]));
    }
    TRY(put_text(out, ML - 8, PT - 12, "end", "ax", "events"));
    TRY(put_text(out, ML + PW + 8, PT - 12, "start", "ax gl", "Goldstein"));

    /* Bars: one <g> per period with events, one rect per non-zero quad. */
    char tip[160], when[96];
    for (size_t i = 0; i < n; i++) {
        const att_report_point *p = &pts[i];
        long long t = point_total(p);
        if (t <= 0)
            continue;
        double x = ML + slot * (double)i + (slot - bw) / 2;
        period_long(by, p->period, when, sizeof when);
        long long ev = p->n_events > t ? p->n_events : t;
        att_report_fmt_int(ev, num, sizeof num);
        TRY(att_buf_puts(out, slot < 3 ? "<g shape-rendering=\"crispEdges\"><title>" : "<g><title>"));
        TRY(att_report_escape(out, when));
        TRY(att_buf_printf(out, ": %s event%s", num, ev == 1 ? "" : "s"));
        for (int k = 0; k < 4; k++)
            if (p->quad[k] > 0)
                TRY(att_buf_printf(out, "\n%d %s", p->quad[k], quad_name[k]));
        if (isfinite(p->goldstein_mean)) {
            att_report_fmt_signed(clamp_gs(p->goldstein_mean), 1, tip, sizeof tip);
            TRY(att_buf_printf(out, "\nmean Goldstein %s", tip));
        }
        if (isfinite(p->tone_mean) && p->tone_mean != 0) {
            att_report_fmt_signed(p->tone_mean, 1, tip, sizeof tip);
            TRY(att_buf_printf(out, ", tone %s", tip));
        }
        if (p->n_stories > 0)
            TRY(att_buf_printf(out, "\n%d stor%s", p->n_stories, p->n_stories == 1 ? "y" : "ies"));
        TRY(att_buf_puts(out, "</title>"));
        double y = pb;
        for (int k = 0; k < 4; k++) {
            if (p->quad[k] <= 0)
                continue;
            double hk = (double)p->quad[k] / top * ph;
            y -= hk;
            TRY(att_buf_printf(out, "<rect class=\"q%d\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>",
                               k + 1, x, y, bw, hk));
        }
        TRY(att_buf_puts(out, "</g>\n"));
    }

    /* Goldstein zero line on top of the bars, dashed. */
    TRY(att_buf_printf(out,
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" GS_COLOR
                       "\" stroke-opacity=\".55\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n",
                       ML, gs_y(0, pb), ML + PW, gs_y(0, pb)));

    /* Goldstein line: broken at periods without events. */
    size_t npts = 0;
    for (size_t i = 0; i < n; i++)
        if (has_events(&pts[i]) && isfinite(pts[i].goldstein_mean))
            npts++;
    if (npts) {
        att_buf d = ATT_BUF_INIT;
        int pen = 0;
        att_status st = ATT_OK;
        for (size_t i = 0; i < n && st == ATT_OK; i++) {
            const att_report_point *p = &pts[i];
            if (!has_events(p) || !isfinite(p->goldstein_mean)) {
                pen = 0;
                continue;
            }
            st = att_buf_printf(&d, "%s%.2f %.2f", pen ? " L" : (d.len ? " M" : "M"),
                                ML + slot * ((double)i + 0.5), gs_y(p->goldstein_mean, pb));
            pen = 1;
        }
        if (st == ATT_OK)
            st = att_buf_printf(out,
                                "<path d=\"%s\" fill=\"none\" stroke=\"#fff\" stroke-width=\"5\" "
                                "stroke-opacity=\".85\" stroke-linejoin=\"round\"/>\n"
                                "<path class=\"gs\" d=\"%s\" fill=\"none\" stroke=\"" GS_COLOR
                                "\" stroke-width=\"2.4\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n",
                                d.data, d.data);
        att_buf_free(&d);
        TRY(st);
        /* Dots: every point when they are few, else only isolated ones. */
        for (size_t i = 0; i < n; i++) {
            const att_report_point *p = &pts[i];
            if (!has_events(p) || !isfinite(p->goldstein_mean))
                continue;
            int prev = i > 0 && has_events(&p[-1]) && isfinite(p[-1].goldstein_mean);
            int next = i + 1 < n && has_events(&p[1]) && isfinite(p[1].goldstein_mean);
            if (slot < 22 && (prev || next))
                continue;
            TRY(att_buf_printf(out,
                               "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" fill=\"#fff\" stroke=\"" GS_COLOR
                               "\" stroke-width=\"2\"/>\n",
                               ML + slot * ((double)i + 0.5), gs_y(p->goldstein_mean, pb), slot < 22 ? 2.5 : 3.2));
        }
    }

    /* Period labels, thinned by the widest label. */
    if (n) {
        char lab[64];
        size_t widest = 3;
        for (size_t i = 0; i < n; i++) {
            period_short(by, pts[i].period, lab, sizeof lab);
            size_t w = u8len(lab);
            if (w > widest)
                widest = w;
        }
        double need = (double)widest * LABEL_CHAR_W + LABEL_GAP;
        size_t fit = (size_t)(PW / need);
        if (fit < 1)
            fit = 1;
        size_t every = (n + fit - 1) / fit;
        if (every < 1)
            every = 1;
        /* Prefer calendar-friendly steps for weeks and months. */
        if (every > 1 && !strcmp(by, "month")) {
            static const size_t ms[] = {2, 3, 4, 6, 12, 24, 36, 60, 120};
            for (size_t k = 0; k < sizeof ms / sizeof ms[0]; k++)
                if (ms[k] >= every) {
                    every = ms[k];
                    break;
                }
        } else if (every > 1 && !strcmp(by, "week")) {
            static const size_t ws[] = {2, 4, 8, 13, 26, 52, 104, 260};
            for (size_t k = 0; k < sizeof ws / sizeof ws[0]; k++)
                if (ws[k] >= every) {
                    every = ws[k];
                    break;
                }
        } else if (every > 1 && !strcmp(by, "day")) {
            static const size_t ds[] = {2, 3, 7, 14, 28, 56, 91, 182, 364};
            for (size_t k = 0; k < sizeof ds / sizeof ds[0]; k++)
                if (ds[k] >= every) {
                    every = ds[k];
                    break;
                }
        }
        int last_year = 0;
        for (size_t i = 0; i < n; i += every) {
            double x = ML + slot * ((double)i + 0.5);
            int year = period_short(by, pts[i].period, lab, sizeof lab);
            TRY(att_buf_printf(out,
                               "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#9aa1ad\"/>",
                               x, pb, x, pb + 4));
            TRY(put_text(out, x, pb + 18, "middle", "xl", lab));
            if (year && year != last_year) {
                char ys[16];
                snprintf(ys, sizeof ys, "%d", year);
                TRY(put_text(out, x, pb + 33, "middle", "xy", ys));
                last_year = year;
            }
        }
    }


    return att_buf_puts(out, "</svg>\n");
}
