/*
 * score_args.h
 *		Reading the arguments of the transition functions of every metric:
 *		the state to update and the score of any SQL numeric type, checked
 *		against the summary's scale.
 *
 * Shared by the transition functions of NPS (nps.c), CSAT and CES
 * (csat_ces.c) and the weighted forms (weights.c).  What runs on
 * every row is inline here; the rest is in score_args.c.
 */
#ifndef NPS_EXT_SCORE_ARGS_H
#define NPS_EXT_SCORE_ARGS_H

#include "summary.h"

#include "common/int.h"
#include "nodes/execnodes.h"

typedef enum ScoreType
{
	SCORE_INT2,
	SCORE_INT4,
	SCORE_INT8,
	SCORE_NUMERIC,
	SCORE_FLOAT8
} ScoreType;

/*
 * What is wrong with a score, if anything.  The aggregates raise an error
 * for it; the validity predicates (nps_valid(), csat_valid(), ces_valid(),
 * validity.c) answer false: both read it from the same functions, so that
 * a score a predicate calls valid is exactly one the aggregate counts.
 */
typedef enum ScoreProblem
{
	SCORE_VALID,
	SCORE_NOT_INTEGER,			/* a fraction: 6.5 */
	SCORE_OFF_SCALE				/* an integer off the scale, NaN, infinite */
} ScoreProblem;

/* score_args.c */
extern ScoreProblem numeric_score_problem(Numeric value, int scale_min, int scale_max,
										  int64 *score);
extern ScoreProblem float8_score_problem(float8 value, int scale_min, int scale_max,
										 int64 *score);
pg_noreturn extern void invalid_score(FunctionCallInfo fcinfo, const ScoreSummary *state,
									  ScoreProblem problem, const char *value);
extern int64 numeric_score(FunctionCallInfo fcinfo, const ScoreSummary *state, Numeric value);
extern int64 float8_score(FunctionCallInfo fcinfo, const ScoreSummary *state, float8 value);
extern bool window_aggregate_uses(const WindowFunc *wfunc, Oid transfn);
extern char *aggregate_argument_text(FunctionCallInfo fcinfo, int argno, const char *otherwise);

/*
 * Exactly the test AggCheckCallContext() makes (called by nodeAgg or
 * nodeWindowAgg), inlined: it runs once per row, and the out-of-line call
 * alone cost nps() about 8% against count().
 */
static pg_attribute_always_inline bool
called_as_aggregate(FunctionCallInfo fcinfo)
{
	return fcinfo->context != NULL &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState));
}

/*
 * The state to update.  Inside an aggregate it is the aggregate's own copy
 * (of INITCOND, of what we returned before, or for rollup() of the first
 * summary read), updated in place.  It is in plain form unless a DBA set
 * the type's STORAGE to extended and rollup() took a short-headed value as
 * its state (a stored summary, or a parallel worker's partial state): then
 * it is detoasted once, and the executor keeps a copy of that full-size
 * value from then on.  The header test is one byte and
 * costs nothing measurable on this per-row path.  Called as a plain
 * function, the argument is copied.
 */
static pg_attribute_always_inline ScoreSummary *
state_for_update_in(FunctionCallInfo fcinfo, bool in_aggregate)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("summary state must not be null")));
	if (likely(in_aggregate))
	{
		struct varlena *state = (struct varlena *) PG_GETARG_POINTER(0);

		if (unlikely(VARATT_IS_EXTENDED(state)))
			return (ScoreSummary *) pg_detoast_datum(state);
		return (ScoreSummary *) state;
	}
	return summary_copy(PG_GETARG_SUMMARY(0));
}

static pg_attribute_always_inline ScoreSummary *
state_for_update(FunctionCallInfo fcinfo)
{
	return state_for_update_in(fcinfo, called_as_aggregate(fcinfo));
}

/*
 * The score (argument 1) as an integer on the state's scale, checked.
 * type is a constant at every call, so this folds to the one branch of
 * that type; so is scale_min where the caller knows its metric (NPS,
 * CSAT/CES), so that an integer score costs a load and two compares.
 */
static pg_attribute_always_inline int64
score_of(FunctionCallInfo fcinfo, const ScoreSummary *state, ScoreType type, int scale_min)
{
	int64		score;

	switch (type)
	{
		case SCORE_INT2:
			score = PG_GETARG_INT16(1);
			break;
		case SCORE_INT4:
			score = PG_GETARG_INT32(1);
			break;
		case SCORE_INT8:
			score = PG_GETARG_INT64(1);
			break;
		case SCORE_NUMERIC:
			return numeric_score(fcinfo, state, PG_GETARG_NUMERIC(1));
		case SCORE_FLOAT8:
			return float8_score(fcinfo, state, PG_GETARG_FLOAT8(1));
		default:
			pg_unreachable();
	}
	if (unlikely(score < scale_min || score > state->scale_max))
		invalid_score(fcinfo, state, SCORE_OFF_SCALE, psprintf(INT64_FORMAT, score));
	return score;
}

/*
 * What is wrong with argument argno as a score on scale_min..scale_max:
 * the checks of score_of() without the error, for the validity predicates.
 */
static inline ScoreProblem
score_problem_of(FunctionCallInfo fcinfo, int argno, ScoreType type,
				 int scale_min, int scale_max)
{
	int64		score;

	switch (type)
	{
		case SCORE_INT2:
			score = PG_GETARG_INT16(argno);
			break;
		case SCORE_INT4:
			score = PG_GETARG_INT32(argno);
			break;
		case SCORE_INT8:
			score = PG_GETARG_INT64(argno);
			break;
		case SCORE_NUMERIC:
			return numeric_score_problem(PG_GETARG_NUMERIC(argno), scale_min, scale_max, &score);
		case SCORE_FLOAT8:
			return float8_score_problem(PG_GETARG_FLOAT8(argno), scale_min, scale_max, &score);
		default:
			pg_unreachable();
	}
	return (score < scale_min || score > scale_max) ? SCORE_OFF_SCALE : SCORE_VALID;
}

/*
 * Counts one response.  A count can only reach the bigint limit in a state
 * that did not grow from zero here (a stored or hand-written summary), but
 * such states exist, so the increment is checked.
 */
static pg_attribute_always_inline void
add_score(ScoreSummary *state, int64 score)
{
	if (unlikely(pg_add_s64_overflow(state->count[score], 1, &state->count[score])))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s summary has too many responses", summary_kind_name(state->kind)),
				 errdetail("The count of score " INT64_FORMAT " would exceed the bigint range.",
						   score)));
}

/*
 * Returns the updated state.  Outside an aggregate the result is a value of
 * its own, which must read back: a hand-made summary whose responses no
 * longer fit in bigint after the update is error 22003 here (inside an
 * aggregate that takes 2^63 rows, and the final function checks it).
 */
static pg_attribute_always_inline Datum
updated_state_in(FunctionCallInfo fcinfo, ScoreSummary *state, bool in_aggregate)
{
	if (unlikely(!in_aggregate))
		(void) summary_total(state);
	PG_RETURN_POINTER(state);
}

static pg_attribute_always_inline Datum
updated_state(FunctionCallInfo fcinfo, ScoreSummary *state)
{
	return updated_state_in(fcinfo, state, called_as_aggregate(fcinfo));
}

/*
 * The state of an unweighted transition, which must not be a weighted
 * summary: counting or removing a response without its weight would leave
 * that summary inconsistent.  One byte compare per row.
 */
static pg_attribute_always_inline ScoreSummary *
counts_state(FunctionCallInfo fcinfo, bool in_aggregate)
{
	ScoreSummary *state = state_for_update_in(fcinfo, in_aggregate);

	if (unlikely(summary_is_weighted(state)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an unweighted transition needs an unweighted %s summary",
						summary_kind_name(state->kind)),
				 errhint("Use the weighted aggregates for weighted summaries.")));
	return state;
}

/*
 * Removing a response that is not in the state can only happen when the
 * inverse function is called by hand; refuse instead of going negative.
 */
static pg_attribute_always_inline void
remove_score(ScoreSummary *state, int64 score)
{
	if (unlikely(state->count[score] == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s summary holds no response with score " INT64_FORMAT " to remove",
						summary_kind_name(state->kind), score)));
	state->count[score]--;
}

#endif							/* NPS_EXT_SCORE_ARGS_H */
