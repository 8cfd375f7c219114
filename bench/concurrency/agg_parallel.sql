-- pgbench: the same aggregates by day in a parallel plan (partial states in
-- the workers, merged by the combine functions in the leader), while the
-- table grows.  When no worker is free the leader runs the plan alone.
BEGIN;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT day, nps(score), csat(sat), ces(effort), responses(nps_agg(score))
FROM responses
GROUP BY day;
END;
