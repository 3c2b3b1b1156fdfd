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

struct summary_view {
	app *a;
	plans_query q;
	int group; /* enum plans_group */
	char scope[200];
	char title[300];
	plans_summary *rows;
	size_t n;
	plans_summary total;
	ui_list *list;
};

/* Figures take NUMW columns each, fewer on a narrow terminal (down to
 * NUMW_MIN), the first one ("adopted/expected") ADOPTW at least; the name
 * keeps NAMEW_MIN: a row never runs past the right edge. */
#define NUMW 10
#define NUMW_MIN 7
#define ADOPTW 9
#define NAMEW_MIN 10

struct sum_cols {
	int name, num[6];
};

static struct sum_cols sum_columns(int width)
{
	struct sum_cols c;
	int numw = (width - 2 - NAMEW_MIN - ADOPTW) / 5;

	if (numw > NUMW)
		numw = NUMW;
	if (numw < NUMW_MIN)
		numw = NUMW_MIN;
	c.num[0] = numw > ADOPTW ? numw : ADOPTW;
	for (int i = 1; i < 6; i++)
		c.num[i] = numw;
	c.name = width - 2 - c.num[0] - 5 * numw;
	if (c.name < NAMEW_MIN)
		c.name = NAMEW_MIN;
	return c;
}

static void load(struct summary_view *sv)
{
	cb_error err = {0};
	plans_summary *rows = NULL;
	size_t n = 0;

	sv->q.ref = sv->a->today;
	if (plans_summarize(sv->a->db, &sv->q, sv->group, &rows, &n, &err) != CB_OK)
		ui_flash(UI_ERROR, "%s", err.msg);
	free(sv->rows);
	sv->rows = rows;
	sv->n = n;
	plans_summary_total(rows, n, &sv->total);
	ui_list_set_array(sv->list, sv->rows, sv->n);
	snprintf(sv->title, sizeof sv->title, _("Summary of action plans %d - %s - %s"), sv->q.year,
		 sv->scope,
		 sv->group == PLANS_BY_DISTRICT ? _("by district") : _("by organisation"));
}

static void put_row(WINDOW *w, int y, int x, int width, const plans_summary *r, int role)
{
	char buf[6][24];
	int nums[5] = {r->items, r->remedied, r->overdue, r->carried, r->unverified};
	struct sum_cols c = sum_columns(width);

	snprintf(buf[0], sizeof buf[0], "%d/%d", r->adopted, r->expected);
	for (int i = 0; i < 5; i++)
		snprintf(buf[i + 1], sizeof buf[i + 1], "%d", nums[i]);
	x += ui_put(w, y, x, 2, r->overdue ? ui_glyph(UI_G_WARN) : "", role);
	x += screen_plans_cell(w, y, x, c.name, r->name, role);
	for (int i = 0; i < 6; i++)
		x += screen_plans_cell(w, y, x, c.num[i], buf[i], role);
}

/* A column heading over two rows, broken at a space, so that "Đã khắc
 * phục" fits a narrow numeric column. */
static int head_cell(int y, int x, int numw, const char *text)
{
	char first[64];
	const char *rest = "";

	snprintf(first, sizeof first, "%s", text);
	if (text_width(text) > numw - 1) {
		const char *sp = NULL;
		for (const char *p = text; *p; p++) {
			char part[64];
			size_t k = (size_t)(p - text);
			if (*p != ' ' || k >= sizeof part)
				continue;
			memcpy(part, text, k);
			part[k] = '\0';
			if (text_width(part) <= numw - 1)
				sp = p;
		}
		if (sp && (size_t)(sp - text) < sizeof first) {
			first[sp - text] = '\0';
			rest = sp + 1;
		}
	}
	screen_plans_cell(stdscr, y, x, numw, first, UI_HEADER);
	screen_plans_cell(stdscr, y + 1, x, numw, rest, UI_HEADER);
	return numw;
}

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	const plans_summary *r = row;
	(void)ctx;
	put_row(w, y, x, width, r, sel ? UI_SELECTED : r->overdue ? UI_WARN : UI_NORMAL);
}

static void layout(struct summary_view *sv)
{
	ui_rect b = ui_body();
	b.y += 2;
	b.h -= 5; /* two heading rows above; the total and a two-row note below */
	ui_list_set_rect(sv->list, b);
}

static const char *sv_title(ui_view *v)
{
	return ((struct summary_view *)v->state)->title;
}

static void sv_draw(ui_view *v, bool full)
{
	struct summary_view *sv = v->state;
	ui_rect b = ui_body();
	static const char *const heads[] = {N_("Adopted"), N_("Items"), N_("Remedied"),
					    N_("Overdue"), N_("Carried"), N_("Unverified")};
	int x = b.x;
	struct sum_cols c = sum_columns(b.w);

	if (!full) {
		ui_list_draw(sv->list, false);
		return;
	}
	ui_fill(stdscr, b.y + 1, b.x, b.w, UI_HEADER);
	x += ui_put(stdscr, b.y, x, 2, "", UI_HEADER);
	x += screen_plans_cell(stdscr, b.y, x, c.name,
			       sv->group == PLANS_BY_DISTRICT ? _("District") : _("Organisation"),
			       UI_HEADER);
	for (int i = 0; i < 6; i++)
		x += head_cell(b.y, x, c.num[i], _(heads[i]));
	ui_list_draw(sv->list, true);
	put_row(stdscr, b.y + b.h - 3, b.x, b.w, &sv->total, UI_HEADER);
	ui_put_wrapped(stdscr, b.y + b.h - 2, b.x + 1, b.w - 1, 2,
		       _("Adopted = plans adopted / expected (every organisation and every cadre); "
			 "Unverified = remedied, not yet verified."),
		       UI_DIM);
}

static void sv_status(ui_view *v, char *buf, size_t cap)
{
	struct summary_view *sv = v->state;
	char d[11];
	date_format_vn(sv->a->today, d);
	snprintf(buf, cap, _(" Overdue counted at %s. %s opens the plans of a row."), d,
		 ui_keys_label_for(UI_CTX_PLANS_SUMMARY, UI_ACT_OPEN));
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
	const plans_summary *r = sv->n ? ui_list_selected(sv->list) : NULL;
	int ty, tm, td;

	(void)key;
	if (sv->n && ui_list_move(sv->list, action))
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
	ui_list_free(sv->list);
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
	if (!(sv->list = ui_list_new_array(NULL, 0, sizeof(plans_summary), draw_row, sv))) {
		free(sv);
		return CB_EDB;
	}
	layout(sv);
	load(sv);
	return ui_view_push(&summary_ops, sv) ? CB_OK : CB_EDB;
}
