/* rating_sheet.c - the rows of the rating sheet and its writes to several
 * records at once (rating_sheet.h).
 *
 * The cadres are read with the cadre list's own WHERE clause (filter.h,
 * with the reader's scope applied by store_scope_filter), so the sheet
 * shows exactly the cadres the list shows for that scope. A write to
 * several records wraps the store's single-record writers in one more
 * transaction (store_begin nests as a savepoint): the first refusal rolls
 * every record back.
 */
#include "rating_sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "filter.h"
#include "i18n.h"
#include "model.h"
#include "store_sql.h"

static void read_cadre(sqlite3_stmt *st, void *row)
{
	rating_sheet_row *r = row;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	store_column_copy(st, 1, r->name, sizeof r->name);
	store_column_copy(st, 2, r->birth_date, sizeof r->birth_date);
	store_column_copy(st, 3, r->position, sizeof r->position);
	store_column_copy(st, 4, r->unit, sizeof r->unit);
	r->grade = sqlite3_column_int(st, 5);
}

static int load_cadres(store *s, int64_t unit_lo, int64_t unit_hi, int year, cb_date as_of,
		       rating_sheet_row **out, size_t *n, cb_error *err)
{
	filter_sql fs;
	char sql[sizeof fs.where + 512];
	sqlite3_stmt *st;

	/* the reader's scope bounds the sheet as it bounds the list */
	int rc = store_scope_units_sql(s, unit_lo, unit_hi, as_of, &fs, err);
	if (rc != CB_OK)
		return rc;
	snprintf(sql, sizeof sql,
		 "SELECT c.id, c.full_name, c.birth_date, c.position, u.name,"
		 " coalesce((SELECT r.grade FROM rating r WHERE r.cadre_id = c.id"
		 " AND r.year = ?1), 0)"
		 " FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE 1%s ORDER BY c.rank",
		 fs.where);
	if ((st = store_prepare(s, sql, err))) {
		sqlite3_bind_int(st, 1, year);
		filter_bind(&fs, st, 2);
	}
	return store_rows(s, st, sizeof **out, read_cadre, (void **)out, n, _("Reading records"),
			  err);
}

static int load_orgs(store *s, int64_t unit_id, int year, rating_sheet_row **out, size_t *n,
		     cb_error *err)
{
	org_row *o = NULL;
	size_t no = 0, k = 0;
	int rc = store_org_tree(s, unit_id, year, &o, &no, err);

	if (rc)
		return rc;
	if (no && !(*out = calloc(no, sizeof **out))) {
		free(o);
		return cb_error_oom(err);
	}
	for (size_t i = 0; i < no; i++) {
		rating_sheet_row *r;
		if (o[i].ended != CB_DATE_NONE)
			continue;
		r = &(*out)[k++];
		r->id = o[i].id;
		snprintf(r->name, sizeof r->name, "%s", o[i].name);
		snprintf(r->position, sizeof r->position, "%s",
			 model_label(ENUM_ORGKIND, o[i].kind));
		r->depth = o[i].depth - o[0].depth; /* the scope's own at 0 */
		if (r->depth < 0)
			r->depth = 0;
		r->grade = o[i].grade;
	}
	free(o);
	if (!k) {
		free(*out);
		*out = NULL;
	}
	*n = k;
	return CB_OK;
}

int rating_sheet_load(store *s, bool orgs, int64_t unit_lo, int64_t unit_hi, int64_t unit_id,
		      int year, cb_date as_of, rating_sheet_row **out, size_t *n, cb_error *err)
{
	*out = NULL;
	*n = 0;
	return orgs ? load_orgs(s, unit_id, year, out, n, err)
		    : load_cadres(s, unit_lo, unit_hi, year, as_of, out, n, err);
}

void rating_sheet_count(const rating_sheet_row *rows, size_t n, int counts[RATING_SHEET_GRADES])
{
	memset(counts, 0, sizeof(int) * RATING_SHEET_GRADES);
	for (size_t i = 0; i < n; i++)
		counts[rows[i].grade > 0 && rows[i].grade < RATING_SHEET_GRADES ? rows[i].grade
										: 0]++;
}

/* ---- writes to several records ---------------------------------------- */

enum batch_kind { BATCH_GRADE, BATCH_TRAINING, BATCH_POOL };

typedef struct batch {
	enum batch_kind kind;
	bool orgs;
	int year, grade;
	const training_row *training;
	const career_rules *rules;
	cb_date on;
	const char *term, *title;
} batch;

static int write_one(store *s, const batch *b, int64_t id, cb_error *err)
{
	pool_row p;

	switch (b->kind) {
	case BATCH_GRADE:
		return b->orgs ? store_org_rating_set(s, id, b->year, b->grade, err)
			       : store_rating_set(s, id, b->year, b->grade, err);
	case BATCH_TRAINING:
		return store_training_add(s, id, b->training, err);
	case BATCH_POOL:
		memset(&p, 0, sizeof p);
		p.cadre_id = id;
		snprintf(p.term, sizeof p.term, "%s", b->term);
		snprintf(p.title, sizeof p.title, "%s", b->title);
		return store_pool_add(s, b->rules, b->on, &p, err);
	}
	return cb_error_set(err, CB_EINVALID, "%s", _("Unknown action."));
}

static int run_batch(store *s, const batch *b, const int64_t *ids, size_t n, size_t *failed,
		     cb_error *err)
{
	int rc;

	*failed = n;
	if ((rc = store_begin(s, err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++)
		if ((rc = write_one(s, b, ids[i], err)))
			*failed = i;
	return store_finish(s, rc, err);
}

int rating_sheet_set_grade(store *s, bool orgs, const int64_t *ids, size_t n, int year, int grade,
			   size_t *failed, cb_error *err)
{
	batch b = {.kind = BATCH_GRADE, .orgs = orgs, .year = year, .grade = grade};
	return run_batch(s, &b, ids, n, failed, err);
}

int rating_sheet_add_training(store *s, const int64_t *ids, size_t n, const training_row *t,
			      size_t *failed, cb_error *err)
{
	batch b = {.kind = BATCH_TRAINING, .training = t};
	return run_batch(s, &b, ids, n, failed, err);
}

int rating_sheet_add_pool(store *s, const career_rules *r, cb_date on, const int64_t *ids, size_t n,
			  const char *term, const char *title, size_t *failed, cb_error *err)
{
	batch b = {.kind = BATCH_POOL, .rules = r, .on = on, .term = term, .title = title};
	return run_batch(s, &b, ids, n, failed, err);
}
