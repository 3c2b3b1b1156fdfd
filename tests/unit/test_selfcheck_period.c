/* test_selfcheck_period.c - the self-check period: a month, a quarter or
 * a half-year, read into its first and last month; a cadre who checked in
 * any month of the period is not missing from it. */
#include "store_fixture.h"

#include "plans.h"

static store *db;
static cb_error err;

static const char world[] =
	"INSERT INTO unit(id, code, name, kind, tier, parent_id, lo, hi) VALUES"
	" (1, '80', 'Tỉnh Long An', 'tỉnh', 1, NULL, 1, 2),"
	" (2, '794', 'Thành phố Tân An', 'thành phố', 2, 1, 2, 2);"
	"INSERT INTO cadre(id, full_name, name_fold, sort_key, rank, birth_date, gender,"
	" ethnicity, unit_id, position, pos_rank, level, education, theory) VALUES"
	" (1, 'Nguyễn Văn An', 'nguyen van an', x'01', 1024, '1975-04-30', 1, 'Kinh', 2,"
	"  'Bí thư Thành ủy', 1, 2, 4, 3),"
	" (2, 'Trần Thị Bích', 'tran thi bich', x'02', 2048, '1982-09-02', 2, 'Kinh', 2,"
	"  'Phó Chủ tịch UBND thành phố', 4, 2, 4, 2);"
	"INSERT INTO selfcheck(cadre_id, month, checked_on) VALUES (1, '2025-05', '2025-05-28');";

static int setup(void **state)
{
	(void)state;
	db = sf_open_sql(world);
	cb_error_clear(&err);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sf_close(db);
	return 0;
}

static cb_date day(const char *iso)
{
	cb_date d;
	assert_true(date_parse_iso(iso, &d));
	return d;
}

static void test_periods_read_into_months(void **state)
{
	char a[8], b[8];
	(void)state;
	assert_true(selfcheck_period_range("2025-06", a, b));
	assert_string_equal(a, "2025-06");
	assert_string_equal(b, "2025-06");
	assert_true(selfcheck_period_range("2025-Q2", a, b));
	assert_string_equal(a, "2025-04");
	assert_string_equal(b, "2025-06");
	assert_true(selfcheck_period_range("2025-H2", a, b));
	assert_string_equal(a, "2025-07");
	assert_string_equal(b, "2025-12");
	assert_false(selfcheck_period_range("2025-Q5", a, b));
	assert_false(selfcheck_period_range("2025-H3", a, b));
	assert_false(selfcheck_period_range("2025-13", a, b));
	assert_false(selfcheck_period_range("2025", a, b));
}

static void test_period_of_a_date(void **state)
{
	char buf[8];
	(void)state;
	selfcheck_period_of(day("2025-06-30"), 1, buf);
	assert_string_equal(buf, "2025-06");
	selfcheck_period_of(day("2025-06-30"), 3, buf);
	assert_string_equal(buf, "2025-Q2");
	selfcheck_period_of(day("2025-07-01"), 3, buf);
	assert_string_equal(buf, "2025-Q3");
	selfcheck_period_of(day("2025-06-30"), 6, buf);
	assert_string_equal(buf, "2025-H1");
	selfcheck_period_of(day("2025-07-01"), 6, buf);
	assert_string_equal(buf, "2025-H2");
}

static void test_a_check_in_any_month_covers_the_period(void **state)
{
	int done = -1, total = -1;
	(void)state;
	assert_int_equal(selfcheck_count(db, "2025-06", 0, 0, 0, &done, &total, &err), CB_OK);
	assert_int_equal(done, 0);
	assert_int_equal(selfcheck_count(db, "2025-Q2", 0, 0, 0, &done, &total, &err), CB_OK);
	assert_int_equal(done, 1);
	assert_int_equal(total, 2);
	assert_int_equal(selfcheck_count(db, "2025-H1", 0, 0, 0, &done, &total, &err), CB_OK);
	assert_int_equal(done, 1);
	assert_int_equal(selfcheck_count(db, "2025-Q3", 0, 0, 0, &done, &total, &err), CB_OK);
	assert_int_equal(done, 0);
	assert_int_equal(selfcheck_count(db, "2025-Q9", 0, 0, 0, &done, &total, &err), CB_EINVALID);
}

static int count_missing(const selfcheck_missing *m, void *ctx)
{
	assert_int_equal(m->cadre_id, 2);
	(*(int *)ctx)++;
	return 0;
}

static void test_missing_of_a_quarter_leaves_out_who_checked(void **state)
{
	int n = 0;
	(void)state;
	assert_int_equal(selfcheck_each_missing(db, "2025-Q2", 0, 0, 0, count_missing, &n, &err),
			 CB_OK);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods_read_into_months),
		cmocka_unit_test(test_period_of_a_date),
		cmocka_unit_test_setup_teardown(test_a_check_in_any_month_covers_the_period, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_missing_of_a_quarter_leaves_out_who_checked,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
