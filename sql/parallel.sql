-- Forced parallel and partitionwise plans give the serial answers.

CREATE TABLE serial_answers AS
SELECT channel, nps(score), csat(sat), csat(sat, 5, 3) AS csat3, ces(effort),
       churn_risk(score, day::timestamptz, '2025-01-01') AS churn
FROM responses GROUP BY channel;
INSERT INTO serial_answers
SELECT 'all', nps(score), csat(sat), csat(sat, 5, 3), ces(effort),
       churn_risk(score, day::timestamptz, '2025-01-01')
FROM responses;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END,
                  'regress', false) IS NOT NULL AS forced;

EXPLAIN (COSTS OFF)
SELECT nps(score), csat(sat), ces(effort) FROM responses;

CREATE TEMP TABLE parallel_answers AS
SELECT 'all' AS channel, nps(score), csat(sat), csat(sat, 5, 3) AS csat3, ces(effort),
       churn_risk(score, day::timestamptz, '2025-01-01') AS churn
FROM responses
UNION ALL
SELECT channel, nps(score), csat(sat), csat(sat, 5, 3), ces(effort),
       churn_risk(score, day::timestamptz, '2025-01-01')
FROM responses GROUP BY channel;

-- Both directions: no row differs, none is missing, none is extra.
SELECT (SELECT count(*) FROM (TABLE parallel_answers EXCEPT ALL TABLE serial_answers) AS x) AS only_parallel,
       (SELECT count(*) FROM (TABLE serial_answers EXCEPT ALL TABLE parallel_answers) AS x) AS only_serial;

-- Partitionwise aggregation over a partitioned table.
CREATE TABLE responses_part (LIKE responses) PARTITION BY LIST (channel);
CREATE TABLE responses_email PARTITION OF responses_part FOR VALUES IN ('email');
CREATE TABLE responses_web PARTITION OF responses_part FOR VALUES IN ('web');
CREATE TABLE responses_other PARTITION OF responses_part DEFAULT;
INSERT INTO responses_part SELECT * FROM responses;
ANALYZE responses_part;
SET enable_partitionwise_aggregate = on;

EXPLAIN (COSTS OFF)
SELECT nps(score) FROM responses_part;
EXPLAIN (COSTS OFF)
SELECT channel, nps(score) FROM responses_part GROUP BY channel;

CREATE TEMP TABLE partitionwise_answers AS
SELECT 'all' AS channel, nps(score), csat(sat), csat(sat, 5, 3) AS csat3, ces(effort),
       churn_risk(score, day::timestamptz, '2025-01-01') AS churn
FROM responses_part
UNION ALL
SELECT channel, nps(score), csat(sat), csat(sat, 5, 3), ces(effort),
       churn_risk(score, day::timestamptz, '2025-01-01')
FROM responses_part GROUP BY channel;

SELECT (SELECT count(*) FROM (TABLE partitionwise_answers EXCEPT ALL TABLE serial_answers) AS x) AS only_partitionwise,
       (SELECT count(*) FROM (TABLE serial_answers EXCEPT ALL TABLE partitionwise_answers) AS x) AS only_serial;

-- Regression (defect 5): the partial aggregates of parallel workers check
-- the scale arguments as the serial plan does.  A literal and a parameter
-- give the serial answers; a column is refused.
RESET enable_partitionwise_aggregate;
EXPLAIN (COSTS OFF)
SELECT csat(sat, 5), ces(effort, 7) FROM responses;
SELECT csat(sat, 5) = (SELECT csat FROM serial_answers WHERE channel = 'all') AS csat_as_serial,
       ces(effort, 7) = (SELECT ces FROM serial_answers WHERE channel = 'all') AS ces_as_serial
FROM responses;
PREPARE parallel_csat(int) AS SELECT csat_agg(sat, $1) = csat_agg(sat) AS same_summary FROM responses;
EXECUTE parallel_csat(5);
DEALLOCATE parallel_csat;
SELECT csat(sat, effort) FROM responses;

RESET ALL;
