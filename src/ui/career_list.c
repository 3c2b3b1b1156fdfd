/* career_list.c - the shell of the career list screens (career_list.h).
 *
 * Guarantees: the rows are the def's load (or more), within the office's
 * district, read when the screen opens and again when the user comes
 * back to it; read a part at a time, only what is shown is read before
 * it is drawn, and the rest when the keyboard rests; nothing is written
 * here.
 */
#include "career_list.h"

#include "ui_dialog.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- rows read a part at a time (def->more) ----------------------------
 * The list's rows are the screen's, each followed by its key: its index
 * in the list plus one (UI_LIST_START, 0, means "from the top"). */

static size_t key_at(const career_list *cl)
{
	return (cl->def->row_size + 7) / 8 * 8;
}

static int part_fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *out, size_t *n,
		      cb_error *err)
{
	career_list *cl = ctx;
	const unsigned char *rows = NULL;
	size_t have = 0, start, stop, want, rs = cl->def->row_size, step = key_at(cl) + 8;
	bool all = false;
	int rc;

	*n = 0;
	if (backwards)
		want = after == UI_LIST_END ? SIZE_MAX : (size_t)after - 1;
	else
		want = (size_t)after + limit;
	if ((rc = cl->def->more(cl, want, (const void **)&rows, &have, &all, err)))
		return rc;
	stop = have < want ? have : want;
	start = !backwards ? (size_t)after : stop > limit ? stop - limit : 0;
	if (cl->def->ready && start < stop) {
		if ((rc = cl->def->ready(cl, start, stop, err)))
			return rc;
		cl->def->more(cl, 0, (const void **)&rows, &have, &all, err); /* where they are */
	}
	for (size_t i = start; i < stop; i++) {
		unsigned char *row = (unsigned char *)out + (i - start) * step;
		int64_t key = (int64_t)i + 1;
		memcpy(row, rows + i * rs, rs);
		memcpy(row + key_at(cl), &key, sizeof key);
	}
	*n = stop > start ? stop - start : 0;
	return CB_OK;
}

static int64_t part_key(void *ctx, const void *row)
{
	int64_t key;
	memcpy(&key, (const unsigned char *)row + key_at(ctx), sizeof key);
	return key;
}

/* Reads on to the end a little at a time, giving way to a key. */
static int part_count(void *ctx, int64_t *count, cb_error *err)
{
	career_list *cl = ctx;
	const void *rows;
	size_t n = 0;
	bool all = false;
	int rc;

	while ((rc = cl->def->more(cl, n + 1, &rows, &n, &all, err)) == CB_OK && !all)
		if (ui_input_waiting(NULL))
			return CB_STOPPED;
	*count = (int64_t)n;
	return rc;
}

static bool idle(ui_view *v)
{
	career_list *cl = v->state;
	return cl->def->more && !cl->whole && ui_list_count_now(ui_listview_list(cl->lv));
}

/* ---- the screen --------------------------------------------------------- */

static void load(career_list *cl)
{
	void *rows = NULL;
	size_t n = 0;
	cb_error err = {0};

	if (cl->def->more) {
		cl->def->begin(cl);
		return;
	}
	cl->def->load(cl, &rows, &n);
	free(cl->rows);
	cl->rows = rows;
	cl->n = n;
	ui_listview_set_rows(cl->lv, cl->rows, cl->n, &err);
}

static void draw(ui_view *v, bool full)
{
	career_list *cl = v->state;
	ui_listview_draw(cl->lv, full);
}

static const char *title(ui_view *v)
{
	career_list *cl = v->state;
	return _(cl->def->title);
}

static void status(ui_view *v, char *buf, size_t cap)
{
	career_list *cl = v->state;
	char extra[256] = "";

	if (cl->def->status)
		cl->def->status(cl, extra, sizeof extra);
	ui_listview_status(cl->lv, extra, buf, cap);
}

/* Reads the rest and puts the list view over the whole array (the one
 * that types to search), the selection kept; false if it could not. */
static bool become_whole(career_list *cl)
{
	const void *rows = NULL;
	size_t n = 0;
	bool all = false;
	int64_t at = -1, count;
	cb_error err = {0};
	ui_listview *lv;

	if (cl->def->more(cl, SIZE_MAX, &rows, &n, &all, &err) != CB_OK || !all ||
	    (cl->def->ready && cl->def->ready(cl, 0, n, &err) != CB_OK) ||
	    !(lv = ui_listview_new_array(cl->def->list, cl->def->row_size, cl)))
		return false;
	ui_list_position(ui_listview_list(cl->lv), &at, &count);
	ui_listview_free(cl->lv);
	cl->lv = lv;
	cl->whole = true;
	ui_listview_set_rect(lv, ui_body());
	ui_listview_set_rows(lv, rows, n, NULL);
	if (at > 0)
		ui_listview_select(lv, (size_t)at);
	return true;
}

static int key(ui_view *v, int action, ui_key k)
{
	career_list *cl = v->state;
	const void *row;

	if (ui_listview_key(cl->lv, action, k) == UI_HANDLED)
		return UI_HANDLED;
	/* typing to search looks in every row */
	if (cl->def->more && !cl->whole && cl->def->list->find_text && action == UI_ACT_NONE &&
	    ui_key_is_text(k) && become_whole(cl) &&
	    ui_listview_key(cl->lv, action, k) == UI_HANDLED)
		return UI_HANDLED;
	if (action != UI_ACT_OPEN)
		return UI_UNHANDLED;
	if ((row = ui_listview_selected(cl->lv)))
		cl->def->open(cl, row);
	return UI_HANDLED;
}

static void resize(ui_view *v)
{
	career_list *cl = v->state;
	ui_listview_set_rect(cl->lv, ui_body());
}

static void reveal(ui_view *v)
{
	career_list *cl = v->state;

	load(cl);
	if (cl->def->more && cl->whole) {
		const void *rows = NULL;
		size_t n = 0;
		bool all;
		cb_error err = {0};
		if (cl->def->more(cl, SIZE_MAX, &rows, &n, &all, &err) == CB_OK && cl->def->ready)
			cl->def->ready(cl, 0, n, &err);
		ui_listview_set_rows(cl->lv, rows, n, &err); /* keeps the selection's index */
	} else if (cl->def->more)
		ui_list_refresh(ui_listview_list(cl->lv)); /* where the user was */
}

static void close_list(ui_view *v)
{
	career_list *cl = v->state;
	ui_listview_free(cl->lv);
	if (cl->def->end)
		cl->def->end(cl);
	free(cl->rows);
	free(cl->own);
	free(cl);
}

/* The district's units, when the office works on one. */
static void scope(career_list *cl)
{
	const app *a = cl->a;
	unit_row u;
	cb_error err = {0};

	if (a->district &&
	    store_unit_by_code(a->db, a->config->units[a->district->unit].code, &u, &err) == CB_OK)
		cl->unit_lo = u.lo, cl->unit_hi = u.hi;
}

/* Selects the first row for which at(row, arg) holds. */
static void select_first(career_list *cl, bool (*at)(const void *row, const void *arg),
			 const void *arg)
{
	const unsigned char *rows = cl->rows;
	size_t n = cl->n;
	bool all = false;
	cb_error err = {0};

	if (cl->def->more) {
		if (!become_whole(cl) ||
		    cl->def->more(cl, SIZE_MAX, (const void **)&rows, &n, &all, &err) != CB_OK)
			return;
	}
	for (size_t i = 0; i < n; i++)
		if (at(rows + i * cl->def->row_size, arg)) {
			ui_listview_select_top(cl->lv, i); /* what follows it in sight */
			return;
		}
}

int career_list_open(app *a, const career_list_def *def)
{
	return career_list_open_at(a, def, NULL, NULL);
}

int career_list_open_at(app *a, const career_list_def *def,
			bool (*at)(const void *row, const void *arg), const void *arg)
{
	career_list *cl = calloc(1, sizeof *cl);
	cb_error err = {0};

	if (!cl || (def->own_size && !(cl->own = calloc(1, def->own_size)))) {
		free(cl);
		return CB_EDB;
	}
	cl->def = def;
	cl->a = a;
	if (career_rules_load(a->config, &cl->rules, &err) != CB_OK) {
		ui_message(_("Not opened"), err.msg);
		free(cl->own);
		free(cl);
		return CB_OK;
	}
	scope(cl);
	if (def->more) {
		ui_list_source src = {
			.row_size = key_at(cl) + 8,
			.fetch = part_fetch,
			.key_of = part_key,
			.count = part_count,
			.ctx = cl,
		};
		cl->lv = ui_listview_new(def->list, &src, cl);
	} else
		cl->lv = ui_listview_new_array(def->list, def->row_size, cl);
	if (!cl->lv) {
		free(cl->own);
		free(cl);
		return CB_EDB;
	}
	cl->ops = (ui_view_ops){
		.name = def->name,
		.context = def->context,
		.title = title,
		.draw = draw,
		.key = key,
		.resize = resize,
		.status = status,
		.reveal = reveal,
		.idle = idle,
		.close = close_list,
	};
	ui_listview_set_rect(cl->lv, ui_body());
	load(cl);
	if (at)
		select_first(cl, at, arg);
	return ui_view_push(&cl->ops, cl) ? CB_OK : CB_EDB;
}
