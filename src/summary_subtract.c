/*
 * summary_subtract.c
 *		a - b for summaries: the responses of a that are not in b.
 *
 * The use is "a segment against the rest": with total = rollup() over every
 * segment, total - segment is the summary of everyone else, so that
 * nps_test(segment, total - segment) compares two independent samples
 * (docs/reference.md, "Segments against the rest").
 *
 * Unweighted summaries (format 1) hold integer counts, so subtraction is
 * exact: rollup(all) - rollup(part) = rollup(rest), byte for byte.  b must
 * be contained in a (no score with more responses in b than in a), or the
 * result would be a negative count: that is error 22023, naming the score
 * and both counts (summary_subtract() in summary.c, which rollup()'s
 * moving-window inverse shares).
 *
 * Weighted summaries (format 2, or a format-3 state) hold per score a
 * double-double sum of the weights (hi + lo, up to 106 significant bits),
 * and one sum of the squared weights.  The differences are computed
 * exactly (ExactSum), then:
 *	 - each weight sum, the figure every metric is computed from, must be
 *	   stored exactly: a difference that needs more than 106 bits is
 *	   refused (22023), never rounded, so a - b + b gives back a's weights;
 *	 - the sum of squared weights, read only by Kish's effective size, is
 *	   rounded once to the stored double-double, as the aggregates' final
 *	   functions round it.  It cannot be kept exact: the exact squares of
 *	   weights such as 1/3 have 106 significant bits each, so a stored sum
 *	   of them was already rounded, and the exact difference of two rounded
 *	   sums spans more than 106 bits.  The rounding changes n_eff by a
 *	   relative 2^-105 at most.
 * It is refused (22023) as "not part of the other" when a weight sum or the
 * sum of squares would become negative, when a score with no response left
 * would keep a weight, or when the result is inconsistent (Kish's effective
 * size outside 1..n): b's weights are not those of a's responses.
 * With weights that are binary fractions (0.25, 1.5) nothing is rounded and
 * rollup(all) - rollup(part) = rollup(rest) byte for byte; with any weights
 * the weight sums, and so the metric, are exactly those of rollup(rest)
 * whenever the roll-ups' weight sums were (they span at most 106 bits).
 *
 * Mixing weighted and unweighted summaries, different kinds or scales is
 * refused like rollup() refuses it (22023).
 */
#include "postgres.h"

#include "summary.h"

#include <math.h>

#include "utils/float.h"

PG_FUNCTION_INFO_V1(score_summary_subtract);

/* The counts of a summary of any format as a new format-1 summary. */
static ScoreSummary *
counts_only(const ScoreSummary *summary)
{
	ScoreSummary *counts = summary_new(summary->kind);

	counts->scale_max = summary->scale_max;
	counts->satisfied_from = summary->satisfied_from;
	memcpy(counts->count, summary->count, sizeof(counts->count));
	return counts;
}

/* into -= x, exactly: x's canonical expansion, negated term by term. */
static void
exact_sum_subtract(ExactSum *into, const ExactSum *x)
{
	double		terms[EXACT_SUM_MAX_TERMS];
	int			n = exact_sum_terms(x, terms);

	for (int k = 0; k < n; k++)
		exact_sum_add_double(into, -terms[k]);
}

pg_noreturn static void
not_a_part(const ScoreSummary *a, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot subtract a weighted %s summary that is not part of the other",
					summary_kind_name(a->kind)),
			 errdetail("%s", detail)));
}

/*
 * The exact difference a - b of one pair of sums, as the canonical
 * double-double a stored summary holds; "what" names it in messages.  With
 * "exact", a difference that the double-double would round is refused.
 */
static void
subtract_sum(const ScoreSummary *a, const ExactSum *from, const ExactSum *part,
			 const char *what, bool exact, double *hi, double *lo)
{
	ExactSum	difference = *from;
	ExactSum	rest;

	exact_sum_subtract(&difference, part);
	if (exact_sum_is_negative(&difference))
		not_a_part(a, psprintf("The %s is %s, and %s is to be removed.", what,
							   float8out_internal(exact_sum_round(from)),
							   float8out_internal(exact_sum_round(part))));
	exact_sum_double_double(&difference, hi, lo);
	if (!exact)
		return;
	rest = difference;
	exact_sum_add_double(&rest, -*hi);
	exact_sum_add_double(&rest, -*lo);
	if (!exact_sum_is_zero(&rest))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot subtract weighted %s summaries exactly",
						summary_kind_name(a->kind)),
				 errdetail("The %s left, about %s, needs more than the 106 bits of a stored weight sum.",
						   what, float8out_internal(*hi)),
				 errhint("Roll up the summaries of the rest directly instead.")));
}

/*
 * Weighted a - b, the counts already subtracted (and checked) in "counts":
 * the weights and squared weights subtracted exactly, the result a stored
 * (format-2) summary.
 */
static ScoreSummary *
weighted_difference(const ScoreSummary *a, const ScoreSummary *b, const ScoreSummary *counts)
{
	ExactSummary *ea = (ExactSummary *) summary_exact_copy(a);
	ExactSummary *eb = (ExactSummary *) summary_exact_copy(b);
	ScoreSummary *result = summary_new_weighted(a->kind);
	const char *problem;

	result->scale_max = counts->scale_max;
	result->satisfied_from = counts->satisfied_from;
	memcpy(result->count, counts->count, sizeof(result->count));
	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		subtract_sum(a, &ea->weight[s], &eb->weight[s], psprintf("weight of score %d", s),
					 true, &result->weight[s], &result->weight_errors[s]);
		if (result->count[s] == 0 && result->weight[s] != 0)
			not_a_part(a, psprintf("Score %d has no response left, but a weight of %s.", s,
								   float8out_internal(result->weight[s])));
	}
	subtract_sum(a, &ea->weight_sq, &eb->weight_sq, "sum of squared weights", false,
				 &result->weight_sq, &result->weight_sq_error);
	problem = summary_problem(result);
	if (problem != NULL)
		not_a_part(a, problem);
	return result;
}

/*
 * a - b for any of the three summary types (the operator -).  The counts
 * go through summary_subtract(), which checks kind, scale and containment.
 * An empty CSAT or CES summary has no scale yet: it takes b's, so that
 * subtracting responses from it is refused as "not part of the other", and
 * subtracting an empty summary gives it back.  A result without responses
 * forgets its scale, as csat_agg() over no responses has none.
 */
Datum
score_summary_subtract(PG_FUNCTION_ARGS)
{
	ScoreSummary *a = PG_GETARG_SUMMARY(0);
	ScoreSummary *b = PG_GETARG_SUMMARY(1);
	ScoreSummary *counts;

	if (summary_is_weighted(a) != summary_is_weighted(b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot subtract %s %s summary from %s one",
						summary_is_weighted(b) ? "a weighted" : "an unweighted",
						summary_kind_name(a->kind),
						summary_is_weighted(a) ? "a weighted" : "an unweighted"),
				 errhint("Aggregate both either with or without weights.")));
	counts = counts_only(a);
	if (counts->scale_max == 0 && counts->kind == b->kind)
	{
		counts->scale_max = b->scale_max;
		counts->satisfied_from = b->satisfied_from;
	}
	summary_subtract(counts, summary_is_weighted(b) ? counts_only(b) : b);
	if (!summary_is_weighted(a))
		PG_RETURN_POINTER(counts);
	PG_RETURN_POINTER(weighted_difference(a, b, counts));
}
