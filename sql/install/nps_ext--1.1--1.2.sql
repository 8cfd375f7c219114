-- nps_ext 1.1 -> 1.2.  The SQL objects of 1.1 are unchanged in 1.2: what
-- 1.2 changes is in the library (fixes to churn_risk, the statistics, the
-- weighted NPS and stored summaries with STORAGE = extended; PostgreSQL 16
-- to 18), see CHANGELOG.md.  This script exists so that ALTER EXTENSION
-- nps_ext UPDATE records the new version.
\echo Use "ALTER EXTENSION nps_ext UPDATE TO '1.2'" to load this file. \quit
