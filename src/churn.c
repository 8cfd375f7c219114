/*
 * churn.c
 *		churn_risk(score, responded_at [, as_of]): per-customer churn risk.
 *
 * No published churn model exists for NPS data (docs/metrics.md), so this is a
 * transparent heuristic: a logistic function of four named features of one
 * customer's response history, each in [0, 1]:
 *
 *	 dissatisfaction = (10 - latest score) / 10
 *	 detractor		 = 1 when the latest score is 0..6, else 0
 *	 decline		 = max(0, mean of the earlier scores - latest score) / 10
 *	 silence		 = 1 - 2^(-days since the latest response / 180)
 *
 *	 risk = 1 / (1 + exp(-(intercept + sum of weight * feature)))
 *
 * Every weight is positive, so the risk rises with each feature; the
 * features depend only on exact integer counts and sums and on the maximum
 * by (time, -score), so the result does not depend on row order and states
 * merge exactly across parallel workers and Citus nodes.
 */
#include "postgres.h"

#include "churn_state.h"

#include <math.h>

#include "access/xact.h"
#include "common/int.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(churn_trans);
PG_FUNCTION_INFO_V1(churn_trans_as_of);
PG_FUNCTION_INFO_V1(churn_combine);
PG_FUNCTION_INFO_V1(churn_final);

/* The default coefficients: heuristic, documented in docs/metrics.md. */
#define CHURN_INTERCEPT				(-3.0)
#define CHURN_W_DISSATISFACTION		3.0
#define CHURN_W_DETRACTOR			1.0
#define CHURN_W_DECLINE				2.0
#define CHURN_W_SILENCE				2.0
#define CHURN_SILENCE_HALF_LIFE_DAYS 180.0

static ChurnState *
churn_for_update(FunctionCallInfo fcinfo)
{
	ChurnState *state;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("churn_risk state must not be null")));
	state = PG_GETARG_CHURN(0);
	if (AggCheckCallContext(fcinfo, NULL))
		return state;
	state = memcpy(palloc(CHURN_STATE_SIZE), state, CHURN_STATE_SIZE);
	return state;
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

static TimestampTz
checked_time(TimestampTz value, const char *name)
{
	if (TIMESTAMP_NOT_FINITE(value))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("churn_risk %s must be finite", name),
				 errdetail("The value is %s.", timestamptz_to_str(value))));
	return value;
}

static void
add_response(ChurnState *state, int score, TimestampTz at)
{
	/*
	 * Taken before the count grows: an empty state's latest_at is 0, which
	 * is a real time (2000-01-01 00:00 UTC), so only the count can say that
	 * there is no latest response yet.
	 */
	bool		first = state->responses == 0;

	/* only a hand-made state can be this full; refuse rather than wrap */
	if (unlikely(pg_add_s64_overflow(state->responses, 1, &state->responses) ||
				 pg_add_s64_overflow(state->score_sum, score, &state->score_sum)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("churn_risk state has too many responses")));
	if (first || is_later(at, score, state->latest_at, state->latest_score))
	{
		state->latest_at = at;
		state->latest_score = score;
	}
}

/*
 * Shared body: skips rows with a NULL score or time and responses after
 * as_of (not yet known at as_of).  A skipped row's other argument is still
 * checked, so an invalid value never passes silently.
 */
static Datum
churn_step(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of)
{
	int			score = 0;
	TimestampTz at = 0;

	if (!PG_ARGISNULL(1))
		score = checked_score(PG_GETARG_INT32(1));
	if (!PG_ARGISNULL(2))
		at = checked_time(PG_GETARG_TIMESTAMPTZ(2), "responded_at");
	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2) && at <= as_of)
		add_response(state, score, at);
	PG_RETURN_POINTER(state);
}

/* churn_risk(score, responded_at): as of the transaction's start. */
Datum
churn_trans(PG_FUNCTION_ARGS)
{
	return churn_step(fcinfo, churn_for_update(fcinfo),
					  GetCurrentTransactionStartTimestamp());
}

/* churn_risk(score, responded_at, as_of): as_of fixed for the group. */
Datum
churn_trans_as_of(PG_FUNCTION_ARGS)
{
	ChurnState *state = churn_for_update(fcinfo);
	TimestampTz as_of;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("churn_risk as_of must not be null")));
	as_of = checked_time(PG_GETARG_TIMESTAMPTZ(3), "as_of");
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
				 errmsg("churn_risk as_of must be the same for every row of a group"),
				 errdetail("The group started with %s and a row has %s.", first, other)));
	}
	return churn_step(fcinfo, state, as_of);
}

/* as_of for messages; a fresh string each call (see timestamptz_to_str) */
static char *
describe_as_of(const ChurnState *state)
{
	if (!state->as_of_given)
		return pstrdup("the transaction start");
	return pstrdup(timestamptz_to_str(state->as_of));
}

/*
 * Merges b into a.  A state without responses and without as_of is the
 * neutral initial state; otherwise both must agree on as_of.
 */
Datum
churn_combine(PG_FUNCTION_ARGS)
{
	ChurnState *a = churn_for_update(fcinfo);
	ChurnState *b = PG_GETARG_CHURN(1);

	if (a->as_of_given != b->as_of_given || (a->as_of_given && a->as_of != b->as_of))
	{
		bool		a_neutral = !a->as_of_given && a->responses == 0;
		bool		b_neutral = !b->as_of_given && b->responses == 0;

		if (!a_neutral && !b_neutral)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot combine churn_risk states with different as_of"),
					 errdetail("One is as of %s, the other as of %s.",
							   describe_as_of(a), describe_as_of(b))));
		if (a_neutral)
		{
			a->as_of_given = b->as_of_given;
			a->as_of = b->as_of;
		}
	}
	if (b->responses == 0)
		PG_RETURN_POINTER(a);
	if (a->responses == 0 ||
		is_later(b->latest_at, b->latest_score, a->latest_at, a->latest_score))
	{
		a->latest_at = b->latest_at;
		a->latest_score = b->latest_score;
	}
	if (pg_add_s64_overflow(a->responses, b->responses, &a->responses) ||
		pg_add_s64_overflow(a->score_sum, b->score_sum, &a->score_sum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("combined churn_risk state has too many responses")));
	PG_RETURN_POINTER(a);
}

/* Days from the latest response to as_of, 0 if the response is later. */
static double
days_silent(const ChurnState *state, TimestampTz as_of)
{
	if (as_of <= state->latest_at)
		return 0.0;
	/* as_of - latest_at can exceed int64 for far-apart finite timestamps */
	return ((double) as_of - (double) state->latest_at) / (double) USECS_PER_DAY;
}

static double
churn_model(const ChurnState *state, TimestampTz as_of)
{
	int			latest = state->latest_score;
	double		dissatisfaction = (10 - latest) / 10.0;
	double		detractor = (latest <= 6) ? 1.0 : 0.0;
	double		decline = 0.0;
	double		silence;
	double		logit;

	if (state->responses > 1)
	{
		double		earlier_mean = (double) (state->score_sum - latest) /
			(double) (state->responses - 1);

		decline = Max(0.0, earlier_mean - latest) / 10.0;
	}
	silence = 1.0 - exp2(-days_silent(state, as_of) / CHURN_SILENCE_HALF_LIFE_DAYS);

	logit = CHURN_INTERCEPT
		+ CHURN_W_DISSATISFACTION * dissatisfaction
		+ CHURN_W_DETRACTOR * detractor
		+ CHURN_W_DECLINE * decline
		+ CHURN_W_SILENCE * silence;
	return 1.0 / (1.0 + exp(-logit));
}

Datum
churn_final(PG_FUNCTION_ARGS)
{
	ChurnState *state = PG_GETARG_CHURN(0);

	if (state->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(churn_model(state, state->as_of_given
								 ? state->as_of
								 : GetCurrentTransactionStartTimestamp()));
}
