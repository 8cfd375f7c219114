-- bi_layer.sql: the BI views of demo/bi_views.sql (bi_daily, bi_monthly) as a
-- BI tool's driver sees them, and the roll-up their remarks document.
--
-- A JDBC driver (what Metabase and Tableau use) takes a column's type,
-- precision and scale from pg_attribute.atttypid and atttypmod (for numeric:
-- precision = ((typmod - 4) >> 16) & 65535, scale = (typmod - 4) & 65535;
-- no typmod gives precision 0 and scale 0, "unconstrained") and its REMARKS
-- from col_description(); ResultSetMetaData of a query over the view reports
-- the same typmod.  driver_columns() below computes what pgjdbc's
-- DatabaseMetaData.getColumns() reports for the types these views use
-- (TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, REMARKS), and the test fails when
-- any column's type, precision, scale or remark changes or goes missing.
--
-- Run by pg_prove (from the top of the checkout, as scripts/test.sh does) in
-- a database where pgtap and nps_ext are installed; everything is rolled back.
BEGIN;
SELECT * FROM no_plan();

-- Deterministic survey rows over 71 days (two months and a bit) and three
-- channels of very different sizes and scores, so that an average of per-day figures
-- differs from the figure of all the rows; some answers missing.
CREATE TABLE responses AS
SELECT i AS response_id,
       (ARRAY['email', 'email', 'email', 'email', 'web', 'web', 'phone'])[1 + i % 7] AS channel,
       timestamptz '2025-01-01 00:00:00+00' + (i % 71) * interval '1 day' + (i % 13) * interval '1 hour'
           AS responded_at,
       CASE WHEN i % 31 = 0 THEN NULL
            ELSE greatest(0, least(10, (i::bigint * 2654435761) % 4294967296 / 1000 % 11
                                      + CASE i % 7 WHEN 6 THEN -4 WHEN 5 THEN 3 WHEN 4 THEN 3 ELSE 1 END))::smallint
       END AS nps_score,
       CASE WHEN i % 29 = 0 THEN NULL
            ELSE least(5, 1 + (i::bigint * 40503) % 65536 / 7 % 5 + CASE WHEN i % 7 < 4 THEN 1 ELSE 0 END)::smallint
       END AS csat_score,
       CASE WHEN i % 23 = 0 THEN NULL
            ELSE (1 + (i::bigint * 69069) % 65536 / 11 % 7)::smallint END AS ces_score
FROM generate_series(1, 6000) AS i;

\ir ../demo/bi_views.sql

-- What pgjdbc's DatabaseMetaData.getColumns() reports for a column of the
-- types used here: COLUMN_SIZE is the precision (numeric: from the typmod,
-- 0 without one; bigint 19; date 13; text unbounded 2147483647) and
-- DECIMAL_DIGITS the scale.
CREATE FUNCTION pg_temp.driver_columns(rel regclass)
RETURNS TABLE (ordinal int, column_name text, type_name text, column_size int, decimal_digits int,
               remarks text)
LANGUAGE sql STABLE AS $$
    SELECT a.attnum::int, a.attname::text COLLATE "default", t.typname::text COLLATE "default",
           CASE t.typname
               WHEN 'numeric' THEN CASE WHEN a.atttypmod = -1 THEN 0 ELSE ((a.atttypmod - 4) >> 16) & 65535 END
               WHEN 'int8' THEN 19
               WHEN 'date' THEN 13
               WHEN 'text' THEN 2147483647
           END,
           CASE t.typname
               WHEN 'numeric' THEN CASE WHEN a.atttypmod = -1 THEN 0 ELSE (a.atttypmod - 4) & 65535 END
               ELSE 0
           END,
           pg_catalog.col_description(a.attrelid, a.attnum)
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
$$;

-- ---------------------------------------------------------------------------
-- why the casts: round() does not give a driver precision or scale
-- ---------------------------------------------------------------------------
CREATE TEMP VIEW rounded_only AS
SELECT round(nps(nps_summary), 1) AS nps, nps(nps_summary)::numeric(5,1) AS nps_typed
FROM bi_daily_summaries;
SELECT results_eq(
    $$SELECT column_name, column_size, decimal_digits FROM pg_temp.driver_columns('rounded_only') ORDER BY ordinal$$,
    $$VALUES ('nps', 0, 0), ('nps_typed', 5, 1)$$,
    'round(nps, 1) is an unconstrained numeric to a driver (precision 0, scale 0); a cast to numeric(5,1) is not');

-- ---------------------------------------------------------------------------
-- every column: type, precision, scale, as a driver reports them
-- ---------------------------------------------------------------------------
SELECT results_eq(
    format($$SELECT column_name, type_name, column_size, decimal_digits
             FROM pg_temp.driver_columns(%L) ORDER BY ordinal$$, v),
    format($$VALUES (%L, 'date', 13, 0),
                    ('channel', 'text', 2147483647, 0),
                    ('nps_responses', 'int8', 19, 0),
                    ('promoters', 'int8', 19, 0),
                    ('passives', 'int8', 19, 0),
                    ('detractors', 'int8', 19, 0),
                    ('nps', 'numeric', 5, 1),
                    ('nps_margin', 'numeric', 5, 1),
                    ('csat_responses', 'int8', 19, 0),
                    ('satisfied', 'int8', 19, 0),
                    ('csat', 'numeric', 5, 1),
                    ('csat_margin', 'numeric', 5, 1),
                    ('ces_responses', 'int8', 19, 0),
                    ('ces_score_sum', 'int8', 19, 0),
                    ('ces', 'numeric', 4, 2),
                    ('ces_margin', 'numeric', 4, 2)$$, period),
    v || ': every column''s name, type, precision (COLUMN_SIZE) and scale (DECIMAL_DIGITS) as JDBC reports them')
FROM (VALUES ('bi_daily', 'day'), ('bi_monthly', 'month')) AS x(v, period);

-- A query's result columns (ResultSetMetaData) carry the same typmods.
CREATE TEMP TABLE query_result AS SELECT * FROM bi_monthly LIMIT 0;
SELECT results_eq(
    $$SELECT column_name, column_size, decimal_digits FROM pg_temp.driver_columns('query_result')
      WHERE type_name = 'numeric' ORDER BY ordinal$$,
    $$VALUES ('nps', 5, 1), ('nps_margin', 5, 1), ('csat', 5, 1), ('csat_margin', 5, 1),
             ('ces', 4, 2), ('ces_margin', 4, 2)$$,
    'SELECT * FROM bi_monthly keeps precision and scale in its result columns');

-- ---------------------------------------------------------------------------
-- every column has a remark, and the metrics' remarks give the roll-up
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM pg_temp.driver_columns(v::regclass)
           WHERE coalesce(btrim(remarks), '') = ''), 0,
          v || ': every column has a remark (REMARKS)')
FROM (VALUES ('bi_daily'), ('bi_monthly')) AS x(v);
SELECT is(obj_description(v::regclass, 'pg_class') IS NOT NULL, true, v || ' has a comment (getTables REMARKS)')
FROM (VALUES ('bi_daily'), ('bi_monthly'), ('bi_daily_summaries')) AS x(v);
SELECT results_eq(
    format($$SELECT column_name, remarks FROM pg_temp.driver_columns(%L)
             WHERE column_name IN ('nps', 'promoters', 'detractors', 'csat', 'satisfied', 'ces', 'ces_score_sum')
             ORDER BY ordinal$$, v),
    $$VALUES
      ('promoters', 'NPS answers 9-10. Re-aggregate: SUM; NPS of any group = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses)'),
      ('detractors', 'NPS answers 0-6. Re-aggregate: SUM; NPS of any group = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses)'),
      ('nps', 'Net Promoter Score, -100..100, of this row only. Do not AVG or SUM: NPS of any group = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses)'),
      ('satisfied', 'CSAT answers 4-5. Re-aggregate: SUM; CSAT of any group = 100 * SUM(satisfied) / SUM(csat_responses)'),
      ('csat', 'CSAT in percent (share of answers 4-5), of this row only. Do not AVG or SUM: CSAT of any group = 100 * SUM(satisfied) / SUM(csat_responses)'),
      ('ces_score_sum', 'Sum of the CES answers. Re-aggregate: SUM; CES of any group = SUM(ces_score_sum) / SUM(ces_responses)'),
      ('ces', 'Customer Effort Score, mean answer 1..7 (higher = easier), of this row only. Do not AVG or SUM: CES of any group = SUM(ces_score_sum) / SUM(ces_responses)')$$,
    v || ': the metrics'' remarks say how to re-aggregate')
FROM (VALUES ('bi_daily'), ('bi_monthly')) AS x(v);

-- ---------------------------------------------------------------------------
-- the documented roll-up is exact; averaging is not
-- ---------------------------------------------------------------------------
SELECT is((SELECT 100 * (sum(promoters) - sum(detractors)) / sum(nps_responses) FROM bi_daily),
          (SELECT nps(nps_score) FROM responses),
          'bi_daily: 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses) = nps() over the raw rows, exactly');
SELECT is((SELECT 100 * (sum(promoters) - sum(detractors)) / sum(nps_responses) FROM bi_monthly),
          (SELECT nps(nps_score) FROM responses),
          'bi_monthly: the same roll-up = nps() over the raw rows, exactly');
SELECT results_eq(
    $$SELECT channel, 100 * (sum(promoters) - sum(detractors)) / sum(nps_responses),
             100 * sum(satisfied) / sum(csat_responses), sum(ces_score_sum) / sum(ces_responses)
      FROM bi_daily GROUP BY channel ORDER BY channel$$,
    $$SELECT channel, nps(nps_score), csat(csat_score, 5, 4), ces(ces_score, 7)
      FROM responses GROUP BY channel ORDER BY channel$$,
    'bi_daily rolled up per channel with the counts = nps(), csat(), ces() over the raw rows, exactly');
SELECT is((SELECT 100 * sum(satisfied) / sum(csat_responses) FROM bi_monthly),
          (SELECT csat(csat_score, 5, 4) FROM responses),
          'bi_monthly: 100 * SUM(satisfied) / SUM(csat_responses) = csat() over the raw rows, exactly');
SELECT is((SELECT sum(ces_score_sum) / sum(ces_responses) FROM bi_monthly),
          (SELECT ces(ces_score, 7) FROM responses),
          'bi_monthly: SUM(ces_score_sum) / SUM(ces_responses) = ces() over the raw rows, exactly');
SELECT isnt((SELECT round(avg(nps), 1) FROM bi_daily),
            (SELECT round(nps(nps_score), 1) FROM responses),
            'AVG(nps) over bi_daily is not the NPS of the rows (the mistake the remarks warn against)');
SELECT isnt((SELECT round(avg(csat), 1) FROM bi_daily),
            (SELECT round(csat(csat_score, 5, 4), 1) FROM responses),
            'AVG(csat) over bi_daily is not the CSAT of the rows');

-- the typed figures are the exact ones rounded half away from zero
SELECT results_eq(
    $$SELECT month, channel, nps, csat, ces FROM bi_monthly ORDER BY 1, 2$$,
    $$SELECT date_trunc('month', responded_at AT TIME ZONE 'UTC')::date, channel,
             round(nps(nps_score), 1), round(csat(csat_score, 5, 4), 1), round(ces(ces_score, 7), 2)
      FROM responses GROUP BY 1, 2 ORDER BY 1, 2$$,
    'bi_monthly: nps, csat and ces are the figures of the raw rows, rounded to their scale');
SELECT results_eq(
    $$SELECT month, channel, nps_margin FROM bi_monthly ORDER BY 1, 2$$,
    $$SELECT date_trunc('month', responded_at AT TIME ZONE 'UTC')::date, channel,
             round(nps_margin(nps_agg(nps_score))::numeric, 1)
      FROM responses GROUP BY 1, 2 ORDER BY 1, 2$$,
    'bi_monthly: nps_margin is the margin of the month''s own rows, not a combination of daily margins');
SELECT is((SELECT count(*)::int FROM bi_daily WHERE nps_responses < 30 AND nps_margin IS NOT NULL), 0,
          'no margin below 30 answers');

SELECT * FROM finish();
ROLLBACK;
