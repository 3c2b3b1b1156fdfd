/* record_whose.c - whose record a row of a record file is: a cadre by
 * id, or by name and birth date (with the unit when the name repeats),
 * and an organisation by id or by name and unit, from a sorted list read
 * once per import (the import's own new organisations added to it).
 * Ambiguity and absence are reported against the row, never guessed. */
#include "record_import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_sql.h"
#include "text.h"

#define NAME_KEY_MAX RK_NAME_KEY_MAX

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
	return rc == SQLITE_DONE ? CB_OK : rk_failed(x, err);
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
		*rc = rk_failed(x, err);
		return 0;
	}
	if (found == SQLITE_DONE) {
		rk_problem(x, col, _("There is no record %lld"), id);
		return 0;
	}
	return id;
}

/* The cadre a row is about; 0 after reporting why not. */
int64_t rk_cadre_of(rk_ctx *x, cb_error *err, int *rc)
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
int rk_org_add(rk_ctx *x, const char *name, const char *unit, int64_t id)
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
		if (rk_org_add(x, (const char *)sqlite3_column_text(st, 1),
			       (const char *)sqlite3_column_text(st, 2),
			       sqlite3_column_int64(st, 0))) {
			sqlite3_finalize(st);
			return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
		}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rk_failed(x, err);
	qsort(x->orgs, x->norgs, sizeof *x->orgs, by_key);
	x->orgs_loaded = true;
	return CB_OK;
}

/* The organisation named in column name_col (with the unit code of
 * unit_col when given), or by the id of id_col when the name is absent. */
int64_t rk_org_named(rk_ctx *x, int id_col, int name_col, int unit_col, cb_error *err, int *rc)
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
