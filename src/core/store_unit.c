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

/* Whether every configured unit is stored as configured (then nothing is
 * written, and no write lock taken: a reader's start stays a reader's). */
static int units_in_sync(store *s, const cfg *c, const int64_t *hi, bool *same, cb_error *err)
{
	static const char sql[] =
		"SELECT 1 FROM unit WHERE code = ?1 AND name IS ?2 AND kind IS ?3 AND tier IS ?4"
		" AND lo IS ?6 AND hi IS ?7"
		" AND parent_id IS (SELECT id FROM unit WHERE code = ?5)";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc = SQLITE_ROW;

	*same = true;
	if (!st)
		return CB_EDB;
	for (size_t i = 0; *same && i < c->unit_count; i++) {
		const cfg_unit *u = &c->units[i];
		sqlite3_reset(st);
		store_bind_text(st, 1, u->code);
		store_bind_text(st, 2, u->name);
		store_bind_text(st, 3, u->kind);
		sqlite3_bind_int(st, 4, u->tier);
		store_bind_text(st, 5, u->parent >= 0 ? c->units[u->parent].code : NULL);
		sqlite3_bind_int64(st, 6, (int64_t)i + 1);
		sqlite3_bind_int64(st, 7, hi[i]);
		rc = sqlite3_step(st);
		*same = rc == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Reading the administrative units"));
	return CB_OK;
}

int store_sync_units(store *s, const cfg *c, cb_error *err)
{
	static const char sql[] =
		"INSERT INTO unit(code, name, kind, tier, parent_id, lo, hi)"
		" VALUES(?1, ?2, ?3, ?4, (SELECT id FROM unit WHERE code = ?5), ?6, ?7)"
		" ON CONFLICT(code) DO UPDATE SET name = ?2, kind = ?3, tier = ?4,"
		" parent_id = (SELECT id FROM unit WHERE code = ?5), lo = ?6, hi = ?7"
		" WHERE name IS NOT ?2 OR kind IS NOT ?3 OR tier IS NOT ?4 OR lo IS NOT ?6"
		" OR hi IS NOT ?7 OR parent_id IS NOT (SELECT id FROM unit WHERE code = ?5)";
	size_t n = c->unit_count;
	int64_t *hi = calloc(n ? n : 1, sizeof *hi);
	sqlite3_stmt *st = NULL;
	int rc;

	if (!hi)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (size_t i = n; i-- > 0;) {
		if (hi[i] < (int64_t)i + 1)
			hi[i] = (int64_t)i + 1;
		int p = c->units[i].parent;
		if (p >= 0 && hi[p] < hi[i])
			hi[p] = hi[i];
	}
	bool same;
	if ((rc = units_in_sync(s, c, hi, &same, err)) || same) {
		free(hi);
		return rc;
	}
	if ((rc = store_begin(s, err))) {
		free(hi);
		return rc;
	}
	if (!(st = store_prepare(s, sql, err))) {
		rc = CB_EDB;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const cfg_unit *u = &c->units[i];
		sqlite3_reset(st);
		store_bind_text(st, 1, u->code);
		store_bind_text(st, 2, u->name);
		store_bind_text(st, 3, u->kind);
		sqlite3_bind_int(st, 4, u->tier);
		store_bind_text(st, 5, u->parent >= 0 ? c->units[u->parent].code : NULL);
		sqlite3_bind_int64(st, 6, (int64_t)i + 1);
		sqlite3_bind_int64(st, 7, hi[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = store_fail(s, err, _("Updating the administrative units"));
			goto out;
		}
	}
out:
	sqlite3_finalize(st);
	free(hi);
	return store_finish(s, rc, err);
}

#define UNIT_COLUMNS "id, code, name, kind, tier, coalesce(parent_id, 0), lo, hi"

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

/* A missing unit is the caller's bad value, not a missing record. */
int store_unit_ref(store *s, int64_t unit_id, unit_row *u, cb_error *err)
{
	int rc = store_unit_get(s, unit_id, u, err);
	if (rc == CB_NOT_FOUND)
		return cb_error_set(err, CB_EINVALID, _("%s: no unit with id %lld"), _("Unit"),
				    (long long)unit_id);
	return rc;
}

int store_unit_children(store *s, int64_t parent, unit_row **out, size_t *n, cb_error *err)
{
	static const char sql[] = "SELECT " UNIT_COLUMNS " FROM unit"
				  " WHERE coalesce(parent_id, 0) = ? ORDER BY lo";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	if (st)
		sqlite3_bind_int64(st, 1, parent);
	return store_rows(s, st, sizeof **out, read_unit, (void **)out, n, _("Reading units"), err);
}
