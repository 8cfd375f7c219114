#!/usr/bin/env bash
# make bench: time nps(), csat() and ces() against count(), the hand-written
# SQL they replace and avg(), on one 10-million-row survey table, without and
# with parallel workers, plus a 30-row moving window.  Prints a markdown
# table and writes it to bench/results.md (overwritten on every run, except
# the live summary section that scripts/bench_live.sh writes).
#
#   NPS_BENCH_ROWS    rows of the survey table (default 10000000)
#   NPS_BENCH_REPS    timed runs per query, after one warm-up run (default 7)
#   NPS_BENCH_DB      database to use, created when missing (default nps_ext_bench)
#   NPS_BENCH_STRICT  set to 1 to exit non-zero when an agreed target is missed
#
# The data tables are kept between runs and reused when they match
# NPS_BENCH_ROWS, so only the first run pays for the load.  The server is a
# private throwaway cluster, or the one the PG* variables point at (see
# scripts/common.sh).  The extension is dropped and recreated in the bench
# database on every run, so the timings are of the code just built.
source "$(dirname "$0")/common.sh"

ROWS=${NPS_BENCH_ROWS:-10000000}
REPS=${NPS_BENCH_REPS:-7}
DB=${NPS_BENCH_DB:-nps_ext_bench}
RESULTS="$NPS_TOP/bench/results.md"
BENCH_SQL="$NPS_TOP/bench"

case "$ROWS" in ''|*[!0-9]*) echo "NPS_BENCH_ROWS must be a number" >&2; exit 2 ;; esac
case "$REPS" in ''|*[!0-9]*|0) echo "NPS_BENCH_REPS must be a positive number" >&2; exit 2 ;; esac
if [ "$ROWS" -lt 1000 ]; then echo "NPS_BENCH_ROWS must be at least 1000" >&2; exit 2; fi

started=$SECONDS

bench_prepare "$DB" nps_bench
bench_psql() { run_psql -d "$DB" "$@"; }

load_avg=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
t=$SECONDS
bench_psql -v rows="$ROWS" -f "$BENCH_SQL/load.sql"
load_secs=$((SECONDS - t))
log "data ready in $load_secs s"

bench_psql -f "$BENCH_SQL/harness.sql"

log "checking that the extension agrees with the hand-written SQL"
bench_psql -f "$BENCH_SQL/check.sql"

# One session for all repetitions; rep 0 warms the cache and is not
# reported.  Each repetition runs every query once (bench/harness.sql).
log "timing: 1 warm-up + $REPS runs of $(bench_psql -Atc 'SELECT count(*) FROM nps_bench.query') queries"
{
  for rep in $(seq 0 "$REPS"); do
    echo "\\set rep $rep"
    echo "SELECT to_char(clock_timestamp(), 'HH24:MI:SS') AS now \\gset"
    if [ "$rep" -eq 0 ]; then echo "\\echo '==>' :now 'warm-up run'"
    else echo "\\echo '==>' :now 'run $rep of $REPS'"; fi
    echo "INSERT INTO nps_bench.timing SELECT :rep, * FROM nps_bench.run_rep(:rep);"
  done
} | bench_psql -f -

# The live summary section (scripts/bench_live.sh) is kept across runs.
live_section=$(sed -n '/^<!-- BEGIN live summaries/,/^<!-- END live summaries/p' "$RESULTS" 2>/dev/null || true)
missed=$(bench_psql -v rows="$ROWS" -v reps="$REPS" -v ncpu="$(nproc)" -v loadavg="$load_avg" \
  -v results_file="$RESULTS" \
  -f "$BENCH_SQL/report.sql" -c '\echo :missed' | tail -n 1)

printf '\nTotal bench runtime: %d s, of which %d s building or checking the data tables.\n' \
  "$((SECONDS - started))" "$load_secs" >> "$RESULTS"
[ -n "$live_section" ] && printf '\n%s\n' "$live_section" >> "$RESULTS"
echo
cat "$RESULTS"

if [ "$missed" != 0 ]; then
  log "$missed agreed target(s) missed (rows marked **NO**)"
  [ "${NPS_BENCH_STRICT:-0}" = 1 ] && exit 1
else
  log "all agreed targets met"
fi
log "results written to bench/results.md"
