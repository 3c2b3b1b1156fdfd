/* screen_plan_item.c - the form of one item of an action plan: the
 * shortcoming, where it comes from, its cause, who answers for it, the
 * measures, the deadline, who is in charge and how far it has got.
 *
 * A form view (form_view.c): saving is one core call (plans_item_add or
 * plans_item_update) named with the version the item was read at, so a
 * save made meanwhile by someone else is refused and nothing is
 * overwritten. Drafts: "plan-item" (row = the item, version = the one the
 * edit started from) and "plan-item-new" (row = its plan).
 */
#include "screen_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_form.h"
#include "ui_view.h"

#define DRAFT_ITEM     "plan-item"
#define DRAFT_NEW_ITEM "plan-item-new"

enum {
	IF_SHORT,
	IF_SOURCE,
	IF_CAUSE,
	IF_RESP,
	IF_WHO,
	IF_MEASURES,
	IF_DEADLINE,
	IF_CHARGE,
	IF_STATE,
	IF_REMEDIED,
	IF_COUNT
};

struct item_form {
	app *a;
	plan_item it; /* base: plan_id, id, version; then the values saved */
	ui_field_def defs[IF_COUNT];
	ui_choice sources[3], resps[2], states[3];
	ui_form *form;
};

static void fill_choices(ui_choice *out, enum plans_enum e)
{
	int n;
	const model_choice *c = plans_choices(e, &n);
	for (int i = 0; i < n; i++) {
		out[i].value = c[i].value;
		out[i].label = _(c[i].label);
	}
}

static void if_define(struct item_form *f)
{
	fill_choices(f->sources, PLANS_SOURCE);
	fill_choices(f->resps, PLANS_RESP);
	fill_choices(f->states, PLANS_STATE);
	f->defs[IF_SHORT] = (ui_field_def){
		N_("Shortcoming"), UI_FIELD_TEXT, true, PLAN_TEXT_MAX - 1, 0, 0, NULL, 0};
	f->defs[IF_SOURCE] =
		(ui_field_def){N_("Source"), UI_FIELD_CHOICE, true, 0, 0, 0, f->sources, 3};
	f->defs[IF_CAUSE] =
		(ui_field_def){N_("Cause"), UI_FIELD_TEXT, false, PLAN_TEXT_MAX - 1, 0, 0, NULL, 0};
	f->defs[IF_RESP] =
		(ui_field_def){N_("Responsibility"), UI_FIELD_CHOICE, true, 0, 0, 0, f->resps, 2};
	f->defs[IF_WHO] = (ui_field_def){
		N_("Responsible"), UI_FIELD_TEXT, false, PLAN_WHO_MAX - 1, 0, 0, NULL, 0};
	f->defs[IF_MEASURES] = (ui_field_def){
		N_("Measures"), UI_FIELD_TEXT, false, PLAN_TEXT_MAX - 1, 0, 0, NULL, 0};
	f->defs[IF_DEADLINE] =
		(ui_field_def){N_("Deadline"), UI_FIELD_DATE, false, 0, 0, 0, NULL, 0};
	f->defs[IF_CHARGE] = (ui_field_def){
		N_("In charge"), UI_FIELD_TEXT, false, PLAN_WHO_MAX - 1, 0, 0, NULL, 0};
	f->defs[IF_STATE] =
		(ui_field_def){N_("State"), UI_FIELD_CHOICE, true, 0, 0, 0, f->states, 3};
	f->defs[IF_REMEDIED] =
		(ui_field_def){N_("Remedied on"), UI_FIELD_DATE, false, 0, 0, 0, NULL, 0};
}

static void set_date(ui_form *form, int i, const char *iso)
{
	cb_date d;
	if (iso[0] && date_parse_iso(iso, &d))
		ui_form_set_date(form, i, d);
}

static void if_fill(ui_form *form, void *ctx)
{
	struct item_form *f = ctx;
	const plan_item *it = &f->it;

	f->form = form;
	ui_form_set_text(f->form, IF_SHORT, it->shortcoming);
	ui_form_set_value(f->form, IF_SOURCE, it->source);
	ui_form_set_text(f->form, IF_CAUSE, it->cause);
	ui_form_set_value(f->form, IF_RESP, it->responsibility);
	ui_form_set_text(f->form, IF_WHO, it->responsible);
	ui_form_set_text(f->form, IF_MEASURES, it->measures);
	set_date(f->form, IF_DEADLINE, it->deadline);
	ui_form_set_text(f->form, IF_CHARGE, it->in_charge);
	ui_form_set_value(f->form, IF_STATE, it->state);
	set_date(f->form, IF_REMEDIED, it->remedied_on);
}

static void get_date(ui_form *form, int i, char *iso)
{
	cb_date d = ui_form_date(form, i);
	if (d == CB_DATE_NONE)
		iso[0] = '\0';
	else
		date_format_iso(d, iso);
}

/* Reads the form into the item (its ids and version stay as read). */
static void if_read(struct item_form *f)
{
	plan_item *it = &f->it;

	snprintf(it->shortcoming, sizeof it->shortcoming, "%s", ui_form_text(f->form, IF_SHORT));
	it->source = (int)ui_form_value(f->form, IF_SOURCE);
	snprintf(it->cause, sizeof it->cause, "%s", ui_form_text(f->form, IF_CAUSE));
	it->responsibility = (int)ui_form_value(f->form, IF_RESP);
	snprintf(it->responsible, sizeof it->responsible, "%s", ui_form_text(f->form, IF_WHO));
	snprintf(it->measures, sizeof it->measures, "%s", ui_form_text(f->form, IF_MEASURES));
	get_date(f->form, IF_DEADLINE, it->deadline);
	snprintf(it->in_charge, sizeof it->in_charge, "%s", ui_form_text(f->form, IF_CHARGE));
	it->state = (int)ui_form_value(f->form, IF_STATE);
	get_date(f->form, IF_REMEDIED, it->remedied_on);
}

static int if_save(ui_form *form, void *ctx, cb_error *err)
{
	struct item_form *f = ctx;
	plan_item *it = &f->it;

	(void)form;
	if_read(f);
	return it->id ? plans_item_update(f->a->db, it, f->a->today, err)
		      : plans_item_add(f->a->db, it, f->a->today, err);
}

static void if_saved(ui_form *form, void *ctx)
{
	(void)form;
	(void)ctx;
	ui_flash(UI_GOOD, "%s", _("Item saved."));
}

static void if_stale(ui_form *form, void *ctx, const cb_error *err)
{
	(void)form;
	(void)ctx;
	(void)err;
	ui_message(_("Someone else saved this item first"),
		   _("Nothing was overwritten. Press Esc to leave the form; the plan "
		     "shows the version saved meanwhile, which you can edit again."));
}

static const ui_form_spec item_form_spec = {
	.name = "plan-item-form",
	.hint = N_("%s saves, %s cancels; %s or Left/Right change a choice."),
	.hint_keys = {UI_ACT_SAVE, UI_ACT_CANCEL, UI_ACT_PICK},
	.fill = if_fill,
	.save = if_save,
	.saved = if_saved,
	.stale = if_stale,
	.free = free,
};

int screen_plan_item_form_open(app *a, const plan *p, const plan_item *base, const char *draft)
{
	struct item_form *f = calloc(1, sizeof *f);
	char title[PLAN_OWNER_MAX + 64];

	if (!f)
		return CB_EDB;
	f->a = a;
	if (base) {
		f->it = *base;
	} else {
		f->it.plan_id = p->id;
		f->it.source = 1;
		f->it.responsibility = PLAN_COLLECTIVE;
		f->it.state = PLAN_NOT_STARTED;
	}
	if_define(f);
	snprintf(title, sizeof title, "%s: %s %d", base ? _("Edit item") : _("New item"), p->owner,
		 p->year);
	/* Kept with the version the edit started from, so that a save made
	 * meanwhile is still detected when the draft is restored. */
	return ui_form_view_open(&item_form_spec, f,
				 &(ui_form_args){.title = title,
						 .defs = f->defs,
						 .n = IF_COUNT,
						 .draft_kind = base ? DRAFT_ITEM : DRAFT_NEW_ITEM,
						 .row = base ? base->id : p->id,
						 .version = base ? base->version : 0,
						 .draft = draft})
		       ? CB_OK
		       : CB_EDB;
}

/* The plan of a draft, opened, then the form over it. */
static int restore_over_plan(app *a, int64_t plan_id, const plan_item *base, const char *data)
{
	plan p;
	cb_error err = {0};
	int rc;

	if (plans_get(a->db, plan_id, a->today, &p, &err) != CB_OK) {
		ui_message(_("The plan is gone"), err.msg);
		return CB_NOT_FOUND;
	}
	if ((rc = screen_plan_open(a, plan_id)) != CB_OK)
		return rc;
	return screen_plan_item_form_open(a, &p, base, data);
}

int screen_plan_item_restore(app *a, int64_t row, int64_t version, const char *data)
{
	plan_item *it = calloc(1, sizeof *it);
	cb_error err = {0};
	int rc = it ? plans_item_get(a->db, row, it, &err) : CB_EDB;

	if (rc == CB_OK) {
		it->version = version; /* the version the edit started from */
		rc = restore_over_plan(a, it->plan_id, it, data);
	}
	free(it);
	return rc;
}

int screen_plan_new_item_restore(app *a, int64_t row, int64_t version, const char *data)
{
	(void)version;
	return restore_over_plan(a, row, NULL, data);
}
