/* test_demo_eval.c - the demo's evaluations of its last year agree with
 * its ratings: one decided evaluation per rated cadre, its grade the
 * rating, its groups adding up to its score, its computed grade what the
 * configured rules give (recomputed here), and a few decisions below the
 * rules' proposal for the checks to find. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "config.h"
#include "demo.h"
#include "evaluation.h"
#include "demo_fixture.h"
#include "store.h"

static char dir[256];
static cfg *config;
static store *db;
static demo_stats stats;

static int setup(void **state)
{
	demo_options o = {.seed = 7, .cadres = 400};
	(void)state;
	if (demo_fixture_build(dir, sizeof dir, o.seed, o.cadres, &config, &db, NULL, 0, &stats))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	config_free(config);
	fixture_rmtree(dir);
	return 0;
}

static long scalar(const char *sql)
{
	sqlite3_stmt *st;
	long v;
	assert_int_equal(sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_one_decided_evaluation_per_rating_of_the_last_year(void **state)
{
	(void)state;
	assert_true(stats.evaluations > 0);
	assert_int_equal(
		stats.evaluations,
		scalar("SELECT count(*) FROM rating WHERE year = 2025 AND cadre_id IS NOT NULL"));
	assert_int_equal(scalar("SELECT count(*) FROM evaluation"), stats.evaluations);
	assert_int_equal(scalar("SELECT count(*) FROM evaluation e JOIN rating r ON"
				" r.cadre_id = e.cadre_id AND r.year = 2025 WHERE e.period = '2025'"
				" AND e.grade = r.grade AND e.decided_on = '2025-12-20'"),
			 stats.evaluations);
	assert_int_equal(
		scalar("SELECT count(*) FROM evaluation e WHERE score <>"
		       " (SELECT sum(points) FROM evaluation_score WHERE evaluation_id = e.id)"),
		0);
}

static void test_computed_grades_are_those_of_the_rules(void **state)
{
	eval_rules rules;
	cb_error err;
	sqlite3_stmt *st;
	int rows = 0, lowered = 0;
	(void)state;
	assert_int_equal(config_evaluation_load(config, &rules, &err), CB_OK);
	assert_int_equal(
		sqlite3_prepare_v2(store_db(db),
				   "SELECT score, assigned, on_time, late, exceeded, computed,"
				   " grade FROM evaluation",
				   -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		eval_tasks t = {sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
				sqlite3_column_int(st, 3), sqlite3_column_int(st, 4)};
		int computed = sqlite3_column_int(st, 5), grade = sqlite3_column_int(st, 6);
		assert_int_equal(eval_tasks_check(&t, &err), CB_OK);
		assert_int_equal(eval_propose(&rules, sqlite3_column_int(st, 0), &t), computed);
		if (computed != grade) {
			assert_int_equal(computed, 1);
			assert_int_equal(grade, 2);
			lowered++;
		}
		rows++;
	}
	sqlite3_finalize(st);
	eval_rules_free(&rules);
	assert_int_equal(rows, stats.evaluations);
	assert_true(lowered > 0);
	assert_true(lowered * 20 < rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_decided_evaluation_per_rating_of_the_last_year),
		cmocka_unit_test(test_computed_grades_are_those_of_the_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
