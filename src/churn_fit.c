/*
 * churn_fit.c
 *		churn_fit(training text, features text[], penalty, max_iterations):
 *		a logistic regression of churn on churn features, fitted by Newton's
 *		method (iteratively reweighted least squares), one churn_fit_pass()
 *		aggregate query over the training rows per step (docs/metrics.md).
 *
 * With L2 penalty lambda on the feature coefficients (not the intercept),
 * each step maximizes  l(b) - lambda/2 |b|^2:
 *
 *	 b' = b + (X'WX + lambda P)^-1 (X'(y - p) - lambda P b)
 *
 * P being the identity without its intercept entry.  It stops when the
 * penalized log-likelihood changes by at most FIT_TOLERANCE * (|l| + 0.1),
 * R's glm() criterion on the deviance, or after max_iterations steps.  The
 * standard errors are the square roots of the diagonal of the inverse of
 * X'WX + lambda P at the last pass, as glm() reports them.
 */
#include "postgres.h"

#include "churn_fit.h"
#include "cholesky.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(churn_fit);

#define FIT_TOLERANCE			1e-10
#define FIT_MAX_ITERATIONS		1000
/* events (or non-events) per feature below which coefficients are unstable */
#define FIT_EVENTS_PER_FEATURE	10

/* The features to fit: the array's, in its order, or the default set. */
static void
set_features(ChurnModel *model, ArrayType *names)
{
	Datum	   *elements;
	bool	   *nulls;
	int			count;

	if (names == NULL)
	{
		for (int f = 0; f < CHURN_DEFAULT_FEATURES; f++)
			model->feature[model->features++] = f;
		return;
	}
	deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &elements, &nulls, &count);
	if (count < 1 || count > CHURN_FEATURE_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit features must name 1 to %d features", CHURN_FEATURE_COUNT),
				 errdetail("The array has %d elements.", count)));
	for (int i = 0; i < count; i++)
	{
		char	   *name = nulls[i] ? "NULL" : TextDatumGetCString(elements[i]);
		int			f = nulls[i] ? -1 : churn_feature_by_name(name);

		for (int j = 0; j < i && f >= 0; j++)
			if (model->feature[j] == f)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("churn_fit feature \"%s\" is named twice", name)));
		if (f < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("churn_fit feature \"%s\" is unknown", name),
					 errhint("The features are dissatisfaction, detractor, decline, silence, engagement, effort, satisfaction and heuristic.")));
		model->feature[model->features++] = f;
	}
}

static void
check_options(double penalty, int32 max_iterations)
{
	if (!(penalty >= 0.0) || !isfinite(penalty))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit penalty %g is out of range", penalty),
				 errdetail("The penalty is a finite number, 0 or more.")));
	if (max_iterations < 1 || max_iterations > FIT_MAX_ITERATIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit max_iterations %d is out of range", max_iterations),
				 errdetail("max_iterations is an integer from 1 to %d.", FIT_MAX_ITERATIONS)));
}

/* "(type, type, ...)" of a query's columns, for messages */
static char *
column_types(TupleDesc desc)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	for (int i = 0; i < desc->natts; i++)
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "",
						 format_type_be(TupleDescAttr(desc, i)->atttypid));
	appendStringInfoChar(&buf, ')');
	return buf.data;
}

/* The training query must return (churn_state, boolean). */
static void
check_training_shape(const char *training, Oid state_type)
{
	TupleDesc	desc;

	if (SPI_execute(psprintf("SELECT * FROM (%s\n) AS training LIMIT 0", training), true, 0)
		!= SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit training must be a query that returns rows")));
	desc = SPI_tuptable->tupdesc;
	if (desc->natts != 2 ||
		TupleDescAttr(desc, 0)->atttypid != state_type ||
		TupleDescAttr(desc, 1)->atttypid != BOOLOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("churn_fit training query must return two columns, (churn_state, boolean)"),
				 errdetail("It returns %s.", column_types(desc)),
				 errhint("Select churn_agg(score, responded_at, as_of) per customer and whether they churned.")));
}

/* One pass at the model's coefficients; false when no row counted. */
static bool
run_pass(SPIPlanPtr plan, const ChurnModel *model, FitSums *sums)
{
	Datum		argument = PointerGetDatum(model);
	bool		isnull;
	Datum		result;
	bytea	   *data;

	if (SPI_execute_plan(plan, &argument, NULL, true, 0) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "churn_fit pass returned %d rows", (int) SPI_processed);
	result = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
	{
		SPI_freetuptable(SPI_tuptable);
		return false;
	}
	data = DatumGetByteaPP(result);
	if (VARSIZE_ANY_EXHDR(data) != sizeof(FitSums))
		elog(ERROR, "churn_fit pass returned %d bytes, not %d",
			 (int) VARSIZE_ANY_EXHDR(data), (int) sizeof(FitSums));
	memcpy(sums, VARDATA_ANY(data), sizeof(FitSums));
	SPI_freetuptable(SPI_tuptable);
	return sums->n > 0;
}

/* After the first pass: are these rows something a model can be fitted on? */
static void
check_training(const FitSums *sums, const ChurnModel *model)
{
	if (sums->events == 0 || sums->events == sums->n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit needs churned and retained customers"),
				 errdetail("All " INT64_FORMAT " training rows have churned = %s.",
						   sums->n, sums->events ? "true" : "false")));
	for (int i = 0; i < model->features; i++)
		if (sums->min[i] == sums->max[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("churn_fit feature \"%s\" is constant", churn_feature_name(model->feature[i])),
					 errdetail("It is %g in every training row, so its effect cannot be estimated.",
							   sums->min[i]),
					 errhint("Leave it out of features.")));
	if (Min(sums->events, sums->n - sums->events) < FIT_EVENTS_PER_FEATURE * model->features)
		ereport(WARNING,
				(errmsg("churn_fit has " INT64_FORMAT " churned and " INT64_FORMAT " retained customers for %d features",
						sums->events, sums->n - sums->events, model->features),
				 errdetail("With fewer than %d of each per feature the coefficients are unstable.",
						   FIT_EVENTS_PER_FEATURE)));
}

/*
 * Every pass must read the rows the first one read: the features' means
 * are taken on the first pass only, and Newton's method needs one function.
 */
static void
check_same_rows(const FitSums *first, const FitSums *sums, int iteration)
{
	if (iteration == 1 || (sums->n == first->n && sums->events == first->events))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("churn_fit training query returned different rows on iteration %d", iteration),
			 errdetail("The first pass read " INT64_FORMAT " rows, " INT64_FORMAT " of them churned; pass %d read " INT64_FORMAT ", " INT64_FORMAT " churned.",
					   first->n, first->events, iteration, sums->n, sums->events),
			 errhint("The query runs once per iteration and must return the same rows each time: leave out random(), TABLESAMPLE without REPEATABLE, and LIMIT without ORDER BY.")));
}

static double
penalized(const FitSums *sums, const ChurnModel *model)
{
	double		squares = 0.0;

	for (int i = 1; i < sums->terms; i++)
		squares += model->coefficient[i] * model->coefficient[i];
	return sums->log_likelihood - model->penalty / 2.0 * squares;
}

/* One Newton step from the pass's sums: new coefficients, standard errors. */
static void
newton_step(const FitSums *sums, ChurnModel *model)
{
	int			terms = sums->terms;
	double		matrix[CHURN_MAX_TERMS * CHURN_MAX_TERMS];
	double		step[CHURN_MAX_TERMS];
	double		variance[CHURN_MAX_TERMS];
	const double *cell = sums->information;	/* packed upper triangle */

	for (int i = 0; i < terms; i++)
	{
		for (int j = i; j < terms; j++, cell++)
			matrix[i * terms + j] = matrix[j * terms + i] = *cell;
		step[i] = sums->score[i];
		if (i > 0)
		{
			matrix[i * terms + i] += model->penalty;
			step[i] -= model->penalty * model->coefficient[i];
		}
	}
	if (!cholesky_factor(matrix, terms))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit features are collinear"),
				 errdetail("One feature is (almost) a linear combination of the others in the training rows."),
				 errhint("Leave one of them out of features, or use a penalty greater than 0.")));
	cholesky_solve(matrix, terms, step);
	cholesky_inverse_diagonal(matrix, terms, variance);
	for (int i = 0; i < terms; i++)
	{
		model->coefficient[i] += step[i];
		model->std_error[i] = sqrt(variance[i]);
	}
	model->n = sums->n;
	model->events = sums->events;
	model->log_likelihood = sums->log_likelihood;
}

static void
check_result(const FitSums *sums, ChurnModel *model)
{
	for (int i = 0; i < sums->terms; i++)
		if (!isfinite(model->coefficient[i]) || !isfinite(model->std_error[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("churn_fit diverged"),
					 errhint("Use a penalty greater than 0.")));
	if (model->penalty == 0.0 && sums->extreme > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn_fit found separation: " INT64_FORMAT " training rows have a fitted churn probability of 0 or 1",
						sums->extreme),
				 errdetail("Some feature values tell churned from retained customers perfectly, so the unpenalized coefficients grow without bound."),
				 errhint("Use a penalty greater than 0 (the default is 1), or leave out the feature that separates them.")));
	if (!model->converged)
		ereport(WARNING,
				(errmsg("churn_fit did not converge in %d iterations", model->iterations),
				 errhint("Raise max_iterations, or use a larger penalty.")));
}

/* x + 0 turns -0 into 0 and leaves every other double as it is. */
static void
without_negative_zero(ChurnModel *model)
{
	for (int i = 0; i < CHURN_MAX_TERMS; i++)
	{
		model->coefficient[i] += 0.0;
		model->std_error[i] += 0.0;
	}
	for (int i = 0; i < CHURN_FEATURE_COUNT; i++)
		model->mean[i] += 0.0;
	model->log_likelihood += 0.0;
	model->penalty += 0.0;
}

static SPIPlanPtr
prepare_pass(const char *training, Oid namespace, Oid model_type)
{
	char	   *query = psprintf("SELECT %s.churn_fit_pass(training.features, training.churned, $1) "
								 "FROM (%s\n) AS training(features, churned)",
								 quote_identifier(get_namespace_name(namespace)), training);
	SPIPlanPtr	plan = SPI_prepare_cursor(query, 1, &model_type, CURSOR_OPT_PARALLEL_OK);

	if (plan == NULL)
		elog(ERROR, "churn_fit could not prepare its pass: %s", SPI_result_code_string(SPI_result));
	return plan;
}

static void
fit(const char *training, Oid namespace, ChurnModel *model, int32 max_iterations)
{
	Oid			state_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
											 CStringGetDatum("churn_state"),
											 ObjectIdGetDatum(namespace));
	Oid			model_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
											 CStringGetDatum("churn_model"),
											 ObjectIdGetDatum(namespace));
	SPIPlanPtr	plan;
	FitSums		sums;
	FitSums		first = {0};
	double		previous = 0.0;

	check_training_shape(training, state_type);
	plan = prepare_pass(training, namespace, model_type);
	for (int iteration = 1;; iteration++)
	{
		double		objective;

		if (!run_pass(plan, model, &sums))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("churn_fit training query returned no rows with features and an outcome")));
		if (iteration == 1)
		{
			check_training(&sums, model);
			for (int i = 0; i < model->features; i++)
				model->mean[i] = sums.sum[i] / (double) sums.n;
			first = sums;
		}
		check_same_rows(&first, &sums, iteration);
		objective = penalized(&sums, model);
		newton_step(&sums, model);
		model->iterations = iteration;
		if (iteration > 1 &&
			fabs(objective - previous) <= FIT_TOLERANCE * (fabs(objective) + 0.1))
			model->converged = 1;
		if (model->converged || iteration == max_iterations)
			break;
		previous = objective;
	}
	check_result(&sums, model);
	without_negative_zero(model);
}

Datum
churn_fit(PG_FUNCTION_ARGS)
{
	ChurnModel *model = churn_model_new();
	int32		max_iterations;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("churn_fit training, penalty and max_iterations must not be null")));
	set_features(model, PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1));
	model->penalty = PG_GETARG_FLOAT8(2);
	max_iterations = PG_GETARG_INT32(3);
	check_options(model->penalty, max_iterations);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "churn_fit could not connect to SPI");
	fit(text_to_cstring(PG_GETARG_TEXT_PP(0)), get_func_namespace(fcinfo->flinfo->fn_oid),
		model, max_iterations);
	SPI_finish();
	PG_RETURN_POINTER(model);
}
