-- Alerting on a series: the Laney p' control charts and EWMA charts
-- ({nps,csat,ces}_control_* and _ewma*) as window functions, against the
-- independent oracle oracles/control_charts.py (sql/fixtures/control_charts.csv).


-- ---------------------------------------------------------------------------
-- Against the oracle: every series, every column
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE oracle (
  series text, kind text, period int, scale_max int, satisfied_from int, counts text,
  value float8, center float8, lower float8, upper float8, signal bool, pchart_signal bool,
  lower_2 float8, upper_2 float8, ewma float8, ewma_lower float8, ewma_upper float8, ewma_signal bool,
  ewma_25 float8, ewma_25_lower float8, ewma_25_upper float8, ewma_25_signal bool);
\copy oracle FROM 'sql/fixtures/control_charts.csv' WITH (FORMAT csv, HEADER true)

-- One summary per period from the oracle's counts; an empty counts field is
-- a period without a summary (NULL).
CREATE TEMP TABLE periods AS
SELECT series, period,
       CASE WHEN kind = 'nps' AND counts IS NOT NULL THEN format('{"version":1,"kind":"nps","counts":[%s]}',
                                          replace(counts, ';', ','))::nps_summary END AS nps,
       CASE WHEN kind = 'csat' AND counts IS NOT NULL THEN format('{"version":1,"kind":"csat","scale_max":%s,"satisfied_from":%s,"counts":[%s]}',
                                           scale_max, satisfied_from, replace(counts, ';', ','))::csat_summary END AS csat,
       CASE WHEN kind = 'ces' AND counts IS NOT NULL THEN format('{"version":1,"kind":"ces","scale_max":%s,"counts":[%s]}',
                                          scale_max, replace(counts, ';', ','))::ces_summary END AS ces
FROM oracle;

CREATE TEMP TABLE charted AS
SELECT series, period,
       coalesce(nps(nps)::float8, csat(csat)::float8, ces(ces)::float8) AS value,
       coalesce(nps_control_center(nps) OVER w, csat_control_center(csat) OVER w, ces_control_center(ces) OVER w) AS center,
       coalesce(nps_control_lower(nps) OVER w, csat_control_lower(csat) OVER w, ces_control_lower(ces) OVER w) AS lower,
       coalesce(nps_control_upper(nps) OVER w, csat_control_upper(csat) OVER w, ces_control_upper(ces) OVER w) AS upper,
       coalesce(nps_control_signal(nps) OVER w, csat_control_signal(csat) OVER w, ces_control_signal(ces) OVER w) AS signal,
       coalesce(nps_control_lower(nps, 2) OVER w, csat_control_lower(csat, 2) OVER w, ces_control_lower(ces, 2) OVER w) AS lower_2,
       coalesce(nps_control_upper(nps, 2) OVER w, csat_control_upper(csat, 2) OVER w, ces_control_upper(ces, 2) OVER w) AS upper_2,
       coalesce(nps_ewma(nps) OVER w, csat_ewma(csat) OVER w, ces_ewma(ces) OVER w) AS ewma,
       coalesce(nps_ewma_lower(nps) OVER w, csat_ewma_lower(csat) OVER w, ces_ewma_lower(ces) OVER w) AS ewma_lower,
       coalesce(nps_ewma_upper(nps) OVER w, csat_ewma_upper(csat) OVER w, ces_ewma_upper(ces) OVER w) AS ewma_upper,
       coalesce(nps_ewma_signal(nps) OVER w, csat_ewma_signal(csat) OVER w, ces_ewma_signal(ces) OVER w) AS ewma_signal,
       coalesce(nps_ewma(nps, 0.25) OVER w, csat_ewma(csat, 0.25) OVER w, ces_ewma(ces, 0.25) OVER w) AS ewma_25,
       coalesce(nps_ewma_lower(nps, 0.25, 2.7) OVER w, csat_ewma_lower(csat, 0.25, 2.7) OVER w, ces_ewma_lower(ces, 0.25, 2.7) OVER w) AS ewma_25_lower,
       coalesce(nps_ewma_upper(nps, 0.25, 2.7) OVER w, csat_ewma_upper(csat, 0.25, 2.7) OVER w, ces_ewma_upper(ces, 0.25, 2.7) OVER w) AS ewma_25_upper,
       coalesce(nps_ewma_signal(nps, 0.25, 2.7) OVER w, csat_ewma_signal(csat, 0.25, 2.7) OVER w, ces_ewma_signal(ces, 0.25, 2.7) OVER w) AS ewma_25_signal
FROM periods WINDOW w AS (PARTITION BY series ORDER BY period);

-- rel(got, want): the relative error, 0 when both are NULL, 1 when only
-- one is (so a NULL where the oracle has a number fails the 1e-9 test).
CREATE FUNCTION pg_temp.rel(got float8, want float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN got IS NULL AND want IS NULL THEN 0
              WHEN got IS NULL OR want IS NULL THEN 1
              WHEN got = want THEN 0
              ELSE abs(got - want) / abs(want) END $$;

-- Per series: the periods charted, whether the worst relative error of the
-- values, limits and EWMAs is below 1e-9, and the signals that differ.
SELECT o.series, count(*) AS periods, count(c.center) AS charted,
       max(greatest(pg_temp.rel(c.value, o.value), pg_temp.rel(c.center, o.center))) < 1e-9 AS value_center_1e_9,
       max(greatest(pg_temp.rel(c.lower, o.lower), pg_temp.rel(c.upper, o.upper),
                    pg_temp.rel(c.lower_2, o.lower_2), pg_temp.rel(c.upper_2, o.upper_2))) < 1e-9 AS limits_1e_9,
       max(greatest(pg_temp.rel(c.ewma, o.ewma), pg_temp.rel(c.ewma_lower, o.ewma_lower),
                    pg_temp.rel(c.ewma_upper, o.ewma_upper), pg_temp.rel(c.ewma_25, o.ewma_25),
                    pg_temp.rel(c.ewma_25_lower, o.ewma_25_lower),
                    pg_temp.rel(c.ewma_25_upper, o.ewma_25_upper))) < 1e-9 AS ewma_1e_9,
       count(*) FILTER (WHERE c.signal IS DISTINCT FROM o.signal
                           OR c.ewma_signal IS DISTINCT FROM o.ewma_signal
                           OR c.ewma_25_signal IS DISTINCT FROM o.ewma_25_signal) AS signals_differ
FROM oracle o JOIN charted c USING (series, period)
GROUP BY o.series ORDER BY o.series;

-- ---------------------------------------------------------------------------
-- Over-dispersion at large n: a plain p-chart (limits from sqrt(V / n)
-- alone, the oracle's pchart_signal) alarms on most weeks; Laney's does not,
-- and still finds the one special cause (week 18).
-- ---------------------------------------------------------------------------
SELECT c.series, count(*) AS periods, min(responses(p.nps)) AS min_n,
       count(*) FILTER (WHERE o.pchart_signal) AS plain_p_chart_signals,
       count(*) FILTER (WHERE c.signal) AS laney_signals,
       string_agg(c.period::text, ',' ORDER BY c.period) FILTER (WHERE c.signal) AS laney_weeks
FROM charted c JOIN oracle o USING (series, period) JOIN periods p USING (series, period)
WHERE c.series IN ('nps_overdispersed', 'nps_special_cause')
GROUP BY c.series ORDER BY c.series;

-- Weeks 15 to 20 of the special cause, rounded.
SELECT period, responses(nps) AS n, round(value::numeric, 2) AS nps, round(center::numeric, 2) AS center,
       round(lower::numeric, 2) AS lower, round(upper::numeric, 2) AS upper, signal
FROM charted JOIN periods USING (series, period)
WHERE series = 'nps_special_cause' AND period BETWEEN 15 AND 20 ORDER BY period;

-- ---------------------------------------------------------------------------
-- A slow drift (from period 29 the NPS falls by about 0.75 points a
-- period): no single period leaves the p' limits, the EWMA does at the end.
-- ---------------------------------------------------------------------------
SELECT count(*) FILTER (WHERE signal) AS laney_signals,
       string_agg(period::text, ',' ORDER BY period) FILTER (WHERE ewma_signal) AS ewma_signal_periods
FROM charted WHERE series = 'nps_drift';
SELECT period, round(value::numeric, 2) AS nps, round(ewma::numeric, 2) AS ewma,
       round(ewma_lower::numeric, 2) AS ewma_lower, signal, ewma_signal
FROM charted WHERE series = 'nps_drift' AND period >= 33 ORDER BY period;

-- ---------------------------------------------------------------------------
-- The window: ORDER BY sets the order of the periods; the frame does not
-- matter (the whole partition is read).  Reversed, the moving ranges are
-- the same (so the p' chart is), the EWMA is not.
-- ---------------------------------------------------------------------------
WITH framed AS (
  SELECT series, period,
         nps_control_lower(nps) OVER (PARTITION BY series ORDER BY period ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS lower_row,
         nps_ewma(nps) OVER (PARTITION BY series ORDER BY period ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS ewma_row,
         nps_control_lower(nps) OVER (PARTITION BY series ORDER BY period DESC) AS lower_reversed,
         nps_ewma(nps) OVER (PARTITION BY series ORDER BY period DESC) AS ewma_reversed
  FROM periods WHERE series LIKE 'nps%')
SELECT count(*) AS periods,
       count(*) FILTER (WHERE f.lower_row IS DISTINCT FROM c.lower) AS frame_changes_limits,
       count(*) FILTER (WHERE f.ewma_row IS DISTINCT FROM c.ewma) AS frame_changes_ewma,
       max(pg_temp.rel(f.lower_reversed, c.lower)) < 1e-12 AS reversed_same_limits,
       count(*) FILTER (WHERE f.ewma_reversed IS DISTINCT FROM c.ewma) > 0 AS reversed_other_ewma
FROM framed f JOIN charted c USING (series, period);

-- ---------------------------------------------------------------------------
-- Periods without a value, short partitions, no variation
-- ---------------------------------------------------------------------------
-- The gaps series: period 3 is NULL, period 7 has no responses; both get
-- NULL, and the moving range of period 4 is taken from period 2.
SELECT period, responses(nps) AS n, round(center::numeric, 4) AS center, round(lower::numeric, 4) AS lower,
       signal, round(ewma::numeric, 4) AS ewma, ewma_signal
FROM charted JOIN periods USING (series, period) WHERE series = 'nps_gaps' AND period <= 8 ORDER BY period;
-- Two periods: no chart.
SELECT period, center, lower, signal, ewma, ewma_signal FROM charted WHERE series = 'nps_short' ORDER BY period;
-- No rows, only NULLs, three periods with responses.
SELECT count(*) AS no_rows FROM (SELECT nps_control_signal(s) OVER () FROM (SELECT NULL::nps_summary WHERE false) AS v(s)) AS a;
SELECT t, nps_control_center(s) OVER w AS center, nps_control_signal(s) OVER w AS signal, nps_ewma(s) OVER w AS ewma
FROM (VALUES (1, NULL::nps_summary), (2, NULL), (3, NULL)) AS v(t, s) WINDOW w AS (ORDER BY t) ORDER BY t;
SELECT t, round(nps_control_center(s) OVER w::numeric, 4) AS center, round(nps_control_lower(s) OVER w::numeric, 4) AS lower,
       nps_control_signal(s) OVER w AS signal
FROM (VALUES (1, '{"version":1,"kind":"nps","counts":[3,0,0,0,0,0,0,2,0,0,5]}'::nps_summary),
             (2, '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,3,0,0,6]}'),
             (3, NULL),
             (4, '{"version":1,"kind":"nps","counts":[2,0,0,0,0,0,0,2,0,6,0]}')) AS v(t, s)
WINDOW w AS (ORDER BY t) ORDER BY t;
-- Every answer a promoter (V = 0) or every period the same (moving ranges
-- 0): the limits are the centre and nothing signals.
SELECT t, nps_control_lower(s) OVER w AS lower, nps_control_upper(s) OVER w AS upper,
       nps_control_signal(s) OVER w AS signal, nps_ewma_signal(s) OVER w AS ewma_signal
FROM (VALUES (1, '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,4,1]}'::nps_summary),
             (2, '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,90]}'),
             (3, '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,7,0]}')) AS v(t, s)
WINDOW w AS (ORDER BY t) ORDER BY t;
SELECT t, csat_control_lower(s) OVER w AS lower, csat_control_upper(s) OVER w AS upper,
       csat_control_signal(s) OVER w AS signal
FROM (SELECT t, '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}'::csat_summary
      FROM generate_series(1, 3) AS t) AS v(t, s)
WINDOW w AS (ORDER BY t) ORDER BY t;

-- ---------------------------------------------------------------------------
-- Weighted summaries enter with Kish's effective n: equal weights give the
-- unweighted chart; unequal ones widen the limits (smaller n_eff).
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE monthly AS
SELECT date_trunc('month', day)::date AS month, nps_agg(score) AS nps, nps_agg(score, 2.0) AS nps_2,
       nps_agg(score, 1 + id % 3) AS nps_w, csat_agg(sat, 5, 4) AS csat, ces_agg(effort, 7) AS ces
FROM responses GROUP BY 1;
WITH c AS (
  SELECT month,
         nps_control_lower(nps) OVER w AS lower, nps_control_lower(nps_2) OVER w AS lower_2,
         nps_ewma_upper(nps) OVER w AS ewma_upper, nps_ewma_upper(nps_2) OVER w AS ewma_upper_2,
         nps_control_upper(nps) OVER w - nps_control_center(nps) OVER w AS half,
         nps_control_upper(nps_w) OVER w - nps_control_center(nps_w) OVER w AS half_w,
         responses(nps) AS n, effective_responses(nps_w) AS n_eff
  FROM monthly WINDOW w AS (ORDER BY month))
SELECT count(*) AS months,
       max(greatest(pg_temp.rel(lower_2, lower), pg_temp.rel(ewma_upper_2, ewma_upper))) < 1e-12 AS equal_weights_same,
       bool_and(n_eff < n) AS n_eff_smaller
FROM c;

-- The monthly series of the shared fixture, rounded.
SELECT to_char(month, 'YYYY-MM') AS month, round(nps(nps), 1) AS nps,
       round(nps_control_lower(nps) OVER w::numeric, 1) AS lower, round(nps_control_upper(nps) OVER w::numeric, 1) AS upper,
       nps_control_signal(nps) OVER w AS signal,
       round(csat_ewma(csat) OVER w::numeric, 2) AS csat_ewma, csat_ewma_signal(csat) OVER w AS csat_drift,
       round(ces_control_center(ces) OVER w::numeric, 3) AS ces_center, ces_control_signal(ces, 2) OVER w AS ces_2_sigma
FROM monthly WINDOW w AS (ORDER BY month) ORDER BY month;

-- ---------------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------------
SELECT try($$ SELECT nps_control_lower(nps, 0) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT nps_control_upper(nps, -3) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT nps_control_signal(nps, 'NaN') OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT csat_control_signal(csat, 'Infinity') OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT ces_control_lower(ces, NULL) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT nps_ewma(nps, 0) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT nps_ewma(nps, 1.5) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT csat_ewma_lower(csat, 'NaN') OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT ces_ewma_upper(ces, NULL) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT nps_ewma_signal(nps, 0.1, 0) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT nps_ewma_signal(nps, 0.1, NULL) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT nps_ewma(nps, CASE WHEN month < '2024-07-01' THEN 0.1 ELSE 0.2 END) OVER (ORDER BY month) FROM monthly $$);
SELECT try($$ SELECT csat_control_signal(s) OVER (ORDER BY t)
              FROM (VALUES (1, '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}'::csat_summary),
                           (2, '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":3,"counts":[1,1,1,1,1]}'),
                           (3, '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}')) AS v(t, s) $$);
SELECT try($$ SELECT ces_ewma(s) OVER (ORDER BY t)
              FROM (VALUES (1, '{"version":1,"kind":"ces","scale_max":7,"counts":[1,1,1,1,1,1,1]}'::ces_summary),
                           (2, '{"version":1,"kind":"ces","scale_max":5,"counts":[1,1,1,1,1]}'),
                           (3, NULL)) AS v(t, s) $$);
SELECT try($$ SELECT nps_control_signal(nps) FROM monthly $$);

-- later tests define their own try().
