/*
 * churn_state.h
 *		The churn_state value: what the churn features need of one customer's
 *		response history, mergeable and order independent.  churn_state.c
 *		makes, reads and checks it; churn.c (churn.h) adds responses and
 *		merges states.
 */
#ifndef NPS_EXT_CHURN_STATE_H
#define NPS_EXT_CHURN_STATE_H

#include "pg_compat.h"

#include "fmgr.h"
#include "datatype/timestamp.h"

/* Format 1 is 1.0/1.1's; 1.2 writes format 2 and reads both. */
#define CHURN_FORMAT_V1			1
#define CHURN_FORMAT_VERSION	2

/* flags (format 2) */
#define CHURN_RECENT_KNOWN		0x01	/* recent_responses was counted */

/* An effort or satisfaction answer is an integer in this range. */
#define CHURN_ANSWER_MIN		0
#define CHURN_ANSWER_MAX		100

/* engagement counts the scored responses of this many days up to as_of */
#define CHURN_RECENT_DAYS		365

/*
 * ChurnState
 *
 * The "latest" response is the greatest by (latest_at, -latest_score): on a
 * timestamp tie the lower score counts as the later one, so the choice never
 * depends on row order.  Everything else is an exact integer count or sum,
 * so states merge exactly across parallel workers and Citus nodes.
 *
 * as_of is fixed by the forms that take it on their first row; the forms
 * without it leave as_of_given = 0 and use the transaction start.
 *
 * Format 1 (1.0, 1.1) is the first 40 bytes, with flags zero: a stored 1.1
 * value keeps its size and its text, 1.1's aggregates (initial value in
 * format 1) go on making format 1, and churn_state_read() widens it for
 * computing.  A format 1 state with responses does not know how many of
 * them were recent, so CHURN_RECENT_KNOWN is clear and engagement unknown.
 */
typedef struct ChurnState
{
	int32		vl_len_;		/* varlena header (use SET_VARSIZE) */
	uint8		version;		/* CHURN_FORMAT_V1 or CHURN_FORMAT_VERSION */
	uint8		latest_score;	/* 0..10, valid when responses > 0 */
	uint8		as_of_given;	/* 1 when as_of holds the caller's as_of */
	uint8		flags;			/* CHURN_RECENT_KNOWN; zero in format 1 */
	int64		responses;		/* scored responses counted */
	int64		score_sum;		/* sum of their scores */
	TimestampTz latest_at;		/* when the latest response was given */
	TimestampTz as_of;			/* the caller's as_of, when as_of_given */
	/* format 2 only */
	int64		recent_responses;	/* scored, in the CHURN_RECENT_DAYS to as_of */
	int64		effort_answers; /* effort answers counted */
	int64		effort_sum;		/* their sum */
	int64		satisfaction_answers;	/* satisfaction answers counted */
	int64		satisfaction_sum;	/* their sum */
} ChurnState;

#define CHURN_STATE_SIZE		sizeof(ChurnState)
#define CHURN_STATE_V1_SIZE		offsetof(ChurnState, recent_responses)

/* A format 1 or 2 value, detoasted, as stored (for output). */
#define PG_GETARG_CHURN_STORED(n) ((ChurnState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
/* A format 2 state to compute with (a 1.1 value widened); read only. */
#define PG_GETARG_CHURN(n)		churn_state_read(PG_GETARG_DATUM(n))

extern ChurnState *churn_state_new(void);
extern ChurnState *churn_state_read(Datum value);
extern const char *churn_state_problem(const ChurnState *state);

#endif							/* NPS_EXT_CHURN_STATE_H */
