/* screen_plan_note.c - the one-line forms on an item of a plan: a progress
 * note, and the superior's verification.
 *
 * Form views of one line (form_view.c, context UI_CTX_FORM_LINE): the
 * text and Enter save it, Esc asks before dropping what was typed, and a
 * lost terminal keeps it as a draft ("plan-note", "plan-verify": row = the
 * item, version = the one the verification was typed against) offered
 * over the item's plan at the next start.
 * - A note is dated with the reference date and signed with the Unix user.
 * - Verification is offered only to users with the verify right of the
 *   office, and only on a remedied item; the core refuses it otherwise
 *   too, and refuses it when the item changed since it was read.
 */
#include "screen_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_form.h"
#include "ui_view.h"

struct line_form {
	app *a;
	plan_item it; /* the item, at the version read */
	ui_field_def def;
};

/* ---- a progress note ------------------------------------------------------ */

static int note_save(ui_form *f, void *ctx, cb_error *err)
{
	struct line_form *lf = ctx;
	return plans_note_add(lf->a->db, lf->it.id, ui_form_text(f, 0), lf->a->today, NULL, err);
}

static void note_saved(ui_form *f, void *ctx)
{
	(void)f;
	(void)ctx;
	ui_flash(UI_GOOD, "%s", _("Note added."));
}

static const ui_form_spec note_spec = {
	.name = "plan-note-form",
	.hint = N_("Progress note (%s saves it, dated today):"),
	.hint_keys = {UI_ACT_SAVE},
	.context = UI_CTX_FORM_LINE,
	.save = note_save,
	.saved = note_saved,
	.free = free,
};

/* ---- the superior's verification -------------------------------------------- */

static void verify_fill(ui_form *f, void *ctx)
{
	ui_form_set_text(f, 0, ((struct line_form *)ctx)->it.verdict);
}

static int verify_save(ui_form *f, void *ctx, cb_error *err)
{
	struct line_form *lf = ctx;
	return plans_item_verify(lf->a->db, lf->a->config, lf->a->district, &lf->it,
				 ui_form_text(f, 0), lf->a->today, err);
}

static void verify_saved(ui_form *f, void *ctx)
{
	(void)f;
	(void)ctx;
	ui_flash(UI_GOOD, "%s", _("Verification recorded."));
}

static const ui_form_spec verify_spec = {
	.name = "plan-verify-form",
	.hint = N_("Conclusion of the superior's verification:"),
	.context = UI_CTX_FORM_LINE,
	.fill = verify_fill,
	.save = verify_save,
	.saved = verify_saved,
	.free = free,
};

/* ---- opening ------------------------------------------------------------------ */

static int open_line(const ui_form_spec *spec, app *a, const plan_item *it, const char *label,
		     size_t max, const char *kind, const char *draft)
{
	struct line_form *lf = calloc(1, sizeof *lf);
	char title[PLAN_TEXT_MAX + 64];

	if (!lf)
		return CB_EDB;
	lf->a = a;
	lf->it = *it;
	lf->def = (ui_field_def){
		.label = label, .kind = UI_FIELD_TEXT, .required = true, .max_bytes = max - 1};
	snprintf(title, sizeof title, "%s: %s", _(label), it->shortcoming);
	return ui_form_view_open(spec, lf,
				 &(ui_form_args){.title = title,
						 .defs = &lf->def,
						 .n = 1,
						 .draft_kind = kind,
						 .row = it->id,
						 .version = it->version,
						 .draft = draft})
		       ? CB_OK
		       : CB_EDB;
}

int screen_plan_note_open(app *a, const plan_item *it, const char *draft)
{
	return open_line(&note_spec, a, it, N_("Progress note"), PLAN_NOTE_MAX, "plan-note", draft);
}

int screen_plan_verify_open(app *a, const plan_item *it, const char *draft)
{
	if (!plans_may_verify(a->config, a->district, a->user)) {
		ui_flash(UI_ERROR, _("User %s may not verify plan items in this office"), a->user);
		return CB_EACCESS;
	}
	if (it->state != PLAN_REMEDIED) {
		ui_flash(UI_ERROR, "%s",
			 _("Only a remedied item can be verified; mark it remedied first"));
		return CB_EINVALID;
	}
	return open_line(&verify_spec, a, it, N_("Conclusion"), PLAN_TEXT_MAX, "plan-verify",
			 draft);
}

/* Drafts: the item's plan, then the form over it with what was typed. */
static int restore(app *a, int64_t item_id, int64_t version, bool versioned, const char *data,
		   int (*open)(app *, const plan_item *, const char *))
{
	plan_item *it = calloc(1, sizeof *it);
	cb_error err = {0};
	int rc = it ? plans_item_get(a->db, item_id, it, &err) : CB_EDB;

	if (rc != CB_OK && it)
		ui_message(_("The item is gone"), err.msg);
	if (rc == CB_OK && (rc = screen_plan_open(a, it->plan_id)) == CB_OK) {
		if (versioned)
			it->version = version; /* the version it was typed against */
		rc = open(a, it, data);
	}
	free(it);
	return rc;
}

int screen_plan_note_restore(app *a, int64_t row, int64_t version, const char *data)
{
	return restore(a, row, version, false, data, screen_plan_note_open);
}

int screen_plan_verify_restore(app *a, int64_t row, int64_t version, const char *data)
{
	return restore(a, row, version, true, data, screen_plan_verify_open);
}
