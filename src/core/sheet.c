/* sheet.c - the tables of include/sheet.h, written through output.h. */
#include "sheet.h"

#include <inttypes.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "filter.h"
#include "i18n.h"

#define BAR_WIDTH 20

void sheet_title(out_writer *w, const app *a, const char *heading, const char *scope,
		 const char *population, int year)
{
	char date[11], y[8];
	const cfg *c = a->config;
	const char *office = c->office[0] ? c->office : c->unit_count ? c->units[0].name : "";
	int unit = scope ? config_unit_index(c, scope) : 0;

	if (unit >= 0 && (size_t)unit < c->unit_count)
		scope = c->units[unit].name; /* a unit's code, or none: the province */
	out_title(w, NULL, heading);
	out_title(w, _("Office"), office);
	if (scope && *scope)
		out_title(w, _("Scope"), scope);
	if (population && *population)
		out_title(w, _("Population"), population);
	if (year > 0) {
		snprintf(y, sizeof y, "%d", year);
		out_title(w, _("Year"), y);
	}
	date_format_vn(a->today, date);
	out_title(w, _("Reference date"), date);
}

static int finish(out_writer *w, int rc)
{
	if (rc) {
		out_discard(w);
		return rc;
	}
	return out_end(w) ? CB_EDB : CB_OK;
}

static int row(out_writer *w, const char *const *cells)
{
	return out_row(w, cells) ? CB_EDB : CB_OK;
}

/* ---- breakdowns ---------------------------------------------------------- */

static void breakdown_title(out_writer *w, const app *a, const stats_query *q, const char *scope)
{
	char heading[256];
	bool yearly = q->dim[0] == DIM_RATING || q->dim[1] == DIM_RATING ||
		      q->dim[0] == DIM_TRAINING || q->dim[1] == DIM_TRAINING;

	if (q->dim[1] == DIM_NONE)
		snprintf(heading, sizeof heading, _("Cadres by %s"), stats_dim_label(q->dim[0]));
	else
		snprintf(heading, sizeof heading, _("Cadres by %s and %s"),
			 stats_dim_label(q->dim[0]), stats_dim_label(q->dim[1]));
	sheet_title(w, a, heading, scope, population_label(q->base.population),
		    yearly ? q->year : 0);
}

static int breakdown_one(FILE *f, int format, const app *a, const stats_query *q,
			 const stats_table *t, const char *scope)
{
	const out_column cols[] = {
		{"value", stats_dim_label(t->axis[0].dim), OUT_LEFT, OUT_STR, 0},
		{"count", _("Count"), OUT_RIGHT, OUT_NUM, 0},
		{"percent", "%", OUT_RIGHT, OUT_PCT, 0},
		{"bar", "", OUT_LEFT, OUT_STR, 0},
	};
	out_writer *w = out_begin(f, format, cols, format == OUT_TABLE ? 4 : 3);
	char n[24], pct[16], bar[BAR_WIDTH * 3 + 1];
	bool utf8 = out_utf8_locale();
	int rc = CB_OK;

	if (!w)
		return CB_EDB;
	breakdown_title(w, a, q, scope);
	out_set_chart(w, &(out_chart){OUT_CHART_BAR,
				      stats_dim_label(t->axis[0].dim),
				      0,
				      0,
				      {1},
				      1,
				      (size_t)t->axis[0].n,
				      false});
	for (int r = 0; r < t->axis[0].n && !rc; r++) {
		snprintf(n, sizeof n, "%" PRId64, t->count[r][0]);
		stats_pct_format(t->count[r][0], t->total, pct, sizeof pct);
		stats_bar(t->count[r][0], t->total, BAR_WIDTH, utf8, bar, sizeof bar);
		rc = row(w, (const char *const[]){t->axis[0].label[r], n, pct, bar});
	}
	snprintf(n, sizeof n, "%" PRId64, t->total);
	stats_pct_format(t->total, t->total, pct, sizeof pct);
	if (!rc)
		rc = row(w, (const char *const[]){_("Total"), n, pct, ""});
	if (!rc && t->has_under40) {
		snprintf(n, sizeof n, "%" PRId64, t->under40);
		stats_pct_format(t->under40, t->total, pct, sizeof pct);
		rc = row(w, (const char *const[]){_("of whom under 40"), n, pct, ""});
	}
	return finish(w, rc);
}

static int breakdown_two(FILE *f, int format, const app *a, const stats_query *q,
			 const stats_table *t, const char *scope)
{
	int nc = t->axis[1].n + 3;
	out_column cols[STATS_MAX_VALUES + 3];
	const char *cells[STATS_MAX_VALUES + 3];
	char num[STATS_MAX_VALUES + 3][24];
	out_writer *w;
	int rc = CB_OK;

	cols[0] = (out_column){"value", stats_dim_label(t->axis[0].dim), OUT_LEFT, OUT_STR, 0};
	for (int c = 0; c < t->axis[1].n; c++)
		cols[c + 1] = (out_column){t->axis[1].name[c], t->axis[1].label[c], OUT_RIGHT,
					   OUT_NUM, 0};
	cols[nc - 2] = (out_column){"total", _("Total"), OUT_RIGHT, OUT_NUM, 0};
	cols[nc - 1] = (out_column){"percent", "%", OUT_RIGHT, OUT_PCT, 0};
	if (!(w = out_begin(f, format, cols, (size_t)nc)))
		return CB_EDB;
	breakdown_title(w, a, q, scope);
	/* the row totals, one bar per value of the first dimension */
	out_set_chart(w, &(out_chart){OUT_CHART_BAR,
				      stats_dim_label(t->axis[0].dim),
				      0,
				      0,
				      {nc - 2},
				      1,
				      (size_t)t->axis[0].n,
				      false});
	for (int r = 0; r <= t->axis[0].n && !rc; r++) {
		bool total = r == t->axis[0].n;
		cells[0] = total ? _("Total") : t->axis[0].label[r];
		for (int c = 0; c < t->axis[1].n; c++) {
			snprintf(num[c], sizeof num[c], "%" PRId64,
				 total ? t->col_total[c] : t->count[r][c]);
			cells[c + 1] = num[c];
		}
		snprintf(num[nc - 2], sizeof num[0], "%" PRId64,
			 total ? t->total : t->row_total[r]);
		stats_pct_format(total ? t->total : t->row_total[r], t->total, num[nc - 1],
				 sizeof num[0]);
		cells[nc - 2] = num[nc - 2];
		cells[nc - 1] = num[nc - 1];
		rc = row(w, cells);
	}
	return finish(w, rc);
}

int sheet_breakdown(FILE *f, int format, const app *a, const stats_query *q, const stats_table *t,
		    const char *scope)
{
	return t->axis[1].dim == DIM_NONE ? breakdown_one(f, format, a, q, t, scope)
					  : breakdown_two(f, format, a, q, t, scope);
}

/* ---- targets --------------------------------------------------------------- */

int sheet_targets_begin(sheet_targets *s, FILE *f, int format, const app *a, bool by_district,
			const char *scope, int year)
{
	static out_column sheet[8];
	static char by[96];
	/* the units of the columns named as [hierarchy] names them */
	const char *units = a->config->tier_label[2];
	const out_column c[] = {
		{"district", units, OUT_LEFT, OUT_STR, 0},
		{"target", _("Target"), OUT_LEFT, OUT_STR, 0},
		{"goal", _("Goal"), OUT_RIGHT, OUT_PCT, 0},
		{"num", _("Meeting it"), OUT_RIGHT, OUT_NUM, 0},
		{"den", _("Counted"), OUT_RIGHT, OUT_NUM, 0},
		{"percent", _("Actual"), OUT_RIGHT, OUT_PCT, 0},
		{"state", _("Result"), OUT_LEFT, OUT_STR, 0},
		{"gap", _("Missing (people)"), OUT_RIGHT, OUT_NUM, 0},
	};
	int off = by_district ? 0 : 1;

	memcpy(sheet, c, sizeof c);
	s->by_district = by_district;
	if (!(s->w = out_begin(f, format, sheet + off, (size_t)(8 - off))))
		return CB_EDB;
	snprintf(by, sizeof by, _("By %s"), units);
	sheet_title(s->w, a, _("The resolution's targets"), by_district ? by : scope, NULL, year);
	out_set_chart(s->w, &(out_chart){OUT_CHART_COLUMN,
					 _("Actual against target"),
					 0,
					 by_district ? 1 : 0,
					 {5 - off, 2 - off},
					 2,
					 0,
					 false});
	return CB_OK;
}

int sheet_targets_row(sheet_targets *s, const target_column *col, const target_result *r)
{
	char goal[16], num[24], den[24], pct[16], gap[24];
	const char *state = r->state == TARGET_MET	? _("met")
			    : r->state == TARGET_MISSED ? _("missed")
							: _("no data");

	snprintf(goal, sizeof goal, "%d", r->target);
	snprintf(num, sizeof num, "%" PRId64, r->num);
	snprintf(den, sizeof den, "%" PRId64, r->den);
	snprintf(gap, sizeof gap, "%" PRId64, r->gap);
	stats_pct_format(r->num, r->den, pct, sizeof pct);
	const char *cells[] = {col->name, target_label(r->id), goal, num, den, pct, state, gap};
	return row(s->w, s->by_district ? cells : cells + 1);
}

int sheet_targets_end(sheet_targets *s)
{
	int rc = out_end(s->w) ? CB_EDB : CB_OK;
	s->w = NULL;
	return rc;
}

/* ---- action plans and self-checks ------------------------------------------- */

static int summary_row(out_writer *o, const plans_summary *r, int format)
{
	char v[9][12];
	const char *cells[12];
	int nums[9] = {r->expected, r->plans,	r->adopted,    r->items,    r->remedied,
		       r->overdue,  r->carried, r->unverified, r->held_back};
	for (int i = 0; i < 9; i++)
		snprintf(v[i], sizeof v[i], "%d", nums[i]);
	cells[0] = r->code;
	cells[1] = r->name;
	for (int i = 0; i < 9; i++)
		cells[2 + i] = v[i];
	cells[11] = format == OUT_TABLE && r->overdue ? "!" : "";
	return row(o, cells);
}

int sheet_plans_summary(FILE *f, int format, const app *a, const plans_summary *rows, size_t n,
			int group, const char *scope, int year)
{
	out_column cols[] = {
		{"code", _("Code"), OUT_LEFT, OUT_STR, 0},
		{"name", _("Name"), OUT_LEFT, OUT_STR, 36},
		{"expected", _("Expected"), OUT_RIGHT, OUT_NUM, 0},
		{"plans", _("Plans"), OUT_RIGHT, OUT_NUM, 0},
		{"adopted", _("Adopted"), OUT_RIGHT, OUT_NUM, 0},
		{"items", _("Items"), OUT_RIGHT, OUT_NUM, 0},
		{"remedied", _("Remedied"), OUT_RIGHT, OUT_NUM, 0},
		{"overdue", _("Overdue"), OUT_RIGHT, OUT_NUM, 0},
		{"carried", _("Carried"), OUT_RIGHT, OUT_NUM, 0},
		{"unverified", _("Unverified"), OUT_RIGHT, OUT_NUM, 0},
		/* owners whose plan keeps them from "xuất sắc" next year */
		{"held_back", _("Not eligible for excellent"), OUT_RIGHT, OUT_NUM, 0},
		{"flag", "", OUT_LEFT, OUT_STR, 0},
	};
	plans_summary total;
	out_writer *o;
	int rc = CB_OK;

	if (group == PLANS_BY_ORG)
		cols[0] = (out_column){"org", _("No."), OUT_RIGHT, OUT_NUM, 0};
	if (!(o = out_begin(f, format, cols, format == OUT_TABLE ? 12 : 11)))
		return CB_EDB;
	sheet_title(o, a, _("Action plans: summary"), scope, NULL, year);
	out_set_chart(
		o,
		&(out_chart){
			OUT_CHART_BAR, _("Items remedied and overdue"), 1, 1, {6, 7}, 2, n, false});
	for (size_t i = 0; i < n && !rc; i++) {
		plans_summary r = rows[i];
		if (group == PLANS_BY_ORG)
			snprintf(r.code, sizeof r.code, "%lld", (long long)r.id);
		rc = summary_row(o, &r, format);
	}
	if (!rc && out_for_people(format)) {
		plans_summary_total(rows, n, &total);
		rc = summary_row(o, &total, format);
	}
	return finish(o, rc);
}

struct missing_ctx {
	out_writer *o;
	size_t limit, n;
};

static int missing_row(const selfcheck_missing *m, void *ctx)
{
	struct missing_ctx *c = ctx;
	char id[24];
	const char *cells[4] = {id, m->full_name, m->unit_name, m->position};
	if (c->limit && c->n >= c->limit)
		return 1;
	snprintf(id, sizeof id, "%lld", (long long)m->cadre_id);
	c->n++;
	return out_row(c->o, cells) ? -1 : 0;
}

int sheet_selfcheck_missing(FILE *f, int format, const app *a, const char *month, int64_t unit_lo,
			    int64_t unit_hi, int64_t org, const char *scope, size_t limit,
			    size_t *count, cb_error *err)
{
	const out_column cols[] = {
		{"id", _("No."), OUT_RIGHT, OUT_NUM, 0},
		{"name", _("Full name"), OUT_LEFT, OUT_STR, 0},
		{"unit", _("Unit"), OUT_LEFT, OUT_STR, 0},
		{"position", _("Position"), OUT_LEFT, OUT_STR, 40},
	};
	struct missing_ctx c = {NULL, limit, 0};
	char heading[128];
	int rc;

	*count = 0;
	if (!(c.o = out_begin(f, format, cols, 4)))
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	snprintf(heading, sizeof heading, _("Self-check of %s not yet recorded"), month);
	sheet_title(c.o, a, heading, scope, NULL, 0);
	rc = selfcheck_each_missing(a->db, month, unit_lo, unit_hi, org, missing_row, &c, err);
	*count = c.n;
	if (rc == 1) /* stopped at the limit */
		rc = CB_OK;
	if (rc == -1)
		rc = cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	if (rc) {
		out_discard(c.o);
		return rc;
	}
	return out_end(c.o) ? cb_error_set(err, CB_EDB, "%s", _("Could not write the output"))
			    : CB_OK;
}
