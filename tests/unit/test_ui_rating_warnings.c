/* test_ui_rating_warnings.c - the findings a row of the organisations
 * screen or of a breakdown by rating picks through the index built once
 * per load are those a walk over every finding picks: the count and the
 * first of each check, for every organisation, every grade and both, over
 * the demo province's year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/rating_warnings.h"
#include "config.h"
#include "demo.h"
#include "demo_fixture.h"
#include "store.h"

static char dir[256];
static cfg *config;
static store *db;

static int setup(void **state)
{
	demo_options o = {.seed = 7, .cadres = 2000};
	(void)state;
	setenv("CANBO_TODAY", "2026-01-20", 1);
	if (demo_fixture_build(dir, sizeof dir, o.seed, o.cadres, &config, &db, NULL, 0, NULL))
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

static bool about(const eval_finding *f, rating_warning_key k)
{
	return (!k.org_id || f->org_id == k.org_id) &&
	       (!k.grade || eval_finding_grade(f) == k.grade);
}

/* The row's findings by walking them all, as the screens once did. */
static void agrees(const rating_warnings *w, rating_warning_key k)
{
	size_t n = 0;

	for (size_t i = 0; i < w->n; i++)
		n += about(&w->found[i], k);
	assert_int_equal(rating_warnings_count(w, k), n);
	for (int check = 0; check <= EVAL_CHECK_DIFFERS; check++) {
		const eval_finding *first = NULL;
		for (size_t i = 0; i < w->n && !first; i++)
			if (about(&w->found[i], k) && (!check || w->found[i].check == check))
				first = &w->found[i];
		assert_ptr_equal(rating_warnings_find(w, k, check), first);
	}
}

static void test_every_row_picks_what_a_walk_picks(void **state)
{
	char path[512];
	rating_warnings w;
	cb_error err;
	int64_t orgs = 0;
	(void)state;

	memset(&w, 0, sizeof w);
	snprintf(path, sizeof path, "%s/config/evaluation.ini", fixture_source_dir());
	assert_int_equal(eval_rules_load_file(path, &w.rules, &err), CB_OK);
	assert_false(w.known);
	assert_int_equal(rating_warnings_load(&w, db, NULL, 2025, &err), CB_OK);
	assert_true(w.known);
	assert_true(w.n > 100);
	for (size_t i = 0; i < w.n; i++)
		orgs = w.found[i].org_id > orgs ? w.found[i].org_id : orgs;
	/* every organisation id up to one past the last, with each grade */
	for (int64_t org = 0; org <= orgs + 1; org++)
		for (int grade = -1; grade <= 5; grade++)
			agrees(&w, (rating_warning_key){.org_id = org, .grade = grade});
	/* forgotten: nothing until the next load */
	rating_warnings_forget(&w);
	assert_false(w.known);
	assert_int_equal(rating_warnings_count(&w, (rating_warning_key){0}), 0);
	assert_null(rating_warnings_find(&w, (rating_warning_key){.grade = 1}, 0));
	rating_warnings_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row_picks_what_a_walk_picks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
