/*
 * score_args.c
 *		Reading the arguments of the transition functions: a score of any
 *		SQL numeric type, checked against the summary's scale, and the
 *		scale parameters of csat() and ces() (score_args.h).
 *
 * Shared by the unweighted (summary_agg.c) and weighted (weighted_agg.c)
 * transition functions; what runs on every row of an integer score is
 * inline in score_args.h.
 */
#include "postgres.h"

#include "score_args.h"

#include <math.h>

#include "catalog/pg_aggregate.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

/* Defaults of the one-argument forms (docs/metrics.md). */
#define CSAT_DEFAULT_SCALE_MAX	5
#define CES_DEFAULT_SCALE_MAX	7

void
score_out_of_range(const ScoreSummary *state, const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s score %s is out of range", summary_kind_name(state->kind), value),
			 errdetail("%s scores on this scale are integers from %d to %d.",
					   summary_kind_name(state->kind),
					   summary_scale_min(state->kind), state->scale_max)));
}

pg_noreturn static void
score_not_integer(const ScoreSummary *state, const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s score %s is not an integer", summary_kind_name(state->kind), value),
			 errdetail("%s scores on this scale are integers from %d to %d.",
					   summary_kind_name(state->kind),
					   summary_scale_min(state->kind), state->scale_max)));
}

static char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/*
 * Fractional scores are errors, never bucketed or rounded: tools that
 * bucketed 6.5 shipped wrong numbers.  numeric and double precision columns
 * get their own entry points so that a caller never needs a rounding cast
 * to integer.
 */
int64
numeric_score(const ScoreSummary *state, Numeric value)
{
	bool		overflow = false;
	int32		score;
	Datum		truncated;

	if (numeric_is_nan(value) || numeric_is_inf(value))
		score_out_of_range(state, numeric_text(value));

	truncated = DirectFunctionCall2(numeric_trunc, NumericGetDatum(value), Int32GetDatum(0));
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(value), truncated)))
		score_not_integer(state, numeric_text(value));

	score = numeric_int4_opt_error(value, &overflow);
	if (overflow || score < summary_scale_min(state->kind) || score > state->scale_max)
		score_out_of_range(state, numeric_text(value));
	return score;
}

int64
float8_score(const ScoreSummary *state, float8 value)
{
	if (isnan(value) || isinf(value))
		score_out_of_range(state, float8out_internal(value));
	if (value != rint(value))
		score_not_integer(state, float8out_internal(value));
	if (value < summary_scale_min(state->kind) || value > state->scale_max)
		score_out_of_range(state, float8out_internal(value));
	return (int64) value;
}

/* ---------- the scale of csat() and ces() ---------- */

static int
scale_parameter(FunctionCallInfo fcinfo, int argno, SummaryKind kind, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s %s must not be null", summary_kind_name(kind), name)));
	return PG_GETARG_INT32(argno);
}

pg_noreturn static void
invalid_scale(SummaryKind kind, const char *name, int value, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %s %d is out of range", summary_kind_name(kind), name, value),
			 errdetail("%s", detail)));
}

/*
 * The row's scale: scale_max (argument 2) and, for CSAT, satisfied_from
 * (argument 3), or their defaults, validated.  scale_args says how many of
 * the two the call passes (the weighted forms pass a weight after them).
 * Checked on every row, also when the score is NULL, so a bad parameter
 * never passes silently.
 */
Scale
row_scale(FunctionCallInfo fcinfo, SummaryKind kind, int scale_args)
{
	bool		csat = (kind == SUMMARY_CSAT);
	Scale		scale = {csat ? CSAT_DEFAULT_SCALE_MAX : CES_DEFAULT_SCALE_MAX, 0};

	if (scale_args >= 1)
		scale.scale_max = scale_parameter(fcinfo, 2, kind, "scale_max");
	if (scale.scale_max < SUMMARY_MIN_SCALE_MAX || scale.scale_max > SUMMARY_MAX_SCALE_MAX)
		invalid_scale(kind, "scale_max", scale.scale_max,
					  "scale_max must be between 3 and 10.");
	if (csat)
	{
		/* default: top-2-box, the two highest points of the scale */
		scale.top_from = (scale_args >= 2)
			? scale_parameter(fcinfo, 3, kind, "satisfied_from")
			: scale.scale_max - 1;
		if (scale.top_from < 2 || scale.top_from > scale.scale_max)
			invalid_scale(kind, "satisfied_from", scale.top_from,
						  psprintf("satisfied_from must be between 2 and scale_max (%d).",
								   scale.scale_max));
	}
	return scale;
}

/* ---------- where the scale comes from ---------- */

/*
 * fn_extra of a transition function whose scale arguments have passed
 * check_scale_source(): the check is made once per query and aggregate.
 */
static char scale_source_checked;

pg_noreturn static void
column_scale(SummaryKind kind, Oid aggregate, int argno)
{
	const char *name = (argno == 1) ? "scale_max" : "satisfied_from";
	bool		csat = (kind == SUMMARY_CSAT);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s() argument %s must not reference the aggregated rows",
					get_func_name(aggregate), name),
			 errdetail("The scale arguments describe the questionnaire, not the row: a column given as %s would be read as the scale, not as a weight.",
					   name),
			 errhint("To weight the responses, use %s. For a scale that differs between surveys, aggregate each survey in a LATERAL subquery that takes the scale from the survey's row.",
					 csat ? "csat(score, scale_max, satisfied_from, weight)"
					 : "ces(score, scale_max, weight)")));
}

/* The first scale argument (1 or 2) that references a column, or 0. */
static int
column_scale_argument(List *args, int scale_args, bool target_entries)
{
	for (int argno = 1; argno <= scale_args && argno < list_length(args); argno++)
	{
		Node	   *arg = list_nth(args, argno);

		if (target_entries)
			arg = (Node *) ((TargetEntry *) arg)->expr;
		if (contain_var_clause(arg))
			return argno;
	}
	return 0;
}

/* Is wfunc an aggregate whose (moving) transition function is transfn? */
static bool
window_aggregate_uses(const WindowFunc *wfunc, Oid transfn)
{
	HeapTuple	tuple;
	Form_pg_aggregate aggregate;
	bool		uses;

	if (!wfunc->winagg)
		return false;
	tuple = SearchSysCache1(AGGFNOID, ObjectIdGetDatum(wfunc->winfnoid));
	if (!HeapTupleIsValid(tuple))
		return false;
	aggregate = (Form_pg_aggregate) GETSTRUCT(tuple);
	uses = aggregate->aggtransfn == transfn || aggregate->aggmtransfn == transfn;
	ReleaseSysCache(tuple);
	return uses;
}

/*
 * In csat(score, scale_max [, satisfied_from]) and ces(score, scale_max)
 * an integer weight column passed by mistake would be read as the scale,
 * so in these forms the scale arguments must not reference the aggregated
 * rows: literals, parameters, constant expressions and outer references
 * pass.  The planned argument expressions are read from the Aggref (also
 * in a parallel worker's partial aggregate) or, over a window, where
 * PostgreSQL gives no Aggref, from the window functions that use this
 * transition function (another call of the same aggregate with a column
 * is then refused as well, rightly).  Called as a plain function there
 * are no rows to come from.  The verdict is kept in fn_extra, and callers
 * call this only while the state's scale is not fixed, so no row after a
 * group's first pays for it.
 */
void
check_scale_source(FunctionCallInfo fcinfo, SummaryKind kind, int scale_args)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	Aggref	   *aggref;
	int			argno;

	if (scale_args == 0 || flinfo == NULL || flinfo->fn_extra == &scale_source_checked)
		return;
	aggref = AggGetAggref(fcinfo);
	if (aggref != NULL)
	{
		argno = column_scale_argument(aggref->args, scale_args, true);
		if (argno != 0)
			column_scale(kind, aggref->aggfnoid, argno);
	}
	else if (fcinfo->context != NULL && IsA(fcinfo->context, WindowAggState))
	{
		ListCell   *lc;

		foreach(lc, ((WindowAggState *) fcinfo->context)->funcs)
		{
			WindowFunc *wfunc = ((WindowFuncExprState *) lfirst(lc))->wfunc;

			if (!window_aggregate_uses(wfunc, flinfo->fn_oid))
				continue;
			argno = column_scale_argument(wfunc->args, scale_args, false);
			if (argno != 0)
				column_scale(kind, wfunc->winfnoid, argno);
		}
	}
	flinfo->fn_extra = &scale_source_checked;
}

/*
 * Fixes the scale on the group's first row, whether or not it has a score;
 * every later row must agree.
 */
void
fix_scale(ScoreSummary *state, Scale scale)
{
	if (likely(state->scale_max == scale.scale_max && state->top_from == scale.top_from))
		return;
	if (state->scale_max != 0)
	{
		if (state->kind == SUMMARY_CSAT)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("CSAT scale must be the same for every row of a group"),
					 errdetail("The group started with scale_max %d and satisfied_from %d; a row has %d and %d.",
							   state->scale_max, state->top_from,
							   scale.scale_max, scale.top_from)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale must be the same for every row of a group",
						summary_kind_name(state->kind)),
				 errdetail("The group started with scale_max %d; a row has %d.",
						   state->scale_max, scale.scale_max)));
	}
	state->scale_max = scale.scale_max;
	state->top_from = scale.top_from;
}

int64
score_argument(FunctionCallInfo fcinfo, const ScoreSummary *state, ScoreType type)
{
	switch (type)
	{
		case SCORE_INT2:
			return PG_GETARG_INT16(1);
		case SCORE_INT4:
			return PG_GETARG_INT32(1);
		case SCORE_INT8:
			return PG_GETARG_INT64(1);
		case SCORE_NUMERIC:
			return numeric_score(state, PG_GETARG_NUMERIC(1));
		case SCORE_FLOAT8:
			return float8_score(state, PG_GETARG_FLOAT8(1));
	}
	pg_unreachable();
}
