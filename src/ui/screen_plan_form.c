/* screen_plan_form.c - the form of an action plan itself: the year of the
 * review (for a new plan only: it is fixed once created), where its
 * shortcomings come from, and the date it was adopted.
 *
 * A form view (form_view.c): saving is one core call (plans_create or
 * plans_update) checked against the version the edit started from; a new
 * plan opens at once, ready for its items. Drafts: "plan" (row = the
 * plan, version = its version) and "plan-new" (row = the cadre, version =
 * the organisation: the owner).
 */
#include "screen_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_form.h"
#include "ui_view.h"

enum { PF_YEAR, PF_SELF, PF_SUPERIOR, PF_SUGGESTED, PF_ADOPTED, PF_COUNT };

struct plan_form {
	app *a;
	plan p;
	bool is_new;
	int first; /* PF_SELF when editing: no year field */
	ui_field_def defs[PF_COUNT];
};

static int pf_index(const struct plan_form *pf, int field)
{
	return field - pf->first;
}

static void pf_fill(ui_form *f, void *ctx)
{
	struct plan_form *pf = ctx;
	const plan *p = &pf->p;
	cb_date d;

	if (pf->is_new)
		ui_form_set_value(f, 0, p->year);
	ui_form_set_value(f, pf_index(pf, PF_SELF), (p->sources & 1) != 0);
	ui_form_set_value(f, pf_index(pf, PF_SUPERIOR), (p->sources & 2) != 0);
	ui_form_set_value(f, pf_index(pf, PF_SUGGESTED), (p->sources & 4) != 0);
	if (p->adopted_on[0] && date_parse_iso(p->adopted_on, &d))
		ui_form_set_date(f, pf_index(pf, PF_ADOPTED), d);
}

static int pf_save(ui_form *f, void *ctx, cb_error *err)
{
	struct plan_form *pf = ctx;
	plan *p = &pf->p;
	cb_date d;

	if (pf->is_new)
		p->year = (int)ui_form_value(f, pf_index(pf, PF_YEAR));
	p->sources = (ui_form_value(f, pf_index(pf, PF_SELF)) ? 1 : 0) |
		     (ui_form_value(f, pf_index(pf, PF_SUPERIOR)) ? 2 : 0) |
		     (ui_form_value(f, pf_index(pf, PF_SUGGESTED)) ? 4 : 0);
	d = ui_form_date(f, pf_index(pf, PF_ADOPTED));
	if (d == CB_DATE_NONE)
		p->adopted_on[0] = '\0';
	else
		date_format_iso(d, p->adopted_on);
	return pf->is_new ? plans_create(pf->a->db, p, pf->a->today, err)
			  : plans_update(pf->a->db, p, pf->a->today, err);
}

static void pf_saved(ui_form *f, void *ctx)
{
	struct plan_form *pf = ctx;

	(void)f;
	ui_flash(UI_GOOD, _("Saved: plan of %s for %d."), pf->p.owner, pf->p.year);
	if (pf->is_new)
		screen_plan_open(pf->a, pf->p.id);
}

static void pf_stale(ui_form *f, void *ctx, const cb_error *err)
{
	(void)f;
	(void)ctx;
	ui_message(_("Not saved"), err->msg);
}

static const ui_form_spec plan_form_spec = {
	.name = "plan-form",
	.hint = N_("%s saves, %s cancels; %s switches yes/no."),
	.hint_keys = {UI_ACT_SAVE, UI_ACT_CANCEL, UI_ACT_TOGGLE},
	.fill = pf_fill,
	.save = pf_save,
	.saved = pf_saved,
	.stale = pf_stale,
	.free = free,
};

int screen_plan_form_open(app *a, const plan *p, bool is_new, const char *draft)
{
	struct plan_form *pf = calloc(1, sizeof *pf);
	char title[PLAN_OWNER_MAX + 64];
	int ty, tm, td, n = 0;

	if (!pf)
		return CB_EDB;
	pf->a = a;
	pf->p = *p;
	pf->is_new = is_new;
	pf->first = is_new ? PF_YEAR : PF_SELF;
	date_to_ymd(a->today, &ty, &tm, &td);
	if (is_new)
		pf->defs[n++] = (ui_field_def){
			N_("Year of the review"), UI_FIELD_NUMBER, true, 0, 2000, ty + 1, NULL, 0};
	pf->defs[n++] = (ui_field_def){N_("Self-identified at the year-end review"),
				       UI_FIELD_BOOL,
				       false,
				       0,
				       0,
				       0,
				       NULL,
				       0};
	pf->defs[n++] = (ui_field_def){
		N_("Pointed out by the superior"), UI_FIELD_BOOL, false, 0, 0, 0, NULL, 0};
	pf->defs[n++] =
		(ui_field_def){N_("Suggested for review"), UI_FIELD_BOOL, false, 0, 0, 0, NULL, 0};
	pf->defs[n++] = (ui_field_def){N_("Adopted on"), UI_FIELD_DATE, false, 0, 0, 0, NULL, 0};
	snprintf(title, sizeof title, "%s: %s", is_new ? _("New action plan") : _("Action plan"),
		 p->owner);
	return ui_form_view_open(&plan_form_spec, pf,
				 &(ui_form_args){.title = title,
						 .defs = pf->defs,
						 .n = n,
						 .draft_kind = is_new ? "plan-new" : "plan",
						 .row = is_new ? p->cadre_id : p->id,
						 .version = is_new ? p->org_id : p->version,
						 .draft = draft})
		       ? CB_OK
		       : CB_EDB;
}

int screen_plan_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	plan p;
	cb_error err = {0};

	if (plans_get(a->db, row, a->today, &p, &err) != CB_OK) {
		ui_message(_("The plan is gone"), err.msg);
		return CB_NOT_FOUND;
	}
	p.version = version; /* the version the edit started from */
	return screen_plan_form_open(a, &p, false, data);
}

int screen_plan_new_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	plan p;
	cb_error err = {0};
	int ty, tm, td;

	memset(&p, 0, sizeof p);
	p.cadre_id = row;
	p.org_id = version;
	if (row) {
		cadre c;
		if (store_cadre_get(a->db, row, &c, &err) != CB_OK)
			return CB_NOT_FOUND;
		snprintf(p.owner, sizeof p.owner, "%s", c.full_name);
	} else {
		org_row o;
		if (store_org_get(a->db, version, &o, &err) != CB_OK)
			return CB_NOT_FOUND;
		snprintf(p.owner, sizeof p.owner, "%s", o.name);
	}
	date_to_ymd(a->today, &ty, &tm, &td);
	p.year = ty;
	p.sources = 1;
	return screen_plan_form_open(a, &p, true, data);
}
