/* listview.c - the list view: columns described as data over a ui_list,
 * with the heading, the hidden-columns mark, the selection, "i/n", type
 * to search and the export of what is shown.
 *
 * Guarantees: the layout is worked out once per width (set_rect), not per
 * row; a row's cells are rendered by the screen's functions and fitted by
 * display width (ui_column_fit), so nothing spills into the next column;
 * the export writes the same cells as the screen shows, for every row and
 * every column (hidden ones too), fetched a chunk at a time from a keyset
 * source so a million rows cost one chunk of memory.
 */
#include "listview_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_view.h"

struct ui_listview {
	ui_listview_def def;
	void *ctx; /* the cell functions' */
	ui_list *list;
	ui_list_source src; /* keyset lists: the screen's source */
	bool keyset;
	size_t row_size;
	const unsigned char *rows; /* array lists */
	size_t n;
	cb_error err;
	char *labels[UI_COLUMNS_MAX]; /* run-time headings */
	bool off[UI_COLUMNS_MAX];     /* columns the screen turned off */
	char *empty;		      /* run-time "nothing here" text */
	ui_rect rect;
	ui_column_place place[UI_COLUMNS_MAX];
	int hidden;   /* columns with no room, on the right */
	int scrolled; /* columns scrolled out on the left (Right) */
	ui_find find;
	ui_marks marks;
};

static int head_rows(const ui_listview *lv)
{
	return lv->def.no_heading ? 0 : lv->def.head_rows == 2 ? 2 : 1;
}

static const char *label_of(const ui_listview *lv, int i)
{
	if (lv->labels[i])
		return lv->labels[i];
	/* _("") would be the catalogue's header */
	return lv->def.cols[i].label && *lv->def.cols[i].label ? _(lv->def.cols[i].label) : "";
}

/* The cell of row in column i, rendered as text. */
static int render(const ui_listview *lv, int i, const void *row, char *buf)
{
	return ui_column_text(&lv->def, lv->ctx, i, row, buf);
}

static void draw_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	ui_listview *lv = ctx;
	char text[UI_CELL_MAX], fitted[UI_CELL_MAX * 2];
	const char *mark = NULL;
	int base = lv->def.base_role ? lv->def.base_role : UI_NORMAL;
	int mark_role = base, span_role;
	bool whole = sel && !lv->def.select_first;

	if (lv->def.mark)
		mark = lv->def.mark(lv->ctx, row, &mark_role);
	if (lv->def.mark_id && ui_marks_has(&lv->marks, lv->def.mark_id(row))) {
		mark = ui_glyph(UI_G_CHECK); /* marked, as mc's highlighted files */
		mark_role = UI_GOOD;
	}
	if (!mark)
		mark = sel ? ui_glyph(UI_G_ARROW) : " ";
	ui_fill(w, y, x, width, whole ? UI_SELECTED : base);
	ui_put(w, y, x, 1, mark, sel ? UI_SELECTED : mark_role);
	if (lv->def.span && (span_role = lv->def.span(lv->ctx, row, text, sizeof text)) >= 0) {
		ui_put(w, y, x + 1, width - 1, text, sel ? UI_SELECTED : span_role);
		return;
	}
	for (int i = 0; i < lv->def.ncols; i++) {
		const ui_column_place *p = &lv->place[i];
		int role;
		if (!p->w)
			continue;
		role = render(lv, i, row, text);
		if (whole || (sel && i == 0))
			role = UI_SELECTED;
		else if (role == UI_NORMAL)
			role = base;
		ui_column_fit(text, p->w, lv->def.cols[i].align, ui_ascii(), fitted, sizeof fitted);
		ui_put(w, y, x + p->x, p->w, fitted, role);
	}
}

/* ---- keyset sources: the screen's callbacks under the view's ctx ---- */

static int ks_fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *rows, size_t *n,
		    cb_error *err)
{
	ui_listview *lv = ctx;
	return lv->src.fetch(lv->src.ctx, after, backwards, limit, rows, n, err);
}

static int64_t ks_key(void *ctx, const void *row)
{
	ui_listview *lv = ctx;
	return lv->src.key_of(lv->src.ctx, row);
}

static int ks_count(void *ctx, int64_t *n, cb_error *err)
{
	ui_listview *lv = ctx;
	return lv->src.count(lv->src.ctx, n, err);
}

/* ---- creation --------------------------------------------------------- */

static ui_listview *alloc_view(const ui_listview_def *def, size_t row_size, void *ctx)
{
	ui_listview *lv = calloc(1, sizeof *lv);

	if (!lv)
		return NULL;
	lv->def = *def;
	if (lv->def.ncols > UI_COLUMNS_MAX)
		lv->def.ncols = UI_COLUMNS_MAX;
	lv->ctx = ctx;
	lv->row_size = row_size;
	ui_find_init(&lv->find);
	return lv;
}

ui_listview *ui_listview_new_array(const ui_listview_def *def, size_t row_size, void *ctx)
{
	ui_listview *lv = alloc_view(def, row_size, ctx);

	if (!lv)
		return NULL;
	if (!(lv->list = ui_list_new_array(NULL, 0, row_size, draw_row, lv))) {
		free(lv);
		return NULL;
	}
	ui_list_set_fill(lv->list, def->base_role ? def->base_role : UI_NORMAL);
	ui_listview_set_rect(lv, ui_body());
	return lv;
}

ui_listview *ui_listview_new(const ui_listview_def *def, const ui_list_source *src, void *ctx)
{
	ui_listview *lv = alloc_view(def, src->row_size, ctx);
	ui_list_source s = {
		.row_size = src->row_size,
		.fetch = ks_fetch,
		.key_of = ks_key,
		.draw_row = draw_row,
		.count = src->count ? ks_count : NULL,
	};

	if (!lv)
		return NULL;
	lv->keyset = true;
	lv->src = *src;
	s.ctx = lv;
	if (!(lv->list = ui_list_new(&s))) {
		free(lv);
		return NULL;
	}
	if (def->empty)
		ui_list_set_empty(lv->list, _(def->empty));
	ui_listview_set_rect(lv, ui_body());
	return lv;
}

void ui_listview_free(ui_listview *lv)
{
	if (!lv)
		return;
	ui_list_free(lv->list);
	for (int i = 0; i < UI_COLUMNS_MAX; i++)
		free(lv->labels[i]);
	free(lv->empty);
	ui_marks_free(&lv->marks);
	free(lv);
}

/* ---- state ------------------------------------------------------------ */

void ui_listview_set_rows(ui_listview *lv, const void *rows, size_t n, const cb_error *err)
{
	lv->rows = rows;
	lv->n = n;
	cb_error_clear(&lv->err);
	if (err && err->code != CB_OK)
		lv->err = *err;
	ui_list_set_array(lv->list, rows, n);
}

void ui_listview_set_label(ui_listview *lv, int col, const char *text)
{
	if (col < 0 || col >= lv->def.ncols)
		return;
	free(lv->labels[col]);
	lv->labels[col] = text ? strdup(text) : NULL;
}

void ui_listview_set_empty(ui_listview *lv, const char *text)
{
	free(lv->empty);
	lv->empty = text ? strdup(text) : NULL;
	if (lv->keyset) /* the list draws its own empty state */
		ui_list_set_empty(lv->list, lv->empty	    ? lv->empty
					    : lv->def.empty ? _(lv->def.empty)
							    : NULL);
}

/* The layout of the columns that are on, scrolled as the user moved it;
 * the others get no place. */
static void place_columns(ui_listview *lv)
{
	ui_column on[UI_COLUMNS_MAX];
	ui_column_place at[UI_COLUMNS_MAX];
	int n = 0;

	for (int i = 0; i < lv->def.ncols; i++)
		if (!lv->off[i])
			on[n++] = lv->def.cols[i];
	if (lv->scrolled > n - 1)
		lv->scrolled = n > 0 ? n - 1 : 0;
	lv->hidden = ui_columns_layout_scrolled(on, n, lv->rect.w, lv->scrolled, at);
	n = 0;
	for (int i = 0; i < lv->def.ncols; i++)
		lv->place[i] = lv->off[i] ? (ui_column_place){0, 0} : at[n++];
}

void ui_listview_show_column(ui_listview *lv, int col, bool on)
{
	if (col < 0 || col >= lv->def.ncols || lv->off[col] == !on)
		return;
	lv->off[col] = !on;
	place_columns(lv);
}

int ui_listview_column_width(const ui_listview *lv, int col)
{
	return col >= 0 && col < lv->def.ncols ? lv->place[col].w : 0;
}

void ui_listview_set_rect(ui_listview *lv, ui_rect r)
{
	int head = head_rows(lv);
	ui_rect rows = {r.y + head, r.x, r.h - head, r.w};

	lv->rect = r;
	place_columns(lv);
	ui_list_set_rect(lv->list, rows);
}

ui_list *ui_listview_list(ui_listview *lv)
{
	return lv->list;
}

void ui_listview_select(ui_listview *lv, size_t i)
{
	ui_list_move(lv->list, UI_ACT_HOME);
	while (i-- > 0 && ui_list_move(lv->list, UI_ACT_DOWN))
		;
}

void ui_listview_select_top(ui_listview *lv, size_t i)
{
	int64_t at = -1, count;
	long rows = lv->rect.h - head_rows(lv);

	/* the row a page below first (or the last), then back up to i: the
	 * list scrolls as little as it must, so i ends at the top */
	ui_listview_select(lv, i + (size_t)(rows > 1 ? rows - 1 : 0));
	ui_list_position(lv->list, &at, &count);
	for (int64_t k = at; k > (int64_t)i; k--)
		ui_list_move(lv->list, UI_ACT_UP);
}

const void *ui_listview_selected(ui_listview *lv)
{
	return ui_list_selected(lv->list);
}

/* ---- drawing ---------------------------------------------------------- */

static void draw_header(ui_listview *lv)
{
	const ui_rect *r = &lv->rect;
	char fitted[UI_CELL_MAX * 2], first[UI_CELL_MAX], mark[16];
	int rows = head_rows(lv);

	for (int k = 0; k < rows; k++)
		ui_fill(stdscr, r->y + k, r->x, r->w, UI_HEADER);
	for (int i = 0; i < lv->def.ncols; i++) {
		const ui_column_place *p = &lv->place[i];
		const char *text[2] = {label_of(lv, i), ""};
		if (!p->w)
			continue;
		if (rows == 2) {
			text[1] = ui_column_head_split(text[0], p->w, first, sizeof first);
			text[0] = first;
		}
		for (int k = 0; k < rows; k++) {
			ui_column_fit(text[k], p->w, lv->def.cols[i].align, ui_ascii(), fitted,
				      sizeof fitted);
			ui_put(stdscr, r->y + k, r->x + p->x, p->w, fitted, UI_HEADER);
		}
	}
	for (int i = 0; lv->scrolled && i < lv->def.ncols; i++)
		if (lv->place[i].w) { /* the first column shown: more to its left */
			ui_put_hidden(stdscr, r->y, r->x + lv->place[i].x, lv->place[i].w,
				      lv->scrolled, true, UI_HEADER);
			break;
		}
	if (lv->hidden) {
		/* as less -S and VisiData: more columns to the right */
		snprintf(mark, sizeof mark, "%s%d", ui_glyph(UI_G_ARROW), lv->hidden);
		ui_put(stdscr, r->y, r->x + r->w - (UI_HIDDEN_MARK_W - 1), UI_HIDDEN_MARK_W - 1,
		       mark, UI_HEADER);
	}
}

void ui_listview_draw_row(ui_listview *lv, int y, const void *row, int role)
{
	char text[UI_CELL_MAX], fitted[UI_CELL_MAX * 2];

	ui_fill(stdscr, y, lv->rect.x, lv->rect.w, role);
	for (int i = 0; i < lv->def.ncols; i++) {
		const ui_column_place *p = &lv->place[i];
		if (!p->w)
			continue;
		render(lv, i, row, text);
		ui_column_fit(text, p->w, lv->def.cols[i].align, ui_ascii(), fitted, sizeof fitted);
		ui_put(stdscr, y, lv->rect.x + p->x, p->w, fitted, role);
	}
}

void ui_listview_draw(ui_listview *lv, bool full)
{
	const ui_rect *r = &lv->rect;

	if (r->h <= 0 || r->w <= 0)
		return;
	if (full && head_rows(lv))
		draw_header(lv);
	if (!lv->keyset && lv->n == 0) {
		if (!full)
			return;
		for (int y = head_rows(lv); y < r->h; y++)
			ui_fill(stdscr, r->y + y, r->x, r->w,
				lv->def.base_role ? lv->def.base_role : UI_NORMAL);
		ui_put(stdscr, r->y + head_rows(lv), r->x + 1, r->w - 1,
		       lv->err.code ? lv->err.msg
		       : lv->empty  ? lv->empty
				    : _(lv->def.empty ? lv->def.empty : "Nothing to show."),
		       lv->err.code ? UI_ERROR : UI_DIM);
		return;
	}
	ui_list_draw(lv->list, full);
}

void ui_listview_status(ui_listview *lv, const char *extra, char *buf, size_t cap)
{
	int64_t idx, count;
	char i[32] = "?", n[64] = "?";
	size_t len;

	ui_list_position(lv->list, &idx, &count);
	if (count == 0)
		snprintf(i, sizeof i, "0");
	else if (idx >= 0)
		snprintf(i, sizeof i, "%lld", (long long)idx + 1);
	if (count >= 0)
		snprintf(n, sizeof n, "%lld", (long long)count);
	else if (lv->keyset && lv->src.count)
		snprintf(n, sizeof n, "%s", _("counting..."));
	snprintf(buf, cap, " %s/%s %s%s", i, n, lv->def.noun ? _(lv->def.noun) : "",
		 extra ? extra : "");
	len = strlen(buf);
	if (lv->marks.n && len < cap) {
		snprintf(buf + len, cap - len, "   ");
		len = strlen(buf);
		snprintf(buf + len, cap - len, _("marked: %zu"), lv->marks.n);
		len = strlen(buf);
	}
	if ((lv->hidden || lv->scrolled) && len < cap) {
		snprintf(buf + len, cap - len, "   %s ",
			 ui_glyph(lv->hidden ? UI_G_ARROW : UI_G_LEFT));
		len = strlen(buf);
		snprintf(buf + len, cap - len, _("hidden columns: %d"), lv->hidden + lv->scrolled);
	}
	ui_find_status(&lv->find, buf, cap);
}

/* ---- keys ------------------------------------------------------------- */

/* The rows shown, for marking them all. */
static ui_listview_rows shown_rows(ui_listview *lv)
{
	return (ui_listview_rows){.def = &lv->def,
				  .rows = lv->rows,
				  .n = lv->n,
				  .row_size = lv->row_size,
				  .src = lv->keyset ? &lv->src : NULL};
}

static int mark_key(ui_listview *lv, int action)
{
	const void *row;
	ui_listview_rows r;

	switch (action) {
	case UI_ACT_MARK:
		if ((row = ui_list_selected(lv->list)) && lv->def.mark_id(row)) {
			if (!ui_marks_toggle(&lv->marks, lv->def.mark_id(row)))
				ui_flash(UI_ERROR, "%s", _("Out of memory."));
			ui_list_move(lv->list, UI_ACT_DOWN);
		}
		break;
	case UI_ACT_MARK_ALL:
	case UI_ACT_MARK_INVERT:
		r = shown_rows(lv);
		if (!ui_marks_rows(&lv->marks, &r, lv->def.mark_id, action == UI_ACT_MARK_INVERT))
			ui_flash(UI_ERROR, "%s",
				 _("The rows could not be read; nothing was marked."));
		break;
	case UI_ACT_UNMARK_ALL:
		ui_marks_clear(&lv->marks);
		break;
	default:
		return UI_UNHANDLED;
	}
	ui_invalidate();
	return UI_HANDLED;
}

size_t ui_listview_marked(ui_listview *lv, const int64_t **ids)
{
	*ids = lv->marks.ids;
	return lv->marks.n;
}

bool ui_listview_is_marked(ui_listview *lv, int64_t id)
{
	return ui_marks_has(&lv->marks, id);
}

void ui_listview_unmark_all(ui_listview *lv)
{
	ui_marks_clear(&lv->marks);
	ui_invalidate();
}

/* Right shows the columns hidden on the right by scrolling columns out
 * on the left (the first one stays: it names the row), as many as it
 * takes for one more to come into sight; Left brings one back. Nothing
 * to scroll is no change. */
static bool scroll_right(ui_listview *lv)
{
	bool was[UI_COLUMNS_MAX];
	int before = lv->scrolled;

	for (int i = 0; i < lv->def.ncols; i++)
		was[i] = lv->place[i].w > 0;
	for (int k = before + 1; lv->hidden > 0; k++) {
		lv->scrolled = k;
		place_columns(lv); /* at most every column but the first */
		for (int i = 0; i < lv->def.ncols; i++)
			if (!was[i] && lv->place[i].w > 0)
				return true;
		if (lv->scrolled < k)
			break;
	}
	lv->scrolled = before; /* none would come into sight */
	place_columns(lv);
	return false;
}

static int scroll_key(ui_listview *lv, int action)
{
	if (action == UI_ACT_COLUMNS_RIGHT) {
		if (lv->hidden > 0 && scroll_right(lv))
			ui_invalidate();
		return UI_HANDLED;
	}
	if (action != UI_ACT_COLUMNS_LEFT)
		return UI_UNHANDLED;
	if (lv->scrolled > 0) {
		lv->scrolled--;
		place_columns(lv);
		ui_invalidate();
	}
	return UI_HANDLED;
}

int ui_listview_key(ui_listview *lv, int action, ui_key key)
{
	bool changed;

	if (ui_list_move(lv->list, action))
		return UI_HANDLED;
	if (scroll_key(lv, action) == UI_HANDLED)
		return UI_HANDLED;
	if (lv->def.mark_id && mark_key(lv, action) == UI_HANDLED)
		return UI_HANDLED;
	if (!lv->keyset && lv->def.find_text &&
	    ui_find_key(&lv->find, action, key, &changed) == UI_HANDLED) {
		if (changed)
			ui_find_jump(&lv->find, lv->list, lv->rows, lv->n, lv->row_size,
				     lv->def.find_text);
		return UI_HANDLED;
	}
	if (action == UI_ACT_EXPORT && lv->def.export_title) {
		ui_listview_export(lv);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}

int ui_listview_export(ui_listview *lv)
{
	const char *labels[UI_COLUMNS_MAX];

	if (!lv->def.export_title)
		return CB_NOT_FOUND;
	for (int i = 0; i < lv->def.ncols; i++)
		labels[i] = label_of(lv, i);
	return ui_listview_export_rows(_(lv->def.export_title), &lv->def, labels, lv->ctx, lv->rows,
				       lv->n, lv->row_size, lv->keyset ? &lv->src : NULL);
}
