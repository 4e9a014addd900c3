/*
 * detect.c - shifts in a dyad's event series and story bursts.
 *
 * Why this method
 * ---------------
 * A dyad "turns" when the mix of what happens between the two countries
 * changes: a larger share of conflictual events (QuadClass 3-4), or a
 * lower mean Goldstein weight.  Volume alone is not a turn (a summit and a
 * skirmish both raise it; story bursts cover volume).  So each day d is a
 * two-sample problem: the events of a test window (d-W, d] against those
 * of the baseline (d-W-B, d-W] just before it.  Both samples are kept as
 * running sums (events, conflict events, Goldstein sum, and the per-day
 * sums of squares below), updated as days enter the window, move into the
 * baseline and leave it, so each day costs O(1) whatever W and B are.
 *
 * Three window lengths.  A 7-day window reacts within a week at 5+ events
 * a day, but at 1 event a day it holds 7 events and cannot tell a share of
 * 0.3 from one of 0.6.  So every day is tested with windows of W, 2W and
 * 4W days (each with its own baseline of B days before it) and the
 * largest statistic counts: busy dyads alert after a few days, sparse ones
 * after two to four weeks (eval: detection within 30 days 50% against
 * about 35% for the 7-day window alone, at the same false-alert rate).
 *
 * (a) Conflict share.  Given the counts, the conflict events of window and
 *     baseline are binomial; "no change" is equal shares.  The statistic
 *     is the signed root of the likelihood-ratio (G) statistic of the 2x2
 *     table, r = sign(p_w - p_b) sqrt(G): asymptotically N(0,1), and in
 *     the tails much closer to it than the Wald z at the small counts that
 *     are common here, because it does not divide by a variance estimated
 *     at an extreme share.
 *     News events are not independent: one incident is coded as several
 *     events of one day.  As in a quasi-binomial model, G is divided by a
 *     dispersion factor phi = sum over all days of both samples of
 *     (x_i - p n_i)^2 / (p (1-p)), with p the day's own sample's share,
 *     over the events, times K/(K-2) for K days (floored at 1: never
 *     claim more precision than the binomial), and r is referred to a
 *     Student t with K-2 degrees of freedom (the quasi-likelihood F test)
 *     and reported as the normal quantile of the same tail probability.
 *     K counts days, not events: with few distinct days there is little
 *     evidence however many events they hold.
 *
 * (b) Mean Goldstein weight.  Welch t = (mean_b - mean_w) / sqrt(v_b/n_b +
 *     v_w/n_w), positive toward conflict, with Welch-Satterthwaite degrees
 *     of freedom, reported on the normal scale like (a).  Only day totals
 *     are known, so the per-event variance is estimated from them: with
 *     G_i the Goldstein sum and n_i the events of day i,
 *         v = sum (G_i - n_i mean)^2 / sum n_i * K/(K-1)
 *     which is the per-event variance for independent events and larger,
 *     as it should be, when a day's events come from one incident.  It is
 *     moderated (Smyth's limma: a prior of 4 pseudo days at variance 16,
 *     i.e. a standard deviation of 4 Goldstein points, adding 4 degrees of
 *     freedom), so that a baseline of a few alike events cannot claim a
 *     tiny variance, and floored at ATT_DETECT_GOLDSTEIN_VAR_FLOOR.  The
 *     window's estimate rests on a handful of days, so it replaces the
 *     baseline's only when it is larger (conservative).
 *
 * The score is the statistic of larger magnitude over (a), (b) and the
 * three windows; its sign is the direction.  Taking the largest of six
 * correlated statistics, every day, over overlapping windows, raises the
 * false-alert rate over a single test's nominal level; the threshold is
 * therefore set on simulated stable streams (eval/eval_detect.c), which
 * include all of these effects.
 *
 * Minimum support keeps quiet dyads quiet: no test until the series has
 * min_history_days of history, and none of a window unless its baseline
 * holds min_baseline_events events and the window min_window_events.  A
 * dyad with a few events a month never has a baseline to compare with, so
 * a single busy day cannot raise an alert; with a sufficient but sparse
 * baseline the days-based degrees of freedom above discount the evidence
 * (three conflict events on one day against 14 single cooperative events
 * give r = 4.0 but only z = 3.2).
 *
 * (c) CUSUMs.  A two-sample window test must wait until the window holds
 *     enough of the new regime; Page's CUSUM, which accumulates the
 *     log-likelihood ratio of each day's events under "share p0 + shift"
 *     against "share p0" and resets at zero, has the shortest expected
 *     delay for a given false-alert rate when the shift is the one it is
 *     designed for (Lorden 1971).  The pre-change share p0 is that of the
 *     CUSUMs' own reference, cusum_baseline_days (112) ending 2W days ago
 *     (so a change has two weeks to be caught before it contaminates its
 *     own reference); the increments are divided by the reference's
 *     quasi-binomial dispersion.  Two design shifts (0.3 and 0.5 by
 *     default) cover small and large steps.  The limit is cusum_h +
 *     cusum_h_events / (events in the reference): an oracle CUSUM that
 *     knows p0 needs about the same limit at every rate (a day-level
 *     CUSUM's false alerts come per day), and what a plug-in p0 adds falls
 *     as 1/events.  A 56-day reference cost two to three days against the
 *     oracle; 112 days, about one.  eval_detect, section (g), measures
 *     delays by rate beside the oracle; docs/ALERTS.md has the figures.
 *
 * Episodes: the windows slide one day at a time, so a real change keeps
 * the score high for many days; one alert per episode, which stays open
 * until the score has been below threshold/2 for cooldown_days days.
 */
#include "detect.h"

#include <math.h>
#include <string.h>

void att_detect_defaults(att_detect_params *p)
{
    p->baseline_days = 56;
    p->window_days = 7;
    p->min_history_days = 28;
    p->min_baseline_events = 8;
    p->min_window_events = 3;
    p->threshold = ATT_DETECT_THRESHOLD;
    p->cooldown_days = 14;
    p->cusum_shift = ATT_DETECT_CUSUM_SHIFT;
    p->cusum_h = ATT_DETECT_CUSUM_H;
    p->cusum_baseline_days = ATT_DETECT_CUSUM_BASELINE;
    p->cusum_h_events = ATT_DETECT_CUSUM_H_EVENTS;
}

/* Running sums over the days of a window. */
typedef struct acc {
    double n;  /* events */
    double x;  /* conflict events */
    double g;  /* Goldstein sum */
    double nn, xx, xn; /* sums over days of n_i^2, x_i^2, x_i n_i */
    double gg, gn;     /* sums over days of g_i^2, g_i n_i */
    long k;    /* entries with n_i > 0 */
} acc;

/* The entry's values, repaired as documented in detect.h. */
static void obs_values(const att_day_obs *o, double *n, double *x, double *g)
{
    *n = (double)o->n;
    *x = (double)(o->conflict < o->n ? o->conflict : o->n);
    *g = isfinite(o->goldstein_sum) ? o->goldstein_sum : 0.0;
}

static void acc_add(acc *a, const att_day_obs *o, int sign)
{
    double n, x, g;
    obs_values(o, &n, &x, &g);
    if (n <= 0)
        return;
    a->n += sign * n;
    a->x += sign * x;
    a->g += sign * g;
    a->nn += sign * (n * n);
    a->xx += sign * (x * x);
    a->xn += sign * (x * n);
    a->gg += sign * (g * g);
    a->gn += sign * (g * n);
    a->k += sign;
    if (a->k <= 0) { /* empty again: drop accumulated rounding error */
        acc z = {0};
        *a = z;
    }
}

/* The day starting at s[*i]: that entry and every following one whose day
 * is not later (same day, or out of order, which counts with the day
 * before it), added together into *o; *i moves past them.  Every pointer
 * of the scan takes days through here, so a day split over several
 * entries enters and leaves the sums as one day. */
static void take_day(const att_day_obs *s, size_t n, size_t *i, att_day_obs *o)
{
    double sn = 0, sx = 0, sg = 0;
    int32_t day = s[*i].day;
    do {
        double en, ex, eg;
        obs_values(&s[*i], &en, &ex, &eg);
        sn += en;
        sx += ex;
        sg += eg;
        (*i)++;
    } while (*i < n && s[*i].day <= day);
    o->day = day;
    o->n = sn < 4294967295.0 ? (uint32_t)sn : UINT32_MAX;
    o->conflict = sx < 4294967295.0 ? (uint32_t)sx : UINT32_MAX;
    o->goldstein_sum = sg;
}

/* ---- reference distributions ------------------------------------------ */

/* ln Gamma(x), x > 0: shift to x >= 15, then Stirling's series (error < 1e-13).
 * (lgamma() is avoided: glibc's writes the global signgam.) */
static double log_gamma(double x)
{
    double shift = 0;
    while (x < 15) {
        shift -= log(x);
        x += 1;
    }
    double x2 = x * x;
    return shift + (x - 0.5) * log(x) - x + 0.91893853320467274178 /* ln sqrt(2 pi) */ +
           1.0 / (12 * x) - 1.0 / (360 * x * x2) + 1.0 / (1260 * x2 * x2 * x);
}

/* Continued fraction of the incomplete beta function (modified Lentz). */
static double beta_cf(double x, double a, double b)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (fabs(d) < tiny)
        d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 2000; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? 1 / tiny : 1 / d;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? 1 / tiny : 1 / d;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-13)
            break;
    }
    return h;
}

/* ln of the regularized incomplete beta I_x(a, b), given x and y = 1 - x
 * (passed separately to keep precision when x is close to 1). */
static double log_ibeta(double x, double y, double a, double b)
{
    if (x <= 0)
        return -INFINITY;
    if (y <= 0)
        return 0;
    double lfront = a * log(x) + b * log(y) - (log_gamma(a) + log_gamma(b) - log_gamma(a + b));
    if (x < (a + 1) / (a + b + 2))
        return lfront + log(beta_cf(x, a, b) / a);
    double other = exp(lfront) * beta_cf(y, b, a) / b; /* I_y(b, a) */
    return log1p(-(other < 1 ? other : 1));
}

/* ln P(Z > z) for a standard normal Z, z >= 0. */
static double log_norm_upper(double z)
{
    if (z < 30)
        return log(0.5 * erfc(z * 0.70710678118654752440));
    double z2 = z * z;
    return -0.5 * z2 - log(z) - 0.91893853320467274178 + log1p(-1 / z2 + 3 / (z2 * z2));
}

/* The z >= 0 with ln P(Z > z) = lq (lq <= ln 1/2), by Newton's method on
 * ln P(Z > z), which is concave. */
static double z_from_log_upper(double lq)
{
    if (!(lq < -0.69314718055994530942))
        return 0;
    double z = sqrt(-2 * lq);
    for (int i = 0; i < 100; i++) {
        double lu = log_norm_upper(z);
        double slope = -exp(-0.5 * z * z - 0.91893853320467274178 - lu); /* -pdf/tail */
        double step = (lu - lq) / slope;
        z -= step;
        if (z < 0)
            z = 0;
        if (fabs(step) < 1e-10)
            break;
    }
    return z;
}

/* Normal-equivalent of a Student t statistic with df degrees of freedom:
 * the z with the same one-sided tail probability.  |z| <= |t|.  Exact
 * (incomplete beta) below 30 degrees of freedom; from 30 on Wallace's
 * (1959) approximation z = (8df+1)/(8df+3) sqrt(df ln(1 + t^2/df)), which
 * is within 0.012 of the exact value for |t| <= 15 there, and ten times
 * cheaper. */
static double t_to_z(double t, double df)
{
    if (df >= 1e5 || t == 0 || !isfinite(t))
        return t;
    if (df >= 30) {
        double z = (8 * df + 1) / (8 * df + 3) * sqrt(df * log1p(t * t / df));
        return t < 0 ? -z : z;
    }
    double t2 = t * t;
    /* P(T > |t|) = I_x(df/2, 1/2) / 2 with x = df / (df + t^2) */
    double lq = log_ibeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5) - 0.69314718055994530942;
    double z = z_from_log_upper(lq);
    return t < 0 ? -z : z;
}

/* ---- the two statistics ------------------------------------------------ */

/* x ln(x / e), 0 when x == 0. */
static double xlogx_e(double x, double e)
{
    return x > 0 ? x * log(x / e) : 0.0;
}

/* sum over the days of a window of (x_i - p n_i)^2 / (p (1 - p)), the
 * Pearson residuals around the window's own share p (0 if p is 0 or 1). */
static double pearson_ss(const acc *a)
{
    if (a->n <= 0)
        return 0;
    double p = a->x / a->n;
    if (p <= 0 || p >= 1)
        return 0;
    double ss = a->xx - 2 * p * a->xn + p * p * a->nn;
    return ss > 0 ? ss / (p * (1 - p)) : 0;
}

/* Conflict share: signed root of the 2x2 likelihood-ratio statistic
 * divided by the root of the quasi-binomial dispersion; *df gets the
 * degrees of freedom of the dispersion estimate (days - 2). */
static double share_stat(const acc *w, const acc *b, double *df)
{
    double K = (double)(w->k + b->k);
    *df = K > 3 ? K - 2 : 1;
    double p = (w->x + b->x) / (w->n + b->n);
    if (p <= 0 || p >= 1)
        return 0.0;
    double G = 2 * (xlogx_e(w->x, w->n * p) + xlogx_e(w->n - w->x, w->n * (1 - p)) +
                    xlogx_e(b->x, b->n * p) + xlogx_e(b->n - b->x, b->n * (1 - p)));
    if (!(G > 0))
        return 0.0;
    double phi = 1.0;
    if (K > 2) {
        phi = (pearson_ss(w) + pearson_ss(b)) / (w->n + b->n) * (K / (K - 2));
        if (phi < 1)
            phi = 1;
    }
    double r = sqrt(G / phi);
    return w->x / w->n > b->x / b->n ? r : -r;
}

/* Per-event Goldstein variance from day totals (see above); -1 if unknown. */
static double gold_var(const acc *a)
{
    if (a->k < 2 || a->n <= 0)
        return -1.0;
    double mu = a->g / a->n;
    double ss = a->gg - 2 * mu * a->gn + mu * mu * a->nn; /* sum (g_i - mu n_i)^2 */
    double v = ss / a->n * ((double)a->k / (double)(a->k - 1));
    return v > 0 ? v : 0.0;
}

/* Prior of the moderated Goldstein variance: GOLD_PRIOR_DAYS pseudo days
 * of per-event variance GOLD_PRIOR_VAR (a standard deviation of 4 points,
 * about that of CAMEO-coded events over all classes). */
#define GOLD_PRIOR_VAR 16.0
#define GOLD_PRIOR_DAYS 4.0

/* Moderated per-event variance of a window and its degrees of freedom. */
static double gold_var_mod(const acc *a, double *df)
{
    double v = gold_var(a), d = a->k >= 2 ? (double)(a->k - 1) : 0;
    if (v < 0)
        v = 0;
    *df = d + GOLD_PRIOR_DAYS;
    v = (d * v + GOLD_PRIOR_DAYS * GOLD_PRIOR_VAR) / *df;
    return v > ATT_DETECT_GOLDSTEIN_VAR_FLOOR ? v : ATT_DETECT_GOLDSTEIN_VAR_FLOOR;
}

/* Mean Goldstein: Welch t, positive toward conflict; *df gets the
 * Welch-Satterthwaite degrees of freedom, *vb the baseline variance used. */
static double gold_stat(const acc *w, const acc *b, double *df, double *vb)
{
    double d_b, d_w;
    double v_b = gold_var_mod(b, &d_b), v_w = gold_var_mod(w, &d_w);
    if (v_w < v_b) { /* the baseline's estimate, with its degrees of freedom */
        v_w = v_b;
        d_w = d_b;
    }
    *vb = v_b;
    double sb = v_b / b->n, sw = v_w / w->n, se2 = sb + sw;
    *df = se2 * se2 / (sb * sb / d_b + sw * sw / d_w);
    return (b->g / b->n - w->g / w->n) / sqrt(se2);
}

/* Onset: backward CUSUM from entry `last` (inclusive) over days > from. */
static int64_t estimate_onset(const att_day_obs *s, size_t last, int64_t from, int64_t dflt,
                              int use_share, const acc *w, const acc *b, double vb)
{
    double l1 = 0, l0 = 0, m0 = 0, m1 = 0;
    if (use_share) {
        double p0 = (b->x + 0.5) / (b->n + 1), p1 = (w->x + 0.5) / (w->n + 1);
        l1 = log(p1 / p0);
        l0 = log((1 - p1) / (1 - p0));
    } else {
        m0 = b->g / b->n;
        m1 = w->g / w->n;
    }
    double sum = 0, best = 0;
    int64_t onset = dflt;
    for (size_t j = last + 1; j-- > 0;) {
        if (s[j].day <= from)
            break;
        double n, x, g;
        obs_values(&s[j], &n, &x, &g);
        if (n <= 0)
            continue;
        sum += use_share ? x * l1 + (n - x) * l0 : (m1 - m0) * (g - n * (m0 + m1) / 2) / vb;
        if (sum > best) {
            best = sum;
            onset = s[j].day;
        }
    }
    return onset;
}

/* ---- CUSUM on the conflict share --------------------------------------- */

/* One day's increments of the one-sided Bernoulli CUSUMs (Page 1954)
 * against the baseline b: for each design shift k (ATT_CUSUM_SHIFTS of
 * them, the k-th being shift * cusum_mult[k]) the log-likelihood ratio of
 * the day's n events with x conflictual under a share p0 + shift_k (up[k])
 * and p0 - shift_k (down[k]) against p0, divided by the baseline's
 * quasi-binomial dispersion.  p0 is the baseline's share (plus one half
 * event each way).  Its uncertainty is paid for in the decision limit
 * (cusum_h_events / baseline events), not by moving p0 (until 2026-12 it
 * was moved half a standard error toward the alternative and the limit
 * grew with ln(rate): the false-alert rate then fell from 0.08 per 1000
 * dyad-days at 1-2 events a day to 0.005 at 10; see docs/ALERTS.md).
 * Several shifts approximate the generalized likelihood ratio over the
 * unknown size of the change: a large jump from a low share is caught by
 * the large design shift in about half the days the small one needs. */
#define ATT_CUSUM_SHIFTS 2
static const double cusum_mult[ATT_CUSUM_SHIFTS] = {1.0, 5.0 / 3.0};

static double cusum_inc(double n, double x, double p0, double p1, double phi)
{
    return (x * log(p1 / p0) + (n - x) * log((1 - p1) / (1 - p0))) / phi;
}

static void cusum_step(const acc *b, double n, double x, double shift, double *up, double *down)
{
    double phi = 1.0;
    if (b->k > 2) {
        phi = pearson_ss(b) / b->n * ((double)b->k / (double)(b->k - 1));
        if (phi < 1)
            phi = 1;
    }
    double p = (b->x + 0.5) / (b->n + 1);
    for (int k = 0; k < ATT_CUSUM_SHIFTS; k++) {
        double dlt = shift * cusum_mult[k];
        double p0 = fmin(p, 0.98), p1 = fmin(p0 + dlt, 0.99);
        up[k] = fmax(0, up[k] + cusum_inc(n, x, p0, p1, phi));
        p0 = p;
        p1 = p0 - dlt;
        /* no room for a fall of this size */
        down[k] = (p1 < 0.01 || p0 < 0.02) ? 0 : fmax(0, down[k] + cusum_inc(n, x, p0, p1, phi));
    }
}

/* The CUSUMs' largest value, signed (+ toward conflict). */
static double cusum_max(const double *up, const double *down)
{
    double best = 0;
    for (int k = 0; k < ATT_CUSUM_SHIFTS; k++) {
        if (up[k] > fabs(best))
            best = up[k];
        if (down[k] > fabs(best))
            best = -down[k];
    }
    return best;
}

/* Test windows: window_days times these (each with its own baseline). */
#define N_SCALES 3
static const int scale_mult[] = {1, 2, 4};
#define CUSUM_SCALE 1 /* the CUSUMs' baseline ends where that of the 2W window does */

typedef struct scale {
    int64_t W;          /* window length */
    size_t imid, iout;  /* next entry to leave the window / the baseline */
    acc win, base;
} scale;

size_t att_detect_shifts(const att_day_obs *s, size_t n, const att_detect_params *p,
                         att_shift *out, size_t cap)
{
    if (!s || n == 0)
        return 0;
    att_detect_params P;
    if (p)
        P = *p;
    else
        att_detect_defaults(&P);
    if (P.window_days < 1)
        P.window_days = 1;
    if (P.baseline_days < 1)
        P.baseline_days = 1;
    if (P.window_days > 36500)
        P.window_days = 36500;
    if (P.baseline_days > 36500)
        P.baseline_days = 36500;
    if (P.min_history_days < 0)
        P.min_history_days = 0;
    if (P.cooldown_days < 1)
        P.cooldown_days = 1;
    if (P.min_window_events < 1)
        P.min_window_events = 1;
    if (!(P.threshold > 0) || !isfinite(P.threshold))
        P.threshold = ATT_DETECT_THRESHOLD;
    if (!(P.cusum_shift > 0 && P.cusum_shift < 1))
        P.cusum_shift = ATT_DETECT_CUSUM_SHIFT;
    if (!(P.cusum_h > 0) || !isfinite(P.cusum_h))
        P.cusum_h = ATT_DETECT_CUSUM_H;
    if (P.cusum_baseline_days < 1)
        P.cusum_baseline_days = P.baseline_days;
    if (P.cusum_baseline_days > 36500)
        P.cusum_baseline_days = 36500;
    if (!(P.cusum_h_events >= 0) || !isfinite(P.cusum_h_events))
        P.cusum_h_events = ATT_DETECT_CUSUM_H_EVENTS;
    if (!out)
        cap = 0;

    const int64_t B = P.baseline_days;
    int64_t first = s[0].day, last = s[0].day;
    for (size_t i = 1; i < n; i++)
        if (s[i].day > last)
            last = s[i].day;

    scale sc[N_SCALES];
    for (int k = 0; k < N_SCALES; k++) {
        scale z = {0};
        sc[k] = z;
        sc[k].W = (int64_t)P.window_days * scale_mult[k];
    }
    /* The CUSUMs' own baseline: cusum_baseline_days ending 2W days ago. */
    scale cs = {0};
    cs.W = (int64_t)P.window_days * scale_mult[CUSUM_SCALE];
    const int64_t CB = P.cusum_baseline_days;
    size_t iin = 0, found = 0;
    double cu_up[ATT_CUSUM_SHIFTS] = {0}, cu_down[ATT_CUSUM_SHIFTS] = {0};
    int open = 0;
    int64_t quiet = 0;
    for (int64_t d = first; d <= last;) {
        /* Entries reaching day d enter the windows; entries at or before
         * d-W move to that window's baseline; at or before d-W-B they leave
         * it.  Each pointer walks the array in order, so an out-of-order
         * entry simply travels with the entry before it. */
        att_day_obs today = {(int32_t)d, 0, 0, 0.0};
        if (iin < n && s[iin].day <= d)
            take_day(s, n, &iin, &today);
        double score = 0, vb = ATT_DETECT_GOLDSTEIN_VAR_FLOOR;
        int use_share = 1, best = 0;
        for (int k = 0; k < N_SCALES; k++) {
            scale *c = &sc[k];
            att_day_obs o;
            acc_add(&c->win, &today, +1);
            while (c->imid < iin && s[c->imid].day <= d - c->W) {
                take_day(s, n, &c->imid, &o);
                acc_add(&c->win, &o, -1);
                acc_add(&c->base, &o, +1);
            }
            while (c->iout < c->imid && s[c->iout].day <= d - c->W - B) {
                take_day(s, n, &c->iout, &o);
                acc_add(&c->base, &o, -1);
            }
            if (d - first + 1 >= P.min_history_days && c->win.n >= P.min_window_events &&
                c->base.n >= P.min_baseline_events && c->base.n > 0) {
                double v = 0, dfs = 0, dfg = 0;
                double zs = share_stat(&c->win, &c->base, &dfs);
                double zg = gold_stat(&c->win, &c->base, &dfg, &v);
                /* To the normal scale; z <= t, so only statistics that
                 * may reach threshold/2 need the (costly) conversion. */
                if (fabs(zs) >= P.threshold / 2)
                    zs = t_to_z(zs, dfs);
                if (fabs(zg) >= P.threshold / 2)
                    zg = t_to_z(zg, dfg);
                if (fabs(zs) > fabs(score)) {
                    score = zs;
                    use_share = 1;
                    best = k;
                    vb = v;
                }
                if (fabs(zg) > fabs(score)) {
                    score = zg;
                    use_share = 0;
                    best = k;
                    vb = v;
                }
            }
        }

        /* The CUSUMs take the day's events against their baseline, which
         * ends 2W days ago (so a change has that long to be caught before
         * it enters its own baseline); its window sums are not used. */
        {
            att_day_obs o;
            while (cs.imid < iin && s[cs.imid].day <= d - cs.W) {
                take_day(s, n, &cs.imid, &o);
                acc_add(&cs.base, &o, +1);
            }
            while (cs.iout < cs.imid && s[cs.iout].day <= d - cs.W - CB) {
                take_day(s, n, &cs.iout, &o);
                acc_add(&cs.base, &o, -1);
            }
        }
        const scale *cb = &cs;
        if (d - first + 1 >= P.min_history_days && cb->base.n >= P.min_baseline_events) {
            double dn, dx, dg;
            obs_values(&today, &dn, &dx, &dg);
            if (dn > 0)
                cusum_step(&cb->base, dn, dx, P.cusum_shift, cu_up, cu_down);
        } else {
            memset(cu_up, 0, sizeof cu_up);
            memset(cu_down, 0, sizeof cu_down);
        }
        /* The limit pays for the plug-in baseline share: its error, of
         * variance ~ p(1-p)/events, makes a stable dyad drift up as often
         * as down; the false alerts it adds fall with the baseline's
         * events (eval_detect: about as 1/events), so does the margin. */
        double hh = P.cusum_h;
        if (cb->base.n > 0)
            hh += P.cusum_h_events / cb->base.n;
        double cz = P.threshold * cusum_max(cu_up, cu_down) / hh;
        if (fabs(cz) > fabs(score) && sc[0].win.n >= P.min_window_events) {
            /* a CUSUM alert comes within days: its evidence is the
             * shortest window, which must hold min_window_events */
            score = cz;
            use_share = 1;
            best = 0;
        }

        double mag = fabs(score);
        if (open) {
            quiet = mag < P.threshold / 2 ? quiet + 1 : 0;
            if (quiet >= P.cooldown_days)
                open = 0;
        }
        if (!open && mag > P.threshold) {
            if (found < cap) {
                const scale *c = &sc[best];
                att_shift *a = &out[found];
                a->day = (int32_t)d;
                a->onset = (int32_t)estimate_onset(s, iin - 1, d - 2 * c->W, d - c->W + 1, use_share,
                                                   &c->win, &c->base, vb);
                a->direction = score > 0 ? 1 : -1;
                a->score = mag;
                a->baseline_share = c->base.x / c->base.n;
                a->window_share = c->win.x / c->win.n;
                a->baseline_goldstein = c->base.g / c->base.n;
                a->window_goldstein = c->win.g / c->win.n;
                a->window_days = (int)c->W;
            }
            found++;
            open = 1;
            quiet = 0;
            memset(cu_up, 0, sizeof cu_up); /* a new run starts after the alert */
            memset(cu_down, 0, sizeof cu_down);
        }

        /* With no event in the longest window nothing can be tested until
         * the next entry arrives: jump there; the days skipped count as
         * quiet. */
        int64_t next = d + 1;
        if (sc[N_SCALES - 1].win.k == 0 && iin < n && s[iin].day > next) {
            if (open) {
                quiet += s[iin].day - next;
                if (quiet >= P.cooldown_days)
                    open = 0;
            }
            next = s[iin].day;
        }
        d = next;
    }
    return found;
}

/* ln P(X >= c) for X ~ Poisson(lambda), c > lambda.  Exact series up to
 * lambda = 1000; beyond, the normal approximation on the square-root scale
 * (Anscombe), whose error is immaterial there. */
static double poisson_log_upper(uint32_t c, double lambda)
{
    if (lambda > 1e5) {
        double z = 2 * (sqrt((double)c - 0.5 + 0.375) - sqrt(lambda + 0.375 - 0.125));
        if (z < 30)
            return log(0.5 * erfc(z / sqrt(2.0)));
        return -z * z / 2 - log(z * 2.50662827463100050242);
    }
    double log_first = -lambda + c * log(lambda) - log_gamma((double)c + 1);
    double sum = 1.0, term = 1.0;
    for (double k = (double)c + 1; term > 1e-17 * sum; k += 1) {
        term *= lambda / k;
        sum += term;
    }
    return log_first + log(sum);
}

size_t att_detect_bursts(const uint32_t *counts, size_t n_days, int32_t first_day,
                         double background, att_burst *out, size_t cap)
{
    if (!counts)
        return 0;
    if (!out)
        cap = 0;
    if (!(background >= 0.5) || !isfinite(background))
        background = 0.5;
    size_t found = 0;
    for (size_t i = 0; i < n_days; i++) {
        uint32_t c = counts[i];
        if (c < ATT_BURST_MIN_COUNT || (double)c <= background)
            continue;
        double score = -poisson_log_upper(c, background) / log(10.0);
        if (score < ATT_BURST_MIN_SCORE)
            continue;
        if (found < cap) {
            att_burst *b = &out[found];
            b->day = (int32_t)((int64_t)first_day + (int64_t)i);
            b->score = score;
            b->count = c;
            b->expected = background < 4294967295.0 ? (uint32_t)lround(background) : UINT32_MAX;
        }
        found++;
    }
    return found;
}
