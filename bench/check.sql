-- bench/check.sql: the extension must agree with the hand-written SQL before
-- anything is timed.  Each check computes both sides in one query, without
-- and with parallel workers (the latter goes through the combine function),
-- and raises an error on the first group that differs.  The values are
-- numeric quotients with at least 16 significant digits whose last digits
-- may be rounded differently, so "agree" means within 1e-9.

SET client_min_messages = notice;
SET jit = off;

DO $$
DECLARE
    c record;
    w integer;
    n_groups bigint;
    n_bad bigint;
    example text;
BEGIN
    FOR c IN
        SELECT * FROM (VALUES
        ('nps ungrouped',
         'SELECT NULL::text AS g, nps(score) AS a, ' || nps_bench.hand_nps('score') || ' AS b FROM public.survey'),
        ('nps by channel',
         'SELECT channel, nps(score), ' || nps_bench.hand_nps('score') || ' FROM public.survey GROUP BY channel'),
        ('nps by month',
         'SELECT month::text, nps(score), ' || nps_bench.hand_nps('score') || ' FROM public.survey GROUP BY month'),
        ('csat ungrouped',
         'SELECT NULL::text, csat(csat), ' || nps_bench.hand_csat('csat') || ' FROM public.survey'),
        ('csat by month',
         'SELECT month::text, csat(csat), ' || nps_bench.hand_csat('csat') || ' FROM public.survey GROUP BY month'),
        ('ces ungrouped',
         'SELECT NULL::text, ces(ces), avg(ces) FROM public.survey'),
        ('ces by month',
         'SELECT month::text, ces(ces), avg(ces) FROM public.survey GROUP BY month'),
        ('nps rollup of 365 daily summaries',
         'SELECT NULL::text, (SELECT nps(rollup(summary)) FROM nps_bench.daily_2024),'
         ' nps(score) FROM public.survey WHERE day BETWEEN date ''2024-01-01'' AND date ''2024-12-30'''),
        ('weighted nps ungrouped',
         'SELECT NULL::text, nps(score, (id % 4 + 1)::float8), '
         || nps_bench.hand_nps_weighted('score', '(id % 4 + 1)::float8') || ' FROM public.survey'),
        ('churn_agg responses by customer vs count(score)',
         'SELECT customer::text, coalesce((churn_agg(score, responded_at, timestamptz ''2025-01-01 00:00:00+00'')::text::jsonb->>''responses'')::numeric, 0),'
         ' count(score) FROM public.survey GROUP BY customer'),
        ('nps 30-row window',
         'SELECT id::text, nps(score) OVER w, 100.0 * (count(*) FILTER (WHERE score >= 9) OVER w'
         ' - count(*) FILTER (WHERE score <= 6) OVER w) / NULLIF(count(score) OVER w, 0)'
         ' FROM public.survey_window WINDOW w AS (ORDER BY day ROWS 29 PRECEDING)')
        ) AS t(label, query)
    LOOP
        FOREACH w IN ARRAY ARRAY[0, 2]
        LOOP
            CONTINUE WHEN w > 0 AND c.label LIKE '%window%';
            PERFORM set_config('max_parallel_workers_per_gather', w::text, true);
            EXECUTE format(
                'SELECT count(*), count(*) FILTER (WHERE NOT ok),'
                '       min(format(''group %%s: %%s vs %%s'', g, a, b)) FILTER (WHERE NOT ok)'
                '  FROM (SELECT g, a, b, (a IS NULL AND b IS NULL) OR abs(a - b) < 1e-9 AS ok'
                '          FROM (%s) AS q(g, a, b)) AS s', c.query)
               INTO n_groups, n_bad, example;
            IF n_groups = 0 OR n_bad IS DISTINCT FROM 0 THEN
                RAISE EXCEPTION 'bench check failed: % (% parallel workers) disagrees with the hand-written SQL in % of % groups',
                    c.label, w, n_bad, n_groups
                    USING DETAIL = coalesce(example, 'no groups at all');
            END IF;
            RAISE NOTICE 'check ok: % (% workers, % groups agree)', c.label, w, n_groups;
        END LOOP;
    END LOOP;
END
$$;

-- The parallel measurements must really be parallel.
SELECT nps_bench.workers_launched('SELECT nps(score) FROM public.survey', 2) AS nps_workers,
       nps_bench.workers_launched('SELECT count(score) FROM public.survey', 2) AS count_workers \gset
SELECT nps_bench.workers_launched((SELECT sql FROM nps_bench.query WHERE key = 'churn_fit_pass' AND workers = 2), 2) AS fit_pass_workers,
       nps_bench.workers_launched((SELECT sql FROM nps_bench.query WHERE key = 'churn_agg_by_customer' AND workers = 2), 2) AS churn_agg_workers \gset
\echo '==> workers launched with max_parallel_workers_per_gather = 2: nps()' :nps_workers 'count()' :count_workers 'churn_fit_pass()' :fit_pass_workers 'churn_agg() by customer' :churn_agg_workers
SELECT :nps_workers < 2 OR :count_workers < 2 OR :fit_pass_workers < 2 OR :churn_agg_workers < 2 AS too_few_workers \gset
\if :too_few_workers
\echo '==> WARNING: fewer than 2 parallel workers were launched; the parallel rows measure less parallelism than they claim'
\endif
