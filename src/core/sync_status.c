/* sync_status.c - what has been sent and applied, per office, and the
 * conflicts waiting for a person (sync.h). */
#include "access.h"
#include "store_sql.h"
#include "sync_internal.h"

#include <stdlib.h>

#include "i18n.h"

static void read_office(sqlite3_stmt *st, void *row)
{
	sync_office_row *r = row;
	store_column_copy(st, 0, r->office, sizeof r->office);
	r->seq = sqlite3_column_int64(st, 1);
	store_column_copy(st, 2, r->at, sizeof r->at);
	r->changes = sqlite3_column_int64(st, 3);
	r->open_conflicts = sqlite3_column_int64(st, 4);
	r->self = sqlite3_column_int(st, 5);
	r->pending = sqlite3_column_int64(st, 6);
}

int sync_status(store *s, sync_office_row **out, size_t *n, cb_error *err)
{
	static const char sql[] =
		"SELECT office, seq, coalesce(exported_at, ''), 0, 0, 1,"
		" (SELECT count(*) FROM sync_outbox WHERE seq IS NULL) FROM sync_self"
		" UNION ALL "
		"SELECT a.office, max(a.seq), max(a.applied_at), sum(a.changes),"
		" (SELECT count(*) FROM sync_conflict k WHERE k.office = a.office"
		"  AND k.resolved_at IS NULL), 0, 0"
		" FROM sync_applied a GROUP BY a.office"
		" ORDER BY 6 DESC, 1";
	return store_rows(s, store_prepare(s, sql, err), sizeof **out, read_office, (void **)out, n,
			  _("Reading the sync state"), err);
}

static void read_conflict(sqlite3_stmt *st, void *row)
{
	sync_conflict_row *r = row;
	r->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, r->office, sizeof r->office);
	r->seq = sqlite3_column_int64(st, 2);
	store_column_copy(st, 3, r->table, sizeof r->table);
	r->local_id = sqlite3_column_int64(st, 4);
	store_column_copy(st, 5, r->kind, sizeof r->kind);
	r->theirs = sqlite3_column_type(st, 6) == SQLITE_NULL
			    ? NULL
			    : strdup((const char *)sqlite3_column_text(st, 6));
	r->ours = sqlite3_column_type(st, 7) == SQLITE_NULL
			  ? NULL
			  : strdup((const char *)sqlite3_column_text(st, 7));
}

int sync_conflicts(store *s, sync_conflict_row **out, size_t *n, cb_error *err)
{
	static const char sql[] =
		"SELECT id, office, seq, tbl, coalesce(local_id, 0), kind, theirs,"
		" ours FROM sync_conflict WHERE resolved_at IS NULL ORDER BY id";
	/* they show records of every office */
	if (store_scoped(s, NULL, NULL))
		return cb_error_set(
			err, CB_EACCESS,
			_("Conflicts between offices are resolved by a user with access to "
			  "the whole database; yours is limited to some districts"));
	return store_rows(s, store_prepare(s, sql, err), sizeof **out, read_conflict, (void **)out,
			  n, _("Reading the conflicts"), err);
}

void sync_conflicts_free(sync_conflict_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].theirs);
		free(rows[i].ours);
	}
	free(rows);
}

int sync_conflict_resolve(store *s, int64_t id, cb_error *err)
{
	sqlite3_stmt *st;
	int rc;
	if (store_scoped(s, NULL, NULL))
		return cb_error_set(
			err, CB_EACCESS,
			_("Conflicts between offices are resolved by a user with access to "
			  "the whole database; yours is limited to some districts"));
	if ((rc = store_begin(s, err)))
		return rc;
	if (!(st = store_prepare(s,
				 "UPDATE sync_conflict SET resolved_at ="
				 " strftime('%Y-%m-%d %H:%M:%S','now'), resolved_by = ?2"
				 " WHERE id = ?1 AND resolved_at IS NULL",
				 err)))
		return store_finish(s, CB_EDB, err);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, store_user(s));
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, err, _("Marking the conflict resolved"));
	else if (sqlite3_changes(store_db(s)) == 0)
		rc = cb_error_set(err, CB_NOT_FOUND, _("There is no open conflict %lld"),
				  (long long)id);
	sqlite3_finalize(st);
	if (!rc)
		rc = store_audit(s, "sync_conflict", id, "resolve", NULL, NULL, err);
	return store_finish(s, rc, err);
}
