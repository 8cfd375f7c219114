-- Least privilege and hostile search paths.
--
-- The extension is trusted: a database owner without superuser creates it.
-- Before that, a hostile user plants look-alike objects in public; the
-- install script qualifies every name, so none of them is picked up.
\set regress_db :DBNAME
\set regress_user :USER
-- Leftovers of an interrupted run against a long-lived server.
SET client_min_messages = warning;
DROP DATABASE IF EXISTS nps_ext_security;
DROP ROLE IF EXISTS nps_ext_owner;
DROP ROLE IF EXISTS nps_ext_hostile;
DROP ROLE IF EXISTS nps_ext_analyst;
RESET client_min_messages;
CREATE ROLE nps_ext_owner LOGIN;
CREATE ROLE nps_ext_hostile LOGIN;
CREATE ROLE nps_ext_analyst LOGIN;
CREATE DATABASE nps_ext_security OWNER nps_ext_owner;

-- Since PostgreSQL 15 not every user may create in public; this owner lets one.
\c nps_ext_security nps_ext_owner
GRANT CREATE ON SCHEMA public TO nps_ext_hostile;
\c nps_ext_security nps_ext_hostile
CREATE TYPE public.int2 AS (x int);
CREATE TYPE public.timestamptz AS (x int);
CREATE FUNCTION public.nps_trans(anyelement, smallint) RETURNS anyelement
  LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION public.numeric_div(numeric, numeric) RETURNS numeric
  LANGUAGE sql AS 'SELECT 42::numeric';

\c nps_ext_security nps_ext_owner
SET search_path = public, pg_catalog;
CREATE SCHEMA cx;
CREATE EXTENSION nps_ext SCHEMA cx;
GRANT USAGE ON SCHEMA cx TO nps_ext_analyst;
SELECT extname, extowner::regrole, extnamespace::regnamespace FROM pg_extension
WHERE extname = 'nps_ext';

-- Every object of the extension is in cx and uses only cx and pg_catalog types.
SELECT count(*) AS functions_outside_cx
FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'nps_ext')
  AND p.pronamespace <> 'cx'::regnamespace;
SELECT count(*) AS arguments_of_public_types
FROM pg_proc p, unnest(p.proargtypes::oid[]) AS a(t)
WHERE p.pronamespace = 'cx'::regnamespace
  AND (SELECT typnamespace FROM pg_type WHERE oid = a.t) = 'public'::regnamespace;

-- A plain user uses the aggregates but cannot change the extension's objects.
\c nps_ext_security nps_ext_analyst
SET search_path = public, cx;
SELECT cx.nps(s::smallint), cx.csat(s, 10), cx.ces(s, 10)
FROM generate_series(1, 10) AS s;
SELECT nps(s) FROM (VALUES (0), (7), (7), (9), (9), (9)) AS v(s);
\set VERBOSITY terse
DROP AGGREGATE cx.nps(integer);
ALTER FUNCTION cx.nps_final(cx.nps_summary) RENAME TO evil;
CREATE FUNCTION cx.nps_final(integer) RETURNS int LANGUAGE sql AS 'SELECT 1';
\set VERBOSITY default

\c :regress_db :regress_user
DROP DATABASE nps_ext_security;
DROP ROLE nps_ext_owner;
DROP ROLE nps_ext_hostile;
DROP ROLE nps_ext_analyst;
