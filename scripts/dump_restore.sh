#!/usr/bin/env bash
# Stored summaries survive pg_dump / pg_restore.  Run by scripts/test.sh
# against its cluster (PGHOST/PGPORT/PGUSER set); prints one "ok - ..." or
# "not ok - ..." line per check and exits non-zero on any failure.
#
# The database installs nps_ext into its own schema (cx, not on the
# search_path of the restore, which pg_restore empties), keeps daily
# summaries (weighted and not) in a table and in a materialized view, and
# has a view that reads them with rollup() and the accessors.  After a
# custom-format dump and a restore into a new database, every stored value
# and every derived figure must be byte-for-byte what it was, and refreshing
# the restored materialized view must reproduce it again.
source "$(dirname "$0")/common.sh"

src=nps_ext_dump
dst=nps_ext_restored
dump=$(mktemp)
failures=0
trap 'rm -f "$dump"' EXIT

check() {   # check <description> <command...>
  local what=$1
  shift
  if "$@"; then echo "ok - $what"; else echo "not ok - $what"; failures=$((failures + 1)); fi
}

run_psql -d postgres -c "SET client_min_messages = warning" \
  -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" -c "CREATE DATABASE $src"

run_psql -d "$src" <<'SQL'
CREATE SCHEMA cx;
CREATE EXTENSION nps_ext SCHEMA cx;
CREATE TABLE answers AS
SELECT date '2025-01-01' + i % 120 AS day,
       (ARRAY['email', 'web', 'phone'])[1 + i / 120 % 3] AS channel,
       (i * 7 + i / 120) % 11 AS score,
       1 + (i * 3 + i / 7) % 5 AS sat,
       1 + (i * 5 + i / 11) % 7 AS effort,
       0.5 + (i % 4) / 3.0 AS weight
FROM generate_series(1, 30000) AS i;

CREATE MATERIALIZED VIEW daily AS
SELECT day, channel,
       cx.nps_agg(score) AS nps, cx.csat_agg(sat) AS csat, cx.ces_agg(effort, 7) AS ces,
       cx.nps_agg(score, weight) AS nps_weighted, cx.csat_agg(sat, 5, 4, weight) AS csat_weighted
FROM answers GROUP BY day, channel;
CREATE UNIQUE INDEX ON daily (day, channel);

CREATE TABLE kept AS SELECT * FROM daily;

CREATE VIEW monthly AS
SELECT date_trunc('month', day)::date AS month,
       cx.nps(cx.rollup(nps)) AS nps, cx.responses(cx.rollup(nps)) AS responses,
       cx.nps_ci_lower(cx.rollup(nps)) AS nps_lower, cx.csat(cx.rollup(csat)) AS csat,
       cx.ces(cx.rollup(ces)) AS ces, cx.nps(cx.rollup(nps_weighted)) AS nps_weighted
FROM daily GROUP BY 1;
SQL

# Everything that must come back unchanged, as text, in a fixed order.
snapshot() {
  run_psql -d "$1" -At <<'SQL'
SELECT 'daily', day, channel, nps, csat, ces, nps_weighted, csat_weighted FROM daily ORDER BY day, channel;
SELECT 'kept', day, channel, nps, csat, ces, nps_weighted, csat_weighted FROM kept ORDER BY day, channel;
SELECT 'monthly', * FROM monthly ORDER BY month;
SQL
}

"$PG_BIN/pg_dump" -Fc -d "$src" -f "$dump"
run_psql -d postgres -c "CREATE DATABASE $dst"
check "pg_restore of a database with nps_ext in schema cx" \
  "$PG_BIN/pg_restore" --exit-on-error -d "$dst" "$dump"

before=$(snapshot "$src")
after=$(snapshot "$dst")
check "daily summaries, stored summaries and the rollup view read back identically after restore" \
  test "$before" = "$after"
check "the snapshot is not empty ($(printf '%s\n' "$before" | wc -l) rows)" \
  test "$(printf '%s\n' "$before" | wc -l)" -gt 700
check "stored summaries equal (=) the materialized view's in the restored database" \
  test "$(run_psql -d "$dst" -At -c "SELECT count(*) FROM daily JOIN kept USING (day, channel)
           WHERE daily.nps OPERATOR(cx.=) kept.nps AND daily.csat OPERATOR(cx.=) kept.csat
             AND daily.ces OPERATOR(cx.=) kept.ces AND daily.nps_weighted OPERATOR(cx.=) kept.nps_weighted
             AND daily.csat_weighted OPERATOR(cx.=) kept.csat_weighted")" \
       = "$(run_psql -d "$dst" -At -c "SELECT count(*) FROM kept")"

run_psql -d "$dst" -c "REFRESH MATERIALIZED VIEW CONCURRENTLY daily"
check "REFRESH MATERIALIZED VIEW CONCURRENTLY in the restored database reproduces the same summaries" \
  test "$before" = "$(snapshot "$dst")"

run_psql -d postgres -c "DROP DATABASE $src" -c "DROP DATABASE $dst"
exit $((failures > 0))
