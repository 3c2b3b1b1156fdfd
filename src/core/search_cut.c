/* search_cut.c - a window of a few ids read from those of them that can
 * fill it (search_internal.h: search_cut).
 *
 * Why: a set of a few thousand ids is read by id and sorted, some 5 us a
 * row at a million cadres. The province's women of one theory grade
 * (4 000) took 23-26 ms so in reversed age, unit and position order,
 * where they come last along the order's index and a walk of it meets
 * them only after its budget. The kept walk knows each one's birth date
 * and unit, the first key of those orders: the window is read first from
 * the ids whose key comes within the first `limit` of the set from the
 * window's start, and from the whole set only when those do not fill it
 * (some failed a condition the walk does not know).
 *
 * Why it is exact: every id left out has a first key beyond the cut's
 * bound, so it sorts after every row whose key is within the bound. A
 * full window whose last row is within the bound is therefore the one
 * the whole set gives (search_cut_holds checks that on the row itself,
 * not on the walk's word).
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "search_internal.h"
#include "stats.h"

/* Units up to this id are mapped to their place in the tree; beyond, no
 * cut (a province holds a few thousand units). */
#define CUT_UNITS_MAX (1u << 20)

/* A birth date as the number YYYYMMDD, which orders as the text
 * YYYY-MM-DD the list sorts by (cadre_pack.h); false when the walk has
 * none in that form (the text then sorts where no number can say). */
static bool member_date(const stats_walk_member *m, int64_t *ymd)
{
	if (m->packed < 0 || (m->packed >> 52 & 1))
		return false;
	*ymd = m->packed >> 25 & ((INT64_C(1) << 27) - 1);
	return true;
}

static int64_t ymd_of_day(cb_date day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return (int64_t)y * 10000 + m * 100 + d;
}

/* The first key of a position (the birth date as YYYYMMDD). */
static int64_t pos_key(int sort, int64_t pos)
{
	if (sort == SORT_AGE)
		return ymd_of_day((cb_date)((pos >> POS_SHIFT) - POS_DAY_BIAS));
	if (sort == SORT_POSITION)
		return pos >> POS_LO_SHIFT;
	return pos >> POS_SHIFT;
}

/* Each unit's place in the tree (u.lo) by id, -1 for none; NULL when
 * they cannot be read. */
static int64_t *unit_places(store *s, size_t *n, cb_error *err)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT id, lo FROM unit", err);
	int64_t *lo = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (!st)
		return NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id < 0 || (uint64_t)id >= CUT_UNITS_MAX)
			break;
		if ((size_t)id >= cap) {
			size_t grown = cap ? cap : 1024;
			int64_t *bigger;
			while (grown <= (size_t)id)
				grown *= 2;
			if (!(bigger = realloc(lo, grown * sizeof *lo)))
				break;
			for (size_t i = cap; i < grown; i++)
				bigger[i] = -1;
			lo = bigger;
			cap = grown;
		}
		lo[id] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(lo);
		return NULL;
	}
	*n = cap;
	return lo;
}

/* Moves the k-th smallest of v[0..n) to v[k], the smaller before it
 * (Hoare's selection: linear on average, where a sort of a set of
 * thousands would cost more than the rows the cut spares). */
static void select_kth(int64_t *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		int64_t pivot = v[lo + (hi - lo) / 2], t;
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

/* Each member's first key, negated when the window is read backwards
 * (so that "comes first" is "smaller" either way); false when one is
 * unknown. */
static bool member_keys(const search_ids *ids, int sort, bool backwards, const int64_t *lo,
			size_t nlo, int64_t *key)
{
	for (size_t i = 0; i < ids->nmembers; i++) {
		const stats_walk_member *m = &ids->members[i];
		int64_t k;
		if (sort == SORT_AGE) {
			if (!member_date(m, &k))
				return false;
		} else if (m->unit >= nlo || (k = lo[m->unit]) < 0) {
			return false;
		}
		key[i] = backwards ? -k : k;
	}
	return true;
}

int search_cut(store *s, const search_ids *ids, int sort, int64_t after, bool backwards,
	       size_t limit, size_t most, search_ids *cut, int64_t *bound, cb_error *err)
{
	bool started = backwards ? after != INT64_MAX : after != 0;
	int64_t *key = NULL, *ahead = NULL, *lo = NULL, from = INT64_MIN, last;
	size_t nlo = 0, nahead = 0, at_start = 0, want, kept;
	int rc = CB_OK;

	memset(cut, 0, sizeof *cut);
	*bound = 0;
	if (!ids->members || limit == 0 || store_search_state(s)->cut < 0 ||
	    (sort != SORT_AGE && !UNIT_ORDER(sort)))
		return CB_OK;
	if (UNIT_ORDER(sort) && !(lo = unit_places(s, &nlo, err)))
		return CB_OK; /* read from the whole set */
	if (!(key = malloc((ids->nmembers ? ids->nmembers : 1) * sizeof *key)) ||
	    !(ahead = malloc((ids->nmembers ? ids->nmembers : 1) * sizeof *ahead))) {
		rc = cb_error_set(err, CB_EDB, _("Out of memory"));
		goto out;
	}
	if (!member_keys(ids, sort, backwards, lo, nlo, key))
		goto out;
	if (started) {
		from = pos_key(sort, after);
		from = backwards ? -from : from;
	}
	/* the keys from the window's start on; those at the start itself
	 * may lie before the position within it, and do not count */
	for (size_t i = 0; i < ids->nmembers; i++)
		if (key[i] >= from) {
			ahead[nahead++] = key[i];
			at_start += key[i] == from;
		}
	want = limit + at_start;
	last = INT64_MAX; /* every id the window can take */
	kept = nahead;
	if (nahead > want) {
		select_kth(ahead, nahead, want - 1);
		last = ahead[want - 1];
		kept = 0;
		for (size_t i = 0; i < nahead; i++)
			kept += ahead[i] <= last;
	}
	/* worth it only when it reads at most `most` rows, and leaves out
	 * most of the set: not when many of it share a key at either end (a
	 * unit holding many of them) */
	if (kept > most || 2 * kept > ids->nmembers)
		goto out;
	for (size_t i = 0; i < ids->nmembers; i++)
		if (key[i] >= from && key[i] <= last && !search_ids_push(cut, ids->members[i].id)) {
			rc = cb_error_set(err, CB_EDB, _("Out of memory"));
			goto out;
		}
	cut->probed = true; /* as the set it is cut from */
	cut->sorted = cut->n == 0;
	if ((rc = search_pack_complete(s, NULL, cut, err)))
		goto out;
	cut->scanned = true; /* made */
	*bound = last;
out:
	if (!cut->scanned)
		search_ids_free(cut);
	free(key);
	free(ahead);
	free(lo);
	return rc;
}

bool search_cut_holds(int sort, bool backwards, size_t limit, int64_t bound,
		      const int64_t *last_pos, size_t count)
{
	int64_t k;

	if (bound == INT64_MAX)
		return true;
	if (count < limit || count == 0)
		return false;
	k = pos_key(sort, *last_pos);
	return (backwards ? -k : k) <= bound;
}
