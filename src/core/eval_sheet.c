/* eval_sheet.c - the rows of the evaluation sheet and decisions for
 * several cadres at once (eval_sheet.h).
 *
 * One query reads the cadres (the cadre list's WHERE clause, filter.h)
 * with their evaluation of the period and, for a year, the year's rating
 * where no evaluation was recorded; decisions wrap eval_decide in one
 * more transaction (store_begin nests).
 */
#include "eval_sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "filter.h"
#include "i18n.h"
#include "store_sql.h"

static void read_row(sqlite3_stmt *st, void *row)
{
	eval_sheet_row *r = row;

	memset(r, 0, sizeof *r);
	r->cadre_id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, r->name, sizeof r->name);
	store_column_copy(st, 2, r->unit, sizeof r->unit);
	r->evaluated = sqlite3_column_type(st, 3) != SQLITE_NULL;
	r->score = sqlite3_column_int(st, 4);
	r->proposal =
		sqlite3_column_int(st, 6) ? sqlite3_column_int(st, 6) : sqlite3_column_int(st, 5);
	r->grade = sqlite3_column_int(st, 7);
	r->stage = -1;
	if (r->evaluated) {
		evaluation e;
		memset(&e, 0, sizeof e);
		e.grade = r->grade;
		store_column_copy(st, 8, e.proposed_on, sizeof e.proposed_on);
		store_column_copy(st, 9, e.reviewed_on, sizeof e.reviewed_on);
		store_column_copy(st, 10, e.self_on, sizeof e.self_on);
		r->stage = eval_stage_of(&e);
	} else if (sqlite3_column_int(st, 11)) {
		r->from_rating = true;
		r->grade = sqlite3_column_int(st, 11);
		r->stage = EVAL_DECIDED;
	}
}

int eval_sheet_load(store *s, int64_t unit_lo, int64_t unit_hi, const char *period, cb_date as_of,
		    eval_sheet_row **out, size_t *n, cb_error *err)
{
	filter_sql fs;
	char sql[sizeof fs.where + 1024];
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	int rc = store_scope_units_sql(s, unit_lo, unit_hi, as_of, &fs, err);
	if (rc != CB_OK)
		return rc;
	snprintf(sql, sizeof sql,
		 "SELECT c.id, c.full_name, u.name, e.id, coalesce(e.score, -1),"
		 " coalesce(e.computed, 0), coalesce(e.proposed, 0), coalesce(e.grade, 0),"
		 " e.proposed_on, e.reviewed_on, e.self_on,"
		 " coalesce((SELECT r.grade FROM rating r WHERE r.cadre_id = c.id"
		 " AND CAST(r.year AS TEXT) = ?1), 0)"
		 " FROM cadre c JOIN unit u ON u.id = c.unit_id"
		 " LEFT JOIN evaluation e ON e.cadre_id = c.id AND e.period = ?1"
		 " WHERE 1%s ORDER BY c.rank",
		 fs.where);
	if ((st = store_prepare(s, sql, err))) {
		store_bind_text(st, 1, period);
		filter_bind(&fs, st, 2);
	}
	return store_rows(s, st, sizeof **out, read_row, (void **)out, n, _("Reading evaluations"),
			  err);
}

static int decide_one(store *s, int64_t id, const char *period, int grade, const char *reason,
		      cb_date today, cb_error *err)
{
	evaluation e;
	int rc = eval_get(s, false, id, period, &e, err);

	if (rc)
		return rc;
	if (e.from_rating)
		return cb_error_set(err, CB_EINVALID, _("No evaluation for %s"), period);
	if (!grade && !(grade = eval_proposal(&e)))
		return cb_error_set(err, CB_EINVALID,
				    _("%s: no grade is proposed yet (no score, no proposal)"),
				    period);
	return eval_decide(s, &e, grade, reason, today, err);
}

int eval_sheet_decide(store *s, const int64_t *cadre_ids, size_t n, const char *period, int grade,
		      const char *reason, cb_date today, size_t *failed, cb_error *err)
{
	int rc;

	*failed = n;
	if ((rc = store_begin(s, err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++)
		if ((rc = decide_one(s, cadre_ids[i], period, grade, reason, today, err)))
			*failed = i;
	return store_finish(s, rc, err);
}

bool eval_period_step(const eval_period *p, int step, eval_period *out)
{
	char key[16];
	int y = p->year, k;

	switch (p->kind) {
	case EVAL_YEAR:
		snprintf(key, sizeof key, "%d", y + step);
		break;
	case EVAL_QUARTER:
		k = (p->key[6] - '1') + step + 4 * y; /* "YYYY-Qn" */
		snprintf(key, sizeof key, "%d-Q%d", k / 4, k % 4 + 1);
		break;
	case EVAL_MONTH:
		k = atoi(p->key + 5) - 1 + step + 12 * y; /* "YYYY-MM" */
		snprintf(key, sizeof key, "%d-%02d", k / 12, k % 12 + 1);
		break;
	default:
		return false;
	}
	return eval_period_parse(key, out);
}
