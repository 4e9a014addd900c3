/*
 * detect.h - early warning for dyads (pairs of countries) that "turn":
 * change detection over a daily series of coded events, and bursts of
 * articles about one story.
 *
 * Shifts (att_detect_shifts): every day d of the series is tested by
 * comparing a test window of the last window_days days (d-W+1 .. d) with
 * the baseline_days days before it (d-W-B+1 .. d-W).  Two statistics are
 * computed, each a standardized (approximately N(0,1) under "no change")
 * value, positive toward conflict:
 *   - conflict share: signed root of the binomial likelihood-ratio
 *     statistic for "window share = baseline share", divided by the
 *     square root of the baseline's dispersion factor (quasi-binomial);
 *   - mean Goldstein weight: Welch-type z of the difference of the means
 *     with a per-event variance estimated from day totals and floored;
 *     positive when the window's mean is lower (more hostile).
 * The score is the one with the larger magnitude; its sign is the
 * direction.  A day is tested only when the series has min_history_days
 * of history, the baseline holds min_baseline_events events and the window
 * min_window_events.  Alerts open an episode; at most one alert per
 * episode (see att_detect_params.cooldown_days).  The reasons for these
 * choices are set out in detect.c.
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
    int window_days;              /* test window (default 7) */
    int min_history_days;         /* no test before the series has this much history (default 28) */
    uint32_t min_baseline_events; /* minimum events in the baseline window (default 8) */
    uint32_t min_window_events;   /* minimum events in the test window (default 3) */
    double threshold;             /* alert when the score exceeds it (default ATT_DETECT_THRESHOLD) */
    int cooldown_days;            /* after an alert, the episode stays open until the score has
                                   * been below threshold/2 for this many days (default 14); no
                                   * new alert in an open episode */
} att_detect_params;

/* Default alert threshold.  Chosen with eval/eval_detect: on stable
 * Poisson/Bernoulli streams (0.2-10 events/day, conflict share 0.1-0.6)
 * it gives about 0.1 false alerts per 1000 dyad-days overall and below 1
 * per 1000 in every rate band (see the report printed by the eval). */
#define ATT_DETECT_THRESHOLD 4.0

/* Variance floor (Goldstein points squared) for the per-event Goldstein
 * variance in the mean test: a standard deviation of 2 points. */
#define ATT_DETECT_GOLDSTEIN_VAR_FLOOR 4.0

/* Fill *p with the defaults listed above.  p must not be NULL. */
void att_detect_defaults(att_detect_params *p);

typedef struct att_shift {
    int32_t day;        /* day the shift is detected (the last day of the test window) */
    int32_t onset;      /* estimated first day of the change (see att_detect_shifts) */
    int direction;      /* +1 toward conflict, -1 toward cooperation */
    double score;       /* magnitude of the winning statistic (> threshold); sign in direction */
    double baseline_share, window_share;         /* conflict share before/in the window */
    double baseline_goldstein, window_goldstein; /* mean Goldstein weight before/in the window */
} att_shift;

/* Scan the series s[0..n) of one dyad, sorted by day, for shifts.
 *
 * Days may be missing: a missing day counts as a day with zero events.
 * The series runs from s[0].day to s[n-1].day; to test up to "today" with
 * no events lately, append an entry {today, 0, 0, 0}.  Several entries for
 * the same day are added together.  An entry whose day is earlier than
 * the one before it breaks the sort order and is ignored; conflict > n is
 * clamped to n; a non-finite goldstein_sum counts as 0.
 *
 * p may be NULL for the defaults.  Out-of-range parameters are repaired:
 * window_days and baseline_days below 1 become 1, negative
 * min_history_days and cooldown_days become 0, min_window_events 0
 * becomes 1, and a threshold that is not a positive finite number becomes
 * ATT_DETECT_THRESHOLD.
 *
 * An alert is raised on the first day whose score exceeds the threshold
 * while no episode is open.  The episode stays open until the score
 * (counted as 0 on days that cannot be tested) has stayed below
 * threshold/2 for max(cooldown_days, 1) consecutive days.  The onset is the
 * day, among the 2*window_days days ending on the alert day, from which on
 * the cumulative log-likelihood ratio of "after" versus "before" (of the
 * winning statistic) is largest: the change-point estimate of a CUSUM run
 * backwards from the alert.
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
 * P(X >= count) <= 10^-ATT_BURST_MIN_SCORE for X ~ Poisson(background). */
#define ATT_BURST_MIN_COUNT 4
#define ATT_BURST_MIN_SCORE 5.0

/* Story bursts: counts[i] is the number of articles of one story cluster
 * on day first_day + i, for i in [0, n_days); background is the typical
 * daily article count of a story (e.g. the median over recent stories).
 * A background below 0.5 (or not finite) is taken as 0.5, so that a story
 * is never compared with a rate of zero.  Every qualifying day is reported
 * (consecutive burst days are not merged).  Writes the first
 * min(found, cap) bursts, in day order, to out and returns how many were
 * found (which may exceed cap).  Time O(n_days + sum of burst counts). */
size_t att_detect_bursts(const uint32_t *counts, size_t n_days, int32_t first_day,
                         double background, att_burst *out, size_t cap);

#endif
