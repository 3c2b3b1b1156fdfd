/* career_pool.c - the planning pool's rules applied to the entries in it:
 * the check (what breaks a rule today), the yearly review (who should
 * leave) and the summary (n of N per title, young and women ratios).
 *
 * The pool is small (a few cadres per title and unit), so entries are
 * read once and the rules are applied in C, one cadre at a time.
 */
#include "career_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"

static const char *const issue_labels[PI_COUNT] = {
#define X(id, label) [id] = label,
	POOL_ISSUE_LIST(X)
#undef X
};

const char *pool_issue_label(int issue)
{
	return issue >= 0 && issue < PI_COUNT ? _(issue_labels[issue]) : "?";
}

typedef struct finds {
	pool_finding *v;
	size_t n, cap;
	bool oom;
} finds;

static void add(finds *f, const pool_row *e, int issue, const char *why)
{
	pool_finding *x;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		pool_finding *v = realloc(f->v, cap * sizeof *v);
		if (!v) {
			f->oom = true;
			return;
		}
		f->v = v;
		f->cap = cap;
	}
	x = &f->v[f->n++];
	x->entry = *e;
	x->issue = issue;
	snprintf(x->why, sizeof x->why, "%s", why ? why : "");
}

static bool same_group(const pool_row *a, const pool_row *b)
{
	return a->unit_id == b->unit_id && !strcmp(a->title, b->title) && !strcmp(a->term, b->term);
}

/* Bars and departures on day `on`, common to the check and the review. */
static int standing(store *s, const pool_row *e, cb_date on, finds *f, cb_error *err)
{
	departure_row dep;
	discipline_row bar;
	char why[256];
	cb_date left;
	int rc;

	if (store_departure_get(s, e->cadre_id, &dep, err) == CB_OK &&
	    date_parse_iso(dep.left_on, &left) && left <= on) {
		snprintf(why, sizeof why, "%s %s", career_enum_label(CE_DEPARTURE, dep.kind),
			 dep.left_on);
		add(f, e, PI_LEFT, why);
	}
	cb_error_clear(err);
	rc = store_discipline_bar(s, e->cadre_id, on, &bar, err);
	if (rc == CB_OK) {
		snprintf(why, sizeof why, _("%s no. %lld, until %s"), disc_form_label(bar.form),
			 (long long)bar.id, bar.bar_until);
		add(f, e, PI_BARRED, why);
	} else if (rc != CB_NOT_FOUND) {
		return rc;
	}
	cb_error_clear(err);
	return CB_OK;
}

static int finish(finds *f, int rc, pool_finding **out, size_t *n, cb_error *err)
{
	if (!rc && f->oom)
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
	if (rc) {
		free(f->v);
		f->v = NULL;
		f->n = 0;
	}
	*out = f->v;
	*n = f->n;
	return rc;
}

int career_pool_check(store *s, const career_rules *r, cb_date on, const char *term,
		      int64_t unit_lo, int64_t unit_hi, pool_finding **out, size_t *n,
		      cb_error *err)
{
	pool_row *rows = NULL;
	size_t m = 0;
	finds f = {0};
	char why[256];
	int rc = store_pool_list(s, term, unit_lo, unit_hi, false, &rows, &m, err);

	for (size_t i = 0; !rc && i < m; i++) {
		const pool_row *e = &rows[i];
		const career_title *t = career_title_find(r, e->title);
		size_t group = 0, titles = 0;
		if (!t) {
			add(&f, e, PI_UNKNOWN_TITLE, e->title);
			continue;
		}
		if (!career_title_higher(t, e->level, e->pos_rank))
			add(&f, e, PI_NOT_HIGHER, t->name);
		for (size_t j = 0; j < m; j++) {
			const career_title *o = career_title_find(r, rows[j].title);
			if (same_group(&rows[j], e))
				group++;
			if (rows[j].cadre_id == e->cadre_id && !strcmp(rows[j].term, e->term) &&
			    o && o->level == t->level)
				titles++;
		}
		if (group > (size_t)r->pool_per_title) {
			snprintf(why, sizeof why, "%s: %zu/%d", t->name, group, r->pool_per_title);
			add(&f, e, PI_TITLE_FULL, why);
		}
		if (titles > (size_t)r->pool_titles_per_cadre) {
			snprintf(why, sizeof why, "%zu/%d", titles, r->pool_titles_per_cadre);
			add(&f, e, PI_CADRE_FULL, why);
		}
		rc = standing(s, e, on, &f, err);
	}
	free(rows);
	return finish(&f, rc, out, n, err);
}

int career_pool_review(store *s, const career_rules *r, int year, const char *term, int64_t unit_lo,
		       int64_t unit_hi, pool_finding **out, size_t *n, cb_error *err)
{
	pool_row *rows = NULL;
	size_t m = 0;
	finds f = {0};
	cb_date on = career_add_months(date_from_ymd(year, r->pool_review_month, 1), 1) - 1;
	int rc = store_pool_list(s, term, unit_lo, unit_hi, false, &rows, &m, err);

	for (size_t i = 0; !rc && i < m; i++) {
		const pool_row *e = &rows[i];
		cb_date ret = career_retirement_of(r, e->gender, e->birth_date);
		cb_date start = date_from_ymd(atoi(e->term), 1, 1);
		rating_row *rt = NULL;
		size_t nr = 0;
		char why[256], iso[11];

		if ((rc = standing(s, e, on, &f, err)))
			break;
		if (r->pool_serve_years > 0 && ret != CB_DATE_NONE &&
		    ret < career_add_months(start, 12 * r->pool_serve_years)) {
			date_format_iso(ret, iso);
			snprintf(why, sizeof why, _("retires on %s"), iso);
			add(&f, e, PI_OVER_AGE, why);
		}
		if ((rc = store_cadre_ratings(s, e->cadre_id, &rt, &nr, err)))
			break;
		for (size_t k = 0; k < nr; k++)
			if (rt[k].year == year && rt[k].grade == 4) {
				snprintf(why, sizeof why, "%d", year);
				add(&f, e, PI_FAILED, why);
			}
		free(rt);
	}
	free(rows);
	return finish(&f, rc, out, n, err);
}

int career_pool_summary_of(const career_rules *r, cb_date on, const pool_row *rows, size_t m,
			   pool_title_count **out, size_t *n, pool_ratios *ratios, cb_error *err)
{
	size_t groups = 0;
	pool_title_count *v = NULL;

	memset(ratios, 0, sizeof *ratios);
	*out = NULL;
	*n = 0;
	if (m && !(v = calloc(m, sizeof *v)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	for (size_t i = 0; i < m; i++) {
		const career_title *t = career_title_find(r, rows[i].title);
		bool seen = false;
		cb_date birth;
		if (i == 0 || !same_group(&rows[i], &rows[i - 1])) {
			pool_title_count *g = &v[groups++];
			snprintf(g->term, sizeof g->term, "%s", rows[i].term);
			snprintf(g->title, sizeof g->title, "%s", rows[i].title);
			snprintf(g->name, sizeof g->name, "%s", t ? t->name : rows[i].title);
			snprintf(g->unit_name, sizeof g->unit_name, "%s", rows[i].unit_name);
			g->cap = r->pool_per_title;
		}
		v[groups - 1].n++;
		for (size_t j = 0; j < i && !seen; j++)
			seen = rows[j].cadre_id == rows[i].cadre_id;
		if (seen)
			continue;
		ratios->cadres++;
		if (rows[i].gender == 2)
			ratios->women++;
		if (date_parse_iso(rows[i].birth_date, &birth) &&
		    date_age(birth, on) < r->pool_young_age)
			ratios->young++;
	}
	ratios->young_gap = career_gap(ratios->young, ratios->cadres, r->pool_young_pct);
	ratios->women_gap = career_gap(ratios->women, ratios->cadres, r->pool_women_pct);
	*out = v;
	*n = groups;
	return CB_OK;
}

int career_pool_summary(store *s, const career_rules *r, cb_date on, const char *term,
			int64_t unit_lo, int64_t unit_hi, pool_title_count **out, size_t *n,
			pool_ratios *ratios, cb_error *err)
{
	pool_row *rows = NULL;
	size_t m = 0;
	int rc = store_pool_list(s, term, unit_lo, unit_hi, false, &rows, &m, err);

	memset(ratios, 0, sizeof *ratios);
	*out = NULL;
	*n = 0;
	if (!rc)
		rc = career_pool_summary_of(r, on, rows, m, out, n, ratios, err);
	free(rows);
	return rc;
}
