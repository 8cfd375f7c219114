-- Live summary tables: live_summaries_create() fills a table of summaries
-- per period and group, and statement-level triggers keep it equal to a
-- full recompute through INSERT, COPY, UPDATE, DELETE and TRUNCATE.
SET TimeZone = 'America/New_York';   -- the periods are UTC days whatever the session's zone

CREATE TABLE live_responses (
  id serial PRIMARY KEY,
  at timestamptz,
  channel text,
  region text,
  score smallint,
  sat integer,
  effort integer,
  w double precision
);
INSERT INTO live_responses (at, channel, region, score, sat, effort, w)
SELECT timestamptz '2024-01-01 00:00 UTC' + i * interval '5 hours 7 minutes',
       (ARRAY['web', 'app', 'email', NULL])[1 + i % 4],
       (ARRAY['north', 'south'])[1 + i % 2],
       CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919 % 11) END,
       1 + i * 31 % 5, 1 + i * 17 % 7,
       (1 + i % 4) * 0.25
FROM generate_series(1, 600) AS i;

-- The full recompute each live table must equal, row for row.
CREATE VIEW live_recompute_month AS
SELECT CAST(date_trunc('month', at AT TIME ZONE 'UTC') AS date) AS period, channel, region,
       count(*) AS source_rows, nps_agg(score) AS nps, csat_agg(sat) AS csat, ces_agg(effort, 7) AS ces
FROM live_responses WHERE at IS NOT NULL GROUP BY 1, 2, 3;
CREATE VIEW live_recompute_week AS
SELECT CAST(date_trunc('week', at AT TIME ZONE 'UTC') AS date) AS period, channel,
       count(*) AS source_rows, nps_agg(score, w) AS nps, csat_agg(sat, 5, 4, w) AS csat
FROM live_responses WHERE at IS NOT NULL GROUP BY 1, 2;

-- 'equal (N groups)' or what differs.
CREATE FUNCTION live_check(live regclass, recompute regclass) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  missing bigint;
  extra bigint;
  n bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM (SELECT * FROM %s EXCEPT ALL SELECT * FROM %s) x', recompute, live) INTO missing;
  EXECUTE format('SELECT count(*) FROM (SELECT * FROM %s EXCEPT ALL SELECT * FROM %s) x', live, recompute) INTO extra;
  EXECUTE format('SELECT count(*) FROM %s', live) INTO n;
  IF missing = 0 AND extra = 0 THEN
    RETURN format('equal (%s groups)', n);
  END IF;
  RETURN format('DIFFERS: %s groups missing or wrong, %s extra', missing, extra);
END $$;

-- Set up: month x channel x region (NPS, CSAT 1..5, CES 1..7), and a
-- weighted one, week x channel.
SELECT live_summaries_create('live_responses', 'live_month', 'month', 'at', ARRAY['channel', 'region'],
                             nps => 'score', csat => 'sat', ces => 'effort', ces_scale_max => 7);
SELECT live_summaries_create('live_responses', 'live_week', 'week', 'at', ARRAY['channel'],
                             nps => 'score', csat => 'sat', csat_scale_max => 5, csat_satisfied_from => 4,
                             weight => 'w');
\d live_month
SELECT obj_description('live_month'::regclass, 'pg_class') LIKE 'Live summaries of public.live_responses per month%' AS commented;
SELECT tgname ~ '^live_summaries_[0-9]+_(insert|update|delete|truncate)$' AS named, tgtype,
       tgoldtable, tgnewtable
FROM pg_trigger WHERE tgrelid = 'live_responses'::regclass AND NOT tgisinternal
ORDER BY tgtype, tgname LIMIT 4;
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');
SELECT period, channel, region, source_rows, nps(nps), csat(csat), round(ces(ces), 3) AS ces
FROM live_month ORDER BY period, channel NULLS LAST, region LIMIT 6;

-- INSERT, multi-row INSERT (a new group, a NULL group value, a NULL time)
INSERT INTO live_responses (at, channel, region, score, sat, effort, w)
VALUES ('2024-02-10 12:00 UTC', 'web', 'north', 10, 5, 1, 1);
INSERT INTO live_responses (at, channel, region, score, sat, effort, w)
VALUES ('2024-02-10 23:30 UTC', 'kiosk', 'east', 9, 4, 2, 0.5),
       ('2024-03-01 00:00 UTC', NULL, NULL, 0, 1, 7, 2),
       (NULL, 'web', 'north', 5, 3, 4, 1),
       ('2024-03-31 23:59:59 UTC', 'web', 'south', NULL, NULL, NULL, 1);
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');
SELECT period, channel, region, source_rows, responses(nps)
FROM live_month WHERE channel = 'kiosk' OR (channel IS NULL AND region IS NULL) ORDER BY 1;

-- COPY
COPY live_responses (at, channel, region, score, sat, effort, w) FROM STDIN;
2024-04-02 10:00:00+00	web	north	10	5	1	1
2024-04-02 11:00:00+00	app	south	3	2	6	0.75
2024-04-03 12:00:00+00	\N	north	8	4	3	0.25
2024-05-20 13:00:00+00	email	\N	\N	\N	\N	1.5
\.
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');

-- UPDATE of the score, of the group, of the period; of a column no live
-- table reads (nothing to merge); a group emptied by moving its rows away
UPDATE live_responses SET score = 10 - score WHERE id % 10 = 0;
UPDATE live_responses SET channel = 'app' WHERE channel = 'email' AND id % 3 = 0;
UPDATE live_responses SET at = at + interval '40 days' WHERE id % 17 = 0;
UPDATE live_responses SET w = w * 2 WHERE id % 6 = 0;
ALTER TABLE live_responses ADD COLUMN note text;
UPDATE live_responses SET note = 'read' WHERE id % 2 = 0;
UPDATE live_responses SET channel = 'web' WHERE channel = 'kiosk';
SELECT count(*) AS kiosk_groups FROM live_month WHERE channel = 'kiosk';
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');

-- DELETE, a whole month (its groups are deleted, not kept empty), and
-- an UPDATE and DELETE in one transaction, rolled back
DELETE FROM live_responses WHERE id % 9 = 0;
DELETE FROM live_responses WHERE at >= '2024-01-01 00:00 UTC' AND at < '2024-02-01 00:00 UTC';
SELECT count(*) FILTER (WHERE period = '2024-01-01') AS january_groups,
       count(*) FILTER (WHERE source_rows = 0) AS empty_groups
FROM live_month;
BEGIN;
UPDATE live_responses SET score = 0;
DELETE FROM live_responses WHERE id % 2 = 1;
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');
ROLLBACK;
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');

-- A random mix of 300 statements (deterministic: a multiplicative hash of
-- the step), checked against the recompute after every statement.
CREATE TABLE live_mix_failures (step integer, month text, week text);
DO $$
DECLARE
  h bigint;
  op integer;
  m text;
  wk text;
BEGIN
  FOR step IN 1..300 LOOP
    h := (step::bigint * 2654435761) % 4294967296;
    op := h % 8;
    IF op IN (0, 1) THEN          -- a batch of 1..20 rows
      INSERT INTO live_responses (at, channel, region, score, sat, effort, w)
      SELECT timestamptz '2024-01-01 00:00 UTC' + ((h / 8 + i * 7717) % 4000) * interval '1 hour 3 minutes',
             (ARRAY['web', 'app', 'email', NULL])[1 + (h / 64 + i) % 4],
             (ARRAY['north', 'south', NULL])[1 + (h / 256 + i) % 3],
             CASE WHEN (h + i) % 19 = 0 THEN NULL ELSE (h / 16 + i * 3) % 11 END,
             1 + (h + i * 5) % 5, 1 + (h + i * 3) % 7, (1 + (h + i) % 8) * 0.125
      FROM generate_series(1, 1 + (h / 1024)::integer % 20) AS i;
    ELSIF op = 2 THEN             -- scores
      UPDATE live_responses SET score = (score + 1 + h % 5) % 11, sat = 1 + (sat + 1) % 5
      WHERE id % 23 = h % 23;
    ELSIF op = 3 THEN             -- groups
      UPDATE live_responses SET channel = (ARRAY['web', 'app', 'email', NULL])[1 + h / 4 % 4]
      WHERE id % 29 = h % 29;
    ELSIF op = 4 THEN             -- periods
      UPDATE live_responses SET at = at + (h % 61 - 30) * interval '1 day'
      WHERE id % 31 = h % 31;
    ELSIF op = 5 THEN             -- weights
      UPDATE live_responses SET w = (1 + h % 8) * 0.125 WHERE id % 37 = h % 37;
    ELSIF op = 6 THEN
      DELETE FROM live_responses WHERE id % 41 = h % 41;
    ELSE                          -- a single row
      DELETE FROM live_responses WHERE id = (SELECT max(id) - h % 50 FROM live_responses);
    END IF;
    m := live_check('live_month', 'live_recompute_month');
    wk := live_check('live_week', 'live_recompute_week');
    IF m NOT LIKE 'equal%' OR wk NOT LIKE 'equal%' THEN
      INSERT INTO live_mix_failures VALUES (step, m, wk);
    END IF;
  END LOOP;
END $$;
SELECT count(*) AS failed_steps FROM live_mix_failures;
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');
SELECT count(*) > 500 AS many_rows FROM live_responses;

-- Weighted summaries: added with + (exact here: the weights are binary
-- fractions), recomputed per group after a removal.  Weights such as 0.1
-- are not binary fractions: the group a row leaves is recomputed, so
-- the table still equals the recompute.
UPDATE live_responses SET w = 0.1 WHERE id % 4 = 1;
DELETE FROM live_responses WHERE id % 4 = 1 AND id % 3 = 0;
SELECT live_check('live_week', 'live_recompute_week');
SELECT period, channel, source_rows, round(nps(nps), 6) AS nps, round(effective_responses(nps)::numeric, 3) AS n_eff
FROM live_week ORDER BY period, channel NULLS LAST LIMIT 3;

-- The operator +: rollup() of two
SELECT nps_agg(s) FILTER (WHERE s < 5) + nps_agg(s) FILTER (WHERE s >= 5) = nps_agg(s) AS nps_plus,
       csat_agg(s % 5 + 1) FILTER (WHERE s < 5) + csat_agg(s % 5 + 1) FILTER (WHERE s >= 5) = csat_agg(s % 5 + 1) AS csat_plus,
       ces_agg(s % 7 + 1, 7) FILTER (WHERE s > 20) + ces_agg(s % 7 + 1, 7) = ces_agg(s % 7 + 1, 7) AS ces_plus_empty
FROM generate_series(0, 10) AS s;
SELECT nps(nps_agg(s, 0.25) + nps_agg(s, 0.5)) FROM generate_series(0, 10) AS s;
SELECT try($$SELECT nps_agg(5) + nps_agg(5, 1.0)$$);
SELECT try($$SELECT csat_agg(5, 5) + csat_agg(5, 10)$$);

-- TRUNCATE empties the live tables
TRUNCATE live_responses;
SELECT (SELECT count(*) FROM live_month) AS month_rows, (SELECT count(*) FROM live_week) AS week_rows;
INSERT INTO live_responses (at, channel, region, score, sat, effort, w)
VALUES ('2024-06-01 00:00 UTC', 'web', 'north', 9, 5, 1, 1);
SELECT live_check('live_month', 'live_recompute_month'), live_check('live_week', 'live_recompute_week');

-- A date time column, period week (ISO weeks start on Monday), no groups
CREATE TABLE live_days (day date, score integer);
INSERT INTO live_days SELECT date '2024-01-01' + i % 30, i % 11 FROM generate_series(1, 100) AS i;
SELECT live_summaries_create('live_days', 'live_days_week', 'week', 'day', nps => 'score');
DELETE FROM live_days WHERE score = 0;
UPDATE live_days SET day = day + 7 WHERE score = 10;
SELECT period, source_rows, nps(nps) FROM live_days_week ORDER BY period;
SELECT CAST(date_trunc('week', day) AS date) AS period, count(*), nps(score) FROM live_days GROUP BY 1 ORDER BY 1;

-- Errors
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'year', 'day', nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'score', nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'nope', nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', nps => 'nope')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', ARRAY['nope'], nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', ARRAY['score', 'score'], nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', nps => 'score', csat_scale_max => 5)$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', csat => 'score', csat_satisfied_from => 4)$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', csat => 'score', csat_scale_max => 11)$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', ces => 'score', weight => 'nope')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', NULL, nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'live_days_week', 'day', 'day', nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_recompute_week', 'x', 'day', 'period', nps => 'score')$$);
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', nps => 'score', time_zone => 'Nowhere/Else')$$);
SELECT try($$SELECT live_summaries_drop('live_days')$$);
SELECT try($$SELECT live_summaries_trigger()$$);
-- Names the triggers' statements use themselves are refused as columns.
ALTER TABLE live_days ADD COLUMN n_rows integer;
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', ARRAY['n_rows'], nps => 'score')$$);
ALTER TABLE live_days DROP COLUMN n_rows;
-- Row-level security would hide rows from the fill: refused.
ALTER TABLE live_days ENABLE ROW LEVEL SECURITY;
SELECT try($$SELECT live_summaries_create('live_days', 'x', 'day', 'day', nps => 'score')$$);
ALTER TABLE live_days DISABLE ROW LEVEL SECURITY;
-- A hand-made trigger cannot smuggle SQL through its arguments (the target
-- must be a quoted schema.table, the period one of three words), and it
-- does not stop live_summaries_drop() from reading the others.
CREATE TABLE live_hostile (day date, score integer);
CREATE TRIGGER live_hostile_insert AFTER INSERT ON live_hostile REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_summaries_trigger(
    'version=1', 'target=public.x; DROP TABLE live_days', 'period=day', 'time_column=day',
    'time_zone=UTC', 'nps=score');
SELECT try($$INSERT INTO live_hostile VALUES ('2024-01-01', 5)$$);
DROP TRIGGER live_hostile_insert ON live_hostile;
CREATE TRIGGER live_hostile_insert AFTER INSERT ON live_hostile REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_summaries_trigger(
    'version=1', 'target=public.x', 'period=1 day''::interval; DROP TABLE live_days; --',
    'time_column=day', 'time_zone=UTC', 'nps=score');
SELECT try($$INSERT INTO live_hostile VALUES ('2024-01-01', 5)$$);
DROP TRIGGER live_hostile_insert ON live_hostile;
CREATE TRIGGER live_hostile_insert AFTER INSERT ON live_hostile REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION live_summaries_trigger('target="');
SELECT live_summaries_create('live_days', 'live_days_probe', 'day', 'day', nps => 'score') IS NOT NULL AS created;
SELECT live_summaries_drop('live_days_probe');
DROP TABLE live_hostile;
SELECT count(*) AS live_days_still_there FROM pg_class WHERE relname = 'live_days';
CREATE TABLE live_parent (at date, score integer);
CREATE TABLE live_child () INHERITS (live_parent);
SELECT try($$SELECT live_summaries_create('live_parent', 'x', 'day', 'at', nps => 'score')$$);
-- a score the metric refuses stops the writing statement
SELECT try($$INSERT INTO live_days VALUES ('2024-01-01', 11)$$);
SELECT try($$UPDATE live_days SET score = -1 WHERE score = 5$$);
-- a table changed by hand: the triggers refuse to go on
DELETE FROM live_days_week WHERE period = '2024-01-01';
SELECT try($$DELETE FROM live_days WHERE day = '2024-01-02'$$);
SELECT to_regclass('x') IS NULL AS nothing_left_behind;

-- Drop: triggers and table
SELECT live_summaries_drop('live_days_week');
SELECT live_summaries_drop('live_month');
SELECT live_summaries_drop('live_week');
SELECT count(*) AS triggers_left FROM pg_trigger
WHERE tgrelid IN ('live_responses'::regclass, 'live_days'::regclass) AND NOT tgisinternal;
DROP FUNCTION live_check(regclass, regclass);
DROP TABLE live_mix_failures, live_days, live_child, live_parent;
DROP VIEW live_recompute_month, live_recompute_week;
DROP TABLE live_responses;
RESET TimeZone;

-- The extension in schema cx, the session's search_path hostile: look-alike
-- operators and functions in public, which the triggers must not pick up.
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS nps_ext_live;
RESET client_min_messages;
CREATE DATABASE nps_ext_live;
\c nps_ext_live
CREATE SCHEMA cx;
CREATE EXTENSION nps_ext SCHEMA cx;
CREATE FUNCTION public.evil_eq(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.evil_eq);
CREATE FUNCTION public.evil_plus(bigint, bigint) RETURNS bigint LANGUAGE sql AS 'SELECT 42::bigint';
CREATE OPERATOR public.+ (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.evil_plus);
CREATE FUNCTION public.date_trunc(text, timestamp) RETURNS timestamp LANGUAGE sql AS $$SELECT timestamp '1999-01-01'$$;
CREATE FUNCTION public.count(anyelement) RETURNS bigint LANGUAGE sql AS 'SELECT 42::bigint';
SET search_path = public;
CREATE TABLE answers (at timestamp, channel text, score integer, w float8);
INSERT INTO answers SELECT timestamp '2024-01-01' + i * interval '9 hours', (ARRAY['web', NULL])[1 + i % 2], i % 11, 0.5
FROM generate_series(1, 100) AS i;
SELECT cx.live_summaries_create('answers', 'answers_daily', 'day', 'at', ARRAY['channel'], nps => 'score', weight => 'w');
INSERT INTO answers VALUES ('2024-01-02 10:00', 'web', 10, 1), ('2024-01-02 11:00', NULL, 0, 1);
UPDATE answers SET channel = 'app' WHERE score = 3;
DELETE FROM answers WHERE score = 4;
SELECT count(*) AS differing FROM (
  (SELECT * FROM answers_daily
   EXCEPT ALL
   SELECT CAST(pg_catalog.date_trunc('day', at) AS date), channel, pg_catalog.count(*), cx.nps_agg(score, w)
   FROM answers GROUP BY 1, 2)
  UNION ALL
  (SELECT CAST(pg_catalog.date_trunc('day', at) AS date), channel, pg_catalog.count(*), cx.nps_agg(score, w)
   FROM answers GROUP BY 1, 2
   EXCEPT ALL
   SELECT * FROM answers_daily)) AS d;
SELECT pg_catalog.max(source_rows) < 42 AS counts_not_hijacked, pg_catalog.min(period) > '2000-01-01' AS periods_not_hijacked
FROM answers_daily;
SELECT pg_catalog.pg_get_triggerdef(oid) ~ 'EXECUTE FUNCTION cx\.live_summaries_trigger' AS in_cx
FROM pg_catalog.pg_trigger WHERE tgrelid = 'answers'::regclass LIMIT 1;
SELECT cx.live_summaries_drop('answers_daily');
\c :regress_db
DROP DATABASE nps_ext_live;
