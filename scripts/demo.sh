#!/usr/bin/env bash
# make demo: install what is missing, build and install nps_ext, start a
# throwaway cluster (or use the server the PG* variables point at), load a
# deterministic sample survey data set into a fresh database nps_ext_demo and
# print a report made with the extension's aggregates, and create the BI
# views of demo/bi_views.sql (bi_daily, bi_monthly).  The cluster is stopped
# on exit; the report is identical on every run.
#
#   NPS_DEMO_DB   database to (re)create, default nps_ext_demo
#   NPS_DEMO_ASCII=1  draw the NPS bar chart with # and | instead of the
#                     Unicode block and line, for a terminal without UTF-8
#   NPS_DEMO_TCP=1    leave the private cluster running and listening on
#                     127.0.0.1 (port NPS_PORT) as well as on its socket, for a
#                     BI tool: over TCP only the read-only role nps_ext_bi may
#                     connect, to the demo database, with a password
#                     (scram-sha-256); the password is NPS_DEMO_BI_PASSWORD or
#                     a random one printed once at the end, with a psql command,
#                     a JDBC URL, the Metabase fields and how to stop the cluster
source "$(dirname "$0")/common.sh"

demo_db=${NPS_DEMO_DB:-nps_ext_demo}
if [ -n "${NPS_DEMO_ASCII:-}" ]; then bar='#' axis='|'; else bar='█' axis='│'; fi

bi_role=nps_ext_bi
if [ -n "${NPS_DEMO_TCP:-}" ]; then
  if [ -n "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ] && [ -z "${NPS_FORCE_PRIVATE:-}" ]; then
    log "NPS_DEMO_TCP=1 opens the private cluster to TCP; with PGHOST/PGPORT/PGDATABASE set, that"
    log "server's own listen_addresses and pg_hba.conf decide (unset them, or set NPS_FORCE_PRIVATE=1)"
    exit 2
  fi
  case $demo_db in *'"'*)
    log "NPS_DEMO_TCP=1: the database name must not contain a double quote"; exit 2 ;;
  esac
  export NPS_KEEP_CLUSTER=1 NPS_LISTEN_ADDRESSES=127.0.0.1
  export NPS_HBA_HOST_LINES="host \"$demo_db\" $bi_role 127.0.0.1/32 scram-sha-256"
  bi_password=${NPS_DEMO_BI_PASSWORD:-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
fi

ensure_deps
build_install
start_cluster

log "creating database $demo_db"
run_psql -d postgres -v db="$demo_db" <<'SQL'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"db";
CREATE DATABASE :"db" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
ALTER DATABASE :"db" SET TimeZone = 'UTC';
SQL
run_psql -d "$demo_db" -c "CREATE EXTENSION nps_ext"

log "loading demo/sample_data.sql"
run_psql -d "$demo_db" -f "$NPS_TOP/demo/sample_data.sql"

log "creating the BI views (demo/bi_views.sql)"
run_psql -d "$demo_db" -f "$NPS_TOP/demo/bi_views.sql"

log "report"
PGCLIENTENCODING=UTF8 run_psql -d "$demo_db" -v bar="$bar" -v axis="$axis" -f "$NPS_TOP/demo/report.sql"

if [ -n "${NPS_DEMO_TCP:-}" ]; then
  # The role is the cluster's; its privileges are the demo database's.  The
  # password goes to psql on its standard input, not on the command line.
  log "the read-only role $bi_role for BI tools"
  bi_password_sql=${bi_password//"'"/"''"}
  run_psql -d "$demo_db" -v role="$bi_role" -v db="$demo_db" <<SQL
SET client_min_messages = warning;
SELECT NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = :'role') AS create_role \gset
\if :create_role
CREATE ROLE :"role";
\endif
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 20
    PASSWORD '$bi_password_sql';
ALTER ROLE :"role" SET default_transaction_read_only = on;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"role";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"role";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"role";
SQL
  # a password of the caller's own is not echoed: the commands name the variable
  # shellcheck disable=SC2016  # the variable's name, for the user's shell to expand
  if [ -n "${NPS_DEMO_BI_PASSWORD:-}" ]; then shown='$NPS_DEMO_BI_PASSWORD'; else shown=$bi_password; fi
  log "the cluster stays running for BI tools, on 127.0.0.1 port $NPS_PORT (TCP) and its socket"
  log "  user $bi_role (read-only), password $shown, database $demo_db;"
  log "  views bi_daily and bi_monthly (never average nps: 100 * (SUM(promoters) - SUM(detractors)) / SUM(nps_responses))"
  log "  psql:     PGPASSWORD=\"$shown\" psql -h 127.0.0.1 -p $NPS_PORT -U $bi_role -d $demo_db"
  log "  JDBC:     jdbc:postgresql://127.0.0.1:$NPS_PORT/$demo_db?user=$bi_role&password=$shown"
  log "  Metabase: Add a database > PostgreSQL, host 127.0.0.1 (not localhost, which may be ::1), port $NPS_PORT,"
  log "            database name $demo_db, username $bi_role, password $shown"
fi

log "demo finished in ${SECONDS}s (database $demo_db)"
