-- demo/report.sql: a terminal report on the demo data set, every metric
-- computed by nps_ext's aggregates (nps, csat, ces, churn_risk); round() is
-- for display only.  Run by scripts/demo.sh after demo/sample_data.sql;
-- by hand:  psql -X -d nps_ext_demo -f demo/report.sql
--
-- psql variables: bar (default a full block) draws the NPS bars and axis
-- (default a box-drawing line) the zero line; pass -v bar='#' -v axis='|'
-- on a terminal without UTF-8.

\if :{?bar}
\else
\set bar '█'
\endif
\if :{?axis}
\else
\set axis '│'
\endif

\set QUIET on
\encoding UTF8
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET client_min_messages = warning;
\pset footer off
\pset pager off
\pset null '-'
\pset border 1
\pset format aligned

-- Deterministic "now": the last response in the data.
SELECT to_char(max(responded_at), 'YYYY-MM-DD HH24:MI:SS') AS as_of_text,
       to_char(min(responded_at), 'YYYY-MM-DD') AS first_day,
       to_char(max(responded_at), 'YYYY-MM-DD') AS last_day
FROM responses \gset

\echo
\echo '================================================================================'
\echo '  nps_ext demo report: customer-experience survey,' :first_day '..' :last_day
\echo '  NPS -100..100 (promoters 9-10 minus detractors 0-6), CSAT % of 4-5 on 1..5,'
\echo '  CES mean on 1..7 (higher = easier); unanswered questions are skipped'
\echo '================================================================================'

\echo
\echo '1. Overall'
\echo '----------'
SELECT count(*)                           AS responses,
       count(DISTINCT customer_id)        AS customers,
       round(nps(nps_score), 1)           AS "NPS",
       round(csat(csat_score), 1)         AS "CSAT %",
       round(ces(ces_score), 2)           AS "CES (1-7)",
       count(nps_score)                   AS "NPS answers",
       count(csat_score)                  AS "CSAT answers",
       count(ces_score)                   AS "CES answers"
FROM responses;

\echo '2. By channel (best NPS first)'
\echo '------------------------------'
SELECT channel,
       count(*)                    AS responses,
       round(nps(nps_score), 1)    AS "NPS",
       round(csat(csat_score), 1)  AS "CSAT %",
       round(ces(ces_score), 2)    AS "CES"
FROM responses
GROUP BY channel
ORDER BY nps(nps_score) DESC, channel;

\echo '3. By month, with the NPS trend (one' :bar '= 2 NPS points,' :axis '= zero)'
\echo '-------------------------------------------------------------------'
WITH monthly AS (
    SELECT date_trunc('month', responded_at)  AS month,
           count(*)                           AS responses,
           round(nps(nps_score), 1)           AS nps,
           round(csat(csat_score), 1)         AS csat,
           round(ces(ces_score), 2)           AS ces
    FROM responses
    GROUP BY 1
), bars AS (
    SELECT m.*,
           -- bar length in characters, 2 NPS points each
           round(abs(m.nps) / 2)::int AS len,
           -- room left of the axis for the longest negative bar
           coalesce(max(round(-m.nps / 2)::int) FILTER (WHERE m.nps < 0) OVER (), 0) AS neg_room
    FROM monthly m
)
SELECT to_char(month, 'YYYY-MM') AS month,
       responses,
       nps                       AS "NPS",
       csat                      AS "CSAT %",
       ces                       AS "CES",
       CASE WHEN nps < 0
            THEN lpad(repeat(:'bar', len), neg_room) || :'axis' || ' ' || nps::text
            ELSE repeat(' ', neg_room) || :'axis' || repeat(:'bar', len) || ' ' || nps::text
       END                       AS "NPS trend"
FROM bars
ORDER BY month;

\echo '4. Ten customers most at risk of churning, as of' :as_of_text 'UTC'
\echo '   churn_risk(nps_score, responded_at, as_of): latest score, decline vs earlier'
\echo '   scores, days of silence; responses = those with an NPS answer; "status" is'
\echo '   what actually happened in the data'
\echo '-------------------------------------------------------------------------------'
-- One row per customer: churn risk and the facts behind it.
CREATE TEMP VIEW customer_risk AS
WITH params AS (
    SELECT max(responded_at) AS as_of FROM responses
), risk AS (
    SELECT r.customer_id,
           churn_risk(r.nps_score, r.responded_at, p.as_of) AS risk,
           count(r.nps_score)                               AS responses
    FROM responses r CROSS JOIN params p
    GROUP BY r.customer_id
), latest AS (
    -- the response churn_risk() treats as latest: NPS answered, the newest,
    -- on a tie the lower score
    SELECT DISTINCT ON (r.customer_id)
           r.customer_id, r.nps_score, r.responded_at
    FROM responses r CROSS JOIN params p
    WHERE r.nps_score IS NOT NULL AND r.responded_at <= p.as_of
    ORDER BY r.customer_id, r.responded_at DESC, r.nps_score
)
SELECT k.customer_id, c.name, c.segment, c.plan, c.churned_on,
       l.nps_score AS latest_score, k.responses,
       extract(day FROM p.as_of - l.responded_at)::int AS days_silent,
       round(k.risk::numeric, 3) AS risk
FROM risk k
JOIN latest l USING (customer_id)
JOIN customers c USING (customer_id)
CROSS JOIN params p;

SELECT row_number() OVER (ORDER BY risk DESC, customer_id) AS rank,
       customer_id  AS customer,
       name,
       segment,
       latest_score AS "latest NPS",
       responses,
       days_silent  AS "days silent",
       risk         AS "churn risk",
       CASE WHEN churned_on IS NULL THEN 'active'
            ELSE 'churned ' || to_char(churned_on, 'YYYY-MM-DD') END AS status
FROM customer_risk
ORDER BY risk DESC, customer_id
LIMIT 10;

\echo '5. The five still-active customers most at risk (same model and as_of)'
\echo '-----------------------------------------------------------------------'
SELECT row_number() OVER (ORDER BY risk DESC, customer_id) AS rank,
       customer_id  AS customer,
       name,
       segment,
       plan,
       latest_score AS "latest NPS",
       responses,
       days_silent  AS "days silent",
       risk         AS "churn risk"
FROM customer_risk
WHERE churned_on IS NULL
ORDER BY risk DESC, customer_id
LIMIT 5;
