/* store_scope.c - the store's half of the reader's scope (include/
 * access.h): the unit subtree every read and write of a session is held
 * to. Set once by app_open; the core modules clamp their unit intervals
 * with store_scope_clamp and check a single row with store_scope_*. */
#include "access.h"

#include "i18n.h"
#include "store_internal.h"

void store_set_scope(store *s, int64_t lo, int64_t hi)
{
	s->scoped = true;
	s->scope_lo = lo;
	s->scope_hi = hi;
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
		return true;
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

/* Runs sql (one int64 or text parameter, one column: a unit's lo) and
 * refuses a row whose unit lies outside the scope. */
static int check(store *s, const char *sql, int64_t id, const char *code, const char *msg,
		 cb_error *err)
{
	sqlite3_stmt *st;
	int step;
	int64_t lo = 0;

	if (!s || !s->scoped)
		return CB_OK;
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	if (code)
		store_bind_text(st, 1, code);
	else
		sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		lo = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (step == SQLITE_DONE)
		return CB_OK; /* no such row: the caller says so */
	if (step != SQLITE_ROW)
		return store_fail(s, err, _("Reading the access scope"));
	if (lo >= s->scope_lo && lo <= s->scope_hi)
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
	return check(s, "SELECT u.lo FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE c.id = ?",
		     cadre_id, NULL, _("Cadre %lld lies outside the districts you may work on"),
		     err);
}

int store_scope_org(store *s, int64_t org_id, cb_error *err)
{
	return check(s, "SELECT u.lo FROM org o JOIN unit u ON u.id = o.unit_id WHERE o.id = ?",
		     org_id, NULL,
		     _("Organisation %lld lies outside the districts you may work on"), err);
}

#define PLAN_UNIT                                                              \
	" FROM plan p LEFT JOIN cadre c ON c.id = p.cadre_id"                  \
	" LEFT JOIN org o ON o.id = p.org_id"                                  \
	" JOIN unit u ON u.id = coalesce(c.unit_id, o.unit_id)"

int store_scope_plan(store *s, int64_t plan_id, cb_error *err)
{
	return check(s, "SELECT u.lo" PLAN_UNIT " WHERE p.id = ?", plan_id, NULL,
		     _("Action plan %lld lies outside the districts you may work on"), err);
}

int store_scope_item(store *s, int64_t item_id, cb_error *err)
{
	return check(s,
		     "SELECT u.lo" PLAN_UNIT " JOIN plan_item i ON i.plan_id = p.id"
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
