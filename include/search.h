/* search.h - the cadre list: accent-insensitive word-prefix search in
 * Vietnamese order, fetched a window at a time.
 *
 * Each cadre has a rank: its place in Vietnamese name order, kept sparse so
 * an insert rarely renumbers. The FTS5 table cadre_fts has rowid = rank, so
 * `MATCH ? ORDER BY rowid LIMIT n` stops after n rows even for a one-letter
 * query over a million names. Windows are fetched by keyset (rank > last).
 */
#ifndef CANBO_SEARCH_H
#define CANBO_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "filter.h"
#include "store.h"

enum search_sort {
	SORT_NAME,
	SORT_AGE,
	SORT_UNIT,
	/* units in tree order and in each the order of an official list:
	 * position rank (secretary first), then name */
	SORT_POSITION,
	/* or'ed with one of the above: the same order, last first */
	SORT_REVERSE = 0x100,
};

typedef struct search_query {
	const char *text; /* as typed; NULL or "" = everyone */
	cadre_filter filter;
	int sort; /* enum search_sort */
} search_query;

/* One row of the list: the cadre plus its sort position. */
typedef struct search_hit {
	cadre c;
	int64_t pos; /* opaque keyset position, for search_fetch's `after` */
} search_hit;

/* Fetches up to `limit` hits (0 = no limit) that come after `after` (0 =
 * from the start) in the query's order; backwards=true fetches those just
 * before `after` (after=INT64_MAX for the end), returned in list order.
 * *out is malloc'd. A hit is about 3.6 kB: for long lists page with
 * `after` rather than limit 0. Orders: SORT_NAME Vietnamese name order;
 * SORT_AGE oldest first (birth date ascending), ties in name order;
 * SORT_UNIT units in tree order, name order within a unit; SORT_POSITION
 * units in tree order, position rank then name within a unit; any of them
 * | SORT_REVERSE the same list last first. The text is
 * normalised first (invalid UTF-8: CB_EINVALID). */
int search_fetch(store *s, const search_query *q, int64_t after, bool backwards, size_t limit,
		 search_hit **out, size_t *n, cb_error *err);

/* Number of matches (may walk the whole result: call it lazily). */
int search_count(store *s, const search_query *q, int64_t *count, cb_error *err);

/* search_count that gives way: should_stop(ctx) is asked before the count
 * starts and every few thousand SQLite steps while it runs (a poll for a
 * pending key, say); when it returns non-zero the count is abandoned and
 * CB_STOPPED is returned with *count = -1 and nothing changed, so the
 * caller can simply try again later. should_stop NULL = search_count. */
int search_count_cancellable(store *s, const search_query *q, int (*should_stop)(void *), void *ctx,
			     int64_t *count, cb_error *err);

/* What the lists of q's filter are read faster from, kept in memory: a
 * walk of their scope (SEARCH_KEEP_WALK: stats_keep_walks, then
 * stats_walk_prefetch with the filter as the scope) when the filter has a
 * condition on the packed codes (gender, level, education...), and the
 * records of a year (SEARCH_KEEP_RECORDS: with the walk, or
 * stats_records_prefetch; the year of stats_kept_year) when it has one on
 * them (a rating, a training, the pool); 0 for neither, or when the
 * reader's scope is not the whole of a province long to walk
 * (stats_walk_is_long). Without them such a list walks the order's index
 * reading each row: at a million cadres, the managed women in reversed
 * unit order took 6.8 s. The text is not asked: one typed is matched on
 * the search index, and what is kept serves again once it is erased.
 * Keeping them is the screen's choice (16 bytes a cadre for the walk, 2
 * for the records). */
enum { SEARCH_KEEP_WALK = 1, SEARCH_KEEP_RECORDS = 2 };
int search_walk_worth(store *s, const search_query *q);
/* Whether a walk kept for q's scope would serve a filter on the codes or
 * the records chosen next: the reader's scope is the whole of a long
 * province (what search_walk_worth asks besides the conditions). A form
 * choosing them may have it made ahead. */
bool search_walk_may_serve(store *s, const search_query *q);

/* Builds the FTS5 MATCH expression for a typed query: each word folded and
 * quoted as a prefix, ANDed. Returns false for an empty query. */
bool search_match_expr(const char *text, char *buf, size_t cap);

#endif
