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
-- look-alikes of what the 1.1 script uses: operators and types
CREATE FUNCTION public.evil_eq(float8, float8) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR public.= (LEFTARG = float8, RIGHTARG = float8, FUNCTION = public.evil_eq);
CREATE OPERATOR public.<> (LEFTARG = float8, RIGHTARG = float8, FUNCTION = public.evil_eq);
CREATE TYPE public.float8 AS (x int);
CREATE TYPE public.text AS (x int);

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

-- No object of the extension refers to anything in public: not through
-- its functions' argument or result types, its aggregates' support functions,
-- its operators or its operator class.  PostgreSQL 17 and later also record
-- the types' automatic array types (_nps_summary, ...) as members, one per type,
-- earlier versions do not: they are counted apart, so that every version
-- shows the same figures.
WITH members AS (
  SELECT classid, objid,
         classid = 'pg_type'::regclass AND objid IN (SELECT typarray FROM pg_type) AS array_type
  FROM pg_depend
  WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
    AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'nps_ext')),
owned AS (  -- the members and the operator class's entries
  SELECT classid, objid, array_type FROM members
  UNION
  SELECT d.classid, d.objid, false FROM pg_depend d JOIN members m ON d.refclassid = m.classid AND d.refobjid = m.objid
  WHERE d.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass))
SELECT count(*) FILTER (WHERE NOT o.array_type) > 0 AS members_found,
       count(DISTINCT o.objid) FILTER (WHERE o.array_type)
         = CASE WHEN current_setting('server_version_num')::int >= 170000
                THEN count(DISTINCT o.objid) FILTER (WHERE o.classid = 'pg_type'::regclass AND NOT o.array_type)
                ELSE 0 END
         AS array_types_as_this_version_records,
       count(*) FILTER (WHERE
         (d.refclassid = 'pg_proc'::regclass AND (SELECT pronamespace FROM pg_proc WHERE oid = d.refobjid) = 'public'::regnamespace)
      OR (d.refclassid = 'pg_type'::regclass AND (SELECT typnamespace FROM pg_type WHERE oid = d.refobjid) = 'public'::regnamespace)
      OR (d.refclassid = 'pg_operator'::regclass AND (SELECT oprnamespace FROM pg_operator WHERE oid = d.refobjid) = 'public'::regnamespace))
         AS dependencies_on_public
FROM pg_depend d JOIN owned o USING (classid, objid);
SELECT count(*) AS operators_using_public_functions
FROM pg_operator o
WHERE o.oprnamespace = 'cx'::regnamespace
  AND (SELECT pronamespace FROM pg_proc WHERE oid = o.oprcode) <> 'cx'::regnamespace
   OR (o.oprnamespace = 'cx'::regnamespace AND o.oprrest <> 0
       AND (SELECT pronamespace FROM pg_proc WHERE oid = o.oprrest) <> 'pg_catalog'::regnamespace);

-- A plain user may execute every function and aggregate of the extension
-- (no count here: the catalog contract, test/catalog.sql, lists them).
SELECT count(*) > 0 AND count(*) = count(*) FILTER (WHERE has_function_privilege('nps_ext_analyst', p.oid, 'EXECUTE'))
         AS every_function_executable_by_plain_user
FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'nps_ext');

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
DROP AGGREGATE cx.rollup(cx.nps_summary);
DROP OPERATOR cx.= (cx.nps_summary, cx.nps_summary);
ALTER OPERATOR CLASS cx.nps_summary_hash_ops USING hash RENAME TO evil;
CREATE OPERATOR cx.= (LEFTARG = float8, RIGHTARG = float8, FUNCTION = float8eq);
SELECT cx.nps(cx.rollup(s)), cx.nps_ci_lower(cx.rollup(s), 0.95, 'score', 1)
FROM (SELECT cx.nps_agg(x) AS s FROM generate_series(0, 10) AS x) AS days;
\set VERBOSITY default

\c :regress_db :regress_user
DROP DATABASE nps_ext_security;
DROP ROLE nps_ext_owner;
DROP ROLE nps_ext_hostile;
DROP ROLE nps_ext_analyst;
