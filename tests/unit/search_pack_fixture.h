/* search_pack_fixture.h - what the tests of a unit scope's list read
 * through the set of ids (test_search_pack.c, test_search_pack_ways.c)
 * share: the demo province, the plain query and the check of a list
 * against it, window by window, each way of reading the window forced in
 * turn. The plain query is the filter's own WHERE clause with a plain
 * ORDER BY, which no index choice can change; a shape that drops, adds or
 * reorders a row fails.
 *
 * Some cadres are given codes that do not fit the pack (a fractional
 * level, committees beyond their eight bits, an education written as
 * text): the pack is -1 for them and they must still be listed when
 * the filter takes them. */
#ifndef CANBO_TEST_SEARCH_PACK_FIXTURE_H
#define CANBO_TEST_SEARCH_PACK_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/search_internal.h"
#include "../../src/core/store_internal.h"
#include "access.h"
#include "cadre_pack.h"
#include "config.h"
#include "demo.h"
#include "demo_fixture.h"
#include "stats.h"
#include "store.h"
#include "target_list.h"

#define YEAR 2025

static char dir[256];
static cfg *conf;
static store *db;
static cb_date as_of;

/* Cadres of the scope [?1, ?2] given codes that do not fit the pack, and
 * managed women (rare in the demo). */
static const char *const odd_sql[] = {
	"UPDATE cadre SET level = level + 0.5 WHERE id % 5 = 1 AND unit_id IN"
	" (SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2)",
	"UPDATE cadre SET committees = committees | 256 WHERE id % 7 = 2 AND unit_id IN"
	" (SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2)",
	"UPDATE cadre SET education = 'university' WHERE id % 11 = 3 AND unit_id IN"
	" (SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2)",
	"UPDATE cadre SET managed = 1, gender = 2 WHERE id % 13 = 4 AND unit_id IN"
	" (SELECT id FROM unit WHERE lo BETWEEN ?1 AND ?2)",
	"UPDATE cadre SET ethnicity = 'Tày' WHERE id % 7 = 5",
};

static inline unit_row largest(int tier);

static inline int make_odd(const unit_row *u)
{
	for (size_t i = 0; i < sizeof odd_sql / sizeof odd_sql[0]; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(store_db(db), odd_sql[i], -1, &st, NULL) != SQLITE_OK)
			return -1;
		if (sqlite3_bind_parameter_count(st)) {
			sqlite3_bind_int64(st, 1, u->lo);
			sqlite3_bind_int64(st, 2, u->hi);
		}
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
	}
	return 0;
}

static inline int setup_group(void **state)
{
	demo_options o = {.seed = 7, .cadres = 1000};
	(void)state;
	if (demo_fixture_build(dir, sizeof dir, o.seed, o.cadres, &conf, &db, NULL, 0, NULL))
		return -1;
	unit_row district = largest(2), commune = largest(3);
	if (make_odd(&district) || make_odd(&commune)) {
		fprintf(stderr, "%s\n", sqlite3_errmsg(store_db(db)));
		return -1;
	}
	date_parse_iso(DEMO_REFERENCE, &as_of);
	return 0;
}

static inline int teardown_group(void **state)
{
	(void)state;
	store_close(db);
	config_free(conf);
	fixture_rmtree(dir);
	return 0;
}

/* ---- the plain query -------------------------------------------------- */

static inline const char *order_of(int sort)
{
	switch (sort) {
	case SORT_AGE:
		return " ORDER BY c.birth_date, c.rank";
	case SORT_UNIT:
		return " ORDER BY u.lo, u.id, c.rank";
	case SORT_POSITION:
		return " ORDER BY u.lo, u.id, CASE WHEN c.pos_rank > 0 THEN c.pos_rank ELSE 15 END,"
		       " c.rank";
	case SORT_AGE | SORT_REVERSE:
		return " ORDER BY c.birth_date DESC, c.rank DESC";
	case SORT_UNIT | SORT_REVERSE:
		return " ORDER BY u.lo DESC, u.id DESC, c.rank DESC";
	case SORT_POSITION | SORT_REVERSE:
		return " ORDER BY u.lo DESC, u.id DESC, CASE WHEN c.pos_rank > 0 THEN c.pos_rank"
		       " ELSE 15 END DESC, c.rank DESC";
	case SORT_NAME | SORT_REVERSE:
		return " ORDER BY c.rank DESC";
	default:
		return " ORDER BY c.rank";
	}
}

/* The ids of the filter's cadres in the order, by the plain query. */
static inline int64_t *plain(const search_query *q, size_t *n)
{
	filter_sql *fs = malloc(sizeof *fs);
	char *sql = malloc(4096);
	size_t cap = 64;
	int64_t *ids = malloc(cap * sizeof *ids);
	sqlite3_stmt *st;
	cadre_filter f = q->filter;

	assert_non_null(fs);
	assert_non_null(sql);
	assert_non_null(ids);
	char match[256];
	bool text = q->text && search_match_expr(q->text, match, sizeof match);
	store_scope_filter(db, &f); /* the reader's scope, as the list's */
	assert_true(filter_build(&f, fs));
	snprintf(sql, 4096,
		 "SELECT c.id FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE 1%s%s%s",
		 fs->where,
		 text ? " AND c.rank IN (SELECT rowid FROM cadre_fts WHERE cadre_fts MATCH ?)" : "",
		 order_of(q->sort));
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(filter_bind(fs, st, 1), CB_OK);
	if (text)
		sqlite3_bind_text(st, fs->nbind + 1, match, -1, SQLITE_TRANSIENT);
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap)
			assert_non_null(ids = realloc(ids, (cap *= 2) * sizeof *ids));
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	free(sql);
	free(fs);
	return ids;
}

/* ---- the list against it ---------------------------------------------- */

static const char *what;

static inline void mismatch(const char *how, size_t at, int64_t got, int64_t want)
{
	fail_msg("%s: %s, row %zu: cadre %lld where the plain query has %lld", what, how, at,
		 (long long)got, (long long)want);
}

/* The whole list, then windows of w forwards and backwards. */
static inline void check_list(const search_query *q, size_t w)
{
	size_t n, k, got = 0;
	int64_t *want = plain(q, &n), after = 0;
	search_hit *hits;
	cb_error err;

	assert_int_equal(search_fetch(db, q, 0, false, 0, &hits, &k, &err), CB_OK);
	for (size_t i = 0; i < k && i < n; i++)
		if (hits[i].c.id != want[i])
			mismatch("the whole list", i, hits[i].c.id, want[i]);
	if (k != n)
		fail_msg("%s: %zu rows listed, %zu by the plain query", what, k, n);
	free(hits);
	do {
		assert_int_equal(search_fetch(db, q, after, false, w, &hits, &k, &err), CB_OK);
		for (size_t i = 0; i < k; i++, got++)
			if (got >= n || hits[i].c.id != want[got])
				mismatch("forwards", got, hits[i].c.id, got < n ? want[got] : -1);
		if (k)
			after = hits[k - 1].pos;
		free(hits);
	} while (k == w);
	if (got != n)
		fail_msg("%s: forwards gave %zu rows of %zu", what, got, n);
	after = INT64_MAX;
	do {
		assert_int_equal(search_fetch(db, q, after, true, w, &hits, &k, &err), CB_OK);
		for (size_t i = k; i-- > 0;) {
			if (got == 0 || hits[i].c.id != want[got - 1])
				mismatch("backwards", got, hits[i].c.id, got ? want[got - 1] : -1);
			got--;
		}
		if (k)
			after = hits[0].pos;
		free(hits);
	} while (k == w);
	if (got != 0)
		fail_msg("%s: backwards left %zu rows out", what, got);
	free(want);
}

/* The ways of reading a window, forced through the thresholds. */
static const struct way {
	const char *name;
	int narrow_scope, pack_dense, walk_budget, member_walk, rank_walk;
	/* the records: from those kept in memory (0: when current; -1:
	 * never), probed first in a walk (0: when few pass; 1, -1) */
	int records_kept, probe_walk;
	/* name order through the search index matched on the units (0: when
	 * they are few; -1: never; 1) */
	int place_walk;
	/* in age, unit or position order, a few read first from those whose
	 * first key can fill the window (0; -1: never) */
	int cut;
} ways[] = {
	{"as chosen", 0, 0, 0, 0, 0, 0, 0, 0, 0},
	{"large scope, set read", 1, 100000, 0, -1, -1, 0, 0, -1, 0},
	{"large scope, set scanned in parts", 1, 10, 0, 0, -1, 0, 0, -1, 0},
	{"large scope, walk spent", 1, -1, 1, 0, -1, 0, 0, -1, 0},
	{"large scope, walked against the set", 1, 10, 0, 1, -1, 0, 0, -1, 0},
	{"large scope, walk against the set spent", 1, 10, 1, 1, -1, 0, 0, -1, 0},
	{"large scope, set too large, walk reads every row", 1, 10, 0, -1, -1, 0, 0, -1, 0},
	{"large scope, name order walked against the scope's ranks", 1, -1, 0, 0, 1, 0, 0, -1, 0},
	{"large scope, walk against the scope's ranks spent", 1, -1, 1, 0, 1, 0, 0, -1, 0},
	{"large scope, walked against the set, records probed first", 1, 10, 0, 1, -1, -1, 1, -1,
	 0},
	{"large scope, walk probing the records first spent", 1, 10, 1, 1, -1, -1, 1, -1, 0},
	{"large scope, walked against the set, rows read first", 1, 10, 0, 1, -1, -1, -1, -1, 0},
	{"large scope, name order matched on the units in the search index", 1, -1, 0, 0, -1, 0, 0,
	 1, 0},
	{"large scope, walk matched on the units spent", 1, -1, 1, 0, -1, 0, 0, 1, 0},
	{"large scope, walked against the set along its units", 1, 10, 0, 1, -1, -1, 1, 1, 0},
	{"large scope, walk against the set along its units spent", 1, 10, 1, 1, -1, -1, 1, 1, 0},
	{"large scope, set along its units, rows read first", 1, 10, 0, 1, -1, -1, -1, 1, 0},
};

static inline void set_way(const struct way *w)
{
	db->search.narrow_scope = w->narrow_scope;
	db->search.pack_dense = w->pack_dense;
	db->search.walk_budget = w->walk_budget;
	db->search.member_walk = w->member_walk;
	db->search.cut = w->cut;
	db->search.rank_walk = w->rank_walk;
	db->search.records_kept = w->records_kept;
	db->search.probe_walk = w->probe_walk;
	db->search.place_walk = w->place_walk;
}

static const int sorts[] = {
	SORT_NAME,
	SORT_AGE,
	SORT_UNIT,
	SORT_POSITION,
	SORT_NAME | SORT_REVERSE,
	SORT_AGE | SORT_REVERSE,
	SORT_UNIT | SORT_REVERSE,
	SORT_POSITION | SORT_REVERSE,
};

/* The scope with the most cadres among the units of a tier. */
static inline unit_row largest(int tier)
{
	sqlite3_stmt *st;
	unit_row u;
	cb_error err;
	char code[32];
	assert_int_equal(sqlite3_prepare_v2(store_db(db),
					    "SELECT d.code FROM unit d JOIN unit x ON x.lo BETWEEN"
					    " d.lo AND d.hi JOIN cadre c ON c.unit_id = x.id"
					    " WHERE d.tier = ? GROUP BY d.id ORDER BY count(*) DESC"
					    " LIMIT 1",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_int(st, 1, tier);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_int_equal(store_unit_by_code(db, code, &u, &err), CB_OK);
	return u;
}

/* Checks f (and the typed text, NULL = none) in every order, in the way
 * w. */
static inline void check_text(const char *name, const char *text, const cadre_filter *f,
			      const struct way *w)
{
	char label[256];
	search_query q = {.text = text, .filter = *f};
	/* a reverse order is read as its order backwards: paging backwards
	 * checks that in every way, the reverse orders in the chosen one */
	size_t nsorts = w == &ways[0] ? sizeof sorts / sizeof sorts[0] : 4;
	set_way(w);
	for (size_t k = 0; k < nsorts; k++) {
		size_t n;
		int64_t *ids;
		q.sort = sorts[k];
		ids = plain(&q, &n);
		free(ids);
		snprintf(label, sizeof label, "%s, sort %#x, %s", name, (unsigned)q.sort, w->name);
		what = label;
		check_list(&q, n / 2 + 1);
	}
	set_way(&ways[0]);
}

static inline void check_filter(const char *name, const cadre_filter *f, const struct way *w)
{
	check_text(name, NULL, f, w);
}

static inline cadre_filter in_scope(const unit_row *u)
{
	cadre_filter f;
	filter_init(&f);
	f.as_of = as_of;
	if (u) {
		f.unit_lo = u->lo;
		f.unit_hi = u->hi;
	}
	return f;
}

/* A filter changed by one setting (see the table below). */
typedef void (*tweak)(cadre_filter *f);

#define TWEAK(name, body)                                                                          \
	static void name(cadre_filter *f)                                                          \
	{                                                                                          \
		body;                                                                              \
	}
TWEAK(women, f->gender = 2)
TWEAK(men, f->gender = 1)
TWEAK(kinh, f->minority = 0)
TWEAK(minority, f->minority = 1)
TWEAK(master, f->education_min = 5)
TWEAK(edu4, f->education = 4)
TWEAK(theory2, f->theory_min = 2)
TWEAK(theory3, f->theory = 3)
TWEAK(level2, f->level = 2)
TWEAK(level3, f->level = 3)
TWEAK(pos2, f->pos_rank = 2)
TWEAK(under40, f->age_max = 39)
TWEAK(rated_good, (f->rating_year = YEAR, f->rating_good = true))
TWEAK(not_good, (f->rating_year = YEAR, f->rating_not_good = true))
TWEAK(unrated, (f->rating_year = YEAR, f->rating_grade = 0))
TWEAK(grade3, (f->rating_year = YEAR, f->rating_grade = 3))
TWEAK(trained_kind, (f->trained = 1, f->trained_year = YEAR, f->trained_kind = 1))
TWEAK(untrained_year, (f->trained = 0, f->trained_year = YEAR))
TWEAK(trained_ever, f->trained = 1)
TWEAK(pool, f->planning = 1)
TWEAK(not_pool, f->planning = 0)
TWEAK(pool_free, (f->planning = 1, f->barred = 0))
TWEAK(managed_women, (f->population = POP_MANAGED, f->gender = 2))
TWEAK(heads_pool, (f->population = POP_HEADS, f->planning = 1))
TWEAK(dept_master_minority, (f->population = POP_DEPT, f->education_min = 5, f->minority = 1))
TWEAK(left_too, f->departed = FILTER_ANY)

static const struct {
	const char *name;
	tweak fn;
} tweaks[] = {
#define T(x)                                                                                       \
	{                                                                                          \
#x, x                                                                              \
	}
	T(women),    T(men),	      T(kinh),		 T(minority),	  T(master),
	T(edu4),     T(theory2),      T(theory3),	 T(level2),	  T(level3),
	T(pos2),     T(under40),      T(rated_good),	 T(not_good),	  T(unrated),
	T(grade3),   T(trained_kind), T(untrained_year), T(trained_ever), T(pool),
	T(not_pool), T(pool_free),    T(managed_women),	 T(heads_pool),	  T(dept_master_minority),
	T(left_too),
#undef T
};

static inline void check_scope(const unit_row *u, const char *scope_name, const struct way *w)
{
	char name[160];
	for (int pop = 0; pop < POP_COUNT; pop++) {
		cadre_filter f = in_scope(u);
		f.population = pop;
		snprintf(name, sizeof name, "%s, population %s", scope_name, population_name(pop));
		check_filter(name, &f, w);
	}
	for (size_t t = 0; t < sizeof tweaks / sizeof tweaks[0]; t++) {
		cadre_filter f = in_scope(u);
		tweaks[t].fn(&f);
		snprintf(name, sizeof name, "%s, %s", scope_name, tweaks[t].name);
		check_filter(name, &f, w);
	}
	for (int id = 0; id < TARGET_COUNT; id++)
		for (int kind = TL_DEN; kind <= TL_POOL; kind++) {
			cadre_filter scope = in_scope(u), f;
			if (!target_filter(id, kind, &scope, YEAR, &f))
				continue;
			snprintf(name, sizeof name, "%s, target %d list %d", scope_name, id, kind);
			check_filter(name, &f, w);
		}
}

/* What a screen keeps while the keyboard rests: the walk of the province
 * and every kind of record of the year. */
static inline void keep_records(void)
{
	cadre_filter province = in_scope(NULL);
	cb_error err;
	stats_keep_walks(db, true);
	assert_int_equal(stats_walk_prefetch(db, &province, YEAR, NULL, NULL, &err), CB_OK);
}

#endif
