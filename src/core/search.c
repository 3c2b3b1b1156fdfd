/* search.c - the cadre list: filtered, searched, in Vietnamese order, one
 * window at a time.
 *
 * A window is fetched by keyset (the position of the row before it),
 * never with OFFSET, through the SQL that search_sql.c shapes for the
 * query: before building it, two bounded counts tell whether the unit
 * scope is narrow and whether the text is broad, so that neither a
 * one-letter query over a million names nor a commune's list reads more
 * than a few thousand rows; and for a unit scope whose filter the index
 * cadre_pack can narrow, that index says how many of the scope's cadres
 * may pass (search_pack.c), so that a rare filter in a large district is
 * read through those few instead of walking a million names; which set a
 * window is read through is search_sets.c's choice.
 */
#include "access.h"
#include "scope_size.h"
#include "search_internal.h"
#include "stats.h"
#include "store_summary.h"
#include "store_until.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "text.h"

/* A unit scope with fewer cadres than this is read through cadre_unit and
 * sorted (a few ms) rather than found by walking the order's index, which
 * for a commune of a million-cadre province would read hundreds of
 * thousands of rows to fill one window. */
#define NARROW_SCOPE 16384
/* A text matching more names than this, listed in age or unit order,
 * walks the order's index against the match set instead of sorting every
 * match. */
#define BROAD_TEXT 4096

/* A count of a text matching more names than this, when each match must
 * be read (a filter, or diacritics to check), reads the whole table in
 * order instead of each match's row through the rank index: at a million
 * cadres the scan costs some 0.2 s of CPU, a match read by rank some 9 us
 * (scattered pages), so "Nguyễn" (388 000 matches) took 3-6 s that way. */
#define COUNT_SCAN 32768

/* A large unit scope is listed by walking the order's index, which fills
 * a window after a few hundred rows when the scope and filter are common
 * along it. When they are rare (the women managed by the province in one
 * district of a million-cadre province), the walk would read the whole
 * index; after this many SQLite steps it gives up and the window is read
 * through the scope's own cadres and sorted, whose cost grows with the
 * scope, not with the province. Measured at a million cadres: a budget
 * of 200 000 steps costs some 50 ms when spent, while a common filter
 * fills its window long before (a district's whole list: 7 ms). */
#define WALK_BUDGET    200000
#define WALK_CHECK_OPS 10000

/* ---- running it ----------------------------------------------------- */

static int64_t pos_make(int sort, sqlite3_stmt *st, int col)
{
	int64_t rank = sqlite3_column_int64(st, col) & POS_RANK_MASK;
	cb_date day;
	if (sort == SORT_AGE) {
		const char *iso = (const char *)sqlite3_column_text(st, col + 1);
		if (!iso || !date_parse_iso(iso, &day))
			day = 0;
		return ((int64_t)day + POS_DAY_BIAS) << POS_SHIFT | rank;
	}
	if (sort == SORT_UNIT)
		return sqlite3_column_int64(st, col + 1) << POS_SHIFT | rank;
	if (sort == SORT_POSITION)
		return sqlite3_column_int64(st, col + 1) << POS_LO_SHIFT |
		       (sqlite3_column_int64(st, col + 2) & 15) << POS_SHIFT | rank;
	return rank;
}

static int bind_keyset(sqlite3_stmt *st, int sort, const search_sql *o, int64_t after)
{
	char iso[11];
	if (!o->p_after)
		return SQLITE_OK;
	if (sort == SORT_NAME)
		return sqlite3_bind_int64(st, o->p_after, after);
	if (sort == SORT_POSITION)
		return sqlite3_bind_int64(st, o->p_after, after >> POS_LO_SHIFT) ||
		       sqlite3_bind_int64(st, o->p_after2, after & POS_SUB_MASK);
	if (sort == SORT_AGE) {
		date_format_iso((cb_date)((after >> POS_SHIFT) - POS_DAY_BIAS), iso);
		if (sqlite3_bind_text(st, o->p_after, iso, -1, SQLITE_TRANSIENT) != SQLITE_OK)
			return SQLITE_ERROR;
	} else if (sqlite3_bind_int64(st, o->p_after, after >> POS_SHIFT) != SQLITE_OK) {
		return SQLITE_ERROR;
	}
	return sqlite3_bind_int64(st, o->p_after2, after & POS_RANK_MASK);
}

/* Whether the filter's unit scope holds fewer than `limit` cadres
 * (scope_size.c: sampled, not counted, at a large limit); when it does and
 * size is not NULL, *size: how many (at most `limit` index entries read,
 * which a narrow scope holds anyway). */
static int scope_is_narrow(store *s, const cadre_filter *f, bool *narrow, long *size, cb_error *err)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM cadre WHERE unit_id IN"
				  " (SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2 AND "
				  "in_scope(lo, NULL)) LIMIT ?3)";
	int limit = store_search_state(s)->narrow_scope > 0 ? store_search_state(s)->narrow_scope
							    : NARROW_SCOPE;
	sqlite3_stmt *st;
	int rc;
	*narrow = false;
	if (f->unit_lo <= 0 && f->unit_hi <= 0)
		return CB_OK;
	if ((rc = scope_size_below(s, f->unit_lo, f->unit_hi, limit, narrow, err)) || !*narrow ||
	    !size)
		return rc;
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	sqlite3_bind_int64(st, 1, f->unit_lo);
	sqlite3_bind_int64(st, 2, f->unit_hi);
	sqlite3_bind_int(st, 3, limit);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*size = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Searching"));
}

/* A bounded count of the text's matches (search_internal.h). */
int search_text_is_broad(store *s, const char *text, int limit, bool *broad, cb_error *err)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM cadre_fts"
				  " WHERE cadre_fts MATCH ?1 LIMIT ?2)";
	if (store_search_state(s)->broad_text > 0)
		limit = store_search_state(s)->broad_text;
	char match[sizeof((search_sql *)0)->match];
	sqlite3_stmt *st;
	int rc;
	*broad = false;
	if (!search_match_expr(text, match, sizeof match))
		return CB_OK;
	if ((rc = search_expand(s, text, match, sizeof match, err)))
		return rc;
	if (!search_match_finish(match, sizeof match, NULL))
		return cb_error_set(err, CB_EINVALID, _("The search text is too long"));
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	store_bind_text(st, 1, match);
	sqlite3_bind_int(st, 2, limit);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*broad = sqlite3_column_int(st, 0) >= limit;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Searching"));
}

/* The hints search_build needs for this query; SEARCH_NARROW in *hints on
 * entry forces the scope's own cadres to drive. */
static int find_hints(store *s, const search_query *q, int count, int *hints, long *scope_size,
		      cb_error *err)
{
	bool narrow = *hints & SEARCH_NARROW, broad = false;
	long size = 0;
	int rc = narrow ? CB_OK
			: scope_is_narrow(s, &q->filter, &narrow, scope_size ? &size : NULL, err);
	bool other_order = q->sort == SORT_AGE || q->sort == SORT_UNIT || q->sort == SORT_POSITION;
	bool scoped = q->filter.unit_lo > 0 || q->filter.unit_hi > 0;
	if (!rc && !narrow && (count ? !scoped : other_order) && q->text && *q->text)
		rc = search_text_is_broad(s, q->text, count ? COUNT_SCAN : BROAD_TEXT, &broad, err);
	*hints = (narrow ? SEARCH_NARROW : 0) | (broad ? SEARCH_BROAD : 0) |
		 (broad && (*hints & SEARCH_WALK) ? SEARCH_WALK : 0);
	if (scope_size)
		*scope_size = size;
	return rc;
}

static int bind_all(sqlite3_stmt *st, const search_sql *o, const search_query *q, int64_t after,
		    size_t limit)
{
	if ((o->p_match && sqlite3_bind_text(st, o->p_match, o->match, -1, SQLITE_TRANSIENT)) ||
	    (o->p_words && sqlite3_bind_text(st, o->p_words, o->fold, -1, SQLITE_TRANSIENT)) ||
	    bind_keyset(st, o->sort, o, after) ||
	    (o->p_ulo && sqlite3_bind_int64(st, o->p_ulo, q->filter.unit_lo)) ||
	    (o->p_uhi && sqlite3_bind_int64(st, o->p_uhi, q->filter.unit_hi)) ||
	    filter_bind(&o->fs, st, o->first_filter) ||
	    (o->p_spelled && store_bind_text(st, o->p_spelled, q->text)) ||
	    (o->p_limit && sqlite3_bind_int64(st, o->p_limit, limit ? (int64_t)limit : -1)))
		return CB_EDB;
	return CB_OK;
}

/* The query as the engine runs it: bounded by the reader's scope
 * (access.h), the text normalised (*norm, to be freed). */
static int normalize(store *s, const search_query *q, search_query *nq, char **norm, cb_error *err)
{
	*nq = *q;
	*norm = NULL;
	/* the yearly records' conditions as the breakdowns and the target
	 * panel count them: from the summary (store_summary.h), whose pages
	 * the sets' probes share with the rows' own tests; from the records
	 * in a database opened read-only before its upgrade (no summary) */
	nq->filter.yearly_summary = (q->filter.rating_year > 0 || q->filter.trained != FILTER_ANY ||
				     q->filter.planning != FILTER_ANY) &&
				    store_summary_present(s);
	store_scope_filter(s, &nq->filter);
	if (store_filter_units(s, &nq->filter, NULL))
		nq->filter.unit_history = true; /* slower, never wrong */
	if (q->text && *q->text) {
		int rc = text_normalize(q->text, strlen(q->text), false, norm, err);
		if (rc)
			return rc;
		nq->text = *norm;
	}
	return CB_OK;
}

/* Prepares and binds the statement of a fetch (count=0) or count of the
 * normalised query in the shape the hints choose; ids: the set of
 * SEARCH_PACK. */
static sqlite3_stmt *prepare_shape(store *s, const search_query *nq, int64_t after, bool backwards,
				   int count, size_t limit, int hints, const search_ids *ids,
				   cb_error *err)
{
	search_sql *o = malloc(sizeof *o);
	sqlite3_stmt *st = NULL;

	if (!o) {
		cb_error_set(err, CB_EDB, _("Out of memory"));
		return NULL;
	}
	if (search_build(nq, after, backwards, count, hints, o, err) ||
	    (o->p_match && o->match[0] &&
	     search_expand(s, nq->text, o->match, sizeof o->match, err)))
		goto out;
	/* the units narrow what the list's own conditions test anyway: a
	 * text too long to take them too is matched without */
	if (o->p_match &&
	    !(o->place && ids && ids->place &&
	      search_match_finish(o->match, sizeof o->match, ids->place)) &&
	    !search_match_finish(o->match, sizeof o->match, NULL)) {
		cb_error_set(err, CB_EINVALID, _("The search text is too long"));
		goto out;
	}
	if (search_register(s, err) || !(st = store_prepare(s, o->sql, err)))
		goto out;
	if (bind_all(st, o, nq, after, limit) ||
	    (o->p_ids && sqlite3_bind_text(st, o->p_ids, ids ? ids->json : "[]", -1,
					   SQLITE_TRANSIENT) != SQLITE_OK) ||
	    (o->p_member && sqlite3_bind_pointer(st, o->p_member, (void *)ids, SEARCH_IDS_POINTER,
						 NULL) != SQLITE_OK)) {
		store_fail(s, err, _("Preparing the search"));
		sqlite3_finalize(st);
		st = NULL;
	}
out:
	free(o);
	return st;
}

/* Prepares and binds the statement of a count, in the shape found by
 * find_hints. */
static sqlite3_stmt *search_prepare(store *s, const search_query *q, int count, cb_error *err)
{
	search_query nq;
	char *norm = NULL;
	sqlite3_stmt *st = NULL;
	int hints = 0;

	if (!normalize(s, q, &nq, &norm, err) && !find_hints(s, &nq, count, &hints, NULL, err))
		st = prepare_shape(s, &nq, 0, false, count, 0, hints, NULL, err);
	free(norm);
	return st;
}

static void reverse(search_hit *h, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		search_hit t = h[i];
		h[i] = h[n - 1 - i];
		h[n - 1 - i] = t;
	}
}

struct walk_budget {
	long left;
	bool spent;
};

static int walk_progress(void *p)
{
	struct walk_budget *b = p;

	if (--b->left <= 0)
		b->spent = true;
	return b->spent;
}

/* Reads the statement's rows into hits (grown as needed). */
static int read_hits(sqlite3_stmt *st, int sort, search_hit **hits, size_t *cap, size_t *count)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*count == *cap) {
			search_hit *bigger = realloc(*hits, 2 * *cap * sizeof **hits);
			if (!bigger)
				return SQLITE_NOMEM;
			*hits = bigger;
			*cap *= 2;
		}
		store_cadre_read(st, 0, &(*hits)[*count].c);
		(*hits)[*count].pos = pos_make(sort, st, CADRE_NCOLUMNS);
		(*count)++;
	}
	return rc;
}

/* Runs the window's statement (NULL: its prepare failed) into hits; a
 * walk stopped by its budget (b) is no error: the caller reads the
 * window another way. */
static int run_window(store *s, sqlite3_stmt *st, int sort, const struct walk_budget *b,
		      search_hit **hits, size_t *cap, size_t *count, cb_error *err)
{
	int rc;
	if (!st)
		return err && err->code ? err->code : CB_EDB;
	*count = 0;
	rc = read_hits(st, sort, hits, cap, count);
	sqlite3_finalize(st);
	if (b && b->spent)
		return CB_OK;
	if (rc == SQLITE_NOMEM)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Searching"));
}

/* The rows of a walk along the units (SEARCH_UNITS) merged with those of
 * the set's few in the units it passed over (ids->few), read by id and
 * sorted: the first `limit` (0: all) of both in the window's order, which
 * the positions follow (pos_make). */
static int merge_few(store *s, const search_query *nq, int64_t after, bool backwards, size_t limit,
		     int sort, search_ids *few, search_hit **hits, size_t *cap, size_t *count,
		     cb_error *err)
{
	size_t fcap = limit ? limit : 64, fcount = 0, i = 0, j = 0, n = 0, want;
	search_hit *fhits = malloc(fcap * sizeof *fhits), *out;
	int rc;

	if (!fhits)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	rc = run_window(s, prepare_shape(s, nq, after, backwards, 0, limit, SEARCH_PACK, few, err),
			sort, NULL, &fhits, &fcap, &fcount, err);
	want = *count + fcount;
	if (limit && want > limit)
		want = limit;
	if (rc || fcount == 0 || !(out = malloc((want ? want : 1) * sizeof *out))) {
		free(fhits);
		return rc	     ? rc
		       : fcount == 0 ? CB_OK
				     : cb_error_set(err, CB_EDB, _("Out of memory"));
	}
	/* both in the statement's direction: ascending, or descending */
	while (n < want) {
		bool walk =
			j >= fcount || (i < *count && (backwards ? (*hits)[i].pos > fhits[j].pos
								 : (*hits)[i].pos < fhits[j].pos));
		out[n++] = walk ? (*hits)[i++] : fhits[j++];
	}
	free(fhits);
	free(*hits);
	*hits = out;
	*cap = want ? want : 1;
	*count = n;
	return CB_OK;
}

/* A window of a few ids with their keys (search_cut), read first from
 * those that can fill it: *served when those did, else the whole set is
 * still to be read. */
static int cut_window(store *s, const search_query *nq, int64_t after, bool backwards, size_t limit,
		      int sort, search_ids *ids, size_t most, bool *served, search_hit **hits,
		      size_t *cap, size_t *count, cb_error *err)
{
	search_state *ss = store_search_state(s);
	search_ids cut;
	int64_t bound;
	int rc = search_cut(s, ids, sort, after, backwards, limit, most, &cut, &bound, err);

	if (rc || !cut.scanned)
		return rc;
	ss->cut_windows++;
	rc = run_window(s, prepare_shape(s, nq, after, backwards, 0, limit, SEARCH_PACK, &cut, err),
			sort, NULL, hits, cap, count, err);
	search_ids_free(&cut);
	if (rc)
		return rc;
	if (search_cut_holds(sort, backwards, limit, bound,
			     *count ? &(*hits)[*count - 1].pos : NULL, *count))
		*served = true;
	else
		ss->cut_misses++;
	return CB_OK;
}

/* Reads the window the way search_choose_set chose (hints, with its set
 * in ids or ranks); *plain when it is to be read again plainly (a walk
 * of a unit scope spent its budget). */
static int read_window(store *s, const search_query *nq, int64_t after, bool backwards,
		       size_t limit, int sort, int hints, search_ids *ids, search_ids *ranks,
		       search_hit **hits, size_t *cap, size_t *count, bool *plain, cb_error *err)
{
	search_state *ss = store_search_state(s);
	bool scoped = nq->filter.unit_lo > 0 || nq->filter.unit_hi > 0;
	struct walk_budget b = {0, false};
	sqlite3_stmt *st;
	int rc;

	st = prepare_shape(
		s, nq, after, backwards, 0, limit, hints,
		/* a set walked along its units has them itself */
		(hints & (SEARCH_RANKS | SEARCH_PLACE)) && !(hints & SEARCH_MEMBER) ? ranks : ids,
		err);
	/* a walk against the kept walk's set (no unit scope) is never
	 * longer than the plain walk it replaces: no budget, unless it was
	 * chosen over reading a few ids (SEARCH_WALK: search_sets.c) */
	if (st && !(hints & (SEARCH_NARROW | SEARCH_PACK)) && (scoped || (hints & SEARCH_WALK))) {
		long budget = ss->walk_budget > 0 ? ss->walk_budget : WALK_BUDGET;
		b.left = budget / WALK_CHECK_OPS + 1;
		sqlite3_progress_handler(store_db(s), ss->walk_budget > 0 ? 1 : WALK_CHECK_OPS,
					 walk_progress, &b);
		if (ss->walk_budget > 0)
			b.left = ss->walk_budget;
	}
	rc = run_window(s, st, sort, &b, hits, cap, count, err);
	sqlite3_progress_handler(store_db(s), 0, NULL, NULL);
	*plain = b.spent;
	if (!rc && b.spent && (hints & SEARCH_MEMBER) && (scoped || ids->n > 0)) {
		/* the set's ids are rarer in the order than estimated: read
		 * those whose keys can fill the window, or else all of them,
		 * probed and sorted */
		bool served = false;
		*plain = false;
		if (ids->members &&
		    (rc = cut_window(s, nq, after, backwards, limit, sort, ids, ids->nmembers / 2,
				     &served, hits, cap, count, err)))
			return rc;
		if (served)
			return CB_OK;
		ss->pack_windows++;
		if (!(rc = search_pack_complete(s, &nq->filter, ids, err)))
			rc = run_window(s,
					prepare_shape(s, nq, after, backwards, 0, limit,
						      SEARCH_PACK | SEARCH_NARROW, ids, err),
					sort, NULL, hits, cap, count, err);
	} else if (!rc && !b.spent && (hints & SEARCH_UNITS) && ids->few) {
		rc = merge_few(s, nq, after, backwards, limit, sort, ids->few, hits, cap, count,
			       err);
		ss->few_windows++;
	}
	return rc;
}

/* One window. A unit scope whose filter the index cadre_pack narrows to
 * a few cadres is read through the set it gives; a few of the province
 * found in a kept walk, in age, unit or position order, first through
 * those whose keys can fill the window (search_cut). Otherwise a walk of
 * a large scope, or of a broad text in age or unit order, runs on a
 * budget, and when it spends it the window is read through the scope or
 * the text's matches instead (same rows, same order). */
static int fetch_rows(store *s, const search_query *q, int64_t after, bool backwards, size_t limit,
		      search_hit **hits, size_t *cap, size_t *count, cb_error *err)
{
	int sort = q->sort == SORT_AGE || q->sort == SORT_UNIT || q->sort == SORT_POSITION
			   ? q->sort
			   : SORT_NAME;
	search_state *ss = store_search_state(s);
	search_ids ids = {0}, ranks = {0};
	search_query nq;
	char *norm = NULL;
	int hints = SEARCH_WALK, rc;
	long scope_size = 0;
	int64_t version;
	bool scoped, plain = false, served = false;

	if ((rc = normalize(s, q, &nq, &norm, err)))
		goto out;
	scoped = nq.filter.unit_lo > 0 || nq.filter.unit_hi > 0;
	/* in name order, a scope of a few units is matched on them in the
	 * search index whatever its size: it need not be measured first */
	if (scoped && sort == SORT_NAME && limit > 0 &&
	    (rc = search_place_units(s, &nq, &ranks, err)))
		goto out;
	if (ranks.place)
		hints = 0;
	else if ((rc = find_hints(s, &nq, 0, &hints, &scope_size, err)))
		goto out;
	version = stats_data_version(store_db(s));
	if ((rc = search_choose_set(s, &nq, sort, limit, scope_size, &ids, &ranks, &hints, err)))
		goto out;
	if (ss->set_chosen)
		ss->set_chosen(ss->set_chosen_ctx);
	/* a few whose keys tell which of them can fill the window */
	if ((hints & (SEARCH_PACK | SEARCH_MEMBER)) && ids.members)
		rc = cut_window(s, &nq, after, backwards, limit, sort, &ids,
				SEARCH_CUT_ROWS * limit, &served, hits, cap, count, err);
	if (!rc && !served)
		rc = read_window(s, &nq, after, backwards, limit, sort, hints, &ids, &ranks, hits,
				 cap, count, &plain, err);
	/* a set found in memory was current when it was made: another
	 * process that committed before the window was read may have added
	 * to the filter's cadres, and the window is read again without it */
	if (!rc && ids.from_memory && (version < 0 || stats_data_version(store_db(s)) != version)) {
		ss->stale_windows++;
		plain = true;
	}
	if (!rc && plain) {
		hints = scoped ? SEARCH_NARROW : 0;
		if (!scoped)
			rc = find_hints(s, &nq, 0, &hints, NULL, err);
		if (!rc)
			rc = run_window(
				s,
				prepare_shape(s, &nq, after, backwards, 0, limit, hints, NULL, err),
				sort, NULL, hits, cap, count, err);
	}
out:
	search_ids_free(&ids);
	search_ids_free(&ranks);
	free(norm);
	return rc;
}

/* The query normalised without its text; false when it cannot be (then
 * no walk is worth keeping for it). */
static bool walk_query(store *s, const search_query *q, search_query *nq, char **norm)
{
	search_query plain = *q;
	cb_error err;

	if (store_search_state(s)->pack_dense < 0)
		return false; /* no set is ever read (the tests of the plain way) */
	plain.text = NULL;
	return normalize(s, &plain, nq, norm, &err) == CB_OK;
}

bool search_walk_may_serve(store *s, const search_query *q)
{
	search_query nq;
	char *norm = NULL;
	bool may = walk_query(s, q, &nq, &norm) &&
		   !(nq.filter.unit_lo > 0 || nq.filter.unit_hi > 0) &&
		   stats_walk_is_long(s, &nq.filter);
	free(norm);
	return may;
}

int search_walk_worth(store *s, const search_query *q)
{
	search_query nq;
	char *norm = NULL;
	int year, worth = 0;

	if (walk_query(s, q, &nq, &norm))
		worth = (search_pack_narrows(&nq.filter) ? SEARCH_KEEP_WALK : 0) |
			(stats_kept_year(&nq.filter, &year) ? SEARCH_KEEP_RECORDS : 0);
	free(norm);
	return worth && search_walk_may_serve(s, q) ? worth : 0;
}

int search_fetch(store *s, const search_query *q, int64_t after, bool backwards, size_t limit,
		 search_hit **out, size_t *n, cb_error *err)
{
	size_t cap = limit ? limit : 64, count = 0;
	search_query nq = *q;
	bool rev = q->sort & SORT_REVERSE;
	search_hit *hits;
	int rc;

	*out = NULL;
	*n = 0;
	/* The reverse of an order is read as that order backwards, from the
	 * same positions: its start is the order's end, and the other way. */
	nq.sort &= ~SORT_REVERSE;
	if (rev) {
		backwards = !backwards;
		after = after == 0 && backwards		   ? INT64_MAX
			: after == INT64_MAX && !backwards ? 0
							   : after;
	}
	if (!(hits = malloc(cap * sizeof *hits)))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if ((rc = fetch_rows(s, &nq, after, backwards, limit, &hits, &cap, &count, err))) {
		free(hits);
		return rc;
	}
	if (backwards != rev)
		reverse(hits, count);
	*out = hits;
	*n = count;
	return CB_OK;
}

int search_count(store *s, const search_query *q, int64_t *count, cb_error *err)
{
	search_query nq = *q;
	sqlite3_stmt *st;
	int rc;

	nq.sort &= ~SORT_REVERSE; /* the same cadres */
	st = search_prepare(s, &nq, 1, err);
	*count = 0;
	if (!st)
		return err ? err->code : CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Counting"));
}

struct count_call {
	const search_query *q;
	int64_t n;
};

static int count_read(store *s, void *ctx, cb_error *err)
{
	struct count_call *c = ctx;
	return search_count(s, c->q, &c->n, err);
}

/* A stopped count leaves no statement or transaction open (store_until). */
int search_count_cancellable(store *s, const search_query *q, int (*should_stop)(void *), void *ctx,
			     int64_t *count, cb_error *err)
{
	struct count_call c = {q, -1};
	int rc;

	*count = -1;
	rc = store_until(s, should_stop, ctx, count_read, &c, err);
	if (rc == CB_OK)
		*count = c.n;
	return rc;
}
