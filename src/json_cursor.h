/*
 * json_cursor.h
 *		A strict reader for the fixed JSON layouts of nps_ext's state types.
 *
 * The text form of every state type is a JSON object whose keys come in one
 * fixed order (the order the output function writes).  That keeps the reader
 * small and makes "accepted" mean "round-trips exactly".  Any deviation is
 * reported as invalid_text_representation naming the type, the input and
 * what was expected where.
 */
#ifndef NPS_EXT_JSON_CURSOR_H
#define NPS_EXT_JSON_CURSOR_H

#include "pg_compat.h"

typedef struct JsonCursor
{
	const char *input;			/* the whole input, for messages */
	const char *pos;			/* next unread character */
	const char *type_name;		/* SQL type being read, for messages */
} JsonCursor;

extern void json_cursor_init(JsonCursor *cur, const char *input, const char *type_name);
extern void json_expect(JsonCursor *cur, const char *token);
extern bool json_accept(JsonCursor *cur, const char *token);
extern void json_expect_key(JsonCursor *cur, const char *key);
extern int64 json_int64(JsonCursor *cur, int64 min, int64 max);
extern double json_float8(JsonCursor *cur, double min, double max);
extern void json_expect_end(JsonCursor *cur);
pg_noreturn extern void json_fail(JsonCursor *cur, const char *detail);

#endif							/* NPS_EXT_JSON_CURSOR_H */
