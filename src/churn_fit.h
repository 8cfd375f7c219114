/*
 * churn_fit.h
 *		One pass of churn_fit() over the training rows: the sums of a Newton
 *		step of the logistic log-likelihood at the current coefficients.
 *		churn_fit_pass.c accumulates and merges them (an aggregate, parallel
 *		and mergeable by addition); churn_fit.c runs the passes and solves.
 */
#ifndef NPS_EXT_CHURN_FIT_H
#define NPS_EXT_CHURN_FIT_H

#include "churn_model.h"

typedef struct FitSums
{
	int32		terms;			/* intercept + features */
	int32		padding;		/* zero */
	int64		n;				/* training rows */
	int64		events;			/* of them churned */
	int64		extreme;		/* rows with a fitted probability of 0 or 1 */
	double		log_likelihood; /* sum of y log p + (1 - y) log(1 - p) ... */
	double		unlogged;		/* ... minus the log of this product (see add_row) */
	/* X'WX, its upper triangle row by row: (0,0), (0,1), ..., (1,1), ... */
	double		information[CHURN_MAX_TERMS * (CHURN_MAX_TERMS + 1) / 2];
	double		score[CHURN_MAX_TERMS]; /* X'(y - p) */
	/*
	 * Of each feature, in model order, taken only on the first pass (model
	 * iterations 0): every pass reads the same rows (churn_fit checks their
	 * count), so these would not change.
	 */
	int32		described;		/* 1 when these were taken */
	int32		padding2;		/* zero */
	double		sum[CHURN_FEATURE_COUNT];
	double		min[CHURN_FEATURE_COUNT];
	double		max[CHURN_FEATURE_COUNT];
} FitSums;

#endif							/* NPS_EXT_CHURN_FIT_H */
