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
passed=0
failed=0
out=$(mktemp)
if [ -n "${NPS_KEEP_CLUSTER:-}" ]; then
  trap 'rm -f "$out"; announce_cluster' EXIT
else
  trap 'rm -f "$out"; stop_cluster' EXIT
fi

# record STEP_OK PASSED FAILED: adds a step's counts to the summary.  A step
# that failed without reporting a failed check (it could not even run, or a
# pgTAP file died before its plan) counts as one failure, and a reported
# failure always fails the run.
record() {
  local ok=$1 p=$2 f=$3
  if [ "$ok" != 1 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ "$f" -eq 0 ] || status=1
  passed=$((passed + p))
  failed=$((failed + f))
}

if scripts/readme_sql.sh | cmp -s - sql/readme.sql; then
  record 1 1 0
else
  log "sql/readme.sql is out of date with README.md and docs/: run scripts/readme_sql.sh > sql/readme.sql"
  record 0 0 1
fi

log "the generated SQL, catalog contract and reference list are current"
if perl scripts/generate_sql.pl --check >"$out" 2>&1; then ok=1; else ok=0; fi
cat "$out"
record $ok "$(grep -cE '^ok - ' "$out" || true)" "$(grep -cE '^not ok - ' "$out" || true)"

log "pg_regress suite"
# pipefail (common.sh): a failing suite fails the pipeline through tee
ok=1
if ! make -s PG_CONFIG="$PG_BIN/pg_config" installcheck 2>&1 | tee "$out"; then
  ok=0
  [ -f regression.diffs ] && head -n 200 regression.diffs >&2
fi
# One line per test file, in either of pg_regress's formats:
#   up to PostgreSQL 15:  "test nps ... ok" / "test nps ... FAILED"
#   since PostgreSQL 16:  "ok 2 - nps" / "not ok 2 - nps" (TAP)
record $ok "$(grep -cE '^ok [0-9]+ |^test .* \.\.\. ok' "$out" || true)" \
           "$(grep -cE '^not ok [0-9]+ |^test .* \.\.\. FAILED' "$out" || true)"

log "pgTAP suite"
# Verbose, so that every assertion is counted; only the per-file lines and
# the failures are shown.
ok=1
if ! { run_psql -d postgres -c "SET client_min_messages = warning" \
         -c "DROP DATABASE IF EXISTS nps_ext_tap" -c "CREATE DATABASE nps_ext_tap" &&
       run_psql -d nps_ext_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION nps_ext" &&
       pg_prove --verbose --ext .sql -d nps_ext_tap test/ >"$out" 2>&1; }; then
  ok=0
fi
grep -vE '^ok [0-9]' "$out" || true
record $ok "$(grep -cE '^ok [0-9]' "$out" || true)" "$(grep -cE '^not ok [0-9]' "$out" || true)"

# shell_step NAME PASS_PATTERN FAIL_PATTERN COMMAND...: a shell-level check
# that prints one line per passed and per failed check.
shell_step() {
  local name=$1 pass=$2 fail=$3 ok=1
  shift 3
  log "$name"
  "$@" 2>&1 | tee "$out" || ok=0
  record $ok "$(grep -cE "$pass" "$out" || true)" "$(grep -cE "$fail" "$out" || true)"
}

# Every file compiled again, and the compiler's output read: the C must be
# free of warnings (-Wall -Wextra) on every PostgreSQL it is built for.
warning_free_build() {
  local output status=0
  output=$(make -s -B -C "$NPS_TOP" PG_CONFIG="$PG_BIN/pg_config" all 2>&1 >/dev/null) || status=$?
  if [ $status -eq 0 ] && ! grep -qE 'warning:|error:' <<<"$output"; then
    echo "ok - the C compiles without a warning on PostgreSQL $PG_MAJOR"
  else
    echo "not ok - the C compiles without a warning on PostgreSQL $PG_MAJOR (make exit status $status)"
    echo "$output"
  fi
}
shell_step "a warning-free build" '^ok - ' '^not ok - ' warning_free_build

# Run as root from a directory the postgres user cannot enter (a clone
# under /root), the cluster commands must not print runuser's complaint
# about the working directory: a new user reads it as an error.
quiet_outside_reach() {
  local dir output
  dir=$(mktemp -d)
  chmod 700 "$dir"
  output=$(cd "$dir" && as_postgres "$PG_BIN/pg_ctl" --version 2>&1 >/dev/null)
  rmdir "$dir"
  if [ -z "$output" ]; then
    echo "ok - commands run as the postgres user print nothing from a directory it cannot enter"
  else
    echo "not ok - commands run as the postgres user print nothing from a directory it cannot enter"
    echo "$output"
  fi
}
if [ "$(id -u)" -eq 0 ]; then
  shell_step "quiet cluster commands" '^ok - ' '^not ok - ' quiet_outside_reach
fi

shell_step "the include graph of src/: no cycle, headers declare what their own .c defines" \
  '^ok - ' '^not ok - ' scripts/include_graph.sh
shell_step "the declaration describes the released scripts: updated and fresh catalogs are identical" \
  '^ok - ' '^not ok - ' scripts/check_catalog.sh
shell_step "the output shown in the docs is the checked output" '^ok - ' '^not ok - ' \
  perl scripts/check_doc_output.pl
shell_step "META.json (PGXN Meta Spec 1.0.0) and one version number everywhere" '^ok - ' '^not ok - ' \
  perl scripts/check_meta.pl
shell_step "every name in the extension scripts is schema-qualified" '^ok - ' '^not ok - ' \
  scripts/check_install_sql.sh
shell_step "pg_dump / pg_restore of stored summaries" '^ok - ' '^not ok - ' scripts/dump_restore.sh
# The demo reachable by BI tools (NPS_DEMO_TCP=1): its own cluster, on
# 127.0.0.1 port NPS_PORT + 1000, started by scripts/demo.sh and stopped again.
shell_step "the demo over TCP for BI tools (NPS_DEMO_TCP=1)" '^ok - ' '^not ok - ' \
  env NPS_PORT="$NPS_PORT" scripts/demo_tcp_check.sh

# A short, bounded libFuzzer run of the input functions (make fuzz runs longer).
shell_step "fuzzing the state types' text and binary input functions" \
  '^fuzz .*, 0 crashes' '^fuzz .*, [1-9][0-9]* crash' \
  env NPS_FUZZ_SECONDS="${NPS_FUZZ_SECONDS:-5}" scripts/fuzz.sh

# Concurrency under load, bounded: pgbench writers and readers, a
# materialized view refreshed concurrently, results against a ledger.
shell_step "concurrency: pgbench for ${NPS_CONCURRENCY_SECONDS:-10} s on its own cluster" \
  '^PASS ' '^FAIL ' \
  env NPS_CONCURRENCY_SECONDS="${NPS_CONCURRENCY_SECONDS:-10}" scripts/concurrency.sh

# One closing line for everything: the README check, pg_regress files,
# pgTAP assertions and the checks of the shell-level tests.
if [ $status -ne 0 ]; then log "FAILED"; else log "all tests passed"; fi
echo "Summary: $passed passed, $failed failed"
exit $status
