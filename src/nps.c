/*
 * nps.c
 *		NPS: the transition, inverse transition and final functions of
 *		nps(), promoters(), passives(), detractors() and nps_agg(), and the
 *		NPS groups of a stored summary (promoters(s), promoters_percent(s)
 *		...).
 *
 * The scale is fixed (0..10) and the functions are strict: PostgreSQL
 * skips a NULL score before calling them.  Every score type has its own
 * entry point so that no cast runs per row; the state is updated in place
 * (score_args.h).
 */
#include "postgres.h"

#include "results.h"
#include "score_args.h"

PG_FUNCTION_INFO_V1(nps_final);

/* The responses in one NPS group (summary_kind.c: detractors 0..6 ...). */
static inline int64
group_count(const ScoreSummary *state, const ScoreBucket *group)
{
	return summary_count_between(state, group->lo, group->hi);
}

/* ---------- nps(): fixed 0..10 scale, strict ---------- */

static pg_attribute_always_inline Datum
nps_step(FunctionCallInfo fcinfo, ScoreType type, bool add)
{
	/* tested once: PostgreSQL compiles with -fno-strict-aliasing */
	bool		in_aggregate = called_as_aggregate(fcinfo);
	ScoreSummary *state = counts_state(fcinfo, in_aggregate);
	int64		score = score_of(fcinfo, state, type, NPS_SCALE_MIN);

	if (add)
		add_score(state, score);
	else
		remove_score(state, score);
	return updated_state_in(fcinfo, state, in_aggregate);
}

/*
 * nps_trans_<type> and nps_inverse_<type>, the C functions of
 * nps_trans(nps_summary, <type>) and nps_inverse(...): one pair per score
 * type of sql/api.decl, each with the type fixed at compile time.
 */
#define NPS_ENTRY_POINTS(suffix, type) \
PG_FUNCTION_INFO_V1(nps_trans_##suffix); \
PG_FUNCTION_INFO_V1(nps_inverse_##suffix); \
Datum \
nps_trans_##suffix(PG_FUNCTION_ARGS) \
{ \
	return nps_step(fcinfo, type, true); \
} \
Datum \
nps_inverse_##suffix(PG_FUNCTION_ARGS) \
{ \
	return nps_step(fcinfo, type, false); \
}

NPS_ENTRY_POINTS(int2, SCORE_INT2)
NPS_ENTRY_POINTS(int4, SCORE_INT4)
NPS_ENTRY_POINTS(int8, SCORE_INT8)
NPS_ENTRY_POINTS(numeric, SCORE_NUMERIC)
NPS_ENTRY_POINTS(float8, SCORE_FLOAT8)

/* ---------- results ---------- */

/*
 * The promoters' weight minus the detractors', summed as one double-double
 * and rounded once at the end: rounding each side first would lose the
 * digits that survive when the two nearly cancel (an NPS near 0).
 */
static double
net_promoter_weight(const ScoreSummary *state)
{
	float8		hi = 0;
	float8		lo = 0;

	for (int s = NPS_PROMOTERS->lo; s <= NPS_PROMOTERS->hi; s++)
		weight_sum_add(&hi, &lo, state->weight[s], state->weight_errors[s]);
	for (int s = NPS_DETRACTORS->lo; s <= NPS_DETRACTORS->hi; s++)
		weight_sum_add(&hi, &lo, -state->weight[s], -state->weight_errors[s]);
	return hi + lo;
}

/*
 * NPS = 100 (P - D) / n.  P - D fits in int64 because P + D <= n does.
 */
Datum
nps_final(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = PG_GETARG_SUMMARY_VALUE(0);
	int64		n = summary_total(state);
	int64		promoters = group_count(state, NPS_PROMOTERS);
	int64		detractors = group_count(state, NPS_DETRACTORS);
	double		weight;

	if (n == 0)
		PG_RETURN_NULL();
	if (!summary_is_weighted(state))
		PG_RETURN_DATUM(count_percent(promoters - detractors, n));

	weight = summary_total_weight(state);
	if (weight == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(weight_percent(net_promoter_weight(state), weight));
}

/*
 * promoters(), passives() and detractors(): counts from the same state as
 * nps(), so that a query asking for several of them makes one state per
 * group (same transition function, inputs and INITCOND, READ_ONLY final
 * functions).  Like count(), they give 0 for an empty group.  On a stored
 * summary they are promoters(s) ...; promoters_percent(s) ... give the
 * shares (of the weight, when weighted), NULL when empty.
 */
static Datum
group_count_result(FunctionCallInfo fcinfo, const ScoreBucket *group)
{
	ScoreSummary *state = PG_GETARG_SUMMARY(0);

	(void) summary_total(state);	/* checks that the counts add up */
	PG_RETURN_INT64(group_count(state, group));
}

static Datum
group_percent_result(FunctionCallInfo fcinfo, const ScoreBucket *group)
{
	bool		is_null;
	Datum		result = summary_percent_between(PG_GETARG_SUMMARY_VALUE(0),
												 group->lo, group->hi, &is_null);

	if (is_null)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/*
 * nps_<group>_final and nps_<group>_percent, the C functions of
 * <group>(...) and <group>_percent(nps_summary).
 */
#define NPS_GROUP_ENTRY_POINTS(group, bucket) \
PG_FUNCTION_INFO_V1(nps_##group##_final); \
PG_FUNCTION_INFO_V1(nps_##group##_percent); \
Datum \
nps_##group##_final(PG_FUNCTION_ARGS) \
{ \
	return group_count_result(fcinfo, bucket); \
} \
Datum \
nps_##group##_percent(PG_FUNCTION_ARGS) \
{ \
	return group_percent_result(fcinfo, bucket); \
}

NPS_GROUP_ENTRY_POINTS(promoters, NPS_PROMOTERS)
NPS_GROUP_ENTRY_POINTS(passives, NPS_PASSIVES)
NPS_GROUP_ENTRY_POINTS(detractors, NPS_DETRACTORS)
