/* eval_check.c - evaluations over a scope: who is not evaluated for a
 * period, the counts of a period, and the checks on a year's ratings (the
 * cap on "xuất sắc", last year's remediation items, two years of "không
 * hoàn thành", decisions that differ from their proposals).
 *
 * Read-only; each function is a few scoped statements. The year's rating is
 * read from the rating table (which a decided yearly evaluation sets), so
 * ratings made before evaluations existed are checked as well.
 */
#include "eval_store.h"
#include "eval_check_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "plans.h"
#include "store_sql.h"
#include "store_until.h"

static const char *const check_names[] = {
#define X(id, name, label) [id] = name,
	EVAL_CHECK_LIST(X)
#undef X
};

static const char *const check_labels[] = {
#define X(id, name, label) [id] = N_(label),
	EVAL_CHECK_LIST(X)
#undef X
};

const char *eval_check_label(int check)
{
	return check >= EVAL_CHECK_CAP && check <= EVAL_CHECK_DIFFERS ? check_labels[check] : "";
}

const char *eval_check_name(int check)
{
	return check >= EVAL_CHECK_CAP && check <= EVAL_CHECK_DIFFERS ? check_names[check] : "";
}

sqlite3_stmt *eval_prepare_scoped(store *s, const char *sql, const eval_scope *sc, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int64_t lo = sc ? sc->unit_lo : 0, hi = sc ? sc->unit_hi : 0;

	/* the reader's scope bounds every list and count (access.h) */
	store_scope_clamp(s, &lo, &hi);
	if (st) {
		sqlite3_bind_int64(st, 2, lo);
		sqlite3_bind_int64(st, 3, hi);
	}
	return st;
}

/* ---- who is not evaluated ----------------------------------------------- */

int eval_each_missing(store *s, const eval_scope *sc, const char *period, eval_missing_fn fn,
		      void *ctx, cb_error *err)
{
	static const char sql[] =
		"SELECT c.id, c.full_name, u.name,"
		" (SELECT CASE WHEN e.proposed_on <> '' THEN 3 WHEN e.reviewed_on <> '' THEN 2"
		"  WHEN e.self_on <> '' THEN 1 ELSE 0 END"
		"  FROM evaluation e WHERE e.cadre_id = c.id AND e.period = ?1)"
		" FROM cadre c JOIN unit u ON u.id = c.unit_id"
		" WHERE" IN_SCOPE(
			"u") " AND NOT EXISTS(SELECT 1 FROM evaluation e WHERE e.cadre_id = c.id"
			     "  AND e.period = ?1 AND e.grade IS NOT NULL)"
			     " AND NOT EXISTS(SELECT 1 FROM rating r WHERE r.cadre_id = c.id"
			     "  AND CAST(r.year AS TEXT) = ?1"
			     "  AND NOT EXISTS(SELECT 1 FROM evaluation e WHERE e.cadre_id = c.id "
			     "AND e.period = ?1))"
			     " ORDER BY c.rank";
	sqlite3_stmt *st = eval_prepare_scoped(s, sql, sc, err);
	int rc = CB_OK, step;

	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, period);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		eval_missing m = {0};
		m.cadre_id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, m.full_name, sizeof m.full_name);
		store_column_copy(st, 2, m.unit_name, sizeof m.unit_name);
		m.stage =
			sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 3);
		rc = fn(&m, ctx);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading evaluations"));
	sqlite3_finalize(st);
	return rc;
}

/* ---- the counts of a period ---------------------------------------------- */

static int score_band(const eval_rules *r, int score)
{
	for (int g = 1; g < EVAL_GRADES; g++)
		if (score >= r->grade[g].min_score)
			return g;
	return EVAL_GRADES;
}

int eval_summarise(store *s, const eval_rules *r, const eval_scope *sc, const char *period,
		   eval_summary *out, cb_error *err)
{
	/* the period's evaluations of cadres in scope, and for a year the
	 * ratings made without one (as decided, no score) */
	static const char sql[] =
		"SELECT coalesce(e.score, -1), coalesce(e.computed, 0), coalesce(e.grade, 0)"
		" FROM evaluation e JOIN cadre c ON c.id = e.cadre_id JOIN unit u ON u.id = "
		"c.unit_id"
		" WHERE e.period = ?1 AND" IN_SCOPE(
			"u") " UNION ALL SELECT -1, 0, r.grade"
			     " FROM rating r JOIN cadre c ON c.id = r.cadre_id JOIN unit u ON u.id "
			     "= c.unit_id"
			     " WHERE CAST(r.year AS TEXT) = ?1 AND" IN_SCOPE(
				     "u") " AND NOT EXISTS(SELECT 1 FROM evaluation e WHERE "
					  "e.cadre_id = c.id AND e.period = ?1)";
	static const char count_sql[] = "SELECT count(*) FROM cadre c JOIN unit u ON u.id = "
					"c.unit_id WHERE ?1 = ?1 AND" IN_SCOPE("u");
	sqlite3_stmt *st = eval_prepare_scoped(s, sql, sc, err);
	int step;

	memset(out, 0, sizeof *out);
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, period);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int score = sqlite3_column_int(st, 0), computed = sqlite3_column_int(st, 1),
		    grade = sqlite3_column_int(st, 2);
		out->evaluated++;
		if (grade >= 1 && grade <= EVAL_GRADES)
			out->decided[grade]++;
		else
			out->undecided++;
		if (computed >= 1 && computed <= EVAL_GRADES)
			out->computed[computed]++;
		if (score >= 0)
			out->bands[score_band(r, score)]++;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return store_fail(s, err, _("Reading evaluations"));
	if (!(st = eval_prepare_scoped(s, count_sql, sc, err)))
		return CB_EDB;
	store_bind_text(st, 1, period);
	step = sqlite3_step(st);
	out->cadres = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return step == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Reading evaluations"));
}

/* ---- checks on a year's ratings ---------------------------------------- */

/* Runs sql (?1 = the year, ?2 ?3 = the scope, ?4 = the remedied state) and
 * turns each row (id, name, organisation, a, b, is_org, unit, organisation
 * id) into a finding. */
int eval_each_finding(store *s, const eval_rules *r, const eval_scope *sc, int year, int check,
		      const char *sql, eval_finding_fn fn, void *ctx, cb_error *err)
{
	sqlite3_stmt *st = eval_prepare_scoped(s, sql, sc, err);
	int rc = CB_OK, step;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int(st, 1, year);
	if (sqlite3_bind_parameter_count(st) >= 4)
		sqlite3_bind_int(st, 4, PLAN_REMEDIED);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		eval_finding f = {0};
		f.check = check;
		f.id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, f.name, sizeof f.name);
		store_column_copy(st, 2, f.org_name, sizeof f.org_name);
		f.a = sqlite3_column_int(st, 3);
		f.b = sqlite3_column_int(st, 4);
		f.org = sqlite3_column_int(st, 5);
		store_column_copy(st, 6, f.unit_name, sizeof f.unit_name);
		f.org_id = sqlite3_column_int64(st, 7);
		if (check == EVAL_CHECK_CAP && !eval_cap_finding(r, &f))
			continue;
		rc = fn(&f, ctx);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading ratings"));
	sqlite3_finalize(st);
	return rc;
}

bool eval_cap_finding(const eval_rules *r, eval_finding *f)
{
	/* a = excellent, b = good: the base follows the rules */
	int excellent = f->a, good = f->b;

	f->excess = eval_cap_excess(r, excellent, good);
	f->b = r->cap_base == EVAL_CAP_GOOD ? good : good + excellent;
	return f->excess != 0;
}

/* The cadres rated in the year, by the organisation they belong to. */
static const char cap_sql[] =
	"SELECT o.id, o.name, '', sum(r.grade = 1), sum(r.grade = 2), 1, ou.name, o.id"
	" FROM rating r JOIN cadre c ON c.id = r.cadre_id JOIN unit u ON u.id = c.unit_id"
	" JOIN org o ON o.id = c.org_id JOIN unit ou ON ou.id = o.unit_id"
	" WHERE r.year = ?1 AND" IN_SCOPE(
		"u") " GROUP BY o.id HAVING sum(r.grade = 1) > 0 ORDER BY o.name COLLATE VI, o.id";

/* Rated excellent while an item of last year's plan of the cadre is not
 * both remedied and verified: a = such items, b = all the plan's items. */
static const char remediation_sql[] =
	"SELECT c.id, c.full_name, coalesce(o.name, ''),"
	" sum(NOT (i.state = ?4 AND i.verified_on <> '')), count(*), 0, u.name, c.org_id"
	" FROM rating r JOIN cadre c ON c.id = r.cadre_id JOIN unit u ON u.id = c.unit_id"
	" LEFT JOIN org o ON o.id = c.org_id"
	" JOIN plan p ON p.cadre_id = c.id AND p.year = ?1 - 1"
	" JOIN plan_item i ON i.plan_id = p.id"
	" WHERE r.year = ?1 AND r.grade = 1 AND" IN_SCOPE(
		"u") " GROUP BY c.id HAVING sum(NOT (i.state = ?4 AND i.verified_on <> '')) > 0"
		     " ORDER BY c.rank";

/* "Không hoàn thành" this year and last, cadres then organisations. */
static const char failed_sql[] =
	"SELECT c.id, c.full_name, coalesce(o.name, ''), 4, 4, 0, u.name, c.org_id"
	" FROM rating r JOIN rating prev ON prev.cadre_id = r.cadre_id AND prev.year = ?1 - 1"
	" JOIN cadre c ON c.id = r.cadre_id JOIN unit u ON u.id = c.unit_id"
	" LEFT JOIN org o ON o.id = c.org_id"
	" WHERE r.year = ?1 AND r.grade = 4 AND prev.grade = 4 AND" IN_SCOPE(
		"u") " UNION ALL SELECT o.id, o.name, '', 4, 4, 1, u.name, o.id"
		     " FROM rating r JOIN rating prev ON prev.org_id = r.org_id AND prev.year = ?1 "
		     "- 1"
		     " JOIN org o ON o.id = r.org_id JOIN unit u ON u.id = o.unit_id"
		     " WHERE r.year = ?1 AND r.grade = 4 AND prev.grade = 4 AND" IN_SCOPE("u");

/* The year's decided evaluations whose grade is not the proposal (the
 * collective's, else the computed one): a = proposal, b = decision. */
static const char differs_sql[] =
	"SELECT coalesce(e.cadre_id, e.org_id), coalesce(c.full_name, o.name),"
	" CASE WHEN e.cadre_id IS NOT NULL THEN coalesce(co.name, '') ELSE '' END,"
	" coalesce(e.proposed, e.computed), e.grade, e.org_id IS NOT NULL, u.name,"
	" coalesce(c.org_id, e.org_id)"
	" FROM evaluation e LEFT JOIN cadre c ON c.id = e.cadre_id"
	" LEFT JOIN org co ON co.id = c.org_id LEFT JOIN org o ON o.id = e.org_id"
	" JOIN unit u ON u.id = coalesce(c.unit_id, o.unit_id)"
	" WHERE e.period = CAST(?1 AS TEXT) AND e.grade IS NOT NULL"
	" AND coalesce(e.proposed, e.computed) IS NOT NULL"
	" AND coalesce(e.proposed, e.computed) <> e.grade AND" IN_SCOPE("u");

int eval_check_sql(store *s, const eval_rules *r, const eval_scope *sc, int year, int check,
		   eval_finding_fn fn, void *ctx, cb_error *err)
{
	static const char *const sqls[] = {NULL, cap_sql, remediation_sql, failed_sql, differs_sql};

	if (check < EVAL_CHECK_CAP || check > EVAL_CHECK_DIFFERS)
		return cb_error_set(err, CB_EINVALID, _("Not a check of ratings"));
	if (check == EVAL_CHECK_CAP && r->cap_percent < 0)
		return CB_OK;
	return eval_each_finding(s, r, sc, year, check, sqls[check], fn, ctx, err);
}

/* The cheap forms (eval_check_fast.c): at a million cadres the reference
 * statements of the cap, remediation and two failed years read a million
 * rows of the cadre or rating table, or a hundred thousand. */
int eval_check_one(store *s, const eval_rules *r, const eval_scope *sc, int year, int check,
		   eval_finding_fn fn, void *ctx, cb_error *err)
{
	int rc = CB_NOT_FOUND;

	if (check == EVAL_CHECK_CAP && r->cap_percent >= 0)
		rc = eval_check_cap_summary(s, r, sc, year, fn, ctx, err);
	else if (check == EVAL_CHECK_FAILED_TWICE)
		rc = eval_check_failed_summary(s, sc, year, fn, ctx, err);
	else if (check == EVAL_CHECK_REMEDIATION)
		rc = eval_check_remediation_fast(s, r, sc, year, fn, ctx, err);
	return rc == CB_NOT_FOUND ? eval_check_sql(s, r, sc, year, check, fn, ctx, err) : rc;
}

int eval_check_year(store *s, const eval_rules *r, const eval_scope *sc, int year,
		    eval_finding_fn fn, void *ctx, cb_error *err)
{
	int rc = CB_OK;

	for (int check = EVAL_CHECK_CAP; !rc && check <= EVAL_CHECK_DIFFERS; check++)
		rc = eval_check_one(s, r, sc, year, check, fn, ctx, err);
	return rc;
}

struct check_year {
	const eval_rules *r;
	const eval_scope *sc;
	int year;
	eval_finding_fn fn;
	void *ctx;
};

static int check_year(store *s, void *ctx, cb_error *err)
{
	const struct check_year *c = ctx;
	return eval_check_year(s, c->r, c->sc, c->year, c->fn, c->ctx, err);
}

int eval_check_year_until(store *s, const eval_rules *r, const eval_scope *sc, int year,
			  int (*should_stop)(void *), void *stop_ctx, eval_finding_fn fn, void *ctx,
			  cb_error *err)
{
	struct check_year c = {r, sc, year, fn, ctx};
	return store_until(s, should_stop, stop_ctx, check_year, &c, err);
}
