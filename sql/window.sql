-- Window frames: the moving-aggregate path (inverse transitions) agrees with
-- recomputing every frame from scratch.

-- 30-row frames over responses in id order.
CREATE TEMP TABLE moving AS
SELECT id,
       nps(score) OVER w AS nps, csat(sat) OVER w AS csat,
       csat(sat, 5, 3) OVER w AS csat3, ces(effort) OVER w AS ces
FROM responses
WINDOW w AS (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW);

SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE m.nps IS DISTINCT FROM f.nps
                           OR m.csat IS DISTINCT FROM f.csat
                           OR m.csat3 IS DISTINCT FROM f.csat3
                           OR m.ces IS DISTINCT FROM f.ces) AS mismatches
FROM moving AS m,
LATERAL (SELECT nps(score), csat(sat), csat(sat, 5, 3) AS csat3, ces(effort)
         FROM responses AS r WHERE r.id BETWEEN m.id - 29 AND m.id) AS f
WHERE m.id <= 3000;

-- RANGE frames by day, with frames that empty out (NULL) and NULL scores.
CREATE TEMP TABLE sparse AS
SELECT d::date AS day, CASE WHEN d::date - date '2025-01-01' < 20 THEN NULL
                            ELSE (d::date - date '2025-01-01') % 11 END AS score
FROM generate_series(date '2025-01-01', date '2025-03-31', interval '3 days') AS d;

SELECT day, score,
       nps(score) OVER (ORDER BY day RANGE BETWEEN interval '6 days' PRECEDING AND CURRENT ROW) AS weekly
FROM sparse ORDER BY day LIMIT 12;

SELECT count(*) FILTER (WHERE m.weekly IS DISTINCT FROM f.nps) AS mismatches
FROM (SELECT day, nps(score) OVER (ORDER BY day RANGE BETWEEN interval '29 days' PRECEDING AND CURRENT ROW) AS weekly
      FROM sparse) AS m,
LATERAL (SELECT nps(score) FROM sparse AS s WHERE s.day BETWEEN m.day - 29 AND m.day) AS f;

-- A frame that slides past everything: the inverse empties the state.
SELECT id, nps(s) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING)
FROM (VALUES (1, 10), (2, 0), (3, NULL), (4, 9)) AS v(id, s) ORDER BY id;

-- Regression (defect 9): a row with a NULL score is in the frame with its
-- scale, which must agree with the other rows'.  The scale arguments of the
-- unweighted forms cannot reference the rows (defect 5), so only a volatile
-- expression can change the scale from row to row: here a sequence gives
-- the scales 5, 5, 5, 7 in the order the moving path evaluates them (row 1
-- added, row 2 added, row 1 removed, row 3 added).  Removing row 1's
-- response leaves row 2, which has no score, and the frame on scale 5.
CREATE TEMP SEQUENCE row_no;
SELECT id, csat(c, (ARRAY[5, 5, 5, 7])[nextval('row_no')]) OVER (ORDER BY id ROWS 1 PRECEDING)
FROM (VALUES (1, 5), (2, NULL), (3, 7)) AS v(id, c) ORDER BY id;
-- Frames of NULL scores give NULL and the summary without a scale, on the
-- moving path and on a recomputed frame (EXCLUDE TIES with unique keys).
SELECT id, csat(c, 5) OVER w AS moving, csat(c, 5) OVER t AS restarted,
       csat_agg(c, 5) OVER w AS moving_summary,
       csat_agg(c, 5) OVER w = csat_agg(c, 5) OVER t AS same_summary
FROM (VALUES (1, 5), (2, NULL), (3, NULL), (4, 2), (10, NULL), (11, NULL), (12, 4)) AS v(id, c)
WINDOW w AS (ORDER BY id RANGE BETWEEN 1 PRECEDING AND CURRENT ROW),
       t AS (ORDER BY id RANGE BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES)
ORDER BY id;

-- Regression (defect 5): over a window too, a scale argument must not be a
-- column of the rows (a misread weight); a literal works on both paths.
SELECT id, csat(c, sc) OVER (ORDER BY id ROWS 1 PRECEDING)
FROM (VALUES (1, 5, 5), (2, 5, 4)) AS v(id, sc, c) ORDER BY id;
SELECT id, ces_agg(c, sc) OVER (ORDER BY id ROWS 1 PRECEDING EXCLUDE TIES)
FROM (VALUES (1, 5, 5), (2, 5, 4)) AS v(id, sc, c) ORDER BY id;
SELECT id, csat(c, 5) OVER w AS moving, csat(c, 5, 4) OVER t AS restarted,
       ces(c, 5) OVER w AS ces_moving, nps(c) OVER w AS nps_moving
FROM (VALUES (1, 5), (2, NULL), (3, 4), (4, 1)) AS v(id, c)
WINDOW w AS (ORDER BY id ROWS 1 PRECEDING), t AS (ORDER BY id ROWS 1 PRECEDING EXCLUDE TIES)
ORDER BY id;
