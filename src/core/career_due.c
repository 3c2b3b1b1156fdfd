/* career_due.c - the calendar of what falls due: term ends, the notices
 * before them, retirements, lapsing disciplines, the pool's yearly review.
 *
 * Dates that the rules compute (retirement, notice) are not in the
 * database: candidates are read with a bound on a stored date that cannot
 * miss one (birth dates from 63 years before to 54 years before the
 * window; term ends up to a year after it), then computed and kept when
 * they fall in the window.
 *
 * Each kind has its reader here; career_due_walk.c puts them together in
 * date order, a day at a time, so a screen reads only what it shows.
 */
#include "career_due_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "i18n.h"
#include "text.h"
#include "store_sql.h"

static const struct {
	const char *code, *label;
} kinds_def[DUE_KIND_COUNT] = {
#define X(id, code, label) [id] = {code, label},
	DUE_KIND_LIST(X)
#undef X
};

const char *due_kind_code(int kind)
{
	return kind >= 0 && kind < DUE_KIND_COUNT ? kinds_def[kind].code : "";
}

const char *due_kind_label(int kind)
{
	return kind >= 0 && kind < DUE_KIND_COUNT ? _(kinds_def[kind].label) : "?";
}

bool due_kind_from_code(const char *code, int *kind)
{
	for (int i = 0; i < DUE_KIND_COUNT; i++)
		if (strcmp(code, kinds_def[i].code) == 0) {
			*kind = i;
			return true;
		}
	return false;
}

due_item *due_push(due_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		due_item *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->oom = true;
			return NULL;
		}
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[0]);
	l->v[l->n].related = CB_DATE_NONE;
	return &l->v[l->n++];
}

/* Not departed by ?1, within the unit interval ?2..?3 (0 = all) and in
 * the reader's scope. */
#define ACTIVE_IN_SCOPE                                                                            \
	" c.id NOT IN (SELECT cadre_id FROM departure WHERE left_on <= ?1)"                        \
	" AND (?2 = 0 OR (u.lo BETWEEN ?2 AND ?3 AND in_scope(u.lo, c.org_id)))"

static sqlite3_stmt *prepare_scoped(store *s, const char *sql, const char *from_iso, int64_t lo,
				    int64_t hi, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, sql, err);
	store_scope_clamp(s, &lo, &hi); /* the reader's scope (access.h) */
	if (st) {
		store_bind_text(st, 1, from_iso);
		sqlite3_bind_int64(st, 2, lo);
		sqlite3_bind_int64(st, 3, hi);
	}
	return st;
}

int due_read_terms(store *s, const career_rules *r, cb_date from, cb_date to, unsigned kinds,
		   int64_t lo, int64_t hi, due_list *l, cb_error *err)
{
	char from_iso[11], until[11];
	sqlite3_stmt *st;
	int rc;

	date_format_iso(from, from_iso);
	date_format_iso(career_add_months(to, 13), until); /* a notice precedes its term's end */
	st = prepare_scoped(
		s,
		"SELECT a.id, c.id, c.full_name, u.name, a.position, a.term_end, c.rank"
		" FROM appointment a JOIN cadre c ON c.id = a.cadre_id"
		" JOIN unit u ON u.id = c.unit_id"
		" WHERE a.end_reason = 0 AND a.term_end BETWEEN ?1 AND ?4 AND" ACTIVE_IN_SCOPE,
		from_iso, lo, hi, err);
	if (!st)
		return CB_EDB;
	store_bind_text(st, 4, until);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cb_date end, notice;
		if (!date_parse_iso((const char *)sqlite3_column_text(st, 5), &end))
			continue;
		notice = career_notice_date(r, end);
		for (int k = DUE_TERM; k <= DUE_NOTICE; k++) {
			cb_date when = k == DUE_TERM ? end : notice;
			due_item *it;
			if (!(kinds & (1u << k)) || when < from || when > to || !(it = due_push(l)))
				continue;
			it->date = when;
			it->kind = k;
			it->ref_id = sqlite3_column_int64(st, 0);
			it->cadre_id = sqlite3_column_int64(st, 1);
			it->related = end;
			it->rank = sqlite3_column_int64(st, 6);
			store_column_copy(st, 2, it->name, sizeof it->name);
			store_column_copy(st, 3, it->unit_name, sizeof it->unit_name);
			store_column_copy(st, 4, it->what, sizeof it->what);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading records"));
}

/* The retirement of the birth month idx (year * 12 + month - 1). */
cb_date due_retirement_of_month(const career_rules *r, int gender, long idx)
{
	return career_retirement(r, gender, (int)(idx / 12), (int)(idx % 12) + 1, 1);
}

/* The roadmap's age grows by less than a year each year, so this holds
 * for the decree; rules edited otherwise in career.ini are then read the
 * slow way rather than missing anyone. The check walks two centuries of
 * months, and the rules change only when career.ini is read again: the
 * answer is kept for the numbers it was worked out from. */
bool due_retirement_is_monotone(const career_rules *r, int gender)
{
	static _Thread_local struct {
		bool known, monotone;
		int rules[5];
	} memo[3];
	int rules[5];
	cb_date prev = CB_DATE_NONE;

	if (gender < 1 || gender > 2)
		return false;
	rules[0] = r->retire_base_year;
	rules[1] = r->retire_before[gender];
	rules[2] = r->retire_start[gender];
	rules[3] = r->retire_step[gender];
	rules[4] = r->retire_max[gender];
	if (memo[gender].known && !memcmp(memo[gender].rules, rules, sizeof rules))
		return memo[gender].monotone;
	memo[gender].known = true;
	memcpy(memo[gender].rules, rules, sizeof rules);
	memo[gender].monotone = true;
	for (long idx = DUE_FIRST_MONTH; idx <= DUE_LAST_MONTH; idx++) {
		cb_date d = due_retirement_of_month(r, gender, idx);
		if (d == CB_DATE_NONE || (prev != CB_DATE_NONE && d < prev)) {
			memo[gender].monotone = false;
			break;
		}
		prev = d;
	}
	return memo[gender].monotone;
}

bool due_birth_months(const career_rules *r, int gender, bool monotone, cb_date from, cb_date to,
		      long *lo, long *hi)
{
	long a = DUE_FIRST_MONTH, b = DUE_LAST_MONTH;

	if (!monotone) {
		*lo = DUE_FIRST_MONTH;
		*hi = DUE_LAST_MONTH;
		return true;
	}

	/* first month retiring on or after from */
	while (a < b) {
		long mid = a + (b - a) / 2;
		cb_date d = due_retirement_of_month(r, gender, mid);
		if (d != CB_DATE_NONE && d >= from)
			b = mid;
		else
			a = mid + 1;
	}
	*lo = a;
	/* last month retiring on or before to */
	a = *lo - 1;
	b = DUE_LAST_MONTH;
	while (a < b) {
		long mid = b - (b - a) / 2;
		cb_date d = due_retirement_of_month(r, gender, mid);
		if (d != CB_DATE_NONE && d <= to)
			a = mid;
		else
			b = mid - 1;
	}
	*hi = a;
	return *hi >= *lo;
}

/* Candidates are read by gender through the birth dates of the months
 * that can retire in the window, so the work follows the window, not the
 * province; each is then computed exactly. Everything read here is in
 * cadre_birth, so a month costs a few pages of that index and no table
 * rows: the post, which only the rows shown need, is read apart
 * (due_read_post). */
sqlite3_stmt *due_births_prepare(store *s, cb_date from, int64_t lo, int64_t hi, cb_error *err)
{
	char from_iso[11];

	date_format_iso(from, from_iso);
	return prepare_scoped(
		s,
		"SELECT c.id, c.full_name, u.name, c.gender, c.birth_date, c.rank"
		" FROM cadre c JOIN unit u ON u.id = c.unit_id"
		" WHERE c.gender = ?6 AND c.birth_date BETWEEN ?4 AND ?5 AND" ACTIVE_IN_SCOPE,
		from_iso, lo, hi, err);
}

sqlite3_stmt *due_posts_prepare(store *s, cb_error *err)
{
	return store_prepare(s, "SELECT position FROM cadre WHERE id = ?1", err);
}

int due_read_post(store *s, sqlite3_stmt *st, due_item *it, cb_error *err)
{
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, it->cadre_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		store_column_copy(st, 0, it->what, sizeof it->what);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CB_OK
						     : store_fail(s, err, _("Reading records"));
}

/* A birth written as a year alone ("1965", or "1965-00-00") counts as
 * January: it sorts before the year's dated births, so a range that
 * starts in January starts at the bare year. */
int due_read_births(store *s, sqlite3_stmt *st, const career_rules *r, int gender, long first,
		    long last, cb_date from, cb_date to, due_list *l, cb_error *err)
{
	char lo_text[11], hi_text[11];
	int rc;

	if (first % 12 == 0)
		snprintf(lo_text, sizeof lo_text, "%04ld", first / 12);
	else
		snprintf(lo_text, sizeof lo_text, "%04ld-%02ld", first / 12, first % 12 + 1);
	snprintf(hi_text, sizeof hi_text, "%04ld-%02ld-99", last / 12, last % 12 + 1);
	sqlite3_reset(st);
	store_bind_text(st, 4, lo_text);
	store_bind_text(st, 5, hi_text);
	sqlite3_bind_int(st, 6, gender);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cb_date ret = career_retirement_of(r, sqlite3_column_int(st, 3),
						   (const char *)sqlite3_column_text(st, 4));
		due_item *it;
		if (ret == CB_DATE_NONE || ret < from || ret > to || !(it = due_push(l)))
			continue;
		it->date = ret;
		it->kind = DUE_RETIRE;
		it->cadre_id = it->ref_id = sqlite3_column_int64(st, 0);
		it->rank = sqlite3_column_int64(st, 5);
		store_column_copy(st, 1, it->name, sizeof it->name);
		store_column_copy(st, 2, it->unit_name, sizeof it->unit_name);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading records"));
}

int due_read_lapses(store *s, cb_date from, cb_date to, int64_t lo, int64_t hi, due_list *l,
		    cb_error *err)
{
	discipline_row *rows = NULL;
	size_t n = 0;
	char from_iso[11], to_iso[11];
	int rc;

	date_format_iso(from, from_iso);
	date_format_iso(to, to_iso);
	rc = store_disciplines_lapsing(s, from_iso, to_iso, lo, hi, &rows, &n, err);

	for (size_t i = 0; !rc && i < n; i++) {
		cb_date lapse, ann;
		char form[64];
		due_item *it;
		if (rows[i].annulled_on[0] || !date_parse_iso(rows[i].lapse_on, &lapse) ||
		    lapse < from || lapse > to || !(it = due_push(l)))
			continue;
		it->date = lapse;
		it->kind = DUE_LAPSE;
		it->cadre_id = rows[i].cadre_id;
		it->ref_id = rows[i].id;
		it->related = date_parse_iso(rows[i].announced_on, &ann) ? ann : CB_DATE_NONE;
		snprintf(it->name, sizeof it->name, "%s", rows[i].owner_name);
		snprintf(it->what, sizeof it->what, rows[i].decision[0] ? "%s (%s)" : "%s",
			 disc_form_title(rows[i].form, form, sizeof form), rows[i].decision);
	}
	free(rows);
	return rc;
}

/* One item per title and unit of the pool, on the last day of the review
 * month of each year in the window. */
int due_read_reviews(store *s, const career_rules *r, cb_date from, cb_date to, int64_t lo,
		     int64_t hi, due_list *l, cb_error *err)
{
	/* the groups alone (store_pool_groups' runs), not their members: a
	 * member's row is read only to scope a reader held to part of the
	 * province (its organisation) */
	sqlite3_stmt *st = prepare_scoped(
		s,
		"SELECT min(p.id), p.term, p.title, u.name, count(*) FROM pool p"
		" JOIN unit u ON u.id = p.unit_id WHERE (p.removed_on <> '') = 0"
		" AND (?2 = 0 OR (u.lo BETWEEN ?2 AND ?3 AND"
		" in_scope(u.lo, (SELECT c.org_id FROM cadre c WHERE c.id = p.cadre_id))))"
		" GROUP BY p.term, u.lo, p.title ORDER BY p.term, u.lo, p.title",
		"", lo, hi, err);
	int fy, ty, m, d, rc;

	if (!st)
		return CB_EDB;
	date_to_ymd(from, &fy, &m, &d);
	date_to_ymd(to, &ty, &m, &d);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *title = (const char *)sqlite3_column_text(st, 2);
		const career_title *t = career_title_find(r, title ? title : "");
		for (int y = fy; y <= ty; y++) {
			cb_date when =
				career_add_months(date_from_ymd(y, r->pool_review_month, 1), 1) - 1;
			due_item *it;
			if (when < from || when > to || !(it = due_push(l)))
				continue;
			it->date = when;
			it->kind = DUE_POOL_REVIEW;
			it->ref_id = sqlite3_column_int64(st, 0);
			snprintf(it->name, sizeof it->name, "%s", t ? t->name : title ? title : "");
			store_column_copy(st, 3, it->unit_name, sizeof it->unit_name);
			snprintf(it->what, sizeof it->what, "%s: %d/%d", sqlite3_column_text(st, 1),
				 sqlite3_column_int(st, 4), r->pool_per_title);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading records"));
}

cb_date due_first_review(const career_rules *r, cb_date from, cb_date to)
{
	int fy, ty, m, d;

	date_to_ymd(from, &fy, &m, &d);
	date_to_ymd(to, &ty, &m, &d);
	for (int y = fy; y <= ty; y++) {
		cb_date when = career_add_months(date_from_ymd(y, r->pool_review_month, 1), 1) - 1;
		if (when >= from && when <= to)
			return when;
	}
	return CB_DATE_NONE;
}

int career_retire_breakdown(store *s, const career_rules *r, cb_date on, int64_t unit_lo,
			    int64_t unit_hi, int64_t counts[CAREER_RETIRE_GROUPS], cb_error *err)
{
	char on_iso[11];
	cb_date edge[3];
	sqlite3_stmt *st;
	int rc;

	for (int i = 0; i < CAREER_RETIRE_GROUPS; i++)
		counts[i] = 0;
	for (int i = 0; i < 3; i++)
		edge[i] = career_add_months(on, 12 * r->retire_bands[i]);
	date_format_iso(on, on_iso);
	st = prepare_scoped(
		s,
		"SELECT c.gender, c.birth_date FROM cadre c JOIN unit u ON u.id = c.unit_id"
		" WHERE" ACTIVE_IN_SCOPE,
		on_iso, unit_lo, unit_hi, err);
	if (!st)
		return CB_EDB;
	/* ACTIVE_IN_SCOPE leaves out who left on or before ?1; "on the list
	 * on `on`" means the same */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cb_date ret = career_retirement_of(r, sqlite3_column_int(st, 0),
						   (const char *)sqlite3_column_text(st, 1));
		int g = ret == CB_DATE_NONE ? 4
			: ret < edge[0]	    ? 0
			: ret < edge[1]	    ? 1
			: ret < edge[2]	    ? 2
					    : 3;
		counts[g]++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading records"));
}

/* Items of one day and kind in the order of the cadre list: cadres by
 * their place in name order (rank: given name first, in the Vietnamese
 * alphabet), or, where that was not read (a lapse), by the same key made
 * from the name; an organisation's or a pool title's after the cadres',
 * in the Vietnamese alphabet. Byte order would put every Đ after Y and
 * "Hà" after "Huỳnh". */
static int by_name(const due_item *x, const due_item *y)
{
	unsigned char kx[512], ky[512];
	size_t nx, ny;
	int c;

	if (x->rank > 0 && y->rank > 0)
		return (x->rank > y->rank) - (x->rank < y->rank);
	if (!x->cadre_id != !y->cadre_id)
		return x->cadre_id ? -1 : 1;
	if (!strcmp(x->name, y->name)) /* one title in many units: no key made */
		return 0;
	if (!x->cadre_id)
		return text_compare(x->name, y->name);
	nx = text_name_sort_key(x->name, NULL, kx, sizeof kx);
	ny = text_name_sort_key(y->name, NULL, ky, sizeof ky);
	nx = nx < sizeof kx ? nx : sizeof kx;
	ny = ny < sizeof ky ? ny : sizeof ky;
	c = memcmp(kx, ky, nx < ny ? nx : ny);
	return c ? c : (nx > ny) - (nx < ny);
}

static int by_date(const due_item *x, const due_item *y)
{
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return by_name(x, y);
}

/* A merge sort of pointers, so items alike keep the order they were read
 * in (the order of the index), whatever the C library's qsort does, and
 * only pointers move while sorting. */
static void merge_sort(const due_item **v, const due_item **tmp, size_t n)
{
	size_t half = n / 2, i = 0, j = half, k = 0;

	if (n < 2)
		return;
	merge_sort(v, tmp, half);
	merge_sort(v + half, tmp, n - half);
	if (by_date(v[half - 1], v[half]) <= 0)
		return;
	while (i < half && j < n)
		tmp[k++] = by_date(v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < half)
		tmp[k++] = v[i++];
	/* what is left of the right half is already in place */
	memcpy(v, tmp, k * sizeof *v);
}

bool due_sort(due_item *v, size_t n)
{
	const due_item **p = n > 1 ? malloc(2 * n * sizeof *p) : NULL;
	size_t *from = n > 1 ? malloc(n * sizeof *from) : NULL;
	bool ok = n < 2 || (p && from);

	if (n > 1 && ok) {
		for (size_t i = 0; i < n; i++)
			p[i] = &v[i];
		merge_sort(p, p + n, n);
		for (size_t i = 0; i < n; i++)
			from[i] = (size_t)(p[i] - v);
		/* the items moved into place along the permutation's cycles,
		 * one held aside at a time, not copied out and back: a day of
		 * a million cadres' retirements is some 900 items, 600 KB */
		for (size_t i = 0; i < n; i++) {
			if (from[i] == i)
				continue;
			due_item held = v[i];
			size_t j = i;
			while (from[j] != i) {
				size_t k = from[j];
				v[j] = v[k];
				from[j] = j;
				j = k;
			}
			v[j] = held;
			from[j] = j;
		}
	}
	free(p);
	free(from);
	return ok;
}

int career_due(store *s, const career_rules *r, cb_date from, cb_date to, unsigned kinds,
	       int64_t unit_lo, int64_t unit_hi, due_item **out, size_t *n, cb_error *err)
{
	due_walk *w = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = due_walk_open(s, r, from, to, kinds, unit_lo, unit_hi, &w, err)) == CB_OK &&
	    (rc = due_walk_read(w, SIZE_MAX, err)) == CB_OK &&
	    (rc = due_walk_complete(w, 0, SIZE_MAX, err)) == CB_OK)
		*out = due_walk_take(w, n);
	due_walk_free(w);
	return rc;
}
