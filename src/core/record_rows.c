/* record_rows.c - one row of each kind of record file: its values, the
 * duplicate check and the store's writer, for ratings, trainings,
 * planning entries and organisations; whose record a row is comes from
 * record_whose.c, the career kinds (disciplines, the pool, appointments,
 * departures) are written by record_rows_career.c. */
#include "record_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career_store.h"
#include "date.h"
#include "i18n.h"
#include "record_import_internal.h"
#include "store_sql.h"

#define NAME_KEY_MAX RK_NAME_KEY_MAX

/* Vietnamese words for grades and kinds besides their labels (folded),
 * read whatever the UI language: the labels of the Vietnamese forms and
 * the short forms offices write. */
static const char *const grade_words[] = {"1:hoan thanh xuat sac nhiem vu",
					  "1:xuat sac",
					  "1:htxsnv",
					  "1:hoan thanh xuat sac",
					  "2:hoan thanh tot nhiem vu",
					  "2:tot",
					  "2:httnv",
					  "2:hoan thanh tot",
					  "3:hoan thanh nhiem vu",
					  "3:hoan thanh",
					  "3:htnv",
					  "4:khong hoan thanh nhiem vu",
					  "4:khong hoan thanh",
					  "4:khtnv",
					  NULL};
static const char *const training_words[] = {"1:cap nhat kien thuc xay dung dang",
					     "1:xay dung dang",
					     "2:ky nang lanh dao, quan ly",
					     "2:ky nang lanh dao quan ly",
					     "2:lanh dao, quan ly",
					     "3:theo tieu chuan chuc danh",
					     "3:tieu chuan chuc danh",
					     "4:khac",
					     NULL};

int rk_check_columns(rk_ctx *x)
{
	static const int needs[RK_COUNT][3] = {
		[RK_ORG] = {RC_ORG, RC_KIND, RC_UNIT_CODE},
		[RK_RATING] = {RC_YEAR, RC_GRADE, -1},
		[RK_ORG_RATING] = {RC_YEAR, RC_GRADE, -1},
		[RK_TRAINING] = {RC_YEAR, RC_KIND, -1},
		[RK_PLANNING] = {RC_TERM, -1, -1},
		[RK_DISCIPLINE] = {RC_FORM, RC_ANNOUNCED_ON, -1},
		[RK_POOL] = {RC_TERM, RC_TITLE, -1},
		[RK_APPOINTMENT] = {RC_KIND, RC_POSITION, RC_START_ON},
		[RK_DEPARTURE] = {RC_KIND, RC_LEFT_ON, -1},
	};
	bool of_cadre = x->kind != RK_ORG && x->kind != RK_ORG_RATING;

	x->line = 1;
	for (int i = 0; i < 3; i++) {
		int c = needs[x->kind][i];
		if (c >= 0 && x->field[c] < 0)
			rk_problem(x, -1, _("The header needs a column %s"), rk_column_key(c));
	}
	if (of_cadre && x->field[RC_CADRE_ID] < 0 &&
	    (x->field[RC_NAME] < 0 || x->field[RC_BIRTH] < 0))
		rk_problem(x, -1, "%s",
			   _("The header needs full_name and birth_date (or cadre_id) to tell "
			     "whose record each row is"));
	if (x->kind == RK_ORG_RATING && x->field[RC_ORG_ID] < 0 && x->field[RC_ORG] < 0)
		rk_problem(x, -1, "%s", _("The header needs org (or org_id)"));
	return CB_OK;
}

void rk_ctx_free(rk_ctx *x)
{
	for (size_t i = 0; i < x->nheaders; i++)
		free(x->headers[i]);
	free(x->headers);
	free(x->line_of);
	sqlite3_finalize(x->find_cadre);
	free(x->orgs);
	free(x->rules);
}

/* The career rules (career.ini), read at the first row that needs them. */
int rk_career_rules(rk_ctx *x, cb_error *err)
{
	if (x->rules)
		return CB_OK;
	if (!(x->rules = malloc(sizeof *x->rules)))
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	int rc = career_rules_load(x->c, x->rules, err);
	if (rc) {
		free(x->rules);
		x->rules = NULL;
	}
	return rc;
}

/* A date cell as ISO text into iso (11 bytes); "" when empty and not
 * required. False after reporting. */
bool rk_date_cell(rk_ctx *x, int col, bool required, char *iso)
{
	char v[32];
	cb_date d;

	iso[0] = '\0';
	if (!(required ? rk_required(x, col, v, sizeof v) : rk_text(x, col, v, sizeof v)))
		return false;
	if (!v[0])
		return true;
	if (!date_parse(v, &d)) {
		rk_problem(x, col, _("'%s' is not a date (dd/mm/yyyy)"), v);
		return false;
	}
	date_format_iso(d, iso);
	return true;
}

/* A database failure while reading: the error, and stop. */
int rk_failed(rk_ctx *x, cb_error *err)
{
	return store_fail(x->s, err, _("Reading records"));
}

/* Reports a writer's refusal against a column; a scope refusal is counted
 * as such (exit 5 when it is the only kind of problem). */
int rk_refused(rk_ctx *x, int rc, int col, cb_error *e, cb_error *err)
{
	if (rc == CB_EDB) {
		*err = *e;
		return rc;
	}
	if (rc == CB_EACCESS) {
		size_t cap = sizeof x->scope_lines / sizeof x->scope_lines[0];
		if (x->out_of_scope < cap)
			x->scope_lines[x->out_of_scope] = x->line;
		x->out_of_scope++;
	}
	rk_problem(x, col, "%s", e->msg);
	return CB_OK;
}

/* ---- duplicates ------------------------------------------------------------------- */

/* The id of the record `sql` finds (binding owner, then the texts and
 * ints given), 0 when none. */
int64_t rk_existing(rk_ctx *x, const char *sql, int64_t owner, int year, const char *t1,
		    const char *t2, cb_error *err, int *rc)
{
	sqlite3_stmt *st = store_prepare(x->s, sql, err);
	int64_t id = 0;
	int step, i = 2;

	*rc = CB_OK;
	if (!st) {
		*rc = CB_EDB;
		return 0;
	}
	sqlite3_bind_int64(st, 1, owner);
	if (year)
		sqlite3_bind_int(st, i++, year);
	if (t1)
		sqlite3_bind_text(st, i++, t1, -1, SQLITE_TRANSIENT);
	if (t2)
		sqlite3_bind_text(st, i++, t2, -1, SQLITE_TRANSIENT);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (step != SQLITE_DONE)
		*rc = rk_failed(x, err);
	sqlite3_finalize(st);
	return id;
}

/* Whether the row may write given the record already there: a duplicate
 * of an earlier line, or of a stored record without --replace, is
 * reported. *skip: with --replace, an identical record is left alone. */
bool rk_may_write(rk_ctx *x, int64_t id, int col, bool identical, bool *skip)
{
	size_t line = rk_line_of(x, id);

	*skip = false;
	if (!id)
		return true;
	if (line) {
		rk_problem(x, col, _("The same record as line %zu"), line);
		return false;
	}
	if (!x->o->replace) {
		if (identical)
			rk_problem(x, col,
				   _("Already in the database (id %lld); with --replace it is left "
				     "as it is"),
				   (long long)id);
		else
			rk_problem(x, col,
				   _("Already in the database (id %lld); --replace replaces it"),
				   (long long)id);
		return false;
	}
	*skip = identical;
	return true;
}

/* ---- each kind --------------------------------------------------------------------- */

static int put_rating(rk_ctx *x, bool org, cb_error *err)
{
	cb_error e = {0};
	long year;
	int grade = 0, rc;
	bool skip;
	int64_t owner = org ? rk_org_named(x, RC_ORG_ID, RC_ORG, RC_UNIT_CODE, err, &rc)
			    : rk_cadre_of(x, err, &rc);
	const char *sql = org ? "SELECT id FROM rating WHERE org_id = ? AND year = ?"
			      : "SELECT id FROM rating WHERE cadre_id = ? AND year = ?";

	if (rc)
		return rc;
	rk_int(x, RC_YEAR, 1900, 2100, &year);
	rk_enum(x, RC_GRADE, ENUM_GRADE, grade_words, &grade);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	int64_t id = rk_existing(x, sql, owner, (int)year, NULL, NULL, err, &rc);
	if (rc || !rk_may_write(x, id, RC_YEAR, false, &skip))
		return rc;
	if ((rc = org ? store_org_rating_set(x->s, owner, (int)year, grade, &e)
		      : store_rating_set(x->s, owner, (int)year, grade, &e)))
		return rk_refused(x, rc, RC_YEAR, &e, err);
	id = rk_existing(x, sql, owner, (int)year, NULL, NULL, err, &rc);
	x->written++;
	return rc ? rc : rk_remember(x, id);
}

static int put_training(rk_ctx *x, cb_error *err)
{
	static const char sql[] = "SELECT max(id) FROM training WHERE cadre_id = ? AND year = ? "
				  "AND kind = CAST(? AS INTEGER)"
				  " AND course = ? HAVING count(*) > 0";
	training_row t = {0};
	cb_error e = {0};
	char kind[8];
	long year;
	int rc;
	bool skip;
	int64_t owner = rk_cadre_of(x, err, &rc);

	if (rc)
		return rc;
	rk_int(x, RC_YEAR, 1900, 2100, &year);
	rk_enum(x, RC_KIND, ENUM_TRAINING, training_words, &t.kind);
	rk_text(x, RC_COURSE, t.course, sizeof t.course);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	t.year = (int)year;
	snprintf(kind, sizeof kind, "%d", t.kind);
	int64_t id = rk_existing(x, sql, owner, t.year, kind, t.course, err, &rc);
	if (rc || !rk_may_write(x, id, RC_COURSE, true, &skip) || skip)
		return rc;
	if ((rc = store_training_add(x->s, owner, &t, &e)))
		return rk_refused(x, rc, RC_YEAR, &e, err);
	id = rk_existing(x, sql, owner, t.year, kind, t.course, err, &rc);
	x->written++;
	return rc ? rc : rk_remember(x, id);
}

static int put_planning(rk_ctx *x, cb_error *err)
{
	static const char sql[] = "SELECT max(id) FROM planning WHERE cadre_id = ? AND term = ?"
				  " AND position = ? HAVING count(*) > 0";
	planning_row p = {0};
	cb_error e = {0};
	int rc;
	bool skip;
	int64_t owner = rk_cadre_of(x, err, &rc);

	if (rc)
		return rc;
	rk_required(x, RC_TERM, p.term, sizeof p.term);
	rk_text(x, RC_POSITION, p.position, sizeof p.position);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	int64_t id = rk_existing(x, sql, owner, 0, p.term, p.position, err, &rc);
	if (rc || !rk_may_write(x, id, RC_TERM, true, &skip) || skip)
		return rc;
	if ((rc = store_planning_add(x->s, owner, &p, &e)))
		return rk_refused(x, rc, RC_TERM, &e, err);
	id = rk_existing(x, sql, owner, 0, p.term, p.position, err, &rc);
	x->written++;
	return rc ? rc : rk_remember(x, id);
}

static int put_org(rk_ctx *x, cb_error *err)
{
	static const char sql[] =
		"SELECT max(id) FROM org WHERE unit_id = ? AND name = ?"
		" AND coalesce(parent_id, 0) = CAST(? AS INTEGER) HAVING count(*) > 0";
	org_row o = {0};
	unit_row u;
	cb_error e = {0};
	char code[16], parent[24];
	int rc = CB_OK;
	bool skip;

	rk_required(x, RC_ORG, o.name, sizeof o.name);
	rk_enum(x, RC_KIND, ENUM_ORGKIND, NULL, &o.kind);
	rk_required(x, RC_UNIT_CODE, code, sizeof code);
	/* each reports its own problem, marking the row bad */
	if (x->row_bad)
		return CB_OK;
	if ((rc = store_unit_by_code(x->s, code, &u, &e)) == CB_NOT_FOUND) {
		rk_problem(x, RC_UNIT_CODE, _("No unit with code %s in the configuration"), code);
		return CB_OK;
	} else if (rc) {
		return rk_refused(x, rc, RC_UNIT_CODE, &e, err);
	}
	o.unit_id = u.id;
	if ((x->field[RC_PARENT] >= 0 && *rk_raw(x, RC_PARENT)) ||
	    (x->field[RC_PARENT_ID] >= 0 && *rk_raw(x, RC_PARENT_ID))) {
		o.parent_id = rk_org_named(x, RC_PARENT_ID, RC_PARENT, RC_PARENT_UNIT, err, &rc);
		if (rc || !o.parent_id)
			return rc;
	}
	snprintf(parent, sizeof parent, "%lld", (long long)o.parent_id);
	int64_t id = rk_existing(x, sql, o.unit_id, 0, o.name, parent, err, &rc);
	if (rc || !rk_may_write(x, id, RC_ORG, true, &skip) || skip)
		return rc;
	if ((rc = store_org_insert(x->s, &o, &e)))
		return rk_refused(x, rc, RC_ORG, &e, err);
	x->written++;
	if (x->orgs_loaded && rk_org_add(x, o.name, code, o.id))
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	return rk_remember(x, o.id);
}

int rk_row(rk_ctx *x, cb_error *err)
{
	switch (x->kind) {
	case RK_ORG:
		return put_org(x, err);
	case RK_RATING:
		return put_rating(x, false, err);
	case RK_ORG_RATING:
		return put_rating(x, true, err);
	case RK_TRAINING:
		return put_training(x, err);
	case RK_PLANNING:
		return put_planning(x, err);
	case RK_DISCIPLINE:
		return rk_put_discipline(x, err);
	case RK_POOL:
		return rk_put_pool(x, err);
	case RK_APPOINTMENT:
		return rk_put_appointment(x, err);
	case RK_DEPARTURE:
		return rk_put_departure(x, err);
	}
	return CB_OK;
}
