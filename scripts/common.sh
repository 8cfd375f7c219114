#!/usr/bin/env bash
# Shared set-up for the demo, test and benchmark scripts.
#
#   ensure_deps     install PostgreSQL, its server headers, pgTAP and
#                   build-essential from Debian when missing (fast no-op
#                   when present)
#   build_install   compile the extension warning-free and install it
#   start_cluster   use the server the PG* environment variables point at, or
#                   start a private throwaway cluster (stopped by an EXIT trap);
#                   it listens on its Unix socket only, unless
#                   NPS_LISTEN_ADDRESSES names TCP addresses (the demo's
#                   NPS_DEMO_TCP=1): then TCP connections are rejected but for
#                   the pg_hba.conf lines in NPS_HBA_HOST_LINES
#
# Sourced, not executed.  Everything here is idempotent.

set -euo pipefail

NPS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NPS_PORT=${NPS_PORT:-54329}

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The PostgreSQL major the scripts build for and run: PG_MAJOR when set;
# else the newest one installed from Debian's packages; else the one this
# Debian release ships (what its "postgresql" package depends on: 15 on
# Debian 12, 17 on Debian 13, 18 on forky/sid), reading the package lists
# first if the machine has none yet.
installed_pg_major() {
  local bin
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$bin" ] || continue
    basename "$(dirname "$(dirname "$bin")")"
  done | sort -n | tail -n 1
}
distro_pg_major() {
  apt-cache depends postgresql 2>/dev/null |
    sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1
}
choose_pg_major() {
  local major
  major=$(installed_pg_major)
  [ -n "$major" ] || major=$(distro_pg_major)
  if [ -z "$major" ]; then
    log "reading Debian's package lists to find this release's PostgreSQL"
    as_root apt-get update -qq
    major=$(distro_pg_major)
  fi
  if [ -z "$major" ]; then
    log "cannot tell which PostgreSQL to use: set PG_MAJOR (e.g. PG_MAJOR=17)"
    exit 2
  fi
  echo "$major"
}
PG_MAJOR=${PG_MAJOR:-$(choose_pg_major)}
# NPS_PG_BIN names another (relocated) copy of that PostgreSQL, so that two
# working trees can build, install and test at once without overwriting each
# other's library in the system's directories.
PG_BIN=${NPS_PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}

ensure_deps() {
  local missing=()
  [ -x "$PG_BIN/postgres" ] || missing+=("postgresql-$PG_MAJOR")
  [ -f "/usr/include/postgresql/$PG_MAJOR/server/postgres.h" ] || missing+=("postgresql-server-dev-$PG_MAJOR")
  [ -f "/usr/share/postgresql/$PG_MAJOR/extension/pgtap.control" ] || missing+=("postgresql-$PG_MAJOR-pgtap")
  # pg_prove is only a Recommends of the pgTAP package, and we skip those
  command -v pg_prove >/dev/null 2>&1 || missing+=(libtap-parser-sourcehandler-pgtap-perl)
  # a C compiler with the C library's headers, and make: Debian's build-essential
  if ! command -v make >/dev/null 2>&1 || ! command -v gcc >/dev/null 2>&1 ||
     [ ! -f /usr/include/stdio.h ]; then
    missing+=(build-essential)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

build_install() {
  log "building nps_ext"
  make -C "$NPS_TOP" -s PG_CONFIG="$PG_BIN/pg_config" all >/dev/null
  as_root make -C "$NPS_TOP" -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
}

# A directory the postgres OS user can reach.  The checkout is preferred
# (.pgdata/, git-ignored); a clone under /root is not reachable by that user,
# so fall back to a private directory under /tmp.
cluster_base() {
  local dir="$NPS_TOP/.pgdata/port-$NPS_PORT"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$NPS_TOP/.pgdata" "$dir"
    if runuser -u postgres -- test -w "$dir"; then echo "$dir"; return; fi
    dir=/tmp/nps_ext_pg/port-$NPS_PORT
    mkdir -p "$dir"
    chown postgres: "$dir"
  fi
  echo "$dir"
}

# From /, which every user can enter: PostgreSQL's programs look up their
# own path and print "could not change directory" when the postgres user
# cannot enter the caller's directory (a clone under /root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

stop_cluster() {
  if [ -n "${NPS_CLUSTER_DIR:-}" ] && [ -f "$NPS_CLUSTER_DIR/data/postmaster.pid" ]; then
    log "stopping the throwaway cluster"
    as_postgres "$PG_BIN/pg_ctl" -D "$NPS_CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# Printed on exit instead of stopping the cluster when NPS_KEEP_CLUSTER=1.
announce_cluster() {
  log "the cluster is still running; connect with:"
  log "  psql -h $PGHOST -p $PGPORT -U postgres -d <database>"
  log "stop it with:"
  log "  runuser -u postgres -- $PG_BIN/pg_ctl -D $NPS_CLUSTER_DIR/data stop"
}

# start_cluster [fresh|reuse]
#   fresh (default): a new data directory, so nothing is left over from an
#                    earlier or interrupted run (demo, tests)
#   reuse:           keep the data directory (bench: the 10M-row table loads
#                    once)
# Uses the server the PG* variables point at instead, if any is set (unless
# NPS_FORCE_PRIVATE=1).  Sets PGHOST/PGPORT/PGUSER for the callers.  The
# cluster is stopped on exit, also on failure, unless NPS_KEEP_CLUSTER=1.
start_cluster() {
  local mode=${1:-fresh}
  if [ -n "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ] && [ -z "${NPS_FORCE_PRIVATE:-}" ]; then
    log "using the existing server from the PG* environment variables"
    return
  fi
  NPS_CLUSTER_DIR=$(cluster_base)
  export NPS_CLUSTER_DIR
  local data="$NPS_CLUSTER_DIR/data" sock="$NPS_CLUSTER_DIR/socket"
  stop_cluster
  if [ "$mode" = fresh ] && [ -d "$data" ]; then
    as_root rm -rf "$data"
  fi
  as_postgres mkdir -p "$sock"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb in $data"
    as_postgres "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C >/dev/null
  fi
  local listen=${NPS_LISTEN_ADDRESSES:-}
  if [ -n "$listen" ]; then
    # Over TCP only what the caller allows, first match wins; the socket
    # keeps initdb's trust (it is the scripts' own way in).
    printf '%s\n' '# written by scripts/common.sh (NPS_LISTEN_ADDRESSES)' \
      'local all all trust' 'local replication all trust' \
      ${NPS_HBA_HOST_LINES:+"$NPS_HBA_HOST_LINES"} \
      'host all all 0.0.0.0/0 reject' 'host all all ::/0 reject' |
      as_postgres tee "$data/pg_hba.conf" >/dev/null
  fi
  if [ -n "${NPS_KEEP_CLUSTER:-}" ]; then trap announce_cluster EXIT; else trap stop_cluster EXIT; fi
  log "starting a private cluster on port $NPS_PORT (socket $sock${listen:+, TCP on $listen})"
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$NPS_CLUSTER_DIR/server.log" -w \
    -o "-p $NPS_PORT -k $sock -c listen_addresses='$listen' -c max_worker_processes=16 -c max_parallel_workers=8 -c shared_buffers=512MB -c work_mem=64MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export PGHOST="$sock" PGPORT="$NPS_PORT" PGUSER=postgres
}

# psql with the settings every script wants: stop on the first error, quiet.
run_psql() {
  "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -q "$@"
}

# For the benchmark scripts: a server with the extension just built, jit
# off for every session (fair: JIT would inline the built-ins but not the
# extension's C functions, and stable), the database $1 (created when
# missing) with the schema $2 dropped and the extension created afresh, so
# that the timings are of the code just built.
bench_prepare() {
  local db=$1 schema=$2
  ensure_deps
  build_install
  start_cluster reuse
  export PGOPTIONS="${PGOPTIONS:-} -c jit=off"
  if [ "$(run_psql -d postgres -Atc "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 0 ]; then
    log "creating database $db"
    run_psql -d postgres -c "CREATE DATABASE \"$db\""
  fi
  run_psql -d "$db" -c "SET client_min_messages = warning" \
    -c "DROP SCHEMA IF EXISTS $schema CASCADE" \
    -c "DROP EXTENSION IF EXISTS nps_ext CASCADE" \
    -c "CREATE EXTENSION nps_ext"
}
