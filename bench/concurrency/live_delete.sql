-- pgbench: delete a preloaded response (its group of the live summary table
-- loses it, or is deleted with its last row); the ledger marks it deleted.
\set id random(1, :preload)
BEGIN;
DELETE FROM responses WHERE id = :id;
UPDATE ledger SET deleted = true WHERE id = :id;
END;
