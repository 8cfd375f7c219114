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
 *
 * Rows are summed in batches (FitPass): each call computes its row's
 * features (the model's only, churn_feature_values()), and every
 * FIT_BATCH_ROWS-th call sums the batch.  A row's work
 * is one long chain (features, exp2() of the silence, b'x, exp(), a
 * division, the products) that the processor cannot overlap with the next
 * row's across the executor's code between calls; within a batch the rows'
 * chains are independent and run side by side.  The rows are summed in
 * their order, so the sums are those of one row at a time.
 */
#include "postgres.h"

#include "churn_fit.h"
#include "aggregate_state.h"

#include <math.h>

#include "nodes/primnodes.h"

PG_FUNCTION_INFO_V1(churn_fit_pass_trans);
PG_FUNCTION_INFO_V1(churn_fit_pass_combine);
PG_FUNCTION_INFO_V1(churn_fit_pass_serialize);
PG_FUNCTION_INFO_V1(churn_fit_pass_deserialize);

/* Fitted probabilities this close to 0 or 1 mean (quasi-)separation. */
#define FIT_EXTREME_EPSILON		1e-12

/* Rows whose features wait to be summed: see the header comment. */
#define FIT_BATCH_ROWS			16

/* The transition state: the sums, the model, a batch. */
typedef struct FitPass
{
	FitSums		sums;
	ChurnModel	model;			/* every row's (checked) */
	int			pending;		/* rows in the batch */
	bool		model_constant; /* a constant or a query parameter */
	bool		churned[FIT_BATCH_ROWS];
	double		x[FIT_BATCH_ROWS][CHURN_MAX_TERMS]; /* 1, then the features */
} FitPass;

/* The planner's estimate of its size, sspace in sql/api.decl, holds it. */
#define FIT_PASS_SSPACE			2120
StaticAssertDecl(sizeof(FitPass) <= FIT_PASS_SSPACE, "sspace of churn_fit_sums");

static FitPass *
new_pass(MemoryContext context, int terms)
{
	FitPass    *pass = MemoryContextAllocZero(context, sizeof(FitPass));
	FitSums    *sums = &pass->sums;

	sums->terms = terms;
	sums->unlogged = 1.0;
	for (int i = 0; i < CHURN_FEATURE_COUNT; i++)
	{
		sums->min[i] = INFINITY;
		sums->max[i] = -INFINITY;
	}
	return pass;
}

/* Moves the log of the pending product into the log-likelihood. */
static void
settle_log(FitSums *sums)
{
	sums->log_likelihood -= log(sums->unlogged);
	sums->unlogged = 1.0;
}

/*
 * Loops of a known count up to CHURN_MAX_TERMS, unrolled: gcc's -O2 unrolls
 * only loops that unrolling makes no bigger, unless asked; clang unrolls
 * short loops of a known count on its own.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 8
#define UNROLLED	_Pragma("GCC unroll 9")
#else
#define UNROLLED
#endif

/*
 * One row at eta = b'x and e = exp(-|eta|), for a number of terms the
 * compiler knows (add_batch_of).  The one exp() serves the probability and
 * log(1 + exp(eta)), both without overflow: e <= 1.  The row's
 * log-likelihood is y eta - max(eta, 0) - log(1 + e); the logs are taken of
 * a running product of the (1 + e), each in (1, 2], once it passes 1e300
 * (at least 996 rows) and when the sums are merged or read (settle_log): one
 * log() per thousand rows, with an absolute error of about 1e-13 per block,
 * far below what the convergence test looks at.  Then X'WX += w x x' (its
 * packed upper triangle) and X'(y - p) += (y - p) x.
 */
static pg_attribute_always_inline void
add_row_of(FitSums *sums, const double *x, bool churned, double eta, double e,
		   const int terms)
{
	double		p = eta >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
	double		w = p * (1.0 - p);
	double		residual = (churned ? 1.0 : 0.0) - p;
	double	   *cell = sums->information;

	sums->log_likelihood += (churned ? eta : 0.0) - Max(eta, 0.0);
	sums->unlogged *= 1.0 + e;
	if (sums->unlogged > 1e300)
		settle_log(sums);
	if (p < FIT_EXTREME_EPSILON || p > 1.0 - FIT_EXTREME_EPSILON)
		sums->extreme++;
	UNROLLED
	for (int i = 0; i < terms; i++)
	{
		double		wx = w * x[i];

		UNROLLED
		for (int j = i; j < terms; j++)
			*cell++ += wx * x[j];
		sums->score[i] += residual * x[i];
	}
	sums->n++;
	sums->events += churned ? 1 : 0;
}

/* The features' sum, minimum and maximum, on the first pass only. */
static void
describe_row(FitSums *sums, const double *x)
{
	for (int i = 1; i < sums->terms; i++)
	{
		sums->sum[i - 1] += x[i];
		sums->min[i - 1] = Min(sums->min[i - 1], x[i]);
		sums->max[i - 1] = Max(sums->max[i - 1], x[i]);
	}
}

/*
 * Sums the batch, in steps that each go over all its rows, so that their
 * independent b'x, exp() and products overlap; the rows in their order, so
 * the sums are those of one row at a time.  For a number of terms the
 * compiler knows, so that each call of it in add_batch() is straight-line
 * code for a row.
 */
static pg_attribute_always_inline void
add_batch_of(FitPass *pass, const int terms)
{
	FitSums    *sums = &pass->sums;
	const double *coefficient = pass->model.coefficient;
	double		eta[FIT_BATCH_ROWS];
	double		e[FIT_BATCH_ROWS];

	for (int r = 0; r < pass->pending; r++)
	{
		eta[r] = 0.0;
		UNROLLED
		for (int i = 0; i < terms; i++)
			eta[r] += coefficient[i] * pass->x[r][i];
	}
	for (int r = 0; r < pass->pending; r++)
		e[r] = exp(-fabs(eta[r]));
	for (int r = 0; r < pass->pending; r++)
	{
		add_row_of(sums, pass->x[r], pass->churned[r], eta[r], e[r], terms);
		if (sums->described)
			describe_row(sums, pass->x[r]);
	}
	pass->pending = 0;
}

static void
add_batch(FitPass *pass)
{
	StaticAssertStmt(CHURN_MAX_TERMS == 9, "one case for each number of terms");
	switch (pass->sums.terms)
	{
		case 2:
			add_batch_of(pass, 2);
			break;
		case 3:
			add_batch_of(pass, 3);
			break;
		case 4:
			add_batch_of(pass, 4);
			break;
		case 5:
			add_batch_of(pass, 5);
			break;
		case 6:
			add_batch_of(pass, 6);
			break;
		case 7:
			add_batch_of(pass, 7);
			break;
		case 8:
			add_batch_of(pass, 8);
			break;
		case 9:
			add_batch_of(pass, 9);
			break;
		default:
			elog(ERROR, "churn_fit_pass has %d terms", pass->sums.terms);
	}
}

/*
 * Whether the aggregate's model argument is a constant or a query parameter
 * (churn_fit() passes it as one), the same on every row.  The Aggref's, as
 * the transition function's own arguments are placeholders for the
 * executor.
 */
static bool
model_is_constant(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	Node	   *model;

	if (aggref == NULL || list_length(aggref->args) != 3)
		return false;
	model = (Node *) ((TargetEntry *) lthird(aggref->args))->expr;
	return IsA(model, Const) ||
		(IsA(model, Param) && ((Param *) model)->paramkind == PARAM_EXTERN);
}

static FitPass *
start_pass(FunctionCallInfo fcinfo, const ChurnModel *model)
{
	/*
	 * Only the first row checks the call context: a non-null internal state
	 * can come from nowhere but the aggregate.
	 */
	FitPass    *pass = new_pass(aggregate_memory_context(fcinfo, "churn_fit_pass_trans"),
								model->features + 1);

	pass->sums.described = model->iterations == 0;
	memcpy(&pass->model, model, CHURN_MODEL_SIZE);
	pass->model_constant = model_is_constant(fcinfo);
	return pass;
}

/*
 * Every row's model must be the first row's: equal models are equal bytes
 * (churn_model.h).  A model that is a constant or a query parameter, as
 * churn_fit() passes it, is the same on every row and is not compared.
 */
static void
check_same_model(const FitPass *pass, FunctionCallInfo fcinfo)
{
	if (pass->model_constant)
		return;
	if (memcmp(&pass->model, PG_GETARG_CHURN_MODEL(3), CHURN_MODEL_SIZE) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit_pass model must be the same for every row of a group")));
}

Datum
churn_fit_pass_trans(PG_FUNCTION_ARGS)
{
	FitPass    *pass = PG_ARGISNULL(0) ? NULL : (FitPass *) PG_GETARG_POINTER(0);
	const ChurnModel *model;
	const ChurnState *state;
	ChurnFacts	facts;
	double	   *x;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("churn_fit_pass model must not be null")));
	if (pass == NULL)
		pass = start_pass(fcinfo, PG_GETARG_CHURN_MODEL(3));
	else
		check_same_model(pass, fcinfo);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(pass);
	model = &pass->model;
	state = PG_GETARG_CHURN(1);
	x = pass->x[pass->pending];
	x[0] = 1.0;
	if (!churn_feature_values(state, model->feature, model->features, x + 1))
	{
		churn_compute_facts(state, &facts);
		churn_model_require(model, &facts, "churn_fit");	/* reports which */
		elog(ERROR, "churn_fit_pass found a feature missing that churn_model_require did not");
	}
	pass->churned[pass->pending] = PG_GETARG_BOOL(2);
	if (++pass->pending == FIT_BATCH_ROWS)
		add_batch(pass);
	PG_RETURN_POINTER(pass);
}

/*
 * PostgreSQL serializes every partial state before combining it, and
 * serializing sums the batch: the second state has none.  Should one come
 * straight from the transition function, its batch is summed in a copy, as
 * the second state must be left as it is.
 */
Datum
churn_fit_pass_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_fit_pass_combine");
	FitPass    *a = PG_ARGISNULL(0) ? NULL : (FitPass *) PG_GETARG_POINTER(0);
	FitPass    *b = PG_ARGISNULL(1) ? NULL : (FitPass *) PG_GETARG_POINTER(1);
	FitPass		summed;
	FitSums    *sa;
	const FitSums *sb;

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = MemoryContextAlloc(context, sizeof(FitPass));
		memcpy(a, b, sizeof(FitPass));
		PG_RETURN_POINTER(a);
	}
	if (a->sums.terms != b->sums.terms || a->sums.described != b->sums.described)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine churn_fit_pass states of different models")));
	if (b->pending > 0)
	{
		memcpy(&summed, b, sizeof(FitPass));
		add_batch(&summed);
		b = &summed;
	}
	sa = &a->sums;
	sb = &b->sums;
	settle_log(sa);
	sa->n += sb->n;
	sa->events += sb->events;
	sa->extreme += sb->extreme;
	sa->log_likelihood += sb->log_likelihood - log(sb->unlogged);
	for (int i = 0; i < (int) lengthof(sa->information); i++)
		sa->information[i] += sb->information[i];
	for (int i = 0; i < CHURN_MAX_TERMS; i++)
		sa->score[i] += sb->score[i];
	for (int i = 0; i < CHURN_FEATURE_COUNT; i++)
	{
		sa->sum[i] += sb->sum[i];
		sa->min[i] = Min(sa->min[i], sb->min[i]);
		sa->max[i] = Max(sa->max[i], sb->max[i]);
	}
	PG_RETURN_POINTER(a);
}

/*
 * Also the final function: churn_fit() reads the sums as bytea.  Summing the
 * batch and settling the log change how the state holds its sums, not what
 * they are, so a transition after it goes on as before.
 */
Datum
churn_fit_pass_serialize(PG_FUNCTION_ARGS)
{
	FitPass    *pass;
	bytea	   *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	pass = (FitPass *) PG_GETARG_POINTER(0);
	add_batch(pass);
	settle_log(&pass->sums);
	result = palloc(VARHDRSZ + sizeof(FitSums));
	SET_VARSIZE(result, VARHDRSZ + sizeof(FitSums));
	memcpy(VARDATA(result), &pass->sums, sizeof(FitSums));
	PG_RETURN_BYTEA_P(result);
}

/* A state with the sums only: only combine and serialize read it. */
Datum
churn_fit_pass_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_fit_pass_deserialize");
	bytea	   *data = PG_GETARG_BYTEA_PP(0);
	FitPass    *pass = MemoryContextAllocZero(context, sizeof(FitPass));
	FitSums    *sums = &pass->sums;

	if (VARSIZE_ANY_EXHDR(data) == sizeof(FitSums))
		memcpy(sums, VARDATA_ANY(data), sizeof(FitSums));	/* aligns it */
	if (VARSIZE_ANY_EXHDR(data) != sizeof(FitSums) ||
		sums->terms < 2 || sums->terms > CHURN_MAX_TERMS ||
		(sums->described != 0 && sums->described != 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid churn_fit_pass state"),
				 errdetail("The state has the wrong size, number of terms or \"described\" flag.")));
	PG_RETURN_POINTER(pass);
}
