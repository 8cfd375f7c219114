/*
 * churn_features.c
 *		The named features of a churn state, churn_features(state) as jsonb,
 *		the 1.1 heuristic model, and a plain sentence per feature for
 *		churn_explain().  docs/metrics.md defines each feature.
 *
 *	 dissatisfaction = (10 - latest score) / 10
 *	 detractor		 = 1 when the latest score is 0..6, else 0
 *	 decline		 = max(0, mean of the earlier scores - latest score) / 10
 *	 silence		 = 1 - 2^(-days since the latest response / 180)
 *	 engagement		 = scored responses in the 365 days up to as_of
 *	 effort			 = mean effort answer (churn_agg's five-argument form)
 *	 satisfaction	 = mean satisfaction answer (likewise)
 *	 heuristic		 = -3 + 3 dissatisfaction + detractor + 2 decline
 *						 + 2 silence, the log-odds of the 1.1 heuristic
 */
#include "postgres.h"

#include "churn_features.h"

#include <math.h>

#include "access/xact.h"
#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

PG_FUNCTION_INFO_V1(churn_features);

/* The heuristic's coefficients (1.1), documented in docs/metrics.md. */
#define CHURN_INTERCEPT				(-3.0)
#define CHURN_W_DISSATISFACTION		3.0
#define CHURN_W_DETRACTOR			1.0
#define CHURN_W_DECLINE				2.0
#define CHURN_W_SILENCE				2.0
#define CHURN_SILENCE_HALF_LIFE_DAYS 180.0

static const char *const feature_names[CHURN_FEATURE_COUNT] = {
	[CHURN_DISSATISFACTION] = "dissatisfaction",
	[CHURN_DETRACTOR] = "detractor",
	[CHURN_DECLINE] = "decline",
	[CHURN_SILENCE] = "silence",
	[CHURN_ENGAGEMENT] = "engagement",
	[CHURN_EFFORT] = "effort",
	[CHURN_SATISFACTION] = "satisfaction",
	[CHURN_HEURISTIC] = "heuristic",
};

/* What a state needs for a feature to be known: for messages and hints. */
static const char *const feature_sources[CHURN_FEATURE_COUNT] = {
	[CHURN_DISSATISFACTION] = "a scored response",
	[CHURN_DETRACTOR] = "a scored response",
	[CHURN_DECLINE] = "a scored response",
	[CHURN_SILENCE] = "a scored response",
	[CHURN_ENGAGEMENT] = "a scored response, and a state made by nps_ext 1.2 or later",
	[CHURN_EFFORT] = "an effort answer (churn_agg(score, responded_at, as_of, effort, satisfaction))",
	[CHURN_SATISFACTION] = "a satisfaction answer (churn_agg(score, responded_at, as_of, effort, satisfaction))",
	[CHURN_HEURISTIC] = "a scored response",
};

const char *
churn_feature_name(ChurnFeature feature)
{
	return feature_names[feature];
}

const char *
churn_feature_source(ChurnFeature feature)
{
	return feature_sources[feature];
}

/* The feature of that name, or -1. */
int
churn_feature_by_name(const char *name)
{
	for (int f = 0; f < CHURN_FEATURE_COUNT; f++)
		if (strcmp(name, feature_names[f]) == 0)
			return f;
	return -1;
}

/* The as_of a state's features are computed at. */
static TimestampTz
churn_state_as_of(const ChurnState *state)
{
	return state->as_of_given ? state->as_of : GetCurrentTransactionStartTimestamp();
}

/* Microseconds from the latest response to as_of, 0 if the response is later. */
static double
usecs_silent(const ChurnState *state, TimestampTz as_of)
{
	if (as_of <= state->latest_at)
		return 0.0;
	/* as_of - latest_at can exceed int64 for far-apart finite timestamps */
	return (double) as_of - (double) state->latest_at;
}

/* Whole days of silence, for the reason churn_explain() gives. */
static double
days_silent(const ChurnFacts *facts)
{
	return floor(facts->usecs_silent / (double) USECS_PER_DAY);
}

/*
 * The formulas, one each (docs/metrics.md), for both ways of computing
 * features below: the same expressions give the same numbers.
 */
static inline double
dissatisfaction(int latest)
{
	return (10 - latest) / 10.0;
}

static inline double
detractor(int latest)
{
	return latest <= 6 ? 1.0 : 0.0;
}

/* The mean of the scores before the latest; the state has two or more. */
static inline double
earlier_mean(const ChurnState *state)
{
	return (double) (state->score_sum - state->latest_score) /
		(double) (state->responses - 1);
}

static inline double
decline(const ChurnState *state, double mean)
{
	return state->responses > 1 ? Max(0.0, mean - state->latest_score) / 10.0 : 0.0;
}

/*
 * One division, by the exact product of the constants: one rounding, not
 * two, and one division fewer on the way to churn_fit()'s exp().
 */
static inline double
silence(double usecs)
{
	return 1.0 - exp2(-usecs / (USECS_PER_DAY * CHURN_SILENCE_HALF_LIFE_DAYS));
}

static inline double
heuristic(double dissatisfaction, double detractor, double decline, double silence)
{
	return CHURN_INTERCEPT + CHURN_W_DISSATISFACTION * dissatisfaction +
		CHURN_W_DETRACTOR * detractor + CHURN_W_DECLINE * decline +
		CHURN_W_SILENCE * silence;
}

static inline double
mean_answer(int64 sum, int64 answers)
{
	return (double) sum / (double) answers;
}

static void
set(ChurnFacts *facts, ChurnFeature feature, double value)
{
	facts->value[feature] = value;
	facts->known |= (uint32) 1 << feature;
}

static void
compute_score_features(const ChurnState *state, ChurnFacts *facts)
{
	int			latest = state->latest_score;

	facts->latest_score = latest;
	facts->earlier_mean = state->responses > 1 ? earlier_mean(state) : NAN;
	facts->usecs_silent = usecs_silent(state, churn_state_as_of(state));
	set(facts, CHURN_DISSATISFACTION, dissatisfaction(latest));
	set(facts, CHURN_DETRACTOR, detractor(latest));
	set(facts, CHURN_DECLINE, decline(state, facts->earlier_mean));
	set(facts, CHURN_SILENCE, silence(facts->usecs_silent));
	set(facts, CHURN_HEURISTIC,
		heuristic(facts->value[CHURN_DISSATISFACTION], facts->value[CHURN_DETRACTOR],
				  facts->value[CHURN_DECLINE], facts->value[CHURN_SILENCE]));
	if (state->flags & CHURN_RECENT_KNOWN)
		set(facts, CHURN_ENGAGEMENT, (double) state->recent_responses);
}

/* The features of a format 2 state; a feature without its source is unknown. */
void
churn_compute_facts(const ChurnState *state, ChurnFacts *facts)
{
	/* values are read only where known: they need no clearing */
	facts->known = 0;
	facts->latest_score = 0;
	facts->earlier_mean = NAN;
	facts->usecs_silent = 0.0;
	if (state->responses > 0)
		compute_score_features(state, facts);
	if (state->effort_answers > 0)
		set(facts, CHURN_EFFORT, mean_answer(state->effort_sum, state->effort_answers));
	if (state->satisfaction_answers > 0)
		set(facts, CHURN_SATISFACTION,
			mean_answer(state->satisfaction_sum, state->satisfaction_answers));
}

/* One feature of a state, as churn_compute_facts() gives it; false if unknown. */
static inline bool
feature_value(const ChurnState *state, ChurnFeature feature, double *value)
{
	int			latest = state->latest_score;

	if (state->responses == 0 && feature != CHURN_EFFORT && feature != CHURN_SATISFACTION)
		return false;
	switch (feature)
	{
		case CHURN_DISSATISFACTION:
			*value = dissatisfaction(latest);
			return true;
		case CHURN_DETRACTOR:
			*value = detractor(latest);
			return true;
		case CHURN_DECLINE:
			*value = decline(state, state->responses > 1 ? earlier_mean(state) : NAN);
			return true;
		case CHURN_SILENCE:
			*value = silence(usecs_silent(state, churn_state_as_of(state)));
			return true;
		case CHURN_ENGAGEMENT:
			if (!(state->flags & CHURN_RECENT_KNOWN))
				return false;
			*value = (double) state->recent_responses;
			return true;
		case CHURN_EFFORT:
			if (state->effort_answers == 0)
				return false;
			*value = mean_answer(state->effort_sum, state->effort_answers);
			return true;
		case CHURN_SATISFACTION:
			if (state->satisfaction_answers == 0)
				return false;
			*value = mean_answer(state->satisfaction_sum, state->satisfaction_answers);
			return true;
		case CHURN_HEURISTIC:
			*value = heuristic(dissatisfaction(latest), detractor(latest),
							   decline(state, state->responses > 1 ? earlier_mean(state) : NAN),
							   silence(usecs_silent(state, churn_state_as_of(state))));
			return true;
		case CHURN_FEATURE_COUNT:
			break;
	}
	elog(ERROR, "unknown churn feature %d", (int) feature);
	return false;				/* keep the compiler quiet */
}

/*
 * The values of the given features of a state, in their order, and nothing
 * else of ChurnFacts: churn_fit() needs them for every training row.  False
 * if the state lacks one; churn_compute_facts() and churn_model_require()
 * say which.
 */
bool
churn_feature_values(const ChurnState *state, const uint8 *features, int count,
					 double *values)
{
	for (int i = 0; i < count; i++)
		if (!feature_value(state, (ChurnFeature) features[i], &values[i]))
			return false;
	return true;
}

/* The 1.1 heuristic: a ranking score in (0, 1), not a probability. */
double
churn_heuristic_risk(const ChurnFacts *facts)
{
	return 1.0 / (1.0 + exp(-facts->value[CHURN_HEURISTIC]));
}

static const char *
plural(double n, const char *one, const char *many)
{
	return n == 1.0 ? one : many;
}

/* A plain sentence saying where a feature's value comes from. */
char *
churn_feature_reason(ChurnFeature feature, const ChurnFacts *facts)
{
	double		v = facts->value[feature];
	int			latest = facts->latest_score;

	switch (feature)
	{
		case CHURN_DISSATISFACTION:
			return psprintf("latest score %d", latest);
		case CHURN_DETRACTOR:
			return pstrdup(latest <= 6 ? "a detractor (latest score 0 to 6)"
						   : "not a detractor (latest score 7 to 10)");
		case CHURN_DECLINE:
			if (isnan(facts->earlier_mean))
				return pstrdup("no earlier score to compare with");
			return psprintf("%s %.1f from the average of the earlier scores, %.1f",
							facts->earlier_mean >= latest ? "down" : "up",
							fabs(facts->earlier_mean - latest), facts->earlier_mean);
		case CHURN_SILENCE:
			return psprintf("silent for %.0f %s", days_silent(facts),
							plural(days_silent(facts), "day", "days"));
		case CHURN_ENGAGEMENT:
			return psprintf("%.0f %s in the last %d days", v,
							plural(v, "response", "responses"), CHURN_RECENT_DAYS);
		case CHURN_EFFORT:
			return psprintf("average effort answer %.1f", v);
		case CHURN_SATISFACTION:
			return psprintf("average satisfaction answer %.1f", v);
		case CHURN_HEURISTIC:
			return psprintf("heuristic risk %.2f", churn_heuristic_risk(facts));
		case CHURN_FEATURE_COUNT:
			break;
	}
	elog(ERROR, "unknown churn feature %d", (int) feature);
	return NULL;				/* keep the compiler quiet */
}

/* churn_features(churn_state) -> jsonb: the known features by name. */
Datum
churn_features(PG_FUNCTION_ARGS)
{
	ChurnState *state = PG_GETARG_CHURN(0);
	ChurnFacts	facts;
	StringInfoData buf;
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];
	bool		any = false;

	churn_compute_facts(state, &facts);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int f = 0; f < CHURN_FEATURE_COUNT; f++)
	{
		if (!CHURN_FACT_KNOWN(&facts, f))
			continue;
		double_to_shortest_decimal_buf(facts.value[f], digits);
		appendStringInfo(&buf, "%s\"%s\": %s", any ? ", " : "", feature_names[f], digits);
		any = true;
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
