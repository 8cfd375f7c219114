-- state_io.sql: text round trips of the state types: the canonical text of
-- every summary type survives a round trip, whitespace is printed canonically
--
-- pgTAP, run by pg_prove in a database where pgtap and nps_ext are installed;
-- sql/state_io.sql holds the pg_regress tests of the same feature.  The data are
-- deterministic (hash-derived, no random()).
BEGIN;
-- No hand-counted plan: finish() states the number of assertions that ran,
-- and a file that dies before it has no plan, which pg_prove reports as a failure.
SELECT * FROM no_plan();

SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}'),
                    ('{"version":1,"kind":"nps","counts":[1,2,3,4,5,6,7,8,9,10,11]}'),
                    ('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,9223372036854775807]}')) t(v)
                  WHERE v::nps_summary::text <> v OR v::nps_summary::text::nps_summary::text <> v$$,
                'nps_summary: canonical text survives ::nps_summary::text');

SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}'),
                    ('{"version":1,"kind":"csat","scale_max":3,"satisfied_from":2,"counts":[4,5,6]}'),
                    ('{"version":1,"kind":"csat","scale_max":5,"satisfied_from":4,"counts":[5,5,10,20,10]}'),
                    ('{"version":1,"kind":"csat","scale_max":10,"satisfied_from":10,"counts":[1,2,3,4,5,6,7,8,9,10]}')) t(v)
                  WHERE v::csat_summary::text <> v OR v::csat_summary::text::csat_summary::text <> v$$,
                'csat_summary: canonical text survives ::csat_summary::text');

SELECT is_empty($$SELECT v FROM (VALUES
                    ('{"version":1,"kind":"ces","scale_max":null,"counts":[]}'),
                    ('{"version":1,"kind":"ces","scale_max":7,"counts":[1,0,0,0,0,0,2]}'),
                    ('{"version":1,"kind":"ces","scale_max":10,"counts":[0,0,0,0,0,0,0,0,0,3]}')) t(v)
                  WHERE v::ces_summary::text <> v OR v::ces_summary::text::ces_summary::text <> v$$,
                'ces_summary: canonical text survives ::ces_summary::text');

SELECT is(' { "version" : 1 , "kind" : "nps" , "counts" : [ 1 , 0,0,0,0,0,0,0,0,0, 2 ] } '::nps_summary::text,
          '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,0,0,0,2]}',
          'nps_summary: input with whitespace is printed canonically');

SELECT * FROM finish();
ROLLBACK;
