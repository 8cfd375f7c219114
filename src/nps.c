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

PG_FUNCTION_INFO_V1(nps_trans_int2);
PG_FUNCTION_INFO_V1(nps_trans_int4);
PG_FUNCTION_INFO_V1(nps_trans_int8);
PG_FUNCTION_INFO_V1(nps_trans_numeric);
PG_FUNCTION_INFO_V1(nps_trans_float8);
PG_FUNCTION_INFO_V1(nps_inverse_int2);
PG_FUNCTION_INFO_V1(nps_inverse_int4);
PG_FUNCTION_INFO_V1(nps_inverse_int8);
PG_FUNCTION_INFO_V1(nps_inverse_numeric);
PG_FUNCTION_INFO_V1(nps_inverse_float8);

/* ---------- nps(): fixed 0..10 scale, strict ---------- */

static pg_attribute_always_inline Datum
nps_step(FunctionCallInfo fcinfo, int64 score, bool add)
{
	ScoreSummary *state = counts_state(fcinfo);

	check_score(state, score);
	if (add)
		add_score(state, score);
	else
		remove_score(state, score);
	return updated_state(fcinfo, state);
}

Datum
nps_trans_int2(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT16(1), true);
}

Datum
nps_trans_int4(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT32(1), true);
}

Datum
nps_trans_int8(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT64(1), true);
}

Datum
nps_trans_numeric(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	add_score(state, numeric_score(state, PG_GETARG_NUMERIC(1)));
	return updated_state(fcinfo, state);
}

Datum
nps_trans_float8(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	add_score(state, float8_score(state, PG_GETARG_FLOAT8(1)));
	return updated_state(fcinfo, state);
}

Datum
nps_inverse_int2(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT16(1), false);
}

Datum
nps_inverse_int4(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT32(1), false);
}

Datum
nps_inverse_int8(PG_FUNCTION_ARGS)
{
	return nps_step(fcinfo, PG_GETARG_INT64(1), false);
}

Datum
nps_inverse_numeric(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	remove_score(state, numeric_score(state, PG_GETARG_NUMERIC(1)));
	return updated_state(fcinfo, state);
}

Datum
nps_inverse_float8(PG_FUNCTION_ARGS)
{
	ScoreSummary *state = counts_state(fcinfo);

	remove_score(state, float8_score(state, PG_GETARG_FLOAT8(1)));
	return updated_state(fcinfo, state);
}
