-- pgbench: moving aggregates (inverse transitions) over the latest 5000
-- responses, with a frame length drawn per transaction.
\set frame random(5, 200)
SELECT count(*), min(m_nps), max(m_nps), min(m_csat), max(m_ces)
FROM (
    SELECT nps(score) OVER w AS m_nps, csat(sat) OVER w AS m_csat, ces(effort) OVER w AS m_ces
    FROM responses
    WHERE id > (SELECT max(id) FROM responses) - 5000
    WINDOW w AS (PARTITION BY channel ORDER BY id ROWS BETWEEN :frame::int PRECEDING AND CURRENT ROW)
) s;
