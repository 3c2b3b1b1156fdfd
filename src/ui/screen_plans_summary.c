/* screen_plans_summary.c - the figures of a year's action plans that the
 * organisation department reports upward, per district or per
 * organisation: plans adopted out of expected, items, remedied, overdue,
 * not yet verified; a total row; Enter opens the plans behind a row.
 *
 * "Expected" counts every party organisation and every cadre of the row
 * (see plans.h); a row with overdue items is in the warning colour and
 * marked "!".
 */
#include "screen_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sheet.h"
#include "text.h"
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_view.h"

struct summary_view {
	app *a;
	plans_query q;
	int group; /* enum plans_group */
	char scope[200];
	char title[300];
	plans_summary *rows;
	size_t n;
	plans_summary total;
	ui_listview *lv;
};

static const char *row_mark(void *ctx, const void *row, int *role)
{
	(void)ctx;
	*role = UI_WARN;
	return ((const plans_summary *)row)->overdue ? ui_glyph(UI_G_WARN) : NULL;
}

static int row_tone(void *ctx, const void *row)
{
	(void)ctx;
	return ((const plans_summary *)row)->overdue ? UI_WARN : UI_NORMAL;
}

static int cell_adopted(void *ctx, const void *row, char *buf, size_t cap)
{
	const plans_summary *r = row;

	(void)ctx;
	snprintf(buf, cap, "%d/%d", r->adopted, r->expected);
	return row_tone(ctx, row);
}

/* The figures after "adopted", in column order. */
#define FIGURE_CELL(fn, field)                                                                     \
	static int fn(void *ctx, const void *row, char *buf, size_t cap)                           \
	{                                                                                          \
		(void)ctx;                                                                         \
		snprintf(buf, cap, "%d", ((const plans_summary *)row)->field);                     \
		return row_tone(ctx, row);                                                         \
	}
FIGURE_CELL(cell_items, items)
FIGURE_CELL(cell_remedied, remedied)
FIGURE_CELL(cell_overdue, overdue)
FIGURE_CELL(cell_carried, carried)
FIGURE_CELL(cell_unverified, unverified)

/* Headings break over two rows so that "Đã khắc phục" fits a narrow
 * figure column; the name keeps what is left. */
static const ui_column summary_columns[] = {
	{N_("District"), 10, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(plans_summary, name), 0},
	{N_("Adopted"), 9, 0, 0, OUT_RIGHT, OUT_STR, cell_adopted, 0, 0},
	{N_("Items"), 8, 0, 0, OUT_RIGHT, OUT_NUM, cell_items, 0, 0},
	{N_("Remedied"), 8, 0, 0, OUT_RIGHT, OUT_NUM, cell_remedied, 0, 0},
	{N_("Overdue"), 8, 0, 0, OUT_RIGHT, OUT_NUM, cell_overdue, 0, 0},
	{N_("Carried"), 8, 0, 0, OUT_RIGHT, OUT_NUM, cell_carried, 0, 0},
	{N_("Unverified"), 8, 0, 0, OUT_RIGHT, OUT_NUM, cell_unverified, 0, 0},
};

/* The export is the screen's own sheet (title block, total row). */
static const ui_listview_def summary_list_def = {
	.tone = row_tone,
	.cols = summary_columns,
	.ncols = sizeof summary_columns / sizeof summary_columns[0],
	.noun = N_("rows"),
	.mark = row_mark,
	.head_rows = 2,
};

static void load(struct summary_view *sv)
{
	cb_error err = {0};
	plans_summary *rows = NULL;
	size_t n = 0;
	char by[96];

	sv->q.ref = sv->a->today;
	if (plans_summarize(sv->a->db, &sv->q, sv->group, &rows, &n, &err) != CB_OK)
		ui_flash(UI_ERROR, "%s", err.msg);
	free(sv->rows);
	sv->rows = rows;
	sv->n = n;
	plans_summary_total(rows, n, &sv->total);
	ui_listview_set_rows(sv->lv, sv->rows, sv->n, &err);
	/* by the tier-2 units, named as [hierarchy] names them */
	snprintf(by, sizeof by, _("by %s"), sv->a->config->tier_label[2]);
	ui_listview_set_label(sv->lv, 0,
			      sv->group == PLANS_BY_DISTRICT ? sv->a->config->tier_label[2]
							     : _("Organisation"));
	snprintf(sv->title, sizeof sv->title, _("Summary of action plans %d - %s - %s"), sv->q.year,
		 sv->scope, sv->group == PLANS_BY_DISTRICT ? by : _("by organisation"));
}

/* The list with its two heading rows; the total and a two-row note
 * below it. */
static void layout(struct summary_view *sv)
{
	ui_rect b = ui_body();
	b.h -= 3;
	ui_listview_set_rect(sv->lv, b);
}

static const char *sv_title(ui_view *v)
{
	return ((struct summary_view *)v->state)->title;
}

static void sv_draw(ui_view *v, bool full)
{
	struct summary_view *sv = v->state;
	ui_rect b = ui_body();

	ui_listview_draw(sv->lv, full);
	if (!full)
		return;
	ui_listview_draw_row(sv->lv, b.y + b.h - 3, &sv->total, UI_HEADER);
	ui_put_wrapped(stdscr, b.y + b.h - 2, b.x + 1, b.w - 1, 2,
		       _("Adopted = plans adopted / expected (every organisation and every cadre); "
			 "Unverified = remedied, not yet verified."),
		       UI_DIM);
}

static void sv_status(ui_view *v, char *buf, size_t cap)
{
	struct summary_view *sv = v->state;
	char d[11], extra[200];

	date_format_vn(sv->a->today, d);
	snprintf(extra, sizeof extra, _(" Overdue counted at %s. %s opens the plans of a row."), d,
		 ui_keys_label_for(UI_CTX_PLANS_SUMMARY, UI_ACT_OPEN));
	ui_listview_status(sv->lv, extra, buf, cap);
}

static void drill_down(struct summary_view *sv, const plans_summary *r)
{
	plans_query q;
	plans_query_init(&q, sv->a->today);
	q.year = sv->q.year;
	if (sv->group == PLANS_BY_DISTRICT) {
		q.unit_lo = r->unit_lo;
		q.unit_hi = r->unit_hi;
	} else {
		q.org_members = r->id;
	}
	screen_plans_open_query(sv->a, &q, r->name);
}

/* The export key: the summary as shown, its total row last. */
static int write_sheet(FILE *f, int format, void *ctx)
{
	struct summary_view *sv = ctx;
	return sheet_plans_summary(f, format, sv->a, sv->rows, sv->n, sv->group, sv->scope,
				   sv->q.year);
}

static int sv_key(ui_view *v, int action, ui_key key)
{
	struct summary_view *sv = v->state;
	const plans_summary *r = sv->n ? ui_listview_selected(sv->lv) : NULL;
	int ty, tm, td;

	if (ui_listview_key(sv->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	date_to_ymd(sv->a->today, &ty, &tm, &td);
	switch (action) {
	case UI_ACT_OPEN:
		if (r)
			drill_down(sv, r);
		return UI_HANDLED;
	case UI_ACT_YEAR_PREV:
		if (sv->q.year > 2000)
			sv->q.year--;
		load(sv);
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_YEAR_NEXT:
		if (sv->q.year <= ty)
			sv->q.year++;
		load(sv);
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_EXPORT:
		ui_export_sheet(sv->a, sv->title, write_sheet, sv);
		return UI_HANDLED;
	case UI_ACT_SUMMARY:
		sv->group = sv->group == PLANS_BY_DISTRICT ? PLANS_BY_ORG : PLANS_BY_DISTRICT;
		load(sv);
		ui_invalidate();
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void sv_resize(ui_view *v)
{
	layout(v->state);
}

static void sv_reveal(ui_view *v)
{
	load(v->state);
}

static void sv_close(ui_view *v)
{
	struct summary_view *sv = v->state;
	ui_listview_free(sv->lv);
	free(sv->rows);
	free(sv);
}

static const ui_view_ops summary_ops = {
	.name = "plans-summary",
	.context = UI_CTX_PLANS_SUMMARY,
	.title = sv_title,
	.draw = sv_draw,
	.key = sv_key,
	.resize = sv_resize,
	.status = sv_status,
	.reveal = sv_reveal,
	.close = sv_close,
};

int screen_plans_summary_open(app *a, const plans_query *q, const char *scope_label)
{
	struct summary_view *sv = calloc(1, sizeof *sv);

	if (!sv)
		return CB_EDB;
	sv->a = a;
	sv->q = *q;
	sv->q.cadre_id = sv->q.org_id = sv->q.org_members = 0;
	sv->q.overdue_only = false;
	sv->group = PLANS_BY_DISTRICT;
	snprintf(sv->scope, sizeof sv->scope, "%s", scope_label);
	if (!(sv->lv = ui_listview_new_array(&summary_list_def, sizeof(plans_summary), sv))) {
		free(sv);
		return CB_EDB;
	}
	layout(sv);
	load(sv);
	return ui_view_push(&summary_ops, sv) ? CB_OK : CB_EDB;
}
