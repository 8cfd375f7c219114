-- pgbench: a batch of 10 responses in one statement (one firing of the live
-- summary triggers, several groups merged in key order), and their ledger
-- rows from RETURNING, in the same transaction.
\set seed random(0, 1000000000)
BEGIN;
WITH r AS (
    INSERT INTO responses (day, channel, score, sat, effort)
    SELECT date '2025-01-01' + ((:seed::bigint + i * 7) % 30)::int,
           (ARRAY['email', 'web', 'app', 'phone'])[1 + (:seed::bigint / 30 + i) % 4],
           nullif(((:seed::bigint / 120 + i * 5) % 12)::int - 1, -1),
           nullif(((:seed::bigint / 7 + i) % 6)::int, 0),
           nullif(((:seed::bigint / 11 + i * 3) % 8)::int, 0)
    FROM generate_series(1, 10) AS i
    RETURNING id, day, channel, score, sat, effort
)
INSERT INTO ledger (id, day, channel, score, sat, effort)
SELECT id, day, channel, score, sat, effort FROM r;
END;
