/*
 * stats.c
 *		Survey statistics on summaries: standard errors, margins of error,
 *		confidence intervals and the two-sample NPS test.
 *
 * The arithmetic is in stats_math.c; this file reads summaries and SQL
 * arguments.  Conventions, the same for every function:
 *
 * - Results are in the metric's own unit: NPS points (-100..100), CSAT
 *	 percent points (0..100), CES score units.
 * - A weighted summary enters as its weighted proportions and Kish's
 *	 effective sample size n_eff = (sum w)^2 / sum w^2 (docs/metrics.md); an
 *	 unweighted one as its counts, n_eff = n.
 * - Below min_responses (compared with n_eff) the result is NULL: an
 *	 interval from a handful of answers is not worth printing.
 * - confidence must lie strictly between 0 and 1; anything else, like an
 *	 unknown method name, is error 22023.
 */
#include "postgres.h"

#include "summary.h"
#include "summary_split.h"
#include "stats_math.h"

#include <float.h>
#include <math.h>

#include "utils/builtins.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(nps_stderr);
PG_FUNCTION_INFO_V1(nps_margin);
PG_FUNCTION_INFO_V1(nps_ci_lower);
PG_FUNCTION_INFO_V1(nps_ci_upper);
PG_FUNCTION_INFO_V1(nps_test_p);
PG_FUNCTION_INFO_V1(nps_test_z);
PG_FUNCTION_INFO_V1(csat_stderr);
PG_FUNCTION_INFO_V1(csat_margin);
PG_FUNCTION_INFO_V1(csat_ci_lower);
PG_FUNCTION_INFO_V1(csat_ci_upper);
PG_FUNCTION_INFO_V1(ces_stderr);
PG_FUNCTION_INFO_V1(ces_margin);
PG_FUNCTION_INFO_V1(ces_ci_lower);
PG_FUNCTION_INFO_V1(ces_ci_upper);

/* ---------- results ---------- */

typedef bool (*IntervalFunction) (FunctionCallInfo fcinfo, ConfidenceInterval *interval);

/*
 * One limit of the interval that "interval" computes for this call, times
 * unit (100 for points and percent); NULL when it gives none (too few
 * responses).
 */
static Datum
interval_limit(FunctionCallInfo fcinfo, IntervalFunction interval, bool upper, double unit)
{
	ConfidenceInterval limits;

	if (!interval(fcinfo, &limits))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(unit * (upper ? limits.upper : limits.lower));
}

/* ---------- arguments ---------- */

static double
z_for_confidence(FunctionCallInfo fcinfo, int argno)
{
	float8		confidence = PG_GETARG_FLOAT8(argno);

	if (!(confidence > 0 && confidence < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence %s is out of range", float8out_internal(confidence)),
				 errdetail("The confidence level must lie strictly between 0 and 1, such as 0.95.")));
	return confidence_z(confidence);
}

/* Which interval: NPS knows all three, CSAT wald and wilson. */
typedef enum IntervalMethod
{
	METHOD_WALD,
	METHOD_ADJUSTED_WALD,
	METHOD_SCORE,
	METHOD_WILSON
} IntervalMethod;

/* Every method by name; which a metric offers is in its descriptor. */
static const struct
{
	const char *name;
	IntervalMethod method;
}			interval_methods[] = {
	{"wald", METHOD_WALD},
	{"adjusted_wald", METHOD_ADJUSTED_WALD},
	{"score", METHOD_SCORE},
	{"wilson", METHOD_WILSON},
};

/* "Use 'adjusted_wald' (the default), 'wald' or 'score'." */
static char *
interval_methods_hint(const char *const *names)
{
	StringInfoData hint;

	initStringInfo(&hint);
	appendStringInfo(&hint, "Use '%s' (the default)", names[0]);
	for (int i = 1; names[i] != NULL; i++)
		appendStringInfo(&hint, "%s'%s'", names[i + 1] == NULL ? " or " : ", ", names[i]);
	appendStringInfoChar(&hint, '.');
	return hint.data;
}

static IntervalMethod
interval_method(FunctionCallInfo fcinfo, int argno, SummaryKind kind)
{
	const char *const *offered = summary_kind(kind)->interval_methods;
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(argno));

	for (int i = 0; offered[i] != NULL; i++)
	{
		if (strcmp(name, offered[i]) != 0)
			continue;
		for (size_t m = 0; m < lengthof(interval_methods); m++)
			if (strcmp(name, interval_methods[m].name) == 0)
				return interval_methods[m].method;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s interval method \"%s\" is not supported", summary_kind_name(kind), name),
			 errhint("%s", interval_methods_hint(offered))));
	pg_unreachable();
}

/* ---------- a summary as (effective) counts ---------- */

/* ---------- NPS ---------- */

static double
nps_se(Split s)
{
	return sqrt(nps_variance(s.high, s.middle, s.low, s.n) / s.n);
}

Datum
nps_stderr(PG_FUNCTION_ARGS)
{
	Split		s = nps_split(PG_GETARG_SUMMARY_VALUE(0));

	if (too_few(s, min_responses_argument(fcinfo, 1)))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100 * nps_se(s));
}

/* Wald margin of error: z * SE. */
Datum
nps_margin(PG_FUNCTION_ARGS)
{
	Split		s = nps_split(PG_GETARG_SUMMARY_VALUE(0));
	double		z = z_for_confidence(fcinfo, 1);

	if (too_few(s, min_responses_argument(fcinfo, 2)))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100 * z * nps_se(s));
}

static bool
nps_interval(FunctionCallInfo fcinfo, ConfidenceInterval *interval)
{
	Split		s = nps_split(PG_GETARG_SUMMARY_VALUE(0));
	double		z = z_for_confidence(fcinfo, 1);
	IntervalMethod method = interval_method(fcinfo, 2, SUMMARY_NPS);

	if (too_few(s, min_responses_argument(fcinfo, 3)))
		return false;
	switch (method)
	{
		case METHOD_WALD:
			*interval = nps_interval_wald(s.high, s.middle, s.low, z);
			break;
		case METHOD_SCORE:
			*interval = nps_interval_score(s.high, s.middle, s.low, z);
			break;
		default:
			*interval = nps_interval_adjusted_wald(s.high, s.middle, s.low, z);
			break;
	}
	return true;
}

Datum
nps_ci_lower(PG_FUNCTION_ARGS)
{
	return interval_limit(fcinfo, nps_interval, false, 100);
}

Datum
nps_ci_upper(PG_FUNCTION_ARGS)
{
	return interval_limit(fcinfo, nps_interval, true, 100);
}

/*
 * Two-sample z test (docs/metrics.md): z = (NPS_a - NPS_b) / sqrt(V_a/n_a +
 * V_b/n_b).  When neither sample varies (every answer in one bucket) the
 * standard error is 0: equal scores then give z = 0 and p = 1, different
 * ones an infinite z and p = 0, never NaN.
 */
static bool
nps_test_statistic(FunctionCallInfo fcinfo, double *z)
{
	Split		a = nps_split(PG_GETARG_SUMMARY_VALUE(0));
	Split		b = nps_split(PG_GETARG_SUMMARY_VALUE(1));
	int			min = min_responses_argument(fcinfo, 2);
	double		difference;
	double		se;

	if (too_few(a, min) || too_few(b, min))
		return false;
	difference = (a.high - a.low) / a.n - (b.high - b.low) / b.n;
	se = sqrt(nps_variance(a.high, a.middle, a.low, a.n) / a.n +
			  nps_variance(b.high, b.middle, b.low, b.n) / b.n);
	if (se > 0)
		*z = difference / se;
	else if (difference == 0)
		*z = 0;
	else
		*z = difference > 0 ? get_float8_infinity() : -get_float8_infinity();
	return true;
}

Datum
nps_test_p(PG_FUNCTION_ARGS)
{
	double		z;

	if (!nps_test_statistic(fcinfo, &z))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(2 * normal_cdf(-fabs(z)));
}

Datum
nps_test_z(PG_FUNCTION_ARGS)
{
	double		z;

	if (!nps_test_statistic(fcinfo, &z))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(z);
}

/* ---------- CSAT: a proportion ---------- */

Datum
csat_stderr(PG_FUNCTION_ARGS)
{
	Split		s = csat_split(PG_GETARG_SUMMARY_VALUE(0));

	if (too_few(s, min_responses_argument(fcinfo, 1)))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100 * sqrt(proportion_variance(s.high, s.low, s.n) / s.n));
}

Datum
csat_margin(PG_FUNCTION_ARGS)
{
	Split		s = csat_split(PG_GETARG_SUMMARY_VALUE(0));
	double		z = z_for_confidence(fcinfo, 1);

	if (too_few(s, min_responses_argument(fcinfo, 2)))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100 * z * sqrt(proportion_variance(s.high, s.low, s.n) / s.n));
}

static bool
csat_interval(FunctionCallInfo fcinfo, ConfidenceInterval *interval)
{
	Split		s = csat_split(PG_GETARG_SUMMARY_VALUE(0));
	double		z = z_for_confidence(fcinfo, 1);
	IntervalMethod method = interval_method(fcinfo, 2, SUMMARY_CSAT);

	if (too_few(s, min_responses_argument(fcinfo, 3)))
		return false;
	if (method == METHOD_WALD)
		*interval = proportion_interval_wald(s.high, s.low, s.n, z);
	else
		*interval = proportion_interval_wilson(s.high, s.low, s.n, z);
	return true;
}

Datum
csat_ci_lower(PG_FUNCTION_ARGS)
{
	return interval_limit(fcinfo, csat_interval, false, 100);
}

Datum
csat_ci_upper(PG_FUNCTION_ARGS)
{
	return interval_limit(fcinfo, csat_interval, true, 100);
}

/* ---------- CES: a mean ---------- */

/*
 * Mean and standard error of the mean.  With weights, the variance is the
 * weighted mean square deviation, and SE = sqrt(var / (n_eff - 1)); without
 * weights that is s / sqrt(n) with the usual n - 1 sample variance.  Needs
 * n_eff > 1.
 */
static bool
ces_mean_se(const ScoreSummary *summary, int min, double *mean, double *se)
{
	double		n_eff = summary_effective_size(summary);
	double		weight = summary_total_weight(summary);
	double		sum = 0;
	double		square_sum = 0;

	if (n_eff <= 1 || below_minimum(n_eff, min, summary_is_weighted(summary)))
		return false;
	for (int s = 1; s <= summary->scale_max; s++)
	{
		double		w = summary_is_weighted(summary) ? summary_weight_of(summary, s) : (double) summary->count[s];

		sum += w * s;
	}
	*mean = sum / weight;
	for (int s = 1; s <= summary->scale_max; s++)
	{
		double		w = summary_is_weighted(summary) ? summary_weight_of(summary, s) : (double) summary->count[s];

		square_sum += w * (s - *mean) * (s - *mean);
	}
	*se = sqrt(square_sum / weight / summary_effective_size_minus_one(summary));
	return true;
}

Datum
ces_stderr(PG_FUNCTION_ARGS)
{
	double		mean,
				se;

	if (!ces_mean_se(PG_GETARG_SUMMARY_VALUE(0), min_responses_argument(fcinfo, 1), &mean, &se))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(se);
}

Datum
ces_margin(PG_FUNCTION_ARGS)
{
	double		z = z_for_confidence(fcinfo, 1);
	double		mean,
				se;

	if (!ces_mean_se(PG_GETARG_SUMMARY_VALUE(0), min_responses_argument(fcinfo, 2), &mean, &se))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(z * se);
}

/* mean -/+ z * SE, within the scale */
static bool
ces_interval(FunctionCallInfo fcinfo, ConfidenceInterval *interval)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	double		z = z_for_confidence(fcinfo, 1);
	double		mean,
				se;

	if (!ces_mean_se(summary, min_responses_argument(fcinfo, 2), &mean, &se))
		return false;
	interval->lower = Max(mean - z * se, 1);
	interval->upper = Min(mean + z * se, summary->scale_max);
	return true;
}

Datum
ces_ci_lower(PG_FUNCTION_ARGS)
{
	return interval_limit(fcinfo, ces_interval, false, 1);
}

Datum
ces_ci_upper(PG_FUNCTION_ARGS)
{
	return interval_limit(fcinfo, ces_interval, true, 1);
}
