-- Arithmetic at the limits: counts near the bigint maximum, weights at the
-- ends of their range, the smallest and largest scales.  Results stay exact
-- or finite; what cannot be represented is error 22003, never a wrapped
-- count, NaN or infinity.

-- Counts near 2^63: exact numeric metrics, finite statistics.
CREATE TEMP TABLE huge AS
SELECT '{"version":1,"kind":"nps","counts":[3074457345618258602,0,0,0,0,0,0,3074457345618258602,0,0,3074457345618258602]}'::nps_summary AS s;
SELECT responses(s), nps(s), promoters_percent(s), mean_score(s),
       round(nps_stderr(s)::numeric, 15) AS stderr, nps_ci_lower(s, 0.95, 'score') AS score_lower,
       nps_test(s, s) AS p_same
FROM huge;
-- The first response more makes 2^63 - 1 responses; the next one does not fit.
SELECT responses(nps_trans(s, 9)) FROM huge;
SELECT nps_trans(nps_trans(s, 9), 9) FROM huge;
SELECT '{"version":1,"kind":"nps","counts":[9223372036854775807,1,0,0,0,0,0,0,0,0,0]}'::nps_summary;
SELECT rollup(s) FROM (SELECT s FROM huge UNION ALL SELECT s FROM huge) AS two;

-- The smallest and largest scales of CSAT and CES, with their statistics.
SELECT csat(c), csat_ci_lower(c, 0.95, 'wilson', 1) AS lower, mean_score(c)
FROM (SELECT csat_agg(s, 3, 2) AS c FROM (VALUES (1), (2), (3), (3)) AS v(s)) AS x;
SELECT csat(c), round(csat_ci_upper(c, 0.95, 'wilson', 1)::numeric, 6) AS upper, mean_score(c)
FROM (SELECT csat_agg(s, 10, 10) AS c FROM (VALUES (1), (10), (10), (9)) AS v(s)) AS x;
SELECT ces(e), round(ces_stderr(e, 1)::numeric, 6) AS stderr
FROM (SELECT ces_agg(s, 10) AS e FROM (VALUES (1), (10), (10), (9)) AS v(s)) AS x;

-- Weights at both ends of their range: exact shares, Kish's size exact.
SELECT nps(s, w), effective_responses(nps_agg(s, w)), total_weight(nps_agg(s, w)) > 0 AS positive
FROM (VALUES (10, 1e100), (0, 1e100), (9, 1e100)) AS v(s, w);
SELECT nps(s, w), effective_responses(nps_agg(s, w))
FROM (VALUES (10, 1e-100), (0, 1e-100), (9, 1e-100)) AS v(s, w);
-- Mixed extremes: the tiny weights count for nothing next to the huge one.
SELECT nps(s, w), round(effective_responses(nps_agg(s, w))::numeric, 12) AS n_eff
FROM (VALUES (10, 1e100), (0, 1e-100), (0, 1e-100)) AS v(s, w);
-- Squared weights that only a hand-made summary could sum beyond the double
-- range: 22003, never Infinity.
SELECT rollup(s) FROM (VALUES
  ('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1e154,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1e308,"weight_sq_error":0}'::nps_summary),
  ('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1e154,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1e308,"weight_sq_error":0}')) AS v(s);
