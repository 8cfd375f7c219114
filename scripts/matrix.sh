#!/usr/bin/env bash
# scripts/matrix.sh (make test-matrix): nps_ext on every PostgreSQL this
# machine can reach, each from Debian's own packages in a minimal Debian of
# its own (debootstrap --variant=minbase plus git, nothing else):
#
#   leg                 Debian          PostgreSQL  as                 runs
#   pg15-debian12       12 bookworm     15          root               the README's two commands
#   pg15-debian12-sudo  12 bookworm     15          a user with sudo   the README's two commands
#   pg17-debian13       13 trixie       17          root               the README's two commands
#   pg17-debian13-sudo  13 trixie       17          a user with sudo   the README's two commands
#   pg18-forky          forky (sid)     18          root               the README's two commands
#   package-pg15/17/18  as above        15, 17, 18  root               scripts/package_check.sh
#
# Each leg starts from a fresh copy of its Debian, so a leg proves that the
# README's commands work on a bare machine; the package legs build the
# release archive (make dist) and the Debian package, and install each into
# a clean PostgreSQL.  Prints each leg's Summary line and a table; exits
# non-zero if any leg fails.  Needs root (debootstrap, chroot, mount).
#
#   NPS_MATRIX_LEGS="pg18-forky package-pg18"   run only these legs
#   NPS_MATRIX_CACHE=/var/cache/nps_ext/matrix  base systems, downloaded
#                     packages and logs, kept between runs (first run:
#                     three debootstraps and every package download)
#   NPS_MATRIX_BASE_DAYS=7  make a base system again when it is older
#   NPS_MATRIX_MIRROR=http://deb.debian.org/debian
#   NPS_MATRIX_KEEP=1  keep each leg's file system after the run
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${NPS_MATRIX_CACHE:-/var/cache/nps_ext/matrix}
MIRROR=${NPS_MATRIX_MIRROR:-http://deb.debian.org/debian}

# name suite postgresql user command-set port
ALL_LEGS="
pg15-debian12      bookworm 15 root    readme  55401
pg15-debian12-sudo bookworm 15 builder readme  55403
pg17-debian13      trixie   17 root    readme  55405
pg17-debian13-sudo trixie   17 builder readme  55407
pg18-forky         forky    18 root    readme  55409
package-pg15       bookworm 15 root    package 55411
package-pg17       trixie   17 root    package 55413
package-pg18       forky    18 root    package 55415
"

log() { printf '==> %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }

[ "$(id -u)" -eq 0 ] || die "the matrix needs root (debootstrap, chroot, mount): run it with sudo"

ensure_host_tools() {
  local missing=()
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v git >/dev/null 2>&1 || missing+=(git)
  command -v make >/dev/null 2>&1 || missing+=(make)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing on this machine: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Debian 12's debootstrap has no script for forky: sid's serves.
debootstrap_script() {
  local script=/usr/share/debootstrap/scripts/$1
  [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
  echo "$script"
}

# ensure_base SUITE: minbase plus git, made once and kept as a tar file
# (base_tarball names it), from which every leg unpacks a fresh system;
# made again when older than NPS_MATRIX_BASE_DAYS (default 7), as the
# suites move on.  Only what a chroot (not a real machine) needs is added:
# a policy-rc.d, so that installing a server does not start it, and, for
# forky, acceptance of Release files past their Valid-Until date (the
# reachable mirror is not always refreshed in time).
base_tarball() { echo "$CACHE/base/$1.tar"; }

ensure_base() {
  local suite=$1 tarball tmp
  tarball=$(base_tarball "$suite")
  if [ -n "$(find "$tarball" -mtime "-${NPS_MATRIX_BASE_DAYS:-7}" 2>/dev/null)" ]; then return; fi
  mkdir -p "$CACHE/base"
  tmp=$CACHE/base/$suite.building
  rm -rf --one-file-system "$tmp"
  log "debootstrap $suite (minbase plus git) into $tmp"
  if ! debootstrap --variant=minbase --include=git "$suite" "$tmp" "$MIRROR" \
    "$(debootstrap_script "$suite")" >"$CACHE/base/$suite.debootstrap.log" 2>&1; then
    tail -n 20 "$CACHE/base/$suite.debootstrap.log" >&2
    die "debootstrap $suite failed"
  fi
  printf '#!/bin/sh\n# a chroot: never start services\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/usr/sbin/policy-rc.d"
  case $suite in
    bookworm | trixie) ;;
    *) echo 'Acquire::Check-Valid-Until "false";' >"$tmp/etc/apt/apt.conf.d/99valid-until" ;;
  esac
  tar -C "$tmp" -cf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  rm -rf --one-file-system "$tmp"
}

# The kernel file systems a chroot needs: /proc, and a /dev of its own (a
# tmpfs with the usual nodes, never the host's /dev), with /dev/shm for
# PostgreSQL's dynamic shared memory.  Downloaded packages are kept per
# suite, so a fresh leg installs without downloading again.
mount_leg() {
  local root=$1 suite=$2
  mount -t proc proc "$root/proc"
  mount -t tmpfs -o mode=755 dev "$root/dev"
  mknod -m 666 "$root/dev/null" c 1 3
  mknod -m 666 "$root/dev/zero" c 1 5
  mknod -m 666 "$root/dev/full" c 1 7
  mknod -m 666 "$root/dev/random" c 1 8
  mknod -m 666 "$root/dev/urandom" c 1 9
  mknod -m 666 "$root/dev/tty" c 5 0
  ln -s /proc/self/fd "$root/dev/fd"
  ln -s /proc/self/fd/0 "$root/dev/stdin"
  ln -s /proc/self/fd/1 "$root/dev/stdout"
  ln -s /proc/self/fd/2 "$root/dev/stderr"
  mkdir -m 1777 "$root/dev/shm"
  mkdir -p "$CACHE/apt/$suite"
  mount --bind "$CACHE/apt/$suite" "$root/var/cache/apt/archives"
}

unmount_leg() {
  local root=$1 m
  for m in var/cache/apt/archives dev proc; do
    if mountpoint -q "$root/$m"; then umount -l "$root/$m"; fi
  done
}

# copy_checkout ROOT DIR USER: the checkout as it is now (committed or not,
# without ignored files) into DIR of the leg's system, owned by USER there.
copy_checkout() {
  local root=$1 dir=$2 user=$3
  mkdir -p "$root$dir"
  (cd "$TOP" && git ls-files -z -co --exclude-standard |
    tar --null --no-recursion --ignore-failed-read -T - -cf -) | tar -xf - -C "$root$dir"
  chroot "$root" chown -R "$user:" "$dir"
}

# The README's two commands: the lines of its first code block.
readme_commands() {
  awk '/^```/ { if (seen) exit; seen = 1; next } seen { sub(/[ \t]*#.*/, ""); if ($0 != "") print }' \
    "$TOP/README.md"
}

in_leg() {
  local root=$1 user=$2 home=$3 port=$4
  shift 4
  chroot "$root" runuser -u "$user" -- env -i HOME="$home" USER="$user" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NPS_PORT="$port" NPS_CONCURRENCY_PORT="$((port + 1))" "$@"
}

# A user with sudo, as on a cloud image: sudo is part of that premise.
add_sudo_user() {
  local root=$1 user=$2
  chroot "$root" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends sudo >/dev/null"
  chroot "$root" useradd -m -s /bin/bash "$user"
  echo "$user ALL=(ALL) NOPASSWD: ALL" >"$root/etc/sudoers.d/$user"
  chmod 440 "$root/etc/sudoers.d/$user"
}

# The README's commands in its order as root; as the sudo user in reverse
# order, so that each of them is the first to run on a bare system in some
# leg of each Debian.
run_readme_leg() {
  local root=$1 user=$2 port=$3 home=/root order=cat cmd
  if [ "$user" != root ]; then
    add_sudo_user "$root" "$user"
    home=/home/$user
    order=tac
  fi
  copy_checkout "$root" "$home/nps_ext" "$user"
  while IFS= read -r cmd; do
    log "$cmd"
    in_leg "$root" "$user" "$home" "$port" bash -c "cd ~/nps_ext && $cmd" || return 1
  done < <(readme_commands | $order)
}

run_package_leg() {
  local root=$1 pg=$2 port=$3
  cp "$DIST" "$root/root/"
  copy_checkout "$root" /root/nps_ext root
  in_leg "$root" root /root "$port" env PG_MAJOR="$pg" \
    bash /root/nps_ext/scripts/package_check.sh "/root/$(basename "$DIST")" || return 1
  mkdir -p "$CACHE/packages"
  cp "$root"/root/*.deb "$CACHE/packages/"
}

# run_leg NAME SUITE PG USER KIND PORT: one leg in a fresh system.  It runs
# as a process of its own (scripts/matrix.sh --leg ...), so that set -e
# holds inside it and its EXIT trap always unmounts and removes the system.
run_leg() {
  local name=$1 suite=$2 pg=$3 user=$4 kind=$5 port=$6
  ensure_base "$suite"
  LEG_ROOT=$CACHE/run/$name
  if [ -e "$LEG_ROOT" ]; then unmount_leg "$LEG_ROOT"; rm -rf --one-file-system "$LEG_ROOT"; fi
  trap 'unmount_leg "$LEG_ROOT"; [ -n "${NPS_MATRIX_KEEP:-}" ] || rm -rf --one-file-system "$LEG_ROOT"' EXIT
  mkdir -p "$LEG_ROOT"
  tar -C "$LEG_ROOT" -xf "$(base_tarball "$suite")"
  # this machine's name servers, not those of the day the base was made
  if [ -e /etc/resolv.conf ]; then cp -L /etc/resolv.conf "$LEG_ROOT/etc/resolv.conf"; fi
  mount_leg "$LEG_ROOT" "$suite"
  if [ "$kind" = package ]; then
    run_package_leg "$LEG_ROOT" "$pg" "$port"
  else
    run_readme_leg "$LEG_ROOT" "$user" "$port"
  fi
}

if [ "${1:-}" = --leg ]; then
  shift
  run_leg "$@"
  exit
fi

ensure_host_tools
mkdir -p "$CACHE/logs"
# One run at a time per cache: a second would remove the first one's legs.
exec 9>"$CACHE/lock"
flock -n 9 || die "another matrix run is using $CACHE"
legs=${NPS_MATRIX_LEGS:-$(awk 'NF { print $1 }' <<<"$ALL_LEGS")}
for leg in $legs; do
  grep -q "^$leg " <<<"$ALL_LEGS" || die "unknown leg $leg (known: $(awk 'NF { printf "%s ", $1 }' <<<"$ALL_LEGS"))"
done

if grep -q package <<<"$legs"; then
  [ -z "$(git -C "$TOP" status --porcelain --untracked-files=no)" ] ||
    log "note: the release archive is made from HEAD; uncommitted changes are not in it"
  DIST=$(make -s -C "$TOP" dist)
fi

results=()
failed=0
started=$SECONDS
for leg in $legs; do
  read -r name suite pg user kind port < <(grep "^$leg " <<<"$ALL_LEGS")
  logfile=$CACHE/logs/$name.log
  log "leg $name: PostgreSQL $pg on $suite as $user ($kind), log in $logfile"
  t0=$SECONDS
  if DIST=${DIST:-} bash "$0" --leg "$name" "$suite" "$pg" "$user" "$kind" "$port" >"$logfile" 2>&1; then
    verdict=ok
  else
    verdict=FAILED
    failed=$((failed + 1))
    tail -n 40 "$logfile" >&2
  fi
  summary=$(grep -E '^Summary: ' "$logfile" | tail -n 1 || true)
  line=$(printf '%-20s %-9s PG %-3s %-8s %-7s %4ss  %s' "$name" "$suite" "$pg" "$user" "$verdict" \
    "$((SECONDS - t0))" "${summary:-no Summary line}")
  echo "$line"
  results+=("$line")
done

echo
echo "Matrix ($((SECONDS - started)) s):"
printf '  %s\n' "${results[@]}"
if [ $failed -ne 0 ]; then
  echo "Matrix: $failed of ${#results[@]} legs FAILED"
  exit 1
fi
echo "Matrix: all ${#results[@]} legs passed"
