/* screen_pool.c - "Quy hoạch": the planning pool by title. For each term,
 * unit and title of career.ini, a heading with how many of how many the
 * pool holds ("2/3"), then the cadres planned for it; the status line
 * gives the ratios of young people and women against their targets, as
 * `canbo pool summary` does. Enter opens a cadre's record; typing a name
 * finds it.
 *
 * Guarantees: the entries are store_pool_list's within the reader's scope
 * (the same as `canbo pool list`), read a title at a time as they are
 * shown (the rest, and the ratios, when the keyboard rests or a name is
 * typed), and again when the user comes back to it; nothing is written
 * here (adding and
 * removing go through `canbo pool add|remove`, which apply the rules).
 */
#include "career_list.h"
#include "ui_screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career_store.h"
#include "i18n.h"
#include "model.h"

/* A line of the screen: a title's heading, or one of its cadres. */
struct pool_line {
	bool heading;
	char text[256];	  /* the heading */
	int64_t first_id; /* the heading's: its first entry (the least id) */
	pool_row entry;
};

/* The screen's own state: the titles, the lines read so far, and the
 * ratios of the status line once every entry is read. */
struct pool_state {
	pool_group *groups;
	size_t ngroups, next; /* the next title to read */
	struct pool_line *lines;
	size_t n, cap;
	pool_row *entries; /* every entry read, for the ratios */
	size_t nentries, ecap;
	bool failed;
	cb_error err;
	bool ratios_known;
	pool_ratios ratios;
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
	{N_("M/F"), 4, 0, 2, OUT_LEFT, OUT_STR, cell_gender, 0, 0},
	/* "Ngày đưa vào / quy hoạch", on the heading's two rows */
	{N_("Added on"), 12, 0, 3, OUT_LEFT, OUT_STR, cell_added, 0, 0},
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
	.head_rows = 2,
};

/* "Phó Chủ tịch UBND xã · Xã Long Khê · 2025-2030: 2/3" */
static void heading(const career_rules *r, const pool_row *e, size_t count, char *buf, size_t cap)
{
	const career_title *t = career_title_find(r, e->title);
	snprintf(buf, cap, "%s · %s · %s: %zu/%d%s", t ? t->name : e->title, e->unit_name, e->term,
		 count, r->pool_per_title, (int)count > r->pool_per_title ? " !" : "");
}

static void pool_end(career_list *cl)
{
	struct pool_state *st = cl->own;

	free(st->groups);
	free(st->lines);
	free(st->entries);
	memset(st, 0, sizeof *st);
}

static void pool_begin(career_list *cl)
{
	struct pool_state *st = cl->own;

	pool_end(cl);
	if (store_pool_groups(cl->a->db, "", cl->unit_lo, cl->unit_hi, false, &st->groups,
			      &st->ngroups, &st->err) != CB_OK)
		st->failed = true;
}

static bool grow(void **v, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 64;
	void *p;

	if (need <= *cap)
		return true;
	while (c < need)
		c *= 2;
	if (!(p = realloc(*v, c * size)))
		return false;
	*v = p;
	*cap = c;
	return true;
}

/* The next title: its heading, then its cadres. */
static int read_title(career_list *cl, cb_error *err)
{
	struct pool_state *st = cl->own;
	pool_row *v = NULL;
	size_t n = 0;
	int rc = store_pool_group_entries(cl->a->db, &st->groups[st->next], cl->unit_lo,
					  cl->unit_hi, false, &v, &n, err);

	if (rc)
		return rc;
	if (n && (!grow((void **)&st->lines, &st->cap, st->n + n + 1, sizeof *st->lines) ||
		  !grow((void **)&st->entries, &st->ecap, st->nentries + n, sizeof *v))) {
		free(v);
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	}
	if (n) {
		struct pool_line *h = &st->lines[st->n++];
		memset(h, 0, sizeof *h);
		h->heading = true;
		heading(&cl->rules, &v[0], n, h->text, sizeof h->text);
		h->first_id = v[0].id;
		for (size_t i = 1; i < n; i++)
			if (v[i].id < h->first_id)
				h->first_id = v[i].id;
	}
	for (size_t i = 0; i < n; i++) {
		struct pool_line *l = &st->lines[st->n++];
		memset(l, 0, sizeof *l);
		l->entry = v[i];
		st->entries[st->nentries++] = v[i];
	}
	free(v);
	st->next++;
	return CB_OK;
}

static int pool_more(career_list *cl, size_t want, const void **rows, size_t *n, bool *all,
		     cb_error *err)
{
	struct pool_state *st = cl->own;
	pool_title_count *counts = NULL;
	size_t ncounts = 0;
	cb_error e = {0};

	while (!st->failed && st->n < want && st->next < st->ngroups)
		if (read_title(cl, &st->err) != CB_OK)
			st->failed = true;
	*rows = st->lines;
	*n = st->n;
	*all = st->failed || st->next == st->ngroups;
	if (st->failed)
		return cb_error_set(err, st->err.code, "%s", st->err.msg);
	/* the ratios of every entry, as career_pool_summary gives them */
	if (*all && !st->ratios_known &&
	    career_pool_summary_of(&cl->rules, cl->a->today, st->entries, st->nentries, &counts,
				   &ncounts, &st->ratios, &e) == CB_OK)
		st->ratios_known = true;
	free(counts);
	return CB_OK;
}

/* After i/n, the young and women ratios with what they lack. */
static void pool_status(career_list *cl, char *extra, size_t cap)
{
	const struct pool_state *st = cl->own;
	const pool_ratios *r = &st->ratios;

	if (!st->ratios_known)
		return; /* counted when the keyboard rests */
	snprintf(extra, cap, _("  %d cadres · under %d: %d · women: %d"), r->cadres,
		 cl->rules.pool_young_age, r->young, r->women);
	if (r->young_gap > 0 || r->women_gap > 0)
		snprintf(extra + strlen(extra), cap - strlen(extra),
			 _(" · %d more young, %d more women needed"), r->young_gap, r->women_gap);
}

static void pool_open(career_list *cl, const void *row)
{
	const struct pool_line *l = row;

	if (!l->heading)
		ui_open_cadre(cl->a, l->entry.cadre_id);
}

static const career_list_def pool_screen = {
	.name = "pool",
	.context = UI_CTX_POOL, /* letters search; Enter opens, F5 exports */
	.title = N_("Planning pool by title"),
	.list = &pool_list_def,
	.row_size = sizeof(struct pool_line),
	.own_size = sizeof(struct pool_state),
	.begin = pool_begin,
	.more = pool_more,
	.end = pool_end,
	.status = pool_status,
	.open = pool_open,
};

int screen_pool_open(app *a)
{
	return career_list_open(a, &pool_screen);
}

/* The heading of the title whose first entry is *arg. */
static bool is_title_of(const void *row, const void *arg)
{
	const struct pool_line *l = row;
	return l->heading && l->first_id == *(const int64_t *)arg;
}

int screen_pool_open_at(app *a, int64_t first_entry)
{
	return career_list_open_at(a, &pool_screen, is_title_of, &first_entry);
}
