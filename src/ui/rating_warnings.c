/* rating_warnings.c - the year's findings of the checks on ratings, kept
 * for a screen and picked per row (see rating_warnings.h).
 */
#include "rating_warnings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_dialog.h"
#include "ui_draw.h"
#include "ui_keys.h"

void rating_warnings_init(rating_warnings *w, const app *a)
{
	cb_error err = {0};

	memset(w, 0, sizeof *w);
	if (config_evaluation_load(a->config, &w->rules, &err) != CB_OK) {
		eval_rules_free(&w->rules);
		memset(&w->rules, 0, sizeof w->rules);
		w->rules.cap_percent = -1; /* eval_check_one skips the cap */
	}
}

void rating_warnings_free(rating_warnings *w)
{
	eval_rules_free(&w->rules);
	free(w->found);
	w->found = NULL;
	w->n = w->cap = 0;
}

static int keep(const eval_finding *f, void *ctx)
{
	rating_warnings *w = ctx;

	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		eval_finding *p = realloc(w->found, cap * sizeof *p);
		if (!p)
			return CB_ENOMEM;
		w->found = p;
		w->cap = cap;
	}
	w->found[w->n++] = *f;
	return 0;
}

int rating_warnings_load(rating_warnings *w, store *s, const eval_scope *sc, int year,
			 cb_error *err)
{
	int rc;

	w->n = 0;
	rc = eval_check_year(s, &w->rules, sc, year, keep, w, err);
	if (rc == CB_ENOMEM)
		cb_error_oom(err);
	if (rc)
		w->n = 0;
	return rc;
}

static bool about(const eval_finding *f, rating_warning_key k)
{
	return (!k.org_id || f->org_id == k.org_id) &&
	       (!k.grade || eval_finding_grade(f) == k.grade);
}

size_t rating_warnings_count(const rating_warnings *w, rating_warning_key k)
{
	size_t n = 0;

	for (size_t i = 0; i < w->n; i++)
		n += about(&w->found[i], k);
	return n;
}

const eval_finding *rating_warnings_find(const rating_warnings *w, rating_warning_key k, int check)
{
	for (size_t i = 0; i < w->n; i++)
		if (about(&w->found[i], k) && (!check || w->found[i].check == check))
			return &w->found[i];
	return NULL;
}

/* "Over the cap on excellent: Chi bộ ấp 1 (Xã Bình Hiệp): 3 excellent of
 * 8 ..." - an organisation with its unit, a cadre with the organisation
 * (else the unit) it belongs to, since names repeat; the name is left out
 * when the row already names it (an organisation's own finding). */
static void describe(const rating_warnings *w, const eval_finding *f, bool name, char *buf,
		     size_t cap)
{
	char detail[256];
	const char *where = !f->org && f->org_name[0] ? f->org_name : f->unit_name;

	eval_finding_detail(f, &w->rules, detail, sizeof detail);
	if (name)
		snprintf(buf, cap, "%s: %s (%s): %s", _(eval_check_label(f->check)), f->name, where,
			 detail);
	else
		snprintf(buf, cap, "%s: %s", _(eval_check_label(f->check)), detail);
}

void rating_warnings_line(const rating_warnings *w, rating_warning_key k, int ctx, char *buf,
			  size_t cap)
{
	const eval_finding *f = rating_warnings_find(w, k, 0);
	size_t n = rating_warnings_count(w, k);
	char one[512];

	buf[0] = '\0';
	if (!f)
		return;
	describe(w, f, !(f->org && f->id == k.org_id), one, sizeof one);
	if (n == 1)
		snprintf(buf, cap, "%s %s", ui_glyph(UI_G_WARN), one);
	else
		snprintf(buf, cap, _("%s %zu warnings (%s lists them): %s"), ui_glyph(UI_G_WARN), n,
			 ui_keys_label_for(ctx, UI_ACT_WARNINGS), one);
}

void rating_warnings_show(const rating_warnings *w, rating_warning_key k, const char *title)
{
	char *text = NULL, line[1024];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return;
	for (size_t i = 0; i < w->n; i++) {
		const eval_finding *x = &w->found[i];
		if (!about(x, k))
			continue;
		describe(w, x, true, line, sizeof line);
		fprintf(f, "%s %s\n", ui_glyph(UI_G_WARN), line);
	}
	if (fclose(f) == 0)
		ui_message(title, len ? text : _("No warnings on the ratings of this row."));
	free(text);
}
