-- Survey weights: weighted nps/csat/ces and their summaries, Kish's
-- effective sample size, NULL and zero weights, errors, roll-ups.

-- Weights that are multiples of 1/4 are exact binary fractions, so every sum
-- below is exact and weighted results can be compared with '='.
CREATE TEMP TABLE weighted AS
SELECT id, channel, day, score, sat, effort,
       CASE WHEN id % 101 = 0 THEN NULL ELSE (id % 8) * 0.25 END::float8 AS w
FROM responses;

-- The weighted NPS is 100 * (promoter weight - detractor weight) / total weight.
SELECT nps(score, w) AS weighted_nps,
       (100 * (sum(w) FILTER (WHERE score >= 9) - sum(w) FILTER (WHERE score <= 6))
            / sum(w) FILTER (WHERE score IS NOT NULL))::numeric(20, 10) AS by_hand,
       nps(score) AS unweighted
FROM weighted;

SELECT channel,
       round(nps(score, w), 10) = round(((100 * (sum(w) FILTER (WHERE score >= 9) - sum(w) FILTER (WHERE score <= 6))
                             / sum(w) FILTER (WHERE score IS NOT NULL AND w IS NOT NULL)))::numeric, 10)
         AS nps_matches_to_10_places,
       round(csat(sat, 5, 4, w), 10) = round((100 * sum(w) FILTER (WHERE sat >= 4)
                              / sum(w) FILTER (WHERE sat IS NOT NULL AND w IS NOT NULL))::numeric, 10)
         AS csat_matches_to_10_places,
       round(ces(effort, 7, w), 10) = round((sum(w * effort) / sum(w) FILTER (WHERE effort IS NOT NULL AND w IS NOT NULL))::numeric, 10)
         AS ces_matches_to_10_places
FROM weighted GROUP BY channel ORDER BY channel;

-- Equal weights give the unweighted figures (to the 15 digits of a double).
SELECT nps(score, 2.0) AS weight_2, nps(score) AS unweighted,
       round(nps(score, 2.0), 12) = round(nps(score), 12) AS same_to_12_places
FROM responses;

-- Weight sums are double-doubles (sum plus rounding error): 120,000 weights
-- of 0.1, none exact in binary, still give the unweighted NPS to all 15
-- digits shown, where plain double summation (sum() by hand) drifts.
SELECT nps(s, 0.1) AS weighted, nps(s) AS unweighted,
       (100 * (sum(0.1::float8) FILTER (WHERE s >= 9) - sum(0.1::float8) FILTER (WHERE s <= 6))
            / sum(0.1::float8)) AS float8_sum_by_hand
FROM (SELECT (ARRAY[10, 10, 0])[1 + i % 3] AS s FROM generate_series(1, 120000) AS i) AS x;

-- The double-double precision lasts through the final subtraction: with
-- promoters' and detractors' weights almost equal, the weighted NPS near 0
-- still has its 15 digits (the oracle: numeric arithmetic on the weights as
-- written).
SELECT nps(s, w) AS direct, nps(nps_agg(s, w)) AS via_summary,
       abs(nps(s, w) / (100 * (sum(w::numeric) FILTER (WHERE s >= 9) - sum(w::numeric) FILTER (WHERE s <= 6))
                        / sum(w::numeric)) - 1) < 1e-14 AS agrees_with_numeric
FROM (VALUES (10, 1e6::float8), (0, 1e6), (10, 1e-6)) AS v(s, w);

-- A weighted summary: counts of rows, weight sums, Kish's effective size.
SELECT nps_agg(score, w) FROM weighted WHERE id <= 20;
SELECT responses(s) AS rows_counted, total_weight(s),
       effective_responses(s),
       (sum_w * sum_w / sum_w2) AS kish_by_hand,
       promoters(s), promoters_percent(s), mean_score(s)
FROM (SELECT nps_agg(score, w) AS s,
             sum(w) FILTER (WHERE score IS NOT NULL) AS sum_w,
             sum(w * w) FILTER (WHERE score IS NOT NULL) AS sum_w2
      FROM weighted WHERE id <= 20) AS x;
SELECT d.* FROM (SELECT csat_agg(sat, 5, 4, w) AS c FROM weighted WHERE id <= 20) AS x,
       distribution(c) AS d;

-- NULL weight: the row is skipped.  Weight 0: the response is counted but
-- weighs nothing.  Total weight 0: NULL, not 0 and not a division error.
SELECT nps(score, w), responses(nps_agg(score, w)), total_weight(nps_agg(score, w))
FROM (VALUES (10, 1.0), (0, NULL), (9, 0.0)) AS v(score, w);
SELECT nps(score, w) AS zero_weight_nps, csat(score, 10, 9, w) AS zero_weight_csat,
       ces(score, 10, w) AS zero_weight_ces, responses(nps_agg(score, w)),
       effective_responses(nps_agg(score, w))
FROM (VALUES (10, 0.0), (3, 0.0)) AS v(score, w);
SELECT nps(score, w) AS no_rows FROM weighted WHERE false;

-- Weighted daily summaries roll up to exactly the weighted summary of all rows.
CREATE TEMP TABLE weighted_daily AS
SELECT day, nps_agg(score, w) AS nps, csat_agg(sat, 5, 4, w) AS csat, ces_agg(effort, 7, w) AS ces
FROM weighted GROUP BY day;
SELECT (SELECT rollup(nps) FROM weighted_daily) = (SELECT nps_agg(score, w) FROM weighted) AS nps_equal,
       (SELECT rollup(csat) FROM weighted_daily) = (SELECT csat_agg(sat, 5, 4, w) FROM weighted) AS csat_equal,
       (SELECT rollup(ces) FROM weighted_daily) = (SELECT ces_agg(effort, 7, w) FROM weighted) AS ces_equal,
       (SELECT nps(rollup(nps)) FROM weighted_daily) = (SELECT nps(score, w) FROM weighted) AS nps_value_equal;

-- Rolling weighted figures: no inverse, each frame is recomputed, and the
-- rolled-up moving window agrees with the raw rows.
SELECT count(*) AS days,
       count(*) FILTER (WHERE r.rolling IS DISTINCT FROM
                        (SELECT nps(score, w) FROM weighted x WHERE x.day BETWEEN r.day - 6 AND r.day))
         AS mismatches
FROM (SELECT day, nps(rollup(nps) OVER (ORDER BY day ROWS 6 PRECEDING)) AS rolling
      FROM weighted_daily) AS r;

-- Weight sums that are not binary fractions survive text I/O exactly
-- (shortest round-trip digits, whatever extra_float_digits says).
SET extra_float_digits = -15;
SELECT s::text::nps_summary = s AS text_round_trip
FROM (SELECT nps_agg(score, w / 3) AS s FROM weighted) AS x;
RESET extra_float_digits;

-- Weights are data, checked on every row.
SELECT nps(score, w) FROM (VALUES (9, -1.0)) AS v(score, w);
SELECT nps(score, w) FROM (VALUES (9, 'NaN'::float8)) AS v(score, w);
SELECT nps(score, w) FROM (VALUES (9, 'Infinity'::float8)) AS v(score, w);
SELECT csat(score, 5, 4, w) FROM (VALUES (NULL::int, -0.5)) AS v(score, w);
SELECT ces(score, 7, w) FROM (VALUES (3, 1e101)) AS v(score, w);
SELECT nps(score, w) FROM (VALUES (9, 1e-101)) AS v(score, w);
SELECT csat(score, 5, 4, w) FROM (VALUES (6, 1.0)) AS v(score, w);
-- Integer weights given after the scale are weights: the weight comes last.
SELECT csat(4, 5, 4, 3) AS csat_weight_3, ces(4, 5, 2) AS ces_weight_2;

-- Regression (review): with a constant weight that is not a binary
-- fraction, Kish's effective size rounded just below n and the statistics
-- turned NULL at exactly min_responses.
SELECT effective_responses(nps_agg(s % 11, 0.1)) AS n_eff,
       nps_stderr(nps_agg(s % 11, 0.1)) = nps_stderr(nps_agg(s % 11)) AS same_stderr_as_unweighted,
       ces_stderr(ces_agg(1 + s % 7, 7, 1.1)) IS NOT NULL AS ces_stderr_given
FROM generate_series(1, 30) AS s;

-- Regression (review): an invalid score passed silently when its weight was NULL.
SELECT nps(s, w) FROM (VALUES (11, NULL::float8), (9, 1.0)) AS v(s, w);
SELECT nps(s, w) FROM (VALUES (6.5, NULL::float8), (9, 1.0)) AS v(s, w);
SELECT csat(s, 5, 4, w) FROM (VALUES (6, NULL::float8)) AS v(s, w);
SELECT ces(s, 7, w) FROM (VALUES (0, NULL::float8)) AS v(s, w);

-- Regression (defect 9): a row skipped for its NULL score or weight still
-- has its scale checked against the group's, and fixes it when it comes
-- first; its weight must still be valid.
SELECT csat(s, m, 4, w) FROM (VALUES (4, 5, 1.0), (NULL, 7, 1.0)) AS v(s, m, w);
SELECT csat(s, 5, f, w) FROM (VALUES (4, 4, 1.0), (5, 3, NULL)) AS v(s, f, w);
SELECT csat_agg(s, m, 4, w) FROM (VALUES (NULL, 6, 1.0), (4, 5, 1.0)) AS v(s, m, w);
SELECT ces(s, m, w) FROM (VALUES (NULL, 7, NULL), (4, 5, 2.0)) AS v(s, m, w);
SELECT ces_agg(s, m, w) FROM (VALUES (4, 5, 2.0), (NULL, 7, NULL::float8)) AS v(s, m, w);
SELECT ces(s, 5, w) FROM (VALUES (4, 1.0), (NULL, -1.0)) AS v(s, w);
-- Skipped rows on the group's scale: skipped; nothing counted: NULL, and
-- the summary without a scale that 1.1 gave.
SELECT csat(s, m, 4, w) AS csat_w, ces(s, m, w) AS ces_w
FROM (VALUES (NULL, 5, 1.0), (4, 5, 1.0), (5, 5, NULL), (2, 5, 3.0)) AS v(s, m, w);
SELECT csat(s, 5, 4, w) IS NULL AS csat_null, csat_agg(s, 5, 4, w) AS csat_summary,
       ces_agg(s, 5, w) AS ces_summary
FROM (VALUES (NULL::int, 1.0), (4, NULL)) AS v(s, w);

-- Regression (defect 5): an integer weight column given as the second
-- argument was read as scale_max (this gave 0).  The scale arguments of the
-- unweighted forms describe the questionnaire and must not reference the
-- aggregated rows; the hint names the weighted form.
SELECT csat(s, w) FROM (VALUES (5, 10), (4, 10), (5, 10), (1, 10)) AS v(s, w);
SELECT ces(s, w) FROM (VALUES (5, 10), (4, 10)) AS v(s, w);
SELECT csat_agg(s, w) FROM (VALUES (5, 5), (4, 5)) AS v(s, w);
SELECT ces_agg(s::numeric, w) FROM (VALUES (5, 7), (4, 7)) AS v(s, w);
SELECT csat(s, 5, w) FROM (VALUES (5, 3), (4, 3)) AS v(s, w);
SELECT csat(s, w + 0, 4) FROM (VALUES (5, 5), (4, 5)) AS v(s, w);
SELECT g, csat(s, m) FROM (VALUES (1, 3, 5), (2, 4, 7)) AS v(g, s, m) GROUP BY g, m;
-- Literals, constant expressions, parameters (custom and generic plans),
-- an uncorrelated subquery and a reference to an outer query's row keep
-- working, and so do columns in the weighted forms, whose weight has its
-- own argument.
SELECT csat(s, 5) AS literal, csat(s, 3 + 2, 8 / 2) AS constant_expression,
       csat(s, (SELECT 5)) AS subquery, ces(s, length('abcde')) AS ces_constant
FROM (VALUES (5), (4), (5), (1)) AS v(s);
PREPARE csat_on(int) AS SELECT csat(s, $1), ces_agg(s, $1) FROM (VALUES (5), (4), (5), (1)) AS v(s);
SET plan_cache_mode = force_generic_plan;
EXECUTE csat_on(5);
SET plan_cache_mode = force_custom_plan;
EXECUTE csat_on(5);
RESET plan_cache_mode;
DEALLOCATE csat_on;
SELECT survey.m, x.csat
FROM (VALUES (5), (7)) AS survey(m),
     LATERAL (SELECT csat(s, survey.m) FROM (VALUES (5), (4), (7)) AS v(s) WHERE s <= survey.m) AS x
ORDER BY survey.m;
SELECT csat(s, m, 4, w) AS csat_weighted, ces(s, m, w) AS ces_weighted
FROM (VALUES (5, 5, 10), (4, 5, 10), (5, 5, 10), (1, 5, 10)) AS v(s, m, w);
-- Called as a plain function the transition function reads its arguments
-- as given: there is no aggregate whose rows a column could come from.
SELECT csat_trans(csat_trans('{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}', s, m), 4, m)
FROM (VALUES (5, 5)) AS v(s, m);

-- The same rows give the same summary, byte for byte, in any order: the
-- weights and their squares are summed exactly and rounded once, by the
-- final function.  0.9 + 0.7 + 0.9 + 1.0 rounded step by step depends on
-- the order; so does 0.1^2 + 0.7^2 + (1/3)^2 + 0.9^2.
SELECT nps_agg(10, w ORDER BY k) = nps_agg(10, w ORDER BY k DESC) AS nps_same,
       csat_agg(5, 5, 4, w ORDER BY k) = csat_agg(5, 5, 4, w ORDER BY k DESC) AS csat_same,
       ces_agg(3, 5, w ORDER BY k) = ces_agg(3, 5, w ORDER BY k DESC) AS ces_same,
       nps_summary_hash(nps_agg(10, w ORDER BY k)) = nps_summary_hash(nps_agg(10, w ORDER BY k DESC)) AS hash_same
FROM (VALUES (1, 0.9::float8), (2, 0.7), (3, 0.9), (4, 1.0)) AS v(k, w);
SELECT nps_agg(s, w ORDER BY k) = nps_agg(s, w ORDER BY k DESC) AS same,
       effective_responses(nps_agg(s, w ORDER BY k)) = effective_responses(nps_agg(s, w ORDER BY k DESC)) AS n_eff_same,
       nps(s, w ORDER BY k) = nps(s, w ORDER BY k DESC) AS nps_same
FROM (VALUES (1, 10, 0.1::float8), (2, 10, 0.7), (3, 10, 1 / 3::float8), (4, 9, 0.9),
             (5, 10, 1e100), (6, 10, 1e-100), (7, 10, 1e100), (8, 0, 0.3)) AS v(k, s, w);
-- The sum is rounded once: 1e100 + 1e-100 + 1e-100 keeps its tail exactly
-- in weight_errors (1.1 lost each 1e-100 next to 1e100 and kept a rounded
-- tail), and the squared weights likewise.
SELECT nps_agg(10, w ORDER BY k) AS summary
FROM (VALUES (1, 1e100::float8), (2, 1e-100), (3, 1e-100)) AS v(k, w);
-- nps(score, w) reads the same sums as nps_agg(score, w): it is
-- nps(nps_agg(score, w)) to the last bit, here with 1/3 weights.
SELECT nps(s, w) = nps(nps_agg(s, w)) AS one_step_is_two_step
FROM (SELECT i % 11 AS s, 1 / (1 + i % 3)::float8 AS w FROM generate_series(1, 1000) AS i) AS v;
-- Rounded once, the pair (weight, weight_errors) still reads back: here the
-- rest (2^-53 - 2^-110) rounds to half an ulp of an odd weight, and the
-- error is the double below it, so that weight + error rounds to weight.
SELECT s, s::text::nps_summary = s AS reads_back
FROM (SELECT nps_agg(10, w) AS s
      FROM (VALUES (1.0000000000000002::float8), (1.1102230246251564e-16), (1.1555579666323415e-32)) AS v(w)) AS x;
