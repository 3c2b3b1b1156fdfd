/* eval_import.c - evaluations recorded from a CSV file, all rows or none.
 *
 * The columns are named by a header row (any order, unknown ones refused):
 *   cadre_id or org_id   whose evaluation (one of them per row)
 *   period               2025, 2025-Q1, 2025-03, 2020-2025, 2025-03-14
 *   scores               points per criteria group, "28+61.5"
 *   tasks                assigned/on time/late/exceeded, "12/12/0/3"
 *   note
 * as `canbo eval show --format csv` writes scores, tasks and note. Each row
 * is recorded through eval_save (checked, versioned, audited) inside one
 * transaction: the first bad row rolls everything back and is named with
 * its line. Stages and decisions are not imported: they are signed acts.
 */
#include "eval_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"
#include "i18n.h"

enum { COL_CADRE, COL_ORG, COL_PERIOD, COL_SCORES, COL_TASKS, COL_NOTE, COL_COUNT };
static const char *const col_names[COL_COUNT] = {"cadre_id", "org_id", "period",
						 "scores",   "tasks",  "note"};

static int map_header(const csv_reader *rd, int *col, cb_error *err)
{
	for (int c = 0; c < COL_COUNT; c++)
		col[c] = -1;
	for (size_t i = 0; i < rd->nfields; i++) {
		const char *h = csv_field(rd, i);
		int c = 0;
		while (c < COL_COUNT && strcmp(h, col_names[c]) != 0)
			c++;
		if (c == COL_COUNT)
			return cb_error_set(
				err, CB_EINVALID,
				_("Line %zu: unknown column '%s' (expected: cadre_id or "
				  "org_id, period, scores, tasks, note)"),
				rd->line, h);
		col[c] = (int)i;
	}
	if ((col[COL_CADRE] < 0) == (col[COL_ORG] < 0) || col[COL_PERIOD] < 0)
		return cb_error_set(
			err, CB_EINVALID,
			_("Line %zu: the header needs a period column and one of cadre_id"
			  " and org_id"),
			rd->line);
	return CB_OK;
}

static const char *cell(const csv_reader *rd, const int *col, int c)
{
	return col[c] < 0 ? "" : csv_field(rd, (size_t)col[c]);
}

static bool parse_scores(const char *s, int *scores)
{
	char buf[256], *save = NULL, *tok;
	int g = 0;
	snprintf(buf, sizeof buf, "%s", s);
	for (tok = strtok_r(buf, "+", &save); tok; tok = strtok_r(NULL, "+", &save), g++)
		if (g >= EVAL_GROUPS_MAX || !eval_score_parse(tok, 100 * EVAL_CENTI, &scores[g]))
			return false;
	return g > 0;
}

static bool parse_tasks(const char *s, eval_tasks *t)
{
	int used = 0;
	return sscanf(s, "%d/%d/%d/%d%n", &t->assigned, &t->on_time, &t->late, &t->exceeded,
		      &used) == 4 &&
	       !s[used];
}

/* One row into e (the stored evaluation when there is one). */
static int import_row(store *s, const eval_rules *r, const csv_reader *rd, const int *col,
		      cb_error *err)
{
	const char *owner_s = cell(rd, col, col[COL_CADRE] >= 0 ? COL_CADRE : COL_ORG);
	bool org = col[COL_CADRE] < 0;
	char *end;
	long long owner = strtoll(owner_s, &end, 10);
	eval_period p;
	evaluation e;
	int rc;

	if (!*owner_s || *end || owner <= 0)
		return cb_error_set(err, CB_EINVALID, _("Line %zu: '%s' is not a record number"),
				    rd->line, owner_s);
	if (!eval_period_parse(cell(rd, col, COL_PERIOD), &p))
		return cb_error_set(err, CB_EINVALID, _("Line %zu: '%s' is not a period"), rd->line,
				    cell(rd, col, COL_PERIOD));
	rc = eval_get(s, org, owner, p.key, &e, err);
	if (rc == CB_NOT_FOUND || (!rc && e.from_rating))
		eval_init(&e, org, owner, &p);
	else if (rc)
		return rc;
	if (*cell(rd, col, COL_SCORES)) {
		for (int g = 0; g < EVAL_GROUPS_MAX; g++)
			e.scores[g] = -1;
		if (!parse_scores(cell(rd, col, COL_SCORES), e.scores))
			return cb_error_set(err, CB_EINVALID,
					    _("Line %zu: scores '%s' are not points joined by '+'"),
					    rd->line, cell(rd, col, COL_SCORES));
	}
	if (*cell(rd, col, COL_TASKS) && !parse_tasks(cell(rd, col, COL_TASKS), &e.tasks))
		return cb_error_set(err, CB_EINVALID,
				    _("Line %zu: tasks '%s' are not four numbers A/T/L/E"),
				    rd->line, cell(rd, col, COL_TASKS));
	if (col[COL_NOTE] >= 0)
		snprintf(e.note, sizeof e.note, "%s", cell(rd, col, COL_NOTE));
	if ((rc = eval_save(s, r, &e, err))) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err->msg);
		return cb_error_set(err, rc, _("Line %zu: %s"), rd->line, why);
	}
	return CB_OK;
}

int eval_import(store *s, const eval_rules *r, const char *text, size_t len, bool dry_run,
		size_t *rows, cb_error *err)
{
	csv_reader rd;
	size_t skip = 0;
	int col[COL_COUNT], rc;
	char sep = csv_detect(text, len, &skip);

	*rows = 0;
	csv_init(&rd, text + skip, len - skip, sep, skip ? 2 : 1);
	if ((rc = csv_next(&rd, err)) != 1) {
		csv_free(&rd);
		return rc ? rc : cb_error_set(err, CB_EINVALID, _("The file is empty"));
	}
	if ((rc = map_header(&rd, col, err)) || (rc = store_begin(s, err))) {
		csv_free(&rd);
		return rc;
	}
	while ((rc = csv_next(&rd, err)) == 1) {
		if (rd.nfields == 1 && !*csv_field(&rd, 0))
			continue; /* a blank line */
		if ((rc = import_row(s, r, &rd, col, err)))
			break;
		++*rows;
	}
	csv_free(&rd);
	if (rc || dry_run) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}
