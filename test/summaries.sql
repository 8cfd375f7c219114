-- summaries.sql: properties of the 1.1 summaries, weights and statistics on
-- generated data.
--
-- Run by pg_prove in a database where pgtap and nps_ext are installed.
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

-- 5,000 deterministic responses with weights that are multiples of 1/8
-- (exact binary fractions, so weighted sums do not depend on order).
CREATE TEMP TABLE r AS
SELECT i AS id, i % 37 AS grp,
       CASE WHEN i % 53 = 0 THEN NULL ELSE (i::bigint * 7919 % 11)::int END AS score,
       CASE WHEN i % 47 = 0 THEN NULL ELSE 1 + (i::bigint * 104729 % 5)::int END AS sat,
       CASE WHEN i % 43 = 0 THEN NULL ELSE 1 + (i::bigint * 1299709 % 7)::int END AS effort,
       (1 + i % 16) / 8.0::float8 AS w
FROM generate_series(1, 5000) AS i;

-- ---------------------------------------------------------------------------
-- rollup(): any partition of the rows rolls up to the summary of all rows
-- ---------------------------------------------------------------------------
SELECT is((SELECT rollup(s) FROM (SELECT nps_agg(score) AS s FROM r GROUP BY grp) AS x),
          (SELECT nps_agg(score) FROM r),
          'rollup of 37 group summaries = nps_agg of all rows');
SELECT is((SELECT rollup(s) FROM (SELECT nps_agg(score) AS s FROM r GROUP BY id % 2) AS x),
          (SELECT rollup(s) FROM (SELECT nps_agg(score) AS s FROM r GROUP BY id % 101) AS x),
          'rollup does not depend on how the rows were split');
SELECT is((SELECT rollup(s) FROM (SELECT csat_agg(sat, 5, 3) AS s FROM r GROUP BY grp) AS x),
          (SELECT csat_agg(sat, 5, 3) FROM r),
          'csat rollup = csat_agg of all rows');
SELECT is((SELECT rollup(s) FROM (SELECT ces_agg(effort, 7, w) AS s FROM r GROUP BY grp) AS x),
          (SELECT ces_agg(effort, 7, w) FROM r),
          'weighted ces rollup = weighted ces_agg of all rows (binary-fraction weights)');
SELECT is((SELECT rollup(s ORDER BY g DESC) FROM (SELECT grp AS g, nps_agg(score, w) AS s FROM r GROUP BY grp) AS x),
          (SELECT rollup(s ORDER BY g) FROM (SELECT grp AS g, nps_agg(score, w) AS s FROM r GROUP BY grp) AS x),
          'weighted rollup does not depend on the order of the summaries');
-- weights that are not binary fractions (w / 3): sums are rounded, so the
-- figures must agree to the 15 digits shown rather than bit for bit
SELECT ok((SELECT abs(a.v - b.v) < 1e-12 AND abs(a.v - c.v) < 1e-12
             FROM (SELECT nps(rollup(s ORDER BY g DESC)) AS v FROM (SELECT grp AS g, nps_agg(score, w / 3) AS s FROM r GROUP BY grp) AS x) AS a,
                  (SELECT nps(rollup(s ORDER BY g)) AS v FROM (SELECT grp AS g, nps_agg(score, w / 3) AS s FROM r GROUP BY grp) AS x) AS b,
                  (SELECT nps(score, w / 3) AS v FROM r) AS c),
          'rollup of summaries with non-binary weights agrees with the direct weighted aggregate, in any order');

-- ---------------------------------------------------------------------------
-- Round trips and accessors
-- ---------------------------------------------------------------------------
SELECT is_empty($$SELECT grp FROM (SELECT grp, nps_agg(score, w / 3) AS s, csat_agg(sat, 5, 4, w / 7) AS c,
                                         ces_agg(effort, 7, w / 11) AS e FROM r GROUP BY grp) AS x
                   WHERE s::text::nps_summary <> s OR c::text::csat_summary <> c OR e::text::ces_summary <> e
                      OR s::text::nps_summary::text <> s::text$$,
                'weighted summaries with non-binary weight sums round-trip exactly through text');
SELECT is_empty($$SELECT grp FROM (SELECT grp, nps_agg(score) AS s, count(score) AS n,
                                         count(*) FILTER (WHERE score >= 9) AS p FROM r GROUP BY grp) AS x
                   WHERE responses(s) <> n OR promoters(s) <> p
                      OR (SELECT sum(d.responses) FROM distribution(s) AS d) <> n$$,
                'responses, promoters and the distribution agree with count() in every group');
SELECT is_empty($$SELECT grp FROM (SELECT grp, nps_agg(score, 1.0) AS s FROM r GROUP BY grp) AS x
                   WHERE total_weight(s) <> responses(s) OR effective_responses(s) <> responses(s)$$,
                'unit weights: total weight and effective size are the number of responses');

-- ---------------------------------------------------------------------------
-- Statistics on 200 generated count vectors
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE vectors AS
SELECT format('{"version":1,"kind":"nps","counts":[%s,0,0,0,0,0,0,%s,0,%s,0]}', d, pa, p)::nps_summary AS s,
       d, pa, p
FROM (SELECT (i * 7) % 41 AS d, (i * 13) % 37 AS pa, (i * 29) % 53 AS p
      FROM generate_series(1, 200) AS i) AS v
WHERE d + pa + p > 0;
-- one-bucket samples, where the intervals have their exact ends
INSERT INTO vectors
SELECT format('{"version":1,"kind":"nps","counts":[%s,0,0,0,0,0,0,%s,0,%s,0]}', d, pa, p)::nps_summary, d, pa, p
FROM generate_series(1, 40) AS k,
     LATERAL (VALUES (0, 0, k), (k, 0, 0), (0, k, 0)) AS v(d, pa, p);

SELECT is_empty($$SELECT s FROM vectors, unnest(ARRAY['wald', 'adjusted_wald', 'score']) AS m
                   WHERE NOT (nps_ci_lower(s, 0.95, m, 1) <= nps_ci_upper(s, 0.95, m, 1)
                              AND nps_ci_lower(s, 0.95, m, 1) >= -100 AND nps_ci_upper(s, 0.95, m, 1) <= 100)$$,
                'every interval is ordered and within -100..100');
SELECT is_empty($$SELECT s FROM vectors, unnest(ARRAY['wald', 'score']) AS m
                   WHERE NOT (nps_ci_lower(s, 0.95, m, 1) <= nps(s) + 1e-9 AND nps(s) <= nps_ci_upper(s, 0.95, m, 1) + 1e-9)$$,
                'Wald and score intervals contain the NPS');
SELECT is_empty($$SELECT s FROM vectors, unnest(ARRAY['wald', 'adjusted_wald', 'score']) AS m
                   WHERE nps_ci_upper(s, 0.99, m, 1) - nps_ci_lower(s, 0.99, m, 1)
                         < nps_ci_upper(s, 0.90, m, 1) - nps_ci_lower(s, 0.90, m, 1) - 1e-9$$,
                'a higher confidence never gives a narrower interval');
SELECT is_empty($$SELECT s FROM vectors
                   WHERE abs(nps_ci_lower(s, 0.95, 'score', 1) + nps_ci_upper(
                             format('{"version":1,"kind":"nps","counts":[%s,0,0,0,0,0,0,%s,0,%s,0]}', p, pa, d)::nps_summary,
                             0.95, 'score', 1)) > 1e-7$$,
                'the score interval mirrors when promoters and detractors swap');
SELECT is((SELECT count(*) FROM vectors
            WHERE p = d + pa + p AND nps_ci_upper(s, 0.95, 'score', 1) = 100
              AND d = d + pa + p - p AND nps_ci_lower(
                  format('{"version":1,"kind":"nps","counts":[%s,0,0,0,0,0,0,0,0,0,0]}', p)::nps_summary,
                  0.95, 'score', 1) = -100),
          40::bigint,
          'score limits are exactly 100 / -100 when everyone is a promoter / detractor');
SELECT is_empty($$SELECT a.s FROM vectors a, vectors b
                   WHERE a.d + a.pa + a.p >= 30 AND b.d + b.pa + b.p >= 30
                     AND NOT (nps_test(a.s, b.s) BETWEEN 0 AND 1
                              AND nps_test(a.s, b.s) = nps_test(b.s, a.s)
                              AND nps_test_z(a.s, b.s) = -nps_test_z(b.s, a.s))$$,
                'p-values lie in [0, 1], are symmetric, and z is antisymmetric');
SELECT is_empty($$SELECT s FROM vectors
                   WHERE (d + pa + p < 30) <> (nps_margin(s) IS NULL)$$,
                'statistics are NULL exactly below the default minimum of 30 responses');
SELECT is_empty($$SELECT grp FROM (SELECT grp, csat_agg(sat) AS c FROM r GROUP BY grp) AS x
                   WHERE NOT (csat_ci_lower(c) <= csat(c) AND csat(c) <= csat_ci_upper(c)
                              AND csat_ci_lower(c) >= 0 AND csat_ci_upper(c) <= 100)$$,
                'the Wilson interval contains CSAT and stays within 0..100');

-- ---------------------------------------------------------------------------
-- Weighted summaries: the same multiset of rows gives the same bytes in any
-- order, serial or parallel, and rollup() the same bytes for the same
-- summaries in any order (exact sums, rounded once by the final function).
-- Weights with non-binary fractions, huge, tiny and zero, mixed in a group.
-- ---------------------------------------------------------------------------
CREATE TABLE nps_ext_tap_exact AS
SELECT i AS k, i % 40 AS g, (i::bigint * 7919 % 11)::int AS s,
       (ARRAY[0.1, 0.7, 1 / 3::float8, 1e-100, 1e100, 0.9, 2.5e-7, 0, 1 / 7::float8])[1 + (i::bigint * 104729 % 9)::int] AS w
FROM generate_series(1, 8000) AS i;
ANALYZE nps_ext_tap_exact;
CREATE TEMP TABLE exact_perm AS
SELECT g, p, nps_agg(s, w ORDER BY md5(k || ':' || p)) AS n,
       csat_agg(s % 5 + 1, 5, 4, w ORDER BY md5(k || ':' || p)) AS c,
       ces_agg(s % 7 + 1, 7, w ORDER BY md5(k || ':' || p)) AS e,
       effective_responses(nps_agg(s, w ORDER BY md5(k || ':' || p))) AS n_eff
FROM nps_ext_tap_exact, generate_series(1, 25) AS p GROUP BY g, p;
SELECT is((SELECT count(*) FROM exact_perm), 1000::bigint, '40 groups in 25 row orders each');
SELECT is_empty($$SELECT g FROM exact_perm GROUP BY g
                   HAVING count(DISTINCT n::text) > 1 OR count(DISTINCT c::text) > 1
                       OR count(DISTINCT e::text) > 1 OR count(DISTINCT n_eff) > 1
                       OR count(DISTINCT nps_summary_hash(n)) > 1$$,
                'weighted summaries and their effective size are the same bytes in 25 row orders');
SELECT is_empty($$SELECT g FROM exact_perm AS x
                   JOIN (SELECT g, nps_agg(s, w ORDER BY k) AS asc_n, nps_agg(s, w ORDER BY k DESC) AS desc_n
                         FROM nps_ext_tap_exact GROUP BY g) AS y USING (g)
                   WHERE x.p = 1 AND NOT (x.n = y.asc_n AND x.n = y.desc_n)$$,
                'ORDER BY k, ORDER BY k DESC and shuffled orders give equal summaries');
SELECT is_empty($$SELECT count(DISTINCT r::text), count(DISTINCT rc::text)
                   FROM (SELECT p, rollup(n ORDER BY md5(g || ':' || p)) AS r,
                                rollup(c ORDER BY md5(g || '/' || p)) AS rc
                         FROM exact_perm GROUP BY p) AS x
                   HAVING count(DISTINCT r::text) > 1 OR count(DISTINCT rc::text) > 1$$,
                'rollup of the same summaries in 25 orders gives the same bytes');

CREATE TEMP TABLE exact_serial AS
SELECT g, nps_agg(s, w) AS n, csat_agg(s % 5 + 1, 5, 4, w) AS c, ces_agg(s % 7 + 1, 7, w) AS e
FROM nps_ext_tap_exact GROUP BY g;
\ir data/parallel_plans.psql
CREATE FUNCTION pg_temp.exact_plan(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP result := result || line || E'\n'; END LOOP;
  RETURN result;
END $$;
SELECT matches(pg_temp.exact_plan('SELECT g, nps_agg(s, w) FROM nps_ext_tap_exact GROUP BY g'),
               'Partial', 'the weighted aggregates run in a parallel plan (partial states combined)');
SELECT is_empty($$SELECT g FROM (SELECT g, nps_agg(s, w) AS n, csat_agg(s % 5 + 1, 5, 4, w) AS c,
                                        ces_agg(s % 7 + 1, 7, w) AS e
                                 FROM nps_ext_tap_exact GROUP BY g) AS par
                   JOIN exact_serial AS ser USING (g)
                   WHERE NOT (par.n = ser.n AND par.c = ser.c AND par.e = ser.e)$$,
                'a parallel plan gives the serial plan''s weighted summaries, byte for byte');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT * FROM finish();
ROLLBACK;
