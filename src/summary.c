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

#include <float.h>
#include <math.h>

#include "common/int.h"

static ScoreSummary *
summary_allocate(SummaryKind kind, int version)
{
	Size		size = summary_size_of_format(version);
	ScoreSummary *summary = palloc0(size);

	SET_VARSIZE(summary, size);
	summary->version = version;
	summary->kind = kind;
	summary->scale_max = summary_kind(kind)->fixed_scale_max;
	return summary;
}

ScoreSummary *
summary_new(SummaryKind kind)
{
	return summary_allocate(kind, SUMMARY_FORMAT_COUNTS);
}

ScoreSummary *
summary_new_weighted(SummaryKind kind)
{
	return summary_allocate(kind, SUMMARY_FORMAT_WEIGHTED);
}

ScoreSummary *
summary_copy(const ScoreSummary *summary)
{
	ScoreSummary *copy = palloc(VARSIZE(summary));

	memcpy(copy, summary, VARSIZE(summary));
	return copy;
}

/*
 * A weighted summary (format 2 or 3) as a new format-3 value, exactly: a
 * format-2 sum is hi + lo, two doubles, which an ExactSum holds without
 * rounding.  It is allocated in the current memory context: inside an
 * aggregate the executor copies a transition result that is not its state
 * into the aggregate's context and frees the old state, so allocating it
 * there ourselves would only leave a second copy behind.
 */
ScoreSummary *
summary_exact_copy(const ScoreSummary *summary)
{
	ExactSummary *exact;

	Assert(summary_is_weighted(summary));
	if (summary_is_exact(summary))
		return summary_copy(summary);
	exact = (ExactSummary *) summary_allocate(summary->kind, SUMMARY_FORMAT_EXACT);
	exact->scale_max = summary->scale_max;
	exact->satisfied_from = summary->satisfied_from;
	memcpy(exact->count, summary->count, sizeof(exact->count));
	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		exact_sum_add_double(&exact->weight[s], summary->weight[s]);
		exact_sum_add_double(&exact->weight[s], summary->weight_errors[s]);
	}
	exact_sum_add_double(&exact->weight_sq, summary->weight_sq);
	exact_sum_add_double(&exact->weight_sq, summary->weight_sq_error);
	return (ScoreSummary *) exact;
}

/*
 * The summary to read: a format-3 state rounded once to the format-2
 * summary of the same sums (each the canonical double-double of its exact
 * value), what the final function stores; any other summary as is.  The
 * sums of a valid format-3 value round to finite doubles (summary_problem
 * and the transition functions see to it).
 */
ScoreSummary *
summary_rounded(ScoreSummary *summary)
{
	ExactSummary *exact;
	ScoreSummary *rounded;

	if (!summary_is_exact(summary))
		return summary;
	exact = summary_as_exact(summary);
	rounded = summary_new_weighted(summary->kind);
	rounded->scale_max = summary->scale_max;
	rounded->satisfied_from = summary->satisfied_from;
	memcpy(rounded->count, summary->count, sizeof(rounded->count));
	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
		exact_sum_double_double(&exact->weight[s], &rounded->weight[s],
								&rounded->weight_errors[s]);
	exact_sum_double_double(&exact->weight_sq, &rounded->weight_sq, &rounded->weight_sq_error);
	return rounded;
}

static const char *
scale_problem(const ScoreSummary *summary)
{
	const SummaryKindInfo *info = summary_kind(summary->kind);

	if (info->fixed_scale_max != 0)
	{
		if (summary->scale_max != info->fixed_scale_max)
			return psprintf("%s summaries are on the scale %d to %d.",
							info->name, info->scale_min, info->fixed_scale_max);
	}
	else if (summary->scale_max != 0 &&
			 (summary->scale_max < SUMMARY_MIN_SCALE_MAX ||
			  summary->scale_max > SUMMARY_MAX_SCALE_MAX))
		return psprintf("scale_max must be between %d and %d.",
						SUMMARY_MIN_SCALE_MAX, SUMMARY_MAX_SCALE_MAX);

	if (info->has_satisfied_from && summary->scale_max != 0)
	{
		if (summary->satisfied_from < SUMMARY_MIN_SATISFIED_FROM || summary->satisfied_from > summary->scale_max)
			return psprintf("satisfied_from must be between %d and scale_max.",
							SUMMARY_MIN_SATISFIED_FROM);
	}
	else if (summary->satisfied_from != 0)
		return "Only a CSAT summary on a fixed scale has a satisfied_from value.";
	return NULL;
}

/*
 * A double-double as weight_sum_add() leaves it: hi is lo + hi rounded to
 * nearest, so each sum has exactly one representation (equality and hashing
 * compare bytes), lo is finite and never -0.
 */
static bool
canonical_sum(float8 hi, float8 lo)
{
	return isfinite(hi) && isfinite(lo) && hi + lo == hi && !(lo == 0 && signbit(lo));
}

/*
 * Kish's effective sample size (sum w)^2 / sum w^2 lies between 1 and the
 * number of responses for any non-negative weights; the slack covers the
 * rounding of the squares.
 */
#define KISH_SLACK	1e-9

/*
 * (w_hi + w_lo)^2 / (q_hi + q_lo) from double-double sums, carrying the
 * rounding errors of the square and of the quotient one step further than
 * plain doubles would, so that equal weights give exactly n (30, not
 * 29.999999999999993, for 30 weights of 0.1).  Both sums are first scaled
 * by a power of two (exact) so that the square cannot overflow.  q > 0.
 */
static double
kish_effective_size(double w_hi, double w_lo, double q_hi, double q_lo, double *correction)
{
	int			exponent;
	double		square,
				square_lo,
				quotient,
				residual;

	(void) frexp(w_hi, &exponent);
	w_hi = ldexp(w_hi, -exponent);
	w_lo = ldexp(w_lo, -exponent);
	q_hi = ldexp(q_hi, -2 * exponent);
	q_lo = ldexp(q_lo, -2 * exponent);

	square = w_hi * w_hi;
	square_lo = fma(w_hi, w_hi, -square) + 2 * w_hi * w_lo;
	quotient = square / q_hi;
	residual = fma(-quotient, q_hi, square) + square_lo - quotient * q_lo;
	*correction = residual / q_hi;
	return quotient;
}

/*
 * Kish's n_eff of a weighted summary as quotient + correction (see
 * kish_effective_size); false when there is no weight at all.
 */
static bool
kish_parts(const ScoreSummary *summary, double *quotient, double *correction)
{
	float8		weight = 0;
	float8		weight_errors = 0;

	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
		weight_sum_add(&weight, &weight_errors, summary->weight[s], summary->weight_errors[s]);
	if (weight == 0)
		return false;
	*quotient = kish_effective_size(weight, weight_errors, summary->weight_sq, summary->weight_sq_error,
									correction);
	return true;
}

/*
 * Kish's effective sample size (sum w)^2 / sum w^2: the number of
 * unweighted responses that would give the same precision.  Unweighted it
 * is the number of responses.  0 when there is no weight at all.
 */
double
summary_effective_size(const ScoreSummary *summary)
{
	double		quotient,
				correction;

	if (!summary_is_weighted(summary))
		return (double) summary_total(summary);
	if (!kish_parts(summary, &quotient, &correction))
		return 0;
	return quotient + correction;
}

/*
 * The effective sample size minus one, the denominator of a sample
 * variance.  Near 1 (one dominant weight) n_eff - 1 would cancel; the
 * quotient minus 1 is exact there (Sterbenz), and the correction is added
 * after it.  -1 when there is no weight at all.
 */
double
summary_effective_size_minus_one(const ScoreSummary *summary)
{
	double		quotient,
				correction;

	if (!summary_is_weighted(summary))
		return (double) summary_total(summary) - 1;
	if (!kish_parts(summary, &quotient, &correction))
		return -1;
	return (quotient - 1) + correction;
}

/*
 * Weights are finite and non-negative, a score without responses has no
 * weight, the total is finite, the squared weights are zero exactly when
 * all weights are, and together they give an effective sample size that
 * real weights could give.  Anything else could only come from a hand-made
 * value and would make the statistics wrong (NaN, or margins of a sample
 * larger than the one counted).
 */
static const char *
weight_problem(const ScoreSummary *summary, int64 responses)
{
	bool		any_weight = false;
	double		total;
	double		effective;

	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		float8		w = summary->weight[s];

		if (!(w >= 0) || !canonical_sum(w, summary->weight_errors[s]))
			return "A weight sum is negative, not finite or not in canonical form.";
		if (w != 0 && summary->count[s] == 0)
			return "A score without responses has a weight.";
		any_weight |= (w != 0);
	}
	if (!(summary->weight_sq >= 0) || !canonical_sum(summary->weight_sq, summary->weight_sq_error))
		return "The sum of squared weights is negative, not finite or not in canonical form.";
	if ((summary->weight_sq != 0) != any_weight)
		return "The sum of squared weights must be zero exactly when all weights are.";
	total = summary_weight_between(summary, 0, SUMMARY_MAX_SCORE);
	if (!isfinite(total))
		return "The sum of the weights exceeds the double precision range.";
	if (!any_weight)
		return NULL;
	effective = summary_effective_size(summary);
	if (!(effective >= 1 - KISH_SLACK && effective <= responses * (1 + KISH_SLACK)))
		return "The weights and squared weights are inconsistent: their effective sample size must lie between 1 and the number of responses.";
	return NULL;
}

/*
 * Format 3: every exact sum is non-negative and rounds to a finite double,
 * a score without responses has no weight, and the summary rounded to
 * format 2 passes that format's checks (total weight, squares, Kish).  The
 * integers have one bit pattern per value, so there is no other canonical
 * form to check.
 */
static const char *
exact_weight_problem(const ScoreSummary *summary, int64 responses)
{
	ExactSummary *exact = (ExactSummary *) summary;
	ScoreSummary *rounded;
	const char *problem;

	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		if (!exact_sum_fits_double(&exact->weight[s]))
			return "A weight sum is negative or beyond the double precision range.";
		if (summary->count[s] == 0 && !exact_sum_is_zero(&exact->weight[s]))
			return "A score without responses has a weight.";
	}
	if (!exact_sum_fits_double(&exact->weight_sq))
		return "The sum of squared weights is negative or beyond the double precision range.";
	rounded = summary_rounded(unconstify(ScoreSummary *, summary));
	problem = weight_problem(rounded, responses);
	pfree(rounded);
	return problem;
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
	const char *problem;

	if (summary->version != SUMMARY_FORMAT_COUNTS &&
		summary->version != SUMMARY_FORMAT_WEIGHTED &&
		summary->version != SUMMARY_FORMAT_EXACT)
		return "The format version is not supported by this build of nps_ext.";
	if (VARSIZE(summary) != summary_size_of_format(summary->version))
		return "The value has the wrong size.";
	if (!summary_kind_is_valid(summary->kind))
		return "The metric kind is unknown.";
	if ((problem = scale_problem(summary)) != NULL)
		return problem;

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
	if (summary_is_exact(summary))
		return exact_weight_problem(summary, total);
	if (summary_is_weighted(summary))
		return weight_problem(summary, total);
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

/* Sum of the weights of responses scoring lo..hi; format 2 only. */
double
summary_weight_between(const ScoreSummary *summary, int lo, int hi)
{
	float8		sum = 0;
	float8		error = 0;

	Assert(summary->version == SUMMARY_FORMAT_WEIGHTED);
	for (int s = lo; s <= hi; s++)
		weight_sum_add(&sum, &error, summary->weight[s], summary->weight_errors[s]);
	return sum + error;
}

/*
 * The total weight: the number of responses for an unweighted summary.
 * Finite because each weight sum is and, summed in one direction, they
 * cannot exceed what summary_merge() and the transition functions checked.
 */
double
summary_total_weight(const ScoreSummary *summary)
{
	if (summary_is_weighted(summary))
		return summary_weight_between(summary, 0, SUMMARY_MAX_SCORE);
	return (double) summary_total(summary);
}

/* "an NPS summary", "a CSAT summary" */
static const char *
article(SummaryKind kind)
{
	return summary_kind(kind)->article;
}

/*
 * "what" is the verb of the messages ("combine", "roll up", "subtract");
 * subtracting takes "from", the others "with".
 */
static void
check_mergeable(const ScoreSummary *a, const ScoreSummary *b, const char *what)
{
	const char *joiner = strcmp(what, "subtract") == 0 ? "from" : "with";

	if (a->kind != b->kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s %s %s summary %s %s %s summary", what,
						article(b->kind), summary_kind_name(b->kind), joiner,
						article(a->kind), summary_kind_name(a->kind))));
	if (summary_is_weighted(a) != summary_is_weighted(b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s %s %s summary %s %s one", what,
						summary_is_weighted(b) ? "a weighted" : "an unweighted",
						summary_kind_name(a->kind), joiner,
						summary_is_weighted(a) ? "a weighted" : "an unweighted"),
				 errhint("Aggregate all days either with or without weights.")));
	if (a->scale_max != b->scale_max || a->satisfied_from != b->satisfied_from)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s %s summaries on different scales", what,
						summary_kind_name(a->kind)),
				 summary_kind(a->kind)->has_satisfied_from
				 ? errdetail("One has scale_max %d and satisfied_from %d, the other %d and %d.",
							 a->scale_max, a->satisfied_from, b->scale_max, b->satisfied_from)
				 : errdetail("One has scale_max %d, the other %d.",
							 a->scale_max, b->scale_max)));
}

pg_noreturn static void
merge_out_of_range(const ScoreSummary *into, const char *what, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("cannot %s %s summaries: the result is out of range", what,
					summary_kind_name(into->kind)),
			 errdetail("%s", detail)));
}

/*
 * Adds the exact sums of a weighted summary (format 2 or 3) to a format-3
 * one, then checks that every sum, and the total weight, still round to
 * finite doubles.
 */
static void
add_exact_weights(ExactSummary *into, const ScoreSummary *from, const char *what)
{
	ExactSum	total;

	if (summary_is_exact(from))
	{
		const ExactSummary *exact = (const ExactSummary *) from;

		for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
			exact_sum_add(&into->weight[s], &exact->weight[s]);
		exact_sum_add(&into->weight_sq, &exact->weight_sq);
	}
	else
	{
		for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
		{
			exact_sum_add_double(&into->weight[s], from->weight[s]);
			exact_sum_add_double(&into->weight[s], from->weight_errors[s]);
		}
		exact_sum_add_double(&into->weight_sq, from->weight_sq);
		exact_sum_add_double(&into->weight_sq, from->weight_sq_error);
	}

	total = into->weight[0];
	for (int s = 1; s <= SUMMARY_MAX_SCORE; s++)
		exact_sum_add(&total, &into->weight[s]);
	if (!exact_sum_fits_double(&total) || !exact_sum_fits_double(&into->weight_sq))
		merge_out_of_range((ScoreSummary *) into, what,
						   "The sum of the weights or of their squares would exceed the double precision range.");
}

/*
 * Adds "from" into "into" (combine functions, rollup()) and returns the
 * result: "into" itself, updated in place, unless it is a format-2 weighted
 * summary, which becomes a new format-3 one (see summary_exact_copy) so
 * that weights are summed exactly, whatever the order of the merges.  Use
 * it through summary_merge().  A summary whose scale is not fixed yet holds
 * no response and takes the other's scale.  Counts are checked for
 * overflow and weight sums for the double range: summaries come from
 * anywhere (stored values, text input).  "what" is the verb for messages
 * ("combine", "roll up").
 */
ScoreSummary *
summary_merge(ScoreSummary *into, const ScoreSummary *from, const char *what)
{
	const char *problem;

	if (from->scale_max == 0 && into->kind == from->kind &&
		summary_is_weighted(into) == summary_is_weighted(from))
		return into;
	if (into->scale_max == 0 && into->kind == from->kind)
	{
		into->scale_max = from->scale_max;
		into->satisfied_from = from->satisfied_from;
	}
	check_mergeable(into, from, what);

	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		if (pg_add_s64_overflow(into->count[s], from->count[s], &into->count[s]))
			merge_out_of_range(into, what, "A count would exceed the bigint range.");
	}
	if (summary_is_weighted(into))
	{
		if (!summary_is_exact(into))
			into = summary_exact_copy(into);
		add_exact_weights(summary_as_exact(into), from, what);
	}
	problem = summary_problem(into);
	if (problem != NULL)
		merge_out_of_range(into, what, problem);
	return into;
}

/*
 * Removes "part" from "from": the inverse of summary_merge() for unweighted
 * summaries, whose integer counts make it exact.  When nothing is left, a
 * CSAT or CES summary forgets its scale, so a moving window agrees with
 * recomputing the frame (which may hold another scale next).  rollup()'s moving-window
 * path only calls it with a summary it added before, but a hand-made call
 * could ask for more than there is: that is refused, never negative.
 */
void
summary_subtract(ScoreSummary *from, const ScoreSummary *part)
{
	Assert(!summary_is_weighted(from));
	if (part->scale_max == 0 && from->kind == part->kind && !summary_is_weighted(part))
		return;
	check_mergeable(from, part, "subtract");
	for (int s = 0; s <= SUMMARY_MAX_SCORE; s++)
	{
		if (part->count[s] > from->count[s])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot subtract %s %s summary that is not part of the other",
							article(from->kind), summary_kind_name(from->kind)),
					 errdetail("Score %d has " INT64_FORMAT " responses, and " INT64_FORMAT " are to be removed.",
							   s, from->count[s], part->count[s])));
		from->count[s] -= part->count[s];
	}
	/* like the inverse transition: an emptied frame has no scale again */
	if (summary_kind(from->kind)->fixed_scale_max == 0 && summary_total(from) == 0)
		from->scale_max = from->satisfied_from = 0;
}
