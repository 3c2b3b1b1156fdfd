/* screen_cadres.c - the cadre list: search-as-you-type, sort, the way
 * into a record, and the filter form (cadres_filter.c).
 *
 * Guarantees:
 * - Only the visible window (plus a margin) is fetched, through
 *   search_fetch; the number of matches is counted when the keyboard is
 *   idle (search_count_cancellable: a key typed meanwhile stops it and it
 *   runs again at the next pause), so every keystroke costs one small query.
 * - The search runs again on every keystroke of the search line (accent
 *   insensitive unless the user typed diacritics).
 * - A list opened for a drill-down keeps its base filter: the user may
 *   narrow it further but never sees cadres outside it; Esc returns to the
 *   screen that opened it, unchanged.
 */
#include "screen_cadres.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "marked_actions.h"
#include "stats.h"
#include "text.h"
#include "ui_dialog.h"
#include "ui_screens.h"
#include "ui_view.h"

/* What a list row keeps of a cadre (a window of them is held). */
struct cadre_row {
	int64_t id, pos;
	char name[CADRE_NAME_MAX];
	char birth[11];
	int gender, education, theory;
	char position[CADRE_TEXT_MAX];
	char unit[128];
};

/* ---- the data source ------------------------------------------------ */

static void row_from_cadre(struct cadre_row *r, const search_hit *h)
{
	r->id = h->c.id;
	r->pos = h->pos;
	snprintf(r->name, sizeof r->name, "%s", h->c.full_name);
	snprintf(r->birth, sizeof r->birth, "%s", h->c.birth_date);
	r->gender = h->c.gender;
	r->education = h->c.education;
	r->theory = h->c.theory;
	snprintf(r->position, sizeof r->position, "%s", h->c.position);
	snprintf(r->unit, sizeof r->unit, "%s", h->c.unit_name);
}

/* The drill-down's filter narrowed by the filter form's conditions e. */
static cadre_filter merged(const struct cadres_state *st, const cadre_filter *e)
{
	return filter_narrow(&st->base, e);
}

/* The year whose records the walk keeps with it: the filter's (0: none;
 * the pool, which has no year, is kept with the current one). */
static int records_year(const struct cadres_state *st, const cadre_filter *f)
{
	int year, m, d;

	if (!stats_kept_year(f, &year))
		return 0;
	if (year <= 0)
		date_to_ymd(st->a->today, &year, &m, &d);
	return year;
}

/* A filter on the codes over a large province (the women of a level, the
 * managed women; those rated "not completed" in a year) reads its cadres
 * from a walk of the province and the records of that year kept in memory
 * (search_walk_worth), instead of each window reading rows along the
 * order's index, which took up to 6.8 s in reversed unit order at a
 * million cadres. The walk is made while the filter form rests, ahead of
 * such a condition (cadres_prepare_walk), or else at the first window
 * that needs it (some 150-200 ms at a million cadres, once); after a
 * write, again while the list rests, or at the next window. It is kept
 * while such a filter stands and dropped with it (at the next window),
 * unless a screen below (the breakdowns, for their drill-down) keeps
 * walks itself. */
static void keep_on(struct cadres_state *st)
{
	if (!stats_walks_kept()) {
		stats_keep_walks(st->a->db, true);
		st->own_walk = true;
	}
}

/* Keeps what `worth` says (search_walk_worth) for q, making it now,
 * giving way to a key when should_stop says so (NULL: never). A failed
 * read leaves the list to read the rows as without it. */
static void keep_for(struct cadres_state *st, const search_query *q, int worth,
		     int (*should_stop)(void *))
{
	int year = worth & SEARCH_KEEP_RECORDS ? records_year(st, &q->filter) : 0;
	cb_error err;

	if (worth & SEARCH_KEEP_WALK) {
		keep_on(st);
		stats_walk_prefetch(st->a->db, &q->filter, year, should_stop, NULL, &err);
	} else if (year > 0) {
		stats_records_prefetch(st->a->db, year, should_stop, NULL, &err);
	}
}

static void keep_walk(struct cadres_state *st)
{
	int worth = search_walk_worth(st->a->db, &st->q);

	if (!(worth & SEARCH_KEEP_WALK)) {
		if (st->own_walk)
			stats_keep_walks(st->a->db, false);
		st->own_walk = false;
	}
	if (worth && !(st->q.text && *st->q.text))
		keep_for(st, &st->q, worth, NULL);
}

bool cadres_prepare_walk(struct cadres_state *st, const cadre_filter *extra, bool ahead)
{
	search_query q = st->q;
	int kept = stats_walk_kept_count(), worth;

	q.filter = merged(st, extra);
	q.text = NULL;
	/* with no such condition chosen yet, the walk alone, ahead of one
	 * (the fields are chosen over a second or more, the walk takes some
	 * 150 ms at a million cadres); nothing dropped here: the list's next
	 * window decides */
	worth = search_walk_worth(st->a->db, &q);
	if (ahead && !(worth & SEARCH_KEEP_WALK) && search_walk_may_serve(st->a->db, &q))
		worth |= SEARCH_KEEP_WALK;
	if (!worth)
		return false;
	keep_for(st, &q, worth, ui_input_waiting);
	return stats_walk_kept_count() != kept;
}

static int cadres_fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *rows,
			size_t *n, cb_error *err)
{
	struct cadres_state *st = ctx;
	search_hit *hits = NULL;
	size_t got = 0;
	int rc;

	keep_walk(st);
	rc = search_fetch(st->a->db, &st->q, after, backwards, limit, &hits, &got, err);

	*n = 0;
	if (rc != CB_OK)
		return rc;
	/* from the top: a new office's list (nothing typed, nothing
	 * filtered, no one in the reader's scope), or no longer */
	if (!after && !backwards &&
	    st->no_cadres !=
		    (!got && st->everyone && !st->filtered && !(st->q.text && *st->q.text))) {
		st->no_cadres = !st->no_cadres;
		ui_listview_set_empty(
			st->lv, st->no_cadres ? _("No cadre yet: Ins adds one; item 5 of the main "
						  "menu imports a list from a file.")
					      : NULL);
	}
	for (size_t i = 0; i < got && i < limit; i++)
		row_from_cadre((struct cadre_row *)rows + i, &hits[i]);
	*n = got < limit ? got : limit;
	free(hits);
	return CB_OK;
}

static int64_t cadres_pos(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct cadre_row *)row)->pos;
}

/* Gives way to the keyboard: a key typed while counting stops the count
 * (CB_STOPPED), the key is handled at once and the count runs again at the
 * next pause. */
static int cadres_count(void *ctx, int64_t *n, cb_error *err)
{
	struct cadres_state *st = ctx;
	return search_count_cancellable(st->a->db, &st->q, ui_input_waiting, NULL, n, err);
}

/* ---- columns: narrow terminals drop political theory, then education -- */

static int cell_born(void *ctx, const void *row, char *buf, size_t cap)
{
	const struct cadres_state *st = ctx;
	cb_date d;
	int yy, mm, dd;

	if (date_parse_iso(((const struct cadre_row *)row)->birth, &d)) {
		date_to_ymd(d, &yy, &mm, &dd);
		snprintf(buf, cap, "%d (%d)", yy, date_age(d, st->q.filter.as_of));
	}
	return UI_NORMAL;
}

static int cell_gender(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%s",
		 ((const struct cadre_row *)row)->gender == 2 ? _("Female") : _("Male"));
	return UI_NORMAL;
}

static int cell_degree(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%s",
		 model_label(ENUM_EDUCATION, ((const struct cadre_row *)row)->education));
	return UI_NORMAL;
}

static int cell_theory(void *ctx, const void *row, char *buf, size_t cap)
{
	(void)ctx;
	snprintf(buf, cap, "%s", model_label(ENUM_THEORY, ((const struct cadre_row *)row)->theory));
	return UI_NORMAL;
}

static const ui_column cadres_columns[] = {
	{N_("Full name"), 16, 36, 0, UI_ALIGN_NAME, OUT_STR, NULL,
	 UI_TEXT_AT(struct cadre_row, name), 0},
	{N_("Born (age)"), 10, 0, 0, OUT_LEFT, OUT_STR, cell_born, 0, 0},
	{N_("M/F"), 3, 0, 0, OUT_LEFT, OUT_STR, cell_gender, 0, 0},
	{N_("Position"), 12, 32, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(struct cadre_row, position),
	 0},
	{N_("Unit"), 12, 32, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(struct cadre_row, unit), 0},
	{N_("Degree"), 11, 0, 2, OUT_LEFT, OUT_STR, cell_degree, 0, 0},
	{N_("Pol. theory"), 11, 0, 1, OUT_LEFT, OUT_STR, cell_theory, 0, 0},
};

static int64_t cadre_row_id(const void *row)
{
	return ((const struct cadre_row *)row)->id;
}

/* The export is the cadres' own (every field the import takes). */
static const ui_listview_def cadres_list_def = {
	.cols = cadres_columns,
	.ncols = sizeof cadres_columns / sizeof cadres_columns[0],
	.noun = N_("cadres"),
	.select_first = true,
	.mark_id = cadre_row_id,
};

/* The search line on the first row, the list below it. */
static void cadres_layout(struct cadres_state *st)
{
	ui_rect b = ui_body();
	ui_rect r = {b.y + 1, 0, b.h - 1, b.w};
	ui_listview_set_rect(st->lv, r);
}

/* The search line: the prompt, what is typed, the filter in force. */
static void draw_search(struct cadres_state *st)
{
	ui_rect b = ui_body();
	const char *prompt = _("Search:");
	int pw = text_width(prompt) + 2;
	int fw = b.w / 3;

	ui_put(stdscr, b.y, 0, pw, prompt, st->searching ? UI_HEADER : UI_NORMAL);
	if (st->searching || st->text[0])
		ui_line_draw(&st->search, stdscr, b.y, pw, b.w - pw - fw - 1,
			     st->searching ? UI_FOCUS : UI_FIELD, st->searching);
	else
		ui_put(stdscr, b.y, pw, b.w - pw - fw - 1, _("(type a name to search)"), UI_DIM);
	ui_put(stdscr, b.y, b.w - fw - 1, 1, " ", UI_NORMAL);
	ui_put(stdscr, b.y, b.w - fw, fw, st->filter_desc, UI_DIM);
}

/* ---- the query ------------------------------------------------------ */

static void build_query(struct cadres_state *st)
{
	st->q.filter = merged(st, &st->extra);
	st->q.text = st->text;
}

void cadres_requery(struct cadres_state *st)
{
	build_query(st);
	cadres_describe_filter(st);
	ui_list_reload(ui_listview_list(st->lv));
}

/* ---- sort ----------------------------------------------------------- */

/* "by name", "by age, reversed"... for the status line. */
static const char *sort_label(int sort)
{
	static char buf[128];
	const char *order;

	switch (sort & ~SORT_REVERSE) {
	case SORT_AGE:
		order = _("by age");
		break;
	case SORT_UNIT:
		order = _("by unit");
		break;
	case SORT_POSITION:
		order = _("by position rank");
		break;
	default:
		order = _("by name");
	}
	if (!(sort & SORT_REVERSE))
		return order;
	snprintf(buf, sizeof buf, _("%s, reversed"), order);
	return buf;
}

/* Every order, and each of them reversed. */
static void choose_sort(struct cadres_state *st)
{
	ui_choice ch[] = {
		{SORT_NAME, _("Name (given name, then middle and surname)")},
		{SORT_NAME | SORT_REVERSE, _("Name, in reverse order")},
		{SORT_AGE, _("Age (oldest first)")},
		{SORT_AGE | SORT_REVERSE, _("Age (youngest first)")},
		{SORT_UNIT, _("Unit")},
		{SORT_UNIT | SORT_REVERSE, _("Unit, in reverse order")},
		{SORT_POSITION, _("Position rank in each unit, as in an official list")},
		{SORT_POSITION | SORT_REVERSE, _("Position rank in each unit, in reverse order")},
	};
	int n = (int)(sizeof ch / sizeof ch[0]), cur = 0, k;

	for (int i = 0; i < n; i++)
		if (ch[i].value == st->q.sort)
			cur = i;
	k = ui_pick(_("Sort the list"), ch, n, cur);
	if (k >= 0 && (int)ch[k].value != st->q.sort) {
		st->q.sort = (int)ch[k].value;
		cadres_requery(st);
	}
}

/* ---- the view ------------------------------------------------------- */

static const char *cadres_title(ui_view *v)
{
	struct cadres_state *st = v->state;
	return st->title;
}

static void cadres_draw(ui_view *v, bool full)
{
	struct cadres_state *st = v->state;

	draw_search(st);
	ui_listview_draw(st->lv, full);
}

static void cadres_status(ui_view *v, char *buf, size_t cap)
{
	struct cadres_state *st = v->state;
	char extra[400];

	snprintf(extra, sizeof extra, "   %s: %s   %s", _("Filter"), st->filter_desc,
		 sort_label(st->q.sort));
	if (ui_list_empty(ui_listview_list(st->lv)))
		snprintf(buf, cap, " %s%s",
			 st->no_cadres ? _("No cadre yet.") : _("No cadre matches."), extra);
	else
		ui_listview_status(st->lv, extra, buf, cap);
}

static bool cadres_idle(ui_view *v)
{
	struct cadres_state *st = v->state;
	/* a walk made stale by a write (another process's too) made again
	 * before the next key needs it; then the count */
	bool made = !(st->q.text && *st->q.text) && cadres_prepare_walk(st, &st->extra, false);
	return ui_list_count_now(ui_listview_list(st->lv)) || made;
}

static void cadres_resize(ui_view *v)
{
	cadres_layout(v->state);
}

static void cadres_reveal(ui_view *v)
{
	struct cadres_state *st = v->state;
	cadres_layout(st);
	ui_list_refresh(ui_listview_list(st->lv));
}

static int search_key(struct cadres_state *st, ui_view *v, int action, ui_key key)
{
	bool changed = false;

	switch (action) {
	case UI_ACT_CANCEL:
		st->searching = false;
		v->ctx = UI_CTX_CADRES;
		if (st->text[0]) {
			st->text[0] = '\0';
			ui_line_set(&st->search, "");
			cadres_requery(st);
		}
		return UI_HANDLED;
	case UI_ACT_SEARCH_DONE:
		st->searching = false;
		v->ctx = UI_CTX_CADRES;
		return UI_HANDLED;
	default:
		break;
	}
	if (ui_list_move(ui_listview_list(st->lv), action))
		return UI_HANDLED;
	if (ui_line_key(&st->search, action, key, &changed) != UI_HANDLED)
		return UI_UNHANDLED;
	if (changed) {
		ui_line_get(&st->search, st->text, sizeof st->text);
		cadres_requery(st);
	}
	return UI_HANDLED;
}

static void delete_selected(struct cadres_state *st)
{
	const struct cadre_row *r = ui_listview_selected(st->lv);

	if (r && ui_delete_cadre(st->a, r->id))
		ui_list_refresh(ui_listview_list(st->lv));
}

/* A training or a pool place for the marked cadres (marks may lie outside
 * the rows shown: they are kept by id), else for the selected one. */
static void marked_action(struct cadres_state *st, int action)
{
	const int64_t *marked;
	size_t n = ui_listview_marked(st->lv, &marked);
	const struct cadre_row *r = ui_listview_selected(st->lv);
	int64_t one;
	int y, m, d;
	bool done;

	if (!n) {
		if (!r)
			return;
		one = r->id;
		marked = &one;
		n = 1;
	}
	date_to_ymd(st->a->today, &y, &m, &d);
	done = action == UI_ACT_TRAINING
		       ? ui_marked_training(st->a, marked, n, y, ui_marked_cadre_name, st->a)
		       : ui_marked_pool(st->a, marked, n, y, ui_marked_cadre_name, st->a);
	if (done && marked != &one)
		ui_listview_unmark_all(st->lv);
	ui_invalidate();
}

static int cadres_key(ui_view *v, int action, ui_key key)
{
	struct cadres_state *st = v->state;
	const struct cadre_row *r;

	if (st->searching)
		return search_key(st, v, action, key);
	if (ui_listview_key(st->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	/* Typing at the list is searching: a letter goes to the search line
	 * (no letter is a command here, so a name typed cannot act). */
	if ((action == UI_ACT_NONE && ui_key_is_text(key)) || action == UI_ACT_BACKSPACE ||
	    action == UI_ACT_CLEAR) {
		st->searching = true;
		v->ctx = UI_CTX_SEARCH;
		ui_line_key(&st->search, UI_ACT_LINE_END, 0, NULL);
		return search_key(st, v, action, key);
	}
	switch (action) {
	case UI_ACT_SEARCH:
		st->searching = true;
		v->ctx = UI_CTX_SEARCH;
		return UI_HANDLED;
	case UI_ACT_OPEN:
		if ((r = ui_listview_selected(st->lv)))
			ui_open_cadre(st->a, r->id);
		return UI_HANDLED;
	case UI_ACT_EDIT:
		if ((r = ui_listview_selected(st->lv)))
			ui_open_cadre_form(st->a, r->id);
		return UI_HANDLED;
	case UI_ACT_NEW:
		ui_open_cadre_form(st->a, 0);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		delete_selected(st);
		return UI_HANDLED;
	case UI_ACT_FILTER:
		cadres_open_filter(st);
		return UI_HANDLED;
	case UI_ACT_SORT:
		choose_sort(st);
		return UI_HANDLED;
	case UI_ACT_TRAINING:
	case UI_ACT_POOL_ADD:
		marked_action(st, action);
		return UI_HANDLED;
	case UI_ACT_EXPORT:
		ui_export_cadres(st->a, &st->q, st->title);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void cadres_close(ui_view *v)
{
	struct cadres_state *st = v->state;
	if (st->own_walk)
		stats_keep_walks(st->a->db, false);
	ui_listview_free(st->lv);
	free(st);
}

static const ui_view_ops cadres_ops = {
	.name = "cadres",
	.context = UI_CTX_CADRES,
	.title = cadres_title,
	.draw = cadres_draw,
	.key = cadres_key,
	.resize = cadres_resize,
	.status = cadres_status,
	.idle = cadres_idle,
	.reveal = cadres_reveal,
	.close = cadres_close,
};

int ui_open_cadre_list(app *a, const cadre_filter *filter, const char *title)
{
	struct cadres_state *st = calloc(1, sizeof *st);
	ui_list_source src = {
		.row_size = sizeof(struct cadre_row),
		.fetch = cadres_fetch,
		.key_of = cadres_pos,
		.count = cadres_count,
	};

	if (!st)
		return CB_EDB;
	st->a = a;
	snprintf(st->title, sizeof st->title, "%s", title ? title : _("Cadre list"));
	if (filter)
		st->base = *filter;
	else
		filter_init(&st->base);
	st->everyone = !filter;
	filter_init(&st->extra);
	st->q.sort = SORT_NAME;
	ui_line_init(&st->search, SEARCH_MAX);
	src.ctx = st;
	if (!(st->lv = ui_listview_new(&cadres_list_def, &src, st))) {
		free(st);
		return CB_EDB;
	}
	cadres_layout(st);
	build_query(st);
	cadres_describe_filter(st);
	return ui_view_push(&cadres_ops, st) ? CB_OK : CB_EDB;
}

int screen_cadres_open(app *a)
{
	return ui_open_cadre_list(a, NULL, NULL);
}
