/* screen_plan.c - one action plan: its items in a list, the selected
 * item's details and dated progress notes below (the form of an item is
 * in screen_plan_item.c).
 *
 * Guarantees:
 * - An overdue item is drawn in the warning colour and marked "!" (a
 *   remedied one is marked with a check), so the list reads in monochrome.
 * - A progress note takes a key, then the text and Enter; a note can be
 *   deleted (to the trash, asked first). The note and verification forms
 *   are in screen_plan_note.c.
 * - Saving an item names the version it was read at: a save made meanwhile
 *   by someone else is reported and nothing is overwritten.
 * - The notes shown include those of the items this one was carried from,
 *   so the history of a shortcoming stays in view across years.
 */
#include "screen_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "trash.h"
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

struct plan_view {
	app *a;
	int64_t plan_id;
	plan p;
	plan_item *items;
	size_t n;
	ui_listview *lv;
	plan_note *notes;
	size_t nnotes;
	int64_t notes_for; /* item whose notes are loaded, 0 = none */
	int64_t drawn_for; /* item whose details are on screen */
	int list_rows;
	char title[PLAN_OWNER_MAX + 64];
};

/* ---- loading ------------------------------------------------------------- */

static void load_notes(struct plan_view *pv, const plan_item *it)
{
	cb_error err = {0};
	if (it && it->id == pv->notes_for)
		return;
	free(pv->notes);
	pv->notes = NULL;
	pv->nnotes = 0;
	pv->notes_for = it ? it->id : 0;
	if (it && plans_notes(pv->a->db, it->id, true, &pv->notes, &pv->nnotes, &err) != CB_OK)
		ui_flash(UI_ERROR, "%s", err.msg);
}

/* Reads the plan and its items again (after any change). */
static int load(struct plan_view *pv)
{
	cb_error err = {0};
	plan_item *items = NULL;
	size_t n = 0;

	if (plans_get(pv->a->db, pv->plan_id, pv->a->today, &pv->p, &err) != CB_OK ||
	    plans_items(pv->a->db, pv->plan_id, &items, &n, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		return err.code ? err.code : CB_EDB;
	}
	free(pv->items);
	pv->items = items;
	pv->n = n;
	ui_listview_set_rows(pv->lv, pv->items, pv->n, NULL);
	pv->notes_for = -1; /* reload notes: one may have been added */
	pv->drawn_for = -1;
	snprintf(pv->title, sizeof pv->title, _("Action plan %d: %s"), pv->p.year, pv->p.owner);
	return CB_OK;
}

/* ---- drawing --------------------------------------------------------------- */

/* ---- the list of items: an overdue item is in the warning colour and
 * marked "!", a remedied one marked with a check ---------------------------- */

static int item_tone(void *ctx, const void *row)
{
	const struct plan_view *pv = ctx;
	int st = plans_item_status(row, pv->a->today);
	return st == PLAN_ST_OVERDUE ? UI_WARN : st == PLAN_ST_REMEDIED ? UI_GOOD : UI_NORMAL;
}

static const char *item_mark(void *ctx, const void *row, int *role)
{
	*role = item_tone(ctx, row);
	return *role == UI_WARN	  ? ui_glyph(UI_G_WARN)
	       : *role == UI_GOOD ? ui_glyph(UI_G_CHECK)
				  : NULL;
}

static int cell_deadline(void *ctx, const void *row, char *buf, size_t cap)
{
	const plan_item *it = row;
	char d[11];

	snprintf(buf, cap, "%s", it->deadline[0] ? screen_plans_date(it->deadline, d) : "-");
	return item_tone(ctx, row);
}

static int cell_status(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct plan_view *pv = ctx;
	const plan_item *it = row;
	int st = plans_item_status(it, pv->a->today);

	if (st == PLAN_ST_OVERDUE)
		snprintf(buf, cap, _("Overdue %d days"), plans_item_days_late(it, pv->a->today));
	else
		snprintf(buf, cap, "%s", plans_label(PLANS_STATUS, st));
	return item_tone(ctx, row);
}

static int cell_verified(void *ctx, const void *row, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s",
		 ((const plan_item *)row)->verified_on[0] ? ui_glyph(UI_G_CHECK) : "");
	return item_tone(ctx, row);
}

static const ui_column item_columns[] = {
	{N_("Shortcoming"), 20, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(plan_item, shortcoming),
	 0},
	{N_("Deadline"), 10, 0, 0, OUT_LEFT, OUT_STR, cell_deadline, 0, 0},
	{N_("Status"), 15, 0, 0, OUT_LEFT, OUT_STR, cell_status, 0, 0},
	{N_("Ver."), 0, 0, 0, OUT_LEFT, OUT_STR, cell_verified, 0, 0},
};

static const ui_listview_def item_list_def = {
	.cols = item_columns,
	.ncols = sizeof item_columns / sizeof item_columns[0],
	.noun = N_("items"),
	.export_title = N_("Action plan"),
	.mark = item_mark,
	.tone = item_tone,
};

static void draw_head(struct plan_view *pv, ui_rect b)
{
	char src[256], d[11], line[512];
	const plan *p = &pv->p;

	plans_sources_format(p->sources, true, src, sizeof src);
	snprintf(line, sizeof line, _("Adopted: %s   Sources: %s"),
		 p->adopted_on[0] ? screen_plans_date(p->adopted_on, d) : _("not yet (draft)"),
		 src);
	ui_put(stdscr, b.y, b.x, b.w, line, UI_NORMAL);
	snprintf(line, sizeof line,
		 _("Items: %d   remedied: %d   overdue: %d   carried over: %d   not yet verified: "
		   "%d"),
		 p->items, p->remedied, p->overdue, p->carried, p->unverified);
	ui_put(stdscr, b.y + 1, b.x, b.w, line, p->overdue ? UI_WARN : UI_DIM);
}

/* The details of the selected item and its notes, in rows y0..y0+h-1. */
static void draw_details(struct plan_view *pv, const plan_item *it, int y0, int h, int w)
{
	char buf[PLAN_WHO_MAX * 2 + 64], d[11], d2[11];
	int y = y0, end = y0 + h;

	for (int r = y0; r < end; r++)
		ui_fill(stdscr, r, 0, w, UI_NORMAL);
	if (!it) {
		if (h > 0)
			ui_putf(stdscr, y, 1, w - 1, UI_DIM,
				_("No items yet: press %s to add the first one."),
				ui_keys_label_for(UI_CTX_PLAN, UI_ACT_NEW));
		return;
	}
	/* The list cuts the shortcoming to its column: here it is whole. */
	if (y < end)
		y += screen_plans_wrap(y, 1, w - 1, 2, _("Shortcoming:"), it->shortcoming,
				       UI_HEADER);
	snprintf(buf, sizeof buf, "%s%s%s%s", plans_label(PLANS_RESP, it->responsibility),
		 it->responsible[0] ? " (" : "", it->responsible, it->responsible[0] ? ")" : "");
	if (y < end)
		y += screen_plans_wrap(y, 1, w - 1, 1, _("Responsibility:"), buf, UI_NORMAL);
	if (y < end)
		y += screen_plans_wrap(y, 1, w - 1, 1, _("Source:"),
				       plans_label(PLANS_SOURCE, it->source), UI_NORMAL);
	if (y < end && it->cause[0])
		y += screen_plans_wrap(y, 1, w - 1, 2, _("Cause:"), it->cause, UI_NORMAL);
	if (y < end && it->measures[0])
		y += screen_plans_wrap(y, 1, w - 1, end - y > 3 ? 3 : end - y, _("Measures:"),
				       it->measures, UI_NORMAL);
	if (y < end) {
		snprintf(buf, sizeof buf, "%s   %s %s",
			 it->deadline[0] ? screen_plans_date(it->deadline, d) : "-",
			 _("In charge:"), it->in_charge[0] ? it->in_charge : "-");
		y += screen_plans_wrap(y, 1, w - 1, 1, _("Deadline:"), buf, UI_NORMAL);
	}
	if (y < end && it->state == PLAN_REMEDIED) {
		if (it->verified_on[0])
			snprintf(buf, sizeof buf, _("remedied %s; verified %s by %s: %s"),
				 screen_plans_date(it->remedied_on, d),
				 screen_plans_date(it->verified_on, d2), it->verified_by,
				 it->verdict);
		else
			snprintf(buf, sizeof buf, _("remedied %s; not yet verified (press %s)"),
				 screen_plans_date(it->remedied_on, d),
				 ui_keys_label_for(UI_CTX_PLAN, UI_ACT_VERIFY));
		y += screen_plans_wrap(y, 1, w - 1, 2, _("Result:"), buf,
				       it->verified_on[0] ? UI_GOOD : UI_NORMAL);
	}
	if (y < end && (it->carried_from || it->carried_to)) {
		snprintf(buf, sizeof buf, "%s",
			 it->carried_to ? _("carried over into next year's plan")
					: _("continues an item of an earlier year's plan"));
		y += screen_plans_wrap(y, 1, w - 1, 1, _("History:"), buf, UI_DIM);
	}
	if (y >= end)
		return;
	snprintf(buf, sizeof buf, _("Progress notes (%zu), newest last; %s adds one:"), pv->nnotes,
		 ui_keys_label_for(UI_CTX_PLAN, UI_ACT_NOTE));
	ui_put(stdscr, y++, 1, w - 1, buf, UI_HEADER);
	/* The newest notes that fit. */
	size_t first = pv->nnotes > (size_t)(end - y) ? pv->nnotes - (size_t)(end - y) : 0;
	for (size_t i = first; i < pv->nnotes && y < end; i++) {
		char from[24] = "";
		if (pv->notes[i].year != pv->p.year)
			snprintf(from, sizeof from, _(" (plan %d)"), pv->notes[i].year);
		snprintf(buf, sizeof buf, "%s %s%s:", screen_plans_date(pv->notes[i].noted_on, d),
			 pv->notes[i].author, from);
		y += screen_plans_wrap(y, 2, w - 2, 1, buf, pv->notes[i].text, UI_NORMAL);
	}
}

static void layout(struct plan_view *pv)
{
	ui_rect b = ui_body(), r;
	int avail = b.h - 3;
	char empty[200];

	snprintf(empty, sizeof empty, _("No items yet: press %s to add the first one."),
		 ui_keys_label_for(UI_CTX_PLAN, UI_ACT_NEW));
	ui_listview_set_empty(pv->lv, empty);
	pv->list_rows = avail * 2 / 5;
	if (pv->list_rows < 3)
		pv->list_rows = 3;
	/* the heading on the third row, the items below it */
	r.y = b.y + 2;
	r.x = b.x;
	r.w = b.w;
	r.h = pv->list_rows + 1;
	ui_listview_set_rect(pv->lv, r);
}

static const char *pv_title(ui_view *v)
{
	return ((struct plan_view *)v->state)->title;
}

static void pv_draw(ui_view *v, bool full)
{
	struct plan_view *pv = v->state;
	ui_rect b = ui_body();
	const plan_item *it = pv->n ? ui_listview_selected(pv->lv) : NULL;
	int sep = b.y + 3 + pv->list_rows;

	if (full) {
		draw_head(pv, b);
		for (int x = 0; x < b.w; x++)
			ui_put(stdscr, sep, x, 1, ui_glyph(UI_G_HLINE), UI_DIM);
	}
	ui_listview_draw(pv->lv, full);
	if (full || (it ? it->id : 0) != pv->drawn_for) {
		load_notes(pv, it);
		draw_details(pv, it, sep + 1, b.y + b.h - sep - 1, b.w);
		pv->drawn_for = it ? it->id : 0;
	}
}

static void pv_status(ui_view *v, char *buf, size_t cap)
{
	struct plan_view *pv = v->state;
	char d[11], extra[64];

	date_format_vn(pv->a->today, d);
	snprintf(extra, sizeof extra, _("   reference date %s"), d);
	ui_listview_status(pv->lv, extra, buf, cap);
}

/* ---- actions on the selected item ------------------------------------------- */

static void delete_item(struct plan_view *pv, const plan_item *it)
{
	char q[1024], what[TRASH_SUMMARY_MAX + 32];
	trash_effect e;
	cb_error err = {0};

	if (!ui_may_edit(pv->a))
		return;
	if (trash_effect_of(pv->a->db, "plan_item", it->id, &e, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
		load(pv);
		return;
	}
	/* the item's text can be long: the question names it by its start */
	snprintf(what, sizeof what, _("the item \"%s\""), e.summary);
	trash_effect_question(&e, what, q, sizeof q);
	if (!ui_confirm(q))
		return;
	if (plans_item_delete(pv->a->db, it->id, it->version, &err) != CB_OK)
		ui_message(_("Not deleted"), err.msg);
	else
		ui_flash(UI_GOOD, "%s", _("Item moved to the trash."));
	load(pv);
}

/* The note of it to delete: asked from a list when it has several. */
static const plan_note *pick_note(struct plan_view *pv, const plan_item *it)
{
	ui_choice *ch;
	char(*labels)[200];
	int k = 0;

	load_notes(pv, it);
	if (pv->nnotes == 0) {
		ui_flash(UI_ERROR, "%s", _("This item has no progress note."));
		return NULL;
	}
	if (pv->nnotes == 1)
		return &pv->notes[0];
	ch = calloc(pv->nnotes, sizeof *ch);
	labels = calloc(pv->nnotes, sizeof *labels);
	if (ch && labels) {
		for (size_t i = 0; i < pv->nnotes; i++) {
			char d[11];
			snprintf(labels[i], sizeof labels[i], "%s  %s",
				 screen_plans_date(pv->notes[i].noted_on, d), pv->notes[i].text);
			ch[i] = (ui_choice){(int64_t)i, labels[i]};
		}
		k = ui_pick(_("Which progress note?"), ch, (int)pv->nnotes, 0);
	} else {
		k = -1;
	}
	free(ch);
	free(labels);
	return k >= 0 ? &pv->notes[k] : NULL;
}

/* Deletes a progress note of it: to the trash, asked with its whole
 * effect, No unless Yes is chosen. */
static void delete_note(struct plan_view *pv, const plan_item *it)
{
	const plan_note *n = pick_note(pv, it);
	char q[1024], what[TRASH_SUMMARY_MAX + 64];
	trash_effect e;
	cb_error err = {0};

	if (!n)
		return;
	if (trash_effect_of(pv->a->db, "plan_note", n->id, &e, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
	} else {
		snprintf(what, sizeof what, "%s: %s", trash_kind_label("plan_note"), e.summary);
		trash_effect_question(&e, what, q, sizeof q);
		if (!ui_confirm(q))
			return;
		if (trash_delete(pv->a->db, "plan_note", n->id, 0, NULL, &err) != CB_OK)
			ui_message(_("Not deleted"), err.msg);
		else
			ui_flash(UI_GOOD, _("%s was moved to the trash."), what);
	}
	load(pv);
}

static int pv_key(ui_view *v, int action, ui_key key)
{
	struct plan_view *pv = v->state;
	const plan_item *it = pv->n ? ui_listview_selected(pv->lv) : NULL;

	if (ui_listview_key(pv->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_NEW:
		if (ui_may_edit(pv->a))
			screen_plan_item_form_open(pv->a, &pv->p, NULL, NULL);
		return UI_HANDLED;
	case UI_ACT_OPEN:
	case UI_ACT_EDIT:
		if (it && ui_may_edit(pv->a))
			screen_plan_item_form_open(pv->a, &pv->p, it, NULL);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		if (it && ui_may_edit(pv->a))
			delete_item(pv, it);
		return UI_HANDLED;
	case UI_ACT_NOTE:
		if (it && ui_may_edit(pv->a))
			screen_plan_note_open(pv->a, it, NULL);
		return UI_HANDLED;
	case UI_ACT_VERIFY:
		if (it)
			screen_plan_verify_open(pv->a, it, NULL);
		return UI_HANDLED;
	case UI_ACT_DELETE_NOTE:
		if (it && ui_may_edit(pv->a))
			delete_note(pv, it);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void pv_resize(ui_view *v)
{
	layout(v->state);
}

static void pv_reveal(ui_view *v)
{
	load(v->state);
}

static void pv_free(struct plan_view *pv)
{
	ui_listview_free(pv->lv);
	free(pv->items);
	free(pv->notes);
	free(pv);
}

static void pv_close(ui_view *v)
{
	pv_free(v->state);
}

static const ui_view_ops plan_ops = {
	.name = "plan",
	.context = UI_CTX_PLAN,
	.title = pv_title,
	.draw = pv_draw,
	.key = pv_key,
	.resize = pv_resize,
	.status = pv_status,
	.reveal = pv_reveal,
	.close = pv_close,
};

int screen_plan_open(app *a, int64_t plan_id)
{
	struct plan_view *pv = calloc(1, sizeof *pv);
	int rc;

	if (!pv)
		return CB_EDB;
	pv->a = a;
	pv->plan_id = plan_id;
	if (!(pv->lv = ui_listview_new_array(&item_list_def, sizeof(plan_item), pv))) {
		free(pv);
		return CB_EDB;
	}
	layout(pv);
	if ((rc = load(pv)) != CB_OK) {
		pv_free(pv);
		return rc;
	}
	return ui_view_push(&plan_ops, pv) ? CB_OK : CB_EDB;
}
