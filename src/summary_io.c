/*
 * summary_io.c
 *		Text and binary I/O of nps_summary, csat_summary and ces_summary.
 *
 * Text form (JSON, keys in this order; scale keys only where the metric has
 * a caller-chosen scale, null until the first row fixed it):
 *
 *	 {"version":1,"kind":"nps","counts":[c0,...,c10]}
 *	 {"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[c1,...,c5]}
 *	 {"version":1,"kind":"ces","scale_max":7,"counts":[c1,...,c7]}
 *
 * A weighted summary (format version 2) adds, after "counts", the weight
 * sum of each score and the sum of squared weights, each as a double-double
 * (the sum is weights[i] + weight_errors[i] exactly), written as shortest
 * round-trip decimals so that text I/O is exact:
 *
 *	 {"version":2,"kind":"nps","counts":[...],"weights":[w0,...,w10],
 *	  "weight_errors":[e0,...,e10],"weight_sq":q,"weight_sq_error":e}
 *
 * A format-3 value (the exact state of a weighted aggregate, which a user
 * sees by calling its transition function, and Citus ships as text) writes
 * each exact sum as its canonical expansion: the nearest double, then the
 * nearest double to what is left, and so on until nothing is (0 is [0]);
 * the first terms are the format-2 pair (weight, weight_errors), but in a rare
 * tie (exact_sum_double_double).  Input accepts exactly that
 * expansion, nothing else, so every value has one text and one binary form:
 *
 *	 {"version":3,"kind":"nps","counts":[...],"weights":[[t,...],...,[t,...]],
 *	  "weight_sq":[t,...]}
 *
 * Binary form: version, kind, scale_max, satisfied_from as four bytes, then one
 * int8 per score of the scale; format 2 follows with the float8 weight sums
 * per score, their errors, and the squared-weight sum and its error; format
 * 3 with each expansion (per score of the scale, then the squared weights)
 * as an int8 number of terms and that many float8.  Citus ships partial
 * states between nodes in the text form; parallel workers copy the datum
 * itself.
 */
#include "postgres.h"

#include "summary.h"

#include <float.h>
#include <math.h>

#include "json_cursor.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"

PG_FUNCTION_INFO_V1(nps_summary_in);
PG_FUNCTION_INFO_V1(csat_summary_in);
PG_FUNCTION_INFO_V1(ces_summary_in);
PG_FUNCTION_INFO_V1(score_summary_out);
PG_FUNCTION_INFO_V1(nps_summary_recv);
PG_FUNCTION_INFO_V1(csat_summary_recv);
PG_FUNCTION_INFO_V1(ces_summary_recv);
PG_FUNCTION_INFO_V1(score_summary_send);

static const char *
kind_key(SummaryKind kind)
{
	return summary_kind(kind)->key;
}

static const char *
type_name(SummaryKind kind)
{
	return summary_kind(kind)->type_name;
}

/* Shortest text that reads back as the same double, whatever extra_float_digits says. */
static void
append_float8(StringInfo buf, double value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(value, digits);
	appendStringInfoString(buf, digits);
}

/* [x_lo,...,x_hi] over the summary's scale; [] while the scale is unfixed */
static void
append_float8_array(StringInfo buf, const ScoreSummary *summary, const float8 *values)
{
	appendStringInfoChar(buf, '[');
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
		{
			if (s > summary_scale_min(summary->kind))
				appendStringInfoChar(buf, ',');
			append_float8(buf, values[s]);
		}
	}
	appendStringInfoChar(buf, ']');
}

static void
append_weights(StringInfo buf, const ScoreSummary *summary)
{
	appendStringInfoString(buf, ",\"weights\":");
	append_float8_array(buf, summary, summary->weight);
	appendStringInfoString(buf, ",\"weight_errors\":");
	append_float8_array(buf, summary, summary->weight_errors);
	appendStringInfoString(buf, ",\"weight_sq\":");
	append_float8(buf, summary->weight_sq);
	appendStringInfoString(buf, ",\"weight_sq_error\":");
	append_float8(buf, summary->weight_sq_error);
}

static void
append_exact_sum(StringInfo buf, const ExactSum *sum)
{
	double		terms[EXACT_SUM_MAX_TERMS];
	int			n = exact_sum_terms(sum, terms);

	appendStringInfoChar(buf, '[');
	for (int k = 0; k < n; k++)
	{
		if (k > 0)
			appendStringInfoChar(buf, ',');
		append_float8(buf, terms[k]);
	}
	appendStringInfoChar(buf, ']');
}

static void
append_exact_weights(StringInfo buf, const ScoreSummary *summary)
{
	const ExactSummary *exact = (const ExactSummary *) summary;

	appendStringInfoString(buf, ",\"weights\":[");
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
		{
			if (s > summary_scale_min(summary->kind))
				appendStringInfoChar(buf, ',');
			append_exact_sum(buf, &exact->weight[s]);
		}
	}
	appendStringInfoString(buf, "],\"weight_sq\":");
	append_exact_sum(buf, &exact->weight_sq);
}

static void
summary_append_text(StringInfo buf, const ScoreSummary *summary)
{
	SummaryKind kind = summary->kind;

	appendStringInfo(buf, "{\"version\":%d,\"kind\":\"%s\"",
					 summary->version, kind_key(kind));
	if (summary_kind(kind)->fixed_scale_max == 0)
	{
		if (summary->scale_max == 0)
			appendStringInfoString(buf, ",\"scale_max\":null");
		else
			appendStringInfo(buf, ",\"scale_max\":%d", summary->scale_max);
	}
	if (summary_kind(kind)->has_satisfied_from)
	{
		if (summary->scale_max == 0)
			appendStringInfoString(buf, ",\"satisfied_from\":null");
		else
			appendStringInfo(buf, ",\"satisfied_from\":%d", summary->satisfied_from);
	}
	appendStringInfoString(buf, ",\"counts\":[");
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(kind); s <= summary->scale_max; s++)
			appendStringInfo(buf, "%s" INT64_FORMAT,
							 s == summary_scale_min(kind) ? "" : ",",
							 summary->count[s]);
	}
	appendStringInfoChar(buf, ']');
	if (summary_is_exact(summary))
		append_exact_weights(buf, summary);
	else if (summary_is_weighted(summary))
		append_weights(buf, summary);
	appendStringInfoChar(buf, '}');
}

Datum
score_summary_out(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY(0);
	StringInfoData buf;

	initStringInfo(&buf);
	summary_append_text(&buf, summary);
	PG_RETURN_CSTRING(buf.data);
}

/* "key":<int in lo..hi> or "key":null (returns 0) */
static int
read_optional_small(JsonCursor *cur, const char *key, int lo, int hi)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	if (json_accept(cur, "null"))
		return 0;
	return (int) json_int64(cur, lo, hi);
}

static void
parse_float8_array(JsonCursor *cur, ScoreSummary *summary, const char *key,
				   float8 *values, double min)
{
	json_expect(cur, ",");
	json_expect_key(cur, key);
	json_expect(cur, "[");
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
		{
			if (s > summary_scale_min(summary->kind))
				json_expect(cur, ",");
			values[s] = json_float8(cur, min, DBL_MAX);
		}
	}
	json_expect(cur, "]");
}

/* the weight keys of a weighted summary; their consistency is checked later */
static void
parse_weights(JsonCursor *cur, ScoreSummary *summary)
{
	parse_float8_array(cur, summary, "weights", summary->weight, 0);
	parse_float8_array(cur, summary, "weight_errors", summary->weight_errors, -DBL_MAX);
	json_expect(cur, ",");
	json_expect_key(cur, "weight_sq");
	summary->weight_sq = json_float8(cur, 0, DBL_MAX);
	json_expect(cur, ",");
	json_expect_key(cur, "weight_sq_error");
	summary->weight_sq_error = json_float8(cur, -DBL_MAX, DBL_MAX);
}

/*
 * An exact sum from its terms, which must be its canonical expansion; NULL
 * or a sentence for errdetail.  "what" names the sum in it.
 */
static const char *
exact_sum_problem(ExactSum *sum, const double *terms, int nterms, const char *what)
{
	for (int k = 0; k < nterms; k++)
	{
		if (!isfinite(terms[k]))
			return psprintf("A term of %s is not finite.", what);
	}
	if (exact_sum_from_terms(sum, terms, nterms))
		return NULL;
	if (exact_sum_is_negative(sum))
		return psprintf("The terms of %s add up to a negative number.", what);
	if (!exact_sum_fits_double(sum))
		return psprintf("The terms of %s add up to more than the double precision range.", what);
	return psprintf("The terms of %s are not its canonical expansion: the nearest double, then the nearest double to the rest, until nothing is left.",
					what);
}

/* [t1,...,tn]: one exact sum as its canonical expansion */
static void
parse_exact_sum(JsonCursor *cur, ExactSum *sum, const char *what)
{
	double		terms[EXACT_SUM_MAX_TERMS];
	int			n = 0;
	const char *problem;

	json_expect(cur, "[");
	do
	{
		if (n == EXACT_SUM_MAX_TERMS)
			json_fail(cur, psprintf("An exact sum has at most %d terms.", EXACT_SUM_MAX_TERMS));
		terms[n++] = json_float8(cur, -DBL_MAX, DBL_MAX);
	} while (json_accept(cur, ","));
	json_expect(cur, "]");
	problem = exact_sum_problem(sum, terms, n, what);
	if (problem != NULL)
		json_fail(cur, problem);
}

/* the weight keys of a format-3 summary; their consistency is checked later */
static void
parse_exact_weights(JsonCursor *cur, ScoreSummary *summary)
{
	ExactSummary *exact = summary_as_exact(summary);

	json_expect(cur, ",");
	json_expect_key(cur, "weights");
	json_expect(cur, "[");
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
		{
			if (s > summary_scale_min(summary->kind))
				json_expect(cur, ",");
			parse_exact_sum(cur, &exact->weight[s], "a weight sum");
		}
	}
	json_expect(cur, "]");
	json_expect(cur, ",");
	json_expect_key(cur, "weight_sq");
	parse_exact_sum(cur, &exact->weight_sq, "the sum of squared weights");
}

/* An empty summary of the format, or a message for an unsupported one. */
static ScoreSummary *
new_summary_of_format(int version, SummaryKind kind, const char **problem)
{
	*problem = NULL;
	switch (version)
	{
		case SUMMARY_FORMAT_COUNTS:
			return summary_new(kind);
		case SUMMARY_FORMAT_WEIGHTED:
			return summary_new_weighted(kind);
		case SUMMARY_FORMAT_EXACT:
			return summary_exact_copy(summary_new_weighted(kind));
	}
	*problem = psprintf("Format version %d is not supported; this build reads versions %d to %d.",
						version, SUMMARY_FORMAT_COUNTS, SUMMARY_FORMAT_EXACT);
	return NULL;
}

static ScoreSummary *
parse_summary(const char *input, SummaryKind kind)
{
	JsonCursor	cur;
	ScoreSummary *summary;
	int			version;
	const char *problem;

	json_cursor_init(&cur, input, type_name(kind));
	json_expect(&cur, "{");
	json_expect_key(&cur, "version");
	version = (int) json_int64(&cur, 0, 255);
	summary = new_summary_of_format(version, kind, &problem);
	if (summary == NULL)
		json_fail(&cur, problem);
	json_expect(&cur, ",");
	json_expect_key(&cur, "kind");
	json_expect(&cur, psprintf("\"%s\"", kind_key(kind)));

	if (summary_kind(kind)->fixed_scale_max == 0)
		summary->scale_max = read_optional_small(&cur, "scale_max",
												 SUMMARY_MIN_SCALE_MAX,
												 SUMMARY_MAX_SCALE_MAX);
	if (summary_kind(kind)->has_satisfied_from)
	{
		summary->satisfied_from = read_optional_small(&cur, "satisfied_from", SUMMARY_MIN_SATISFIED_FROM,
												SUMMARY_MAX_SCALE_MAX);
		if ((summary->scale_max == 0) != (summary->satisfied_from == 0))
			json_fail(&cur, "scale_max and satisfied_from must both be null or both be set.");
	}

	json_expect(&cur, ",");
	json_expect_key(&cur, "counts");
	json_expect(&cur, "[");
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(kind); s <= summary->scale_max; s++)
		{
			if (s > summary_scale_min(kind))
				json_expect(&cur, ",");
			summary->count[s] = json_int64(&cur, 0, PG_INT64_MAX);
		}
	}
	json_expect(&cur, "]");
	if (summary_is_exact(summary))
		parse_exact_weights(&cur, summary);
	else if (summary_is_weighted(summary))
		parse_weights(&cur, summary);
	json_expect(&cur, "}");
	json_expect_end(&cur);

	problem = summary_problem(summary);
	if (problem != NULL)
		json_fail(&cur, problem);
	return summary;
}

Datum
nps_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(parse_summary(PG_GETARG_CSTRING(0), SUMMARY_NPS));
}

Datum
csat_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(parse_summary(PG_GETARG_CSTRING(0), SUMMARY_CSAT));
}

Datum
ces_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(parse_summary(PG_GETARG_CSTRING(0), SUMMARY_CES));
}

static void
send_exact_sum(StringInfo buf, const ExactSum *sum)
{
	double		terms[EXACT_SUM_MAX_TERMS];
	int			n = exact_sum_terms(sum, terms);

	pq_sendint64(buf, n);
	for (int k = 0; k < n; k++)
		pq_sendfloat8(buf, terms[k]);
}

static void
send_exact_weights(StringInfo buf, const ScoreSummary *summary)
{
	const ExactSummary *exact = (const ExactSummary *) summary;

	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
			send_exact_sum(buf, &exact->weight[s]);
	}
	send_exact_sum(buf, &exact->weight_sq);
}

Datum
score_summary_send(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, summary->version);
	pq_sendbyte(&buf, summary->kind);
	pq_sendbyte(&buf, summary->scale_max);
	pq_sendbyte(&buf, summary->satisfied_from);
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
			pq_sendint64(&buf, summary->count[s]);
	}
	if (summary_is_exact(summary))
		send_exact_weights(&buf, summary);
	else if (summary_is_weighted(summary))
	{
		if (summary->scale_max != 0)
		{
			for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
				pq_sendfloat8(&buf, summary->weight[s]);
			for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
				pq_sendfloat8(&buf, summary->weight_errors[s]);
		}
		pq_sendfloat8(&buf, summary->weight_sq);
		pq_sendfloat8(&buf, summary->weight_sq_error);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

pg_noreturn static void
binary_fail(SummaryKind kind, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary representation of type %s", type_name(kind)),
			 errdetail("%s", detail)));
}

/* An int8 number of terms, then the terms (send_exact_sum). */
static void
receive_exact_sum(StringInfo buf, SummaryKind kind, ExactSum *sum, const char *what)
{
	double		terms[EXACT_SUM_MAX_TERMS];
	int64		n = pq_getmsgint64(buf);
	const char *problem;

	if (n < 1 || n > EXACT_SUM_MAX_TERMS)
		binary_fail(kind, psprintf("An exact sum has 1 to %d terms, not " INT64_FORMAT ".",
								   EXACT_SUM_MAX_TERMS, n));
	for (int k = 0; k < n; k++)
		terms[k] = pq_getmsgfloat8(buf);
	problem = exact_sum_problem(sum, terms, (int) n, what);
	if (problem != NULL)
		binary_fail(kind, problem);
}

static void
receive_exact_weights(StringInfo buf, ScoreSummary *summary)
{
	ExactSummary *exact = summary_as_exact(summary);

	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
			receive_exact_sum(buf, summary->kind, &exact->weight[s], "a weight sum");
	}
	receive_exact_sum(buf, summary->kind, &exact->weight_sq, "the sum of squared weights");
}

static ScoreSummary *
receive_summary(StringInfo buf, SummaryKind kind)
{
	ScoreSummary *summary;
	int			version;
	const char *problem;

	version = pq_getmsgbyte(buf);
	summary = new_summary_of_format(version, kind, &problem);
	if (summary == NULL)
		binary_fail(kind, problem);
	if (pq_getmsgbyte(buf) != (int) kind)
		binary_fail(kind, psprintf("The value is a summary of another metric, not %s.",
								   type_name(kind)));
	summary->scale_max = pq_getmsgbyte(buf);
	summary->satisfied_from = pq_getmsgbyte(buf);
	if (summary->scale_max > SUMMARY_MAX_SCORE)
		binary_fail(kind, "scale_max must be between 3 and 10.");
	if (summary->scale_max != 0)
	{
		for (int s = summary_scale_min(kind); s <= summary->scale_max; s++)
			summary->count[s] = pq_getmsgint64(buf);
	}
	if (summary_is_exact(summary))
		receive_exact_weights(buf, summary);
	else if (summary_is_weighted(summary))
	{
		if (summary->scale_max != 0)
		{
			for (int s = summary_scale_min(kind); s <= summary->scale_max; s++)
				summary->weight[s] = pq_getmsgfloat8(buf) + 0.0;
			for (int s = summary_scale_min(kind); s <= summary->scale_max; s++)
				summary->weight_errors[s] = pq_getmsgfloat8(buf) + 0.0;
		}
		summary->weight_sq = pq_getmsgfloat8(buf) + 0.0;
		summary->weight_sq_error = pq_getmsgfloat8(buf) + 0.0;
	}
	problem = summary_problem(summary);
	if (problem != NULL)
		binary_fail(kind, problem);
	return summary;
}

Datum
nps_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(receive_summary((StringInfo) PG_GETARG_POINTER(0), SUMMARY_NPS));
}

Datum
csat_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(receive_summary((StringInfo) PG_GETARG_POINTER(0), SUMMARY_CSAT));
}

Datum
ces_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(receive_summary((StringInfo) PG_GETARG_POINTER(0), SUMMARY_CES));
}
