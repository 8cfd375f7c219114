-- nps.sql: properties of nps(), promoters(), passives() and detractors() on
-- generated data: every score type against 100 * (P - D) / n, empty and one-
-- category groups, moving windows, the combine and transition functions, the
-- oracles of docs/metrics.md
--
-- pgTAP, run by pg_prove in a database where pgtap and nps_ext are installed;
-- sql/nps.sql holds the pg_regress tests of the same feature.  The data are
-- deterministic (hash-derived, no random()).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

\ir data/responses.psql

-- nps by the plain SQL formula
CREATE TEMP VIEW nps_expected AS
SELECT g,
       100 * (count(*) FILTER (WHERE s >= 9) - count(*) FILTER (WHERE s <= 6))::numeric
           / nullif(count(s), 0) AS expected
FROM resp GROUP BY g;

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

-- combine and transition functions on states given as text

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

SELECT is(nps_trans(nps_trans(nps_trans('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}', 9), 0::numeric), 10::bigint)::text,
          '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,1,1]}',
          'nps_trans called directly builds the expected histogram');

-- oracles of the metrics reference (docs/metrics.md)

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

SELECT * FROM finish();
ROLLBACK;
