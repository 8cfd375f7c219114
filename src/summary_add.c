/*
 * summary_add.c
 *		a + b for summaries: the responses of both, as rollup() over the two.
 *
 * The binary form of rollup(), for the places an aggregate cannot go: the
 * SET list of INSERT ... ON CONFLICT DO UPDATE, which is how live summary
 * tables (live_summaries.c) merge a statement's changes into a stored row:
 *	SET nps = live.nps + excluded.nps
 * It is summary_merge(), the combine function of every summary aggregate:
 * unweighted counts are added exactly; weighted summaries are added
 * exactly (format 3) and rounded once to the stored double-double, as
 * rollup()'s final function rounds them, so (a + b) + c equals rollup() of
 * the three whenever their weight sums fit the 106 bits of a stored sum.
 * A result without responses forgets its scale, as rollup() over empty
 * summaries does, so that it equals csat_agg() over rows without a score.
 *
 * Different kinds, scales, or weighted with unweighted are refused (22023)
 * as rollup() refuses them; a count beyond bigint is 22003.
 */
#include "postgres.h"

#include "summary.h"
#include "summary_kind.h"

PG_FUNCTION_INFO_V1(score_summary_add);

Datum
score_summary_add(PG_FUNCTION_ARGS)
{
	ScoreSummary *a = PG_GETARG_SUMMARY(0);
	ScoreSummary *b = PG_GETARG_SUMMARY(1);
	ScoreSummary *sum;

	/* summary_merge() adds into its first argument: never into a's datum */
	sum = summary_merge(summary_is_weighted(a) ? summary_exact_copy(a) : summary_copy(a), b, "add");
	sum = summary_rounded(sum);
	if (summary_total(sum) == 0 && summary_kind(sum->kind)->fixed_scale_max == 0)
		sum->scale_max = sum->satisfied_from = 0;
	PG_RETURN_POINTER(sum);
}
