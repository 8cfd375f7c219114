#!/usr/bin/env python3
"""Write the churn training data for the nps_ext churn oracle.

Deterministic: Python's random.Random(20261130), standard library only.
Writes sql/fixtures/churn_training.csv and sql/fixtures/churn_outcomes.csv
(paths relative to the repository root, found from this file's location).

The features are computed here only to draw the outcome from a known
logistic model; oracles/churn_glm.R computes them again, independently.
"""
import csv
import math
import os
import random
from datetime import datetime, timedelta, timezone

SEED = 20261130
N_CUSTOMERS = 1200
UTC = timezone.utc
AS_OF = datetime(2025, 7, 1, tzinfo=UTC)
WINDOW_START = datetime(2023, 7, 1, tzinfo=UTC)
WINDOW_END = datetime(2025, 6, 30, 23, 59, 59, tzinfo=UTC)   # < AS_OF
AFTER_START = datetime(2025, 7, 1, 0, 0, 1, tzinfo=UTC)      # > AS_OF
AFTER_END = datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC)
YEAR_BEFORE = AS_OF - timedelta(days=365)                     # 2024-07-01 00:00:00

# The true model (intercept -2.75 instead of -2.5, so that about 21% churn).
TRUE = {
    "intercept": -2.75,
    "dissatisfaction": 1.5,
    "detractor": 0.6,
    "decline": 1.0,
    "silence": 1.8,
    "engagement": -0.25,
    "effort": 0.2,
    "satisfaction": -0.3,
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_TRAINING = os.path.join(ROOT, "sql", "fixtures", "churn_training.csv")
OUT_OUTCOMES = os.path.join(ROOT, "sql", "fixtures", "churn_outcomes.csv")


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def rand_time(rng, lo, hi):
    span = int((hi - lo).total_seconds())
    return lo + timedelta(seconds=rng.randint(0, span))


def make_customer(rng, cid):
    """Return a list of [time, score, effort, satisfaction] (None = NULL)."""
    z = rng.gauss(0.0, 1.0)            # latent level: high = happy
    trend = rng.gauss(0.0, 1.2)        # score points per year (decliners < 0)
    k = rng.randint(1, 8)
    # Some customers went quiet long ago: their responses end early.
    end = WINDOW_END
    if rng.random() < 0.3:
        end = rand_time(rng, WINDOW_START + timedelta(days=30), WINDOW_END)
    times = set()
    while len(times) < k:
        times.add(rand_time(rng, WINDOW_START, end))
    rows = []
    for t in sorted(times):
        years = (t - AS_OF).total_seconds() / (365.25 * 86400)   # <= 0
        mu = 7.0 + 2.0 * z + trend * years
        score = clamp(int(round(mu + rng.gauss(0.0, 1.3))), 0, 10)
        effort = clamp(int(round(3.5 - 1.1 * z + rng.gauss(0.0, 1.0))), 1, 7)
        sat = clamp(int(round(3.4 + 0.8 * z + rng.gauss(0.0, 0.8))), 1, 5)
        rows.append([
            t,
            None if rng.random() < 0.03 else score,
            None if rng.random() < 0.15 else effort,
            None if rng.random() < 0.15 else sat,
        ])
    return rows, z


def features(rows):
    """The feature definitions of oracles/README.md, for one customer."""
    rows = [r for r in rows if r[0] <= AS_OF]
    scored = [r for r in rows if r[1] is not None]
    n = len(scored)
    s = sum(r[1] for r in scored)
    # Latest: greatest time; on a tie the lower score is the later.
    latest_row = max(scored, key=lambda r: (r[0], -r[1]))
    latest, latest_at = latest_row[1], latest_row[0]
    f = {}
    f["dissatisfaction"] = (10 - latest) / 10
    f["detractor"] = 1 if latest <= 6 else 0
    f["decline"] = max(0.0, (s - latest) / (n - 1) - latest) / 10 if n >= 2 else 0.0
    d = max(0.0, (AS_OF - latest_at).total_seconds() / 86400)
    f["silence"] = 1 - 2 ** (-d / 180)
    f["engagement"] = sum(1 for r in scored if YEAR_BEFORE < r[0] <= AS_OF)
    eff = [r[2] for r in rows if r[2] is not None]
    sat = [r[3] for r in rows if r[3] is not None]
    f["effort"] = sum(eff) / len(eff)
    f["satisfaction"] = sum(sat) / len(sat)
    return f


def main():
    rng = random.Random(SEED)
    data = {}
    for cid in range(1, N_CUSTOMERS + 1):
        rows, _ = make_customer(rng, cid)
        data[cid] = rows

    # Exact ties: 20 customers with >= 2 responses get their two latest
    # responses at the identical time, with two different non-null scores.
    multi = [c for c in data if len(data[c]) >= 2]
    for cid in sorted(rng.sample(multi, 20)):
        rows = data[cid]
        a, b = rows[-2], rows[-1]
        a[0] = b[0]
        if a[1] is None:
            a[1] = rng.randint(0, 10)
        if b[1] is None:
            b[1] = rng.randint(0, 10)
        if a[1] == b[1]:
            b[1] = b[1] + 3 if b[1] <= 7 else b[1] - 3

    # Boundary of the engagement window: a few responses exactly at
    # as_of - 365 days (2024-07-01 00:00:00), which do not count.
    for cid in sorted(rng.sample(range(1, N_CUSTOMERS + 1), 6)):
        rows = data[cid]
        if all(r[0] != YEAR_BEFORE for r in rows):
            rows.append([YEAR_BEFORE, rng.randint(0, 10),
                         rng.randint(1, 7), rng.randint(1, 5)])

    # Every customer: at least one non-null score, effort and satisfaction
    # at or before as_of (all rows so far are before as_of).
    for cid, rows in data.items():
        for col, lo, hi in ((1, 0, 10), (2, 1, 7), (3, 1, 5)):
            if all(r[col] is None for r in rows):
                rng.choice(rows)[col] = rng.randint(lo, hi)

    # Responses after as_of (about 10% of customers, one or two each),
    # which the features must ignore.
    for cid in range(1, N_CUSTOMERS + 1):
        if rng.random() < 0.10:
            for _ in range(rng.randint(1, 2)):
                data[cid].append([rand_time(rng, AFTER_START, AFTER_END),
                                  rng.randint(0, 10), rng.randint(1, 7),
                                  rng.randint(1, 5)])

    # Outcome from the known logistic model.
    churned = {}
    for cid in range(1, N_CUSTOMERS + 1):
        f = features(data[cid])
        eta = TRUE["intercept"] + sum(TRUE[k] * f[k] for k in f)
        p = 1 / (1 + math.exp(-eta))
        churned[cid] = rng.random() < p

    rate = sum(churned.values()) / N_CUSTOMERS
    assert 0.15 <= rate <= 0.25, rate

    def key(r):
        return (r[0], -1 if r[1] is None else r[1])

    def fmt(v):
        return "" if v is None else str(v)

    os.makedirs(os.path.dirname(OUT_TRAINING), exist_ok=True)
    nrows = 0
    with open(OUT_TRAINING, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["customer_id", "score", "responded_at", "effort", "satisfaction"])
        for cid in range(1, N_CUSTOMERS + 1):
            for r in sorted(data[cid], key=key):
                w.writerow([cid, fmt(r[1]), r[0].strftime("%Y-%m-%d %H:%M:%S+00"),
                            fmt(r[2]), fmt(r[3])])
                nrows += 1
    with open(OUT_OUTCOMES, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["customer_id", "churned"])
        for cid in range(1, N_CUSTOMERS + 1):
            w.writerow([cid, "t" if churned[cid] else "f"])
    print(f"{nrows} responses, {N_CUSTOMERS} customers, churn rate {rate:.3f}")


if __name__ == "__main__":
    main()
