/*
 * churn_features.h
 *		The named features of a customer's churn state (docs/metrics.md):
 *		their values, the 1.1 heuristic built on them, and the plain reasons
 *		churn_explain() gives.
 */
#ifndef NPS_EXT_CHURN_FEATURES_H
#define NPS_EXT_CHURN_FEATURES_H

#include "churn_state.h"

/* In the order of churn_features() and of the SQL documentation. */
typedef enum ChurnFeature
{
	CHURN_DISSATISFACTION,
	CHURN_DETRACTOR,
	CHURN_DECLINE,
	CHURN_SILENCE,
	CHURN_ENGAGEMENT,
	CHURN_EFFORT,
	CHURN_SATISFACTION,
	CHURN_HEURISTIC,
	CHURN_FEATURE_COUNT
} ChurnFeature;

/* churn_fit()'s features when none are named */
#define CHURN_DEFAULT_FEATURES	5	/* dissatisfaction .. engagement */

/* One customer's features as of the state's as_of, and what they came from. */
typedef struct ChurnFacts
{
	double		value[CHURN_FEATURE_COUNT];
	uint32		known;			/* bit f set: value[f] is known */
	int			latest_score;
	double		earlier_mean;	/* of the earlier scores; NaN if none */
	double		usecs_silent;	/* from the latest response to as_of */
} ChurnFacts;

#define CHURN_FACT_KNOWN(facts, f)	(((facts)->known >> (f)) & 1)

extern const char *churn_feature_name(ChurnFeature feature);
extern int	churn_feature_by_name(const char *name);
extern void churn_compute_facts(const ChurnState *state, ChurnFacts *facts);
extern bool churn_feature_values(const ChurnState *state, const uint8 *features, int count,
								 double *values);
extern double churn_heuristic_risk(const ChurnFacts *facts);
extern char *churn_feature_reason(ChurnFeature feature, const ChurnFacts *facts);
extern const char *churn_feature_source(ChurnFeature feature);

#endif							/* NPS_EXT_CHURN_FEATURES_H */
