/* search.c - the cadre list: filtered, searched, in Vietnamese order, one
 * window at a time.
 *
 * A window is fetched by keyset (the position of the row before it),
 * never with OFFSET, through the SQL that search_sql.c shapes for the
 * query: before building it, two bounded counts tell whether the unit
 * scope is narrow and whether the text is broad, so that neither a
 * one-letter query over a million names nor a commune's list reads more
 * than a few thousand rows.
 */
#include "access.h"
#include "scope_size.h"
#include "search_internal.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "text.h"

/* Positions: the rank alone in name order; (birth day, rank) or (unit lo,
 * rank) packed as key << 40 | rank in the other orders; (unit lo, position
 * rank, rank) as lo << 44 | position rank << 40 | rank. */
#define POS_SHIFT     40
#define POS_RANK_MASK ((INT64_C(1) << POS_SHIFT) - 1)
#define POS_DAY_BIAS  (INT64_C(1) << 22)
#define POS_LO_SHIFT  44
#define POS_SUB_MASK  ((INT64_C(1) << POS_LO_SHIFT) - 1)

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
 * (scope_size.c: sampled, not counted, at a large limit). */
static int scope_is_narrow(store *s, const cadre_filter *f, bool *narrow, cb_error *err)
{
	int limit = store_search_state(s)->narrow_scope > 0 ? store_search_state(s)->narrow_scope
							    : NARROW_SCOPE;
	*narrow = false;
	if (f->unit_lo <= 0 && f->unit_hi <= 0)
		return CB_OK;
	return scope_size_below(s, f->unit_lo, f->unit_hi, limit, narrow, err);
}

/* Whether the text matches at least `limit` names (reads at most that
 * many FTS5 entries); a threshold set on the handle wins (tests). */
static int text_is_broad(store *s, const char *text, int limit, bool *broad, cb_error *err)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM cadre_fts"
				  " WHERE cadre_fts MATCH ?1 LIMIT ?2)";
	if (store_search_state(s)->broad_text > 0)
		limit = store_search_state(s)->broad_text;
	char match[2048];
	sqlite3_stmt *st;
	int rc;
	*broad = false;
	if (!search_match_expr(text, match, sizeof match))
		return CB_OK;
	if ((rc = search_expand(s, text, match, sizeof match, err)))
		return rc;
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
static int find_hints(store *s, const search_query *q, int count, int *hints, cb_error *err)
{
	bool narrow = *hints & SEARCH_NARROW, broad = false;
	int rc = narrow ? CB_OK : scope_is_narrow(s, &q->filter, &narrow, err);
	bool other_order = q->sort == SORT_AGE || q->sort == SORT_UNIT || q->sort == SORT_POSITION;
	bool scoped = q->filter.unit_lo > 0 || q->filter.unit_hi > 0;
	if (!rc && !narrow && (count ? !scoped : other_order) && q->text && *q->text)
		rc = text_is_broad(s, q->text, count ? COUNT_SCAN : BROAD_TEXT, &broad, err);
	*hints = (narrow ? SEARCH_NARROW : 0) | (broad ? SEARCH_BROAD : 0) |
		 (broad && (*hints & SEARCH_WALK) ? SEARCH_WALK : 0);
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

/* Prepares and binds the statement of a fetch (count=0) or count. */
static sqlite3_stmt *search_prepare(store *s, const search_query *q, int64_t after, bool backwards,
				    int count, size_t limit, int *hints_used, cb_error *err)
{
	search_sql *o = malloc(sizeof *o);
	search_query nq = *q;
	char *norm = NULL;
	sqlite3_stmt *st = NULL;
	int hints = hints_used ? *hints_used : 0;

	if (!o) {
		cb_error_set(err, CB_EDB, _("Out of memory"));
		return NULL;
	}
	/* the reader's scope bounds every list and count (access.h) */
	store_scope_filter(s, &nq.filter);
	if (store_filter_units(s, &nq.filter, NULL))
		nq.filter.unit_history = true; /* slower, never wrong */
	if (q->text && *q->text) {
		if (text_normalize(q->text, strlen(q->text), false, &norm, err))
			goto out;
		nq.text = norm;
	}
	if (find_hints(s, &nq, count, &hints, err) ||
	    search_build(&nq, after, backwards, count, hints, o, err) ||
	    (o->p_match && search_expand(s, nq.text, o->match, sizeof o->match, err)) ||
	    search_register(s, err) || !(st = store_prepare(s, o->sql, err)))
		goto out;
	if (bind_all(st, o, &nq, after, limit)) {
		store_fail(s, err, _("Preparing the search"));
		sqlite3_finalize(st);
		st = NULL;
	}
	if (hints_used)
		*hints_used = hints;
out:
	free(norm);
	free(o);
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

/* One window; a walk of a large scope, or of a broad text in age or unit
 * order, that spends its budget is answered through the scope or the
 * text's matches instead (same rows, same order). */
static int fetch_rows(store *s, const search_query *q, int64_t after, bool backwards, size_t limit,
		      search_hit **hits, size_t *cap, size_t *count, cb_error *err)
{
	int sort = q->sort == SORT_AGE || q->sort == SORT_UNIT || q->sort == SORT_POSITION
			   ? q->sort
			   : SORT_NAME;
	bool scoped = q->filter.unit_lo > 0 || q->filter.unit_hi > 0;
	int hints = SEARCH_WALK, rc;
	sqlite3_stmt *st = search_prepare(s, q, after, backwards, 0, limit, &hints, err);
	struct walk_budget b = {0, false};

	if (!st)
		return err && err->code ? err->code : CB_EDB;
	if ((scoped && !(hints & SEARCH_NARROW)) || (hints & SEARCH_WALK)) {
		long budget = store_search_state(s)->walk_budget > 0
				      ? store_search_state(s)->walk_budget
				      : WALK_BUDGET;
		b.left = budget / WALK_CHECK_OPS + 1;
		sqlite3_progress_handler(
			store_db(s), store_search_state(s)->walk_budget > 0 ? 1 : WALK_CHECK_OPS,
			walk_progress, &b);
		if (store_search_state(s)->walk_budget > 0)
			b.left = store_search_state(s)->walk_budget;
	}
	rc = read_hits(st, sort, hits, cap, count);
	sqlite3_progress_handler(store_db(s), 0, NULL, NULL);
	sqlite3_finalize(st);
	if (b.spent) {
		*count = 0;
		hints = scoped ? SEARCH_NARROW : 0;
		if (!(st = search_prepare(s, q, after, backwards, 0, limit, &hints, err)))
			return err && err->code ? err->code : CB_EDB;
		rc = read_hits(st, sort, hits, cap, count);
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_NOMEM)
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Searching"));
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
	st = search_prepare(s, &nq, 0, false, 1, 0, NULL, err);
	*count = 0;
	if (!st)
		return err ? err->code : CB_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? CB_OK : store_fail(s, err, _("Counting"));
}

/* SQLite steps between two questions to should_stop: a few hundred
 * microseconds of work, so a key waits at most about that long. */
#define STOP_CHECK_OPS 4000

struct stop_check {
	int (*should_stop)(void *);
	void *ctx;
	bool stopped;
};

static int stop_progress(void *p)
{
	struct stop_check *sc = p;
	if (!sc->stopped && sc->should_stop(sc->ctx))
		sc->stopped = true;
	return sc->stopped;
}

/* The progress handler is the handle's only one and is removed before
 * returning; a stopped count leaves no statement or transaction open. */
int search_count_cancellable(store *s, const search_query *q, int (*should_stop)(void *), void *ctx,
			     int64_t *count, cb_error *err)
{
	struct stop_check sc = {should_stop, ctx, false};
	int64_t n = -1;
	int rc;

	if (!should_stop)
		return search_count(s, q, count, err);
	*count = -1;
	if (should_stop(ctx))
		return cb_error_set(err, CB_STOPPED, "%s", _("Counting was interrupted"));
	sqlite3_progress_handler(store_db(s),
				 store_search_state(s)->stop_check_ops > 0
					 ? store_search_state(s)->stop_check_ops
					 : STOP_CHECK_OPS,
				 stop_progress, &sc);
	rc = search_count(s, q, &n, err);
	sqlite3_progress_handler(store_db(s), 0, NULL, NULL);
	if (sc.stopped)
		return cb_error_set(err, CB_STOPPED, "%s", _("Counting was interrupted"));
	if (rc == CB_OK)
		*count = n;
	return rc;
}
