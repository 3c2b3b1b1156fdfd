/* screen_cadre.c - one cadre's record in sections: general information,
 * ratings by year, trainings, planning, action plans, change history,
 * career. This file is the view: its tabs, drawing and keys; the lines of
 * each section come from record_sections.c and record_history.c.
 *
 * Guarantees: everything shown is read through the store when the record
 * opens and again when a view above it (the edit form) closes, so a saved
 * change shows at once, history included. The history is the audit trail
 * of the record and of its ratings, trainings and planning entries, newest
 * first, each update shown as "field: old -> new".
 */
#include "screen_cadre.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "text.h"
#include "trash.h"
#include "ui_dialog.h"
#include "ui_screens.h"
#include "ui_view.h"

enum rec_tab {
	TAB_GENERAL,
	TAB_RATINGS,
	TAB_TRAININGS,
	TAB_PLANNING,
	TAB_PLANS,
	TAB_HISTORY,
	TAB_CAREER,
	TAB_COUNT
};

static const char *const tab_names[TAB_COUNT] = {
	N_("General"),	   N_("Ratings"), N_("Trainings"), N_("Planning"),
	N_("Remediation"), N_("History"), N_("Career"),
};

static void rec_layout(struct record_state *st);

/* ---- loading -------------------------------------------------------- */

static void rec_build(struct record_state *st)
{
	cb_error err = {0};

	st->n = 0;
	if (st->gone) {
		rec_add_line(st, UI_WARN, "", "%s", _("This record no longer exists."));
	} else {
		switch (st->tab) {
		case TAB_GENERAL:
			rec_build_general(st);
			break;
		case TAB_RATINGS:
			rec_build_ratings(st, &err);
			break;
		case TAB_TRAININGS:
			rec_build_trainings(st, &err);
			break;
		case TAB_PLANNING:
			rec_build_planning(st, &err);
			break;
		case TAB_PLANS:
			rec_build_plans(st, &err);
			break;
		case TAB_CAREER:
			rec_build_career(st, &err);
			break;
		default:
			rec_build_history(st, &err);
			break;
		}
	}
	if (err.code)
		rec_add_line(st, UI_ERROR, "", "%s", err.msg);
	st->label_w = 0;
	for (size_t i = 0; i < st->n; i++)
		if (st->lines[i].role != UI_HEADER && text_width(st->lines[i].label) > st->label_w)
			st->label_w = text_width(st->lines[i].label);
	st->label_w += 2;
	ui_listview_set_rows(st->lv, st->lines, st->n, NULL);
	rec_layout(st);
}

static void rec_load(struct record_state *st)
{
	cb_error err = {0};
	int rc = store_cadre_get(st->a->db, st->id, &st->c, &err);

	st->gone = rc != CB_OK;
	if (rc != CB_OK && rc != CB_NOT_FOUND)
		ui_flash(UI_ERROR, "%s", err.msg);
	snprintf(st->title, sizeof st->title, "%s", st->gone ? _("Cadre record") : st->c.full_name);
	rec_build(st);
}

/* ---- drawing -------------------------------------------------------- */

static int line_role(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct rec_line *)row)->role;
}

/* Headings (a change in the history: its time, then who and what) and
 * messages run across the row. */
static int span_line(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct rec_line *l = row;
	size_t len;

	(void)ctx;
	if (l->role == UI_HEADER) {
		len = text_fit(l->label, 18, true, false, buf, cap);
		snprintf(buf + len, cap - len, "%s", l->value);
		return UI_HEADER;
	}
	if (!l->label[0] && l->role != UI_NORMAL) {
		snprintf(buf, cap, "%s", l->value);
		return l->role;
	}
	return -1;
}

/* The label column as wide as the widest label, up to 2/5 of the row,
 * with a blank column after it. */
static void rec_columns(struct record_state *st)
{
	ui_rect b = ui_body();
	int lw = st->label_w < (b.w - 2) * 2 / 5 ? st->label_w : (b.w - 2) * 2 / 5;

	st->cols[0] = (ui_column){"",	    lw > 1 ? lw - 1 : 1,
				  0,	    0,
				  OUT_LEFT, OUT_STR,
				  NULL,	    UI_TEXT_AT(struct rec_line, label),
				  UI_DIM};
	st->cols[1] = (ui_column){
		"", 1, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(struct rec_line, value), 0};
}

static void rec_layout(struct record_state *st)
{
	ui_rect b = ui_body();
	ui_rect r = {b.y + 2, 0, b.h - 2, b.w - 1};

	rec_columns(st);
	ui_listview_set_rect(st->lv, r);
}

static void draw_tabs(struct record_state *st)
{
	ui_rect b = ui_body();
	int x = 1;

	ui_fill(stdscr, b.y, 0, b.w, UI_NORMAL);
	if (!st->gone) {
		char head[400], d[11];
		date_iso_to_vn(st->c.birth_date, d);
		snprintf(head, sizeof head, "%s  %s  %s  %s", st->c.full_name, d, st->c.position,
			 st->c.unit_name);
		ui_put(stdscr, b.y, 1, b.w - 2, head, UI_HEADER);
	}
	ui_fill(stdscr, b.y + 1, 0, b.w, UI_NORMAL);
	/* Every tab with its name if they fit, padded; else packed closer;
	 * else only the active one named. */
	int total = 0, names = 0;
	for (int t = 0; t < TAB_COUNT; t++)
		names += text_width(_(tab_names[t]));
	total = names + 5 * TAB_COUNT;
	bool packed = total > b.w - 1 && names + 3 * TAB_COUNT <= b.w - 1;
	for (int t = 0; t < TAB_COUNT && x < b.w; t++) {
		char lab[80];
		if (packed)
			snprintf(lab, sizeof lab, "%d %s", t + 1, _(tab_names[t]));
		else if (total <= b.w - 1 || t == st->tab)
			snprintf(lab, sizeof lab, " %d %s ", t + 1, _(tab_names[t]));
		else
			snprintf(lab, sizeof lab, " %d ", t + 1);
		x += ui_put_short(stdscr, b.y + 1, x, b.w - x, lab,
				  t == st->tab ? UI_TAB_ACTIVE : UI_TAB);
		x++;
	}
}

static void rec_draw(ui_view *v, bool full)
{
	struct record_state *st = v->state;
	if (full)
		draw_tabs(st);
	ui_listview_draw(st->lv, full);
}

static const char *rec_title(ui_view *v)
{
	struct record_state *st = v->state;
	return st->title;
}

static void rec_status(ui_view *v, char *buf, size_t cap)
{
	struct record_state *st = v->state;
	snprintf(buf, cap, " %s: %s   %s %lld", _("Section"), _(tab_names[st->tab]), _("version"),
		 (long long)st->c.version);
}

/* ---- actions -------------------------------------------------------- */

bool ui_may_edit(app *a)
{
	if (app_may(a, CFG_RIGHT_EDIT))
		return true;
	ui_flash(UI_ERROR, _("User %s may not change data in this office"), a->user);
	return false;
}

/* Reads the row afresh so the question names what is really there, and
 * deletes at that version: a change saved meanwhile makes it refuse. */
bool ui_delete_cadre(app *a, int64_t cadre_id)
{
	cadre *c = calloc(1, sizeof *c);
	trash_effect *e = calloc(1, sizeof *e);
	cb_error err = {0};
	char q[1024], who[CADRE_NAME_MAX + 160], d[11];
	bool deleted = false;

	if (!c || !e || !ui_may_edit(a))
		goto out;
	if (store_cadre_get(a->db, cadre_id, c, &err) != CB_OK ||
	    trash_effect_of(a->db, "cadre", cadre_id, e, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		goto out;
	}
	date_iso_to_vn(c->birth_date, d);
	snprintf(who, sizeof who, _("%s (born %s, %s)"), c->full_name, d, c->unit_name);
	trash_effect_question(e, who, q, sizeof q);
	if (!ui_confirm(q))
		goto out;
	if (store_cadre_delete(a->db, c->id, c->version, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
		goto out;
	}
	ui_flash(UI_GOOD, _("%s was moved to the trash."), c->full_name);
	deleted = true;
out:
	free(e);
	free(c);
	return deleted;
}

/* Del on a line showing a rating, a training or a planning entry deletes
 * that one (to the trash, asked with its whole effect). */
static void delete_line(struct record_state *st, const struct rec_line *l)
{
	trash_effect e;
	char what[TRASH_SUMMARY_MAX + 64], q[1024];
	cb_error err = {0};

	if (!ui_may_edit(st->a))
		return;
	if (trash_effect_of(st->a->db, l->table, l->row, &e, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
	} else {
		snprintf(what, sizeof what, "%s: %s", trash_kind_label(l->table), e.summary);
		trash_effect_question(&e, what, q, sizeof q);
		if (!ui_confirm(q))
			return;
		if (trash_delete(st->a->db, l->table, l->row, 0, NULL, &err) != CB_OK)
			ui_message(_("Not deleted"), err.msg);
		else
			ui_flash(UI_GOOD, _("%s was moved to the trash."), what);
	}
	rec_load(st);
}

static int delete_record(struct record_state *st)
{
	const struct rec_line *l = ui_listview_selected(st->lv);

	if (l && l->table[0]) {
		delete_line(st, l);
		return UI_HANDLED;
	}
	if (ui_delete_cadre(st->a, st->id))
		return UI_CLOSE;
	rec_load(st);
	return UI_HANDLED;
}

static void switch_tab(struct record_state *st, int tab)
{
	st->tab = (tab + TAB_COUNT) % TAB_COUNT;
	ui_listview_set_rows(st->lv, NULL, 0, NULL); /* a new section starts at its top */
	rec_build(st);
	ui_invalidate();
}

/* A line cut to the terminal's width (an evaluation with its scores and
 * the grade the rules propose, a long post) shown whole, wrapped. */
static void show_whole_line(struct record_state *st)
{
	const struct rec_line *l = ui_listview_selected(st->lv);
	char span[sizeof l->value + sizeof l->label];
	/* a heading or a message runs across the row (span_line), after
	 * the selection marker; a line of its own has the value column */
	bool across = l && span_line(st, l, span, sizeof span) >= 0;
	int room = across ? ui_body().w - 2 : ui_listview_column_width(st->lv, 1);

	if (l && text_width(across ? span : l->value) > room)
		ui_message(l->label[0] && !across ? l->label : st->title, across ? span : l->value);
}

static int rec_key(ui_view *v, int action, ui_key key)
{
	struct record_state *st = v->state;

	if (ui_list_move(ui_listview_list(st->lv), action))
		return UI_HANDLED;
	if (action == UI_ACT_SECTION && key >= '1' && key < '1' + TAB_COUNT) {
		switch_tab(st, key - '1');
		return UI_HANDLED;
	}
	if (st->gone && action != UI_ACT_TAB_NEXT && action != UI_ACT_TAB_PREV)
		return UI_UNHANDLED;
	switch (action) {
	case UI_ACT_TAB_NEXT:
		switch_tab(st, st->tab + 1);
		return UI_HANDLED;
	case UI_ACT_TAB_PREV:
		switch_tab(st, st->tab - 1);
		return UI_HANDLED;
	case UI_ACT_EDIT:
		ui_open_cadre_form(st->a, st->id);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		return delete_record(st);
	case UI_ACT_RATE:
		if (ui_may_edit(st->a))
			ui_open_rating_form(st->a, st->id, NULL);
		return UI_HANDLED;
	case UI_ACT_TRAINING:
		if (ui_may_edit(st->a))
			ui_open_training_form(st->a, st->id, NULL);
		return UI_HANDLED;
	case UI_ACT_PLANNING:
		if (ui_may_edit(st->a))
			ui_open_planning_form(st->a, st->id, NULL);
		return UI_HANDLED;
	case UI_ACT_OPEN:
		if (st->tab == TAB_PLANS && ui_screen_links()->cadre_plans)
			ui_screen_links()->cadre_plans(st->a, st->id);
		else
			show_whole_line(st);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void rec_resize(ui_view *v)
{
	rec_layout(v->state);
}

static void rec_reveal(ui_view *v)
{
	rec_load(v->state);
}

static void rec_close(ui_view *v)
{
	struct record_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->lines);
	free(st);
}

static const ui_view_ops record_ops = {
	.name = "cadre",
	.context = UI_CTX_RECORD,
	.title = rec_title,
	.draw = rec_draw,
	.key = rec_key,
	.resize = rec_resize,
	.status = rec_status,
	.reveal = rec_reveal,
	.close = rec_close,
};

int ui_open_cadre(app *a, int64_t cadre_id)
{
	ui_listview_def record_list_def = {
		.ncols = 2, .span = span_line, .tone = line_role, .no_heading = true};
	struct record_state *st = calloc(1, sizeof *st);

	if (!st)
		return CB_EDB;
	st->a = a;
	st->id = cadre_id;
	record_list_def.cols = st->cols;
	rec_columns(st);
	st->lv = ui_listview_new_array(&record_list_def, sizeof(struct rec_line), st);
	if (!st->lv) {
		free(st);
		return CB_EDB;
	}
	rec_layout(st);
	rec_load(st);
	return ui_view_push(&record_ops, st) ? CB_OK : CB_EDB;
}
