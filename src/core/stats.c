/* stats.c - breakdowns of a population of cadres by one or two
 * dimensions (stats_dim.c says what a dimension is): the query, and the
 * count of its cells.
 *
 * Counting, the fast way: the scope's cadres are read once into a
 * histogram of the columns the base filter and the dimensions read
 * (stats_hist.c: one walk of an index, a few thousand rows), and
 *   SELECT canbo_tally(?, <row expr>, <col expr>, <under 40>, c.n)
 *   FROM temp.canbo_hist_... c WHERE 1 <filter_build(base without scope)>
 * counts its rows, each weighted by the cadres it stands for. When the
 * histogram cannot answer exactly (a condition on a column it does not
 * keep, an odd value, no index), the plain way:
 *   SELECT canbo_tally(?, <row expr>, <col expr>, <under 40>)
 *   FROM cadre c WHERE 1 <filter_build(base)>
 * canbo_tally is an aggregate that counts into a small matrix: unlike
 * GROUP BY on an expression it does not sort every row. Ratings,
 * trainings and planning come from the per-query array of
 * stats_internal.h (stats_sat.c).
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "stats_internal.h"
#include "units.h"

static const int default_bands[] = {30, 40, 50, 60};

void stats_query_init(stats_query *q, const cfg *c)
{
	int y, m, d;

	memset(q, 0, sizeof *q);
	filter_init(&q->base);
	q->base.population = POP_ALL;
	q->base.deepest_tier = c ? c->tiers : 3;
	q->dim[0] = DIM_AGE;
	q->dim[1] = DIM_NONE;
	q->training_kind = FILTER_ANY;
	if (c && c->band_count > 0) {
		q->band_count = c->band_count;
		memcpy(q->bands, c->age_bands, sizeof(int) * (size_t)c->band_count);
	} else {
		q->band_count = (int)(sizeof default_bands / sizeof default_bands[0]);
		memcpy(q->bands, default_bands, sizeof default_bands);
	}
	date_to_ymd(q->base.as_of, &y, &m, &d);
	q->year = y;
}

int stats_query_prepare(stats_query *q, const cfg *c, cb_error *err)
{
	bool score = q->dim[0] == DIM_SCORE || q->dim[1] == DIM_SCORE;
	bool retire = q->dim[0] == DIM_RETIRE || q->dim[1] == DIM_RETIRE;
	int rc = CB_OK;

	if (score)
		rc = stats_score_prepare(q, c, err);
	if (!rc && retire)
		rc = stats_retire_prepare(q, c, err);
	return rc;
}

static bool query_valid(const stats_query *q)
{
	if (q->dim[0] < 0 || q->dim[0] >= DIM_COUNT)
		return false;
	if (q->dim[1] != DIM_NONE && (q->dim[1] < 0 || q->dim[1] >= DIM_COUNT))
		return false;
	if (q->dim[0] == q->dim[1])
		return false;
	if ((q->dim[0] == DIM_RETIRE || q->dim[1] == DIM_RETIRE) &&
	    (!q->retire_ready || q->retire_as_of != q->base.as_of))
		return false;
	if ((q->dim[0] == DIM_SCORE || q->dim[1] == DIM_SCORE) && !q->score_ready)
		return false;
	if (q->training_kind != FILTER_ANY && (q->training_kind < 1 || q->training_kind > 4))
		return false;
	if (q->band_count < 1 || q->band_count >= STATS_MAX_VALUES ||
	    q->band_count > CFG_MAX_BANDS || q->bands[0] <= 0)
		return false;
	for (int i = 1; i < q->band_count; i++)
		if (q->bands[i] <= q->bands[i - 1])
			return false;
	return true;
}

/* ---- counting ----------------------------------------------------------- */

/* What canbo_tally counts into: codes 0..STATS_MAX_VALUES-1 on each axis. */
typedef struct tally {
	int64_t count[STATS_MAX_VALUES][STATS_MAX_VALUES];
	int64_t under40[STATS_MAX_VALUES];
	int64_t total, under40_total;
} tally;

/* canbo_tally(ptr, row code, column code, under 40[, weight]): one pass,
 * no sort (GROUP BY on an expression sorts every row: 5 times slower).
 * The weight is the number of cadres a histogram row stands for. */
void stats_tally_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	tally *t = sqlite3_value_pointer(argv[0], stats_ptr_type);
	int r = sqlite3_value_int(argv[1]), c = sqlite3_value_int(argv[2]);
	int64_t w = argc > 4 ? sqlite3_value_int64(argv[4]) : 1;
	int64_t u = sqlite3_value_int(argv[3]) != 0 ? w : 0;
	(void)cx;
	if (!t)
		return;
	t->total += w;
	t->under40_total += u;
	if (c >= 0 && c < STATS_MAX_VALUES) {
		t->under40[c] += u;
		if (r >= 0 && r < STATS_MAX_VALUES)
			t->count[r][c] += w;
	}
}

/* Moves the tallied codes into the table's axes. A code outside the
 * dimension's values (which validation on entry rules out) still counts
 * in the total, so the total is always the population. */
static void fill(stats_table *t, const tally *ty)
{
	t->total = ty->total;
	t->under40 = ty->under40_total;
	for (int r = 0; r < t->axis[0].n; r++)
		for (int c = 0; c < t->axis[1].n; c++) {
			int rc = t->axis[0].code[r], cc = t->axis[1].code[c];
			t->count[r][c] = ty->count[rc][cc];
			t->row_total[r] += t->count[r][c];
			t->col_total[c] += t->count[r][c];
		}
}

/* "SELECT canbo_tally(?, <row code>, <column code>": the codes on the
 * cadre table (sat: the yearly records) or, with sat NULL, on a
 * histogram. NULL when out of memory. */
static sql_build *tally_select(const stats_query *q, tally *ty, stats_sat *sat)
{
	sql_build *b = calloc(1, sizeof *b);

	if (!b)
		return NULL;
	sql_put(b, "SELECT canbo_tally(?, ");
	sql_ptr(b, ty);
	for (int i = 0; i < 2; i++) {
		if (i)
			sql_put(b, ", ");
		if (sat)
			stats_dim_expr(q, q->dim[i], sat, b);
		else
			stats_dim_hist_expr(q, q->dim[i], b);
	}
	return b;
}

/* Runs a tally statement and frees it. On a histogram, one that does not
 * prepare has a condition on a column it does not keep: CB_NOT_FOUND. */
static int tally_count(store *s, sql_build *b, bool on_hist, cb_error *err)
{
	sqlite3_stmt *st;
	int rc = sql_prepare(s, b, &st, _("Counting cadres"), err);

	free(b);
	if (rc && on_hist) {
		cb_error_clear(err);
		return CB_NOT_FOUND;
	}
	if (rc)
		return rc;
	rc = sqlite3_step(st) == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Counting cadres"));
	sqlite3_finalize(st);
	return rc;
}

/* SELECT canbo_tally(?, <row>, <col>, <under 40>) FROM cadre c WHERE 1
 * <filter_build(base)>: one pass over the population. */
static int tally_run(store *s, const stats_query *q, stats_sat *sat, tally *ty, cb_error *err)
{
	sql_build *b = tally_select(q, ty, sat);
	char u40[11];

	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	stats_age_bound(q->base.as_of, 40, u40);
	sql_put(b, ", c.birth_date > ?) FROM cadre c WHERE 1");
	sql_text(b, u40);
	sql_filter(b, &q->base);
	return tally_count(s, b, false, err);
}

/* ---- the breakdown through the histogram (stats_hist.c) ------------------ */

/* The tally from the histogram rows that meet `rest`, the base filter
 * without its scope (the histogram's). CB_NOT_FOUND: the histogram
 * cannot answer. */
static int hist_tally(store *s, const stats_query *q, const cadre_filter *rest, stats_hist *h,
		      bool under40, tally *ty, cb_error *err)
{
	sql_build *b = tally_select(q, ty, NULL);
	char u40[11];

	if (!b)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if (under40) {
		stats_age_bound(q->base.as_of, 40, u40);
		sql_put(b, ", c.birth_date > ?, c.n) FROM ");
		sql_text(b, u40);
	} else {
		sql_put(b, ", 0, c.n) FROM ");
	}
	sql_put(b, h->table);
	sql_put(b, " c WHERE 1");
	sql_filter(b, rest);
	return tally_count(s, b, true, err);
}

/* The breakdown through a histogram of the scope's cadres. */
static int hist_run(store *s, const stats_query *q, bool under40, stats_sat *sat, tally *ty,
		    cb_error *err)
{
	cadre_filter rest = q->base;
	stats_hist h;
	char u40[11];
	int rc;

	rest.unit_lo = rest.unit_hi = rest.org_id = 0;
	rest.departed = FILTER_ANY; /* applied by the histogram's scan */
	stats_hist_init(&h, stats_hist_fields_of(&rest) | stats_dim_fields(q->dim[0]) |
				    stats_dim_fields(q->dim[1]));
	h.sat = sat;
	h.sat_mask = stats_dim_sat(q, q->dim[0]) | stats_dim_sat(q, q->dim[1]);
	stats_age_bound(q->base.as_of, 40, u40);
	if (!stats_hist_cuts_of(&h, &rest) || !stats_dim_cuts(q, q->dim[0], &h) ||
	    !stats_dim_cuts(q, q->dim[1], &h) || (under40 && !stats_hist_cut(&h, u40)))
		return CB_NOT_FOUND;
	rc = stats_hist_fill(s, &h, &q->base, err);
	if (!rc)
		rc = hist_tally(s, q, &rest, &h, under40, ty, err);
	stats_hist_free(&h);
	return rc;
}

int stats_run(store *s, const stats_query *in, stats_table *out, cb_error *err)
{
	stats_query scoped = *in, *q = &scoped;
	stats_sat sat = {0};
	tally *ty;
	int rc, need;

	/* the reader's scope bounds every breakdown (access.h) */
	store_scope_filter(s, &scoped.base);
	/* a past date counts each cadre in the unit it was in then */
	if ((rc = store_filter_units(s, &scoped.base, err)))
		return rc;

	memset(out, 0, sizeof *out);
	if (!query_valid(q))
		return cb_error_set(err, CB_EINVALID,
				    _("A breakdown needs one or two different dimensions"));
	stats_axis_build(&out->axis[0], q->dim[0], q);
	stats_axis_build(&out->axis[1], q->dim[1], q);
	out->has_under40 = q->dim[0] == DIM_AGE && q->dim[1] == DIM_NONE;
	need = stats_dim_needs(q->dim[0]) |
	       (q->dim[1] == DIM_NONE ? 0 : stats_dim_needs(q->dim[1]));
	if (!(ty = calloc(1, sizeof *ty)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = stats_sat_load(s, q->year, need, &sat, err);
	if (!rc && (stats_dim_list(q->dim[0]) >= 0 || stats_dim_list(q->dim[1]) >= 0))
		rc = CB_NOT_FOUND; /* the histogram keeps none of the lists */
	else if (!rc)
		rc = hist_run(s, q, out->has_under40, &sat, ty, err);
	if (rc == CB_NOT_FOUND) { /* the histogram cannot answer: every cadre */
		cb_error_clear(err);
		memset(ty, 0, sizeof *ty);
		rc = tally_run(s, q, &sat, ty, err);
	}
	if (!rc)
		fill(out, ty);
	stats_sat_done(s, &sat);
	free(ty);
	return rc;
}

int stats_latest_year(store *s, int upto, cb_error *err)
{
	sqlite3_stmt *st;
	int year = upto;

	if (sqlite3_prepare_v2(store_db(s), "SELECT max(year) FROM rating WHERE year <= ?", -1, &st,
			       NULL) != SQLITE_OK)
		return store_fail(s, err, _("Reading the rating years")), upto;
	if (sqlite3_bind_int(st, 1, upto) != SQLITE_OK) {
		store_fail(s, err, _("Reading the rating years"));
		sqlite3_finalize(st);
		return upto;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		year = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return year;
}
