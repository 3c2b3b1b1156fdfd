/* form_choices.c - the pick-lists that several forms offer: an
 * enumeration of the model, the units the user may see.
 *
 * Guarantees: labels are translated (enumerations) or the configuration's
 * own names (units, "Commune, District"); a unit outside the user's scope
 * (access.h) is never offered; each list is one allocation (one free()).
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

ui_choice *ui_enum_choices(enum model_enum e, int *n)
{
	const model_choice *mc = model_choices(e, n);
	ui_choice *ch = calloc((size_t)*n + 1, sizeof *ch);

	for (int i = 0; ch && i < *n; i++)
		ch[i] = (ui_choice){mc[i].value, _(mc[i].label)};
	return ch;
}

#define UNIT_LABEL_MAX 200

ui_choice *ui_unit_choices(app *a, int *n)
{
	const cfg *c = a->config;
	size_t count = c->unit_count;
	ui_choice *ch = calloc(1, count * (sizeof *ch + UNIT_LABEL_MAX) + 1);
	char *labels = (char *)(ch + count);
	cb_error err = {0};

	*n = 0;
	if (!ch)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		char *label = labels + (size_t)*n * UNIT_LABEL_MAX;
		int p = c->units[i].parent;
		unit_row u;

		if (!app_may_see_unit(a, (int)i) ||
		    store_unit_by_code(a->db, c->units[i].code, &u, &err) != CB_OK)
			continue;
		if (p > 0)
			snprintf(label, UNIT_LABEL_MAX, "%s, %s", c->units[i].name,
				 c->units[p].name);
		else
			snprintf(label, UNIT_LABEL_MAX, "%s", c->units[i].name);
		ch[(*n)++] = (ui_choice){u.id, label};
	}
	return ch;
}
