/*
 * nps.c
 *		NPS: the transition and inverse transition functions of nps(),
 *		promoters(), passives(), detractors() and nps_agg().
 *
 * The scale is fixed (0..10) and the functions are strict: PostgreSQL
 * skips a NULL score before calling them.  Every score type has its own
 * entry point so that no cast runs per row; the state is updated in place
 * (score_args.h).
 */
#include "postgres.h"

#include "score_args.h"

/* ---------- nps(): fixed 0..10 scale, strict ---------- */

static pg_attribute_always_inline Datum
nps_step(FunctionCallInfo fcinfo, ScoreType type, bool add)
{
	ScoreSummary *state = counts_state(fcinfo);
	int64		score = score_of(fcinfo, state, type);

	if (add)
		add_score(state, score);
	else
		remove_score(state, score);
	return updated_state(fcinfo, state);
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
