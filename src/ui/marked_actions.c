/* marked_actions.c - a grade, a training or a pool place written to
 * several records at once, after saying exactly what will change.
 */
#include "marked_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career.h"
#include "i18n.h"
#include "model.h"
#include "rating_sheet.h"
#include "ui_dialog.h"
#include "ui_screens.h"
#include "ui_view.h"

/* Says which record was refused (by name) and why; nothing was written. */
static void refused(const int64_t *ids, size_t n, size_t failed, const cb_error *err,
		    ui_marked_name name, void *ctx)
{
	char who[CADRE_TEXT_MAX] = "";

	if (failed < n && name)
		name(ctx, ids[failed], who, sizeof who);
	ui_flash(UI_ERROR, _("Nothing was written: %s%s%s"), who, who[0] ? ": " : "", err->msg);
}

bool ui_marked_grade(app *a, bool orgs, const int64_t *ids, size_t n, size_t replaced, size_t kept,
		     int year, int grade, const char *scope, ui_marked_name name, void *ctx)
{
	char q[1024];
	size_t failed = 0;
	cb_error err = {0};
	const char *what = grade ? model_label(ENUM_GRADE, grade) : _("not rated");

	if (!n) {
		ui_flash(UI_DIM, "%s", _("Nothing to change: every row has that grade already."));
		return false;
	}
	if (!ui_may_edit(a))
		return false;
	if (n + kept == 1 && replaced) {
		/* one row, but a grade it had is replaced or removed: asked too */
		char who[256] = "";
		if (name)
			name(ctx, ids[0], who, sizeof who);
		snprintf(q, sizeof q,
			 _("%s, %d: replace the rating of %s with \"%s\"? The change is audited."),
			 scope, year, who, what);
		if (!ui_confirm(q))
			return false;
	} else if (n + kept > 1) {
		snprintf(q, sizeof q,
			 orgs ? _("%s, %d: set the rating of %zu party organisations to \"%s\"?"
				  " %zu had another grade, %zu none; %zu have it already and stay"
				  " as they are. Each change is audited.")
			      : _("%s, %d: set the rating of %zu cadres to \"%s\"? %zu had"
				  " another grade, %zu none; %zu have it already and stay as they"
				  " are. Each change is audited."),
			 scope, year, n, what, replaced, n - replaced, kept);
		if (!ui_confirm(q))
			return false;
	}
	if (rating_sheet_set_grade(a->db, orgs, ids, n, year, grade, &failed, &err) != CB_OK) {
		refused(ids, n, failed, &err, name, ctx);
		return false;
	}
	/* no message: the rows and the counts on the status line show it */
	return true;
}

bool ui_marked_training(app *a, const int64_t *ids, size_t n, int year, ui_marked_name name,
			void *ctx)
{
	training_row t = {.year = year, .kind = 1};
	char buf[16], q[1024];
	size_t failed = 0;
	cb_error err = {0};

	if (!n || !ui_may_edit(a))
		return false;
	snprintf(buf, sizeof buf, "%d", year);
	if (!ui_input(_("Year of the training:"), buf, sizeof buf))
		return false;
	t.year = atoi(buf);
	if (!ui_pick_enum(_("Kind of training"), ENUM_TRAINING, false, &t.kind))
		return false;
	if (!ui_input(_("Course:"), t.course, sizeof t.course))
		return false;
	if (n > 1) {
		snprintf(q, sizeof q,
			 _("Add the training \"%s\" (%s, %d) to %zu cadres? Each is audited."),
			 t.course, model_label(ENUM_TRAINING, t.kind), t.year, n);
		if (!ui_confirm(q))
			return false;
	}
	if (rating_sheet_add_training(a->db, ids, n, &t, &failed, &err) != CB_OK) {
		refused(ids, n, failed, &err, name, ctx);
		return false;
	}
	ui_flash(UI_GOOD, _("Training added to %zu cadres."), n);
	return true;
}

/* The term offered: the latest one the pool holds already, else the
 * one starting the year after `year`. */
static void default_term(app *a, const career_rules *r, int year, char *term, size_t cap)
{
	pool_row *v = NULL;
	size_t n = 0;
	cb_error err = {0};

	snprintf(term, cap, "%d-%d", year + 1, year + 1 + r->term_years);
	if (store_pool_list(a->db, "", 0, 0, false, &v, &n, &err) != CB_OK)
		return;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i].term, term) > 0)
			snprintf(term, cap, "%s", v[i].term);
	free(v);
}

bool ui_marked_pool(app *a, const int64_t *ids, size_t n, int year, ui_marked_name name, void *ctx)
{
	career_rules r;
	ui_choice *ch;
	char term[16], q[1024];
	size_t failed = 0;
	cb_error err = {0};
	int k;

	if (!n || !ui_may_edit(a))
		return false;
	if (career_rules_load(a->config, &r, &err) != CB_OK) {
		ui_message(_("Not opened"), err.msg);
		return false;
	}
	if (!r.title_count) {
		ui_message(_("Planning pool by title"),
			   _("career.ini names no title for the planning pool ([pool])."));
		return false;
	}
	if (!(ch = calloc((size_t)r.title_count, sizeof *ch)))
		return false;
	for (int i = 0; i < r.title_count; i++)
		ch[i] = (ui_choice){i, r.titles[i].name};
	k = ui_pick(_("Title of the pool"), ch, r.title_count, 0);
	free(ch);
	if (k < 0)
		return false;
	default_term(a, &r, year, term, sizeof term);
	if (!ui_input(_("Term (e.g. 2025-2030):"), term, sizeof term))
		return false;
	if (n > 1) {
		snprintf(q, sizeof q,
			 _("Add %zu cadres to the pool of \"%s\", term %s? Each is audited."), n,
			 r.titles[k].name, term);
		if (!ui_confirm(q))
			return false;
	}
	if (rating_sheet_add_pool(a->db, &r, a->today, ids, n, term, r.titles[k].code, &failed,
				  &err) != CB_OK) {
		refused(ids, n, failed, &err, name, ctx);
		return false;
	}
	ui_flash(UI_GOOD, _("%zu cadres added to the pool of \"%s\"."), n, r.titles[k].name);
	return true;
}

void ui_marked_cadre_name(void *ctx, int64_t id, char *buf, size_t cap)
{
	app *a = ctx;
	cadre c;
	cb_error err = {0};

	if (store_cadre_get(a->db, id, &c, &err) == CB_OK)
		snprintf(buf, cap, "%s", c.full_name);
	else
		snprintf(buf, cap, "#%lld", (long long)id);
}
