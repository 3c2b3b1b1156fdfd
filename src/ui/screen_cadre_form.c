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
 * - Esc asks before throwing away changes. If the terminal goes away the
 *   values are kept as a draft (form "cadre") that the next start offers.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "i18n.h"
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
	CF_JOINED,
	CF_NOTES,
	CF_COMMITTEE0, /* one yes/no field per committee membership */
	CF_MAX = CF_COMMITTEE0 + 16
};

/* The 54 ethnic groups of Viet Nam (official names). */
static const char *const ethnic_groups[] = {
	"Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai",
	"Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai",
	"Mnông", "Thổ", "Xtiêng", "Khơ Mú", "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ",
	"Giẻ - Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "Kháng", "La Chí",
	"Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng", "Cơ Lao",
	"Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
};
#define N_ETHNIC ((int)(sizeof ethnic_groups / sizeof ethnic_groups[0]))

struct cform {
	app *a;
	int64_t id;      /* 0 = a new cadre */
	cadre base;      /* as read (edit), kept for id/version and read-only fields */
	ui_form *form;
	ui_field_def defs[CF_MAX];
	int nfields, ncommittees;
	const model_choice *committees;
	ui_choice *genders, *ranks, *edus, *theories, *units, *orgs, *ethnic;
	int nunits, norgs, nethnic;
	char (*unit_labels)[200];
	org_row *org_rows;
	char title[200];
};

/* ---- choices -------------------------------------------------------- */

static ui_choice *enum_list(enum model_enum e, int *n)
{
	const model_choice *mc = model_choices(e, n);
	ui_choice *ch = calloc((size_t)*n, sizeof *ch);

	if (!ch)
		return NULL;
	for (int i = 0; i < *n; i++)
		ch[i] = (ui_choice){mc[i].value, _(mc[i].label)};
	return ch;
}

/* Every unit of the configuration, as "Commune, District", valued by its
 * database id. */
static bool load_units(struct cform *cf, cb_error *err)
{
	const cfg *c = cf->a->config;

	cf->units = calloc(c->unit_count, sizeof *cf->units);
	cf->unit_labels = calloc(c->unit_count, sizeof *cf->unit_labels);
	if (!cf->units || !cf->unit_labels)
		return false;
	for (size_t i = 0; i < c->unit_count; i++) {
		unit_row u;
		if (!app_may_see_unit(cf->a, (int)i)) /* the user's scope (access.h) */
			continue;
		if (store_unit_by_code(cf->a->db, c->units[i].code, &u, err) != CB_OK)
			continue;
		int p = c->units[i].parent;
		if (p > 0)
			snprintf(cf->unit_labels[cf->nunits], sizeof cf->unit_labels[0], "%s, %s",
				 c->units[i].name, c->units[p].name);
		else
			snprintf(cf->unit_labels[cf->nunits], sizeof cf->unit_labels[0], "%s",
				 c->units[i].name);
		cf->units[cf->nunits] = (ui_choice){u.id, cf->unit_labels[cf->nunits]};
		cf->nunits++;
	}
	return true;
}

static bool load_orgs(struct cform *cf, cb_error *err)
{
	size_t n = 0;

	if (store_org_tree(cf->a->db, 0, 0, &cf->org_rows, &n, err) != CB_OK)
		n = 0;
	cf->orgs = calloc(n + 1, sizeof *cf->orgs);
	if (!cf->orgs)
		return false;
	cf->orgs[cf->norgs++] = (ui_choice){0, _("(none)")};
	for (size_t i = 0; i < n; i++)
		cf->orgs[cf->norgs++] = (ui_choice){cf->org_rows[i].id, cf->org_rows[i].name};
	return true;
}

/* The 54 groups, plus the record's own value if it is spelled otherwise. */
static bool load_ethnic(struct cform *cf, const char *current)
{
	cf->ethnic = calloc(N_ETHNIC + 1, sizeof *cf->ethnic);
	if (!cf->ethnic)
		return false;
	for (int i = 0; i < N_ETHNIC; i++)
		cf->ethnic[cf->nethnic++] = (ui_choice){i, ethnic_groups[i]};
	if (current && *current) {
		for (int i = 0; i < N_ETHNIC; i++)
			if (!strcmp(current, ethnic_groups[i]))
				return true;
		cf->ethnic[cf->nethnic++] = (ui_choice){N_ETHNIC, cf->base.ethnicity};
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

static void define_fields(struct cform *cf)
{
	ui_field_def *d = cf->defs;
	int n, ng, nr, ne, nt;

	cf->genders = enum_list(ENUM_GENDER, &ng);
	cf->ranks = enum_list(ENUM_RANK, &nr);
	cf->edus = enum_list(ENUM_EDUCATION, &ne);
	cf->theories = enum_list(ENUM_THEORY, &nt);
	d[CF_NAME] = (ui_field_def){.label = LABEL(CADRE_F_FULL_NAME), .kind = UI_FIELD_TEXT,
				    .required = true, .max_bytes = CADRE_NAME_MAX - 1};
	d[CF_BIRTH] = (ui_field_def){.label = LABEL(CADRE_F_BIRTH_DATE), .kind = UI_FIELD_DATE,
				     .required = true};
	d[CF_GENDER] = (ui_field_def){.label = LABEL(CADRE_F_GENDER), .kind = UI_FIELD_CHOICE, .required = true,
				      .choices = cf->genders, .nchoices = ng};
	d[CF_ETHNICITY] = (ui_field_def){.label = LABEL(CADRE_F_ETHNICITY), .kind = UI_FIELD_CHOICE,
					 .required = true, .choices = cf->ethnic,
					 .nchoices = cf->nethnic};
	d[CF_UNIT] = (ui_field_def){.label = LABEL(CADRE_F_UNIT), .kind = UI_FIELD_CHOICE, .required = true,
				    .choices = cf->units, .nchoices = cf->nunits};
	d[CF_ORG] = (ui_field_def){.label = LABEL(CADRE_F_ORG), .kind = UI_FIELD_CHOICE,
				   .choices = cf->orgs, .nchoices = cf->norgs};
	d[CF_POSITION] = (ui_field_def){.label = LABEL(CADRE_F_POSITION), .kind = UI_FIELD_TEXT,
					.required = true, .max_bytes = CADRE_TEXT_MAX - 1};
	d[CF_RANK] = (ui_field_def){.label = LABEL(CADRE_F_POS_RANK), .kind = UI_FIELD_CHOICE,
				    .required = true, .choices = cf->ranks, .nchoices = nr};
	d[CF_MANAGED] = (ui_field_def){.label = LABEL(CADRE_F_MANAGED),
				       .kind = UI_FIELD_BOOL};
	d[CF_HEAD] = (ui_field_def){.label = LABEL(CADRE_F_IS_HEAD), .kind = UI_FIELD_BOOL};
	d[CF_EDUCATION] = (ui_field_def){.label = LABEL(CADRE_F_EDUCATION), .kind = UI_FIELD_CHOICE,
					 .required = true, .choices = cf->edus, .nchoices = ne};
	d[CF_THEORY] = (ui_field_def){.label = LABEL(CADRE_F_THEORY), .kind = UI_FIELD_CHOICE,
				      .required = true, .choices = cf->theories, .nchoices = nt};
	d[CF_JOINED] = (ui_field_def){.label = LABEL(CADRE_F_PARTY_JOINED), .kind = UI_FIELD_DATE};
	d[CF_NOTES] = (ui_field_def){.label = LABEL(CADRE_F_NOTES), .kind = UI_FIELD_TEXT,
				     .max_bytes = CADRE_NOTES_MAX - 1};
	cf->committees = model_choices(ENUM_COMMITTEE, &n);
	cf->ncommittees = n > 16 ? 16 : n;
	for (int i = 0; i < cf->ncommittees; i++)
		d[CF_COMMITTEE0 + i] = (ui_field_def){.label = cf->committees[i].label,
						      .kind = UI_FIELD_BOOL};
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
	ui_form_set_date(f, CF_JOINED,
			 date_parse_iso(c->party_joined, &d) ? d : CB_DATE_NONE);
	ui_form_set_text(f, CF_NOTES, c->notes);
	for (int i = 0; i < cf->ncommittees; i++)
		ui_form_set_value(f, CF_COMMITTEE0 + i, (c->committees & cf->committees[i].value) != 0);
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
		if (cf->ethnic[i].value == eth)
			snprintf(c->ethnicity, sizeof c->ethnicity, "%s", cf->ethnic[i].label);
	c->unit_id = ui_form_value(f, CF_UNIT);
	c->org_id = ui_form_value(f, CF_ORG) > 0 ? ui_form_value(f, CF_ORG) : 0;
	snprintf(c->position, sizeof c->position, "%s", ui_form_text(f, CF_POSITION));
	c->pos_rank = (int)ui_form_value(f, CF_RANK);
	c->managed = ui_form_value(f, CF_MANAGED) != 0;
	c->is_head = ui_form_value(f, CF_HEAD) != 0;
	c->education = (int)ui_form_value(f, CF_EDUCATION);
	c->theory = (int)ui_form_value(f, CF_THEORY);
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
		if (t[i].id == CADRE_F_UNIT ? theirs.unit_id != mine->unit_id
		    : t[i].id == CADRE_F_ORG ? theirs.org_id != mine->org_id
					     : strcmp(theirs_v, mine_v) != 0)
			len += (size_t)snprintf(text + len, sizeof text - len,
						(t[i].flags & FIELD_REF) ? "%s: %s\n" : "%s: %s (%s)\n",
						_(t[i].label), theirs_v, mine_v);
	}
	if (len < sizeof text)
		snprintf(text + len, sizeof text - len, "\n%s",
			 _("Nothing was overwritten. Press Esc to leave the form, then open the "
			   "record again to see and edit the saved version."));
	ui_message(_("Someone else saved this record first"), text);
}

static int cf_save(struct cform *cf)
{
	cadre c;
	cb_error err = {0};
	int rc;

	if (ui_form_validate(cf->form, &err) != CB_OK)
		return UI_HANDLED;
	read_form(cf, &c);
	if (cf->id == 0)
		rc = store_cadre_insert(cf->a->db, &c, cf->a->config, &err);
	else
		rc = store_cadre_update(cf->a->db, &c, cf->a->config, &err);
	if (rc == CB_ESTALE) {
		ui_form_set_error(cf->form, -1, err.msg);
		show_other_version(cf, &c, err.msg);
		return UI_HANDLED;
	}
	if (rc != CB_OK) {
		ui_form_set_error(cf->form, -1, err.msg);
		return UI_HANDLED;
	}
	ui_flash(UI_GOOD, _("Saved: %s."), c.full_name);
	return UI_CLOSE;
}

/* ---- the view ------------------------------------------------------- */

static const char *cf_title(ui_view *v)
{
	struct cform *cf = v->state;
	return cf->title;
}

static void cf_layout(struct cform *cf)
{
	ui_form_place_under_hint(cf->form);
}

static void cf_draw(ui_view *v, bool full)
{
	struct cform *cf = v->state;
	ui_form_draw_with_hint(cf->form, full, _("%s saves, %s cancels; %s opens the list of choices."),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_SAVE),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_CANCEL),
			       ui_keys_label_for(UI_CTX_FORM, UI_ACT_PICK));
}

static int cf_key(ui_view *v, int action, ui_key key)
{
	struct cform *cf = v->state;

	switch (action) {
	case UI_ACT_SAVE:
		return cf_save(cf);
	case UI_ACT_CANCEL:
		if (!ui_form_may_discard(cf->form))
			return UI_HANDLED;
		return UI_CLOSE;
	default:
		return ui_form_key(cf->form, action, key);
	}
}

static bool cf_dirty(ui_view *v)
{
	struct cform *cf = v->state;
	return ui_form_changed(cf->form);
}

static void cf_resize(ui_view *v)
{
	cf_layout(v->state);
}

static void cf_status(ui_view *v, char *buf, size_t cap)
{
	struct cform *cf = v->state;
	snprintf(buf, cap, " %s %d/%d", _("Field"), ui_form_focus(cf->form) + 1, cf->nfields);
}

static void cf_free(struct cform *cf)
{
	ui_form_free(cf->form);
	free(cf->genders);
	free(cf->ranks);
	free(cf->edus);
	free(cf->theories);
	free(cf->units);
	free(cf->unit_labels);
	free(cf->orgs);
	free(cf->org_rows);
	free(cf->ethnic);
	free(cf);
}

static void cf_close(ui_view *v)
{
	cf_free(v->state);
}

static const ui_view_ops cform_ops = {
	.name = "cadre-form",
	.context = UI_CTX_FORM,
	.title = cf_title,
	.draw = cf_draw,
	.key = cf_key,
	.resize = cf_resize,
	.status = cf_status,
	.dirty = cf_dirty,
	.close = cf_close,
};

/* Builds the form for a cadre (0 = new); NULL with a message on failure. */
static struct cform *cf_new(app *a, int64_t id)
{
	struct cform *cf = calloc(1, sizeof *cf);
	cb_error err = {0};

	if (!cf)
		return NULL;
	cf->a = a;
	cf->id = id;
	if (id && store_cadre_get(a->db, id, &cf->base, &err) != CB_OK) {
		ui_flash(UI_ERROR, "%s", err.msg);
		free(cf);
		return NULL;
	}
	if (!id)
		snprintf(cf->base.ethnicity, sizeof cf->base.ethnicity, "Kinh");
	if (!load_units(cf, &err) || !load_orgs(cf, &err) || !load_ethnic(cf, cf->base.ethnicity)) {
		cf_free(cf);
		return NULL;
	}
	define_fields(cf);
	if (!(cf->form = ui_form_new(cf->defs, cf->nfields))) {
		cf_free(cf);
		return NULL;
	}
	fill_form(cf, &cf->base);
	if (!id) {
		ui_form_set_value(cf->form, CF_GENDER, -1);
		ui_form_set_value(cf->form, CF_RANK, -1);
	}
	ui_form_mark_clean(cf->form);
	ui_form_set_draft(cf->form, DRAFT_FORM, id, cf->base.version);
	snprintf(cf->title, sizeof cf->title, "%s%s%s", id ? _("Edit") : _("New cadre"),
		 id ? ": " : "", id ? cf->base.full_name : "");
	cf_layout(cf);
	return cf;
}

int ui_open_cadre_form(app *a, int64_t cadre_id)
{
	if (!ui_may_edit(a))
		return CB_EACCESS;
	struct cform *cf = cf_new(a, cadre_id);
	return cf && ui_view_push(&cform_ops, cf) ? CB_OK : CB_EDB;
}

/* Reopens a form kept when the terminal went away: the values typed, and
 * the version the edit started from (so a save made meanwhile by someone
 * else is still detected). */
int screen_cadre_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	struct cform *cf = cf_new(a, row);

	if (!cf)
		return CB_NOT_FOUND;
	ui_form_mark_clean(cf->form);
	ui_form_load(cf->form, data);
	if (row)
		cf->base.version = version;
	ui_form_set_draft(cf->form, DRAFT_FORM, row, cf->base.version);
	return ui_view_push(&cform_ops, cf) ? CB_OK : CB_EDB;
}
