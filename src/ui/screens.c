/* screens.c - the table of main-menu screens, of forms kept as drafts and
 * of the links between screens.
 *
 * The main menu is generated from ui_screen_table: one line per screen,
 * {hotkey, English label, open function}, in menu order. A new screen of
 * the menu adds its one line here (its entry point is in ui_screens.h).
 */
#include "ui_screens.h"

#include "i18n.h"
#include "screen_plans.h"

static const ui_screen ui_screen_table[] = {
	{'1', N_("Cadre list"), screen_cadres_open},
	{'2', N_("Breakdowns and targets"), screen_stats_open},
	{'3', N_("Action plans"), screen_plans_open},
	{'4', N_("Party organisations"), screen_orgs_open},
	{'5', N_("Import and export"), screen_io_open},
	{'6', N_("About"), screen_about_open},
	{'7', N_("Reports"), screen_report_open},
	{'8', N_("Trash"), screen_trash_open},
	{'9', N_("Falling due"), screen_due_open},
	{'0', N_("Planning pool by title"), screen_pool_open},
};

static const ui_draft_kind ui_draft_table[] = {
	{"cadre", N_("cadre form"), screen_cadre_form_restore},
	{"plan-item", N_("action plan item"), screen_plan_item_restore},
	{"plan-item-new", N_("new action plan item"), screen_plan_new_item_restore},
	{"plan-note", N_("progress note"), screen_plan_note_restore},
	{"plan-verify", N_("verification of an item"), screen_plan_verify_restore},
	{"plan", N_("action plan"), screen_plan_form_restore},
	{"plan-new", N_("new action plan"), screen_plan_new_form_restore},
	{"selfcheck", N_("monthly self-check"), screen_selfcheck_form_restore},
	{"rating", N_("rating of a year"), screen_rating_form_restore},
	{"training", N_("training entry"), screen_training_form_restore},
	{"planning", N_("planning entry"), screen_planning_form_restore},
	{"org", N_("party organisation form"), screen_org_form_restore},
	{"org-new", N_("new party organisation"), screen_org_new_form_restore},
};

static const ui_links links = {
	.cadre_plans = ui_plans_open_for_cadre,
	.org_plans = ui_plans_open_for_org,
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
