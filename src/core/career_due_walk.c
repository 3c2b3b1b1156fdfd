/* career_due_walk.c - what falls due, read in date order a day at a time,
 * so a screen reads only what it shows (career_store.h).
 *
 * Retirements are most of a window (5 600 a year in a province of a
 * million cadres) and cost a row each; the other kinds are few. So term
 * ends, notices and lapses are read whole when the walk opens and sorted,
 * the pool's reviews when the walk reaches their day, and retirements one
 * day at a time: the roadmap is monotone (a later birth month never
 * retires earlier), so the births of the next months read by the index
 * retire next. Each day's items are sorted by kind then name, as the
 * cadre list orders names (career_due.c: by_name), keeping the order
 * read for items alike, which is the order career_due gives (a stable
 * sort of everything by date, kind and name): the walk read to its end
 * is career_due.
 *
 * A retirement is read from an index (cadre_birth) without its post,
 * which costs a table row: the post is read for the items asked for only.
 *
 * Rules edited in career.ini so that the roadmap is not monotone are read
 * the old way: every candidate when the walk opens.
 */
#include "career_due_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

struct due_walk {
	store *s;
	const career_rules *r;
	cb_date from, to;
	int64_t lo, hi;
	due_list out;	/* read, in order */
	due_list early; /* the kinds read when the walk opened, sorted */
	size_t ei;	/* the next of them */
	due_list reviews;
	size_t ri;
	cb_date review_on;	/* the first review day, until they are read */
	bool by_month;		/* retirements are read a day at a time */
	long month[3], last[3]; /* per gender: the next birth month to read, the last */
	sqlite3_stmt *births;
	sqlite3_stmt *posts;
	unsigned char *posted; /* [nposted]: the item has its post */
	size_t nposted;
	bool done;
};

static int oom(cb_error *err)
{
	return cb_error_set(err, CB_EDB, _("Out of memory"));
}

static void next_of(cb_date *best, cb_date d)
{
	if (d != CB_DATE_NONE && (*best == CB_DATE_NONE || d < *best))
		*best = d;
}

/* The next day something falls due (CB_DATE_NONE: the walk is over). */
static cb_date next_day(const due_walk *w)
{
	cb_date d = CB_DATE_NONE;

	if (w->ei < w->early.n)
		next_of(&d, w->early.v[w->ei].date);
	if (w->review_on != CB_DATE_NONE)
		next_of(&d, w->review_on);
	else if (w->ri < w->reviews.n)
		next_of(&d, w->reviews.v[w->ri].date);
	for (int g = 1; w->by_month && g <= 2; g++)
		if (w->month[g] <= w->last[g])
			next_of(&d, due_retirement_of_month(w->r, g, w->month[g]));
	return d;
}

/* Copies the items of day d at the head of src (from *at) to the end of
 * dst. */
static void take_day(due_list *dst, const due_list *src, size_t *at, cb_date d)
{
	due_item *it;

	while (*at < src->n && src->v[*at].date == d && (it = due_push(dst)))
		*it = src->v[(*at)++];
}

/* Appends every item of day d to out, in order. */
static int read_day(due_walk *w, cb_date d, cb_error *err)
{
	size_t first = w->out.n;
	int rc;

	if (w->review_on == d) {
		w->review_on = CB_DATE_NONE;
		rc = due_read_reviews(w->s, w->r, w->from, w->to, w->lo, w->hi, &w->reviews, err);
		if (rc)
			return rc;
		if (!due_sort(w->reviews.v, w->reviews.n))
			return oom(err);
	}
	take_day(&w->out, &w->early, &w->ei, d);
	for (int g = 1; w->by_month && g <= 2; g++) {
		long m = w->month[g];
		while (w->month[g] <= w->last[g] &&
		       due_retirement_of_month(w->r, g, w->month[g]) == d)
			w->month[g]++;
		if (m < w->month[g] && (rc = due_read_births(w->s, w->births, w->r, g, m,
							     w->month[g] - 1, d, d, &w->out, err)))
			return rc;
	}
	take_day(&w->out, &w->reviews, &w->ri, d);
	if (w->out.oom || (w->out.n > first && !due_sort(w->out.v + first, w->out.n - first)))
		return oom(err);
	return CB_OK;
}

/* Every retirement of the window into the early kinds (rules that are not
 * monotone). */
static int read_all_births(due_walk *w, const bool monotone[3], cb_error *err)
{
	for (int g = 1; g <= 2; g++) {
		long first, last;
		int rc;
		if (due_birth_months(w->r, g, monotone[g], w->from, w->to, &first, &last) &&
		    (rc = due_read_births(w->s, w->births, w->r, g, first, last, w->from, w->to,
					  &w->early, err)))
			return rc;
	}
	return CB_OK;
}

static int open_kinds(due_walk *w, unsigned kinds, cb_error *err)
{
	int rc = CB_OK;

	if (kinds & ((1u << DUE_TERM) | (1u << DUE_NOTICE)))
		rc = due_read_terms(w->s, w->r, w->from, w->to, kinds, w->lo, w->hi, &w->early,
				    err);
	if (!rc && (kinds & (1u << DUE_LAPSE)))
		rc = due_read_lapses(w->s, w->from, w->to, w->lo, w->hi, &w->early, err);
	if (!rc && (kinds & (1u << DUE_RETIRE))) {
		bool monotone[3] = {false, due_retirement_is_monotone(w->r, 1),
				    due_retirement_is_monotone(w->r, 2)};
		if (!(w->births = due_births_prepare(w->s, w->from, w->lo, w->hi, err)))
			return CB_EDB;
		w->by_month = monotone[1] && monotone[2];
		for (int g = 1; w->by_month && g <= 2; g++)
			if (!due_birth_months(w->r, g, true, w->from, w->to, &w->month[g],
					      &w->last[g]))
				w->month[g] = w->last[g] + 1; /* none */
		if (!w->by_month)
			rc = read_all_births(w, monotone, err);
	}
	if (!rc && (kinds & (1u << DUE_POOL_REVIEW)))
		w->review_on = due_first_review(w->r, w->from, w->to);
	if (!rc && (w->early.oom || !due_sort(w->early.v, w->early.n)))
		rc = oom(err);
	return rc;
}

int due_walk_open(store *s, const career_rules *r, cb_date from, cb_date to, unsigned kinds,
		  int64_t unit_lo, int64_t unit_hi, due_walk **out, cb_error *err)
{
	due_walk *w = calloc(1, sizeof *w);
	int rc;

	*out = NULL;
	if (!w)
		return oom(err);
	*w = (due_walk){.s = s,
			.r = r,
			.from = from,
			.to = to,
			.lo = unit_lo,
			.hi = unit_hi,
			.review_on = CB_DATE_NONE};
	if ((rc = open_kinds(w, kinds, err))) {
		due_walk_free(w);
		return rc;
	}
	*out = w;
	return CB_OK;
}

int due_walk_complete(due_walk *w, size_t from, size_t to, cb_error *err)
{
	sqlite3 *db = store_db(w->s);
	bool tx = false;
	int rc = CB_OK;

	if (to > w->out.n)
		to = w->out.n;
	for (size_t i = from; !rc && i < to; i++) {
		if (w->out.v[i].kind != DUE_RETIRE || w->posted[i])
			continue;
		/* one read transaction for them all, not one per row */
		if (!tx && sqlite3_get_autocommit(db))
			tx = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
		if (!w->posts && !(w->posts = due_posts_prepare(w->s, err)))
			rc = CB_EDB;
		else if (!(rc = due_read_post(w->s, w->posts, &w->out.v[i], err)))
			w->posted[i] = 1;
	}
	if (tx)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int due_walk_read(due_walk *w, size_t want, cb_error *err)
{
	while (!w->done && w->out.n < want) {
		cb_date d = next_day(w);
		int rc;
		if (d == CB_DATE_NONE) {
			w->done = true;
			break;
		}
		if ((rc = read_day(w, d, err)))
			return rc;
	}
	if (w->out.oom)
		return oom(err);
	/* a flag per item, as many as there is room for */
	if (w->out.cap > w->nposted) {
		unsigned char *p = realloc(w->posted, w->out.cap);
		if (!p)
			return oom(err);
		memset(p + w->nposted, 0, w->out.cap - w->nposted);
		w->posted = p;
		w->nposted = w->out.cap;
	}
	return CB_OK;
}

const due_item *due_walk_items(const due_walk *w, size_t *n)
{
	*n = w->out.n;
	return w->out.v;
}

bool due_walk_done(const due_walk *w)
{
	return w->done;
}

due_item *due_walk_take(due_walk *w, size_t *n)
{
	due_item *v = w->out.v;

	*n = w->out.n;
	w->out = (due_list){0};
	w->done = true;
	return v;
}

void due_walk_free(due_walk *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->births);
	sqlite3_finalize(w->posts);
	free(w->posted);
	free(w->out.v);
	free(w->early.v);
	free(w->reviews.v);
	free(w);
}
