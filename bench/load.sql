-- bench/load.sql: the benchmark data, built once and reused.
--
--   survey          :rows responses (default 10 million) over two years,
--                   2023-01-01 .. 2024-12-30, in time order, from :rows / 10
--                   customers (1 million): response i <= :rows / 10 is
--                   customer i's first, every later one goes to a customer
--                   drawn by hash, so each customer has 1 + Poisson(9)
--                   responses spread over the two years
--   survey_window   every 10th response (1/10 of :rows), indexed on day, for
--                   the moving-window measurement
--
-- Deterministic: every value is a function of the row number i through
-- hashint8extended(i, seed), one seed per column, so every run and every
-- machine of the same PostgreSQL major version gets the same data.  Scores
-- follow a typical skewed distribution; about 1% of each score column is
-- NULL (a skipped question).
--
-- Reused when the tables already exist with the comment written below (the
-- generator version and the row count) and the right number of rows; the
-- count(*) doubles as the first cache warm-up.
--
-- psql variables: rows (row count).

SET client_min_messages = warning;
SET jit = off;
SET max_parallel_workers_per_gather = 2;

SELECT format('nps_ext bench data v2, %s rows', :rows) AS wanted_comment \gset

SELECT to_regclass('public.survey') IS NOT NULL
       AND to_regclass('public.survey_window') IS NOT NULL
       AND obj_description(to_regclass('public.survey'), 'pg_class') IS NOT DISTINCT FROM :'wanted_comment'
       AND obj_description(to_regclass('public.survey_window'), 'pg_class') IS NOT DISTINCT FROM :'wanted_comment'
       AS reuse \gset
\if :reuse
SELECT (SELECT count(*) FROM public.survey) = :rows
       AND (SELECT count(*) FROM public.survey_window) = :rows / 10 AS reuse \gset
\endif

\if :reuse
\echo '==> reusing the existing survey tables,' :rows 'rows'
\else
\echo '==> building the survey tables,' :rows 'rows (about half a minute for 10 million)'
DROP TABLE IF EXISTS public.survey_window;
DROP TABLE IF EXISTS public.survey;

-- UNLOGGED: no WAL for the bulk load; scans cost the same as for a logged
-- table.  The data is derived, so losing it in a crash costs one rebuild.
CREATE UNLOGGED TABLE public.survey (
    id            integer     NOT NULL,
    customer      integer     NOT NULL, -- 1 .. :rows / 10
    score         smallint,            -- NPS question, 0..10
    csat          smallint,            -- CSAT question, 1..5
    ces           smallint,            -- CES question, 1..7
    channel       text        NOT NULL,
    responded_at  timestamptz NOT NULL,
    day           date        NOT NULL,
    month         date        NOT NULL
);

INSERT INTO public.survey
SELECT i,
       CASE WHEN i <= :rows / 10 THEN i
            ELSE 1 + (hashint8extended(i, 6) % (:rows / 10) + :rows / 10) % (:rows / 10) END,
       CASE WHEN r.n % 100 = 0 THEN NULL
            -- 0..10 with P(9-10) = 50%, P(0-6) = 20%: NPS about +30
            ELSE width_bucket(r.s, ARRAY[20, 30, 45, 65, 90, 140, 200, 330, 500, 730]) END,
       CASE WHEN r.n % 100 = 1 THEN NULL
            ELSE 1 + width_bucket(r.c, ARRAY[50, 120, 250, 550]) END,
       CASE WHEN r.n % 100 = 2 THEN NULL
            ELSE 1 + width_bucket(r.e, ARRAY[30, 80, 160, 300, 500, 750]) END,
       (ARRAY['web', 'email', 'app', 'sms', 'phone'])[1 + width_bucket(r.ch, ARRAY[400, 700, 850, 950])],
       timestamptz '2023-01-01 00:00:00+00'
           + make_interval(secs => (i - 1) * (730 * 86400.0 / :rows)),
       d.day,
       (d.day - (extract(day FROM d.day)::int - 1))
  FROM generate_series(1, :rows) AS i,
       LATERAL (SELECT (hashint8extended(i, 1) % 1000 + 1000) % 1000 AS s,
                       (hashint8extended(i, 2) % 1000 + 1000) % 1000 AS c,
                       (hashint8extended(i, 3) % 1000 + 1000) % 1000 AS e,
                       (hashint8extended(i, 4) % 1000 + 1000) % 1000 AS ch,
                       (hashint8extended(i, 5) % 1000 + 1000) % 1000 AS n) AS r,
       LATERAL (SELECT date '2023-01-01' + ((i - 1)::bigint * 730 / :rows)::int AS day) AS d;

CREATE UNLOGGED TABLE public.survey_window AS
SELECT id, day, score FROM public.survey WHERE id % 10 = 0 ORDER BY day, id;
CREATE INDEX ON public.survey_window (day);

-- Hint bits set and the visibility map all-visible: no scan pays for them.
VACUUM (FREEZE, ANALYZE) public.survey;
VACUUM (FREEZE, ANALYZE) public.survey_window;
COMMENT ON TABLE public.survey IS :'wanted_comment';
COMMENT ON TABLE public.survey_window IS :'wanted_comment';
\endif

SELECT format('%s rows, %s, survey_window %s rows',
              (SELECT count(*) FROM public.survey),
              pg_size_pretty(pg_relation_size('public.survey')),
              (SELECT count(*) FROM public.survey_window)) AS data_summary \gset
\echo '==> data:' :data_summary
