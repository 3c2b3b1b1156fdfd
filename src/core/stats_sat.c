/* stats_sat.c - every cadre's ratings, trainings and planning of a year
 * in memory (stats_internal.h says why), read the fastest way that
 * applies and kept with the connection between counts.
 *
 * Reading a year's ratings and trainings is half the work of a breakdown
 * by rating or of the target panel, and the screens count again and again
 * (another dimension, another district) while nothing changes. So the
 * last records read stay with the connection (the user data of the SQL
 * function canbo_records, freed when the connection closes), stamped with
 * what says whether the database changed since:
 *   - PRAGMA data_version, which changes when another connection (another
 *     user, another process) commits;
 *   - sqlite3_total_changes64, which counts every row this connection
 *     inserts, updates or deletes (rolled back or not, triggers and
 *     foreign-key actions included).
 * Both unchanged: no rating, training or planning row can have changed,
 * so the records are the same. Anything else: read again. The counting
 * itself writes rows of temporary tables; stats_sat_done takes those into
 * the stamp, since nothing else runs on the connection in between.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

/* The records kept with a connection (see above), stamped. */
typedef struct sat_cache {
	bool valid;
	int year, need;
	int64_t version, changes;
	stats_sat sat;
} sat_cache;

/* canbo_sat(ptr, cadre id): the loaded yearly-record bits of a cadre. */
static void fn_sat(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	stats_sat *sat = sqlite3_value_pointer(argv[0], stats_ptr_type);
	int64_t id = sqlite3_value_int64(argv[1]);
	(void)argc;
	sqlite3_result_int(cx, sat && sat->bits && id >= 0 && id < sat->n ? sat->bits[id] : 0);
}

/* canbo_satload(ptr, cadre id, bits): ORs bits into the cadre's (a NULL
 * id, an organisation's rating, is no cadre's); counts the entries read. */
static void fn_satload_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	stats_sat *sat = stats_agg_ptr(cx, argv[0]);
	int64_t id = sqlite3_value_int64(argv[1]);
	(void)argc;
	if (sat)
		sat->rows++;
	if (sat && sat->bits && id >= 0 && id < sat->n &&
	    sqlite3_value_type(argv[1]) == SQLITE_INTEGER)
		sat->bits[id] |= (uint16_t)sqlite3_value_int(argv[2]);
}

/* Runs a statement that returns one row and no value we need;
 * CB_NOT_FOUND when it does not prepare (a missing index it names). */
static int run_once(store *s, const sql_build *b, const char *what, cb_error *err)
{
	sqlite3_stmt *st;
	int rc = sql_prepare(s, b, &st, what, err);
	if (rc == CB_EDB)
		return CB_NOT_FOUND;
	if (rc)
		return rc;
	rc = sqlite3_step(st);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? CB_OK : store_fail(s, err, what);
	sqlite3_finalize(st);
	return rc;
}

/* ---- reading the records -------------------------------------------------- */

#define SAT_MAX_IDS (1 << 24)

/* Size of the array: the highest cadre id + 1, unless ids are so sparse
 * that the array would be mostly empty (then 0: use subqueries). */
static int sat_size(store *s, int64_t *n, cb_error *err)
{
	sqlite3_stmt *st;
	int64_t max = 0, count = 0;

	/* two subqueries: each alone has its shortcut (the last rowid, the
	 * page counts), together in one SELECT they would read every row */
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT coalesce((SELECT max(id) FROM cadre), 0),"
			       " (SELECT count(*) FROM cadre)",
			       -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Counting cadres"));
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s, err, _("Counting cadres"));
	}
	max = sqlite3_column_int64(st, 0);
	count = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	*n = max < SAT_MAX_IDS && max <= 4 * count + 65536 ? max + 1 : 0;
	return CB_OK;
}

/* Each read, through the index that holds all it needs (rating_year,
 * training_year: the year's entries only, no table rows):
 *  0. when the year is the latest one of the table (the usual case: the
 *     default year is the latest rated), from its first entry to the end
 *     of the index, without testing the year of each entry (a fifth less
 *     work); the year compared with the latest in the same statement, so
 *     from the same snapshot of the database. No entry read means another
 *     year: then
 *  1. the entries of the year;
 *  2. without the index (a database made before it, opened read-only
 *     since) by a table scan: without "+", the planner would look up every
 *     rating through rating_cadre instead.
 * Organisations' ratings (cadre_id NULL) are read too and skipped. */
#define TRAINING_BITS "8 | CASE WHEN kind BETWEEN 1 AND 4 THEN 1 << (3 + kind) ELSE 0 END"
static const char *const sat_loads[][3] = {
	{"SELECT canbo_satload(?, cadre_id, grade) FROM rating INDEXED BY rating_year"
	 " WHERE year >= (SELECT CASE max(year) WHEN ?2 THEN ?2 END FROM rating)",
	 "SELECT canbo_satload(?, cadre_id, grade) FROM rating INDEXED BY rating_year"
	 " WHERE year = ?",
	 "SELECT canbo_satload(?, cadre_id, grade) FROM rating"
	 " WHERE year = ? AND +cadre_id IS NOT NULL"},
	{"SELECT canbo_satload(?, cadre_id, " TRAINING_BITS ") FROM training"
	 " INDEXED BY training_year"
	 " WHERE year >= (SELECT CASE max(year) WHEN ?2 THEN ?2 END FROM training)",
	 "SELECT canbo_satload(?, cadre_id, " TRAINING_BITS ") FROM training"
	 " INDEXED BY training_year WHERE year = ?",
	 "SELECT canbo_satload(?, cadre_id, " TRAINING_BITS ") FROM training WHERE year = ?"},
	{NULL, NULL, "SELECT canbo_satload(?, cadre_id, 256) FROM planning WHERE ? IS NOT NULL"},
};

/* Runs read `alt` of sat_loads[i]; CB_NOT_FOUND when it does not prepare
 * (its index is missing). */
static int sat_run(store *s, int i, int alt, int year, stats_sat *sat, sql_build *b, cb_error *err)
{
	b->len = 0;
	b->n = 0;
	b->overflow = false;
	b->text[0] = '\0';
	sql_put(b, sat_loads[i][alt]);
	sql_ptr(b, sat);
	sql_int(b, year);
	return run_once(s, b, _("Reading ratings and trainings"), err);
}

/* One kind of record, the fastest way that applies. */
static int sat_read_one(store *s, int i, int year, stats_sat *sat, sql_build *b, cb_error *err)
{
	int64_t before = sat->rows;
	int rc;

	if (sat_loads[i][0]) {
		rc = sat_run(s, i, 0, year, sat, b, err);
		if (rc == CB_OK && sat->rows > before)
			return CB_OK;
		if (rc == CB_OK)
			rc = sat_run(s, i, 1, year, sat, b, err); /* not the latest year */
		if (rc != CB_NOT_FOUND)
			return rc;
		cb_error_clear(err); /* no such index: the plain read */
	}
	rc = sat_run(s, i, 2, year, sat, b, err);
	return rc == CB_NOT_FOUND ? CB_EDB : rc; /* err says why */
}

/* Reads the year's records from the database. */
static int sat_read(store *s, int year, int need, stats_sat *sat, cb_error *err)
{
	sql_build *b;
	int rc;

	memset(sat, 0, sizeof *sat);
	if ((rc = sat_size(s, &sat->n, err)) || sat->n == 0)
		return rc;
	if (!(sat->bits = calloc((size_t)sat->n, sizeof *sat->bits)) || !(b = malloc(sizeof *b))) {
		free(sat->bits);
		sat->bits = NULL;
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	rc = stats_sat_read_summary(s, year, need, sat, err);
	if (rc == CB_NOT_FOUND) { /* no summary: the records themselves */
		cb_error_clear(err);
		rc = CB_OK;
		for (int i = 0; i < 3 && !rc; i++)
			if (need & (1 << i))
				rc = sat_read_one(s, i, year, sat, b, err);
	}
	free(b);
	if (rc) {
		free(sat->bits);
		sat->bits = NULL;
	}
	return rc;
}

/* ---- keeping the records between counts --------------------------------- */

static void cache_destroy(void *p)
{
	sat_cache *c = p;
	if (c)
		free(c->sat.bits);
	free(c);
}

/* canbo_records(): the connection's cache, as a pointer value. */
static void fn_records(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_pointer(cx, sqlite3_user_data(cx), stats_ptr_type, NULL);
}

static sat_cache *cache_of(store *s)
{
	sqlite3_stmt *st;
	sat_cache *c = NULL;
	if (sqlite3_prepare_v2(store_db(s), "SELECT canbo_records()", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		c = sqlite3_value_pointer(sqlite3_column_value(st, 0), stats_ptr_type);
	sqlite3_finalize(st);
	return c;
}

/* PRAGMA data_version, or -1 when it cannot be read (then no reuse). */
static int64_t data_version(store *s)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(store_db(s), "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Whether the records c keeps answer `need` for `year` and are current:
 * nothing written since they were read, by another connection (data
 * version) or by this one (its count of changes). */
static bool kept_current(store *s, const sat_cache *c, int year, int need, int64_t version)
{
	return c && c->valid && version >= 0 && c->year == year && (c->need & need) == need &&
	       c->version == version && c->changes == sqlite3_total_changes64(store_db(s));
}

int stats_sat_load(store *s, int year, int need, stats_sat *sat, cb_error *err)
{
	sat_cache *c;
	int64_t version, changes;
	int rc;

	memset(sat, 0, sizeof *sat);
	if ((rc = stats_sql_register(s, err)))
		return rc;
	c = cache_of(s);
	version = data_version(s);
	changes = sqlite3_total_changes64(store_db(s));
	if (kept_current(s, c, year, need, version)) {
		*sat = c->sat;
		sat->cached = true;
		return CB_OK;
	}
	if (need == 0)
		return CB_OK; /* nothing to read; none kept is current */
	if ((rc = sat_read(s, year, need, sat, err)))
		stats_par_release(s); /* no stats_sat_done follows a failure */
	if (rc || !c || version < 0)
		return rc;
	free(c->sat.bits);
	c->sat = *sat;
	c->valid = true;
	c->year = year;
	c->need = need;
	c->version = version;
	c->changes = changes;
	sat->cached = true;
	return CB_OK;
}

bool stats_sat_current(store *s, int year, int need, stats_sat *sat)
{
	sat_cache *c;
	int64_t version;

	memset(sat, 0, sizeof *sat);
	/* no functions registered: nothing was ever kept */
	if (!(c = cache_of(s)))
		return false;
	version = data_version(s);
	if (!c->sat.bits || !kept_current(s, c, year > 0 ? year : c->year, need, version))
		return false;
	*sat = c->sat;
	sat->cached = true;
	return true;
}

void stats_sat_done(store *s, stats_sat *sat)
{
	sat_cache *c;

	stats_par_release(s); /* the count is over */
	stats_walk_done(s);

	if (sat->cached) {
		if ((c = cache_of(s)) && c->valid && c->sat.bits == sat->bits)
			c->changes = sqlite3_total_changes64(store_db(s));
	} else {
		free(sat->bits);
	}
	sat->bits = NULL;
	sat->n = 0;
	sat->cached = false;
}

int stats_sat_register(sqlite3 *db, int flags)
{
	int rc = sqlite3_create_function_v2(db, "canbo_satload", 3, flags, NULL, NULL,
					    fn_satload_step, stats_agg_null, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(db, "canbo_records", 0, flags,
						calloc(1, sizeof(sat_cache)), fn_records, NULL,
						NULL, cache_destroy);
	if (rc == SQLITE_OK)
		rc = stats_walk_register(db, flags);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(db, "canbo_sat", 2, flags, NULL, fn_sat, NULL, NULL,
						NULL);
	return rc;
}
