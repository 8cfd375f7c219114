/*
 * summary_kind.h
 *		What makes a summary an NPS, a CSAT or a CES summary, as data: one
 *		descriptor per kind, read by the code shared between the metrics
 *		instead of testing which kind it has.
 *
 * The definitions behind each entry are in docs/metrics.md.
 */
#ifndef NPS_EXT_SUMMARY_KIND_H
#define NPS_EXT_SUMMARY_KIND_H

/* The kind byte of a stored summary: these values are on disk. */
typedef enum SummaryKind
{
	SUMMARY_NPS = 1,
	SUMMARY_CSAT = 2,
	SUMMARY_CES = 3
} SummaryKind;

#define SUMMARY_KIND_FIRST		SUMMARY_NPS
#define SUMMARY_KIND_LAST		SUMMARY_CES

/*
 * The lowest scores, also as constants for the per-row code that knows its
 * metric: NPS asks "0 to 10", CSAT and CES scales start at 1.
 */
#define NPS_SCALE_MIN			0
#define RATED_SCALE_MIN			1

/* A named range of scores that a metric counts (NPS's three groups). */
typedef struct ScoreBucket
{
	const char *name;			/* "promoters" */
	int			lo;				/* lowest score in it */
	int			hi;				/* highest score in it */
} ScoreBucket;

typedef struct SummaryKindInfo
{
	const char *name;			/* as messages print it: "NPS" */
	const char *key;			/* SQL prefix and text form's "kind": "nps" */
	const char *article;		/* "an" NPS summary, "a" CSAT summary */
	const char *type_name;		/* the SQL type: "nps_summary" */
	int			scale_min;		/* the lowest score: 0..10 asks from 0 */
	int			fixed_scale_max;	/* NPS: always 10; 0: chosen per call */
	int			default_scale_max;	/* the scale of the one-argument form */
	bool		has_satisfied_from; /* CSAT: satisfied from this score up */
	const char *weighted_form;	/* the weighted call, for hints */
	const char *const *interval_methods;	/* names, the default first, NULL
										 * ended; NULL: no method argument */
	int			nbuckets;		/* NPS: its three groups; else 0 */
	const ScoreBucket *buckets;
} SummaryKindInfo;

/* Indexed by SummaryKind; entry 0 is unused. */
extern const SummaryKindInfo summary_kinds[SUMMARY_KIND_LAST + 1];

static inline bool
summary_kind_is_valid(int kind)
{
	return kind >= SUMMARY_KIND_FIRST && kind <= SUMMARY_KIND_LAST;
}

/* kind comes from a validated summary (summary_problem() checks it). */
static inline const SummaryKindInfo *
summary_kind(int kind)
{
	Assert(summary_kind_is_valid(kind));
	return &summary_kinds[kind];
}

/* For messages: also safe on an unchecked kind byte. */
static inline const char *
summary_kind_name(int kind)
{
	return summary_kind_is_valid(kind) ? summary_kinds[kind].name : "unknown";
}

/* The lowest score of the scale: read on every row. */
static inline int
summary_scale_min(int kind)
{
	return summary_kind(kind)->scale_min;
}

/* The NPS groups by name, for the code of NPS itself (nps.c, stats.c). */
#define NPS_DETRACTORS			(&summary_kinds[SUMMARY_NPS].buckets[0])
#define NPS_PASSIVES			(&summary_kinds[SUMMARY_NPS].buckets[1])
#define NPS_PROMOTERS			(&summary_kinds[SUMMARY_NPS].buckets[2])

#endif							/* NPS_EXT_SUMMARY_KIND_H */
