/*
 * churn.h
 *		The steps every churn aggregate shares (churn.c): adding a response
 *		and its answers to a churn state, fixing the group's as_of, merging
 *		two states, and the aggregate's name for messages.
 */
#ifndef NPS_EXT_CHURN_H
#define NPS_EXT_CHURN_H

#include "churn_state.h"

extern const char *churn_caller(FunctionCallInfo fcinfo);
extern void churn_add_response(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of,
							   bool score_null, int32 score,
							   bool at_null, TimestampTz at);
extern void churn_add_answers(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of,
							  bool at_null, TimestampTz at,
							  bool effort_null, int32 effort,
							  bool satisfaction_null, int32 satisfaction);
extern void churn_fix_as_of(FunctionCallInfo fcinfo, ChurnState *state, TimestampTz as_of);
extern void churn_state_merge(FunctionCallInfo fcinfo, ChurnState *a, const ChurnState *b);

#endif							/* NPS_EXT_CHURN_H */
