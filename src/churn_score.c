/*
 * churn_score.c
 *		A fitted model's churn probability for a customer:
 *		churn_risk(churn_state, churn_model) and the aggregate
 *		churn_risk(score, responded_at, as_of, model).
 *
 * The aggregate's state is the customer's ChurnState next to a copy of the
 * model (internal, fixed size, serialized as bytea for parallel workers);
 * every row must pass the same model.
 */
#include "postgres.h"

#include "churn.h"
#include "aggregate_state.h"
#include "churn_model.h"

#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(churn_risk_model);
PG_FUNCTION_INFO_V1(churn_score_trans);
PG_FUNCTION_INFO_V1(churn_score_combine);
PG_FUNCTION_INFO_V1(churn_score_serialize);
PG_FUNCTION_INFO_V1(churn_score_deserialize);
PG_FUNCTION_INFO_V1(churn_score_final);

typedef struct ChurnScoring
{
	ChurnState	state;
	ChurnModel	model;
} ChurnScoring;

static double
probability(const ChurnState *state, const ChurnModel *model)
{
	ChurnFacts	facts;

	churn_compute_facts(state, &facts);
	churn_model_require(model, &facts, "churn_risk");
	return churn_model_probability(model, &facts);
}

/* churn_risk(churn_state, churn_model): NULL for a state without responses */
Datum
churn_risk_model(PG_FUNCTION_ARGS)
{
	ChurnState *state = PG_GETARG_CHURN(0);

	if (state->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(probability(state, PG_GETARG_CHURN_MODEL(1)));
}

static void
check_same_model(const ChurnModel *a, const ChurnModel *b)
{
	if (memcmp(a, b, CHURN_MODEL_SIZE) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_risk model must be the same for every row of a group")));
}

Datum
churn_score_trans(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_risk state function");
	ChurnScoring *scoring = PG_ARGISNULL(0) ? NULL : (ChurnScoring *) PG_GETARG_POINTER(0);
	ChurnModel *model;

	if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("churn_risk as_of and model must not be null")));
	model = PG_GETARG_CHURN_MODEL(4);
	if (scoring == NULL)
	{
		ChurnState *empty = churn_state_new();

		scoring = MemoryContextAllocZero(context, sizeof(ChurnScoring));
		memcpy(&scoring->state, empty, CHURN_STATE_SIZE);
		memcpy(&scoring->model, model, CHURN_MODEL_SIZE);
	}
	else
		check_same_model(&scoring->model, model);
	churn_fix_as_of(fcinfo, &scoring->state, PG_GETARG_TIMESTAMPTZ(3));
	churn_add_response(fcinfo, &scoring->state, scoring->state.as_of,
					   PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
					   PG_ARGISNULL(2), PG_ARGISNULL(2) ? 0 : PG_GETARG_TIMESTAMPTZ(2));
	PG_RETURN_POINTER(scoring);
}

Datum
churn_score_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_risk state function");
	ChurnScoring *a = PG_ARGISNULL(0) ? NULL : (ChurnScoring *) PG_GETARG_POINTER(0);
	ChurnScoring *b = PG_ARGISNULL(1) ? NULL : (ChurnScoring *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = MemoryContextAlloc(context, sizeof(ChurnScoring));
		memcpy(a, b, sizeof(ChurnScoring));
		PG_RETURN_POINTER(a);
	}
	check_same_model(&a->model, &b->model);
	churn_state_merge(fcinfo, &a->state, &b->state);
	PG_RETURN_POINTER(a);
}

Datum
churn_score_serialize(PG_FUNCTION_ARGS)
{
	ChurnScoring *scoring = (ChurnScoring *) PG_GETARG_POINTER(0);
	bytea	   *result = palloc(VARHDRSZ + sizeof(ChurnScoring));

	SET_VARSIZE(result, VARHDRSZ + sizeof(ChurnScoring));
	memcpy(VARDATA(result), scoring, sizeof(ChurnScoring));
	PG_RETURN_BYTEA_P(result);
}

/* Only the executor passes these bytes; they are still checked. */
Datum
churn_score_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_risk state function");
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	ChurnScoring *scoring;

	if (VARSIZE_ANY_EXHDR(data) != sizeof(ChurnScoring))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid churn_risk state"),
				 errdetail("The state has the wrong size.")));
	scoring = MemoryContextAlloc(context, sizeof(ChurnScoring));
	memcpy(scoring, VARDATA_ANY(data), sizeof(ChurnScoring));
	if (churn_state_problem(&scoring->state) || churn_model_problem(&scoring->model))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid churn_risk state"),
				 errdetail("The state or the model in it is inconsistent.")));
	PG_RETURN_POINTER(scoring);
}

Datum
churn_score_final(PG_FUNCTION_ARGS)
{
	ChurnScoring *scoring;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	scoring = (ChurnScoring *) PG_GETARG_POINTER(0);
	if (scoring->state.responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(probability(&scoring->state, &scoring->model));
}
