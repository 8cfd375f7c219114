/*
 * fuzz_inputs.c
 *		libFuzzer harness for the text input and binary receive functions of
 *		nps_summary, csat_summary, ces_summary, churn_state and churn_model.
 *
 * Why: these functions read untrusted bytes (COPY, bind parameters, Citus
 * shipping partial states as text), and docs/safety.md promises that every
 * input is either rejected with a clear error or accepted and round-trips
 * exactly.  This checks that promise on whatever the fuzzer makes up.
 *
 * One binary per type (compile with -DNPS_FUZZ_TYPE=nps_summary, ...).  Each
 * input is tried both ways:
 *
 *	- as text: the bytes up to the first NUL, given to <type>_in as the
 *	  server's InputFunctionCall() would;
 *	- as binary: all the bytes, in a StringInfo given to <type>_recv as
 *	  ReceiveFunctionCall() would, then the caller's check that the whole
 *	  message was consumed (else 22P03, as COPY BINARY and bind say).
 *
 * A rejection must carry an allowed SQLSTATE and a message: 22P02, 22023 or
 * 22003 for text; 22P03, 08P01, 22023 or 22003 for binary.  An accepted value
 * must pass the type's own consistency check, and
 *
 *	in(out(v)) == v and out(in(out(v))) == out(v)		(text round trip)
 *	recv(send(v)) == v and send(recv(send(v))) == send(v)	(binary round trip)
 *
 * byte for byte; a binary input that was accepted must also come back from
 * send() unchanged, except that a float8 -0 is written back as 0.  Any other
 * outcome prints what happened and aborts, which libFuzzer saves as a crash.
 * The input functions must not write to their argument either.
 *
 * NPS_FUZZ_VERBOSE=1 in the environment prints each input's outcome (handy
 * with the corpus files as arguments, which runs each once).
 *
 * An accepted weighted summary must also be one an aggregate could have
 * built: a finite total weight, and Kish's effective size (sum w)^2 / sum w^2
 * at most the number of responses (checked here independently, in plain
 * doubles, of the input functions' own validation, which this found missing).
 */
#include "postgres.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "pg_shim.h"

#include "churn_model.h"
#include "churn_state.h"
#include "summary.h"

#ifndef NPS_FUZZ_TYPE
#error "compile with -DNPS_FUZZ_TYPE=nps_summary (or csat_summary, ces_summary, churn_state, churn_model)"
#endif

/* the functions under test (PG_FUNCTION_INFO_V1 in src/) */
extern Datum nps_summary_in(PG_FUNCTION_ARGS);
extern Datum csat_summary_in(PG_FUNCTION_ARGS);
extern Datum ces_summary_in(PG_FUNCTION_ARGS);
extern Datum score_summary_out(PG_FUNCTION_ARGS);
extern Datum nps_summary_recv(PG_FUNCTION_ARGS);
extern Datum csat_summary_recv(PG_FUNCTION_ARGS);
extern Datum ces_summary_recv(PG_FUNCTION_ARGS);
extern Datum score_summary_send(PG_FUNCTION_ARGS);
extern Datum churn_state_in(PG_FUNCTION_ARGS);
extern Datum churn_state_out(PG_FUNCTION_ARGS);
extern Datum churn_state_recv(PG_FUNCTION_ARGS);
extern Datum churn_state_send(PG_FUNCTION_ARGS);
extern Datum churn_model_in(PG_FUNCTION_ARGS);
extern Datum churn_model_out(PG_FUNCTION_ARGS);
extern Datum churn_model_recv(PG_FUNCTION_ARGS);
extern Datum churn_model_send(PG_FUNCTION_ARGS);

extern int	LLVMFuzzerInitialize(int *argc, char ***argv);
extern int	LLVMFuzzerTestOneInput(const uint8 *data, size_t size);

typedef struct FuzzType
{
	const char *name;
	PGFunction	in;
	PGFunction	out;
	PGFunction	recv;
	PGFunction	send;
	const char *(*problem) (const void *value);
	bool		has_float8;		/* binary form may carry float8 -0 */
} FuzzType;

static const char *
summary_value_problem(const void *value)
{
	return summary_problem((const ScoreSummary *) value);
}

static const char *
churn_value_problem(const void *value)
{
	return churn_state_problem((const ChurnState *) value);
}

static const char *
model_value_problem(const void *value)
{
	return churn_model_problem((const ChurnModel *) value);
}

static const FuzzType fuzz_types[] = {
	{"nps_summary", nps_summary_in, score_summary_out, nps_summary_recv,
	score_summary_send, summary_value_problem, true},
	{"csat_summary", csat_summary_in, score_summary_out, csat_summary_recv,
	score_summary_send, summary_value_problem, true},
	{"ces_summary", ces_summary_in, score_summary_out, ces_summary_recv,
	score_summary_send, summary_value_problem, true},
	{"churn_state", churn_state_in, churn_state_out, churn_state_recv,
	churn_state_send, churn_value_problem, false},
	{"churn_model", churn_model_in, churn_model_out, churn_model_recv,
	churn_model_send, model_value_problem, false},
};

static const FuzzType *type;
static bool verbose;

/* the input being tested, for failure reports */
static const uint8 *cur_data;
static size_t cur_size;

#define ERRCODE_LIST_END	0

static const int text_errcodes[] = {
	ERRCODE_INVALID_TEXT_REPRESENTATION,	/* 22P02 */
	ERRCODE_INVALID_PARAMETER_VALUE,	/* 22023 */
	ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, /* 22003 */
	ERRCODE_LIST_END
};

static const int binary_errcodes[] = {
	ERRCODE_INVALID_BINARY_REPRESENTATION,	/* 22P03 */
	ERRCODE_PROTOCOL_VIOLATION, /* 08P01 */
	ERRCODE_INVALID_PARAMETER_VALUE,	/* 22023 */
	ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, /* 22003 */
	ERRCODE_LIST_END
};

static bool
env_flag(const char *name)
{
	const char *value = getenv(name);

	return value != NULL && value[0] != '\0' && strcmp(value, "0") != 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *wanted = CppAsString2(NPS_FUZZ_TYPE);

	for (size_t i = 0; i < lengthof(fuzz_types); i++)
	{
		if (strcmp(fuzz_types[i].name, wanted) == 0)
			type = &fuzz_types[i];
	}
	if (type == NULL)
	{
		fprintf(stderr, "fuzz_inputs: unknown NPS_FUZZ_TYPE %s\n", wanted);
		exit(2);
	}
	verbose = env_flag("NPS_FUZZ_VERBOSE");
	return 0;
}

static void
print_bytes(const char *label, const void *bytes, size_t len)
{
	const uint8 *p = bytes;

	fprintf(stderr, "  %s (%zu bytes): ", label, len);
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, "%02x", p[i]);
	fprintf(stderr, "\n");
}

/* Report a broken promise and crash, so that libFuzzer keeps the input. */
pg_noreturn static void
fail(const char *path, const char *what, const char *text)
{
	fprintf(stderr, "\nnps_ext fuzz: %s %s: %s\n", type->name, path, what);
	if (text != NULL)
		fprintf(stderr, "  text: %s\n", text);
	print_bytes("input", cur_data, cur_size);
	abort();
}

/*
 * Calls an input or receive function as InputFunctionCall() and
 * ReceiveFunctionCall() do; true and *result if it returned, false with
 * shim_error filled in if it raised an ERROR.  A NULL result is a bug.
 */
static bool
call_catching(PGFunction fn, Datum arg0, Datum *result)
{
	LOCAL_FCINFO(fcinfo, 3);
	sigjmp_buf	jump;

	InitFunctionCallInfoData(*fcinfo, NULL, 3, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = arg0;
	fcinfo->args[0].isnull = false;
	/* typioparam and typmod */
	fcinfo->args[1].value = ObjectIdGetDatum(InvalidOid);
	fcinfo->args[1].isnull = false;
	fcinfo->args[2].value = Int32GetDatum(-1);
	fcinfo->args[2].isnull = false;

	if (sigsetjmp(jump, 0) != 0)
	{
		shim_error_jump = NULL;
		return false;
	}
	shim_error_jump = &jump;
	*result = fn(fcinfo);
	shim_error_jump = NULL;
	if (fcinfo->isnull)
	{
		fprintf(stderr, "\nnps_ext fuzz: %s: a function returned NULL\n", type->name);
		abort();
	}
	return true;
}

/* Output and send must not fail on an accepted value: no handler is set. */
static char *
call_out(Datum value)
{
	LOCAL_FCINFO(fcinfo, 1);

	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = value;
	fcinfo->args[0].isnull = false;
	return DatumGetCString(type->out(fcinfo));
}

static bytea *
call_send(Datum value)
{
	LOCAL_FCINFO(fcinfo, 1);

	InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = value;
	fcinfo->args[0].isnull = false;
	return (bytea *) DatumGetPointer(type->send(fcinfo));
}

/* A server-style message buffer over a copy of bytes, NUL-terminated. */
static void
init_message(StringInfo buf, const void *bytes, size_t len)
{
	buf->data = palloc(len + 1);
	memcpy(buf->data, bytes, len);
	buf->data[len] = '\0';
	buf->len = (int) len;
	buf->maxlen = (int) len + 1;
	buf->cursor = 0;
}

static bool
same_value(Datum a, Datum b)
{
	const struct varlena *va = (const struct varlena *) DatumGetPointer(a);
	const struct varlena *vb = (const struct varlena *) DatumGetPointer(b);

	return VARSIZE_ANY(va) == VARSIZE_ANY(vb) &&
		memcmp(va, vb, VARSIZE_ANY(va)) == 0;
}

/* text in, via the server's path */
static bool
text_in(const char *text, Datum *value)
{
	return call_catching(type->in, CStringGetDatum(text), value);
}

/* binary in, with the caller's "did it consume the message" check */
static bool
binary_in(StringInfo buf, Datum *value, bool *leftover)
{
	*leftover = false;
	if (!call_catching(type->recv, PointerGetDatum(buf), value))
		return false;
	if (buf->cursor != buf->len)
	{
		*leftover = true;
		return false;
	}
	return true;
}

/*
 * send() of an accepted binary input gives the input back, except that -0
 * as a float8 (8 bytes after the 4-byte header in the summaries) reads as 0.
 */
static bool
same_wire_bytes(const char *in, int in_len, const char *out, int out_len)
{
	static const char negative_zero[8] = {'\x80', 0, 0, 0, 0, 0, 0, 0};
	static const char zero[8] = {0};

	if (in_len != out_len)
		return false;
	if (memcmp(in, out, in_len) == 0)
		return true;
	if (!type->has_float8 || in_len < 4 || (in_len - 4) % 8 != 0 ||
		memcmp(in, out, 4) != 0)
		return false;
	for (int pos = 4; pos < in_len; pos += 8)
	{
		if (memcmp(in + pos, out + pos, 8) != 0 &&
			!(memcmp(in + pos, negative_zero, 8) == 0 &&
			  memcmp(out + pos, zero, 8) == 0))
			return false;
	}
	return true;
}

/*
 * A weighted summary no aggregate could have built.  Its
 * total weight is finite (weights are at most 1e100 and there are at most
 * 2^63 of them), and sum w^2 >= (sum w)^2 / n by Cauchy-Schwarz, so Kish's
 * n_eff (accessors.c) is at most n, give or take rounding.
 */
static void
check_buildable(const char *path, Datum value)
{
	const ScoreSummary *summary = (const ScoreSummary *) DatumGetPointer(value);
	double		weight;
	double		n_eff;

	if (type->problem != summary_value_problem || !summary_is_weighted(summary))
		return;
	/* format 3 holds exact sums: judge the format-2 summary it rounds to */
	summary = summary_rounded(unconstify(ScoreSummary *, summary));
	weight = summary_total_weight(summary);
	if (!isfinite(weight))
		fail(path, psprintf("unbuildable: the total weight is %g", weight),
			 call_out(value));
	if (weight == 0)
		return;
	n_eff = (weight / summary->weight_sq) * weight;
	if (!(n_eff <= (double) summary_total(summary) * (1 + 1e-9)))
		fail(path, psprintf("unbuildable: Kish's effective size %g exceeds the " INT64_FORMAT " responses",
							n_eff, summary_total(summary)),
			 call_out(value));
}

/* The checks every accepted value must pass. */
static void
check_accepted(const char *path, Datum value)
{
	const char *problem = type->problem(DatumGetPointer(value));
	char	   *text1;
	char	   *text2;
	Datum		from_text;
	bytea	   *bin1;
	bytea	   *bin2;
	Datum		from_binary;
	StringInfoData buf;
	bool		leftover;

	if (!VARATT_IS_4B_U(DatumGetPointer(value)))
		fail(path, "the accepted value has no plain 4-byte varlena header", NULL);
	if (problem != NULL)
		fail(path, psprintf("the accepted value is inconsistent: %s", problem), NULL);
	check_buildable(path, value);

	/* text round trip */
	text1 = call_out(value);
	if (!text_in(text1, &from_text))
	{
		shim_print_error("the output of an accepted value is rejected:");
		fail(path, "text round trip: in(out(v)) failed", text1);
	}
	if (!same_value(value, from_text))
		fail(path, "text round trip: in(out(v)) != v", text1);
	text2 = call_out(from_text);
	if (strcmp(text1, text2) != 0)
		fail(path, psprintf("text round trip: out(in(out(v))) is \"%s\"", text2), text1);

	/* binary round trip */
	bin1 = call_send(value);
	init_message(&buf, VARDATA(bin1), VARSIZE(bin1) - VARHDRSZ);
	if (!binary_in(&buf, &from_binary, &leftover))
	{
		if (!leftover)
			shim_print_error("the send() output of an accepted value is rejected:");
		print_bytes("send(v)", VARDATA(bin1), VARSIZE(bin1) - VARHDRSZ);
		fail(path, leftover ? "binary round trip: recv() left bytes unread"
			 : "binary round trip: recv(send(v)) failed", text1);
	}
	if (!same_value(value, from_binary))
		fail(path, "binary round trip: recv(send(v)) != v", text1);
	bin2 = call_send(from_binary);
	if (VARSIZE(bin1) != VARSIZE(bin2) ||
		memcmp(bin1, bin2, VARSIZE(bin1)) != 0)
		fail(path, "binary round trip: send(recv(send(v))) != send(v)", text1);
}

static void
check_rejected(const char *path, const int *allowed)
{
	char		state[6];
	bool		ok = false;

	for (const int *code = allowed; *code != ERRCODE_LIST_END; code++)
		ok |= (shim_error.sqlerrcode == *code);
	if (!ok)
	{
		shim_print_error("rejected with a SQLSTATE that is not allowed here:");
		fail(path, "unexpected SQLSTATE", NULL);
	}
	if (shim_error.message[0] == '\0')
	{
		shim_print_error("rejected without a message:");
		fail(path, "error without a message", NULL);
	}
	if (verbose)
		fprintf(stderr, "%s %s: rejected %s: %s%s%s\n", type->name, path,
				shim_sqlstate(shim_error.sqlerrcode, state), shim_error.message,
				shim_error.detail[0] ? " DETAIL: " : "", shim_error.detail);
}

static void
fuzz_text(const uint8 *data, size_t size)
{
	size_t		len = strnlen((const char *) data, size);
	char	   *text = palloc(len + 1);
	Datum		value;

	memcpy(text, data, len);
	text[len] = '\0';
	if (text_in(text, &value))
	{
		if (memcmp(text, data, len) != 0)
			fail("text", "the input function wrote to its argument", NULL);
		check_accepted("text", value);
		if (verbose)
			fprintf(stderr, "%s text: accepted: %s\n", type->name,
					call_out(value));
	}
	else
		check_rejected("text", text_errcodes);
}

static void
fuzz_binary(const uint8 *data, size_t size)
{
	StringInfoData buf;
	Datum		value;
	bool		leftover;
	bytea	   *sent;

	init_message(&buf, data, size);
	if (binary_in(&buf, &value, &leftover))
	{
		if (memcmp(buf.data, data, size) != 0)
			fail("binary", "the receive function wrote to its argument", NULL);
		check_accepted("binary", value);
		sent = call_send(value);
		if (!same_wire_bytes((const char *) data, (int) size,
							 VARDATA(sent), VARSIZE(sent) - VARHDRSZ))
		{
			print_bytes("send(recv(input))", VARDATA(sent), VARSIZE(sent) - VARHDRSZ);
			fail("binary", "send(recv(input)) differs from the input", call_out(value));
		}
		if (verbose)
			fprintf(stderr, "%s binary: accepted: %s\n", type->name,
					call_out(value));
	}
	else if (leftover)
	{
		/* the server's caller rejects this with 22P03 */
		if (verbose)
			fprintf(stderr, "%s binary: rejected 22P03: incorrect binary data format (%d bytes left over)\n",
					type->name, buf.len - buf.cursor);
	}
	else
		check_rejected("binary", binary_errcodes);
}

int
LLVMFuzzerTestOneInput(const uint8 *data, size_t size)
{
	/* keep int arithmetic on message lengths far from overflow */
	if (size > 1024 * 1024)
		return 0;
	cur_data = data;
	cur_size = size;
	fuzz_text(data, size);
	shim_reset_memory();
	fuzz_binary(data, size);
	shim_reset_memory();
	return 0;
}
