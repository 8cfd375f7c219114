/*
 * results.c
 *		The numeric results of a summary, shared by the final functions of
 *		every metric (nps.c, csat_ces.c) and the accessors (accessors.c).
 *
 * Results are numeric quotients of exact integer counts, computed the way
 * PostgreSQL's numeric division does (at least 16 significant digits) with
 * trailing zeros trimmed, so 30 prints as 30 and 100/3 as
 * 33.3333333333333333.  An empty group gives NULL, never 0.
 *
 * A weighted summary holds double precision weight sums; its results are
 * computed in double precision and given as numeric with the 15 significant
 * digits a double guarantees.  Total weight 0 gives NULL.  The state of a
 * weighted aggregate holds exact sums (format 3); it is read as the
 * format-2 summary its *_agg() form would store (PG_GETARG_SUMMARY_VALUE),
 * so nps(score, w) is nps(nps_agg(score, w)) to the last bit.
 */
#include "postgres.h"

#include "results.h"

#include "common/int.h"
#include "utils/builtins.h"

static Datum
int64_numeric(int64 value)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(value));
}

/* numerator / denominator, trailing zeros trimmed; denominator > 0. */
static Datum
numeric_ratio(Numeric numerator, int64 denominator)
{
	Datum		quotient = DirectFunctionCall2(numeric_div,
											   NumericGetDatum(numerator),
											   int64_numeric(denominator));

	return DirectFunctionCall1(numeric_trim_scale, quotient);
}

/*
 * 100 * part / whole as numeric percent points.  100 * part is formed in
 * int64 when it fits (always, short of 9.2e16 responses), in numeric
 * otherwise; the quotient is the same either way.
 */
Datum
count_percent(int64 part, int64 whole)
{
	int64		hundred_part;
	Datum		numerator;

	if (likely(!pg_mul_s64_overflow(part, 100, &hundred_part)))
		numerator = int64_numeric(hundred_part);
	else
		numerator = DirectFunctionCall2(numeric_mul, int64_numeric(part),
										int64_numeric(100));
	return numeric_ratio(DatumGetNumeric(numerator), whole);
}

/* 100 * part / whole of double precision weights as numeric; whole > 0 */
Datum
weight_percent(double part, double whole)
{
	Datum		value = DirectFunctionCall1(float8_numeric, Float8GetDatum(100.0 * part / whole));

	return DirectFunctionCall1(numeric_trim_scale, value);
}

/*
 * The share of responses scoring lo..hi in percent points, weighted or not;
 * NULL (is_null set) without responses or without weight.
 */
Datum
summary_percent_between(const ScoreSummary *summary, int lo, int hi, bool *is_null)
{
	int64		n = summary_total(summary);

	*is_null = false;
	if (n > 0 && !summary_is_weighted(summary))
		return count_percent(summary_count_between(summary, lo, hi), n);
	if (n > 0 && summary_total_weight(summary) > 0)
		return weight_percent(summary_weight_between(summary, lo, hi),
								summary_total_weight(summary));
	*is_null = true;
	return (Datum) 0;
}

/*
 * The mean score, NULL without responses or weight.  Unweighted, the sum is
 * accumulated in numeric (ten times a bigint count can exceed the bigint
 * range) and the mean is exact.
 */
Datum
summary_mean(const ScoreSummary *state, bool *is_null)
{
	int64		n = summary_total(state);
	Datum		sum = int64_numeric(0);

	*is_null = (n == 0);
	if (n == 0)
		return (Datum) 0;
	if (summary_is_weighted(state))
	{
		double		weight = summary_total_weight(state);
		double		weighted_sum = 0;

		*is_null = (weight == 0);
		if (weight == 0)
			return (Datum) 0;
		for (int s = 0; s <= state->scale_max; s++)
			weighted_sum += s * summary_weight_of(state, s);
		return DirectFunctionCall1(numeric_trim_scale,
								   DirectFunctionCall1(float8_numeric,
													   Float8GetDatum(weighted_sum / weight)));
	}
	for (int s = 0; s <= state->scale_max; s++)
	{
		if (state->count[s] == 0)
			continue;
		sum = DirectFunctionCall2(numeric_add, sum,
								  DirectFunctionCall2(numeric_mul, int64_numeric(s),
													  int64_numeric(state->count[s])));
	}
	return numeric_ratio(DatumGetNumeric(sum), n);
}

/* The mean score of the summary in argument 0 as an SQL result. */
Datum
summary_mean_result(FunctionCallInfo fcinfo)
{
	bool		is_null;
	Datum		mean = summary_mean(PG_GETARG_SUMMARY_VALUE(0), &is_null);

	if (is_null)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(mean);
}
