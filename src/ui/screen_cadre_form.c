/* screen_cadre_form.c - adding and editing a cadre.
 *
 * Guarantees:
 * - Saving is one store call (store_cadre_insert or store_cadre_update),
 *   i.e. one transaction with its audit row; the form first checks its own
 *   fields (required, real dates), then the store's cadre_validate rules
 *   (future dates, age range) come back as a message on the form.
 * - An edit names the version it was read at: if someone else saved the
 *   record since, the save is refused (CB_ESTALE) and the other version is
 *   shown beside the user's values; nothing is overwritten.
 * - A form view (form_view.c): Esc asks before throwing away changes, and
 *   if the terminal goes away the values are kept as a draft (form
 *   "cadre") that the next start offers.
 */
#include "ui_form.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "i18n.h"
#include "import.h"
#include "text.h"

#define DRAFT_FORM "cadre"

enum {
	CF_NAME,
	CF_BIRTH,
	CF_GENDER,
	CF_ETHNICITY,
	CF_UNIT,
	CF_ORG,
	CF_POSITION,
	CF_RANK,
	CF_MANAGED,
	CF_HEAD,
	CF_EDUCATION,
	CF_THEORY,
	CF_RELIGION, /* the coded lists of lists.ini, in list order: */
	CF_ACAD_TITLE,
	CF_GENERAL_EDU,
	CF_STATE_MGMT,
	CF_LANGUAGE,
	CF_IT_LEVEL,
	CF_JOINED,
	CF_NOTES,
	CF_COMMITTEE0, /* one yes/no field per committee membership */
	CF_MAX = CF_COMMITTEE0 + 16
};

struct cform {
	app *a;
	int64_t id; /* 0 = a new cadre */
	cadre base; /* as read (edit), kept for id/version and read-only fields */
	ui_form *form;
	ui_field_def defs[CF_MAX];
	int nfields, ncommittees;
	model_choice committees[16]; /* the memberships offered */
	ui_choice *genders, *ranks, *edus, *theories, *units, *orgs, *ethnic;
	int nunits, norgs, nethnic;
	org_row *org_rows;
	size_t norg_rows;
	/* the organisations offered: those of the unit chosen */
	ui_choice *orgs_shown;
	int64_t orgs_unit; /* the unit they were narrowed to (-2 = not yet) */
	/* the rank offered from the position's words (0 = none offered), and
	 * the tier of the unit it was read for */
	int rank_offered;
	int64_t tier_unit;
	int tier;
	ui_choice *lists[CF_IT_LEVEL - CF_RELIGION + 1];
	int nlists[CF_IT_LEVEL - CF_RELIGION + 1];
	cadre saving; /* the values being saved */
};

/* The form's coded lists: field, enumeration, the cadre's member. */
static const struct coded {
	int field, list, cadre_field;
	size_t offset;
} coded[] = {
	{CF_RELIGION, ENUM_RELIGION, CADRE_F_RELIGION, offsetof(cadre, religion)},
	{CF_ACAD_TITLE, ENUM_ACAD_TITLE, CADRE_F_ACAD_TITLE, offsetof(cadre, acad_title)},
	{CF_GENERAL_EDU, ENUM_GENERAL_EDU, CADRE_F_GENERAL_EDU, offsetof(cadre, general_edu)},
	{CF_STATE_MGMT, ENUM_STATE_MGMT, CADRE_F_STATE_MGMT, offsetof(cadre, state_mgmt)},
	{CF_LANGUAGE, ENUM_LANGUAGE, CADRE_F_LANGUAGE, offsetof(cadre, language)},
	{CF_IT_LEVEL, ENUM_IT_LEVEL, CADRE_F_IT_LEVEL, offsetof(cadre, it_level)},
};
#define NCODED	   ((int)(sizeof coded / sizeof coded[0]))
#define CODE(c, k) (*(int *)((char *)(c) + coded[k].offset))

/* ---- choices -------------------------------------------------------- */

/* Every organisation, labelled with its unit (ui_org_choices). */
static bool load_orgs(struct cform *cf, cb_error *err)
{
	if (store_org_tree(cf->a->db, 0, 0, &cf->org_rows, &cf->norg_rows, err) != CB_OK)
		cf->norg_rows = 0;
	cf->orgs = ui_org_choices(cf->a, cf->org_rows, cf->norg_rows, 0, &cf->norgs);
	cf->orgs_shown = calloc((size_t)cf->norgs + 1, sizeof *cf->orgs_shown);
	cf->orgs_unit = -2;
	return cf->orgs && cf->orgs_shown;
}

/* The organisations offered follow the unit chosen: a cadre is filed
 * under an organisation of that unit (a wrong "Chi bộ ấp 1" of another
 * commune cannot be picked by mistake). "(none)" is always offered, and
 * the record's own value as read; with no unit chosen, every one is. */
static void narrow_orgs(ui_form *f, void *ctx)
{
	struct cform *cf = ctx;
	int64_t unit = ui_form_value(f, CF_UNIT), current = ui_form_value(f, CF_ORG);
	bool first = cf->orgs_unit == -2; /* as read: a record's value stays */
	int k = 0;

	if (unit == cf->orgs_unit)
		return;
	cf->orgs_unit = unit;
	for (int i = 0; i < cf->norgs; i++) {
		/* orgs[i] (i >= 1) is org_rows[i - 1]: ui_org_choices keeps
		 * their order after its first "(none)" */
		bool here = i == 0 || unit < 0 || cf->org_rows[i - 1].unit_id == unit;
		if (here || (first && cf->orgs[i].value == current))
			cf->orgs_shown[k++] = cf->orgs[i];
	}
	ui_form_set_choices(f, CF_ORG, cf->orgs_shown, k);
}

/* The position rank follows the position's words as an import reads them
 * (import_rank_from_position), while the user has not chosen one: a rank
 * chosen by hand, or read with the record, is never replaced. */
static void offer_rank(ui_form *f, struct cform *cf)
{
	int64_t unit = ui_form_value(f, CF_UNIT), rank = ui_form_value(f, CF_RANK);
	int guess = 0;
	unit_row u;
	cb_error err = {0};

	if (rank > 0 && rank != cf->rank_offered)
		return;
	if (unit <= 0)
		return;
	if (unit != cf->tier_unit) {
		cf->tier_unit = unit;
		cf->tier = store_unit_get(cf->a->db, unit, &u, &err) == CB_OK ? u.tier : 0;
	}
	if (cf->tier <= 0 ||
	    !import_rank_from_position(ui_form_text(f, CF_POSITION), cf->tier, &guess))
		guess = 0;
	if (guess != rank && (guess > 0 || rank > 0))
		ui_form_set_value(f, CF_RANK, guess > 0 ? guess : -1);
	cf->rank_offered = guess;
}

/* Fields that follow others: the organisations and the rank. */
static void cf_edited(ui_form *f, void *ctx)
{
	narrow_orgs(f, ctx);
	offer_rank(f, ctx);
}

/* The groups of the list in force (lists.ini), plus the record's own
 * value if it is spelled otherwise (written before the list). */
static bool load_ethnic(struct cform *cf, const char *current)
{
	int n;
	const model_choice *ch = model_choices(ENUM_ETHNICITY, &n);

	cf->ethnic = calloc((size_t)n + 1, sizeof *cf->ethnic);
	if (!cf->ethnic)
		return false;
	for (int i = 0; i < n; i++)
		cf->ethnic[cf->nethnic++] = (ui_choice){ch[i].value, ch[i].label};
	if (current && *current) {
		for (int i = 0; i < n; i++)
			if (!strcmp(current, ch[i].label))
				return true;
		cf->ethnic[cf->nethnic++] = (ui_choice){0, cf->base.ethnicity};
	}
	return true;
}

/* "(not recorded)" and the choices of each coded list. */
static bool load_lists(struct cform *cf)
{
	for (int k = 0; k < NCODED; k++) {
		int n;
		const model_choice *ch = model_choices(coded[k].list, &n);
		if (!(cf->lists[k] = calloc((size_t)n + 1, sizeof *cf->lists[k])))
			return false;
		cf->lists[k][0] = (ui_choice){0, _("(not recorded)")};
		for (int i = 0; i < n; i++)
			cf->lists[k][i + 1] = (ui_choice){ch[i].value, ch[i].label};
		cf->nlists[k] = n + 1;
	}
	return true;
}

static int64_t ethnic_value(struct cform *cf, const char *name)
{
	for (int i = 0; i < cf->nethnic; i++)
		if (!strcmp(cf->ethnic[i].label, name))
			return cf->ethnic[i].value;
	return -1;
}

/* ---- fields --------------------------------------------------------- */

/* The label of a field: the cadre's table (fields.h) names them. */
#define LABEL(id) (cadre_field(id)->label)

/* The committee memberships the form offers. A province of two tiers has
 * no district committee, so its membership is offered only to a cadre whose
 * record already holds it (kept from before the reform, never dropped). */
static void offer_committees(struct cform *cf)
{
	int n;
	const model_choice *all = model_choices(ENUM_COMMITTEE, &n);
	bool two_tier = cf->a->config->tiers < 3;

	cf->ncommittees = 0;
	for (int i = 0; i < n && cf->ncommittees < 16; i++) {
		if (two_tier && all[i].value == COMMITTEE_DISTRICT_BIT &&
		    !(cf->base.committees & COMMITTEE_DISTRICT_BIT))
			continue;
		cf->committees[cf->ncommittees++] = all[i];
	}
}

static void define_fields(struct cform *cf)
{
	ui_field_def *d = cf->defs;
	int ng, nr, ne, nt;

	cf->genders = ui_enum_choices(ENUM_GENDER, &ng);
	cf->ranks = ui_enum_choices(ENUM_RANK, &nr);
	cf->edus = ui_enum_choices(ENUM_EDUCATION, &ne);
	cf->theories = ui_enum_choices(ENUM_THEORY, &nt);
	d[CF_NAME] = (ui_field_def){.label = LABEL(CADRE_F_FULL_NAME),
				    .kind = UI_FIELD_TEXT,
				    .required = true,
				    .max_bytes = CADRE_NAME_MAX - 1};
	d[CF_BIRTH] = (ui_field_def){
		.label = LABEL(CADRE_F_BIRTH_DATE), .kind = UI_FIELD_DATE, .required = true};
	d[CF_GENDER] = (ui_field_def){.label = LABEL(CADRE_F_GENDER),
				      .kind = UI_FIELD_CHOICE,
				      .required = true,
				      .choices = cf->genders,
				      .nchoices = ng};
	d[CF_ETHNICITY] = (ui_field_def){.label = LABEL(CADRE_F_ETHNICITY),
					 .kind = UI_FIELD_CHOICE,
					 .required = true,
					 .choices = cf->ethnic,
					 .nchoices = cf->nethnic};
	d[CF_UNIT] = (ui_field_def){.label = LABEL(CADRE_F_UNIT),
				    .kind = UI_FIELD_CHOICE,
				    .required = true,
				    .choices = cf->units,
				    .nchoices = cf->nunits};
	d[CF_ORG] = (ui_field_def){.label = LABEL(CADRE_F_ORG),
				   .kind = UI_FIELD_CHOICE,
				   .choices = cf->orgs,
				   .nchoices = cf->norgs};
	d[CF_POSITION] = (ui_field_def){.label = LABEL(CADRE_F_POSITION),
					.kind = UI_FIELD_TEXT,
					.required = true,
					.max_bytes = CADRE_TEXT_MAX - 1};
	d[CF_RANK] = (ui_field_def){.label = LABEL(CADRE_F_POS_RANK),
				    .kind = UI_FIELD_CHOICE,
				    .required = true,
				    .choices = cf->ranks,
				    .nchoices = nr};
	d[CF_MANAGED] = (ui_field_def){.label = LABEL(CADRE_F_MANAGED), .kind = UI_FIELD_BOOL};
	d[CF_HEAD] = (ui_field_def){.label = LABEL(CADRE_F_IS_HEAD), .kind = UI_FIELD_BOOL};
	d[CF_EDUCATION] = (ui_field_def){.label = LABEL(CADRE_F_EDUCATION),
					 .kind = UI_FIELD_CHOICE,
					 .required = true,
					 .choices = cf->edus,
					 .nchoices = ne};
	d[CF_THEORY] = (ui_field_def){.label = LABEL(CADRE_F_THEORY),
				      .kind = UI_FIELD_CHOICE,
				      .required = true,
				      .choices = cf->theories,
				      .nchoices = nt};
	for (int k = 0; k < NCODED; k++)
		d[coded[k].field] = (ui_field_def){.label = LABEL(coded[k].cadre_field),
						   .kind = UI_FIELD_CHOICE,
						   .choices = cf->lists[k],
						   .nchoices = cf->nlists[k]};
	d[CF_JOINED] = (ui_field_def){.label = LABEL(CADRE_F_PARTY_JOINED), .kind = UI_FIELD_DATE};
	d[CF_NOTES] = (ui_field_def){.label = LABEL(CADRE_F_NOTES),
				     .kind = UI_FIELD_TEXT,
				     .max_bytes = CADRE_NOTES_MAX - 1};
	offer_committees(cf);
	for (int i = 0; i < cf->ncommittees; i++)
		d[CF_COMMITTEE0 + i] =
			(ui_field_def){.label = cf->committees[i].label, .kind = UI_FIELD_BOOL};
	cf->nfields = CF_COMMITTEE0 + cf->ncommittees;
}

/* Puts a cadre's values into the form. */
static void fill_form(struct cform *cf, const cadre *c)
{
	ui_form *f = cf->form;
	cb_date d;

	ui_form_set_text(f, CF_NAME, c->full_name);
	ui_form_set_date(f, CF_BIRTH, date_parse_iso(c->birth_date, &d) ? d : CB_DATE_NONE);
	ui_form_set_value(f, CF_GENDER, c->gender ? c->gender : -1);
	ui_form_set_value(f, CF_ETHNICITY, ethnic_value(cf, c->ethnicity));
	ui_form_set_value(f, CF_UNIT, c->unit_id ? c->unit_id : -1);
	ui_form_set_value(f, CF_ORG, c->org_id);
	ui_form_set_text(f, CF_POSITION, c->position);
	ui_form_set_value(f, CF_RANK, c->pos_rank ? c->pos_rank : -1);
	ui_form_set_value(f, CF_MANAGED, c->managed);
	ui_form_set_value(f, CF_HEAD, c->is_head);
	ui_form_set_value(f, CF_EDUCATION, c->education);
	ui_form_set_value(f, CF_THEORY, c->theory);
	for (int k = 0; k < NCODED; k++)
		ui_form_set_value(f, coded[k].field, CODE(c, k));
	ui_form_set_date(f, CF_JOINED, date_parse_iso(c->party_joined, &d) ? d : CB_DATE_NONE);
	ui_form_set_text(f, CF_NOTES, c->notes);
	for (int i = 0; i < cf->ncommittees; i++)
		ui_form_set_value(f, CF_COMMITTEE0 + i,
				  (c->committees & cf->committees[i].value) != 0);
}

/* Reads the form into a cadre (id and version from the record edited). */
static void read_form(struct cform *cf, cadre *c)
{
	ui_form *f = cf->form;
	cb_date d;
	int64_t eth = ui_form_value(f, CF_ETHNICITY);

	*c = cf->base;
	snprintf(c->full_name, sizeof c->full_name, "%s", ui_form_text(f, CF_NAME));
	d = ui_form_date(f, CF_BIRTH);
	if (d != CB_DATE_NONE)
		date_format_iso(d, c->birth_date);
	else
		c->birth_date[0] = '\0';
	c->gender = (int)ui_form_value(f, CF_GENDER);
	c->ethnicity[0] = '\0';
	for (int i = 0; i < cf->nethnic; i++)
		if (cf->ethnic[i].value == eth && eth >= 0)
			snprintf(c->ethnicity, sizeof c->ethnicity, "%s", cf->ethnic[i].label);
	c->unit_id = ui_form_value(f, CF_UNIT);
	c->org_id = ui_form_value(f, CF_ORG) > 0 ? ui_form_value(f, CF_ORG) : 0;
	snprintf(c->position, sizeof c->position, "%s", ui_form_text(f, CF_POSITION));
	c->pos_rank = (int)ui_form_value(f, CF_RANK);
	c->managed = ui_form_value(f, CF_MANAGED) != 0;
	c->is_head = ui_form_value(f, CF_HEAD) != 0;
	c->education = (int)ui_form_value(f, CF_EDUCATION);
	c->theory = (int)ui_form_value(f, CF_THEORY);
	for (int k = 0; k < NCODED; k++)
		CODE(c, k) = ui_form_value(f, coded[k].field) > 0
				     ? (int)ui_form_value(f, coded[k].field)
				     : 0;
	d = ui_form_date(f, CF_JOINED);
	if (d != CB_DATE_NONE)
		date_format_iso(d, c->party_joined);
	else
		c->party_joined[0] = '\0';
	snprintf(c->notes, sizeof c->notes, "%s", ui_form_text(f, CF_NOTES));
	c->committees = 0;
	for (int i = 0; i < cf->ncommittees; i++)
		if (ui_form_value(f, CF_COMMITTEE0 + i))
			c->committees |= cf->committees[i].value;
}

/* ---- saving --------------------------------------------------------- */

/* "Field: theirs (yours: mine)" for every field that differs. */
static void show_other_version(struct cform *cf, const cadre *mine, const char *why)
{
	cadre theirs;
	cb_error err = {0};
	char text[4096];
	size_t len;

	if (store_cadre_get(cf->a->db, cf->id, &theirs, &err) != CB_OK) {
		ui_message(_("Not saved"), why);
		return;
	}
	len = (size_t)snprintf(text, sizeof text, "%s\n\n%s\n", why,
			       _("The version saved meanwhile (yours in brackets):"));
	size_t n;
	const field_def *t = cadre_fields(&n);
	for (size_t i = 0; i < n && len < sizeof text; i++) {
		char a[CADRE_NOTES_MAX], b[CADRE_NOTES_MAX];
		const char *theirs_v, *mine_v;
		if (t[i].flags & (FIELD_DERIVED | FIELD_NO_SHOW))
			continue;
		theirs_v = field_format(&t[i], &theirs, FIELD_HUMAN, a, sizeof a);
		mine_v = field_format(&t[i], mine, FIELD_HUMAN, b, sizeof b);
		if (t[i].id == CADRE_F_UNIT  ? theirs.unit_id != mine->unit_id
		    : t[i].id == CADRE_F_ORG ? theirs.org_id != mine->org_id
					     : strcmp(theirs_v, mine_v) != 0)
			len += (size_t)snprintf(text + len, sizeof text - len,
						(t[i].flags & FIELD_REF) ? "%s: %s\n"
									 : "%s: %s (%s)\n",
						_(t[i].label), theirs_v, mine_v);
	}
	if (len < sizeof text)
		snprintf(text + len, sizeof text - len, "\n%s",
			 _("Nothing was overwritten. Press Esc to leave the form, then open the "
			   "record again to see and edit the saved version."));
	ui_message(_("Someone else saved this record first"), text);
}

static int cf_save(ui_form *f, void *ctx, cb_error *err)
{
	struct cform *cf = ctx;

	(void)f;
	read_form(cf, &cf->saving);
	return cf->id == 0 ? store_cadre_insert(cf->a->db, &cf->saving, cf->a->config, err)
			   : store_cadre_update(cf->a->db, &cf->saving, cf->a->config, err);
}

static void cf_saved(ui_form *f, void *ctx)
{
	struct cform *cf = ctx;
	(void)f;
	ui_flash(UI_GOOD, _("Saved: %s."), cf->saving.full_name);
}

static void cf_stale(ui_form *f, void *ctx, const cb_error *err)
{
	(void)f;
	show_other_version(ctx, &((struct cform *)ctx)->saving, err->msg);
}

static void cf_fill(ui_form *f, void *ctx)
{
	struct cform *cf = ctx;

	cf->form = f;
	fill_form(cf, &cf->base);
	if (!cf->id) { /* required choices are made, never defaulted: a
			* default "None" would move a target unseen */
		ui_form_set_value(cf->form, CF_GENDER, -1);
		ui_form_set_value(cf->form, CF_RANK, -1);
		ui_form_set_value(cf->form, CF_EDUCATION, -1);
		ui_form_set_value(cf->form, CF_THEORY, -1);
	}
}

static void cf_free(void *ctx)
{
	struct cform *cf = ctx;

	if (!cf)
		return;
	free(cf->genders);
	free(cf->ranks);
	free(cf->edus);
	free(cf->theories);
	free(cf->units);
	free(cf->orgs);
	free(cf->orgs_shown);
	free(cf->org_rows);
	free(cf->ethnic);
	for (int k = 0; k < NCODED; k++)
		free(cf->lists[k]);
	free(cf);
}

static const ui_form_spec cform_spec = {
	.name = "cadre-form",
	.fill = cf_fill,
	.save = cf_save,
	.saved = cf_saved,
	.stale = cf_stale,
	.edited = cf_edited,
	.free = cf_free,
};

/* Opens the form of a cadre (0 = new); draft (or NULL) holds values typed
 * before a lost terminal, and version the version the edit started from
 * (0 = as read now), so that a save made meanwhile is still detected. */
static int cf_open(app *a, int64_t id, int64_t version, const char *draft)
{
	struct cform *cf = calloc(1, sizeof *cf);
	cb_error err = {0};
	char title[200];

	if (!cf)
		return CB_EDB;
	cf->a = a;
	cf->id = id;
	if (id && store_cadre_get(a->db, id, &cf->base, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		cf_free(cf);
		return CB_NOT_FOUND;
	}
	if (!id) /* the list's first group (Kinh), as most cadres are */
		snprintf(cf->base.ethnicity, sizeof cf->base.ethnicity, "%s",
			 model_choices(ENUM_ETHNICITY, &(int){0})[0].label);
	if (id && version)
		cf->base.version = version;
	if (!(cf->units = ui_unit_choices(a, &cf->nunits)) || !load_orgs(cf, &err) ||
	    !load_ethnic(cf, cf->base.ethnicity) || !load_lists(cf)) {
		cf_free(cf);
		return CB_EDB;
	}
	define_fields(cf);
	snprintf(title, sizeof title, "%s%s%s", id ? _("Edit") : _("New cadre"), id ? ": " : "",
		 id ? cf->base.full_name : "");
	/* cf->form is set by cf_fill; cf is freed if the form cannot open */
	return ui_form_view_open(&cform_spec, cf,
				 &(ui_form_args){.title = title,
						 .defs = cf->defs,
						 .n = cf->nfields,
						 .draft_kind = DRAFT_FORM,
						 .row = id,
						 .version = cf->base.version,
						 .draft = draft})
		       ? CB_OK
		       : CB_EDB;
}

int ui_open_cadre_form(app *a, int64_t cadre_id)
{
	if (!ui_may_edit(a))
		return CB_EACCESS;
	return cf_open(a, cadre_id, 0, NULL);
}

/* Reopens a form kept when the terminal went away: the values typed, and
 * the version the edit started from. */
int screen_cadre_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	return cf_open(a, row, version, data);
}
