/*
 * summary_kind.c
 *		The descriptors of the three summary kinds (summary_kind.h).
 *
 * NPS (Reichheld 2003): 0..10, detractors 0..6, passives 7..8, promoters
 * 9..10.  CSAT: 1..scale_max (default 1..5), satisfied from satisfied_from
 * (default the top two points).  CES 2.0: 1..scale_max (default 1..7), the
 * mean is the metric.  docs/metrics.md gives the sources.
 */
#include "postgres.h"

#include "summary_kind.h"

static const ScoreBucket nps_buckets[] = {
	{"detractors", 0, 6},
	{"passives", 7, 8},
	{"promoters", 9, 10},
};

/* The confidence interval methods, the default first (docs/metrics.md). */
static const char *const nps_interval_methods[] = {"adjusted_wald", "wald", "score", NULL};
static const char *const csat_interval_methods[] = {"wilson", "wald", NULL};

const SummaryKindInfo summary_kinds[SUMMARY_KIND_LAST + 1] = {
	[SUMMARY_NPS] = {
		.name = "NPS",
		.key = "nps",
		.article = "an",
		.type_name = "nps_summary",
		.scale_min = NPS_SCALE_MIN,
		.fixed_scale_max = 10,
		.default_scale_max = 10,
		.has_satisfied_from = false,
		.weighted_form = "nps(score, weight)",
		.interval_methods = nps_interval_methods,
		.nbuckets = lengthof(nps_buckets),
		.buckets = nps_buckets,
	},
	[SUMMARY_CSAT] = {
		.name = "CSAT",
		.key = "csat",
		.article = "a",
		.type_name = "csat_summary",
		.scale_min = RATED_SCALE_MIN,
		.fixed_scale_max = 0,
		.default_scale_max = 5,
		.has_satisfied_from = true,
		.weighted_form = "csat(score, scale_max, satisfied_from, weight)",
		.interval_methods = csat_interval_methods,
	},
	[SUMMARY_CES] = {
		.name = "CES",
		.key = "ces",
		.article = "a",
		.type_name = "ces_summary",
		.scale_min = RATED_SCALE_MIN,
		.fixed_scale_max = 0,
		.default_scale_max = 7,
		.has_satisfied_from = false,
		.weighted_form = "ces(score, scale_max, weight)",
		.interval_methods = NULL,
	},
};
