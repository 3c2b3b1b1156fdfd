/* screen_menu.c - the main menu: the screens of ui_screens(), reachable
 * with the arrows and Enter or with their hotkey (a digit).
 *
 * Guarantees: the menu shows exactly the screens that exist (one line of
 * the table each); Esc or q here quits.
 */
#include "ui_list.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_internal.h"

struct menu_state {
	const ui_screen *items;
	size_t n;
	ui_list *list;
};

static void menu_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	const ui_screen *s = row;
	char buf[256];

	(void)ctx;
	snprintf(buf, sizeof buf, "  %c   %s", s->hotkey, _(s->label));
	ui_put(w, y, x, width, buf, sel ? UI_SELECTED : UI_NORMAL);
}

static const char *menu_title(ui_view *v)
{
	(void)v;
	return _("Main menu");
}

static void menu_layout(struct menu_state *st)
{
	ui_rect b = ui_body(), r;
	int w = b.w > 60 ? 60 : b.w - 2;

	r.x = (b.w - w) / 2;
	r.y = b.y + 2;
	r.w = w;
	r.h = (int)st->n;
	if (r.h > b.h - 3)
		r.h = b.h - 3;
	ui_list_set_rect(st->list, r);
}

static void menu_draw(ui_view *v, bool full)
{
	struct menu_state *st = v->state;
	ui_rect b = ui_body();

	if (full) {
		menu_layout(st);
		ui_putf(stdscr, b.y + 1, (b.w - 60 > 0 ? (b.w - 60) / 2 : 1), 60, UI_HEADER,
			_("Choose with the arrows and %s, or press the number:"),
			ui_keys_label_for(UI_CTX_MENU, UI_ACT_OPEN));
	}
	ui_list_draw(st->list, full);
}

static int menu_open_item(ui_view *v, const ui_screen *s)
{
	int rc;

	/* the breakdowns' walk is kept only for them (16 bytes a cadre) */
	if (s->open != screen_stats_open)
		screen_stats_prefetch_drop(v->app);
	rc = s->open(v->app);
	if (rc != CB_OK && !ui_should_quit())
		ui_flash(UI_ERROR, "%s", _("This screen could not be opened."));
	return UI_HANDLED;
}

static int menu_key(ui_view *v, int action, ui_key key)
{
	struct menu_state *st = v->state;

	if (ui_list_move(st->list, action))
		return UI_HANDLED;
	if (action == UI_ACT_OPEN) {
		const ui_screen *s = ui_list_selected(st->list);
		return s ? menu_open_item(v, s) : UI_HANDLED;
	}
	if (action == UI_ACT_NONE)
		for (size_t i = 0; i < st->n; i++)
			if (st->items[i].hotkey == key)
				return menu_open_item(v, &st->items[i]);
	return UI_UNHANDLED;
}

static void menu_status(ui_view *v, char *buf, size_t cap)
{
	app *a = v->app;
	char today[11] = "";

	(void)a;
	if (a)
		date_format_vn(a->today, today);
	snprintf(buf, cap, " %s %s   ", _("Date:"), today);
	snprintf(buf + strlen(buf), cap - strlen(buf), _("Press %s for help."),
		 ui_keys_label_for(UI_CTX_MENU, UI_ACT_HELP));
}

static void menu_resize(ui_view *v)
{
	menu_layout(v->state);
}

/* The breakdowns screen is the one that counts a whole scope as it opens
 * (55 ms at a million cadres): the walk it opens on is made while the
 * menu rests, so that opening it counts from memory. True when one was
 * made: the idle work is traced, and the menu drawn again unchanged. */
static bool menu_idle(ui_view *v)
{
	return v->app && screen_stats_prefetch(v->app);
}

static void menu_close(ui_view *v)
{
	struct menu_state *st = v->state;
	ui_list_free(st->list);
	free(st);
}

static const ui_view_ops menu_ops = {
	.name = "menu",
	.context = UI_CTX_MENU,
	.title = menu_title,
	.draw = menu_draw,
	.key = menu_key,
	.resize = menu_resize,
	.status = menu_status,
	.idle = menu_idle,
	.close = menu_close,
};

int screen_menu_open(app *a)
{
	struct menu_state *st = calloc(1, sizeof *st);

	(void)a;
	if (!st)
		return CB_EDB;
	st->items = ui_screens(&st->n);
	st->list = ui_list_new_array(st->items, st->n, sizeof st->items[0], menu_row, st);
	if (!st->list) {
		free(st);
		return CB_EDB;
	}
	menu_layout(st);
	return ui_view_push(&menu_ops, st) ? CB_OK : CB_EDB;
}
