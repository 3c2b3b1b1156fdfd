/* screen_pool.c - "Quy hoạch": the planning pool by title. For each term,
 * unit and title of career.ini, a heading with how many of how many the
 * pool holds ("2/3"), then the cadres planned for it; the status line
 * gives the ratios of young people and women against their targets, as
 * `canbo pool summary` does. Enter opens a cadre's record; typing a name
 * finds it.
 *
 * Guarantees: the entries are store_pool_list's within the reader's scope
 * (the same as `canbo pool list`), read when the screen opens and again
 * when the user comes back to it; nothing is written here (adding and
 * removing go through `canbo pool add|remove`, which apply the rules).
 */
#include "ui_dialog.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career_store.h"
#include "i18n.h"
#include "model.h"

/* A line of the screen: a title's heading, or one of its cadres. */
struct pool_line {
	bool heading;
	char text[256]; /* the heading */
	pool_row entry;
};

struct pool_state {
	app *a;
	career_rules rules;
	int64_t unit_lo, unit_hi;
	struct pool_line *lines;
	size_t n;
	pool_ratios ratios;
	ui_listview *lv;
};

static int cell_birth(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct pool_line *l = row;
	cb_date d;
	char day[11] = "";

	(void)ctx;
	if (date_parse_iso(l->entry.birth_date, &d))
		date_format_vn(d, day);
	snprintf(buf, cap, "%s", day);
	return UI_NORMAL;
}

static int cell_gender(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%s",
		 model_label(ENUM_GENDER, ((const struct pool_line *)row)->entry.gender));
	return UI_NORMAL;
}

static int cell_added(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct pool_line *l = row;
	cb_date d;
	char day[11] = "";

	(void)ctx;
	if (date_parse_iso(l->entry.added_on, &d))
		date_format_vn(d, day);
	snprintf(buf, cap, "%s", day);
	return UI_DIM;
}

static const ui_column pool_columns[] = {
	{N_("Name"), 20, 2, 0, UI_ALIGN_NAME, OUT_STR, NULL,
	 UI_TEXT_AT(struct pool_line, entry.full_name), 0},
	{N_("Born"), 10, 0, 0, OUT_LEFT, OUT_STR, cell_birth, 0, 0},
	{N_("Gender"), 4, 0, 2, OUT_LEFT, OUT_STR, cell_gender, 0, 0},
	{N_("Added on"), 10, 0, 3, OUT_LEFT, OUT_STR, cell_added, 0, 0},
};

/* A title's heading is a row across the columns. */
static int pool_span(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct pool_line *l = row;

	(void)ctx;
	if (!l->heading)
		return -1;
	snprintf(buf, cap, "%s", l->text);
	return UI_HEADER;
}

static const char *pool_find_text(const void *row)
{
	const struct pool_line *l = row;
	return l->heading ? l->text : l->entry.full_name;
}

static const ui_listview_def pool_list_def = {
	.cols = pool_columns,
	.ncols = sizeof pool_columns / sizeof pool_columns[0],
	.noun = N_("lines"),
	.empty = N_("The planning pool is empty."),
	.export_title = N_("Planning pool by title"),
	.find_text = pool_find_text,
	.span = pool_span,
};

static bool same_group(const pool_row *a, const pool_row *b)
{
	return strcmp(a->term, b->term) == 0 && a->unit_id == b->unit_id &&
	       strcmp(a->title, b->title) == 0;
}

/* "Phó Chủ tịch UBND xã · Xã Long Khê · 2025-2030: 2/3" */
static void heading(const struct pool_state *st, const pool_row *e, size_t count, char *buf,
		    size_t cap)
{
	const career_title *t = career_title_find(&st->rules, e->title);
	snprintf(buf, cap, "%s · %s · %s: %zu/%d%s", t ? t->name : e->title, e->unit_name, e->term,
		 count, st->rules.pool_per_title,
		 (int)count > st->rules.pool_per_title ? " !" : "");
}

static void pool_load(struct pool_state *st)
{
	pool_row *v = NULL;
	pool_title_count *counts = NULL;
	size_t n = 0, groups = 0, ncounts = 0;
	cb_error err = {0};

	free(st->lines);
	st->lines = NULL;
	st->n = 0;
	if (store_pool_list(st->a->db, "", st->unit_lo, st->unit_hi, false, &v, &n, &err) != CB_OK)
		n = 0;
	for (size_t i = 0; i < n; i++)
		groups += i == 0 || !same_group(&v[i - 1], &v[i]);
	if (n && !(st->lines = calloc(n + groups, sizeof *st->lines)))
		n = 0;
	for (size_t i = 0, g = 0; i < n; i = g) {
		for (g = i; g < n && same_group(&v[i], &v[g]); g++)
			;
		heading(st, &v[i], g - i, st->lines[st->n].text, sizeof st->lines[0].text);
		st->lines[st->n++].heading = true;
		for (size_t k = i; k < g; k++)
			st->lines[st->n++].entry = v[k];
	}
	free(v);
	memset(&st->ratios, 0, sizeof st->ratios);
	if (career_pool_summary(st->a->db, &st->rules, st->a->today, "", st->unit_lo, st->unit_hi,
				&counts, &ncounts, &st->ratios, &err) != CB_OK)
		memset(&st->ratios, 0, sizeof st->ratios);
	free(counts);
	ui_listview_set_rows(st->lv, st->lines, st->n, &err);
}

static void pool_layout(struct pool_state *st)
{
	ui_listview_set_rect(st->lv, ui_body());
}

static void pool_draw(ui_view *v, bool full)
{
	struct pool_state *st = v->state;
	ui_listview_draw(st->lv, full);
}

static const char *pool_title(ui_view *v)
{
	(void)v;
	return _("Planning pool by title");
}

/* i/n, then the young and women ratios with what they lack. */
static void pool_status(ui_view *v, char *buf, size_t cap)
{
	struct pool_state *st = v->state;
	const pool_ratios *r = &st->ratios;
	char extra[256];

	snprintf(extra, sizeof extra, _("  %d cadres · under %d: %d · women: %d"), r->cadres,
		 st->rules.pool_young_age, r->young, r->women);
	if (r->young_gap > 0 || r->women_gap > 0)
		snprintf(extra + strlen(extra), sizeof extra - strlen(extra),
			 _(" · %d more young, %d more women needed"), r->young_gap, r->women_gap);
	ui_listview_status(st->lv, extra, buf, cap);
}

static int pool_key(ui_view *v, int action, ui_key key)
{
	struct pool_state *st = v->state;
	const struct pool_line *l;

	if (ui_listview_key(st->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	if (action != UI_ACT_OPEN)
		return UI_UNHANDLED;
	l = ui_listview_selected(st->lv);
	if (l && !l->heading)
		ui_open_cadre(st->a, l->entry.cadre_id);
	return UI_HANDLED;
}

static void pool_resize(ui_view *v)
{
	pool_layout(v->state);
}

static void pool_reveal(ui_view *v)
{
	pool_load(v->state);
}

static void pool_close(ui_view *v)
{
	struct pool_state *st = v->state;
	ui_listview_free(st->lv);
	free(st->lines);
	free(st);
}

static const ui_view_ops pool_ops = {
	.name = "pool",
	.context = UI_CTX_POOL, /* letters search; Enter opens, F5 exports */
	.title = pool_title,
	.draw = pool_draw,
	.key = pool_key,
	.resize = pool_resize,
	.status = pool_status,
	.reveal = pool_reveal,
	.close = pool_close,
};

int screen_pool_open(app *a)
{
	struct pool_state *st = calloc(1, sizeof *st);
	cb_error err = {0};

	if (!st)
		return CB_EDB;
	st->a = a;
	if (career_rules_load(a->config, &st->rules, &err) != CB_OK) {
		ui_message(_("Not opened"), err.msg);
		free(st);
		return CB_OK;
	}
	if (a->district) {
		unit_row u;
		if (store_unit_by_code(a->db, a->config->units[a->district->unit].code, &u, &err) ==
		    CB_OK)
			st->unit_lo = u.lo, st->unit_hi = u.hi;
	}
	st->lv = ui_listview_new_array(&pool_list_def, sizeof(struct pool_line), st);
	if (!st->lv) {
		free(st);
		return CB_EDB;
	}
	pool_layout(st);
	pool_load(st);
	return ui_view_push(&pool_ops, st) ? CB_OK : CB_EDB;
}
