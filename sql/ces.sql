-- ces(): mean effort score, CES 2.0 scale 1..7 by default.

-- Oracle: counts 5, 5, 10, 20, 10 on 1..5 give a mean of 3.5.
SELECT ces(s, 5) FROM (
  SELECT 1 FROM generate_series(1, 5) UNION ALL
  SELECT 2 FROM generate_series(1, 5) UNION ALL
  SELECT 3 FROM generate_series(1, 10) UNION ALL
  SELECT 4 FROM generate_series(1, 20) UNION ALL
  SELECT 5 FROM generate_series(1, 10)) AS v(s);

SELECT ces(s), ces(s::smallint), ces(s::bigint), ces(s::numeric), ces(s::float8), ces(s, 7)
FROM generate_series(1, 7) AS s;
SELECT ces(s) FROM (VALUES (1), (2), (2)) AS v(s);

-- Equal to avg() by channel: both are exact quotients of integer sums.
SELECT channel, ces(effort), ces(effort) = avg(effort) AS matches_avg
FROM responses GROUP BY channel ORDER BY channel;

-- NULL scores skipped, empty group NULL.
SELECT ces(s) FROM (VALUES (7), (NULL), (1)) AS v(s);
SELECT ces(s) IS NULL AS empty_is_null FROM (SELECT 1 WHERE false) AS v(s);

-- Regression (defect 9): a row skipped for its NULL score still has its
-- scale checked, and the first row fixes the group's scale whether or not
-- it has a score (the scale changes from row to row through a sequence).
CREATE TEMP SEQUENCE row_no;
SELECT ces(s, (ARRAY[5, 7])[nextval('row_no')]) FROM (VALUES (4), (NULL)) AS v(s);
ALTER SEQUENCE row_no RESTART;
SELECT ces_agg(s, (ARRAY[7, 5])[nextval('row_no')]) FROM (VALUES (NULL), (4)) AS v(s);
-- A NULL row on the group's scale is skipped; NULL scores only: NULL.
SELECT ces(s, 5) AS skipped FROM (VALUES (NULL), (5), (NULL), (2)) AS v(s);
SELECT ces(s, 5) IS NULL AS all_null_is_null, ces_agg(s, 5) AS all_null_summary
FROM (VALUES (NULL::int), (NULL)) AS v(s);
