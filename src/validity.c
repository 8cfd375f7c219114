/*
 * validity.c
 *		The validity predicates nps_valid(score), csat_valid(score [,
 *		scale_max]) and ces_valid(score [, scale_max]): true for a score the
 *		metric's aggregates count, false for one they refuse, NULL for a
 *		NULL score.  weight_valid(weight) is in weights.c.
 *
 * They make dirty data explicit: WHERE NOT nps_valid(score) finds the rows
 * that make nps() fail, nps(score) FILTER (WHERE nps_valid(score)) skips
 * them and count(*) FILTER (WHERE NOT nps_valid(score)) counts them.  The
 * test is the aggregates' own (score_problem_of(), score_args.h), so the
 * two cannot disagree.  A scale_max is a parameter, not data: a NULL or
 * out-of-range one is the aggregates' error, so that a predicate never
 * calls every row invalid, or valid, without a word.
 */
#include "postgres.h"

#include "csat_ces.h"
#include "score_args.h"

static pg_attribute_always_inline Datum
score_valid(FunctionCallInfo fcinfo, SummaryKind kind, ScoreType type)
{
	const SummaryKindInfo *info = summary_kind(kind);
	int			scale_max = info->default_scale_max;

	if (PG_NARGS() > 1)
		scale_max = scale_max_argument(fcinfo, 1, kind);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(score_problem_of(fcinfo, 0, type, info->scale_min, scale_max) == SCORE_VALID);
}

/*
 * nps_valid_<type>, csat_valid_<type> and ces_valid_<type>: one per metric
 * and score type of sql/api.decl; the CSAT and CES ones serve the forms
 * with and without scale_max.
 */
#define VALID_ENTRY_POINT(metric, kind, suffix, type) \
PG_FUNCTION_INFO_V1(metric##_valid_##suffix); \
Datum \
metric##_valid_##suffix(PG_FUNCTION_ARGS) \
{ \
	return score_valid(fcinfo, kind, type); \
}

#define VALID_ENTRY_POINTS(metric, kind) \
VALID_ENTRY_POINT(metric, kind, int2, SCORE_INT2) \
VALID_ENTRY_POINT(metric, kind, int4, SCORE_INT4) \
VALID_ENTRY_POINT(metric, kind, int8, SCORE_INT8) \
VALID_ENTRY_POINT(metric, kind, numeric, SCORE_NUMERIC) \
VALID_ENTRY_POINT(metric, kind, float8, SCORE_FLOAT8)

VALID_ENTRY_POINTS(nps, SUMMARY_NPS)
VALID_ENTRY_POINTS(csat, SUMMARY_CSAT)
VALID_ENTRY_POINTS(ces, SUMMARY_CES)
