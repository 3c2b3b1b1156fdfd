/* store_unit.c - the administrative units, mirrored from the configuration.
 *
 * Each unit keeps its pre-order interval [lo, hi]: a unit's subtree is every
 * unit whose lo falls in that interval, so "cadres of this district and its
 * communes" is one range condition whatever the depth of the hierarchy.
 */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "units.h"

#define UNIT_COLUMNS                                                                               \
	"id, code, name, kind, tier, coalesce(parent_id, 0), lo, hi, ended, "                      \
	"coalesce(successor_id, 0)"

static void read_unit(sqlite3_stmt *st, void *row)
{
	unit_row *u = row;
	u->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, u->code, sizeof u->code);
	store_column_copy(st, 2, u->name, sizeof u->name);
	store_column_copy(st, 3, u->kind, sizeof u->kind);
	u->tier = sqlite3_column_int(st, 4);
	u->parent_id = sqlite3_column_int64(st, 5);
	u->lo = sqlite3_column_int64(st, 6);
	u->hi = sqlite3_column_int64(st, 7);
	u->ended = CB_DATE_NONE;
	if (sqlite3_column_type(st, 8) != SQLITE_NULL)
		date_parse_iso((const char *)sqlite3_column_text(st, 8), &u->ended);
	u->successor_id = sqlite3_column_int64(st, 9);
}

static int unit_one(store *s, const char *sql, const char *code, int64_t id, unit_row *out,
		    cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	if (code)
		store_bind_text(st, 1, code);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_unit(st, out);
		rc = CB_OK;
	} else if (rc == SQLITE_DONE) {
		rc = code ? cb_error_set(err, CB_NOT_FOUND, _("No unit with code %s"), code)
			  : cb_error_set(err, CB_NOT_FOUND, _("No unit with id %lld"),
					 (long long)id);
	} else {
		rc = store_fail(s, err, _("Reading a unit"));
	}
	sqlite3_finalize(st);
	return rc;
}

int store_unit_by_code(store *s, const char *code, unit_row *out, cb_error *err)
{
	return unit_one(s, "SELECT " UNIT_COLUMNS " FROM unit WHERE code = ?", code, 0, out, err);
}

int store_unit_get(store *s, int64_t id, unit_row *out, cb_error *err)
{
	return unit_one(s, "SELECT " UNIT_COLUMNS " FROM unit WHERE id = ?", NULL, id, out, err);
}

/* A missing unit is the caller's bad value, not a missing record; so is
 * a unit that has ended (records go to units in force). */
int store_unit_ref(store *s, int64_t unit_id, unit_row *u, cb_error *err)
{
	int rc = store_unit_get(s, unit_id, u, err);
	char day[11];
	if (rc == CB_NOT_FOUND)
		return cb_error_set(err, CB_EINVALID, _("%s: no unit with id %lld"), _("Unit"),
				    (long long)unit_id);
	if (!rc && u->ended != CB_DATE_NONE) {
		date_format_iso(u->ended, day);
		return cb_error_set(err, CB_EINVALID, _("%s: %s ended on %s"), _("Unit"), u->name,
				    day);
	}
	return rc;
}

int store_unit_children(store *s, int64_t parent, unit_row **out, size_t *n, cb_error *err)
{
	static const char sql[] = "SELECT " UNIT_COLUMNS " FROM unit"
				  " WHERE coalesce(parent_id, 0) = ? AND ended IS NULL ORDER BY lo";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	if (st)
		sqlite3_bind_int64(st, 1, parent);
	return store_rows(s, st, sizeof **out, read_unit, (void **)out, n, _("Reading units"), err);
}

int store_units_list(store *s, bool include_ended, unit_row **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s,
		include_ended ? "SELECT " UNIT_COLUMNS " FROM unit ORDER BY lo"
			      : "SELECT " UNIT_COLUMNS " FROM unit WHERE ended IS NULL ORDER BY lo",
		err);
	return store_rows(s, st, sizeof **out, read_unit, (void **)out, n, _("Reading units"), err);
}

int store_unit_on(store *s, const char *code, cb_date on, unit_row *out, cb_error *err)
{
	static const char sql[] =
		"SELECT " UNIT_COLUMNS " FROM unit"
		" WHERE (code = ?1 OR code GLOB ?1 || '@*')"
		" AND (valid_from IS NULL OR valid_from <= ?2) AND (ended IS NULL OR ended > ?2)"
		" ORDER BY ended IS NULL DESC, ended LIMIT 1";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	char day[11];
	int rc;

	if (!st)
		return CB_EDB;
	date_format_iso(on, day);
	store_bind_text(st, 1, code);
	store_bind_text(st, 2, day);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_unit(st, out);
		rc = CB_OK;
	} else if (rc == SQLITE_DONE) {
		rc = cb_error_set(err, CB_NOT_FOUND, _("No unit with code %s on %s"), code, day);
	} else {
		rc = store_fail(s, err, _("Reading a unit"));
	}
	sqlite3_finalize(st);
	return rc;
}
