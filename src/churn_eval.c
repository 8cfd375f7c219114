/*
 * churn_eval.c
 *		churn_auc(risk, churned) and churn_brier(risk, churned): how good a
 *		churn score is, measured against what the customers then did.
 *
 * churn_auc is the exact area under the ROC curve, the Mann-Whitney
 * statistic U / (n1 n0): the probability that a random churner has a higher
 * risk than a random stayer, ties counted one half (Hanley & McNeil 1982).
 * It ranks, so it needs every risk: the state keeps the risks of each class
 * in an array, the final function sorts both and counts the pairs in one
 * merge-like pass with integer arithmetic, and divides once.
 *
 * churn_brier is the Brier score (Brier 1950), the mean of (risk - y)^2 with
 * y = 1 for a churner.  The squares are rounded to double one by one and
 * added exactly (exact_sum.h), so the sum, and with it the result, does not
 * depend on the order of the rows or on how parallel workers split them;
 * the final function rounds the exact sum once and divides once.
 *
 * Both states are "internal": they live in the aggregate's memory context
 * and are updated in place.  churn_auc's grows with the rows, which no
 * varlena state could do without copying itself per row; churn_brier's is
 * fixed (272 bytes) but a varlena type would need I/O functions of its own
 * for a value that never leaves the query.  Serialization functions carry
 * them between parallel workers.
 */
#include "postgres.h"

#include "exact_sum.h"
#include "aggregate_state.h"

#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/float.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(churn_auc_trans);
PG_FUNCTION_INFO_V1(churn_auc_combine);
PG_FUNCTION_INFO_V1(churn_auc_serialize);
PG_FUNCTION_INFO_V1(churn_auc_deserialize);
PG_FUNCTION_INFO_V1(churn_auc_final);
PG_FUNCTION_INFO_V1(churn_brier_trans);
PG_FUNCTION_INFO_V1(churn_brier_combine);
PG_FUNCTION_INFO_V1(churn_brier_serialize);
PG_FUNCTION_INFO_V1(churn_brier_deserialize);
PG_FUNCTION_INFO_V1(churn_brier_final);

/*
 * At most this many risks per class, so that both classes together fit one
 * serialized bytea (two counts and the values, under MaxAllocSize) and each
 * array one palloc.  It is below 2^26, so n1 n0 < 2^52: 2U and 2 n1 n0 are
 * whole numbers below 2^53, exact in a double, and the one division is the
 * only rounding of churn_auc.
 */
#define AUC_MAX_PER_CLASS \
	((int64) ((MaxAllocSize - VARHDRSZ - 2 * sizeof(int64)) / (2 * sizeof(float8))))
#define AUC_MIN_CAPACITY	64

/* The risks of one class, in the order they came (sorted by the final). */
typedef struct RiskList
{
	int64		n;
	int64		capacity;
	float8	   *values;
} RiskList;

typedef struct AucState
{
	RiskList	churners;
	RiskList	stayers;
} AucState;

/*
 * Brier: the number of rows and the exact sum of their squared errors.
 * Each square is at most 1 and there are fewer than 2^63 rows, so the sum
 * stays below 2^63, far inside the range exact_sum.h guarantees, also
 * after combining two states.
 */
typedef struct BrierState
{
	int64		n;
	ExactSum	squares;
} BrierState;

/*
 * A read-only cursor over a serialized state, without copying it (a large
 * churn_auc state would otherwise be held twice); PostgreSQL 17's
 * initReadOnlyStringInfo() does the same.
 */
static void
read_bytes(StringInfo buf, bytea *bytes)
{
	buf->data = VARDATA_ANY(bytes);
	buf->len = VARSIZE_ANY_EXHDR(bytes);
	buf->maxlen = 0;
	buf->cursor = 0;
}

/* ----------------------------------------------------------------------
 * churn_auc
 * ---------------------------------------------------------------------- */

pg_noreturn static void
auc_too_many(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("churn_auc cannot rank more than " INT64_FORMAT " churners or stayers in one group",
					AUC_MAX_PER_CLASS)));
}

static float8
checked_auc_risk(float8 risk)
{
	if (isnan(risk) || isinf(risk))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("churn_auc risk must be finite"),
				 errdetail("The value is %s.", float8out_internal(risk))));
	return risk;
}

/* Room for "more" values, doubling the array (in the aggregate context). */
static void
risk_list_reserve(RiskList *list, int64 more, MemoryContext context)
{
	int64		needed;
	int64		capacity;

	if (pg_add_s64_overflow(list->n, more, &needed) || needed > AUC_MAX_PER_CLASS)
		auc_too_many();
	if (needed <= list->capacity)
		return;
	capacity = Max(list->capacity, AUC_MIN_CAPACITY / 2);
	while (capacity < needed)
		capacity = Min(capacity * 2, AUC_MAX_PER_CLASS);
	if (list->values == NULL)
		list->values = MemoryContextAlloc(context, capacity * sizeof(float8));
	else
		list->values = repalloc(list->values, capacity * sizeof(float8));
	list->capacity = capacity;
}

static void
risk_list_append(RiskList *list, const float8 *values, int64 n, MemoryContext context)
{
	if (n == 0)
		return;
	risk_list_reserve(list, n, context);
	memcpy(list->values + list->n, values, n * sizeof(float8));
	list->n += n;
}

static AucState *
auc_state_new(MemoryContext context)
{
	return MemoryContextAllocZero(context, sizeof(AucState));
}

/*
 * Transition: keeps one risk in its class.  A row with a NULL risk or a
 * NULL outcome is skipped (as avg() skips NULLs), but a non-finite risk is
 * refused even then, so an invalid value never passes silently.
 */
Datum
churn_auc_trans(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_auc_trans");
	AucState   *state = PG_ARGISNULL(0) ? NULL : (AucState *) PG_GETARG_POINTER(0);
	float8		risk;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	risk = checked_auc_risk(PG_GETARG_FLOAT8(1));
	if (PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = auc_state_new(context);
	risk_list_append(PG_GETARG_BOOL(2) ? &state->churners : &state->stayers,
					 &risk, 1, context);
	PG_RETURN_POINTER(state);
}

/* Combine: appends the second state's risks to the first's. */
Datum
churn_auc_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_auc_combine");
	AucState   *state = PG_ARGISNULL(0) ? NULL : (AucState *) PG_GETARG_POINTER(0);
	AucState   *other = PG_ARGISNULL(1) ? NULL : (AucState *) PG_GETARG_POINTER(1);

	if (other == NULL)
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	/* the first state must be one of the aggregate's: copy into its context */
	if (state == NULL)
		state = auc_state_new(context);
	risk_list_append(&state->churners, other->churners.values, other->churners.n, context);
	risk_list_append(&state->stayers, other->stayers.values, other->stayers.n, context);
	PG_RETURN_POINTER(state);
}

/*
 * Serialization for parallel workers: the two counts, then the raw values.
 * A worker's state goes to the leader of the same server, so the doubles
 * are copied as they are in memory, as array_agg's serialization does for
 * pass-by-value types.
 */
Datum
churn_auc_serialize(PG_FUNCTION_ARGS)
{
	AucState   *state;
	StringInfoData buf;

	aggregate_memory_context(fcinfo, "churn_auc_serialize");
	state = (AucState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->churners.n);
	pq_sendint64(&buf, state->stayers.n);
	if (state->churners.n > 0)
		pq_sendbytes(&buf, (char *) state->churners.values, state->churners.n * sizeof(float8));
	if (state->stayers.n > 0)
		pq_sendbytes(&buf, (char *) state->stayers.values, state->stayers.n * sizeof(float8));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Reads "n" values of one class into the state, checking the count. */
static void
read_risks(StringInfo buf, RiskList *list, int64 n, MemoryContext context)
{
	if (n == 0)
		return;
	risk_list_reserve(list, n, context);
	pq_copymsgbytes(buf, (char *) list->values, n * sizeof(float8));
	list->n = n;
}

Datum
churn_auc_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_auc_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	AucState   *state = auc_state_new(context);
	int64		churners;
	int64		stayers;

	read_bytes(&buf, bytes);
	churners = pq_getmsgint64(&buf);
	stayers = pq_getmsgint64(&buf);
	if (churners < 0 || stayers < 0 ||
		churners > AUC_MAX_PER_CLASS || stayers > AUC_MAX_PER_CLASS ||
		buf.len - buf.cursor != (churners + stayers) * (int64) sizeof(float8))
		elog(ERROR, "invalid churn_auc state: " INT64_FORMAT " and " INT64_FORMAT " risks in %d bytes",
			 churners, stayers, buf.len - buf.cursor);
	read_risks(&buf, &state->churners, churners, context);
	read_risks(&buf, &state->stayers, stayers, context);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(state);
}

static int
float8_cmp(const void *a, const void *b)
{
	float8		x = *(const float8 *) a;
	float8		y = *(const float8 *) b;

	return (x > y) - (x < y);
}

/*
 * 2U for sorted risks: per churner, 2 for every stayer below it and 1 for
 * every stayer tied with it.  The two stayer indexes only move forward as
 * the churners ascend, so the pass is linear.  2U <= 2 n1 n0 < 2^53.
 */
static uint64
twice_mann_whitney_u(const RiskList *churners, const RiskList *stayers)
{
	uint64		twice_u = 0;
	int64		below = 0;		/* stayers with a lower risk */
	int64		not_above = 0;	/* stayers with a lower or equal risk */

	for (int64 i = 0; i < churners->n; i++)
	{
		float8		risk = churners->values[i];

		while (below < stayers->n && stayers->values[below] < risk)
			below++;
		if (not_above < below)
			not_above = below;
		while (not_above < stayers->n && stayers->values[not_above] <= risk)
			not_above++;
		twice_u += (uint64) (2 * below + (not_above - below));
	}
	return twice_u;
}

/*
 * Final: U / (n1 n0), NULL without churners or without stayers.  Sorting
 * the arrays in place keeps the state what it means, the multiset of each
 * class's risks, so the function is READ_ONLY in effect: a window frame or
 * a second call sees the same values (and sorts them again, cheaply).
 */
Datum
churn_auc_final(PG_FUNCTION_ARGS)
{
	AucState   *state;
	uint64		pairs;
	uint64		twice_pairs;

	aggregate_memory_context(fcinfo, "churn_auc_final");
	state = PG_ARGISNULL(0) ? NULL : (AucState *) PG_GETARG_POINTER(0);
	if (state == NULL || state->churners.n == 0 || state->stayers.n == 0)
		PG_RETURN_NULL();
	/* cannot happen below AUC_MAX_PER_CLASS; checked rather than assumed */
	if (pg_mul_u64_overflow((uint64) state->churners.n, (uint64) state->stayers.n, &pairs) ||
		pg_mul_u64_overflow(pairs, 2, &twice_pairs))
		auc_too_many();
	qsort(state->churners.values, state->churners.n, sizeof(float8), float8_cmp);
	qsort(state->stayers.values, state->stayers.n, sizeof(float8), float8_cmp);
	PG_RETURN_FLOAT8((double) twice_mann_whitney_u(&state->churners, &state->stayers) /
					 (double) twice_pairs);
}

/* ----------------------------------------------------------------------
 * churn_brier
 * ---------------------------------------------------------------------- */

static float8
checked_probability(float8 risk)
{
	if (isnan(risk) || risk < 0 || risk > 1)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("churn_brier risk %s is out of range", float8out_internal(risk)),
				 errdetail("A risk is a probability, from 0 to 1.")));
	return risk;
}

static void
brier_add_count(BrierState *state, int64 n)
{
	if (pg_add_s64_overflow(state->n, n, &state->n))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("churn_brier cannot count more than " INT64_FORMAT " rows in one group",
						PG_INT64_MAX)));
}

/*
 * Transition: adds (risk - y)^2, rounded to double, to the exact sum.  As
 * for churn_auc, NULLs skip the row but an invalid risk is always refused.
 */
Datum
churn_brier_trans(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_brier_trans");
	BrierState *state = PG_ARGISNULL(0) ? NULL : (BrierState *) PG_GETARG_POINTER(0);
	float8		risk;
	float8		error;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	risk = checked_probability(PG_GETARG_FLOAT8(1));
	if (PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = MemoryContextAllocZero(context, sizeof(BrierState));
	error = risk - (PG_GETARG_BOOL(2) ? 1.0 : 0.0);
	brier_add_count(state, 1);
	exact_sum_add_double(&state->squares, error * error);
	PG_RETURN_POINTER(state);
}

Datum
churn_brier_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_brier_combine");
	BrierState *state = PG_ARGISNULL(0) ? NULL : (BrierState *) PG_GETARG_POINTER(0);
	BrierState *other = PG_ARGISNULL(1) ? NULL : (BrierState *) PG_GETARG_POINTER(1);

	if (other == NULL)
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = MemoryContextAllocZero(context, sizeof(BrierState));
	brier_add_count(state, other->n);
	exact_sum_add(&state->squares, &other->squares);
	PG_RETURN_POINTER(state);
}

/* The count and the sum's limbs, least significant first. */
Datum
churn_brier_serialize(PG_FUNCTION_ARGS)
{
	BrierState *state;
	StringInfoData buf;

	aggregate_memory_context(fcinfo, "churn_brier_serialize");
	state = (BrierState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->n);
	for (int k = 0; k < EXACT_SUM_LIMBS; k++)
		pq_sendint64(&buf, (int64) state->squares.limb[k]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
churn_brier_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "churn_brier_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	BrierState *state = MemoryContextAllocZero(context, sizeof(BrierState));

	read_bytes(&buf, bytes);
	state->n = pq_getmsgint64(&buf);
	for (int k = 0; k < EXACT_SUM_LIMBS; k++)
		state->squares.limb[k] = (uint64) pq_getmsgint64(&buf);
	pq_getmsgend(&buf);
	if (state->n < 0 || exact_sum_is_negative(&state->squares))
		elog(ERROR, "invalid churn_brier state");
	PG_RETURN_POINTER(state);
}

/*
 * Final: the exact sum of the rounded squares, rounded once to double, then
 * divided by the number of rows (exact in a double below 2^53 rows): two
 * roundings in all, neither depending on the order of the rows.
 */
Datum
churn_brier_final(PG_FUNCTION_ARGS)
{
	BrierState *state;

	aggregate_memory_context(fcinfo, "churn_brier_final");
	state = PG_ARGISNULL(0) ? NULL : (BrierState *) PG_GETARG_POINTER(0);
	if (state == NULL || state->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(exact_sum_round(&state->squares) / (double) state->n);
}
