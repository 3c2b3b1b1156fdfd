/* screen_trash.c - the trash: what was deleted, by whom and when, with
 * what went with it; Enter puts an entry back, Del removes it for good.
 *
 * Guarantees: both ask first, naming the record and everything that goes
 * or comes with it; both need the edit right; the list is read again
 * after each change and when the user comes back to it.
 */
#include "ui.h"

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
	ui_list *list;
	cb_error err;
};

static void trash_load(struct trash_state *st)
{
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	cb_error_clear(&st->err);
	trash_list(st->a->db, &st->rows, &st->n, &st->err);
	ui_list_set_array(st->list, st->rows, st->n);
}

/* Column widths for a body width: when, by, kind; the record takes the rest. */
static void widths(int w, int *ww, int *bw, int *kw)
{
	*ww = 18;
	*bw = w >= 100 ? 16 : 10;
	*kw = w >= 100 ? 22 : 14;
}

static void trash_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	const trash_entry *e = row;
	int role = sel ? UI_SELECTED : UI_NORMAL, ww, bw, kw;
	char when[24];

	(void)ctx;
	widths(width, &ww, &bw, &kw);
	if (!date_format_utc_local(e->at, when))
		snprintf(when, sizeof when, "%s", e->at);
	ui_fill(w, y, x, width, UI_NORMAL);
	ui_put(w, y, x, 1, sel ? ui_glyph(UI_G_ARROW) : " ", role);
	ui_put(w, y, x + 1, ww - 1, when, UI_NORMAL);
	ui_put(w, y, x + ww, bw - 1, e->user, UI_NORMAL);
	ui_put(w, y, x + ww + bw, kw - 1, trash_kind_label(e->table), UI_NORMAL);
	ui_put(w, y, x + ww + bw + kw, width - ww - bw - kw, e->summary, role);
}

static void trash_layout(struct trash_state *st)
{
	ui_rect b = ui_body();
	/* the last row of the body says what went with the selected entry */
	ui_rect r = {b.y + 1, 0, b.h - 2, b.w};
	ui_list_set_rect(st->list, r);
}

static void trash_draw(ui_view *v, bool full)
{
	struct trash_state *st = v->state;
	ui_rect b = ui_body();
	const trash_entry *e;
	int ww, bw, kw;

	widths(b.w, &ww, &bw, &kw);
	if (full) {
		ui_fill(stdscr, b.y, 0, b.w, UI_HEADER);
		ui_put(stdscr, b.y, 1, ww - 1, _("Deleted at"), UI_HEADER);
		ui_put(stdscr, b.y, ww, bw - 1, _("By"), UI_HEADER);
		ui_put(stdscr, b.y, ww + bw, kw - 1, _("Kind"), UI_HEADER);
		ui_put(stdscr, b.y, ww + bw + kw, b.w - ww - bw - kw, _("Record"), UI_HEADER);
	}
	if (st->n == 0) {
		if (full)
			ui_put(stdscr, b.y + 2, 2, b.w - 3,
			       st->err.code ? st->err.msg : _("The trash is empty."),
			       st->err.code ? UI_ERROR : UI_DIM);
		return;
	}
	ui_list_draw(st->list, full);
	ui_fill(stdscr, b.y + b.h - 1, 0, b.w, UI_NORMAL);
	if ((e = ui_list_selected(st->list)))
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
	int64_t idx, count;

	ui_list_position(st->list, &idx, &count);
	snprintf(buf, cap, " %lld/%lld %s", (long long)(st->n ? idx + 1 : 0), (long long)count,
		 _("entries"));
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
static const trash_act purge_act = {trash_purge,
				    N_("Remove %s for good? This cannot be undone."),
				    N_("Not removed"), N_("Removed for good: %s.")};

/* Asks, then restores or purges the selected entry (edit right needed). */
static void act_on_selected(struct trash_state *st, const trash_act *act)
{
	const trash_entry *e = ui_list_selected(st->list);
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

	(void)key;
	if (ui_list_move(st->list, action))
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
	ui_list_free(st->list);
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
	st->list = ui_list_new_array(NULL, 0, sizeof(trash_entry), trash_row, st);
	if (!st->list) {
		free(st);
		return CB_EDB;
	}
	trash_layout(st);
	trash_load(st);
	return ui_view_push(&trash_ops, st) ? CB_OK : CB_EDB;
}
