#!/usr/bin/env bash
# make test: install what is missing, build, start a throwaway cluster (or use
# the server the PG* variables point at), then run the pg_regress suite and
# the pgTAP suite.  Exits non-zero on any failure; the cluster is stopped on
# exit.
source "$(dirname "$0")/common.sh"

ensure_deps
build_install
start_cluster

cd "$NPS_TOP"
status=0

if ! scripts/readme_sql.sh | cmp -s - sql/readme.sql; then
  log "sql/readme.sql is out of date with README.md: run scripts/readme_sql.sh > sql/readme.sql"
  status=1
fi

log "pg_regress suite"
if ! make -s PG_CONFIG="$PG_BIN/pg_config" installcheck; then
  status=1
  [ -f regression.diffs ] && head -n 200 regression.diffs >&2
fi

log "pgTAP suite"
run_psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS nps_ext_tap" -c "CREATE DATABASE nps_ext_tap"
run_psql -d nps_ext_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION nps_ext"
if ! pg_prove --ext .sql -d nps_ext_tap test/; then
  status=1
fi

if [ $status -ne 0 ]; then log "FAILED"; else log "all tests passed"; fi
exit $status
