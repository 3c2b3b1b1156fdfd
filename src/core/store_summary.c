/* store_summary.c - suspending the yearly summary's upkeep for a bulk load,
 * and checking it against the records (store_summary.h). */
#include "store_internal.h"
#include "store_summary.h"

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

int store_summary_resume(store *s, cb_error *err)
{
	if (!store_summary_present(s))
		return CB_OK;
	if (sqlite3_exec(store_db(s), "DELETE FROM cadre_year;" SUMMARY_FILL_SQL, NULL, NULL,
			 NULL) != SQLITE_OK ||
	    (store_summary_suspend(s, err) != CB_OK) ||
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
