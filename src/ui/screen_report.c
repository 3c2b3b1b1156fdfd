/* screen_report.c - the reports laid out in the configuration
 * (reports/NAME.ini, report.h): pick a layout, see it filled for the
 * office's scope, move over its cells; Enter on a count lists exactly the
 * cadres behind it (report_cell_filter), e exports it (XLSX or CSV), [ and
 * ] change the year of ratings and trainings.
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "output.h"
#include "report.h"
#include "text.h"

#define LABEL_W	  30
#define CELL_W	  12
#define HEAD_ROWS 4 /* title, scope, example note, column headings */

typedef struct report_view {
	app *a;
	report r;
	report_result res;
	int year;
	bool computed;
	cb_error err;
	char scope_code[CFG_CODE_MAX];
	int row, col, top, left;
	char title[REPORT_TEXT_MAX + 32];
} report_view;

static void compute(report_view *rv)
{
	cb_error_clear(&rv->err);
	rv->computed =
		report_run(rv->a->db, rv->a->config, &rv->r, rv->a->today, rv->year,
			   rv->scope_code[0] ? rv->scope_code : NULL, &rv->res, &rv->err) == CB_OK;
	if (rv->computed && (size_t)rv->row >= rv->res.n)
		rv->row = rv->res.n ? (int)rv->res.n - 1 : 0;
}

static const char *rv_title(ui_view *v)
{
	report_view *rv = v->state;
	snprintf(rv->title, sizeof rv->title, "%s", rv->r.title);
	return rv->title;
}

static void draw_cell(int y, int x, int w, const char *s, int role)
{
	int tw = text_width(s);
	if (tw >= w - 1) { /* cut, and one blank before the next column */
		ui_put(stdscr, y, x, w - 1, s, role);
		ui_fill(stdscr, y, x + w - 1, 1, UI_NORMAL);
		return;
	}
	ui_fill(stdscr, y, x, w - tw - 1, role);
	ui_put(stdscr, y, x + w - tw - 1, tw, s, role);
	ui_fill(stdscr, y, x + w - 1, 1, role);
}

static void rv_draw(ui_view *v, bool full)
{
	report_view *rv = v->state;
	ui_rect b = ui_body();
	int shown = (b.w - 2 - LABEL_W) / CELL_W, visible = b.h - HEAD_ROWS;
	char date[11], cell[24];

	(void)full;
	for (int y = 0; y < b.h; y++)
		ui_fill(stdscr, b.y + y, 0, b.w, UI_NORMAL);
	date_format_vn(rv->a->today, date);
	ui_putf(stdscr, b.y, 1, b.w - 2, UI_HEADER, "%s · %s · %s %d", rv->res.scope, date,
		_("year"), rv->year);
	ui_put(stdscr, b.y + 1, 1, b.w - 2, rv->r.source, UI_DIM);
	if (rv->r.example)
		ui_put(stdscr, b.y + 2, 1, b.w - 2,
		       _("EXAMPLE layout, not an official form: check every row and column against "
			 "the official form before sending"),
		       UI_WARN);
	if (!rv->computed) {
		ui_put(stdscr, b.y + HEAD_ROWS, 1, b.w - 2, rv->err.msg, UI_ERROR);
		return;
	}
	if (shown < 1)
		shown = 1;
	if (rv->col < rv->left)
		rv->left = rv->col;
	if (rv->col >= rv->left + shown)
		rv->left = rv->col - shown + 1;
	if (visible < 1)
		visible = 1;
	if (rv->row < rv->top)
		rv->top = rv->row;
	if (rv->row >= rv->top + visible)
		rv->top = rv->row - visible + 1;
	ui_fill(stdscr, b.y + 3, 0, b.w, UI_HEADER);
	ui_put(stdscr, b.y + 3, 1, LABEL_W, rv->r.row_heading[0] ? rv->r.row_heading : _("Unit"),
	       UI_HEADER);
	for (int k = 0; k < shown && (size_t)(rv->left + k) < rv->r.ncols; k++)
		draw_cell(b.y + 3, 1 + LABEL_W + k * CELL_W, CELL_W, rv->r.cols[rv->left + k].label,
			  UI_HEADER);
	for (int i = 0; i < visible && (size_t)(rv->top + i) < rv->res.n; i++) {
		const report_line *l = &rv->res.lines[rv->top + i];
		int y = b.y + HEAD_ROWS + i;
		ui_put(stdscr, y, 1, LABEL_W - 1, l->label, l->subtotal ? UI_HEADER : UI_NORMAL);
		for (int k = 0; k < shown && (size_t)(rv->left + k) < rv->r.ncols; k++) {
			int c = rv->left + k;
			int role = rv->top + i == rv->row && c == rv->col ? UI_SELECTED
				   : l->subtotal			  ? UI_HEADER
									  : UI_NORMAL;
			report_cell(&rv->r, l, (size_t)c, cell, sizeof cell);
			if (rv->r.cols[c].kind == REPORT_COL_PERCENT)
				stats_pct_localise(cell);
			draw_cell(y, 1 + LABEL_W + k * CELL_W, CELL_W, cell, role);
		}
	}
}

static void rv_status(ui_view *v, char *buf, size_t cap)
{
	report_view *rv = v->state;
	buf[0] = '\0';
	if (!rv->computed || !rv->res.n)
		return;
	snprintf(buf, cap, _("%s: %s; %s lists the cadres"), rv->res.lines[rv->row].label,
		 rv->r.cols[rv->col].label, ui_keys_label_for(UI_CTX_REPORT, UI_ACT_OPEN));
}

/* Enter: the cadres behind the selected cell. */
static void open_cell(report_view *rv)
{
	cadre_filter f;
	cb_error err;
	char title[REPORT_TEXT_MAX * 2 + 8];
	int rc;

	cb_error_clear(&err);
	rc = report_cell_filter(rv->a->db, rv->a->config, &rv->r, &rv->res, (size_t)rv->row,
				(size_t)rv->col, rv->a->today, &f, &err);
	if (rc == CB_NOT_FOUND) {
		ui_flash(UI_WARN, "%s",
			 rv->res.lines[rv->row].subtotal
				 ? _("A subtotal adds up the rows above it: open those rows.")
				 : _("Nobody is counted in this cell."));
		return;
	}
	if (rc) {
		ui_flash(UI_ERROR, "%s", err.msg);
		return;
	}
	snprintf(title, sizeof title, "%s · %s", rv->res.lines[rv->row].label,
		 rv->r.cols[rv->col].label);
	if (ui_open_cadre_list(rv->a, &f, title) != CB_OK)
		ui_flash(UI_ERROR, "%s", _("Could not open the list"));
}

static int write_sheet(FILE *f, int format, void *ctx)
{
	report_view *rv = ctx;
	return report_write(f, format, rv->a, &rv->r, &rv->res);
}

static int rv_key(ui_view *v, int action, ui_key key)
{
	report_view *rv = v->state;
	int rows = (int)rv->res.n, cols = (int)rv->r.ncols;

	switch (action) {
	case UI_ACT_UP:
		rv->row -= rv->row > 0;
		break;
	case UI_ACT_DOWN:
		rv->row += rv->row + 1 < rows;
		break;
	case UI_ACT_HOME:
		rv->row = 0;
		break;
	case UI_ACT_END:
		rv->row = rows ? rows - 1 : 0;
		break;
	case UI_ACT_OPEN:
		if (rv->computed && rows)
			open_cell(rv);
		return UI_HANDLED;
	case UI_ACT_EXPORT:
		if (rv->computed)
			ui_export_sheet(rv->a, rv->r.name, write_sheet, rv);
		return UI_HANDLED;
	case UI_ACT_YEAR_PREV:
		rv->year--;
		compute(rv);
		break;
	case UI_ACT_YEAR_NEXT:
		rv->year++;
		compute(rv);
		break;
	case UI_ACT_CELL_LEFT: /* as on the breakdowns */
		rv->col -= rv->col > 0;
		break;
	case UI_ACT_CELL_RIGHT:
		rv->col += rv->col + 1 < cols;
		break;
	default:
		return UI_UNHANDLED;
	}
	ui_invalidate();
	return UI_HANDLED;
}

/* Back from a list: count again (a record may have been fixed). */
static void rv_reveal(ui_view *v)
{
	compute(v->state);
}

static void rv_close(ui_view *v)
{
	free(v->state);
}

static const ui_view_ops report_ops = {
	.name = "report",
	.context = UI_CTX_REPORT,
	.title = rv_title,
	.draw = rv_draw,
	.key = rv_key,
	.status = rv_status,
	.reveal = rv_reveal,
	.close = rv_close,
};

/* Opens one layout, filled for the office's scope. */
static int open_report(app *a, const char *name)
{
	report_view *rv = calloc(1, sizeof *rv);
	cb_error err;
	int y, m, d;

	if (!rv)
		return CB_EDB;
	cb_error_clear(&err);
	if (report_load(a->config, name, &rv->r, &err)) {
		ui_message(_("Reports"), err.msg);
		free(rv);
		return CB_ECONFIG;
	}
	rv->a = a;
	if (a->district)
		snprintf(rv->scope_code, sizeof rv->scope_code, "%s",
			 a->config->units[a->district->unit].code);
	date_to_ymd(a->today, &y, &m, &d);
	rv->year = stats_latest_year(a->db, y, &err);
	compute(rv);
	return ui_view_push(&report_ops, rv) ? CB_OK : CB_EDB; /* closed on failure */
}

/* ---- the list of layouts ------------------------------------------------------ *
 * On the one list view (ui_listview.h): the title first, as the office
 * reads it, the layout's file name after it (hidden first on a narrow
 * terminal); pages, Home and End, "i/n" and the export as on every list. */

typedef struct layout_row {
	const char *name; /* reports/NAME.ini, owned by the view */
	char title[REPORT_TEXT_MAX];
} layout_row;

typedef struct layouts_view {
	app *a;
	char **names;
	layout_row *rows;
	size_t n;
	ui_listview *lv;
} layouts_view;

static int cell_layout_name(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%s", ((const layout_row *)row)->name);
	return UI_DIM;
}

static const ui_column layout_columns[] = {
	/* both at 80 columns: the layout file is the name canbo report run takes */
	{N_("Report"), 40, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(layout_row, title), 0},
	{N_("Layout file"), 24, 0, 1, OUT_LEFT, OUT_STR, cell_layout_name, 0, 0},
};

static const ui_listview_def layout_list_def = {
	.cols = layout_columns,
	.ncols = sizeof layout_columns / sizeof layout_columns[0],
	.noun = N_("reports"),
	.empty = N_("No report layout in the configuration (reports/*.ini)."),
	.export_title = N_("Reports"),
};

static const char *lv_title(ui_view *v)
{
	(void)v;
	return _("Reports");
}

static void lv_draw(ui_view *v, bool full)
{
	layouts_view *lv = v->state;
	ui_listview_draw(lv->lv, full);
}

static void lv_status(ui_view *v, char *buf, size_t cap)
{
	layouts_view *lv = v->state;
	ui_listview_status(lv->lv, NULL, buf, cap);
}

static void lv_resize(ui_view *v)
{
	layouts_view *lv = v->state;
	ui_listview_set_rect(lv->lv, ui_body());
}

static int lv_key(ui_view *v, int action, ui_key key)
{
	layouts_view *lv = v->state;
	const layout_row *row;

	if (ui_listview_key(lv->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	if (action != UI_ACT_OPEN)
		return UI_UNHANDLED;
	if ((row = ui_listview_selected(lv->lv)))
		open_report(lv->a, row->name);
	return UI_HANDLED;
}

static void lv_close(ui_view *v)
{
	layouts_view *lv = v->state;
	ui_listview_free(lv->lv);
	for (size_t i = 0; i < lv->n; i++)
		free(lv->names[i]);
	free(lv->names);
	free(lv->rows);
	free(lv);
}

static const ui_view_ops layouts_ops = {
	.name = "reports",
	.context = UI_CTX_REPORTS,
	.title = lv_title,
	.draw = lv_draw,
	.key = lv_key,
	.resize = lv_resize,
	.status = lv_status,
	.close = lv_close,
};

/* The layouts of the configuration, each with its title (or why it
 * cannot be read). */
int screen_report_open(app *a)
{
	layouts_view *lv = calloc(1, sizeof *lv);
	cb_error err;

	if (!lv)
		return CB_EDB;
	lv->a = a;
	cb_error_clear(&err);
	if (report_list(a->config, &lv->names, &lv->n, &err) ||
	    (lv->n && !(lv->rows = calloc(lv->n, sizeof *lv->rows))) ||
	    !(lv->lv = ui_listview_new_array(&layout_list_def, sizeof(layout_row), lv))) {
		ui_message(_("Reports"), err.msg[0] ? err.msg : _("Out of memory"));
		for (size_t i = 0; i < lv->n; i++)
			free(lv->names[i]);
		free(lv->names);
		free(lv->rows);
		free(lv);
		return CB_EDB;
	}
	for (size_t i = 0; i < lv->n; i++) {
		report *r = malloc(sizeof *r);
		lv->rows[i].name = lv->names[i];
		cb_error_clear(&err);
		if (r && report_load(a->config, lv->names[i], r, &err) == CB_OK)
			snprintf(lv->rows[i].title, sizeof lv->rows[i].title, "%s%s", r->title,
				 r->example ? _(" (example)") : "");
		else
			snprintf(lv->rows[i].title, sizeof lv->rows[i].title, "%s",
				 _("(cannot be read)"));
		free(r);
	}
	ui_listview_set_rect(lv->lv, ui_body());
	ui_listview_set_rows(lv->lv, lv->rows, lv->n, NULL);
	return ui_view_push(&layouts_ops, lv) ? CB_OK : CB_EDB; /* closed on failure */
}
