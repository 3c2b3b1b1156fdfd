/* screens.c - the table of main-menu screens, of forms kept as drafts and
 * of the links between screens.
 *
 * The main menu is generated from ui_screen_table: one line per screen,
 * {hotkey, English label, open function}, in menu order. A new screen adds
 * its one line here and nothing else changes.
 */
#include "ui.h"

#include "i18n.h"

static const ui_screen ui_screen_table[] = {
	{'6', N_("About"), screen_about_open},
};

static const ui_draft_kind ui_draft_table[] = {
	{NULL, NULL, NULL},
};

static const ui_links links = {
	.cadre_plans = NULL,
	.org_plans = NULL,
};

const ui_screen *ui_screens(size_t *n)
{
	*n = sizeof ui_screen_table / sizeof ui_screen_table[0];
	return ui_screen_table;
}

const ui_draft_kind *ui_draft_kinds(size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < sizeof ui_draft_table / sizeof ui_draft_table[0]; i++)
		if (ui_draft_table[i].form)
			(*n)++;
	return ui_draft_table;
}

const ui_links *ui_screen_links(void)
{
	return &links;
}
