/* plans_owner_pick.c - choosing whose a new action plan is: a cadre found
 * by a part of the name (with or without diacritics) within the units
 * shown, or a party organisation of the tree of the scope.
 */
#include "screen_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "search.h"
#include "ui_form.h"
#include "ui_view.h"

bool screen_plans_pick_cadre(app *a, int64_t unit_lo, int64_t unit_hi, int64_t *id, char *name,
			     size_t cap)
{
	char typed[CADRE_NAME_MAX] = "";
	search_query sq;
	search_hit *hits = NULL;
	ui_choice *ch = NULL;
	char(*labels)[300] = NULL;
	size_t n = 0;
	cb_error err = {0};
	int k = -1;

	if (!ui_input(_("Name of the cadre (a part is enough, with or without diacritics):"), typed,
		      sizeof typed) ||
	    !typed[0])
		return false;
	memset(&sq, 0, sizeof sq);
	filter_init(&sq.filter);
	sq.filter.unit_lo = unit_lo;
	sq.filter.unit_hi = unit_hi;
	sq.text = typed;
	if (search_fetch(a->db, &sq, 0, false, 50, &hits, &n, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		return false;
	}
	if (n == 0) {
		ui_flash(UI_ERROR, _("No cadre matches \"%s\" here."), typed);
		free(hits);
		return false;
	}
	ch = calloc(n, sizeof *ch);
	labels = calloc(n, sizeof *labels);
	if (ch && labels) {
		for (size_t i = 0; i < n; i++) {
			snprintf(labels[i], sizeof labels[i], "%s - %s, %s", hits[i].c.full_name,
				 hits[i].c.position, hits[i].c.unit_name);
			ch[i].value = hits[i].c.id;
			ch[i].label = labels[i];
		}
		k = ui_pick(_("Whose plan is it?"), ch, (int)n, 0);
	}
	if (k >= 0) {
		*id = hits[k].c.id;
		snprintf(name, cap, "%s", hits[k].c.full_name);
	}
	free(ch);
	free(labels);
	free(hits);
	return k >= 0;
}

bool screen_plans_pick_org(app *a, int64_t unit_id, int year, int64_t *id, char *name, size_t cap)
{
	org_row *orgs = NULL;
	ui_choice *ch = NULL, *named = NULL;
	char(*labels)[300] = NULL;
	size_t n = 0;
	cb_error err = {0};
	int k = -1, nnamed = 0;

	if (store_org_tree(a->db, unit_id, year, &orgs, &n, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		return false;
	}
	if (n == 0) {
		ui_flash(UI_ERROR, "%s", _("There is no party organisation here yet."));
		free(orgs);
		return false;
	}
	/* the tree, each with its unit (ui_org_choices: after "(none)") */
	named = ui_org_choices(a, orgs, n, 0, &nnamed);
	ch = calloc(n, sizeof *ch);
	labels = calloc(n, sizeof *labels);
	if (ch && labels && named && nnamed == (int)n + 1) {
		for (size_t i = 0; i < n; i++) {
			int depth = orgs[i].depth < 8 ? orgs[i].depth : 8;
			snprintf(labels[i], sizeof labels[i], "%*s%s", depth * 2, "",
				 named[i + 1].label);
			ch[i].value = orgs[i].id;
			ch[i].label = labels[i];
		}
		k = ui_pick(_("Whose plan is it?"), ch, (int)n, 0);
	}
	if (k >= 0) {
		*id = orgs[k].id;
		snprintf(name, cap, "%s", orgs[k].name);
	}
	free(named);
	free(ch);
	free(labels);
	free(orgs);
	return k >= 0;
}
