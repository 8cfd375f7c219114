-- demo/sample_data.sql: a deterministic sample survey data set for nps_ext.
--
--   customers   2,000 B2B customers with segment, plan and region
--   agents         25 support agents (phone, chat and email teams)
--   responses  ~50,000 survey responses, 2024-01-01 .. 2025-12-31
--
-- Nothing here is random: every "random" draw is a hash of an id and a
-- purpose number (hashint8extended, value-based and the same on every
-- platform and on PostgreSQL 13-17), and all arithmetic is plain IEEE
-- addition, multiplication and floor(), so every run loads identical rows.
--
-- The story behind the numbers:
--   * every customer has a latent satisfaction (segment and plan shift it);
--   * CSAT and CES follow the same latent score as NPS, plus their own noise;
--   * in-app and chat feedback is friendlier than phone (hard cases land on
--     the phone), and some agents are clearly better than others;
--   * a migration in late summer 2024 hurt everyone: scores dip from August,
--     bottom out in September and recover slowly into 2025, ending above
--     where they started;
--   * about one customer in ten churns: their scores slide over the last
--     five months, they go quiet one to four months before the contract
--     ends, and after that they never answer again.  Some of them are still
--     customers at the end of 2025, which is what churn_risk() should find.
--   * 1-2% of NPS answers, ~7% of CSAT and ~9% of CES answers are missing.
--
-- Loaded by scripts/demo.sh into the nps_ext_demo database; it can also be
-- loaded by hand (psql -d somedb -f demo/sample_data.sql), but note that it
-- DROPS and recreates the tables customers, agents and responses.

SET client_min_messages = warning;
SET TimeZone = 'UTC';

BEGIN;

DROP TABLE IF EXISTS responses, agents, customers CASCADE;

-- u(key, purpose): a uniform draw in [0, 1), a pure function of its arguments.
CREATE FUNCTION pg_temp.u(key bigint, purpose bigint)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (pg_catalog.hashint8extended(key, purpose) & 2147483647)::double precision
             / 2147483648.0::double precision $$;

-- n(key, purpose): a bell-shaped draw, mean 0, sd 1 (sum of four uniforms,
-- range -3.46 .. 3.46).  Four purposes, purpose .. purpose + 3, are used.
CREATE FUNCTION pg_temp.n(key bigint, purpose bigint)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (pg_temp.u(key, purpose) + pg_temp.u(key, purpose + 1)
              + pg_temp.u(key, purpose + 2) + pg_temp.u(key, purpose + 3) - 2.0)
             * 1.7320508075688772::double precision $$;

-- pick(arr, draw): the element of arr a uniform draw in [0, 1) lands on.
CREATE FUNCTION pg_temp.pick(arr text[], draw double precision)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT arr[1 + floor(draw * pg_catalog.cardinality(arr))::int] $$;

-- Times are generated as seconds since 2024-01-01 00:00 UTC; the two years
-- 2024-01-01 .. 2025-12-31 are 731 days (2024 is a leap year).  A "month"
-- in the trend below is 30.4375 days = 2,629,800 seconds.

-- ---------------------------------------------------------------------------
-- agents
-- ---------------------------------------------------------------------------
CREATE TABLE agents (
    agent_id   integer PRIMARY KEY,
    name       text NOT NULL,
    team       text NOT NULL CHECK (team IN ('phone', 'chat', 'email')),
    hired_on   date NOT NULL
);
COMMENT ON TABLE agents IS
    'nps_ext demo: 25 support agents; phone team 1-10, chat team 11-18, email team 19-25';

CREATE TEMP TABLE agent_gen AS
SELECT a AS agent_id,
       (ARRAY['Ana','Ben','Chloe','Dmitri','Elif','Farah','Gustavo','Hana','Ivan','Jade',
              'Kofi','Lena','Mateo','Nadia','Omar','Priya','Quentin','Rosa','Sven','Tariq',
              'Uma','Victor','Wen','Yusuf','Zoe'])[a]
       || ' ' ||
       (ARRAY['Lindqvist','Okafor','Moreau','Petrov','Yilmaz','Haddad','Ribeiro','Sato','Novak','Murphy',
              'Mensah','Fischer','Garcia','Rahman','Aziz','Iyer','Lambert','Costa','Berg','Nasser',
              'Kapoor','Dubois','Zhang','Demir','Walsh'])[1 + (a * 7) % 25] AS name,
       CASE WHEN a <= 10 THEN 'phone' WHEN a <= 18 THEN 'chat' ELSE 'email' END AS team,
       DATE '2019-03-01' + floor(pg_temp.u(a, 101) * 1900)::int AS hired_on,
       -- agent effect on the latent score: a spread, one star, one struggling
       CASE a WHEN 4 THEN 0.75 WHEN 13 THEN 0.6 WHEN 8 THEN -0.8 WHEN 22 THEN -0.55
              ELSE 0.22 * pg_temp.n(a, 110) END AS effect
FROM generate_series(1, 25) AS a;

INSERT INTO agents
SELECT agent_id, name, team, hired_on FROM agent_gen ORDER BY agent_id;

-- ---------------------------------------------------------------------------
-- customers
-- ---------------------------------------------------------------------------
CREATE TABLE customers (
    customer_id    integer PRIMARY KEY,
    name           text NOT NULL,
    segment        text NOT NULL CHECK (segment IN ('Enterprise', 'Mid-Market', 'SMB')),
    plan           text NOT NULL CHECK (plan IN ('Basic', 'Pro', 'Premium')),
    region         text NOT NULL CHECK (region IN ('NA', 'EMEA', 'APAC', 'LATAM')),
    customer_since date NOT NULL,
    churned_on     date          -- NULL: still a customer on 2025-12-31
);
COMMENT ON TABLE customers IS
    'nps_ext demo: 2,000 B2B customers; churned_on is set for those who left before 2026';

CREATE TEMP TABLE customer_gen AS
WITH base AS (
    SELECT c AS customer_id,
           pg_temp.u(c, 1) AS u_segment,
           pg_temp.u(c, 2) AS u_plan,
           pg_temp.u(c, 3) AS u_region,
           pg_temp.u(c, 4) AS u_since,
           pg_temp.u(c, 5) AS u_churn,
           pg_temp.u(c, 6) AS u_churn_day,
           pg_temp.u(c, 7) AS u_quiet,
           pg_temp.u(c, 8) AS u_rate,
           pg_temp.n(c, 10) AS sat_noise
    FROM generate_series(1, 2000) AS c
), seg AS (
    SELECT b.*,
           CASE WHEN u_segment < 0.12 THEN 'Enterprise'
                WHEN u_segment < 0.42 THEN 'Mid-Market'
                ELSE 'SMB' END AS segment
    FROM base b
), pl AS (
    SELECT s.*,
           CASE segment
               WHEN 'Enterprise' THEN CASE WHEN u_plan < 0.65 THEN 'Premium' ELSE 'Pro' END
               WHEN 'Mid-Market' THEN CASE WHEN u_plan < 0.25 THEN 'Premium'
                                           WHEN u_plan < 0.80 THEN 'Pro' ELSE 'Basic' END
               ELSE CASE WHEN u_plan < 0.05 THEN 'Premium'
                         WHEN u_plan < 0.40 THEN 'Pro' ELSE 'Basic' END
           END AS plan
    FROM seg s
)
SELECT customer_id,
       pg_temp.pick(ARRAY['Northwind','Bluepeak','Ironleaf','Silverline','Brightwater','Redfern',
                          'Oakridge','Stonebridge','Clearpath','Greenfield','Highmark','Lakeside',
                          'Suncrest','Evergreen','Blackrock','Pinewood','Riverstone','Goldcrest',
                          'Westbay','Eastgate','Harbor','Summit','Cedar','Falcon','Atlas','Vertex',
                          'Nimbus','Orbit','Quarry','Meridian'], pg_temp.u(customer_id, 20))
       || ' ' ||
       pg_temp.pick(ARRAY['Logistics','Analytics','Health','Foods','Robotics','Media','Energy',
                          'Dental','Capital','Retail','Labs','Motors','Travel','Software',
                          'Textiles','Pharma','Legal','Realty','Studios','Supply'], pg_temp.u(customer_id, 21))
       || ' ' ||
       pg_temp.pick(ARRAY['Inc','Ltd','GmbH','LLC','Group','Co','SA','BV'], pg_temp.u(customer_id, 22))
           AS name,
       segment,
       plan,
       CASE WHEN u_region < 0.42 THEN 'NA' WHEN u_region < 0.75 THEN 'EMEA'
            WHEN u_region < 0.92 THEN 'APAC' ELSE 'LATAM' END AS region,
       -- 70% signed up 2020-2023, 30% during 2024-01 .. 2025-09
       CASE WHEN u_since < 0.70 THEN DATE '2020-01-01' + floor(u_since / 0.70 * 1461)::int
            ELSE DATE '2024-01-01' + floor((u_since - 0.70) / 0.30 * 640)::int END AS customer_since,
       -- latent satisfaction
       0.8 * sat_noise
         + CASE segment WHEN 'Enterprise' THEN 0.25 WHEN 'Mid-Market' THEN 0.05 ELSE -0.10 END
         + CASE plan WHEN 'Premium' THEN 0.15 WHEN 'Pro' THEN 0.05 ELSE -0.05 END AS sat,
       -- surveys answered per month
       CASE segment WHEN 'Enterprise' THEN 2.4 WHEN 'Mid-Market' THEN 1.6 ELSE 0.85 END
         * (0.5 + u_rate) AS monthly_rate,
       -- 10% churn; the contract ends between 2024-05-01 and 2026-03-31
       -- (after 2025 they are still customers in the data, but at risk)
       -- (and never sooner than half a year after signing up)
       CASE WHEN u_churn < 0.10
            THEN greatest(DATE '2024-05-01' + floor(u_churn_day * 700)::int,
                          CASE WHEN u_since < 0.70 THEN DATE '2020-01-01' + floor(u_since / 0.70 * 1461)::int
                               ELSE DATE '2024-01-01' + floor((u_since - 0.70) / 0.30 * 640)::int END + 180)
       END AS churn_date,
       30 + floor(u_quiet * 90)::int AS quiet_days
FROM pl;

INSERT INTO customers
SELECT customer_id, name, segment, plan, region, customer_since,
       CASE WHEN churn_date <= DATE '2025-12-31' THEN churn_date END
FROM customer_gen
ORDER BY customer_id;

-- ---------------------------------------------------------------------------
-- responses
-- ---------------------------------------------------------------------------
CREATE TABLE responses (
    response_id  integer PRIMARY KEY,
    customer_id  integer NOT NULL REFERENCES customers,
    channel      text NOT NULL CHECK (channel IN ('email', 'web', 'phone', 'chat', 'in_app')),
    agent_id     integer REFERENCES agents,   -- NULL for self-service surveys (web, in_app)
    responded_at timestamptz NOT NULL,
    nps_score    smallint CHECK (nps_score BETWEEN 0 AND 10),  -- "How likely are you to recommend us?"
    csat_score   smallint CHECK (csat_score BETWEEN 1 AND 5),  -- "How satisfied were you?" 1..5
    ces_score    smallint CHECK (ces_score BETWEEN 1 AND 7)    -- "It was easy to handle my issue" 1..7
);
COMMENT ON TABLE responses IS
    'nps_ext demo: survey responses 2024-01-01 .. 2025-12-31; NULL score = question not answered';

CREATE TEMP TABLE response_gen AS
WITH windows AS (
    -- each customer answers between sign-up (or 2024-01-01) and the day
    -- they went quiet (churners) or the end of 2025, in seconds
    SELECT g.customer_id, g.sat, g.monthly_rate,
           greatest(0, (g.customer_since - DATE '2024-01-01')) * 86400::bigint AS start_s,
           CASE WHEN g.churn_date IS NULL THEN 731 * 86400::bigint
                ELSE least(731, g.churn_date - g.quiet_days - DATE '2024-01-01') * 86400::bigint
           END AS end_s,
           CASE WHEN g.churn_date IS NOT NULL
                THEN (g.churn_date - DATE '2024-01-01') * 86400::bigint END AS churn_s
    FROM customer_gen g
    JOIN customers USING (customer_id)
), counts AS (
    SELECT w.*,
           floor(w.monthly_rate * (w.end_s - w.start_s) / 2629800.0::double precision
                 + pg_temp.u(w.customer_id, 30))::int AS n_responses
    FROM windows w
    WHERE w.end_s > w.start_s
), draws AS (
    SELECT c.customer_id, c.sat, c.churn_s,
           c.customer_id * 1000::bigint + k AS rkey,
           c.start_s + floor(pg_temp.u(c.customer_id * 1000::bigint + k, 40)
                             * (c.end_s - c.start_s))::bigint AS at_s
    FROM counts c,
         LATERAL generate_series(1, least(c.n_responses, 999)) AS k
), chan AS (
    SELECT d.*,
           pg_temp.u(rkey, 41) AS u_channel,
           pg_temp.u(rkey, 42) AS u_agent,
           at_s / 2629800.0::double precision AS m         -- months since 2024-01-01
    FROM draws d
), scored AS (
    SELECT ch.customer_id, ch.rkey, ch.at_s,
           CASE WHEN u_channel < 0.30 THEN 'email'
                WHEN u_channel < 0.55 THEN 'web'
                WHEN u_channel < 0.75 THEN 'phone'
                WHEN u_channel < 0.90 THEN 'chat'
                ELSE 'in_app' END AS channel,
           ch.sat, ch.churn_s, ch.m, ch.u_agent
    FROM chan ch
), assigned AS (
    SELECT s.*,
           CASE s.channel
               WHEN 'phone' THEN 1 + floor(u_agent * 10)::int
               WHEN 'chat' THEN 11 + floor(u_agent * 8)::int
               WHEN 'email' THEN 19 + floor(u_agent * 7)::int
           END AS agent_id
    FROM scored s
), latent AS (
    SELECT a.customer_id, a.rkey, a.at_s, a.channel, a.agent_id,
           a.sat
           + CASE a.channel WHEN 'in_app' THEN 0.35 WHEN 'chat' THEN 0.15 WHEN 'web' THEN 0.05
                            WHEN 'email' THEN -0.05 ELSE -0.30 END
           + coalesce(ag.effect, 0)
           -- the 2024 migration: down from August, worst in September,
           -- recovered by spring 2025, then a steady improvement
           - 0.65 * greatest(0, 1 - abs(a.m - 8.6) / CASE WHEN a.m < 8.6 THEN 1.4 ELSE 6.0 END)
           + 0.35 * greatest(0, least(1, (a.m - 12) / 11))
           -- churners: scores slide over the last 150 days of the contract
           - CASE WHEN a.churn_s IS NULL THEN 0
                  ELSE 2.6 * greatest(0, least(1, (a.at_s - (a.churn_s - 150 * 86400)) / 12960000.0::double precision))
             END
           + 0.75 * pg_temp.n(a.rkey, 50) AS z,
           CASE a.channel WHEN 'in_app' THEN 0.6 WHEN 'web' THEN 0.3 WHEN 'chat' THEN 0.1
                          WHEN 'email' THEN -0.3 ELSE -0.6 END AS effort_channel
    FROM assigned a
    LEFT JOIN agent_gen ag USING (agent_id)
)
SELECT customer_id, rkey, at_s, channel, agent_id,
       CASE WHEN pg_temp.u(rkey, 60) < 0.015 THEN NULL
            -- steeper below the middle: unhappy customers give 0-4, not just 6
            ELSE greatest(0, least(10, floor(8.3 + CASE WHEN z < 0 THEN 2.2 ELSE 1.6 END * z + 0.5))) END::smallint
           AS nps_score,
       CASE WHEN pg_temp.u(rkey, 61) < 0.07 THEN NULL
            ELSE greatest(1, least(5, floor(4.0 + 0.8 * (0.8 * z + 0.6 * pg_temp.n(rkey, 70)) + 0.5))) END::smallint
           AS csat_score,
       CASE WHEN pg_temp.u(rkey, 62) < 0.09 THEN NULL
            ELSE greatest(1, least(7, floor(5.3 + 1.0 * (0.6 * z + effort_channel + 0.8 * pg_temp.n(rkey, 80)) + 0.5))) END::smallint
           AS ces_score
FROM latent;

INSERT INTO responses
SELECT row_number() OVER (ORDER BY at_s, customer_id, rkey)::int,
       customer_id, channel, agent_id,
       TIMESTAMPTZ '2024-01-01 00:00:00+00' + at_s * INTERVAL '1 second',
       nps_score, csat_score, ces_score
FROM response_gen
ORDER BY 1;

CREATE INDEX responses_customer_time ON responses (customer_id, responded_at);
CREATE INDEX responses_responded_at ON responses (responded_at);

COMMIT;

ANALYZE customers;
ANALYZE agents;
ANALYZE responses;
