/*
 * weights.c
 *		Survey weights: the transition functions of the weighted aggregates
 *		nps(score, weight), csat(score, scale_max, satisfied_from, weight),
 *		ces(score, scale_max, weight) and their *_agg summary forms.
 *
 * The state is a ScoreSummary: per score the number of rows and the sum of
 * their weights, plus the sum of squared weights for Kish's effective
 * sample size.  The aggregates start from a format-2 INITCOND; the first
 * row turns it into format 3, whose sums are exact (exact_sum.h), so that
 * the state does not depend on the order of the rows or on how partial
 * states are combined; the final functions round it once.  There is no
 * inverse transition: a moving window frame is recomputed.
 *
 * The weight is the last argument, after the scale.  csat(score, weight)
 * with an integer weight resolves to the unweighted csat(score, scale_max),
 * which refuses a column as its scale (check_scale_source() in
 * csat_ces.c), so the weight cannot be misread as a scale_max.
 */
#include "postgres.h"

#include "summary.h"
#include "csat_ces.h"
#include "score_args.h"

#include <math.h>

#include "common/int.h"
#include "utils/float.h"

/*
 * Accepted weights: 0, or 1e-100 .. 1e100.  Within these bounds neither a
 * square underflows to zero nor can any sum of up to 2^63 weights or
 * squared weights overflow, so a summary built from rows is always finite.
 */
#define WEIGHT_MIN	1e-100
#define WEIGHT_MAX	1e100

typedef enum WeightProblem
{
	WEIGHT_VALID,
	WEIGHT_INVALID,				/* negative, NaN or infinite */
	WEIGHT_OFF_RANGE			/* positive, outside WEIGHT_MIN..WEIGHT_MAX */
} WeightProblem;

/* What is wrong with a weight: the aggregates' and weight_valid()'s test. */
static WeightProblem
weight_problem(float8 weight)
{
	if (isnan(weight) || isinf(weight) || weight < 0)
		return WEIGHT_INVALID;
	if (weight != 0 && (weight < WEIGHT_MIN || weight > WEIGHT_MAX))
		return WEIGHT_OFF_RANGE;
	return WEIGHT_VALID;
}

static double
checked_weight(FunctionCallInfo fcinfo, const ScoreSummary *state, int weight_arg)
{
	float8		weight = PG_GETARG_FLOAT8(weight_arg);
	WeightProblem problem = weight_problem(weight);
	char	   *predicate;

	if (likely(problem == WEIGHT_VALID))
		return weight + 0.0;	/* -0 counts as 0 */
	predicate = psprintf("weight_valid(%s)",
						 aggregate_argument_text(fcinfo, weight_arg, "weight"));
	if (problem == WEIGHT_INVALID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s weight %s is invalid", summary_kind_name(state->kind),
						float8out_internal(weight)),
				 errdetail("Weights must be finite and not negative."),
				 errhint("Find the rows with WHERE NOT %s. To skip and count them, aggregate with FILTER (WHERE %s) and count(*) FILTER (WHERE NOT %s).",
						 predicate, predicate, predicate)));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s weight %s is out of range", summary_kind_name(state->kind),
					float8out_internal(weight)),
			 errdetail("A weight must be 0 or between 1e-100 and 1e100."),
			 errhint("Find the rows with WHERE NOT %s. To skip and count them, aggregate with FILTER (WHERE %s) and count(*) FILTER (WHERE NOT %s).",
					 predicate, predicate, predicate)));
	pg_unreachable();
}

PG_FUNCTION_INFO_V1(weight_valid);

/*
 * weight_valid(weight): true for a weight the weighted aggregates accept
 * (0, or 1e-100 .. 1e100), false for one they refuse; strict.
 */
Datum
weight_valid(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(weight_problem(PG_GETARG_FLOAT8(0)) == WEIGHT_VALID);
}

/*
 * Adds one weighted response, its weight and its square exactly.  Sums can
 * only leave the double range in a state that did not grow from zero here
 * (a hand-made summary passed to the transition function), but that is
 * still an error, never a summary that cannot be rounded.
 */
static void
add_weighted_score(ExactSummary *state, int64 score, double weight)
{
	add_score((ScoreSummary *) state, score);
	if (weight == 0)
		return;
	exact_sum_add_weight(&state->weight[score], &state->weight_sq, weight);
	if (unlikely(!exact_sum_is_small(&state->weight[score]) ||
				 !exact_sum_is_small(&state->weight_sq)) &&
		(!exact_sum_fits_double(&state->weight[score]) ||
		 !exact_sum_fits_double(&state->weight_sq)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s summary weights are out of range", summary_kind_name(state->kind)),
				 errdetail("The sum of the weights would exceed the double precision range.")));
}

/*
 * The state to update, in format 3: the format-2 INITCOND (or a stored
 * summary passed by hand) is converted on the first row; the new, larger
 * value is returned and the executor keeps it from then on.
 */
static pg_attribute_always_inline ExactSummary *
weighted_state(FunctionCallInfo fcinfo)
{
	ScoreSummary *state = state_for_update(fcinfo);

	if (unlikely(!summary_is_exact(state)))
	{
		if (!summary_is_weighted(state))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a weighted transition needs a weighted %s summary",
							summary_kind_name(state->kind))));
		state = summary_exact_copy(state);
	}
	return summary_as_exact(state);
}

/*
 * Shared body.  Arguments: state, score, then for csat/ces the scale
 * parameters, then the weight (always last).  A row skipped because its
 * score or weight is NULL still has what it gives checked: its scale fixes
 * or must agree with the group's, as on any row, its weight must be valid
 * and its score must lie on the scale, so that no invalid value passes
 * silently.
 */
static pg_attribute_always_inline Datum
weighted_step(FunctionCallInfo fcinfo, ScoreType type)
{
	ExactSummary *exact = weighted_state(fcinfo);
	ScoreSummary *state = (ScoreSummary *) exact;
	int			weight_arg = PG_NARGS() - 1;
	double		weight = 0;
	int64		score;

	if (summary_kind(state->kind)->fixed_scale_max == 0)
		fix_scale(state, row_scale(fcinfo, state->kind, PG_NARGS() - 3));
	if (!PG_ARGISNULL(weight_arg))
		weight = checked_weight(fcinfo, state, weight_arg);
	if (PG_ARGISNULL(1))
		return updated_state(fcinfo, state);

	score = score_of(fcinfo, state, type, summary_scale_min(state->kind));
	if (!PG_ARGISNULL(weight_arg))
		add_weighted_score(exact, score, weight);
	return updated_state(fcinfo, state);
}

/*
 * weighted_trans_<type>, the C function of nps_weighted_trans,
 * csat_weighted_trans and ces_weighted_trans(<summary>, <type>, ...): one
 * per score type of sql/api.decl, the type fixed at compile time.
 */
#define WEIGHTED_ENTRY_POINT(suffix, type) \
PG_FUNCTION_INFO_V1(weighted_trans_##suffix); \
Datum \
weighted_trans_##suffix(PG_FUNCTION_ARGS) \
{ \
	return weighted_step(fcinfo, type); \
}

WEIGHTED_ENTRY_POINT(int2, SCORE_INT2)
WEIGHTED_ENTRY_POINT(int4, SCORE_INT4)
WEIGHTED_ENTRY_POINT(int8, SCORE_INT8)
WEIGHTED_ENTRY_POINT(numeric, SCORE_NUMERIC)
WEIGHTED_ENTRY_POINT(float8, SCORE_FLOAT8)
