/* career_list.c - the shell of the career list screens (career_list.h).
 *
 * Guarantees: the rows are the def's load, within the office's district,
 * read when the screen opens and again when the user comes back to it;
 * nothing is written here.
 */
#include "career_list.h"

#include "ui_dialog.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static void load(career_list *cl)
{
	void *rows = NULL;
	size_t n = 0;
	cb_error err = {0};

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

static int key(ui_view *v, int action, ui_key k)
{
	career_list *cl = v->state;
	const void *row;

	if (ui_listview_key(cl->lv, action, k) == UI_HANDLED)
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
	load(v->state);
}

static void close_list(ui_view *v)
{
	career_list *cl = v->state;
	ui_listview_free(cl->lv);
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

int career_list_open(app *a, const career_list_def *def)
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
	if (!(cl->lv = ui_listview_new_array(def->list, def->row_size, cl))) {
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
		.close = close_list,
	};
	ui_listview_set_rect(cl->lv, ui_body());
	load(cl);
	return ui_view_push(&cl->ops, cl) ? CB_OK : CB_EDB;
}
