-- The upgrade chain, on every run, one release at a time: create the
-- extension at its oldest version (1.0), load summaries written by the 1.0
-- library, store more and a materialized view, update to 1.1 and read
-- everything back unchanged; then load summaries written by the 1.1 library
-- (weighted ones too), store 1.1 summaries and a view of 1.1 functions,
-- update to the current version and read all of it back unchanged.
--
-- sql/fixtures/stored_by_1.0.{txt,bin} were written, in COPY text and binary
-- format, by nps_ext 1.0 itself (the library built from commit 1e8ee19, the
-- 1.0 release), from the answers table below, with the queries at the end of
-- sql/fixtures/README.md; sql/fixtures/stored_by_1.1.{txt,bin} likewise by
-- nps_ext 1.1 (commit 2e5a18e).  So a change that cannot read what an
-- earlier release wrote fails here, not only a change of the SQL definitions.
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS nps_ext_upgrade;
RESET client_min_messages;
CREATE DATABASE nps_ext_upgrade;

\c nps_ext_upgrade
CREATE EXTENSION nps_ext VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'nps_ext';

CREATE TABLE answers AS
SELECT i AS id, date '2025-01-01' + i % 60 AS day,
       (i * 7 + i / 60) % 11 AS score, 1 + (i * 3) % 5 AS sat, 1 + (i * 5) % 7 AS effort,
       timestamptz '2025-01-01 00:00+00' + i * interval '37 minutes' AS answered_at
FROM generate_series(1, 6000) AS i;

-- 1.0 has no nps_agg(); its summaries came from the support functions,
-- through aggregates a user defined over them (as the fixtures were made).
CREATE AGGREGATE nps_state(integer) (SFUNC = nps_trans, STYPE = nps_summary,
  INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}');
CREATE AGGREGATE csat_state(integer, integer, integer) (SFUNC = csat_trans, STYPE = csat_summary,
  INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}');
CREATE AGGREGATE ces_state(integer, integer) (SFUNC = ces_trans, STYPE = ces_summary,
  INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}');
CREATE AGGREGATE churn_state_of(integer, timestamptz, timestamptz) (SFUNC = churn_trans, STYPE = churn_state,
  INITCOND = '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}');

CREATE TABLE by_1_0_text (day date, nps nps_summary, csat csat_summary, ces ces_summary, churn churn_state);
CREATE TABLE by_1_0_binary (LIKE by_1_0_text);
\copy by_1_0_text FROM 'sql/fixtures/stored_by_1.0.txt'
\copy by_1_0_binary FROM 'sql/fixtures/stored_by_1.0.bin' WITH (FORMAT binary)
CREATE TABLE stored AS
SELECT day, nps_state(score) AS nps, csat_state(sat, 5, 4) AS csat, ces_state(effort, 7) AS ces,
       churn_state_of(score, answered_at, timestamptz '2025-06-01 00:00+00') AS churn
FROM answers GROUP BY day;
CREATE MATERIALIZED VIEW daily AS
SELECT day, nps(score), csat(sat), ces(effort), promoters(score),
       churn_risk(score, answered_at, timestamptz '2025-06-01 00:00+00') AS churn
FROM answers GROUP BY day;

-- What 1.0 wrote is what this library computes from the same rows.
SELECT count(*) AS days,
       count(*) FILTER (WHERE t::text = s::text AND b::text = s::text) AS same_as_written_by_1_0
FROM stored AS s JOIN by_1_0_text AS t USING (day) JOIN by_1_0_binary AS b USING (day);

CREATE TEMP TABLE before AS
SELECT (SELECT string_agg(s::text, ';' ORDER BY day) FROM stored AS s) AS stored,
       (SELECT string_agg(t::text, ';' ORDER BY day) FROM by_1_0_binary AS t) AS fixture,
       (SELECT string_agg(d::text, ';' ORDER BY day) FROM daily AS d) AS daily;

ALTER EXTENSION nps_ext UPDATE TO '1.1';
SELECT extversion FROM pg_extension WHERE extname = 'nps_ext';

-- Everything reads back unchanged (the same library reads the values before
-- and after: this fails if an update script changes a type's I/O functions
-- or drops or rewrites what the values depend on), and the view refreshes
-- to the same rows.
SELECT (SELECT string_agg(s::text, ';' ORDER BY day) FROM stored AS s) = b.stored AS stored_unchanged,
       (SELECT string_agg(t::text, ';' ORDER BY day) FROM by_1_0_binary AS t) = b.fixture AS fixture_unchanged,
       (SELECT string_agg(d::text, ';' ORDER BY day) FROM daily AS d) = b.daily AS view_unchanged
FROM before AS b;
REFRESH MATERIALIZED VIEW daily;
SELECT (SELECT string_agg(d::text, ';' ORDER BY day) FROM daily AS d) = b.daily AS refreshed_view_unchanged
FROM before AS b;

-- 1.1 on summaries written by 1.0: rollup, accessors, statistics, equality.
SELECT nps(rollup(nps)) = (SELECT nps(score) FROM answers) AS rollup_of_1_0_equals_direct,
       rollup(nps) = (SELECT nps_agg(score) FROM answers) AS summary_equal,
       csat(rollup(csat)) = (SELECT csat(sat, 5, 4) FROM answers) AS csat_equal,
       ces(rollup(ces)) = (SELECT ces(effort) FROM answers) AS ces_equal,
       responses(rollup(nps)), round(nps_margin(rollup(nps))::numeric, 4) AS margin
FROM by_1_0_binary;
SELECT count(*) FILTER (WHERE f.nps = s.nps AND f.csat = s.csat AND f.ces = s.ces) AS equal_by_operator
FROM by_1_0_binary AS f JOIN stored AS s USING (day);

-- 1.1 -> current: summaries written by the 1.1 library (unweighted and
-- weighted, format 2), summaries stored now, and a view of 1.1 functions.
CREATE TABLE by_1_1_text (day date, nps nps_summary, csat csat_summary, ces ces_summary,
                          nps_weighted nps_summary, csat_weighted csat_summary, ces_weighted ces_summary);
CREATE TABLE by_1_1_binary (LIKE by_1_1_text);
\copy by_1_1_text FROM 'sql/fixtures/stored_by_1.1.txt'
\copy by_1_1_binary FROM 'sql/fixtures/stored_by_1.1.bin' WITH (FORMAT binary)
CREATE TABLE stored_1_1 AS
SELECT day, nps_agg(score) AS nps, csat_agg(sat, 5, 4) AS csat, ces_agg(effort, 7) AS ces,
       nps_agg(score, (1 + id % 7) / 3.0) AS nps_weighted,
       csat_agg(sat, 5, 4, (1 + id % 7) / 3.0) AS csat_weighted,
       ces_agg(effort, 7, (1 + id % 7) / 3.0) AS ces_weighted
FROM answers GROUP BY day;
CREATE MATERIALIZED VIEW monthly AS
SELECT date_trunc('month', day) AS month, rollup(nps) AS nps, nps(rollup(nps)) AS nps_value,
       round(nps_ci_lower(rollup(nps))::numeric, 6) AS nps_lower,
       round(csat_margin(rollup(csat_weighted))::numeric, 6) AS csat_margin,
       round(ces_stderr(rollup(ces_weighted))::numeric, 6) AS ces_stderr,
       round(effective_responses(rollup(nps_weighted))::numeric, 6) AS n_eff
FROM stored_1_1 GROUP BY 1;

-- What 1.1 wrote reads back in both formats, and its unweighted summaries
-- are what this library computes from the same rows (weighted ones give the
-- same figures; their last bits may depend on the order of the rows).
SELECT count(*) AS days,
       count(*) FILTER (WHERE t::text = b::text) AS text_and_binary_agree,
       count(*) FILTER (WHERE f.nps = s.nps AND f.csat = s.csat AND f.ces = s.ces) AS unweighted_equal,
       count(*) FILTER (WHERE nps(f.nps_weighted) = nps(s.nps_weighted)
                          AND csat(f.csat_weighted) = csat(s.csat_weighted)
                          AND ces(f.ces_weighted) = ces(s.ces_weighted)) AS weighted_figures_equal
FROM by_1_1_binary AS f JOIN by_1_1_text AS t USING (day) JOIN stored_1_1 AS s USING (day)
     JOIN by_1_1_binary AS b USING (day);

CREATE TEMP TABLE before_1_2 AS
SELECT (SELECT string_agg(s::text, ';' ORDER BY day) FROM stored AS s) AS stored,
       (SELECT string_agg(t::text, ';' ORDER BY day) FROM by_1_0_binary AS t) AS fixture_1_0,
       (SELECT string_agg(t::text, ';' ORDER BY day) FROM by_1_1_binary AS t) AS fixture_1_1,
       (SELECT string_agg(s::text, ';' ORDER BY day) FROM stored_1_1 AS s) AS stored_1_1,
       (SELECT string_agg(d::text, ';' ORDER BY day) FROM daily AS d) AS daily,
       (SELECT string_agg(m::text, ';' ORDER BY month) FROM monthly AS m) AS monthly;

ALTER EXTENSION nps_ext UPDATE;
SELECT extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'nps_ext')
       AS at_the_current_version
FROM pg_extension WHERE extname = 'nps_ext';

SELECT (SELECT string_agg(s::text, ';' ORDER BY day) FROM stored AS s) = b.stored AS stored_unchanged,
       (SELECT string_agg(t::text, ';' ORDER BY day) FROM by_1_0_binary AS t) = b.fixture_1_0 AS fixture_1_0_unchanged,
       (SELECT string_agg(t::text, ';' ORDER BY day) FROM by_1_1_binary AS t) = b.fixture_1_1 AS fixture_1_1_unchanged,
       (SELECT string_agg(s::text, ';' ORDER BY day) FROM stored_1_1 AS s) = b.stored_1_1 AS stored_1_1_unchanged,
       (SELECT string_agg(d::text, ';' ORDER BY day) FROM daily AS d) = b.daily AS daily_unchanged,
       (SELECT string_agg(m::text, ';' ORDER BY month) FROM monthly AS m) = b.monthly AS monthly_unchanged
FROM before_1_2 AS b;
REFRESH MATERIALIZED VIEW daily;
REFRESH MATERIALIZED VIEW monthly;
SELECT (SELECT string_agg(d::text, ';' ORDER BY day) FROM daily AS d) = b.daily AS refreshed_daily_unchanged,
       (SELECT string_agg(m::text, ';' ORDER BY month) FROM monthly AS m) = b.monthly AS refreshed_monthly_unchanged
FROM before_1_2 AS b;

-- 1.2 on summaries written by 1.1: the extended hash (support function 2)
-- partitions a table by a stored summary.
CREATE TABLE by_summary (nps nps_summary, day date) PARTITION BY HASH (nps);
CREATE TABLE by_summary_0 PARTITION OF by_summary FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE by_summary_1 PARTITION OF by_summary FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO by_summary SELECT nps_weighted, day FROM by_1_1_binary;
INSERT INTO by_summary SELECT nps, day FROM by_1_1_binary;
SELECT count(*) AS rows, count(DISTINCT tableoid) AS partitions_used,
       (SELECT count(*) FROM by_summary AS x JOIN by_1_1_binary AS f ON x.nps = f.nps_weighted AND x.day = f.day) AS found_again
FROM by_summary;
-- The routing is pinned: rows per partition, and the extended hash of
-- stored summaries with two seeds.  A change to the hash would move the rows
-- of existing hash-partitioned tables to other partitions; it fails here.
SELECT tableoid::regclass AS partition, count(*) AS rows FROM by_summary GROUP BY 1 ORDER BY 1;
SELECT day, nps_summary_hash_extended(nps, 0) AS nps_seed_0, nps_summary_hash_extended(nps_weighted, 1) AS weighted_seed_1,
       csat_summary_hash_extended(csat, 0) AS csat_seed_0, ces_summary_hash_extended(ces_weighted, 7) AS ces_weighted_seed_7
FROM by_1_1_binary ORDER BY day LIMIT 3;

\c :regress_db
DROP DATABASE nps_ext_upgrade;
