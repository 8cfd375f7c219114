/*
 * pg_compat.h
 *		What differs between the PostgreSQL majors nps_ext is built for.
 *
 * The version tests of the headers the extension's code shares, so that the
 * rest is written against one API.  Three more live where they alone are
 * used: module.c (PG_MODULE_MAGIC_EXT, 18), accessors.c
 * (InitMaterializedSRF, which 15.0 and 14 lack) and fuzz/pg_shim.c
 * (pq_copymsgbytes, 18).  The matrix (scripts/matrix.sh) builds and tests
 * PostgreSQL 15, 17 and 18; 14 and 16 only the workflow in
 * .github/workflows/, which does not run here.  Include after postgres.h.
 */
#ifndef NPS_EXT_PG_COMPAT_H
#define NPS_EXT_PG_COMPAT_H

#if PG_VERSION_NUM < 140000
#error "nps_ext needs PostgreSQL 14 or later"
#endif

/*
 * Since PostgreSQL 16 the varlena macros (VARSIZE, SET_VARSIZE, ...) live in
 * varatt.h, which postgres.h no longer includes.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * PostgreSQL 18 replaced the postfix pg_attribute_noreturn() with the prefix
 * specifier pg_noreturn.  Before 18 the attribute is GCC's and Clang's
 * __attribute__((noreturn)), valid in prefix position too (and empty for
 * other compilers), so the code always writes "pg_noreturn extern void
 * f(...)" or "pg_noreturn static void ...".
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif							/* NPS_EXT_PG_COMPAT_H */
