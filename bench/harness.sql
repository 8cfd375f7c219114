-- bench/harness.sql: timing helpers and the list of timed queries.
--
-- Everything lives in schema nps_bench and is recreated on every run; the
-- data tables (bench/load.sql) are kept.

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS nps_bench CASCADE;
CREATE SCHEMA nps_bench;

-- Wall-clock milliseconds of one execution of a SELECT.  EXECUTE without
-- INTO runs the query to completion and throws the rows away, so nothing is
-- sent to the client; every query below returns at most a few dozen rows,
-- so keeping them in the SPI tuple table costs nothing measurable.
CREATE FUNCTION nps_bench.time_ms(query text) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
BEGIN
    t0 := clock_timestamp();
    EXECUTE query;
    RETURN 1000 * extract(epoch FROM clock_timestamp() - t0);
END
$$;

-- The timed queries.  A pair of competitors sits side by side in ord, and
-- one repetition walks the list forwards or backwards (bench/run.sql), so
-- competitors run interleaved, each right next to the other.
CREATE TABLE nps_bench.query (
    ord      integer PRIMARY KEY,
    key      text    NOT NULL,      -- e.g. nps_ungrouped
    workers  integer NOT NULL,      -- max_parallel_workers_per_gather
    sql      text    NOT NULL,
    -- times per repetition: the queries over 1 million rows (tens of
    -- milliseconds, their parallel start a large share) run 5 times, for
    -- as many more samples of their fastest time
    runs     integer NOT NULL DEFAULT 1,
    UNIQUE (key, workers)
);

CREATE TABLE nps_bench.timing (
    rep      integer NOT NULL,      -- 0 = warm-up, not reported
    key      text    NOT NULL,
    workers  integer NOT NULL,
    ms       double precision NOT NULL
);

-- 365 stored daily summaries (the year 2024 of the survey), as a
-- materialized view of nps_agg() would hold them: rollup() over these is
-- timed against nps() over the same year's raw rows.
CREATE TABLE nps_bench.daily_2024 AS
SELECT day, nps_agg(score) AS summary
  FROM public.survey
 WHERE day BETWEEN date '2024-01-01' AND date '2024-12-30'
 GROUP BY day;
ANALYZE nps_bench.daily_2024;

-- Churn models: one training row per customer of the survey (:rows / 10,
-- 1 million), features = churn_agg(score, responded_at, as_of) as of
-- 2025-01-01, and churned drawn from a known logistic model of those
-- features, so that churn_fit() has something to find: churned when a
-- uniform number derived from the customer id, u = (hash mod 10^6 + 0.5) /
-- 10^6, is below the model's probability.  Built on every run, because
-- recreating the extension drops its churn_state type; the fit itself is
-- timed against count(*) over this table.
CREATE TABLE nps_bench.true_model (ord integer, feature text, coefficient double precision);
INSERT INTO nps_bench.true_model VALUES
    (0, 'intercept', -2.0), (1, 'dissatisfaction', 2.0), (2, 'detractor', 1.0),
    (3, 'decline', 1.5), (4, 'silence', 3.0), (5, 'engagement', -0.2);

CREATE UNLOGGED TABLE nps_bench.churn_training AS
WITH customers AS (
    SELECT customer, churn_agg(score, responded_at, timestamptz '2025-01-01 00:00:00+00') AS features
      FROM public.survey
     GROUP BY customer
), named AS (
    SELECT customer, features, churn_features(features) AS f FROM customers
)
SELECT customer, features,
       ((hashint8extended(customer, 7) % 1000000 + 1000000) % 1000000 + 0.5) / 1e6
         < 1 / (1 + exp(-(-2.0 + 2.0 * (f->>'dissatisfaction')::float8 + 1.0 * (f->>'detractor')::float8
                          + 1.5 * (f->>'decline')::float8 + 3.0 * (f->>'silence')::float8
                          - 0.2 * (f->>'engagement')::float8))) AS churned
  FROM named
 WHERE f ? 'dissatisfaction' AND f ? 'engagement'
 ORDER BY customer;
VACUUM (FREEZE, ANALYZE) nps_bench.churn_training;

-- The fitted models, once per parallel setting: their iterations turn the
-- timed churn_fit() into a time per pass, and the 0-worker model is what the
-- timed churn_fit_pass() queries pass (any model costs the same per row).
CREATE TABLE nps_bench.churn_fitted (workers integer PRIMARY KEY, model churn_model NOT NULL);
SET max_parallel_workers_per_gather = 0;
INSERT INTO nps_bench.churn_fitted
SELECT 0, churn_fit('SELECT features, churned FROM nps_bench.churn_training');
SET max_parallel_workers_per_gather = 2;
INSERT INTO nps_bench.churn_fitted
SELECT 2, churn_fit('SELECT features, churned FROM nps_bench.churn_training');
RESET max_parallel_workers_per_gather;

CREATE FUNCTION nps_bench.fit_iterations(workers integer) RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT (model::text::jsonb->>'iterations')::integer FROM nps_bench.churn_fitted f WHERE f.workers = $1
$$;

-- The hand-written SQL every extension aggregate is compared with.
CREATE FUNCTION nps_bench.hand_nps(col text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('100.0 * (count(*) FILTER (WHERE %1$s >= 9) - count(*) FILTER (WHERE %1$s <= 6)) / count(%1$s)', col)
$$;
CREATE FUNCTION nps_bench.hand_nps_weighted(col text, weight text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('100 * (sum(%2$s) FILTER (WHERE %1$s >= 9) - sum(%2$s) FILTER (WHERE %1$s <= 6))'
                  ' / sum(%2$s) FILTER (WHERE %1$s IS NOT NULL)', col, weight)
$$;
CREATE FUNCTION nps_bench.hand_csat(col text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('100.0 * count(*) FILTER (WHERE %1$s >= 4) / count(%1$s)', col)
$$;

WITH base(key, sql) AS (
    VALUES
    -- 1. overhead over the cheapest aggregate there is
    ('count_ungrouped',     'SELECT count(score) FROM public.survey'),
    ('nps_ungrouped',       'SELECT nps(score) FROM public.survey'),
    -- nps() with the bucket counts that share its transition state
    ('nps_buckets_ungrouped', 'SELECT nps(score), promoters(score), passives(score), detractors(score) FROM public.survey'),
    -- 2. NPS against the hand-written formula
    ('hand_nps_ungrouped',  'SELECT ' || nps_bench.hand_nps('score') || ' FROM public.survey'),
    ('nps_by_channel',      'SELECT channel, nps(score) FROM public.survey GROUP BY channel'),
    ('hand_nps_by_channel', 'SELECT channel, ' || nps_bench.hand_nps('score') || ' FROM public.survey GROUP BY channel'),
    ('nps_by_month',        'SELECT month, nps(score) FROM public.survey GROUP BY month'),
    ('hand_nps_by_month',   'SELECT month, ' || nps_bench.hand_nps('score') || ' FROM public.survey GROUP BY month'),
    -- 3. CSAT and CES
    ('csat_ungrouped',      'SELECT csat(csat) FROM public.survey'),
    ('hand_csat_ungrouped', 'SELECT ' || nps_bench.hand_csat('csat') || ' FROM public.survey'),
    ('csat_by_month',       'SELECT month, csat(csat) FROM public.survey GROUP BY month'),
    ('hand_csat_by_month',  'SELECT month, ' || nps_bench.hand_csat('csat') || ' FROM public.survey GROUP BY month'),
    ('ces_ungrouped',       'SELECT ces(ces) FROM public.survey'),
    ('avg_ces_ungrouped',   'SELECT avg(ces) FROM public.survey'),
    ('ces_by_month',        'SELECT month, ces(ces) FROM public.survey GROUP BY month'),
    ('avg_ces_by_month',    'SELECT month, avg(ces) FROM public.survey GROUP BY month'),
    -- 7. two-step: 365 stored daily summaries rolled up against the direct
    -- aggregate over the year's raw rows; and what building them costs
    ('rollup_365_days',     'SELECT nps(rollup(summary)) FROM nps_bench.daily_2024'),
    ('nps_365_days',        'SELECT nps(score) FROM public.survey WHERE day BETWEEN date ''2024-01-01'' AND date ''2024-12-30'''),
    ('nps_agg_by_day',      'SELECT day, nps_agg(score) FROM public.survey GROUP BY day'),
    ('nps_by_day',          'SELECT day, nps(score) FROM public.survey GROUP BY day'),
    -- 8. weights (1..4 by id) against the hand-written weighted formula
    ('nps_weighted',        'SELECT nps(score, (id % 4 + 1)::float8) FROM public.survey'),
    ('hand_nps_weighted',   'SELECT ' || nps_bench.hand_nps_weighted('score', '(id % 4 + 1)::float8') || ' FROM public.survey'),
    -- 9. a churn state per customer (1 million groups) against count(score)
    -- with the same grouping; count(x) on top, as for the window, so that
    -- no query ships or stores a million rows
    ('churn_agg_by_customer',
     'SELECT count(x) FROM (SELECT customer, churn_agg(score, responded_at, timestamptz ''2025-01-01 00:00:00+00'') AS x'
     ' FROM public.survey GROUP BY customer) s'),
    ('count_by_customer',
     'SELECT count(x) FROM (SELECT customer, count(score) AS x FROM public.survey GROUP BY customer) s'),
    -- 10. one pass of churn_fit (its Newton step's sums) over the training
    -- table against count(*) over the same rows; and the whole fit
    ('churn_fit_pass',
     (SELECT 'SELECT churn_fit_pass(features, churned, ' || quote_literal(model::text) || '::churn_model)'
             ' FROM nps_bench.churn_training'
        FROM nps_bench.churn_fitted WHERE workers = 0)),
    ('count_training',      'SELECT count(*) FROM nps_bench.churn_training'),
    -- nps() over as many rows as the training table (1/10 of the survey):
    -- the parallel speed-up a pass is held to, starting workers being the
    -- same fixed cost for both
    ('nps_training_rows',   'SELECT nps(score) FROM public.survey_window'),
    ('churn_fit',           'SELECT churn_fit(''SELECT features, churned FROM nps_bench.churn_training'')')
), windowed(key, sql) AS (
    -- 5. a 30-row moving window over the 1/10 subset.  count(x) on top
    -- consumes every window value without shipping 1M rows anywhere.
    VALUES
    ('nps_window',
     'SELECT count(x) FROM (SELECT nps(score) OVER (ORDER BY day ROWS 29 PRECEDING) AS x'
     ' FROM public.survey_window) s'),
    ('hand_nps_window',
     'SELECT count(x) FROM (SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) OVER w'
     ' - count(*) FILTER (WHERE score <= 6) OVER w) / NULLIF(count(score) OVER w, 0) AS x'
     ' FROM public.survey_window WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)) s')
), all_queries AS (
    -- 4. every aggregate query without and with two parallel workers; the
    -- window runs in the leader only, so only without
    SELECT b.key, w.workers, b.sql, w.workers * 100 + b.n AS ord
      FROM (SELECT *, row_number() OVER () AS n FROM base) b
     CROSS JOIN (VALUES (0), (2)) AS w(workers)
    UNION ALL
    SELECT key, 0, sql, 1000 + row_number() OVER () FROM windowed
)
INSERT INTO nps_bench.query (ord, key, workers, sql, runs)
SELECT ord, key, workers, sql,
       CASE WHEN key IN ('churn_fit_pass', 'count_training', 'nps_training_rows') THEN 5 ELSE 1 END
  FROM all_queries;

-- One repetition: every query its runs times, in list order when rep is
-- even and in reverse order when it is odd, so no query always runs first.
CREATE FUNCTION nps_bench.run_rep(rep integer)
RETURNS TABLE (key text, workers integer, ms double precision)
LANGUAGE plpgsql AS $$
DECLARE
    q record;
BEGIN
    FOR q IN SELECT * FROM nps_bench.query
              ORDER BY CASE WHEN rep % 2 = 0 THEN ord ELSE -ord END
    LOOP
        PERFORM set_config('max_parallel_workers_per_gather', q.workers::text, true);
        key := q.key;
        workers := q.workers;
        FOR i IN 1 .. q.runs LOOP
            ms := nps_bench.time_ms(q.sql);
            RETURN NEXT;
        END LOOP;
    END LOOP;
END
$$;

-- Parallel workers actually launched by a query's plan (EXPLAIN ANALYZE run
-- the same way the timings are taken: EXECUTE inside plpgsql).
CREATE FUNCTION nps_bench.workers_launched(query text, workers integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
    EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || query INTO plan;
    RETURN coalesce((SELECT sum((m[1])::int)
                       FROM regexp_matches(plan::text, '"Workers Launched": (\d+)', 'g') AS m), 0);
END
$$;
