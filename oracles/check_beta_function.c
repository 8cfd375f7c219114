/*
 * check_beta_function.c
 *		Compares src/beta_function.c with R's values in
 *		sql/fixtures/student_t_r.csv and sql/fixtures/incomplete_beta_r.csv
 *		(written by oracles/two_sample_tests.R) and prints the worst
 *		relative error of each; exits 1 when one exceeds 1e-12.
 *
 * From the repository root (PG_CONFIG names the PostgreSQL whose headers
 * to use; nothing is linked from it):
 *
 *	 cc -O2 -I"$($PG_CONFIG --includedir-server)" -Isrc \
 *		oracles/check_beta_function.c src/beta_function.c -lm -o /tmp/check_beta
 *	 /tmp/check_beta
 */
#include "postgres.h"

#include "beta_function.h"

#include <math.h>
#include <stdio.h>

/* the C library's, not the port/ replacements postgres.h names */
#undef printf
#undef fprintf

#define TOLERANCE	1e-12

static double
relative_error(double got, double want)
{
	return fabs(got - want) / fabs(want);
}

static double
check_student_t(const char *path)
{
	FILE	   *f = fopen(path, "r");
	double		t, df, p, worst = 0;
	char		header[256];

	if (f == NULL || fgets(header, sizeof(header), f) == NULL)
	{
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	while (fscanf(f, "%lf,%lf,%lf", &t, &df, &p) == 3)
	{
		double		e = relative_error(student_t_two_sided(t, df), p);

		if (e > worst)
		{
			worst = e;
			printf("  t = %.17g, df = %.17g: relative error %.3g\n", t, df, e);
		}
	}
	fclose(f);
	return worst;
}

static double
check_incomplete_beta(const char *path)
{
	FILE	   *f = fopen(path, "r");
	double		a, b, x, p, worst = 0;
	char		header[256];

	if (f == NULL || fgets(header, sizeof(header), f) == NULL)
	{
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	while (fscanf(f, "%lf,%lf,%lf,%lf", &a, &b, &x, &p) == 4)
	{
		double		e = relative_error(incomplete_beta(a, b, x), p);

		if (e > worst)
		{
			worst = e;
			printf("  a = %.17g, b = %.17g, x = %.17g: relative error %.3g\n", a, b, x, e);
		}
	}
	fclose(f);
	return worst;
}

int
main(void)
{
	double		t_worst, beta_worst;

	printf("student_t_two_sided against sql/fixtures/student_t_r.csv\n");
	t_worst = check_student_t("sql/fixtures/student_t_r.csv");
	printf("incomplete_beta against sql/fixtures/incomplete_beta_r.csv\n");
	beta_worst = check_incomplete_beta("sql/fixtures/incomplete_beta_r.csv");
	printf("worst relative error: Student's t %.3g, incomplete beta %.3g\n", t_worst, beta_worst);
	return (t_worst > TOLERANCE || beta_worst > TOLERANCE) ? 1 : 0;
}
