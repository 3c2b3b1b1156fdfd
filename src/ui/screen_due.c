/* screen_due.c - "Đến hạn": what falls due in the coming year, by date
 * (term ends, notices, retirements, lapsing disciplines, pool reviews);
 * Enter opens the cadre's record.
 *
 * Guarantees: the list is career_due's, the same as `canbo due`, read
 * once when the screen opens and again when the user comes back to it.
 */
#include "ui.h"

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
	ui_list *list;
	cb_error err;
};

static void due_load(struct due_state *st)
{
	due_item *v = NULL;
	size_t n = 0;

	cb_error_clear(&st->err);
	if (career_due(st->a->db, &st->rules, st->a->today, st->a->today + DUE_WINDOW_DAYS, ~0u,
		       st->unit_lo, st->unit_hi, &v, &n, &st->err) != CB_OK)
		n = 0;
	free(st->items);
	st->items = v;
	st->n = n;
	ui_list_set_array(st->list, st->items, st->n);
}

/* Column widths: date, what, name, unit; the rest is the detail. */
static void widths(int w, int *dw, int *kw, int *nw, int *uw)
{
	*dw = 11;
	*kw = w >= 100 ? 26 : 16;
	*nw = w >= 100 ? 26 : 20;
	*uw = w >= 100 ? 22 : 0;
}

static void due_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	const due_item *it = row;
	int role = sel ? UI_SELECTED : UI_NORMAL, dw, kw, nw, uw;
	int tone = it->kind == DUE_RETIRE || it->kind == DUE_NOTICE ? UI_WARN : UI_NORMAL;
	char day[11];

	(void)ctx;
	widths(width, &dw, &kw, &nw, &uw);
	date_format_vn(it->date, day);
	ui_fill(w, y, x, width, UI_NORMAL);
	ui_put(w, y, x, 1, sel ? ui_glyph(UI_G_ARROW) : " ", role);
	ui_put(w, y, x + 1, dw, day, role);
	ui_put(w, y, x + 1 + dw, kw - 1, due_kind_label(it->kind), tone);
	ui_put(w, y, x + 1 + dw + kw, nw - 1, it->name, role);
	if (uw)
		ui_put(w, y, x + 1 + dw + kw + nw, uw - 1, it->unit_name, UI_NORMAL);
	ui_put(w, y, x + 1 + dw + kw + nw + uw, width - 1 - dw - kw - nw - uw, it->what, UI_DIM);
}

static void due_layout(struct due_state *st)
{
	ui_rect b = ui_body();
	ui_rect r = {b.y + 1, 0, b.h - 1, b.w};
	ui_list_set_rect(st->list, r);
}

static void due_draw(ui_view *v, bool full)
{
	struct due_state *st = v->state;
	ui_rect b = ui_body();
	int dw, kw, nw, uw;

	widths(b.w, &dw, &kw, &nw, &uw);
	if (full) {
		ui_fill(stdscr, b.y, 0, b.w, UI_HEADER);
		ui_put(stdscr, b.y, 1, dw, _("Date"), UI_HEADER);
		ui_put(stdscr, b.y, 1 + dw, kw - 1, _("What"), UI_HEADER);
		ui_put(stdscr, b.y, 1 + dw + kw, nw - 1, _("Name"), UI_HEADER);
		if (uw)
			ui_put(stdscr, b.y, 1 + dw + kw + nw, uw - 1, _("Unit"), UI_HEADER);
		ui_put(stdscr, b.y, 1 + dw + kw + nw + uw, b.w - 1 - dw - kw - nw - uw,
		       _("Post or decision"), UI_HEADER);
	}
	if (st->n == 0) {
		ui_fill(stdscr, b.y + 1, 0, b.w, UI_NORMAL);
		ui_put(stdscr, b.y + 1, 1, b.w - 1, st->err.code ? st->err.msg : _("Nothing falls due."),
		       st->err.code ? UI_ERROR : UI_DIM);
		return;
	}
	ui_list_draw(st->list, full);
}

static const char *due_title(ui_view *v)
{
	(void)v;
	return _("Falling due in the coming year");
}

static void due_status(ui_view *v, char *buf, size_t cap)
{
	struct due_state *st = v->state;
	int64_t idx, count;

	ui_list_position(st->list, &idx, &count);
	snprintf(buf, cap, " %lld/%lld   %s", (long long)(count ? idx + 1 : 0), (long long)count,
		 _("Enter opens the record."));
}

static int due_key(ui_view *v, int action, ui_key key)
{
	struct due_state *st = v->state;
	const due_item *it;

	(void)key;
	if (ui_list_move(st->list, action))
		return UI_HANDLED;
	if (action != UI_ACT_OPEN)
		return UI_UNHANDLED;
	it = ui_list_selected(st->list);
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
	ui_list_free(st->list);
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
	st->list = ui_list_new_array(NULL, 0, sizeof(due_item), due_row, st);
	if (!st->list) {
		free(st);
		return CB_EDB;
	}
	due_layout(st);
	due_load(st);
	return ui_view_push(&due_ops, st) ? CB_OK : CB_EDB;
}
