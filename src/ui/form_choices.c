/* form_choices.c - the pick-lists that several forms offer: an
 * enumeration of the model, the units the user may see, party
 * organisations with their unit.
 *
 * Guarantees: labels are translated (enumerations) or the configuration's
 * own names (units, "Commune, District"; organisations "Name — Commune,
 * District", since many share a name); a unit outside the user's scope
 * (access.h) is never offered; each list is one allocation (one free()).
 */
#include "ui_form.h"

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

/* The label ui_unit_choices gives the unit of database id `id` (or NULL). */
static const char *unit_label(const ui_choice *units, int nunits, int64_t id)
{
	for (int i = 0; i < nunits; i++)
		if (units[i].value == id)
			return units[i].label;
	return NULL;
}

#define ORG_LABEL_MAX (CADRE_TEXT_MAX + UNIT_LABEL_MAX + 8)

ui_choice *ui_org_choices(app *a, const org_row *rows, size_t n, int64_t skip_id, int *count)
{
	int nunits = 0;
	ui_choice *units = ui_unit_choices(a, &nunits);
	ui_choice *ch = calloc(1, (n + 1) * (sizeof *ch + ORG_LABEL_MAX));
	char *labels = (char *)(ch + n + 1);
	int k = 0;

	*count = 0;
	if (!units || !ch) {
		free(units);
		free(ch);
		return NULL;
	}
	ch[k++] = (ui_choice){0, _("(none)")};
	for (size_t i = 0; i < n; i++) {
		char *label = labels + (size_t)k * ORG_LABEL_MAX;
		const char *unit = unit_label(units, nunits, rows[i].unit_id);

		if (rows[i].id == skip_id)
			continue;
		if (unit)
			snprintf(label, ORG_LABEL_MAX, "%s — %s", rows[i].name, unit);
		else
			snprintf(label, ORG_LABEL_MAX, "%s", rows[i].name);
		ch[k++] = (ui_choice){rows[i].id, label};
	}
	free(units);
	*count = k;
	return ch;
}
