"""Oracles for csat_test and ces_test on weighted summaries (SciPy).

Writes sql/fixtures/two_sample_weighted_rows.csv, the weighted responses
(deterministic: random.Random(20261203)), and
sql/fixtures/two_sample_weighted_scipy.csv, SciPy's tests on them with
Kish's effective sample size n_eff = (sum w)^2 / sum w^2 in place of n:

- ces: scipy.stats.ttest_ind_from_stats(equal_var=False) with the weighted
  means, nobs = n_eff and std^2 = v * n_eff / (n_eff - 1), v the weighted
  mean squared deviation (so that std^2 / nobs = v / (n_eff - 1));
- csat: scipy.stats.chi2_contingency(correction=False) of the 2 x 2 table
  of effective counts (satisfied and unsatisfied weight shares times
  n_eff), whose statistic is z^2 of the pooled two-proportion z test.

Run from the repository root: python3 oracles/two_sample_tests_weighted.py
"""
import csv
import math
import random

from scipy import stats

rng = random.Random(20261203)
WEIGHTS = [0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.5]
CASES = [
    # metric, name, scale_max, satisfied_from, (n, score distribution) per sample
    ("ces", "1..7, n 80 and 120", 7, None, (80, [1, 1, 2, 3, 4, 3, 2]), (120, [2, 2, 3, 3, 3, 2, 1])),
    ("ces", "1..5, n 400 and 350", 5, None, (400, [1, 2, 3, 3, 1]), (350, [1, 1, 3, 4, 2])),
    ("csat", "1..5 top-2-box, n 150 and 90", 5, 4, (150, [1, 1, 2, 4, 3]), (90, [2, 2, 2, 3, 2])),
    ("csat", "1..7 top-3-box, n 500 and 600", 7, 5, (500, [1, 1, 1, 2, 3, 3, 2]), (600, [1, 1, 2, 2, 3, 2, 2])),
]


def draw(n, shape):
    scores = rng.choices(range(1, len(shape) + 1), weights=shape, k=n)
    return [(s, rng.choice(WEIGHTS)) for s in scores]


def effective(rows):
    total = math.fsum(w for _, w in rows)
    return total, total * total / math.fsum(w * w for _, w in rows)


def ces(a, b):
    def moments(rows):
        total, n_eff = effective(rows)
        mean = math.fsum(s * w for s, w in rows) / total
        v = math.fsum(w * (s - mean) ** 2 for s, w in rows) / total
        return mean, math.sqrt(v * n_eff / (n_eff - 1)), n_eff
    ma, sa, na = moments(a)
    mb, sb, nb = moments(b)
    r = stats.ttest_ind_from_stats(ma, sa, na, mb, sb, nb, equal_var=False)
    se2a, se2b = sa * sa / na, sb * sb / nb
    df = (se2a + se2b) ** 2 / (se2a ** 2 / (na - 1) + se2b ** 2 / (nb - 1))
    return r.statistic, df, r.pvalue


def csat(a, b, satisfied_from):
    table, shares = [], []
    for rows in (a, b):
        total, n_eff = effective(rows)
        sat = math.fsum(w for s, w in rows if s >= satisfied_from) / total
        table.append([sat * n_eff, (1 - sat) * n_eff])
        shares.append(sat)
    chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
    return math.copysign(math.sqrt(chi2), shares[0] - shares[1]), None, p


def fmt(x):
    return "" if x is None else repr(float(x))


with open("sql/fixtures/two_sample_weighted_rows.csv", "w", newline="") as rows_file, \
        open("sql/fixtures/two_sample_weighted_scipy.csv", "w", newline="") as out_file:
    rows_csv = csv.writer(rows_file, lineterminator="\n")
    out_csv = csv.writer(out_file, lineterminator="\n")
    rows_csv.writerow(["name", "sample", "score", "weight"])
    out_csv.writerow(["metric", "name", "scale_max", "satisfied_from", "statistic", "df", "p_value"])
    for metric, name, scale_max, satisfied_from, spec_a, spec_b in CASES:
        a, b = draw(*spec_a), draw(*spec_b)
        for sample, rows in (("a", a), ("b", b)):
            for s, w in rows:
                rows_csv.writerow([name, sample, s, w])
        result = ces(a, b) if metric == "ces" else csat(a, b, satisfied_from)
        out_csv.writerow([metric, name, scale_max, "" if satisfied_from is None else satisfied_from]
                         + [fmt(x) for x in result])
