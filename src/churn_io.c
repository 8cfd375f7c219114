/*
 * churn_io.c
 *		Validation, text and binary I/O of churn_state.
 *
 * Text form (JSON, keys in this order; times as microseconds since
 * 2000-01-01 00:00:00 UTC, PostgreSQL's own epoch, so that the value means
 * the same on nodes with different TimeZone or DateStyle settings and every
 * finite timestamptz fits):
 *
 *	 {"version":1,"responses":3,"score_sum":17,"latest_score":4,
 *	  "latest_at_us":788918400000000,"as_of_us":null}
 *
 * latest_score and latest_at_us are null when responses is 0; as_of_us is
 * null for the two-argument churn_risk().
 */
#include "postgres.h"

#include "churn.h"

#include "json_cursor.h"
#include "libpq/pqformat.h"

PG_FUNCTION_INFO_V1(churn_state_in);
PG_FUNCTION_INFO_V1(churn_state_out);
PG_FUNCTION_INFO_V1(churn_state_recv);
PG_FUNCTION_INFO_V1(churn_state_send);

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

static void
append_optional(StringInfo buf, const char *key, bool present, int64 value)
{
	if (present)
		appendStringInfo(buf, ",\"%s\":" INT64_FORMAT, key, value);
	else
		appendStringInfo(buf, ",\"%s\":null", key);
}

Datum
churn_state_out(PG_FUNCTION_ARGS)
{
	ChurnState *state = PG_GETARG_CHURN(0);
	bool		any = state->responses > 0;
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"version\":%d,\"responses\":" INT64_FORMAT
					 ",\"score_sum\":" INT64_FORMAT,
					 state->version, state->responses, state->score_sum);
	append_optional(&buf, "latest_score", any, state->latest_score);
	append_optional(&buf, "latest_at_us", any, state->latest_at);
	append_optional(&buf, "as_of_us", state->as_of_given, state->as_of);
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* ,"key":<int in lo..hi> or ,"key":null; returns whether a value was given */
static bool
read_optional(JsonCursor *cur, const char *key, int64 lo, int64 hi, int64 *value)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	*value = 0;
	if (json_accept(cur, "null"))
		return false;
	*value = json_int64(cur, lo, hi);
	return true;
}

/* the finite timestamptz range */
#define MIN_US	MIN_TIMESTAMP
#define MAX_US	(END_TIMESTAMP - 1)

Datum
churn_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	ChurnState *state = churn_state_new();
	JsonCursor	cur;
	int64		value;
	bool		has_score, has_at;
	const char *problem;

	json_cursor_init(&cur, input, "churn_state");
	json_expect(&cur, "{");
	json_expect_key(&cur, "version");
	value = json_int64(&cur, 0, 255);
	if (value != CHURN_FORMAT_VERSION)
		json_fail(&cur, psprintf("Format version %d is not supported; this build reads version %d.",
								 (int) value, CHURN_FORMAT_VERSION));
	json_expect(&cur, ",");
	json_expect_key(&cur, "responses");
	state->responses = json_int64(&cur, 0, PG_INT64_MAX);
	json_expect(&cur, ",");
	json_expect_key(&cur, "score_sum");
	state->score_sum = json_int64(&cur, 0, PG_INT64_MAX);
	has_score = read_optional(&cur, "latest_score", 0, 10, &value);
	state->latest_score = (uint8) value;
	has_at = read_optional(&cur, "latest_at_us", MIN_US, MAX_US, &value);
	state->latest_at = has_at ? value : 0;
	state->as_of_given = read_optional(&cur, "as_of_us", MIN_US, MAX_US, &value);
	state->as_of = state->as_of_given ? value : 0;
	json_expect(&cur, "}");
	json_expect_end(&cur);

	if (has_score != (state->responses > 0) || has_at != (state->responses > 0))
		json_fail(&cur, "latest_score and latest_at_us are null exactly when responses is 0.");
	problem = churn_state_problem(state);
	if (problem != NULL)
		json_fail(&cur, problem);
	PG_RETURN_POINTER(state);
}

Datum
churn_state_send(PG_FUNCTION_ARGS)
{
	ChurnState *state = PG_GETARG_CHURN(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, state->version);
	pq_sendbyte(&buf, state->latest_score);
	pq_sendbyte(&buf, state->as_of_given);
	pq_sendint64(&buf, state->responses);
	pq_sendint64(&buf, state->score_sum);
	pq_sendint64(&buf, state->latest_at);
	pq_sendint64(&buf, state->as_of);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
churn_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ChurnState *state = churn_state_new();
	const char *problem;

	state->version = pq_getmsgbyte(buf);
	if (state->version != CHURN_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type churn_state"),
				 errdetail("Format version %d is not supported; this build reads version %d.",
						   state->version, CHURN_FORMAT_VERSION)));
	state->latest_score = pq_getmsgbyte(buf);
	state->as_of_given = pq_getmsgbyte(buf);
	state->responses = pq_getmsgint64(buf);
	state->score_sum = pq_getmsgint64(buf);
	state->latest_at = pq_getmsgint64(buf);
	state->as_of = pq_getmsgint64(buf);
	problem = churn_state_problem(state);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type churn_state"),
				 errdetail("%s", problem)));
	PG_RETURN_POINTER(state);
}
