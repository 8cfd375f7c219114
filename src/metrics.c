/*
 * metrics.c
 *		Final functions of nps(), csat() and ces(): exact numeric results.
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

#include "metrics.h"

#include "common/int.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(nps_final);
PG_FUNCTION_INFO_V1(csat_final);
PG_FUNCTION_INFO_V1(ces_final);
PG_FUNCTION_INFO_V1(nps_promoters_final);
PG_FUNCTION_INFO_V1(nps_passives_final);
PG_FUNCTION_INFO_V1(nps_detractors_final);

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
static Datum
percent(int64 part, int64 whole)
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

/*
 * The promoters' weight minus the detractors', summed as one double-double
 * and rounded once at the end: rounding each side first would lose the
 * digits that survive when the two nearly cancel (an NPS near 0).
 */
static double
net_promoter_weight(const ScoreSummary *state)
{
	float8		hi = 0;
	float8		lo = 0;

	for (int s = NPS_PROMOTER_MIN; s <= 10; s++)
		weight_sum_add(&hi, &lo, state->weight[s], state->weight_lo[s]);
	for (int s = 0; s <= NPS_DETRACTOR_MAX; s++)
		weight_sum_add(&hi, &lo, -state->weight[s], -state->weight_lo[s]);
	return hi + lo;
}

/* 100 * part / whole of double precision weights as numeric; whole > 0 */
static Datum
weighted_percent(double part, double whole)
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
		return percent(summary_count_between(summary, lo, hi), n);
	if (n > 0 && summary_total_weight(summary) > 0)
		return weighted_percent(summary_weight_between(summary, lo, hi),
								summary_total_weight(summary));
	*is_null = true;
	return (Datum) 0;
}

/*
 * NPS = 100 (P - D) / n.  P - D fits in int64 because P + D <= n does.
 */
Datum
nps_final(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = PG_GETARG_SUMMARY_VALUE(0);
	int64		n = summary_total(state);
	int64		promoters = summary_count_between(state, NPS_PROMOTER_MIN, 10);
	int64		detractors = summary_count_between(state, 0, NPS_DETRACTOR_MAX);
	double		weight;

	if (n == 0)
		PG_RETURN_NULL();
	if (!summary_is_weighted(state))
		PG_RETURN_DATUM(percent(promoters - detractors, n));

	weight = summary_total_weight(state);
	if (weight == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(weighted_percent(net_promoter_weight(state), weight));
}

/* CSAT = 100 * #(score >= satisfied_from) / n. */
Datum
csat_final(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = PG_GETARG_SUMMARY_VALUE(0);
	bool		is_null;
	Datum		result = summary_percent_between(state, state->top_from, state->scale_max,
												 &is_null);

	if (is_null)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
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

/* CES = mean score. */
Datum
ces_final(PG_FUNCTION_ARGS)
{
	bool		is_null;
	Datum		mean = summary_mean(PG_GETARG_SUMMARY_VALUE(0), &is_null);

	if (is_null)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(mean);
}

/*
 * promoters(), passives() and detractors(): counts from the same state as
 * nps(), so that a query asking for several of them makes one state per
 * group (same transition function, inputs and INITCOND, READ_ONLY final
 * functions).  Like count(), they give 0 for an empty group.
 */
static Datum
bucket_count(FunctionCallInfo fcinfo, int lo, int hi)
{
	ScoreSummary *state = PG_GETARG_SUMMARY(0);

	(void) summary_total(state);	/* checks that the counts add up */
	PG_RETURN_INT64(summary_count_between(state, lo, hi));
}

Datum
nps_promoters_final(PG_FUNCTION_ARGS)
{
	return bucket_count(fcinfo, NPS_PROMOTER_MIN, 10);
}

Datum
nps_passives_final(PG_FUNCTION_ARGS)
{
	return bucket_count(fcinfo, NPS_DETRACTOR_MAX + 1, NPS_PROMOTER_MIN - 1);
}

Datum
nps_detractors_final(PG_FUNCTION_ARGS)
{
	return bucket_count(fcinfo, 0, NPS_DETRACTOR_MAX);
}
