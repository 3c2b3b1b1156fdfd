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
 * status line and listed by the Warnings key.
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "output.h"
#include "rating_warnings.h"
#include "sheet.h"
#include "stats.h"
#include "text.h"

#define LABEL_W	  22
#define NUM_W	  8
#define PCT_W	  7
#define TLABEL_W  30
#define TCOL_W	  10
#define HEAD_ROWS 3 /* heading, what, column headers */

/* Writes s right-aligned in exactly w columns (cut from the right when
 * too wide, as ui_put does). */
static void put_right(int y, int x, int w, const char *s, int role)
{
	int tw = text_width(s);
	if (w <= 0)
		return;
	if (tw >= w) {
		ui_put(stdscr, y, x, w, s, role);
		return;
	}
	ui_fill(stdscr, y, x, w - tw, role);
	ui_put(stdscr, y, x + w - tw, tw, s, role);
}

static void put_num(int y, int x, int w, int64_t n, int role)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld ", (long long)n);
	put_right(y, x, w, buf, role);
}

typedef struct stats_state {
	app *a;
	bool targets; /* the target panel is shown */
	stats_query q;
	stats_table t;
	int scope_unit; /* index into config units, -1 = whole province */
	char scope_name[CFG_NAME_MAX];
	/* targets */
	target_column *cols; /* province view: whole, province level, districts */
	size_t ncols;
	target_column one; /* a district or commune */
	bool computed;
	cb_error err;
	rating_warnings warn; /* of the year and scope, for a breakdown by rating */
	/* selection: row and column of the table shown, and scrolling */
	int row, col, top, left;
} stats_state;

/* ---- computing ---------------------------------------------------------- */

static bool province_view(const stats_state *st)
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
	st->warn.n = 0;
	if (!st->targets) {
		rc = stats_query_prepare(&st->q, st->a->config, &st->err);
		if (!rc)
			rc = stats_run(st->a->db, &st->q, &st->t, &st->err);
		if (!rc && st->q.dim[0] == DIM_RATING)
			rc = rating_warnings_load(
				&st->warn, st->a->db,
				&(eval_scope){st->q.base.unit_lo, st->q.base.unit_hi}, st->q.year,
				&st->err);
	} else if (province_view(st)) {
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

/* Rows and selectable columns of what is shown. */
static int nrows(const stats_state *st)
{
	if (st->targets)
		return TARGET_COUNT;
	return st->t.axis[0].n + 1 + (st->t.has_under40 ? 1 : 0);
}

static int ncols(const stats_state *st)
{
	if (st->targets)
		return province_view(st) ? (int)st->ncols : 1;
	return st->q.dim[1] == DIM_NONE ? 1 : st->t.axis[1].n + 1;
}

static void clamp(stats_state *st)
{
	if (st->row >= nrows(st))
		st->row = nrows(st) - 1;
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
static const char *short_name(const char *name)
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

static void target_figures(const stats_state *st, char *buf, size_t cap);

static const char *stats_title(ui_view *v)
{
	(void)v;
	return _("Breakdowns and targets");
}

/* The heading: who, where, when. */
static void draw_heading(stats_state *st, ui_rect b)
{
	char date[11], what[256];

	date_format_vn(st->q.base.as_of, date);
	ui_putf(stdscr, b.y, 1, b.w - 2, UI_HEADER, "%s · %s · %s · %s %d",
		st->targets ? _("Targets") : population_label(st->q.base.population),
		st->scope_name, date, _("year"), st->q.year);
	if (st->targets)
		target_figures(st, what, sizeof what);
	else if (st->q.dim[1] == DIM_NONE)
		what[0] = '\0'; /* the column heading says it */
	else
		snprintf(what, sizeof what, "%s × %s", stats_dim_label(st->q.dim[0]),
			 stats_dim_label(st->q.dim[1]));
	ui_put(stdscr, b.y + 1, 1, b.w - 2, what, UI_DIM);
}

/* Keeps the selected row inside the visible rows. */
static void scroll_rows(stats_state *st, int visible)
{
	if (visible < 1)
		visible = 1;
	if (st->row < st->top)
		st->top = st->row;
	if (st->row >= st->top + visible)
		st->top = st->row - visible + 1;
}

static void scroll_cols(stats_state *st, int visible)
{
	if (visible < 1)
		visible = 1;
	if (st->col < st->left)
		st->left = st->col;
	if (st->col >= st->left + visible)
		st->left = st->col - visible + 1;
}

/* ---- drawing the breakdown ------------------------------------------------ */

static void row_label(const stats_state *st, int r, char *buf, size_t cap)
{
	const stats_table *t = &st->t;
	if (r < t->axis[0].n)
		snprintf(buf, cap, "%s", t->axis[0].label[r]);
	else if (r == t->axis[0].n)
		snprintf(buf, cap, "%s", _("Total"));
	else
		snprintf(buf, cap, "%s", _("of whom under 40"));
}

static int64_t row_count(const stats_table *t, int r, int c)
{
	bool one = t->axis[1].dim == DIM_NONE;
	if (r == t->axis[0].n + 1)
		return t->under40;
	if (r == t->axis[0].n)
		return one || c == t->axis[1].n ? t->total : t->col_total[c];
	return one ? t->count[r][0] : c == t->axis[1].n ? t->row_total[r] : t->count[r][c];
}

/* The warnings a row of a breakdown by rating shows: those about the
 * cadres of its grade ("not rated" and the totals have none). */
static rating_warning_key row_warnings(const stats_state *st, int r, size_t *n)
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

/* Column 0 of a row: a warning sign when the row has warnings. */
static void put_mark(stats_state *st, int y, int r)
{
	size_t n;

	row_warnings(st, r, &n);
	if (n)
		ui_put(stdscr, y, 0, 1, ui_glyph(UI_G_WARN), UI_WARN);
	else
		ui_fill(stdscr, y, 0, 1, UI_NORMAL);
}

static void draw_one(stats_state *st, ui_rect b, int y0, int visible)
{
	int bar_w = b.w - 2 - LABEL_W - NUM_W - PCT_W - 2;
	char label[80], pct[16];

	ui_fill(stdscr, y0 - 1, 0, b.w, UI_HEADER);
	ui_put(stdscr, y0 - 1, 1, LABEL_W, stats_dim_label(st->q.dim[0]), UI_HEADER);
	put_right(y0 - 1, 1 + LABEL_W, NUM_W, _("Count"), UI_HEADER);
	put_right(y0 - 1, 1 + LABEL_W + NUM_W, PCT_W, "%", UI_HEADER);
	for (int i = 0; i < visible; i++) {
		int r = st->top + i, y = y0 + i;
		if (r >= nrows(st)) {
			ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
			continue;
		}
		int64_t n = row_count(&st->t, r, 0);
		int role = r == st->row ? UI_SELECTED : r >= st->t.axis[0].n ? UI_DIM : UI_NORMAL;
		row_label(st, r, label, sizeof label);
		stats_pct_label(n, st->t.total, pct, sizeof pct);
		put_mark(st, y, r);
		ui_put(stdscr, y, 1, LABEL_W, label, role);
		put_num(y, 1 + LABEL_W, NUM_W, n, role);
		put_right(y, 1 + LABEL_W + NUM_W, PCT_W, pct, UI_NORMAL);
		ui_fill(stdscr, y, 1 + LABEL_W + NUM_W + PCT_W, 2, UI_NORMAL);
		if (bar_w > 0 && r != st->t.axis[0].n)
			ui_bar(stdscr, y, 3 + LABEL_W + NUM_W + PCT_W, bar_w, (long)n,
			       (long)st->t.total, UI_GOOD);
		else if (bar_w > 0)
			ui_fill(stdscr, y, 3 + LABEL_W + NUM_W + PCT_W, bar_w, UI_NORMAL);
		ui_fill(stdscr, y, b.w - 1, 1, UI_NORMAL);
	}
}

static void draw_two(stats_state *st, ui_rect b, int y0, int visible)
{
	const stats_table *t = &st->t;
	int lw = LABEL_W - 4, avail = b.w - 2 - lw - PCT_W;
	int cw = avail / (t->axis[1].n + 1), shown;
	char label[80], pct[16];

	/* columns as wide as the terminal allows, between 8 and 14 */
	cw = cw < NUM_W ? NUM_W : cw > 14 ? 14 : cw;
	shown = avail / cw;

	scroll_cols(st, shown);
	ui_fill(stdscr, y0 - 1, 0, b.w, UI_HEADER);
	ui_put(stdscr, y0 - 1, 1, lw, stats_dim_label(t->axis[0].dim), UI_HEADER);
	for (int k = 0; k < shown && st->left + k <= t->axis[1].n; k++) {
		int c = st->left + k;
		ui_fill(stdscr, y0 - 1, 1 + lw + k * cw, 1, UI_HEADER);
		put_right(y0 - 1, 2 + lw + k * cw, cw - 1,
			  c < t->axis[1].n ? t->axis[1].label[c] : _("Total"), UI_HEADER);
	}
	put_right(y0 - 1, b.w - 1 - PCT_W, PCT_W, "%", UI_HEADER);
	ui_put_hidden(stdscr, y0 - 1, 1, lw, st->left, true, UI_HEADER);
	ui_put_hidden(stdscr, y0 - 1, b.w - 1 - PCT_W, 4, t->axis[1].n + 1 - st->left - shown,
		      false, UI_HEADER);
	for (int i = 0; i < visible; i++) {
		int r = st->top + i, y = y0 + i;
		ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
		if (r >= nrows(st))
			continue;
		row_label(st, r, label, sizeof label);
		put_mark(st, y, r);
		ui_put(stdscr, y, 1, lw, label, r >= t->axis[0].n ? UI_DIM : UI_NORMAL);
		for (int k = 0; k < shown && st->left + k <= t->axis[1].n; k++) {
			int c = st->left + k;
			int role = r == st->row && c == st->col ? UI_SELECTED : UI_NORMAL;
			put_num(y, 1 + lw + k * cw, cw, row_count(t, r, c), role);
		}
		stats_pct_label(row_count(t, r, t->axis[1].n), t->total, pct, sizeof pct);
		put_right(y, b.w - 1 - PCT_W, PCT_W, pct, UI_DIM);
	}
}

/* ---- drawing the targets -------------------------------------------------- */

static const target_result *result_at(const stats_state *st, int r, int c)
{
	return province_view(st) ? &st->cols[c].result[r] : &st->one.result[r];
}

static const target_column *column_at(const stats_state *st, int c)
{
	return province_view(st) ? &st->cols[c] : &st->one;
}

/* "17.9 ✗", "100.0 ✓" or "—". */
static void cell_text(const target_result *r, char *buf, size_t cap, int *role)
{
	char pct[16];
	if (r->state == TARGET_NO_DATA) {
		snprintf(buf, cap, "%s", ui_ascii() ? "-" : "—");
		*role = UI_DIM;
		return;
	}
	stats_pct_label(r->num, r->den, pct, sizeof pct);
	snprintf(buf, cap, "%s %s", pct,
		 ui_glyph(r->state == TARGET_MET ? UI_G_CHECK : UI_G_CROSS));
	*role = r->state == TARGET_MET ? UI_GOOD : UI_WARN;
}

/* Width of the target column: the longest short label and a space (the
 * full text of the selected row is on the status line). */
static int target_label_w(void)
{
	int w = text_width(_("Target"));
	for (int id = 0; id < TARGET_COUNT; id++)
		if (text_width(target_short(id)) > w)
			w = text_width(target_short(id));
	return w + 2 < TLABEL_W ? w + 2 : TLABEL_W;
}

/* The target column stays while the unit columns scroll beside it; the
 * header marks the columns out of sight on either side. */
static void draw_province_targets(stats_state *st, ui_rect b, int y0, int visible)
{
	int lw = target_label_w(), shown = (b.w - 2 - lw) / TCOL_W;
	char text[32];
	int role;

	if (shown < (int)st->ncols) /* room for the mark of those out of sight */
		shown = (b.w - 2 - lw - 3) / TCOL_W;

	scroll_cols(st, shown);
	ui_fill(stdscr, y0 - 1, 0, b.w, UI_HEADER);
	ui_put(stdscr, y0 - 1, 1, lw, _("Target"), UI_HEADER);
	ui_put_hidden(stdscr, y0 - 1, 1, lw - 1, st->left, true, UI_HEADER);
	for (int k = 0; k < shown && st->left + k < (int)st->ncols; k++)
		put_right(y0 - 1, 1 + lw + k * TCOL_W, TCOL_W - 1,
			  short_name(st->cols[st->left + k].name), UI_HEADER);
	ui_put_hidden(stdscr, y0 - 1, 1 + lw + shown * TCOL_W, b.w - 1 - lw - shown * TCOL_W,
		      (int)st->ncols - st->left - shown, false, UI_HEADER);
	for (int i = 0; i < visible; i++) {
		int r = st->top + i, y = y0 + i;
		ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
		if (r >= TARGET_COUNT)
			continue;
		ui_put(stdscr, y, 1, lw - 1, target_short(r), r == st->row ? UI_HEADER : UI_NORMAL);
		for (int k = 0; k < shown && st->left + k < (int)st->ncols; k++) {
			int c = st->left + k;
			cell_text(&st->cols[c].result[r], text, sizeof text, &role);
			if (r == st->row && c == st->col)
				role = UI_SELECTED;
			put_right(y, 1 + lw + k * TCOL_W, TCOL_W - 1, text, role);
			ui_fill(stdscr, y, lw + (k + 1) * TCOL_W, 1, UI_NORMAL);
		}
	}
}

static void draw_scope_targets(stats_state *st, ui_rect b, int y0, int visible)
{
	int lw = target_label_w(), gap_x = 1 + lw + 8 + 12 + 8, gap_w = b.w - 1 - gap_x;
	char actual[48], pct[16], gap[256];

	ui_fill(stdscr, y0 - 1, 0, b.w, UI_HEADER);
	ui_put(stdscr, y0 - 1, 1, lw, _("Target"), UI_HEADER);
	put_right(y0 - 1, 1 + lw, 8, _("Goal"), UI_HEADER);
	put_right(y0 - 1, 1 + lw + 8, 12, _("Actual"), UI_HEADER);
	put_right(y0 - 1, 1 + lw + 20, 8, "%", UI_HEADER);
	if (gap_w > 2)
		ui_put(stdscr, y0 - 1, gap_x + 2, gap_w - 2, _("Missing"), UI_HEADER);
	for (int i = 0; i < visible; i++) {
		int r = st->top + i, y = y0 + i, role;
		ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
		if (r >= TARGET_COUNT)
			continue;
		const target_result *t = &st->one.result[r];
		role = r == st->row ? UI_SELECTED : UI_NORMAL;
		ui_put(stdscr, y, 1, lw - 1, target_short(r), role);
		snprintf(actual, sizeof actual, "%d %%", t->target);
		put_right(y, 1 + lw, 8, actual, UI_NORMAL);
		snprintf(actual, sizeof actual, "%lld/%lld", (long long)t->num, (long long)t->den);
		put_right(y, 1 + lw + 8, 12, t->den ? actual : _("no data"), role);
		cell_text(t, pct, sizeof pct, &role);
		put_right(y, 1 + lw + 20, 8, pct, role);
		ui_fill(stdscr, y, gap_x, 2, UI_NORMAL);
		target_gap_text(r, t->gap, gap, sizeof gap);
		if (gap_w > 2)
			ui_put(stdscr, y, gap_x + 2, gap_w - 2, gap, UI_WARN);
	}
}

static void stats_draw(ui_view *v, bool full)
{
	stats_state *st = v->state;
	ui_rect b = ui_body();
	int y0 = b.y + HEAD_ROWS, visible = b.h - HEAD_ROWS;

	(void)full;
	draw_heading(st, b);
	if (!st->computed) {
		for (int y = b.y + 2; y < b.y + b.h; y++)
			ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
		ui_put(stdscr, b.y + 3, 1, b.w - 2, st->err.msg, UI_ERROR);
		return;
	}
	clamp(st);
	scroll_rows(st, visible);
	if (!st->targets && st->t.total == 0) {
		for (int y = b.y + 2; y < b.y + b.h; y++)
			ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
		ui_put(stdscr, b.y + 3, 1, b.w - 2,
		       _("No data: nobody in this population and scope."), UI_WARN);
	} else if (!st->targets) {
		if (st->q.dim[1] == DIM_NONE)
			draw_one(st, b, y0, visible);
		else
			draw_two(st, b, y0, visible);
	} else if (province_view(st)) {
		draw_province_targets(st, b, y0, visible);
	} else {
		draw_scope_targets(st, b, y0, visible);
	}
}

/* The selected target figure, in words: "Tân An: 3/12 = 25,0 % (≥ 20 %)
 * met" (the line under the heading). */
static void target_figures(const stats_state *st, char *buf, size_t cap)
{
	char pct[16], gap[256];
	const target_result *r;

	buf[0] = '\0';
	if (!st->computed)
		return;
	r = result_at(st, st->row, st->col);
	if (r->state == TARGET_NO_DATA) {
		snprintf(buf, cap, "%s: %s", short_name(column_at(st, st->col)->name),
			 _("no data"));
		return;
	}
	stats_pct_label(r->num, r->den, pct, sizeof pct);
	target_gap_text(r->id, r->gap, gap, sizeof gap);
	snprintf(buf, cap, "%s: %lld/%lld = %s %% (≥ %d %%) %s",
		 short_name(column_at(st, st->col)->name), (long long)r->num, (long long)r->den,
		 pct, r->target, r->state == TARGET_MET ? _("met") : gap);
}

/* The status line: the selected target's full text (the rows show short
 * labels), or what the selected figure of a breakdown is. */
static void stats_status(ui_view *v, char *buf, size_t cap)
{
	stats_state *st = v->state;
	char pct[16];

	buf[0] = '\0';
	if (!st->computed)
		return;
	if (st->targets) {
		snprintf(buf, cap, "%s", target_label(st->row));
		return;
	}
	size_t warnings;
	rating_warning_key k = row_warnings(st, st->row, &warnings);
	if (warnings) {
		rating_warnings_line(&st->warn, k, UI_CTX_STATS, buf, cap);
		return;
	}
	if (st->t.total > 0) {
		int64_t n = row_count(&st->t, st->row, st->q.dim[1] == DIM_NONE ? 0 : st->col);
		stats_pct_label(n, st->t.total, pct, sizeof pct);
		snprintf(buf, cap, _("%lld of %lld cadres (%s %%); %s lists them"), (long long)n,
			 (long long)st->t.total, pct, ui_keys_label_for(UI_CTX_STATS, UI_ACT_OPEN));
	}
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
	row_label(st, r, label, sizeof label);
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
	const target_column *col = column_at(st, st->col);
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
		 short_name(col->name));
	if (ui_open_cadre_list(st->a, &f, title) != CB_OK)
		ui_flash(UI_ERROR, "%s", _("Could not open the list"));
}

static void show_warnings(stats_state *st)
{
	char title[400], label[80];
	size_t n;
	rating_warning_key k = row_warnings(st, st->row, &n);

	if (!st->computed || st->targets || st->q.dim[0] != DIM_RATING) {
		ui_flash(UI_WARN, "%s", _("Warnings are shown on a breakdown by rating"));
		return;
	}
	row_label(st, st->row, label, sizeof label);
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

static bool stats_move(stats_state *st, int action, ui_key key)
{
	int page = ui_body().h - HEAD_ROWS - 1;

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
		st->row = nrows(st) - 1;
		break;
	default:
		if (key == UI_FKEY(KEY_LEFT) || key == 'h')
			st->col--;
		else if (key == UI_FKEY(KEY_RIGHT) || key == 'l')
			st->col++;
		else
			return false;
	}
	clamp(st);
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
	if (sheet_targets_begin(&s, f, format, st->a, province_view(st), st->scope_name,
				st->q.year))
		return CB_EDB;
	if (province_view(st)) {
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

	if (stats_move(st, action, key))
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

static void stats_close(ui_view *v)
{
	stats_state *st = v->state;
	if (st) {
		free(st->cols);
		rating_warnings_free(&st->warn);
	}
	free(st);
}

static const ui_view_ops stats_ops = {
	.name = "stats",
	.context = UI_CTX_STATS,
	.title = stats_title,
	.draw = stats_draw,
	.key = stats_key,
	.status = stats_status,
	.reveal = stats_reveal,
	.close = stats_close,
};

int screen_stats_open(app *a)
{
	stats_state *st = calloc(1, sizeof *st);
	int y, m, d;
	cb_error err;

	if (!st)
		return CB_EDB;
	st->a = a;
	rating_warnings_init(&st->warn, a);
	stats_query_init(&st->q, a->config);
	st->q.base.as_of = a->today;
	date_to_ymd(a->today, &y, &m, &d);
	cb_error_clear(&err);
	st->q.year = stats_latest_year(a->db, y, &err);
	st->scope_unit = -1;
	snprintf(st->scope_name, sizeof st->scope_name, "%s", app_scope_name(a));
	if (app_scope_unit(a) >= 0) {
		unit_row u;
		st->scope_unit = app_scope_unit(a);
		snprintf(st->scope_name, sizeof st->scope_name, "%s",
			 a->config->units[st->scope_unit].name);
		if (store_unit_by_code(a->db, app_unit_code(a), &u, &err) == CB_OK) {
			st->q.base.unit_lo = u.lo;
			st->q.base.unit_hi = u.hi;
		}
	}
	compute(st);
	return ui_view_push(&stats_ops, st) ? CB_OK : CB_EDB;
}
