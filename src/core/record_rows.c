/* record_rows.c - one row of each kind of record file: whose record it
 * is, its values, the duplicate check, and the store's writer. */
#include "record_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "career.h"
#include "career_store.h"
#include "date.h"
#include "i18n.h"
#include "record_import_internal.h"
#include "store_sql.h"
#include "text.h"

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
static int rules(rk_ctx *x, cb_error *err)
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
static bool date_cell(rk_ctx *x, int col, bool required, char *iso)
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
static int failed(rk_ctx *x, cb_error *err)
{
	return store_fail(x->s, err, _("Reading records"));
}

/* Reports a writer's refusal against a column; a scope refusal is counted
 * as such (exit 5 when it is the only kind of problem). */
static int refused(rk_ctx *x, int rc, int col, cb_error *e, cb_error *err)
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

/* ---- whose record ------------------------------------------------------------ */

/* Rows of `st` (id, name, unit code) whose name is `want` and, when the
 * row gives one, whose unit code is the row's: how many, the first five. */
static int matches(rk_ctx *x, sqlite3_stmt *st, const char *want, int unit_col, int64_t *ids,
		   size_t *n, cb_error *err)
{
	char have[NAME_KEY_MAX];
	const char *unit = rk_raw(x, unit_col);
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		text_canonical((const char *)sqlite3_column_text(st, 1), have, sizeof have);
		if (strcmp(have, want) != 0)
			continue;
		if (*unit && strcmp(unit, (const char *)sqlite3_column_text(st, 2)) != 0)
			continue;
		if (*n < 5)
			ids[*n] = sqlite3_column_int64(st, 0);
		++*n;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CB_OK : failed(x, err);
}

static void ambiguous(rk_ctx *x, int col, const char *what, const int64_t *ids, size_t n)
{
	char list[96] = "";
	size_t len = 0;
	for (size_t i = 0; i < n && i < 5; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%lld", i ? ", " : "",
					(long long)ids[i]);
	rk_problem(x, col,
		   _("%zu records match %s (ids %s%s); add a unit_code column or use the id"), n,
		   what, list, n > 5 ? ", …" : "");
}

/* An id cell that names an existing row of `table`; 0 after reporting. */
static int64_t by_id(rk_ctx *x, int col, const char *table, cb_error *err, int *rc)
{
	char sql[64], *end;
	const char *v = rk_raw(x, col);
	long long id = strtoll(v, &end, 10);
	sqlite3_stmt *st;
	int found;

	*rc = CB_OK;
	if (!*v || *end || id <= 0) {
		rk_problem(x, col, _("'%s' is not a record number"), v);
		return 0;
	}
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?", table);
	if (!(st = store_prepare(x->s, sql, err))) {
		*rc = CB_EDB;
		return 0;
	}
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st);
	sqlite3_finalize(st);
	if (found != SQLITE_ROW && found != SQLITE_DONE) {
		*rc = failed(x, err);
		return 0;
	}
	if (found == SQLITE_DONE) {
		rk_problem(x, col, _("There is no record %lld"), id);
		return 0;
	}
	return id;
}

/* The cadre a row is about; 0 after reporting why not. */
static int64_t cadre_of(rk_ctx *x, cb_error *err, int *rc)
{
	char name[CADRE_NAME_MAX], want[NAME_KEY_MAX], birth[16], what[CADRE_NAME_MAX + 32];
	const char *b = rk_raw(x, RC_BIRTH);
	int64_t ids[5];
	cb_date d;
	size_t n;

	*rc = CB_OK;
	if (x->field[RC_NAME] < 0 || x->field[RC_BIRTH] < 0)
		return by_id(x, RC_CADRE_ID, "cadre", err, rc);
	if (!rk_required(x, RC_NAME, name, sizeof name))
		return 0;
	if (strlen(b) == 4 && b[0] >= '1' && b[0] <= '2' && strspn(b, "0123456789") == 4)
		snprintf(birth, sizeof birth, "%s", b); /* the year alone, as stored */
	else if (date_parse(b, &d))
		date_format_iso(d, birth);
	else {
		rk_problem(x, RC_BIRTH, _("'%s' is not a date (dd/mm/yyyy)"), b);
		return 0;
	}
	if (!x->find_cadre && !(x->find_cadre = store_prepare(
					x->s,
					"SELECT c.id, c.full_name, u.code FROM cadre c"
					" JOIN unit u ON u.id = c.unit_id WHERE c.birth_date = ?",
					err))) {
		*rc = CB_EDB;
		return 0;
	}
	text_canonical(name, want, sizeof want);
	sqlite3_bind_text(x->find_cadre, 1, birth, -1, SQLITE_TRANSIENT);
	if ((*rc = matches(x, x->find_cadre, want, RC_UNIT_CODE, ids, &n, err)))
		return 0;
	snprintf(what, sizeof what, "%s %s", name, b);
	if (n == 0)
		rk_problem(x, RC_NAME, _("No cadre %s born %s"), name, b);
	else if (n > 1)
		ambiguous(x, RC_NAME, what, ids, n);
	return n == 1 ? ids[0] : 0;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct rk_org *)a)->key, ((const struct rk_org *)b)->key);
}

/* Adds an organisation to the sorted list (an insert keeps the order). */
static int org_add(rk_ctx *x, const char *name, const char *unit, int64_t id)
{
	struct rk_org o = {.id = id};
	size_t i = x->norgs;

	if (x->norgs == x->orgs_cap) {
		size_t cap = x->orgs_cap ? 2 * x->orgs_cap : 256;
		struct rk_org *v = realloc(x->orgs, cap * sizeof *v);
		if (!v)
			return CB_EDB;
		x->orgs = v;
		x->orgs_cap = cap;
	}
	text_canonical(name, o.key, sizeof o.key);
	snprintf(o.unit, sizeof o.unit, "%s", unit);
	if (x->orgs_loaded) /* keep the order: move the greater keys up */
		while (i > 0 && strcmp(x->orgs[i - 1].key, o.key) > 0)
			i--;
	memmove(x->orgs + i + 1, x->orgs + i, (x->norgs - i) * sizeof o);
	x->orgs[i] = o;
	x->norgs++;
	return CB_OK;
}

static int orgs_load(rk_ctx *x, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(
		x->s, "SELECT o.id, o.name, u.code FROM org o JOIN unit u ON u.id = o.unit_id",
		err);
	int rc;

	if (!st)
		return CB_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (org_add(x, (const char *)sqlite3_column_text(st, 1),
			    (const char *)sqlite3_column_text(st, 2),
			    sqlite3_column_int64(st, 0))) {
			sqlite3_finalize(st);
			return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
		}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return failed(x, err);
	qsort(x->orgs, x->norgs, sizeof *x->orgs, by_key);
	x->orgs_loaded = true;
	return CB_OK;
}

/* The organisation named in column name_col (with the unit code of
 * unit_col when given), or by the id of id_col when the name is absent. */
static int64_t org_named(rk_ctx *x, int id_col, int name_col, int unit_col, cb_error *err, int *rc)
{
	char name[CADRE_TEXT_MAX];
	struct rk_org want;
	const char *unit = rk_raw(x, unit_col);
	int64_t ids[5];
	size_t n = 0, lo = 0, hi;

	*rc = CB_OK;
	if (x->field[name_col] < 0 || !*rk_raw(x, name_col))
		return by_id(x, id_col, "org", err, rc);
	if (!rk_required(x, name_col, name, sizeof name))
		return 0;
	if (!x->orgs_loaded && (*rc = orgs_load(x, err)))
		return 0;
	text_canonical(name, want.key, sizeof want.key);
	hi = x->norgs; /* the first entry not below the key */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->orgs[mid].key, want.key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < x->norgs && strcmp(x->orgs[i].key, want.key) == 0; i++) {
		if (*unit && strcmp(unit, x->orgs[i].unit) != 0)
			continue;
		if (n < 5)
			ids[n] = x->orgs[i].id;
		n++;
	}
	if (n == 0)
		rk_problem(x, name_col, _("No party organisation named %s"), name);
	else if (n > 1)
		ambiguous(x, name_col, name, ids, n);
	return n == 1 ? ids[0] : 0;
}

/* ---- duplicates ------------------------------------------------------------------- */

/* The id of the record `sql` finds (binding owner, then the texts and
 * ints given), 0 when none. */
static int64_t existing(rk_ctx *x, const char *sql, int64_t owner, int year, const char *t1,
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
		*rc = failed(x, err);
	sqlite3_finalize(st);
	return id;
}

/* Whether the row may write given the record already there: a duplicate
 * of an earlier line, or of a stored record without --replace, is
 * reported. *skip: with --replace, an identical record is left alone. */
static bool may_write(rk_ctx *x, int64_t id, int col, bool identical, bool *skip)
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
	int64_t owner = org ? org_named(x, RC_ORG_ID, RC_ORG, RC_UNIT_CODE, err, &rc)
			    : cadre_of(x, err, &rc);
	const char *sql = org ? "SELECT id FROM rating WHERE org_id = ? AND year = ?"
			      : "SELECT id FROM rating WHERE cadre_id = ? AND year = ?";

	if (rc)
		return rc;
	rk_int(x, RC_YEAR, 1900, 2100, &year);
	rk_enum(x, RC_GRADE, ENUM_GRADE, grade_words, &grade);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	int64_t id = existing(x, sql, owner, (int)year, NULL, NULL, err, &rc);
	if (rc || !may_write(x, id, RC_YEAR, false, &skip))
		return rc;
	if ((rc = org ? store_org_rating_set(x->s, owner, (int)year, grade, &e)
		      : store_rating_set(x->s, owner, (int)year, grade, &e)))
		return refused(x, rc, RC_YEAR, &e, err);
	id = existing(x, sql, owner, (int)year, NULL, NULL, err, &rc);
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
	int64_t owner = cadre_of(x, err, &rc);

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
	int64_t id = existing(x, sql, owner, t.year, kind, t.course, err, &rc);
	if (rc || !may_write(x, id, RC_COURSE, true, &skip) || skip)
		return rc;
	if ((rc = store_training_add(x->s, owner, &t, &e)))
		return refused(x, rc, RC_YEAR, &e, err);
	id = existing(x, sql, owner, t.year, kind, t.course, err, &rc);
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
	int64_t owner = cadre_of(x, err, &rc);

	if (rc)
		return rc;
	rk_required(x, RC_TERM, p.term, sizeof p.term);
	rk_text(x, RC_POSITION, p.position, sizeof p.position);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	int64_t id = existing(x, sql, owner, 0, p.term, p.position, err, &rc);
	if (rc || !may_write(x, id, RC_TERM, true, &skip) || skip)
		return rc;
	if ((rc = store_planning_add(x->s, owner, &p, &e)))
		return refused(x, rc, RC_TERM, &e, err);
	id = existing(x, sql, owner, 0, p.term, p.position, err, &rc);
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
		return refused(x, rc, RC_UNIT_CODE, &e, err);
	}
	o.unit_id = u.id;
	if ((x->field[RC_PARENT] >= 0 && *rk_raw(x, RC_PARENT)) ||
	    (x->field[RC_PARENT_ID] >= 0 && *rk_raw(x, RC_PARENT_ID))) {
		o.parent_id = org_named(x, RC_PARENT_ID, RC_PARENT, RC_PARENT_UNIT, err, &rc);
		if (rc || !o.parent_id)
			return rc;
	}
	snprintf(parent, sizeof parent, "%lld", (long long)o.parent_id);
	int64_t id = existing(x, sql, o.unit_id, 0, o.name, parent, err, &rc);
	if (rc || !may_write(x, id, RC_ORG, true, &skip) || skip)
		return rc;
	if ((rc = store_org_insert(x->s, &o, &e)))
		return refused(x, rc, RC_ORG, &e, err);
	x->written++;
	if (x->orgs_loaded && org_add(x, o.name, code, o.id))
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	return rk_remember(x, o.id);
}

static int put_discipline(rk_ctx *x, cb_error *err)
{
	static const char sql[] = "SELECT id FROM discipline WHERE cadre_id = ? AND form = ?"
				  " AND announced_on = ?";
	discipline_row d = {0};
	cb_error e = {0};
	char form[48], code[48];
	const char *colon;
	int rc, family = DISC_PARTY;
	bool skip;
	int64_t owner = cadre_of(x, err, &rc);

	if (rc || (rc = rules(x, err)))
		return rc;
	if (!rk_required(x, RC_FORM, form, sizeof form))
		return CB_OK;
	/* "state:canh-cao", or a party form by default */
	snprintf(code, sizeof code, "%s", form);
	if ((colon = strchr(form, ':'))) {
		snprintf(code, sizeof code, "%.*s", (int)(colon - form), form);
		if (!disc_family_from_code(code, &family) || family == DISC_ORG)
			family = -1;
		snprintf(code, sizeof code, "%s", colon + 1);
	}
	if (family < 0 || (d.form = disc_form_from_code(family, code)) < 0) {
		rk_problem(x, RC_FORM,
			   _("'%s' is not a form of discipline of a cadre (khien-trach, canh-cao, "
			     "cach-chuc, khai-tru; state:... for a state discipline)"),
			   form);
		return CB_OK;
	}
	rk_text(x, RC_DECISION, d.decision, sizeof d.decision);
	rk_text(x, RC_AUTHORITY, d.authority, sizeof d.authority);
	rk_text(x, RC_REASON, d.reason, sizeof d.reason);
	date_cell(x, RC_DECIDED_ON, false, d.decided_on);
	date_cell(x, RC_ANNOUNCED_ON, true, d.announced_on);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	d.cadre_id = owner;
	snprintf(form, sizeof form, "%s:%s", disc_family_code(family), disc_form_code(d.form));
	int64_t id = existing(x, sql, owner, 0, form, d.announced_on, err, &rc);
	if (rc || !may_write(x, id, RC_ANNOUNCED_ON, true, &skip) || skip)
		return rc;
	if ((rc = store_discipline_add(x->s, x->rules, &d, &e)))
		return refused(x, rc, RC_FORM, &e, err);
	x->written++;
	return rk_remember(x, d.id);
}

static int put_pool(rk_ctx *x, cb_error *err)
{
	static const char sql[] =
		"SELECT id FROM pool WHERE cadre_id = ? AND term = ? AND title = ?"
		" AND removed_on = ''";
	pool_row p = {0};
	cb_error e = {0};
	char unit[16], added[11];
	cb_date on;
	int rc;
	bool skip;
	int64_t owner = cadre_of(x, err, &rc);

	if (rc || (rc = rules(x, err)))
		return rc;
	rk_required(x, RC_TERM, p.term, sizeof p.term);
	rk_required(x, RC_TITLE, p.title, sizeof p.title);
	rk_text(x, RC_POOL_UNIT, unit, sizeof unit);
	date_cell(x, RC_ADDED_ON, false, added);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	if (unit[0]) {
		unit_row u;
		if ((rc = store_unit_by_code(x->s, unit, &u, &e)) == CB_NOT_FOUND) {
			rk_problem(x, RC_POOL_UNIT, _("No unit with code %s in the configuration"),
				   unit);
			return CB_OK;
		} else if (rc) {
			return refused(x, rc, RC_POOL_UNIT, &e, err);
		}
		p.unit_id = u.id;
	}
	p.cadre_id = owner;
	int64_t id = existing(x, sql, owner, 0, p.term, p.title, err, &rc);
	if (rc || !may_write(x, id, RC_TITLE, true, &skip) || skip)
		return rc;
	on = date_today();
	if (added[0])
		date_parse_iso(added, &on);
	if ((rc = store_pool_add(x->s, x->rules, on, &p, &e)))
		return refused(x, rc, RC_TITLE, &e, err);
	id = existing(x, sql, owner, 0, p.term, p.title, err, &rc);
	x->written++;
	return rc ? rc : rk_remember(x, id);
}

/* A career code (appointment kind, way of leaving) in column col. */
static bool career_code(rk_ctx *x, int col, int e, int *out)
{
	char v[48], f[48];

	if (!rk_required(x, col, v, sizeof v))
		return false;
	text_fold(v, f, sizeof f);
	if (career_enum_from_code(e, v, out) || career_enum_from_code(e, f, out))
		return true;
	for (int i = 1; i < 10; i++) {
		char a[128];
		const char *label = career_enum_label(e, i);
		if (!label[0] || strcmp(label, "?") == 0)
			break;
		text_fold(label, a, sizeof a);
		if (strcmp(a, f) == 0) {
			*out = i;
			return true;
		}
	}
	rk_problem(x, col, _("\"%s\" is not one of the choices"), v);
	return false;
}

static int put_appointment(rk_ctx *x, cb_error *err)
{
	static const char sql[] = "SELECT id FROM appointment WHERE cadre_id = ? AND start_on = ?"
				  " AND position = ?";
	static const char version[] = "SELECT version FROM cadre WHERE id = ?";
	appointment_row a = {0};
	cb_error e = {0};
	char unit[16];
	int rc;
	bool skip;
	int64_t owner = cadre_of(x, err, &rc);

	if (rc || (rc = rules(x, err)))
		return rc;
	career_code(x, RC_KIND, CE_APPT_KIND, &a.kind);
	rk_required(x, RC_POSITION, a.position, sizeof a.position);
	rk_text(x, RC_DECISION, a.decision, sizeof a.decision);
	rk_text(x, RC_POST_UNIT, unit, sizeof unit);
	date_cell(x, RC_DECIDED_ON, false, a.decided_on);
	date_cell(x, RC_START_ON, true, a.start_on);
	date_cell(x, RC_TERM_END, false, a.term_end);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	if (x->field[RC_POS_RANK] >= 0 && *rk_raw(x, RC_POS_RANK) &&
	    !rk_enum(x, RC_POS_RANK, ENUM_RANK, NULL, &a.pos_rank))
		return CB_OK;
	if (unit[0]) {
		unit_row u;
		if ((rc = store_unit_by_code(x->s, unit, &u, &e)) == CB_NOT_FOUND) {
			rk_problem(x, RC_POST_UNIT, _("No unit with code %s in the configuration"),
				   unit);
			return CB_OK;
		} else if (rc) {
			return refused(x, rc, RC_POST_UNIT, &e, err);
		}
		a.unit_id = u.id;
	}
	a.cadre_id = owner;
	int64_t id = existing(x, sql, owner, 0, a.start_on, a.position, err, &rc);
	if (rc || !may_write(x, id, RC_START_ON, true, &skip) || skip)
		return rc;
	/* the post becomes the current one: as of the record as it is now */
	int64_t v = existing(x, version, owner, 0, NULL, NULL, err, &rc);
	if (rc)
		return rc;
	if ((rc = store_appoint(x->s, x->c, x->rules, v, &a, &e)))
		return refused(x, rc, RC_POSITION, &e, err);
	id = existing(x, sql, owner, 0, a.start_on, a.position, err, &rc);
	x->written++;
	return rc ? rc : rk_remember(x, id);
}

static int put_departure(rk_ctx *x, cb_error *err)
{
	departure_row d = {0};
	cb_error e = {0};
	int rc;
	int64_t owner = cadre_of(x, err, &rc);

	if (rc)
		return rc;
	career_code(x, RC_KIND, CE_DEPARTURE, &d.kind);
	date_cell(x, RC_LEFT_ON, true, d.left_on);
	rk_text(x, RC_DECISION, d.decision, sizeof d.decision);
	rk_text(x, RC_NOTE, d.note, sizeof d.note);
	/* each reports its own problem, marking the row bad */
	if (!owner || x->row_bad)
		return CB_OK;
	d.cadre_id = owner;
	/* one departure per cadre: store_depart refuses a second one, which
	 * covers a cadre named twice in the file too */
	if ((rc = store_depart(x->s, &d, &e)))
		return refused(x, rc, RC_LEFT_ON, &e, err);
	x->written++;
	return CB_OK;
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
		return put_discipline(x, err);
	case RK_POOL:
		return put_pool(x, err);
	case RK_APPOINTMENT:
		return put_appointment(x, err);
	case RK_DEPARTURE:
		return put_departure(x, err);
	}
	return CB_OK;
}
