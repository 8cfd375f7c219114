#!/usr/bin/env bash
# The include graph of src/: one line "file -> header" per #include of a
# header of this project (PostgreSQL's own headers are left out), then a
# check that the graph has no cycle (tsort names the files of a loop).
# Then the rule that keeps a file and its header one piece: every function
# X.h declares is defined in X.c (when there is an X.c), so no file defines
# what another file's header declares while including that header.
# Exits non-zero on a cycle or a misplaced declaration.
#   scripts/include_graph.sh            graph and verdict
set -euo pipefail
cd "$(dirname "$0")/../src"

edges=$(for f in *.c *.h; do
  sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f" | while read -r h; do
    if [ -f "$h" ]; then echo "$f $h"; fi
  done
done)
printf '%s\n' "$edges" | awk 'NF { print $1 " -> " $2 }'

status=0
if loop=$(printf '%s\n' "$edges" | awk 'NF' | tsort 2>&1 >/dev/null) && [ -z "$loop" ]; then
  echo "ok - the include graph of src/ has no cycle ($(printf '%s\n' "$edges" | awk 'NF' | wc -l) includes)"
else
  echo "not ok - the include graph of src/ has a cycle:"
  printf '%s\n' "$loop" | sed 's/^/    /'
  status=1
fi
misplaced=0
for h in *.h; do
  c=${h%.h}.c
  [ -f "$c" ] || continue
  for fn in $(grep -oE '^extern [^(]*[ *]([a-z_0-9]+)\(' "$h" | sed -E 's/.*[ *]([a-z_0-9]+)\($/\1/'); do
    if ! grep -qE "^$fn\(" "$c"; then
      echo "not ok - src/$h declares $fn(), which src/$c does not define (it is in: $(grep -lE "^$fn\(" *.c | tr '\n' ' '))"
      misplaced=1
    fi
  done
done
if [ "$misplaced" -eq 0 ]; then
  echo "ok - every function a header declares is defined in the .c file of the same name"
else
  status=1
fi
exit $status
