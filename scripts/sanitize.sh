#!/usr/bin/env bash
# make sanitize: the whole pg_regress and pgTAP suites against nps_ext built
# with AddressSanitizer and UndefinedBehaviorSanitizer, in a private throwaway
# cluster whose server runs with the sanitizer runtimes preloaded.  Exits
# non-zero on any test failure, any sanitizer report or any server crash; the
# last line is the summary.
#
# Nothing outside the private directory is changed: the system PostgreSQL
# install is copied (PostgreSQL finds its share/ and lib/ directories relative
# to its own binary) and the instrumented nps_ext is installed into the copy.
#
#   private directory  .tmp/sanitize/ in the checkout (git-ignored), or
#                      /tmp/nps_ext_sanitize when the postgres OS user cannot
#                      reach the checkout; kept after the run for inspection:
#                        root/       the copy of the PostgreSQL install
#                                    (reused while the system one is unchanged)
#                        build/      the working tree, built out of tree
#                        lib/        the server wrapper and the helper below
#                        data/       the cluster (new on every run)
#                        server.log  its log, with any sanitizer report
#   NPS_SANITIZE_PORT   port of the private cluster (default 54341; the
#                       socket lives in the private directory)
#   NPS_SANITIZE_FLAGS  compiler flags (default below)
#
# What is and is not checked: nps_ext's own code is instrumented (stack,
# globals, UB), and ASan replaces malloc() in the whole server.  PostgreSQL
# itself is not instrumented, and palloc() carves chunks out of malloc()ed
# blocks without poisoning the gaps: an overrun of a palloc()ed chunk into its
# neighbour in the same block, or a use of a pfree()d chunk, is NOT seen; only
# overruns past a whole block (chunks over 8 kB have a block of their own).
#
# Why the server is not simply started with LD_PRELOAD=libasan.so: the ASan
# runtime then initialises lazily, at the first malloc(), which happens inside
# the constructors of libp11-kit (newlocale) and libgpg-error (bindtextdomain)
# while glibc holds a locale lock; ASan's initialisation calls dlerror() ->
# gettext, which tries to take that lock again, gets EDEADLK, and unlocks it
# anyway.  The corrupted lock deadlocks freelocale() in libp11-kit's
# destructor: every process hangs in exit(), starting with `postgres -V`.
# A tiny helper library flagged -z initfirst (its constructor runs before any
# other) calls __asan_init() first, outside any lock.
#
# The helper also hands UBSAN_OPTIONS to the UBSan runtime: that initialises
# lazily at its first report, in a backend, where it reads the environment
# from /proc/self/environ, which PostgreSQL has overwritten with the process
# title by then (the options would be silently ignored: no stack trace, no
# abort).  No log_path: the two runtimes' copies of
# __sanitizer_set_report_path interpose each other, so UBSan's initialisation
# would reset ASan's report path.  Both report to the server's stderr, which
# is the server log.
source "$(dirname "$0")/common.sh"

umask 022
SAN_PORT=${NPS_SANITIZE_PORT:-54341}
SAN_FLAGS=${NPS_SANITIZE_FLAGS:-"-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"}

die() { log "$*"; exit 1; }

ensure_deps

# --- private directory -------------------------------------------------------
san_base() {
  local dir="$NPS_TOP/.tmp/sanitize"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$dir"; then
    dir=/tmp/nps_ext_sanitize
    mkdir -p "$dir"
  fi
  chmod 755 "$dir"
  echo "$dir"
}
BASE=$(san_base)
# one run at a time per private directory (the /tmp fallback is shared)
exec 9>"$BASE/.lock"
flock -n 9 || die "another sanitize run is using $BASE"

ROOT=$BASE/root
SAN_BIN=$ROOT/usr/lib/postgresql/$PG_MAJOR/bin
SAN_PGCONFIG=$SAN_BIN/pg_config
SAN_PKGLIB=$ROOT/usr/lib/postgresql/$PG_MAJOR/lib
SAN_SHARE=$ROOT/usr/share/postgresql/$PG_MAJOR
BUILD=$BASE/build
DATA=$BASE/data
SOCK=$BASE/socket
SERVER_LOG=$BASE/server.log

# --- private copy of the PostgreSQL install ------------------------------------
sys_share=/usr/share/postgresql/$PG_MAJOR
stamp=$(stat -c '%n %s %Y' "$PG_BIN/postgres" "$PG_BIN/pg_config" "$sys_share/extension/pgtap.control")
if [ "$(cat "$ROOT/.stamp" 2>/dev/null)" != "$stamp" ]; then
  log "copying the PostgreSQL $PG_MAJOR install to $ROOT"
  rm -rf "$ROOT"
  mkdir -p "$ROOT/usr/lib/postgresql" "$ROOT/usr/share/postgresql" "$ROOT/usr/include"
  cp -a "/usr/lib/postgresql/$PG_MAJOR" "$ROOT/usr/lib/postgresql/"
  cp -a "$sys_share" "$ROOT/usr/share/postgresql/"
  # pg_config --includedir-server resolves relative to the copy as well
  ln -s /usr/include/postgresql "$ROOT/usr/include/postgresql"
  echo "$stamp" > "$ROOT/.stamp"
fi
[ "$("$SAN_PGCONFIG" --sharedir)" = "$SAN_SHARE" ] && [ "$("$SAN_PGCONFIG" --pkglibdir)" = "$SAN_PKGLIB" ] ||
  die "the copy in $ROOT does not resolve its own directories (pg_config --sharedir: $("$SAN_PGCONFIG" --sharedir))"

# --- the helper library (see the top of this file) -----------------------------
mkdir -p "$BASE/lib"
INITFIRST=$BASE/lib/asan_initfirst.so
cat > "$BASE/lib/asan_initfirst.c.new" <<'EOF'
/* Preloaded between libasan and libubsan by scripts/sanitize.sh, which says why. */
#include <stdlib.h>

extern void __asan_init(void) __attribute__((weak));

/* -z initfirst: runs before every other constructor, outside any glibc lock */
__attribute__((constructor)) static void
nps_asan_initfirst(void)
{
	if (__asan_init)
		__asan_init();
}

/* UBSan's own getenv cannot see the environment in a backend; libc's can. */
const char *__ubsan_default_options(void);
const char *
__ubsan_default_options(void)
{
	const char *options = getenv("UBSAN_OPTIONS");

	return options ? options : "";
}
EOF
if [ ! -f "$INITFIRST" ] || ! cmp -s "$BASE/lib/asan_initfirst.c.new" "$BASE/lib/asan_initfirst.c"; then
  mv "$BASE/lib/asan_initfirst.c.new" "$BASE/lib/asan_initfirst.c"
  gcc -shared -fPIC -O2 -Wall -Wl,-z,initfirst -o "$INITFIRST.tmp" "$BASE/lib/asan_initfirst.c"
  mv "$INITFIRST.tmp" "$INITFIRST"
fi
rm -f "$BASE/lib/asan_initfirst.c.new"
libasan=$(readlink -f "$(gcc -print-file-name=libasan.so)")
libubsan=$(readlink -f "$(gcc -print-file-name=libubsan.so)")
[ -f "$libasan" ] && [ -f "$libubsan" ] || die "gcc's libasan/libubsan not found"

# --- build nps_ext out of tree (always) and install it into the copy -----------
log "building nps_ext with $SAN_FLAGS"
rm -rf "$BUILD"
mkdir -p "$BUILD"
if git -C "$NPS_TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # the working tree as it is (tracked and new files), without build products
  git -C "$NPS_TOP" ls-files -z -co --exclude-standard |
    while IFS= read -r -d '' f; do if [ -e "$NPS_TOP/$f" ]; then printf '%s\0' "$f"; fi; done |
    tar -C "$NPS_TOP" --null -T - -cf - | tar -C "$BUILD" -xf -
else
  (cd "$NPS_TOP" && tar --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
     -cf - Makefile ./*.control src sql expected test demo) | tar -C "$BUILD" -xf -
fi
# with_llvm=no: no clang bitcode (JIT inlining would bypass the instrumentation)
san_make() {
  make -C "$BUILD" -s PG_CONFIG="$SAN_PGCONFIG" with_llvm=no COPT="$SAN_FLAGS" "$@"
}
san_make all >/dev/null
ldd "$BUILD/nps_ext.so" | grep libasan >/dev/null || die "nps_ext.so is not linked with libasan"
rm -rf "$SAN_PKGLIB"/nps_ext.so "$SAN_PKGLIB"/bitcode/nps_ext* "$SAN_SHARE"/extension/nps_ext[.-]*
san_make install >/dev/null

# --- the cluster ------------------------------------------------------------------
# The server binary, wrapped so that only it (and its children) run with the
# sanitizer runtimes; pg_ctl -p starts it.
WRAPPER=$BASE/lib/postgres
cat > "$WRAPPER.tmp" <<EOF
#!/bin/sh
export LD_PRELOAD="$libasan $INITFIRST $libubsan"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:disable_coredump=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"
exec "$SAN_BIN/postgres" "\$@"
EOF
chmod 755 "$WRAPPER.tmp"
mv "$WRAPPER.tmp" "$WRAPPER"

san_ctl() { as_postgres "$SAN_BIN/pg_ctl" "$@"; }
stop_san_cluster() {
  if [ -f "$DATA/postmaster.pid" ]; then
    log "stopping the sanitizer cluster"
    san_ctl -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
trap stop_san_cluster EXIT

stop_san_cluster   # left over from an interrupted run
[ "$(id -u)" -ne 0 ] || chown postgres: "$BASE"
rm -rf "$DATA" "$SERVER_LOG"
as_postgres mkdir -p "$SOCK"
log "initdb in $DATA"
as_postgres "$SAN_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
log "starting the sanitizer cluster on port $SAN_PORT (socket $SOCK)"
san_ctl -D "$DATA" -p "$WRAPPER" -l "$SERVER_LOG" -w -t 120 \
  -o "-p $SAN_PORT -k $SOCK -c listen_addresses='' -c max_worker_processes=16 -c max_parallel_workers=8 -c shared_buffers=512MB -c work_mem=64MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { tail -n 50 "$SERVER_LOG" >&2 || true; die "the sanitizer cluster did not start"; }

unset PGHOSTADDR PGDATABASE PGSERVICE
export PGHOST="$SOCK" PGPORT="$SAN_PORT" PGUSER=postgres
san_psql() { "$SAN_BIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"; }
postmaster_started() {
  san_psql -d postgres -At -c "SELECT pg_postmaster_start_time()" 2>/dev/null || echo "(no answer)"
}
postmaster_pid=$(head -n 1 "$DATA/postmaster.pid")
started=$(postmaster_started)
grep -q libasan "/proc/$postmaster_pid/maps" || die "the postmaster does not have libasan loaded"

status=0
out=$(mktemp)
trap 'rm -f "$out"; stop_san_cluster' EXIT
cd "$BUILD" || exit 1

# --- pg_regress ---------------------------------------------------------------------
log "pg_regress suite (sanitized)"
if ! san_make installcheck 2>&1 | tee "$out"; then
  status=1
  [ -f regression.diffs ] && head -n 200 regression.diffs >&2
fi
regress_passed=$(grep -cE '^(ok|test) .* \.\.\. ok' "$out" || true)
regress_failed=$(grep -cE '^(not ok|test) .* \.\.\. FAILED' "$out" || true)
regress_total=$((regress_passed + regress_failed))

# --- pgTAP --------------------------------------------------------------------------
log "pgTAP suite (sanitized)"
tap_total=0 tap_failed=0
if san_psql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS nps_ext_tap" -c "CREATE DATABASE nps_ext_tap" &&
   san_psql -d nps_ext_tap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION nps_ext"; then
  pg_prove --psql-bin "$SAN_BIN/psql" --ext .sql -d nps_ext_tap test/ 2>&1 | tee "$out" || status=1
  tap_total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$out")
  tap_total=${tap_total:-0}
  for n in $(sed -n 's/.*Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$out"); do
    tap_failed=$((tap_failed + n))
  done
  grep -q '^Result: PASS' "$out" || status=1
else
  status=1
fi

# --- verdict --------------------------------------------------------------------------
# The postmaster must have survived everything: same process, same start time,
# no child killed by a signal (a sanitizer abort) and no crash-restart.
if [ "$(postmaster_started)" != "$started" ] || ! kill -0 "$postmaster_pid" 2>/dev/null; then
  log "the postmaster did not survive the run"
  status=1
fi
# (not "exited with exit code 1": a parallel worker that raised an ERROR says so)
if grep -E 'terminated by signal|terminated by exception|terminating any other active server processes|reinitializing' "$SERVER_LOG" >&2; then
  log "a server process crashed"
  status=1
fi
stop_san_cluster
trap 'rm -f "$out"' EXIT

count_in_log() {   # extended regexp
  grep -cE "$1" "$SERVER_LOG" || true
}
asan_reports=$(count_in_log '==[0-9]+==ERROR: AddressSanitizer')
ubsan_reports=$(count_in_log ': runtime error: ')
# anything else a sanitizer runtime may print (other error kinds, warnings)
other_output=$(count_in_log '^(==[0-9]+==|SUMMARY: |[A-Za-z]*Sanitizer)')
if [ "$asan_reports" -ne 0 ] || [ "$ubsan_reports" -ne 0 ] || [ "$other_output" -ne 0 ]; then
  status=1
  log "sanitizer output in $SERVER_LOG:"
  grep -E -A 40 '(==[0-9]+==|: runtime error: |^SUMMARY: |Sanitizer)' "$SERVER_LOG" | head -n 150 >&2 || true
fi
[ "$regress_total" -gt 0 ] && [ "$tap_total" -gt 0 ] || status=1

if [ $status -ne 0 ]; then log "FAILED (server log: $SERVER_LOG)"; else log "all tests passed, no sanitizer reports"; fi
echo "Sanitizers: regress $regress_passed/$regress_total ok, pgTAP $((tap_total - tap_failed))/$tap_total ok, $asan_reports ASan reports, $ubsan_reports UBSan reports"
exit $status
