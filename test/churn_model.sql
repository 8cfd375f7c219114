-- churn_model.sql: properties of churn_fit() and the churn_model type on
-- 20,000 synthetic customers whose churn follows a known logistic model:
-- the fit recovers the true coefficients (within 3 standard errors) and is
-- calibrated by decile; serial, parallel and partitioned fits agree; text
-- round trips of churn_model and churn_state (format 2, and a 1.1 format 1
-- state); churn_explain, churn_risk(state, model) and the
-- aggregate churn_risk(score, responded_at, as_of, model) agree with the
-- coefficients.
--
-- pgTAP, run by pg_prove in a database where pgtap and nps_ext are installed.
-- The data are deterministic (hash-derived, no random()).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

\ir data/churn_customers.psql

-- The model is fitted on the very features the outcome was drawn from.
CREATE TEMP TABLE cm_feature (pos int PRIMARY KEY, feature text NOT NULL);
INSERT INTO cm_feature VALUES (1, 'dissatisfaction'), (2, 'silence'), (3, 'engagement');

SELECT ok((SELECT avg(churned::int) BETWEEN 0.10 AND 0.30 FROM cm_customers),
          'the synthetic customers churn at a rate between 10% and 30%');
SELECT is_empty($$SELECT c FROM cm_customers
                  WHERE st IS NULL OR NOT f ?& ARRAY['dissatisfaction', 'silence', 'engagement']$$,
                'every synthetic customer has a churn_agg state with dissatisfaction, silence and engagement');

-- ---------------------------------------------------------------------------
-- 1. The fit recovers the known model (serial plans)
-- ---------------------------------------------------------------------------
SET LOCAL max_parallel_workers_per_gather = 0;

CREATE TEMP TABLE cm_fit (how text PRIMARY KEY, m churn_model NOT NULL);
INSERT INTO cm_fit
SELECT 'serial', churn_fit('SELECT st, churned FROM cm_customers',
                           features => ARRAY['dissatisfaction', 'silence', 'engagement'], penalty => 0);
CREATE TEMP VIEW cm_model AS SELECT m FROM cm_fit WHERE how = 'serial';

SELECT is((SELECT (m::text::jsonb)->'converged' FROM cm_model), 'true'::jsonb,
          'churn_fit converged on the synthetic customers');
SELECT is((SELECT ((m::text::jsonb)->>'n')::bigint FROM cm_model), 20000::bigint,
          'the model counts 20,000 training rows');
SELECT is((SELECT ((m::text::jsonb)->>'events')::bigint FROM cm_model),
          (SELECT count(*) FROM cm_customers WHERE churned),
          'the model counts the churned customers as events');
SELECT is((SELECT array_agg(k.feature ORDER BY ord) FROM cm_model, coefficients(m) WITH ORDINALITY AS k(feature, coefficient, std_error, z, p_value, ord)),
          ARRAY['intercept', 'dissatisfaction', 'silence', 'engagement'],
          'coefficients() lists the intercept and the three features, in order');

-- The outcome was drawn from exactly this logistic model, so each estimate
-- is approximately normal around its true value with the reported standard
-- error: |estimate - truth| > 3 SE has probability 0.27% per coefficient.
-- The data are fixed, so this either always passes or always fails.
SELECT is_empty($$SELECT k.feature, k.coefficient, t.coefficient AS truth, k.std_error
                  FROM cm_model, coefficients(m) AS k JOIN cm_truth AS t USING (feature)
                  WHERE NOT abs(k.coefficient - t.coefficient) <= 3 * k.std_error$$,
                'every fitted coefficient lies within 3 standard errors of the true one');
SELECT is((SELECT count(*) FROM cm_model, coefficients(m) AS k JOIN cm_truth AS t USING (feature)
           WHERE k.std_error > 0 AND k.std_error < 0.25 * abs(t.coefficient)),
          4::bigint,
          'every standard error is positive and small against its coefficient (the check above is not vacuous)');

-- Calibration: sort the customers by predicted risk into ten deciles.  In
-- each, the observed churn count is a sum of independent Bernoulli(p_i)
-- under the model, mean sum p_i, variance sum p_i (1 - p_i); by the normal
-- approximation it lies within 3.29 standard deviations of the mean with
-- probability 99.9% (two-sided).
CREATE TEMP TABLE cm_scored AS
SELECT c, churned, churn_risk(st, m) AS p
FROM cm_customers, cm_model;
CREATE TEMP VIEW cm_deciles AS
SELECT decile, count(*) AS customers, count(*) FILTER (WHERE churned) AS observed,
       sum(p) AS expected, sqrt(sum(p * (1 - p))) AS sd
FROM (SELECT c, churned, p, ntile(10) OVER (ORDER BY p, c) AS decile FROM cm_scored) x
GROUP BY decile;

SELECT is_empty($$SELECT * FROM cm_deciles WHERE NOT abs(observed - expected) <= 3.29 * sd$$,
                'in every decile of predicted risk, observed churn is within the 99.9% binomial interval of the sum of predicted probabilities');
SELECT ok((SELECT count(*) = 10 AND min(customers) = 2000 FROM cm_deciles)
          AND (SELECT expected FROM cm_deciles WHERE decile = 10) > 5 * (SELECT expected FROM cm_deciles WHERE decile = 1),
          'ten deciles of 2,000 customers, the riskiest expecting over five times the churn of the safest (calibration is checked over a real spread)');

-- ---------------------------------------------------------------------------
-- 3. Round trips: churn_model and churn_state, text and binary
-- ---------------------------------------------------------------------------
SELECT is((SELECT m::text::churn_model::text FROM cm_model), (SELECT m::text FROM cm_model),
          'churn_model: the text output reads back to the same text');
SELECT is((SELECT churn_model_send(m::text::churn_model) FROM cm_model), (SELECT churn_model_send(m) FROM cm_model),
          'churn_model: the text output reads back to the same value (binary send identical)');
SELECT is_empty($$SELECT c FROM cm_customers
                  WHERE st::text::churn_state::text <> st::text
                     OR churn_state_send(st::text::churn_state) <> churn_state_send(st)$$,
                'churn_state (format 2): the text of every customer''s state reads back to the same value');
SELECT ok((SELECT bool_and((st::text::jsonb)->'version' = '2') FROM cm_customers),
          'churn_agg makes format 2 states');

-- A state written by nps_ext 1.1 (format 1): reads and prints unchanged,
-- and has no engagement feature (1.1 did not count recent responses).
CREATE TEMP TABLE cm_v1 (v text);
INSERT INTO cm_v1 VALUES
    ('{"version":1,"responses":3,"score_sum":17,"latest_score":4,"latest_at_us":788918400000000,"as_of_us":null}'),
    ('{"version":1,"responses":2,"score_sum":10,"latest_score":5,"latest_at_us":756864000000000,"as_of_us":788918400000000}');
SELECT is_empty($$SELECT v FROM cm_v1 WHERE v::churn_state::text <> v$$,
                'churn_state (format 1, as 1.1 wrote it): the text reads back unchanged');
SELECT is_empty($$SELECT v FROM cm_v1 WHERE churn_features(v::churn_state) ? 'engagement'$$,
                'churn_features of a format 1 state has no engagement key');
SELECT is_empty($$SELECT v FROM cm_v1 WHERE NOT churn_features(v::churn_state) ?& ARRAY['dissatisfaction', 'detractor', 'decline', 'silence']$$,
                'churn_features of a format 1 state has the score features');

-- The binary (send/recv) round trips go through COPY (FORMAT binary) in
-- sql/churn_model.sql (pg_regress, client-side \copy, no superuser needed).

-- ---------------------------------------------------------------------------
-- 4. churn_explain, churn_risk(state, model) and the aggregate agree with
--    coefficients()
-- ---------------------------------------------------------------------------
-- log-odds of each customer: intercept + sum of coefficient * feature value,
-- the values from churn_features() (printed in their shortest exact form)
CREATE TEMP TABLE cm_terms AS
SELECT k.feature, k.coefficient, f.pos,
       CASE WHEN f.pos IS NULL THEN NULL ELSE (((SELECT m::text::jsonb FROM cm_model)->'means')->>(f.pos - 1))::float8 END AS mean
FROM cm_model, coefficients(m) AS k LEFT JOIN cm_feature f USING (feature);
CREATE TEMP TABLE cm_log_odds AS
SELECT c.c, (SELECT coefficient FROM cm_terms WHERE feature = 'intercept')
            + sum(t.coefficient * (c.f->>t.feature)::float8) AS log_odds
FROM cm_customers c CROSS JOIN cm_terms t WHERE t.pos IS NOT NULL
GROUP BY c.c;

SELECT ok((SELECT count(*) = 3 AND bool_and(mean IS NOT NULL) FROM cm_terms WHERE pos IS NOT NULL),
          'the model text holds a training mean for each feature');

-- The contributions are coefficient * (value - training mean): they add up
-- to the customer's log-odds minus the log-odds at the training means.
SELECT is_empty($$SELECT c, explained, log_odds - at_means AS expected
                  FROM (SELECT c.c, (SELECT sum(e.contribution) FROM cm_model, churn_explain(c.st, m) e) AS explained
                        FROM cm_customers c) x
                  JOIN cm_log_odds USING (c),
                  (SELECT (SELECT coefficient FROM cm_terms WHERE feature = 'intercept')
                          + sum(coefficient * mean) FILTER (WHERE pos IS NOT NULL) AS at_means FROM cm_terms) a
                  WHERE NOT abs(explained - (log_odds - at_means)) <= 1e-12$$,
                'churn_explain: the contributions sum to the log-odds minus the log-odds at the training means (to 1e-12)');
SELECT is_empty($$SELECT c.c FROM cm_customers c, cm_model
                  WHERE (SELECT count(*) FROM churn_explain(c.st, m)) <> 3
                     OR EXISTS (SELECT FROM churn_explain(c.st, m) e
                                WHERE e.value IS DISTINCT FROM (c.f->>e.feature)::float8)$$,
                'churn_explain: one row per model feature, its value the one churn_features() gives');

-- The logistic function: C computes exp(x) / (1 + exp(x)) for negative x
-- (no overflow), SQL 1 / (1 + exp(-x)); the two may differ in the last
-- bits, hence a relative 1e-12 rather than equality.
SELECT is_empty($$SELECT c, p, 1 / (1 + exp(-log_odds)) AS from_coefficients
                  FROM cm_scored JOIN cm_log_odds USING (c)
                  WHERE NOT abs(p - 1 / (1 + exp(-log_odds))) <= 1e-12 * p$$,
                'churn_risk(state, model) = 1 / (1 + exp(-log-odds from coefficients()))');

SELECT is_empty($$SELECT c FROM (
                    SELECT r.c, churn_risk(r.score, r.responded_at, '2025-01-01 00:00:00+00', m) AS aggregate
                    FROM cm_resp r, cm_model GROUP BY r.c, m::text) x
                  FULL JOIN cm_scored s USING (c)
                  WHERE aggregate IS DISTINCT FROM s.p$$,
                'churn_risk(score, responded_at, as_of, model) = churn_risk(churn_agg(score, responded_at, as_of), model), exactly');

-- the same for 13 groups of customers (used by the parallel check below;
-- a column, not an expression, so that the planner knows there are 13)
CREATE TABLE cm_resp13 AS SELECT c % 13 AS g, score, responded_at FROM cm_resp;
ANALYZE cm_resp13;
CREATE TEMP TABLE cm_serial_group_risk AS
SELECT g, churn_risk(st, m) AS p
FROM (SELECT g, churn_agg(score, responded_at, '2025-01-01 00:00:00+00') AS st
      FROM cm_resp13 GROUP BY g) x, cm_model;

-- ---------------------------------------------------------------------------
-- 2. The same fit with parallel workers and on a partitioned table
-- ---------------------------------------------------------------------------
RESET max_parallel_workers_per_gather;
\ir data/parallel_plans.psql

-- Hash-partitioned on the customer id: the pass scans four partitions (in
-- parallel, a Parallel Append).
CREATE TABLE cm_part (c int NOT NULL, st churn_state, churned boolean) PARTITION BY HASH (c);
CREATE TABLE cm_part_0 PARTITION OF cm_part FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE cm_part_1 PARTITION OF cm_part FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE cm_part_2 PARTITION OF cm_part FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE cm_part_3 PARTITION OF cm_part FOR VALUES WITH (MODULUS 4, REMAINDER 3);
INSERT INTO cm_part SELECT c, st, churned FROM cm_customers;
ANALYZE cm_part;

-- EXPLAIN ANALYZE runs the statement, so the output reports the workers the
-- very plan launched (see test/parallel.sql).
CREATE FUNCTION pg_temp.run_and_explain(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || statement LOOP
    result := result || line || E'\n';
  END LOOP;
  RETURN result;
END $$;

-- The query churn_fit runs for each Newton step (src/churn_fit.c,
-- prepare_pass), the model being its parameter.
PREPARE cm_pass(churn_model) AS
SELECT churn_fit_pass(training.features, training.churned, $1)
FROM (SELECT st, churned FROM cm_customers) AS training(features, churned);
PREPARE cm_pass_part(churn_model) AS
SELECT churn_fit_pass(training.features, training.churned, $1)
FROM (SELECT st, churned FROM cm_part) AS training(features, churned);

SELECT matches(pg_temp.run_and_explain(format('EXECUTE cm_pass(%L)', m::text)),
               'Gather.*Workers Launched: [1-9].*Partial Aggregate',
               'churn_fit''s pass over the training table runs as a partial aggregate under a Gather, in launched workers')
FROM cm_model;
SELECT matches(pg_temp.run_and_explain(format('EXECUTE cm_pass_part(%L)', m::text)),
               'Gather.*Workers Launched: [1-9].*Partial Aggregate.*Parallel Append',
               'churn_fit''s pass over the partitioned table runs as a partial aggregate over a Parallel Append, in launched workers')
FROM cm_model;

INSERT INTO cm_fit
SELECT 'parallel', churn_fit('SELECT st, churned FROM cm_customers',
                             features => ARRAY['dissatisfaction', 'silence', 'engagement'], penalty => 0);
INSERT INTO cm_fit
SELECT 'partitioned, parallel', churn_fit('SELECT st, churned FROM cm_part',
                                          features => ARRAY['dissatisfaction', 'silence', 'engagement'], penalty => 0);
SET LOCAL max_parallel_workers_per_gather = 0;
INSERT INTO cm_fit
SELECT 'partitioned, serial', churn_fit('SELECT st, churned FROM cm_part',
                                        features => ARRAY['dissatisfaction', 'silence', 'engagement'], penalty => 0);
-- Partitionwise in one process: a partial aggregate per partition, their
-- states serialized and combined by the same backend.
SET LOCAL enable_partitionwise_aggregate = on;
SELECT matches(pg_temp.run_and_explain(format('EXECUTE cm_pass_part(%L)', m::text)),
               '^ *Finalize Aggregate.*Append.*Partial Aggregate.*Partial Aggregate',
               'churn_fit''s pass partitionwise without workers: a partial aggregate per partition, combined in the same process')
FROM cm_model;
SELECT doesnt_match(pg_temp.run_and_explain(format('EXECUTE cm_pass_part(%L)', m::text)), 'Gather',
                    'that plan has no Gather: one process runs every partial aggregate')
FROM cm_model;
INSERT INTO cm_fit
SELECT 'partitionwise, serial', churn_fit('SELECT st, churned FROM cm_part',
                                          features => ARRAY['dissatisfaction', 'silence', 'engagement'], penalty => 0);
RESET enable_partitionwise_aggregate;
SET LOCAL max_parallel_workers_per_gather = 4;

-- The passes add the same rows in a different order (per worker, per
-- partition, then combined), so the sums and hence the fits are not
-- bit-identical (on these data none of the three is: the coefficients
-- differ by about 1e-15 relative, the standard errors by about 1e-13).
-- Coefficients, standard errors, means and the log-likelihood must agree to
-- 1e-9 relative; n, events and the features exactly.
CREATE TEMP VIEW cm_fit_numbers AS
SELECT how, j, (j->>'n')::bigint AS n, (j->>'events')::bigint AS events, j->'features' AS features,
       (j->>'log_likelihood')::float8 AS log_likelihood
FROM (SELECT how, m::text::jsonb AS j FROM cm_fit) x;

SELECT is((SELECT count(*) FROM cm_fit), 5::bigint,
          'five fits: serial, parallel, partitioned parallel, serial and partitionwise');
SELECT is_empty($$SELECT o.how, k.feature, k.coefficient, s.coefficient AS serial
                  FROM cm_fit o, coefficients(o.m) AS k
                  JOIN (SELECT k2.* FROM cm_model, coefficients(m) AS k2) AS s USING (feature)
                  WHERE o.how <> 'serial'
                    AND NOT (abs(k.coefficient - s.coefficient) <= 1e-9 * abs(s.coefficient)
                             AND abs(k.std_error - s.std_error) <= 1e-9 * s.std_error)$$,
                'parallel and partitioned fits: the same coefficients and standard errors as the serial fit (to 1e-9 relative)');
SELECT is_empty($$SELECT o.how FROM cm_fit_numbers o, cm_fit_numbers s
                  WHERE s.how = 'serial' AND o.how <> 'serial'
                    AND (o.n <> s.n OR o.events <> s.events OR o.features <> s.features
                         OR (o.j->'converged') <> 'true'
                         OR NOT abs(o.log_likelihood - s.log_likelihood) <= 1e-9 * abs(s.log_likelihood)
                         OR EXISTS (SELECT FROM generate_series(0, 2) i
                                    WHERE NOT abs(((o.j->'means')->>i)::float8 - ((s.j->'means')->>i)::float8)
                                              <= 1e-9 * abs(((s.j->'means')->>i)::float8)))$$,
                'parallel and partitioned fits: the same n, events, features, means and log-likelihood as the serial fit');

-- The aggregate churn_risk with a model in parallel: per customer the
-- planner keeps the whole aggregate above the Gather (groups of ~4.5 rows),
-- so the partial states (serialized, combined) are exercised on 13 groups
-- of customers, each read as one merged history, against churn_agg states
-- built serially.
SELECT matches(pg_temp.run_and_explain($$CREATE TEMP TABLE cm_parallel_risk AS
                 SELECT g, churn_risk(score, responded_at, '2025-01-01 00:00:00+00',
                                      '$$ || m::text || $$'::churn_model) AS p
                 FROM cm_resp13 GROUP BY g$$),
               'Workers Launched: [1-9].*Partial (Group|Hash)?Aggregate',
               'churn_risk(score, responded_at, as_of, model) by group ran as partial aggregates in launched workers')
FROM cm_model;
SELECT is_empty($$SELECT g FROM cm_parallel_risk p FULL JOIN cm_serial_group_risk s USING (g)
                  WHERE p.p IS DISTINCT FROM s.p$$,
                'parallel churn_risk(score, responded_at, as_of, model) by group = churn_risk(churn_agg(...), model) built serially, exactly');

DEALLOCATE cm_pass;
DEALLOCATE cm_pass_part;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

SELECT * FROM finish();
ROLLBACK;
