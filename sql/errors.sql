-- Every error names the offending value and the accepted range, with a
-- specific SQLSTATE.  try() (sql/setup.sql) shows SQLSTATE, message and
-- detail on one line.

-- Scores off the scale or not integers: 22003.
SELECT try($$ SELECT nps(s) FROM (VALUES (3), (11)) AS v(s) $$);
SELECT try($$ SELECT nps(-1::smallint) $$);
SELECT try($$ SELECT nps(99999999999::bigint) $$);
SELECT try($$ SELECT nps(6.5) $$);
SELECT try($$ SELECT nps(8.5) $$);
SELECT try($$ SELECT nps('NaN'::numeric) $$);
SELECT try($$ SELECT nps('Infinity'::numeric) $$);
SELECT try($$ SELECT nps(1e30) $$);
SELECT try($$ SELECT nps(6.5::float8) $$);
SELECT try($$ SELECT nps(10.000001::real) $$);
SELECT try($$ SELECT nps('NaN'::float8) $$);
SELECT try($$ SELECT nps('-Infinity'::float8) $$);
SELECT try($$ SELECT nps(1e300::float8) $$);
SELECT try($$ SELECT promoters(11) $$);
SELECT try($$ SELECT csat(0) $$);
SELECT try($$ SELECT csat(6) $$);
SELECT try($$ SELECT csat(8, 7) $$);
SELECT try($$ SELECT csat(4.5) $$);
SELECT try($$ SELECT csat(3.5::float8, 7) $$);
SELECT try($$ SELECT ces(8) $$);
SELECT try($$ SELECT ces(0, 5) $$);
SELECT try($$ SELECT churn_risk(11, now()) $$);

-- Invalid scale parameters: 22023; NULL parameters: 22004.
SELECT try($$ SELECT csat(1, 2) $$);
SELECT try($$ SELECT csat(1, 11) $$);
SELECT try($$ SELECT csat(1, 5, 1) $$);
SELECT try($$ SELECT csat(1, 5, 6) $$);
SELECT try($$ SELECT csat(1, NULL) $$);
SELECT try($$ SELECT csat(1, 5, NULL) $$);
SELECT try($$ SELECT ces(1, 99) $$);
SELECT try($$ SELECT csat(s, m) FROM (VALUES (1, 5), (1, 7)) AS v(s, m) $$);
SELECT try($$ SELECT csat(s, m, 4, 1.0) FROM (VALUES (1, 5), (1, 7)) AS v(s, m) $$);
SELECT try($$ SELECT churn_risk(5, now(), NULL) $$);
SELECT try($$ SELECT churn_risk(5, t, a) FROM (VALUES (now(), timestamptz '2030-01-01'), (now(), '2031-01-01')) AS v(t, a) $$);
SELECT try($$ SELECT churn_risk(5, 'infinity') $$);
SELECT try($$ SELECT churn_risk(5, now(), '-infinity') $$);
-- A row skipped for its NULL score or time still has the other checked.
SELECT try($$ SELECT churn_risk(11, NULL::timestamptz, '2025-06-30') $$);
SELECT try($$ SELECT churn_risk(NULL::int, 'infinity', '2025-06-30') $$);
SELECT try($$ SELECT churn_risk(s, t, '2025-06-30') FROM (VALUES (5, timestamptz '2025-01-01'), (NULL, '-infinity')) AS v(s, t) $$);

-- Malformed state text: 22P02.
SELECT try($$ SELECT '{"version":1,"kind":"nps","counts":[0,0,0]}'::nps_summary $$);
SELECT try($$ SELECT '{"version":9,"kind":"nps","counts":[]}'::nps_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}'::nps_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,-1]}'::nps_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1]} x'::nps_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,99999999999999999999]}'::nps_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"nps","counts":[9223372036854775807,1,0,0,0,0,0,0,0,0,0]}'::nps_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":6,"counts":[1,1,1,1,1]}'::csat_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":4,"counts":[]}'::csat_summary $$);
SELECT try($$ SELECT '{"version":1,"kind":"ces","scale_max":2,"counts":[1,1]}'::ces_summary $$);
SELECT try($$ SELECT '{"version":1,"responses":1,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}'::churn_state $$);
SELECT try($$ SELECT '{"version":1,"responses":2,"score_sum":30,"latest_score":5,"latest_at_us":0,"as_of_us":null}'::churn_state $$);
SELECT try($$ SELECT ''::nps_summary $$);

-- Malformed binary input: 22P03, or 08P01 when the value is cut short.  A
-- bytea column's field in a binary COPY file is the raw bytes, so writing a
-- file from bytea and reading it into a state-typed column feeds exactly
-- those bytes to the type's receive function.
CREATE TABLE raw_bytes (b bytea);
CREATE FUNCTION recv_as(type_name text, bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  result text;
BEGIN
  TRUNCATE raw_bytes;
  INSERT INTO raw_bytes VALUES (bytes);
  -- one file per backend: concurrent runs of this suite must not share it
  EXECUTE format('COPY raw_bytes TO %L (FORMAT binary)', format('%s/nps_ext_regress_raw_%s.bin', current_setting('data_directory'), pg_backend_pid()));
  EXECUTE format('CREATE TEMP TABLE received (v %s)', type_name);
  EXECUTE format('COPY received FROM %L (FORMAT binary)', format('%s/nps_ext_regress_raw_%s.bin', current_setting('data_directory'), pg_backend_pid()));
  SELECT v::text INTO result FROM received;
  DROP TABLE received;
  RETURN result;
END $$;
CREATE TEMP TABLE valid AS
SELECT nps_summary_send('{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,0,3]}') AS nps,
       csat_summary_send('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,2,3,4,5]}') AS csat,
       churn_state_send('{"version":1,"responses":2,"score_sum":12,"latest_score":5,"latest_at_us":0,"as_of_us":null}') AS churn;
SELECT recv_as('nps_summary', nps) AS nps, recv_as('csat_summary', csat) AS csat,
       recv_as('churn_state', churn) AS churn FROM valid;
SELECT try(format($$ SELECT recv_as('nps_summary', %L) $$, overlay(nps placing '\x09' from 1))) FROM valid;
SELECT try(format($$ SELECT recv_as('nps_summary', %L) $$, csat)) FROM valid;
SELECT try(format($$ SELECT recv_as('csat_summary', %L) $$, overlay(csat placing '\x0b' from 3))) FROM valid;
SELECT try(format($$ SELECT recv_as('csat_summary', %L) $$, overlay(csat placing '\x06' from 4))) FROM valid;
SELECT try(format($$ SELECT recv_as('nps_summary', %L) $$, overlay(nps placing '\xffffffffffffffff' from 5))) FROM valid;
SELECT try(format($$ SELECT recv_as('nps_summary', %L) $$, substring(nps from 1 for length(nps) - 1))) FROM valid;
SELECT try(format($$ SELECT recv_as('nps_summary', %L) $$, nps || '\x00'::bytea)) FROM valid;
SELECT try(format($$ SELECT recv_as('churn_state', %L) $$, overlay(churn placing '\x0b' from 2))) FROM valid;
SELECT try(format($$ SELECT recv_as('churn_state', %L) $$, overlay(churn placing '\x8000000000000000' from 4))) FROM valid;
DROP FUNCTION recv_as(text, bytea);
DROP TABLE raw_bytes;

-- Combining incompatible states, removing what was never added.
SELECT try($$ SELECT csat_combine('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}',
                                  '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":6,"counts":[1,1,1,1,1,1,1]}') $$);
SELECT try($$ SELECT nps_combine('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,9223372036854775807]}',
                                 '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1]}') $$);
SELECT try($$ SELECT nps_inverse('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1]}', 3) $$);

-- Regression: a NULL state with a NULL score crashed the server (SIGSEGV).
SELECT try($$ SELECT csat_trans(NULL::csat_summary, NULL::int) IS NULL $$);
SELECT try($$ SELECT ces_inverse(NULL, NULL::numeric) $$);
SELECT try($$ SELECT nps_trans(NULL, 5) $$);

-- Regression: counts near the bigint limit wrapped around instead of failing.
SELECT try($$ SELECT nps_trans('{"version":1,"kind":"nps","counts":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}', 0) $$);
SELECT try($$ SELECT nps_final(nps_trans('{"version":1,"kind":"nps","counts":[9223372036854775806,0,0,0,0,0,0,0,0,0,1]}', 10)) $$);
SELECT try($$ SELECT csat_trans('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,0,0,0,9223372036854775807]}', 5) $$);
SELECT try($$ SELECT churn_trans('{"version":1,"responses":9223372036854775807,"score_sum":0,"latest_score":0,"latest_at_us":0,"as_of_us":0}', 0, '2000-01-01 00:00:00+00', '2000-01-01 00:00:00+00') $$);

-- Parameters are checked on rows with a NULL score too.
SELECT try($$ SELECT csat(NULL::int, 99) $$);
SELECT try($$ SELECT ces(NULL::int, NULL) $$);

