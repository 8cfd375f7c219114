/*
 * summary_split.c
 *		A summary's responses split in three groups (detractors, passives,
 *		promoters; unsatisfied and satisfied), as counts on the effective
 *		sample size, and the min_responses rule every statistic applies.
 */
#include "postgres.h"

#include "summary_split.h"
#include "summary_kind.h"

#include <float.h>

/* min_responses: at least 1 */
int
min_responses_argument(FunctionCallInfo fcinfo, int argno)
{
	int32		min = PG_GETARG_INT32(argno);

	if (min < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_responses %d is out of range", min),
				 errdetail("The minimum number of responses must be at least 1.")));
	return min;
}

/*
 * The responses of a summary split in three, as counts on the effective
 * sample size: (low, middle, high) are detractors, passives and promoters
 * for NPS, and (unsatisfied, -, satisfied) for CSAT.  n is n_eff.
 */
Split
summary_split(const ScoreSummary *summary, int low_max, int high_min)
{
	Split		split = {0, 0, 0, 0, summary_is_weighted(summary)};
	int			lo = summary_scale_min(summary->kind);
	int			hi = summary->scale_max;

	if (summary_total(summary) == 0)
		return split;
	split.n = summary_effective_size(summary);
	if (!summary_is_weighted(summary))
	{
		split.low = (double) summary_count_between(summary, lo, low_max);
		split.middle = (double) summary_count_between(summary, low_max + 1, high_min - 1);
		split.high = (double) summary_count_between(summary, high_min, hi);
	}
	else if (split.n > 0)
	{
		double		weight = summary_total_weight(summary);

		split.low = summary_weight_between(summary, lo, low_max) / weight * split.n;
		split.middle = summary_weight_between(summary, low_max + 1, high_min - 1) / weight * split.n;
		split.high = summary_weight_between(summary, high_min, hi) / weight * split.n;
	}
	return split;
}

Split
nps_split(const ScoreSummary *summary)
{
	return summary_split(summary, NPS_DETRACTORS->hi, NPS_PROMOTERS->lo);
}

/* CSAT: unsatisfied below satisfied_from, satisfied from it. */
Split
csat_split(const ScoreSummary *summary)
{
	if (summary->scale_max == 0)
	{
		Split		empty = {0, 0, 0, 0, false};

		return empty;
	}
	return summary_split(summary, summary->satisfied_from - 1, summary->satisfied_from);
}

/*
 * Kish's n_eff is computed from double-double sums to within an ulp or two
 * of its exact value (equal weights give n itself), so for a weighted
 * summary the comparison with min_responses allows 4 ulps of rounding and
 * no more: 1,999,999,999 unit weights stay below a minimum of 2e9.  A count
 * is exact (as a double up to 2^53, beyond any min_responses) and is
 * compared exactly.
 */
#define N_EFF_SLACK		(4 * DBL_EPSILON)

bool
below_minimum(double n, int min, bool weighted)
{
	if (!(n > 0))
		return true;
	return weighted ? n < min * (1 - N_EFF_SLACK) : n < min;
}

bool
too_few(Split split, int min)
{
	return below_minimum(split.n, min, split.weighted);
}

