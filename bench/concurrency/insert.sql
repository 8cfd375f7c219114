-- pgbench: one survey response, written to responses and, in the same
-- transaction and from the same variables, to the independent ledger.
-- -1 / 0 draws become NULL (no answer): about 1 in 12, 6 and 8.
\set day random(0, 29)
\set ch random(1, 4)
\set score random(-1, 10)
\set sat random(0, 5)
\set effort random(0, 7)
-- The ledger takes the response's id from RETURNING, its values from the
-- variables.
BEGIN;
WITH r AS (
    INSERT INTO responses (day, channel, score, sat, effort)
    VALUES (date '2025-01-01' + :day::int, (ARRAY['email', 'web', 'app', 'phone'])[:ch::int],
            nullif(:score::int, -1), nullif(:sat::int, 0), nullif(:effort::int, 0))
    RETURNING id
)
INSERT INTO ledger (id, day, channel, score, sat, effort)
SELECT id, date '2025-01-01' + :day::int, (ARRAY['email', 'web', 'app', 'phone'])[:ch::int],
       nullif(:score::int, -1), nullif(:sat::int, 0), nullif(:effort::int, 0)
FROM r;
END;
