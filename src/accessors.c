/*
 * accessors.c
 *		Reading a stored summary of any metric: responses, the distribution,
 *		the mean, and the total and effective (Kish) weight.
 *
 * nps(s), csat(s), ces(s) and the NPS group counts are the final functions
 * of the plain aggregates (nps.c, csat_ces.c), so a summary answers exactly
 * what the aggregate over the same rows answers; the NPS group shares are
 * in nps.c.
 */
#include "postgres.h"

#include "results.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(summary_responses);
PG_FUNCTION_INFO_V1(summary_mean_score);
PG_FUNCTION_INFO_V1(summary_total_weight_sql);
PG_FUNCTION_INFO_V1(summary_effective_n);
PG_FUNCTION_INFO_V1(summary_distribution);

/* Number of responses (rows), weighted or not; 0 for an empty summary. */
Datum
summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(summary_total(PG_GETARG_SUMMARY(0)));
}

Datum
summary_mean_score(PG_FUNCTION_ARGS)
{
	return summary_mean_result(fcinfo);
}

/* Sum of the weights; the number of responses when unweighted. */
Datum
summary_total_weight_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(summary_total_weight(PG_GETARG_SUMMARY_VALUE(0)));
}

Datum
summary_effective_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(summary_effective_size(PG_GETARG_SUMMARY_VALUE(0)));
}

#if PG_VERSION_NUM < 150001
/*
 * InitMaterializedSRF() arrived in PostgreSQL 15.1 (15.0 called it
 * SetSingleFuncCall); this is what it does.
 */
static void
InitMaterializedSRF(FunctionCallInfo fcinfo, bits32 flags)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old_context;
	TupleDesc	tupdesc;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	old_context = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->setDesc = tupdesc;
	MemoryContextSwitchTo(old_context);
}
#endif

/*
 * distribution(s): one row per score of the scale, also for scores nobody
 * gave, so a chart has every bar:
 *	 (score integer, responses bigint, weight double precision, percent numeric)
 * weight is the number of responses when unweighted; percent is NULL when
 * the summary is empty.  A summary whose scale is not fixed yet (an empty
 * csat_agg() or ces_agg()) has no rows.
 */
Datum
summary_distribution(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	if (summary->scale_max == 0)
		return (Datum) 0;

	(void) summary_total(summary);	/* checks that the counts add up */
	for (int s = summary_scale_min(summary->kind); s <= summary->scale_max; s++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = Int32GetDatum(s);
		values[1] = Int64GetDatum(summary->count[s]);
		values[2] = Float8GetDatum(summary_is_weighted(summary)
								   ? summary_weight_of(summary, s) : (double) summary->count[s]);
		values[3] = summary_percent_between(summary, s, s, &nulls[3]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
