/*
 * stats_math.c
 *		Standard normal distribution, NPS variance and confidence intervals
 *		for NPS and for proportions, in plain double arithmetic.
 *
 * Nothing here touches PostgreSQL data types or raises errors: callers
 * validate their arguments (n > 0, 0 < p < 1, z >= 0) and convert results.
 * Keeping the numerics separate lets them be checked against published
 * oracles by a standalone test program.
 *
 * All NPS values are on the fraction scale [-1, 1].  Counts are doubles so
 * that survey-weighted counts (Kish effective sample sizes) can be passed
 * unchanged.  Formulas follow docs/metrics.md and Rocks (2016),
 * "Interval estimation for the Net Promoter Score", The American
 * Statistician.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "stats_math.h"

/* Not every libc exposes M_SQRT2 etc. under strict C99, so spell them out. */
#define SM_SQRT2		1.41421356237309504880	/* sqrt(2) */
#define SM_SQRT_2PI		2.50662827463100050242	/* sqrt(2 * pi) */

/* Acklam's approximation switches to its tail formula below this p. */
#define ACKLAM_P_LOW	0.02425

/*
 * Bisection from [-1, 1] reaches adjacent doubles within about 70 halvings
 * except next to 0; this cap bounds that case far below any tolerance.
 */
#define SCORE_MAX_ITERATIONS	200

static inline double
clamp(double x, double lo, double hi)
{
	if (x < lo)
		return lo;
	if (x > hi)
		return hi;
	return x;
}

static inline ConfidenceInterval
make_interval(double lower, double upper)
{
	ConfidenceInterval	result;

	result.lower = lower;
	result.upper = upper;
	return result;
}

/*
 * Phi(x).  erfc keeps full relative accuracy in the lower tail, where
 * 1 + erf(x / sqrt 2) would cancel to zero long before the answer does.
 */
double
normal_cdf(double x)
{
	return 0.5 * erfc(-x / SM_SQRT2);
}

/*
 * Phi^-1(p) for 0 < p < 1; p <= 0 gives -Inf, p >= 1 +Inf, NaN stays NaN.
 *
 * Peter Acklam's rational approximation (relative error 1.15e-9) followed by
 * one Halley step, which triples the number of correct digits and so lands
 * at double precision.  The step needs Phi(x) - p computed without
 * cancellation:
 *
 * - p > 0.5 is reflected to 1 - p, which is exact there (Sterbenz), so only
 *   the lower half is ever refined and the upper tail keeps full accuracy
 *   instead of being limited by the spacing of doubles just below 1.
 * - For 0.25 <= p < 0.5, x is near 0 and Phi(x) is near 0.5; writing
 *   Phi(x) - p as 0.5 * erf(x / sqrt 2) + (0.5 - p), with 0.5 - p exact,
 *   keeps relative accuracy for tiny x, which erfc alone would lose.
 * - Below 0.25, 0.5 * erfc(-x / sqrt 2) is accurate relative to p itself.
 */
double
normal_quantile(double p)
{
	static const double a[6] = {
		-3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02,
		-3.066479806614716e+01, 2.506628277459239e+00
	};
	static const double b[5] = {
		-5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01,
		-1.328068155288572e+01
	};
	static const double c[6] = {
		-7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00,
		4.374664141464968e+00, 2.938163982698783e+00
	};
	static const double d[4] = {
		7.784695709041462e-03, 3.224671290700398e-01,
		2.445134137142996e+00, 3.754408661907416e+00
	};
	double		x;
	double		err;
	double		density;

	if (isnan(p))
		return p;
	if (p <= 0.0)
		return -INFINITY;
	if (p >= 1.0)
		return INFINITY;
	if (p > 0.5)
		return -normal_quantile(1.0 - p);
	if (p == 0.5)
		return 0.0;

	if (p < ACKLAM_P_LOW)
	{
		double		q = sqrt(-2.0 * log(p));

		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	else
	{
		double		q = p - 0.5;
		double		r = q * q;

		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
	}

	if (p >= 0.25)
		err = 0.5 * erf(x / SM_SQRT2) + (0.5 - p);
	else
		err = 0.5 * erfc(-x / SM_SQRT2) - p;

	/*
	 * Halley step x -= u / (1 + x u / 2), u = err / phi(x).  For p so small
	 * that phi(x) is subnormal (x below about -37.6) the step would divide
	 * by a number with almost no precision, so keep the approximation.
	 */
	density = exp(-0.5 * x * x) / SM_SQRT_2PI;
	if (density >= DBL_MIN)
	{
		double		u = err / density;

		x -= u / (1.0 + 0.5 * x * u);
	}
	return x;
}

/*
 * Two-sided critical value: z = Phi^-1(1 - (1 - confidence) / 2).
 *
 * Computed as -Phi^-1((1 - confidence) / 2), which is the same number but
 * skips forming 1 - alpha/2, a rounding step that would cost up to an ulp.
 * 1 - confidence is exact for the usual confidence >= 0.5.
 */
double
confidence_z(double confidence)
{
	return 0.0 - normal_quantile(0.5 * (1.0 - confidence));	/* never -0 */
}

/*
 * Variance of one response's y = +1/0/-1 under the multinomial model,
 * E[y^2] - E[y]^2 = pP + pD - (pP - pD)^2, formed from the counts as
 * (Pa (P + D) + 4 P D) / n^2: a sum of non-negative terms, so it keeps full
 * precision where the shares nearly cancel (one detractor among 1e9
 * promoters) instead of losing it to the difference.  n is P + Pa + D, or
 * the effective sample size the weighted counts are scaled to.
 */
double
nps_variance(double promoters, double passives, double detractors, double n)
{
	return (passives * (promoters + detractors) + 4.0 * promoters * detractors) / (n * n);
}

/*
 * p (1 - p) of a proportion, from the counts: successes * failures / n^2,
 * accurate to a few ulps where 1 - p would cancel.
 */
double
proportion_variance(double successes, double failures, double n)
{
	return successes * failures / (n * n);
}

/*
 * Wald: NPS +/- z * sqrt(V / n).  The clamp matters near the ends: with
 * (D, Pa, P) = (0, 1, 9) the upper limit would be 1.086, an impossible NPS.
 * With only promoters V = 0 and the interval degenerates to [1, 1], which
 * is why the adjusted and score intervals exist.
 */
ConfidenceInterval
nps_interval_wald(double promoters, double passives, double detractors,
				  double z)
{
	double		n = promoters + passives + detractors;
	double		nps = (promoters - detractors) / n;
	double		margin = z * sqrt(nps_variance(promoters, passives, detractors, n) / n);

	return make_interval(clamp(nps - margin, -1.0, 1.0),
						 clamp(nps + margin, -1.0, 1.0));
}

/*
 * Adjusted Wald (Rocks 2016): add 3 pseudo-observations split
 * (D, Pa, P) += (0.75, 1.5, 0.75), then Wald on the adjusted counts.  The
 * pseudo-counts keep V' > 0 at the extremes and pull the centre toward 0,
 * which gives close to nominal coverage even for small n.
 */
ConfidenceInterval
nps_interval_adjusted_wald(double promoters, double passives,
						   double detractors, double z)
{
	double		adj_promoters = promoters + 0.75;
	double		adj_passives = passives + 1.5;
	double		adj_detractors = detractors + 0.75;
	double		adj_n = promoters + passives + detractors + 3.0;
	double		nps = (adj_promoters - adj_detractors) / adj_n;
	double		margin = z * sqrt(nps_variance(adj_promoters, adj_passives,
											   adj_detractors, adj_n) / adj_n);

	return make_interval(clamp(nps - margin, -1.0, 1.0),
						 clamp(nps + margin, -1.0, 1.0));
}

/*
 * Restricted variance n * Var(y) / n = pP + pD - delta^2 at the maximum-
 * likelihood estimates of the three shares under pP - pD = delta, which is
 * 2q + delta (1 - delta) with q the restricted estimate of pD: the larger
 * root of A q^2 + B q + C = 0 (docs/metrics.md).
 *
 * For delta < 0 the sum 2q + delta (1 - delta) cancels badly (q -> 1 while
 * delta (1 - delta) -> -2 near delta = -1), which cost about 1e-12 in the
 * limits for n near 1e6.  Swapping promoters with detractors and delta with
 * -delta describes the same distribution seen from the other side, so that
 * case is evaluated mirrored; for delta >= 0 both terms are non-negative.
 * The mirroring also makes S(P, D, delta) = -S(D, P, -delta) hold exactly,
 * so intervals of mirrored counts are exact mirror images.
 *
 * With delta >= 0, C <= 0 and the discriminant B^2 - 4AC is a sum of
 * non-negative terms.  The textbook root (sqrt(disc) - B) / (2A) still
 * cancels when B > 0, so that case uses the equivalent 2C / (-B - sqrt(disc)).
 */
static double
restricted_variance(double promoters, double detractors, double n,
					double delta)
{
	double		qa;
	double		qb;
	double		qc;
	double		root;
	double		q;

	if (delta < 0.0)
	{
		double		swap = promoters;

		promoters = detractors;
		detractors = swap;
		delta = -delta;
	}

	qa = 2.0 * n;
	qb = -detractors - promoters + (2.0 * n - promoters + detractors) * delta;
	qc = -detractors * delta * (1.0 - delta);
	root = sqrt(qb * qb - 4.0 * qa * qc);

	if (qb <= 0.0)
		q = (root - qb) / (2.0 * qa);
	else
		q = 2.0 * qc / (-qb - root);

	return 2.0 * q + delta * (1.0 - delta);
}

/*
 * Sign-carrying form of S(delta) - t for the score interval, evaluated as
 *
 *		(P - D - n delta) - t * sqrt(n * restricted_variance)
 *
 * which has the sign of S(delta) - t whenever the variance is positive and
 * stays finite at delta = -1 and +1, where the restricted variance is 0 and
 * S itself would be +-Inf or 0/0.
 */
static double
score_excess(double promoters, double detractors, double n, double delta,
			 double t)
{
	double		var = restricted_variance(promoters, detractors, n, delta);
	double		num = promoters - detractors - n * delta;

	/*
	 * Inside (-1, 1) both vanish together only for all passives at
	 * delta = 0, where S tends to 0 from both sides; returning 0 there
	 * would push both limits below 0 instead of making them symmetric.
	 */
	if (var <= 0.0 && num == 0.0)
		return -t;

	/* var is never negative as computed; the guard only keeps sqrt() safe */
	return num - t * sqrt(var > 0.0 ? n * var : 0.0);
}

/*
 * Root of S(delta) = t in [-1, 1].  S decreases from +Inf at -1 to -Inf at
 * +1 (when neither end is the degenerate all-detractor or all-promoter
 * case, which the caller handles), so bisection is guaranteed to converge.
 * It runs until the bracket is two adjacent doubles, i.e. to full precision
 * (about 1e-16 here, far inside the 1e-9 requirement): some 55 to 70
 * halvings unless a limit lies very close to 0, where the iteration cap
 * ends it at a distance below 1e-60.  Robustness matters more than the
 * few dozen evaluations a faster method would save.
 */
static double
score_root(double promoters, double detractors, double n, double t)
{
	double		lo = -1.0;
	double		hi = 1.0;
	int			i;

	for (i = 0; i < SCORE_MAX_ITERATIONS; i++)
	{
		double		mid = 0.5 * (lo + hi);
		double		excess;

		if (mid <= lo || mid >= hi)
			break;
		excess = score_excess(promoters, detractors, n, mid, t);

		/*
		 * Stopping at an exact zero, rather than moving one end onto it,
		 * keeps intervals of mirrored counts (P and D swapped) exact mirror
		 * images: near the root S is flat at rounding level and hits 0.
		 */
		if (excess == 0.0)
			return mid;
		if (excess > 0.0)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

/*
 * Score (Tango) interval: lower limit solves S = +z, upper solves S = -z.
 * Unlike Wald it stays informative at the extremes: with only promoters the
 * upper limit is exactly 1 but the lower one is well below 1.  The exact
 * ends are set directly because there S is 0/0 at the boundary and
 * bisection would stop one ulp short.
 */
ConfidenceInterval
nps_interval_score(double promoters, double passives, double detractors,
				   double z)
{
	double		n = promoters + passives + detractors;
	double		lower;
	double		upper;

	if (promoters == 0.0 && passives == 0.0)
		lower = -1.0;			/* D = n */
	else
		lower = score_root(promoters, detractors, n, z);

	if (detractors == 0.0 && passives == 0.0)
		upper = 1.0;			/* P = n */
	else
		upper = score_root(promoters, detractors, n, -z);

	return make_interval(lower, upper);
}

/*
 * Wilson score interval:
 *		(p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
 * At p = 0 or 1 the formula gives exactly 0 or 1 in exact arithmetic; set
 * those ends directly rather than trust rounding to cancel.
 */
ConfidenceInterval
proportion_interval_wilson(double successes, double failures, double n, double z)
{
	double		p = successes / n;
	double		z2 = z * z;
	double		denom = 1.0 + z2 / n;
	double		centre = (p + z2 / (2.0 * n)) / denom;
	double		pq = proportion_variance(successes, failures, n);
	double		half = z / denom * sqrt(pq / n + z2 / (4.0 * n * n));
	double		lower = clamp(centre - half, 0.0, 1.0);
	double		upper = clamp(centre + half, 0.0, 1.0);

	if (successes <= 0.0)
		lower = 0.0;
	if (failures <= 0.0)
		upper = 1.0;
	return make_interval(lower, upper);
}

/* Plain Wald p +/- z sqrt(p(1-p)/n), clamped because p near 0 or 1 overshoots. */
ConfidenceInterval
proportion_interval_wald(double successes, double failures, double n, double z)
{
	double		p = successes / n;
	double		margin = z * sqrt(proportion_variance(successes, failures, n) / n);

	return make_interval(clamp(p - margin, 0.0, 1.0),
						 clamp(p + margin, 0.0, 1.0));
}
