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
#include "ui_view.h"

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
	free(w->by_org);
	w->found = NULL;
	w->by_org = NULL;
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

/* By organisation, then in the order found: a row's findings are a range
 * listed as the command lists them. */
static int by_org_then_position(const void *a, const void *b)
{
	const rating_warning_ref *x = a, *y = b;

	if (x->org_id != y->org_id)
		return x->org_id < y->org_id ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int build_index(rating_warnings *w)
{
	free(w->by_org);
	w->by_org = malloc((w->n ? w->n : 1) * sizeof *w->by_org);
	if (!w->by_org)
		return CB_ENOMEM;
	for (size_t i = 0; i < w->n; i++)
		w->by_org[i] = (rating_warning_ref){w->found[i].org_id, i};
	qsort(w->by_org, w->n, sizeof *w->by_org, by_org_then_position);
	for (int g = 0; g <= EVAL_GRADES; g++) {
		w->grade_n[g] = 0;
		for (int c = 0; c <= EVAL_CHECK_DIFFERS; c++)
			w->grade_first[g][c] = w->n;
	}
	for (size_t i = w->n; i-- > 0;) {
		int g = eval_finding_grade(&w->found[i]), c = w->found[i].check;
		if (g < 0 || g > EVAL_GRADES)
			continue;
		w->grade_n[g]++;
		w->grade_first[g][0] = i;
		if (c >= 1 && c <= EVAL_CHECK_DIFFERS)
			w->grade_first[g][c] = i;
	}
	return CB_OK;
}

static int load(rating_warnings *w, store *s, const eval_scope *sc, int year, bool give_way,
		cb_error *err)
{
	int rc;

	w->n = 0;
	w->known = false;
	rc = eval_check_year_until(s, &w->rules, sc, year, give_way ? ui_input_waiting : NULL, NULL,
				   keep, w, err);
	if (!rc)
		rc = build_index(w);
	if (rc == CB_ENOMEM)
		cb_error_oom(err);
	if (rc)
		w->n = 0;
	w->known = rc != CB_STOPPED;
	return rc;
}

int rating_warnings_load(rating_warnings *w, store *s, const eval_scope *sc, int year,
			 cb_error *err)
{
	return load(w, s, sc, year, false, err);
}

int rating_warnings_load_idle(rating_warnings *w, store *s, const eval_scope *sc, int year,
			      cb_error *err)
{
	return load(w, s, sc, year, true, err);
}

void rating_warnings_forget(rating_warnings *w)
{
	w->n = 0;
	w->known = false;
}

const char *rating_warnings_pending(void)
{
	return _("Checking the ratings…");
}

static bool about(const eval_finding *f, rating_warning_key k)
{
	return (!k.org_id || f->org_id == k.org_id) &&
	       (!k.grade || eval_finding_grade(f) == k.grade);
}

/* The range [*lo, *hi) of by_org holding the findings of organisation id. */
static void org_range(const rating_warnings *w, int64_t id, size_t *lo, size_t *hi)
{
	size_t a = 0, b = w->n;

	while (a < b) { /* the first not below id */
		size_t m = a + (b - a) / 2;
		if (w->by_org[m].org_id < id)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	for (b = w->n; a < b;) { /* the first above id */
		size_t m = a + (b - a) / 2;
		if (w->by_org[m].org_id <= id)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

size_t rating_warnings_count(const rating_warnings *w, rating_warning_key k)
{
	size_t n = 0, lo, hi;

	if (!w->n)
		return 0;
	if (!k.org_id && !k.grade)
		return w->n;
	if (!k.org_id)
		return k.grade > 0 && k.grade <= EVAL_GRADES ? w->grade_n[k.grade] : 0;
	org_range(w, k.org_id, &lo, &hi);
	if (!k.grade)
		return hi - lo;
	for (size_t i = lo; i < hi; i++)
		n += about(&w->found[w->by_org[i].i], k);
	return n;
}

const eval_finding *rating_warnings_find(const rating_warnings *w, rating_warning_key k, int check)
{
	size_t lo, hi;

	if (!w->n || check < 0 || check > EVAL_CHECK_DIFFERS)
		return NULL;
	if (!k.org_id && k.grade) {
		size_t i = k.grade > 0 && k.grade <= EVAL_GRADES ? w->grade_first[k.grade][check]
								 : w->n;
		return i < w->n ? &w->found[i] : NULL;
	}
	if (k.org_id)
		org_range(w, k.org_id, &lo, &hi);
	else
		lo = 0, hi = w->n;
	for (size_t i = lo; i < hi; i++) {
		const eval_finding *f = &w->found[k.org_id ? w->by_org[i].i : i];
		if (about(f, k) && (!check || f->check == check))
			return f;
	}
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
			continue; /* once per key: the order found, as the command's */
		describe(w, x, true, line, sizeof line);
		fprintf(f, "%s %s\n", ui_glyph(UI_G_WARN), line);
	}
	if (fclose(f) == 0)
		ui_message(title, len ? text : _("No warnings on the ratings of this row."));
	free(text);
}
