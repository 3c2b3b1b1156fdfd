/* stats_draw.c - drawing the breakdowns and targets screen: the heading,
 * a breakdown by one dimension (count, %, bar) or two crossed, the target
 * panel of the province (one column per district, scrolling beside the
 * target column) or of one unit (goal, actual, missing), and the status
 * line naming the selected figure.
 *
 * Draws only what screen_stats.c has counted (stats_state); it changes
 * nothing but the scrolling.
 */
#include "screen_stats.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

#define LABEL_W	 22
#define NUM_W	 8
#define PCT_W	 7
#define TLABEL_W 30
#define TCOL_W	 10

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

static void target_figures(const stats_state *st, char *buf, size_t cap);

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

/* Moves *first (the first row or column shown) so that the selected one
 * is among the `visible` shown. */
static void scroll_to(int selected, int *first, int visible)
{
	if (visible < 1)
		visible = 1;
	if (selected < *first)
		*first = selected;
	if (selected >= *first + visible)
		*first = selected - visible + 1;
}

/* ---- drawing the breakdown ------------------------------------------------ */

static int64_t row_count(const stats_table *t, int r, int c)
{
	bool one = t->axis[1].dim == DIM_NONE;
	if (r == t->axis[0].n + 1)
		return t->under40;
	if (r == t->axis[0].n)
		return one || c == t->axis[1].n ? t->total : t->col_total[c];
	return one ? t->count[r][0] : c == t->axis[1].n ? t->row_total[r] : t->count[r][c];
}

/* Column 0 of a row: a warning sign when the row has warnings. */
static void put_mark(stats_state *st, int y, int r)
{
	size_t n;

	stats_screen_row_warnings(st, r, &n);
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
		if (r >= stats_screen_rows(st)) {
			ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
			continue;
		}
		int64_t n = row_count(&st->t, r, 0);
		int role = r == st->row ? UI_SELECTED : r >= st->t.axis[0].n ? UI_DIM : UI_NORMAL;
		stats_screen_row_label(st, r, label, sizeof label);
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

	scroll_to(st->col, &st->left, shown);
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
		if (r >= stats_screen_rows(st))
			continue;
		stats_screen_row_label(st, r, label, sizeof label);
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
	return stats_screen_province(st) ? &st->cols[c].result[r] : &st->one.result[r];
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

	scroll_to(st->col, &st->left, shown);
	ui_fill(stdscr, y0 - 1, 0, b.w, UI_HEADER);
	ui_put(stdscr, y0 - 1, 1, lw, _("Target"), UI_HEADER);
	ui_put_hidden(stdscr, y0 - 1, 1, lw - 1, st->left, true, UI_HEADER);
	for (int k = 0; k < shown && st->left + k < (int)st->ncols; k++)
		put_right(y0 - 1, 1 + lw + k * TCOL_W, TCOL_W - 1,
			  stats_screen_short_name(st->cols[st->left + k].name), UI_HEADER);
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

void stats_screen_draw(ui_view *v, bool full)
{
	stats_state *st = v->state;
	ui_rect b = ui_body();
	int y0 = b.y + STATS_HEAD_ROWS, visible = b.h - STATS_HEAD_ROWS;

	(void)full;
	draw_heading(st, b);
	if (!st->computed) {
		for (int y = b.y + 2; y < b.y + b.h; y++)
			ui_fill(stdscr, y, 0, b.w, UI_NORMAL);
		ui_put(stdscr, b.y + 3, 1, b.w - 2, st->err.msg, UI_ERROR);
		return;
	}
	stats_screen_clamp(st);
	scroll_to(st->row, &st->top, visible);
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
	} else if (stats_screen_province(st)) {
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
		snprintf(buf, cap, "%s: %s",
			 stats_screen_short_name(stats_screen_column_at(st, st->col)->name),
			 _("no data"));
		return;
	}
	stats_pct_label(r->num, r->den, pct, sizeof pct);
	target_gap_text(r->id, r->gap, gap, sizeof gap);
	snprintf(buf, cap, "%s: %lld/%lld = %s %% (≥ %d %%) %s",
		 stats_screen_short_name(stats_screen_column_at(st, st->col)->name),
		 (long long)r->num, (long long)r->den, pct, r->target,
		 r->state == TARGET_MET ? _("met") : gap);
}

/* The status line: the selected target's full text (the rows show short
 * labels), or what the selected figure of a breakdown is. */
void stats_screen_status(ui_view *v, char *buf, size_t cap)
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
	rating_warning_key k = stats_screen_row_warnings(st, st->row, &warnings);
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
	if (stats_screen_checking(st)) {
		size_t len = strlen(buf);
		snprintf(buf + len, cap - len, "%s%s", len ? "  " : "", rating_warnings_pending());
	}
}
