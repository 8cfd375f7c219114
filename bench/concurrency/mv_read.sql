-- pgbench: read the materialized view of daily summaries: totals, per
-- channel since a random day with the statistics, and a 7-day moving
-- rollup (inverse transition of rollup()).
\set since random(0, 29)
SELECT nps(rollup(nps)), csat(rollup(csat)), ces(rollup(ces)), responses(rollup(nps)), sum(n)
FROM daily;
SELECT channel, nps(rollup(nps)), promoters(rollup(nps)), nps_margin(rollup(nps)),
       csat_ci_lower(rollup(csat)), ces_stderr(rollup(ces))
FROM daily
WHERE day >= date '2025-01-01' + :since::int
GROUP BY channel;
SELECT count(*), min(w), max(w)
FROM (
    SELECT nps(rollup(nps) OVER (PARTITION BY channel ORDER BY day ROWS 6 PRECEDING)) AS w
    FROM daily
) s;
