/* plans_write.c - the versioned, audited write of one row (plans_write.h),
 * shared by the action plans and the self-checks, and the checks of the
 * text and dates a user typed into them.
 *
 * Every write is one BEGIN IMMEDIATE transaction holding the change and
 * its audit row(s) (a JSON snapshot of the row made by SQLite itself, so
 * the audit text is always valid JSON). Updates carry the version they
 * were read at: `... WHERE id = ? AND version = ?`, and 0 rows changed
 * means someone else saved first (CB_ESTALE) or deleted the row: the
 * user is told which, and nothing is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plans_write.h"
#include "store_sql.h"
#include "text.h"
#include "trash.h"

/* Prepares sql, binds ids to ?1.. and steps it once: the step's SQLite
 * code, or -1 when it does not prepare (err says why). */
static int step_ids(store *s, const char *sql, const int64_t *ids, int n, sqlite3_stmt **st,
		    cb_error *err)
{
	if (!(*st = store_prepare(s, sql, err)))
		return -1;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(*st, i + 1, ids[i]);
	return sqlite3_step(*st);
}

/* Runs a one-row JSON query for id (sql has one parameter) into *out;
 * *out stays NULL if the row does not exist. */
int plans_snapshot(store *s, const char *sql, int64_t id, char **out, cb_error *err)
{
	sqlite3_stmt *st;
	int rc = CB_OK, step;
	*out = NULL;
	if ((step = step_ids(s, sql, &id, 1, &st, err)) < 0)
		return CB_EDB;
	if (step == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && !(*out = strdup(t)))
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	} else if (step != SQLITE_DONE) {
		rc = store_fail(s, err, _("Reading an action plan"));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Writes the audit row of a change to table/id, snapshotting the row after
 * the change with snap_sql (NULL for a delete). old may be NULL. */
int plans_audit(store *s, const char *table, int64_t id, const char *action, const char *old,
		const char *snap_sql, cb_error *err)
{
	char *new_json = NULL;
	int rc = CB_OK;
	if (snap_sql && (rc = plans_snapshot(s, snap_sql, id, &new_json, err)))
		return rc;
	rc = store_audit(s, table, id, action, old, new_json, err);
	free(new_json);
	return rc;
}

/* Runs a statement that takes integer parameters only and expects no rows
 * (or one row it ignores); returns CB_OK or a store error. */
int plans_exec_ids(store *s, const char *sql, const int64_t *ids, int n, const char *what,
		   cb_error *err)
{
	sqlite3_stmt *st;
	int rc, step;
	if ((step = step_ids(s, sql, ids, n, &st, err)) < 0)
		return CB_EDB;
	rc = step == SQLITE_DONE || step == SQLITE_ROW ? CB_OK : store_fail(s, err, what);
	sqlite3_finalize(st);
	return rc;
}

/* Returns the first column of a one-row integer query, 0 when no row. */
int plans_query_int(store *s, const char *sql, const int64_t *ids, int n, int64_t *out,
		    cb_error *err)
{
	sqlite3_stmt *st;
	int rc = CB_OK, step;
	*out = 0;
	if ((step = step_ids(s, sql, ids, n, &st, err)) < 0)
		return CB_EDB;
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading an action plan"));
	sqlite3_finalize(st);
	return rc;
}

/* After an UPDATE/DELETE ... AND version = ? changed nothing: tells the
 * user whether the row is gone or was saved by someone else. */
int plans_stale(store *s, const char *exists_sql, int64_t id, cb_error *err)
{
	int64_t found;
	int rc = plans_query_int(s, exists_sql, &id, 1, &found, err);
	if (rc)
		return rc;
	if (!found)
		return cb_error_set(err, CB_NOT_FOUND,
				    _("This record was deleted by another user meanwhile"));
	return cb_error_set(err, CB_ESTALE,
			    _("Another user saved this record after you opened it; reload it and "
			      "make your change again"));
}

int plans_update_prepare(store *s, const plans_table *t, int64_t id, const char *sql,
			 sqlite3_stmt **st, char **old, cb_error *err)
{
	int rc = plans_snapshot(s, t->json_sql, id, old, err);
	if (rc)
		return rc;
	if (!(*st = store_prepare(s, sql, err))) {
		free(*old);
		*old = NULL;
		return CB_EDB;
	}
	return CB_OK;
}

/* The update changed nothing when the row was deleted or saved by someone
 * else since it was read: plans_stale tells which. */
int plans_update_run(store *s, const plans_table *t, int64_t id, sqlite3_stmt *st, char *old,
		     const char *what, cb_error *err)
{
	int rc = CB_OK;
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, err, what);
	else if (sqlite3_changes(store_db(s)) == 0)
		rc = plans_stale(s, t->exists_sql, id, err);
	sqlite3_finalize(st);
	if (!rc)
		rc = plans_audit(s, t->name, id, "update", old, t->json_sql, err);
	free(old);
	return rc;
}

/* A row copied into a later plan is the history of that copy: it stays
 * until the copy is deleted. */
int plans_delete_row(store *s, const plans_table *t, int64_t id, int64_t version, cb_error *err)
{
	int64_t later;
	int rc;

	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = plans_query_int(s, t->carried_sql, &id, 1, &later, err)))
		return store_finish(s, rc, err);
	if (later)
		return store_finish(s, cb_error_set(err, CB_EINVALID, "%s", _(t->carried_msg)),
				    err);
	return store_finish(s, trash_delete(s, t->name, id, version, NULL, err), err);
}

/* Normalises a text field in place (NFC, white space) and checks it fits
 * and is present when required. */
int plans_take_text(char *buf, size_t cap, bool required, bool newlines, const char *field,
		    cb_error *err)
{
	char *norm = NULL;
	int rc = text_normalize(buf, strlen(buf), newlines, &norm, err);
	if (rc) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
		return cb_error_set(err, rc, "%s: %s", field, msg);
	}
	if (required && !*norm)
		rc = cb_error_set(err, CB_EINVALID, _("%s: this field must be filled in"), field);
	else if (strlen(norm) >= cap)
		rc = cb_error_set(err, CB_EINVALID, _("%s is too long (at most %zu bytes of text)"),
				  field, cap - 1);
	else
		memcpy(buf, norm, strlen(norm) + 1);
	free(norm);
	return rc;
}

/* Accepts "" (when optional), YYYY-MM-DD or dd/mm/yyyy; rewrites buf as
 * ISO. */
int plans_take_date(char *buf, bool required, const char *field, cb_date *out, cb_error *err)
{
	cb_date d;
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	if (!buf[0]) {
		if (required)
			return cb_error_set(err, CB_EINVALID, _("%s: this field must be filled in"),
					    field);
		if (out)
			*out = CB_DATE_NONE;
		return CB_OK;
	}
	if (!date_parse(buf, &d))
		return cb_error_set(err, CB_EINVALID,
				    _("%s: \"%s\" is not a date (write dd/mm/yyyy)"), field, buf);
	date_format_iso(d, buf);
	if (out)
		*out = d;
	return CB_OK;
}

/* Copies src into a field buffer, refusing (not cutting) what does not
 * fit. For callers that fill a struct from outside input. */
int plans_copy_field(char *dst, size_t cap, const char *src, const char *field, cb_error *err)
{
	size_t n = strlen(src);
	if (n >= cap)
		return cb_error_set(err, CB_EINVALID,
				    _("%s is too long (at most %zu bytes of text)"), field,
				    cap - 1);
	memcpy(dst, src, n + 1);
	return CB_OK;
}
