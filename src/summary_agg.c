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
 * arguments, which must not change within a group nor reference the
 * aggregated rows.
 */
#include "postgres.h"

#include "summary.h"
#include "score_args.h"

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

/*
 * Shared body of the csat/ces (inverse) transition functions.  Every row
 * fixes or must agree with the group's scale, also a row skipped for its
 * NULL score: its scale is data like any other, and a group whose first
 * rows have no score must not take the scale of a later row silently.
 * The inverse never unfixes the scale: PostgreSQL does not call it to
 * remove the last row of a frame (it restarts from MINITCOND instead), so
 * the rows left in the frame, with or without a score, are all on the
 * state's scale, as recomputing the frame would find.  Where the scale
 * arguments come from is checked while the scale is not fixed yet, so on
 * no row after a group's first.
 */
static inline Datum
scaled_step(FunctionCallInfo fcinfo, ScoreType type, bool add)
{
	ScoreSummary *state = counts_state(fcinfo);
	int64		score;

	if (unlikely(state->scale_max == 0))
		check_scale_source(fcinfo, state->kind, PG_NARGS() - 2);
	fix_scale(state, row_scale(fcinfo, state->kind, PG_NARGS() - 2));
	if (PG_ARGISNULL(1))
		return updated_state(fcinfo, state);
	score = score_argument(fcinfo, state, type);
	check_score(state, score);
	if (add)
		add_score(state, score);
	else
		remove_score(state, score);
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
