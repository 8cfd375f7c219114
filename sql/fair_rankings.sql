-- Fair rankings (empirical Bayes): nps_prior(), csat_prior(), ces_prior(),
-- the shrunk metrics and their credible limits.
--
-- sql/fixtures/fair_groups.csv holds 25 groups' answers for each metric;
-- fair_priors.csv and fair_scipy.csv are the priors and each group's
-- posterior mean and 95% limits that oracles/fair_rankings.py computed
-- with SciPy (quad + brentq for NPS, beta.ppf for CSAT, norm for CES), and
-- fair_r.csv what oracles/fair_rankings.R computed (qbeta for CSAT; for
-- NPS a Monte Carlo of 10^6 posterior draws per group, with a
-- distribution-free bracket for each limit).  See oracles/README.md.
CREATE TABLE fair_answers (metric text, grp int, score int, responses int);
\copy fair_answers FROM 'sql/fixtures/fair_groups.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE fair_priors (metric text, parameter text, value float8);
\copy fair_priors FROM 'sql/fixtures/fair_priors.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE fair_scipy (metric text, grp int, responses int, shrunk float8, lower float8, upper float8);
\copy fair_scipy FROM 'sql/fixtures/fair_scipy.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE fair_r (metric text, grp int, lower float8, upper float8,
                     lower_lo float8, lower_hi float8, upper_lo float8, upper_hi float8);
\copy fair_r FROM 'sql/fixtures/fair_r.csv' WITH (FORMAT csv, HEADER true)

CREATE TABLE agents AS
SELECT a.grp,
       (SELECT nps_agg(score) FROM fair_answers f, generate_series(1, f.responses)
         WHERE f.metric = 'nps' AND f.grp = a.grp) AS nps,
       (SELECT csat_agg(score, 5, 4) FROM fair_answers f, generate_series(1, f.responses)
         WHERE f.metric = 'csat' AND f.grp = a.grp) AS csat,
       (SELECT ces_agg(score, 7) FROM fair_answers f, generate_series(1, f.responses)
         WHERE f.metric = 'ces' AND f.grp = a.grp) AS ces
FROM generate_series(1, 25) AS a(grp);

CREATE TABLE priors AS
SELECT nps_prior(nps) AS nps_p, csat_prior(csat) AS csat_p, ces_prior(ces) AS ces_p FROM agents;
SELECT * FROM priors;

-- The priors against SciPy's: relative error at most 1e-12.
CREATE FUNCTION rel(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE
AS $$ SELECT abs(a - b) / greatest(abs(b), 1e-300) $$;
WITH p AS (SELECT nps_p::text::jsonb AS n, csat_p::text::jsonb AS c, ces_p::text::jsonb AS e FROM priors),
     mine(metric, parameter, value) AS (
       SELECT 'nps', 'alpha_promoters', (n->'alpha'->>0)::float8 FROM p UNION ALL
       SELECT 'nps', 'alpha_passives', (n->'alpha'->>1)::float8 FROM p UNION ALL
       SELECT 'nps', 'alpha_detractors', (n->'alpha'->>2)::float8 FROM p UNION ALL
       SELECT 'csat', 'alpha_satisfied', (c->'alpha'->>0)::float8 FROM p UNION ALL
       SELECT 'csat', 'alpha_unsatisfied', (c->'alpha'->>1)::float8 FROM p UNION ALL
       SELECT 'ces', 'mean', (e->>'mean')::float8 FROM p UNION ALL
       SELECT 'ces', 'between_variance', (e->>'between_variance')::float8 FROM p UNION ALL
       SELECT 'ces', 'within_variance', (e->>'within_variance')::float8 FROM p)
SELECT metric, parameter, rel(m.value, f.value) < 1e-12 AS agrees
FROM mine m JOIN fair_priors f USING (metric, parameter) ORDER BY 1, 2;

-- Every group's posterior mean and limits against SciPy: the worst
-- relative error of each metric, required below 1e-9 (NPS: 1e-9 of the
-- value or 1e-9 points, whichever is larger, as a limit can be near 0).
CREATE TABLE mine AS
SELECT 'nps' AS metric, grp, nps_shrunk(nps, nps_p) AS shrunk,
       nps_credible_lower(nps, nps_p) AS lower, nps_credible_upper(nps, nps_p) AS upper
FROM agents, priors
UNION ALL
SELECT 'csat', grp, csat_shrunk(csat, csat_p), csat_credible_lower(csat, csat_p),
       csat_credible_upper(csat, csat_p, 0.95)
FROM agents, priors
UNION ALL
SELECT 'ces', grp, ces_shrunk(ces, ces_p), ces_credible_lower(ces, ces_p),
       ces_credible_upper(ces, ces_p)
FROM agents, priors;
SELECT metric, count(*) AS groups,
       max(greatest(rel(m.shrunk, s.shrunk), abs(m.lower - s.lower) / greatest(abs(s.lower), 1),
                    abs(m.upper - s.upper) / greatest(abs(s.upper), 1))) < 1e-9 AS within_1e9
FROM mine m JOIN fair_scipy s USING (metric, grp) GROUP BY metric ORDER BY metric;
-- CSAT against R's qbeta.
SELECT count(*) AS groups,
       max(greatest(rel(m.lower, r.lower), rel(m.upper, r.upper))) < 1e-9 AS within_1e9
FROM mine m JOIN fair_r r USING (metric, grp) WHERE metric = 'csat';
-- NPS against the Monte Carlo: every limit inside its bracket.
SELECT count(*) AS groups,
       bool_and(m.lower BETWEEN r.lower_lo AND r.lower_hi AND
                m.upper BETWEEN r.upper_lo AND r.upper_hi) AS within_monte_carlo_error
FROM mine m JOIN fair_r r USING (metric, grp) WHERE metric = 'nps';

-- The league table: rank by the credible lower bound, the raw NPS and n
-- beside it.  Agent 1 (4 answers, NPS 100) tops the raw table, not this one.
SELECT grp AS agent, responses(nps) AS n, round(nps(nps), 1) AS raw_nps,
       round(nps_shrunk(nps, nps_p)::numeric, 1) AS shrunk,
       round(nps_credible_lower(nps, nps_p)::numeric, 1) AS lower_bound,
       rank() OVER (ORDER BY nps(nps) DESC) AS raw_rank,
       rank() OVER (ORDER BY nps_shrunk(nps, nps_p) DESC) AS shrunk_rank,
       rank() OVER (ORDER BY nps_credible_lower(nps, nps_p) DESC) AS fair_rank
FROM agents, priors
ORDER BY fair_rank, agent;

-- Closed forms.  Two groups: (P, passives, D) = (6, 2, 2) and (1, 4, 5).
-- Pooled shares (7, 6, 7) / 20; n0 = (20 - 200/20) / 1 = 10;
-- SSB = 10 * ((.6-.35)^2 + (.2-.3)^2 + (.2-.35)^2) * 2 = 1.9, MSB = 1.9;
-- SSW = 10 * (1 - .44) + 10 * (1 - .42) = 11.4, MSW = 11.4 / 18;
-- alpha = n0 MSW / (MSB - MSW) = (114/18) / (1.9 - 11.4/18) = 5.
CREATE TABLE two AS
SELECT g, nps_agg(s) AS s
FROM (VALUES (1, 10, 6), (1, 8, 2), (1, 3, 2), (2, 9, 1), (2, 7, 4), (2, 0, 5)) AS t(g, s, c),
     generate_series(1, c)
GROUP BY g;
SELECT nps_prior(s) FROM two;
-- Posterior of group 1: Dirichlet(1.75 + 6, 1.5 + 2, 1.75 + 2) = (7.75, 3.5, 3.75):
-- mean NPS 100 * 4 / 15.
SELECT g, abs(nps_shrunk(s, p) - 100 * (7.75 - 3.75) / 15) < 1e-12 AS closed_form
FROM two, (SELECT nps_prior(s) AS p FROM two) AS q WHERE g = 1;
-- With no passives the NPS interval is that of 2 pP - 1, pP ~ Beta: here
-- Beta(6.5, 4.5), whose 0.05 quantile R's qbeta gives; the 90% lower
-- limit agrees to 1e-9 points.
SELECT abs(nps_credible_lower(nps_summary '{"version":1,"kind":"nps","counts":[3,0,0,0,0,0,0,0,0,0,4]}',
                              '{"version":1,"kind":"nps","alpha":[2.5,0,1.5],"groups":2,"responses":10,"capped":false}', 0.9)
           - (-30.535521624355113)) < 1e-9 AS beta_closed_form;

-- The fallback: groups that vary no more than chance.  Three groups with
-- the same shares: MSB = 0 < MSW, so the concentration is capped at the
-- answers in all (30) and "capped" says so.
SELECT nps_prior(s) FROM (
  SELECT g, nps_agg(s) AS s
  FROM generate_series(1, 3) AS g, (VALUES (10, 5), (8, 3), (2, 2)) AS t(s, c), generate_series(1, c)
  GROUP BY g) AS same;
SELECT csat_prior(s) FROM (
  SELECT g, csat_agg(s, 5, 4) AS s
  FROM generate_series(1, 3) AS g, (VALUES (5, 5), (2, 5)) AS t(s, c), generate_series(1, c)
  GROUP BY g) AS same;
-- CES: tau^2 falls to sigma^2 / n; the shrunk mean is then the
-- precision-weighted mean of the closed form.
WITH same AS (
  SELECT g, ces_agg(s, 7) AS s
  FROM generate_series(1, 3) AS g, (VALUES (6, 4), (4, 4)) AS t(s, c), generate_series(1, c)
  GROUP BY g)
SELECT ces_prior(s) FROM same;

-- Weighted summaries enter with their Kish effective size: unit weights
-- give the unweighted figures.
SELECT abs(nps_shrunk(w, nps_p) - nps_shrunk(u, nps_p)) < 1e-9 AS shrunk_unit_weights,
       abs(nps_credible_lower(w, nps_p) - nps_credible_lower(u, nps_p)) < 1e-9 AS lower_unit_weights,
       abs(csat_credible_upper(cw, csat_p) - csat_credible_upper(cu, csat_p)) < 1e-9 AS csat_unit_weights,
       abs(ces_shrunk(ew, ces_p) - ces_shrunk(eu, ces_p)) < 1e-9 AS ces_unit_weights
FROM priors,
     (SELECT nps_agg(s, 1.0) AS w, nps_agg(s) AS u, csat_agg(s % 5 + 1, 5, 4, 1.0) AS cw,
             csat_agg(s % 5 + 1, 5, 4) AS cu, ces_agg(s % 7 + 1, 7, 1.0) AS ew, ces_agg(s % 7 + 1, 7) AS eu
      FROM (VALUES (10), (9), (3), (7)) AS v(s)) AS q;

-- Order and parallel plans do not change a prior (exact sums).
SELECT (SELECT nps_prior(nps ORDER BY grp) FROM agents)::text =
       (SELECT nps_prior(nps ORDER BY grp DESC) FROM agents)::text AS order_free;

-- A parallel plan (partial states serialized, combined in the leader)
-- gives the same bytes as the serial one.
CREATE TABLE many_agents AS SELECT a.* FROM agents a, generate_series(1, 400);
ANALYZE many_agents;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT nps_prior(nps), csat_prior(csat), ces_prior(ces) FROM many_agents;
CREATE TABLE parallel_priors AS
SELECT nps_prior(nps) AS nps_p, csat_prior(csat) AS csat_p, ces_prior(ces) AS ces_p FROM many_agents;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT s.nps_p::text = p.nps_p::text AND s.csat_p::text = p.csat_p::text AND s.ces_p::text = p.ces_p::text
       AS parallel_equals_serial
FROM (SELECT nps_prior(nps) AS nps_p, csat_prior(csat) AS csat_p, ces_prior(ces) AS ces_p FROM many_agents) AS s,
     parallel_priors AS p;

-- Text and binary round trips.
\copy priors TO 'results/priors.bin' WITH (FORMAT binary)
CREATE TABLE priors_copy (LIKE priors);
\copy priors_copy FROM 'results/priors.bin' WITH (FORMAT binary)
SELECT a.nps_p::text = b.nps_p::text AND a.csat_p::text = b.csat_p::text AND a.ces_p::text = b.ces_p::text
       AS binary_round_trip
FROM priors a, priors_copy b;
SELECT nps_p::text::summary_prior::text = nps_p::text AS nps_text,
       csat_p::text::summary_prior::text = csat_p::text AS csat_text,
       ces_p::text::summary_prior::text = ces_p::text AS ces_text
FROM priors;

-- NULLs: a NULL summary or prior gives NULL; NULL rows are skipped; no
-- rows, one group, or no more answers than groups give a NULL prior; an
-- empty summary's posterior is the prior.
SELECT nps_shrunk(NULL, nps_p) IS NULL AS null_summary, nps_shrunk(nps_agg_empty, NULL) IS NULL AS null_prior,
       nps_credible_lower(NULL, nps_p, 0.9) IS NULL AS null_lower,
       csat_credible_upper(NULL, csat_p) IS NULL AS null_upper,
       ces_credible_lower((SELECT ces_agg(3)), ces_p, NULL) IS NULL AS null_level
FROM priors, (SELECT nps_agg(s) AS nps_agg_empty FROM (SELECT 1 WHERE false) AS e(s)) AS e;
SELECT nps_prior(s) IS NULL AS no_rows FROM (SELECT NULL::nps_summary WHERE false) AS e(s);
SELECT nps_prior(s) IS NULL AS only_nulls FROM (VALUES (NULL::nps_summary), (NULL)) AS e(s);
SELECT nps_prior(nps) IS NULL AS one_group FROM agents WHERE grp = 5;
SELECT nps_prior(s) IS NULL AS one_answer_each
FROM (SELECT nps_agg(v) AS s FROM (VALUES (1, 10), (2, 3)) AS t(g, v) GROUP BY g) AS e;
SELECT (SELECT nps_prior(s) FROM (VALUES (NULL::nps_summary)) AS x(s) WHERE s IS NOT NULL) IS NULL AS empty;
SELECT abs(nps_shrunk(e, nps_p) - 100 * ((a->>0)::float8 - (a->>2)::float8)
           / ((a->>0)::float8 + (a->>1)::float8 + (a->>2)::float8)) < 1e-12 AS empty_is_prior
FROM priors, LATERAL (SELECT nps_p::text::jsonb->'alpha') AS x(a), (SELECT nps_agg(s) AS e FROM (SELECT 1 WHERE false) AS x(s)) AS q;

-- Errors, each with its SQLSTATE (SQLSTATE: message | detail).
-- 22023: a level outside (0, 1), a prior of another metric, another scale.
SELECT try($$ SELECT nps_credible_lower(nps, nps_p, 1) FROM agents, priors $$);
SELECT try($$ SELECT nps_credible_upper(nps, nps_p, 0) FROM agents, priors $$);
SELECT try($$ SELECT csat_credible_lower(csat, csat_p, 'NaN') FROM agents, priors $$);
SELECT try($$ SELECT ces_credible_upper(ces, ces_p, -0.5) FROM agents, priors $$);
SELECT try($$ SELECT nps_shrunk(nps, csat_p) FROM agents, priors $$);
SELECT try($$ SELECT csat_credible_lower(csat, ces_p) FROM agents, priors $$);
SELECT try($$ SELECT ces_shrunk(ces, nps_p) FROM agents, priors $$);
SELECT try($$ SELECT csat_shrunk((SELECT csat_agg(7, 7, 6)), csat_p) FROM priors $$);
SELECT try($$ SELECT csat_shrunk((SELECT csat_agg(5, 5, 5)), csat_p) FROM priors $$);
SELECT try($$ SELECT ces_credible_lower((SELECT ces_agg(5, 5)), ces_p) FROM priors $$);
SELECT try($$ SELECT csat_prior(s) FROM (SELECT csat_agg(4, 5, 4) UNION ALL SELECT csat_agg(4, 5, 5)) AS v(s) $$);
SELECT try($$ SELECT ces_prior(s) FROM (SELECT ces_agg(3, 5) UNION ALL SELECT ces_agg(3, 7)) AS v(s) $$);
-- An empty summary has no scale yet: its posterior is the prior's mean.
SELECT csat_shrunk((SELECT csat_agg(s) FROM (SELECT 1 WHERE false) AS e(s)), csat_p) =
       100 * (a->>0)::float8 / ((a->>0)::float8 + (a->>1)::float8) AS empty_csat
FROM priors, LATERAL (SELECT csat_p::text::jsonb->'alpha') AS x(a);
-- 22P02: malformed or inconsistent text.
SELECT try($$ SELECT 'nonsense'::summary_prior $$);
SELECT try($$ SELECT '{"version":2,"kind":"nps","alpha":[1,1,1],"groups":2,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"xyz"}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","alpha":[1,-1,1],"groups":2,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","alpha":[0,0,0],"groups":2,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","alpha":[1,1,1],"groups":1,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","alpha":[1,1,1],"groups":3,"responses":3,"capped":false}'::summary_prior $$);
-- -0 in text reads as 0 (no error); a value never holds -0.
SELECT try($$ SELECT '{"version":1,"kind":"nps","alpha":[1,1,-0],"groups":2,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":6,"alpha":[1,1],"groups":2,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"ces","scale_max":7,"mean":8,"between_variance":1,"within_variance":1,"groups":2,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"ces","scale_max":7,"mean":4,"between_variance":-1,"within_variance":1,"groups":2,"responses":3,"capped":false}'::summary_prior $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","alpha":[1,1,1],"groups":2,"responses":3,"capped":false} x'::summary_prior $$);
-- 22P03: invalid binary form.  As in errors.sql: a bytea field written by
-- a binary COPY is read back into a summary_prior column, which feeds those
-- bytes to the receive function.
CREATE TABLE prior_bytes (b bytea);
CREATE FUNCTION recv_prior(bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  result text;
  file text := format('%s/nps_ext_regress_prior_%s.bin', current_setting('data_directory'), pg_backend_pid());
BEGIN
  TRUNCATE prior_bytes;
  INSERT INTO prior_bytes VALUES (bytes);
  EXECUTE format('COPY prior_bytes TO %L (FORMAT binary)', file);
  CREATE TEMP TABLE received_prior (v summary_prior);
  EXECUTE format('COPY received_prior FROM %L (FORMAT binary)', file);
  SELECT v::text INTO result FROM received_prior;
  DROP TABLE received_prior;
  RETURN result;
END $$;
SELECT recv_prior(summary_prior_send(nps_p)) = nps_p::text AS valid_bytes FROM priors;
SELECT try(format($$ SELECT recv_prior(%L) $$, overlay(summary_prior_send(nps_p) placing '\x02' from 1))) FROM priors;
SELECT try(format($$ SELECT recv_prior(%L) $$, overlay(summary_prior_send(nps_p) placing '\x07' from 2))) FROM priors;
SELECT try(format($$ SELECT recv_prior(%L) $$, overlay(summary_prior_send(csat_p) placing '\x09' from 4))) FROM priors;
SELECT try(format($$ SELECT recv_prior(%L) $$, overlay(summary_prior_send(nps_p) placing '\xbff0000000000000' from 22))) FROM priors;
