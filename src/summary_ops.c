/*
 * summary_ops.c
 *		Operations on whole summaries: the combine function of every
 *		summary aggregate, the final function of nps_agg(), csat_agg() and
 *		ces_agg(), the rollup() aggregates, equality and hashing.
 *
 * rollup() merges stored summaries with the same arithmetic as the combine
 * function of the plain aggregates, so nps(rollup(daily)) is exactly
 * nps(score) over all the days' rows (for weighted summaries, up to the
 * rounding of each day's sums).  Its state starts NULL and is the first
 * summary seen (copied by the executor), so one rollup serves weighted and
 * unweighted summaries alike; mixing them is refused.  Weighted summaries
 * are added exactly (format 3) and rounded once by the final function, so
 * the result does not depend on the order of the summaries.
 */
#include "postgres.h"

#include "summary.h"
#include "score_args.h"

#include "common/hashfn.h"

PG_FUNCTION_INFO_V1(score_summary_combine);
PG_FUNCTION_INFO_V1(score_summary_result);
PG_FUNCTION_INFO_V1(score_summary_rollup);
PG_FUNCTION_INFO_V1(score_summary_rollup_inverse);
PG_FUNCTION_INFO_V1(score_summary_eq);
PG_FUNCTION_INFO_V1(score_summary_ne);
PG_FUNCTION_INFO_V1(score_summary_hash);
PG_FUNCTION_INFO_V1(score_summary_hash_extended);

/*
 * Combine function of nps(), csat(), ces(), their _agg() and weighted forms:
 * adds the second partial state (a parallel worker's, a Citus worker's)
 * into the first.  The result may be a new, larger value: a weighted state
 * becomes format 3 (exact sums) on its first merge.
 */
Datum
score_summary_combine(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = state_for_update(fcinfo);

	PG_RETURN_POINTER(summary_merge(state, PG_GETARG_SUMMARY(1), "combine"));
}

/*
 * Final function of the *_agg() aggregates and rollup(): the state itself,
 * copied, because in a moving window frame the state is updated in place
 * after the row's result has been taken; a format-3 state is rounded to the
 * format-2 summary that is stored (a new value already).  The count total is checked: a group cannot
 * reach 2^63 responses, but an aggregate defined over a hand-made INITCOND
 * can.
 *
 * A CSAT or CES summary without responses is returned without a scale, as
 * 1.1 returned it: the state fixes its scale on the first row even when
 * that row's score is NULL (so that every row is checked against it), but
 * a group or frame with no response still gives the same summary whatever
 * the scale of its skipped rows.
 */
Datum
score_summary_result(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = PG_GETARG_SUMMARY(0);
	ScoreSummary *summary = summary_is_exact(state) ? summary_rounded(state) : summary_copy(state);

	/* 22003 rather than a value that cannot be read back */
	if (summary_total(summary) == 0 && summary_kind(summary->kind)->fixed_scale_max == 0)
		summary->scale_max = summary->satisfied_from = 0;
	PG_RETURN_POINTER(summary);
}

/* rollup() transition and combine: adds a summary into the state. */
Datum
score_summary_rollup(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = state_for_update(fcinfo);

	PG_RETURN_POINTER(summary_merge(state, PG_GETARG_SUMMARY(1), "roll up"));
}

/*
 * rollup()'s inverse for moving window frames: exact for unweighted
 * summaries.  For weighted ones it returns NULL, which tells the executor
 * to recompute the frame: subtracting a rounded sum of weights would not
 * give back the sum without it.
 */
Datum
score_summary_rollup_inverse(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = state_for_update(fcinfo);

	if (summary_is_weighted(state))
		PG_RETURN_NULL();
	summary_subtract(state, PG_GETARG_SUMMARY(1));
	PG_RETURN_POINTER(state);
}

/*
 * Equal summaries have the same format, metric, scale and counts and, when
 * weighted, the same weight sums.  Every path that builds a summary
 * normalizes -0 to 0 and leaves slots outside the scale zero, and an exact
 * sum (format 3) has one bit pattern per value, so comparing the bytes is
 * comparing the fields.  A format-3 state never equals the format-2
 * summary it rounds to: they are values of different formats.
 */
static bool
summaries_equal(const ScoreSummary *a, const ScoreSummary *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

Datum
score_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summaries_equal(PG_GETARG_SUMMARY(0), PG_GETARG_SUMMARY(1)));
}

Datum
score_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summaries_equal(PG_GETARG_SUMMARY(0), PG_GETARG_SUMMARY(1)));
}

/* Consistent with equality: equal summaries have equal bytes. */
Datum
score_summary_hash(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY(0);

	return hash_any((const unsigned char *) summary, VARSIZE(summary));
}

/*
 * The seeded 64-bit hash (support function 2 of the hash operator classes),
 * which hash partitioning needs.  With seed 0 its low 32 bits are the plain
 * hash, as hash_any_extended() guarantees and PostgreSQL requires.
 */
Datum
score_summary_hash_extended(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY(0);

	return hash_any_extended((const unsigned char *) summary, VARSIZE(summary),
							 PG_GETARG_INT64(1));
}
