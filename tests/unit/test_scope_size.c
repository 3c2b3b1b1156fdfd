/* test_scope_size.c - whether a unit scope is small: counted exactly up
 * to a small threshold, sampled by rank above it, with the same answer
 * as a count wherever the scope is not within a few percent of the
 * threshold, and far fewer rows read. */
#include "store_fixture.h"

#include "../../src/core/scope_size.h"

/* 4 000 cadres with ranks 1024 apart, in Phường 1 (3 000, every rank
 * but each fourth), Phường Tân Khánh (700) and Thị trấn Hậu Nghĩa
 * (300), interleaved along the ranks as names of any unit are. */
static void fill(void)
{
	char sql[1200];
	int64_t p1 = sf_unit(S, "27694").id, tk = sf_unit(S, "27692").id,
		hn = sf_unit(S, "27931").id;
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 3999)"
		 " INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date, gender,"
		 " ethnicity, unit_id, position, pos_rank, level, education, theory)"
		 " SELECT 'Nguyễn Văn A', 'nguyen van a', x'00', 1024 * (i + 1), '1980-01-01', 1,"
		 " 'Kinh', CASE WHEN i %% 4 <> 3 THEN %lld WHEN i %% 40 < 28 THEN %lld ELSE %lld "
		 "END,"
		 " 'Chuyên viên', 9, 0, 4, 3 FROM n",
		 (long long)p1, (long long)tk, (long long)hn);
	assert_int_equal(sqlite3_exec(store_db(S), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre"), 4000);
}

static bool below(const char *code, int limit)
{
	unit_row u = sf_unit(S, code);
	cb_error err;
	bool b = true;
	assert_int_equal(scope_size_below(S, u.lo, u.hi, limit, &b, &err), CB_OK);
	return b;
}

static int steps;
static int count_step(void *p)
{
	(void)p;
	steps++;
	return 0;
}

/* The virtual machine steps the answer took. */
static int steps_of(const char *code, int limit)
{
	steps = 0;
	sqlite3_progress_handler(store_db(S), 1, count_step, NULL);
	(void)below(code, limit);
	sqlite3_progress_handler(store_db(S), 0, NULL, NULL);
	return steps;
}

static void test_small_threshold_counts_exactly(void **state)
{
	(void)state;
	fill();
	assert_int_equal(sf_count(S, "SELECT count(*) FROM cadre c JOIN unit u ON u.id = c.unit_id"
				     " WHERE u.code = '27931'"),
			 300);
	assert_false(below("27931", 300));
	assert_true(below("27931", 301));
	assert_false(below("794", 2048)); /* 3 700 */
	assert_true(below("802", 2048));  /* 300 */
}

static void test_large_threshold_is_sampled_with_the_same_answer(void **state)
{
	(void)state;
	fill();
	/* Thị trấn Hậu Nghĩa 300, Huyện Đức Hòa 300, Phường 1 3 000,
	 * Thành phố Tân An 3 700, the province 4 000 */
	assert_true(below("27931", 2500));
	assert_true(below("802", 2500));
	assert_false(below("27694", 2500));
	assert_false(below("794", 2500));
	assert_true(below("794", 5000));
	assert_false(below("80", 3000));
	assert_true(below("80", 100000));
	assert_true(below("27692", 3000)); /* 700 */
}

static void test_sample_reads_few_rows(void **state)
{
	(void)state;
	fill();
	/* counting 2 048 of Thành phố Tân An's 3 700 cadres against telling
	 * 2 500 of them from a sample */
	int counted = steps_of("794", 2048), sampled = steps_of("794", 2500);
	assert_true(counted > 2048);
	assert_true(sampled * 4 < counted);
}

static void test_empty_database_is_narrow(void **state)
{
	(void)state;
	assert_true(below("80", 16384));
	assert_true(below("80", 1));
}

#define T(f) cmocka_unit_test_setup_teardown(f, sf_setup, sf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_small_threshold_counts_exactly),
		T(test_large_threshold_is_sampled_with_the_same_answer),
		T(test_sample_reads_few_rows),
		T(test_empty_database_is_narrow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
