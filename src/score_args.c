/*
 * score_args.c
 *		Reading the score argument of the transition functions: a score of
 *		any SQL numeric type, checked against the summary's scale
 *		(score_args.h).
 *
 * Shared by the transition functions of every metric; what runs on every
 * row of an integer score is inline in score_args.h.
 */
#include "postgres.h"

#include "score_args.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/float.h"

void
score_out_of_range(const ScoreSummary *state, const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s score %s is out of range", summary_kind_name(state->kind), value),
			 errdetail("%s scores on this scale are integers from %d to %d.",
					   summary_kind_name(state->kind),
					   summary_scale_min(state->kind), state->scale_max)));
}

pg_noreturn static void
score_not_integer(const ScoreSummary *state, const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s score %s is not an integer", summary_kind_name(state->kind), value),
			 errdetail("%s scores on this scale are integers from %d to %d.",
					   summary_kind_name(state->kind),
					   summary_scale_min(state->kind), state->scale_max)));
}

static char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/*
 * Fractional scores are errors, never bucketed or rounded: tools that
 * bucketed 6.5 shipped wrong numbers.  numeric and double precision columns
 * get their own entry points so that a caller never needs a rounding cast
 * to integer.
 */
int64
numeric_score(const ScoreSummary *state, Numeric value)
{
	bool		overflow = false;
	int32		score;
	Datum		truncated;

	if (numeric_is_nan(value) || numeric_is_inf(value))
		score_out_of_range(state, numeric_text(value));

	truncated = DirectFunctionCall2(numeric_trunc, NumericGetDatum(value), Int32GetDatum(0));
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(value), truncated)))
		score_not_integer(state, numeric_text(value));

	score = numeric_int4_opt_error(value, &overflow);
	if (overflow || score < summary_scale_min(state->kind) || score > state->scale_max)
		score_out_of_range(state, numeric_text(value));
	return score;
}

int64
float8_score(const ScoreSummary *state, float8 value)
{
	if (isnan(value) || isinf(value))
		score_out_of_range(state, float8out_internal(value));
	if (value != rint(value))
		score_not_integer(state, float8out_internal(value));
	if (value < summary_scale_min(state->kind) || value > state->scale_max)
		score_out_of_range(state, float8out_internal(value));
	return (int64) value;
}
