/*
 * churn_model.c
 *		The churn_model value: a new empty model, the consistency check every
 *		input path applies, and the model's log-odds and probability for one
 *		customer's features.
 */
#include "postgres.h"

#include "churn_model.h"

#include <math.h>

ChurnModel *
churn_model_new(void)
{
	ChurnModel *model = palloc0(CHURN_MODEL_SIZE);

	SET_VARSIZE(model, CHURN_MODEL_SIZE);
	model->version = CHURN_MODEL_VERSION;
	return model;
}

/* Finite and not -0 (churn_fit never writes -0, and text reads it as 0). */
static bool
all_finite(const double *values, int count)
{
	for (int i = 0; i < count; i++)
		if (!isfinite(values[i]) || (values[i] == 0.0 && signbit(values[i])))
			return false;
	return true;
}

static bool
all_zero(const double *values, int from, int to)
{
	for (int i = from; i < to; i++)
		if (values[i] != 0.0 || signbit(values[i]))
			return false;
	return true;
}

/* The feature list: known, distinct features, unused slots zero. */
static const char *
features_problem(const ChurnModel *model)
{
	bool		seen[CHURN_FEATURE_COUNT] = {0};

	if (model->features < 1 || model->features > CHURN_FEATURE_COUNT)
		return "A model has 1 to 8 features.";
	for (int i = 0; i < CHURN_FEATURE_COUNT; i++)
	{
		int			f = model->feature[i];

		if (i >= model->features)
		{
			if (f != 0)
				return "The unused feature slots must be zero.";
			continue;
		}
		if (f >= CHURN_FEATURE_COUNT || seen[f])
			return "The features must be distinct known features.";
		seen[f] = true;
	}
	return NULL;
}

static const char *
numbers_problem(const ChurnModel *model)
{
	int			terms = model->features + 1;

	if (!all_finite(model->coefficient, terms) || !all_finite(model->std_error, terms) ||
		!all_finite(model->mean, model->features))
		return "Coefficients, standard errors and means must be finite (and not -0).";
	for (int i = 0; i < terms; i++)
		if (model->std_error[i] < 0.0)
			return "Standard errors must not be negative.";
	if (!all_zero(model->coefficient, terms, CHURN_MAX_TERMS) ||
		!all_zero(model->std_error, terms, CHURN_MAX_TERMS) ||
		!all_zero(model->mean, model->features, CHURN_FEATURE_COUNT))
		return "The unused slots must be zero.";
	if (!all_finite(&model->log_likelihood, 1) || model->log_likelihood > 0.0)
		return "log_likelihood must be finite and not positive (and not -0).";
	if (!all_finite(&model->penalty, 1) || model->penalty < 0.0)
		return "penalty must be finite and not negative (and not -0).";
	return NULL;
}

/* NULL when consistent, else a sentence for errdetail. */
const char *
churn_model_problem(const ChurnModel *model)
{
	const char *problem;

	if (VARSIZE(model) != CHURN_MODEL_SIZE)
		return "The value has the wrong size.";
	if (model->version != CHURN_MODEL_VERSION)
		return "The format version is not supported by this build of nps_ext.";
	if (model->converged > 1 || model->padding != 0 || model->padding2 != 0)
		return "The flags are invalid.";
	if (model->n < 2 || model->events < 1 || model->events >= model->n)
		return "A model is fitted on at least one churned and one retained customer.";
	if (model->iterations < 1)
		return "iterations must be at least 1.";
	problem = features_problem(model);
	return problem ? problem : numbers_problem(model);
}

/* Refuses features the model needs and the state cannot give. */
void
churn_model_require(const ChurnModel *model, const ChurnFacts *facts, const char *caller)
{
	for (int i = 0; i < model->features; i++)
	{
		ChurnFeature f = model->feature[i];

		if (!CHURN_FACT_KNOWN(facts, f))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: the model uses the feature \"%s\", which this churn state does not have",
							caller, churn_feature_name(f)),
					 errdetail("The feature needs %s.", churn_feature_source(f)),
					 errhint("churn_features(state) lists the features a state has.")));
	}
}

double
churn_model_log_odds(const ChurnModel *model, const ChurnFacts *facts)
{
	double		log_odds = model->coefficient[0];

	for (int i = 0; i < model->features; i++)
		log_odds += model->coefficient[i + 1] * facts->value[model->feature[i]];
	return log_odds;
}

/* The logistic function, without overflow for very negative log-odds. */
double
churn_model_probability(const ChurnModel *model, const ChurnFacts *facts)
{
	double		x = churn_model_log_odds(model, facts);

	if (x >= 0.0)
		return 1.0 / (1.0 + exp(-x));
	return exp(x) / (1.0 + exp(x));
}
