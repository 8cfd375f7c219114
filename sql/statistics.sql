-- Survey statistics against the oracles of docs/metrics.md (fraction scale there,
-- points here), the minimum-n rule, argument errors, and the two-sample test.

CREATE TEMP TABLE oracle (label text, s nps_summary);
-- counts are per score 0..10: detractors at 0, passives at 7, promoters at 9
INSERT INTO oracle VALUES
  ('(1,2,3) n=6',       '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,3,0]}'),
  ('(40,60,100) n=200', '{"version":1,"kind":"nps","counts":[40,0,0,0,0,0,0,60,0,100,0]}'),
  ('(1,0,1)',           '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,1,0]}'),
  ('(0,1,1)',           '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,1,0,1,0]}'),
  ('only promoters',    '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,4,6]}');

-- Point estimate and Wald standard error (oracle: 0.333333 / 0.304290 ...).
SELECT label, nps(s), round(nps_stderr(s, min_responses => 1)::numeric, 4) AS stderr,
       round(nps_margin(s, min_responses => 1)::numeric, 4) AS margin_95
FROM oracle;

-- The three interval methods at 95% (oracle to six places, in points).
SELECT label, method,
       round(nps_ci_lower(s, 0.95, method, 1)::numeric, 4) AS lower,
       round(nps_ci_upper(s, 0.95, method, 1)::numeric, 4) AS upper
FROM oracle, unnest(ARRAY['wald', 'adjusted_wald', 'score']) AS method
WHERE label IN ('(1,2,3) n=6', '(40,60,100) n=200', 'only promoters')
ORDER BY label, method;

-- At full precision against the oracle digits (|difference| < 5e-5 points).
SELECT bool_and(abs(got - want) < 5e-5) AS all_within_oracle_precision, count(*) AS checked
FROM (VALUES
  (nps_ci_lower((SELECT s FROM oracle WHERE label = '(1,2,3) n=6'), 0.95, 'wald', 1), -26.3065),
  (nps_ci_upper((SELECT s FROM oracle WHERE label = '(1,2,3) n=6'), 0.95, 'wald', 1), 92.9731),
  (nps_ci_lower((SELECT s FROM oracle WHERE label = '(1,2,3) n=6'), 0.95, 'adjusted_wald', 1), -26.7433),
  (nps_ci_upper((SELECT s FROM oracle WHERE label = '(1,2,3) n=6'), 0.95, 'adjusted_wald', 1), 71.1877),
  (nps_ci_lower((SELECT s FROM oracle WHERE label = '(1,2,3) n=6'), 0.95, 'score', 1), -31.1074),
  (nps_ci_upper((SELECT s FROM oracle WHERE label = '(1,2,3) n=6'), 0.95, 'score', 1), 75.3957),
  (nps_ci_lower((SELECT s FROM oracle WHERE label = '(40,60,100) n=200'), 0.95, 'wald', 1), 19.1757),
  (nps_ci_upper((SELECT s FROM oracle WHERE label = '(40,60,100) n=200'), 0.95, 'wald', 1), 40.8243),
  (nps_ci_lower((SELECT s FROM oracle WHERE label = '(40,60,100) n=200'), 0.95, 'adjusted_wald', 1), 18.8155),
  (nps_ci_upper((SELECT s FROM oracle WHERE label = '(40,60,100) n=200'), 0.95, 'adjusted_wald', 1), 40.2978),
  (nps_stderr((SELECT s FROM oracle WHERE label = '(1,2,3) n=6'), 1), 30.4290),
  (nps_stderr((SELECT s FROM oracle WHERE label = '(40,60,100) n=200'), 1), 5.5227),
  (nps_stderr((SELECT s FROM oracle WHERE label = '(1,0,1)'), 1), 70.7107),
  (nps_stderr((SELECT s FROM oracle WHERE label = '(0,1,1)'), 1), 35.3553)
) AS v(got, want);

-- The score interval solves S(delta) = +z (lower) and -z (upper), with
-- S(delta) = (P - D - n delta) / sqrt(n (2q + delta (1 - delta))) (docs/metrics.md).
CREATE FUNCTION pg_temp.tango_s(p float8, d float8, n float8, delta float8) RETURNS float8
LANGUAGE sql AS $$
  SELECT (p - d - n * delta) / sqrt(n * (2 * q + delta * (1 - delta)))
  FROM (SELECT (sqrt(b * b - 4 * a * c) - b) / (2 * a) AS q
        FROM (SELECT 2 * n AS a, -d - p + (2 * n - p + d) * delta AS b,
                     -d * delta * (1 - delta) AS c) AS abc) AS q
$$;
SELECT abs(pg_temp.tango_s(3, 1, 6, lo) - 1.959963984540054) < 1e-8 AS lower_solves_s_eq_z,
       abs(pg_temp.tango_s(3, 1, 6, hi) + 1.959963984540054) < 1e-8 AS upper_solves_s_eq_minus_z,
       abs(pg_temp.tango_s(100, 40, 200, lo200) - 1.959963984540054) < 1e-8 AS lower200_solves
FROM (SELECT nps_ci_lower(s, 0.95, 'score', 1) / 100 AS lo, nps_ci_upper(s, 0.95, 'score', 1) / 100 AS hi
      FROM oracle WHERE label = '(1,2,3) n=6') AS x,
     (SELECT nps_ci_lower(s, 0.95, 'score', 1) / 100 AS lo200
      FROM oracle WHERE label = '(40,60,100) n=200') AS y;

-- Confidence changes the width: 99% is wider than 95%, 80% narrower.
SELECT round(nps_margin(s, 0.80)::numeric, 4) AS m80, round(nps_margin(s)::numeric, 4) AS m95,
       round(nps_margin(s, 0.99)::numeric, 4) AS m99
FROM oracle WHERE label = '(40,60,100) n=200';

-- Below min_responses (default 30) every statistic is NULL; so is an empty summary.
SELECT label, nps_stderr(s) IS NULL AS stderr_null, nps_margin(s) IS NULL AS margin_null,
       nps_ci_lower(s) IS NULL AS lower_null, nps_ci_upper(s, 0.9, 'score') IS NULL AS upper_null
FROM oracle ORDER BY label;
SELECT nps_stderr(s, 1), nps_ci_lower(s, 0.95, 'wald', 1)
FROM (SELECT nps_agg(score) AS s FROM responses WHERE false) AS x;

-- min_responses compares response counts exactly: 1,999,999,999 responses
-- are fewer than 2,000,000,000; so are 1,999,999,999 unit weights (weighted
-- summaries, whose effective size is a rounded double, get an allowance of
-- a few ulps only).
SELECT n, nps_stderr(s, 2000000000) IS NULL AS nps_null, csat_stderr(c, 2000000000) IS NULL AS csat_null,
       ces_stderr(e, 2000000000) IS NULL AS ces_null, nps_stderr(w, 2000000000) IS NULL AS unit_weights_null
FROM (VALUES (1999999999), (2000000000)) AS v(n),
     LATERAL (SELECT format('{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,0,%s]}', n - 1)::nps_summary AS s,
                     format('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,0,0,0,%s]}', n - 1)::csat_summary AS c,
                     format('{"version":1,"kind":"ces","scale_max":7,"counts":[1,0,0,0,0,0,%s]}', n - 1)::ces_summary AS e,
                     format('{"version":2,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,0,%1$s],"weights":[1,0,0,0,0,0,0,0,0,0,%1$s],'
                            '"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":%2$s,"weight_sq_error":0}',
                            n - 1, n)::nps_summary AS w) AS x
ORDER BY n;

-- Near-degenerate summaries keep full precision: the variances are formed
-- from the counts (V = (Pa(P + D) + 4PD) / n^2, p(1 - p) = S U / n^2), never
-- as a difference of nearly equal shares.  The oracle computes the
-- definitions, V = pP + pD - (pP - pD)^2 and p(1 - p), in PostgreSQL's own
-- arbitrary-precision numeric with 100 decimals; the results must agree to
-- a relative 1e-14.
CREATE TEMP TABLE near_degenerate (label text, promoters bigint, passives bigint, detractors bigint);
INSERT INTO near_degenerate VALUES
  ('1e9, one detractor', 999999999, 0, 1), ('1e9, one passive', 999999999, 1, 0),
  ('4.6e18, one detractor', 4599999999999999999, 0, 1), ('even thirds', 1000, 1000, 1000);
SELECT label,
       abs(nps_stderr(s, 1) / (100 * sqrt(((pp + pd - (pp - pd) * (pp - pd)) / n)::numeric(200, 100)))::float8 - 1)
         < 1e-14 AS nps_stderr_exact,
       abs(csat_stderr(c, 1) / (100 * sqrt((pp * (1 - pp) / n)::numeric(200, 100)))::float8 - 1)
         < 1e-14 AS csat_stderr_exact
FROM (SELECT label, promoters::numeric(120, 100) / (promoters::numeric + passives + detractors) AS pp,
             detractors::numeric(120, 100) / (promoters::numeric + passives + detractors) AS pd,
             (promoters::numeric + passives + detractors) AS n,
             format('{"version":1,"kind":"nps","counts":[%s,0,0,0,0,0,0,%s,0,0,%s]}',
                    detractors, passives, promoters)::nps_summary AS s,
             format('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":5,"counts":[%s,0,0,0,%s]}',
                    passives + detractors, promoters)::csat_summary AS c
      FROM near_degenerate) AS x
ORDER BY label;

-- Weighted CES with one dominant weight: n_eff - 1 is formed without
-- cancelling (n_eff is 1.000000002 here), so the standard error keeps its
-- digits.  Oracle: numeric, from the same weights (products, not ^, which
-- rounds to 16 digits).
SELECT abs(ces_stderr(e, 1) / sqrt((v / ((wsum * wsum - qsum) / qsum))::numeric(80, 70))::float8 - 1) < 1e-14
         AS weighted_ces_stderr_exact
FROM (SELECT ces_agg(x, 7, w) AS e, sum(w::numeric) AS wsum, sum(w::numeric * w::numeric) AS qsum,
             sum(w::numeric * (x - m) * (x - m)) / sum(w::numeric) AS v
      FROM (VALUES (3, 1.0::float8), (5, 1e-9)) AS v(x, w),
           (SELECT (3 * 1.0 + 5 * 1e-9::float8::numeric) / (1.0 + 1e-9::float8::numeric) AS m) AS mean) AS y;

-- CSAT (oracle: 60%, mean 3.5, Wald 95% CI [46.42, 73.58]); Wilson is the default.
SELECT csat(c), mean_score(c), round(csat_stderr(c)::numeric, 4) AS stderr,
       round(csat_ci_lower(c, 0.95, 'wald')::numeric, 2) AS wald_lower,
       round(csat_ci_upper(c, 0.95, 'wald')::numeric, 2) AS wald_upper,
       round(csat_ci_lower(c)::numeric, 4) AS wilson_lower,
       round(csat_ci_upper(c)::numeric, 4) AS wilson_upper,
       round(csat_margin(c)::numeric, 4) AS margin
FROM (SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[5,5,10,20,10]}'::csat_summary AS c) AS x;

-- Wilson by hand: (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
SELECT abs(csat_ci_lower(c) - 100 * (p + z*z/(2*n) - z * sqrt(p*(1-p)/n + z*z/(4*n*n))) / (1 + z*z/n)) < 1e-9
         AS wilson_lower_matches,
       abs(csat_ci_upper(c) - 100 * (p + z*z/(2*n) + z * sqrt(p*(1-p)/n + z*z/(4*n*n))) / (1 + z*z/n)) < 1e-9
         AS wilson_upper_matches
FROM (SELECT csat_agg(sat) AS c, avg((sat >= 4)::int)::float8 AS p, count(sat)::float8 AS n,
             1.959963984540054::float8 AS z FROM responses) AS x;

-- CES: the standard error of the mean is the sample standard deviation / sqrt(n).
SELECT abs(ces_stderr(e) - sd / sqrt(n)) < 1e-12 AS stderr_matches,
       abs(ces_ci_lower(e) - (m - 1.959963984540054 * sd / sqrt(n))) < 1e-9 AS lower_matches,
       abs(ces_ci_upper(e, 0.99) - (m + 2.5758293035489004 * sd / sqrt(n))) < 1e-9 AS upper99_matches,
       round(ces_margin(e)::numeric, 6) AS margin
FROM (SELECT ces_agg(effort) AS e, stddev_samp(effort)::float8 AS sd, count(effort)::float8 AS n,
             avg(effort)::float8 AS m FROM responses) AS x;
-- The interval stays on the scale.
SELECT ces_ci_lower(e, 0.95, 1) AS lower, ces_ci_upper(e, 0.95, 1) AS upper
FROM (SELECT ces_agg(x) AS e FROM (VALUES (7), (7), (7), (6)) AS v(x)) AS y;

-- A single CES response has no spread to measure: NULL even with
-- min_responses 1 (weighted: n_eff of 1 or less).  CSAT Wald limits are
-- clamped to [0, 100]: 9 of 10 satisfied would reach 108.6.
SELECT ces_stderr(e, 1) IS NULL AS one_response_null, ces_ci_lower(e, 0.95, 1) IS NULL AS one_response_ci_null,
       ces_stderr(w, 1) IS NULL AS n_eff_one_null
FROM (SELECT ces_agg(x) FILTER (WHERE wt > 0) AS e, ces_agg(x, 7, wt) AS w
      FROM (VALUES (5, 1.0::float8), (3, 0.0)) AS v(x, wt)) AS y;
SELECT csat_ci_upper(c, 0.95, 'wald', 1) AS wald_upper, round(csat_ci_lower(c, 0.95, 'wald', 1)::numeric, 4) AS wald_lower
FROM (SELECT csat_agg(x, 5, 4) AS c FROM (VALUES (5), (5), (5), (5), (5), (5), (5), (5), (5), (1)) AS v(x)) AS y;

-- Weights: equal weights change nothing; unequal weights use Kish's n_eff.
SELECT abs(nps_stderr(w2) - nps_stderr(u)) < 1e-12 AS equal_weights_same_stderr,
       abs(nps_ci_lower(w2, 0.95, 'score') - nps_ci_lower(u, 0.95, 'score')) < 1e-9 AS equal_weights_same_score_ci,
       abs(csat_ci_upper(cw) - csat_ci_upper(cu)) < 1e-9 AS equal_weights_same_wilson,
       abs(ces_stderr(ew) - ces_stderr(eu)) < 1e-12 AS equal_weights_same_ces_stderr
FROM (SELECT nps_agg(score, 2.0) AS w2, nps_agg(score) AS u,
             csat_agg(sat, 5, 4, 0.5) AS cw, csat_agg(sat) AS cu,
             ces_agg(effort, 7, 3.0) AS ew, ces_agg(effort) AS eu FROM responses) AS x;
SELECT round(effective_responses(s)::numeric, 6) AS n_eff,
       abs(nps_stderr(s) - 100 * sqrt((pp + pd - (pp - pd)^2) / effective_responses(s))) < 1e-9
         AS weighted_stderr_uses_n_eff
FROM (SELECT nps_agg(score, (id % 4 + 1)::float8) AS s,
             sum(id % 4 + 1) FILTER (WHERE score >= 9)::float8 / sum(id % 4 + 1) FILTER (WHERE score IS NOT NULL) AS pp,
             sum(id % 4 + 1) FILTER (WHERE score <= 6)::float8 / sum(id % 4 + 1) FILTER (WHERE score IS NOT NULL) AS pd
      FROM responses) AS x;

-- Two-sample test (docs/metrics.md): z = (NPS_a - NPS_b) / sqrt(V_a/n_a + V_b/n_b).
SELECT round(nps_test_z(a, b)::numeric, 6) AS z, round(nps_test(a, b)::numeric, 6) AS p,
       round(nps_test_z(b, a)::numeric, 6) AS z_swapped, nps_test(a, b) = nps_test(b, a) AS p_symmetric,
       nps_test(a, a) AS p_same
FROM (SELECT '{"version":1,"kind":"nps","counts":[40,0,0,0,0,0,0,60,0,100,0]}'::nps_summary AS a,
             '{"version":1,"kind":"nps","counts":[60,0,0,0,0,0,0,60,0,80,0]}'::nps_summary AS b) AS x;
-- z by hand for the same pair: d = 0.30 - 0.10, V_a = 0.61, V_b = 0.69.
SELECT round(((0.30 - 0.10) / sqrt(0.61 / 200 + 0.69 / 200))::numeric, 6) AS z_by_hand;
-- Neither sample varies: no NaN, a definite answer.
SELECT nps_test_z(p, p) AS z_equal, nps_test(p, p) AS p_equal,
       nps_test_z(p, d) AS z_apart, nps_test(p, d) AS p_apart
FROM (SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,40]}'::nps_summary AS p,
             '{"version":1,"kind":"nps","counts":[40,0,0,0,0,0,0,0,0,0,0]}'::nps_summary AS d) AS x;
-- Too few responses on either side: NULL.
SELECT nps_test(a, b) IS NULL AS below_min, nps_test(a, b, 6) IS NOT NULL AS with_min_6
FROM (SELECT s AS a FROM oracle WHERE label = '(1,2,3) n=6') AS x,
     (SELECT s AS b FROM oracle WHERE label = '(40,60,100) n=200') AS y;

-- Month over month from stored monthly summaries, with lag().
CREATE TEMP TABLE monthly AS
SELECT date_trunc('month', day)::date AS month, nps_agg(score) AS s
FROM responses GROUP BY 1;
SELECT month, round(nps(s), 1) AS nps, responses(s),
       round(nps_test_z(s, lag(s) OVER w)::numeric, 2) AS z,
       round(nps_test(s, lag(s) OVER w)::numeric, 3) AS p_value
FROM monthly WINDOW w AS (ORDER BY month) ORDER BY month LIMIT 4;

-- Arguments are checked even when the result would be NULL.
SELECT nps_margin(s, 0) FROM oracle LIMIT 1;
SELECT nps_margin(s, 1) FROM oracle LIMIT 1;
SELECT nps_ci_lower(s, 'NaN') FROM oracle LIMIT 1;
SELECT nps_ci_lower(s, 0.95, 'wilson') FROM oracle LIMIT 1;
SELECT csat_ci_lower('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[5,5,10,20,10]}', 0.95, 'score');
SELECT ces_margin('{"version":1,"kind":"ces","scale_max":7,"counts":[1,1,1,1,1,1,1]}', -0.5);
SELECT nps_stderr(s, 0) FROM oracle LIMIT 1;
