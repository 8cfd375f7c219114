-- catalog.sql: the catalog contract of nps_ext.
--
-- Every object the extension owns is checked against an explicit list, so a
-- function, aggregate or type added without an entry here (or without a
-- comment, PARALLEL SAFE, a combine function, ...) fails this file.
--
-- Run by pg_prove in a database where pgtap and nps_ext are installed.
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

-- ---------------------------------------------------------------------------
-- The expected functions and aggregates: identity signature (as
-- pg_get_function_identity_arguments prints it), prokind, provolatile,
-- proisstrict.  Aggregates are always 'i' / not strict in pg_proc.
--   *_in/_out/_recv/_send, *_combine, *_final, nps_trans/nps_inverse:
--       IMMUTABLE STRICT
--   csat_trans/ces_trans/csat_inverse/ces_inverse: IMMUTABLE, not strict
--       (NULL scores are skipped, NULL scale arguments are errors)
--   churn_trans(state, int, timestamptz): STABLE, not strict (reads the
--       transaction start time)
--   churn_trans(state, int, timestamptz, timestamptz): IMMUTABLE, not strict
--   churn_final: STABLE STRICT (the 2-argument form reads the clock)
--   churn_combine: IMMUTABLE STRICT
--   *_weighted_trans: IMMUTABLE, not strict (NULL score or weight skips the
--       row, NULL scale arguments are errors)
--   1.1 accessors, statistics, rollup and equality functions: IMMUTABLE STRICT
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE expected_function (signature text PRIMARY KEY, kind "char", volatility "char", strict boolean);
INSERT INTO expected_function VALUES
    ('nps_summary_in(cstring)', 'f', 'i', true),
    ('nps_summary_out(nps_summary)', 'f', 'i', true),
    ('nps_summary_recv(internal)', 'f', 'i', true),
    ('nps_summary_send(nps_summary)', 'f', 'i', true),
    ('csat_summary_in(cstring)', 'f', 'i', true),
    ('csat_summary_out(csat_summary)', 'f', 'i', true),
    ('csat_summary_recv(internal)', 'f', 'i', true),
    ('csat_summary_send(csat_summary)', 'f', 'i', true),
    ('ces_summary_in(cstring)', 'f', 'i', true),
    ('ces_summary_out(ces_summary)', 'f', 'i', true),
    ('ces_summary_recv(internal)', 'f', 'i', true),
    ('ces_summary_send(ces_summary)', 'f', 'i', true),
    ('churn_state_in(cstring)', 'f', 'i', true),
    ('churn_state_out(churn_state)', 'f', 'i', true),
    ('churn_state_recv(internal)', 'f', 'i', true),
    ('churn_state_send(churn_state)', 'f', 'i', true),
    ('nps_trans(nps_summary, smallint)', 'f', 'i', true),
    ('nps_inverse(nps_summary, smallint)', 'f', 'i', true),
    ('nps_trans(nps_summary, integer)', 'f', 'i', true),
    ('nps_inverse(nps_summary, integer)', 'f', 'i', true),
    ('nps_trans(nps_summary, bigint)', 'f', 'i', true),
    ('nps_inverse(nps_summary, bigint)', 'f', 'i', true),
    ('nps_trans(nps_summary, numeric)', 'f', 'i', true),
    ('nps_trans(nps_summary, double precision)', 'f', 'i', true),
    ('nps_inverse(nps_summary, numeric)', 'f', 'i', true),
    ('nps_inverse(nps_summary, double precision)', 'f', 'i', true),
    ('nps_combine(nps_summary, nps_summary)', 'f', 'i', true),
    ('nps_final(nps_summary)', 'f', 'i', true),
    ('csat_trans(csat_summary, smallint)', 'f', 'i', false),
    ('csat_inverse(csat_summary, smallint)', 'f', 'i', false),
    ('csat_trans(csat_summary, smallint, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, smallint, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, smallint, integer, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, smallint, integer, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, integer, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, integer, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, integer, integer, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, integer, integer, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, bigint)', 'f', 'i', false),
    ('csat_inverse(csat_summary, bigint)', 'f', 'i', false),
    ('csat_trans(csat_summary, bigint, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, bigint, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, bigint, integer, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, bigint, integer, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, numeric)', 'f', 'i', false),
    ('csat_trans(csat_summary, double precision)', 'f', 'i', false),
    ('csat_inverse(csat_summary, numeric)', 'f', 'i', false),
    ('csat_inverse(csat_summary, double precision)', 'f', 'i', false),
    ('csat_trans(csat_summary, numeric, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, double precision, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, numeric, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, double precision, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, numeric, integer, integer)', 'f', 'i', false),
    ('csat_trans(csat_summary, double precision, integer, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, numeric, integer, integer)', 'f', 'i', false),
    ('csat_inverse(csat_summary, double precision, integer, integer)', 'f', 'i', false),
    ('csat_combine(csat_summary, csat_summary)', 'f', 'i', true),
    ('csat_final(csat_summary)', 'f', 'i', true),
    ('ces_trans(ces_summary, smallint)', 'f', 'i', false),
    ('ces_inverse(ces_summary, smallint)', 'f', 'i', false),
    ('ces_trans(ces_summary, smallint, integer)', 'f', 'i', false),
    ('ces_inverse(ces_summary, smallint, integer)', 'f', 'i', false),
    ('ces_trans(ces_summary, integer)', 'f', 'i', false),
    ('ces_inverse(ces_summary, integer)', 'f', 'i', false),
    ('ces_trans(ces_summary, integer, integer)', 'f', 'i', false),
    ('ces_inverse(ces_summary, integer, integer)', 'f', 'i', false),
    ('ces_trans(ces_summary, bigint)', 'f', 'i', false),
    ('ces_inverse(ces_summary, bigint)', 'f', 'i', false),
    ('ces_trans(ces_summary, bigint, integer)', 'f', 'i', false),
    ('ces_inverse(ces_summary, bigint, integer)', 'f', 'i', false),
    ('ces_trans(ces_summary, numeric)', 'f', 'i', false),
    ('ces_trans(ces_summary, double precision)', 'f', 'i', false),
    ('ces_inverse(ces_summary, numeric)', 'f', 'i', false),
    ('ces_inverse(ces_summary, double precision)', 'f', 'i', false),
    ('ces_trans(ces_summary, numeric, integer)', 'f', 'i', false),
    ('ces_trans(ces_summary, double precision, integer)', 'f', 'i', false),
    ('ces_inverse(ces_summary, numeric, integer)', 'f', 'i', false),
    ('ces_inverse(ces_summary, double precision, integer)', 'f', 'i', false),
    ('nps_promoters_final(nps_summary)', 'f', 'i', true),
    ('nps_passives_final(nps_summary)', 'f', 'i', true),
    ('nps_detractors_final(nps_summary)', 'f', 'i', true),
    ('ces_combine(ces_summary, ces_summary)', 'f', 'i', true),
    ('ces_final(ces_summary)', 'f', 'i', true),
    ('churn_trans(churn_state, integer, timestamp with time zone)', 'f', 's', false),
    ('churn_trans(churn_state, integer, timestamp with time zone, timestamp with time zone)', 'f', 'i', false),
    ('churn_combine(churn_state, churn_state)', 'f', 'i', true),
    ('churn_final(churn_state)', 'f', 's', true),
    ('nps(smallint)', 'a', 'i', false),
    ('nps(integer)', 'a', 'i', false),
    ('nps(bigint)', 'a', 'i', false),
    ('nps(numeric)', 'a', 'i', false),
    ('nps(double precision)', 'a', 'i', false),
    ('csat(smallint)', 'a', 'i', false),
    ('csat(smallint, integer)', 'a', 'i', false),
    ('csat(smallint, integer, integer)', 'a', 'i', false),
    ('csat(integer)', 'a', 'i', false),
    ('csat(integer, integer)', 'a', 'i', false),
    ('csat(integer, integer, integer)', 'a', 'i', false),
    ('csat(bigint)', 'a', 'i', false),
    ('csat(bigint, integer)', 'a', 'i', false),
    ('csat(bigint, integer, integer)', 'a', 'i', false),
    ('csat(numeric)', 'a', 'i', false),
    ('csat(double precision)', 'a', 'i', false),
    ('csat(numeric, integer)', 'a', 'i', false),
    ('csat(double precision, integer)', 'a', 'i', false),
    ('csat(numeric, integer, integer)', 'a', 'i', false),
    ('csat(double precision, integer, integer)', 'a', 'i', false),
    ('ces(smallint)', 'a', 'i', false),
    ('ces(smallint, integer)', 'a', 'i', false),
    ('ces(integer)', 'a', 'i', false),
    ('ces(integer, integer)', 'a', 'i', false),
    ('ces(bigint)', 'a', 'i', false),
    ('ces(bigint, integer)', 'a', 'i', false),
    ('ces(numeric)', 'a', 'i', false),
    ('ces(double precision)', 'a', 'i', false),
    ('ces(numeric, integer)', 'a', 'i', false),
    ('ces(double precision, integer)', 'a', 'i', false),
    ('promoters(smallint)', 'a', 'i', false),
    ('promoters(integer)', 'a', 'i', false),
    ('promoters(bigint)', 'a', 'i', false),
    ('promoters(numeric)', 'a', 'i', false),
    ('promoters(double precision)', 'a', 'i', false),
    ('passives(smallint)', 'a', 'i', false),
    ('passives(integer)', 'a', 'i', false),
    ('passives(bigint)', 'a', 'i', false),
    ('passives(numeric)', 'a', 'i', false),
    ('passives(double precision)', 'a', 'i', false),
    ('detractors(smallint)', 'a', 'i', false),
    ('detractors(integer)', 'a', 'i', false),
    ('detractors(bigint)', 'a', 'i', false),
    ('detractors(numeric)', 'a', 'i', false),
    ('detractors(double precision)', 'a', 'i', false),
    ('churn_risk(integer, timestamp with time zone)', 'a', 'i', false),
    ('churn_risk(integer, timestamp with time zone, timestamp with time zone)', 'a', 'i', false),
    -- 1.1: summaries, weights, rollup, equality, accessors, statistics
    ('nps_agg_final(nps_summary)', 'f', 'i', true),
    ('nps_agg(smallint)', 'a', 'i', false),
    ('nps_agg(integer)', 'a', 'i', false),
    ('nps_agg(bigint)', 'a', 'i', false),
    ('nps_agg(numeric)', 'a', 'i', false),
    ('nps_agg(double precision)', 'a', 'i', false),
    ('csat_agg_final(csat_summary)', 'f', 'i', true),
    ('csat_agg(smallint)', 'a', 'i', false),
    ('csat_agg(smallint, integer)', 'a', 'i', false),
    ('csat_agg(smallint, integer, integer)', 'a', 'i', false),
    ('csat_agg(integer)', 'a', 'i', false),
    ('csat_agg(integer, integer)', 'a', 'i', false),
    ('csat_agg(integer, integer, integer)', 'a', 'i', false),
    ('csat_agg(bigint)', 'a', 'i', false),
    ('csat_agg(bigint, integer)', 'a', 'i', false),
    ('csat_agg(bigint, integer, integer)', 'a', 'i', false),
    ('csat_agg(numeric)', 'a', 'i', false),
    ('csat_agg(numeric, integer)', 'a', 'i', false),
    ('csat_agg(numeric, integer, integer)', 'a', 'i', false),
    ('csat_agg(double precision)', 'a', 'i', false),
    ('csat_agg(double precision, integer)', 'a', 'i', false),
    ('csat_agg(double precision, integer, integer)', 'a', 'i', false),
    ('ces_agg_final(ces_summary)', 'f', 'i', true),
    ('ces_agg(smallint)', 'a', 'i', false),
    ('ces_agg(smallint, integer)', 'a', 'i', false),
    ('ces_agg(integer)', 'a', 'i', false),
    ('ces_agg(integer, integer)', 'a', 'i', false),
    ('ces_agg(bigint)', 'a', 'i', false),
    ('ces_agg(bigint, integer)', 'a', 'i', false),
    ('ces_agg(numeric)', 'a', 'i', false),
    ('ces_agg(numeric, integer)', 'a', 'i', false),
    ('ces_agg(double precision)', 'a', 'i', false),
    ('ces_agg(double precision, integer)', 'a', 'i', false),
    ('nps_weighted_trans(nps_summary, smallint, double precision)', 'f', 'i', false),
    ('nps_weighted_trans(nps_summary, integer, double precision)', 'f', 'i', false),
    ('nps_weighted_trans(nps_summary, bigint, double precision)', 'f', 'i', false),
    ('nps_weighted_trans(nps_summary, numeric, double precision)', 'f', 'i', false),
    ('nps_weighted_trans(nps_summary, double precision, double precision)', 'f', 'i', false),
    ('nps(smallint, double precision)', 'a', 'i', false),
    ('nps_agg(smallint, double precision)', 'a', 'i', false),
    ('nps(integer, double precision)', 'a', 'i', false),
    ('nps_agg(integer, double precision)', 'a', 'i', false),
    ('nps(bigint, double precision)', 'a', 'i', false),
    ('nps_agg(bigint, double precision)', 'a', 'i', false),
    ('nps(numeric, double precision)', 'a', 'i', false),
    ('nps_agg(numeric, double precision)', 'a', 'i', false),
    ('nps(double precision, double precision)', 'a', 'i', false),
    ('nps_agg(double precision, double precision)', 'a', 'i', false),
    ('csat_weighted_trans(csat_summary, smallint, integer, integer, double precision)', 'f', 'i', false),
    ('csat_weighted_trans(csat_summary, integer, integer, integer, double precision)', 'f', 'i', false),
    ('csat_weighted_trans(csat_summary, bigint, integer, integer, double precision)', 'f', 'i', false),
    ('csat_weighted_trans(csat_summary, numeric, integer, integer, double precision)', 'f', 'i', false),
    ('csat_weighted_trans(csat_summary, double precision, integer, integer, double precision)', 'f', 'i', false),
    ('csat(smallint, integer, integer, double precision)', 'a', 'i', false),
    ('csat_agg(smallint, integer, integer, double precision)', 'a', 'i', false),
    ('csat(integer, integer, integer, double precision)', 'a', 'i', false),
    ('csat_agg(integer, integer, integer, double precision)', 'a', 'i', false),
    ('csat(bigint, integer, integer, double precision)', 'a', 'i', false),
    ('csat_agg(bigint, integer, integer, double precision)', 'a', 'i', false),
    ('csat(numeric, integer, integer, double precision)', 'a', 'i', false),
    ('csat_agg(numeric, integer, integer, double precision)', 'a', 'i', false),
    ('csat(double precision, integer, integer, double precision)', 'a', 'i', false),
    ('csat_agg(double precision, integer, integer, double precision)', 'a', 'i', false),
    ('ces_weighted_trans(ces_summary, smallint, integer, double precision)', 'f', 'i', false),
    ('ces_weighted_trans(ces_summary, integer, integer, double precision)', 'f', 'i', false),
    ('ces_weighted_trans(ces_summary, bigint, integer, double precision)', 'f', 'i', false),
    ('ces_weighted_trans(ces_summary, numeric, integer, double precision)', 'f', 'i', false),
    ('ces_weighted_trans(ces_summary, double precision, integer, double precision)', 'f', 'i', false),
    ('ces(smallint, integer, double precision)', 'a', 'i', false),
    ('ces_agg(smallint, integer, double precision)', 'a', 'i', false),
    ('ces(integer, integer, double precision)', 'a', 'i', false),
    ('ces_agg(integer, integer, double precision)', 'a', 'i', false),
    ('ces(bigint, integer, double precision)', 'a', 'i', false),
    ('ces_agg(bigint, integer, double precision)', 'a', 'i', false),
    ('ces(numeric, integer, double precision)', 'a', 'i', false),
    ('ces_agg(numeric, integer, double precision)', 'a', 'i', false),
    ('ces(double precision, integer, double precision)', 'a', 'i', false),
    ('ces_agg(double precision, integer, double precision)', 'a', 'i', false),
    ('nps_rollup_trans(nps_summary, nps_summary)', 'f', 'i', true),
    ('nps_rollup_inverse(nps_summary, nps_summary)', 'f', 'i', true),
    ('rollup(nps_summary)', 'a', 'i', false),
    ('csat_rollup_trans(csat_summary, csat_summary)', 'f', 'i', true),
    ('csat_rollup_inverse(csat_summary, csat_summary)', 'f', 'i', true),
    ('rollup(csat_summary)', 'a', 'i', false),
    ('ces_rollup_trans(ces_summary, ces_summary)', 'f', 'i', true),
    ('ces_rollup_inverse(ces_summary, ces_summary)', 'f', 'i', true),
    ('rollup(ces_summary)', 'a', 'i', false),
    ('nps_summary_eq(nps_summary, nps_summary)', 'f', 'i', true),
    ('nps_summary_ne(nps_summary, nps_summary)', 'f', 'i', true),
    ('nps_summary_hash(nps_summary)', 'f', 'i', true),
    ('nps_summary_hash_extended(nps_summary, bigint)', 'f', 'i', true),
    ('csat_summary_eq(csat_summary, csat_summary)', 'f', 'i', true),
    ('csat_summary_ne(csat_summary, csat_summary)', 'f', 'i', true),
    ('csat_summary_hash(csat_summary)', 'f', 'i', true),
    ('csat_summary_hash_extended(csat_summary, bigint)', 'f', 'i', true),
    ('ces_summary_eq(ces_summary, ces_summary)', 'f', 'i', true),
    ('ces_summary_ne(ces_summary, ces_summary)', 'f', 'i', true),
    ('ces_summary_hash(ces_summary)', 'f', 'i', true),
    ('ces_summary_hash_extended(ces_summary, bigint)', 'f', 'i', true),
    ('nps(nps_summary)', 'f', 'i', true),
    ('csat(csat_summary)', 'f', 'i', true),
    ('ces(ces_summary)', 'f', 'i', true),
    ('responses(nps_summary)', 'f', 'i', true),
    ('mean_score(nps_summary)', 'f', 'i', true),
    ('total_weight(nps_summary)', 'f', 'i', true),
    ('effective_responses(nps_summary)', 'f', 'i', true),
    ('distribution(summary nps_summary)', 'f', 'i', true),
    ('responses(csat_summary)', 'f', 'i', true),
    ('mean_score(csat_summary)', 'f', 'i', true),
    ('total_weight(csat_summary)', 'f', 'i', true),
    ('effective_responses(csat_summary)', 'f', 'i', true),
    ('distribution(summary csat_summary)', 'f', 'i', true),
    ('responses(ces_summary)', 'f', 'i', true),
    ('mean_score(ces_summary)', 'f', 'i', true),
    ('total_weight(ces_summary)', 'f', 'i', true),
    ('effective_responses(ces_summary)', 'f', 'i', true),
    ('distribution(summary ces_summary)', 'f', 'i', true),
    ('promoters(nps_summary)', 'f', 'i', true),
    ('promoters_percent(nps_summary)', 'f', 'i', true),
    ('passives(nps_summary)', 'f', 'i', true),
    ('passives_percent(nps_summary)', 'f', 'i', true),
    ('detractors(nps_summary)', 'f', 'i', true),
    ('detractors_percent(nps_summary)', 'f', 'i', true),
    ('nps_stderr(summary nps_summary, min_responses integer)', 'f', 'i', true),
    ('nps_margin(summary nps_summary, confidence double precision, min_responses integer)', 'f', 'i', true),
    ('nps_ci_lower(summary nps_summary, confidence double precision, method text, min_responses integer)', 'f', 'i', true),
    ('nps_ci_upper(summary nps_summary, confidence double precision, method text, min_responses integer)', 'f', 'i', true),
    ('nps_test(a nps_summary, b nps_summary, min_responses integer)', 'f', 'i', true),
    ('nps_test_z(a nps_summary, b nps_summary, min_responses integer)', 'f', 'i', true),
    ('csat_stderr(summary csat_summary, min_responses integer)', 'f', 'i', true),
    ('csat_margin(summary csat_summary, confidence double precision, min_responses integer)', 'f', 'i', true),
    ('csat_ci_lower(summary csat_summary, confidence double precision, method text, min_responses integer)', 'f', 'i', true),
    ('csat_ci_upper(summary csat_summary, confidence double precision, method text, min_responses integer)', 'f', 'i', true),
    ('ces_stderr(summary ces_summary, min_responses integer)', 'f', 'i', true),
    ('ces_margin(summary ces_summary, confidence double precision, min_responses integer)', 'f', 'i', true),
    ('ces_ci_lower(summary ces_summary, confidence double precision, min_responses integer)', 'f', 'i', true),
    ('ces_ci_upper(summary ces_summary, confidence double precision, min_responses integer)', 'f', 'i', true);

CREATE TEMP VIEW ext_function AS
SELECT p.oid, p.proname,
       p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS signature,
       p.prokind AS kind, p.provolatile AS volatility, p.proisstrict AS strict,
       p.proparallel, p.prosecdef, p.pronamespace, p.prolang, p.probin
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_extension e ON d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = e.oid
JOIN pg_catalog.pg_proc p ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
WHERE e.extname = 'nps_ext' AND d.deptype = 'e';

CREATE TEMP VIEW ext_aggregate AS
SELECT f.signature, f.proname, f.proparallel, a.*
FROM ext_function f JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = f.oid;

CREATE TEMP VIEW ext_type AS
SELECT t.*
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_extension e ON d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = e.oid
JOIN pg_catalog.pg_type t ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid
WHERE e.extname = 'nps_ext' AND d.deptype = 'e'
  AND t.oid NOT IN (SELECT typarray FROM pg_catalog.pg_type);  -- see "Types" below

-- ---------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM expected_function), 273::bigint,
          'the expected list has 163 functions and 110 aggregates');

SELECT set_eq('SELECT signature FROM ext_function',
              'SELECT signature FROM expected_function',
              'the extension''s functions and aggregates are exactly the expected list');

SELECT is_empty($$SELECT format('%s: prokind %s, expected %s', f.signature, f.kind, x.kind)
                  FROM ext_function f JOIN expected_function x USING (signature)
                  WHERE f.kind <> x.kind$$,
                'every extension function has the expected kind (function or aggregate)');

SELECT is_empty($$SELECT format('%s: provolatile %s, expected %s', f.signature, f.volatility, x.volatility)
                  FROM ext_function f JOIN expected_function x USING (signature)
                  WHERE f.volatility <> x.volatility$$,
                'every extension function has the expected volatility');

SELECT is_empty($$SELECT format('%s: strict %s, expected %s', f.signature, f.strict, x.strict)
                  FROM ext_function f JOIN expected_function x USING (signature)
                  WHERE f.strict <> x.strict$$,
                'every extension function has the expected strictness');

SELECT is_empty($$SELECT signature FROM ext_function
                  WHERE coalesce(btrim(obj_description(oid, 'pg_proc')), '') = ''$$,
                'every extension function and aggregate has a comment');

SELECT is_empty($$SELECT format('%s: proparallel %s', signature, proparallel) FROM ext_function
                  WHERE proparallel <> 's'$$,
                'every extension function and aggregate is PARALLEL SAFE');

SELECT is_empty($$SELECT signature FROM ext_function WHERE prosecdef$$,
                'no extension function is SECURITY DEFINER (the extension is trusted)');

SELECT is_empty($$SELECT f.signature FROM ext_function f
                  WHERE f.pronamespace <> (SELECT extnamespace FROM pg_extension WHERE extname = 'nps_ext')$$,
                'every extension function lives in the extension''s schema');

SELECT is_empty($$SELECT f.signature FROM ext_function f
                  WHERE f.kind = 'f'
                    AND (f.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c')
                         OR f.probin IS DISTINCT FROM '$libdir/nps_ext')$$,
                'every plain extension function is C code from $libdir/nps_ext');

-- The forms whose volatility matters most, spelled out.
SELECT volatility_is('churn_trans', ARRAY['churn_state', 'integer', 'timestamp with time zone'], 'stable',
                     'churn_trans(state, score, responded_at) is STABLE: it reads the transaction start');
SELECT volatility_is('churn_trans', ARRAY['churn_state', 'integer', 'timestamp with time zone', 'timestamp with time zone'], 'immutable',
                     'churn_trans(state, score, responded_at, as_of) is IMMUTABLE');
SELECT volatility_is('churn_final', ARRAY['churn_state'], 'stable',
                     'churn_final is STABLE');
SELECT isnt_strict('csat_trans', ARRAY['csat_summary', 'integer', 'integer', 'integer'],
                   'csat_trans is not strict (it skips NULL scores and rejects NULL scale arguments itself)');
SELECT is_strict('nps_trans', ARRAY['nps_summary', 'numeric'],
                 'nps_trans is strict');

-- ---------------------------------------------------------------------------
-- Aggregates
-- ---------------------------------------------------------------------------
SELECT set_eq('SELECT signature FROM ext_aggregate',
              $$SELECT signature FROM expected_function WHERE kind = 'a'$$,
              'the extension''s aggregates are exactly the expected list');

SELECT is_empty($$SELECT signature FROM ext_aggregate WHERE aggcombinefn = 0$$,
                'every aggregate has a combine function');

SELECT is_empty($$SELECT format('%s: %s', signature, aggtranstype::regtype) FROM ext_aggregate
                  WHERE aggtranstype = 'internal'::regtype$$,
                'no aggregate has an internal transition type');

SELECT is_empty($$SELECT signature FROM ext_aggregate
                  WHERE aggtranstype NOT IN (SELECT oid FROM ext_type)$$,
                'every aggregate''s transition type is one of the extension''s state types');

SELECT is_empty($$SELECT signature FROM ext_aggregate WHERE proparallel <> 's'$$,
                'every aggregate is PARALLEL SAFE');

SELECT is_empty($$SELECT signature FROM ext_aggregate
                  WHERE coalesce(btrim(obj_description(aggfnoid, 'pg_proc')), '') = ''$$,
                'every aggregate has a comment');

SELECT is_empty($$SELECT format('%s: aggfinalmodify %s, aggkind %s', signature, aggfinalmodify, aggkind) FROM ext_aggregate
                  WHERE aggfinalmodify <> 'r' OR aggkind <> 'n'$$,
                'every aggregate is a normal aggregate with FINALFUNC_MODIFY = READ_ONLY');

SELECT is_empty($$SELECT signature FROM ext_aggregate
                  WHERE proname IN ('nps', 'csat', 'ces', 'nps_agg', 'csat_agg', 'ces_agg', 'rollup')
                    AND aggtransfn::pg_catalog.text NOT LIKE '%weighted_trans'
                    AND (aggmtransfn = 0 OR aggminvtransfn = 0)$$,
                'unweighted nps, csat, ces, their _agg forms and rollup have a moving-aggregate transition and inverse function');

SELECT is_empty($$SELECT signature FROM ext_aggregate
                  WHERE aggtransfn::pg_catalog.text LIKE '%weighted_trans' AND aggmtransfn <> 0$$,
                'weighted aggregates have no inverse (a rounded weight sum cannot be un-added exactly)');

SELECT set_eq($$SELECT format('%s(%s,%s)', o.oprname, o.oprleft::regtype, o.oprright::regtype)
                FROM pg_catalog.pg_operator o
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_operator'::regclass AND d.objid = o.oid
                JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid
               WHERE e.extname = 'nps_ext' AND d.deptype = 'e'
                 AND o.oprcom <> 0 AND o.oprnegate <> 0 AND o.oprresult = 'boolean'::regtype
                 AND coalesce(btrim(obj_description(o.oid, 'pg_operator')), '') <> ''$$,
              $$SELECT format('%s(%s,%s)', op, t, t)
                FROM unnest(ARRAY['=', '<>']) op, unnest(ARRAY['nps_summary', 'csat_summary', 'ces_summary']) t$$,
              'each summary type has commented = and <> operators with commutator and negator, and nothing else');

SELECT is_empty($$SELECT signature FROM ext_aggregate
                  WHERE aggmtransfn <> 0
                    AND (aggmtranstype <> aggtranstype OR aggmfinalfn <> aggfinalfn OR aggmfinalmodify <> 'r')$$,
                'moving aggregates share the state type and final function, READ_ONLY');

SELECT is_empty($$SELECT signature FROM ext_aggregate
                  WHERE aggtransfn NOT IN (SELECT oid FROM ext_function)
                     OR aggcombinefn NOT IN (SELECT oid FROM ext_function)
                     OR aggfinalfn NOT IN (SELECT oid FROM ext_function)
                     OR (aggminvtransfn <> 0 AND aggminvtransfn NOT IN (SELECT oid FROM ext_function))$$,
                'every aggregate support function belongs to the extension');

SELECT is_empty($$SELECT signature FROM ext_aggregate
                  WHERE proname IN ('avg', 'min', 'max', 'sum', 'count', 'any_value',
                                    'array_agg', 'string_agg', 'jsonb_agg', 'json_agg',
                                    'jsonb_object_agg', 'json_object_agg',
                                    'bit_and', 'bit_or', 'bool_and', 'bool_or', 'every')
                     OR proname LIKE 'hll\_%' OR proname LIKE 'tdigest%' OR proname LIKE 'topn%'$$,
                'no aggregate has a name Citus special-cases');

-- ---------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------
SELECT set_eq('SELECT typname::text FROM ext_type',
              $$VALUES ('nps_summary'), ('csat_summary'), ('ces_summary'), ('churn_state')$$,
              'the extension''s types are exactly nps_summary, csat_summary, ces_summary, churn_state');

-- PostgreSQL 17 and later record the automatic array types as extension
-- members too (earlier versions leave them implicit); ext_type leaves them out.
SELECT set_eq($$SELECT t.typname::text
                FROM pg_catalog.pg_depend d
                JOIN pg_catalog.pg_extension e ON d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = e.oid
                JOIN pg_catalog.pg_type t ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid
                WHERE e.extname = 'nps_ext' AND d.deptype = 'e'
                  AND t.oid IN (SELECT typarray FROM ext_type)$$,
              CASE WHEN current_setting('server_version_num')::int >= 170000
                   THEN $$VALUES ('_nps_summary'), ('_csat_summary'), ('_ces_summary'), ('_churn_state')$$
                   ELSE $$SELECT NULL::text WHERE false$$ END,
              'the state types'' array types are extension members exactly from PostgreSQL 17 on');

SELECT is_empty($$SELECT format('%s: %s', typname, typstorage) FROM ext_type WHERE typstorage <> 'p'$$,
                'every state type has STORAGE = plain');

SELECT is_empty($$SELECT format('%s: %s', typname, typalign) FROM ext_type WHERE typalign <> 'd'$$,
                'every state type has ALIGNMENT = double');

SELECT is_empty($$SELECT typname FROM ext_type WHERE typsend = 0 OR typreceive = 0$$,
                'every state type has send and receive functions');

SELECT is_empty($$SELECT typname FROM ext_type
                  WHERE typinput NOT IN (SELECT oid FROM ext_function)
                     OR typoutput NOT IN (SELECT oid FROM ext_function)
                     OR typsend NOT IN (SELECT oid FROM ext_function)
                     OR typreceive NOT IN (SELECT oid FROM ext_function)$$,
                'every state type''s I/O functions belong to the extension');

SELECT is_empty($$SELECT typname FROM ext_type
                  WHERE coalesce(btrim(obj_description(oid, 'pg_type')), '') = ''$$,
                'every state type has a comment');

SELECT is_empty($$SELECT typname FROM ext_type WHERE typtype <> 'b' OR typlen <> -1$$,
                'every state type is a variable-length base type');

-- The hash operator classes have the plain hash (1) and the extended, seeded
-- hash (2) that hash partitioning needs.
SELECT set_eq($$SELECT format('%s: %s', opc.opcname, ap.amprocnum)
                FROM pg_catalog.pg_opclass AS opc
                JOIN pg_catalog.pg_amproc AS ap ON ap.amprocfamily = opc.opcfamily
                WHERE opc.opcmethod = (SELECT oid FROM pg_catalog.pg_am WHERE amname = 'hash')
                  AND opc.opcnamespace = (SELECT extnamespace FROM pg_catalog.pg_extension WHERE extname = 'nps_ext')$$,
              $$VALUES ('nps_summary_hash_ops: 1'), ('nps_summary_hash_ops: 2'),
                       ('csat_summary_hash_ops: 1'), ('csat_summary_hash_ops: 2'),
                       ('ces_summary_hash_ops: 1'), ('ces_summary_hash_ops: 2')$$,
              'every hash operator class has the plain and the extended hash function');

-- ---------------------------------------------------------------------------
-- Control file
-- ---------------------------------------------------------------------------
SELECT is((SELECT trusted FROM pg_available_extension_versions
           WHERE name = 'nps_ext' AND version = (SELECT extversion FROM pg_extension WHERE extname = 'nps_ext')),
          true, 'the control file says trusted = true');

SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'nps_ext'),
          false, 'the extension is not relocatable (the install script uses @extschema@)');

SELECT isnt(coalesce(btrim((SELECT comment FROM pg_available_extensions WHERE name = 'nps_ext')), ''), '',
            'the control file has a comment');

-- PostgreSQL 18 and later: the library names itself and the control file's
-- version (PG_MODULE_MAGIC_EXT); a backend lists the modules it has loaded,
-- so one of the library's functions is called first.
\o /dev/null
SELECT nps(1);
\o
SELECT CASE WHEN current_setting('server_version_num')::int >= 180000
       THEN results_eq($$SELECT module_name || ' ' || version FROM pg_catalog.pg_get_loaded_modules()
                         WHERE file_name = 'nps_ext.so'$$,
                       $$SELECT 'nps_ext ' || default_version FROM pg_available_extensions WHERE name = 'nps_ext'$$,
                       'the library reports its name and the control file''s version')
       ELSE skip('pg_get_loaded_modules() exists from PostgreSQL 18 on', 1) END;

SELECT * FROM finish();
ROLLBACK;
