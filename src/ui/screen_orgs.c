/* screen_orgs.c - party organisations as a tree, with the rating of a
 * chosen year; Enter lists the cadres of one organisation (and of the
 * organisations under it).
 *
 * Guarantees: the tree is read when the screen opens and again when the
 * user comes back to it (store_org_tree_uncounted, the office's unit
 * subtree); another year reads only the organisations' ratings of that
 * year; a rating set here is one store call, audited. An organisation
 * that `canbo ratings check` reports for the year - itself or one of its
 * cadres - is marked, with the warnings on the status line and listed by
 * the Warnings key (rating_warnings.h: the same checks, the same words).
 * What reads the whole province - the counts of cadres, then the checks -
 * runs when the keyboard rests and gives way to a key (orgs_idle), so no
 * key waits for it; the rows show no count and no mark until then, never
 * those of another year.
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rating_warnings.h"
#include "text.h"
#include "trash.h"

#define MAX_DEPTH 16

/* How many cadres are rated "xuất sắc" over the cap, for the row. */
static const char *excess_label(int excess)
{
	static char buf[64];
	snprintf(buf, sizeof buf, _("excellent +%d over the cap"), excess);
	return buf;
}

struct org_line {
	org_row o;
	int excess;	 /* cadres rated "xuất sắc" over the cap, 0 = within it */
	size_t warnings; /* findings of the checks on the year's ratings */
	char prefix[MAX_DEPTH * 4 + 8]; /* tree lines drawn before the name */
};

struct orgs_state {
	app *a;
	int64_t unit_id; /* the office's unit, 0 = the province */
	int year;
	struct org_line *lines;
	size_t n;
	ui_listview *lv; /* typed at the list: jumps to an organisation */
	char title[128];
	rating_warnings warn;
	eval_scope scope;
	bool counted; /* the rows' counts of cadres are read (orgs_idle) */
};

/* Marks each row as last among its siblings, then builds its prefix from
 * its ancestors' "more siblings below" flags. */
static void build_prefixes(struct org_line *l, size_t n)
{
	bool more[MAX_DEPTH + 1] = {false};

	for (size_t i = 0; i < n; i++) {
		int d = l[i].o.depth < 0 ? 0 : l[i].o.depth > MAX_DEPTH ? MAX_DEPTH : l[i].o.depth;
		bool last = true;
		for (size_t j = i + 1; j < n; j++) {
			if (l[j].o.depth < d)
				break;
			if (l[j].o.depth == d) {
				last = false;
				break;
			}
		}
		size_t len = 0;
		l[i].prefix[0] = '\0';
		for (int k = 1; k < d; k++)
			len += (size_t)snprintf(l[i].prefix + len, sizeof l[i].prefix - len, "%s",
						more[k] ? ui_glyph(UI_G_TREE_BAR) : "  ");
		if (d > 0)
			snprintf(l[i].prefix + len, sizeof l[i].prefix - len, "%s",
				 ui_glyph(last ? UI_G_TREE_END : UI_G_TREE_MID));
		more[d] = !last;
	}
}

/* Marks the organisations that the checks on the year's ratings report
 * (as `canbo ratings check` does), and those over the cap on "xuất sắc".
 * The checks read the whole year (seconds at a million cadres), so the
 * tree is shown first and they run when the keyboard rests (orgs_idle),
 * giving way to a key; the Warnings key runs them at once. Returns true
 * when the marks changed. */
static bool mark_warnings(struct orgs_state *st, bool idle)
{
	cb_error err = {0};
	int rc;

	if (st->warn.known || !st->n)
		return false;
	rc = idle ? rating_warnings_load_idle(&st->warn, st->a->db, &st->scope, st->year, &err)
		  : rating_warnings_load(&st->warn, st->a->db, &st->scope, st->year, &err);
	if (rc == CB_STOPPED)
		return false;
	if (rc != CB_OK)
		ui_flash(UI_ERROR, "%s", err.msg);
	for (size_t i = 0; i < st->n; i++) {
		rating_warning_key k = {.org_id = st->lines[i].o.id};
		const eval_finding *cap = rating_warnings_find(&st->warn, k, EVAL_CHECK_CAP);
		st->lines[i].excess = cap ? cap->excess : 0;
		st->lines[i].warnings = rating_warnings_count(&st->warn, k);
	}
	ui_invalidate();
	return true;
}

static void orgs_load(struct orgs_state *st)
{
	org_row *rows = NULL;
	size_t n = 0;
	cb_error err = {0};
	char rating[64];

	/* the counts of cadres walk a million index entries: orgs_idle */
	if (store_org_tree_uncounted(st->a->db, st->unit_id, st->year, &rows, &n, &err) != CB_OK)
		n = 0;
	st->counted = false;
	free(st->lines);
	st->lines = calloc(n ? n : 1, sizeof *st->lines);
	st->n = st->lines ? n : 0;
	for (size_t i = 0; i < st->n; i++)
		st->lines[i].o = rows[i];
	free(rows);
	build_prefixes(st->lines, st->n);
	rating_warnings_forget(&st->warn); /* the rows have no mark until checked */
	snprintf(rating, sizeof rating, "%s %d", _("Rating"), st->year);
	ui_listview_set_label(st->lv, 2, rating);
	ui_listview_set_rows(st->lv, st->lines, st->n, &err);
}

/* Another year of the same tree: only the organisations' ratings are
 * read again (the tree and its counts of cadres do not change with the
 * year), and the marks wait for that year's checks. */
struct id_line {
	int64_t id;
	size_t line;
};

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct id_line *)a)->id, y = ((const struct id_line *)b)->id;
	return (x > y) - (x < y);
}

struct regrade {
	struct orgs_state *st;
	struct id_line *ids; /* the lines by organisation id */
};

static void set_grade(void *ctx, int64_t id, int grade)
{
	struct regrade *r = ctx;
	struct id_line key = {id, 0}, *hit = bsearch(&key, r->ids, r->st->n, sizeof *r->ids, by_id);

	if (hit)
		r->st->lines[hit->line].o.grade = grade;
}

static void orgs_change_year(struct orgs_state *st, int year)
{
	struct regrade r = {st, malloc((st->n ? st->n : 1) * sizeof *r.ids)};
	cb_error err = {0};
	char rating[64];

	st->year = year;
	if (!r.ids) {
		orgs_load(st);
		return;
	}
	for (size_t i = 0; i < st->n; i++) {
		r.ids[i] = (struct id_line){st->lines[i].o.id, i};
		st->lines[i].o.grade = 0;
		st->lines[i].excess = 0;
		st->lines[i].warnings = 0;
	}
	qsort(r.ids, st->n, sizeof *r.ids, by_id);
	rating_warnings_forget(&st->warn);
	if (store_org_ratings(st->a->db, year, set_grade, &r, &err) != CB_OK)
		ui_flash(UI_ERROR, "%s", err.msg);
	free(r.ids);
	snprintf(rating, sizeof rating, "%s %d", _("Rating"), st->year);
	ui_listview_set_label(st->lv, 2, rating);
}

static int cell_name(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct org_line *l = row;

	(void)ctx;
	if (l->excess)
		snprintf(buf, cap, "%s%s  %s", l->prefix, l->o.name, excess_label(l->excess));
	else
		snprintf(buf, cap, "%s%s", l->prefix, l->o.name);
	return l->warnings ? UI_WARN : UI_NORMAL;
}

/* The row's mark: a warning sign when the checks report it; the selected
 * row keeps its arrow (its warnings are on the status line). */
static const char *org_mark(void *ctx, const void *row, int *role)
{
	struct orgs_state *st = ctx;

	if (!((const struct org_line *)row)->warnings || row == ui_listview_selected(st->lv))
		return NULL;
	*role = UI_WARN;
	return ui_glyph(UI_G_WARN);
}

static int cell_kind(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%s", model_label(ENUM_ORGKIND, ((const struct org_line *)row)->o.kind));
	return UI_NORMAL;
}

static int cell_grade(void *ctx, const void *row, char *buf, size_t cap)
{
	int g = ((const struct org_line *)row)->o.grade;

	(void)ctx;
	snprintf(buf, cap, "%s", g ? model_label(ENUM_GRADE, g) : _("not rated"));
	return g == 0 ? UI_DIM : GRADE_GOOD_OR_BETTER(g) ? UI_GOOD : UI_WARN;
}

static int cell_cadres(void *ctx, const void *row, char *buf, size_t cap)
{
	int n = ((const struct org_line *)row)->o.cadres;

	(void)ctx;
	if (n < 0) /* not counted yet */
		buf[0] = '\0';
	else
		snprintf(buf, cap, "%d", n);
	return UI_NORMAL;
}

static const char *org_line_name(const void *row)
{
	return ((const struct org_line *)row)->o.name;
}

static const ui_column orgs_columns[] = {
	{N_("Organisation"), 24, 6, 0, OUT_LEFT, OUT_STR, cell_name, 0, 0},
	{N_("Kind"), 14, 1, 1, OUT_LEFT, OUT_STR, cell_kind, 0, 0},
	{N_("Rating"), 18, 1, 0, OUT_LEFT, OUT_STR, cell_grade, 0, 0},
	{N_("Cadres"), 0, 0, 0, OUT_RIGHT, OUT_NUM, cell_cadres, 0, 0},
};

static const ui_listview_def orgs_list_def = {
	.cols = orgs_columns,
	.ncols = sizeof orgs_columns / sizeof orgs_columns[0],
	.noun = N_("organisations"),
	.empty = N_("Nothing to show."),
	.export_title = N_("Party organisations"),
	.find_text = org_line_name,
	.mark = org_mark,
};

static void orgs_layout(struct orgs_state *st)
{
	ui_listview_set_rect(st->lv, ui_body());
}

static void orgs_draw(ui_view *v, bool full)
{
	struct orgs_state *st = v->state;
	ui_listview_draw(st->lv, full);
}

static const char *orgs_title(ui_view *v)
{
	struct orgs_state *st = v->state;
	snprintf(st->title, sizeof st->title, "%s %d", _("Party organisations, ratings of"),
		 st->year);
	return st->title;
}

/* The status line: the position and the search typed, then the selected
 * organisation's warnings (cut first when the line is short). */
static void orgs_status(ui_view *v, char *buf, size_t cap)
{
	struct orgs_state *st = v->state;
	const struct org_line *l = ui_listview_selected(st->lv);
	size_t len;

	ui_listview_status(st->lv, NULL, buf, cap);
	len = strlen(buf);
	if (st->n && !st->warn.known && len + 2 < cap) {
		snprintf(buf + len, cap - len, "  %s", rating_warnings_pending());
		return;
	}
	if (!l || !l->warnings || len + 2 >= cap)
		return;
	snprintf(buf + len, cap - len, "  ");
	rating_warnings_line(&st->warn, (rating_warning_key){.org_id = l->o.id}, UI_CTX_ORGS,
			     buf + len + 2, cap - len - 2);
}

static void show_warnings(struct orgs_state *st)
{
	const struct org_line *l = ui_listview_selected(st->lv);
	char title[400];

	if (!l)
		return;
	mark_warnings(st, false);
	snprintf(title, sizeof title, _("Warnings on the ratings of %d: %s"), st->year, l->o.name);
	rating_warnings_show(&st->warn, (rating_warning_key){.org_id = l->o.id}, title);
}

static void rate_selected(struct orgs_state *st)
{
	const struct org_line *l = ui_listview_selected(st->lv);
	int grade;
	cb_error err = {0};
	char title[400];

	if (!l)
		return;
	grade = l->o.grade ? l->o.grade : 2;
	snprintf(title, sizeof title, "%s %d: %s", _("Rating"), st->year, l->o.name);
	if (!ui_pick_enum(title, ENUM_GRADE, false, &grade))
		return;
	if (store_org_rating_set(st->a->db, l->o.id, st->year, grade, &err) != CB_OK) {
		ui_message(_("Not saved"), err.msg);
		return;
	}
	ui_flash(UI_GOOD, "%s", _("Rating saved."));
	orgs_load(st);
}

/* An organisation goes to the trash with its ratings and plans; one that
 * still has cadres or organisations under it stays, and the user is told
 * what to move first. */
static void delete_selected(struct orgs_state *st)
{
	const struct org_line *l = ui_listview_selected(st->lv);
	trash_effect *e = calloc(1, sizeof *e);
	char q[1024], what[256];
	cb_error err = {0};

	if (!e || !l || !ui_may_edit(st->a))
		goto out;
	if (trash_effect_of(st->a->db, "org", l->o.id, e, &err) != CB_OK) {
		ui_message(_("Not deleted"), err.msg);
		goto out;
	}
	if (e->nblockers) {
		trash_counts_text(e->blockers, e->nblockers, what, sizeof what);
		snprintf(q, sizeof q,
			 _("Still attached to it: %s; move or delete those first. Nothing was "
			   "deleted"),
			 what);
		ui_message(_("Not deleted"), q);
		goto out;
	}
	trash_effect_question(e, l->o.name, q, sizeof q);
	if (!ui_confirm(q))
		goto out;
	if (trash_delete(st->a->db, "org", l->o.id, l->o.version, NULL, &err) != CB_OK)
		ui_message(_("Not deleted"), err.msg);
	else
		ui_flash(UI_GOOD, _("%s was moved to the trash."), l->o.name);
	orgs_load(st);
	ui_invalidate();
out:
	free(e);
}

static void open_cadres(struct orgs_state *st)
{
	const struct org_line *l = ui_listview_selected(st->lv);
	cadre_filter f;

	if (!l)
		return;
	filter_init(&f);
	f.org_id = l->o.id;
	ui_open_cadre_list(st->a, &f, l->o.name);
}

static int orgs_key(ui_view *v, int action, ui_key key)
{
	struct orgs_state *st = v->state;

	if (ui_listview_key(st->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_OPEN:
		open_cadres(st);
		return UI_HANDLED;
	case UI_ACT_YEAR_PREV:
	case UI_ACT_YEAR_NEXT:
		orgs_change_year(st, st->year + (action == UI_ACT_YEAR_NEXT ? 1 : -1));
		ui_invalidate();
		return UI_HANDLED;
	case UI_ACT_RATE:
		rate_selected(st);
		return UI_HANDLED;
	case UI_ACT_WARNINGS:
		show_warnings(st);
		return UI_HANDLED;
	case UI_ACT_SHEET:
		ui_open_rating_sheet(st->a, st->year);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		delete_selected(st);
		return UI_HANDLED;
	case UI_ACT_NEW:
	case UI_ACT_EDIT: {
		const struct org_line *l = ui_listview_selected(st->lv);
		if (ui_may_edit(st->a) && (l || action == UI_ACT_NEW))
			ui_open_org_form(st->a, action == UI_ACT_EDIT ? l->o.id : 0,
					 action == UI_ACT_NEW && l ? l->o.id : 0, 0, NULL);
		return UI_HANDLED;
	}
	case UI_ACT_PLANS: {
		const struct org_line *l = ui_listview_selected(st->lv);
		if (l && ui_screen_links()->org_plans)
			ui_screen_links()->org_plans(st->a, l->o.id);
		return UI_HANDLED;
	}
	default:
		return UI_UNHANDLED;
	}
}

static void orgs_resize(ui_view *v)
{
	orgs_layout(v->state);
}

static void orgs_reveal(ui_view *v)
{
	orgs_load(v->state);
}

static void set_count(void *ctx, int64_t id, int cadres)
{
	struct regrade *r = ctx;
	struct id_line key = {id, 0}, *hit = bsearch(&key, r->ids, r->st->n, sizeof *r->ids, by_id);

	if (hit)
		r->st->lines[hit->line].o.cadres = cadres;
}

/* Fills the column of cadres (0 for an organisation no cadre names).
 * Returns true when it did; a key typed meanwhile leaves it for later. */
static bool count_cadres(struct orgs_state *st)
{
	struct regrade r = {st, malloc((st->n ? st->n : 1) * sizeof *r.ids)};
	int *counts = malloc((st->n ? st->n : 1) * sizeof *counts);
	cb_error err = {0};
	int rc;

	if (st->counted || !st->n)
		return false;
	if (!r.ids || !counts) {
		free(r.ids);
		free(counts);
		return false;
	}
	for (size_t i = 0; i < st->n; i++) {
		r.ids[i] = (struct id_line){st->lines[i].o.id, i};
		counts[i] = st->lines[i].o.cadres;
		st->lines[i].o.cadres = 0;
	}
	qsort(r.ids, st->n, sizeof *r.ids, by_id);
	rc = store_org_cadre_counts(st->a->db, ui_input_waiting, NULL, set_count, &r, &err);
	if (rc == CB_STOPPED) /* back to unknown, read again at the next pause */
		for (size_t i = 0; i < st->n; i++)
			st->lines[i].o.cadres = counts[i];
	else if (rc != CB_OK)
		ui_flash(UI_ERROR, "%s", err.msg);
	st->counted = rc != CB_STOPPED;
	free(r.ids);
	free(counts);
	if (st->counted)
		ui_invalidate();
	return st->counted;
}

/* When the keyboard rests: the counts of cadres, then the checks. */
static bool orgs_idle(ui_view *v)
{
	struct orgs_state *st = v->state;
	bool counted = count_cadres(st);

	if (!st->counted)
		return false;
	return mark_warnings(st, true) || counted;
}

static void orgs_close(ui_view *v)
{
	struct orgs_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->lines);
	rating_warnings_free(&st->warn);
	free(st);
}

static const ui_view_ops orgs_ops = {
	.name = "orgs",
	.context = UI_CTX_ORGS,
	.title = orgs_title,
	.draw = orgs_draw,
	.key = orgs_key,
	.resize = orgs_resize,
	.status = orgs_status,
	.idle = orgs_idle,
	.reveal = orgs_reveal,
	.close = orgs_close,
};

int screen_orgs_open(app *a)
{
	struct orgs_state *st = calloc(1, sizeof *st);
	int y, m, d;

	if (!st)
		return CB_EDB;
	st->a = a;
	date_to_ymd(a->today, &y, &m, &d);
	st->year = y - 1; /* the last completed review */
	if (app_unit_code(a)) {
		unit_row u;
		cb_error err = {0};
		if (store_unit_by_code(a->db, app_unit_code(a), &u, &err) == CB_OK) {
			st->unit_id = u.id;
			st->scope = (eval_scope){u.lo, u.hi};
		}
	}
	rating_warnings_init(&st->warn, a);
	st->lv = ui_listview_new_array(&orgs_list_def, sizeof(struct org_line), st);
	if (!st->lv) {
		rating_warnings_free(&st->warn);
		free(st);
		return CB_EDB;
	}
	orgs_layout(st);
	orgs_load(st);
	return ui_view_push(&orgs_ops, st) ? CB_OK : CB_EDB;
}
