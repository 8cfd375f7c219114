/*
 * fair_rank_math.c
 *		The numbers behind fair rankings (fair_rank_math.h; docs/metrics.md).
 *
 * The posterior NPS of a group is 100 (pP - pD) with (pP, p0, pD) ~
 * Dirichlet(aP, a0, aD).  The difference of two Dirichlet components has no
 * closed-form distribution, but it is one integral away from one:
 * pP ~ Beta(aP, a0 + aD) and, given pP, pD = (1 - pP) B with B ~ Beta(aD,
 * a0) independent of pP (the aggregation and neutrality properties of the
 * Dirichlet).  So, with X = pP - pD, L = max(x, 0) and U = (1 + x) / 2,
 *
 *	 P(X <= x) = P(pP <= L) + integral over L < p < U of
 *				 f(p) P(B >= (p - x) / (1 - p)) dp
 *
 * (for p <= L every B gives X <= x; for p >= U none does).  The integral
 * is taken by adaptive Gauss-Kronrod (7-15) quadrature, started on pieces
 * cut at the mean of pP and of B plus and minus 1, 3, 6 and 10 standard
 * deviations, so that a narrow posterior is never stepped over.  It is
 * computed as a ratio: P(L < pP <= U), from the incomplete beta function,
 * times (integral of f g) / (integral of f) over (L, U), both integrals on
 * the same nodes, so the density needs no normalizing constant (and none
 * of the cancellation of log-gamma differences for large parameters).
 * When aP < 1 the density is infinite at 0 and the integral runs over
 * u = p^aP instead, which takes the singularity out.  Each piece is split
 * until the Kronrod-Gauss difference is below 1e-13 of the whole (or 48
 * halvings, or 20,000 rules in all), which leaves the probability accurate
 * to about 1e-12 (the estimate |K - G| is pessimistic for smooth pieces).
 *
 * The quantile is found by the Illinois variant of regula falsi, with
 * bisection whenever a step fails to halve the bracket, to a bracket of
 * 1e-14 (1e-12 NPS points).
 */
#include "postgres.h"

#include "fair_rank_math.h"
#include "beta_function.h"

#include <float.h>
#include <math.h>

double
moment_concentration(double k, double n, double sum_n2, double ssb, double ssw, bool *capped)
{
	double		n0 = (n - sum_n2 / n) / (k - 1);
	double		msb = ssb / (k - 1);
	double		msw = ssw / (n - k);
	double		excess = msb - msw;
	double		alpha;

	/* rho = excess / (msb + (n0 - 1) msw); (1 - rho) / rho simplifies to: */
	alpha = excess > 0 ? n0 * msw / excess : n;
	*capped = !(excess > 0 && alpha >= 1 && alpha <= n);
	if (!(alpha <= n))
		alpha = n;
	if (!(alpha >= 1))
		alpha = 1;
	return alpha;
}

double
beta_quantile(double a, double b, double q)
{
	if (a == 0 || q <= 0)
		return 0;
	if (b == 0 || q >= 1)
		return 1;
	return incomplete_beta_inverse(a, b, q);
}

/* P(B >= y) for B ~ Beta(a, b), a zero parameter being a point mass. */
static double
beta_at_least(double a, double b, double y)
{
	if (y <= 0)
		return 1;
	if (y > 1)
		return 0;
	if (a == 0)
		return 0;
	if (b == 0)
		return 1;
	if (y >= 1)
		return 0;
	return 1 - incomplete_beta(a, b, y);
}

/* P(L < P <= U) for P ~ Beta(a, b), 0 <= L < U <= 1, without cancellation. */
static double
beta_mass(double a, double b, double lower, double upper)
{
	double		below_l = lower > 0 ? incomplete_beta(a, b, lower) : 0;
	double		below_u = upper < 1 ? incomplete_beta(a, b, upper) : 1;

	if (below_l > 0.5)
	{
		double		above_l = lower > 0 ? incomplete_beta(b, a, 1 - lower) : 1;
		double		above_u = upper < 1 ? incomplete_beta(b, a, 1 - upper) : 0;

		return Max(above_l - above_u, 0);
	}
	return Max(below_u - below_l, 0);
}

/* ---------- the integral ---------- */

typedef struct Integrand
{
	double		a;				/* pP ~ Beta(a, b) */
	double		b;
	double		d;				/* B ~ Beta(d, e) */
	double		e;
	double		x;
	bool		power;			/* the variable is u = p^a */
	double		log_centre_p;	/* where the unnormalized density is 1 */
	double		log_centre_q;	/* log(1 - centre) */
	int			budget;			/* Gauss-Kronrod rules left */
} Integrand;

/* The unnormalized density at p (in u when power), and g(p). */
static void
integrand_at(const Integrand *it, double v, double *f, double *fg)
{
	double		p = it->power ? pow(v, 1 / it->a) : v;
	double		log_f = (it->b - 1) * (log1p(-p) - it->log_centre_q);

	if (!it->power)
		log_f += (it->a - 1) * (log(p) - it->log_centre_p);
	*f = exp(log_f);
	*fg = *f == 0 ? 0 : *f * beta_at_least(it->d, it->e, (p - it->x) / (1 - p));
}

static const double kronrod_x[8] = {
	0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
	0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
	0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
	0.207784955007898467600689403773245, 0.0
};
static const double kronrod_w[8] = {
	0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
	0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
	0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
	0.204432940075298892414161999234649, 0.209482141084727828012999174891714
};
static const double gauss_w[4] = {
	0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
	0.381830050505118944950369775488975, 0.417959183673469387755102040816327
};

/* Gauss-Kronrod 7-15 on [lo, hi]; the error estimates are |K - G|. */
static void
kronrod(Integrand *it, double lo, double hi, double *f, double *fg,
		double *f_error, double *fg_error)
{
	double		centre = 0.5 * (lo + hi);
	double		half = 0.5 * (hi - lo);
	double		kf = 0,
				kfg = 0,
				gf = 0,
				gfg = 0;

	it->budget--;
	for (int i = 0; i < 8; i++)
	{
		double		f1,
					fg1,
					f2 = 0,
					fg2 = 0;

		integrand_at(it, centre - half * kronrod_x[i], &f1, &fg1);
		if (i < 7)
			integrand_at(it, centre + half * kronrod_x[i], &f2, &fg2);
		kf += kronrod_w[i] * (f1 + f2);
		kfg += kronrod_w[i] * (fg1 + fg2);
		if (i % 2 == 1)
		{
			gf += gauss_w[i / 2] * (f1 + f2);
			gfg += gauss_w[i / 2] * (fg1 + fg2);
		}
	}
	*f = kf * half;
	*fg = kfg * half;
	*f_error = fabs(kf - gf) * half;
	*fg_error = fabs(kfg - gfg) * half;
}

static void
adapt(Integrand *it, double lo, double hi, double tolerance, int depth,
	  double *f, double *fg)
{
	double		f1,
				fg1,
				e1,
				eg1;
	double		mid = 0.5 * (lo + hi);

	kronrod(it, lo, hi, &f1, &fg1, &e1, &eg1);
	if ((e1 <= tolerance && eg1 <= tolerance) || depth >= 48 || it->budget <= 0 ||
		!(mid > lo && mid < hi))
	{
		*f += f1;
		*fg += fg1;
		return;
	}
	adapt(it, lo, mid, tolerance, depth + 1, f, fg);
	adapt(it, mid, hi, tolerance, depth + 1, f, fg);
}

static int
compare_doubles(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/* The mean of Beta(a, b) plus and minus 0, 1, 3, 6 and 10 sd. */
#define SPREADS 9
static void
beta_spread(double a, double b, double *points)
{
	static const double k[SPREADS] = {-10, -6, -3, -1, 0, 1, 3, 6, 10};
	double		mean = a / (a + b);
	double		sd = sqrt(mean * (1 - mean) / (a + b + 1));

	for (int i = 0; i < SPREADS; i++)
		points[i] = mean + k[i] * sd;
}

/* (integral of f g) / (integral of f) over (lower, upper) */
static double
conditional_mean(Integrand *it, double lower, double upper)
{
	double		cuts[2 * SPREADS + 2];
	double		spread[SPREADS];
	int			ncuts = 0;
	double		total_f = 0,
				total_fg = 0,
				tolerance;

	cuts[ncuts++] = lower;
	cuts[ncuts++] = upper;
	beta_spread(it->a, it->b, spread);
	for (int i = 0; i < SPREADS; i++)
		if (spread[i] > lower && spread[i] < upper)
			cuts[ncuts++] = spread[i];
	if (it->d > 0 && it->e > 0)
	{
		beta_spread(it->d, it->e, spread);
		for (int i = 0; i < SPREADS; i++)
		{
			/* the p at which (p - x) / (1 - p) = t */
			double		t = spread[i];
			double		p = (it->x + t) / (1 + t);

			if (t > 0 && t < 1 && p > lower && p < upper)
				cuts[ncuts++] = p;
		}
	}
	qsort(cuts, ncuts, sizeof(double), compare_doubles);
	if (it->power)
		for (int i = 0; i < ncuts; i++)
			cuts[i] = pow(cuts[i], it->a);

	/* a first pass for the scale of the whole, then the adaptive one */
	for (int i = 0; i + 1 < ncuts; i++)
	{
		double		f,
					fg,
					e,
					eg;

		if (cuts[i + 1] > cuts[i])
		{
			kronrod(it, cuts[i], cuts[i + 1], &f, &fg, &e, &eg);
			total_f += f;
		}
	}
	if (!(total_f > 0) || !isfinite(total_f))
		return 0.5;				/* no mass seen: the caller's mass is 0 */
	tolerance = 1e-13 * total_f;
	total_f = 0;
	for (int i = 0; i + 1 < ncuts; i++)
		if (cuts[i + 1] > cuts[i])
			adapt(it, cuts[i], cuts[i + 1], tolerance, 0, &total_f, &total_fg);
	if (!(total_f > 0))
		return 0.5;
	return Min(Max(total_fg / total_f, 0), 1);
}

double
dirichlet_difference_cdf(double aP, double a0, double aD, double x)
{
	double		b = a0 + aD;
	double		lower,
				upper,
				mass,
				centre;
	Integrand	it;

	if (x >= 1)
		return 1;
	if (aP == 0)				/* pP = 0: X = -B */
		return beta_at_least(aD, a0, -x);
	if (b == 0)					/* pP = 1: X = 1 */
		return 0;
	if (x < -1)
		return 0;
	lower = Max(x, 0);
	upper = 0.5 * (1 + x);
	mass = beta_mass(aP, b, lower, upper);
	if (!(mass > 0))
		return lower > 0 ? incomplete_beta(aP, b, lower) : 0;

	it.a = aP;
	it.b = b;
	it.d = aD;
	it.e = a0;
	it.x = x;
	it.power = aP < 1;
	it.budget = 20000;
	/* the mode when there is one inside (0, 1), else the mean */
	centre = (aP > 1 && b > 1) ? (aP - 1) / (aP + b - 2) : aP / (aP + b);
	it.log_centre_p = log(centre);
	it.log_centre_q = log1p(-centre);
	return (lower > 0 ? incomplete_beta(aP, b, lower) : 0) +
		mass * conditional_mean(&it, lower, upper);
}

double
dirichlet_difference_quantile(double aP, double a0, double aD, double q)
{
	double		total = aP + a0 + aD;
	double		mP = aP / total,
				mD = aD / total;
	double		mean = mP - mD;
	double		sd = sqrt((mP * (1 - mP) + mD * (1 - mD) + 2 * mP * mD) / (total + 1));
	double		lo = Max(mean - 12 * sd, -1),
				hi = Min(mean + 12 * sd, 1);
	double		flo,
				fhi;
	int			side = 0;

	if (dirichlet_difference_cdf(aP, a0, aD, -1) >= q)
		return -1;
	flo = dirichlet_difference_cdf(aP, a0, aD, lo);
	if (flo >= q)
	{
		lo = -1;
		flo = dirichlet_difference_cdf(aP, a0, aD, lo);
	}
	fhi = dirichlet_difference_cdf(aP, a0, aD, hi);
	if (fhi < q)
	{
		hi = 1;
		fhi = 1;
	}
	/* invariant: F(lo) < q <= F(hi) */
	for (int i = 0; i < 200 && hi - lo > 1e-14; i++)
	{
		double		width = hi - lo;
		double		x;
		double		fx;

		if (fhi > flo)
			x = lo + (q - flo) / (fhi - flo) * width;
		else
			x = 0.5 * (lo + hi);
		if (!(x > lo && x < hi) || i % 3 == 2)
			x = 0.5 * (lo + hi);	/* every third step bisects */
		fx = dirichlet_difference_cdf(aP, a0, aD, x);
		if (fx >= q)
		{
			hi = x;
			fhi = fx;
			if (side == 1)
				flo = q - 0.5 * (q - flo);	/* Illinois: move the stale end */
			side = 1;
		}
		else
		{
			lo = x;
			flo = fx;
			if (side == -1)
				fhi = q + 0.5 * (fhi - q);
			side = -1;
		}
	}
	return hi;
}
