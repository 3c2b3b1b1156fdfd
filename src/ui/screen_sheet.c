/* screen_sheet.c - the rating sheet: the cadres (or, after Tab, the party
 * organisations) of a scope with their grade for a year, one function key
 * per grade, marks as in mc (Ctrl-Space, +, \, *), and the writes to the
 * marked rows (a grade, a training, the planning pool). The status line
 * counts each grade as it changes.
 *
 * Guarantees: the rows are rating_sheet_load's (the reader's scope, the
 * same cadres as the cadre list); every write is rating_sheet.h's, so
 * each record is checked and audited by the store and a write to several
 * records is all or nothing; a grade given to more than one record asks
 * first, naming the scope, the year, the grade and the count. The rows are
 * read again after every write and whenever the screen comes back.
 */
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "marked_actions.h"
#include "model.h"
#include "rating_sheet.h"

struct sheet_state {
	app *a;
	bool orgs;
	int year;
	ui_scope scope;
	rating_sheet_row *rows;
	size_t n;
	int counts[RATING_SHEET_GRADES];
	ui_listview *lv;
	char title[300];
};

/* ---- columns ------------------------------------------------------------ */

static int cell_born(void *ctx, const void *row, char *buf, size_t cap)
{
	const rating_sheet_row *r = row;
	cb_date d;
	char day[11] = "";

	(void)ctx;
	if (date_parse_iso(r->birth_date, &d))
		date_format_vn(d, day);
	snprintf(buf, cap, "%s", day);
	return UI_NORMAL;
}

static int cell_grade(void *ctx, const void *row, char *buf, size_t cap)
{
	int g = ((const rating_sheet_row *)row)->grade;
	(void)ctx;
	snprintf(buf, cap, "%s", g ? model_label(ENUM_GRADE, g) : _("not rated"));
	return g == 0 ? UI_DIM : GRADE_GOOD_OR_BETTER(g) ? UI_GOOD : UI_WARN;
}

static int cell_org_name(void *ctx, const void *row, char *buf, size_t cap)
{
	const rating_sheet_row *r = row;
	(void)ctx;
	snprintf(buf, cap, "%*s%s", 2 * (r->depth > 8 ? 8 : r->depth), "", r->name);
	return UI_NORMAL;
}

static const char *row_name(const void *row)
{
	return ((const rating_sheet_row *)row)->name;
}

static int64_t row_id(const void *row)
{
	return ((const rating_sheet_row *)row)->id;
}

/* The grade keeps its room (its labels are long); the unit, then the
 * birth date, go first on a narrow terminal. */
static const ui_column cadre_columns[] = {
	{N_("Full name"), 16, 16, 0, UI_ALIGN_NAME, OUT_STR, NULL,
	 UI_TEXT_AT(rating_sheet_row, name), 0},
	{N_("Born"), 10, 0, 2, OUT_LEFT, OUT_STR, cell_born, 0, 0},
	{N_("Position"), 12, 16, 1, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(rating_sheet_row, position),
	 0},
	{N_("Unit"), 10, 10, 3, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(rating_sheet_row, unit), 0},
	{N_("Rating"), 24, 4, 0, OUT_LEFT, OUT_STR, cell_grade, 0, 0},
};

static const ui_column org_columns[] = {
	{N_("Organisation"), 24, 40, 0, OUT_LEFT, OUT_STR, cell_org_name, 0, 0},
	{N_("Kind"), 14, 10, 1, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(rating_sheet_row, position), 0},
	{N_("Rating"), 28, 0, 0, OUT_LEFT, OUT_STR, cell_grade, 0, 0},
};

static const ui_listview_def cadre_def = {
	.cols = cadre_columns,
	.ncols = sizeof cadre_columns / sizeof cadre_columns[0],
	.noun = N_("cadres"),
	.empty = N_("No cadre in this scope."),
	.export_title = N_("Rating sheet"),
	.find_text = row_name,
	.mark_id = row_id,
};

static const ui_listview_def org_def = {
	.cols = org_columns,
	.ncols = sizeof org_columns / sizeof org_columns[0],
	.noun = N_("organisations"),
	.empty = N_("No party organisation in this scope."),
	.export_title = N_("Rating sheet"),
	.find_text = row_name,
	.mark_id = row_id,
};

/* ---- data --------------------------------------------------------------- */

static void sheet_load(struct sheet_state *st)
{
	cb_error err = {0};
	char label[64];

	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (rating_sheet_load(st->a->db, st->orgs, st->scope.lo, st->scope.hi, st->scope.unit_id,
			      st->year, st->a->today, &st->rows, &st->n, &err) != CB_OK)
		st->n = 0;
	rating_sheet_count(st->rows, st->n, st->counts);
	snprintf(label, sizeof label, _("Rating %d"), st->year);
	ui_listview_set_label(st->lv, st->orgs ? 2 : 4, label);
	ui_listview_set_rows(st->lv, st->rows, st->n, &err);
	snprintf(st->title, sizeof st->title, "%s %d: %s · %s", _("Rating sheet"), st->year,
		 st->orgs ? _("party organisations") : _("cadres"), st->scope.name);
}

/* A new list view for the kind of rows shown (marks do not carry over:
 * cadres and organisations are numbered apart). */
static bool sheet_view(struct sheet_state *st)
{
	ui_listview *lv = ui_listview_new_array(st->orgs ? &org_def : &cadre_def,
						sizeof(rating_sheet_row), st);
	if (!lv)
		return false;
	ui_listview_free(st->lv);
	st->lv = lv;
	ui_listview_set_rect(st->lv, ui_body());
	return true;
}

static void row_name_of(void *ctx, int64_t id, char *buf, size_t cap)
{
	struct sheet_state *st = ctx;
	for (size_t i = 0; i < st->n; i++)
		if (st->rows[i].id == id) {
			snprintf(buf, cap, "%s", st->rows[i].name);
			return;
		}
	snprintf(buf, cap, "#%lld", (long long)id);
}

/* The records an action applies to: the marked rows shown, else the
 * selected one. *marked tells which. malloc'd; NULL when none. */
static int64_t *targets(struct sheet_state *st, size_t *n, bool *marked)
{
	const int64_t *ids;
	size_t nm = ui_listview_marked(st->lv, &ids), k = 0;
	int64_t *out = malloc((nm ? st->n : 1) * sizeof *out + 1);
	const rating_sheet_row *sel = ui_listview_selected(st->lv);

	*n = 0;
	*marked = nm > 0;
	if (!out)
		return NULL;
	if (nm) {
		for (size_t i = 0; i < st->n; i++)
			if (ui_listview_is_marked(st->lv, st->rows[i].id))
				out[k++] = st->rows[i].id;
	} else if (sel)
		out[k++] = sel->id;
	*n = k;
	return out;
}

static int grade_of(const struct sheet_state *st, int64_t id)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->rows[i].id == id)
			return st->rows[i].grade;
	return 0;
}

static void set_grade(struct sheet_state *st, int grade)
{
	size_t n, k = 0, replaced = 0;
	bool marked;
	int64_t *ids = targets(st, &n, &marked);

	if (!ids)
		return;
	/* only the rows whose grade changes are written (and audited) */
	for (size_t i = 0; i < n; i++) {
		int old = grade_of(st, ids[i]);
		if (old == grade)
			continue;
		replaced += old != 0;
		ids[k++] = ids[i];
	}
	if (n && ui_marked_grade(st->a, st->orgs, ids, k, replaced, n - k, st->year, grade,
				 st->scope.name, row_name_of, st)) {
		if (marked)
			ui_listview_unmark_all(st->lv);
		else
			ui_list_move(ui_listview_list(st->lv), UI_ACT_DOWN);
	}
	free(ids);
	sheet_load(st);
	ui_invalidate();
}

static void cadre_action(struct sheet_state *st, int action)
{
	size_t n;
	bool marked, done;
	int64_t *ids;

	if (st->orgs) {
		ui_flash(UI_DIM, "%s", _("Trainings and the planning pool are for cadres (Tab)."));
		return;
	}
	if (!(ids = targets(st, &n, &marked)))
		return;
	done = action == UI_ACT_TRAINING
		       ? ui_marked_training(st->a, ids, n, st->year, row_name_of, st)
		       : ui_marked_pool(st->a, ids, n, st->year, row_name_of, st);
	if (done && marked)
		ui_listview_unmark_all(st->lv);
	free(ids);
	ui_invalidate();
}

/* ---- the view ----------------------------------------------------------- */

static const char *sheet_title(ui_view *v)
{
	return ((struct sheet_state *)v->state)->title;
}

static void sheet_draw(ui_view *v, bool full)
{
	ui_listview_draw(((struct sheet_state *)v->state)->lv, full);
}

/* i/n, then each grade with its count. */
static void sheet_status(ui_view *v, char *buf, size_t cap)
{
	struct sheet_state *st = v->state;
	char extra[400];
	size_t len;

	snprintf(extra, sizeof extra, "  ");
	for (int g = 1; g < RATING_SHEET_GRADES; g++) {
		len = strlen(extra);
		/* short forms: every count fits 80 columns (the key bar
		 * names the grades whole) */
		snprintf(extra + len, sizeof extra - len, "%s %d, ", model_grade_short(g),
			 st->counts[g]);
	}
	len = strlen(extra);
	snprintf(extra + len, sizeof extra - len, "%s %d", _("not rated"), st->counts[0]);
	ui_listview_status(st->lv, extra, buf, cap);
}

static void choose_scope(struct sheet_state *st)
{
	ui_scope s;

	if (!ui_pick_scope(st->a, N_("Scope of the rating sheet"), &st->scope, &s))
		return;
	st->scope = s;
	ui_listview_unmark_all(st->lv);
	sheet_load(st);
}

static int sheet_key(ui_view *v, int action, ui_key key)
{
	struct sheet_state *st = v->state;
	const rating_sheet_row *r;
	cadre_filter f;
	char period[16];

	if (ui_listview_key(st->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_GRADE_1:
	case UI_ACT_GRADE_2:
	case UI_ACT_GRADE_3:
	case UI_ACT_GRADE_4:
		set_grade(st, action - UI_ACT_GRADE_1 + 1);
		return UI_HANDLED;
	case UI_ACT_UNGRADE:
		set_grade(st, 0);
		return UI_HANDLED;
	case UI_ACT_TRAINING:
	case UI_ACT_POOL_ADD:
		cadre_action(st, action);
		return UI_HANDLED;
	case UI_ACT_YEAR_PREV:
	case UI_ACT_YEAR_NEXT:
		st->year += action == UI_ACT_YEAR_NEXT ? 1 : -1;
		sheet_load(st);
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_SCOPE:
		choose_scope(st);
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_SHEET_KIND:
		st->orgs = !st->orgs;
		if (!sheet_view(st))
			st->orgs = !st->orgs;
		sheet_load(st);
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_EVAL_SHEET:
		snprintf(period, sizeof period, "%d", st->year);
		ui_open_eval_sheet(st->a, period, &st->scope);
		return UI_HANDLED;
	case UI_ACT_OPEN:
		if (!(r = ui_listview_selected(st->lv)))
			return UI_HANDLED;
		if (!st->orgs) {
			ui_open_cadre(st->a, r->id);
			return UI_HANDLED;
		}
		filter_init(&f);
		f.org_id = r->id;
		ui_open_cadre_list(st->a, &f, r->name);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void sheet_resize(ui_view *v)
{
	struct sheet_state *st = v->state;
	ui_listview_set_rect(st->lv, ui_body());
}

static void sheet_reveal(ui_view *v)
{
	sheet_load(v->state);
}

static void sheet_close(ui_view *v)
{
	struct sheet_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->rows);
	free(st);
}

static const ui_view_ops sheet_ops = {
	.name = "rating-sheet",
	.context = UI_CTX_SHEET, /* letters search; grades on F2-F5 */
	.title = sheet_title,
	.draw = sheet_draw,
	.key = sheet_key,
	.resize = sheet_resize,
	.status = sheet_status,
	.reveal = sheet_reveal,
	.close = sheet_close,
};

void ui_sheet_default_scope(app *a, ui_scope *s)
{
	const char *code = app_unit_code(a);
	const cfg *c = a->config;
	unit_row u;
	cb_error err = {0};

	*s = (ui_scope){.unit = -1};
	snprintf(s->name, sizeof s->name, "%s", app_scope_name(a));
	if (!code || store_unit_by_code(a->db, code, &u, &err) != CB_OK)
		return;
	for (size_t i = 0; i < c->unit_count; i++)
		if (strcmp(c->units[i].code, code) == 0) {
			s->unit = (int)i;
			snprintf(s->name, sizeof s->name, "%s", c->units[i].name);
		}
	s->unit_id = u.id;
	s->lo = u.lo;
	s->hi = u.hi;
}

int ui_open_rating_sheet(app *a, int year)
{
	struct sheet_state *st = calloc(1, sizeof *st);

	if (!st)
		return CB_EDB;
	st->a = a;
	st->year = year;
	ui_sheet_default_scope(a, &st->scope);
	if (!sheet_view(st)) {
		free(st);
		return CB_EDB;
	}
	sheet_load(st);
	return ui_view_push(&sheet_ops, st) ? CB_OK : CB_EDB;
}
