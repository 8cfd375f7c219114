/*
 * csat_ces.h
 *		The scale of CSAT and CES: read from the arguments of their
 *		transition functions, fixed by a group's first row, checked on
 *		every other (csat_ces.c).
 */
#ifndef NPS_EXT_CSAT_CES_H
#define NPS_EXT_CSAT_CES_H

#include "summary.h"

typedef struct Scale
{
	int			scale_max;
	int			satisfied_from;	/* CSAT only; 0 for CES */
} Scale;

extern int	scale_max_argument(FunctionCallInfo fcinfo, int argno, SummaryKind kind);
extern Scale row_scale(FunctionCallInfo fcinfo, SummaryKind kind, int scale_args);
extern void check_scale_source(FunctionCallInfo fcinfo, SummaryKind kind, int scale_args);
extern void fix_scale(ScoreSummary *state, Scale scale);

#endif							/* NPS_EXT_CSAT_CES_H */
