-- churn_risk(): the documented model, its features, and its guarantees.
SET timezone = 'UTC';

CREATE TEMP TABLE history (customer int, score int, at timestamptz);
INSERT INTO history VALUES
  (1, 10, '2025-06-01'),                          -- one recent promoter
  (2, 0,  '2025-06-01'),                          -- one recent zero
  (3, 10, '2025-01-01'), (3, 9, '2025-03-01'), (3, 3, '2025-06-01'),  -- decline
  (4, 3,  '2025-01-01'), (4, 3, '2025-03-01'), (4, 3, '2025-06-01'),  -- steady detractor
  (5, 9,  '2024-06-01'),                          -- silent promoter
  (6, 7,  '2025-06-01'), (6, NULL, '2025-06-20'), (6, 8, NULL),       -- NULLs skipped
  (7, 9,  '2025-07-01');                          -- only after as_of

SELECT customer, round(churn_risk(score, at, '2025-06-30')::numeric, 6) AS risk
FROM history GROUP BY customer ORDER BY customer;

-- The formula of docs/metrics.md, written out in SQL for customer 3:
-- latest 3, earlier mean 9.5, 29 days silent.
SELECT round((1 / (1 + exp(-(-3.0 + 3.0 * (10 - 3) / 10.0 + 1.0
                              + 2.0 * (9.5 - 3) / 10.0
                              + 2.0 * (1 - power(2, -29 / 180.0))))))::numeric, 6) AS by_hand;

-- Row order does not matter, nor does a tie's position.
SELECT churn_risk(score, at, '2025-06-30' ORDER BY at) =
       churn_risk(score, at, '2025-06-30' ORDER BY at DESC) AS order_independent
FROM history WHERE customer = 3;
SELECT churn_risk(s, t, '2025-02-01' ORDER BY s) = churn_risk(s, t, '2025-02-01' ORDER BY s DESC)
       AS tie_order_independent
FROM (VALUES (9, timestamptz '2025-01-01'), (2, '2025-01-01')) AS v(s, t);

-- Monotone: a lower latest score, a bigger decline, a longer silence never
-- lower the risk.
SELECT bool_and(a.r <= b.r) AS lower_latest_score_never_lowers_risk
FROM (SELECT s, churn_risk(v, t, '2025-06-30') AS r
      FROM generate_series(0, 10) AS s,
           LATERAL (VALUES (8, timestamptz '2025-01-01'), (s, '2025-06-01')) AS h(v, t)
      GROUP BY s) AS a
JOIN (SELECT s, churn_risk(v, t, '2025-06-30') AS r
      FROM generate_series(0, 10) AS s,
           LATERAL (VALUES (8, timestamptz '2025-01-01'), (s, '2025-06-01')) AS h(v, t)
      GROUP BY s) AS b ON b.s = a.s - 1;
SELECT bool_and(r >= lag_r) AS longer_silence_never_lowers_risk
FROM (SELECT r, lag(r) OVER (ORDER BY d) AS lag_r
      FROM (SELECT d, churn_risk(5, timestamptz '2025-01-01', timestamptz '2025-01-01' + d * interval '1 day') AS r
            FROM generate_series(0, 1000, 7) AS d GROUP BY d) AS x) AS y
WHERE lag_r IS NOT NULL;
SELECT bool_and(r >= lag_r) AS bigger_decline_never_lowers_risk
FROM (SELECT r, lag(r) OVER (ORDER BY e) AS lag_r
      FROM (SELECT e, churn_risk(v, t, '2025-06-30') AS r
            FROM generate_series(0, 10) AS e,
                 LATERAL (VALUES (e, timestamptz '2025-01-01'), (4, '2025-06-01')) AS h(v, t)
            GROUP BY e) AS x) AS y
WHERE lag_r IS NOT NULL;

-- Bounds over every latest score and silence.
SELECT min(r) > 0 AND max(r) < 1 AS within_bounds
FROM (SELECT churn_risk(s, timestamptz '2020-01-01', timestamptz '2020-01-01' + d * interval '1 day') AS r
      FROM generate_series(0, 10) AS s, generate_series(0, 3650, 365) AS d
      GROUP BY s, d) AS x;

-- The two-argument form is the three-argument form as of the transaction start.
SELECT churn_risk(score, at) = churn_risk(score, at, now()) AS as_of_now
FROM history WHERE customer = 3;

-- Anywhere in time: the risk depends on the scores and on the time from the
-- latest response to as_of only, so the same history scores the same in
-- 1900, on either side of 2000-01-01 00:00 UTC (where PostgreSQL's
-- timestamps are 0) and in 2200; and the state it leaves reads back.
CREATE TEMP TABLE eras (era timestamptz);
INSERT INTO eras VALUES ('1900-01-01 00:00+00'), ('1999-06-30 00:00+00'), ('1999-12-31 23:59:59.999999+00'),
  ('2000-01-01 00:00+00'), ('2000-01-01 00:00:00.000001+00'), ('2025-06-01 00:00+00'), ('2200-01-01 00:00+00');
CREATE AGGREGATE churn_state_of(int, timestamptz, timestamptz) (SFUNC = churn_trans, STYPE = churn_state,
  INITCOND = '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}');
SELECT e.era,
       round(churn_risk(h.score, e.era + h.after, e.era + interval '120 days')::numeric, 6) AS risk,
       round(churn_risk(h.score, e.era + h.after, e.era + interval '120 days')
             FILTER (WHERE h.score >= 9)::numeric, 6) AS risk_promoters_only,
       churn_state_of(h.score, e.era + h.after, e.era + interval '120 days')::text::churn_state::text =
       churn_state_of(h.score, e.era + h.after, e.era + interval '120 days')::text AS state_reads_back
FROM eras AS e,
     (VALUES (10, interval '0 days'), (9, interval '30 days'), (10, interval '60 days'), (4, interval '90 days'))
       AS h(score, after)
GROUP BY e.era ORDER BY e.era;
DROP AGGREGATE churn_state_of(int, timestamptz, timestamptz);

-- A customer with no usable response gets NULL.
SELECT churn_risk(score, at, '2025-06-30') IS NULL AS no_responses_is_null
FROM history WHERE customer = 7;
RESET timezone;
