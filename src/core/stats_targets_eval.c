/* stats_targets_eval.c - the targets' figures of a scope (targets_eval) and of
 * the province with each district beside it (targets_by_district), judged
 * against the percentages of the configuration. The cadres are counted by
 * stats_targets_count.c; the organisations here, from org with their rating for
 * the year, in one statement for a scope or one pass for every column.
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "access.h"
#include "stats_internal.h"
#include "stats_targets_internal.h"
#include "units.h"

#define ORGKINDS_STANDING "2, 4, 5" /* ORGKIND_LIST: standing committee, delegation, board */

/* Organisations of the scope: by unit subtree (each in the unit it was in
 * on ?5 when a reform moved it since, units.h; ?5 NULL: its unit now), or
 * the organisation and everything under it; with their rating for the
 * year. */
static const char org_sql[] =
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT o.id FROM org o JOIN sub"
	" ON o.parent_id = sub.id WHERE ?1 <> 0),"
	" g AS (SELECT o.kind IN (" ORGKINDS_STANDING ") AS standing,"
	/* grassroots committees (6), and cells (7) not under one */
	" (o.kind = 6 OR (o.kind = 7 AND NOT EXISTS(SELECT 1 FROM org p"
	"  WHERE p.id = o.parent_id AND p.kind = 6))) AS grassroots,"
	" EXISTS(SELECT 1 FROM rating r WHERE r.org_id = o.id AND r.year = ?2"
	"  AND r.grade BETWEEN 1 AND 2) AS good"
	" FROM org o WHERE (?1 = 0 OR o.id IN sub)"
	" AND (?3 = 0 OR CASE WHEN ?5 IS NULL THEN o.unit_id ELSE coalesce((SELECT uh.unit_id"
	"  FROM unit_history uh WHERE uh.tbl = 'org' AND uh.row_id = o.id AND uh.until > ?5"
	"  ORDER BY uh.until LIMIT 1), o.unit_id) END"
	" IN (SELECT u.id FROM unit u WHERE u.lo BETWEEN ?3 AND ?4 AND in_scope(u.lo, o.id))))"
	" SELECT count(*) FILTER (WHERE standing), count(*) FILTER (WHERE standing AND good),"
	" count(*) FILTER (WHERE grassroots), count(*) FILTER (WHERE grassroots AND good)"
	" FROM g";

static int eval_orgs(store *s, const cadre_filter *scope, int year, target_result *out,
		     cb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	int64_t v[4];
	char day[11];

	date_format_iso(scope->units_on != CB_DATE_NONE ? scope->units_on : scope->as_of, day);
	if (sqlite3_prepare_v2(store_db(s), org_sql, -1, &st, NULL) != SQLITE_OK ||
	    (scope->unit_history &&
	     sqlite3_bind_text(st, 5, day, -1, SQLITE_TRANSIENT) != SQLITE_OK) ||
	    sqlite3_bind_int64(st, 1, scope->org_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, year) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, scope->unit_lo) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, scope->unit_hi) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = store_fail(s, err, _("Evaluating the targets"));
		sqlite3_finalize(st);
		return rc;
	}
	for (int i = 0; i < 4; i++)
		v[i] = sqlite3_column_int64(st, i);
	sqlite3_finalize(st);
	out[T_ORG_STANDING_GOOD].den = v[0];
	out[T_ORG_STANDING_GOOD].num = v[1];
	out[T_ORG_GRASSROOTS_GOOD].den = out[T_CONGRESS_ORG_GOOD].den = v[2];
	out[T_ORG_GRASSROOTS_GOOD].num = out[T_CONGRESS_ORG_GOOD].num = v[3];
	return CB_OK;
}

/* The organisations of every column at once: each organisation with its
 * flags (the same expressions as org_sql's), counted into the column of
 * its unit (t->unit_col: the column whose interval holds the unit's lo,
 * which is org_sql's unit condition). */
static const char org_columns_sql[] =
	"SELECT o.unit_id, o.kind IN (" ORGKINDS_STANDING "),"
	" (o.kind = 6 OR (o.kind = 7 AND NOT EXISTS(SELECT 1 FROM org p"
	"  WHERE p.id = o.parent_id AND p.kind = 6))),"
	" EXISTS(SELECT 1 FROM rating r WHERE r.org_id = o.id AND r.year = ?1"
	"  AND r.grade BETWEEN 1 AND 2)"
	" FROM org o WHERE in_scope((SELECT lo FROM unit WHERE id = o.unit_id), o.id)";

static int eval_orgs_columns(store *s, const ttally *t, int year, target_column *cols, size_t n,
			     cb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(store_db(s), org_columns_sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, year) != SQLITE_OK) {
		rc = store_fail(s, err, _("Evaluating the targets"));
		sqlite3_finalize(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t unit = sqlite3_column_int64(st, 0);
		bool standing = sqlite3_column_int(st, 1), grass = sqlite3_column_int(st, 2);
		bool good = sqlite3_column_int(st, 3);
		int col = unit >= 0 && unit < t->unit_n ? t->unit_col[unit] : -1;
		target_result *r;
		if (col < 1 || (size_t)col >= n)
			continue;
		r = cols[col].result;
		r[T_ORG_STANDING_GOOD].den += standing;
		r[T_ORG_STANDING_GOOD].num += standing && good;
		r[T_ORG_GRASSROOTS_GOOD].den += grass;
		r[T_ORG_GRASSROOTS_GOOD].num += grass && good;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Evaluating the targets"));
	for (size_t i = 1; i < n; i++) {
		cols[i].result[T_CONGRESS_ORG_GOOD].den = cols[i].result[T_ORG_GRASSROOTS_GOOD].den;
		cols[i].result[T_CONGRESS_ORG_GOOD].num = cols[i].result[T_ORG_GRASSROOTS_GOOD].num;
	}
	return CB_OK;
}

static void finish(target_result out[TARGET_COUNT], const int pct[TARGET_COUNT])
{
	for (int id = 0; id < TARGET_COUNT; id++) {
		out[id].id = id;
		out[id].target = pct ? pct[id] : targets_def_of(id).def;
		target_judge(&out[id]);
	}
}

int targets_eval(store *s, const cadre_filter *in, int year, const int pct[TARGET_COUNT],
		 target_result out[TARGET_COUNT], cb_error *err)
{
	cadre_filter clamped = *in;
	const cadre_filter *scope = &clamped;
	stats_sat sat;
	ttally t;
	int rc;

	/* the reader's scope bounds every target (access.h) */
	store_scope_filter(s, &clamped);
	if ((rc = store_filter_units(s, &clamped, err)))
		return rc;

	memset(out, 0, sizeof(target_result) * TARGET_COUNT);
	if ((rc = stats_sat_load(s, year, SAT_NEED_RATING | SAT_NEED_TRAINING, &sat, err)))
		return rc;
	if (!(rc = targets_tally_new(&t, 1, &sat, err))) {
		if (!(rc = targets_count_cadres(s, scope, year, &t, err)))
			targets_tally_copy(&t, 0, out);
		targets_tally_free(&t);
	}
	stats_sat_done(s, &sat);
	if (!rc)
		rc = eval_orgs(s, scope, year, out, err);
	if (!rc)
		finish(out, pct);
	return rc;
}

/* ---- the province view ------------------------------------------------ */

static void effective_targets(const cfg *c, const cfg_district *d, int pct[TARGET_COUNT])
{
	for (int id = 0; id < TARGET_COUNT; id++)
		pct[id] = config_target(c, d, id);
}

/* Names and scopes of the columns: 1 = the province unit itself, then the
 * tier-2 units (column 0, the whole province, is filled at the end). */
static int columns_init(store *s, const cfg *c, cb_date as_of, target_column *cols, cb_error *err)
{
	size_t at = 1;
	for (size_t i = 0; i < c->unit_count; i++) {
		const cfg_unit *u = &c->units[i];
		target_column *col;
		unit_row row;
		int rc;
		if (i != 0 && u->tier != 2)
			continue;
		if ((rc = store_unit_by_code(s, u->code, &row, err)))
			return rc;
		col = &cols[at++];
		snprintf(col->code, sizeof col->code, "%s", u->code);
		snprintf(col->name, sizeof col->name, "%s", u->name);
		col->province_level = i == 0;
		filter_init(&col->scope);
		col->scope.as_of = as_of;
		col->scope.deepest_tier = c->tiers;
		col->scope.unit_lo = row.lo;
		col->scope.unit_hi = i == 0 ? row.lo : row.hi;
	}
	cols[0].scope = cols[1].scope;
	cols[0].scope.unit_lo = cols[0].scope.unit_hi = 0;
	snprintf(cols[0].code, sizeof cols[0].code, "%s", c->units[0].code);
	snprintf(cols[0].name, sizeof cols[0].name, "%s", _("Whole province"));
	snprintf(cols[1].name, sizeof cols[1].name, "%s", _("Province level"));
	return CB_OK;
}

/* unit id -> column: the column whose interval holds the unit's lo,
 * the same test as filter.c's "unit_id IN (... lo BETWEEN ? AND ?)". */
static int unit_columns(store *s, const target_column *cols, size_t n, ttally *t, cb_error *err)
{
	sqlite3_stmt *st;
	int16_t *map;
	int64_t max = 0;
	int rc;

	if (sqlite3_prepare_v2(store_db(s), "SELECT coalesce(max(id), 0) FROM unit", -1, &st,
			       NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s, err, _("Reading the administrative units"));
	}
	max = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!(map = malloc(((size_t)max + 1) * sizeof *map)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (int64_t i = 0; i <= max; i++)
		map[i] = -1;
	if (sqlite3_prepare_v2(store_db(s), "SELECT id, lo FROM unit", -1, &st, NULL) !=
	    SQLITE_OK) {
		free(map);
		return store_fail(s, err, _("Reading the administrative units"));
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), lo = sqlite3_column_int64(st, 1);
		for (size_t c = 1; c < n && id >= 0 && id <= max; c++)
			if (lo >= cols[c].scope.unit_lo && lo <= cols[c].scope.unit_hi)
				map[id] = (int16_t)c;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(map);
		return store_fail(s, err, _("Reading the administrative units"));
	}
	t->unit_col = map;
	t->unit_n = max + 1;
	return CB_OK;
}

/* Fills every column's figures and judges them against its targets. */
static int columns_eval(store *s, const cfg *c, int year, target_column *cols, size_t n,
			cb_error *err)
{
	stats_sat sat;
	ttally t;
	int pct[TARGET_COUNT], rc;

	if ((rc = stats_sat_load(s, year, SAT_NEED_RATING | SAT_NEED_TRAINING, &sat, err)))
		return rc;
	if ((rc = targets_tally_new(&t, (int)n, &sat, err))) {
		stats_sat_done(s, &sat);
		return rc;
	}
	if (!(rc = unit_columns(s, cols, n, &t, err)) &&
	    !(rc = targets_count_cadres(s, &cols[0].scope, year, &t, err)))
		for (size_t i = 1; i < n; i++)
			targets_tally_copy(&t, (int)i, cols[i].result);
	stats_sat_done(s, &sat);
	if (!rc)
		rc = eval_orgs_columns(s, &t, year, cols, n, err);
	targets_tally_free(&t);
	for (size_t i = 1; i < n && !rc; i++) {
		effective_targets(
			c, cols[i].province_level ? NULL : config_district(c, cols[i].code), pct);
		finish(cols[i].result, pct);
	}
	return rc;
}

/* The province column is the sum of the others: the province unit itself
 * and the tier-2 subtrees partition the province. */
static void sum_columns(const cfg *c, target_column *cols, size_t n)
{
	int pct[TARGET_COUNT];

	memset(cols[0].result, 0, sizeof cols[0].result);
	for (int id = 0; id < TARGET_COUNT; id++)
		for (size_t i = 1; i < n; i++) {
			cols[0].result[id].num += cols[i].result[id].num;
			cols[0].result[id].den += cols[i].result[id].den;
		}
	effective_targets(c, NULL, pct);
	finish(cols[0].result, pct);
}

/* A reader held to part of the province gets the columns of their part
 * only, and column 0 is the sum of those: a district outside it is not
 * shown, not even as a row of zeros. Returns the columns kept. */
static size_t keep_scoped_columns(store *s, target_column *cols, size_t n)
{
	size_t kept = 1;

	if (!store_scoped(s, NULL, NULL))
		return n;
	for (size_t i = 1; i < n; i++)
		if (store_scope_touches(s, cols[i].scope.unit_lo, cols[i].scope.unit_hi))
			cols[kept++] = cols[i];
	snprintf(cols[0].name, sizeof cols[0].name, "%s", _("All units you may see"));
	return kept;
}

int targets_by_district(store *s, const cfg *c, cb_date as_of, int year, target_column **out,
			size_t *n, cb_error *err)
{
	size_t count = 2;
	target_column *cols;
	int rc;

	*out = NULL;
	*n = 0;
	if (!c || c->unit_count == 0)
		return cb_error_set(err, CB_ECONFIG, _("The configuration names no province"));
	for (size_t i = 1; i < c->unit_count; i++)
		count += c->units[i].tier == 2;
	if (count > INT16_MAX)
		return cb_error_set(err, CB_ECONFIG, _("Too many districts"));
	if (!(cols = calloc(count, sizeof *cols)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (!(rc = columns_init(s, c, as_of, cols, err))) {
		/* the reader's scope bounds the whole (access.h) */
		store_scope_filter(s, &cols[0].scope);
		rc = columns_eval(s, c, year, cols, count, err);
	}
	if (rc) {
		free(cols);
		return rc;
	}
	count = keep_scoped_columns(s, cols, count);
	sum_columns(c, cols, count);
	*out = cols;
	*n = count;
	return CB_OK;
}
