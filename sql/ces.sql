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
