/*
 * pg_shim.h
 *		The few PostgreSQL backend services nps_ext's I/O code needs, for
 *		running that code outside a server (fuzz/fuzz_inputs.c).
 *
 * Why: the parsers are to be fuzzed as compiled for the server, unchanged,
 * but a fuzzer cannot start a backend per input.  pg_shim.c implements just
 * the backend symbols the I/O object files import (palloc family, ereport
 * entry points, pq_* message readers and writers, pg_detoast_datum) with the
 * server's semantics; the rest (StringInfo, psprintf, shortest float8
 * output) comes from PostgreSQL's own libpgcommon.a and libpgport.a.
 *
 * An ERROR longjmps to shim_error_jump with the report kept in shim_error;
 * without a handler, or for FATAL and above, the shim prints the report and
 * aborts, which the fuzzer counts as a crash.
 */
#ifndef NPS_FUZZ_PG_SHIM_H
#define NPS_FUZZ_PG_SHIM_H

#include <setjmp.h>

#define SHIM_TEXT_MAX	2048

typedef struct ShimError
{
	int			elevel;			/* ERROR, ... */
	int			sqlerrcode;		/* as set by errcode(); 0 if never set */
	char		message[SHIM_TEXT_MAX];
	char		detail[SHIM_TEXT_MAX];
	char		hint[SHIM_TEXT_MAX];
	const char *filename;		/* where ereport() was called */
	int			lineno;
	const char *funcname;
} ShimError;

/* Where ERROR goes; NULL means "not expected here": report and abort. */
extern sigjmp_buf *shim_error_jump;

/* The last error raised. */
extern ShimError shim_error;

/* Frees everything palloc'd since the last call (one input's memory). */
extern void shim_reset_memory(void);

/* Prints shim_error to stderr, prefixed by a line saying why. */
extern void shim_print_error(const char *why);

/* "22P02" for ERRCODE_INVALID_TEXT_REPRESENTATION, into buf[6]. */
extern const char *shim_sqlstate(int sqlerrcode, char *buf);

#endif							/* NPS_FUZZ_PG_SHIM_H */
