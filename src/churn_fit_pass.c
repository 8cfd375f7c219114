/*
 * churn_fit_pass.c
 *		churn_fit_pass(features churn_state, churned boolean, model
 *		churn_model): the aggregate churn_fit() runs once per Newton step.
 *
 * For the model's current coefficients b it sums over the training rows,
 * with x = (1, features) and p = 1 / (1 + exp(-b'x)):
 *
 *	 information  X'WX = sum of p (1 - p) x x'
 *	 score		  X'(y - p) = sum of (y - p) x
 *	 log-likelihood  sum of y b'x - log(1 + exp(b'x))
 *
 * and the count, events, sum, minimum and maximum of each feature.  Sums
 * merge by addition, so the pass runs in parallel workers (serialized as
 * bytea) like any other aggregate; the result is the FitSums as bytea, which
 * only churn_fit() reads.  A row whose features or outcome is NULL is
 * skipped, as avg() skips NULLs.
 */
#include "postgres.h"

#include "churn_fit.h"
#include "aggregate_state.h"

#include <math.h>

PG_FUNCTION_INFO_V1(churn_fit_pass_trans);
PG_FUNCTION_INFO_V1(churn_fit_pass_combine);
PG_FUNCTION_INFO_V1(churn_fit_pass_serialize);
PG_FUNCTION_INFO_V1(churn_fit_pass_deserialize);

/* Fitted probabilities this close to 0 or 1 mean (quasi-)separation. */
#define FIT_EXTREME_EPSILON		1e-12

static FitSums *
new_sums(MemoryContext context, int terms)
{
	FitSums    *sums = MemoryContextAllocZero(context, sizeof(FitSums));

	sums->terms = terms;
	sums->unlogged = 1.0;
	for (int i = 0; i < CHURN_FEATURE_COUNT; i++)
	{
		sums->min[i] = INFINITY;
		sums->max[i] = -INFINITY;
	}
	return sums;
}

/* Moves the log of the pending product into the log-likelihood. */
static void
settle_log(FitSums *sums)
{
	sums->log_likelihood -= log(sums->unlogged);
	sums->unlogged = 1.0;
}

static void
add_row(FitSums *sums, const ChurnModel *model, const double *x, bool churned)
{
	int			terms = sums->terms;
	double		eta = 0.0;
	double		e, p, w, residual;

	for (int i = 0; i < terms; i++)
		eta += model->coefficient[i] * x[i];

	/*
	 * One exp() serves the probability and log(1 + exp(eta)), both without
	 * overflow: e = exp(-|eta|) <= 1.  The row's log-likelihood is
	 * y eta - max(eta, 0) - log(1 + e); the logs are taken of a running
	 * product of the (1 + e), each in (1, 2], once it passes 1e300 (at least
	 * 996 rows) and when the sums are merged or read (settle_log): one log()
	 * per thousand rows, with an absolute error of about 1e-13 per block,
	 * far below what the convergence test looks at.
	 */
	e = exp(-fabs(eta));
	p = eta >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
	w = p * (1.0 - p);
	residual = (churned ? 1.0 : 0.0) - p;
	sums->log_likelihood += (churned ? eta : 0.0) - Max(eta, 0.0);
	sums->unlogged *= 1.0 + e;
	if (sums->unlogged > 1e300)
		settle_log(sums);
	if (p < FIT_EXTREME_EPSILON || p > 1.0 - FIT_EXTREME_EPSILON)
		sums->extreme++;
	{
		double	   *cell = sums->information;	/* the packed upper triangle */

		for (int i = 0; i < terms; i++)
		{
			double		wx = w * x[i];

			for (int j = i; j < terms; j++)
				*cell++ += wx * x[j];
			sums->score[i] += residual * x[i];
		}
	}
	for (int i = 1; i < terms; i++)
	{
		sums->sum[i - 1] += x[i];
		sums->min[i - 1] = Min(sums->min[i - 1], x[i]);
		sums->max[i - 1] = Max(sums->max[i - 1], x[i]);
	}
	sums->n++;
	sums->events += churned ? 1 : 0;
}

Datum
churn_fit_pass_trans(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_fit_pass_trans");
	FitSums    *sums = PG_ARGISNULL(0) ? NULL : (FitSums *) PG_GETARG_POINTER(0);
	ChurnModel *model;
	ChurnFacts	facts;
	double		x[CHURN_MAX_TERMS];

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("churn_fit_pass model must not be null")));
	model = PG_GETARG_CHURN_MODEL(3);
	if (sums == NULL)
		sums = new_sums(context, model->features + 1);
	else if (sums->terms != model->features + 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit_pass model must be the same for every row of a group")));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(sums);
	churn_compute_facts(PG_GETARG_CHURN(1), &facts);
	churn_model_require(model, &facts, "churn_fit");
	x[0] = 1.0;
	for (int i = 0; i < model->features; i++)
		x[i + 1] = facts.value[model->feature[i]];
	add_row(sums, model, x, PG_GETARG_BOOL(2));
	PG_RETURN_POINTER(sums);
}

Datum
churn_fit_pass_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_fit_pass_combine");
	FitSums    *a = PG_ARGISNULL(0) ? NULL : (FitSums *) PG_GETARG_POINTER(0);
	FitSums    *b = PG_ARGISNULL(1) ? NULL : (FitSums *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = new_sums(context, b->terms);
		memcpy(a, b, sizeof(FitSums));
		PG_RETURN_POINTER(a);
	}
	if (a->terms != b->terms)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine churn_fit_pass states of models with different features")));
	settle_log(a);
	a->n += b->n;
	a->events += b->events;
	a->extreme += b->extreme;
	a->log_likelihood += b->log_likelihood - log(b->unlogged);	/* b stays as it is */
	for (int i = 0; i < (int) lengthof(a->information); i++)
		a->information[i] += b->information[i];
	for (int i = 0; i < CHURN_MAX_TERMS; i++)
		a->score[i] += b->score[i];
	for (int i = 0; i < CHURN_FEATURE_COUNT; i++)
	{
		a->sum[i] += b->sum[i];
		a->min[i] = Min(a->min[i], b->min[i]);
		a->max[i] = Max(a->max[i], b->max[i]);
	}
	PG_RETURN_POINTER(a);
}

/* Also the final function: churn_fit() reads the sums as bytea. */
Datum
churn_fit_pass_serialize(PG_FUNCTION_ARGS)
{
	FitSums    *sums;
	bytea	   *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	sums = (FitSums *) PG_GETARG_POINTER(0);
	settle_log(sums);
	result = palloc(VARHDRSZ + sizeof(FitSums));
	SET_VARSIZE(result, VARHDRSZ + sizeof(FitSums));
	memcpy(VARDATA(result), sums, sizeof(FitSums));
	PG_RETURN_BYTEA_P(result);
}

Datum
churn_fit_pass_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_fit_pass_deserialize");
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	FitSums    *sums;

	if (VARSIZE_ANY_EXHDR(data) != sizeof(FitSums) ||
		((const FitSums *) VARDATA_ANY(data))->terms < 2 ||
		((const FitSums *) VARDATA_ANY(data))->terms > CHURN_MAX_TERMS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid churn_fit_pass state"),
				 errdetail("The state has the wrong size or number of terms.")));
	sums = MemoryContextAlloc(context, sizeof(FitSums));
	memcpy(sums, VARDATA_ANY(data), sizeof(FitSums));
	PG_RETURN_POINTER(sums);
}
