-- nps(): oracles from docs/metrics.md, the plain-SQL formula, NULLs and edge groups.

-- Raw scores 0,7,7,9,9,9 give 33.33 points; every input type agrees.
SELECT nps(s) AS int4, nps(s::smallint) AS int2, nps(s::bigint) AS int8,
       nps(s::numeric) AS numeric, nps(s::float8) AS float8, nps(s::real) AS real
FROM (VALUES (0), (7), (7), (9), (9), (9)) AS v(s);

-- The bucket counts share nps()'s state; like count() they give 0, not NULL,
-- for an empty group.
SELECT nps(s), promoters(s), passives(s), detractors(s),
       promoters(s::float8) + passives(s::numeric) + detractors(s::bigint) AS n
FROM (VALUES (0), (7), (7), (9), (9), (9), (NULL)) AS v(s);
SELECT promoters(s), passives(s), detractors(s) FROM (SELECT 1 WHERE false) AS v(s);

-- Oracle counts (D, Pa, P) = (40, 60, 100): NPS 30 points.
SELECT nps(s) FROM (
  SELECT 3 FROM generate_series(1, 40) UNION ALL
  SELECT 8 FROM generate_series(1, 60) UNION ALL
  SELECT 10 FROM generate_series(1, 100)) AS v(s);

-- Bucket boundaries: 6 is a detractor, 7 and 8 passives, 9 a promoter.
SELECT s, nps(s) FROM generate_series(0, 10) AS s GROUP BY s ORDER BY s;

-- Equal to the hand-written formula, by channel, for every input type.
SELECT channel,
       nps(score) AS nps,
       nps(score) = 100.0 * (count(*) FILTER (WHERE score >= 9)
                            - count(*) FILTER (WHERE score <= 6)) / count(score) AS matches_sql,
       nps(score::int) = nps(score) AND nps(score::bigint) = nps(score)
         AND nps(score::numeric) = nps(score) AND nps(score::float8) = nps(score) AS types_agree,
       promoters(score) = count(*) FILTER (WHERE score >= 9)
         AND passives(score) = count(*) FILTER (WHERE score BETWEEN 7 AND 8)
         AND detractors(score) = count(*) FILTER (WHERE score <= 6) AS buckets_agree
FROM responses GROUP BY channel ORDER BY channel;

-- NULLs are skipped: they are not in n.
SELECT nps(s) FROM (VALUES (10), (NULL), (0), (NULL)) AS v(s);

-- Empty and all-NULL groups give NULL, not 0.
SELECT nps(s) IS NULL AS empty_is_null FROM (SELECT 1 WHERE false) AS v(s);
SELECT nps(s) IS NULL AS all_null_is_null FROM (VALUES (NULL::int), (NULL)) AS v(s);
SELECT count(*) AS groups FROM (SELECT nps(score) FROM responses WHERE false GROUP BY channel) AS g;

-- Single row, and groups of one category.
SELECT nps(9) AS one_promoter, nps(6) AS one_detractor, nps(8) AS one_passive;
SELECT nps(s) AS all_promoters FROM generate_series(9, 10) AS s;
SELECT nps(s) AS all_detractors FROM generate_series(0, 6) AS s;

-- Integral numerics and floats are accepted whatever their scale.
SELECT nps(s) FROM (VALUES (9.000), (0.0), (10)) AS v(s);
SELECT nps(s) FROM (VALUES (9e0::float8), ('-0'::float8), (1e1::real)) AS v(s);
