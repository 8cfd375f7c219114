#!/usr/bin/env bash
# Live summary tables (live_summaries_create) against the raw table:
#   1. inserting 1,000-row batches with the live summaries kept against the
#      same table without triggers (target: at most 1.5x the time);
#   2. single-row INSERT statements, the same comparison (reported);
#   3. a two-year month x channel dashboard query from the live table
#      against the same query over the raw rows (target: at least 1,000x
#      faster).
# Prints a markdown table and writes it to bench/results.md, between the
# "live summaries" markers (its own section: make bench keeps it).
#
#   NPS_BENCH_LIVE_ROWS  rows of each response table (default 2000000)
#   NPS_BENCH_REPS       timed runs, after one warm-up run (default 7)
#   NPS_BENCH_DB         database, created when missing (default nps_ext_bench)
#   NPS_BENCH_STRICT     1: exit non-zero when a target is missed
#
# The server is a private throwaway cluster, or the one the PG* variables
# point at (scripts/common.sh).  The SQL is bench/live.sql (tables, helpers)
# and bench/live_run.sql (one run); the inserts of a run are rolled back.
source "$(dirname "$0")/common.sh"

ROWS=${NPS_BENCH_LIVE_ROWS:-2000000}
REPS=${NPS_BENCH_REPS:-7}
DB=${NPS_BENCH_DB:-nps_ext_bench}
RESULTS="$NPS_TOP/bench/results.md"
BENCH_SQL="$NPS_TOP/bench"

case "$ROWS" in ''|*[!0-9]*) echo "NPS_BENCH_LIVE_ROWS must be a number" >&2; exit 2 ;; esac
case "$REPS" in ''|*[!0-9]*|0) echo "NPS_BENCH_REPS must be a positive number" >&2; exit 2 ;; esac
if [ "$ROWS" -lt 10000 ]; then echo "NPS_BENCH_LIVE_ROWS must be at least 10000" >&2; exit 2; fi

started=$SECONDS
bench_prepare "$DB" nps_live
bench_psql() { run_psql -d "$DB" "$@"; }

load_avg=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
t=$SECONDS
log "loading 2 x $ROWS rows and creating the live summary tables"
bench_psql -q -v rows="$ROWS" -f "$BENCH_SQL/live.sql" >/dev/null
load_secs=$((SECONDS - t))

for run in $(seq 0 "$REPS"); do
  log "run $run of $REPS$([ "$run" = 0 ] && echo ' (warm-up)')"
  bench_psql -q -v run="$run" -f "$BENCH_SQL/live_run.sql" >/dev/null
done

# fastest run of each measurement, warm-up excluded
ms() { bench_psql -Atc "SELECT round(min(ms)::numeric, 2) FROM nps_live.timing WHERE run > 0 AND measurement = '$1'"; }
ratio() { bench_psql -Atc "SELECT round(($1)::numeric / ($2)::numeric, 2)"; }
bp=$(ms batch_plain); bk=$(ms batch_kept)
sp=$(ms single_plain); sk=$(ms single_kept)
dl=$(ms dashboard_live); dr=$(ms dashboard_raw)
r1=$(ratio "$bk" "$bp"); r2=$(ratio "$sk" "$sp"); r3=$(ratio "$dr" "$dl")
groups=$(bench_psql -Atc "SELECT count(*) || ' month x channel rows in the live table' FROM nps_live.kept_monthly")
met() { bench_psql -Atc "SELECT CASE WHEN $1 THEN 'yes' ELSE '**NO**' END"; }
m1=$(met "$r1 <= 1.5"); m3=$(met "$r3 >= 1000")
missed=0; [ "$m1" = yes ] || missed=$((missed + 1)); [ "$m3" = yes ] || missed=$((missed + 1))

section=$(cat <<SECTION
<!-- BEGIN live summaries (scripts/bench_live.sh) -->
## Live summary tables

$("$PG_BIN/psql" --version | sed 's/^psql (PostgreSQL) /PostgreSQL /'), $(nproc) CPU cores (load average $load_avg before the run), $ROWS rows in each
response table (2024-2025, 5 channels, primary key and an index on the time column), $groups;
fastest of $REPS runs after a warm-up run, jit = off, 0 parallel workers, competitors interleaved.
A = with the live summaries kept (month x channel, NPS, CSAT and CES), B = the same table without triggers;
for the dashboard, A reads the live table and B the raw rows (nps, responses and margin per month and channel). Inserts are rolled back after each run.

| measurement | A ms | B ms | ratio | target | met? |
|---|---:|---:|---:|---|---|
| 20 INSERTs of 1,000-row batches (last 7 days, 5 channels) | $bk | $bp | ${r1}x A/B | A/B <= 1.50x | $m1 |
| 1,000 single-row INSERT statements | $sk | $sp | ${r2}x A/B | reported | (info) |
| two-year month x channel NPS dashboard: live month table vs raw rows | $dl | $dr | ${r3}x B/A | B/A >= 1000x | $m3 |

Bench runtime: $((SECONDS - started)) s, of which $load_secs s loading the tables and creating the live summaries.
<!-- END live summaries -->
SECTION
)
# replace the section, or append it
if grep -q '^<!-- BEGIN live summaries' "$RESULTS" 2>/dev/null; then
  awk -v section="$section" '
    /^<!-- BEGIN live summaries/ { print section; skip = 1; next }
    /^<!-- END live summaries/ { skip = 0; next }
    !skip' "$RESULTS" > "$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
else
  printf '\n%s\n' "$section" >> "$RESULTS"
fi
echo
echo "$section"
if [ "$missed" != 0 ]; then
  log "$missed target(s) missed (rows marked **NO**)"
  [ "${NPS_BENCH_STRICT:-0}" = 1 ] && exit 1
else
  log "all targets met"
fi
log "results written to bench/results.md (section \"Live summary tables\")"
