/*
 * two_sample_tests.c
 *		Two-sample significance tests on summaries: csat_test (the
 *		two-proportion z test), ces_test (Welch's t test on the means) and
 *		nps_test with a method (Wald or adjusted Wald).
 *
 * The conventions are those of the statistics in stats.c, which nps_test
 * without a method follows:
 *
 * - A weighted summary enters as its weighted shares and Kish's effective
 *	 sample size n_eff = (sum w)^2 / sum w^2; an unweighted one as its
 *	 counts.  Either kind may be compared with the other.
 * - Below min_responses (compared with n_eff, allowing 4 ulps for its
 *	 rounding when weighted) in either summary the result is NULL, and so
 *	 with an empty summary.  min_responses must be at least 1, a method
 *	 must be known, and two CSAT or CES summaries must share their scale:
 *	 otherwise error 22023, checked even when the result is NULL.
 * - When neither sample varies the standard error is 0: equal results
 *	 give a statistic of 0 and p = 1, different ones +-Infinity and p = 0,
 *	 never NaN.
 *
 * The formulas and their sources are in docs/metrics.md.
 */
#include "postgres.h"

#include "summary.h"
#include "summary_split.h"
#include "summary_kind.h"
#include "stats_math.h"
#include "beta_function.h"

#include <float.h>
#include <math.h>

#include "utils/builtins.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(nps_test_method_p);
PG_FUNCTION_INFO_V1(nps_test_method_z);
PG_FUNCTION_INFO_V1(csat_test_p);
PG_FUNCTION_INFO_V1(csat_test_z);
PG_FUNCTION_INFO_V1(ces_test_p);
PG_FUNCTION_INFO_V1(ces_test_t);

/* The two-sample test statistic: z (or t) and, for t, its degrees of freedom */
typedef struct TestResult
{
	double		statistic;
	double		df;
} TestResult;

/* ---------- arguments ---------- */

/* nps_test's methods: 'wald' (the default of nps_test(a, b)) or 'adjusted_wald' */
static bool
nps_test_adjusted(FunctionCallInfo fcinfo, int argno)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(argno));

	if (strcmp(name, "wald") == 0)
		return false;
	if (strcmp(name, "adjusted_wald") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("nps test method \"%s\" is not supported", name),
			 errhint("Use 'wald' (the default) or 'adjusted_wald'.")));
	pg_unreachable();
}

/* Two CSAT or CES summaries are comparable only on the same scale. */
static void
check_same_scale(const ScoreSummary *a, const ScoreSummary *b)
{
	if (a->scale_max == 0 || b->scale_max == 0)
		return;					/* an empty summary has no scale yet */
	if (a->scale_max != b->scale_max || a->satisfied_from != b->satisfied_from)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare %s summaries on different scales",
						summary_kind_name(a->kind)),
				 summary_kind(a->kind)->has_satisfied_from
				 ? errdetail("One has scale_max %d and satisfied_from %d, the other %d and %d.",
							 a->scale_max, a->satisfied_from, b->scale_max, b->satisfied_from)
				 : errdetail("One has scale_max %d, the other %d.",
							 a->scale_max, b->scale_max)));
}

/* ---------- statistics ---------- */

/* difference / se, with the conventions for se = 0 */
static double
standardized(double difference, double se)
{
	if (se > 0)
		return difference / se;
	if (difference == 0)
		return 0;
	return difference > 0 ? get_float8_infinity() : -get_float8_infinity();
}

/* ---------- NPS: Wald or adjusted Wald ---------- */

/*
 * The adjusted-Wald test adds to each sample the pseudo-responses of the
 * adjusted-Wald interval, (D, Pa, P) += (0.75, 1.5, 0.75), before the
 * Wald test (Sauro, MeasuringU).
 */
static Split
adjusted_sample(Split s)
{
	s.low += 0.75;
	s.middle += 1.5;
	s.high += 0.75;
	s.n += 3;
	return s;
}

static double
nps_z(Split a, Split b, bool adjusted)
{
	if (adjusted)
	{
		a = adjusted_sample(a);
		b = adjusted_sample(b);
	}
	return standardized((a.high - a.low) / a.n - (b.high - b.low) / b.n,
						sqrt(nps_variance(a.high, a.middle, a.low, a.n) / a.n +
							 nps_variance(b.high, b.middle, b.low, b.n) / b.n));
}

static bool
nps_test_method(FunctionCallInfo fcinfo, double *z)
{
	Split		a = summary_split(PG_GETARG_SUMMARY_VALUE(0), NPS_DETRACTORS->hi, NPS_PROMOTERS->lo);
	Split		b = summary_split(PG_GETARG_SUMMARY_VALUE(1), NPS_DETRACTORS->hi, NPS_PROMOTERS->lo);
	bool		adjusted = nps_test_adjusted(fcinfo, 2);
	int			min = min_responses_argument(fcinfo, 3);

	if (below_minimum(a.n, min, a.weighted) || below_minimum(b.n, min, b.weighted))
		return false;
	*z = nps_z(a, b, adjusted);
	return true;
}

Datum
nps_test_method_p(PG_FUNCTION_ARGS)
{
	double		z;

	if (!nps_test_method(fcinfo, &z))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(2 * normal_cdf(-fabs(z)));
}

Datum
nps_test_method_z(PG_FUNCTION_ARGS)
{
	double		z;

	if (!nps_test_method(fcinfo, &z))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(z);
}

/* ---------- CSAT: two proportions, pooled standard error ---------- */

/*
 * z = (p_a - p_b) / sqrt(p (1 - p) (1/n_a + 1/n_b)), p the pooled share
 * satisfied; p (1 - p) formed from the pooled counts, satisfied times
 * unsatisfied over n^2, as for one proportion.  z^2 is the statistic of
 * R's prop.test(correct = FALSE).
 */
static bool
csat_test_statistic(FunctionCallInfo fcinfo, double *z)
{
	ScoreSummary *sa = PG_GETARG_SUMMARY_VALUE(0);
	ScoreSummary *sb = PG_GETARG_SUMMARY_VALUE(1);
	int			min = min_responses_argument(fcinfo, 2);
	Split		a,
				b;
	double		n;

	check_same_scale(sa, sb);
	a = summary_split(sa, sa->satisfied_from - 1, sa->satisfied_from);
	b = summary_split(sb, sb->satisfied_from - 1, sb->satisfied_from);
	if (below_minimum(a.n, min, a.weighted) || below_minimum(b.n, min, b.weighted))
		return false;
	n = a.n + b.n;
	*z = standardized(a.high / a.n - b.high / b.n,
					  sqrt(proportion_variance(a.high + b.high, a.low + b.low, n) *
						   (1 / a.n + 1 / b.n)));
	return true;
}

Datum
csat_test_p(PG_FUNCTION_ARGS)
{
	double		z;

	if (!csat_test_statistic(fcinfo, &z))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(2 * normal_cdf(-fabs(z)));
}

Datum
csat_test_z(PG_FUNCTION_ARGS)
{
	double		z;

	if (!csat_test_statistic(fcinfo, &z))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(z);
}

/* ---------- CES: Welch's t test on the means ---------- */

/*
 * Mean and squared standard error of the mean, v / (n_eff - 1) with v the
 * (weighted) mean squared deviation: s^2 / n without weights.  As for
 * ces_stderr, NULL (false) when n_eff is 1 or less.
 */
static bool
ces_mean_variance(const ScoreSummary *summary, int min, double *mean, double *se2)
{
	bool		weighted = summary_is_weighted(summary);
	double		n;
	double		weight;
	double		sum = 0;
	double		square_sum = 0;

	if (summary->scale_max == 0 || summary_total(summary) == 0)
		return false;
	n = summary_effective_size(summary);
	if (n <= 1 || below_minimum(n, min, weighted))
		return false;
	weight = summary_total_weight(summary);
	for (int s = 1; s <= summary->scale_max; s++)
		sum += (weighted ? summary_weight_of(summary, s) : (double) summary->count[s]) * s;
	*mean = sum / weight;
	for (int s = 1; s <= summary->scale_max; s++)
		square_sum += (weighted ? summary_weight_of(summary, s) : (double) summary->count[s]) *
			(s - *mean) * (s - *mean);
	*se2 = square_sum / weight / summary_effective_size_minus_one(summary);
	return true;
}

/*
 * t = (mean_a - mean_b) / sqrt(se_a^2 + se_b^2), with the Welch-Satterthwaite
 * degrees of freedom (se_a^2 + se_b^2)^2 / (se_a^4 / (n_a - 1) + se_b^4 / (n_b - 1)).
 */
static bool
ces_test_statistic(FunctionCallInfo fcinfo, TestResult *result)
{
	ScoreSummary *sa = PG_GETARG_SUMMARY_VALUE(0);
	ScoreSummary *sb = PG_GETARG_SUMMARY_VALUE(1);
	int			min = min_responses_argument(fcinfo, 2);
	double		mean_a,
				mean_b,
				va,
				vb;

	check_same_scale(sa, sb);
	if (!ces_mean_variance(sa, min, &mean_a, &va) ||
		!ces_mean_variance(sb, min, &mean_b, &vb))
		return false;
	result->statistic = standardized(mean_a - mean_b, sqrt(va + vb));
	result->df = (va + vb) * (va + vb) /
		(va * va / summary_effective_size_minus_one(sa) +
		 vb * vb / summary_effective_size_minus_one(sb));
	return true;
}

Datum
ces_test_p(PG_FUNCTION_ARGS)
{
	TestResult	result;

	if (!ces_test_statistic(fcinfo, &result))
		PG_RETURN_NULL();
	if (result.statistic == 0)
		PG_RETURN_FLOAT8(1.0);	/* also when neither sample varies: df 0/0 */
	if (isinf(result.statistic))
		PG_RETURN_FLOAT8(0.0);
	PG_RETURN_FLOAT8(student_t_two_sided(result.statistic, result.df));
}

Datum
ces_test_t(PG_FUNCTION_ARGS)
{
	TestResult	result;

	if (!ces_test_statistic(fcinfo, &result))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(result.statistic);
}
