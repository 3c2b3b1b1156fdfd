/* store_scope.c - the store's half of the reader's scope (include/
 * access.h): the units and organisations every read and write of a
 * session is held to. Set once by app_open; the core modules clamp their
 * unit intervals with store_scope_clamp, filter the holes inside them with
 * the SQL function in_scope(), and check a single row with
 * store_scope_*. */
#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"

/* Sorts and merges the intervals v[0..*n) in place. */
static int cmp_iv(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static void merge(int64_t (*v)[2], size_t *n)
{
	size_t out = 0;

	if (!*n)
		return;
	qsort(v, *n, sizeof *v, cmp_iv);
	for (size_t i = 1; i < *n; i++) {
		if (v[i][0] <= v[out][1] + 1) {
			if (v[i][1] > v[out][1])
				v[out][1] = v[i][1];
		} else {
			out++;
			v[out][0] = v[i][0];
			v[out][1] = v[i][1];
		}
	}
	*n = out + 1;
}

static int cmp_id(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return *x < *y ? -1 : *x > *y;
}

/* Counts the scopes set in this process (store_scope_generation). */
static unsigned long scope_generation;

unsigned long store_scope_generation(void)
{
	return scope_generation;
}

static void clear(store *s)
{
	scope_generation++;
	free(s->iv);
	free(s->riv);
	free(s->orgs);
	s->iv = s->riv = NULL;
	s->orgs = NULL;
	s->niv = s->nriv = s->norgs = 0;
	s->scoped = false;
}

/* The bounds: those of the intervals, or every unit when organisations
 * may bring rows from anywhere the user may read. An empty scope bounds
 * nothing (1..0 is never matched, and is not the 0 meaning "all"). */
static void bound(store *s)
{
	s->scoped = true;
	merge(s->iv, &s->niv);
	merge(s->riv, &s->nriv);
	s->scope_lo = 1;
	s->scope_hi = 0;
	if (s->niv) {
		s->scope_lo = s->iv[0][0];
		s->scope_hi = s->iv[s->niv - 1][1];
	}
	if (s->norgs && s->nriv) {
		if (!s->niv || s->riv[0][0] < s->scope_lo)
			s->scope_lo = s->riv[0][0];
		if (!s->niv || s->riv[s->nriv - 1][1] > s->scope_hi)
			s->scope_hi = s->riv[s->nriv - 1][1];
	}
}

void store_set_scope(store *s, int64_t lo, int64_t hi)
{
	clear(s);
	if ((s->iv = malloc(sizeof *s->iv))) {
		s->iv[0][0] = lo;
		s->iv[0][1] = hi;
		s->niv = 1;
	}
	bound(s);
}

/* Appends the position interval of the unit `code` (lo..hi, or lo..lo
 * for the unit alone) to *v. */
static int add_unit(store *s, const char *code, bool subtree, int64_t (**v)[2], size_t *n,
		    cb_error *err)
{
	unit_row u;
	int64_t(*grown)[2];
	int rc = store_unit_by_code(s, code, &u, err);

	if (rc == CB_NOT_FOUND)
		return cb_error_set(err, CB_EDB,
				    _("Unit %s of the configuration is not in the database"), code);
	if (rc)
		return rc;
	if (!(grown = realloc(*v, (*n + 1) * sizeof **v)))
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	*v = grown;
	grown[*n][0] = u.lo;
	grown[*n][1] = subtree ? u.hi : u.lo;
	(*n)++;
	return CB_OK;
}

/* Adds to *v the units marked in in[]: a unit whose whole subtree is
 * marked as one interval, any other marked unit alone. Units are in
 * configuration order, a parent before its children. */
static int add_units(store *s, const cfg *c, const bool *in, int64_t (**v)[2], size_t *n,
		     cb_error *err)
{
	bool *whole = malloc((c->unit_count ? c->unit_count : 1) * sizeof *whole);
	int rc = CB_OK;

	if (!whole)
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	memcpy(whole, in, c->unit_count * sizeof *whole);
	for (size_t u = c->unit_count; u-- > 1;)
		if (!whole[u] && c->units[u].parent >= 0)
			whole[c->units[u].parent] = false;
	for (size_t u = 0; u < c->unit_count && !rc; u++) {
		int p = c->units[u].parent;
		if (in[u] && !(p >= 0 && whole[p]))
			rc = add_unit(s, c->units[u].code, whole[u], v, n, err);
	}
	free(whole);
	return rc;
}

/* The organisations of sc and every one below them. */
static int add_orgs(store *s, const access_scope *sc, cb_error *err)
{
	static const char sql[] =
		"WITH RECURSIVE below(id) AS (SELECT id FROM org WHERE id = ?"
		" UNION SELECT o.id FROM org o JOIN below b ON o.parent_id = b.id)"
		" SELECT id FROM below";
	for (size_t i = 0; i < sc->org_count; i++) {
		sqlite3_stmt *st = store_prepare(s, sql, err);
		int step;
		if (!st)
			return CB_EDB;
		sqlite3_bind_int64(st, 1, sc->orgs[i]);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t *grown = realloc(s->orgs, (s->norgs + 1) * sizeof *grown);
			if (!grown) {
				sqlite3_finalize(st);
				return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
			}
			s->orgs = grown;
			grown[s->norgs++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_finalize(st);
		if (step != SQLITE_DONE)
			return store_fail(s, err, _("Reading the access scope"));
	}
	if (s->norgs)
		qsort(s->orgs, s->norgs, sizeof *s->orgs, cmp_id);
	return CB_OK;
}

int store_scope_from(store *s, const cfg *c, const access_scope *sc, cb_error *err)
{
	int rc;

	clear(s);
	if (sc->province)
		return CB_OK;
	rc = add_units(s, c, sc->units, &s->iv, &s->niv, err);
	if (!rc && sc->org_count)
		rc = add_units(s, c, sc->readable, &s->riv, &s->nriv, err);
	if (!rc)
		rc = add_orgs(s, sc, err);
	if (rc) {
		clear(s);
		s->scoped = true; /* a scope that failed to load shows nothing */
		s->scope_lo = 1;
		s->scope_hi = 0;
		return rc;
	}
	bound(s);
	return CB_OK;
}

bool store_scoped(const store *s, int64_t *lo, int64_t *hi)
{
	if (lo)
		*lo = s && s->scoped ? s->scope_lo : 0;
	if (hi)
		*hi = s && s->scoped ? s->scope_hi : 0;
	return s && s->scoped;
}

bool store_scope_clamp(const store *s, int64_t *lo, int64_t *hi)
{
	if (!s || !s->scoped)
		return true;
	if (*lo == 0 && *hi == 0) {
		*lo = s->scope_lo;
		*hi = s->scope_hi;
		return *lo <= *hi;
	}
	if (*lo < s->scope_lo)
		*lo = s->scope_lo;
	if (*hi > s->scope_hi)
		*hi = s->scope_hi;
	if (*lo > *hi) {
		*lo = 1;
		*hi = 0;
		return false;
	}
	return true;
}

void store_scope_filter(const store *s, cadre_filter *f)
{
	store_scope_clamp(s, &f->unit_lo, &f->unit_hi);
	f->scope_orgs = s && s->scoped && s->norgs > 0;
}

int store_scope_units_sql(const store *s, int64_t lo, int64_t hi, cb_date as_of, filter_sql *fs,
			  cb_error *err)
{
	cadre_filter f;

	filter_init(&f);
	f.as_of = as_of;
	f.unit_lo = lo;
	f.unit_hi = hi;
	store_scope_filter(s, &f);
	if (!filter_build(&f, fs))
		return cb_error_set(err, CB_EINVALID, "%s", _("The filter is too long."));
	return CB_OK;
}

static bool in_intervals(int64_t (*v)[2], size_t n, int64_t lo)
{
	size_t a = 0, b = n;

	while (a < b) { /* the first interval starting after lo */
		size_t mid = a + (b - a) / 2;
		if (v[mid][0] <= lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a > 0 && lo <= v[a - 1][1];
}

bool store_scope_has(const store *s, int64_t lo, int64_t org)
{
	if (!s || !s->scoped)
		return true;
	if (in_intervals(s->iv, s->niv, lo))
		return true;
	return org > 0 && s->norgs && bsearch(&org, s->orgs, s->norgs, sizeof *s->orgs, cmp_id) &&
	       in_intervals(s->riv, s->nriv, lo);
}

static bool overlaps(int64_t (*v)[2], size_t n, int64_t lo, int64_t hi)
{
	for (size_t i = 0; i < n; i++)
		if (v[i][0] <= hi && lo <= v[i][1])
			return true;
	return false;
}

bool store_scope_touches(const store *s, int64_t lo, int64_t hi)
{
	if (!s || !s->scoped)
		return true;
	return overlaps(s->iv, s->niv, lo, hi) || (s->norgs && overlaps(s->riv, s->nriv, lo, hi));
}

/* in_scope(lo, org): 1 when a row of the unit at position lo (and of
 * organisation org, NULL = none) is in the reader's scope. */
static void sql_in_scope(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const store *s = sqlite3_user_data(ctx);
	int64_t org = argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL
			      ? sqlite3_value_int64(argv[1])
			      : 0;

	(void)argc;
	sqlite3_result_int(ctx, store_scope_has(s, sqlite3_value_int64(argv[0]), org));
}

int store_scope_register(store *s, cb_error *err)
{
	if (sqlite3_create_function_v2(s->db, "in_scope", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, s,
				       sql_in_scope, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Reading the access scope"));
	return CB_OK;
}

/* Runs sql (one int64 or text parameter; columns: a unit's lo, then
 * optionally the row's organisation) and refuses a row outside the
 * scope. */
static int check(store *s, const char *sql, int64_t id, const char *code, const char *msg,
		 cb_error *err)
{
	sqlite3_stmt *st;
	int step;
	int64_t lo = 0, org = 0;

	if (!s || !s->scoped)
		return CB_OK;
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	if (code)
		store_bind_text(st, 1, code);
	else
		sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		lo = sqlite3_column_int64(st, 0);
		if (sqlite3_column_count(st) > 1)
			org = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (step == SQLITE_DONE)
		return CB_OK; /* no such row: the caller says so */
	if (step != SQLITE_ROW)
		return store_fail(s, err, _("Reading the access scope"));
	if (store_scope_has(s, lo, org))
		return CB_OK;
	if (code)
		return cb_error_set(err, CB_EACCESS, msg, code);
	return cb_error_set(err, CB_EACCESS, msg, (long long)id);
}

int store_scope_unit(store *s, int64_t unit_id, cb_error *err)
{
	return check(s, "SELECT lo FROM unit WHERE id = ?", unit_id, NULL,
		     _("Unit %lld lies outside the districts you may work on"), err);
}

int store_scope_unit_code(store *s, const char *code, cb_error *err)
{
	return check(s, "SELECT lo FROM unit WHERE code = ?", 0, code,
		     _("Unit %s lies outside the districts you may work on"), err);
}

int store_scope_cadre(store *s, int64_t cadre_id, cb_error *err)
{
	return check(
		s,
		"SELECT u.lo, c.org_id FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE c.id = ?",
		cadre_id, NULL, _("Cadre %lld lies outside the districts you may work on"), err);
}

int store_scope_org(store *s, int64_t org_id, cb_error *err)
{
	return check(s,
		     "SELECT u.lo, o.id FROM org o JOIN unit u ON u.id = o.unit_id WHERE o.id = ?",
		     org_id, NULL,
		     _("Organisation %lld lies outside the districts you may work on"), err);
}

#define PLAN_UNIT                                                                                  \
	" FROM plan p LEFT JOIN cadre c ON c.id = p.cadre_id"                                      \
	" LEFT JOIN org o ON o.id = p.org_id"                                                      \
	" JOIN unit u ON u.id = coalesce(c.unit_id, o.unit_id)"

int store_scope_plan(store *s, int64_t plan_id, cb_error *err)
{
	return check(s, "SELECT u.lo, coalesce(p.org_id, c.org_id)" PLAN_UNIT " WHERE p.id = ?",
		     plan_id, NULL,
		     _("Action plan %lld lies outside the districts you may work on"), err);
}

int store_scope_item(store *s, int64_t item_id, cb_error *err)
{
	return check(s,
		     "SELECT u.lo, coalesce(p.org_id, c.org_id)" PLAN_UNIT
		     " JOIN plan_item i ON i.plan_id = p.id"
		     " WHERE i.id = ?",
		     item_id, NULL,
		     _("Action plan item %lld lies outside the districts you may work on"), err);
}

int store_scope_province(store *s, cb_error *err)
{
	if (!s || !s->scoped)
		return CB_OK;
	return cb_error_set(err, CB_EACCESS, "%s",
			    _("Only a province-level user may see every district's figures"));
}
