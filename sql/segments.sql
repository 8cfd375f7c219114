-- Segments against the rest: summary subtraction (a - b), p_adjust() over a
-- window partition against R's p.adjust, significance_flag(), and the
-- one-query flagged table against R (oracles/p_adjust.R writes the fixtures
-- sql/fixtures/p_adjust_r.csv and sql/fixtures/segments_r.csv).


-- ---------------------------------------------------------------------------
-- a - b: exact for unweighted summaries
-- ---------------------------------------------------------------------------

-- Per channel, rollup(all) - rollup(channel) = rollup(every other channel),
-- byte for byte, for the three types (summaries per day and channel).
CREATE TEMP TABLE daily AS
SELECT day, channel, nps_agg(score) AS nps, csat_agg(sat, 5, 4) AS csat, ces_agg(effort, 7) AS ces,
       nps_agg(score, (1 + id % 5) / 4.0) AS nps_w,
       csat_agg(sat, 5, 4, (1 + id % 5) / 4.0) AS csat_w,
       ces_agg(effort, 7, (1 + id % 5) / 4.0) AS ces_w,
       nps_agg(score, (1 + id % 7) / 3.0) AS nps_third
FROM responses GROUP BY day, channel;

WITH total AS (SELECT rollup(nps) AS nps, rollup(csat) AS csat, rollup(ces) AS ces FROM daily),
     seg AS (SELECT channel, rollup(nps) AS nps, rollup(csat) AS csat, rollup(ces) AS ces FROM daily GROUP BY channel),
     rest AS (SELECT s.channel, rollup(d.nps) AS nps, rollup(d.csat) AS csat, rollup(d.ces) AS ces
              FROM seg s JOIN daily d ON d.channel <> s.channel GROUP BY s.channel)
SELECT seg.channel, responses(total.nps - seg.nps) AS rest_responses,
       total.nps - seg.nps = rest.nps AS nps_exact,
       total.csat - seg.csat = rest.csat AS csat_exact,
       total.ces - seg.ces = rest.ces AS ces_exact,
       responses((total.nps - seg.nps) - rest.nps) = 0 AS nothing_left
FROM total, seg JOIN rest USING (channel) ORDER BY seg.channel;

-- The direct aggregates agree: NPS of the rest from the raw rows.
SELECT channel, nps((SELECT nps_agg(score) FROM responses) - nps_agg(score)) AS nps_of_rest,
       (SELECT nps(score) FROM responses r WHERE r.channel <> o.channel) AS direct
FROM responses o GROUP BY channel ORDER BY channel;

-- a - a is empty; a - (empty) is a; a CSAT/CES difference without
-- responses has no scale, as csat_agg() over no responses.
SELECT nps_agg(score) - nps_agg(score) AS nps_empty,
       nps_agg(score) - nps_agg(score) FILTER (WHERE false) = nps_agg(score) AS minus_empty,
       csat_agg(sat, 5, 4) - csat_agg(sat, 5, 4) AS csat_empty,
       csat_agg(sat, 5, 4) - csat_agg(sat, 5, 4) FILTER (WHERE false) = csat_agg(sat, 5, 4) AS csat_minus_empty,
       ces_agg(effort, 7) FILTER (WHERE false) - ces_agg(effort, 7) FILTER (WHERE false) AS ces_empty_minus_empty
FROM responses;

-- Subtraction undoes rollup: (a + b) - b = a for any two days.
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (SELECT rollup(v) FROM (VALUES (x.nps), (y.nps)) AS t(v)) - y.nps <> x.nps) AS mismatches
FROM daily x JOIN daily y ON y.day = x.day + 1 AND y.channel = x.channel;

-- NULL in, NULL out (strict).
SELECT (nps_agg(score) - NULL::nps_summary) IS NULL AS null_right,
       (NULL::nps_summary - nps_agg(score)) IS NULL AS null_left
FROM responses;

-- ---------------------------------------------------------------------------
-- a - b for weighted summaries: weight sums exact or refused
-- ---------------------------------------------------------------------------

-- Binary-fraction weights: nothing is rounded, the rest is byte-identical.
WITH total AS (SELECT rollup(nps_w) AS nps, rollup(csat_w) AS csat, rollup(ces_w) AS ces FROM daily),
     seg AS (SELECT channel, rollup(nps_w) AS nps, rollup(csat_w) AS csat, rollup(ces_w) AS ces FROM daily GROUP BY channel),
     rest AS (SELECT s.channel, rollup(d.nps_w) AS nps, rollup(d.csat_w) AS csat, rollup(d.ces_w) AS ces
              FROM seg s JOIN daily d ON d.channel <> s.channel GROUP BY s.channel)
SELECT seg.channel,
       total.nps - seg.nps = rest.nps AS nps_exact,
       total.csat - seg.csat = rest.csat AS csat_exact,
       total.ces - seg.ces = rest.ces AS ces_exact,
       nps(total.nps - seg.nps) AS nps_of_rest
FROM total, seg JOIN rest USING (channel) ORDER BY seg.channel;

-- Weights of 1/3 .. 7/3: the weight sums (and so every metric) are exact;
-- the sum of squared weights is rounded once, so Kish's n_eff may differ
-- from the direct roll-up's in its last bits only.
WITH total AS (SELECT rollup(nps_third) AS s FROM daily),
     seg AS (SELECT channel, rollup(nps_third) AS s FROM daily GROUP BY channel),
     rest AS (SELECT s.channel, rollup(d.nps_third) AS s FROM seg s JOIN daily d ON d.channel <> s.channel GROUP BY s.channel)
SELECT seg.channel,
       nps(total.s - seg.s) = nps(rest.s) AS same_nps,
       total_weight(total.s - seg.s) = total_weight(rest.s) AS same_weight,
       (SELECT bool_and(a.weight = b.weight) FROM distribution(total.s - seg.s) a JOIN distribution(rest.s) b USING (score)) AS same_weights,
       abs(effective_responses(total.s - seg.s) / effective_responses(rest.s) - 1) < 1e-15 AS n_eff_within_1e_15,
       nps_test(seg.s, total.s - seg.s) = nps_test(seg.s, rest.s) AS same_test
FROM total, seg JOIN rest USING (channel) ORDER BY seg.channel;

-- A weight sum that a stored summary cannot hold exactly is refused: 2^60
-- plus 1, minus 2^-60, needs 121 bits.
SELECT try($$ SELECT nps_agg(s, w) - nps_agg(s, w) FILTER (WHERE w < 1)
              FROM (VALUES (10, 1152921504606846976::float8), (10, 1), (10, 0.000000000000000000867361737988403547205962240695953369140625)) AS v(s, w) $$);
-- More weight removed than there is, or weights left on scores without
-- responses: not part of the other.
SELECT try($$ SELECT nps_agg(score, 1) - nps_agg(score, 2) FROM responses $$);
SELECT try($$ SELECT nps_agg(score, CASE WHEN score = 9 THEN 2 ELSE 1 END) - nps_agg(score, 1) FILTER (WHERE score = 9) FROM responses $$);
SELECT try($$ SELECT nps_agg(score, 1) - nps_agg(score, 0.5) FROM responses $$);

-- ---------------------------------------------------------------------------
-- a - b: errors (22023)
-- ---------------------------------------------------------------------------
SELECT try($$ SELECT nps_agg(score) FILTER (WHERE channel = 'web') - nps_agg(score) FROM responses $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,5]}'::nps_summary - '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,6]}'::nps_summary $$);
SELECT try($$ SELECT csat_agg(sat, 5, 4) FILTER (WHERE false) - csat_agg(sat, 5, 4) FROM responses $$);
SELECT try($$ SELECT csat_agg(sat, 5, 4) - csat_agg(sat, 5, 3) FROM responses $$);
SELECT try($$ SELECT csat_agg(sat, 5, 4) - csat_agg(sat, 7, 4) FROM responses $$);
SELECT try($$ SELECT ces_agg(effort, 7) - ces_agg(effort, 10) FROM responses $$);
SELECT try($$ SELECT nps_agg(score) - nps_agg(score, 1) FROM responses $$);
SELECT try($$ SELECT nps_agg(score, 1) - nps_agg(score) FROM responses $$);
SELECT try($$ SELECT csat_agg(sat, 5, 4, 1) - csat_agg(sat, 5, 4) FROM responses $$);

-- ---------------------------------------------------------------------------
-- p_adjust() against R's p.adjust (sql/fixtures/p_adjust_r.csv)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE r_p_adjust (family text, position int, p float8, holm float8, bh float8, bonferroni float8);
\copy r_p_adjust FROM 'sql/fixtures/p_adjust_r.csv' WITH (FORMAT csv, HEADER true)

-- Every family: the rows not equal to R's value (NULL = NA counts as
-- equal) and the largest absolute difference.  Each family is one window
-- partition; the window's ORDER BY (and so the order the rows are read in)
-- makes no difference; 'BH' and 'fdr' are R's names of 'bh'.
WITH adjusted AS (
  SELECT family, position, holm, bh, bonferroni,
         p_adjust(p) OVER w AS holm_got,
         p_adjust(p, 'bh') OVER w AS bh_got,
         p_adjust(p, 'bonferroni') OVER w AS bonferroni_got,
         p_adjust(p, 'holm') OVER (PARTITION BY family ORDER BY position DESC) AS holm_ordered,
         p_adjust(p, 'BH') OVER (PARTITION BY family ORDER BY p) AS bh_ordered,
         p_adjust(p, 'fdr') OVER w AS fdr
  FROM r_p_adjust WINDOW w AS (PARTITION BY family))
SELECT family, count(*) AS p_values,
       count(*) FILTER (WHERE holm_got IS DISTINCT FROM holm OR holm_ordered IS DISTINCT FROM holm) AS holm_differ,
       count(*) FILTER (WHERE bh_got IS DISTINCT FROM bh OR bh_ordered IS DISTINCT FROM bh OR fdr IS DISTINCT FROM bh) AS bh_differ,
       count(*) FILTER (WHERE bonferroni_got IS DISTINCT FROM bonferroni) AS bonferroni_differ,
       coalesce(max(greatest(abs(holm_got - holm), abs(bh_got - bh), abs(bonferroni_got - bonferroni))), 0) AS max_abs_error
FROM adjusted GROUP BY family ORDER BY family;

-- Ties, NULLs, 0 and 1 side by side with R.
SELECT position, p, p_adjust(p) OVER w AS holm, r.holm AS r_holm, p_adjust(p, 'bh') OVER w AS bh, r.bh AS r_bh
FROM r_p_adjust r WHERE family IN ('ties', 'with_na', 'edges')
WINDOW w AS (PARTITION BY family) ORDER BY family, position;

-- Without PARTITION BY the whole result is one family; one p-value is
-- returned unchanged, as R does; an empty input gives no rows.
SELECT p, p_adjust(p) OVER () AS holm FROM (VALUES (0.01), (0.04), (NULL), (0.03)) AS v(p) ORDER BY p;
SELECT p_adjust(0.2) OVER () AS alone;
SELECT count(*) AS none FROM (SELECT p_adjust(p) OVER () FROM (SELECT 0.5 WHERE false) AS v(p)) AS a;
-- Adjusted p-values never decrease with p and never fall below it.
SELECT bool_and(holm >= p AND bh >= p AND holm >= bh) AS bounds
FROM (SELECT p, p_adjust(p) OVER () AS holm, p_adjust(p, 'bh') OVER () AS bh FROM r_p_adjust WHERE family = 'uniform') AS a;

-- ---------------------------------------------------------------------------
-- significance_flag()
-- ---------------------------------------------------------------------------
SELECT d, p, significance_flag(d, p) AS at_5, significance_flag(d, p, 0.01) AS at_1
FROM (VALUES (-4.5::float8, 0.001::float8), (4.5, 0.001), (4.5, 0.03), (4.5, 0.05), (0, 0),
             ('Infinity', 0), ('-Infinity', 0), (2, 1), (NULL, 0.001), (2, NULL)) AS v(d, p);

-- ---------------------------------------------------------------------------
-- The flagged table in one query, against R (sql/fixtures/segments_r.csv)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE r_segments (channel text, detractors int, passives int, promoters int, nps float8,
                              rest_nps float8, z float8, p float8, holm float8, bh float8, flag int);
\copy r_segments FROM 'sql/fixtures/segments_r.csv' WITH (FORMAT csv, HEADER true)
-- One summary per channel from R's counts (detractors at 0, passives at 7,
-- promoters at 10).
CREATE TEMP TABLE channel_nps AS
SELECT channel, format('{"version":1,"kind":"nps","counts":[%s,0,0,0,0,0,0,%s,0,0,%s]}',
                       detractors, passives, promoters)::nps_summary AS summary
FROM r_segments;

WITH total AS (SELECT rollup(summary) AS s FROM channel_nps),
     tested AS (
       SELECT channel, summary AS s, total.s - summary AS rest,
              nps_test(summary, total.s - summary) AS p,
              nps_test_z(summary, total.s - summary) AS z
       FROM channel_nps, total)
SELECT channel, round(nps(s), 1) AS nps, responses(s) AS n, round(nps(rest), 1) AS rest_nps,
       round(z::numeric, 2) AS z, round(p::numeric, 5) AS p,
       round(p_adjust(p) OVER ()::numeric, 5) AS holm,
       round(p_adjust(p, 'bh') OVER ()::numeric, 5) AS bh,
       significance_flag(z, p_adjust(p) OVER ()) AS flag
FROM tested ORDER BY channel;

-- The same against R at full precision: the worst relative error of each
-- column, and the flags that differ.
WITH total AS (SELECT rollup(summary) AS s FROM channel_nps),
     tested AS (
       SELECT channel, nps(summary)::float8 AS nps, nps(total.s - summary)::float8 AS rest_nps,
              nps_test_z(summary, total.s - summary) AS z, nps_test(summary, total.s - summary) AS p
       FROM channel_nps, total),
     flagged AS (
       SELECT *, p_adjust(p) OVER () AS holm, p_adjust(p, 'bh') OVER () AS bh,
              significance_flag(z, p_adjust(p) OVER ()) AS flag
       FROM tested)
SELECT count(*) AS channels,
       max(abs(f.nps / r.nps - 1)) < 1e-15 AS nps_within_1e_15,
       max(abs(f.rest_nps / r.rest_nps - 1)) < 1e-15 AS rest_nps_within_1e_15,
       max(abs(f.z / r.z - 1)) < 1e-13 AS z_within_1e_13,
       max(abs(f.p / r.p - 1)) < 1e-12 AS p_within_1e_12,
       max(abs(f.holm / r.holm - 1)) < 1e-12 AS holm_within_1e_12,
       max(abs(f.bh / r.bh - 1)) < 1e-12 AS bh_within_1e_12,
       count(*) FILTER (WHERE f.flag IS DISTINCT FROM r.flag) AS flags_differ,
       count(*) FILTER (WHERE (f.p IS NULL) <> (r.p IS NULL)) AS untested_differ
FROM flagged f JOIN r_segments r USING (channel);

-- ---------------------------------------------------------------------------
-- p_adjust() and significance_flag(): errors
-- ---------------------------------------------------------------------------
SELECT try($$ SELECT p_adjust(p) OVER () FROM (VALUES (0.5), (1.5)) AS v(p) $$);
SELECT try($$ SELECT p_adjust(p) OVER () FROM (VALUES (0.5), (-0.001)) AS v(p) $$);
SELECT try($$ SELECT p_adjust(p) OVER () FROM (VALUES (0.5), ('NaN'::float8)) AS v(p) $$);
SELECT try($$ SELECT p_adjust(0.5, 'BY') OVER () $$);
SELECT try($$ SELECT p_adjust(0.5, 'hochberg') OVER () $$);
SELECT try($$ SELECT p_adjust(0.5, NULL) OVER () $$);
SELECT try($$ SELECT p_adjust(p, m) OVER () FROM (VALUES (0.5, 'holm'), (0.1, 'bh')) AS v(p, m) $$);
SELECT try($$ SELECT p_adjust(0.5) $$);
SELECT try($$ SELECT significance_flag(1, 1.5) $$);
SELECT try($$ SELECT significance_flag(1, 'NaN') $$);
SELECT try($$ SELECT significance_flag('NaN', 0.01) $$);
SELECT try($$ SELECT significance_flag(1, 0.01, 0) $$);
SELECT try($$ SELECT significance_flag(1, 0.01, 1) $$);
SELECT try($$ SELECT significance_flag(1, 0.01, 'NaN') $$);

-- errors.sql defines its own try().
