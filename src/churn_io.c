/*
 * churn_io.c
 *		Text and binary I/O of churn_state (its validation is in
 *		churn_state.c).
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
 * null for the forms without as_of.  Format 2 (1.2) goes on with
 *
 *	 ,"recent_responses":2,"effort_answers":0,"effort_sum":0,
 *	 "satisfaction_answers":0,"satisfaction_sum":0}
 *
 * recent_responses being null only in a state merged with a 1.1 state that
 * had responses.  A format 1 value reads and writes as format 1, unchanged.
 */
#include "postgres.h"

#include "churn_state.h"

#include "json_cursor.h"
#include "libpq/pqformat.h"

PG_FUNCTION_INFO_V1(churn_state_in);
PG_FUNCTION_INFO_V1(churn_state_out);
PG_FUNCTION_INFO_V1(churn_state_recv);
PG_FUNCTION_INFO_V1(churn_state_send);

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
	ChurnState *state = PG_GETARG_CHURN_STORED(0);
	bool		any = state->responses > 0;
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"version\":%d,\"responses\":" INT64_FORMAT
					 ",\"score_sum\":" INT64_FORMAT,
					 state->version, state->responses, state->score_sum);
	append_optional(&buf, "latest_score", any, state->latest_score);
	append_optional(&buf, "latest_at_us", any, state->latest_at);
	append_optional(&buf, "as_of_us", state->as_of_given, state->as_of);
	if (state->version != CHURN_FORMAT_V1)
	{
		append_optional(&buf, "recent_responses",
						state->flags & CHURN_RECENT_KNOWN, state->recent_responses);
		appendStringInfo(&buf, ",\"effort_answers\":" INT64_FORMAT
						 ",\"effort_sum\":" INT64_FORMAT
						 ",\"satisfaction_answers\":" INT64_FORMAT
						 ",\"satisfaction_sum\":" INT64_FORMAT,
						 state->effort_answers, state->effort_sum,
						 state->satisfaction_answers, state->satisfaction_sum);
	}
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

/* the fields format 2 adds */
static void
read_format2(JsonCursor *cur, ChurnState *state)
{
	int64		value;

	state->flags = read_optional(cur, "recent_responses", 0, PG_INT64_MAX, &value)
		? CHURN_RECENT_KNOWN : 0;
	state->recent_responses = value;
	json_expect(cur, ",");
	json_expect_key(cur, "effort_answers");
	state->effort_answers = json_int64(cur, 0, PG_INT64_MAX);
	json_expect(cur, ",");
	json_expect_key(cur, "effort_sum");
	state->effort_sum = json_int64(cur, 0, PG_INT64_MAX);
	json_expect(cur, ",");
	json_expect_key(cur, "satisfaction_answers");
	state->satisfaction_answers = json_int64(cur, 0, PG_INT64_MAX);
	json_expect(cur, ",");
	json_expect_key(cur, "satisfaction_sum");
	state->satisfaction_sum = json_int64(cur, 0, PG_INT64_MAX);
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
	if (value != CHURN_FORMAT_V1 && value != CHURN_FORMAT_VERSION)
		json_fail(&cur, psprintf("Format version %d is not supported; this build reads versions 1 and 2.",
								 (int) value));
	state->version = (uint8) value;
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
	if (state->version == CHURN_FORMAT_V1)
	{
		state->flags = 0;
		SET_VARSIZE(state, CHURN_STATE_V1_SIZE);
	}
	else
		read_format2(&cur, state);
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
	ChurnState *state = PG_GETARG_CHURN_STORED(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, state->version);
	pq_sendbyte(&buf, state->latest_score);
	pq_sendbyte(&buf, state->as_of_given);
	pq_sendint64(&buf, state->responses);
	pq_sendint64(&buf, state->score_sum);
	pq_sendint64(&buf, state->latest_at);
	pq_sendint64(&buf, state->as_of);
	if (state->version != CHURN_FORMAT_V1)
	{
		pq_sendbyte(&buf, state->flags);
		pq_sendint64(&buf, state->recent_responses);
		pq_sendint64(&buf, state->effort_answers);
		pq_sendint64(&buf, state->effort_sum);
		pq_sendint64(&buf, state->satisfaction_answers);
		pq_sendint64(&buf, state->satisfaction_sum);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
churn_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ChurnState *state = churn_state_new();
	const char *problem;

	state->version = pq_getmsgbyte(buf);
	if (state->version != CHURN_FORMAT_V1 && state->version != CHURN_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type churn_state"),
				 errdetail("Format version %d is not supported; this build reads versions 1 and 2.",
						   state->version)));
	state->latest_score = pq_getmsgbyte(buf);
	state->as_of_given = pq_getmsgbyte(buf);
	state->responses = pq_getmsgint64(buf);
	state->score_sum = pq_getmsgint64(buf);
	state->latest_at = pq_getmsgint64(buf);
	state->as_of = pq_getmsgint64(buf);
	if (state->version == CHURN_FORMAT_V1)
	{
		state->flags = 0;
		SET_VARSIZE(state, CHURN_STATE_V1_SIZE);
	}
	else
	{
		state->flags = pq_getmsgbyte(buf);
		state->recent_responses = pq_getmsgint64(buf);
		state->effort_answers = pq_getmsgint64(buf);
		state->effort_sum = pq_getmsgint64(buf);
		state->satisfaction_answers = pq_getmsgint64(buf);
		state->satisfaction_sum = pq_getmsgint64(buf);
	}
	problem = churn_state_problem(state);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type churn_state"),
				 errdetail("%s", problem)));
	PG_RETURN_POINTER(state);
}
