-- The state types: text and binary round trips, validation.

-- Aggregates that stop before the final function expose the states.
CREATE AGGREGATE nps_state(int) (SFUNC = nps_trans, STYPE = nps_summary,
  INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}');
CREATE AGGREGATE csat_state(int, int, int) (SFUNC = csat_trans, STYPE = csat_summary,
  INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}');
CREATE AGGREGATE ces_state(int) (SFUNC = ces_trans, STYPE = ces_summary,
  INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}');
CREATE AGGREGATE churn_state(int, timestamptz, timestamptz) (SFUNC = churn_trans, STYPE = churn_state,
  INITCOND = '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}');

CREATE TABLE states AS
SELECT channel,
       nps_state(score) AS nps,
       csat_state(sat, 5, 4) AS csat,
       ces_state(effort) AS ces,
       churn_state(score, day::timestamptz, '2025-01-01 00:00:00+00') AS churn
FROM responses GROUP BY channel;

SELECT channel, nps, csat, ces, churn FROM states ORDER BY channel;

-- Text round trip is exact, and the final functions read the states back.
SELECT channel,
       nps::text::nps_summary::text = nps::text AS nps_text,
       csat::text::csat_summary::text = csat::text AS csat_text,
       ces::text::ces_summary::text = ces::text AS ces_text,
       churn::text::churn_state::text = churn::text AS churn_text,
       nps_final(nps) = (SELECT nps(score) FROM responses r WHERE r.channel = s.channel) AS nps_value
FROM states AS s ORDER BY channel;

-- The text form is JSON, readable by BI tools.
SELECT channel, (nps::text::jsonb ->> 'counts') AS counts FROM states ORDER BY channel;

-- Binary round trip through COPY (FORMAT binary).
\copy states TO 'results/states.bin' WITH (FORMAT binary)
CREATE TABLE states_copy (LIKE states);
\copy states_copy FROM 'results/states.bin' WITH (FORMAT binary)
SELECT count(*) AS identical_rows
FROM states AS a JOIN states_copy AS b
  ON a.channel = b.channel AND a.nps::text = b.nps::text AND a.csat::text = b.csat::text
 AND a.ces::text = b.ces::text AND a.churn::text = b.churn::text;

-- Binary send output, byte for byte.
SELECT nps_summary_send('{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,0,3]}');
SELECT csat_summary_send('{"version":1,"kind":"csat","scale_max":3,"satisfied_from":3,"counts":[1,2,3]}');

-- Whitespace is allowed between tokens; output is canonical.
SELECT ' { "version" : 1 , "kind" : "ces" , "scale_max" : 3 , "counts" : [ 1 , 2 , 3 ] } '::ces_summary;
-- States not yet bound to a scale.
SELECT '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}'::csat_summary;

-- Combining states: the combine function adds histograms.
SELECT nps_final(nps_combine(nps_state(score) FILTER (WHERE id % 2 = 0),
                             nps_state(score) FILTER (WHERE id % 2 = 1)))
         = nps(score) AS combine_equals_direct
FROM responses;
SELECT csat_final(csat_combine(csat_state(sat, 5, 4) FILTER (WHERE id < 5000),
                               csat_state(sat, 5, 4) FILTER (WHERE id >= 5000)))
         = csat(sat) AS csat_combine_equals_direct
FROM responses;

-- What Citus does with a distributed aggregate whose state is not internal:
-- each shard computes a partial state, ships it to the coordinator as text,
-- and the coordinator merges them with the combine function and finishes
-- with the final function.  Simulated with three "shards".
CREATE AGGREGATE combine_nps(nps_summary) (SFUNC = nps_combine, STYPE = nps_summary,
  FINALFUNC = nps_final,
  INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}');
CREATE AGGREGATE combine_csat(csat_summary) (SFUNC = csat_combine, STYPE = csat_summary,
  FINALFUNC = csat_final,
  INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}');
CREATE AGGREGATE combine_churn(churn_state) (SFUNC = churn_combine, STYPE = churn_state,
  FINALFUNC = churn_final,
  INITCOND = '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}');

CREATE TEMP TABLE shipped AS
SELECT id % 3 AS shard, channel,
       nps_state(score)::text AS nps,
       csat_state(sat, 5, 3)::text AS csat,
       churn_state(score, day::timestamptz, '2025-01-01 00:00:00+00')::text AS churn
FROM responses GROUP BY id % 3, channel;

SELECT s.channel,
       combine_nps(s.nps::nps_summary) = d.nps AS nps_equal,
       combine_csat(s.csat::csat_summary) = d.csat AS csat_equal,
       combine_churn(s.churn::churn_state) = d.churn AS churn_equal
FROM shipped AS s
JOIN (SELECT channel, nps(score), csat(sat, 5, 3),
             churn_risk(score, day::timestamptz, '2025-01-01 00:00:00+00') AS churn
      FROM responses GROUP BY channel) AS d USING (channel)
GROUP BY s.channel, d.nps, d.csat, d.churn ORDER BY s.channel;

-- The state of the weighted aggregates, format 3, as a user sees it by
-- calling a transition function: each sum of weights (and of squared
-- weights) is exact, written as its canonical expansion: the nearest double,
-- then the nearest double to what is left, until nothing is.  The final
-- function rounds it to the format-2 summary that is stored.
CREATE TEMP TABLE exact_states AS
SELECT 'nps' AS kind, nps_weighted_trans(nps_weighted_trans(nps_weighted_trans(
         '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
         10, 0.1::float8), 10, 1e100::float8), 0, 1 / 3::float8) AS n,
       NULL::csat_summary AS c, NULL::ces_summary AS e
UNION ALL
SELECT 'csat', NULL, csat_weighted_trans(csat_weighted_trans(
         '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
         5, 5, 4, 0.7::float8), 1, 5, 4, 1e-100::float8), NULL
UNION ALL
SELECT 'ces', NULL, NULL, ces_weighted_trans(
         '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
         NULL::int, 3, 0.5::float8);
SELECT kind, coalesce(n::text, c::text, e::text) AS state FROM exact_states ORDER BY kind;
SELECT nps_agg_final(n) AS rounded FROM exact_states WHERE kind = 'nps';
-- Text round trips are exact; readers see the rounded summary.
SELECT kind, coalesce(n::text::nps_summary = n, c::text::csat_summary = c, e::text::ces_summary = e) AS text_round_trip,
       coalesce(n::text::nps_summary::text = n::text, c::text::csat_summary::text = c::text,
                e::text::ces_summary::text = e::text) AS text_stable,
       coalesce(total_weight(n) = total_weight(nps_agg_final(n)), total_weight(c) = total_weight(csat_agg_final(c)),
                total_weight(e) = total_weight(ces_agg_final(e))) AS weight_reads,
       coalesce(effective_responses(n) = effective_responses(nps_agg_final(n)),
                effective_responses(c) = effective_responses(csat_agg_final(c))) AS n_eff_reads,
       coalesce(nps_final(n) = nps(nps_agg_final(n)), csat_final(c) = csat(csat_agg_final(c)),
                ces_final(e) IS NULL) AS metric_reads,
       coalesce(n <> nps_agg_final(n), c <> csat_agg_final(c), e <> ces_agg_final(e)) AS formats_differ
FROM exact_states ORDER BY kind;
SELECT nps_summary_send(n) FROM exact_states WHERE kind = 'nps';
-- Binary round trip through COPY.
\copy exact_states TO 'results/exact_states.bin' WITH (FORMAT binary)
CREATE TEMP TABLE exact_states_copy (LIKE exact_states);
\copy exact_states_copy FROM 'results/exact_states.bin' WITH (FORMAT binary)
SELECT kind, a.n IS NOT DISTINCT FROM b.n AND a.c IS NOT DISTINCT FROM b.c AND a.e IS NOT DISTINCT FROM b.e AS binary_identical
FROM exact_states AS a JOIN exact_states_copy AS b USING (kind) ORDER BY kind;
-- Combining format-3 states shipped as text (Citus) with a stored format-2
-- summary: exact, and rounded once.
SELECT nps_agg_final(nps_combine(nps_combine(n::text::nps_summary, nps_agg_final(n)), n))
       = (SELECT nps_agg(s, w) FROM (VALUES (10, 0.1::float8), (10, 1e100), (0, 1 / 3::float8)) AS v(s, w),
                                    generate_series(1, 3)) AS combined
FROM exact_states WHERE kind = 'nps';
-- Invalid format-3 values.
SELECT '{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1,1]],"weight_sq":[1]}'::nps_summary;
SELECT '{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[-1]],"weight_sq":[1]}'::nps_summary;
SELECT '{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[]],"weight_sq":[1]}'::nps_summary;
SELECT '{"version":3,"kind":"ces","scale_max":3,"counts":[0,0,1],"weights":[[-0],[0],[1]],"weight_sq":[1]}'::ces_summary;
SELECT '{"version":3,"kind":"ces","scale_max":3,"counts":[0,0,1],"weights":[[1],[0],[1]],"weight_sq":[2]}'::ces_summary;
SELECT '{"version":3,"kind":"ces","scale_max":3,"counts":[0,0,1],"weights":[[0],[0],[1]],"weight_sq":[0.5]}'::ces_summary;
SELECT '{"version":3,"kind":"ces","scale_max":3,"counts":[0,0,1],"weights":[[0],[0],[1.7976931348623157e308,1.7976931348623157e308]],"weight_sq":[1]}'::ces_summary;
