/*
 * beta_function.c
 *		The regularized incomplete beta function and its inverse.
 *
 * I_x(a, b) is evaluated by its continued fraction (Abramowitz and Stegun
 * 26.5.8), summed with the modified Lentz method, on the side of the
 * distribution where it converges quickly: for x > (a + 1) / (a + b + 2)
 * it computes 1 - I_{1-x}(b, a) instead.  The prefactor
 * x^a (1-x)^b / (a B(a, b)) is formed in logarithms (lgamma, log1p), so
 * nothing overflows for large a and b.  The fraction is summed until a term
 * changes it by less than DBL_EPSILON, which leaves the result accurate to
 * a few units in the last place over the ranges the statistics use
 * (checked against SciPy's betainc and t.sf in the tests).
 *
 * The prefactor is formed without cancellation for large a and b (see
 * log_prefactor).
 *
 * The inverse runs Newton's method on I_x(a, b) - p, kept inside a
 * bracket that shrinks on every step (bisection when a Newton step would
 * leave it), to the spacing of doubles.
 */
#include "postgres.h"

#include "beta_function.h"

#include <float.h>
#include <math.h>

#define LENTZ_TINY		1e-300
#define MAX_TERMS		10000

/* The continued fraction of I_x(a, b), for x below its mean-ish point. */
static double
beta_fraction(double a, double b, double x, double y)
{
	double		c = 1.0;

	/* 1 - (a + b) x / (a + 1), from y = 1 - x: no cancellation near x = 1 */
	double		d = (1.0 - b + (a + b) * y) / (a + 1.0);
	double		h;

	if (fabs(d) < LENTZ_TINY)
		d = LENTZ_TINY;
	d = 1.0 / d;
	h = d;
	for (int m = 1; m <= MAX_TERMS; m++)
	{
		double		m2 = 2.0 * m;
		double		even = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		double		odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		double		delta;

		d = 1.0 + even * d;
		c = 1.0 + even / c;
		d = 1.0 / (fabs(d) < LENTZ_TINY ? LENTZ_TINY : d);
		c = fabs(c) < LENTZ_TINY ? LENTZ_TINY : c;
		h *= d * c;
		d = 1.0 + odd * d;
		c = 1.0 + odd / c;
		d = 1.0 / (fabs(d) < LENTZ_TINY ? LENTZ_TINY : d);
		c = fabs(c) < LENTZ_TINY ? LENTZ_TINY : c;
		delta = d * c;
		h *= delta;
		if (fabs(delta - 1.0) < DBL_EPSILON)
			break;
	}
	return h;
}

/*
 * lgamma(x) - ((x - 0.5) log x - x + log(2 pi) / 2) for x >= 10: the
 * Stirling series, 8 terms, accurate to 1e-17 there.
 */
static double
stirling_correction(double x)
{
	static const double c[8] = {
		1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0,
		1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0, -3617.0 / 122400.0
	};
	double		x2 = 1.0 / (x * x);
	double		sum = 0.0;

	for (int k = 7; k >= 0; k--)
		sum = sum * x2 + c[k];
	return sum / x;
}

/* u - log(1 + u), without cancellation for small u */
static double
log1p_remainder(double u)
{
	double		term = u * u;
	double		sum = 0.0;

	if (fabs(u) > 0.1)
		return u - log1p(u);
	/* u^2/2 - u^3/3 + u^4/4 - ... */
	for (int k = 2; k < 40; k++)
	{
		sum += term / k;
		term *= -u;
		if (fabs(term) < DBL_EPSILON * DBL_EPSILON)
			break;
	}
	return sum;
}

#define LOG_SQRT_2PI	0.918938533204672741780329736406

/*
 * log of x^a y^b / B(a, b), y = 1 - x given separately so that it keeps
 * its relative accuracy near x = 1.
 *
 * Naively the terms are of the size of a log x and lgamma(a), which cancel
 * for large a and b.  When both are 10 or more, with p = a / (a + b),
 *
 *	 log(x^a y^b / B) = log(sqrt(ab / (2 pi (a + b))))
 *						- c(a) - c(b) + c(a + b)
 *						- a r(e / p) - b r(-e / (1 - p)),   e = x - p,
 *
 * c being the Stirling correction and r(u) = u - log(1 + u) (the form of
 * TOMS 708's brcomp).  When only the larger is, log B(a, b) is formed as
 * lgamma(small) + c(large) - c(a + b) + small - small log(a + b)
 * + (large - 0.5) log1p(-small / (a + b)), as R's lbeta does.
 */
static double
log_prefactor(double a, double b, double x, double y)
{
	double		small = Min(a, b);
	double		large = Max(a, b);
	double		sum = a + b;
	double		log_beta;

	if (small >= 10.0)
	{
		double		p = a / sum;
		double		e = (a >= b) ? -(y - b / sum) : x - p;

		return 0.5 * log(a / sum * b / (2.0 * M_PI))
			- stirling_correction(a) - stirling_correction(b) + stirling_correction(sum)
			- a * log1p_remainder(e / p) - b * log1p_remainder(-e / (b / sum));
	}
	if (large >= 10.0)
		log_beta = lgamma(small) + stirling_correction(large) - stirling_correction(sum)
			+ small - small * log(sum) + (large - 0.5) * log1p(-small / sum);
	else
		log_beta = lgamma(a) + lgamma(b) - lgamma(sum);
	/* log x from y when x is near 1: y carries the digits */
	return a * (x > 0.5 ? log1p(-y) : log(x)) + b * (y > 0.5 ? log1p(-x) : log(y)) - log_beta;
}

/* I_x(a, b) with y = 1 - x given as accurately as the caller knows it */
static double
incomplete_beta_xy(double a, double b, double x, double y)
{
	if (isnan(x) || isnan(a) || isnan(b))
		return NAN;
	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(log_prefactor(a, b, x, y)) * beta_fraction(a, b, x, y) / a;
	return 1.0 - exp(log_prefactor(b, a, y, x)) * beta_fraction(b, a, y, x) / b;
}

double
incomplete_beta(double a, double b, double x)
{
	return incomplete_beta_xy(a, b, x, 1.0 - x);
}

/* the Beta(a, b) density at x, 0 < x < 1 */
static double
beta_density(double a, double b, double x)
{
	return exp(log_prefactor(a, b, x, 1.0 - x) - log(x) - log1p(-x));
}

double
incomplete_beta_inverse(double a, double b, double p)
{
	double		lo = 0.0;
	double		hi = 1.0;
	double		x = a / (a + b);	/* the mean: a start inside the bracket */

	if (isnan(p) || p <= 0.0)
		return isnan(p) ? NAN : 0.0;
	if (p >= 1.0)
		return 1.0;
	for (int i = 0; i < 200; i++)
	{
		double		f = incomplete_beta(a, b, x) - p;
		double		next;

		if (f == 0.0)
			return x;
		if (f < 0.0)
			lo = x;
		else
			hi = x;
		next = x - f / beta_density(a, b, x);
		if (!(next > lo && next < hi))
			next = lo + (hi - lo) / 2.0;
		if (next == x || hi - lo <= 2.0 * DBL_EPSILON * Max(x, DBL_MIN))
			return next;
		x = next;
	}
	return x;
}

/*
 * P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2).  For small t the
 * argument is near 1 and the complement is taken inside incomplete_beta;
 * for large t it is small and the tail keeps its relative accuracy.
 */
double
student_t_two_sided(double t, double df)
{
	double		t2 = t * t;

	if (isnan(t) || isnan(df))
		return NAN;
	if (isinf(t))
		return 0.0;
	/* x = df / (df + t^2) and 1 - x, each without cancellation or overflow */
	if (t2 > df)
		return incomplete_beta_xy(df / 2.0, 0.5, (df / t2) / (1.0 + df / t2), 1.0 / (1.0 + df / t2));
	return incomplete_beta_xy(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2));
}
