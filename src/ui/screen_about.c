/* screen_about.c - what canbo is, its version, the database and
 * configuration in use, and where to find help.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

static const char *about_title(ui_view *v)
{
	(void)v;
	return _("About");
}

static void about_draw(ui_view *v, bool full)
{
	ui_rect b = ui_body();
	app *a = v->app;
	int y = b.y + 1, x = 2, w = b.w - 4;

	if (!full)
		return;
	ui_putf(stdscr, y++, x, w, UI_HEADER, "canbo %s", CANBO_VERSION);
	ui_put(stdscr, y++, x, w,
	       _("Leadership and management cadres, breakdowns against the resolution's targets, "
		 "and self-criticism action plans."),
	       UI_NORMAL);
	y++;
	if (a) {
		ui_putf(stdscr, y++, x, w, UI_NORMAL, "%s %s", _("Database:"), a->db_path);
		if (a->config)
			ui_putf(stdscr, y++, x, w, UI_NORMAL, "%s %s", _("Configuration:"),
				a->config->path);
		if (a->user)
			ui_putf(stdscr, y++, x, w, UI_NORMAL, "%s %s", _("User:"), a->user);
	}
	y++;
	ui_put(stdscr, y++, x, w, _("Keys: press ? or F1 on any screen for its keys; Esc goes back; F10 quits."),
	       UI_NORMAL);
	ui_put(stdscr, y++, x, w, _("Manual: man canbo"), UI_NORMAL);
	ui_put(stdscr, y++, x, w, _("Display:"), UI_DIM);
	ui_putf(stdscr, y - 1, x + 12, w - 12, UI_DIM, "%s, %s, %dx%d",
		ui_has_colors() ? _("colours") : _("monochrome"),
		ui_ascii() ? "ASCII" : "UTF-8", COLS, LINES);
}

static int about_key(ui_view *v, int action, ui_key key)
{
	(void)v;
	(void)key;
	return action == UI_ACT_OPEN ? UI_CLOSE : UI_UNHANDLED;
}

static const ui_view_ops about_ops = {
	.name = "about",
	.context = UI_CTX_ABOUT,
	.title = about_title,
	.draw = about_draw,
	.key = about_key,
};

int screen_about_open(app *a)
{
	(void)a;
	return ui_view_push(&about_ops, NULL) ? CB_OK : CB_EDB;
}
