-- scripts/concurrency.sh: checks after the load, once the clients are gone.
-- One row per check: name | PASS or FAIL | detail.  The extension's results
-- are compared with = (exact numeric equality) against hand-written SQL over
-- the ledger, which no nps_ext function ever reads.
--
--   psql -v counted=N : insert transactions pgbench counted plus the preload
--        -v clients=N : pgbench clients

-- Bring the view up to date with the final table (quiescent now).
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;

CREATE TEMP TABLE result (ord int, name text, pass bool, detail text);

-- Hand-written formulas over the ledger, per (day, channel), per day and
-- overall (level 'day_channel', 'day', 'all').
CREATE TEMP TABLE ledger_formulas AS
SELECT CASE grouping(day, channel) WHEN 0 THEN 'day_channel' WHEN 1 THEN 'day' ELSE 'all' END AS level,
       day, channel,
       count(*)                                                   AS n,
       count(score)                                               AS n_score,
       count(*) FILTER (WHERE score >= 9)                         AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)              AS passives,
       count(*) FILTER (WHERE score <= 6)                         AS detractors,
       100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
             / nullif(count(score), 0)                            AS nps,
       count(sat)                                                 AS n_sat,
       count(*) FILTER (WHERE sat >= 4)                           AS satisfied,
       100.0 * count(*) FILTER (WHERE sat >= 4) / nullif(count(sat), 0) AS csat,
       count(effort)                                              AS n_effort,
       sum(effort)                                                AS effort_sum,
       sum(effort)::numeric / nullif(count(effort), 0)            AS ces
FROM ledger
WHERE NOT deleted
GROUP BY GROUPING SETS ((day, channel), (day), ());

-- 1. every insert is there, once.  pgbench counts a transaction when its
--    COMMIT returns before the deadline; at the deadline it drops the clients
--    with a transaction in flight, whose COMMIT may still land.  So the
--    ledger holds at least what pgbench counted and at most one more
--    transaction (up to 10 rows, a batch) per client; responses holds the
--    ledger's rows not marked deleted, exactly.
INSERT INTO result
SELECT 1, 'row counts: responses = ledger not deleted, ledger = pgbench inserts + in flight',
       r = l - d AND l BETWEEN :counted AND :counted + 10 * :clients,
       format('responses %s, ledger %s of which %s deleted, pgbench inserts + preload %s, %s committed at the deadline',
              r, l, d, :counted, l - :counted)
FROM (SELECT count(*) AS r FROM responses) a,
     (SELECT count(*) AS l, count(*) FILTER (WHERE deleted) AS d FROM ledger) b;

-- 2. the aggregates over the final table equal the ledger's counts
INSERT INTO result
SELECT 2, 'nps/csat/ces(responses) = ledger formulas',
       x.nps IS NOT DISTINCT FROM f.nps AND x.csat IS NOT DISTINCT FROM f.csat
       AND x.ces IS NOT DISTINCT FROM f.ces
       AND x.p = f.promoters AND x.pa = f.passives AND x.d = f.detractors,
       format('nps %s vs %s, csat %s vs %s, ces %s vs %s, P/P/D %s/%s/%s vs %s/%s/%s',
              x.nps, f.nps, x.csat, f.csat, x.ces, f.ces,
              x.p, x.pa, x.d, f.promoters, f.passives, f.detractors)
FROM (SELECT nps(score), csat(sat), ces(effort),
             promoters(score) AS p, passives(score) AS pa, detractors(score) AS d
      FROM responses) x,
     ledger_formulas f
WHERE f.level = 'all';

-- 3. the rolled-up materialized view equals them too
INSERT INTO result
SELECT 3, 'rollup(daily) = ledger formulas',
       x.nps IS NOT DISTINCT FROM f.nps AND x.csat IS NOT DISTINCT FROM f.csat
       AND x.ces IS NOT DISTINCT FROM f.ces
       AND x.rn = f.n_score AND x.rs = f.n_sat AND x.re = f.n_effort AND x.n = f.n
       AND x.p = f.promoters AND x.d = f.detractors,
       format('nps %s vs %s, csat %s vs %s, ces %s vs %s, responses(nps/csat/ces) %s/%s/%s vs %s/%s/%s, sum(n) %s vs %s',
              x.nps, f.nps, x.csat, f.csat, x.ces, f.ces,
              x.rn, x.rs, x.re, f.n_score, f.n_sat, f.n_effort, x.n, f.n)
FROM (SELECT nps(rollup(nps)), csat(rollup(csat)), ces(rollup(ces)),
             responses(rollup(nps)) AS rn, responses(rollup(csat)) AS rs,
             responses(rollup(ces)) AS re, promoters(rollup(nps)) AS p,
             detractors(rollup(nps)) AS d, sum(n) AS n
      FROM daily) x,
     ledger_formulas f
WHERE f.level = 'all';

-- 4. and so does every row of it, which also equals (summary =) a fresh
--    nps_agg/csat_agg/ces_agg over the table
INSERT INTO result
SELECT 4, 'every daily row = ledger formulas and fresh summaries',
       count(*) FILTER (WHERE NOT ok) = 0,
       format('%s groups, %s mismatched%s', count(*), count(*) FILTER (WHERE NOT ok),
              ': first ' || min(day_channel) FILTER (WHERE NOT ok))
FROM (
    SELECT coalesce(f.day, d.day)::text || '/' || coalesce(f.channel, d.channel) AS day_channel,
           coalesce(f.n = d.n
                    AND responses(d.nps) = f.n_score AND responses(d.csat) = f.n_sat
                    AND responses(d.ces) = f.n_effort
                    AND nps(d.nps) IS NOT DISTINCT FROM f.nps
                    AND csat(d.csat) IS NOT DISTINCT FROM f.csat
                    AND ces(d.ces) IS NOT DISTINCT FROM f.ces
                    AND d.nps = s.nps AND d.csat = s.csat AND d.ces = s.ces, false) AS ok
    FROM (SELECT * FROM ledger_formulas WHERE level = 'day_channel') f
    FULL JOIN daily d USING (day, channel)
    LEFT JOIN (SELECT day, channel, nps_agg(score) AS nps, csat_agg(sat) AS csat,
                      ces_agg(effort) AS ces
               FROM responses GROUP BY day, channel) s USING (day, channel)
) g;

-- 5. a parallel plan (partial states in workers, combine functions in the
--    leader) by day equals the ledger by day
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.partial_plan(query text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE plan text;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    RETURN plan LIKE '%"Partial Mode": "Partial"%';
END $$;
CREATE TEMP TABLE by_day_parallel AS
SELECT day, nps(score), csat(sat), ces(effort) FROM responses GROUP BY day;
INSERT INTO result
SELECT 5, 'parallel nps/csat/ces by day = ledger formulas',
       count(*) FILTER (WHERE NOT ok) = 0 AND count(*) = 30
       AND pg_temp.partial_plan('SELECT day, nps(score), csat(sat), ces(effort) FROM responses GROUP BY day'),
       format('%s days, %s mismatched, partial aggregation in the plan: %s', count(*),
              count(*) FILTER (WHERE NOT ok),
              pg_temp.partial_plan('SELECT day, nps(score), csat(sat), ces(effort) FROM responses GROUP BY day'))
FROM (
    SELECT coalesce(p.nps IS NOT DISTINCT FROM f.nps AND p.csat IS NOT DISTINCT FROM f.csat
                    AND p.ces IS NOT DISTINCT FROM f.ces, false) AS ok
    FROM by_day_parallel p FULL JOIN (SELECT * FROM ledger_formulas WHERE level = 'day') f USING (day)
) g;
RESET ALL;

-- 6. moving aggregates (inverse transitions) over the final table equal the
--    hand-written window formulas, row by row
INSERT INTO result
SELECT 6, 'moving nps/csat/ces over responses = window formulas',
       count(*) FILTER (WHERE NOT ok) = 0,
       format('%s rows, %s mismatched', count(*), count(*) FILTER (WHERE NOT ok))
FROM (
    SELECT nps(score) OVER w IS NOT DISTINCT FROM
               100.0 * (count(*) FILTER (WHERE score >= 9) OVER w
                        - count(*) FILTER (WHERE score <= 6) OVER w)
               / nullif(count(score) OVER w, 0)
           AND csat(sat) OVER w IS NOT DISTINCT FROM
               100.0 * count(*) FILTER (WHERE sat >= 4) OVER w / nullif(count(sat) OVER w, 0)
           AND ces(effort) OVER w IS NOT DISTINCT FROM
               (sum(effort) OVER w)::numeric / nullif(count(effort) OVER w, 0) AS ok
    FROM responses
    WINDOW w AS (PARTITION BY channel ORDER BY id ROWS BETWEEN 99 PRECEDING AND CURRENT ROW)
) m;

-- 7. a 7-day moving rollup() over the view (rollup's inverse transition)
--    equals moving sums of the ledger's daily counts
INSERT INTO result
SELECT 7, 'moving rollup(daily) = moving sums of the ledger',
       count(*) FILTER (WHERE NOT ok) = 0,
       format('%s rows, %s mismatched', count(*), count(*) FILTER (WHERE NOT ok))
FROM (
    SELECT nps(rollup(d.nps) OVER w) IS NOT DISTINCT FROM
               100.0 * (sum(f.promoters) OVER w - sum(f.detractors) OVER w)
               / nullif(sum(f.n_score) OVER w, 0)
           AND csat(rollup(d.csat) OVER w) IS NOT DISTINCT FROM
               100.0 * sum(f.satisfied) OVER w / nullif(sum(f.n_sat) OVER w, 0)
           AND ces(rollup(d.ces) OVER w) IS NOT DISTINCT FROM
               sum(f.effort_sum) OVER w / nullif(sum(f.n_effort) OVER w, 0) AS ok
    FROM daily d JOIN ledger_formulas f USING (day, channel)
    WHERE f.level = 'day_channel'
    WINDOW w AS (PARTITION BY channel ORDER BY day ROWS 6 PRECEDING)
) m;

-- 8. a refresh with nothing changed leaves every row of the view in place:
--    REFRESH CONCURRENTLY compares rows by their bytes, so equal summaries
--    must be byte-identical (no stray padding), or each refresh rewrites them
CREATE TEMP TABLE before_refresh AS SELECT ctid AS tid, day, channel FROM daily;
REFRESH MATERIALIZED VIEW CONCURRENTLY daily;
INSERT INTO result
SELECT 8, 'no-op REFRESH CONCURRENTLY rewrites no row',
       count(*) FILTER (WHERE a.tid IS DISTINCT FROM b.ctid) = 0,
       format('%s rows, %s rewritten', count(*), count(*) FILTER (WHERE a.tid IS DISTINCT FROM b.ctid))
FROM before_refresh a FULL JOIN daily b USING (day, channel);

-- 9. the live summary table, kept by the triggers through every insert,
--    batch, update and delete of the run, equals a full recompute over the
--    final table: the same groups, the same summaries (=), the same counts
INSERT INTO result
SELECT 9, 'live_daily = full recompute (summary =, row by row)',
       count(*) FILTER (WHERE NOT ok) = 0,
       format('%s groups, %s mismatched%s', count(*), count(*) FILTER (WHERE NOT ok),
              ': first ' || min(day_channel) FILTER (WHERE NOT ok))
FROM (
    SELECT coalesce(l.period, s.day)::text || '/' || coalesce(l.channel, s.channel) AS day_channel,
           coalesce(l.source_rows = s.n AND l.nps = s.nps AND l.csat = s.csat AND l.ces = s.ces, false) AS ok
    FROM live_daily l
    FULL JOIN (SELECT day, channel, count(*) AS n, nps_agg(score) AS nps, csat_agg(sat) AS csat,
                      ces_agg(effort) AS ces
               FROM responses GROUP BY day, channel) s ON s.day = l.period AND s.channel = l.channel
) g;

-- 10. and it equals the ledger's hand-written counts and formulas per day
--     and channel
INSERT INTO result
SELECT 10, 'live_daily = ledger formulas per day and channel',
       count(*) FILTER (WHERE NOT ok) = 0,
       format('%s groups, %s mismatched%s', count(*), count(*) FILTER (WHERE NOT ok),
              ': first ' || min(day_channel) FILTER (WHERE NOT ok))
FROM (
    SELECT coalesce(f.day, l.period)::text || '/' || coalesce(f.channel, l.channel) AS day_channel,
           coalesce(l.source_rows = f.n
                    AND responses(l.nps) = f.n_score AND responses(l.csat) = f.n_sat
                    AND responses(l.ces) = f.n_effort
                    AND promoters(l.nps) = f.promoters AND detractors(l.nps) = f.detractors
                    AND nps(l.nps) IS NOT DISTINCT FROM f.nps
                    AND csat(l.csat) IS NOT DISTINCT FROM f.csat
                    AND ces(l.ces) IS NOT DISTINCT FROM f.ces, false) AS ok
    FROM (SELECT * FROM ledger_formulas WHERE level = 'day_channel') f
    FULL JOIN live_daily l ON l.period = f.day AND l.channel = f.channel
) g;

SELECT name, CASE WHEN pass THEN 'PASS' ELSE 'FAIL' END, detail FROM result ORDER BY ord;
