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

/* The orders that walk the units in tree order (u.lo). */
#define UNIT_ORDER(sort) ((sort) == SORT_UNIT || (sort) == SORT_POSITION)

/* Hints for search_build, found by search.c with cheap bounded counts. */
enum search_hint {
	SEARCH_NARROW = 1, /* the unit scope holds few cadres */
	SEARCH_BROAD = 2,  /* the text matches many names */
	/* a broad text in age or unit order: walk the order's index and test
	 * each row's folded name (fast while matches are common on it; the
	 * caller gives it a budget) rather than collect every match */
	SEARCH_WALK = 4,
	/* the cadres are read from a set of ids bound as a JSON array (a
	 * superset of the filter's in the unit scope, found on the index
	 * cadre_pack: search_pack_scan) and sorted, as SEARCH_NARROW would
	 * read the scope's */
	SEARCH_PACK = 8,
	/* the order's index drives as without the set, and each entry is
	 * first tested against that set (bound as SEARCH_PACK's, records
	 * untested or probed per id: search_yearly.c): a row is read only
	 * for a cadre the pack lets through, when the filter is too common
	 * for the set to be worth sorting */
	SEARCH_MEMBER = 16,
	/* in name order, a unit scope too large to sort and too small for
	 * its cadres to come soon along the name index: the ranks of its
	 * cadres (from cadre_unit, no table row) bound like SEARCH_MEMBER's
	 * set, and each entry of the name index or match of the text tested
	 * against them before its row is read */
	SEARCH_RANKS = 32,
	/* in name order, a unit scope of a few units: the search index
	 * drives, each entry matched on the token of its unit as well as on
	 * the text (search_index.h), so that only the scope's rows are read
	 * however large the province; the units' expression in ranks->place */
	SEARCH_PLACE = 64,
	/* with SEARCH_MEMBER in unit or position order: the set's units are
	 * known too (ids->unit_bits), and a unit that holds none of the set
	 * is passed over before its cadres' entries are walked */
	SEARCH_UNITS = 128,
};

/* Completes the FTS5 expression of a search (after search_expand): the
 * text's words held to the column of the names, and, given the scope's
 * units (SEARCH_PLACE; NULL: none), to theirs; with no text, the units
 * alone. False, the match unchanged, when it does not fit. */
bool search_match_finish(char *match, size_t cap, const char *place);

/* Whether the text matches at least `limit` names (reads at most that
 * many FTS5 entries); a threshold set on the handle wins (tests). */
int search_text_is_broad(store *s, const char *text, int limit, bool *broad, cb_error *err);

/* Writes the SQL of a search_fetch (count=0) or search_count (count=1)
 * into out->sql, the filter values into out->fs and the parameter numbers
 * (0 = absent). Exposed for the query-plan tests. */
typedef struct search_sql {
	char sql[6144];
	filter_sql fs;
	int first_filter; /* where fs binds */
	int p_match, p_words, p_after, p_after2, p_ulo, p_uhi, p_spelled, p_limit;
	int p_ids;	  /* the JSON array of ids (SEARCH_PACK) */
	int p_member;	  /* the set as a pointer (SEARCH_MEMBER, SEARCH_RANKS) */
	int sort;	  /* the order used */
	bool place;	  /* the match is narrowed to the scope's units */
	char match[4096]; /* FTS5 expression */
	char fold[256];	  /* folded query words, for canbo_words */
} search_sql;
int search_build(const search_query *q, int64_t after, int backwards, int count, int hints,
		 search_sql *out, cb_error *err);

/* ---- the set a window is read through (search_sets.c) --------------- */

typedef struct search_ids search_ids;
/* Which set, if any, the window of the normalised query nq (in `sort`,
 * `limit` rows; scope_size: the scope's cadres when it is narrow) is read
 * through: *hints gains SEARCH_PACK or SEARCH_MEMBER with the set in *ids,
 * SEARCH_PLACE when *ranks holds the units (search_place_units), or
 * SEARCH_RANKS with the ranks in *ranks. */
int search_choose_set(store *s, const search_query *nq, int sort, size_t limit, long scope_size,
		      search_ids *ids, search_ids *ranks, int *hints, cb_error *err);

/* In name order within a scope of a few units, a set of which at least
 * this many times a window's rows pass is walked along the units' entries
 * in the search index (SEARCH_MEMBER | SEARCH_PLACE) instead of being
 * read and sorted, and so is a set walked with its records probed: that
 * walk meets the scope's cadres only, in name order, and fills a window
 * after some limit x scope / pass of them, each tested against the set
 * (and its records probed) before its row is read, where the set's way
 * reads every passing row. Measured at a million cadres, district 795
 * (44 000 cadres), 50 rows: the committee members not trained (760 pass)
 * 25 ms read and sorted, 14 ms walked so; the managed women (6 pass) 6 ms
 * read, 22 ms walked through the whole district. */
#define PLACE_PASS_MIN 8

/* The scope's units (as they are now, and in the reader's scope) as an
 * FTS5 expression in ranks->place, when they are few (SEARCH_PLACE);
 * nothing otherwise. */
int search_place_units(store *s, const search_query *nq, search_ids *ranks, cb_error *err);

/* ---- the scope's cadres on the index cadre_pack (search_pack.c) ----- */

/* Whether the filter has a unit scope the index answers (its units as
 * they are now) and a condition the index can narrow it by (a code of
 * the pack, a yearly record, the pool, a bar). */
bool search_pack_usable(const cadre_filter *f);

/* Whether the filter has a condition on the packed codes, and whether a
 * packed value passes those conditions (the walk kept in memory tests
 * them in C: stats_walk_ids); tier: the deepest tier of the units, for a
 * filter that names none. */
bool search_pack_narrows(const cadre_filter *f);
bool search_pack_passes(const cadre_filter *f, int tier, int64_t packed);
/* The bits of a packed value search_pack_passes reads: the codes, not the
 * birth date (cadre_pack.h). */
#define SEARCH_PACK_CODES ((INT64_C(1) << 25) - 1)

/* The statements of the set, exposed for the query-plan tests: scan,
 * the ids of the scope's cadres that the pack lets through, read from
 * cadre_pack without the table (the scope's parameters from 1); probe
 * (empty when the filter has none of them), those of a JSON array of ids
 * (parameter 1) that pass the yearly records' conditions (parameters
 * from 2). */
typedef struct search_pack_sql {
	char scan[16384], probe[4096];
	filter_sql scope, yearly;
} search_pack_sql;
int search_pack_build(const cadre_filter *f, search_pack_sql *o, cb_error *err);

typedef struct search_yearly search_yearly;

/* A set of cadre ids, and as a JSON array (json_each binds it as one
 * value). */
struct search_ids {
	int64_t *id;
	size_t n, cap;
	sqlite3_stmt *st; /* the scan, while it has more to read */
	bool scanned;	  /* search_pack_scan ran */
	bool more;	  /* it stopped at its limit: the set may hold more */
	bool probed;	  /* the records' conditions tested (or none) */
	bool sorted;	  /* in id order (search_pack_complete sorts it) */
	char *json;
	/* instead of the ids (search_scope_ranks): one bit per 2^shift
	 * values, set for each value in the set; a bit stands for all the
	 * values it covers, so the set tested is a superset */
	uint64_t *bits;
	size_t nbits;
	int shift;
	/* with bits, in a walk: the records' conditions, tested for each id
	 * of the set before its row is read (search_yearly.c; NULL: none) */
	search_yearly *yearly;
	/* instead (SEARCH_PLACE): the scope's units as an FTS5 expression */
	char *place;
	/* with bits, in unit or position order (SEARCH_UNITS): one bit per
	 * unit id, set for the units to walk, those that hold ids of the set
	 * among not too many others; the walk skips the others whole
	 * (canbo_member_unit) */
	uint64_t *unit_bits;
	size_t unit_nbits;
	/* the set was found in memory (a walk or records kept): current
	 * when it was made, which the window checks after it is read */
	bool from_memory;
	/* and the ids of the set in the units where they are few among many,
	 * read as a pack's set (NULL: none), their rows merged with the
	 * walk's (stats_walk_units) */
	search_ids *few;
	/* a few found in memory, in age, unit or position order: each as
	 * the kept walk has it, with its birth date and unit (search_cut) */
	struct stats_walk_member *members;
	size_t nmembers;
};

/* The set for f (search_pack_usable): scan reads the ids the pack lets
 * through (until the set holds limit, 0 = all; a later call reads on); estimate says how many of
 * them the records' conditions will keep, from a sample; complete, once the scan has read all,
 * tests those conditions on each (once) and writes ids->json. */
int search_pack_scan(store *s, const cadre_filter *f, size_t limit, search_ids *ids, cb_error *err);
/* Adds an id at the end of the set (false: out of memory). */
bool search_ids_push(search_ids *ids, int64_t id);
int search_pack_estimate(store *s, const cadre_filter *f, search_ids *ids, size_t *estimate,
			 cb_error *err);
int search_pack_complete(store *s, const cadre_filter *f, search_ids *ids, cb_error *err);
/* The whole set as the scan found it, the records' conditions untested
 * (SEARCH_MEMBER: a superset the walk tests each entry against with
 * canbo_member(id, set), the set bound as a pointer of this type). */
int search_pack_superset(store *s, const cadre_filter *f, search_ids *ids, cb_error *err);
#define SEARCH_IDS_POINTER "canbo_search_ids"
/* The ranks (name order) of the cadres of f's units as they are now, from
 * the index cadre_unit alone, as bits (SEARCH_RANKS: a superset of the
 * filter's, whatever else it asks). */
int search_scope_ranks(store *s, const cadre_filter *f, search_ids *ranks, cb_error *err);
void search_ids_member_fn(sqlite3_context *cx, int argc, sqlite3_value **argv);
/* canbo_member_unit(unit id, set): whether the unit holds an id of the
 * set (SEARCH_UNITS). */
void search_ids_unit_fn(sqlite3_context *cx, int argc, sqlite3_value **argv);

/* ---- the last set found in memory (search_set_cache.c) -------------- */

/* What a set found in memory is made from, besides the state of the
 * database and of the kept walk (which search_set_cached checks): the
 * list's filter, whether its members were asked for, the kept records
 * tested (NULL: none). Made by search_set_key_init (zeroed first: the
 * key is compared as bytes). */
typedef struct search_set_key {
	cadre_filter filter;
	size_t members_max; /* the most to name with their keys (0: none) */
	const void *records;
	int64_t nrecords;
} search_set_key;
struct stats_kept_test;
struct stats_walk_ids_out;
void search_set_key_init(search_set_key *k, const cadre_filter *f, size_t members_max,
			 const struct stats_kept_test *records);
/* A copy of the last set kept for key k into *out (and whether it came
 * from the codes, *codes), when nothing it was made from has changed;
 * false, *out zeroed, otherwise. A set kept for a key that differs in
 * members_max alone serves too when it is what the walk would give: its
 * members dropped when none are asked for; without members when more
 * passed than are asked for (a list in name order, then the same list in
 * unit order). */
bool search_set_cached(store *s, const search_set_key *k, struct stats_walk_ids_out *out,
		       bool *codes);
/* Keeps a copy of the set made for key k (nothing kept when memory
 * fails: the next window makes it again). */
void search_set_keep(store *s, const search_set_key *k, const struct stats_walk_ids_out *out,
		     bool codes);

/* ---- a window of a few ids read from some of them (search_cut.c) --- */

/* A window's position (search.c: pos_make): in age order the birth
 * date's day (biased) and the rank; in unit order the unit's place in
 * the tree (u.lo) and the rank; in position order u.lo, the post's rank
 * and the rank. */
#define POS_SHIFT     40
#define POS_RANK_MASK ((INT64_C(1) << POS_SHIFT) - 1)
#define POS_DAY_BIAS  (INT64_C(1) << 22)
#define POS_LO_SHIFT  44
#define POS_SUB_MASK  ((INT64_C(1) << POS_LO_SHIFT) - 1)

/* A cut is tried first when it holds at most this many times the
 * window's rows (each is read by id, some 5 us at a million cadres; a
 * walk of the order's index against the set may fill the window with
 * fewer); and, after such a walk spent its budget, when it holds up to
 * half the set (instead of reading the whole set). */
#define SEARCH_CUT_ROWS 4
/* The set's ids kept with their keys, at most: a larger set fills a
 * window soon enough along the order, and its keys would cost more to
 * go through than the rows they spare. */
#define SEARCH_CUT_MEMBERS 16384

/* Of a set of few ids with their keys (ids->members, their records
 * tested), those that can hold the window of `limit` rows after `after`
 * (backwards: before; the start: 0, or INT64_MAX backwards) in age, unit
 * or position order: the ids whose first key comes at or after the
 * window's start and within the first `limit` of them (ties at either
 * end included). Into *cut, ready to read as a pack's set, with *bound
 * the last first key it holds, negated when backwards (INT64_MAX: it
 * holds every id the window can take, and its rows are the window's
 * whatever their number). cut->scanned false when nothing is cut: the
 * keys are not all known, or the cut would hold more than `most` ids,
 * or half the set. */
int search_cut(store *s, const search_ids *ids, int sort, int64_t after, bool backwards,
	       size_t limit, size_t most, search_ids *cut, int64_t *bound, cb_error *err);
/* Whether the window read from the cut is the one the whole set gives:
 * the cut held every id it could take, or the window is full and its
 * last row's first key (from its position) is within the bound. */
bool search_cut_holds(int sort, bool backwards, size_t limit, int64_t bound,
		      const int64_t *last_pos, size_t count);

/* ---- the yearly records tested one cadre at a time (search_yearly.c) */

/* When the records' conditions of f can be answered from records a screen
 * keeps current in memory (stats_kept_test_for): reads the whole set and
 * keeps only the ids that pass them (probed, *kept true); else nothing. */
int search_yearly_keep(store *s, const cadre_filter *f, search_ids *ids, bool *kept, cb_error *err);
/* The probe of the records' conditions of f for one id (*out NULL when f
 * has none), to be freed; and whether an id passes it (1, 0; -1: the
 * probe failed). */
int search_yearly_open(store *s, const cadre_filter *f, search_yearly **out, cb_error *err);
int search_yearly_passes(search_yearly *y, int64_t id);
void search_yearly_free(search_yearly *y);
void search_ids_free(search_ids *ids);

#endif