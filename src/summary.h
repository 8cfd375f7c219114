/*
 * summary.h
 *		The score histogram behind nps(), csat() and ces().
 *
 * One fixed-size varlena value serves as the transition state of all three
 * metrics and is a real SQL type (nps_summary, csat_summary, ces_summary), so
 * that partial states can cross process and node boundaries as text or
 * binary: parallel workers, Citus workers, materialized views.
 */
#ifndef NPS_EXT_SUMMARY_H
#define NPS_EXT_SUMMARY_H

#include "pg_compat.h"
#include "exact_sum.h"
#include "summary_kind.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/numeric.h"

/*
 * Format versions.  Bump (add one) when the in-memory, text or binary layout
 * changes; every version ever written stays readable.
 *	 1: counts only (nps_ext 1.0 and every unweighted summary since)
 *	 2: counts plus survey weights (nps_ext 1.1, weighted aggregates)
 *	 3: counts plus exact weight sums: the transition state of the weighted
 *		aggregates and of rollup() over weighted summaries (nps_ext 1.2);
 *		their final functions round it to format 2, the summary stored
 */
#define SUMMARY_FORMAT_COUNTS	1
#define SUMMARY_FORMAT_WEIGHTED	2
#define SUMMARY_FORMAT_EXACT	3

/* Every supported scale fits in 0..10, so one array serves them all. */
#define SUMMARY_MAX_SCORE		10

/* csat(score, scale_max) and ces(score, scale_max) accept 1..3 up to 1..10. */
#define SUMMARY_MIN_SCALE_MAX	3
#define SUMMARY_MAX_SCALE_MAX	10

/* The lowest satisfied_from: a CSAT where every answer satisfies is none. */
#define SUMMARY_MIN_SATISFIED_FROM	2

/*
 * ScoreSummary
 *
 * count[s] is the number of valid, non-NULL responses that scored s.  Slots
 * outside the scale stay zero.  scale_max == 0 means "scale not fixed yet":
 * csat() and ces() take the scale from their arguments on the first row, so
 * their initial state cannot know it.  NPS states always carry 10.
 *
 * A weighted summary (format 2) also carries, per score, the sum of the
 * weights of its responses, and the sum of the squared weights (for Kish's
 * effective sample size).  Each sum is a double-double: the double nearest
 * to it plus the double nearest to the rest (weight_errors).  The aggregates
 * sum exactly (format 3, below) and round once, in the final function, so
 * a stored summary is the canonical double-double of the exact sum of its
 * weights: the same rows give the same bytes in any order.  count[] still
 * counts rows, so responses() reports the real number of answers.  A
 * format-1 value ends before weight[]: code must test summary_is_weighted()
 * before touching those fields, and read format 2 only.
 *
 * The struct is stored as is (STORAGE = plain, ALIGNMENT = double), so it is
 * never toasted or short-headed and count[] is always 8-byte aligned.
 */
typedef struct ScoreSummary
{
	int32		vl_len_;		/* varlena header (use SET_VARSIZE) */
	uint8		version;		/* SUMMARY_FORMAT_COUNTS or _WEIGHTED */
	uint8		kind;			/* SummaryKind */
	uint8		scale_max;		/* highest valid score, 0 = not fixed yet */
	uint8		satisfied_from;		/* CSAT: lowest satisfied score; else 0 */
	int64		count[SUMMARY_MAX_SCORE + 1];
	/* format 2 only */
	float8		weight[SUMMARY_MAX_SCORE + 1];	/* sum of weights per score */
	float8		weight_errors[SUMMARY_MAX_SCORE + 1];	/* its rounding error */
	float8		weight_sq;		/* sum of squared weights, all scores */
	float8		weight_sq_error;	/* its rounding error */
} ScoreSummary;

/*
 * ExactSummary: a format-3 ScoreSummary.  The header and count[] are those
 * of every format; the sums of the weights and of their squares are exact
 * (ExactSum), so the state is the same bytes whatever the order in which
 * rows, partial states and summaries were added.  It exists only while a
 * weighted aggregate or rollup() runs (and wherever a user keeps what a
 * transition function returned): readers round it to format 2 first
 * (PG_GETARG_SUMMARY_VALUE), so only the merge and I/O code knows it.
 */
typedef struct ExactSummary
{
	int32		vl_len_;		/* varlena header (use SET_VARSIZE) */
	uint8		version;		/* SUMMARY_FORMAT_EXACT */
	uint8		kind;			/* SummaryKind */
	uint8		scale_max;		/* highest valid score, 0 = not fixed yet */
	uint8		satisfied_from;		/* CSAT: lowest satisfied score; else 0 */
	int64		count[SUMMARY_MAX_SCORE + 1];
	ExactSum	weight[SUMMARY_MAX_SCORE + 1];	/* sum of weights per score */
	ExactSum	weight_sq;		/* sum of squared weights, all scores */
} ExactSummary;

StaticAssertDecl(offsetof(ExactSummary, count) == offsetof(ScoreSummary, count),
				 "every summary format shares the header and the counts");

#define SUMMARY_SIZE			offsetof(ScoreSummary, weight)
#define WEIGHTED_SUMMARY_SIZE	sizeof(ScoreSummary)
#define EXACT_SUMMARY_SIZE		sizeof(ExactSummary)

/* Weighted: format 2 (stored) or 3 (exact, a state in progress). */
static inline bool
summary_is_weighted(const ScoreSummary *summary)
{
	return summary->version >= SUMMARY_FORMAT_WEIGHTED;
}

static inline bool
summary_is_exact(const ScoreSummary *summary)
{
	return summary->version == SUMMARY_FORMAT_EXACT;
}

static inline ExactSummary *
summary_as_exact(ScoreSummary *summary)
{
	Assert(summary_is_exact(summary));
	return (ExactSummary *) summary;
}

/*
 * Adds x to the double-double hi + lo (TwoSum, then renormalize so that
 * |lo| <= ulp(hi) / 2).  The first step is error-free for inputs of either
 * sign, the tail sum is rounded: the result is within about 2^-105 of the
 * magnitudes summed.  -0 never results when every input is >= +0, as weight
 * sums are.
 */
static inline void
weight_sum_add(float8 *hi, float8 *lo, float8 x_hi, float8 x_lo)
{
	float8		sum = *hi + x_hi;
	float8		virtual_x = sum - *hi;
	float8		error = (*hi - (sum - virtual_x)) + (x_hi - virtual_x);
	float8		tail = *lo + x_lo + error;

	*hi = sum + tail;
	*lo = (tail - (*hi - sum)) + 0.0;
}

/* The weight of one score as the nearest double; format 2 only. */
static inline float8
summary_weight_of(const ScoreSummary *summary, int score)
{
	Assert(summary->version == SUMMARY_FORMAT_WEIGHTED);
	return summary->weight[score] + summary->weight_errors[score];
}

static inline Size
summary_size_of_format(int version)
{
	switch (version)
	{
		case SUMMARY_FORMAT_WEIGHTED:
			return WEIGHTED_SUMMARY_SIZE;
		case SUMMARY_FORMAT_EXACT:
			return EXACT_SUMMARY_SIZE;
	}
	return SUMMARY_SIZE;
}

#define PG_GETARG_SUMMARY(n)	((ScoreSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
/* A summary to read metrics from: format 1 or 2, a format-3 state rounded. */
#define PG_GETARG_SUMMARY_VALUE(n)	summary_rounded(PG_GETARG_SUMMARY(n))

/* summary.c: construction, validation, shared arithmetic */
extern ScoreSummary *summary_new(SummaryKind kind);
extern ScoreSummary *summary_new_weighted(SummaryKind kind);
extern ScoreSummary *summary_copy(const ScoreSummary *summary);
extern ScoreSummary *summary_exact_copy(const ScoreSummary *summary);
extern ScoreSummary *summary_rounded(ScoreSummary *summary);
extern const char *summary_problem(const ScoreSummary *summary);
extern int64 summary_total(const ScoreSummary *summary);
extern int64 summary_count_between(const ScoreSummary *summary, int lo, int hi);
extern double summary_weight_between(const ScoreSummary *summary, int lo, int hi);
extern double summary_total_weight(const ScoreSummary *summary);
extern ScoreSummary *summary_merge(ScoreSummary *into, const ScoreSummary *from,
								   const char *what);
extern void summary_subtract(ScoreSummary *from, const ScoreSummary *part);
extern double summary_effective_size(const ScoreSummary *summary);
extern double summary_effective_size_minus_one(const ScoreSummary *summary);

#endif							/* NPS_EXT_SUMMARY_H */
