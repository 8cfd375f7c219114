#!/usr/bin/env bash
# Prints the ```sql blocks of README.md as one pg_regress script.  make test
# checks that sql/readme.sql equals this output, so every README example runs
# and its output is compared with expected/readme.out.
#   scripts/readme_sql.sh > sql/readme.sql    # after editing README.md
set -euo pipefail
cd "$(dirname "$0")/.."
echo "-- Generated from README.md by scripts/readme_sql.sh: do not edit by hand."
echo "SET timezone = 'UTC';"
echo "SET datestyle = 'ISO, YMD';"
awk '/^```sql$/ { inside = 1; print ""; next } /^```/ { inside = 0; next } inside { print }' README.md
