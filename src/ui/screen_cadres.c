/* screen_cadres.c - the cadre list: search-as-you-type, a filter form,
 * sort, and the way into a record.
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
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "search.h"
#include "text.h"
#include "ui_internal.h"

#define SEARCH_MAX 200

/* What a list row keeps of a cadre (a window of them is held). */
struct cadre_row {
	int64_t id, pos;
	char name[CADRE_NAME_MAX];
	char birth[11];
	int gender, education, theory;
	char position[CADRE_TEXT_MAX];
	char unit[128];
};

struct col {
	int x, w;
};

struct cadres_state {
	app *a;
	char title[256];
	cadre_filter base;  /* the drill-down's filter (or everyone) */
	cadre_filter extra; /* what the filter form adds */
	search_query q;
	char text[SEARCH_MAX + 1];
	ui_line search;
	bool searching;
	ui_list *list;
	struct col c_name, c_birth, c_gender, c_pos, c_unit, c_edu, c_theory;
	char filter_desc[256];
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

static int cadres_fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *rows,
			size_t *n, cb_error *err)
{
	struct cadres_state *st = ctx;
	search_hit *hits = NULL;
	size_t got = 0;
	int rc = search_fetch(st->a->db, &st->q, after, backwards, limit, &hits, &got, err);

	*n = 0;
	if (rc != CB_OK)
		return rc;
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

/* ---- columns -------------------------------------------------------- */

/* Shares the width among the columns: fixed ones first, then the text
 * columns by weight; narrow terminals drop political theory, then
 * education. */
static void cadres_layout(struct cadres_state *st)
{
	ui_rect b = ui_body();
	int w = b.w - 1; /* column 0 holds the selection marker */
	int gw = text_width(_("Female")) > text_width(_("Male")) ? text_width(_("Female"))
								: text_width(_("Male"));
	int fixed, rest, x = 1;
	bool edu = w >= 72, theory = w >= 90;

	if (gw > 6)
		gw = 6;
	fixed = 11 + gw + 1 + (edu ? 12 : 0) + (theory ? 12 : 0);
	rest = w - fixed - 3;
	if (rest < 24)
		rest = 24;
	st->c_name = (struct col){x, rest * 36 / 100};
	x += st->c_name.w + 1;
	st->c_birth = (struct col){x, 10};
	x += 11;
	st->c_gender = (struct col){x, gw};
	x += gw + 1;
	st->c_pos = (struct col){x, rest * 32 / 100};
	x += st->c_pos.w + 1;
	st->c_unit = (struct col){x, rest - st->c_name.w - st->c_pos.w};
	x += st->c_unit.w + 1;
	st->c_edu = (struct col){x, edu ? 11 : 0};
	x += edu ? 12 : 0;
	st->c_theory = (struct col){x, theory ? b.w - x : 0};
	if (!theory && edu)
		st->c_edu.w = b.w - st->c_edu.x;
	if (!edu)
		st->c_unit.w = b.w - st->c_unit.x;
	ui_rect r = {b.y + 2, 0, b.h - 2, b.w};
	ui_list_set_rect(st->list, r);
}

static void cadres_row(void *ctx, WINDOW *w, int y, int x, int width, const void *row, bool sel)
{
	struct cadres_state *st = ctx;
	const struct cadre_row *r = row;
	int role = sel ? UI_SELECTED : UI_NORMAL;
	char birth[32] = "";
	cb_date d;

	(void)x;
	(void)width;
	if (date_parse_iso(r->birth, &d)) {
		int yy, mm, dd;
		date_to_ymd(d, &yy, &mm, &dd);
		snprintf(birth, sizeof birth, "%d (%d)", yy, date_age(d, st->q.filter.as_of));
	}
	/* Only the marker and the name show the selection: moving it one row
	 * then rewrites two short cells, not two whole rows. */
	ui_fill(w, y, 0, COLS, UI_NORMAL);
	ui_put(w, y, 0, 1, sel ? ui_glyph(UI_G_ARROW) : " ", role);
	ui_put(w, y, st->c_name.x, st->c_name.w, r->name, role);
	ui_put(w, y, st->c_birth.x, st->c_birth.w, birth, UI_NORMAL);
	ui_put(w, y, st->c_gender.x, st->c_gender.w, r->gender == 2 ? _("Female") : _("Male"),
	       UI_NORMAL);
	ui_put(w, y, st->c_pos.x, st->c_pos.w, r->position, UI_NORMAL);
	ui_put(w, y, st->c_unit.x, st->c_unit.w, r->unit, UI_NORMAL);
	if (st->c_edu.w)
		ui_put(w, y, st->c_edu.x, st->c_edu.w, model_label(ENUM_EDUCATION, r->education),
		       UI_NORMAL);
	if (st->c_theory.w)
		ui_put(w, y, st->c_theory.x, st->c_theory.w, model_label(ENUM_THEORY, r->theory),
		       UI_NORMAL);
}

static void draw_header(struct cadres_state *st)
{
	ui_rect b = ui_body();
	int y = b.y + 1;

	ui_fill(stdscr, y, 0, b.w, UI_HEADER);
	ui_put(stdscr, y, st->c_name.x, st->c_name.w, _("Full name"), UI_HEADER);
	ui_put(stdscr, y, st->c_birth.x, st->c_birth.w, _("Born (age)"), UI_HEADER);
	ui_put(stdscr, y, st->c_gender.x, st->c_gender.w, _("M/F"), UI_HEADER);
	ui_put(stdscr, y, st->c_pos.x, st->c_pos.w, _("Position"), UI_HEADER);
	ui_put(stdscr, y, st->c_unit.x, st->c_unit.w, _("Unit"), UI_HEADER);
	if (st->c_edu.w)
		ui_put(stdscr, y, st->c_edu.x, st->c_edu.w, _("Degree"), UI_HEADER);
	if (st->c_theory.w)
		ui_put(stdscr, y, st->c_theory.x, st->c_theory.w, _("Pol. theory"), UI_HEADER);
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

/* Merges the drill-down filter with the filter form's conditions: the
 * form may narrow, never widen. */
static void build_query(struct cadres_state *st)
{
	cadre_filter f = st->base;
	const cadre_filter *e = &st->extra;

	if (e->unit_lo || e->unit_hi) {
		if (!(f.unit_lo || f.unit_hi) || (e->unit_lo >= f.unit_lo && e->unit_hi <= f.unit_hi)) {
			f.unit_lo = e->unit_lo;
			f.unit_hi = e->unit_hi;
		} else {
			f.unit_lo = 1; /* disjoint: nothing */
			f.unit_hi = 0;
		}
	}
#define NARROW(field)                                                                             \
	do {                                                                                      \
		if (e->field != FILTER_ANY)                                                       \
			f.field = e->field;                                                       \
	} while (0)
	NARROW(level);
	NARROW(gender);
	NARROW(education);
	if (e->rating_year > 0 && e->rating_grade != FILTER_ANY) {
		f.rating_year = e->rating_year;
		f.rating_grade = e->rating_grade;
	}
#undef NARROW
	st->q.filter = f;
	st->q.text = st->text;
}

static void describe_filter(struct cadres_state *st);

static void requery(struct cadres_state *st)
{
	build_query(st);
	describe_filter(st);
	ui_list_reload(st->list);
}

/* ---- filter form ---------------------------------------------------- */

enum { FF_DISTRICT, FF_COMMUNE, FF_LEVEL, FF_GENDER, FF_EDUCATION, FF_RATING_YEAR, FF_RATING,
       FF_COUNT };

struct filter_form {
	struct cadres_state *list;
	ui_form *form;
	ui_field_def defs[FF_COUNT];
	ui_choice *districts, *communes, *levels, *genders, *edus, *grades;
	int ndistricts, ncommunes;
	int64_t shown_district; /* district whose communes are offered */
};

static const char *unit_short(const cfg *c, size_t i)
{
	return c->units[i].name;
}

/* Communes (deepest tier) under a district index (-1 = every one). */
static void filter_communes(struct filter_form *ff, int64_t district)
{
	const cfg *c = ff->list->a->config;
	int n = 0;

	ff->communes[n++] = (ui_choice){FILTER_ANY, _("(any)")};
	for (size_t i = 0; i < c->unit_count; i++) {
		if (c->units[i].tier != c->tiers || (int)i == 0)
			continue;
		if (district >= 0 && c->units[i].parent != (int)district)
			continue;
		if (!app_may_see_unit(ff->list->a, (int)i))
			continue;
		ff->communes[n++] = (ui_choice){(int64_t)i, unit_short(c, i)};
	}
	ff->ncommunes = n;
	ui_form_set_choices(ff->form, FF_COMMUNE, ff->communes, n);
	ff->shown_district = district;
}

static ui_choice *enum_choices(enum model_enum e, bool with_unrated)
{
	int n = 0;
	const model_choice *mc = model_choices(e, &n);
	ui_choice *ch = calloc((size_t)n + 2, sizeof *ch);
	int k = 0;

	if (!ch)
		return NULL;
	ch[k++] = (ui_choice){FILTER_ANY, _("(any)")};
	for (int i = 0; i < n; i++)
		ch[k++] = (ui_choice){mc[i].value, _(mc[i].label)};
	if (with_unrated)
		ch[k++] = (ui_choice){0, _("Not rated")};
	return ch;
}

static int enum_count(enum model_enum e)
{
	int n = 0;
	model_choices(e, &n);
	return n + 1;
}

static void ff_free(struct filter_form *ff)
{
	ui_form_free(ff->form);
	free(ff->districts);
	free(ff->communes);
	free(ff->levels);
	free(ff->genders);
	free(ff->edus);
	free(ff->grades);
	free(ff);
}

static void ff_close(ui_view *v)
{
	ff_free(v->state);
}

static const char *ff_title(ui_view *v)
{
	(void)v;
	return _("Filter the cadre list");
}

static void ff_layout(struct filter_form *ff)
{
	ui_form_place_under_hint(ff->form);
}

static void ff_draw(ui_view *v, bool full)
{
	struct filter_form *ff = v->state;
	ui_form_draw_with_hint(ff->form, full,
			       _("Choose the conditions; %s applies them, %s leaves the list as it was."),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_SAVE),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_CANCEL));
}

/* Unit index -> the interval of its subtree, through the store. */
static bool unit_interval(app *a, int64_t idx, int64_t *lo, int64_t *hi)
{
	unit_row u;
	cb_error err = {0};

	if (idx < 0 || (size_t)idx >= a->config->unit_count)
		return false;
	if (store_unit_by_code(a->db, a->config->units[idx].code, &u, &err) != CB_OK)
		return false;
	*lo = u.lo;
	*hi = u.hi;
	return true;
}

static int ff_apply(struct filter_form *ff)
{
	struct cadres_state *st = ff->list;
	cb_error err = {0};
	cadre_filter *e = &st->extra;
	int64_t unit = ui_form_value(ff->form, FF_COMMUNE);

	if (ui_form_validate(ff->form, &err) != CB_OK)
		return UI_HANDLED;
	if (unit == FILTER_ANY)
		unit = ui_form_value(ff->form, FF_DISTRICT);
	filter_init(e);
	e->unit_lo = e->unit_hi = 0;
	if (unit != FILTER_ANY && !unit_interval(st->a, unit, &e->unit_lo, &e->unit_hi)) {
		ui_form_set_error(ff->form, FF_DISTRICT, _("This unit is not in the database."));
		return UI_HANDLED;
	}
	e->level = (int)ui_form_value(ff->form, FF_LEVEL);
	e->gender = (int)ui_form_value(ff->form, FF_GENDER);
	e->education = (int)ui_form_value(ff->form, FF_EDUCATION);
	e->rating_grade = (int)ui_form_value(ff->form, FF_RATING);
	e->rating_year = e->rating_grade != FILTER_ANY ? (int)ui_form_value(ff->form, FF_RATING_YEAR)
						      : 0;
	if (e->rating_grade != FILTER_ANY && e->rating_year <= 0) {
		char msg[256];
		snprintf(msg, sizeof msg, _("%s: this field is required."), _("Rating year"));
		ui_form_set_error(ff->form, FF_RATING_YEAR, msg);
		e->rating_grade = FILTER_ANY;
		return UI_HANDLED;
	}
	requery(st);
	return UI_CLOSE;
}

static int ff_key(ui_view *v, int action, ui_key key)
{
	struct filter_form *ff = v->state;

	if (action == UI_ACT_SAVE)
		return ff_apply(ff);
	if (action == UI_ACT_CANCEL)
		return UI_CLOSE;
	int r = ui_form_key(ff->form, action, key);
	int64_t d = ui_form_value(ff->form, FF_DISTRICT);
	if (d != ff->shown_district)
		filter_communes(ff, d);
	return r;
}

static void ff_resize(ui_view *v)
{
	ff_layout(v->state);
}

static const ui_view_ops filter_ops = {
	.name = "cadre-filter",
	.context = UI_CTX_FORM,
	.title = ff_title,
	.draw = ff_draw,
	.key = ff_key,
	.resize = ff_resize,
	.close = ff_close,
};

static void ff_fill_defs(struct filter_form *ff, const cfg *c)
{
	ui_field_def *d = ff->defs;

	d[FF_DISTRICT] = (ui_field_def){.label = N_("District"), .kind = UI_FIELD_CHOICE,
					.choices = ff->districts, .nchoices = ff->ndistricts};
	d[FF_COMMUNE] = (ui_field_def){.label = N_("Commune"), .kind = UI_FIELD_CHOICE};
	d[FF_LEVEL] = (ui_field_def){.label = N_("Level"), .kind = UI_FIELD_CHOICE,
				     .choices = ff->levels, .nchoices = c->tiers + 1};
	d[FF_GENDER] = (ui_field_def){.label = N_("Gender"), .kind = UI_FIELD_CHOICE,
				      .choices = ff->genders, .nchoices = enum_count(ENUM_GENDER)};
	d[FF_EDUCATION] = (ui_field_def){.label = N_("Education"), .kind = UI_FIELD_CHOICE,
					 .choices = ff->edus,
					 .nchoices = enum_count(ENUM_EDUCATION)};
	d[FF_RATING_YEAR] = (ui_field_def){.label = N_("Rating year"), .kind = UI_FIELD_NUMBER,
					   .min = 1945, .max = 2100};
	d[FF_RATING] = (ui_field_def){.label = N_("Rating"), .kind = UI_FIELD_CHOICE,
				      .choices = ff->grades,
				      .nchoices = enum_count(ENUM_GRADE) + 1};
}

static struct filter_form *ff_new(struct cadres_state *st)
{
	const cfg *c = st->a->config;
	struct filter_form *ff = calloc(1, sizeof *ff);
	int y, m, d;

	if (!ff)
		return NULL;
	ff->list = st;
	ff->districts = calloc(c->unit_count + 1, sizeof *ff->districts);
	ff->communes = calloc(c->unit_count + 1, sizeof *ff->communes);
	ff->levels = calloc(CFG_MAX_TIERS + 2, sizeof *ff->levels);
	ff->genders = enum_choices(ENUM_GENDER, false);
	ff->edus = enum_choices(ENUM_EDUCATION, false);
	ff->grades = enum_choices(ENUM_GRADE, true);
	if (!ff->districts || !ff->communes || !ff->levels || !ff->genders || !ff->edus ||
	    !ff->grades) {
		ff_free(ff);
		return NULL;
	}
	ff->districts[ff->ndistricts++] = (ui_choice){FILTER_ANY, _("(any)")};
	for (size_t i = 0; i < c->unit_count; i++)
		if (c->tiers == 3 && c->units[i].tier == 2 && app_may_see_unit(st->a, (int)i))
			ff->districts[ff->ndistricts++] = (ui_choice){(int64_t)i, c->units[i].name};
	ff->levels[0] = (ui_choice){FILTER_ANY, _("(any)")};
	for (int t = 1; t <= c->tiers; t++)
		ff->levels[t] = (ui_choice){t, c->tier_label[t]};
	ff_fill_defs(ff, c);
	if (!(ff->form = ui_form_new(ff->defs, FF_COUNT))) {
		ff_free(ff);
		return NULL;
	}
	ui_form_no_draft(ff->form); /* a filter changes no data */
	filter_communes(ff, FILTER_ANY);
	/* Current conditions */
	const cadre_filter *e = &st->extra;
	ui_form_set_value(ff->form, FF_DISTRICT, FILTER_ANY);
	ui_form_set_value(ff->form, FF_COMMUNE, FILTER_ANY);
	for (size_t i = 0; i < c->unit_count; i++) {
		int64_t lo, hi;
		if (!(e->unit_lo || e->unit_hi) || !unit_interval(st->a, (int64_t)i, &lo, &hi) ||
		    lo != e->unit_lo || hi != e->unit_hi)
			continue;
		if (c->units[i].tier == c->tiers && c->tiers == 3) {
			ui_form_set_value(ff->form, FF_DISTRICT, c->units[i].parent);
			filter_communes(ff, c->units[i].parent);
			ui_form_set_value(ff->form, FF_COMMUNE, (int64_t)i);
		} else if (c->units[i].tier == c->tiers) {
			ui_form_set_value(ff->form, FF_COMMUNE, (int64_t)i);
		} else {
			ui_form_set_value(ff->form, FF_DISTRICT, (int64_t)i);
			filter_communes(ff, (int64_t)i);
		}
		break;
	}
	ui_form_set_value(ff->form, FF_LEVEL, e->level);
	ui_form_set_value(ff->form, FF_GENDER, e->gender);
	ui_form_set_value(ff->form, FF_EDUCATION, e->education);
	date_to_ymd(st->a->today, &y, &m, &d);
	ui_form_set_value(ff->form, FF_RATING_YEAR, e->rating_year > 0 ? e->rating_year : y - 1);
	ui_form_set_value(ff->form, FF_RATING, e->rating_year > 0 ? e->rating_grade : FILTER_ANY);
	ui_form_mark_clean(ff->form);
	ff_layout(ff);
	return ff;
}

static void open_filter(struct cadres_state *st)
{
	struct filter_form *ff = ff_new(st);
	if (!ff || !ui_view_push(&filter_ops, ff))
		ui_flash(UI_ERROR, "%s", _("Out of memory."));
}

/* One line saying which conditions are in force. */
static void describe_filter(struct cadres_state *st)
{
	const cadre_filter *e = &st->extra;
	const cfg *c = st->a->config;
	char *p = st->filter_desc;
	size_t cap = sizeof st->filter_desc, len = 0;

	p[0] = '\0';
#define ADD(...)                                                                                  \
	do {                                                                                      \
		if (len < cap)                                                                    \
			len += (size_t)snprintf(p + len, cap - len, "%s", len ? ", " : "");       \
		if (len < cap)                                                                    \
			len += (size_t)snprintf(p + len, cap - len, __VA_ARGS__);                 \
	} while (0)
	if (e->unit_lo || e->unit_hi)
		for (size_t i = 0; i < c->unit_count; i++) {
			int64_t lo, hi;
			if (unit_interval(st->a, (int64_t)i, &lo, &hi) && lo == e->unit_lo &&
			    hi == e->unit_hi) {
				ADD("%s", c->units[i].name);
				break;
			}
		}
	if (e->level != FILTER_ANY && e->level >= 1 && e->level <= c->tiers)
		ADD("%s", c->tier_label[e->level]);
	if (e->gender != FILTER_ANY)
		ADD("%s", model_label(ENUM_GENDER, e->gender));
	if (e->education != FILTER_ANY)
		ADD("%s", model_label(ENUM_EDUCATION, e->education));
	if (e->rating_year > 0 && e->rating_grade != FILTER_ANY)
		ADD("%d: %s", e->rating_year,
		    e->rating_grade == 0 ? _("Not rated") : model_label(ENUM_GRADE, e->rating_grade));
#undef ADD
	if (!p[0])
		snprintf(p, cap, "%s", _("no filter"));
}

/* ---- sort ----------------------------------------------------------- */

static const char *sort_label(int sort)
{
	switch (sort) {
	case SORT_AGE:
		return _("by age");
	case SORT_UNIT:
		return _("by unit");
	default:
		return _("by name");
	}
}

static void choose_sort(struct cadres_state *st)
{
	ui_choice ch[] = {
		{SORT_NAME, _("Name (given name, then middle and surname)")},
		{SORT_AGE, _("Age (oldest first)")},
		{SORT_UNIT, _("Unit")},
	};
	int k = ui_pick(_("Sort the list"), ch, 3, st->q.sort);
	if (k >= 0 && (int)ch[k].value != st->q.sort) {
		st->q.sort = (int)ch[k].value;
		requery(st);
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

	if (full)
		draw_header(st);
	draw_search(st);
	ui_list_draw(st->list, full);
}

static void cadres_status(ui_view *v, char *buf, size_t cap)
{
	struct cadres_state *st = v->state;
	int64_t idx, count;
	char pos[64], cnt[64];

	ui_list_position(st->list, &idx, &count);
	if (idx >= 0)
		snprintf(pos, sizeof pos, "%lld", (long long)idx + 1);
	else
		snprintf(pos, sizeof pos, "?");
	if (count >= 0)
		snprintf(cnt, sizeof cnt, "%lld", (long long)count);
	else
		snprintf(cnt, sizeof cnt, "%s", _("counting..."));
	if (ui_list_empty(st->list))
		snprintf(buf, cap, " %s   %s: %s   %s", _("No cadre matches."), _("Filter"),
			 st->filter_desc, sort_label(st->q.sort));
	else
		snprintf(buf, cap, " %s/%s %s   %s: %s   %s", pos, cnt, _("cadres"), _("Filter"),
			 st->filter_desc, sort_label(st->q.sort));
}

static bool cadres_idle(ui_view *v)
{
	struct cadres_state *st = v->state;
	return ui_list_count_now(st->list);
}

static void cadres_resize(ui_view *v)
{
	cadres_layout(v->state);
}

static void cadres_reveal(ui_view *v)
{
	struct cadres_state *st = v->state;
	cadres_layout(st);
	ui_list_refresh(st->list);
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
			requery(st);
		}
		return UI_HANDLED;
	case UI_ACT_SEARCH_DONE:
		st->searching = false;
		v->ctx = UI_CTX_CADRES;
		return UI_HANDLED;
	default:
		break;
	}
	if (ui_list_move(st->list, action))
		return UI_HANDLED;
	if (ui_line_key(&st->search, action, key, &changed) != UI_HANDLED)
		return UI_UNHANDLED;
	if (changed) {
		ui_line_get(&st->search, st->text, sizeof st->text);
		requery(st);
	}
	return UI_HANDLED;
}

static void delete_selected(struct cadres_state *st)
{
	const struct cadre_row *r = ui_list_selected(st->list);

	if (r && ui_delete_cadre(st->a, r->id))
		ui_list_refresh(st->list);
}

static int cadres_key(ui_view *v, int action, ui_key key)
{
	struct cadres_state *st = v->state;
	const struct cadre_row *r;

	if (st->searching)
		return search_key(st, v, action, key);
	if (ui_list_move(st->list, action))
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
		if ((r = ui_list_selected(st->list)))
			ui_open_cadre(st->a, r->id);
		return UI_HANDLED;
	case UI_ACT_EDIT:
		if ((r = ui_list_selected(st->list)))
			ui_open_cadre_form(st->a, r->id);
		return UI_HANDLED;
	case UI_ACT_NEW:
		ui_open_cadre_form(st->a, 0);
		return UI_HANDLED;
	case UI_ACT_DELETE:
		delete_selected(st);
		return UI_HANDLED;
	case UI_ACT_FILTER:
		open_filter(st);
		return UI_HANDLED;
	case UI_ACT_SORT:
		choose_sort(st);
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
	ui_list_free(st->list);
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
		.draw_row = cadres_row,
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
	filter_init(&st->extra);
	st->q.sort = SORT_NAME;
	ui_line_init(&st->search, SEARCH_MAX);
	src.ctx = st;
	if (!(st->list = ui_list_new(&src))) {
		free(st);
		return CB_EDB;
	}
	cadres_layout(st);
	build_query(st);
	describe_filter(st);
	return ui_view_push(&cadres_ops, st) ? CB_OK : CB_EDB;
}

int screen_cadres_open(app *a)
{
	return ui_open_cadre_list(a, NULL, NULL);
}
