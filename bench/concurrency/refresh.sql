-- pgbench: refresh the daily summaries without blocking their readers.
-- CONCURRENTLY works on summary columns: PostgreSQL diffs the old and new
-- rows with the record image operator *=, no btree opclass needed.
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;
