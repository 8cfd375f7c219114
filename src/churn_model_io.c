/*
 * churn_model_io.c
 *		Text and binary I/O of churn_model (its validation is in
 *		churn_model.c).
 *
 * Text form (JSON, keys in this order; numbers in the shortest form that
 * reads back to the same double, so text round-trips exactly):
 *
 *	 {"version":1,"features":["dissatisfaction","silence"],
 *	  "coefficients":[-3.1,1.9,2.2],"std_errors":[0.4,0.5,0.3],
 *	  "means":[0.42,0.37],"n":1200,"events":252,
 *	  "log_likelihood":-491.9,"penalty":1,"iterations":6,"converged":true}
 *
 * coefficients and std_errors start with the intercept.
 */
#include "postgres.h"

#include "churn_model.h"

#include <float.h>

#include "common/shortest_dec.h"
#include "json_cursor.h"
#include "libpq/pqformat.h"

PG_FUNCTION_INFO_V1(churn_model_in);
PG_FUNCTION_INFO_V1(churn_model_out);
PG_FUNCTION_INFO_V1(churn_model_recv);
PG_FUNCTION_INFO_V1(churn_model_send);

static void
append_float8(StringInfo buf, double value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(value, digits);
	appendStringInfoString(buf, digits);
}

static void
append_array(StringInfo buf, const char *key, const double *values, int count)
{
	appendStringInfo(buf, ",\"%s\":[", key);
	for (int i = 0; i < count; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, ',');
		append_float8(buf, values[i]);
	}
	appendStringInfoChar(buf, ']');
}

Datum
churn_model_out(PG_FUNCTION_ARGS)
{
	ChurnModel *model = PG_GETARG_CHURN_MODEL(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"version\":%d,\"features\":[", model->version);
	for (int i = 0; i < model->features; i++)
		appendStringInfo(&buf, "%s\"%s\"", i > 0 ? "," : "",
						 churn_feature_name(model->feature[i]));
	appendStringInfoChar(&buf, ']');
	append_array(&buf, "coefficients", model->coefficient, model->features + 1);
	append_array(&buf, "std_errors", model->std_error, model->features + 1);
	append_array(&buf, "means", model->mean, model->features);
	appendStringInfo(&buf, ",\"n\":" INT64_FORMAT ",\"events\":" INT64_FORMAT
					 ",\"log_likelihood\":", model->n, model->events);
	append_float8(&buf, model->log_likelihood);
	appendStringInfoString(&buf, ",\"penalty\":");
	append_float8(&buf, model->penalty);
	appendStringInfo(&buf, ",\"iterations\":%d,\"converged\":%s}",
					 model->iterations, model->converged ? "true" : "false");
	PG_RETURN_CSTRING(buf.data);
}

/* ["name",...]: the feature names, in model order */
static void
read_features(JsonCursor *cur, ChurnModel *model)
{
	json_expect(cur, ",");
	json_expect_key(cur, "features");
	json_expect(cur, "[");
	do
	{
		int			found = -1;

		if (model->features == CHURN_FEATURE_COUNT)
			json_fail(cur, "A model has at most 8 features.");
		for (int f = 0; f < CHURN_FEATURE_COUNT && found < 0; f++)
			if (json_accept(cur, psprintf("\"%s\"", churn_feature_name(f))))
				found = f;
		if (found < 0)
			json_fail(cur, "Expected a feature name: dissatisfaction, detractor, decline, silence, engagement, effort, satisfaction or heuristic.");
		model->feature[model->features++] = (uint8) found;
	} while (json_accept(cur, ","));
	json_expect(cur, "]");
}

static void
read_array(JsonCursor *cur, const char *key, double *values, int count)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	json_expect(cur, "[");
	for (int i = 0; i < count; i++)
	{
		if (i > 0)
			json_expect(cur, ",");
		values[i] = json_float8(cur, -DBL_MAX, DBL_MAX);
	}
	json_expect(cur, "]");
}

static int64
read_int64(JsonCursor *cur, const char *key, int64 min, int64 max)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	return json_int64(cur, min, max);
}

static double
read_float8(JsonCursor *cur, const char *key)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	return json_float8(cur, -DBL_MAX, DBL_MAX);
}

Datum
churn_model_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	ChurnModel *model = churn_model_new();
	JsonCursor	cur;
	int64		version;
	const char *problem;

	json_cursor_init(&cur, input, "churn_model");
	json_expect(&cur, "{");
	json_expect_key(&cur, "version");
	version = json_int64(&cur, 0, 255);
	if (version != CHURN_MODEL_VERSION)
		json_fail(&cur, psprintf("Format version %d is not supported; this build reads version %d.",
								 (int) version, CHURN_MODEL_VERSION));
	read_features(&cur, model);
	read_array(&cur, "coefficients", model->coefficient, model->features + 1);
	read_array(&cur, "std_errors", model->std_error, model->features + 1);
	read_array(&cur, "means", model->mean, model->features);
	model->n = read_int64(&cur, "n", 0, PG_INT64_MAX);
	model->events = read_int64(&cur, "events", 0, PG_INT64_MAX);
	model->log_likelihood = read_float8(&cur, "log_likelihood");
	model->penalty = read_float8(&cur, "penalty");
	model->iterations = (int32) read_int64(&cur, "iterations", 0, PG_INT32_MAX);
	json_expect(&cur, ",");
	json_expect_key(&cur, "converged");
	if (json_accept(&cur, "true"))
		model->converged = 1;
	else
		json_expect(&cur, "false");
	json_expect(&cur, "}");
	json_expect_end(&cur);
	problem = churn_model_problem(model);
	if (problem != NULL)
		json_fail(&cur, problem);
	PG_RETURN_POINTER(model);
}

static void
send_array(StringInfo buf, const double *values, int count)
{
	for (int i = 0; i < count; i++)
		pq_sendfloat8(buf, values[i]);
}

Datum
churn_model_send(PG_FUNCTION_ARGS)
{
	ChurnModel *model = PG_GETARG_CHURN_MODEL(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, model->version);
	pq_sendbyte(&buf, model->features);
	pq_sendbyte(&buf, model->converged);
	for (int i = 0; i < model->features; i++)
		pq_sendbyte(&buf, model->feature[i]);
	pq_sendint32(&buf, model->iterations);
	pq_sendint64(&buf, model->n);
	pq_sendint64(&buf, model->events);
	pq_sendfloat8(&buf, model->log_likelihood);
	pq_sendfloat8(&buf, model->penalty);
	send_array(&buf, model->coefficient, model->features + 1);
	send_array(&buf, model->std_error, model->features + 1);
	send_array(&buf, model->mean, model->features);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
recv_array(StringInfo buf, double *values, int count)
{
	for (int i = 0; i < count; i++)
		values[i] = pq_getmsgfloat8(buf);
}

pg_noreturn static void
binary_fail(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary representation of type churn_model"),
			 errdetail("%s", detail)));
}

Datum
churn_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ChurnModel *model = churn_model_new();
	const char *problem;

	model->version = pq_getmsgbyte(buf);
	if (model->version != CHURN_MODEL_VERSION)
		binary_fail(psprintf("Format version %d is not supported; this build reads version %d.",
							 model->version, CHURN_MODEL_VERSION));
	model->features = pq_getmsgbyte(buf);
	if (model->features < 1 || model->features > CHURN_FEATURE_COUNT)
		binary_fail("A model has 1 to 8 features.");
	model->converged = pq_getmsgbyte(buf);
	for (int i = 0; i < model->features; i++)
		model->feature[i] = pq_getmsgbyte(buf);
	model->iterations = pq_getmsgint(buf, 4);
	model->n = pq_getmsgint64(buf);
	model->events = pq_getmsgint64(buf);
	model->log_likelihood = pq_getmsgfloat8(buf);
	model->penalty = pq_getmsgfloat8(buf);
	recv_array(buf, model->coefficient, model->features + 1);
	recv_array(buf, model->std_error, model->features + 1);
	recv_array(buf, model->mean, model->features);
	problem = churn_model_problem(model);
	if (problem != NULL)
		binary_fail(problem);
	PG_RETURN_POINTER(model);
}
