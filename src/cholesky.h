/*
 * cholesky.h
 *		Solving small symmetric positive definite systems (churn_fit()'s
 *		Newton steps): Cholesky factorization, solve, diagonal of the inverse.
 *		Matrices are n x n, row major, n at most a dozen.
 */
#ifndef NPS_EXT_CHOLESKY_H
#define NPS_EXT_CHOLESKY_H

#include "pg_compat.h"

extern bool cholesky_factor(double *a, int n);
extern void cholesky_solve(const double *l, int n, double *b);
extern void cholesky_inverse_diagonal(const double *l, int n, double *diagonal);

#endif							/* NPS_EXT_CHOLESKY_H */
