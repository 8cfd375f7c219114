/*
 * churn.c
 *		The churn aggregates' transition, combine and final functions:
 *		churn_risk(score, responded_at [, as_of]) with the heuristic model and
 *		churn_agg(score, responded_at [, as_of [, effort, satisfaction]]),
 *		the customer's feature state.
 *
 * A response counts when its score and time are not NULL and it was given
 * at or before as_of (not yet known otherwise).  The features
 * (churn_features.c) depend only on exact integer counts and sums and on the
 * maximum by (time, -score), so nothing depends on row order and states merge
 * exactly across parallel workers and Citus nodes.
 */
#include "postgres.h"

#include "churn.h"
#include "churn_features.h"

#include "access/xact.h"
#include "common/int.h"
#include "nodes/primnodes.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(churn_trans);
PG_FUNCTION_INFO_V1(churn_trans_as_of);
PG_FUNCTION_INFO_V1(churn_trans_answers);
PG_FUNCTION_INFO_V1(churn_combine);
PG_FUNCTION_INFO_V1(churn_final);
PG_FUNCTION_INFO_V1(churn_agg_final);

/*
 * The state to update, in the format it came in: in an aggregate, the
 * aggregate's own copy; called directly, a copy.  A format 1 state (1.1's
 * initial value, or a stored 1.1 state) stays format 1 unless the caller
 * needs format 2's fields: the score fields are the same, and with
 * CHURN_RECENT_KNOWN clear nothing writes past them.
 */
static ChurnState *
churn_for_update(FunctionCallInfo fcinfo, bool need_format2)
{
	ChurnState *stored;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s state must not be null", churn_caller(fcinfo))));
	stored = PG_GETARG_CHURN_STORED(0);
	if (need_format2 && stored->version == CHURN_FORMAT_V1)
		return churn_state_read(PointerGetDatum(stored));	/* a widened copy */
	if (AggCheckCallContext(fcinfo, NULL))
		return stored;
	return memcpy(palloc(VARSIZE(stored)), stored, VARSIZE(stored));
}

/*
 * The SQL name of the aggregate running, for messages: churn_risk or
 * churn_agg.  Only looked up when a message needs it.
 */
const char *
churn_caller(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = fcinfo != NULL ? AggGetAggref(fcinfo) : NULL;

	return aggref != NULL ? get_func_name(aggref->aggfnoid) : "churn_risk";
}

/* Is response a later than response b?  Ties: the lower score is later. */
static inline bool
is_later(TimestampTz at_a, int score_a, TimestampTz at_b, int score_b)
{
	return at_a > at_b || (at_a == at_b && score_a < score_b);
}

static int
checked_score(int32 score)
{
	if (score < 0 || score > 10)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("NPS score %d is out of range", score),
				 errdetail("NPS scores on this scale are integers from 0 to 10.")));
	return score;
}

static int
checked_answer(FunctionCallInfo fcinfo, int32 answer, const char *name)
{
	if (answer < CHURN_ANSWER_MIN || answer > CHURN_ANSWER_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s answer %d is out of range", churn_caller(fcinfo), name, answer),
				 errdetail("Effort and satisfaction answers are integers from %d to %d.",
						   CHURN_ANSWER_MIN, CHURN_ANSWER_MAX)));
	return answer;
}

static TimestampTz
checked_time(FunctionCallInfo fcinfo, TimestampTz value, const char *name)
{
	if (TIMESTAMP_NOT_FINITE(value))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s must be finite", churn_caller(fcinfo), name),
				 errdetail("The value is %s.", timestamptz_to_str(value))));
	return value;
}

static void
add_checked(FunctionCallInfo fcinfo, int64 *count, int64 *sum, int64 value)
{
	/* only a hand-made state can be this full; refuse rather than wrap */
	if (unlikely(pg_add_s64_overflow(*count, 1, count) ||
				 pg_add_s64_overflow(*sum, value, sum)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s state has too many responses", churn_caller(fcinfo))));
}

/* Was a response at "at" given in the CHURN_RECENT_DAYS up to as_of? */
static bool
is_recent(TimestampTz at, TimestampTz as_of)
{
	return (double) as_of - (double) at < (double) CHURN_RECENT_DAYS * USECS_PER_DAY;
}

/*
 * Adds one row's score.  A row whose score or time is NULL, or that was
 * given after as_of, is skipped; its other argument is still checked, so an
 * invalid value never passes silently.
 */
void
churn_add_response(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of,
				   bool score_null, int32 score, bool at_null, TimestampTz at)
{
	/* before the count grows: only the count says there is no latest yet */
	bool		first;

	if (!score_null)
		score = checked_score(score);
	if (!at_null)
		at = checked_time(fcinfo, at, "responded_at");
	if (score_null || at_null || at > as_of)
		return;
	first = state->responses == 0;
	add_checked(fcinfo, &state->responses, &state->score_sum, score);
	if ((state->flags & CHURN_RECENT_KNOWN) && is_recent(at, as_of))
		state->recent_responses++;	/* <= responses, which did not overflow */
	if (first || is_later(at, score, state->latest_at, state->latest_score))
	{
		state->latest_at = at;
		state->latest_score = score;
	}
}

/* Adds one row's effort and satisfaction answers, NULL ones skipped. */
void
churn_add_answers(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of,
				  bool at_null, TimestampTz at,
				  bool effort_null, int32 effort,
				  bool satisfaction_null, int32 satisfaction)
{
	if (!effort_null)
		effort = checked_answer(fcinfo, effort, "effort");
	if (!satisfaction_null)
		satisfaction = checked_answer(fcinfo, satisfaction, "satisfaction");
	if (at_null || at > as_of)
		return;
	if (!effort_null)
		add_checked(fcinfo, &state->effort_answers, &state->effort_sum, effort);
	if (!satisfaction_null)
		add_checked(fcinfo, &state->satisfaction_answers, &state->satisfaction_sum, satisfaction);
}

/* The group's as_of: set by its first row, the same on every other row. */
void
churn_fix_as_of(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of)
{
	as_of = checked_time(fcinfo, as_of, "as_of");
	if (!state->as_of_given)
	{
		state->as_of_given = 1;
		state->as_of = as_of;
	}
	else if (state->as_of != as_of)
	{
		/* timestamptz_to_str() returns a static buffer: copy each result */
		char	   *first = pstrdup(timestamptz_to_str(state->as_of));
		char	   *other = pstrdup(timestamptz_to_str(as_of));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s as_of must be the same for every row of a group",
						churn_caller(fcinfo)),
				 errdetail("The group started with %s and a row has %s.", first, other)));
	}
}

static TimestampTz
as_of_argument(FunctionCallInfo fcinfo, ChurnState *state)
{
	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s as_of must not be null", churn_caller(fcinfo))));
	churn_fix_as_of(fcinfo, state, PG_GETARG_TIMESTAMPTZ(3));
	return state->as_of;
}

static void
add_score_arguments(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of)
{
	churn_add_response(fcinfo, state, as_of,
					   PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
					   PG_ARGISNULL(2), PG_ARGISNULL(2) ? 0 : PG_GETARG_TIMESTAMPTZ(2));
}

/* (score, responded_at): as of the transaction's start. */
Datum
churn_trans(PG_FUNCTION_ARGS)
{
	ChurnState *state = churn_for_update(fcinfo, false);

	add_score_arguments(fcinfo, state, GetCurrentTransactionStartTimestamp());
	PG_RETURN_POINTER(state);
}

/* (score, responded_at, as_of): as_of fixed for the group. */
Datum
churn_trans_as_of(PG_FUNCTION_ARGS)
{
	ChurnState *state = churn_for_update(fcinfo, false);

	add_score_arguments(fcinfo, state, as_of_argument(fcinfo, state));
	PG_RETURN_POINTER(state);
}

/* (score, responded_at, as_of, effort, satisfaction) */
Datum
churn_trans_answers(PG_FUNCTION_ARGS)
{
	ChurnState *state = churn_for_update(fcinfo, true);
	TimestampTz as_of = as_of_argument(fcinfo, state);

	add_score_arguments(fcinfo, state, as_of);
	churn_add_answers(fcinfo, state, as_of,
					  PG_ARGISNULL(2), PG_ARGISNULL(2) ? 0 : PG_GETARG_TIMESTAMPTZ(2),
					  PG_ARGISNULL(4), PG_ARGISNULL(4) ? 0 : PG_GETARG_INT32(4),
					  PG_ARGISNULL(5), PG_ARGISNULL(5) ? 0 : PG_GETARG_INT32(5));
	PG_RETURN_POINTER(state);
}

/* as_of for messages; a fresh string each call (see timestamptz_to_str) */
static char *
describe_as_of(const ChurnState *state)
{
	if (!state->as_of_given)
		return pstrdup("the transaction start");
	return pstrdup(timestamptz_to_str(state->as_of));
}

static bool
has_answers(const ChurnState *state)
{
	return state->version != CHURN_FORMAT_V1 &&
		(state->effort_answers > 0 || state->satisfaction_answers > 0);
}

static bool
is_neutral(const ChurnState *state)
{
	return !state->as_of_given && state->responses == 0 && !has_answers(state);
}

static void
merge_as_of(FunctionCallInfo fcinfo, ChurnState *a, const ChurnState *b)
{
	if (a->as_of_given == b->as_of_given && (!a->as_of_given || a->as_of == b->as_of))
		return;
	if (!is_neutral(a) && !is_neutral(b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine %s states with different as_of", churn_caller(fcinfo)),
				 errdetail("One is as of %s, the other as of %s.",
						   describe_as_of(a), describe_as_of(b))));
	if (is_neutral(a))
	{
		a->as_of_given = b->as_of_given;
		a->as_of = b->as_of;
	}
}

static void
add_sums(FunctionCallInfo fcinfo, int64 *a, int64 b)
{
	if (pg_add_s64_overflow(*a, b, a))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("combined %s state has too many responses", churn_caller(fcinfo))));
}

/* The fields of both formats: as_of, the latest response, the score sums. */
static void
merge_scores(FunctionCallInfo fcinfo, ChurnState *a, const ChurnState *b)
{
	merge_as_of(fcinfo, a, b);
	if (b->responses > 0 &&
		(a->responses == 0 ||
		 is_later(b->latest_at, b->latest_score, a->latest_at, a->latest_score)))
	{
		a->latest_at = b->latest_at;
		a->latest_score = b->latest_score;
	}
	add_sums(fcinfo, &a->responses, b->responses);
	add_sums(fcinfo, &a->score_sum, b->score_sum);
}

/*
 * Merges b into a, both format 2.  A state without rows and without as_of
 * is neutral; otherwise both must agree on as_of.  The recent count is known
 * only when it is known on both sides.
 */
void
churn_state_merge(FunctionCallInfo fcinfo, ChurnState *a, const ChurnState *b)
{
	merge_scores(fcinfo, a, b);
	if ((a->flags & b->flags & CHURN_RECENT_KNOWN) != 0)
		add_sums(fcinfo, &a->recent_responses, b->recent_responses);
	else
	{
		a->flags &= ~CHURN_RECENT_KNOWN;
		a->recent_responses = 0;
	}
	add_sums(fcinfo, &a->effort_answers, b->effort_answers);
	add_sums(fcinfo, &a->effort_sum, b->effort_sum);
	add_sums(fcinfo, &a->satisfaction_answers, b->satisfaction_answers);
	add_sums(fcinfo, &a->satisfaction_sum, b->satisfaction_sum);
}

/* Two format 1 states merge as format 1; otherwise the result is format 2. */
Datum
churn_combine(PG_FUNCTION_ARGS)
{
	ChurnState *a = churn_for_update(fcinfo, false);
	ChurnState *b = PG_GETARG_CHURN_STORED(1);

	if (a->version == CHURN_FORMAT_V1 && b->version == CHURN_FORMAT_V1)
	{
		merge_scores(fcinfo, a, b);
		PG_RETURN_POINTER(a);
	}
	if (a->version == CHURN_FORMAT_V1)
		a = churn_state_read(PointerGetDatum(a));
	churn_state_merge(fcinfo, a, churn_state_read(PointerGetDatum(b)));
	PG_RETURN_POINTER(a);
}

/* churn_risk(): the heuristic risk, NULL without responses. */
Datum
churn_final(PG_FUNCTION_ARGS)
{
	ChurnState *state = PG_GETARG_CHURN(0);
	ChurnFacts	facts;

	if (state->responses == 0)
		PG_RETURN_NULL();
	churn_compute_facts(state, &facts);
	PG_RETURN_FLOAT8(churn_heuristic_risk(&facts));
}

/* churn_agg(): the state itself, NULL for a group without any answer. */
Datum
churn_agg_final(PG_FUNCTION_ARGS)
{
	ChurnState *state = PG_GETARG_CHURN(0);

	if (state->responses == 0 && state->effort_answers == 0 &&
		state->satisfaction_answers == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}
