/* test_search_pack_ways.c - a unit scope's list read through the set of
 * ids the index cadre_pack gives (search_pack.c) against the plain query:
 * on the demo province, for every population, code, yearly condition and
 * target cell, in every order both ways, in a district, a commune and the
 * province, one shot and window by window forwards and backwards, each
 * way of reading the window forced in turn (search_pack_fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "search_pack_fixture.h"

/* Every way of reading the window lists the same rows in the same order
 * as the plain query, and the set was indeed read where it was meant to
 * be (else the test would prove nothing). */
static void test_district_lists_equal_the_plain_query_every_way(void **state)
{
	unit_row d = largest(2);
	(void)state;
	for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
		long before = db->search.pack_windows, walked = db->search.member_windows,
		     ranked = db->search.rank_windows, probed = db->search.probe_windows,
		     placed = db->search.place_windows;
		check_scope(&d, "district", &ways[w]);
		/* as chosen, a scope this small is read its own way; a walk
		 * against the set forced with a budget never spent reads none */
		bool set_read = ways[w].pack_dense >= 0 &&
				!(ways[w].member_walk > 0 && ways[w].walk_budget == 0);
		if (ways[w].narrow_scope && set_read != (db->search.pack_windows > before))
			fail_msg("%s: %ld windows read through the set", ways[w].name,
				 db->search.pack_windows - before);
		/* the walk against the set ran where it was forced (and, when
		 * its budget was spent, the set was then read) */
		if (ways[w].member_walk > 0 && db->search.member_windows == walked)
			fail_msg("%s: no window walked against the set", ways[w].name);
		if (ways[w].member_walk < 0 && db->search.member_windows != walked)
			fail_msg("%s: %ld windows walked against the set", ways[w].name,
				 db->search.member_windows - walked);
		if ((ways[w].rank_walk > 0) != (db->search.rank_windows > ranked))
			fail_msg("%s: %ld windows walked against the scope's ranks", ways[w].name,
				 db->search.rank_windows - ranked);
		if (ways[w].place_walk != 0 &&
		    (ways[w].place_walk > 0) != (db->search.place_windows > placed))
			fail_msg("%s: %ld windows matched on the scope's units", ways[w].name,
				 db->search.place_windows - placed);
		/* the records were probed first where it was forced, never
		 * where it was refused */
		if (ways[w].probe_walk != 0 &&
		    (ways[w].probe_walk > 0) != (db->search.probe_windows > probed))
			fail_msg("%s: %ld walks probed the records first", ways[w].name,
				 db->search.probe_windows - probed);
	}
}

static void test_commune_and_province_lists_equal_the_plain_query(void **state)
{
	unit_row c = largest(3);
	(void)state;
	check_scope(&c, "commune", &ways[0]);
	check_scope(&c, "commune", &ways[2]);
	check_scope(NULL, "province", &ways[0]);
}

/* A reader held to two districts with a third between them (a scope
 * with a hole): a list read through the pack's set, walked against it or
 * against the scope's ranks gives the plain query's rows within that
 * scope, none of the district between. */
static void test_a_scope_with_a_hole_is_obeyed_every_way(void **state)
{
	static const int chosen[] = {0, 4, 5, 7, 8, 9, 10, 12, 13, 14, 15, 16}; /* of ways[] */
	cadre_filter f = in_scope(NULL);
	search_query q = {.sort = SORT_NAME, .filter = f};
	size_t holed, whole;
	char path[600];
	cb_error err;
	int64_t *ids;
	(void)state;
	assert_int_equal(demo_fixture_scope_districts(db, conf, 7), 0);
	free(ids = plain(&q, &whole));
	assert_int_equal(demo_fixture_scope_districts(db, conf, 5), 0);
	free(ids = plain(&q, &holed));
	assert_true(holed > 0 && holed < whole);
	long walked = db->search.member_windows, ranked = db->search.rank_windows,
	     placed = db->search.place_windows;
	for (size_t w = 0; w < sizeof chosen / sizeof chosen[0]; w++)
		check_scope(NULL, "a scope with a hole", &ways[chosen[w]]);
	/* the scope's bounds make the lists scoped: all three ways ran */
	assert_true(db->search.member_windows > walked);
	assert_true(db->search.rank_windows > ranked);
	assert_true(db->search.place_windows > placed);
	/* the records kept in memory are the whole province's: the pack's
	 * set still holds the list to the reader's scope */
	long kept = db->search.kept_windows;
	keep_records();
	check_scope(NULL, "a scope with a hole, kept records", &ways[0]);
	check_scope(NULL, "a scope with a hole, kept records", &ways[4]);
	assert_true(db->search.kept_windows > kept);
	stats_keep_walks(db, false);
	/* back to no scope: open the store again */
	snprintf(path, sizeof path, "%s/demo.db", dir);
	store_close(db);
	assert_int_equal(store_open(&db, path, 0, &err), CB_OK);
}

/* Text typed in a drill-down: the set is found without it (the index
 * does not hold the names) and each of its cadres' names tested. */
static void test_text_in_a_district_list_equals_the_plain_query(void **state)
{
	static const char *const texts[] = {"van", "th", "nguyen thi", "zz"};
	static const tweak some[] = {women, managed_women, pool_free, not_good, heads_pool};
	unit_row d = largest(2);
	char name[128];
	long before = db->search.pack_windows;
	(void)state;
	for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++)
		for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
			for (size_t k = 0; k < sizeof some / sizeof some[0]; k++) {
				cadre_filter f = in_scope(&d);
				some[k](&f);
				snprintf(name, sizeof name, "district, \"%s\", tweak %zu", texts[t],
					 k);
				check_text(name, texts[t], &f, &ways[w]);
			}
	assert_true(db->search.pack_windows > before);
}

/* The number of cadres of f whose pack is -1 (by the plain query). */
static int odd_in(const cadre_filter *f)
{
	filter_sql fs;
	char sql[4096];
	sqlite3_stmt *st;
	int n;
	assert_true(filter_build(f, &fs));
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cadre c WHERE (" STATS_PACK_SQL ") = -1%s",
		 fs.where);
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(filter_bind(&fs, st, 1), CB_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The odd cadres are really in lists that take them (which the pack alone
 * would lose), and listed there: a fractional level among the district's
 * department heads, committees beyond the pack's eight bits among the
 * committee members, an education written as text (above every number
 * in SQLite's order) among the masters. */
static void test_codes_that_do_not_fit_the_pack_are_listed(void **state)
{
	const unit_row scopes[] = {largest(2), largest(3)};
	(void)state;
	for (size_t i = 0; i < 2; i++) {
		cadre_filter f = in_scope(&scopes[i]);
		f.population = POP_DEPT;
		if (i == 0) {
			assert_true(odd_in(&f) > 0);
			check_filter("odd: fractional level", &f, &ways[1]);
		}
		f.population = POP_TRAINING_GROUP;
		assert_true(odd_in(&f) > 0);
		check_filter("odd: committees beyond eight bits", &f, &ways[1]);
		f.population = POP_ALL;
		f.education_min = 5;
		assert_true(odd_in(&f) > 0);
		check_filter("odd: education as text", &f, &ways[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_district_lists_equal_the_plain_query_every_way),
		cmocka_unit_test(test_commune_and_province_lists_equal_the_plain_query),
		cmocka_unit_test(test_text_in_a_district_list_equals_the_plain_query),
		cmocka_unit_test(test_codes_that_do_not_fit_the_pack_are_listed),
		cmocka_unit_test(test_a_scope_with_a_hole_is_obeyed_every_way),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
