/*
 * metrics.h
 *		Exact numeric results of a summary, shared by the final functions
 *		(metrics.c) and the accessors that read a stored summary.
 */
#ifndef NPS_EXT_METRICS_H
#define NPS_EXT_METRICS_H

#include "summary.h"

extern Datum summary_percent_between(const ScoreSummary *summary, int lo, int hi, bool *is_null);
extern Datum summary_mean(const ScoreSummary *summary, bool *is_null);

#endif							/* NPS_EXT_METRICS_H */
