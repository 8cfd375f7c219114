/*
 * aggregate_state.h
 *		For the aggregates whose state is internal (churn_auc, churn_brier,
 *		churn_fit_pass, churn_risk with a model, the priors): their support
 *		functions run only inside an aggregate, whose memory context holds
 *		the state.
 */
#ifndef NPS_EXT_AGGREGATE_STATE_H
#define NPS_EXT_AGGREGATE_STATE_H

#include "pg_compat.h"

#include "fmgr.h"

/*
 * The aggregate's memory context.  Called outside an aggregate (a user
 * calling the support function directly) it is an error, not a crash.
 */
static inline MemoryContext
aggregate_memory_context(FunctionCallInfo fcinfo, const char *function)
{
	MemoryContext context;

	if (!AggCheckCallContext(fcinfo, &context))
		elog(ERROR, "%s called in non-aggregate context", function);
	return context;
}

#endif							/* NPS_EXT_AGGREGATE_STATE_H */
