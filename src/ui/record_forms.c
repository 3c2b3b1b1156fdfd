/* record_forms.c - the forms that add to a cadre's record: the rating of
 * a year, a training, a planning entry.
 *
 * Form views (form_view.c), so each keeps its draft when the terminal goes
 * away ("rating", "training", "planning": row = the cadre) and is offered
 * again over the cadre's record at the next start; Esc asks before
 * throwing away what was typed. Each save is one store call.
 */
#include "ui_form.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"

enum { RF_YEAR, RF_GRADE, RF_COUNT };
enum { TF_YEAR, TF_KIND, TF_COURSE, TF_COUNT };
enum { PF_TERM, PF_POSITION, PF_COUNT };

struct record_form {
	app *a;
	int64_t cadre_id;
	char name[CADRE_NAME_MAX];
	ui_field_def defs[4];
	ui_choice *choices;
};

static void rf_free(void *ctx)
{
	struct record_form *rf = ctx;
	free(rf->choices);
	free(rf);
}

static int this_year(const app *a)
{
	int y, m, d;
	date_to_ymd(a->today, &y, &m, &d);
	return y;
}

/* ---- the rating of a year --------------------------------------------------- */

static void rating_fill(ui_form *f, void *ctx)
{
	struct record_form *rf = ctx;
	ui_form_set_value(f, RF_YEAR, this_year(rf->a) - 1);
	ui_form_set_value(f, RF_GRADE, 2);
}

static int rating_save(ui_form *f, void *ctx, cb_error *err)
{
	struct record_form *rf = ctx;
	return store_rating_set(rf->a->db, rf->cadre_id, (int)ui_form_value(f, RF_YEAR),
				(int)ui_form_value(f, RF_GRADE), err);
}

static void rating_saved(ui_form *f, void *ctx)
{
	(void)f;
	(void)ctx;
	ui_flash(UI_GOOD, "%s", _("Rating saved."));
}

static const ui_form_spec rating_spec = {
	.name = "rating-form",
	.fill = rating_fill,
	.save = rating_save,
	.saved = rating_saved,
	.free = rf_free,
};

/* ---- a training ----------------------------------------------------------------- */

static void training_fill(ui_form *f, void *ctx)
{
	struct record_form *rf = ctx;
	ui_form_set_value(f, TF_YEAR, this_year(rf->a));
	ui_form_set_value(f, TF_KIND, 1);
}

static int training_save(ui_form *f, void *ctx, cb_error *err)
{
	struct record_form *rf = ctx;
	training_row t = {0};

	t.year = (int)ui_form_value(f, TF_YEAR);
	t.kind = (int)ui_form_value(f, TF_KIND);
	snprintf(t.course, sizeof t.course, "%s", ui_form_text(f, TF_COURSE));
	return store_training_add(rf->a->db, rf->cadre_id, &t, err);
}

static void training_saved(ui_form *f, void *ctx)
{
	(void)f;
	(void)ctx;
	ui_flash(UI_GOOD, "%s", _("Training saved."));
}

static const ui_form_spec training_spec = {
	.name = "training-form",
	.fill = training_fill,
	.save = training_save,
	.saved = training_saved,
	.free = rf_free,
};

/* ---- a planning entry --------------------------------------------------------- */

static void planning_fill(ui_form *f, void *ctx)
{
	(void)ctx;
	ui_form_set_text(f, PF_TERM, "2025-2030");
}

static int planning_save(ui_form *f, void *ctx, cb_error *err)
{
	struct record_form *rf = ctx;
	planning_row p = {0};

	snprintf(p.term, sizeof p.term, "%s", ui_form_text(f, PF_TERM));
	snprintf(p.position, sizeof p.position, "%s", ui_form_text(f, PF_POSITION));
	return store_planning_add(rf->a->db, rf->cadre_id, &p, err);
}

static void planning_saved(ui_form *f, void *ctx)
{
	(void)f;
	(void)ctx;
	ui_flash(UI_GOOD, "%s", _("Planning entry saved."));
}

static const ui_form_spec planning_spec = {
	.name = "planning-form",
	.hint = N_("%s saves, %s cancels."),
	.hint_keys = {UI_ACT_SAVE, UI_ACT_CANCEL},
	.fill = planning_fill,
	.save = planning_save,
	.saved = planning_saved,
	.free = rf_free,
};

/* ---- opening ------------------------------------------------------------------- */

static struct record_form *rf_new(app *a, int64_t cadre_id)
{
	struct record_form *rf = calloc(1, sizeof *rf);
	cadre *c = calloc(1, sizeof *c);
	cb_error err = {0};

	if (!rf || !c || store_cadre_get(a->db, cadre_id, c, &err) != CB_OK) {
		if (err.msg[0])
			ui_flash(UI_ERROR, "%s", err.msg);
		free(rf);
		free(c);
		return NULL;
	}
	rf->a = a;
	rf->cadre_id = cadre_id;
	snprintf(rf->name, sizeof rf->name, "%s", c->full_name);
	free(c);
	return rf;
}

static int rf_open(const ui_form_spec *spec, struct record_form *rf, const char *title_fmt,
		   const char *kind, int n, const char *draft)
{
	char title[CADRE_NAME_MAX + 80];

	snprintf(title, sizeof title, title_fmt, rf->name);
	return ui_form_view_open(spec, rf,
				 &(ui_form_args){.title = title,
						 .defs = rf->defs,
						 .n = n,
						 .draft_kind = kind,
						 .row = rf->cadre_id,
						 .draft = draft})
		       ? CB_OK
		       : CB_EDB;
}

int ui_open_rating_form(app *a, int64_t cadre_id, const char *draft)
{
	struct record_form *rf = rf_new(a, cadre_id);
	int n;

	if (!rf || !(rf->choices = ui_enum_choices(ENUM_GRADE, &n))) {
		if (rf)
			rf_free(rf);
		return CB_EDB;
	}
	rf->defs[RF_YEAR] = (ui_field_def){.label = N_("Year"),
					   .kind = UI_FIELD_NUMBER,
					   .required = true,
					   .min = 1945,
					   .max = this_year(a) + 1};
	rf->defs[RF_GRADE] = (ui_field_def){.label = N_("Rating"),
					    .kind = UI_FIELD_CHOICE,
					    .required = true,
					    .choices = rf->choices,
					    .nchoices = n};
	return rf_open(&rating_spec, rf, _("Rating: %s"), "rating", RF_COUNT, draft);
}

int ui_open_training_form(app *a, int64_t cadre_id, const char *draft)
{
	struct record_form *rf = rf_new(a, cadre_id);
	int n;

	if (!rf || !(rf->choices = ui_enum_choices(ENUM_TRAINING, &n))) {
		if (rf)
			rf_free(rf);
		return CB_EDB;
	}
	rf->defs[TF_YEAR] = (ui_field_def){.label = N_("Year"),
					   .kind = UI_FIELD_NUMBER,
					   .required = true,
					   .min = 1945,
					   .max = this_year(a) + 1};
	rf->defs[TF_KIND] = (ui_field_def){.label = N_("Kind of training"),
					   .kind = UI_FIELD_CHOICE,
					   .required = true,
					   .choices = rf->choices,
					   .nchoices = n};
	rf->defs[TF_COURSE] = (ui_field_def){.label = N_("Course"),
					     .kind = UI_FIELD_TEXT,
					     .required = true,
					     .max_bytes = CADRE_TEXT_MAX - 1};
	return rf_open(&training_spec, rf, _("New training: %s"), "training", TF_COUNT, draft);
}

int ui_open_planning_form(app *a, int64_t cadre_id, const char *draft)
{
	struct record_form *rf = rf_new(a, cadre_id);

	if (!rf)
		return CB_EDB;
	rf->defs[PF_TERM] = (ui_field_def){.label = N_("Term"),
					   .kind = UI_FIELD_TEXT,
					   .required = true,
					   .max_bytes = sizeof(((planning_row *)0)->term) - 1};
	rf->defs[PF_POSITION] = (ui_field_def){.label = N_("Position planned for"),
					       .kind = UI_FIELD_TEXT,
					       .required = true,
					       .max_bytes = CADRE_TEXT_MAX - 1};
	return rf_open(&planning_spec, rf, _("New planning entry: %s"), "planning", PF_COUNT,
		       draft);
}

/* Drafts: the cadre's record, then the form over it with what was typed. */
static int restore(app *a, int64_t cadre_id, const char *data,
		   int (*open)(app *, int64_t, const char *))
{
	int rc = ui_open_cadre(a, cadre_id);
	return rc == CB_OK ? open(a, cadre_id, data) : rc;
}

int screen_rating_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	(void)version;
	return restore(a, row, data, ui_open_rating_form);
}

int screen_training_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	(void)version;
	return restore(a, row, data, ui_open_training_form);
}

int screen_planning_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	(void)version;
	return restore(a, row, data, ui_open_planning_form);
}
