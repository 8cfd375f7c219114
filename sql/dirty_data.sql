-- Dirty data: the validity predicates nps_valid(), csat_valid(),
-- ces_valid() and weight_valid() agree exactly with what the aggregates
-- accept; a score or weight error's hint names the predicate on the
-- aggregated expression; FILTER skips the invalid answers and count(*)
-- FILTER counts them.

-- accepts(call): does this aggregate call count its value (true) or refuse
-- it as a score or weight (false)?  Other errors propagate.
CREATE FUNCTION dd_accepts(call text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE call;
  RETURN true;
EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
  RETURN false;
END $$;

-- The predicate's answer to a call.
CREATE FUNCTION dd_answer(call text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  answer boolean;
BEGIN
  EXECUTE call INTO answer;
  RETURN answer;
END $$;

-- A literal of the value in the type, or NULL when the value is not one
-- of that type (6.5 as an integer, 1e300 as a bigint).
CREATE FUNCTION dd_literal(v text, typ text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT %L::%s', v, typ);
  RETURN format('%L::%s', v, typ);
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

-- The error of a query as "SQLSTATE: message | hint".
CREATE FUNCTION dd_hint(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  hint text;
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
  RETURN SQLSTATE || ': ' || SQLERRM || ' | ' || hint;
END $$;

-- Edge values for every score type, against every metric and scale: the
-- unweighted aggregate, its weighted form and the predicate.
CREATE TEMP TABLE dd_cases AS
WITH vals(v) AS (
  VALUES ('-1'), ('-0.0'), ('0'), ('0.0000001'), ('1'), ('3'), ('4'), ('4.5'),
         ('5'), ('6'), ('7'), ('7.000'), ('8'), ('8.5'), ('9'), ('10'),
         ('10.000001'), ('11'), ('32767'), ('-32768'), ('2147483647'),
         ('2147483648'), ('9223372036854775807'), ('-9223372036854775808'),
         ('1e30'), ('1e300'), ('-1e300'), ('5e-324'), ('NaN'), ('Infinity'),
         ('-Infinity')),
     types(typ) AS (
  VALUES ('smallint'), ('integer'), ('bigint'), ('numeric'), ('double precision')),
     forms(metric, scale, weighted) AS (
  VALUES ('nps', '', 'nps(%s, 1.0)'),
         ('csat', '', 'csat(%s, 5, 4, 1.0)'),
         ('csat', ', 7', 'csat(%s, 7, 6, 1.0)'),
         ('ces', '', 'ces(%s, 7, 1.0)'),
         ('ces', ', 4', 'ces(%s, 4, 1.0)'))
SELECT metric, scale, typ, v, lit,
       dd_answer(format('SELECT %s_valid(%s%s)', metric, lit, scale)) AS valid,
       dd_accepts(format('SELECT %s(%s%s)', metric, lit, scale)) AS accepted,
       dd_accepts(format('SELECT ' || weighted, lit)) AS weighted_accepted
FROM forms, types, vals, LATERAL dd_literal(v, typ) AS lit
WHERE lit IS NOT NULL;

-- No disagreement anywhere: the predicate is true exactly where the
-- aggregate (and its weighted form) counts the value.
SELECT count(*) AS cases,
       count(*) FILTER (WHERE valid) AS valid,
       count(*) FILTER (WHERE valid IS DISTINCT FROM accepted) AS disagree,
       count(*) FILTER (WHERE valid IS DISTINCT FROM weighted_accepted) AS disagree_weighted
FROM dd_cases;

-- What each metric and type calls valid.
SELECT metric || scale AS form, typ,
       string_agg(v, ' ' ORDER BY v::numeric, v) FILTER (WHERE valid) AS valid_values
FROM dd_cases
WHERE v NOT IN ('NaN', 'Infinity', '-Infinity')
GROUP BY metric, scale, typ
ORDER BY metric, scale, typ;

SELECT metric || scale AS form, typ, v, valid
FROM dd_cases
WHERE v IN ('NaN', 'Infinity', '-Infinity', '-0.0', '7.000', '1e300', '10.000001')
ORDER BY metric, scale, typ, v;

-- Weights: weight_valid() is true exactly where the weighted aggregates
-- accept the weight.
SELECT w, weight_valid(w::double precision) AS valid,
       dd_accepts(format('SELECT nps(5, %L::double precision)', w)) AS accepted
FROM (VALUES ('0'), ('-0'), ('1'), ('1e-100'), ('9e-101'), ('1e100'), ('1.1e100'),
             ('5e-324'), ('-1'), ('NaN'), ('Infinity'), ('-Infinity')) AS v(w);

-- NULL in, NULL out: FILTER (WHERE pred) skips a NULL score as the
-- aggregate does, and count(*) FILTER (WHERE NOT pred) does not count it.
SELECT nps_valid(NULL::int) AS nps, csat_valid(NULL::numeric) AS csat,
       csat_valid(NULL::numeric, 7) AS csat_7, ces_valid(NULL::float8) AS ces,
       ces_valid(NULL::bigint, 4) AS ces_4, weight_valid(NULL) AS weight;

-- The scale is a parameter, not data: a NULL or invalid scale_max is the
-- aggregate's error, never a NULL or false for every row.
SELECT try($$ SELECT csat_valid(3, NULL) $$);
SELECT try($$ SELECT ces_valid(NULL::int, NULL) $$);
SELECT try($$ SELECT csat_valid(3, 2) $$);
SELECT try($$ SELECT ces_valid(3, 11) $$);

-- The predicates' labels.
SELECT p.oid::regprocedure AS predicate, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc AS p
WHERE p.proname IN ('nps_valid', 'csat_valid', 'ces_valid', 'weight_valid')
ORDER BY p.proname, p.pronargs, p.oid::regprocedure::text;

-- A table with dirty rows.
CREATE TABLE dd_answers (id int, channel text, score numeric, sat int, effort float8, w float8);
INSERT INTO dd_answers
SELECT i, (ARRAY['email','web','phone'])[1 + i % 3], i % 11, 1 + i % 5, 1 + i % 7, 1 + i % 2
FROM generate_series(1, 300) AS i;
UPDATE dd_answers SET score = 8.5 WHERE id = 42;
UPDATE dd_answers SET score = 11 WHERE id = 43;
UPDATE dd_answers SET score = NULL, sat = NULL, effort = NULL, w = NULL WHERE id = 44;
UPDATE dd_answers SET sat = 0 WHERE id = 45;
UPDATE dd_answers SET effort = 'NaN' WHERE id = 46;
UPDATE dd_answers SET w = -1 WHERE id = 47;

-- By default an invalid answer still fails the query, and the hint gives
-- the WHERE clause that finds it and the FILTER that skips it, written
-- with the aggregated expression.
SELECT dd_hint($$ SELECT channel, nps(score) FROM dd_answers GROUP BY channel $$);
SELECT dd_hint($$ SELECT nps_agg(a.score) FROM dd_answers AS a $$);
SELECT dd_hint($$ SELECT nps(score::double precision) FROM dd_answers $$);
SELECT dd_hint($$ SELECT nps(score) OVER (ORDER BY id) FROM dd_answers $$);
SELECT dd_hint($$ SELECT csat(sat) FROM dd_answers $$);
SELECT dd_hint($$ SELECT csat(sat, 7, 6) FROM dd_answers $$);
SELECT dd_hint($$ SELECT ces(effort) FROM dd_answers $$);
SELECT dd_hint($$ SELECT ces(effort, 5) FROM dd_answers $$);
SELECT dd_hint($$ SELECT nps(sat, w) FROM dd_answers $$);
SELECT dd_hint($$ SELECT ces(effort, 7, w) FROM dd_answers WHERE id <> 46 $$);
-- A constant names no rows: the hint says "score".
SELECT dd_hint($$ SELECT nps(8.5) $$);
-- Called by hand, as a plain function: no aggregate to name either.
SELECT dd_hint($$ SELECT nps_trans('{"version":1,"kind":"nps","counts":[0,0,0,0,0,0,0,0,0,0,0]}', 12) $$);

-- The hint's WHERE clause finds exactly the offending rows (not the NULL one).
SELECT id, score FROM dd_answers WHERE NOT nps_valid(score) ORDER BY id;
SELECT id, sat, effort FROM dd_answers WHERE NOT csat_valid(sat) OR NOT ces_valid(effort) ORDER BY id;
SELECT id, w FROM dd_answers WHERE NOT weight_valid(w) ORDER BY id;

-- Skip and count: the figures of the valid answers, and how many were
-- skipped, per group.
SELECT channel,
       nps(score) FILTER (WHERE nps_valid(score)) AS nps,
       count(score) FILTER (WHERE nps_valid(score)) AS responses,
       count(*) FILTER (WHERE NOT nps_valid(score)) AS skipped
FROM dd_answers GROUP BY channel ORDER BY channel;

-- The same figures as computing over the valid rows only.
SELECT (SELECT nps(score) FILTER (WHERE nps_valid(score)) FROM dd_answers)
       = (SELECT nps(score) FROM dd_answers WHERE id NOT IN (42, 43)) AS nps_same,
       (SELECT csat_agg(sat) FILTER (WHERE csat_valid(sat)) FROM dd_answers)
       = (SELECT csat_agg(sat) FROM dd_answers WHERE id <> 45) AS csat_same,
       (SELECT ces(effort) FILTER (WHERE ces_valid(effort)) FROM dd_answers)
       = (SELECT ces(effort) FROM dd_answers WHERE id <> 46) AS ces_same;

-- Weighted: both the score and the weight must be valid.
SELECT round(nps(score, w) FILTER (WHERE nps_valid(score) AND weight_valid(w)), 6) AS weighted_nps,
       count(*) FILTER (WHERE NOT nps_valid(score) OR NOT weight_valid(w)) AS skipped
FROM dd_answers;

-- Over a window, FILTER works as well.
SELECT id, round(nps(score) FILTER (WHERE nps_valid(score)) OVER w, 2) AS running_nps,
       count(*) FILTER (WHERE NOT nps_valid(score)) OVER w AS skipped_so_far
FROM dd_answers WINDOW w AS (ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
ORDER BY id OFFSET 40 LIMIT 6;

DROP TABLE dd_answers;
DROP FUNCTION dd_accepts(text), dd_answer(text), dd_literal(text, text), dd_hint(text);
