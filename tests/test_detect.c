/* test_detect.c - dyad shift detection, story bursts, synthetic streams. */
#include "test_util.h"

#include <math.h>

#include "../src/analyze/detect.h"
#include "../src/analyze/synth.h"

#define START 19000 /* any day */

static att_synth_spec spec(uint64_t seed, int days, double rate, double p)
{
    att_synth_spec s = {.seed = seed,
                        .days = days,
                        .rate = rate,
                        .conflict_p = p,
                        .goldstein_coop = 3.0,
                        .goldstein_conf = -5.0,
                        .change_day = -1,
                        .new_conflict_p = -1,
                        .new_rate = -1};
    return s;
}

/* Fill out[0..days) from consecutive segments of (days, conflict share) at
 * a fixed rate, each from its own seed. */
static void segments(att_day_obs *out, double rate, const int *len, const double *p, int nseg,
                     uint64_t seed)
{
    int at = 0;
    for (int k = 0; k < nseg; k++) {
        att_synth_spec s = spec(seed + (uint64_t)k, len[k], rate, p[k]);
        att_synth_stream(&s, START + at, out + at);
        at += len[k];
    }
}

static void test_defaults(void **state)
{
    (void)state;
    att_detect_params p;
    att_detect_defaults(&p);
    assert_int_equal(p.baseline_days, 56);
    assert_int_equal(p.window_days, 7);
    assert_int_equal(p.min_history_days, 28);
    assert_int_equal(p.min_baseline_events, 8);
    assert_int_equal(p.min_window_events, 3);
    assert_int_equal(p.cooldown_days, 14);
    assert_true(p.threshold == ATT_DETECT_THRESHOLD);
    assert_true(p.threshold > 2 && p.threshold < 10);
    assert_true(p.cusum_h == ATT_DETECT_CUSUM_H);
    assert_int_equal(p.cusum_baseline_days, ATT_DETECT_CUSUM_BASELINE);
    assert_true(p.cusum_h_events == ATT_DETECT_CUSUM_H_EVENTS);
}

/* A perfectly regular dyad, and synthetic stable ones: (almost) no alert. */
static void test_stable_no_alert(void **state)
{
    (void)state;
    static att_day_obs o[365];
    for (int i = 0; i < 365; i++) {
        att_day_obs d = {START + i, 4, 1, 4 * 1.0};
        o[i] = d;
    }
    assert_int_equal(att_detect_shifts(o, 365, NULL, NULL, 0), 0);

    /* 60 synthetic stable dyad-years across rates and shares.  At the
     * default threshold the eval measures well under 0.2 false alerts per
     * 1000 dyad-days, i.e. about 2 expected here. */
    size_t total = 0;
    for (int k = 0; k < 60; k++) {
        double rate = 0.3 * pow(30.0, (k % 10) / 9.0); /* 0.3 .. 9 */
        att_synth_spec s = spec(1000 + (uint64_t)k, 365, rate, 0.1 + 0.1 * (k % 6));
        att_synth_stream(&s, START, o);
        total += att_detect_shifts(o, 365, NULL, NULL, 0);
    }
    assert_true(total <= 5);
}

/* A step toward conflict: one alert, after the change, soon, direction +1. */
static void test_step_toward_conflict(void **state)
{
    (void)state;
    static att_day_obs o[365];
    att_synth_spec s = spec(42, 365, 5.0, 0.15);
    s.change_day = 200;
    s.new_conflict_p = 0.6;
    att_synth_stream(&s, START, o);
    att_shift sh[8];
    size_t n = att_detect_shifts(o, 365, NULL, sh, 8);
    assert_int_equal(n, 1); /* one episode for a sustained shift */
    assert_true(sh[0].day >= START + 200);
    assert_true(sh[0].day <= START + 200 + 10);
    assert_int_equal(sh[0].direction, 1);
    assert_true(sh[0].score > ATT_DETECT_THRESHOLD);
    assert_true(sh[0].onset >= START + 200 - 3 && sh[0].onset <= sh[0].day);
    assert_true(sh[0].window_share > sh[0].baseline_share + 0.2);
    assert_true(sh[0].baseline_share < 0.3);
    assert_true(sh[0].window_goldstein < sh[0].baseline_goldstein);
    assert_true(sh[0].window_days == 7 || sh[0].window_days == 14 || sh[0].window_days == 28);
}

static void test_step_toward_cooperation(void **state)
{
    (void)state;
    static att_day_obs o[300];
    att_synth_spec s = spec(7, 300, 4.0, 0.6);
    s.change_day = 150;
    s.new_conflict_p = 0.1;
    att_synth_stream(&s, START, o);
    att_shift sh[8];
    size_t n = att_detect_shifts(o, 300, NULL, sh, 8);
    assert_int_equal(n, 1);
    assert_int_equal(sh[0].direction, -1);
    assert_true(sh[0].day >= START + 150 && sh[0].day <= START + 150 + 14);
    assert_true(sh[0].window_share < sh[0].baseline_share);
    assert_true(sh[0].window_goldstein > sh[0].baseline_goldstein);
}

/* The Goldstein test alone: same conflict share, much harsher conflict. */
static void test_goldstein_shift(void **state)
{
    (void)state;
    static att_day_obs o[240];
    att_synth_spec a = spec(11, 140, 6.0, 0.3), b = spec(12, 100, 6.0, 0.3);
    b.goldstein_conf = -10.0;
    b.goldstein_coop = -1.0;
    att_synth_stream(&a, START, o);
    att_synth_stream(&b, START + 140, o + 140);
    att_shift sh[4];
    size_t n = att_detect_shifts(o, 240, NULL, sh, 4);
    assert_int_equal(n, 1);
    assert_int_equal(sh[0].direction, 1);
    assert_true(sh[0].day >= START + 140 && sh[0].day <= START + 150);
    assert_true(fabs(sh[0].window_share - sh[0].baseline_share) < 0.25);
}

/* A quiet dyad (about 3 events a month) with one day of 3 conflict events:
 * the baseline never holds min_baseline_events, so no alert. */
static void test_quiet_dyad_min_support(void **state)
{
    (void)state;
    static att_day_obs o[365];
    att_synth_spec s = spec(5, 365, 0.1, 0.0);
    att_synth_stream(&s, START, o);
    o[250].n += 3;
    o[250].conflict += 3;
    o[250].goldstein_sum += 3 * -8.0;
    assert_int_equal(att_detect_shifts(o, 365, NULL, NULL, 0), 0);

    /* The same day against a sparse but sufficient baseline (a cooperative
     * event every 4 days) stays below the threshold too: 15 days with
     * events give the dispersion estimate few degrees of freedom, and the
     * t reference discounts the statistic accordingly. */
    static att_day_obs q[200];
    size_t nq = 0;
    for (int i = 0; i < 200; i += 4) {
        att_day_obs d = {START + i, 1, 0, 3.0};
        q[nq++] = d;
    }
    att_day_obs burst = {START + 201, 3, 3, -24.0};
    q[nq++] = burst;
    assert_int_equal(att_detect_shifts(q, nq, NULL, NULL, 0), 0);

    /* A busy, wholly cooperative dyad (2 events every day) that suddenly
     * has 3 conflict events in a day (and then carries on as before):
     * tested with 1-day windows (so windows of 1, 2 and 4 days), that day
     * alerts.  No such window ever holds 10 events, and
     * min_window_events = 10 silences the dyad: the minimum is honoured. */
    static att_day_obs r[200];
    for (int i = 0; i < 200; i++) {
        att_day_obs d = {START + i, 2, 0, 6.0};
        r[i] = d;
    }
    r[150].n = 3;
    r[150].conflict = 3;
    r[150].goldstein_sum = -15.0;
    att_detect_params p;
    att_detect_defaults(&p);
    p.window_days = 1;
    att_shift sh[4];
    assert_int_equal(att_detect_shifts(r, 200, &p, sh, 4), 1);
    assert_int_equal(sh[0].day, START + 150);
    assert_int_equal(sh[0].onset, START + 150);
    assert_int_equal(sh[0].direction, 1);
    assert_true(sh[0].window_share == 1.0 && sh[0].baseline_share == 0.0);
    p.min_window_events = 10;
    assert_int_equal(att_detect_shifts(r, 200, &p, NULL, 0), 0);
}

/* Missing days count as zero-event days; long silences are skipped. */
static void test_gaps(void **state)
{
    (void)state;
    static att_day_obs full[365], sparse[365];
    att_synth_spec s = spec(99, 365, 0.8, 0.2);
    s.change_day = 180;
    s.new_conflict_p = 0.8;
    att_synth_stream(&s, START, full);
    size_t ns = 0;
    for (int i = 0; i < 365; i++)
        if (full[i].n > 0)
            sparse[ns++] = full[i];
    assert_true(ns < 330); /* there really are gaps */
    /* keep the same first and last day */
    if (full[0].n == 0) {
        memmove(sparse + 1, sparse, ns * sizeof *sparse);
        sparse[0] = full[0];
        ns++;
    }
    if (full[364].n == 0)
        sparse[ns++] = full[364];
    att_shift a[8], b[8];
    size_t na = att_detect_shifts(full, 365, NULL, a, 8);
    size_t nb = att_detect_shifts(sparse, ns, NULL, b, 8);
    assert_true(na >= 1);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].day, b[i].day);
        assert_int_equal(a[i].onset, b[i].onset);
        assert_int_equal(a[i].direction, b[i].direction);
        assert_true(fabs(a[i].score - b[i].score) < 1e-9);
    }

    /* Two entries at the ends of the int32 range: no overflow, no day-by-day
     * walk over four billion days, nothing to report. */
    att_day_obs ends[2] = {{INT32_MIN, 50, 10, 0.0}, {INT32_MAX, 50, 40, -100.0}};
    assert_int_equal(att_detect_shifts(ends, 2, NULL, NULL, 0), 0);

    /* Several entries for one day add up: splitting each day in two gives
     * the same result. */
    static att_day_obs split[730];
    size_t nsp = 0;
    for (int i = 0; i < 365; i++) {
        att_day_obs x = full[i], y = full[i];
        x.n = full[i].n / 2;
        x.conflict = full[i].conflict < x.n ? full[i].conflict : x.n;
        x.goldstein_sum = full[i].goldstein_sum / 2;
        y.n = full[i].n - x.n;
        y.conflict = full[i].conflict - x.conflict;
        y.goldstein_sum = full[i].goldstein_sum - x.goldstein_sum;
        split[nsp++] = x;
        split[nsp++] = y;
    }
    size_t nc = att_detect_shifts(split, nsp, NULL, b, 8);
    assert_int_equal(nc, na);
    assert_int_equal(b[0].day, a[0].day);
    assert_int_equal(b[0].direction, a[0].direction);
}

/* A 30-day crisis then calm: one episode (the return to calm belongs to
 * it); a second crisis after the baseline has recovered: a second alert. */
static void test_cooldown_episodes(void **state)
{
    (void)state;
    static att_day_obs o[400];
    const int len[] = {120, 30, 130, 120};
    const double p[] = {0.1, 0.6, 0.1, 0.6};
    segments(o, 5.0, len, p, 4, 300);
    att_shift sh[8];
    size_t n = att_detect_shifts(o, 400, NULL, sh, 8);
    assert_int_equal(n, 2);
    assert_int_equal(sh[0].direction, 1);
    assert_int_equal(sh[1].direction, 1);
    assert_true(sh[0].day >= START + 120 && sh[0].day <= START + 130);
    assert_true(sh[1].day >= START + 280 && sh[1].day <= START + 290);

    /* A cooldown longer than the calm merges both into one episode. */
    att_detect_params P;
    att_detect_defaults(&P);
    P.cooldown_days = 200;
    assert_int_equal(att_detect_shifts(o, 400, &P, sh, 8), 1);

    /* cap: the count is complete, only cap entries are written. */
    att_shift one[2];
    memset(one, 0x5A, sizeof one);
    assert_int_equal(att_detect_shifts(o, 400, NULL, one, 1), 2);
    assert_int_equal(one[0].day, sh[0].day);
    unsigned char guard[sizeof one[1]];
    memset(guard, 0x5A, sizeof guard);
    assert_memory_equal(&one[1], guard, sizeof guard);
}

static void test_degenerate_input(void **state)
{
    (void)state;
    att_shift sh[2];
    assert_int_equal(att_detect_shifts(NULL, 10, NULL, sh, 2), 0);
    att_day_obs one = {START, 5, 9, NAN}; /* conflict > n, NaN sum */
    assert_int_equal(att_detect_shifts(&one, 0, NULL, sh, 2), 0);
    assert_int_equal(att_detect_shifts(&one, 1, NULL, sh, 2), 0);
    /* Nonsense parameters are repaired, not trusted. */
    static att_day_obs o[200];
    att_synth_spec s = spec(3, 200, 3.0, 0.2);
    att_synth_stream(&s, START, o);
    att_detect_params p = {.baseline_days = -5, .window_days = 0, .min_history_days = -1,
                           .min_baseline_events = 0, .min_window_events = 0, .threshold = NAN,
                           .cooldown_days = -3};
    size_t n = att_detect_shifts(o, 200, &p, sh, 2);
    assert_true(n < 200);
}

/* Bursts. */
static void test_bursts(void **state)
{
    (void)state;
    uint32_t flat[60];
    for (int i = 0; i < 60; i++)
        flat[i] = 2 + (uint32_t)(i % 3 == 0); /* 2-3 articles a day */
    att_burst b[4];
    assert_int_equal(att_detect_bursts(flat, 60, START, 2.5, b, 4), 0);

    flat[40] = 20;
    size_t n = att_detect_bursts(flat, 60, START, 2.5, b, 4);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].day, START + 40);
    assert_int_equal(b[0].count, 20);
    assert_int_equal(b[0].expected, 3); /* 2.5 rounded */
    assert_true(b[0].score > ATT_BURST_MIN_SCORE);
    /* P(X >= 20 | 2.5) is about 3.7e-12 */
    assert_true(fabs(b[0].score - 11.43) < 0.1);

    /* Fewer than ATT_BURST_MIN_COUNT articles are never a burst, however
     * small the background (which is floored at 0.5). */
    uint32_t few[3] = {0, 3, 0};
    assert_int_equal(att_detect_bursts(few, 3, START, 0.0, b, 4), 0);
    uint32_t some[3] = {0, 9, 0};
    assert_int_equal(att_detect_bursts(some, 3, START, 0.0, b, 4), 1);
    assert_int_equal(b[0].expected, 1); /* 0.5 rounds away from zero */
    /* A busy background absorbs the same count. */
    assert_int_equal(att_detect_bursts(some, 3, START, 6.0, b, 4), 0);
    assert_int_equal(att_detect_bursts(NULL, 3, START, 1.0, b, 4), 0);
    assert_int_equal(att_detect_bursts(some, 3, START, 1.0, NULL, 0), 1);
}

/* Synthetic streams: deterministic, and with the rates asked for. */
static void test_synth(void **state)
{
    (void)state;
    static att_day_obs a[2000], b[2000];
    att_synth_spec s = spec(123, 2000, 4.0, 0.25);
    s.change_day = 1000;
    s.new_rate = 8.0;
    s.new_conflict_p = 0.5;
    att_synth_stream(&s, START, a);
    att_synth_stream(&s, START, b);
    assert_memory_equal(a, b, sizeof a);
    s.seed = 124;
    att_synth_stream(&s, START, b);
    assert_true(memcmp(a, b, sizeof a) != 0);

    double n0 = 0, x0 = 0, g0 = 0, n1 = 0, x1 = 0;
    for (int i = 0; i < 2000; i++) {
        assert_int_equal(a[i].day, START + i);
        assert_true(a[i].conflict <= a[i].n);
        if (i < 1000) {
            n0 += a[i].n;
            x0 += a[i].conflict;
            g0 += a[i].goldstein_sum;
        } else {
            n1 += a[i].n;
            x1 += a[i].conflict;
        }
    }
    assert_true(fabs(n0 / 1000 - 4.0) < 0.25);
    assert_true(fabs(n1 / 1000 - 8.0) < 0.4);
    assert_true(fabs(x0 / n0 - 0.25) < 0.03);
    assert_true(fabs(x1 / n1 - 0.5) < 0.03);
    /* mean weight: 0.75 * 3 + 0.25 * -5 = 1.0 */
    assert_true(fabs(g0 / n0 - 1.0) < 0.2);

    /* Clustered: same mean rate, overdispersed days, unit 1 = plain. */
    static att_day_obs c[2000];
    att_synth_spec t = spec(77, 2000, 3.0, 0.3);
    att_synth_stream_clustered(&t, 4.0, START, c);
    double m = 0, v = 0;
    for (int i = 0; i < 2000; i++)
        m += c[i].n;
    m /= 2000;
    for (int i = 0; i < 2000; i++)
        v += (c[i].n - m) * (c[i].n - m);
    v /= 1999;
    assert_true(fabs(m - 3.0) < 0.3);
    assert_true(v > 2.0 * m);
    att_synth_stream(&t, START, a);
    att_synth_stream_clustered(&t, 1.0, START, b);
    assert_memory_equal(a, b, sizeof a);

    /* Nothing is written for days <= 0. */
    att_synth_spec z = spec(1, 0, 3.0, 0.3);
    memset(c, 0x33, sizeof c[0]);
    att_synth_stream(&z, START, c);
    unsigned char guard[sizeof c[0]];
    memset(guard, 0x33, sizeof guard);
    assert_memory_equal(&c[0], guard, sizeof guard);
}

/* The CUSUM catches a clear turn (conflict share 0.14 -> 0.6 at 4 events a
 * day) within days: over 31 fixed streams the median delay is at most 5
 * days, and shorter than with the window tests alone (cusum_h so high that
 * the CUSUM never wins), which need about a week. */
static int first_delay(const att_day_obs *o, size_t n, const att_detect_params *p, int change)
{
    att_shift sh[16];
    size_t ns = att_detect_shifts(o, n, p, sh, 16);
    for (size_t i = 0; i < ns && i < 16; i++) {
        if (sh[i].day < START + change)
            return -1; /* a false alert before the turn */
        return sh[i].direction > 0 ? sh[i].day - START - change : 1000;
    }
    return 1000;
}

/* Delay of the first alert toward conflict on or after day `change` (alerts
 * before it are ignored); 1000 if none. */
static int first_delay_after(const att_day_obs *o, size_t n, const att_detect_params *p, int change)
{
    att_shift sh[16];
    size_t ns = att_detect_shifts(o, n, p, sh, 16);
    for (size_t i = 0; i < ns && i < 16; i++)
        if (sh[i].day >= START + change && sh[i].direction > 0)
            return sh[i].day - START - change;
    return 1000;
}

static int cmp_int_(const void *a, const void *b)
{
    return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

static void test_cusum_fast_turn(void **state)
{
    (void)state;
    static att_day_obs o[240];
    int with[31], without[31];
    att_detect_params p, q;
    att_detect_defaults(&p);
    q = p;
    q.cusum_h = 1e9;
    for (int k = 0; k < 31; k++) {
        att_synth_spec s = spec(1000 + (uint64_t)k, 240, 4.0, 0.14);
        s.change_day = 150;
        s.new_conflict_p = 0.6;
        att_synth_stream(&s, START, o);
        with[k] = first_delay(o, 240, &p, 150);
        without[k] = first_delay(o, 240, &q, 150);
    }
    qsort(with, 31, sizeof *with, cmp_int_);
    qsort(without, 31, sizeof *without, cmp_int_);
    assert_true(with[15] <= 5);
    assert_true(with[15] < without[15]);
    /* and no alert at all before the turn in any of these streams */
    for (int k = 0; k < 31; k++)
        assert_true(with[k] >= 0);
}

/* The CUSUMs' own reference and the limit's price for an uncertain one:
 * - cusum_baseline_days below 1 is repaired to baseline_days (the same
 *   alerts as asking for baseline_days);
 * - the reference is cusum_baseline_days long: 90 days at a share of 0.5
 *   that ended 100 days before a turn from 0.15 back to 0.5 still count
 *   with a 200-day reference, so the turn is found later (or not) than
 *   with the 56-day one, which has forgotten them;
 * - a larger cusum_h_events never alerts earlier, and a huge one leaves
 *   only the window tests. */
static void test_cusum_reference(void **state)
{
    (void)state;
    static att_day_obs o[400];
    att_shift a[16], b[16];
    att_detect_params p, q;
    att_detect_defaults(&p);

    /* repair of cusum_baseline_days */
    att_synth_spec s = spec(77, 300, 3.0, 0.15);
    s.change_day = 200;
    s.new_conflict_p = 0.55;
    att_synth_stream(&s, START, o);
    p.cusum_baseline_days = 0;
    q = p;
    q.cusum_baseline_days = q.baseline_days;
    size_t na = att_detect_shifts(o, 300, &p, a, 16), nb = att_detect_shifts(o, 300, &q, b, 16);
    assert_int_equal(na, nb);
    assert_true(na >= 1);
    for (size_t i = 0; i < na && i < 16; i++)
        assert_int_equal(a[i].day, b[i].day);

    /* the reference's length: calm, conflictual past, calm, turn at day 250 */
    int len[] = {60, 90, 100, 80};
    double sh[] = {0.15, 0.5, 0.15, 0.5};
    int later = 0, earlier = 0;
    for (int k = 0; k < 15; k++) {
        segments(o, 3.0, len, sh, 4, 5000 + 10 * (uint64_t)k);
        att_detect_defaults(&p);
        p.cusum_baseline_days = 56;
        q = p;
        q.cusum_baseline_days = 200;
        int d56 = first_delay_after(o, 330, &p, 250), d200 = first_delay_after(o, 330, &q, 250);
        later += d200 > d56;
        earlier += d200 < d56;
    }
    assert_true(later > earlier);

    /* the limit's term */
    int dl[3][21];
    static const double hev[3] = {0, ATT_DETECT_CUSUM_H_EVENTS, 1e6};
    for (int k = 0; k < 21; k++) {
        att_synth_spec t = spec(3000 + (uint64_t)k, 260, 1.5, 0.15);
        t.change_day = 180;
        t.new_conflict_p = 0.6;
        att_synth_stream(&t, START, o);
        for (int h = 0; h < 3; h++) {
            att_detect_defaults(&p);
            p.cusum_h_events = hev[h];
            dl[h][k] = first_delay_after(o, 260, &p, 180);
        }
        assert_true(dl[0][k] <= dl[1][k]);
        assert_true(dl[1][k] <= dl[2][k]);
    }
    qsort(dl[1], 21, sizeof dl[1][0], cmp_int_);
    qsort(dl[2], 21, sizeof dl[2][0], cmp_int_);
    assert_true(dl[1][10] < dl[2][10]); /* the CUSUM still wins at 1.5 events a day */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_stable_no_alert),
        cmocka_unit_test(test_step_toward_conflict),
        cmocka_unit_test(test_step_toward_cooperation),
        cmocka_unit_test(test_goldstein_shift),
        cmocka_unit_test(test_quiet_dyad_min_support),
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_cooldown_episodes),
        cmocka_unit_test(test_degenerate_input),
        cmocka_unit_test(test_bursts),
        cmocka_unit_test(test_synth),
        cmocka_unit_test(test_cusum_fast_turn),
        cmocka_unit_test(test_cusum_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
