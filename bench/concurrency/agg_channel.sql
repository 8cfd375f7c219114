-- pgbench: the aggregates over the whole, growing table, by channel.
SELECT channel, nps(score), promoters(score), detractors(score), csat(sat), ces(effort)
FROM responses
GROUP BY channel;
