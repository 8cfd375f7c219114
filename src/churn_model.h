/*
 * churn_model.h
 *		The churn_model value: a logistic regression of churn on named churn
 *		features, as churn_fit() leaves it (churn_model.c checks it and reads
 *		and writes its text and binary forms).
 */
#ifndef NPS_EXT_CHURN_MODEL_H
#define NPS_EXT_CHURN_MODEL_H

#include "churn_features.h"

#define CHURN_MODEL_VERSION		1
#define CHURN_MAX_TERMS			(CHURN_FEATURE_COUNT + 1)	/* with the intercept */

/*
 * ChurnModel
 *
 * log-odds of churn = coefficient[0] + sum over i of coefficient[i + 1] *
 * value of feature[i].  Fixed size; the slots past the model's features are
 * zero, so equal models are equal bytes.
 */
typedef struct ChurnModel
{
	int32		vl_len_;		/* varlena header (use SET_VARSIZE) */
	uint8		version;		/* CHURN_MODEL_VERSION */
	uint8		features;		/* number of features, 1..CHURN_FEATURE_COUNT */
	uint8		converged;		/* 1 when the fit met its tolerance */
	uint8		padding;		/* zero */
	uint8		feature[CHURN_FEATURE_COUNT];	/* ChurnFeature, in model order */
	int32		iterations;		/* Newton steps taken */
	int32		padding2;		/* zero */
	int64		n;				/* training rows */
	int64		events;			/* of them churned */
	double		log_likelihood; /* of the training rows, without the penalty */
	double		penalty;		/* L2 penalty on the feature coefficients */
	double		coefficient[CHURN_MAX_TERMS];	/* intercept first */
	double		std_error[CHURN_MAX_TERMS];
	double		mean[CHURN_FEATURE_COUNT];	/* training mean of each feature */
} ChurnModel;

#define CHURN_MODEL_SIZE		sizeof(ChurnModel)
#define PG_GETARG_CHURN_MODEL(n) ((ChurnModel *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

extern ChurnModel *churn_model_new(void);
extern const char *churn_model_problem(const ChurnModel *model);
extern void churn_model_require(const ChurnModel *model, const ChurnFacts *facts,
								const char *caller);
extern double churn_model_log_odds(const ChurnModel *model, const ChurnFacts *facts);
extern double churn_model_probability(const ChurnModel *model, const ChurnFacts *facts);

#endif							/* NPS_EXT_CHURN_MODEL_H */
