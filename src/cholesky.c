/*
 * cholesky.c
 *		Cholesky factorization A = L L' of a small symmetric positive definite
 *		matrix, in place, and what churn_fit() needs of it: x = A^-1 b and the
 *		diagonal of A^-1 (the variances of the coefficients).
 */
#include "postgres.h"

#include "cholesky.h"

#include <math.h>

/*
 * Replaces the lower triangle of a with L.  Returns false when a is not
 * numerically positive definite: a pivot at or below 1e-12 of its diagonal
 * entry means a column is (almost) a combination of the others.
 */
bool
cholesky_factor(double *a, int n)
{
	for (int j = 0; j < n; j++)
	{
		double		pivot = a[j * n + j];

		for (int k = 0; k < j; k++)
			pivot -= a[j * n + k] * a[j * n + k];
		if (!(pivot > 1e-12 * fabs(a[j * n + j])) || !isfinite(pivot))
			return false;
		a[j * n + j] = sqrt(pivot);
		for (int i = j + 1; i < n; i++)
		{
			double		v = a[i * n + j];

			for (int k = 0; k < j; k++)
				v -= a[i * n + k] * a[j * n + k];
			a[i * n + j] = v / a[j * n + j];
		}
	}
	return true;
}

/* Solves L L' x = b; b is replaced by x. */
void
cholesky_solve(const double *l, int n, double *b)
{
	for (int i = 0; i < n; i++)
	{
		for (int k = 0; k < i; k++)
			b[i] -= l[i * n + k] * b[k];
		b[i] /= l[i * n + i];
	}
	for (int i = n - 1; i >= 0; i--)
	{
		for (int k = i + 1; k < n; k++)
			b[i] -= l[k * n + i] * b[k];
		b[i] /= l[i * n + i];
	}
}

/* diagonal[i] = (A^-1)[i][i], one solve per unit vector. */
void
cholesky_inverse_diagonal(const double *l, int n, double *diagonal)
{
	double		column[32];

	Assert(n <= 32);
	for (int i = 0; i < n; i++)
	{
		memset(column, 0, sizeof(double) * n);
		column[i] = 1.0;
		cholesky_solve(l, n, column);
		diagonal[i] = column[i];
	}
}
