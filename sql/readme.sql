-- Generated from README.md and docs/ by scripts/readme_sql.sh: do not edit by hand.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';

CREATE TABLE survey (channel text, score smallint, sat smallint, effort smallint);
INSERT INTO survey VALUES
  ('email', 10, 5, 7), ('email', 9, 4, 6), ('email', 3, 2, 2),
  ('web', 7, 4, 5), ('web', 0, 1, 1), ('web', NULL, 3, NULL);

SELECT channel, nps(score), csat(sat), ces(effort)
FROM survey GROUP BY channel ORDER BY channel;

SELECT nps(s), promoters(s), passives(s), detractors(s)
FROM (VALUES (0), (7), (7), (9), (9), (9)) AS v(s);

CREATE TABLE questionnaire (wave text, scale_max int);
INSERT INTO questionnaire VALUES ('2024', 5), ('2025', 7);
CREATE TABLE reply (wave text, sat smallint);
INSERT INTO reply VALUES ('2024', 4), ('2024', 2), ('2025', 7), ('2025', 6), ('2025', 3);
SELECT q.wave, round(x.csat, 1) AS csat
FROM questionnaire AS q,
     LATERAL (SELECT csat(r.sat, q.scale_max) FROM reply AS r WHERE r.wave = q.wave) AS x
ORDER BY q.wave;

SELECT csat(sat) AS top2, csat(sat, 5, 5) AS top_box, csat(sat, 5, 3) AS three_or_more
FROM survey;

SELECT ces(effort), ces(effort, 7) FROM survey;

CREATE TABLE history (customer int, score int, responded_at timestamptz);
INSERT INTO history VALUES
  (1, 10, '2025-06-01 00:00+00'),
  (2, 10, '2025-01-01 00:00+00'), (2, 9, '2025-03-01 00:00+00'), (2, 3, '2025-06-01 00:00+00'),
  (3, 9, '2024-06-01 00:00+00');

SELECT customer, round(churn_risk(score, responded_at, '2025-06-30 00:00+00')::numeric, 3) AS risk
FROM history GROUP BY customer ORDER BY risk DESC;

CREATE TABLE survey_history AS
SELECT c AS customer, (c * 7 + k * 5) % 11 AS score,
       timestamptz '2024-01-01 00:00+00' + ((c * 37 + k * 101) % 540) * interval '1 day' AS responded_at
FROM generate_series(1, 600) AS c, generate_series(1, 1 + c % 4) AS k;

-- features as of 2025-07-01 and, for this example, an outcome drawn from them
CREATE TABLE customer_features AS
SELECT customer, churn_agg(score, responded_at, '2025-07-01 00:00+00') AS features
FROM survey_history GROUP BY customer;
ALTER TABLE customer_features ADD COLUMN churned boolean;
UPDATE customer_features
SET churned = (hashint4(customer) & 1023) / 1024.0 < 1 / (1 + exp(3
      - 2 * (churn_features(features)->>'dissatisfaction')::float8
      - 3 * (churn_features(features)->>'silence')::float8));

CREATE TABLE churn_models AS
SELECT 'example' AS name, churn_fit('SELECT features, churned FROM customer_features') AS model;

SELECT feature, round(coefficient::numeric, 3) AS coefficient,
       round(std_error::numeric, 3) AS std_error, round(p_value::numeric, 4) AS p_value
FROM churn_models, coefficients(model);

SELECT customer, round(churn_risk(features, model)::numeric, 3) AS risk,
       (SELECT string_agg(reason, '; ')
        FROM (SELECT reason FROM churn_explain(features, model)
              WHERE contribution > 0 LIMIT 4) AS top) AS why
FROM customer_features, churn_models
ORDER BY risk DESC, customer LIMIT 3;

CREATE TABLE scored_customers (customer int, risk double precision, churned boolean);
INSERT INTO scored_customers
SELECT i, (i * 37 % 100) / 100.0, i * 53 % 97 < i * 37 % 100
FROM generate_series(1, 2000) AS i;

SELECT round(churn_auc(risk, churned)::numeric, 4) AS auc,
       round(churn_brier(risk, churned)::numeric, 4) AS brier
FROM scored_customers;

WITH deciles AS (
  SELECT ntile(10) OVER (ORDER BY risk, customer) AS decile, risk, churned
  FROM scored_customers
  WHERE risk IS NOT NULL AND churned IS NOT NULL
)
SELECT decile, count(*) AS customers,
       round(avg(risk)::numeric, 3) AS mean_risk,
       round(avg(churned::int), 3) AS churn_rate,
       round(avg(churned::int) / (SELECT avg(churned::int) FROM deciles), 2) AS lift
FROM deciles GROUP BY decile ORDER BY decile DESC;

CREATE TABLE answers (answered_on date, channel text, score smallint);
INSERT INTO answers
SELECT date '2025-01-01' + i % 90, (ARRAY['email', 'web'])[1 + i / 90 % 2],
       (CASE WHEN i % 90 < 59 THEN ARRAY[0, 4, 6, 7, 8, 8, 9, 9, 10, 10, 10]
             ELSE ARRAY[2, 6, 7, 8, 8, 9, 9, 9, 10, 10, 10] END)[1 + (i * 7 + i / 90) % 11]
FROM generate_series(0, 8999) AS i;

CREATE MATERIALIZED VIEW daily_nps AS
SELECT answered_on AS day, channel, nps_agg(score) AS summary
FROM answers GROUP BY answered_on, channel;
CREATE UNIQUE INDEX ON daily_nps (day, channel);   -- allows REFRESH ... CONCURRENTLY

SELECT date_trunc('month', day)::date AS month, channel,
       round(nps(rollup(summary)), 1) AS nps, responses(rollup(summary)),
       round(nps_margin(rollup(summary))::numeric, 1) AS margin
FROM daily_nps GROUP BY 1, 2 ORDER BY 1, 2;

SELECT nps(rollup(summary)) = (SELECT nps(score) FROM answers) AS same_as_raw FROM daily_nps;

INSERT INTO answers VALUES ('2025-04-01', 'web', 10);
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_nps;

SELECT * FROM (
  SELECT day, round(nps(rollup(rollup(summary)) OVER (ORDER BY day RANGE BETWEEN '29 days' PRECEDING
                                                                    AND CURRENT ROW)), 1) AS rolling_30_days
  FROM daily_nps GROUP BY day) AS rolling
WHERE day BETWEEN '2025-02-27' AND '2025-03-03' ORDER BY day;

-- on a copy of the table above, so that the later examples see it unchanged
CREATE TABLE live_answers AS SELECT * FROM answers;
SELECT live_summaries_create('live_answers', 'monthly_live', 'month', 'answered_on', ARRAY['channel'],
                             nps => 'score');

INSERT INTO live_answers VALUES ('2025-04-02', 'email', 3), ('2025-04-02', 'web', 9);
DELETE FROM live_answers WHERE answered_on = '2025-01-01' AND score = 0;
UPDATE live_answers SET channel = 'web' WHERE answered_on = '2025-02-14' AND channel = 'email';

SELECT period, channel, source_rows, round(nps(nps), 1) AS nps, responses(nps),
       round(nps_margin(nps)::numeric, 1) AS margin
FROM monthly_live ORDER BY period, channel;

SELECT count(*) AS differences FROM (
  (SELECT period, channel, source_rows, nps FROM monthly_live
   EXCEPT ALL
   SELECT date_trunc('month', answered_on)::date, channel, count(*), nps_agg(score)
   FROM live_answers GROUP BY 1, 2)
  UNION ALL
  (SELECT date_trunc('month', answered_on)::date, channel, count(*), nps_agg(score)
   FROM live_answers GROUP BY 1, 2
   EXCEPT ALL
   SELECT period, channel, source_rows, nps FROM monthly_live)) AS d;

SELECT live_summaries_drop('monthly_live');

WITH monthly AS (
  SELECT date_trunc('month', day)::date AS month, rollup(summary) AS s
  FROM daily_nps WHERE day < '2025-04-01' GROUP BY 1)
SELECT month, round(nps(s), 1) AS nps,
       round(nps_ci_lower(s)::numeric, 1) AS low, round(nps_ci_upper(s)::numeric, 1) AS high,
       round(nps_test_z(s, lag(s) OVER (ORDER BY month))::numeric, 2) AS z,
       nps_test(s, lag(s) OVER (ORDER BY month)) < 0.05 AS significant
FROM monthly ORDER BY month;

WITH segment AS (
  SELECT date_trunc('month', day)::date AS month, channel, rollup(summary) AS s
  FROM daily_nps WHERE day < '2025-04-01' GROUP BY 1, 2),
total AS (SELECT rollup(s) AS s FROM segment),
tested AS (
  SELECT month, channel, segment.s, total.s - segment.s AS rest,
         nps_test(segment.s, total.s - segment.s) AS p
  FROM segment, total)
SELECT month, channel, round(nps(s), 1) AS nps, responses(s) AS n, round(nps(rest), 1) AS rest_nps,
       round(p::numeric, 4) AS p, round(p_adjust(p) OVER ()::numeric, 4) AS holm,
       significance_flag(nps(s) - nps(rest), p_adjust(p) OVER ()) AS flag
FROM tested ORDER BY month, channel;

CREATE TABLE agent_answers AS
SELECT agent, CASE WHEN agent = 1 THEN 10
                   ELSE least(10, (i * 7 + agent * 5) % 11 + agent % 5)::smallint END AS score
FROM generate_series(1, 12) AS agent,
     generate_series(1, CASE WHEN agent = 1 THEN 4 ELSE 15 * agent END) AS i;

WITH agents AS (SELECT agent, nps_agg(score) AS s FROM agent_answers GROUP BY agent),
     prior AS (SELECT nps_prior(s) AS p FROM agents)
SELECT agent, responses(s) AS n, round(nps(s), 1) AS nps,
       round(nps_shrunk(s, p)::numeric, 1) AS shrunk,
       round(nps_credible_lower(s, p)::numeric, 1) AS lower_bound
FROM agents, prior
ORDER BY nps_credible_lower(s, p) DESC
LIMIT 8;

WITH weekly AS (
  SELECT date_trunc('week', day)::date AS week, rollup(summary) AS s
  FROM daily_nps WHERE day >= '2025-01-06' AND day < '2025-03-31' GROUP BY 1)
SELECT week, round(nps(s), 1) AS nps, responses(s) AS n,
       round(nps_control_lower(s) OVER w::numeric, 1) AS lower,
       round(nps_control_upper(s) OVER w::numeric, 1) AS upper,
       nps_control_signal(s) OVER w AS signal,
       round(nps_ewma(s) OVER w::numeric, 1) AS ewma,
       nps_ewma_signal(s) OVER w AS drift
FROM weekly WINDOW w AS (ORDER BY week) ORDER BY week;

WITH weekly AS (
  SELECT date_trunc('week', day)::date AS week, rollup(summary) AS s
  FROM daily_nps WHERE day >= '2025-01-06' AND day < '2025-03-31' GROUP BY 1),
charted AS (
  SELECT week, nps(s) AS nps, nps_control_signal(s) OVER w AS signal, nps_ewma_signal(s) OVER w AS drift
  FROM weekly WINDOW w AS (ORDER BY week))
SELECT week AS time, round(nps, 1) AS nps, (signal OR drift) AS alert
FROM charted ORDER BY week DESC LIMIT 1;

CREATE TABLE panel (channel text, score smallint);
INSERT INTO panel VALUES ('email', 10), ('email', 9), ('email', 9), ('email', 8), ('email', 10),
                         ('email', 3), ('web', 2), ('web', 6), ('web', 9), ('web', 7);
-- the panel is 60% email, the customer base 30%: weight = base share / panel share
SELECT round(nps(score), 1) AS unweighted,
       round(nps(score, CASE channel WHEN 'email' THEN 0.5 ELSE 1.75 END), 1) AS weighted,
       round(effective_responses(nps_agg(score, CASE channel WHEN 'email' THEN 0.5 ELSE 1.75 END))::numeric, 2)
         AS effective_n
FROM panel;

CREATE VIEW bi_nps_monthly AS
SELECT date_trunc('month', day)::date AS month, channel,
       responses(rollup(summary))                 AS nps_responses,
       promoters(rollup(summary))                 AS promoters,
       detractors(rollup(summary))                AS detractors,
       nps(rollup(summary))::numeric(5,1)         AS nps,
       nps_margin(rollup(summary))::numeric(5,1)  AS nps_margin
FROM daily_nps GROUP BY 1, 2;
COMMENT ON COLUMN bi_nps_monthly.month IS 'First day of the month';
COMMENT ON COLUMN bi_nps_monthly.channel IS 'Survey channel';
COMMENT ON COLUMN bi_nps_monthly.nps_responses IS 'NPS answers. Re-aggregate: SUM';
COMMENT ON COLUMN bi_nps_monthly.promoters IS 'Answers 9-10. Re-aggregate: SUM';
COMMENT ON COLUMN bi_nps_monthly.detractors IS 'Answers 0-6. Re-aggregate: SUM';
COMMENT ON COLUMN bi_nps_monthly.nps IS 'Never AVG: 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses)';
COMMENT ON COLUMN bi_nps_monthly.nps_margin IS '95% margin, this row only; NULL below 30 answers';

-- what a JDBC driver reports (getColumns: COLUMN_SIZE, DECIMAL_DIGITS, REMARKS)
SELECT attname AS column_name, format_type(atttypid, atttypmod) AS type,
       CASE WHEN atttypid = 'numeric'::regtype THEN ((atttypmod - 4) >> 16) & 65535 END AS precision,
       CASE WHEN atttypid = 'numeric'::regtype THEN (atttypmod - 4) & 65535 END AS scale,
       col_description(attrelid, attnum) AS remarks
FROM pg_attribute WHERE attrelid = 'bi_nps_monthly'::regclass AND attnum > 0 ORDER BY attnum;

SELECT round(avg(nps), 2) AS "AVG(nps), wrong",
       round(100 * (sum(promoters) - sum(detractors)) / sum(nps_responses), 2) AS "roll-up, right",
       round((SELECT nps(score) FROM answers), 2) AS "nps() of the rows"
FROM bi_nps_monthly;

SELECT channel,
       nps(score) FILTER (WHERE nps_valid(score)) AS nps,
       count(*) FILTER (WHERE NOT nps_valid(score)) AS skipped
FROM (VALUES ('web', 9), ('web', 10), ('web', 8.5), ('email', 3), ('email', NULL)) AS r(channel, score)
GROUP BY channel ORDER BY channel;

SELECT '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,0,3]}'::nps_summary;
SELECT nps_final('{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,0,3]}');

SELECT d, nps(s) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_nps
FROM (VALUES (1, 10), (2, 0), (3, NULL), (4, 9), (5, 9)) AS v(d, s) ORDER BY d;
