/* screen_plan.c - one action plan: its items in a list, the selected
 * item's details and dated progress notes below, and the form of an item.
 *
 * Guarantees:
 * - An overdue item is drawn in the warning colour and marked "!" (a
 *   remedied one is marked with a check), so the list reads in monochrome.
 * - A progress note takes two keys: n, then the text and Enter. The note is
 *   dated with the reference date and signed with the Unix user.
 * - Verification (v) is offered only to users with the verify right of the
 *   office; the core refuses it otherwise too, and refuses it on an item
 *   that is not remedied.
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
	return *role == UI_WARN ? ui_glyph(UI_G_WARN) : *role == UI_GOOD ? ui_glyph(UI_G_CHECK) : NULL;
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
	snprintf(buf, cap, "%s", ((const plan_item *)row)->verified_on[0] ? ui_glyph(UI_G_CHECK) : "");
	return item_tone(ctx, row);
}

static const ui_column item_columns[] = {
	{N_("Shortcoming"), 20, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(plan_item, shortcoming), 0},
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
		 p->adopted_on[0] ? screen_plans_date(p->adopted_on, d) : _("not yet (draft)"), src);
	ui_put(stdscr, b.y, b.x, b.w, line, UI_NORMAL);
	snprintf(line, sizeof line,
		 _("Items: %d   remedied: %d   overdue: %d   carried over: %d   not yet verified: %d"),
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
				 screen_plans_date(it->verified_on, d2), it->verified_by, it->verdict);
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

/* ---- the item form ---------------------------------------------------------- */

/* Drafts kept when the terminal goes away: an edit (row = the item, with
 * the version it was read at) or a new item (row = its plan). */
#define DRAFT_ITEM "plan-item"
#define DRAFT_NEW_ITEM "plan-item-new"
#define DRAFT_NOTE "plan-note"
#define DRAFT_VERIFY "plan-verify"

enum { IF_SHORT, IF_SOURCE, IF_CAUSE, IF_RESP, IF_WHO, IF_MEASURES, IF_DEADLINE, IF_CHARGE,
       IF_STATE, IF_REMEDIED, IF_COUNT };

struct item_form {
	app *a;
	plan_item *it; /* base: plan_id, id, version */
	ui_field_def defs[IF_COUNT];
	ui_choice sources[3], resps[2], states[3];
	ui_form *form;
	char title[PLAN_OWNER_MAX + 64];
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
	f->defs[IF_SHORT] = (ui_field_def){N_("Shortcoming"), UI_FIELD_TEXT, true, PLAN_TEXT_MAX - 1,
					   0, 0, NULL, 0};
	f->defs[IF_SOURCE] = (ui_field_def){N_("Source"), UI_FIELD_CHOICE, true, 0, 0, 0,
					    f->sources, 3};
	f->defs[IF_CAUSE] = (ui_field_def){N_("Cause"), UI_FIELD_TEXT, false, PLAN_TEXT_MAX - 1, 0,
					   0, NULL, 0};
	f->defs[IF_RESP] = (ui_field_def){N_("Responsibility"), UI_FIELD_CHOICE, true, 0, 0, 0,
					  f->resps, 2};
	f->defs[IF_WHO] = (ui_field_def){N_("Responsible"), UI_FIELD_TEXT, false, PLAN_WHO_MAX - 1,
					 0, 0, NULL, 0};
	f->defs[IF_MEASURES] = (ui_field_def){N_("Measures"), UI_FIELD_TEXT, false,
					      PLAN_TEXT_MAX - 1, 0, 0, NULL, 0};
	f->defs[IF_DEADLINE] = (ui_field_def){N_("Deadline"), UI_FIELD_DATE, false, 0, 0, 0, NULL, 0};
	f->defs[IF_CHARGE] = (ui_field_def){N_("In charge"), UI_FIELD_TEXT, false, PLAN_WHO_MAX - 1,
					    0, 0, NULL, 0};
	f->defs[IF_STATE] = (ui_field_def){N_("State"), UI_FIELD_CHOICE, true, 0, 0, 0, f->states, 3};
	f->defs[IF_REMEDIED] = (ui_field_def){N_("Remedied on"), UI_FIELD_DATE, false, 0, 0, 0,
					      NULL, 0};
}

static void set_date(ui_form *form, int i, const char *iso)
{
	cb_date d;
	if (iso[0] && date_parse_iso(iso, &d))
		ui_form_set_date(form, i, d);
}

static void if_fill(struct item_form *f)
{
	const plan_item *it = f->it;
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

static void if_read(struct item_form *f, plan_item *it)
{
	*it = *f->it;
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

static const char *if_draft(const struct item_form *f)
{
	return f->it->id ? DRAFT_ITEM : DRAFT_NEW_ITEM;
}

static int if_save(struct item_form *f)
{
	cb_error err = {0};
	plan_item *it = malloc(sizeof *it);
	int rc;

	if (!it)
		return UI_HANDLED;
	if (ui_form_validate(f->form, &err) != CB_OK) {
		free(it);
		return UI_HANDLED;
	}
	if_read(f, it);
	rc = it->id ? plans_item_update(f->a->db, it, f->a->today, &err)
		    : plans_item_add(f->a->db, it, f->a->today, &err);
	free(it);
	if (rc) {
		ui_form_set_error(f->form, -1, err.msg);
		if (rc == CB_ESTALE)
			ui_message(_("Someone else saved this item first"),
				   _("Nothing was overwritten. Press Esc to leave the form; the plan "
				     "shows the version saved meanwhile, which you can edit again."));
		return UI_HANDLED;
	}
	ui_flash(UI_GOOD, "%s", _("Item saved."));
	return UI_CLOSE;
}

static int if_key(ui_view *v, int action, ui_key key)
{
	struct item_form *f = v->state;
	switch (action) {
	case UI_ACT_SAVE:
		return if_save(f);
	case UI_ACT_CANCEL:
		if (!ui_form_may_discard(f->form))
			return UI_HANDLED;
		return UI_CLOSE;
	default:
		return ui_form_key(f->form, action, key);
	}
}

static const char *if_title(ui_view *v)
{
	return ((struct item_form *)v->state)->title;
}

static void if_layout(struct item_form *f)
{
	ui_form_place_under_hint(f->form);
}

static void if_draw(ui_view *v, bool full)
{
	struct item_form *f = v->state;
	ui_form_draw_with_hint(f->form, full,
			       _("%s saves, %s cancels; %s or Left/Right change a choice."),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_SAVE),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_CANCEL),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_PICK));
}

static bool if_dirty(ui_view *v)
{
	return ui_form_changed(((struct item_form *)v->state)->form);
}

static void if_resize(ui_view *v)
{
	if_layout(v->state);
}

static void if_close(ui_view *v)
{
	struct item_form *f = v->state;
	ui_form_free(f->form);
	free(f->it);
	free(f);
}

static const ui_view_ops item_form_ops = {
	.name = "plan-item-form",
	.context = UI_CTX_FORM,
	.title = if_title,
	.draw = if_draw,
	.key = if_key,
	.resize = if_resize,
	.dirty = if_dirty,
	.close = if_close,
};

/* The form of a new item of plan p (base NULL) or of an existing one;
 * draft, when not NULL, holds values typed before a lost connection. */
static struct item_form *open_item_form(app *a, const plan *p, const plan_item *base,
					const char *draft)
{
	struct item_form *f = calloc(1, sizeof *f);

	if (!f || !(f->it = calloc(1, sizeof *f->it))) {
		free(f);
		return NULL;
	}
	f->a = a;
	if (base) {
		*f->it = *base;
	} else {
		f->it->plan_id = p->id;
		f->it->source = 1;
		f->it->responsibility = PLAN_COLLECTIVE;
		f->it->state = PLAN_NOT_STARTED;
	}
	if_define(f);
	if (!(f->form = ui_form_new(f->defs, IF_COUNT))) {
		free(f->it);
		free(f);
		return NULL;
	}
	if_fill(f);
	ui_form_mark_clean(f->form);
	if (draft)
		ui_form_load(f->form, draft);
	/* Kept with the version the edit started from, so that a save made
	 * meanwhile is still detected when the draft is restored. */
	ui_form_set_draft(f->form, if_draft(f), f->it->id ? f->it->id : f->it->plan_id,
			  f->it->version);
	snprintf(f->title, sizeof f->title, "%s: %s %d", base ? _("Edit item") : _("New item"),
		 p->owner, p->year);
	if_layout(f);
	if (!ui_view_push(&item_form_ops, f)) {
		ui_flash(UI_ERROR, "%s", _("Out of memory"));
		return NULL;
	}
	return f;
}

/* ---- actions on the selected item ------------------------------------------- */

/* Asks for a progress note of it (draft: text typed before a lost
 * connection, or NULL) and adds it. */
static void add_note(struct plan_view *pv, const plan_item *it, const char *draft)
{
	char *text = calloc(1, PLAN_NOTE_MAX);
	cb_error err = {0};

	if (!text)
		return;
	char prompt[256];

	snprintf(text, PLAN_NOTE_MAX, "%s", draft ? draft : "");
	snprintf(prompt, sizeof prompt, _("Progress note (%s saves it, dated today):"),
		 ui_keys_label_for(UI_CTX_INPUT, UI_ACT_ACCEPT));
	if (ui_input_kept(prompt, text, PLAN_NOTE_MAX, DRAFT_NOTE, it->id, it->version) &&
	    text[0]) {
		if (plans_note_add(pv->a->db, it->id, text, pv->a->today, NULL, &err) != CB_OK)
			ui_message(_("Note not saved"), err.msg);
		else
			ui_flash(UI_GOOD, "%s", _("Note added."));
		load(pv);
	}
	free(text);
}

static void verify(struct plan_view *pv, const plan_item *it, const char *draft)
{
	char *text;
	cb_error err = {0};
	plan_item *copy;

	if (!plans_may_verify(pv->a->config, pv->a->district, pv->a->user)) {
		ui_flash(UI_ERROR, _("User %s may not verify plan items in this office"), pv->a->user);
		return;
	}
	if (it->state != PLAN_REMEDIED) {
		ui_flash(UI_ERROR, "%s",
			 _("Only a remedied item can be verified; mark it remedied first"));
		return;
	}
	if (!(text = calloc(1, PLAN_TEXT_MAX)) || !(copy = malloc(sizeof *copy))) {
		free(text);
		return;
	}
	snprintf(text, PLAN_TEXT_MAX, "%s", draft ? draft : it->verdict);
	*copy = *it;
	if (ui_input_kept(_("Conclusion of the superior's verification:"), text, PLAN_TEXT_MAX,
			  DRAFT_VERIFY, it->id, it->version)) {
		if (plans_item_verify(pv->a->db, pv->a->config, pv->a->district, copy, text,
				      pv->a->today, &err) != CB_OK)
			ui_message(_("Not verified"), err.msg);
		else
			ui_flash(UI_GOOD, "%s", _("Verification recorded."));
		load(pv);
	}
	free(copy);
	free(text);
}

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

static int pv_key(ui_view *v, int action, ui_key key)
{
	struct plan_view *pv = v->state;
	const plan_item *it = pv->n ? ui_listview_selected(pv->lv) : NULL;

	if (ui_listview_key(pv->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_NEW:
		if (ui_may_edit(pv->a))
			open_item_form(pv->a, &pv->p, NULL, NULL);
		return UI_HANDLED;
	case UI_ACT_OPEN:
	case UI_ACT_EDIT:
		if (it && ui_may_edit(pv->a))
			open_item_form(pv->a, &pv->p, it, NULL);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		if (it && ui_may_edit(pv->a))
			delete_item(pv, it);
		return UI_HANDLED;
	case UI_ACT_NOTE:
		if (it && ui_may_edit(pv->a))
			add_note(pv, it, NULL);
		return UI_HANDLED;
	case UI_ACT_VERIFY:
		if (it)
			verify(pv, it, NULL);
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

/* Reopens an item form kept when the terminal went away, over its plan. */
int screen_plan_item_restore(app *a, int64_t row, int64_t version, const char *data)
{
	plan_item *it = calloc(1, sizeof *it);
	cb_error err = {0};
	int rc = it ? plans_item_get(a->db, row, it, &err) : CB_EDB;

	if (!rc && (rc = screen_plan_open(a, it->plan_id)) == CB_OK) {
		struct plan_view *pv = ui_view_top()->state;
		it->version = version; /* the version the edit started from */
		if (!open_item_form(a, &pv->p, it, data))
			rc = CB_EDB;
	}
	free(it);
	return rc;
}

int screen_plan_new_item_restore(app *a, int64_t row, int64_t version, const char *data)
{
	int rc = screen_plan_open(a, row);

	(void)version;
	if (rc == CB_OK) {
		struct plan_view *pv = ui_view_top()->state;
		if (!open_item_form(a, &pv->p, NULL, data))
			rc = CB_EDB;
	}
	return rc;
}

/* The text of a one-field draft (ui_input_kept's "0=" line); malloc'd. */
static char *draft_text(const char *data)
{
	static const ui_field_def def = {"", UI_FIELD_TEXT, false, PLAN_NOTE_MAX, 0, 0, NULL, 0};
	ui_form *f = ui_form_new(&def, 1);
	char *text = NULL;

	if (!f)
		return NULL;
	ui_form_no_draft(f);
	ui_form_load(f, data);
	text = strdup(ui_form_text(f, 0));
	ui_form_free(f);
	return text;
}

/* The plan of an item, opened, with the item as it is now. */
static struct plan_view *open_item_plan(app *a, int64_t item_id, plan_item *it)
{
	cb_error err = {0};
	if (plans_item_get(a->db, item_id, it, &err) != CB_OK) {
		ui_message(_("The item is gone"), err.msg);
		return NULL;
	}
	if (screen_plan_open(a, it->plan_id) != CB_OK)
		return NULL;
	return ui_view_top()->state;
}

/* Reopens the progress-note dialog kept when the terminal went away. */
int screen_plan_note_restore(app *a, int64_t row, int64_t version, const char *data)
{
	plan_item *it = calloc(1, sizeof *it);
	char *text = draft_text(data);
	struct plan_view *pv = it && text ? open_item_plan(a, row, it) : NULL;

	(void)version; /* a note is added, it changes no version */
	if (pv)
		add_note(pv, it, text);
	free(text);
	free(it);
	return pv ? CB_OK : CB_NOT_FOUND;
}

/* Reopens the verification dialog kept when the terminal went away; the
 * item is verified only if no one changed it meanwhile. */
int screen_plan_verify_restore(app *a, int64_t row, int64_t version, const char *data)
{
	plan_item *it = calloc(1, sizeof *it);
	char *text = draft_text(data);
	struct plan_view *pv = it && text ? open_item_plan(a, row, it) : NULL;

	if (pv) {
		it->version = version; /* the version the verification was typed against */
		verify(pv, it, text);
	}
	free(text);
	free(it);
	return pv ? CB_OK : CB_NOT_FOUND;
}
