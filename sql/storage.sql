-- Stored summaries survive COPY in text and binary format exactly, weighted
-- (format 2) and unweighted (format 1) alike.

CREATE TABLE stored AS
SELECT day,
       nps_agg(score) AS nps, csat_agg(sat, 5, 4) AS csat, ces_agg(effort) AS ces,
       nps_agg(score, (id % 7) / 3.0) AS nps_w, csat_agg(sat, 5, 4, (id % 5) * 1.1) AS csat_w,
       ces_agg(effort, 7, 1.0 / (1 + id % 3)) AS ces_w,
       csat_agg(NULL::int, 7, 6) AS csat_empty
FROM responses GROUP BY day;

\copy stored TO 'results/stored.txt'
\copy stored TO 'results/stored.bin' WITH (FORMAT binary)
CREATE TABLE from_text (LIKE stored);
CREATE TABLE from_binary (LIKE stored);
\copy from_text FROM 'results/stored.txt'
\copy from_binary FROM 'results/stored.bin' WITH (FORMAT binary)

SELECT count(*) AS rows,
       count(*) FILTER (WHERE s.nps = t.nps AND s.csat = t.csat AND s.ces = t.ces
                          AND s.nps_w = t.nps_w AND s.csat_w = t.csat_w AND s.ces_w = t.ces_w
                          AND s.csat_empty = t.csat_empty) AS text_equal,
       count(*) FILTER (WHERE s.nps = b.nps AND s.csat = b.csat AND s.ces = b.ces
                          AND s.nps_w = b.nps_w AND s.csat_w = b.csat_w AND s.ces_w = b.ces_w
                          AND s.csat_empty = b.csat_empty) AS binary_equal,
       count(*) FILTER (WHERE s::text = t::text AND s::text = b::text) AS same_text_form
FROM stored AS s JOIN from_text AS t USING (day) JOIN from_binary AS b USING (day);

-- The figures read back are the figures stored.
SELECT nps(rollup(nps)) = (SELECT nps(score) FROM responses) AS nps_same,
       nps(rollup(nps_w)) = (SELECT nps(rollup(nps_w)) FROM stored) AS weighted_nps_same,
       csat(rollup(csat_w)) = (SELECT csat(rollup(csat_w)) FROM stored) AS weighted_csat_same
FROM from_binary;

-- Summaries written by nps_ext 1.0 (format version 1) read back unchanged.
SELECT '{"version":1,"kind":"nps","counts":[1,2,3,4,5,6,7,8,9,10,11]}'::nps_summary::text,
       nps('{"version":1,"kind":"nps","counts":[1,2,3,4,5,6,7,8,9,10,11]}'::nps_summary);

-- A DBA may switch the summary types to STORAGE = extended; values are then
-- stored with short headers (unweighted summaries, 96 bytes; weighted ones
-- are too long for a short header) and could be compressed.  Every
-- aggregate that updates a summary in place must still read them correctly
-- (the state is detoasted when it is not in plain form).
BEGIN;
ALTER TYPE nps_summary SET (STORAGE = extended);
ALTER TYPE csat_summary SET (STORAGE = extended);
CREATE TEMP TABLE extended_stored AS
SELECT day, nps_agg(score) AS nps, csat_agg(sat, 5, 4) AS csat, nps_agg(score, (id % 7) / 3.0) AS nps_w
FROM responses GROUP BY day;
SELECT pg_column_size(nps) < 96 AS short_header FROM extended_stored LIMIT 1;
SELECT nps(rollup(nps)) = (SELECT nps(score) FROM responses) AS rollup_nps_same,
       csat(rollup(csat)) = (SELECT csat(sat, 5, 4) FROM responses) AS rollup_csat_same,
       nps(rollup(nps_w)) = (SELECT nps(rollup(nps_w)) FROM stored) AS rollup_weighted_same
FROM extended_stored;
SELECT count(*) FILTER (WHERE moving = direct) AS moving_rollup_equal, count(*) AS days
FROM (SELECT nps(rollup(nps) OVER w) AS moving,
             (SELECT nps(score) FROM responses r WHERE r.day BETWEEN e.day - 6 AND e.day) AS direct
      FROM extended_stored AS e WINDOW w AS (ORDER BY day ROWS 6 PRECEDING)) AS x;
-- In a parallel rollup the workers' partial states (short-headed too under
-- STORAGE = extended) reach the leader, whose state starts as the first one.
CREATE TABLE extended_shared AS SELECT * FROM extended_stored;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_mentions(query text, node text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
    IF line LIKE '%' || node || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT pg_temp.plan_mentions('SELECT rollup(nps) FROM extended_shared', 'Partial Aggregate') AS parallel_plan;
SELECT nps(rollup(nps)) = (SELECT nps(score) FROM responses) AS parallel_rollup_nps_same,
       csat(rollup(csat)) = (SELECT csat(sat, 5, 4) FROM responses) AS parallel_rollup_csat_same
FROM extended_shared;
ROLLBACK;
