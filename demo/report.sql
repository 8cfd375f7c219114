-- demo/report.sql: a terminal report on the demo data set, every metric
-- computed by nps_ext (nps, csat, ces; churn_risk, churn_agg, churn_fit,
-- churn_auc, churn_brier, churn_explain for the churn backtest; nps_valid,
-- csat_valid, ces_valid for the data-quality check); round() is
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

-- The data's first and last day, for the title.
SELECT to_char(min(responded_at), 'YYYY-MM-DD') AS first_day,
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
-- Each channel against all the others (total - channel), the p-values
-- adjusted for testing every channel (Holm), and the flag: +1 above the
-- rest, -1 below, 0 no significant difference.
WITH by_channel AS (
    SELECT channel, count(*) AS responses, nps_agg(nps_score) AS s,
           round(csat(csat_score), 1) AS csat, round(ces(ces_score), 2) AS ces
    FROM responses
    GROUP BY channel
), tested AS (
    SELECT c.*, t.total - c.s AS rest, nps_test(c.s, t.total - c.s) AS p
    FROM by_channel c, (SELECT rollup(s) AS total FROM by_channel) t
)
SELECT channel,
       responses,
       round(nps(s), 1)                                  AS "NPS",
       csat                                              AS "CSAT %",
       ces                                               AS "CES",
       round(nps(rest), 1)                               AS "NPS rest",
       round(p_adjust(p, 'holm') OVER ()::numeric, 4)    AS "p (Holm)",
       significance_flag(nps(s) - nps(rest), p_adjust(p, 'holm') OVER ()) AS "vs rest"
FROM tested
ORDER BY nps(s) DESC, channel;

\echo '2b. Agents in December 2025: a fair league table'
\echo '    (ranked by the lower end of the 95% credible interval of NPS, empirical'
\echo '    Bayes: each agent pulled toward all agents by how few answers they have;'
\echo '    the naive rank by raw NPS beside it)'
\echo '-----------------------------------------------------------------------------'
WITH by_agent AS (
    SELECT a.name, a.team, nps_agg(r.nps_score) AS s
    FROM responses r
    JOIN agents a USING (agent_id)
    WHERE r.responded_at >= timestamptz '2025-12-01 00:00+00'
    GROUP BY a.name, a.team
), prior AS (
    SELECT nps_prior(s) AS p FROM by_agent
)
SELECT rank() OVER (ORDER BY nps_credible_lower(s, p) DESC) AS "rank",
       name,
       team,
       responses(s)                                              AS answers,
       round(nps(s), 1)                                          AS "raw NPS",
       rank() OVER (ORDER BY nps(s) DESC)                        AS "naive rank",
       round(nps_shrunk(s, p)::numeric, 1)                       AS "shrunk NPS",
       round(nps_credible_lower(s, p)::numeric, 1) || '..' ||
       round(nps_credible_upper(s, p)::numeric, 1)               AS "95% credible"
FROM by_agent, prior
ORDER BY 1, name;

\echo '3. By month, with the NPS trend (one' :bar '= 2 NPS points,' :axis '= zero)'
\echo '-------------------------------------------------------------------'
WITH monthly AS (
    SELECT date_trunc('month', responded_at)  AS month,
           count(*)                           AS responses,
           nps_agg(nps_score)                 AS s,
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
       -- the 95% interval (adjusted Wald), and a significant change from
       -- the previous month (z test at 5%): ^ up, v down
       round(nps_ci_lower(s)::numeric, 1) || '..' || round(nps_ci_upper(s)::numeric, 1) AS "NPS 95%",
       CASE significance_flag(nps - lag(nps) OVER w, nps_test(s, lag(s) OVER w))
            WHEN 1 THEN '^' WHEN -1 THEN 'v' ELSE '' END AS "vs prev",
       -- outside the Laney p' control limits of the whole year
       CASE WHEN nps_control_signal(s) OVER w THEN 'out' ELSE '' END AS "control",
       csat                      AS "CSAT %",
       ces                       AS "CES",
       CASE WHEN nps < 0
            THEN lpad(repeat(:'bar', len), neg_room) || :'axis' || ' ' || nps::text
            ELSE repeat(' ', neg_room) || :'axis' || repeat(:'bar', len) || ' ' || nps::text
       END                       AS "NPS trend"
FROM bars
WINDOW w AS (ORDER BY month)
ORDER BY month;

-- Sections 4 and 5: churn as a backtest.  A churn score is only worth what it
-- predicts about customers it has not seen, so the model is fitted on what was
-- known at one cutoff and judged at a later one, next to the heuristic
-- churn_risk(score, responded_at, as_of) that needs no fitting.
--
--   training    features as of the end of 2024-12-31, outcome: churned in
--               2025-01-01 .. 2025-06-30
--   evaluation  features as of the end of 2025-06-30, outcome: churned in
--               2025-07-01 .. 2025-12-31
--
-- A cutoff counts the customers who had signed up and not yet churned by that
-- day and had given an NPS answer by then (without one neither score has
-- anything to go on).  Features are "as of the end of the day", so a response
-- on the cutoff day is known; a churn on it is not in the horizon (the
-- customer had already gone).  The demo data's churn is synthetic: see the
-- header of demo/sample_data.sql for the process that generates it.
\set train_cutoff '2024-12-31'
\set train_until '2025-06-30'
\set eval_cutoff '2025-06-30'
\set eval_until '2025-12-31'
\set end_of_data '2025-12-31'

-- One row per customer and cutoff: the feature state, the heuristic risk and
-- what happened next.
CREATE TEMP TABLE churn_snapshots AS
WITH cutoffs (sample, cutoff, horizon_end) AS (
    VALUES ('training',   DATE :'train_cutoff', DATE :'train_until'),
           ('evaluation', DATE :'eval_cutoff',  DATE :'eval_until')
)
SELECT k.sample, k.cutoff, k.horizon_end, c.customer_id,
       churn_agg(r.nps_score, r.responded_at, (k.cutoff + 1)::timestamptz)  AS features,
       churn_risk(r.nps_score, r.responded_at, (k.cutoff + 1)::timestamptz) AS heuristic,
       coalesce(c.churned_on <= k.horizon_end, false)                      AS churned
FROM cutoffs k
JOIN customers c ON c.customer_since <= k.cutoff
                AND (c.churned_on IS NULL OR c.churned_on > k.cutoff)
JOIN responses r ON r.customer_id = c.customer_id
                AND r.responded_at < (k.cutoff + 1)::timestamptz
GROUP BY k.sample, k.cutoff, k.horizon_end, c.customer_id, c.churned_on
HAVING count(r.nps_score) > 0;

-- The model: a logistic regression of churned on the default features
-- (dissatisfaction, detractor, decline, silence, engagement), fitted on the
-- training cutoff only, with churn_fit()'s default L2 penalty of 1.
CREATE TEMP TABLE churn_fitted AS
SELECT churn_fit($$SELECT features, churned FROM churn_snapshots WHERE sample = 'training'$$)
           AS model;

-- Both scores for every customer of both cutoffs, with their decile (1 = the
-- tenth with the highest risk; ties broken by customer id).
CREATE TEMP VIEW churn_scored AS
SELECT s.sample, s.cutoff, s.customer_id, s.churned, v.score_order, v.score, v.risk,
       ntile(10) OVER (PARTITION BY s.sample, v.score
                       ORDER BY v.risk DESC, s.customer_id) AS decile
FROM churn_snapshots s
CROSS JOIN churn_fitted f
CROSS JOIN LATERAL (VALUES (1, 'heuristic', s.heuristic),
                           (2, 'fitted model', churn_risk(s.features, f.model)))
           AS v (score_order, score, risk);

\echo '4. Churn backtest: the heuristic churn_risk() against a model fitted on outcomes'
\echo '-------------------------------------------------------------------------------'
\echo '4a. The two cutoffs: active customers with an NPS answer, and who churned next'
SELECT sample,
       cutoff                         AS "features as of (end of day)",
       (cutoff + 1) || ' .. ' || horizon_end AS "churned in",
       count(*)                       AS customers,
       count(*) FILTER (WHERE churned) AS churned,
       round(avg(churned::int), 3)    AS "base rate"
FROM churn_snapshots
GROUP BY sample, cutoff, horizon_end
ORDER BY cutoff;

\echo '4b. The model fitted at the training cutoff (log-odds per unit of feature;'
\echo '    engagement = NPS answers in the last 365 days; L2 penalty 1)'
SELECT c.feature,
       round(c.coefficient::numeric, 3) AS coefficient,
       round(c.std_error::numeric, 3)   AS "std error",
       round(c.z::numeric, 2)           AS z,
       round(c.p_value::numeric, 3)     AS "p-value"
FROM churn_fitted f
CROSS JOIN LATERAL coefficients(f.model) WITH ORDINALITY AS c
ORDER BY c.ordinality;

\echo '4c. How good each score is: at the training cutoff (in-sample for the model)'
\echo '    and at the evaluation cutoff (out-of-sample); AUC 0.5 = chance, Brier'
\echo '    lower is better; lift = churn rate of the top decile / base rate'
SELECT sample,
       score,
       round(churn_auc(risk, churned)::numeric, 3)   AS "AUC",
       round(churn_brier(risk, churned)::numeric, 3) AS "Brier",
       round(avg(churned::int), 3)                   AS "base rate",
       round(avg(risk)::numeric, 3)                  AS "mean risk",
       round(avg(churned::int) FILTER (WHERE decile = 1), 3) AS "top decile rate",
       round(avg(churned::int) FILTER (WHERE decile = 1) / avg(churned::int), 2)
                                                     AS "top decile lift"
FROM churn_scored
GROUP BY cutoff, sample, score_order, score
ORDER BY cutoff, score_order;

\echo '4d. Calibration at the evaluation cutoff: customers by decile of each score'
\echo '    (1 = highest risk), mean predicted risk against the share that churned'
SELECT decile,
       count(*) FILTER (WHERE score_order = 1)                         AS customers,
       round(avg(risk) FILTER (WHERE score_order = 1)::numeric, 3)     AS "heuristic predicted",
       round(avg(churned::int) FILTER (WHERE score_order = 1), 3)      AS "heuristic observed",
       round(avg(risk) FILTER (WHERE score_order = 2)::numeric, 3)     AS "model predicted",
       round(avg(churned::int) FILTER (WHERE score_order = 2), 3)      AS "model observed"
FROM churn_scored
WHERE sample = 'evaluation'
GROUP BY decile
ORDER BY decile;

\echo '5. Ten active customers most at risk as of the end of' :end_of_data
\echo '   (the model of 4b on everything known then; reasons = the features that'
\echo '   raise this customer''s risk above the average training customer''s, most'
\echo '   first, at most four, as credit scoring gives them)'
\echo '-------------------------------------------------------------------------------'
WITH active AS (
    SELECT c.customer_id, c.name, c.segment,
           churn_agg(r.nps_score, r.responded_at, (DATE :'end_of_data' + 1)::timestamptz)  AS features,
           churn_risk(r.nps_score, r.responded_at, (DATE :'end_of_data' + 1)::timestamptz) AS heuristic
    FROM customers c
    JOIN responses r USING (customer_id)
    WHERE c.churned_on IS NULL
    GROUP BY c.customer_id, c.name, c.segment
    HAVING count(r.nps_score) > 0
), ranked AS (
    SELECT a.*, churn_risk(a.features, f.model) AS risk, f.model
    FROM active a CROSS JOIN churn_fitted f
    ORDER BY risk DESC, a.customer_id
    LIMIT 10
)
SELECT row_number() OVER (ORDER BY k.risk DESC, k.customer_id) AS rank,
       k.customer_id                      AS customer,
       k.name,
       k.segment,
       round(k.risk::numeric, 3)          AS "model risk",
       round(k.heuristic::numeric, 3)     AS "heuristic",
       why.reasons
FROM ranked k
CROSS JOIN LATERAL (
    SELECT string_agg(e.reason, '; ' ORDER BY e.contribution DESC, e.feature) AS reasons
    FROM (SELECT x.reason, x.contribution, x.feature
          FROM churn_explain(k.features, k.model) AS x
          WHERE x.contribution > 0
          ORDER BY x.contribution DESC, x.feature
          LIMIT 4) AS e
) AS why
ORDER BY k.risk DESC, k.customer_id;

\echo
\echo '6. Data quality: answers the aggregates would refuse'
\echo '----------------------------------------------------'
-- nps_valid(), csat_valid() and ces_valid() are the aggregates' own test:
-- the demo data has no invalid answer (its columns have CHECK constraints).
SELECT count(*) FILTER (WHERE NOT nps_valid(nps_score))   AS "invalid NPS",
       count(*) FILTER (WHERE NOT csat_valid(csat_score)) AS "invalid CSAT",
       count(*) FILTER (WHERE NOT ces_valid(ces_score))   AS "invalid CES",
       count(*) FILTER (WHERE nps_score IS NULL)          AS "NPS unanswered"
FROM responses;

-- An import without those constraints, where one NPS answer is 8.5: in a
-- transaction that is rolled back, on a copy of the NPS answers.
BEGIN;
CREATE TEMP TABLE responses_import ON COMMIT DROP AS
SELECT response_id, channel, nps_score::numeric AS nps_score FROM responses;
UPDATE responses_import SET nps_score = 8.5
WHERE response_id = (SELECT min(response_id) FROM responses_import WHERE nps_score = 8);

-- The error a report over it stops with, caught to show it here.
CREATE FUNCTION pg_temp.error_of(query text, OUT message text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    message := 'no error';
EXCEPTION WHEN others THEN
    GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
END $$;
SELECT message, hint
FROM pg_temp.error_of('SELECT channel, nps(nps_score) FROM responses_import GROUP BY channel') \gset
\echo '6a. With one NPS answer of 8.5 in an import, every grouped query stops (by default):'
\echo '    ERROR: ' :message
\echo '    HINT: ' :hint
\echo
\echo '6b. The rows to fix (WHERE NOT nps_valid(nps_score))'
SELECT response_id, channel, nps_score
FROM responses_import
WHERE NOT nps_valid(nps_score)
ORDER BY response_id;

\echo '6c. Or the figures of the valid answers, with the number skipped (never silently)'
SELECT channel,
       round(nps(nps_score) FILTER (WHERE nps_valid(nps_score)), 1) AS "NPS",
       count(nps_score) FILTER (WHERE nps_valid(nps_score))         AS "NPS answers",
       count(*) FILTER (WHERE NOT nps_valid(nps_score))             AS skipped
FROM responses_import
GROUP BY channel
ORDER BY channel;
ROLLBACK;
