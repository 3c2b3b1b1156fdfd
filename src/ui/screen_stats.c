/* screen_stats.c - the breakdowns and targets screen.
 *
 * Two faces, switched with t:
 *  - a breakdown of the chosen population in the chosen scope by one
 *    dimension (count, %, bar) or two crossed (a table of counts);
 *  - the target panel: every target of the resolution with its goal, the
 *    actual figure, met or not and how many are missing; in the province
 *    view one column per district beside the whole province.
 * Enter on any count opens the cadre list of exactly those cadres (the
 * cell's cadre_filter from stats.h); Esc comes back to the same cell, and
 * the figures are counted again in case a record was fixed meanwhile.
 * All figures come from the engine (stats.h): no SQL here. A breakdown
 * by rating marks the grades that `canbo ratings check` has warnings on
 * for the year and scope (rating_warnings.h), with the warnings on the
 * status line and listed by the Warnings key; the checks read the whole
 * year, so they run when the keyboard rests (stats_idle) and the figures
 * never wait for them.
 *
 * This file holds the state, the counting, the keys, the choices and the
 * drill-down; stats_draw.c draws it.
 */
#include "screen_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "output.h"
#include "sheet.h"
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"

/* ---- computing ---------------------------------------------------------- */

bool stats_screen_province(const stats_state *st)
{
	return st->scope_unit < 0;
}

/* Effective targets of the scope's district (or the province's). */
static void scope_targets(const stats_state *st, int pct[TARGET_COUNT])
{
	const cfg *c = st->a->config;
	const cfg_district *d = st->scope_unit > 0 ? config_unit_district(c, st->scope_unit) : NULL;
	for (int id = 0; id < TARGET_COUNT; id++)
		pct[id] = config_target(c, d, id);
}

static void compute(stats_state *st)
{
	int pct[TARGET_COUNT];
	int rc;

	cb_error_clear(&st->err);
	free(st->cols);
	st->cols = NULL;
	st->ncols = 0;
	rating_warnings_forget(&st->warn); /* checked when the keyboard rests */
	if (!st->targets) {
		rc = stats_query_prepare(&st->q, st->a->config, &st->err);
		if (!rc)
			rc = stats_run(st->a->db, &st->q, &st->t, &st->err);
	} else if (stats_screen_province(st)) {
		rc = targets_by_district(st->a->db, st->a->config, st->q.base.as_of, st->q.year,
					 &st->cols, &st->ncols, &st->err);
	} else {
		memset(&st->one, 0, sizeof st->one);
		st->one.scope = st->q.base;
		snprintf(st->one.name, sizeof st->one.name, "%s", st->scope_name);
		scope_targets(st, pct);
		rc = targets_eval(st->a->db, &st->one.scope, st->q.year, pct, st->one.result,
				  &st->err);
	}
	st->computed = rc == CB_OK;
}

bool stats_screen_checking(const stats_state *st)
{
	return st->computed && !st->targets && st->q.dim[0] == DIM_RATING && !st->warn.known;
}

/* The warnings of a breakdown by rating: the checks read the whole year
 * (seconds at a million cadres), so the figures are shown first and they
 * run when the keyboard rests (stats_idle), giving way to a key; the
 * Warnings key runs them at once. Returns true when the marks changed. */
static bool check_ratings(stats_state *st, bool idle)
{
	eval_scope sc = {st->q.base.unit_lo, st->q.base.unit_hi};
	cb_error err = {0};
	int rc;

	if (!stats_screen_checking(st))
		return false;
	rc = idle ? rating_warnings_load_idle(&st->warn, st->a->db, &sc, st->q.year, &err)
		  : rating_warnings_load(&st->warn, st->a->db, &sc, st->q.year, &err);
	if (rc == CB_STOPPED)
		return false;
	if (rc != CB_OK)
		ui_flash(UI_ERROR, "%s", err.msg);
	ui_invalidate();
	return true;
}

/* Rows and selectable columns of what is shown. */
int stats_screen_rows(const stats_state *st)
{
	if (st->targets)
		return TARGET_COUNT;
	return st->t.axis[0].n + 1 + (st->t.has_under40 ? 1 : 0);
}

static int ncols(const stats_state *st)
{
	if (st->targets)
		return stats_screen_province(st) ? (int)st->ncols : 1;
	return st->q.dim[1] == DIM_NONE ? 1 : st->t.axis[1].n + 1;
}

void stats_screen_clamp(stats_state *st)
{
	if (st->row >= stats_screen_rows(st))
		st->row = stats_screen_rows(st) - 1;
	if (st->col >= ncols(st))
		st->col = ncols(st) - 1;
	if (st->row < 0)
		st->row = 0;
	if (st->col < 0)
		st->col = 0;
}

/* ---- words -------------------------------------------------------------- */

/* "Huyện Tân Hưng" -> "Tân Hưng": the unit's name without its kind, for
 * narrow columns. */
const char *stats_screen_short_name(const char *name)
{
	static const char *const kinds[] = {"Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ",
					    "Quận ",	  "Phường ", "Xã ",	  "Tỉnh "};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(name, kinds[i], n) == 0 && name[n])
			return name + n;
	}
	return name;
}

static const char *stats_title(ui_view *v)
{
	(void)v;
	return _("Breakdowns and targets");
}

/* ---- what a row is ------------------------------------------------------ */

void stats_screen_row_label(const stats_state *st, int r, char *buf, size_t cap)
{
	const stats_table *t = &st->t;
	if (r < t->axis[0].n)
		snprintf(buf, cap, "%s", t->axis[0].label[r]);
	else if (r == t->axis[0].n)
		snprintf(buf, cap, "%s", _("Total"));
	else
		snprintf(buf, cap, "%s", _("of whom under 40"));
}

/* The warnings a row of a breakdown by rating shows: those about the
 * cadres of its grade ("not rated" and the totals have none). */
rating_warning_key stats_screen_row_warnings(const stats_state *st, int r, size_t *n)
{
	const stats_axis *ax = &st->t.axis[0];
	rating_warning_key k = {.grade = -1};

	*n = 0;
	if (!st->targets && ax->dim == DIM_RATING && r < ax->n && ax->code[r] > 0) {
		k.grade = ax->code[r];
		*n = rating_warnings_count(&st->warn, k);
	}
	return k;
}

const target_column *stats_screen_column_at(const stats_state *st, int c)
{
	return stats_screen_province(st) ? &st->cols[c] : &st->one;
}

/* ---- drill-down ------------------------------------------------------------ */

static void open_cell(stats_state *st)
{
	cadre_filter f;
	char title[256], label[80];
	int r = st->row, c = st->col;
	const stats_table *t = &st->t;
	int rr = r < t->axis[0].n ? r : r == t->axis[0].n ? STATS_ALL : STATS_UNDER40;
	int cc = t->axis[1].dim == DIM_NONE || c >= t->axis[1].n ? STATS_ALL : c;

	stats_cell_filter(&st->q, t, rr, cc, &f);
	stats_screen_row_label(st, r, label, sizeof label);
	if (cc != STATS_ALL)
		snprintf(title, sizeof title, "%s, %s · %s", label, t->axis[1].label[cc],
			 st->scope_name);
	else
		snprintf(title, sizeof title, "%s · %s", label, st->scope_name);
	if (ui_open_cadre_list(st->a, &f, title) != CB_OK)
		ui_flash(UI_ERROR, "%s", _("Could not open the list"));
}

/* Which list behind a target: asked in a small pick-list. */
static void open_target(stats_state *st)
{
	static const int kinds[] = {TL_NUM, TL_SHORT, TL_DEN, TL_POOL};
	const char *names[] = {_("Those who meet it"), _("Those who do not meet it"),
			       _("Everyone counted"), _("Candidates in the planning pool")};
	const target_column *col = stats_screen_column_at(st, st->col);
	ui_choice ch[4];
	cadre_filter f;
	char title[256];
	int n = 0, pick;

	if (target_is_org(st->row)) {
		ui_flash(UI_WARN, "%s",
			 _("This target counts party organisations: see the organisations screen"));
		return;
	}
	for (int k = 0; k < 4; k++)
		if (target_filter(st->row, kinds[k], &col->scope, st->q.year, &f))
			ch[n++] = (ui_choice){kinds[k], names[k]};
	if ((pick = ui_pick(target_label(st->row), ch, n, 0)) < 0)
		return;
	target_filter(st->row, (int)ch[pick].value, &col->scope, st->q.year, &f);
	snprintf(title, sizeof title, "%s · %s · %s", target_label(st->row), ch[pick].label,
		 stats_screen_short_name(col->name));
	if (ui_open_cadre_list(st->a, &f, title) != CB_OK)
		ui_flash(UI_ERROR, "%s", _("Could not open the list"));
}

static void show_warnings(stats_state *st)
{
	char title[400], label[80];
	size_t n;
	rating_warning_key k;

	if (!st->computed || st->targets || st->q.dim[0] != DIM_RATING) {
		ui_flash(UI_WARN, "%s", _("Warnings are shown on a breakdown by rating"));
		return;
	}
	check_ratings(st, false);
	k = stats_screen_row_warnings(st, st->row, &n);
	stats_screen_row_label(st, st->row, label, sizeof label);
	snprintf(title, sizeof title, _("Warnings on the ratings of %d: %s · %s"), st->q.year,
		 label, st->scope_name);
	rating_warnings_show(&st->warn, k, title);
}

/* ---- choosing -------------------------------------------------------------- */

static void choose_dim(stats_state *st, int which)
{
	ui_choice ch[DIM_COUNT + 1];
	int n = 0, cur = 0, pick;

	if (which == 1)
		ch[n++] = (ui_choice){DIM_NONE, _("None")};
	for (int d = 0; d < DIM_COUNT; d++) {
		if (which == 1 && d == st->q.dim[0])
			continue;
		if (d == st->q.dim[which])
			cur = n;
		ch[n++] = (ui_choice){d, stats_dim_label(d)};
	}
	if ((pick = ui_pick(which ? _("Cross with") : _("Break down by"), ch, n, cur)) < 0)
		return;
	st->q.dim[which] = (int)ch[pick].value;
	if (which == 0 && st->q.dim[1] == st->q.dim[0])
		st->q.dim[1] = DIM_NONE;
	if (st->q.dim[which] == DIM_TRAINING) {
		int kind = st->q.training_kind;
		if (ui_pick_enum(_("Training kind"), ENUM_TRAINING, true, &kind))
			st->q.training_kind = kind;
	}
	st->row = st->col = st->top = st->left = 0;
}

static void choose_population(stats_state *st)
{
	ui_choice ch[POP_COUNT];
	int pick;

	for (int p = 0; p < POP_COUNT; p++)
		ch[p] = (ui_choice){p, population_label(p)};
	if ((pick = ui_pick(_("Who is counted"), ch, POP_COUNT, st->q.base.population)) >= 0)
		st->q.base.population = (int)ch[pick].value;
}

/* Whole province, or any configured unit (its subtree). */
static void choose_scope(stats_state *st)
{
	ui_scope cur = {.unit = st->scope_unit}, sc;

	if (!ui_pick_scope(st->a, N_("Scope"), &cur, &sc))
		return;
	st->scope_unit = sc.unit;
	st->q.base.unit_lo = sc.lo;
	st->q.base.unit_hi = sc.hi;
	snprintf(st->scope_name, sizeof st->scope_name, "%s", sc.name);
	st->row = st->col = st->top = st->left = 0;
}

/* ---- keys ------------------------------------------------------------------ */

static bool stats_move(stats_state *st, int action)
{
	int page = ui_body().h - STATS_HEAD_ROWS - 1;

	switch (action) {
	case UI_ACT_UP:
		st->row--;
		break;
	case UI_ACT_DOWN:
		st->row++;
		break;
	case UI_ACT_PGUP:
		st->row -= page;
		break;
	case UI_ACT_PGDN:
		st->row += page;
		break;
	case UI_ACT_HOME:
		st->row = 0;
		break;
	case UI_ACT_END:
		st->row = stats_screen_rows(st) - 1;
		break;
	case UI_ACT_CELL_LEFT:
		st->col--;
		break;
	case UI_ACT_CELL_RIGHT:
		st->col++;
		break;
	default:
		return false;
	}
	stats_screen_clamp(st);
	return true;
}

/* The export key: the breakdown, cross-tab or target panel as shown. */
static int write_sheet(FILE *f, int format, void *ctx)
{
	stats_state *st = ctx;
	sheet_targets s;
	int rc = CB_OK;

	if (!st->targets)
		return sheet_breakdown(f, format, st->a, &st->q, &st->t, st->scope_name);
	if (sheet_targets_begin(&s, f, format, st->a, stats_screen_province(st), st->scope_name,
				st->q.year))
		return CB_EDB;
	if (stats_screen_province(st)) {
		for (size_t c = 0; c < st->ncols && !rc; c++)
			for (int id = 0; id < TARGET_COUNT && !rc; id++)
				rc = sheet_targets_row(&s, &st->cols[c], &st->cols[c].result[id]);
	} else {
		for (int id = 0; id < TARGET_COUNT && !rc; id++)
			rc = sheet_targets_row(&s, &st->one, &st->one.result[id]);
	}
	if (rc) {
		out_discard(s.w);
		return rc;
	}
	return sheet_targets_end(&s);
}

static int stats_key(ui_view *v, int action, ui_key key)
{
	stats_state *st = v->state;

	if (stats_move(st, action))
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_OPEN:
		if (st->computed && st->targets)
			open_target(st);
		else if (st->computed && st->t.total > 0)
			open_cell(st);
		return UI_HANDLED;
	case UI_ACT_DIMENSION:
		choose_dim(st, 0);
		break;
	case UI_ACT_CROSS:
		choose_dim(st, 1);
		break;
	case UI_ACT_POPULATION:
		choose_population(st);
		break;
	case UI_ACT_SCOPE:
		choose_scope(st);
		break;
	case UI_ACT_TARGETS:
		st->targets = !st->targets;
		st->row = st->col = st->top = st->left = 0;
		break;
	case UI_ACT_YEAR_PREV:
		st->q.year--;
		break;
	case UI_ACT_YEAR_NEXT:
		st->q.year++;
		break;
	case UI_ACT_WARNINGS:
		show_warnings(st);
		return UI_HANDLED;
	case UI_ACT_EXPORT:
		if (st->computed) {
			char name[160];
			snprintf(name, sizeof name, "%s %s %s",
				 st->targets ? _("The resolution's targets")
					     : stats_dim_label(st->q.dim[0]),
				 !st->targets && st->q.dim[1] != DIM_NONE
					 ? stats_dim_label(st->q.dim[1])
					 : "",
				 st->scope_name);
			ui_export_sheet(st->a, name, write_sheet, st);
		}
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
	compute(st);
	ui_invalidate();
	return UI_HANDLED;
}

/* Back from a drill-down: count again (a record may have been fixed),
 * keeping the same cell selected. */
static void stats_reveal(ui_view *v)
{
	compute(v->state);
}

static bool stats_idle(ui_view *v)
{
	stats_state *st = v->state;
	cb_error err;

	/* the walk of the scope's cadres and the year's records kept, so that
	 * the next keys count from memory; it gives way to a key, and should
	 * it fail or give way, they read the database as before and report
	 * any error themselves */
	stats_walk_prefetch(st->a->db, &st->q.base, st->q.year, ui_input_waiting, NULL, &err);
	return check_ratings(st, true);
}

static void stats_close(ui_view *v)
{
	stats_state *st = v->state;
	if (st) {
		stats_keep_walks(st->a->db, false);
		free(st->cols);
		rating_warnings_free(&st->warn);
	}
	free(st);
}

static const ui_view_ops stats_ops = {
	.name = "stats",
	.context = UI_CTX_STATS,
	.title = stats_title,
	.draw = stats_screen_draw,
	.key = stats_key,
	.status = stats_screen_status,
	.idle = stats_idle,
	.reveal = stats_reveal,
	.close = stats_close,
};

/* The query the screen opens on: the user's unit scope, today, the
 * latest year with records. */
static void opening_query(app *a, stats_query *q)
{
	int y, m, d;
	cb_error err;

	stats_query_init(q, a->config);
	q->base.as_of = a->today;
	date_to_ymd(a->today, &y, &m, &d);
	cb_error_clear(&err);
	q->year = stats_latest_year(a->db, y, &err);
	if (app_scope_unit(a) >= 0) {
		unit_row u;
		if (store_unit_by_code(a->db, app_unit_code(a), &u, &err) == CB_OK) {
			q->base.unit_lo = u.lo;
			q->base.unit_hi = u.hi;
		}
	}
}

bool screen_stats_prefetch(app *a)
{
	stats_query q;
	cb_error err;
	int kept;

	opening_query(a, &q);
	/* a shorter walk opens the screen within a frame anyway: no memory
	 * is held for it */
	if (!stats_walk_is_long(a->db, &q.base))
		return false;
	kept = stats_walk_kept_count();
	stats_keep_walks(a->db, true);
	stats_walk_prefetch(a->db, &q.base, q.year, ui_input_waiting, NULL, &err);
	/* nothing shown changes, but the work done is traced as idle work
	 * (CANBO_TRACE_FRAMES) */
	return stats_walk_kept_count() != kept;
}

void screen_stats_prefetch_drop(app *a)
{
	stats_keep_walks(a->db, false);
}

int screen_stats_open(app *a)
{
	stats_state *st = calloc(1, sizeof *st);

	if (!st)
		return CB_EDB;
	st->a = a;
	rating_warnings_init(&st->warn, a);
	opening_query(a, &st->q);
	st->scope_unit = app_scope_unit(a) >= 0 ? app_scope_unit(a) : -1;
	snprintf(st->scope_name, sizeof st->scope_name, "%s",
		 st->scope_unit >= 0 ? a->config->units[st->scope_unit].name : app_scope_name(a));
	/* every key here counts the same cadres again: from a walk kept in
	 * memory once the keyboard rests (stats_idle, or the main menu's:
	 * screen_stats_prefetch) */
	stats_keep_walks(a->db, true);
	compute(st);
	return ui_view_push(&stats_ops, st) ? CB_OK : CB_EDB;
}
