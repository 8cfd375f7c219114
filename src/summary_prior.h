/*
 * summary_prior.h
 *		The summary_prior value: an empirical Bayes prior estimated from the
 *		summaries of many groups by nps_prior(), csat_prior() or ces_prior()
 *		(summary_prior.c checks it and reads and writes its text and binary
 *		forms; fair_rank.c estimates and uses it; docs/metrics.md gives the
 *		estimators).
 */
#ifndef NPS_EXT_SUMMARY_PRIOR_H
#define NPS_EXT_SUMMARY_PRIOR_H

#include "pg_compat.h"
#include "summary_kind.h"

#include "fmgr.h"

#define SUMMARY_PRIOR_VERSION	1

/* The Dirichlet parameters of NPS, in this order in alpha[] */
#define PRIOR_PROMOTERS			0
#define PRIOR_PASSIVES			1
#define PRIOR_DETRACTORS		2
/* The Beta parameters of CSAT */
#define PRIOR_SATISFIED			0
#define PRIOR_UNSATISFIED		1

/*
 * SummaryPrior
 *
 * NPS: Dirichlet(alpha[0], alpha[1], alpha[2]) over the shares of
 * promoters, passives and detractors.  CSAT: Beta(alpha[0], alpha[1]) over
 * the satisfied share, on the scale (scale_max, satisfied_from).  CES:
 * a group's true mean score ~ N(mean, between_variance), answers around it
 * with the variance within_variance.  Fields a kind does not use are zero,
 * so equal priors are equal bytes.  groups and responses describe the data
 * the prior was estimated from; capped is 1 when the concentration hit its
 * cap (the groups vary no more than chance would make them, or barely
 * more: docs/metrics.md).
 */
typedef struct SummaryPrior
{
	int32		vl_len_;		/* varlena header (use SET_VARSIZE) */
	uint8		version;		/* SUMMARY_PRIOR_VERSION */
	uint8		kind;			/* SummaryKind */
	uint8		scale_max;		/* CSAT, CES: the scale; NPS: 10 */
	uint8		satisfied_from; /* CSAT; else 0 */
	uint8		capped;			/* 0 or 1 */
	uint8		padding[3];		/* zero */
	int64		groups;			/* groups with responses, >= 2 */
	double		responses;		/* their (effective) responses, > groups */
	double		alpha[3];		/* NPS, CSAT */
	double		mean;			/* CES */
	double		between_variance;	/* CES: tau^2 */
	double		within_variance;	/* CES: sigma^2 */
} SummaryPrior;

#define SUMMARY_PRIOR_SIZE		sizeof(SummaryPrior)
#define PG_GETARG_SUMMARY_PRIOR(n) ((SummaryPrior *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

extern SummaryPrior *summary_prior_new(SummaryKind kind);
extern const char *summary_prior_problem(const SummaryPrior *prior);
extern int	summary_prior_parameters(SummaryKind kind);

#endif							/* NPS_EXT_SUMMARY_PRIOR_H */
