-- The upgrade chain, on every run: create the extension at its oldest
-- version (1.0), load summaries written by the 1.0 library, store more and
-- a materialized view, ALTER EXTENSION nps_ext UPDATE, and read everything
-- back unchanged; then the new functions work on the stored values.
--
-- sql/fixtures/stored_by_1.0.{txt,bin} were written, in COPY text and binary
-- format, by nps_ext 1.0 itself (the library built from commit 1e8ee19, the
-- 1.0 release), from the answers table below, with the queries at the end of
-- sql/fixtures/README.md.  So a change that cannot read what 1.0 wrote fails
-- here, not only a change of the SQL definitions.
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

ALTER EXTENSION nps_ext UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'nps_ext';

-- Everything reads back unchanged, and the view refreshes to the same rows.
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

\c :regress_db
DROP DATABASE nps_ext_upgrade;
