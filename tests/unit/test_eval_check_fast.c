/* test_eval_check_fast.c - the checks on a year's ratings read the cheap
 * way (eval_check_fast.c: the yearly summary, last year's plans) find
 * exactly what the reference statements over the records find, finding
 * for finding and in the same order, over the demo province: every year,
 * the whole province, a district, and a reader held to a district and a
 * commune of another; again after ratings are written; and a check told
 * to stop stops with CB_STOPPED. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/eval_check_internal.h"
#include "access.h"
#include "config.h"
#include "demo.h"
#include "evaluation.h"
#include "demo_fixture.h"
#include "store.h"

static char dir[256];
static cfg *config;
static store *db;
static eval_rules rules;

static int setup(void **state)
{
	char path[512];
	cb_error err;
	demo_options o = {.seed = 7, .cadres = 2000};
	(void)state;
	setenv("CANBO_TODAY", "2026-01-20", 1);
	if (demo_fixture_build(dir, sizeof dir, o.seed, o.cadres, &config, &db, NULL, 0, NULL))
		return -1;
	snprintf(path, sizeof path, "%s/config/evaluation.ini", fixture_source_dir());
	if (eval_rules_load_file(path, &rules, &err) != CB_OK)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	eval_rules_free(&rules);
	config_free(config);
	fixture_rmtree(dir);
	return 0;
}

typedef struct findings {
	eval_finding *f;
	size_t n, cap;
} findings;

static int keep(const eval_finding *f, void *ctx)
{
	findings *l = ctx;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->f = realloc(l->f, l->cap * sizeof *l->f);
		assert_non_null(l->f);
	}
	l->f[l->n++] = *f;
	return 0;
}

/* The findings of check by both ways agree field by field; returns how
 * many there are. */
static size_t same_findings(const eval_scope *sc, int year, int check)
{
	findings fast = {0}, ref = {0};
	cb_error err;
	size_t n;

	assert_int_equal(eval_check_one(db, &rules, sc, year, check, keep, &fast, &err), CB_OK);
	assert_int_equal(eval_check_sql(db, &rules, sc, year, check, keep, &ref, &err), CB_OK);
	if (fast.n != ref.n)
		fail_msg("check %d of %d: %zu findings, the reference %zu", check, year, fast.n,
			 ref.n);
	for (size_t i = 0; i < ref.n; i++) {
		const eval_finding *a = &fast.f[i], *b = &ref.f[i];
		if (a->check != b->check || a->org != b->org || a->id != b->id ||
		    a->org_id != b->org_id || a->excess != b->excess || a->a != b->a ||
		    a->b != b->b || strcmp(a->name, b->name) || strcmp(a->org_name, b->org_name) ||
		    strcmp(a->unit_name, b->unit_name))
			fail_msg("check %d of %d, finding %zu: %s (%lld, %d/%d) against %s (%lld, "
				 "%d/%d)",
				 check, year, i, a->name, (long long)a->id, a->a, a->b, b->name,
				 (long long)b->id, b->a, b->b);
	}
	n = ref.n;
	free(fast.f);
	free(ref.f);
	return n;
}

/* Every check of every year in sc; how many findings each check had. */
static void all_agree(const eval_scope *sc, size_t found[EVAL_CHECK_DIFFERS + 1])
{
	for (int c = 0; c <= EVAL_CHECK_DIFFERS; c++)
		found[c] = 0;
	for (int year = 2022; year <= 2026; year++)
		for (int c = EVAL_CHECK_CAP; c <= EVAL_CHECK_DIFFERS; c++)
			found[c] += same_findings(sc, year, c);
}

/* The subtree of the first district of the configuration. */
static eval_scope first_district(int *index)
{
	unit_row u;
	cb_error err;

	for (size_t i = 0; i < config->unit_count; i++)
		if (config->units[i].tier == 2) {
			assert_int_equal(store_unit_by_code(db, config->units[i].code, &u, &err),
					 CB_OK);
			*index = (int)i;
			return (eval_scope){u.lo, u.hi};
		}
	fail_msg("the configuration has no district");
	return (eval_scope){0, 0};
}

static void test_the_whole_province_agrees(void **state)
{
	size_t found[EVAL_CHECK_DIFFERS + 1];

	(void)state;
	all_agree(NULL, found);
	/* each check has something to compare */
	for (int c = EVAL_CHECK_CAP; c <= EVAL_CHECK_DIFFERS; c++)
		if (!found[c])
			fail_msg("the demo has no finding of check %d", c);
}

static void test_a_district_agrees(void **state)
{
	size_t found[EVAL_CHECK_DIFFERS + 1];
	int d;
	eval_scope sc = first_district(&d);

	(void)state;
	all_agree(&sc, found);
	assert_true(found[EVAL_CHECK_CAP] > 0);
}

/* A reader held to the first district and one commune of another: the
 * scope has a hole between them, which in_scope closes. */
static void test_a_reader_with_holes_agrees(void **state)
{
	bool *units = calloc(config->unit_count, 1), *readable = calloc(config->unit_count, 1);
	access_scope sc = {0};
	size_t found[EVAL_CHECK_DIFFERS + 1], whole[EVAL_CHECK_DIFFERS + 1];
	cb_error err;
	int d, other = -1;

	(void)state;
	assert_non_null(units);
	assert_non_null(readable);
	first_district(&d);
	for (size_t i = 0; i < config->unit_count; i++) {
		readable[i] = true;
		units[i] = (int)i == d || config->units[i].parent == d;
		if (other < 0 && config->units[i].tier == 3 && config->units[i].parent != d)
			other = (int)i;
	}
	assert_true(other >= 0);
	units[other] = true;
	sc.units = units;
	sc.readable = readable;
	all_agree(NULL, whole);
	assert_int_equal(store_scope_from(db, config, &sc, &err), CB_OK);
	all_agree(NULL, found);
	assert_true(found[EVAL_CHECK_CAP] > 0);
	assert_true(found[EVAL_CHECK_CAP] < whole[EVAL_CHECK_CAP]);
	free(units); /* the store keeps the scope: this test runs last */
	free(readable);
}

/* Ratings written after the build (the summary kept by its triggers):
 * cadres and organisations failed two years, excellent ratings moved. */
static void test_after_writes_they_agree(void **state)
{
	size_t found[EVAL_CHECK_DIFFERS + 1];
	cb_error err;
	sqlite3_stmt *st;
	int k = 0;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(store_db(db),
					    "SELECT c.id, c.org_id FROM cadre c WHERE c.org_id IS "
					    "NOT NULL ORDER BY c.id LIMIT 40",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), org = sqlite3_column_int64(st, 1);
		/* 2025's decided evaluations hold its ratings: 2023 and 2024 */
		if (k % 2 == 0) { /* two failed years */
			assert_int_equal(store_rating_set(db, id, 2023, 4, &err), CB_OK);
			assert_int_equal(store_rating_set(db, id, 2024, 4, &err), CB_OK);
		} else { /* excellent over the cap */
			assert_int_equal(store_rating_set(db, id, 2024, 1, &err), CB_OK);
		}
		if (k % 8 == 0) {
			assert_int_equal(store_org_rating_set(db, org, 2023, 4, &err), CB_OK);
			assert_int_equal(store_org_rating_set(db, org, 2024, 4, &err), CB_OK);
		}
		k++;
	}
	sqlite3_finalize(st);
	assert_int_equal(k, 40);
	all_agree(NULL, found);
	assert_true(found[EVAL_CHECK_FAILED_TWICE] >= 20 + 5);
}

static int stop_after;

static int stop_at_last(void *ctx)
{
	(void)ctx;
	return stop_after-- <= 0;
}

/* Told to stop, the checks stop and say so; never told, they find what
 * eval_check_year finds. */
static void test_a_check_told_to_stop_stops(void **state)
{
	findings all = {0}, some = {0}, until = {0};
	cb_error err;

	(void)state;
	assert_int_equal(eval_check_year(db, &rules, NULL, 2025, keep, &all, &err), CB_OK);
	assert_true(all.n > 0);
	stop_after = 0;
	assert_int_equal(eval_check_year_until(db, &rules, NULL, 2025, stop_at_last, NULL, keep,
					       &some, &err),
			 CB_STOPPED);
	assert_int_equal(some.n, 0); /* asked before any read */
	stop_after = 2;
	assert_int_equal(eval_check_year_until(db, &rules, NULL, 2025, stop_at_last, NULL, keep,
					       &some, &err),
			 CB_STOPPED);
	assert_true(some.n < all.n);
	stop_after = 1 << 30;
	assert_int_equal(eval_check_year_until(db, &rules, NULL, 2025, stop_at_last, NULL, keep,
					       &until, &err),
			 CB_OK);
	assert_int_equal(until.n, all.n);
	for (size_t i = 0; i < all.n; i++)
		assert_int_equal(until.f[i].id, all.f[i].id);
	/* the store still reads after a stop */
	free(some.f);
	some = (findings){0};
	assert_int_equal(eval_check_year(db, &rules, NULL, 2025, keep, &some, &err), CB_OK);
	assert_int_equal(some.n, all.n);
	free(all.f);
	free(some.f);
	free(until.f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_whole_province_agrees),
		cmocka_unit_test(test_a_district_agrees),
		cmocka_unit_test(test_a_check_told_to_stop_stops),
		cmocka_unit_test(test_after_writes_they_agree),
		cmocka_unit_test(test_a_reader_with_holes_agrees),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
