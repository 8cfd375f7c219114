-- Shared fixtures for the pg_regress suite (the extension itself is created
-- by pg_regress --load-extension=nps_ext).
SELECT extname, extversion FROM pg_extension WHERE extname = 'nps_ext';

-- 20,000 deterministic responses: scores derived from a multiplicative hash
-- of the row number, so the data is identical on every run and version.
CREATE TABLE responses AS
SELECT i AS id,
       (ARRAY['email','web','phone','chat'])[1 + i % 4] AS channel,
       date '2024-01-01' + (i % 365) AS day,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE ((i::bigint * 2654435761) % 4294967296 / 1000 % 11)::smallint END AS score,
       CASE WHEN i % 89 = 0 THEN NULL
            ELSE (1 + (i::bigint * 40503) % 65536 / 7 % 5)::smallint END AS sat,
       CASE WHEN i % 83 = 0 THEN NULL
            ELSE (1 + (i::bigint * 69069) % 65536 / 11 % 7)::smallint END AS effort
FROM generate_series(1, 20000) AS i;
ANALYZE responses;

SELECT count(*) AS rows, count(score) AS scores, count(sat) AS sats,
       count(effort) AS efforts, min(score), max(score), min(sat), max(sat),
       min(effort), max(effort)
FROM responses;

-- try(query): runs a query and shows its error as "SQLSTATE: message |
-- detail" on one line, or 'no error'; the error tests of every file use it.
CREATE FUNCTION try(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  detail text;
BEGIN
  EXECUTE query;
  RETURN 'no error';
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN detail <> '' THEN ' | ' || detail ELSE '' END;
END $$;
