#!/usr/bin/env bash
# A static check of the extension scripts (sql/install/*.sql) against the
# CVE-2018-1058 class: every reference to an object must be qualified, the
# extension's own with @extschema@ and PostgreSQL's with pg_catalog, so that
# nothing a user planted in a schema on the search_path can be picked up.
# (The security test installs the extension next to planted look-alikes;
# this check also catches an unqualified name that happens to resolve to the
# right object today.)  Prints "ok - ..." / "not ok - ..." per script and
# the offending lines; exits non-zero on any finding.
#   scripts/check_install_sql.sh [script...]    (default: sql/install/*.sql)
set -euo pipefail
cd "$(dirname "$0")/.."

# Built-in types and functions the scripts refer to.
builtins='int2|int4|int8|numeric|float4|float8|text|bool|boolean|cstring|internal|bytea|timestamp|timestamptz|date|eqsel|neqsel|eqjoinsel|neqjoinsel|record|void'

# The script without comments and string literals (INITCOND values, COMMENT
# texts, DEFAULT strings), one statement fragment per line as written.
code_of() {
  awk '
    /^\\echo/ { print ""; next }
    {
      out = ""; line = $0; i = 1; n = length(line)
      while (i <= n) {
        c = substr(line, i, 1)
        if (in_string) {
          if (c == "'"'"'") {
            if (substr(line, i + 1, 1) == "'"'"'") { i += 2; continue }
            in_string = 0; out = out "'"''"'"
          }
          i++; continue
        }
        if (c == "-" && substr(line, i + 1, 1) == "-") break
        if (c == "'"'"'") { in_string = 1; i++; continue }
        out = out c; i++
      }
      print out
    }' "$1"
}

failures=0
# Object names created by any script: CREATE FUNCTION/AGGREGATE/TYPE/OPERATOR CLASS @extschema@.name
scripts=("$@")
[ ${#scripts[@]} -gt 0 ] || scripts=(sql/install/*.sql)
own_names=$(cat "${scripts[@]}" |
  grep -oE 'CREATE (FUNCTION|AGGREGATE|TYPE|OPERATOR CLASS) @extschema@\.[a-z_0-9]+' |
  sed 's/.*@extschema@\.//' | sort -u | paste -sd'|' -)

for script in "${scripts[@]}"; do
  code=$(code_of "$script")
  problems=""

  # 1. A built-in name not preceded by "pg_catalog.".
  bad=$(printf '%s\n' "$code" | grep -nE "(^|[^._[:alnum:]@])($builtins)([^_[:alnum:]]|$)" || true)
  [ -z "$bad" ] || problems+=$'built-in names without pg_catalog.:\n'"$bad"$'\n'

  # 2. One of the extension's own names not preceded by "@extschema@.",
  #    except a declaration ("name <qualified type>": a parameter or column).
  bad=$(printf '%s\n' "$code" |
    grep -nE "(^|[^._[:alnum:]@])($own_names)([^_[:alnum:]]|$)" |
    grep -vE "(^|[^._[:alnum:]@])($own_names)[[:space:]]+(pg_catalog|@extschema@)\." || true)
  [ -z "$bad" ] || problems+=$'own names without @extschema@.:\n'"$bad"$'\n'

  # 3. An operator named without its schema.
  bad=$(printf '%s\n' "$code" |
    grep -nE 'OPERATOR([[:space:]]*\(|[[:space:]]+[0-9]+)?[[:space:]]*[-=<>!~+*/%^&|#@]' |
    grep -vE 'OPERATOR([[:space:]]*\(|[[:space:]]+[0-9]+)?[[:space:]]*@extschema@\.' || true)
  [ -z "$bad" ] || problems+=$'operators without @extschema@.:\n'"$bad"$'\n'

  if [ -z "$problems" ]; then
    echo "ok - $script: every reference is qualified"
  else
    echo "not ok - $script: unqualified references"
    printf '%s' "$problems" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
done
exit $((failures > 0))
