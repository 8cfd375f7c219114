/*
 * beta_function.c
 *		The regularized incomplete beta function and its inverse.
 *
 * I_x(a, b) is evaluated by its continued fraction (Abramowitz and Stegun
 * 26.5.8), summed with the modified Lentz method, on the side of the
 * distribution where it converges quickly: for x > (a + 1) / (a + b + 2)
 * it computes 1 - I_{1-x}(b, a) instead.  The prefactor
 * x^a (1-x)^b / (a B(a, b)) is formed in logarithms (lgamma, log1p, and
 * Stirling's corrections for large a and b, see log_prefactor), so nothing
 * overflows or cancels.  The fraction is summed until a term changes it by
 * less than DBL_EPSILON.
 *
 * Student's t tail with many degrees of freedom has x within t^2 / df of 1,
 * where the fraction converges slowly and loses digits; there the
 * asymptotic expansion of incomplete_beta_large_a_half is used instead.
 *
 * Against R's pbeta and pt (oracles/check_beta_function.c): worst relative
 * error 8.0e-13 for I_x(a, b) with a, b in 0.1..1e4 (in far tails, where
 * the rounding of x moves the value about as much) and 1.3e-13 for the
 * two-sided t p-value with df in 1..1e7 (docs/metrics.md).
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

/* From here on Student's t tail uses the asymptotic expansion (see below) */
#define LARGE_DF		100.0

/* The continued fraction of I_x(a, b), for x below its mean-ish point. */
static double
beta_fraction(double a, double b, double x, double y)
{
	double		c = 1.0;

	/*
	 * 1 - (a + b) x / (a + 1).  Near x = 1 it is formed from y = 1 - x,
	 * (1 + a - (a + b) x = 1 - b + (a + b) y); for small x directly, where
	 * the y form would cancel b against (a + b) y and lose digits in
	 * proportion to b (1e-10 for b = 5e6).
	 */
	double		d = (x > 0.5 ? 1.0 - b + (a + b) * y : 1.0 + a - (a + b) * x) / (a + 1.0);
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

/*
 * u - log(ratio) for ratio = 1 + u, each given as accurately as the caller
 * knows it.  Far from 1, log(ratio) is taken from the ratio itself: 1 + u
 * formed from u would cost the digits u loses when the ratio is small
 * (x / p = 1e-5 leaves 1 + u with 5 fewer correct digits, which a factor a
 * then multiplies).
 */
static double
ratio_remainder(double ratio, double u)
{
	if (fabs(u) > 0.1)
		return u - log(ratio);
	return log1p_remainder(u);
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
		double		q = b / sum;
		double		e = (a >= b) ? -(y - q) : x - p;

		return 0.5 * log(p * b / (2.0 * M_PI))
			- stirling_correction(a) - stirling_correction(b) + stirling_correction(sum)
			- a * ratio_remainder(x / p, e / p) - b * ratio_remainder(y / q, -e / q);
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
 * log(Gamma(a) / Gamma(a + b)) + b log(a + (b - 1) / 2) for a >= 10, formed
 * from the Stirling corrections so that the terms of size a log a never
 * appear (they would cancel to the O(1) result and leave an absolute error
 * of about a ulp of a log a, which the exp() below makes relative).
 */
static double
log_gamma_ratio_scaled(double a, double b)
{
	double		nu = a + (b - 1.0) / 2.0;

	return b * log1p((nu - a) / a) - (a + b - 0.5) * log1p(b / a) + b
		+ stirling_correction(a) - stirling_correction(a + b);
}

#define EXPANSION_TERMS	30

/*
 * I_x(a, 1/2) for large a and x near 1, as its asymptotic expansion in
 * incomplete gamma functions (Didonato and Morris 1992, section 9; the
 * "bgrat" of their algorithm 708), specialized to b = 1/2 where the
 * leading term Q(1/2, z) is erfc(sqrt(z)):
 *
 *	 I_x(a, b) = u * sum_n d_n J_n,   nu = a + (b - 1) / 2,  z = -nu log x,
 *
 * every term of one sign, so no digits are lost to cancellation; the
 * continued fraction, by contrast, needs O(sqrt(a)) terms of the form
 * 1 - x d with x within t^2 / df of 1 there and loses about log10(df)
 * digits.  y = 1 - x is passed as accurately as the caller knows it.
 */
static double
incomplete_beta_large_a_half(double a, double x, double y)
{
	const double b = 0.5;
	double		nu = a + (b - 1.0) / 2.0;
	double		log_x = (y > 0.375) ? log(x) : log1p(-y);
	double		z = -nu * log_x;
	/* log r, r = z^b e^-z / Gamma(b); u = r Gamma(a + b) / (Gamma(a) nu^b) */
	double		log_r = b * log(z) - z - 0.5 * log(M_PI);
	double		log_u = log_r - log_gamma_ratio_scaled(a, b);
	double		v = 0.25 / (nu * nu);
	double		t2 = 0.25 * log_x * log_x;
	double		j = erfc(sqrt(z)) / exp(log_r);	/* J_0 = Q(b, z) / r */
	double		sum = j;
	double		t = 1.0;
	double		cn = 1.0;
	double		n2 = 0.0;
	double		c[EXPANSION_TERMS];
	double		d[EXPANSION_TERMS];

	for (int n = 1; n <= EXPANSION_TERMS; n++)
	{
		double		bp2n = b + n2;
		double		s = 0.0;
		double		coef = b - n;

		j = (bp2n * (bp2n + 1.0) * j + (z + bp2n + 1.0) * t) * v;
		n2 += 2.0;
		t *= t2;
		cn /= n2 * (n2 + 1.0);
		c[n - 1] = cn;
		for (int i = 1; i < n; i++)
		{
			s += coef * c[i - 1] * d[n - 1 - i];
			coef += b;
		}
		d[n - 1] = (b - 1.0) * cn + s / n;
		sum += d[n - 1] * j;
		if (fabs(d[n - 1] * j) <= DBL_EPSILON / 4 * sum)
			break;
	}
	return exp(log_u) * sum;
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
	if (df >= LARGE_DF && t2 >= 3.0)
		return incomplete_beta_large_a_half(df / 2.0, df / (df + t2), t2 / (df + t2));
	if (t2 > df)
		return incomplete_beta_xy(df / 2.0, 0.5, (df / t2) / (1.0 + df / t2), 1.0 / (1.0 + df / t2));
	return incomplete_beta_xy(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2));
}
