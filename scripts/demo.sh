#!/usr/bin/env bash
# make demo: install what is missing, build and install nps_ext, start a
# throwaway cluster (or use the server the PG* variables point at), load a
# deterministic sample survey data set into a fresh database nps_ext_demo and
# print a report made with the extension's aggregates.  The cluster is
# stopped on exit; the report is identical on every run.
#
#   NPS_DEMO_DB   database to (re)create, default nps_ext_demo
#   NPS_DEMO_ASCII=1  draw the NPS bar chart with # and | instead of the
#                     Unicode block and line, for a terminal without UTF-8
source "$(dirname "$0")/common.sh"

demo_db=${NPS_DEMO_DB:-nps_ext_demo}
if [ -n "${NPS_DEMO_ASCII:-}" ]; then bar='#' axis='|'; else bar='█' axis='│'; fi

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

log "report"
PGCLIENTENCODING=UTF8 run_psql -d "$demo_db" -v bar="$bar" -v axis="$axis" -f "$NPS_TOP/demo/report.sql"

log "demo finished in ${SECONDS}s (database $demo_db)"
