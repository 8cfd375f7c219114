#!/usr/bin/python3
"""Oracle for the control-chart window functions (sql/control_charts.sql).

Python 3 with numpy only; deterministic (numpy.random.default_rng(20260301)).

    python3 oracles/control_charts.py

writes sql/fixtures/control_charts.csv, one row per period of seven series:

    series,kind,period,scale_max,satisfied_from,counts,
    value,center,lower,upper,signal,pchart_signal,lower_2,upper_2,
    ewma,ewma_lower,ewma_upper,ewma_signal,
    ewma_25,ewma_25_lower,ewma_25_upper,ewma_25_signal

counts are the responses per score, ';'-separated (NPS 0..10, CSAT and CES
1..scale_max); an empty counts field is a period without a summary (NULL),
"0;...;0" one without responses.  Every number is written with %.17g; an
empty field is NULL.  The charts are computed here from the counts alone,
following the formulas of docs/metrics.md, written independently of the C
code (vectorised, the EWMA variance as its explicit sum rather than the
recursion):

  x_i    the metric of period i on the fraction scale, n_i its responses
  c      sum(n_i x_i) / sum(n_i)
  V      NPS: pP + pD - (pP - pD)^2 with the pooled shares; CSAT: p (1 - p);
         CES: sum over all responses of (score - c)^2 / sum(n_i)
  z_i    (x_i - c) / sqrt(V / n_i)
  s_z    mean(|diff(z)|) / 1.128  (periods without responses left out)
  limits c -/+ k s_z sqrt(V / n_i)                      (k = 3; lower_2: 2)
  plain  c -/+ 3 sqrt(V / n_i)       (the p-chart without Laney's s_z)
  EWMA   e_0 = c, e_i = lam x_i + (1 - lam) e_(i-1)
         Var e_i = sum_j<=i lam^2 (1 - lam)^(2 (i - j)) s_z^2 V / n_j
         limits c -/+ k sqrt(Var e_i)     (lam = 0.1, k = 3; _25: 0.25, 2.7)

Values are in the metric's unit (NPS points, CSAT percent, CES score).
Fewer than three periods with responses: every column but value is empty
(the one such series is an NPS series).
"""
import csv
import numpy as np

OUT = "sql/fixtures/control_charts.csv"
D2 = 1.128
rng = np.random.default_rng(20260301)


def nps_counts(n, promoters, detractors):
    """Multinomial 0..10 counts: detractors on 0..6, passives 7..8, promoters 9..10."""
    p = np.zeros(11)
    p[0:7] = detractors / 7
    p[7:9] = (1 - promoters - detractors) / 2
    p[9:11] = promoters / 2
    return rng.multinomial(n, p)


def rated_counts(n, probabilities):
    return rng.multinomial(n, np.asarray(probabilities) / np.sum(probabilities))


series = []  # (name, kind, scale_max, satisfied_from, [counts or None])

# 1. Over-dispersed, large n: the true NPS moves week to week by a few
# points (no special cause), n ~ 20,000-40,000.  A plain p-chart alarms on
# most weeks; the Laney chart does not.
periods = []
for week in range(26):
    shift = rng.normal(0, 0.02)
    periods.append(nps_counts(int(rng.integers(20000, 40000)), 0.45 + shift, 0.20 - shift / 2))
series.append(("nps_overdispersed", "nps", 10, 0, periods))

# 2. The same kind of series with one special cause: week 18 drops 12 points.
periods = []
for week in range(26):
    shift = rng.normal(0, 0.02) - (0.08 if week == 17 else 0)
    periods.append(nps_counts(int(rng.integers(20000, 40000)), 0.45 + shift, 0.20 - shift / 2))
series.append(("nps_special_cause", "nps", 10, 0, periods))

# 3. A slow drift: 40 periods of ~600 responses, stable for 28, then the
# promoter share falls by 0.5 points a period.
periods = []
for t in range(40):
    drop = 0.005 * max(0, t - 27)
    periods.append(nps_counts(int(rng.integers(500, 700)), 0.50 - drop, 0.18 + drop / 2))
series.append(("nps_drift", "nps", 10, 0, periods))

# 4. Gaps: a period without a summary (NULL) and one without responses.
periods = []
for t in range(12):
    if t == 2:
        periods.append(None)
    elif t == 6:
        periods.append(np.zeros(11, dtype=int))
    else:
        periods.append(nps_counts(int(rng.integers(50, 400)), 0.40, 0.25))
series.append(("nps_gaps", "nps", 10, 0, periods))

# 5. CSAT on 1..5, satisfied from 4, with a drift and a NULL period.
periods = []
for t in range(24):
    if t == 5:
        periods.append(None)
        continue
    drop = 0.004 * max(0, t - 14)
    periods.append(rated_counts(int(rng.integers(800, 1500)),
                                [0.05, 0.07 + 2 * drop, 0.13, 0.40 - drop, 0.35 - drop]))
series.append(("csat_drift", "csat", 5, 4, periods))

# 6. CES on 1..7, over-dispersed means with one bad week.
periods = []
for t in range(20):
    base = np.array([0.05, 0.10, 0.20, 0.25, 0.20, 0.12, 0.08])
    tilt = rng.normal(0, 0.03) + (0.15 if t == 13 else 0)
    p = base * np.exp(tilt * np.arange(7))
    periods.append(rated_counts(int(rng.integers(2000, 5000)), p))
series.append(("ces_weekly", "ces", 7, 0, periods))

# 7. Too short: two periods give no chart.
series.append(("nps_short", "nps", 10, 0,
               [nps_counts(200, 0.4, 0.2), nps_counts(250, 0.4, 0.2)]))


def chart(kind, scale_max, satisfied_from, periods):
    valid = np.array([c is not None and np.sum(c) > 0 for c in periods])
    rows = len(periods)
    out = {k: [None] * rows for k in (
        "value", "center", "lower", "upper", "signal", "pchart_signal", "lower_2", "upper_2",
        "ewma", "ewma_lower", "ewma_upper", "ewma_signal",
        "ewma_25", "ewma_25_lower", "ewma_25_upper", "ewma_25_signal")}
    if valid.sum() < 3:
        for i in np.flatnonzero(valid):
            c = np.asarray(periods[i], dtype=float)
            out["value"][i] = 100 * (c[9:11].sum() - c[0:7].sum()) / c.sum()  # NPS only here
        return out
    counts = np.array([np.asarray(periods[i], dtype=float) for i in np.flatnonzero(valid)])
    n = counts.sum(axis=1)
    if kind == "nps":
        p_p = counts[:, 9:11].sum(axis=1) / n
        p_d = counts[:, 0:7].sum(axis=1) / n
        x = p_p - p_d
        pooled_p = counts[:, 9:11].sum() / n.sum()
        pooled_d = counts[:, 0:7].sum() / n.sum()
        center = np.sum(n * x) / n.sum()
        variance = pooled_p + pooled_d - (pooled_p - pooled_d) ** 2
        unit = 100.0
    elif kind == "csat":
        x = counts[:, satisfied_from - 1:].sum(axis=1) / n
        center = np.sum(n * x) / n.sum()
        pooled = counts[:, satisfied_from - 1:].sum() / n.sum()
        variance = pooled * (1 - pooled)
        unit = 100.0
    else:
        scores = np.arange(1, scale_max + 1)
        x = counts @ scores / n
        center = np.sum(n * x) / n.sum()
        variance = np.sum(counts @ (scores - center) ** 2) / n.sum()
        unit = 1.0
    sigma = np.sqrt(variance / n)
    z = (x - center) / sigma
    sigma_z = np.mean(np.abs(np.diff(z))) / D2
    lower, upper = center - 3 * sigma_z * sigma, center + 3 * sigma_z * sigma
    res = {
        "value": unit * x,
        "center": np.full(len(n), unit * center),
        "lower": unit * lower, "upper": unit * upper,
        "signal": (x < lower) | (x > upper),
        "pchart_signal": (x < center - 3 * sigma) | (x > center + 3 * sigma),
        "lower_2": unit * (center - 2 * sigma_z * sigma),
        "upper_2": unit * (center + 2 * sigma_z * sigma),
    }
    for suffix, lam, k in (("", 0.1, 3.0), ("_25", 0.25, 2.7)):
        m = len(n)
        e = np.empty(m)
        previous = center
        for i in range(m):
            previous = lam * x[i] + (1 - lam) * previous
            e[i] = previous
        var = np.array([np.sum(lam ** 2 * (1 - lam) ** (2 * (i - np.arange(i + 1)))
                               * sigma_z ** 2 * sigma[: i + 1] ** 2) for i in range(m)])
        lo, hi = center - k * np.sqrt(var), center + k * np.sqrt(var)
        res["ewma" + suffix] = unit * e
        res["ewma" + suffix + "_lower"] = unit * lo
        res["ewma" + suffix + "_upper"] = unit * hi
        res["ewma" + suffix + "_signal"] = (unit * e < unit * lo) | (unit * e > unit * hi)
    for key, values in res.items():
        for j, i in enumerate(np.flatnonzero(valid)):
            out[key][i] = values[j]
    return out


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "t" if v else "f"
    return "%.17g" % v


columns = ["value", "center", "lower", "upper", "signal", "pchart_signal", "lower_2", "upper_2",
           "ewma", "ewma_lower", "ewma_upper", "ewma_signal",
           "ewma_25", "ewma_25_lower", "ewma_25_upper", "ewma_25_signal"]
with open(OUT, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["series", "kind", "period", "scale_max", "satisfied_from", "counts"] + columns)
    for name, kind, scale_max, satisfied_from, periods in series:
        res = chart(kind, scale_max, satisfied_from, periods)
        for i, c in enumerate(periods):
            w.writerow([name, kind, i + 1, scale_max, satisfied_from,
                        "" if c is None else ";".join(str(int(v)) for v in c)]
                       + [fmt(res[k][i]) for k in columns])
