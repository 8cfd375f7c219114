-- Churn models: churn_agg(), churn_features(), churn_fit(), coefficients(),
-- churn_risk() with a model and churn_explain(), against R's glm().
--
-- sql/fixtures/churn_{training,outcomes}.csv are 1,200 synthetic customers
-- and sql/fixtures/churn_{features_r,glm}.csv what R computed from them:
-- the features, from the raw responses by R's own code, and glm(family =
-- binomial) fits (oracles/README.md says how to re-run them).
SET TimeZone = 'UTC';

CREATE TABLE churn_answers (customer_id int, score int, responded_at timestamptz,
                            effort int, satisfaction int);
\copy churn_answers FROM 'sql/fixtures/churn_training.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE churn_outcomes (customer_id int PRIMARY KEY, churned boolean);
\copy churn_outcomes FROM 'sql/fixtures/churn_outcomes.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE r_features (customer_id int PRIMARY KEY, dissatisfaction float8, detractor float8,
                         decline float8, silence float8, engagement float8, effort float8,
                         satisfaction float8, heuristic float8);
\copy r_features FROM 'sql/fixtures/churn_features_r.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE r_glm (model text, term text, estimate float8, std_error float8, z float8, p_value float8);
\copy r_glm FROM 'sql/fixtures/churn_glm.csv' WITH (FORMAT csv, HEADER true)

CREATE TABLE churn_training AS
SELECT customer_id,
       churn_agg(score, responded_at, '2025-07-01 00:00+00', effort, satisfaction) AS features,
       churned
FROM churn_answers JOIN churn_outcomes USING (customer_id)
GROUP BY customer_id, churned;

-- The features equal R's for every customer (to 1e-12; silence and the
-- heuristic go through exp2, the rest are exact quotients).
SELECT count(*) AS customers,
       count(*) FILTER (WHERE abs((f->>'dissatisfaction')::float8 - r.dissatisfaction) <= 1e-12
                          AND (f->>'detractor')::float8 = r.detractor
                          AND abs((f->>'decline')::float8 - r.decline) <= 1e-12
                          AND abs((f->>'silence')::float8 - r.silence) <= 1e-12
                          AND (f->>'engagement')::float8 = r.engagement
                          AND abs((f->>'effort')::float8 - r.effort) <= 1e-12
                          AND abs((f->>'satisfaction')::float8 - r.satisfaction) <= 1e-12
                          AND abs((f->>'heuristic')::float8 - r.heuristic) <= 1e-12) AS same_as_r
FROM (SELECT customer_id, churn_features(features) AS f FROM churn_training) AS t
JOIN r_features AS r USING (customer_id);

-- The three models of the fixture, fitted without a penalty.
CREATE TABLE fitted AS
SELECT 'base' AS model,
       churn_fit('SELECT features, churned FROM churn_training', penalty => 0) AS fit
UNION ALL
SELECT 'all', churn_fit('SELECT features, churned FROM churn_training',
                        features => ARRAY['dissatisfaction', 'detractor', 'decline', 'silence',
                                          'engagement', 'effort', 'satisfaction'],
                        penalty => 0)
UNION ALL
SELECT 'platt', churn_fit('SELECT features, churned FROM churn_training',
                          features => ARRAY['heuristic'], penalty => 0);

-- Coefficients and standard errors equal glm()'s to 1e-6 relative (the
-- issue's bar), and all of them to 1e-8 (about 1e-9 measured; the last
-- digits differ between C libraries).
SELECT f.model, count(*) AS terms,
       bool_and(abs(c.coefficient - r.estimate) <= 1e-6 * abs(r.estimate)) AS coefficients_match,
       bool_and(abs(c.std_error - r.std_error) <= 1e-6 * r.std_error) AS std_errors_match,
       bool_and(abs(c.p_value - r.p_value) <= 1e-6 * r.p_value) AS p_values_match,
       greatest(max(abs(c.coefficient - r.estimate) / abs(r.estimate)),
                max(abs(c.std_error - r.std_error) / r.std_error)) < 1e-8 AS all_within_1e_8
FROM fitted AS f, coefficients(f.fit) AS c
JOIN r_glm AS r ON r.term = c.feature
WHERE r.model = f.model
GROUP BY f.model ORDER BY f.model;

-- n, events and the log-likelihood too.
SELECT f.model, m->>'n' AS n, m->>'events' AS events, (m->>'converged')::boolean AS converged,
       abs((m->>'log_likelihood')::float8 - r.estimate) <= 1e-9 * abs(r.estimate) AS log_likelihood_matches
FROM fitted AS f CROSS JOIN LATERAL (SELECT f.fit::text::jsonb) AS j(m)
JOIN r_glm AS r ON r.model = f.model AND r.term = 'log_likelihood'
ORDER BY f.model;

-- A fitted model, as coefficients() shows it.
SELECT feature, round(coefficient::numeric, 4) AS coefficient, round(std_error::numeric, 4) AS std_error,
       round(z::numeric, 2) AS z, round(p_value::numeric, 4) AS p_value
FROM fitted, coefficients(fit) WHERE model = 'base';

-- The default penalty (1) pulls the coefficients together a little.
SELECT c.feature, round(c.coefficient::numeric, 4) AS penalized,
       round(u.coefficient::numeric, 4) AS unpenalized
FROM coefficients(churn_fit('SELECT features, churned FROM churn_training')) AS c
JOIN (SELECT u.* FROM fitted, coefficients(fit) AS u WHERE model = 'base') AS u USING (feature);

-- Scoring: the probability is the logistic of the model's log-odds; the
-- aggregate form equals the function of churn_agg(); explain's
-- contributions add up to the log-odds less those at the training means.
SELECT round(churn_risk(features, fit)::numeric, 6) AS risk,
       (SELECT string_agg(format('%s %s (%s)', feature, round(contribution::numeric, 3), reason), '; ')
        FROM churn_explain(features, fit)) AS why
FROM churn_training, fitted
WHERE model = 'all' AND customer_id IN (14, 15, 16) ORDER BY customer_id;

SELECT count(*) AS customers,
       count(*) FILTER (WHERE by_aggregate = by_state) AS aggregate_equals_function
FROM (SELECT customer_id,
             churn_risk(score, responded_at, '2025-07-01 00:00+00', (SELECT fit FROM fitted WHERE model = 'base')) AS by_aggregate,
             churn_risk(churn_agg(score, responded_at, '2025-07-01 00:00+00'), (SELECT fit FROM fitted WHERE model = 'base')) AS by_state
      FROM churn_answers GROUP BY customer_id) AS s;

-- How good the fitted risks are on the training rows, and the heuristic's.
SELECT round(churn_auc(churn_risk(features, fit), churned)::numeric, 4) AS auc_model,
       round(churn_brier(churn_risk(features, fit), churned)::numeric, 4) AS brier_model,
       round(churn_auc(1 / (1 + exp(-(churn_features(features)->>'heuristic')::float8)), churned)::numeric, 4) AS auc_heuristic
FROM churn_training, fitted WHERE model = 'all';

-- Text and binary forms round-trip exactly, states of format 2 too.
SELECT model, fit::text::churn_model::text = fit::text AS text_round_trip FROM fitted ORDER BY model;
\copy (SELECT model, fit FROM fitted) TO 'results/models.bin' WITH (FORMAT binary)
CREATE TABLE fitted_copy (model text, fit churn_model);
\copy fitted_copy FROM 'results/models.bin' WITH (FORMAT binary)
SELECT count(*) AS models, count(*) FILTER (WHERE a.fit::text = b.fit::text) AS binary_round_trip
FROM fitted AS a JOIN fitted_copy AS b USING (model);
\copy (SELECT customer_id, features FROM churn_training) TO 'results/churn_states.bin' WITH (FORMAT binary)
CREATE TABLE states_copy (customer_id int, features churn_state);
\copy states_copy FROM 'results/churn_states.bin' WITH (FORMAT binary)
SELECT count(*) AS states,
       count(*) FILTER (WHERE a.features::text = b.features::text
                          AND a.features::text::churn_state::text = a.features::text) AS round_trips
FROM churn_training AS a JOIN states_copy AS b USING (customer_id);
SELECT features FROM churn_training WHERE customer_id = 14;

-- A 1.1 state (format 1) reads back unchanged; it has no engagement, so a
-- model that uses it refuses the state and says why.
SELECT s::text AS format_1, churn_features(s) AS features,
       try(format('SELECT churn_risk(%L::churn_state, %L::churn_model)', s, fit)) AS with_engagement
FROM (VALUES ('{"version":1,"responses":2,"score_sum":12,"latest_score":3,"latest_at_us":788918400000000,"as_of_us":804556800000000}'::churn_state)) AS v(s),
     fitted WHERE model = 'base';

-- Platt scaling: the heuristic's log-odds as the one feature.
SELECT feature, round(coefficient::numeric, 4) AS coefficient
FROM fitted, coefficients(fit) WHERE model = 'platt';

-- A training query may end in a comment (it is wrapped in a subquery).
SELECT (churn_fit('SELECT features, churned FROM churn_training -- all of them')::text::jsonb)->'n' AS n;

-- What churn_fit refuses, and why.
SELECT try($$ SELECT churn_fit('SELECT features FROM churn_training') $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned::int FROM churn_training') $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training WHERE false') $$);
SELECT try($$ SELECT churn_fit('SELECT features, true FROM churn_training') $$);
SELECT try($$ SELECT churn_fit('DELETE FROM churn_training RETURNING features, churned') $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training', features => ARRAY['silence', 'loyalty']) $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training', features => ARRAY['silence', 'silence']) $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training', features => ARRAY[]::text[]) $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training', penalty => -1) $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training', penalty => 'NaN') $$);
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training', max_iterations => 0) $$);
SELECT try($$ SELECT churn_fit(NULL) $$);
-- a constant feature: every customer here answered in the year before as_of
SELECT try($$ SELECT churn_fit('SELECT churn_agg(5, ''2025-01-01'', ''2025-07-01''), churned FROM churn_outcomes GROUP BY customer_id, churned', features => ARRAY['detractor']) $$);
-- collinear features: the heuristic is a sum of the four others
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training', features => ARRAY['dissatisfaction', 'detractor', 'decline', 'silence', 'heuristic'], penalty => 0) $$);
-- perfect separation: silence tells churners apart exactly
CREATE TABLE separated AS
SELECT churn_agg(7, timestamptz '2025-07-01' - (i || ' days')::interval, '2025-07-01') AS features, i > 100 AS churned
FROM generate_series(1, 200) AS i GROUP BY i;
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM separated', features => ARRAY['silence'], penalty => 0) $$);
-- with the default penalty it is finite
SELECT feature, round(coefficient::numeric, 2) AS coefficient
FROM coefficients(churn_fit('SELECT features, churned FROM separated', features => ARRAY['silence']));
-- too few churned customers for the features: a warning
SELECT (churn_fit('SELECT features, churned FROM churn_training WHERE customer_id <= 150')::text::jsonb)->'events' AS events;
-- a model needs the effort the state lacks
SELECT try(format('SELECT churn_risk(churn_agg(5, now(), now()), %L::churn_model)', fit)) FROM fitted WHERE model = 'all';
-- a training query whose rows change between passes (20 more each time)
CREATE SEQUENCE training_rows START 300 INCREMENT 20;
SELECT try($$ SELECT churn_fit('SELECT features, churned FROM churn_training ORDER BY customer_id LIMIT nextval(''training_rows'')') $$);
-- a pass whose rows bring two models with the same features (without and
-- with a penalty)
SELECT try(format('SELECT churn_fit_pass(features, churned, CASE WHEN customer_id > 100 THEN %L::churn_model ELSE %L::churn_model END) FROM churn_training',
                  fit, churn_fit('SELECT features, churned FROM churn_training')))
FROM fitted WHERE model = 'base';
-- As a window aggregate the pass's final function runs after each row and
-- the rows go on: on the last row the sums are the plain aggregate's.  The
-- bytes compared are FitSums (src/churn_fit.h) but its log-likelihood
-- (bytes 33 to 40), whose logs are taken at other rows.
SELECT substr(w, 1, 32) = substr(p, 1, 32) AND substr(w, 41) = substr(p, 41) AS window_equals_aggregate
FROM (SELECT churn_fit_pass(features, churned, fit) OVER (ORDER BY customer_id) AS w,
             row_number() OVER (ORDER BY customer_id DESC) AS from_last
      FROM churn_training, fitted WHERE model = 'base') AS windowed,
     (SELECT churn_fit_pass(features, churned, fit ORDER BY customer_id) AS p
      FROM churn_training, fitted WHERE model = 'base') AS plain
WHERE from_last = 1;
-- invalid models
SELECT try($$ SELECT '{"version":2}'::churn_model $$);
SELECT try($$ SELECT '{"version":1,"features":["silence"],"coefficients":[1,2],"std_errors":[0.1,-0.2],"means":[0.5],"n":10,"events":3,"log_likelihood":-5,"penalty":0,"iterations":3,"converged":true}'::churn_model $$);
SELECT try($$ SELECT '{"version":1,"features":["silence"],"coefficients":[1,2],"std_errors":[0.1,0.2],"means":[0.5],"n":10,"events":10,"log_likelihood":-5,"penalty":0,"iterations":3,"converged":true}'::churn_model $$);
SELECT try($$ SELECT '{"version":1,"features":["silence","silence"],"coefficients":[1,2,3],"std_errors":[0.1,0.2,0.3],"means":[0.5,0.5],"n":10,"events":3,"log_likelihood":-5,"penalty":0,"iterations":3,"converged":true}'::churn_model $$);
-- -0 in text reads as 0, so a value never holds -0 (the binary form refuses
-- it: a -0 there would not survive a trip through text; found by fuzzing)
SELECT '{"version":1,"features":["silence"],"coefficients":[1,-0],"std_errors":[0.1,0.2],"means":[0.5],"n":10,"events":3,"log_likelihood":-5,"penalty":0,"iterations":3,"converged":true}'::churn_model;
SELECT try($$ SELECT '{"version":1,"features":["mood"],"coefficients":[1,2],"std_errors":[0.1,0.2],"means":[0.5],"n":10,"events":3,"log_likelihood":-5,"penalty":0,"iterations":3,"converged":true}'::churn_model $$);
-- churn_agg's answers are checked, on skipped rows too
SELECT try($$ SELECT churn_agg(5, now(), now(), 101, NULL) $$);
SELECT try($$ SELECT churn_agg(NULL, now(), now(), NULL, -1) $$);
-- churn_agg of nothing is NULL; of a row without a score it still has the answers
SELECT churn_agg(score, responded_at) IS NULL AS empty FROM churn_answers WHERE false;
SELECT churn_features(churn_agg(NULL, '2025-01-01', '2025-07-01', 3, 4)) AS answers_only;

-- Later tests use these names.
DROP TABLE churn_answers, churn_outcomes, r_features, r_glm, churn_training, fitted, fitted_copy,
           states_copy, separated;
