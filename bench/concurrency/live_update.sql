-- pgbench: change the score, day and channel of up to three preloaded
-- responses in one statement (rows leave some groups of the live summary
-- table and join others), and the same in the ledger.  The ids are sorted,
-- as the index scan of = ANY locks the rows in that order anyway.
\set a random(1, :preload)
\set b random(1, :preload)
\set c random(1, :preload)
\set day random(0, 29)
\set ch random(1, 4)
\set score random(-1, 10)
BEGIN;
UPDATE responses SET day = date '2025-01-01' + (:day::int + id::int) % 30,
                     channel = (ARRAY['email', 'web', 'app', 'phone'])[1 + (:ch::int + id::int) % 4],
                     score = nullif(:score::int, -1)
WHERE id = ANY (ARRAY[:a, :b, :c]::bigint[]);
UPDATE ledger SET day = date '2025-01-01' + (:day::int + id::int) % 30,
                  channel = (ARRAY['email', 'web', 'app', 'phone'])[1 + (:ch::int + id::int) % 4],
                  score = nullif(:score::int, -1)
WHERE id = ANY (ARRAY[:a, :b, :c]::bigint[]) AND NOT deleted;
END;
