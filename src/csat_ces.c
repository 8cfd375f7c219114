/*
 * csat_ces.c
 *		CSAT and CES: their scale, and the transition, inverse transition
 *		and final functions of csat(), ces(), csat_agg() and ces_agg().
 *
 * Both count scores on a scale the call chooses (1..scale_max, and for
 * CSAT the satisfied_from threshold), which must be the same on every row
 * of a group, so one set of C functions serves both: the state's kind says
 * which metric it is (summary_kind.h).  The functions are not strict: a
 * NULL score is skipped here, after its row's scale is checked.  The C
 * symbols keep the names the released install scripts give them
 * (scaled_trans_*, scaled_inverse_*), for csat_trans and ces_trans alike.
 */
#include "postgres.h"

#include "csat_ces.h"
#include "results.h"
#include "score_args.h"

#include "optimizer/optimizer.h"
#include "utils/lsyscache.h"

/* ---------- the scale ---------- */

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
 * scale_max given as argument argno, checked: the aggregates' and the
 * validity predicates' (validity.c) alike.
 */
int
scale_max_argument(FunctionCallInfo fcinfo, int argno, SummaryKind kind)
{
	int			scale_max = scale_parameter(fcinfo, argno, kind, "scale_max");

	if (scale_max < SUMMARY_MIN_SCALE_MAX || scale_max > SUMMARY_MAX_SCALE_MAX)
		invalid_scale(kind, "scale_max", scale_max,
					  psprintf("scale_max must be between %d and %d.",
							   SUMMARY_MIN_SCALE_MAX, SUMMARY_MAX_SCALE_MAX));
	return scale_max;
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
	const SummaryKindInfo *info = summary_kind(kind);
	Scale		scale = {info->default_scale_max, 0};

	if (scale_args >= 1)
		scale.scale_max = scale_max_argument(fcinfo, 2, kind);
	if (info->has_satisfied_from)
	{
		/* default: top-2-box, the two highest points of the scale */
		scale.satisfied_from = (scale_args >= 2)
			? scale_parameter(fcinfo, 3, kind, "satisfied_from")
			: scale.scale_max - 1;
		if (scale.satisfied_from < SUMMARY_MIN_SATISFIED_FROM || scale.satisfied_from > scale.scale_max)
			invalid_scale(kind, "satisfied_from", scale.satisfied_from,
						  psprintf("satisfied_from must be between %d and scale_max (%d).",
								   SUMMARY_MIN_SATISFIED_FROM, scale.scale_max));
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

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s() argument %s must not reference the aggregated rows",
					get_func_name(aggregate), name),
			 errdetail("The scale arguments describe the questionnaire, not the row: a column given as %s would be read as the scale, not as a weight.",
					   name),
			 errhint("To weight the responses, use %s. For a scale that differs between surveys, aggregate each survey in a LATERAL subquery that takes the scale from the survey's row.",
					 summary_kind(kind)->weighted_form)));
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
	if (likely(state->scale_max == scale.scale_max && state->satisfied_from == scale.satisfied_from))
		return;
	if (state->scale_max != 0)
	{
		if (summary_kind(state->kind)->has_satisfied_from)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s scale must be the same for every row of a group",
							summary_kind_name(state->kind)),
					 errdetail("The group started with scale_max %d and satisfied_from %d; a row has %d and %d.",
							   state->scale_max, state->satisfied_from,
							   scale.scale_max, scale.satisfied_from)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s scale must be the same for every row of a group",
						summary_kind_name(state->kind)),
				 errdetail("The group started with scale_max %d; a row has %d.",
						   state->scale_max, scale.scale_max)));
	}
	state->scale_max = scale.scale_max;
	state->satisfied_from = scale.satisfied_from;
}

/* ---------- the transition functions ---------- */

/*
 * Shared body of the csat/ces (inverse) transition functions.  Every row
 * fixes or must agree with the group's scale, also a row skipped for its
 * NULL score: its scale is data like any other, and a group whose first
 * rows have no score must not take the scale of a later row silently.
 * The inverse never unfixes the scale: PostgreSQL does not call it to
 * remove the last row of a frame (it restarts from MINITCOND instead), so
 * the rows left in the frame, with or without a score, are all on the
 * state's scale, as recomputing the frame would find.  Where the scale
 * arguments come from is checked while the scale is not fixed yet, so on
 * no row after a group's first.
 */
static pg_attribute_always_inline Datum
scaled_step(FunctionCallInfo fcinfo, ScoreType type, bool add)
{
	bool		in_aggregate = called_as_aggregate(fcinfo);
	ScoreSummary *state = counts_state(fcinfo, in_aggregate);
	int64		score;

	if (unlikely(state->scale_max == 0))
		check_scale_source(fcinfo, state->kind, PG_NARGS() - 2);
	fix_scale(state, row_scale(fcinfo, state->kind, PG_NARGS() - 2));
	if (PG_ARGISNULL(1))
		return updated_state_in(fcinfo, state, in_aggregate);
	score = score_of(fcinfo, state, type, RATED_SCALE_MIN);
	if (add)
		add_score(state, score);
	else
		remove_score(state, score);
	return updated_state_in(fcinfo, state, in_aggregate);
}

/*
 * scaled_trans_<type> and scaled_inverse_<type>, the C functions of
 * csat_trans/ces_trans(<summary>, <type> [, ...]) and of the inverses:
 * one pair per score type of sql/api.decl, the type fixed at compile time.
 */
#define SCALED_ENTRY_POINTS(suffix, type) \
PG_FUNCTION_INFO_V1(scaled_trans_##suffix); \
PG_FUNCTION_INFO_V1(scaled_inverse_##suffix); \
Datum \
scaled_trans_##suffix(PG_FUNCTION_ARGS) \
{ \
	return scaled_step(fcinfo, type, true); \
} \
Datum \
scaled_inverse_##suffix(PG_FUNCTION_ARGS) \
{ \
	return scaled_step(fcinfo, type, false); \
}

SCALED_ENTRY_POINTS(int2, SCORE_INT2)
SCALED_ENTRY_POINTS(int4, SCORE_INT4)
SCALED_ENTRY_POINTS(int8, SCORE_INT8)
SCALED_ENTRY_POINTS(numeric, SCORE_NUMERIC)
SCALED_ENTRY_POINTS(float8, SCORE_FLOAT8)

/* ---------- results ---------- */

PG_FUNCTION_INFO_V1(csat_final);
PG_FUNCTION_INFO_V1(ces_final);

/* CSAT = 100 * #(score >= satisfied_from) / n. */
Datum
csat_final(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = PG_GETARG_SUMMARY_VALUE(0);
	bool		is_null;
	Datum		result = summary_percent_between(state, state->satisfied_from, state->scale_max,
												 &is_null);

	if (is_null)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/* CES = mean score. */
Datum
ces_final(PG_FUNCTION_ARGS)
{
	return summary_mean_result(fcinfo);
}
