/*
 * synth.h - synthetic daily event streams of one dyad with a known turning
 * point, to test and evaluate change detection (detect.h).
 *
 * Model, for each day i in [0, days):
 *   events      n_i ~ Poisson(rate)            (new_rate from change_day on)
 *   conflict    each event is conflictual (QuadClass 3-4) with
 *               probability conflict_p        (new_conflict_p from change_day on)
 *   Goldstein   each event's weight is goldstein_conf (conflict) or
 *               goldstein_coop (otherwise) plus Gaussian noise of standard
 *               deviation ATT_SYNTH_GOLDSTEIN_SD, clamped to [-10, +10]
 * Events are independent, days are independent: a "stable" stream is
 * exactly the null hypothesis of the detector.
 *
 * The generator is its own (splitmix64), so a stream depends only on the
 * spec: the same spec gives the same stream on every platform and run.
 *
 * Ownership: both functions read *spec and write the caller's array; they
 * allocate nothing and are thread-safe.
 * Errors: none; out-of-range values are repaired as documented below.
 */
#ifndef ATT_SYNTH_H
#define ATT_SYNTH_H

#include <stdint.h>

#include "detect.h"

/* Standard deviation of one event's Goldstein weight around its class mean. */
#define ATT_SYNTH_GOLDSTEIN_SD 2.0

typedef struct att_synth_spec {
    uint64_t seed;         /* any value, 0 included */
    int days;              /* length of the stream */
    double rate;           /* mean events/day (Poisson) */
    double conflict_p;     /* probability that an event is conflictual */
    double goldstein_coop; /* mean weight of a cooperative event */
    double goldstein_conf; /* mean weight of a conflictual event */
    int change_day;        /* index of the first changed day; -1: none */
    double new_conflict_p; /* conflict_p from change_day on; negative: unchanged */
    double new_rate;       /* rate from change_day on; negative: unchanged */
} att_synth_spec;

/* Fill out[0..days) with out[i].day = start_day + i; out must have room
 * for spec->days entries (nothing is written when days <= 0).
 * Repairs: a rate that is negative or not finite is 0; probabilities are
 * clamped to [0, 1] (NaN is 0); a change_day outside [0, days) means no
 * change; non-finite Goldstein means are 0. */
void att_synth_stream(const att_synth_spec *spec, int32_t start_day, att_day_obs *out);

/* Like att_synth_stream(), but events come in incidents, as news does: one
 * incident is coded as several events of the same day.  Incidents per day
 * ~ Poisson(rate / events_per_incident); an incident has 1 + G events,
 * G geometric with mean events_per_incident - 1, all conflictual (with
 * probability conflict_p) or all cooperative; their weights share the
 * incident's deviation from the class mean (standard deviation
 * 0.8 * ATT_SYNTH_GOLDSTEIN_SD) plus their own (0.6 * ..._SD).  The mean
 * number of events per day stays rate; the daily counts and conflict
 * counts are overdispersed.  events_per_incident <= 1 (or not finite)
 * gives exactly att_synth_stream()'s output. */
void att_synth_stream_clustered(const att_synth_spec *spec, double events_per_incident, int32_t start_day,
                                att_day_obs *out);

#endif
