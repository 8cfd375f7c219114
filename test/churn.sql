-- churn.sql: properties of churn_risk() on generated histories: range, order
-- independence (ties in time included), monotonicity in the latest score,
-- silence and decline, as_of, NULLs; combine and text round trips of
-- churn_state
--
-- pgTAP, run by pg_prove in a database where pgtap and nps_ext are installed;
-- sql/churn.sql holds the pg_regress tests of the same feature.  The data are
-- deterministic (hash-derived, no random()).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

\ir data/responses.psql
\ir data/histories.psql

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

-- churn_state built with churn_trans, combined, against the aggregate over the union

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

-- text round trips of churn_state

SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}'),
                    ('{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":788918400000000}'),
                    ('{"version":1,"responses":3,"score_sum":17,"latest_score":4,"latest_at_us":788918400000000,"as_of_us":null}'),
                    ('{"version":1,"responses":2,"score_sum":10,"latest_score":5,"latest_at_us":-211813488000000000,"as_of_us":9223371331199999999}')) t(v)
                  WHERE v::churn_state::text <> v OR v::churn_state::text::churn_state::text <> v$$,
                'churn_state: canonical text survives ::churn_state::text (including the extreme finite times)');

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

SELECT * FROM finish();
ROLLBACK;
