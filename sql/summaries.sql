-- Two-step summaries: nps_agg()/csat_agg()/ces_agg(), rollup(), accessors,
-- equality, storage, and rollup equal to the direct aggregate.

-- A summary read back gives exactly the aggregate over the same rows.
SELECT nps(nps_agg(score)) = nps(score) AS nps_same,
       csat(csat_agg(sat)) = csat(sat) AS csat_same,
       csat(csat_agg(sat, 5, 3)) = csat(sat, 5, 3) AS csat3_same,
       ces(ces_agg(effort)) = ces(effort) AS ces_same,
       ces(ces_agg(effort, 7)) = ces(effort, 7) AS ces7_same
FROM responses;

SELECT nps_agg(score) FROM responses WHERE id <= 40;
SELECT csat_agg(sat, 5, 4) FROM responses WHERE id <= 40;
SELECT ces_agg(effort) FROM responses WHERE id <= 40;

-- Accessors: counts, shares, mean, distribution.
CREATE TEMP TABLE first100 AS
SELECT nps_agg(score) AS s, csat_agg(sat) AS c, ces_agg(effort) AS e
FROM responses WHERE id <= 100;

SELECT responses(s), promoters(s), passives(s), detractors(s),
       promoters_percent(s), passives_percent(s), detractors_percent(s),
       nps(s), mean_score(s), total_weight(s), effective_responses(s)
FROM first100;

SELECT promoters(s) = (SELECT promoters(score) FROM responses WHERE id <= 100) AS promoters_same,
       round(promoters_percent(s) - detractors_percent(s), 12) = round(nps(s), 12) AS shares_give_nps,
       promoters_percent(s) + passives_percent(s) + detractors_percent(s) AS shares_sum
FROM first100;

SELECT responses(c), csat(c), mean_score(c), responses(e), ces(e), mean_score(e) = ces(e) AS ces_is_mean
FROM first100;

SELECT d.* FROM first100, distribution(s) AS d;
SELECT d.* FROM first100, distribution(c) AS d;

-- The distribution adds up and matches GROUP BY.
SELECT count(*) AS scores, sum(d.responses) = responses(s) AS counts_add_up,
       bool_and(d.responses = coalesce(g.n, 0)) AS matches_group_by
FROM first100, distribution(s) AS d
LEFT JOIN (SELECT score, count(*) AS n FROM responses WHERE id <= 100 GROUP BY score) AS g
       ON g.score = d.score
GROUP BY s;

-- Summaries group, join and DISTINCT by value (hash operator class).
SELECT count(*) AS distinct_summaries
FROM (SELECT DISTINCT s FROM (SELECT nps_agg(score) AS s FROM responses WHERE id <= 24
                              GROUP BY id % 12) AS x) AS y;
SELECT s, count(*) FROM (SELECT nps_agg(score) AS s FROM responses WHERE id <= 24 GROUP BY id % 12) AS x
GROUP BY s ORDER BY count(*) DESC, s::text LIMIT 3;

-- A table can be hash-partitioned by a summary column (the operator classes
-- have the extended, seeded hash function that partitioning uses); equal
-- summaries land in the same partition, and the seed-0 extended hash
-- agrees with the plain hash in its low 32 bits, as PostgreSQL requires.
CREATE TABLE by_summary (s nps_summary, c csat_summary, e ces_summary, day date) PARTITION BY HASH (s);
CREATE TABLE by_summary_0 PARTITION OF by_summary FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE by_summary_1 PARTITION OF by_summary FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO by_summary
SELECT nps_agg(score), csat_agg(sat), ces_agg(effort), day FROM responses GROUP BY day;
SELECT count(*) AS rows, count(DISTINCT tableoid) AS partitions_used,
       (SELECT count(*) FROM by_summary AS b WHERE b.s = (SELECT nps_agg(score) FROM responses WHERE day = date '2024-01-01'))
         AS found_by_value
FROM by_summary;
-- An equal summary built another way (read back from its text form) is
-- routed to the same partition as the original, for every day.
INSERT INTO by_summary SELECT s::text::nps_summary, c, e, day FROM by_summary;
SELECT bool_and(n = 2 AND partitions = 1) AS equal_summaries_in_one_partition
FROM (SELECT day, count(*) AS n, count(DISTINCT tableoid) AS partitions FROM by_summary GROUP BY day) AS x;
SELECT bool_and((nps_summary_hash_extended(s, 0) & 4294967295) = (nps_summary_hash(s)::int8 & 4294967295)
            AND (csat_summary_hash_extended(c, 0) & 4294967295) = (csat_summary_hash(c)::int8 & 4294967295)
            AND (ces_summary_hash_extended(e, 0) & 4294967295) = (ces_summary_hash(e)::int8 & 4294967295))
         AS seed_0_matches_plain_hash,
       count(DISTINCT nps_summary_hash_extended(s, 1)) = (SELECT count(*) FROM (SELECT DISTINCT s FROM by_summary) AS d)
         AS seeded_hash_separates
FROM by_summary;
DROP TABLE by_summary;

-- Empty summaries: NULL metrics, zero counts, no distribution for an unfixed scale.
SELECT nps(s), responses(s), promoters(s), promoters_percent(s), mean_score(s),
       (SELECT count(*) FROM distribution(s)) AS distribution_rows
FROM (SELECT nps_agg(score) AS s FROM responses WHERE false) AS x;
SELECT csat(c), responses(c), (SELECT count(*) FROM distribution(c)) AS distribution_rows, c
FROM (SELECT csat_agg(sat) AS c FROM responses WHERE false) AS x;
SELECT nps_agg(score) IS NULL AS all_null_is_null, responses(nps_agg(score))
FROM responses WHERE score IS NULL;

-- ---------------------------------------------------------------------------
-- Daily summaries in a materialized view, rolled up to months and the year.
-- ---------------------------------------------------------------------------
CREATE MATERIALIZED VIEW daily AS
SELECT day, channel,
       nps_agg(score) AS nps, csat_agg(sat) AS csat, ces_agg(effort) AS ces
FROM responses GROUP BY day, channel;

SELECT count(*) AS daily_rows FROM daily;

-- Month by month, rollup of the days equals the aggregate over the raw rows.
SELECT count(*) AS months,
       count(*) FILTER (WHERE m.nps = r.nps AND m.csat = r.csat AND m.ces = r.ces
                          AND m.n = r.n) AS equal
FROM (SELECT date_trunc('month', day) AS month, nps(rollup(nps)) AS nps,
             csat(rollup(csat)) AS csat, ces(rollup(ces)) AS ces, responses(rollup(nps)) AS n
      FROM daily GROUP BY 1) AS m
JOIN (SELECT date_trunc('month', day) AS month, nps(score), csat(sat), ces(effort), count(score) AS n
      FROM responses GROUP BY 1) AS r USING (month);

-- The whole year: the rolled-up summary equals the summary of all rows.
SELECT (SELECT rollup(nps) FROM daily) = (SELECT nps_agg(score) FROM responses) AS nps_equal,
       (SELECT rollup(csat) FROM daily) = (SELECT csat_agg(sat) FROM responses) AS csat_equal,
       (SELECT rollup(ces) FROM daily) = (SELECT ces_agg(effort) FROM responses) AS ces_equal,
       (SELECT rollup(nps) FROM daily) <> (SELECT nps_agg(score) FROM responses WHERE id > 1) AS ne_works;

-- Rolling 30-day NPS from the daily rows (moving rollup, exact inverse)
-- equals recomputing each frame from the raw rows.
CREATE TEMP TABLE by_day AS
SELECT day, rollup(nps) AS nps FROM daily GROUP BY day;
SELECT count(*) AS days,
       count(*) FILTER (WHERE w.rolling IS DISTINCT FROM
                        (SELECT nps(score) FROM responses r
                          WHERE r.day BETWEEN w.day - 29 AND w.day)) AS mismatches
FROM (SELECT day, nps(rollup(nps) OVER (ORDER BY day RANGE BETWEEN interval '29 days' PRECEDING
                                                          AND CURRENT ROW)) AS rolling
      FROM by_day) AS w;

-- nps_agg() over a moving frame: each row's summary is its own copy.
SELECT id, nps_agg(score) OVER (ORDER BY id ROWS 2 PRECEDING) AS last3
FROM responses WHERE id BETWEEN 1 AND 5 ORDER BY id;

-- ---------------------------------------------------------------------------
-- The same rollup under a forced parallel plan.
-- ---------------------------------------------------------------------------
CREATE TABLE daily_copy AS SELECT * FROM daily;
ANALYZE daily_copy;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT rollup(nps) FROM daily_copy;
SELECT rollup(nps) = (SELECT nps_agg(score) FROM responses) AS parallel_nps_equal,
       rollup(csat) = (SELECT csat_agg(sat) FROM responses) AS parallel_csat_equal,
       rollup(ces) = (SELECT ces_agg(effort) FROM responses) AS parallel_ces_equal
FROM daily_copy;
EXPLAIN (COSTS OFF) SELECT nps_agg(score) FROM responses;
SELECT nps_agg(score) = (SELECT rollup(nps) FROM daily) AS parallel_agg_equal FROM responses;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- ---------------------------------------------------------------------------
-- rollup() refuses what does not add up.
-- ---------------------------------------------------------------------------
SELECT rollup(c) FROM (VALUES ((SELECT csat_agg(4, 5, 4))), ((SELECT csat_agg(4, 7, 6)))) AS v(c);
SELECT rollup(c) FROM (VALUES ((SELECT csat_agg(4, 5, 4))), ((SELECT csat_agg(4, 5, 3)))) AS v(c);
SELECT rollup(e) FROM (VALUES ((SELECT ces_agg(4, 5))), ((SELECT ces_agg(4, 7)))) AS v(e);
SELECT rollup(s) FROM (VALUES ((SELECT nps_agg(9))), ((SELECT nps_agg(9, 1.0)))) AS v(s);
-- An empty (unfixed) summary adopts the other's scale; NULLs are skipped.
SELECT rollup(c) FROM (VALUES ((SELECT csat_agg(NULL::int, 7, 6))), (NULL), ((SELECT csat_agg(7, 7, 6)))) AS v(c);
SELECT rollup(s) FROM (SELECT nps_agg(score) AS s FROM responses WHERE false) AS x;

DROP MATERIALIZED VIEW daily;

-- Regression (review): a moving rollup() of CSAT summaries kept the scale
-- after the frame's last response left, so it disagreed with recomputing
-- the frame or refused a later scale.
CREATE TEMP TABLE scaled_days (i int, s csat_summary);
INSERT INTO scaled_days VALUES
  (1, '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,0,0,0,2]}'),
  (2, '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}'),
  (3, '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":6,"counts":[0,0,0,0,0,1,1]}'),
  (4, '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}');
SELECT i, rollup(s) OVER (ORDER BY i ROWS 1 PRECEDING) AS moving,
       rollup(s) OVER (ORDER BY i ROWS 1 PRECEDING)
         = (SELECT rollup(t.s) FROM scaled_days t WHERE t.i BETWEEN d.i - 1 AND d.i) AS equals_recomputed
FROM scaled_days d ORDER BY i;

-- rollup() of weighted summaries does not depend on their order either:
-- the summaries are added exactly and rounded once.  Four one-response days
-- whose squared weights, summed with rounding, depended on the order:
CREATE TEMP TABLE four_days AS
SELECT k AS d, nps_agg(10, w) AS n, csat_agg(5, 5, 4, w) AS c, ces_agg(3, 5, w) AS e
FROM (VALUES (1, 0.9::float8), (2, 0.7), (3, 0.9), (4, 1.0)) AS v(k, w) GROUP BY k;
SELECT rollup(n ORDER BY d) = rollup(n ORDER BY d DESC) AS nps_same,
       rollup(c ORDER BY d) = rollup(c ORDER BY d DESC) AS csat_same,
       rollup(e ORDER BY d) = rollup(e ORDER BY d DESC) AS ces_same,
       rollup(n ORDER BY d) = (SELECT nps_agg(10, w) FROM (VALUES (0.9::float8), (0.7), (0.9), (1.0)) AS v(w)) AS direct
FROM four_days;
-- and days of many responses with weights like 0.1 / 7:
CREATE TEMP TABLE thirds AS
SELECT d, nps_agg(s, w) AS n, csat_agg(s % 5 + 1, 5, 4, w) AS c, ces_agg(s % 7 + 1, 7, w) AS e
FROM (SELECT i % 10 AS d, i % 11 AS s, 1 / (1 + i % 7)::float8 * 0.1 AS w
      FROM generate_series(1, 2000) AS i) AS v
GROUP BY d;
SELECT rollup(n ORDER BY d) = rollup(n ORDER BY d DESC) AS nps_same,
       rollup(c ORDER BY d) = rollup(c ORDER BY d DESC) AS csat_same,
       rollup(e ORDER BY d) = rollup(e ORDER BY d DESC) AS ces_same,
       effective_responses(rollup(n ORDER BY d)) = effective_responses(rollup(n ORDER BY d DESC)) AS n_eff_same
FROM thirds;
-- rollup() of one summary, or of a summary and an empty one, is that summary.
SELECT rollup(n) = (SELECT n FROM thirds WHERE d = 3) AS single
FROM thirds WHERE d = 3;
SELECT rollup(n) = (SELECT n FROM thirds WHERE d = 3) AS with_empty
FROM (SELECT n FROM thirds WHERE d = 3
      UNION ALL SELECT nps_agg(s, w) FROM (VALUES (NULL::int, NULL::float8)) AS v(s, w)) AS x;
