-- make demo, end to end: the sample data set and the report, so a change
-- that breaks the demo fails make test.  Runs last: it replaces the
-- responses table of the earlier tests.
DROP TABLE responses CASCADE;
\i demo/sample_data.sql
\i demo/report.sql
