/* test_report.c - report layouts: reading reports/NAME.ini (and refusing
 * a broken one with its line), and the figures of a run over a corps whose
 * every count is worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "fixture.h"
#include "report.h"
#include "stats_db.h"

static char dir[256];
static cfg conf;
static store *db;

static int setup(void **state)
{
	char rep[300];
	(void)state;
	if (!fixture_tmpdir(dir, sizeof dir))
		return -1;
	/* the units of stats_db.h by code, as config_unit_index looks them up */
	static int by_code[] = {2, 3, 5, 6, 1, 4, 0};
	sdb_config(&conf);
	conf.unit_by_code = by_code;
	snprintf(conf.dir, sizeof conf.dir, "%s", dir);
	snprintf(rep, sizeof rep, "%s/reports", dir);
	if (mkdir(rep, 0700) != 0)
		return -1;
	db = sdb_open(dir, &conf);
	stats_pct_set_decimals(1);
	return db ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	store_close(db);
	fixture_rmtree(dir);
	return 0;
}

static void layout(const char *name, const char *text)
{
	char file[128];
	snprintf(file, sizeof file, "reports/%s.ini", name);
	assert_int_equal(fixture_write(dir, file, text), 0);
}

static const char districts[] = "[report]\n"
				"title = Cơ cấu\n"
				"source = Nghị quyết\n"
				"example = yes\n"
				"[header]\n"
				"party = ĐẢNG CỘNG SẢN VIỆT NAM\n"
				"[row.1]\n"
				"each = district\n"
				"[row.2]\n"
				"sum = yes\n"
				"label = Cộng\n"
				"[row.3]\n"
				"label = Nữ\n"
				"filter = gender:female\n"
				"[row.4]\n"
				"label = Toàn tỉnh\n"
				"population = all\n"
				"[column.1]\n"
				"label = Tổng số\n"
				"count = total\n"
				"[column.2]\n"
				"label = Nữ\n"
				"count = gender:female\n"
				"[column.3]\n"
				"label = Tỷ lệ nữ\n"
				"percent = gender:female\n"
				"of = row\n"
				"[column.4]\n"
				"label = Dưới 40\n"
				"count = under40:under40\n"
				"[column.5]\n"
				"label = Tỷ lệ so với toàn tỉnh\n"
				"percent = total\n"
				"[signature]\n"
				"line.1 = (Ký, ghi rõ họ tên)\n";

static void expect_line(const report *r, const report_line *l, const char *label,
			const char *const cells[5])
{
	char buf[24];
	assert_string_equal(l->label, label);
	for (size_t c = 0; c < 5; c++) {
		report_cell(r, l, c, buf, sizeof buf);
		assert_string_equal(buf, cells[c]);
	}
}

/* Tân An: 4 cadres (2 women, 3 under 40); Kiến Tường: 5 (2 women, 2 under
 * 40: Hạnh turns 40 on the reference date); the province level 3 more. */
static void test_each_cell_is_counted_by_hand(void **state)
{
	report r;
	report_result *res = malloc(sizeof *res);
	int64_t ids[SDB_MIXED_COUNT];
	cb_error err;
	(void)state;
	sdb_add_mixed(db, ids);
	layout("co-cau", districts);
	assert_int_equal(report_load(&conf, "co-cau", &r, &err), CB_OK);
	assert_true(r.example);
	assert_string_equal(r.party, "ĐẢNG CỘNG SẢN VIỆT NAM");
	assert_int_equal(r.nsign, 1);
	assert_int_equal(
		report_run(db, &conf, &r, date_from_ymd(2025, 6, 30), 2025, NULL, res, &err),
		CB_OK);
	assert_int_equal(res->n, 5);
	expect_line(&r, &res->lines[0], "Thành phố Tân An",
		    (const char *const[]){"4", "2", "50.0", "3", "33.3"});
	expect_line(&r, &res->lines[1], "Thị xã Kiến Tường",
		    (const char *const[]){"5", "2", "40.0", "2", "41.7"});
	expect_line(&r, &res->lines[2], "Cộng",
		    (const char *const[]){"9", "4", "44.4", "5", "75.0"});
	assert_true(res->lines[2].subtotal);
	expect_line(&r, &res->lines[3], "Nữ",
		    (const char *const[]){"6", "6", "100.0", "3", "50.0"});
	expect_line(&r, &res->lines[4], "Toàn tỉnh",
		    (const char *const[]){"12", "6", "50.0", "5", "100.0"});
	/* The list behind every count holds exactly the cadres counted. */
	for (size_t i = 0; i < res->n; i++)
		for (size_t c = 0; c < r.ncols; c++) {
			cadre_filter f;
			int rc = report_cell_filter(db, &conf, &r, res, i, c,
						    date_from_ymd(2025, 6, 30), &f, &err);
			if (res->lines[i].subtotal) {
				assert_int_equal(rc, CB_NOT_FOUND);
				continue;
			}
			if (rc == CB_NOT_FOUND) {
				assert_int_equal(res->lines[i].num[c], 0);
				continue;
			}
			assert_int_equal(rc, CB_OK);
			if (sdb_list_count(db, &f) != res->lines[i].num[c])
				fail_msg("line %zu column %zu: %lld listed, %lld counted", i, c,
					 (long long)sdb_list_count(db, &f),
					 (long long)res->lines[i].num[c]);
		}
	/* One district: its own line; the others count within it. */
	assert_int_equal(
		report_run(db, &conf, &r, date_from_ymd(2025, 6, 30), 2025, "795", res, &err),
		CB_OK);
	expect_line(&r, &res->lines[0], "Thị xã Kiến Tường",
		    (const char *const[]){"5", "2", "40.0", "2", "100.0"});
	expect_line(&r, &res->lines[res->n - 1], "Toàn tỉnh",
		    (const char *const[]){"5", "2", "40.0", "2", "100.0"});
	free(res);
}

static void test_a_value_unknown_to_the_dimension_is_named_with_its_line(void **state)
{
	report r;
	report_result *res = malloc(sizeof *res);
	cb_error err;
	(void)state;
	layout("hong", "[report]\ntitle = T\nsource = S\n[row.1]\nlabel = A\n"
		       "[column.1]\nlabel = B\ncount = gender:nobody\n");
	assert_int_equal(report_load(&conf, "hong", &r, &err), CB_OK);
	assert_int_equal(
		report_run(db, &conf, &r, date_from_ymd(2025, 6, 30), 2025, NULL, res, &err),
		CB_ECONFIG);
	assert_non_null(strstr(err.msg, "hong.ini:6:"));
	assert_non_null(strstr(err.msg, "nobody"));
	free(res);
}

/* Each broken layout is refused whole, with the line at fault. */
static void test_broken_layouts_are_refused_with_their_line(void **state)
{
	static const struct {
		const char *text, *where;
	} cases[] = {
		{"[report]\ntitle = T\nsource = S\n[rows.1]\nlabel = A\n", ":4:"},
		{"[report]\ntitle = T\nsource = S\n[row.1]\nlabel = A\ncolour = red\n", ":6:"},
		{"[report]\ntitle = T\nsource = S\n[row.1]\nlabel = A\npopulation = aliens\n"
		 "[column.1]\nlabel = B\ncount = total\n",
		 ":6:"},
		{"[report]\ntitle = T\nsource = S\n[row.1]\nlabel = A\n[column.1]\nlabel = B\n"
		 "count = total\npercent = total\n",
		 ":6:"},
		{"[report]\ntitle = T\nsource = S\n[row.1]\nlabel = A\n[column.1]\nlabel = B\n"
		 "count = height:tall\n",
		 ":8:"},
		{"[report]\ntitle = T\nsource = S\n[row.1]\nlabel = A\n[column.2]\nlabel = B\n"
		 "count = total\n",
		 ":6:"},
		{"[report]\nsource = S\n[row.1]\nlabel = A\n[column.1]\nlabel = B\ncount = total\n",
		 "title"},
		{"[report]\ntitle = T\nsource = S\nexample = maybe\n[row.1]\nlabel = A\n"
		 "[column.1]\nlabel = B\ncount = total\n",
		 ":4:"},
	};
	report r;
	cb_error err;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		layout("hong", cases[i].text);
		cb_error_clear(&err);
		assert_int_equal(report_load(&conf, "hong", &r, &err), CB_ECONFIG);
		if (!strstr(err.msg, cases[i].where))
			fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].where);
	}
	/* an unknown dimension is answered with every one a layout can name */
	layout("hong", "[report]\ntitle = T\nsource = S\n[row.1]\nlabel = A\n[column.1]\n"
		       "label = B\ncount = height:tall\n");
	assert_int_equal(report_load(&conf, "hong", &r, &err), CB_ECONFIG);
	for (int d = 0; d < DIM_COUNT; d++)
		if (!strstr(err.msg, stats_dim_name(d)))
			fail_msg("'%s' lacks the dimension '%s'", err.msg, stats_dim_name(d));
}

static void test_names_are_base_names_listed_in_order(void **state)
{
	char **names;
	size_t n;
	report r;
	cb_error err;
	(void)state;
	layout("b-second", districts);
	layout("a-first", districts);
	assert_int_equal(fixture_write(dir, "reports/notes.txt", "x"), 0);
	assert_int_equal(report_list(&conf, &names, &n, &err), CB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "a-first");
	assert_string_equal(names[1], "b-second");
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	assert_int_equal(report_load(&conf, "../stats", &r, &err), CB_EUSAGE);
	assert_int_equal(report_load(&conf, "missing", &r, &err), CB_EUSAGE);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_each_cell_is_counted_by_hand),
		T(test_a_value_unknown_to_the_dimension_is_named_with_its_line),
		T(test_broken_layouts_are_refused_with_their_line),
		T(test_names_are_base_names_listed_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
