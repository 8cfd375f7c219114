/*
 * summary_prior.c
 *		The summary_prior value: a new prior, the consistency check every
 *		input path applies, and its text and binary I/O.
 *
 * Text form (JSON, keys in this order; numbers in the shortest form that
 * reads back to the same double, so text round-trips exactly):
 *
 *	 {"version":1,"kind":"nps","alpha":[4.1,2.3,2.6],"groups":25,
 *	  "responses":812,"capped":false}
 *	 {"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,
 *	  "alpha":[30.2,7.9],"groups":25,"responses":812,"capped":false}
 *	 {"version":1,"kind":"ces","scale_max":7,"mean":5.1,
 *	  "between_variance":0.04,"within_variance":1.9,"groups":25,
 *	  "responses":812,"capped":false}
 *
 * alpha is (promoters, passives, detractors) for NPS and (satisfied,
 * unsatisfied) for CSAT.
 */
#include "postgres.h"

#include "summary_prior.h"
#include "summary.h"

#include <float.h>
#include <math.h>

#include "common/shortest_dec.h"
#include "json_cursor.h"
#include "libpq/pqformat.h"

PG_FUNCTION_INFO_V1(summary_prior_in);
PG_FUNCTION_INFO_V1(summary_prior_out);
PG_FUNCTION_INFO_V1(summary_prior_recv);
PG_FUNCTION_INFO_V1(summary_prior_send);

SummaryPrior *
summary_prior_new(SummaryKind kind)
{
	SummaryPrior *prior = palloc0(SUMMARY_PRIOR_SIZE);

	SET_VARSIZE(prior, SUMMARY_PRIOR_SIZE);
	prior->version = SUMMARY_PRIOR_VERSION;
	prior->kind = (uint8) kind;
	return prior;
}

/* The number of alpha[] entries a kind uses: 3, 2 or 0. */
int
summary_prior_parameters(SummaryKind kind)
{
	switch (kind)
	{
		case SUMMARY_NPS:
			return 3;
		case SUMMARY_CSAT:
			return 2;
		default:
			return 0;
	}
}

/* Finite, not negative and not -0 (text would read -0 as 0). */
static bool
nonnegative(double x)
{
	return isfinite(x) && x >= 0.0 && !(x == 0.0 && signbit(x));
}

static bool
zero(double x)
{
	return x == 0.0 && !signbit(x);
}

static const char *
scale_problem(const SummaryPrior *prior)
{
	switch (prior->kind)
	{
		case SUMMARY_NPS:
			if (prior->scale_max != 10 || prior->satisfied_from != 0)
				return "An NPS prior has the scale 0..10 and no satisfied_from.";
			break;
		case SUMMARY_CSAT:
			if (prior->scale_max < SUMMARY_MIN_SCALE_MAX || prior->scale_max > SUMMARY_MAX_SCALE_MAX ||
				prior->satisfied_from < SUMMARY_MIN_SATISFIED_FROM ||
				prior->satisfied_from > prior->scale_max)
				return "A CSAT prior has scale_max 3..10 and satisfied_from 2..scale_max.";
			break;
		case SUMMARY_CES:
			if (prior->scale_max < SUMMARY_MIN_SCALE_MAX || prior->scale_max > SUMMARY_MAX_SCALE_MAX ||
				prior->satisfied_from != 0)
				return "A CES prior has scale_max 3..10 and no satisfied_from.";
			break;
	}
	return NULL;
}

static const char *
parameter_problem(const SummaryPrior *prior)
{
	int			used = summary_prior_parameters(prior->kind);
	double		total = 0;

	for (int i = 0; i < 3; i++)
	{
		if (i >= used)
		{
			if (!zero(prior->alpha[i]))
				return "The unused alpha slots must be zero.";
			continue;
		}
		if (!nonnegative(prior->alpha[i]))
			return "alpha must be finite and not negative (and not -0).";
		total += prior->alpha[i];
	}
	if (prior->kind != SUMMARY_CES)
	{
		if (!(total > 0) || !isfinite(total))
			return "The alpha parameters must have a positive finite sum.";
		if (!zero(prior->mean) || !zero(prior->between_variance) || !zero(prior->within_variance))
			return "mean, between_variance and within_variance belong to CES priors.";
		return NULL;
	}
	if (!isfinite(prior->mean) || prior->mean < 1 || prior->mean > prior->scale_max)
		return "mean must lie on the scale, 1..scale_max.";
	if (!nonnegative(prior->between_variance) || !nonnegative(prior->within_variance))
		return "between_variance and within_variance must be finite and not negative (and not -0).";
	return NULL;
}

/* NULL when consistent, else a sentence for errdetail. */
const char *
summary_prior_problem(const SummaryPrior *prior)
{
	const char *problem;

	if (VARSIZE(prior) != SUMMARY_PRIOR_SIZE)
		return "The value has the wrong size.";
	if (prior->version != SUMMARY_PRIOR_VERSION)
		return "The format version is not supported by this build of nps_ext.";
	if (!summary_kind_is_valid(prior->kind))
		return "The kind must be nps, csat or ces.";
	if (prior->capped > 1 || prior->padding[0] != 0 || prior->padding[1] != 0 ||
		prior->padding[2] != 0)
		return "The flags are invalid.";
	problem = scale_problem(prior);
	if (problem != NULL)
		return problem;
	if (prior->groups < 2)
		return "A prior is estimated from at least two groups.";
	if (!isfinite(prior->responses) || !(prior->responses > (double) prior->groups))
		return "responses must be finite and more than groups.";
	return parameter_problem(prior);
}

/* ---------- text ---------- */

static void
append_float8(StringInfo buf, double value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(value, digits);
	appendStringInfoString(buf, digits);
}

Datum
summary_prior_out(PG_FUNCTION_ARGS)
{
	SummaryPrior *prior = PG_GETARG_SUMMARY_PRIOR(0);
	StringInfoData buf;
	int			used = summary_prior_parameters(prior->kind);

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"version\":%d,\"kind\":\"%s\"", prior->version,
					 summary_kind(prior->kind)->key);
	if (prior->kind != SUMMARY_NPS)
		appendStringInfo(&buf, ",\"scale_max\":%d", prior->scale_max);
	if (prior->kind == SUMMARY_CSAT)
		appendStringInfo(&buf, ",\"satisfied_from\":%d", prior->satisfied_from);
	if (prior->kind == SUMMARY_CES)
	{
		appendStringInfoString(&buf, ",\"mean\":");
		append_float8(&buf, prior->mean);
		appendStringInfoString(&buf, ",\"between_variance\":");
		append_float8(&buf, prior->between_variance);
		appendStringInfoString(&buf, ",\"within_variance\":");
		append_float8(&buf, prior->within_variance);
	}
	else
	{
		appendStringInfoString(&buf, ",\"alpha\":[");
		for (int i = 0; i < used; i++)
		{
			if (i > 0)
				appendStringInfoChar(&buf, ',');
			append_float8(&buf, prior->alpha[i]);
		}
		appendStringInfoChar(&buf, ']');
	}
	appendStringInfo(&buf, ",\"groups\":" INT64_FORMAT ",\"responses\":", prior->groups);
	append_float8(&buf, prior->responses);
	appendStringInfo(&buf, ",\"capped\":%s}", prior->capped ? "true" : "false");
	PG_RETURN_CSTRING(buf.data);
}

static double
read_float8(JsonCursor *cur, const char *key)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	return json_float8(cur, -DBL_MAX, DBL_MAX);
}

static int64
read_int64(JsonCursor *cur, const char *key, int64 min, int64 max)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	return json_int64(cur, min, max);
}

Datum
summary_prior_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	SummaryPrior *prior = summary_prior_new(SUMMARY_NPS);
	JsonCursor	cur;
	int64		version;
	int			kind = 0;
	const char *problem;

	json_cursor_init(&cur, input, "summary_prior");
	json_expect(&cur, "{");
	json_expect_key(&cur, "version");
	version = json_int64(&cur, 0, 255);
	if (version != SUMMARY_PRIOR_VERSION)
		json_fail(&cur, psprintf("Format version %d is not supported; this build reads version %d.",
								 (int) version, SUMMARY_PRIOR_VERSION));
	json_expect(&cur, ",");
	json_expect_key(&cur, "kind");
	for (int k = SUMMARY_KIND_FIRST; k <= SUMMARY_KIND_LAST && kind == 0; k++)
		if (json_accept(&cur, psprintf("\"%s\"", summary_kinds[k].key)))
			kind = k;
	if (kind == 0)
		json_fail(&cur, "Expected a kind: \"nps\", \"csat\" or \"ces\".");
	prior->kind = (uint8) kind;
	if (kind == SUMMARY_NPS)
		prior->scale_max = 10;
	else
		prior->scale_max = (uint8) read_int64(&cur, "scale_max", 0, 255);
	if (kind == SUMMARY_CSAT)
		prior->satisfied_from = (uint8) read_int64(&cur, "satisfied_from", 0, 255);
	if (kind == SUMMARY_CES)
	{
		prior->mean = read_float8(&cur, "mean");
		prior->between_variance = read_float8(&cur, "between_variance");
		prior->within_variance = read_float8(&cur, "within_variance");
	}
	else
	{
		json_expect(&cur, ",");
		json_expect_key(&cur, "alpha");
		json_expect(&cur, "[");
		for (int i = 0; i < summary_prior_parameters(kind); i++)
		{
			if (i > 0)
				json_expect(&cur, ",");
			prior->alpha[i] = json_float8(&cur, -DBL_MAX, DBL_MAX);
		}
		json_expect(&cur, "]");
	}
	prior->groups = read_int64(&cur, "groups", 0, PG_INT64_MAX);
	prior->responses = read_float8(&cur, "responses");
	json_expect(&cur, ",");
	json_expect_key(&cur, "capped");
	if (json_accept(&cur, "true"))
		prior->capped = 1;
	else
		json_expect(&cur, "false");
	json_expect(&cur, "}");
	json_expect_end(&cur);
	problem = summary_prior_problem(prior);
	if (problem != NULL)
		json_fail(&cur, problem);
	PG_RETURN_POINTER(prior);
}

/* ---------- binary: every field, in struct order ---------- */

Datum
summary_prior_send(PG_FUNCTION_ARGS)
{
	SummaryPrior *prior = PG_GETARG_SUMMARY_PRIOR(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, prior->version);
	pq_sendbyte(&buf, prior->kind);
	pq_sendbyte(&buf, prior->scale_max);
	pq_sendbyte(&buf, prior->satisfied_from);
	pq_sendbyte(&buf, prior->capped);
	pq_sendint64(&buf, prior->groups);
	pq_sendfloat8(&buf, prior->responses);
	for (int i = 0; i < 3; i++)
		pq_sendfloat8(&buf, prior->alpha[i]);
	pq_sendfloat8(&buf, prior->mean);
	pq_sendfloat8(&buf, prior->between_variance);
	pq_sendfloat8(&buf, prior->within_variance);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
summary_prior_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SummaryPrior *prior = summary_prior_new(SUMMARY_NPS);
	const char *problem;

	prior->version = pq_getmsgbyte(buf);
	if (prior->version != SUMMARY_PRIOR_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type summary_prior"),
				 errdetail("Format version %d is not supported; this build reads version %d.",
						   prior->version, SUMMARY_PRIOR_VERSION)));
	prior->kind = pq_getmsgbyte(buf);
	prior->scale_max = pq_getmsgbyte(buf);
	prior->satisfied_from = pq_getmsgbyte(buf);
	prior->capped = pq_getmsgbyte(buf);
	prior->groups = pq_getmsgint64(buf);
	prior->responses = pq_getmsgfloat8(buf);
	for (int i = 0; i < 3; i++)
		prior->alpha[i] = pq_getmsgfloat8(buf);
	prior->mean = pq_getmsgfloat8(buf);
	prior->between_variance = pq_getmsgfloat8(buf);
	prior->within_variance = pq_getmsgfloat8(buf);
	problem = summary_prior_problem(prior);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type summary_prior"),
				 errdetail("%s", problem)));
	PG_RETURN_POINTER(prior);
}
