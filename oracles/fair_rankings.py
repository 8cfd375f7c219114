#!/usr/bin/env python3
"""Oracle for nps_ext's fair rankings (empirical Bayes): the groups, the
priors by the method of moments and each group's posterior mean and 95%
equal-tailed credible limits, computed with SciPy, independently of the
extension's C code.

Writes (from the repository root):
  sql/fixtures/fair_groups.csv   metric,grp,score,responses: the answers
  sql/fixtures/fair_priors.csv   metric,parameter,value
  sql/fixtures/fair_scipy.csv    metric,grp,responses,shrunk,lower,upper

The prior is the estimator documented in docs/metrics.md ("Fair rankings"),
written here in its direct form (deviations from the pooled mean, group by
group), not from the running sums the extension keeps.  The NPS limits
integrate the CDF of pP - pD conditioning on pD (the extension conditions
on pP) with scipy.integrate.quad and invert it with scipy.optimize.brentq;
the CSAT limits are scipy.stats.beta.ppf; the CES limits scipy.stats.norm.
Deterministic: random.Random(20261130).
"""
import csv
import math
import random

import numpy as np
from scipy import integrate, optimize, stats

LEVEL = 0.95
rng = random.Random(20261130)


def draw(probabilities, n):
    cum = np.cumsum(probabilities)
    out = [0] * len(probabilities)
    for _ in range(n):
        u = rng.random()
        out[int(np.searchsorted(cum, u, side="right"))] += 1
    return out


def sizes():
    """25 group sizes from 4 to 240; agent 1 has 4 answers."""
    return [4, 6, 8, 9, 11, 13, 15, 18, 21, 25, 30, 35, 40, 46, 53, 60, 70, 80,
            95, 110, 130, 150, 180, 210, 240]


# ---------- the groups ----------
groups = {"nps": [], "csat": [], "ces": []}
for i, n in enumerate(sizes(), start=1):
    if i == 1:
        nps = [0] * 10 + [4]                      # four 10s: NPS 100
    else:
        promoters = min(max(rng.gauss(0.45, 0.05), 0.05), 0.9)
        detractors = min(max(rng.gauss(0.22, 0.04), 0.02), 0.9 - promoters)
        passives = 1 - promoters - detractors
        p = [detractors / 7] * 7 + [passives / 2] * 2 + [promoters / 2] * 2
        nps = draw(p, n)
    groups["nps"].append(nps)
    satisfied = min(max(rng.gauss(0.78, 0.08), 0.3), 0.98)
    csat = draw([(1 - satisfied) / 3] * 3 + [satisfied / 2] * 2, n)
    groups["csat"].append(csat)
    centre = rng.gauss(5.0, 0.4)
    w = np.exp(-0.5 * ((np.arange(1, 8) - centre) / 1.4) ** 2)
    groups["ces"].append(draw(list(w / w.sum()), n))


# ---------- priors: the direct form of the moment estimator ----------
def categorical_prior(counts):
    """counts: per group, the counts per category."""
    counts = np.array(counts, dtype=float)
    n = counts.sum(axis=1)
    k = len(n)
    total = n.sum()
    shares = counts / n[:, None]
    m = counts.sum(axis=0) / total
    ssb = float(sum(n[i] * ((shares[i] - m) ** 2).sum() for i in range(k)))
    ssw = float(sum(n[i] * (1 - (shares[i] ** 2).sum()) for i in range(k)))
    msb = ssb / (k - 1)
    msw = ssw / (total - k)
    n0 = (total - (n ** 2).sum() / total) / (k - 1)
    alpha = n0 * msw / (msb - msw) if msb > msw else total
    capped = not (1 <= alpha <= total)
    alpha = min(max(alpha, 1), total)
    return alpha * m, capped, k, total


def nps_categories(c):
    return [sum(c[9:11]), sum(c[7:9]), sum(c[0:7])]


def csat_categories(c):
    return [sum(c[3:5]), sum(c[0:3])]


def ces_prior(counts):
    counts = np.array(counts, dtype=float)
    scores = np.arange(1, counts.shape[1] + 1)
    n = counts.sum(axis=1)
    k = len(n)
    total = n.sum()
    means = (counts * scores).sum(axis=1) / n
    within = float(sum(((scores - means[i]) ** 2 * counts[i]).sum() for i in range(k))) / (total - k)
    mu = float((n * means).sum() / total)
    ssb = float((n * (means - mu) ** 2).sum())
    n0 = (total - (n ** 2).sum() / total) / (k - 1)
    between = (ssb / (k - 1) - within) / n0
    capped = not (between >= within / total)
    if capped:
        between = within / total
    return mu, between, within, capped, k, total, means, n


# ---------- the NPS posterior: X = pP - pD, conditioning on pD ----------
def nps_cdf(aP, a0, aD, x):
    d_lo = max(-x, 0.0)
    d_hi = (1 - x) / 2
    pD = stats.beta(aD, aP + a0)
    tail = pD.sf(d_hi)
    if d_hi <= d_lo:
        return tail

    def integrand(d):
        c = (x + d) / (1 - d)
        return pD.pdf(d) * stats.beta.cdf(c, aP, a0)
    mean, sd = pD.mean(), pD.std()
    points = [p for p in (mean + t * sd for t in (-8, -4, -2, -1, 0, 1, 2, 4, 8)) if d_lo < p < d_hi]
    value, _ = integrate.quad(integrand, d_lo, d_hi, points=points or None,
                              epsabs=1e-15, epsrel=1e-13, limit=1000)
    return value + tail


def nps_quantile(aP, a0, aD, q):
    return optimize.brentq(lambda x: nps_cdf(aP, a0, aD, x) - q, -1 + 1e-12, 1 - 1e-12,
                           xtol=1e-15, rtol=1e-15, maxiter=500)


lo_q, hi_q = (1 - LEVEL) / 2, (1 + LEVEL) / 2
priors = []
results = []

nps_counts = [nps_categories(c) for c in groups["nps"]]
alpha, capped, k, total = categorical_prior(nps_counts)
for name, value in zip(("alpha_promoters", "alpha_passives", "alpha_detractors"), alpha):
    priors.append(("nps", name, value))
priors += [("nps", "groups", k), ("nps", "responses", total), ("nps", "capped", int(capped))]
for g, c in enumerate(nps_counts, start=1):
    a = alpha + np.array(c, dtype=float)
    shrunk = 100 * (a[0] - a[2]) / a.sum()
    results.append(("nps", g, sum(c), shrunk, 100 * nps_quantile(*a, lo_q),
                    100 * nps_quantile(*a, hi_q)))

csat_counts = [csat_categories(c) for c in groups["csat"]]
alpha, capped, k, total = categorical_prior(csat_counts)
priors += [("csat", "alpha_satisfied", alpha[0]), ("csat", "alpha_unsatisfied", alpha[1]),
           ("csat", "groups", k), ("csat", "responses", total), ("csat", "capped", int(capped))]
for g, c in enumerate(csat_counts, start=1):
    a, b = alpha[0] + c[0], alpha[1] + c[1]
    results.append(("csat", g, sum(c), 100 * a / (a + b), 100 * stats.beta.ppf(lo_q, a, b),
                    100 * stats.beta.ppf(hi_q, a, b)))

mu, between, within, capped, k, total, means, n = ces_prior(groups["ces"])
priors += [("ces", "mean", mu), ("ces", "between_variance", between),
           ("ces", "within_variance", within), ("ces", "groups", k),
           ("ces", "responses", total), ("ces", "capped", int(capped))]
for g in range(k):
    precision = 1 / between + n[g] / within
    mean = (mu / between + n[g] * means[g] / within) / precision
    sd = math.sqrt(1 / precision)
    results.append(("ces", g + 1, int(n[g]), mean,
                    min(max(stats.norm.ppf(lo_q, mean, sd), 1), 7),
                    min(max(stats.norm.ppf(hi_q, mean, sd), 1), 7)))

with open("sql/fixtures/fair_groups.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["metric", "grp", "score", "responses"])
    for metric, low in (("nps", 0), ("csat", 1), ("ces", 1)):
        for g, c in enumerate(groups[metric], start=1):
            for s, count in enumerate(c):
                if count:
                    w.writerow([metric, g, s + low, count])

with open("sql/fixtures/fair_priors.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["metric", "parameter", "value"])
    for metric, name, value in priors:
        w.writerow([metric, name, "%.17g" % value])

with open("sql/fixtures/fair_scipy.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["metric", "grp", "responses", "shrunk", "lower", "upper"])
    for metric, g, n_g, shrunk, lower, upper in results:
        w.writerow([metric, g, n_g, "%.17g" % shrunk, "%.17g" % lower, "%.17g" % upper])
