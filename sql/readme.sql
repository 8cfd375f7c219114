-- Generated from README.md by scripts/readme_sql.sh: do not edit by hand.
SET timezone = 'UTC';

CREATE TABLE survey (channel text, score smallint, sat smallint, effort smallint);
INSERT INTO survey VALUES
  ('email', 10, 5, 7), ('email', 9, 4, 6), ('email', 3, 2, 2),
  ('web', 7, 4, 5), ('web', 0, 1, 1), ('web', NULL, 3, NULL);

SELECT channel, nps(score), csat(sat), ces(effort)
FROM survey GROUP BY channel ORDER BY channel;

SELECT nps(s), promoters(s), passives(s), detractors(s)
FROM (VALUES (0), (7), (7), (9), (9), (9)) AS v(s);

SELECT csat(sat) AS top2, csat(sat, 5, 5) AS top_box, csat(sat, 5, 3) AS three_or_more
FROM survey;

SELECT ces(effort), ces(effort, 7) FROM survey;

CREATE TABLE history (customer int, score int, responded_at timestamptz);
INSERT INTO history VALUES
  (1, 10, '2025-06-01 00:00+00'),
  (2, 10, '2025-01-01 00:00+00'), (2, 9, '2025-03-01 00:00+00'), (2, 3, '2025-06-01 00:00+00'),
  (3, 9, '2024-06-01 00:00+00');

SELECT customer, round(churn_risk(score, responded_at, '2025-06-30 00:00+00')::numeric, 3) AS risk
FROM history GROUP BY customer ORDER BY risk DESC;

SELECT '{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,0,3]}'::nps_summary;
SELECT nps_final('{"version":1,"kind":"nps","counts":[1,0,0,0,0,0,0,2,0,0,3]}');

SELECT d, nps(s) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_nps
FROM (VALUES (1, 10), (2, 0), (3, NULL), (4, 9), (5, 9)) AS v(d, s) ORDER BY d;
