-- bench/live_run.sql: one run of the live summary benchmark (psql -v run=N).
-- Competitors run next to each other, in alternating order.  The inserts
-- are rolled back, so every run starts from the same tables.
SET max_parallel_workers_per_gather = 0;
SELECT :run % 2 = 0 AS plain_first \gset
BEGIN;
\if :plain_first
SELECT nps_live.batches('nps_live.plain', 0, 20) AS batch_plain \gset
SELECT nps_live.batches('nps_live.kept', 0, 20) AS batch_kept \gset
\else
SELECT nps_live.batches('nps_live.kept', 0, 20) AS batch_kept \gset
SELECT nps_live.batches('nps_live.plain', 0, 20) AS batch_plain \gset
\endif
ROLLBACK;
BEGIN;
\if :plain_first
SELECT nps_live.singles('nps_live.plain', 1000) AS single_plain \gset
SELECT nps_live.singles('nps_live.kept', 1000) AS single_kept \gset
\else
SELECT nps_live.singles('nps_live.kept', 1000) AS single_kept \gset
SELECT nps_live.singles('nps_live.plain', 1000) AS single_plain \gset
\endif
ROLLBACK;
INSERT INTO nps_live.timing VALUES
    (:run, 'batch_plain', :batch_plain), (:run, 'batch_kept', :batch_kept),
    (:run, 'single_plain', :single_plain), (:run, 'single_kept', :single_kept);
INSERT INTO nps_live.timing VALUES
    (:run, 'dashboard_live', nps_live.time_ms($$
        SELECT period, channel, nps(nps), responses(nps), nps_margin(nps)
        FROM nps_live.kept_monthly
        WHERE period >= date '2024-01-01' AND period < date '2026-01-01'
        ORDER BY period, channel$$)),
    (:run, 'dashboard_raw', nps_live.time_ms($$
        SELECT date_trunc('month', responded_at AT TIME ZONE 'UTC'), channel, nps(score), count(score),
               nps_margin(nps_agg(score))
        FROM nps_live.plain
        WHERE responded_at >= timestamptz '2024-01-01 00:00 UTC' AND responded_at < timestamptz '2026-01-01 00:00 UTC'
        GROUP BY 1, 2 ORDER BY 1, 2$$));
