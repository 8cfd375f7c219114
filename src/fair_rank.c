/*
 * fair_rank.c
 *		Fair rankings by empirical Bayes: nps_prior(), csat_prior() and
 *		ces_prior() estimate a prior from the summaries of many groups;
 *		{m}_shrunk() is a group's posterior mean and {m}_credible_lower()
 *		and _upper() the limits of its equal-tailed credible interval.
 *		The numbers are in fair_rank_math.c, the estimators and their
 *		sources in docs/metrics.md.
 *
 * A group enters as its shares (by weight, when weighted) and its Kish
 * effective size n_eff, as in the 1.1 statistics (stats.c): a weighted
 * summary counts as n_eff answers split in its weighted shares.  An empty
 * summary has no answers: its posterior is the prior.
 *
 * The aggregates' state is internal: a count of groups and exact sums
 * (exact_sum.h) of n, n^2, n * share and n * share^2 per category (CES:
 * n * mean, n * mean^2 and n * the mean square deviation), so the prior
 * is the same whatever the order of the groups or the parallel plan.
 */
#include "postgres.h"

#include "fair_rank_math.h"
#include "aggregate_state.h"
#include "stats_math.h"
#include "summary.h"
#include "summary_prior.h"

#include <float.h>
#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(prior_trans);
PG_FUNCTION_INFO_V1(prior_combine);
PG_FUNCTION_INFO_V1(prior_serialize);
PG_FUNCTION_INFO_V1(prior_deserialize);
PG_FUNCTION_INFO_V1(prior_final);
PG_FUNCTION_INFO_V1(nps_shrunk);
PG_FUNCTION_INFO_V1(nps_credible_lower);
PG_FUNCTION_INFO_V1(nps_credible_upper);
PG_FUNCTION_INFO_V1(csat_shrunk);
PG_FUNCTION_INFO_V1(csat_credible_lower);
PG_FUNCTION_INFO_V1(csat_credible_upper);
PG_FUNCTION_INFO_V1(ces_shrunk);
PG_FUNCTION_INFO_V1(ces_credible_lower);
PG_FUNCTION_INFO_V1(ces_credible_upper);

/* ---------- a summary as a group ---------- */

/*
 * NPS: share[] is promoters, passives, detractors; CSAT: satisfied,
 * unsatisfied; CES: mean is the (weighted) mean score and spread the
 * (weighted) mean square deviation from it.  n is n_eff, 0 when empty.
 */
typedef struct Group
{
	double		n;
	double		share[3];
	double		mean;
	double		spread;
} Group;

static double
weight_between(const ScoreSummary *summary, int lo, int hi)
{
	if (summary_is_weighted(summary))
		return summary_weight_between(summary, lo, hi);
	return (double) summary_count_between(summary, lo, hi);
}

static double
weight_of(const ScoreSummary *summary, int score)
{
	return weight_between(summary, score, score);
}

static Group
read_group(const ScoreSummary *summary)
{
	Group		g;
	double		total;

	memset(&g, 0, sizeof(g));
	if (summary_total(summary) == 0)
		return g;
	total = summary_is_weighted(summary) ? summary_total_weight(summary) :
		(double) summary_total(summary);
	g.n = summary_effective_size(summary);
	if (!(g.n > 0) || !(total > 0))
	{
		g.n = 0;
		return g;
	}
	switch ((SummaryKind) summary->kind)
	{
		case SUMMARY_NPS:
			g.share[PRIOR_PROMOTERS] = weight_between(summary, NPS_PROMOTERS->lo, NPS_PROMOTERS->hi) / total;
			g.share[PRIOR_PASSIVES] = weight_between(summary, NPS_PASSIVES->lo, NPS_PASSIVES->hi) / total;
			g.share[PRIOR_DETRACTORS] = weight_between(summary, NPS_DETRACTORS->lo, NPS_DETRACTORS->hi) / total;
			break;
		case SUMMARY_CSAT:
			g.share[PRIOR_SATISFIED] =
				weight_between(summary, summary->satisfied_from, summary->scale_max) / total;
			g.share[PRIOR_UNSATISFIED] =
				weight_between(summary, RATED_SCALE_MIN, summary->satisfied_from - 1) / total;
			break;
		case SUMMARY_CES:
			for (int s = RATED_SCALE_MIN; s <= summary->scale_max; s++)
				g.mean += weight_of(summary, s) * s;
			g.mean /= total;
			for (int s = RATED_SCALE_MIN; s <= summary->scale_max; s++)
				g.spread += weight_of(summary, s) * (s - g.mean) * (s - g.mean);
			g.spread /= total;
			break;
	}
	return g;
}

/* ---------- the aggregates' state ---------- */

#define PRIOR_SUMS	3

typedef struct PriorState
{
	uint8		kind;
	uint8		scale_max;		/* 0 until a group with answers came */
	uint8		satisfied_from;
	int64		groups;			/* with answers */
	ExactSum	n;				/* sum of n_eff */
	ExactSum	n2;				/* sum of n_eff^2 */
	ExactSum	first[PRIOR_SUMS];	/* n share, per category; CES: n mean */
	ExactSum	second[PRIOR_SUMS]; /* n share^2; CES: n mean^2, n spread */
} PriorState;

static const char *
prior_name(int kind)
{
	return psprintf("%s_prior", summary_kind(kind)->key);
}

/* One prior is estimated on one scale: the first group's. */
static void
check_scale(PriorState *state, int kind, int scale_max, int satisfied_from)
{
	if (state->scale_max == 0)
	{
		state->scale_max = (uint8) scale_max;
		state->satisfied_from = (uint8) satisfied_from;
		return;
	}
	if (state->scale_max != scale_max || state->satisfied_from != satisfied_from)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot mix summaries on different scales", prior_name(kind)),
				 kind == SUMMARY_CSAT ?
				 errdetail("One summary has scale 1..%d satisfied from %d, another 1..%d satisfied from %d.",
						   state->scale_max, state->satisfied_from, scale_max, satisfied_from) :
				 errdetail("One summary has scale 1..%d, another 1..%d.",
						   state->scale_max, scale_max)));
}

static void
add_group(PriorState *state, const ScoreSummary *summary)
{
	Group		g = read_group(summary);

	if (g.n == 0)
		return;
	check_scale(state, summary->kind, summary->scale_max, summary->satisfied_from);
	state->groups++;
	exact_sum_add_double(&state->n, g.n);
	exact_sum_add_double(&state->n2, g.n * g.n);
	if (summary->kind == SUMMARY_CES)
	{
		exact_sum_add_double(&state->first[0], g.n * g.mean);
		exact_sum_add_double(&state->second[0], g.n * g.mean * g.mean);
		exact_sum_add_double(&state->second[1], g.n * g.spread);
		return;
	}
	for (int j = 0; j < summary_prior_parameters(summary->kind); j++)
	{
		exact_sum_add_double(&state->first[j], g.n * g.share[j]);
		exact_sum_add_double(&state->second[j], g.n * g.share[j] * g.share[j]);
	}
}

static PriorState *
new_state(MemoryContext context, int kind)
{
	PriorState *state = MemoryContextAllocZero(context, sizeof(PriorState));

	state->kind = (uint8) kind;
	return state;
}

Datum
prior_trans(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "prior_trans");
	PriorState *state = PG_ARGISNULL(0) ? NULL : (PriorState *) PG_GETARG_POINTER(0);
	ScoreSummary *summary;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	summary = PG_GETARG_SUMMARY_VALUE(1);
	if (state == NULL)
		state = new_state(context, summary->kind);
	add_group(state, summary);
	PG_RETURN_POINTER(state);
}

Datum
prior_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "prior_combine");
	PriorState *state = PG_ARGISNULL(0) ? NULL : (PriorState *) PG_GETARG_POINTER(0);
	PriorState *other = PG_ARGISNULL(1) ? NULL : (PriorState *) PG_GETARG_POINTER(1);

	if (other == NULL)
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = new_state(context, other->kind);
	if (other->groups > 0)
	{
		check_scale(state, other->kind, other->scale_max, other->satisfied_from);
		state->groups += other->groups;
		exact_sum_add(&state->n, &other->n);
		exact_sum_add(&state->n2, &other->n2);
		for (int j = 0; j < PRIOR_SUMS; j++)
		{
			exact_sum_add(&state->first[j], &other->first[j]);
			exact_sum_add(&state->second[j], &other->second[j]);
		}
	}
	PG_RETURN_POINTER(state);
}

static void
send_sum(StringInfo buf, const ExactSum *sum)
{
	for (int k = 0; k < EXACT_SUM_LIMBS; k++)
		pq_sendint64(buf, (int64) sum->limb[k]);
}

static void
recv_sum(StringInfo buf, ExactSum *sum)
{
	for (int k = 0; k < EXACT_SUM_LIMBS; k++)
		sum->limb[k] = (uint64) pq_getmsgint64(buf);
	if (exact_sum_is_negative(sum) || !exact_sum_fits_double(sum))
		elog(ERROR, "invalid prior state");
}

Datum
prior_serialize(PG_FUNCTION_ARGS)
{
	PriorState *state;
	StringInfoData buf;

	aggregate_memory_context(fcinfo, "prior_serialize");
	state = (PriorState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, state->kind);
	pq_sendbyte(&buf, state->scale_max);
	pq_sendbyte(&buf, state->satisfied_from);
	pq_sendint64(&buf, state->groups);
	send_sum(&buf, &state->n);
	send_sum(&buf, &state->n2);
	for (int j = 0; j < PRIOR_SUMS; j++)
	{
		send_sum(&buf, &state->first[j]);
		send_sum(&buf, &state->second[j]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
prior_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_memory_context(fcinfo, "prior_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	PriorState *state;
	int			kind;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = 0;
	buf.cursor = 0;
	kind = pq_getmsgbyte(&buf);
	if (!summary_kind_is_valid(kind))
		elog(ERROR, "invalid prior state");
	state = new_state(context, kind);
	state->scale_max = pq_getmsgbyte(&buf);
	state->satisfied_from = pq_getmsgbyte(&buf);
	state->groups = pq_getmsgint64(&buf);
	if (state->groups < 0 || state->scale_max > SUMMARY_MAX_SCALE_MAX)
		elog(ERROR, "invalid prior state");
	recv_sum(&buf, &state->n);
	recv_sum(&buf, &state->n2);
	for (int j = 0; j < PRIOR_SUMS; j++)
	{
		recv_sum(&buf, &state->first[j]);
		recv_sum(&buf, &state->second[j]);
	}
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(state);
}

/*
 * The prior (docs/metrics.md, "Fair rankings"): NULL unless at least two
 * groups have answers and there are more answers than groups (the
 * within-group variance needs them).
 */
Datum
prior_final(PG_FUNCTION_ARGS)
{
	PriorState *state;
	SummaryPrior *prior;
	double		k,
				n,
				n2;
	bool		capped = false;

	aggregate_memory_context(fcinfo, "prior_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (PriorState *) PG_GETARG_POINTER(0);
	k = (double) state->groups;
	n = exact_sum_round(&state->n);
	n2 = exact_sum_round(&state->n2);
	if (state->groups < 2 || !(n > k))
		PG_RETURN_NULL();
	prior = summary_prior_new(state->kind);
	prior->scale_max = state->kind == SUMMARY_NPS ? 10 : state->scale_max;
	prior->satisfied_from = state->satisfied_from;
	prior->groups = state->groups;
	prior->responses = n;
	if (state->kind == SUMMARY_CES)
	{
		double		sum = exact_sum_round(&state->first[0]);
		double		ssb = exact_sum_round(&state->second[0]) - sum * sum / n;
		double		within = exact_sum_round(&state->second[1]) / (n - k);
		double		n0 = (n - n2 / n) / (k - 1);
		double		between = (ssb / (k - 1) - within) / n0;

		/* the prior is worth at most n answers: tau^2 >= sigma^2 / n */
		if (!(between >= within / n))
		{
			between = within / n;
			capped = true;
		}
		prior->mean = Min(Max(sum / n, 1), prior->scale_max);
		prior->between_variance = between;
		prior->within_variance = within;
	}
	else
	{
		int			categories = summary_prior_parameters(state->kind);
		double		ssb = 0,
					ssw = n,
					alpha;

		for (int j = 0; j < categories; j++)
		{
			double		s = exact_sum_round(&state->first[j]);
			double		t = exact_sum_round(&state->second[j]);

			ssb += t - s * s / n;
			ssw -= t;
		}
		alpha = moment_concentration(k, n, n2, ssb, Max(ssw, 0), &capped);
		for (int j = 0; j < categories; j++)
			prior->alpha[j] = alpha * (exact_sum_round(&state->first[j]) / n);
	}
	prior->capped = capped ? 1 : 0;
	PG_RETURN_POINTER(prior);
}

/* ---------- a group's posterior ---------- */

static SummaryPrior *
prior_for(FunctionCallInfo fcinfo, int argno, const ScoreSummary *summary, const char *caller)
{
	SummaryPrior *prior = PG_GETARG_SUMMARY_PRIOR(argno);

	if (prior->kind != summary->kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs %s %s prior, not %s %s one", caller,
						summary_kind(summary->kind)->article, summary_kind(summary->kind)->name,
						summary_kind(prior->kind)->article, summary_kind(prior->kind)->name),
				 errhint("Estimate it with %s_prior() over the groups' %s values.",
						 summary_kind(summary->kind)->key, summary_kind(summary->kind)->type_name)));
	if (summary_total(summary) > 0 &&
		(prior->scale_max != summary->scale_max ||
		 (summary->kind == SUMMARY_CSAT && prior->satisfied_from != summary->satisfied_from)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the summary and the prior are on different scales", caller),
				 summary->kind == SUMMARY_CSAT ?
				 errdetail("The summary has scale 1..%d satisfied from %d, the prior 1..%d satisfied from %d.",
						   summary->scale_max, summary->satisfied_from,
						   prior->scale_max, prior->satisfied_from) :
				 errdetail("The summary has scale 1..%d, the prior 1..%d.",
						   summary->scale_max, prior->scale_max)));
	return prior;
}

/* The lower tail probability of one limit of the central interval. */
static double
tail_for_level(FunctionCallInfo fcinfo, int argno, bool upper)
{
	float8		level = PG_GETARG_FLOAT8(argno);

	if (!(level > 0 && level < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level %s is out of range", float8out_internal(level)),
				 errdetail("The credible level must lie strictly between 0 and 1, such as 0.95.")));
	return upper ? 0.5 + 0.5 * level : 0.5 - 0.5 * level;
}

/* The Dirichlet (NPS) or Beta (CSAT) posterior parameters. */
static void
posterior_alpha(const SummaryPrior *prior, const Group *g, double *a)
{
	for (int j = 0; j < 3; j++)
		a[j] = prior->alpha[j] + g->n * g->share[j];
}

Datum
nps_shrunk(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	SummaryPrior *prior = prior_for(fcinfo, 1, summary, "nps_shrunk");
	Group		g = read_group(summary);
	double		a[3];

	posterior_alpha(prior, &g, a);
	PG_RETURN_FLOAT8(100 * (a[PRIOR_PROMOTERS] - a[PRIOR_DETRACTORS]) /
					 (a[PRIOR_PROMOTERS] + a[PRIOR_PASSIVES] + a[PRIOR_DETRACTORS]));
}

static Datum
nps_credible(FunctionCallInfo fcinfo, bool upper)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	SummaryPrior *prior = prior_for(fcinfo, 1, summary,
									upper ? "nps_credible_upper" : "nps_credible_lower");
	double		q = tail_for_level(fcinfo, 2, upper);
	Group		g = read_group(summary);
	double		a[3];

	posterior_alpha(prior, &g, a);
	PG_RETURN_FLOAT8(100 * dirichlet_difference_quantile(a[PRIOR_PROMOTERS], a[PRIOR_PASSIVES],
														 a[PRIOR_DETRACTORS], q));
}

Datum
nps_credible_lower(PG_FUNCTION_ARGS)
{
	return nps_credible(fcinfo, false);
}

Datum
nps_credible_upper(PG_FUNCTION_ARGS)
{
	return nps_credible(fcinfo, true);
}

Datum
csat_shrunk(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	SummaryPrior *prior = prior_for(fcinfo, 1, summary, "csat_shrunk");
	Group		g = read_group(summary);
	double		a[3];

	posterior_alpha(prior, &g, a);
	PG_RETURN_FLOAT8(100 * a[PRIOR_SATISFIED] / (a[PRIOR_SATISFIED] + a[PRIOR_UNSATISFIED]));
}

static Datum
csat_credible(FunctionCallInfo fcinfo, bool upper)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	SummaryPrior *prior = prior_for(fcinfo, 1, summary,
									upper ? "csat_credible_upper" : "csat_credible_lower");
	double		q = tail_for_level(fcinfo, 2, upper);
	Group		g = read_group(summary);
	double		a[3];

	posterior_alpha(prior, &g, a);
	PG_RETURN_FLOAT8(100 * beta_quantile(a[PRIOR_SATISFIED], a[PRIOR_UNSATISFIED], q));
}

Datum
csat_credible_lower(PG_FUNCTION_ARGS)
{
	return csat_credible(fcinfo, false);
}

Datum
csat_credible_upper(PG_FUNCTION_ARGS)
{
	return csat_credible(fcinfo, true);
}

/*
 * Normal-normal: the posterior of the group's true mean is normal with
 * mean (mu sigma^2 + n tau^2 ybar) / (sigma^2 + n tau^2) and variance
 * sigma^2 tau^2 / (sigma^2 + n tau^2).  Both variances 0 (every answer
 * alike): the prior mean, exactly.
 */
static void
ces_posterior(const SummaryPrior *prior, const Group *g, double *mean, double *variance)
{
	double		s2 = prior->within_variance;
	double		t2 = prior->between_variance;
	double		denominator = s2 + g->n * t2;

	if (!(denominator > 0))
	{
		*mean = prior->mean;
		*variance = 0;
		return;
	}
	*mean = (prior->mean * s2 + g->n * t2 * g->mean) / denominator;
	*variance = s2 * t2 / denominator;
}

Datum
ces_shrunk(PG_FUNCTION_ARGS)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	SummaryPrior *prior = prior_for(fcinfo, 1, summary, "ces_shrunk");
	Group		g = read_group(summary);
	double		mean,
				variance;

	ces_posterior(prior, &g, &mean, &variance);
	PG_RETURN_FLOAT8(mean);
}

/* Normal quantiles of the posterior, within the scale like ces_ci_lower(). */
static Datum
ces_credible(FunctionCallInfo fcinfo, bool upper)
{
	ScoreSummary *summary = PG_GETARG_SUMMARY_VALUE(0);
	SummaryPrior *prior = prior_for(fcinfo, 1, summary,
									upper ? "ces_credible_upper" : "ces_credible_lower");
	double		q = tail_for_level(fcinfo, 2, upper);
	Group		g = read_group(summary);
	double		mean,
				variance,
				limit;

	ces_posterior(prior, &g, &mean, &variance);
	limit = mean + normal_quantile(q) * sqrt(variance);
	PG_RETURN_FLOAT8(Min(Max(limit, RATED_SCALE_MIN), prior->scale_max));
}

Datum
ces_credible_lower(PG_FUNCTION_ARGS)
{
	return ces_credible(fcinfo, false);
}

Datum
ces_credible_upper(PG_FUNCTION_ARGS)
{
	return ces_credible(fcinfo, true);
}
