/* scope_pick.c - the one "choose a scope" dialog: the whole province
 * (when the user's scope is the province) or any configured unit the user
 * may see, indented by tier, with type-to-narrow as every pick-list.
 *
 * Guarantees: only units inside the user's scope are offered (access.h,
 * resolved in the core); the scope returned carries the unit's subtree
 * range from the store, so every screen narrows its queries alike.
 */
#include "ui_listview.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "store.h"
#include "ui_dialog.h"

/* Fills *out for configured unit `unit` (-1 = the province). */
static bool scope_of(app *a, int unit, ui_scope *out)
{
	const cfg *c = a->config;
	unit_row u;
	cb_error err = {0};

	*out = (ui_scope){.unit = unit};
	/* "everything" is the province for a province-level user, else the
	 * parts the user's scope covers (app_scope_name says which) */
	snprintf(out->name, sizeof out->name, "%s",
		 unit < 0 ? app_scope_name(a) : c->units[unit].name);
	if (unit < 0)
		return true;
	if (store_unit_by_code(a->db, c->units[unit].code, &u, &err) != CB_OK) {
		ui_message(_("Scope"), err.msg);
		return false;
	}
	out->unit_id = u.id;
	out->lo = u.lo;
	out->hi = u.hi;
	return true;
}

bool ui_pick_scope(app *a, const char *title, const ui_scope *cur, ui_scope *out)
{
	const cfg *c = a->config;
	ui_choice *ch = calloc(c->unit_count + 1, sizeof *ch);
	char(*labels)[2 * CFG_NAME_MAX + 32] = calloc(c->unit_count + 1, sizeof *labels);
	int n = 0, current = 0, pick = -1;
	bool ok = false;

	if (!ch || !labels)
		goto out;
	if (app_scope_unit(a) < 0)
		ch[n++] = (ui_choice){-1,
				      a->scope.province ? _("Whole province") : app_scope_name(a)};
	for (size_t i = 1; i < c->unit_count; i++) {
		int indent = c->units[i].tier > 2 ? 2 * (c->units[i].tier - 2) : 0;
		if (!app_may_see_unit(a, (int)i))
			continue;
		/* a commune with its district: the tree's indent is lost once
		 * a search narrows the list ("Phường 1" is in several towns) */
		if (c->units[i].tier > 2 && c->units[i].parent > 0)
			snprintf(labels[i], sizeof labels[i], "%*s%s, %s", indent, "",
				 c->units[i].name, c->units[c->units[i].parent].name);
		else
			snprintf(labels[i], sizeof labels[i], "%*s%s", indent, "",
				 c->units[i].name);
		if (cur && (int)i == cur->unit)
			current = n;
		ch[n++] = (ui_choice){(int64_t)i, labels[i]};
	}
	if (n > 0 && (pick = ui_pick(_(title), ch, n, current)) >= 0)
		ok = scope_of(a, (int)ch[pick].value, out);
out:
	free(ch);
	free(labels);
	return ok;
}
