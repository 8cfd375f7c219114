/*
 * score_args.c
 *		Reading the score argument of the transition functions: a score of
 *		any SQL numeric type, checked against the summary's scale
 *		(score_args.h), and the error for an invalid one, whose hint says
 *		how to find the offending rows and how to skip and count them.
 *
 * Shared by the transition functions of every metric; what runs on every
 * row of an integer score is inline in score_args.h.
 */
#include "postgres.h"

#include "score_args.h"

#include <math.h>

#include "catalog/pg_aggregate.h"
#include "nodes/execnodes.h"
#include "parser/parsetree.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/ruleutils.h"
#include "utils/syscache.h"

/* ---------- naming the aggregated expression, for hints ---------- */

/* Is wfunc an aggregate whose (moving) transition function is transfn? */
bool
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
 * The argument expression of the aggregate being computed that feeds
 * argument argno of its transition function (1: the score), from the
 * planned Aggref, or over a window from the one window function that uses
 * this transition function; NULL where it cannot be told (called as a
 * plain function, or several window functions share the transition).
 */
static Node *
aggregate_argument(FunctionCallInfo fcinfo, int argno, PlanState **planstate)
{
	Aggref	   *aggref;
	Node	   *found = NULL;

	if (fcinfo->context == NULL || fcinfo->flinfo == NULL)
		return NULL;
	aggref = AggGetAggref(fcinfo);
	if (aggref != NULL && IsA(fcinfo->context, AggState))
	{
		if (argno > list_length(aggref->args))
			return NULL;
		*planstate = &((AggState *) fcinfo->context)->ss.ps;
		return (Node *) ((TargetEntry *) list_nth(aggref->args, argno - 1))->expr;
	}
	if (IsA(fcinfo->context, WindowAggState))
	{
		WindowAggState *winstate = (WindowAggState *) fcinfo->context;
		ListCell   *lc;

		foreach(lc, winstate->funcs)
		{
			WindowFunc *wfunc = ((WindowFuncExprState *) lfirst(lc))->wfunc;

			if (argno > list_length(wfunc->args) ||
				!window_aggregate_uses(wfunc, fcinfo->flinfo->fn_oid))
				continue;
			if (found != NULL)
				return NULL;	/* more than one candidate: do not guess */
			found = list_nth(wfunc->args, argno - 1);
		}
		*planstate = &winstate->ss.ps;
	}
	return found;
}

/*
 * Does expr, an expression of plan's target list, stand for a column of
 * one of the query's tables (or subqueries, CTEs, functions), possibly
 * cast?  Followed down through the plan nodes that pass columns on, as the
 * deparser follows them.  An expression computed from columns, or a column
 * of a VALUES list (which the deparser can only call column1 ...), is not
 * one: its text would not be a WHERE clause the query's author recognizes.
 */
static bool
names_a_column(Node *expr, Plan *plan, PlannedStmt *pstmt)
{
	for (;;)
	{
		Var		   *var;
		Plan	   *child;
		TargetEntry *tle;

		if (IsA(expr, RelabelType))
			expr = (Node *) ((RelabelType *) expr)->arg;
		else if (IsA(expr, CoerceViaIO))
			expr = (Node *) ((CoerceViaIO *) expr)->arg;
		else if (IsA(expr, FuncExpr) &&
				 (((FuncExpr *) expr)->funcformat == COERCE_EXPLICIT_CAST ||
				  ((FuncExpr *) expr)->funcformat == COERCE_IMPLICIT_CAST) &&
				 list_length(((FuncExpr *) expr)->args) >= 1)
			expr = linitial(((FuncExpr *) expr)->args);
		if (!IsA(expr, Var) || ((Var *) expr)->varlevelsup != 0)
			return false;
		var = (Var *) expr;
		if (var->varno == INDEX_VAR)
			return true;
		if (var->varno != OUTER_VAR && var->varno != INNER_VAR)
		{
			RangeTblEntry *rte;

			if (var->varno < 1 || var->varno > list_length(pstmt->rtable))
				return false;
			rte = rt_fetch(var->varno, pstmt->rtable);
			return rte->rtekind != RTE_VALUES;
		}
		if (var->varno == INNER_VAR)
			child = innerPlan(plan);
		else if (IsA(plan, Append) && ((Append *) plan)->appendplans != NIL)
			child = linitial(((Append *) plan)->appendplans);
		else if (IsA(plan, MergeAppend) && ((MergeAppend *) plan)->mergeplans != NIL)
			child = linitial(((MergeAppend *) plan)->mergeplans);
		else
			child = outerPlan(plan);
		if (child == NULL)
			return false;
		tle = get_tle_by_resno(child->targetlist, var->varattno);
		if (tle == NULL)
			return false;
		expr = (Node *) tle->expr;
		plan = child;
	}
}

/*
 * The text of that expression as a query would write it ("score",
 * "(score)::double precision"), deparsed in its plan node as EXPLAIN
 * VERBOSE does, when it is a column; otherwise, also when it cannot be
 * told, a constant (not a way to find rows) or an expression the deparser
 * would spell out from the base columns.  Only called on the way to an
 * error.
 */
char *
aggregate_argument_text(FunctionCallInfo fcinfo, int argno, const char *otherwise)
{
	PlanState  *planstate = NULL;
	Node	   *expr = aggregate_argument(fcinfo, argno, &planstate);
	PlannedStmt *pstmt;
	List	   *context;

	if (expr == NULL || planstate == NULL || planstate->plan == NULL ||
		planstate->state == NULL || planstate->state->es_plannedstmt == NULL ||
		!names_a_column(expr, planstate->plan, planstate->state->es_plannedstmt))
		return pstrdup(otherwise);
	pstmt = planstate->state->es_plannedstmt;
	context = deparse_context_for_plan_tree(pstmt,
											select_rtable_names_for_explain(pstmt->rtable, NULL));
	context = set_deparse_context_plan(context, planstate->plan, NIL);
	return deparse_expression(expr, context, false, false);
}

/* ---------- the error ---------- */

/*
 * An invalid score: 22003, the value and the scale, and a hint with the
 * validity predicate of this metric and scale applied to the aggregated
 * expression, ready for a WHERE clause and for FILTER.
 */
void
invalid_score(FunctionCallInfo fcinfo, const ScoreSummary *state, ScoreProblem problem,
			  const char *value)
{
	const SummaryKindInfo *info = summary_kind(state->kind);
	char	   *column = aggregate_argument_text(fcinfo, 1, "score");
	char	   *predicate;

	if (info->fixed_scale_max == 0 && state->scale_max != info->default_scale_max)
		predicate = psprintf("%s_valid(%s, %d)", info->key, column, state->scale_max);
	else
		predicate = psprintf("%s_valid(%s)", info->key, column);

	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 problem == SCORE_NOT_INTEGER
			 ? errmsg("%s score %s is not an integer", info->name, value)
			 : errmsg("%s score %s is out of range", info->name, value),
			 errdetail("%s scores on this scale are integers from %d to %d.",
					   info->name, info->scale_min, state->scale_max),
			 errhint("Find the rows with WHERE NOT %s. To skip and count them, aggregate with FILTER (WHERE %s) and count(*) FILTER (WHERE NOT %s).",
					 predicate, predicate, predicate)));
}

/* ---------- numeric and double precision scores ---------- */

static char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/*
 * Fractional scores are invalid, never bucketed or rounded: tools that
 * bucketed 6.5 shipped wrong numbers.  numeric and double precision columns
 * get their own entry points so that a caller never needs a rounding cast
 * to integer.  7.000 and -0 are the integers 7 and 0.
 */
ScoreProblem
numeric_score_problem(Numeric value, int scale_min, int scale_max, int64 *score)
{
	bool		overflow = false;
	int32		integer;
	Datum		truncated;

	if (numeric_is_nan(value) || numeric_is_inf(value))
		return SCORE_OFF_SCALE;
	truncated = DirectFunctionCall2(numeric_trunc, NumericGetDatum(value), Int32GetDatum(0));
	if (!DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(value), truncated)))
		return SCORE_NOT_INTEGER;
	integer = numeric_int4_opt_error(value, &overflow);
	if (overflow || integer < scale_min || integer > scale_max)
		return SCORE_OFF_SCALE;
	*score = integer;
	return SCORE_VALID;
}

ScoreProblem
float8_score_problem(float8 value, int scale_min, int scale_max, int64 *score)
{
	if (isnan(value) || isinf(value))
		return SCORE_OFF_SCALE;
	if (value != rint(value))
		return SCORE_NOT_INTEGER;
	if (value < scale_min || value > scale_max)
		return SCORE_OFF_SCALE;
	*score = (int64) value;
	return SCORE_VALID;
}

int64
numeric_score(FunctionCallInfo fcinfo, const ScoreSummary *state, Numeric value)
{
	int64		score = 0;
	ScoreProblem problem = numeric_score_problem(value, summary_scale_min(state->kind),
												 state->scale_max, &score);

	if (problem != SCORE_VALID)
		invalid_score(fcinfo, state, problem, numeric_text(value));
	return score;
}

int64
float8_score(FunctionCallInfo fcinfo, const ScoreSummary *state, float8 value)
{
	int64		score = 0;
	ScoreProblem problem = float8_score_problem(value, summary_scale_min(state->kind),
												state->scale_max, &score);

	if (problem != SCORE_VALID)
		invalid_score(fcinfo, state, problem, float8out_internal(value));
	return score;
}
