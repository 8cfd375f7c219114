-- The upgrade chain, on every run: create the extension at its oldest
-- version (1.0), store summaries and a materialized view built with it,
-- ALTER EXTENSION nps_ext UPDATE, and read everything back unchanged; then
-- the new functions work on the values stored by the old version, and the
-- updated extension has exactly the objects of a fresh install.
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS nps_ext_upgrade;
DROP DATABASE IF EXISTS nps_ext_fresh;
RESET client_min_messages;
CREATE DATABASE nps_ext_upgrade;
CREATE DATABASE nps_ext_fresh;

\c nps_ext_upgrade
CREATE EXTENSION nps_ext VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'nps_ext';

CREATE TABLE answers AS
SELECT i AS id, date '2025-01-01' + i % 60 AS day,
       (i * 7 + i / 60) % 11 AS score, 1 + (i * 3) % 5 AS sat, 1 + (i * 5) % 7 AS effort
FROM generate_series(1, 6000) AS i;

-- 1.0 has no nps_agg(); its summaries came from the support functions,
-- e.g. an aggregate a user defined over them.
CREATE AGGREGATE nps_state(integer) (SFUNC = nps_trans, STYPE = nps_summary,
  INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}');
CREATE AGGREGATE csat_state(integer) (SFUNC = csat_trans, STYPE = csat_summary,
  INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}');
CREATE TABLE stored AS
SELECT day, nps_state(score) AS nps, csat_state(sat) AS csat FROM answers GROUP BY day;
CREATE MATERIALIZED VIEW daily AS
SELECT day, nps(score), csat(sat), ces(effort), promoters(score) FROM answers GROUP BY day;

CREATE TEMP TABLE before AS
SELECT (SELECT string_agg(format('%s %s %s', day, nps, csat), ';' ORDER BY day) FROM stored) AS stored,
       (SELECT string_agg(format('%s %s %s %s %s', day, nps, csat, ces, promoters), ';' ORDER BY day) FROM daily) AS daily;

ALTER EXTENSION nps_ext UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'nps_ext';

-- Everything reads back unchanged, and the view refreshes to the same rows.
SELECT (SELECT string_agg(format('%s %s %s', day, nps, csat), ';' ORDER BY day) FROM stored) = b.stored
         AS stored_unchanged,
       (SELECT string_agg(format('%s %s %s %s %s', day, nps, csat, ces, promoters), ';' ORDER BY day) FROM daily) = b.daily
         AS view_unchanged
FROM before AS b;
REFRESH MATERIALIZED VIEW daily;
SELECT (SELECT string_agg(format('%s %s %s %s %s', day, nps, csat, ces, promoters), ';' ORDER BY day) FROM daily) = b.daily
         AS refreshed_view_unchanged
FROM before AS b;

-- 1.1 on summaries stored by 1.0: rollup, accessors, statistics, equality.
SELECT nps(rollup(nps)) = (SELECT nps(score) FROM answers) AS rollup_of_stored_equals_direct,
       rollup(nps) = (SELECT nps_agg(score) FROM answers) AS summary_equal,
       csat(rollup(csat)) = (SELECT csat(sat) FROM answers) AS csat_equal,
       responses(rollup(nps)), round(nps_margin(rollup(nps))::numeric, 4) AS margin
FROM stored;

-- The updated extension's objects are exactly those of a fresh 1.1 install.
CREATE TEMP TABLE updated_objects AS
SELECT pg_describe_object(classid, objid, objsubid) AS object
FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'nps_ext');
\copy updated_objects TO 'results/upgrade_objects.txt'

\c nps_ext_fresh
CREATE EXTENSION nps_ext;
CREATE TEMP TABLE fresh_objects AS
SELECT pg_describe_object(classid, objid, objsubid) AS object
FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'nps_ext');
CREATE TEMP TABLE updated_objects (object text);
\copy updated_objects FROM 'results/upgrade_objects.txt'
SELECT (SELECT count(*) FROM fresh_objects) AS objects,
       (SELECT count(*) FROM (SELECT object FROM fresh_objects EXCEPT SELECT object FROM updated_objects) AS x)
         AS only_in_fresh,
       (SELECT count(*) FROM (SELECT object FROM updated_objects EXCEPT SELECT object FROM fresh_objects) AS x)
         AS only_in_updated;

\c :regress_db
DROP DATABASE nps_ext_upgrade;
DROP DATABASE nps_ext_fresh;
