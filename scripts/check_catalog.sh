#!/usr/bin/env bash
# Proves that the declaration of the SQL surface (sql/api.decl) describes the
# whole API, released history included: a database that installs the
# released scripts and updates through the generated update script, and one
# that installs the generated full script of the current version, hold
# identical catalogs (scripts/catalog_snapshot.sql: every object, signature,
# label, C symbol, comment and dependency).  Every released version is a
# starting point.  Needs the private cluster of scripts/common.sh running
# (PGHOST/PGPORT set) and the extension installed.  Prints "ok - ..." or
# "not ok - ..." per starting version with the differing lines.
set -euo pipefail
cd "$(dirname "$0")/.."

current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" nps_ext.control)
[ -f "sql/install/nps_ext--$current.sql" ] || { echo "not ok - no sql/install/nps_ext--$current.sql"; exit 1; }
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
snapshot() {  # database -> file
  psql_q -At -d "$1" -f scripts/catalog_snapshot.sql > "$2"
}
fresh_db() {
  psql_q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null
}

fresh_db nps_catalog_direct
psql_q -d nps_catalog_direct -c "CREATE EXTENSION nps_ext VERSION '$current'"
snapshot nps_catalog_direct "$workdir/direct"

failures=0
# Every earlier version the installed scripts can create.
for start in $(psql_q -At -d postgres -c "SELECT version FROM pg_available_extension_versions
                                            WHERE name = 'nps_ext' AND version <> '$current'" | sort -V); do
  db=nps_catalog_from_${start//./_}
  fresh_db "$db"
  psql_q -d "$db" -c "CREATE EXTENSION nps_ext VERSION '$start'" -c "ALTER EXTENSION nps_ext UPDATE TO '$current'"
  snapshot "$db" "$workdir/from-$start"
  if diff -U0 "$workdir/from-$start" "$workdir/direct" > "$workdir/diff"; then
    echo "ok - $start updated to $current has the catalog of the generated $current script ($(wc -l < "$workdir/direct") facts)"
  else
    echo "not ok - $start updated to $current differs from the generated $current script:"
    sed 's/^/    /' "$workdir/diff" | head -n 60
    failures=$((failures + 1))
  fi
  psql_q -d postgres -c "DROP DATABASE $db"
done
psql_q -d postgres -c "DROP DATABASE nps_catalog_direct"
[ "$failures" -eq 0 ]
