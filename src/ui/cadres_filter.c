/* cadres_filter.c - the filter form of the cadre list: unit (a district,
 * then its communes), level, gender, education, political theory,
 * ethnicity, age, the planning pool and the rating of a year, and the one
 * line on the list saying which are in force.
 *
 * Guarantees: the form changes no data (no draft, no transaction); it only
 * narrows the list's base filter (a drill-down's list never widens); a
 * unit that is not in the database, or a rating without its year, is
 * named at its field and the list is left as it was; only units the user
 * may see are offered.
 */
#include "screen_cadres.h"

#include <stdio.h>
#include <stdlib.h>

#include "date.h"
#include "i18n.h"
#include "ui_form.h"

enum {
	FF_DISTRICT,
	FF_COMMUNE,
	FF_LEVEL,
	FF_GENDER,
	FF_EDUCATION,
	FF_THEORY,
	FF_MINORITY,
	FF_AGE_MIN,
	FF_AGE_MAX,
	FF_POOL,
	FF_RATING_YEAR,
	FF_RATING,
	FF_COUNT
};

struct filter_form {
	struct cadres_state *list;
	ui_form *form;
	ui_field_def defs[FF_COUNT];
	ui_choice *districts, *communes, *levels, *genders, *edus, *theories, *grades;
	int ndistricts, ncommunes;
	int64_t shown_district; /* district whose communes are offered */
	/* 1 in a two-tier province, whose communes hang from the province:
	 * the form has no district field, so field k is at k - skip. */
	int skip;
};

static int fi(const struct filter_form *ff, int field)
{
	return field - ff->skip;
}

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
	ui_form_set_choices(ff->form, fi(ff, FF_COMMUNE), ff->communes, n);
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

static void ff_free(void *ctx)
{
	struct filter_form *ff = ctx;

	free(ff->districts);
	free(ff->communes);
	free(ff->levels);
	free(ff->genders);
	free(ff->edus);
	free(ff->theories);
	free(ff->grades);
	free(ff);
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

/* A number field's value, or FILTER_ANY when it is empty. */
static int blank_number(ui_form *form, int i)
{
	const char *t = ui_form_text(form, i);
	return t && *t ? (int)ui_form_value(form, i) : FILTER_ANY;
}

/* The conditions the form holds, into *e; false when one is at fault,
 * then named at its field unless `quiet`. */
static bool form_conditions(struct filter_form *ff, ui_form *form, bool quiet, cadre_filter *e)
{
	struct cadres_state *st = ff->list;
	int64_t unit = ui_form_value(form, fi(ff, FF_COMMUNE));

	if (unit == FILTER_ANY && !ff->skip)
		unit = ui_form_value(form, FF_DISTRICT);
	filter_init(e);
	e->unit_lo = e->unit_hi = 0;
	if (unit != FILTER_ANY && !unit_interval(st->a, unit, &e->unit_lo, &e->unit_hi)) {
		if (!quiet)
			ui_form_set_error(form, 0, _("This unit is not in the database."));
		return false;
	}
	e->level = (int)ui_form_value(form, fi(ff, FF_LEVEL));
	e->gender = (int)ui_form_value(form, fi(ff, FF_GENDER));
	e->education = (int)ui_form_value(form, fi(ff, FF_EDUCATION));
	e->theory = (int)ui_form_value(form, fi(ff, FF_THEORY));
	e->minority = (int)ui_form_value(form, fi(ff, FF_MINORITY));
	e->planning = (int)ui_form_value(form, fi(ff, FF_POOL));
	/* an age left empty is no bound (0 read from an empty field) */
	e->age_min = blank_number(form, fi(ff, FF_AGE_MIN));
	e->age_max = blank_number(form, fi(ff, FF_AGE_MAX));
	if (e->age_min != FILTER_ANY && e->age_max != FILTER_ANY && e->age_min > e->age_max) {
		if (!quiet)
			ui_form_set_error(form, fi(ff, FF_AGE_MAX),
					  _("Age to: it cannot be below the age from."));
		return false;
	}
	e->rating_grade = (int)ui_form_value(form, fi(ff, FF_RATING));
	e->rating_year = e->rating_grade != FILTER_ANY
				 ? (int)ui_form_value(form, fi(ff, FF_RATING_YEAR))
				 : 0;
	if (e->rating_grade != FILTER_ANY && e->rating_year <= 0) {
		char msg[256];
		if (quiet)
			return false;
		snprintf(msg, sizeof msg, _("%s: this field is required."), _("Rating year"));
		ui_form_set_error(form, fi(ff, FF_RATING_YEAR), msg);
		return false;
	}
	return true;
}

/* Applies the conditions to the list; a condition at fault is named at
 * its field (err left empty) and the list is left as it was. */
static int ff_apply(ui_form *form, void *ctx, cb_error *err)
{
	struct filter_form *ff = ctx;
	cadre_filter e;

	(void)err;
	if (!form_conditions(ff, form, false, &e))
		return CB_EINVALID;
	ff->list->extra = e;
	cadres_requery(ff->list);
	return CB_OK;
}

/* While the form rests, the walk its conditions will read from is made
 * (cadres_prepare_walk), so that applying them lists at once. */
static bool ff_idle(ui_form *form, void *ctx)
{
	struct filter_form *ff = ctx;
	cadre_filter e;

	return form_conditions(ff, form, true, &e) && cadres_prepare_walk(ff->list, &e, true);
}

static void ff_applied(ui_form *form, void *ctx)
{
	(void)form;
	(void)ctx; /* the list behind says what is in force */
}

/* The communes offered follow the district chosen. */
static void ff_edited(ui_form *form, void *ctx)
{
	struct filter_form *ff = ctx;
	int64_t d = ff->skip ? FILTER_ANY : ui_form_value(form, FF_DISTRICT);

	if (d != ff->shown_district)
		filter_communes(ff, d);
}

static ui_field_def choice_field(const char *label, const ui_choice *choices, int n)
{
	return (ui_field_def){
		.label = label, .kind = UI_FIELD_CHOICE, .choices = choices, .nchoices = n};
}

/* Translated when the form opens (ff_translate): the labels are msgids. */
static ui_choice minority_choices[3], pool_choices[3];

static void ff_translate(void)
{
	minority_choices[0] = (ui_choice){FILTER_ANY, _("(any)")};
	minority_choices[1] = (ui_choice){0, _("Kinh")};
	minority_choices[2] = (ui_choice){1, _("Ethnic minorities")};
	pool_choices[0] = (ui_choice){FILTER_ANY, _("(any)")};
	pool_choices[1] = (ui_choice){1, _("In the pool")};
	pool_choices[2] = (ui_choice){0, _("Not in the pool")};
}

static void ff_fill_defs(struct filter_form *ff, const cfg *c)
{
	ui_field_def *d = ff->defs;

	/* The units are named as [hierarchy] names their tiers. */
	d[FF_DISTRICT] = choice_field(c->tier_label[2], ff->districts, ff->ndistricts);
	d[FF_COMMUNE] = (ui_field_def){.label = c->tier_label[c->tiers], .kind = UI_FIELD_CHOICE};
	d[FF_LEVEL] = choice_field(N_("Level"), ff->levels, c->tiers + 1);
	d[FF_GENDER] = choice_field(N_("Gender"), ff->genders, enum_count(ENUM_GENDER));
	d[FF_EDUCATION] = choice_field(N_("Education"), ff->edus, enum_count(ENUM_EDUCATION));
	d[FF_THEORY] = choice_field(N_("Political theory"), ff->theories, enum_count(ENUM_THEORY));
	d[FF_MINORITY] = choice_field(N_("Ethnicity"), minority_choices, 3);
	d[FF_AGE_MIN] = (ui_field_def){
		.label = N_("Age from"), .kind = UI_FIELD_NUMBER, .min = 0, .max = 120};
	d[FF_AGE_MAX] = (ui_field_def){
		.label = N_("Age to"), .kind = UI_FIELD_NUMBER, .min = 0, .max = 120};
	d[FF_POOL] = choice_field(N_("Planning pool"), pool_choices, 3);
	d[FF_RATING_YEAR] = (ui_field_def){
		.label = N_("Rating year"), .kind = UI_FIELD_NUMBER, .min = 1945, .max = 2100};
	d[FF_RATING] = choice_field(N_("Rating"), ff->grades, enum_count(ENUM_GRADE) + 1);
}

/* A number field set to v, or left empty for FILTER_ANY (blank_number). */
static void set_number(ui_form *form, int i, int v)
{
	if (v != FILTER_ANY)
		ui_form_set_value(form, i, v);
	else
		ui_form_set_text(form, i, "");
}

/* The conditions in force, in the form. */
static void ff_fill(ui_form *form, void *ctx)
{
	struct filter_form *ff = ctx;
	struct cadres_state *st = ff->list;
	const cfg *c = st->a->config;
	const cadre_filter *e = &st->extra;
	int y, m, d;

	ff->form = form;
	filter_communes(ff, FILTER_ANY);
	if (!ff->skip)
		ui_form_set_value(form, FF_DISTRICT, FILTER_ANY);
	ui_form_set_value(form, fi(ff, FF_COMMUNE), FILTER_ANY);
	for (size_t i = 0; i < c->unit_count; i++) {
		int64_t lo, hi;
		if (!(e->unit_lo || e->unit_hi) || !unit_interval(st->a, (int64_t)i, &lo, &hi) ||
		    lo != e->unit_lo || hi != e->unit_hi)
			continue;
		if (c->units[i].tier == c->tiers && c->tiers == 3) {
			ui_form_set_value(form, FF_DISTRICT, c->units[i].parent);
			filter_communes(ff, c->units[i].parent);
			ui_form_set_value(form, FF_COMMUNE, (int64_t)i);
		} else if (c->units[i].tier == c->tiers) {
			ui_form_set_value(form, fi(ff, FF_COMMUNE), (int64_t)i);
		} else if (!ff->skip) {
			ui_form_set_value(form, FF_DISTRICT, (int64_t)i);
			filter_communes(ff, (int64_t)i);
		}
		break;
	}
	ui_form_set_value(form, fi(ff, FF_LEVEL), e->level);
	ui_form_set_value(form, fi(ff, FF_GENDER), e->gender);
	ui_form_set_value(form, fi(ff, FF_EDUCATION), e->education);
	ui_form_set_value(form, fi(ff, FF_THEORY), e->theory);
	ui_form_set_value(form, fi(ff, FF_MINORITY), e->minority);
	ui_form_set_value(form, fi(ff, FF_POOL), e->planning);
	set_number(form, fi(ff, FF_AGE_MIN), e->age_min);
	set_number(form, fi(ff, FF_AGE_MAX), e->age_max);
	date_to_ymd(st->a->today, &y, &m, &d);
	ui_form_set_value(form, fi(ff, FF_RATING_YEAR),
			  e->rating_year > 0 ? e->rating_year : y - 1);
	ui_form_set_value(form, fi(ff, FF_RATING),
			  e->rating_year > 0 ? e->rating_grade : FILTER_ANY);
}

static const ui_form_spec filter_spec = {
	.name = "cadre-filter",
	.hint = N_("Choose the conditions; %s applies them, %s leaves the list as it was."),
	.hint_keys = {UI_ACT_SAVE, UI_ACT_CANCEL},
	.changes_no_data = true,
	.fill = ff_fill,
	.save = ff_apply,
	.saved = ff_applied,
	.edited = ff_edited,
	.free = ff_free,
	.idle = ff_idle,
};

void cadres_open_filter(struct cadres_state *st)
{
	const cfg *c = st->a->config;
	struct filter_form *ff = calloc(1, sizeof *ff);

	if (!ff)
		return;
	ff->list = st;
	ff->skip = c->tiers == 3 ? 0 : 1;
	ff->districts = calloc(c->unit_count + 1, sizeof *ff->districts);
	ff->communes = calloc(c->unit_count + 1, sizeof *ff->communes);
	ff->levels = calloc(CFG_MAX_TIERS + 2, sizeof *ff->levels);
	ff->genders = enum_choices(ENUM_GENDER, false);
	ff->edus = enum_choices(ENUM_EDUCATION, false);
	ff->theories = enum_choices(ENUM_THEORY, false);
	ff->grades = enum_choices(ENUM_GRADE, true);
	if (!ff->districts || !ff->communes || !ff->levels || !ff->genders || !ff->edus ||
	    !ff->theories || !ff->grades) {
		ff_free(ff);
		return;
	}
	ff->districts[ff->ndistricts++] = (ui_choice){FILTER_ANY, _("(any)")};
	for (size_t i = 0; i < c->unit_count; i++)
		if (c->tiers == 3 && c->units[i].tier == 2 && app_may_see_unit(st->a, (int)i))
			ff->districts[ff->ndistricts++] = (ui_choice){(int64_t)i, c->units[i].name};
	ff->levels[0] = (ui_choice){FILTER_ANY, _("(any)")};
	for (int t = 1; t <= c->tiers; t++)
		ff->levels[t] = (ui_choice){t, c->tier_label[t]};
	ff_translate();
	ff_fill_defs(ff, c);
	ui_form_view_open(&filter_spec, ff,
			  &(ui_form_args){.title = _("Filter the cadre list"),
					  .defs = ff->defs + ff->skip,
					  .n = FF_COUNT - ff->skip});
}

/* One line saying which conditions are in force. */
void cadres_describe_filter(struct cadres_state *st)
{
	const cadre_filter *e = &st->extra;
	const cfg *c = st->a->config;
	char *p = st->filter_desc;
	size_t cap = sizeof st->filter_desc, len = 0;

	p[0] = '\0';
#define ADD(...)                                                                                   \
	do {                                                                                       \
		if (len < cap)                                                                     \
			len += (size_t)snprintf(p + len, cap - len, "%s", len ? ", " : "");        \
		if (len < cap)                                                                     \
			len += (size_t)snprintf(p + len, cap - len, __VA_ARGS__);                  \
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
	if (e->theory != FILTER_ANY)
		ADD("%s %s", _("theory"), model_label(ENUM_THEORY, e->theory));
	if (e->minority != FILTER_ANY)
		ADD("%s", e->minority ? _("Ethnic minorities") : _("Kinh"));
	if (e->age_min != FILTER_ANY && e->age_max != FILTER_ANY)
		ADD(_("aged %d to %d"), e->age_min, e->age_max);
	else if (e->age_min != FILTER_ANY)
		ADD(_("aged %d or over"), e->age_min);
	else if (e->age_max != FILTER_ANY)
		ADD(_("aged %d or under"), e->age_max);
	if (e->planning != FILTER_ANY)
		ADD("%s", e->planning ? _("In the pool") : _("Not in the pool"));
	if (e->rating_year > 0 && e->rating_grade != FILTER_ANY)
		ADD("%d: %s", e->rating_year,
		    e->rating_grade == 0 ? _("Not rated")
					 : model_label(ENUM_GRADE, e->rating_grade));
#undef ADD
	st->filtered = p[0] != '\0';
	if (!p[0])
		snprintf(p, cap, "%s", _("no filter"));
}
