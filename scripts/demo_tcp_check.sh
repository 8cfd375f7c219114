#!/usr/bin/env bash
# The demo reachable by a BI tool (README, NPS_DEMO_TCP=1): runs
# scripts/demo.sh with the option on a cluster of its own, connects over TCP
# to 127.0.0.1 the way a BI tool does (password, the read-only role), checks
# what may and may not connect and write, and stops the cluster again.
# Prints one "ok - ..." or "not ok - ..." line per check; run by
# scripts/test.sh.
#
#   NPS_DEMO_TCP_PORT   port of the demo's cluster (default NPS_PORT + 1000;
#                       not NPS_PORT itself, which is the calling suite's
#                       cluster; it must be free on 127.0.0.1)
top=$(cd "$(dirname "$0")/.." && pwd)
tcp_port=${NPS_DEMO_TCP_PORT:-$(( ${NPS_PORT:-54329} + 1000 ))}
# common.sh (for PG_BIN, cluster_base, stop_cluster) on the demo's port; the
# caller's PG* variables point at the suite's server, not at the demo's.
unset PGHOST PGPORT PGDATABASE PGUSER
NPS_PORT=$tcp_port
source "$top/scripts/common.sh"
set +e

NPS_CLUSTER_DIR=$(cluster_base)
export NPS_CLUSTER_DIR
trap stop_cluster EXIT

password="bi-check-$$-$RANDOM"
db=nps_ext_demo
out=$(mktemp)
check() {  # check DESCRIPTION STATUS
  if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
tcp() {  # tcp USER PASSWORD SQL: psql over TCP to the demo database, one value
  PGPASSWORD=$2 PGCONNECT_TIMEOUT=5 PGPASSFILE=/dev/null \
    "$PG_BIN/psql" -X -w -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$tcp_port" -U "$1" -d "$db" -c "$3" 2>&1
}

NPS_DEMO_TCP=1 NPS_DEMO_BI_PASSWORD=$password NPS_DEMO_ASCII=1 NPS_DEMO_DB=$db \
  bash "$top/scripts/demo.sh" >"$out" 2>&1
status=$?
check "scripts/demo.sh with NPS_DEMO_TCP=1 succeeds and leaves its cluster running (port $tcp_port)" $status
[ $status -eq 0 ] || tail -n 30 "$out"
grep -qF "jdbc:postgresql://127.0.0.1:$tcp_port/$db?user=nps_ext_bi" "$out"
check "it prints the JDBC URL for BI tools" $?
grep -qF "pg_ctl -D" "$out"
check "it prints how to stop the cluster" $?
if grep -qF "$password" "$out"; then echoed=1; else echoed=0; fi
check "it does not echo a password the caller chose" $echoed

result=$(tcp nps_ext_bi "$password" \
  "SELECT round(100 * (sum(promoters) - sum(detractors)) / sum(nps_responses), 2) FROM bi_monthly")
[ "$result" = 27.52 ]
check "over TCP on 127.0.0.1 as nps_ext_bi with the password: the roll-up of bi_monthly is 27.52 ($result)" $?

result=$(tcp nps_ext_bi "$password" \
  "SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute
   WHERE attrelid = 'bi_monthly'::regclass AND attname IN ('nps', 'ces')")
[ "$result" = "numeric(5,1),numeric(4,2)" ]
check "over TCP the catalog gives a driver bi_monthly's precision and scale ($result)" $?

result=$(tcp nps_ext_bi "$password" "SHOW listen_addresses")
[ "$result" = 127.0.0.1 ]
check "the cluster listens on 127.0.0.1 only ($result)" $?

result=$(tcp nps_ext_bi "$password" "CREATE TABLE bi_scratch (i int)")
grep -q 'read-only transaction' <<<"$result"
check "nps_ext_bi cannot write (read-only transactions)" $?

result=$(PGOPTIONS='-c default_transaction_read_only=off' tcp nps_ext_bi "$password" "DELETE FROM responses")
grep -q 'permission denied' <<<"$result"
check "nps_ext_bi cannot write with read-only turned off either (SELECT privileges only)" $?

result=$(tcp nps_ext_bi "wrong-$password" "SELECT 1")
grep -q 'password authentication failed' <<<"$result"
check "a wrong password is refused" $?

result=$(tcp postgres "" "SELECT 1")
grep -q 'pg_hba.conf rejects connection' <<<"$result"
check "the superuser cannot connect over TCP (only the socket trusts it)" $?

result=$(PGPASSWORD=$password PGCONNECT_TIMEOUT=5 PGPASSFILE=/dev/null "$PG_BIN/psql" -X -w -At \
  -h 127.0.0.1 -p "$tcp_port" -U nps_ext_bi -d postgres -c "SELECT 1" 2>&1)
grep -q 'pg_hba.conf rejects connection' <<<"$result"
check "nps_ext_bi can reach the demo database only" $?

stop_cluster 2>/dev/null
result=$(tcp nps_ext_bi "$password" "SELECT 1")
grep -qiE 'could not connect|Connection refused' <<<"$result"
check "after pg_ctl stop nothing listens on 127.0.0.1:$tcp_port" $?
rm -f "$out"
