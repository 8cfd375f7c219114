-- Two-sample tests on summaries: csat_test, ces_test and nps_test with a
-- method, against R (t.test, prop.test(correct = FALSE), stats::cov.wt) and
-- SciPy (weighted, on the effective sample size); their use with lag(); the
-- minimum-n rule; every error with its SQLSTATE.  The fixtures and the
-- scripts that wrote them: oracles/README.md.


-- A summary from a fixture's counts ("c1 c2 ..." per score of the scale).
CREATE FUNCTION pg_temp.counts_json(counts text) RETURNS text LANGUAGE sql AS $$
  SELECT '[' || replace(counts, ' ', ',') || ']'
$$;

CREATE TEMP TABLE r_tests (metric text, name text, scale_max int, satisfied_from int,
                           counts_a text, counts_b text, statistic float8, df float8, p_value float8);
\copy r_tests FROM 'sql/fixtures/two_sample_tests_r.csv' WITH (FORMAT csv, HEADER true, FORCE_NULL (df))

CREATE TEMP VIEW r_summaries AS
SELECT metric, name, statistic, p_value,
       CASE WHEN metric LIKE 'nps%' THEN format('{"version":1,"kind":"nps","counts":%s}', pg_temp.counts_json(counts_a)) END::nps_summary AS nps_a,
       CASE WHEN metric LIKE 'nps%' THEN format('{"version":1,"kind":"nps","counts":%s}', pg_temp.counts_json(counts_b)) END::nps_summary AS nps_b,
       CASE WHEN metric = 'csat' THEN format('{"version":1,"kind":"csat","scale_max":%s,"satisfied_from":%s,"counts":%s}', scale_max, satisfied_from, pg_temp.counts_json(counts_a)) END::csat_summary AS csat_a,
       CASE WHEN metric = 'csat' THEN format('{"version":1,"kind":"csat","scale_max":%s,"satisfied_from":%s,"counts":%s}', scale_max, satisfied_from, pg_temp.counts_json(counts_b)) END::csat_summary AS csat_b,
       CASE WHEN metric = 'ces' THEN format('{"version":1,"kind":"ces","scale_max":%s,"counts":%s}', scale_max, pg_temp.counts_json(counts_a)) END::ces_summary AS ces_a,
       CASE WHEN metric = 'ces' THEN format('{"version":1,"kind":"ces","scale_max":%s,"counts":%s}', scale_max, pg_temp.counts_json(counts_b)) END::ces_summary AS ces_b
FROM r_tests;

-- relative error, 0 when both are 0
CREATE FUNCTION pg_temp.rel(got float8, want float8) RETURNS float8 LANGUAGE sql AS $$
  SELECT CASE WHEN got = want THEN 0 ELSE abs(got - want) / greatest(abs(want), 1e-300) END
$$;

CREATE TEMP VIEW r_results AS
SELECT metric, name, statistic, p_value,
       CASE metric
         WHEN 'ces' THEN ces_test_t(ces_a, ces_b, 1)
         WHEN 'csat' THEN csat_test_z(csat_a, csat_b, 1)
         WHEN 'nps_wald' THEN nps_test_z(nps_a, nps_b, 'wald', 1)
         ELSE nps_test_z(nps_a, nps_b, 'adjusted_wald', 1) END AS got_statistic,
       CASE metric
         WHEN 'ces' THEN ces_test(ces_a, ces_b, 1)
         WHEN 'csat' THEN csat_test(csat_a, csat_b, 1)
         WHEN 'nps_wald' THEN nps_test(nps_a, nps_b, 'wald', 1)
         ELSE nps_test(nps_a, nps_b, 'adjusted_wald', 1) END AS got_p
FROM r_summaries;

-- Every case against R: the statistic and the p-value within 1e-9 relative
-- (the worst error differs between C libraries, so only the bar is shown).
SELECT metric, name, round(statistic::numeric, 6) AS r_statistic, round(p_value::numeric, 8) AS r_p,
       pg_temp.rel(got_statistic, statistic) < 1e-9 AS statistic_ok,
       pg_temp.rel(got_p, p_value) < 1e-9 AS p_ok
FROM r_results ORDER BY metric, name;
SELECT metric, count(*) AS cases,
       max(greatest(pg_temp.rel(got_statistic, statistic), pg_temp.rel(got_p, p_value))) < 1e-9
         AS all_within_1e_9
FROM r_results GROUP BY metric ORDER BY metric;

-- nps_test(a, b, 'wald') is nps_test(a, b), to the bit; both forms of the
-- call resolve (an overload without a default for method).
SELECT bool_and(nps_test(nps_a, nps_b, 'wald', 1) = nps_test(nps_a, nps_b, 1)) AS wald_is_the_default,
       bool_and(nps_test_z(nps_a, nps_b, 'wald', 1) = nps_test_z(nps_a, nps_b, 1)) AS same_z,
       bool_and(nps_test(nps_a, nps_b, method => 'adjusted_wald', min_responses => 1)
                = nps_test(nps_a, nps_b, 'adjusted_wald', 1)) AS named_arguments
FROM r_summaries WHERE metric = 'nps_wald';
SELECT nps_test(a, b) IS NOT NULL AS two_args, nps_test(a, b, 30) = nps_test(a, b) AS three_args,
       nps_test(a, b, 'adjusted_wald') IS NOT NULL AS method_arg
FROM (SELECT nps_a AS a, nps_b AS b FROM r_summaries WHERE name = 'large n' AND metric = 'nps_wald') AS s;

-- Weighted summaries: SciPy on the effective sample size (n_eff), within 1e-9.
CREATE TEMP TABLE weighted_rows (name text, sample text, score int, weight float8);
\copy weighted_rows FROM 'sql/fixtures/two_sample_weighted_rows.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE scipy_tests (metric text, name text, scale_max int, satisfied_from int,
                               statistic float8, df float8, p_value float8);
\copy scipy_tests FROM 'sql/fixtures/two_sample_weighted_scipy.csv' WITH (FORMAT csv, HEADER true, FORCE_NULL (df))
WITH s AS (
  SELECT t.metric, t.name, t.statistic, t.p_value,
         csat_agg(r.score, t.scale_max, t.satisfied_from, r.weight) FILTER (WHERE t.metric = 'csat' AND r.sample = 'a') AS csat_a,
         csat_agg(r.score, t.scale_max, t.satisfied_from, r.weight) FILTER (WHERE t.metric = 'csat' AND r.sample = 'b') AS csat_b,
         ces_agg(r.score, t.scale_max, r.weight) FILTER (WHERE t.metric = 'ces' AND r.sample = 'a') AS ces_a,
         ces_agg(r.score, t.scale_max, r.weight) FILTER (WHERE t.metric = 'ces' AND r.sample = 'b') AS ces_b
  FROM scipy_tests t JOIN weighted_rows r USING (name)
  GROUP BY t.metric, t.name, t.statistic, t.p_value)
SELECT metric, name,
       pg_temp.rel(CASE metric WHEN 'ces' THEN ces_test_t(ces_a, ces_b) ELSE csat_test_z(csat_a, csat_b) END, statistic) < 1e-9 AS statistic_ok,
       pg_temp.rel(CASE metric WHEN 'ces' THEN ces_test(ces_a, ces_b) ELSE csat_test(csat_a, csat_b) END, p_value) < 1e-9 AS p_ok
FROM s ORDER BY metric, name;

-- Equal weights change nothing; the minimum is compared with n_eff.
WITH raw AS (SELECT g, g % 5 + 1 AS score, g % 11 AS nps_score FROM generate_series(1, 120) g),
s AS (
  SELECT csat_agg(score) FILTER (WHERE g <= 60) AS cu_a, csat_agg(score) FILTER (WHERE g > 60 AND score > 1) AS cu_b,
         csat_agg(score, 5, 4, 2.5) FILTER (WHERE g <= 60) AS cw_a, csat_agg(score, 5, 4, 2.5) FILTER (WHERE g > 60 AND score > 1) AS cw_b,
         ces_agg(score, 5) FILTER (WHERE g <= 60) AS eu_a, ces_agg(score, 5) FILTER (WHERE g > 60 AND score > 1) AS eu_b,
         ces_agg(score, 5, 2.5) FILTER (WHERE g <= 60) AS ew_a, ces_agg(score, 5, 2.5) FILTER (WHERE g > 60 AND score > 1) AS ew_b,
         nps_agg(nps_score) FILTER (WHERE g <= 60) AS nu_a, nps_agg(nps_score) FILTER (WHERE g > 60 AND nps_score > 3) AS nu_b,
         nps_agg(nps_score, 2.5) FILTER (WHERE g <= 60) AS nw_a, nps_agg(nps_score, 2.5) FILTER (WHERE g > 60 AND nps_score > 3) AS nw_b,
         ces_agg(score, 5, CASE WHEN g = 1 THEN 100 ELSE 1 END) FILTER (WHERE g <= 60) AS skewed
  FROM raw)
SELECT pg_temp.rel(csat_test(cw_a, cw_b), csat_test(cu_a, cu_b)) < 1e-12 AS csat_equal_weights,
       pg_temp.rel(ces_test(ew_a, ew_b), ces_test(eu_a, eu_b)) < 1e-12 AS ces_equal_weights,
       pg_temp.rel(nps_test(nw_a, nw_b, 'adjusted_wald'), nps_test(nu_a, nu_b, 'adjusted_wald')) < 1e-12 AS nps_equal_weights,
       csat_test(cu_a, cw_b) IS NOT NULL AS weighted_with_unweighted,
       round(effective_responses(skewed)::numeric, 2) AS skewed_n_eff,
       ces_test(skewed, eu_a) IS NULL AS skewed_below_30,
       ces_test(skewed, eu_a, 1) IS NOT NULL AS skewed_with_minimum_1
FROM s;

-- With lag() over a monthly series: the first month has nothing to compare with.
CREATE TEMP TABLE monthly_answers AS
SELECT (date '2025-01-01' + m * interval '1 month')::date AS month,
       CASE m WHEN 3 THEN 2 + k % 4 WHEN 2 THEN CASE WHEN k % 20 = 0 THEN 5 ELSE 1 + k % 5 END
              ELSE 1 + k % 5 END AS csat_score,
       CASE m WHEN 3 THEN 3 + k % 5 WHEN 1 THEN 1 + (k + 1) % 7 ELSE 1 + k % 7 END AS effort
FROM generate_series(0, 799) g, LATERAL (SELECT g % 4 AS m, g / 4 AS k) AS mk;
WITH monthly AS (
  SELECT to_char(month, 'YYYY-MM') AS month, csat_agg(csat_score) AS c, ces_agg(effort, 7) AS e
  FROM monthly_answers GROUP BY 1)
SELECT month, round(csat(c), 1) AS csat, round(csat_test_z(c, lag(c) OVER w)::numeric, 3) AS csat_z,
       csat_test(c, lag(c) OVER w) < 0.05 AS csat_changed,
       round(mean_score(e), 3) AS ces, round(ces_test_t(e, lag(e) OVER w)::numeric, 3) AS ces_t,
       ces_test(e, lag(e) OVER w) < 0.05 AS ces_changed
FROM monthly WINDOW w AS (ORDER BY month) ORDER BY month;

-- NULL: below min_responses in either summary, an empty summary, one CES
-- response; a NULL argument (the functions are strict).  No variation in
-- either sample: equal gives 0 and p = 1, different +-Infinity and p = 0.
SELECT csat_test(a, b) IS NULL AS csat_29, csat_test(a, b, 29) IS NOT NULL AS csat_29_allowed,
       csat_test(a, NULL) IS NULL AS csat_null,
       csat_test(a, (SELECT csat_agg(s) FROM generate_series(1, 0) s), 1) IS NULL AS csat_empty
FROM (SELECT csat_agg(s % 5 + 1) AS a, csat_agg(s % 3 + 3) AS b FROM generate_series(1, 29) s) AS x;
SELECT ces_test(a, b, 1) IS NULL AS ces_one_response, ces_test_t(b, b, 1) AS same_t, ces_test(b, b, 1) AS same_p,
       ces_test(a, (SELECT ces_agg(s) FROM generate_series(1, 0) s), 1) IS NULL AS ces_empty,
       ces_test_t(c, d, 1) AS constant_t, ces_test(c, d, 1) AS constant_p,
       ces_test_t(d, c, 1) AS constant_t_reversed, ces_test_t(c, c, 1) AS constant_same_t, ces_test(c, c, 1) AS constant_same_p
FROM (SELECT ces_agg(3) AS a,
             (SELECT ces_agg(s % 5 + 1) FROM generate_series(1, 40) s) AS b,
             (SELECT ces_agg(4) FROM generate_series(1, 40) s) AS c,
             (SELECT ces_agg(2) FROM generate_series(1, 40) s) AS d) AS x;
SELECT csat_test_z(c, d) AS all_vs_none_z, csat_test(c, d) AS all_vs_none_p,
       csat_test_z(c, c) AS all_satisfied_z, csat_test(c, c) AS all_satisfied_p,
       nps_test_z(n, n, 'wald') AS nps_promoters_z, nps_test_z(n, n, 'adjusted_wald') AS nps_adjusted_z
FROM (SELECT csat_agg(5) AS c, csat_agg(1) AS d, nps_agg(10) AS n FROM generate_series(1, 30)) AS x;

-- Errors: 22023 for min_responses below 1, an unknown method, summaries on
-- different scales (checked even when the result would be NULL).
SELECT try($$ SELECT csat_test(csat_agg(5), csat_agg(5), 0) $$);
SELECT try($$ SELECT csat_test_z(csat_agg(5), csat_agg(5), -1) $$);
SELECT try($$ SELECT ces_test(ces_agg(5), ces_agg(5), 0) $$);
SELECT try($$ SELECT ces_test_t(ces_agg(5), ces_agg(5), 0) $$);
SELECT try($$ SELECT nps_test(nps_agg(5), nps_agg(5), 'wald', 0) $$);
SELECT try($$ SELECT nps_test_z(nps_agg(5), nps_agg(5), 'adjusted_wald', 0) $$);
SELECT try($$ SELECT nps_test(nps_agg(5), nps_agg(5), 'score') $$);
SELECT try($$ SELECT nps_test_z(nps_agg(5), nps_agg(5), 'Wald') $$);
SELECT try($$ SELECT csat_test(csat_agg(5), csat_agg(5, 7)) $$);
SELECT try($$ SELECT csat_test_z(csat_agg(5, 7, 5), csat_agg(5, 7, 6)) $$);
SELECT try($$ SELECT ces_test(ces_agg(5, 5), ces_agg(5, 7)) $$);
SELECT try($$ SELECT ces_test_t(ces_agg(5, 5), ces_agg(5, 10)) $$);
