-- csat(): top-2-box on 1..5 by default, any scale 1..3 to 1..10.

-- Oracle: counts 5, 5, 10, 20, 10 for scores 1..5 give 60%.
CREATE TEMP TABLE csat_oracle AS
SELECT s FROM (
  SELECT 1 FROM generate_series(1, 5) UNION ALL
  SELECT 2 FROM generate_series(1, 5) UNION ALL
  SELECT 3 FROM generate_series(1, 10) UNION ALL
  SELECT 4 FROM generate_series(1, 20) UNION ALL
  SELECT 5 FROM generate_series(1, 10)) AS v(s);
SELECT csat(s), csat(s::smallint), csat(s::bigint), csat(s::numeric), csat(s::float8),
       csat(s, 5), csat(s, 5, 4), csat(s, 5, 5) AS top_box
FROM csat_oracle;

-- Other scales: top-2-box by default, or from satisfied_from.
SELECT csat(s, 7) AS top2_of_7, csat(s, 7, 5) AS from5_of_7,
       csat(s, 10) AS top2_of_10, csat(s, 3) AS top2_of_3
FROM generate_series(1, 3) AS s;
SELECT csat(s, 7) AS top2_of_7, csat(s, 7, 5) AS from5_of_7, csat(s, 10, 9)
FROM generate_series(1, 7) AS s;

-- Equal to the hand-written formula by channel.
SELECT channel, csat(sat),
       csat(sat) = 100.0 * count(*) FILTER (WHERE sat >= 4) / count(sat) AS matches_sql,
       csat(sat, 5, 3) = 100.0 * count(*) FILTER (WHERE sat >= 3) / count(sat) AS matches_from3
FROM responses GROUP BY channel ORDER BY channel;

-- NULL scores skipped, empty and all-NULL groups NULL.
SELECT csat(s) FROM (VALUES (5), (NULL), (1)) AS v(s);
SELECT csat(s) IS NULL AS empty_is_null FROM (SELECT 1 WHERE false) AS v(s);
SELECT csat(s, 7) IS NULL AS all_null_is_null FROM (VALUES (NULL::int)) AS v(s);

-- Regression (defect 9): a row skipped for its NULL score still has its
-- scale checked, and the first row fixes the group's scale whether or not
-- it has a score.  Here the scale changes from row to row through a
-- sequence, an expression that is not a column.
CREATE TEMP SEQUENCE row_no;
SELECT csat(s, (ARRAY[5, 7])[nextval('row_no')]) FROM (VALUES (4), (NULL)) AS v(s);
ALTER SEQUENCE row_no RESTART;
SELECT csat(s, (ARRAY[7, 5])[nextval('row_no')]) FROM (VALUES (NULL), (4)) AS v(s);
ALTER SEQUENCE row_no RESTART;
SELECT csat(s, 5, (ARRAY[4, 3])[nextval('row_no')]) FROM (VALUES (4), (NULL)) AS v(s);
ALTER SEQUENCE row_no RESTART;
SELECT csat_agg(s, (ARRAY[5, 7])[nextval('row_no')]) FROM (VALUES (4), (NULL)) AS v(s);
ALTER SEQUENCE row_no RESTART;
SELECT csat_agg(s, 5, (ARRAY[4, 3])[nextval('row_no')]) FROM (VALUES (NULL), (4)) AS v(s);
-- A NULL row on the group's scale is skipped; a group of NULL scores gives
-- NULL, and csat_agg() the summary without a scale that 1.1 gave.
SELECT csat(s, 7) AS skipped, csat(s, 7, 5) AS skipped_from5
FROM (VALUES (NULL), (7), (NULL), (1)) AS v(s);
SELECT csat(s, 7) IS NULL AS all_null_is_null, csat_agg(s, 7) AS all_null_summary
FROM (VALUES (NULL::int), (NULL)) AS v(s);
