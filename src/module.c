/*
 * module.c
 *		The one place that marks nps_ext.so as a PostgreSQL module.
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
