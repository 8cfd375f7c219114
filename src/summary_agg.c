/*
 * summary_agg.c
 *		Transition, inverse-transition and combine functions of nps(),
 *		csat() and ces().
 *
 * The state is a ScoreSummary.  Inside an aggregate the state lives in the
 * aggregate's memory context (nodeAgg and nodeWindowAgg copy INITCOND there),
 * so it is bumped in place and returned as is, exactly as PostgreSQL's own
 * int4_avg_accum does with its int8[] state: no palloc per row.  Called as a
 * plain function, the state is copied first so the argument is never
 * scribbled on.
 *
 * Every score type has its own entry point so that no cast runs per row.
 * csat() and ces() share theirs and take the scale from their optional
 * arguments, which must not change within a group.
 */
#include "postgres.h"

#include "summary.h"
#include "score_args.h"

#include <math.h>

#include "common/int.h"
#include "utils/builtins.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(nps_trans_int2);
PG_FUNCTION_INFO_V1(nps_trans_int4);
PG_FUNCTION_INFO_V1(nps_trans_int8);
PG_FUNCTION_INFO_V1(nps_trans_numeric);
PG_FUNCTION_INFO_V1(nps_trans_float8);
PG_FUNCTION_INFO_V1(nps_inverse_int2);
PG_FUNCTION_INFO_V1(nps_inverse_int4);
PG_FUNCTION_INFO_V1(nps_inverse_int8);
PG_FUNCTION_INFO_V1(nps_inverse_numeric);
PG_FUNCTION_INFO_V1(nps_inverse_float8);
PG_FUNCTION_INFO_V1(scaled_trans_int2);
PG_FUNCTION_INFO_V1(scaled_trans_int4);
PG_FUNCTION_INFO_V1(scaled_trans_int8);
PG_FUNCTION_INFO_V1(scaled_trans_numeric);
PG_FUNCTION_INFO_V1(scaled_trans_float8);
PG_FUNCTION_INFO_V1(scaled_inverse_int2);
PG_FUNCTION_INFO_V1(scaled_inverse_int4);
PG_FUNCTION_INFO_V1(scaled_inverse_int8);
PG_FUNCTION_INFO_V1(scaled_inverse_numeric);
PG_FUNCTION_INFO_V1(scaled_inverse_float8);
PG_FUNCTION_INFO_V1(score_summary_combine);

/* Defaults of the one-argument forms (metrics.md). */
#define CSAT_DEFAULT_SCALE_MAX	5
#define CES_DEFAULT_SCALE_MAX	7

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
static int64
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

static int64
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

/*
 * Removing a response that is not in the state can only happen when the
 * inverse function is called by hand; refuse instead of going negative.
 */
static inline void
remove_score(ScoreSummary *state, int64 score)
{
	if (unlikely(state->count[score] == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s summary holds no response with score " INT64_FORMAT " to remove",
						summary_kind_name(state->kind), score)));
	state->count[score]--;
}

/*
 * The state of an unweighted transition, which must not be a weighted
 * summary: counting or removing a response without its weight would leave
 * that summary inconsistent.  One byte compare per row.
 */
static pg_attribute_always_inline ScoreSummary *
counts_state(FunctionCallInfo fcinfo)
{
	ScoreSummary *state = state_for_update(fcinfo);

	if (unlikely(summary_is_weighted(state)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an unweighted transition needs an unweighted %s summary",
						summary_kind_name(state->kind)),
				 errhint("Use the weighted aggregates for weighted summaries.")));
	return state;
}

/* ---------- nps(): fixed 0..10 scale, strict ---------- */

static pg_attribute_always_inline Datum
nps_step(FunctionCallInfo fcinfo, int64 score, bool add)
{
	ScoreSummary *state = counts_state(fcinfo);

	check_score(state, score);
	if (add)
		add_score(state, score);
	else
		remove_score(state, score);
	return updated_state(fcinfo, state);
}

Datum
nps_trans_int2(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT16(1), true);
}

Datum
nps_trans_int4(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT32(1), true);
}

Datum
nps_trans_int8(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT64(1), true);
}

Datum
nps_trans_numeric(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	add_score(state, numeric_score(state, PG_GETARG_NUMERIC(1)));
	return updated_state(fcinfo, state);
}

Datum
nps_trans_float8(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	add_score(state, float8_score(state, PG_GETARG_FLOAT8(1)));
	return updated_state(fcinfo, state);
}

Datum
nps_inverse_int2(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT16(1), false);
}

Datum
nps_inverse_int4(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT32(1), false);
}

Datum
nps_inverse_int8(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT64(1), false);
}

Datum
nps_inverse_numeric(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	remove_score(state, numeric_score(state, PG_GETARG_NUMERIC(1)));
	return updated_state(fcinfo, state);
}

Datum
nps_inverse_float8(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	remove_score(state, float8_score(state, PG_GETARG_FLOAT8(1)));
	return updated_state(fcinfo, state);
}

/* ---------- csat() and ces(): caller-chosen scale, non-strict ---------- */

static int
scale_parameter(FunctionCallInfo fcinfo, int argno, SummaryKind kind, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s %s must not be null", summary_kind_name(kind), name)));
	return PG_GETARG_INT32(argno);
}

pg_noreturn static void
invalid_scale(SummaryKind kind, const char *name, int value, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %s %d is out of range", summary_kind_name(kind), name, value),
			 errdetail("%s", detail)));
}

/*
 * The row's scale: scale_max (argument 2) and, for CSAT, satisfied_from
 * (argument 3), or their defaults, validated.  scale_args says how many of
 * the two the call passes (the weighted forms pass a weight after them).  Checked on every row, also
 * when the score is NULL, so a bad parameter never passes silently.
 */
Scale
row_scale(FunctionCallInfo fcinfo, SummaryKind kind, int scale_args)
{
	bool		csat = (kind == SUMMARY_CSAT);
	Scale		scale = {csat ? CSAT_DEFAULT_SCALE_MAX : CES_DEFAULT_SCALE_MAX, 0};

	if (scale_args >= 1)
		scale.scale_max = scale_parameter(fcinfo, 2, kind, "scale_max");
	if (scale.scale_max < SUMMARY_MIN_SCALE_MAX || scale.scale_max > SUMMARY_MAX_SCALE_MAX)
		invalid_scale(kind, "scale_max", scale.scale_max,
					  "scale_max must be between 3 and 10.");
	if (csat)
	{
		/* default: top-2-box, the two highest points of the scale */
		scale.top_from = (scale_args >= 2)
			? scale_parameter(fcinfo, 3, kind, "satisfied_from")
			: scale.scale_max - 1;
		if (scale.top_from < 2 || scale.top_from > scale.scale_max)
			invalid_scale(kind, "satisfied_from", scale.top_from,
						  psprintf("satisfied_from must be between 2 and scale_max (%d).",
								   scale.scale_max));
	}
	return scale;
}

/* Fixes the scale on the group's first response; later ones must agree. */
void
fix_scale(ScoreSummary *state, Scale scale)
{
	if (likely(state->scale_max == scale.scale_max && state->top_from == scale.top_from))
		return;
	if (state->scale_max != 0)
	{
		if (state->kind == SUMMARY_CSAT)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("CSAT scale must be the same for every row of a group"),
					 errdetail("The group started with scale_max %d and satisfied_from %d; a row has %d and %d.",
							   state->scale_max, state->top_from,
							   scale.scale_max, scale.top_from)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale must be the same for every row of a group",
						summary_kind_name(state->kind)),
				 errdetail("The group started with scale_max %d; a row has %d.",
						   state->scale_max, scale.scale_max)));
	}
	state->scale_max = scale.scale_max;
	state->top_from = scale.top_from;
}

int64
score_argument(FunctionCallInfo fcinfo, const ScoreSummary *state, ScoreType type)
{
	switch (type)
	{
		case SCORE_INT2:
			return PG_GETARG_INT16(1);
		case SCORE_INT4:
			return PG_GETARG_INT32(1);
		case SCORE_INT8:
			return PG_GETARG_INT64(1);
		case SCORE_NUMERIC:
			return numeric_score(state, PG_GETARG_NUMERIC(1));
		case SCORE_FLOAT8:
			return float8_score(state, PG_GETARG_FLOAT8(1));
	}
	pg_unreachable();
}

/*
 * Shared body of the csat/ces (inverse) transition functions.  A NULL score
 * leaves the state as it is, so the state depends only on the responses
 * counted; when the inverse removes the last of them the scale is unfixed
 * again, which makes the moving path agree with recomputing the frame.
 */
static inline Datum
scaled_step(FunctionCallInfo fcinfo, ScoreType type, bool add)
{
	ScoreSummary *state = counts_state(fcinfo);
	Scale		scale = row_scale(fcinfo, state->kind, PG_NARGS() - 2);
	int64		score;

	if (PG_ARGISNULL(1))
		return updated_state(fcinfo, state);
	fix_scale(state, scale);
	score = score_argument(fcinfo, state, type);
	check_score(state, score);
	if (add)
		add_score(state, score);
	else
	{
		remove_score(state, score);
		if (summary_total(state) == 0)
			state->scale_max = state->top_from = 0;
	}
	return updated_state(fcinfo, state);
}

Datum
scaled_trans_int2(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_INT2, true);
}

Datum
scaled_trans_int4(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_INT4, true);
}

Datum
scaled_trans_int8(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_INT8, true);
}

Datum
scaled_trans_numeric(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_NUMERIC, true);
}

Datum
scaled_trans_float8(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_FLOAT8, true);
}

Datum
scaled_inverse_int2(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_INT2, false);
}

Datum
scaled_inverse_int4(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_INT4, false);
}

Datum
scaled_inverse_int8(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_INT8, false);
}

Datum
scaled_inverse_numeric(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_NUMERIC, false);
}

Datum
scaled_inverse_float8(PG_FUNCTION_ARGS)
{
	return scaled_step(fcinfo, SCORE_FLOAT8, false);
}

/* ---------- combine ---------- */

/* Adds the second state into the first (parallel workers, Citus). */
Datum
score_summary_combine(PG_FUNCTION_ARGS)
{
	ScoreSummary *a = state_for_update(fcinfo);

	summary_add(a, PG_GETARG_SUMMARY(1), "combine");
	PG_RETURN_POINTER(a);
}
