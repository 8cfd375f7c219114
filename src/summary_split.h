/*
 * summary_split.h
 *		A summary's responses split in three groups, as counts on the
 *		effective sample size, and the min_responses rule: what every
 *		statistic on summaries starts from (stats.c, two_sample_tests.c).
 */
#ifndef NPS_EXT_SUMMARY_SPLIT_H
#define NPS_EXT_SUMMARY_SPLIT_H

#include "summary.h"

/*
 * (low, middle, high) are detractors, passives and promoters for NPS, and
 * (unsatisfied, -, satisfied) for CSAT.  n is the count, or Kish's n_eff
 * for a weighted summary, the three being scaled to it.
 */
typedef struct Split
{
	double		low;
	double		middle;
	double		high;
	double		n;
	bool		weighted;		/* n is Kish's n_eff, not a count */
} Split;

extern Split summary_split(const ScoreSummary *summary, int low_max, int high_min);
extern Split nps_split(const ScoreSummary *summary);
extern Split csat_split(const ScoreSummary *summary);

extern int	min_responses_argument(FunctionCallInfo fcinfo, int argno);
extern bool below_minimum(double n, int min, bool weighted);
extern bool too_few(Split split, int min);

#endif							/* NPS_EXT_SUMMARY_SPLIT_H */
