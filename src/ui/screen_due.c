/* screen_due.c - "Đến hạn": what falls due in the coming year, by date
 * (term ends, notices, retirements, lapsing disciplines, pool reviews);
 * Enter opens the cadre's record.
 *
 * Guarantees: the list is career_due's, the same as `canbo due`, read
 * once when the screen opens and again when the user comes back to it.
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career_store.h"
#include "i18n.h"

#define DUE_WINDOW_DAYS 365

struct due_state {
	app *a;
	career_rules rules;
	int64_t unit_lo, unit_hi;
	due_item *items;
	size_t n;
	ui_listview *lv;
};

static int cell_date(void *ctx, const void *row, char *buf, size_t cap)
{
	char day[11];

	(void)ctx;
	date_format_vn(((const due_item *)row)->date, day);
	snprintf(buf, cap, "%s", day);
	return UI_NORMAL;
}

static int cell_kind(void *ctx, const void *row, char *buf, size_t cap)
{
	const due_item *it = row;

	(void)ctx;
	snprintf(buf, cap, "%s", due_kind_label(it->kind));
	return it->kind == DUE_RETIRE || it->kind == DUE_NOTICE ? UI_WARN : UI_NORMAL;
}

/* The unit goes first on a narrow terminal: the name and the post say
 * who it is. */
static const ui_column due_columns[] = {
	{N_("Date"), 10, 0, 0, OUT_LEFT, OUT_STR, cell_date, 0, 0},
	{N_("What"), 15, 0, 0, OUT_LEFT, OUT_STR, cell_kind, 0, 0},
	{N_("Name"), 19, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(due_item, name), 0},
	{N_("Unit"), 21, 0, 1, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(due_item, unit_name), 0},
	{N_("Post or decision"), 12, 2, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(due_item, what),
	 UI_DIM},
};

static const ui_listview_def due_list_def = {
	.cols = due_columns,
	.ncols = sizeof due_columns / sizeof due_columns[0],
	.empty = N_("Nothing falls due."),
	.export_title = N_("Falling due in the coming year"),
};

static void due_load(struct due_state *st)
{
	due_item *v = NULL;
	size_t n = 0;
	cb_error err = {0};

	if (career_due(st->a->db, &st->rules, st->a->today, st->a->today + DUE_WINDOW_DAYS, ~0u,
		       st->unit_lo, st->unit_hi, &v, &n, &err) != CB_OK)
		n = 0;
	free(st->items);
	st->items = v;
	st->n = n;
	ui_listview_set_rows(st->lv, st->items, st->n, &err);
}

static void due_layout(struct due_state *st)
{
	ui_listview_set_rect(st->lv, ui_body());
}

static void due_draw(ui_view *v, bool full)
{
	struct due_state *st = v->state;
	ui_listview_draw(st->lv, full);
}

static const char *due_title(ui_view *v)
{
	(void)v;
	return _("Falling due in the coming year");
}

static void due_status(ui_view *v, char *buf, size_t cap)
{
	struct due_state *st = v->state;
	char extra[128];

	snprintf(extra, sizeof extra, "  %s", _("Enter opens the record."));
	ui_listview_status(st->lv, extra, buf, cap);
}

static int due_key(ui_view *v, int action, ui_key key)
{
	struct due_state *st = v->state;
	const due_item *it;

	if (ui_listview_key(st->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	if (action != UI_ACT_OPEN)
		return UI_UNHANDLED;
	it = ui_listview_selected(st->lv);
	if (it && it->cadre_id)
		ui_open_cadre(st->a, it->cadre_id);
	else if (it)
		ui_flash(UI_NORMAL, "%s", _("This is a review of a pool: see canbo pool review."));
	return UI_HANDLED;
}

static void due_resize(ui_view *v)
{
	due_layout(v->state);
}

static void due_reveal(ui_view *v)
{
	due_load(v->state);
}

static void due_close(ui_view *v)
{
	struct due_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->items);
	free(st);
}

static const ui_view_ops due_ops = {
	.name = "due",
	.context = UI_CTX_DUE,
	.title = due_title,
	.draw = due_draw,
	.key = due_key,
	.resize = due_resize,
	.status = due_status,
	.reveal = due_reveal,
	.close = due_close,
};

int screen_due_open(app *a)
{
	struct due_state *st = calloc(1, sizeof *st);
	cb_error err = {0};

	if (!st)
		return CB_EDB;
	st->a = a;
	if (career_rules_load(a->config, &st->rules, &err) != CB_OK) {
		ui_message(_("Not opened"), err.msg);
		free(st);
		return CB_OK;
	}
	if (a->district) {
		unit_row u;
		if (store_unit_by_code(a->db, a->config->units[a->district->unit].code, &u, &err) ==
		    CB_OK)
			st->unit_lo = u.lo, st->unit_hi = u.hi;
	}
	st->lv = ui_listview_new_array(&due_list_def, sizeof(due_item), st);
	if (!st->lv) {
		free(st);
		return CB_EDB;
	}
	due_layout(st);
	due_load(st);
	return ui_view_push(&due_ops, st) ? CB_OK : CB_EDB;
}
