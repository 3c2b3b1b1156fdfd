/* form_view.c - a form screen from field definitions and a save callback.
 *
 * A screen that edits a record describes its fields (ui_field_def), how
 * the record's values go into the form (fill) and how the form's values
 * are saved (save); everything else is here, once, so that every form
 * looks and answers alike:
 * - the hint row above the fields names the keys from the key table;
 * - the save key checks every field first (ui_form_validate), then runs
 *   save inside one transaction: whatever save writes is kept whole or not
 *   at all, and a version refused (CB_ESTALE) or a rule broken leaves the
 *   form open with the reason under it - nothing is overwritten;
 * - the cancel key, and quitting, ask before throwing away changes;
 * - the form is kept as a draft when the terminal goes away (form_draft.c)
 *   under the kind, row and version given here, and a draft handed back
 *   at the next start is loaded over the record's values, so that the
 *   version check still applies to it.
 */
#include "ui_form.h"
#include "ui_view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"

struct form_view {
	/* The view's ops live here, named after the screen: the stack reads
	 * them until the close op has run and never after (view.c). */
	ui_view_ops ops;
	const ui_form_spec *spec;
	void *ctx;
	ui_form *form;
	char title[256];
};

/* ---- the hint row ------------------------------------------------------- */

void ui_form_place_under_hint(ui_form *f)
{
	ui_rect b = ui_body();
	b.y += 1;
	b.h -= 1;
	ui_form_set_rect(f, b);
}

void ui_form_draw_with_hint(ui_form *f, bool full, const char *fmt, ...)
{
	ui_rect b = ui_body();
	char hint[1024];
	va_list ap;

	if (full) {
		va_start(ap, fmt);
		vsnprintf(hint, sizeof hint, fmt, ap);
		va_end(ap);
		ui_put(stdscr, b.y, 1, b.w - 1, hint, UI_DIM);
	}
	ui_form_draw(f, full);
}

bool ui_form_may_discard(ui_form *f)
{
	return !ui_form_changed(f) || ui_confirm(_("Discard the changes made in this form?"));
}

static int spec_context(const ui_form_spec *s)
{
	return s->context ? s->context : UI_CTX_FORM;
}

/* The hint of a spec: its msgid with the labels of its keys in the form. */
static void hint_text(const ui_form_spec *s, char *buf, size_t cap)
{
	const char *k[UI_FORM_HINT_KEYS];

	for (int i = 0; i < UI_FORM_HINT_KEYS; i++)
		k[i] = s->hint_keys[i] ? ui_keys_label_for(spec_context(s), s->hint_keys[i]) : "";
	if (!s->hint) {
		snprintf(buf, cap, _("%s saves, %s cancels; %s opens the list of choices."),
			 ui_keys_label_for(spec_context(s), UI_ACT_SAVE),
			 ui_keys_label_for(spec_context(s), UI_ACT_CANCEL),
			 ui_keys_label_for(spec_context(s), UI_ACT_PICK));
		return;
	}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(buf, cap, _(s->hint), k[0], k[1], k[2]);
#pragma GCC diagnostic pop
}

/* ---- saving -------------------------------------------------------------- */

/* The save key: fields checked, then the screen's save in one transaction. */
static int fv_save(struct form_view *fv)
{
	const ui_form_spec *s = fv->spec;
	cb_error err = {0};
	store *db = ui_app() ? ui_app()->db : NULL;
	int rc;

	if (ui_form_validate(fv->form, &err) != CB_OK)
		return UI_HANDLED;
	if (s->changes_no_data || !db) {
		rc = s->save(fv->form, fv->ctx, &err);
	} else if ((rc = store_begin(db, &err)) == CB_OK) {
		rc = s->save(fv->form, fv->ctx, &err);
		if (rc != CB_OK)
			store_rollback(db);
		else
			rc = store_commit(db, &err);
	}
	if (rc == CB_OK) {
		if (s->saved)
			s->saved(fv->form, fv->ctx);
		else
			ui_flash(UI_GOOD, "%s", _("Saved."));
		return UI_CLOSE;
	}
	if (err.msg[0]) /* else the screen has said why, at the field at fault */
		ui_form_set_error(fv->form, -1, err.msg);
	if (rc == CB_ESTALE) {
		if (s->stale)
			s->stale(fv->form, fv->ctx, &err);
		else
			ui_message(
				_("Someone else saved this record first"),
				_("Nothing was overwritten. Press Esc to leave the form; the "
				  "screen behind it shows the version saved meanwhile, which you "
				  "can edit again."));
	}
	return UI_HANDLED;
}

/* ---- the view ------------------------------------------------------------ */

static const char *fv_title(ui_view *v)
{
	return ((struct form_view *)v->state)->title;
}

static void fv_draw(ui_view *v, bool full)
{
	struct form_view *fv = v->state;
	char hint[1024];

	hint_text(fv->spec, hint, sizeof hint);
	ui_form_draw_with_hint(fv->form, full, "%s", hint);
}

static int fv_key(ui_view *v, int action, ui_key key)
{
	struct form_view *fv = v->state;
	int r;

	switch (action) {
	case UI_ACT_SAVE:
		return fv_save(fv);
	case UI_ACT_CANCEL:
		return ui_form_may_discard(fv->form) ? UI_CLOSE : UI_HANDLED;
	default:
		r = ui_form_key(fv->form, action, key);
		if (r == UI_HANDLED && fv->spec->edited)
			fv->spec->edited(fv->form, fv->ctx);
		return r;
	}
}

static bool fv_dirty(ui_view *v)
{
	return ui_form_changed(((struct form_view *)v->state)->form);
}

static void fv_resize(ui_view *v)
{
	ui_form_place_under_hint(((struct form_view *)v->state)->form);
}

static void fv_status(ui_view *v, char *buf, size_t cap)
{
	struct form_view *fv = v->state;

	if (fv->spec->status)
		fv->spec->status(fv->form, fv->ctx, buf, cap);
	else
		snprintf(buf, cap, " %s %d/%d", _("Field"), ui_form_focus(fv->form) + 1,
			 ui_form_count(fv->form));
}

static bool fv_idle(ui_view *v)
{
	struct form_view *fv = v->state;
	return fv->spec->idle && fv->spec->idle(fv->form, fv->ctx);
}

static void fv_free(struct form_view *fv)
{
	ui_form_free(fv->form);
	if (fv->spec->free)
		fv->spec->free(fv->ctx);
	free(fv);
}

static void fv_close(ui_view *v)
{
	fv_free(v->state);
}

ui_form *ui_form_view_open(const ui_form_spec *spec, void *ctx, const ui_form_args *args)
{
	struct form_view *fv = calloc(1, sizeof *fv);
	ui_form *f;

	if (!fv || !(fv->form = ui_form_new(args->defs, args->n))) {
		free(fv);
		if (spec->free)
			spec->free(ctx);
		ui_flash(UI_ERROR, "%s", _("Out of memory"));
		return NULL;
	}
	fv->ops = (ui_view_ops){
		.name = spec->name,
		.context = spec_context(spec),
		.title = fv_title,
		.draw = fv_draw,
		.key = fv_key,
		.resize = fv_resize,
		.status = fv_status,
		.dirty = fv_dirty,
		.idle = fv_idle,
		.close = fv_close,
	};
	fv->spec = spec;
	fv->ctx = ctx;
	snprintf(fv->title, sizeof fv->title, "%s", args->title ? args->title : "");
	f = fv->form;
	if (spec->fill)
		spec->fill(f, ctx);
	ui_form_mark_clean(f);
	if (args->draft)
		ui_form_load(f, args->draft);
	if (spec->changes_no_data)
		ui_form_no_draft(f);
	else
		ui_form_set_draft(f, args->draft_kind, args->row, args->version);
	if (spec->edited)
		spec->edited(f, ctx); /* dependent choices follow the values */
	ui_form_place_under_hint(f);
	return ui_view_push(&fv->ops, fv) ? f : NULL; /* closed by a failed push */
}
