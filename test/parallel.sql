-- parallel.sql: the aggregates in parallel plans (partial states combined
-- across workers) and in hash aggregation that spills to disk, against the
-- serial answers
--
-- pgTAP, run by pg_prove in a database where pgtap and nps_ext are installed;
-- sql/parallel.sql holds the pg_regress tests of the same feature.  The data are
-- deterministic (hash-derived, no random()).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

\ir data/responses.psql
\ir data/histories.psql

CREATE TABLE nps_ext_tap_parallel AS
SELECT r.*, h.c, h.s AS hs, h.t AS ht
FROM resp r LEFT JOIN hist h ON h.c = r.i % 400 + 1 AND h.n = 1;
ANALYZE nps_ext_tap_parallel;

CREATE TEMP TABLE serial_result AS
SELECT g, nps(s) AS nps, csat(c5) AS csat, ces(e7) AS ces, churn_risk(hs, ht, '2025-01-01 00:00:00+00') AS churn
FROM nps_ext_tap_parallel GROUP BY g;

CREATE TEMP TABLE serial_churn AS
SELECT c, churn_risk(hs, ht, '2025-01-01 00:00:00+00') AS churn, churn_risk(hs, ht) AS churn_now
FROM nps_ext_tap_parallel GROUP BY c;

\ir data/parallel_plans.psql
SET LOCAL enable_hashagg = off;

-- EXPLAIN ANALYZE runs the statement, so the parallel results are
-- materialized by the very plan whose workers the output reports (a query
-- inside a pgTAP assertion would run serially: pgTAP's functions are not
-- parallel safe and PL/pgSQL loops never use workers).
CREATE FUNCTION pg_temp.run_and_explain(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || statement LOOP
    result := result || line || E'\n';
  END LOOP;
  RETURN result;
END $$;

SELECT matches(pg_temp.run_and_explain($$CREATE TEMP TABLE parallel_result AS
                 SELECT g, nps(s) AS nps, csat(c5) AS csat, ces(e7) AS ces,
                        churn_risk(hs, ht, '2025-01-01 00:00:00+00') AS churn
                 FROM nps_ext_tap_parallel GROUP BY g$$),
               'Workers Launched: [1-9].*Partial (Group|Hash)?Aggregate',
               'nps, csat, ces, churn_risk by group ran as partial aggregates in launched workers');
SELECT is_empty($$SELECT g FROM parallel_result p FULL JOIN serial_result s USING (g)
                  WHERE p.nps IS DISTINCT FROM s.nps OR p.csat IS DISTINCT FROM s.csat
                     OR p.ces IS DISTINCT FROM s.ces OR p.churn IS DISTINCT FROM s.churn$$,
                'parallel nps, csat, ces, churn_risk by group = the serial results');

SELECT matches(pg_temp.run_and_explain($$CREATE TEMP TABLE parallel_churn AS
                 SELECT c, churn_risk(hs, ht, '2025-01-01 00:00:00+00') AS churn, churn_risk(hs, ht) AS churn_now
                 FROM nps_ext_tap_parallel GROUP BY c$$),
               'Workers Launched: [1-9].*Partial (Group|Hash)?Aggregate',
               'churn_risk per customer ran as partial aggregates in launched workers');
SELECT is_empty($$SELECT c FROM parallel_churn p FULL JOIN serial_churn s USING (c)
                  WHERE p.churn IS DISTINCT FROM s.churn OR p.churn_now IS DISTINCT FROM s.churn_now$$,
                'parallel churn_risk per customer (both forms) = the serial results');

SELECT matches(pg_temp.run_and_explain($$CREATE TEMP TABLE parallel_total AS
                 SELECT round(nps(s), 12) AS nps FROM nps_ext_tap_parallel$$),
               'Workers Launched: [1-9].*Partial (Group|Hash)?Aggregate',
               'nps over the whole table ran as a partial aggregate in launched workers');
SELECT is((SELECT nps FROM parallel_total),
          (SELECT round(100 * (count(*) FILTER (WHERE s >= 9) - count(*) FILTER (WHERE s <= 6))::numeric / count(s), 12) FROM resp),
          'parallel nps over the whole table = 100 * (P - D) / n');

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
RESET enable_hashagg;

-- hash aggregation that spills states to disk (tiny work_mem) = sorted aggregation
CREATE TEMP TABLE sorted_result AS
SELECT i % 3000 AS g, nps(s) AS nps, csat(c5) AS csat, ces(e7) AS ces FROM resp GROUP BY i % 3000;
SET LOCAL work_mem = '64kB';
SET LOCAL enable_sort = off;
SELECT matches(pg_temp.run_and_explain($$CREATE TEMP TABLE spilled_result AS
                 SELECT i % 3000 AS g, nps(s) AS nps, csat(c5) AS csat, ces(e7) AS ces FROM resp GROUP BY i % 3000$$),
               'HashAggregate.*Disk Usage',
               'the hash aggregation spilled its states to disk');
SELECT is_empty($$SELECT g FROM spilled_result p FULL JOIN sorted_result s USING (g)
                  WHERE p.nps IS DISTINCT FROM s.nps OR p.csat IS DISTINCT FROM s.csat OR p.ces IS DISTINCT FROM s.ces$$,
                'hash aggregation with states spilled to disk = sorted aggregation');
RESET work_mem;
RESET enable_sort;

SELECT * FROM finish();
ROLLBACK;
