-- scripts/concurrency.sh: schema of the concurrency and load scenario.
--
--   responses  what the clients insert and the aggregates read
--   ledger     an independent record of every insert, written in the same
--              transaction from the same pgbench variables, and read only by
--              hand-written SQL (never by an nps_ext function), so the final
--              check compares the extension with counts that do not depend on
--              it.  Insert-only and without indexes: a per-score counter row
--              updated by every client would serialize them on its row lock.
--              Updates and deletes (live_*.sql) change the ledger row of the
--              same id in the same transaction; a deleted response keeps its
--              ledger row, marked deleted, so that the ledger still counts
--              every insert.
--   daily      a materialized view of daily summaries per channel, refreshed
--              CONCURRENTLY while the clients run (see the note below)
--   live_daily a live summary table per day and channel (live_summaries_create),
--              kept by triggers while the clients insert, update and delete
--
-- Run with psql -v preload=N: N responses are loaded before the clients start,
-- so that the readers have something to aggregate from the first second.

CREATE EXTENSION nps_ext;

CREATE TABLE responses (
    id      bigserial PRIMARY KEY,
    day     date NOT NULL,
    channel text NOT NULL,
    score   int,            -- NPS 0..10, NULL for no answer
    sat     int,            -- CSAT 1..5
    effort  int             -- CES 1..7
);

CREATE TABLE ledger (
    id      bigint NOT NULL,  -- the response's id (RETURNING)
    deleted boolean NOT NULL DEFAULT false,
    day     date NOT NULL,
    channel text NOT NULL,
    score   int,
    sat     int,
    effort  int
);

-- Preload: one generated set written to both tables.  NULL scores (about 1
-- in 12, 6 and 8) check that NULLs are skipped the way count(col) skips them.
WITH g AS MATERIALIZED (
    SELECT date '2025-01-01' + floor(random() * 30)::int                         AS day,
           (ARRAY['email', 'web', 'app', 'phone'])[1 + floor(random() * 4)::int] AS channel,
           nullif(floor(random() * 12)::int - 1, -1)                             AS score,
           nullif(floor(random() * 6)::int, 0)                                   AS sat,
           nullif(floor(random() * 8)::int, 0)                                   AS effort
    FROM generate_series(1, :preload)
), r AS (
    INSERT INTO responses (day, channel, score, sat, effort)
    SELECT day, channel, score, sat, effort FROM g
    RETURNING id, day, channel, score, sat, effort
)
INSERT INTO ledger (id, day, channel, score, sat, effort)
SELECT id, day, channel, score, sat, effort FROM r;
-- the updates and deletes find a response's ledger row by id
CREATE INDEX ledger_id ON ledger (id);

-- REFRESH MATERIALIZED VIEW CONCURRENTLY needs a unique index on plain
-- columns (day, channel) of every row.  It does NOT need a btree or hash
-- opclass on the summary columns: PostgreSQL 15 diffs the old and new
-- contents with the record image operator *= (binary equality of each
-- column), not with the types' = operators.  So the summaries work as they
-- are, provided equal summaries have identical bytes (the no-op refresh check
-- in check.sql verifies that).
CREATE MATERIALIZED VIEW daily AS
SELECT day, channel,
       nps_agg(score)   AS nps,
       csat_agg(sat)    AS csat,
       ces_agg(effort)  AS ces,
       count(*)         AS n
FROM responses
GROUP BY day, channel;

CREATE UNIQUE INDEX daily_day_channel ON daily (day, channel);

-- The live summary table: filled from the preload, then kept by the
-- statement-level triggers on responses while the clients write.
SELECT live_summaries_create('responses', 'live_daily', 'day', 'day', ARRAY['channel'],
                             nps => 'score', csat => 'sat', ces => 'effort');

ANALYZE responses, ledger, daily, live_daily;
