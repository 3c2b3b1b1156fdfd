/* test_ui_marks.c - the marks of a list view: one row toggled, every row
 * of an array list or of a keyset source (read a chunk at a time, across
 * chunk boundaries) marked or inverted, marks outside the rows shown kept,
 * rows without an identity never marked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/ui/listview_internal.h"

struct row {
	int64_t id;
};

static int64_t id_of(const void *row)
{
	return ((const struct row *)row)->id;
}

static void test_toggle_keeps_the_ids_sorted(void **state)
{
	ui_marks m = {0};
	(void)state;
	assert_true(ui_marks_toggle(&m, 30));
	assert_true(ui_marks_toggle(&m, 10));
	assert_true(ui_marks_toggle(&m, 20));
	assert_int_equal(m.n, 3);
	assert_int_equal(m.ids[0], 10);
	assert_int_equal(m.ids[1], 20);
	assert_int_equal(m.ids[2], 30);
	assert_true(ui_marks_has(&m, 20));
	assert_true(ui_marks_toggle(&m, 20)); /* again: unmarked */
	assert_false(ui_marks_has(&m, 20));
	assert_int_equal(m.n, 2);
	ui_marks_clear(&m);
	assert_false(ui_marks_has(&m, 10));
	ui_marks_free(&m);
}

static void test_all_and_invert_over_an_array(void **state)
{
	struct row rows[] = {{5}, {3}, {0}, {9}, {3}}; /* 0: a heading, no identity */
	ui_listview_rows r = {.rows = rows, .n = 5, .row_size = sizeof rows[0]};
	ui_marks m = {0};
	(void)state;
	assert_true(ui_marks_toggle(&m, 100)); /* marked earlier, not shown now */
	assert_true(ui_marks_toggle(&m, 3));
	assert_true(ui_marks_rows(&m, &r, id_of, false));
	assert_int_equal(m.n, 4); /* 3, 5, 9, and 100 kept */
	assert_true(ui_marks_has(&m, 100));
	assert_false(ui_marks_has(&m, 0));
	assert_true(ui_marks_toggle(&m, 5));
	/* invert: 3 and 9 go, 5 comes back, 100 (not shown) stays */
	assert_true(ui_marks_rows(&m, &r, id_of, true));
	assert_int_equal(m.n, 2);
	assert_true(ui_marks_has(&m, 5));
	assert_true(ui_marks_has(&m, 100));
	assert_false(ui_marks_has(&m, 3));
	ui_marks_free(&m);
}

/* A keyset source of `total` rows with ids 2, 4, 6 ... (key = id). */
struct source {
	int64_t total;
	int fetches;
};

static int fetch(void *ctx, int64_t after, bool backwards, size_t limit, void *rows, size_t *n,
		 cb_error *err)
{
	struct source *s = ctx;
	struct row *out = rows;
	(void)backwards, (void)err;
	s->fetches++;
	*n = 0;
	for (int64_t id = after + 2; id <= 2 * s->total && *n < limit; id += 2)
		out[(*n)++].id = id;
	return CB_OK;
}

static int64_t key_of(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct row *)row)->id;
}

static void test_every_row_of_a_keyset_source(void **state)
{
	struct source s = {.total = 2500};
	ui_list_source src = {
		.row_size = sizeof(struct row), .fetch = fetch, .key_of = key_of, .ctx = &s};
	ui_listview_rows r = {.src = &src};
	ui_marks m = {0};
	(void)state;
	assert_true(ui_marks_rows(&m, &r, id_of, false));
	assert_int_equal(m.n, 2500);
	assert_true(s.fetches >= 3); /* a chunk at a time */
	assert_true(ui_marks_has(&m, 2));
	assert_true(ui_marks_has(&m, 5000));
	assert_false(ui_marks_has(&m, 5002));
	assert_true(ui_marks_toggle(&m, 2000));
	assert_true(ui_marks_rows(&m, &r, id_of, true));
	assert_int_equal(m.n, 1);
	assert_true(ui_marks_has(&m, 2000));
	ui_marks_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toggle_keeps_the_ids_sorted),
		cmocka_unit_test(test_all_and_invert_over_an_array),
		cmocka_unit_test(test_every_row_of_a_keyset_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
