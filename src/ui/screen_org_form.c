/* screen_org_form.c - adding and editing a party organisation: its name,
 * kind, the organisation above it and the unit it belongs to.
 *
 * A form view (form_view.c): saving is one store call (store_org_insert
 * or store_org_update, which refuses a parent that is the organisation
 * itself or under it, or one that has ended, and checks the version the
 * edit started from); Esc asks before throwing away changes; drafts "org"
 * (row = the organisation, version = its version) and "org-new" (row =
 * the parent proposed) are offered over the organisations at the next
 * start.
 */
#include "ui_form.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

enum { OF_NAME, OF_KIND, OF_PARENT, OF_UNIT, OF_COUNT };

struct org_form {
	app *a;
	org_row o; /* as read (edit) or proposed (new), then as saved */
	ui_field_def defs[OF_COUNT];
	ui_choice *kinds, *parents, *units;
	org_row *tree;
};

static void of_free(void *ctx)
{
	struct org_form *of = ctx;
	free(of->kinds);
	free(of->parents);
	free(of->units);
	free(of->tree);
	free(of);
}

static void of_fill(ui_form *f, void *ctx)
{
	struct org_form *of = ctx;
	ui_form_set_text(f, OF_NAME, of->o.name);
	ui_form_set_value(f, OF_KIND, of->o.kind ? of->o.kind : -1);
	ui_form_set_value(f, OF_PARENT, of->o.parent_id);
	ui_form_set_value(f, OF_UNIT, of->o.unit_id ? of->o.unit_id : -1);
}

static int of_save(ui_form *f, void *ctx, cb_error *err)
{
	struct org_form *of = ctx;
	snprintf(of->o.name, sizeof of->o.name, "%s", ui_form_text(f, OF_NAME));
	of->o.kind = (int)ui_form_value(f, OF_KIND);
	of->o.parent_id = ui_form_value(f, OF_PARENT) > 0 ? ui_form_value(f, OF_PARENT) : 0;
	of->o.unit_id = ui_form_value(f, OF_UNIT);
	return of->o.id ? store_org_update(of->a->db, &of->o, err)
			: store_org_insert(of->a->db, &of->o, err);
}

static void of_saved(ui_form *f, void *ctx)
{
	(void)f;
	ui_flash(UI_GOOD, _("Saved: %s."), ((struct org_form *)ctx)->o.name);
}

static const ui_form_spec org_spec = {
	.name = "org-form",
	.fill = of_fill,
	.save = of_save,
	.saved = of_saved,
	.free = of_free,
};

/* The organisations it may be put under: "(none)", then the tree (an
 * edited organisation itself excluded; the store refuses its own
 * descendants, naming why). */
static bool load_parents(struct org_form *of)
{
	size_t n = 0;
	cb_error err = {0};
	int k = 0;

	if (store_org_tree(of->a->db, 0, 0, &of->tree, &n, &err) != CB_OK)
		n = 0;
	if (!(of->parents = ui_org_choices(of->a, of->tree, n, of->o.id, &k)))
		return false;
	of->defs[OF_PARENT] = (ui_field_def){.label = N_("Parent organisation"),
					     .kind = UI_FIELD_CHOICE,
					     .choices = of->parents,
					     .nchoices = k};
	return true;
}

/* Opens the form of organisation id (0 = a new one under parent_id);
 * version = the version the edit started from (0 = as read now); draft =
 * values kept from a lost terminal, or NULL. */
int ui_open_org_form(app *a, int64_t id, int64_t parent_id, int64_t version, const char *draft)
{
	struct org_form *of = calloc(1, sizeof *of);
	cb_error err = {0};
	char title[CADRE_TEXT_MAX + 64];
	int nk, nu;

	if (!of)
		return CB_EDB;
	of->a = a;
	if (id && store_org_get(a->db, id, &of->o, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		free(of);
		return CB_NOT_FOUND;
	}
	if (id && version)
		of->o.version = version;
	if (!id && parent_id) {
		org_row p;
		if (store_org_get(a->db, parent_id, &p, &err) == CB_OK) {
			of->o.parent_id = p.id;
			of->o.unit_id = p.unit_id;
		}
	}
	if (!(of->kinds = ui_enum_choices(ENUM_ORGKIND, &nk)) ||
	    !(of->units = ui_unit_choices(a, &nu)) || !load_parents(of)) {
		of_free(of);
		return CB_EDB;
	}
	of->defs[OF_NAME] = (ui_field_def){.label = N_("Organisation name"),
					   .kind = UI_FIELD_TEXT,
					   .required = true,
					   .max_bytes = CADRE_TEXT_MAX - 1};
	of->defs[OF_KIND] = (ui_field_def){.label = N_("Kind"),
					   .kind = UI_FIELD_CHOICE,
					   .required = true,
					   .choices = of->kinds,
					   .nchoices = nk};
	of->defs[OF_UNIT] = (ui_field_def){.label = N_("Unit"),
					   .kind = UI_FIELD_CHOICE,
					   .required = true,
					   .choices = of->units,
					   .nchoices = nu};
	snprintf(title, sizeof title, "%s%s%s", id ? _("Edit") : _("New party organisation"),
		 id ? ": " : "", id ? of->o.name : "");
	return ui_form_view_open(&org_spec, of,
				 &(ui_form_args){.title = title,
						 .defs = of->defs,
						 .n = OF_COUNT,
						 .draft_kind = id ? "org" : "org-new",
						 .row = id ? id : parent_id,
						 .version = of->o.version,
						 .draft = draft})
		       ? CB_OK
		       : CB_EDB;
}

/* Drafts: the organisations, then the form over them. */
int screen_org_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	int rc = screen_orgs_open(a);
	return rc == CB_OK ? ui_open_org_form(a, row, 0, version, data) : rc;
}

int screen_org_new_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	int rc = screen_orgs_open(a);
	(void)version;
	return rc == CB_OK ? ui_open_org_form(a, 0, row, 0, data) : rc;
}
