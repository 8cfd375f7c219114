-- ces.sql: properties of ces() on generated data: every scale against avg(),
-- empty groups, moving windows, the combine function, the oracles of
-- docs/metrics.md
--
-- pgTAP, run by pg_prove in a database where pgtap and nps_ext are installed;
-- sql/ces.sql holds the pg_regress tests of the same feature.  The data are
-- deterministic (hash-derived, no random()).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

\ir data/responses.psql

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

-- the combine function on states given as text

SELECT is(ces_final(ces_combine('{"version":1,"kind":"ces","scale_max":5,"counts":[5,5,0,0,0]}',
                                '{"version":1,"kind":"ces","scale_max":5,"counts":[0,0,10,20,10]}')),
          3.5::numeric,
          'ces_combine: counts 5,5,0,0,0 + 0,0,10,20,10 on 1..5 give mean 3.5');

-- oracles of the metrics reference (docs/metrics.md)

SELECT is((SELECT ces(CASE WHEN i <= 5 THEN 1 WHEN i <= 10 THEN 2 WHEN i <= 20 THEN 3 WHEN i <= 40 THEN 4 ELSE 5 END, 5)
           FROM generate_series(1, 50) AS i),
          3.5::numeric, 'docs/metrics.md: the same counts have mean score 3.50');

SELECT * FROM finish();
ROLLBACK;
