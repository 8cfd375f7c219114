/*
 * churn_state.c
 *		The churn_state value: a new empty state, and the consistency check
 *		every input path (text, binary, the fuzz harness) applies.
 */
#include "postgres.h"

#include "churn_state.h"

ChurnState *
churn_state_new(void)
{
	ChurnState *state = palloc0(CHURN_STATE_SIZE);

	SET_VARSIZE(state, CHURN_STATE_SIZE);
	state->version = CHURN_FORMAT_VERSION;
	return state;
}

/* NULL when consistent, else a sentence for errdetail. */
const char *
churn_state_problem(const ChurnState *state)
{
	if (VARSIZE(state) != CHURN_STATE_SIZE)
		return "The value has the wrong size.";
	if (state->version != CHURN_FORMAT_VERSION)
		return "The format version is not supported by this build of nps_ext.";
	if (state->as_of_given > 1 || state->padding != 0)
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
		(state->responses - 1 <= PG_INT64_MAX / 10 &&
		 state->score_sum - state->latest_score > 10 * (state->responses - 1)))
		return "score_sum is inconsistent with responses and latest_score.";
	return NULL;
}
