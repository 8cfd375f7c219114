/*
 * pg_compat.h
 *		What differs between the PostgreSQL majors nps_ext is built for.
 *
 * One place for the version tests of the headers, so that the rest of the
 * code is written against one API (the one other: accessors.c carries
 * InitMaterializedSRF for PostgreSQL 14, where it alone uses it).  The
 * matrix (scripts/matrix.sh) builds and tests PostgreSQL 15, 17 and 18; 14
 * and 16 are built by the workflow in .github/workflows/.  Include after
 * postgres.h.
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
 * specifier pg_noreturn.  Before 18 the attribute (GCC, Clang and MSVC
 * spellings alike) is valid in prefix position too, so the code always
 * writes "pg_noreturn extern void f(...)" or "pg_noreturn static void ...".
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif							/* NPS_EXT_PG_COMPAT_H */
