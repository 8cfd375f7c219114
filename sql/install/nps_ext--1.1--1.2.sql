-- nps_ext 1.1 -> 1.2.  Everything else 1.2 changes is in the library
-- (fixes to churn_risk, the statistics, the weighted NPS and stored
-- summaries with STORAGE = extended; PostgreSQL 16 to 18), see
-- CHANGELOG.md.  Here: the hash operator classes of the summary types get
-- their extended (seeded, 64-bit) hash function, support function 2, so
-- that a table can be partitioned by hash of a summary column.
--
-- Written for a hostile search_path: every name is qualified with
-- @extschema@ or pg_catalog.
\echo Use "ALTER EXTENSION nps_ext UPDATE TO '1.2'" to load this file. \quit

CREATE FUNCTION @extschema@.nps_summary_hash_extended(@extschema@.nps_summary, pg_catalog.int8)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'score_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_summary_hash_extended(@extschema@.nps_summary, pg_catalog.int8) IS 'Seeded 64-bit hash of a nps_summary value, consistent with = (hash partitioning)';
ALTER OPERATOR FAMILY @extschema@.nps_summary_hash_ops USING hash
    ADD FUNCTION 2 @extschema@.nps_summary_hash_extended(@extschema@.nps_summary, pg_catalog.int8);

CREATE FUNCTION @extschema@.csat_summary_hash_extended(@extschema@.csat_summary, pg_catalog.int8)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'score_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_summary_hash_extended(@extschema@.csat_summary, pg_catalog.int8) IS 'Seeded 64-bit hash of a csat_summary value, consistent with = (hash partitioning)';
ALTER OPERATOR FAMILY @extschema@.csat_summary_hash_ops USING hash
    ADD FUNCTION 2 @extschema@.csat_summary_hash_extended(@extschema@.csat_summary, pg_catalog.int8);

CREATE FUNCTION @extschema@.ces_summary_hash_extended(@extschema@.ces_summary, pg_catalog.int8)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'score_summary_hash_extended'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_summary_hash_extended(@extschema@.ces_summary, pg_catalog.int8) IS 'Seeded 64-bit hash of a ces_summary value, consistent with = (hash partitioning)';
ALTER OPERATOR FAMILY @extschema@.ces_summary_hash_ops USING hash
    ADD FUNCTION 2 @extschema@.ces_summary_hash_extended(@extschema@.ces_summary, pg_catalog.int8);
