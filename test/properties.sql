-- properties.sql: properties of nps_ext on generated data.
--
-- The data are deterministic (hash-derived, no random()), a few thousand
-- rows.  Every aggregate is checked against plain SQL: nps against
-- 100 * (P - D) / n, csat against 100 * #(s >= satisfied_from) / n, ces
-- against avg(); churn_risk against its documented properties (range,
-- order independence, monotonicity, as_of handling); the combine
-- functions against hand-computed unions; the text forms for round trips;
-- and the oracles of the metrics reference (docs/metrics.md).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

-- h(i, salt, m): a deterministic pseudo-random integer in 0 .. m - 1
CREATE FUNCTION pg_temp.h(i bigint, salt int, m int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ((hashint8(i * 1000003 + salt) & 2147483647) % m)::int $$;

-- resp: 6000 rows in 13 groups, about 6% NULL scores
CREATE TEMP TABLE resp AS
SELECT i,
       i % 13 AS g,
       CASE WHEN pg_temp.h(i, 1, 100) < 6 THEN NULL ELSE pg_temp.h(i, 2, 11) END AS s,      -- NPS 0..10
       CASE WHEN pg_temp.h(i, 3, 100) < 6 THEN NULL ELSE pg_temp.h(i, 4, 5) + 1 END AS c5,  -- CSAT 1..5
       CASE WHEN pg_temp.h(i, 5, 100) < 6 THEN NULL ELSE pg_temp.h(i, 6, 7) + 1 END AS e7,  -- CES 1..7
       pg_temp.h(i, 7, 1000000) AS k                                                          -- a shuffle key
FROM generate_series(1, 6000) AS i;

-- nps by the plain SQL formula
CREATE TEMP VIEW nps_expected AS
SELECT g,
       100 * (count(*) FILTER (WHERE s >= 9) - count(*) FILTER (WHERE s <= 6))::numeric
           / nullif(count(s), 0) AS expected
FROM resp GROUP BY g;

-- ===========================================================================
-- nps()
-- ===========================================================================
SELECT ok((SELECT count(*) FROM resp WHERE s IS NULL) > 0 AND (SELECT count(DISTINCT s) FROM resp) = 11,
          'the generated data have NULLs and every NPS score');

SELECT is_empty($$SELECT g FROM (SELECT g, nps(s) AS got FROM resp GROUP BY g) r JOIN nps_expected USING (g)
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'nps(int4) = 100 * (P - D) / n in every group');

SELECT is_empty($$SELECT g FROM (SELECT g, nps(s) AS got FROM resp GROUP BY g) r JOIN nps_expected USING (g)
                  WHERE got IS DISTINCT FROM trim_scale(expected)$$,
                'nps(int4) is exactly the numeric quotient 100 * (P - D) / n, trailing zeros trimmed');

SELECT is_empty($$SELECT g FROM (SELECT g, nps(s::smallint) AS got FROM resp GROUP BY g) r JOIN nps_expected USING (g)
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'nps(int2) = 100 * (P - D) / n in every group');

SELECT is_empty($$SELECT g FROM (SELECT g, nps(s::bigint) AS got FROM resp GROUP BY g) r JOIN nps_expected USING (g)
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'nps(int8) = 100 * (P - D) / n in every group');

SELECT is_empty($$SELECT g FROM (SELECT g, nps(s::numeric) AS got FROM resp GROUP BY g) r JOIN nps_expected USING (g)
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'nps(numeric) = 100 * (P - D) / n in every group');

SELECT is_empty($$SELECT g FROM (SELECT g, nps((s::numeric * 1.000)) AS got FROM resp GROUP BY g) r JOIN nps_expected USING (g)
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'nps(numeric) accepts integral values with a fractional scale (9.000)');

SELECT is((SELECT round(nps(s), 12) FROM resp),
          (SELECT round(100 * (count(*) FILTER (WHERE s >= 9) - count(*) FILTER (WHERE s <= 6))::numeric / count(s), 12) FROM resp),
          'nps over the whole table = 100 * (P - D) / n');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING nps(s) IS DISTINCT FROM (SELECT nps(r2.s) FROM resp r2 WHERE r2.g = resp.g AND r2.s IS NOT NULL)$$,
                'NULL scores are skipped: nps over data with NULLs = nps over the data without them');

SELECT is((SELECT nps(s) FROM resp WHERE false), NULL::numeric, 'nps of an empty group is NULL');
SELECT is((SELECT nps(s) FROM resp WHERE s IS NULL), NULL::numeric, 'nps of an all-NULL group is NULL');
SELECT is((SELECT nps(NULL::numeric) FROM generate_series(1, 10)), NULL::numeric, 'nps(numeric) of an all-NULL group is NULL');

SELECT results_eq($$SELECT k, nps(k) FROM generate_series(0, 10) AS k GROUP BY k ORDER BY k$$,
                  $$VALUES (0, -100::numeric), (1, -100), (2, -100), (3, -100), (4, -100), (5, -100), (6, -100),
                           (7, 0), (8, 0), (9, 100), (10, 100)$$,
                  'single row: 0..6 give -100, 7..8 give 0, 9..10 give 100');

SELECT is((SELECT nps(9 + i % 2) FROM generate_series(1, 1000) AS i), 100::numeric, 'all promoters give 100');
SELECT is((SELECT nps(i % 7) FROM generate_series(1, 1000) AS i), -100::numeric, 'all detractors give -100');
SELECT is((SELECT nps(7 + i % 2) FROM generate_series(1, 1000) AS i), 0::numeric, 'all passives give 0');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING nps(s ORDER BY k) IS DISTINCT FROM nps(s ORDER BY i DESC)
                      OR nps(s ORDER BY s) IS DISTINCT FROM nps(s ORDER BY k DESC)$$,
                'nps does not depend on the input order');

SELECT is_empty($$SELECT i FROM (
                    SELECT i,
                           nps(s) OVER w AS got,
                           100 * (count(*) FILTER (WHERE s >= 9) OVER w - count(*) FILTER (WHERE s <= 6) OVER w)::numeric
                               / nullif(count(s) OVER w, 0) AS expected
                    FROM resp
                    WINDOW w AS (PARTITION BY g ORDER BY i ROWS BETWEEN 9 PRECEDING AND CURRENT ROW)) x
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'nps as a moving window aggregate (inverse transitions) = the formula over each frame');

SELECT is_empty($$SELECT i FROM (
                    SELECT i,
                           nps(s::numeric) OVER w AS got,
                           100 * (count(*) FILTER (WHERE s >= 9) OVER w - count(*) FILTER (WHERE s <= 6) OVER w)::numeric
                               / nullif(count(s) OVER w, 0) AS expected
                    FROM resp
                    WINDOW w AS (ORDER BY k ROWS BETWEEN 3 PRECEDING AND 2 FOLLOWING)) x
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'nps(numeric) as a moving window aggregate = the formula over each frame');

-- ===========================================================================
-- csat()
-- ===========================================================================
-- scales and thresholds: every (scale_max, satisfied_from) here is checked
-- against 100 * count(*) FILTER (WHERE x >= satisfied_from) / count(x)
CREATE TEMP TABLE csat_param (scale_max int, satisfied_from int);
INSERT INTO csat_param VALUES (3, 2), (3, 3), (4, 3), (5, 2), (5, 4), (5, 5), (7, 5), (7, 6), (10, 2), (10, 9), (10, 10);

CREATE TEMP VIEW scaled AS
SELECT p.scale_max, p.satisfied_from, r.g, r.i, r.k,
       CASE WHEN r.c5 IS NULL THEN NULL ELSE pg_temp.h(r.i, 100 + p.scale_max, p.scale_max) + 1 END AS x
FROM csat_param p CROSS JOIN resp r;

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING round(csat(c5), 12) IS DISTINCT FROM
                         round(100.0 * count(*) FILTER (WHERE c5 >= 4) / count(c5), 12)$$,
                'csat(score) = 100 * #(score >= 4) / n on the default 1..5 scale');

-- A scale argument of the unweighted forms must not reference the
-- aggregated rows, so each scale is aggregated in a LATERAL subquery that
-- takes it from csat_param's row.
SELECT is_empty($$SELECT p.scale_max, p.satisfied_from, c.g
                  FROM csat_param p, LATERAL (
                    SELECT g FROM scaled s
                    WHERE s.scale_max = p.scale_max AND s.satisfied_from = p.satisfied_from GROUP BY g
                    HAVING round(csat(x, p.scale_max, p.satisfied_from), 12) IS DISTINCT FROM
                           round(100.0 * count(*) FILTER (WHERE x >= p.satisfied_from) / count(x), 12)) c$$,
                'csat(score, scale_max, satisfied_from) = 100 * #(score >= satisfied_from) / n for many scales');

SELECT is_empty($$SELECT p.scale_max, c.g
                  FROM (SELECT DISTINCT scale_max FROM csat_param) p, LATERAL (
                    SELECT g FROM scaled s WHERE s.scale_max = p.scale_max GROUP BY g
                    HAVING round(csat(x, p.scale_max), 12) IS DISTINCT FROM
                           round(100.0 * count(*) FILTER (WHERE x >= p.scale_max - 1) / count(x), 12)) c$$,
                'csat(score, scale_max) defaults to top-2-box: satisfied_from = scale_max - 1');

SELECT is_empty($$SELECT p.scale_max, p.satisfied_from, c.g
                  FROM csat_param p, LATERAL (
                    SELECT g FROM scaled s
                    WHERE s.scale_max = p.scale_max AND s.satisfied_from = p.satisfied_from GROUP BY g
                    HAVING csat(x::smallint, p.scale_max, p.satisfied_from) IS DISTINCT FROM csat(x, p.scale_max, p.satisfied_from)
                        OR csat(x::bigint, p.scale_max, p.satisfied_from) IS DISTINCT FROM csat(x, p.scale_max, p.satisfied_from)
                        OR csat(x::numeric, p.scale_max, p.satisfied_from) IS DISTINCT FROM csat(x, p.scale_max, p.satisfied_from)) c$$,
                'csat gives the same result for int2, int4, int8 and numeric scores');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING csat(c5) IS DISTINCT FROM csat(c5, 5)
                      OR csat(c5) IS DISTINCT FROM csat(c5, 5, 4)$$,
                'csat(score) = csat(score, 5) = csat(score, 5, 4)');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING csat(c5) IS DISTINCT FROM (SELECT csat(r2.c5) FROM resp r2 WHERE r2.g = resp.g AND r2.c5 IS NOT NULL)$$,
                'csat skips NULL scores');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING csat(c5 ORDER BY k) IS DISTINCT FROM csat(c5 ORDER BY i DESC)$$,
                'csat does not depend on the input order');

SELECT is((SELECT csat(c5) FROM resp WHERE false), NULL::numeric, 'csat of an empty group is NULL');
SELECT is((SELECT csat(NULL::int, 7, 6) FROM generate_series(1, 10)), NULL::numeric, 'csat of an all-NULL group is NULL');
SELECT is((SELECT csat(4)), 100::numeric, 'csat of a single satisfied row is 100');
SELECT is((SELECT csat(3)), 0::numeric, 'csat of a single unsatisfied row is 0');

SELECT is_empty($$SELECT i FROM (
                    SELECT i,
                           csat(c5) OVER w AS got,
                           100.0 * count(*) FILTER (WHERE c5 >= 4) OVER w / nullif(count(c5) OVER w, 0) AS expected
                    FROM resp
                    WINDOW w AS (PARTITION BY g ORDER BY i ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)) x
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'csat as a moving window aggregate = the formula over each frame');

-- ===========================================================================
-- ces()
-- ===========================================================================
SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING round(ces(e7), 12) IS DISTINCT FROM round(avg(e7), 12)$$,
                'ces(score) = avg(score) on the default 1..7 scale');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING ces(e7) IS DISTINCT FROM trim_scale(avg(e7))$$,
                'ces(score) is exactly avg(score) with trailing zeros trimmed');

SELECT is_empty($$SELECT p.scale_max, c.g
                  FROM (SELECT DISTINCT scale_max FROM csat_param) p, LATERAL (
                    SELECT g FROM scaled s WHERE s.scale_max = p.scale_max GROUP BY g
                    HAVING round(ces(x, p.scale_max), 12) IS DISTINCT FROM round(avg(x), 12)) c$$,
                'ces(score, scale_max) = avg(score) on scales 3..10');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING ces(e7::smallint) IS DISTINCT FROM ces(e7)
                      OR ces(e7::bigint) IS DISTINCT FROM ces(e7)
                      OR ces(e7::numeric) IS DISTINCT FROM ces(e7)
                      OR ces(e7, 7) IS DISTINCT FROM ces(e7)$$,
                'ces gives the same result for int2, int4, int8, numeric and an explicit scale 7');

SELECT is_empty($$SELECT g FROM resp GROUP BY g
                  HAVING ces(e7) IS DISTINCT FROM (SELECT ces(r2.e7) FROM resp r2 WHERE r2.g = resp.g AND r2.e7 IS NOT NULL)$$,
                'ces skips NULL scores');

SELECT is((SELECT ces(e7) FROM resp WHERE false), NULL::numeric, 'ces of an empty group is NULL');
SELECT is((SELECT ces(NULL::bigint) FROM generate_series(1, 10)), NULL::numeric, 'ces of an all-NULL group is NULL');
SELECT is((SELECT ces(6)), 6::numeric, 'ces of a single row is that score');

SELECT is_empty($$SELECT i FROM (
                    SELECT i, ces(e7) OVER w AS got, avg(e7) OVER w AS expected
                    FROM resp
                    WINDOW w AS (ORDER BY k ROWS BETWEEN 4 PRECEDING AND CURRENT ROW)) x
                  WHERE round(got, 12) IS DISTINCT FROM round(expected, 12)$$,
                'ces as a moving window aggregate = avg over each frame');

-- ===========================================================================
-- churn_risk()
-- ===========================================================================
-- 400 customers with 1..6 responses each, on whole days of 2024 (so several
-- customers have two responses on the same instant with different scores:
-- the tie-break must not depend on row order), as_of 2025-01-01.
CREATE TEMP TABLE hist AS
SELECT c, n,
       pg_temp.h(c * 10 + n, 11, 11) AS s,
       '2024-01-01 00:00:00+00'::timestamptz + pg_temp.h(c * 10 + n, 12, 20) * interval '15 days' AS t,
       pg_temp.h(c * 10 + n, 13, 1000000) AS k
FROM generate_series(1, 400) AS c
CROSS JOIN LATERAL generate_series(1, 1 + pg_temp.h(c, 14, 6)) AS n;

CREATE TEMP TABLE risk AS
SELECT c, churn_risk(s, t, '2025-01-01 00:00:00+00') AS r FROM hist GROUP BY c;

-- the latest response of each customer: greatest time, lowest score on a tie
CREATE TEMP VIEW latest AS
SELECT DISTINCT ON (c) c, n FROM hist ORDER BY c, t DESC, s ASC;

SELECT ok((SELECT count(*) FROM (SELECT c, t FROM hist GROUP BY c, t HAVING count(DISTINCT s) > 1) x) > 0,
          'the churn data contain same-instant responses with different scores');

SELECT is_empty($$SELECT c FROM risk WHERE r IS NULL OR r = 'NaN' OR r < 0 OR r > 1$$,
                'churn_risk is in [0, 1] for every customer');

SELECT is_empty($$SELECT c FROM hist GROUP BY c
                  HAVING churn_risk(s, t, '2025-01-01 00:00:00+00' ORDER BY t, s) IS DISTINCT FROM churn_risk(s, t, '2025-01-01 00:00:00+00' ORDER BY t DESC, s DESC)
                      OR churn_risk(s, t, '2025-01-01 00:00:00+00' ORDER BY k) IS DISTINCT FROM churn_risk(s, t, '2025-01-01 00:00:00+00' ORDER BY k DESC)
                      OR churn_risk(s, t, '2025-01-01 00:00:00+00' ORDER BY t, s DESC) IS DISTINCT FROM churn_risk(s, t, '2025-01-01 00:00:00+00' ORDER BY t DESC, s)$$,
                'churn_risk does not depend on the input order (ties in time included)');

SELECT is_empty($$SELECT c FROM (
                    SELECT h.c, churn_risk(CASE WHEN l.n IS NOT NULL THEN h.s - 1 ELSE h.s END, h.t, '2025-01-01 00:00:00+00') AS lowered
                    FROM hist h LEFT JOIN latest l ON l.c = h.c AND l.n = h.n
                    WHERE h.c IN (SELECT l2.c FROM latest l2 JOIN hist h2 USING (c, n) WHERE h2.s > 0)
                    GROUP BY h.c) x JOIN risk USING (c)
                  WHERE lowered < r$$,
                'lowering a customer''s latest score never lowers the risk');

SELECT ok((SELECT count(*) FROM (
             SELECT h.c, churn_risk(CASE WHEN l.n IS NOT NULL THEN 0 ELSE h.s END, h.t, '2025-01-01 00:00:00+00') AS lowered
             FROM hist h LEFT JOIN latest l ON l.c = h.c AND l.n = h.n
             GROUP BY h.c) x JOIN risk USING (c) WHERE lowered > r) > 0,
          'lowering the latest score to 0 raises the risk for some customers (the property above is not vacuous)');

SELECT is_empty($$SELECT c FROM (
                    SELECT c, churn_risk(s, t, '2025-01-31 00:00:00+00') AS r30,
                              churn_risk(s, t, '2026-01-01 00:00:00+00') AS r365,
                              churn_risk(s, t, '2035-01-01 00:00:00+00') AS r10y
                    FROM hist GROUP BY c) x JOIN risk USING (c)
                  WHERE r30 < r OR r365 < r30 OR r10y < r365$$,
                'more silence (a later as_of) never lowers the risk');

SELECT is_empty($$SELECT c FROM (
                    SELECT h.c, churn_risk(CASE WHEN l.n IS NULL THEN 10 ELSE h.s END, h.t, '2025-01-01 00:00:00+00') AS raised
                    FROM hist h LEFT JOIN latest l ON l.c = h.c AND l.n = h.n
                    GROUP BY h.c) x JOIN risk USING (c)
                  WHERE raised < r$$,
                'higher earlier scores (a bigger decline) never lower the risk');

SELECT is_empty($$SELECT c FROM (
                    SELECT h.c, churn_risk(CASE WHEN l.n IS NULL THEN least(h.s + 1, 10) ELSE h.s END, h.t, '2025-01-01 00:00:00+00') AS raised
                    FROM hist h LEFT JOIN latest l ON l.c = h.c AND l.n = h.n
                    GROUP BY h.c) x JOIN risk USING (c)
                  WHERE raised < r$$,
                'raising every earlier score by one never lowers the risk');

SELECT is_empty($$SELECT c FROM hist GROUP BY c
                  HAVING churn_risk(s, t) IS DISTINCT FROM churn_risk(s, t, now())$$,
                'churn_risk(score, responded_at) = churn_risk(score, responded_at, transaction start)');

SELECT is_empty($$SELECT c FROM (
                    SELECT c, churn_risk(s, t, '2025-01-01 00:00:00+00') AS with_future
                    FROM (SELECT c, s, t FROM hist
                          UNION ALL
                          SELECT c, 10 - s, t + interval '2 years' FROM hist) u
                    GROUP BY c) x JOIN risk USING (c)
                  WHERE with_future IS DISTINCT FROM r$$,
                'responses after as_of are ignored');

SELECT is_empty($$SELECT c FROM (
                    SELECT c, churn_risk(s, t, '2025-01-01 00:00:00+00') AS with_nulls
                    FROM (SELECT c, s, t FROM hist
                          UNION ALL SELECT c, NULL, t FROM hist
                          UNION ALL SELECT c, 0, NULL FROM hist) u
                    GROUP BY c) x JOIN risk USING (c)
                  WHERE with_nulls IS DISTINCT FROM r$$,
                'rows with a NULL score or a NULL responded_at are skipped');

SELECT is((SELECT churn_risk(s, t, '2025-01-01 00:00:00+00') FROM hist WHERE false), NULL::float8,
          'churn_risk of an empty group is NULL');
SELECT is((SELECT churn_risk(NULL::int, t, '2025-01-01 00:00:00+00') FROM hist WHERE c = 1), NULL::float8,
          'churn_risk of an all-NULL group is NULL');
SELECT ok((SELECT churn_risk(0, '2024-01-01'::timestamptz, '2025-01-01'::timestamptz))
          > (SELECT churn_risk(10, '2024-12-31'::timestamptz, '2025-01-01'::timestamptz)),
          'a silent detractor is riskier than a recent promoter');

-- ===========================================================================
-- combine functions on states given as text
-- ===========================================================================
SELECT is(nps_final(nps_combine('{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,3,0]}',
                                '{"version":1,"kind":"nps","counts":[9,10,10,0,0,5,5,30,28,50,47]}')),
          30::numeric,
          'nps_combine: (D 1, Pa 2, P 3) + (D 39, Pa 58, P 97) = (40, 60, 100) gives 30');

SELECT is(nps_combine('{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,3,0]}',
                      '{"version":1,"kind":"nps","counts":[9,10,10,0,0,5,5,30,28,50,47]}')::text,
          '{"version":1,"kind":"nps","counts":[10,10,10,0,0,5,5,32,28,53,47]}',
          'nps_combine adds the histograms count by count');

SELECT is(nps_combine(a, b)::text, nps_combine(b, a)::text, 'nps_combine is commutative')
FROM (SELECT '{"version":1,"kind":"nps","counts":[1,2,3,4,5,6,7,8,9,10,11]}'::nps_summary AS a,
             '{"version":1,"kind":"nps","counts":[0,0,7,0,0,0,1,0,0,0,100]}'::nps_summary AS b) x;

SELECT is(nps_combine(nps_combine(a, b), c)::text, nps_combine(a, nps_combine(b, c))::text, 'nps_combine is associative')
FROM (SELECT '{"version":1,"kind":"nps","counts":[1,2,3,4,5,6,7,8,9,10,11]}'::nps_summary AS a,
             '{"version":1,"kind":"nps","counts":[0,0,7,0,0,0,1,0,0,0,100]}'::nps_summary AS b,
             '{"version":1,"kind":"nps","counts":[5,0,0,0,0,0,0,0,0,0,5]}'::nps_summary AS c) x;

SELECT is(nps_combine(a, e)::text || ' ' || nps_combine(e, a)::text, a::text || ' ' || a::text,
          'the empty nps_summary is the identity of nps_combine')
FROM (SELECT '{"version":1,"kind":"nps","counts":[1,2,3,4,5,6,7,8,9,10,11]}'::nps_summary AS a,
             '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary AS e) x;

SELECT is(csat_final(csat_combine('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[5,5,0,0,0]}',
                                  '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,0,10,20,10]}')),
          60::numeric,
          'csat_combine: counts 5,5,0,0,0 + 0,0,10,20,10 give CSAT 60');

SELECT is(csat_combine('{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
                       '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":5,"counts":[1,2,3,4,5,6,7]}')::text,
          '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":5,"counts":[1,2,3,4,5,6,7]}',
          'csat_combine: an empty summary without a scale takes the other''s scale');

SELECT is(csat_combine('{"version":1,"kind":"csat","scale_max":7,"satisfied_from":5,"counts":[1,2,3,4,5,6,7]}',
                       '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}')::text,
          '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":5,"counts":[1,2,3,4,5,6,7]}',
          'csat_combine: an empty summary without a scale is the identity on the right too');

SELECT is(ces_final(ces_combine('{"version":1,"kind":"ces","scale_max":5,"counts":[5,5,0,0,0]}',
                                '{"version":1,"kind":"ces","scale_max":5,"counts":[0,0,10,20,10]}')),
          3.5::numeric,
          'ces_combine: counts 5,5,0,0,0 + 0,0,10,20,10 on 1..5 give mean 3.5');

SELECT is(nps_trans(nps_trans(nps_trans('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}', 9), 0::numeric), 10::bigint)::text,
          '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,1,1]}',
          'nps_trans called directly builds the expected histogram');

SELECT is(csat_trans(csat_trans('{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}', 3, 7, 6), NULL::int, 7, 6)::text,
          '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":6,"counts":[0,0,1,0,0,0,0]}',
          'csat_trans fixes the scale on its first row and skips a NULL score');

-- churn: states built with churn_trans, combined, against the aggregate over the union
SELECT is(churn_final(churn_combine(
              churn_trans(churn_trans(e, 8, '2024-03-01', '2025-01-01'), 9, '2024-01-01', '2025-01-01'),
              churn_trans(churn_trans(e, 3, '2024-06-01', '2025-01-01'), 6, '2024-06-01', '2025-01-01'))),
          (SELECT churn_risk(s, t::timestamptz, '2025-01-01') FROM (VALUES (8, '2024-03-01'), (9, '2024-01-01'), (3, '2024-06-01'), (6, '2024-06-01')) v(s, t)),
          'churn_combine of two partial states = churn_risk over the union')
FROM (SELECT '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}'::churn_state AS e) x;

SELECT is(churn_combine(a, b)::text, churn_combine(b, a)::text,
          'churn_combine is commutative, also when the latest responses tie in time')
FROM (SELECT '{"version":1,"responses":2,"score_sum":12,"latest_score":7,"latest_at_us":800000000000000,"as_of_us":900000000000000}'::churn_state AS a,
             '{"version":1,"responses":3,"score_sum":9,"latest_score":2,"latest_at_us":800000000000000,"as_of_us":900000000000000}'::churn_state AS b) x;

-- ===========================================================================
-- the same aggregates in parallel (partial states combined across workers)
-- ===========================================================================
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

SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 4;
SET LOCAL parallel_leader_participation = off;
SET LOCAL enable_hashagg = off;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP result := result || line || E'\n'; END LOOP;
  RETURN result;
END $$;

SELECT matches(pg_temp.plan_of($$SELECT g, nps(s), csat(c5), ces(e7), churn_risk(hs, ht, '2025-01-01 00:00:00+00') FROM nps_ext_tap_parallel GROUP BY g$$),
               'Partial',
               'the aggregates get a parallel plan with partial aggregation');

SELECT is_empty($$SELECT g FROM (
                    SELECT g, nps(s) AS nps, csat(c5) AS csat, ces(e7) AS ces, churn_risk(hs, ht, '2025-01-01 00:00:00+00') AS churn
                    FROM nps_ext_tap_parallel GROUP BY g) p
                  FULL JOIN serial_result s USING (g)
                  WHERE p.nps IS DISTINCT FROM s.nps OR p.csat IS DISTINCT FROM s.csat
                     OR p.ces IS DISTINCT FROM s.ces OR p.churn IS DISTINCT FROM s.churn$$,
                'parallel nps, csat, ces, churn_risk by group = the serial results');

SELECT is_empty($$SELECT c FROM (
                    SELECT c, churn_risk(hs, ht, '2025-01-01 00:00:00+00') AS churn, churn_risk(hs, ht) AS churn_now
                    FROM nps_ext_tap_parallel GROUP BY c) p
                  FULL JOIN serial_churn s USING (c)
                  WHERE p.churn IS DISTINCT FROM s.churn OR p.churn_now IS DISTINCT FROM s.churn_now$$,
                'parallel churn_risk per customer (both forms) = the serial results');

SELECT is((SELECT round(nps(s), 12) FROM nps_ext_tap_parallel),
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
SELECT is_empty($$SELECT g FROM (
                    SELECT i % 3000 AS g, nps(s) AS nps, csat(c5) AS csat, ces(e7) AS ces FROM resp GROUP BY i % 3000) p
                  FULL JOIN sorted_result s USING (g)
                  WHERE p.nps IS DISTINCT FROM s.nps OR p.csat IS DISTINCT FROM s.csat OR p.ces IS DISTINCT FROM s.ces$$,
                'hash aggregation with states spilled to disk = sorted aggregation');
RESET work_mem;
RESET enable_sort;

-- ===========================================================================
-- text round trips
-- ===========================================================================
SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'),
                    ('{"version":1,"kind":"nps","counts":[1,2,3,4,5,6,7,8,9,10,11]}'),
                    ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,9223372036854775807]}')) t(v)
                  WHERE v::nps_summary::text <> v OR v::nps_summary::text::nps_summary::text <> v$$,
                'nps_summary: canonical text survives ::nps_summary::text');

SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}'),
                    ('{"version":1,"kind":"csat","scale_max":3,"satisfied_from":2,"counts":[4,5,6]}'),
                    ('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[5,5,10,20,10]}'),
                    ('{"version":1,"kind":"csat","scale_max":10,"satisfied_from":10,"counts":[1,2,3,4,5,6,7,8,9,10]}')) t(v)
                  WHERE v::csat_summary::text <> v OR v::csat_summary::text::csat_summary::text <> v$$,
                'csat_summary: canonical text survives ::csat_summary::text');

SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"kind":"ces","scale_max":null,"counts":[]}'),
                    ('{"version":1,"kind":"ces","scale_max":7,"counts":[1,0,0,0,0,0,2]}'),
                    ('{"version":1,"kind":"ces","scale_max":10,"counts":[0,0,0,0,0,0,0,0,0,3]}')) t(v)
                  WHERE v::ces_summary::text <> v OR v::ces_summary::text::ces_summary::text <> v$$,
                'ces_summary: canonical text survives ::ces_summary::text');

SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}'),
                    ('{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":788918400000000}'),
                    ('{"version":1,"responses":3,"score_sum":17,"latest_score":4,"latest_at_us":788918400000000,"as_of_us":null}'),
                    ('{"version":1,"responses":2,"score_sum":10,"latest_score":5,"latest_at_us":-211813488000000000,"as_of_us":9223371331199999999}')) t(v)
                  WHERE v::churn_state::text <> v OR v::churn_state::text::churn_state::text <> v$$,
                'churn_state: canonical text survives ::churn_state::text (including the extreme finite times)');

SELECT is(' { "version" : 1 , "kind" : "nps" , "counts" : [ 1 , 0,0,0,0,0,0,0,0,0, 2 ] } '::nps_summary::text,
          '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,0,2]}',
          'nps_summary: input with whitespace is printed canonically');

SELECT is_empty($$SELECT g FROM (
                    SELECT g, st, st::text::churn_state::text AS again
                    FROM (SELECT c AS g, churn_trans(churn_trans('{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}',
                                                                 min(s), min(t), '2025-01-01'), max(s), max(t), '2025-01-01') AS st
                          FROM hist GROUP BY c) y) x
                  WHERE st::text <> again$$,
                'churn_state built by churn_trans survives a text round trip');

SELECT is((SELECT churn_final(st::text::churn_state) = churn_final(st)
           FROM (SELECT churn_trans('{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}',
                                    3, '2024-05-05 12:34:56.789012+00', '2025-01-01') AS st) x),
          true, 'churn_final of a text round-tripped state is unchanged (microsecond times kept)');

-- ===========================================================================
-- oracles of the metrics reference (docs/metrics.md)
-- ===========================================================================
SELECT is((SELECT round(nps(s), 2) FROM (VALUES (0), (7), (7), (9), (9), (9)) v(s)), 33.33,
          'docs/metrics.md: raw scores 0,7,7,9,9,9 give NPS 33.33');
SELECT is((SELECT nps(s) FROM (VALUES (0), (7), (7), (9), (9), (9)) v(s)), trim_scale(100::numeric / 3),
          'docs/metrics.md: counts (1, 2, 3) give exactly 100 / 3 as numeric division gives it');
SELECT is((SELECT nps(CASE WHEN i <= 40 THEN i % 7 WHEN i <= 100 THEN 7 + i % 2 ELSE 9 + i % 2 END)
           FROM generate_series(1, 200) AS i),
          30::numeric, 'docs/metrics.md: counts (40, 60, 100) give NPS 30');
SELECT is(nps_final('{"version":1,"kind":"nps","counts":[40,0,0,0,0,0,0,60,0,100,0]}'), 30::numeric,
          'docs/metrics.md: the (40, 60, 100) histogram gives NPS 30');
SELECT is((SELECT nps(s) FROM (VALUES (3), (10)) v(s)), 0::numeric, 'docs/metrics.md: counts (1, 0, 1) give NPS 0');
SELECT is((SELECT nps(s) FROM (VALUES (8), (10)) v(s)), 50::numeric, 'docs/metrics.md: counts (0, 1, 1) give NPS 50');
SELECT is((SELECT csat(CASE WHEN i <= 5 THEN 1 WHEN i <= 10 THEN 2 WHEN i <= 20 THEN 3 WHEN i <= 40 THEN 4 ELSE 5 END)
           FROM generate_series(1, 50) AS i),
          60::numeric, 'docs/metrics.md: CSAT counts 5, 5, 10, 20, 10 give 60');
SELECT is((SELECT ces(CASE WHEN i <= 5 THEN 1 WHEN i <= 10 THEN 2 WHEN i <= 20 THEN 3 WHEN i <= 40 THEN 4 ELSE 5 END, 5)
           FROM generate_series(1, 50) AS i),
          3.5::numeric, 'docs/metrics.md: the same counts have mean score 3.50');

SELECT * FROM finish();
ROLLBACK;
