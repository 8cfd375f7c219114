/*
 * churn_state.h
 *		Transition state of churn_risk(): what the model needs of one
 *		customer's response history, mergeable and order independent
 *		(churn_state.c makes and checks it).
 */
#ifndef NPS_EXT_CHURN_STATE_H
#define NPS_EXT_CHURN_STATE_H

#include "pg_compat.h"

#include "fmgr.h"
#include "datatype/timestamp.h"

#define CHURN_FORMAT_VERSION	1

/*
 * ChurnState
 *
 * The "latest" response is the greatest by (latest_at, -latest_score): on a
 * timestamp tie the lower score counts as the later one, so the choice never
 * depends on row order.  The earlier responses enter only through their
 * count and integer score sum, which merge exactly.
 *
 * as_of is fixed by the three-argument form on its first row; the
 * two-argument form leaves as_of_given = 0 and the final function reads the
 * transaction timestamp instead.
 */
typedef struct ChurnState
{
	int32		vl_len_;		/* varlena header (use SET_VARSIZE) */
	uint8		version;		/* CHURN_FORMAT_VERSION */
	uint8		latest_score;	/* 0..10, valid when responses > 0 */
	uint8		as_of_given;	/* 1 when as_of holds the caller's as_of */
	uint8		padding;		/* zero */
	int64		responses;		/* responses counted */
	int64		score_sum;		/* sum of their scores */
	TimestampTz latest_at;		/* when the latest response was given */
	TimestampTz as_of;			/* the caller's as_of, when as_of_given */
} ChurnState;

#define CHURN_STATE_SIZE		sizeof(ChurnState)
#define PG_GETARG_CHURN(n)		((ChurnState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

extern ChurnState *churn_state_new(void);
extern const char *churn_state_problem(const ChurnState *state);

#endif							/* NPS_EXT_CHURN_STATE_H */
