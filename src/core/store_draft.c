/* store_draft.c - an unsaved form kept across a dropped connection.
 *
 * When the terminal goes away (SIGHUP) the UI saves the open form here,
 * one draft per Unix user and form name, with the row and version it was
 * editing; the next start offers it back. A draft is a single-statement
 * write (atomic on its own) and is not audited: it is the user's own
 * scratch copy, not a change to the data.
 */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "draft_file.h"
#include "i18n.h"

#define FORM_MAX 64

static int check_form(const char *form, cb_error *err)
{
	size_t len = form ? strnlen(form, FORM_MAX) : 0;
	if (len == 0 || len == FORM_MAX)
		return cb_error_set(err, CB_EINVALID, _("Invalid form name for a draft"));
	return CB_OK;
}

/* Every draft statement names its draft by ?1 = the Unix user and ?2 =
 * the form: checks the form name, prepares sql and binds both. NULL with
 * *rc set (and err filled) when the name is bad or the prepare failed. */
static sqlite3_stmt *prepare_draft(store *s, const char *sql, const char *form, int *rc,
				   cb_error *err)
{
	sqlite3_stmt *st;
	if ((*rc = check_form(form, err)))
		return NULL;
	if (!(st = store_prepare(s, sql, err))) {
		*rc = CB_EDB;
		return NULL;
	}
	store_bind_text(st, 1, s->user);
	store_bind_text(st, 2, form);
	return st;
}

static int run(store *s, sqlite3_stmt *st, cb_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Saving a draft"));
}

int store_draft_save(store *s, const char *form, int64_t row, int64_t version, const char *data,
		     cb_error *err)
{
	static const char sql[] =
		"INSERT INTO draft(user, form, row_id, base_version, data, saved_at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%d %H:%M:%S', 'now'))"
		" ON CONFLICT(user, form) DO UPDATE SET row_id = ?3, base_version = ?4,"
		" data = ?5, saved_at = excluded.saved_at";
	int rc;
	sqlite3_stmt *st = prepare_draft(s, sql, form, &rc, err);
	if (!st)
		return rc;
	sqlite3_bind_int64(st, 3, row);
	sqlite3_bind_int64(st, 4, version);
	store_bind_text(st, 5, data ? data : "");
	return run(s, st, err);
}

int store_draft_load(store *s, const char *form, int64_t *row, int64_t *version, char **data,
		     cb_error *err)
{
	static const char sql[] =
		"SELECT row_id, base_version, data FROM draft WHERE user = ? AND form = ?";
	int rc;
	sqlite3_stmt *st;

	*data = NULL;
	if (!(st = prepare_draft(s, sql, form, &rc, err)))
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*row = sqlite3_column_int64(st, 0);
		*version = sqlite3_column_int64(st, 1);
		const char *t = (const char *)sqlite3_column_text(st, 2);
		*data = strdup(t ? t : "");
		rc = *data ? CB_OK : cb_error_set(err, CB_EDB, _("Out of memory"));
	} else if (rc == SQLITE_DONE) {
		rc = cb_error_set(err, CB_NOT_FOUND, _("No saved draft"));
	} else {
		rc = store_fail(s, err, _("Reading a draft"));
	}
	sqlite3_finalize(st);
	return rc;
}

int store_draft_drop(store *s, const char *form, cb_error *err)
{
	static const char sql[] = "DELETE FROM draft WHERE user = ? AND form = ?";
	int rc;
	sqlite3_stmt *st = prepare_draft(s, sql, form, &rc, err);
	if (!st)
		return rc;
	return run(s, st, err);
}

int store_draft_list(store *s, draft_rec **out, size_t *n, cb_error *err)
{
	static const char sql[] = "SELECT form, row_id, base_version, data FROM draft"
				  " WHERE user = ? ORDER BY saved_at, form";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	draft_rec *recs = NULL;
	size_t k = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, s->user);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *form = (const char *)sqlite3_column_text(st, 0);
		const char *data = (const char *)sqlite3_column_text(st, 3);
		if (k == cap) {
			draft_rec *p = realloc(recs, (cap = cap ? cap * 2 : 8) * sizeof *recs);
			if (!p)
				break;
			recs = p;
		}
		memset(&recs[k], 0, sizeof recs[k]);
		snprintf(recs[k].form, sizeof recs[k].form, "%s", form ? form : "");
		recs[k].row = sqlite3_column_int64(st, 1);
		recs[k].version = sqlite3_column_int64(st, 2);
		if (!(recs[k].data = strdup(data ? data : "")))
			break;
		k++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		draft_recs_free(recs, k);
		return rc == SQLITE_ROW ? cb_error_set(err, CB_EDB, "%s", _("Out of memory"))
					: store_fail(s, err, _("Reading a draft"));
	}
	*out = recs;
	*n = k;
	return CB_OK;
}
