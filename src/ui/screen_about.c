/* screen_about.c - what canbo is, its version, the database and
 * configuration in use, and where to find help.
 */
#include "ui_screens.h"
#include "ui_view.h"

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
	char keys[512];

	if (!full)
		return;
	ui_putf(stdscr, y++, x, w, UI_HEADER, "canbo %s", CANBO_VERSION);
	y += ui_put_wrapped(stdscr, y, x, w, 3,
			    _("Leadership and management cadres, breakdowns against the "
			      "resolution's targets, and self-criticism action plans."),
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
	/* The keys named here come from the key table. */
	snprintf(keys, sizeof keys,
		 _("Keys: press %s on any screen for its keys; %s goes back; %s quits."),
		 ui_keys_label_for(UI_CTX_GLOBAL, UI_ACT_HELP),
		 ui_keys_label_for(UI_CTX_GLOBAL, UI_ACT_BACK),
		 ui_keys_label_for(UI_CTX_GLOBAL, UI_ACT_QUIT));
	y += ui_put_wrapped(stdscr, y, x, w, 2, keys, UI_NORMAL);
	ui_put(stdscr, y++, x, w, _("Manual: man canbo"), UI_NORMAL);
	ui_putf(stdscr, y++, x, w, UI_DIM, "%s %s, %s, %dx%d", _("Display:"),
		ui_has_colors() ? _("colours") : _("monochrome"), ui_ascii() ? "ASCII" : "UTF-8",
		COLS, LINES);
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
