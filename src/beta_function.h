/*
 * beta_function.h
 *		The regularized incomplete beta function I_x(a, b), its inverse,
 *		and what is built on them: the Beta distribution's quantiles and
 *		Student's t distribution (beta_function.c; docs/metrics.md).
 */
#ifndef NPS_EXT_BETA_FUNCTION_H
#define NPS_EXT_BETA_FUNCTION_H

/* I_x(a, b) = P(X <= x) for X ~ Beta(a, b); a, b > 0, 0 <= x <= 1 */
extern double incomplete_beta(double a, double b, double x);

/* the x with I_x(a, b) = p, for 0 <= p <= 1 */
extern double incomplete_beta_inverse(double a, double b, double p);

/* P(|T| >= |t|) for Student's t with df > 0 degrees of freedom */
extern double student_t_two_sided(double t, double df);

#endif							/* NPS_EXT_BETA_FUNCTION_H */
