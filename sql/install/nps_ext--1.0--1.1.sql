-- nps_ext 1.0 -> 1.1: two-step summaries, rollup(), accessors, survey
-- statistics and weights.  Adds objects only; nothing of 1.0 changes, and
-- summaries stored by 1.0 (format version 1) read back unchanged.
--
-- Written for a hostile search_path: every object of this extension is
-- qualified with @extschema@ and every built-in with pg_catalog.

\echo Use "ALTER EXTENSION nps_ext UPDATE TO '1.1'" to load this file. \quit

-- ---------------------------------------------------------------------------
-- nps_agg(): the Net Promoter Score summary of a group, for storing and rolling up
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.nps_agg_final(@extschema@.nps_summary)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'score_summary_result'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_agg_final(@extschema@.nps_summary) IS 'Final function of nps_agg() and rollup(): a copy of the state, the nps_summary of the group';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int2) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int2) IS 'NPS summary (nps_summary) of smallint 0..10 scores: store it, roll it up, read it with nps(), responses(), promoters(), nps_ci_lower() ...';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int4) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int4) IS 'NPS summary (nps_summary) of integer 0..10 scores: store it, roll it up, read it with nps(), responses(), promoters(), nps_ci_lower() ...';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int8) IS 'NPS summary (nps_summary) of bigint 0..10 scores: store it, roll it up, read it with nps(), responses(), promoters(), nps_ci_lower() ...';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.numeric) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.numeric) IS 'NPS summary (nps_summary) of numeric 0..10 scores: store it, roll it up, read it with nps(), responses(), promoters(), nps_ci_lower() ...';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.float8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.float8) IS 'NPS summary (nps_summary) of double precision 0..10 scores: store it, roll it up, read it with nps(), responses(), promoters(), nps_ci_lower() ...';

-- ---------------------------------------------------------------------------
-- csat_agg(): the CSAT summary of a group, for storing and rolling up
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.csat_agg_final(@extschema@.csat_summary)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'score_summary_result'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_agg_final(@extschema@.csat_summary) IS 'Final function of csat_agg() and rollup(): a copy of the state, the csat_summary of the group';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int2) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int2) IS 'CSAT summary (csat_summary) of smallint scores on the default scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int2, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int2, pg_catalog.int4) IS 'CSAT summary (csat_summary) of smallint scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4) IS 'CSAT summary (csat_summary) of smallint scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int4) IS 'CSAT summary (csat_summary) of integer scores on the default scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int4, pg_catalog.int4) IS 'CSAT summary (csat_summary) of integer scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS 'CSAT summary (csat_summary) of integer scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int8) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int8) IS 'CSAT summary (csat_summary) of bigint scores on the default scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int8, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int8, pg_catalog.int4) IS 'CSAT summary (csat_summary) of bigint scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) IS 'CSAT summary (csat_summary) of bigint scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.numeric) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.numeric) IS 'CSAT summary (csat_summary) of numeric scores on the default scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.numeric, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.numeric, pg_catalog.int4) IS 'CSAT summary (csat_summary) of numeric scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4) IS 'CSAT summary (csat_summary) of numeric scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.float8) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.float8) IS 'CSAT summary (csat_summary) of double precision scores on the default scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.float8, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.float8, pg_catalog.int4) IS 'CSAT summary (csat_summary) of double precision scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4) IS 'CSAT summary (csat_summary) of double precision scores on the given scale: store it, roll it up, read it with csat(), responses(), csat_ci_lower() ...';

-- ---------------------------------------------------------------------------
-- ces_agg(): the Customer Effort Score summary of a group, for storing and rolling up
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.ces_agg_final(@extschema@.ces_summary)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'score_summary_result'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_agg_final(@extschema@.ces_summary) IS 'Final function of ces_agg() and rollup(): a copy of the state, the ces_summary of the group';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int2) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int2) IS 'CES summary (ces_summary) of smallint scores on the default scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int2, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int2, pg_catalog.int4) IS 'CES summary (ces_summary) of smallint scores on the given scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int4) IS 'CES summary (ces_summary) of integer scores on the default scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int4, pg_catalog.int4) IS 'CES summary (ces_summary) of integer scores on the given scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int8) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int8) IS 'CES summary (ces_summary) of bigint scores on the default scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int8, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int8, pg_catalog.int4) IS 'CES summary (ces_summary) of bigint scores on the given scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.numeric) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.numeric) IS 'CES summary (ces_summary) of numeric scores on the default scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.numeric, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.numeric, pg_catalog.int4) IS 'CES summary (ces_summary) of numeric scores on the given scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.float8) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.float8) IS 'CES summary (ces_summary) of double precision scores on the default scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.float8, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.float8, pg_catalog.int4) IS 'CES summary (ces_summary) of double precision scores on the given scale: store it, roll it up, read it with ces(), responses(), ces_ci_lower() ...';

-- ---------------------------------------------------------------------------
-- weighted nps() and nps_agg(): survey weights, the weight last
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.int2, pg_catalog.float8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.int2, pg_catalog.float8) IS 'Transition function of weighted nps(smallint, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted nps(integer, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.int8, pg_catalog.float8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.int8, pg_catalog.float8) IS 'Transition function of weighted nps(bigint, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.numeric, pg_catalog.float8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'weighted_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.numeric, pg_catalog.float8) IS 'Transition function of weighted nps(numeric, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.float8, pg_catalog.float8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'weighted_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_weighted_trans(@extschema@.nps_summary, pg_catalog.float8, pg_catalog.float8) IS 'Transition function of weighted nps(double precision, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE AGGREGATE @extschema@.nps(pg_catalog.int2, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.int2, pg_catalog.float8) IS 'Weighted Net Promoter Score in points: 100 * (promoter weight - detractor weight) / total weight, of smallint scores; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int2, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int2, pg_catalog.float8) IS 'Weighted NPS summary (nps_summary, format 2) of smallint scores: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.nps(pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.int4, pg_catalog.float8) IS 'Weighted Net Promoter Score in points: 100 * (promoter weight - detractor weight) / total weight, of integer scores; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int4, pg_catalog.float8) IS 'Weighted NPS summary (nps_summary, format 2) of integer scores: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.nps(pg_catalog.int8, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.int8, pg_catalog.float8) IS 'Weighted Net Promoter Score in points: 100 * (promoter weight - detractor weight) / total weight, of bigint scores; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.int8, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.int8, pg_catalog.float8) IS 'Weighted NPS summary (nps_summary, format 2) of bigint scores: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.nps(pg_catalog.numeric, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.numeric, pg_catalog.float8) IS 'Weighted Net Promoter Score in points: 100 * (promoter weight - detractor weight) / total weight, of numeric scores; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.numeric, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.numeric, pg_catalog.float8) IS 'Weighted NPS summary (nps_summary, format 2) of numeric scores: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.nps(pg_catalog.float8, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.float8, pg_catalog.float8) IS 'Weighted Net Promoter Score in points: 100 * (promoter weight - detractor weight) / total weight, of double precision scores; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.nps_agg(pg_catalog.float8, pg_catalog.float8) (
    SFUNC = @extschema@.nps_weighted_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":2,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0],"weights":[0,0,0,0,0,0,0,0,0,0,0],"weight_errors":[0,0,0,0,0,0,0,0,0,0,0],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(pg_catalog.float8, pg_catalog.float8) IS 'Weighted NPS summary (nps_summary, format 2) of double precision scores: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

-- ---------------------------------------------------------------------------
-- weighted csat() and csat_agg(): survey weights, the weight last
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted csat(smallint, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted csat(integer, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted csat(bigint, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'weighted_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted csat(numeric, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'weighted_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_weighted_trans(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted csat(double precision, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT: percent of the total weight given by satisfied scores, of smallint scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT summary (csat_summary, format 2) of smallint scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT: percent of the total weight given by satisfied scores, of integer scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT summary (csat_summary, format 2) of integer scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT: percent of the total weight given by satisfied scores, of bigint scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT summary (csat_summary, format 2) of bigint scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT: percent of the total weight given by satisfied scores, of numeric scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT summary (csat_summary, format 2) of numeric scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT: percent of the total weight given by satisfied scores, of double precision scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.csat_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.csat_weighted_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":2,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CSAT summary (csat_summary, format 2) of double precision scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

-- ---------------------------------------------------------------------------
-- weighted ces() and ces_agg(): survey weights, the weight last
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted ces(smallint, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted ces(integer, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'weighted_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted ces(bigint, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'weighted_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted ces(numeric, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'weighted_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_weighted_trans(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8) IS 'Transition function of weighted ces(double precision, ...): adds one score with its weight; skips a NULL score or weight; rejects negative or non-finite weights';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int2, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int2, pg_catalog.int4, pg_catalog.float8) IS 'Weighted Customer Effort Score: weighted mean score, of smallint scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CES summary (ces_summary, format 2) of smallint scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted Customer Effort Score: weighted mean score, of integer scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CES summary (ces_summary, format 2) of integer scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int8, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int8, pg_catalog.int4, pg_catalog.float8) IS 'Weighted Customer Effort Score: weighted mean score, of bigint scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CES summary (ces_summary, format 2) of bigint scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.numeric, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.numeric, pg_catalog.int4, pg_catalog.float8) IS 'Weighted Customer Effort Score: weighted mean score, of numeric scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CES summary (ces_summary, format 2) of numeric scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.float8, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.float8, pg_catalog.int4, pg_catalog.float8) IS 'Weighted Customer Effort Score: weighted mean score, of double precision scores on the given scale; NULL weights skip the row, total weight 0 gives NULL';

CREATE AGGREGATE @extschema@.ces_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.float8) (
    SFUNC = @extschema@.ces_weighted_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 288,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":2,"kind":"ces","scale_max":null,"counts":[],"weights":[],"weight_errors":[],"weight_sq":0,"weight_sq_error":0}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.float8) IS 'Weighted CES summary (ces_summary, format 2) of double precision scores on the given scale: counts, weight sums and squared weights, for rollup() and the statistics (Kish effective size)';

-- ---------------------------------------------------------------------------
-- rollup(): merge stored summaries (day -> month)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.nps_rollup_trans(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'score_summary_rollup'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_rollup_trans(@extschema@.nps_summary, @extschema@.nps_summary) IS 'Transition and combine function of rollup(nps_summary): adds a summary, refusing another scale or weighting';

CREATE FUNCTION @extschema@.nps_rollup_inverse(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'score_summary_rollup_inverse'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_rollup_inverse(@extschema@.nps_summary, @extschema@.nps_summary) IS 'Inverse transition of rollup(nps_summary) for window frames: subtracts an unweighted summary exactly; NULL (recompute the frame) for weighted ones';

CREATE AGGREGATE @extschema@.rollup(@extschema@.nps_summary) (
    SFUNC = @extschema@.nps_rollup_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_rollup_trans,
    MSFUNC = @extschema@.nps_rollup_trans,
    MINVFUNC = @extschema@.nps_rollup_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.nps_summary) IS 'Merges nps_summary values (e.g. daily rows of a materialized view) into the summary of all their responses; refuses different scales or weighted with unweighted';

CREATE FUNCTION @extschema@.csat_rollup_trans(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'score_summary_rollup'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_rollup_trans(@extschema@.csat_summary, @extschema@.csat_summary) IS 'Transition and combine function of rollup(csat_summary): adds a summary, refusing another scale or weighting';

CREATE FUNCTION @extschema@.csat_rollup_inverse(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'score_summary_rollup_inverse'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_rollup_inverse(@extschema@.csat_summary, @extschema@.csat_summary) IS 'Inverse transition of rollup(csat_summary) for window frames: subtracts an unweighted summary exactly; NULL (recompute the frame) for weighted ones';

CREATE AGGREGATE @extschema@.rollup(@extschema@.csat_summary) (
    SFUNC = @extschema@.csat_rollup_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_rollup_trans,
    MSFUNC = @extschema@.csat_rollup_trans,
    MINVFUNC = @extschema@.csat_rollup_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.csat_summary) IS 'Merges csat_summary values (e.g. daily rows of a materialized view) into the summary of all their responses; refuses different scales or weighted with unweighted';

CREATE FUNCTION @extschema@.ces_rollup_trans(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'score_summary_rollup'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_rollup_trans(@extschema@.ces_summary, @extschema@.ces_summary) IS 'Transition and combine function of rollup(ces_summary): adds a summary, refusing another scale or weighting';

CREATE FUNCTION @extschema@.ces_rollup_inverse(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'score_summary_rollup_inverse'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_rollup_inverse(@extschema@.ces_summary, @extschema@.ces_summary) IS 'Inverse transition of rollup(ces_summary) for window frames: subtracts an unweighted summary exactly; NULL (recompute the frame) for weighted ones';

CREATE AGGREGATE @extschema@.rollup(@extschema@.ces_summary) (
    SFUNC = @extschema@.ces_rollup_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_agg_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_rollup_trans,
    MSFUNC = @extschema@.ces_rollup_trans,
    MINVFUNC = @extschema@.ces_rollup_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_agg_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.ces_summary) IS 'Merges ces_summary values (e.g. daily rows of a materialized view) into the summary of all their responses; refuses different scales or weighted with unweighted';

-- ---------------------------------------------------------------------------
-- equality of summaries
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.nps_summary_eq(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'score_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_summary_eq(@extschema@.nps_summary, @extschema@.nps_summary) IS 'Equality of nps_summary values: same format, scale, counts and weights';

CREATE FUNCTION @extschema@.nps_summary_ne(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'score_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_summary_ne(@extschema@.nps_summary, @extschema@.nps_summary) IS 'Inequality of nps_summary values';

CREATE FUNCTION @extschema@.nps_summary_hash(@extschema@.nps_summary)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'score_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_summary_hash(@extschema@.nps_summary) IS 'Hash of a nps_summary value, consistent with =';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.nps_summary,
    RIGHTARG = @extschema@.nps_summary,
    FUNCTION = @extschema@.nps_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=),
    NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel,
    JOIN = pg_catalog.eqjoinsel,
    HASHES
);
COMMENT ON OPERATOR @extschema@.=(@extschema@.nps_summary, @extschema@.nps_summary) IS 'Equal: same format, scale, counts and weights';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.nps_summary,
    RIGHTARG = @extschema@.nps_summary,
    FUNCTION = @extschema@.nps_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>),
    NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel,
    JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<>(@extschema@.nps_summary, @extschema@.nps_summary) IS 'Not equal: same format, scale, counts and weights';

CREATE OPERATOR CLASS @extschema@.nps_summary_hash_ops
DEFAULT FOR TYPE @extschema@.nps_summary USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.nps_summary, @extschema@.nps_summary),
    FUNCTION 1 @extschema@.nps_summary_hash(@extschema@.nps_summary);
COMMENT ON OPERATOR CLASS @extschema@.nps_summary_hash_ops USING hash IS 'Lets GROUP BY, DISTINCT, UNION and hash joins use nps_summary values';

CREATE FUNCTION @extschema@.csat_summary_eq(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'score_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_summary_eq(@extschema@.csat_summary, @extschema@.csat_summary) IS 'Equality of csat_summary values: same format, scale, counts and weights';

CREATE FUNCTION @extschema@.csat_summary_ne(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'score_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_summary_ne(@extschema@.csat_summary, @extschema@.csat_summary) IS 'Inequality of csat_summary values';

CREATE FUNCTION @extschema@.csat_summary_hash(@extschema@.csat_summary)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'score_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_summary_hash(@extschema@.csat_summary) IS 'Hash of a csat_summary value, consistent with =';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.csat_summary,
    RIGHTARG = @extschema@.csat_summary,
    FUNCTION = @extschema@.csat_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=),
    NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel,
    JOIN = pg_catalog.eqjoinsel,
    HASHES
);
COMMENT ON OPERATOR @extschema@.=(@extschema@.csat_summary, @extschema@.csat_summary) IS 'Equal: same format, scale, counts and weights';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.csat_summary,
    RIGHTARG = @extschema@.csat_summary,
    FUNCTION = @extschema@.csat_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>),
    NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel,
    JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<>(@extschema@.csat_summary, @extschema@.csat_summary) IS 'Not equal: same format, scale, counts and weights';

CREATE OPERATOR CLASS @extschema@.csat_summary_hash_ops
DEFAULT FOR TYPE @extschema@.csat_summary USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.csat_summary, @extschema@.csat_summary),
    FUNCTION 1 @extschema@.csat_summary_hash(@extschema@.csat_summary);
COMMENT ON OPERATOR CLASS @extschema@.csat_summary_hash_ops USING hash IS 'Lets GROUP BY, DISTINCT, UNION and hash joins use csat_summary values';

CREATE FUNCTION @extschema@.ces_summary_eq(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'score_summary_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_summary_eq(@extschema@.ces_summary, @extschema@.ces_summary) IS 'Equality of ces_summary values: same format, scale, counts and weights';

CREATE FUNCTION @extschema@.ces_summary_ne(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'score_summary_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_summary_ne(@extschema@.ces_summary, @extschema@.ces_summary) IS 'Inequality of ces_summary values';

CREATE FUNCTION @extschema@.ces_summary_hash(@extschema@.ces_summary)
RETURNS pg_catalog.int4
AS 'MODULE_PATHNAME', 'score_summary_hash'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_summary_hash(@extschema@.ces_summary) IS 'Hash of a ces_summary value, consistent with =';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.ces_summary,
    RIGHTARG = @extschema@.ces_summary,
    FUNCTION = @extschema@.ces_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=),
    NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel,
    JOIN = pg_catalog.eqjoinsel,
    HASHES
);
COMMENT ON OPERATOR @extschema@.=(@extschema@.ces_summary, @extschema@.ces_summary) IS 'Equal: same format, scale, counts and weights';

CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.ces_summary,
    RIGHTARG = @extschema@.ces_summary,
    FUNCTION = @extschema@.ces_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>),
    NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel,
    JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<>(@extschema@.ces_summary, @extschema@.ces_summary) IS 'Not equal: same format, scale, counts and weights';

CREATE OPERATOR CLASS @extschema@.ces_summary_hash_ops
DEFAULT FOR TYPE @extschema@.ces_summary USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.ces_summary, @extschema@.ces_summary),
    FUNCTION 1 @extschema@.ces_summary_hash(@extschema@.ces_summary);
COMMENT ON OPERATOR CLASS @extschema@.ces_summary_hash_ops USING hash IS 'Lets GROUP BY, DISTINCT, UNION and hash joins use ces_summary values';

-- ---------------------------------------------------------------------------
-- accessors: read a summary
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.nps(@extschema@.nps_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'nps_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps(@extschema@.nps_summary) IS 'Net Promoter Score in points (-100..100) of the responses in the summary; NULL when empty';

CREATE FUNCTION @extschema@.csat(@extschema@.csat_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'csat_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat(@extschema@.csat_summary) IS 'CSAT in percent of the responses in the summary; NULL when empty';

CREATE FUNCTION @extschema@.ces(@extschema@.ces_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'ces_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces(@extschema@.ces_summary) IS 'Customer Effort Score (mean score) of the responses in the summary; NULL when empty';

CREATE FUNCTION @extschema@.responses(@extschema@.nps_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'summary_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.responses(@extschema@.nps_summary) IS 'Number of responses in the nps_summary (rows, also when weighted)';

CREATE FUNCTION @extschema@.mean_score(@extschema@.nps_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'summary_mean_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mean_score(@extschema@.nps_summary) IS 'Mean score of the nps_summary (weighted when the summary is); NULL when empty';

CREATE FUNCTION @extschema@.total_weight(@extschema@.nps_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'summary_total_weight_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_weight(@extschema@.nps_summary) IS 'Sum of the weights in the nps_summary; the number of responses when unweighted';

CREATE FUNCTION @extschema@.effective_responses(@extschema@.nps_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'summary_effective_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.effective_responses(@extschema@.nps_summary) IS 'Kish effective sample size of the nps_summary, (sum w)^2 / sum w^2; the number of responses when unweighted';

CREATE FUNCTION @extschema@.distribution(summary @extschema@.nps_summary)
RETURNS TABLE (score pg_catalog.int4, responses pg_catalog.int8, weight pg_catalog.float8, percent pg_catalog.numeric)
AS 'MODULE_PATHNAME', 'summary_distribution'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION @extschema@.distribution(@extschema@.nps_summary) IS 'One row per score of the scale: responses, their weight and percent of the total';

CREATE FUNCTION @extschema@.responses(@extschema@.csat_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'summary_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.responses(@extschema@.csat_summary) IS 'Number of responses in the csat_summary (rows, also when weighted)';

CREATE FUNCTION @extschema@.mean_score(@extschema@.csat_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'summary_mean_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mean_score(@extschema@.csat_summary) IS 'Mean score of the csat_summary (weighted when the summary is); NULL when empty';

CREATE FUNCTION @extschema@.total_weight(@extschema@.csat_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'summary_total_weight_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_weight(@extschema@.csat_summary) IS 'Sum of the weights in the csat_summary; the number of responses when unweighted';

CREATE FUNCTION @extschema@.effective_responses(@extschema@.csat_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'summary_effective_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.effective_responses(@extschema@.csat_summary) IS 'Kish effective sample size of the csat_summary, (sum w)^2 / sum w^2; the number of responses when unweighted';

CREATE FUNCTION @extschema@.distribution(summary @extschema@.csat_summary)
RETURNS TABLE (score pg_catalog.int4, responses pg_catalog.int8, weight pg_catalog.float8, percent pg_catalog.numeric)
AS 'MODULE_PATHNAME', 'summary_distribution'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION @extschema@.distribution(@extschema@.csat_summary) IS 'One row per score of the scale: responses, their weight and percent of the total';

CREATE FUNCTION @extschema@.responses(@extschema@.ces_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'summary_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.responses(@extschema@.ces_summary) IS 'Number of responses in the ces_summary (rows, also when weighted)';

CREATE FUNCTION @extschema@.mean_score(@extschema@.ces_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'summary_mean_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mean_score(@extschema@.ces_summary) IS 'Mean score of the ces_summary (weighted when the summary is); NULL when empty';

CREATE FUNCTION @extschema@.total_weight(@extschema@.ces_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'summary_total_weight_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total_weight(@extschema@.ces_summary) IS 'Sum of the weights in the ces_summary; the number of responses when unweighted';

CREATE FUNCTION @extschema@.effective_responses(@extschema@.ces_summary)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'summary_effective_n'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.effective_responses(@extschema@.ces_summary) IS 'Kish effective sample size of the ces_summary, (sum w)^2 / sum w^2; the number of responses when unweighted';

CREATE FUNCTION @extschema@.distribution(summary @extschema@.ces_summary)
RETURNS TABLE (score pg_catalog.int4, responses pg_catalog.int8, weight pg_catalog.float8, percent pg_catalog.numeric)
AS 'MODULE_PATHNAME', 'summary_distribution'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION @extschema@.distribution(@extschema@.ces_summary) IS 'One row per score of the scale: responses, their weight and percent of the total';

CREATE FUNCTION @extschema@.promoters(@extschema@.nps_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'nps_promoters_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.promoters(@extschema@.nps_summary) IS 'Number of promoters (9-10) in the NPS summary';

CREATE FUNCTION @extschema@.promoters_percent(@extschema@.nps_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'nps_promoters_percent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.promoters_percent(@extschema@.nps_summary) IS 'Percent of the responses (of the weight, when weighted) that are promoters (9-10); NULL when empty';

CREATE FUNCTION @extschema@.passives(@extschema@.nps_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'nps_passives_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.passives(@extschema@.nps_summary) IS 'Number of passives (7-8) in the NPS summary';

CREATE FUNCTION @extschema@.passives_percent(@extschema@.nps_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'nps_passives_percent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.passives_percent(@extschema@.nps_summary) IS 'Percent of the responses (of the weight, when weighted) that are passives (7-8); NULL when empty';

CREATE FUNCTION @extschema@.detractors(@extschema@.nps_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'nps_detractors_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.detractors(@extschema@.nps_summary) IS 'Number of detractors (0-6) in the NPS summary';

CREATE FUNCTION @extschema@.detractors_percent(@extschema@.nps_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'nps_detractors_percent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.detractors_percent(@extschema@.nps_summary) IS 'Percent of the responses (of the weight, when weighted) that are detractors (0-6); NULL when empty';

-- ---------------------------------------------------------------------------
-- statistics: standard errors, margins of error, confidence intervals, tests
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.nps_stderr(summary @extschema@.nps_summary, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'nps_stderr'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_stderr(@extschema@.nps_summary, pg_catalog.int4) IS 'Standard error of the NPS in points, sqrt(V/n) with the multinomial variance; n is the Kish effective size when weighted; NULL below min_responses';

CREATE FUNCTION @extschema@.nps_margin(summary @extschema@.nps_summary, confidence pg_catalog.float8 DEFAULT 0.95, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'nps_margin'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_margin(@extschema@.nps_summary, pg_catalog.float8, pg_catalog.int4) IS 'Margin of error of the NPS in points (Wald: z * standard error) at the given confidence; NULL below min_responses';

CREATE FUNCTION @extschema@.nps_ci_lower(summary @extschema@.nps_summary, confidence pg_catalog.float8 DEFAULT 0.95, method pg_catalog.text DEFAULT 'adjusted_wald', min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'nps_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci_lower(@extschema@.nps_summary, pg_catalog.float8, pg_catalog.text, pg_catalog.int4) IS 'Lower confidence limit of the NPS in points; method adjusted_wald (default), wald or score (Tango); NULL below min_responses';

CREATE FUNCTION @extschema@.nps_ci_upper(summary @extschema@.nps_summary, confidence pg_catalog.float8 DEFAULT 0.95, method pg_catalog.text DEFAULT 'adjusted_wald', min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'nps_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_ci_upper(@extschema@.nps_summary, pg_catalog.float8, pg_catalog.text, pg_catalog.int4) IS 'Upper confidence limit of the NPS in points; method adjusted_wald (default), wald or score (Tango); NULL below min_responses';

CREATE FUNCTION @extschema@.nps_test(a @extschema@.nps_summary, b @extschema@.nps_summary, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'nps_test_p'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_test(@extschema@.nps_summary, @extschema@.nps_summary, pg_catalog.int4) IS 'Two-sided p-value of the z test that two NPS summaries have the same NPS; NULL when either has fewer than min_responses';

CREATE FUNCTION @extschema@.nps_test_z(a @extschema@.nps_summary, b @extschema@.nps_summary, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'nps_test_z'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_test_z(@extschema@.nps_summary, @extschema@.nps_summary, pg_catalog.int4) IS 'z statistic (NPS of a - NPS of b) / standard error of the difference; NULL when either has fewer than min_responses';

CREATE FUNCTION @extschema@.csat_stderr(summary @extschema@.csat_summary, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'csat_stderr'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_stderr(@extschema@.csat_summary, pg_catalog.int4) IS 'Standard error of the CSAT proportion in percent points; NULL below min_responses';

CREATE FUNCTION @extschema@.csat_margin(summary @extschema@.csat_summary, confidence pg_catalog.float8 DEFAULT 0.95, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'csat_margin'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_margin(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4) IS 'Margin of error of CSAT in percent points (Wald: z * standard error); NULL below min_responses';

CREATE FUNCTION @extschema@.csat_ci_lower(summary @extschema@.csat_summary, confidence pg_catalog.float8 DEFAULT 0.95, method pg_catalog.text DEFAULT 'wilson', min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'csat_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_ci_lower(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.text, pg_catalog.int4) IS 'Lower confidence limit of CSAT in percent points; method wilson (default) or wald; NULL below min_responses';

CREATE FUNCTION @extschema@.csat_ci_upper(summary @extschema@.csat_summary, confidence pg_catalog.float8 DEFAULT 0.95, method pg_catalog.text DEFAULT 'wilson', min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'csat_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_ci_upper(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.text, pg_catalog.int4) IS 'Upper confidence limit of CSAT in percent points; method wilson (default) or wald; NULL below min_responses';

CREATE FUNCTION @extschema@.ces_stderr(summary @extschema@.ces_summary, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'ces_stderr'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_stderr(@extschema@.ces_summary, pg_catalog.int4) IS 'Standard error of the mean effort score; NULL below min_responses';

CREATE FUNCTION @extschema@.ces_margin(summary @extschema@.ces_summary, confidence pg_catalog.float8 DEFAULT 0.95, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'ces_margin'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_margin(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4) IS 'Margin of error of the mean effort score (z * standard error); NULL below min_responses';

CREATE FUNCTION @extschema@.ces_ci_lower(summary @extschema@.ces_summary, confidence pg_catalog.float8 DEFAULT 0.95, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'ces_ci_lower'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_ci_lower(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4) IS 'Lower confidence limit of the mean effort score (normal approximation, within the scale); NULL below min_responses';

CREATE FUNCTION @extschema@.ces_ci_upper(summary @extschema@.ces_summary, confidence pg_catalog.float8 DEFAULT 0.95, min_responses pg_catalog.int4 DEFAULT 30)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'ces_ci_upper'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_ci_upper(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4) IS 'Upper confidence limit of the mean effort score (normal approximation, within the scale); NULL below min_responses';

