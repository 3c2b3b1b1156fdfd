/* screen_eval_sheet.c - the evaluation sheet, built like the rating
 * sheet: the cadres of a scope with their evaluation of one period (score,
 * stage, the grade proposed, the grade decided), marks as in mc, and the
 * decisions for the marked rows: one key per grade (F2-F5), or each as it
 * was proposed (F6). The status line counts the decisions.
 *
 * Guarantees: the rows are eval_sheet_load's (the reader's scope); the
 * decisions are eval_sheet_decide's - eval_decide for each, audited, a
 * year's decision setting that year's rating, all or none; only recorded
 * evaluations not yet decided are decided (the question says how many
 * others are left as they are); a decision above a proposal asks for the
 * reason first; more than one decision asks before writing.
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval_sheet.h"
#include "i18n.h"
#include "marked_actions.h"
#include "model.h"

struct eval_sheet_state {
	app *a;
	eval_period period;
	ui_scope scope;
	eval_sheet_row *rows;
	size_t n;
	int decided[EVAL_GRADES + 1], undecided, missing;
	ui_listview *lv;
	char title[300];
};

/* ---- columns ------------------------------------------------------------ */

static int cell_score(void *ctx, const void *row, char *buf, size_t cap)
{
	const eval_sheet_row *r = row;
	char s[16];
	(void)ctx;
	snprintf(buf, cap, "%s", r->score >= 0 ? eval_score_label(r->score, s) : "");
	return UI_NORMAL;
}

static int cell_stage(void *ctx, const void *row, char *buf, size_t cap)
{
	const eval_sheet_row *r = row;
	(void)ctx;
	if (r->from_rating)
		snprintf(buf, cap, "%s", _("rating only"));
	else
		snprintf(buf, cap, "%s",
			 r->stage < 0 ? _("not recorded") : _(eval_stage_label(r->stage)));
	return r->stage < 0 ? UI_DIM : UI_NORMAL;
}

static int grade_cell(int g, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s", g ? model_label(ENUM_GRADE, g) : "");
	return GRADE_GOOD_OR_BETTER(g) ? UI_GOOD : g ? UI_WARN : UI_DIM;
}

static int cell_proposal(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	return grade_cell(((const eval_sheet_row *)row)->proposal, buf, cap);
}

static int cell_decided(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	return grade_cell(((const eval_sheet_row *)row)->grade, buf, cap);
}

static const char *row_name(const void *row)
{
	return ((const eval_sheet_row *)row)->name;
}

static int64_t row_id(const void *row)
{
	return ((const eval_sheet_row *)row)->cadre_id;
}

static const ui_column eval_columns[] = {
	{N_("Full name"), 16, 16, 0, UI_ALIGN_NAME, OUT_STR, NULL, UI_TEXT_AT(eval_sheet_row, name),
	 0},
	{N_("Unit"), 10, 10, 2, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(eval_sheet_row, unit), 0},
	{N_("Score"), 5, 0, 0, OUT_RIGHT, OUT_STR, cell_score, 0, 0},
	{N_("Stage"), 10, 2, 1, OUT_LEFT, OUT_STR, cell_stage, 0, 0},
	{N_("Proposed"), 14, 6, 0, OUT_LEFT, OUT_STR, cell_proposal, 0, 0},
	{N_("Decided"), 14, 6, 0, OUT_LEFT, OUT_STR, cell_decided, 0, 0},
};

static const ui_listview_def eval_def = {
	.cols = eval_columns,
	.ncols = sizeof eval_columns / sizeof eval_columns[0],
	.noun = N_("cadres"),
	.empty = N_("No cadre in this scope."),
	.export_title = N_("Evaluation sheet"),
	.find_text = row_name,
	.mark_id = row_id,
};

/* ---- data --------------------------------------------------------------- */

static void load(struct eval_sheet_state *st)
{
	cb_error err = {0};

	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (eval_sheet_load(st->a->db, st->scope.lo, st->scope.hi, st->period.key, st->a->today,
			    &st->rows, &st->n, &err) != CB_OK)
		st->n = 0;
	memset(st->decided, 0, sizeof st->decided);
	st->undecided = st->missing = 0;
	for (size_t i = 0; i < st->n; i++) {
		const eval_sheet_row *r = &st->rows[i];
		if (r->grade >= 1 && r->grade <= EVAL_GRADES)
			st->decided[r->grade]++;
		else if (r->evaluated)
			st->undecided++;
		else
			st->missing++;
	}
	ui_listview_set_rows(st->lv, st->rows, st->n, &err);
	snprintf(st->title, sizeof st->title, "%s %s · %s", _("Evaluation sheet"), st->period.key,
		 st->scope.name);
}

static void name_of(void *ctx, int64_t id, char *buf, size_t cap)
{
	struct eval_sheet_state *st = ctx;
	for (size_t i = 0; i < st->n; i++)
		if (st->rows[i].cadre_id == id) {
			snprintf(buf, cap, "%s", st->rows[i].name);
			return;
		}
	snprintf(buf, cap, "#%lld", (long long)id);
}

/* Decides grade (0: each as proposed) for the marked rows, else the
 * selected one: only recorded evaluations not decided yet. */
static void decide(struct eval_sheet_state *st, int grade)
{
	const eval_sheet_row *sel = ui_listview_selected(st->lv);
	bool marked = ui_listview_marked(st->lv, &(const int64_t *){NULL}) > 0;
	int64_t *ids = malloc((st->n + 1) * sizeof *ids);
	size_t chosen = 0, k = 0, above = 0, failed = 0;
	char reason[EVAL_TEXT_MAX] = "", q[1024];
	cb_error err = {0};

	if (!ids)
		return;
	for (size_t i = 0; i < st->n; i++) {
		const eval_sheet_row *r = &st->rows[i];
		if (marked ? !ui_listview_is_marked(st->lv, r->cadre_id) : r != sel)
			continue;
		chosen++;
		if (!r->evaluated || r->grade || (!grade && !r->proposal))
			continue;
		above += grade && r->proposal && grade < r->proposal;
		ids[k++] = r->cadre_id;
	}
	if (!k) {
		ui_flash(UI_DIM, "%s",
			 _("Nothing to decide: no recorded evaluation waits for a decision here."));
		goto out;
	}
	if (!ui_may_edit(st->a))
		goto out;
	if (above) {
		snprintf(q, sizeof q,
			 _("The decision is above the proposal for %zu of them; the reason:"),
			 above);
		if (!ui_input(q, reason, sizeof reason) || !reason[0])
			goto out;
	}
	if (chosen > 1) {
		if (grade)
			snprintf(q, sizeof q,
				 _("%s, %s: decide %zu evaluations as \"%s\"? %zu are left as they"
				   " are (not recorded, or decided already). Each decision is"
				   " audited."),
				 st->scope.name, st->period.key, k, model_label(ENUM_GRADE, grade),
				 chosen - k);
		else
			snprintf(q, sizeof q,
				 _("%s, %s: decide %zu evaluations as each was proposed? %zu are"
				   " left as they are (not recorded, decided already, or nothing"
				   " proposed). Each decision is audited."),
				 st->scope.name, st->period.key, k, chosen - k);
		if (!ui_confirm(q))
			goto out;
	}
	if (eval_sheet_decide(st->a->db, ids, k, st->period.key, grade, reason, st->a->today,
			      &failed, &err) != CB_OK) {
		char who[CADRE_TEXT_MAX] = "";
		if (failed < k)
			name_of(st, ids[failed], who, sizeof who);
		ui_flash(UI_ERROR, _("Nothing was written: %s%s%s"), who, who[0] ? ": " : "",
			 err.msg);
		goto out;
	}
	if (marked)
		ui_listview_unmark_all(st->lv);
	else
		ui_list_move(ui_listview_list(st->lv), UI_ACT_DOWN);
out:
	free(ids);
	load(st);
	ui_invalidate();
}

static void choose_period(struct eval_sheet_state *st)
{
	char text[16];
	eval_period p;

	snprintf(text, sizeof text, "%s", st->period.key);
	if (!ui_input(_("Period (2025, 2025-Q2, 2025-07 or 2021-2025):"), text, sizeof text))
		return;
	if (!eval_period_parse(text, &p)) {
		ui_message(_("Period"),
			   _("Write a year (2025), a quarter (2025-Q2), a month (2025-07)"
			     " or a term (2021-2025)."));
		return;
	}
	st->period = p;
	load(st);
}

/* ---- the view ----------------------------------------------------------- */

static const char *title(ui_view *v)
{
	return ((struct eval_sheet_state *)v->state)->title;
}

static void draw(ui_view *v, bool full)
{
	ui_listview_draw(((struct eval_sheet_state *)v->state)->lv, full);
}

static void status(ui_view *v, char *buf, size_t cap)
{
	struct eval_sheet_state *st = v->state;
	char extra[400];
	size_t len;

	snprintf(extra, sizeof extra, "  ");
	for (int g = 1; g <= EVAL_GRADES; g++) {
		len = strlen(extra);
		snprintf(extra + len, sizeof extra - len, "%s %d, ", model_grade_short(g),
			 st->decided[g]);
	}
	len = strlen(extra);
	snprintf(extra + len, sizeof extra - len, _("to decide %d, not recorded %d"), st->undecided,
		 st->missing);
	ui_listview_status(st->lv, extra, buf, cap);
}

static int key(ui_view *v, int action, ui_key k)
{
	struct eval_sheet_state *st = v->state;
	const eval_sheet_row *r;
	eval_period p;
	ui_scope s;

	if (ui_listview_key(st->lv, action, k) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_DECIDE_1:
	case UI_ACT_DECIDE_2:
	case UI_ACT_DECIDE_3:
	case UI_ACT_DECIDE_4:
		decide(st, action - UI_ACT_DECIDE_1 + 1);
		return UI_HANDLED;
	case UI_ACT_DECIDE_PROPOSED:
		decide(st, 0);
		return UI_HANDLED;
	case UI_ACT_PERIOD:
		choose_period(st);
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_PERIOD_PREV:
	case UI_ACT_PERIOD_NEXT:
		if (eval_period_step(&st->period, action == UI_ACT_PERIOD_NEXT ? 1 : -1, &p)) {
			st->period = p;
			load(st);
			ui_invalidate();
		} else
			ui_flash(UI_DIM, "%s",
				 _("A term or a dated evaluation has no next one (F8)."));
		return UI_HANDLED;
	case UI_ACT_SCOPE:
		if (ui_pick_scope(st->a, N_("Scope of the evaluation sheet"), &st->scope, &s)) {
			st->scope = s;
			ui_listview_unmark_all(st->lv);
			load(st);
		}
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_OPEN:
		if ((r = ui_listview_selected(st->lv)))
			ui_open_cadre(st->a, r->cadre_id);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void resize(ui_view *v)
{
	struct eval_sheet_state *st = v->state;
	ui_listview_set_rect(st->lv, ui_body());
}

static void reveal(ui_view *v)
{
	load(v->state);
}

static void close_view(ui_view *v)
{
	struct eval_sheet_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->rows);
	free(st);
}

static const ui_view_ops eval_sheet_ops = {
	.name = "eval-sheet",
	.context = UI_CTX_EVAL_SHEET, /* letters search; decisions on F2-F6 */
	.title = title,
	.draw = draw,
	.key = key,
	.resize = resize,
	.status = status,
	.reveal = reveal,
	.close = close_view,
};

int ui_open_eval_sheet(app *a, const char *period, const struct ui_scope *scope)
{
	struct eval_sheet_state *st = calloc(1, sizeof *st);

	if (!st)
		return CB_EDB;
	st->a = a;
	if (!eval_period_parse(period, &st->period)) {
		free(st);
		return CB_EINVALID;
	}
	if (scope)
		st->scope = *scope;
	else
		ui_sheet_default_scope(a, &st->scope);
	if (!(st->lv = ui_listview_new_array(&eval_def, sizeof(eval_sheet_row), st))) {
		free(st);
		return CB_EDB;
	}
	ui_listview_set_rect(st->lv, ui_body());
	load(st);
	return ui_view_push(&eval_sheet_ops, st) ? CB_OK : CB_EDB;
}
