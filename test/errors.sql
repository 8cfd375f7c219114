-- errors.sql: every error path of nps_ext with its SQLSTATE.
--
--   22003 numeric_value_out_of_range     score outside the scale, non-integer score
--   22023 invalid_parameter_value        bad scale arguments, scale or as_of changing
--                                        within a group, incompatible combine, bad inverse
--   22004 null_value_not_allowed         NULL scale_max / satisfied_from / as_of / state
--   22008 datetime_field_overflow        infinite responded_at / as_of
--   22P02 invalid_text_representation    malformed text input of the state types
--   22023 also: invalid weights, confidence, interval method, min_responses,
--         rollup of incompatible summaries; 22003 also: weights out of range,
--         rollups that overflow
--
-- The binary receive functions take `internal` and cannot be called from SQL;
-- binary I/O is covered by the pg_regress suite, not here.
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

-- ===========================================================================
-- nps(): scores must be integers 0..10 (22003), for every input type
-- ===========================================================================
SELECT throws_ok($$SELECT nps(-1)$$, '22003', 'NPS score -1 is out of range', 'nps(int4 -1) is out of range');
SELECT throws_ok($$SELECT nps(11)$$, '22003', 'NPS score 11 is out of range', 'nps(int4 11) is out of range');
SELECT throws_ok($$SELECT nps((-1)::smallint)$$, '22003', 'NPS score -1 is out of range', 'nps(int2 -1) is out of range');
SELECT throws_ok($$SELECT nps(11::smallint)$$, '22003', 'NPS score 11 is out of range', 'nps(int2 11) is out of range');
SELECT throws_ok($$SELECT nps((-1)::bigint)$$, '22003', NULL, 'nps(int8 -1) is out of range');
SELECT throws_ok($$SELECT nps(11::bigint)$$, '22003', NULL, 'nps(int8 11) is out of range');
SELECT throws_ok($$SELECT nps(99999999999::bigint)$$, '22003', 'NPS score 99999999999 is out of range',
                 'nps(int8 99999999999) is out of range, not truncated to int4');
SELECT throws_ok($$SELECT nps((-9223372036854775808)::bigint)$$, '22003', NULL, 'nps(int8 minimum) is out of range');
SELECT throws_ok($$SELECT nps((-1)::numeric)$$, '22003', NULL, 'nps(numeric -1) is out of range');
SELECT throws_ok($$SELECT nps(11::numeric)$$, '22003', 'NPS score 11 is out of range', 'nps(numeric 11) is out of range');
SELECT throws_ok($$SELECT nps(6.5::numeric)$$, '22003', 'NPS score 6.5 is not an integer',
                 'nps(6.5) is an error, never bucketed');
SELECT throws_ok($$SELECT nps(8.5::numeric)$$, '22003', 'NPS score 8.5 is not an integer', 'nps(8.5) is an error');
SELECT throws_ok($$SELECT nps(9.0000000001::numeric)$$, '22003', NULL, 'nps(9.0000000001) is an error');
SELECT throws_ok($$SELECT nps('NaN'::numeric)$$, '22003', 'NPS score NaN is out of range', 'nps(NaN) is out of range');
SELECT throws_ok($$SELECT nps('Infinity'::numeric)$$, '22003', 'NPS score Infinity is out of range', 'nps(Infinity) is out of range');
SELECT throws_ok($$SELECT nps('-Infinity'::numeric)$$, '22003', NULL, 'nps(-Infinity) is out of range');
SELECT throws_ok($$SELECT nps(1e100::numeric)$$, '22003', NULL, 'nps(1e100) is out of range (no int4 overflow)');
SELECT throws_ok($$SELECT nps(99999999999::numeric)$$, '22003', NULL, 'nps(numeric 99999999999) is out of range');
SELECT throws_ok($$SELECT nps(s) FROM (VALUES (9), (10), (NULL), (12), (0)) v(s)$$, '22003', 'NPS score 12 is out of range',
                 'one bad score among good ones fails the whole aggregate');
SELECT throws_ok($$SELECT nps(s) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                   FROM (VALUES (1, 9), (2, 10), (3, 11)) v(i, s)$$, '22003', NULL,
                 'nps() as a moving window aggregate rejects a bad score too');

-- ===========================================================================
-- csat(): scores on 1..scale_max (22003), scale arguments (22023, 22004)
-- ===========================================================================
SELECT throws_ok($$SELECT csat(0)$$, '22003', 'CSAT score 0 is out of range', 'csat(0) is out of the default 1..5 scale');
SELECT throws_ok($$SELECT csat(6)$$, '22003', 'CSAT score 6 is out of range', 'csat(6) is out of the default 1..5 scale');
SELECT throws_ok($$SELECT csat(0::smallint)$$, '22003', NULL, 'csat(int2 0) is out of range');
SELECT throws_ok($$SELECT csat(6::bigint)$$, '22003', NULL, 'csat(int8 6) is out of range');
SELECT throws_ok($$SELECT csat(99999999999::bigint)$$, '22003', NULL, 'csat(int8 99999999999) is out of range');
SELECT throws_ok($$SELECT csat(6::numeric)$$, '22003', NULL, 'csat(numeric 6) is out of range');
SELECT throws_ok($$SELECT csat(4.5::numeric)$$, '22003', 'CSAT score 4.5 is not an integer', 'csat(4.5) is an error');
SELECT throws_ok($$SELECT csat('NaN'::numeric)$$, '22003', NULL, 'csat(NaN) is out of range');
SELECT throws_ok($$SELECT csat('Infinity'::numeric, 7)$$, '22003', NULL, 'csat(Infinity, 7) is out of range');
SELECT throws_ok($$SELECT csat(8, 7)$$, '22003', 'CSAT score 8 is out of range', 'csat(8, 7) is out of the 1..7 scale');
SELECT throws_ok($$SELECT csat(0, 7, 6)$$, '22003', NULL, 'csat(0, 7, 6) is out of the 1..7 scale');
SELECT throws_ok($$SELECT csat(11::numeric, 10)$$, '22003', NULL, 'csat(numeric 11, 10) is out of the 1..10 scale');
SELECT throws_ok($$SELECT csat(1, 2)$$, '22023', 'CSAT scale_max 2 is out of range', 'csat scale_max 2 is too small');
SELECT throws_ok($$SELECT csat(1, 11)$$, '22023', 'CSAT scale_max 11 is out of range', 'csat scale_max 11 is too large');
SELECT throws_ok($$SELECT csat(1, -5)$$, '22023', NULL, 'csat scale_max -5 is invalid');
SELECT throws_ok($$SELECT csat(1::bigint, 2)$$, '22023', NULL, 'csat(int8, 2): scale_max 2 is too small');
SELECT throws_ok($$SELECT csat(1::numeric, 11, 5)$$, '22023', NULL, 'csat(numeric, 11, 5): scale_max 11 is too large');
SELECT throws_ok($$SELECT csat(3, 5, 1)$$, '22023', 'CSAT satisfied_from 1 is out of range', 'csat satisfied_from 1 is too small');
SELECT throws_ok($$SELECT csat(3, 5, 6)$$, '22023', 'CSAT satisfied_from 6 is out of range', 'csat satisfied_from above scale_max');
SELECT throws_ok($$SELECT csat(3, 7, 8)$$, '22023', NULL, 'csat satisfied_from 8 on scale 7');
SELECT throws_ok($$SELECT csat(3::smallint, 10, 11)$$, '22023', NULL, 'csat(int2) satisfied_from 11 on scale 10');
SELECT throws_ok($$SELECT csat(3, NULL::int)$$, '22004', 'CSAT scale_max must not be null', 'csat scale_max NULL');
SELECT throws_ok($$SELECT csat(3, NULL::int, 4)$$, '22004', 'CSAT scale_max must not be null', 'csat scale_max NULL with satisfied_from');
SELECT throws_ok($$SELECT csat(3, 5, NULL::int)$$, '22004', 'CSAT satisfied_from must not be null', 'csat satisfied_from NULL');
SELECT throws_ok($$SELECT csat(3::numeric, 5, NULL::int)$$, '22004', NULL, 'csat(numeric) satisfied_from NULL');
SELECT throws_ok($$SELECT csat(s, m) FROM (VALUES (3, 5), (4, 5)) v(s, m)$$, '22023',
                 'csat() argument scale_max must not reference the aggregated rows',
                 'csat scale_max read from a column (a weight column would be misread)');
SELECT throws_ok($$SELECT csat_agg(s, 5, f) FROM (VALUES (3, 4), (4, 4)) v(s, f)$$, '22023',
                 'csat_agg() argument satisfied_from must not reference the aggregated rows',
                 'csat_agg satisfied_from read from a column');
SELECT lives_ok($$SELECT survey.m, x.csat FROM (VALUES (5), (7)) AS survey(m),
                  LATERAL (SELECT csat(s, survey.m) FROM (VALUES (3), (4)) v(s)) x$$,
                'a scale taken from the outer row of a LATERAL subquery is fine');
SELECT throws_ok($$SELECT csat(s, m, 4, 1.0) FROM (VALUES (3, 5), (4, 7)) v(s, m)$$, '22023',
                 'CSAT scale must be the same for every row of a group', 'csat scale_max changing within a group');
SELECT throws_ok($$SELECT csat(s, 5, f, 1.0) FROM (VALUES (3, 4), (4, 5)) v(s, f)$$, '22023',
                 'CSAT scale must be the same for every row of a group', 'csat satisfied_from changing within a group');
SELECT throws_ok($$SELECT csat(s, m, 4, 1.0) FROM (VALUES (3, 5), (NULL, 5), (4, 6)) v(s, m)$$, '22023', NULL,
                 'csat scale changing after a NULL score');
SELECT throws_ok($$SELECT csat(s, m, 4, 1.0) FROM (VALUES (3, 5), (NULL, 6)) v(s, m)$$, '22023', NULL,
                 'csat scale changing on a NULL score');
SELECT lives_ok($$SELECT g, csat(s, m, 4, 1.0) FROM (VALUES (1, 3, 5), (2, 4, 7)) v(g, s, m) GROUP BY g$$,
                'different scales in different groups are fine');
SELECT throws_ok($$SELECT csat(s) OVER (ORDER BY s ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                   FROM (VALUES (1), (5), (6)) v(s)$$, '22003', NULL,
                 'csat() as a moving window aggregate rejects a bad score too');
SELECT throws_ok($$SELECT csat_trans(NULL::csat_summary, 3)$$, '22004', 'summary state must not be null',
                 'csat_trans with a NULL state');

-- ===========================================================================
-- ces(): scores on 1..scale_max (22003), scale argument (22023, 22004)
-- ===========================================================================
SELECT throws_ok($$SELECT ces(0)$$, '22003', 'CES score 0 is out of range', 'ces(0) is out of the default 1..7 scale');
SELECT throws_ok($$SELECT ces(8)$$, '22003', 'CES score 8 is out of range', 'ces(8) is out of the default 1..7 scale');
SELECT throws_ok($$SELECT ces(8::smallint)$$, '22003', NULL, 'ces(int2 8) is out of range');
SELECT throws_ok($$SELECT ces((-3)::bigint)$$, '22003', NULL, 'ces(int8 -3) is out of range');
SELECT throws_ok($$SELECT ces(3.5::numeric)$$, '22003', 'CES score 3.5 is not an integer', 'ces(3.5) is an error');
SELECT throws_ok($$SELECT ces('NaN'::numeric)$$, '22003', NULL, 'ces(NaN) is out of range');
SELECT throws_ok($$SELECT ces(6, 5)$$, '22003', 'CES score 6 is out of range', 'ces(6, 5) is out of the 1..5 scale');
SELECT throws_ok($$SELECT ces(1, 2)$$, '22023', 'CES scale_max 2 is out of range', 'ces scale_max 2 is too small');
SELECT throws_ok($$SELECT ces(1, 11)$$, '22023', 'CES scale_max 11 is out of range', 'ces scale_max 11 is too large');
SELECT throws_ok($$SELECT ces(1::numeric, 0)$$, '22023', NULL, 'ces(numeric) scale_max 0 is invalid');
SELECT throws_ok($$SELECT ces(3, NULL::int)$$, '22004', 'CES scale_max must not be null', 'ces scale_max NULL');
SELECT throws_ok($$SELECT ces(3::bigint, NULL::int)$$, '22004', NULL, 'ces(int8) scale_max NULL');
SELECT throws_ok($$SELECT ces(s, m) FROM (VALUES (3, 5), (4, 5)) v(s, m)$$, '22023',
                 'ces() argument scale_max must not reference the aggregated rows',
                 'ces scale_max read from a column (a weight column would be misread)');
SELECT throws_ok($$SELECT ces(s, m, 1.0) FROM (VALUES (3, 5), (4, 7)) v(s, m)$$, '22023',
                 'CES scale must be the same for every row of a group', 'ces scale changing within a group');
SELECT throws_ok($$SELECT ces(s, m, w) FROM (VALUES (3, 5, 1.0), (4, 7, NULL)) v(s, m, w)$$, '22023',
                 'CES scale must be the same for every row of a group', 'ces scale changing on a row with a NULL weight');
SELECT throws_ok($$SELECT ces_trans(NULL::ces_summary, 3)$$, '22004', NULL, 'ces_trans with a NULL state');

-- ===========================================================================
-- churn_risk()
-- ===========================================================================
SELECT throws_ok($$SELECT churn_risk(11, '2024-01-01'::timestamptz, '2024-06-01'::timestamptz)$$, '22003',
                 'NPS score 11 is out of range', 'churn_risk score 11 is out of range');
SELECT throws_ok($$SELECT churn_risk(-1, '2024-01-01'::timestamptz, '2024-06-01'::timestamptz)$$, '22003', NULL,
                 'churn_risk score -1 is out of range');
SELECT throws_ok($$SELECT churn_risk(11, '2000-01-01'::timestamptz)$$, '22003', NULL,
                 'churn_risk(score, responded_at) score 11 is out of range');
SELECT throws_ok($$SELECT churn_risk(5, 'infinity'::timestamptz, '2024-06-01'::timestamptz)$$, '22008',
                 'churn_risk responded_at must be finite', 'churn_risk responded_at infinity');
SELECT throws_ok($$SELECT churn_risk(5, '-infinity'::timestamptz, '2024-06-01'::timestamptz)$$, '22008', NULL,
                 'churn_risk responded_at -infinity');
SELECT throws_ok($$SELECT churn_risk(5, '-infinity'::timestamptz)$$, '22008', NULL,
                 'churn_risk(score, responded_at) responded_at -infinity');
SELECT throws_ok($$SELECT churn_risk(5, '2024-01-01'::timestamptz, 'infinity'::timestamptz)$$, '22008',
                 'churn_risk as_of must be finite', 'churn_risk as_of infinity');
SELECT throws_ok($$SELECT churn_risk(5, '2024-01-01'::timestamptz, '-infinity'::timestamptz)$$, '22008', NULL,
                 'churn_risk as_of -infinity');
SELECT throws_ok($$SELECT churn_risk(5, '2024-01-01'::timestamptz, NULL::timestamptz)$$, '22004',
                 'churn_risk as_of must not be null', 'churn_risk as_of NULL');
SELECT throws_ok($$SELECT churn_risk(s, t, a)
                   FROM (VALUES (5, '2024-01-01'::timestamptz, '2024-06-01'::timestamptz),
                                (6, '2024-01-02'::timestamptz, '2024-06-02'::timestamptz)) v(s, t, a)$$, '22023',
                 'churn_risk as_of must be the same for every row of a group', 'churn_risk as_of changing within a group');
SELECT throws_ok($$SELECT churn_trans(NULL::churn_state, 5, now())$$, '22004', 'churn_risk state must not be null',
                 'churn_trans with a NULL state');
SELECT throws_ok($$SELECT churn_combine(
                     '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":0,"as_of_us":1000}',
                     '{"version":1,"responses":1,"score_sum":7,"latest_score":7,"latest_at_us":0,"as_of_us":2000}')$$, '22023',
                 'cannot combine churn_risk states with different as_of', 'churn_combine of states with different as_of');
SELECT throws_ok($$SELECT churn_combine(
                     '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":0,"as_of_us":1000}',
                     '{"version":1,"responses":1,"score_sum":7,"latest_score":7,"latest_at_us":0,"as_of_us":null}')$$, '22023', NULL,
                 'churn_combine of a 3-argument state with a 2-argument state');

-- ===========================================================================
-- combine functions: incompatible states (22023), overflow (22003)
-- ===========================================================================
SELECT throws_ok($$SELECT csat_combine(
                     '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}',
                     '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":5,"counts":[1,1,1,1,1]}')$$, '22023',
                 'cannot combine CSAT summaries on different scales', 'csat_combine with different satisfied_from');
SELECT throws_ok($$SELECT csat_combine(
                     '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}',
                     '{"version":1,"kind":"csat","scale_max":7,"satisfied_from":6,"counts":[1,1,1,1,1,1,1]}')$$, '22023', NULL,
                 'csat_combine with different scale_max');
SELECT throws_ok($$SELECT ces_combine(
                     '{"version":1,"kind":"ces","scale_max":7,"counts":[1,0,0,0,0,0,0]}',
                     '{"version":1,"kind":"ces","scale_max":5,"counts":[1,0,0,0,0]}')$$, '22023',
                 'cannot combine CES summaries on different scales', 'ces_combine with different scale_max');
SELECT throws_ok($$SELECT nps_combine(
                     '{"version":1,"kind":"nps","counts":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}',
                     '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,0,0]}')$$, '22003',
                 'cannot combine NPS summaries: the result is out of range', 'nps_combine: a count overflows');
SELECT throws_ok($$SELECT nps_combine(
                     '{"version":1,"kind":"nps","counts":[9223372036854775807,0,0,0,0,0,0,0,0,0,0]}',
                     '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1]}')$$, '22003', NULL,
                 'nps_combine: the total overflows');
SELECT throws_ok($$SELECT churn_combine(
                     '{"version":1,"responses":9223372036854775807,"score_sum":9223372036854775807,"latest_score":5,"latest_at_us":0,"as_of_us":null}',
                     '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":0,"as_of_us":null}')$$, '22003', NULL,
                 'churn_combine: the response count overflows');

-- ===========================================================================
-- inverse functions: removing a score that was never added (22023)
-- ===========================================================================
SELECT throws_ok($$SELECT nps_inverse('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary, 5)$$, '22023',
                 'NPS summary holds no response with score 5 to remove', 'nps_inverse of a score never added');
SELECT throws_ok($$SELECT nps_inverse('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0]}'::nps_summary, 10::numeric)$$, '22023', NULL,
                 'nps_inverse(numeric) of a score never added');
SELECT throws_ok($$SELECT nps_inverse('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0]}'::nps_summary, 11)$$, '22003', NULL,
                 'nps_inverse of an out-of-range score is 22003');
SELECT throws_ok($$SELECT csat_inverse('{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}'::csat_summary, 3)$$, '22023',
                 'CSAT summary holds no response with score 3 to remove', 'csat_inverse on an empty summary');
SELECT throws_ok($$SELECT csat_inverse('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,0,0,0,0]}'::csat_summary, 2)$$, '22023', NULL,
                 'csat_inverse of a score never added');
SELECT throws_ok($$SELECT ces_inverse('{"version":1,"kind":"ces","scale_max":7,"counts":[0,0,0,0,0,0,1]}'::ces_summary, 6::bigint)$$, '22023', NULL,
                 'ces_inverse(int8) of a score never added');
SELECT throws_ok($$SELECT csat_inverse('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,0,0,0,0]}'::csat_summary, 1, 7)$$, '22023', NULL,
                 'csat_inverse with a different scale than the summary');

-- ===========================================================================
-- Text input (22P02)
-- ===========================================================================
-- nps_summary
SELECT throws_ok($$SELECT ''::nps_summary$$, '22P02', 'invalid input syntax for type nps_summary: ""', 'nps_summary: empty string');
SELECT throws_ok($$SELECT 'garbage'::nps_summary$$, '22P02', NULL, 'nps_summary: not JSON');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]'::nps_summary$$, '22P02',
                 'invalid input syntax for type nps_summary: "{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]"',
                 'nps_summary: truncated (no closing brace)');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0'::nps_summary$$, '22P02', NULL, 'nps_summary: truncated inside counts');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps"'::nps_summary$$, '22P02', NULL, 'nps_summary: truncated before counts');
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: wrong version');
SELECT throws_ok($$SELECT '{"version":0,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: version 0');
SELECT throws_ok($$SELECT '{"kind":"nps","version":1,"counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: keys out of order');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: wrong kind csat');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":7,"counts":[0,0,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: a ces summary');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,-1,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: negative count');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: 10 counts, not 11');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$, '22P02', NULL, 'nps_summary: a count outside the scale (12 counts)');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[]}'::nps_summary$$, '22P02', NULL, 'nps_summary: no counts');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}x'::nps_summary$$, '22P02', NULL, 'nps_summary: trailing garbage');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}{}'::nps_summary$$, '22P02', NULL, 'nps_summary: two values');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1.5]}'::nps_summary$$, '22P02', NULL, 'nps_summary: fractional count');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1e3]}'::nps_summary$$, '22P02', NULL, 'nps_summary: exponent in a count');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,01]}'::nps_summary$$, '22P02', NULL, 'nps_summary: leading zero');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,"1"]}'::nps_summary$$, '22P02', NULL, 'nps_summary: count as a string');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,9223372036854775808]}'::nps_summary$$, '22P02', NULL, 'nps_summary: count beyond bigint');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[9223372036854775807,0,0,0,0,0,0,0,0,0,1]}'::nps_summary$$, '22P02', NULL, 'nps_summary: total beyond bigint');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","scale_max":10,"counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary$$, '22P02', NULL, 'nps_summary: unexpected scale_max key');

-- csat_summary
SELECT throws_ok($$SELECT ''::csat_summary$$, '22P02', NULL, 'csat_summary: empty string');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,2'::csat_summary$$, '22P02', NULL, 'csat_summary: truncated');
SELECT throws_ok($$SELECT '{"version":9,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: wrong version');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: wrong kind nps');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":5,"satisfied_from":4,"counts":[0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: wrong kind ces');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,-2,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: negative count');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,0,0,0,0,1]}'::csat_summary$$, '22P02', NULL, 'csat_summary: a count outside the scale (6 counts on 1..5)');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: 4 counts on 1..5');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,0,0,0,0]} trailing'::csat_summary$$, '22P02', NULL, 'csat_summary: trailing garbage');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":4,"counts":[]}'::csat_summary$$, '22P02',
                 'invalid input syntax for type csat_summary: "{"version":1,"kind":"csat","scale_max":null,"satisfied_from":4,"counts":[]}"',
                 'csat_summary: scale_max null with satisfied_from set');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":null,"counts":[0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: scale_max set with satisfied_from null');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[1]}'::csat_summary$$, '22P02', NULL, 'csat_summary: counts without a scale');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":2,"satisfied_from":2,"counts":[0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: scale_max 2');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":11,"satisfied_from":10,"counts":[0,0,0,0,0,0,0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: scale_max 11');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":1,"counts":[0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: satisfied_from 1');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":6,"counts":[0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: satisfied_from above scale_max');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":5,"counts":[0,0,0,0,0]}'::csat_summary$$, '22P02', NULL, 'csat_summary: satisfied_from key missing');

-- ces_summary
SELECT throws_ok($$SELECT ''::ces_summary$$, '22P02', NULL, 'ces_summary: empty string');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":7,"counts":[0,0,0'::ces_summary$$, '22P02', NULL, 'ces_summary: truncated');
SELECT throws_ok($$SELECT '{"version":3,"kind":"ces","scale_max":7,"counts":[0,0,0,0,0,0,0]}'::ces_summary$$, '22P02', NULL, 'ces_summary: wrong version');
SELECT throws_ok($$SELECT '{"version":1,"kind":"csat","scale_max":7,"counts":[0,0,0,0,0,0,0]}'::ces_summary$$, '22P02', NULL, 'ces_summary: wrong kind csat');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":7,"counts":[0,0,0,0,0,0,-1]}'::ces_summary$$, '22P02', NULL, 'ces_summary: negative count');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":7,"counts":[0,0,0,0,0,0,0,1]}'::ces_summary$$, '22P02', NULL, 'ces_summary: a count outside the scale (8 counts on 1..7)');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":7,"counts":[0,0,0,0,0,0,0]},'::ces_summary$$, '22P02', NULL, 'ces_summary: trailing garbage');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":7,"satisfied_from":5,"counts":[0,0,0,0,0,0,0]}'::ces_summary$$, '22P02', NULL, 'ces_summary: satisfied_from key');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":null,"counts":[0]}'::ces_summary$$, '22P02', NULL, 'ces_summary: counts without a scale');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":1,"counts":[0]}'::ces_summary$$, '22P02', NULL, 'ces_summary: scale_max 1');
SELECT throws_ok($$SELECT '{"version":1,"kind":"ces","scale_max":12,"counts":[0,0,0,0,0,0,0,0,0,0,0,0]}'::ces_summary$$, '22P02', NULL, 'ces_summary: scale_max 12');

-- churn_state
SELECT throws_ok($$SELECT ''::churn_state$$, '22P02', NULL, 'churn_state: empty string');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":5,"latest_score":5'::churn_state$$, '22P02', NULL, 'churn_state: truncated');
SELECT throws_ok($$SELECT '{"version":2,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: wrong version');
SELECT throws_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::churn_state$$, '22P02', NULL, 'churn_state: an nps summary (wrong kind of state)');
SELECT throws_ok($$SELECT '{"version":1,"responses":-1,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: negative responses');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":-5,"latest_score":5,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: negative score_sum');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":11,"latest_score":11,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: latest_score 11 is outside the scale');
SELECT throws_ok($$SELECT '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}!'::churn_state$$, '22P02', NULL, 'churn_state: trailing garbage');
SELECT throws_ok($$SELECT '{"version":1,"responses":0,"score_sum":0,"latest_score":5,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: a latest score without responses');
SELECT throws_ok($$SELECT '{"version":1,"responses":0,"score_sum":3,"latest_score":null,"latest_at_us":null,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: a score sum without responses');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":5,"latest_score":null,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: responses without a latest score');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":null,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: responses without a latest time');
SELECT throws_ok($$SELECT '{"version":1,"responses":2,"score_sum":3,"latest_score":5,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: score_sum below latest_score');
SELECT throws_ok($$SELECT '{"version":1,"responses":2,"score_sum":21,"latest_score":5,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: score_sum above 10 per response');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":9223372036854775807,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: latest_at_us is infinity');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":0,"as_of_us":-9223372036854775808}'::churn_state$$, '22P02', NULL, 'churn_state: as_of_us is -infinity');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":0.5,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: fractional time');
SELECT throws_ok($$SELECT '{"version":1,"score_sum":5,"responses":1,"latest_score":5,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL, 'churn_state: keys out of order');
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":5,"latest_score":5,"latest_at_us":0}'::churn_state$$, '22P02', NULL, 'churn_state: as_of_us key missing');

-- Regression (found by this suite): churn_state input once accepted states no
-- response history can produce.  The earlier responses (responses - 1 of
-- them) must sum to score_sum - latest_score, which lies in
-- 0 .. 10 * (responses - 1); these two break that and are rejected.
SELECT throws_ok($$SELECT '{"version":1,"responses":1,"score_sum":7,"latest_score":3,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL,
                 'churn_state: one response whose score_sum is not its latest_score is rejected');
SELECT throws_ok($$SELECT '{"version":1,"responses":2,"score_sum":20,"latest_score":0,"latest_at_us":0,"as_of_us":null}'::churn_state$$, '22P02', NULL,
                 'churn_state: earlier responses summing above 10 each are rejected');

-- The canonical forms themselves are accepted (so the failures above are
-- about the defects, not about the surrounding syntax).
SELECT lives_ok($$SELECT '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'::nps_summary,
                         '{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[0,0,0,0,0]}'::csat_summary,
                         '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}'::csat_summary,
                         '{"version":1,"kind":"ces","scale_max":7,"counts":[0,0,0,0,0,0,0]}'::ces_summary,
                         '{"version":1,"kind":"ces","scale_max":null,"counts":[]}'::ces_summary,
                         '{"version":1,"responses":2,"score_sum":12,"latest_score":5,"latest_at_us":0,"as_of_us":null}'::churn_state,
                         '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":1000}'::churn_state$$,
                'the canonical text forms of all four types are accepted');

-- ===========================================================================
-- 1.1: weights (22023 invalid, 22003 out of range), statistics arguments
-- (22023), rollup (22023 incompatible, 22003 overflow), weighted text input
-- (22P02)
-- ===========================================================================
SELECT throws_ok($$SELECT nps(9, -1.0)$$, '22023', 'NPS weight -1 is invalid', 'a negative weight is invalid');
SELECT throws_ok($$SELECT nps(9, 'NaN'::float8)$$, '22023', 'NPS weight NaN is invalid', 'a NaN weight is invalid');
SELECT throws_ok($$SELECT nps_agg(9, '-Infinity'::float8)$$, '22023', 'NPS weight -Infinity is invalid', 'an infinite weight is invalid');
SELECT throws_ok($$SELECT csat(4, 5, 4, 'Infinity'::float8)$$, '22023', 'CSAT weight Infinity is invalid', 'csat: an infinite weight is invalid');
SELECT throws_ok($$SELECT ces(NULL::int, 7, -2.0)$$, '22023', 'CES weight -2 is invalid', 'ces: a negative weight is invalid even with a NULL score');
SELECT throws_ok($$SELECT nps(9, 1e101)$$, '22003', 'NPS weight 1e+101 is out of range', 'a weight above 1e100 is out of range');
SELECT throws_ok($$SELECT nps(9, 1e-101)$$, '22003', 'NPS weight 1e-101 is out of range', 'a positive weight below 1e-100 is out of range');
SELECT throws_ok($$SELECT csat(4, NULL, 4, 1.0)$$, '22004', 'CSAT scale_max must not be null', 'weighted csat: NULL scale_max');
SELECT throws_ok($$SELECT nps_weighted_trans('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}', 9, 1.0)$$,
                 '22023', 'a weighted transition needs a weighted NPS summary', 'weighted transition on an unweighted state');

SELECT throws_ok($$SELECT nps_margin('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}', 0)$$, '22023', 'confidence 0 is out of range', 'confidence 0');
SELECT throws_ok($$SELECT nps_ci_upper('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}', 1.0)$$, '22023', 'confidence 1 is out of range', 'confidence 1');
SELECT throws_ok($$SELECT csat_ci_lower('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}', 1.5)$$,
                 '22023', 'confidence 1.5 is out of range', 'csat: confidence 1.5');
SELECT throws_ok($$SELECT ces_ci_upper('{"version":1,"kind":"ces","scale_max":7,"counts":[1,1,1,1,1,1,1]}', 'NaN')$$,
                 '22023', 'confidence NaN is out of range', 'ces: confidence NaN');
SELECT throws_ok($$SELECT nps_ci_lower('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}', 0.95, 'Wald')$$, '22023', 'NPS interval method "Wald" is not supported',
                 'method names are exact');
SELECT throws_ok($$SELECT csat_ci_upper('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}', 0.95, 'adjusted_wald')$$,
                 '22023', 'CSAT interval method "adjusted_wald" is not supported', 'csat has wilson and wald only');
SELECT throws_ok($$SELECT nps_test('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}', '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}', -3)$$, '22023', 'min_responses -3 is out of range', 'min_responses below 1');

SELECT throws_ok($$SELECT rollup(c) FROM (VALUES ('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[1,1,1,1,1]}'::csat_summary),
                                                 ('{"version":1,"kind":"csat","scale_max":7,"satisfied_from":6,"counts":[1,1,1,1,1,1,1]}')) AS v(c)$$,
                 '22023', 'cannot roll up CSAT summaries on different scales', 'rollup refuses another scale');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0]}'::nps_summary),
                                                 ('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}')) AS v(s)$$,
                 '22023', 'cannot roll up a weighted NPS summary with an unweighted one', 'rollup refuses mixing weighted and unweighted');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,9223372036854775807,0]}'::nps_summary),
                                                 ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0]}')) AS v(s)$$,
                 '22003', 'cannot roll up NPS summaries: the result is out of range', 'rollup: a count overflowing bigint');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES ('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1e154,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1e308,"weight_sq_error":0}'::nps_summary), ('{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1e154,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1e308,"weight_sq_error":0}')) AS v(s)$$,
                 '22003', 'cannot roll up NPS summaries: the result is out of range', 'rollup: squared weights summing to infinity');
SELECT throws_ok($$SELECT nps_rollup_inverse('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0]}',
                                             '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,2,0]}')$$,
                 '22023', 'cannot subtract an NPS summary that is not part of the other', 'rollup inverse refuses to go negative');

SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,-1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}'::nps_summary$$, '22P02', NULL, 'weighted text: a negative weight sum');
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}'::nps_summary$$,
                 '22P02', NULL, 'weighted text: weight on a score without responses');
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0.5,0],"weight_sq":1,"weight_sq_error":0}'::nps_summary$$, '22P02', NULL, 'weighted text: an error term larger than the sum''s rounding');
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}'::nps_summary$$, '22P02', NULL, 'weighted text: squared weights zero while weights are not');
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1,0],"weight_sq":1,"weight_sq_error":0}'::nps_summary$$,
                 '22P02', NULL, 'weighted text: the weight_errors key is required');
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,1e309,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}'::nps_summary$$, '22P02', NULL, 'weighted text: an infinite weight sum');
SELECT lives_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,1,0],"weights":[0,0,0,0,0,0,0,0,0,0.5,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0.25,"weight_sq_error":0}'::nps_summary$$, 'a valid weighted text form is accepted');

-- Regression (found by the libFuzzer harness): hand-made weighted summaries
-- that no aggregate could produce were accepted and gave NaN or impossible
-- statistics; one weight had two accepted forms that = told apart; \v and
-- \f passed as JSON whitespace.
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[1,1,0,0,0,0,0,0,0,0,0],"weights":[1e+308,1e+308,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1,"weight_sq_error":0}'::nps_summary$$,
                 '22P02', NULL, 'weighted text: weights summing beyond the double range are rejected (were NaN)');
SELECT throws_ok($$SELECT '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[0,0,0,0,0,0,0,0,0,0,1],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":1e-300,"weight_sq_error":0}'::nps_summary$$,
                 '22P02', NULL, 'weighted text: an effective sample size above the number of responses is rejected');
SELECT throws_ok($$SELECT '{"version":2,"kind":"ces","scale_max":3,"counts":[1,0,0],"weights":[1,0,0],"weight_errors":[2.220446049250313e-16,0,0],"weight_sq":1,"weight_sq_error":0}'::ces_summary$$,
                 '22P02', NULL, 'weighted text: a weight sum not in canonical double-double form is rejected');
SELECT lives_ok($$SELECT '{"version":2,"kind":"ces","scale_max":3,"counts":[1,0,0],"weights":[1.0000000000000002,0,0],"weight_errors":[0,0,0],"weight_sq":1.0000000000000004,"weight_sq_error":0}'::ces_summary$$,
                'weighted text: the canonical form of the same weight is accepted');
SELECT throws_ok(format($$SELECT %L::nps_summary$$, E'{"version":1,\x0b"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'),
                 '22P02', NULL, 'vertical tab is not JSON whitespace');

-- Regression (review): the unweighted transition functions accepted a
-- weighted state and left it inconsistent (a removal without its weight).
SELECT throws_ok($$SELECT nps_trans(nps_agg(9, 1.0::float8), 0)$$, '22023',
                 'an unweighted transition needs an unweighted NPS summary', 'nps_trans refuses a weighted state');
SELECT throws_ok($$SELECT csat_inverse(csat_agg(5, 5, 4, 1.0::float8), 5::int, 5, 4)$$, '22023',
                 'an unweighted transition needs an unweighted CSAT summary', 'csat_inverse refuses a weighted state');
SELECT throws_ok($$SELECT nps_trans(nps_agg(9, 1.0::float8), 0.0::numeric)$$, '22023',
                 'an unweighted transition needs an unweighted NPS summary', 'nps_trans(numeric) refuses a weighted state');

-- Format 3 (the exact state of the weighted aggregates): validated like the others.
SELECT throws_ok($$SELECT '{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1,1]],"weight_sq":[1]}'::nps_summary$$,
                 '22P02', NULL, 'format 3: a sum not in its canonical expansion is refused');
SELECT throws_ok($$SELECT '{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[0.5,1]],"weight_sq":[2.25]}'::nps_summary$$,
                 '22P02', NULL, 'format 3: terms out of order are not the canonical expansion');
SELECT throws_ok($$SELECT '{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1]],"weight_sq":[1]}'::nps_summary$$,
                 '22P02', NULL, 'format 3: a score without responses has no weight');
SELECT throws_ok($$SELECT '{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1]],"weight_sq":[0]}'::nps_summary$$,
                 '22P02', NULL, 'format 3: squared weights are zero exactly when all weights are');
SELECT throws_ok($$SELECT nps_trans('{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1]],"weight_sq":[1]}'::nps_summary, 9)$$,
                 '22023', NULL, 'format 3: an unweighted transition refuses the exact state');
SELECT throws_ok($$SELECT rollup(s) FROM (VALUES ('{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1]],"weight_sq":[1]}'::nps_summary),
                                                  ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1]}')) AS v(s)$$,
                 '22023', NULL, 'format 3: rollup refuses it with an unweighted summary');
SELECT throws_ok($$SELECT nps_weighted_trans('{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1.3407807929942597e154]],"weight_sq":[1.7976931348623157e308,9.9792015476736e291,-4.149515568880993e180]}'::nps_summary, 10, 1e100::float8)$$,
                 '22003', NULL, 'format 3: a row taking a hand-made sum of squares beyond the double range is 22003');
SELECT lives_ok($$SELECT nps_weighted_trans('{"version":3,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,1],"weights":[[0],[0],[0],[0],[0],[0],[0],[0],[0],[0],[1.3407807929942597e154]],"weight_sq":[1.7976931348623157e308]}'::nps_summary, 10, 1e100::float8)$$,
                'format 3: a hand-made sum of squares at the largest double still takes a row');

SELECT * FROM finish();
ROLLBACK;
