/*
 * detect.h - early warning for dyads (pairs of countries) that "turn":
 * change detection over a daily series of coded events, and bursts of
 * articles about one story.
 *
 * Shifts (att_detect_shifts): every day d of the series is tested by
 * comparing a test window ending on d with the baseline_days days before
 * it, for three window lengths: window_days, 2 x window_days and
 * 4 x window_days (so 7, 14 and 28 days by default; short windows react
 * fast in busy dyads, long ones gather enough events in sparse ones).
 * Two statistics are computed per window, each put on the normal scale
 * (approximately N(0,1) under "no change"), positive toward conflict:
 *   - conflict share: signed root of the binomial likelihood-ratio
 *     statistic for "window share = baseline share", scaled by a
 *     quasi-binomial dispersion estimated from the day-to-day variation
 *     and referred to Student's t with (days with events - 2) degrees of
 *     freedom;
 *   - mean Goldstein weight: Welch t of the difference of the means, the
 *     per-event variance estimated from day totals, moderated toward a
 *     prior and floored; positive when the window's mean is lower.
 * Beside the windows, two pairs of one-sided Bernoulli CUSUMs (Page's
 * cumulative sums of the log-likelihood ratio, one pair toward conflict and
 * one toward cooperation, with design shifts cusum_shift and 5/3 of it) run
 * over the conflict share of each day's events against the share of their
 * own reference, the cusum_baseline_days days ending 2 x window_days ago;
 * a CUSUM's value is put on the score's scale as threshold * value /
 * limit, the limit being cusum_h + cusum_h_events / (events in that
 * reference).  The CUSUMs catch a clear turn within days (a step of the
 * share from 0.14 to 0.6 at 3-5 events a day: median 4 days, p90 8,
 * against 9 for the windows alone), the windows slower and smaller changes
 * and changes of the Goldstein mean.  How close this is to the best
 * possible: docs/ALERTS.md.
 * The score is the statistic (of the six and the CUSUMs) with the largest
 * magnitude; its sign is the direction.  A window is tested only when the series has
 * min_history_days of history, its baseline holds min_baseline_events
 * events and the window min_window_events.  Alerts open an episode; at
 * most one alert per episode (see att_detect_params.cooldown_days).  The
 * reasons for these choices are set out in detect.c; eval/eval_detect.c
 * measures false alerts, detection rate and delay on synthetic streams.
 *
 * Bursts (att_detect_bursts): one-sided Poisson test of each day's article
 * count of a story against a background daily count.
 *
 * Ownership: the functions only read their inputs and write into the
 * caller's output arrays; nothing is allocated, nothing is kept between
 * calls.  They are thread-safe.
 * Errors: none are reported.  NULL or empty input gives 0 results; out may
 * be NULL when cap is 0 (to count only).  Inputs that break the documented
 * contract are repaired rather than rejected, as each function says.
 */
#ifndef ATT_DETECT_H
#define ATT_DETECT_H

#include <stddef.h>
#include <stdint.h>

/* One day of one dyad. */
typedef struct att_day_obs {
    int32_t day;          /* days since 1970-01-01 (article time) */
    uint32_t n;           /* events that day for the dyad */
    uint32_t conflict;    /* of which QuadClass 3 or 4 */
    double goldstein_sum; /* sum of Goldstein weights */
} att_day_obs;

typedef struct att_detect_params {
    int baseline_days;            /* reference window before the test window (default 56) */
    int window_days;              /* shortest test window (default 7); also 2x and 4x */
    int min_history_days;         /* no test before the series has this much history (default 28) */
    uint32_t min_baseline_events; /* minimum events in the baseline window (default 8) */
    uint32_t min_window_events;   /* minimum events in the test window (default 3) */
    double threshold;             /* alert when the score exceeds it (default ATT_DETECT_THRESHOLD, 4.0) */
    int cooldown_days;            /* after an alert, the episode stays open until the score has
                                   * been below threshold/2 for this many days (default 14); no
                                   * new alert in an open episode */
    double cusum_shift;           /* CUSUM design shift of the conflict share (default
                                   * ATT_DETECT_CUSUM_SHIFT) */
    double cusum_h;               /* CUSUM decision limit, log-likelihood units (default
                                   * ATT_DETECT_CUSUM_H) */
    int cusum_baseline_days;      /* the CUSUMs' reference: this many days ending 2 x
                                   * window_days ago (default ATT_DETECT_CUSUM_BASELINE;
                                   * below 1: baseline_days) */
    double cusum_h_events;        /* the limit is cusum_h + cusum_h_events / (events in that
                                   * reference): the price of an uncertain baseline share
                                   * (default ATT_DETECT_CUSUM_H_EVENTS) */
} att_detect_params;

/* Default alert threshold of the window tests, and the CUSUMs' defaults.
 * Chosen together with eval/eval_detect: on stable Poisson/Bernoulli
 * streams (0.2-10 events/day, conflict share 0.1-0.6) they give 0.025
 * false alerts per 1000 dyad-days, at most 0.045 in any rate band (the
 * windows alone at threshold 4, the earlier default, gave 0.055), and
 * detect 54% of turns of +0.2..+0.5 within 30 days.  With events in
 * incidents of 2 (4) the false alerts rise to 0.21 (0.65) per 1000: the
 * dispersion estimate of the baseline cannot see all of the clustering;
 * attache lists an event once per story, which keeps real series close to
 * independent. */
#define ATT_DETECT_THRESHOLD 5.0

/* CUSUM on the conflict share: design shift, decision limit (nats), its
 * reference (days) and the limit's term for an uncertain reference share
 * (nats x events).  Chosen with eval_detect (2026-12, docs/ALERTS.md): no
 * rate band of its stable streams above 0.05 false alerts per 1000
 * dyad-days, with two other seed sets too. */
#define ATT_DETECT_CUSUM_SHIFT 0.3
#define ATT_DETECT_CUSUM_H 9.5
#define ATT_DETECT_CUSUM_BASELINE 112
#define ATT_DETECT_CUSUM_H_EVENTS 200.0

/* Variance floor (Goldstein points squared) for the per-event Goldstein
 * variance in the mean test: a standard deviation of 2 points. */
#define ATT_DETECT_GOLDSTEIN_VAR_FLOOR 4.0

/* Fill *p with the defaults listed above.  p must not be NULL. */
void att_detect_defaults(att_detect_params *p);

typedef struct att_shift {
    int32_t day;        /* day the shift is detected (the last day of the test windows) */
    int32_t onset;      /* estimated first day of the change (see att_detect_shifts) */
    int direction;      /* +1 toward conflict, -1 toward cooperation */
    double score;       /* magnitude of the winning statistic (> threshold); sign in direction */
    /* Of the window whose statistic won (see window_days below) and its
     * baseline: conflict share and mean Goldstein weight. */
    double baseline_share, window_share;
    double baseline_goldstein, window_goldstein;
    int window_days;    /* length of that window: 1, 2 or 4 x params.window_days */
} att_shift;

/* Scan the series s[0..n) of one dyad, sorted by day, for shifts.
 *
 * Days may be missing: a missing day counts as a day with zero events.
 * The series runs from s[0].day to its last day; to test up to "today"
 * with no events lately, append an entry {today, 0, 0, 0}.  Several
 * entries for the same day are added together.  An entry whose day is
 * earlier than that of an entry before it breaks the sort order; it is
 * counted as if it were on the latest day before it.  conflict > n is
 * clamped to n; a non-finite goldstein_sum counts as 0.
 *
 * p may be NULL for the defaults.  Out-of-range parameters are repaired:
 * window_days and baseline_days below 1 become 1 and above 36500 become
 * 36500; a negative min_history_days becomes 0; cooldown_days below 1
 * becomes 1; min_window_events 0 becomes 1; a threshold that is not a
 * positive finite number becomes ATT_DETECT_THRESHOLD.
 *
 * An alert is raised on the first day whose score exceeds the threshold
 * while no episode is open.  The episode stays open until the score
 * (counted as 0 on days that cannot be tested) has stayed below
 * threshold/2 for cooldown_days consecutive days (the return of a
 * short crisis to calm thus belongs to the crisis's episode).  The onset
 * is the day with events, among the 2 x (winning window's length) days
 * ending on the alert day, from which on the cumulative log-likelihood
 * ratio of "after" versus "before" (of the winning statistic) is largest:
 * the change-point estimate of a CUSUM run backwards from the alert; the
 * winning window's first day if no day has a positive sum.  The events
 * behind an alert are those of the winning window,
 * [day - window_days + 1, day] with the att_shift's window_days.
 *
 * Writes the first min(found, cap) shifts, in day order, to out and
 * returns how many were found (which may exceed cap).
 * Time O(n + number of days tested), at most O(n + span of days); memory
 * O(1): window and baseline are kept as running sums.
 */
size_t att_detect_shifts(const att_day_obs *s, size_t n, const att_detect_params *p,
                         att_shift *out, size_t cap);

/* A day on which a story's article count is far above the background. */
typedef struct att_burst {
    int32_t day;       /* the day */
    double score;      /* -log10 of the one-sided Poisson p-value P(X >= count) */
    uint32_t count;    /* articles that day */
    uint32_t expected; /* the background used, rounded to the nearest integer */
} att_burst;

/* A day is a burst when count >= ATT_BURST_MIN_COUNT and
 * P(X >= count) <= 10^-ATT_BURST_MIN_SCORE for X ~ Poisson(background).
 * The strict level (1e-5) allows for the many story-days tested and for
 * news counts being more variable than Poisson.  The smallest bursts are
 * then 7 articles on a background of 0.5, 9 on 1, 11 on 2, 14 on 3, 18 on
 * 5 and 27 on 10; the minimum of 4 articles never binds at this level
 * and is kept as a guard. */
#define ATT_BURST_MIN_COUNT 4
#define ATT_BURST_MIN_SCORE 5.0

/* Story bursts: counts[i] is the number of articles of one story cluster
 * on day first_day + i, for i in [0, n_days); background is the typical
 * daily article count of a story (e.g. the median over recent stories).
 * A background below 0.5 (or not finite) is taken as 0.5, so that a story
 * is never compared with a rate of zero.  Every qualifying day is reported
 * (consecutive burst days are not merged).  Writes the first
 * min(found, cap) bursts, in day order, to out and returns how many were
 * found (which may exceed cap).  Time O(n_days) for a given background
 * (a day above the background costs O(1 + sqrt(background)) terms of the
 * Poisson tail; backgrounds above 1e5 use a normal approximation). */
size_t att_detect_bursts(const uint32_t *counts, size_t n_days, int32_t first_day,
                         double background, att_burst *out, size_t cap);

#endif
