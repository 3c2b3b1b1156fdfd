/* store_summary.c - suspending the yearly summary's upkeep for a bulk load,
 * and checking it against the records (store_summary.h). */
#include "store_internal.h"
#include "store_summary.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const trigger_names[SUMMARY_TRIGGER_COUNT] = {
	"cadre_year_rating_ins",   "cadre_year_rating_del",   "cadre_year_rating_upd",
	"cadre_year_training_ins", "cadre_year_training_del", "cadre_year_training_upd",
	"cadre_year_planning_ins", "cadre_year_planning_del", "cadre_year_planning_upd",
};

bool store_summary_present(store *s)
{
	sqlite3_stmt *st;
	bool ok = sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM cadre_year LIMIT 0", -1, &st,
				     NULL) == SQLITE_OK;
	sqlite3_finalize(st);
	return ok;
}

int store_summary_suspend(store *s, cb_error *err)
{
	char sql[96];

	if (!store_summary_present(s))
		return CB_OK;
	for (int i = 0; i < SUMMARY_TRIGGER_COUNT; i++) {
		snprintf(sql, sizeof sql, "DROP TRIGGER IF EXISTS %s", trigger_names[i]);
		if (sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) != SQLITE_OK)
			return store_fail(s, err, _("Upgrading the database"));
	}
	return CB_OK;
}

/* ---- the refill after a bulk load ----------------------------------------
 *
 * SUMMARY_FILL_SQL groups every record by (year, cadre): a sort of
 * millions of rows, which a bulk load (temp_store = MEMORY) would hold in
 * memory. Here instead one year at a time, through the indexes led by the
 * year, into an array of one byte per cadre id, written out by blocks of
 * eight: memory is one byte per cadre. */

/* ORs into bytes[id] the value of column 1 of each row (column 0 the id),
 * turned into the summary's byte: a grade as it is, a training kind k as
 * 8 | 1 << (3 + k), a pool entry as 1. */
enum fill_kind { FILL_GRADE, FILL_KIND, FILL_POOL };

static bool fill_read(store *s, const char *sql, int year, enum fill_kind how, unsigned char *bytes,
		      int64_t n)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int v = sqlite3_column_int(st, 1);
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || id < 0 || id >= n)
			continue;
		bytes[id] |= how == FILL_GRADE	? (unsigned char)(v & 7)
			     : how == FILL_POOL ? 1
			     : v >= 1 && v <= 4 ? (unsigned char)(8 | 1 << (3 + v))
						: 8;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

/* Writes the nonzero blocks of bytes as the rows of `year`. */
static bool fill_write(store *s, int year, const unsigned char *bytes, int64_t n)
{
	sqlite3_stmt *st;
	bool ok = true;
	if (sqlite3_prepare_v2(store_db(s),
			       "INSERT INTO cadre_year(year, block, bits) VALUES(?, ?, ?)", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	for (int64_t b = 0; ok && b * 8 < n; b++) {
		uint64_t v = 0;
		for (int k = 7; k >= 0; k--)
			v = v << 8 | (b * 8 + k < n ? bytes[b * 8 + k] : 0);
		if (!v)
			continue;
		sqlite3_bind_int(st, 1, year);
		sqlite3_bind_int64(st, 2, b);
		sqlite3_bind_int64(st, 3, (int64_t)v);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return ok;
}

#define REFILL_MAX_IDS (INT64_C(1) << 26)

static bool refill(store *s)
{
	int64_t n = store_int(s,
			      "SELECT max(coalesce((SELECT max(cadre_id) FROM rating), 0),"
			      " coalesce((SELECT max(cadre_id) FROM training), 0),"
			      " coalesce((SELECT max(cadre_id) FROM planning), 0)) + 1",
			      -1);
	int64_t lo = store_int(s,
			       "SELECT min(coalesce((SELECT min(year) FROM rating), 1 << 30),"
			       " coalesce((SELECT min(year) FROM training), 1 << 30))",
			       -1);
	int64_t hi = store_int(s,
			       "SELECT max(coalesce((SELECT max(year) FROM rating), -1),"
			       " coalesce((SELECT max(year) FROM training), -1))",
			       -1);
	unsigned char *bytes;
	bool ok = true;

	if (n <= 0 || lo < 0 || hi < -1)
		return false;
	if (n > REFILL_MAX_IDS || !(bytes = malloc((size_t)n))) /* ids too sparse: sorted */
		return sqlite3_exec(store_db(s), "DELETE FROM cadre_year;" SUMMARY_FILL_SQL, NULL,
				    NULL, NULL) == SQLITE_OK;
	if (sqlite3_exec(store_db(s), "DELETE FROM cadre_year", NULL, NULL, NULL) != SQLITE_OK)
		ok = false;
	for (int64_t y = lo; ok && y <= hi; y++) {
		memset(bytes, 0, (size_t)n);
		ok = fill_read(s, "SELECT cadre_id, grade FROM rating WHERE year = ?", (int)y,
			       FILL_GRADE, bytes, n) &&
		     fill_read(s, "SELECT cadre_id, kind FROM training WHERE year = ?", (int)y,
			       FILL_KIND, bytes, n) &&
		     fill_write(s, (int)y, bytes, n);
	}
	if (ok) {
		memset(bytes, 0, (size_t)n);
		ok = fill_read(s, "SELECT cadre_id, 1 FROM planning WHERE ?1 IS NOT NULL", 0,
			       FILL_POOL, bytes, n) &&
		     fill_write(s, -1, bytes, n);
	}
	free(bytes);
	return ok;
}

int store_summary_resume(store *s, cb_error *err)
{
	if (!store_summary_present(s))
		return CB_OK;
	if (!refill(s) || (store_summary_suspend(s, err) != CB_OK) ||
	    sqlite3_exec(store_db(s), SUMMARY_TRIGGERS_SQL, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Upgrading the database"));
	return CB_OK;
}

long long store_summary_mismatches(store *s)
{
	static const char sql[] =
		"WITH r AS (" SUMMARY_RECOUNT_SQL "),"
		" u AS (" SUMMARY_UNPACK_SQL ")"
		" SELECT (SELECT count(*) FROM (SELECT * FROM r WHERE byte <> 0"
		" EXCEPT SELECT * FROM u))"
		" + (SELECT count(*) FROM (SELECT * FROM u EXCEPT SELECT * FROM r))";
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
