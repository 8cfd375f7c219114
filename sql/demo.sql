-- make demo, end to end: the sample data set and the report, so a change
-- that breaks the demo fails make test.  Runs last: it replaces the
-- responses table of the earlier tests.
DROP TABLE responses CASCADE;
\i demo/sample_data.sql
\i demo/report.sql

-- The BI layer (demo/bi_views.sql, loaded by scripts/demo.sh): typed views
-- by day and by month and channel, and what a BI tool shows when it averages
-- the daily NPS against the roll-up the columns' remarks give.
\i demo/bi_views.sql
SELECT * FROM bi_monthly WHERE month = '2024-09-01' ORDER BY channel;
SELECT count(*) AS "days x channels",
       round(avg(nps), 2) AS "AVG(nps), wrong",
       round(100 * (sum(promoters) - sum(detractors)) / sum(nps_responses), 2) AS "roll-up, right",
       (SELECT round(nps(nps_score), 2) FROM responses) AS "nps() of the rows"
FROM bi_daily;
