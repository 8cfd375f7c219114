/*
 * module.c
 *		The one place that marks nps_ext.so as a PostgreSQL module.
 */
#include "postgres.h"
#include "fmgr.h"

/*
 * PostgreSQL 18 records a module's name and version, shown by
 * pg_get_loaded_modules(); the Makefile passes NPS_EXT_VERSION from the
 * control file's default_version, so it cannot drift from the SQL version.
 */
#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "nps_ext",.version = NPS_EXT_VERSION);
#else
PG_MODULE_MAGIC;
#endif
