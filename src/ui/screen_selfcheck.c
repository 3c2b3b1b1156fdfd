/* screen_selfcheck.c - the monthly self-check against the manifestations
 * of degradation: who in the scope has not recorded this month's check,
 * and the form that records one (a yes/no per catalogue item and a note).
 *
 * Guarantees: the catalogue is the configured one (config/
 * manifestations.ini); an item whose text the office has not filled in is
 * shown with a placeholder saying so, never with invented wording; the
 * check is stored by catalogue code, one per cadre and month.
 */
#include "screen_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sheet.h"
#include "ui_form.h"
#include "ui_listview.h"
#include "ui_screens.h"
#include "ui_view.h"

#define SC_UI_MAX 5000

struct sc_view {
	app *a;
	char month[8];
	int64_t lo, hi;
	char scope[200], title[300];
	selfcheck_missing *rows;
	size_t n, cap;
	bool more;
	int done, total;
	manifestation *cat;
	size_t ncat;
	char groups[CFG_MANIF_GROUPS][CFG_MANIF_TITLE_MAX];
	ui_listview *lv; /* typed at the list: jumps to a cadre */
};

static int collect(const selfcheck_missing *m, void *ctx)
{
	struct sc_view *sv = ctx;
	if (sv->n == SC_UI_MAX) {
		sv->more = true;
		return 1;
	}
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 64;
		selfcheck_missing *r = realloc(sv->rows, cap * sizeof *r);
		if (!r)
			return -1;
		sv->rows = r;
		sv->cap = cap;
	}
	sv->rows[sv->n++] = *m;
	return 0;
}

/* The list, below the count line, and below a second line when the
 * list holds only the first SC_UI_MAX of them. */
static void layout(struct sc_view *sv)
{
	ui_rect b = ui_body();
	int head = sv->more ? 2 : 1;
	b.y += head;
	b.h -= head;
	ui_listview_set_rect(sv->lv, b);
}

static void load(struct sc_view *sv)
{
	cb_error err = {0};
	int y, m;

	sv->n = 0;
	sv->more = false;
	if (selfcheck_count(sv->a->db, sv->month, sv->lo, sv->hi, 0, &sv->done, &sv->total, &err) ||
	    selfcheck_each_missing(sv->a->db, sv->month, sv->lo, sv->hi, 0, collect, sv, &err) > 1)
		ui_flash(UI_ERROR, "%s", err.msg);
	ui_listview_set_rows(sv->lv, sv->rows, sv->n, NULL);
	layout(sv); /* a line more over a list cut at SC_UI_MAX */
	sscanf(sv->month, "%d-%d", &y, &m);
	snprintf(sv->title, sizeof sv->title, _("Monthly self-check %02d/%d - %s"), m, y,
		 sv->scope);
}

static const char *missing_name(const void *row)
{
	return ((const selfcheck_missing *)row)->full_name;
}

/* The export is the screen's own sheet (with its title block). */
static const ui_column sc_columns[] = {
	{N_("Full name"), 24, 2, 0, UI_ALIGN_NAME, OUT_STR, NULL,
	 UI_TEXT_AT(selfcheck_missing, full_name), 0},
	{N_("Unit"), 21, 0, 1, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(selfcheck_missing, unit_name),
	 0},
	{N_("Position"), 16, 3, 0, OUT_LEFT, OUT_STR, NULL, UI_TEXT_AT(selfcheck_missing, position),
	 0},
};

static const ui_listview_def sc_list_def = {
	.cols = sc_columns,
	.ncols = sizeof sc_columns / sizeof sc_columns[0],
	.noun = N_("cadres"),
	.empty = N_("Everyone here has recorded this month's self-check."),
	.find_text = missing_name,
};

static const char *sv_title(ui_view *v)
{
	return ((struct sc_view *)v->state)->title;
}

static void sv_draw(ui_view *v, bool full)
{
	struct sc_view *sv = v->state;
	ui_rect b = ui_body();
	char line[256];

	if (full) {
		snprintf(line, sizeof line,
			 _("Recorded by %d of %d cadres; not yet recorded by these %d:"), sv->done,
			 sv->total, sv->total - sv->done);
		ui_put(stdscr, b.y, b.x + 1, b.w - 1, line,
		       sv->done < sv->total ? UI_WARN : UI_GOOD);
		if (sv->more) {
			snprintf(line, sizeof line,
				 _("Only the first %d are listed: F5 exports them all, or "
				   "narrow the scope (F7 on the plans screen)."),
				 SC_UI_MAX);
			ui_put(stdscr, b.y + 1, b.x + 1, b.w - 1, line, UI_WARN);
		}
	}
	ui_listview_draw(sv->lv, full);
}

static void sv_status(ui_view *v, char *buf, size_t cap)
{
	struct sc_view *sv = v->state;
	char extra[300] = "  ";

	snprintf(extra + 2, sizeof extra - 2,
		 _(" %s records the check of the selected cadre; %s and %s change the month."),
		 ui_keys_label_for(UI_CTX_SELFCHECK, UI_ACT_OPEN),
		 ui_keys_label_for(UI_CTX_SELFCHECK, UI_ACT_MONTH_PREV),
		 ui_keys_label_for(UI_CTX_SELFCHECK, UI_ACT_MONTH_NEXT));
	ui_listview_status(sv->lv, extra, buf, cap);
}

/* ---- the form of one check --------------------------------------------------- */

struct check_form {
	app *a;
	selfcheck sc;
	const manifestation *cat;
	size_t ncat;
	const char (*groups)[CFG_MANIF_TITLE_MAX];
	ui_field_def *defs;
	char (*labels)[600];
};

/* The group and full text of the focused item (labels are cut to fit). */
static void cf_status(ui_form *form, void *ctx, char *buf, size_t cap)
{
	struct check_form *f = ctx;
	int i = ui_form_focus(form);
	if (i < (int)f->ncat) {
		int g = f->cat[i].group;
		snprintf(buf, cap, " %s %s: %s",
			 g >= 1 && g <= CFG_MANIF_GROUPS ? f->groups[g - 1] : "", f->cat[i].code,
			 selfcheck_item_text(&f->cat[i]));
	} else {
		buf[0] = '\0';
	}
}

static int cf_save(ui_form *form, void *ctx, cb_error *err)
{
	struct check_form *f = ctx;
	size_t len = 0;

	f->sc.flagged[0] = '\0';
	for (size_t i = 0; i < f->ncat; i++)
		if (ui_form_value(form, (int)i)) {
			int w = snprintf(f->sc.flagged + len, sizeof f->sc.flagged - len, "%s%s",
					 len ? "," : "", f->cat[i].code);
			if (w > 0 && (size_t)w < sizeof f->sc.flagged - len)
				len += (size_t)w;
		}
	int rc = plans_copy_field(f->sc.note, sizeof f->sc.note, ui_form_text(form, (int)f->ncat),
				  _("Note"), err);
	return rc ? rc : selfcheck_save(f->a->db, &f->sc, f->cat, f->ncat, f->a->today, err);
}

static void cf_saved(ui_form *form, void *ctx)
{
	(void)form;
	(void)ctx;
	ui_flash(UI_GOOD, "%s", _("Self-check recorded."));
}

static void cf_free(void *ctx)
{
	struct check_form *f = ctx;
	free(f->defs);
	free(f->labels);
	free(f);
}

static const ui_form_spec check_form_spec = {
	.name = "selfcheck-form",
	.hint = N_("%s marks a manifestation noticed in oneself; %s saves, %s cancels."),
	.hint_keys = {UI_ACT_TOGGLE, UI_ACT_SAVE, UI_ACT_CANCEL},
	.save = cf_save,
	.saved = cf_saved,
	.status = cf_status,
	.free = cf_free,
};

/* The form of m's check for the month shown; draft (or NULL) holds
 * values typed before a lost connection. */
static void open_check_form(struct sc_view *sv, const selfcheck_missing *m, const char *draft)
{
	struct check_form *f = calloc(1, sizeof *f);
	size_t n = sv->ncat;
	int y = 0, mo = 0;
	char month[16], title[CADRE_NAME_MAX + 64];

	if (!f || !(f->defs = calloc(n + 1, sizeof *f->defs)) ||
	    !(f->labels = calloc(n + 1, sizeof *f->labels))) {
		if (f)
			free(f->defs);
		free(f);
		return;
	}
	f->a = sv->a;
	f->cat = sv->cat;
	f->ncat = n;
	f->groups = (const char(*)[CFG_MANIF_TITLE_MAX])sv->groups;
	f->sc.cadre_id = m->cadre_id;
	snprintf(f->sc.month, sizeof f->sc.month, "%s", sv->month);
	for (size_t i = 0; i < n; i++) {
		snprintf(f->labels[i], sizeof f->labels[i], "%s %s", sv->cat[i].code,
			 selfcheck_item_text(&sv->cat[i]));
		f->defs[i] = (ui_field_def){f->labels[i], UI_FIELD_BOOL, false, 0, 0, 0, NULL, 0};
	}
	f->defs[n] =
		(ui_field_def){N_("Note"), UI_FIELD_TEXT, false, PLAN_NOTE_MAX - 1, 0, 0, NULL, 0};
	sscanf(sv->month, "%d-%d", &y, &mo);
	snprintf(month, sizeof month, "%02d/%d", mo, y);
	snprintf(title, sizeof title, _("Self-check of %s for %s"), m->full_name, month);
	ui_form_view_open(&check_form_spec, f,
			  &(ui_form_args){.title = title,
					  .defs = f->defs,
					  .n = (int)n + 1,
					  .draft_kind = "selfcheck",
					  .row = m->cadre_id,
					  .version = (int64_t)y * 100 + mo,
					  .draft = draft});
}

/* ---- the view ------------------------------------------------------------------ */

static void step_month(struct sc_view *sv, int delta)
{
	char now[8];
	int y, m;
	sscanf(sv->month, "%d-%d", &y, &m);
	m += delta;
	if (m < 1) {
		m = 12;
		y--;
	} else if (m > 12) {
		m = 1;
		y++;
	}
	snprintf(now, sizeof now, "%04d-%02d", y % 10000, m);
	if (selfcheck_month_valid(now)) {
		char cur[8];
		selfcheck_month_of(sv->a->today, cur);
		if (strcmp(now, cur) <= 0)
			memcpy(sv->month, now, sizeof now);
	}
	load(sv);
	ui_invalidate();
}

/* The export key: every cadre of the scope who has not checked (not
 * only the rows loaded on the screen). */
static int write_sheet(FILE *f, int format, void *ctx)
{
	struct sc_view *sv = ctx;
	size_t n;
	cb_error err;

	cb_error_clear(&err);
	return sheet_selfcheck_missing(f, format, sv->a, sv->month, sv->lo, sv->hi, 0, sv->scope, 0,
				       &n, &err);
}

static int sv_key(ui_view *v, int action, ui_key key)
{
	struct sc_view *sv = v->state;
	const selfcheck_missing *m = sv->n ? ui_listview_selected(sv->lv) : NULL;

	if (ui_listview_key(sv->lv, action, key) == UI_HANDLED)
		return UI_HANDLED;
	switch (action) {
	case UI_ACT_OPEN:
		if (m && ui_may_edit(sv->a))
			open_check_form(sv, m, NULL);
		return UI_HANDLED;
	case UI_ACT_MONTH_PREV:
	case UI_ACT_MONTH_NEXT:
		step_month(sv, action == UI_ACT_MONTH_PREV ? -1 : 1);
		return UI_HANDLED;
	case UI_ACT_EXPORT:
		ui_export_sheet(sv->a, sv->title, write_sheet, sv);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

static void sv_resize(ui_view *v)
{
	layout(v->state);
}

static void sv_reveal(ui_view *v)
{
	load(v->state);
}

static void sv_free(struct sc_view *sv)
{
	ui_listview_free(sv->lv);
	free(sv->rows);
	free(sv->cat);
	free(sv);
}

static void sv_close(ui_view *v)
{
	sv_free(v->state);
}

static const ui_view_ops selfcheck_ops = {
	.name = "selfcheck",
	.context = UI_CTX_SELFCHECK,
	.title = sv_title,
	.draw = sv_draw,
	.key = sv_key,
	.resize = sv_resize,
	.status = sv_status,
	.reveal = sv_reveal,
	.close = sv_close,
};

int screen_selfcheck_open(app *a, int64_t unit_lo, int64_t unit_hi, const char *scope_label)
{
	struct sc_view *sv = calloc(1, sizeof *sv);
	cb_error err = {0};

	if (!sv)
		return CB_EDB;
	sv->a = a;
	sv->lo = unit_lo;
	sv->hi = unit_hi;
	snprintf(sv->scope, sizeof sv->scope, "%s", scope_label);
	selfcheck_month_of(a->today, sv->month);
	if (!a->config ||
	    config_manifestations_load(a->config, &sv->cat, &sv->ncat, sv->groups, &err) != CB_OK) {
		ui_message(_("The catalogue of manifestations could not be read"),
			   err.msg[0] ? err.msg : _("No configuration is loaded."));
		free(sv);
		return CB_ECONFIG;
	}
	if (!(sv->lv = ui_listview_new_array(&sc_list_def, sizeof(selfcheck_missing), sv))) {
		sv_free(sv);
		return CB_EDB;
	}
	layout(sv);
	load(sv);
	return ui_view_push(&selfcheck_ops, sv) ? CB_OK : CB_EDB;
}

/* Reopens a self-check form kept when the terminal went away (row = the
 * cadre, version = the month as yyyymm), over the office's self-check list
 * of that month. */
int screen_selfcheck_form_restore(app *a, int64_t row, int64_t version, const char *data)
{
	selfcheck_missing m;
	cadre c;
	cb_error err = {0};
	char month[8];
	struct sc_view *sv;

	snprintf(month, sizeof month, "%04d-%02d", (int)(version / 100 % 10000),
		 (int)(version % 100));
	if (!selfcheck_month_valid(month) || store_cadre_get(a->db, row, &c, &err) != CB_OK)
		return CB_NOT_FOUND;
	if (screen_selfcheck_open_office(a) != CB_OK)
		return CB_EDB;
	sv = ui_view_top()->state;
	memcpy(sv->month, month, sizeof month);
	load(sv);
	memset(&m, 0, sizeof m);
	m.cadre_id = row;
	snprintf(m.full_name, sizeof m.full_name, "%s", c.full_name);
	open_check_form(sv, &m, data);
	return CB_OK;
}
