/* stats_dim.c - the dimensions of a breakdown, one table of them: each
 * one's name and label, its values in display order (the axis), the
 * cadre_filter fields that select a value, and the SQL expression that
 * yields each cadre's value as a small integer code, on the cadre table
 * and on a histogram of it (stats_hist.c).
 *
 * The code of a value is the same in all four, so the list opened from a
 * cell is filter_build(base + dim_apply's fields): the same WHERE the
 * count came from, plus the conditions that define the cell. Ages are
 * compared as birth dates against the latest birth date that has reached
 * a given age on the reference date, which is exact (29 February
 * birthdays are reached on 1 March in common years) and needs no per-row
 * arithmetic. Ratings, trainings and planning are read from the per-query
 * array of stats_internal.h when there is one, else by subqueries.
 */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "stats_internal.h"

static const struct {
	const char *name, *label;
} dims[DIM_COUNT] = {
#define X(id, n, l) [id] = {n, l},
	STATS_DIM_LIST(X)
#undef X
};

const char *stats_dim_name(int dim)
{
	return dim >= 0 && dim < DIM_COUNT ? dims[dim].name : "";
}

const char *stats_dim_label(int dim)
{
	return dim >= 0 && dim < DIM_COUNT ? _(dims[dim].label) : "";
}

bool stats_dim_from_name(const char *name, int *dim)
{
	for (int i = 0; i < DIM_COUNT; i++)
		if (strcmp(name, dims[i].name) == 0) {
			*dim = i;
			return true;
		}
	return false;
}

/* The latest birth date of someone who has completed `years` on `on`,
 * as ISO text: same day and month, `years` earlier; 29 February becomes
 * 28 February in a common year (born 29 Feb, one is not yet N on 28 Feb
 * of a common year but is on 1 Mar). */
void stats_age_bound(cb_date on, int years, char buf[11])
{
	int y, m, d;
	date_to_ymd(on, &y, &m, &d);
	y -= years;
	if (!date_valid_ymd(y, m, d))
		d = 28;
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

/* ---- dimension values ------------------------------------------------- */

static void axis_add(stats_axis *a, int code, const char *name, const char *label)
{
	if (a->n >= STATS_MAX_VALUES)
		return;
	a->code[a->n] = code;
	snprintf(a->name[a->n], sizeof a->name[0], "%s", name);
	snprintf(a->label[a->n], sizeof a->label[0], "%s", label);
	a->n++;
}

static void axis_enum(stats_axis *a, enum model_enum e)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	for (int i = 0; i < n; i++)
		axis_add(a, ch[i].value, ch[i].name, _(ch[i].label));
}

static void axis_age(stats_axis *a, const stats_query *q)
{
	char name[24], label[64];
	int n = q->band_count;

	for (int i = 0; i <= n; i++) {
		if (i == 0) {
			snprintf(name, sizeof name, "lt%d", q->bands[0]);
			snprintf(label, sizeof label, _("Under %d"), q->bands[0]);
		} else if (i == n) {
			snprintf(name, sizeof name, "%d+", q->bands[n - 1]);
			snprintf(label, sizeof label, _("%d and over"), q->bands[n - 1]);
		} else {
			snprintf(name, sizeof name, "%d-%d", q->bands[i - 1], q->bands[i] - 1);
			snprintf(label, sizeof label, "%d–%d", q->bands[i - 1], q->bands[i] - 1);
		}
		axis_add(a, i, name, label);
	}
}

/* The coded list a dimension breaks down by (list_sql.h), or -1. */
int stats_dim_list(int dim)
{
	switch (dim) {
	case DIM_ETHNIC_GROUP:
		return ENUM_ETHNICITY;
	case DIM_RELIGION:
		return ENUM_RELIGION;
	case DIM_ACAD_TITLE:
		return ENUM_ACAD_TITLE;
	case DIM_GENERAL_EDU:
		return ENUM_GENERAL_EDU;
	case DIM_STATE_MGMT:
		return ENUM_STATE_MGMT;
	case DIM_LANGUAGE:
		return ENUM_LANGUAGE;
	case DIM_IT_LEVEL:
		return ENUM_IT_LEVEL;
	}
	return -1;
}

/* A coded list's choices, code = their index from 1, then the cadres
 * whose value is not recorded (or not in the list). */
static void axis_list(stats_axis *a, enum model_enum e)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	for (int i = 0; i < n && i + 1 < STATS_MAX_VALUES; i++)
		axis_add(a, i + 1, ch[i].name, ch[i].label);
	axis_add(a, 0, "not-recorded", _("Not recorded"));
}

/* The values of a dimension in display order. */
void stats_axis_build(stats_axis *a, int dim, const stats_query *q)
{
	memset(a, 0, sizeof *a);
	a->dim = dim;
	switch (dim) {
	case DIM_NONE:
		axis_add(a, 0, "total", _("Total"));
		break;
	case DIM_AGE:
		axis_age(a, q);
		break;
	case DIM_UNDER40:
		axis_add(a, 0, "under40", _("Under 40"));
		axis_add(a, 1, "40+", _("40 and over"));
		break;
	case DIM_GENDER:
		axis_enum(a, ENUM_GENDER);
		break;
	case DIM_ETHNICITY:
		axis_add(a, 0, "kinh", _("Kinh"));
		axis_add(a, 1, "minority", _("Ethnic minorities"));
		break;
	case DIM_EDUCATION:
		axis_enum(a, ENUM_EDUCATION);
		break;
	case DIM_THEORY:
		axis_enum(a, ENUM_THEORY);
		break;
	case DIM_RATING:
		axis_enum(a, ENUM_GRADE);
		axis_add(a, 0, "not-rated", _("Not rated"));
		break;
	case DIM_TRAINING:
		axis_add(a, 1, "trained", _("Trained"));
		axis_add(a, 0, "not-trained", _("Not trained"));
		break;
	case DIM_PLANNING:
		axis_add(a, 1, "in-pool", _("In a planning pool"));
		axis_add(a, 0, "not-in-pool", _("Not in a planning pool"));
		break;
	case DIM_RETIRE:
		stats_retire_axis(a, q);
		break;
	case DIM_SCORE:
		stats_score_axis(a, q);
		break;
	default:
		if (stats_dim_list(dim) >= 0)
			axis_list(a, stats_dim_list(dim));
	}
}

/* Narrows an age range [*lo, *hi] (FILTER_ANY = open) by [lo2, hi2]. */
static void age_narrow(cadre_filter *f, int lo, int hi)
{
	if (lo != FILTER_ANY && (f->age_min == FILTER_ANY || lo > f->age_min))
		f->age_min = lo;
	if (hi != FILTER_ANY && (f->age_max == FILTER_ANY || hi < f->age_max))
		f->age_max = hi;
}

/* Sets the filter fields that select the cadres whose dimension `dim`
 * has value `code`. */
static void dim_apply(const stats_query *q, int dim, int code, cadre_filter *f)
{
	int n = q->band_count;

	switch (dim) {
	case DIM_AGE:
		age_narrow(f, code == 0 ? FILTER_ANY : q->bands[code - 1],
			   code == n ? FILTER_ANY : q->bands[code] - 1);
		break;
	case DIM_UNDER40:
		age_narrow(f, code == 0 ? FILTER_ANY : 40, code == 0 ? 39 : FILTER_ANY);
		break;
	case DIM_GENDER:
		f->gender = code;
		break;
	case DIM_ETHNICITY:
		f->minority = code;
		break;
	case DIM_EDUCATION:
		f->education = code;
		break;
	case DIM_THEORY:
		f->theory = code;
		break;
	case DIM_RATING:
		f->rating_year = q->year;
		f->rating_grade = code;
		break;
	case DIM_TRAINING:
		f->trained_year = q->year;
		f->trained_kind = q->training_kind;
		f->trained = code;
		break;
	case DIM_PLANNING:
		f->planning = code;
		break;
	case DIM_RETIRE:
		stats_retire_apply(q, code, f);
		break;
	case DIM_SCORE:
		stats_score_apply(q, code, f);
		break;
	default:
		if (stats_dim_list(dim) >= 0)
			f->list_pick[stats_dim_list(dim) - ENUM_FIRST_LIST] = code + 1;
	}
}

void stats_cell_filter(const stats_query *q, const stats_table *t, int row, int col,
		       cadre_filter *out)
{
	*out = q->base;
	if (row == STATS_UNDER40)
		age_narrow(out, FILTER_ANY, 39);
	else if (row >= 0 && row < t->axis[0].n && t->axis[0].dim != DIM_NONE)
		dim_apply(q, t->axis[0].dim, t->axis[0].code[row], out);
	if (col >= 0 && col < t->axis[1].n && t->axis[1].dim != DIM_NONE)
		dim_apply(q, t->axis[1].dim, t->axis[1].code[col], out);
}

/* ---- the yearly records a dimension reads -------------------------------- */

int stats_dim_needs(int dim)
{
	return dim == DIM_RATING     ? SAT_NEED_RATING
	       : dim == DIM_TRAINING ? SAT_NEED_TRAINING
	       : dim == DIM_PLANNING ? SAT_NEED_PLANNING
				     : 0;
}

/* The bits of the array (stats_sat) a dimension reads. */
unsigned stats_dim_sat(const stats_query *q, int dim)
{
	switch (dim) {
	case DIM_RATING:
		return SAT_GRADE;
	case DIM_TRAINING:
		return q->training_kind > 0 ? SAT_KIND(q->training_kind) : SAT_TRAINED;
	case DIM_PLANNING:
		return SAT_PLANNING;
	}
	return 0;
}

/* A dimension's code from the record bits in `bits` (canbo_sat(?, c.id) or
 * a histogram's c.sat): the grade itself for a rating, else whether any
 * of the dimension's bits is set. */
static void sat_expr(const stats_query *q, int dim, const char *bits, sql_build *b)
{
	char part[64];
	bool any = dim != DIM_RATING;

	snprintf(part, sizeof part, "%s(%s & %u)%s", any ? "(" : "", bits, stats_dim_sat(q, dim),
		 any ? " <> 0)" : "");
	sql_put(b, part);
}

/* The same code by a subquery per cadre, when there is no array. */
static void record_subquery(const stats_query *q, int dim, sql_build *b)
{
	if (dim == DIM_RATING) {
		sql_put(b, "coalesce((SELECT r.grade FROM rating r"
			   " WHERE r.cadre_id = c.id AND r.year = ?), 0)");
		sql_int(b, q->year);
	} else if (dim == DIM_TRAINING) {
		sql_put(b, "EXISTS(SELECT 1 FROM training t WHERE t.cadre_id = c.id"
			   " AND t.year = ?");
		sql_int(b, q->year);
		if (q->training_kind > 0) {
			sql_put(b, " AND t.kind = ?");
			sql_int(b, q->training_kind);
		}
		sql_put(b, ")");
	} else {
		sql_put(b, "EXISTS(SELECT 1 FROM planning p WHERE p.cadre_id = c.id)");
	}
}

/* ---- the code of each cadre's value in SQL -------------------------------- */

/* Appends the expression of a dimension: an integer code per cadre, the
 * code of dim_apply's value. Yearly records come from the loaded array,
 * or from subqueries when there is none. */
void stats_dim_expr(const stats_query *q, int dim, stats_sat *sat, sql_build *b)
{
	char part[96], bound[11];

	switch (dim) {
	case DIM_NONE:
		sql_put(b, "0");
		break;
	case DIM_AGE:
		sql_put(b, "CASE");
		for (int i = 0; i < q->band_count; i++) {
			stats_age_bound(q->base.as_of, q->bands[i], bound);
			snprintf(part, sizeof part, " WHEN c.birth_date > ? THEN %d", i);
			sql_put(b, part);
			sql_text(b, bound);
		}
		snprintf(part, sizeof part, " ELSE %d END", q->band_count);
		sql_put(b, part);
		break;
	case DIM_UNDER40:
		stats_age_bound(q->base.as_of, 40, bound);
		sql_put(b, "(c.birth_date <= ?)");
		sql_text(b, bound);
		break;
	case DIM_GENDER:
		sql_put(b, "c.gender");
		break;
	case DIM_ETHNICITY:
		sql_put(b, "(c.ethnicity <> 'Kinh')");
		break;
	case DIM_EDUCATION:
		sql_put(b, "c.education");
		break;
	case DIM_THEORY:
		sql_put(b, "c.theory");
		break;
	case DIM_RATING:
	case DIM_TRAINING:
	case DIM_PLANNING:
		if (!sat->bits) {
			record_subquery(q, dim, b);
			break;
		}
		sat_expr(q, dim, "canbo_sat(?, c.id)", b);
		sql_ptr(b, sat);
		break;
	case DIM_RETIRE:
		stats_retire_expr(q, b);
		break;
	case DIM_SCORE:
		stats_score_expr(q, b);
		break;
	default:
		if (stats_dim_list(dim) >= 0) {
			char *expr = calloc(1, SQL_TEXT_MAX);
			if (!expr || !list_index_sql(stats_dim_list(dim), STATS_MAX_VALUES - 1,
						     expr, SQL_TEXT_MAX))
				b->overflow = true;
			else
				sql_put(b, expr);
			free(expr);
		}
	}
}

/* ---- the same on a histogram (stats_hist.c) ------------------------------- */

/* The histogram columns a dimension reads. */
unsigned stats_dim_fields(int dim)
{
	switch (dim) {
	case DIM_GENDER:
		return HK_GENDER;
	case DIM_ETHNICITY:
		return HK_MINORITY;
	case DIM_EDUCATION:
		return HK_EDUCATION;
	case DIM_THEORY:
		return HK_THEORY;
	case DIM_RETIRE:
		return HK_GENDER;
	}
	return 0;
}

/* The birth dates a dimension compares with. */
bool stats_dim_cuts(const stats_query *q, int dim, stats_hist *h)
{
	char bound[11];
	bool ok = true;

	if (dim == DIM_AGE)
		for (int i = 0; i < q->band_count; i++) {
			stats_age_bound(q->base.as_of, q->bands[i], bound);
			ok = ok && stats_hist_cut(h, bound);
		}
	if (dim == DIM_UNDER40) {
		stats_age_bound(q->base.as_of, 40, bound);
		ok = stats_hist_cut(h, bound);
	}
	if (dim == DIM_RETIRE)
		ok = stats_retire_cuts(q, h);
	return ok;
}

/* A dimension's code on a histogram row: stats_dim_expr's, on its columns. */
void stats_dim_hist_expr(const stats_query *q, int dim, sql_build *b)
{
	stats_sat none = {0};

	switch (dim) {
	case DIM_ETHNICITY:
		sql_put(b, "c.minority");
		break;
	case DIM_RATING:
	case DIM_TRAINING:
	case DIM_PLANNING:
		sat_expr(q, dim, "c.sat", b);
		break;
	default: /* columns of the same names as cadre's */
		stats_dim_expr(q, dim, &none, b);
	}
}
