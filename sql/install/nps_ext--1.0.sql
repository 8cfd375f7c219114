-- nps_ext 1.0: customer-experience metrics as exact, parallel aggregates.
--
-- Written for a hostile search_path: every object of this extension is
-- qualified with @extschema@ and every built-in with pg_catalog.

\echo Use "CREATE EXTENSION nps_ext" to load this file. \quit


-- ---------------------------------------------------------------------------
-- nps_summary: Score histogram behind nps(): responses per score 0..10; the transition state of nps()
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.nps_summary;

CREATE FUNCTION @extschema@.nps_summary_in(pg_catalog.cstring)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_out(@extschema@.nps_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'score_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_recv(pg_catalog.internal)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.nps_summary_send(@extschema@.nps_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'score_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.nps_summary (
    INPUT = @extschema@.nps_summary_in,
    OUTPUT = @extschema@.nps_summary_out,
    RECEIVE = @extschema@.nps_summary_recv,
    SEND = @extschema@.nps_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.nps_summary IS 'Score histogram behind nps(): responses per score 0..10; the transition state of nps()';
COMMENT ON FUNCTION @extschema@.nps_summary_in(pg_catalog.cstring) IS 'Text input of nps_summary: the JSON form its output function writes, validated';
COMMENT ON FUNCTION @extschema@.nps_summary_out(@extschema@.nps_summary) IS 'Text output of nps_summary as JSON: format version, scale and one count per score';
COMMENT ON FUNCTION @extschema@.nps_summary_recv(pg_catalog.internal) IS 'Binary input of nps_summary, validated';
COMMENT ON FUNCTION @extschema@.nps_summary_send(@extschema@.nps_summary) IS 'Binary output of nps_summary';


-- ---------------------------------------------------------------------------
-- csat_summary: Score histogram behind csat(): scale, satisfied threshold and responses per score; the transition state of csat()
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.csat_summary;

CREATE FUNCTION @extschema@.csat_summary_in(pg_catalog.cstring)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_out(@extschema@.csat_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'score_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_recv(pg_catalog.internal)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'csat_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.csat_summary_send(@extschema@.csat_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'score_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.csat_summary (
    INPUT = @extschema@.csat_summary_in,
    OUTPUT = @extschema@.csat_summary_out,
    RECEIVE = @extschema@.csat_summary_recv,
    SEND = @extschema@.csat_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.csat_summary IS 'Score histogram behind csat(): scale, satisfied threshold and responses per score; the transition state of csat()';
COMMENT ON FUNCTION @extschema@.csat_summary_in(pg_catalog.cstring) IS 'Text input of csat_summary: the JSON form its output function writes, validated';
COMMENT ON FUNCTION @extschema@.csat_summary_out(@extschema@.csat_summary) IS 'Text output of csat_summary as JSON: format version, scale and one count per score';
COMMENT ON FUNCTION @extschema@.csat_summary_recv(pg_catalog.internal) IS 'Binary input of csat_summary, validated';
COMMENT ON FUNCTION @extschema@.csat_summary_send(@extschema@.csat_summary) IS 'Binary output of csat_summary';


-- ---------------------------------------------------------------------------
-- ces_summary: Score histogram behind ces(): scale and responses per score; the transition state of ces()
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.ces_summary;

CREATE FUNCTION @extschema@.ces_summary_in(pg_catalog.cstring)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_summary_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_out(@extschema@.ces_summary)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'score_summary_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_recv(pg_catalog.internal)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'ces_summary_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.ces_summary_send(@extschema@.ces_summary)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'score_summary_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.ces_summary (
    INPUT = @extschema@.ces_summary_in,
    OUTPUT = @extschema@.ces_summary_out,
    RECEIVE = @extschema@.ces_summary_recv,
    SEND = @extschema@.ces_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.ces_summary IS 'Score histogram behind ces(): scale and responses per score; the transition state of ces()';
COMMENT ON FUNCTION @extschema@.ces_summary_in(pg_catalog.cstring) IS 'Text input of ces_summary: the JSON form its output function writes, validated';
COMMENT ON FUNCTION @extschema@.ces_summary_out(@extschema@.ces_summary) IS 'Text output of ces_summary as JSON: format version, scale and one count per score';
COMMENT ON FUNCTION @extschema@.ces_summary_recv(pg_catalog.internal) IS 'Binary input of ces_summary, validated';
COMMENT ON FUNCTION @extschema@.ces_summary_send(@extschema@.ces_summary) IS 'Binary output of ces_summary';


-- ---------------------------------------------------------------------------
-- nps(score): Net Promoter Score in points, -100..100; promoters(),
-- passives() and detractors() share its state
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.int2)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_int2'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.int2) IS 'Transition function of nps(smallint): counts one score, rejecting anything but an integer 0..10';

CREATE FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.int2)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inverse_int2'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.int2) IS 'Inverse transition function of nps(smallint) for window frames: removes one score';

CREATE FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.int4)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.int4) IS 'Transition function of nps(integer): counts one score, rejecting anything but an integer 0..10';

CREATE FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.int4)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inverse_int4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.int4) IS 'Inverse transition function of nps(integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.int8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_int8'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.int8) IS 'Transition function of nps(bigint): counts one score, rejecting anything but an integer 0..10';

CREATE FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.int8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inverse_int8'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.int8) IS 'Inverse transition function of nps(bigint) for window frames: removes one score';

CREATE FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.numeric)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_numeric'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.numeric) IS 'Transition function of nps(numeric): counts one score, rejecting anything but an integer 0..10';

CREATE FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.numeric)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inverse_numeric'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.numeric) IS 'Inverse transition function of nps(numeric) for window frames: removes one score';

CREATE FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.float8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_trans_float8'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_trans(@extschema@.nps_summary, pg_catalog.float8) IS 'Transition function of nps(double precision): counts one score, rejecting anything but an integer 0..10';

CREATE FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.float8)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'nps_inverse_float8'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_inverse(@extschema@.nps_summary, pg_catalog.float8) IS 'Inverse transition function of nps(double precision) for window frames: removes one score';

CREATE FUNCTION @extschema@.nps_combine(@extschema@.nps_summary, @extschema@.nps_summary)
RETURNS @extschema@.nps_summary
AS 'MODULE_PATHNAME', 'score_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_combine(@extschema@.nps_summary, @extschema@.nps_summary) IS 'Combine function of nps(): adds two score histograms';

CREATE FUNCTION @extschema@.nps_final(@extschema@.nps_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'nps_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_final(@extschema@.nps_summary) IS 'Final function of nps(): 100 * (promoters - detractors) / responses, NULL without responses';

CREATE FUNCTION @extschema@.nps_promoters_final(@extschema@.nps_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'nps_promoters_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_promoters_final(@extschema@.nps_summary) IS 'Final function of promoters(): the number of scores 9..10';

CREATE FUNCTION @extschema@.nps_passives_final(@extschema@.nps_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'nps_passives_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_passives_final(@extschema@.nps_summary) IS 'Final function of passives(): the number of scores 7..8';

CREATE FUNCTION @extschema@.nps_detractors_final(@extschema@.nps_summary)
RETURNS pg_catalog.int8
AS 'MODULE_PATHNAME', 'nps_detractors_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_detractors_final(@extschema@.nps_summary) IS 'Final function of detractors(): the number of scores 0..6';

CREATE AGGREGATE @extschema@.nps(pg_catalog.int2) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.int2) IS 'Net Promoter Score in points (-100..100) of 0..10 scores: 100 * (promoters 9-10 - detractors 0-6) / responses';

CREATE AGGREGATE @extschema@.nps(pg_catalog.int4) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.int4) IS 'Net Promoter Score in points (-100..100) of 0..10 scores: 100 * (promoters 9-10 - detractors 0-6) / responses';

CREATE AGGREGATE @extschema@.nps(pg_catalog.int8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.int8) IS 'Net Promoter Score in points (-100..100) of 0..10 scores: 100 * (promoters 9-10 - detractors 0-6) / responses';

CREATE AGGREGATE @extschema@.nps(pg_catalog.numeric) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.numeric) IS 'Net Promoter Score in points (-100..100) of 0..10 scores: 100 * (promoters 9-10 - detractors 0-6) / responses';

CREATE AGGREGATE @extschema@.nps(pg_catalog.float8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps(pg_catalog.float8) IS 'Net Promoter Score in points (-100..100) of 0..10 scores: 100 * (promoters 9-10 - detractors 0-6) / responses';

CREATE AGGREGATE @extschema@.promoters(pg_catalog.int2) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_promoters_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_promoters_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.promoters(pg_catalog.int2) IS 'Number of NPS promoters (scores 9..10) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.promoters(pg_catalog.int4) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_promoters_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_promoters_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.promoters(pg_catalog.int4) IS 'Number of NPS promoters (scores 9..10) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.promoters(pg_catalog.int8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_promoters_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_promoters_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.promoters(pg_catalog.int8) IS 'Number of NPS promoters (scores 9..10) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.promoters(pg_catalog.numeric) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_promoters_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_promoters_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.promoters(pg_catalog.numeric) IS 'Number of NPS promoters (scores 9..10) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.promoters(pg_catalog.float8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_promoters_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_promoters_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.promoters(pg_catalog.float8) IS 'Number of NPS promoters (scores 9..10) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.passives(pg_catalog.int2) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_passives_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_passives_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.passives(pg_catalog.int2) IS 'Number of NPS passives (scores 7..8) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.passives(pg_catalog.int4) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_passives_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_passives_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.passives(pg_catalog.int4) IS 'Number of NPS passives (scores 7..8) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.passives(pg_catalog.int8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_passives_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_passives_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.passives(pg_catalog.int8) IS 'Number of NPS passives (scores 7..8) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.passives(pg_catalog.numeric) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_passives_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_passives_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.passives(pg_catalog.numeric) IS 'Number of NPS passives (scores 7..8) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.passives(pg_catalog.float8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_passives_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_passives_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.passives(pg_catalog.float8) IS 'Number of NPS passives (scores 7..8) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.detractors(pg_catalog.int2) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_detractors_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_detractors_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.detractors(pg_catalog.int2) IS 'Number of NPS detractors (scores 0..6) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.detractors(pg_catalog.int4) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_detractors_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_detractors_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.detractors(pg_catalog.int4) IS 'Number of NPS detractors (scores 0..6) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.detractors(pg_catalog.int8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_detractors_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_detractors_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.detractors(pg_catalog.int8) IS 'Number of NPS detractors (scores 0..6) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.detractors(pg_catalog.numeric) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_detractors_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_detractors_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.detractors(pg_catalog.numeric) IS 'Number of NPS detractors (scores 0..6) among 0..10 scores; shares its state with nps() over the same scores';

CREATE AGGREGATE @extschema@.detractors(pg_catalog.float8) (
    SFUNC = @extschema@.nps_trans,
    STYPE = @extschema@.nps_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.nps_detractors_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.nps_combine,
    INITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    MSFUNC = @extschema@.nps_trans,
    MINVFUNC = @extschema@.nps_inverse,
    MSTYPE = @extschema@.nps_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.nps_detractors_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.detractors(pg_catalog.float8) IS 'Number of NPS detractors (scores 0..6) among 0..10 scores; shares its state with nps() over the same scores';


-- ---------------------------------------------------------------------------
-- csat(score [, scale_max [, satisfied_from]])
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int2)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int2) IS 'Transition function of csat(smallint): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int2)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int2) IS 'Inverse transition function of csat(smallint) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4) IS 'Transition function of csat(smallint, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4) IS 'Inverse transition function of csat(smallint, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.int4) IS 'Transition function of csat(smallint, integer, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.int4) IS 'Inverse transition function of csat(smallint, integer, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int4) IS 'Transition function of csat(integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int4) IS 'Inverse transition function of csat(integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4) IS 'Transition function of csat(integer, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4) IS 'Inverse transition function of csat(integer, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS 'Transition function of csat(integer, integer, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS 'Inverse transition function of csat(integer, integer, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int8) IS 'Transition function of csat(bigint): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int8) IS 'Inverse transition function of csat(bigint) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4) IS 'Transition function of csat(bigint, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4) IS 'Inverse transition function of csat(bigint, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) IS 'Transition function of csat(bigint, integer, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) IS 'Inverse transition function of csat(bigint, integer, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.numeric)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.numeric) IS 'Transition function of csat(numeric): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.numeric)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.numeric) IS 'Inverse transition function of csat(numeric) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4) IS 'Transition function of csat(numeric, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4) IS 'Inverse transition function of csat(numeric, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4) IS 'Transition function of csat(numeric, integer, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4) IS 'Inverse transition function of csat(numeric, integer, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.float8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.float8) IS 'Transition function of csat(double precision): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.float8)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.float8) IS 'Inverse transition function of csat(double precision) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4) IS 'Transition function of csat(double precision, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4) IS 'Inverse transition function of csat(double precision, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_trans(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4) IS 'Transition function of csat(double precision, integer, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_inverse(@extschema@.csat_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4) IS 'Inverse transition function of csat(double precision, integer, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.csat_combine(@extschema@.csat_summary, @extschema@.csat_summary)
RETURNS @extschema@.csat_summary
AS 'MODULE_PATHNAME', 'score_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_combine(@extschema@.csat_summary, @extschema@.csat_summary) IS 'Combine function of csat(): adds two score histograms on the same scale';

CREATE FUNCTION @extschema@.csat_final(@extschema@.csat_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'csat_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csat_final(@extschema@.csat_summary) IS 'Final function of csat(): 100 * satisfied / responses, NULL without responses';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int2) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int2) IS 'CSAT: percent of 1..5 scores that are 4 or 5 (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int2, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int2, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores in the top two points (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int2, pg_catalog.int4, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores that are satisfied_from or more';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int4) IS 'CSAT: percent of 1..5 scores that are 4 or 5 (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores in the top two points (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int4, pg_catalog.int4, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores that are satisfied_from or more';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int8) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int8) IS 'CSAT: percent of 1..5 scores that are 4 or 5 (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int8, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int8, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores in the top two points (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.int8, pg_catalog.int4, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores that are satisfied_from or more';

CREATE AGGREGATE @extschema@.csat(pg_catalog.numeric) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.numeric) IS 'CSAT: percent of 1..5 scores that are 4 or 5 (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.numeric, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.numeric, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores in the top two points (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.numeric, pg_catalog.int4, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores that are satisfied_from or more';

CREATE AGGREGATE @extschema@.csat(pg_catalog.float8) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.float8) IS 'CSAT: percent of 1..5 scores that are 4 or 5 (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.float8, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.float8, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores in the top two points (top-2-box)';

CREATE AGGREGATE @extschema@.csat(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.csat_trans,
    STYPE = @extschema@.csat_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.csat_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.csat_combine,
    INITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    MSFUNC = @extschema@.csat_trans,
    MINVFUNC = @extschema@.csat_inverse,
    MSTYPE = @extschema@.csat_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.csat_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"csat","scale_max":null,"satisfied_from":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.csat(pg_catalog.float8, pg_catalog.int4, pg_catalog.int4) IS 'CSAT: percent of 1..scale_max scores that are satisfied_from or more';


-- ---------------------------------------------------------------------------
-- ces(score [, scale_max])
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int2)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int2) IS 'Transition function of ces(smallint): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int2)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int2) IS 'Inverse transition function of ces(smallint) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int2, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int2, pg_catalog.int4) IS 'Transition function of ces(smallint, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int2, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int2'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int2, pg_catalog.int4) IS 'Inverse transition function of ces(smallint, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int4) IS 'Transition function of ces(integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int4) IS 'Inverse transition function of ces(integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int4, pg_catalog.int4) IS 'Transition function of ces(integer, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int4, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int4'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int4, pg_catalog.int4) IS 'Inverse transition function of ces(integer, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int8) IS 'Transition function of ces(bigint): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int8) IS 'Inverse transition function of ces(bigint) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int8, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.int8, pg_catalog.int4) IS 'Transition function of ces(bigint, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int8, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_int8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.int8, pg_catalog.int4) IS 'Inverse transition function of ces(bigint, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.numeric)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.numeric) IS 'Transition function of ces(numeric): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.numeric)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.numeric) IS 'Inverse transition function of ces(numeric) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.numeric, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.numeric, pg_catalog.int4) IS 'Transition function of ces(numeric, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.numeric, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_numeric'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.numeric, pg_catalog.int4) IS 'Inverse transition function of ces(numeric, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.float8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.float8) IS 'Transition function of ces(double precision): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.float8)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.float8) IS 'Inverse transition function of ces(double precision) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_trans_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_trans(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4) IS 'Transition function of ces(double precision, integer): counts one score on the scale, skipping NULL scores';

CREATE FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'scaled_inverse_float8'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_inverse(@extschema@.ces_summary, pg_catalog.float8, pg_catalog.int4) IS 'Inverse transition function of ces(double precision, integer) for window frames: removes one score';

CREATE FUNCTION @extschema@.ces_combine(@extschema@.ces_summary, @extschema@.ces_summary)
RETURNS @extschema@.ces_summary
AS 'MODULE_PATHNAME', 'score_summary_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_combine(@extschema@.ces_summary, @extschema@.ces_summary) IS 'Combine function of ces(): adds two score histograms on the same scale';

CREATE FUNCTION @extschema@.ces_final(@extschema@.ces_summary)
RETURNS pg_catalog.numeric
AS 'MODULE_PATHNAME', 'ces_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ces_final(@extschema@.ces_summary) IS 'Final function of ces(): mean score, NULL without responses';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int2) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int2) IS 'Customer Effort Score: mean of 1..7 scores (CES 2.0)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int2, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int2, pg_catalog.int4) IS 'Customer Effort Score: mean of 1..scale_max scores';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int4) IS 'Customer Effort Score: mean of 1..7 scores (CES 2.0)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int4, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int4, pg_catalog.int4) IS 'Customer Effort Score: mean of 1..scale_max scores';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int8) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int8) IS 'Customer Effort Score: mean of 1..7 scores (CES 2.0)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.int8, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.int8, pg_catalog.int4) IS 'Customer Effort Score: mean of 1..scale_max scores';

CREATE AGGREGATE @extschema@.ces(pg_catalog.numeric) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.numeric) IS 'Customer Effort Score: mean of 1..7 scores (CES 2.0)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.numeric, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.numeric, pg_catalog.int4) IS 'Customer Effort Score: mean of 1..scale_max scores';

CREATE AGGREGATE @extschema@.ces(pg_catalog.float8) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.float8) IS 'Customer Effort Score: mean of 1..7 scores (CES 2.0)';

CREATE AGGREGATE @extschema@.ces(pg_catalog.float8, pg_catalog.int4) (
    SFUNC = @extschema@.ces_trans,
    STYPE = @extschema@.ces_summary,
    SSPACE = 96,
    FINALFUNC = @extschema@.ces_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ces_combine,
    INITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    MSFUNC = @extschema@.ces_trans,
    MINVFUNC = @extschema@.ces_inverse,
    MSTYPE = @extschema@.ces_summary,
    MSSPACE = 96,
    MFINALFUNC = @extschema@.ces_final,
    MFINALFUNC_MODIFY = READ_ONLY,
    MINITCOND = '{"version":1,"kind":"ces","scale_max":null,"counts":[]}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.ces(pg_catalog.float8, pg_catalog.int4) IS 'Customer Effort Score: mean of 1..scale_max scores';


-- ---------------------------------------------------------------------------
-- churn_risk(score, responded_at [, as_of]): per-customer risk in [0, 1]
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.churn_state;

CREATE FUNCTION @extschema@.churn_state_in(pg_catalog.cstring)
RETURNS @extschema@.churn_state
AS 'MODULE_PATHNAME', 'churn_state_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_state_out(@extschema@.churn_state)
RETURNS pg_catalog.cstring
AS 'MODULE_PATHNAME', 'churn_state_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_state_recv(pg_catalog.internal)
RETURNS @extschema@.churn_state
AS 'MODULE_PATHNAME', 'churn_state_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.churn_state_send(@extschema@.churn_state)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'churn_state_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.churn_state (
    INPUT = @extschema@.churn_state_in,
    OUTPUT = @extschema@.churn_state_out,
    RECEIVE = @extschema@.churn_state_recv,
    SEND = @extschema@.churn_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.churn_state IS 'Transition state of churn_risk(): response count, score sum, latest response and as_of';
COMMENT ON FUNCTION @extschema@.churn_state_in(pg_catalog.cstring) IS 'Text input of churn_state: the JSON form its output function writes, validated';
COMMENT ON FUNCTION @extschema@.churn_state_out(@extschema@.churn_state) IS 'Text output of churn_state as JSON, times in microseconds since 2000-01-01 UTC';
COMMENT ON FUNCTION @extschema@.churn_state_recv(pg_catalog.internal) IS 'Binary input of churn_state, validated';
COMMENT ON FUNCTION @extschema@.churn_state_send(@extschema@.churn_state) IS 'Binary output of churn_state';

CREATE FUNCTION @extschema@.churn_trans(@extschema@.churn_state, pg_catalog.int4, pg_catalog.timestamptz)
RETURNS @extschema@.churn_state
AS 'MODULE_PATHNAME', 'churn_trans'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_trans(@extschema@.churn_state, pg_catalog.int4, pg_catalog.timestamptz) IS 'Transition function of churn_risk(score, responded_at): records one response known at the transaction start, skipping NULLs';

CREATE FUNCTION @extschema@.churn_trans(@extschema@.churn_state, pg_catalog.int4, pg_catalog.timestamptz, pg_catalog.timestamptz)
RETURNS @extschema@.churn_state
AS 'MODULE_PATHNAME', 'churn_trans_as_of'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_trans(@extschema@.churn_state, pg_catalog.int4, pg_catalog.timestamptz, pg_catalog.timestamptz) IS 'Transition function of churn_risk(score, responded_at, as_of): records one response known at as_of, skipping NULLs';

CREATE FUNCTION @extschema@.churn_combine(@extschema@.churn_state, @extschema@.churn_state)
RETURNS @extschema@.churn_state
AS 'MODULE_PATHNAME', 'churn_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_combine(@extschema@.churn_state, @extschema@.churn_state) IS 'Combine function of churn_risk(): merges two customers-history states with the same as_of';

CREATE FUNCTION @extschema@.churn_final(@extschema@.churn_state)
RETURNS pg_catalog.float8
AS 'MODULE_PATHNAME', 'churn_final'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_final(@extschema@.churn_state) IS 'Final function of churn_risk(): the heuristic logistic model of README.md, NULL without responses';

CREATE AGGREGATE @extschema@.churn_risk(pg_catalog.int4, pg_catalog.timestamptz) (
    SFUNC = @extschema@.churn_trans,
    STYPE = @extschema@.churn_state,
    SSPACE = 40,
    FINALFUNC = @extschema@.churn_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.churn_combine,
    INITCOND = '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.churn_risk(pg_catalog.int4, pg_catalog.timestamptz) IS 'Churn risk in [0, 1] of one customer from their 0..10 score history, as of the transaction start (heuristic model, see README)';

CREATE AGGREGATE @extschema@.churn_risk(pg_catalog.int4, pg_catalog.timestamptz, pg_catalog.timestamptz) (
    SFUNC = @extschema@.churn_trans,
    STYPE = @extschema@.churn_state,
    SSPACE = 40,
    FINALFUNC = @extschema@.churn_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.churn_combine,
    INITCOND = '{"version":1,"responses":0,"score_sum":0,"latest_score":null,"latest_at_us":null,"as_of_us":null}',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.churn_risk(pg_catalog.int4, pg_catalog.timestamptz, pg_catalog.timestamptz) IS 'Churn risk in [0, 1] of one customer from their 0..10 score history known at as_of (heuristic model, see README)';
