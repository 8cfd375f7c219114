/*
 * pg_shim.c
 *		Backend symbols for running nps_ext's I/O code outside a server.
 *
 * Why: the fuzz harness links the extension's own object code (text input
 * and output, binary receive and send, validation), compiled against the
 * server headers exactly as for the server.  That code imports a handful of
 * backend functions; this file implements exactly those, with the server's
 * semantics where the fuzzer can observe them:
 *
 *	- palloc and friends allocate with malloc (so that AddressSanitizer sees
 *	  every chunk) and are all freed after each input, like a per-call memory
 *	  context; an invalid size or an unknown pointer is an error or a crash,
 *	  as in the server.
 *	- ereport(ERROR) records the SQLSTATE and messages and longjmps to the
 *	  harness (PG_TRY's job in a server); FATAL and above abort.
 *	- pq_getmsg* raise 08P01 on a short message, like pqformat.c; the send
 *	  helpers write the same big-endian layout.
 *
 * StringInfo, psprintf and the shortest-decimal float8 output are not
 * reimplemented: they come from PostgreSQL's libpgcommon.a and libpgport.a,
 * so output text is byte for byte what the server writes.
 */
#include "postgres.h"

#include "pg_shim.h"
#include "pg_compat.h"

#include <stdio.h>
#include <stdlib.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "port/pg_bswap.h"
#include "access/xact.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"

sigjmp_buf *shim_error_jump = NULL;
ShimError	shim_error;

/* ----------------------------------------------------------------
 *	Memory: one "context" per fuzz input
 * ----------------------------------------------------------------
 */

static void **chunks = NULL;
static size_t nchunks = 0;
static size_t maxchunks = 0;

static void
remember_chunk(void *p)
{
	if (nchunks == maxchunks)
	{
		size_t		newmax = maxchunks ? maxchunks * 2 : 256;
		void	  **grown = realloc(chunks, newmax * sizeof(void *));

		if (grown == NULL)
		{
			fprintf(stderr, "pg_shim: out of memory\n");
			abort();
		}
		chunks = grown;
		maxchunks = newmax;
	}
	chunks[nchunks++] = p;
}

/* Index of a chunk we handed out; aborts on a pointer we never did. */
static size_t
find_chunk(void *p, const char *caller)
{
	for (size_t i = nchunks; i > 0; i--)
	{
		if (chunks[i - 1] == p)
			return i - 1;
	}
	fprintf(stderr, "pg_shim: %s() of a pointer palloc did not return (%p)\n",
			caller, p);
	abort();
}

static void *
shim_alloc(Size size, bool zero)
{
	void	   *p;

	/* mcxt.c: elog(ERROR, "invalid memory alloc request size %zu") */
	if (!AllocSizeIsValid(size))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	p = zero ? calloc(1, size ? size : 1) : malloc(size ? size : 1);
	if (p == NULL)
	{
		fprintf(stderr, "pg_shim: out of memory\n");
		abort();
	}
	remember_chunk(p);
	return p;
}

void *
palloc(Size size)
{
	return shim_alloc(size, false);
}

void *
palloc0(Size size)
{
	return shim_alloc(size, true);
}

void *
repalloc(void *pointer, Size size)
{
	size_t		i = find_chunk(pointer, "repalloc");
	void	   *p;

	if (!AllocSizeIsValid(size))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	p = realloc(pointer, size ? size : 1);
	if (p == NULL)
	{
		fprintf(stderr, "pg_shim: out of memory\n");
		abort();
	}
	chunks[i] = p;
	return p;
}

void
pfree(void *pointer)
{
	size_t		i = find_chunk(pointer, "pfree");

	free(pointer);
	chunks[i] = chunks[--nchunks];
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = palloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

char *
pstrdup(const char *in)
{
	return pnstrdup(in, strlen(in));
}

void
shim_reset_memory(void)
{
	for (size_t i = 0; i < nchunks; i++)
		free(chunks[i]);
	nchunks = 0;
}

/* ----------------------------------------------------------------
 *	Error reporting
 * ----------------------------------------------------------------
 */

const char *
shim_sqlstate(int sqlerrcode, char *buf)
{
	for (int i = 0; i < 5; i++)
	{
		buf[i] = PGUNSIXBIT(sqlerrcode);
		sqlerrcode >>= 6;
	}
	buf[5] = '\0';
	return buf;
}

void
shim_print_error(const char *why)
{
	char		state[6];

	fprintf(stderr, "%s\n", why);
	fprintf(stderr, "  elevel %d, SQLSTATE %s, at %s:%d (%s)\n",
			shim_error.elevel, shim_sqlstate(shim_error.sqlerrcode, state),
			shim_error.filename ? shim_error.filename : "?", shim_error.lineno,
			shim_error.funcname ? shim_error.funcname : "?");
	fprintf(stderr, "  ERROR:  %s\n", shim_error.message);
	if (shim_error.detail[0])
		fprintf(stderr, "  DETAIL:  %s\n", shim_error.detail);
	if (shim_error.hint[0])
		fprintf(stderr, "  HINT:  %s\n", shim_error.hint);
}

bool
errstart(int elevel, const char *domain)
{
	/* Nothing below ERROR is ever shown to the fuzzer. */
	if (elevel < ERROR)
		return false;
	memset(&shim_error, 0, sizeof(shim_error));
	shim_error.elevel = elevel;
	/* elog.c's default for an ERROR without errcode() */
	shim_error.sqlerrcode = ERRCODE_INTERNAL_ERROR;
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	shim_error.filename = filename;
	shim_error.lineno = lineno;
	shim_error.funcname = funcname;
	if (shim_error.elevel == ERROR && shim_error_jump != NULL)
		siglongjmp(*shim_error_jump, 1);
	shim_print_error(shim_error.elevel == ERROR
					 ? "pg_shim: ERROR where none was expected"
					 : "pg_shim: FATAL or PANIC");
	abort();
}

int
errcode(int sqlerrcode)
{
	shim_error.sqlerrcode = sqlerrcode;
	return 0;
}

#define SHIM_FORMAT(field, fmt) \
	do { \
		va_list		args; \
		va_start(args, fmt); \
		vsnprintf(shim_error.field, SHIM_TEXT_MAX, fmt, args); \
		va_end(args); \
	} while (0)

int
errmsg(const char *fmt,...)
{
	SHIM_FORMAT(message, fmt);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	SHIM_FORMAT(message, fmt);
	return 0;
}

int
errdetail(const char *fmt,...)
{
	SHIM_FORMAT(detail, fmt);
	return 0;
}

int
errhint(const char *fmt,...)
{
	SHIM_FORMAT(hint, fmt);
	return 0;
}

/* ----------------------------------------------------------------
 *	fmgr
 * ----------------------------------------------------------------
 */

/*
 * The harness only passes values made by the types' own input and receive
 * functions, which must have plain 4-byte headers (STORAGE = plain): any
 * other header is a bug in the code under test.
 */
struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	if (!VARATT_IS_4B_U(datum))
	{
		fprintf(stderr, "pg_shim: a state value does not have a plain 4-byte varlena header\n");
		abort();
	}
	return datum;
}

/* ----------------------------------------------------------------
 *	pqformat.c
 * ----------------------------------------------------------------
 */

void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	/* Reserve four bytes for the bytea length word */
	appendStringInfoCharMacro(buf, '\0');
	appendStringInfoCharMacro(buf, '\0');
	appendStringInfoCharMacro(buf, '\0');
	appendStringInfoCharMacro(buf, '\0');
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	Assert(buf->len >= VARHDRSZ);
	SET_VARSIZE(result, buf->len);
	return result;
}

void
pq_sendfloat8(StringInfo buf, float8 f)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.f = f;
	pq_sendint64(buf, swap.i);
}

int
pq_getmsgbyte(StringInfo msg)
{
	if (msg->cursor >= msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("no data left in message")));
	return (unsigned char) msg->data[msg->cursor++];
}

/* The buffer became void * in PostgreSQL 18 (pqformat.h). */
#if PG_VERSION_NUM >= 180000
void
pq_copymsgbytes(StringInfo msg, void *buf, int datalen)
#else
void
pq_copymsgbytes(StringInfo msg, char *buf, int datalen)
#endif
{
	if (datalen < 0 || datalen > (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("insufficient data left in message")));
	memcpy(buf, &msg->data[msg->cursor], datalen);
	msg->cursor += datalen;
}

int64
pq_getmsgint64(StringInfo msg)
{
	uint64		n64;

	pq_copymsgbytes(msg, (char *) &n64, sizeof(n64));
	return pg_ntoh64(n64);
}

float8
pq_getmsgfloat8(StringInfo msg)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.i = pq_getmsgint64(msg);
	return swap.f;
}

/* Only 4-byte integers are read (churn_model's iteration count). */
unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	uint32		n32;

	if (b != 4)
	{
		fprintf(stderr, "pg_shim: pq_getmsgint of %d bytes is not shimmed\n", b);
		abort();
	}
	pq_copymsgbytes(msg, (char *) &n32, sizeof(n32));
	return pg_ntoh32(n32);
}

/* ----------------------------------------------------------------
 *	Linked but never called by the input and output functions
 *	(churn_features.c's SQL function and the features' as_of); reaching
 *	one is a bug in the harness.
 * ----------------------------------------------------------------
 */
pg_noreturn static void
not_shimmed(const char *name)
{
	fprintf(stderr, "pg_shim: %s is not shimmed\n", name);
	abort();
}

TimestampTz
GetCurrentTransactionStartTimestamp(void)
{
	not_shimmed("GetCurrentTransactionStartTimestamp");
}

Datum
jsonb_in(PG_FUNCTION_ARGS)
{
	not_shimmed("jsonb_in");
}

Datum
DirectFunctionCall1Coll(PGFunction func, Oid collation, Datum arg1)
{
	not_shimmed("DirectFunctionCall1Coll");
}
