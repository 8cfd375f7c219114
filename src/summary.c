/*
 * summary.c
 *		Construction and validation of ScoreSummary values.
 *
 * Every path that builds a summary from outside data (text input, binary
 * receive, combining two states) checks it with summary_problem(), so the
 * arithmetic in the aggregates and accessors can trust what it reads.
 */
#include "postgres.h"

#include "summary.h"

#include "common/int.h"

const char *
summary_kind_name(SummaryKind kind)
{
	switch (kind)
	{
		case SUMMARY_NPS:
			return "NPS";
		case SUMMARY_CSAT:
			return "CSAT";
		case SUMMARY_CES:
			return "CES";
	}
	return "unknown";
}

ScoreSummary *
summary_new(SummaryKind kind)
{
	ScoreSummary *summary = palloc0(SUMMARY_SIZE);

	SET_VARSIZE(summary, SUMMARY_SIZE);
	summary->version = SUMMARY_FORMAT_VERSION;
	summary->kind = kind;
	summary->scale_max = (kind == SUMMARY_NPS) ? 10 : 0;
	return summary;
}

ScoreSummary *
summary_copy(const ScoreSummary *summary)
{
	ScoreSummary *copy = palloc(SUMMARY_SIZE);

	memcpy(copy, summary, SUMMARY_SIZE);
	return copy;
}

/*
 * Returns NULL when the summary is internally consistent, otherwise a
 * sentence (for errdetail) saying what is wrong.
 */
const char *
summary_problem(const ScoreSummary *summary)
{
	int			lo;
	int64		total = 0;

	if (VARSIZE(summary) != SUMMARY_SIZE)
		return "The value has the wrong size.";
	if (summary->version != SUMMARY_FORMAT_VERSION)
		return "The format version is not supported by this build of nps_ext.";
	if (summary->kind < SUMMARY_NPS || summary->kind > SUMMARY_CES)
		return "The metric kind is unknown.";

	if (summary->kind == SUMMARY_NPS)
	{
		if (summary->scale_max != 10)
			return "An NPS summary must be on the scale 0 to 10.";
	}
	else if (summary->scale_max != 0 &&
			 (summary->scale_max < SUMMARY_MIN_SCALE_MAX ||
			  summary->scale_max > SUMMARY_MAX_SCALE_MAX))
		return "scale_max must be between 3 and 10.";

	if (summary->kind == SUMMARY_CSAT && summary->scale_max != 0)
	{
		if (summary->top_from < 2 || summary->top_from > summary->scale_max)
			return "satisfied_from must be between 2 and scale_max.";
	}
	else if (summary->top_from != 0)
		return "Only a CSAT summary on a fixed scale has a satisfied_from value.";

	lo = summary_scale_min(summary->kind);
	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		int64		c = summary->count[s];

		if (c < 0)
			return "A count is negative.";
		if (c != 0 && (s < lo || s > summary->scale_max))
			return "A count lies outside the scale.";
		if (pg_add_s64_overflow(total, c, &total))
			return "The total number of responses exceeds the bigint range.";
	}
	return NULL;
}

/*
 * All responses.  Each count fits in bigint, but their sum may not (two
 * counts near the limit in a hand-made summary): that is an error, never a
 * wrapped-around n.
 */
int64
summary_total(const ScoreSummary *summary)
{
	int64		n = 0;

	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		if (unlikely(pg_add_s64_overflow(n, summary->count[s], &n)))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s summary has too many responses",
							summary_kind_name(summary->kind)),
					 errdetail("The total number of responses exceeds the bigint range.")));
	}
	return n;
}

/*
 * Responses scoring lo..hi inclusive: a part of summary_total(), so callers
 * that computed the total first cannot overflow here.
 */
int64
summary_count_between(const ScoreSummary *summary, int lo, int hi)
{
	int64		n = 0;

	for (int s = lo; s <= hi; s++)
		n += summary->count[s];
	return n;
}
