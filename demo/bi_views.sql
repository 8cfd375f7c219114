-- demo/bi_views.sql: the BI layer of the demo, views a BI tool (Metabase,
-- Tableau, Power BI, Superset; any JDBC or ODBC client) cannot misread.
--
--   bi_daily_summaries  materialized view: one row per UTC day and channel
--                       with the three summaries (nps_agg, csat_agg, ces_agg)
--   bi_daily            one row per day and channel, typed metrics
--   bi_monthly          one row per month and channel, the daily summaries
--                       rolled up (rollup()), the same columns
--
-- The shape, and why (docs/reference.md, "BI tools: typed views that cannot
-- be misread"):
--   * every metric is cast to a numeric with precision and scale
--     (numeric(5,1) for NPS and CSAT and their margins, numeric(4,2) for CES),
--     so that drivers report them (JDBC's getPrecision/getScale,
--     DatabaseMetaData.getColumns' COLUMN_SIZE and DECIMAL_DIGITS); round()
--     alone leaves an unconstrained numeric, reported as precision 0;
--   * the counts a tool needs to re-aggregate correctly come with each
--     metric: NPS over any set of rows is
--         100 * (sum(promoters) - sum(detractors)) / sum(nps_responses)
--     never avg(nps); CSAT is 100 * sum(satisfied) / sum(csat_responses),
--     CES sum(ces_score_sum) / sum(ces_responses);
--   * margins cannot be re-aggregated: read them at the grain you show
--     (bi_monthly for months), never sum or average them;
--   * COMMENT ON COLUMN on every column: drivers show it as REMARKS.
--
-- Loaded by scripts/demo.sh after demo/sample_data.sql; by hand:
--   psql -X -d nps_ext_demo -f demo/bi_views.sql
-- (it drops and recreates the three views).  test/bi_layer.sql reads the
-- columns' types, precision, scale and remarks from the catalog the way a
-- driver does and fails when they change.  No BEGIN/COMMIT here: the test
-- loads this file inside its own transaction.  To copy this shape onto your
-- own data, change the FROM and GROUP BY of bi_daily_summaries (and the
-- scales of csat_agg and ces_agg); the two views read only the summaries.

SET client_min_messages = warning;

DROP VIEW IF EXISTS bi_monthly, bi_daily;
DROP MATERIALIZED VIEW IF EXISTS bi_daily_summaries;

CREATE MATERIALIZED VIEW bi_daily_summaries AS
SELECT (responded_at AT TIME ZONE 'UTC')::date AS day,
       channel,
       nps_agg(nps_score)         AS nps_summary,
       csat_agg(csat_score, 5, 4) AS csat_summary,
       ces_agg(ces_score, 7)      AS ces_summary
FROM responses
GROUP BY 1, 2;
-- REFRESH MATERIALIZED VIEW CONCURRENTLY bi_daily_summaries needs it
CREATE UNIQUE INDEX bi_daily_summaries_day_channel ON bi_daily_summaries (day, channel);
COMMENT ON MATERIALIZED VIEW bi_daily_summaries IS
    'nps_ext demo: NPS, CSAT and CES summaries per UTC day and channel; bi_daily and bi_monthly read them';

-- The columns of bi_daily and bi_monthly, in this order, from the summaries
-- of one period and channel.  The casts round half away from zero, like
-- round(); a margin is NULL below 30 responses (the functions' default).
CREATE VIEW bi_daily AS
SELECT day,
       channel,
       responses(nps_summary)                                     AS nps_responses,
       promoters(nps_summary)                                     AS promoters,
       passives(nps_summary)                                      AS passives,
       detractors(nps_summary)                                    AS detractors,
       nps(nps_summary)::numeric(5,1)                             AS nps,
       nps_margin(nps_summary)::numeric(5,1)                      AS nps_margin,
       responses(csat_summary)                                    AS csat_responses,
       coalesce(round(csat(csat_summary) * responses(csat_summary) / 100), 0)::bigint AS satisfied,
       csat(csat_summary)::numeric(5,1)                           AS csat,
       csat_margin(csat_summary)::numeric(5,1)                    AS csat_margin,
       responses(ces_summary)                                     AS ces_responses,
       (SELECT coalesce(sum(d.score * d.responses), 0)::bigint
        FROM distribution(ces_summary) AS d)                      AS ces_score_sum,
       ces(ces_summary)::numeric(4,2)                             AS ces,
       ces_margin(ces_summary)::numeric(4,2)                      AS ces_margin
FROM bi_daily_summaries;

CREATE VIEW bi_monthly AS
SELECT month,
       channel,
       responses(nps_summary)                                     AS nps_responses,
       promoters(nps_summary)                                     AS promoters,
       passives(nps_summary)                                      AS passives,
       detractors(nps_summary)                                    AS detractors,
       nps(nps_summary)::numeric(5,1)                             AS nps,
       nps_margin(nps_summary)::numeric(5,1)                      AS nps_margin,
       responses(csat_summary)                                    AS csat_responses,
       coalesce(round(csat(csat_summary) * responses(csat_summary) / 100), 0)::bigint AS satisfied,
       csat(csat_summary)::numeric(5,1)                           AS csat,
       csat_margin(csat_summary)::numeric(5,1)                    AS csat_margin,
       responses(ces_summary)                                     AS ces_responses,
       (SELECT coalesce(sum(d.score * d.responses), 0)::bigint
        FROM distribution(ces_summary) AS d)                      AS ces_score_sum,
       ces(ces_summary)::numeric(4,2)                             AS ces,
       ces_margin(ces_summary)::numeric(4,2)                      AS ces_margin
FROM (SELECT date_trunc('month', day)::date AS month, channel,
             rollup(nps_summary) AS nps_summary, rollup(csat_summary) AS csat_summary,
             rollup(ces_summary) AS ces_summary
      FROM bi_daily_summaries
      GROUP BY 1, 2) AS monthly;

COMMENT ON VIEW bi_daily IS
    'nps_ext demo, for BI tools: one row per UTC day and channel. Re-aggregate with the counts: NPS = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses), never AVG(nps)';
COMMENT ON VIEW bi_monthly IS
    'nps_ext demo, for BI tools: one row per month (UTC) and channel, the daily summaries rolled up. Re-aggregate with the counts: NPS = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses), never AVG(nps)';

-- The same remarks on both views (period column apart).
COMMENT ON COLUMN bi_daily.day IS
    'Day (UTC) the responses were given; group by it, or by a coarser period with the counts';
COMMENT ON COLUMN bi_monthly.month IS
    'First day of the month (UTC) the responses were given; group by it, or by a coarser period with the counts';
DO $$
DECLARE
    v text;
    c record;
BEGIN
    FOREACH v IN ARRAY ARRAY['bi_daily', 'bi_monthly'] LOOP
        FOR c IN
            SELECT * FROM (VALUES
              ('channel', 'Survey channel (email, web, phone, chat, in_app)'),
              ('nps_responses', 'Number of NPS answers (0..10) in the period and channel. Re-aggregate: SUM'),
              ('promoters', 'NPS answers 9-10. Re-aggregate: SUM; NPS of any group = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses)'),
              ('passives', 'NPS answers 7-8. Re-aggregate: SUM'),
              ('detractors', 'NPS answers 0-6. Re-aggregate: SUM; NPS of any group = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses)'),
              ('nps', 'Net Promoter Score, -100..100, of this row only. Do not AVG or SUM: NPS of any group = 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses)'),
              ('nps_margin', 'NPS 95% margin of error in points (NPS +/- margin), of this row only; NULL below 30 answers. Do not AVG or SUM: read it from the view of the grain you show'),
              ('csat_responses', 'Number of CSAT answers (1..5). Re-aggregate: SUM'),
              ('satisfied', 'CSAT answers 4-5. Re-aggregate: SUM; CSAT of any group = 100 * SUM(satisfied) / SUM(csat_responses)'),
              ('csat', 'CSAT in percent (share of answers 4-5), of this row only. Do not AVG or SUM: CSAT of any group = 100 * SUM(satisfied) / SUM(csat_responses)'),
              ('csat_margin', 'CSAT 95% margin of error in percentage points, of this row only; NULL below 30 answers. Do not AVG or SUM'),
              ('ces_responses', 'Number of CES answers (1..7). Re-aggregate: SUM'),
              ('ces_score_sum', 'Sum of the CES answers. Re-aggregate: SUM; CES of any group = SUM(ces_score_sum) / SUM(ces_responses)'),
              ('ces', 'Customer Effort Score, mean answer 1..7 (higher = easier), of this row only. Do not AVG or SUM: CES of any group = SUM(ces_score_sum) / SUM(ces_responses)'),
              ('ces_margin', 'CES 95% margin of error in scale points, of this row only; NULL below 30 answers. Do not AVG or SUM')
            ) AS t(col, remark)
        LOOP
            EXECUTE format('COMMENT ON COLUMN %I.%I IS %L', v, c.col, c.remark);
        END LOOP;
    END LOOP;
END
$$;
