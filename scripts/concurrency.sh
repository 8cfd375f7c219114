#!/usr/bin/env bash
# Concurrency and load: pgbench clients insert survey responses while others
# run the aggregates (grouped, parallel and windowed), read a materialized
# view of daily summaries and refresh it CONCURRENTLY, update, delete and
# batch-insert responses, and read a live summary table that statement-level
# triggers keep (live_summaries_create).  Afterwards it checks
# that no transaction failed, that the server did not restart, that the
# server log holds no error, and that the aggregates over the final table
# (and the refreshed view) equal an independently written ledger of the
# inserts, updates and deletes, counted by hand-written SQL, and that the
# live summary table equals both the ledger and a full recompute.  Prints PASS/FAIL per check and a
# closing "Concurrency: ..." line; exits non-zero on any FAIL.
#
#   NPS_CONCURRENCY_SECONDS   duration of the load (default 30; 10 is the
#                             quick mode for make test)
#   NPS_CONCURRENCY_CLIENTS   pgbench clients (default 16)
#   NPS_CONCURRENCY_THREADS   pgbench threads (default 2, at most the clients)
#   NPS_CONCURRENCY_MODE      pgbench query mode: simple (default), extended or
#                             prepared
#   NPS_CONCURRENCY_PRELOAD   responses loaded before the clients start
#                             (default 10000)
#   NPS_CONCURRENCY_VERBOSE   1: print pgbench's whole report (per-statement
#                             latencies), not only the summary
#   NPS_CONCURRENCY_PORT      port of the private cluster (default 54351; not
#                             NPS_PORT, so that NPS_PORT=... make test cannot
#                             point this script at the test suite's cluster)
#   NPS_KEEP_CLUSTER          1: leave the cluster running (see common.sh)
#
# Always a private throwaway cluster (the PG* variables are ignored: the
# restart and server-log checks need a server of its own), reached over its
# Unix socket only (listen_addresses is empty), with a fresh data directory on
# every run.  It uses the nps_ext already installed into PostgreSQL 15; build
# and install first (make && make install, or make test).  pgbench's full
# report is kept in .pgdata/port-$NPS_PORT/pgbench.out.
#
# The scenario's SQL is in bench/concurrency/: schema.sql (tables, ledger,
# view), one pgbench script per kind of client, check.sql (the checks).
NPS_PORT=${NPS_CONCURRENCY_PORT:-54351}
source "$(dirname "$0")/common.sh"
# shellcheck disable=SC2034  # read by start_cluster
NPS_FORCE_PRIVATE=1
if [ "${PGPORT:-}" = "$NPS_PORT" ]; then
  echo "port $NPS_PORT is the one PGPORT points at; set NPS_CONCURRENCY_PORT to another" >&2; exit 2
fi
unset PGDATABASE

SECS=${NPS_CONCURRENCY_SECONDS:-30}
CLIENTS=${NPS_CONCURRENCY_CLIENTS:-16}
THREADS=${NPS_CONCURRENCY_THREADS:-2}
PRELOAD=${NPS_CONCURRENCY_PRELOAD:-10000}
MODE=${NPS_CONCURRENCY_MODE:-simple}
DB=nps_ext_concurrency
CONC_SQL="$NPS_TOP/bench/concurrency"
PGBENCH="$PG_BIN/pgbench"

for v in SECONDS:"$SECS" CLIENTS:"$CLIENTS" THREADS:"$THREADS" PRELOAD:"$PRELOAD"; do
  case "${v#*:}" in ''|*[!0-9]*) echo "NPS_CONCURRENCY_${v%%:*} must be a number" >&2; exit 2 ;; esac
done
if [ "$SECS" -lt 1 ] || [ "$CLIENTS" -lt 1 ] || [ "$THREADS" -lt 1 ]; then
  echo "NPS_CONCURRENCY_SECONDS, _CLIENTS and _THREADS must be at least 1" >&2; exit 2
fi
[ "$THREADS" -gt "$CLIENTS" ] && THREADS=$CLIENTS
case "$MODE" in simple|extended|prepared) ;; *) echo "NPS_CONCURRENCY_MODE must be simple, extended or prepared" >&2; exit 2 ;; esac
if [ "$CLIENTS" -gt 90 ]; then
  echo "NPS_CONCURRENCY_CLIENTS must be at most 90 (max_connections is 100)" >&2; exit 2
fi

# The mix, as pgbench -f script@weight: mostly inserts (83%); the readers
# scan the whole growing table, so they are weighted low; one transaction in
# ~120 refreshes the view.
# The live summary table's writers update and delete preloaded responses
# and insert batches of 10 in one statement; its readers run the dashboard
# queries on it.
SCRIPTS=(
  insert@100
  agg_channel@3
  agg_parallel@2
  agg_window@5
  mv_read@10
  refresh@1
  live_batch@10
  live_update@20
  live_delete@10
  live_read@10
)

started=$SECONDS
ensure_deps
[ -x "$PGBENCH" ] || { echo "pgbench not found at $PGBENCH" >&2; exit 2; }
installed_so="$("$PG_BIN/pg_config" --pkglibdir)/nps_ext.so"
if [ ! -f "$installed_so" ]; then
  echo "nps_ext is not installed ($installed_so): run make && make install first" >&2; exit 2
fi
if [ -f "$NPS_TOP/nps_ext.so" ] && ! cmp -s "$NPS_TOP/nps_ext.so" "$installed_so"; then
  log "warning: $installed_so differs from the build in the checkout; testing the installed one"
fi

start_cluster fresh
server_log="$NPS_CLUSTER_DIR/server.log"
bench_out="$NPS_CLUSTER_DIR/pgbench.out"

run_psql -d postgres -c "CREATE DATABASE $DB"
run_psql -d "$DB" -v preload="$PRELOAD" -f "$CONC_SQL/schema.sql"

# What a crash-restart changes.  pg_postmaster_start_time() alone does not:
# after a backend crash the postmaster reinitializes shared memory and forks
# new auxiliary processes but keeps its own start time and PID.  The
# checkpointer's PID and start do change, and the log says "reinitializing".
server_identity() {
  run_psql -d "$DB" -Atc "SELECT pg_postmaster_start_time(),
    (SELECT pid || ' started ' || backend_start FROM pg_stat_activity WHERE backend_type = 'checkpointer')"
  head -n 1 "$NPS_CLUSTER_DIR/data/postmaster.pid"
}
identity_before=$(server_identity)
log_offset=$(stat -c %s "$server_log")

fails=0
check() {  # check NAME PASS(0/1) DETAIL
  if [ "$2" = 1 ]; then printf 'PASS  %s (%s)\n' "$1" "$3"
  else printf 'FAIL  %s (%s)\n' "$1" "$3"; fails=$((fails + 1)); fi
}

args=()
for s in "${SCRIPTS[@]}"; do args+=(-f "$CONC_SQL/${s%@*}.sql@${s#*@}"); done
log "pgbench: $CLIENTS clients, $THREADS threads, $SECS s, $MODE protocol, over the Unix socket $PGHOST"
# -T bounds the load; timeout bounds pgbench itself should a backend hang.
# Progress lines are shown as they come, the whole report goes to $bench_out.
set +e
timeout --kill-after=10 "$((SECS + 60))" \
  "$PGBENCH" -n -h "$PGHOST" -p "$PGPORT" -U postgres \
  -c "$CLIENTS" -j "$THREADS" -T "$SECS" -M "$MODE" -P 5 --failures-detailed -r -D preload="$PRELOAD" \
  "${args[@]}" "$DB" 2>&1 | tee "$bench_out" | { grep --line-buffered '^progress:' >&2; true; }
rc=${PIPESTATUS[0]}
set -e
if [ "${NPS_CONCURRENCY_VERBOSE:-0}" = 1 ] || [ "$rc" -ne 0 ]; then
  cat "$bench_out"
fi

# pgbench's report: totals, then one block per script.
total() { sed -n "s/^$1.*\$/\\1/p" "$bench_out" | head -n 1; }
tps=$(total 'tps = \([0-9.]*\) (without initial connection time)')
processed=$(total 'number of transactions actually processed: \([0-9]*\)')
failed=$(total 'number of failed transactions: \([0-9]*\)')
lat_avg=$(total 'latency average = \([0-9.]*\) ms')
lat_sd=$(total 'latency stddev = \([0-9.]*\) ms')
# per script: name weight transactions tps failed latency-avg latency-stddev
per_script=$(awk '
  /^SQL script [0-9]+:/ { if (name != "") print name, w, n, t, f, la, ls
                          name = $4; sub(/.*\//, "", name); sub(/\.sql$/, "", name)
                          w = n = t = f = la = ls = "?" ; next }
  name == "" { next }
  /^ - weight:/ { w = $3 }
  / transactions \(/ { n = $2; t = $NF; sub(/\)$/, "", t) }
  /^ - number of failed transactions:/ { f = $6 }
  /^ - latency average =/ { la = $5 }
  /^ - latency stddev =/ { ls = $5 }
  END { if (name != "") print name, w, n, t, f, la, ls }' "$bench_out")

echo
printf '%-13s %6s %12s %9s %7s %14s\n' script weight transactions tps failed 'latency ms'
while read -r name w n t f la ls; do
  printf '%-13s %6s %12s %9s %7s %14s\n' "$name" "$w" "$n" "$t" "$f" "$la ± $ls"
done <<< "$per_script"
printf '%-13s %6s %12s %9s %7s %14s\n' total '' "${processed:-?}" "${tps:-?}" "${failed:-?}" "${lat_avg:-?} ± ${lat_sd:-?}"
echo

aborted=$(grep -cE 'aborted|Run was aborted' "$bench_out" || true)
check "pgbench completed" "$([ "$rc" -eq 0 ] && [ "$aborted" -eq 0 ] && [ -n "$tps" ] && echo 1 || echo 0)" \
  "exit status $rc, $aborted client abort(s); report in $bench_out"
idle=$(awk '$3 == 0 || $3 == "?" { printf "%s%s", sep, $1; sep = ", " }' <<< "$per_script")
check "every client script ran" "$([ -n "$per_script" ] && [ -z "$idle" ] && echo 1 || echo 0)" \
  "$([ -z "$idle" ] && echo "$(wc -l <<< "$per_script") scripts" || echo "never ran: $idle")"
check "zero failed transactions" "$([ "${failed:-x}" = 0 ] && echo 1 || echo 0)" \
  "${failed:-no} failed of ${processed:-?} (serialization/deadlock failures, not retried)"

identity_after=$(server_identity)
listen=$(run_psql -d "$DB" -Atc "SHOW listen_addresses" 2>/dev/null || echo '?')
check "Unix socket only" "$([ -z "$listen" ] && echo 1 || echo 0)" "listen_addresses = '$listen', host $PGHOST"
check "server not restarted" "$([ "$identity_before" = "$identity_after" ] && echo 1 || echo 0)" \
  "postmaster start, checkpointer and postmaster PIDs: $(echo "$identity_after" | tr '\n' ' ' | sed 's/ $//')"

# Anything the server logged at ERROR or worse during the run and the checks
# below.  None is expected: the scenario raises no error on purpose.
scan_log() {
  tail -c +"$((log_offset + 1))" "$server_log" |
    grep -E 'ERROR|FATAL|PANIC|TRAP|terminated by signal|was terminated|reinitializing|server process' || true
}

inserts=$(awk '$1 == "insert" { print $3 }' <<< "$per_script")
case "$inserts" in ''|*[!0-9]*) inserts=-1 ;; esac
batches=$(awk '$1 == "live_batch" { print $3 }' <<< "$per_script")
case "$batches" in ''|*[!0-9]*) batches=-1 ;; esac
# responses inserted: single rows, batches of 10, the preload
inserts=$((inserts + 10 * batches))
if checks_out=$(PGOPTIONS="${PGOPTIONS:-} -c statement_timeout=120s" run_psql -d "$DB" -At -F'|' -v counted="$((inserts + PRELOAD))" -v clients="$CLIENTS" -f "$CONC_SQL/check.sql"); then
  while IFS='|' read -r name verdict detail; do
    check "$name" "$([ "$verdict" = PASS ] && echo 1 || echo 0)" "$detail"
  done <<< "$checks_out"
else
  check "SQL checks (bench/concurrency/check.sql)" 0 "psql failed, see above"
fi

bad_log=$(scan_log)
check "server log clean" "$([ -z "$bad_log" ] && echo 1 || echo 0)" \
  "$( [ -z "$bad_log" ] && echo "no ERROR, FATAL, PANIC or crash line" || echo "$(wc -l <<< "$bad_log") line(s), below")"
[ -n "$bad_log" ] && head -n 40 <<< "$bad_log"

echo
restarted=$([ "$identity_before" = "$identity_after" ] && echo "server not restarted" || echo "SERVER RESTARTED")
verdict=$([ $fails -eq 0 ] && echo "aggregates = ledger" || echo "$fails check(s) FAILED")
[ -n "$tps" ] && tps=$(LC_ALL=C printf '%.1f' "$tps")
echo "Concurrency: $CLIENTS clients, $SECS s, ${tps:-?} tps (without initial connection time), ${processed:-?} transactions, ${failed:-?} failed transactions, $restarted, $verdict ($((SECONDS - started)) s in all)"
[ $fails -eq 0 ]
