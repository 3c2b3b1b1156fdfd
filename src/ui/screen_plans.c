/* screen_plans.c - the list of action plans: by year, scope (province or
 * district) and owner, each with its items done/total and overdue count
 * (the form of a plan itself is in screen_plan_form.c; choosing the owner
 * of a new plan in plans_owner_pick.c; carrying a year over in
 * plans_carry.c; the text helpers the plan screens share in plans_text.c).
 *
 * Guarantees:
 * - A plan with an overdue item stands out twice: the warning colour and a
 *   "!" marker in the first column, so it reads in monochrome too.
 * - At most PLANS_UI_MAX plans are held (a province year can have tens of
 *   thousands): the status line says when the list was cut and how to
 *   narrow it (by district, by year).
 * - Every change goes through the core (plans.h): one transaction, audited,
 *   version-checked; a refused change is shown, never lost silently.
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

#define PLANS_UI_MAX 5000

/* The columns of the list. */
enum { PC_OWNER, PC_DISTRICT, PC_YEAR, PC_ADOPTED, PC_DONE, PC_OVERDUE };

struct plans_view {
	app *a;
	plans_query q;
	int64_t scope_unit;		/* unit id of the scope, 0 = all */
	ui_scope picked;		/* the scope last chosen */
	int64_t owner_cadre, owner_org; /* opened for one owner: new plans are theirs */
	char scope[200];
	char title[300];
	plan *rows;
	size_t n, cap;
	bool more;	  /* cut at PLANS_UI_MAX */
	int with_overdue; /* plans with an overdue item */
	ui_listview *lv;  /* typed at the list: jumps to an owner */
};

/* ---- the list ----------------------------------------------------------- */

static int collect(const plan *p, void *ctx)
{
	struct plans_view *pv = ctx;
	if (pv->n == PLANS_UI_MAX) {
		pv->more = true;
		return 1;
	}
	if (pv->n == pv->cap) {
		size_t cap = pv->cap ? pv->cap * 2 : 64;
		plan *r = realloc(pv->rows, cap * sizeof *r);
		if (!r)
			return -1;
		pv->rows = r;
		pv->cap = cap;
	}
	pv->rows[pv->n++] = *p;
	if (p->overdue)
		pv->with_overdue++;
	return 0;
}

static void make_title(struct plans_view *pv)
{
	char year[32] = "";
	if (pv->q.year)
		snprintf(year, sizeof year, _(" - %d"), pv->q.year);
	snprintf(pv->title, sizeof pv->title, "%s%s - %s%s", _("Action plans"), year, pv->scope,
		 pv->q.overdue_only ? _(" - overdue only") : "");
}

static void load(struct plans_view *pv)
{
	cb_error err = {0};
	int rc;

	pv->n = 0;
	pv->more = false;
	pv->with_overdue = 0;
	pv->q.ref = pv->a->today;
	rc = plans_each(pv->a->db, &pv->q, collect, pv, &err);
	if (rc < 0)
		ui_flash(UI_ERROR, "%s", _("Out of memory"));
	else if (rc > 1)
		ui_flash(UI_ERROR, "%s", err.msg);
	ui_listview_set_rows(pv->lv, pv->rows, pv->n, NULL);
	ui_listview_show_column(pv->lv, PC_YEAR, pv->q.year == 0);
	make_title(pv);
	/* Other rows, perhaps none, and the year column comes and goes: the
	 * whole body is drawn again. */
	ui_invalidate();
}

/* ---- columns: a plan with an overdue item is in the warning colour and
 * marked "!" in its first column ---------------------------------------- */

static int row_tone(void *ctx, const void *row)
{
	(void)ctx;
	return ((const plan *)row)->overdue ? UI_WARN : UI_NORMAL;
}

static const char *row_mark(void *ctx, const void *row, int *role)
{
	(void)ctx;
	*role = UI_WARN;
	return ((const plan *)row)->overdue ? ui_glyph(UI_G_WARN) : NULL;
}

static int cell_district(void *ctx, const void *row, char *buf, size_t cap)
{
	const plan *p = row;

	(void)ctx;
	snprintf(buf, cap, "%s", p->district_name[0] ? p->district_name : p->unit_name);
	return row_tone(ctx, row);
}

static int cell_year(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%d", ((const plan *)row)->year);
	return row_tone(ctx, row);
}

static int cell_adopted(void *ctx, const void *row, char *buf, size_t cap)
{
	const plan *p = row;
	char d[11];

	(void)ctx;
	snprintf(buf, cap, "%s",
		 p->adopted_on[0] ? screen_plans_date(p->adopted_on, d) : _("draft"));
	return row_tone(ctx, row);
}

static int cell_done(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%d/%d", ((const plan *)row)->remedied, ((const plan *)row)->items);
	return row_tone(ctx, row);
}

static int cell_overdue(void *ctx, const void *row, char *buf, size_t cap)
{
	const plan *p = row;

	(void)ctx;
	if (p->overdue)
		snprintf(buf, cap, "%d", p->overdue);
	return row_tone(ctx, row);
}

static const char *plan_owner(const void *row)
{
	return ((const plan *)row)->owner;
}

static const ui_column plans_columns[] = {
	[PC_OWNER] = {N_("Owner"), 20, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(plan, owner), 0},
	[PC_DISTRICT] = {N_("District"), 18, 0, 1, OUT_LEFT, OUT_STR, cell_district, 0, 0},
	[PC_YEAR] = {N_("Year"), 5, 0, 0, OUT_LEFT, OUT_NUM, cell_year, 0, 0},
	[PC_ADOPTED] = {N_("Adopted"), 12, 0, 0, OUT_LEFT, OUT_STR, cell_adopted, 0, 0},
	[PC_DONE] = {N_("Done"), 9, 0, 0, OUT_LEFT, OUT_STR, cell_done, 0, 0},
	[PC_OVERDUE] = {N_("Overdue"), 0, 0, 0, OUT_RIGHT, OUT_NUM, cell_overdue, 0, 0},
};

static const ui_listview_def plans_list_def = {
	.tone = row_tone,
	.cols = plans_columns,
	.ncols = sizeof plans_columns / sizeof plans_columns[0],
	.noun = N_("plans"),
	.export_title = N_("Action plans"),
	.find_text = plan_owner,
	.mark = row_mark,
};

static void layout(struct plans_view *pv)
{
	char empty[300];

	snprintf(empty, sizeof empty,
		 _("No action plans here. Press %s to add one, %s and %s to change the year."),
		 ui_keys_label_for(UI_CTX_PLANS, UI_ACT_NEW),
		 ui_keys_label_for(UI_CTX_PLANS, UI_ACT_YEAR_PREV),
		 ui_keys_label_for(UI_CTX_PLANS, UI_ACT_YEAR_NEXT));
	ui_listview_set_empty(pv->lv, empty);
	ui_listview_set_rect(pv->lv, ui_body());
}

static const char *pv_title(ui_view *v)
{
	return ((struct plans_view *)v->state)->title;
}

static void pv_draw(ui_view *v, bool full)
{
	struct plans_view *pv = v->state;
	ui_listview_draw(pv->lv, full);
}

static void pv_status(ui_view *v, char *buf, size_t cap)
{
	struct plans_view *pv = v->state;
	char extra[300], more[200] = "";

	if (pv->more)
		snprintf(more, sizeof more,
			 _(" (only the first %d shown: choose a scope or a year)"), PLANS_UI_MAX);
	snprintf(extra, sizeof extra, _("; %d with overdue items"), pv->with_overdue);
	snprintf(extra + strlen(extra), sizeof extra - strlen(extra), "%s", more);
	ui_listview_status(pv->lv, extra, buf, cap);
}

/* ---- a new plan (its owner is chosen in plans_owner_pick.c) ---------------- */

static void new_plan(struct plans_view *pv)
{
	plan p;
	int ty, tm, td;

	if (!ui_may_edit(pv->a))
		return;
	memset(&p, 0, sizeof p);
	p.cadre_id = pv->owner_cadre;
	p.org_id = pv->owner_org;
	if (p.cadre_id || p.org_id) {
		snprintf(p.owner, sizeof p.owner, "%s", pv->scope);
	} else {
		const ui_choice kinds[] = {{0, _("A party organisation")}, {1, _("A cadre")}};
		int k = ui_pick(_("Whose plan is it?"), kinds, 2, 0);
		if (k < 0)
			return;
		if (k == 1 ? !screen_plans_pick_cadre(pv->a, pv->q.unit_lo, pv->q.unit_hi,
						      &p.cadre_id, p.owner, sizeof p.owner)
			   : !screen_plans_pick_org(pv->a, pv->scope_unit, pv->q.year, &p.org_id,
						    p.owner, sizeof p.owner))
			return;
	}
	date_to_ymd(pv->a->today, &ty, &tm, &td);
	p.year = pv->q.year ? pv->q.year : ty;
	p.sources = 1;
	if (screen_plan_form_open(pv->a, &p, true, NULL) != CB_OK)
		ui_flash(UI_ERROR, "%s", _("Out of memory"));
}

/* ---- other actions --------------------------------------------------------- */

static void delete_plan(struct plans_view *pv, const plan *p)
{
	char q[1024], what[PLAN_OWNER_MAX + 128];
	trash_effect e;
	cb_error err = {0};

	if (!ui_may_edit(pv->a))
		return;
	if (trash_effect_of(pv->a->db, "plan", p->id, &e, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
		load(pv);
		return;
	}
	snprintf(what, sizeof what, _("the plan of %s for %d"), p->owner, p->year);
	trash_effect_question(&e, what, q, sizeof q);
	if (!ui_confirm(q))
		return;
	if (plans_delete(pv->a->db, p->id, p->version, &err) != CB_OK)
		ui_message(_("Not deleted"), err.msg);
	else
		ui_flash(UI_GOOD, "%s", _("Plan moved to the trash."));
	load(pv);
}

/* The scope a bulk action covers, in words. */
static void scope_words(const struct plans_view *pv, char *buf, size_t cap)
{
	if (pv->owner_cadre || pv->owner_org)
		snprintf(buf, cap, _("the plan of %s"), pv->n ? pv->rows[0].owner : pv->scope);
	else if (pv->q.unit_lo == 0)
		snprintf(buf, cap, "%s", _("the whole province"));
	else
		snprintf(buf, cap, _("the whole of %s"), pv->scope);
}

/* Carries the year's open items into the next (asks first, plans_carry.c). */
static void carry_over(struct plans_view *pv)
{
	char where[300];

	scope_words(pv, where, sizeof where);
	if (screen_plans_carry(pv->a, &pv->q, where))
		load(pv);
}

static void choose_scope(struct plans_view *pv)
{
	ui_scope sc;

	if (!ui_pick_scope(pv->a, N_("Which plans?"), &pv->picked, &sc))
		return;
	pv->picked = sc;
	pv->q.unit_lo = sc.lo;
	pv->q.unit_hi = sc.hi;
	pv->scope_unit = sc.unit_id;
	snprintf(pv->scope, sizeof pv->scope, "%s", sc.name);
	load(pv);
}

static void step_year(struct plans_view *pv, int delta)
{
	int ty, tm, td;
	date_to_ymd(pv->a->today, &ty, &tm, &td);
	if (!pv->q.year)
		pv->q.year = ty;
	else
		pv->q.year += delta;
	if (pv->q.year > ty + 1)
		/* One owner's plans: past the last year comes "every year". */
		pv->q.year = pv->owner_cadre || pv->owner_org ? 0 : ty + 1;
	if (pv->q.year < 2000)
		pv->q.year = 2000;
	load(pv);
}

static int pv_key(ui_view *v, int action, ui_key key)
{
	struct plans_view *pv = v->state;
	const plan *sel = pv->n ? ui_listview_selected(pv->lv) : NULL;

	if (ui_listview_key(pv->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_OPEN:
		if (sel)
			screen_plan_open(pv->a, sel->id);
		return UI_HANDLED;
	case UI_ACT_NEW:
		new_plan(pv);
		return UI_HANDLED;
	case UI_ACT_EDIT:
		if (sel && ui_may_edit(pv->a))
			screen_plan_form_open(pv->a, sel, false, NULL);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		if (sel)
			delete_plan(pv, sel);
		return UI_HANDLED;
	case UI_ACT_YEAR_PREV:
	case UI_ACT_YEAR_NEXT:
		step_year(pv, action == UI_ACT_YEAR_PREV ? -1 : 1);
		return UI_HANDLED;
	case UI_ACT_OVERDUE:
		pv->q.overdue_only = !pv->q.overdue_only;
		load(pv);
		return UI_HANDLED;
	case UI_ACT_SUMMARY: {
		plans_query q = pv->q;
		int ty, tm, td;
		date_to_ymd(pv->a->today, &ty, &tm, &td);
		if (!q.year && plans_latest_year(pv->a->db, &q, &q.year, &(cb_error){0}) != CB_OK)
			q.year = ty;
		screen_plans_summary_open(pv->a, &q, pv->scope);
		return UI_HANDLED;
	}
	case UI_ACT_CARRY:
		carry_over(pv);
		return UI_HANDLED;
	case UI_ACT_SCOPE:
		if (!pv->owner_cadre && !pv->owner_org)
			choose_scope(pv);
		return UI_HANDLED;
	case UI_ACT_SELFCHECK:
		screen_selfcheck_open(pv->a, pv->q.unit_lo, pv->q.unit_hi, pv->scope);
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

static void pv_free(struct plans_view *pv)
{
	if (!pv)
		return;
	ui_listview_free(pv->lv);
	free(pv->rows);
	free(pv);
}

static void pv_close(ui_view *v)
{
	pv_free(v->state);
}

static const ui_view_ops plans_ops = {
	.name = "plans",
	.context = UI_CTX_PLANS,
	.title = pv_title,
	.draw = pv_draw,
	.key = pv_key,
	.resize = pv_resize,
	.status = pv_status,
	.reveal = pv_reveal,
	.close = pv_close,
};

static struct plans_view *pv_new(app *a)
{
	struct plans_view *pv = calloc(1, sizeof *pv);
	if (!pv)
		return NULL;
	pv->a = a;
	plans_query_init(&pv->q, a->today);
	pv->lv = ui_listview_new_array(&plans_list_def, sizeof(plan), pv);
	if (!pv->lv) {
		free(pv);
		return NULL;
	}
	/* the tier-2 unit, named as [hierarchy] names it (communes in a
	 * two-tier province) */
	ui_listview_set_label(pv->lv, PC_DISTRICT, a->config->tier_label[2]);
	layout(pv);
	return pv;
}

static int pv_push(struct plans_view *pv)
{
	load(pv);
	return ui_view_push(&plans_ops, pv) ? CB_OK : CB_EDB;
}

/* The office's scope: its district, else the whole province. */
static void office_scope(struct plans_view *pv)
{
	cb_error err = {0};
	unit_row u, *tops = NULL;
	size_t n = 0;

	pv->picked.unit = app_scope_unit(pv->a);
	if (app_unit_code(pv->a) &&
	    store_unit_by_code(pv->a->db, app_unit_code(pv->a), &u, &err) == CB_OK) {
		pv->q.unit_lo = u.lo;
		pv->q.unit_hi = u.hi;
		pv->scope_unit = u.id;
		snprintf(pv->scope, sizeof pv->scope, "%s", u.name);
		return;
	}
	if (store_unit_children(pv->a->db, 0, &tops, &n, &err) == CB_OK && n > 0)
		snprintf(pv->scope, sizeof pv->scope, "%s", tops[0].name);
	else
		snprintf(pv->scope, sizeof pv->scope, "%s", _("All units"));
	free(tops);
}

int screen_selfcheck_open_office(app *a)
{
	struct plans_view *pv = pv_new(a);
	int rc;

	if (!pv)
		return CB_EDB;
	office_scope(pv);
	rc = screen_selfcheck_open(a, pv->q.unit_lo, pv->q.unit_hi, pv->scope);
	pv_free(pv);
	return rc;
}

int screen_plans_open(app *a)
{
	struct plans_view *pv = pv_new(a);
	int ty, tm, td;

	if (!pv)
		return CB_EDB;
	office_scope(pv);
	date_to_ymd(a->today, &ty, &tm, &td);
	if (plans_latest_year(a->db, &pv->q, &pv->q.year, &(cb_error){0}) != CB_OK)
		pv->q.year = ty;
	return pv_push(pv);
}

int screen_plans_open_query(app *a, const plans_query *q, const char *label)
{
	struct plans_view *pv = pv_new(a);
	if (!pv)
		return CB_EDB;
	pv->q = *q;
	pv->owner_org = q->org_members;
	snprintf(pv->scope, sizeof pv->scope, "%s", label);
	return pv_push(pv);
}

int ui_plans_open_for_cadre(app *a, int64_t cadre_id)
{
	struct plans_view *pv = pv_new(a);
	cadre *c = calloc(1, sizeof *c);
	cb_error err = {0};

	if (!pv || !c || store_cadre_get(a->db, cadre_id, c, &err) != CB_OK) {
		if (err.msg[0])
			ui_flash(UI_ERROR, "%s", err.msg);
		free(c);
		pv_free(pv);
		return CB_NOT_FOUND;
	}
	pv->q.cadre_id = cadre_id;
	pv->owner_cadre = cadre_id;
	snprintf(pv->scope, sizeof pv->scope, "%s", c->full_name);
	free(c);
	return pv_push(pv);
}

int ui_plans_open_for_org(app *a, int64_t org_id)
{
	struct plans_view *pv = pv_new(a);
	org_row o;
	cb_error err = {0};

	if (!pv || store_org_get(a->db, org_id, &o, &err) != CB_OK) {
		if (err.msg[0])
			ui_flash(UI_ERROR, "%s", err.msg);
		pv_free(pv);
		return CB_NOT_FOUND;
	}
	pv->q.org_members = org_id;
	pv->owner_org = org_id;
	snprintf(pv->scope, sizeof pv->scope, "%s", o.name);
	return pv_push(pv);
}
