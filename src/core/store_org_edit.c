/* store_org_edit.c - changing a party organisation: renaming it, changing
 * its kind, moving it under another parent or unit, and ending it
 * (dissolved, or merged into another).
 *
 * Every change checks the version the caller read (a stale edit is refused
 * as for cadres) and is audited in the same transaction. An organisation
 * is never removed by ending it: it keeps its ratings, plans and place in
 * the reports of the years it existed. A merger moves its cadres and its
 * organisations to the successor, each move audited; a dissolution is
 * refused while anything still belongs to it, so nobody is left without
 * an organisation unasked.
 */
#include "access.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* Reads the row being changed and checks that it is the version read. */
static int current(store *s, int64_t id, int64_t version, org_row *out, cb_error *err)
{
	int rc = store_org_get(s, id, out, err);

	if (rc == CB_NOT_FOUND)
		return store_stale(s, "org", id, false, err);
	if (rc)
		return rc;
	if (out->version != version)
		return store_stale(s, "org", id, true, err);
	return CB_OK;
}

/* Refuses a parent that is the organisation itself, lies under it, or has
 * ended. */
static int check_parent(store *s, int64_t id, int64_t parent, cb_error *err)
{
	org_row p;
	int rc, steps = 0;

	for (int64_t at = parent; at; at = p.parent_id) {
		if (at == id)
			return cb_error_set(err, CB_EINVALID,
					    _("%s: an organisation cannot be placed under itself "
					      "or under one of its own organisations"),
					    _("Parent organisation"));
		if ((rc = store_org_get(s, at, &p, err)))
			return rc == CB_NOT_FOUND
				       ? cb_error_set(err, CB_EINVALID,
						      _("%s: no organisation with id %lld"),
						      _("Parent organisation"), (long long)at)
				       : rc;
		if (at == parent && p.ended != CB_DATE_NONE)
			return cb_error_set(err, CB_EINVALID, _("%s: %s has ended"),
					    _("Parent organisation"), p.name);
		if (++steps > 10000) /* a cycle already in the file */
			return cb_error_set(err, CB_EDB,
					    _("The organisation tree has a cycle at %lld"),
					    (long long)at);
	}
	return CB_OK;
}

/* Writes o over the stored row (version checked) and audits the change. */
static int write_org(store *s, const org_row *old, org_row *o, cb_error *err)
{
	static const char sql[] =
		"UPDATE org SET name = ?, kind = ?, parent_id = ?, unit_id = ?, ended = ?,"
		" end_reason = ?, merged_into = ?, version = version + 1"
		" WHERE id = ? AND version = ?";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	char date[16], *before, *after;
	int rc;

	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, o->name);
	sqlite3_bind_int(st, 2, o->kind);
	o->parent_id ? sqlite3_bind_int64(st, 3, o->parent_id) : sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, o->unit_id);
	if (o->ended != CB_DATE_NONE) {
		date_format_iso(o->ended, date);
		store_bind_text(st, 5, date);
	} else {
		sqlite3_bind_null(st, 5);
	}
	sqlite3_bind_int(st, 6, o->end_reason);
	o->merged_into ? sqlite3_bind_int64(st, 7, o->merged_into) : sqlite3_bind_null(st, 7);
	sqlite3_bind_int64(st, 8, o->id);
	sqlite3_bind_int64(st, 9, old->version);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Saving a party organisation"));
	if (sqlite3_changes(s->db) != 1)
		return store_stale(s, "org", o->id, true, err);
	before = store_org_json(old);
	after = store_org_json(o);
	rc = before && after ? store_audit(s, "org", o->id, "update", before, after, err)
			     : cb_error_set(err, CB_EDB, _("Out of memory"));
	free(before);
	free(after);
	if (!rc)
		o->version = old->version + 1;
	return rc;
}

static int update_tx(store *s, org_row *o, cb_error *err)
{
	org_row old;
	unit_row u;
	int rc;

	if ((rc = current(s, o->id, o->version, &old, err)))
		return rc;
	if (old.ended != CB_DATE_NONE)
		return cb_error_set(err, CB_EINVALID,
				    _("%s has ended; it can no longer be changed"), old.name);
	if ((rc = store_unit_ref(s, o->unit_id, &u, err)) ||
	    (o->parent_id && (rc = check_parent(s, o->id, o->parent_id, err))))
		return rc;
	o->ended = old.ended;
	o->end_reason = old.end_reason;
	o->merged_into = old.merged_into;
	return write_org(s, &old, o, err);
}

int store_org_update(store *s, org_row *o, cb_error *err)
{
	/* the reader's scope (access.h): where it is and where it goes */
	int scope_rc = store_scope_org(s, o->id, err);
	if (!scope_rc)
		scope_rc = store_scope_unit(s, o->unit_id, err);
	if (scope_rc)
		return scope_rc;
	int64_t version = o->version;
	int rc = store_org_validate(o, err);

	if (rc || (rc = store_begin(s, err)))
		return rc;
	if ((rc = store_finish(s, update_tx(s, o, err), err)))
		o->version = version;
	return rc;
}

/* ---- ending ------------------------------------------------------------- */

/* How many cadres and living organisations still belong to org `id`. */
static int members(store *s, int64_t id, int *cadres, int *orgs, cb_error *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM cadre WHERE org_id = ?1),"
		" (SELECT count(*) FROM org WHERE parent_id = ?1 AND ended IS NULL)";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*cadres = sqlite3_column_int(st, 0);
		*orgs = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Reading a party organisation"));
}

/* Moves every cadre of org `from` to `to`, one audited change each. */
static int move_cadres(store *s, int64_t from, int64_t to, cb_error *err)
{
	static const char sql[] =
		"UPDATE cadre SET org_id = ?2, version = version + 1 WHERE org_id = ?1"
		" RETURNING id";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	char before[64], after[64];
	int rc = CB_OK, step;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	snprintf(before, sizeof before, "{\"org_id\": %lld}", (long long)from);
	snprintf(after, sizeof after, "{\"org_id\": %lld}", (long long)to);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = store_audit(s, "cadre", sqlite3_column_int64(st, 0), "update", before, after,
				 err);
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Moving the cadres of a party organisation"));
	sqlite3_finalize(st);
	return rc;
}

/* Moves every living child organisation of `from` under `to`. */
static int move_children(store *s, int64_t from, int64_t to, cb_error *err)
{
	static const char sql[] = "SELECT id FROM org WHERE parent_id = ? AND ended IS NULL";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = CB_OK, step;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, from);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			int64_t *grown = realloc(ids, (cap = cap ? cap * 2 : 16) * sizeof *ids);
			if (!grown) {
				rc = cb_error_set(err, CB_EDB, _("Out of memory"));
				break;
			}
			ids = grown;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading party organisations"));
	sqlite3_finalize(st);
	for (size_t i = 0; !rc && i < n; i++) {
		org_row old, child;
		if (!(rc = store_org_get(s, ids[i], &old, err))) {
			child = old;
			child.parent_id = to;
			rc = write_org(s, &old, &child, err);
		}
	}
	free(ids);
	return rc;
}

static int end_tx(store *s, int64_t id, int64_t version, cb_date date, int reason,
		  int64_t successor, cb_error *err)
{
	org_row old, o, succ;
	int cadres = 0, orgs = 0, rc;

	if ((rc = current(s, id, version, &old, err)))
		return rc;
	if (old.ended != CB_DATE_NONE)
		return cb_error_set(err, CB_EINVALID, _("%s has already ended"), old.name);
	if (reason == ORG_DISSOLVED) {
		if ((rc = members(s, id, &cadres, &orgs, err)))
			return rc;
		if (cadres || orgs)
			return cb_error_set(
				err, CB_EINVALID,
				_("%s still has %d cadres and %d party organisations; move them "
				  "first, or merge it into another organisation"),
				old.name, cadres, orgs);
	} else {
		if (successor == id)
			return cb_error_set(err, CB_EINVALID,
					    _("An organisation cannot be merged into itself"));
		if ((rc = store_org_get(s, successor, &succ, err)))
			return rc == CB_NOT_FOUND
				       ? cb_error_set(err, CB_EINVALID,
						      _("%s: no organisation with id %lld"),
						      _("Merged into"), (long long)successor)
				       : rc;
		if ((rc = check_parent(s, id, successor, err)))
			return rc;
		if ((rc = move_cadres(s, id, successor, err)) ||
		    (rc = move_children(s, id, successor, err)))
			return rc;
	}
	o = old;
	o.ended = date;
	o.end_reason = reason;
	o.merged_into = reason == ORG_MERGED ? successor : 0;
	return write_org(s, &old, &o, err);
}

int store_org_end(store *s, int64_t id, int64_t version, cb_date date, int reason,
		  int64_t successor, cb_error *err)
{
	/* the reader's scope (access.h): the organisation and its successor */
	int scope_rc = store_scope_org(s, id, err);
	if (!scope_rc && successor)
		scope_rc = store_scope_org(s, successor, err);
	if (scope_rc)
		return scope_rc;
	int rc;

	if (date == CB_DATE_NONE)
		return cb_error_set(err, CB_EINVALID, _("%s must not be empty"), _("End date"));
	if (reason != ORG_DISSOLVED && reason != ORG_MERGED)
		return cb_error_set(err, CB_EINVALID,
				    _("An organisation ends dissolved or merged"));
	if ((rc = store_begin(s, err)))
		return rc;
	return store_finish(s, end_tx(s, id, version, date, reason, successor, err), err);
}
