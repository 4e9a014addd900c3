/*
 * synth.c - synthetic dyad streams (see synth.h).
 */
#include "synth.h"

#include <math.h>

/* splitmix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a
 * constant and mixed; passes BigCrush, fine for simulation. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unif(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Standard normal (Box-Muller; one of the pair is discarded). */
static double rng_normal(rng *r)
{
    double u = 1.0 - rng_unif(r); /* (0, 1] */
    double v = rng_unif(r);
    return sqrt(-2.0 * log(u)) * cos(6.28318530717958647692 * v);
}

/* Poisson(lambda): Knuth's product-of-uniforms method on pieces of at most
 * 16, whose sum is Poisson(lambda); O(lambda) uniforms. */
static uint32_t rng_poisson(rng *r, double lambda)
{
    uint32_t k = 0;
    while (lambda > 0) {
        double piece = lambda > 16 ? 16 : lambda;
        lambda -= piece;
        double limit = exp(-piece), prod = rng_unif(r);
        while (prod > limit) {
            k++;
            prod *= rng_unif(r);
        }
    }
    return k;
}

static double clamp01(double p)
{
    return p > 0 ? (p < 1 ? p : 1) : 0; /* NaN -> 0 */
}

static double finite_or0(double x)
{
    return isfinite(x) ? x : 0.0;
}

/* Geometric on {0, 1, ...} with mean m (m > 0). */
static uint32_t rng_geometric(rng *r, double m)
{
    double q = m / (1.0 + m); /* P(X >= k+1 | X >= k) */
    uint32_t k = 0;
    while (rng_unif(r) < q && k < 100000)
        k++;
    return k;
}

static double clamp_weight(double w)
{
    return w < -10 ? -10 : w > 10 ? 10 : w;
}

static void generate(const att_synth_spec *spec, double per_incident, int32_t start_day, att_day_obs *out)
{
    if (!spec || !out || spec->days <= 0)
        return;
    rng r = {spec->seed ^ 0x6A09E667F3BCC909ull};
    double rate0 = spec->rate >= 0 && isfinite(spec->rate) ? spec->rate : 0;
    double p0 = clamp01(spec->conflict_p);
    double rate1 = spec->new_rate < 0 ? rate0
                   : isfinite(spec->new_rate) ? spec->new_rate
                                              : 0;
    double p1 = spec->new_conflict_p < 0 ? p0 : clamp01(spec->new_conflict_p);
    double gcoop = finite_or0(spec->goldstein_coop), gconf = finite_or0(spec->goldstein_conf);
    int change = spec->change_day >= 0 && spec->change_day < spec->days ? spec->change_day : -1;
    int clustered = per_incident > 1 && isfinite(per_incident);
    /* Clustered: the weight's variance is split between the incident and
     * the event, the total staying ATT_SYNTH_GOLDSTEIN_SD^2. */
    const double sd_inc = ATT_SYNTH_GOLDSTEIN_SD * 0.8, sd_ev = ATT_SYNTH_GOLDSTEIN_SD * 0.6;

    for (int i = 0; i < spec->days; i++) {
        int after = change >= 0 && i >= change;
        double rate = after ? rate1 : rate0, p = after ? p1 : p0;
        att_day_obs *o = &out[i];
        o->day = (int32_t)((int64_t)start_day + i);
        o->n = 0;
        o->conflict = 0;
        o->goldstein_sum = 0;
        if (!clustered) {
            o->n = rng_poisson(&r, rate);
            for (uint32_t e = 0; e < o->n; e++) {
                int conf = rng_unif(&r) < p;
                double w = (conf ? gconf : gcoop) + ATT_SYNTH_GOLDSTEIN_SD * rng_normal(&r);
                o->conflict += (uint32_t)conf;
                o->goldstein_sum += clamp_weight(w);
            }
            continue;
        }
        uint32_t incidents = rng_poisson(&r, rate / per_incident);
        for (uint32_t k = 0; k < incidents; k++) {
            uint32_t size = 1 + rng_geometric(&r, per_incident - 1);
            int conf = rng_unif(&r) < p;
            double mean = (conf ? gconf : gcoop) + sd_inc * rng_normal(&r);
            for (uint32_t e = 0; e < size; e++)
                o->goldstein_sum += clamp_weight(mean + sd_ev * rng_normal(&r));
            o->n += size;
            o->conflict += conf ? size : 0;
        }
    }
}

void att_synth_stream(const att_synth_spec *spec, int32_t start_day, att_day_obs *out)
{
    generate(spec, 1.0, start_day, out);
}

void att_synth_stream_clustered(const att_synth_spec *spec, double events_per_incident, int32_t start_day,
                                att_day_obs *out)
{
    generate(spec, events_per_incident, start_day, out);
}
