/* screen_due.c - "Đến hạn": what falls due in the coming year, by date
 * (term ends, notices, retirements, lapsing disciplines, pool reviews);
 * Enter opens the cadre's record, or on a review the planning pool
 * screen at the title reviewed.
 *
 * Guarantees: the list is career_due's, the same as `canbo due`, read
 * as it is shown (a due_walk: the first days when the screen opens, the
 * rest as the user pages or the keyboard rests), and again from the top
 * when the user comes back to it.
 */
#include "career_list.h"
#include "ui_dialog.h"
#include "ui_screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career_store.h"
#include "i18n.h"

#define DUE_WINDOW_DAYS 365

static int cell_date(void *ctx, const void *row, char *buf, size_t cap)
{
	char day[11];

	(void)ctx;
	date_format_vn(((const due_item *)row)->date, day);
	snprintf(buf, cap, "%s", day);
	return UI_NORMAL;
}

static int cell_kind(void *ctx, const void *row, char *buf, size_t cap)
{
	const due_item *it = row;

	(void)ctx;
	snprintf(buf, cap, "%s", due_kind_label(it->kind));
	return it->kind == DUE_RETIRE || it->kind == DUE_NOTICE ? UI_WARN : UI_NORMAL;
}

/* The unit goes first on a narrow terminal: the name and the post say
 * who it is. */
static const ui_column due_columns[] = {
	{N_("Date"), 10, 0, 0, OUT_LEFT, OUT_STR, cell_date, 0, 0},
	{N_("What"), 15, 0, 0, OUT_LEFT, OUT_STR, cell_kind, 0, 0},
	{N_("Name"), 19, 1, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(due_item, name), 0},
	{N_("Unit"), 21, 0, 1, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(due_item, unit_name), 0},
	{N_("Post or decision"), 12, 2, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(due_item, what),
	 UI_DIM},
};

static const ui_listview_def due_list_def = {
	.cols = due_columns,
	.ncols = sizeof due_columns / sizeof due_columns[0],
	.empty = N_("Nothing falls due."),
	.export_title = N_("Falling due in the coming year"),
};

/* The screen's own state: the list being read. */
struct due_state {
	due_walk *walk;
	cb_error err; /* what stopped it */
};

static void due_end(career_list *cl)
{
	struct due_state *st = cl->own;

	due_walk_free(st->walk);
	st->walk = NULL;
}

static void due_begin(career_list *cl)
{
	struct due_state *st = cl->own;

	due_end(cl);
	cb_error_clear(&st->err);
	if (due_walk_open(cl->a->db, &cl->rules, cl->a->today, cl->a->today + DUE_WINDOW_DAYS, ~0u,
			  cl->unit_lo, cl->unit_hi, &st->walk, &st->err) != CB_OK)
		st->walk = NULL;
}

static int due_more(career_list *cl, size_t want, const void **rows, size_t *n, bool *all,
		    cb_error *err)
{
	struct due_state *st = cl->own;

	*rows = NULL;
	*n = 0;
	*all = true;
	if (!st->walk)
		return st->err.code ? cb_error_set(err, st->err.code, "%s", st->err.msg) : CB_OK;
	if (due_walk_read(st->walk, want, &st->err) != CB_OK) {
		due_end(cl);
		return cb_error_set(err, st->err.code, "%s", st->err.msg);
	}
	*rows = due_walk_items(st->walk, n);
	*all = due_walk_done(st->walk);
	return CB_OK;
}

static void due_status(career_list *cl, char *extra, size_t cap)
{
	(void)cl;
	snprintf(extra, cap, "  %s", _("Enter opens the record, or the pool of a title reviewed."));
}

static void due_open(career_list *cl, const void *row)
{
	const due_item *it = row;

	if (it->cadre_id)
		ui_open_cadre(cl->a, it->cadre_id);
	else if (it->kind == DUE_POOL_REVIEW) /* the title's candidates in the pool */
		screen_pool_open_at(cl->a, it->ref_id);
}

/* The posts of the rows shown. */
static int due_ready(career_list *cl, size_t from, size_t to, cb_error *err)
{
	struct due_state *st = cl->own;

	if (st->walk && due_walk_complete(st->walk, from, to, &st->err) != CB_OK) {
		due_end(cl);
		return cb_error_set(err, st->err.code, "%s", st->err.msg);
	}
	return CB_OK;
}

static const career_list_def due_screen = {
	.name = "due",
	.context = UI_CTX_DUE,
	.title = N_("Falling due in the coming year"),
	.list = &due_list_def,
	.row_size = sizeof(due_item),
	.own_size = sizeof(struct due_state),
	.begin = due_begin,
	.more = due_more,
	.ready = due_ready,
	.end = due_end,
	.status = due_status,
	.open = due_open,
};

int screen_due_open(app *a)
{
	return career_list_open(a, &due_screen);
}
