/* list.c - a virtual list: a window of a few pages over a keyset fetch
 * callback, so a list of a million cadres costs only the rows on screen.
 *
 * Guarantees:
 * - Only rows near the visible page are ever fetched: the buffer holds a
 *   few pages; moving past its edge fetches one chunk after (or before) the
 *   key of the edge row and drops rows at the other end. Jumping to the end
 *   fetches backwards from UI_LIST_END.
 * - The number of rows is asked only through ui_list_count_now (idle),
 *   never to move or draw.
 * - Drawing is incremental: when only the selection moved inside the page,
 *   just the two rows concerned are drawn again.
 * - An array list keeps row indices in its buffer and draws from the
 *   caller's array, so the same code serves both kinds.
 */
#include "ui_list.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define BUF_CHUNKS 3
#define MIN_CHUNK  16

struct ui_list {
	ui_list_source src;
	/* array mode: the buffer holds int64 indices into arr */
	const unsigned char *arr;
	size_t arr_n, arr_row_size;
	void (*arr_draw)(void *ctx, WINDOW *w, int y, int x, int width, const void *row,
			 bool selected);
	void *arr_ctx;

	unsigned char *buf; /* cap rows of src.row_size */
	size_t cap, n;
	unsigned char *tmp; /* fetch landing area */
	size_t tmp_cap;
	int64_t base;  /* absolute index of buf[0]; -1 unknown */
	bool at_start; /* buf[0] is the first row of the list */
	bool at_end;   /* buf[n-1] is the last row */
	bool loaded;
	long top, sel; /* indices into buf */
	int64_t count; /* -1 unknown */
	ui_rect rect;
	long drawn_top, drawn_sel;
	bool drawn; /* the rows on screen match drawn_top */
	cb_error err;
	int fill;	   /* role of the rows below the last */
	const char *empty; /* what an empty list says (NULL: the default) */
};

static void *row_at(const ui_list *l, long i)
{
	return l->buf + (size_t)i * l->src.row_size;
}

static long page(const ui_list *l)
{
	return l->rect.h > 0 ? l->rect.h : 1;
}

static size_t chunk(const ui_list *l)
{
	size_t c = (size_t)page(l) + 8;
	return c < MIN_CHUNK ? MIN_CHUNK : c;
}

/* Makes room for the buffer and the landing area at the current size. */
static bool ensure_capacity(ui_list *l)
{
	size_t want = chunk(l) * BUF_CHUNKS + (size_t)page(l);
	unsigned char *p;

	if (l->cap < want) {
		p = realloc(l->buf, want * l->src.row_size);
		if (!p)
			return false;
		l->buf = p;
		l->cap = want;
	}
	if (l->tmp_cap < chunk(l)) {
		p = realloc(l->tmp, chunk(l) * l->src.row_size);
		if (!p)
			return false;
		l->tmp = p;
		l->tmp_cap = chunk(l);
	}
	return true;
}

/* ---- array source --------------------------------------------------- */

static int array_fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *rows,
		       size_t *n, cb_error *err)
{
	ui_list *l = ctx;
	size_t start, end;
	int64_t *out = rows;

	(void)err;
	if (!backwards) {
		start = after <= 0 ? 0 : (size_t)after; /* key = index + 1 */
		if (start > l->arr_n)
			start = l->arr_n;
		end = limit && start + limit < l->arr_n ? start + limit : l->arr_n;
	} else {
		if (after == UI_LIST_END || after > (int64_t)l->arr_n)
			end = l->arr_n;
		else
			end = after > 0 ? (size_t)after - 1 : 0;
		start = limit && end > limit ? end - limit : 0;
	}
	for (size_t i = start; i < end; i++)
		out[i - start] = (int64_t)i;
	*n = end - start;
	return CB_OK;
}

static int64_t array_key(void *ctx, const void *row)
{
	(void)ctx;
	return *(const int64_t *)row + 1;
}

static void array_draw(void *ctx, WINDOW *w, int y, int x, int width, const void *row,
		       bool selected)
{
	ui_list *l = ctx;
	int64_t i = *(const int64_t *)row;

	if (i >= 0 && (size_t)i < l->arr_n)
		l->arr_draw(l->arr_ctx, w, y, x, width, l->arr + (size_t)i * l->arr_row_size,
			    selected);
}

static int array_count(void *ctx, int64_t *n, cb_error *err)
{
	ui_list *l = ctx;
	(void)err;
	*n = (int64_t)l->arr_n;
	return CB_OK;
}

/* ---- creation ------------------------------------------------------- */

ui_list *ui_list_new(const ui_list_source *src)
{
	ui_list *l = calloc(1, sizeof *l);

	if (!l)
		return NULL;
	l->src = *src;
	l->base = -1;
	l->count = -1;
	l->rect = ui_body();
	return l;
}

ui_list *ui_list_new_array(const void *rows, size_t n, size_t row_size,
			   void (*draw_row)(void *ctx, WINDOW *w, int y, int x, int width,
					    const void *row, bool selected),
			   void *ctx)
{
	ui_list_source src = {
		.row_size = sizeof(int64_t),
		.fetch = array_fetch,
		.key_of = array_key,
		.draw_row = array_draw,
		.count = array_count,
	};
	ui_list *l = ui_list_new(&src);

	if (!l)
		return NULL;
	l->src.ctx = l;
	l->arr = rows;
	l->arr_n = n;
	l->arr_row_size = row_size;
	l->arr_draw = draw_row;
	l->arr_ctx = ctx;
	l->count = (int64_t)n;
	return l;
}

void ui_list_set_array(ui_list *l, const void *rows, size_t n)
{
	int64_t idx = -1, cnt;

	ui_list_position(l, &idx, &cnt);
	l->arr = rows;
	l->arr_n = n;
	ui_list_reload(l);
	l->count = (int64_t)n;
	/* Walk back to the same index: a reload starts at the top. */
	while (idx > 0 && l->sel + 1 < (long)n && ui_list_move(l, UI_ACT_DOWN))
		idx--;
}

void ui_list_set_fill(ui_list *l, int role)
{
	l->fill = role;
}

void ui_list_set_empty(ui_list *l, const char *text)
{
	l->empty = text;
}

void ui_list_free(ui_list *l)
{
	if (!l)
		return;
	free(l->buf);
	free(l->tmp);
	free(l);
}

void ui_list_set_rect(ui_list *l, ui_rect r)
{
	l->rect = r;
	l->drawn = false;
	if (l->loaded && l->sel >= l->top + page(l))
		l->top = l->sel - page(l) + 1;
}

/* ---- fetching ------------------------------------------------------- */

static void reset(ui_list *l)
{
	l->n = 0;
	l->top = l->sel = 0;
	l->base = -1;
	l->at_start = l->at_end = false;
	l->loaded = false;
	l->drawn = false;
	cb_error_clear(&l->err);
}

/* Runs the callback into the landing area; false on error. */
static bool fetch_into_tmp(ui_list *l, int64_t after, bool backwards, size_t *got)
{
	cb_error_clear(&l->err);
	*got = 0;
	if (!ensure_capacity(l)) {
		cb_error_set(&l->err, CB_EDB, "%s", _("Out of memory."));
		return false;
	}
	if (l->src.fetch(l->src.ctx, after, backwards, chunk(l), l->tmp, got, &l->err) != CB_OK) {
		*got = 0;
		return false;
	}
	if (*got > chunk(l))
		*got = chunk(l);
	return true;
}

/* Appends a chunk after the last row; drops rows at the front beyond
 * the capacity. */
static void fetch_forward(ui_list *l)
{
	size_t got, rs = l->src.row_size, drop;
	int64_t after = l->n ? l->src.key_of(l->src.ctx, row_at(l, (long)l->n - 1)) : UI_LIST_START;

	if (l->at_end)
		return;
	if (!fetch_into_tmp(l, after, false, &got)) {
		l->at_end = true;
		return;
	}
	if (l->n == 0) {
		l->at_start = true;
		l->base = 0;
	}
	if (got < chunk(l))
		l->at_end = true;
	if (l->n + got > l->cap) {
		drop = l->n + got - l->cap;
		memmove(l->buf, l->buf + drop * rs, (l->n - drop) * rs);
		l->n -= drop;
		l->top -= (long)drop;
		l->sel -= (long)drop;
		l->drawn_top -= (long)drop;
		l->drawn_sel -= (long)drop;
		if (l->base >= 0)
			l->base += (int64_t)drop;
		l->at_start = false;
	}
	memcpy(l->buf + l->n * rs, l->tmp, got * rs);
	l->n += got;
	l->loaded = true;
}

/* Prepends a chunk before the first row (or the last chunk of the list
 * when empty); drops rows at the end beyond the capacity. */
static void fetch_backward(ui_list *l)
{
	size_t got, rs = l->src.row_size;
	int64_t before = l->n ? l->src.key_of(l->src.ctx, row_at(l, 0)) : UI_LIST_END;
	bool was_empty = l->n == 0;

	if (l->at_start)
		return;
	if (!fetch_into_tmp(l, before, true, &got)) {
		l->at_start = true;
		return;
	}
	if (was_empty)
		l->at_end = true;
	if (got < chunk(l)) {
		l->at_start = true;
	}
	if (l->n + got > l->cap) {
		l->n = l->cap - got;
		l->at_end = false;
	}
	memmove(l->buf + got * rs, l->buf, l->n * rs);
	memcpy(l->buf, l->tmp, got * rs);
	l->n += got;
	l->top += (long)got;
	l->sel += (long)got;
	l->drawn_top += (long)got;
	l->drawn_sel += (long)got;
	if (l->at_start)
		l->base = 0;
	else if (l->base >= 0)
		l->base -= (int64_t)got;
	else if (l->at_end && l->count >= 0)
		l->base = l->count - (int64_t)l->n;
	l->loaded = true;
}

/* Makes sure the visible page is in the buffer, and top/sel inside it. */
static void settle(ui_list *l)
{
	long p = page(l);

	if (!l->loaded)
		fetch_forward(l);
	while (l->top + p > (long)l->n && !l->at_end && l->err.code == CB_OK) {
		size_t before = l->n;
		fetch_forward(l);
		if (l->n == before && !l->at_end)
			break;
	}
	while (l->top < 0 && !l->at_start && l->err.code == CB_OK)
		fetch_backward(l);
	if (l->sel >= (long)l->n)
		l->sel = (long)l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + p)
		l->top = l->sel - p + 1;
	if (l->top + p > (long)l->n && l->at_end)
		l->top = (long)l->n - p;
	if (l->top < 0)
		l->top = 0;
	if (l->base < 0 && l->at_end && l->count >= 0)
		l->base = l->count - (int64_t)l->n;
}

void ui_list_reload(ui_list *l)
{
	reset(l);
	if (l->arr)
		l->count = (int64_t)l->arr_n;
	else
		l->count = -1;
}

void ui_list_refresh(ui_list *l)
{
	long off = l->sel - l->top;
	int64_t base_top = l->base >= 0 ? l->base + l->top : -1;
	int64_t anchor = UI_LIST_START;
	bool from_start = true;

	if (l->loaded && l->n > 0 && l->top > 0) {
		anchor = l->src.key_of(l->src.ctx, row_at(l, l->top - 1));
		from_start = false;
	} else if (l->loaded && l->n > 0 && !l->at_start) {
		size_t got;
		int64_t k = l->src.key_of(l->src.ctx, row_at(l, l->top));
		if (fetch_into_tmp(l, k, true, &got) && got > 0) {
			anchor = l->src.key_of(l->src.ctx, l->tmp + (got - 1) * l->src.row_size);
			from_start = false;
		}
	}
	reset(l);
	l->count = l->arr ? (int64_t)l->arr_n : -1;
	if (!from_start) {
		/* Start the buffer just after the anchor row. */
		size_t got;
		if (fetch_into_tmp(l, anchor, false, &got)) {
			memcpy(l->buf, l->tmp, got * l->src.row_size);
			l->n = got;
			l->at_end = got < chunk(l);
			l->at_start = false;
			l->base = base_top;
			l->loaded = true;
		}
	}
	if (!l->loaded)
		fetch_forward(l);
	l->top = 0;
	l->sel = off;
	settle(l);
}

/* ---- moving --------------------------------------------------------- */

static void go_home(ui_list *l)
{
	if (!l->at_start || !l->loaded) {
		reset(l);
		fetch_forward(l);
	}
	l->top = l->sel = 0;
}

static void go_end(ui_list *l)
{
	if (!l->at_end || !l->loaded) {
		reset(l);
		fetch_backward(l);
		if (l->count >= 0 && l->base < 0)
			l->base = l->count - (int64_t)l->n;
	}
	l->sel = (long)l->n - 1;
	l->top = l->sel - page(l) + 1;
}

bool ui_list_move(ui_list *l, int action)
{
	long p = page(l);

	if (!l->loaded)
		settle(l);
	switch (action) {
	case UI_ACT_DOWN:
		if (l->sel + 1 >= (long)l->n && !l->at_end)
			fetch_forward(l);
		if (l->sel + 1 < (long)l->n)
			l->sel++;
		break;
	case UI_ACT_UP:
		if (l->sel == 0 && !l->at_start)
			fetch_backward(l);
		if (l->sel > 0)
			l->sel--;
		break;
	case UI_ACT_PGDN:
		l->top += p;
		l->sel += p;
		while (l->sel >= (long)l->n && !l->at_end && l->err.code == CB_OK) {
			size_t before = l->n;
			fetch_forward(l);
			if (l->n == before)
				break;
		}
		break;
	case UI_ACT_PGUP:
		l->top -= p;
		l->sel -= p;
		while (l->sel < 0 && !l->at_start && l->err.code == CB_OK)
			fetch_backward(l);
		if (l->sel < 0)
			l->sel = 0;
		if (l->top < 0)
			l->top = 0;
		break;
	case UI_ACT_HOME:
		go_home(l);
		break;
	case UI_ACT_END:
		go_end(l);
		break;
	default:
		return false;
	}
	settle(l);
	return true;
}

/* ---- drawing -------------------------------------------------------- */

static void draw_one(ui_list *l, long i)
{
	int y = l->rect.y + (int)(i - l->top);

	if (i < 0 || i >= (long)l->n) {
		ui_fill(stdscr, y, l->rect.x, l->rect.w, l->fill);
		return;
	}
	l->src.draw_row(l->src.ctx, stdscr, y, l->rect.x, l->rect.w, row_at(l, i), i == l->sel);
}

void ui_list_draw(ui_list *l, bool full)
{
	long p = page(l);

	if (l->rect.h <= 0 || l->rect.w <= 0)
		return;
	settle(l);
	if (l->n == 0) {
		for (long i = 0; i < p; i++)
			ui_fill(stdscr, l->rect.y + (int)i, l->rect.x, l->rect.w, UI_NORMAL);
		ui_put(stdscr, l->rect.y, l->rect.x + 1, l->rect.w - 1,
		       l->err.code ? l->err.msg
		       : l->empty  ? l->empty
				   : _("Nothing to show."),
		       l->err.code ? UI_ERROR : UI_DIM);
		l->drawn = false;
		return;
	}
	if (!full && l->drawn && l->drawn_top == l->top) {
		if (l->drawn_sel != l->sel) {
			draw_one(l, l->drawn_sel);
			draw_one(l, l->sel);
		}
	} else {
		for (long i = 0; i < p; i++)
			draw_one(l, l->top + i);
	}
	l->drawn = true;
	l->drawn_top = l->top;
	l->drawn_sel = l->sel;
}

/* ---- queries -------------------------------------------------------- */

const void *ui_list_selected(ui_list *l)
{
	if (!l->loaded)
		settle(l);
	if (l->n == 0 || l->sel < 0 || l->sel >= (long)l->n)
		return NULL;
	if (l->arr) {
		int64_t i = *(const int64_t *)row_at(l, l->sel);
		return l->arr + (size_t)i * l->arr_row_size;
	}
	return row_at(l, l->sel);
}

void ui_list_position(ui_list *l, int64_t *index, int64_t *count)
{
	if (l->base < 0 && l->at_end && l->count >= 0)
		l->base = l->count - (int64_t)l->n;
	if (index)
		*index = l->base >= 0 && l->n > 0 ? l->base + l->sel : -1;
	if (count)
		*count = l->count;
}

bool ui_list_count_now(ui_list *l)
{
	cb_error err = {0};
	int64_t c;

	if (l->count >= 0 || !l->src.count)
		return false;
	if (l->src.count(l->src.ctx, &c, &err) != CB_OK)
		return false;
	l->count = c;
	if (l->base < 0 && l->at_end)
		l->base = c - (int64_t)l->n;
	return true;
}

bool ui_list_empty(ui_list *l)
{
	if (!l->loaded)
		settle(l);
	return l->n == 0;
}

const cb_error *ui_list_error(ui_list *l)
{
	return &l->err;
}
