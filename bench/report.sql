-- bench/report.sql: the fastest of the timed repetitions and the markdown table.
--
-- Ratios compare the fastest run of each query: on a shared machine the
-- noise from other tenants only ever adds time, so the minimum is the best
-- estimate of a query's own cost (medians and maxima are listed per query).
--
-- Query A is the extension's query; query B its competitor (for the
-- parallel rows: A = the same query without workers, B = with 2).  Each
-- ratio is oriented so that its target reads naturally: A/B for an
-- overhead ("at most 1.10x the time of count"), B/A for a speed-up ("the
-- hand-written SQL takes 1.2x as long").  Rows whose target is marked
-- "info" have no agreed target; their met? column is in parentheses.
--
-- psql variables: rows, reps, ncpu, loadavg, results_file.

CREATE TEMP TABLE median AS
SELECT key, workers,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms,
       min(ms) AS min_ms, max(ms) AS max_ms, count(*) AS runs
  FROM nps_bench.timing
 WHERE rep > 0
 GROUP BY key, workers;

CREATE TEMP TABLE comparison (
    ord          integer,
    measurement  text,
    a_key text, a_workers integer,
    b_key text, b_workers integer,
    ratio_kind   text,              -- 'A/B' or 'B/A'
    op           text,              -- '<=', '>=', '>'
    target       numeric,
    info         boolean,
    a_per        integer DEFAULT 1  -- query A's time is divided by this (churn_fit: per pass)
);

INSERT INTO comparison
SELECT CASE WHEN n < 9 THEN w * 100 + n ELSE 500 + n * 10 + w END,
       format('%s, %s workers', label, w), a, w, b, w, kind, op, target, info
  FROM (VALUES
    (1, '1. nps(score) vs count(score), ungrouped',        'nps_ungrouped',  'count_ungrouped',     'A/B', '<=', 1.10, false),
    (2, '2. nps(score) vs hand-written SQL, ungrouped',    'nps_ungrouped',  'hand_nps_ungrouped',  'B/A', '>=', 1.20, false),
    (3, '2. nps(score) vs hand-written SQL, by channel',   'nps_by_channel', 'hand_nps_by_channel', 'B/A', '>',  1.00, false),
    (4, '2. nps(score) vs hand-written SQL, by month',     'nps_by_month',   'hand_nps_by_month',   'B/A', '>',  1.00, false),
    (5, '3. csat(csat) vs hand-written SQL, ungrouped',    'csat_ungrouped', 'hand_csat_ungrouped', 'B/A', '>',  1.00, true),
    (6, '3. csat(csat) vs hand-written SQL, by month',     'csat_by_month',  'hand_csat_by_month',  'B/A', '>',  1.00, true),
    (7, '3. ces(ces) vs avg(ces), ungrouped',              'ces_ungrouped',  'avg_ces_ungrouped',   'B/A', '>=', 0.90, true),
    (8, '3. ces(ces) vs avg(ces), by month',               'ces_by_month',   'avg_ces_by_month',    'B/A', '>=', 0.90, true),
    (9, '7. nps(rollup(summary)) over 365 daily summaries vs nps(score) over the year''s raw rows', 'rollup_365_days', 'nps_365_days', 'B/A', '>=', 100, true),
    (10, '7. nps_agg(score) vs nps(score), by day (building the daily summaries)', 'nps_agg_by_day', 'nps_by_day', 'A/B', '<=', 1.10, true),
    (11, '8. weighted nps(score, weight) vs hand-written weighted SQL, ungrouped', 'nps_weighted', 'hand_nps_weighted', 'B/A', '>', 1.00, true),
    (12, format('9. churn_agg(score, responded_at, as_of) vs count(score), by customer (%s groups)', :rows / 10),
         'churn_agg_by_customer', 'count_by_customer', 'A/B', '<=', 1.50, false),
    (13, format('10. one churn_fit_pass(features, churned, model) vs count(*), %s training rows',
                (SELECT count(*) FROM nps_bench.churn_training)),
         'churn_fit_pass', 'count_training', 'A/B', '<=', 3.00, false)
  ) AS c(n, label, a, b, kind, op, target, info)
 CROSS JOIN (VALUES (0), (2)) AS w(w);

INSERT INTO comparison
SELECT 300 + n, format('4. parallel speed-up (0 vs 2 workers): %s', label), key, 0, key, 2, 'A/B', '>=', 1.6, info
  FROM (VALUES
    (1, 'nps(score), ungrouped',              'nps_ungrouped',      false),
    (2, 'count(score), ungrouped',            'count_ungrouped',    true),
    (3, 'hand-written NPS SQL, ungrouped',    'hand_nps_ungrouped', true),
    (4, 'nps(score), by month',               'nps_by_month',       true),
    (5, 'csat(csat), ungrouped',              'csat_ungrouped',     true),
    (6, 'ces(ces), ungrouped',                'ces_ungrouped',      true),
    -- churn_fit's passes: held to nps() over as many rows (row 12), the
    -- target set below
    (7, 'churn_fit_pass(features, churned, model)', 'churn_fit_pass', false),
    (8, 'count(*) over the training rows',    'count_training',     true),
    (9, 'churn_fit() (all its passes)',       'churn_fit',          true),
    (10, 'churn_agg(...), by customer',       'churn_agg_by_customer', true),
    (11, 'count(score), by customer',         'count_by_customer',  true),
    (12, format('nps(score), ungrouped, over survey_window (%s rows, as many as the training rows)', :rows / 10),
         'nps_training_rows', true)
  ) AS c(n, label, key, info);

-- 10. the whole fit: its time per pass (total / iterations) and in all,
-- against one count(*) over the training rows
INSERT INTO comparison
SELECT 650 + w, format('10. churn_fit() per pass (total / %s iterations) vs count(*), %s workers',
                       nps_bench.fit_iterations(w), w),
       'churn_fit', w, 'count_training', w, 'A/B', '<=', 3.00, false, nps_bench.fit_iterations(w)
  FROM (VALUES (0), (2)) AS w(w)
UNION ALL
SELECT 660 + w, format('10. churn_fit() in all (%s iterations) vs count(*), %s workers',
                       nps_bench.fit_iterations(w), w),
       'churn_fit', w, 'count_training', w, 'A/B', '<=', 3.00 * nps_bench.fit_iterations(w), true, 1
  FROM (VALUES (0), (2)) AS w(w);

INSERT INTO comparison VALUES
    (450, '6. nps + promoters + passives + detractors vs nps alone (one shared state), 0 workers',
     'nps_buckets_ungrouped', 0, 'nps_ungrouped', 0, 'A/B', '<=', 1.10, true);

INSERT INTO comparison VALUES
    (400, format('5. nps() vs hand-written SQL, 30-row moving window over %s rows', :rows / 10),
     'nps_window', 0, 'hand_nps_window', 0, 'B/A', '>', 1.00, true);

CREATE TEMP TABLE result AS
SELECT c.ord, c.measurement, a.min_ms / c.a_per AS a_ms, b.min_ms AS b_ms, c.ratio_kind, c.op, c.target, c.info,
       CASE c.ratio_kind WHEN 'A/B' THEN a.min_ms / c.a_per / b.min_ms ELSE b.min_ms / (a.min_ms / c.a_per) END AS ratio
  FROM comparison c
  JOIN median a ON a.key = c.a_key AND a.workers = c.a_workers
  JOIN median b ON b.key = c.b_key AND b.workers = c.b_workers;

-- A pass of churn_fit() with two workers (row 307) is held to nps() over
-- as many rows (row 312), as starting workers costs the same milliseconds
-- whatever they then do, a larger share of a 1,000,000-row query than of a
-- 10,000,000-row one.  Row 313 sets apart the pass's own work, its time
-- minus count(*)'s over the same rows (the scan and the start of the
-- workers, row 308), against nps()'s speed-up over 10,000,000 rows (row
-- 301): an aggregate that cost nothing per row would have count(*)'s
-- speed-up, so the whole pass's falls as the pass gets cheaper.
UPDATE result SET target = (SELECT round(ratio::numeric, 2) FROM result WHERE ord = 312),
                  measurement = measurement || ' (target: the speed-up of nps() over as many rows, below)'
 WHERE ord = 307;
INSERT INTO result (ord, measurement, a_ms, b_ms, ratio_kind, op, target, info, ratio)
SELECT 313, '4. parallel speed-up (0 vs 2 workers): churn_fit_pass''s own work, its time minus count(*)''s over the training rows'
            ' (against the speed-up of nps(score), ungrouped, above)',
       p0.min_ms - c0.min_ms, p2.min_ms - c2.min_ms, 'A/B', '>=',
       (SELECT round(ratio::numeric, 2) FROM result WHERE ord = 301), true,
       (p0.min_ms - c0.min_ms) / (p2.min_ms - c2.min_ms)
  FROM median p0, median p2, median c0, median c2
 WHERE (p0.key, p0.workers, p2.key, p2.workers) = ('churn_fit_pass', 0, 'churn_fit_pass', 2)
   AND (c0.key, c0.workers, c2.key, c2.workers) = ('count_training', 0, 'count_training', 2);

ALTER TABLE result ADD COLUMN met boolean;
UPDATE result SET met = CASE op WHEN '<=' THEN round(ratio::numeric, 2) <= target
                                WHEN '>=' THEN round(ratio::numeric, 2) >= target
                                ELSE round(ratio::numeric, 2) > target END;

\pset format unaligned
\pset tuples_only on
\pset footer off
\o :results_file
SELECT format('# nps_ext benchmark

PostgreSQL %s, %s CPU cores (load average %s before the run), %s rows (survey table, %s),
fastest of %s runs after a warm-up run (the three queries over the 1,000,000-row tables run 5 times a run), ratios of the fastest runs, jit = off, competitors interleaved. Query A is the extension query, query B the competitor
(parallel rows: A = 0 workers, B = 2 workers). Targets marked "info" are not agreed targets.
',
              current_setting('server_version'), :'ncpu', :'loadavg', :rows,
              pg_size_pretty(pg_relation_size('public.survey')), :reps);
SELECT '| measurement | query A ms | query B ms | ratio | target | met? |';
SELECT '|---|---:|---:|---:|---|---|';
SELECT format('| %s | %s | %s | %sx %s | %s %s %sx%s | %s |',
              measurement, to_char(a_ms, 'FM999990.00'), to_char(b_ms, 'FM999990.00'),
              to_char(ratio, 'FM999990.00'), ratio_kind,
              ratio_kind, op, to_char(target, 'FM99990.00'), CASE WHEN info THEN ' (info)' ELSE '' END,
              CASE WHEN info THEN CASE WHEN met THEN '(yes)' ELSE '(no)' END
                   ELSE CASE WHEN met THEN 'yes' ELSE '**NO**' END END)
  FROM result ORDER BY ord;
SELECT '
Queries (B = the hand-written competitor):

- NPS: `100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score)`
- CSAT: `100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat)`; CES: `avg(ces)`
- grouped: `GROUP BY channel` (5 groups) or `GROUP BY month` (24 groups)
- two-step: `nps(rollup(summary))` over a table of 365 daily `nps_agg(score)` summaries (2024)
  against `nps(score)` over the same year''s raw rows (`WHERE day BETWEEN ...`, no index)
- weighted: `nps(score, (id % 4 + 1)::float8)` against `100 * (sum(w) FILTER (WHERE score >= 9)
  - sum(w) FILTER (WHERE score <= 6)) / sum(w) FILTER (WHERE score IS NOT NULL)`
- window: `nps(score) OVER (ORDER BY day ROWS 29 PRECEDING)` against the NPS formula with each
  count as a window aggregate over the same frame, on `survey_window` (every 10th response,
  ' || :rows / 10 || ' rows, index on day), wrapped in `SELECT count(x) FROM (...)`
- churn state per customer: `churn_agg(score, responded_at, timestamptz ''2025-01-01'')` against
  `count(score)`, both `GROUP BY customer` (' || :rows / 10 || ' customers, 1 + Poisson(9) responses each)
  and wrapped in `SELECT count(x) FROM (...)`
- churn fit: the training table `nps_bench.churn_training(customer, features, churned)` holds
  one `churn_agg` state per customer, churned drawn from the logistic model below; one pass is
  `churn_fit_pass(features, churned, model)` over it (model: the fitted one, as a literal), the fit is
  `churn_fit(''SELECT features, churned FROM nps_bench.churn_training'')` (the default 5 features,
  penalty 1); both against `count(*)` over the same table. Per pass = the fit''s fastest time divided
  by its iterations. A pass''s own work = its time minus that of `count(*)` over the same table
  (the scan and, with workers, their start), with the same number of workers.
'
UNION ALL
SELECT format('Training rows: %s customers, %s churned (%s%%), table %s. The fit (0 workers: %s iterations,
converged %s; 2 workers: %s iterations) against the model the outcomes were drawn from:

| term | true coefficient | fitted (0 workers) | std error | fitted (2 workers) |
|---|---:|---:|---:|---:|',
              count(*), count(*) FILTER (WHERE churned),
              to_char(100.0 * count(*) FILTER (WHERE churned) / count(*), 'FM990.0'),
              pg_size_pretty(pg_relation_size('nps_bench.churn_training')),
              nps_bench.fit_iterations(0),
              (SELECT model::text::jsonb->>'converged' FROM nps_bench.churn_fitted WHERE workers = 0),
              nps_bench.fit_iterations(2))
  FROM nps_bench.churn_training
UNION ALL
SELECT string_agg(format('| %s | %s | %s | %s | %s |', t.feature, to_char(t.coefficient, 'FM990.000'),
                         to_char(c0.coefficient, 'FM990.000'), to_char(c0.std_error, 'FM990.000'),
                         to_char(c2.coefficient, 'FM990.000')), E'\n' ORDER BY t.ord)
  FROM nps_bench.true_model t
  LEFT JOIN (SELECT c.* FROM nps_bench.churn_fitted f, coefficients(f.model) c WHERE f.workers = 0) c0 USING (feature)
  LEFT JOIN (SELECT c.* FROM nps_bench.churn_fitted f, coefficients(f.model) c WHERE f.workers = 2) c2 USING (feature)
UNION ALL
SELECT '

Per query (median / min / max ms):

| query | workers | median | min | max |
|---|---:|---:|---:|---:|';
SELECT format('| %s | %s | %s | %s | %s |', m.key, m.workers,
              to_char(m.ms, 'FM999990.0'), to_char(m.min_ms, 'FM999990.0'), to_char(m.max_ms, 'FM999990.0'))
  FROM median m JOIN nps_bench.query q USING (key, workers)
 ORDER BY q.ord;
\o
\pset tuples_only off
\pset format aligned

SELECT count(*) FILTER (WHERE NOT met AND NOT info) AS missed FROM result \gset
