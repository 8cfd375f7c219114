/*
 * stats_math.h
 *		Pure numeric helpers behind the interval and significance functions:
 *		the standard normal distribution, the NPS multinomial variance and
 *		confidence intervals for NPS and for simple proportions.
 *
 * Everything works on the fraction scale (NPS in [-1, 1], proportions in
 * [0, 1]); callers multiply by 100 for points or percent.  Counts are
 * doubles so that weighted (Kish effective) counts work unchanged.  Callers
 * guarantee n > 0; n is promoters + passives + detractors where the three
 * counts are passed, or, for weighted summaries, the effective sample size
 * the three are scaled to (their sum then agrees with it up to rounding).
 * See docs/metrics.md for the formulas.
 */
#ifndef NPS_EXT_STATS_MATH_H
#define NPS_EXT_STATS_MATH_H

/* Standard normal distribution */
extern double normal_cdf(double x);
extern double normal_quantile(double p);
extern double confidence_z(double confidence);

/* NPS multinomial variance V = pP + pD - (pP - pD)^2, from the counts */
extern double nps_variance(double promoters, double passives, double detractors, double n);

/* p (1 - p) of the proportion successes / n, from the counts */
extern double proportion_variance(double successes, double failures, double n);

typedef struct ConfidenceInterval
{
	double		lower;
	double		upper;
} ConfidenceInterval;

/* NPS intervals (Rocks 2016); n = promoters + passives + detractors */
extern ConfidenceInterval nps_interval_wald(double promoters, double passives,
								  double detractors, double z);
extern ConfidenceInterval nps_interval_adjusted_wald(double promoters, double passives,
										   double detractors, double z);
extern ConfidenceInterval nps_interval_score(double promoters, double passives,
								   double detractors, double z);

/* Intervals for a proportion successes / n, n = successes + failures (or the
 * effective sample size they are scaled to) */
extern ConfidenceInterval proportion_interval_wilson(double successes, double failures,
										   double n, double z);
extern ConfidenceInterval proportion_interval_wald(double successes, double failures,
										 double n, double z);

#endif							/* NPS_EXT_STATS_MATH_H */
