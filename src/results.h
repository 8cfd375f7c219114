/*
 * results.h
 *		The numeric results of a summary (results.c): exact quotients of
 *		counts, double precision ones of weights, as numeric.
 */
#ifndef NPS_EXT_RESULTS_H
#define NPS_EXT_RESULTS_H

#include "summary.h"

extern Datum count_percent(int64 part, int64 whole);
extern Datum weight_percent(double part, double whole);
extern Datum summary_percent_between(const ScoreSummary *summary, int lo, int hi, bool *is_null);
extern Datum summary_mean(const ScoreSummary *summary, bool *is_null);
extern Datum summary_mean_result(FunctionCallInfo fcinfo);

#endif							/* NPS_EXT_RESULTS_H */
