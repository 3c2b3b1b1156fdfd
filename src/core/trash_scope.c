/* trash_scope.c - which unit a record to be deleted belongs to, so that
 * the trash keeps to the user's districts (access.h) like every other
 * read and write: a delete, a restore or a purge of a record outside the
 * scope is refused, and the trash lists only the scope's entries.
 *
 * The unit is found from the record's own unit (cadre, organisation), or
 * through the column that ties it to one (cadre_id, org_id, plan_id,
 * item_id), so that a kind of record added later is covered as soon as it
 * refers to a cadre or an organisation.
 */
#include "trash_internal.h"

#include <string.h>

#include "access.h"
#include "i18n.h"

/* The SQL that gives the unit of a row through its first tying column. */
static const struct tie {
	const char *column;
	const char *unit_sql; /* ?1 = the tying column's value */
} ties[] = {
	{"unit_id", "SELECT ?1"},
	{"cadre_id", "SELECT unit_id FROM cadre WHERE id = ?1"},
	{"org_id", "SELECT unit_id FROM org WHERE id = ?1"},
	{"plan_id", "SELECT coalesce((SELECT unit_id FROM cadre WHERE id = p.cadre_id),"
		    " (SELECT unit_id FROM org WHERE id = p.org_id)) FROM plan p WHERE p.id = ?1"},
	{"item_id", "SELECT coalesce((SELECT unit_id FROM cadre WHERE id = p.cadre_id),"
		    " (SELECT unit_id FROM org WHERE id = p.org_id))"
		    " FROM plan_item i JOIN plan p ON p.id = i.plan_id WHERE i.id = ?1"},
};

static bool has_column(store *s, const char *table, const char *column)
{
	return sqlite3_table_column_metadata(store_db(s), "main", table, column, NULL, NULL, NULL,
					     NULL, NULL) == SQLITE_OK;
}

/* The value of table.column for row id (0 when NULL or no row). */
static int column_of(store *s, const char *table, const char *column, int64_t id, int64_t *out,
		     cb_error *err)
{
	char qt[80], qc[80], sql[256];
	sqlite3_stmt *st;
	int rc;

	trash_quote(table, qt, sizeof qt);
	trash_quote(column, qc, sizeof qc);
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE rowid = ?1", qc, qt);
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CB_OK
						     : store_fail(s, err, _("Moving to the trash"));
}

static int unit_through(store *s, const char *sql, int64_t value, int64_t *unit, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, value);
	rc = sqlite3_step(st);
	*unit = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CB_OK
						     : store_fail(s, err, _("Moving to the trash"));
}

int trash_row_unit(store *s, const char *table, int64_t id, int64_t *unit, cb_error *err)
{
	int64_t value;
	int rc;

	*unit = 0;
	for (size_t i = 0; i < sizeof ties / sizeof ties[0]; i++) {
		if (!has_column(s, table, ties[i].column))
			continue;
		if ((rc = column_of(s, table, ties[i].column, id, &value, err)))
			return rc;
		if (value == 0)
			continue; /* a rating of an organisation has no cadre */
		return unit_through(s, ties[i].unit_sql, value, unit, err);
	}
	return CB_OK;
}

int trash_check_unit(store *s, int64_t unit, cb_error *err)
{
	return unit ? store_scope_unit(s, unit, err) : store_scope_province(s, err);
}
