#!/usr/bin/env bash
# Prints the ```sql blocks of README.md and docs/ (in reading order) as one
# pg_regress script.  scripts/test.sh checks that sql/readme.sql equals this
# output, so every example runs and its output is compared with
# expected/readme.out (and scripts/check_doc_output.pl compares the output
# the docs show with that).
#   scripts/readme_sql.sh > sql/readme.sql    # after editing an example
set -euo pipefail
cd "$(dirname "$0")/.."
echo "-- Generated from README.md and docs/ by scripts/readme_sql.sh: do not edit by hand."
echo "SET timezone = 'UTC';"
echo "SET datestyle = 'ISO, YMD';"
awk '/^```sql$/ { inside = 1; print ""; next } /^```/ { inside = 0; next } inside { print }' \
  README.md docs/reference.md docs/design.md docs/safety.md docs/development.md
