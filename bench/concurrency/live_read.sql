-- pgbench: the dashboard's queries on the live summary table while the
-- writers change it: per channel since a random day, and the daily trend.
\set since random(0, 29)
SELECT channel, nps(rollup(nps)), csat(rollup(csat)), ces(rollup(ces)), sum(source_rows)
FROM live_daily
WHERE period >= date '2025-01-01' + :since::int
GROUP BY channel;
SELECT period, nps(rollup(nps)), responses(rollup(nps))
FROM live_daily
GROUP BY period
ORDER BY period;
