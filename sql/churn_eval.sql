-- churn_auc() and churn_brier(): how good a churn score is, checked against
-- their definitions written out in plain SQL.

CREATE TEMP TABLE scored (grp text, risk float8, churned boolean);
INSERT INTO scored VALUES
  -- two churners, two stayers, one tie across the classes
  ('basic', 0.9, true), ('basic', 0.5, true), ('basic', 0.2, false), ('basic', 0.5, false),
  -- ties within and across the classes
  ('ties', 0.3, true), ('ties', 0.3, true), ('ties', 0.7, true), ('ties', 0.3, false),
  ('ties', 0.3, false), ('ties', 0.7, false), ('ties', 0.1, false), ('ties', 0.7, true),
  -- everything tied: no information, 1/2
  ('all tied', 0.4, true), ('all tied', 0.4, false), ('all tied', 0.4, false),
  -- perfect and perfectly wrong rankings
  ('perfect', 0.8, true), ('perfect', 0.6, true), ('perfect', 0.1, false), ('perfect', 0.5, false),
  ('inverted', 0.1, true), ('inverted', 0.2, true), ('inverted', 0.8, false),
  -- any score ranks, not only probabilities; -0 ties with 0
  ('scores', -5, true), ('scores', 100, true), ('scores', 3, false), ('scores', -1e300, false),
  ('scores', '-0', true), ('scores', 0, false),
  -- NULLs skip the row
  ('nulls', 0.6, true), ('nulls', 0.4, false), ('nulls', NULL, true), ('nulls', 0.9, NULL),
  ('nulls', NULL, NULL), ('nulls', 0.5, false);

-- The pairwise definition: over every churner x stayer pair, 1 when the
-- churner's risk is higher, 1/2 when tied.  "exact" compares the aggregate
-- with 2U / (2 n1 n0) in integers, divided once in double.
WITH pairs AS (
  SELECT c.grp, c.risk AS r1, s.risk AS r2
  FROM scored c JOIN scored s ON s.grp = c.grp AND c.churned AND NOT s.churned
  WHERE c.risk IS NOT NULL AND s.risk IS NOT NULL
), by_pairs AS (
  SELECT grp, sum(CASE WHEN r1 > r2 THEN 1 WHEN r1 = r2 THEN 0.5 ELSE 0 END) / count(*) AS auc,
         sum(CASE WHEN r1 > r2 THEN 2 WHEN r1 = r2 THEN 1 ELSE 0 END)::float8
           / (2 * count(*))::float8 AS auc_double
  FROM pairs GROUP BY grp
)
SELECT grp, churn_auc(risk, churned), round(p.auc, 15) AS by_pairs,
       churn_auc(risk, churned) = p.auc_double AS exact
FROM scored JOIN by_pairs p USING (grp)
GROUP BY grp, p.auc, p.auc_double ORDER BY grp;

-- A larger deterministic input with many ties: 3,000 rows, 41 distinct
-- risks, churn more likely at higher risk, some NULLs.
CREATE TEMP TABLE big AS
SELECT i AS id, i % 4 AS part,
       CASE WHEN i % 101 = 0 THEN NULL ELSE (abs(hashint4(i)) % 41) / 40.0 END::float8 AS risk,
       CASE WHEN i % 103 = 0 THEN NULL
            ELSE abs(hashint4(i + 100000)) % 100 < 15 + (abs(hashint4(i)) % 41) END AS churned
FROM generate_series(1, 3000) AS i;
ANALYZE big;

SELECT count(*) AS rows, count(DISTINCT risk) AS risks,
       count(*) FILTER (WHERE churned) AS churners,
       count(*) FILTER (WHERE NOT churned) AS stayers
FROM big;

CREATE TEMP TABLE big_pairs AS
WITH pairs AS (
  SELECT c.part, c.risk AS r1, s.risk AS r2
  FROM big c JOIN big s ON c.churned AND NOT s.churned
  WHERE c.risk IS NOT NULL AND s.risk IS NOT NULL
)
SELECT part, sum(CASE WHEN r1 > r2 THEN 2 WHEN r1 = r2 THEN 1 ELSE 0 END) AS twice_u,
       2 * count(*) AS twice_pairs,
       sum(CASE WHEN r1 > r2 THEN 1 WHEN r1 = r2 THEN 0.5 ELSE 0 END) / count(*) AS auc
FROM pairs GROUP BY ROLLUP (part);

-- Over all rows, and over each part's churners against all stayers (a
-- GROUP BY, one state per group).
SELECT round(churn_auc(risk, churned)::numeric, 12) AS auc,
       round((SELECT auc FROM big_pairs WHERE part IS NULL), 12) AS by_pairs,
       churn_auc(risk, churned) = (SELECT twice_u::float8 / twice_pairs::float8
                                   FROM big_pairs WHERE part IS NULL) AS exact
FROM big;

SELECT p.part, churn_auc(b.risk, b.churned) = p.twice_u::float8 / p.twice_pairs::float8 AS exact
FROM big_pairs p
CROSS JOIN LATERAL (SELECT risk, churned FROM big WHERE churned AND part = p.part
                    UNION ALL
                    SELECT risk, churned FROM big WHERE NOT churned) AS b
WHERE p.part IS NOT NULL
GROUP BY p.part, p.twice_u, p.twice_pairs ORDER BY p.part;

-- Row order does not matter.
SELECT churn_auc(risk, churned ORDER BY id) = churn_auc(risk, churned ORDER BY id DESC)
       AS auc_order_independent,
       churn_brier(risk, churned ORDER BY id) = churn_brier(risk, churned ORDER BY id DESC)
       AS brier_order_independent,
       churn_brier(risk, churned ORDER BY risk, id) = churn_brier(risk, churned ORDER BY risk DESC, id)
       AS brier_sorted_either_way
FROM big;

-- Brier: the mean of (risk - y)^2, y = 1 for churners, computed in numeric.
SELECT grp, churn_brier(risk, churned),
       round(avg((risk::numeric - churned::int) ^ 2), 15) AS by_formula
FROM scored WHERE grp <> 'scores' GROUP BY grp ORDER BY grp;

SELECT round(churn_brier(risk, churned)::numeric, 12) AS brier,
       round(avg((risk::numeric - churned::int) ^ 2)
             FILTER (WHERE risk IS NOT NULL AND churned IS NOT NULL), 12) AS by_formula,
       abs(churn_brier(risk, churned)
           - avg((risk::numeric - churned::int) ^ 2)
             FILTER (WHERE risk IS NOT NULL AND churned IS NOT NULL)::float8) < 1e-15 AS close
FROM big;

-- Extremes: a perfect forecast scores 0, the worst 1.
SELECT churn_brier(r, c) AS perfect FROM (VALUES (1.0, true), (0.0, false)) AS v(r, c);
SELECT churn_brier(r, c) AS worst FROM (VALUES (0.0, true), (1.0, false)) AS v(r, c);

-- NULL without rows, and churn_auc NULL without both classes.
SELECT churn_auc(risk, churned) AS auc, churn_brier(risk, churned) AS brier
FROM scored WHERE false;
SELECT churn_auc(risk, churned) AS auc, churn_brier(risk, churned) AS brier
FROM scored WHERE churned AND grp <> 'scores';
SELECT churn_auc(risk, churned) AS auc, churn_brier(risk, churned) AS brier
FROM scored WHERE grp = 'basic' AND NOT churned;
SELECT churn_auc(r, c) AS auc, churn_brier(r, c) AS brier
FROM (VALUES (NULL::float8, true), (0.5, NULL)) AS v(r, c);

-- A running AUC (a window frame: the final function runs once per row and
-- the state keeps growing) against the AUC of each prefix.
SELECT id, churn_auc(risk, churned) OVER (ORDER BY id) AS running,
       (SELECT churn_auc(b2.risk, b2.churned) FROM big b2 WHERE b2.id <= b.id) AS prefix
FROM big b WHERE id BETWEEN 1 AND 12 ORDER BY id;

-- Errors: 22003, naming the value (and, for the Brier score, the range).
-- A row skipped for a NULL outcome is still checked.
SELECT try($$ SELECT churn_auc('NaN', true) $$);
SELECT try($$ SELECT churn_auc('Infinity', false) $$);
SELECT try($$ SELECT churn_auc(r, c) FROM (VALUES (0.5, true), ('-Infinity', NULL)) AS v(r, c) $$);
SELECT try($$ SELECT churn_brier(1.5, true) $$);
SELECT try($$ SELECT churn_brier(-0.1, false) $$);
SELECT try($$ SELECT churn_brier('NaN', true) $$);
SELECT try($$ SELECT churn_brier('Infinity', true) $$);
SELECT try($$ SELECT churn_brier(r, c) FROM (VALUES (0.5, true), (2, NULL)) AS v(r, c) $$);

-- Parallel plans (partial aggregation, states serialized by the workers)
-- give exactly the serial answers.
CREATE TEMP TABLE serial_eval AS
SELECT part, churn_auc(risk, churned) AS auc, churn_brier(risk, churned) AS brier
FROM big GROUP BY ROLLUP (part);

-- Temporary tables are not scanned by parallel workers: a plain copy.
CREATE TABLE big_shared AS SELECT * FROM big;
ANALYZE big_shared;
BEGIN;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT churn_auc(risk, churned), churn_brier(risk, churned) FROM big_shared;
CREATE TEMP TABLE parallel_eval AS
SELECT NULL::int AS part, churn_auc(risk, churned) AS auc, churn_brier(risk, churned) AS brier
FROM big_shared
UNION ALL
SELECT part, churn_auc(risk, churned), churn_brier(risk, churned)
FROM big_shared GROUP BY part;
COMMIT;
SELECT (SELECT count(*) FROM (TABLE parallel_eval EXCEPT ALL TABLE serial_eval) AS x) AS only_parallel,
       (SELECT count(*) FROM (TABLE serial_eval EXCEPT ALL TABLE parallel_eval) AS x) AS only_serial;
DROP TABLE big_shared;
