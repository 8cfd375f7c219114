/*
 * fair_rank_math.h
 *		Pure numeric helpers behind the empirical Bayes functions
 *		(fair_rank.c): the moment estimator of a prior's concentration,
 *		Beta quantiles with degenerate parameters, and the distribution of
 *		the difference of two Dirichlet components (the posterior NPS).
 *		docs/metrics.md gives the formulas.
 */
#ifndef NPS_EXT_FAIR_RANK_MATH_H
#define NPS_EXT_FAIR_RANK_MATH_H

#include <stdbool.h>

/*
 * The ANOVA (method of moments) estimate of the intra-class correlation of
 * categorical answers in k groups, as the Dirichlet concentration
 * (1 - rho) / rho, kept within [1, n]: n answers in all, sum_n2 the sum of
 * the squared group sizes, ssb and ssw the between- and within-group sums
 * of squares summed over the categories.  *capped tells whether it was
 * clamped.  Needs k >= 2 and n > k.
 */
extern double moment_concentration(double k, double n, double sum_n2,
								   double ssb, double ssw, bool *capped);

/* The q quantile of Beta(a, b), a, b >= 0 not both 0 (0: a point mass). */
extern double beta_quantile(double a, double b, double q);

/*
 * For (pP, p0, pD) ~ Dirichlet(aP, a0, aD) (parameters >= 0, sum > 0; a
 * zero parameter is a component that is 0): P(pP - pD <= x), and the q
 * quantile of pP - pD, the smallest x with P(pP - pD <= x) >= q.
 */
extern double dirichlet_difference_cdf(double aP, double a0, double aD, double x);
extern double dirichlet_difference_quantile(double aP, double a0, double aD, double q);

#endif							/* NPS_EXT_FAIR_RANK_MATH_H */
