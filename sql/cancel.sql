-- Cancellation: statement_timeout and pg_cancel_backend() stop a long
-- aggregate cleanly (the executor checks for interrupts between rows; no
-- function of the extension loops for long), and the session and the
-- server carry on.
SELECT pg_postmaster_start_time() AS started \gset

-- The rows come from generate_series() in the select list, which streams
-- them (in FROM it would build all of them first, and the cancel would hit
-- that instead of the aggregate).  The first query shows the rows reach the
-- aggregate at once: row 5 carries an invalid score.
SELECT nps(i % 11 + (i = 5)::int * 100) FROM (SELECT generate_series(1, 1000000000) AS i) AS s;
SET statement_timeout = '200ms';
SELECT nps(i % 11), csat(1 + i % 5), ces(1 + i % 7) FROM (SELECT generate_series(1, 1000000000) AS i) AS s;
SELECT nps_agg(i % 11) FROM (SELECT generate_series(1, 1000000000) AS i) AS s;
SELECT count(x) FROM (SELECT nps(i % 11) OVER (ROWS 29 PRECEDING) AS x
                      FROM (SELECT generate_series(1, 1000000000) AS i) AS s) AS w;
RESET statement_timeout;

-- pg_cancel_backend() from another session, through dblink.
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT dblink_connect('canceller',
         format('dbname=%s user=%s port=%s host=%s', current_database(), current_user, current_setting('port'),
                split_part(current_setting('unix_socket_directories'), ',', 1))) AS connected;
-- a bound, in case the cancel below failed
SELECT dblink_exec('canceller', 'SET statement_timeout = ''60s''') AS bounded;
SELECT dblink_send_query('canceller',
  'SELECT nps(i % 11, 1.5) FROM (SELECT generate_series(1, 1000000000) AS i) AS s') AS sent;
-- wait until the query runs, then cancel it
DO $$
DECLARE
  victim int;
BEGIN
  FOR attempt IN 1 .. 200 LOOP
    PERFORM pg_stat_clear_snapshot();  -- pg_stat_activity is otherwise read once per transaction
    SELECT pid INTO victim FROM pg_stat_activity
     WHERE query LIKE 'SELECT nps(i % 11, 1.5)%' AND state = 'active' AND pid <> pg_backend_pid();
    EXIT WHEN victim IS NOT NULL;
    PERFORM pg_sleep(0.05);
  END LOOP;
  PERFORM pg_sleep(0.2);
  IF victim IS NULL OR NOT pg_cancel_backend(victim) THEN
    RAISE EXCEPTION 'the query to cancel was not found';
  END IF;
END $$;
SELECT * FROM dblink_get_result('canceller', false) AS r(nps numeric);
SELECT dblink_error_message('canceller');
SELECT * FROM dblink_get_result('canceller') AS r(nps numeric);  -- end of the async result
-- the cancelled session is still usable
SELECT * FROM dblink('canceller', 'SELECT nps(s) FROM (VALUES (9), (10), (3)) AS v(s)') AS r(nps numeric);
SELECT dblink_disconnect('canceller');
DROP EXTENSION dblink;

SELECT nps(s) FROM (VALUES (9), (10), (3)) AS v(s);
SELECT pg_postmaster_start_time() = :'started' AS server_not_restarted;
