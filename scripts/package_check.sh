#!/usr/bin/env bash
# scripts/package_check.sh ARCHIVE: the two ways a DBA installs nps_ext,
# checked on a clean PostgreSQL (the matrix runs it as root in a fresh
# minimal Debian; PG_MAJOR says which PostgreSQL):
#
#   1. the release archive (make dist): unpack, make && make install,
#      CREATE EXTENSION and a smoke query, make uninstall leaves nothing;
#   2. the Debian package built from that archive with pg_buildext
#      (dpkg-buildpackage): dpkg -i, CREATE EXTENSION and the smoke query,
#      dpkg -r leaves nothing.
#
# Prints "ok - ..." / "not ok - ..." per check and a Summary line; exits
# non-zero on any failure.
source "$(dirname "$0")/common.sh"

archive=$(realpath "${1:?usage: package_check.sh ARCHIVE}")
passed=0
failed=0

check() {
  local what=$1
  shift
  if "$@"; then
    echo "ok - $what"
    passed=$((passed + 1))
  else
    echo "not ok - $what"
    failed=$((failed + 1))
  fi
}

# A PostgreSQL server for the smoke tests, unzip for the archive, and the
# build tools exactly as README.md lists them for the Debian package (they
# include the server headers that make needs).
log "installing PostgreSQL $PG_MAJOR and the build tools"
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "postgresql-$PG_MAJOR" unzip build-essential debhelper postgresql-server-dev-all >/dev/null

version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$NPS_TOP/nps_ext.control")
sharedir=$("$PG_BIN/pg_config" --sharedir)
pkglibdir=$("$PG_BIN/pg_config" --pkglibdir)

# Files of nps_ext in this PostgreSQL's directories, JIT bitcode included
# (none on a clean one).
installed_files() {
  find "$sharedir/extension" "$pkglibdir" "$pkglibdir/bitcode" -maxdepth 1 -name 'nps_ext*' \
    2>/dev/null | sort
}
no_files_left() {
  local left
  left=$(installed_files)
  [ -z "$left" ] || { log "left behind: $left"; return 1; }
}

# smoke: a fresh cluster, CREATE EXTENSION, one NPS, the installed version
# and, on PostgreSQL 18 and later, the library's own name and version.
# Runs in a subshell: the cluster and its PG* variables end with it.
smoke() (
  local got want
  start_cluster fresh
  run_psql -d postgres -c "CREATE EXTENSION nps_ext" || return 1
  got=$(run_psql -d postgres -At -c "
    SELECT nps(s) FROM (VALUES (10), (9), (7), (3), (NULL)) AS v(s)")
  want=25
  [ "$got" = "$want" ] || { log "nps() returned $got, not $want"; return 1; }
  got=$(run_psql -d postgres -At -c "SELECT extversion FROM pg_extension WHERE extname = 'nps_ext'")
  [ "$got" = "$version" ] || { log "extversion is $got, not $version"; return 1; }
  if [ "$PG_MAJOR" -ge 18 ]; then
    # a backend lists the modules it has loaded: call one of its functions first
    got=$(run_psql -d postgres -At -c "SELECT nps(1)" -c "
      SELECT module_name || ' ' || version FROM pg_get_loaded_modules() WHERE file_name = 'nps_ext.so'" |
      tail -n 1)
    [ "$got" = "nps_ext $version" ] || { log "pg_get_loaded_modules() says '$got'"; return 1; }
  fi
)

work=$(mktemp -d)
chmod 755 "$work"  # the postgres user starts the smoke clusters from here
cd "$work"

check "PostgreSQL $PG_MAJOR has no nps_ext files before the install" no_files_left

# 1. The release archive.
unpacks_into_one_directory() {
  unzip -q "$archive" && [ "$(find "$work" -mindepth 1 -maxdepth 1 | wc -l)" -eq 1 ] &&
    [ -d "$work/$(basename "$archive" .zip)" ]
}
check "$(basename "$archive") unpacks into one directory, $(basename "$archive" .zip)/" unpacks_into_one_directory
src=$work/$(basename "$archive" .zip)
check "the archive holds META.json, the control file and debian/" \
  test -f "$src/META.json" -a -f "$src/nps_ext.control" -a -d "$src/debian"
check "make && make install in the unpacked archive (warning-free)" \
  bash -c "cd '$src' && make 2>&1 | tee build.log >/dev/null && ! grep -q 'warning:' build.log && make install >/dev/null"
check "CREATE EXTENSION and a smoke query after make install" smoke
make_uninstall() { (cd "$src" && make uninstall >/dev/null) && no_files_left; }
check "make uninstall leaves no nps_ext file" make_uninstall

# 2. The Debian package, built from the archive as Debian's own extension
# packages are, with the README's commands (pg_buildext regenerates
# debian/control for the PostgreSQL versions this system supports).
deb=
build_deb() {
  (cd "$src" && make clean >/dev/null && pg_buildext updatecontrol >/dev/null &&
    dpkg-buildpackage -us -uc -b >"$work/dpkg-buildpackage.log" 2>&1) ||
    { tail -n 30 "$work/dpkg-buildpackage.log" >&2; return 1; }
  deb=$(ls "$work"/postgresql-"$PG_MAJOR"-nps-ext_*.deb 2>/dev/null | head -n 1)
  [ -n "$deb" ]
}
check "dpkg-buildpackage builds postgresql-$PG_MAJOR-nps-ext" build_deb
if [ -n "$deb" ]; then
  cp "$deb" "$HOME/"
  check "$(basename "$deb") installs with dpkg -i" as_root dpkg -i "$deb"
  check "the package holds the library, the control file and the SQL scripts" \
    bash -c "dpkg -L postgresql-$PG_MAJOR-nps-ext | grep -q '/nps_ext.so\$' &&
             dpkg -L postgresql-$PG_MAJOR-nps-ext | grep -q '/nps_ext.control\$' &&
             dpkg -L postgresql-$PG_MAJOR-nps-ext | grep -q '/nps_ext--1.0.sql\$'"
  check "CREATE EXTENSION and a smoke query from the package" smoke
  package_removed() { as_root dpkg -r "postgresql-$PG_MAJOR-nps-ext" >/dev/null && no_files_left; }
  check "dpkg -r leaves no nps_ext file" package_removed
fi

echo "Summary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
