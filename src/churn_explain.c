/*
 * churn_explain.c
 *		Reading a churn model: coefficients(churn_model), one row per term
 *		with its Wald test, and churn_explain(churn_state, churn_model), one
 *		row per feature with its contribution to this customer's log-odds.
 *
 * The contribution of feature i is coefficient_i * (value_i - mean_i), the
 * mean being the training mean: for a linear model that is the exact
 * Shapley value of the feature (docs/metrics.md), so the contributions add
 * up to the customer's log-odds minus those of the average training row.
 */
#include "postgres.h"

#include "churn_model.h"
#include "stats_math.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(coefficients);
PG_FUNCTION_INFO_V1(churn_explain);

#define MAX_COLUMNS 5

/* One result row, built on the first call. */
typedef struct ResultRow
{
	Datum		values[MAX_COLUMNS];
	bool		nulls[MAX_COLUMNS];
	int			order;			/* position in the model, for ties */
} ResultRow;

typedef struct ResultRows
{
	int			count;
	ResultRow	row[CHURN_MAX_TERMS];
} ResultRows;

/* Hands out the rows of a value-per-call set-returning function. */
static Datum
next_row(FunctionCallInfo fcinfo, FuncCallContext *context)
{
	ResultRows *rows = (ResultRows *) context->user_fctx;

	if (context->call_cntr < (uint64) rows->count)
	{
		ResultRow  *row = &rows->row[context->call_cntr];
		HeapTuple	tuple = heap_form_tuple(context->tuple_desc, row->values, row->nulls);

		SRF_RETURN_NEXT(context, HeapTupleGetDatum(tuple));
	}
	SRF_RETURN_DONE(context);
}

static FuncCallContext *
first_call(FunctionCallInfo fcinfo)
{
	FuncCallContext *context = SRF_FIRSTCALL_INIT();
	MemoryContext old = MemoryContextSwitchTo(context->multi_call_memory_ctx);
	TupleDesc	desc;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	context->tuple_desc = BlessTupleDesc(desc);
	context->user_fctx = palloc0(sizeof(ResultRows));
	MemoryContextSwitchTo(old);
	return context;
}

static const char *
term_name(const ChurnModel *model, int term)
{
	return term == 0 ? "intercept" : churn_feature_name(model->feature[term - 1]);
}

/* coefficients(model): (feature, coefficient, std_error, z, p_value) */
Datum
coefficients(PG_FUNCTION_ARGS)
{
	FuncCallContext *context;

	if (SRF_IS_FIRSTCALL())
	{
		ChurnModel *model = PG_GETARG_CHURN_MODEL(0);
		MemoryContext old;
		ResultRows *rows;

		context = first_call(fcinfo);
		old = MemoryContextSwitchTo(context->multi_call_memory_ctx);
		rows = (ResultRows *) context->user_fctx;
		for (int t = 0; t <= model->features; t++)
		{
			ResultRow  *row = &rows->row[rows->count++];
			double		se = model->std_error[t];
			double		z = model->coefficient[t] / se;

			row->values[0] = CStringGetTextDatum(term_name(model, t));
			row->values[1] = Float8GetDatum(model->coefficient[t]);
			row->values[2] = Float8GetDatum(se);
			row->values[3] = Float8GetDatum(z);
			/* two-sided, from the lower tail so that tiny p-values keep their digits */
			row->values[4] = Float8GetDatum(2.0 * normal_cdf(-fabs(z)));
			row->nulls[3] = row->nulls[4] = !(se > 0.0);
		}
		MemoryContextSwitchTo(old);
	}
	context = SRF_PERCALL_SETUP();
	return next_row(fcinfo, context);
}

static int
by_contribution(const void *a, const void *b)
{
	double		x = DatumGetFloat8(((const ResultRow *) a)->values[2]);
	double		y = DatumGetFloat8(((const ResultRow *) b)->values[2]);

	if (x != y)
		return x > y ? -1 : 1;
	return ((const ResultRow *) a)->order - ((const ResultRow *) b)->order;
}

static void
explain_rows(const ChurnState *state, const ChurnModel *model, ResultRows *rows)
{
	ChurnFacts	facts;

	churn_compute_facts(state, &facts);
	churn_model_require(model, &facts, "churn_explain");
	for (int i = 0; i < model->features; i++)
	{
		ChurnFeature f = model->feature[i];
		ResultRow  *row = &rows->row[rows->count++];

		row->order = i;
		row->values[0] = CStringGetTextDatum(churn_feature_name(f));
		row->values[1] = Float8GetDatum(facts.value[f]);
		row->values[2] = Float8GetDatum(model->coefficient[i + 1] *
										(facts.value[f] - model->mean[i]));
		row->values[3] = CStringGetTextDatum(churn_feature_reason(f, &facts));
	}
	/* largest first; equal contributions in the model's order */
	qsort(rows->row, rows->count, sizeof(ResultRow), by_contribution);
}

/* churn_explain(state, model): (feature, value, contribution, reason) */
Datum
churn_explain(PG_FUNCTION_ARGS)
{
	FuncCallContext *context;

	if (SRF_IS_FIRSTCALL())
	{
		ChurnState *state = PG_GETARG_CHURN(0);
		MemoryContext old;

		context = first_call(fcinfo);
		old = MemoryContextSwitchTo(context->multi_call_memory_ctx);
		if (state->responses > 0)
			explain_rows(state, PG_GETARG_CHURN_MODEL(1), (ResultRows *) context->user_fctx);
		MemoryContextSwitchTo(old);
	}
	context = SRF_PERCALL_SETUP();
	return next_row(fcinfo, context);
}
