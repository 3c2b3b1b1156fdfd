/* store_satellite.c - the yearly records of a cadre (ratings, trainings,
 * planning pool) and the audit trail of a row.
 *
 * Each write is its own BEGIN IMMEDIATE transaction with its audit row.
 * Values are checked before anything is written: a bad year, grade, kind
 * or term is refused with a message naming the field.
 */
#include "access.h"
#include "store_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "i18n.h"
#include "trash.h"
#include "model.h"
#include "text.h"

#define FIRST_YEAR 1945

/* ---- lists ---------------------------------------------------------- */

/* Runs a one-parameter query (the cadre) into an array (store_rows). */
static int list_rows(store *s, const char *sql, int64_t id, size_t size, store_row_fn read,
		     void **out, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return store_rows(s, st, size, read, out, n, _("Reading records"), err);
}

static void read_rating(sqlite3_stmt *st, void *p)
{
	rating_row *r = p;
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->year = sqlite3_column_int(st, 2);
	r->grade = sqlite3_column_int(st, 3);
}

static void read_training(sqlite3_stmt *st, void *p)
{
	training_row *t = p;
	t->id = sqlite3_column_int64(st, 0);
	t->version = sqlite3_column_int64(st, 1);
	t->year = sqlite3_column_int(st, 2);
	t->kind = sqlite3_column_int(st, 3);
	store_column_copy(st, 4, t->course, sizeof t->course);
}

static void read_planning(sqlite3_stmt *st, void *p)
{
	planning_row *r = p;
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	store_column_copy(st, 2, r->term, sizeof r->term);
	store_column_copy(st, 3, r->position, sizeof r->position);
}

int store_cadre_ratings(store *s, int64_t cadre_id, rating_row **out, size_t *n, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	return list_rows(s,
			 "SELECT id, version, year, grade FROM rating"
			 " WHERE cadre_id = ? ORDER BY year",
			 cadre_id, sizeof **out, read_rating, (void **)out, n, err);
}

int store_cadre_trainings(store *s, int64_t cadre_id, training_row **out, size_t *n, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	return list_rows(s,
			 "SELECT id, version, year, kind, course FROM training"
			 " WHERE cadre_id = ? ORDER BY year, id",
			 cadre_id, sizeof **out, read_training, (void **)out, n, err);
}

int store_cadre_planning(store *s, int64_t cadre_id, planning_row **out, size_t *n, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	return list_rows(s,
			 "SELECT id, version, term, position FROM planning"
			 " WHERE cadre_id = ? ORDER BY term, id",
			 cadre_id, sizeof **out, read_planning, (void **)out, n, err);
}

/* ---- checks --------------------------------------------------------- */

static int check_year(int year, const char *label, cb_error *err)
{
	int y, m, d;
	date_to_ymd(date_today(), &y, &m, &d);
	if (year < FIRST_YEAR || year > y)
		return cb_error_set(err, CB_EINVALID, _("%s: %d is not between %d and %d"), label,
				    year, FIRST_YEAR, y);
	return CB_OK;
}

/* The owner row (cadre or organisation) must exist. */
static int check_owner(store *s, bool org, int64_t id, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s, org ? "SELECT 1 FROM org WHERE id = ?" : "SELECT 1 FROM cadre WHERE id = ?",
		err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return CB_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Reading records"));
	return org ? cb_error_set(err, CB_NOT_FOUND, _("No organisation with id %lld"),
				  (long long)id)
		   : cb_error_set(err, CB_NOT_FOUND, _("No cadre with id %lld"), (long long)id);
}

/* Normalises a const text field into buf (cap bytes). */
static int norm_copy(const char *in, char *buf, size_t cap, const char *label, cb_error *err)
{
	size_t len = strnlen(in, cap);
	char *out;
	if (len == cap)
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"), label,
				    (int)(cap - 1));
	if (text_normalize(in, len, false, &out, err)) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err ? err->msg : "");
		return cb_error_set(err, CB_EINVALID, "%s: %s", label, why);
	}
	if (strlen(out) >= cap) {
		free(out);
		return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"), label,
				    (int)(cap - 1));
	}
	strcpy(buf, out);
	free(out);
	return CB_OK;
}

/* A planning term: "YYYY-YYYY", the second year after the first. */
static bool term_valid(const char *t)
{
	if (strlen(t) != 9 || t[4] != '-')
		return false;
	for (int i = 0; i < 9; i++)
		if (i != 4 && !isdigit((unsigned char)t[i]))
			return false;
	return atoi(t + 5) > atoi(t) && atoi(t) >= FIRST_YEAR;
}

/* ---- ratings -------------------------------------------------------- */

static char *rating_json(bool org, int64_t owner, int year, int grade)
{
	rating_row r = {.year = year, .grade = grade};
	size_t n;
	const field_def *fields = rating_fields(&n);
	store_json b;
	store_json_begin(&b);
	store_json_int(&b, org ? "org_id" : "cadre_id", owner);
	fields_json_own(&b, fields, n, &r);
	return store_json_end(&b);
}

/* Runs one write statement with n integers bound as ?1..?n. */
static int exec_ints(store *s, const char *sql, const int64_t *v, int n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Saving a rating"));
}

/* The existing rating of owner/year: *id = 0 when none. */
static int rating_find(store *s, bool org, int64_t owner, int year, int64_t *id, int *grade,
		       cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(s,
			      org ? "SELECT id, grade FROM rating WHERE org_id = ? AND year = ?"
				  : "SELECT id, grade FROM rating WHERE cadre_id = ? AND year = ?",
			      err);
	int rc;
	*id = 0;
	*grade = 0;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, owner);
	sqlite3_bind_int(st, 2, year);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*grade = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CB_OK
						     : store_fail(s, err, _("Reading records"));
}

static int rating_write(store *s, bool org, int64_t owner, int year, int grade, cb_error *err)
{
	int64_t id;
	int old_grade, rc;
	char *old_json = NULL, *new_json = NULL;
	const char *action;

	if ((rc = check_owner(s, org, owner, err)) ||
	    (rc = rating_find(s, org, owner, year, &id, &old_grade, err)))
		return rc;
	if (id && grade == old_grade)
		return CB_OK;
	if (!id && grade == 0)
		return CB_OK;
	if (id && grade == 0)
		return trash_delete(s, "rating", id, 0, NULL, err);
	if (id) {
		action = "update";
		rc = exec_ints(s,
			       "UPDATE rating SET grade = ?2, version = version + 1 WHERE id = ?1",
			       (int64_t[]){id, grade}, 2, err);
	} else {
		action = "insert";
		rc = exec_ints(s,
			       org ? "INSERT INTO rating(org_id, year, grade) VALUES(?1, ?2, ?3)"
				   : "INSERT INTO rating(cadre_id, year, grade) VALUES(?1, ?2, ?3)",
			       (int64_t[]){owner, year, grade}, 3, err);
		id = sqlite3_last_insert_rowid(s->db);
	}
	if (rc)
		return rc;
	if ((id && old_grade && !(old_json = rating_json(org, owner, year, old_grade))) ||
	    (grade && !(new_json = rating_json(org, owner, year, grade))))
		rc = cb_error_oom(err);
	else
		rc = store_audit(s, "rating", id, action, old_json, new_json, err);
	free(old_json);
	free(new_json);
	return rc;
}

/* A year whose evaluation is decided has that decision as its rating: it
 * changes only by reopening and deciding the evaluation again. */
static int rating_locked(store *s, bool org, int64_t owner, int year, int grade, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		s,
		org ? "SELECT grade FROM evaluation WHERE org_id = ? AND period = CAST(? AS TEXT)"
		    : "SELECT grade FROM evaluation WHERE cadre_id = ? AND period = CAST(? AS "
		      "TEXT)",
		err);
	int rc, decided = 0;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, owner);
	sqlite3_bind_int(st, 2, year);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		decided = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("Reading records"));
	if (decided && decided != grade)
		return cb_error_set(err, CB_EINVALID,
				    _("The rating of %d is the decision of that year's evaluation;"
				      " reopen the evaluation to change it"),
				    year);
	return CB_OK;
}

int store_rating_put(store *s, bool org, int64_t owner, int year, int grade, cb_error *err)
{
	int scope_rc = org ? store_scope_org(s, owner, err)
			   : store_scope_cadre(s, owner, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	int rc;
	if ((rc = check_year(year, _("Year"), err)))
		return rc;
	if (grade != 0 && model_name(ENUM_GRADE, grade)[0] == '\0')
		return cb_error_set(err, CB_EINVALID, _("%s: %d is not one of the choices"),
				    _("Rating"), grade);
	if ((rc = store_begin(s, err)))
		return rc;
	if ((rc = rating_locked(s, org, owner, year, grade, err)))
		return store_finish(s, rc, err);
	return store_finish(s, rating_write(s, org, owner, year, grade, err), err);
}

int store_rating_set(store *s, int64_t cadre_id, int year, int grade, cb_error *err)
{
	return store_rating_put(s, false, cadre_id, year, grade, err);
}

/* ---- trainings and planning ------------------------------------------ */

/* Inserts one prepared row, audits it, commits; rolls back on failure. */
static int insert_audited(store *s, sqlite3_stmt *st, int64_t owner, const char *table, char *json,
			  cb_error *err)
{
	int rc = check_owner(s, false, owner, err);
	if (!rc && sqlite3_step(st) != SQLITE_DONE)
		rc = store_fail(s, err, _("Saving"));
	sqlite3_finalize(st);
	if (!rc && !json)
		rc = cb_error_oom(err);
	if (!rc)
		rc = store_audit(s, table, sqlite3_last_insert_rowid(s->db), "insert", NULL, json,
				 err);
	free(json);
	return store_finish(s, rc, err);
}

int store_training_add(store *s, int64_t cadre_id, const training_row *t, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	char course[CADRE_TEXT_MAX];
	sqlite3_stmt *st;
	store_json j;
	int rc;

	if ((rc = check_year(t->year, _("Year"), err)))
		return rc;
	size_t nk;
	if (model_name(ENUM_TRAINING, t->kind)[0] == '\0')
		return cb_error_set(err, CB_EINVALID, _("%s: %d is not one of the choices"),
				    _(training_fields(&nk)[TRAINING_F_KIND].label), t->kind);
	if ((rc = norm_copy(t->course, course, sizeof course, _("Course"), err)))
		return rc;
	if ((rc = store_begin(s, err)))
		return rc;
	st = store_prepare(
		s, "INSERT INTO training(cadre_id, year, kind, course) VALUES(?, ?, ?, ?)", err);
	if (!st)
		return store_finish(s, CB_EDB, err);
	sqlite3_bind_int64(st, 1, cadre_id);
	sqlite3_bind_int(st, 2, t->year);
	sqlite3_bind_int(st, 3, t->kind);
	store_bind_text(st, 4, course);
	training_row saved = *t;
	size_t n;
	const field_def *fields = training_fields(&n);
	snprintf(saved.course, sizeof saved.course, "%s", course);
	store_json_begin(&j);
	store_json_int(&j, "cadre_id", cadre_id);
	fields_json_own(&j, fields, n, &saved);
	return insert_audited(s, st, cadre_id, "training", store_json_end(&j), err);
}

int store_planning_add(store *s, int64_t cadre_id, const planning_row *p, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, cadre_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	char term[sizeof p->term], position[CADRE_TEXT_MAX];
	sqlite3_stmt *st;
	store_json j;
	int rc;

	if ((rc = norm_copy(p->term, term, sizeof term, _("Term"), err)) ||
	    (rc = norm_copy(p->position, position, sizeof position, _("Position"), err)))
		return rc;
	if (!term_valid(term))
		return cb_error_set(err, CB_EINVALID, _("%s: %s is not a term like 2025-2030"),
				    _("Term"), term);
	if ((rc = store_begin(s, err)))
		return rc;
	st = store_prepare(s, "INSERT INTO planning(cadre_id, term, position) VALUES(?, ?, ?)",
			   err);
	if (!st)
		return store_finish(s, CB_EDB, err);
	sqlite3_bind_int64(st, 1, cadre_id);
	store_bind_text(st, 2, term);
	store_bind_text(st, 3, position);
	planning_row saved;
	size_t n;
	const field_def *fields = planning_fields(&n);
	memset(&saved, 0, sizeof saved);
	snprintf(saved.term, sizeof saved.term, "%s", term);
	snprintf(saved.position, sizeof saved.position, "%s", position);
	store_json_begin(&j);
	store_json_int(&j, "cadre_id", cadre_id);
	fields_json_own(&j, fields, n, &saved);
	return insert_audited(s, st, cadre_id, "planning", store_json_end(&j), err);
}
