/* search_internal.h - what the search's own files (search.c,
 * search_sql.c) share, and its query-plan tests; not for other modules. */
#ifndef CANBO_SEARCH_INTERNAL_H
#define CANBO_SEARCH_INTERNAL_H

#include "filter.h"
#include "search.h"
#include "store_sql.h"

/* ---- the list query (search.c) --------------------------------------- */

/* Registers canbo_spelled(name, query) and canbo_words(fold, words) on
 * the handle (once). */
int search_register(store *s, cb_error *err);

/* The FTS5 expression for typed text, each word longer than the prefix
 * index replaced by the whole name words it begins (from name_word), so
 * that FTS5 streams the matches instead of collecting them first. */
int search_expand(store *s, const char *text, char *buf, size_t cap, cb_error *err);

/* Hints for search_build, found by search.c with cheap bounded counts. */
enum search_hint {
	SEARCH_NARROW = 1, /* the unit scope holds few cadres */
	SEARCH_BROAD = 2,  /* the text matches many names */
	/* a broad text in age or unit order: walk the order's index and test
	 * each row's folded name (fast while matches are common on it; the
	 * caller gives it a budget) rather than collect every match */
	SEARCH_WALK = 4,
};

/* Writes the SQL of a search_fetch (count=0) or search_count (count=1)
 * into out->sql, the filter values into out->fs and the parameter numbers
 * (0 = absent). Exposed for the query-plan tests. */
typedef struct search_sql {
	char sql[6144];
	filter_sql fs;
	int first_filter; /* where fs binds */
	int p_match, p_words, p_after, p_after2, p_ulo, p_uhi, p_spelled, p_limit;
	int sort;	  /* the order used */
	char match[2048]; /* FTS5 expression */
	char fold[256];	  /* folded query words, for canbo_words */
} search_sql;
int search_build(const search_query *q, int64_t after, int backwards, int count, int hints,
		 search_sql *out, cb_error *err);

#endif
