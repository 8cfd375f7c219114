/*
 * control_charts.c
 *		Alerting on a series of summaries (one per day, week or month): the
 *		window functions {m}_control_center/_lower/_upper/_signal, a Laney p'
 *		chart (a standardized individuals chart for CES), and
 *		{m}_ewma/_ewma_lower/_ewma_upper/_ewma_signal, an EWMA chart with
 *		the same over-dispersion adjustment, for m = nps, csat, ces.
 *
 * Each is called as f(summary [, ...]) OVER (ORDER BY period) or
 * OVER (PARTITION BY series ORDER BY period): the window's ORDER BY gives
 * the order of the periods; the frame does not matter: every value is
 * computed from the whole partition (docs/metrics.md has the formulas):
 *
 *	 x_i	the period's metric on the fraction scale (NPS in [-1, 1], CSAT
 *			the satisfied share, CES the mean score); n_i its (effective,
 *			Kish) number of responses
 *	 c		the centre line: sum n_i x_i / sum n_i (the metric of all
 *			periods together when unweighted)
 *	 V		the pooled variance of one response: NPS pP + pD - (pP - pD)^2,
 *			CSAT p (1 - p) from the pooled shares, CES the pooled variance
 *			of the scores about c
 *	 z_i	(x_i - c) / sqrt(V / n_i)
 *	 s_z	mean |z_i - z_(i-1)| / 1.128 over consecutive periods (Laney 2002)
 *	 limits c -/+ k s_z sqrt(V / n_i), k = sigmas (3)
 *	 EWMA	e_0 = c, e_i = lambda x_i + (1 - lambda) e_(i-1), lambda 0.1;
 *			Var e_i = (1 - lambda)^2 Var e_(i-1) + lambda^2 s_z^2 V / n_i,
 *			limits c -/+ k sqrt(Var e_i) (Montgomery's for equal n_i)
 *
 * A NULL summary, or one without responses, is a period without a value:
 * every function gives NULL on its row, it is left out of the moving
 * ranges (the next period's range is taken from the one before it) and the
 * EWMA carries over it.  A partition with fewer than three periods with a
 * value gives NULL on every row.  Results are in the metric's unit: NPS
 * points, CSAT percent, CES score units.
 */
#include "postgres.h"

#include <math.h>

#include "summary.h"
#include "stats_math.h"

#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "windowapi.h"

PG_FUNCTION_INFO_V1(control_center);
PG_FUNCTION_INFO_V1(control_lower);
PG_FUNCTION_INFO_V1(control_upper);
PG_FUNCTION_INFO_V1(control_signal);
PG_FUNCTION_INFO_V1(ewma_value);
PG_FUNCTION_INFO_V1(ewma_lower);
PG_FUNCTION_INFO_V1(ewma_upper);
PG_FUNCTION_INFO_V1(ewma_signal);

/* d2 for moving ranges of two, as Laney (2002) uses it */
#define MOVING_RANGE_D2		1.128

/* Periods with a value that a partition needs: two moving ranges */
#define CONTROL_MIN_PERIODS	3

#define DEFAULT_SIGMAS		3.0
#define DEFAULT_LAMBDA		0.1

/*
 * The partition's state, in its local memory: one entry per row, x NaN
 * where the period has no value.
 */
typedef struct ChartPartition
{
	bool		computed;
	bool		charted;		/* >= CONTROL_MIN_PERIODS periods with values */
	double		unit;			/* 100 for points and percent, 1 for CES */
	double		center;
	double		variance;		/* V, one response */
	double		sigma_z;
	double	   *x;				/* per row, NaN: no value */
	double	   *n;				/* per row */
	/* EWMA, computed on the first call of an ewma function */
	bool		ewma_computed;
	double		lambda;
	double	   *ewma;
	double	   *ewma_sd;
} ChartPartition;

/* What one summary contributes: its value, n_eff and, for CES, variance. */
typedef struct Period
{
	bool		valid;
	double		x;
	double		n;
	double		low;			/* NPS detractors' share */
	double		high;			/* NPS promoters', CSAT satisfied share */
	double		within;			/* CES: variance of its scores */
} Period;

static double
score_weight(const ScoreSummary *summary, int score)
{
	return summary_is_weighted(summary) ? summary_weight_of(summary, score)
		: (double) summary->count[score];
}

static double
share_between(const ScoreSummary *summary, int lo, int hi, double total)
{
	double		part = summary_is_weighted(summary) ? summary_weight_between(summary, lo, hi)
		: (double) summary_count_between(summary, lo, hi);

	return part / total;
}

static Period
read_period(const ScoreSummary *summary)
{
	Period		p = {false, 0, 0, 0, 0, 0};
	double		total;

	if (summary_total(summary) == 0 || summary->scale_max == 0)
		return p;
	p.n = summary_effective_size(summary);
	total = summary_total_weight(summary);
	if (!(p.n > 0) || !(total > 0))
		return p;
	p.valid = true;
	switch ((SummaryKind) summary->kind)
	{
		case SUMMARY_NPS:
			p.low = share_between(summary, NPS_DETRACTORS->lo, NPS_DETRACTORS->hi, total);
			p.high = share_between(summary, NPS_PROMOTERS->lo, NPS_PROMOTERS->hi, total);
			p.x = p.high - p.low;
			break;
		case SUMMARY_CSAT:
			p.high = share_between(summary, summary->satisfied_from, summary->scale_max, total);
			p.x = p.high;
			break;
		case SUMMARY_CES:
			{
				double		sum = 0,
							square_sum = 0;

				for (int s = 1; s <= summary->scale_max; s++)
					sum += score_weight(summary, s) * s;
				p.x = sum / total;
				for (int s = 1; s <= summary->scale_max; s++)
					square_sum += score_weight(summary, s) * (s - p.x) * (s - p.x);
				p.within = square_sum / total;
			}
			break;
	}
	return p;
}

static const char *
function_name(FunctionCallInfo fcinfo)
{
	return get_func_name(fcinfo->flinfo->fn_oid);
}

/* sigmas: positive and finite; NULL is an error, not "no limits". */
static double
sigmas_argument(FunctionCallInfo fcinfo, WindowObject winobj, int argno)
{
	bool		isnull;
	Datum		d;
	double		k;

	if (PG_NARGS() <= argno)
		return DEFAULT_SIGMAS;
	d = WinGetFuncArgCurrent(winobj, argno, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: sigmas must not be null", function_name(fcinfo))));
	k = DatumGetFloat8(d);
	if (!(k > 0) || isinf(k))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sigmas %s is out of range", float8out_internal(k)),
				 errdetail("The width of the control limits must be a positive number of standard deviations, such as 3.")));
	return k;
}

static double
lambda_argument(FunctionCallInfo fcinfo, WindowObject winobj)
{
	bool		isnull;
	Datum		d;
	double		lambda;

	if (PG_NARGS() <= 1)
		return DEFAULT_LAMBDA;
	d = WinGetFuncArgCurrent(winobj, 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: lambda must not be null", function_name(fcinfo))));
	lambda = DatumGetFloat8(d);
	if (!(lambda > 0 && lambda <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lambda %s is out of range", float8out_internal(lambda)),
				 errdetail("The EWMA weight of the newest period must lie in (0, 1], such as 0.1.")));
	return lambda;
}

/* The scale (CSAT also satisfied_from) of the first summary, then checked. */
static void
check_same_scale(const ScoreSummary *first, const ScoreSummary *summary)
{
	if (first->scale_max == summary->scale_max && first->satisfied_from == summary->satisfied_from)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot chart %s summaries on different scales in one window partition",
					summary_kind_name(first->kind)),
			 summary_kind(first->kind)->has_satisfied_from
			 ? errdetail("One has scale_max %d and satisfied_from %d, another %d and %d.",
						 first->scale_max, first->satisfied_from,
						 summary->scale_max, summary->satisfied_from)
			 : errdetail("One has scale_max %d, another %d.",
						 first->scale_max, summary->scale_max)));
}

/* Reads every summary of the partition, in its order, and the chart. */
/* The pooled sums of the periods with values, for the centre line. */
typedef struct PooledSums
{
	double		n;
	double		x;
	double		low;
	double		high;
	int64		valid;
	int			kind;
} PooledSums;

/*
 * Reads every period of the partition into periods[] (and the values and
 * sizes into the state, for the per-row limits), checking that all share
 * one scale, and sums what the centre line needs.
 */
static void
read_periods(WindowObject winobj, int64 rows, Period *periods, ChartPartition *state,
			 PooledSums *sums)
{
	MemoryContext scratch = AllocSetContextCreate(CurrentMemoryContext, "control chart row",
												  ALLOCSET_SMALL_SIZES);
	ScoreSummary *first = NULL;

	for (int64 pos = 0; pos < rows; pos++)
	{
		MemoryContext old = MemoryContextSwitchTo(scratch);
		bool		isnull,
					isout;
		Datum		d = WinGetFuncArgInPartition(winobj, 0, (int) pos, WINDOW_SEEK_HEAD,
												 false, &isnull, &isout);

		periods[pos].valid = false;
		if (!isnull && !isout)
		{
			ScoreSummary *summary = summary_rounded((ScoreSummary *) PG_DETOAST_DATUM(d));

			periods[pos] = read_period(summary);
			if (periods[pos].valid && first == NULL)
			{
				MemoryContextSwitchTo(old);
				first = summary_copy(summary);
				sums->kind = first->kind;
			}
			else if (periods[pos].valid)
				check_same_scale(first, summary);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(scratch);
		state->x[pos] = periods[pos].valid ? periods[pos].x : get_float8_nan();
		state->n[pos] = periods[pos].n;
		if (periods[pos].valid)
		{
			sums->valid++;
			sums->n += periods[pos].n;
			sums->x += periods[pos].n * periods[pos].x;
			sums->low += periods[pos].n * periods[pos].low;
			sums->high += periods[pos].n * periods[pos].high;
		}
	}
	MemoryContextDelete(scratch);
}

/* The pooled variance V of one response: multinomial, binomial, or CES's. */
static double
pooled_variance(const Period *periods, int64 rows, const PooledSums *sums, double center)
{
	double		sum = 0;

	switch ((SummaryKind) sums->kind)
	{
		case SUMMARY_NPS:
			return nps_variance(sums->high, sums->n - sums->high - sums->low, sums->low, sums->n);
		case SUMMARY_CSAT:
			return proportion_variance(sums->high, sums->n - sums->high, sums->n);
		case SUMMARY_CES:
			/* within each period plus between the periods and the centre */
			for (int64 pos = 0; pos < rows; pos++)
			{
				double		deviation = periods[pos].x - center;

				if (periods[pos].valid)
					sum += periods[pos].n * (periods[pos].within + deviation * deviation);
			}
			return sum / sums->n;
	}
	return 0;
}

/* Laney's sigma_z: the mean moving range of consecutive z's over d2. */
static double
moving_range_sigma(const Period *periods, int64 rows, double center, double variance)
{
	double		ranges = 0;
	double		previous = 0;
	int64		seen = 0;

	if (!(variance > 0))
		return 0;
	for (int64 pos = 0; pos < rows; pos++)
	{
		double		z;

		if (!periods[pos].valid)
			continue;
		z = (periods[pos].x - center) / sqrt(variance / periods[pos].n);
		if (seen > 0)
			ranges += fabs(z - previous);
		previous = z;
		seen++;
	}
	return ranges / (double) (seen - 1) / MOVING_RANGE_D2;
}

static void
chart_partition(WindowObject winobj, ChartPartition *state)
{
	MemoryContext context = GetMemoryChunkContext(state);
	int64		rows = WinGetPartitionRowCount(winobj);
	Period	   *periods;
	PooledSums	sums = {0};

	/* WinGetFuncArgInPartition() takes an int position */
	if (rows > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("control charts cannot read more than %d periods in one window partition",
						PG_INT32_MAX)));
	state->x = MemoryContextAllocHuge(context, Max(rows, 1) * sizeof(double));
	state->n = MemoryContextAllocHuge(context, Max(rows, 1) * sizeof(double));
	periods = MemoryContextAllocHuge(CurrentMemoryContext, Max(rows, 1) * sizeof(Period));
	read_periods(winobj, rows, periods, state, &sums);
	state->computed = true;
	state->charted = sums.valid >= CONTROL_MIN_PERIODS;
	if (state->charted)
	{
		state->unit = sums.kind == SUMMARY_CES ? 1 : 100;
		state->center = sums.x / sums.n;
		state->variance = pooled_variance(periods, rows, &sums, state->center);
		state->sigma_z = moving_range_sigma(periods, rows, state->center, state->variance);
	}
	pfree(periods);
}

static ChartPartition *
chart_state(WindowObject winobj)
{
	ChartPartition *state = WinGetPartitionLocalMemory(winobj, sizeof(ChartPartition));

	if (!state->computed)
		chart_partition(winobj, state);
	return state;
}

/* sigma of this row's x: s_z sqrt(V / n_i), fraction scale */
static double
row_sigma(const ChartPartition *state, int64 pos)
{
	return state->sigma_z * sqrt(state->variance / state->n[pos]);
}

/* Without variation (V = 0 or every z alike) nothing signals. */
static bool
limits_signal(const ChartPartition *state, double value, double lower, double upper)
{
	if (!(state->sigma_z > 0))
		return false;
	return value < lower || value > upper;
}

/* What one of the chart functions returns for its row. */
typedef enum ChartResult
{
	CHART_CENTER,				/* the centre line (EWMA: the EWMA itself) */
	CHART_LOWER,				/* the lower limit */
	CHART_UPPER,				/* the upper limit */
	CHART_SIGNAL				/* outside the limits */
} ChartResult;

/* ---------- Laney p' (standardized individuals) chart ---------- */

/* The row's chart result, unless it has none (NULL). */
static Datum
control_result(FunctionCallInfo fcinfo, ChartResult which)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	double		k = which == CHART_CENTER ? 0 : sigmas_argument(fcinfo, winobj, 1);
	ChartPartition *state = chart_state(winobj);
	int64		pos = WinGetCurrentPosition(winobj);
	double		half,
				lower,
				upper;

	if (!state->charted || isnan(state->x[pos]))
		PG_RETURN_NULL();
	half = k * row_sigma(state, pos);
	lower = state->unit * (state->center - half);
	upper = state->unit * (state->center + half);
	switch (which)
	{
		case CHART_CENTER:
			PG_RETURN_FLOAT8(state->unit * state->center);
		case CHART_LOWER:
			PG_RETURN_FLOAT8(lower);
		case CHART_UPPER:
			PG_RETURN_FLOAT8(upper);
		case CHART_SIGNAL:
			break;
	}
	PG_RETURN_BOOL(limits_signal(state, state->unit * state->x[pos], lower, upper));
}

Datum
control_center(PG_FUNCTION_ARGS)
{
	return control_result(fcinfo, CHART_CENTER);
}

Datum
control_lower(PG_FUNCTION_ARGS)
{
	return control_result(fcinfo, CHART_LOWER);
}

Datum
control_upper(PG_FUNCTION_ARGS)
{
	return control_result(fcinfo, CHART_UPPER);
}

Datum
control_signal(PG_FUNCTION_ARGS)
{
	return control_result(fcinfo, CHART_SIGNAL);
}

/* ---------- EWMA ---------- */

static void
ewma_partition(ChartPartition *state, int64 rows, double lambda)
{
	MemoryContext context = GetMemoryChunkContext(state);
	double		e = state->center;
	double		var = 0;

	state->ewma = MemoryContextAllocHuge(context, Max(rows, 1) * sizeof(double));
	state->ewma_sd = MemoryContextAllocHuge(context, Max(rows, 1) * sizeof(double));
	for (int64 pos = 0; pos < rows; pos++)
	{
		double		sigma;

		if (isnan(state->x[pos]))
		{
			state->ewma[pos] = state->ewma_sd[pos] = get_float8_nan();
			continue;
		}
		sigma = row_sigma(state, pos);
		e = lambda * state->x[pos] + (1 - lambda) * e;
		var = (1 - lambda) * (1 - lambda) * var + lambda * lambda * sigma * sigma;
		state->ewma[pos] = e;
		state->ewma_sd[pos] = sqrt(var);
	}
	state->lambda = lambda;
	state->ewma_computed = true;
}

/* The row's EWMA result, unless it has none (NULL). */
static Datum
ewma_result(FunctionCallInfo fcinfo, ChartResult which)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	double		lambda = lambda_argument(fcinfo, winobj);
	double		k = which == CHART_CENTER ? 0 : sigmas_argument(fcinfo, winobj, 2);
	ChartPartition *state = chart_state(winobj);
	int64		pos = WinGetCurrentPosition(winobj);
	double		e,
				lower,
				upper;

	if (!state->charted)
		PG_RETURN_NULL();
	if (!state->ewma_computed)
		ewma_partition(state, WinGetPartitionRowCount(winobj), lambda);
	else if (lambda != state->lambda)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: lambda must be the same for every row of a window partition",
						function_name(fcinfo))));
	if (isnan(state->x[pos]))
		PG_RETURN_NULL();
	e = state->unit * state->ewma[pos];
	lower = state->unit * (state->center - k * state->ewma_sd[pos]);
	upper = state->unit * (state->center + k * state->ewma_sd[pos]);
	switch (which)
	{
		case CHART_CENTER:
			PG_RETURN_FLOAT8(e);
		case CHART_LOWER:
			PG_RETURN_FLOAT8(lower);
		case CHART_UPPER:
			PG_RETURN_FLOAT8(upper);
		case CHART_SIGNAL:
			break;
	}
	PG_RETURN_BOOL(limits_signal(state, e, lower, upper));
}

Datum
ewma_value(PG_FUNCTION_ARGS)
{
	return ewma_result(fcinfo, CHART_CENTER);
}

Datum
ewma_lower(PG_FUNCTION_ARGS)
{
	return ewma_result(fcinfo, CHART_LOWER);
}

Datum
ewma_upper(PG_FUNCTION_ARGS)
{
	return ewma_result(fcinfo, CHART_UPPER);
}

Datum
ewma_signal(PG_FUNCTION_ARGS)
{
	return ewma_result(fcinfo, CHART_SIGNAL);
}
