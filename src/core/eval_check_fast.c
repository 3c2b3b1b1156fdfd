/* eval_check_fast.c - the checks on a year's ratings read the cheap way:
 * the cap on "xuất sắc" per organisation and two failed years through the
 * yearly summary (store_summary.h), the remediation check from last
 * year's plans.
 *
 * As statements over the records, each reads a million rows at a
 * province's size: the cap one row of the cadre table per rating (for the
 * cadre's unit and organisation), two failed years the year's whole
 * rating index. Here the grades of the year come from the summary (125 000
 * short rows for a million cadres) into one byte per cadre id, and the
 * cadres of the scope with their organisation from the covering index
 * cadre_pack (unit, packed fields, organisation; its rowid the cadre's id),
 * walked unit by unit so that the scope is the unit's exactly as in the
 * statements (IN_SCOPE). The remediation check starts from last year's
 * plans (hundreds) rather than from the cadres rated excellent (a hundred
 * thousand, each read from the cadre table). The findings and their
 * order are the reference statements' (eval_check_sql;
 * test_eval_check_fast.c compares them).
 */
#include "eval_check_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_sql.h"
#include "store_summary.h"

/* One byte per cadre id, 0 .. n - 1: the grade of the year (0 = none). */
typedef struct grades {
	unsigned char *g;
	int64_t n;
} grades;

static int read_grades(store *s, int year, grades *out, cb_error *err)
{
	sqlite3_stmt *st =
		store_prepare(s, "SELECT block, bits FROM cadre_year WHERE year = ?1", err);
	int step;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int(st, 1, year);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0) * 8;
		uint64_t bits = (uint64_t)sqlite3_column_int64(st, 1);
		for (int k = 0; k < 8; k++, bits >>= 8)
			if (id + k >= 0 && id + k < out->n)
				out->g[id + k] = (unsigned char)(bits & 7);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading ratings"));
}

/* Room for the grades of every cadre id there is. */
static int grades_alloc(store *s, grades *out, cb_error *err)
{
	out->n = store_int(s, "SELECT coalesce(max(id), 0) + 1 FROM cadre", -1);
	if (out->n <= 0)
		return store_fail(s, err, _("Reading ratings"));
	out->g = calloc((size_t)out->n, 1);
	return out->g ? CB_OK : cb_error_oom(err);
}

/* ---- the cap on "xuất sắc" --------------------------------------------- */

/* The cadres of the scope who belong to an organisation, unit by unit. */
static const char members_sql[] =
	"SELECT c.id, c.org_id FROM unit u CROSS JOIN cadre c"
	" ON c.unit_id = u.id WHERE c.org_id IS NOT NULL AND" IN_SCOPE("u");

/* Every organisation with its unit, in the order the findings are told. */
static const char orgs_sql[] =
	"SELECT o.id, o.name, ou.name FROM org o"
	" JOIN unit ou ON ou.id = o.unit_id ORDER BY o.name COLLATE VI, o.id";

/* Per organisation id: cadres rated excellent, rated good. */
typedef struct org_counts {
	int (*n)[2];
	int64_t cap;
} org_counts;

static int count_members(store *s, const eval_scope *sc, const grades *g, org_counts *oc,
			 cb_error *err)
{
	sqlite3_stmt *st = eval_prepare_scoped(s, members_sql, sc, err);
	int step;

	if (!st)
		return CB_EDB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), org = sqlite3_column_int64(st, 1);
		int grade = id >= 0 && id < g->n ? g->g[id] : 0;
		if ((grade == 1 || grade == 2) && org >= 0 && org < oc->cap)
			oc->n[org][grade - 1]++;
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading ratings"));
}

static int tell_over_cap(store *s, const eval_rules *r, const org_counts *oc, eval_finding_fn fn,
			 void *ctx, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, orgs_sql, err);
	int rc = CB_OK, step;

	if (!st)
		return CB_EDB;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		eval_finding f = {.check = EVAL_CHECK_CAP, .org = true, .id = id, .org_id = id};
		if (id < 0 || id >= oc->cap || oc->n[id][0] == 0)
			continue;
		f.a = oc->n[id][0];
		f.b = oc->n[id][1];
		store_column_copy(st, 1, f.name, sizeof f.name);
		store_column_copy(st, 2, f.unit_name, sizeof f.unit_name);
		if (eval_cap_finding(r, &f))
			rc = fn(&f, ctx);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading ratings"));
	sqlite3_finalize(st);
	return rc;
}

int eval_check_cap_summary(store *s, const eval_rules *r, const eval_scope *sc, int year,
			   eval_finding_fn fn, void *ctx, cb_error *err)
{
	grades g = {0};
	org_counts oc = {0};
	int rc;

	if (!store_summary_present(s))
		return CB_NOT_FOUND;
	rc = grades_alloc(s, &g, err);
	if (!rc) {
		oc.cap = store_int(s, "SELECT coalesce(max(id), 0) + 1 FROM org", -1);
		oc.n = oc.cap > 0 ? calloc((size_t)oc.cap, sizeof *oc.n) : NULL;
		rc = oc.n	  ? CB_OK
		     : oc.cap > 0 ? cb_error_oom(err)
				  : store_fail(s, err, _("Reading ratings"));
	}
	if (!rc)
		rc = read_grades(s, year, &g, err);
	if (!rc)
		rc = count_members(s, sc, &g, &oc, err);
	if (!rc)
		rc = tell_over_cap(s, r, &oc, fn, ctx, err);
	free(g.g);
	free(oc.n);
	return rc;
}

/* ---- two failed years ---------------------------------------------------- */

/* A cadre rated "không hoàn thành" both years, if in the scope (?1 = id). */
static const char failed_cadre_sql[] =
	"SELECT c.id, c.full_name, coalesce(o.name, ''), u.name, c.org_id"
	" FROM cadre c JOIN unit u ON u.id = c.unit_id LEFT JOIN org o ON o.id = c.org_id"
	" WHERE c.id = ?1 AND" IN_SCOPE("u");

/* The organisations so rated (their ratings are the year's few rows with
 * no cadre: the index gives them without the cadres'). */
static const char failed_org_sql[] =
	"SELECT o.id, o.name, u.name"
	" FROM rating r JOIN rating prev ON prev.org_id = r.org_id AND prev.year = ?1 - 1"
	" JOIN org o ON o.id = r.org_id JOIN unit u ON u.id = o.unit_id"
	" WHERE r.year = ?1 AND r.cadre_id IS NULL AND r.grade = 4 AND prev.grade = 4 AND" IN_SCOPE(
		"u");

static int tell_failed_cadres(store *s, const eval_scope *sc, const grades *now,
			      const grades *before, eval_finding_fn fn, void *ctx, cb_error *err)
{
	sqlite3_stmt *st = eval_prepare_scoped(s, failed_cadre_sql, sc, err);
	int rc = CB_OK;

	if (!st)
		return CB_EDB;
	for (int64_t id = 0; !rc && id < now->n; id++) {
		if (now->g[id] != 4 || id >= before->n || before->g[id] != 4)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			eval_finding f = {
				.check = EVAL_CHECK_FAILED_TWICE, .id = id, .a = 4, .b = 4};
			store_column_copy(st, 1, f.name, sizeof f.name);
			store_column_copy(st, 2, f.org_name, sizeof f.org_name);
			store_column_copy(st, 3, f.unit_name, sizeof f.unit_name);
			f.org_id = sqlite3_column_int64(st, 4);
			rc = fn(&f, ctx);
		} else if (step != SQLITE_DONE) {
			rc = store_fail(s, err, _("Reading ratings"));
		}
	}
	sqlite3_finalize(st);
	return rc;
}

static int tell_failed_orgs(store *s, const eval_scope *sc, int year, eval_finding_fn fn, void *ctx,
			    cb_error *err)
{
	sqlite3_stmt *st = eval_prepare_scoped(s, failed_org_sql, sc, err);
	int rc = CB_OK, step;

	if (!st)
		return CB_EDB;
	sqlite3_bind_int(st, 1, year);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		eval_finding f = {.check = EVAL_CHECK_FAILED_TWICE, .org = true, .a = 4, .b = 4};
		f.id = f.org_id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, f.name, sizeof f.name);
		store_column_copy(st, 2, f.unit_name, sizeof f.unit_name);
		rc = fn(&f, ctx);
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_fail(s, err, _("Reading ratings"));
	sqlite3_finalize(st);
	return rc;
}

int eval_check_failed_summary(store *s, const eval_scope *sc, int year, eval_finding_fn fn,
			      void *ctx, cb_error *err)
{
	grades now = {0}, before = {0};
	int rc;

	if (!store_summary_present(s))
		return CB_NOT_FOUND;
	rc = grades_alloc(s, &now, err);
	if (!rc)
		rc = grades_alloc(s, &before, err);
	if (!rc)
		rc = read_grades(s, year, &now, err);
	if (!rc)
		rc = read_grades(s, year - 1, &before, err);
	if (!rc)
		rc = tell_failed_cadres(s, sc, &now, &before, fn, ctx, err);
	if (!rc)
		rc = tell_failed_orgs(s, sc, year, fn, ctx, err);
	free(now.g);
	free(before.g);
	return rc;
}

/* ---- excellent with last year's items not remedied ------------------- */

/* As the reference (eval_check.c), led by last year's plans of cadres. */
static const char remediation_sql[] =
	"SELECT c.id, c.full_name, coalesce(o.name, ''),"
	" sum(NOT (i.state = ?4 AND i.verified_on <> '')), count(*), 0, u.name, c.org_id"
	" FROM plan p CROSS JOIN rating r ON r.cadre_id = p.cadre_id AND r.year = ?1"
	" JOIN cadre c ON c.id = p.cadre_id JOIN unit u ON u.id = c.unit_id"
	" LEFT JOIN org o ON o.id = c.org_id JOIN plan_item i ON i.plan_id = p.id"
	" WHERE p.year = ?1 - 1 AND p.cadre_id IS NOT NULL AND r.grade = 1 AND" IN_SCOPE(
		"u") " GROUP BY c.id HAVING sum(NOT (i.state = ?4 AND i.verified_on <> '')) > 0"
		     " ORDER BY c.rank";

int eval_check_remediation_fast(store *s, const eval_rules *r, const eval_scope *sc, int year,
				eval_finding_fn fn, void *ctx, cb_error *err)
{
	return eval_each_finding(s, r, sc, year, EVAL_CHECK_REMEDIATION, remediation_sql, fn, ctx,
				 err);
}
