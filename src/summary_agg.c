/*
 * summary_agg.c
 *		The combine function of nps(), csat() and ces() and their _agg
 *		forms: adds two partial states (parallel workers, Citus).
 */
#include "postgres.h"

#include "summary.h"
#include "score_args.h"

PG_FUNCTION_INFO_V1(score_summary_combine);

/* Adds the second state into the first (parallel workers, Citus). */
Datum
score_summary_combine(PG_FUNCTION_ARGS)
{
	ScoreSummary *a = state_for_update(fcinfo);

	summary_add(a, PG_GETARG_SUMMARY(1), "combine");
	PG_RETURN_POINTER(a);
}
