#!/usr/bin/env bash
# scripts/fuzz.sh: a short, bounded libFuzzer run over the text input and
# binary receive functions of every state type (fuzz/README.md says why).
#
# Installs clang from Debian when no compiler with libFuzzer is present,
# builds fuzz/build/fuzz_<type> (NPS_FUZZ_BUILD_DIR overrides the directory)
# from the project's own src/*.c, rebuilding only when a source or flag
# changed, then fuzzes each type for NPS_FUZZ_SECONDS (default 30; 0 only
# replays the seed corpus) starting from a temporary copy of
# fuzz/corpus/<type>, so the checkout is never modified.  Prints one line
# per type and exits non-zero if any input crashed; crashing inputs are kept
# in <build dir>/artifacts/<type>/.  Needs no PostgreSQL server.
#
#   NPS_FUZZ_SECONDS=60 scripts/fuzz.sh
#   NPS_FUZZ_TARGETS="churn_state" NPS_FUZZ_SECONDS=10 scripts/fuzz.sh
#   NPS_FUZZ_CORPUS_OUT=/tmp/grown scripts/fuzz.sh   # keep the grown corpora
source "$(dirname "$0")/common.sh"

all_targets="nps_summary csat_summary ces_summary churn_state churn_model"
seconds=${NPS_FUZZ_SECONDS:-30}
targets=${NPS_FUZZ_TARGETS:-$all_targets}
fuzz_dir=$NPS_TOP/fuzz
build=${NPS_FUZZ_BUILD_DIR:-$fuzz_dir/build}

case $seconds in
  '' | *[!0-9]*) log "NPS_FUZZ_SECONDS must be a whole number of seconds"; exit 2 ;;
esac
for t in $targets; do
  case " $all_targets " in
    *" $t "*) ;;
    *) log "unknown fuzz target $t (known: $all_targets)"; exit 2 ;;
  esac
done

# A C compiler that can link -fsanitize=fuzzer (clang 6 and later can).
fuzzer_cc_works() {
  local probe
  probe=$(mktemp -d)
  printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }' \
    >"$probe/probe.c"
  if "$1" -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" >/dev/null 2>&1; then
    rm -rf "$probe"
    return 0
  fi
  rm -rf "$probe"
  return 1
}

find_cc() {
  local cc
  for cc in ${NPS_FUZZ_CC:-} clang clang-14 clang-15 clang-16; do
    if command -v "$cc" >/dev/null 2>&1 && fuzzer_cc_works "$cc"; then
      echo "$cc"
      return 0
    fi
  done
  return 1
}

PG_CONFIG=$PG_BIN/pg_config
if [ ! -x "$PG_CONFIG" ] || [ ! -f "/usr/include/postgresql/$PG_MAJOR/server/postgres.h" ]; then
  ensure_deps
fi

if ! CC=$(find_cc); then
  # libFuzzer and the sanitizer runtimes are in libclang-rt-dev, which clang
  # only recommends
  log "installing clang (libFuzzer)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    clang libclang-rt-dev >/dev/null
  CC=$(find_cc) || { log "clang cannot link -fsanitize=fuzzer"; exit 1; }
fi

# The project's I/O code, compiled as for the server but instrumented.
project_sources=(src/json_cursor.c src/exact_sum.c src/summary_kind.c src/summary.c src/summary_io.c src/churn_state.c src/churn_io.c
  src/churn_features.c src/churn_model.c src/churn_model_io.c)
harness_sources=(fuzz/pg_shim.c fuzz/fuzz_inputs.c)
pg_libdir=$("$PG_CONFIG" --pkglibdir)
cppflags=(-D_GNU_SOURCE -I"$("$PG_CONFIG" --includedir-server)" -Isrc -Ifuzz)
# PostgreSQL's own flags for clang (Makefile.global's BITCODE_CFLAGS), minus
# -fwrapv so that UBSan reports signed overflow; the server headers' gnu_printf
# attributes are the only reason for -Wno-ignored-attributes.
cflags=(-g -O1 -fno-omit-frame-pointer -fno-strict-aliasing
  -Wall -Wextra -Wno-unused-parameter -Wno-ignored-attributes
  -Wno-compound-token-split-by-macro -Wmissing-prototypes
  -fsanitize=address,undefined -fno-sanitize-recover=all)
libs=("$pg_libdir/libpgcommon.a" "$pg_libdir/libpgport.a" -lm)

cd "$NPS_TOP"
inputs_hash=$({
  "$CC" --version
  printf '%s\n' "${cppflags[@]}" "${cflags[@]}" "${libs[@]}"
  cat "${project_sources[@]}" src/*.h "${harness_sources[@]}" fuzz/*.h
} | sha256sum | cut -d' ' -f1)

built=true
for t in $all_targets; do [ -x "$build/fuzz_$t" ] || built=false; done
if ! $built || [ "$(cat "$build/inputs.sha256" 2>/dev/null)" != "$inputs_hash" ]; then
  log "building the fuzz harness with $CC"
  rm -rf "$build/obj" "$build/inputs.sha256"
  mkdir -p "$build/obj"
  objs=()
  for src in "${project_sources[@]}"; do
    obj=$build/obj/$(basename "$src" .c).o
    "$CC" "${cppflags[@]}" "${cflags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
    objs+=("$obj")
  done
  "$CC" "${cppflags[@]}" "${cflags[@]}" -c fuzz/pg_shim.c -o "$build/obj/pg_shim.o"
  for t in $all_targets; do
    "$CC" "${cppflags[@]}" "${cflags[@]}" -DNPS_FUZZ_TYPE="$t" -c fuzz/fuzz_inputs.c \
      -o "$build/obj/fuzz_$t.o"
    "$CC" "${cflags[@]}" -fsanitize=fuzzer "$build/obj/fuzz_$t.o" "$build/obj/pg_shim.o" \
      "${objs[@]}" "${libs[@]}" -o "$build/fuzz_$t"
  done
  echo "$inputs_hash" >"$build/inputs.sha256"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/nps_fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ "$seconds" -eq 0 ]; then
  limit=(-runs=0)
  log "replaying the seed corpus of: $targets"
else
  limit=(-max_total_time="$seconds")
  log "fuzzing for ${seconds}s each: $targets"
fi

failed=0
for t in $targets; do
  corpus=$work/$t
  artifacts=$build/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  rm -f "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*
  cp "$fuzz_dir/corpus/$t"/* "$corpus"/
  status=0
  "$build/fuzz_$t" "${limit[@]}" -max_len=1024 -timeout=10 -rss_limit_mb=2048 \
    -dict="$fuzz_dir/nps.dict" -use_value_profile=1 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" >"$work/$t.log" 2>&1 || status=$?

  # a crash in the seed corpus leaves no statistics: hence "|| true"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -n 1)
  size=$(grep -o 'corp: [0-9]*' "$work/$t.log" | tail -n 1 | cut -d' ' -f2 || true)
  cov=$(grep -o 'cov: [0-9]*' "$work/$t.log" | tail -n 1 | cut -d' ' -f2 || true)
  crashes=$(find "$artifacts" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes=1
  fi
  if [ -n "${NPS_FUZZ_CORPUS_OUT:-}" ]; then
    mkdir -p "$NPS_FUZZ_CORPUS_OUT/$t"
    cp "$corpus"/* "$NPS_FUZZ_CORPUS_OUT/$t"/
  fi
  echo "fuzz $t: ${execs:-0} executions, corpus ${size:-0} inputs, $crashes crashes (coverage: ${cov:-0} edges)"
  if [ "$crashes" -ne 0 ]; then
    failed=1
    grep -v -E '^#[0-9]+|^INFO:' "$work/$t.log" | tail -n 60 >&2 || true
    log "fuzz $t failed (exit $status); inputs kept in $artifacts/"
    log "reproduce with: $build/fuzz_$t $artifacts/<file>"
  fi
done
exit $failed
