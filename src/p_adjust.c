/*
 * p_adjust.c
 *		Multiple comparisons across the rows of one query: the window
 *		function p_adjust(p, method) and significance_flag(difference, p,
 *		alpha), the -1/0/+1 a report colours.
 *
 * Testing every segment of a report against the rest at 5% flags one
 * segment in twenty by chance alone.  p_adjust() adjusts each row's p-value
 * for all the p-values of its window partition (PARTITION BY one report's
 * key; without PARTITION BY, the whole result), as R's p.adjust() does for
 * a vector (docs/metrics.md):
 *	 holm		Holm (1979), step-down; controls the family-wise error rate
 *	 bh			Benjamini and Hochberg (1995), step-up; controls the false
 *				discovery rate (R's "BH"; "fdr" is accepted too)
 *	 bonferroni	m p
 * Method names are matched ignoring case, so R's spellings ("BH") work.
 * It is a window function and not an aggregate because every row needs its
 * own adjusted value from all the others': one pass over the partition per
 * query, then one array read per row.  The frame (ORDER BY in the OVER
 * clause) does not matter, only the partition.
 *
 * NULL p-values (too few responses: nps_test() gives NULL) are skipped, as
 * R skips NA: they get NULL and do not count in m.  A p-value outside
 * [0, 1] or NaN is error 22003, checked for the whole partition.  The
 * arithmetic is R's, operation for operation ((m - i + 1) p for Holm,
 * (m / i) p for BH, running max/min, then min(1, .)), so the results agree
 * to the last bit (sql/segments.sql compares with R's output).
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "windowapi.h"

PG_FUNCTION_INFO_V1(p_adjust);
PG_FUNCTION_INFO_V1(significance_flag);

typedef enum AdjustMethod
{
	ADJUST_HOLM,
	ADJUST_BH,
	ADJUST_BONFERRONI
} AdjustMethod;

static const struct
{
	const char *name;
	AdjustMethod method;
}			adjust_methods[] = {
	{"holm", ADJUST_HOLM},
	{"bh", ADJUST_BH},
	{"fdr", ADJUST_BH},			/* R's alias of "BH" */
	{"bonferroni", ADJUST_BONFERRONI},
};

/*
 * The partition's state, in its local memory (reset with each partition):
 * the adjusted value of every row by position, NaN for a NULL p-value
 * (NaN is never a valid p-value, so it cannot be confused with one).
 */
typedef struct AdjustPartition
{
	bool		computed;
	AdjustMethod method;
	double	   *adjusted;
} AdjustPartition;

/* A p-value of the partition, its position breaking ties (a stable sort). */
typedef struct RankedP
{
	double		p;
	int64		position;
} RankedP;

static int
ranked_p_cmp(const void *a, const void *b)
{
	const RankedP *x = a;
	const RankedP *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->position < y->position ? -1 : x->position > y->position;
}

static double
checked_p(double p)
{
	if (!(p >= 0 && p <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("p-value %s is out of range", float8out_internal(p)),
				 errdetail("A p-value must lie between 0 and 1.")));
	return p;
}

static AdjustMethod
adjust_method(WindowObject winobj)
{
	bool		isnull;
	Datum		name_datum = WinGetFuncArgCurrent(winobj, 1, &isnull);
	char	   *name;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("p_adjust method must not be null")));
	name = TextDatumGetCString(name_datum);
	for (size_t m = 0; m < lengthof(adjust_methods); m++)
		if (pg_strcasecmp(name, adjust_methods[m].name) == 0)
			return adjust_methods[m].method;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("p_adjust method \"%s\" is not supported", name),
			 errhint("Use 'holm' (the default), 'bh' (Benjamini-Hochberg) or 'bonferroni'.")));
	pg_unreachable();
}

/*
 * Adjusts the m p-values, sorted ascending, in place (R's p.adjust with
 * n = m; m >= 2).
 */
static void
adjust_sorted(RankedP *ranked, int64 m, AdjustMethod method)
{
	double		running;

	switch (method)
	{
		case ADJUST_HOLM:
			/* pmin(1, cummax((m - i + 1) p[i])), ascending */
			running = 0;
			for (int64 i = 1; i <= m; i++)
			{
				double		v = (double) (m - i + 1) * ranked[i - 1].p;

				running = Max(running, v);
				ranked[i - 1].p = Min(1.0, running);
			}
			break;
		case ADJUST_BH:
			/* pmin(1, cummin((m / i) p[i])), descending */
			running = get_float8_infinity();
			for (int64 i = m; i >= 1; i--)
			{
				double		v = (double) m / (double) i * ranked[i - 1].p;

				running = Min(running, v);
				ranked[i - 1].p = Min(1.0, running);
			}
			break;
		case ADJUST_BONFERRONI:
			for (int64 i = 0; i < m; i++)
				ranked[i].p = Min(1.0, (double) m * ranked[i].p);
			break;
	}
}

/* Reads, checks and adjusts every p-value of the partition. */
static void
adjust_partition(WindowObject winobj, AdjustPartition *state)
{
	MemoryContext context = GetMemoryChunkContext(state);
	int64		rows = WinGetPartitionRowCount(winobj);
	RankedP    *ranked;
	int64		m = 0;

	/* WinGetFuncArgInPartition() takes an int position */
	if (rows > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("p_adjust cannot adjust more than %d p-values in one window partition",
						PG_INT32_MAX)));
	state->adjusted = MemoryContextAllocHuge(context, Max(rows, 1) * sizeof(double));
	ranked = MemoryContextAllocHuge(CurrentMemoryContext, Max(rows, 1) * sizeof(RankedP));
	for (int64 pos = 0; pos < rows; pos++)
	{
		bool		isnull,
					isout;
		Datum		p = WinGetFuncArgInPartition(winobj, 0, (int) pos, WINDOW_SEEK_HEAD,
												 false, &isnull, &isout);

		state->adjusted[pos] = get_float8_nan();
		if (isnull || isout)
			continue;
		ranked[m].p = checked_p(DatumGetFloat8(p));
		ranked[m].position = pos;
		m++;
	}
	if (m >= 2)
	{
		qsort(ranked, m, sizeof(RankedP), ranked_p_cmp);
		adjust_sorted(ranked, m, state->method);
	}
	for (int64 i = 0; i < m; i++)
		state->adjusted[ranked[i].position] = ranked[i].p;
	pfree(ranked);
	state->computed = true;
}

/*
 * p_adjust(p, method) OVER (...): this row's p-value adjusted for all the
 * non-NULL p-values of its partition; NULL for a NULL p-value.  The method
 * must be the same on every row of a partition.
 */
Datum
p_adjust(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	AdjustPartition *state = WinGetPartitionLocalMemory(winobj, sizeof(AdjustPartition));
	AdjustMethod method = adjust_method(winobj);
	double		adjusted;

	if (!state->computed)
	{
		state->method = method;
		adjust_partition(winobj, state);
	}
	else if (method != state->method)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_adjust method must be the same for every row of a window partition")));
	adjusted = state->adjusted[WinGetCurrentPosition(winobj)];
	if (isnan(adjusted))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(adjusted);
}

/*
 * significance_flag(difference, p, alpha): -1 when the difference is
 * significant (p < alpha) and negative, +1 when significant and positive,
 * 0 otherwise (not significant, or no difference at all).  STRICT: a NULL
 * difference or p-value (too few responses) gives NULL, "not tested",
 * which a report shows differently from 0, "no difference found".
 */
Datum
significance_flag(PG_FUNCTION_ARGS)
{
	float8		difference = PG_GETARG_FLOAT8(0);
	float8		p = checked_p(PG_GETARG_FLOAT8(1));
	float8		alpha = PG_GETARG_FLOAT8(2);

	if (!(alpha > 0 && alpha < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("alpha %s is out of range", float8out_internal(alpha)),
				 errdetail("The significance level must lie strictly between 0 and 1, such as 0.05.")));
	if (isnan(difference))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("difference NaN has no sign"),
				 errdetail("The difference must be a number (infinite is allowed).")));
	if (!(p < alpha) || difference == 0)
		PG_RETURN_INT32(0);
	PG_RETURN_INT32(difference > 0 ? 1 : -1);
}
