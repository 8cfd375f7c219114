#!/usr/bin/env bash
# make test: install what is missing, build, start a throwaway cluster (or use
# the server the PG* variables point at), then run the pg_regress suite, the
# pgTAP suite and the shell-level checks (pg_dump/pg_restore, a bounded
# fuzz run of the input functions, a bounded pgbench concurrency scenario).
# Exits non-zero on any failure; the cluster is stopped on exit.
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

out=$(mktemp)
trap 'rm -f "$out"; stop_cluster' EXIT

log "pg_regress suite"
# pipefail (common.sh): a failing suite fails the pipeline through tee
if ! make -s PG_CONFIG="$PG_BIN/pg_config" installcheck 2>&1 | tee "$out"; then
  status=1
  [ -f regression.diffs ] && head -n 200 regression.diffs >&2
fi
regress_passed=$(grep -cE '^(ok|test) .* \.\.\. ok' "$out" || true)
regress_failed=$(grep -cE '^(not ok|test) .* \.\.\. FAILED' "$out" || true)

log "pgTAP suite"
run_psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS nps_ext_tap" -c "CREATE DATABASE nps_ext_tap"
run_psql -d nps_ext_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION nps_ext"
if ! pg_prove --ext .sql -d nps_ext_tap test/ 2>&1 | tee "$out"; then
  status=1
fi
tap_total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$out")
tap_total=${tap_total:-0}
tap_failed=0
for n in $(sed -n 's/.*Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$out"); do
  tap_failed=$((tap_failed + n))
done

# shell_step NAME PASS_PATTERN FAIL_PATTERN COMMAND...: runs a shell-level
# check, counts its passed and failed lines; a check that fails without
# printing a failed line (it could not even run) counts as one failure.
shell_passed=0
shell_failed=0
shell_step() {
  local name=$1 pass=$2 fail=$3 passed failed
  shift 3
  log "$name"
  if "$@" 2>&1 | tee "$out"; then
    failed=$(grep -cE "$fail" "$out" || true)
  else
    status=1
    failed=$(grep -cE "$fail" "$out" || true)
    [ "$failed" -gt 0 ] || failed=1
  fi
  passed=$(grep -cE "$pass" "$out" || true)
  shell_passed=$((shell_passed + passed))
  shell_failed=$((shell_failed + failed))
}

shell_step "pg_dump / pg_restore of stored summaries" '^ok - ' '^not ok - ' scripts/dump_restore.sh

# A short, bounded libFuzzer run of the input functions (make fuzz runs longer).
shell_step "fuzzing the state types' text and binary input functions" \
  '^fuzz .*, 0 crashes' '^fuzz .*, [1-9][0-9]* crash' \
  env NPS_FUZZ_SECONDS="${NPS_FUZZ_SECONDS:-5}" scripts/fuzz.sh

# Concurrency under load, bounded: pgbench writers and readers, a
# materialized view refreshed concurrently, results against a ledger.
shell_step "concurrency: pgbench for ${NPS_CONCURRENCY_SECONDS:-10} s on its own cluster" \
  '^PASS ' '^FAIL ' \
  env NPS_CONCURRENCY_SECONDS="${NPS_CONCURRENCY_SECONDS:-10}" scripts/concurrency.sh

# One closing line for all suites: pg_regress files, pgTAP assertions and
# the checks of the shell-level tests.
if [ $status -ne 0 ]; then log "FAILED"; else log "all tests passed"; fi
echo "Summary: $((regress_passed + tap_total - tap_failed + shell_passed)) passed, $((regress_failed + tap_failed + shell_failed)) failed"
exit $status
