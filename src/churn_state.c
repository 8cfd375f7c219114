/*
 * churn_state.c
 *		The churn_state value: a new empty state, reading a stored value of
 *		either format, and the consistency check every input path (text,
 *		binary, the fuzz harness) applies.
 */
#include "postgres.h"

#include "churn_state.h"

ChurnState *
churn_state_new(void)
{
	ChurnState *state = palloc0(CHURN_STATE_SIZE);

	SET_VARSIZE(state, CHURN_STATE_SIZE);
	state->version = CHURN_FORMAT_VERSION;
	state->flags = CHURN_RECENT_KNOWN;
	return state;
}

/*
 * A format 2 state for computing.  A format 1 value (1.0, 1.1) is widened
 * into a fresh copy: an empty one knows its (zero) recent responses, one
 * with responses does not.  The result must not be modified in place
 * unless the caller copied it (churn.c does, see churn_for_update).
 */
ChurnState *
churn_state_read(Datum value)
{
	ChurnState *stored = (ChurnState *) PG_DETOAST_DATUM(value);
	ChurnState *state;

	if (stored->version != CHURN_FORMAT_V1)
		return stored;
	state = churn_state_new();
	memcpy(state, stored, CHURN_STATE_V1_SIZE);
	SET_VARSIZE(state, CHURN_STATE_SIZE);
	state->version = CHURN_FORMAT_VERSION;
	state->flags = stored->responses == 0 ? CHURN_RECENT_KNOWN : 0;
	return state;
}

/* sum of count answers, each lo..hi */
static bool
sum_fits(int64 count, int64 sum, int64 lo, int64 hi)
{
	if (count < 0 || sum < 0)
		return false;
	if (count > PG_INT64_MAX / hi)
		return true;			/* only a hand-made value; sum is int64 */
	return sum >= lo * count && sum <= hi * count;
}

/* The fields both formats have. */
static const char *
common_problem(const ChurnState *state)
{
	if (state->as_of_given > 1)
		return "The flags are invalid.";
	if (state->as_of_given ? !IS_VALID_TIMESTAMP(state->as_of) : state->as_of != 0)
		return "as_of must be a valid finite timestamp when given and zero otherwise.";
	if (state->responses < 0)
		return "responses must not be negative.";
	if (state->responses == 0)
	{
		if (state->score_sum != 0 || state->latest_score != 0 || state->latest_at != 0)
			return "A state without responses has no scores.";
		return NULL;
	}
	if (state->latest_score > 10)
		return "latest_score must be between 0 and 10.";
	if (!IS_VALID_TIMESTAMP(state->latest_at))
		return "latest_at must be a valid finite timestamp.";
	/* the earlier responses sum to score_sum - latest_score, 0..10 each */
	if (state->score_sum < state->latest_score ||
		!sum_fits(state->responses - 1, state->score_sum - state->latest_score, 0, 10))
		return "score_sum is inconsistent with responses and latest_score.";
	return NULL;
}

/* The fields format 2 adds. */
static const char *
format2_problem(const ChurnState *state)
{
	if ((state->flags & ~CHURN_RECENT_KNOWN) != 0)
		return "The flags are invalid.";
	if (state->flags & CHURN_RECENT_KNOWN
		? state->recent_responses < 0 || state->recent_responses > state->responses
		: state->recent_responses != 0 || state->responses == 0)
		return "recent_responses must be known, and between 0 and responses, unless read from a 1.1 state with responses.";
	if (!sum_fits(state->effort_answers, state->effort_sum,
				  CHURN_ANSWER_MIN, CHURN_ANSWER_MAX))
		return "effort_sum is inconsistent with effort_answers (answers are 0 to 100).";
	if (!sum_fits(state->satisfaction_answers, state->satisfaction_sum,
				  CHURN_ANSWER_MIN, CHURN_ANSWER_MAX))
		return "satisfaction_sum is inconsistent with satisfaction_answers (answers are 0 to 100).";
	return NULL;
}

/* NULL when consistent, else a sentence for errdetail. */
const char *
churn_state_problem(const ChurnState *state)
{
	if (state->version == CHURN_FORMAT_V1)
	{
		if (VARSIZE(state) != CHURN_STATE_V1_SIZE)
			return "The value has the wrong size.";
		if (state->flags != 0)
			return "The flags are invalid.";
		return common_problem(state);
	}
	if (state->version != CHURN_FORMAT_VERSION)
		return "The format version is not supported by this build of nps_ext.";
	if (VARSIZE(state) != CHURN_STATE_SIZE)
		return "The value has the wrong size.";
	return common_problem(state) ? common_problem(state) : format2_problem(state);
}
