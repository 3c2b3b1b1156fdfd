/* report_run.c - the figures of a report layout, counted by the breakdown
 * engine (stats.h): each line is a population in a unit (and optionally
 * one value of a dimension); each count is a cell of a breakdown of that
 * line by the column's dimension, so it equals what `canbo stats` shows.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"

/* What one line counts. */
typedef struct line_scope {
	const report_row *row;
	int64_t lo, hi;
	stats_table by[DIM_COUNT]; /* breakdowns run so far, by dimension */
	bool have[DIM_COUNT];
} line_scope;

typedef struct run_ctx {
	store *s;
	const cfg *c;
	const report *r;
	cb_date as_of;
	int year;
	cb_error *err;
} run_ctx;

/* The breakdown of the line by dim (crossed with the row's filter). */
static int breakdown(run_ctx *x, line_scope *ls, int dim, const stats_table **out)
{
	stats_query q;

	if (!ls->have[dim]) {
		stats_query_init(&q, x->c);
		q.base.as_of = x->as_of;
		q.base.population = ls->row->population;
		q.base.unit_lo = ls->lo;
		q.base.unit_hi = ls->hi;
		q.year = x->year;
		q.dim[0] = dim;
		q.dim[1] = ls->row->filter_dim == dim ? DIM_NONE : ls->row->filter_dim;
		if (stats_query_prepare(&q, x->c, x->err) ||
		    stats_run(x->s, &q, &ls->by[dim], x->err))
			return x->err->code ? x->err->code : CB_EDB;
		ls->have[dim] = true;
	}
	*out = &ls->by[dim];
	return CB_OK;
}

static int value_index(const stats_axis *a, const char *name)
{
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->name[i], name) == 0)
			return i;
	return -1;
}

static int bad_value(run_ctx *x, int line, int dim, const char *value)
{
	return cb_error_set(x->err, CB_ECONFIG, _("%s:%d: '%s' is not a value of %s"), x->r->path,
			    line, value, stats_dim_name(dim));
}

/* How many of the line have dim = value (dim DIM_NONE: everyone). */
static int count(run_ctx *x, line_scope *ls, int dim, const char *value, int line, int64_t *n)
{
	const report_row *row = ls->row;
	const stats_table *t;
	int rc, v, f = 0;

	if (dim == DIM_NONE) {
		if (row->filter_dim == DIM_NONE) {
			if ((rc = breakdown(x, ls, DIM_GENDER, &t)))
				return rc;
			*n = t->total;
			return CB_OK;
		}
		dim = row->filter_dim;
		value = row->filter_value;
		line = row->line;
	}
	if ((rc = breakdown(x, ls, dim, &t)))
		return rc;
	if ((v = value_index(&t->axis[0], value)) < 0)
		return bad_value(x, line, dim, value);
	if (row->filter_dim == DIM_NONE) {
		*n = t->count[v][0];
	} else if (row->filter_dim == dim) {
		if ((f = value_index(&t->axis[0], row->filter_value)) < 0)
			return bad_value(x, row->line, dim, row->filter_value);
		*n = v == f ? t->count[v][0] : 0;
	} else {
		if ((f = value_index(&t->axis[1], row->filter_value)) < 0)
			return bad_value(x, row->line, row->filter_dim, row->filter_value);
		*n = t->count[v][f];
	}
	return CB_OK;
}

static int unit_interval(run_ctx *x, const char *code, int64_t *lo, int64_t *hi)
{
	unit_row u;

	*lo = *hi = 0;
	if (!code || !*code)
		return CB_OK;
	if (store_unit_by_code(x->s, code, &u, x->err))
		return x->err->code ? x->err->code : CB_EDB;
	*lo = u.lo;
	*hi = u.hi;
	return CB_OK;
}

/* One line: the row in the unit of that code ("" = the report's scope). */
static int one_line(run_ctx *x, const report_row *row, const char *unit, const char *label,
		    report_result *out)
{
	line_scope *ls;
	report_line *l;
	int64_t total = 0;
	int rc;

	if (out->n == REPORT_MAX_LINES)
		return cb_error_set(x->err, CB_ECONFIG, _("%s: more than %d lines"), x->r->path,
				    REPORT_MAX_LINES);
	if (!(ls = calloc(1, sizeof *ls)))
		return cb_error_set(x->err, CB_EDB, "%s", _("Out of memory"));
	ls->row = row;
	l = &out->lines[out->n];
	memset(l, 0, sizeof *l);
	snprintf(l->label, sizeof l->label, "%s", label);
	l->row = (size_t)(row - x->r->rows);
	rc = unit_interval(x, unit, &ls->lo, &ls->hi);
	/* a unit that holds nothing of the reader's scope (access.h) */
	if (!rc && unit && *unit && !store_scope_touches(x->s, ls->lo, ls->hi))
		rc = store_scope_unit_code(x->s, unit, x->err);
	l->unit_lo = ls->lo;
	l->unit_hi = ls->hi;
	if (!rc)
		rc = count(x, ls, DIM_NONE, NULL, row->line, &total);
	for (size_t c = 0; c < x->r->ncols && !rc; c++) {
		const report_column *col = &x->r->cols[c];
		if (col->kind == REPORT_COL_TOTAL || col->dim == DIM_NONE)
			l->num[c] = total;
		else
			rc = count(x, ls, col->dim, col->value, col->line, &l->num[c]);
		l->den[c] = col->kind == REPORT_COL_PERCENT && col->of == REPORT_OF_ROW ? total : 0;
	}
	free(ls);
	if (!rc)
		out->n++;
	return rc;
}

/* The units one row per district stands for: the tier-2 units of the
 * scope (the scope itself when it is a district or below). */
static int each_district(run_ctx *x, const report_row *row, const char *scope, report_result *out)
{
	const cfg *c = x->c;
	int at = scope && *scope ? config_unit_index(c, scope) : 0;
	int rc = CB_OK;

	if (at < 0)
		return cb_error_set(x->err, CB_EUSAGE, _("No unit with code %s"), scope);
	if (c->units[at].tier >= 2)
		return one_line(x, row, c->units[at].code, c->units[at].name, out);
	for (size_t i = 0; i < c->unit_count && !rc; i++) {
		int64_t lo, hi;
		if (c->units[i].tier != 2 || c->units[i].parent != at)
			continue;
		/* the districts of the reader's scope only (access.h) */
		if (!(rc = unit_interval(x, c->units[i].code, &lo, &hi)) &&
		    store_scope_touches(x->s, lo, hi))
			rc = one_line(x, row, c->units[i].code, c->units[i].name, out);
	}
	return rc;
}

/* A subtotal: the lines since the previous subtotal added up. */
static int subtotal(run_ctx *x, const report_row *row, report_result *out)
{
	size_t from = out->n;
	report_line *l;

	if (out->n == REPORT_MAX_LINES)
		return cb_error_set(x->err, CB_ECONFIG, _("%s: more than %d lines"), x->r->path,
				    REPORT_MAX_LINES);
	while (from > 0 && !out->lines[from - 1].subtotal)
		from--;
	l = &out->lines[out->n];
	memset(l, 0, sizeof *l);
	snprintf(l->label, sizeof l->label, "%s", row->label[0] ? row->label : _("Total"));
	l->subtotal = true;
	for (size_t i = from; i < out->n; i++)
		for (size_t c = 0; c < x->r->ncols; c++) {
			l->num[c] += out->lines[i].num[c];
			l->den[c] += out->lines[i].den[c];
		}
	out->n++;
	return CB_OK;
}

/* Percentages of a total: of the same figure in the last line, the
 * report's grand total (a share of the whole province, say). */
static void shares(const report *r, report_result *out)
{
	for (size_t c = 0; c < r->ncols && out->n; c++) {
		int64_t all = out->lines[out->n - 1].num[c];
		if (r->cols[c].kind != REPORT_COL_PERCENT || r->cols[c].of != REPORT_OF_TOTAL)
			continue;
		for (size_t i = 0; i < out->n; i++)
			out->lines[i].den[c] = all;
	}
}

int report_run(store *s, const cfg *c, const report *r, cb_date as_of, int year,
	       const char *unit_code, report_result *out, cb_error *err)
{
	run_ctx x = {s, c, r, as_of, year, err};
	int at = unit_code ? config_unit_index(c, unit_code) : 0;
	int rc = CB_OK;

	memset(out, 0, sizeof *out);
	out->year = year;
	if (at < 0 || (size_t)at >= c->unit_count)
		return cb_error_set(err, CB_EUSAGE, _("No unit with code %s"),
				    unit_code ? unit_code : "");
	/* a reader held to parts of the province: not the province's name */
	snprintf(out->scope, sizeof out->scope, "%s",
		 !unit_code && store_scoped(s, NULL, NULL) ? _("All units you may see")
							   : c->units[at].name);
	for (size_t i = 0; i < r->nrows && !rc; i++) {
		const report_row *row = &r->rows[i];
		switch (row->kind) {
		case REPORT_ROW_SUM:
			rc = subtotal(&x, row, out);
			break;
		case REPORT_ROW_EACH_DISTRICT:
			rc = each_district(&x, row, unit_code, out);
			break;
		default:
			rc = one_line(&x, row, row->unit[0] ? row->unit : unit_code, row->label,
				      out);
		}
	}
	if (!rc)
		shares(r, out);
	return rc;
}

int report_cell_filter(store *s, const cfg *c, const report *r, const report_result *res,
		       size_t line, size_t col, cb_date as_of, cadre_filter *out, cb_error *err)
{
	const report_line *l = &res->lines[line];
	const report_row *row = &r->rows[l->row];
	const report_column *column = &r->cols[col];
	int dim = column->kind == REPORT_COL_TOTAL ? DIM_NONE : column->dim;
	stats_query q;
	stats_table *t;
	int v = STATS_ALL, f = STATS_ALL, rc = CB_OK;

	if (l->subtotal)
		return CB_NOT_FOUND;
	if (!(t = malloc(sizeof *t)))
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	stats_query_init(&q, c);
	q.base.as_of = as_of;
	q.base.population = row->population;
	q.base.unit_lo = l->unit_lo;
	q.base.unit_hi = l->unit_hi;
	q.year = res->year;
	/* rows: the column's dimension (or the filter's); columns: the filter's */
	q.dim[0] = dim != DIM_NONE		 ? dim
		   : row->filter_dim != DIM_NONE ? row->filter_dim
						 : DIM_GENDER;
	q.dim[1] = row->filter_dim != DIM_NONE && row->filter_dim != q.dim[0] ? row->filter_dim
									      : DIM_NONE;
	if ((rc = stats_query_prepare(&q, c, err)) || (rc = stats_run(s, &q, t, err)))
		goto out;
	/* value_index gives -1 for a value the axis lacks (STATS_ALL is -1
	 * too, hence the flag) */
	bool nobody = false;
	if (dim != DIM_NONE)
		nobody = (v = value_index(&t->axis[0], column->value)) < 0;
	if (row->filter_dim != DIM_NONE) {
		int i = value_index(&t->axis[q.dim[1] == DIM_NONE ? 0 : 1], row->filter_value);
		nobody = nobody || i < 0 || (q.dim[1] == DIM_NONE && dim != DIM_NONE && v != i);
		if (q.dim[1] == DIM_NONE)
			v = i;
		else
			f = i;
	}
	if (nobody) {
		rc = CB_NOT_FOUND;
		goto out;
	}
	stats_cell_filter(&q, t, v, f, out);
out:
	free(t);
	return rc;
}

void report_cell(const report *r, const report_line *l, size_t col, char *buf, size_t cap)
{
	if (r->cols[col].kind == REPORT_COL_PERCENT)
		stats_pct_format(l->num[col], l->den[col], buf, cap);
	else
		snprintf(buf, cap, "%lld", (long long)l->num[col]);
}
