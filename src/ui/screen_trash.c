/* screen_trash.c - the trash: what was deleted, by whom and when, with
 * what went with it; Enter puts an entry back, Del removes it for good.
 *
 * Guarantees: both ask first, naming the record and everything that goes
 * or comes with it; both need the edit right; the list is read again
 * after each change and when the user comes back to it.
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "trash.h"

struct trash_state {
	app *a;
	trash_entry *rows;
	size_t n;
	ui_listview *lv;
};

static int cell_when(void *ctx, const void *row, char *buf, size_t cap)
{
	const trash_entry *e = row;
	char when[24];

	(void)ctx;
	snprintf(buf, cap, "%s", date_format_utc_local(e->at, when) ? when : e->at);
	return UI_NORMAL;
}

static int cell_kind(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%s", trash_kind_label(((const trash_entry *)row)->table));
	return UI_NORMAL;
}

static const ui_column trash_columns[] = {
	{N_("Deleted at"), 17, 0, 0, OUT_LEFT, OUT_STR, cell_when, 0, 0},
	{N_("By"), 10, 1, 2, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(trash_entry, user), 0},
	{N_("Kind"), 14, 1, 1, OUT_LEFT, OUT_STR, cell_kind, 0, 0},
	{N_("Record"), 20, 4, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(trash_entry, summary), 0},
};

static const ui_listview_def trash_list_def = {
	.cols = trash_columns,
	.ncols = sizeof trash_columns / sizeof trash_columns[0],
	.noun = N_("entries"),
	.empty = N_("The trash is empty."),
	.export_title = N_("Trash"),
};

static void trash_load(struct trash_state *st)
{
	cb_error err = {0};

	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	trash_list(st->a->db, &st->rows, &st->n, &err);
	ui_listview_set_rows(st->lv, st->rows, st->n, &err);
}

static void trash_layout(struct trash_state *st)
{
	ui_rect b = ui_body();
	/* the last row of the body says what went with the selected entry */
	ui_rect r = {b.y, 0, b.h - 1, b.w};
	ui_listview_set_rect(st->lv, r);
}

static void trash_draw(ui_view *v, bool full)
{
	struct trash_state *st = v->state;
	ui_rect b = ui_body();
	const trash_entry *e;

	ui_listview_draw(st->lv, full);
	ui_fill(stdscr, b.y + b.h - 1, 0, b.w, UI_NORMAL);
	if ((e = ui_listview_selected(st->lv)))
		ui_putf(stdscr, b.y + b.h - 1, 1, b.w - 2, UI_DIM, "%s %s", _("Deleted with it:"),
			e->contents[0] ? e->contents : _("nothing else"));
}

static const char *trash_title(ui_view *v)
{
	(void)v;
	return _("Trash");
}

static void trash_status(ui_view *v, char *buf, size_t cap)
{
	struct trash_state *st = v->state;
	ui_listview_status(st->lv, NULL, buf, cap);
}

/* "Cán bộ Nguyễn Văn An cùng 2 kế hoạch, ..." */
static void describe(const trash_entry *e, char *buf, size_t cap)
{
	if (e->contents[0])
		snprintf(buf, cap, _("%s %s with %s"), trash_kind_label(e->table), e->summary,
			 e->contents);
	else
		snprintf(buf, cap, "%s %s", trash_kind_label(e->table), e->summary);
}

/* What restoring or purging an entry asks and says; the texts are msgids. */
typedef struct trash_act {
	int (*run)(store *s, int64_t trash_id, cb_error *err);
	const char *question, *failed, *done;
} trash_act;

static const trash_act restore_act = {trash_restore, N_("Restore %s?"), N_("Not restored"),
				      N_("Restored: %s.")};
static const trash_act purge_act = {trash_purge, N_("Remove %s for good? This cannot be undone."),
				    N_("Not removed"), N_("Removed for good: %s.")};

/* Asks, then restores or purges the selected entry (edit right needed). */
static void act_on_selected(struct trash_state *st, const trash_act *act)
{
	const trash_entry *e = ui_listview_selected(st->lv);
	char what[TRASH_SUMMARY_MAX + 600], q[sizeof what + 128];
	cb_error err = {0};

	if (!e || !ui_may_edit(st->a))
		return;
	describe(e, what, sizeof what);
	snprintf(q, sizeof q, _(act->question), what);
	if (!ui_confirm(q))
		return;
	if (act->run(st->a->db, e->id, &err) != CB_OK)
		ui_message(_(act->failed), err.msg);
	else
		ui_flash(UI_GOOD, _(act->done), what);
	trash_load(st);
	ui_invalidate();
}

static int trash_key(ui_view *v, int action, ui_key key)
{
	struct trash_state *st = v->state;

	if (ui_listview_key(st->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_RESTORE:
		act_on_selected(st, &restore_act);
		return UI_HANDLED;
	case UI_ACT_PURGE:
		act_on_selected(st, &purge_act);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void trash_resize(ui_view *v)
{
	trash_layout(v->state);
}

static void trash_reveal(ui_view *v)
{
	trash_load(v->state);
}

static void trash_close(ui_view *v)
{
	struct trash_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->rows);
	free(st);
}

static const ui_view_ops trash_ops = {
	.name = "trash",
	.context = UI_CTX_TRASH,
	.title = trash_title,
	.draw = trash_draw,
	.key = trash_key,
	.resize = trash_resize,
	.status = trash_status,
	.reveal = trash_reveal,
	.close = trash_close,
};

int screen_trash_open(app *a)
{
	struct trash_state *st = calloc(1, sizeof *st);

	if (!st)
		return CB_EDB;
	st->a = a;
	st->lv = ui_listview_new_array(&trash_list_def, sizeof(trash_entry), st);
	if (!st->lv) {
		free(st);
		return CB_EDB;
	}
	trash_layout(st);
	trash_load(st);
	return ui_view_push(&trash_ops, st) ? CB_OK : CB_EDB;
}
