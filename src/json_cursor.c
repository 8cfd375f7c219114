/*
 * json_cursor.c
 *		Strict reader for the fixed JSON layouts of the state types.
 */
#include "postgres.h"

#include "json_cursor.h"

#include <ctype.h>
#include <math.h>

#include "common/int.h"

void
json_cursor_init(JsonCursor *cur, const char *input, const char *type_name)
{
	cur->input = input;
	cur->pos = input;
	cur->type_name = type_name;
}

void
json_fail(JsonCursor *cur, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					cur->type_name, cur->input),
			 errdetail("At character %d: %s",
					   (int) (cur->pos - cur->input) + 1, detail)));
}

/* JSON whitespace only (not \v or \f, which isspace() would take): ::jsonb must read what we accept */
static void
skip_space(JsonCursor *cur)
{
	while (*cur->pos == ' ' || *cur->pos == '\t' || *cur->pos == '\n' || *cur->pos == '\r')
		cur->pos++;
}

bool
json_accept(JsonCursor *cur, const char *token)
{
	size_t		len = strlen(token);

	skip_space(cur);
	if (strncmp(cur->pos, token, len) != 0)
		return false;
	cur->pos += len;
	return true;
}

void
json_expect(JsonCursor *cur, const char *token)
{
	if (!json_accept(cur, token))
		json_fail(cur, psprintf(token[0] == '"' ? "Expected %s." : "Expected \"%s\".", token));
}

/* "key": -- keys are plain ASCII, so no escapes need handling. */
void
json_expect_key(JsonCursor *cur, const char *key)
{
	json_expect(cur, psprintf("\"%s\"", key));
	json_expect(cur, ":");
}

/* A JSON integer (no fraction, no exponent) within min..max. */
int64
json_int64(JsonCursor *cur, int64 min, int64 max)
{
	bool		negative = false;
	int64		value = 0;
	const char *digits;

	skip_space(cur);
	if (*cur->pos == '-')
	{
		negative = true;
		cur->pos++;
	}
	digits = cur->pos;
	while (isdigit((unsigned char) *cur->pos))
	{
		/* accumulate negatively so that INT64_MIN is representable */
		if (pg_mul_s64_overflow(value, 10, &value) ||
			pg_sub_s64_overflow(value, *cur->pos - '0', &value))
			json_fail(cur, "The number is out of range.");
		cur->pos++;
	}
	if (cur->pos == digits)
		json_fail(cur, "Expected an integer.");
	if (cur->pos - digits > 1 && *digits == '0')
		json_fail(cur, "Integers must not have leading zeros.");
	if (!negative)
	{
		if (value == PG_INT64_MIN)
			json_fail(cur, "The number is out of range.");
		value = -value;
	}
	if (value < min || value > max)
		json_fail(cur, psprintf("Expected an integer from " INT64_FORMAT " to " INT64_FORMAT ".",
								min, max));
	return value;
}

/*
 * A finite JSON number (integer, fraction, exponent) within min..max, read
 * with strtod so that the shortest round-trip text the output functions
 * write comes back as exactly the same double.
 */
double
json_float8(JsonCursor *cur, double min, double max)
{
	const char *start;
	char	   *end;
	double		value;

	skip_space(cur);
	start = cur->pos;
	if (*cur->pos == '-')
		cur->pos++;
	if (!isdigit((unsigned char) *cur->pos))
		json_fail(cur, "Expected a number.");
	if (*cur->pos == '0' && isdigit((unsigned char) cur->pos[1]))
		json_fail(cur, "Numbers must not have leading zeros.");
	while (isdigit((unsigned char) *cur->pos))
		cur->pos++;
	if (*cur->pos == '.')
	{
		cur->pos++;
		if (!isdigit((unsigned char) *cur->pos))
			json_fail(cur, "Expected a digit after the decimal point.");
		while (isdigit((unsigned char) *cur->pos))
			cur->pos++;
	}
	if (*cur->pos == 'e' || *cur->pos == 'E')
	{
		cur->pos++;
		if (*cur->pos == '+' || *cur->pos == '-')
			cur->pos++;
		if (!isdigit((unsigned char) *cur->pos))
			json_fail(cur, "Expected a digit in the exponent.");
		while (isdigit((unsigned char) *cur->pos))
			cur->pos++;
	}

	errno = 0;
	value = strtod(pnstrdup(start, cur->pos - start), &end);
	if (isinf(value) || (errno == ERANGE && value == 0))
		json_fail(cur, "The number is out of the double precision range.");
	if (value < min || value > max)
		json_fail(cur, psprintf("Expected a number from %g to %g.", min, max));
	return value + 0.0;			/* -0 reads as 0 */
}

void
json_expect_end(JsonCursor *cur)
{
	skip_space(cur);
	if (*cur->pos != '\0')
		json_fail(cur, "Unexpected text after the end of the value.");
}
