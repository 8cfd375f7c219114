-- csat.sql: properties of csat() on generated data: every scale and threshold
-- against 100 * #(score >= satisfied_from) / n, empty groups, moving windows,
-- the combine and transition functions, the oracles of docs/metrics.md
--
-- pgTAP, run by pg_prove in a database where pgtap and nps_ext are installed;
-- sql/csat.sql holds the pg_regress tests of the same feature.  The data are
-- deterministic (hash-derived, no random()).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

\ir data/responses.psql

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

-- combine and transition functions on states given as text

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

SELECT is(csat_trans(csat_trans('{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}', 3, 7, 6), NULL::int, 7, 6)::text,
          '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":6,"counts":[0,0,1,0,0,0,0]}',
          'csat_trans fixes the scale on its first row and skips a NULL score');

-- oracles of the metrics reference (docs/metrics.md)

SELECT is((SELECT csat(CASE WHEN i <= 5 THEN 1 WHEN i <= 10 THEN 2 WHEN i <= 20 THEN 3 WHEN i <= 40 THEN 4 ELSE 5 END)
           FROM generate_series(1, 50) AS i),
          60::numeric, 'docs/metrics.md: CSAT counts 5, 5, 10, 20, 10 give 60');

SELECT * FROM finish();
ROLLBACK;
