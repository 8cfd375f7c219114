/*
 * live_summaries.c
 *		Live summary tables: a table of summaries per period and group that
 *		statement-level triggers keep equal to a full recompute.
 *
 * live_summaries_create() creates the table (period, the group columns,
 * source_rows, one summary column per metric; unique NULLS NOT DISTINCT on
 * period and groups), fills it from the source's rows and creates four
 * triggers on the source: AFTER INSERT, UPDATE and DELETE FOR EACH
 * STATEMENT with transition tables, and AFTER TRUNCATE.  They all run
 * live_summaries_trigger(), which reads its configuration from its trigger
 * arguments ("key=value" strings, so pg_dump keeps them with the trigger).
 * live_summaries_drop() finds the triggers by their arguments and drops
 * them and the table.
 *
 * One firing aggregates the transition tables by (period, groups), one row
 * per changed group, and merges them into the table with INSERT ... ON
 * CONFLICT DO UPDATE, in the order of the groups (ORDER BY), so that
 * concurrent writers lock the rows of a statement in one order:
 *	1. add:      the new rows' summaries, SET s = s + excluded.s;
 *	2. subtract: the old rows' summaries, SET s = s - excluded.s (exact for
 *	             unweighted summaries: integer counts), with a negative
 *	             source_rows, so that a group missing from the table shows
 *	             as a negative count in RETURNING, which is an error (XX001);
 *	3. weighted: a weighted summary column of a group that lost rows is
 *	             recomputed from the source (its period's time range and
 *	             its group values), after step 1 or 2 locked the row;
 *	4. delete the groups left without rows (source_rows = 0, a partial
 *	   index finds them).
 * An UPDATE aggregates old and new rows in one pass and skips the groups
 * whose old and new summaries are equal (an update of other columns
 * changes nothing).  TRUNCATE deletes every row of the table.  See
 * docs/design.md, "Live summaries", for the concurrency argument.
 *
 * Every statement is built with schema-qualified names (the extension's
 * own schema, pg_catalog) and runs with search_path = pg_catalog, pg_temp,
 * so that a session's search_path cannot change what it means.
 */
#include "postgres.h"

#include "pg_compat.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "parser/parse_relation.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/ruleutils.h"
#include "utils/varlena.h"

PG_FUNCTION_INFO_V1(live_summaries_create);
PG_FUNCTION_INFO_V1(live_summaries_drop);
PG_FUNCTION_INFO_V1(live_summaries_trigger);

#define N_METRICS 3
static const char *const metric_name[N_METRICS] = {"nps", "csat", "ces"};

#define NEW_TABLE "live_summaries_new"
#define OLD_TABLE "live_summaries_old"
#define CONFIG_VERSION "1"

typedef struct LiveConfig
{
	char	   *target;			/* quoted, qualified */
	char	   *period;			/* day, week or month */
	char	   *time_zone;		/* for timestamptz time columns */
	char	   *time_column;	/* raw names from here on */
	char	   *weight;			/* NULL: unweighted */
	char	   *score[N_METRICS];	/* NULL: metric not kept */
	int			scale_max[N_METRICS];	/* 0: the aggregate's default */
	int			satisfied_from; /* CSAT; 0: the default */
	List	   *groups;
	/* filled in, not stored */
	char	   *ext;			/* quoted schema of the extension */
	Oid			time_type;
} LiveConfig;

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static const char *
qi(const char *name)
{
	return quote_identifier(name);
}

/* search_path = pg_catalog, pg_temp until AtEOXact_GUC(true, level) */
static int
safe_search_path(void)
{
	int			level = NewGUCNestLevel();

	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return level;
}

static bool
is_weighted(const LiveConfig *c)
{
	return c->weight != NULL;
}

/* The expression of a row's period: a date, the first day of its period. */
static char *
period_expr(const LiveConfig *c, const char *alias)
{
	const char *col = psprintf("%s%s", alias, qi(c->time_column));
	const char *ts;

	if (c->time_type == TIMESTAMPTZOID)
		ts = psprintf("pg_catalog.timezone(%s, %s)", quote_literal_cstr(c->time_zone), col);
	else if (c->time_type == TIMESTAMPOID)
		ts = col;
	else
		ts = psprintf("CAST(%s AS pg_catalog.timestamp)", col);
	return psprintf("CAST(pg_catalog.date_trunc(%s, %s) AS pg_catalog.date)",
					quote_literal_cstr(c->period), ts);
}

/* The first instant of period "p" (a date expression) and of the next one,
 * in the type of the time column: a range the time column's index serves. */
static void
period_bounds(const LiveConfig *c, const char *p, char **lo, char **hi)
{
	const char *start = psprintf("CAST(%s AS pg_catalog.timestamp)", p);
	const char *next = psprintf("(%s OPERATOR(pg_catalog.+) CAST('1 %s' AS pg_catalog.interval))",
								start, c->period);

	if (c->time_type == TIMESTAMPTZOID)
	{
		*lo = psprintf("pg_catalog.timezone(%s, %s)", quote_literal_cstr(c->time_zone), start);
		*hi = psprintf("pg_catalog.timezone(%s, %s)", quote_literal_cstr(c->time_zone), next);
	}
	else if (c->time_type == TIMESTAMPOID)
	{
		*lo = pstrdup(start);
		*hi = pstrdup(next);
	}
	else
	{
		*lo = pstrdup(p);
		*hi = psprintf("CAST(%s AS pg_catalog.date)", next);
	}
}

/* The aggregate call of metric m over "alias"'s columns. */
static char *
metric_agg(const LiveConfig *c, int m, const char *alias)
{
	StringInfoData s;
	int			scale = c->scale_max[m];
	int			from = c->satisfied_from;

	initStringInfo(&s);
	appendStringInfo(&s, "%s.%s_agg(%s%s", c->ext, metric_name[m], alias, qi(c->score[m]));
	if (is_weighted(c))
	{
		/* the weighted forms take the whole scale */
		if (m == 1)
		{
			if (scale == 0)
				scale = 5;
			if (from == 0)
				from = scale - 1;
			appendStringInfo(&s, ", %d, %d", scale, from);
		}
		else if (m == 2)
			appendStringInfo(&s, ", %d", scale == 0 ? 7 : scale);
		appendStringInfo(&s, ", CAST(%s%s AS pg_catalog.float8))", alias, qi(c->weight));
		return s.data;
	}
	if (scale != 0)
		appendStringInfo(&s, ", %d", scale);
	if (m == 1 && from != 0)
		appendStringInfo(&s, ", %d", from);
	appendStringInfoChar(&s, ')');
	return s.data;
}

/* "period, g1, g2" */
static char *
key_columns(const LiveConfig *c, const char *alias)
{
	StringInfoData s;
	ListCell   *lc;

	initStringInfo(&s);
	appendStringInfo(&s, "%speriod", alias);
	foreach(lc, c->groups)
		appendStringInfo(&s, ", %s%s", alias, qi((char *) lfirst(lc)));
	return s.data;
}

/* "1, 2, 3": the key positions of a select list that starts with the key */
static char *
key_positions(const LiveConfig *c)
{
	StringInfoData s;

	initStringInfo(&s);
	appendStringInfoString(&s, "1");
	for (int i = 0; i < list_length(c->groups); i++)
		appendStringInfo(&s, ", %d", i + 2);
	return s.data;
}

/* "nps, csat" */
static char *
metric_columns(const LiveConfig *c)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int m = 0; m < N_METRICS; m++)
		if (c->score[m])
			appendStringInfo(&s, ", %s", metric_name[m]);
	return s.data;
}

/* ------------------------------------------------------------------------
 * The configuration as trigger arguments
 * ------------------------------------------------------------------------ */

static List *
config_args(const LiveConfig *c)
{
	List	   *args = NIL;
	ListCell   *lc;

	args = lappend(args, "version=" CONFIG_VERSION);
	args = lappend(args, psprintf("target=%s", c->target));
	args = lappend(args, psprintf("period=%s", c->period));
	args = lappend(args, psprintf("time_zone=%s", c->time_zone));
	args = lappend(args, psprintf("time_column=%s", c->time_column));
	if (c->weight)
		args = lappend(args, psprintf("weight=%s", c->weight));
	for (int m = 0; m < N_METRICS; m++)
	{
		if (!c->score[m])
			continue;
		args = lappend(args, psprintf("%s=%s", metric_name[m], c->score[m]));
		if (c->scale_max[m])
			args = lappend(args, psprintf("%s_scale_max=%d", metric_name[m], c->scale_max[m]));
	}
	if (c->satisfied_from)
		args = lappend(args, psprintf("csat_satisfied_from=%d", c->satisfied_from));
	foreach(lc, c->groups)
		args = lappend(args, psprintf("group=%s", (char *) lfirst(lc)));
	return args;
}

/*
 * The schema and table of a "target=" argument, which must be exactly what
 * live_summaries_create() writes: two identifiers, quoted as
 * quote_identifier() quotes them.  false for anything else, without an
 * error, so that a stray trigger argument can neither inject SQL into the
 * statements built from it nor stop live_summaries_drop().
 */
static bool
parse_target(const char *value, char **schema, char **table)
{
	char	   *copy = pstrdup(value);
	List	   *names;

	if (!SplitIdentifierString(copy, '.', &names) || list_length(names) != 2)
		return false;
	*schema = (char *) linitial(names);
	*table = (char *) lsecond(names);
	return strcmp(quote_qualified_identifier(*schema, *table), value) == 0;
}

static bool
is_period(const char *value)
{
	return strcmp(value, "day") == 0 || strcmp(value, "week") == 0 ||
		strcmp(value, "month") == 0;
}

/*
 * Row-level security would filter what the initial fill and the weighted
 * recompute read, but not the transition tables: the table would be wrong.
 */
static void
refuse_row_security(Relation rel)
{
	if (rel->rd_rel->relrowsecurity)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has row-level security enabled", RelationGetRelationName(rel)),
				 errdetail("Live summaries read the whole table; row-level security would hide rows from them."),
				 errhint("Disable row-level security on the table, or keep live summaries of a table without it.")));
}

pg_noreturn static void
bad_config(const char *arg)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid live summary trigger argument \"%s\"", arg),
			 errhint("Create live summary triggers with live_summaries_create().")));
}

static void
parse_config(LiveConfig *c, int nargs, char **args)
{
	bool		versioned = false;

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < nargs; i++)
	{
		char	   *eq = strchr(args[i], '=');
		char	   *schema;
		char	   *table;
		char	   *key;
		char	   *value;

		if (eq == NULL)
			bad_config(args[i]);
		key = pnstrdup(args[i], eq - args[i]);
		value = pstrdup(eq + 1);
		if (strcmp(key, "version") == 0)
		{
			if (strcmp(value, CONFIG_VERSION) != 0)
				bad_config(args[i]);
			versioned = true;
		}
		else if (strcmp(key, "target") == 0)
		{
			if (!parse_target(value, &schema, &table))
				bad_config(args[i]);
			c->target = value;
		}
		else if (strcmp(key, "period") == 0)
		{
			if (!is_period(value))
				bad_config(args[i]);
			c->period = value;
		}
		else if (strcmp(key, "time_zone") == 0)
			c->time_zone = value;
		else if (strcmp(key, "time_column") == 0)
			c->time_column = value;
		else if (strcmp(key, "weight") == 0)
			c->weight = value;
		else if (strcmp(key, "group") == 0)
			c->groups = lappend(c->groups, value);
		else if (strcmp(key, "csat_satisfied_from") == 0)
			c->satisfied_from = pg_strtoint32(value);
		else
		{
			bool		known = false;

			for (int m = 0; m < N_METRICS; m++)
			{
				if (strcmp(key, metric_name[m]) == 0)
					c->score[m] = value, known = true;
				else if (strncmp(key, metric_name[m], strlen(metric_name[m])) == 0 &&
						 strcmp(key + strlen(metric_name[m]), "_scale_max") == 0)
					c->scale_max[m] = pg_strtoint32(value), known = true;
			}
			if (!known)
				bad_config(args[i]);
		}
	}
	if (!versioned || !c->target || !c->period || !c->time_zone || !c->time_column)
		bad_config(nargs > 0 ? args[0] : "");
}

/* ------------------------------------------------------------------------
 * The statements of a firing
 * ------------------------------------------------------------------------ */

/*
 * The CTE "changed": per (period, groups) of the transition tables, the new
 * and old rows' counts (n_rows, o_rows) and summaries (n_<metric>,
 * o_<metric>), only the groups where they differ.
 */
static char *
changed_cte(const LiveConfig *c, bool has_new, bool has_old)
{
	StringInfoData s;
	const char *keys = key_columns(c, "");
	const char *positions = key_positions(c);
	bool		first = true;

	initStringInfo(&s);
	appendStringInfo(&s, "WITH d AS (");
	for (int side = 0; side < 2; side++)
	{
		bool		added = side == 0;
		ListCell   *lc;

		if ((added && !has_new) || (!added && !has_old))
			continue;
		if (!first)
			appendStringInfoString(&s, " UNION ALL ");
		first = false;
		appendStringInfo(&s, "SELECT %s AS period", period_expr(c, ""));
		foreach(lc, c->groups)
			appendStringInfo(&s, ", %s", qi((char *) lfirst(lc)));
		if (has_new && has_old)
			appendStringInfo(&s, ", %s AS live_added", added ? "true" : "false");
		for (int m = 0; m < N_METRICS; m++)
			if (c->score[m])
				appendStringInfo(&s, ", %s", qi(c->score[m]));
		if (c->weight)
			appendStringInfo(&s, ", %s", qi(c->weight));
		appendStringInfo(&s, " FROM %s WHERE %s IS NOT NULL",
						 added ? NEW_TABLE : OLD_TABLE, qi(c->time_column));
	}
	if (has_new && has_old)
		appendStringInfo(&s, "), g AS (SELECT %s, "
						 "pg_catalog.count(*) FILTER (WHERE live_added) AS n_rows, "
						 "pg_catalog.count(*) FILTER (WHERE NOT live_added) AS o_rows",
						 keys);
	else
		appendStringInfo(&s, "), g AS (SELECT %s, pg_catalog.count(*) AS %s_rows", keys,
						 has_new ? "n" : "o");
	for (int m = 0; m < N_METRICS; m++)
	{
		const char *agg;

		if (!c->score[m])
			continue;
		agg = metric_agg(c, m, "");
		if (has_new && has_old)
			appendStringInfo(&s, ", %s FILTER (WHERE live_added) AS n_%s, %s FILTER (WHERE NOT live_added) AS o_%s",
							 agg, metric_name[m], agg, metric_name[m]);
		else
			appendStringInfo(&s, ", %s AS %s_%s", agg, has_new ? "n" : "o", metric_name[m]);
	}
	appendStringInfo(&s, " FROM d GROUP BY %s), changed AS (SELECT * FROM g", positions);
	if (has_new && has_old)
	{
		appendStringInfoString(&s, " WHERE n_rows OPERATOR(pg_catalog.<>) o_rows");
		for (int m = 0; m < N_METRICS; m++)
			if (c->score[m])
				appendStringInfo(&s, " OR NOT (n_%s OPERATOR(%s.=) o_%s)",
								 metric_name[m], c->ext, metric_name[m]);
	}
	appendStringInfoString(&s, ") ");
	return s.data;
}

/* Step 1 or 2: INSERT ... ON CONFLICT DO UPDATE, adding or subtracting. */
static char *
merge_statement(const LiveConfig *c, bool has_new, bool has_old, bool add)
{
	StringInfoData s;
	const char *keys = key_columns(c, "");
	const char *prefix = add ? "n_" : "o_";

	initStringInfo(&s);
	appendStringInfoString(&s, changed_cte(c, has_new, has_old));
	appendStringInfo(&s, "INSERT INTO %s AS t (%s, source_rows%s) SELECT %s, ",
					 c->target, keys, metric_columns(c), keys);
	appendStringInfoString(&s, add ? "n_rows" : "OPERATOR(pg_catalog.-) o_rows");
	for (int m = 0; m < N_METRICS; m++)
		if (c->score[m])
			appendStringInfo(&s, ", %s%s", prefix, metric_name[m]);
	appendStringInfo(&s, " FROM changed WHERE %s OPERATOR(pg_catalog.>) 0 ORDER BY %s"
					 " ON CONFLICT (%s) DO UPDATE SET source_rows = t.source_rows OPERATOR(pg_catalog.+) excluded.source_rows",
					 add ? (has_old ? "n_rows OPERATOR(pg_catalog.+) o_rows" : "n_rows") : "o_rows",
					 key_positions(c), keys);
	for (int m = 0; m < N_METRICS; m++)
	{
		if (!c->score[m])
			continue;
		/* weighted columns are recomputed after a removal (step 3) */
		if (!add && is_weighted(c))
			continue;
		appendStringInfo(&s, ", %s = t.%s OPERATOR(%s.%s) excluded.%s",
						 metric_name[m], metric_name[m], c->ext, add ? "+" : "-", metric_name[m]);
	}
	if (!add)
		appendStringInfoString(&s, " RETURNING t.source_rows");
	return s.data;
}

/* Step 3: the weighted summaries of the groups that lost rows, recomputed. */
static char *
recompute_statement(const LiveConfig *c, const char *source, bool has_new)
{
	StringInfoData s;
	StringInfoData where;
	const char *keys = key_columns(c, "");
	char	   *lo;
	char	   *hi;
	ListCell   *lc;

	period_bounds(c, "c.period", &lo, &hi);
	initStringInfo(&where);
	appendStringInfo(&where, "r.%s OPERATOR(pg_catalog.>=) %s AND r.%s OPERATOR(pg_catalog.<) %s",
					 qi(c->time_column), lo, qi(c->time_column), hi);
	foreach(lc, c->groups)
		appendStringInfo(&where, " AND r.%s IS NOT DISTINCT FROM c.%s",
						 qi((char *) lfirst(lc)), qi((char *) lfirst(lc)));

	initStringInfo(&s);
	appendStringInfoString(&s, changed_cte(c, has_new, true));
	appendStringInfo(&s, "INSERT INTO %s AS t (%s, source_rows%s) SELECT %s, 0",
					 c->target, keys, metric_columns(c), key_columns(c, "c."));
	for (int m = 0; m < N_METRICS; m++)
		if (c->score[m])
			appendStringInfo(&s, ", (SELECT %s FROM %s AS r WHERE %s)",
							 metric_agg(c, m, "r."), source, where.data);
	appendStringInfo(&s, " FROM changed AS c WHERE c.o_rows OPERATOR(pg_catalog.>) 0 ORDER BY %s"
					 " ON CONFLICT (%s) DO UPDATE SET ",
					 key_positions(c), keys);
	for (int m = 0, first = 1; m < N_METRICS; m++)
	{
		if (!c->score[m])
			continue;
		appendStringInfo(&s, "%s%s = excluded.%s", first ? "" : ", ",
						 metric_name[m], metric_name[m]);
		first = 0;
	}
	return s.data;
}

static void
run(const char *sql, int expected)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc != expected)
		elog(ERROR, "live summaries: SPI_execute returned %s", SPI_result_code_string(rc));
}

/*
 * After a subtraction: a negative count is a group that lost rows but had
 * no row in the table (the INSERT path of the upsert ran): the table was
 * changed by hand, or filled without the triggers.
 */
static void
check_no_negative(const LiveConfig *c)
{
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		int64		n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));

		if (n < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("live summary table %s has no row for a group that lost rows", c->target),
					 errdetail("Its rows were changed other than by its triggers."),
					 errhint("Drop it with live_summaries_drop() and create it again.")));
	}
}

/*
 * The prepared statements of the triggers, per backend: (trigger, step) ->
 * the statement's text and its saved plan.  The text is rebuilt on every
 * firing (it depends only on the trigger's arguments and the source's time
 * column type) and compared, so a different text is prepared again; the
 * plan cache replans when the tables change.  Parsing and planning are most
 * of a single-row statement's cost.
 */
typedef struct CachedPlanKey
{
	Oid			trigger;
	int			step;
} CachedPlanKey;

typedef struct CachedPlanEntry
{
	CachedPlanKey key;
	char	   *sql;			/* in TopMemoryContext */
	SPIPlanPtr	plan;
} CachedPlanEntry;

static HTAB *plans = NULL;

static void
run_cached(Oid trigger, int step, const char *sql, int expected)
{
	CachedPlanKey key;
	CachedPlanEntry *entry;
	bool		found;
	int			rc;

	if (plans == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(CachedPlanKey);
		ctl.entrysize = sizeof(CachedPlanEntry);
		plans = hash_create("nps_ext live summary plans", 64, &ctl, HASH_ELEM | HASH_BLOBS);
	}
	memset(&key, 0, sizeof(key));
	key.trigger = trigger;
	key.step = step;
	entry = hash_search(plans, &key, HASH_ENTER, &found);
	if (!found)
	{
		entry->sql = NULL;
		entry->plan = NULL;
	}
	if (entry->plan == NULL || strcmp(entry->sql, sql) != 0)
	{
		SPIPlanPtr	plan = SPI_prepare(sql, 0, NULL);
		char	   *copy;

		if (plan == NULL)
			elog(ERROR, "live summaries: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		if (SPI_keepplan(plan) != 0)
			elog(ERROR, "live summaries: SPI_keepplan failed");
		/* copy first: if that fails, the entry still holds its old text */
		copy = MemoryContextStrdup(TopMemoryContext, sql);

		if (entry->plan != NULL)
			SPI_freeplan(entry->plan);
		if (entry->sql != NULL)
			pfree(entry->sql);
		entry->plan = plan;
		entry->sql = copy;
	}
	rc = SPI_execute_plan(entry->plan, NULL, NULL, false, 0);
	if (rc != expected)
		elog(ERROR, "live summaries: SPI_execute_plan returned %s", SPI_result_code_string(rc));
}

static Oid
column_type(Relation rel, const char *column)
{
	AttrNumber	att = attnameAttNum(rel, column, false);

	if (att == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						column, RelationGetRelationName(rel))));
	return TupleDescAttr(RelationGetDescr(rel), att - 1)->atttypid;
}

static char *
relation_name(Relation rel)
{
	return quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
									  RelationGetRelationName(rel));
}

/*
 * The trigger function of the four triggers live_summaries_create() makes.
 */
Datum
live_summaries_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	LiveConfig	c;
	bool		has_new;
	bool		has_old;
	bool		truncate;
	int			level;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("live_summaries_trigger() was not called by a trigger")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("live_summaries_trigger() must be fired AFTER ... FOR EACH STATEMENT")));
	trigger = trigdata->tg_trigger;
	parse_config(&c, trigger->tgnargs, trigger->tgargs);
	refuse_row_security(trigdata->tg_relation);
	c.ext = pstrdup(qi(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid))));
	c.time_type = column_type(trigdata->tg_relation, c.time_column);

	truncate = TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event);
	has_new = trigdata->tg_newtable != NULL;
	has_old = trigdata->tg_oldtable != NULL;
	if (!truncate && !has_new && !has_old)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("live_summaries_trigger() needs the transition tables %s and %s",
						NEW_TABLE, OLD_TABLE)));

	level = safe_search_path();
	SPI_connect();
	if (truncate)
		run(psprintf("DELETE FROM %s", c.target), SPI_OK_DELETE);
	else
	{
		Oid			tg = trigger->tgoid;

		if (SPI_register_trigger_data(trigdata) != SPI_OK_TD_REGISTER)
			elog(ERROR, "live summaries: could not register the transition tables");
		/* locks the rows of new and changed groups, in key order */
		if (has_new)
			run_cached(tg, 1, merge_statement(&c, has_new, has_old, true), SPI_OK_INSERT);
		if (has_old)
		{
			run_cached(tg, 2, merge_statement(&c, has_new, has_old, false), SPI_OK_INSERT_RETURNING);
			check_no_negative(&c);
			if (is_weighted(&c))
				run_cached(tg, 3, recompute_statement(&c, relation_name(trigdata->tg_relation), has_new),
						   SPI_OK_INSERT);
			run_cached(tg, 4, psprintf("DELETE FROM %s WHERE source_rows OPERATOR(pg_catalog.=) 0", c.target),
					   SPI_OK_DELETE);
		}
	}
	SPI_finish();
	AtEOXact_GUC(true, level);
	return PointerGetDatum(NULL);
}

/* ------------------------------------------------------------------------
 * live_summaries_create() and live_summaries_drop()
 * ------------------------------------------------------------------------ */

static char *
optional_name(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : pstrdup(NameStr(*PG_GETARG_NAME(n)));
}

pg_noreturn static void
argument_null(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s must not be NULL", what)));
}

static void
check_scale(const char *what, FunctionCallInfo fcinfo, int n, int lo, int hi, int *out)
{
	int			v;

	*out = 0;
	if (PG_ARGISNULL(n))
		return;
	v = PG_GETARG_INT32(n);
	if (v < lo || v > hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between %d and %d, not %d", what, lo, hi, v)));
	*out = v;
}

static void
check_new_column(List **seen, const char *name)
{
	ListCell   *lc;

	foreach(lc, *seen)
		if (strcmp((char *) lfirst(lc), name) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_COLUMN),
					 errmsg("column \"%s\" would appear twice in the live summary table", name),
					 errdetail("The table has the columns period, the group columns, source_rows and one column per metric (nps, csat, ces).")));
	*seen = lappend(*seen, (char *) name);
}

/*
 * A source column the statements of a firing read under a name of their
 * own: one of those names, or a score column also grouped by, would make
 * them ambiguous.
 */
static void
check_source_column(const LiveConfig *c, const char *name, bool group)
{
	static const char *const internal[] = {
		"live_added", "n_rows", "o_rows", "n_nps", "o_nps", "n_csat", "o_csat", "n_ces", "o_ces"
	};

	for (int i = 0; i < (int) lengthof(internal); i++)
		if (strcmp(name, internal[i]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_COLUMN),
					 errmsg("column name \"%s\" is used by the live summary triggers", name),
					 errhint("Rename the column, or group by a view of the table that renames it.")));
	for (int m = 0; group && m < N_METRICS; m++)
		if (c->score[m] && strcmp(name, c->score[m]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_COLUMN),
					 errmsg("column \"%s\" is both a group column and the %s score", name, metric_name[m])));
}

/* The trigger names: unique per target, whatever its name's length. */
static char *
trigger_name(Oid target, const char *event)
{
	return psprintf("live_summaries_%u_%s", target, event);
}

/*
 * live_summaries_create(source regclass, target text, period text,
 *		time_column name, group_columns name[], nps name, csat name,
 *		csat_scale_max integer, csat_satisfied_from integer, ces name,
 *		ces_scale_max integer, weight name, time_zone text) returns regclass
 */
Datum
live_summaries_create(PG_FUNCTION_ARGS)
{
	LiveConfig	c;
	Oid			source;
	Relation	rel;
	char	   *source_name;
	RangeVar   *target_rv;
	Oid			target_ns;
	char	   *target_relname;
	Oid			target;
	List	   *columns = NIL;
	StringInfoData sql;
	ListCell   *lc;
	int			level;
	bool		any_metric = false;
	char	   *keys;
	List	   *args;
	const char *events[4] = {"insert", "update", "delete", "truncate"};

	memset(&c, 0, sizeof(c));
	if (PG_ARGISNULL(0))
		argument_null("source");
	if (PG_ARGISNULL(1))
		argument_null("target");
	if (PG_ARGISNULL(2))
		argument_null("period");
	if (PG_ARGISNULL(3))
		argument_null("time_column");
	if (PG_ARGISNULL(12))
		argument_null("time_zone");
	source = PG_GETARG_OID(0);
	c.period = text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (strcmp(c.period, "day") != 0 && strcmp(c.period, "week") != 0 &&
		strcmp(c.period, "month") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("period must be day, week or month, not \"%s\"", c.period)));
	c.time_column = optional_name(fcinfo, 3);
	c.time_zone = text_to_cstring(PG_GETARG_TEXT_PP(12));
	c.score[0] = optional_name(fcinfo, 5);
	c.score[1] = optional_name(fcinfo, 6);
	c.score[2] = optional_name(fcinfo, 9);
	c.weight = optional_name(fcinfo, 11);
	check_scale("csat_scale_max", fcinfo, 7, 2, 10, &c.scale_max[1]);
	check_scale("csat_satisfied_from", fcinfo, 8, 1, 10, &c.satisfied_from);
	check_scale("ces_scale_max", fcinfo, 10, 2, 10, &c.scale_max[2]);
	if ((c.scale_max[1] || c.satisfied_from) && !c.score[1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("csat_scale_max and csat_satisfied_from need a csat score column")));
	if (c.scale_max[2] && !c.score[2])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ces_scale_max needs a ces score column")));
	if (c.satisfied_from && !c.scale_max[1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("csat_satisfied_from needs csat_scale_max")));
	for (int m = 0; m < N_METRICS; m++)
		any_metric |= c.score[m] != NULL;
	if (!any_metric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a live summary table needs at least one metric"),
				 errhint("Name the score column of nps, csat or ces.")));
	if (!PG_ARGISNULL(4))
	{
		ArrayType  *groups = PG_GETARG_ARRAYTYPE_P(4);
		Datum	   *values;
		bool	   *nulls;
		int			n;

		if (ARR_NDIM(groups) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("group_columns must be a one-dimensional array")));
		deconstruct_array(groups, NAMEOID, NAMEDATALEN, false, TYPALIGN_CHAR,
						  &values, &nulls, &n);
		for (int i = 0; i < n; i++)
		{
			if (nulls[i])
				argument_null("a group column");
			c.groups = lappend(c.groups, pstrdup(NameStr(*DatumGetName(values[i]))));
		}
	}

	/* the source: locked against writes until the triggers are in place */
	rel = table_open(source, ShareRowExclusiveLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION &&
		rel->rd_rel->relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a table", RelationGetRelationName(rel)),
				 errdetail("Live summaries are kept by triggers on a table or a partitioned table.")));
	if (rel->rd_rel->relkind == RELKIND_RELATION && rel->rd_rel->relhassubclass)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has inheritance children", RelationGetRelationName(rel)),
				 errdetail("Rows written to a child table do not fire the parent's triggers."),
				 errhint("Use a partitioned table, or keep live summaries of each child.")));
	refuse_row_security(rel);
	source_name = relation_name(rel);
	c.time_type = column_type(rel, c.time_column);
	if (c.time_type != TIMESTAMPTZOID && c.time_type != TIMESTAMPOID && c.time_type != DATEOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("time column \"%s\" must be timestamp with time zone, timestamp or date, not %s",
						c.time_column, format_type_be(c.time_type))));
	for (int m = 0; m < N_METRICS; m++)
		if (c.score[m])
			(void) column_type(rel, c.score[m]);
	if (c.weight)
		(void) column_type(rel, c.weight);

	/* the target's columns: no name twice */
	check_new_column(&columns, "period");
	foreach(lc, c.groups)
	{
		check_source_column(&c, (char *) lfirst(lc), true);
		check_new_column(&columns, (char *) lfirst(lc));
	}
	for (int m = 0; m < N_METRICS; m++)
		if (c.score[m])
			check_source_column(&c, c.score[m], false);
	check_new_column(&columns, "source_rows");
	for (int m = 0; m < N_METRICS; m++)
		if (c.score[m])
			check_new_column(&columns, metric_name[m]);

	/* where CREATE TABLE would create it, with the caller's search_path */
	target_rv = makeRangeVarFromNameList(textToQualifiedNameList(PG_GETARG_TEXT_PP(1)));
	target_ns = RangeVarGetCreationNamespace(target_rv);
	target_relname = target_rv->relname;
	c.target = quote_qualified_identifier(get_namespace_name(target_ns), target_relname);
	c.ext = pstrdup(qi(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid))));
	keys = key_columns(&c, "");

	level = safe_search_path();
	SPI_connect();

	/* an unknown time zone is refused here (22023), whatever the column */
	run(psprintf("SELECT pg_catalog.timezone(%s, CAST('2000-01-01' AS pg_catalog.timestamptz))",
				 quote_literal_cstr(c.time_zone)), SPI_OK_SELECT);

	initStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TABLE %s (period pg_catalog.date NOT NULL", c.target);
	foreach(lc, c.groups)
	{
		const char *g = lfirst(lc);
		AttrNumber	att = attnameAttNum(rel, g, false);
		Form_pg_attribute a;

		if (att == InvalidAttrNumber)
			(void) column_type(rel, g);
		a = TupleDescAttr(RelationGetDescr(rel), att - 1);
		appendStringInfo(&sql, ", %s %s", qi(g),
						 format_type_extended(a->atttypid, a->atttypmod,
											  FORMAT_TYPE_TYPEMOD_GIVEN | FORMAT_TYPE_FORCE_QUALIFY));
		if (OidIsValid(a->attcollation) && a->attcollation != DEFAULT_COLLATION_OID)
			appendStringInfo(&sql, " COLLATE %s", generate_collation_name(a->attcollation));
	}
	appendStringInfoString(&sql, ", source_rows pg_catalog.int8 NOT NULL");
	for (int m = 0; m < N_METRICS; m++)
		if (c.score[m])
			appendStringInfo(&sql, ", %s %s.%s_summary NOT NULL", metric_name[m], c.ext, metric_name[m]);
	appendStringInfo(&sql, ", UNIQUE NULLS NOT DISTINCT (%s))", keys);
	run(sql.data, SPI_OK_UTILITY);
	target = RangeVarGetRelid(makeRangeVar(get_namespace_name(target_ns), target_relname, -1),
							  NoLock, false);
	run(psprintf("CREATE INDEX ON %s (period) WHERE source_rows OPERATOR(pg_catalog.=) 0", c.target),
		SPI_OK_UTILITY);
	run(psprintf("COMMENT ON TABLE %s IS %s", c.target,
				 quote_literal_cstr(psprintf("Live summaries of %s per %s, kept by the triggers live_summaries_%u_* (nps_ext); remove with live_summaries_drop()",
											 source_name, c.period, target))),
		SPI_OK_UTILITY);

	/* the triggers */
	args = config_args(&c);
	for (int e = 0; e < 4; e++)
	{
		resetStringInfo(&sql);
		appendStringInfo(&sql, "CREATE TRIGGER %s AFTER %s ON %s ",
						 qi(trigger_name(target, events[e])), events[e], source_name);
		if (e == 0)
			appendStringInfoString(&sql, "REFERENCING NEW TABLE AS " NEW_TABLE " ");
		else if (e == 1)
			appendStringInfoString(&sql, "REFERENCING OLD TABLE AS " OLD_TABLE " NEW TABLE AS " NEW_TABLE " ");
		else if (e == 2)
			appendStringInfoString(&sql, "REFERENCING OLD TABLE AS " OLD_TABLE " ");
		appendStringInfo(&sql, "FOR EACH STATEMENT EXECUTE FUNCTION %s.live_summaries_trigger(", c.ext);
		foreach(lc, args)
			appendStringInfo(&sql, "%s%s", foreach_current_index(lc) ? ", " : "",
							 quote_literal_cstr((char *) lfirst(lc)));
		appendStringInfoChar(&sql, ')');
		run(sql.data, SPI_OK_UTILITY);
	}

	/* the fill: what the triggers will keep */
	resetStringInfo(&sql);
	appendStringInfo(&sql, "INSERT INTO %s (%s, source_rows%s) SELECT %s AS period", c.target,
					 keys, metric_columns(&c), period_expr(&c, ""));
	foreach(lc, c.groups)
		appendStringInfo(&sql, ", %s", qi((char *) lfirst(lc)));
	appendStringInfoString(&sql, ", pg_catalog.count(*)");
	for (int m = 0; m < N_METRICS; m++)
		if (c.score[m])
			appendStringInfo(&sql, ", %s", metric_agg(&c, m, ""));
	appendStringInfo(&sql, " FROM %s WHERE %s IS NOT NULL GROUP BY %s",
					 source_name, qi(c.time_column), key_positions(&c));
	run(sql.data, SPI_OK_INSERT);

	SPI_finish();
	AtEOXact_GUC(true, level);
	table_close(rel, NoLock);
	PG_RETURN_OID(target);
}

/*
 * live_summaries_drop(target regclass): drops the triggers that keep the
 * table (found by their "target=" argument) and the table.
 */
Datum
live_summaries_drop(PG_FUNCTION_ARGS)
{
	Oid			target = PG_GETARG_OID(0);
	Oid			trigger_fn;
	List	   *drops = NIL;
	ListCell   *lc;
	int			level;
	char	   *target_name;

	trigger_fn = get_func_namespace(fcinfo->flinfo->fn_oid);
	trigger_fn = LookupFuncName(list_make2(makeString(get_namespace_name(trigger_fn)),
										   makeString("live_summaries_trigger")),
								0, NULL, false);
	target_name = get_rel_name(target);
	if (target_name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", target)));

	level = safe_search_path();
	SPI_connect();
	run(psprintf("SELECT pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c.relname), "
				 "pg_catalog.quote_ident(t.tgname), t.tgnargs, t.tgargs "
				 "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid "
				 "JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace "
				 "WHERE t.tgfoid OPERATOR(pg_catalog.=) %u", trigger_fn),
		SPI_OK_SELECT);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int			nargs = DatumGetInt16(SPI_getbinval(tuple, desc, 3, &isnull));
		bytea	   *raw = DatumGetByteaPP(SPI_getbinval(tuple, desc, 4, &isnull));
		const char *p = VARDATA_ANY(raw);
		const char *end = p + VARSIZE_ANY_EXHDR(raw);

		for (int a = 0; a < nargs && p < end; a++, p += strlen(p) + 1)
		{
			Oid			relid;
			char	   *schema;
			char	   *table;

			if (strncmp(p, "target=", 7) != 0 || !parse_target(p + 7, &schema, &table))
				continue;
			relid = RangeVarGetRelid(makeRangeVar(schema, table, -1), NoLock, true);
			if (relid == target)
				drops = lappend(drops, psprintf("DROP TRIGGER %s ON %s",
												SPI_getvalue(tuple, desc, 2),
												SPI_getvalue(tuple, desc, 1)));
		}
	}
	if (drops == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a live summary table", target_name),
				 errhint("live_summaries_drop() drops tables made by live_summaries_create().")));
	foreach(lc, drops)
		run((char *) lfirst(lc), SPI_OK_UTILITY);
	run(psprintf("DROP TABLE %s",
				 quote_qualified_identifier(get_namespace_name(get_rel_namespace(target)), target_name)),
		SPI_OK_UTILITY);
	SPI_finish();
	AtEOXact_GUC(true, level);
	PG_RETURN_VOID();
}
